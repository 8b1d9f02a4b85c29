"""Gold annotations: loading, validation, and resolving the referenced document texts.

The format is documented in ``docs/annotation.md``.  A gold file is JSON Lines; each line is either a
*document* (has ``"doc"``) with its gold events, or a *link cluster* (has ``"cluster"``) saying which
events in different documents are the same happening.  Documents are referenced, not copied: a file
under the shared data folder, a row of a CSV/JSONL file there (``row_key``), or inline ``text``.

Validation collects every problem with its ``file:line`` and raises one ``GoldError`` listing them,
so a bad gold file is fixed in one pass.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

from rasad.ingest.dates import refine_published
from rasad.model import ACLED_TAXONOMY, SUB_EVENT_TO_TYPE, Document, Polarity

POLARITIES: frozenset[str] = frozenset(get_args(Polarity))
OUTCOMES: frozenset[str] = frozenset({"captured", "withdrew", "holding", "contested", "repelled", "ongoing"})
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year", "unknown")
SPEAKER_KINDS: frozenset[str] = frozenset({"person", "organisation", "anonymous", "outlet", "unnamed_group"})
#: Fields joined (in this order, when present) to form the text of a CSV/JSONL row without explicit ``fields``.
DEFAULT_TEXT_FIELDS: tuple[str, ...] = (
    "title", "article_title", "abstract", "text", "content", "article_content", "body", "paragraphs",
)
FIELD_SEPARATOR = "\n\n"

_EVENT_KEYS = frozenset({
    "id", "event_type", "sub_event_type", "actor1", "actor2", "location", "date", "fatalities", "polarity",
    "outcome", "attribution", "evidence", "vague", "note", "notes", "wounded", "arrested", "displaced",
})
_DOC_LINE_KEYS = frozenset({"doc", "key", "lang", "outlet", "published", "events", "complete", "note", "notes", "title"})
_LINK_KEYS = frozenset({"cluster", "members", "contradictions", "note", "notes"})


class GoldError(ValueError):
    """A gold file that cannot be used; the message lists every problem found, with file and line."""


def default_shared_dir() -> Path:
    """``$RASAD_SHARED`` if set, else ``../shared`` relative to the current directory."""
    return Path(os.environ.get("RASAD_SHARED", Path.cwd().parent / "shared")).resolve()


# --------------------------------------------------------------------------------------------
# Data classes
# --------------------------------------------------------------------------------------------


@dataclass
class GoldFatalities:
    low: int | None
    best: int | None
    high: int | None
    unspecified: bool = False

    @property
    def value(self) -> int | None:
        return self.best if self.best is not None else self.low


@dataclass
class GoldEvent:
    id: str
    event_type: str
    sub_event_type: str
    actor1: dict[str, Any] | None = None
    actor2: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    date: dict[str, Any] | None = None
    fatalities: GoldFatalities | None = None
    polarity: str = "asserted"
    outcome: str | None = None
    attribution: dict[str, Any] | None = None
    evidence: dict[str, Any] | None = None
    vague: bool = False
    note: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def evidence_span(self) -> tuple[int, int] | None:
        ev = self.evidence or {}
        if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
            return ev["start"], ev["end"]
        return None

    @property
    def actor_ids(self) -> list[str]:
        return [a["id"] for a in (self.actor1, self.actor2) if a and a.get("id")]


@dataclass
class GoldDoc:
    key: str
    ref: dict[str, Any]
    lang: str
    events: list[GoldEvent]
    outlet: str | None = None
    published: datetime | None = None
    published_precision: str = "unknown"
    source: str = ""  # "file:line" of the gold line
    text: str | None = None  # resolved raw text
    complete: bool = True  # every event of the text is annotated (False: only the main events)

    def event(self, event_id: str) -> GoldEvent | None:
        return next((e for e in self.events if e.id == event_id), None)


@dataclass
class GoldCluster:
    id: str
    members: list[tuple[str, str]]  # (doc key, event id)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    source: str = ""


@dataclass
class GoldSet:
    docs: list[GoldDoc] = field(default_factory=list)
    clusters: list[GoldCluster] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def doc(self, key: str) -> GoldDoc | None:
        return next((d for d in self.docs if d.key == key), None)

    @property
    def has_links(self) -> bool:
        return bool(self.clusters)


# --------------------------------------------------------------------------------------------
# Resolving document references
# --------------------------------------------------------------------------------------------


def _resolve_path(path: str, shared_dir: Path, gold_dir: Path | None) -> Path:
    p = Path(path)
    if p.is_absolute():
        return p
    candidates = [shared_dir / p]
    if gold_dir is not None:
        candidates.append(gold_dir / p)
    for c in candidates:
        if c.exists():
            return c
    raise FileNotFoundError(f"{path!r} not found under the shared folder {shared_dir}"
                            + (f" or next to the gold file ({gold_dir})" if gold_dir else ""))


@lru_cache(maxsize=16)
def _read_rows(path: Path) -> tuple[dict[str, Any], ...]:
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return tuple(csv.DictReader(fh))
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return tuple(rows)


def _field_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return FIELD_SEPARATOR.join(_field_text(v) for v in value if _field_text(v))
    return str(value).strip()


def row_text(row: dict[str, Any], fields: list[str] | None) -> str:
    """The document text of a CSV/JSONL row: the chosen fields' values joined by a blank line."""
    names = fields if fields else [f for f in DEFAULT_TEXT_FIELDS if f in row]
    missing = [f for f in names if f not in row]
    if missing:
        raise KeyError(f"row has no field(s) {', '.join(missing)}; it has {', '.join(row)}")
    parts = [_field_text(row[f]) for f in names]
    return FIELD_SEPARATOR.join(p for p in parts if p)


def resolve_text(ref: dict[str, Any], shared_dir: Path, gold_dir: Path | None = None) -> str:
    """The raw text a document reference points to (inline ``text``, a file, or a row of a table)."""
    if "text" in ref:
        return str(ref["text"])
    path = _resolve_path(str(ref["path"]), shared_dir, gold_dir)
    row_key = ref.get("row_key")
    if not row_key:
        return path.read_text(encoding="utf-8")
    rows = [r for r in _read_rows(path) if all(str(r.get(k)) == str(v) for k, v in row_key.items())]
    if not rows:
        raise LookupError(f"no row of {path.name} has {row_key}")
    if len(rows) > 1:
        raise LookupError(f"{len(rows)} rows of {path.name} match {row_key}; the row key must be unique")
    return row_text(rows[0], ref.get("fields"))


def default_key(ref: dict[str, Any]) -> str:
    if "text" in ref:
        from rasad.model import content_hash

        return f"inline:{content_hash(str(ref['text']))}"
    key = str(ref.get("path", ""))
    if ref.get("row_key"):
        key += "?" + "&".join(f"{k}={v}" for k, v in sorted(ref["row_key"].items()))
    return key


def parse_published(value: Any) -> tuple[datetime | None, str]:
    """``"2013-07-29"``, ``"2013-07"``, ``{"date": ..., "precision": ...}`` -> (datetime, precision)."""
    if value is None:
        return None, "unknown"
    precision = None
    if isinstance(value, dict):
        precision = value.get("precision")
        value = value.get("date") or value.get("value")
        if value is None:
            return None, "unknown"
    s = str(value)
    if len(s) == 4:
        return datetime(int(s), 1, 1), precision or "year"
    if len(s) == 7:
        return datetime(int(s[:4]), int(s[5:7]), 1), precision or "month"
    dt = datetime.fromisoformat(s)
    return dt, precision or ("day" if len(s) == 10 else "datetime")


def to_document(doc: GoldDoc) -> Document:
    """A fresh ``Document`` for the pipeline: the text plus only what is known at ingest.

    Metadata given inside the reference (``doc.outlet``, ``doc.published``, ``doc.title``) is passed on;
    the gold's own top-level ``outlet``/``published`` are answers and are not.
    """
    if doc.text is None:
        raise GoldError(f"{doc.source}: document text not resolved")
    ref = doc.ref
    published, precision = parse_published(ref.get("published"))
    source_path = ref.get("path")
    row_key = ref.get("row_key") or {}
    url = ref.get("url") or row_key.get("url") or row_key.get("link")
    meta: dict[str, Any] = {"gold_key": doc.key}
    # the same metadata refinement ingestion applies: a day written in the article URL
    published, precision, from_url = refine_published(published, precision, url)
    if from_url:
        meta["published_from"] = "url"
    return Document.create(
        doc.text, title=ref.get("title"), outlet=ref.get("outlet"), url=url, published=published,
        published_precision=precision, source_path=str(source_path) if source_path else None, meta=meta,
    )


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _check_date_value(v: Any) -> bool:
    try:
        date.fromisoformat(str(v))
        return True
    except ValueError:
        return False


def _validate_fatalities(v: Any, errs: list[str], where: str) -> GoldFatalities | None:
    if v is None:
        return None
    if v == "unspecified":
        return GoldFatalities(None, None, None, unspecified=True)
    if isinstance(v, bool):
        errs.append(f"{where}: fatalities must be a number, {{low, best, high}} or \"unspecified\"")
        return None
    if isinstance(v, int):
        return GoldFatalities(v, v, v)
    if isinstance(v, dict):
        vals = {k: v.get(k) for k in ("low", "best", "high")}
        if any(x is not None and (not isinstance(x, int) or isinstance(x, bool) or x < 0) for x in vals.values()):
            errs.append(f"{where}: fatalities low/best/high must be non-negative integers")
            return None
        if all(x is None for x in vals.values()):
            errs.append(f"{where}: fatalities object needs at least one of low/best/high")
            return None
        low, best, high = vals["low"], vals["best"], vals["high"]
        best = best if best is not None else (low if low is not None else high)
        low = low if low is not None else best
        high = high if high is not None else best
        if not (low <= best <= high):
            errs.append(f"{where}: fatalities must satisfy low <= best <= high")
            return None
        return GoldFatalities(low, best, high)
    errs.append(f"{where}: fatalities must be a number, {{low, best, high}} or \"unspecified\"")
    return None


def _validate_event(raw: Any, errs: list[str], where: str, text: str | None) -> GoldEvent | None:
    if not isinstance(raw, dict):
        errs.append(f"{where}: an event must be an object")
        return None
    unknown = set(raw) - _EVENT_KEYS
    if unknown:
        errs.append(f"{where}: unknown event field(s) {', '.join(sorted(unknown))}")
    eid = raw.get("id")
    if not isinstance(eid, str) or not eid:
        errs.append(f"{where}: event needs a string id")
        return None
    where = f"{where}: event {eid}"
    et, st = raw.get("event_type"), raw.get("sub_event_type")
    if et not in ACLED_TAXONOMY:
        errs.append(f"{where}: event_type {et!r} is not an ACLED event type ({', '.join(ACLED_TAXONOMY)})")
    if st not in SUB_EVENT_TO_TYPE:
        errs.append(f"{where}: sub_event_type {st!r} is not an ACLED sub-event type")
    elif et in ACLED_TAXONOMY and SUB_EVENT_TO_TYPE[st] != et:
        errs.append(f"{where}: sub_event_type {st!r} belongs to {SUB_EVENT_TO_TYPE[st]!r}, not {et!r}")
    for name in ("actor1", "actor2"):
        a = raw.get(name)
        if a is not None and (not isinstance(a, dict) or "id" not in a):
            errs.append(f"{where}: {name} must be null or {{id, text}} (id may be null)")
    loc = raw.get("location")
    if loc is not None:
        if not isinstance(loc, dict) or not loc.get("name"):
            errs.append(f"{where}: location needs a name")
        else:
            lat, lon = loc.get("lat"), loc.get("lon")
            if (lat is None) != (lon is None):
                errs.append(f"{where}: location needs both lat and lon, or neither")
            elif lat is not None and not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
                errs.append(f"{where}: location lat/lon out of range")
            if loc.get("precision") not in (None, 1, 2, 3):
                errs.append(f"{where}: location precision must be 1, 2 or 3")
    dt = raw.get("date")
    if dt is not None:
        if not isinstance(dt, dict):
            errs.append(f"{where}: date must be an object")
        elif "start" in dt and dt["start"] is not None:
            if not _check_date_value(dt["start"]) or not _check_date_value(dt.get("end") or dt["start"]):
                errs.append(f"{where}: date start/end must be ISO dates (YYYY-MM-DD)")
            elif str(dt.get("end") or dt["start"]) < str(dt["start"]):
                errs.append(f"{where}: date end is before start")
            if dt.get("precision", "day") not in DATE_PRECISIONS:
                errs.append(f"{where}: date precision must be one of {', '.join(DATE_PRECISIONS)}")
        elif not dt.get("relative"):
            errs.append(f"{where}: date needs start (and end, precision) or relative")
    fat = _validate_fatalities(raw.get("fatalities"), errs, where)
    pol = raw.get("polarity", "asserted")
    if pol not in POLARITIES:
        errs.append(f"{where}: polarity {pol!r} is not one of {', '.join(sorted(POLARITIES))}")
    out = raw.get("outcome")
    if out is not None and out not in OUTCOMES:
        errs.append(f"{where}: outcome {out!r} is not one of {', '.join(sorted(OUTCOMES))}")
    att = raw.get("attribution")
    if att is not None:
        if not isinstance(att, dict):
            errs.append(f"{where}: attribution must be an object")
        else:
            sp = att.get("speaker")
            if sp is not None:
                if not isinstance(sp, dict):
                    errs.append(f"{where}: attribution.speaker must be an object")
                elif sp.get("kind") is not None and sp["kind"] not in SPEAKER_KINDS:
                    errs.append(f"{where}: speaker kind {sp['kind']!r} not one of {', '.join(sorted(SPEAKER_KINDS))}")
                elif not (sp.get("canonical_id") or sp.get("name") or sp.get("kind") == "anonymous"
                          or sp.get("role")):
                    errs.append(f"{where}: speaker needs a canonical_id, a name, or kind anonymous with a role")
    ev = raw.get("evidence")
    if ev is not None:
        _validate_evidence(ev, text, where, errs)
    if raw.get("vague") and not (raw.get("note") or raw.get("notes")):
        errs.append(f"{where}: vague events need a note saying what is vague")
    return GoldEvent(
        id=eid, event_type=str(et), sub_event_type=str(st), actor1=raw.get("actor1"), actor2=raw.get("actor2"),
        location=loc if isinstance(loc, dict) else None, date=dt if isinstance(dt, dict) else None,
        fatalities=fat, polarity=pol, outcome=out, attribution=att if isinstance(att, dict) else None,
        evidence=ev if isinstance(ev, dict) else None, vague=bool(raw.get("vague")),
        note=raw.get("note") or raw.get("notes"), raw=raw,
    )


def _parse_doc_line(obj: dict[str, Any], where: str, errs: list[str], shared_dir: Path | None,
                    gold_dir: Path, resolve: bool) -> GoldDoc | None:
    unknown = set(obj) - _DOC_LINE_KEYS
    if unknown:
        errs.append(f"{where}: unknown document field(s) {', '.join(sorted(unknown))}")
    ref = obj.get("doc")
    if not isinstance(ref, dict) or not ("path" in ref or "text" in ref):
        errs.append(f"{where}: \"doc\" must be {{\"path\": ...}} (optionally with row_key, fields) or {{\"text\": ...}}")
        return None
    lang = obj.get("lang")
    if not isinstance(lang, str) or not lang:
        errs.append(f"{where}: document needs lang (e.g. \"ar\", \"fa\", \"en\")")
        lang = "und"
    text = None
    if resolve or "text" in ref:
        try:
            text = resolve_text(ref, shared_dir or default_shared_dir(), gold_dir)
        except (OSError, LookupError, KeyError, ValueError) as exc:
            errs.append(f"{where}: cannot read the document: {exc}")
    try:
        published, precision = parse_published(obj.get("published"))
    except (ValueError, TypeError) as exc:
        errs.append(f"{where}: bad published value: {exc}")
        published, precision = None, "unknown"
    if not isinstance(obj.get("complete", True), bool):
        errs.append(f"{where}: complete must be true or false")
    events_raw = obj.get("events", [])
    if not isinstance(events_raw, list):
        errs.append(f"{where}: events must be a list")
        events_raw = []
    events: list[GoldEvent] = []
    seen: set[str] = set()
    for raw in events_raw:
        ev = _validate_event(raw, errs, where, text)
        if ev is None:
            continue
        if ev.id in seen:
            errs.append(f"{where}: duplicate event id {ev.id!r}")
        seen.add(ev.id)
        events.append(ev)
    return GoldDoc(key=str(obj.get("key") or default_key(ref)), ref=ref, lang=lang, events=events,
                   outlet=obj.get("outlet"), published=published, published_precision=precision,
                   source=where, text=text, complete=bool(obj.get("complete", True)))


def _parse_link_line(obj: dict[str, Any], where: str, errs: list[str]) -> GoldCluster | None:
    unknown = set(obj) - _LINK_KEYS
    if unknown:
        errs.append(f"{where}: unknown link field(s) {', '.join(sorted(unknown))}")
    members = obj.get("members")
    if not isinstance(members, list) or len(members) < 2:
        errs.append(f"{where}: a link cluster needs at least two members \"docKey#eventId\"")
        return None
    parsed = []
    for m in members:
        if not isinstance(m, str) or "#" not in m:
            errs.append(f"{where}: member {m!r} is not \"docKey#eventId\"")
            continue
        key, _, eid = m.rpartition("#")
        parsed.append((key, eid))
    contradictions = obj.get("contradictions", [])
    if not isinstance(contradictions, list) or any(
            not isinstance(c, dict) or "field" not in c for c in contradictions):
        errs.append(f"{where}: contradictions must be a list of {{field, values}}")
        contradictions = []
    return GoldCluster(id=str(obj["cluster"]), members=parsed, contradictions=contradictions, source=where)


def load_gold(paths: list[str | Path], shared_dir: Path | None = None, resolve: bool = True) -> GoldSet:
    """Load and validate gold files (documents and link clusters may be in the same or separate files).

    With ``resolve`` the referenced texts are read (from ``shared_dir``) and evidence quotes checked.
    Raises ``GoldError`` listing every problem.
    """
    errs: list[str] = []
    gold = GoldSet(files=[str(p) for p in paths])
    for path in map(Path, paths):
        if not path.exists():
            errs.append(f"{path}: file not found")
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                errs.append(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                errs.append(f"{where}: each line must be a JSON object")
            elif "cluster" in obj:
                cl = _parse_link_line(obj, where, errs)
                if cl:
                    gold.clusters.append(cl)
            elif "doc" in obj:
                d = _parse_doc_line(obj, where, errs, shared_dir, path.parent, resolve)
                if d:
                    gold.docs.append(d)
            else:
                errs.append(f"{where}: a line must have \"doc\" (a document) or \"cluster\" (a link)")
    keys: dict[str, str] = {}
    for d in gold.docs:
        if d.key in keys:
            errs.append(f"{d.source}: document key {d.key!r} already used at {keys[d.key]}")
        keys[d.key] = d.source
    in_cluster: dict[tuple[str, str], str] = {}
    for cl in gold.clusters:
        for key, eid in cl.members:
            d = gold.doc(key)
            if d is None:
                errs.append(f"{cl.source}: cluster {cl.id}: unknown document {key!r} (load its gold file too)")
            elif d.event(eid) is None:
                errs.append(f"{cl.source}: cluster {cl.id}: document {key!r} has no event {eid!r}")
            if (key, eid) in in_cluster:
                errs.append(f"{cl.source}: {key}#{eid} is already in cluster {in_cluster[(key, eid)]}")
            in_cluster[(key, eid)] = cl.id
    if errs:
        raise GoldError(f"{len(errs)} problem(s) in gold:\n" + "\n".join(f"  {e}" for e in errs))
    return gold


def quote_hash(quote: str) -> str:
    """What the repository keeps of an evidence quote taken from a shared text: its SHA-1 (12 hex).

    Gold for texts in ../shared stores offsets plus this hash, never the words themselves, so no shared
    text is copied into the repository; the hash still lets the loader check that the offsets point at
    the passage the annotator chose."""
    return hashlib.sha1(quote.encode("utf-8")).hexdigest()[:12]


def _validate_evidence(ev: Any, text: str | None, where: str, errs: list[str]) -> None:
    """Evidence is ``{"quote": ...}`` (optionally anchored with start/end) or ``{"start", "end", "sha1"}``."""
    if not isinstance(ev, dict):
        errs.append(f"{where}: evidence must be an object")
        return
    quote, digest = ev.get("quote"), ev.get("sha1")
    start, end = ev.get("start"), ev.get("end")
    if not (isinstance(quote, str) and quote) and not (isinstance(digest, str) and digest):
        errs.append(f"{where}: evidence needs a non-empty quote, or start/end with the quote's sha1")
        return
    if quote is None and not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        errs.append(f"{where}: evidence given by sha1 needs integer start < end")
        return
    if text is None:
        return
    if quote is not None:
        if start is None or end is None:
            if quote not in text:
                errs.append(f"{where}: evidence quote not found in the document text: {quote[:60]!r}")
        elif text[start:end] != quote:
            found = text.find(quote)
            hint = f" (the quote is at {found}-{found + len(quote)})" if found >= 0 else " (quote not in text)"
            errs.append(f"{where}: evidence offsets {start}-{end} do not hold the quote{hint}; "
                        "re-run `rasad gold-anchor`")
    elif quote_hash(text[start:end]) != digest:
        errs.append(f"{where}: evidence offsets {start}-{end} no longer hold the annotated passage (sha1 "
                    "mismatch): the shared text changed, or the offsets are wrong")


def anchor_file(path: Path, shared_dir: Path | None = None) -> tuple[int, list[str]]:
    """Fill evidence ``start``/``end`` for every quote in a gold file (in place).

    For documents referenced in the shared folder the quote is then replaced by its hash
    (``quote_hash``): the repository keeps offsets, not the shared text.  Inline documents keep quotes.

    Returns (number of quotes anchored, problems).  A quote that does not occur in the text, or occurs
    more than once without ``"occurrence": n``, is reported and left unanchored.
    """
    shared = shared_dir or default_shared_dir()
    out_lines: list[str] = []
    problems: list[str] = []
    n = 0
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        is_comment = not line.strip() or line.lstrip().startswith("//")
        try:
            obj = None if is_comment else json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path}:{lineno}: not valid JSON: {exc.msg} (column {exc.colno})")
            obj = None
        if not isinstance(obj, dict) or "doc" not in obj:
            out_lines.append(line)
            continue
        try:
            text = resolve_text(obj["doc"], shared, path.parent)
        except (OSError, LookupError, KeyError, ValueError) as exc:
            problems.append(f"{path}:{lineno}: cannot read the document: {exc}")
            out_lines.append(line)
            continue
        for ev in obj.get("events", []):
            evid = ev.get("evidence")
            if not isinstance(evid, dict) or not evid.get("quote"):
                continue
            quote = evid["quote"]
            hits = []
            i = text.find(quote)
            while i >= 0:
                hits.append(i)
                i = text.find(quote, i + 1)
            occurrence = evid.get("occurrence")
            if not hits:
                problems.append(f"{path}:{lineno}: event {ev.get('id')}: quote not in text: {quote[:60]!r}")
                continue
            if len(hits) > 1 and occurrence is None:
                problems.append(f"{path}:{lineno}: event {ev.get('id')}: quote occurs {len(hits)} times; "
                                "add \"occurrence\": n (1-based)")
                continue
            start = hits[(occurrence or 1) - 1]
            evid["start"], evid["end"] = start, start + len(quote)
            if "text" not in obj["doc"]:  # a shared text: keep offsets and a hash, not the words
                evid.pop("quote")
                evid.pop("occurrence", None)
                evid["sha1"] = quote_hash(quote)
            n += 1
        out_lines.append(json.dumps(obj, ensure_ascii=False))
    path.write_text("\n".join(out_lines) + "\n", encoding="utf-8")
    return n, problems
