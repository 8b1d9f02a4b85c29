"""One campaign told several times in one article -- as a happening, a reaction in another capital, a plan
or a rumour -- is one event; "did not rule out" negates nothing; forces named by what they oppose do not
make the opposed actor a party."""

from __future__ import annotations

import pytest

from rasad.model import Document
from rasad.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def run(pipeline, text: str) -> Document:
    doc = Document.create(text, lang="fa")
    pipeline(doc)
    return doc


def test_reactions_and_plans_about_one_campaign_are_one_event(pipeline):
    doc = run(pipeline, (
        "جنگنده‌های ارتش آمریکا روز پنجشنبه حملات هوایی علیه مواضع داعش در سوریه را آغاز کردند. "
        "وزیر خارجه ترکیه در آنکارا گفت ترکیه از حملات هوایی ارتش آمریکا استقبال می‌کند. "
        "کنگره آمریکا پیش از این طرح حملات هوایی بر ضد داعش را تصویب کرده بود."))
    strikes = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1, [(e.location and e.location.name, e.polarity) for e in strikes]
    assert strikes[0].polarity == "asserted"
    assert strikes[0].location is not None and strikes[0].location.country in ("SYR", "Syria")


def test_strikes_at_two_towns_of_one_country_stay_two_events(pipeline):
    doc = run(pipeline, (
        "جنگنده‌های روسیه مواضع تروریست‌ها در شهر ادلب را بمباران کردند و 12 نفر کشته شدند. "
        "منابع محلی گفتند جنگنده‌های روسیه همچنین شهر دوما را بمباران کرده‌اند."))
    strikes = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 2


@pytest.mark.parametrize("text,polarity", [
    ("این مقام روسی احتمال حملات هوایی انگلیس در سوریه را رد نکرد.", None),
    ("ارتش سوریه حملات هوایی در ادلب را رد کرد.", "denied"),
])
def test_not_ruling_out_is_not_a_negation(pipeline, text, polarity):
    doc = run(pipeline, text)
    assert doc.events, text
    if polarity is None:
        assert doc.events[0].polarity not in ("negated", "denied")
    else:
        assert doc.events[0].polarity == polarity


def test_forces_named_by_what_they_oppose(pipeline):
    doc = run(pipeline, "جنگنده‌های روسیه مواضع نیروهای ضد دولت سوریه در حومه حلب را بمباران کردند.")
    gov = [m for m in doc.mentions if m.kind == "actor" and m.canonical_id == "sy_gov_forces"]
    assert gov and all(m.attrs.get("descriptor") for m in gov)
    assert doc.events and doc.events[0].actor1.canonical_id == "ru_forces"
    assert doc.events[0].actor2 is None or doc.events[0].actor2.canonical_id != "sy_gov_forces"
