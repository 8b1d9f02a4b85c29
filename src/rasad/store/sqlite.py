"""The default store: one SQLite file in WAL mode.

Writers take the database lock up front (``BEGIN IMMEDIATE``) so two processes writing at once queue
on the busy timeout instead of failing half-way with "database is locked" on lock upgrade.  WAL lets
readers (the web UI, ``rasad docs``) keep reading while an analysis run writes.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rasad.store.sqlbase import PAGE_SIZE, Migration, SQLStore

#: The FTS5 text-search table and the triggers keeping it in step with deletes and updates of ``events`` (see
#: ``rasad.store.search``).  Inserted events are indexed by ``SQLiteStore._index_new_events``, one statement
#: per saved batch; stores made before migration 0007 had an insert trigger, which that migration drops.
SEARCH_INDEX_DDL = (
    "CREATE VIRTUAL TABLE events_search USING fts5(search_text, content='events', content_rowid='rowid',"
    " tokenize='trigram case_sensitive 1')",
    "CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN"
    " INSERT INTO events_search (events_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);"
    " END",
    "CREATE TRIGGER events_search_update AFTER UPDATE OF search_text ON events BEGIN"
    " INSERT INTO events_search (events_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);"
    " INSERT INTO events_search (rowid, search_text) VALUES (new.rowid, new.search_text); END",
)

#: The migration after which new events are added to ``events_search`` by ``SQLiteStore._index_new_events``
#: (one statement per saved batch) rather than by the ``events_search_insert`` trigger, which it drops.
BATCH_SEARCH_MIGRATION = "search_batch_insert"

#: Page size of a new store.  16 KB instead of SQLite's 4 KB: a saved batch of 32 documents dirties ~350 4 KB
#: pages (random document ids put each one's rows in other leaves of every key index), and writing them to
#: the WAL at commit cost 0.19 ms per document of the 1k bench; 16 KB pages 0.12 (8 KB: 0.155).
PAGE_BYTES = 16384

#: Page cache of each connection (KiB; SQLite's default is 2 MB).  Saving into a growing store, every batch
#: inserts keys at random places of the key indexes (document, event and claim ids), so at 10k+ documents the
#: B-tree pages it touches no longer fit the default cache and are read back from the file each time; 64 MB
#: holds the indexes' inner pages and hot leaves (``Store.save_documents`` at 17-20k documents 0.70 -> 0.60
#: ms/doc together with the checkpoint setting below).  The cache fills only as pages are read: +63 MB peak
#: RSS for a writer of a large store, less for a small one.  128 MB gained nothing more.
CACHE_KIB = 65536

#: WAL pages after which a commit checkpoints them into the database file (SQLite's default: 1,000).  A batch
#: dirties one leaf per random key of each index (~1,000 16 KB pages at 20k documents), so with the default
#: nearly every commit also copied its pages back into the file; with 10,000 a page dirtied by several commits
#: between two checkpoints is copied once (at 17-20k documents: commit + checkpoint 20% less CPU).  The WAL
#: file then grows to ~160 MB (16 KB pages) before it is reused from its start.
WAL_AUTOCHECKPOINT_PAGES = 10_000

#: How long a writer waits for another process's transaction before giving up (milliseconds).
BUSY_TIMEOUT_MS = 60_000


class SQLiteStore(SQLStore):
    tokens = {"@JSON@": "TEXT", "@SERIAL_PK@": "INTEGER PRIMARY KEY AUTOINCREMENT", "@BLOB@": "BLOB"}

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = str(path)
        self.url = f"sqlite:///{self.path}"
        if self.path != ":memory:" and not self.path.startswith("file:"):
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no implicit transactions; we issue BEGIN IMMEDIATE / COMMIT ourselves.
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                     timeout=BUSY_TIMEOUT_MS / 1000, uri=self.path.startswith("file:"))
        self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # only takes effect while the file is still empty (a new store); an existing one keeps its size
        self._conn.execute(f"PRAGMA page_size = {PAGE_BYTES}")
        if self.path != ":memory:":
            self._enable_wal()
        # NORMAL is safe against process crashes (kill -9) in WAL mode; only an OS crash can lose the
        # last commits, never consistency.
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        self._conn.execute("PRAGMA foreign_keys = ON")
        self.migrate()

    def _enable_wal(self) -> None:
        """Switch to WAL.  The switch needs an exclusive lock and SQLite does not call the busy
        handler for it, so when another process is opening the same new file at the same moment we
        retry ourselves."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _ensure_migrations_table(self) -> None:
        with self._lock:
            self._conn.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY,"
                               " name TEXT NOT NULL, applied_at TEXT NOT NULL)")

    def _lock_migrations(self, cur: Any) -> None:
        # BEGIN IMMEDIATE already holds the single database write lock.
        return None

    fts5_search = True

    def _create_search_index(self, cur: Any) -> None:
        """FTS5 over ``events.search_text`` (external content: the text is stored once, in ``events``) with
        the trigram tokenizer, case-sensitive because the text is already folded: a quoted term matches
        exactly where it occurs as a substring, like ``LIKE`` on PostgreSQL.  Triggers keep it in step
        with every delete and update of ``events``, ``_index_new_events`` with inserts; ``rebuild``
        indexes the rows already there."""
        for statement in SEARCH_INDEX_DDL:
            cur.execute(statement)
        cur.execute("INSERT INTO events_search (events_search) VALUES ('rebuild')")

    def _after_migration(self, cur: Any, migration: Migration) -> None:
        super()._after_migration(cur, migration)
        if migration.name == BATCH_SEARCH_MIGRATION:
            cur.execute("DROP TRIGGER IF EXISTS events_search_insert")

    def _index_new_events(self, cur: Any, event_ids: Sequence[str]) -> None:
        """Index the events just inserted, found by their ids (an event whose ``doc_id`` names another
        document is indexed all the same, and nothing is indexed twice; a document saved again had its
        old events deleted first, which the delete trigger took out of the index), in one statement per
        ``PAGE_SIZE`` events.  FTS5 takes a batch of rows from one ``INSERT ... SELECT`` for well under
        half the CPU time of the same rows one trigger call each (measured: 0.38 -> 0.15 ms per document
        of the 1k bench, commit included)."""
        for i in range(0, len(event_ids), PAGE_SIZE):
            chunk = list(event_ids[i: i + PAGE_SIZE])
            marks = ", ".join("?" * len(chunk))
            cur.execute("INSERT INTO events_search (rowid, search_text) SELECT rowid, search_text FROM events"
                        f" WHERE id IN ({marks}) ORDER BY rowid", chunk)

    def _read_without(self, head: str, skips: Sequence[str], tail: str, params: Sequence[Any],
                      ) -> list[tuple[Any, ...]]:
        """``data`` through ``json_remove``, for the merge's reads: a stored event or claim is 30-80 JSON
        values, and leaving out the text spans and fields the merge never reads makes it decode in 60-75%
        of the time (pass 1's events 61 -> 37 ms, pass 2's claims 72 -> 56 ms on the 1k bench, reading
        included).  When SQLite's JSON parser refuses a row -- ``NaN``, which ``json.dumps`` writes for a
        float NaN -- the rows are read whole (testing each with ``json_valid`` would cost half the gain)."""
        if skips:
            for name in skips:
                if not name.isidentifier():
                    raise ValueError(f"not a field name: {name!r}")
            paths = ", ".join(f"'$.{name}'" for name in skips)
            try:
                return self._read(f"{head}json_remove(data, {paths}){tail}", params)
            except sqlite3.OperationalError:
                pass
        return super()._read_without(head, skips, tail, params)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            else:
                cur.execute("COMMIT")
            finally:
                cur.close()

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    def _data_generation(self) -> Any:
        """Changes with every commit by another connection (``PRAGMA data_version``) and every row this one
        writes (``total_changes``, uncommitted rows included)."""
        with self._lock:
            return (self._conn.execute("PRAGMA data_version").fetchone()[0], self._conn.total_changes)

    def _others_generation(self) -> Any:
        """``PRAGMA data_version``: changes with every commit by another connection, not with this one's."""
        with self._lock:
            return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def journal_mode(self) -> str:
        return str(self._read("PRAGMA journal_mode")[0][0])

    def integrity_check(self) -> str:
        """SQLite's own consistency check: ``"ok"`` when the file is sound."""
        return str(self._read("PRAGMA integrity_check")[0][0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"
