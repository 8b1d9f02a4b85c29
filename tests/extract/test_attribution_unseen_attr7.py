"""Attribution patterns met in unseen news (attr7 sample): an Arabic speaker quoted "to" a newspaper named
in quotation marks, a colon after the verb, a name before a secretary's or senior member's role; "the
Coalition" in English."""

from __future__ import annotations

from rasad.extract.attribution import analyse_document
from rasad.model import Document
from rasad.pipeline import build_pipeline


def _regions(text: str, lang: str = "ar") -> tuple[Document, list]:
    doc = Document.create(text, lang=lang, outlet="Outlet")
    build_pipeline(only=["normalize", "sentences"])(doc)
    for s in doc.sentences:
        s.lang = lang
    return doc, analyse_document(doc).regions


def _speaker(doc: Document, regions: list, words: str):
    off = doc.norm.from_raw(doc.text.index(words))
    return next(r for r in regions if r.start <= off < r.end).attribution.speaker


def test_quoted_addressee_after_the_verb_is_not_the_end_of_the_subject() -> None:
    doc, regions = _regions('قال لـ"الوطن" مصدر أمني إن المسلحين هاجموا الحاجز ليلا. '
                            "وقال لـ«الحياة» ناشطون في المدينة إن القصف استمر حتى الصباح.")
    source = _speaker(doc, regions, "هاجموا الحاجز")
    assert source.kind == "anonymous" and source.role == "security source"
    group = _speaker(doc, regions, "القصف استمر")
    assert group.kind == "unnamed_group" and group.role == "activists"
    # the addressee closed by a colon: what follows is the content, the activists go on
    doc, regions = _regions("وقال ناشطون في المدينة إن القصف استمر حتى الصباح. "
                            'وقال لـ"الوطن": نحن نوثق كل الغارات على المدينة.')
    assert _speaker(doc, regions, "نوثق كل").role == "activists"


def test_words_after_a_colon_are_the_content_not_the_subject() -> None:
    doc, regions = _regions("وقال المرصد السوري إن الاشتباكات تجددت في الريف. "
                            "وأضاف: القوات الحكومية لم تتقدم في المنطقة.")
    assert _speaker(doc, regions, "القوات الحكومية لم").canonical_id == "org:sohr"


def test_name_before_secretary_or_senior_member_role_is_the_speaker() -> None:
    doc, regions = _regions("قال سامي العبدالله السكرتير الصحافي للوزير إن الاجتماع تأجل. "
                            "وأكد خالد المنصوري القيادي في الحزب أن الحزب سيقاطع الانتخابات.")
    secretary = _speaker(doc, regions, "الاجتماع تأجل")
    assert (secretary.kind, secretary.name, secretary.role) == ("person", "سامي العبدالله", "secretary")
    leader = _speaker(doc, regions, "سيقاطع")
    assert (leader.kind, leader.name) == ("person", "خالد المنصوري")


def test_the_coalition_is_the_coalition_the_text_names() -> None:
    doc, regions = _regions("The Syrian Coalition condemned the air strikes on Idlib. "
                            "The silence over these crimes amounts to complicity, the Coalition said.", "en")
    assert _speaker(doc, regions, "amounts to").canonical_id == "org:syrian_coalition"
    doc, regions = _regions("US-led coalition aircraft struck Raqqa overnight. "
                            "The coalition said the strikes destroyed a headquarters.", "en")
    assert _speaker(doc, regions, "the strikes destroyed").canonical_id == "org:us_coalition"


def test_an_official_who_withholds_his_name_stays_anonymous() -> None:
    doc, regions = _regions("وصرح مسؤول تركي رفض الكشف عن هويته بأن المسلحين فروا من المدينة. "
                            "وقال مسؤول سوري طلب عدم ذكر اسمه إن القصف استمر ليلا.")
    official = _speaker(doc, regions, "المسلحين فروا")
    assert official.kind == "anonymous" and official.name is None
    officer = _speaker(doc, regions, "القصف استمر")
    assert officer.kind == "anonymous" and officer.name is None


def test_an_adjective_after_a_definite_noun_is_not_the_outlet_it_spells() -> None:
    doc, regions = _regions("أعلنت دولة الإمارات العربية تفكيك خلية إرهابية. "
                            "وقالت العربية إن الخلية ضمت عشرة أشخاص.")
    assert _speaker(doc, regions, "تفكيك خلية").canonical_id is None
    assert _speaker(doc, regions, "الخلية ضمت").canonical_id == "org:al_arabiya"


def test_a_second_predicate_keeps_the_clause_subject() -> None:
    doc, regions = _regions("The Observatory relies on activists inside Syria and says the strikes on Idlib "
                            "killed 12 people. The Syrian Observatory for Human Rights cited activists in Idlib "
                            "and said the strikes hit a market.", "en")
    assert _speaker(doc, regions, "hit a market").canonical_id == "org:sohr"
    assert _speaker(doc, regions, "the strikes on").canonical_id == "org:sohr"


def test_quoted_as_saying_gives_the_quoted_source_with_the_relay_in_the_chain() -> None:
    doc, regions = _regions("A report on SANA quoted a police source as saying that a car bomb killed seven people "
                            "in Homs.", "en")
    attr = next(r for r in regions if r.start <= doc.norm.from_raw(doc.text.index("a car bomb")) < r.end).attribution
    assert attr.speaker.kind == "anonymous" and attr.speaker.role == "police source"
    assert [c.canonical_id for c in attr.chain] == ["org:sana"]


def test_a_statement_issued_by_an_organisation_is_the_organisation_speaking() -> None:
    doc, regions = _regions("وقال بيان صادر عن قيادة الشرطة إن دورية اعتقلت خمسة مسلحين في المدينة.")
    speaker = _speaker(doc, regions, "دورية اعتقلت")
    assert (speaker.kind, speaker.name) == ("organisation", "قيادة الشرطة")


def test_an_anaphor_followed_by_a_name_names_a_new_speaker() -> None:
    doc, regions = _regions("قال مصدر عسكري إن القصف استمر حتى الفجر. "
                            "وأكد الناشط الإعلامي سامر الحلبي أن الطائرات قصفت السوق.")
    named = _speaker(doc, regions, "الطائرات قصفت")
    assert named.kind == "person" and "سامر الحلبي" in (named.name or "")
    # an adjective after the anaphor is no name: the official spoken of before goes on
    doc, regions = _regions("قال مصدر عسكري إن القصف استمر حتى الفجر. "
                            "وقال المسؤول الأمني إن الهجوم أسفر عن مقتل ثلاثة.")
    assert _speaker(doc, regions, "الهجوم أسفر").role == "military source"
