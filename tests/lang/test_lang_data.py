"""Language data lives in data files: every shipped language spells out the keys the extractors read,
a malformed entry is reported with its file and key, and a new language folder holding nothing but data
files is picked up by the loaders (languages, speakers, names, claims, dates, outlets) without code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rasad.extract import claims, names, speakers
from rasad.extract.actor_context import actor_context
from rasad.extract.actors import word_shape
from rasad.extract.attribution import SourceSyntax
from rasad.extract.claims import claim_lexicon
from rasad.extract.dates import date_data
from rasad.extract.names import name_lexicon
from rasad.extract.outlets import outlet_lexicon
from rasad.extract.quantities import number_data, parse_numbers_yaml
from rasad.extract.speakers import first_word_rules, speaker_lexicon, token_forms
from rasad.lang import LanguageDataError, has_key, languages, load_yaml, word_list
from rasad.text.normalize import AR_PROCLITICS, FA_SUFFIXES, language_proclitics, persian_stem_candidates
from tests.conftest import REPO_ROOT

SHIPPED = ("ar", "fa", "en")

#: (file, key) every shipped language must spell out, even as an empty list: the keys moved out of code
REQUIRED = [
    *(("claims.yaml", key) for key in claims.REQUIRED_KEYS),
    *(("speakers.yaml", key) for key in speakers.REQUIRED_KEYS),
    *(("speakers.yaml", "names." + key) for key in names.REQUIRED_NAME_KEYS),
    *(("dates.yaml", key) for key in ("proclitics", "anchor_proclitics", "number_connectors", "one_words",
                                      "dateline_weekdays", "numeric_13xx_calendar", "year_13xx_calendar")),
    *(("morphology.yaml", key) for key in ("proclitics", "verb_proclitics", "suffixes", "articles", "article_endings",
                                           "preposition_proclitics", "word_endings", "adjective_after_noun",
                                           "apostrophe_in_words")),
    *(("numbers.yaml", key) for key in ("phrase_proclitics", "singular_people_proclitics")),
    ("actors.yaml", "coordination_words"), ("actors.yaml", "adjective_conjunctions"),
    ("reporting.yaml", "source_coordinators"),
    *(("reporting.yaml", "syntax." + key) for key in SourceSyntax.__dataclass_fields__),
    *(("actor_context.yaml", key) for key in ("fold", "apposition_gap", "descriptors_after", "before_window",
                                              "descriptors_before")),
]


def test_shipped_languages_have_their_folders() -> None:
    assert set(SHIPPED) <= set(languages())


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_required_key_is_spelled_out(lang: str) -> None:
    missing = [f"{name}: {key}" for name, key in REQUIRED if not has_key(lang, name, key)]
    assert not missing, f"lang/{lang} lacks {missing}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_loader_accepts_the_language(lang: str) -> None:
    lex = claim_lexicon(lang)
    assert lex.control.root and lex.demonstratives and lex.not_place_names
    assert speaker_lexicon(lang).trie.root
    assert name_lexicon(lang).person_titles
    assert date_data(lang) is not None
    assert outlet_lexicon(lang).names.root
    assert number_data(lang) is not None and actor_context(lang) is not None
    assert word_shape(lang).endings


def test_arabic_script_affixes_come_from_the_data() -> None:
    # the first word of a source phrase: proclitics stripped, the article restored after lam
    assert "المرصد" in token_forms("والمرصد", "ar", True)
    assert "العربية" in token_forms("للعربية", "ar", True)
    assert token_forms("وزارت", "fa", True) == ["وزارت", "زارت"]  # Persian: only the conjunction
    assert token_forms("Observatory", "en", True) == ["Observatory"]
    assert first_word_rules("en").proclitics == ()
    # names: case is evidence in English only; the article marks Arabic family names
    assert name_lexicon("en").capitalised and not name_lexicon("ar").capitalised
    assert name_lexicon("ar").article_family_names == ("ال",)
    # claims: each language its own purpose words and pronouns
    assert "بهدف" in claim_lexicon("ar").purpose_before and "بهدف" not in claim_lexicon("fa").purpose_before
    assert "it" in claim_lexicon("en").place_pronouns and "it" not in claim_lexicon("ar").place_pronouns


def test_affixes_of_the_matchers_come_from_morphology() -> None:
    # normalize keeps its module-level names, now read from the data (places and actors import them)
    assert AR_PROCLITICS == language_proclitics("ar") and AR_PROCLITICS[0] == "وبال" and "ك" in AR_PROCLITICS
    assert language_proclitics("fa") == () and language_proclitics("en") == ()
    assert FA_SUFFIXES[:2] == ("هاي", "ها")
    assert persian_stem_candidates("گروههاي")[:2] == ["گروههاي", "گروه"]
    # actors: the article and its proclitics in Arabic only; an apostrophe is part of an English word
    ar, fa, en = word_shape("ar"), word_shape("fa"), word_shape("en")
    assert ar.articles == ("ال",) and "لل" in ar.article_prefixes and "وس" in ar.plain_prefixes
    assert not fa.plain_prefixes and not en.article_prefixes
    assert ar.adjective_after_noun and fa.adjective_after_noun and not en.adjective_after_noun
    assert en.apostrophe_in_words and "'s" in en.endings and "شان" in fa.endings
    # quantities: Arabic vague words carry proclitics, Persian ones do not
    assert "والعشرات" in number_data("ar").trigger_words
    assert "دهها" in number_data("fa").trigger_words and "ودهها" not in number_data("fa").trigger_words


def test_a_bad_actor_context_pattern_names_the_file(tmp_path: Path) -> None:
    stderr = _rejected_stderr(tmp_path, "xx", "actor_context.yaml",
                              "descriptors_before:\n  - {kind: held, pattern: 'x$'}\n",
                              "rasad.extract.actor_context:actor_context")
    assert "LanguageDataError" in stderr and "descriptors_before[0]" in stderr


def test_quantity_proclitics_are_read_from_numbers_yaml() -> None:
    data = dict(load_yaml("ar", "numbers.yaml"))
    with_them = parse_numbers_yaml("ar", data)
    without = parse_numbers_yaml("ar", {**data, "phrase_proclitics": [], "singular_people_proclitics": []})
    assert "بالعشرات" in with_them.trigger_words and "بالعشرات" not in without.trigger_words
    assert "الطفل" in with_them.singular_people and "الطفل" not in without.singular_people
    with pytest.raises(LanguageDataError, match="phrase_proclitics"):
        parse_numbers_yaml("ar", {**data, "phrase_proclitics": "و"})


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")


def _run(code: str, lang_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RASAD_LANG_PATH": str(lang_path)}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=env, cwd=REPO_ROOT, timeout=120)


def _rejected_stderr(lang_path: Path, lang: str, file_name: str, text: str, loader: str) -> str:
    """Write ``text`` as ``lang``'s ``file_name`` under ``lang_path``, call ``loader`` ("module:function") on
    ``lang`` in a fresh interpreter and return its stderr, once the load is checked to fail naming the file."""
    _write(lang_path / lang, {file_name: text})
    module, function = loader.split(":")
    proc = _run(f"from {module} import {function}\n{function}({lang!r})\n", lang_path)
    assert proc.returncode != 0
    assert str(lang_path / lang / file_name) in proc.stderr
    return proc.stderr


def test_a_bad_entry_names_the_file_and_the_key(tmp_path: Path) -> None:
    # an unquoted "on" is read by YAML as true: the list is no list of words any more
    stderr = _rejected_stderr(tmp_path, "xx", "claims.yaml", "control: []\nnot_place_names: [of, on, in]\n",
                              "rasad.extract.claims:claim_lexicon")
    assert "LanguageDataError" in stderr and "not_place_names" in stderr


def test_word_list_rejects_a_mapping_where_a_list_belongs() -> None:
    with pytest.raises(LanguageDataError, match=r"claims\.yaml: control"):
        word_list("ar", "claims.yaml", "control")  # a list of mappings, not of words


#: A tiny Turkish: one reporting verb, one source, one control phrase, two months -- data only.
_TURKISH = {
    "reporting.yaml": """
        # one reporting verb; SOV like Persian: the source opens the clause
        verbs:
          asserts: [dedi]
          denies: []
        complementizers: [ki]
        source_coordinators: [ve]
        syntax:
          subject_first: before
          subject_as_written: clause_start
    """,
    "speakers.yaml": """
        anonymous:
          "askeri kaynak": {role: military source, domain: military}
        names:
          capitalised: true
    """,
    "claims.yaml": """
        control:
          - {term: kontrolü ele geçirdi, outcome: captured}
        place_nouns: [kasaba, kent]
        demonstratives: [bu]
    """,
    "morphology.yaml": """
        # Turkish case endings after an apostrophe: "ışid'in" is one word
        word_endings: ["'in", "'nin"]
        apostrophe_in_words: true
    """,
    "actors.yaml": """
        actors:
          isis:
            neutral: [ışid]
    """,
    "actor_context.yaml": """
        # "X kontrolündeki kasaba": the town under X's control -- X holds it, it is no party
        descriptors_after:
          - kind: territory
            pattern: '\\s+kontrolündeki\\b'
    """,
    "dates.yaml": """
        months:
          gregorian: {haziran: 6, temmuz: 7}
        weekdays: {}
        deictic: {dün: -1}
        units: {}
        periods: {}
        modifiers: {}
        ago: {}
        orders: [dmy]
        numeric_order: dmy
        week_start: mon
    """,
}


def test_a_new_language_is_data_only(tmp_path: Path) -> None:
    _write(tmp_path / "tr", _TURKISH)
    proc = _run("""
        import json
        from datetime import datetime
        from rasad.extract.claims import claim_lexicon
        from rasad.extract.dates import dates_stage
        from rasad.extract.speakers import resolve_speaker, tokenize
        from rasad.lang import languages
        from rasad.lang.check import check_languages
        from rasad.model import Document
        from rasad.pipeline import build_pipeline
        from rasad.text.normalize import normalize_term

        text = "Askeri kaynak dün dedi ki ordu 12 Temmuz 2016 tarihinde kasabanın kontrolü ele geçirdi."
        tokens = tokenize(normalize_term(text))
        raw = [text[t.start:t.end] for t in tokenize(text)]
        speaker = resolve_speaker(tokens[:2], raw[:2], "tr")
        control = claim_lexicon("tr").control
        starts = [tokens[i].text for i in control.starts(tokens, "tr") if control.match(tokens, i, "tr")]
        doc = Document.create(text, lang="tr", meta={"lang_override": "tr"}, published=datetime(2016, 7, 14))
        build_pipeline(until="sentences")(doc)
        dates_stage(doc)
        from rasad.extract.actors import actors_stage
        actor_doc = Document.create("ışid'in saldırısında ... ışid kontrolündeki kasaba", lang="tr",
                                    meta={"lang_override": "tr"})
        build_pipeline(until="sentences")(actor_doc)
        actors_stage(actor_doc)
        actors = [(m.text, m.canonical_id, m.attrs.get("descriptor")) for m in actor_doc.mentions_of("actor")]
        from rasad.extract.attribution import analyse_document
        said = Document.create("Askeri kaynak dedi ki ordu kasabayı ele geçirdi. Çatışma çıktı, belediye başkanı dedi ki 5 kişi öldü.",
                               lang="tr", meta={"lang_override": "tr"})
        build_pipeline(until="sentences")(said)
        speakers = [(r.attribution.speaker.kind, r.attribution.speaker.role, r.attribution.speaker.name,
                     r.attribution.reporting_verb) for r in analyse_document(said).regions]
        report = check_languages(["tr"])[0]
        print(json.dumps({
            "languages": languages(),
            "speaker": speaker[0].role if speaker else None,
            "control": starts,
            "dates": sorted((m.text, m.attrs["start"]) for m in doc.mentions_of("date")),
            "actors": actors,
            "speakers": speakers,
            "check_errors": report.errors,
        }))
    """, tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "tr" in out["languages"] and {"ar", "fa", "en"} <= set(out["languages"])
    assert out["speaker"] == "military source"
    assert out["control"] == ["kontrolü"]
    assert ["12 Temmuz 2016", "2016-07-12"] in out["dates"] and ["dün", "2016-07-13"] in out["dates"]
    assert out["actors"] == [["ışid'in", "isis", None], ["ışid", "isis", "territory"]]
    assert out["check_errors"] == []
    # attribution reads tr/reporting.yaml (was: English words for any other language): the known source
    # before the verb, then an unknown one taken as written from the clause start (syntax.subject_as_written)
    assert [s[:2] + [s[3]] for s in out["speakers"]][0] == ["anonymous", "military source", "dedi"]
    assert out["speakers"][-1][:2] == ["anonymous", None] and out["speakers"][-1][3] == "dedi"
    assert out["speakers"][-1][2] == "belediye başkanı"


def test_a_bad_reporting_syntax_names_the_file_and_the_key(tmp_path: Path) -> None:
    loader = "rasad.extract.attribution:reporting_lexicon"
    stderr = _rejected_stderr(tmp_path, "xx", "reporting.yaml", "syntax:\n  subject_first: sideways\n", loader)
    assert "syntax.subject_first" in stderr
    stderr = _rejected_stderr(tmp_path, "yy", "reporting.yaml", "syntax:\n  nested_speach: true\n", loader)
    assert "nested_speach" in stderr


def test_source_word_order_comes_from_the_data() -> None:
    # Arabic VSO with the verb-article and nested-speech rules, Persian SOV reaching over commas,
    # English inverted attribution: each a data entry, none a language test in the code
    from rasad.extract.attribution import reporting_lexicon

    ar, fa, en = (reporting_lexicon(lang).syntax for lang in ("ar", "fa", "en"))
    assert (ar.subject_first, fa.subject_first, en.subject_first) == ("after", "before", "before")
    assert "ال" in ar.verb_article_prefixes and ar.nested_speech and not fa.nested_speech
    assert fa.subject_crosses_commas and fa.subject_reach > en.subject_reach
    assert en.inverted_after_quote and not ar.inverted_after_quote
    assert reporting_lexicon("en").coordinators == {"and", "or"}
