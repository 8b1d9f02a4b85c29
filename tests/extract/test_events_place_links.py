"""Event location rules that decide whether two reports of one happening can be linked across documents:
the speaker's city is not the scene, a district named like its seat town is the town, the telling that
gives the toll places the event, and an attacker's retreat settles the battle's outcome."""

from __future__ import annotations

import json

from rasad.model import Document, Event
from rasad.pipeline import build_pipeline
from tests.conftest import require_shared


def _run(text: str) -> Document:
    doc = Document.create(text, lang="ar")
    build_pipeline(until="events")(doc)
    return doc


def _only(doc: Document, sub: str) -> Event:
    found = [e for e in doc.events if e.sub_event_type == sub]
    assert len(found) == 1, [(e.sub_event_type, e.location and e.location.name) for e in doc.events]
    return found[0]


def test_a_capital_right_after_a_speech_verb_is_the_speaker_not_the_scene() -> None:
    doc = _run("ونفت أنقرة اتهامات المقاتلين الأكراد بقصف الجيش التركي مواقعهم في قرية حدودية.")
    assert [m.text for m in doc.mentions_of("place")] == ["أنقرة"]  # the geoparser found the city ...
    shelling = _only(doc, "Shelling/artillery/missile attack")
    assert shelling.location is None  # ... and the event is not placed at it
    # the same city as the scene of the act keeps it
    doc = _run("قصفت طائرات مجهولة مواقع في أنقرة صباح اليوم.")
    strike = next(e for e in doc.events if e.event_type == "Explosions/Remote violence")
    assert strike.location is not None and strike.location.name == "Ankara"


def test_a_district_named_like_its_seat_town_is_the_town_the_article_names() -> None:
    text = ("قصفت قوات النظام مدينة الزبداني بالبراميل المتفجرة صباح اليوم. "
            "واستمرت الاشتباكات العنيفة في محيط الزبداني بين قوات النظام وفصائل المعارضة.")
    doc = _run(text)
    second = text.rindex("الزبداني")
    district = [m for m in doc.mentions_of("place") if m.start == second]
    assert district and district[0].attrs.get("feature") == "admin2"  # the geoparser's reading of the name
    clash = _only(doc, "Armed clash")
    assert clash.location is not None and clash.location.feature == "town"
    assert clash.location.name == _only(doc, "Air/drone strike").location.name  # type: ignore[union-attr]
    # provenance: the clash keeps the offsets of the name in its own sentence
    assert (clash.location.start, clash.location.end) == (second, second + len("الزبداني"))


def test_the_telling_that_gives_the_toll_places_the_event() -> None:
    text = ("مقتل 15 مدنيا بسقوط طائرة للنظام في ريف إدلب\n\n"
            "سقطت طائرة حربية للنظام السوري في مدينة أريحا بريف إدلب وأسفر ذلك عن مقتل 15 شخصا صباح اليوم. "
            "ويستهدف الطيران المروحي بالبراميل المتفجرة أحياء مدينة إدلب منذ أيام.")
    doc = _run(text)
    tolled = [e for e in doc.events if e.fatalities is not None and e.fatalities.best == 15]
    assert len(tolled) == 1
    loc = tolled[0].location
    assert loc is not None and loc.text == "أريحا" and text[loc.start:loc.end] == "أريحا"


def test_the_attackers_retreat_means_the_place_is_held() -> None:
    base = "اندلعت اشتباكات عنيفة في بلدة مورك بين قوات النظام وفصائل المعارضة"
    assert _only(_run(base + "، وتراجعت قوات النظام إلى مواقعها السابقة."), "Armed clash").outcome == "holding"
    # the other side's retreat, or none, says nothing of the kind
    assert _only(_run(base + "، وتراجعت فصائل المعارضة إلى مواقعها السابقة."), "Armed clash").outcome == "contested"
    assert _only(_run(base + "."), "Armed clash").outcome == "contested"


def test_a_retreat_told_with_a_capture_is_no_repelled_assault() -> None:
    """SaudiNewsNet reports of the Anbar University operation: the government forces "impose full control
    on the campus and used the retreat of the Daesh fighters to advance" -- the retreat belongs to the
    capture, so no battle there ends "holding"."""
    path = require_shared("data", "news", "saudinewsnet_ar.jsonl")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if "تقهقر مقاتلي داعش" in line:
                rows.append(json.loads(line))
    assert len(rows) >= 2
    for row in rows:
        doc = _run(f"{row['title']}\n\n{row['content']}")
        assert doc.events, row["id"]
        assert all(e.outcome != "holding" for e in doc.events if e.event_type == "Battles"), row["id"]


def test_an_event_placed_in_a_country_inherits_no_city_abroad() -> None:
    """The sentence before names Washington for another event; "... in Syria" stays in Syria."""
    doc = _run("قال مسؤول أمريكي إن طائرات التحالف قصفت مواقع داعش في واشنطن. "
               "وقصفت المدفعية التركية مواقع للمقاتلين الأكراد في سوريا.")
    shelling = _only(doc, "Shelling/artillery/missile attack")
    assert shelling.location is not None and shelling.location.name == "Syria"
    # a town of the same country is still the more precise place of an event told "in Syria"
    doc = _run("قصفت طائرات النظام مدينة حلب صباح اليوم. وقصفت المدفعية مواقع للمعارضة في سوريا.")
    shelling = _only(doc, "Shelling/artillery/missile attack")
    assert shelling.location is not None and shelling.location.name == "Aleppo"
