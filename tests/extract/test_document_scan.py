"""``scan_document`` walks a document once for the actor, trigger and modality lexicons together
(``actors._MatcherGroup``); each lexicon must still get exactly what its own ``PhraseMatcher.find`` gives."""

from __future__ import annotations

import csv
import json
from itertools import islice

from rasad.extract import actors
from rasad.extract.actors import (
    PhraseMatcher,
    _adjective_matcher,
    _document_matches,
    _MatcherGroup,
    actor_matcher,
    scan_document,
)
from rasad.extract.events import _trigger_matcher
from rasad.extract.modality import modality_matcher
from rasad.model import Document
from rasad.pipeline import build_pipeline
from rasad.text.normalize import normalize
from tests.conftest import require_shared

#: the nationality adjectives of ``actors._country_cues`` are walked with the three lexicons too
_SCANNERS = (actor_matcher, _trigger_matcher, modality_matcher, _adjective_matcher)


def _real_texts() -> list[tuple[str, str]]:
    """(language, text) of 40 Arabic, 20 Persian and 20 English news articles, read in place."""
    news = require_shared("data", "news")
    with (news / "saudinewsnet_ar.jsonl").open(encoding="utf-8") as fh:
        ar = [json.loads(line).get("content") or "" for line in islice(fh, 40)]
    with (news / "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
        fa = [" ".join(p for p in json.loads(line).get("paragraphs") or [] if isinstance(p, str))
              for line in islice(fh, 20)]
    with (news / "fakes_en_dev.csv").open(encoding="utf-8") as fh:
        en = [row["article_content"] for row in islice(csv.DictReader(fh), 20)]
    return [(lang, t) for lang, texts in (("ar", ar), ("fa", fa), ("en", en)) for t in texts if t.strip()]


def test_one_walk_gives_each_lexicon_its_own_matches() -> None:
    texts = _real_texts()
    found = 0
    for lang, raw in texts:
        text = normalize(raw).text
        matchers = [m for m in (f(lang) for f in _SCANNERS) if m is not None and not m.empty]
        group = _MatcherGroup(tuple(matchers))
        per = group.hits(text)
        for k, m in enumerate(matchers):
            own = m.find(text)
            assert m._resolve(text, per[k]) == own
            found += len(own)
    assert found > 500  # the articles do hold actors, triggers and modality cues


def test_scan_document_equals_find_in_any_order_of_scanners() -> None:
    lang, raw = next((lang, t) for lang, t in _real_texts() if lang == "ar")
    doc = Document.create(raw)
    build_pipeline(until="sentences")(doc)
    assert doc.norm is not None
    text = doc.norm.text
    saved = list(actors._DOCUMENT_SCANNERS)
    try:
        for order in (_SCANNERS, _SCANNERS[::-1], _SCANNERS[1:]):
            actors._DOCUMENT_SCANNERS[:] = list(order)
            actors._WALKED[0] = {}
            for f in _SCANNERS:
                m = f(lang)
                assert m is not None
                assert _document_matches(text, lang, m) == m.find(text)
                assert [hit for _, hit, _ in scan_document(doc, f)] == m.find(text)
        # a matcher no scanner gives (a test's own lexicon) is scanned on its own
        own = PhraseMatcher(lang, [("الجيش", "army")])
        assert _document_matches(text, lang, own) == own.find(text)
    finally:
        actors._DOCUMENT_SCANNERS[:] = saved
        actors._WALKED[0] = {}
