"""Modality cues scope over triggers only within their window, clause and sentence."""

from __future__ import annotations

import pytest

from rasad.extract.events import extract_events
from rasad.model import Document
from rasad.pipeline import build_pipeline


def _events(text: str, lang: str) -> list:
    doc = Document.create(text, lang=lang)
    build_pipeline(until="quantities")(doc)
    return extract_events(doc)[0]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("لم تسيطر قوات النظام على حي الخالدية في حمص.", "ar", "negated"),
    ("سيطرت قوات النظام على حي الخالدية في حمص.", "ar", "asserted"),
    ("نفى الجيش الحر أن تكون قوات النظام قد سيطرت على حي الخالدية.", "ar", "denied"),
    ("وتستعد قوات النظام لاقتحام حي الخالدية في حمص.", "ar", "planned"),
    ("إذا اقتحمت قوات النظام حي الخالدية فإن المعارضة ستنسحب.", "ar", "hypothetical"),
    ("وترددت أنباء عن غارة جوية على مدينة نوى.", "ar", "reported"),
    # "أن تم" after a preposition of time is a past fact; normalized, it reads like the conditional "إن تم"
    ("ظل المطار مغلقا أربعة أشهر إلى أن تم تحرير المدينة من الميليشيات.", "ar", "asserted"),
    ("عاد السكان بعد أن تم تحرير مدينة تدمر من تنظيم داعش.", "ar", "asserted"),
    ("گروه‌های مسلح سیطره ارتش سوریه بر این منطقه را رد کردند.", "fa", "denied"),
    ("ارتش سوریه کنترل منطقه را به‌دست گرفت.", "fa", "asserted"),
    ("Rebels denied that government forces had captured the town of Khan Sheikhoun.", "en", "denied"),
    ("Government forces failed to capture the town of Khan Sheikhoun.", "en", "negated"),
    ("Government forces captured the town of Khan Sheikhoun.", "en", "asserted"),
    ("Turkey threatened to shell Afrin if the YPG did not withdraw.", "en", "planned"),
])
def test_polarity(text: str, lang: str, expected: str) -> None:
    events = _events(text, lang)
    assert events, f"no event in {text!r}"
    assert events[0].polarity == expected
    if expected != "asserted":
        cue = events[0].attrs.get("modality_cue")
        assert cue is not None and text[cue["start"]:cue["end"]] == cue["text"]


def test_negation_does_not_cross_a_contrast() -> None:
    events = _events("لم يعلق النظام على الخبر، لكن قوات النظام سيطرت على حي الخالدية.", "ar")
    assert [e.polarity for e in events] == ["asserted"]


def test_purpose_noun_is_not_an_event() -> None:
    # "to take control of" states the goal of the assault, not a second event
    events = _events("اقتحمت قوات النظام حي الخالدية للسيطرة على معاقل المعارضة.", "ar")
    assert [e.sub_event_type for e in events] == ["Armed clash"]
