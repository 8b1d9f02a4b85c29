"""The API's ``q`` and the CLI's ``rasad events --q``: typed Arabic/Persian/English wordings, hostile input."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rasad.web.app import create_app


@pytest.fixture()
def client(fixture_store):
    db, _ = fixture_store
    return TestClient(create_app(db))


def _canonical(client: TestClient, q: str) -> list[str]:
    r = client.get("/api/canonical-events", params={"q": q})
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["items"]]


def _events(client: TestClient, q: str, **params: str) -> list[str]:
    r = client.get("/api/events", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return sorted(e["lang"] for e in r.json()["items"])


def test_q_finds_the_tellings_however_the_user_spells_the_words(client) -> None:
    # the texts: "سيطرت القوات الحكومية على حي الاختبار ..." (ar), "گروه‌های مسلح از محله الاختبار عقب‌نشینی
    # کردند و نیروهای دولتی ..." (fa), "Rebels still hold the Test District of Homs ..." (en)
    assert _events(client, "الاختبار") == ["ar", "fa"]
    assert _events(client, "سَيْطَرَت القـوات") == ["ar"]  # tashkeel and tatweel typed
    assert _events(client, "گروههاي مسلح") == ["fa"]  # no ZWNJ, Arabic ي
    assert _events(client, "عقبنشيني") == ["fa"]
    assert _events(client, "نیروهای دولتی") == ["fa"]
    assert _events(client, "test district") == ["ar", "en", "fa"]  # the place's canonical name, in every telling
    assert _events(client, "other town") == ["en"]
    assert _events(client, '"test district of homs"') == ["en"]
    assert _events(client, "الاختبار", lang="fa") == ["fa"]
    assert _canonical(client, "عقب نشيني") == ["ce-battle"]
    assert _canonical(client, "shelling") == ["ce-strike"]
    assert _canonical(client, "قصف") == []


@pytest.mark.parametrize("hostile", ['" OR 1=1 --', "NEAR(", "*", 'zz" OR "b', "search_text: x", "%_%",
                                     "') ; DROP TABLE events; --", "\\", '"', "\x00", "«»"])
def test_hostile_q_is_a_plain_value(client, fixture_store, hostile: str) -> None:
    for path in ("/api/canonical-events", "/api/events", "/api/map"):
        r = client.get(path, params={"q": hostile})
        assert r.status_code == 200, (path, hostile, r.text)
    # each holds a word no text has, or no word at all (quotes and NUL only delimit: no filter)
    no_terms = hostile in ('"', "\x00", "«»")
    assert _canonical(client, hostile) == (["ce-battle", "ce-strike"] if no_terms else [])
    db, _ = fixture_store
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 4
    con.close()


def test_q_with_too_many_words_gets_a_400_with_the_reason(client) -> None:
    r = client.get("/api/canonical-events", params={"q": " ".join("abcdefghijklmnopqrstuvwxyz0123456789")})
    assert r.status_code == 400
    assert "too many words" in r.json()["detail"]
    r = client.get("/api/events", params={"q": "x" * 10_240})
    assert r.status_code == 400


def test_cli_events_q(fixture_store) -> None:
    from rasad.cli import app

    db, _ = fixture_store
    runner = CliRunner()
    found = runner.invoke(app, ["events", "--db", db, "--format", "json", "-q", "گروههاي"])
    assert found.exit_code == 0, found.output
    assert [line for line in found.output.splitlines() if line.strip()] and all(
        '"lang": "fa"' in line for line in found.output.splitlines() if line.strip())
    refused = runner.invoke(app, ["events", "--db", db, "--q", " ".join("abcdefghijklmnopqrstuvwxyz0123456789")])
    assert refused.exit_code != 0
    assert "too many words" in refused.output


def test_text_search_totals_stop_at_the_cap_and_pages_still_reach_every_match(any_store, monkeypatch) -> None:
    """With ``q`` the listings count up to ``COUNT_CAP`` and say so; paging by ``next_offset`` still walks
    every match in listing order, on both back-ends; filters without ``q`` keep an exact total."""
    import rasad.web.app as web_app
    from rasad.model import CanonicalEvent, Report
    from tests.store.test_search import TEXTS, _event_doc

    shelled = {f"en_town{i}": f"Government forces shelled the town of Kafr {i} on Sunday." for i in range(5)}
    any_store.save_documents([_event_doc(k, t) for k, t in {**TEXTS, **shelled}.items()])
    any_store.replace_merge([CanonicalEvent(id=f"ce-{e.id}", event_type="Battles", sub_event_type="Armed clash",
                                            reports=[Report(e.doc_id, e.id, "o", e.lang)], n_sources=1)
                             for e in any_store.iter_events()], [])
    client = TestClient(create_app(any_store.url))
    monkeypatch.setattr(web_app, "SEARCH_COUNT_CAP", 2)
    monkeypatch.setattr(web_app, "COUNT_CAP", 3)
    for path in ("/api/events", "/api/canonical-events"):
        everything = client.get(path, params={"q": "shelled", "limit": 500}).json()
        assert everything["total"] == 6 and everything["total_is_lower_bound"] is False  # the cap grows to the page
        first = client.get(path, params={"q": "shelled", "limit": 2}).json()
        assert first["total"] == 2 and first["total_is_lower_bound"] is True and first["next_offset"] == 2
        ids, offset = [], 0
        while offset is not None:
            page = client.get(path, params={"q": "shelled", "limit": 2, "offset": offset}).json()
            ids += [item["id"] for item in page["items"]]
            offset = page["next_offset"]
        assert ids == [item["id"] for item in everything["items"]]
        assert page["total"] == 6 and page["total_is_lower_bound"] is False  # the last page knows the end
        past = client.get(path, params={"q": "shelled", "limit": 2, "offset": 100}).json()
        assert past["items"] == [] and past["total"] == 6 and past["next_offset"] is None
    broad = client.get("/api/canonical-events", params={"limit": 1}).json()  # merged events: the wider cap
    assert broad["total"] == 3 and broad["total_is_lower_bound"] is True
    exact = client.get("/api/events", params={"lang": "en", "limit": 1}).json()
    assert exact["total"] == 7 and exact["total_is_lower_bound"] is False and exact["next_offset"] == 1
    assert "of 2+ matching" in client.get("/", params={"q": "shelled"}).text
    assert "of 1 matching" in client.get("/", params={"q": "Khalidiya"}).text
