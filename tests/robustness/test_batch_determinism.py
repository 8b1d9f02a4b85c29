"""Same input, same stored output, however the run is cut into batches and in whatever order the documents
arrive: ``analyze_paths`` runs the stages over up to ``STAGE_BATCH`` documents and saves up to ``SAVE_BATCH``
per commit, or what came in ``SAVE_INTERVAL_S`` seconds -- so on a loaded machine the batch boundaries
depend on timing.  A stage cache, memo or "last document" shortcut that leaks one document's state into
another, or a merge that depends on the order it reads reports in, would make a re-run, a ``kill -9``
resume or the Dask engine store other rows.  Real news, read in place from the shared folder."""

from __future__ import annotations

import json
import sqlite3
from itertools import islice
from pathlib import Path

import pytest

import rasad.analyze as analyze
from rasad.model import content_hash
from rasad.store.sqlite import SQLiteStore
from tests.conftest import require_shared

#: every stored table a re-run must reproduce, with its key order (the merge's tables included)
TABLES: dict[str, str] = {
    "documents": "id",
    "sentences": "doc_id, seq",
    "mentions": "doc_id, seq",
    "events": "id",
    "claims": "id",
    "copy_signatures": "doc_id",
    "canonical_events": "id",
    "canonical_reports": "canonical_id, event_id",
    "canonical_actors": "actor_id, seq",
    "stories": "id",
    "story_docs": "story_id, doc_id",
}
#: columns that record the run rather than the analysis: when and from which file a document was saved
RUN_COLUMNS = {"stored_at", "source_path"}


def _arabic_articles(out: Path, n: int) -> Path:
    """The first ``n`` SaudiNewsNet articles with distinct bodies as JSON Lines in ``out`` (a scratch file in
    the test's tmp dir, read like any input): several outlets telling the same days' stories, so the merge
    joins reports across documents."""
    news = require_shared("data", "news", "saudinewsnet_ar.jsonl")
    seen: set[str] = set()
    rows = []
    with news.open(encoding="utf-8") as fh:
        for line in islice(fh, 4 * n):
            row = json.loads(line)
            body = str(row.get("content") or "")
            key = content_hash(body)  # (a repeated body would be a second copy, and the first one is kept)
            if body.strip() and key not in seen and len(rows) < n:
                seen.add(key)
                rows.append({k: row.get(k) for k in ("id", "source", "url", "date", "title", "content")})
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return out


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of ``TABLES`` in key order, without the run's own columns."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        dump = {}
        for table, order in TABLES.items():
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in RUN_COLUMNS]
            sql = f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}"  # noqa: S608 - fixed names only
            dump[table] = conn.execute(sql).fetchall()
        return dump
    finally:
        conn.close()


def _analyse(paths: list[Path], db: Path, monkeypatch: pytest.MonkeyPatch, *, stage_batch: int,
             save_batch: int, interval: float) -> analyze.AnalyzeResult:
    monkeypatch.setattr(analyze, "STAGE_BATCH", stage_batch)
    monkeypatch.setattr(analyze, "SAVE_BATCH", save_batch)
    monkeypatch.setattr(analyze, "SAVE_INTERVAL_S", interval)
    with SQLiteStore(db) as store:
        return analyze.analyze_paths(paths, store)


def test_stored_rows_do_not_depend_on_batches_or_arrival_order(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = [_arabic_articles(tmp_path / "ar.jsonl", 90), require_shared("data", "news", "fars_fa_dev.jsonl"),
              require_shared("seeds")]
    # the reference: all documents through the stages as one batch, saved in one commit
    one = _analyse(inputs, tmp_path / "one.db", monkeypatch, stage_batch=1024, save_batch=1024, interval=1e9)
    assert one.ok and one.merged and one.new > 120
    # no document twice: which copy of a repeated article is kept follows the input order, by design
    assert one.already_stored == 0
    # each document alone (as under heavy load, when the 0.5 s limit closes every batch), in reverse file order
    single = _analyse(inputs[::-1], tmp_path / "single.db", monkeypatch, stage_batch=1, save_batch=1, interval=0.0)
    # uneven batches that cut across the files and the languages
    uneven = _analyse(inputs, tmp_path / "uneven.db", monkeypatch, stage_batch=7, save_batch=5, interval=1e9)
    assert single.new == uneven.new == one.new
    reference = _dump(tmp_path / "one.db")
    assert reference["events"] and reference["canonical_events"] and reference["claims"]
    with sqlite3.connect(f"file:{tmp_path / 'one.db'}?mode=ro", uri=True) as conn:
        joined = conn.execute("SELECT COUNT(*) FROM canonical_events WHERE n_sources > 1").fetchone()[0]
    assert joined >= 5, "too few merged events join two documents to exercise the merge's order"
    for name in ("single", "uneven"):
        other = _dump(tmp_path / f"{name}.db")
        for table, rows in reference.items():
            assert other[table] == rows, f"{table} differs between one batch and the {name} run"
