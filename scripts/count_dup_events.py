"""Within-document duplicate candidates on unseen text: pairs of predicted events of one article that may be
one happening told twice (issue #5: over-generation, duplicate tellings).

    python scripts/count_dup_events.py --ar 300 --seed 7 > /tmp/me/pairs.jsonl       # pairs, then a summary
    python scripts/count_dup_events.py --ar 300 --seed 7 --exclude-seed 3  # a fresh sample

Articles are drawn as in ``sample_events.py`` (SaudiNewsNet ar with a conflict word, FA-KES en; none a gold
file refers to).  A pair is two events of one document with the same sub-type and polarity whose places are

* ``same``: the same place id;
* ``same_name``: one name under two ids (a hand-written and a GeoNames entry, a city and its district);
* ``nested``: one inside the other by the gazetteer's admin names (a town in its province, a neighbourhood
  in its city; a city is not around the other towns of the district named after it), or a province named
  after its seat town (Aden Governorate / Aden);
* ``near``: two ids of one feature class less than 5 km apart (one place under two entries);

and whose dates (no two different days) and death tolls (no two different counts) are compatible.  Each pair
is printed as one JSON line with both sentences, to be judged by a person (a true duplicate, or two
happenings); the summary (stderr) counts events, pairs per kind and the events that have an earlier partner
(what a fold would remove).  The texts stay in the shared folder; nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from sample_attribution import gold_row_keys  # scripts/ is on sys.path when a script here is run
from sample_events import GOLD_DIR, draw_rows, to_document

from rasad.evaluation.gold import default_shared_dir
from rasad.model import Document, Event, PlaceRef
from rasad.pipeline import Pipeline
from rasad.places.gazetteer import haversine_km

_FOLD = re.compile(r"[\W_]+")
#: two ids of one feature class this close are taken for one place under two entries
NEAR_KM = 5.0


def _fold(name: str | None) -> str:
    return _FOLD.sub("", name.lower()) if name else ""


def _km(a: PlaceRef, b: PlaceRef) -> float | None:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _inside(outer: PlaceRef, inner: PlaceRef) -> bool:
    if outer.feature in (None, "country", "neighbourhood", "landmark"):
        return False
    if outer.feature in ("city", "town", "village") and inner.feature not in ("neighbourhood", "landmark", "camp"):
        return False  # a city named like its district is not around the district's other towns
    name = _fold(outer.name)
    return bool(name) and name in {_fold(inner.admin1), _fold(inner.admin2), _fold(inner.admin3)}


def _seat(area: PlaceRef, town: PlaceRef) -> bool:
    """A province or district named after its seat town (most towns outside Syria carry no admin names)."""
    if area.feature not in ("admin1", "admin2") or town.feature not in ("city", "town", "village"):
        return False
    an, tn = _latin(area.name), _latin(town.name)
    km = _km(area, town)
    return area.country == town.country and len(tn) >= 4 and an.startswith(tn) and km is not None and km < 50


def _latin(name: str | None) -> str:
    return _fold("".join(ch for ch in unicodedata.normalize("NFKD", name or "") if not unicodedata.combining(ch)))


def place_relation(a: PlaceRef | None, b: PlaceRef | None) -> str | None:
    """How two event places relate: same / same_name / nested / near, or None (apart or unknown)."""
    if a is None or b is None or a.feature == "country" or b.feature == "country":
        return None
    if a.place_id and a.place_id == b.place_id:
        return "same"
    if _fold(a.name) and _fold(a.name) == _fold(b.name):
        return "same_name"
    if _inside(a, b) or _inside(b, a) or _seat(a, b) or _seat(b, a):
        return "nested"
    km = _km(a, b)
    if km is not None and km < NEAR_KM and a.feature == b.feature:
        return "near"
    return None


def compatible(a: Event, b: Event) -> bool:
    """Same sub-type and polarity, no two different days, no two different death tolls."""
    if a.sub_event_type != b.sub_event_type or a.polarity != b.polarity:
        return False
    da, db = a.date, b.date
    if da is not None and db is not None and da.precision == "day" and db.precision == "day" and da.start != db.start:
        return False
    fa, fb = a.fatalities, b.fatalities
    return not (fa is not None and fb is not None and fa.best is not None and fa.best != fb.best)


def _sentence(doc: Document, e: Event) -> str:
    return " ".join(doc.text[e.sentence.start:e.sentence.end].split())[:300]


def _event_row(doc: Document, e: Event) -> dict[str, Any]:
    loc = e.location
    return {"sub": e.sub_event_type, "trigger": doc.text[e.trigger.start:e.trigger.end],
            "place": f"{loc.name} ({loc.feature}, {loc.place_id})" if loc else None,
            "actor1": e.actor1.canonical_id if e.actor1 else None, "killed": e.fatalities.best if e.fatalities else None,
            "sentence": _sentence(doc, e)}


def pairs_of(doc: Document) -> list[tuple[str, Event, Event]]:
    """Every candidate duplicate pair of one document, in text order."""
    out = []
    for j, b in enumerate(doc.events):
        for a in doc.events[:j]:
            rel = place_relation(a.location, b.location) if compatible(a, b) else None
            if rel is not None:
                out.append((rel, a, b))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--ar", type=int, default=300)
    ap.add_argument("--en", type=int, default=0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--exclude-seed", type=int, nargs="*", default=[],
                    help="seeds of earlier samples (same sizes) whose articles are skipped: a fresh sample")
    args = ap.parse_args()
    shared = args.shared or default_shared_dir()
    langs = {"ar": args.ar, "en": args.en}
    skip = gold_row_keys(GOLD_DIR)
    for s in args.exclude_seed:
        skip |= {key for key, _, _ in draw_rows(shared, langs, s, skip)}
    rows = draw_rows(shared, langs, args.seed, skip)
    pipeline = Pipeline()
    n_events = 0
    kinds: Counter[str] = Counter()
    extra = 0
    for key, text, meta in rows:
        doc = pipeline(to_document(text, meta))
        n_events += len(doc.events)
        found = pairs_of(doc)
        extra += len({id(b) for _, _, b in found})
        for rel, a, b in found:
            kinds[rel] += 1
            print(json.dumps({"key": key, "relation": rel, "a": _event_row(doc, a), "b": _event_row(doc, b)},
                             ensure_ascii=False))
    print(f"{len(rows)} articles, {n_events} events, {sum(kinds.values())} pairs {dict(kinds)}, "
          f"{extra} events with an earlier partner ({extra / max(n_events, 1):.1%})", file=sys.stderr)


if __name__ == "__main__":
    main()
