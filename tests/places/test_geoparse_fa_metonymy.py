"""Persian metonymy: a country or city acting as a state, a side in a game or part of an institution's
name is no location (issue #4); and Persian words that spell a place are no place without a cue.

Sentences written for these tests (general news Persian), not taken from any corpus."""

from __future__ import annotations

import pytest

from rasad.model import Document
from rasad.places.geoparse import default_geoparser


def _uses(text: str) -> dict[str, tuple[str, str | None]]:
    doc = Document.create(text, lang="fa")
    return {m.text: (m.kind, m.attrs.get("role")) for m in default_geoparser().mentions(doc)}


@pytest.mark.parametrize("text, name", [
    # a stance held by the state (agents.yaml fa_after: مخالف، خواهان، امیدوار، منتظر ...)
    ("وزیر خارجه گفت : ترکیه مخالف هرگونه تغییر در مرزهای منطقه است .", "ترکیه"),
    ("فرانسه خواهان برگزاری نشست فوری شورای امنیت شد .", "فرانسه"),
    ("به گفته این مقام ، ژاپن امیدوار است مذاکرات به نتیجه برسد .", "ژاپن"),
    # a conjunction opening the clause: the country is its subject, the verb comes late (clause_openers)
    ("اما روسیه پس از چند هفته سکوت و با انتشار بیانیه‌ای رسمی اعلام کرد که نیرو نمی‌فرستد .", "روسیه"),
])
def test_persian_country_holding_a_stance_is_the_state(text: str, name: str) -> None:
    assert _uses(text)[name] == ("polity", "agent")


def test_persian_capital_holding_a_stance_is_its_government() -> None:
    # a capital for its government is no location (and, being a town, no polity mention either)
    uses = _uses("سخنگوی وزارت خارجه گفت : مسکو مخالف اعزام نیرو به این منطقه است .")
    assert "مسکو" not in uses


def test_persian_stance_after_a_locative_stays_a_place() -> None:
    # "در" before the name makes it where the stance is held, not who holds it
    assert _uses("بسیاری از مردم در ترکیه مخالف این طرح هستند .")["ترکیه"] == ("place", None)


def test_persian_people_of_a_place_keep_it_a_place() -> None:
    # مردم X "the people of X" (place_nouns): a place, whatever verb follows
    uses = _uses("مردم سوریه خواهان پایان جنگ هستند و نماینده مردم حلب نیز همین را گفت .")
    assert uses["سوریه"] == ("place", None) and uses["حلب"] == ("place", None)


@pytest.mark.parametrize("text, name", [
    # a player or move of a side names a team (team_nouns), whether or not the sentence reads as sports
    ("گل دوم را مدافع آلمان به اشتباه وارد دروازه خودی کرد .", "آلمان"),
    ("دروازه‌بان برزیل پس از این دیدار از بازیهای ملی خداحافظی کرد .", "برزیل"),
    ("در نیمه دوم ، تعویض ایتالیا کارساز شد .", "ایتالیا"),
])
def test_persian_player_of_a_country_names_its_team(text: str, name: str) -> None:
    assert _uses(text)[name] == ("polity", "team")


def test_persian_player_of_a_city_club_is_no_place() -> None:
    uses = _uses("سرمربی تبریز پس از شکست در تهران استعفا داد .")
    assert "تبریز" not in uses and uses["تهران"] == ("place", None)


def test_persian_sports_report_reads_its_sides_as_teams() -> None:
    # two sports words of the Persian list (سرمربی, کشتی‌گیران) make a sports report: the sides are teams,
    # the venue after "در" a place
    uses = _uses("سرمربی کشتی‌گیران ژاپن گفت کره جنوبی امروز در تهران برنده شد .")
    assert uses["کره جنوبی"] == ("polity", "team") and uses["تهران"] == ("place", None)


@pytest.mark.parametrize("text, name", [
    # schools and institutes (org_heads.yaml fa_only): the institution, not where something happens
    ("استاد حوزه علمیه قم در این همایش سخنرانی کرد .", "قم"),
    ("پژوهشگران دانشکده پزشکی شیراز روش تازه‌ای برای درمان یافتند .", "شیراز"),
    ("این بازیگر سالها در تئاتر لندن نقش آفرید .", "لندن"),
])
def test_persian_city_in_an_institution_name_is_no_place(text: str, name: str) -> None:
    assert name not in _uses(text)


def test_persian_city_of_an_airport_stays_the_place() -> None:
    # an airport, hospital or prison is where an attack may happen: its city stays the location
    uses = _uses("چند خمپاره به فرودگاه دمشق و بیمارستان حلب اصابت کرد .")
    assert uses["دمشق"] == ("place", None) and uses["حلب"] == ("place", None)


def test_persian_country_after_a_club_town_is_part_of_the_name() -> None:
    # باشگاه میلان ایتالیا: the walk back from the country stops at the town, which is part of the club's name
    uses = _uses("باشگاه میلان ایتالیا با این بازیکن قرارداد بست .")
    assert "میلان" not in uses and uses["ایتالیا"] == ("polity", "org_part")


@pytest.mark.parametrize("text, name", [
    # everyday Persian words that spell a place (places/data/stopwords.yaml fa): no place without a cue
    ("در این انفجار یک انبار مهمات در حومه شهر منهدم شد .", "انبار"),  # Anbar
    ("قرارداد توسعه میادین نفتی جنوب امضا شد .", "میادین"),  # al-Mayadin
    ("دولت در صدد اصلاح قانون کار است .", "صدد"),  # Sadad
    ("او موضوع را از زاویه دیگری بررسی کرد .", "زاویه"),  # Zawiya
])
def test_persian_everyday_word_is_no_place(text: str, name: str) -> None:
    assert name not in _uses(text)


def test_persian_everyday_word_after_a_cue_is_the_place() -> None:
    assert _uses("نیروهای عراقی وارد استان انبار شدند .").get("انبار") == ("place", None)


@pytest.mark.parametrize("text, name", [
    # the matter a noun names (topic_nouns): what it is about, not where a reported event happens
    ("شورای امنیت درباره پرونده هسته‌ای ایران تصمیم می‌گیرد .", "ایران"),
    ("وزیران خارجه راه‌حل بحران سوریه را بررسی کردند .", "سوریه"),
])
def test_persian_country_a_matter_is_about_is_its_topic(text: str, name: str) -> None:
    assert _uses(text)[name] == ("polity", "topic")


def test_persian_event_nouns_keep_the_place() -> None:
    # the war and clashes in a country happen there (not topic_nouns)
    assert _uses("جنگ یمن هزاران قربانی گرفته است .")["یمن"] == ("place", None)


def test_persian_head_counts_make_a_sports_report() -> None:
    # one sports word (مسابقه‌ها) and the sides' head counts (team_size_words): the countries are teams
    uses = _uses("در این مسابقه‌ها ، ژاپن 12 نفر ، کره جنوبی 10 نفر و چین 8 نفر شرکت دارند .")
    assert uses["ژاپن"] == ("polity", "team") and uses["چین"] == ("polity", "team")
    # a head count alone makes no sports report
    assert _uses("در این حادثه ، ژاپن 12 نفر و چین 8 نفر کشته داد .")["ژاپن"][1] != "team"


def test_persian_names_listed_after_a_place_noun_are_places() -> None:
    # a place noun opens the list: every name of it is a place, also in a sports report
    uses = _uses("در این مسابقه‌ها 6 تیم از استانهای گیلان و مازندران حضور دارند .")
    assert uses["گیلان"] == ("place", None) and uses["مازندران"] == ("place", None)


def test_persian_police_command_area_is_no_place() -> None:
    # ناحیه انتظامی X: the police command of X (org_heads انتظامی); the town of a clash stays a place
    uses = _uses("فرمانده ناحیه انتظامی کرمان از درگیری مسلحانه در جیرفت خبر داد .")
    assert "کرمان" not in uses and uses["جیرفت"] == ("place", None)


def test_persian_capital_after_a_clause_opener_is_its_government() -> None:
    uses = _uses("این طرح به شورای امنیت رفت ، اما مسکو پس از چند روز با صدور بیانیه‌ای مخالفت خود را اعلام کرد .")
    assert "مسکو" not in uses


def test_persian_military_exercises_of_states_are_theirs() -> None:
    # a state's forces at exercise (state_nouns تمرین، رزمایش), shared along the list
    uses = _uses("تمرینهای نظامی آمریکا و کره جنوبی در دریای ژاپن آغاز شد .")
    assert uses["آمریکا"] == ("polity", "agent") and uses["کره جنوبی"] == ("polity", "agent")
