"""Near-duplicate detection and stories."""

from __future__ import annotations

from rasad.merge import merge_documents
from rasad.merge.copies import CopyCandidate, find_copies
from rasad.merge.stories import cluster_stories
from tests.merge.builders import ALEPPO, GOV, HOMS, KHALIDIYA, REBELS, WAER, document, event

ARTICLE = ("قالت مصادر محلية إن قوات النظام قصفت أحياء المدينة القديمة بالمدفعية الثقيلة صباح اليوم ما أدى إلى "
           "سقوط عدد من الجرحى بين المدنيين وتدمير عدد من المنازل في الحي الشرقي بينما تواصلت الاشتباكات على "
           "أطراف الحي حتى ساعات المساء بحسب ناشطين")


def test_minhash_finds_reprints_but_not_articles_on_the_same_topic():
    reprint = ARTICLE.replace("صباح اليوم", "صباح الأحد") + " وأضافت المصادر أن الوضع الإنساني صعب"
    same_topic = ("أفاد ناشطون بأن اشتباكات عنيفة اندلعت في الحي الشرقي للمدينة القديمة بعد قصف مدفعي "
                  "من قوات النظام أسفر عن جرحى بين المدنيين وأن فرق الإسعاف لم تتمكن من الوصول")
    docs = [CopyCandidate("orig", ARTICLE, 735000), CopyCandidate("copy", reprint, 735001),
            CopyCandidate("other", same_topic, 735000), CopyCandidate("short", "قصف على حمص", 735000)]
    assert find_copies(docs) == {"copy": "orig"}


def test_earliest_published_is_the_original():
    docs = [CopyCandidate("late", ARTICLE, 735010), CopyCandidate("early", ARTICLE + " .", 735001)]
    assert find_copies(docs) == {"late": "early"}


def test_story_gathers_the_events_and_documents_about_one_place_and_time():
    d1 = document("d1", [event("Armed clash", KHALIDIYA, "2013-07-10", actor1=GOV, actor2=REBELS),
                         event("Air/drone strike", ALEPPO, "2013-07-10", actor1=GOV)], "A")
    d2 = document("d2", [event("Shelling/artillery/missile attack", KHALIDIYA, "2013-07-20", actor1=GOV)], "B")
    d3 = document("d3", [event("Government regains territory", KHALIDIYA, "2013-07-29", actor1=GOV,
                               actor2=REBELS)], "C")
    d4 = document("d4", [event("Armed clash", HOMS, "2013-07-28", actor1=GOV, actor2=REBELS)], "D")
    d5 = document("d5", [event("Armed clash", KHALIDIYA, "2014-05-01", actor1=GOV, actor2=REBELS)], "E")
    result = merge_documents([d1, d2, d3, d4, d5])
    khalidiya = next(s for s in result.stories if d2.id in s.doc_ids)
    assert set(khalidiya.doc_ids) == {d1.id, d2.id, d3.id, d4.id}  # Homs-level report joins the one story
    assert "Khalidiya" in khalidiya.title
    assert (khalidiya.date_start.isoformat(), khalidiya.date_end.isoformat()) == ("2013-07-10", "2013-07-29")
    # the Aleppo strike only d1 mentions, after its lead on Khalidiya, is a side event of d1's story
    strike = next(c for c in result.canonical_events if c.sub_event_type == "Air/drone strike")
    assert strike.story_id == khalidiya.id and len(result.stories) == 2
    assert any(s.doc_ids == [d5.id] for s in result.stories)  # ten months later: another story
    for ce in result.canonical_events:
        assert ce.story_id in {s.id for s in result.stories}

    # a document about the Aleppo strike makes it a story of its own, with both documents telling it
    d6 = document("d6", [event("Air/drone strike", ALEPPO, "2013-07-10", actor1=GOV)], "F")
    result = merge_documents([d1, d2, d3, d4, d5, d6])
    khalidiya = next(s for s in result.stories if d2.id in s.doc_ids)
    assert set(khalidiya.doc_ids) == {d1.id, d2.id, d3.id, d4.id}
    aleppo = next(s for s in result.stories if d6.id in s.doc_ids)
    assert aleppo.doc_ids == sorted([d1.id, d6.id]) and aleppo.event_ids == [strike.id for strike in
                                                                           result.canonical_events
                                                                           if strike.sub_event_type == "Air/drone strike"]
    for ce in result.canonical_events:
        assert ce.story_id in {s.id for s in result.stories}


def test_a_city_event_with_two_running_stories_inside_is_not_forced_into_either():
    paths = [("c", "a1", "homs", "khalidiya"), ("c", "a1", "homs", "waer"), ("c", "a1", "homs")]
    keys = {k: i for i, k in enumerate(sorted({k for p in paths for k in p}))}
    int_paths = [tuple(keys[k] for k in p) for p in paths]
    labels = cluster_stories(int_paths, [100, 100, 101], [100, 100, 101])
    assert len(set(labels)) == 3
    labels = cluster_stories(int_paths[::2], [100, 101], [100, 101])
    assert len(set(labels)) == 1
    assert WAER.place_id != KHALIDIYA.place_id
