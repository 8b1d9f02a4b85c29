"""Place-mention precision and recall over the whole location tags of the shared NER corpora (issue #4).

Floors sit a little under today's measurements (`python scripts/eval_places_ner.py ../shared`), so a change
that makes the geoparser read more ordinary words, person names or organisations as places fails here
instead of only showing in the README's numbers.
"""

from __future__ import annotations

import sys
from types import ModuleType

import pytest

from tests.conftest import REPO_ROOT, require_shared


def _scorer() -> ModuleType:
    """scripts/eval_places_ner.py as a module (scripts/ is not a package)."""
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    try:
        import eval_places_ner
    finally:
        sys.path.pop(0)
    return eval_places_ner


@pytest.mark.parametrize(("exact", "min_precision", "min_recall"), [
    (False, 0.87, 0.77),  # measured 0.890 / 0.790 (2026-11-24, after the gazetteer gaps; 0.890 / 0.777 before,
                          # 0.808 / 0.755 before the Arabic word rules)
    (True, 0.84, 0.75),   # the geoparser's own spans: 0.862 / 0.765
])
def test_anercorp_location_scores(exact: bool, min_precision: float, min_recall: float) -> None:
    path = require_shared("data", "ner", "ar_anercorp", "ANERCorp.txt")
    scorer = _scorer()
    sents = scorer.read_conll(path, blank_separates=False)
    scores = scorer.evaluate(sents, "ar", name_only=not exact)
    assert scores["precision"] >= min_precision, scores
    assert scores["recall"] >= min_recall, scores


def test_arman_location_scores() -> None:
    path = require_shared("data", "ner", "fa_arman", "test_fold1.txt")
    scorer = _scorer()
    sents = scorer.read_conll(path, blank_separates=True)
    scores = scorer.evaluate(sents, "fa", designator_in_span=True)
    # the default, precision-oriented reading of country and capital names (a place only in a locative
    # context, else role "state"): measured 0.805 / 0.603 (2026-11-24; the reading was chosen on the train
    # fold, where it scores 0.813 / 0.568 against 0.763 / 0.709 for the "current" reading)
    assert scores["precision"] >= 0.785, scores
    assert scores["recall"] >= 0.58, scores
    # the place finder itself, every country read as a place unless another role applies: measured
    # 0.746 / 0.733 (0.740 / 0.729 before the compound directions of the scorer; 0.722 / 0.733 after the
    # gazetteer gaps, 0.724 / 0.721 before, 0.64 / 0.61 before the Persian role rules)
    scores = scorer.evaluate(sents, "fa", designator_in_span=True, country_reading="current")
    assert scores["precision"] >= 0.725, scores
    assert scores["recall"] >= 0.715, scores


def test_arman_ceiling_without_metonymy_resolution() -> None:
    """``--ceiling``: an ideal place-name finder finds every gold location (those that are exactly a
    place name among them); reading the other entities that are exactly a place name costs it precision,
    and an oracle by context fitted on the fold itself cannot do worse than reading them all."""
    test = require_shared("data", "ner", "fa_arman", "test_fold1.txt")
    scorer = _scorer()
    sents = scorer.read_conll(test, blank_separates=True)
    r = scorer.ceiling(sents)
    assert r["gold"] == scorer.evaluate(sents, "fa", designator_in_span=True)["gold"]
    assert r["other_entities"] == sum(r["other_classes"].values()) > 0
    assert r["precision_entities"] == r["gold"] / (r["gold"] + r["other_entities"])
    assert r["precision_with_O"] <= r["precision_entities"] < 1.0
    for label in ("word before", "words before and after"):
        assert r["precision_entities"] <= r[label]["precision"] <= 1.0, (label, r[label])
        assert 0.0 < r[label]["mixed"] < 1.0
