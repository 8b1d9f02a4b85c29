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


def test_english_source_nearest_the_verb_and_descriptors() -> None:
    # punctuation-poor wire copy (as in FA-KES): the subject is the source phrase next to the verb
    text = ("An explosion at a mosque in Idlib on Friday killed at least 25 members of the Nusra Front "
            "the Syrian Observatory for Human Rights monitoring group said. "
            "Air strikes on two hospitals in rebel-held Syria on Thursday left 10 people dead a monitor said. "
            "A bomb blast killed six people in the Salah al-Din district of Aleppo Syrian state television "
            "reported on Wednesday without giving further details. "
            "Syrian opposition forces on Sunday claimed that Russian jets hit an outpost in Idlib.")
    doc, regions = _regions(text, "en")
    assert _speaker_of(doc, regions, "members of the Nusra").attribution.speaker.canonical_id == "org:sohr"
    # "a monitor" is the monitor the text names elsewhere
    monitor = _speaker_of(doc, regions, "two hospitals").attribution.speaker
    assert monitor.canonical_id == "org:sohr" and monitor.name == "a monitor"
    # a source closing its clause claims the content before it
    tv = _speaker_of(doc, regions, "A bomb blast killed").attribution.speaker
    assert tv.canonical_id == "org:sana" and tv.name == "Syrian state television"
    rebels = _speaker_of(doc, regions, "Russian jets hit").attribution.speaker
    assert rebels.kind == "unnamed_group" and rebels.name == "Syrian opposition forces"


def test_english_descriptor_without_a_named_monitor_stays_unnamed() -> None:
    doc, regions = _regions("Shelling killed four civilians in Douma on Monday, a monitoring group said.", "en")
    sp = _speaker_of(doc, regions, "Shelling killed").attribution.speaker
    assert sp.kind == "unnamed_group" and sp.role == "monitor" and sp.canonical_id is None


def test_persian_self_reference_is_not_the_speaker() -> None:
    text = ("به گزارش گروه بین‌الملل خبرگزاری فارس، «سرگئی لاوروف» وزیر امور خارجه روسیه امروز در یک نشست خبری "
            "اعلام کرد که حملات هوایی در ادلب ادامه خواهد داشت.")
    doc, regions = _regions(text, "fa", outlet="Fars News Agency")
    attr = _speaker_of(doc, regions, "حملات هوایی").attribution
    assert attr.outlet == "org:fars"
    assert attr.speaker.kind == "person" and attr.speaker.name == "سرگئی لاوروف"
    assert attr.speaker.role == "foreign minister"


def test_arabic_unknown_institutions_and_coordinated_sources_are_named_as_written() -> None:
    doc, regions = _regions("قالت وزارة الداخلية العراقية إن مسلحين هاجموا نقطة تفتيش. "
                            "ونفت موسكو أن تكون طائراتها قصفت السوق. "
                            "قتل خمسة أشخاص في الانفجار، حسبما قال مسؤول طبي ومصادر في الشرطة.", "ar")
    ministry = _speaker_of(doc, regions, "هاجموا نقطة").attribution.speaker
    assert (ministry.kind, ministry.name) == ("organisation", "وزارة الداخلية العراقية")
    denial = _speaker_of(doc, regions, "طائراتها قصفت")
    assert denial.polarity == "denies" and denial.attribution.speaker.role == "government"
    group = _speaker_of(doc, regions, "في الانفجار").attribution.speaker
    assert (group.kind, group.name) == ("unnamed_group", "مسؤول طبي ومصادر في الشرطة")


def test_arabic_nested_report_stays_with_the_first_speaker() -> None:
    doc, regions = _regions("وقال المرصد السوري في بيان أن مصادر محلية أكدت أن الطائرات قصفت البلدة. "
                            "وأشار إلى مقتل عشرة من تنظيم داعش في الغارات.", "ar")
    nested = _speaker_of(doc, regions, "الطائرات قصفت").attribution
    assert nested.speaker.canonical_id == "org:sohr" and nested.chain[0].role == "local sources"
    # "أشار إلى": nothing after the preposition is the speaker; the Observatory goes on
    assert _speaker_of(doc, regions, "مقتل عشرة").attribution.speaker.canonical_id == "org:sohr"


def test_trie_starts_cover_every_match_on_seed_text(seed_texts: dict[str, str]) -> None:
    """The speed path (``PhraseTrie.starts``, ``scan`` over starts only) finds exactly what trying
    ``match`` at every token finds, on real Arabic/Persian text with proclitics ("والمرصد", "وسخنگوی")."""
    from rasad.extract.attribution import reporting_lexicon
    from rasad.extract.speakers import Item, scan, speaker_lexicon, tokenize

    def scan_every_token(tokens: list, lang: str) -> list[Item]:
        trie, items, i = speaker_lexicon(lang).trie, [], 0
        while i < len(tokens):
            m = trie.match(tokens, i, lang)
            if m:
                items.append(Item(i, i + m[0], m[1]))
            i += m[0] if m else 1
        return items

    n_items = 0
    for key, lang in (("000", "ar"), ("001", "fa"), ("002", "ar")):
        doc = Document.create(seed_texts[key], lang=lang)
        build_pipeline(only=["normalize", "sentences"])(doc)
        for sent in doc.sentences:
            tokens = tokenize(doc.norm.text, doc.norm.from_raw(sent.start), doc.norm.from_raw(sent.end))
            for trie in (speaker_lexicon(lang).trie, reporting_lexicon(lang).cues):
                starts = set(trie.starts(tokens, lang))
                assert {k for k in range(len(tokens)) if trie.match(tokens, k, lang)} <= starts
            expected = scan_every_token(tokens, lang)
            assert [(it.start, it.end, it.tags) for it in scan(tokens, lang)] == [
                (it.start, it.end, it.tags) for it in expected]
            n_items += len(expected)
    assert n_items > 20  # the seeds name many sources: the comparison is not vacuous


def _analysed(text: str, lang: str, outlet: str = "Outlet") -> tuple[Document, list]:
    """All stages up to events (the mentions the attribution rules compare), then the attribution regions."""
    doc = Document.create(text, lang=lang, outlet=outlet)
    build_pipeline(until="events")(doc)
    return doc, analyse_document(doc).regions


def test_news_lead_takes_the_source_of_the_sentence_retelling_it() -> None:
    doc, regions = _analysed(
        "قتل 14 شخصا في قصف جوي استهدف سوقا شعبية في مدينة دوما بريف دمشق أمس. "
        "وأفاد المرصد السوري لحقوق الإنسان بأن طائرات حربية قصفت السوق ظهر الأحد ما أدى إلى مقتل 14 شخصا "
        "بينهم أطفال في دوما. "
        "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف حماة الشمالي. "
        "وقال مسؤول في الأمم المتحدة إن المنظمة تستعد لإرسال مساعدات غذائية إلى مدينة حلب.", "ar")
    assert _speaker_of(doc, regions, "قتل 14 شخصا").attribution.speaker.canonical_id == "org:sohr"
    # the next sentence's source speaks of something else (aid to Aleppo): the clashes stay the outlet's
    assert _speaker_of(doc, regions, "اندلعت اشتباكات").attribution.speaker.kind == "outlet"


def test_english_lead_and_police_source() -> None:
    doc, regions = _analysed(
        "Six civilians were killed when rocket shells hit the al-Midan neighborhood of Aleppo on Friday. "
        "A source at Aleppo Police Command said that terrorists fired rocket shells on al-Midan, killing six "
        "civilians. Schools in the city will reopen next week.", "en")
    lead = _speaker_of(doc, regions, "Six civilians were killed").attribution.speaker
    assert lead.kind == "anonymous" and lead.role == "source"
    assert _speaker_of(doc, regions, "Schools in the city").attribution.speaker.kind == "outlet"


def test_group_named_with_its_place() -> None:
    doc, regions = _analysed("وتحاول قوات النظام اقتحام حي الخالدية منذ أربعة أيام بحسب ما قال ناشطون من حمص "
                             "للعربية نت.", "ar")
    assert _speaker_of(doc, regions, "اقتحام حي").attribution.speaker.name == "ناشطون من حمص"
    doc, regions = _analysed("سایتهای لبنانی و مخالفان دولت سوریه گزارش دادند که جنگنده‌ها به قنیطره حمله کردند. "
                             "به گفته این مخالفان در قنیطره، صدای جنگنده‌ها در بالای شهر شنیده می‌شد.", "fa")
    group = _speaker_of(doc, regions, "صدای جنگنده").attribution.speaker
    assert (group.kind, group.name) == ("unnamed_group", "مخالفان در قنیطره")
    # a group without a place after it keeps its own name
    doc, regions = _analysed("Rebels shelled the town of Mhardeh on Monday, according to activists.", "en")
    assert _speaker_of(doc, regions, "Rebels shelled").attribution.speaker.name == "activists"


def test_sources_relaying_sources_become_chains() -> None:
    # a frame opening the sentence relays the speaker of the verb after it
    doc, regions = _regions("به گزارش ایرنا، منابع محلی اعلام کردند که 15 نفر در انفجار کشته شدند.", "fa")
    attr = _speaker_of(doc, regions, "15 نفر").attribution
    assert attr.speaker.canonical_id == "org:irna" and [c.role for c in attr.chain] == ["local sources"]
    # a frame citing another source: one link, the whole sentence
    doc, regions = _regions("سيطر الجيش على البلدة، بحسب وكالة سانا نقلا عن مصدر عسكري.", "ar")
    attr = _speaker_of(doc, regions, "سيطر الجيش").attribution
    assert attr.speaker.canonical_id == "org:sana" and [c.role for c in attr.chain] == ["military source"]
    # "X, citing Y, said": the comma closes the citing frame; the subject is before it, not after the verb
    doc, regions = _regions("Syrian state media, citing a military source, said the army had retaken the town. "
                            "The army retook the village, said Syrian state media, citing a military source.", "en")
    for words in ("had retaken", "retook the village"):
        attr = _speaker_of(doc, regions, words).attribution
        assert attr.speaker.canonical_id == "org:sana" and [c.role for c in attr.chain] == ["military source"]


def test_known_source_wins_over_a_name_inside_it() -> None:
    doc, regions = _regions("Twelve people were killed in an air strike on Idlib, the Syrian Observatory for Human "
                            "Rights said. The Syrian Observatory for Human Rights said that jets struck Saraqeb.", "en")
    assert _speaker_of(doc, regions, "Twelve people").attribution.speaker.canonical_id == "org:sohr"
    assert _speaker_of(doc, regions, "jets struck").attribution.speaker.canonical_id == "org:sohr"
    # a person's name after an organisation's (commas lost) does not take the organisation's last word
    doc, regions = _regions("The chairman of the Syrian Network for Human Rights Fadel Abdul Ghani told Asharq "
                            "Al-Awsat that investigators verified the attack.", "en")
    assert _speaker_of(doc, regions, "investigators verified").attribution.speaker.name == "Fadel Abdul Ghani"


def test_expressed_concern_and_persian_pronoun_subject() -> None:
    doc, regions = _regions("أعرب مبعوث الأمم المتحدة الخاص إلى سوريا ستيفان دي ميستورا عن قلقه العميق إزاء قصف "
                            "مدينة الزبداني. وأضاف دي ميتسورا في بيان أن البراميل المتفجرة دمرت عشرات المنازل.", "ar")
    # "أعرب عن قلقه" is the envoy speaking; "وأضاف" with a misspelt name goes on with him
    assert _speaker_of(doc, regions, "البراميل المتفجرة").attribution.speaker.canonical_id == \
        "person:staffan_de_mistura"
    doc, regions = _regions(
        "یک مقام نظامی سوریه اعلام کرد که ارتش کنترل کوی خالدیه را در دست گرفت. "
        "وی با اشاره به درگیریهای شدید هفته گذشته در اطراف مسجد خالد بن ولید و خیابانهای اطراف آن و حملات "
        "خمپاره ای گروههای مسلح به محله های مسکونی شهر که به کشته شدن دهها نفر از ساکنان غیرنظامی منجر شد "
        "اشاره کرد و گفت عملیات ادامه دارد.", "fa")
    assert _speaker_of(doc, regions, "حملات خمپاره").attribution.speaker.role == "military official"


def test_unknown_subject_is_named_as_written_not_inherited() -> None:
    doc, regions = _regions("قال المرصد السوري لحقوق الإنسان إن الطائرات قصفت البلدة. "
                            "وقال أحد نواب البرلمان لـ«الشرق الأوسط» إن بغداد لن ترضى بتشكيل قوات محلية. "
                            "وأضاف في بيان أن الحكومة تعمدت نقل المعسكر. "
                            "يكفر المسلمين ويعلن الخروج على الدولة.", "ar")
    mp = _speaker_of(doc, regions, "بغداد لن ترضى").attribution.speaker
    assert (mp.kind, mp.name) == ("anonymous", "أحد نواب البرلمان")
    # "وأضاف في بيان": no subject after the verb -- the same speaker goes on
    assert _speaker_of(doc, regions, "الحكومة تعمدت").attribution.speaker.name == "أحد نواب البرلمان"
    # "فحسب" (only) is no frame
    doc, regions = _regions("لم يكن الخلاف سياسيا فحسب بل اقتصاديا أيضا.", "ar")
    assert regions[0].attribution.speaker.kind == "outlet"
    doc, regions = _regions("لاريجاني در مورد مجلس هشتم اظهار داشت: مجلس نیازمند نیروهای متخصص است. "
                            "ارتش سوریه کنترل شهر را به دست گرفت.", "fa")
    assert _speaker_of(doc, regions, "نیازمند").attribution.speaker.name == "لاريجاني"
    assert _speaker_of(doc, regions, "کنترل شهر").attribution.speaker.kind == "outlet"


def test_outlet_clause_beside_a_denial_is_the_outlets() -> None:
    doc, regions = _regions("من جهة أخرى، نفت أنقرة اتهامات الوحدات الكردية بقصف مواقعها في قرية حدودية، في وقت "
                            "انتزع فيه الأكراد السيطرة على بلدة صرين من داعش.", "ar")
    denial = _speaker_of(doc, regions, "بقصف مواقعها")
    assert denial.polarity == "denies" and denial.attribution.speaker.name == "أنقرة"
    capture = _speaker_of(doc, regions, "انتزع فيه")
    assert capture.polarity == "asserts" and capture.attribution.speaker.kind == "outlet"
    # "بينما" goes on with the speaker's own list
    doc, regions = _regions("وأشار المرصد إلى مقتل 11 من داعش في الميادين، بينما قتل 29 منهم قرب الطبقة.", "ar")
    assert _speaker_of(doc, regions, "قتل 29").attribution.speaker.canonical_id == "org:sohr"


def test_english_unknown_subject_before_the_verb() -> None:
    doc, regions = _regions("At least eight civil defence workers were killed when an air strike hit their office in "
                            "the northern Hama province the rescue service said on Saturday. "
                            "Five people were killed in the town said a resident. "
                            "The conflict has claimed the lives of over 470000 people.", "en")
    assert _speaker_of(doc, regions, "eight civil defence").attribution.speaker.name == "the rescue service"
    # "in the town said": a place after a preposition is no speaker (the comma was lost); the resident is
    assert _speaker_of(doc, regions, "Five people").attribution.speaker.role == "resident"
    # "claimed the lives of" is not a claim
    assert _speaker_of(doc, regions, "The conflict has").attribution.speaker.kind == "outlet"


def test_arabic_short_definite_name_takes_the_full_name_given_before() -> None:
    doc, regions = _regions("قال مسؤول تركي إن الجيش لم يقصف مواقع تابعة لوحدات حماية الشعب الكردية في قرية بشمال "
                            "سوريا. وقالت الوحدات في وقت سابق إن الجيش التركي قصف مواقعها. "
                            "وقالت الحكومة إن الهدنة صامدة.", "ar")
    ypg = _speaker_of(doc, regions, "قصف مواقعها").attribution.speaker
    assert (ypg.kind, ypg.name) == ("organisation", "وحدات حماية الشعب الكردية")
    # nothing named before with that noun: kept as written
    assert _speaker_of(doc, regions, "الهدنة صامدة").attribution.speaker.name == "الحكومة"


def test_persian_role_opening_the_subject_is_a_person_of_the_organisation() -> None:
    doc, regions = _regions(
        "سفیر و معاون نمایندگی ایران در سازمان ملل بر حمایت کشورمان از تقویت امنیت، ثبات و توسعه همه جانبه در "
        "افغانستان و کار آژانسهای مرتبط با سازمان ملل متحد در توسعه و بازسازی افغانستان با موافقت و هماهنگی با "
        "دولت آن کشور تاکید کرد. وی با اشاره به حملات گروههای تروریستی در طول سال گذشته به بمبگذاری روز 2 مرداد "
        "در جریان یک تظاهرات مسالمت آمیز در کابل که به کشته شدن دهها نفر از اقلیت هزاره منجر شد اشاره کرد.", "fa")
    envoy = _speaker_of(doc, regions, "تقویت امنیت").attribution.speaker
    assert (envoy.kind, envoy.role) == ("anonymous", "ambassador")
    # "وی" goes back to the ambassador across a 30-word clause
    assert _speaker_of(doc, regions, "اقلیت هزاره").attribution.speaker.role == "ambassador"


# --- anonymous and institutional sources: the body a source belongs to -------------------------------

_ANONYMOUS_WITH_BODY = [
    # (language, sentence, words inside the content, organisation, side)
    ("ar", "وقال مصدر في قيادة شرطة حلب إن انفجارا وقع في سوق المدينة.", "انفجارا وقع",
     "قيادة شرطة حلب", "government"),
    ("ar", "وأفادت مصادر في الجيش العراقي بأن القوات سيطرت على القرية.", "سيطرت على القرية",
     "الجيش العراقي", "government"),
    ("ar", "وقال مسؤول في وزارة الداخلية العراقية إن انتحاريا فجر نفسه في السوق.", "فجر نفسه",
     "وزارة الداخلية العراقية", "government"),
    ("ar", "وقالت مصادر عسكرية تابعة للمعارضة إن الاشتباكات مستمرة في الريف.", "الاشتباكات مستمرة",
     "للمعارضة", "opposition"),
    ("en", "Sources in the Iraqi army said the troops had taken the village.", "taken the village",
     "Iraqi army", "government"),
    ("en", "An official at the Iraqi interior ministry said the attack killed ten people.", "killed ten",
     "Iraqi interior ministry", "government"),
    ("en", "A source close to the Syrian government said the army had entered the town.", "entered the town",
     "org:sy_government", "government"),
    ("fa", "یک منبع در ارتش عراق اعلام کرد که نیروها روستا را آزاد کردند.", "روستا را آزاد",
     "ارتش عراق", "government"),
    ("fa", "یک منبع پلیس گفت که سه نفر در انفجار کشته شدند.", "سه نفر", "پلیس", "government"),
]


def test_anonymous_sources_keep_the_body_they_belong_to() -> None:
    for lang, text, content, organisation, side in _ANONYMOUS_WITH_BODY:
        doc, regions = _regions(text, lang)
        sp = _speaker_of(doc, regions, content).attribution.speaker
        assert (sp.kind, sp.canonical_id, sp.organisation, sp.side) == ("anonymous", None, organisation, side), text
        # the speaker's span as written runs over the body
        assert organisation.split(":")[-1].split("_")[-1].lower() in doc.text[sp.start:sp.end].lower(), text


def test_anonymous_sources_without_a_body() -> None:
    cases = [
        ("ar", "وقال مصدر أمني إن مسلحين هاجموا نقطة تفتيش.", "هاجموا نقطة", "security source"),
        ("ar", "وقالت مصادر محلية إن الاشتباكات اندلعت في حي الخالدية.", "اندلعت في حي", "local sources"),
        ("en", "A security source said gunmen attacked a checkpoint in Mosul.", "attacked a checkpoint",
         "security source"),
        ("en", "Local sources said clashes broke out in the Khalidiya district.", "clashes broke out", "local sources"),
        ("en", "Two security officials said gunmen attacked a checkpoint.", "attacked a checkpoint",
         "security officials"),
        ("fa", "یک منبع امنیتی اعلام کرد که افراد مسلح به یک ایست بازرسی حمله کردند.", "افراد مسلح",
         "security source"),
        ("fa", "منابع محلی گزارش دادند که درگیری ها در حلب ادامه دارد.", "درگیری ها", "local sources"),
    ]
    for lang, text, content, role in cases:
        doc, regions = _regions(text, lang)
        sp = _speaker_of(doc, regions, content).attribution.speaker
        assert (sp.kind, sp.role, sp.organisation) == ("anonymous", role, None), text


def test_a_body_does_not_run_into_the_rest_of_the_clause() -> None:
    # "بمقتل 18" and "لوكالة الأنباء" are not part of the body's name
    doc, regions = _regions("وأكد مصدر في قوات البيشمركة الكردية بمقتل 18 مسلحا في الهجوم.", "ar")
    sp = _speaker_of(doc, regions, "مسلحا في الهجوم").attribution.speaker
    assert sp.organisation == "قوات البيشمركة الكردية"
    doc, regions = _regions("وقال مصدر في قيادة شرطة حلب لوكالة الأنباء إن انفجارا وقع.", "ar")
    assert _speaker_of(doc, regions, "انفجارا وقع").attribution.speaker.organisation == "قيادة شرطة حلب"
    # a place after a source is no body: "sources in Homs" stay without an organisation
    doc, regions = _regions("Sources in Homs said shelling resumed on Friday.", "en")
    assert _speaker_of(doc, regions, "shelling resumed").attribution.speaker.organisation is None


def test_raw_words_view_gives_the_words_as_written() -> None:
    from rasad.extract.attribution import _raw_words
    from rasad.extract.speakers import tokenize_cached

    text = "قال\u0640 المرصد  السوري: إن «القصف» استمر"  # tatweel and spacing differ from the normalized text
    doc = Document.create(text, lang="ar")
    build_pipeline(only=["normalize", "sentences"])(doc)
    tokens = tokenize_cached(doc.norm.text, 0, len(doc.norm.text))
    words = _raw_words(doc, tokens)
    expected = [doc.text[slice(*doc.norm.to_raw(t.start, t.end))] for t in tokens]
    assert len(words) == len(tokens)
    assert [words[i] for i in range(len(tokens))] == expected == list(words) == words[:]
    assert words[1:3] == expected[1:3] and words[-1] == expected[-1]


def test_persian_source_is_not_the_agency_it_spoke_to() -> None:
    # "به خبرگزاری سانا گفت": SANA is whom the source told, not its organisation
    doc, regions = _regions("یک منبع نظامی سوری به خبرگزاری سانا گفت که ارتش شهر را آزاد کرد.", "fa")
    sp = _speaker_of(doc, regions, "ارتش شهر را").attribution.speaker
    assert (sp.kind, sp.role, sp.organisation) == ("anonymous", "military source", "org:sy_military")
    assert "سانا" not in doc.text[sp.start:sp.end]


def test_speaker_copied_at_a_span_keeps_every_field() -> None:
    """``_at_span`` copies a speaker field by field (instead of ``dataclasses.replace``): a field added to
    ``Speaker`` must be added there too."""
    from dataclasses import fields, replace

    from rasad.extract.attribution import _at_span
    from rasad.model import Speaker

    assert [f.name for f in fields(Speaker)] == ["kind", "name", "canonical_id", "canonical_name", "role",
                                                 "organisation", "side", "start", "end"]
    sp = Speaker(kind="anonymous", name="مصدر", canonical_id="org:x", canonical_name="X", role="official",
                 organisation="org:y", side="government", start=3, end=7)
    assert _at_span(sp, 10, 14) == replace(sp, start=10, end=14)
    assert _at_span(sp, 10, 14) is not sp
