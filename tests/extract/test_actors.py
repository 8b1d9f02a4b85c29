"""Actor dictionary and matcher on real text: canonical ids, the outlet's wording, clitics, label kinds."""

from __future__ import annotations

import pytest

from rasad.extract.actors import PhraseMatcher, actor_entries, actors_stage, find_actors
from rasad.model import ACLED_TAXONOMY, Document
from rasad.pipeline import build_pipeline


def _doc(text: str, lang: str) -> Document:
    doc = Document.create(text, lang=lang)
    build_pipeline(until="places")(doc)  # generic wordings take the country of the places found first
    doc.lang = lang
    for s in doc.sentences:
        s.lang = lang
    return doc


@pytest.fixture(scope="module")
def seed_actor_docs(seed_texts: dict[str, str]) -> dict[str, Document]:
    langs = {"000": "ar", "001": "fa", "002": "ar"}
    docs = {}
    for key, text in seed_texts.items():
        doc = _doc(text, langs[key])
        actors_stage(doc)
        docs[key] = doc
    return docs


def test_seed_000_government_forces_and_allies(seed_actor_docs: dict[str, Document]) -> None:
    doc = seed_actor_docs["000"]
    ids = {m.canonical_id for m in doc.mentions_of("actor")}
    assert {"sy_gov_forces", "hezbollah", "ir_forces", "iq_militias", "sy_opposition", "fsa",
            "sy_progov_militia"} <= ids
    first = doc.mentions_of("actor")[0]
    # raw offsets and the outlet's own wording
    assert doc.text[first.start:first.end] == first.text == "قوات النظام السوري"
    assert first.attrs["label_kind"] == "pejorative" and first.attrs["inter"] == 1


def test_proclitics_do_not_enter_the_wording(seed_actor_docs: dict[str, Document]) -> None:
    doc = seed_actor_docs["000"]
    # "بمقاتلي حزب الله" -> the wording starts after the proclitic ب
    hez = [m for m in doc.mentions_of("actor") if m.canonical_id == "hezbollah"]
    assert any(m.text == "مقاتلي حزب الله" for m in hez)
    # "للقوات النظامية": the article merged into لل still matches "القوات النظامية"
    assert any(m.canonical_id == "sy_gov_forces" and doc.text[m.start - 2:m.start] == "لل"
               for m in doc.mentions_of("actor"))


def test_persian_state_wording_keeps_the_words(seed_actor_docs: dict[str, Document]) -> None:
    doc = seed_actor_docs["001"]
    armed = [m for m in doc.mentions_of("actor") if m.text.startswith("گروه") and "مسلح" in m.text]
    assert armed, "گروه‌های مسلح not found"
    assert all(m.canonical_id == "sy_opposition" for m in armed)
    assert {m.attrs["label_kind"] for m in armed} == {"state-wording"}
    terror = [m for m in doc.mentions_of("actor") if m.text == "گروه تروریستی"]
    assert terror and terror[0].canonical_id == "sy_opposition" and terror[0].attrs["label_kind"] == "pejorative"
    # longest match: "ارتش اسرائیل" is Israel, not the Syrian army
    assert any(m.text == "ارتش اسرائیل" and m.canonical_id == "il_forces" for m in doc.mentions_of("actor"))


def test_zwnj_variants_match_alike() -> None:
    with_zwnj = _doc("گروه‌های تروریستی به شهر حمله کردند.", "fa")
    without = _doc("گروههای تروریستی به شهر حمله کردند.", "fa")
    assert [m.canonical_id for m in find_actors(with_zwnj)] == [m.canonical_id for m in find_actors(without)] \
        == ["sy_opposition"]
    assert find_actors(with_zwnj)[0].text == "گروه‌های تروریستی"


def test_english_words_and_boundaries() -> None:
    doc = _doc("Regime forces shelled the town while Turkish-backed rebels clashed with the SDF. "
               "The armistice held.", "en")
    got = [(m.text, m.canonical_id) for m in find_actors(doc)]
    assert ("Regime forces", "sy_gov_forces") in got
    assert ("SDF", "sdf") in got
    assert ("Turkish-backed rebels", "fsa") in got
    # "army" inside "armistice" is not a match
    assert not any(m.text.lower().startswith("armi") for m, in [(m,) for m in find_actors(doc)])


def test_matcher_wildcard_and_suffix() -> None:
    m = PhraseMatcher("en", [("shell*", "S"), ("rebel", "R")])
    text = "they shelled rebels and shellfish"
    hits = [(text[h.start:h.end], h.payload) for h in m.find(text)]
    assert ("shelled", "S") in hits and ("rebels", "R") in hits
    m2 = PhraseMatcher("en", [("shell", "S")])
    assert m2.find("shelled") == []


def test_every_lexicon_entry_is_well_formed() -> None:
    kinds = {"neutral", "pejorative", "self", "state-wording"}
    for lang in ("ar", "fa", "en"):
        entries = [(w, e) for w, e in actor_entries(lang) if e is not None]  # None: a not-actor wording
        assert len(entries) > 100
        assert {e.label_kind for _, e in entries} <= kinds
        assert all(1 <= e.inter <= 8 for _, e in entries)
    assert len(ACLED_TAXONOMY) == 6


def _actor_ids(text: str) -> list[str | None]:
    doc = Document.create(text, lang="ar")
    build_pipeline(until="actors")(doc)
    return [m.canonical_id for m in doc.mentions_of("actor")]


def test_nationality_adjective_names_whose_generic_forces() -> None:
    # the adjective after a generic wording wins over the country of the places in the sentence
    assert _actor_ids("قصفت طائرات حربية تركية مواقع لتنظيم داعش في ريف حلب شمال سوريا.")[0] == "tr_forces"
    assert _actor_ids("واعتقلت الشرطة التركية عشرات المشتبه بهم في مدينة حلب السورية.")[0] == "tr_forces"
    assert _actor_ids("وقصف الطيران الحربي الروسي بلدات في ريف إدلب.")[0] == "ru_forces"
    # without an adjective the generic wording still takes the sentence's country
    assert _actor_ids("قصفت طائرات حربية مواقع لتنظيم داعش في ريف حلب شمال سوريا.")[0] == "sy_gov_forces"
    assert _actor_ids("قصفت طائرات حربية مواقع للحوثيين في صنعاء باليمن.")[0] == "sa_coalition"
