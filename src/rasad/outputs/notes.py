"""ACLED-style English notes generated from the structured fields of a canonical event.

A reader who knows no Arabic or Persian gets the gist of the event and of the disagreement, with
every disputed position attributed: "On 29 July 2013, Military Forces of Syria clashed with Free
Syrian Army in Khalidiya (Homs). Outcome contested: a military official (via Outlet A) says it was
captured; Khaled al-Khalaf (via Outlet B) says the defenders withdrew on purpose; ..."
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rasad.merge.compare import speaker_label
from rasad.model import ActorRef, CanonicalEvent, FieldComparison, FieldValue, PlaceRef, Speaker

#: One clause per sub-event type; {a1}/{a2} are actor names, {place} the location.
_CLAUSES: dict[str, str] = {
    "Armed clash": "{a1} clashed with {a2} in {place}",
    "Government regains territory": "{a1} regained control of {place} from {a2}",
    "Non-state actor overtakes territory": "{a1} took control of {place} from {a2}",
    "Non-violent transfer of territory": "{place} changed hands without fighting between {a1} and {a2}",
    "Air/drone strike": "{a1} carried out air strikes on {place}{against}",
    "Shelling/artillery/missile attack": "{a1} shelled {place}{against}",
    "Chemical weapon": "a chemical weapon attack hit {place}{by}{against}",
    "Suicide bomb": "a suicide bombing struck {place}{by}{against}",
    "Remote explosive/landmine/IED": "an explosive device went off in {place}{by}{against}",
    "Grenade": "a grenade attack hit {place}{by}{against}",
    "Attack": "{a1} attacked {a2} in {place}",
    "Sexual violence": "{a1} committed sexual violence against {a2} in {place}",
    "Abduction/forced disappearance": "{a1} abducted {a2} in {place}",
    "Peaceful protest": "{a1} demonstrated peacefully in {place}",
    "Protest with intervention": "{a1} protested in {place} and were dispersed{by2}",
    "Excessive force against protesters": "{a2} used excessive force against protesters in {place}",
    "Violent demonstration": "{a1} rioted in {place}",
    "Mob violence": "a mob attacked {a2} in {place}",
    "Arrests": "{a1} arrested {a2} in {place}",
    "Agreement": "{a1} and {a2} reached an agreement concerning {place}",
    "Change to group/activity": "{a1} changed its activity in {place}",
    "Disrupted weapons use": "{a1} disrupted weapons use in {place}",
    "Headquarters or base established": "{a1} established a base in {place}",
    "Looting/property destruction": "{a1} looted or destroyed property in {place}",
    "Other": "a strategic development involving {a1} was reported in {place}",
}

_OUTCOME_PHRASES = {
    "captured": "it was captured",
    "withdrew": "the defenders withdrew",
    "holding": "the defenders still hold it",
    "not captured": "it was not captured",
    "not withdrew": "there was no withdrawal",
    "contested": "control is contested",
}

#: Sources named one by one for a disputed value; beyond that they are counted.
MAX_NAMED = 3

_FIELD_LABEL = {
    "event_type": "Event type", "sub_event_type": "Event type", "location": "Location", "date": "Date",
    "fatalities": "Fatalities", "actor1": "Responsibility", "actor2": "Second actor", "outcome": "Outcome",
    "existence": "Existence",
}


def format_date(d0: date | None, d1: date | None, precision: str) -> str | None:
    if d0 is None:
        return None
    d1 = d1 or d0
    if d0 == d1:
        return f"{d0.day} {d0:%B %Y}"
    if precision == "month" or (d0.day == 1 and (d1.year, d1.month) == (d0.year, d0.month) and d1.day >= 28):
        return f"{d0:%B %Y}"
    if (d0.year, d0.month) == (d1.year, d1.month):
        return f"between {d0.day} and {d1.day} {d0:%B %Y}"
    return f"between {d0.day} {d0:%B %Y} and {d1.day} {d1:%B %Y}"


def place_phrase(p: PlaceRef | None) -> str:
    if p is None:
        return "an unreported location"
    inside = [x for x in (p.admin2 if p.admin2 != p.admin1 else None, p.admin1) if x and x != p.name]
    return f"{p.name} ({', '.join(inside)})" if inside else p.name


def _actor(a: ActorRef | None, fallback: str) -> str:
    return a.name if a is not None and a.name else fallback


def describe(value: Any, field: str) -> str:
    """A field value in a few English words (values are the JSON forms stored in FieldValue)."""
    if value is None:
        return "nothing"
    if field == "outcome":
        return _OUTCOME_PHRASES.get(str(value), str(value))
    if field == "existence":
        return {"happened": "it happened", "denied": "it did not happen",
                "unconfirmed": "it is unconfirmed", "disputed": "disputed"}.get(str(value), str(value))
    if field == "fatalities" and isinstance(value, dict):
        return quantity_phrase(value)
    if field in ("actor1", "actor2") and isinstance(value, dict):
        return str(value.get("name") or value.get("canonical_id") or value.get("text"))
    if field == "location" and isinstance(value, dict):
        return str(value.get("name") or value.get("text"))
    if field == "date" and isinstance(value, dict):
        if value.get("start"):
            return format_date(date.fromisoformat(value["start"]), date.fromisoformat(value["end"]),
                               value.get("precision", "day")) or "unknown"
        return "an unresolved relative date"
    return str(value)


def quantity_phrase(q: dict[str, Any]) -> str:
    low, best, high = q.get("low"), q.get("best"), q.get("high")
    qualifier = {"at_least": "at least ", "more_than": "more than ", "about": "about ",
                 "up_to": "up to "}.get(q.get("qualifier") or "", "")
    if q.get("vague") and low is not None:
        return f"{qualifier}{low}+ (vague)"
    if low is not None and high is not None and low != high:
        return f"{qualifier}{low}-{high}"
    n = best if best is not None else low
    return f"{qualifier}{n}" if n is not None else "an unknown number"


def source_phrase(v: FieldValue) -> str:
    """'a military official (via Outlet)' / 'Outlet' for the outlet's own voice."""
    outlet = v.outlet or f"an unidentified outlet (document {v.doc_id[:8]})"
    s: Speaker | None = v.speaker
    if s is None or s.kind == "outlet":
        return outlet
    label = speaker_label(s)
    if s.kind in ("anonymous", "unnamed_group") and not s.canonical_name and not (s.name and s.name[0].isupper()):
        label = f"a {label}" if s.kind == "anonymous" else label
    return f"{label} (via {outlet})"


def _dispute(c: FieldComparison) -> str:
    by_value: dict[str, list[str]] = {}
    plural: set[str] = set()
    for v in c.values:
        said = describe(v.value, c.field)
        by_value.setdefault(said, []).append(source_phrase(v))
        if v.speaker is not None and v.speaker.kind == "unnamed_group":
            plural.add(said)
    parts = []
    for said, who in by_value.items():
        who = list(dict.fromkeys(who))
        verb = "say" if len(who) > 1 or said in plural else "says"
        if len(who) > MAX_NAMED:
            named = f"{', '.join(who[:MAX_NAMED - 1])} and {len(who) - MAX_NAMED + 1} other sources"
        else:
            named = " and ".join(who)
        parts.append(f"{named} {verb} {said}")
    label = _FIELD_LABEL.get(c.field, c.field)
    return f"{label} contested: " + "; ".join(parts) + "."


def _update(c: FieldComparison) -> str:
    """A toll that rose from report to report (status ``update``): the figures in rising order, each with
    who gave it -- later publications give the higher ones, so the order is the order of the reports."""
    by_value: dict[str, list[str]] = {}
    for v in sorted(c.values, key=lambda v: _low_of(v.value)):
        by_value.setdefault(describe(v.value, c.field), []).append(source_phrase(v))
    steps = [f"{said} ({', '.join(dict.fromkeys(who))})" for said, who in by_value.items()]
    return f"{_FIELD_LABEL.get(c.field, c.field)} rose as reports came in: " + ", then ".join(steps) + "."


def _low_of(value: Any) -> float:
    if isinstance(value, dict):
        low = value.get("low") if value.get("low") is not None else value.get("best")
        return float(low) if isinstance(low, int | float) else 0.0
    return float(value) if isinstance(value, int | float) else 0.0


def event_notes(ce: CanonicalEvent) -> str:
    """The ACLED-style English notes of a canonical event, disputes included."""
    when = format_date(ce.date_start, ce.date_end, ce.date_precision)
    a1 = _actor(ce.actor1, "unidentified forces")
    a2 = _actor(ce.actor2, "unidentified opponents")
    template = _CLAUSES.get(ce.sub_event_type, "a " + ce.sub_event_type.lower() + " event occurred in {place}")
    clause = template.format(
        a1=a1, a2=a2, place=place_phrase(ce.location),
        against=f" targeting {ce.actor2.name}" if ce.actor2 else "",
        by=f" attributed to {ce.actor1.name}" if ce.actor1 else "",
        by2=f" by {ce.actor2.name}" if ce.actor2 else "")
    if when is None:
        sentence = f"{clause[0].upper()}{clause[1:]} (date not resolved)."
    elif when.startswith("between"):
        sentence = f"B{when[1:]}, {clause}."
    elif when[0].isdigit():
        sentence = f"On {when}, {clause}."
    else:
        sentence = f"In {when}, {clause}."
    sentences = [sentence.strip()]
    if ce.fatalities_low is not None:
        if ce.fatalities_low == ce.fatalities_high:
            sentences.append(f"{ce.fatalities_low} fatalities reported.")
        else:
            sentences.append(f"Fatalities reported between {ce.fatalities_low} and {ce.fatalities_high} "
                             f"(best estimate {ce.fatalities_best}).")
    contested = [c for c in ce.comparisons if c.status == "contradict"]
    seen_labels: set[str] = set()
    for c in contested:
        label = _FIELD_LABEL.get(c.field, c.field)
        if c.field == "event_type" or label in seen_labels:
            continue
        if c.field in ("sub_event_type", "existence") and any(x.field == "outcome" for x in contested):
            continue  # captured / withdrew / denied / fighting: said once, as the outcome
        seen_labels.add(label)
        sentences.append(_dispute(c))
    sentences.extend(_update(c) for c in ce.comparisons if c.status == "update")
    if ce.outcome and ce.outcome != "contested":
        sentences.append(f"Outcome: {describe(ce.outcome, 'outcome')}.")
    wording = _wording_phrase(ce.attrs.get("wording") or [])
    if wording:
        sentences.append(wording)
    outlets = ce.attrs.get("outlets") or []
    sentences.append(
        f"Reported by {ce.n_sources} document{'s' if ce.n_sources != 1 else ''}"
        + (f" ({', '.join(outlets)})" if outlets else "")
        + f"; {ce.n_independent_sources} independent source{'s' if ce.n_independent_sources != 1 else ''}.")
    return " ".join(sentences)


def _wording_phrase(wording: list[dict[str, Any]]) -> str | None:
    """Framing words that show a side, per outlet ("terrorist groups" vs "rebels")."""
    framed = [w for w in wording if w.get("label_kind") in ("pejorative", "self", "sympathetic")]
    if not framed:
        return None
    parts = []
    for w in framed:
        parts.append(f"{w.get('outlet') or 'a source'} calls {w.get('name')} \"{w.get('text')}\" "
                     f"({w.get('label_kind')})")
    return "Wording: " + "; ".join(dict.fromkeys(parts)) + "."
