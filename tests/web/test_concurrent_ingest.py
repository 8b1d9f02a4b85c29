"""50 concurrent ingests over real HTTP: nothing lost, nothing duplicated, store consistent."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.web.test_browser import _Server

TOWNS = ["Talbiseh", "Rastan", "Qusayr", "Tadmur", "Saraqib", "Binnish", "Jisr al-Shughur", "Ariha", "Atarib",
         "Manbij"]


def _article(i: int) -> dict[str, str]:
    town = TOWNS[i % len(TOWNS)]
    return {
        "text": f"Report {i}: government forces shelled {town} on Tuesday, killing {i % 7 + 1} civilians, "
                f"activists said. Clashes continued near the town for a {i}th day.",
        "outlet": f"Wire {i % 5}",
        "published": "2024-03-05",
    }


def test_fifty_concurrent_ingests_lose_nothing(fixture_store):
    db, ids = fixture_store
    with _Server(db) as base, httpx.Client(base_url=base, timeout=120) as client:
        with ThreadPoolExecutor(max_workers=50) as pool:
            responses = list(pool.map(lambda i: client.post("/api/documents", json=_article(i)), range(50)))
            # the same 10 articles again, concurrently: all recognised as already stored
            repeats = list(pool.map(lambda i: client.post("/api/documents", json=_article(i)), range(10)))
        assert [r.status_code for r in responses] == [201] * 50, [r.text for r in responses if r.status_code != 201]
        assert [r.status_code for r in repeats] == [200] * 10
        new_ids = {r.json()["id"] for r in responses}
        assert len(new_ids) == 50
        listed = client.get("/api/documents", params={"limit": 500}).json()
        assert listed["total"] == 53
        assert new_ids | set(ids.values()) == {d["id"] for d in listed["items"]}
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 53
    con.close()
