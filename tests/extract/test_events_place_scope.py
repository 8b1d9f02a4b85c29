"""Event places the text itself rules out or corrects: a country across a border from the scene or a
journey's destination is not where the event happened, and a place the gazetteer reads as a namesake in
another province or country yields to the area the text puts it in."""

from __future__ import annotations

from rasad.model import Document, Event
from tests.extract.event_runs import doc_with_events as _run


def _places(doc: Document) -> list[str | None]:
    return [e.location.name if e.location else None for e in doc.events]


def _one(doc: Document) -> Event:
    assert len(doc.events) == 1, _places(doc)
    return doc.events[0]


def test_a_country_across_the_border_is_not_the_scene_arabic() -> None:
    doc = _run("قتل جنديان في انفجار عبوة ناسفة أثناء مرور قافلة عسكرية في منطقة جبلية على الحدود مع العراق.", "ar")
    assert any(m.attrs.get("country") == "IRQ" for m in doc.mentions_of("place"))
    assert all(e.location is None or e.location.country != "IRQ" for e in doc.events), _places(doc)
    # the same country named as the scene stays the place
    doc = _run("قتل جنديان في انفجار عبوة ناسفة أثناء مرور قافلة عسكرية في شمال العراق.", "ar")
    assert any(e.location is not None and e.location.country == "IRQ" for e in doc.events), _places(doc)


def test_a_country_across_the_border_is_not_the_scene_english() -> None:
    doc = _run("Two soldiers were killed in a roadside bomb blast near the border with Syria.", "en")
    assert any(m.attrs.get("country") == "SYR" for m in doc.mentions_of("place"))
    assert all(e.location is None or e.location.country != "SYR" for e in doc.events), _places(doc)
    # a container word after the border phrase names the scene itself
    doc = _run("Rebels shelled army posts near the border with Turkey in Kassab.", "en")
    assert any(e.location is not None and e.location.name.startswith("Kassab") for e in doc.events), _places(doc)


def test_a_place_the_text_puts_in_another_province_yields_to_that_province() -> None:
    # الحميدية is also a village of Tartous; "في ريف القنيطرة" says which one is meant
    doc = _run("قصفت القوات النظامية بالمدفعية الثقيلة بلدة الحميدية في ريف القنيطرة.", "ar")
    event = _one(doc)
    assert event.location is not None and event.location.admin1 == "Quneitra", _places(doc)
    # the place's offsets stay those of words in the text
    assert doc.text[event.location.start:event.location.end] in doc.text  # type: ignore[misc]
    # a place that does lie in the area the text names keeps its own precision
    doc = _run("Airstrikes hit the town of Kafr Takharim in Idlib province on Tuesday.", "en")
    event = _one(doc)
    assert event.location is not None and event.location.feature in ("town", "city", "village"), _places(doc)


def test_a_place_in_an_outlet_name_or_an_organisation_base_is_not_the_scene() -> None:
    # "SANA" is also a village for the gazetteer; the agency that reports is not where the shells fell
    doc = _run("Mortar shells fired by terrorists hit a school, SANA reported.", "en")
    assert doc.events and all(e.location is None for e in doc.events), _places(doc)
    # a country inside an outlet's name ("Times of Israel") is not the scene either ...
    doc = _run("Five fighters were killed in an airstrike, the Times of Israel reported.", "en")
    assert doc.events and all(e.location is None for e in doc.events), _places(doc)
    # ... while the same country named as the scene is the place
    doc = _run("Five fighters were killed in an airstrike in Israel, the agency reported.", "en")
    assert any(e.location is not None and e.location.country == "ISR" for e in doc.events), _places(doc)
    # ... nor an organisation's base: the fighting is placed where the sentence before put it
    doc = _run("Government aircraft bombed the town of Douma on Friday. "
               "Rebels have been fighting the army for three years, said the Britain-based Observatory.", "en")
    assert doc.events and all(e.location is None or e.location.country != "GBR" for e in doc.events), _places(doc)


def test_where_the_fire_came_from_is_not_where_a_shelling_happened() -> None:
    doc = _run("Terrorist groups positioned in the Eastern Ghouta targeted a residential neighborhood with mortar "
               "shells, killing a woman.", "en")
    assert doc.events and all(e.location is None for e in doc.events), _places(doc)
    doc = _run("واستهدفت المجموعات المسلحة المتمركزة في الغوطة الشرقية بقذائف الهاون حيا سكنيا مما أدى إلى مقتل امرأة.",
               "ar")
    assert doc.events and all(e.location is None for e in doc.events), _places(doc)
    # in a clash the fighters' position is the scene
    doc = _run("Militants positioned in the Eastern Ghouta attacked an army checkpoint, killing a soldier.", "en")
    assert any(e.location is not None and e.location.name == "Eastern Ghouta" for e in doc.events), _places(doc)


def test_a_lone_foreign_namesake_yields_to_the_documents_country() -> None:
    # "Iskandaron" is a bakery of Aleppo here; the gazetteer knows Iskenderun in Turkey, which nothing
    # else in the text names ("Iskandaron Street" is read as a street by the geoparser itself)
    doc = _run("Rebels shelled government positions in Aleppo and Idlib on Monday. A source in Aleppo said that "
               "terrorists fired a rocket shell near the Iskandaron bakery in al-Jamilyeh neighborhood in Aleppo "
               "city, killing three civilians.", "en")
    assert any(m.attrs.get("country") == "TUR" for m in doc.mentions_of("place"))
    assert doc.events and all(e.location is None or e.location.country == "SYR" for e in doc.events), _places(doc)
    # a place abroad the text names with its country stays where it is
    doc = _run("Rebels shelled government positions in Aleppo and Idlib on Monday. In Turkey, a car bomb "
               "exploded in Iskenderun near a police station, killing three people.", "en")
    assert any(e.location is not None and e.location.country == "TUR" for e in doc.events), _places(doc)


def test_a_lone_foreign_capital_is_its_government_not_a_namesake() -> None:
    # "Washington" named once in a Syrian story is the US government acting, not a misread Syrian place
    doc = _run("A chemical attack killed dozens in Khan Sheikhun in Idlib province on Tuesday. The Khan Sheikhun "
               "strike prompted Washington to launch missile strikes against an air base on Friday.", "en")
    missiles = [e for e in doc.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert missiles, _places(doc)
    # the US strike is not moved onto the town of the chemical attack it answered
    assert all(e.location is None or e.location.name != "Khān Shaykhūn" for e in missiles), _places(doc)


def test_a_container_word_after_the_border_opens_the_scene_persian() -> None:
    """"مرز با ترکیه نزدیک ماکو": the place after the locative is the scene, as with "در" -- Persian
    container words are matched in normalized form ("نزدیک" reads "نزديك" there)."""
    for gap in ("در", "نزدیک", "نزدیکی"):
        doc = _run(f"دو سرباز در انفجار بمب در مرز با ترکیه {gap} ماکو کشته شدند.", "fa")
        assert [e.location.name if e.location else None for e in doc.events] == ["Maku"], (gap, _places(doc))
