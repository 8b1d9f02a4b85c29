"""Store fixtures: the same tests run against SQLite and a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rasad.store.base import Store


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        from rasad.store.sqlite import SQLiteStore

        st: Store = SQLiteStore(tmp_path / "rasad.db")
    else:
        from tests.pg_server import fresh_postgres_store

        st = fresh_postgres_store()
    try:
        yield st
    finally:
        st.close()
