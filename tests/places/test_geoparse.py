"""Geoparser behaviour on hand-built sentences and on the real seed texts."""

from __future__ import annotations

import pytest

from rasad.model import Document
from rasad.places.gazetteer import load_gazetteer
from rasad.places.geoparse import geo_precision_for, place_ref, places_stage


def _places(text: str, lang: str = "und") -> list[tuple[str, str | None, int | None]]:
    doc = Document.create(text, lang=lang)
    places_stage(doc)
    return [(m.text, m.canonical_id, m.attrs["geo_precision"]) for m in doc.mentions_of("place")]


def test_arabic_proclitics_and_offsets() -> None:
    text = "قصف عنيف بحمص، وفي إدلب سقط قتلى، وتوجه رتل لدرعا والخالدية"
    doc = Document.create(text)
    places_stage(doc)
    found = {m.text: m.canonical_id for m in doc.mentions_of("place")}
    assert found["حمص"] == "gn:169577"
    assert found["إدلب"] == "gn:169389"
    assert found["درعا"] == "gn:170905"
    assert found["الخالدية"] == "sy:homs-khalidiya"  # Homs is named in the same sentence
    for m in doc.mentions_of("place"):
        assert doc.text[m.start:m.end] == m.text


def test_no_match_inside_other_words() -> None:
    # حمصي (a Homsi), "دمشقيون" and "homs" in lower case are not places
    assert _places("قال رجل حمصي إن الدمشقيون خرجوا") == []
    assert _places("the homs of the text") == []


def test_khalidiya_resolves_within_the_named_city() -> None:
    homs = dict((t, i) for t, i, _ in _places("اشتباكات في حي الخالدية بمدينة حمص"))
    aleppo = dict((t, i) for t, i, _ in _places("اشتباكات في حي الخالدية بمدينة حلب"))
    assert homs["الخالدية"] == "sy:homs-khalidiya"
    assert aleppo["الخالدية"] == "sy:alp-khalidiya"


def test_quneitra_in_a_syria_article_is_syrian_not_kenitra() -> None:
    ids = [i for t, i, _ in _places("قصف الطيران الإسرائيلي مواقع في القنيطرة جنوب سوريا")]
    assert "gn:2544571" not in ids
    assert any(i in ("gn:173334", "sy:gov-quneitra") for i in ids)


def test_homs_city_versus_governorate_and_precision() -> None:
    assert _places("سقطت قذائف على حمص") == [("حمص", "gn:169577", 1)]
    assert _places("قصف في محافظة حمص") == [("محافظة حمص", "sy:gov-homs", 3)]
    assert _places("قصف في ريف حمص الشمالي") == [("حمص", "sy:gov-homs", 2)]
    assert _places("Shelling near Harasta") == [("Harasta", "gn:169897", 2)]
    assert _places("Clashes in Homs province") == [("Homs province", "sy:gov-homs", 3)]


def test_persian_and_english_forms() -> None:
    fa = {t: i for t, i, _ in _places("درگیری در زینبیه و دروشا و قنیطره و خان‌العسل", lang="fa")}
    assert fa["زینبیه"] == "sy:sayyida-zaynab"
    assert fa["دروشا"] == "sy:drousha"
    assert fa["قنیطره"] == "gn:173334"
    assert fa["خان‌العسل"] == "sy:khan-al-asal"
    en = {t: i for t, i, _ in _places("Fighting in Deir Ezzor, Dayr al-Zawr and Hims")}
    assert en["Deir Ezzor"] == en["Dayr al-Zawr"] == "gn:170794"
    assert en["Hims"] == "gn:169577"


def test_common_words_need_a_cue() -> None:
    # الحارة "the alley" is only the town of al-Harra after a place word
    assert _places("خرج الناس إلى الحارة") == []
    assert ("الحارة", "sy:al-harra", 1) in _places("شهدت مدينة الحارة في درعا نزوحا")


def test_place_ref_round_trip() -> None:
    doc = Document.create("غارة على معرة النعمان")
    places_stage(doc)
    (m,) = doc.mentions_of("place")
    ref = place_ref(m)
    assert ref.place_id == "gn:167611" and ref.admin1 == "Idleb" and ref.admin2 == "Al Ma'ra"
    assert ref.geo_precision == 1 and ref.latitude == pytest.approx(35.65, abs=0.05)
    g = load_gazetteer()
    assert geo_precision_for(g.get("sy:gov-homs")) == 3  # type: ignore[arg-type]
    assert geo_precision_for(g.get("sy:homs-khalidiya"), near=True) == 2  # type: ignore[arg-type]


SEED_PLACES = {
    "000": {"الخالدية": "sy:homs-khalidiya", "حمص": "gn:169577", "حمص القديمة": "sy:homs-old-homs",
            "العباسيين": "sy:dam-abbasiyyin", "القابون": "sy:dam-qaboun", "مخيم اليرموك": "gn:166716",
            "جوبر": "sy:dam-jobar", "حرستا": "gn:169897", "مديرا": "sy:madira", "داريا": "gn:170892",
            "معضمية الشام": "sy:muadamiyat-al-sham", "إدلب": "gn:169389", "معرة النعمان": "gn:167611",
            "الحارة": "sy:al-harra", "نوى": "gn:166365", "الشرائع": "sy:al-sharai",
            "منطقة اللجاة": "sy:al-lajat", "خربة غزالة": "gn:168120", "دمشق": "gn:170654"},
    "001": {"حمص": "gn:169577", "خالدیه": "sy:homs-khalidiya", "خان العسل": "sy:khan-al-asal",
            "خانالعسل": "sy:khan-al-asal", "زینبیه": "sy:sayyida-zaynab", "دروشا": "sy:drousha",
            "جوبر": "sy:dam-jobar", "قابون": "sy:dam-qaboun", "قنیطره": "gn:173334", "حلب": "gn:170063"},
    "002": {"الخالدية": "sy:homs-khalidiya", "القصور": "sy:homs-qusour", "باب تدمر": "sy:homs-bab-tadmur",
            "البياضة": "sy:homs-bayyada", "محافظة حمص": "sy:gov-homs", "ريف دمشق": "sy:gov-rural-damascus"},
}


@pytest.mark.parametrize("seed", sorted(SEED_PLACES))
def test_seed_places_found_and_resolved(seed_texts: dict[str, str], seed: str) -> None:
    doc = Document.create(seed_texts[seed], lang="fa" if seed == "001" else "ar")
    places_stage(doc)
    got: dict[str, set[str | None]] = {}
    for m in doc.mentions_of("place"):
        got.setdefault(m.text, set()).add(m.canonical_id)
        assert doc.text[m.start:m.end] == m.text
    for name, pid in SEED_PLACES[seed].items():
        assert name in got, f"{name} not found in seed {seed}"
        assert got[name] == {pid}, f"{name} resolved to {got[name]} in seed {seed}"
    # the surrounding wording names no foreign places (regions such as the Mediterranean are fine)
    assert all(i is not None and (i.startswith(("sy:", "cc:", "rg:")) or load_gazetteer().get(i).country == "SYR")  # type: ignore[union-attr]
               for ids in got.values() for i in ids if i not in ("cc:IRN", "cc:JOR", "cc:ISR", "cc:LBN"))


def test_frequent_place_names_are_still_places() -> None:
    # frequent because they are places (the news is full of them), not because they are ordinary words
    assert [i for _, i, _ in _places("تظاهرات گسترده در تهران و اصفهان برگزار شد", lang="fa")] == \
        ["gn:112931", "gn:418863"]
    assert [i for _, i, _ in _places("غارات إسرائيلية على غزة وقصف في القصير", lang="ar")] == \
        ["gn:281133", "gn:173322"]


def test_ordinary_words_that_look_like_proclitic_plus_name() -> None:
    # بلاد "country" is not ب + لاد (Lod), كبيرة "big" is not ك + بيرة (al-Bira), الدولة "the state" is not
    # ال + دوله (Dhule, India), وأن "and that" is not Van
    assert _places("وقعت خسائر كبيرة في بلاد كثيرة، وأن الدولة لم ترد", lang="ar") == []
    # while real attached forms still are (لل = ل + ال: the span starts after the merged article)
    assert [i for _, i, _ in _places("وصل الوفد للبحرين ثم بالرياض", lang="ar")] == ["cc:BHR", "gn:108410"]


def test_place_inside_an_organisation_name_is_not_a_location() -> None:
    assert _places("دانشگاه تهران و وزارت امور خارجه ایران بیانیه دادند", lang="fa") == []
    assert [t for t, _, _ in _places("سفیر ایران در تهران گفت", lang="fa")] == ["تهران"]
    assert _places("قال رئيس جامعة دمشق إن الدوام مستمر", lang="ar") == []
    assert [t for t, _, _ in _places("قال مسؤول في جامعة دمشق إن القصف طال حمص", lang="ar")] == ["حمص"]
    assert _places("A spokesman for the University of Damascus said") == []
    assert [t for t, _, _ in _places("Shelling in Damascus killed three")] == ["Damascus"]


def test_resolution_is_consistent_and_cached() -> None:
    text = "اشتباكات في حي الخالدية بمدينة حمص، ثم عادت الاشتباكات إلى الخالدية مساء"
    first = _places(text, lang="ar")
    assert [i for t, i, _ in first if t == "الخالدية"] == ["sy:homs-khalidiya", "sy:homs-khalidiya"]
    assert _places(text, lang="ar") == first


def test_runtime_does_not_need_wordfreq() -> None:
    import subprocess
    import sys

    code = ("import sys; sys.modules['wordfreq'] = None\n"
            "from rasad.model import Document\nfrom rasad.places.geoparse import places_stage\n"
            "d = Document.create('قصف على حمص'); places_stage(d)\n"
            "assert [m.canonical_id for m in d.mentions_of('place')] == ['gn:169577']\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_regions_and_continents_are_places_at_province_precision() -> None:
    got = {t: (i, p) for t, i, p in _places("وصلت وزيرة الخارجية إلى الشرق الأوسط بعد جولة في أوروبا، "
                                             "فيما تصاعد القتال في إقليم دارفور والغوطة الشرقية")}
    assert got["الشرق الأوسط"] == ("rg:middle-east", 3)
    assert got["أوروبا"] == ("rg:europe", 3)
    assert got["إقليم دارفور"][0] == "rg:darfur" or got.get("دارفور", ("",))[0] == "rg:darfur"
    assert got["الغوطة الشرقية"][0] == "rg:eastern-ghouta"
    fa = {t: i for t, i, _ in _places("تنش در خاورمیانه و خلیج فارس افزایش یافت", lang="fa")}
    assert fa == {"خاورمیانه": "rg:middle-east", "خلیج فارس": "rg:gulf"}
    assert load_gazetteer().get("rg:golan").admin1 == "Quneitra"  # type: ignore[union-attr]


def _kinds(text: str, lang: str) -> dict[str, str]:
    doc = Document.create(text, lang=lang)
    places_stage(doc)
    return {m.text: m.kind for m in doc.mentions if m.kind in ("place", "polity")}


def test_countries_acting_are_agents_not_locations() -> None:
    # the state speaks or acts: a polity (an actor), not the place of an event
    assert _kinds("أعلنت إيران أمس أنها سترسل مستشارين إلى سوريا", "ar") == {"إيران": "polity", "سوريا": "place"}
    assert _kinds("روسیه روز دوشنبه اعلام کرد نیروهایش در سوریه می‌مانند", "fa") == \
        {"روسیه": "polity", "سوریه": "place"}
    assert _kinds("Turkey said its jets struck targets in Syria", "en") == {"Turkey": "polity", "Syria": "place"}
    # coordinated countries share the role; a preposition of place keeps the location reading
    assert _kinds("ایران و روسیه اعلام کردند که در حلب می‌جنگند", "fa") == \
        {"ایران": "polity", "روسیه": "polity", "حلب": "place"}
    assert _kinds("در ایران اعلام شد که انتخابات برگزار می‌شود", "fa") == {"ایران": "place"}
    assert _kinds("مذاکرات میان ایران و آمریکا", "fa") == {"ایران": "polity", "آمریکا": "polity"}
    assert _kinds("رژیم صهیونیستی به غزه حمله کرد", "fa")["رژیم صهیونیستی"] == "polity"


def test_transliteration_folding_key_joins_spellings() -> None:
    from rasad.places.gazetteer import latin_key

    assert latin_key("Deir ez-Zor") == latin_key("Deir Ezzor") == latin_key("Dayr al-Zawr") == latin_key("Dair Ezzor")
    assert latin_key("Ma'arrat al-Nu'man") == latin_key("Maarat an-Numan")
    assert latin_key("As-Sweida") == latin_key("Assweida")
    assert latin_key("Al-Qaboun") == latin_key("Qabun")
    assert latin_key("Homs") != latin_key("Hama")
    g = load_gazetteer()
    assert "gn:170794" in {p.id for p in g.lookup("Dair Ezzor")}


def test_english_spellings_not_listed_still_meet_the_place() -> None:
    got = {t: i for t, i, _ in _places("Clashes in Dair Ezzor and in Khaldiyeh in Homs; shelling on Joubar and Al Qabun")}
    assert got == {"Dair Ezzor": "gn:170794", "Khaldiyeh": "sy:homs-khalidiya", "Homs": "gn:169577",
                   "Joubar": "sy:dam-jobar", "Al Qabun": "sy:dam-qaboun"}
    # lower-case words and places far from the region are not read through the coarse key
    assert _places("the deir and the hama of it") == []


def _ids(text: str, lang: str = "und") -> dict[str, str | None]:
    return {t: i for t, i, _ in _places(text, lang)}


def test_cue_nouns_and_their_duals_are_not_places() -> None:
    # "the city" / "a city" is not Medina; "two villages" (قريتين) is not al-Qaryatayn
    assert _ids("الطيران يستهدف أحياء مدينة إدلب، وسيطر التنظيم على المدينة") == {"إدلب": "gn:169389"}
    assert _ids("قصفت الدبابات قريتين قرب مدينة إدلب") == {"إدلب": "gn:169389"}
    assert _ids("سيطر التنظيم على مدينة القريتين في ريف حمص")["القريتين"] == "gn:173361"


def test_streets_and_squares_named_after_cities_are_not_those_cities() -> None:
    assert "بغداد" not in _ids("سقطت قذائف على شارع بغداد في دمشق")
    assert "بغداد" not in _ids("سقطت قذائف على شارعي الثورة وبغداد وحي باب توما في دمشق")
    # "the streets of" a city are in it; "the arena" (الساحة) is no street head
    assert _ids("انتشر المسلحون في شوارع بنغازي")["بنغازي"] == "gn:88319"
    assert _ids("القوى الموجودة على الساحة السورية وفي سوريا")["سوريا"] == "cc:SYR"


def test_last_word_of_an_unknown_longer_name_is_not_that_place() -> None:
    # قرية عقارب الصافي (Hama) is not Safi (Jordan); كفر داعل is not Dael
    assert _ids("هجوم على قرية عقارب الصافي في ريف حماة") == {"حماة": "sy:gov-hama"}
    assert "داعل" not in _ids("استهدف الطيران بلدة كفر داعل في ريف حلب")
    assert "Safi" not in _ids("Daesh attack on Aqareb es Safi village in Hama province")
    assert "Sham" not in _ids("Ahrar al-Sham fighters attacked Idlib")
    # directions, the capital and lists of names still let the place through
    assert _ids("قصف مناطق شرق حلب")["حلب"] == "gn:170063"
    assert _ids("المعارك داخل أحياء العاصمة دمشق")["دمشق"] == "gn:170654"
    assert _ids("along the roads to Tadmur al-Salamiyah and Aleppo")["Salamiyah"] == "gn:164947"


def test_ordinary_words_need_their_cue_right_before_them() -> None:
    # «المنطقة، وأن ...» and «المحافظات العراقية وأن» are not Van; «مدينة وان» is
    assert _ids("التطرف سيعم المنطقة، وأن المعتدلين سيتوارون") == {}
    assert _ids("ينشر الحرس في كل المحافظات العراقية وأن يصار إلى استدعائه") == {}
    assert _ids("وقع انفجار في مدينة وان التركية")["وان"] == "gn:298117"


def test_french_spelling_meets_the_aleppo_neighbourhood() -> None:
    assert _ids("Clashes in Aleppo. In Salaheddin three were killed")["Salaheddin"] == "sy:alp-salaheddine"
