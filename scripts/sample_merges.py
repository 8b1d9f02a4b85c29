"""Precision and recall check for cross-outlet merging on fresh text: several Saudi newspapers telling the same
wire stories on the same days (SaudiNewsNet, July-August 2015), none of them in the gold.

    python scripts/sample_merges.py draw  --days 2 --seed 3 --out /tmp/me/A          # analyse + merge
    python scripts/sample_merges.py show  /tmp/me/A                                   # the judging sheet
    python scripts/sample_merges.py score /tmp/me/A /tmp/me/A_judge.json              # the numbers
    python scripts/sample_merges.py rerun /tmp/me/A                                   # same articles, new code
    python scripts/sample_merges.py draw  --days 2 --seed 4 --out /tmp/me/B --exclude /tmp/me/A

``draw`` picks ``--days`` extraction days at random (seeded; days of ``--exclude`` samples are not drawn),
writes their articles that no gold file refers to (``sample_attribution.gold_row_keys``) to
``OUT/articles.jsonl`` (a scratch copy outside the repository, read like any JSON Lines input), runs
``analyze_paths`` and the merge into ``OUT/store.db`` and writes ``OUT/sheet.json``:

* every merged event that joins tellings of two or more documents -- each telling with its outlet,
  sentence, type, place, date and counts -- and the merge's agreements, contradictions and updates (a toll
  rising in later publications, listed apart and not scored as contradictions);
* near-miss pairs: two canonical events of the same event type on overlapping days whose places lie within
  ``NEAR_KM`` km of each other or nest (neither only a country), that the merge left apart.

The judge tags every telling on the sheet with a happening label (any string; tellings of one happening
share it; ``x``: not an event, or not the event the sentence tells) and marks each contradiction ``real``
(the sources do disagree) or ``artefact`` (a misreading or a wrong merge).  The judgement file is JSON::

    {"tags": {"<event id>": "zabadani-barrels", ...}, "contradictions": {"<contradiction key>": "real", ...}}

Tags are kept per telling, not per cluster, so the same judgement scores another clustering of the same
articles (``rerun`` after a change of the rules): ``score`` lists what is on the new sheet and not judged yet.

Scores: cluster precision (share of tellings in merged events whose tag is their event's majority tag;
``x`` never counts as right), near-miss recall loss (pairs of judged tellings with one tag that the merge
left in different events, against all same-tag pairs), contradiction correctness (real / all reported).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from sample_attribution import gold_row_keys  # scripts/ is on sys.path when a script here is run
from sample_events import date_view, place_kind

from rasad.evaluation.gold import default_shared_dir
from rasad.evaluation.scorer import Item, bcubed_prf, pairwise_prf
from rasad.merge.compat import PlacePaths, nested
from rasad.model import CanonicalEvent, Document, Event, PlaceRef
from rasad.places.gazetteer import flat_km

GOLD_DIR = Path(__file__).resolve().parents[1] / "eval" / "gold"
NEWS_FILE = Path("data") / "news" / "saudinewsnet_ar.jsonl"
#: places of two events at most this far apart (km) make a near-miss pair
NEAR_KM = 50.0
#: a sentence on the sheet is cut to this many characters
SENTENCE_CHARS = 360


def _day(row: dict[str, Any]) -> str:
    return str(row.get("date") or "")[:10]


def read_rows(shared: Path) -> list[dict[str, Any]]:
    with open(shared / NEWS_FILE, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _sample_days(out: Path) -> set[str]:
    return set(json.loads((out / "days.json").read_text(encoding="utf-8")))


def draw(shared: Path, days: int, seed: int, out: Path, exclude: list[Path]) -> None:
    rows = read_rows(shared)
    skip = gold_row_keys(GOLD_DIR)
    taken = set().union(*(_sample_days(p) for p in exclude)) if exclude else set()
    pool = sorted({_day(r) for r in rows} - taken)
    chosen = sorted(random.Random(seed).sample(pool, min(days, len(pool))))
    keep = [r for r in rows if _day(r) in chosen and str(r["id"]) not in skip and r.get("url") not in skip]
    out.mkdir(parents=True, exist_ok=True)
    (out / "days.json").write_text(json.dumps(chosen), encoding="utf-8")
    fields = ("id", "source", "url", "date", "title", "content")
    with open(out / "articles.jsonl", "w", encoding="utf-8") as f:
        for r in keep:
            f.write(json.dumps({k: r.get(k) for k in fields}, ensure_ascii=False) + "\n")
    print(f"days {', '.join(chosen)}: {len(keep)} articles ({sum(_day(r) in chosen for r in rows) - len(keep)} in gold, skipped)")
    analyse(out)


def analyse(out: Path) -> None:
    """Analyse ``OUT/articles.jsonl`` into a fresh ``OUT/store.db``, merge, and write the sheet."""
    from rasad.analyze import analyze_paths
    from rasad.store.sqlite import SQLiteStore

    db = out / "store.db"
    for p in (db, db.with_suffix(".db-wal"), db.with_suffix(".db-shm")):
        if p.exists():
            p.unlink()
    with SQLiteStore(db) as store:
        result = analyze_paths([out / "articles.jsonl"], store)
        docs = list(store.iter_documents())
        canon = list(store.iter_canonical_events())
    sheet = build_sheet(docs, canon)
    (out / "sheet.json").write_text(json.dumps(sheet, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{result.new} documents, {sum(len(d.events) for d in docs)} events, {len(canon)} canonical events, "
          f"{len(sheet['clusters'])} joining >= 2 documents, {len(sheet['near'])} near-miss pairs")


def _place_text(p: PlaceRef | None) -> str:
    if p is None:
        return "-"
    return f"{p.name} ({place_kind(p)})"


def _count(q: Any) -> str | None:
    if q is None:
        return None
    value = q.best if q.best is not None else q.low
    return f"{value}{'~' if q.vague else ''}"


def _telling(doc: Document, ev: Event) -> dict[str, Any]:
    counts = {k: _count(getattr(ev, k)) for k in ("fatalities", "wounded", "arrested") if getattr(ev, k)}
    key = doc.url or doc.id
    return {
        "event_id": ev.id, "doc": str(key), "outlet": doc.outlet,
        "published": doc.published.date().isoformat() if doc.published else None,
        "title": (doc.title or "")[:100], "type": ev.sub_event_type, "polarity": ev.polarity,
        "trigger": doc.text[ev.trigger.start:ev.trigger.end],
        "actors": [a.canonical_id for a in (ev.actor1, ev.actor2) if a is not None],
        "place": _place_text(ev.location), "date": date_view(ev.date), "counts": counts,
        "sentence": " ".join(doc.text[ev.sentence.start:ev.sentence.end].split())[:SENTENCE_CHARS],
    }


def contradiction_key(field: str, event_ids: list[str]) -> str:
    """A contradiction's key: its field and the tellings that give values (stable across reclusterings)."""
    return f"{field}|{'+'.join(sorted(set(event_ids)))}"


def _comparisons(c: CanonicalEvent) -> tuple[list[str], list[dict[str, Any]]]:
    agree = [f.field for f in c.comparisons if f.status == "agree"]
    contra = []
    for f in c.comparisons:
        if f.status not in ("contradict", "update"):
            continue
        contra.append({"key": contradiction_key(f.field, [v.event_id for v in f.values]), "field": f.field,
                       "kind": f.kind, "values": [[v.outlet, v.event_id, v.value, v.polarity] for v in f.values],
                       "status": f.status})
    return agree, contra


def _day_range(c: CanonicalEvent, published: dict[str, date]) -> tuple[int, int] | None:
    if c.date_start is not None:
        return c.date_start.toordinal(), (c.date_end or c.date_start).toordinal()
    days = [published[r.doc_id].toordinal() for r in c.reports if r.doc_id in published]
    return (min(days), max(days)) if days else None


def build_sheet(docs: list[Document], canon: list[CanonicalEvent]) -> dict[str, Any]:
    events = {ev.id: (d, ev) for d in docs for ev in d.events}
    published = {d.id: d.published.date() for d in docs if d.published}
    paths = PlacePaths()
    paths.learn(ev.location for d in docs for ev in d.events if ev.location is not None)
    clusters = []
    for c in canon:
        if len({r.doc_id for r in c.reports}) < 2:
            continue
        agree, disputes = _comparisons(c)
        contra = [x for x in disputes if x["status"] == "contradict"]
        updates = [x for x in disputes if x["status"] == "update"]
        clusters.append({"id": c.id, "type": c.sub_event_type, "place": _place_text(c.location),
                         "date": f"{c.date_start}..{c.date_end}", "agree": agree, "contradictions": contra,
                         "updates": updates,
                         "tellings": [_telling(*events[r.event_id]) for r in c.reports if r.event_id in events]})
    near = []
    info = []
    for c in canon:
        loc = c.location
        span = _day_range(c, published)
        if loc is None or loc.feature == "country" or span is None:
            continue
        info.append((c, span, paths.path(loc)))
    for i, (a, sa, pa) in enumerate(info):
        for b, sb, pb in info[i + 1:]:
            if a.event_type != b.event_type or sa[0] > sb[1] or sb[0] > sa[1]:
                continue
            docs_a, docs_b = {r.doc_id for r in a.reports}, {r.doc_id for r in b.reports}
            if docs_a == docs_b and len(docs_a) == 1:
                continue
            la, lb = a.location, b.location
            assert la is not None and lb is not None
            km = (flat_km(la.latitude, la.longitude, lb.latitude, lb.longitude)
                  if None not in (la.latitude, la.longitude, lb.latitude, lb.longitude) else None)
            if not (nested(pa, pb) or (km is not None and km <= NEAR_KM)):
                continue
            near.append({"a": a.id, "b": b.id, "km": None if km is None else round(km, 1),
                         "tellings_a": [_telling(*events[r.event_id]) for r in a.reports if r.event_id in events],
                         "tellings_b": [_telling(*events[r.event_id]) for r in b.reports if r.event_id in events]})
    labels = {r.event_id: c.id for c in canon for r in c.reports}
    return {"clusters": clusters, "near": near, "labels": labels}


def _print_telling(t: dict[str, Any], indent: str = "    ") -> None:
    counts = " ".join(f"{k}={v}" for k, v in t["counts"].items())
    print(f"{indent}[{t['event_id']}] {t['outlet']} pub={t['published']} | {t['type']} {t['polarity']} "
          f"<{t['trigger']}> {','.join(t['actors']) or '-'} @ {t['place']} | {t['date']} {counts}")
    print(f"{indent}    {t['title']} :: {t['sentence']}")


def show(out: Path) -> None:
    sheet = json.loads((out / "sheet.json").read_text(encoding="utf-8"))
    print(f"# {len(sheet['clusters'])} merged events joining >= 2 documents")
    for c in sheet["clusters"]:
        print(f"\n## {c['id']} {c['type']} @ {c['place']} {c['date']} | agree: {', '.join(c['agree']) or '-'}")
        for t in c["tellings"]:
            _print_telling(t)
        for mark, items in (("!!", c["contradictions"]), ("~~ update", c.get("updates", []))):
            for x in items:
                vals = "; ".join(f"{o}: {v}{'' if p == 'asserted' else ' (' + p + ')'}" for o, _, v, p in x["values"])
                print(f"  {mark} {x['key']} [{x['kind']}] {vals}")
    print(f"\n# {len(sheet['near'])} near-miss pairs (same type, overlapping days, near or nested places, apart)")
    for n in sheet["near"]:
        print(f"\n## {n['a']} | {n['b']} ({n['km']} km)")
        for t in n["tellings_a"]:
            _print_telling(t, "  A ")
        for t in n["tellings_b"]:
            _print_telling(t, "  B ")


def score(out: Path, judgement_path: Path) -> None:
    sheet = json.loads((out / "sheet.json").read_text(encoding="utf-8"))
    judgement = json.loads(judgement_path.read_text(encoding="utf-8"))
    tags: dict[str, str] = judgement.get("tags", {})
    verdicts: dict[str, str] = judgement.get("contradictions", {})
    labels: dict[str, str] = sheet["labels"]
    on_sheet = {t["event_id"] for c in sheet["clusters"] for t in c["tellings"]} | \
        {t["event_id"] for n in sheet["near"] for t in n["tellings_a"] + n["tellings_b"]}
    unjudged = sorted(on_sheet - set(tags))
    right = total = 0
    for c in sheet["clusters"]:
        got = [tags.get(t["event_id"]) for t in c["tellings"]]
        counted = Counter(g for g in got if g not in (None, "x"))
        top = counted.most_common(1)[0][1] if counted else 0
        right += top
        total += sum(g is not None for g in got)
    # the judged happenings (tellings sharing a tag) against the merged events, over judged tellings: pairs
    # of one happening's tellings joined or left apart, and B-cubed recall (each telling: the share of its
    # happening's judged tellings that share its merged event), so one big happening told 20 times does not
    # outweigh all the others; and the happenings told in >= 2 documents that the merge splits
    happenings: dict[str, set[Item]] = defaultdict(set)
    for ev, tag in tags.items():
        if tag != "x" and ev in labels:
            happenings[tag].add(_item(ev))
    merged: dict[str, set[Item]] = defaultdict(set)
    for ev, label in labels.items():
        merged[label].add(_item(ev))
    gold = list(happenings.values())
    pairs = pairwise_prf(gold, list(merged.values()))
    together, same = int(pairs["tp"]), int(pairs["n_gold_pairs"])
    recall = bcubed_prf(gold, list(merged.values()))["r"]
    multi = [h for h in gold if len({doc for doc, _ in h}) >= 2]
    split = sum(len({labels[ev] for _, ev in h}) > 1 for h in multi)
    marks: Counter[str] = Counter()
    for c in sheet["clusters"]:
        for x in c["contradictions"]:
            marks[_verdict(x, tags, verdicts)] += 1
    contras = sum(marks.values())
    updates = sum(len(c.get("updates", [])) for c in sheet["clusters"])
    judged = marks["real"] + marks["artefact"]
    print(f"merged events joining >= 2 documents: {len(sheet['clusters'])}, tellings {total} judged")
    print(f"cluster precision: {right}/{total} = {right / total if total else 0:.3f}")
    print(f"same-happening pairs: {together} joined, {same - together} left apart; recall loss "
          f"{(same - together) / same if same else 0:.3f}; B-cubed recall "
          f"{recall:.3f}; happenings told in >= 2 documents: {len(multi)}, "
          f"{split} split over several merged events")
    print(f"contradictions: {contras}, real {marks['real']}/{judged} = "
          f"{marks['real'] / judged if judged else 0:.3f}  {dict(marks)}; tolls shown as updates: {updates}")
    if unjudged:
        print(f"not judged yet ({len(unjudged)}): {' '.join(unjudged)}", file=sys.stderr)


def _item(event_id: str) -> Item:
    """A telling as an item of the scorer's partitions: (document id, event id)."""
    return event_id.rsplit(":", 1)[0], event_id


def _verdict(contradiction: dict[str, Any], tags: dict[str, str], verdicts: dict[str, str]) -> str:
    """The judge's mark of a contradiction; one between tellings of different happenings (different tags, or
    ``x``) is an artefact of the merge whatever it says, so it needs no mark of its own."""
    mark = verdicts.get(contradiction["key"])
    if mark:
        return mark
    given = {tags.get(ev) for _, ev, _, _ in contradiction["values"]}
    if None in given:
        return "unjudged"
    return "artefact" if "x" in given or len(given) > 1 else "unjudged"


def rerun(out: Path) -> None:
    """The same articles through the current code (after a change of the rules); the old sheet is kept as
    ``sheet.before.json``."""
    if (out / "sheet.json").exists() and not (out / "sheet.before.json").exists():
        shutil.copyfile(out / "sheet.json", out / "sheet.before.json")
    analyse(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--shared", type=Path, default=None)
    d.add_argument("--days", type=int, default=2)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--exclude", type=Path, nargs="*", default=[], help="earlier samples (their days are not drawn)")
    for name in ("show", "rerun"):
        sub.add_parser(name).add_argument("out", type=Path)
    s = sub.add_parser("score")
    s.add_argument("out", type=Path)
    s.add_argument("judgement", type=Path)
    args = ap.parse_args()
    if args.cmd == "draw":
        draw(args.shared or default_shared_dir(), args.days, args.seed, args.out, args.exclude)
    elif args.cmd == "show":
        show(args.out)
    elif args.cmd == "rerun":
        rerun(args.out)
    else:
        score(args.out, args.judgement)


if __name__ == "__main__":
    main()
