"""Store fixtures: the same tests run against SQLite and a real PostgreSQL server."""

from __future__ import annotations

import pytest


@pytest.fixture()
def store(any_store):
    """The store tests' name for the two-back-end fixture defined in tests/conftest.py."""
    return any_store
