"""Scoring predicted events against gold events: matching, per-field P/R/F1, links.

Per document, predicted events are matched one-to-one to gold events by an optimal assignment
(Hungarian algorithm) on a similarity of sub-event/event type, evidence overlap and location.  Each
field is then scored like ACE/ERE argument scoring:

* a predicted event that has a value for the field counts once in the precision denominator
  (matched or not: over-generation costs precision);
* a gold event with a (scorable) value counts once in the recall denominator;
* a match whose two values agree counts as a true positive.

Cross-document links are scored over gold events: predicted clusters are the merge's canonical events
projected through the per-document matching, compared with the gold clusters pairwise and by B-cubed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rasad.evaluation.gold import GoldCluster, GoldDoc, GoldEvent
from rasad.model import DateRef, Event
from rasad.places.gazetteer import haversine_km
from rasad.text.normalize import normalize_term

#: The fields scored, in the order they are printed.
FIELDS: tuple[str, ...] = (
    "event", "event_type", "sub_event_type", "actor1", "actor2", "actors", "location", "location_place_id",
    "location_25km", "date", "fatalities_exact", "fatalities_20pct", "attribution_speaker",
    "attribution_outlet", "polarity", "outcome",
)
DISTANCE_KM = 25.0
FATALITY_TOLERANCE = 0.2
_PRECISION_RANK = {"day": 1, "week": 2, "month": 3, "year": 4, "unknown": 5}
_WEEK_SLACK = timedelta(days=3)


# --------------------------------------------------------------------------------------------
# Counts and P/R/F1
# --------------------------------------------------------------------------------------------


@dataclass
class PRF:
    tp: float = 0.0
    n_pred: float = 0.0
    n_gold: float = 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "n_pred": self.n_pred, "n_gold": self.n_gold}


def prf_from(p: float, r: float) -> dict[str, float]:
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


# --------------------------------------------------------------------------------------------
# Field comparisons
# --------------------------------------------------------------------------------------------


_NAME_PREFIX = re.compile(r"^(al|el|ال)[\s\-_']*")


def norm_name(name: str | None) -> str:
    """Comparable form of a place/speaker/outlet name: normalized, prefix ``org:``/article dropped, alnum only."""
    if not name:
        return ""
    s = normalize_term(str(name))
    s = re.sub(r"^(org|person|gn|place):", "", s)
    s = _NAME_PREFIX.sub("", s)
    return re.sub(r"[\W_]+", "", s)


def _gold_coords(loc: dict[str, Any] | None) -> tuple[float, float] | None:
    if loc and loc.get("lat") is not None and loc.get("lon") is not None:
        return float(loc["lat"]), float(loc["lon"])
    return None


def _pred_coords(ev: Event) -> tuple[float, float] | None:
    loc = ev.location
    if loc and loc.latitude is not None and loc.longitude is not None:
        return float(loc.latitude), float(loc.longitude)
    return None


def same_place_id(gold_id: str | None, pred_id: str | None) -> bool:
    """Equal place ids, also when the gold names an entry the gazetteer has since folded into another
    (``rasad.places.gazetteer.fold_duplicates``: the folded id is an alias of the kept one)."""
    if not gold_id or not pred_id:
        return False
    if gold_id == pred_id:
        return True
    from rasad.places.gazetteer import load_gazetteer

    g = load_gazetteer()
    return g.canonical_id(gold_id) == g.canonical_id(pred_id)


def location_within(gold: GoldEvent, pred: Event) -> bool | None:
    """True/False when both sides have coordinates, else None."""
    g, p = _gold_coords(gold.location), _pred_coords(pred)
    if g is None or p is None:
        return None
    return haversine_km(*g, *p) <= DISTANCE_KM


def location_correct(gold: GoldEvent, pred: Event) -> bool:
    """Place id when both have one; else within 25 km when both have coordinates; else same name."""
    gl, pl = gold.location, pred.location
    if not gl or not pl:
        return False
    if same_place_id(gl.get("place_id"), pl.place_id):
        return True
    within = location_within(gold, pred)
    if within is not None:
        return within
    names = {norm_name(gl.get("name"))} | {norm_name(a) for a in gl.get("aliases", []) or []}
    if gl.get("text"):
        names.add(norm_name(gl["text"]))
    names.discard("")
    return bool(names & {norm_name(pl.name), norm_name(pl.text)})


def _month_bounds(d: date) -> tuple[date, date]:
    first = d.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, nxt - timedelta(days=1)


def date_scorable(gold: GoldEvent) -> bool:
    d = gold.date
    return bool(d and (d.get("start") or d.get("expression")))


def date_correct(gold: GoldEvent, pred: DateRef | None) -> bool:
    """Correct at the gold's precision: the predicted date is at least as precise and falls in the gold window.

    day: the predicted day lies in [start, end]; week: within 3 days of the window; month: same month(s);
    year: same year.  A gold date given only relatively (no publication date to anchor it) is correct
    when the predicted relative expression (e.g. ``-4d``) is the same.
    """
    g = gold.date
    if not g or pred is None:
        return False
    if not g.get("start"):
        expr = g.get("expression")
        return bool(expr) and pred.expression == expr
    if pred.start is None:
        return False
    precision = g.get("precision", "day")
    gs = date.fromisoformat(str(g["start"]))
    ge = date.fromisoformat(str(g.get("end") or g["start"]))
    if _PRECISION_RANK.get(pred.precision or "unknown", 5) > _PRECISION_RANK.get(precision, 5):
        return False
    ps = pred.start
    pe = pred.end or pred.start
    if precision == "week":
        gs, ge = gs - _WEEK_SLACK, ge + _WEEK_SLACK
    elif precision == "month":
        gs, ge = _month_bounds(gs)[0], _month_bounds(ge)[1]
    elif precision == "year":
        gs, ge = date(gs.year, 1, 1), date(ge.year, 12, 31)
    return gs <= ps and pe <= ge


def pred_fatalities(ev: Event) -> int | None:
    q = ev.fatalities
    if q is None:
        return None
    return q.best if q.best is not None else q.low


def fatalities_exact(gold: GoldEvent, pred: Event) -> bool:
    """The predicted figure is the gold's best figure or its conservative (ACLED) low figure."""
    g, v = gold.fatalities, pred_fatalities(pred)
    if g is None or g.unspecified or v is None:
        return False
    return v in {g.best, g.low}


def fatalities_close(gold: GoldEvent, pred: Event) -> bool:
    """Within +-20% of the gold's best figure, or inside the gold's low..high range."""
    g, v = gold.fatalities, pred_fatalities(pred)
    if g is None or g.unspecified or v is None or g.value is None:
        return False
    if g.low is not None and g.high is not None and g.low <= v <= g.high:
        return True
    return abs(v - g.value) <= FATALITY_TOLERANCE * g.value


def _gold_speaker(gold: GoldEvent) -> dict[str, Any] | None:
    att = gold.attribution or {}
    sp = att.get("speaker")
    if not sp or sp.get("kind") == "outlet":
        return None
    return sp


def _pred_speaker(pred: Event) -> Any:
    att = pred.attribution
    if att is None or att.speaker is None or att.speaker.kind == "outlet":
        return None
    return att.speaker


def speaker_correct(gold: GoldEvent, pred: Event) -> bool:
    """Same canonical id; else (gold has none) an anonymous speaker of the same kind, or the same name."""
    g, p = _gold_speaker(gold), _pred_speaker(pred)
    if g is None or p is None:
        return False
    if g.get("canonical_id"):
        return g["canonical_id"] == p.canonical_id
    if g.get("kind") == "anonymous":
        return p.kind == "anonymous" and not p.canonical_id
    gn = norm_name(g.get("name"))
    return bool(gn) and gn in {norm_name(p.name), norm_name(p.canonical_name)}


def gold_outlet(gold: GoldEvent, doc: GoldDoc) -> str | None:
    att = gold.attribution or {}
    return att.get("outlet") or doc.outlet


def outlet_correct(gold: GoldEvent, doc: GoldDoc, pred: Event) -> bool:
    g = norm_name(gold_outlet(gold, doc))
    p = norm_name(pred.attribution.outlet if pred.attribution else None)
    return bool(g) and g == p


def speaker_agrees(gold: GoldEvent, pred: Event) -> bool:
    """Attribution accuracy's speaker test on a matched pair: both give the event to the outlet's own
    voice (no speaker), or both name a speaker and ``speaker_correct`` holds."""
    g, p = _gold_speaker(gold), _pred_speaker(pred)
    if g is None and p is None:
        return True
    return g is not None and p is not None and speaker_correct(gold, pred)


def outlet_agrees(gold: GoldEvent, doc: GoldDoc, pred: Event) -> bool:
    """Attribution accuracy's outlet test on a matched pair: the same outlet, or neither side has one."""
    if gold_outlet(gold, doc):
        return outlet_correct(gold, doc, pred)
    return not (pred.attribution and pred.attribution.outlet)


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return bool(a and b and a[0] < b[1] and b[0] < a[1])


def similarity(gold: GoldEvent, pred: Event) -> float:
    """How well a predicted event fits a gold event; 0 means they may not be matched.

    A pair may match when the prediction's trigger overlaps the gold evidence; when only its sentence
    overlaps, the sub-event type or the location must also agree (several events share a sentence);
    for gold without evidence offsets, the event type and the location must agree.
    """
    score = 0.0
    same_sub = pred.sub_event_type == gold.sub_event_type
    if same_sub:
        score += 3.0
    elif pred.event_type == gold.event_type:
        score += 1.5
    ev_span = gold.evidence_span
    trig = (pred.trigger.start, pred.trigger.end) if pred.trigger else None
    sent = (pred.sentence.start, pred.sentence.end) if pred.sentence else None
    loc_ok = location_correct(gold, pred)
    if loc_ok:
        score += 2.0
    if pred.date is not None and date_correct(gold, pred.date):
        score += 0.5
    if _overlap(ev_span, trig):
        return score + 3.0
    if _overlap(ev_span, sent) and (same_sub or loc_ok):
        return score + 1.0
    if ev_span is None and pred.event_type == gold.event_type and loc_ok:
        return score
    return 0.0


def match_events(gold: list[GoldEvent], pred: list[Event]) -> list[tuple[int, int]]:
    """Optimal one-to-one matching (gold index, pred index) maximising total similarity."""
    if not gold or not pred:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = np.array([[similarity(g, p) for p in pred] for g in gold])
    rows, cols = linear_sum_assignment(sim, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if sim[r, c] > 0]


# --------------------------------------------------------------------------------------------
# Per-document scoring
# --------------------------------------------------------------------------------------------


@dataclass
class DocScore:
    key: str
    lang: str
    n_gold: int
    n_pred: int
    matches: list[tuple[str, str]]  # (gold event id, pred event id)
    fields: dict[str, PRF] = field(default_factory=dict)
    complete: bool = True  # False: only the main events are annotated; extra predictions are not scored
    #: attribution on matched pairs: how many pairs, and how many with the right speaker / outlet
    attribution: dict[str, int] = field(default_factory=lambda: {"matched": 0, "speaker": 0, "outlet": 0})

    @property
    def unmatched_pred(self) -> int:
        return self.n_pred - len(self.matches)


def _field_values(name: str, gold: GoldEvent | None, pred: Event | None, doc: GoldDoc) -> tuple[float, float, float]:
    """(tp, pred count, gold count) for one field of one gold/pred pair (either side may be missing)."""
    if name == "event":
        return (1.0 if gold and pred else 0.0), (1.0 if pred else 0.0), (1.0 if gold else 0.0)
    if name in ("event_type", "sub_event_type", "polarity"):
        gv = getattr(gold, name) if gold else None
        pv = getattr(pred, name) if pred else None
        return float(same_place_id(gv, pv)), float(pv is not None), float(gv is not None)
    if name in ("actor1", "actor2"):
        ga = getattr(gold, name) if gold else None
        pa = getattr(pred, name) if pred else None
        gv = ga.get("id") if ga else None
        pv = pa.canonical_id if pa else None
        return float(same_place_id(gv, pv)), float(pv is not None), float(gv is not None)
    if name == "actors":
        gs = set(gold.actor_ids) if gold else set()
        ps = {a.canonical_id for a in (pred.actor1, pred.actor2) if a and a.canonical_id} if pred else set()
        return float(len(gs & ps)), float(len(ps)), float(len(gs))
    if name == "location":
        gh = bool(gold and gold.location)
        ph = bool(pred and pred.location)
        return float(gh and ph and location_correct(gold, pred)), float(ph), float(gh)
    if name == "location_place_id":
        gv = gold.location.get("place_id") if gold and gold.location else None
        pv = pred.location.place_id if pred and pred.location else None
        return float(same_place_id(gv, pv)), float(pv is not None), float(gv is not None)
    if name == "location_25km":
        gh = bool(gold and _gold_coords(gold.location))
        ph = bool(pred and _pred_coords(pred))
        return float(gh and ph and bool(location_within(gold, pred))), float(ph), float(gh)
    if name == "date":
        if gold is not None and gold.date and not date_scorable(gold):
            return 0.0, 0.0, 0.0  # a relative date with no machine form: not scored either way
        gh = bool(gold and date_scorable(gold))
        ph = bool(pred and pred.date and (pred.date.start or pred.date.expression))
        return float(gh and ph and date_correct(gold, pred.date)), float(ph), float(gh)
    if name in ("fatalities_exact", "fatalities_20pct"):
        if gold is not None and gold.fatalities is not None and gold.fatalities.unspecified:
            return 0.0, 0.0, 0.0  # "a number of people were killed": no figure to score
        gh = bool(gold and gold.fatalities and gold.fatalities.value is not None)
        ph = bool(pred and pred_fatalities(pred) is not None)
        ok = fatalities_exact if name == "fatalities_exact" else fatalities_close
        return float(gh and ph and ok(gold, pred)), float(ph), float(gh)
    if name == "attribution_speaker":
        gh = bool(gold and _gold_speaker(gold))
        ph = bool(pred and _pred_speaker(pred))
        return float(gh and ph and speaker_correct(gold, pred)), float(ph), float(gh)
    if name == "attribution_outlet":
        gh = bool(gold and gold_outlet(gold, doc))
        ph = bool(pred and pred.attribution and pred.attribution.outlet)
        return float(gh and ph and outlet_correct(gold, doc, pred)), float(ph), float(gh)
    if name == "outcome":
        gv = gold.outcome if gold else None
        pv = pred.outcome if pred else None
        return float(same_place_id(gv, pv)), float(pv is not None), float(gv is not None)
    raise KeyError(name)


def score_document(doc: GoldDoc, pred: list[Event]) -> DocScore:
    pairs = match_events(doc.events, pred)
    result = DocScore(doc.key, doc.lang, len(doc.events), len(pred),
                      [(doc.events[g].id, pred[p].id) for g, p in pairs], complete=doc.complete)
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    triples: list[tuple[GoldEvent | None, Event | None]] = [(doc.events[g], pred[p]) for g, p in pairs]
    triples += [(ev, None) for i, ev in enumerate(doc.events) if i not in matched_g]
    if doc.complete:  # in partially annotated documents an unmatched prediction may be a true event
        triples += [(None, ev) for i, ev in enumerate(pred) if i not in matched_p]
    for name in FIELDS:
        prf = PRF()
        for g, p in triples:
            tp, n_pred, n_gold = _field_values(name, g, p, doc)
            prf.add(PRF(tp, n_pred, n_gold))
        result.fields[name] = prf
    for g, p in pairs:
        result.attribution["matched"] += 1
        result.attribution["speaker"] += speaker_agrees(doc.events[g], pred[p])
        result.attribution["outlet"] += outlet_agrees(doc.events[g], doc, pred[p])
    return result


def attribution_accuracy(scores: Iterable[DocScore]) -> dict[str, Any]:
    """Speaker and outlet accuracy over the matched gold/predicted event pairs (``n`` of them).

    Unlike the ``attribution_*`` F1 fields, a missed or spurious event does not count here: this is how
    well the events that were found are attributed.  The outlet's own voice is a value like any other
    (gold and prediction both without a speaker agree)."""
    n = speaker = outlet = 0
    for s in scores:
        n += s.attribution["matched"]
        speaker += s.attribution["speaker"]
        outlet += s.attribution["outlet"]
    return {"n": n, "speaker_correct": speaker, "outlet_correct": outlet,
            "speaker_accuracy": round(speaker / n, 4) if n else 0.0,
            "outlet_accuracy": round(outlet / n, 4) if n else 0.0}


def aggregate(scores: Iterable[DocScore]) -> dict[str, Any]:
    scores = list(scores)
    fields = {name: PRF() for name in FIELDS}
    for s in scores:
        for name, prf in s.fields.items():
            fields[name].add(prf)
    complete = [s for s in scores if s.complete]
    n_pred_complete = sum(s.n_pred for s in complete)
    unmatched = sum(s.unmatched_pred for s in complete)
    return {
        "n_docs": len(scores),
        "n_gold_events": sum(s.n_gold for s in scores),
        "n_pred_events": sum(s.n_pred for s in scores),
        "n_pred_unscored": sum(s.unmatched_pred for s in scores if not s.complete),
        "fields": {name: prf.to_dict() for name, prf in fields.items()},
        "attribution": attribution_accuracy(scores),
        "overgeneration": {
            "unmatched_pred": unmatched,
            "per_doc": round(unmatched / len(complete), 4) if complete else 0.0,
            "rate": round(unmatched / n_pred_complete, 4) if n_pred_complete else 0.0,
            "docs_with_unmatched": sum(1 for s in complete if s.unmatched_pred),
            "n_docs_complete": len(complete),
        },
    }


# --------------------------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------------------------

Item = tuple[str, str]  # (doc key, gold event id)


def _pairs(clusters: Iterable[Iterable[Item]]) -> set[frozenset[Item]]:
    out: set[frozenset[Item]] = set()
    for c in clusters:
        members = sorted(set(c))
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                out.add(frozenset((members[i], members[j])))
    return out


def pairwise_prf(gold: list[set[Item]], pred: list[set[Item]]) -> dict[str, float]:
    """Pairwise link P/R/F1: pairs of items in the same cluster."""
    gp, pp = _pairs(gold), _pairs(pred)
    tp = len(gp & pp)
    out = PRF(tp, len(pp), len(gp)).to_dict()
    out["n_gold_pairs"], out["n_pred_pairs"] = len(gp), len(pp)
    return out


def bcubed_prf(gold: list[set[Item]], pred: list[set[Item]]) -> dict[str, float]:
    """B-cubed P/R/F1 over the items of the gold partition (items missing from ``pred`` are singletons)."""
    g_of = {item: c for c in gold for item in c}
    p_of = {item: c for c in pred for item in c}
    items = list(g_of)
    if not items:
        return prf_from(0.0, 0.0)
    p_sum = r_sum = 0.0
    for item in items:
        gc = g_of[item]
        pc = p_of.get(item, {item}) & set(g_of)
        common = len(gc & pc)
        p_sum += common / len(pc)
        r_sum += common / len(gc)
    return prf_from(p_sum / len(items), r_sum / len(items))


def gold_partition(docs: list[GoldDoc], clusters: list[GoldCluster]) -> list[set[Item]]:
    """Gold clusters plus singletons for the other events of the documents the links cover."""
    linked_docs = {k for c in clusters for k, _ in c.members}
    parts = [set(c.members) for c in clusters]
    covered = {m for c in clusters for m in c.members}
    for d in docs:
        if d.key in linked_docs:
            parts += [{(d.key, e.id)} for e in d.events if (d.key, e.id) not in covered]
    return parts


def project_predicted(canonical_reports: list[list[tuple[str, str]]], doc_key_of: dict[str, str],
                      gold_of_pred: dict[tuple[str, str], str]) -> list[set[Item]]:
    """Predicted canonical events (lists of (doc id, pred event id)) as clusters of matched gold events."""
    parts = []
    for reports in canonical_reports:
        items = set()
        for doc_id, event_id in reports:
            key = doc_key_of.get(doc_id)
            gid = gold_of_pred.get((doc_id, event_id))
            if key is not None and gid is not None:
                items.add((key, gid))
        if items:
            parts.append(items)
    return parts


def contradiction_recall(clusters: list[GoldCluster], pred_parts: list[set[Item]],
                         pred_contested: list[set[str]]) -> dict[str, Any]:
    """Of the gold contradictions, how many the merge marks as contested on the canonical event
    holding most of the cluster's members."""
    total = found = 0
    for c in clusters:
        if not c.contradictions:
            continue
        members = set(c.members)
        best, best_overlap = None, 0
        for i, part in enumerate(pred_parts):
            ov = len(part & members)
            if ov > best_overlap:
                best, best_overlap = i, ov
        for con in c.contradictions:
            total += 1
            if best is not None and best_overlap >= 2 and con["field"] in pred_contested[best]:
                found += 1
    return {"gold": total, "found": found, "recall": round(found / total, 4) if total else 0.0}


def by_language(scores: list[DocScore]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[DocScore]] = defaultdict(list)
    for s in scores:
        groups[s.lang].append(s)
    return {lang: aggregate(group) for lang, group in sorted(groups.items())}
