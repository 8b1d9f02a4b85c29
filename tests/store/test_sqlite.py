"""SQLite specifics: WAL, migrations table, and two processes writing the same file at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from rasad.store.base import EventFilter
from rasad.store.sqlite import SQLiteStore

WRITER = textwrap.dedent("""
    import sys
    from rasad.model import Document, Event, Span, Claim
    from rasad.store.sqlite import SQLiteStore

    path, worker, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = SQLiteStore(path)
    for i in range(n):
        text = f"قصفت الطائرات بلدة {worker} رقم {i} وقتل ثلاثة مدنيين."
        doc = Document.create(text, outlet=f"outlet-{worker}", lang="ar")
        for k in range(3):
            ev = Event(id=f"{doc.id}:e{k}", doc_id=doc.id, event_type="Explosions/Remote violence",
                       sub_event_type="Air/drone strike", trigger=doc.span(0, 5), sentence=doc.span(0, len(text)),
                       lang="ar")
            doc.events.append(ev)
            doc.claims.append(Claim(id=f"{ev.id}:c", doc_id=doc.id, subject=ev.id, predicate="event",
                                    value="Air/drone strike", event_id=ev.id))
        store.save_document(doc)
        if i % 10 == 0:  # rewriting an already stored document must not duplicate anything
            store.save_document(doc)
    store.close()
""")


def test_wal_mode_and_migrations_table(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    store = SQLiteStore(path)
    assert store.journal_mode() == "wal"
    store.close()
    SQLiteStore(path).close()  # reopening applies nothing twice
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT version, name FROM migrations").fetchall()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    from rasad.store.sqlbase import load_migrations

    assert rows == [(m.version, m.name) for m in load_migrations()]
    assert rows[0] == (1, "initial") and len(rows) == len({v for v, _ in rows})
    assert {"documents", "sentences", "mentions", "events", "claims", "canonical_events", "stories",
            "story_docs", "runs", "rejections", "places", "migrations"} <= tables


def test_two_processes_writing_concurrently_keep_the_store_consistent(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    n = 60
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(n)],
                              stderr=subprocess.PIPE, text=True) for name in ("A", "B")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    store = SQLiteStore(path)
    assert store.integrity_check() == "ok"
    assert store.count_documents() == 2 * n
    assert store.count_events() == 2 * n * 3
    ids = [e.id for e in store.iter_events()]
    assert len(ids) == len(set(ids))
    assert len(list(store.iter_claims())) == 2 * n * 3
    outlets = {row["outlet"] for row in store.list_documents()}
    assert outlets == {"outlet-A", "outlet-B"}
    assert store.count_events(EventFilter(text="بلدة A")) == n * 3
    store.close()


def test_reader_sees_committed_documents_while_writer_holds_connection(tmp_path: Path) -> None:
    path = tmp_path / "rw.db"
    writer, reader = SQLiteStore(path), SQLiteStore(path)
    from rasad.model import Document

    doc = Document.create("تظاهر المئات في درعا.", lang="ar")
    writer.save_document(doc)
    assert reader.get_document(doc.id) == doc
    writer.close()
    reader.close()


def test_new_stores_use_16k_pages_and_old_files_keep_theirs(tmp_path: Path) -> None:
    """A new store is created with ``PAGE_BYTES`` pages (fewer page writes per commit); a file made with
    SQLite's default 4 KB pages (every store before) keeps them and still saves and searches."""
    from rasad.model import Document, Event, Sentence
    from rasad.store.sqlite import PAGE_BYTES

    new = SQLiteStore(tmp_path / "new.db")
    assert new._read("PRAGMA page_size") == [(PAGE_BYTES,)] and PAGE_BYTES == 16384
    new.close()
    old_path = tmp_path / "old.db"
    conn = sqlite3.connect(old_path)
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    conn.commit()
    conn.close()
    old = SQLiteStore(old_path)
    assert old._read("PRAGMA page_size") == [(4096,)]
    text = "قصفت الطائرات بلدة كفرنبل في ريف إدلب وقتل ثلاثة مدنيين."
    doc = Document.create(text, lang="ar")
    doc.sentences = [Sentence(0, len(text), 0, "ar")]
    doc.events = [Event(id=f"{doc.id}:e0", doc_id=doc.id, event_type="Explosions/Remote violence",
                        sub_event_type="Air/drone strike", trigger=doc.span(0, 4), sentence=doc.span(0, len(text)),
                        lang="ar")]
    old.save_documents([doc])
    assert [e.id for e in old.iter_events(EventFilter(text="ادلب"))] == [f"{doc.id}:e0"]
    old.close()


def test_every_connection_gets_the_large_cache_and_the_rarer_checkpoints(tmp_path: Path) -> None:
    """``cache_size`` and ``wal_autocheckpoint`` are per connection: a reopened store has them too.  Rows
    committed but not yet checkpointed (the WAL holds up to ``WAL_AUTOCHECKPOINT_PAGES``) are seen by another
    connection, and are in the database file itself after a checkpoint."""
    from rasad.model import Document
    from rasad.store.sqlite import CACHE_KIB, WAL_AUTOCHECKPOINT_PAGES

    path = tmp_path / "x.db"
    writer = SQLiteStore(path)
    doc = Document.create("قصفت الطائرات بلدة كفرنبل في ريف إدلب.", lang="ar")
    writer.save_documents([doc])
    reader = SQLiteStore(path)
    for store in (writer, reader):
        assert store._read("PRAGMA cache_size") == [(-CACHE_KIB,)]
        assert store._read("PRAGMA wal_autocheckpoint") == [(WAL_AUTOCHECKPOINT_PAGES,)]
    assert reader.has_document(doc.id)
    assert Path(str(path) + "-wal").stat().st_size > 0  # one small commit: still only in the WAL
    writer._read("PRAGMA wal_checkpoint(TRUNCATE)")
    reader.close()
    writer.close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("SELECT id FROM documents").fetchall() == [(doc.id,)]
    conn.close()
