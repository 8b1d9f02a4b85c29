"""The gates of parse_roles' role rules (speed): a rule is only asked where the gate lets it, so each gate must
let through every case where the rule would say yes.  Checked on the names of real Arabic and Persian news
(shared data, read in place): wherever a gate is closed, the rule itself says no; and the precomputed word
sets equal the word tests they stand for."""

from __future__ import annotations

import json
from itertools import islice
from typing import Any

import pytest

from rasad.places import geoparse as G
from rasad.text.normalize import normalize
from tests.conftest import require_shared


def _texts(name: str, n: int) -> list[str]:
    path = require_shared("data", "news", name)
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in islice(fh, n):
            row = json.loads(line)
            out.append(row.get("content") or " ".join([row.get("title") or "", *(row.get("paragraphs") or [])]))
    return [t[:6000] for t in out if t.strip()]


@pytest.fixture(scope="module")
def names() -> list[tuple[str, str, str, Any, Any, bool]]:
    """(norm, rev, lang, match, top reading, persian) of every Arabic-script name read with candidates."""
    gp = G.default_geoparser()
    out = []
    for fname, lang in (("saudinewsnet_ar.jsonl", "ar"), ("fars_fa_dev.jsonl", "fa")):
        for text in _texts(fname, 250):
            norm = normalize(text).text
            rev = norm[::-1]
            persian = lang == "fa"
            spans, _, _ = gp._find_spans(text, norm)
            for _, start, end, key, ids, prefixed in spans:
                if key[0] < "\u0600" or (persian and prefixed):
                    continue
                m = G._Match(start, end, key, ids, None, False, prefixed)
                ranked = gp._candidates(m, persian)
                if ranked:
                    out.append((norm, rev, lang, m, ranked, persian))
    assert len(out) > 3000
    return out


def test_word_sets_equal_the_word_tests(names: list[tuple[str, str, str, Any, Any, bool]]) -> None:
    words = {w for norm, *_ in names[::20] for w in G._WORD.findall(norm)}
    assert len(words) > 5000
    for w in words:
        assert (w in G._AGREEMENT_HEAD_WORDS) == G._agreement_head(w), w
        assert (w in G._AR_AGENT_AFTER_WORDS) == G._is_ar_agent_after(w), w
        k = G._FA_AFTER_CLASSES.get(w)
        assert (k is True) == (w in G.AGENTS.fa_after), w
        assert (k is False) == (w in G.PHRASE_BREAKS and w not in G.AGENTS.fa_after), w


def test_closed_gates_mean_no(names: list[tuple[str, str, str, Any, Any, bool]]) -> None:
    gp = G.default_geoparser()
    by_name = gp.gazetteer.by_name
    asked = dict.fromkeys(("not_this_place", "person", "fa_use", "ar_org", "dateline", "ar_agent", "traits"), 0)
    for norm, rev, _lang, m, ranked, persian in names:
        start, end, key, prefixed = m.start, m.end, m.key, m.prefixed
        ctx = G._before_context(rev, m)  # the reading parse_roles inlines
        ws, w1, words = ctx
        top = ranked[0][1]
        if not (words is not None and (w1 in G._NAME_PART_HEADS or words.group(2) in G._REV_NAME_PART_SECOND)):
            assert not gp._not_this_place(norm, rev, m, {end}, persian, ctx), key
            asked["not_this_place"] += 1
        traits = gp._traits(key)
        if not traits[0]:
            assert not G._article_dropped(norm, m, ctx, ranked, by_name)
        if not traits[1]:
            assert not G._adjective_use(rev, m, {end}, ctx)
        asked["traits"] += 1
        if not (not prefixed and (traits[2] or (w1 is not None and (
                w1 in G._PERSON_BEFORE_WORDS or w1.startswith(("ال", "وال")))))):
            for _, place in ranked:
                assert not G._person_name_use(norm, rev, m, place, persian, ctx), key
            asked["person"] += 1
        if persian:
            if not (w1 is not None and (G._fa_word_use(w1) is not None or w1 in G.AGENTS.fa_adjectives)):
                assert G._fa_use(rev, m, ctx) is None
                asked["fa_use"] += 1
            gate = start < 2 or (c1 := norm[start - 1]) == "\n" or (
                c1 in G._LINE_SPACE and ((c2 := norm[start - 2]) in G._LINE_SPACE or c2 == "\n"))
            if not gate:
                assert not G._fa_dateline(norm, start, end)
                asked["dateline"] += 1
            if w1 is None:
                assert not gp._in_organisation(norm, rev, m, True, True, {end}, ctx)
        else:
            if not prefixed and w1 not in G._ORG_HEAD_WORDS and not (
                    (w1 is None and start and norm[start - 1] in G._QUOTE_MARKS)
                    or (norm.startswith(" ", end) and norm[end + 1:end + 2] in G._AR_ORG_TAIL_FIRST_LETTERS)):
                assert not G._in_arabic_organisation(norm, rev, m, ctx)
                asked["ar_org"] += 1
            if top.feature == "country":
                # (without ctx, _agent_use reads the words before the name itself, by its general path)
                assert G._ar_agent_use(norm, start, end, ws, w1, prefixed) == G._agent_use(
                    norm, rev, m, True, False, False, None), key
                asked["ar_agent"] += 1
            if m.cue is None and (not prefixed) and w1 not in G._AGREEMENT_HEAD_WORDS:
                assert not G._after_agreement_head(rev, m, ctx)
    assert min(asked.values()) > 100, asked
