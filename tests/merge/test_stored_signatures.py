"""Copy-detection signatures stored when documents are saved (migration 0006, both back-ends): the merge
reads them instead of re-hashing every text, and finds exactly the copies it finds by hashing."""

from __future__ import annotations

import pytest

import rasad.merge.core as core
from rasad.merge import copies, merge_store
from rasad.model import Document
from rasad.pipeline import build_pipeline
from rasad.store.base import Store


@pytest.fixture(scope="module")
def analysed(seed_texts: dict[str, str]) -> list[Document]:
    """The seed reports through every stage (so each has ``doc.norm``), plus a reprint of the first."""
    pipe = build_pipeline()
    texts = list(seed_texts.values())
    texts.append(texts[0] + "\n\nThis report was first published by another outlet.")
    texts.append("Too short to compare.")
    return [pipe(Document.create(t)) for t in texts]


def test_saved_documents_carry_the_signature_of_their_text(any_store: Store, analysed: list[Document]) -> None:
    assert all(d.norm is not None for d in analysed)
    any_store.save_documents(analysed)
    any_store.save_documents(analysed[:1])  # saved again: its signature is replaced, not duplicated
    ids = [d.id for d in analysed]
    stored = any_store.copy_signatures([*ids, "no-such-document"])
    assert sorted(stored) == sorted(ids)
    for doc in analysed:  # from the stages' normalized text at save time == from the raw text at merge time
        assert stored[doc.id] == copies.signature_bytes(copies.minhash(doc.text))
    assert stored[analysed[-1].id] is None  # too short to compare
    hv = copies.signature_values(stored[analysed[0].id])
    assert hv is not None and hv.dtype.name == "uint32" and hv.shape == (copies.NUM_PERM,)


def _merge_counting_hashes(store: Store, monkeypatch: pytest.MonkeyPatch) -> tuple[object, int]:
    calls = 0
    real = core.minhash

    def counting(text: str):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return real(text)

    monkeypatch.setattr(core, "minhash", counting)
    result = merge_store(store)
    canon = [c.to_dict() for c in store.iter_canonical_events()]
    stories = [s.to_dict() for s in store.iter_stories()]
    return (result.copies, canon, stories), calls


def test_merge_reads_stored_signatures_and_finds_the_same_copies(any_store: Store, analysed: list[Document],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    any_store.save_documents(analysed)
    from_stored, hashed_there = _merge_counting_hashes(any_store, monkeypatch)
    assert hashed_there == 0
    # the reprint and its original (the longer text ranks as the original when neither is dated)
    assert [set(pair) for pair in from_stored[0].items()] == [{analysed[0].id, analysed[3].id}]
    # signatures of another scheme (an older way of hashing) are not used: every text is hashed again
    monkeypatch.setattr(copies, "SIGNATURE_SCHEME", "minhash-of-another-kind")
    assert any_store.copy_signatures([d.id for d in analysed]) == {}
    from_texts, hashed_there = _merge_counting_hashes(any_store, monkeypatch)
    assert hashed_there == len(analysed)
    assert from_texts == from_stored
