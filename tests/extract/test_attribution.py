"""Attribution on real seed text and on English reporting patterns."""

from __future__ import annotations

from rasad.extract.attribution import analyse_document
from rasad.model import Document
from rasad.pipeline import build_pipeline


def _regions(text: str, lang: str, outlet: str = "Outlet") -> tuple[Document, list]:
    doc = Document.create(text, lang=lang, outlet=outlet)
    build_pipeline(only=["normalize", "sentences"])(doc)
    for s in doc.sentences:
        s.lang = lang
    analysis = analyse_document(doc)
    return doc, analysis.regions


def _speaker_of(doc: Document, regions: list, words: str):
    off = doc.norm.from_raw(doc.text.index(words))
    return next(r for r in regions if r.start <= off < r.end)


def test_seed_000_speakers(seed_texts: dict[str, str]) -> None:
    doc, regions = _regions(seed_texts["000"], "ar")
    rami = _speaker_of(doc, regions, "الاشتباكات مع الجيش النظامي تركزت").attribution.speaker
    assert (rami.kind, rami.canonical_id, rami.role, rami.organisation) == (
        "person", "person:rami_abdulrahman", "director", "org:sohr")
    khalaf = _speaker_of(doc, regions, "انسحبت منه طواعية").attribution
    assert khalaf.speaker.canonical_id == "person:khaled_al_khalaf" and khalaf.speaker.organisation == "org:snc"
    assert doc.text[khalaf.verb_start:khalaf.verb_end] == "أكد"
    # "وأضاف" continues the SNC member; the next paragraph's LCC is a new source
    assert _speaker_of(doc, regions, "لدينا أوامر").attribution.speaker.canonical_id == "person:khaled_al_khalaf"
    assert _speaker_of(doc, regions, "أحرز تقدماً").attribution.speaker.canonical_id == "org:lcc"
    assert _speaker_of(doc, regions, "بغارة جوية").attribution.speaker.role == "activists"
    assert _speaker_of(doc, regions, "قصف مدينة نوى").attribution.speaker.canonical_id == "org:shaam_news"
    assert _speaker_of(doc, regions, "ينفذ الجيش الحر").attribution.speaker.kind == "outlet"


def test_seed_001_anonymous_official_denial_and_chain(seed_texts: dict[str, str]) -> None:
    doc, regions = _regions(seed_texts["001"], "fa")
    off = _speaker_of(doc, regions, "کوی استراتژیک خالدیه").attribution.speaker
    assert (off.kind, off.role, off.organisation) == ("anonymous", "military official", "org:sy_military")
    # "این مقام نظامی" refers back to the same official
    assert _speaker_of(doc, regions, "مسجد خالد").attribution.speaker.role == "military official"
    denial = _speaker_of(doc, regions, "سیطره ارتش سوریه بر این کوی")
    assert denial.polarity == "denies" and denial.attribution.speaker.kind == "unnamed_group"
    assert _speaker_of(doc, regions, "123فرد").attribution.speaker.canonical_id == "org:sana"
    yedioth = _speaker_of(doc, regions, "خاک سوریه را بمباران").attribution
    assert yedioth.speaker.canonical_id == "org:yedioth_ahronoth"
    assert [c.role for c in yedioth.chain] == ["Lebanese websites", "opposition"]
    # "این روزنامه ... به نقل از آنان": the same newspaper citing the opposition
    again = _speaker_of(doc, regions, "یک محموله موشکی").attribution
    assert again.speaker.canonical_id == "org:yedioth_ahronoth" and again.chain[0].role == "opposition"


def test_seed_002_frame_claims_text_before_it(seed_texts: dict[str, str]) -> None:
    doc, regions = _regions(seed_texts["002"], "ar")
    assert _speaker_of(doc, regions, "لأعنف قصف").attribution.speaker.canonical_id == "org:sohr"
    assert _speaker_of(doc, regions, "في محاولة لاجتياح").attribution.speaker.role == "activists"
    assert _speaker_of(doc, regions, "ويحلق الطيران").attribution.speaker.kind == "outlet"


def test_english_orders_quotes_and_citing() -> None:
    text = ('"We will not leave," said Abu Ahmed, a local commander. '
            "Rebels captured the town of Nawa, according to activists. "
            "Yedioth Ahronoth, citing Lebanese websites, reported that Israeli jets struck a convoy. "
            "Government forces retook the district on Monday.")
    doc, regions = _regions(text, "en", outlet="Reuters")
    quote = _speaker_of(doc, regions, "We will not leave").attribution
    assert quote.speaker.kind == "person" and quote.speaker.name == "Abu Ahmed" and quote.direct_quote
    assert _speaker_of(doc, regions, "Rebels captured").attribution.speaker.role == "activists"
    y = _speaker_of(doc, regions, "Israeli jets").attribution
    assert y.speaker.canonical_id == "org:yedioth_ahronoth" and y.chain[0].role == "Lebanese websites"
    own = _speaker_of(doc, regions, "Government forces retook").attribution.speaker
    assert own.kind == "outlet" and own.canonical_id == "org:reuters"


def test_stage_attributes_every_event(seed_texts: dict[str, str]) -> None:
    doc = build_pipeline()(Document.create(seed_texts["001"], outlet="Persian outlet"))
    assert doc.events
    for ev in doc.events:
        assert ev.attribution is not None and ev.attribution.outlet == "Persian outlet"
    persons = [m for m in doc.mentions if m.source == "attribution" and m.kind == "reporting_verb"]
    assert persons and all(doc.text[m.start:m.end] == m.text for m in persons)
