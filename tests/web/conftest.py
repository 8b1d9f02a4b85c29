"""A small store built by hand for the API and page tests (independent of the extractors), and a store
built by the real pipeline from the seeds for the end-to-end browser tests."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from rasad.model import (
    ActorRef,
    Attribution,
    CanonicalEvent,
    Claim,
    DateRef,
    Document,
    Event,
    FieldComparison,
    FieldValue,
    PlaceRef,
    Quantity,
    Report,
    Sentence,
    Speaker,
    Story,
)
from rasad.store.base import open_store
from rasad.text.sentences import split_sentences

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'


def _doc(text: str, lang: str, outlet: str, title: str) -> Document:
    doc = Document.create(text, lang=lang, outlet=outlet, title=title,
                          published=datetime(2024, 3, 2), published_precision="day")
    doc.sentences = [Sentence(s, e, i, lang) for i, (s, e) in enumerate(split_sentences(text))]
    return doc


def _event(doc: Document, n: int, trigger: str, sub: str, etype: str, place: PlaceRef, speaker: Speaker,
           outcome: str | None, killed: int | None) -> Event:
    t0 = doc.text.index(trigger)
    sent = doc.sentence_at(t0)
    assert sent is not None
    loc_text = place.text
    l0 = doc.text.index(loc_text)
    place = PlaceRef(**{**place.__dict__, "start": l0, "end": l0 + len(loc_text)})
    return Event(
        id=f"{doc.id}:e{n}", doc_id=doc.id, event_type=etype, sub_event_type=sub,
        trigger=doc.span(t0, t0 + len(trigger)), sentence=doc.span(sent.start, sent.end), lang=doc.lang,
        actor1=ActorRef("sy_gov_forces", "Military Forces of Syria", "x", inter=1, side="government"),
        location=place, date=DateRef(date(2024, 3, 1), date(2024, 3, 1), "day", "yesterday"),
        fatalities=Quantity(killed, killed, killed, str(killed)) if killed is not None else None,
        outcome=outcome, attribution=Attribution(speaker=speaker, outlet=doc.outlet),
    )


def build_fixture_store(path: Path) -> dict[str, str]:
    """Three tellings (ar, fa, en) of one fictional battle plus an unrelated strike; one hostile document."""
    place = PlaceRef("sy:homs-khalidiya", "Test District", "", feature="neighbourhood", country="SYR",
                     admin1="Homs", admin2="Homs", latitude=34.74, longitude=36.70, geo_precision=1)
    ar = _doc("سيطرت القوات الحكومية على حي الاختبار في حمص أمس بعد معارك عنيفة. وقتل 12 شخصا.", "ar",
              "Outlet A", "خبر")
    fa = _doc("گروه‌های مسلح از محله الاختبار عقب‌نشینی کردند و نیروهای دولتی پیشروی کردند.", "fa",
              "Outlet B", "خبر")
    en = _doc(f"Rebels still hold the Test District of Homs, activists said. {HOSTILE} Shelling continued.", "en",
              HOSTILE, HOSTILE)
    official = Speaker("anonymous", role="military official", organisation="org:sy_military", side="government")
    activists = Speaker("unnamed_group", name="activists", role="activists", side="opposition")
    e_ar = _event(ar, 0, "سيطرت", "Government regains territory", "Battles",
                  PlaceRef(**{**place.__dict__, "text": "حي الاختبار"}), official, "captured", 12)
    e_fa = _event(fa, 0, "عقب‌نشینی", "Non-violent transfer of territory", "Strategic developments",
                  PlaceRef(**{**place.__dict__, "text": "محله الاختبار"}), official, "withdrew", None)
    e_en = _event(en, 0, "still hold", "Armed clash", "Battles",
                  PlaceRef(**{**place.__dict__, "text": "Test District"}), activists, "holding", None)
    e_en2 = _event(en, 1, "Shelling", "Shelling/artillery/missile attack", "Explosions/Remote violence",
                   PlaceRef(**{**place.__dict__, "place_id": "sy:other", "name": "Other Town", "text": "Homs",
                               "admin1": "Hama", "latitude": 35.1, "longitude": 36.75}), activists, None, None)
    ar.events, fa.events, en.events = [e_ar], [e_fa], [e_en, e_en2]
    en.claims = [Claim(id=f"{en.id}:c0", doc_id=en.id, subject="place:sy:homs-khalidiya", predicate="control",
                       value="opposition", speaker=activists, outlet=en.outlet, evidence=e_en.trigger,
                       event_id=e_en.id, lang="en")]
    reps = [Report(d.id, e.id, d.outlet, d.lang) for d, e in ((ar, e_ar), (fa, e_fa), (en, e_en))]
    battle = CanonicalEvent(
        id="ce-battle", event_type="Battles", sub_event_type="Government regains territory", reports=reps,
        location=e_ar.location, date_start=date(2024, 3, 1), date_end=date(2024, 3, 1), date_precision="day",
        actor1=e_ar.actor1, fatalities_low=12, fatalities_best=12, fatalities_high=12, outcome="contested",
        contested_fields=["outcome"], n_sources=3, n_independent_sources=3, story_id="st-1",
        comparisons=[FieldComparison("outcome", "contradict", "outcome", [
            FieldValue("captured", ar.id, e_ar.id, ar.outlet, official),
            FieldValue("withdrew", fa.id, e_fa.id, fa.outlet, official),
            FieldValue("holding", en.id, e_en.id, en.outlet, activists)], "contested")],
    )
    strike = CanonicalEvent(
        id="ce-strike", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        reports=[Report(en.id, e_en2.id, en.outlet, "en")], location=e_en2.location, date_start=date(2024, 2, 20),
        date_end=date(2024, 2, 20), date_precision="day", n_sources=1, n_independent_sources=1, story_id="st-1",
    )
    with open_store(str(path)) as store:
        for d in (ar, fa, en):
            store.save_document(d)
        store.replace_merge([battle, strike], [Story("st-1", "Battle for Test District",
                                                     [ar.id, fa.id, en.id], ["ce-battle", "ce-strike"])])
    return {"ar": ar.id, "fa": fa.id, "en": en.id}


@pytest.fixture()
def fixture_store(tmp_path: Path) -> tuple[str, dict[str, str]]:
    db = tmp_path / "web.db"
    ids = build_fixture_store(db)
    return str(db), ids
