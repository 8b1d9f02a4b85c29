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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import ahocorasick

from rasad.model import Document, Mention, PlaceRef, Sentence
from rasad.places.gazetteer import (
    _LATIN_ARTICLE_WORDS,
    ADMIN_FEATURES,
    Gazetteer,
    Place,
    consonant_skeleton,
    default_cache_dir,
    gazetteer_fingerprint,
    haversine_km,
    latin_key,
    load_gazetteer,
    remove_stale_caches,
)
from rasad.text.normalize import AR_PROCLITICS, language_proclitics, normalize_term
from rasad.text.normalize_stage import ensure_norm

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PROCLITIC_LAST = frozenset(p[-1] for p in AR_PROCLITICS)  # a name glued to a proclitic follows one of these
#: A proclitic that starts its word, right before a position (read on the reversed text): the proclitics a
#: name is glued to (at most one fits, as each is all letters).
_REV_PROCLITIC_WORD_START = re.compile(
    "(?:" + "|".join(re.escape(p[::-1]) for p in sorted(AR_PROCLITICS, key=len)) + r")(?!\w)")
#: How many characters before a name glued to proclitics decide which proclitics they are: the longest
#: proclitic and the non-word character before it.
_BEFORE_GLUED = max(map(len, AR_PROCLITICS)) + 1
_UNSEEN: Any = object()
_NO_TRAITS = (False, False, False)  # (Geoparser._traits of a Latin name: no Arabic rule reads it)


def _glued_prefix(before: str) -> str | None:
    """The proclitics that start the word ending ``before`` (the ``_BEFORE_GLUED`` characters before a
    name, or, at the text start, a space and all of them), None unless the word's start is one proclitic
    (as ``_REV_PROCLITIC_WORD_START`` reads it on the reversed text)."""
    glued = _REV_PROCLITIC_WORD_START.match(before[::-1])
    return None if glued is None else before[len(before) - glued.end():]


_LONGEST_FIRST = itemgetter(0, 1)  # (start - end, start): longest match first, then leftmost
_START = itemgetter(1)
_FIRST = itemgetter(0)
#: Letters of Persian, not Arabic: a text with one of them is read as Persian (when its language is not
#: given).  Looked up one by one with ``in`` (a fast character search; a regex class scans a text without
#: them ten times slower).
_PERSIAN_LETTERS = "پچژگی"
NEIGHBOURS = {"LBN", "JOR", "IRQ", "TUR", "ISR", "PSE"}


def _load_words() -> dict[str, frozenset[str]]:
    """The word lists of data/geoparse_words.yaml, each normalized."""
    from rasad.places.gazetteer import DATA_DIR, _yaml_entries

    data: Any = _yaml_entries(DATA_DIR / "geoparse_words.yaml")
    return {name: frozenset(normalize_term(w) for w in words) for name, words in data.items()}


_WORDS = _load_words()
# cue words (normalized); Arabic ones are also recognised with proclitics attached (بريف، وفي محافظة)
PROVINCE_CUES = _WORDS["province_cues"]
SHORT_NAMES = _WORDS["short_names"]  # two-letter names read as places (others are too often words)
NEAR_CUES = _WORDS["near_cues"]
AT_PLACE_CUES = _WORDS["at_place_cues"]  # near cues ACLED codes at the town itself ("outskirts of X")
AREA_AFTER_TOWN = _WORDS["area_after_town"]  # "the X area", "X sub-district": the area around town X
REGION_NEAR_CUES = _WORDS["region_near_cues"]  # "countryside of X" -> X's province
REGION_PART_CUES = _WORDS["region_part_cues"]  # "northern X" -> a part of X's province
CITY_CUES = _WORDS["city_cues"]
NEIGHBOURHOOD_CUES = _WORDS["neighbourhood_cues"]
CAMP_CUES = _WORDS["camp_cues"]
PLACE_TYPE_CUES = PROVINCE_CUES | CITY_CUES | NEIGHBOURHOOD_CUES | CAMP_CUES
ALL_CUES = PROVINCE_CUES | NEAR_CUES | CITY_CUES | NEIGHBOURHOOD_CUES | CAMP_CUES | REGION_PART_CUES
POST_PROVINCE_CUES = _WORDS["post_province_cues"]
POST_CITY_CUES = _WORDS["post_city_cues"]
POST_DISTRICT_CUES = _WORDS["post_district_cues"]
REFERENCE_DIRECTIONS = _WORDS["reference_directions"]
REFERENCE_UNITS = _WORDS["reference_units"]
REFERENCE_LINKS = _WORDS["reference_links"]
DIRECTION_LINKS = _WORDS["direction_links"]
REFERENCE_SKIP = _WORDS["reference_skip"]
#: Prepositions that, right before a name, keep a cue word before them off it ("a town in Homs countryside").
_REV_CUE_BREAKS = frozenset(w[::-1] for w in _WORDS["cue_breaks"])
_WORD = re.compile(r"\w+")
_LATIN_WORD = re.compile(r"[a-z\u00c0-\u024f'’ʿʾ‘]+")
_NO_READING: tuple[str, ...] = ("",)  # _latin_reading: no reading of this span, try a shorter one
#: ``_may_begin_reading``'s answer for a word that only a reading by consonants may start.
_BY_SKELETON = "skeleton"
#: The fewest consonants a name read by its skeleton alone has (three match too many names).
_SKELETON_MIN = 4
#: How far (characters) from a neighbourhood read by its skeleton its city must be named.
_QUARTER_CITY_REACH = 150


#: ``_LATIN_WORD``'s class as a set, and up to four such words joined by one space or hyphen each.
_LATIN_WORD_CHARS = frozenset([*map(chr, range(ord("a"), ord("z") + 1)), *map(chr, range(0xC0, 0x250)), *"'’ʿʾ‘"])
_LATIN_CHAIN = re.compile(r"[a-z\u00c0-\u024f'’ʿʾ‘]+(?:[ -][a-z\u00c0-\u024f'’ʿʾ‘]+){0,3}")


_ASCII_UPPER = re.compile(r"[A-Z]")
#: Unicode blocks without any upper-case letter that news text is mostly written in (Arabic, its supplement,
#: extended-A and presentation forms; general punctuation), as code point ranges (a test checks them).
_NO_UPPER_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0x2000, 0x206F), (0xFB50, 0xFDFF),
                    (0xFE70, 0xFEFF))
#: The characters that may be upper case: ASCII capitals, and every non-ASCII character outside those blocks.
_UPPER_CANDIDATE = re.compile(
    r"[A-Z]|[^\x00-\x7f" + "".join(rf"\u{a:04x}-\u{b:04x}" for a, b in _NO_UPPER_BLOCKS) + "]")


def _upper_case_positions(text: str) -> list[int]:
    """The offsets of the characters of ``text`` that ``str.isupper`` accepts, in order: the candidates
    (``_UPPER_CANDIDATE``; in Arabic or Persian text few characters) tested one by one."""
    if text.isascii():
        return [m.start() for m in _ASCII_UPPER.finditer(text)]
    return [m.start() for m in _UPPER_CANDIDATE.finditer(text) if m.group().isupper()]


_LATIN_ARTICLES = _WORDS["latin_articles"]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass(slots=True)
class _Match:
    start: int  # normalized offsets of the name itself (proclitics excluded)
    end: int
    key: str
    ids: tuple[str, ...]
    cue: str | None = None  # the cue word before (or after) the name, if any
    near: bool = False
    prefixed: bool = False  # proclitics attached (بحمص): the name is not inside an organisation's name
    reference: bool = False  # a reference point ("30 km west of X"): the event is near X
    #: the word right before the name's word (None: punctuation or the text start), as parse_roles reads it
    #: for an Arabic-script name; ``_UNSEEN`` when not read
    before: Any = _UNSEEN


#: A name found in the text, before its context is read: (start - end, start, end, key, ids, prefixed), as
#: in ``_Match`` (the first item ranks overlapping spans).
_Span = tuple[int, int, int, str, tuple[str, ...], bool]


def _longest_first_spans(found: list[_Span]) -> list[_Span]:
    """The spans kept where found spans (start - end, start, end, key, ids, prefixed) overlap: longest
    first, then leftmost, then first found; in text order.  Only spans that overlap another are ranked:
    sorted by start, the found spans fall into runs that overlap only each other (most of one span),
    and ranking each run on its own keeps what ranking all of them at once keeps."""
    found.sort(key=_START)  # stable: equal starts stay in the order found
    taken: list[_Span] = []
    append = taken.append
    i = 0
    n = len(found)
    while i < n:
        span = found[i]
        reach = span[2]
        j = i + 1
        while j < n and found[j][1] < reach:
            if found[j][2] > reach:
                reach = found[j][2]
            j += 1
        if j == i + 1:
            append(span)
        else:
            run = found[i:j]
            run.sort(key=_LONGEST_FIRST)
            kept: list[_Span] = []
            for span in run:
                start, end = span[1], span[2]
                if any(start < k[2] and k[1] < end for k in kept):
                    continue
                kept.append(span)
            kept.sort(key=_START)  # (kept spans do not overlap)
            taken += kept
        i = j
    return taken


def _load_org_heads() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(Arabic-script heads, English heads before "of", English tails, Persian-only heads) from
    data/org_heads.yaml."""
    from rasad.places.gazetteer import DATA_DIR, _yaml_entries

    data: Any = _yaml_entries(DATA_DIR / "org_heads.yaml")
    script = frozenset(normalize_term(w) for lang in ("ar", "fa") for w in data.get(lang, []))
    return (script, frozenset(normalize_term(w) for w in data.get("en_before", [])),
            frozenset(normalize_term(w) for w in data.get("en_after", [])),
            frozenset(normalize_term(w) for w in data.get("fa_only", [])))


ORG_HEADS, EN_ORG_BEFORE, EN_ORG_AFTER, FA_ORG_HEADS = _load_org_heads()
#: Words that end an Arabic/Persian noun phrase when walking back from a name: an organisation head
#: must come after them.
PHRASE_BREAKS = _WORDS["phrase_breaks"]
ORG_WINDOW = 4
#: Persian unit words that sit inside an office's name between its head and the place (استان, شهرستان).
_ADMIN_WORDS_IN_NAMES = _WORDS["admin_words_in_names"]


@dataclass(frozen=True, slots=True)
class _AgentLexicon:
    """Words that make a country an agent (see data/agents.yaml), normalized."""

    ar_before: frozenset[str]
    ar_after: frozenset[str]
    fa_after: frozenset[str]
    en_after: frozenset[str]
    en_aux: frozenset[str]
    relation: dict[str, frozenset[str]]
    polity: frozenset[str]
    place_relations: frozenset[str]
    fa_adjectives: frozenset[str]


def _load_agents() -> _AgentLexicon:
    from rasad.places.gazetteer import DATA_DIR, _yaml_entries

    data: Any = _yaml_entries(DATA_DIR / "agents.yaml")

    def words(v: Any) -> frozenset[str]:
        return frozenset(normalize_term(w) for w in v or [])

    return _AgentLexicon(
        ar_before=words(data.get("ar_before")), ar_after=words(data.get("ar_after")),
        fa_after=words(data.get("fa_after")), en_after=words(data.get("en_after")),
        en_aux=words(data.get("en_aux")),
        relation={lang: words(ws) for lang, ws in (data.get("relation_before") or {}).items()},
        polity=words(data.get("polity")), place_relations=words(data.get("place_relations")),
        fa_adjectives=words(data.get("fa_ezafe_adjectives")),
    )


AGENTS = _load_agents()


@dataclass(frozen=True, slots=True)
class _PersianUses:
    """Persian words before a name that say how it is used (lang/fa/places.yaml), normalized."""

    state_nouns: frozenset[str]
    attribute_heads: frozenset[str]
    place_nouns: frozenset[str]
    team_nouns: frozenset[str]
    topic_nouns: frozenset[str]
    dateline_credits: frozenset[str]
    weak_cues: frozenset[str]
    clause_openers: frozenset[str]
    state_heads: frozenset[str]
    locative_extra: frozenset[str]
    time_words_after: frozenset[str]


def _load_persian_uses() -> _PersianUses:
    from rasad.lang import word_list

    def words(key: str) -> frozenset[str]:
        return frozenset(normalize_term(w) for w in word_list("fa", "places.yaml", key))

    return _PersianUses(state_nouns=words("state_nouns"), attribute_heads=words("attribute_heads"),
                        place_nouns=words("place_nouns"), team_nouns=words("team_nouns"),
                        topic_nouns=words("topic_nouns"),
                        dateline_credits=words("dateline_credits"), weak_cues=words("weak_cues"),
                        clause_openers=words("clause_openers"), state_heads=words("state_heads"),
                        locative_extra=words("locative_extra"), time_words_after=words("time_words_after"))


FA_USES = _load_persian_uses()
#: Prepositions that make the following name a location, never an agent (در ایران اعلام شد).
LOCATIVE_BEFORE = _WORDS["locative_before"]
#: What may stand between two coordinated countries ("ایران، روسیه و ترکیه", "Iran and Russia").
_COORDINATION = re.compile(r"^\s*(?:[،,]\s*)?(?:(?:و|and|&)\s*)?$")


#: A word that starts no name, inserted only to give the automaton's root a child for the space (see
#: ``_make_automaton``).  Its hits (the text would need U+FFFF twice) are read as a sports word that is
#: none: ``_add_sports_word`` finds no sports word in them, and no match is made.
_SPACE_CHILD = " \uffff\uffff"
#: What else than a name an automaton key is (the last item of its value, a bit set): a sports word
#: (``_SportsContext``), a cue word, bare or with proclitics (``_CUE_OF``: where the cue words end tells
#: ``parse_roles`` which names may have one before them).
_SPORTS_HIT = 1
_CUE_HIT = 2
#: The layout of ``Geoparser._save_compiled``'s file (bump when it changes).
_COMPILED_FORMAT = 2


def _make_automaton(entries: dict[str, tuple[str, int, tuple[str, ...], bool, bool, int]]) -> Any:
    """The Aho-Corasick automaton of the names, built so that its scan is fast: pyahocorasick looks a
    letter up among a node's children one by one, in the order the children were made, and the root has
    one child per first letter of a name (~110).  So the names are inserted with the letters most frequent
    in names first (at every node), and the root's first child is the space -- the most frequent character
    of any text, which starts no name and otherwise costs a look at every child of the root.  The hits
    (and their order) do not depend on the insertion order; a quarter of the scan's time goes."""
    counts: dict[str, int] = {}
    for key in entries:
        for ch in key:
            counts[ch] = counts.get(ch, 0) + 1
    rank = {ord(" "): "\x00"}
    for i, ch in enumerate(sorted(counts, key=lambda c: (-counts[c], c)), start=1):
        rank.setdefault(ord(ch), chr(i))
    automaton = ahocorasick.Automaton()
    if _SPACE_CHILD not in entries:
        automaton.add_word(_SPACE_CHILD, (_SPACE_CHILD, len(_SPACE_CHILD), (), False, False, _SPORTS_HIT))
    for key in sorted(entries, key=lambda k: k.translate(rank)):
        automaton.add_word(key, entries[key])
    automaton.make_automaton()
    return automaton


class Geoparser:
    """Dictionary scan + context resolution over one gazetteer.  Thread-safe for reading.

    Speed: the context-free ranking of a name's candidates depends only on (name key, cue word,
    Persian or not), so it is computed once per geoparser and cached; within a document each distinct
    ambiguous name is resolved once against the document's anchors."""

    def __init__(self, gazetteer: Gazetteer, compiled: Path | None = None) -> None:
        """``compiled``: a file that keeps the name automaton built from this very gazetteer across
        processes (``default_geoparser`` passes one named by the fingerprint of everything it is built
        from; see ``_load_compiled``)."""
        self.gazetteer = gazetteer
        self._version = -1
        self._automaton: Any = None
        self._stop: set[str] = set()
        self._needs_cue: dict[str, tuple[str, ...]] = {}
        self._pair_rows: dict[str, dict[str, float]] = {}  # place id -> anchor id -> _pair_bonus
        self._pair_count = 0
        self._ranked: dict[tuple[str, str | None, bool], list[tuple[float, Place]]] = {}
        self._regional: dict[str, bool] = {}
        self._attrs: dict[tuple[str, bool], dict[str, Any]] = {}  # (place id, near) -> mention attrs
        self._latin_readings: dict[str, tuple[str, ...]] = {}  # see _folded_latin
        self._latin_chains: dict[tuple[str, str], tuple[Any, ...]] = {}  # see _chain_reading
        self._latin_first_words: frozenset[str] = frozenset()  # see _may_begin_reading
        self._latin_starts: dict[str, bool] = {}
        self._skeleton_map: dict[str, str] | None = None  # see _skeletons
        self._skeleton_prefixes: frozenset[str] = frozenset()
        self._glued_prefixes: dict[str, str | None] = {}  # see _find_spans
        #: How a Persian country or capital name outside every other role is read (``_state_readings``):
        #: "strict" (the default, precision-oriented) as the state unless a locative context makes it a
        #: place; "bare" as the state after a state head or where it heads its own noun phrase; "actor"
        #: only after one of lang/fa/places.yaml ``state_heads``; "current" never.
        self.country_reading = "strict"
        self._glued_names: dict[tuple[str, str], bool] = {}
        self._key_traits: dict[str, tuple[bool, bool, bool]] = {}  # see _traits
        self._build(compiled)

    def _build(self, compiled: Path | None = None) -> None:
        g = self.gazetteer
        self._stop = set().union(*g.common_words.values()) if g.common_words else set()
        self._needs_cue = {}
        self._skeleton_map = None  # (built on first use, or read with the compiled automaton)
        if compiled is not None and self._load_compiled(compiled):
            self._reset_caches()
            return
        entries: dict[str, tuple[str, int, tuple[str, ...], bool, bool, int]] = {}
        for key, ids in g.by_name.items():
            if (len(key) < 3 and key not in SHORT_NAMES) or not ids:
                continue
            ids_t = tuple(ids)
            if self._needs_a_cue(key, ids_t):
                self._needs_cue[key] = ids_t
            special = (_SPORTS_HIT if key in _SPORTS_WORDS else 0) | (_CUE_HIT if key in _CUE_OF else 0)
            entries[key] = (key, len(key), ids_t, bool(_ARABIC.match(key)), key.startswith("ال"), special)
        # found in the same scan: sports words (see _SportsContext) and cue words (see parse_roles); most
        # name no place
        for word in _SPORTS_WORDS:
            if word not in entries:
                entries[word] = (word, len(word), (), bool(_ARABIC.match(word)), False,
                                 _SPORTS_HIT | (_CUE_HIT if word in _CUE_OF else 0))
        for word in _CUE_OF:
            if word not in entries:
                entries[word] = (word, len(word), (), bool(_ARABIC.match(word)), False, _CUE_HIT)
        self._automaton = _make_automaton(entries)
        self._version = g.version
        places = g.places
        self._latin_first_words = frozenset(
            lk.split(" ", 1)[0] for lk, ids in g.by_latin.items()
            if any((p := places.get(i)) is not None and (p.country == "SYR" or p.country in NEIGHBOURS) for i in ids))
        self._reset_caches()
        if compiled is not None:
            self._save_compiled(compiled)

    def _reset_caches(self) -> None:
        """Forget every answer remembered for the gazetteer as it was before (re)building."""
        self._pair_rows = {}
        self._pair_count = 0
        self._ranked = {}
        self._regional = {}
        self._attrs = {}
        self._latin_readings = {}
        self._latin_chains = {}
        self._latin_starts = {}
        self._glued_names = {}
        self._key_traits = {}

    def _save_compiled(self, path: Path) -> None:
        """Keep what ``_build`` made of the gazetteer in ``path`` (best effort, atomic: temp file +
        rename): the automaton (pickled by pyahocorasick with its values), the names that need a cue (as
        keys: ``_needs_cue`` must hold the automaton's own ids tuples, see ``_needs_a_cue``), the first
        words of regional Latin names and the gazetteer's version."""
        import pickle

        from rasad.lang import write_cache_file

        state = (_COMPILED_FORMAT, self.gazetteer.version, self._automaton, sorted(self._needs_cue),
                 self._latin_first_words, self._skeletons())
        try:
            write_cache_file(path, lambda fh: pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL))
            remove_stale_caches(path, "geoparser-*.pickle")
        except OSError:
            pass

    def _load_compiled(self, path: Path) -> bool:
        """Take the automaton and what goes with it from ``path`` (``_save_compiled``); False when the file
        is missing, unreadable, of another format or of another version of the gazetteer.  Unpickling is
        ~5x cheaper than building (~0.025 vs ~0.125 CPU-s per process under ``analyze``'s GC settings: 0.1
        ms per document of a 1,000-document run).  Unpickling can run code, so only a file of this user's
        that nobody else may write is read (``_save_compiled`` makes it so: ``mkstemp`` gives mode 0600)."""
        import os
        import pickle

        try:
            with path.open("rb") as fh:
                st = os.fstat(fh.fileno())
                if st.st_uid != os.getuid() or st.st_mode & 0o022:
                    return False
                state = pickle.load(fh)
        except Exception:  # missing, truncated or written by other code: build instead
            return False
        if not (isinstance(state, tuple) and len(state) == 6 and state[0] == _COMPILED_FORMAT
                and state[1] == self.gazetteer.version):
            return False
        _, version, automaton, needs_cue_keys, latin_first_words, skeletons = state
        get = automaton.get
        self._automaton = automaton
        self._needs_cue = {key: get(key)[2] for key in needs_cue_keys}
        self._latin_first_words = latin_first_words
        self._set_skeletons(skeletons)
        self._version = version
        return True

    def _traits(self, key: str) -> tuple[bool, bool, bool]:
        """What the role rules of parse_roles may make of an Arabic-script name by its key alone, cached:
        (``_article_dropped`` may drop it: no article, but the gazetteer has the name with one;
        ``_adjective_use`` may read it: one definite word shaped like an adjective; ``_person_name_use``
        may read the name itself as a person's: ``_person_key``).  A rule whose flag is False is not
        asked (without the article form of the name, _article_dropped says no at once; and so on)."""
        traits = self._key_traits.get(key)
        if traits is None:
            definite = key.startswith("ال")
            traits = self._key_traits[key] = (
                not definite and "ال" + key in self.gazetteer.by_name,
                definite and " " not in key and _adjective_shaped(key),
                _person_key(key))
        return traits

    def _needs_a_cue(self, key: str, ids: tuple[str, ...]) -> bool:
        """Whether the name has no candidate unless a place-type cue stands by it (an ordinary word, or
        only common or cue-only readings): ``_candidates`` of such a match without that cue is empty, so
        ``parse_roles`` drops it with one dict lookup (``_needs_cue``, keyed by name, holding the
        automaton's own ids tuple: a folded Latin reading of the same surface has other ids and is not
        dropped this way)."""
        if key in self._stop:
            return True
        places = self.gazetteer.places
        cue_only = self.gazetteer.cue_only.get(key, ())
        return not any((p := places.get(i)) is not None and not p.common and i not in cue_only for i in ids)

    def _is_regional(self, key: str, ids: tuple[str, ...]) -> bool:
        """Whether some place called ``key`` is in Syria or a neighbouring country."""
        r = self._regional.get(key)
        if r is None:
            places = self.gazetteer.places
            r = any((p := places.get(i)) is not None and (p.country == "SYR" or p.country in NEIGHBOURS)
                    for i in ids)
            self._regional[key] = r
        return r

    def _glued_name(self, prefix: str, key: str, ids: tuple[str, ...], has_article: bool) -> bool:
        """Whether name ``key`` glued to the proclitics ``prefix`` (the whole start of its word) is read:
        not when the whole word is an ordinary word (بلاد is not ب + لاد), nor when the article is glued
        to a name written without it (الدولة is not ال + دولة/Dhule) and no place of that name is in the
        region, unless لل stands for ل + ال before a name the gazetteer also has with the article."""
        if prefix + key in self.gazetteer.clitic_words:
            return False
        return has_article or not _carries_article(prefix) or self._is_regional(key, ids) \
            or (prefix.endswith("لل") and "ال" + key in self.gazetteer.by_name)

    # --- finding ----------------------------------------------------------------------------
    def find(self, raw: str, norm: str) -> list[_Match]:
        """All boundary-respecting matches, in text order (see ``find_with_sports``)."""
        return self.find_with_sports(raw, norm)[0]

    def find_with_sports(self, raw: str, norm: str) -> tuple[list[_Match], list[tuple[int, str]]]:
        """All boundary-respecting matches, longest first where they overlap; and, from the same scan, the
        sports words of the text as (word start, sports word) in text order (``_SportsContext``).  See
        ``_find_spans``."""
        spans, sports, _ = self._find_spans(raw, norm)
        return [_Match(start, end, key, ids, None, False, prefixed)
                for _, start, end, key, ids, prefixed in spans], sports

    def _find_spans(self, raw: str, norm: str) -> tuple[list[_Span], list[tuple[int, str]], list[int]]:
        """``find_with_sports`` with the matches as spans (``parse_roles`` makes a ``_Match`` only of those
        it reads further); and the offsets where a cue word (``_CUE_OF``, or its last letters) ends a
        word, in order.

        An Arabic-script name may carry proclitics (بحمص، والخالدية) unless the whole word is an
        ordinary word (بلاد is not ب + لاد) or the article is glued to a name written without it
        (الدولة is not ال + دولة/Dhule) -- the latter only for names of no place in the region, since
        Syrian village names are spelt both ways.  Whether a name glued to proclitics is read depends only
        on the characters right before it and the name (``_glued_prefix``, ``_glued_name``): both answers
        are cached, so the regex and the word tests run once per spelling (a quarter of the scan's hits
        start after a proclitic letter)."""
        if self._version != self.gazetteer.version:
            self._build()
        proclitic_last = _PROCLITIC_LAST
        glued_prefixes = self._glued_prefixes
        glued_names = self._glued_names
        found: list[tuple[int, int, int, str, tuple[str, ...], bool]] = []
        append = found.append
        sports: list[tuple[int, str]] = []
        cue_ends: list[int] = []
        n = len(norm)
        padded = norm + " "  # (a hit ending the text ends a word)
        raw_is_norm = len(raw) == n
        for end_idx, value in self._automaton.iter(norm):
            if (c := padded[end_idx + 1]).isalnum() or c == "_":
                continue  # half of the hits end inside a word: rejected before the value is unpacked
            end = end_idx + 1
            key, klen, ids, arabic, has_article, special = value
            start = end - klen
            if special:
                if special & _CUE_HIT:
                    cue_ends.append(end)
                if special & _SPORTS_HIT:
                    _add_sports_word(norm, start, end, sports)
                if not ids:
                    continue
            if start and ((c := norm[start - 1]).isalnum() or c == "_"):
                # inside a word: only after a run of proclitics that starts the word (see _glued_name)
                if not arabic or c not in proclitic_last:
                    continue
                before = norm[start - _BEFORE_GLUED:start] if start >= _BEFORE_GLUED else " " + norm[:start]
                prefix = glued_prefixes.get(before, _UNSEEN)
                if prefix is _UNSEEN:
                    if len(glued_prefixes) > 200_000:
                        glued_prefixes.clear()
                    prefix = glued_prefixes[before] = _glued_prefix(before)
                if prefix is None:
                    continue
                ok = glued_names.get((prefix, key))
                if ok is None:
                    if len(glued_names) > 200_000:
                        glued_names.clear()
                    ok = glued_names[(prefix, key)] = self._glued_name(prefix, key, ids, has_article)
                if ok:
                    append((start - end, start, end, key, ids, True))
            elif not arabic and raw_is_norm and not raw[start].isupper():
                continue
            else:
                append((start - end, start, end, key, ids, False))
        if raw_is_norm and _ASCII_UPPER.search(raw):
            # first: kept over the same span's exact reading (the sort below is stable)
            found[:0] = [(s - e, s, e, k, i, p) for s, e, k, i, p in self._folded_latin(raw, norm)]
            found = _without_name_parts(raw, norm, found)
        if not found:
            return [], sports, cue_ends
        return _longest_first_spans(found), sports, cue_ends

    def _folded_latin(self, raw: str, norm: str) -> list[tuple[int, int, str, tuple[str, ...], bool]]:
        """Capitalised Latin names found by their transliteration-folding key (``latin_key``), so that a
        spelling the gazetteer does not list ("Dair Ezzor", "Khaldiyeh") still meets the place.  Only
        places in Syria and its neighbours are read this way: the key is coarse, and the region is where
        the news spells names in many ways.  Up to four words; the longest reading wins later."""
        out: list[tuple[int, int, str, tuple[str, ...], bool]] = []
        chains = self._latin_chains
        starts = self._latin_starts
        n = len(norm)
        for start in _upper_case_positions(raw):
            if start >= n or norm[start] not in _LATIN_WORD_CHARS \
                    or (start and norm[start - 1] in _LATIN_WORD_CHARS):
                continue  # not the first letter of a Latin word
            first = _LATIN_WORD.match(norm, start).group()  # type: ignore[union-attr]
            may = starts.get(first)
            if may is None:
                if len(starts) > 200_000:
                    starts.clear()
                may = starts[first] = self._may_begin_reading(first)
            if not may:
                continue  # (most capitalised words: The, President, Monday)
            if may is _BY_SKELETON and not _may_be_placed(norm, start):
                continue  # only a reading by consonants could start here, and nothing around makes it a place
            if raw[start + 1:start + 2].isupper() and raw[start:start + len(first)].isupper():
                continue  # an acronym (OCHA, SANA): no spelling of a name to fold
            # the word and up to three more, each after one space or hyphen (capitalisation checked below)
            chain_end = _LATIN_CHAIN.match(norm, start).end()  # type: ignore[union-attr]
            chain = (raw[start:chain_end], norm[start:chain_end])
            found = chains.get(chain)
            if found is None:
                if len(chains) > 200_000:
                    chains.clear()
                found = chains[chain] = self._chain_reading(*chain)
            if found:
                end, ids = found[0], found[1]
                if len(found) == 3 and not (_skeleton_context(raw, norm, start, start + end)
                                            and self._city_named_near(norm, start, ids[0])):
                    continue  # a reading by consonants alone where nothing around makes the name a place
                out.append((start, start + end, norm[start:start + end], ids, False))
        return out

    def _may_begin_reading(self, word: str) -> bool | str:
        """Whether a span of Latin words starting with ``word`` may have a folded reading (``_chain_reading``).
        False only when it cannot: the folding key of every such span starts with ``word``'s own key (when
        ``word`` is no article, which ``latin_key`` drops before a later word; an article folds to at most
        three letters), and no key of a place in the region starts so.  Saves reading the chains of most capitalised words."""
        lk = latin_key(word)
        if not lk or " " in lk:
            return True  # (not one word: decided span by span)
        if len(lk) <= 3 and not (word.isascii() and word.isalpha() and word.lower() not in _LATIN_ARTICLE_WORDS):
            return True  # (maybe an article)
        # (or a name read by its consonants alone: a skeleton starts with the first word's, of four or more)
        if lk in self._latin_first_words:
            return True
        self._skeletons()
        sk = consonant_skeleton(lk)
        return _BY_SKELETON if len(sk) >= _SKELETON_MIN and sk in self._skeleton_prefixes else False

    def _chain_reading(self, raw: str, norm: str) -> tuple[Any, ...]:
        """The folded reading of the longest span of a chain of Latin words (``norm``, and the same stretch
        of the raw text) that has one, as (end, ids); () when none does.  A later word belongs to the
        span only when it and every word between are capitalised or articles (Deir ez-Zor, Ras al Ain).
        When no span has any reading, the reading by consonants (``_skeleton_reading``) as (end, ids, True):
        the caller keeps it only where the words around make the name a place."""
        ends = []
        for word in _LATIN_WORD.finditer(norm):
            if ends and not (raw[word.start()].isupper() or word.group() in _LATIN_ARTICLES):
                break
            ends.append(word.end())
        readings = self._latin_readings
        for end in reversed(ends):
            surface = norm[:end]
            ids = readings.get(surface)
            if ids is None:
                if len(readings) > 200_000:
                    readings.clear()
                ids = readings[surface] = self._latin_reading(surface)
            if ids is _NO_READING:
                continue
            # the exact scan finds this span too; a reading adds the other spellings' places
            return (end, ids) if ids else ()
        by_skeleton = self._skeleton_reading(ends, norm)
        return (*by_skeleton, True) if by_skeleton else ()  # (marked: read by its consonants)

    def _latin_reading(self, surface: str) -> tuple[str, ...]:
        """What ``_folded_latin`` makes of one span: ``_NO_READING`` when its folding key is too short or the
        span names nothing (try a shorter span); else the ids the folded reading adds to the exact name's
        (empty when it adds none: the exact reading stands)."""
        lk = latin_key(surface)
        if len(lk) < 4 and not (len(lk) == 3 and _APOSTROPHE_INSIDE.search(surface)):
            return _NO_READING  # (a three-letter key only for a name spelt with an ayn or hamza: Da'el)
        places = self.gazetteer.places
        exact = self.gazetteer.by_name.get(surface, [])
        ids = tuple(dict.fromkeys([*exact, *(
            pid for pid in self.gazetteer.by_latin.get(lk, ())
            if (p := places.get(pid)) is not None and (p.country == "SYR" or p.country in NEIGHBOURS))]))
        if len(ids) > len(exact):
            return ids
        return () if exact else _NO_READING

    def _skeleton_reading(self, ends: list[int], norm: str) -> tuple[int, tuple[str, ...]] | tuple[()]:
        """The longest span of a chain (``norm``, its spans ending at ``ends``) whose consonants
        (``consonant_skeleton``) one Syrian place has, as (end, ids); () when none.  For a chain no span of
        which the gazetteer knows."""
        skeletons = self._skeletons()
        for end in reversed(ends):
            sk = consonant_skeleton(latin_key(norm[:end]))
            if len(sk) >= _SKELETON_MIN and (pid := skeletons.get(sk)):
                by_name, by_latin = self.gazetteer.by_name, self.gazetteer.by_latin
                if any(norm[:e] in by_name or latin_key(norm[:e]) in by_latin for e in ends):
                    return ()  # a span the gazetteer knows as spelt: that reading stands ("Daraa" of "Daraa Syria")
                return end, (pid,)
        return ()

    def _city_named_near(self, norm: str, start: int, pid: str) -> bool:
        """A neighbourhood read by its consonants is its city's only where the text names that city (or its
        governorate) within ``_QUARTER_CITY_REACH`` characters: "Zubdiya neighbourhood in Aleppo" is
        Aleppo's Zebdiyeh, "al-Khalediya neighborhood in Aleppo" no quarter of Homs.  Other places stand."""
        p = self.gazetteer.places.get(pid)
        if p is None or p.feature != "neighbourhood":
            return True
        city = self.gazetteer.places.get(p.parent) if p.parent else None
        names = {normalize_term(n) for n in (city.names.get("en", ()) if city is not None else ())}
        if p.admin1:
            names.add(normalize_term(p.admin1))
        window = norm[max(0, start - _QUARTER_CITY_REACH):start + _QUARTER_CITY_REACH]
        return any(n and n in window for n in names)

    def _skeletons(self) -> dict[str, str]:
        """``consonant_skeleton`` of the English names of Syrian places -> the one place that has it (a
        skeleton two places share reads as neither).  Built on first use: only a capitalised name that no
        spelling of the gazetteer meets asks for it."""
        if self._skeleton_map is None:
            owners: dict[str, set[str]] = {}
            for p in self.gazetteer.places.values():
                if p.country != "SYR" or p.feature in ADMIN_FEATURES:
                    continue
                for name in p.names.get("en", ()):
                    sk = consonant_skeleton(latin_key(name))
                    if len(sk) >= _SKELETON_MIN:
                        owners.setdefault(sk, set()).add(p.id)
            self._set_skeletons({sk: next(iter(ids)) for sk, ids in owners.items() if len(ids) == 1})
        assert self._skeleton_map is not None
        return self._skeleton_map

    def _set_skeletons(self, skeletons: dict[str, str]) -> None:
        """Take the skeleton map (built, or read with the compiled automaton: building it reads every
        Syrian name, ~0.05 CPU-s a process) and the prefixes ``_may_begin_reading`` tests."""
        self._skeleton_map = skeletons
        self._skeleton_prefixes = frozenset(sk[:i] for sk in skeletons for i in range(1, len(sk) + 1))

    @staticmethod
    def _cue_before(rev: str, start: int) -> tuple[str | None, bool]:
        """The cue word among the (up to) two words in the 40 characters before ``start``, and whether it
        says "near".  Read right to left on the reversed text ``rev`` (see ``_reversed``)."""
        r = len(rev) - start
        words = _REV_TWO_WORDS.match(rev, r, r + 40)
        if words is None:
            return None, False
        # also the proclitic glued to the name itself (بريف is a word; "ب" before the name is not a cue)
        w1, w2 = words.groups()
        found = _REV_CUE_READING.get(w1)
        if found is None and w2 is not None and w1 not in _REV_CUE_BREAKS:
            found = _REV_CUE_READING_SECOND.get(w2)
        return _NO_CUE if found is None else found

    @staticmethod
    def _not_this_place(norm: str, rev: str, m: _Match, match_ends: set[int], persian: bool,
                        ctx: _BeforeContext) -> bool:
        """Whether an Arabic-script name is used as part of another name, so that it is not that place:
        a street or square named after a city (شارع بغداد، شارعي الثورة وبغداد، خیابان تهران), or the
        last word of a longer name the gazetteer does not know, right after a place-type cue (قرية عقارب
        الصافي is not Safi): an unknown word between the cue and the name (Arabic only: Persian puts
        adjectives there, منطقه اشغالی جولان)."""
        ws, w1, words = ctx
        if words is None:
            return False
        if w1 in _STREET_HEAD_WORDS or w1 in _THING_HEADS:
            return True
        w2 = words.group(2)
        if w2 is None:
            return False
        w2 = w2[::-1]
        if norm[ws:m.start] == "و" and w2 in _STREET_DUAL_FORMS:
            return True
        if persian or m.prefixed or not _may_start_a_name(w1) or (len(rev) - words.start(1)) in match_ends:
            return False
        cue = _CUE_OF.get(w2)
        return cue is not None and cue in PLACE_TYPE_CUES and cue not in PROVINCE_CUES \
            and not _article_form(w2, cue)

    @staticmethod
    def _cue_after(norm: str, end: int) -> str | None:
        """The cue word right after a name ("Homs province", "Hama countryside"), also after a compass
        adjective ("Hama southern countryside")."""
        m = _WORD.search(norm, end, end + 20)
        if m and m.group() in REGION_PART_CUES:
            m = _WORD.search(norm, m.end(), m.end() + 20)
        if m and m.group() in _POST_CUES:
            return m.group()
        return None

    @staticmethod
    def _in_organisation(norm: str, rev: str, m: _Match, arabic: bool, persian: bool,
                         name_ends: set[int], ctx: _BeforeContext | None = None) -> bool:
        """Whether the name is part of an organisation's or office's name (وزارة الخارجية الإيرانية is
        not, وزارت امور خارجه ایران / تیم ملی فوتبال ایران / University of Damascus are): English and
        Persian names (``ctx`` given); parse_roles tests an Arabic name itself, as Arabic names
        organisations by idafa right after the head (جامعة دمشق، منتخب الكويت) and a longer walk back
        would cross verbs (البنك الآسيوي للتنمية منح الصين): only the word right before counts.
        Persian: the walk back to the head stops at another name (ارتش پاکستان آزادی و الحاق کشمیر: the
        army is Pakistan's, Kashmir is no part of it)."""
        if m.prefixed:
            return False
        if not arabic:
            after = _WORD.search(norm, m.end, m.end + 20)
            if after and after.group() in EN_ORG_AFTER and norm[m.end:after.start()] == " ":
                return True
            r = len(rev) - m.start
            before = _REV_TWO_WORDS.match(rev, r, r + 30)  # the last two words in the 30 characters before
            return before is not None and before.group(1) == "fo" and before.group(2) is not None \
                and before.group(2)[::-1] in EN_ORG_BEFORE
        word = ctx[1]  # type: ignore[index]
        # Persian ezafe chains are long (وزارت امور خارجه ایران) and its verbs end the clause.
        pos = m.start
        n = len(norm)
        steps = 0
        # unit words and the "و" inside an office's name take no step of the window (at most 2*ORG_WINDOW
        # words are read)
        for i in range(2 * ORG_WINDOW):
            if steps == ORG_WINDOW:
                return False
            if i:
                before = _REV_WORD_BEFORE.match(rev, n - pos)
                if before is None:
                    return False  # start of text or punctuation
                word = before.group(1)[::-1]
                k = n - before.end()
            else:  # the word right before the name, as the caller read it (a bare name starts its word)
                before = ctx[2]  # type: ignore[index]
                if before is None or word is None:
                    return False
                k = n - before.end(1)
            kind = _fa_org_walk(word)
            if kind is _ORG_HEAD:
                return True
            if n - before.start(1) in name_ends:
                return False
            if kind is _ORG_INNER:
                # "اداره کل تعاون استان کرمان": the province word belongs to the office's name
                pos = k
                continue
            if kind is _ORG_AND:
                if pos == m.start:
                    return False  # "و" right before the name coordinates it with another (سازمان ملل و عراق)
                # "آموزش و پرورش استان گلستان", "صنایع و معادن اصفهان": an office's name joins two nouns
                pos = k
                continue
            if kind is _ORG_BREAK:
                return False
            pos = k
            steps += 1
        return False

    # --- resolving ----------------------------------------------------------------------------
    def _candidates(self, m: _Match, persian: bool) -> list[tuple[float, Place]]:
        """The name's candidates ranked without document context (cached), [] when none may be read."""
        ck = (m.key, m.cue, persian)
        ranked = self._ranked.get(ck)
        if ranked is not None:
            return ranked
        g = self.gazetteer
        cands = [g.places[i] for i in m.ids if i in g.places]
        if not persian:
            fa_only = g.fa_only.get(m.key, ())
            cands = [p for p in cands if p.id not in fa_only]
        if m.cue not in PLACE_TYPE_CUES:
            if m.key in self._stop:
                cands = []
            else:
                cue_only = g.cue_only.get(m.key, ())
                cands = [p for p in cands if not p.common and p.id not in cue_only]
        ranked = self._rank(m, cands)
        if len(self._ranked) > 100_000:
            self._ranked.clear()
        self._ranked[ck] = ranked
        return ranked

    def parse(self, raw: str, norm: str, lang: str = "und") -> list[tuple[_Match, Place]]:
        """The place mentions of a text: (match, resolved place), in text order."""
        return [(m, p) for m, p, role in self.parse_roles(raw, norm, lang) if role == "place"]

    def parse_roles(self, raw: str, norm: str, lang: str = "und", rev: str | None = None
                    ) -> list[tuple[_Match, Place, str]]:
        """(match, place, role) for every name read: role "place" for a location; the others name no
        location: "agent" for a country that speaks, acts or stands in a relation between states (the
        state as an actor), "org_part" for a name inside an organisation's or office's name (جامعة
        دمشق، سفارت اسرائیل), "team" for a country or city naming a side in a sports report, "attribute"
        for a country name used as an adjective (الديون السيادية السعودية), "topic" for a country a matter
        is about (Persian: بحران چچن، پرونده هسته‌ای ایران).  ``rev``: ``norm`` reversed,
        if the caller has it."""
        if rev is None:
            rev = norm[::-1]
        spans, sports_words, cue_ends = self._find_spans(raw, norm)
        if not spans:
            return []
        persian = lang == "fa" or (lang == "und" and any(c in raw for c in _PERSIAN_LETTERS))
        kept: list[tuple[_Match, list[tuple[float, Place]], str]] = []
        g = self.gazetteer
        match_ends = {span[2] for span in spans}
        needs_cue = self._needs_cue
        ranked_cache = self._ranked  # (_candidates' own cache, read here first: most names come again)
        two_words = _REV_TWO_WORDS.match
        cue_reading = _REV_CUE_READING.get
        cue_breaks = _REV_CUE_BREAKS
        cue_reading_second = _REV_CUE_READING_SECOND.get
        n_rev = len(rev)
        # a cue after the name is one of a few words: when none occurs in the text, no match has one
        # (first the cues' first letters, found or not at once: most texts have no Latin letter)
        post_cue_in_text = any(c in norm for c in _POST_CUE_FIRST_LETTERS) and any(w in norm for w in _POST_CUES)
        sports = _SportsContext(norm, sports_words)
        # where the names that may be read without a cue end (not خارجه in وزارت خارجه سوریه): a Persian
        # organisation's name does not reach back across one (see _in_organisation)
        name_ends = {end for _, _, end, key, ids, _ in spans if needs_cue.get(key) is not ids and key not in _NOT_NAMES} \
            if persian else match_ends
        stop = self._stop
        cue_only = g.cue_only
        not_names = _NOT_NAMES
        place_type_cues = PLACE_TYPE_CUES
        polity = AGENTS.polity
        forced: set[int] = set()  # ids of the Persian matches a place noun keeps places (see _fa_use)
        fa_weak_cues = FA_USES.weak_cues
        not_this_place = self._not_this_place
        key_traits = self._key_traits
        word_start = _word_start
        spaced_words = _REV_SPACED_WORDS.match
        name_part_heads = _NAME_PART_HEADS
        rev_name_part_second = _REV_NAME_PART_SECOND
        agreement_head_words = _AGREEMENT_HEAD_WORDS
        person_before = _PERSON_BEFORE_WORDS
        org_head_words = _ORG_HEAD_WORDS
        fa_word_use = _fa_word_use
        fa_adjectives = AGENTS.fa_adjectives
        for _, start, end, key, ids, prefixed in spans:
            if key in not_names:
                continue  # a cue word (مدينة، المنطقة) or its dual (قريتين) names no place of its own
            if persian and prefixed:
                continue  # Persian glues no proclitic to a name: باراک is Barak, not ب + اراک (Arak)
            # (Geoparser._cue_before, inlined: it reads the words before every match; only where a cue word
            # ends in the 40 characters before, or a word runs into the name, may it find one)
            r = n_rev - start
            words = two_words(rev, r, r + 40) if (i := bisect_right(cue_ends, start)) and cue_ends[i - 1] > start - 40 \
                or (start and ((c := norm[start - 1]).isalnum() or c == "_")) else None
            if words is None:
                cue, near = None, False
            else:
                w1, w2 = words.groups()
                found = cue_reading(w1)
                if found is None and w2 is not None and w1 not in cue_breaks:
                    found = cue_reading_second(w2)
                cue, near = _NO_CUE if found is None else found
            if cue is None and post_cue_in_text:
                after = self._cue_after(norm, end)
                if after:
                    cue = _post_cue_reading(rev, start, after)
                    near = after == "countryside"
            elif cue in REGION_PART_CUES and post_cue_in_text:
                near = self._cue_after(norm, end) == "countryside"  # "the northern Hama countryside"
            # (a name after a letter, or after spaces after one, heads no line: most are not asked)
            dateline = persian and cue is None and (
                start < 2 or (c1 := norm[start - 1]) == "\n"
                or (c1 in _LINE_SPACE and ((c2 := norm[start - 2]) in _LINE_SPACE or c2 == "\n"))) \
                and _fa_dateline(norm, start, end)
            if dateline:
                cue = _DATELINE_CUE  # "بوشهر ـ ایرنا :": the town the report is filed from
            elif persian and cue is None and key in stop and _fa_city_of_a_named_country(norm, rev, start, end, ids, g):
                cue, dateline = _DATELINE_CUE, True  # "در دوشنبه" in a report naming Tajikistan: the city
            if needs_cue.get(key) is ids and (cue not in place_type_cues or (persian and cue in fa_weak_cues)):
                continue  # no candidate without a place-type cue (see _names_needing_a_cue); منطقه عبور
            m = _Match(start, end, key, ids, cue, near, prefixed)
            arabic = key[0] >= "\u0600"
            if cue is not None and (key in stop or key in cue_only) and not dateline and not _direct_cue(rev, m, arabic):
                cue = m.cue = None  # an ordinary word needs its cue right before it (المنطقة، وأن is not Van)
            ranked = ranked_cache.get((key, cue, persian))
            if ranked is None:
                ranked = self._candidates(m, persian)
            if not ranked:
                continue
            # The role rules below are each asked only where they may say yes: a rule whose answer the name
            # alone (``_traits``), its proclitics or the word before it already settle as no is skipped,
            # and the words before the name are read once for all of them (as ``_before_context`` does).
            if arabic:
                ws = word_start(rev, start) if prefixed else start
                words = spaced_words(rev, n_rev - ws)
                if words is None:
                    w1 = m.before = None
                    ctx = (ws, None, None)
                else:
                    w1, w2 = words.groups()
                    w1 = m.before = w1[::-1]
                    ctx = (ws, w1, words)
                    if (w1 in name_part_heads or w2 in rev_name_part_second) \
                            and not_this_place(norm, rev, m, match_ends, persian, ctx):
                        continue
                traits = key_traits.get(key) or self._traits(key)
            else:
                ctx = w1 = None
                ws = start
                traits = _NO_TRAITS
                if _latin_name_tail(raw, norm, rev, m, match_ends):
                    continue
            top = ranked[0][1]
            feature = top.feature
            if feature != "country" and cue is None and (
                    (not prefixed and w1 in agreement_head_words) if arabic else _after_agreement_head(rev, m, ctx)):
                continue  # اتفاق الطائف، معاهده کیوتو: where an agreement was signed
            # Persian: the word before may say how the name is used (lang/fa/places.yaml); a place noun
            # before it keeps it a place whatever the rules below would make of it
            # (_fa_use reads the word before first: neither a use word nor an adjective says nothing)
            fa_use = _fa_use(rev, m, ctx) if persian and arabic and not prefixed and w1 is not None \
                and (fa_word_use(w1) is not None or w1 in fa_adjectives) and key not in polity else None
            if fa_use == "agent" and not (feature == "country" or (top.capital and cue is None)):
                fa_use = None  # (a town's acts are no state's)
            elif fa_use == "team" and (feature not in _TEAM_FEATURES or cue is not None):
                fa_use = None  # (مدافع منطقه X: a cue word makes it a place)
            role = "place"
            ar_text = arabic and not persian  # (an Arabic-script name in Arabic text)
            bare_ar = ar_text and cue is None
            if fa_use is not None:
                if fa_use in ("attribute", "topic") and feature != "country":
                    continue  # فرش کاشان, چاپ لندن, مسئله قدس: where a thing is from, what a matter is about
                if fa_use == "place":
                    forced.add(id(m))
                else:
                    role = fa_use
            elif bare_ar and prefixed and feature != "country" and (
                    _nisba_with_article(norm, m, ctx, g.by_name)
                    or _article_on_a_city_name(norm, m, ctx, ranked, g.by_name)):
                # والهندية، الزيتية: an adjective, no place.  (A country's, السورية, stays a place: the events
                # stage takes the country from it when a sentence names no place -- "قصف ... مواقع الوحدات
                # الكردية السورية" happened in Syria -- and reads no polity mention for locations.)  And
                # الأمان "safety" is not Amman, الحماة not Hama.
                continue
            elif bare_ar and traits[0] and _article_dropped(norm, m, ctx, ranked, g.by_name):
                continue  # قصير "short" is not al-Qusayr
            elif feature == "country" and (key in polity or (
                    _ar_agent_use(norm, start, end, ws, w1, prefixed) if ar_text
                    else _agent_use(norm, rev, m, arabic, persian, False, ctx))):
                role = "agent"
            elif persian and top.capital and cue is None and _agent_use(norm, rev, m, arabic, persian, True, ctx):
                # a capital for its government ("واشنگتن امیدوار است ... اعلام کرد", "روابط تهران و
                # واشنگتن"); Persian only: in Arabic a verb before a city is not so sure a subject (قصفت دمشق)
                role = "agent"
            elif feature not in ("neighbourhood", "landmark", "camp") and (
                    # (Arabic: only the word right before may be the organisation's head; _in_organisation)
                    (not prefixed and (w1 in org_head_words or (
                        # (else an opening quote mark before it, or a space and a tail word's first letter after)
                        ((w1 is None and start and norm[start - 1] in _QUOTE_MARKS)
                         or (norm.startswith(" ", end) and norm[end + 1:end + 2] in _AR_ORG_TAIL_FIRST_LETTERS))
                        and _in_arabic_organisation(norm, rev, m, ctx)))) if ar_text
                    else (not prefixed and (w1 is not None or not arabic)
                          and self._in_organisation(norm, rev, m, arabic, persian, name_ends, ctx))):
                role = "org_part"
            elif arabic and cue is None and not prefixed \
                    and (traits[2] or (w1 is not None and (w1 in person_before or w1.startswith(("ال", "وال"))))) \
                    and _person_name_use(norm, rev, m, top, persian, ctx):
                continue
            elif bare_ar and traits[1] and not prefixed and _adjective_use(rev, m, match_ends, ctx):
                if feature != "country":
                    continue  # المدى القصير, البيت الأبيض: an adjective, no place
                role = "attribute"  # الديون السيادية السعودية: of the state, not where
            elif bare_ar and feature != "country" and w1 in _DEMONSTRATIVES and (
                    (key.startswith("ال") and not prefixed) or norm[ws:start] == "ال"):
                continue  # هذا الباب، هذا المشهد: a demonstrative points at a common noun, not a town
            if role == "place" and cue is None and sports_words and feature in _TEAM_FEATURES and fa_use is None \
                    and sports.in_sports_sentence(m.start) and _may_be_team(norm, rev, m, ctx):
                role = "team"
            if ar_text and role == "place" and len(ranked) > 1 and norm.startswith(" ال", end):
                ranked = _in_country_named_after(norm, m, ranked, g)  # سوسة التونسية is Tunisia's
            kept.append((m, ranked, role))
        if not kept:
            return []
        if persian:
            _country_after_its_place(norm, kept, forced)
            if forced:
                _places_listed_after_a_place_noun(norm, kept, forced)
        _share_roles_in_lists(norm, kept, persian, forced)
        frequent = _FREQUENT_NAMES_FA if persian else _FREQUENT_NAMES
        # (one pass) the small foreign towns, (Arabic) the bare neighbourhood names that need their town's area
        # named in the text, and whether a frequent word is among the names (see _supported)
        minor: set[int] = set()
        quarters: set[int] = set()
        has_frequent = False
        for m, ranked, role in kept:
            if not has_frequent and m.key in frequent:
                has_frequent = True
            if role != "place":
                continue
            p = ranked[0][1]
            if p.country != "SYR" and p.population < MINOR_FOREIGN_POP and p.feature in _MINOR_FEATURES \
                    and _minor_foreign(ranked):
                minor.add(id(m))
            if not persian and m.cue is None and p.feature == "neighbourhood" and " " not in m.key \
                    and m.key[0] >= "\u0600" and all(q.feature == "neighbourhood" for _, q in ranked):
                quarters.add(id(m))
            elif p.feature == "neighbourhood" and all(q.feature == "neighbourhood" and q.imported for _, q in ranked):
                # an imported table lists every quarter of every city, most named like ordinary words or like
                # quarters elsewhere (OCHA's al-Mahatta "the station" of Tartous, al-Qalaa "the castle" of
                # Lattakia): read only with its town or province in the text, in any language, cue or not
                quarters.add(id(m))
        if minor or quarters or has_frequent:
            kept = _supported(norm, rev, kept, minor, frequent, quarters)
        places = [(m, ranked) for m, ranked, role in kept if role == "place"]
        # the document's country evidence -- its names with one reading -- weighs every reading of the
        # others before anchors are chosen: a namesake's lead from the Syria prior or a larger population
        # must not decide in a report about Yemen or Libya (bare الجوف is Yemen's, not the Libyan town)
        # (only names whose readings lie in different countries: for the others the order stays)
        multi_country = [(m, ranked) for m, ranked in places if len(ranked) > 1
                         and any(p.country != ranked[0][1].country for _, p in ranked)]
        if multi_country:
            shares = _country_shares([ranked[0][1] for m, ranked in places if len(ranked) == 1])
            if shares:
                reranked = {id(m): _with_country_evidence(ranked, shares) for m, ranked in multi_country}
                places = [(m, reranked.get(id(m), ranked)) for m, ranked in places]
                kept = [(m, reranked.get(id(m), ranked), role) for m, ranked, role in kept]
        # anchors: the unambiguous (or clearly leading) readings, with their text positions
        anchors: dict[str, tuple[Place, list[int]]] = {}
        for m, ranked in places:
            if len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= 2.0:
                p = ranked[0][1]
                entry = anchors.get(p.id)
                if entry is None:
                    anchors[p.id] = (p, [m.start])
                else:
                    entry[1].append(m.start)
        # each ambiguous name (key + cue) is resolved once, against the anchors nearest its occurrences
        # (with the readings of the group's first occurrence)
        groups: dict[tuple[str, str | None], tuple[list[tuple[float, Place]], list[int]]] = {}
        for m, ranked in places:
            if len(ranked) > 1:
                gk = (m.key, m.cue)
                group = groups.get(gk)
                if group is None:
                    groups[gk] = (ranked, [m.start])
                else:
                    group[1].append(m.start)
        resolved: dict[tuple[str, str | None], Place] = {}
        named = _named_countries(kept) if groups else _NO_COUNTRIES
        # a reading with no parent has support only from the anchors in its country (see _pair_bonus):
        # only those are tried (in the same order)
        by_country: dict[str | None, dict[str, tuple[Place, list[int]]]] = {}
        if groups:
            for aid, entry in anchors.items():
                by_country.setdefault(entry[0].country, {})[aid] = entry
        for gk, (ranked, positions) in groups.items():
            best_p, best_s, best_support = ranked[0][1], -math.inf, 0.0
            for base, p in ranked:
                if p.parent:
                    support = self._context(positions, p, anchors)
                else:
                    same_country = by_country.get(p.country)
                    support = 0.0 if same_country is None else self._context(positions, p, same_country)
                if base + support > best_s:
                    best_p, best_s, best_support = p, base + support, support
            if best_support == 0.0 and gk[1] is None and best_p.feature in _SYRIAN_LOCAL_FEATURES \
                    and best_p.country == "SYR":
                best_p = _big_city_elsewhere(ranked) or best_p
            if best_p.country == "SYR" and "SYR" not in named:
                best_p = next((p for _, p in ranked if p.country in named), best_p)
            resolved[gk] = best_p
        out: list[tuple[_Match, Place, str]] = []
        for m, ranked, role in kept:
            if role != "place" or len(ranked) == 1:
                out.append((m, ranked[0][1], role))
            else:
                out.append((m, resolved[(m.key, m.cue)], role))
        if persian and self.country_reading != "current":
            _state_readings(norm, rev, out, forced, self.country_reading)
        return out

    def _rank(self, m: _Match, cands: list[Place]) -> list[tuple[float, Place]]:
        scored = [(self._score(m, p), p) for p in cands]
        scored.sort(key=lambda t: -t[0])
        return scored

    def _score(self, m: _Match, p: Place) -> float:
        """Context-free score of reading ``m`` as ``p``: region prior, feature, population, cue word.

        The population prior is a settlement's: an admin unit's population is its area's (an imported
        OpenSyria subdistrict counts every village of it, three times its seat town), no sign that a name is
        the unit rather than its seat, so units go without it (the built-in ones carry none)."""
        s = math.log10((0 if p.feature in _UNIT_FEATURES else p.population) + 10) * 0.4
        if p.country == "SYR":
            s += 2.5
        elif p.country in NEIGHBOURS:
            s += 1.0
        if p.feature in ("country", "region"):
            s += 2.0
        elif p.capital:
            s += 1.0
        cue = m.cue
        if cue in _PROVINCE_READING_CUES:
            s += 6.0 if p.feature == "admin1" else 0.0
        elif cue == _DISTRICT_AFTER:
            s += 3.0 if p.feature in ("admin2", "admin3") else 0.0
        elif cue in CITY_CUES or cue in POST_CITY_CUES:
            s += 3.0 if p.feature in _SETTLEMENT_FEATURES else 0.0
        elif cue in NEIGHBOURHOOD_CUES:
            s += 3.0 if p.feature in ("neighbourhood", "camp", "landmark") else 0.0
        elif cue in CAMP_CUES:
            s += 3.0 if p.feature == "camp" else 0.0
        if p.feature in _UNIT_FEATURES and cue is None:
            # a bare "Homs" is the city; the governorate needs a cue
            s -= 1.5 if p.feature == "admin1" else 2.5
        return s

    def _context(self, positions: list[int], p: Place, anchors: dict[str, tuple[Place, list[int]]]) -> float:
        """Support for reading ``p`` from the other places of the document, strongest for the nearest:
        the best of bonus x (0.4 + 0.6 x closeness) over the anchors.  Closeness is below 1, so the anchors
        are tried by falling bonus, and once a bonus is no more than the best support the rest cannot
        beat it (the text distances, the costly part, are measured for few anchors)."""
        pid = p.id
        row = self._pair_rows.get(pid)
        if row is None:
            row = self._pair_row(pid)
        bonuses: list[tuple[float, list[int]]] = []
        for aid, (a, apos) in anchors.items():
            if aid == pid:
                continue
            bonus = row.get(aid)
            if bonus is None:
                bonus = self._pair_bonus(p, a)
            if bonus > 0.0:
                bonuses.append((bonus, apos))
        if not bonuses:
            return 0.0
        if len(bonuses) > 1:
            bonuses.sort(key=_FIRST, reverse=True)
        best = 0.0
        for bonus, apos in bonuses:
            if bonus <= best:
                break  # it cannot beat the best: closeness is below 1, so the support < bonus
            dist = _nearest_distance(positions, apos)
            if dist is None:
                continue
            closeness = 1.0 / (1.0 + dist / 300.0)  # 1 next to it, ~0.2 a page away
            best = max(best, bonus * (0.4 + 0.6 * closeness))
        return best

    def _pair_row(self, pid: str) -> dict[str, float]:
        """The cached pair bonuses of place ``pid`` (anchor id -> bonus), made empty on first use."""
        if self._pair_count > 200_000:
            self._pair_rows.clear()
            self._pair_count = 0
        row = self._pair_rows[pid] = {}
        return row

    def _pair_bonus(self, p: Place, a: Place) -> float:
        row = self._pair_rows.get(p.id)
        if row is None:
            row = self._pair_row(p.id)
        cached = row.get(a.id)
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
        row[a.id] = bonus
        self._pair_count += 1
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
        out: list[Mention] = []
        text = doc.text
        norm_text = norm.text
        starts, ends = norm.starts, norm.ends
        identity = starts is None or ends is None
        sentence_of = _sentence_finder(doc)
        no_sentences = sentence_of is _no_sentence
        doc_lang = doc.lang
        attrs_cache = self._attrs
        area_features = _AREA_FEATURES
        mention = Mention
        rev = norm_text[::-1]
        for m, place, role in self.parse_roles(text, norm_text, doc_lang, rev):
            # (NormalizedText.to_raw of a non-empty span inside the text)
            rs, re_ = (m.start, m.end) if identity else (starts[m.start], ends[m.end - 1])  # type: ignore[index]
            sent = None if no_sentences else sentence_of(rs)
            if sent is None:
                sent_index, lang = None, doc_lang
            else:
                sent_index, lang = sent.index, sent.lang
            if role != "place" and role != "state":
                if place.feature != "country":
                    continue  # a town in an organisation's or a club's name: neither a where nor a state
                out.append(Mention(rs, re_, text[rs:re_], "polity", place.id, sent_index, lang, "places",
                                   {"name": place.name, "country": place.country, "role": role}))
                continue
            near = m.near
            if not near and place.feature not in area_features and _reference_before(norm_text, m.start, rev):
                near = m.near = m.reference = True  # "30 km west of X": near X, not in it
            elif not near and place.feature in _SETTLEMENT_FEATURES and _area_after(norm_text, rev, m.start, m.end):
                near = True  # "in the Atareb area", "Tall Refaat sub-district": around the town
            pid = place.id
            attrs = attrs_cache.get((pid, near))
            if attrs is None:
                attrs = make_place_ref(place, "", geo_precision_for(place, near=near)).to_dict()
                for k in ("start", "end", "text"):
                    attrs.pop(k, None)
                attrs_cache[(pid, near)] = attrs
            attrs = {**attrs, "reference": True} if m.reference else attrs.copy()
            if role == "state":
                attrs["role"] = "state"  # the state acting, kept as a place for the events stage (_state_readings)
            out.append(mention(rs, re_, text[rs:re_], "place", pid, sent_index, lang, "places", attrs))
        return out

    def __call__(self, doc: Document) -> None:
        doc.mentions = [m for m in doc.mentions if m.kind not in ("place", "polity")] + self.mentions(doc)
        doc.mentions.sort(key=lambda m: (m.start, m.end))


def _sentence_finder(doc: Document) -> Callable[[int], Sentence | None]:
    """``doc.sentence_at``, by bisection over the sentence starts when the sentences are in order and do
    not overlap (as the splitter makes them; else ``doc.sentence_at`` itself)."""
    sents = doc.sentences
    if not sents:
        return _no_sentence
    sent_starts = [s.start for s in sents]
    if any(a.end > b.start for a, b in zip(sents, sents[1:], strict=False)):
        return doc.sentence_at

    def sentence_at(offset: int) -> Sentence | None:
        i = bisect_right(sent_starts, offset) - 1
        if i >= 0:
            s = sents[i]
            if offset < s.end:
                return s
        return None

    return sentence_at


def _no_sentence(offset: int) -> None:
    return None


def _word_before(rev: str, pos: int) -> str | None:
    """The word right before ``pos`` (across spaces only), or None at punctuation or the text start;
    read on the reversed text ``rev``."""
    before = _REV_WORD_BEFORE.match(rev, len(rev) - pos)
    return None if before is None else before.group(1)[::-1]


def _words_after(norm: str, pos: int, n: int) -> list[str]:
    """Up to ``n`` words after ``pos``, stopping at the first punctuation mark: the words of the text's
    tokens (``_WORD_OR_PUNCT``, whitespace skipped) before the first one that does not start with a word
    character, within the next 16 * ``n`` characters -- read as one run of words (``_WORD_RUN``)."""
    run = _WORD_RUN.match(norm, pos, min(len(norm), pos + 16 * n))
    return [] if run is None else run.group(1).split()[:n]


_WORD_OR_PUNCT = re.compile(r"[\w\u200c]+|[^\w\s]")
#: The words at a position up to the first token that starts with no word character (a mark, or a
#: zero-width non-joiner after a space): words (with their non-joiners) are separated by whitespace only.
_WORD_RUN = re.compile(r"\s*(\w[\w\u200c]*(?:\s+\w[\w\u200c]*)*)")


def _agent_use(norm: str, rev: str, m: _Match, arabic: bool, persian: bool, capital: bool = False,
               ctx: _BeforeContext | None = None) -> bool:
    """Whether a country name is used as an agent: the subject of a speech or action verb, or a party to
    a relation between states (see data/agents.yaml).  A locative preposition before it, attached
    (بإيران، لسوريا) or not (در ایران، in Iran), makes it a location.  ``capital``: the name is a
    capital's, for which the relation words that also relate places (میان دمشق و ..., با تهران) say
    nothing.  ``ctx``: the words before the name as ``_before_context`` reads them (Arabic script)."""
    if ctx is None:
        word_start = _word_start(rev, m.start)
        if m.prefixed and norm[word_start:m.start] not in ("و", "ف"):
            return False
        before = _word_before(rev, word_start)
    else:
        word_start, before, _ = ctx
        if arabic and not persian and not capital:
            return _ar_agent_use(norm, m.start, m.end, word_start, before, m.prefixed)
        if m.prefixed and norm[word_start:m.start] not in ("و", "ف"):
            return False
    if persian:
        # over up to two adjectives of the ezafe chain to the noun they describe (نیروهای نظامی آمریکا)
        *_, (_, before) = _fa_ezafe_chain(rev, word_start, before)
    if before is not None and not (capital and before in AGENTS.place_relations):
        verdict = _agent_verdict_before(before, "fa" if persian else "ar" if arabic else "en")
        if verdict is not None:
            return verdict
    if not arabic:
        after = _words_after(norm, m.end, 3)
        while after and after[0] in AGENTS.en_aux:
            after.pop(0)
        return bool(after) and after[0] in AGENTS.en_after
    if not persian:
        first = _WORD_OR_PUNCT.search(norm, m.end, min(len(norm), m.end + 16))
        return first is not None and first.group() in _AR_AGENT_AFTER_WORDS
    # the subject of a clause: at a sentence start (or after ":" "؛", or a conjunction opening a clause:
    # "اما ژاپن ..."), the verb may come after its complements ("آمریکا با اعلام آمادگی برای ... ", "ژاپن از
    # آن استقبال کرده")
    # (a capital only after such a conjunction: a line it opens is more often a dateline, "تهران ـ ایرنا :")
    clause_start = (not capital and _clause_start(norm, word_start)) if before is None \
        else before in FA_USES.clause_openers
    classes = _FA_AFTER_CLASSES
    for w in _words_after(norm, m.end, 12 if clause_start else 4):
        k = classes.get(w)
        if k:
            return True  # (an agent verb)
        if k is not None and not clause_start:
            return False  # (a phrase break)
    return False


def _ar_agent_use(norm: str, start: int, end: int, word_start: int, before: str | None, prefixed: bool) -> bool:
    """``_agent_use`` of an Arabic country name (not a capital's) in Arabic text, from what parse_roles has
    read before it: ``word_start`` (the start of the word the name is in), ``before`` (the word before that
    word)."""
    if prefixed and norm[word_start:start] not in ("و", "ف"):
        return False
    if before is not None:
        verdict = _agent_verdict_before(before, "ar")
        if verdict is not None:
            return verdict
    first = _WORD_OR_PUNCT.search(norm, end, min(len(norm), end + 16))
    return first is not None and first.group() in _AR_AGENT_AFTER_WORDS


def _clause_start(norm: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence or a clause after ":" or "؛" (not after "،": lists of places)."""
    i = pos - 1
    while i >= 0 and norm[i].isspace():
        i -= 1
    return i < 0 or norm[i] in ".:؛!?؟\n"  # (not a quote mark: «ادلب» سوریه)


@lru_cache(maxsize=65536)
def _agent_verdict_before(before: str, lang: str) -> bool | None:
    """What the word before a country name says (``_agent_use``): False after a locative preposition,
    True after a relation word (or, in Arabic, an agent word), None when it says nothing."""
    forms = _cue_forms(before)
    if before in LOCATIVE_BEFORE or any(f in LOCATIVE_BEFORE for f in forms[1:]):
        return False
    if lang == "fa":
        forms = (*forms, _fa_singular(before))  # همکاریهای ایران, مقامهای انگلیس
    if any(f in AGENTS.relation.get(lang, frozenset()) for f in forms):
        return True
    if lang == "ar" and any(f in AGENTS.ar_before for f in forms):
        return True
    return None


@lru_cache(maxsize=65536)
def _is_ar_agent_after(word: str) -> bool:
    return any(f in AGENTS.ar_after for f in _cue_forms(word))


#: A Persian word after a country name -> True for an agent verb (``AGENTS.fa_after``), False for a
#: phrase break (``PHRASE_BREAKS``) that is none: what the walk of ``_agent_use`` makes of it.
_FA_AFTER_CLASSES: dict[str, bool] = {**dict.fromkeys(PHRASE_BREAKS, False), **dict.fromkeys(AGENTS.fa_after, True)}


#: Features whose "north of X" is a part of X ("شمال العراق", "شمال محافظة حلب"), not a reference point.
_AREA_FEATURES = frozenset({"country", "region", *ADMIN_FEATURES})
#: Admin units proper (not countries or regions): no population prior (``Geoparser._score``).
_UNIT_FEATURES = frozenset({"admin1", "admin2", "admin3"})
#: Cues that make a name its province (``Geoparser._score``): "محافظة X", "X province", "ريف X", "northern X".
_PROVINCE_READING_CUES = PROVINCE_CUES | POST_PROVINCE_CUES | REGION_NEAR_CUES | REGION_PART_CUES


_REFERENCE_WORDS = REFERENCE_DIRECTIONS | REFERENCE_UNITS | REFERENCE_LINKS
#: On the reversed text: the rest of the token a position is in (a glued proclitic, or nothing after a
#: space), then the whitespace-separated token before it.
_REV_LAST_TOKEN = re.compile(r"\S*\s+(\S+)")
_STRIP = "\"'«»()[]{}.,،:;!?؛-–—"


_SETTLEMENT_FEATURES = frozenset({"city", "town", "village"})
#: The word right after a name (a hyphenated word whole: "sub-district").
_AREA_WORD_AFTER = re.compile(r" ([a-z]+(?:-[a-z]+)?)")


def _area_after(norm: str, rev: str, start: int, end: int) -> bool:
    """Whether the word right after the name at ``start``-``end`` makes it the area around the town
    (``area_after_town``: "the Atareb area", "Afrin sub-district", "the Menbij frontline"); English.  Not
    after an indefinite article: "a Homs district" is a quarter of the city."""
    word = _AREA_WORD_AFTER.match(norm, end, end + 30)
    return word is not None and word.group(1) in AREA_AFTER_TOWN and not _after_indefinite_article(rev, start)


def _reference_before(norm: str, start: int, rev: str) -> bool:
    """Is the name starting at ``start`` a reference point: "30 km west of X", "north of X", "على بعد 30
    كيلومترا من X", "شمال غرب العاصمة X", "۳۰ کیلومتری X"?  See geoparse_words.yaml.  Read on the
    whitespace-separated words before it (a proclitic glued to the name is not one of them), within the
    60 characters before it.  ``rev``: ``norm`` reversed."""
    # most names follow no reference word: decided on the last word alone when it is none and no skip word
    # (the whitespace-separated token before the one the name is in or starts), read backwards
    r = len(rev) - start
    token = _REV_LAST_TOKEN.match(rev, r, r + 60)
    if token is None:
        return False
    last = token.group(1)[::-1].strip(_STRIP)
    if last and last not in _REFERENCE_WORDS and last not in REFERENCE_SKIP:
        return False
    seg = norm[max(0, start - 60):start]
    tokens = seg.split()
    if not seg[-1].isspace() and tokens:
        tokens.pop()  # the proclitic glued to the name (لبغداد) or a partial word
    words = [t.strip(_STRIP) for t in tokens[-5:]]
    words = [w for w in words if w and w not in REFERENCE_SKIP]
    if not words or words[-1] not in _REFERENCE_WORDS:
        return False
    last = words[-1]
    if last in REFERENCE_DIRECTIONS:
        return not ("a" <= last[0] <= "z")  # "شمال X" is north of X; English "west X" is a part of X
    if last in REFERENCE_UNITS:
        return not ("a" <= last[0] <= "z")  # Persian "کیلومتری X"; English needs "from"/"of"
    if last in REFERENCE_LINKS and len(words) >= 2:
        prev = words[-2]
        return prev in REFERENCE_UNITS or (prev in REFERENCE_DIRECTIONS and last in DIRECTION_LINKS)
    return False


def _word_start(rev: str, pos: int) -> int:
    """Where the word that ``pos`` is in (or right after) starts; read on the reversed text ``rev``."""
    n = len(rev)
    return n - _REV_WORD_CHARS.match(rev, n - pos).end()


#: (start of the word the name is in, the word before it, the match of up to two words before it).
_BeforeContext = tuple[int, "str | None", "re.Match[str] | None"]


def _before_context(rev: str, m: _Match) -> _BeforeContext:
    """What the role rules read before an Arabic-script name, read once per match: where the word the name
    is in starts (before its proclitics), the word right before that word (across spaces only: None at
    punctuation or the text start; ``_word_before`` at the word start), and the ``_REV_SPACED_WORDS``
    match of up to two words there.  A bare name starts its word (``find_with_sports`` takes it only after
    a non-word character), so for it the word before the word is the word before the name."""
    ws = _word_start(rev, m.start) if m.prefixed else m.start
    words = _REV_SPACED_WORDS.match(rev, len(rev) - ws)
    return ws, None if words is None else words.group(1)[::-1], words


def _dateline_cue() -> str:
    """The place-type cue a Persian dateline's name takes (lang/fa/places.yaml ``dateline_cue``): a town."""
    from rasad.lang import LanguageDataError, word_list

    words = word_list("fa", "places.yaml", "dateline_cue")
    if len(words) != 1 or words[0] not in CITY_CUES:
        raise LanguageDataError("fa/places.yaml: dateline_cue must be one word of geoparse_words.yaml city_cues,"
                                f" not {list(words)!r}")
    return words[0]


#: What a dateline says of the name heading it: a town.
_DATELINE_CUE = _dateline_cue()
#: After a dateline's name: a dash (normalization drops the tatweel "ـ"), then the credit's first word.
_DATELINE_AFTER = re.compile(r"[ \t]*[-–—]?[ \t]*(\w+)")


#: The characters ``_fa_dateline`` skips back over to a line start.
_LINE_SPACE = frozenset(" \t\r\u200c")


def _fa_dateline(norm: str, start: int, end: int) -> bool:
    """Whether the name at ``start``-``end`` heads a Persian dateline: it opens a line, and the credit of a
    news agency or correspondent follows it (lang/fa/places.yaml dateline_credits)."""
    i = start - 1
    while i >= 0 and norm[i] in _LINE_SPACE:
        i -= 1
    if i >= 0 and norm[i] != "\n":
        return False  # (most names: not at a line start)
    after = _DATELINE_AFTER.match(norm, end)
    return after is not None and after.group(1) in FA_USES.dateline_credits


def _fa_city_of_a_named_country(norm: str, rev: str, start: int, end: int, ids: tuple[str, ...],
                                g: Gazetteer) -> bool:
    """Whether a Persian city name that is also an everyday word (stopwords.yaml: دوشنبه Dushanbe / "Monday")
    is the city (a capital or a city of BIG_CITY_POP): a locative preposition right before it (در، به، از), no
    time word or number right after it (lang/fa/places.yaml time_words_after: "در دوشنبه گذشته" is a day), and
    the city's country named in the text (تاجیکستان).  The weekday is "روز دوشنبه" or a bare "دوشنبه"; "در دوشنبه" with Tajikistan named is
    the capital."""
    before = _word_before(rev, start)
    if before is None or before not in LOCATIVE_BEFORE:
        return False
    after = _words_after(norm, end, 1)
    if after and (after[0] in FA_USES.time_words_after or after[0][0].isdigit()):
        return False
    for pid in ids:
        p = g.places.get(pid)
        if p is None or p.feature != "city" or p.country is None or not (p.capital or p.population >= BIG_CITY_POP):
            continue  # (a prominent city only: ولایت "province" also spells a small Iranian town)
        country = g.places.get(f"cc:{p.country}")
        if country is not None and any(k and k in norm for k in _country_keys(country)):
            return True
    return False


def _country_keys(country: Place) -> tuple[str, ...]:
    """A country's Persian and Arabic names, normalized (as the text is)."""
    return tuple(normalize_term(n) for lang in ("fa", "ar") for n in country.names.get(lang, ()))


def _fa_use(rev: str, m: _Match, ctx: _BeforeContext) -> str | None:
    """How the Persian word before a name -- over up to two adjectives of the ezafe chain (نفوذ نظامی
    آمریکا) -- says the name is used (lang/fa/places.yaml): "place" after a place noun (پایتخت قطر، عازم
    دانمارک), "attribute" after the head of a product, currency or publication (فرش ایران، چاپ لندن),
    "agent" after a noun of a state's acts or holdings (نفوذ آمریکا، استقلال ایران), "team" after a
    player or move of a side in a game (مدافع اتریش، تعویض ایران), "topic" after a noun of a matter
    (بحران چچن، آینده عراق); None otherwise."""
    for pos, before in _fa_ezafe_chain(rev, ctx[0], ctx[1]):
        if before is None:
            return None
        use = _fa_word_use(before)
        if use == "place":
            # not a place noun inside an office's name (وزیر کشور لبنان: the interior minister's)
            head = _word_before(rev, pos - 1 - len(before)) if pos > len(before) else None
            return None if head is not None and _fa_org_walk(head) is _ORG_HEAD else use
        if use is not None:
            return use
    return None


def _fa_ezafe_chain(rev: str, pos: int, before: str | None) -> Iterator[tuple[int, str | None]]:
    """The word ``before`` a Persian name (whose word starts at ``pos``) and, while the last word given is
    one of agents.yaml ``fa_ezafe_adjectives``, the words before it, up to two adjectives back (نفوذ نظامی
    آمریکا: نظامی, then نفوذ), each with the start of the word after it; None for the text start or
    punctuation, which ends the chain."""
    for _ in range(2):
        yield pos, before
        if before is None or before not in AGENTS.fa_adjectives:
            return
        pos = _word_start(rev, pos - 1 - len(before)) if pos > len(before) else 0
        before = _word_before(rev, pos)
    yield pos, before


@lru_cache(maxsize=65536)
def _fa_word_use(word: str) -> str | None:
    """``_fa_use``'s reading of one word (also a plural, through its singular)."""
    forms = (word, _fa_singular(word))
    if any(f in FA_USES.place_nouns for f in forms):
        return "place"
    if any(f in FA_USES.attribute_heads for f in forms):
        return "attribute"
    if any(f in FA_USES.state_nouns for f in forms):
        return "agent"
    if any(f in FA_USES.team_nouns for f in forms):
        return "team"
    if any(f in FA_USES.topic_nouns for f in forms):
        return "topic"
    return None


def _country_after_its_place(norm: str, kept: list[tuple[_Match, list[tuple[float, Place]], str]],
                             forced: set[int]) -> None:
    """A Persian country name right after a place of that country (only spaces between: "استکهلم سوئد",
    "دوحه قطر") says where the place is: a place itself, never the state or a team, and kept so
    (``forced``).  After a town that is part of an organisation's name it is part of that name too
    ("باشگاه ناپل ایتالیا", "شرکت دالیان چین": the walk back from the country stops at the town)."""
    for j in range(1, len(kept)):
        m, ranked, role = kept[j]
        top = ranked[0][1]
        if top.feature != "country":
            continue
        pm, pranked, prole = kept[j - 1]
        prev = pranked[0][1]
        if prole in ("place", "org_part") and prev.feature != "country" and prev.country == top.country \
                and pm.end < m.start and norm[pm.end:m.start].isspace():
            kept[j] = (m, ranked, prole)
            if prole == "place":
                forced.add(id(m))


def _places_listed_after_a_place_noun(norm: str, kept: list[tuple[_Match, list[tuple[float, Place]], str]],
                                      forced: set[int]) -> None:
    """The names listed after a Persian place noun are places like the first ("استانهای گیلان و مازندران",
    "شهرهای اسفراین ، بجنورد و جاجرم"): every name coordinated with a name in ``forced`` (ids of the matches a
    place noun keeps places) joins it, whatever its feature (``_share_roles_in_lists`` joins states)."""
    for j in range(len(kept) - 1):
        m, _, _ = kept[j]
        nm, nranked, nrole = kept[j + 1]
        if id(m) in forced and m.end < nm.start and _COORDINATION.match(norm[m.end:nm.start]):
            kept[j + 1] = (nm, nranked, "place")
            forced.add(id(nm))


def _state_readings(norm: str, rev: str, out: list[tuple[_Match, Place, str]], forced: set[int],
                    reading: str) -> None:
    """Role "state" for the Persian country and capital names of ``out`` read as places that name the state
    acting or holding something rather than where anything happens: after one of lang/fa/places.yaml
    ``state_heads`` (over up to two ezafe adjectives: رئیس‌جمهور آمریکا، ارتش منظم ترکیه); with ``reading``
    "bare", also every such name not in a locative context (``_fa_locative``) that is no ezafe complement of
    another noun -- the subject or object of a verb, after punctuation or a function word (PHRASE_BREAKS):
    "آمریکا ... را تهدید می‌کند", "که ایران ..." (مردم ایران، اقتصاد ایران stay places); with "strict", every
    such name not in a locative context.  ACLED codes a state so used as an actor.
    The mention stays a place mention (flagged ``role: state``): its country still anchors other names and
    is still the fallback location of an event that names nothing finer.  Coordinated places share a
    reading: a locative one, or one that is no country or capital read bare (a town, a name after a place
    noun or cue), keeps them all places ("در ایران، عراق و سوریه", "لندن، پاریس و برلین")."""
    j, n = 0, len(out)
    while j < n:
        m, p, role = out[j]
        if role != "place" or m.cue is not None or id(m) in forced or not (p.feature == "country" or p.capital):
            j += 1  # (most names: no country or capital read bare)
            continue
        # the run of places coordinated with it (only a comma or "and" between); a place before it in the
        # run is none of these (the run would have been read from there)
        first = j
        if j and out[j - 1][2] == "place" and _COORDINATION.match(norm[out[j - 1][0].end:m.start]):
            first = -1
        k = j
        while k + 1 < n and out[k + 1][2] == "place" and _COORDINATION.match(norm[out[k][0].end:out[k + 1][0].start]):
            k += 1
        j = k + 1
        run = range(first, k + 1)
        if first < 0 or any(om.cue is not None or id(om) in forced or not (op.feature == "country" or op.capital)
                            or _fa_locative(rev, om) for om, op, _ in (out[x] for x in run)):
            continue
        if reading == "strict" or any(_after_state_head(rev, out[x][0]) for x in run) or (
                reading == "bare" and _bare_name(rev, out[first][0])):
            for x in run:
                om, op, _ = out[x]
                out[x] = (om, op, "state")


def _bare_name(rev: str, m: _Match) -> bool:
    """Whether a Persian name heads its own noun phrase: punctuation, the text start or a function word
    (PHRASE_BREAKS: و، که، را، با ...) before it, not a noun it would be the ezafe complement of."""
    before = _word_before(rev, m.start)
    return before is None or before in PHRASE_BREAKS


def _after_state_head(rev: str, m: _Match) -> bool:
    """Whether a Persian name follows one of lang/fa/places.yaml ``state_heads``, over up to two ezafe
    adjectives (an office or organ of the state: نخست‌وزیر هند، ارتش ترکیه، انتخابات ریاست‌جمهوری آمریکا)."""
    for _, before in _fa_ezafe_chain(rev, m.start, _word_before(rev, m.start)):
        if before is not None and (before in FA_USES.state_heads or _fa_singular(before) in FA_USES.state_heads):
            return True
    return False


def _fa_locative(rev: str, m: _Match) -> bool:
    """Whether the words before a Persian name make it the place of something: a locative preposition
    (در، به، از، تا، نزد) or a compass direction (شمال لندن) right before it, or -- over up to two ezafe
    adjectives -- a place noun of lang/fa/places.yaml (مقیم اتریش) or a head of ``locative_extra``: an
    event that happens there or a facility it locates (جنگ ویتنام، پایگاههای نظامی سوریه)."""
    before = m.before if m.before is not _UNSEEN else _word_before(rev, m.start)
    if before is None:
        return False
    if _fa_locative_word(before, True):
        return True
    if before not in AGENTS.fa_adjectives:
        return False
    return any(word is not None and _fa_locative_word(word, False)
               for _, word in _fa_ezafe_chain(rev, m.start, before))


@lru_cache(maxsize=65536)
def _fa_locative_word(word: str, right_before: bool) -> bool:
    """``_fa_locative``'s reading of one word: a locative preposition or direction (only ``right_before``
    the name), a ``locative_extra`` word (also a plural, through its singular) or a place noun."""
    return (right_before and (word in LOCATIVE_BEFORE or word in REFERENCE_DIRECTIONS)) \
        or word in FA_USES.locative_extra or _fa_singular(word) in FA_USES.locative_extra \
        or _fa_word_use(word) == "place"


def _share_roles_in_lists(norm: str, kept: list[tuple[_Match, list[tuple[float, Place]], str]],
                          persian: bool = False, forced: set[int] | None = None) -> None:
    """Coordinated countries share a role: in "ایران و روسیه ... اعلام کردند" or "تیمهای ژاپن، کره جنوبی
    و پاکستان" every country of the list is an agent (or part of the organisations' names, or a team)
    when one is.  In Persian, capitals too (روابط تهران و قاهره).  A list with a name in ``forced`` (ids
    of matches a Persian place noun keeps places: "از کشورهای ژاپن، کره جنوبی و کویت") is a list of places."""
    states = [p.feature == "country" or (persian and p.capital) for p in (ranked[0][1] for _, ranked, _ in kept)]
    if states.count(True) < 2:
        return
    # j links kept[j] and kept[j + 1]: two states with only a comma or "and" between; a list is a maximal
    # run of links
    links = [j for j in range(len(kept) - 1) if states[j] and states[j + 1]
             and _COORDINATION.match(norm[kept[j][0].end:kept[j + 1][0].start])]
    k = 0
    while k < len(links):
        i = j = links[k]
        k += 1
        while k < len(links) and links[k] == j + 1:
            j = links[k]
            k += 1
        items = range(i, j + 2)
        roles = {kept[x][2] for x in items}
        if forced and any(id(kept[x][0]) in forced for x in items):
            shared: str | None = "place"
            forced.update(id(kept[x][0]) for x in items)
        else:
            shared = next((r for r in ("agent", "org_part", "team") if r in roles), None)
        if shared:
            for x in items:
                m, ranked, _ = kept[x]
                kept[x] = (m, ranked, shared)


def _load_frequent_names(fname: str = "frequent_names.txt") -> frozenset[str]:
    from rasad.places.gazetteer import DATA_DIR

    path = DATA_DIR / fname
    if not path.exists():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


#: Town names that are also frequent words (data/frequent_names.txt, from wordfreq at build time).
_FREQUENT_NAMES = _load_frequent_names()
#: In Persian text also foreign towns whose names are frequent Persian words (data/frequent_names_fa.txt).
_FREQUENT_NAMES_FA = _FREQUENT_NAMES | _load_frequent_names("frequent_names_fa.txt")


#: How much the document's country evidence adds to a reading in that country (times the country's share
#: of the unambiguous places): the Syria prior (+2.5 over a non-neighbour, +1.5 over a neighbour) must not
#: decide between namesakes in an article about Yemen or Turkey (الجوف, همدان in Yemen).
DOC_COUNTRY_WEIGHT = 3.0
#: Below this population a town outside Syria is "minor": named in the text only as one of its country's
#: places, so it needs another of them, or its country, in the text (المطلة "overlooking" is also Metula).
MINOR_FOREIGN_POP = 15_000
_MINOR_FEATURES = frozenset({"town", "village"})


def _country_shares(places: list[Place]) -> dict[str | None, float]:
    """Each country's share of the document's unambiguous place mentions (a country name counts for its
    country; regions spanning several countries for none)."""
    counts: dict[str | None, int] = {}
    total = 0
    for p in places:
        if p.country is None:
            continue
        counts[p.country] = counts.get(p.country, 0) + 1
        total += 1
    return {c: n / total for c, n in counts.items()} if total else {}


def _with_country_evidence(ranked: list[tuple[float, Place]], shares: dict[str | None, float]
                           ) -> list[tuple[float, Place]]:
    """The readings re-scored with the document's country shares, best first."""
    out = [(s + DOC_COUNTRY_WEIGHT * shares.get(p.country, 0.0), p) for s, p in ranked]
    out.sort(key=lambda t: -t[0])
    return out


#: A Syrian reading at this level (a quarter, a village, a camp or a site) wins over a namesake city of
#: BIG_CITY_POP or more elsewhere only with Syrian support in the text (its town or another Syrian place
#: near it) or a place-type cue: bare مشهد in an Iranian report is Mashhad, not Aleppo's Ansari Mashhad.
_SYRIAN_LOCAL_FEATURES = frozenset({"neighbourhood", "village", "camp", "landmark"})
BIG_CITY_POP = 1_000_000


_NO_COUNTRIES: frozenset[str | None] = frozenset()


def _named_countries(kept: list[tuple[_Match, list[tuple[float, Place]], str]]) -> frozenset[str | None]:
    """The countries a text names without doubt: those of its country names in any role but a team's or an
    organisation's (عراق اعلام کرد, در شمال عراق) and of its place names with one reading.  A text that names
    no Syrian place and not Syria is not about Syria: there the Syria prior gives way to a namesake in a
    country the text names (سنجار in a report on Iraq)."""
    out: set[str | None] = set()
    for _, ranked, role in kept:
        if role == "team" or role == "org_part":
            continue
        country = ranked[0][1].country
        # (not a region of no country, "الشرق الأوسط": a text naming one is no country's)
        if country is not None and (len(ranked) == 1 or ranked[0][1].feature == "country"):
            out.add(country)
    return frozenset(out)


def _big_city_elsewhere(ranked: list[tuple[float, Place]]) -> Place | None:
    """The most populous city of a million or more outside Syria among a name's readings, if any."""
    best: Place | None = None
    for _, p in ranked:
        if p.country != "SYR" and p.population >= BIG_CITY_POP and p.feature == "city" \
                and (best is None or p.population > best.population):
            best = p
    return best


def _minor_foreign(ranked: list[tuple[float, Place]]) -> bool:
    """Is every reading of a name a small town or village outside Syria?"""
    for _, p in ranked:
        if p.population >= MINOR_FOREIGN_POP or p.country == "SYR" or p.feature not in _MINOR_FEATURES:
            return False
    return True


def _supported(norm: str, rev: str, kept: list[tuple[_Match, list[tuple[float, Place]], str]],
               minor: set[int], frequent: frozenset[str] = _FREQUENT_NAMES, quarters: set[int] | None = None
               ) -> list[tuple[_Match, list[tuple[float, Place]], str]]:
    """Drop the bare place readings of frequent words (صور "pictures", عالية "high", سلالة "breed") that
    nothing supports: no cue word, no proclitic or locative preposition before, and no other place of the
    same country in the text (in the news about a Syrian town, other Syrian places are named).  A small
    town outside Syria with no cue needs its country in the text -- a place, the country as an agent
    ("أعلنت تركيا") or another small town of it -- or a locative preposition right before it.  A bare
    one-word Arabic neighbourhood name (``quarters``: المهاجرين، المشهد، التضامن, also ordinary words) needs
    its town or governorate named in the text (a place of the same admin1, or its parent town), or to be
    coordinated with a neighbourhood right before it."""
    countries = {ranked[0][1].country for m, ranked, role in kept
                 if role == "place" and m.key not in frequent and id(m) not in minor}
    countries.update(ranked[0][1].country for m, ranked, role in kept
                     if role != "place" and ranked[0][1].feature == "country")
    # two different small towns of one country support each other ("البسطرة وكفر شوبا وشبعا")
    minor_names: dict[str | None, set[str]] = {}
    for m, ranked, _role in kept:
        if id(m) in minor:
            minor_names.setdefault(ranked[0][1].country, set()).add(m.key)
    countries.update(c for c, keys in minor_names.items() if len(keys) >= 2)
    areas: set[str] = set()
    if quarters:
        for m, ranked, role in kept:
            if role == "place" and id(m) not in quarters and m.key not in frequent and id(m) not in minor:
                p = ranked[0][1]
                areas.update(a for a in (p.id, p.admin1, p.name if p.feature == "admin1" else None) if a)
    out: list[tuple[_Match, list[tuple[float, Place]], str]] = []
    for entry in kept:
        m, ranked, role = entry
        if quarters and id(m) in quarters and not any(p.parent in areas or p.admin1 in areas for _, p in ranked) \
                and not (out and out[-1][0].end < m.start and _COORDINATION.match(norm[out[-1][0].end:m.start])
                         and out[-1][1][0][1].feature == "neighbourhood"):
            # (جوبر next to دمشق stays, and so does the second of "حيي المنشية والعباسية"; المهاجرين in a
            # report about Hong Kong goes)
            continue
        if m.cue is None and (id(m) in minor or (role == "place" and m.key in frequent
                                                 and not _locative_proclitics(norm, rev, m))) \
                and all(p.country not in countries for _, p in ranked):  # (جبل الزاوية is Idlib's, not Libya's)
            before = _word_before(rev, m.start)
            if before is None or not _locative(before):
                continue
        out.append(entry)
    return out


#: Arabic proclitics that are prepositions (morphology.yaml ``preposition_proclitics``: ب ل ك).
_AR_PREPOSITION_PROCLITICS = frozenset(language_proclitics("ar", "preposition_proclitics"))


def _locative_proclitics(norm: str, rev: str, m: _Match) -> bool:
    """Whether the proclitics glued to a name support its reading as a place: a preposition (بحمص، لصور)
    and no article -- "and" alone (وقصور) says nothing, and a name the gazetteer spells without the article
    that carries one (بالتضامن، للأصنام، والهندية) is used as an ordinary noun or adjective."""
    if not m.prefixed:
        return False
    prefix = norm[_word_start(rev, m.start):m.start]
    return not _carries_article(prefix) and any(c in _AR_PREPOSITION_PROCLITICS for c in prefix)


def _nearest_distance(positions: list[int], others: list[int]) -> int | None:
    """The smallest distance between a position and a different one in ``others`` (ascending, no repeats:
    so only the neighbours of the insertion point count, and the one after it only when it is ``x``)."""
    best: int | None = None
    n = len(others)
    for x in positions:
        i = bisect_left(others, x)
        if i:
            d = x - others[i - 1]
            if best is None or d < best:
                best = d
        if i < n:
            o = others[i]
            if o == x:
                if i + 1 < n:
                    d = others[i + 1] - x
                    if best is None or d < best:
                        best = d
            else:
                d = o - x
                if best is None or d < best:
                    best = d
    return best


@lru_cache(maxsize=65536)
def _cue_of(word: str) -> str | None:
    """The cue word ``word`` is, with Arabic proclitics stripped (بريف -> ريف), or None."""
    for cand in _cue_forms(word):
        if cand in ALL_CUES:
            return cand
    return None


def _locative(word: str) -> bool:
    """Whether a word is a preposition/locative word of ``LOCATIVE_BEFORE``, bare or with proclitics."""
    return any(f in LOCATIVE_BEFORE for f in _cue_forms(word))


@lru_cache(maxsize=65536)
def _cue_forms(word: str) -> tuple[str, ...]:
    out = [word]
    for p in AR_PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 2:
            out.append(word[len(p):])
    return tuple(out)


# Reading backwards: the text before a name is read on the reversed text (one slice per document), where a
# regex match walks only as far as it needs to -- a scan forward over a window costs a microsecond a call.
_REV_TWO_WORDS = re.compile(r"\W*(\w+)(?:\W*(\w+))?")
_REV_WORD_BEFORE = re.compile(r" *(\w+)")
_REV_WORD_CHARS = re.compile(r"\w*")
#: Every word that is a cue word, bare or with proclitics (بريف) -> the cue (``_cue_of``); and spelt backwards.
_CUE_OF: dict[str, str] = {
    w: cue for w in {*ALL_CUES, *(p + c for p in AR_PROCLITICS for c in ALL_CUES)}
    if (cue := _cue_of(w)) is not None
}
_REV_CUE_OF = {w[::-1]: cue for w, cue in _CUE_OF.items()}
#: ``Geoparser._cue_before``'s answer for each reversed cue word: (cue, says "near").
_REV_CUE_READING = {w: (cue, cue in NEAR_CUES and cue not in AT_PLACE_CUES) for w, cue in _REV_CUE_OF.items()}
#: The same for the word before that one: a compass adjective there is no cue ("northwest of Hama").
_REV_CUE_READING_SECOND = {w: r for w, r in _REV_CUE_READING.items() if r[0] not in REGION_PART_CUES}
_NO_CUE: tuple[None, bool] = (None, False)
#: Every word that is an organisation head, bare or with proclitics (one of its ``_cue_forms`` is a head).
_ORG_HEAD_WORDS = frozenset(
    w for w in {*ORG_HEADS, *(p + h for p in AR_PROCLITICS for h in ORG_HEADS)}
    if any(f in ORG_HEADS for f in _cue_forms(w))
)
#: Every token ``_is_ar_agent_after`` accepts that starts with a word character (an agent word, bare or with
#: proclitics): the token after an Arabic country name is looked up here.
_AR_AGENT_AFTER_WORDS = frozenset(
    w for w in {*AGENTS.ar_after, *(p + a for p in AR_PROCLITICS for a in AGENTS.ar_after)}
    if _is_word_char(w[0]) and _is_ar_agent_after(w))
_POST_CUES = POST_PROVINCE_CUES | POST_CITY_CUES | POST_DISTRICT_CUES
#: The cue of a name a ``post_district_cues`` word follows ("the Al Haffa district"): the unit of that name.
#: Not the word itself, which before a name is a neighbourhood cue ("the district of Homs" is a quarter).
_DISTRICT_AFTER = "district (after the name)"
_INDEFINITE_ARTICLES = _WORDS["indefinite_articles"]


def _post_cue_reading(rev: str, start: int, after: str) -> str | None:
    """The cue of a name from the cue word ``after`` it: a district word gives ``_DISTRICT_AFTER``, unless an
    indefinite article stands before the name ("a Homs district" is a quarter of the city: no cue)."""
    if after not in POST_DISTRICT_CUES:
        return after
    return None if _after_indefinite_article(rev, start) else _DISTRICT_AFTER


def _after_indefinite_article(rev: str, start: int) -> bool:
    """Whether the word right before ``start`` (read on the reversed text) is an indefinite article ("a
    Homs district", "an Afrin area": one of many, not the unit or the area of that name)."""
    before = _REV_WORD_BEFORE.match(rev, len(rev) - start)
    return before is not None and before.group(1)[::-1] in _INDEFINITE_ARTICLES
_POST_CUE_FIRST_LETTERS = "".join(sorted({w[0] for w in _POST_CUES}))
#: Up to two words before a position, separated by spaces only (read on the reversed text).
_REV_SPACED_WORDS = re.compile(r" +(\w+)(?: +(\w+))?")
#: Duals of the Arabic cue nouns (قريتين، بلدتي، مدينتان): "two villages", never the town القريتين.
_CUE_DUALS = frozenset(c[:-1] + "ت" + end for c in ALL_CUES if c.endswith("ه") and _ARABIC.match(c)
                       for end in ("ين", "ان", "ي"))
#: Name keys that are cue words (bare, with proclitics or the article) or their duals: not place names.
_NOT_NAMES = frozenset(_CUE_OF) | _CUE_DUALS | frozenset(p + d for p in AR_PROCLITICS for d in _CUE_DUALS
                                                          if "ال" not in p)
#: Heads of street, square and road names ("شارع بغداد" is a street of Damascus, not Baghdad), and the
#: dual/plural heads that also take a coordinated second name (شارعي الثورة وبغداد).
_STREET_HEADS = _WORDS["street_heads"]
_STREET_DUAL_FORMS = _WORDS["street_dual_forms"]
#: A word ending so is no first word of a place name: an attached pronoun (بينها الموصل) or a feminine
#: plural (أهرامات الجيزة).
_NOT_NAME_PART_ENDINGS = tuple(sorted(_WORDS["not_name_part_endings"]))
#: Words that may stand between a cue and a name without being part of the name: directions and the
#: like (مناطق شرق حلب، قرى جنوب إدلب).
_NAME_INNER_WORDS = PHRASE_BREAKS | _WORDS["name_inner_words"]


def _carries_article(prefix: str) -> bool:
    """Whether a sequence of Arabic proclitics glued before a word ends in the article: ال (وال، بال) or
    لل (ل + ال)."""
    return prefix.endswith(("ال", "لل"))


#: The Arabic article (alone or after other proclitics) glued to a cue word: "المنطقة" is "the area",
#: not "the area of" -- a name after it is not governed by it.
_ARTICLE_PROCLITICS = tuple(p for p in AR_PROCLITICS if _carries_article(p))
#: Latin articles before the last word of a longer name (Aqareb es Safi, Ahrar al-Sham), reversed; not
#: those that are English words (at, as, an).
_REV_LATIN_ARTICLE = re.compile(r"[ -](" + "|".join(
    a[::-1] for a in sorted(_LATIN_ARTICLES - {"at", "as", "an", "ad"})) + r")[ -]([a-z]+)\b")
#: Capitalised words that start a sentence or headline rather than a name (Near al-Tabqah).
_LATIN_NOT_NAME_HEADS = _WORDS["latin_not_name_heads"]
_NAME_PART_ARTICLES = "|".join(sorted(_LATIN_ARTICLES - {"at", "as", "an", "ad"}))
_LATIN_NAME_HEADS = _WORDS["latin_name_heads"]
#: A head as the last word before a name (" tal", "-tal"), for one ``str.endswith``.
_HEAD_TAILS = tuple(sep + h for h in sorted(_LATIN_NAME_HEADS) for sep in " -")
#: An apostrophe between letters: a transliterated ayn or hamza (Da'el, Ma'arrat), so the word is Arabic.
_APOSTROPHE_INSIDE = re.compile(r"[a-z]['’ʿʾ‘`][a-z]")
#: A span opening with an Arabic article as a word (Al Sham, Al-Sham).
_LATIN_ARTICLE_OPENING = re.compile(r"(?:" + _NAME_PART_ARTICLES + r")[ -]")


#: Arabic demonstratives (هذا، هذه، تلك): a definite word right after one is a common noun.
_DEMONSTRATIVES = _WORDS["ar_demonstratives"]
#: Heads after which a name is a thing's, not the place's (زبان فرانسه, زیردریائی کورسک).
_THING_HEADS = _WORDS["thing_heads"]
_AGREEMENT_HEADS = _WORDS["agreement_heads"]


def _after_agreement_head(rev: str, m: _Match, ctx: _BeforeContext | None = None) -> bool:
    """Whether an Arabic-script name follows the head of an agreement's name (اتفاق الطائف، لاتفاق فيينا،
    معاهده کیوتو), read on the reversed text ``rev``."""
    if m.prefixed:
        return False
    before = _word_before(rev, m.start) if ctx is None else ctx[1]
    return before is not None and _agreement_head(before)


@lru_cache(maxsize=65536)
def _agreement_head(word: str) -> bool:
    """Whether a word is the head of an agreement's name, bare or with proclitics (اتفاق، لاتفاق)."""
    return any(f in _AGREEMENT_HEADS for f in _cue_forms(word))


#: Every word ``_agreement_head`` accepts (a head, bare or with proclitics): one set lookup in parse_roles.
_AGREEMENT_HEAD_WORDS = frozenset(
    w for w in {*_AGREEMENT_HEADS, *(p + h for p in AR_PROCLITICS for h in _AGREEMENT_HEADS)} if _agreement_head(w))


#: Persian plural suffixes, longest first (geoparse_words.yaml fa_plural_suffixes).
_FA_PLURAL_SUFFIXES = tuple(sorted(_WORDS["fa_plural_suffixes"], key=len, reverse=True))


@lru_cache(maxsize=65536)
def _fa_singular(word: str) -> str:
    """A Persian plural without its suffix (همکاريهاي -> همکاري; normalized spelling), else the word.
    Only compared with word lists, so a word that merely ends so (تنها) does no harm."""
    for suffix in _FA_PLURAL_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


#: The heads of Persian organisation names: the shared Arabic-script heads and the Persian-only ones.
_FA_HEADS = ORG_HEADS | FA_ORG_HEADS
#: What a word is to the Persian walk back of ``Geoparser._in_organisation`` (``_fa_org_walk``): a head,
#: a unit word inside an office's name, "و", a word that ends the noun phrase, or (None) another word.
_ORG_HEAD, _ORG_INNER, _ORG_AND, _ORG_BREAK = "head", "inner", "and", "break"


def _ends_org_walk(word: str) -> bool:
    """Whether a word ends the noun phrase an organisation's name may be in (a phrase break, a cue word
    or a number, also with proclitics)."""
    return bool(word in PHRASE_BREAKS or word in _CUE_OF or word.isdigit()
                or ((forms := _cue_forms(word))[1:2] and forms[1] in PHRASE_BREAKS))


@lru_cache(maxsize=65536)
def _fa_org_walk(word: str) -> str | None:
    """The class of a Persian word for the walk back to an organisation's head, in the order the walk
    tests them (``_ORG_HEAD`` ... ``_ORG_BREAK``, None for a word that takes a step)."""
    if word in _ORG_HEAD_WORDS or word in _FA_HEADS or _fa_singular(word) in _FA_HEADS:
        return _ORG_HEAD  # a Persian head also in the plural (روزنامه‌های امروز آمریکا)
    if word in _ADMIN_WORDS_IN_NAMES:
        return _ORG_INNER
    if word == "و":
        return _ORG_AND
    return _ORG_BREAK if _ends_org_walk(word) else None


#: Every street/square head in construct, bare or after a proclitic other than the article (شارع، بشارع; not
#: الساحة السورية, "the arena").
_STREET_HEAD_WORDS = frozenset(_STREET_HEADS) | frozenset(
    p + h for p in AR_PROCLITICS if p not in _ARTICLE_PROCLITICS for h in _STREET_HEADS)
#: ``Geoparser._not_this_place`` says yes only when the word before is one of ``_NAME_PART_HEADS`` or the
#: second word before (reversed, as its match holds it) one of ``_REV_NAME_PART_SECOND``: a street's dual
#: head or a cue word; parse_roles asks it only then.
_NAME_PART_HEADS = _STREET_HEAD_WORDS | _THING_HEADS
_REV_NAME_PART_SECOND = frozenset(w[::-1] for w in (*_STREET_DUAL_FORMS, *_CUE_OF))


@lru_cache(maxsize=65536)
def _may_start_a_name(word: str) -> bool:
    """Whether an Arabic word may be the first word of a longer place name (not a cue, a number, a
    direction or function word, a word with an attached pronoun or a feminine plural)."""
    return not (word in _CUE_OF or word.isdigit() or any(f in _NAME_INNER_WORDS for f in _cue_forms(word))
                or word.endswith(_NOT_NAME_PART_ENDINGS))


def _article_form(word: str, cue: str) -> bool:
    """Whether ``word`` is the cue ``cue`` with the article glued on (المنطقة, بالمدينة)."""
    return word != cue and word.endswith(cue) and word[:len(word) - len(cue)] in _ARTICLE_PROCLITICS


def _direct_cue(rev: str, m: _Match, arabic: bool) -> bool:
    """Whether the cue word of ``m`` stands right before it (spaces only, no article on an Arabic cue)."""
    if m.prefixed:
        return False
    before = _REV_WORD_BEFORE.match(rev, len(rev) - m.start)
    if before is None:
        return False
    word = before.group(1)[::-1]
    cue = _CUE_OF.get(word)
    if cue is None:
        return False
    return not (arabic and _article_form(word, cue))


#: Words right before a name that make it a place for ``_skeleton_context`` (and the place nouns that may
#: stand before "of" or after the name: "the town of X", "X village").
_SKELETON_BEFORE = _WORDS["skeleton_before"]
_SKELETON_PLACE_NOUNS = frozenset(w for w in CITY_CUES | NEIGHBOURHOOD_CUES | CAMP_CUES | NEAR_CUES
                                  if w.isascii())
_TWO_WORDS_BEFORE = re.compile(r"(?:([a-z]+) )?([a-z]+) $")
_WORD_AFTER = re.compile(r" ([a-z]+)")


def _may_be_placed(norm: str, start: int) -> bool:
    """A first look for ``_skeleton_context`` before the chain is read: a locative or "of" right before
    the name, or a place noun among the next 60 characters (C-level string tests)."""
    i = norm.rfind(" ", max(0, start - 16), start - 1)
    if norm[i + 1:start - 1] in _SKELETON_BEFORE or norm[i + 1:start - 1] == "of":
        return True
    ahead = norm[start:start + 60]
    return any(w in ahead for w in _SKELETON_PLACE_NOUNS)


def _skeleton_context(raw: str, norm: str, start: int, end: int) -> bool:
    """Do the words around ``norm[start:end]`` make it a place, so that it may be read by its consonants
    alone: a locative right before it ("in", "near": ``skeleton_before``), a place noun and "of" ("the
    town of X") or a place noun right after it ("Aqayrabat town")?  Not "President Bashar al-Assad", "the
    government of Bashar", "Media Centre", nor a name's later word ("Hamdan" of "Tal Hamdan")."""
    before = _TWO_WORDS_BEFORE.search(norm, max(0, start - 30), start)
    if before is not None:
        w2, w1 = before.group(1), before.group(2)
        if raw[before.start(2)].isupper():
            return False
        if w1 in _SKELETON_BEFORE or (w1 == "of" and w2 in _SKELETON_PLACE_NOUNS):
            return True
    after = _WORD_AFTER.match(norm, end)
    return after is not None and after.group(1) in _SKELETON_PLACE_NOUNS


def _without_name_parts(raw: str, norm: str, found: list[_Span]) -> list[_Span]:
    """The found spans less the Latin ones that are only a part of a longer capitalised name the gazetteer
    does not know, so that they neither read as a place nor, being longer, push out the right reading:

    * a span opening with a capitalised Arabic article right after a capitalised word ("Ahrar Al Sham",
      "Hayat Tahrir Al-Sham" are no Damascus; "Ras Al Ain city" is no "Al Ain city" of the Emirates), or
      any span right after a capitalised generic head ("Haouch Salhiye" is no Salhiyeh quarter); not after
      a word that starts a phrase (In Al-Bab, Eastern Al-Qalamoun) or ends another name;
    * a span ending with an article that the rest of the name follows ("Tall al-Ken" is no "Tall al"), or
      a bare generic head (``latin_name_heads``) before a capitalised word or an article and a word ("Tal
      Sheih", "Tall al-Ken" are no At Tall, "Bab al-Hawa" no Al-Bab).  (Other names before "al-X" stay:
      texts list names without commas, "Tadmur al-Salamiyah".)
    * a span inside a word joined by an apostrophe ("Sam" of "Sam'an"), or before "Street"/"Square" (a
      street named after a town: "Baghdad Street" is in Damascus).
    """
    ends: set[int] | None = None
    out = []
    last = len(norm) - 1
    for span in found:
        start, end, key = span[1], span[2], span[3]
        if key[:1] >= "\u0600":
            out.append(span)
            continue
        c = norm[start - 1] if start else ""
        if c in _APOSTROPHES and start >= 2 and norm[start - 2].isalpha():
            continue  # "arrat" of "Ma'arrat"
        if (c == " " or c == "-") and start > 1 and raw[start].isupper():
            # the word before, cut only where it may be a head or the name opens with an article (this runs
            # for most Latin names: one C-level suffix test first)
            window = " " + norm[max(0, start - 16):start - 1]
            if window.endswith(_HEAD_TAILS) or (raw[start] == "A" or raw[start] == "E") \
                    and _LATIN_ARTICLE_OPENING.match(norm, start):
                prev = window.rsplit(" ", 1)[-1].rsplit("-", 1)[-1]
                ws = start - 1 - len(prev)
                if len(prev) >= 2 and prev.isalpha() and raw[ws].isupper() and prev not in _LATIN_NOT_NAME_HEADS:
                    if ends is None:
                        ends = {s[2] for s in found}
                    if start - 1 not in ends:
                        continue
        if end < last:
            c = norm[end]
            if c == " " or c == "-":
                if norm[end + 1].isalpha() and (key.endswith(_ARTICLE_ENDINGS) or key in _LATIN_NAME_HEADS and (
                        raw[end + 1].isupper() or _LATIN_ARTICLE_OPENING.match(norm, end + 1))):
                    continue
                if c == " " and norm[end + 1] in _STREET_FIRST_LETTERS \
                        and (street := _STREET_TAIL.match(norm, end)) is not None \
                        and not norm[street.end():street.end() + 1].isalpha():
                    continue  # "Baghdad Street"
            elif c in _APOSTROPHES and norm[end + 1].isalpha() \
                    and not (norm[end + 1] == "s" and not norm[end + 2:end + 3].isalpha()):
                continue  # "Sam" of "Sam'an"; not the possessive "Aleppo's"
        out.append(span)
    return out


#: An apostrophe or ayn sign (a transliterated ayn or hamza inside a word: Sam'an, Ma'arrat).
_APOSTROPHES = frozenset("'’ʿʾ‘`")
_STREET_TAIL = re.compile(r" (?:" + "|".join(sorted(_WORDS["latin_street_tails"])) + r")\b")
_STREET_FIRST_LETTERS = frozenset(w[0] for w in _WORDS["latin_street_tails"])
#: How a span ending with an article ends ("tall al", "tal-al").
_ARTICLE_ENDINGS = tuple(sep + a for a in sorted(_LATIN_ARTICLES - {"at", "as", "an", "ad"}) for sep in " -")


def _latin_name_tail(raw: str, norm: str, rev: str, m: _Match, match_ends: set[int]) -> bool:
    """Whether a Latin name is the tail of a longer capitalised name the gazetteer does not know, joined
    by an Arabic article ("Aqareb es Safi" is not Safi, "Ahrar al-Sham" not Damascus).  Not when the
    word before is itself a name (a list without commas: "Tadmur al-Salamiyah")."""
    before = _REV_LATIN_ARTICLE.match(rev, len(rev) - m.start)
    if before is None:
        return False
    n = len(rev)
    head_start = n - before.end(2)
    return len(raw) == len(norm) and raw[head_start].isupper() and (n - before.start(2)) not in match_ends \
        and before.group(2)[::-1] not in _LATIN_NOT_NAME_HEADS


#: Features whose names also name sports sides (national teams, city clubs).
_TEAM_FEATURES = frozenset({"country", "city", "town", "admin1"})
_SPORTS_WORDS = _WORDS["sports_words"]
#: A match score: two small numbers joined by a dash, slash or بر/به (Persian "0 بر 2"), not a date.
_SCORE = re.compile(r"(?<![\d/.-])\d{1,2} ?(?:-|–|ـ|/|بر|به) ?(?:\d{1,2}|صفر|هيچ)(?![\d/.]|-\d)")
#: A name, a number and a head-count word (geoparse_words.yaml team_size_words): a side's size, "هند 12 نفر".
_TEAM_SIZE = re.compile(r"\w \d{1,3} ?(?:" + "|".join(map(re.escape, sorted(_WORDS["team_size_words"]))) + r")(?!\w)")
_SENTENCE_END = re.compile(r"[.!?؟\n]")


class _SportsContext:
    """Which sentences of a text are sports reports: two different ``sports_words`` (geoparse_words.yaml),
    or one and a score ("من 6 - 12 شهرا" alone is no score) or a side's head count ("هند 12 نفر").  The sports words come from the gazetteer
    scan (``Geoparser.find_with_sports``); most texts have none, and then no sentence is examined."""

    __slots__ = ("_norm", "_hits", "_ends", "_verdicts")

    def __init__(self, norm: str, hits: list[tuple[int, str]]) -> None:
        self._norm = norm
        self._hits = hits  # (word start, sports word), in text order
        self._ends: list[int] | None = None
        self._verdicts: dict[int, bool] = {}

    def in_sports_sentence(self, pos: int) -> bool:
        hits = self._hits
        if not hits:
            return False
        ends = self._ends
        if ends is None:
            ends = self._ends = [m.start() for m in _SENTENCE_END.finditer(self._norm)]
        i = bisect_left(ends, pos)
        verdict = self._verdicts.get(i)
        if verdict is None:
            start = ends[i - 1] + 1 if i else 0
            end = ends[i] if i < len(ends) else len(self._norm)
            lo = bisect_left(hits, (start, ""))
            hi = bisect_left(hits, (end, ""))
            found = {base for _, base in hits[lo:hi]}
            verdict = len(found) >= 2 or (len(found) == 1 and (
                _SCORE.search(self._norm, start, end) is not None or _TEAM_SIZE.search(self._norm, start, end) is not None))
            self._verdicts[i] = verdict
        return verdict


def _add_sports_word(norm: str, start: int, end: int, hits: list[tuple[int, str]]) -> None:
    """Record the word ending at ``end`` (whose last letters, from ``start``, are a sports word) when it is
    one, bare or with proclitics; once per word (the scan reports المنتخب and منتخب at the same end)."""
    ws = start
    while ws and ((c := norm[ws - 1]).isalnum() or c == "_"):
        ws -= 1
    if hits and hits[-1][0] == ws:
        return
    base = _sports_word(norm[ws:end])
    if base:
        hits.append((ws, base))


@lru_cache(maxsize=65536)
def _sports_word(word: str) -> str | None:
    """The sports word ``word`` is (proclitics and the article stripped: المباراة and مباراة count once)."""
    forms = [f for f in _cue_forms(word) if f in _SPORTS_WORDS]
    if not forms:
        return None
    base = min(forms, key=len)
    return base[2:] if base.startswith("ال") and base[2:] in _SPORTS_WORDS else base


def _may_be_team(norm: str, rev: str, m: _Match, ctx: _BeforeContext | None = None) -> bool:
    """Whether a name may name a team: no locative proclitic (بمدريد، لموسكو) and no locative preposition
    before it (في أثينا، در تهران، از گیلان, "in Madrid")."""
    if ctx is None:
        word_start = _word_start(rev, m.start)
        before = _word_before(rev, word_start)
    else:
        word_start, before, _ = ctx
    if m.prefixed and norm[word_start:m.start] not in ("و", "ف"):
        return False
    return before is None or not _locative(before)


def _load_given_names() -> frozenset[str]:
    from rasad.lang import data_path

    out: set[str] = set()
    for lang in ("ar", "fa"):
        path = data_path(lang, "given_names.txt")
        if path.exists():
            out.update(normalize_term(line.strip()) for line in path.read_text(encoding="utf-8").splitlines()
                       if line.strip() and not line.startswith("#"))
    return frozenset(out)


def _load_person_words() -> tuple[dict[bool, frozenset[str]], frozenset[str]]:
    """({persian: person titles}, given names that are also ordinary words) of the Arabic and Persian
    speaker lexicons (lang/<lang>/speakers.yaml: ``titles``, ``names.person_titles``,
    ``names.ambiguous_given``).  Titles per language: Persian امام is a title, Arabic أمام "in front of"."""
    from rasad.lang import load_yaml

    titles: dict[bool, frozenset[str]] = {}
    ambiguous: set[str] = set()
    for lang in ("ar", "fa"):
        data = load_yaml(lang, "speakers.yaml") or {}
        names = data.get("names") or {}
        titles[lang == "fa"] = frozenset(
            normalize_term(t) for t in [*(data.get("titles") or []), *(names.get("person_titles") or [])]
            if " " not in t)
        ambiguous.update(normalize_term(w) for w in names.get("ambiguous_given") or [])
    return titles, frozenset(ambiguous)


#: Given names (lang/ar|fa/given_names.txt) and the words that start a kinship name (بن، أبو).
_GIVEN_NAMES = _load_given_names()
_PERSON_NAME_HEADS = _WORDS["person_name_heads"]
#: Last words of compound given names that are also place names (صلاح الدين الأيوبي is a person).
_COMPOUND_NAME_ENDS = _WORDS["compound_given_name_ends"]
_PERSON_TITLES, _AMBIGUOUS_GIVEN = _load_person_words()
_STATE_FEATURES = frozenset({"country", "region", "admin1"})
#: The undefined words before a name that ``_person_name_use`` may read as (part of) a person's name or
#: title: kinship words, given names, titles.  A definite word before (ال، وال) may be a title too; a word
#: that is neither, before a name that is no given name or kinship word (``_person_key``), says nothing.
_PERSON_BEFORE_WORDS = _PERSON_NAME_HEADS | _GIVEN_NAMES | _PERSON_TITLES[False] | _PERSON_TITLES[True]


def _person_key(key: str) -> bool:
    """Whether ``_person_name_use`` may read the name itself as starting a person's name: a given name,
    a kinship word, or a longer name ending like a compound given name (صلاح الدين)."""
    return key in _GIVEN_NAMES or key in _PERSON_NAME_HEADS or (
        " " in key and key.rsplit(" ", 1)[-1] in _COMPOUND_NAME_ENDS)


def _person_name_use(norm: str, rev: str, m: _Match, place: Place, persian: bool,
                     ctx: _BeforeContext) -> bool:
    """Whether an Arabic-script name is part of a person's name: right after a given name, a kinship
    word or a person title (نوري المالكي، سعد بن أبي وقاص، الأمير مولاي رشيد، الرئيس الإيراني أحمدي
    نجاد), or itself a given name followed by a family name
    (خليل الدليمي، جاسم النبهان: a given name before a word with the article).  Not when proclitics are
    attached (بجاسم is a place)."""
    if m.prefixed:
        return False
    before = ctx[1]  # (a bare name starts its word)
    if before is not None and (before in _PERSON_NAME_HEADS or (
            before in _GIVEN_NAMES and _given_name_here(rev, m.start - len(before) - 1, before)
            # (Persian: a given name that is also a facility or place noun is that noun: بندر حدیده "the port
            # of Hodeidah", not a Bandar)
            and not (persian and _fa_locative_word(before, False)))):
        return True
    if before is not None and not persian and place.feature != "country" and before.startswith(("ال", "وال")) \
            and (before if before[0] == "ا" else before[1:]) in _PERSON_TITLES[False]:
        return True  # a definite title in apposition to a capital's name: والملكة صوفيا (but ملك مصر, of Egypt)
    if before is not None and not (place.capital or place.feature in _STATE_FEATURES):
        # a title before a town's name (ملك مصر is the king of Egypt; الرئيس التونسي أوروبا a verb's object)
        titles = _PERSON_TITLES[persian]
        if before in titles:
            return True
        if before.startswith("ال") and before.endswith("ي"):
            # a title and a nisba before the name: الرئيس الإيراني أحمدي نجاد
            title = _word_before(rev, m.start - len(before) - 1)
            if title is not None and title in titles:
                return True
    if m.end < len(norm) and norm[m.end] == " " and (m.key in _GIVEN_NAMES or (
            " " in m.key and m.key.rsplit(" ", 1)[-1] in _COMPOUND_NAME_ENDS
            and (before is None or not _locative(before)))):
        after = _REV_WORD_BEFORE.match(norm, m.end)  # the next word (the pattern reads forwards too)
        if after is not None:
            word = after.group(1)
            return word.startswith("ال") and len(word) > 4 and (word.endswith("ي") or word in _GIVEN_NAMES)
    if m.key in _PERSON_NAME_HEADS and m.end < len(norm) and norm[m.end] == " " \
            and _REV_WORD_BEFORE.match(norm, m.end) is not None:
        return True  # the name is itself a kinship word starting a person's name (أبا أيوب)
    return False


def _given_name_here(rev: str, word_start: int, word: str) -> bool:
    """Whether ``word`` (a given name's spelling, starting at ``word_start``) is used as one: not when it is
    a particle or preposition (normalized, على is spelt like علي, بأن like Ban) nor after a preposition or
    quantifier, where it is an ordinary word (في صالح تركيا "in Turkey's interest", على كامل اليمن)."""
    if word in _NAME_INNER_WORDS or word in LOCATIVE_BEFORE or word in _AMBIGUOUS_GIVEN or "ان" in _cue_forms(word):
        return False
    before = _word_before(rev, word_start)
    return before is None or not (before in PHRASE_BREAKS or before in _NAME_INNER_WORDS
                                  or _locative(before))


def _load_ar_org_tails() -> frozenset[str]:
    """The Arabic words that follow a place inside an organisation's name (org_heads.yaml ``ar_after``)."""
    from rasad.places.gazetteer import DATA_DIR, _yaml_entries

    data: Any = _yaml_entries(DATA_DIR / "org_heads.yaml")
    return frozenset(normalize_term(w) for w in data.get("ar_after") or [])


#: Words after a place inside an organisation's name (نيويورك تايمز، مانشستر يونايتد).
_AR_ORG_TAILS = _load_ar_org_tails()
_AR_ORG_TAIL_FIRST_LETTERS = frozenset(w[0] for w in _AR_ORG_TAILS)
_QUOTE_MARKS = frozenset("«»\"“”'‘’ ")
#: Quote marks that may stand between an organisation's head and its name (صحيفة «الشرق الأوسط»).
_REV_QUOTED_WORD_BEFORE = re.compile(r"[\s«»\"“”'‘’]*[«\"“'‘][\s«»\"“”'‘’]*(\w+)")


def _in_arabic_organisation(norm: str, rev: str, m: _Match, ctx: _BeforeContext | None) -> bool:
    """Whether an Arabic name is part of an organisation's name: right after its head (جامعة دمشق، منتخب
    الكويت), also across an opening quote mark (صحيفة «بابل»، وكالة "الشرق الأوسط"), or right before
    one of the words that end such names (نيويورك تايمز، مانشستر يونايتد).  Not with proclitics
    attached (بدمشق is a place)."""
    if m.prefixed or ctx is None:
        return False
    if ctx[1] in _ORG_HEAD_WORDS:
        return True
    if ctx[1] is None and m.start and norm[m.start - 1] in _QUOTE_MARKS:
        quoted = _REV_QUOTED_WORD_BEFORE.match(rev, len(rev) - m.start)
        if quoted is not None and quoted.group(1)[::-1] in _ORG_HEAD_WORDS:
            return True
    # (most names are followed by no tail word: its first letter is looked at first)
    if norm[m.end:m.end + 1] != " " or norm[m.end + 1:m.end + 2] not in _AR_ORG_TAIL_FIRST_LETTERS:
        return False
    after = _WORD.match(norm, m.end + 1)
    return after is not None and after.group() in _AR_ORG_TAILS


#: (id, version) of a gazetteer -> (the gazetteer, its countries' nisba stems) (see ``_country_nisba_stems``).
#: The gazetteer is held and compared by identity: a gazetteer made after another was freed may get its
#: id, and copies start at the same version (``Gazetteer.with_store``).
_NISBA_STEMS: dict[tuple[int, int], tuple[Gazetteer, dict[str, str]]] = {}


def _country_nisba_stems(g: Gazetteer) -> dict[str, str]:
    """The stem of each country's Arabic adjective -> the country's ISO3: the name without the article and
    a final ا، ه or ي(ه) (تونس -> تونس of التونسية، سوريا -> سور of السوري، السعودية -> سعود of السعودي).
    Only one-word names; a stem two countries share is left out."""
    key = (id(g), g.version)
    known = _NISBA_STEMS.get(key)
    if known is not None and known[0] is g:
        return known[1]
    stems: dict[str, set[str]] = {}
    for p in g.places.values():
        if p.feature != "country" or not p.country:
            continue
        for name in p.names.get("ar", ()):
            n = normalize_term(name)
            if " " in n:
                continue
            stem = n[2:] if n.startswith("ال") else n
            for end in ("يه", "يا", "ا", "ه", "ي"):
                if stem.endswith(end) and len(stem) - len(end) >= 2:
                    stem = stem[:-len(end)]
                    break
            stems.setdefault(stem, set()).add(p.country)
    table = {stem: next(iter(cs)) for stem, cs in stems.items() if len(cs) == 1 and len(stem) >= 2}
    _NISBA_STEMS.clear()
    _NISBA_STEMS[key] = (g, table)
    return table


def _in_country_named_after(norm: str, m: _Match, ranked: list[tuple[float, Place]], g: Gazetteer
                            ) -> list[tuple[float, Place]]:
    """The readings of an ambiguous Arabic name that lie in the country whose adjective follows it (سوسة
    التونسية، حمص السورية), when there are such readings; else ``ranked`` itself."""
    if norm[m.end:m.end + 3] != " ال":
        return ranked
    after = _words_after(norm, m.end, 1)
    if not after:
        return ranked
    word = after[0]
    if word.endswith("يه"):
        stem = word[2:-2]
    elif word.endswith("ي"):
        stem = word[2:-1]
    else:
        return ranked
    country = _country_nisba_stems(g).get(stem)
    if country is None:
        return ranked
    inside = [(sc, p) for sc, p in ranked if p.country == country]
    return inside if inside and len(inside) < len(ranked) else ranked


#: A city of this many people has one fixed Arabic name: written without the article, the article glued on
#: makes another word (الأمان "safety" for أمان/Amman, الحماة "the protectors" for حماة/Hama).
FIXED_NAME_POP = 100_000


def _article_on_a_city_name(norm: str, m: _Match, ctx: _BeforeContext | None,
                            ranked: list[tuple[float, Place]], by_name: dict[str, Any]) -> bool:
    """Whether a one-word Arabic name that the gazetteer spells without the article carries it glued on,
    and its readings are a city of ``FIXED_NAME_POP`` or a capital (and the units named after it): such
    names take no article, so the word is another (villages are spelt both ways and keep their reading)."""
    key = m.key
    if ctx is None or not m.prefixed or key.startswith("ال") or " " in key or "ال" + key in by_name:
        return False
    if not _carries_article(norm[ctx[0]:m.start]):
        return False
    big = [p.capital or (p.population >= FIXED_NAME_POP and p.feature == "city") for _, p in ranked]
    # (the governorate or district named after the city counts with it: حماة; and so does a quarter named
    # like it, which no place spells with the article either: المشهد "the scene" is neither Mashhad nor
    # Aleppo's Ansari Mashhad)
    return any(big) and all(b or p.feature in ("admin1", "admin2", "neighbourhood")
                            for b, (_, p) in zip(big, ranked, strict=True))


#: Place id -> (its list of Arabic names, that list's length, the names normalized) (see ``_article_dropped``).
#: The list and its length are kept to tell whether the answer is still the place's: a process may geoparse
#: with another gazetteer later (``Gazetteer.with_store``, ``add_names``: the same place id with more names),
#: and a stale answer would make a document's places depend on what the process read before.
_AR_NAME_KEYS: dict[str, tuple[list[str] | tuple[()], int, frozenset[str]]] = {}


def _article_dropped(norm: str, m: _Match, ctx: _BeforeContext | None, ranked: list[tuple[float, Place]],
                     by_name: dict[str, Any]) -> bool:
    """Whether an Arabic name is read without the article that every reading's Arabic name carries
    (قصير for القصير): the gazetteer indexes such names without the article for Persian text (خالدیه), but
    Arabic writes the article, so the bare word is another (بعد وقت قصير "shortly after")."""
    if m.key.startswith("ال") or ctx is None:
        return False
    article_form = "ال" + m.key
    if article_form not in by_name or (m.prefixed and _carries_article(norm[ctx[0]:m.start])):
        return False  # (most names: no place is called so with the article)
    for _, p in ranked:
        names = p.names.get("ar", ())
        known = _AR_NAME_KEYS.get(p.id)
        if known is not None and known[0] is names and known[1] == len(names):
            keys = known[2]
        else:
            if len(_AR_NAME_KEYS) > 100_000:
                _AR_NAME_KEYS.clear()
            keys = frozenset(normalize_term(n) for n in names)
            _AR_NAME_KEYS[p.id] = (names, len(names), keys)
        if m.key in keys or article_form not in keys:
            return False
    return True


def _nisba_with_article(norm: str, m: _Match, ctx: _BeforeContext | None, by_name: dict[str, Any]) -> bool:
    """Whether a one-word Arabic name spelt without the article and ending like a nisba adjective (-ي, -ية)
    carries the article glued on (السورية for سورية, والهندية for هندية, الشامية): the adjective ("Syrian",
    "Indian"), which is how such a word is used with the article -- the name itself takes none (unless the
    gazetteer also spells it with the article: للزبداني is ل + الزبداني)."""
    key = m.key
    if ctx is None or not m.prefixed or key.startswith("ال") or " " in key or not key.endswith(("ي", "يه")):
        return False
    return _carries_article(norm[ctx[0]:m.start]) and "ال" + key not in by_name


def _adjective_shaped(key: str) -> bool:
    """Whether a definite Arabic word has the shape of an adjective: a nisba (الهندية، السعودية), أفعل
    (الأبيض), its feminine فعلاء (الزرقاء، البيضاء), فعيل/فعيلة (القصير، الكريمة).  Normalized: ة is ه,
    hamza forms are ا (the final ء stays)."""
    if key.endswith(("ي", "يه")):
        return True
    n = len(key)
    return (n == 6 and (key[2] == "ا" or key[4] == "ي")) or (n == 7 and key[4] == "ي" and key.endswith("ه")) \
        or (n == 7 and key.endswith("اء"))


def _adjective_use(rev: str, m: _Match, match_ends: set[int], ctx: _BeforeContext) -> bool:
    """Whether an Arabic name with the article is an adjective of the definite noun before it: two
    definite words agreeing in gender (both feminine, ة/ات, or both not) are noun and adjective --
    المدى القصير، البيت الأبيض، الديون السيادية السعودية.  The noun must not be a place name itself
    (حمص القديمة is found whole) nor a cue word; a feminine noun and a masculine name ("دخلت القوات
    النظامية القصير") are verb subject and object, and the name stays a place."""
    if m.prefixed or not m.key.startswith("ال") or " " in m.key or not _adjective_shaped(m.key):
        return False  # (a name of several words is no adjective: فؤاد السنيورة الولايات المتحدة)
    n = len(rev)
    _, word, before = ctx
    if before is None or word is None:
        return False
    if word.startswith(("وال", "فال")):
        word = word[1:]  # (the noun after "and": والبطاقات الزرقاء)
    if not word.startswith("ال") or len(word) < 5 or (n - before.start(1)) in match_ends or word in _CUE_OF \
            or word in PHRASE_BREAKS:
        return False
    if _feminine(word) != _feminine(m.key):
        return False
    # apposition, not an adjective: العاصمة القطرية الدوحة (the noun before is itself an adjective of a
    # place noun)
    head = _word_before(rev, n - before.end(1))
    return head is None or not (head in _CUE_OF or head in _WORDS["name_inner_words"])


def _feminine(word: str) -> bool:
    """Feminine by its ending (ة, normalized to ه; the plural ات; the adjective فعلاء: الزرقاء); broken
    plurals read as masculine."""
    return word.endswith(("ه", "ات")) or (len(word) == 7 and word.startswith("ال") and word.endswith("اء"))


def geo_precision_for(place: Place, near: bool = False) -> int:
    """ACLED geo-precision: 1 the town/neighbourhood itself; 2 near it ("countryside of", "outskirts
    of") or a district/sub-district (part of a region); 3 only the province (or country) is known."""
    if place.feature in ("admin1", "country", "region"):
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
        _default = Geoparser(load_gazetteer(), compiled=_compiled_path())
    return _default


def _compiled_path() -> Path:
    """Where the default geoparser's automaton is kept (next to the compiled gazetteer), named by a hash of
    everything it is built from: the gazetteer's sources (``gazetteer_fingerprint``), this module, the
    words it adds to the automaton, the pyahocorasick build (its file's size and time: ``importlib.metadata``
    would cost 20 ms) and the Python version (the pickle's format)."""
    import hashlib
    import sys

    lib = Path(ahocorasick.__file__ or "").stat()
    h = hashlib.sha256(f"{_COMPILED_FORMAT}|{sys.version}|{lib.st_size}|{lib.st_mtime_ns}|{gazetteer_fingerprint()}"
                       .encode())
    h.update(Path(__file__).read_bytes())
    for words in (sorted(SHORT_NAMES), sorted(_SPORTS_WORDS), sorted(_CUE_OF.items())):
        h.update(repr(words).encode())
    return default_cache_dir() / f"geoparser-{h.hexdigest()[:24]}.pickle"


def use_gazetteer(gazetteer: Gazetteer) -> Geoparser:
    """Make the pipeline stage use ``gazetteer`` (e.g. ``Gazetteer.with_store(store)``)."""
    global _default
    _default = Geoparser(gazetteer)
    return _default


def use_builtin_gazetteer() -> None:
    """Make the pipeline stage use the built-in gazetteer (and its compiled automaton) again, whatever an
    earlier ``use_gazetteer`` in this process set: a long-lived process (the web service, a Dask worker, a
    test session) may analyse for stores with and without imported entries."""
    global _default
    if _default is not None and _default.gazetteer is not load_gazetteer():
        _default = None


def use_store_gazetteer(store: Any) -> bool:
    """Make the pipeline stage use the built-in gazetteer plus the entries imported into ``store``
    (``rasad gazetteer import``) when it holds any -- what ``rasad analyze --db`` reads places with --,
    else the built-in one.  Returns whether imported entries are used."""
    return use_imported_places(list(store.iter_places()))


def imported_entries_key(entries: list[dict[str, Any]]) -> str:
    """A fingerprint of imported gazetteer entries (rows of ``Store.iter_places``): equal entries, equal key."""
    import hashlib
    import json

    return hashlib.sha256(json.dumps(entries, sort_keys=True, default=str).encode()).hexdigest()


def use_imported_places(entries: list[dict[str, Any]]) -> bool:
    """Make the pipeline stage use the built-in gazetteer plus ``entries`` (rows of ``Store.iter_places``),
    or the built-in one alone when there are none.  Returns whether imported entries are used."""
    if not entries:
        use_builtin_gazetteer()
        return False
    key = imported_entries_key(entries)
    if _imported_key[0] != (key, _default):  # a repeated run on the same store keeps the geoparser it built
        use_gazetteer(Gazetteer.with_entries(entries))
        _imported_key[0] = (key, _default)
    return True


#: (fingerprint of the imported entries, the geoparser built with them) last set by ``use_imported_places``
_imported_key: list[tuple[str, Geoparser | None] | None] = [None]


def places_stage(doc: Document) -> None:
    """Pipeline stage: replace the document's place mentions with freshly geoparsed ones."""
    default_geoparser()(doc)

