"""Golden check for speed work on the document path: two source trees must store exactly the same rows.

    python scripts/store_golden.py run ../shared --old-src /tmp/wt_old/src --new-src src --out /tmp/sg
    python scripts/store_golden.py analyze CORPUS_DIR STORE.db     # one store, with the rasad on sys.path
    python scripts/store_golden.py compare OLD.db NEW.db           # row by row; exit status 1 on a difference
    python scripts/store_golden.py compare OLD.db NEW.db --merge   # ... and the merge's tables

``run`` writes the benchmark corpus (``bench.generate_corpus``: real Arabic, Persian and English articles
from shared/data/news, read in place; 1,000 documents by default), analyses it once with each source tree
(a subprocess each, ``PYTHONPATH=<src>``; document stages and save, no merge) and compares the two stores.
Check out the reference code without touching the working tree, e.g. ``git worktree add --detach
/tmp/wt_old <commit>``.

``compare`` reads every row of ``documents`` (all columns but the ``stored_at`` timestamp), ``sentences``,
``mentions``, ``events``, ``claims`` and ``copy_signatures`` in primary-key order and reports the first differences per table;
``--merge`` adds the merge's tables (``canonical_events``, ``canonical_reports``, ``canonical_actors``, ``stories``,
``story_docs``), for stores analysed with the merge.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: table -> (columns compared, ORDER BY)
TABLES: dict[str, tuple[str, str]] = {
    "documents": ("id, outlet, url, title, published, published_precision, lang, source_path, source_format,"
                  " encoding, text, meta, data, n_events", "id"),
    "sentences": ("*", "doc_id, seq"),
    "mentions": ("*", "doc_id, seq"),
    "events": ("*", "id"),
    "claims": ("*", "id"),
    "copy_signatures": ("*", "doc_id"),  # migration 0006: a store made before it has none
}
#: the merge's tables, compared with ``--merge`` (stores analysed with the merge)
MERGE_TABLES: dict[str, tuple[str, str]] = {
    "canonical_events": ("*", "id"),
    "canonical_reports": ("*", "canonical_id, event_id"),
    "canonical_actors": ("*", "actor_id, seq"),
    "stories": ("*", "id"),
    "story_docs": ("*", "story_id, doc_id"),
}


def analyze(corpus: Path, db: Path) -> None:
    """Analyse ``corpus`` into a new store at ``db`` with whichever ``rasad`` is importable."""
    import rasad
    from rasad.analyze import analyze_paths
    from rasad.store.sqlite import SQLiteStore

    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        path.unlink(missing_ok=True)
    c0 = time.process_time()
    with SQLiteStore(db) as store:
        result = analyze_paths([corpus], store, merge=False)
    cpu = time.process_time() - c0
    print(f"{Path(rasad.__file__).parent}: {result.new} documents, {result.rejected} rejected, "
          f"{cpu:.1f} CPU-s ({result.new / cpu if cpu else 0:.0f} docs/CPU-s without merge)")


def _has_table(db: sqlite3.Connection, table: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


def compare(old: Path, new: Path, show: int = 3, *, merge: bool = False) -> int:
    """Number of tables that differ between the stores (0: identical); prints what differs.  ``merge``: the
    merge's tables too."""
    differing = 0
    tables = {**TABLES, **MERGE_TABLES} if merge else TABLES
    with sqlite3.connect(f"file:{old}?mode=ro", uri=True) as a, sqlite3.connect(f"file:{new}?mode=ro", uri=True) as b:
        for table, (columns, order) in tables.items():
            present = [_has_table(db, table) for db in (a, b)]
            if not any(present):
                continue
            if not all(present):
                differing += 1
                print(f"{table}: only in the {'old' if present[0] else 'new'} store")
                continue
            sql = f"SELECT {columns} FROM {table} ORDER BY {order}"  # noqa: S608 - fixed names only
            rows_a, rows_b = a.execute(sql).fetchall(), b.execute(sql).fetchall()
            diffs = [(i, ra, rb) for i, (ra, rb) in enumerate(zip(rows_a, rows_b, strict=False)) if ra != rb]
            if len(rows_a) != len(rows_b) or diffs:
                differing += 1
                print(f"{table}: {len(rows_a)} vs {len(rows_b)} rows, {len(diffs)} differing")
                for i, ra, rb in diffs[:show]:
                    cols = [j for j, (x, y) in enumerate(zip(ra, rb, strict=True)) if x != y]
                    print(f"  row {i}: columns {cols}\n    old {[ra[j] for j in cols]!r:.300}\n"
                          f"    new {[rb[j] for j in cols]!r:.300}")
            else:
                print(f"{table}: {len(rows_a)} rows identical")
    return differing


def run(shared: Path, old_src: Path, new_src: Path, out: Path, size: int) -> int:
    sys.path.insert(0, str(REPO))
    from bench.__main__ import generate_corpus

    corpus = out / f"corpus_{size}"
    if not corpus.is_dir():
        generate_corpus(shared, size, corpus)
    stores = {}
    for label, src in (("old", old_src), ("new", new_src)):
        stores[label] = out / f"{label}.db"
        env = {**os.environ, "PYTHONPATH": str(src.resolve()), "PYTHONHASHSEED": "0"}
        subprocess.run([sys.executable, __file__, "analyze", str(corpus), str(stores[label])], env=env, check=True)
    return compare(stores["old"], stores["new"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run")
    p_run.add_argument("shared", type=Path)
    p_run.add_argument("--old-src", type=Path, required=True)
    p_run.add_argument("--new-src", type=Path, default=REPO / "src")
    p_run.add_argument("--out", type=Path, default=Path("/tmp/store_golden"))
    p_run.add_argument("--size", type=int, default=1000)
    p_an = sub.add_parser("analyze")
    p_an.add_argument("corpus", type=Path)
    p_an.add_argument("db", type=Path)
    p_cmp = sub.add_parser("compare")
    p_cmp.add_argument("old", type=Path)
    p_cmp.add_argument("new", type=Path)
    p_cmp.add_argument("--merge", action="store_true", help="also compare the merge's tables (canonical events, "
                       "their reports and actors, stories)")
    args = ap.parse_args()
    if args.command == "analyze":
        analyze(args.corpus, args.db)
        return
    if args.command == "compare":
        sys.exit(1 if compare(args.old, args.new, merge=args.merge) else 0)
    args.out.mkdir(parents=True, exist_ok=True)
    sys.exit(1 if run(args.shared, args.old_src, args.new_src, args.out, args.size) else 0)


if __name__ == "__main__":
    main()
