"""Corpus-level merge: copies, event coreference, field comparison and stories.

``merge_documents`` is in memory (the evaluation harness calls it); ``merge_store`` reads a store's
documents and replaces its merge results in one transaction (the analyze runner calls it).
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from rasad.extract.outlets import display_outlet
from rasad.merge.compare import (
    NO_POSITION,
    UNDATED_LOOKBACK_DAYS,
    ReportInfo,
    build_canonical,
    date_from_publication,
)
from rasad.merge.compat import (
    AREA_KEY_PREFIXES,
    SUB_EVENT_CODES,
    TERRITORIAL_OUTCOME,
    PlacePaths,
    actor_bloc,
    blocs_compatible,
    nested,
    type_group,
    types_compatible,
)
from rasad.merge.copies import (
    CopyIndex,
    CopySignature,
    find_copies_from_signatures,
    minhash,
    signature,
    signature_values,
)
from rasad.merge.coref import (
    DATE_WINDOW,
    DISTINCT_TOLL,
    MAX_LINK_WIDTH,
    NO_TOLL,
    PRECISE_WIDTH,
    UNKNOWN_DATE,
    ReportTable,
    cluster_reports,
    tolls_agree,
)
from rasad.merge.stories import cluster_stories, fold_threads
from rasad.model import CanonicalEvent, Claim, Document, Event, Mention, PlaceRef, Story
from rasad.store.sqlbase import MergeRows, PreparedCanonical, loads

if TYPE_CHECKING:
    from rasad.store.base import Store

#: A document without a publication date is taken to come from its corpus's publication window (the
#: first to the last publication day of the corpus's dated documents, widened by this many days on
#: both sides) ...
CORPUS_WINDOW_SLACK_DAYS = 7
#: ... when that window is short enough to say something (a scrape of a month or two of news).
CORPUS_WINDOW_MAX_DAYS = 92
#: Polarities of a report that denies the act it tells (see ``coref._join_denials``).
DENIALS = frozenset({"denied", "negated"})
#: Polarities of a report whose act has not happened (yet): "plans to retake Ramadi", "could retake the
#: land if ...".  Such a report tells no happening, so it is linked to none (``ReportTable.unreal``).
UNREAL = frozenset({"planned", "hypothetical"})

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
    #: set by ``merge_store``, which writes the canonical events to the store instead of returning them:
    #: canonical_events, multi_source_events, contested_events
    totals: dict[str, int] | None = None

    def canonical(self, event_id: str) -> CanonicalEvent | None:
        cid = self.event_to_canonical.get(event_id)
        return next((c for c in self.canonical_events if c.id == cid), None)


def _published_day(doc: Document) -> date | None:
    if doc.published is None:
        return None
    return doc.published.date() if isinstance(doc.published, datetime) else doc.published


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


def corpus_of(doc: Document) -> str | None:
    """The corpus a document was read from: its source file (without the entry/line/row suffix)."""
    if not doc.source_path:
        return None
    return doc.source_path.split("#", 1)[0] or None


def undated_windows(docs: Sequence[Document]) -> dict[str, tuple[int, int]]:
    """Doc id -> ordinal window an undated document was most likely published in.

    Scraped corpora often lose the publication date of most articles (the SaudiNewsNet dump keeps only
    its extraction date) while a few keep it, e.g. in the URL.  The dated documents of the same corpus
    bound when the undated ones appeared; a window wider than ``CORPUS_WINDOW_MAX_DAYS`` bounds nothing.
    """
    return _windows((d.id, _published_day(d), corpus_of(d)) for d in docs)


def _windows(docs: Iterable[tuple[str, date | None, str | None]]) -> dict[str, tuple[int, int]]:
    """``undated_windows`` over (doc id, publication day, corpus) rows."""
    rows = list(docs)
    spans: dict[str, tuple[int, int]] = {}
    for _, day, corpus in rows:
        if day is None or corpus is None:
            continue
        o = day.toordinal()
        lo, hi = spans.get(corpus, (o, o))
        spans[corpus] = (min(lo, o), max(hi, o))
    out: dict[str, tuple[int, int]] = {}
    if not spans:
        return out
    for doc_id, day, corpus in rows:
        if day is not None or corpus not in spans:
            continue
        lo, hi = spans[corpus]
        if hi - lo <= CORPUS_WINDOW_MAX_DAYS:
            out[doc_id] = (lo - CORPUS_WINDOW_SLACK_DAYS - UNDATED_LOOKBACK_DAYS, hi + CORPUS_WINDOW_SLACK_DAYS)
    return out


def yearless_days(ev: Event) -> tuple[int, int, int, int] | None:
    """(month, first day, month, last day) of an unanchored Gregorian day-and-month ("8 July" in an
    article without a publication date), else None."""
    d = ev.date
    expr = d.expression if d is not None and not d.anchored and d.calendar == "gregorian" else None
    if not expr or not expr.startswith("--"):
        return None
    try:
        first, _, last = expr.partition("/")
        m1, d1 = (int(x) for x in first[2:].split("-"))
        m2, d2 = (int(x) for x in (last or first)[2:].split("-"))
    except ValueError:
        return None
    return m1, d1, m2, d2


def anchor_yearless(days: tuple[int, int, int, int], window: tuple[int, int]) -> tuple[int, int] | None:
    """Ordinal range of a yearless day-and-month inside a corpus's publication window, when it falls
    there in exactly one year (a scrape of July-August 2015 puts "8 July" on 2015-07-08)."""
    m1, d1, m2, d2 = days
    lo, hi = window
    hits: list[tuple[int, int]] = []
    for year in range(date.fromordinal(lo).year, date.fromordinal(hi).year + 1):
        try:
            start, end = date(year, m1, d1).toordinal(), date(year, m2, d2).toordinal()
        except ValueError:
            continue
        if lo <= start and end <= hi:
            hits.append((start, end))
    return hits[0] if len(hits) == 1 else None


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
    polarity: str = "asserted"  # the report's polarity: a planned or hypothetical act is linked to none

    def describe(self) -> str:
        def day(o: int) -> str:
            return "?" if o == UNKNOWN_DATE else date.fromordinal(o).isoformat()

        corpus = (f" corpus={day(self.corpus_window[0])}..{day(self.corpus_window[1])}"
                  if self.corpus_window else "")
        toll = f" toll={self.toll}" if self.toll != NO_TOLL else ""
        polarity = f" polarity={self.polarity}" if self.polarity != "asserted" else ""
        return (f"path={'/'.join(self.path) or '-'} window={day(self.start)}..{day(self.end)}{corpus}"
                f" blocs={','.join(sorted(self.blocs)) or '-'} control={self.control}{toll}{polarity}")


def report_record(ev: Event, doc_id: str, published: date | None, places: PlacePaths,
                  corpus_window: tuple[int, int] | None = None) -> MergeRecord | None:
    """The merge record of one report (None when its sub-event type is not in the taxonomy)."""
    if ev.sub_event_type not in SUB_EVENT_CODES:
        return None
    start, end = event_date_range(ev, published)
    days = yearless_days(ev) if start == UNKNOWN_DATE and corpus_window is not None else None
    anchored = anchor_yearless(days, corpus_window) if days is not None and corpus_window is not None else None
    if anchored is not None:
        start, end = anchored
    blocs = _report_blocs(ev)
    perp = actor_bloc(ev.actor1.canonical_id, ev.actor1.side) if ev.actor1 is not None else None
    control = ev.sub_event_type in TERRITORIAL_OUTCOME or (ev.outcome or "") not in NO_POSITION
    path = places.path(ev.location)
    specific = len(path) > 1 and not path[-1].startswith(AREA_KEY_PREFIXES)
    return MergeRecord(doc_id, ev.id, ev.sub_event_type, path, start, end, frozenset(blocs), control, perp,
                       death_toll(ev), corpus_window if start == UNKNOWN_DATE else None, specific, ev.polarity)


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
    for r in (a, b):
        if r.polarity in UNREAL:
            reasons.append(f"modality: {r.event_id} is {r.polarity}, it tells no happening of its own")
    if not types_compatible(a.sub_event_type, b.sub_event_type):
        reasons.append(f"type: {a.sub_event_type} vs {b.sub_event_type}")
    elif type_group(a.sub_event_type, narrow=True) != type_group(b.sub_event_type, narrow=True):
        if any(r.start == UNKNOWN_DATE or r.end - r.start > PRECISE_WIDTH for r in (a, b)):
            reasons.append("type: other weapon, and not both precisely dated")
        if a.perp and b.perp and a.perp != b.perp:
            reasons.append(f"type: other weapon by another perpetrator ({a.perp} vs {b.perp})")
    for r in (a, b):
        if r.start != UNKNOWN_DATE and r.end - r.start > MAX_LINK_WIDTH:
            reasons.append(f"date: wider than {MAX_LINK_WIDTH} days ({date.fromordinal(r.start)}..{date.fromordinal(r.end)})")
    if len(a.path) <= 1 or len(b.path) <= 1:
        reasons.append(f"place: no place below country ({'/'.join(a.path) or '-'} | {'/'.join(b.path) or '-'})")
        if any(len(r.path) == 1 and r.start != UNKNOWN_DATE and r.end - r.start > PRECISE_WIDTH for r in (a, b)):
            reasons.append("country only: links only when dated to a day of its own")
        if UNKNOWN_DATE == a.start == b.start and len(a.path) == len(b.path) == 1:
            reasons.append("undated, country only: links only as the corpus's single pair of such reports "
                           "with the same sub-event and two named sides")
    elif not nested(a.path, b.path):
        reasons.append(f"place: not nested ({'/'.join(a.path)} | {'/'.join(b.path)})")
    if UNKNOWN_DATE in (a.start, b.start):
        reasons.extend(_undated_reasons(a, b))
    elif a.start - DATE_WINDOW > b.end or a.end + DATE_WINDOW < b.start:
        reasons.append(f"date: windows apart ({date.fromordinal(a.start)}..{date.fromordinal(a.end)} | "
                       f"{date.fromordinal(b.start)}..{date.fromordinal(b.end)})")
    strict = type_group(a.sub_event_type) == type_group("Armed clash")
    if UNKNOWN_DATE in (a.start, b.start) and a.control and b.control and a.specific and b.specific:
        strict = False  # undated claims of control of one place: one side in common is enough
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
               and tolls_agree(a.toll, b.toll, type_group(a.sub_event_type) == type_group("Armed clash")))
    same_kind = type_group(a.sub_event_type, narrow=True) == type_group(b.sub_event_type, narrow=True)
    if not toll_ok:
        reasons.append(f"undated: neither both claims of control nor the same death toll ({a.toll} vs {b.toll})")
    elif not same_kind:
        reasons.append("undated: same toll but another kind of attack")
    elif (wa is None) != (wb is None):
        reasons.append("undated: only one side has a date or corpus window")
    return reasons


def _place_refs(doc: Document) -> list[PlaceRef]:
    """The places a document names: its events' locations, then its place mentions."""
    refs = [ev.location for ev in doc.events if ev.location is not None]
    for m in doc.mentions:
        if m.kind == "place" and m.attrs:
            ref = _mention_place(m, None)
            if ref is not None:
                refs.append(ref)
    return refs


def _mention_place(m: Mention, interned: dict[tuple[Any, ...], PlaceRef] | None) -> PlaceRef | None:
    return _place_of(m.canonical_id, m.text, m.attrs, interned)


def _place_of(canonical_id: str | None, text: str, a: dict[str, Any],
              interned: dict[tuple[Any, ...], PlaceRef] | None) -> PlaceRef | None:
    """The PlaceRef of a place mention (its canonical id, text and attrs); shared through ``interned``."""
    key = (canonical_id, a.get("name", text), text, a.get("feature"), a.get("country"), a.get("admin1"),
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
        ref = PlaceRef(place_id=key[0], name=str(key[1]), text=text, feature=key[3], country=key[4],
                       admin1=key[5], admin2=key[6], admin3=key[7], latitude=key[8], longitude=key[9])
    except (TypeError, ValueError):
        return None
    if interned is not None:
        interned[key] = ref
    return ref


def _slim_report(ev: Event, claims: list[Claim]) -> None:
    """Drop what the comparison never reads of a report that waits for the rest of its event.

    Events keep no further evidence, wounded/arrested/displaced counts or attributes other than
    ``date_source``; claims keep no subject, reporting verb, sentence or attributes.  The output does
    not change (checked with ``scripts/merge_golden.py``).
    """
    ev.evidence = []
    ev.wounded = ev.arrested = ev.displaced = None
    source = ev.attrs.get("date_source")
    ev.attrs = {"date_source": source} if source is not None else {}
    for c in claims:
        c.subject, c.reporting_verb, c.sentence, c.attrs = "", None, None, {}


def _signature(doc: Document) -> CopySignature:
    day = _published_day(doc)
    return signature(doc.id, doc.text, day.toordinal() if day else None)


#: Event fields pass 1 never reads (coreference records: place, dates, actors' blocs, type, outcome, polarity,
#: toll), which the store may leave out of what it reads (``SQLStore.iter_merge_rows``) ...
RECORD_SKIPS = ("sentence", "evidence", "attribution", "assoc_actors", "trigger", "wounded", "arrested", "displaced")
#: ... the event and claim fields the comparison never reads (what ``_slim_report`` drops; checked with
#: ``scripts/merge_golden.py``).
REPORT_SKIPS = ("sentence", "evidence", "wounded", "arrested", "displaced")
CLAIM_SKIPS = ("sentence", "attrs", "reporting_verb")


def _stored_event(data: Any) -> Event:
    """A stored event as the merge reads it: the store may have left out fields it never reads
    (``RECORD_SKIPS``, ``REPORT_SKIPS``), the trigger and sentence spans an ``Event`` needs among them.  An
    event the store kept from this process's save comes as the object (``SQLStore.save_documents``)."""
    if data.__class__ is Event:
        return data  # type: ignore[no-any-return]
    d = loads(data)
    if "trigger" not in d or "sentence" not in d:
        d = {**d, "trigger": d.get("trigger"), "sentence": d.get("sentence")}
    return Event.from_dict(d)


def _report_info(meta: tuple[str | None, str, date | None, str | None, str | None, str | None], event: Any,
                 claims: Iterable[Any]) -> ReportInfo:
    """A report from its stored rows (``_Builder._add_rows``): its document's (outlet, language,
    publication day, original if a copy, title, url), its event's JSON and its claims' JSON."""
    outlet, doc_lang, published, copy_of, title, url = meta
    ev = _stored_event(event)
    return ReportInfo(event=ev, outlet=outlet, lang=ev.lang if ev.lang != "und" else doc_lang, published=published,
                      copy_of=copy_of, claims=[c if c.__class__ is Claim else Claim.from_dict(loads(c)) for c in claims],
                      title=title, url=url)


def _claims_by_event(doc: Document) -> dict[str, list[Claim]]:
    claims: dict[str, list[Claim]] = {}
    for c in doc.claims:
        if c.event_id:
            claims.setdefault(c.event_id, []).append(c)
    return claims


#: Distinct place mention rows remembered by pass 1 (emptied when full: the memo is only a shortcut).
MENTION_MEMO_SIZE = 16_384
_UNSEEN = object()


class _Reports:
    """Pass 1: what coreference needs of every report, as compact columns (no Event objects kept).

    Fed one document at a time (``add``): each report's sub-event code, date window, bloc bits,
    control, perpetrator and toll go straight into a ``ReportTable``; its place stays an interned
    ``PlaceRef`` until every place of the corpus is known (a neighbourhood's parent city is the
    nearest city the corpus names), when ``table()`` fills the paths.
    """

    def __init__(self) -> None:
        self.places = PlacePaths()
        self.report_table = ReportTable()
        self.doc_ids: list[str] = []  # per visited document, in reading order
        self.doc_index: dict[str, int] = {}
        self.visits: list[tuple[int, tuple[PlaceRef, ...], int]] = []  # (doc index, places, first report)
        self._doc_meta: dict[str, tuple[date | None, str | None]] = {}  # doc id -> (published day, corpus)
        self._locations: list[PlaceRef | None] = []  # per report
        self._interned: dict[tuple[Any, ...], PlaceRef] = {}
        #: a place mention row (canonical id, text, attrs JSON) -> its PlaceRef (``_mention_places``)
        self._mention_refs: dict[tuple[str | None, str, str], PlaceRef | None] = {}
        self._ordinals: dict[int, int] = {}
        #: undated report -> its yearless day and month, anchored once the corpus windows are known
        self._yearless: dict[int, tuple[int, int, int, int]] = {}

    def _location(self, p: PlaceRef) -> PlaceRef:
        key = ("event", p.place_id, p.name, p.feature, p.country, p.admin1, p.admin2, p.admin3, p.latitude,
               p.longitude)
        try:
            return self._interned.setdefault(key, p)
        except TypeError:  # an unhashable field value: keep this one as it is
            return p

    def _ordinal(self, o: int) -> int:
        return self._ordinals.setdefault(o, o)

    def add(self, item: Document | MergeRows) -> Document:
        """Read one document's reports and the places it names (its events' and its place mentions);
        returns the document."""
        if isinstance(item, MergeRows):
            doc = item.doc
            events = [_stored_event(data) for _, _, data in item.events]
        else:
            doc, events = item, item.events
        table = self.report_table
        published = _published_day(doc)
        di = self.doc_index.setdefault(doc.id, len(self.doc_index))
        if di == len(self.doc_ids):
            self.doc_ids.append(doc.id)
        self._doc_meta[doc.id] = (published, corpus_of(doc))
        refs: list[PlaceRef] = [self._location(ev.location) for ev in events if ev.location is not None]
        if isinstance(item, MergeRows):
            mentions = self._mention_places(item.place_mentions)
        else:
            mentions = [_mention_place(m, self._interned) for m in item.mentions if m.kind == "place" and m.attrs]
        refs += [ref for ref in mentions if ref is not None]
        self.places.learn(refs)
        self.visits.append((di, tuple({id(r): r for r in refs}.values()), len(table)))
        for ev in events:
            if ev.sub_event_type not in SUB_EVENT_CODES:
                continue
            start, end = event_date_range(ev, published)
            blocs = 0
            for bloc in _report_blocs(ev):
                blocs |= table.bloc_bit(bloc)
            perp = actor_bloc(ev.actor1.canonical_id, ev.actor1.side) if ev.actor1 is not None else None
            control = ev.sub_event_type in TERRITORIAL_OUTCOME or (ev.outcome or "") not in NO_POSITION
            if start == UNKNOWN_DATE:
                days = yearless_days(ev)
                if days is not None:
                    self._yearless[len(table)] = days
            if ev.polarity in DENIALS:
                table.denials.add(len(table))
            elif ev.polarity in UNREAL:
                table.unreal.add(len(table))
            table.add(di, SUB_EVENT_CODES[ev.sub_event_type], (), self._ordinal(start), self._ordinal(end), blocs,
                      control, table.bloc_bit(perp) if perp else 0, death_toll(ev))
            self._locations.append(self._location(ev.location) if ev.location is not None else None)
        return doc

    def _mention_places(self, rows: list[tuple[str | None, str, Any]]) -> list[PlaceRef | None]:
        """The places of a document's place mention rows (canonical id, text, attrs JSON), in order.

        The same place is named with the same words and attributes across the corpus (1,335 distinct
        rows among 13,502 place mentions of the 1,000 bench documents), so each distinct row is decoded
        once and its PlaceRef -- the interned one ``_place_of`` gives for it -- remembered.
        """
        out: list[PlaceRef | None] = []
        memo = self._mention_refs
        for canonical_id, text, raw in rows:
            mark = (canonical_id, text, raw) if raw.__class__ is str else None
            if mark is not None:
                ref = memo.get(mark, _UNSEEN)
                if ref is not _UNSEEN:
                    out.append(ref)  # type: ignore[arg-type]
                    continue
            attrs = loads(raw)
            ref = _place_of(canonical_id, text, attrs, self._interned) if attrs else None
            out.append(ref)
            if mark is not None:
                if len(memo) >= MENTION_MEMO_SIZE:
                    memo.clear()
                memo[mark] = ref
        return out

    def table(self) -> ReportTable:
        """The finished table: place paths (now that every place is known) and undated windows."""
        table, places = self.report_table, self.places
        windows = _windows((doc_id, day, corpus) for doc_id, (day, corpus) in self._doc_meta.items())
        bounds = [first for _, _, first in self.visits[1:]] + [len(table)]
        for (di, refs, first), last in zip(self.visits, bounds, strict=True):
            named = {table.intern_path(places.path(ref)) for ref in refs}
            named = {p for p in named if len(p) >= 2}
            if named:
                table.doc_places[di] = sorted(named)
            window = windows.get(self.doc_ids[di])
            for i in range(first, last):
                table.paths[i] = table.intern_path(places.path(self._locations[i]))
                if window is not None and table.starts[i] == UNKNOWN_DATE:
                    days = self._yearless.get(i)
                    anchored = anchor_yearless(days, window) if days is not None else None
                    if anchored is not None:
                        table.starts[i], table.ends[i] = anchored
                    else:
                        table.undated_windows[i] = window
        self._locations = []
        self._interned = {}
        self._mention_refs = {}
        self._ordinals = {}
        self._yearless = {}
        return table


def _report_blocs(ev: Event) -> set[str]:
    blocs = set()
    for actor in (ev.actor1, ev.actor2):
        if actor is not None:
            bloc = actor_bloc(actor.canonical_id, actor.side)
            if bloc:
                blocs.add(bloc)
    return blocs


@dataclass(frozen=True, slots=True)
class _CanonSummary:
    """What stories and the final ordering need of one built canonical event."""

    id: str
    date_start: date | None
    date_end: date | None
    event_type: str
    place: tuple[str, str | None] | None  # (name, admin1) of its location
    n_reports: int
    n_sources: int
    contested: tuple[str, ...]
    doc_ids: tuple[str, ...]


class _Spool:
    """Objects on disk (pickled) until the merge needs them again.

    Canonical events wait here until their story ids and final order are known (one is ~8 KB of JSON
    and ~25 KB of objects; at 100k documents, ~200k of them do not fit the memory target while the
    stories need all of them first), and so do reports waiting for the rest of their event: a wire
    story reprinted across the corpus keeps its reports waiting from its first to its last reprint.
    """

    #: Bytes appended in memory before they are written to the file in one call.
    BUFFER = 1 << 20
    #: Characters of prepared canonical rows kept as they are, unpickled, before the rest go to the file: a
    #: small merge (1,000 bench documents: 1,500 events, 11 M characters) then neither pickles nor writes and
    #: reads them back (0.03-0.04 ms per document); a large one keeps this much at most (~2 bytes a character).
    MEMORY_CHARS = 16 << 20

    def __init__(self, prepare: Callable[[CanonicalEvent], Any] | None = None) -> None:
        self._file = tempfile.TemporaryFile(buffering=0)  # noqa: SIM115 -- closed by close()
        self._fd = self._file.fileno()
        self._end = 0
        #: the tail not yet written: bytes ``_written`` .. ``_end`` (writes and reads alternate all through
        #: pass 2; a seek per object flushed a buffered file's few KB in one system call each)
        self._tail = bytearray()
        self._written = 0
        self._events: dict[int, tuple[int, int]] = {}
        #: canonical events kept in memory (prepared rows only, within ``MEMORY_CHARS``)
        self._kept: dict[int, Any] = {}
        self._kept_chars = 0
        #: what is kept of a canonical event: the store's own serialised rows when it has them
        self.prepare = prepare

    def dump(self, obj: Any) -> tuple[int, int]:
        """Append ``obj``; returns where it is (offset, size)."""
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        where = (self._end, len(data))
        self._tail += data
        self._end += len(data)
        if len(self._tail) >= self.BUFFER:
            self._flush()
        return where

    def _flush(self) -> None:
        view = memoryview(self._tail)
        done = 0
        while done < len(view):
            done += os.pwrite(self._fd, view[done:], self._written + done)
        view.release()
        self._written = self._end
        self._tail.clear()

    def load(self, where: tuple[int, int]) -> Any:
        start, size = where
        if start >= self._written:  # still in memory
            at = start - self._written
            return pickle.loads(self._tail[at: at + size])
        data = os.pread(self._fd, size, start)
        while len(data) < size:  # a short read (not seen on regular files, but allowed)
            more = os.pread(self._fd, size - len(data), start + len(data))
            if not more:
                raise OSError(f"merge spool truncated at {start + len(data)}")
            data += more
        return pickle.loads(data)

    def put(self, k: int, event: CanonicalEvent) -> None:
        item = self.prepare(event) if self.prepare is not None else event
        if isinstance(item, PreparedCanonical):
            chars = len(item.row[-1])
            if self._kept_chars + chars <= self.MEMORY_CHARS:
                self._kept[k] = item  # immutable: nothing can change it before ``get``
                self._kept_chars += chars
                return
        self._events[k] = self.dump(item)

    def get(self, k: int, story_id: str) -> Any:
        """Canonical event ``k`` with its story id (an event, or the store's prepared rows); once per event."""
        item = self._kept.pop(k, None)
        if item is None:
            item = self.load(self._events[k])
        if isinstance(item, CanonicalEvent):
            item.story_id = story_id
            return item
        return item.with_story(story_id)

    def close(self) -> None:
        self._file.close()


class _Spooled(tuple[int, int]):
    """Where a waiting report is in the spool (``_Spool.dump``), told apart from a report kept as it is."""

    __slots__ = ()


class _Builder:
    """Pass 2: each canonical event is built as soon as the last of its reports has been read.

    Reports arrive document by document (``add``); a report whose event has more reports still to
    come waits (slimmed), the others are built at once.  Built events go to ``keep`` (in memory) or a
    ``_Spool`` (streamed merge); only their ``_CanonSummary`` stays for the stories.
    """

    def __init__(self, reports: _Reports, labels: list[int], copies: dict[str, str], spool: _Spool | None,
                 claims: dict[str, list[Claim]] | None = None) -> None:
        self.reports, self.copies, self.spool, self.claims = reports, copies, spool, claims
        # canonical event k: the k-th cluster by its first report (the order the in-memory merge built them)
        k_of_label: dict[int, int] = {}
        self.k_of: list[int] = [k_of_label.setdefault(label, len(k_of_label)) for label in labels]
        self.members: list[list[int]] = [[] for _ in k_of_label]
        for i, k in enumerate(self.k_of):
            self.members[k].append(i)
        self.remaining = [len(m) for m in self.members]
        self.waiting: dict[int, list[Any]] = {}  # k -> its reports read so far (spooled: where they are)
        self.kept: list[CanonicalEvent | None] = [None] * len(self.members)
        self.summaries: list[_CanonSummary | None] = [None] * len(self.members)
        self.paths: list[tuple[int, ...]] = [()] * len(self.members)
        self._next_report = 0
        self._visit = 0

    def add(self, item: Document | MergeRows) -> None:
        doc = item.doc if isinstance(item, MergeRows) else item
        visits = self.reports.visits
        if self._visit >= len(visits) or doc.id != self.reports.doc_ids[visits[self._visit][0]]:
            raise RuntimeError(f"the store changed during the merge (document {doc.id} was not read in pass 1)")
        self._visit += 1
        if isinstance(item, MergeRows):
            self._add_rows(item)
            return
        published = _published_day(doc)
        doc_claims = _claims_by_event(doc) if self.claims is None else self.claims
        outlet = display_outlet(doc.outlet)
        copy_of = self.copies.get(doc.id)
        for ev in doc.events:
            if ev.sub_event_type not in SUB_EVENT_CODES:
                continue
            i = self._next_report
            self._next_report += 1
            k = self.k_of[i]
            info = ReportInfo(event=ev, outlet=outlet, lang=ev.lang if ev.lang != "und" else doc.lang,
                              published=published, copy_of=copy_of, claims=doc_claims.get(ev.id, []),
                              title=doc.title, url=doc.url)
            self.remaining[k] -= 1
            if self.remaining[k] == 0:
                waiting = self.waiting.pop(k, ())
                if self.spool is not None:
                    waiting = [self.spool.load(where) for where in waiting]
                self._build(k, [*waiting, info])
            elif self.spool is not None:
                _slim_report(ev, info.claims)
                self.waiting.setdefault(k, []).append(self.spool.dump(info))
            else:
                self.waiting.setdefault(k, []).append(info)

    def _add_rows(self, rows: MergeRows) -> None:
        """``add`` for a stored document's undecoded rows: a report is decoded when its canonical event
        is built, so one that waits for the rest of its event waits as its JSON text (spooled)."""
        doc = rows.doc
        meta = (display_outlet(doc.outlet), doc.lang, _published_day(doc), self.copies.get(doc.id), doc.title,
                doc.url)
        claims: dict[str, list[Any]] = {}
        for event_id, data in rows.claims:
            claims.setdefault(event_id, []).append(data)
        for event_id, sub_event_type, data in rows.events:
            if sub_event_type not in SUB_EVENT_CODES:
                continue
            i = self._next_report
            self._next_report += 1
            k = self.k_of[i]
            report = (meta, data, claims.get(event_id, ()))
            self.remaining[k] -= 1
            if self.remaining[k] == 0:
                waiting = self.waiting.pop(k, ())
                if self.spool is not None:
                    waiting = [self.spool.load(where) if where.__class__ is _Spooled else where for where in waiting]
                self._build(k, [_report_info(*r) for r in (*waiting, report)])
            elif self.spool is None or data.__class__ is Event:
                # an event the store kept in memory (``iter_merge_rows``) waits as it is: spooling would
                # pickle the objects that memory holds anyway
                self.waiting.setdefault(k, []).append(report)
            else:
                self.waiting.setdefault(k, []).append(_Spooled(self.spool.dump(report)))

    def _build(self, k: int, infos: list[ReportInfo]) -> None:
        c = build_canonical(infos, self.reports.places)
        table = self.reports.report_table
        self.paths[k] = table.intern_path(self.reports.places.path(c.location))
        doc_ids = sorted({r.doc_id for r in c.reports})
        self.summaries[k] = _CanonSummary(
            c.id, c.date_start, c.date_end, c.event_type,
            (c.location.name, c.location.admin1) if c.location else None, len(c.reports), c.n_sources,
            tuple(c.contested_fields), tuple(self.reports.doc_ids[self.reports.doc_index[d]]
                                             if d in self.reports.doc_index else d for d in doc_ids))
        if self.spool is not None:
            self.spool.put(k, c)
        else:
            self.kept[k] = c

    def finish(self) -> list[_CanonSummary]:
        if self._next_report != len(self.k_of) or self.waiting:
            raise RuntimeError("the store changed during the merge (reports differ between its two reads)")
        return [s for s in self.summaries if s is not None]


def _stories(builder: _Builder, copies: dict[str, str]) -> tuple[list[Story], list[str]]:
    """Stories over the built canonical events; also each event's story id (by canonical index)."""
    table = builder.reports.report_table
    summaries = builder.finish()
    c_starts = [c.date_start.toordinal() if c.date_start else UNKNOWN_DATE for c in summaries]
    c_ends = [c.date_end.toordinal() if c.date_end else UNKNOWN_DATE for c in summaries]
    # an event without its own date still has its documents' publication window
    for k, idxs in enumerate(builder.members):
        if c_starts[k] == UNKNOWN_DATE:
            dated = [(table.starts[i], table.ends[i]) for i in idxs if table.starts[i] != UNKNOWN_DATE]
            if dated:
                c_starts[k] = min(s for s, _ in dated)
                c_ends[k] = max(e for _, e in dated)
    threads = cluster_stories(builder.paths, c_starts, c_ends)
    story_labels = fold_threads(threads, [[(table.docs[i], i) for i in idxs] for idxs in builder.members])
    return _build_stories(summaries, story_labels, c_starts, c_ends, copies, threads)


#: Documents whose stored signatures are looked up together (their texts wait meanwhile).
SIGNATURE_BATCH = 200


class _Signatures:
    """Pass 1's copy-detection input: each document's stored signature when the store has one
    (``Store.copy_signatures``), else its text hashed here; added to ``index`` in reading order."""

    def __init__(self, index: CopyIndex, stored: Callable[[list[str]], dict[str, bytes | None]] | None) -> None:
        self.index, self.stored = index, stored
        self._waiting: list[tuple[str, str, int, int | None]] = []  # (doc id, text, text length, published)

    def add(self, doc: Document) -> None:
        if self.stored is None:
            sig = _signature(doc)
            self.index.add(sig.doc_id, sig.hashvalues, sig.text_length, sig.published_ordinal)
            return
        day = _published_day(doc)
        self._waiting.append((doc.id, doc.text, len(doc.text), day.toordinal() if day else None))
        if len(self._waiting) >= SIGNATURE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._waiting or self.stored is None:
            return
        found = self.stored([doc_id for doc_id, *_ in self._waiting])
        for doc_id, text, length, published in self._waiting:
            values = signature_values(found[doc_id]) if doc_id in found else minhash(text)
            self.index.add(doc_id, values, length, published)
        self._waiting = []


def _merge(read: Callable[[tuple[str, ...]], Iterable[Document | MergeRows]],
           copies_of: Callable[[], dict[str, str]] | None, spool: _Spool | None, claims: dict[str, list[Claim]] | None = None,
           stored_signatures: Callable[[list[str]], dict[str, bytes | None]] | None = None,
           ) -> tuple[_Builder, list[Story], list[str], dict[str, str], dict[str, float]]:
    """The two-pass merge over documents from ``read(children)`` (called once per pass).

    ``copies_of`` None: pass 1 also finds copies, from the signatures ``stored_signatures(doc_ids)``
    returns and by hashing the other texts.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    reports = _Reports()
    index = CopyIndex() if copies_of is None else None
    signatures = _Signatures(index, stored_signatures) if index is not None else None
    for item in read(("mentions", "events")):
        doc = reports.add(item)
        if signatures is not None:
            signatures.add(doc)
    if signatures is not None:
        signatures.flush()
    table = reports.table()
    timings["records"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    copies = index.copies() if index is not None else copies_of()  # type: ignore[misc]
    del index
    timings["copies"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    labels = cluster_reports(table)
    timings["coreference"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    builder = _Builder(reports, labels, copies, spool, claims)
    del labels
    for item in read(("events", "claims")):
        builder.add(item)
    timings["comparison"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    stories, story_of = _stories(builder, copies)
    timings["stories"] = time.perf_counter() - t0
    return builder, stories, story_of, copies, timings


def merge_documents(docs: list[Document], claims: dict[str, list[Claim]] | None = None) -> MergeResult:
    """Merge the events of ``docs`` into canonical events and stories.

    ``claims`` (event id -> claims) defaults to the documents' own ``claims`` linked by ``event_id``.
    """
    with _no_cyclic_gc():
        t0 = time.perf_counter()
        copies = find_copies_from_signatures(_signature(d) for d in docs)
        copies_seconds = time.perf_counter() - t0
        builder, stories, story_of, copies, timings = _merge(lambda _children: docs, lambda: copies, None, claims)
        timings["copies"] = copies_seconds
        canon = [c for c in builder.kept if c is not None]
        for c, sid in zip(canon, story_of, strict=True):
            c.story_id = sid
        canon.sort(key=lambda c: (c.date_start or date.max, c.id))
        event_to_canonical = {r.event_id: c.id for c in canon for r in c.reports}
        return MergeResult(canon, stories, copies, event_to_canonical, timings)


def _build_stories(canon: list[_CanonSummary], labels: list[int], starts: list[int], ends: list[int],
                   copies: dict[str, str], threads: list[int]) -> tuple[list[Story], list[str]]:
    copy_rank = {d: i for i, d in enumerate(copies)}  # a story lists its copies in the corpus's order
    story_of = [""] * len(canon)
    by_story: dict[int, list[int]] = {}
    for k, label in enumerate(labels):
        by_story.setdefault(label, []).append(k)
    stories: list[Story] = []
    for label, idxs in by_story.items():
        events = [canon[k] for k in idxs]
        doc_ids = sorted({d for c in events for d in c.doc_ids})
        dated = [(starts[k], ends[k]) for k in idxs if starts[k] != UNKNOWN_DATE]
        d0 = date.fromordinal(min(s for s, _ in dated)) if dated else None
        d1 = date.fromordinal(max(e for _, e in dated)) if dated else None
        sid = "st-" + hashlib.sha1("\n".join(sorted(c.id for c in events)).encode()).hexdigest()[:12]
        for k in idxs:
            story_of[k] = sid
        # the title tells the focus thread (the place the documents are about), not the side events
        focus = [canon[k] for k in idxs if threads[k] == label] or events
        types: Counter[str] = Counter()
        places: Counter[tuple[str, str | None]] = Counter()
        for c in focus:
            types[c.event_type] += c.n_reports
            if c.place is not None and c.n_reports:
                places[c.place] += c.n_reports
        stories.append(Story(
            id=sid, title=_title(types, places, d0, d1), doc_ids=doc_ids,
            event_ids=[c.id for c in sorted(events, key=lambda c: (c.date_start or date.max, c.id))],
            copies={d: copies[d] for d in sorted((d for d in doc_ids if d in copies), key=copy_rank.__getitem__)},
            date_start=d0, date_end=d1,
            attrs={"n_events": len(events), "n_documents": len(doc_ids),
                   "contested": sorted({f for c in events for f in c.contested})}))
    stories.sort(key=lambda s: (-len(s.doc_ids), -s.attrs["n_events"], s.id))
    return stories, story_of


def _title(types: Counter[str], places: Counter[tuple[str, str | None]], d0: date | None, d1: date | None) -> str:
    """A story title from its focus events' types and places, each counted once per report: e.g.
    'Fighting in Khalidiya (Homs), Jul 2013' -- the main activity, the place, the time."""
    label = _TYPE_LABEL.get(types.most_common(1)[0][0], "Events") if types else "Events"
    where = ""
    if places:
        name, admin1 = places.most_common(1)[0][0]
        where = f" in {name}" + (f" ({admin1})" if admin1 and admin1 != name else "")
    when = ""
    if d0 is not None and d1 is not None:
        when = f", {d0:%b %Y}" if (d0.year, d0.month) == (d1.year, d1.month) else f", {d0:%b %Y}–{d1:%b %Y}"
    return f"{label}{where}{when}"


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

    Two passes over the store, holding compact rows rather than documents (memory grows by a few KB
    per document): pass 1 reads each document's events and place mentions into a ``ReportTable`` row
    per report, and its copy-detection signature (the one stored when the document was saved, else its
    text hashed); coreference then runs on the table; pass 2 re-reads events and claims and builds each
    canonical event when its last report has been read, spooling it to a temporary file.  Stories come from the events' summaries; the events are then
    written in their final order, streamed from the spool, in the one transaction of
    ``store.replace_merge``.  The result carries counts, copies and stories, not the events.
    """
    from rasad.store.sqlbase import SQLStore, prepare_canonical

    # an SQL store takes each event serialised as it is built (smaller to spool, serialised only once)
    spool = _Spool(prepare_canonical if isinstance(store, SQLStore) else None)
    try:
        with _no_cyclic_gc():
            t_read = time.perf_counter()

            def read(children: tuple[str, ...]) -> Iterator[Document | MergeRows]:
                if isinstance(store, SQLStore):
                    if "mentions" in children:  # pass 1: records, places, copy detection (which needs the text)
                        return store.iter_merge_rows(mentions=True, event_skips=RECORD_SKIPS)
                    return store.iter_merge_rows(claims=True, text=False, event_skips=REPORT_SKIPS,
                                                 claim_skips=CLAIM_SKIPS)
                kinds = ("place",) if "mentions" in children else None
                return store.iter_documents(children=children, mention_kinds=kinds)

            builder, stories, story_of, copies, timings = _merge(read, None, spool,
                                                                 stored_signatures=store.copy_signatures)
            timings["read"] = time.perf_counter() - t_read
            summaries = [s for s in builder.summaries if s is not None]
            order = sorted(range(len(summaries)),
                           key=lambda k: (summaries[k].date_start or date.max, summaries[k].id))
            totals = {"canonical_events": len(summaries),
                      "multi_source_events": sum(1 for s in summaries if s.n_sources > 1),
                      "contested_events": sum(1 for s in summaries if s.contested)}
            del builder
            # the coreference state (nested functions form cycles) freed before the write: the youngest
            # generation is enough, as the collector is paused (every object the merge made is still in it),
            # and a full pass also walked everything the process had loaded before (at the end of a 1k analyze
            # run: 22-25 ms -> 3.6 ms, the same 2,917 objects found)
            gc.collect(0)

            def canonical_events() -> Iterator[Any]:
                for k in order:
                    yield spool.get(k, story_of[k])

            t0 = time.perf_counter()
            store.replace_merge(canonical_events(), stories)
            timings["write"] = time.perf_counter() - t0
    finally:
        spool.close()
    return MergeResult([], stories, copies, {}, timings, totals)


def summary(result: MergeResult) -> dict[str, Any]:
    if result.totals is not None:  # merge_store: the events went to the store, only their counts came back
        return {**result.totals, "stories": len(result.stories), "copies": len(result.copies)}
    return {"canonical_events": len(result.canonical_events), "stories": len(result.stories),
            "copies": len(result.copies),
            "multi_source_events": sum(1 for c in result.canonical_events if c.n_sources > 1),
            "contested_events": sum(1 for c in result.canonical_events if c.contested_fields)}
