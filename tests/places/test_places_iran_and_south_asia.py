"""Places of the Persian press beyond Syria: a big foreign city against a Syrian quarter of the same name, a
city spelt like a weekday, and the provinces and regions of Afghanistan, Pakistan and Aceh."""

from __future__ import annotations

from rasad.model import Document
from rasad.places.geoparse import places_stage


def _places(text: str, lang: str) -> dict[str, tuple[str | None, str | None]]:
    doc = Document.create(text, lang=lang)
    places_stage(doc)
    return {m.text: (m.canonical_id, m.attrs.get("country")) for m in doc.mentions_of("place")}


def test_a_big_city_beats_a_syrian_quarter_unless_its_town_is_named() -> None:
    # bare مشهد: Iran's second city, not Aleppo's Ansari Mashhad quarter, when nothing Syrian is near
    fa = _places("به گزارش خبرنگار ما، دو زائر در تصادف اتوبوس در مشهد جان باختند.", "fa")
    assert fa["مشهد"][1] == "IRN"
    ar = _places("لقي ثلاثة أشخاص حتفهم في حريق اندلع في سوق بمدينة مشهد أمس.", "ar")
    assert ar["مشهد"][1] == "IRN"
    # with its city named beside it, the quarter is still read
    found = _places("قصفت الطائرات حي مشهد وحي بستان القصر في حلب صباح اليوم.", "ar")
    assert found["مشهد"] == ("sy:alp-mashhad", "SYR")


def test_the_arabic_word_for_scene_is_no_place() -> None:
    # المشهد "the scene": Mashhad and the Aleppo quarter take no article
    found = _places("وتحدث الوزير عن المشهد السياسي في المنطقة وعن تطورات المشهد الأمني.", "ar")
    assert "مشهد" not in found and not any("مشهد" in t for t in found)


def test_dushanbe_after_a_preposition_in_a_report_on_tajikistan() -> None:
    city = _places("وزیر خارجه تاجیکستان در دوشنبه با همتای ایرانی خود دیدار کرد.", "fa")
    assert city["دوشنبه"][1] == "TJK"
    # the weekday: after روز, with a time word after it, or with no Tajikistan in the text
    day = _places("وزیر خارجه تاجیکستان روز دوشنبه در تهران با همتای ایرانی خود دیدار کرد.", "fa")
    assert "دوشنبه" not in day
    past = _places("وزیر خارجه تاجیکستان در دوشنبه گذشته به تهران سفر کرد.", "fa")
    assert "دوشنبه" not in past
    other = _places("وزیر خارجه عراق در دوشنبه به تهران سفر کرد.", "fa")
    assert "دوشنبه" not in other


def test_provinces_and_regions_of_afghanistan_pakistan_and_aceh() -> None:
    found = _places("نیروهای طالبان در ولایت هلمند و ننگرهار حمله کردند و هواپیماهای بدون سرنشین در "
                    "وزیرستان شمالی چند نفر را کشتند.", "fa")
    assert found["هلمند"] == ("af:prov-helmand", "AFG")
    assert found["ننگرهار"][1] == "AFG"
    assert found["وزیرستان شمالی"][1] == "PAK"
    flood = _places("در شهر اوکارا در پاکستان سیل آمد و در مولتان دو نفر جان باختند.", "fa")
    assert flood["اوکارا"][1] == "PAK"
    assert flood["مولتان"][1] == "PAK"
    ar = _places("قتل خمسة مسلحين في غارة بطائرة مسيرة على وزيرستان الجنوبية، وتظاهر آلاف في إقليم آتشيه.", "ar")
    assert ar["وزيرستان الجنوبية"][1] == "PAK"
    assert ar["آتشيه"][1] == "IDN"


def test_anbar_towns_follow_an_iraqi_report() -> None:
    # الكرمة: an Anbar town; GeoNames gives only a Syrian namesake (Maharda, Hama), which keeps a Syrian report
    iraq = _places("هاجم مسلحو داعش مواقع للجيش في الكرمة شرق الفلوجة، واندلعت اشتباكات قرب الحبانية في "
                   "محافظة الأنبار.", "ar")
    assert iraq["الكرمة"] == ("iq:anbar-karmah", "IRQ")
    assert iraq["الحبانية"][1] == "IRQ"
    syria = _places("قصفت الطائرات بلدة الكرمة في ريف حماة الشمالي قرب محردة.", "ar")
    assert syria["الكرمة"][1] == "SYR"


def test_a_text_naming_no_syrian_place_takes_the_namesake_in_a_country_it_names() -> None:
    # سنجار: an Iraqi town and a Syrian village; Iraq is named only as a state or after a direction
    iraq = _places("نیروهای عراقی در سنجار با داعش درگیر شدند و دولت عراق اعلام کرد که منطقه پاکسازی شد.", "fa")
    assert iraq["سنجار"][1] == "IRQ"
    tunisia = _places("أعلنت تونس أن منفذ الهجوم على فندق في سوسة تلقى تدريبه في الخارج.", "ar")
    assert tunisia["سوسة"][1] == "TUN"
    # a Syrian report keeps the Syrian village
    syria = _places("قصفت الطائرات بلدة سنجار في ريف إدلب الشرقي.", "ar")
    assert syria["سنجار"][1] == "SYR"


def test_a_persian_facility_noun_that_is_also_a_given_name() -> None:
    # بندر "port" is also the Arabic given name Bandar: in Persian the name after it is the port's town
    found = _places("جنگنده‌های ائتلاف بندر حدیده در غرب یمن را بمباران کردند.", "fa")
    assert found["حدیده"][1] == "YEM"
