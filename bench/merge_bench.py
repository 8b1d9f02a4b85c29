"""Merge benchmark: event coreference + stories over synthetic canonical-id-level reports.

Generates happenings over Syria's admin areas (14 governorates, ~60 districts, ~270 sub-districts,
thousands of towns, villages and city neighbourhoods with Zipf-like popularity) and days 2011-2020
(more violence in some years), then 1-6 reports per happening with the mess real reports have: a day
off, a week/month-precision or publication-window date, no date at all, a coarser place (city,
district, governorate), a different but compatible sub-event (captured vs clash vs withdrew),
actors named on one side only.  Each size runs in its own process so peak memory is per size.

    python bench/merge_bench.py                 # 10k, 100k, 1M
    python bench/merge_bench.py --sizes 10000   # one size

Prints time and peak RSS per size (the target: 1M reports in < 60 s, < 4 GB, near-linear growth) and
pairwise precision/recall of the links against the synthetic truth.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import date

from rasad.merge.compat import GROUP_OF, SUB_EVENT_CODES, TERRITORIAL_OUTCOME
from rasad.merge.coref import UNKNOWN_DATE, ReportTable, cluster_reports
from rasad.merge.stories import cluster_stories

SUB_WEIGHTS = {
    "Armed clash": 30, "Shelling/artillery/missile attack": 25, "Air/drone strike": 20, "Attack": 6,
    "Government regains territory": 3, "Non-state actor overtakes territory": 3, "Remote explosive/landmine/IED": 4,
    "Suicide bomb": 1, "Arrests": 3, "Abduction/forced disappearance": 2, "Peaceful protest": 3,
}
#: A report may name a compatible sub-event instead of the true one.
SWAPS = {"Government regains territory": ["Armed clash", "Non-violent transfer of territory"],
         "Non-state actor overtakes territory": ["Armed clash"], "Armed clash": ["Government regains territory"],
         "Shelling/artillery/missile attack": ["Air/drone strike"], "Air/drone strike": ["Shelling/artillery/missile attack"],
         "Arrests": ["Abduction/forced disappearance"]}
BATTLE_PAIRS = [("G", "R"), ("G", "R"), ("G", "R"), ("G", "K"), ("R", "K"), ("R", "R")]
FIRST_DAY = date(2011, 3, 15).toordinal()
N_DAYS = date(2020, 12, 31).toordinal() - FIRST_DAY


def build_geography(rng: random.Random) -> list[tuple[str, ...]]:
    """Containment paths of ~8,000 places: governorate > district > sub-district > town/village,
    and neighbourhoods inside the main cities."""
    places: list[tuple[str, ...]] = []
    for g in range(14):
        a1 = ("c:SYR", f"a1:{g}")
        for d in range(rng.randint(3, 6)):
            a2 = (*a1, f"a2:{g}.{d}")
            for s in range(rng.randint(3, 6)):
                a3 = (*a2, f"a3:{g}.{d}.{s}")
                for v in range(rng.randint(5, 40)):
                    places.append((*a3, f"p:{g}.{d}.{s}.{v}"))
            if d == 0:  # the governorate's main city, with neighbourhoods
                city = (*a2, f"p:city{g}")
                places.append(city)
                for n in range(rng.randint(10, 40)):
                    places.append((*city, f"p:city{g}.n{n}"))
    return places


def coarser(path: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    """A report naming an enclosing area instead of the place (the city, the district, the province)."""
    cut = rng.choice([len(path) - 1, len(path) - 1, len(path) - 2, 2]) if len(path) > 3 else 2
    return path[: max(2, cut)]


def generate(n_reports: int, seed: int = 7) -> tuple[ReportTable, list[int]]:
    """Synthetic reports and, for each, the id of the true happening it tells."""
    rng = random.Random(seed)
    places = build_geography(rng)
    # Zipf-like popularity: a few hot spots (Aleppo, Douma, Daraa...) get most events
    weights = [1.0 / (k + 1) ** 0.7 for k in range(len(places))]
    rng.shuffle(weights)
    subs = list(SUB_WEIGHTS)
    sub_w = list(SUB_WEIGHTS.values())
    # more violence in 2013-2016
    day_w = [3.0 if 700 < d < 2000 else 1.0 for d in range(N_DAYS)]
    table = ReportTable()
    truth: list[int] = []
    bits = {b: table.bloc_bit(b) for b in ("G", "R", "K", "C")}
    # ACLED's unit: one event per place, day, kind of event and pair of sides -- two draws with the same
    # key are the same happening told again
    happening_of: dict[tuple, int] = {}
    batch = 4096
    while len(truth) < n_reports:
        place_batch = rng.choices(places, weights, k=batch)
        day_batch = rng.choices(range(N_DAYS), day_w, k=batch)
        sub_batch = rng.choices(subs, sub_w, k=batch)
        for place, day, sub in zip(place_batch, day_batch, sub_batch, strict=True):
            day += FIRST_DAY
            a, b = rng.choice(BATTLE_PAIRS) if sub in ("Armed clash", *TERRITORIAL_OUTCOME) else ("G", "C")
            happening = happening_of.setdefault((place, day, GROUP_OF[SUB_EVENT_CODES[sub]], a, b),
                                                len(happening_of))
            n_tellings = min(1 + int(rng.expovariate(0.9)), 6)
            for _ in range(n_tellings):
                if len(truth) >= n_reports:
                    break
                r = rng.random()
                if r < 0.70:
                    start = end = day + rng.choice((0, 0, 0, -1))
                elif r < 0.85:  # no date of its own: the publication window
                    pub = day + rng.randint(0, 2)
                    start, end = pub - 3, pub
                elif r < 0.97:
                    start, end = day - rng.randint(0, 6), day + rng.randint(0, 6)
                else:
                    start = end = UNKNOWN_DATE
                path = place if rng.random() < 0.8 else coarser(place, rng)
                told = rng.choice(SWAPS[sub]) if sub in SWAPS and rng.random() < 0.1 else sub
                blocs = bits[a] | bits[b] if rng.random() < 0.6 else (bits[a] if rng.random() < 0.5 else 0)
                control = told in TERRITORIAL_OUTCOME
                table.add(0, SUB_EVENT_CODES[told], table.intern_path(path), start, end, blocs, control)
                truth.append(happening)
    return table, truth


def merge_table(table: ReportTable) -> tuple[list[int], list[int], dict[str, float]]:
    """Coreference, then stories over the canonical events (their deepest place and date span)."""
    t0, c0 = time.perf_counter(), time.process_time()
    labels = cluster_reports(table)
    t1 = time.perf_counter()
    k = max(labels) + 1 if labels else 0
    c_path: list[tuple[int, ...]] = [()] * k
    c_start = [UNKNOWN_DATE] * k
    c_end = [UNKNOWN_DATE] * k
    for i, c in enumerate(labels):
        p = table.paths[i]
        if len(p) > len(c_path[c]):
            c_path[c] = p
        s = table.starts[i]
        if s != UNKNOWN_DATE:
            if c_start[c] == UNKNOWN_DATE or s < c_start[c]:
                c_start[c] = s
            if table.ends[i] > c_end[c]:
                c_end[c] = table.ends[i]
    stories = cluster_stories(c_path, c_start, c_end)
    t2 = time.perf_counter()
    return labels, stories, {"coreference": t1 - t0, "stories": t2 - t1, "total": t2 - t0,
                             "cpu": time.process_time() - c0}


def pairwise(truth: list[int], labels: list[int]) -> tuple[float, float]:
    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    tp = pairs(Counter(zip(truth, labels, strict=True)))
    pred, gold = pairs(Counter(labels)), pairs(Counter(truth))
    return (tp / pred if pred else 1.0), (tp / gold if gold else 1.0)


def run_one(n: int) -> dict[str, float]:
    t0 = time.perf_counter()
    table, truth = generate(n)
    gen = time.perf_counter() - t0
    labels, stories, times = merge_table(table)
    p, r = pairwise(truth, labels)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"reports": n, "generate_s": gen, **{f"{k}_s": v for k, v in times.items()},
            "canonical": max(labels) + 1, "stories": max(stories) + 1, "peak_rss_mb": peak_mb,
            "link_p": p, "link_r": r}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True, capture_output=True,
                             text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    print(f"{'reports':>9} {'merge s':>8} {'cpu s':>7} {'coref s':>8} {'stories s':>9} {'us/report':>9} {'peak MB':>8} "
          f"{'canonical':>9} {'stories':>8} {'link P':>7} {'link R':>7}")
    for r in rows:
        print(f"{r['reports']:>9} {r['total_s']:>8.2f} {r['cpu_s']:>7.2f} {r['coreference_s']:>8.2f} {r['stories_s']:>9.2f} "
              f"{1e6 * r['total_s'] / r['reports']:>9.2f} {r['peak_rss_mb']:>8.0f} {r['canonical']:>9} "
              f"{r['stories']:>8} {r['link_p']:>7.3f} {r['link_r']:>7.3f}")
    print("(merge s: wall clock; cpu s: process CPU time; peak MB includes generating the synthetic "
          "reports; one process per size)")


if __name__ == "__main__":
    main()
