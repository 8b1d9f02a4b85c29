"""The typed data model every Rasad stage reads and writes.

Design rules (see docs/model.md):

* Every span is a pair of character offsets ``[start, end)`` into ``Document.text`` -- the raw,
  original text as ingested.  Stages that work on the normalized text (``Document.norm``) convert
  their offsets back with ``Document.norm.to_raw(start, end)`` before storing them, so highlights
  always land on the right characters of the original.
* A ``Document`` carries everything extracted from it (sentences, mentions, events, claims), like a
  spaCy ``Doc``.  Cross-document results (canonical events, stories) live in ``CanonicalEvent`` and
  ``Story`` and refer to documents and their events by id.
* ``Event`` is one document's telling of one happening (what the brief calls a *report*); a
  ``CanonicalEvent`` is the merged happening with one ``Report`` link per telling.
* Every object converts to and from plain JSON-able dicts (``to_dict`` / ``from_dict``) so the store,
  the API and the exports all share one serialisation.
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

# --------------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------------

#: ACLED 2023 taxonomy: event type -> sub-event types.
ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Armed clash",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TO_TYPE: dict[str, str] = {s: t for t, subs in ACLED_TAXONOMY.items() for s in subs}

#: How sure the text is that the event happened.
Polarity = Literal["asserted", "negated", "denied", "reported", "planned", "hypothetical", "uncertain"]
#: ACLED time precision: 1 day, 2 week, 3 month (we add 4 year, None unknown).
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
DATE_PRECISION_ACLED: dict[str, int] = {"day": 1, "week": 2, "month": 3, "year": 3}
MentionKind = Literal[
    "place", "actor", "person", "organisation", "date", "quantity", "trigger", "reporting_verb", "quote", "other"
]


def content_hash(text: str) -> str:
    """Document id: a hash of the content, insensitive to Unicode form and surrounding whitespace.

    The same article submitted twice (or once as UTF-8 and once as cp1256) gets the same id.
    """
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Serialisation helpers
# --------------------------------------------------------------------------------------------

T = TypeVar("T")


#: Types returned as they are (exact types; subclasses take the slow path below).
_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})
#: Dataclass -> its compiled encoder (see ``_compile_encoder``).
_ENCODERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _compile_encoder(cls: type) -> Callable[[Any], dict[str, Any]]:
    """Generate ``encode(obj) -> dict`` for one dataclass: its serialised fields read by attribute name,
    scalar values kept, everything else through ``_to_jsonable``.  Saving a document serialises tens of
    thousands of small objects; a per-class function avoids ``dataclasses.fields`` and a loop per object."""
    names = [f.name for f in dataclasses.fields(cls) if f.metadata.get("serialize", True)]
    lines = ["def encode(obj, S=S, J=J):"]
    lines += [f"    v{i} = obj.{name}" for i, name in enumerate(names)]
    items = ", ".join(f"{name!r}: v{i} if v{i}.__class__ in S else J(v{i})" for i, name in enumerate(names))
    lines.append("    return {" + items + "}")
    namespace: dict[str, Any] = {"S": _JSON_SCALARS, "J": _to_jsonable}
    exec("\n".join(lines), namespace)  # the source holds dataclass field names only
    encoder = namespace["encode"]
    _ENCODERS[cls] = encoder
    return encoder


def _to_jsonable(value: Any) -> Any:
    """Model object -> plain JSON-able values (dataclasses to dicts, dates to ISO strings)."""
    tp = type(value)
    if tp in _JSON_SCALARS:
        return value
    encoder = _ENCODERS.get(tp)
    if encoder is not None:
        return encoder(value)
    if tp is list or tp is tuple:
        return [v if type(v) in _JSON_SCALARS else _to_jsonable(v) for v in value]
    if tp is dict:
        return {k: v if type(v) in _JSON_SCALARS else _to_jsonable(v) for k, v in value.items()}
    if dataclasses.is_dataclass(tp) and not isinstance(value, type):
        return _compile_encoder(tp)(value)
    return _to_jsonable_slow(value)


def to_jsonable(value: Any) -> Any:
    """Any model object, list or dict of them -> plain JSON-able values (what ``to_dict`` returns)."""
    return _to_jsonable(value)


#: Dataclass -> ``obj -> {field: value}`` of its serialised fields, values as they are (``json_default``).
_SHALLOW_ENCODERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


#: Dataclass -> its number of fields, for the classes whose every field is serialised and lives in the
#: instance ``__dict__`` (no slots): an instance's ``__dict__`` then holds exactly its serialised form, in field
#: order (``__init__`` assigns the fields in order, and copies keep it), so ``json_default`` hands the encoder
#: that dict itself instead of building a new one (~50 model objects per saved document: events' spans,
#: speakers, actor/place/date refs, claims).  An instance with another attribute set on it has more keys and
#: takes the generated encoder.
_DICT_FORM: dict[type, int] = {}


def _compile_shallow(cls: type) -> Callable[[Any], dict[str, Any]]:
    fields = dataclasses.fields(cls)
    names = [f.name for f in fields if f.metadata.get("serialize", True)]
    if len(names) == len(fields) and "__slots__" not in cls.__dict__:
        _DICT_FORM[cls] = len(names)
    source = "def fields(obj):\n    return {" + ", ".join(f"{name!r}: obj.{name}" for name in names) + "}"
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # the source holds dataclass field names only
    encoder = namespace["fields"]
    _SHALLOW_ENCODERS[cls] = encoder
    return encoder


def json_default(value: Any) -> Any:
    """The ``default`` hook of a JSON encoder that writes model objects as they are: a dataclass becomes
    the dict of its serialised fields with their values untouched (the encoder calls back here for each
    nested model object, and walks lists and dicts itself), a date or datetime its ISO text, anything
    else ``str(value)``.  The text is the same as encoding ``to_jsonable(value)`` with ``default=str``
    (tested), without building the nested plain dicts and lists first: saving an event or a claim this way
    skips its ``to_dict`` (~10% of the two together)."""
    n = _DICT_FORM.get(value.__class__)
    if n is not None:
        own = value.__dict__
        if len(own) == n:
            return own
    encoder = _SHALLOW_ENCODERS.get(value.__class__)
    if encoder is not None:
        return encoder(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _compile_shallow(value.__class__)(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    # json's C encoder writes float and tuple subclasses itself; orjson (``rasad.store.sqlbase.dumps_model``)
    # hands over those it does not take (numpy's float64, named tuples): the same reading
    if isinstance(value, float):
        return float(value)
    if isinstance(value, tuple):
        return list(value)
    return str(value)


def _to_jsonable_slow(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.metadata.get("serialize", True)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_jsonable(v) for k, v in value.items()}
    return value


_HINTS_CACHE: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS_CACHE.get(cls)
    if hints is None:
        hints = get_type_hints(cls)
        _HINTS_CACHE[cls] = hints
    return hints


def _decoder(tp: Any) -> Callable[[Any], Any] | None:
    """A function decoding JSON values of type ``tp`` (None: the value is used as is).

    Decoders are built once per type and cached, so loading thousands of events from the store does not
    re-inspect type hints for every field of every object."""
    key = repr(tp)
    if key in _DECODERS:
        return _DECODERS[key]
    dec: Callable[[Any], Any] | None = None
    origin = get_origin(tp)
    args = get_args(tp)
    if origin is list:
        inner = _decoder(args[0])
        if inner is not None:
            dec = lambda v, f=inner: None if v is None else [f(x) for x in v]  # noqa: E731
    elif origin is dict:
        inner = _decoder(args[1])
        if inner is not None:
            dec = lambda v, f=inner: None if v is None else {k: f(x) for k, x in v.items()}  # noqa: E731
    elif args and origin is not Literal and type(None) in args:  # Optional[X] / X | None
        inner_types = [a for a in args if a is not type(None)]
        if len(inner_types) == 1:
            inner = _decoder(inner_types[0])
            if inner is not None:
                dec = lambda v, f=inner: None if v is None else f(v)  # noqa: E731
    elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
        dec = lambda v, c=tp: None if v is None else from_dict(c, v)  # noqa: E731
    elif tp is datetime:
        dec = lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v  # noqa: E731
    elif tp is date:
        dec = lambda v: date.fromisoformat(v[:10]) if isinstance(v, str) else v  # noqa: E731
    _DECODERS[key] = dec
    return dec


_DECODERS: dict[str, Callable[[Any], Any] | None] = {}
_FIELD_DECODERS: dict[type, list[tuple[str, Callable[[Any], Any] | None]]] = {}


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build a model object from its ``to_dict`` form; unknown keys are ignored (forward compatible)."""
    fields = _FIELD_DECODERS.get(cls)
    if fields is None:
        hints = _hints(cls)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        _FIELD_DECODERS[cls] = fields
    kwargs = {}
    for name, dec in fields:
        if name in data:
            value = data[name]
            kwargs[name] = value if dec is None or value is None else dec(value)
    return cls(**kwargs)


class Serializable:
    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        return from_dict(cls, data)


# --------------------------------------------------------------------------------------------
# Text-level objects
# --------------------------------------------------------------------------------------------


@dataclass
class Span(Serializable):
    """Character offsets ``[start, end)`` into the raw text of a document, plus the text itself."""

    start: int
    end: int
    text: str = ""


@dataclass
class Paragraph(Serializable):
    start: int
    end: int
    lang: str = "und"


@dataclass
class Sentence(Serializable):
    start: int
    end: int
    index: int = 0
    lang: str = "und"


@dataclass
class Mention(Serializable):
    """A stretch of text recognised as something: a place, an actor, a date, a trigger...

    ``canonical_id`` points into the relevant dictionary (gazetteer id, actor id ...); ``attrs`` keeps
    kind-specific details (e.g. place coordinates, the ACLED sub-event a trigger suggests).
    """

    start: int
    end: int
    text: str
    kind: str
    canonical_id: str | None = None
    sentence: int | None = None
    lang: str = "und"
    source: str = ""  # which stage produced it
    attrs: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Structured event fields -- each keeps its evidence span (provenance)
# --------------------------------------------------------------------------------------------


@dataclass
class ActorRef(Serializable):
    """An actor as named in the text (``text``: the outlet's own wording) and its canonical identity."""

    canonical_id: str | None
    name: str  # canonical English name, e.g. "Military Forces of Syria"
    text: str  # the words used in the document, e.g. "گروه‌های مسلح"
    inter: int | None = None  # ACLED inter code 1..8
    side: str | None = None  # e.g. "government", "opposition", "jihadist", "kurdish", "foreign", "civilian"
    country: str | None = None  # ISO-3166 alpha-3 of the actor's country
    label_kind: str | None = None  # e.g. "pejorative", "neutral", "self" -- how the wording frames the actor
    start: int | None = None
    end: int | None = None


@dataclass
class PlaceRef(Serializable):
    place_id: str | None
    name: str  # canonical English name
    text: str  # words used in the document
    feature: str | None = None  # country / admin1 / admin2 / admin3 / city / town / village / neighbourhood / landmark
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # ACLED 1/2/3
    start: int | None = None
    end: int | None = None


@dataclass
class DateRef(Serializable):
    """A date or date range with its precision.  Relative expressions without an anchor stay relative."""

    start: date | None  # earliest day (inclusive)
    end: date | None  # latest day (inclusive)
    precision: str = "unknown"  # day / week / month / year / unknown
    text: str = ""
    relative: bool = False  # expressed relative to the publication date
    anchored: bool = True  # False: relative expression with no publication date to resolve it
    expression: str | None = None  # machine form of a relative expression, e.g. "-4d", "weekday:fri", "-1m"
    calendar: str = "gregorian"  # gregorian / hijri / jalali -- as written in the text
    start_offset: int | None = None
    end_offset: int | None = None


@dataclass
class Quantity(Serializable):
    """A count (fatalities, wounded ...) with ACLED's conservative reading and UCDP's low/best/high."""

    low: int | None
    best: int | None
    high: int | None
    text: str = ""
    vague: bool = False  # "dozens", "عدد من"
    qualifier: str | None = None  # "at_least", "more_than", "about", "up_to", None
    unit: str = "people"
    start: int | None = None
    end: int | None = None

    @property
    def acled(self) -> int | None:
        """ACLED codes the most conservative figure."""
        return self.low if self.low is not None else self.best


@dataclass
class Speaker(Serializable):
    """Who says so: a person, an organisation, an anonymous official, or the outlet itself."""

    kind: str  # person / organisation / anonymous / outlet / unnamed_group
    name: str | None = None  # as written
    canonical_id: str | None = None  # e.g. "org:sohr"
    canonical_name: str | None = None  # e.g. "Syrian Observatory for Human Rights"
    role: str | None = None  # "director", "member", "military official"
    organisation: str | None = None  # canonical id or name of the speaker's organisation
    side: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Attribution(Serializable):
    """The chain of sources for a piece of text: outlet <- speaker <- ... (``chain[0]`` is the direct one)."""

    speaker: Speaker
    outlet: str | None = None
    reporting_verb: str | None = None  # the verb/frame as written ("قال", "به گفته", "according to")
    verb_start: int | None = None
    verb_end: int | None = None
    chain: list[Speaker] = field(default_factory=list)  # further links: who the speaker cites
    direct_quote: bool = False


@dataclass
class Event(Serializable):
    """One document's telling of one happening (an ACLED-style record from a single source)."""

    id: str  # f"{doc_id}:e{n}"
    doc_id: str
    event_type: str
    sub_event_type: str
    trigger: Span
    sentence: Span
    lang: str = "und"
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actors: list[ActorRef] = field(default_factory=list)
    location: PlaceRef | None = None
    date: DateRef | None = None
    fatalities: Quantity | None = None
    wounded: Quantity | None = None
    arrested: Quantity | None = None
    displaced: Quantity | None = None
    polarity: str = "asserted"
    outcome: str | None = None  # territorial outcome: "captured", "withdrew", "holding", "contested", ...
    attribution: Attribution | None = None
    evidence: list[Span] = field(default_factory=list)  # further supporting spans (e.g. other sentences)
    confidence: float = 0.5
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def interaction(self) -> int | None:
        a = self.actor1.inter if self.actor1 else None
        b = self.actor2.inter if self.actor2 else None
        if a is None:
            return None
        if b is None:
            return a * 10
        return min(a, b) * 10 + max(a, b)


@dataclass
class Claim(Serializable):
    """An attributed assertion: <subject> <predicate> <value>, said (or denied) by a speaker in an outlet.

    Predicates in use: ``event`` (the event happened; value = sub-event type), ``control`` (who controls
    a place; value = actor id), ``outcome`` (territorial outcome), ``fatalities``, ``responsible``,
    ``occurred``.  Text not attributed to anyone is the outlet's own claim (speaker.kind == "outlet").
    """

    id: str
    doc_id: str
    subject: str  # e.g. "place:SY-homs-khalidiya" or an event id
    predicate: str
    value: Any
    polarity: str = "asserts"  # asserts / denies
    speaker: Speaker | None = None
    outlet: str | None = None
    reporting_verb: str | None = None
    evidence: Span | None = None
    sentence: Span | None = None
    event_id: str | None = None
    lang: str = "und"
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class NormalizedText:
    """Normalized text with a map back to raw offsets.

    ``starts[i]`` is the raw offset of the character normalized character ``i`` came from, and
    ``ends[i]`` the raw offset just past it (including any characters deleted after it, such as
    diacritics or tatweel).  ``None`` arrays mean the identity map.
    """

    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None
    raw_length: int = 0

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span ``[start, end)`` to the raw text."""
        if self.starts is None or self.ends is None:
            return start, end
        n = len(self.text)
        if n == 0:
            return 0, 0
        if start >= n:
            return self.raw_length, self.raw_length
        raw_start = self.starts[start]
        raw_end = self.ends[end - 1] if end > start else raw_start
        return raw_start, raw_end

    def from_raw(self, raw_offset: int) -> int:
        """The normalized offset of the first normalized character at or after ``raw_offset``."""
        if self.starts is None:
            return raw_offset
        return bisect_left(self.starts, raw_offset)


@dataclass
class Document(Serializable):
    """One ingested article and everything extracted from it."""

    id: str
    text: str  # raw text, exactly as ingested (after decoding); all offsets point here
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    published_precision: str = "unknown"  # datetime / day / month / year / unknown
    lang: str = "und"
    lang_confidence: float | None = None
    source_path: str | None = None  # where it was read from (file, file#entry)
    source_format: str | None = None  # text / html / feed / jsonl / csv
    encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    stages_done: list[str] = field(default_factory=list)
    norm: NormalizedText | None = field(default=None, metadata={"serialize": False})

    @classmethod
    def create(cls, text: str, **kwargs: Any) -> Document:
        return cls(id=content_hash(text), text=text, **kwargs)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing raw offset ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def mentions_of(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]


# --------------------------------------------------------------------------------------------
# Cross-document objects
# --------------------------------------------------------------------------------------------


@dataclass
class Report(Serializable):
    """One document's telling of a canonical event: the link between ``Event`` and ``CanonicalEvent``."""

    doc_id: str
    event_id: str
    outlet: str | None = None
    lang: str = "und"
    speaker: Speaker | None = None
    copy_of: str | None = None  # doc id this document is a near-duplicate / syndicated copy of
    independent: bool = True


@dataclass
class FieldValue(Serializable):
    """The value one source gives for one field of a canonical event."""

    value: Any
    doc_id: str
    event_id: str
    outlet: str | None = None
    speaker: Speaker | None = None
    evidence: Span | None = None
    polarity: str = "asserted"


@dataclass
class FieldComparison(Serializable):
    field: str  # event_type, sub_event_type, location, date, fatalities, actor1, actor2, outcome, existence
    status: str  # agree / contradict / update (a toll rising in later publications) / single_source / missing
    kind: str | None = None  # numeric / outcome / responsibility / existence / time / place / type
    values: list[FieldValue] = field(default_factory=list)
    consolidated: Any = None


@dataclass
class CanonicalEvent(Serializable):
    """A happening merged across documents and languages."""

    id: str
    event_type: str
    sub_event_type: str
    reports: list[Report] = field(default_factory=list)
    location: PlaceRef | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str = "unknown"
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    outcome: str | None = None
    contested_fields: list[str] = field(default_factory=list)
    comparisons: list[FieldComparison] = field(default_factory=list)
    n_sources: int = 0
    n_independent_sources: int = 0
    story_id: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Story(Serializable):
    """Documents (and their canonical events) about one unfolding situation, e.g. the battle for Khalidiya."""

    id: str
    title: str
    doc_ids: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)  # canonical event ids
    copies: dict[str, str] = field(default_factory=dict)  # doc id -> doc id of the original it copies
    date_start: date | None = None
    date_end: date | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
