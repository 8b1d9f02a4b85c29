"""Shared test fixtures.  Real text is read in place from ../shared (or $RASAD_SHARED); tests that need it
skip with a clear message when it is absent (e.g. on a user's machine)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("RASAD_SHARED", REPO_ROOT.parent / "shared")).resolve()


def require_shared(*parts: str) -> Path:
    """Path under the shared data folder, or skip the test clearly when it is not there."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (set RASAD_SHARED to the shared/ folder)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return require_shared("seeds")


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """The three seed reports keyed by their number: '000' (ar), '001' (fa), '002' (ar)."""
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(params=["sqlite", "postgres"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh store on each back-end: SQLite in tmp_path and a real PostgreSQL server (tests/pg_server.py),
    so the same test runs against both."""
    from rasad.store.base import Store

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


@pytest.fixture
def village_dump(tmp_path: Path) -> Path:
    """A one-row GeoNames dump of a village the built-in gazetteer does not know ("Tell Qarnabit", id
    gn:99999901, made up for the tests): what `rasad gazetteer import` adds and the geoparser then finds."""
    cols = ["99999901", "Tall Qarnabit", "Tall Qarnabit", "Tell Qarnabit,تل قرنبيط", "35.801", "36.512", "P",
            "PPL", "SY", "", "", "", "", "", "900", "", "300", "Asia/Damascus", "2024-01-01"]
    dump = tmp_path / "extra.tsv"
    dump.write_text("\t".join(cols) + "\n", encoding="utf-8")
    return dump
