"""The store contract, run against SQLite and a real PostgreSQL server (see conftest.py)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from rasad.model import (
    ActorRef,
    Attribution,
    CanonicalEvent,
    Claim,
    DateRef,
    Document,
    Event,
    Mention,
    Paragraph,
    PlaceRef,
    Quantity,
    Report,
    Sentence,
    Speaker,
    Story,
)
from rasad.store import sqlbase
from rasad.store.base import EventFilter, Rejection, Store
from rasad.store.sqlite import SQLiteStore

ARABIC = ("اقتحمت قوات النظام السوري حي الخالدية بمدينة حمص إثر أسابيع من القصف بالمدفعية الثقيلة. "
          "وقال المرصد السوري إن 12 مقاتلا قتلوا في الاشتباكات مع مقاتلي المعارضة.")
PERSIAN = "به گفته منابع محلی، گروه‌های مسلح در حلب به مواضع ارتش سوریه حمله کردند."
ENGLISH = "Israeli aircraft struck a weapons depot near Damascus on Sunday, state media said."


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def build_document(text: str, *, outlet: str, lang: str, events: list[dict], published: datetime | None = None
                   ) -> Document:
    """A document with sentences, mentions, events and claims whose spans point into ``text``."""
    doc = Document.create(text, outlet=outlet, lang=lang, lang_confidence=0.97, published=published,
                          published_precision="datetime" if published else "unknown", url=f"https://{outlet}/a",
                          title=text[:20], source_path=f"/data/{outlet}.txt", source_format="text",
                          encoding="utf-8", meta={"section": "news", "tags": ["syria", "حمص"]})
    doc.paragraphs = [Paragraph(0, len(text), lang)]
    doc.sentences = [Sentence(0, len(text), 0, lang)]
    doc.stages_done = ["langid", "normalize", "sentences", "events"]
    for n, spec in enumerate(events):
        t0, t1 = _span(text, spec["trigger"])
        doc.mentions.append(Mention(t0, t1, text[t0:t1], "trigger", None, 0, lang, "events",
                                    {"event_type": spec["type"], "sub_event_type": spec["sub"]}))
        place = None
        if "place" in spec:
            p0, p1 = _span(text, spec["place"]["text"])
            place = PlaceRef(spec["place"]["id"], spec["place"]["name"], text[p0:p1], "neighbourhood", "SYR",
                             spec["place"].get("admin1"), spec["place"].get("admin2"), None, 34.7, 36.7, 1, p0, p1)
            doc.mentions.append(Mention(p0, p1, text[p0:p1], "place", place.place_id, 0, lang, "places",
                                        {"name": place.name}))
        actor1 = None
        if "actor1" in spec:
            a0, a1 = _span(text, spec["actor1"]["text"])
            actor1 = ActorRef(spec["actor1"]["id"], spec["actor1"]["name"], text[a0:a1], 1, "government", "SYR",
                              "neutral", a0, a1)
        event = Event(
            id=f"{doc.id}:e{n}", doc_id=doc.id, event_type=spec["type"], sub_event_type=spec["sub"],
            trigger=doc.span(t0, t1), sentence=doc.span(0, len(text)), lang=lang, actor1=actor1,
            actor2=ActorRef("sy_opposition", "Syrian opposition fighters", "المعارضة") if spec.get("actor2") else None,
            location=place,
            date=DateRef(spec["date"], spec["date"], "day", "Sunday") if spec.get("date") else None,
            fatalities=Quantity(12, 12, 12, "12", qualifier=None) if spec.get("fatalities") else None,
            polarity=spec.get("polarity", "asserted"),
            attribution=Attribution(Speaker("organisation", "المرصد السوري", "org:sohr")),
            confidence=0.8, attrs={"note": "x"},
        )
        doc.events.append(event)
        doc.claims.append(Claim(id=f"{event.id}:c0", doc_id=doc.id, subject=event.id, predicate="event",
                                value=spec["sub"], speaker=Speaker("outlet", outlet), outlet=outlet,
                                evidence=doc.span(t0, t1), event_id=event.id, lang=lang,
                                attrs={"values": [1, 2]}))
    return doc


KHALIDIYA = {"id": "SY-homs-khalidiya", "name": "Khalidiya", "text": "الخالدية", "admin1": "SY-homs",
             "admin2": "SY-homs-homs"}


def corpus() -> list[Document]:
    return [
        build_document(ARABIC, outlet="aljazeera.net", lang="ar", published=datetime(2013, 7, 27, 10, 30, tzinfo=UTC),
                       events=[{"trigger": "اقتحمت", "type": "Battles", "sub": "Government regains territory",
                                "place": KHALIDIYA, "date": date(2013, 7, 27), "actor2": True,
                                "actor1": {"id": "sy_gov_forces", "name": "Military Forces of Syria",
                                           "text": "قوات النظام السوري"}},
                               {"trigger": "قتلوا", "type": "Battles", "sub": "Armed clash", "place": KHALIDIYA,
                                "date": date(2013, 7, 26), "fatalities": True, "polarity": "reported"}]),
        build_document(PERSIAN, outlet="farsnews.ir", lang="fa", published=datetime(2013, 7, 28, tzinfo=UTC),
                       events=[{"trigger": "حمله کردند", "type": "Battles", "sub": "Armed clash",
                                "place": {"id": "SY-aleppo", "name": "Aleppo", "text": "حلب", "admin1": "SY-aleppo"},
                                "date": date(2013, 7, 28),
                                "actor1": {"id": "sy_opposition", "name": "Syrian opposition fighters",
                                           "text": "گروه‌های مسلح"}}]),
        build_document(ENGLISH, outlet="example.com", lang="en",
                       events=[{"trigger": "struck", "type": "Explosions/Remote violence", "sub": "Air/drone strike",
                                "actor1": {"id": "il_forces", "name": "Military Forces of Israel",
                                           "text": "Israeli aircraft"}, "polarity": "denied"}]),
    ]


def test_round_trip_returns_an_equal_document(store: Store) -> None:
    for doc in corpus():
        assert store.save_document(doc) is True
        loaded = store.get_document(doc.id)
        assert loaded == doc
        # offsets still point at the same characters after the trip
        for m in loaded.mentions:
            assert loaded.text[m.start:m.end] == m.text
    assert store.get_document("missing") is None
    assert store.count_documents() == 3
    assert sorted(d.id for d in store.iter_documents()) == sorted(d.id for d in corpus())
    assert [d == o for d, o in zip(sorted(store.iter_documents(), key=lambda d: d.id),
                                   sorted(corpus(), key=lambda d: d.id), strict=True)] == [True] * 3


def test_save_replaces_document_and_all_children(store: Store) -> None:
    doc = corpus()[0]
    store.save_document(doc)
    assert store.count_events(EventFilter(doc_id=doc.id)) == 2
    changed = dataclasses.replace(doc, events=doc.events[:1], claims=doc.claims[:1], mentions=doc.mentions[:1],
                                  title="new title")
    assert store.save_document(changed) is False
    assert store.count_documents() == 1
    assert store.get_document(doc.id) == changed
    assert [e.id for e in store.iter_events()] == [doc.events[0].id]
    assert [c.id for c in store.iter_claims(doc_id=doc.id)] == [doc.claims[0].id]
    assert store.list_documents()[0]["n_events"] == 1


def test_failed_save_leaves_previous_version(store: Store) -> None:
    doc = corpus()[0]
    store.save_document(doc)
    broken = dataclasses.replace(doc, title="broken", events=[doc.events[0], doc.events[0]])  # duplicate event id
    with pytest.raises(Exception):  # noqa: B017 - each driver raises its own IntegrityError
        store.save_document(broken)
    assert store.get_document(doc.id) == doc
    assert store.count_events() == 2


def test_batched_save_writes_whole_documents_and_replaces_existing_ones(store: Store) -> None:
    docs = corpus()
    store.save_document(docs[0])
    retitled = dataclasses.replace(docs[0], title="retitled", events=docs[0].events[:1],
                                   claims=docs[0].claims[:1])
    assert store.save_documents([retitled, docs[1], docs[2]]) == [False, True, True]
    assert store.count_documents() == 3
    assert store.get_document(docs[0].id) == retitled
    assert store.get_document(docs[2].id) == docs[2]
    assert store.count_events() == 1 + len(docs[1].events) + len(docs[2].events)
    # the same document twice in one batch: the later one wins
    assert store.save_documents([docs[0], dataclasses.replace(docs[0], title="last")]) == [False, False]
    assert store.get_document(docs[0].id).title == "last"
    assert store.count_events(EventFilter(doc_id=docs[0].id)) == len(docs[0].events)


def test_failed_batch_writes_none_of_its_documents(store: Store) -> None:
    good, other = corpus()[:2]
    broken = dataclasses.replace(other, events=[other.events[0], other.events[0]])  # duplicate event id
    with pytest.raises(Exception):  # noqa: B017 - each driver raises its own IntegrityError
        store.save_documents([good, broken])
    assert store.count_documents() == 0
    assert store.count_events() == 0


def test_iter_documents_loads_only_the_children_asked_for(store: Store) -> None:
    docs = corpus()
    store.save_documents(docs)
    light = {d.id: d for d in store.iter_documents(children=("events",), mention_kinds=("place",))}
    assert all(not d.sentences and not d.mentions and not d.claims for d in light.values())
    assert {k: [e.id for e in d.events] for k, d in light.items()} == {d.id: [e.id for e in d.events] for d in docs}
    places = {d.id: d for d in store.iter_documents(children=("mentions",), mention_kinds=("place",))}
    for doc in docs:
        assert places[doc.id].mentions == [m for m in doc.mentions if m.kind == "place"]
        assert places[doc.id].text == doc.text and places[doc.id].outlet == doc.outlet
    with pytest.raises(ValueError):
        next(store.iter_documents(children=("paragraphs",)))


def _ids(store: Store, **kwargs: object) -> list[str]:
    flt = EventFilter(**kwargs)  # type: ignore[arg-type]
    events = [e.id.split(":")[1] + "@" + e.lang for e in store.iter_events(flt)]
    assert store.count_events(flt) == len(events)
    return sorted(events)


def test_event_filters(store: Store) -> None:
    for doc in corpus():
        store.save_document(doc)
    assert _ids(store) == ["e0@ar", "e0@en", "e0@fa", "e1@ar"]
    assert _ids(store, event_type="Battles") == ["e0@ar", "e0@fa", "e1@ar"]
    assert _ids(store, sub_event_type="Armed clash") == ["e0@fa", "e1@ar"]
    # place_id matches the place itself or anything inside an admin area
    assert _ids(store, place_id="SY-homs-khalidiya") == ["e0@ar", "e1@ar"]
    assert _ids(store, place_id="SY-homs") == ["e0@ar", "e1@ar"]
    assert _ids(store, place_id="SY-homs-homs") == ["e0@ar", "e1@ar"]
    assert _ids(store, admin1="SY-aleppo") == ["e0@fa"]
    # actor: canonical id on either side, or the words used / canonical name
    assert _ids(store, actor="sy_opposition") == ["e0@ar", "e0@fa"]
    assert _ids(store, actor="گروه‌های مسلح") == ["e0@fa"]
    assert _ids(store, actor="israel") == ["e0@en"]
    assert _ids(store, actor="sy_") == []  # ids match exactly, not as prefixes
    # dates: overlap, inclusive; undated events drop out
    assert _ids(store, date_from="2013-07-27") == ["e0@ar", "e0@fa"]
    assert _ids(store, date_to="2013-07-27") == ["e0@ar", "e1@ar"]
    assert _ids(store, date_from="2013-07-27", date_to="2013-07-27") == ["e0@ar"]
    # text: substring of the evidence sentence, case-insensitive, wildcards literal
    assert _ids(store, text="weapons DEPOT") == ["e0@en"]
    assert _ids(store, text="الخالدية") == ["e0@ar", "e1@ar"]
    assert _ids(store, text="%") == []
    assert _ids(store, lang="fa") == ["e0@fa"]
    assert _ids(store, polarity="denied") == ["e0@en"]
    assert _ids(store, doc_id=corpus()[0].id, event_type="Battles", date_to="2013-07-26") == ["e1@ar"]
    assert _ids(store, extra={"country": "SYR"}) == ["e0@ar", "e0@fa", "e1@ar"]
    with pytest.raises(ValueError):
        _ids(store, extra={"1=1; --": "x"})
    # limit/offset follow the stable (document, position) order
    everything = [e.id for e in store.iter_events()]
    assert [e.id for e in store.iter_events(EventFilter(limit=2))] == everything[:2]
    assert [e.id for e in store.iter_events(EventFilter(limit=2, offset=1))] == everything[1:3]
    assert [e.id for e in store.iter_events(EventFilter(offset=3))] == everything[3:]


def test_iteration_pages_through_large_results(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlbase, "PAGE_SIZE", 3)
    docs = []
    for i in range(8):
        text = f"{ARABIC} ({i})"
        doc = build_document(text, outlet=f"o{i}.com", lang="ar",
                             events=[{"trigger": "اقتحمت", "type": "Battles", "sub": "Armed clash"},
                                     {"trigger": "قتلوا", "type": "Battles", "sub": "Armed clash"}])
        store.save_document(doc)
        docs.append(doc)
    events = [e.id for e in store.iter_events()]
    assert len(events) == len(set(events)) == 16
    assert sorted(events) == sorted(e.id for d in docs for e in d.events)
    assert len(list(store.iter_claims())) == 16
    assert sorted(d.id for d in store.iter_documents()) == sorted(d.id for d in docs)


def test_claims_by_document_and_event(store: Store) -> None:
    docs = corpus()
    for doc in docs:
        store.save_document(doc)
    claims = list(store.iter_claims(doc_id=docs[0].id))
    assert claims == docs[0].claims
    event_id = docs[0].events[1].id
    assert [c.event_id for c in store.iter_claims(event_id=event_id)] == [event_id]
    assert len(list(store.iter_claims())) == 4


def test_documents_listing_and_prefix_lookup(store: Store) -> None:
    docs = corpus()
    for doc in docs:
        store.save_document(doc)
    rows = store.list_documents()
    assert [r["outlet"] for r in rows] == ["aljazeera.net", "farsnews.ir", "example.com"]  # by date, undated last
    assert set(rows[0]) == {"id", "outlet", "lang", "published", "title", "url", "source_path", "n_events"}
    assert rows[0]["n_events"] == 2
    assert [r["outlet"] for r in store.list_documents(limit=1, offset=1)] == ["farsnews.ir"]
    assert store.find_document_ids(docs[1].id[:6]) == [d.id for d in docs if d.id.startswith(docs[1].id[:6])]
    assert store.find_document_ids("%") == []
    assert store.has_document(docs[2].id) and not store.has_document("nope")
    asked = [docs[2].id, "nope", docs[0].id, docs[2].id]
    assert store.stored_document_ids(asked) == {d for d in asked if store.has_document(d)} == {docs[0].id, docs[2].id}
    assert store.stored_document_ids([]) == set()


def test_merge_results_replaced_as_a_whole(store: Store) -> None:
    docs = corpus()
    for doc in docs:
        store.save_document(doc)
    ar, fa = docs[0].events[1], docs[1].events[0]
    canonical = CanonicalEvent(
        id="ce1", event_type="Battles", sub_event_type="Armed clash",
        reports=[Report(ar.doc_id, ar.id, "aljazeera.net", "ar"), Report(fa.doc_id, fa.id, "farsnews.ir", "fa")],
        location=ar.location, date_start=date(2013, 7, 26), date_end=date(2013, 7, 28), date_precision="week",
        fatalities_low=12, contested_fields=["location"], n_sources=2, n_independent_sources=2, story_id="s1")
    other = CanonicalEvent(id="ce2", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                           reports=[Report(docs[2].id, docs[2].events[0].id)], n_sources=1)
    story = Story(id="s1", title="Khalidiya", doc_ids=[docs[0].id, docs[1].id], event_ids=["ce1"],
                  copies={docs[1].id: docs[0].id}, date_start=date(2013, 7, 26))
    store.replace_merge([canonical, other], [story])
    assert store.get_canonical_event("ce1") == canonical
    assert [c.id for c in store.iter_canonical_events()] == ["ce1", "ce2"]
    assert [c.id for c in store.iter_canonical_events(EventFilter(place_id="SY-homs"))] == ["ce1"]
    assert [c.id for c in store.iter_canonical_events(EventFilter(lang="en"))] == ["ce2"]
    assert [c.id for c in store.iter_canonical_events(EventFilter(doc_id=docs[1].id))] == ["ce1"]
    assert [c.id for c in store.iter_canonical_events(EventFilter(text="depot"))] == ["ce2"]
    assert [c.id for c in store.iter_canonical_events(EventFilter(date_from="2013-07-28"))] == ["ce1"]
    assert store.get_story("s1") == story and list(store.iter_stories()) == [story]
    store.replace_merge([other], [])
    assert [c.id for c in store.iter_canonical_events()] == ["ce2"]
    assert store.get_story("s1") is None and store.get_canonical_event("ce1") is None


def test_replace_merge_streams_chunks_in_one_transaction(store: Store) -> None:
    """Iterators longer than one write chunk are written whole; one that fails part way leaves the old merge."""
    from rasad.store.sqlbase import MERGE_CHUNK

    docs = corpus()
    store.save_documents(docs)
    ev = docs[0].events[0]
    n = MERGE_CHUNK * 2 + 7

    def events(prefix: str, fail_at: int | None = None):
        for i in range(n):
            if i == fail_at:
                raise RuntimeError("merge failed part way")
            yield CanonicalEvent(id=f"{prefix}{i:05d}", event_type=ev.event_type, sub_event_type=ev.sub_event_type,
                                 reports=[Report(ev.doc_id, ev.id)], n_sources=1, story_id=f"{prefix}s{i % 3}")

    stories = (Story(id=f"as{i}", title=f"story {i}", doc_ids=[docs[0].id]) for i in range(3))
    store.replace_merge(events("a"), stories)
    assert [c.id for c in store.iter_canonical_events()] == [f"a{i:05d}" for i in range(n)]
    assert [s.id for s in store.iter_stories()] == ["as0", "as1", "as2"]
    assert store.canonical_ids_for_event(ev.id)[:2] == ["a00000", "a00001"]
    with pytest.raises(RuntimeError, match="part way"):
        store.replace_merge(events("b", fail_at=MERGE_CHUNK + 3), [])
    assert store.count_canonical_events() == n and store.get_canonical_event("b00000") is None
    assert store.get_story("as1") is not None


def test_runs_rejections_and_places(store: Store) -> None:
    run = store.start_run("analyze examples")
    second = store.start_run("analyze more")
    assert second > run
    store.record_rejection(Rejection("bad.bin", "binary file", run))
    store.record_rejection(Rejection("empty.txt", "empty", second))
    store.finish_run(run, {"documents": 3, "rejected": 1})
    assert store.list_rejections(run) == [Rejection("bad.bin", "binary file", run)]
    assert len(store.list_rejections()) == 2
    places = [{"id": "SY-homs-khalidiya", "name": "Khalidiya", "names": {"ar": ["الخالدية"]}, "country": "SYR",
               "admin1": "SY-homs", "latitude": 34.74, "longitude": 36.70, "feature": "neighbourhood"},
              {"id": "SY-aleppo", "name": "Aleppo", "country": "SYR", "feature": "admin1"}]
    empty = store.places_fingerprint()
    assert store.save_places(places, "test") == 2
    imported = store.places_fingerprint()
    assert imported != empty and imported == store.places_fingerprint()
    assert store.save_places([{**places[1], "name": "Halab"}], "test") == 1
    assert store.places_fingerprint() != imported  # an entry replaced: a long-lived process reads them again
    moved = store.places_fingerprint()
    store.save_places([{**places[0], "latitude": 34.75}], "test")
    assert store.places_fingerprint() != moved
    store.save_places([places[0]], "test")
    restored = store.places_fingerprint()
    # a re-import that only adds an alias (same name column, same coordinates) is a change too
    store.save_places([{**places[0], "names": {"ar": ["الخالدية", "حي الخالدية"]}}], "test")
    assert store.places_fingerprint() != restored
    store.save_places([places[0]], "test")
    stored = {p["id"]: p for p in store.iter_places()}
    assert stored["SY-homs-khalidiya"] == places[0] and stored["SY-aleppo"]["name"] == "Halab"
    with pytest.raises(ValueError):
        store.save_places([{"name": "no id"}], "test")


def test_migrations_recorded_and_not_reapplied(store: Store) -> None:
    assert isinstance(store, sqlbase.SQLStore)
    names = [f"{m.version:04d}_{m.name}" for m in sqlbase.load_migrations()]
    assert names[0] == "0001_initial"
    assert [f"{v:04d}_{n}" for v, n in store.applied_migrations()] == names
    assert store.schema_version() == sqlbase.load_migrations()[-1].version
    assert store.migrate() == []  # reopening or migrating again applies nothing


def _mention_indexes(store: Store) -> list[str]:
    if isinstance(store, SQLiteStore):
        rows = store._read("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions'"
                           " AND name NOT LIKE 'sqlite_autoindex%'")
    else:
        rows = store._read("SELECT indexname FROM pg_indexes WHERE tablename = 'mentions' AND indexname <> 'mentions_pkey'")
    return sorted(r[0] for r in rows)


def test_mentions_keep_only_their_key_and_read_back_the_same(store: Store) -> None:
    """Migration 0008 drops the (kind, canonical_id) index no query used; a store made before it loses the
    index when opened, and documents (their place mentions read by kind too) come back the same."""
    doc = build_document(
        "قصفت قوات النظام مدينة الرستن في ريف حمص وقتل خمسة مدنيين.", outlet="org:x", lang="ar",
        events=[{"trigger": "قصفت", "type": "Explosions/Remote violence",
                 "sub": "Shelling/artillery/missile attack",
                 "place": {"text": "الرستن", "id": "SY-homs-rastan", "name": "Al-Rastan", "admin1": "SY-homs"}}])
    store.save_document(doc)
    assert _mention_indexes(store) == []
    with store._transaction() as cur:  # back to the schema before migration 0008
        store._exec(cur, "CREATE INDEX mentions_kind_canonical ON mentions (kind, canonical_id)")
        store._exec(cur, "DELETE FROM migrations WHERE name = 'drop_unused_mention_index'")
    assert _mention_indexes(store) == ["mentions_kind_canonical"]
    assert store.migrate() == ["0008_drop_unused_mention_index"]
    assert _mention_indexes(store) == []
    again = store.get_document(doc.id)
    assert again is not None and again.mentions == doc.mentions and again.mentions
    places = next(iter(store.iter_documents(children=("mentions",), mention_kinds=("place",)))).mentions
    assert places == [m for m in doc.mentions if m.kind == "place"] and places
