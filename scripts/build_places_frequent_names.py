"""Write src/rasad/places/data/frequent_names.txt (and frequent_names_fa.txt, for Persian text): the
Arabic-script gazetteer names that are also frequent
ordinary words (wordfreq Zipf >= 4.0 in Arabic or Persian: الباب "the door", القصير "short", صور
"pictures", عالية "high") yet are read as places without a cue word, because the build-time common-word
rule exempts prominent places (scripts/build_gazetteer.py).  The geoparser takes such a name for a town
only with support: a cue or locative preposition, or another place of the same country in the text.

A town's name is also listed when it is a less frequent word (Zipf >= 3.0: سلالة "breed", بركان
"volcano", الكريمة "generous", الوقف "the halt") that is used both with and without the article (the
other form at Zipf >= 2.5): ordinary nouns and adjectives are, while names of towns are written in one
form (الفلوجة 3.8 but فلوجة 3.0, بعلبك 3.5 but البعلبك never).  Districts and sub-districts named after
their town (الباب، تدمر، الطبقة) count as towns here.

    python scripts/build_places_frequent_names.py        # needs wordfreq (pip install 'rasad[build]')
"""

from __future__ import annotations

from pathlib import Path

import build_gazetteer  # scripts/ is on sys.path when a script here is run

from rasad.places.gazetteer import build_builtin

OUT = Path(__file__).resolve().parents[1] / "src" / "rasad" / "places" / "data" / "frequent_names.txt"
ZIPF = 4.0
#: Persian text: the names of foreign towns and cities that are ordinary Persian words (بریده "cut", شکی "a
#: doubt", لوی) need the same support there.  The places of Iran and the countries its press reports on
#: most (Afghanistan, Iraq, Syria, Lebanon, Palestine, Israel) are frequent because of them (هرات، غزه);
#: cities of a quarter million keep their reading too (فرانکفورت، لیورپول).
OUT_FA = OUT.with_name("frequent_names_fa.txt")
FA_ZIPF = 3.5
FA_HOME = {"IRN", "SYR", "AFG", "IRQ", "LBN", "PSE", "ISR"}
FA_LARGE_CITY = 250_000
#: ... the towns of those countries, that is: a village or neighbourhood there does not make its name frequent
#: (یلدا is the winter solstice night before it is a village near Damascus), as for Syrian names in Arabic
#: (scripts/build_gazetteer.py exempts Syrian places of 10,000 people)
FA_HOME_TOWN = 10_000
#: Features whose names are read this way: towns and smaller; countries, provinces, capitals and large
#: cities keep their reading (their names are frequent because of the place: اسطنبول، الموصل).
FEATURES = {"city", "town", "village", "neighbourhood", "landmark"}
LARGE_CITY = 300_000
#: The Arabic list: a less frequent word too when its form with the article toggled is also a word (see
#: above).
WORD_ZIPF = 3.0
OTHER_FORM_ZIPF = 2.5


def _article_toggled(key: str) -> str:
    """The key with the article removed (الباب -> باب) or added (سلالة -> السلالة)."""
    return key[2:] if key.startswith("ال") and len(key) > 4 else "ال" + key


def _ordinary_word(key: str, freq) -> bool:  # type: ignore[no-untyped-def]
    """Whether a name key is a frequent word (ZIPF), or a less frequent one (WORD_ZIPF) also used with the
    article toggled (OTHER_FORM_ZIPF): a noun or adjective, not a name."""
    f = max(freq(key, "ar"), freq(key, "fa"))
    if f >= ZIPF:
        return True
    other = _article_toggled(key)
    return f >= WORD_ZIPF and max(freq(other, "ar"), freq(other, "fa")) >= OTHER_FORM_ZIPF


def main() -> None:
    freq = build_gazetteer._word_frequency()  # a normalized key looked up in its spellings (ة، ى، أ، ی)
    if freq is None:
        raise SystemExit("wordfreq is needed: pip install 'rasad[build]'")
    g = build_builtin()
    keys = []
    frequent: set[str] = set()  # (the frequent words among them: the Persian list leaves these out)
    for key, ids in g.by_name.items():
        if " " in key or len(key) < 3 or not ("\u0600" <= key[0] <= "\u06ff"):
            continue
        places = [g.places[i] for i in ids if i in g.places]
        if not places or any(p.feature not in FEATURES or p.capital or p.population >= LARGE_CITY
                             for p in places):
            continue
        if _ordinary_word(key, freq):
            keys.append(key)
            if max(freq(key, "ar"), freq(key, "fa")) >= ZIPF:
                frequent.add(key)
    OUT.write_text("# Arabic-script place names that are also frequent words (scripts/build_places_frequent_names.py,"
                   " from wordfreq).\n" + "\n".join(sorted(keys)) + "\n", encoding="utf-8")
    print(f"{len(keys)} names -> {OUT}")
    fa_keys = []
    for key, ids in g.by_name.items():
        if " " in key or "،" in key or len(key) < 3 or not ("\u0600" <= key[0] <= "\u06ff") or key in frequent:
            continue
        places = [g.places[i] for i in ids if i in g.places]
        if not places or any(p.feature not in FEATURES or p.capital or p.population >= FA_LARGE_CITY
                             or (p.country in FA_HOME and p.population >= FA_HOME_TOWN) for p in places):
            continue
        if freq(key, "fa") >= FA_ZIPF:
            fa_keys.append(key)
    OUT_FA.write_text("# Names of towns and cities that are also frequent Persian words, outside Iran and the"
                      " countries its press reports on most but for their villages (scripts/build_places_frequent_names.py,"
                      " from wordfreq); read in Persian text only with support.\n" + "\n".join(sorted(fa_keys)) + "\n",
                      encoding="utf-8")
    print(f"{len(fa_keys)} names -> {OUT_FA}")


if __name__ == "__main__":
    main()
