"""Actors resolved from context: generic state-force words take the country of the place, a falling rocket
is not a captured town, and a country after "based in" is a place, not an armed actor."""

from __future__ import annotations

import pytest

from rasad.model import Document
from rasad.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def events_of(pipeline, text: str):
    doc = Document.create(text)
    pipeline(doc)
    return doc


@pytest.mark.parametrize("text,country_force", [
    ("قصفت القوات الحكومية مواقع للحوثيين في مدينة تعز صباح اليوم، ما أسفر عن مقتل 5 مسلحين.", "ye_gov_forces"),
    ("قصفت القوات الحكومية أحياء في مدينة حمص صباح اليوم، ما أسفر عن مقتل 5 مدنيين.", "sy_gov_forces"),
    ("Government forces shelled Houthi positions in Taiz on Sunday, killing 5 fighters.", "ye_gov_forces"),
    ("Government forces shelled rebel positions near Hama on Sunday, killing 5 fighters.", "sy_gov_forces"),
])
def test_generic_government_forces_take_the_country_of_the_place(pipeline, text, country_force):
    doc = events_of(pipeline, text)
    assert doc.events, text
    assert doc.events[0].actor1 is not None and doc.events[0].actor1.canonical_id == country_force


def test_houthis_are_an_actor_in_three_languages(pipeline):
    for text in ("قصفت ميليشيا الحوثي أحياء سكنية في مدينة تعز.", "Houthi rebels shelled residential areas of Taiz.",
                 "شبه‌نظامیان حوثی مناطق مسکونی تعز را گلوله‌باران کردند."):
        ids = {m.canonical_id for m in events_of(pipeline, text).mentions if m.kind == "actor"}
        assert "houthis" in ids, text


def test_a_falling_rocket_is_not_a_captured_town(pipeline):
    doc = events_of(pipeline, "سقط صاروخ على حي سكني في مدينة حلب أمس دون وقوع إصابات.")
    assert all(e.event_type != "Battles" for e in doc.events)
    captured = events_of(pipeline, "أعلن تنظيم داعش سقوط مدينة الرمادي بيد مقاتليه بعد معارك عنيفة مع الجيش العراقي.")
    battle = [e for e in captured.events if e.event_type == "Battles"]
    assert battle and battle[0].sub_event_type == "Non-state actor overtakes territory"
    assert {battle[0].actor1.canonical_id, battle[0].actor2.canonical_id} == {"isis", "iq_gov_forces"}


def test_a_country_after_based_in_is_not_an_armed_actor(pipeline):
    doc = events_of(pipeline, "وقال المرصد السوري لحقوق الإنسان، ومقره بريطانيا، إن الطيران الحربي شن غارات على "
                              "مدينة إدلب.")
    assert "gb_forces" not in {m.canonical_id for m in doc.mentions if m.kind == "actor"}
    assert [e.sub_event_type for e in doc.events] == ["Air/drone strike"]


@pytest.mark.parametrize("text,holder", [
    ("قصفت قوات النظام المناطق الخاضعة لسيطرة تنظيم داعش في ريف حلب أمس.", "isis"),
    ("وقصف النظام صباح اليوم مناطق واقعة تحت سيطرة المعارضة في مدينة حلب.", "sy_opposition"),
    ("قصفت الطائرات الروسية بلدة جسر الشغور التي يسيطر عليها الثوار في ريف إدلب.", "sy_opposition"),
    ("ارتش سوریه مناطق تحت کنترل داعش در حومه حلب را بمباران کرد.", "isis"),
])
def test_arabic_and_persian_control_descriptors_are_not_event_parties(pipeline, text, holder):
    doc = events_of(pipeline, text)
    held = [m for m in doc.mentions if m.kind == "actor" and m.canonical_id == holder]
    assert held and all(m.attrs.get("descriptor") == "territory" for m in held), text
    assert doc.events, text
    for e in doc.events:
        assert e.actor1 is not None and e.actor1.canonical_id != holder
        assert e.event_type != "Battles", "a relative clause of present control is not a capture"


def test_coming_under_control_keeps_the_new_holder_as_a_party(pipeline):
    doc = events_of(pipeline, "شهر تدمر پس از درگیری‌های شدید تحت کنترل ارتش سوریه درآمد.")
    army = [m for m in doc.mentions if m.kind == "actor" and m.canonical_id == "sy_gov_forces"]
    assert army and "descriptor" not in army[0].attrs
    captured = events_of(pipeline, "سيطرت قوات النظام على مدينة تدمر التي كانت خاضعة لسيطرة تنظيم داعش منذ عام.")
    battle = [e for e in captured.events if e.event_type == "Battles"]
    assert battle and battle[0].actor1.canonical_id == "sy_gov_forces"


def test_fold_drops_diacritics_and_folds_letter_variants_like_a_translate_table(seed_texts: dict[str, str]) -> None:
    """``_fold`` (one ``str.replace`` per variant present) gives what ``str.translate`` with the fold table
    gives, on every 48-character window of the seed reports and on the variants themselves."""
    import re

    from rasad.extract.actor_context import _FOLD, _fold

    table = str.maketrans(_FOLD)
    diacritics = re.compile(r"[\u064b-\u0652\u0640]")
    assert _fold("إِسْرَائِيلِيَّة\u200cکی") == "اسرائيليه كي"
    for text in seed_texts.values():
        for start in range(0, len(text), 7):
            window = text[start:start + 48]
            assert _fold(window) == diacritics.sub("", window).translate(table)


def test_descriptor_needed_strings_never_skip_a_match() -> None:
    """``_descriptor`` searches a before-pattern only in a window holding one of its needed strings
    (:func:`needed_strings`); every window of real news that the pattern matches holds one."""
    import re

    from rasad.extract.actor_context import _fold, actor_context, needed_strings
    from tests.extract.test_document_scan import _real_texts

    assert needed_strings(re.compile(r"(?:^|\s)(?:ال)?خاضع(?:ه|ين)?\s+(?:ل)?$", re.I)) == {"خاضع"}
    assert needed_strings(re.compile(r"(?:خاضع|سيطره)\s+$", re.I)) == {"خاضع", "سيطره"}
    assert needed_strings(re.compile(r"\bheld\s+by\s+$", re.I)) is None  # cased letters: no shortcut
    assert needed_strings(re.compile(r"(?:خاضع|)\s+$", re.I)) is None  # a branch that may be empty
    windows = matched = 0
    for lang, text in _real_texts():
        ctx = actor_context(lang)
        assert ctx is not None
        for word in re.finditer(r"\w+", text):
            window = text[max(0, word.start() - ctx.before_window):word.start()]
            if ctx.fold:
                window = _fold(window)
            for d in ctx.before:
                windows += 1
                if d.pattern.search(window):
                    matched += 1
                    assert d.needed is None or any(s in window for s in d.needed), (d.kind, window)
    assert windows > 50_000 and matched > 0
