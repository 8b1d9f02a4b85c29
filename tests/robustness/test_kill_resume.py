"""``kill -9`` in the middle of ``rasad analyze``, then resume: nothing lost, nothing duplicated."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasad.store.sqlite import SQLiteStore
from tests.conftest import require_shared

pytestmark = pytest.mark.slow


def _stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # schema not created yet
        return 0


def _contents(store: SQLiteStore) -> dict[str, list[str]]:
    def dump(obj: object) -> str:
        return json.dumps(obj.to_dict(), sort_keys=True, ensure_ascii=False)  # type: ignore[attr-defined]

    return {
        "docs": sorted(dump(d) for d in store.iter_documents()),
        "events": sorted(dump(e) for e in store.iter_events()),
        "claims": sorted(dump(c) for c in store.iter_claims()),
    }


def test_kill_during_analyze_then_resume(tmp_path: Path, seeds_dir: Path) -> None:
    inputs = [str(seeds_dir), str(require_shared("data", "news", "fars_fa_dev.jsonl")),
              str(require_shared("data", "news", "fakes_en_dev.csv"))]
    cli = [sys.executable, "-c", "from rasad.cli import main; main()"]
    # the reference is an uninterrupted run of the same command
    reference_db = tmp_path / "reference.db"
    done = subprocess.run([*cli, "analyze", *inputs, "--db", str(reference_db), "--no-merge"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with SQLiteStore(reference_db) as reference:
        expected = _contents(reference)
        total = reference.count_documents()
    assert total > 200

    db = tmp_path / "killed.db"
    cmd = [*cli, "analyze", *inputs, "--db", str(db), "--no-merge"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _stored_count(db) < 10 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _stored_count(db)
    assert 10 <= partial < total, f"the run was not interrupted mid-way ({partial} of {total} stored)"

    with SQLiteStore(db) as store:
        assert store.integrity_check() == "ok"
        # every document that made it in is complete, with all its sentences, events and claims
        stored = _contents(store)
        assert len(stored["docs"]) == partial
        assert set(stored["docs"]) <= set(expected["docs"])
        assert set(stored["events"]) <= set(expected["events"])
        assert set(stored["claims"]) <= set(expected["claims"])

    resumed = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    # the resumed run only processes what the killed one had not stored (repeats in the input also
    # count as "already stored", so only the new count is exact)
    assert f"{total - partial} new, " in resumed.stderr
    with SQLiteStore(db) as store:
        got = _contents(store)
        event_ids = [e.id for e in store.iter_events()]
        claim_ids = [c.id for c in store.iter_claims()]
    assert len(event_ids) == len(set(event_ids)) and len(claim_ids) == len(set(claim_ids))
    assert len(got["docs"]) == total
    # whole documents too: what a document's stages find must not depend on what the process saw before
    # (the resumed process starts cold, and its batches are cut elsewhere; test_batch_determinism)
    assert got == expected
