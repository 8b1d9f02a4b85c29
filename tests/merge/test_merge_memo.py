"""The merge input a store keeps from ``save_documents(..., keep_for_merge=True)`` (the analyse runner's
save) gives the merge exactly what reading the store back gives."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from rasad.analyze import analyze_paths
from rasad.merge import merge_store
from rasad.merge.core import CLAIM_SKIPS, RECORD_SKIPS, REPORT_SKIPS, _stored_event
from rasad.model import Claim, Document, Event
from rasad.pipeline import build_pipeline
from rasad.store import sqlbase
from rasad.store.sqlbase import loads
from rasad.store.sqlite import SQLiteStore
from tests.conftest import require_shared

#: real articles per news file (Arabic, Persian), cut as the benchmark cuts them
PER_FILE = 24
MERGE_TABLES = {"canonical_events": "id", "canonical_reports": "canonical_id, event_id",
                "canonical_actors": "actor_id, seq", "stories": "id", "story_docs": "story_id, doc_id"}


def _articles() -> list[str]:
    texts: list[str] = []
    for name in ("saudinewsnet_ar.jsonl", "fars_fa_dev.jsonl"):
        path = require_shared("data", "news", name)
        found = 0
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                paragraphs = row.get("paragraphs")
                text = ("\n".join(paragraphs) if isinstance(paragraphs, list) else row.get("content") or "").strip()
                if len(text) < 400:
                    continue
                texts.append(text[:4000])
                found += 1
                if found == PER_FILE:
                    break
    return texts


@pytest.fixture(scope="module")
def news_docs() -> list[Document]:
    """Real news articles analysed by the document stages, with reprints of some (so that canonical events
    have several reports, some of which wait for the rest of their event in the merge)."""
    texts = _articles()
    texts += [t + "\n\nThis report was first published by another outlet." for t in texts[::4]]
    pipe = build_pipeline()
    docs = [Document.create(t) for t in texts]
    pipe.run_batch(docs)
    assert sum(len(d.events) for d in docs) > 20 and sum(len(d.claims) for d in docs) > 20
    return docs


def _merge_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()  # noqa: S608
                for table, order in MERGE_TABLES.items()}


def test_kept_objects_equal_what_the_store_gives_back(news_docs: list[Document], tmp_path: Path) -> None:
    """What the merge gets of a kept document is what it gets reading the store back, decoded: the events
    and claims (without the fields the merge asks the store to leave out) and the place mention rows."""
    db = tmp_path / "equal.db"
    with SQLiteStore(db) as store:
        store.save_documents(news_docs, keep_for_merge=True)
        kept2 = list(store.iter_merge_rows(claims=True, text=False, event_skips=REPORT_SKIPS, claim_skips=CLAIM_SKIPS))
        kept1 = list(store.iter_merge_rows(mentions=True, event_skips=RECORD_SKIPS))
        # a caller that wants a field the kept objects lack reads the store
        whole = list(store.iter_merge_rows(claims=True))
    assert all(data.__class__ is str for r in whole for _, _, data in r.events)
    with SQLiteStore(db) as fresh:
        read2 = list(fresh.iter_merge_rows(claims=True, text=False, event_skips=REPORT_SKIPS, claim_skips=CLAIM_SKIPS))
        read1 = list(fresh.iter_merge_rows(mentions=True, event_skips=RECORD_SKIPS))
    assert [r.doc.id for r in kept2] == [r.doc.id for r in read2] == sorted(d.id for d in news_docs)
    n_events = n_claims = 0
    for k, r in zip(kept2, read2, strict=True):
        assert all(data.__class__ is Event for _, _, data in k.events)
        assert [(i, s, e) for i, s, e in k.events] == [(i, s, _stored_event(data)) for i, s, data in r.events]
        assert k.claims == [(e, Claim.from_dict(loads(c))) for e, c in r.claims]
        n_events, n_claims = n_events + len(k.events), n_claims + len(k.claims)
    assert n_events > 20 and n_claims > 20
    for k, r in zip(kept1, read1, strict=True):
        assert k.place_mentions == r.place_mentions and k.doc.text == r.doc.text
        assert [(i, s) for i, s, _ in k.events] == [(i, s) for i, s, _ in r.events]
    # the stages' own documents are left as they were
    assert any(e.sentence is not None for d in news_docs for e in d.events)


@pytest.mark.parametrize("kept_docs", [sqlbase.MERGE_MEMO_DOCS, 9])
def test_merge_of_kept_documents_writes_what_a_fresh_merge_writes(news_docs: list[Document], tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  kept_docs: int) -> None:
    """All the documents kept, or only the first 9 (the others read from the store): the same rows."""
    monkeypatch.setattr(sqlbase, "MERGE_MEMO_DOCS", kept_docs)
    db = tmp_path / "kept.db"
    with SQLiteStore(db) as store:
        for i in range(0, len(news_docs), 16):
            store.save_documents(news_docs[i: i + 16], keep_for_merge=True)
        assert len(store._merge_memo) == min(kept_docs, len(news_docs))
        assert list(store._merge_memo) == [d.id for d in news_docs[:kept_docs]]  # the first ones saved
        result = merge_store(store)
        assert not store._merge_memo  # dropped once the merge has read it
    kept = _merge_rows(db)
    with SQLiteStore(db) as fresh:  # nothing kept: every document read back from the file
        merge_store(fresh)
    assert _merge_rows(db) == kept
    assert kept["canonical_events"] and result.totals and result.totals["multi_source_events"] > 0


def test_a_document_another_connection_saved_again_is_read_from_the_store(news_docs: list[Document],
                                                                          tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    changed = next(d for d in news_docs if len(d.events) >= 2)
    with SQLiteStore(db) as store, SQLiteStore(db) as other:
        store.save_documents(news_docs, keep_for_merge=True)
        assert len(store._merge_memo) == len(news_docs)
        # another process saves one of the documents again, with one event less
        other.save_documents([replace(changed, events=changed.events[1:])])
        merge_store(store)
    written = _merge_rows(db)
    with SQLiteStore(db) as fresh:
        merge_store(fresh)
    assert _merge_rows(db) == written
    reports = {event_id for _, _, event_id in written["canonical_reports"]}
    assert changed.events[0].id not in reports and changed.events[1].id in reports


def test_only_the_runner_hands_documents_over(news_docs: list[Document], seeds_dir: Path, tmp_path: Path) -> None:
    """A plain save keeps nothing (its caller may still change the documents); ``analyze_paths`` keeps
    what it saves, and its merge writes what a merge reading the store writes."""
    with SQLiteStore(tmp_path / "plain.db") as store:
        store.save_documents(news_docs[:5])
        assert not store._merge_memo
        store.save_documents(news_docs[:5], keep_for_merge=True)
        store.save_documents(news_docs[:2])  # saved again without: no longer kept
        assert sorted(store._merge_memo) == sorted(d.id for d in news_docs[2:5])
    with SQLiteStore(tmp_path / "no_merge.db") as store:  # `--no-merge`: no merge follows, nothing to keep
        result = analyze_paths([seeds_dir], store, merge=False)
        assert result.new == 3 and not store._merge_memo
    import rasad.analyze

    kept_at_merge: list[int] = []
    run_merge = rasad.analyze.run_merge

    def watched_merge(store: SQLiteStore) -> object:
        kept_at_merge.append(len(store._merge_memo))
        return run_merge(store)

    db = tmp_path / "run.db"
    with pytest.MonkeyPatch.context() as mp, SQLiteStore(db) as store:
        mp.setattr(rasad.analyze, "run_merge", watched_merge)
        result = analyze_paths([seeds_dir], store)
        assert result.new == 3 and kept_at_merge == [3]
    kept = _merge_rows(db)
    with SQLiteStore(db) as fresh:
        merge_store(fresh)
    assert _merge_rows(db) == kept and kept["canonical_events"]


def test_a_store_that_cannot_tell_other_writers_keeps_nothing(news_docs: list[Document], any_store) -> None:
    """PostgreSQL (many clients) keeps nothing for the merge, SQLite keeps the documents; the merge writes
    the same either way."""
    any_store.save_documents(news_docs[:12], keep_for_merge=True)
    kept = len(any_store._merge_memo)
    assert kept == (12 if isinstance(any_store, SQLiteStore) else 0)
    merge_store(any_store)
    written = [c.to_dict() for c in any_store.iter_canonical_events()]
    merge_store(any_store)  # nothing kept now: everything read from the store
    assert [c.to_dict() for c in any_store.iter_canonical_events()] == written and written
