"""The held-out test gold stays valid, large enough, disjoint from the dev gold and out of the CI floors.

The test files measure generalisation only if no development article leaks into them (or the reverse)
and nobody turns them into floors that extractors are then tuned against.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasad.evaluation.gold import load_gold

GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "gold"
FLOORS = GOLD_DIR.parent / "floors.json"

HELDOUT = {
    "test_fars_fa.jsonl": ("fa", 15),
    "test_saudinewsnet_ar.jsonl": ("ar", 15),
    "test_fakes_en.jsonl": ("en", 10),
}


def _row_refs(path: Path) -> set[str]:
    """Each document line's text reference (shared file + row key), as a comparable string."""
    refs: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        obj = json.loads(line)
        if "doc" in obj and "row_key" in obj["doc"]:
            refs.add(obj["doc"]["path"] + json.dumps(obj["doc"]["row_key"], sort_keys=True, ensure_ascii=False))
    return refs


@pytest.mark.parametrize("name", sorted(HELDOUT))
def test_heldout_file_validates_against_the_shared_texts(name: str, shared_dir: Path) -> None:
    lang, min_docs = HELDOUT[name]
    gold = load_gold([GOLD_DIR / name], shared_dir=shared_dir)
    assert len(gold.docs) >= min_docs
    assert {d.lang for d in gold.docs} == {lang}
    assert any(d.events for d in gold.docs), "a held-out file with no events measures nothing"
    assert any(d.complete for d in gold.docs), "over-generation needs fully annotated documents"


def test_heldout_articles_are_not_in_the_development_gold() -> None:
    dev_refs: set[str] = set()
    for path in GOLD_DIR.glob("*.jsonl"):
        if path.name not in HELDOUT:
            dev_refs |= _row_refs(path)
    for name in HELDOUT:
        leaked = _row_refs(GOLD_DIR / name) & dev_refs
        assert not leaked, f"{name} shares articles with the development gold: {sorted(leaked)[:3]}"


def test_heldout_files_are_not_ci_floors() -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    scored = {Path(g).name for g in floors.get("gold", [])}
    assert not scored & set(HELDOUT), "held-out gold must not be scored by --check-floors"
