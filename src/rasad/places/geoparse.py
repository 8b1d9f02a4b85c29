"""The geoparser: find place mentions in Arabic, Persian and English text and resolve them.

Finding: one Aho-Corasick scan of ``doc.norm.text`` for every normalized gazetteer name, then
boundary checks -- a match must end at a word end and start at a word start, or after a run of
Arabic proclitics (بحمص، وفي إدلب، لدرعا، والخالدية) -- so no name is found inside another word.
Latin names must be capitalised in the raw text ("homs" in lower case is not taken).  Overlapping
matches keep the longest ("ريف دمشق" over "دمشق", "حمص القديمة" over "حمص").

Resolving: each name may denote several places (Homs city / governorate / district; Khalidiya in
Homs and in Aleppo; القنيطرة in Syria and Kenitra in Morocco).  Candidates are scored by

* cue words just before the name: "محافظة/province" -> governorate; "ريف/countryside" -> governorate
  and geo-precision 2; "حي/کوی/neighbourhood" -> neighbourhood; "مدينة/city" -> city/town;
* a prior for Syria and its neighbours (the corpus is about the Syrian war), feature and population;
* document context: the cities and governorates resolved unambiguously elsewhere in the document,
  weighted by closeness in the text -- a neighbourhood next to "حمص" is Homs's, a place near other
  resolved places beats a namesake far away.

Names that are also ordinary words (a stop-list in ``data/stopwords.yaml`` and entries marked
``common``) are only taken after a place cue word.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from rasad.model import Document, Mention, PlaceRef
from rasad.places.gazetteer import ADMIN_FEATURES, Gazetteer, Place, haversine_km, load_gazetteer, name_keys
from rasad.text.normalize import AR_PROCLITICS, normalize_term
from rasad.text.normalize_stage import ensure_norm

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PROCLITICS = frozenset(AR_PROCLITICS)
_PERSIAN_LETTERS = re.compile("[پچژگی]")
NEIGHBOURS = {"LBN", "JOR", "IRQ", "TUR", "ISR", "PSE"}

# cue words (normalized); Arabic ones are also recognised with proclitics attached (بريف، وفي محافظة)
PROVINCE_CUES = {"محافظه", "استان", "province", "governorate", "provinces", "محافظات"}
NEAR_CUES = {"ريف", "اطراف", "قرب", "محيط", "حومه", "ضواحي", "مشارف", "نزديكي", "نزديك", "حوالي",
             "near", "outskirts", "outside", "countryside", "around", "nearby", "suburbs", "جوار", "بالقرب"}
REGION_NEAR_CUES = {"ريف", "حومه", "countryside", "suburbs", "ضواحي"}  # "countryside of X" -> X's province
CITY_CUES = {"مدينه", "بلده", "قريه", "شهر", "روستاي", "روستا", "city", "town", "village", "شهرستان", "بلدات",
             "قري", "مدن", "بخش"}
NEIGHBOURHOOD_CUES = {"حي", "احياء", "كوي", "محله", "neighbourhood", "neighborhood", "district", "quarter",
                      "منطقه", "مناطق", "area"}
CAMP_CUES = {"مخيم", "اردوگاه", "camp"}
PLACE_TYPE_CUES = PROVINCE_CUES | CITY_CUES | NEIGHBOURHOOD_CUES | CAMP_CUES | {"city"}
ALL_CUES = PROVINCE_CUES | NEAR_CUES | CITY_CUES | NEIGHBOURHOOD_CUES | CAMP_CUES
POST_PROVINCE_CUES = {"province", "governorate", "countryside"}
POST_CITY_CUES = {"city"}
_WORD = re.compile(r"\w+")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass(slots=True)
class _Match:
    start: int  # normalized offsets of the name itself (proclitics excluded)
    end: int
    key: str
    ids: list[str]
    cue: str | None = None  # the cue word before (or after) the name, if any
    near: bool = False


class Geoparser:
    """Dictionary scan + context resolution over one gazetteer.  Thread-safe for reading."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._version = -1
        self._automaton: Any = None
        self._stop: set[str] = set()
        self._pair_cache: dict[tuple[str, str], float] = {}
        self._build()

    def _build(self) -> None:
        g = self.gazetteer
        automaton = ahocorasick.Automaton()
        for key, ids in g.by_name.items():
            if len(key) < 3 or not ids:
                continue
            automaton.add_word(key, (key, tuple(ids)))
        automaton.make_automaton()
        self._automaton = automaton
        self._stop = set().union(*g.common_words.values()) if g.common_words else set()
        self._version = g.version
        self._pair_cache = {}

    # --- finding ----------------------------------------------------------------------------
    def find(self, raw: str, norm: str) -> list[_Match]:
        """All boundary-respecting matches, longest first where they overlap."""
        if self._version != self.gazetteer.version:
            self._build()
        found: list[_Match] = []
        n = len(norm)
        raw_is_norm = len(raw) == n
        for end_idx, (key, ids) in self._automaton.iter(norm):
            end = end_idx + 1
            start = end - len(key)
            if end < n and _is_word_char(norm[end]):
                continue
            arabic = bool(_ARABIC.match(key))
            if start > 0 and _is_word_char(norm[start - 1]):
                if not arabic:
                    continue
                ws = start - 1
                while ws > 0 and _is_word_char(norm[ws - 1]):
                    ws -= 1
                if norm[ws:start] not in _PROCLITICS:
                    continue
            if not arabic and raw_is_norm and not raw[start].isupper():
                continue
            found.append(_Match(start, end, key, list(ids)))
        if not found:
            return found
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: list[_Match] = []
        occupied: list[tuple[int, int]] = []
        for m in found:
            if any(m.start < e and s < m.end for s, e in occupied):
                continue
            taken.append(m)
            occupied.append((m.start, m.end))
        taken.sort(key=lambda m: m.start)
        return taken

    @staticmethod
    def _cue_before(norm: str, start: int) -> tuple[str | None, bool]:
        """The cue word among the (up to) two words before ``start``, and whether it says "near"."""
        window = norm[max(0, start - 40):start]
        words = _WORD.findall(window)[-2:]
        # also the proclitic glued to the name itself (بريف is a word; "ب" before the name is not a cue)
        for w in reversed(words):
            for cand in _cue_forms(w):
                if cand in ALL_CUES:
                    return cand, cand in NEAR_CUES
        return None, False

    @staticmethod
    def _cue_after(norm: str, end: int) -> str | None:
        words = _WORD.findall(norm[end:end + 20])[:1]
        if words and words[0] in POST_PROVINCE_CUES | POST_CITY_CUES:
            return words[0]
        return None

    # --- resolving ----------------------------------------------------------------------------
    def parse(self, raw: str, norm: str, lang: str = "und") -> list[tuple[_Match, Place]]:
        matches = self.find(raw, norm)
        g = self.gazetteer
        persian = lang == "fa" or (lang == "und" and bool(_PERSIAN_LETTERS.search(raw)))
        kept: list[tuple[_Match, list[Place]]] = []
        for m in matches:
            m.cue, m.near = self._cue_before(norm, m.start)
            after = self._cue_after(norm, m.end)
            if after and m.cue is None:
                m.cue = after
                m.near = after == "countryside"
            cands = [g.places[i] for i in m.ids if i in g.places]
            if not persian:
                fa_only = g.fa_only.get(m.key, ())
                cands = [p for p in cands if p.id not in fa_only]
            place_cue = m.cue in PLACE_TYPE_CUES
            if not place_cue:
                if m.key in self._stop:
                    continue
                cue_only = g.cue_only.get(m.key, ())
                cands = [p for p in cands if not p.common and p.id not in cue_only]
            if cands:
                kept.append((m, cands))
        if not kept:
            return []
        # pass 1: context-free winners; anchors are the unambiguous (or clear) ones
        first = [self._rank(m, cands, []) for m, cands in kept]
        anchors: list[tuple[int, Place]] = []
        for (m, _cands), ranked in zip(kept, first, strict=True):
            if len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= 2.0:
                anchors.append((m.start, ranked[0][1]))
        out = []
        for m, cands in kept:
            ranked = self._rank(m, cands, anchors) if len(cands) > 1 else [(0.0, cands[0])]
            out.append((m, ranked[0][1]))
        return out

    def _rank(self, m: _Match, cands: list[Place], anchors: list[tuple[int, Place]]) -> list[tuple[float, Place]]:
        scored = [(self._score(m, p, anchors), p) for p in cands]
        scored.sort(key=lambda t: -t[0])
        return scored

    def _score(self, m: _Match, p: Place, anchors: list[tuple[int, Place]]) -> float:
        s = math.log10(p.population + 10) * 0.4
        if p.country == "SYR":
            s += 2.5
        elif p.country in NEIGHBOURS:
            s += 1.0
        if p.feature == "country":
            s += 2.0
        elif p.capital:
            s += 1.0
        cue = m.cue
        if cue in PROVINCE_CUES or cue in POST_PROVINCE_CUES or (cue in REGION_NEAR_CUES):
            s += 6.0 if p.feature == "admin1" else 0.0
        elif cue in CITY_CUES or cue in POST_CITY_CUES:
            s += 3.0 if p.feature in ("city", "town", "village") else 0.0
        elif cue in NEIGHBOURHOOD_CUES:
            s += 3.0 if p.feature in ("neighbourhood", "camp", "landmark") else 0.0
        elif cue in CAMP_CUES:
            s += 3.0 if p.feature == "camp" else 0.0
        if p.feature in ("admin1", "admin2", "admin3") and cue is None:
            # a bare "Homs" is the city; the governorate needs a cue
            s -= 1.5 if p.feature == "admin1" else 2.5
        if anchors:
            s += self._context(m, p, anchors)
        return s

    def _context(self, m: _Match, p: Place, anchors: list[tuple[int, Place]]) -> float:
        # unique anchor places with the text position nearest to this mention
        nearest: dict[str, tuple[int, Place]] = {}
        for pos, a in anchors:
            if a.id == p.id or pos == m.start:
                continue
            d = abs(pos - m.start)
            cur = nearest.get(a.id)
            if cur is None or d < cur[0]:
                nearest[a.id] = (d, a)
        best = 0.0
        for dist, a in nearest.values():
            bonus = self._pair_bonus(p, a)
            if bonus:
                closeness = 1.0 / (1.0 + dist / 300.0)  # 1 next to it, ~0.2 a page away
                best = max(best, bonus * (0.4 + 0.6 * closeness))
        return best

    def _pair_bonus(self, p: Place, a: Place) -> float:
        key = (p.id, a.id)
        cached = self._pair_cache.get(key)
        if cached is not None:
            return cached
        bonus = 0.0
        if p.parent and (p.parent == a.id or self._same_city(p.parent, a)):
            bonus = 5.0
        elif p.admin1 and p.country == a.country and (a.admin1 == p.admin1):
            bonus = 2.0
        elif a.country == p.country:
            bonus = 0.8
        if bonus and p.lat is not None and a.lat is not None and a.feature not in ADMIN_FEATURES:
            if haversine_km(p.lat, p.lon, a.lat, a.lon) < 50:  # type: ignore[arg-type]
                bonus += 1.0
        if len(self._pair_cache) > 200_000:
            self._pair_cache.clear()
        self._pair_cache[key] = bonus
        return bonus

    def _same_city(self, parent_id: str, anchor: Place) -> bool:
        """A neighbourhood's parent city and an anchor are the same town or its governorate/district."""
        parent = self.gazetteer.places.get(parent_id)
        if parent is None:
            return False
        if anchor.feature in ("admin1", "admin2") and anchor.name == parent.admin1:
            return True
        return False

    # --- the stage ------------------------------------------------------------------------------
    def mentions(self, doc: Document) -> list[Mention]:
        ensure_norm(doc)
        norm = doc.norm
        assert norm is not None
        out = []
        for m, place in self.parse(doc.text, norm.text, doc.lang):
            rs, re_ = norm.to_raw(m.start, m.end)
            precision = geo_precision_for(place, near=m.near)
            ref = make_place_ref(place, doc.text[rs:re_], precision, rs, re_)
            sent = doc.sentence_at(rs) if doc.sentences else None
            attrs = ref.to_dict()
            attrs.pop("start", None)
            attrs.pop("end", None)
            attrs.pop("text", None)
            out.append(Mention(start=rs, end=re_, text=doc.text[rs:re_], kind="place", canonical_id=place.id,
                               sentence=sent.index if sent else None, lang=sent.lang if sent else doc.lang,
                               source="places", attrs=attrs))
        return out

    def __call__(self, doc: Document) -> None:
        doc.mentions = [m for m in doc.mentions if m.kind != "place"] + self.mentions(doc)
        doc.mentions.sort(key=lambda m: (m.start, m.end))


def _cue_forms(word: str) -> list[str]:
    out = [word]
    for p in AR_PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 2:
            out.append(word[len(p):])
    return out


def geo_precision_for(place: Place, near: bool = False) -> int:
    """ACLED geo-precision: 1 the town/neighbourhood itself; 2 near it ("countryside of", "outskirts
    of") or a district/sub-district (part of a region); 3 only the province (or country) is known."""
    if place.feature in ("admin1", "country"):
        return 2 if near and place.feature == "admin1" else 3
    if place.feature in ("admin2", "admin3"):
        return 2
    return 2 if near else 1


def make_place_ref(place: Place, text: str, precision: int, start: int | None = None,
                   end: int | None = None) -> PlaceRef:
    admin1 = place.admin1 or (place.name if place.feature == "admin1" else None)
    return PlaceRef(
        place_id=place.id, name=place.name, text=text, feature=place.feature, country=place.country,
        admin1=admin1, admin2=place.admin2, admin3=place.admin3, latitude=place.lat, longitude=place.lon,
        geo_precision=precision, start=start, end=end,
    )


def place_ref(mention: Mention) -> PlaceRef:
    """The PlaceRef of a place mention (from its attrs, with the mention's span)."""
    a = mention.attrs
    return PlaceRef(
        place_id=mention.canonical_id, name=a.get("name") or mention.text, text=mention.text,
        feature=a.get("feature"), country=a.get("country"), admin1=a.get("admin1"), admin2=a.get("admin2"),
        admin3=a.get("admin3"), latitude=a.get("latitude"), longitude=a.get("longitude"),
        geo_precision=a.get("geo_precision"), start=mention.start, end=mention.end,
    )


_default: Geoparser | None = None


def default_geoparser() -> Geoparser:
    global _default
    if _default is None:
        _default = Geoparser(load_gazetteer())
    return _default


def use_gazetteer(gazetteer: Gazetteer) -> Geoparser:
    """Make the pipeline stage use ``gazetteer`` (e.g. ``Gazetteer.with_store(store)``)."""
    global _default
    _default = Geoparser(gazetteer)
    return _default


def places_stage(doc: Document) -> None:
    """Pipeline stage: replace the document's place mentions with freshly geoparsed ones."""
    default_geoparser()(doc)


@lru_cache(maxsize=256)
def _norm_keys(name: str) -> tuple[str, ...]:
    return tuple(name_keys(name, "ar" if _ARABIC.search(name) else "en"))


def mentions_name(text: str, name: str) -> bool:
    """True when ``name`` occurs in ``text`` as a whole word (after normalization)."""
    norm = normalize_term(text)
    return any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", norm) for k in _norm_keys(name))
