"""Golden-output check for the merge: the same canonical events and stories before and after a change
that is meant to be output-preserving (speed and memory work).

    python scripts/merge_golden.py prepare ../shared /tmp/merge_golden   # once: analyse the corpus
    python scripts/merge_golden.py save    ../shared /tmp/merge_golden   # with the reference code
    python scripts/merge_golden.py compare ../shared /tmp/merge_golden   # after each change

``prepare`` builds the benchmark corpus (``bench.generate_corpus``: real Arabic, Persian and English
articles from shared/data/news, read in place) plus the seed reports, runs the document stages once and
keeps the analysed documents in a SQLite store, so that later changes to the stages do not move the
comparison.  ``save`` and ``compare`` merge that store twice -- ``merge_store`` on a copy of it (the
streaming path) and ``merge_documents`` on its loaded documents (the in-memory path) -- and write or diff
every canonical event (reports, comparisons, consolidated fields), every story and the copy map.
``compare`` exits with status 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def prepare(shared: Path, out: Path, size: int) -> None:
    sys.path.insert(0, str(REPO))
    from bench.__main__ import generate_corpus

    from rasad.analyze import analyze_paths
    from rasad.store.sqlite import SQLiteStore

    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "corpus"
    stats = generate_corpus(shared, size, corpus)
    db = out / "store.db"
    if db.exists():
        db.unlink()
    t0 = time.perf_counter()
    with SQLiteStore(db) as store:
        result = analyze_paths([corpus, shared / "seeds"], store, merge=False)
        print(f"analysed {result.new} documents ({stats['mean_chars']} chars mean), "
              f"{store.count_events()} events in {time.perf_counter() - t0:.0f} s")


def snapshot(out: Path) -> dict[str, Any]:
    """Merge the prepared store both ways and return everything the merge produces, as plain JSON."""
    from rasad.merge import merge_documents, merge_store
    from rasad.model import CanonicalEvent
    from rasad.store.sqlite import SQLiteStore

    work = out / "work.db"
    shutil.copyfile(out / "store.db", work)
    with SQLiteStore(work) as store:
        t0 = time.perf_counter()
        streamed = merge_store(store)
        t_store = time.perf_counter() - t0
        stored = [c.to_dict() for c in store.iter_canonical_events()]
        stored_stories = [s.to_dict() for s in store.iter_stories()]
        docs = list(store.iter_documents())
    if not streamed.canonical_events and streamed.totals is not None:
        # merge_store writes its events instead of returning them: what it wrote, in its order
        streamed.canonical_events = [CanonicalEvent.from_dict(c) for c in stored]
        streamed.event_to_canonical = {r.event_id: c.id for c in streamed.canonical_events for r in c.reports}
    t0 = time.perf_counter()
    in_memory = merge_documents(docs)
    t_mem = time.perf_counter() - t0
    print(f"merge_store {t_store:.1f} s, merge_documents {t_mem:.1f} s ({len(docs)} documents)")

    def result_json(r: Any) -> dict[str, Any]:
        return {"canonical_events": [c.to_dict() for c in r.canonical_events],
                "stories": [s.to_dict() for s in r.stories], "copies": r.copies,
                "event_to_canonical": r.event_to_canonical}

    return {"merge_store": result_json(streamed), "merge_documents": result_json(in_memory),
            "stored": {"canonical_events": stored, "stories": stored_stories}}


def _normal(obj: Any) -> Any:
    return json.loads(json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str))


def diff(gold: dict[str, Any], now: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for part in gold:
        for key in gold[part]:
            g, n = gold[part][key], now.get(part, {}).get(key)
            if g == n:
                continue
            if isinstance(g, list) and isinstance(n, list):
                g_ids = {x.get("id"): x for x in g}
                n_ids = {x.get("id"): x for x in n}
                lost, new = sorted(set(g_ids) - set(n_ids)), sorted(set(n_ids) - set(g_ids))
                changed = [i for i in g_ids if i in n_ids and g_ids[i] != n_ids[i]]
                order = not lost and not new and not changed
                problems.append(f"{part}.{key}: {len(lost)} gone, {len(new)} new, {len(changed)} changed"
                                + (" (order only)" if order else ""))
                for i in changed[:5]:
                    fields = sorted(k for k in g_ids[i] if g_ids[i].get(k) != n_ids[i].get(k))
                    problems.append(f"    {i}: {', '.join(fields)}")
            elif isinstance(g, dict) and isinstance(n, dict):
                keys = sorted(k for k in set(g) | set(n) if g.get(k) != n.get(k))
                problems.append(f"{part}.{key}: {len(keys)} keys differ, e.g. {keys[:5]}")
            else:
                problems.append(f"{part}.{key}: differs")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("prepare", "save", "compare"))
    ap.add_argument("shared", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", type=int, default=1000, help="benchmark corpus documents (prepare)")
    args = ap.parse_args(argv)
    if args.command == "prepare":
        prepare(args.shared, args.out, args.size)
        return 0
    now = _normal(snapshot(args.out))
    golden = args.out / "golden.json"
    if args.command == "save":
        golden.write_text(json.dumps(now, ensure_ascii=False), encoding="utf-8")
        n = len(now["merge_store"]["canonical_events"])
        print(f"saved {n} canonical events, {len(now['merge_store']['stories'])} stories, "
              f"{len(now['merge_store']['copies'])} copies to {golden}")
        return 0
    problems = diff(json.loads(golden.read_text(encoding="utf-8")), now)
    for p in problems:
        print(p)
    print("identical" if not problems else f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
