"""The Arabic development gold (SaudiNewsNet) validates against the shared corpus it points into."""

from __future__ import annotations

from pathlib import Path

from rasad.evaluation.gold import load_gold, quote_hash

REPO = Path(__file__).resolve().parents[2]
GOLD = [REPO / "eval" / "gold" / "dev_saudinewsnet_ar.jsonl", REPO / "eval" / "gold" / "dev_links_ar.jsonl"]


def test_arabic_dev_gold_validates_and_references_rows_only(shared_dir: Path) -> None:
    gold = load_gold(GOLD, shared_dir)  # raises GoldError listing every bad line / unanchored quote
    assert len(gold.docs) >= 30
    assert {d.lang for d in gold.docs} == {"ar"}
    # texts stay in shared/: every document is a row reference into the SaudiNewsNet file
    assert all(d.ref.get("row_key", {}).get("id") and "text" not in d.ref for d in gold.docs)
    # evidence is kept as offsets plus the passage's hash (no shared text in the repo); they must agree
    for d in gold.docs:
        for e in d.events:
            start, end = e.evidence_span or (None, None)
            assert start is not None and "quote" not in e.evidence, (d.key, e.id)
            assert quote_hash(d.text[start:end]) == e.evidence["sha1"], (d.key, e.id)
    # over-generation is measurable: fully read documents, some with no event at all
    complete = [d for d in gold.docs if d.complete]
    assert len(complete) >= 15 and sum(1 for d in complete if not d.events) >= 3
    # links join events of different articles, most of them from different newspapers
    cross_outlet = 0
    for c in gold.clusters:
        assert all(gold.doc(k).event(e) for k, e in c.members), c.id
        assert len({k for k, _ in c.members}) >= 2, c.id
        cross_outlet += len({gold.doc(k).outlet for k, _ in c.members}) >= 2
    assert cross_outlet >= 5
