"""The streamed merge (``merge_store``) gives what the in-memory merge gives, without keeping texts."""

from __future__ import annotations

import pytest

from rasad.merge import merge_documents, merge_store
from rasad.merge.copies import find_copies_from_signatures, shingles, signature
from rasad.merge.core import doc_part, read_parts
from rasad.model import Document
from rasad.pipeline import build_pipeline, stage_names
from rasad.store.sqlite import SQLiteStore
from rasad.text.normalize import normalize, normalize_text

REQUIRED = ("places", "actors", "events", "attribution")


def test_text_only_normalisation_is_the_normalized_text(seed_texts: dict[str, str]) -> None:
    samples = [*seed_texts.values(),
               "قُتِلَ ١٢ شخصاً في ﷲ حمص\u200c ـــ الخالدية",  # harakat, a ligature, ZWNJ, tatweel
               "ﻻ ﺑﺄﺱ ﺑﻪ ﰲ ﺍﻟﻤﺪﻳﻨﺔ",  # Arabic presentation forms
               "İstanbul ŞEHRİ und STRAẞE, ﬁnal ﬂight\u00ad"]
    for text in samples:
        assert normalize_text(text) == normalize(text).text


def test_copies_from_streamed_signatures(seed_texts: dict[str, str]) -> None:
    texts = list(seed_texts.values())
    reprint = texts[0].replace("\n", " ") + " (reprinted)"
    sigs = [signature("orig", texts[0], 735000), signature("reprint", reprint, 735001),
            *(signature(f"other{i}", t) for i, t in enumerate(texts[1:]))]
    assert sigs[0].text_length == len(texts[0]) and sigs[0].hashvalues is not None
    assert find_copies_from_signatures(sigs) == {"reprint": "orig"}
    assert len(shingles(texts[0])) > 50
    assert signature("short", "only a few words here").hashvalues is None


@pytest.fixture(scope="module")
def analysed(seed_texts: dict[str, str]) -> list[Document]:
    missing = [s for s in REQUIRED if s not in stage_names()]
    assert not missing, f"document stage(s) not registered: {', '.join(missing)}"
    pipe = build_pipeline()
    texts = list(seed_texts.values())
    # a reprint of the first seed, so that copies take part
    texts.append(texts[0] + "\n\nThis report was first published by another outlet.")
    return [pipe(Document.create(t)) for t in texts]


def test_merge_store_equals_merge_documents(analysed: list[Document], tmp_path) -> None:
    with SQLiteStore(tmp_path / "m.db") as store:
        store.save_documents(analysed)
        stored_docs = list(store.iter_documents())
        expected = merge_documents(stored_docs)
        streamed = merge_store(store)
        written = [c.to_dict() for c in store.iter_canonical_events()]
        parts, _ = read_parts(store)
        # the streamed path drops fields the merge never reads from its own copies, not from the store
        assert [len(d.claims) for d in store.iter_documents()] == [len(d.claims) for d in stored_docs]
    # the streamed read sees every place a document names (events' places and place mentions)
    full = {d.id: doc_part(d) for d in stored_docs}
    assert all(p.place_refs == full[p.id].place_refs for p in parts)
    assert sum(len(p.place_refs) for p in parts) > sum(len(d.events) for d in stored_docs)
    assert expected.copies and streamed.copies == expected.copies
    assert [c.to_dict() for c in streamed.canonical_events] == [c.to_dict() for c in expected.canonical_events]
    assert [s.to_dict() for s in streamed.stories] == [s.to_dict() for s in expected.stories]
    assert streamed.event_to_canonical == expected.event_to_canonical
    assert sorted(written, key=lambda c: c["id"]) == sorted(
        (c.to_dict() for c in expected.canonical_events), key=lambda c: c["id"])
    assert any(c.n_sources >= 2 for c in streamed.canonical_events)
