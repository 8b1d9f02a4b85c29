"""The CLI end to end: analyze (resume, rejections, exit codes), docs, show-doc, and a kill -9 crash test."""

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
from typer.testing import CliRunner

from rasad.analyze import analyze_paths
from rasad.cli import app
from rasad.ingest import Overrides
from rasad.model import content_hash
from rasad.pipeline import build_pipeline
from rasad.store.base import open_store
from tests.conftest import require_shared

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()
FAST = ["--until", "sentences", "--no-merge"]  # the foundation stages only: these tests are about the runner


def _rasad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rasad", *args], capture_output=True, text=True, timeout=300)


def test_analyze_seeds_twice(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "r.db")
    first = runner.invoke(app, ["analyze", str(seeds_dir), "--db", db, *FAST])
    assert first.exit_code == 0, first.output
    assert "3 new, 0 already stored, 0 rejected" in first.output
    with open_store(db) as store:
        docs = {Path(row["source_path"]).name[:3]: row for row in store.list_documents()}
        assert {k: v["lang"] for k, v in docs.items()} == {"000": "ar", "001": "fa", "002": "ar"}
        doc = store.get_document(docs["001"]["id"])
        assert doc is not None and len(doc.sentences) > 10 and doc.stages_done == ["langid", "normalize", "sentences"]
    second = runner.invoke(app, ["analyze", str(seeds_dir), "--db", db, *FAST])
    assert second.exit_code == 0
    assert "0 new, 3 already stored, 0 rejected" in second.output
    with open_store(db) as store:
        assert store.count_documents() == 3


def test_rejections_are_reported_and_exit_non_zero(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(seed_texts["000"], encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    db = str(tmp_path / "r.db")
    result = runner.invoke(app, ["analyze", str(folder), "--db", db, *FAST])
    assert result.exit_code == 1
    assert f"rejected {folder / 'bad.txt'}: binary file (PDF document)" in " ".join(result.output.split())
    assert "1 new, 0 already stored, 1 rejected" in result.output
    with open_store(db) as store:
        assert store.count_documents() == 1
        (rejection,) = store.list_rejections()
        assert rejection.source == str(folder / "bad.txt") and "PDF" in rejection.reason


def test_overrides_on_the_command_line(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "r.db")
    seed = sorted(seeds_dir.glob("001_*.txt"))[0]
    result = runner.invoke(app, ["analyze", str(seed), "--db", db, "--outlet", "Fars", "--published",
                                 "2013-07-31", *FAST])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        (row,) = store.list_documents()
        assert row["outlet"] == "Fars" and str(row["published"]).startswith("2013-07-31")
    bad = runner.invoke(app, ["analyze", str(seed), "--db", db, "--published", "someday"])
    assert bad.exit_code != 0 and "someday" in bad.output


def test_docs_and_show_doc(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    assert runner.invoke(app, ["analyze", str(REPO / "examples"), "--db", db, *FAST]).exit_code == 0
    listing = runner.invoke(app, ["docs", "--db", db])
    assert listing.exit_code == 0
    lines = [ln for ln in listing.stdout.splitlines()[1:] if ln.strip()]
    assert len(lines) == 7
    with open_store(db) as store:
        ids = {r["id"][:12] for r in store.list_documents()}
    assert {ln.split()[0] for ln in lines} == ids  # short ids printed first
    langs = sorted(next(t for t in ln.split() if t in ("ar", "fa", "en")) for ln in lines)
    assert langs.count("ar") >= 3 and langs.count("fa") >= 1 and langs.count("en") >= 2
    with open_store(db) as store:
        row = next(r for r in store.list_documents() if r["outlet"] == "Khabar-e Shargh")
    shown = runner.invoke(app, ["show-doc", row["id"][:6], "--db", db])
    assert shown.exit_code == 0, shown.output
    assert row["id"] in shown.stdout and "Khabar-e Shargh" in shown.stdout and "lang          fa" in shown.stdout
    assert "سنابل" in shown.stdout  # sentences are shown
    missing = runner.invoke(app, ["show-doc", "zzzz", "--db", db])
    assert missing.exit_code == 1


def test_analyze_paths_is_reusable_with_a_custom_pipeline(tmp_path: Path, seeds_dir: Path) -> None:
    with open_store(str(tmp_path / "r.db")) as store:
        result = analyze_paths([seeds_dir], store, Overrides(lang="ar"), build_pipeline(until="langid"), merge=False)
        assert (result.new, result.already_stored, result.rejected) == (3, 0, 0)
        assert result.stage_seconds.keys() == {"langid"}
        assert {store.get_document(i).lang for i in result.doc_ids} == {"ar"}  # type: ignore[union-attr]


def _build_corpus(folder: Path, n: int) -> int:
    source = require_shared("data", "news", "saudinewsnet_ar.jsonl")
    folder.mkdir()
    seen: set[str] = set()
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            key = content_hash(record["content"])
            if record["content"].strip() and key not in seen:
                seen.add(key)
                (folder / f"{record['id']}.txt").write_text(record["content"], encoding="utf-8")
            if len(seen) == n:
                break
    return len(seen)


@pytest.mark.slow
def test_kill_9_mid_run_leaves_a_consistent_store_and_resumes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    n_docs = _build_corpus(corpus, 300)
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "rasad", "analyze", str(corpus), "--db", str(db), *FAST]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    stored = 0
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            if db.exists():
                try:
                    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
                        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                except sqlite3.OperationalError:
                    continue  # schema not created yet
            if stored >= 30:
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert 30 <= stored < n_docs

    con = sqlite3.connect(str(db))
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n_after_crash = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert stored <= n_after_crash < n_docs
        half_written = con.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"
        ).fetchone()[0]
        assert half_written == 0
    finally:
        con.close()

    resumed = _rasad("analyze", str(corpus), "--db", str(db), *FAST)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{n_docs - n_after_crash} new, {n_after_crash} already stored, 0 rejected" in resumed.stderr
    con = sqlite3.connect(str(db))
    try:
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (n_docs, n_docs)
        assert con.execute("SELECT count(DISTINCT doc_id) FROM sentences").fetchone()[0] == n_docs
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def test_progress_bar_path_gives_the_same_result(tmp_path: Path, seeds_dir: Path, capsys) -> None:
    with open_store(str(tmp_path / "r.db")) as store:
        result = analyze_paths([seeds_dir], store, pipeline=build_pipeline(until="sentences"), progress=True,
                               merge=False)
        assert (result.new, result.rejected) == (3, 0) and store.count_documents() == 3
