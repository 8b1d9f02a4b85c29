"""Corpus-level merge: copies, event coreference, field comparison and stories.

``merge_documents`` is in memory (the evaluation harness calls it); ``merge_store`` reads a store's
documents and replaces its merge results in one transaction (the analyze runner calls it).
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from rasad.extract.outlets import display_outlet
from rasad.merge.compare import NO_POSITION, ReportInfo, build_canonical
from rasad.merge.compat import (
    SUB_EVENT_CODES,
    TERRITORIAL_OUTCOME,
    PlacePaths,
    actor_bloc,
    blocs_compatible,
    nested,
    type_group,
    types_compatible,
)
from rasad.merge.copies import CopySignature, find_copies_from_signatures, signature
from rasad.merge.coref import (
    DATE_WINDOW,
    DISTINCT_TOLL,
    NO_TOLL,
    PRECISE_WIDTH,
    TOLL_TOLERANCE,
    UNKNOWN_DATE,
    ReportTable,
    cluster_reports,
)
from rasad.merge.stories import cluster_stories, fold_threads
from rasad.model import CanonicalEvent, Claim, Document, Event, Mention, PlaceRef, Speaker, Story

if TYPE_CHECKING:
    from rasad.store.base import Store

#: An event with no date of its own is taken to have happened within this many days before its
#: document was published.
UNDATED_LOOKBACK_DAYS = 3
#: A document without a publication date is taken to come from its corpus's publication window (the
#: first to the last publication day of the corpus's dated documents, widened by this many days on
#: both sides) ...
CORPUS_WINDOW_SLACK_DAYS = 7
#: ... when that window is short enough to say something (a scrape of a month or two of news).
CORPUS_WINDOW_MAX_DAYS = 92

_TYPE_LABEL = {
    "Battles": "Fighting", "Explosions/Remote violence": "Strikes and shelling",
    "Violence against civilians": "Violence against civilians", "Protests": "Protests",
    "Riots": "Riots", "Strategic developments": "Developments",
}


@dataclass
class MergeResult:
    canonical_events: list[CanonicalEvent] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)  # doc id -> original doc id
    event_to_canonical: dict[str, str] = field(default_factory=dict)  # report (Event) id -> canonical id
    timings: dict[str, float] = field(default_factory=dict)

    def canonical(self, event_id: str) -> CanonicalEvent | None:
        cid = self.event_to_canonical.get(event_id)
        return next((c for c in self.canonical_events if c.id == cid), None)


def _published_day(doc: Document | DocPart) -> date | None:
    if doc.published is None:
        return None
    return doc.published.date() if isinstance(doc.published, datetime) else doc.published


def date_from_publication(ev: Event) -> bool:
    """The events stage fills an undated event with its publication day (``attrs.date_source``)."""
    return ev.attrs.get("date_source") == "published"


def event_date_range(ev: Event, published: date | None) -> tuple[int, int]:
    """Ordinal date range for blocking: the event's own date, else the days before publication."""
    d = ev.date
    if d is not None and d.start is not None and d.anchored and not date_from_publication(ev):
        return d.start.toordinal(), (d.end or d.start).toordinal()
    if published is None and d is not None and d.start is not None and date_from_publication(ev):
        published = d.start
    if published is not None:
        return (published - timedelta(days=UNDATED_LOOKBACK_DAYS)).toordinal(), published.toordinal()
    return UNKNOWN_DATE, UNKNOWN_DATE


def corpus_of(doc: Document | DocPart) -> str | None:
    """The corpus a document was read from: its source file (without the entry/line/row suffix)."""
    if not doc.source_path:
        return None
    return doc.source_path.split("#", 1)[0] or None


def undated_windows(docs: Sequence[Document | DocPart]) -> dict[str, tuple[int, int]]:
    """Doc id -> ordinal window an undated document was most likely published in.

    Scraped corpora often lose the publication date of most articles (the SaudiNewsNet dump keeps only
    its extraction date) while a few keep it, e.g. in the URL.  The dated documents of the same corpus
    bound when the undated ones appeared; a window wider than ``CORPUS_WINDOW_MAX_DAYS`` bounds nothing.
    """
    spans: dict[str, tuple[int, int]] = {}
    for d in docs:
        day = _published_day(d)
        corpus = corpus_of(d)
        if day is None or corpus is None:
            continue
        o = day.toordinal()
        lo, hi = spans.get(corpus, (o, o))
        spans[corpus] = (min(lo, o), max(hi, o))
    out: dict[str, tuple[int, int]] = {}
    if not spans:
        return out
    for d in docs:
        corpus = corpus_of(d)
        if d.published is not None or corpus not in spans:
            continue
        lo, hi = spans[corpus]
        if hi - lo <= CORPUS_WINDOW_MAX_DAYS:
            out[d.id] = (lo - CORPUS_WINDOW_SLACK_DAYS - UNDATED_LOOKBACK_DAYS, hi + CORPUS_WINDOW_SLACK_DAYS)
    return out


def death_toll(ev: Event) -> int:
    """The definite death toll a report gives (best, else low), ``NO_TOLL`` for none or a vague one."""
    q = ev.fatalities
    if q is None or q.vague:
        return NO_TOLL
    value = q.best if q.best is not None else q.low
    return value if value is not None and value >= 0 else NO_TOLL


@dataclass(frozen=True)
class MergeRecord:
    """What the coreference core sees of one report, in readable form (ids and paths, not interned ints)."""

    doc_id: str
    event_id: str
    sub_event_type: str
    path: tuple[str, ...]
    start: int
    end: int
    blocs: frozenset[str]
    control: bool
    perp: str | None = None  # bloc of actor1
    toll: int = NO_TOLL  # definite death toll
    corpus_window: tuple[int, int] | None = None  # undated report: its corpus's publication window
    specific: bool = True  # placed at a place (town, neighbourhood...), not only at an admin area

    def describe(self) -> str:
        def day(o: int) -> str:
            return "?" if o == UNKNOWN_DATE else date.fromordinal(o).isoformat()

        corpus = (f" corpus={day(self.corpus_window[0])}..{day(self.corpus_window[1])}"
                  if self.corpus_window else "")
        toll = f" toll={self.toll}" if self.toll != NO_TOLL else ""
        return (f"path={'/'.join(self.path) or '-'} window={day(self.start)}..{day(self.end)}{corpus}"
                f" blocs={','.join(sorted(self.blocs)) or '-'} control={self.control}{toll}")


def report_record(ev: Event, doc_id: str, published: date | None, places: PlacePaths,
                  corpus_window: tuple[int, int] | None = None) -> MergeRecord | None:
    """The merge record of one report (None when its sub-event type is not in the taxonomy)."""
    if ev.sub_event_type not in SUB_EVENT_CODES:
        return None
    start, end = event_date_range(ev, published)
    blocs = set()
    for actor in (ev.actor1, ev.actor2):
        if actor is not None:
            bloc = actor_bloc(actor.canonical_id, actor.side)
            if bloc:
                blocs.add(bloc)
    perp = actor_bloc(ev.actor1.canonical_id, ev.actor1.side) if ev.actor1 is not None else None
    control = ev.sub_event_type in TERRITORIAL_OUTCOME or (ev.outcome or "") not in NO_POSITION
    path = places.path(ev.location)
    specific = len(path) > 1 and not path[-1].startswith(("a1:", "a2:", "a3:", "c:"))
    return MergeRecord(doc_id, ev.id, ev.sub_event_type, path, start, end, frozenset(blocs), control, perp,
                       death_toll(ev), corpus_window if start == UNKNOWN_DATE else None, specific)


def merge_records(docs: list[Document]) -> dict[str, MergeRecord]:
    """Event id -> merge record for every report of ``docs`` (for diagnosis: scripts/eval_links_diff.py)."""
    places = PlacePaths()
    places.learn(p for d in docs for p in _place_refs(d))
    out: dict[str, MergeRecord] = {}
    windows = undated_windows(docs)
    for d in docs:
        for ev in d.events:
            rec = report_record(ev, d.id, _published_day(d), places, windows.get(d.id))
            if rec is not None:
                out[ev.id] = rec
    return out


def explain_pair(a: MergeRecord, b: MergeRecord) -> list[str]:
    """Why two reports cannot be one happening under the merge rules (empty: compatible as a pair).

    Mirrors the pairwise tests of ``coref.cluster_reports``; a compatible pair can still end up apart
    when the greedy clustering put one of them in a better-scoring cluster first.
    """
    reasons: list[str] = []
    if a.doc_id == b.doc_id:
        reasons.append("same document")
    if not types_compatible(a.sub_event_type, b.sub_event_type):
        reasons.append(f"type: {a.sub_event_type} vs {b.sub_event_type}")
    elif type_group(a.sub_event_type, narrow=True) != type_group(b.sub_event_type, narrow=True):
        if any(r.start == UNKNOWN_DATE or r.end - r.start > PRECISE_WIDTH for r in (a, b)):
            reasons.append("type: other weapon, and not both precisely dated")
        if a.perp and b.perp and a.perp != b.perp:
            reasons.append(f"type: other weapon by another perpetrator ({a.perp} vs {b.perp})")
    if len(a.path) <= 1 or len(b.path) <= 1:
        reasons.append(f"place: no place below country ({'/'.join(a.path) or '-'} | {'/'.join(b.path) or '-'})")
    elif not nested(a.path, b.path):
        reasons.append(f"place: not nested ({'/'.join(a.path)} | {'/'.join(b.path)})")
    if UNKNOWN_DATE in (a.start, b.start):
        reasons.extend(_undated_reasons(a, b))
    elif a.start - DATE_WINDOW > b.end or a.end + DATE_WINDOW < b.start:
        reasons.append(f"date: windows apart ({date.fromordinal(a.start)}..{date.fromordinal(a.end)} | "
                       f"{date.fromordinal(b.start)}..{date.fromordinal(b.end)})")
    strict = type_group(a.sub_event_type) == type_group("Armed clash")
    if not blocs_compatible(a.blocs - {"C"} if strict else a.blocs, b.blocs - {"C"} if strict else b.blocs, strict):
        reasons.append(f"actors: blocs {sorted(a.blocs)} vs {sorted(b.blocs)}")
    return reasons


def _undated_reasons(a: MergeRecord, b: MergeRecord) -> list[str]:
    """Why an undated report cannot join another (mirrors the undated pass of ``cluster_reports``)."""
    reasons: list[str] = []
    if not (a.specific and b.specific):
        reasons.append("undated: placed only at an admin area or country")
    windows = [r.corpus_window if r.start == UNKNOWN_DATE else (r.start, r.end) for r in (a, b)]
    wa, wb = windows
    if wa is not None and wb is not None and (wa[0] > wb[1] or wa[1] < wb[0]):
        reasons.append("undated: outside its corpus's publication window")
    if a.control and b.control:
        return reasons
    toll_ok = (min(a.toll, b.toll) >= DISTINCT_TOLL
               and abs(a.toll - b.toll) <= TOLL_TOLERANCE * max(a.toll, b.toll))
    same_kind = type_group(a.sub_event_type, narrow=True) == type_group(b.sub_event_type, narrow=True)
    if not toll_ok:
        reasons.append(f"undated: neither both claims of control nor the same death toll ({a.toll} vs {b.toll})")
    elif not same_kind:
        reasons.append("undated: same toll but another kind of attack")
    elif (wa is None) != (wb is None):
        reasons.append("undated: only one side has a date or corpus window")
    return reasons


def _place_refs(doc: Document, interned: dict[tuple[Any, ...], PlaceRef] | None = None) -> list[PlaceRef]:
    """The places a document names: its events' locations, then its place mentions.

    ``interned`` shares one PlaceRef per distinct place reading across a corpus (a streamed merge keeps
    every document's places until the corpus's place paths are known).
    """
    refs = [ev.location for ev in doc.events if ev.location is not None]
    for m in doc.mentions:
        if m.kind == "place" and m.attrs:
            ref = _mention_place(m, interned)
            if ref is not None:
                refs.append(ref)
    return refs


def _mention_place(m: Mention, interned: dict[tuple[Any, ...], PlaceRef] | None) -> PlaceRef | None:
    a = m.attrs
    key = (m.canonical_id, a.get("name", m.text), m.text, a.get("feature"), a.get("country"), a.get("admin1"),
           a.get("admin2"), a.get("admin3"), a.get("latitude"), a.get("longitude"))
    if interned is not None:
        try:
            ref = interned.get(key)
        except TypeError:  # an unhashable attribute value: no sharing for this one
            ref = None
            interned = None
        if ref is not None:
            return ref
    try:
        ref = PlaceRef(place_id=key[0], name=str(key[1]), text=m.text, feature=key[3], country=key[4],
                       admin1=key[5], admin2=key[6], admin3=key[7], latitude=key[8], longitude=key[9])
    except (TypeError, ValueError):
        return None
    if interned is not None:
        interned[key] = ref
    return ref


@dataclass
class DocPart:
    """What the merge keeps of one document: its metadata, events, claims about them and named places.

    No text, sentences or non-place mentions: ``merge_store`` hashes each text for copy detection as
    the document streams by and keeps only this.
    """

    id: str
    published: date | datetime | None
    source_path: str | None
    outlet: str | None
    lang: str
    title: str | None
    url: str | None
    events: list[Event]
    place_refs: list[PlaceRef]
    claims: dict[str, list[Claim]]  # event id -> the claims about it, in document order


def doc_part(doc: Document, interned: dict[tuple[Any, ...], PlaceRef] | None = None) -> DocPart:
    claims: dict[str, list[Claim]] = {}
    for c in doc.claims:
        if c.event_id:
            claims.setdefault(c.event_id, []).append(c)
    return DocPart(doc.id, doc.published, doc.source_path, doc.outlet, doc.lang, doc.title, doc.url,
                   list(doc.events), _place_refs(doc, interned), claims)


def _slim(part: DocPart, speakers: dict[tuple[Any, ...], Speaker]) -> DocPart:
    """Drop what the merge never reads of a streamed document (the merge's own copy of it).

    Events keep no further evidence, wounded/arrested/displaced counts or attributes other than
    ``date_source``; claims keep no subject, reporting verb, sentence or attributes; equal speakers
    (same fields, offsets included) become one object.  The merge output does not change.
    """
    for ev in part.events:
        ev.evidence = []
        ev.wounded = ev.arrested = ev.displaced = None
        source = ev.attrs.get("date_source")
        ev.attrs = {"date_source": source} if source is not None else {}
        att = ev.attribution
        if att is not None:
            att.speaker = _shared_speaker(att.speaker, speakers)
            att.chain = [_shared_speaker(s, speakers) for s in att.chain]
    for claims in part.claims.values():
        for c in claims:
            c.subject, c.reporting_verb, c.sentence, c.attrs = "", None, None, {}
            if c.speaker is not None:
                c.speaker = _shared_speaker(c.speaker, speakers)
    return part


def _shared_speaker(s: Speaker, speakers: dict[tuple[Any, ...], Speaker]) -> Speaker:
    key = (s.kind, s.name, s.canonical_id, s.canonical_name, s.role, s.organisation, s.side, s.start, s.end)
    return speakers.setdefault(key, s)


def _signature(doc: Document) -> CopySignature:
    day = _published_day(doc)
    return signature(doc.id, doc.text, day.toordinal() if day else None)


def merge_documents(docs: list[Document], claims: dict[str, list[Claim]] | None = None) -> MergeResult:
    """Merge the events of ``docs`` into canonical events and stories.

    ``claims`` (event id -> claims) defaults to the documents' own ``claims`` linked by ``event_id``.
    """
    with _no_cyclic_gc():
        t0 = time.perf_counter()
        copies = find_copies_from_signatures(_signature(d) for d in docs)
        copies_seconds = time.perf_counter() - t0
        return merge_parts([doc_part(d) for d in docs], copies, claims, {"copies": copies_seconds})


def merge_parts(parts: Sequence[DocPart], copies: dict[str, str],
                claims: dict[str, list[Claim]] | None = None,
                timings: dict[str, float] | None = None, consume: bool = False) -> MergeResult:
    """The merge proper, over documents reduced to ``DocPart`` and their copies already found.

    ``claims`` (event id -> claims) replaces the parts' own claims when given.  ``consume``: the parts
    are emptied once read, so each report's event and claims are freed as soon as its canonical event
    is built (the streamed merge then never holds all reports and all canonical events at once).
    """
    timings = dict(timings or {})
    t0 = time.perf_counter()
    places = PlacePaths()
    places.learn(p for d in parts for p in d.place_refs)

    table = ReportTable()
    infos: list[ReportInfo] = []
    doc_index: dict[str, int] = {}
    windows = undated_windows(parts)
    for d in parts:
        published = _published_day(d)
        corpus_window = windows.get(d.id)
        di = doc_index.setdefault(d.id, len(doc_index))
        named = {table.intern_path(places.path(ref)) for ref in d.place_refs}
        named = {p for p in named if len(p) >= 2}
        if named:
            table.doc_places[di] = sorted(named)
        doc_claims = d.claims if claims is None else claims
        outlet = display_outlet(d.outlet)
        for ev in d.events:
            rec = report_record(ev, d.id, published, places, corpus_window)
            if rec is None:
                continue
            blocs = 0
            for bloc in rec.blocs:
                blocs |= table.bloc_bit(bloc)
            table.add(di, SUB_EVENT_CODES[rec.sub_event_type], table.intern_path(rec.path), rec.start, rec.end,
                      blocs, rec.control, table.bloc_bit(rec.perp) if rec.perp else 0, rec.toll,
                      rec.corpus_window)
            infos.append(ReportInfo(event=ev, outlet=outlet, lang=ev.lang if ev.lang != "und" else d.lang,
                                    published=published, copy_of=copies.get(d.id),
                                    claims=doc_claims.get(ev.id, []), title=d.title, url=d.url))
    timings["records"] = time.perf_counter() - t0
    if consume:  # from here on the reports live only in ``infos``, released group by group below
        for d in parts:
            d.events, d.claims, d.place_refs = [], {}, []
    t0 = time.perf_counter()
    labels = cluster_reports(table)
    timings["coreference"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    canon: list[CanonicalEvent] = []
    members: list[list[int]] = []
    slots: list[ReportInfo | None] = list(infos)
    del infos
    for idxs in groups.values():
        canon.append(build_canonical([info for i in idxs if (info := slots[i]) is not None], places))
        members.append(idxs)
        for i in idxs:  # a built event no longer needs its reports' events and claims
            slots[i] = None
    timings["comparison"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    c_paths = [table.intern_path(places.path(c.location)) for c in canon]
    c_starts = [c.date_start.toordinal() if c.date_start else UNKNOWN_DATE for c in canon]
    c_ends = [c.date_end.toordinal() if c.date_end else UNKNOWN_DATE for c in canon]
    # an event without its own date still has its documents' publication window
    for k, idxs in enumerate(members):
        if c_starts[k] == UNKNOWN_DATE:
            dated = [(table.starts[i], table.ends[i]) for i in idxs if table.starts[i] != UNKNOWN_DATE]
            if dated:
                c_starts[k] = min(s for s, _ in dated)
                c_ends[k] = max(e for _, e in dated)
    threads = cluster_stories(c_paths, c_starts, c_ends)
    story_labels = fold_threads(threads, [[(table.docs[i], i) for i in idxs] for idxs in members])
    stories = _build_stories(canon, story_labels, c_starts, c_ends, copies, threads)
    timings["stories"] = time.perf_counter() - t0

    canon.sort(key=lambda c: (c.date_start or date.max, c.id))
    event_to_canonical = {r.event_id: c.id for c in canon for r in c.reports}
    return MergeResult(canon, stories, copies, event_to_canonical, timings)


def _build_stories(canon: list[CanonicalEvent], labels: list[int], starts: list[int], ends: list[int],
                   copies: dict[str, str], threads: list[int]) -> list[Story]:
    copy_rank = {d: i for i, d in enumerate(copies)}  # a story lists its copies in the corpus's order
    by_story: dict[int, list[int]] = {}
    for k, label in enumerate(labels):
        by_story.setdefault(label, []).append(k)
    stories: list[Story] = []
    for label, idxs in by_story.items():
        events = [canon[k] for k in idxs]
        doc_ids = sorted({r.doc_id for c in events for r in c.reports})
        dated = [(starts[k], ends[k]) for k in idxs if starts[k] != UNKNOWN_DATE]
        d0 = date.fromordinal(min(s for s, _ in dated)) if dated else None
        d1 = date.fromordinal(max(e for _, e in dated)) if dated else None
        sid = "st-" + hashlib.sha1("\n".join(sorted(c.id for c in events)).encode()).hexdigest()[:12]
        for c in events:
            c.story_id = sid
        # the title tells the focus thread (the place the documents are about), not the side events
        focus = [canon[k] for k in idxs if threads[k] == label] or events
        stories.append(Story(
            id=sid, title=story_title(focus, d0, d1), doc_ids=doc_ids,
            event_ids=[c.id for c in sorted(events, key=lambda c: (c.date_start or date.max, c.id))],
            copies={d: copies[d] for d in sorted((d for d in doc_ids if d in copies), key=copy_rank.__getitem__)},
            date_start=d0, date_end=d1,
            attrs={"n_events": len(events), "n_documents": len(doc_ids),
                   "contested": sorted({f for c in events for f in c.contested_fields})}))
    stories.sort(key=lambda s: (-len(s.doc_ids), -s.attrs["n_events"], s.id))
    return stories


def story_title(events: list[CanonicalEvent], d0: date | None, d1: date | None) -> str:
    """e.g. 'Fighting in Khalidiya (Homs), Jul 2013' -- the main activity, the place, the time."""
    types = Counter(c.event_type for c in events for _ in c.reports)
    label = _TYPE_LABEL.get(types.most_common(1)[0][0], "Events") if types else "Events"
    places = Counter((c.location.name, c.location.admin1) for c in events if c.location for _ in c.reports)
    where = ""
    if places:
        name, admin1 = places.most_common(1)[0][0]
        where = f" in {name}" + (f" ({admin1})" if admin1 and admin1 != name else "")
    when = ""
    if d0 is not None and d1 is not None:
        when = f", {d0:%b %Y}" if (d0.year, d0.month) == (d1.year, d1.month) else f", {d0:%b %Y}–{d1:%b %Y}"
    return f"{label}{where}{when}"


def read_parts(store: Store) -> tuple[list[DocPart], list[CopySignature]]:
    """Stream the store's documents: per document its ``DocPart`` and the copy signature of its text."""
    interned: dict[tuple[Any, ...], PlaceRef] = {}
    speakers: dict[tuple[Any, ...], Speaker] = {}
    parts: list[DocPart] = []
    signatures: list[CopySignature] = []
    for doc in store.iter_documents(children=("mentions", "events", "claims"), mention_kinds=("place",)):
        signatures.append(_signature(doc))
        parts.append(_slim(doc_part(doc, interned), speakers))
    return parts, signatures


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the merge builds millions of objects.

    The merge allocates mostly acyclic objects (records, events, comparisons) that live until it
    ends; every full collection re-walks all of them, which cost 25% of the merge's CPU at 1,000
    documents and grows with the corpus.  Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def merge_store(store: Store) -> MergeResult:
    """Merge every document in ``store`` and replace its canonical events and stories.

    Documents stream: each is read with only its events, claims and place mentions, its text is
    hashed for copy detection, and only its ``DocPart`` is kept.
    """
    with _no_cyclic_gc():
        t0 = time.perf_counter()
        parts, signatures = read_parts(store)
        read_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        copies = find_copies_from_signatures(signatures)
        del signatures
        result = merge_parts(parts, copies, timings={"read": read_seconds, "copies": time.perf_counter() - t0},
                             consume=True)
        del parts
        gc.collect()  # one full pass: the coreference state (nested functions form cycles) before the write
        t0 = time.perf_counter()
        store.replace_merge(result.canonical_events, result.stories)
        result.timings["write"] = time.perf_counter() - t0
    return result


def summary(result: MergeResult) -> dict[str, Any]:
    return {"canonical_events": len(result.canonical_events), "stories": len(result.stories),
            "copies": len(result.copies),
            "multi_source_events": sum(1 for c in result.canonical_events if c.n_sources > 1),
            "contested_events": sum(1 for c in result.canonical_events if c.contested_fields)}
