"""What the SQLite and PostgreSQL stores share: migrations, row mapping and filter-to-SQL translation.

Both back-ends use the same schema (``store/migrations/*.sql``, with a few dialect tokens), the same
queries (written with ``?`` placeholders; the PostgreSQL store rewrites them to ``%s``) and the same
mapping between model objects and rows.  A back-end only supplies a connection, a transaction context
and the dialect tokens.

Values from filters are always passed as bound parameters, never spliced into SQL text; column names
come from fixed allow-lists.
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from abc import abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import resources
from json.encoder import c_encode_basestring as json_c_encode_basestring  # type: ignore[attr-defined]
from json.encoder import c_make_encoder as json_c_make_encoder  # type: ignore[attr-defined]
from operator import attrgetter
from sys import intern
from typing import Any, TypeVar

from rasad.model import (
    CanonicalEvent,
    Claim,
    Document,
    Event,
    Mention,
    Sentence,
    Story,
    json_default,
    to_jsonable,
)
from rasad.store.base import EventFilter, Rejection, Store
from rasad.store.search import FTS5_STREAM_FROM, SearchQuery, event_search_text, text_conditions
from rasad.text.normalize import normalize_text

#: Rows fetched per round-trip when iterating (keyset pagination keeps memory flat on big stores).
PAGE_SIZE = 500

#: Document fields kept in their own columns; everything else of ``Document.to_dict`` goes to ``data``.
_DOC_COLUMNS = ("id", "outlet", "url", "title", "published", "published_precision", "lang", "source_path",
                "source_format", "encoding", "text", "meta")
_DOC_CHILDREN = ("sentences", "mentions", "events", "claims")
#: The document columns the merge reads (``SQLStore.iter_merge_rows``; the text only in its first pass).
_MERGE_DOC_COLUMNS = ("id", "outlet", "url", "title", "published", "lang", "source_path")
#: The serialised ``Document`` fields that are not children (those are written row by row).
_DOC_OWN_FIELDS = tuple(f.name for f in dataclasses.fields(Document)
                        if f.metadata.get("serialize", True) and f.name not in _DOC_CHILDREN)

#: The migration adding ``events.search_text`` (``SQLStore._after_migration`` backfills it).
SEARCH_MIGRATION = "event_search"
#: The migration that recomputes ``events.search_text`` after ``search_fold`` changed (no index to build).
SEARCH_REFOLD_MIGRATION = "search_refold_hamza_ye"

#: ``EventFilter.extra`` keys accepted as exact-match filters on events (and the column they compare).
EXTRA_EVENT_COLUMNS = {"country": "country", "actor1_id": "actor1_id", "actor2_id": "actor2_id"}


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    def statements(self, tokens: dict[str, str]) -> list[str]:
        """The migration's statements with dialect tokens substituted (comments dropped)."""
        text = self.sql
        for token, value in tokens.items():
            text = text.replace(token, value)
        lines = [line for line in text.splitlines() if not line.lstrip().startswith("--")]
        return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def load_migrations() -> list[Migration]:
    """The named migrations shipped in ``rasad/store/migrations`` (``NNNN_name.sql``), in order."""
    folder = resources.files("rasad.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate migration versions in {folder}: {versions}")
    return found


#: One encoder for every JSON column (``json.dumps`` with options builds a new encoder per call).
_JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
#: The C function ``_JSON_ENCODER.encode`` builds on every call (with a circular-reference memo), built
#: once: the same text for every value, 40% less time on a mention's small attrs dict (~54 per document).
#: A circular value (never produced by the model) raises RecursionError instead of ValueError.
_C_ENCODE = (json_c_make_encoder(None, str, json_c_encode_basestring, None, ":", ",", False, False, True)
             if json_c_make_encoder is not None and json_c_encode_basestring is not None else None)


_MODEL_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=json_default)
#: ``_C_ENCODE`` with ``model.json_default`` as its hook: writes model objects without ``to_dict`` first.
_C_ENCODE_MODEL = (json_c_make_encoder(None, json_default, json_c_encode_basestring, None, ":", ",", False, False,
                                       True)
                   if json_c_make_encoder is not None and json_c_encode_basestring is not None else None)


def _json_dumps(value: Any) -> str:
    """``dumps`` through the json module (what orjson's text is checked against)."""
    if _C_ENCODE is None:  # an interpreter without the json C accelerator
        return _JSON_ENCODER.encode(value)
    return "".join(_C_ENCODE(value, 0))


def _json_dumps_model(value: Any) -> str:
    """``dumps_model`` through the json module."""
    if _C_ENCODE_MODEL is None:
        return _MODEL_ENCODER.encode(value)
    return "".join(_C_ENCODE_MODEL(value, 0))


# orjson writes the JSON columns 3-5x faster than the json module's C encoder (the 1k bench: mention attrs 0.047
# -> 0.009, events and claims 0.068 -> 0.023 ms per document) and, used as below, writes the same text:
# compact separators, non-ASCII as is, the same escapes, keys in insertion order, the same float digits.
# What it would write otherwise is sent back to the json module:
# * dataclasses, dates and datetimes are handed to the same hooks as json's (``OPT_PASSTHROUGH_*``): the
#   ``serialize`` field metadata and ``isoformat``/``str`` stay as they were;
# * what orjson refuses (ints beyond 64 bits, non-string keys, lone surrogates, nesting deeper than 254)
#   raises, and the value is written by json instead (which raises, or not, as before);
# * a float below 1e-4 that is not zero: json writes ``1e-05`` where orjson writes ``0.00001`` (``1e-7``
#   vs ``1e-07`` further down), so a text holding either form is written again by json (``_same_as_json``;
#   a text field holding such letters costs the second encoding, never other text);
# * float and tuple subclasses orjson does not take (numpy's float64, named tuples) reach the hook, which
#   hands json's own reading back (the float value, the items as a list).
# Two values are written differently: a float NaN or infinity, which json writes as ``NaN``/``Infinity`` (not
# JSON: SQLite's JSON functions and PostgreSQL's JSONB refuse it) and orjson as ``null``; and a member of a plain
# ``enum.Enum`` (neither str nor int), which json writes as its ``str`` ("Kind.A") and orjson as its value (it
# never reaches the hook).  No stage makes either (the model's floats are coordinates from the gazetteer and
# rule confidences; it holds no Enum).
try:
    import orjson
except ImportError:  # pragma: no cover - orjson is a dependency; without it the json module writes everything
    orjson = None  # type: ignore[assignment]

if orjson is not None:
    _ORJSON_DUMPS = orjson.dumps
    _ORJSON_REFUSED: tuple[type[Exception], ...] = (orjson.JSONEncodeError, TypeError)
    _ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
else:  # pragma: no cover
    _ORJSON_DUMPS = None
    _ORJSON_REFUSED = ()
    _ORJSON_OPTIONS = 0


#: A negative exponent (``1e-7``: orjson writes the smallest floats so) and its likely start: the second
#: pattern begins with literal text, which ``re`` finds with a fast substring search (``e-`` is common in English
#: text; ``e-`` and a digit is not), so the first one runs on few texts.
_NEGATIVE_EXPONENT = re.compile(rb"[0-9]e-[0-9]")
_NEGATIVE_EXPONENT_TAIL = re.compile(rb"e-[0-9]")


def _same_as_json(out: bytes) -> bool:
    """Whether orjson's text ``out`` can hold no float below 1e-4, the one number json writes otherwise (a
    ``.0000`` anywhere, or a digit, ``e-``, digit, sends the value to json: texts holding them are rare).
    ~0.016 ms per 1k-bench document for its ~20 KB of JSON."""
    return b".0000" not in out and (_NEGATIVE_EXPONENT_TAIL.search(out) is None
                                    or _NEGATIVE_EXPONENT.search(out) is None)


def _orjson_default(value: Any) -> Any:
    """orjson's hook for ``dumps``: what json's C encoder makes of the value (``str`` of anything it does not
    know, as ``default=str``)."""
    if isinstance(value, float):
        return float(value)
    if isinstance(value, tuple):
        return list(value)
    return str(value)


def _dumps_one(value: Any, hook: Callable[[Any], Any], slow: Callable[[Any], str]) -> str:
    """orjson's text of ``value`` (``hook``: its ``default``) when it is json's, else ``slow(value)`` (json's)."""
    if _ORJSON_DUMPS is not None:
        try:
            out = _ORJSON_DUMPS(value, hook, _ORJSON_OPTIONS)
        except _ORJSON_REFUSED:
            return slow(value)
        if _same_as_json(out):
            return out.decode()
    return slow(value)


def dumps(value: Any) -> str:
    """JSON column text of plain values (anything else written as its ``str``): compact, non-ASCII as is."""
    return _dumps_one(value, _orjson_default, _json_dumps)


def dumps_model(value: Any) -> str:
    """``dumps(to_jsonable(value))`` of a model object (or list/dict of them), written directly."""
    return _dumps_one(value, json_default, _json_dumps_model)


def _dumps_all(values: Sequence[Any], model: bool) -> list[str]:
    """``[dumps_model(v) for v in values]`` (``model``) or ``[dumps(v) ...]``, a document's values at a time: the
    checks of orjson's texts are made once over all of them (a value json must write sends them all to json,
    which writes them as it always did), and no Python call is made per value but orjson's."""
    if _ORJSON_DUMPS is not None and values:
        dump, hook, option = _ORJSON_DUMPS, json_default if model else _orjson_default, _ORJSON_OPTIONS
        try:
            outs = [dump(value, hook, option) for value in values]
        except _ORJSON_REFUSED:
            pass
        else:
            if _same_as_json(b"".join(outs)):
                return [out.decode() for out in outs]
    slow = _json_dumps_model if model else _json_dumps
    return [slow(value) for value in values]


#: The decoder's C scanner, called directly: ``json.loads`` adds ~1 us of Python per call (a whitespace
#: regex each side and the decoder's method calls), a quarter of decoding a merge's ~27 JSON columns per
#: document.  Used for text that is one JSON value with nothing around it -- what ``dumps`` writes.
_SCAN_ONCE = json.JSONDecoder().scan_once


def loads(value: Any) -> Any:
    """JSON column value -> Python (PostgreSQL JSONB already arrives decoded)."""
    if value is None:
        return None
    if value.__class__ is str:
        try:
            obj, end = _SCAN_ONCE(value, 0)
        except StopIteration:  # leading whitespace or not JSON: json.loads decides (and raises alike)
            return json.loads(value)
        return obj if end == len(value) else json.loads(value)
    if isinstance(value, str | bytes | bytearray):
        return json.loads(value)
    return value


def _interned_keys(attrs: Any) -> dict[str, Any]:
    """A mention's attrs with its keys interned: a loaded document holds ~50 mentions whose attrs repeat
    the same few keys, and one string object per key instead of one per mention saves ~15% of its memory."""
    if not attrs:
        return {}
    if not isinstance(attrs, dict):
        return attrs
    return {intern(k): v for k, v in attrs.items()}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _coordinate(place: dict[str, Any], key: str, long_key: str) -> Any:
    """A gazetteer entry's coordinate for the places table's column: entries say ``lat``/``lon`` (the
    gazetteer format); ``latitude``/``longitude`` is read too."""
    value = place.get(key)
    return place.get(long_key) if value is None else value


def like_escape(text: str) -> str:
    r"""Escape LIKE wildcards so user text matches literally (used with ``ESCAPE '\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --------------------------------------------------------------------------------------------
# Model -> row
# --------------------------------------------------------------------------------------------


def _actor_words(*actors: Any) -> str:
    """Canonical names and the document's own words for every actor, one per line (``actor`` filter).

    Ids are not included: they match exactly through the ``actor1_id``/``actor2_id`` columns."""
    words: list[str] = []
    for actor in actors:
        if actor is None:
            continue
        for value in (actor.name, actor.text):
            if value:
                words.append(str(value))
    return "\n".join(words)


def event_row(event: Event, seq: int, data: str | None = None) -> tuple[Any, ...]:
    """The ``events`` row; ``data``: ``dumps_model(event)`` when the caller has it already."""
    loc = event.location
    dt = event.date
    evidence = [event.sentence.text if event.sentence else "", event.trigger.text if event.trigger else ""]
    evidence += [span.text for span in event.evidence]
    return (
        event.id, event.doc_id, seq, event.event_type, event.sub_event_type,
        loc.place_id if loc else None, loc.country if loc else None,
        loc.admin1 if loc else None, loc.admin2 if loc else None, loc.admin3 if loc else None,
        dt.start.isoformat() if dt and dt.start else None,
        dt.end.isoformat() if dt and dt.end else (dt.start.isoformat() if dt and dt.start else None),
        event.actor1.canonical_id if event.actor1 else None,
        event.actor2.canonical_id if event.actor2 else None,
        _actor_words(event.actor1, event.actor2, *event.assoc_actors),
        event.polarity, event.lang, "\n".join(t for t in evidence if t),
        dumps_model(event) if data is None else data,
        event_search_text(event),
    )


EVENT_INSERT = (
    "INSERT INTO events (id, doc_id, seq, event_type, sub_event_type, place_id, country, admin1, admin2, admin3,"
    " date_start, date_end, actor1_id, actor2_id, actor_words, polarity, lang, evidence_text, data, search_text)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def claim_row(claim: Claim, seq: int, data: str | None = None) -> tuple[Any, ...]:
    """The ``claims`` row; ``data``: ``dumps_model(claim)`` when the caller has it already."""
    return (claim.id, claim.doc_id, seq, claim.event_id, claim.subject, claim.predicate, claim.polarity,
            claim.lang, dumps_model(claim) if data is None else data)


CLAIM_INSERT = ("INSERT INTO claims (id, doc_id, seq, event_id, subject, predicate, polarity, lang, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def canonical_row(event: CanonicalEvent, seq: int) -> tuple[Any, ...]:
    loc = event.location
    start = event.date_start.isoformat() if event.date_start else None
    end = event.date_end.isoformat() if event.date_end else start
    return (
        event.id, seq, event.event_type, event.sub_event_type,
        loc.place_id if loc else None, loc.country if loc else None,
        loc.admin1 if loc else None, loc.admin2 if loc else None, loc.admin3 if loc else None,
        start, end,
        event.actor1.canonical_id if event.actor1 else None,
        event.actor2.canonical_id if event.actor2 else None,
        _actor_words(event.actor1, event.actor2),
        event.story_id, event.n_sources, dumps_model(event),
    )


#: Position of ``story_id`` in ``canonical_row``.
_STORY_COLUMN = 14

CANONICAL_INSERT = (
    "INSERT INTO canonical_events (id, seq, event_type, sub_event_type, place_id, country, admin1, admin2,"
    " admin3, date_start, date_end, actor1_id, actor2_id, actor_words, story_id, n_sources, data)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


#: Stands for the story id inside a canonical event serialised before its story is known.
_STORY_PLACEHOLDER = "\x00story-id\x00"
_STORY_PLACEHOLDER_JSON = dumps(_STORY_PLACEHOLDER)


@dataclass(frozen=True, slots=True)
class PreparedCanonical:
    """A canonical event as ``replace_merge``'s rows, serialised before its story id is known.

    The merge builds each event long before the stories exist; keeping it as these few strings (on
    disk, in the merge's spool) rather than as objects, and serialising it once, is what lets a 100k
    merge stream.  ``with_story`` fills the story id in.
    """

    row: tuple[Any, ...]  # canonical_row with seq 0 and the placeholder story id
    actor_ids: tuple[str, ...]
    reports: tuple[tuple[str, str], ...]  # (doc id, event id)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (the merge's spool) as a constructor call: a frozen slots dataclass otherwise goes
        through ``copyreg`` and the dataclass ``__getstate__``/``__setstate__`` (in Python) each way."""
        return (PreparedCanonical, (self.row, self.actor_ids, self.reports))

    def with_story(self, story_id: str | None) -> PreparedCanonical:
        row = list(self.row)
        row[_STORY_COLUMN] = story_id
        row[-1] = row[-1].replace(_STORY_PLACEHOLDER_JSON, dumps(story_id), 1)
        return PreparedCanonical(tuple(row), self.actor_ids, self.reports)


def prepare_canonical(event: CanonicalEvent) -> PreparedCanonical:
    """``event``'s rows with a placeholder story id (see ``PreparedCanonical.with_story``)."""
    story_id, event.story_id = event.story_id, _STORY_PLACEHOLDER
    try:
        row = canonical_row(event, 0)
    finally:
        event.story_id = story_id
    actor_ids = tuple(dict.fromkeys(a.canonical_id for a in (event.actor1, event.actor2)
                                    if a is not None and a.canonical_id))
    reports = tuple({r.event_id: (r.doc_id, r.event_id) for r in event.reports}.values())
    return PreparedCanonical(row, actor_ids, reports)


def _merge_rows(item: CanonicalEvent | PreparedCanonical, seq: int,
                ) -> tuple[tuple[Any, ...], list[tuple[str, int]], list[tuple[str, str, str]]]:
    """The canonical_events row, canonical_actors rows and canonical_reports rows of one event."""
    prepared = item if isinstance(item, PreparedCanonical) else prepare_canonical(item).with_story(item.story_id)
    row = list(prepared.row)
    row[1] = seq
    cid = row[0]
    return (tuple(row), [(actor, seq) for actor in prepared.actor_ids],
            [(cid, doc_id, event_id) for doc_id, event_id in prepared.reports])


@dataclass(frozen=True, slots=True)
class MergeRows:
    """One stored document as the merge reads it (``SQLStore.iter_merge_rows``).

    ``doc`` has only the fields the merge reads (id, outlet, url, title, publication time, language,
    source path and, when asked, the text; the rest at their defaults, no children); the children are
    rows with their JSON undecoded (text in SQLite, already decoded in PostgreSQL), in the document's order.
    A document this process saved with ``keep_for_merge`` comes with its ``Event`` and ``Claim`` objects
    (without the fields the caller skips) instead of their JSON, which the merge must then not change.
    """

    doc: Document
    events: list[tuple[str, str, Any]]  # (event id, sub_event_type, data)
    place_mentions: list[tuple[str | None, str, Any]]  # (canonical_id, text, attrs)
    claims: list[tuple[str, Any]]  # (event_id, data) of the claims linked to an event


#: Rows per ``executemany`` when ``replace_merge`` writes from an iterator.
MERGE_CHUNK = 500

_T = TypeVar("_T")


def _chunks(items: Iterable[_T], size: int = MERGE_CHUNK) -> Iterator[tuple[int, list[_T]]]:
    """``items`` in lists of ``size``, each with the position of its first item."""
    chunk: list[_T] = []
    start = 0
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield start, chunk
            start += size
            chunk = []
    if chunk:
        yield start, chunk


#: Documents whose merge input a store keeps in memory after saving them (``save_documents(...,
#: keep_for_merge=True)``, which the analyse runner passes; the first ones of a run).  The merge that follows the
#: run then takes those documents' events, claims and place mentions as the objects the stages made instead of
#: reading their JSON back and decoding it (1k bench: merge 0.53 -> 0.39 ms per document).  Kept without
#: the fields below, a document's events and claims take ~12 KB (RSS after a 1k run +12 MB): ~50 MB at most.
MERGE_MEMO_DOCS = 4096
#: The event and claim fields the kept objects go without (the merge never reads them, and asks the store to
#: leave them out: ``iter_merge_rows``' ``event_skips``/``claim_skips``).  A sentence span alone holds the
#: sentence's text.
MEMO_EVENT_SKIPS = ("sentence", "evidence", "wounded", "arrested", "displaced")
MEMO_CLAIM_SKIPS = ("sentence", "attrs", "reporting_verb")
#: What an ``Event``/``Claim`` read through ``iter_merge_rows`` has in place of a skipped field (its default).
_EVENT_BLANKS: dict[str, Any] = {"sentence": None, "wounded": None, "arrested": None, "displaced": None}
_CLAIM_BLANKS: dict[str, Any] = {"sentence": None, "reporting_verb": None}


def _without(obj: Any, blanks: dict[str, Any], **fresh: Any) -> Any:
    """A shallow copy of the dataclass ``obj`` with ``blanks`` and ``fresh`` (new empty containers) in place
    of those fields, made without running ``__init__`` (a tenth of ``dataclasses.replace``'s time)."""
    copy = object.__new__(obj.__class__)
    copy.__dict__.update(obj.__dict__, **blanks, **fresh)
    return copy


@dataclass(frozen=True, slots=True)
class _MergeMemo:
    """What ``iter_merge_rows`` reads of one saved document's children, as saved in this process: the
    objects the stages made, without ``MEMO_EVENT_SKIPS``/``MEMO_CLAIM_SKIPS`` (equal to what decoding
    the stored JSON with those fields left out gives, tested), and the place mentions' attrs as their stored
    JSON text.  The memo is dropped as soon as another connection commits (``_others_generation``), and
    ``stored_at``, the document row's timestamp, must match too."""

    stored_at: str
    events: list[tuple[str, str, Event]]  # (event id, sub_event_type, event)
    place_mentions: list[tuple[str | None, str, str]]  # (canonical_id, text, attrs JSON)
    claims: list[tuple[str, Claim]]  # (event_id, claim) of the claims linked to an event


@dataclass(frozen=True)
class _DocumentRows:
    """One document as the rows ``save_documents`` inserts."""

    doc_id: str
    document: tuple[Any, ...]
    sentences: list[tuple[Any, ...]]
    mentions: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]
    claims: list[tuple[Any, ...]]
    signature: tuple[Any, ...]  # copy_signatures row


_by_doc_id = attrgetter("doc_id")

_DOCUMENT_INSERT = ("INSERT INTO documents (" + ", ".join(_DOC_COLUMNS) + ", data, n_events, stored_at)"
                    " VALUES (" + ", ".join("?" * (len(_DOC_COLUMNS) + 3)) + ")")
_SENTENCE_INSERT = "INSERT INTO sentences (doc_id, seq, idx, start_off, end_off, lang) VALUES (?, ?, ?, ?, ?, ?)"
_MENTION_INSERT = ("INSERT INTO mentions (doc_id, seq, start_off, end_off, text, kind, canonical_id, sentence,"
                   " lang, source, attrs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_SIGNATURE_INSERT = "INSERT INTO copy_signatures (doc_id, scheme, hashes) VALUES (?, ?, ?)"


def _signature_row(doc: Document) -> tuple[Any, ...]:
    """The document's copy-detection signature (``rasad.merge.copies``) from the normalized text the
    stages made (``normalize_text`` of the raw text when the document comes without it)."""
    from rasad.merge import copies  # the store does not need the merge package to load

    norm = doc.norm.text if doc.norm is not None else normalize_text(doc.text)
    return (doc.id, copies.SIGNATURE_SCHEME, copies.signature_bytes(copies.minhash_of_normalized(norm)))


def _mention_rows(doc_id: str, mentions: list[Mention]) -> list[tuple[Any, ...]]:
    attrs = _dumps_all([m.attrs for m in mentions], model=False)  # ~54 mentions a document
    return [(doc_id, i, m.start, m.end, m.text, m.kind, m.canonical_id, m.sentence, m.lang, m.source, a)
            for i, (m, a) in enumerate(zip(mentions, attrs, strict=True))]


def _document_rows(doc: Document) -> _DocumentRows:
    # The children go to their own tables: serialise only the document's own fields.
    data = {name: to_jsonable(getattr(doc, name)) for name in _DOC_OWN_FIELDS}
    rest = {k: v for k, v in data.items() if k not in _DOC_COLUMNS}
    doc_row = tuple(dumps(data[c]) if c == "meta" else data[c] for c in _DOC_COLUMNS)
    doc_id = doc.id
    events, claims = doc.events, doc.claims
    n_events = len(events)
    texts = _dumps_all([*events, *claims], model=True)  # the events' and claims' data
    return _DocumentRows(
        doc_id,
        (*doc_row, dumps(rest), len(doc.events), now_iso()),
        [(doc_id, i, s.index, s.start, s.end, s.lang) for i, s in enumerate(doc.sentences)],
        _mention_rows(doc_id, doc.mentions),
        [event_row(e, i, d) for i, (e, d) in enumerate(zip(events, texts[:n_events], strict=True))],
        [claim_row(c, i, d) for i, (c, d) in enumerate(zip(claims, texts[n_events:], strict=True))],
        _signature_row(doc),
    )


# --------------------------------------------------------------------------------------------
# Filters -> SQL
# --------------------------------------------------------------------------------------------


def _common_conditions(flt: EventFilter, alias: str) -> tuple[list[str], list[Any]]:
    """Conditions on the columns events and canonical events share."""
    a = alias
    where: list[str] = []
    params: list[Any] = []
    if flt.event_type:
        where.append(f"{a}.event_type = ?")
        params.append(flt.event_type)
    if flt.sub_event_type:
        where.append(f"{a}.sub_event_type = ?")
        params.append(flt.sub_event_type)
    if flt.place_id:
        where.append(f"({a}.place_id = ? OR {a}.admin1 = ? OR {a}.admin2 = ? OR {a}.admin3 = ?)")
        params += [flt.place_id] * 4
    for level in ("admin1", "admin2", "admin3"):
        value = getattr(flt, level)
        if value:
            where.append(f"{a}.{level} = ?")
            params.append(value)
    if flt.place_ids is not None:
        ids = list(dict.fromkeys(flt.place_ids))
        if not ids:
            where.append("1 = 0")
        else:
            where.append(f"{a}.place_id IN ({', '.join('?' * len(ids))})")
            params += ids
    if flt.actor_id:
        where.append(f"({a}.actor1_id = ? OR {a}.actor2_id = ?)")
        params += [flt.actor_id, flt.actor_id]
    if flt.actor:
        where.append(f"({a}.actor1_id = ? OR {a}.actor2_id = ? OR LOWER({a}.actor_words) LIKE ? ESCAPE '\\')")
        params += [flt.actor, flt.actor, f"%{like_escape(flt.actor.lower())}%"]
    # Date filters select events whose date range overlaps [date_from, date_to]; undated events drop out.
    if flt.date_from:
        where.append(f"{a}.date_end >= ?")
        params.append(flt.date_from[:10])
    if flt.date_to:
        where.append(f"{a}.date_start <= ?")
        params.append(flt.date_to[:10])
    return where, params


def _extra_conditions(flt: EventFilter, alias: str, where: list[str], params: list[Any]) -> None:
    """``EventFilter.extra``: exact matches on whitelisted columns (unknown keys are an error, never SQL)."""
    for key, value in flt.extra.items():
        column = EXTRA_EVENT_COLUMNS.get(key)
        if column is None:
            raise ValueError(f"unknown event filter {key!r}; known: {', '.join(sorted(EXTRA_EVENT_COLUMNS))}")
        where.append(f"{alias}.{column} = ?")
        params.append(value)


def _search_terms(flt: EventFilter) -> SearchQuery | None:
    """``flt.text`` parsed (``rasad.store.search``); None when it has no terms (no text filter)."""
    if not flt.text:
        return None
    query = SearchQuery.parse(flt.text)
    return query if query.terms else None


def event_conditions(flt: EventFilter, text_plan: str = "like") -> tuple[list[str], list[Any]]:
    """Filters on document events; ``text_plan``: how the text search is written (``search.TEXT_PLANS``)."""
    where, params = _common_conditions(flt, "e")
    search = _search_terms(flt)
    if search is not None:
        text_where, text_params = text_conditions(search, "e", text_plan)
        where += text_where
        params += text_params
    for key, column in (("doc_id", "doc_id"), ("lang", "lang"), ("polarity", "polarity")):
        value = getattr(flt, key)
        if value:
            where.append(f"e.{column} = ?")
            params.append(value)
    _extra_conditions(flt, "e", where, params)
    return where, params


def _canonical_own_conditions(flt: EventFilter) -> tuple[list[str], list[Any]]:
    """The conditions on a canonical event's own columns (type, place, dates, actor), before the reports'."""
    actor_id = flt.actor_id
    where, params = _common_conditions(replace(flt, actor_id=None) if actor_id else flt, "c")
    if actor_id:
        # canonical_actors (actor_id, seq) keeps actor listings in seq order without scanning
        where.append("c.seq IN (SELECT a.seq FROM canonical_actors a WHERE a.actor_id = ?)")
        params.append(actor_id)
    return where, params


def _report_conditions(flt: EventFilter) -> tuple[list[str], list[Any]]:
    """The document-level filters a canonical event's report ``r`` with its event ``e`` must pass (not the text)."""
    where: list[str] = []
    params: list[Any] = []
    if flt.doc_id:
        where.append("r.doc_id = ?")
        params.append(flt.doc_id)
    if flt.lang:
        where.append("e.lang = ?")
        params.append(flt.lang)
    if flt.polarity:
        where.append("e.polarity = ?")
        params.append(flt.polarity)
    return where, params


def canonical_conditions(flt: EventFilter, text_plan: str = "like") -> tuple[list[str], list[Any]]:
    """Filters on canonical events; document-level filters match any of the event's reports (the text
    search too: a merged event matches when one of its tellings holds every term)."""
    where, params = _canonical_own_conditions(flt)
    report_where, report_params = _report_conditions(flt)
    search = _search_terms(flt)
    if search is not None:
        text_where, text_params = text_conditions(search, "e", text_plan)
        report_where += text_where
        report_params += text_params
    if report_where and search is not None and text_plan == "fts5_driven":
        # few text matches: collect their canonical ids first instead of testing every canonical event
        where.append("c.id IN (SELECT r.canonical_id FROM canonical_reports r JOIN events e ON e.id = r.event_id"
                     " WHERE " + " AND ".join(report_where) + ")")
    elif report_where:
        where.append("EXISTS (SELECT 1 FROM canonical_reports r JOIN events e ON e.id = r.event_id"
                     " WHERE r.canonical_id = c.id AND " + " AND ".join(report_where) + ")")
    params += report_params
    _extra_conditions(flt, "c", where, params)
    return where, params


def _where(conditions: Sequence[str]) -> str:
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""


def streamed_event_count(flt: EventFilter, cap: int) -> tuple[str, list[Any]]:
    """SQLite: the capped count of the document events matching ``flt`` (which has a text of 3+ characters) as one
    query driven by the FTS5 matches (``search.FTS5_STREAM_FROM``): it stops reading them at ``cap + 1``
    rows, where ``e.rowid IN (<every match>)`` reads all of them first."""
    where, params = event_conditions(flt, "fts5_stream")
    return (f"SELECT COUNT(*) FROM (SELECT 1 FROM {FTS5_STREAM_FROM}{_where(where)} LIMIT {int(cap) + 1}) capped",
            params)


def streamed_canonical_count(flt: EventFilter, search: SearchQuery, cap: int) -> tuple[str, list[Any]]:
    """SQLite: the capped count of the canonical events matching ``flt`` (whose text is ``search``) driven by
    the FTS5 matches: each matching telling joined to its report and canonical event, the canonical ids made
    distinct, stopping at ``cap + 1`` of them.  The same rows as ``canonical_conditions``: a merged event
    counts when one of its tellings holds every term and passes the document-level filters."""
    own_where, own_params = _canonical_own_conditions(flt)
    report_where, report_params = _report_conditions(flt)
    text_where, text_params = text_conditions(search, "e", "fts5_stream")
    extra_where: list[str] = []
    extra_params: list[Any] = []
    _extra_conditions(flt, "c", extra_where, extra_params)
    where = text_where + report_where + own_where + extra_where
    params = text_params + report_params + own_params + extra_params
    sql = (f"SELECT COUNT(*) FROM (SELECT DISTINCT r.canonical_id FROM {FTS5_STREAM_FROM}"
           " CROSS JOIN canonical_reports r ON r.event_id = e.id CROSS JOIN canonical_events c ON c.id = r.canonical_id"
           f"{_where(where)} LIMIT {int(cap) + 1}) capped")
    return sql, params


def has_row_filters(flt: EventFilter, canonical: bool) -> bool:
    """Whether ``flt`` filters on more than the text: on canonical events (``canonical``), only the filters on
    the merged event's own columns count (the document-level ones are tested on the streamed telling)."""
    if canonical:
        return bool(_canonical_own_conditions(flt)[0] or flt.extra)
    return bool(event_conditions(replace(flt, text=None))[0])


# --------------------------------------------------------------------------------------------
# The shared store
# --------------------------------------------------------------------------------------------


class SQLStore(Store):
    """A ``Store`` over a DB-API connection; subclasses provide the dialect specifics."""

    #: Dialect tokens substituted into migrations.
    tokens: dict[str, str] = {}
    #: What LIMIT takes to mean "no limit" (needed before OFFSET in SQLite).
    unlimited = "-1"
    #: Text search goes through SQLite's FTS5 table ``events_search`` (else LIKE on ``search_text``).
    fts5_search = False
    #: Fewer FTS5 matches than this: a page of events is read from the matches (``fts5_driven``), else by
    #: walking the listing order (``like``); counts with a cap use ``COUNT_DRIVEN_BELOW``.
    #: Reading the matches costs ~5 us each (merged events), walking costs ~cap * rows / matches row tests:
    #: they break even near sqrt(cap * rows) -- about 10,000 matches for the API's q cap of 1,000 at
    #: 300,000 tellings.
    PAGE_DRIVEN_BELOW = 3_000
    COUNT_DRIVEN_BELOW = 10_000
    #: A capped count with no filter but the text (on canonical events: none on the merged event's own
    #: columns) streams the FTS5 matches below this many (``streamed_canonical_count``): it reads about
    #: ``cap`` of them whatever their number.  With other filters it streams below ``COUNT_DRIVEN_BELOW``
    #: matches: a common word with a filter keeping one event in ten walks the listing order, which tests a
    #: few thousand rows where streaming would join ten times the cap.
    COUNT_STREAMED_BELOW: int | None = None  # None: always
    #: Probes remembered per store (``_fts5_matches``).
    PROBE_CACHE_SIZE = 512

    def _fts5_matches(self, search: SearchQuery) -> int:
        """How many events the FTS5 table finds for ``search``'s indexed terms, counted up to the largest of
        the thresholds above (the plans only compare it with them).

        Remembered per query until the data changes (``_data_generation``): the page and the count of one
        request, and the next pages, ask for the same query.  The number only picks a plan -- every plan gives
        the same rows -- so a stale one could cost time, never change an answer."""
        key = search.fts5_expression()
        with self._lock:
            generation = self._data_generation()
            if generation is not None and generation != self._probe_generation:
                self._probes.clear()
                self._probe_generation = generation
            n = self._probes.get(key) if generation is not None else None
            if n is None:
                limit = max(self.PAGE_DRIVEN_BELOW, self.COUNT_DRIVEN_BELOW, self.COUNT_STREAMED_BELOW or 0)
                n = int(self._read("SELECT COUNT(*) FROM (SELECT 1 FROM events_search WHERE events_search MATCH ?"
                                   " LIMIT ?)", (key, limit))[0][0])
                if generation is not None:
                    if len(self._probes) >= self.PROBE_CACHE_SIZE:
                        self._probes.clear()
                    self._probes[key] = n
            return n

    def _data_generation(self) -> Any:
        """A value that changes whenever the stored data may have (None: unknown, nothing is remembered)."""
        return None

    def _others_generation(self) -> Any:
        """A value that changes whenever another connection has committed (None: unknown, and then no
        merge input is kept: ``save_documents``' ``keep_for_merge``)."""
        return None

    def _text_plan(self, flt: EventFilter, driven_below: int | None) -> str:
        """How to write ``flt``'s text search (``search.TEXT_PLANS``): with the FTS5 table, ask it how many
        events match (``_fts5_matches``; ``driven_below`` None: always driven).  Few: read the matches first.
        Many: walk the listing order testing each row's text with LIKE -- a page or a capped count of a common
        word stops after a few thousand rows, where reading every FTS5 match of the word first costs 25-125 ms
        at 300,000 tellings."""
        if not self.fts5_search:
            return "like"
        search = _search_terms(flt)
        if search is None or not search.indexed_terms:
            return "like"
        if driven_below is None:
            return "fts5_driven"
        return "fts5_driven" if self._fts5_matches(search) < driven_below else "like"

    def _streamed_search(self, flt: EventFilter, canonical: bool) -> SearchQuery | None:
        """``flt``'s text when a capped count of it should stream the FTS5 matches (see
        ``COUNT_STREAMED_BELOW``), else None (the count walks the listing order or reads every match)."""
        if not self.fts5_search:
            return None
        search = _search_terms(flt)
        if search is None or not search.indexed_terms:
            return None
        below = self.COUNT_DRIVEN_BELOW if has_row_filters(flt, canonical) else self.COUNT_STREAMED_BELOW
        return search if below is None or self._fts5_matches(search) < below else None

    def __init__(self) -> None:
        # One connection per store, shared by threads (web server worker pool) behind a lock.
        self._lock = threading.RLock()
        self._probes: dict[str, int] = {}
        self._probe_generation: Any = None
        #: doc id -> its merge input as saved by this process (``save_documents(..., keep_for_merge=True)``)
        self._merge_memo: dict[str, _MergeMemo] = {}
        #: ``_others_generation`` when the memo was last written: it is only good while no other connection writes
        self._memo_generation: Any = None

    # --- back-end hooks ------------------------------------------------------------------------
    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """Context manager: a write transaction (holds ``self._lock``); yields a cursor."""

    @abstractmethod
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one read query and fetch all rows."""

    @abstractmethod
    def _lock_migrations(self, cur: Any) -> None:
        """Serialise concurrent migrators (called inside the migration transaction)."""

    @abstractmethod
    def _ensure_migrations_table(self) -> None: ...

    def _sql(self, sql: str) -> str:
        """Adapt a ``?``-placeholder query to the driver's paramstyle."""
        return sql

    def _exec(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def _exec_many(self, cur: Any, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            cur.executemany(self._sql(sql), rows)

    # --- migrations ------------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction; returns the names applied."""
        self._ensure_migrations_table()
        applied: list[str] = []
        for migration in load_migrations():
            with self._transaction() as cur:
                self._lock_migrations(cur)
                done = self._exec(cur, "SELECT 1 FROM migrations WHERE version = ?", (migration.version,))
                if done.fetchone():
                    continue
                for statement in migration.statements(self.tokens):
                    self._exec(cur, statement)
                self._after_migration(cur, migration)
                self._exec(cur, "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                           (migration.version, migration.name, now_iso()))
                applied.append(f"{migration.version:04d}_{migration.name}")
        return applied

    def _after_migration(self, cur: Any, migration: Migration) -> None:
        """What a migration needs beyond SQL, in its transaction: ``event_search`` backfills the search text
        of the events already stored (computed in Python) and then builds the back-end's search index."""
        if migration.name == SEARCH_MIGRATION:
            self._backfill_search_text(cur)
            self._create_search_index(cur)
        elif migration.name == SEARCH_REFOLD_MIGRATION:
            self._backfill_search_text(cur)

    def _backfill_search_text(self, cur: Any) -> None:
        last = ""
        while True:
            rows = self._exec(cur, "SELECT id, data FROM events WHERE id > ? ORDER BY id LIMIT ?",
                              (last, PAGE_SIZE)).fetchall()
            if not rows:
                return
            self._exec_many(cur, "UPDATE events SET search_text = ? WHERE id = ?",
                            [(event_search_text(Event.from_dict(loads(data))), event_id) for event_id, data in rows])
            last = rows[-1][0]

    def _create_search_index(self, cur: Any) -> None:
        """Index ``events.search_text`` for substring search (back-end specific; none: LIKE scans)."""

    def _index_new_events(self, cur: Any, event_ids: Sequence[str]) -> None:
        """Add the events just inserted (``event_ids``) to a search index that is not kept by the database
        itself (SQLite's FTS5 table; PostgreSQL's GIN index needs nothing)."""

    def applied_migrations(self) -> list[tuple[int, str]]:
        return [(int(v), str(n)) for v, n in self._read("SELECT version, name FROM migrations ORDER BY version")]

    def schema_version(self) -> int:
        rows = self._read("SELECT MAX(version) FROM migrations")
        return int(rows[0][0] or 0)

    # --- documents ---------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return bool(self._read("SELECT 1 FROM documents WHERE id = ?", (doc_id,)))

    def stored_document_ids(self, doc_ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(doc_ids), PAGE_SIZE):
            chunk = list(doc_ids[i: i + PAGE_SIZE])
            marks = ", ".join("?" * len(chunk))
            found.update(row[0] for row in self._read(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
        return found

    def _check_document(self, doc: Document) -> None:
        """Refuse a document the back-end cannot store (raise ``ValueError``), before anything is written."""

    def save_document(self, doc: Document) -> bool:
        return self.save_documents([doc])[0]

    def save_documents(self, docs: Sequence[Document], *, keep_for_merge: bool = False) -> list[bool]:
        """Write whole documents in one transaction (one commit for the batch: with per-document commits
        the commit itself was half the cost of saving).  A crash leaves each document whole or absent.

        ``keep_for_merge``: the caller will not change these documents any more (the analyse runner drops
        them), so the store may keep their events, claims and place mentions for the next merge
        (``MERGE_MEMO_DOCS``) instead of reading them back."""
        docs = list(docs)
        if not docs:
            return []
        for doc in docs:
            self._check_document(doc)
        rows = [_document_rows(doc) for doc in docs]
        with self._lock:  # saved again: what was kept of an earlier save of these documents is stale
            for doc in docs:
                self._merge_memo.pop(doc.id, None)
        if len({doc.id for doc in docs}) < len(docs):
            # the same document twice: write one after the other so the later one replaces the earlier
            with self._transaction() as cur:
                return [self._write_rows(cur, [r])[0] for r in rows]
        with self._transaction() as cur:
            saved = self._write_rows(cur, rows)
            # read inside the write transaction, which no other connection can commit into: a commit by
            # another one after this point (over these very documents, say) shows at the merge's check
            generation = self._others_generation() if keep_for_merge else None
        if generation is not None:
            self._keep_for_merge(docs, rows, generation)
        return saved

    def _keep_for_merge(self, docs: list[Document], rows: list[_DocumentRows], generation: Any) -> None:
        """Remember the saved documents' merge input (``_MergeMemo``) while fewer than ``MERGE_MEMO_DOCS`` are
        kept; ``generation``: ``_others_generation`` in the transaction that saved them.

        The first documents of a long run are kept, not the last: keeping one costs ~0.04 ms (making the
        objects, and the collector walking them while they live), which pays off only for documents the merge
        then finds kept, so a document dropped again before the merge (4k of every 10k at 10k) is cost only."""
        memo = self._merge_memo
        with self._lock:
            if generation != self._memo_generation:
                # another connection wrote meanwhile (it may have saved one of the kept documents again)
                memo.clear()
                self._memo_generation = generation
            for doc, r in zip(docs, rows, strict=True):
                if len(memo) >= MERGE_MEMO_DOCS:
                    break
                memo[doc.id] = _MergeMemo(
                    r.document[-1],
                    [(e.id, e.sub_event_type, _without(e, _EVENT_BLANKS, evidence=[])) for e in doc.events],
                    [(row[6], row[4], row[10]) for row in r.mentions if row[5] == "place"],
                    [(c.event_id, _without(c, _CLAIM_BLANKS, attrs={})) for c in doc.claims if c.event_id])

    def _write_rows(self, cur: Any, batch: list[_DocumentRows]) -> list[bool]:
        ids = [r.doc_id for r in batch]
        existing: set[str] = set()
        for i in range(0, len(ids), PAGE_SIZE):
            chunk = ids[i: i + PAGE_SIZE]
            marks = ", ".join("?" * len(chunk))
            existing.update(row[0] for row in self._exec(cur, f"SELECT id FROM documents WHERE id IN ({marks})",
                                                         chunk).fetchall())
        for doc_id in existing:
            for table in ("sentences", "mentions", "events", "claims", "copy_signatures", "documents"):
                key = "id" if table == "documents" else "doc_id"
                self._exec(cur, f"DELETE FROM {table} WHERE {key} = ?", (doc_id,))
        # Rows in document id order: every key index of the child tables starts with the (random) document
        # id, so sorted inserts walk each B-tree left to right and dirty fewer pages for the commit to write.
        # Only rowids change (no query orders by them).
        batch = sorted(batch, key=_by_doc_id)
        self._exec_many(cur, _DOCUMENT_INSERT, [r.document for r in batch])
        self._exec_many(cur, _SENTENCE_INSERT, [row for r in batch for row in r.sentences])
        self._exec_many(cur, _MENTION_INSERT, [row for r in batch for row in r.mentions])
        event_rows = [row for r in batch for row in r.events]
        self._exec_many(cur, EVENT_INSERT, event_rows)
        if event_rows:
            self._index_new_events(cur, [row[0] for row in event_rows])
        self._exec_many(cur, CLAIM_INSERT, [row for r in batch for row in r.claims])
        self._exec_many(cur, _SIGNATURE_INSERT, [r.signature for r in batch])
        return [doc_id not in existing for doc_id in ids]

    def _documents_from_rows(self, rows: list[tuple[Any, ...]], children: Collection[str] = _DOC_CHILDREN,
                             mention_kinds: Collection[str] | None = None) -> list[Document]:
        """Rebuild documents from ``documents`` rows: columns, data, then one query per child table wanted."""
        if not rows:
            return []
        ids = [r[0] for r in rows]
        marks = ", ".join("?" * len(ids))
        kids: dict[str, dict[str, list[Any]]] = {d: {k: [] for k in _DOC_CHILDREN} for d in ids}
        if "sentences" in children:
            for doc_id, idx, start, end, lang in self._read(
                    f"SELECT doc_id, idx, start_off, end_off, lang FROM sentences WHERE doc_id IN ({marks})"
                    " ORDER BY doc_id, seq", ids):
                kids[doc_id]["sentences"].append(Sentence(start, end, idx, intern(lang)))
        if "mentions" in children:
            sql = ("SELECT doc_id, start_off, end_off, text, kind, canonical_id, sentence, lang, source, attrs"
                   f" FROM mentions WHERE doc_id IN ({marks})")
            params: list[Any] = list(ids)
            if mention_kinds is not None:
                kinds = sorted(set(mention_kinds)) or [""]
                # ``kind || ''``: keep the planner on the doc_id key; on ``kind = ?`` SQLite picked the
                # (kind, canonical_id) index and scanned every place mention of the store for each page
                # (31 of the merge's 53 CPU-seconds at 10k documents).  Migration 0008 dropped that index
                # (no query used it); the form stays so that an index on kind cannot capture this read.
                sql += f" AND kind || '' IN ({', '.join('?' * len(kinds))})"
                params += kinds
            for doc_id, start, end, text, kind, canonical_id, sentence, lang, source, attrs in self._read(
                    sql + " ORDER BY doc_id, seq", params):
                kids[doc_id]["mentions"].append(
                    Mention(start, end, text, intern(kind), canonical_id and intern(canonical_id), sentence,
                            intern(lang), intern(source), _interned_keys(loads(attrs))))
        if "events" in children:
            for doc_id, data in self._read(
                    f"SELECT doc_id, data FROM events WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", ids):
                kids[doc_id]["events"].append(Event.from_dict(loads(data)))
        if "claims" in children:
            for doc_id, data in self._read(
                    f"SELECT doc_id, data FROM claims WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", ids):
                kids[doc_id]["claims"].append(Claim.from_dict(loads(data)))
        docs = []
        for row in rows:
            fields = dict(zip(_DOC_COLUMNS, row[: len(_DOC_COLUMNS)], strict=True))
            fields["meta"] = loads(fields["meta"]) or {}
            data = dict(loads(row[len(_DOC_COLUMNS)]) or {})
            data.update(fields)
            doc = Document.from_dict(data)
            mine = kids[doc.id]
            doc.sentences, doc.mentions = mine["sentences"], mine["mentions"]
            doc.events, doc.claims = mine["events"], mine["claims"]
            docs.append(doc)
        return docs

    _DOC_SELECT = "SELECT " + ", ".join(_DOC_COLUMNS) + ", data FROM documents"

    def get_document(self, doc_id: str) -> Document | None:
        docs = self._documents_from_rows(self._read(self._DOC_SELECT + " WHERE id = ?", (doc_id,)))
        return docs[0] if docs else None

    def find_document_ids(self, prefix: str) -> list[str]:
        rows = self._read("SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' ORDER BY id",
                          (like_escape(prefix) + "%",))
        return [r[0] for r in rows]

    def list_documents(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        sql = ("SELECT id, outlet, lang, published, title, url, source_path, n_events FROM documents"
               " ORDER BY CASE WHEN published IS NULL THEN 1 ELSE 0 END, published, id")
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        elif offset:
            sql += f" LIMIT {self.unlimited} OFFSET ?"
            params.append(int(offset))
        keys = ("id", "outlet", "lang", "published", "title", "url", "source_path", "n_events")
        return [dict(zip(keys, row, strict=True)) for row in self._read(sql, params)]

    def iter_documents(self, *, children: Collection[str] = _DOC_CHILDREN,
                       mention_kinds: Collection[str] | None = None) -> Iterator[Document]:
        unknown = set(children) - set(_DOC_CHILDREN)
        if unknown:
            raise ValueError(f"unknown document children {sorted(unknown)}; known: {', '.join(_DOC_CHILDREN)}")
        last = ""
        page = max(1, PAGE_SIZE // 10)  # documents carry their children: smaller pages
        while True:
            rows = self._read(self._DOC_SELECT + " WHERE id > ? ORDER BY id LIMIT ?", (last, page))
            if not rows:
                return
            yield from self._documents_from_rows(rows, children, mention_kinds)
            last = rows[-1][0]

    def iter_merge_rows(self, *, mentions: bool = False, claims: bool = False, text: bool = True,
                        event_skips: Sequence[str] = (), claim_skips: Sequence[str] = ()) -> Iterator[MergeRows]:
        """Every document as the merge reads it (``MergeRows``), in id order like ``iter_documents``: the
        document columns the merge reads (``text`` only when asked), its events and, when asked, its place
        mentions and the claims linked to an event, as undecoded rows.  The merge decodes an event when it
        uses it: a report that waits for the rest of its canonical event is spooled as its JSON text rather
        than as decoded objects pickled and unpickled again (~100 us per report).  ``event_skips`` and
        ``claim_skips`` name top-level fields the caller never reads, which a back-end may leave out of
        ``data`` (SQLite does: ``SQLiteStore._read_without``)."""
        last = ""
        page = max(1, PAGE_SIZE // 10)
        columns = _MERGE_DOC_COLUMNS + ("stored_at",) + (("text",) if text else ())
        select = "SELECT " + ", ".join(columns) + " FROM documents WHERE id > ? ORDER BY id LIMIT ?"
        memo = self._merge_memo
        # the kept objects lack the fields ``MEMO_*_SKIPS``: only for a caller that skips them too
        usable = set(MEMO_EVENT_SKIPS) <= set(event_skips) and (not claims or set(MEMO_CLAIM_SKIPS) <= set(claim_skips))
        while True:
            rows = self._read(select, (last, page))
            if not rows:
                return
            # documents this process saved and kept (``save_documents(..., keep_for_merge=True)``), unchanged
            # since (same ``stored_at``): their children come from memory, the others' from the store
            kept: dict[str, _MergeMemo] = {}
            if memo and self._others_generation() != self._memo_generation:
                with self._lock:
                    memo.clear()
            if memo and usable:
                for row in rows:
                    found = memo.get(row[0])
                    if found is not None and found.stored_at == row[7]:
                        kept[row[0]] = found
            ids = [r[0] for r in rows if r[0] not in kept] if kept else [r[0] for r in rows]
            marks = ", ".join("?" * len(ids))
            events: dict[str, list[tuple[str, str, Any]]] = {d: [] for d in ids}
            for doc_id, event_id, sub_event_type, data in (self._read_without(
                    "SELECT doc_id, id, sub_event_type, ", event_skips,
                    f" FROM events WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", ids) if ids else ()):
                events[doc_id].append((event_id, sub_event_type, data))
            places: dict[str, list[tuple[str | None, str, Any]]] = {d: [] for d in ids}
            if mentions and ids:
                # ``kind || ''``: keep the planner on the doc_id key (see ``_documents_from_rows``)
                for doc_id, canonical_id, words, attrs in self._read(
                        "SELECT doc_id, canonical_id, text, attrs FROM mentions"
                        f" WHERE doc_id IN ({marks}) AND kind || '' = ? ORDER BY doc_id, seq", [*ids, "place"]):
                    places[doc_id].append((canonical_id, words, attrs))
            linked: dict[str, list[tuple[str, Any]]] = {d: [] for d in ids}
            if claims and ids:
                for doc_id, event_id, data in self._read_without(
                        "SELECT doc_id, event_id, ", claim_skips,
                        f" FROM claims WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", ids):
                    if event_id:
                        linked[doc_id].append((event_id, data))
            for row in rows:
                doc_id, outlet, url, title, published, lang, source_path = row[:7]
                # decoded as ``Document.from_dict`` decodes these fields
                doc = Document(id=doc_id, text=row[8] if text else "", title=title, outlet=outlet, url=url,
                               published=datetime.fromisoformat(published) if isinstance(published, str)
                               else published, lang=lang, source_path=source_path)
                mine = kept.get(doc_id) if kept else None
                if mine is not None:
                    yield MergeRows(doc, mine.events, mine.place_mentions if mentions else [],
                                    mine.claims if claims else [])
                else:
                    yield MergeRows(doc, events[doc_id], places[doc_id], linked[doc_id])
            last = rows[-1][0]

    def _read_without(self, head: str, skips: Sequence[str], tail: str, params: Sequence[Any],
                      ) -> list[tuple[Any, ...]]:
        """``head`` + the ``data`` column + ``tail``, a back-end free to leave the top-level fields ``skips``
        out of ``data`` (here it does not)."""
        return self._read(f"{head}data{tail}", params)

    def count_documents(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM documents")[0][0])

    def copy_signatures(self, doc_ids: Sequence[str]) -> dict[str, bytes | None]:
        from rasad.merge.copies import SIGNATURE_SCHEME

        found: dict[str, bytes | None] = {}
        for i in range(0, len(doc_ids), PAGE_SIZE):
            chunk = list(doc_ids[i: i + PAGE_SIZE])
            marks = ", ".join("?" * len(chunk))
            for doc_id, hashes in self._read(f"SELECT doc_id, hashes FROM copy_signatures WHERE doc_id IN ({marks})"
                                             " AND scheme = ?", [*chunk, SIGNATURE_SCHEME]):
                found[doc_id] = None if hashes is None else bytes(hashes)
        return found

    # --- events and claims ----------------------------------------------------------------
    def iter_events(self, flt: EventFilter | None = None) -> Iterator[Event]:
        flt = flt or EventFilter()
        where, params = event_conditions(flt, self._text_plan(flt, self.PAGE_DRIVEN_BELOW))
        if flt.limit is not None or flt.offset:
            sql = "SELECT e.data FROM events e" + _where(where) + " ORDER BY e.doc_id, e.seq"
            sql, params = self._limit(sql, params, flt)
            for (data,) in self._read(sql, params):
                yield Event.from_dict(loads(data))
            return
        last: tuple[str, int] = ("", -1)
        while True:
            page_where = [*where, "(e.doc_id > ? OR (e.doc_id = ? AND e.seq > ?))"]
            rows = self._read("SELECT e.data, e.doc_id, e.seq FROM events e" + _where(page_where)
                              + " ORDER BY e.doc_id, e.seq LIMIT ?",
                              [*params, last[0], last[0], last[1], PAGE_SIZE])
            if not rows:
                return
            for data, _, _ in rows:
                yield Event.from_dict(loads(data))
            last = (rows[-1][1], int(rows[-1][2]))

    def _limit(self, sql: str, params: list[Any], flt: EventFilter) -> tuple[str, list[Any]]:
        if flt.limit is not None:
            return sql + " LIMIT ? OFFSET ?", [*params, int(flt.limit), int(flt.offset)]
        return sql + f" LIMIT {self.unlimited} OFFSET ?", [*params, int(flt.offset)]

    def count_events(self, flt: EventFilter | None = None, cap: int | None = None) -> int:
        flt = flt or EventFilter()
        if cap is not None:
            if self._streamed_search(flt, canonical=False) is not None:
                sql, params = streamed_event_count(flt, cap)
                return int(self._read(sql, params)[0][0])
        where, params = event_conditions(flt, self._text_plan(flt, None if cap is None else self.COUNT_DRIVEN_BELOW))
        if cap is None:
            return int(self._read("SELECT COUNT(*) FROM events e" + _where(where), params)[0][0])
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM events e{_where(where)} LIMIT {int(cap) + 1}) capped"
        return int(self._read(sql, params)[0][0])

    def iter_claims(self, doc_id: str | None = None, event_id: str | None = None) -> Iterator[Claim]:
        where: list[str] = []
        params: list[Any] = []
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if event_id is not None:
            where.append("event_id = ?")
            params.append(event_id)
        last: tuple[str, int] = ("", -1)
        while True:
            page_where = [*where, "(doc_id > ? OR (doc_id = ? AND seq > ?))"]
            rows = self._read("SELECT data, doc_id, seq FROM claims" + _where(page_where)
                              + " ORDER BY doc_id, seq LIMIT ?", [*params, last[0], last[0], last[1], PAGE_SIZE])
            if not rows:
                return
            for data, _, _ in rows:
                yield Claim.from_dict(loads(data))
            last = (rows[-1][1], int(rows[-1][2]))

    # --- merge results ----------------------------------------------------------------------
    def replace_merge(self, events: Iterable[CanonicalEvent | PreparedCanonical],  # type: ignore[override]
                      stories: Iterable[Story]) -> None:
        """Replace the merge results in one transaction, writing ``MERGE_CHUNK`` rows at a time.

        ``events`` and ``stories`` may be iterators (the merge streams its events from disk), so
        nothing holds every row at once; a failure part way leaves the previous merge in place.
        Events may come already serialised (``prepare_canonical``).  The merge input kept since the documents
        were saved (``save_documents(..., keep_for_merge=True)``) has been read by now, and is dropped.
        """
        with self._lock:
            self._merge_memo.clear()
        with self._transaction() as cur:
            for table in ("canonical_reports", "canonical_actors", "canonical_events", "story_docs", "stories"):
                self._exec(cur, f"DELETE FROM {table}")
            for seq0, chunk in _chunks(events):
                rows = [_merge_rows(e, seq0 + i) for i, e in enumerate(chunk)]
                self._exec_many(cur, CANONICAL_INSERT, [row for row, _, _ in rows])
                self._exec_many(cur, "INSERT INTO canonical_actors (actor_id, seq) VALUES (?, ?)",
                                [a for _, actors, _ in rows for a in actors])
                self._exec_many(cur, "INSERT INTO canonical_reports (canonical_id, doc_id, event_id) VALUES (?, ?, ?)",
                                [r for _, _, reports in rows for r in reports])
            for seq0, chunk in _chunks(stories):
                self._exec_many(cur, "INSERT INTO stories (id, seq, title, date_start, date_end, data)"
                                " VALUES (?, ?, ?, ?, ?, ?)",
                                [(s.id, seq0 + i, s.title, s.date_start.isoformat() if s.date_start else None,
                                  s.date_end.isoformat() if s.date_end else None, dumps_model(s))
                                 for i, s in enumerate(chunk)])
                self._exec_many(cur, "INSERT INTO story_docs (story_id, doc_id) VALUES (?, ?)",
                                list({(s.id, d) for s in chunk for d in s.doc_ids}))

    def iter_canonical_events(self, flt: EventFilter | None = None) -> Iterator[CanonicalEvent]:
        flt = flt or EventFilter()
        where, params = canonical_conditions(flt, self._text_plan(flt, self.PAGE_DRIVEN_BELOW))
        if flt.limit is not None or flt.offset:
            sql, params = self._limit("SELECT c.data FROM canonical_events c" + _where(where) + " ORDER BY c.seq",
                                      params, flt)
            for (data,) in self._read(sql, params):
                yield CanonicalEvent.from_dict(loads(data))
            return
        last = -1
        while True:
            rows = self._read("SELECT c.data, c.seq FROM canonical_events c" + _where([*where, "c.seq > ?"])
                              + " ORDER BY c.seq LIMIT ?", [*params, last, PAGE_SIZE])
            if not rows:
                return
            for data, _ in rows:
                yield CanonicalEvent.from_dict(loads(data))
            last = int(rows[-1][1])

    def count_canonical_events(self, flt: EventFilter | None = None, cap: int | None = None) -> int:
        flt = flt or EventFilter()
        if cap is not None:
            search = self._streamed_search(flt, canonical=True)
            if search is not None:
                sql, params = streamed_canonical_count(flt, search, cap)
                return int(self._read(sql, params)[0][0])
        where, params = canonical_conditions(
            flt, self._text_plan(flt, None if cap is None else self.COUNT_DRIVEN_BELOW))
        if cap is None:
            return int(self._read("SELECT COUNT(*) FROM canonical_events c" + _where(where), params)[0][0])
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM canonical_events c{_where(where)} LIMIT {int(cap) + 1}) capped"
        return int(self._read(sql, params)[0][0])

    def get_canonical_event(self, event_id: str) -> CanonicalEvent | None:
        rows = self._read("SELECT data FROM canonical_events WHERE id = ?", (event_id,))
        return CanonicalEvent.from_dict(loads(rows[0][0])) if rows else None

    def canonical_ids_for_event(self, event_id: str) -> list[str]:
        """The canonical events a document event was merged into (usually one)."""
        rows = self._read("SELECT canonical_id FROM canonical_reports WHERE event_id = ? ORDER BY canonical_id",
                          (event_id,))
        return [r[0] for r in rows]

    def iter_stories(self) -> Iterator[Story]:
        for (data,) in self._read("SELECT data FROM stories ORDER BY seq"):
            yield Story.from_dict(loads(data))

    def get_story(self, story_id: str) -> Story | None:
        rows = self._read("SELECT data FROM stories WHERE id = ?", (story_id,))
        return Story.from_dict(loads(rows[0][0])) if rows else None

    def stories_for_document(self, doc_id: str) -> list[str]:
        return [r[0] for r in self._read("SELECT story_id FROM story_docs WHERE doc_id = ? ORDER BY story_id",
                                         (doc_id,))]

    # --- runs and rejections ------------------------------------------------------------------
    def start_run(self, command: str) -> int:
        with self._transaction() as cur:
            row = self._exec(cur, "INSERT INTO runs (command, started_at) VALUES (?, ?) RETURNING id",
                             (command, now_iso())).fetchone()
        return int(row[0])

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        with self._transaction() as cur:
            self._exec(cur, "UPDATE runs SET finished_at = ?, stats = ? WHERE id = ?",
                       (now_iso(), dumps(stats), run_id))

    def list_runs(self, limit: int = 20) -> list[dict[str, Any]]:
        rows = self._read("SELECT id, command, started_at, finished_at, stats FROM runs ORDER BY id DESC LIMIT ?",
                          (limit,))
        return [{"id": r[0], "command": r[1], "started_at": r[2], "finished_at": r[3], "stats": loads(r[4])}
                for r in rows]

    def record_rejection(self, rejection: Rejection) -> None:
        with self._transaction() as cur:
            self._exec(cur, "INSERT INTO rejections (run_id, source, reason, created_at) VALUES (?, ?, ?, ?)",
                       (rejection.run_id, rejection.source, rejection.reason, now_iso()))

    def list_rejections(self, run_id: int | None = None) -> list[Rejection]:
        if run_id is None:
            rows = self._read("SELECT source, reason, run_id FROM rejections ORDER BY id")
        else:
            rows = self._read("SELECT source, reason, run_id FROM rejections WHERE run_id = ? ORDER BY id", (run_id,))
        return [Rejection(source=r[0], reason=r[1], run_id=r[2]) for r in rows]

    # --- gazetteer imports ----------------------------------------------------------------------
    def save_places(self, places: Iterable[dict[str, Any]], source: str) -> int:
        rows = []
        for place in places:
            if not place.get("id"):
                raise ValueError(f"gazetteer entry without an id: {place!r}")
            rows.append((str(place["id"]), source, place.get("name"), place.get("feature"), place.get("country"),
                         place.get("admin1"), place.get("admin2"), _coordinate(place, "lat", "latitude"),
                         _coordinate(place, "lon", "longitude"),
                         dumps(place)))
        # Last entry wins for repeated ids within one import, as it would across imports.
        rows = list({r[0]: r for r in rows}.values())
        with self._transaction() as cur:
            for i in range(0, len(rows), PAGE_SIZE):
                chunk = rows[i: i + PAGE_SIZE]
                marks = ", ".join("?" * len(chunk))
                self._exec(cur, f"DELETE FROM places WHERE id IN ({marks})", [r[0] for r in chunk])
                self._exec_many(cur, "INSERT INTO places (id, source, name, feature, country, admin1, admin2,"
                                " latitude, longitude, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk)
        return len(rows)

    def places_fingerprint(self) -> tuple[Any, ...]:
        # one aggregate in C over the table (~50k rows: a few ms), not the entries decoded in Python.  The
        # entry's whole stored form counts (its length): a re-import that only adds or drops aliases (an
        # Arabic spelling for an existing id) leaves the name column and the coordinates as they were.  (An
        # edit that keeps every length, one letter for another, still goes unseen.)
        row = self._read("SELECT COUNT(*), MIN(id), MAX(id), SUM(latitude), SUM(longitude), SUM(LENGTH(name)),"
                         " SUM(LENGTH(source)), SUM(LENGTH(CAST(data AS TEXT))) FROM places")[0]
        return tuple(row)

    def iter_places(self) -> Iterator[dict[str, Any]]:
        last = ""
        while True:
            rows = self._read("SELECT id, data FROM places WHERE id > ? ORDER BY id LIMIT ?", (last, PAGE_SIZE))
            if not rows:
                return
            for _, data in rows:
                yield loads(data)
            last = rows[-1][0]
