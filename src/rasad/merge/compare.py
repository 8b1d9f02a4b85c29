"""Field-by-field comparison of the reports of one canonical event, and the consolidated record.

For every field (event_type, sub_event_type, location, date, fatalities, actor1, actor2, outcome,
existence) each report -- and each attributed claim about the event -- contributes a ``FieldValue``
with its outlet and speaker.  A field is ``agree`` when all values are compatible, ``contradict``
when two are not (with the kind of contradiction), ``single_source`` when only one independent
source speaks to it, ``missing`` when nobody does.

Consolidation follows the conventions analysts know: fatalities as UCDP GED's low/best/high plus
ACLED's most conservative figure; a date range; a territorial outcome of "contested" when sources
disagree; independent sources counted after collapsing copies and chains citing one origin.
"""

from __future__ import annotations

import functools
import hashlib
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rasad.lang import word_list
from rasad.merge.compat import (
    ACTOR_NAMES,
    ACTOR_SIDES,
    TERRITORIAL_OUTCOME,
    PlacePaths,
    actor_bloc,
    nested,
    type_group,
)
from rasad.model import (
    SUB_EVENT_TO_TYPE,
    ActorRef,
    CanonicalEvent,
    Claim,
    Event,
    FieldComparison,
    FieldValue,
    PlaceRef,
    Quantity,
    Report,
    Speaker,
)
from rasad.text.normalize import normalize_term

FIELDS = ("event_type", "sub_event_type", "location", "date", "fatalities", "actor1", "actor2",
          "outcome", "existence")
#: Relative tolerance under which two exact counts are the same figure told twice (16 vs 17).
COUNT_TOLERANCE = 0.1
#: The same for a count told in round words ("about 30", "nearly 30").
APPROX_TOLERANCE = 0.2
#: How far below a vague count's conventional low end ("a number of" = 10) a count still agrees with it.
VAGUE_TOLERANCE = 0.5
#: Two date ranges further apart than this (days) contradict.
DATE_SLACK = 1


def _in_battle_group(sub_event_type: str) -> bool:
    """The sub-event is of the battle group: a clash, or a capture or withdrawal (``TERRITORIAL_OUTCOME``)."""
    return type_group(sub_event_type) == _BATTLE_GROUP


_BATTLE_GROUP = type_group("Armed clash")

#: Outcome wordings folded to a few positions (extractors may write any of these).
_OUTCOME_SYNONYMS = {
    "captured": "captured", "capture": "captured", "took control": "captured", "regained": "captured",
    "seized": "captured", "overtook": "captured", "taken": "captured",
    "withdrew": "withdrew", "withdrawal": "withdrew", "withdrew_voluntarily": "withdrew",
    "retreated": "withdrew", "tactical withdrawal": "withdrew", "handed over": "withdrew",
    "holding": "holding", "held": "holding", "repelled": "holding", "failed": "holding",
    "resisting": "holding", "still holding": "holding", "not captured": "not captured",
    "contested": "contested",
}
#: Outcome values that take no position on who controls the place (extractors' default for a clash).
NO_POSITION = frozenset({"", "contested", "ongoing", "unknown"})
#: Polarity -> what it says about the event's existence.
_EXISTENCE = {"asserted": "happened", "reported": "happened", "denied": "denied", "negated": "denied",
              "uncertain": "unconfirmed", "planned": "unconfirmed", "hypothetical": "unconfirmed"}
#: Actor ids that name a side only generically; a more specific id of the same bloc is preferred.
_GENERIC_ACTORS = {"sy_opposition", "unidentified_armed_group", None}


@dataclass
class ReportInfo:
    """One member event with the document facts the comparison needs."""

    event: Event
    outlet: str | None
    lang: str
    published: date | None = None
    copy_of: str | None = None
    claims: list[Claim] = field(default_factory=list)
    title: str | None = None
    url: str | None = None


def canonical_id(event_ids: list[str]) -> str:
    return "ce-" + hashlib.sha1("\n".join(sorted(event_ids)).encode()).hexdigest()[:12]


def origin_key(speaker: Speaker | None, chain: list[Speaker], outlet: str | None, doc_id: str) -> str:
    """Who the information ultimately comes from.

    The last link of the attribution chain is the origin (an outlet quoting SANA quoting a ministry
    -> the ministry).  Named people and organisations are one source wherever they are quoted;
    anonymous speakers ("activists", "a military official") are only known through the outlet that
    quotes them.
    """
    origin = chain[-1] if chain else speaker
    outlet_key = f"outlet:{(outlet or doc_id).strip().lower()}"
    if origin is None or origin.kind == "outlet":
        return outlet_key
    if origin.canonical_id:
        return f"id:{origin.canonical_id}"
    if origin.kind in ("person", "organisation") and origin.name:
        return f"name:{' '.join(origin.name.lower().split())}"
    return f"{outlet_key}:{origin.kind}:{(origin.role or origin.name or '').lower()}"


def _report_origin(info: ReportInfo) -> str:
    if info.copy_of:
        return f"copy-of:{info.copy_of}"
    att = info.event.attribution
    if att is None:
        return origin_key(None, [], info.outlet, info.event.doc_id)
    return origin_key(att.speaker, att.chain, info.outlet or att.outlet, info.event.doc_id)


def _speaker_of(info: ReportInfo) -> Speaker | None:
    return info.event.attribution.speaker if info.event.attribution else None


def _outcome_of(ev: Event) -> str | None:
    """The territorial outcome a report states (explicit, or implied by its sub-event type)."""
    raw = ev.outcome or TERRITORIAL_OUTCOME.get(ev.sub_event_type)
    if raw is None:
        return None
    value = _OUTCOME_SYNONYMS.get(raw.strip().lower().replace("-", " "), raw.strip().lower())
    if value in NO_POSITION:  # "fighting goes on" takes no side on who holds the place
        return None
    if ev.polarity in ("denied", "negated"):
        return "not captured" if value == "captured" else f"not {value}"
    return value


def _existence_of(ev: Event) -> str:
    """Whether the report says its event happened (a denied capture is also an outcome position).

    An outlet's own negated telling of a battle ("the militias failed to advance", "could not take the
    base") says the attack did not succeed -- an outcome, carried by ``outcome`` as "not captured" -- not
    that no fighting took place; a speaker's denial ("denied") still disputes the existence."""
    if ev.polarity == "negated" and _in_battle_group(ev.sub_event_type):
        return "happened"
    return _EXISTENCE.get(ev.polarity, "happened")


def _interval(q: Quantity) -> tuple[float, float] | None:
    low = q.low if q.low is not None else q.best
    if low is None:
        return None
    if q.qualifier in ("more_than", "at_least") and q.high is None:
        return (float(low), float("inf"))
    if q.vague and (q.high is None or q.high <= low):
        return (float(low), float("inf"))  # "dozens": ACLED codes the low end, the text sets no ceiling
    high = q.high if q.high is not None else (q.best if q.best is not None else low)
    return (float(low), float(high))


def _tolerance(q: Quantity) -> tuple[float, float]:
    """How far below and above its interval a count still tells the same figure.

    An exact count: 10 %.  An approximate one ("about 30", "nearly 30"): 20 %, since "nearly 30" and 25 are
    one toll told in round words.  A vague word ("a number of", "dozens") only sets an order of magnitude: its
    low end is ACLED's coding convention (10, 12, 100), not what the source says, so counts down to half
    of it agree ("a number of Houthis were killed" and "eight Houthis"); "hundreds" and 30 still do not.
    """
    if q.vague:
        return VAGUE_TOLERANCE, COUNT_TOLERANCE
    if q.qualifier == "about":
        return APPROX_TOLERANCE, APPROX_TOLERANCE
    return COUNT_TOLERANCE, COUNT_TOLERANCE


def quantities_agree(a: Quantity, b: Quantity) -> bool:
    """123 and "more than 120" agree; 16 and 60 do not.  Exact counts within 10% are one figure, approximate
    and vague ones within wider bounds (``_tolerance``)."""
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return True
    (down_a, up_a), (down_b, up_b) = _tolerance(a), _tolerance(b)
    lo_a, hi_a = ia[0] * (1 - down_a), ia[1] * (1 + up_a)
    lo_b, hi_b = ib[0] * (1 - down_b), ib[1] * (1 + up_b)
    return lo_a <= hi_b and lo_b <= hi_a


def _as_quantity(value: Any) -> Quantity | None:
    if isinstance(value, Quantity):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Quantity(int(value), int(value), int(value))
    if isinstance(value, dict) and any(k in value for k in ("low", "best", "high")):
        return Quantity.from_dict(value)
    return None


#: An event with no date of its own is taken to have happened within this many days before its
#: document was published (the merge's blocking window and the consolidated date alike).
UNDATED_LOOKBACK_DAYS = 3


def date_from_publication(ev: Event) -> bool:
    """The date is the publication day standing in for a date the text does not give (the events stage
    marks it ``attrs.date_source == "published"``)."""
    return ev.attrs.get("date_source") == "published"


def _date_range(info: ReportInfo) -> tuple[date, date] | None:
    d = info.event.date
    if d is None or d.start is None or date_from_publication(info.event):
        return None
    return d.start, d.end or d.start


def _publication_window(info: ReportInfo) -> tuple[date, date] | None:
    pub = info.published
    if pub is None and date_from_publication(info.event) and info.event.date is not None:
        pub = info.event.date.start
    if pub is None:
        return None
    return pub - timedelta(days=UNDATED_LOOKBACK_DAYS), pub


def _aligned_actors(infos: list[ReportInfo]) -> list[tuple[ActorRef | None, ActorRef | None]]:
    """Actor1/actor2 per report with the pairs turned to face the same way.

    ACLED actors carry no direction, and one outlet's actor1 is another's actor2; the bloc most often
    named first across reports is taken as actor1 and pairs are swapped to match.
    """
    if len(infos) == 1:  # a lone report faces its own way: its first actor leads (or nothing does)
        return [(infos[0].event.actor1, infos[0].event.actor2)]
    firsts = Counter(actor_bloc(i.event.actor1.canonical_id, i.event.actor1.side)
                     for i in infos if i.event.actor1)
    firsts.pop(None, None)
    # ties go to state forces, whom ACLED usually lists first
    lead = max(firsts, key=lambda b: (firsts[b], b == "G", str(b))) if firsts else None
    out = []
    for i in infos:
        a1, a2 = i.event.actor1, i.event.actor2
        b1 = actor_bloc(a1.canonical_id, a1.side) if a1 else None
        b2 = actor_bloc(a2.canonical_id, a2.side) if a2 else None
        if lead is not None and b1 != lead and b2 == lead:
            a1, a2 = a2, a1
        out.append((a1, a2))
    battle = all(_in_battle_group(i.event.sub_event_type) for i in infos)
    return _one_sided_to_counterpart(out, lead, battle)


def _one_sided_to_counterpart(pairs: list[tuple[ActorRef | None, ActorRef | None]],
                              lead: str | None, battle: bool) -> list[tuple[ActorRef | None, ActorRef | None]]:
    """A report naming one side only ("13 Houthis were killed in clashes in Marib") says nothing about
    who acted first: when that side is the one the two-sided reports name opposite the lead bloc -- or,
    in a battle, any side but the lead (a battle has no perpetrator; "the resistance advanced" and "21
    Houthis were killed in the clashes" name its two sides) -- it takes the actor2 place, so it is not read
    as a rival claim of responsibility."""
    others = Counter(actor_bloc(a2.canonical_id, a2.side) for a1, a2 in pairs if a1 is not None and a2 is not None)
    others.pop(None, None)
    if lead is None or not (others or battle):
        return pairs
    out = []
    for a1, a2 in pairs:
        b1 = actor_bloc(a1.canonical_id, a1.side) if a1 else None
        if a1 is not None and a2 is None and b1 != lead and (battle or b1 in others):
            a1, a2 = None, a1
        out.append((a1, a2))
    return out


def _value_key(field_name: str, value: Any) -> Any:
    """What makes two values of a field the same statement (ignoring spans and wording)."""
    if isinstance(value, dict):
        if field_name == "fatalities":
            return (value.get("low"), value.get("high") if value.get("qualifier") not in ("more_than", "at_least")
                    else None)
        if field_name in ("actor1", "actor2"):
            return value.get("canonical_id") or value.get("name")
        if field_name == "location":
            return value.get("place_id") or value.get("name")
        if field_name == "date":
            return (value.get("start"), value.get("end"), value.get("text") if not value.get("start") else None)
        return tuple(sorted((k, str(v)) for k, v in value.items()))
    return value


class _FieldBuilder:
    """Collects values for one field with the origin of each, then judges agreement."""

    def __init__(self, name: str, loose: dict[int, bool] | None = None) -> None:
        """``loose``: ``loosely_tied`` per report (by the id of its ``ReportInfo``), shared by the builders of
        one event, so that each report's answer is worked out once, not once per field."""
        self.name = name
        self._loose_of = {} if loose is None else loose
        self.values: list[FieldValue] = []
        self.origins: list[str] = []
        self.published: list[date | None] = []  # publication day of each value's document
        self.loose: list[bool] = []  # the value's telling is only loosely tied to the event (``loosely_tied``)
        self._events: set[str] = set()
        self._repeated = False  # some telling gave two values (its own and a claim's)
        self.generic: list[bool] = []  # per value, the ``generic`` flag given to ``add``
        self._seen: set[tuple[str, str]] = set()
        #: fatalities: each value's count, by the id of its dict (held in ``values``), read once; the
        #: pairwise judging and the consolidation read it again for every pair and value
        self.quantities: dict[int, Quantity] = {}

    def add(self, value: Any, info: ReportInfo, origin: str, speaker: Speaker | None,
            evidence: Any = None, polarity: str | None = None, generic: bool = False) -> None:
        """``generic``: the value is the coding of a word that takes no position within its narrow type group
        (``_generic_trigger``)."""
        if value is None:
            return
        key = (origin, _value_key(self.name, value) if isinstance(value, dict) else value)
        if key in self._seen:  # the same source saying the same thing twice adds nothing
            return
        if self.name == "fatalities":
            q = Quantity.from_dict(value)
            if any(o == origin and quantities_agree(self.quantities[id(v.value)], q)
                   for o, v in zip(self.origins, self.values, strict=True)):
                return  # "at least 23" and "23" from one source: one figure
            self.quantities[id(value)] = q
        self._seen.add(key)
        ev = info.event
        # FieldValue(value, doc_id, event_id, outlet, speaker, evidence, polarity)
        self.values.append(FieldValue(value, ev.doc_id, ev.id, info.outlet, speaker, evidence, polarity or ev.polarity))
        self.origins.append(origin)
        self.published.append(info.published)
        self._repeated = self._repeated or ev.id in self._events
        self.generic.append(generic)
        self._events.add(ev.id)
        # a denial names the claim it denies, not a place or a day: its vagueness is no looseness
        if self.name == "existence":
            self.loose.append(False)
        else:
            loose = self._loose_of.get(id(info))
            if loose is None:
                loose = self._loose_of[id(info)] = loosely_tied(info)
            self.loose.append(loose)

    def _conflicts(self, compatible: Any, all_pairs: bool, with_loose: bool = False) -> list[tuple[int, int]]:
        """Pairs of values that disagree (``compatible(a, b)`` is false): from different origins, both from tellings tied to the event by a fact of their own (not ``loose``), neither from a
        telling at odds with itself (``_self_contradicting``).  Stops at the first unless ``all_pairs``;
        ``with_loose`` takes loose tellings in too."""
        vals = self.values

        def agree(i: int, j: int) -> bool:
            if (self.generic[i] or self.generic[j]) and _same_narrow_group(vals[i].value, vals[j].value):
                return True  # "the blast" and "the suicide bombing": one saying less, not another thing
            return bool(compatible(vals[i].value, vals[j].value))

        unsure = self._self_contradicting(agree)
        out: list[tuple[int, int]] = []
        for i in range(len(vals)):
            if (self.loose[i] and not with_loose) or i in unsure:
                continue
            for j in range(i + 1, len(vals)):
                if (self.origins[i] != self.origins[j] and (with_loose or not self.loose[j]) and j not in unsure
                        and not _same_telling(vals[i], vals[j]) and not agree(i, j)):
                    out.append((i, j))
                    if not all_pairs:
                        return out
        return out

    def _self_contradicting(self, agree: Any) -> set[int]:
        """Values of a telling that gives two incompatible values for the field (its own reading and a claim
        read from the same sentence, with no two named speakers behind them): the telling is misread,
        so neither value is set against other sources."""
        out: set[int] = set()
        if not self._repeated:  # one value per telling: the usual case
            return out
        by_event: dict[str, list[int]] = {}
        for k, v in enumerate(self.values):
            by_event.setdefault(v.event_id, []).append(k)
        for ks in by_event.values():
            if len(ks) < 2:
                continue
            for a in range(len(ks)):
                for b in range(a + 1, len(ks)):
                    i, j = ks[a], ks[b]
                    if _same_telling(self.values[i], self.values[j]) and not agree(i, j):
                        out.update((i, j))
        return out

    def _rises(self, i: int, j: int, higher: Any) -> bool:
        """The later-published of two values is the higher one: a toll updated, not disputed."""
        pi, pj = self.published[i], self.published[j]
        if pi is None or pj is None or pi == pj:
            return False
        early, late = (i, j) if pi < pj else (j, i)
        return bool(higher(self.values[late].value, self.values[early].value))

    def judge(self, compatible: Any, kind: str, consolidated: Any, higher: Any = None) -> FieldComparison:
        """``agree`` / ``contradict`` / ``single_source`` / ``missing``; with ``higher`` (a count), ``update``
        when every disagreeing pair is a later publication giving the higher figure (a toll rising from
        day to day: "20 dead" on Monday, "31 dead" on Tuesday)."""
        if not self.values:
            return FieldComparison(self.name, "missing", None, [], None)
        if len(set(self.origins)) < 2:
            return FieldComparison(self.name, "single_source", None, self.values, consolidated)
        conflicts = self._conflicts(compatible, all_pairs=higher is not None)
        if not conflicts and higher is not None:
            # a loosely tied telling never makes a contradiction, but its later, higher toll is an update
            conflicts = self._conflicts(compatible, all_pairs=True, with_loose=True)
            if conflicts and not all(self._rises(i, j, higher) for i, j in conflicts):
                conflicts = []
        if not conflicts:
            return FieldComparison(self.name, "agree", None, self.values, consolidated)
        if higher is not None and all(self._rises(i, j, higher) for i, j in conflicts):
            return FieldComparison(self.name, "update", kind, self.values, consolidated)
        return FieldComparison(self.name, "contradict", kind, self.values, consolidated)


#: Place features that name an area, not a spot (a governorate, a district, a country).
_AREA_FEATURES = frozenset({"country", "admin1", "admin2", "admin3", "region"})


def loosely_tied(info: ReportInfo) -> bool:
    """The telling joined its event by elimination, not by a fact of its own: it has no date of its own
    (only its publication window) and no place below an area ("fighting in Marib province", "Houthi
    shelling of the south").  The merge attaches such a report to the one compatible event of its area
    and window, a guess that is often right for counting sources but too weak to set its values against
    the others': its values count in the consolidated record, but never make a contradiction (a later,
    higher toll of one still shows as an update)."""
    loc = info.event.location
    return _date_range(info) is None and (loc is None or loc.feature in _AREA_FEATURES)


def _named(s: Speaker | None) -> str | None:
    """A named speaker's identity (person or organisation), else None."""
    if s is None or s.kind not in ("person", "organisation"):
        return None
    return s.canonical_id or (" ".join(s.name.lower().split()) if s.name else None)


def _second_source(claim: Claim, ev: Event) -> bool:
    """Is the toll ``claim`` of another telling folded into ``ev`` (``attrs["telling"]``) a second named source's
    count, beside the event's own named source ("SOHR said 12 ... SANA said 9")?  Then it is one more value
    of the report, from its own source; a toll in the outlet's own voice or of an unnamed source is the same
    report read again (:func:`_same_telling` would set the event's own count aside as misread)."""
    own = _named(ev.attribution.speaker) if ev.attribution is not None else None
    other = _named(claim.speaker)
    return own is not None and other is not None and own != other


def _same_telling(a: FieldValue, b: FieldValue) -> bool:
    """Two values drawn from one report (its own fields and a claim parsed from the same sentence) are one
    telling read twice -- a misreading when they differ, not two sources disagreeing -- unless two
    different named speakers are quoted ("the army said ..., the rebels said ...")."""
    if a.event_id != b.event_id:
        return False
    na, nb = _named(a.speaker), _named(b.speaker)
    return not (na and nb and na != nb)


def _higher_count(a: Quantity, b: Quantity) -> bool:
    """Count ``a`` lies above count ``b`` (they do not agree and a's low end is the larger)."""
    ia, ib = _interval(a), _interval(b)
    return ia is not None and ib is not None and ia[0] > ib[0]


def _place_dict(p: PlaceRef) -> dict[str, Any]:
    return {"place_id": p.place_id, "name": p.name, "text": p.text, "admin1": p.admin1,
            "admin2": p.admin2, "feature": p.feature}


def build_canonical(infos: list[ReportInfo], places: PlacePaths) -> CanonicalEvent:
    """Merge the reports of one happening into a CanonicalEvent with its field comparisons."""
    infos = sorted(infos, key=lambda i: (i.event.doc_id, i.event.id))
    origins = [_report_origin(i) for i in infos]
    # a copy speaks with its original's voice when the original is among the reports
    original_voice = {i.event.doc_id: o for i, o in zip(infos, origins, strict=True) if not i.copy_of}
    origins = [original_voice.get(i.copy_of, o) if i.copy_of else o for i, o in zip(infos, origins, strict=True)]
    speakers = [_speaker_of(i) for i in infos]
    reports = [Report(doc_id=i.event.doc_id, event_id=i.event.id, outlet=i.outlet, lang=i.lang,
                      speaker=s, copy_of=i.copy_of, independent=i.copy_of is None)
               for i, s in zip(infos, speakers, strict=True)]

    loose: dict[int, bool] = {}  # the infos live until the event is built: their ids stay theirs
    fb = {name: _FieldBuilder(name, loose) for name in FIELDS}
    aligned = _aligned_actors(infos)
    for info, origin, speaker, (a1, a2) in zip(infos, origins, speakers, aligned, strict=True):
        ev = info.event
        fb["event_type"].add(ev.event_type, info, origin, speaker, ev.trigger)
        fb["sub_event_type"].add(ev.sub_event_type, info, origin, speaker, ev.trigger,
                                 generic=_generic_trigger(ev))
        if ev.location is not None:
            fb["location"].add(_place_dict(ev.location), info, origin, speaker,
                               _span_of(ev.location.start, ev.location.end, ev.location.text))
        if ev.date is not None and (ev.date.start is not None or ev.date.text) and not date_from_publication(ev):
            fb["date"].add({"start": ev.date.start.isoformat() if ev.date.start else None,
                            "end": (ev.date.end or ev.date.start).isoformat() if ev.date.start else None,
                            "precision": ev.date.precision, "text": ev.date.text,
                            "relative": ev.date.relative, "anchored": ev.date.anchored},
                           info, origin, speaker,
                           _span_of(ev.date.start_offset, ev.date.end_offset, ev.date.text))
        if ev.fatalities is not None:
            fb["fatalities"].add(ev.fatalities.to_dict(), info, origin, speaker,
                                 _span_of(ev.fatalities.start, ev.fatalities.end, ev.fatalities.text))
        for name, actor in (("actor1", a1), ("actor2", a2)):
            if actor is not None:
                fb[name].add(_actor_dict(actor), info, origin, speaker,
                             _span_of(actor.start, actor.end, actor.text))
        fb["outcome"].add(_outcome_of(ev), info, origin, speaker, ev.trigger)
        fb["existence"].add(_existence_of(ev), info, origin, speaker, ev.trigger)
        for claim in info.claims:
            _add_claim(fb, claim, info, a1)

    if any(i.copy_of for i in infos):  # only a copy's values have a "copy-of:" origin
        for builder in fb.values():
            builder.origins = [original_voice.get(o[len("copy-of:"):], o) if o.startswith("copy-of:") else o
                               for o in builder.origins]

    # --- consolidation -------------------------------------------------------------------
    sub_vals = [v.value for v in fb["sub_event_type"].values]
    sub = _consolidated_sub_event(sub_vals, fb["sub_event_type"].origins)
    comparisons: list[FieldComparison] = []
    # captured vs withdrew vs fighting is a dispute about the outcome, not about what kind of event
    type_kind = "outcome" if sub_vals and all(map(_in_battle_group, sub_vals)) else "type"
    comparisons.append(fb["event_type"].judge(_event_types_agree, type_kind, SUB_EVENT_TO_TYPE.get(sub)))
    comparisons.append(fb["sub_event_type"].judge(_sub_events_agree, type_kind, sub))

    location = _consolidated_location(infos, places)
    comparisons.append(fb["location"].judge(
        lambda a, b: _places_nested(a, b, infos, places), "place",
        _place_dict(location) if location else None))

    d_start, d_end, d_prec = _consolidated_dates(infos)
    comparisons.append(fb["date"].judge(
        _dates_agree, "time",
        {"start": d_start.isoformat() if d_start else None, "end": d_end.isoformat() if d_end else None,
         "precision": d_prec}))

    fat = _consolidated_fatalities(fb["fatalities"])
    counts = fb["fatalities"].quantities
    comparisons.append(fb["fatalities"].judge(
        lambda a, b: quantities_agree(counts[id(a)], counts[id(b)]), "numeric", fat,
        higher=lambda a, b: _higher_count(counts[id(a)], counts[id(b)])))

    actors: dict[str, ActorRef | None] = {}
    for idx, name in enumerate(("actor1", "actor2")):
        refs = [pair[idx] for pair in aligned if pair[idx] is not None]
        actors[name] = _consolidated_actor(refs)
        kind = "responsibility" if name == "actor1" else "actor"
        comparisons.append(fb[name].judge(
            _actors_agree, kind, _actor_dict(actors[name]) if actors[name] else None))

    outcomes = fb["outcome"]
    distinct_outcomes = {v.value for v in outcomes.values}
    outcome = (next(iter(distinct_outcomes)) if len(distinct_outcomes) == 1
               else ("contested" if distinct_outcomes else None))
    comparisons.append(outcomes.judge(lambda a, b: a == b, "outcome", outcome))

    ex_vals = {v.value for v in fb["existence"].values}
    existence = ("disputed" if {"happened", "denied"} <= ex_vals
                 else ("happened" if "happened" in ex_vals else (next(iter(ex_vals)) if ex_vals else None)))
    comparisons.append(fb["existence"].judge(
        lambda a, b: {a, b} != {"happened", "denied"}, "existence", existence))

    contested = [c.field for c in comparisons if c.status == "contradict"]
    independent = set(origins)
    for builder in fb.values():  # claims can add origins that made no event of their own
        independent.update(builder.origins)
    wording = _wording(infos, origins)
    event_ids = [i.event.id for i in infos]
    return CanonicalEvent(
        id=canonical_id(event_ids),
        event_type=SUB_EVENT_TO_TYPE.get(sub, infos[0].event.event_type),
        sub_event_type=sub,
        reports=reports,
        location=location,
        date_start=d_start,
        date_end=d_end,
        date_precision=d_prec,
        actor1=actors["actor1"],
        actor2=actors["actor2"],
        fatalities_low=fat["low"] if fat else None,
        fatalities_best=fat["best"] if fat else None,
        fatalities_high=fat["high"] if fat else None,
        outcome=outcome,
        contested_fields=contested,
        comparisons=comparisons,
        n_sources=len({i.event.doc_id for i in infos}),
        n_independent_sources=len(independent),
        attrs={"wording": wording,
               "assoc_actors": _assoc_actors(infos, actors["actor1"], actors["actor2"]),
               "fatalities_acled": fat["acled"] if fat else None,
               "existence": existence,
               "langs": sorted({i.lang for i in infos}),
               "outlets": sorted({i.outlet for i in infos if i.outlet})},
    )


def _sub_events_agree(a: str, b: str) -> bool:
    """Two sub-event types tell one happening alike.

    Within the battle group a clash takes no position on the outcome (a field absent, not a contradiction:
    "fighting in X" and "the army took X"), and "Government regains" / "Non-state actor overtakes" state
    one outcome, captured, coded two ways: a militia fighting on the government's side is coded either
    way, and who won is read from the actors, which the extractor often gets backwards for a capture
    ("liberated from the Houthis" names the Houthis first).  Captured vs withdrew stays a contradiction.
    """
    if a == b:
        return True
    if not (_in_battle_group(a) and _in_battle_group(b)):
        return False
    # what each says about the ground: "captured" (whoever took it), "withdrew", or None for a clash
    pa, pb = TERRITORIAL_OUTCOME.get(a), TERRITORIAL_OUTCOME.get(b)
    return pa is None or pb is None or pa == pb


#: Narrow type group -> the merge.yaml key of the words that name an act of that group without saying which
#: of its sub-events it is.
_GENERIC_KEYS = {type_group("Suicide bomb", narrow=True): "generic_explosion",
                 type_group("Air/drone strike", narrow=True): "generic_bombardment"}


@functools.cache
def _generic_words(lang: str, key: str) -> frozenset[str]:
    return frozenset(word_list(lang, "merge.yaml", key))


def _generic_trigger(ev: Event) -> bool:
    """The report is coded from a word that names its kind of act without the method (lang/<lang>/merge.yaml):
    "the explosion" / "تفجير سروج" (a bomb, delivered how?), bare "قصف" (a bombardment, from the air or
    the ground?).  Its sub-event says no more than its narrow group."""
    key = _GENERIC_KEYS.get(type_group(ev.sub_event_type, narrow=True))
    if key is None or ev.trigger is None:
        return False
    return normalize_term(ev.trigger.text) in _generic_words(ev.lang, key)


def _same_narrow_group(a: Any, b: Any) -> bool:
    return (isinstance(a, str) and isinstance(b, str) and type_group(a, narrow=True) == type_group(b, narrow=True)
            and type_group(a, narrow=True) != -1)


def _event_types_agree(a: str, b: str) -> bool:
    """Event types agree when equal; a non-violent transfer (Strategic developments) and a battle are the
    one fight told with a different outcome, shown by the sub-event and outcome fields."""
    return a == b or (a in _BATTLE_EVENT_TYPES and b in _BATTLE_EVENT_TYPES)


#: The event types of the battle group (Battles; Strategic developments for a non-violent transfer).
_BATTLE_EVENT_TYPES = frozenset(SUB_EVENT_TO_TYPE[s] for s in (*TERRITORIAL_OUTCOME, "Armed clash"))


def _span_of(start: int | None, end: int | None, text: str) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"start": start, "end": end, "text": text}


def _actor_dict(a: ActorRef) -> dict[str, Any]:
    return {"canonical_id": a.canonical_id, "name": a.name, "text": a.text, "side": a.side
            or ACTOR_SIDES.get(a.canonical_id or ""), "inter": a.inter, "label_kind": a.label_kind}


def _actors_agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("canonical_id") and a.get("canonical_id") == b.get("canonical_id"):
        return True
    ba = actor_bloc(a.get("canonical_id"), a.get("side"))
    bb = actor_bloc(b.get("canonical_id"), b.get("side"))
    return ba is None or bb is None or ba == bb


def _consolidated_actor(refs: list[ActorRef]) -> ActorRef | None:
    if not refs:
        return None
    if len(refs) == 1:  # what the tallies below choose from one actor
        chosen = refs[0]
    else:
        blocs = Counter(actor_bloc(r.canonical_id, r.side) for r in refs)
        top_bloc = blocs.most_common(1)[0][0]
        same = [r for r in refs if actor_bloc(r.canonical_id, r.side) == top_bloc]
        ids = Counter(r.canonical_id for r in same)
        best_id = max(ids, key=lambda k: (k not in _GENERIC_ACTORS, ids[k], k or ""))
        chosen = next(r for r in same if r.canonical_id == best_id)
    return ActorRef(canonical_id=chosen.canonical_id, name=chosen.name, text=chosen.name,
                    inter=chosen.inter, side=chosen.side or ACTOR_SIDES.get(chosen.canonical_id or ""),
                    country=chosen.country)


def _consolidated_sub_event(values: list[str], origins: list[str]) -> str:
    """Most independent sources win.

    When sources disagree inside the battle group (captured / withdrew / still fighting) the fighting
    is the common ground: the record is an armed clash and the dispute lives in ``outcome`` and the
    notes, the conservative coding.
    """
    if values and values.count(values[0]) == len(values):  # one type told by everyone
        return values[0]
    tally: Counter[str] = Counter()
    for _origin, value in dict.fromkeys(zip(origins, values, strict=True)):
        tally[value] += 1
    if len(tally) > 1 and all(map(_in_battle_group, tally)):
        return "Armed clash"
    return max(tally, key=lambda v: (tally[v], v))


def _consolidated_location(infos: list[ReportInfo], places: PlacePaths) -> PlaceRef | None:
    """The most specific place among those nested with the most-reported one."""
    refs = [i.event.location for i in infos if i.event.location is not None]
    if not refs:
        return None
    if len(refs) == 1:  # the one place told
        r = refs[0]
    else:
        paths = [places.path(r) for r in refs]
        counts = Counter(paths)
        top = counts.most_common(1)[0][0]
        compatible = [(p, r) for p, r in zip(paths, refs, strict=True) if nested(p, top)]
        deepest = max(compatible, key=lambda pr: (len(pr[0]), counts[pr[0]]))
        r = deepest[1]
    return PlaceRef(place_id=r.place_id, name=r.name, text=r.name, feature=r.feature, country=r.country,
                    admin1=r.admin1, admin2=r.admin2, admin3=r.admin3, latitude=r.latitude,
                    longitude=r.longitude, geo_precision=r.geo_precision)


def _places_nested(a: dict[str, Any], b: dict[str, Any], infos: list[ReportInfo], places: PlacePaths) -> bool:
    if a.get("place_id") and a.get("place_id") == b.get("place_id"):
        return True
    by_id = {i.event.location.place_id: i.event.location for i in infos if i.event.location}
    pa, pb = by_id.get(a.get("place_id")), by_id.get(b.get("place_id"))
    if pa is None or pb is None:
        return True
    return nested(places.path(pa), places.path(pb))


def _dates_agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if not a.get("start") or not b.get("start"):
        return True
    a0, a1 = date.fromisoformat(a["start"]), date.fromisoformat(a["end"])
    b0, b1 = date.fromisoformat(b["start"]), date.fromisoformat(b["end"])
    slack = timedelta(days=DATE_SLACK)
    return a0 - slack <= b1 and b0 - slack <= a1


def _consolidated_dates(infos: list[ReportInfo]) -> tuple[date | None, date | None, str]:
    """The narrowest range all dated reports allow; when they do not overlap, the span of all."""
    ranges = [r for r in (_date_range(i) for i in infos) if r is not None]
    if not ranges:  # no source dates it: the days before publication
        ranges = [r for r in (_publication_window(i) for i in infos) if r is not None]
    if not ranges:
        return None, None, "unknown"
    lo = max(r[0] for r in ranges)
    hi = min(r[1] for r in ranges)
    if lo > hi:
        lo, hi = min(r[0] for r in ranges), max(r[1] for r in ranges)
    width = (hi - lo).days
    precision = "day" if width == 0 else "week" if width <= 7 else "month" if width <= 31 else "year"
    return lo, hi, precision


def _consolidated_fatalities(builder: _FieldBuilder) -> dict[str, int | None] | None:
    """UCDP low/best/high and ACLED's conservative figure over the sources' counts."""
    qs = [(builder.quantities[id(v.value)], o) for v, o in zip(builder.values, builder.origins, strict=True)]
    intervals = [(q, _interval(q), o) for q, o in qs]
    intervals = [(q, iv, o) for q, iv, o in intervals if iv is not None]
    if not intervals:
        return None
    low = int(min(iv[0] for _, iv, _ in intervals))
    # the highest figure a source reports: a vague count's ceiling ("dozens" up to 99) is not a report
    finite_highs = [iv[1] for q, iv, _ in intervals if iv[1] != float("inf") and not q.vague]
    high = int(max(finite_highs + [iv[0] for _, iv, _ in intervals]))
    per_origin: dict[str, float] = {}
    for q, iv, o in intervals:
        best = q.best if q.best is not None else iv[0]
        per_origin[o] = max(per_origin.get(o, 0), best)
    best = int(round(statistics.median(per_origin.values())))
    return {"low": low, "best": max(low, min(best, high)), "high": high, "acled": low}


def _assoc_actors(infos: list[ReportInfo], a1: ActorRef | None, a2: ActorRef | None) -> dict[str, list[str]]:
    """Associated actors (ACLED assoc_actor_1/2): named with the main actors' blocs, other ids."""
    out: dict[str, list[str]] = {"actor1": [], "actor2": []}
    main_ids = {a.canonical_id for a in (a1, a2) if a}
    for info in infos:
        for actor in info.event.assoc_actors:
            if actor.canonical_id in main_ids:
                continue
            bloc = actor_bloc(actor.canonical_id, actor.side)
            slot = "actor2" if a2 and bloc == actor_bloc(a2.canonical_id, a2.side) and not (
                a1 and bloc == actor_bloc(a1.canonical_id, a1.side)) else "actor1"
            if actor.name not in out[slot]:
                out[slot].append(actor.name)
    return out


def _wording(infos: list[ReportInfo], origins: list[str]) -> list[dict[str, Any]]:
    """How each source names each actor: the words that show a side ("terrorists", "rebels", "FSA")."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str | None, str]] = set()
    for info, _origin in zip(infos, origins, strict=True):
        ev = info.event
        label: str | None = ""  # the report's speaker label, worked out at its first actor
        for actor in [ev.actor1, ev.actor2, *ev.assoc_actors]:
            if actor is None or not actor.text:
                continue
            key = (ev.doc_id, actor.canonical_id, actor.text)
            if key in seen:
                continue
            seen.add(key)
            if label == "":
                speaker = ev.attribution.speaker if ev.attribution else None
                label = speaker_label(speaker) if speaker else None
            out.append({"doc_id": ev.doc_id, "outlet": info.outlet, "lang": info.lang,
                        "actor": actor.canonical_id, "name": actor.name, "text": actor.text,
                        "label_kind": actor.label_kind,
                        "speaker": label,
                        "start": actor.start, "end": actor.end})
    return out


def speaker_label(s: Speaker | None) -> str:
    """Short English label for a speaker: 'Rami Abdulrahman (director, Syrian Observatory for Human Rights)'."""
    if s is None:
        return "outlet"
    if s.kind == "outlet":
        return "the outlet itself"
    from rasad.extract.speakers import organisation_name

    main = s.canonical_name or s.name or (f"an unnamed {s.role}" if s.role else s.kind)
    org = organisation_name(s.organisation)
    extra = [x for x in (s.role if s.role and s.role not in main else None,
                         org if org and org != main else None) if x]
    return f"{main} ({', '.join(extra)})" if extra else str(main)


def _claimed_count(value: Any, ev: Event) -> Quantity | None:
    """A fatalities claim as a Quantity.  A bare number that is the report's own count read again keeps the
    report's wording ("a number of" stays vague, "at least 17" keeps its qualifier): the claims stage
    stores the figure only, and a bare 10 for "a number of Houthis" would disagree with another outlet's 8."""
    q = _as_quantity(value)
    own = ev.fatalities
    if (q is not None and own is not None and isinstance(value, int | float) and not isinstance(value, bool)
            and value in (own.low, own.best)):
        return own
    return q


def _add_claim(fb: dict[str, _FieldBuilder], claim: Claim, info: ReportInfo, actor1: ActorRef | None) -> None:
    """An attributed claim about the event becomes one more value for the field it speaks to."""
    speaker = claim.speaker
    origin = origin_key(speaker, [], claim.outlet or info.outlet, claim.doc_id)
    if info.copy_of:
        origin = f"copy-of:{info.copy_of}"
    denies = claim.polarity == "denies"
    evidence = claim.evidence.to_dict() if claim.evidence else None
    polarity = "denied" if denies else "asserted"
    value = claim.value
    if claim.predicate == "outcome" and isinstance(value, str):
        v = _OUTCOME_SYNONYMS.get(value.strip().lower(), value.strip().lower())
        fb["outcome"].add(("not " + v) if denies else v, info, origin, speaker, evidence, polarity)
    elif claim.predicate == "control" and isinstance(value, str):
        attacker = actor_bloc(actor1.canonical_id, actor1.side) if actor1 else None
        controller = actor_bloc(value, None)
        if attacker is not None and controller == attacker:
            fb["outcome"].add("not captured" if denies else "captured", info, origin, speaker, evidence,
                              polarity)
        elif controller is not None and not denies:
            fb["outcome"].add("holding", info, origin, speaker, evidence, polarity)
    elif claim.predicate == "fatalities":
        q = _claimed_count(value, info.event)
        if q is not None and not denies and (not claim.attrs.get("telling") or _second_source(claim, info.event)):
            fb["fatalities"].add(q.to_dict(), info, origin, speaker, evidence, polarity)
    elif claim.predicate == "responsible" and isinstance(value, str) and not denies:
        fb["actor1"].add({"canonical_id": value, "name": ACTOR_NAMES.get(value, value), "text": value,
                          "side": ACTOR_SIDES.get(value), "inter": None, "label_kind": None},
                         info, origin, speaker, evidence, polarity)
    elif claim.predicate == "event" and denies and value in TERRITORIAL_OUTCOME:
        fb["outcome"].add("not " + TERRITORIAL_OUTCOME[value], info, origin, speaker, evidence, polarity)
    elif claim.predicate in ("occurred", "event"):
        fb["existence"].add("denied" if denies else "happened", info, origin, speaker, evidence, polarity)
