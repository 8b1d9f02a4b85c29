"""Actors: a multilingual dictionary of conflict actors and the ``actors`` pipeline stage.

The dictionary lives in ``lang/<lang>/actors.yaml`` (one block per canonical actor id, wordings
grouped by how they frame the actor: neutral / pejorative / self / state-wording).  A label is not a
fact: each mention keeps the outlet's own words (``Mention.text``) *and* the canonical actor
(``canonical_id``), and ``attrs["label_kind"]`` records how the wording frames it -- "terrorist
groups" in a state outlet is ``sy_opposition`` with label_kind ``pejorative``.

Matching uses one Aho-Corasick automaton per language over the normalized text
(:class:`PhraseMatcher`, shared with the trigger and modality lexicons) with word-boundary checks
that understand Arabic proclitics (و ف ب ل ك and the article) and a few inflectional suffixes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

import ahocorasick

from rasad.extract.actor_context import may_match, refine_mentions
from rasad.extract.sentence_index import RECENT_TEXTS, sentence_at
from rasad.lang import LanguageDataError, data_path, languages, load_yaml, word_list
from rasad.model import ActorRef, Document, Mention, Sentence
from rasad.text.normalize import language_proclitics, normalize_term
from rasad.text.normalize_stage import ensure_norm

# --------------------------------------------------------------------------------------------
# Canonical actors (docs/architecture.md); actors.yaml files may add ids with their own metadata
# --------------------------------------------------------------------------------------------

#: id -> (English name, ACLED inter code, side, ISO3 country)
ACTOR_REGISTRY: dict[str, tuple[str, int, str, str | None]] = {
    "sy_gov_forces": ("Military Forces of Syria", 1, "government", "SYR"),
    "sy_progov_militia": ("Pro-government militias (Shabiha, NDF)", 3, "government", "SYR"),
    "hezbollah": ("Hezbollah", 8, "government", "LBN"),
    "ir_forces": ("Military Forces of Iran / Iranian militias", 8, "government", "IRN"),
    "iq_militias": ("Iraqi Shiite militias", 8, "government", "IRQ"),
    "ru_forces": ("Military Forces of Russia", 8, "government", "RUS"),
    "sy_opposition": ("Syrian opposition fighters", 2, "opposition", "SYR"),
    "fsa": ("Free Syrian Army", 2, "opposition", "SYR"),
    "nusra": ("Jabhat al-Nusra / Hayat Tahrir al-Sham", 2, "jihadist", "SYR"),
    "isis": ("Islamic State (ISIS/Daesh)", 2, "jihadist", None),
    "ypg": ("YPG (People's Protection Units)", 2, "kurdish", "SYR"),
    "sdf": ("Syrian Democratic Forces", 2, "kurdish", "SYR"),
    "il_forces": ("Military Forces of Israel", 8, "foreign", "ISR"),
    "tr_forces": ("Military Forces of Turkey", 8, "foreign", "TUR"),
    "us_coalition": ("US-led coalition", 8, "foreign", "USA"),
    "gb_forces": ("Military Forces of the United Kingdom", 8, "foreign", "GBR"),
    "iq_gov_forces": ("Military and Police Forces of Iraq", 1, "government", "IRQ"),
    "iq_peshmerga": ("Kurdish Peshmerga (Kurdistan Regional Government forces)", 1, "kurdish", "IRQ"),
    "ye_gov_forces": ("Military Forces of Yemen (Hadi government)", 1, "government", "YEM"),
    "ye_resistance": ("Yemeni Popular Resistance", 3, "government", "YEM"),
    "houthis": ("Houthis (Ansar Allah) and Saleh-loyal forces", 2, "houthi", "YEM"),
    "sa_coalition": ("Saudi-led coalition in Yemen", 8, "government", "SAU"),
    "sa_forces": ("Military Forces of Saudi Arabia", 8, "foreign", "SAU"),
    "eg_forces": ("Military and Police Forces of Egypt", 1, "government", "EGY"),
    "ly_lna": ("Libyan National Army (Haftar; House of Representatives forces)", 1, "government", "LBY"),
    "ly_dawn": ("Libya Dawn (Fajr Libya; General National Congress militias)", 3, "libya_dawn", "LBY"),
    "ly_militias": ("Libyan militias", 3, "militia", "LBY"),
    "lb_forces": ("Military and Police Forces of Lebanon", 1, "government", "LBN"),
    "jo_forces": ("Military Forces of Jordan", 1, "government", "JOR"),
    "bh_police": ("Police Forces of Bahrain", 1, "government", "BHR"),
    "pkk": ("PKK (Kurdistan Workers' Party)", 2, "kurdish", "TUR"),
    "civilians": ("Civilians (Syria)", 7, "civilian", "SYR"),
    "protesters": ("Protesters (Syria)", 6, "civilian", "SYR"),
    "activists": ("Activists (Syria)", 7, "civilian", "SYR"),
    "unidentified_armed_group": ("Unidentified armed group", 3, "unknown", "SYR"),
}

#: Generic wordings ("الجيش", "security forces", "ارتش", "warplanes", "the coalition", "rebels", "المسلحين") name
#: the forces of the country the text places them in: class -> (ISO3 country -> actor id, default actor id).
#: The default applies only when the text names no country of the table (the Syrian corpus's own case).
_STATE_FORCES = {"SYR": "sy_gov_forces", "IRQ": "iq_gov_forces", "YEM": "ye_gov_forces", "TUR": "tr_forces",
                 "ISR": "il_forces", "RUS": "ru_forces", "SAU": "sa_forces", "GBR": "gb_forces", "IRN": "ir_forces",
                 "EGY": "eg_forces", "LBY": "ly_lna", "LBN": "lb_forces", "JOR": "jo_forces", "BHR": "bh_police"}
#: Outside Syria an unnamed armed group is not the Syrian opposition: ACLED's "Unidentified Armed Group (<country>)".
_UNNAMED_ABROAD = {c: "unidentified_armed_group" for c in ("IRQ", "EGY", "LBN", "TUR", "SAU", "JOR", "BHR")}
GENERIC_CLASSES: dict[str, tuple[dict[str, str], str]] = {
    "state_forces": (_STATE_FORCES, "sy_gov_forces"),
    "air_force": ({**{c: _STATE_FORCES[c] for c in ("SYR", "IRQ", "TUR", "ISR", "EGY", "LBY", "JOR")},
                   "YEM": "sa_coalition", "SAU": "sa_coalition"}, "sy_gov_forces"),
    "coalition": ({"YEM": "sa_coalition", "SAU": "sa_coalition"}, "us_coalition"),
    # "rebels" beside Syria are its rebels wherever they fled or were backed from; Kurdish rebels: kurdish_fighters
    "rebels": ({"SYR": "sy_opposition", "YEM": "houthis", "LBY": "ly_militias"}, "sy_opposition"),
    "militants": ({**_UNNAMED_ABROAD, "SYR": "sy_opposition", "YEM": "unidentified_armed_group",
                   "LBY": "ly_militias"}, "sy_opposition"),
    "militias": ({"SYR": "sy_progov_militia", "IRQ": "iq_militias", "YEM": "houthis", "LBY": "ly_militias",
                  "LBN": "hezbollah"}, "sy_progov_militia"),
    "kurdish_fighters": ({"SYR": "ypg", "TUR": "pkk", "IRQ": "iq_peshmerga"}, "ypg"),
}
#: Ids whose country is the one the text places them in, not a fixed one.
_PLACED_IDS = frozenset({"unidentified_armed_group"})

LABEL_KINDS = ("neutral", "pejorative", "self", "state-wording")

# --------------------------------------------------------------------------------------------
# Phrase matching with word boundaries and clitics
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class WordShape:
    """How ``lang`` attaches material to a lexicon word (``lang/<lang>/morphology.yaml``)."""

    articles: tuple[str, ...]  # an entry starting with one matches after article_prefixes only
    article_prefixes: frozenset[str]  # proclitic sequences ending in the article ("وال", "لل")
    plain_prefixes: frozenset[str]  # the other proclitics and the verb proclitics ("و", "ب", "وس")
    preposition_proclitics: frozenset[str]  # a country carrying one of these is a place ("بتركيا")
    endings: frozenset[str]  # suffixes a word may carry without a wildcard ("قواته", "rebels")
    adjective_after_noun: bool  # "طائرات حربية تركية" vs "Egyptian soldiers"
    apostrophe_in_words: bool  # "army's" is one word


def _flag(lang: str, key: str) -> bool:
    value = (load_yaml(lang, "morphology.yaml") or {}).get(key, False)
    if not isinstance(value, bool):
        raise LanguageDataError(f"{data_path(lang, 'morphology.yaml')}: {key}: expected true or false, got {value!r}")
    return value


@lru_cache(maxsize=32)
def word_shape(lang: str) -> WordShape:
    """The ``WordShape`` of ``lang``; a language without morphology.yaml attaches nothing."""
    proclitics = language_proclitics(lang)
    endings = word_list(lang, "morphology.yaml", "article_endings")
    article_prefixes = frozenset(p for p in proclitics if any(p.endswith(e) for e in endings))
    return WordShape(
        articles=word_list(lang, "morphology.yaml", "articles"),
        article_prefixes=article_prefixes,
        plain_prefixes=frozenset(p for p in proclitics if p not in article_prefixes)
        | frozenset(language_proclitics(lang, "verb_proclitics")),
        preposition_proclitics=frozenset(word_list(lang, "morphology.yaml", "preposition_proclitics")),
        endings=frozenset(word_list(lang, "morphology.yaml", "word_endings")),
        adjective_after_noun=_flag(lang, "adjective_after_noun"),
        apostrophe_in_words=_flag(lang, "apostrophe_in_words"),
    )


@dataclass(slots=True, unsafe_hash=True)
class PhraseMatch:
    """A lexicon hit in the normalized text: ``[start, end)`` covers the whole word(s) incl. clitics.

    Treat it as immutable (it is hashed by its fields).  Not ``frozen``: a frozen dataclass sets each field
    through ``object.__setattr__`` (0.87 instead of 0.19 us per object), and every document's scans make
    ~50 of them."""

    start: int
    end: int
    core_start: int  # start of the lexicon term proper (after any proclitic)
    prefix: str  # proclitic(s) before the term, e.g. "لل", "و"
    payload: Any


class PhraseMatcher:
    """Aho-Corasick matcher of normalized phrases with word-boundary, proclitic and suffix checks.

    Entries are ``(term, payload)``; a term ending in ``*`` matches any continuation of its last word
    (``shell*`` -> shelled, shelling).  What may be attached comes from the language's ``WordShape``:
    terms starting with an article (ar ``ال``) also match after article-bearing proclitics (``للجيش`` for
    ``الجيش``); other terms accept the plain proclitics (ar و ف ب ل ك) and the word endings.
    Overlapping hits resolve leftmost-longest.
    """

    def __init__(self, lang: str, entries: Iterable[tuple[str, Any]]) -> None:
        self.lang = lang
        self.shape = shape = word_shape(lang)
        self.suffixes = shape.endings
        self._auto = ahocorasick.Automaton()
        keys: dict[str, list[tuple[bool, bool, Any]]] = {}
        for term, payload in entries:
            wildcard = term.endswith("*")
            norm = normalize_term(term.rstrip("*"))
            if not norm:
                continue
            has_article = False
            for article in shape.articles:  # at least three letters after it ("الجيش", not "الى")
                if norm.startswith(article) and len(norm) - len(article) > 2:
                    norm, has_article = norm[len(article):], True
                    break
            keys.setdefault(norm, []).append((wildcard, has_article, payload))
        #: key -> (length, variants): what the automaton reports, kept for ``_MatcherGroup``
        self._values = {key: (len(key), tuple(variants)) for key, variants in keys.items()}
        for key, value in self._values.items():
            self._auto.add_word(key, value)
        self.empty = not keys
        #: every proclitic sequence some variant accepts before a hit
        self._attachable = shape.article_prefixes | shape.plain_prefixes
        self._longest_attachable = max(map(len, self._attachable), default=0)
        if not self.empty:
            self._auto.make_automaton()

    def find(self, text: str) -> list[PhraseMatch]:
        """All hits in ``text`` (normalized), leftmost-longest, non-overlapping.

        ``_boundary_ok``'s tests, inline and cheapest first: most automaton hits of a 4 KB article are
        inside other words ("لا" in "الاسلامية") and fail on the letters before them, so the word's end is
        only looked for once its start is acceptable to some variant."""
        if self.empty:
            return []
        return self._resolve(text, self._auto.iter(text))

    def occurs_in(self, text: str) -> bool:
        """Whether some key of the matcher occurs in ``text`` at all, inside a word or not: without one, no
        slice of ``text`` has a hit (one walk, stopped at the first key)."""
        return not self.empty and next(self._auto.iter(text), None) is not None

    def _resolve(self, text: str, found: Iterable[tuple[int, tuple[int, tuple[tuple[bool, bool, Any], ...]]]]
                 ) -> list[PhraseMatch]:
        """``find`` from the automaton's hits ``(last index, (length, variants))`` in ``text``.

        A hit counts when the whole word around it is the term with proclitics it accepts before it (the
        article-bearing sequences for a term that starts with the article, else the plain ones) and an
        ending it accepts after it (any for a wildcard term), and no digit touches the word.  The tests run
        cheapest first: most automaton hits of an article are inside other words ("لا" in "الاسلامية") and
        fail on the letters before them."""
        shape = self.shape
        attachable, article_prefixes, plain_prefixes = self._attachable, shape.article_prefixes, shape.plain_prefixes
        suffixes, apostrophe = self.suffixes, shape.apostrophe_in_words
        n = len(text)
        hits: list[tuple[int, int, int, PhraseMatch]] = []
        longest = self._longest_attachable
        for last, (length, variants) in found:
            start = last - length + 1
            ws = start
            floor = start - longest
            while ws > 0 and text[ws - 1].isalpha():
                ws -= 1
                if ws < floor:
                    break  # more letters before it than any variant takes: inside another word
            if ws != start:
                if ws < floor:
                    continue
                prefix = text[ws:start]
                if prefix not in attachable:
                    continue  # no variant takes these letters before it: inside another word
            elif start > 0 and text[start - 1].isdigit():
                continue
            else:
                prefix = ""
            end = we = last + 1
            while we < n and (text[we].isalpha() or (apostrophe and text[we] == "'")):
                we += 1
            if we < n and text[we].isdigit():
                continue
            plain_end = we == end or text[end:we] in suffixes
            for wildcard, has_article, payload in variants:
                if has_article:
                    if prefix not in article_prefixes:
                        continue
                elif prefix and prefix not in plain_prefixes:
                    continue
                if not (plain_end or wildcard):
                    continue
                core, attached = start, prefix
                if has_article:
                    article = next((a for a in shape.articles if prefix.endswith(a)), "")
                    if article:  # the article belongs to the wording
                        core, attached = start - len(article), prefix[:-len(article)]
                hits.append((ws, ws - we, start - end, PhraseMatch(ws, we, core, attached, payload)))
                break
        hits.sort(key=_HIT_ORDER)
        out: list[PhraseMatch] = []
        covered = -1
        for _, _, _, m in hits:
            if m.start >= covered:
                out.append(m)
                covered = m.end
        return out


#: ``find``'s order of hits: leftmost first, then longest, then the one whose own letters cover most of the
#: word (a listed "طالبانی" beats "طالبان" with the ending ی: the word is the listed one)
_HIT_ORDER = itemgetter(0, 1, 2)


@lru_cache(maxsize=1)
def _data_languages() -> frozenset[str]:
    return frozenset(languages())


def sentence_langs(doc: Document) -> list[str]:
    """Languages to scan a document with: its own and its sentences' (only those with data folders)."""
    have = _data_languages()
    wanted = {doc.lang} | {s.lang for s in doc.sentences}
    out = sorted(lang for lang in wanted if lang in have)
    return out or sorted(have)


class _MatcherGroup:
    """The keys of several ``PhraseMatcher``s of one language in one automaton.  One walk over a text gives
    each matcher the hits its own automaton gives, in the same order (by end position, then longest
    first), so its ``find`` result is the same; the walk, ~60% of ``find`` on a whole article, is made
    once instead of once per matcher (the actor, trigger and modality scans of every document)."""

    def __init__(self, matchers: tuple[PhraseMatcher, ...]) -> None:
        self.matchers = matchers
        merged: dict[str, list[tuple[int, Any]]] = {}
        for idx, matcher in enumerate(matchers):
            for key, value in matcher._values.items():
                merged.setdefault(key, []).append((idx, value))
        self._auto = ahocorasick.Automaton()
        for key, entries in merged.items():
            self._auto.add_word(key, tuple(entries))
        self._auto.make_automaton()

    def hits(self, text: str) -> list[list[tuple[int, Any]]]:
        """Per matcher, its automaton hits ``(last index, (length, variants))`` in ``text``."""
        per: list[list[tuple[int, Any]]] = [[] for _ in self.matchers]
        add = [hits.append for hits in per]
        for last, entries in self._auto.iter(text):
            for idx, value in entries:
                add[idx]((last, value))
        return per


#: The ``matcher_for`` functions ``scan_document`` has been given, in order of first use (the actor,
#: trigger and modality lexicons): a document's text is walked once for all their matchers of a language.
_DOCUMENT_SCANNERS: list[Any] = []
_MAX_SCANNERS = 8
_GROUPS: dict[tuple[int, ...], _MatcherGroup] = {}
#: id(text) -> ``(text, {id(group): (group, hits)})`` for the texts walked last (up to
#: ``RECENT_TEXTS``: the actor, trigger and modality scans of a document are a batch of documents
#: apart when the pipeline runs stage by stage); each entry is one tuple, set whole, so a thread that reads
#: it sees a text and the hits of that text (two threads only miss each other's walks).
_WALKED: list[dict[int, tuple[str, dict[int, Any]]]] = [{}]


def _document_matches(text: str, lang: str, matcher: PhraseMatcher) -> list[PhraseMatch]:
    """``matcher.find(text)``, from one automaton walk over ``text`` shared by every document scanner's
    matcher of ``lang`` (remembered for the recent texts, by identity)."""
    hits = walked_hits(text, lang, matcher)
    return matcher.find(text) if hits is None else matcher._resolve(text, hits)


def walked_hits(text: str, lang: str, matcher: PhraseMatcher) -> list[tuple[int, Any]] | None:
    """``matcher``'s raw automaton hits ``(last index, (length, variants))`` in ``text`` from the walk shared
    by the document scanners' matchers of ``lang`` (what ``matcher._resolve`` reads), or None when
    ``matcher`` is no document scanner's."""
    members: list[PhraseMatcher] = []
    for matcher_for in _DOCUMENT_SCANNERS:
        m = matcher_for(lang)
        if m is not None and not m.empty and all(m is not other for other in members):
            members.append(m)
    if all(m is not matcher for m in members):
        return None
    key = tuple(map(id, members))
    group = _GROUPS.get(key)
    if group is None or any(a is not b for a, b in zip(group.matchers, members, strict=True)):
        if len(_GROUPS) >= 32:
            _GROUPS.clear()
        group = _GROUPS[key] = _MatcherGroup(tuple(members))
    recent = _WALKED[0]
    last = recent.get(id(text))
    if last is None or last[0] is not text:
        if len(recent) >= RECENT_TEXTS:
            recent = _WALKED[0] = {}
        last = recent[id(text)] = (text, {})
    walked: dict[int, tuple[_MatcherGroup, list[list[tuple[int, Any]]]]] = last[1]
    done = walked.get(id(group))
    if done is None or done[0] is not group:
        done = walked[id(group)] = (group, group.hits(text))
    return done[1][members.index(matcher)]


def _register_scanner(matcher_for: Any) -> None:
    """Walk the text for ``matcher_for``'s matchers too when a document is walked (:func:`_document_matches`)."""
    if matcher_for not in _DOCUMENT_SCANNERS:
        if len(_DOCUMENT_SCANNERS) >= _MAX_SCANNERS:
            _DOCUMENT_SCANNERS.clear()
        _DOCUMENT_SCANNERS.append(matcher_for)


def scan_document(doc: Document, matcher_for: Any, *, sentences: bool = True
                  ) -> Iterator[tuple[str, PhraseMatch, Sentence | None]]:
    """Run the per-language matchers over ``doc.norm.text``; yield hits whose sentence is in that language.

    ``matcher_for(lang)`` returns the :class:`PhraseMatcher` for a language.  A hit counts only where the
    sentence (or, without sentences, the document) is in the matcher's language, so Persian "حمله"
    (attack) does not fire on Arabic "حملة" (campaign).  With ``sentences=False`` a caller that does not
    read the sentence gets None for it when the document has one language to scan with (no hit is then
    located: the same hits, without a sentence lookup each).
    """
    ensure_norm(doc)
    assert doc.norm is not None
    text = doc.norm.text
    langs = sentence_langs(doc)
    _register_scanner(matcher_for)
    for lang in langs:
        matcher = matcher_for(lang)
        if matcher is None or matcher.empty:
            continue
        if not sentences and len(langs) == 1:
            for m in _document_matches(text, lang, matcher):
                yield lang, m, None
            continue
        for m in _document_matches(text, lang, matcher):
            raw_start, _ = doc.norm.to_raw(m.start, m.end)
            sent = sentence_at(doc, raw_start)
            sent_lang = sent.lang if sent is not None and sent.lang != "und" else doc.lang
            if len(langs) > 1 and sent_lang in langs and sent_lang != lang:
                continue
            yield lang, m, sent


# --------------------------------------------------------------------------------------------
# The actor dictionary
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorEntry:
    actor_id: str
    name: str
    inter: int
    side: str
    country: str | None
    label_kind: str
    #: a generic wording's class (GENERIC_CLASSES): the actor depends on the country talked about
    generic: str | None = None
    #: a bare country name ("تركيا", "Turkey"): an actor only next to a force word or an attack
    country_name: bool = False

    def attrs(self) -> dict[str, Any]:
        return {"name": self.name, "inter": self.inter, "side": self.side, "country": self.country,
                "label_kind": self.label_kind}


@lru_cache(maxsize=1)
def known_actor_ids() -> frozenset[str]:
    """Canonical actor ids from the actor registry and every language's actors.yaml (the ids an actor
    filter may name)."""
    ids = set(ACTOR_REGISTRY)
    for lang in languages():
        ids.update(((load_yaml(lang, "actors.yaml") or {}).get("actors") or {}).keys())
    return frozenset(ids)


def actor_info(actor_id: str, lang: str | None = None) -> tuple[str, int, str, str | None]:
    """(name, inter, side, country) of a canonical actor id, from the registry or an actors.yaml block."""
    if actor_id in ACTOR_REGISTRY:
        return ACTOR_REGISTRY[actor_id]
    for code in [lang] if lang else languages():
        data = load_yaml(code, "actors.yaml") or {}
        block = (data.get("actors") or {}).get(actor_id)
        if block and "inter" in block:
            return (block.get("name", actor_id), int(block["inter"]), block.get("side", "unknown"),
                    block.get("country"))
    return (actor_id, 8, "unknown", None)


def _entry(actor_id: str, kind: str, info: tuple[str, int, str, str | None], generic: str | None = None,
           country_name: bool = False) -> ActorEntry:
    return ActorEntry(actor_id, info[0], info[1], info[2], info[3], kind, generic, country_name)


def actor_entries(lang: str) -> list[tuple[str, ActorEntry | None]]:
    """(wording, entry) pairs from ``lang/<lang>/actors.yaml``: the actor blocks, then the generic classes
    (entries carrying the class's default actor, resolved per mention by :func:`find_actors`), then the
    ``not_actors`` wordings (entry None)."""
    data = load_yaml(lang, "actors.yaml") or {}
    country_names = frozenset(word_list(lang, "actors.yaml", "country_names"))
    out: list[tuple[str, ActorEntry | None]] = []
    for actor_id, block in (data.get("actors") or {}).items():
        if "inter" in block:
            info = (block.get("name", actor_id), int(block["inter"]), block.get("side", "unknown"),
                    block.get("country"))
        else:
            info = actor_info(actor_id)
        for kind in LABEL_KINDS:
            for wording in block.get(kind) or ():
                out.append((str(wording), _entry(actor_id, kind, info,
                                                 country_name=normalize_term(str(wording)) in country_names)))
    for cls, block in (data.get("generic") or {}).items():
        if cls not in GENERIC_CLASSES:
            raise LanguageDataError(f"{data_path(lang, 'actors.yaml')}: unknown generic class {cls!r} (see GENERIC_CLASSES)")
        default = GENERIC_CLASSES[cls][1]
        for kind in LABEL_KINDS:
            for wording in block.get(kind) or ():
                out.append((str(wording), _entry(default, kind, actor_info(default), generic=cls)))
    # wordings that contain an actor's word but name a thing ("ناقلة جنود"): matched, then dropped
    out.extend((str(wording), None) for wording in data.get("not_actors") or ())
    return out


@dataclass(frozen=True, slots=True)
class _Context:
    """Words around a bare country name that decide whether it is an armed actor."""

    place_before: frozenset[str]  # "ومقره", "في", "based in": the country is a place
    force_before: frozenset[str]  # "قوات", "طيران", "forces of": the country's forces


@lru_cache(maxsize=16)
def _country_context(lang: str) -> _Context:
    return _Context(frozenset(word_list(lang, "actors.yaml", "place_words_before")),
                    frozenset(word_list(lang, "actors.yaml", "force_words_before")))


@lru_cache(maxsize=16)
def _nationality_adjectives(lang: str) -> dict[str, str]:
    """Normalized nationality adjective ("تركية", "التركي") -> ISO3 country, from ``actors.yaml``."""
    data = load_yaml(lang, "actors.yaml") or {}
    return {normalize_term(str(word)): str(country)
            for country, words in (data.get("nationality_adjectives") or {}).items() for word in words or ()}


@lru_cache(maxsize=64)
def _headquarters_patterns(langs: tuple[str, ...]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """actors.yaml ``headquarters``: wording around a place that says where a source or organisation is
    based (``before``: a regex ending right before the place; ``after``: one starting right after it), joined
    over the document's languages.  Such a place tells who speaks, not where the fighting is."""
    before: list[str] = []
    after: list[str] = []
    for lang in langs:
        block = (load_yaml(lang, "actors.yaml") or {}).get("headquarters") or {}
        if not isinstance(block, dict):
            raise LanguageDataError(f"{data_path(lang, 'actors.yaml')}: headquarters: expected a mapping")
        for key, bucket in (("before", before), ("after", after)):
            for pattern in block.get(key) or []:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise LanguageDataError(
                        f"{data_path(lang, 'actors.yaml')}: headquarters.{key}: bad pattern {pattern!r}: {exc}"
                    ) from None
                bucket.append(pattern)
    return (re.compile("(?:" + "|".join(before) + r")\s*$") if before else None,
            re.compile("(?:" + "|".join(after) + ")") if after else None)


@lru_cache(maxsize=16)
def _adjective_matcher(lang: str) -> PhraseMatcher | None:
    """The nationality adjectives of ``lang`` as a phrase matcher (payload: ISO3 country)."""
    table = _nationality_adjectives(lang)
    return PhraseMatcher(lang, table.items()) if table else None


@lru_cache(maxsize=16)
def _adjective_conjunctions(lang: str) -> frozenset[str]:
    """actors.yaml ``adjective_conjunctions``: joining two nationality adjectives before one noun."""
    return frozenset(word_list(lang, "actors.yaml", "adjective_conjunctions"))


def _nationality_next_to(text: str, m: PhraseMatch, lang: str) -> str | None:
    """The country a nationality adjective right next to a generic wording names -- after it in Arabic and
    Persian ("طائرات حربية تركية", "الشرطة المصرية", "ارتش عراقی"), before it in English ("Egyptian
    soldiers"): the adjective says whose forces they are, whatever place the sentence mentions."""
    table = _nationality_adjectives(lang)
    if not table:
        return None
    if word_shape(lang).adjective_after_noun:
        following = _WORD.match(text, m.end + 1) if m.end < len(text) and text[m.end] == " " else None
        return table.get(following.group(0)) if following else None
    before = _words_before(text, m.start, 3)
    if not before or text[m.start - 1:m.start] != " ":
        return None
    if len(before) == 3 and before[1] in _adjective_conjunctions(lang) and before[0] in table:
        return table[before[0]]  # "the Syrian and Russian army": the first named leads
    return table.get(before[-1])


@lru_cache(maxsize=8)
def _country_after_generic(lang: str) -> bool:
    """Does ``lang`` name a force's country right after the generic wording (``actors.yaml``
    ``country_after_generic``; the Persian ezafe: "ارتش افغانستان", "نیروهای امنیتی ترکیه")?"""
    return bool((load_yaml(lang, "actors.yaml") or {}).get("country_after_generic"))


def _country_named_after(text: str, cues: _CountryCues, sentence: int | None, end: int) -> str | None:
    """The country of a place or country name right after a generic wording, one space between ("ارتش
    افغانستان"): the forces are that country's, whatever else the sentence names ("جلال طالبانی رئیس
    جمهور عراق گفت ... ارتش افغانستان")."""
    if text[end:end + 1] != " ":
        return None
    return next((country for c_start, _end, country, rank in cues.by_sentence.get(sentence, ())
                 if c_start == end + 1 and rank != _ADJECTIVE), None)


_WORD = re.compile(r"\w+")


def _words_before(text: str, start: int, n: int) -> list[str]:
    return _WORD.findall(text, max(0, start - 12 * n), start)[-n:]


def _country_is_actor(text: str, m: PhraseMatch, lang: str) -> bool:
    """A bare country name is an armed actor only after a force word ("طيران إسرائيل") or next to an attack
    (the subject of "قصفت تركيا" / "Turkey shelled", the agent of "غارات روسيا"); after a base word or a
    preposition of place ("ومقره بريطانيا", "in Turkey") or anywhere else it is a place or a polity."""
    ctx = _country_context(lang)
    before = _words_before(text, m.start, 2)
    if m.prefix and m.prefix[-1] in word_shape(lang).preposition_proclitics:
        return False  # "بتركيا", "لروسيا": a place or a recipient
    last = before[-1] if before else ""
    pair = " ".join(before[-2:])
    if last in ctx.place_before or pair in ctx.place_before:
        return False
    if last in ctx.force_before or pair in ctx.force_before:
        return True
    from rasad.extract.events import trigger_lexicon  # events builds on this module

    lex = trigger_lexicon(lang)
    if lex is None:
        return False
    lo, hi = max(0, m.start - 40), min(len(text), m.end + 40)
    for t in lex.matcher.find(text[lo:hi]):
        if t.payload.shield:
            continue
        t_start, t_end = t.start + lo, t.end + lo
        if t_end <= m.start and len(_WORD.findall(text, t_end, m.start)) <= 1:
            return True
        if t_start >= m.end and len(_WORD.findall(text, m.end, t_start)) <= 1:
            return True
    return False


#: A country cue: raw ``(start, end, ISO3, rank)`` of a place or polity mention or a nationality adjective.
#: rank 2: a town, province or region -- the scene; 1: a country's name; 0: a nationality adjective.  News of a
#: war names neighbours, backers and borders ("Turkish-backed rebels", "الحدود مع العراق") far more often than
#: the towns of another country, so a town decides and names or adjectives count only without one.
_Cue = tuple[int, int, str, int]
_TOWN, _COUNTRY_NAME, _ADJECTIVE = 2, 1, 0
#: How many sentences back a generic wording looks for the country its paragraph is about.
_CONTEXT_SENTENCES = 2


@dataclass(slots=True)
class _CountryCues:
    """Where a document places things: its country cues per sentence, and its countries by weight."""

    by_sentence: dict[int | None, list[_Cue]]
    ranked: list[str]
    paragraph_of: dict[int, int]


def _country_cues(doc: Document) -> _CountryCues:
    """Country cues of ``doc``: place and polity mentions (the places stage runs first; each carries its
    country) and nationality adjectives anywhere in the text ("مصدر أمني عراقي", "Egyptian officials")."""
    assert doc.norm is not None
    starts = [s.start for s in doc.sentences]
    cues: list[tuple[int | None, _Cue]] = []
    towns: dict[str, set[str]] = {}  # country -> its distinct towns in the text
    langs = tuple(sentence_langs(doc))
    base_before, base_after = _headquarters_patterns(langs)
    # a text without any of the strings every headquarters wording contains (most texts) has none
    # before or after any place: one look over the whole text instead of one per place
    if base_before is not None and not may_match(base_before, doc.text, 0, len(doc.text)):
        base_before = None
    if base_after is not None and not may_match(base_after, doc.text, 0, len(doc.text)):
        base_after = None
    for p in doc.mentions:
        if p.kind != "place" and (p.kind != "polity" or p.attrs.get("role") == "team"):
            continue  # a country naming a side in a sports report places no fighting
        country = p.attrs.get("country")
        if not country:
            continue  # no cue, wherever it stands (tested first: the wording tests below are regexes)
        if (base_after is not None and base_after.match(doc.text, p.end)) or (
                base_before is not None and may_match(base_before, doc.text, max(0, p.start - 40), p.start)
                and base_before.search(doc.text, max(0, p.start - 40), p.start)):
            continue  # where a source is based ("the Britain-based monitor", "ومقره لندن") is no scene
        rank = _TOWN if p.kind == "place" and p.attrs.get("feature") not in ("country", None) else _COUNTRY_NAME
        cues.append((p.sentence, (p.start, p.end, str(country), rank)))
        if rank == _TOWN:
            towns.setdefault(str(country), set()).add(p.canonical_id or p.text)
    for lang in langs:
        matcher = _adjective_matcher(lang)
        if matcher is None:
            continue
        for w in _document_matches(doc.norm.text, lang, matcher):
            raw_start, raw_end = doc.norm.to_raw(w.core_start, w.end)
            index = bisect_right(starts, raw_start) - 1
            cues.append((doc.sentences[index].index if index >= 0 else None,
                         (raw_start, raw_end, w.payload, _ADJECTIVE)))
    # a lone town of a country the text never names nor describes is more often a homonym than a front when
    # another country weighs more in the text ("Salim" read as a Palestinian village in a note on Homs by
    # "the Syrian army"); it stays when nothing outweighs it ("in Taiz" alone)
    named = {cue[2] for _, cue in cues if cue[3] != _TOWN}
    weight = {c: _CUE_WEIGHTS[_TOWN] * len(ids) for c, ids in towns.items()}  # each town once
    for _, cue in cues:
        if cue[3] != _TOWN:
            weight[cue[2]] = weight.get(cue[2], 0.0) + _CUE_WEIGHTS[cue[3]]
    heaviest = max(weight.values(), default=0.0)
    lone = {c for c, ids in towns.items() if len(ids) == 1 and c not in named and weight.get(c, 0.0) < heaviest}
    if lone:
        cues = [(sent, cue) for sent, cue in cues if not (cue[3] == _TOWN and cue[2] in lone)]
    by_sentence: dict[int | None, list[_Cue]] = {}
    for sent, cue in cues:
        by_sentence.setdefault(sent, []).append(cue)
    # a document's countries by its places; a nationality adjective ("المرصد السوري") weighs half a place
    weights: dict[str, float] = {}
    for _, (_start, _end, country, rank) in cues:
        weights[country] = weights.get(country, 0.0) + (1.0 if rank != _ADJECTIVE else 0.5)
    ranked = sorted(weights, key=lambda c: -weights[c])  # stable: ties keep the first cue's order
    para_starts = [p.start for p in doc.paragraphs]
    paragraph_of = {s.index: bisect_right(para_starts, s.start) - 1 for s in doc.sentences} if para_starts else {}
    return _CountryCues(by_sentence, ranked, paragraph_of)


#: Weight of a cue by its rank (adjective, country name, town), and what the document's main country adds
#: when the sentence names it too: "Iraq and Syria" in a Syrian report stays Syrian, "في الرمادي" in it is
#: Iraqi, "Turkey" alone is Turkey.
_CUE_WEIGHTS = (0.5, 1.0, 2.0)
_MAIN_COUNTRY_WEIGHT = 1.0
#: Countries that are not taken for the scene of a generic wording: "Washington" is mostly a statement.
_NO_OWN_FORCES = frozenset({"USA"})
#: Suffix of the ids made for the state forces of countries without an own id ("afg_forces").
_FORCES_OF = "_forces"


def _scene(cues: list[_Cue], start: int, end: int, main: str | None) -> str | None:
    """The country the cues place ``[start, end)`` in: the country with the most weight among the cues, the
    document's main country a little more; the nearest cue breaks ties.  None without cues."""
    if not cues:
        return None
    score: dict[str, float] = {}
    nearest: dict[str, int] = {}
    for c_start, c_end, country, rank in cues:
        if country in _NO_OWN_FORCES:
            continue  # "Washington", "the United States": who speaks or backs, hardly ever where it happens
        score[country] = score.get(country, 0.0) + _CUE_WEIGHTS[rank]
        dist = max(start - c_end if c_end <= start else c_start - end, 0)
        nearest[country] = min(dist, nearest.get(country, dist))
    if main in score:
        score[main] += _MAIN_COUNTRY_WEIGHT
    return min(score, key=lambda c: (-score[c], nearest[c])) if score else None


def _context_country(cues: _CountryCues, sentence: int | None) -> str | None:
    """The country the sentences just before ``sentence`` in its paragraph are about (:func:`_scene` at
    their end): the report goes on about the same front ("... في الأنبار. وقال إن الجيش ...")."""
    if sentence is None:
        return None
    paragraph = cues.paragraph_of.get(sentence)
    for back in range(sentence - 1, max(-1, sentence - 1 - _CONTEXT_SENTENCES), -1):
        if cues.paragraph_of.get(back) != paragraph:
            break
        before = cues.by_sentence.get(back)
        if before:
            end = max(cue[1] for cue in before)
            return _scene(before, end, end, cues.ranked[0] if cues.ranked else None)
    return None


def _resolve_generic(entry: ActorEntry, cues: _CountryCues, sentence: int | None, start: int, end: int,
                     adjacent: str | None = None, named: str | None = None) -> ActorEntry:
    """The actor a generic wording names: the forces (or the unnamed armed group, the militias ...) of the
    country the text places it in -- the nationality adjective next to it, else the country named right
    after it (``named``, :func:`_country_named_after`), else the scene of its sentence
    (:func:`_scene`), else of the sentences just before it, else the document's main country; the class
    default (Syria's) when the scene has no id in the class or nothing names a country of its table."""
    if entry.generic is None:  # a named unnamed group ("مسلحون مجهولون"): its id stays, its country is placed
        table, default = GENERIC_CLASSES["state_forces"][0], entry.actor_id
        table = dict.fromkeys(table, entry.actor_id)
    else:
        table, default = GENERIC_CLASSES[entry.generic]
    if adjacent is not None and adjacent not in table and entry.generic == "air_force":
        table = GENERIC_CLASSES["state_forces"][0]  # "طائرات حربية روسية": the Russian air force
    country = adjacent if adjacent in table else None
    if country is None and named is not None and named not in _NO_OWN_FORCES:
        country = named  # "ارتش افغانستان": the country the ezafe names, with or without an id in the class
    if country is None:
        country = _scene(cues.by_sentence.get(sentence, []), start, end, cues.ranked[0] if cues.ranked else None)
    if country is None:
        country = _context_country(cues, sentence)
    if country is None:
        country = next((c for c in cues.ranked if c not in _NO_OWN_FORCES), None)
    actor_id = _actor_abroad(entry, table, default, country)
    if actor_id == entry.actor_id and actor_id not in _PLACED_IDS:
        return entry
    if country and actor_id == country.lower() + _FORCES_OF:  # the state forces of a country without an own id
        return _entry(actor_id, entry.label_kind, (f"Military and Police Forces of {country}", 1, "government",
                                                    country), generic=entry.generic)
    info = actor_info(actor_id)
    if actor_id in _PLACED_IDS and country:
        info = (info[0], info[1], info[2], country)
    return _entry(actor_id, entry.label_kind, info, generic=entry.generic)





def _actor_abroad(entry: ActorEntry, table: dict[str, str], default: str, country: str | None) -> str:
    """The id for a generic wording placed in ``country``: the class's own entry for it; the class default
    without a country, in Syria, for the coalition or for the United States; else, for a country the class
    has no entry for, its state forces (a made ``<iso3>_forces`` id) or an unidentified armed group."""
    if entry.generic is None or country is None:
        return default
    if country in table:
        return table[country]
    if country == "SYR" or country in _NO_OWN_FORCES or entry.generic == "coalition":
        return default
    if entry.generic in ("state_forces", "air_force"):
        return country.lower() + _FORCES_OF
    return "unidentified_armed_group"


@lru_cache(maxsize=1)
def _coordination_gap() -> re.Pattern[str]:
    """What joins two parties named together ("بين قوات الأمن التركية والمسلحين", "the Egyptian army and
    militants"): a comma or one of the ``coordination_words`` of any language's actors.yaml, as written
    (the gap is raw text)."""
    words = sorted({w for lang in _data_languages() for w in word_list(lang, "actors.yaml", "coordination_words",
                                                                        normalize=False)}, key=lambda w: (-len(w), w))
    alternatives = [r"\s+".join(map(re.escape, w.split())) for w in words if w.strip()]
    return re.compile(r"\s*(?:" + "|".join([*alternatives, ",", "،"]) + r")\s*", re.I)


def _partner_country(text: str, previous: Mention, start: int) -> str | None:
    """The country of a named state force joined to a generic wording by "و/and" ("اشتباكات بين قوات
    الأمن التركية والمسلحين"): the two sides of one fight are placed in one country."""
    country = previous.attrs.get("country")
    state = previous.attrs.get("inter") == 1 or previous.canonical_id in _STATE_FORCES.values()
    if not country or not state or previous.sentence is None:
        return None
    gap = text[previous.end:start]
    words = gap.split()
    if words and _nationality_adjectives(previous.lang).get(normalize_term(words[0])) == country:
        gap = gap.split(words[0], 1)[1]  # the adjective that named it: "قوات الأمن التركية والمسلحين"
    return str(country) if _coordination_gap().fullmatch(gap) else None


@lru_cache(maxsize=16)
def actor_matcher(lang: str) -> PhraseMatcher | None:
    entries = actor_entries(lang)
    return PhraseMatcher(lang, entries) if entries else None


def find_actors(doc: Document) -> list[Mention]:
    """Actor mentions in ``doc`` with raw offsets, canonical ids and the outlet's wording.

    Generic wordings are resolved to the country of the nearest place mention in their sentence (the
    places stage runs first), else the document's main country; bare country names are kept only where
    they act (:func:`_country_is_actor`)."""
    ensure_norm(doc)
    assert doc.norm is not None
    # the nationality adjectives (:func:`_country_cues`, needed by most documents that have a generic
    # wording) are found in the same walk over the text as the actor, trigger and modality words
    _register_scanner(_adjective_matcher)
    mentions: list[Mention] = []
    cues: _CountryCues | None = None
    for lang, m, sent in scan_document(doc, actor_matcher):
        entry: ActorEntry | None = m.payload
        if entry is None:
            continue  # a wording that is not an actor ("ناقلة جنود" = armoured personnel carrier)
        if entry.country_name and not _country_is_actor(doc.norm.text, m, lang):
            continue
        raw_start, raw_end = doc.norm.to_raw(m.core_start, m.end)
        if entry.generic is not None or entry.actor_id in _PLACED_IDS:
            if cues is None:
                cues = _country_cues(doc)
            adjacent = _nationality_next_to(doc.norm.text, m, lang) if entry.generic is not None else None
            named = _country_named_after(doc.text, cues, sent.index if sent is not None else None, raw_end) \
                if adjacent is None and entry.generic is not None and _country_after_generic(lang) else None
            if adjacent is None and named is None and mentions:
                adjacent = _partner_country(doc.text, mentions[-1], raw_start)
            entry = _resolve_generic(entry, cues, sent.index if sent is not None else None, raw_start, raw_end,
                                     adjacent, named)
        attrs = entry.attrs()
        if entry.generic is not None:
            attrs["generic"] = entry.generic
        mentions.append(Mention(
            start=raw_start, end=raw_end, text=doc.text[raw_start:raw_end], kind="actor",
            canonical_id=entry.actor_id, sentence=sent.index if sent is not None else None,
            lang=lang, source="actors", attrs=attrs,
        ))
    mentions.sort(key=lambda x: x.start)
    return mentions


def warm_up() -> None:
    """Compile every language's actor matcher now (benchmarks and servers call this once)."""
    for lang in _data_languages():
        actor_matcher(lang)


def actors_stage(doc: Document) -> None:
    """Pipeline stage ``actors``: replace the document's actor mentions with a fresh scan."""
    doc.mentions = [m for m in doc.mentions if m.kind != "actor"]
    doc.mentions.extend(refine_mentions(doc.text, find_actors(doc)))


def actor_ref(mention: Mention) -> ActorRef:
    """The :class:`ActorRef` of an actor mention (keeps the document's wording)."""
    a = mention.attrs
    return ActorRef(
        canonical_id=mention.canonical_id, name=a.get("name", mention.canonical_id or mention.text),
        text=mention.text, inter=a.get("inter"), side=a.get("side"), country=a.get("country"),
        label_kind=a.get("label_kind"), start=mention.start, end=mention.end,
    )
