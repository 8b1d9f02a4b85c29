"""HTTP API and web interface (FastAPI).

``create_app(db_url)`` builds the app over one store.  JSON endpoints live under ``/api``; the OpenAPI
spec is at ``/openapi.json`` (interactive docs at ``/api/docs``).  Pages: ``/`` (map, timeline, filters,
event list), ``/events/{id}`` (sources side by side), ``/documents/{id}``.

Every query parameter is validated (dates, limits, known types) and bad ones get a 4xx with a message;
store queries are parameterised, never built from strings.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from rasad.model import ACLED_TAXONOMY, SUB_EVENT_TO_TYPE, CanonicalEvent, Document, Report
from rasad.store.base import EventFilter, Store, open_store
from rasad.store.search import SearchQuery, SearchQueryError
from rasad.web import views

WEB_DIR = Path(__file__).parent
MAX_PAGE = 500
#: The ``q`` parameter of the listings, as OpenAPI documents it (semantics: ``rasad.store.search``).
SearchParam = Annotated[str | None, Query(description=(
    "Text search: events holding every word (or \"quoted phrase\") in their evidence, actor or place wording, "
    "also inside longer words; hamza, ي/ی, ك/ک, ة/ه, tashkeel, tatweel, ZWNJ and case do not matter; other "
    "characters are literal. A merged event matches through any of its tellings. At most 200 characters, "
    "32 words."))]
MAX_INGEST_BYTES = 20 * 1024 * 1024


class StorePool:
    """One store connection per thread: SQLite connections must not cross threads."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._lock = threading.Lock()  # serialises writes (ingest + merge) within this process

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            self._local.store = store
        return store

    @contextmanager
    def writing(self) -> Iterator[Store]:
        with self._lock:
            yield self.get()


def _parse_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(status_code=400, detail=f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None


def build_filter(
    event_type: str | None = None,
    sub_event_type: str | None = None,
    place: str | None = None,
    admin1: str | None = None,
    actor: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    q: str | None = None,
    lang: str | None = None,
    doc_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> EventFilter:
    """Validate query parameters into an EventFilter (400 on bad values)."""
    if event_type and event_type not in ACLED_TAXONOMY:
        raise HTTPException(400, f"unknown event_type {event_type!r}; one of: {', '.join(ACLED_TAXONOMY)}")
    if sub_event_type and sub_event_type not in SUB_EVENT_TO_TYPE:
        raise HTTPException(400, f"unknown sub_event_type {sub_event_type!r}")
    d0, d1 = _parse_date(date_from, "date_from"), _parse_date(date_to, "date_to")
    if d0 and d1 and d0 > d1:
        raise HTTPException(400, "date_from is after date_to")
    if limit is not None and not (1 <= limit <= MAX_PAGE):
        raise HTTPException(400, f"limit must be between 1 and {MAX_PAGE}")
    if offset < 0:
        raise HTTPException(400, "offset must be >= 0")
    for name, value in (("place", place), ("actor", actor), ("q", q), ("admin1", admin1)):
        if value is not None and len(value) > 200:
            raise HTTPException(400, f"{name} is too long (max 200 characters)")
    if q:
        try:  # q: every word (or "quoted phrase") as a substring of one telling, see rasad.store.search
            SearchQuery.parse(q)
        except SearchQueryError as exc:
            raise HTTPException(400, f"q: {exc}") from None
    # a canonical actor id is matched exactly (indexed); anything else is searched in the outlets' wording
    from rasad.extract.actors import known_actor_ids  # the lexicons load on the first actor filter only

    actor_id = actor if actor and actor in known_actor_ids() else None
    flt = EventFilter(event_type=event_type or None, sub_event_type=sub_event_type or None, place_id=place or None,
                      admin1=admin1 or None, actor=None if actor_id else (actor or None), actor_id=actor_id,
                      date_from=d0, date_to=d1, text=q or None,
                      lang=lang or None, doc_id=doc_id or None, limit=limit, offset=offset)
    if place:
        _narrow_to_gazetteer_place(flt, place)
    return flt


def _narrow_to_gazetteer_place(flt: EventFilter, place: str) -> None:
    """A gazetteer id selects everything inside that place: an admin area by its admin columns, a city or
    town by its own id plus the ids of the neighbourhoods and places inside it.  Anything else (a name, an
    unknown id) stays a match on the place id or any admin level with that name."""
    if ":" not in place:
        return
    from rasad.places.gazetteer import load_gazetteer

    g = load_gazetteer()
    entry = g.get(place)
    if entry is None or entry.feature in ("country", "region"):
        return  # whole countries/regions: events located there by name (an id list would be thousands long)
    flt.place_id = None
    if entry.feature in ("admin1", "admin2", "admin3"):
        flt.admin1 = entry.admin1 or (entry.name if entry.feature == "admin1" else None)
        if entry.feature in ("admin2", "admin3"):
            setattr(flt, entry.feature, entry.name)
    else:
        flt.place_ids = [entry.id] + [p.id for p in g.inside(entry)]


#: Counting every match of a broad filter on a large store costs more than the page itself; totals above
#: this are reported as a lower bound ("total_is_lower_bound": true).
COUNT_CAP = 10_000
#: A text search (``q``) counts up to this many: a common word has a match every few rows, so walking the
#: listing order to the cap is a few thousand rows (10-40 ms at 300,000 tellings, 10x that at 10,000).
SEARCH_COUNT_CAP = 1_000


def count_cap(q: str | None, offset: int, limit: int, otherwise: int | None) -> int | None:
    """Where a listing's count stops: ``SEARCH_COUNT_CAP`` for a ``q`` with words, else ``otherwise``
    (None: exact); never below the end of the requested page."""
    cap = SEARCH_COUNT_CAP if q and SearchQuery.parse(q).terms else otherwise
    return None if cap is None else max(cap, offset + limit)


def total_label(total: int, cap: int) -> str:
    """A count as the UI shows it: ``"1,234"``, or ``"10,000+"`` when counting stopped at ``cap``."""
    return f"{cap:,}+" if total > cap else f"{total:,}"


def known_total(n_items: int, offset: int, limit: int) -> int | None:
    """The total a page already tells without counting: a short page that holds something (or the first
    page, empty) ends the listing.  None when a count is needed."""
    if 0 < n_items < limit or (n_items == 0 and offset == 0):
        return offset + n_items
    return None


def _page(items: list[Any], total: int, limit: int, offset: int, cap: int | None = None) -> dict[str, Any]:
    lower_bound = cap is not None and total > cap
    if lower_bound:
        total = max(cap, offset + len(items))
    return {"items": items, "total": total, "total_is_lower_bound": lower_bound, "limit": limit, "offset": offset,
            "next_offset": offset + limit if (offset + limit < total or lower_bound) and len(items) == limit
            else None}


def event_detail(store: Store, ce: CanonicalEvent,
                 doc_cache: dict[str, Document | None] | None = None) -> dict[str, Any]:
    """Everything the event page and ``GET /api/canonical-events/{id}`` show.

    ``doc_cache`` lets a caller rendering many events (the HTML report) load each document once."""
    docs: dict[str, Document | None] = {} if doc_cache is None else doc_cache
    by_doc: dict[str, list[Report]] = {}
    for rep in ce.reports:
        by_doc.setdefault(rep.doc_id, []).append(rep)
    panels = []
    for doc_id, reps in by_doc.items():
        if doc_id not in docs:
            docs[doc_id] = store.get_document(doc_id)
        doc = docs[doc_id]
        if doc is None:
            continue
        wanted = {r.event_id for r in reps}
        panel = views.source_panel(doc, [e for e in doc.events if e.id in wanted])
        panel["independent"] = any(r.independent for r in reps)
        panel["copy_of"] = next((r.copy_of for r in reps if r.copy_of), None)
        panels.append(panel)
    claims = []
    for rep in ce.reports:
        claims.extend(c.to_dict() for c in store.iter_claims(event_id=rep.event_id))
    return {
        **views.event_summary(ce),
        "notes": english_notes(ce),
        "sources": panels,
        "comparisons": views.comparison_rows(ce),
        "claims": claims,
        "record": ce.to_dict(),
    }


def english_notes(ce: CanonicalEvent) -> str:
    """ACLED-style English notes (from rasad.outputs when the exports module provides them)."""
    from rasad.outputs.notes import event_notes

    return event_notes(ce)


def create_app(db_url: str) -> FastAPI:
    pool = StorePool(db_url)
    app = FastAPI(
        title="Rasad API",
        version="1",
        description="Conflict events from Arabic, Persian and English news, merged across sources, "
        "with attributed claims and the disagreements between sources.",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.pool = pool
    templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")

    # ------------------------------------------------------------------ API: documents
    @app.get("/api/documents", tags=["documents"])
    def list_documents(limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                       offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        store = pool.get()
        return _page(store.list_documents(limit=limit, offset=offset), store.count_documents(), limit, offset)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def get_document(doc_id: str) -> dict[str, Any]:
        store = pool.get()
        doc = _find_document(store, doc_id)
        return doc.to_dict()

    @app.post("/api/documents", tags=["documents"], status_code=201)
    def ingest_document(
        payload: Annotated[dict[str, Any], Body(examples=[{
            "text": "...", "title": "...", "outlet": "SANA", "published": "2013-07-29", "url": None, "lang": None}])],
    ) -> JSONResponse:
        """Ingest one article (JSON: text, title, outlet, published, url, lang), run every stage and re-merge.

        201 when new, 200 when the same content was already stored, 400/413/422 with a reason otherwise."""
        from rasad.web.ingest import ingest_payload

        text = payload.get("text")
        if not isinstance(text, str):
            raise HTTPException(422, "field 'text' (string) is required")
        if len(text.encode("utf-8", errors="surrogatepass")) > MAX_INGEST_BYTES:
            raise HTTPException(413, "article larger than 20 MB")
        with pool.writing() as store:
            try:
                doc_id, created = ingest_payload(store, payload)
            except ValueError as exc:
                raise HTTPException(400, str(exc)) from None
        return JSONResponse({"id": doc_id, "created": created}, status_code=201 if created else 200)

    # ------------------------------------------------------------------ API: events
    @app.get("/api/events", tags=["events"])
    def list_report_events(
        event_type: str | None = None, sub_event_type: str | None = None, place: str | None = None,
        admin1: str | None = None, actor: str | None = None, date_from: str | None = None,
        date_to: str | None = None, q: SearchParam = None, lang: str | None = None, doc_id: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> dict[str, Any]:
        """Events as told by single documents (before merging).

        `total` is exact, except with `q`: counting stops after 1,000 matches (or `offset + limit`, if larger)
        and `total_is_lower_bound` is then true ("1,000+"); `next_offset` still pages to the last match."""
        flt = build_filter(event_type, sub_event_type, place, admin1, actor, date_from, date_to, q, lang, doc_id,
                           limit, offset)
        store = pool.get()
        items = [e.to_dict() for e in store.iter_events(flt)]
        total_flt = build_filter(event_type, sub_event_type, place, admin1, actor, date_from, date_to, q, lang,
                                 doc_id)
        # counting every match of a common word costs more than the page: text searches count up to a cap,
        # other filters count exactly (index lookups)
        cap = count_cap(q, offset, limit, None)
        total = known_total(len(items), offset, limit)
        return _page(items, store.count_events(total_flt, cap=cap) if total is None else total, limit, offset, cap)

    @app.get("/api/canonical-events", tags=["events"])
    def list_canonical_events(
        event_type: str | None = None, sub_event_type: str | None = None, place: str | None = None,
        admin1: str | None = None, actor: str | None = None, date_from: str | None = None,
        date_to: str | None = None, q: SearchParam = None,
        limit: int = 50, offset: int = 0,
    ) -> dict[str, Any]:
        """Merged events; filter by place (the place itself or anything inside an admin area), actor, type,
        date range and text.

        Counting stops after 10,000 matches, 1,000 with `q` (or `offset + limit`, if larger): a larger `total`
        is reported as that many with `total_is_lower_bound` true ("10,000+"); `next_offset` still pages to
        the last match."""
        flt = build_filter(event_type, sub_event_type, place, admin1, actor, date_from, date_to, q, None, None,
                           limit, offset)
        store = pool.get()
        items = [views.event_summary(ce) for ce in store.iter_canonical_events(flt)]
        total_flt = build_filter(event_type, sub_event_type, place, admin1, actor, date_from, date_to, q)
        cap = count_cap(q, offset, limit, COUNT_CAP)
        total = known_total(len(items), offset, limit)
        if total is None:
            total = store.count_canonical_events(total_flt, cap=cap)
        return _page(items, total, limit, offset, cap)

    @app.get("/api/canonical-events/{event_id}", tags=["events"])
    def get_canonical_event(event_id: str) -> dict[str, Any]:
        store = pool.get()
        ce = store.get_canonical_event(event_id)
        if ce is None:
            raise HTTPException(404, f"no canonical event {event_id!r}")
        return event_detail(store, ce)

    @app.get("/api/map", tags=["events"])
    def map_points(
        event_type: str | None = None, place: str | None = None, admin1: str | None = None,
        actor: str | None = None, date_from: str | None = None, date_to: str | None = None, q: SearchParam = None,
    ) -> dict[str, Any]:
        """Compact records of every matching canonical event with coordinates, for the map and timeline."""
        flt = build_filter(event_type, None, place, admin1, actor, date_from, date_to, q)
        store = pool.get()
        return {"items": [views.event_summary(ce) for ce in store.iter_canonical_events(flt)]}

    # ------------------------------------------------------------------ API: stories, claims, basemap
    @app.get("/api/stories", tags=["stories"])
    def list_stories(limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                     offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        stories = [s.to_dict() for s in pool.get().iter_stories()]
        return _page(stories[offset:offset + limit], len(stories), limit, offset)

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def get_story(story_id: str) -> dict[str, Any]:
        story = pool.get().get_story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id!r}")
        return story.to_dict()

    @app.get("/api/claims", tags=["claims"])
    def list_claims(doc_id: str | None = None, event_id: str | None = None,
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
                    offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        claims = [c.to_dict() for c in pool.get().iter_claims(doc_id=doc_id, event_id=event_id)]
        return _page(claims[offset:offset + limit], len(claims), limit, offset)

    @app.get("/api/basemap", tags=["map"])
    def basemap() -> dict[str, Any]:
        return views.basemap_geojson()

    # ------------------------------------------------------------------ pages
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        params = dict(request.query_params)
        flt = build_filter(params.get("event_type") or None, None, params.get("place") or None,
                           params.get("admin1") or None, params.get("actor") or None,
                           params.get("date_from") or None, params.get("date_to") or None, params.get("q") or None,
                           limit=200)
        store = pool.get()
        events = [views.event_summary(ce) for ce in store.iter_canonical_events(flt)]
        stories = list(store.iter_stories())
        cap = count_cap(flt.text, 0, 0, COUNT_CAP) or COUNT_CAP
        matching = store.count_canonical_events(EventFilter(**{**flt.__dict__, "limit": None}), cap=cap)
        return templates.TemplateResponse(request, "index.html", {
            "events": events, "stories": stories, "params": params, "event_types": list(ACLED_TAXONOMY),
            "n_docs": store.count_documents(), "n_matching": total_label(matching, cap),
        })

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        store = pool.get()
        ce = store.get_canonical_event(event_id)
        if ce is None:
            raise HTTPException(404, f"no canonical event {event_id!r}")
        return templates.TemplateResponse(request, "event.html", {"e": event_detail(store, ce)})

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        store = pool.get()
        doc = _find_document(store, doc_id)
        spans = [(e.trigger.start, e.trigger.end) for e in doc.events]
        return templates.TemplateResponse(request, "document.html", {
            "doc": doc, "dir": views.text_direction(doc.lang),
            "segments": views.highlight_segments(doc.text, 0, spans),
        })

    return app


def _find_document(store: Store, doc_id: str) -> Document:
    doc = store.get_document(doc_id)
    if doc is None:
        ids = store.find_document_ids(doc_id) if len(doc_id) >= 4 else []
        if len(ids) == 1:
            doc = store.get_document(ids[0])
        elif len(ids) > 1:
            raise HTTPException(400, f"ambiguous document id prefix {doc_id!r} ({len(ids)} matches)")
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return doc
