"""Person-name recognition: whole-corpus PER scores on ANERCorp / ArmanPersoNER and the general rules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rasad.extract.names import NameMemory, find_person_names
from rasad.extract.speakers import tokenize
from rasad.model import Document
from rasad.text.normalize_stage import ensure_norm
from tests.conftest import REPO_ROOT, require_shared


def _names(text: str, lang: str, memory: NameMemory | None = None) -> list[str]:
    doc = Document.create(text, lang=lang)
    ensure_norm(doc)
    assert doc.norm is not None
    toks = tokenize(doc.norm.text)
    raw = [text[slice(*doc.norm.to_raw(t.start, t.end))] for t in toks]
    return [" ".join(raw[a:b]) for a, b in find_person_names(toks, raw, lang, memory)]


@pytest.mark.parametrize(("lang", "rel", "tag", "floor"), [
    ("ar", ("ar_anercorp", "ANERCorp.txt"), "PERS", 0.40),
    ("fa", ("fa_arman", "test_fold1.txt"), "pers", 0.45),
])
def test_per_f1_on_ner_corpora(lang: str, rel: tuple[str, str], tag: str, floor: float) -> None:
    path = require_shared("data", "ner", *rel)
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    try:
        from eval_per_ner import evaluate
    finally:
        sys.path.pop(0)
    result = evaluate(Path(path), lang, tag)
    # before the given-name lists and the name rules: ar F1 0.227, fa F1 0.391
    assert result["f1"] >= floor, result


def test_seed_speaker_names(seed_texts: dict[str, str]) -> None:
    text = seed_texts["000"]
    sentence = text[text.index("وقال مدير المرصد"):text.index("للقوات النظامية.")]
    assert "رامي عبدالرحمن" in _names(sentence, "ar")
    sentence = text[text.index("إلى ذلك أكد"):text.index("في تصريحات إلى")]
    assert "خالد الخلف" in _names(sentence, "ar")


def test_role_nouns_need_a_name_after_them() -> None:
    assert _names("قال الرئيس السوداني عمر البشير إن الحكومة مستعدة للحوار", "ar") == ["عمر البشير"]
    assert _names("قال وزير الخارجية إن الحكومة مستعدة للحوار", "ar") == []
    assert _names("وزیر اطلاعات امروز به مجلس رفت", "fa") == []
    assert _names("آقای علی لاریجانی امروز به مجلس رفت", "fa") == ["علی لاریجانی"]
    assert _names("سید محمد خاتمی گفت که", "fa") == ["سید محمد خاتمی"]


def test_family_name_remembered_within_a_text() -> None:
    memory = NameMemory()
    assert _names("التقى كوندوليزا رايس بالرئيس في العاصمة", "ar", memory) == ["كوندوليزا رايس"]
    assert _names("وقالت رايس إن المحادثات كانت مثمرة", "ar", memory) == ["رايس"]
    # without the earlier sentence the lone family name is not recognised
    assert _names("وقالت رايس إن المحادثات كانت مثمرة", "ar") == []
