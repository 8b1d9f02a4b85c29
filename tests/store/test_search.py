"""Text search (``EventFilter.text`` / the API's ``q``) on both back-ends: script folding, word/phrase
semantics, hostile input, canonical events, index upkeep on replace, and the migration's backfill."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from rasad.model import ActorRef, CanonicalEvent, DateRef, Document, Event, PlaceRef, Report, Sentence
from rasad.store.base import EventFilter, Store
from rasad.store.search import MAX_TERMS, SearchQuery, SearchQueryError, event_search_text, search_fold

TEXTS = {
    "ar_idlib": "قصفت قُوّاتُ النظام بلدة كفرنبل في ريف إدلب الجنوبي وقتل خمسة مدنيين.",
    "ar_hama": "اشتباكات عنيفة بين فصائل المعارضة وقـــوات النظام في مدينة حماة أمس.",
    "fa_groups": "گروه‌های مسلح در حومه حلب به مواضع نیروهای دولتی حمله کردند.",
    "fa_kaf": "نیروهای کُرد در کوبانی یک کامیون بمب‌گذاری‌شده را منهدم کردند.",
    "en_khalidiya": "Government forces shelled the Khalidiya district of Homs on Sunday, killing 4.",
    "en_literal": 'A statement titled "NEAR(" said * 100% of_it was a lie \\ the group " OR 1=1 -- denied.',
}


def _event_doc(key: str, text: str, place: str | None = None, place_name: str | None = None,
               actor_text: str | None = None) -> Document:
    lang = key[:2]
    doc = Document.create(text, lang=lang, outlet=f"outlet-{key}")
    doc.sentences = [Sentence(0, len(text), 0, lang)]
    location = None
    if place:
        start = text.index(place)
        location = PlaceRef(f"sy:{key}", place_name or place, place, "town", "SYR", start=start,
                            end=start + len(place))
    actor = None
    if actor_text:
        start = text.index(actor_text)
        actor = ActorRef("sy_gov_forces", "Military Forces of Syria", actor_text, 1, "government", "SYR",
                         start=start, end=start + len(actor_text))
    trigger_end = text.index(" ")
    doc.events = [Event(id=f"{key}:e0", doc_id=doc.id, event_type="Battles", sub_event_type="Armed clash",
                        trigger=doc.span(0, trigger_end), sentence=doc.span(0, len(text)), lang=lang,
                        actor1=actor, location=location, date=DateRef(date(2024, 1, 2), date(2024, 1, 2), "day"))]
    return doc


@pytest.fixture()
def searchable(store: Store) -> Store:
    places = {"ar_idlib": ("إدلب", "Idlib"), "ar_hama": ("حماة", "Hama"), "fa_groups": ("حلب", "Aleppo"),
              "en_khalidiya": ("Khalidiya", "Khalidiya")}
    actors = {"ar_idlib": "قُوّاتُ النظام", "en_khalidiya": "Government forces"}
    store.save_documents([_event_doc(k, t, *places.get(k, (None, None)), actor_text=actors.get(k))
                          for k, t in TEXTS.items()])
    return store


def _found(store: Store, text: str) -> list[str]:
    return sorted(e.id.split(":")[0] for e in store.iter_events(EventFilter(text=text)))


def _reference(store: Store, text: str) -> list[str]:
    """What the documented semantics give, computed in Python over every stored event."""
    terms = SearchQuery.parse(text).terms
    return sorted(e.id.split(":")[0] for e in store.iter_events()
                  if all(t in event_search_text(e) for t in terms))


@pytest.mark.parametrize(("typed", "expected"), [
    ("ادلب", ["ar_idlib"]),  # hamza below dropped; the text has ريف إدلب
    ("إدْلِب", ["ar_idlib"]),  # tashkeel in the query
    ("حماه", ["ar_hama"]),  # taa marbuta typed as haa
    ("قوات النظام", ["ar_hama", "ar_idlib"]),  # tashkeel in one text, tatweel in the other
    ("گروه های", ["fa_groups"]),  # a space typed for the ZWNJ: both parts are in the word
    ('"گروه های"', []),  # but as a phrase the space must be there
    ("گروههای مسلح", ["fa_groups"]),  # ZWNJ left out, Persian ی
    ("گروههاي", ["fa_groups"]),  # Arabic ي for Persian ی
    ("نيروهاي", ["fa_groups", "fa_kaf"]),
    ("كامیون", ["fa_kaf"]),  # Arabic ك for Persian ک
    ("بمبگذاري", ["fa_kaf"]),
    ("KHALID", ["en_khalidiya"]),  # case and prefix
    ("homs killing", ["en_khalidiya"]),  # every word, anywhere
    ("Idlib", ["ar_idlib"]),  # the place's canonical name is searched too
    ("Military Forces of Syria", ["ar_idlib", "en_khalidiya"]),  # and the actor's
    ("٤", ["en_khalidiya"]), ("۴", ["en_khalidiya"]),  # Arabic-Indic and Persian digits
])
def test_typed_wordings_find_the_stored_spelling(searchable: Store, typed: str, expected: list[str]) -> None:
    assert _found(searchable, typed) == expected
    assert searchable.count_events(EventFilter(text=typed)) == len(expected)


def test_words_in_any_order_but_phrases_as_written(searchable: Store) -> None:
    assert _found(searchable, "النظام قوات") == ["ar_hama", "ar_idlib"]
    assert _found(searchable, '"قوات النظام"') == ["ar_hama", "ar_idlib"]
    assert _found(searchable, '"النظام قوات"') == []
    assert _found(searchable, '"shelled the khalidiya"') == ["en_khalidiya"]
    assert _found(searchable, '"shelled khalidiya"') == []
    # a word found inside a longer word: proclitics and prefixes
    assert _found(searchable, "نظام") == ["ar_hama", "ar_idlib"]
    assert _found(searchable, "ادلب حماه") == []


HOSTILE = ['" OR 1=1 --', "NEAR(", "NEAR(a b)", "*", '"', '"""', 'a" OR "b', "') ; DROP TABLE events; --",
           "%", "_", "\\", "of_it", "100%", "^of", "search_text: lie", "{search_text}: x", "-lie", "NOT lie",
           "lie AND NOT statement", "(statement", "statement)", "«near(»", "\x00", "nul\x00l", "x" * 999,
           '"' + "a" * 990]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_input_is_matched_literally(searchable: Store, hostile: str) -> None:
    """No query syntax reaches SQL or FTS5: every input gives exactly the documented literal result."""
    got = _found(searchable, hostile)
    assert got == _reference(searchable, hostile)
    n_events = searchable.count_events()
    assert n_events == len(TEXTS)
    canonical_total = searchable.count_canonical_events(EventFilter(text=hostile))
    assert canonical_total == 0  # no merge results stored: nothing to match, and no error


def test_literal_operators_and_wildcards_find_the_text_holding_them(searchable: Store) -> None:
    for literal in ['" OR 1=1 --', "NEAR(", "*", "100%", "of_it", "\\"]:
        assert _found(searchable, literal) == ["en_literal"], literal
    assert _found(searchable, "%%") == []
    assert _found(searchable, "of_") == ["en_literal"]
    assert _found(searchable, "ofxit") == []


def test_oversized_queries_are_refused_with_a_reason(searchable: Store) -> None:
    with pytest.raises(SearchQueryError, match="too many words"):
        list(searchable.iter_events(EventFilter(text=" ".join(f"w{i}" for i in range(MAX_TERMS + 1)))))
    for ten_kb in ("word " * 2_000, "x" * 10_240, '"' + "ادلب" * 2_560):
        with pytest.raises(SearchQueryError, match="too long"):
            searchable.count_events(EventFilter(text=ten_kb))
    assert isinstance(SearchQueryError("x"), ValueError)  # the API answers 400 to a ValueError


def test_queries_without_terms_do_not_filter(searchable: Store) -> None:
    for empty in ["", "   ", '""', "ـــ", "\u200c", "َ"]:
        assert searchable.count_events(EventFilter(text=empty)) == len(TEXTS), repr(empty)


def test_canonical_events_match_through_their_tellings(searchable: Store) -> None:
    by_key = {e.id.split(":")[0]: e for e in searchable.iter_events()}

    def canonical(cid: str, *keys: str) -> CanonicalEvent:
        return CanonicalEvent(id=cid, event_type="Battles", sub_event_type="Armed clash", reports=[
            Report(by_key[k].doc_id, by_key[k].id, f"outlet-{k}", k[:2]) for k in keys], n_sources=len(keys))

    searchable.replace_merge([canonical("ce-idlib", "ar_idlib", "en_khalidiya"), canonical("ce-hama", "ar_hama"),
                              canonical("ce-fa", "fa_groups", "fa_kaf")], [])

    def found(text: str, **kw: str) -> list[str]:
        return [c.id for c in searchable.iter_canonical_events(EventFilter(text=text, **kw))]

    assert found("ادلب") == ["ce-idlib"]
    assert found("khalidiya") == ["ce-idlib"]
    assert found("قوات النظام") == ["ce-idlib", "ce-hama"]
    assert found("نيروهاي") == ["ce-fa"]
    assert found("نيروهاي", lang="ar") == []
    # every word must be in one telling
    assert found("ادلب khalidiya") == []
    assert searchable.count_canonical_events(EventFilter(text="قوات")) == 2
    assert searchable.count_canonical_events(EventFilter(text="NEAR(")) == 0


def test_replaced_documents_leave_no_stale_search_text(store: Store) -> None:
    doc = _event_doc("ar_idlib", TEXTS["ar_idlib"], "كفرنبل", "Kafr Nabl")
    store.save_document(doc)
    assert _found(store, "kafr nabl") == ["ar_idlib"]
    doc.events[0].location = PlaceRef("sy:idlib", "Idlib", "إدلب", "admin1", "SYR")
    store.save_document(doc)  # the same document again, with a different place
    assert _found(store, "kafr nabl") == []
    assert _found(store, "idlib") == ["ar_idlib"]
    assert store.count_events() == 1


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?؟\n]{20,}[.!?؟]?", text)]


def _as_typed(word: str, rng: random.Random) -> str:
    """``word`` as a user may type it: no hamza on alef, ه for ة, the other ي/ی and ك/ک, no ZWNJ, maybe a
    damma and a tatweel."""
    typed = word.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ی": "ي", "ي": "ی", "ک": "ك",
                                          "ك": "ک", "\u200c": None}))
    if rng.random() < 0.3 and len(typed) > 2:
        typed = typed[:1] + "\u064f" + typed[1:]
    if rng.random() < 0.2 and len(typed) > 2:
        typed = typed[:2] + "\u0640" + typed[2:]
    return typed


def test_real_reports_searched_with_typed_spellings(store: Store, seed_texts: dict[str, str]) -> None:
    """Every sentence of the seed reports is an event; words of each, re-typed with the other letter
    forms, find their own sentence, and the results are exactly the documented semantics."""
    rng = random.Random(5)
    docs = []
    for key, text in seed_texts.items():
        lang = "fa" if key == "001" else "ar"
        doc = Document.create(text, lang=lang, outlet=f"seed-{key}")
        spans = _sentences(text)
        doc.sentences = [Sentence(s, e, i, lang) for i, (s, e) in enumerate(spans)]
        doc.events = [Event(id=f"{key}-{i}:e", doc_id=doc.id, event_type="Battles", sub_event_type="Armed clash",
                            trigger=doc.span(s, s + 1), sentence=doc.span(s, e), lang=lang)
                      for i, (s, e) in enumerate(spans)]
        docs.append(doc)
    store.save_documents(docs)
    events = list(store.iter_events())
    assert len(events) > 20
    texts = {e.id: event_search_text(e) for e in events}
    checked = 0
    for event in rng.sample(events, 12):
        words = [w for w in event.sentence.text.split() if len(search_fold(w)) >= 2]
        for word in rng.sample(words, min(2, len(words))):
            typed = _as_typed(word, rng)
            got = {e.id for e in store.iter_events(EventFilter(text=typed))}
            assert event.id in got, (word, typed)
            folded = SearchQuery.parse(typed).terms
            assert got == {i for i, t in texts.items() if all(f in t for f in folded)}, typed
            checked += 1
    assert checked >= 12


def test_migration_backfills_search_text_of_existing_events(store: Store) -> None:
    """A store made before the search migration: its events get their search text when it is applied."""
    from rasad.store.postgres import PostgresStore

    store.save_documents([_event_doc(k, t) for k, t in TEXTS.items()])
    with store._transaction() as cur:  # back to the schema before migration event_search
        if isinstance(store, PostgresStore):
            store._exec(cur, "DROP INDEX IF EXISTS events_search_trgm")
        else:
            for trigger in ("delete", "update"):  # (the insert trigger went in migration 0007)
                store._exec(cur, f"DROP TRIGGER events_search_{trigger}")
            store._exec(cur, "DROP TABLE events_search")
        store._exec(cur, "ALTER TABLE events DROP COLUMN search_text")
        store._exec(cur, "DELETE FROM migrations WHERE version = (SELECT MAX(version) FROM migrations"
                         " WHERE name = 'event_search')")
    assert [name.split("_", 1)[1] for name in store.migrate()] == ["event_search"]
    assert [n for _, n in store.applied_migrations()].count("event_search") == 1
    assert _found(store, "حماه") == ["ar_hama"]
    assert _found(store, "گروههاي") == ["fa_groups"]
    assert store.count_events(EventFilter(text="of_it")) == 1
    store.save_document(_event_doc("en_more", "Rebels attacked a checkpoint near Palmyra on Monday."))
    assert _found(store, "palmyra") == ["en_more"]


@pytest.mark.parametrize("driven_below", [1, 10**9])
def test_every_query_plan_gives_the_same_rows(searchable: Store, driven_below: int) -> None:
    """SQLite reads few FTS5 matches first and walks the listing order for many (``_text_plan``); whichever
    plan a query gets, pages, counts and canonical events are the documented rows."""
    by_key = {e.id.split(":")[0]: e for e in searchable.iter_events()}
    searchable.replace_merge([CanonicalEvent(id=f"ce-{k}", event_type="Battles", sub_event_type="Armed clash",
                                             reports=[Report(e.doc_id, e.id, "o", e.lang)], n_sources=1)
                              for k, e in sorted(by_key.items())], [])
    searchable.PAGE_DRIVEN_BELOW = searchable.COUNT_DRIVEN_BELOW = driven_below  # type: ignore[attr-defined]
    searchable.COUNT_STREAMED_BELOW = driven_below  # type: ignore[attr-defined]
    for query in ["قوات النظام", "نيروهاي", "ادلب", "homs killing", "NEAR(", "of_it", "4", "تدمر", "الا"]:
        expected = _reference(searchable, query)
        assert _found(searchable, query) == expected, query
        listing = [e.id for e in searchable.iter_events(EventFilter(text=query))]
        for offset in range(len(listing) + 1):  # pages keep the listing order
            page = [e.id for e in searchable.iter_events(EventFilter(text=query, limit=1, offset=offset))]
            assert page == listing[offset:offset + 1], (query, offset)
        assert searchable.count_events(EventFilter(text=query)) == len(expected)
        for cap in range(len(expected) + 2):  # a capped count stops one past the cap
            assert searchable.count_events(EventFilter(text=query), cap=cap) == min(len(expected), cap + 1)
        canonical = [c.id for c in searchable.iter_canonical_events(EventFilter(text=query))]
        assert sorted(canonical) == [f"ce-{k}" for k in expected], query
        assert searchable.count_canonical_events(EventFilter(text=query), cap=1) == min(len(expected), 2)
        assert searchable.count_canonical_events(EventFilter(text=query)) == len(expected)


def test_the_back_end_has_its_search_index(store: Store) -> None:
    from rasad.store.postgres import PostgresStore

    if isinstance(store, PostgresStore):
        rows = store._read("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_search_trgm'"
                           " AND schemaname = current_schema()")
        assert len(rows) == 1 and "gin_trgm_ops" in rows[0][0]
    else:
        store.save_document(_event_doc("ar_hama", TEXTS["ar_hama"]))
        # the FTS5 table answers on its own (kept in step by the triggers)
        assert store._read("SELECT COUNT(*) FROM events_search WHERE events_search MATCH ?", ('"حماه"',)) == [(1,)]


def test_space_runs_are_the_documented_characters() -> None:
    """``search_fold`` collapses runs of every Unicode space but the newline, and of the C0 controls and DEL
    (the one-class pattern equals that definition on every code point and on mixed runs)."""
    from rasad.store.search import _SPACES

    definition = re.compile(r"(?:[^\S\n]|[\x00-\x09\x0b-\x1f\x7f])+")
    for code in range(0x110000):
        ch = chr(code)
        assert (_SPACES.fullmatch(ch) is None) == (definition.fullmatch(ch) is None), hex(code)
    rng = random.Random(9)
    alphabet = "ab ق\n\t\r\x00\x1f\x7f\x85\xa0\u2003\u200c\u3000\u202f\x0b"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert _SPACES.sub(" ", text) == definition.sub(" ", text), repr(text)


def _fts5_consistent(store: Store) -> bool:
    """The FTS5 index holds exactly what the ``events`` rows hold: every (trigram, row, offset) instance
    equals those of an index rebuilt from the rows (``fts5vocab``; FTS5's own integrity-check does not
    compare an external-content index with its content in SQLite 3.40)."""
    from rasad.store.sqlite import SEARCH_INDEX_DDL

    with store._transaction() as cur:  # type: ignore[attr-defined]
        cur.execute(SEARCH_INDEX_DDL[0].replace("events_search", "check_search"))
        cur.execute("INSERT INTO check_search (check_search) VALUES ('rebuild')")
        for table in ("events_search", "check_search"):
            cur.execute(f"CREATE VIRTUAL TABLE temp.{table}_v USING fts5vocab(main, {table}, 'instance')")
        got, want = (cur.execute(f"SELECT term, doc, offset FROM temp.{table}_v ORDER BY 1, 2, 3").fetchall()
                     for table in ("events_search", "check_search"))
        for table in ("events_search", "check_search"):
            cur.execute(f"DROP TABLE temp.{table}_v")
        cur.execute("DROP TABLE check_search")
    return bool(want) and got == want


def test_batches_keep_the_fts5_index_equal_to_the_events(tmp_path) -> None:
    """SQLite indexes a saved batch's events with one statement (``_index_new_events``): after batches with
    new documents, documents saved again (changed) and one document twice in a batch, the FTS5 index is
    exactly the events' text and a search finds what the ``LIKE`` reference finds."""
    from rasad.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "batches.db")
    docs = {k: _event_doc(k, t) for k, t in TEXTS.items()}
    store.save_documents([docs["ar_idlib"], docs["ar_hama"], docs["fa_groups"]])
    assert _fts5_consistent(store)
    changed = _event_doc("ar_idlib", TEXTS["ar_idlib"], "كفرنبل", "Kafr Nabl")
    store.save_documents([changed, docs["fa_kaf"], docs["en_khalidiya"], docs["en_khalidiya"]])
    store.save_documents([docs["en_literal"], Document.create("no events here", lang="en")])
    assert _fts5_consistent(store)
    # an event naming another (stored) document as its doc_id is indexed once, the other's events untouched
    stray = _event_doc("fa_stray", "نیروهای دولتی در حومه حمص پیشروی کردند.")
    stray.events[0].doc_id = docs["fa_kaf"].id
    store.save_documents([stray])
    assert _fts5_consistent(store)
    assert _found(store, "حمص") == ["fa_stray"]
    store._exec(store._conn.cursor(), "DELETE FROM events WHERE id = 'fa_stray:e0'")  # type: ignore[attr-defined]
    assert store.count_events() == 6
    for query in ["kafr nabl", "قوات النظام", "نيروهاي", "homs", "of_it"]:
        assert _found(store, query) == _reference(store, query) != [], query
    # the check itself notices an event missing from the index
    with store._transaction() as cur:
        cur.execute("INSERT INTO events_search (events_search, rowid, search_text)"
                    " SELECT 'delete', rowid, search_text FROM events WHERE id = 'fa_kaf:e0'")
    assert not _fts5_consistent(store)


def test_stores_made_before_batch_indexing_lose_the_insert_trigger(tmp_path) -> None:
    """A store whose search index still had the per-row insert trigger (before migration 0007): migrating
    drops it, so a saved event is indexed once, by the batch statement."""
    from rasad.store.sqlite import SQLiteStore

    path = tmp_path / "old.db"
    store = SQLiteStore(path)
    store.save_document(_event_doc("ar_hama", TEXTS["ar_hama"]))
    with store._transaction() as cur:  # back to the schema of migration 0006
        cur.execute("CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN"
                    " INSERT INTO events_search (rowid, search_text) VALUES (new.rowid, new.search_text); END")
        cur.execute("DELETE FROM migrations WHERE name = 'search_batch_insert'")
    store.close()
    store = SQLiteStore(path)
    assert store._read("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'events_search_insert'") == []
    store.save_document(_event_doc("ar_idlib", TEXTS["ar_idlib"]))
    assert _fts5_consistent(store)
    assert _found(store, "قوات النظام") == ["ar_hama", "ar_idlib"]


def _merged_by_key(store: Store) -> dict[str, Event]:
    """One merged event per stored telling (``ce-<key>``), types alternating so a type filter keeps some."""
    by_key = {e.id.split(":")[0]: e for e in store.iter_events()}
    types = ["Battles", "Riots"]
    store.replace_merge([CanonicalEvent(id=f"ce-{k}", event_type=types[i % 2], sub_event_type=None,
                                        reports=[Report(e.doc_id, e.id, "o", e.lang)], n_sources=1)
                         for i, (k, e) in enumerate(sorted(by_key.items()))], [])
    return by_key


@pytest.mark.parametrize("extra", [{}, {"event_type": "Battles"}, {"event_type": "Riots"}, {"lang": "ar"},
                                   {"event_type": "Riots", "lang": "fa"}])
def test_capped_counts_stream_or_walk_alike(searchable: Store, extra: dict[str, str]) -> None:
    """A capped count of a ``q`` streams the FTS5 matches (SQLite; ``streamed_canonical_count``) or walks
    the listing order; with other filters or without, both count the documented rows, stopping one past
    the cap."""
    by_key = _merged_by_key(searchable)
    types = {f"ce-{k}": ["Battles", "Riots"][i % 2] for i, k in enumerate(sorted(by_key))}
    for query in ["قوات النظام", "نيروهاي", "ادلب", "homs killing", "of_it", "الا", "تدمر", "ال حم"]:
        flt = EventFilter(text=query, **extra)
        keys = _reference(searchable, query)
        keys = [k for k in keys if extra.get("lang", k[:2]) == k[:2]]
        merged = [k for k in keys if extra.get("event_type") in (None, types[f"ce-{k}"])]
        counts = {}
        for below in (None, 1, 10**9):  # always stream / walk unless no match / stream below the probe
            searchable.COUNT_STREAMED_BELOW = below  # type: ignore[attr-defined]
            searchable.COUNT_DRIVEN_BELOW = below or 10**9  # type: ignore[attr-defined]
            for cap in range(len(merged) + 2):
                assert searchable.count_canonical_events(flt, cap=cap) == min(len(merged), cap + 1), (query, cap)
            no_type = EventFilter(text=query, **{k: v for k, v in extra.items() if k != "event_type"})
            if "event_type" not in extra:  # the tellings are all Battles
                for cap in range(len(keys) + 2):
                    assert searchable.count_events(no_type, cap=cap) == min(len(keys), cap + 1), (query, cap)
            counts[below] = searchable.count_canonical_events(flt, cap=1000)
        assert set(counts.values()) == {len(merged)}, (query, counts)


def test_remembered_probes_follow_writes(store: Store) -> None:
    """The FTS5 probe behind the plan choice is remembered per query until the data changes: a search
    finds what was saved after the same search found nothing, also when another connection saved it."""
    from rasad.store.base import open_store
    from rasad.store.sqlite import SQLiteStore

    assert store.count_events(EventFilter(text="Palmyra"), cap=10) == 0
    assert list(store.iter_events(EventFilter(text="Palmyra", limit=5))) == []
    store.save_document(_event_doc("en_more", "Rebels attacked a checkpoint near Palmyra on Monday."))
    assert store.count_events(EventFilter(text="Palmyra"), cap=10) == 1
    assert [e.id.split(":")[0] for e in store.iter_events(EventFilter(text="Palmyra", limit=5))] == ["en_more"]
    if isinstance(store, SQLiteStore) and store.path != ":memory:":
        other = open_store(store.path)
        try:
            other.save_document(_event_doc("en_other", "Rebels shelled Palmyra again on Tuesday."))
        finally:
            other.close()
        assert store.count_events(EventFilter(text="Palmyra"), cap=10) == 2


def test_hamza_spelling_of_the_ye_folds_alike_in_queries_and_lines_of_any_language() -> None:
    # the Persian fold decides per text; the search folds query and each indexed line on their own, so a
    # Persian query must still find the Arabic spelling, and a line folds as it does inside the whole text
    assert search_fold("اسرائیل") == search_fold("إسرائيل")
    persian = "نیروهای آمریکائی حمله کردند"
    arabic_yeh_line = "حمله هوائي"
    assert search_fold(persian + "\n" + arabic_yeh_line).split("\n") == [search_fold(persian),
                                                                         search_fold(arabic_yeh_line)]
    assert search_fold(arabic_yeh_line) == search_fold("حمله هوایی")
