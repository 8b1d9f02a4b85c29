"""The streamed merge (``merge_store``) gives what the in-memory merge gives, without keeping texts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from rasad.merge import core, merge_documents, merge_store
from rasad.merge.copies import find_copies_from_signatures, shingles, signature
from rasad.merge.core import _Reports, _Spool, _stored_event, summary
from rasad.model import CanonicalEvent, Claim, Document, Event, Mention
from rasad.pipeline import build_pipeline, stage_names
from rasad.store import sqlbase
from rasad.store.sqlbase import SQLStore, loads
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


@pytest.mark.parametrize("trimmed", [True, False])
def test_merge_store_equals_merge_documents(analysed: list[Document], tmp_path, monkeypatch, trimmed: bool) -> None:
    if not trimmed:  # a back-end that reads stored events and claims whole (as PostgreSQL does)
        monkeypatch.setattr(SQLiteStore, "_read_without", SQLStore._read_without)
    with SQLiteStore(tmp_path / "m.db") as store:
        store.save_documents(analysed)
        stored_docs = list(store.iter_documents())
        expected = merge_documents(stored_docs)
        streamed = merge_store(store)
        written = [c.to_dict() for c in store.iter_canonical_events()]
        written_stories = [s.to_dict() for s in store.iter_stories()]
        # the streamed path drops fields the merge never reads from its own copies, not from the store
        assert [len(d.claims) for d in store.iter_documents()] == [len(d.claims) for d in stored_docs]
    assert expected.copies and streamed.copies == expected.copies
    # written in the in-memory merge's order, story ids included
    assert written == [c.to_dict() for c in expected.canonical_events]
    assert written_stories == [s.to_dict() for s in expected.stories]
    assert [s.to_dict() for s in streamed.stories] == written_stories
    assert summary(streamed) == summary(expected)
    assert summary(streamed)["multi_source_events"] > 0
    assert all(c.story_id for c in expected.canonical_events)


def test_merge_store_on_every_backend(analysed: list[Document], any_store) -> None:
    """Both back-ends read the merge's rows (PostgreSQL: JSONB decoded by the driver, nothing left out)
    and write what the in-memory merge builds."""
    any_store.save_documents(analysed)
    expected = merge_documents(list(any_store.iter_documents()))
    merge_store(any_store)
    assert [c.to_dict() for c in any_store.iter_canonical_events()] == [c.to_dict() for c in expected.canonical_events]
    assert [s.to_dict() for s in any_store.iter_stories()] == [s.to_dict() for s in expected.stories]
    assert expected.canonical_events


@pytest.mark.parametrize("memo_size", [core.MENTION_MEMO_SIZE, 1])
def test_merge_rows_are_the_stored_documents(analysed: list[Document], tmp_path, monkeypatch,
                                             memo_size: int) -> None:
    """``iter_merge_rows`` gives what ``iter_documents`` gives, undecoded; pass 1 fed either way builds the
    same report table (the rows path decodes each distinct place mention row once; also when its memo
    is emptied at every row)."""
    monkeypatch.setattr(core, "MENTION_MEMO_SIZE", memo_size)
    # some documents with a publication time, a title and a URL (the seeds have none)
    dated = [replace(d, published=datetime(2015, 7, 8 + i, 9, 30), title=f"Title {i}", url=f"https://x.example/{i}")
             if i % 2 else d for i, d in enumerate(analysed)]
    with SQLiteStore(tmp_path / "m.db") as store:
        store.save_documents(dated)
        docs = list(store.iter_documents())
        rows = list(store.iter_merge_rows(mentions=True, claims=True, claim_skips=core.CLAIM_SKIPS))
        records = list(store.iter_merge_rows(mentions=True, event_skips=core.RECORD_SKIPS))  # pass 1
    assert [r.doc.id for r in rows] == [d.id for d in docs]
    repeated = 0
    for r, d in zip(rows, docs, strict=True):
        fields = ("id", "text", "published", "outlet", "lang", "source_path", "title", "url")
        assert [getattr(r.doc, f) for f in fields] == [getattr(d, f) for f in fields]
        assert [Event.from_dict(loads(data)) for _, _, data in r.events] == d.events
        assert [(i, s) for i, s, _ in r.events] == [(e.id, e.sub_event_type) for e in d.events]
        places = [m for m in d.mentions if m.kind == "place"]
        assert [(c, t, loads(a)) for c, t, a in r.place_mentions] == [(m.canonical_id, m.text, m.attrs) for m in places]
        repeated += len(places) - len({(m.canonical_id, m.text, repr(m.attrs)) for m in places})
        # SQLite leaves out what the comparison never reads of a claim
        assert [(e, Claim.from_dict(loads(c))) for e, c in r.claims] == [
            (c.event_id, replace(c, sentence=None, attrs={}, reporting_verb=None)) for c in d.claims if c.event_id]
    assert repeated > 0  # the memo is exercised
    assert any(d.published for d in docs) and any(d.title for d in docs)
    with SQLiteStore(tmp_path / "m.db") as store:
        second = list(store.iter_merge_rows(claims=True, text=False, claim_skips=core.CLAIM_SKIPS))  # pass 2
    assert [(s.doc.id, s.doc.published, s.doc.text, s.place_mentions, s.events, s.claims) for s in second] == [
        (r.doc.id, r.doc.published, "", [], r.events, r.claims) for r in rows]
    # pass 1's events: what the records read, the rest left out by SQLite
    for r, d in zip(records, docs, strict=True):
        light = [_stored_event(data) for _, _, data in r.events]
        assert [(e.trigger, e.sentence, e.attribution, e.evidence) for e in light] == [(None, None, None, [])] * len(light)
        kept = ("id", "sub_event_type", "location", "date", "actor1", "actor2", "fatalities", "polarity", "outcome",
                "attrs")
        assert [[getattr(e, f) for f in kept] for e in light] == [[getattr(e, f) for f in kept] for e in d.events]
    by_docs, by_rows = _Reports(), _Reports()
    for r, d in zip(records, docs, strict=True):
        assert by_docs.add(d) is d and by_rows.add(r) is r.doc
    t1, t2 = by_docs.table(), by_rows.table()
    assert t1.paths == t2.paths and t1.doc_places == t2.doc_places and len(t1) == len(t2)
    assert [tuple(p.place_id for p in v[1]) for v in by_docs.visits] == [
        tuple(p.place_id for p in v[1]) for v in by_rows.visits]
    assert by_docs.places.settlements == by_rows.places.settlements


def test_merge_reads_claims_sqlite_cannot_parse(analysed: list[Document], tmp_path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A claim or event whose JSON SQLite refuses (a NaN value, as the json module writes it: stores saved before
    the JSON columns were written by orjson, which writes ``null``) is read whole, and the merge goes on."""
    docs = [replace(d, claims=[replace(c, value=float("nan")) if i == 0 else c for i, c in enumerate(d.claims)],
                    events=[replace(e, confidence=float("nan")) if i == 0 else e for i, e in enumerate(d.events)])
            for d in analysed]
    assert any(d.claims for d in docs)
    with SQLiteStore(tmp_path / "m.db") as store:
        with monkeypatch.context() as patch:
            patch.setattr(sqlbase, "_ORJSON_DUMPS", None)  # the json module writes every column, NaN as NaN
            store.save_documents(docs)
        rows = list(store.iter_merge_rows(claims=True, text=False, claim_skips=core.CLAIM_SKIPS))
        records = list(store.iter_merge_rows(mentions=True, event_skips=core.RECORD_SKIPS))
        merge_store(store)
        assert store.count_canonical_events() > 0
    nan_claims = [Claim.from_dict(loads(c)) for r in rows for _, c in r.claims[:1]]
    assert nan_claims and all(c.value != c.value for c in nan_claims)  # NaN, read whole
    assert all(c.sentence is not None for c in nan_claims if c.evidence is not None)
    nan_events = [_stored_event(data) for r in records for _, _, data in r.events[:1]]
    assert nan_events and all(e.confidence != e.confidence and e.trigger is not None for e in nan_events)


def test_merge_rows_keep_the_text_whatever_the_mentions(analysed: list[Document], tmp_path) -> None:
    """A place mention with empty words (last in its document) leaves the document's text as it is."""
    doc = analysed[0]
    odd = replace(doc, mentions=[*doc.mentions, Mention(0, 0, "", "place", attrs={"name": "Nowhere"})])
    with SQLiteStore(tmp_path / "m.db") as store:
        store.save_documents([odd])
        (rows,) = list(store.iter_merge_rows(mentions=True, event_skips=core.RECORD_SKIPS))
    assert rows.doc.text == doc.text and rows.place_mentions[-1][:2] == (None, "")


def test_spool_reads_back_what_it_wrote() -> None:
    """Objects come back whether still in the spool's memory tail or already in its file, in any order,
    interleaved with writes (as in pass 2)."""
    spool = _Spool()
    spool.BUFFER = 200  # flush every few objects
    try:
        objs = [("ع" * n, n, {"k": [n]}) for n in range(0, 120, 7)]
        where = []
        for i, obj in enumerate(objs):
            where.append(spool.dump(obj))
            assert spool.load(where[i // 2]) == objs[i // 2]
        objs.append("last")
        where.append(spool.dump("last"))
        assert spool._written > 0 and spool._tail  # both places hold objects
        assert [spool.load(w) for w in reversed(where)] == objs[::-1]
    finally:
        spool.close()


def test_merge_store_twice_replaces_the_merge(analysed: list[Document], tmp_path) -> None:
    with SQLiteStore(tmp_path / "m.db") as store:
        store.save_documents(analysed[:3])
        merge_store(store)
        first = store.count_canonical_events()
        store.save_documents(analysed[3:])
        merge_store(store)
        assert store.count_canonical_events() == len(merge_documents(list(store.iter_documents())).canonical_events)
        assert store.count_canonical_events() > first


def test_merge_store_notices_a_store_changed_between_its_reads(analysed: list[Document], tmp_path) -> None:
    """Pass 2 must see the documents pass 1 saw; a document saved in between is an error, not a wrong merge."""
    with SQLiteStore(tmp_path / "m.db") as store:
        store.save_documents(analysed[:-1])
        real_iter = store.iter_merge_rows
        calls = []

        def iter_merge_rows(**kwargs):  # the second read sees one more document
            calls.append(kwargs)
            if len(calls) == 2:
                store.save_documents(analysed[-1:])
            return real_iter(**kwargs)

        store.iter_merge_rows = iter_merge_rows  # type: ignore[method-assign]
        with pytest.raises(RuntimeError, match="changed during the merge"):
            merge_store(store)


def _copies_by_datasketch_lsh(sigs: list) -> dict[str, str]:
    """The reference: datasketch's MinHashLSH candidates confirmed by the estimate, originals ranked alike."""
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from rasad.merge.copies import COPY_THRESHOLD, NUM_PERM

    lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
    kept = {s.doc_id: s for s in sigs if s.hashvalues is not None}
    for s in kept.values():
        m = MinHash(num_perm=NUM_PERM)
        m.hashvalues = s.hashvalues
        lsh.insert(s.doc_id, m)
    parent = {d: d for d in kept}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for s in kept.values():
        m = MinHash(num_perm=NUM_PERM)
        m.hashvalues = s.hashvalues
        for other in lsh.query(m):
            if np.count_nonzero(s.hashvalues == kept[other].hashvalues) / NUM_PERM >= COPY_THRESHOLD:
                parent[find(s.doc_id)] = find(other)
    groups: dict[str, list[str]] = {}
    for d in kept:
        groups.setdefault(find(d), []).append(d)
    out = {}
    for members in groups.values():
        original = min(members, key=lambda d: (kept[d].published_ordinal or 10**9, -kept[d].text_length, d))
        out.update({d: original for d in members if d != original})
    return out


def test_copy_index_finds_what_datasketch_lsh_finds(seed_texts: dict[str, str]) -> None:
    """Reprints with words dropped or changed: the sorted-band index links exactly the pairs LSH links."""
    sigs = []
    for n, text in enumerate(seed_texts.values()):
        words = text.split()
        sigs.append(signature(f"s{n}", text, 735000 + n))
        for k, step in enumerate((5, 9, 17, 40)):  # every step-th word dropped: from far to near copies
            variant = " ".join(w for i, w in enumerate(words) if i % step)
            sigs.append(signature(f"s{n}v{k}", variant, 735001 + n))
    expected = _copies_by_datasketch_lsh(sigs)
    assert expected and set(expected.values()) <= {s.doc_id for s in sigs}
    assert find_copies_from_signatures(sigs) == expected


def test_spool_keeps_small_prepared_events_in_memory_and_files_the_rest() -> None:
    """Prepared canonical rows within ``MEMORY_CHARS`` stay in memory, the others are pickled to the file:
    each comes back once, with its story id, the same either way."""
    from rasad.store.sqlbase import prepare_canonical

    events = [CanonicalEvent(id=f"ce-{i}", event_type="Battles", sub_event_type="Armed clash",
                             attrs={"note": "x" * (50 * i)}) for i in range(6)]
    prepared = [prepare_canonical(e) for e in events]
    expected = [p.with_story(f"st-{i}") for i, p in enumerate(prepared)]
    for budget in (0, len(prepared[0].row[-1]) + len(prepared[1].row[-1]), 1 << 30):
        spool = _Spool(prepare_canonical)
        spool.MEMORY_CHARS = budget
        try:
            for k, event in enumerate(events):
                spool.put(k, event)
            kept = len(spool._kept)
            assert kept == {0: 0, 1 << 30: 6}.get(budget, 2)
            assert len(spool._events) == 6 - kept
            assert [spool.get(k, f"st-{k}") for k in reversed(range(6))] == expected[::-1]
            assert not spool._kept
        finally:
            spool.close()
