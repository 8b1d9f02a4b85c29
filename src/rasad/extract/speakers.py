"""Speakers: who a source phrase names -- a known organisation or person, an anonymous official, an
unnamed group (activists), or an unknown person recognised from a role/title cue and name-like words.

Language data: ``lang/<lang>/speakers.yaml`` (aliases of canonical entities, role nouns, anonymous
descriptors, unnamed groups, nationalities, titles, common given names).  Canonical records (English
name, side, kind) are merged over all languages by id, so ``ar``/``fa`` files only list aliases.

Matching runs over *tokens of the normalized text* (see ``tokenize``); Arabic tokens may carry
proclitics ("والمرصد"), so the first token of a phrase is also tried with them stripped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter
from typing import Any, NamedTuple

from rasad.lang import LanguageDataError, data_path, languages, load_yaml, word_list
from rasad.model import Document, Sentence, Speaker
from rasad.text.normalize import normalize_term, proclitic_stem_candidates

#: a word, with its inner dots, apostrophes and hyphens; possessive quantifiers (the same matches: what
#: follows a run of word characters is never one) keep the engine from saving backtracking points
_TOKEN_RE = re.compile(r"\w++(?:[.'\-]\w++)*+")


class Token(NamedTuple):
    """A word of the normalized text with its normalized offsets (a tuple: cheap to make by the thousand)."""

    start: int
    end: int
    text: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of ``text[start:end]`` (offsets stay relative to ``text``)."""
    return _tokens_and_texts(text, start, len(text) if end is None else end)[0]


def _tokens_and_texts(text: str, start: int, end: int) -> tuple[list[Token], list[str]]:
    """``tokenize`` and the tokens' texts (the list ``token_texts`` hands out), from one regex pass."""
    # built column-wise with C-level maps: a third faster than Token(m.start(), ...) per match
    ms = list(_TOKEN_RE.finditer(text, start, end))
    texts = list(map(_MATCH_GROUP, ms))
    # Token from each (start, end, text) tuple without Python-level calls: tuple.__new__(Token, ...)
    return list(map(tuple.__new__, repeat(Token), zip(map(_MATCH_START, ms), map(_MATCH_END, ms), texts,
                                                      strict=True))), texts


_MATCH_START, _MATCH_END, _MATCH_GROUP = re.Match.start, re.Match.end, re.Match.group


_TOKEN_CACHE: list[tuple[str, dict[tuple[int, int], list[Token]]]] = []
_SCAN_CACHE: dict[tuple[int, int, str], tuple[list[Token], list[Item]]] = {}  # see scan_cached
_TEXTS_CACHE: dict[int, tuple[list[Token], list[str]]] = {}  # see token_texts


def tokenize_cached(text: str, start: int, end: int) -> list[Token]:
    """``tokenize(text, start, end)``, remembered for the last text seen: the attribution, outlet and
    claims passes all tokenize the same sentences of the same document.  The cache holds the text
    itself, so identity (``is``) is a safe key.  The lists are shared: do not modify them."""
    cache = _token_cache(text)
    toks = cache.get((start, end))
    if toks is None:
        toks, texts = _tokens_and_texts(text, start, end)
        cache[(start, end)] = toks
        _TEXTS_CACHE[id(toks)] = (toks, texts)
    return toks


def _token_cache(text: str) -> dict[tuple[int, int], list[Token]]:
    """``tokenize_cached``'s token lists of ``text`` by span; the caches are emptied when the text is not the
    last one seen."""
    if not _TOKEN_CACHE or _TOKEN_CACHE[0][0] is not text:
        _TOKEN_CACHE[:] = [(text, {})]
        _SCAN_CACHE.clear()
        _TEXTS_CACHE.clear()
    return _TOKEN_CACHE[0][1]


def token_texts(tokens: list[Token]) -> list[str]:
    """The tokens' texts; for a sentence's list from ``tokenize_cached`` made once and shared (keyed by
    the list's identity, holding the list, emptied with the token cache): the lexicon scans of the
    attribution, name, outlet and claims passes each read them.  Do not modify the list."""
    hit = _TEXTS_CACHE.get(id(tokens))
    if hit is not None and hit[0] is tokens:
        return hit[1]
    return list(map(_TOKEN_TEXT, tokens))


_SENTENCE_TOKENS: list[tuple[Document, list[Sentence], str, Any, list[tuple[int, int, list[Token]]]]] = []


def sentence_tokens(doc: Document) -> list[tuple[int, int, list[Token]]]:
    """Normalized start, end and tokens (``tokenize_cached``) of each of ``doc.sentences``, worked out
    once per document for outlet inference and the cue, source-kind and person-name passes: remembered
    for the last document (by the identity of the document, its sentence list and its normalized text;
    ``analyse_document`` empties it first, as the document may have changed since).  Shared: do not
    modify."""
    norm = doc.norm
    assert norm is not None
    sents = doc.sentences
    if _SENTENCE_TOKENS:
        d, ss, text, nrm, spans = _SENTENCE_TOKENS[0]
        if d is doc and ss is sents and text is norm.text and nrm is norm and len(spans) == len(sents):
            return spans
    text, starts = norm.text, norm.starts
    spans = []
    for sent in sents:
        if starts is None:
            ns, ne = sent.start, sent.end
        else:  # NormalizedText.from_raw
            ns, ne = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        spans.append((ns, ne, tokenize_cached(text, ns, ne)))
    _SENTENCE_TOKENS[:] = [(doc, sents, text, norm, spans)]
    return spans


def forget_sentence_tokens() -> None:
    """Drop the document ``sentence_tokens`` remembers (it may have changed since it was last seen)."""
    _SENTENCE_TOKENS.clear()


SPEAKERS_FILE = "speakers.yaml"


@dataclass(frozen=True)
class FirstWordRules:
    """How the first word of a phrase may be written with proclitics attached (``first_word`` in
    speakers.yaml): "والمرصد" is "المرصد", "للعربية" is "العربية"."""

    proclitics: tuple[str, ...] = ()  # stripped from the front, in the listed order (longest first)
    min_stem: int = 2  # letters that must remain after a proclitic
    article: str = ""  # the article ...
    article_lam: tuple[str, ...] = ()  # ... whose first letter these lam sequences swallow ("لل" + عربية)
    #: first letters of the words that may have more than one form; any other word is only itself
    first_letters: str = ""


@lru_cache(maxsize=16)
def first_word_rules(lang: str) -> FirstWordRules:
    data = load_yaml(lang, SPEAKERS_FILE) or {}
    section = data.get("first_word") or {}
    where = f"{data_path(lang, SPEAKERS_FILE)}: first_word"
    if not isinstance(section, dict):
        raise LanguageDataError(f"{where}: expected a mapping")
    min_stem = section.get("min_stem", 2)
    if not isinstance(min_stem, int) or isinstance(min_stem, bool) or min_stem < 1:
        raise LanguageDataError(f"{where}.min_stem: expected a whole number of letters >= 1, got {min_stem!r}")
    article = section.get("article") or ""
    if not isinstance(article, str):
        raise LanguageDataError(f"{where}.article: expected a word, got {article!r}")
    proclitics = word_list(lang, SPEAKERS_FILE, "first_word.proclitics")
    article_lam = word_list(lang, SPEAKERS_FILE, "first_word.article_lam")
    first_letters = "".join(dict.fromkeys(p[0] for p in (*proclitics, *article_lam)))
    return FirstWordRules(proclitics, min_stem, normalize_term(article), article_lam, first_letters)


@lru_cache(maxsize=65536)
def token_forms(tok: str, lang: str, first: bool) -> list[str]:
    """Forms a token may match as: itself, and (first token of a phrase) without the proclitics of
    ``first_word_rules`` -- the longest strip last -- and with the article restored after a lam."""
    if not first:
        return [tok]
    rules = first_word_rules(lang)
    if tok[:1] not in rules.first_letters:
        return [tok]  # no proclitic (nor lam sequence) starts with its first letter (``first_letters`` is
        # empty for a language without them)
    min_stem = rules.min_stem
    forms = proclitic_stem_candidates(tok, rules.proclitics, min_stem)
    article = rules.article
    for pre in rules.article_lam:
        # "للعربية" / "وللمرصد" = ل + ال...: the article's alif is dropped after ل
        if tok.startswith(pre) and len(tok) - len(pre) >= min_stem and article + tok[len(pre):] not in forms:
            forms.append(article + tok[len(pre):])
    return forms


_TOKEN_TEXT = itemgetter(2)  # Token.text
_TUPLE_NEW = tuple.__new__


class PhraseTrie:
    """Longest-match lookup of token sequences.  Values are dicts ``tag -> data`` (a phrase may be tagged
    several ways, e.g. "مسؤول" is both a role noun and an anonymous descriptor)."""

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}
        self._first: dict[str, frozenset[str]] = {}  # lang -> every word at which a phrase may start
        self._letters: dict[str, str] = {}  # lang -> first letters of words a proclitic may be stripped from
        #: lang -> first word -> the root nodes of its forms, in ``token_forms`` order, the match of a
        #: word whose forms are one-word phrases only, and the words that may follow a word none of whose
        #: forms is a phrase alone (see ``_longest``)
        self._heads: dict[str, dict[str, tuple[tuple[dict[str, Any], ...], tuple[int, dict[str, Any]] | None,
                                                frozenset[str] | None]]] = {}

    def add(self, phrase: str, tag: str, data: Any) -> None:
        words = normalize_term(phrase).split()
        if not words:
            return
        self._first.clear()
        self._heads.clear()
        node = self.root
        for w in words:
            node = node.setdefault(w, {})
        node.setdefault("\0", {}).setdefault(tag, data)

    def may_start(self, word: str, lang: str) -> bool:
        """Some phrase may start at a token ``word``: it is a first word or, after a proclitic, one of its
        forms is (what ``match`` tries)."""
        root = self.root
        return word in root or (word[:1] in first_word_rules(lang).first_letters
                                and any(f in root for f in token_forms(word, lang, True)))

    def first_words(self, lang: str) -> frozenset[str]:
        """Every word ``may_start`` accepts, computed once per language: the first words, and each of
        them with whatever ``token_forms`` strips in front -- kept where ``may_start`` agrees (a prefix
        is only stripped while two letters remain)."""
        first = self._first.get(lang)
        if first is None:
            root = [w for w in self.root if w != "\0"]
            rules = first_word_rules(lang)
            # a proclitic (or lam sequence) before a first word that keeps ``min_stem`` letters is one
            # ``token_forms`` strips again, so ``may_start`` accepts it: asked only for the short ones
            # (the full test on every form cost ~25 ms per process)
            long = [w for w in root if len(w) >= rules.min_stem]
            words = set(root)
            maybe: set[str] = set()
            for pre in rules.proclitics:
                words.update(pre + w for w in long)
                maybe.update(pre + w for w in root if len(w) < rules.min_stem)
            if rules.article:
                cut = len(rules.article)
                for w in root:
                    if w.startswith(rules.article):
                        (words if len(w) - cut >= rules.min_stem else maybe).update(pre + w[cut:]
                                                                                   for pre in rules.article_lam)
            words.update(w for w in maybe - words if self.may_start(w, lang))
            first = self._first[lang] = frozenset(words)
        return first

    def starts(self, tokens: list[Token], lang: str) -> list[int]:
        """Indexes of the tokens at which some phrase may start (``may_start``): the only places
        ``match`` can succeed.  Loops that try ``match`` at every token try it at these instead -- same
        matches, a fraction of the calls.  One set lookup per token, in C."""
        first = self._first.get(lang)
        if first is None:
            first = self.first_words(lang)
        hit = _TEXTS_CACHE.get(id(tokens))  # token_texts(tokens), without the call
        texts = hit[1] if hit is not None and hit[0] is tokens else list(map(_TOKEN_TEXT, tokens))
        if first.isdisjoint(texts):
            return []  # most sentences hold no cue or outlet word: one C-level pass that stops at a hit
        return list(compress(range(len(texts)), map(first.__contains__, texts)))

    def match_starts(self, tokens: list[Token], lang: str) -> list[int]:
        """``starts`` less the tokens whose word begins only phrases of two or more words none of which the
        next word continues (known once ``match`` has looked the word up, see ``_longest``): still every
        token at which ``match`` succeeds, for a loop that tries ``match`` at each ("علي" before anything
        but "لسان" is no reporting cue, and most of its occurrences are not)."""
        found = self.starts(tokens, lang)
        heads = self._heads.get(lang)
        if not found or not heads:
            return found
        texts = token_texts(tokens)
        last = len(texts) - 1
        out = []
        for k in found:
            entry = heads.get(texts[k])
            if entry is not None and entry[2] is not None and (k == last or texts[k + 1] not in entry[2]):
                continue
            out.append(k)
        return out

    def scan(self, tokens: list[Token], lang: str) -> list[Item]:
        """Matches from left to right, longest first, not overlapping (``match`` at each of ``starts``
        that is not inside the previous match)."""
        # ``starts`` and ``_longest`` inlined as far as they are cheap: this runs on every sentence (person
        # names) and on every source phrase
        first = self._first.get(lang)
        if first is None:
            first = self.first_words(lang)
        hit = _TEXTS_CACHE.get(id(tokens))
        texts = hit[1] if hit is not None and hit[0] is tokens else list(map(_TOKEN_TEXT, tokens))
        if first.isdisjoint(texts):
            return []
        heads = self._heads.get(lang)
        if heads is None:
            heads = self._heads[lang] = {}
        items: list[Item] = []
        i = 0
        for k in compress(range(len(texts)), map(first.__contains__, texts)):
            if k < i:
                continue  # inside the previous match
            entry = heads.get(texts[k])
            # (a word known to make one-word phrases only: its match without the walk)
            if entry is not None:
                if entry[1] is not None:
                    m = entry[1]
                elif entry[2] is not None and (k + 1 >= len(texts) or texts[k + 1] not in entry[2]):
                    continue  # (the word begins only longer phrases, and the next word continues none)
                else:
                    m = self._longest(tokens, k, texts[k], lang)
            else:
                m = self._longest(tokens, k, texts[k], lang)
            if m:
                i = k + m[0]
                items.append(_TUPLE_NEW(Item, (k, i, m[1])))  # (``Item(k, i, m[1])``)
        return items

    def _stripped_letters(self, lang: str) -> str:
        """``first_word_rules(lang).first_letters``, looked up once per language."""
        letters = self._letters.get(lang)
        if letters is None:
            letters = self._letters[lang] = first_word_rules(lang).first_letters
        return letters

    def match(self, tokens: list[Token], i: int, lang: str) -> tuple[int, dict[str, Any]] | None:
        """Longest phrase starting at token ``i``: (number of tokens, tags)."""
        text = tokens[i][2]
        first = self._first.get(lang)
        if text not in (self.first_words(lang) if first is None else first):
            return None  # no form of the word begins a phrase: most calls end here, after one set lookup
        return self._longest(tokens, i, text, lang)

    def _longest(self, tokens: list[Token], i: int, text: str, lang: str) -> tuple[int, dict[str, Any]] | None:
        """``match`` for a token ``text`` already known to be in ``first_words``."""
        heads = self._heads.get(lang)
        if heads is None:
            heads = self._heads[lang] = {}
        entry = heads.get(text)
        if entry is None:
            # (only words of ``first_words`` get here, so this holds at most one entry for each of them)
            nodes = self._head_nodes(text, lang)
            # a word every form of which is a whole phrase and begins no longer one ("قال", most role
            # nouns) matches the same at every position: its first form's phrase, one token long
            single = (1, nodes[0]["\0"]) if nodes and all(len(node) == 1 and "\0" in node for node in nodes) \
                else None
            # a word no form of which is a phrase by itself ("علي" of "علي لسان", Persian "در" of "در کنترل",
            # "the"): a match needs the next word to continue one of its forms' phrases -- most of these
            # words stand before anything else, and are rejected with one set lookup instead of the walks
            nexts = frozenset(k for node in nodes for k in node if k != "\0") \
                if not any("\0" in node for node in nodes) else None
            entry = heads[text] = (nodes, single, nexts)
        nodes, single, nexts = entry
        if single is not None:
            return single
        n = len(tokens)
        if nexts is not None and (i + 1 >= n or tokens[i + 1][2] not in nexts):
            return None
        best: tuple[int, dict[str, Any]] | None = None
        for node in nodes:
            j = i + 1
            while node is not None:
                tags = node.get("\0")
                if tags is not None and (best is None or j - i > best[0]):
                    best = (j - i, tags)
                if j >= n:
                    break
                node = node.get(tokens[j][2])
                j += 1
        return best

    def _head_nodes(self, text: str, lang: str) -> tuple[dict[str, Any], ...]:
        """The root nodes of a first word's forms (the word itself, then what ``token_forms`` strips), in
        that order: worked out once per word instead of the forms and their root lookups at every match."""
        letters = self._letters.get(lang)
        if letters is None:
            letters = self._stripped_letters(lang)
        # a first letter no proclitic starts with: the token is its only form
        forms = token_forms(text, lang, True) if text[0] in letters else (text,)
        root = self.root
        return tuple(root[form] for form in forms if form in root)


@dataclass
class SpeakerLexicon:
    lang: str
    trie: PhraseTrie
    entities: dict[str, dict[str, Any]]
    given_names: frozenset[str]
    particles: frozenset[str]
    modifiers: frozenset[str]
    domain_orgs: dict[str, dict[str, str]] = field(default_factory=dict)
    honorifics: frozenset[str] = frozenset()  # titles kept as part of a name ("آیت‌الله مکارم شیرازی")
    non_name: frozenset[str] = frozenset()  # institution nouns that never begin a person's name
    group_heads: frozenset[str] = frozenset()  # nouns that close a group's name ("opposition *forces*")
    name_stop: frozenset[str] = frozenset()  # function words never part of a person's name
    institution_stop: frozenset[str] = frozenset()  # words that end an institution's name (name_stop included)
    capitalised: bool = False  # names.capitalised: a name is written with a capital letter (English)
    #: "الشرطة ومصادر طبية": a conjunction (a word, or attached to one) before a coordinated source
    source_conjunctions: tuple[str, ...] = ()
    #: unnamed coordinated sources, none of them known, are one group named as written (Arabic)
    merge_coordinated_unnamed: bool = False
    #: "مسؤول طبي": an indefinite adjective with one of these endings after an anonymous descriptor
    nisba_suffixes: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # names.articles: a word starting with one is definite
    #: names.adjectives: a one-word alias that is one of these, after a definite word, is that word's
    #: adjective ("دولة الإمارات العربية" is not the channel العربية)
    adjectives: frozenset[str] = frozenset()
    #: "مصادر في الشرطة", "a source in Salamiyeh National Hospital": the body a source belongs to
    body_prepositions: frozenset[str] = frozenset()
    body_articles: frozenset[str] = frozenset()  # a separate article before that body ("at *the* ...")
    #: apposition "NAME ROLE [ORG]" at the head of a phrase ("خالد الخلف عضو المجلس الوطني")
    name_before_role: bool = False


@lru_cache(maxsize=1)
def canonical_entities() -> dict[str, dict[str, Any]]:
    """All canonical source entities by id, their records merged over the language files."""
    merged: dict[str, dict[str, Any]] = {}
    for lang in languages():
        data = load_yaml(lang, "speakers.yaml") or {}
        for ent in data.get("entities", []):
            rec = merged.setdefault(ent["id"], {"id": ent["id"]})
            for k, v in ent.items():
                if k != "aliases" and v is not None:
                    rec.setdefault(k, v)
    for rec in merged.values():
        rec.setdefault("name", rec["id"].split(":", 1)[-1].replace("_", " ").title())
        rec.setdefault("kind", "organisation")
    return merged


@lru_cache(maxsize=1)
def descriptor_entities() -> dict[str, tuple[str, ...]]:
    """Descriptor kinds that stand for one of a few known sources (speakers.yaml ``descriptor_entities``,
    merged over the languages): "the coalition" is the US-led coalition or the Syrian opposition
    coalition, whichever the text names more; the first listed when it names neither."""
    merged: dict[str, tuple[str, ...]] = {}
    for lang in languages():
        data = load_yaml(lang, "speakers.yaml") or {}
        raw = data.get("descriptor_entities") or {}
        if not isinstance(raw, dict) or not all(
                isinstance(v, list) and v and all(isinstance(e, str) for e in v) for v in raw.values()):
            raise LanguageDataError(f"{data_path(lang, SPEAKERS_FILE)}: descriptor_entities: expected a mapping "
                                    "of descriptor kinds to lists of entity ids")
        for kind, ids in raw.items():
            merged.setdefault(str(kind), tuple(ids))
    return merged


def organisation_name(org: str | None) -> str | None:
    """Display name of an organisation given by canonical id (``org:snc`` -> "Syrian National Council");
    outlets by their outlet name; anything else as given."""
    if not org or not org.startswith("org:"):
        return org
    rec = canonical_entities().get(org)
    if rec and rec.get("name"):
        return str(rec["name"])
    from rasad.extract.outlets import display_outlet

    return display_outlet(org)


@lru_cache(maxsize=8)
def speaker_lexicon(lang: str) -> SpeakerLexicon:
    data = load_yaml(lang, "speakers.yaml") or {}
    en = load_yaml("en", "speakers.yaml") or {}
    name_stop = frozenset(normalize_term(str(n)) for n in data.get("name_stop_words") or [])
    trie = PhraseTrie()
    entities = canonical_entities()
    for ent in data.get("entities", []):
        for alias in ent.get("aliases", []):
            trie.add(str(alias), "entity", ent["id"])
    for phrase, role in (data.get("roles") or {}).items():
        trie.add(str(phrase), "role", role)
    for phrase, info in (data.get("anonymous") or {}).items():
        trie.add(str(phrase), "anonymous", info)
    for phrase, info in (data.get("groups") or {}).items():
        trie.add(str(phrase), "group", info)
    for phrase, iso in (data.get("nationalities") or {}).items():
        trie.add(str(phrase), "nationality", iso)
    for phrase in data.get("titles") or []:
        trie.add(str(phrase), "title", True)
    for phrase, kind in (data.get("descriptors") or {}).items():
        trie.add(str(phrase), "descriptor", str(kind))
    for phrase in data.get("institutions") or []:
        trie.add(str(phrase), "institution", True)
    for phrase, iso in (data.get("metonyms") or {}).items():
        trie.add(str(phrase), "metonym", str(iso))
    return SpeakerLexicon(
        lang=lang,
        trie=trie,
        entities=entities,
        given_names=frozenset(normalize_term(str(n)) for n in data.get("given_names") or []),
        particles=frozenset(normalize_term(str(n)) for n in data.get("name_particles") or []),
        modifiers=frozenset(normalize_term(str(n)) for n in data.get("modifiers") or []),
        domain_orgs=en.get("domain_orgs") or {},
        honorifics=frozenset(normalize_term(str(n)) for n in data.get("honorifics") or []),
        non_name=frozenset(normalize_term(str(n)) for n in data.get("non_name_words") or []),
        group_heads=frozenset(normalize_term(str(n)) for n in data.get("group_heads") or []),
        name_stop=name_stop,
        institution_stop=name_stop | {normalize_term(str(n)) for n in data.get("institution_stop_words") or []},
        capitalised=_flag(lang, data.get("names") or {}, "names.capitalised"),
        source_conjunctions=word_list(lang, SPEAKERS_FILE, "source_conjunctions"),
        merge_coordinated_unnamed=_flag(lang, data, "merge_coordinated_unnamed"),
        nisba_suffixes=word_list(lang, SPEAKERS_FILE, "nisba_suffixes"),
        articles=word_list(lang, SPEAKERS_FILE, "names.articles"),
        adjectives=frozenset(normalize_term(str(w)) for w in (data.get("names") or {}).get("adjectives") or []),
        body_prepositions=frozenset(word_list(lang, SPEAKERS_FILE, "source_body.prepositions")),
        body_articles=frozenset(word_list(lang, SPEAKERS_FILE, "source_body.articles")),
        name_before_role=_flag(lang, data, "name_before_role"),
    )


def _flag(lang: str, section: dict[str, Any], key: str) -> bool:
    """A true/false entry of speakers.yaml (``key`` dotted from the file's top for the message)."""
    value = section.get(key.rsplit(".", 1)[-1], False)
    if not isinstance(value, bool):
        raise LanguageDataError(f"{data_path(lang, SPEAKERS_FILE)}: {key}: expected true or false, got {value!r}")
    return value


#: Entries of speakers.yaml every shipped language spells out (an empty list / false where it has none).
REQUIRED_KEYS = ("first_word.proclitics", "first_word.min_stem", "first_word.article", "first_word.article_lam",
                 "source_conjunctions", "merge_coordinated_unnamed", "nisba_suffixes",
                 "source_body.prepositions", "source_body.articles", "name_before_role")


class Item(NamedTuple):
    """A lexicon match inside a source phrase (a tuple: made by the thousand -- ``scan`` builds each with
    ``tuple.__new__``, no Python-level call -- and never changed; the tags dict is shared with the trie)."""

    start: int  # token index
    end: int
    tags: dict[str, Any]


def scan_cached(tokens: list[Token], lang: str) -> list[Item]:
    """``scan(tokens, lang)`` for a sentence's token list from ``tokenize_cached``: the attribution and
    name passes scan the same sentences.  Keyed by the list's identity; the cache holds the list, so the
    id cannot be reused while the entry lives, and it is emptied with the token cache (next document).
    The items are shared: do not modify them."""
    key = (id(tokens), len(tokens), lang)
    hit = _SCAN_CACHE.get(key)
    if hit is not None and hit[0] is tokens:
        return hit[1]
    if len(_SCAN_CACHE) >= 4096:  # token lists that did not come from tokenize_cached
        _SCAN_CACHE.clear()
    items = scan(tokens, lang)
    _SCAN_CACHE[key] = (tokens, items)
    return items


def scan(tokens: list[Token], lang: str) -> list[Item]:
    """Speaker-lexicon matches from left to right, longest first, not overlapping."""
    return speaker_lexicon(lang).trie.scan(tokens, lang)


def _name_like(tok: Token, raw_word: str, lang: str) -> bool:
    if not _name_word(tok.text, lang):
        return False
    if speaker_lexicon(lang).capitalised:
        return raw_word[:1].isupper()
    return True


@lru_cache(maxsize=65536)
def _name_word(w: str, lang: str) -> bool:
    """The normalized word may be part of a person's name (English also needs a capital: ``_name_like``)."""
    lex = speaker_lexicon(lang)
    return not (w in lex.name_stop or w.isdigit() or len(w) < 2 or w in lex.non_name)


def name_run(tokens: list[Token], i: int, lang: str, raw_words: list[str], max_len: int = 4) -> int:
    """Length of the run of name-like tokens starting at ``i`` (0 if none)."""
    lex = speaker_lexicon(lang)
    j = i
    while j < len(tokens) and j - i < max_len:
        tok = tokens[j]
        if not _name_like(tok, raw_words[j], lang):
            break
        m = lex.trie.match(tokens, j, lang)
        if m and j > i and ("role" in m[1] or "anonymous" in m[1] or "group" in m[1]):
            break
        if tok.text in lex.modifiers or (m and "nationality" in m[1] and j == i):
            break
        j += 1
    # a name does not end on a particle ("عبد", "أبو")
    while j > i and tokens[j - 1].text in lex.particles:
        j -= 1
    return j - i


def _entity_speaker(ent_id: str, lex: SpeakerLexicon) -> Speaker:
    rec = lex.entities.get(ent_id, {"id": ent_id, "name": ent_id, "kind": "organisation"})
    if rec.get("kind") == "person":
        return Speaker(kind="person", canonical_id=ent_id, canonical_name=rec.get("name"), role=rec.get("role"),
                       organisation=rec.get("organisation"), side=rec.get("side"))
    return Speaker(kind="organisation", canonical_id=ent_id, canonical_name=rec.get("name"), side=rec.get("side"))


def _org_side(org_id: str | None, lex: SpeakerLexicon) -> str | None:
    return lex.entities.get(org_id, {}).get("side") if org_id else None


def resolve_speaker(tokens: list[Token], raw_words: list[str], lang: str) -> tuple[Speaker, int, int] | None:
    """The speaker a source phrase names (see ``_resolve_one``); Arabic coordinated sources none of which
    is a known entity ("قالت الشرطة ومصادر طبية"، "مسؤول محلي ومصادر في الشرطة") are one unnamed group,
    named as written, its parts kept nowhere else: the text gives them one voice."""
    res = _resolve_one(tokens, raw_words, lang)
    if res is None:
        return res
    lex = speaker_lexicon(lang)
    if not lex.merge_coordinated_unnamed:
        return res
    sp, a, b = res
    if sp.canonical_id or sp.kind == "person" or b >= len(tokens):
        return res
    nxt = tokens[b].text
    conj = lex.source_conjunctions
    # the conjunction as a word of its own, or attached to a word that stays a word without it
    k = b + 1 if nxt in conj else b if nxt.startswith(conj) and len(nxt) > 3 else -1
    if k < 0 or k >= len(tokens):
        return res
    other = _resolve_one(tokens[k:], raw_words[k:], lang)
    if other is None or other[1] != 0 or other[0].canonical_id or other[0].kind == "person":
        return res
    end = k + other[2]
    return Speaker(kind="unnamed_group", name=" ".join(raw_words[a:end]), role="sources"), a, end


_MAX_INSTITUTION_WORDS = 7


def _institution_end(tokens: list[Token], k: int, lang: str) -> int:
    """End of an organisation's name opened by an institution noun at ``k``: it runs over the words
    that qualify it ("وزارة الصحة التابعة للحكومة اليمنية") up to a function word, a date word, a
    complementizer or a digit."""
    lex = speaker_lexicon(lang)
    stop, trie = lex.institution_stop, lex.trie
    j = k + 1
    while j < len(tokens) and j - k < _MAX_INSTITUTION_WORDS:
        w = tokens[j].text
        if w in stop or w.isdigit() or len(w) < 2:
            break
        if w.startswith(lex.source_conjunctions) and (m := trie.match(tokens, j, lang)) is not None and w not in trie.root and (
                {"anonymous", "group", "institution", "entity", "role"} & m[1].keys()):
            break  # "الشرطة ومصادر طبية": a coordinated source begins
        j += 1
    return j


def _institution_speaker(tokens: list[Token], raw_words: list[str], lang: str, k: int, tags: dict[str, Any]
                         ) -> tuple[Speaker, int, int]:
    """An organisation with no canonical record, named as written; a news outlet's name ("وكالة الأنباء
    السعودية") gets the outlet's canonical id."""
    if "metonym" in tags:
        n = speaker_lexicon(lang).trie.match(tokens, k, lang)
        end = k + (n[0] if n else 1)
        return Speaker(kind="organisation", name=" ".join(raw_words[k:end]), role="government"), k, end
    end = _institution_end(tokens, k, lang)
    from rasad.extract.outlets import outlet_lexicon, outlet_name

    out = outlet_lexicon(lang).names.match(tokens, k, lang)
    if out is not None:
        oid = str(out[1]["outlet"])
        return (Speaker(kind="organisation", name=" ".join(raw_words[k:k + out[0]]), canonical_id=oid,
                        canonical_name=outlet_name(oid)), k, k + out[0])
    return Speaker(kind="organisation", name=" ".join(raw_words[k:end])), k, end


def _indefinite_adjective(word: str, lex: SpeakerLexicon) -> bool:
    """Arabic "مسؤول طبي"، "مسؤول محلي": an indefinite nisba adjective after an anonymous descriptor
    describes the official; it is not a name."""
    return (not word.startswith(lex.articles) and word.endswith(lex.nisba_suffixes)
            and word not in lex.given_names and len(word) > 2)


def _without_adjective_aliases(tokens: list[Token], items: list[Item], lex: SpeakerLexicon) -> list[Item]:
    """``items`` less a one-word alias that is an adjective of the definite word before it: "العربية" in
    "دولة الإمارات العربية"، "الجامعة العربية" is "Arab", not the channel."""
    if not lex.adjectives or not lex.articles:
        return items
    return [it for it in items if not (
        "entity" in it.tags and it.end - it.start == 1 and it.start > 0
        and tokens[it.start].text in lex.adjectives and tokens[it.start - 1].text.startswith(lex.articles))]


def _resolve_one(tokens: list[Token], raw_words: list[str], lang: str) -> tuple[Speaker, int, int] | None:
    """The speaker a source phrase names, with the token range it spans; ``None`` if it names none.

    The earliest head in the phrase wins (the subject comes first in all three languages once the
    reporting verb is removed): a known person, a role or title followed by a name, an anonymous
    descriptor, an unnamed group, or a known organisation.
    """
    if not tokens:
        return None
    lex = speaker_lexicon(lang)
    items = _without_adjective_aliases(tokens, scan(tokens, lang), lex)
    org_items = [it for it in items if "entity" in it.tags
                 and lex.entities.get(it.tags["entity"], {}).get("kind") != "person"]
    nat = next((it.tags["nationality"] for it in items if "nationality" in it.tags), None)

    def org_after(k: int) -> tuple[str | None, int]:
        for it in org_items:
            if it.start >= k:
                return it.tags["entity"], it.end
        return None, k

    named = _name_before_role(tokens, raw_words, lang, items, lex)
    if named is not None:
        return named
    # a known person anywhere in the phrase wins over the role words around it
    items = sorted(items, key=lambda x: (lex.entities.get(x.tags.get("entity"), {}).get("kind") != "person", x.start))
    for it in items:
        tags = it.tags
        ent_id = tags.get("entity")
        if ent_id and lex.entities.get(ent_id, {}).get("kind") == "person":
            sp = _entity_speaker(ent_id, lex)
            role_item = next((r for r in items if r.end <= it.start and ("role" in r.tags or "anonymous" in r.tags)), None)
            start = role_item.start if role_item else it.start
            if role_item and "role" in role_item.tags:
                sp.role = role_item.tags["role"]
            org_before = next((o for o in org_items if o.end <= it.start), None)
            if org_before:
                sp.organisation = org_before.tags["entity"]
            return sp, start, it.end
        if "role" in tags or "title" in tags:
            # role/title [organisation] [modifiers/nationality] NAME
            k = it.end
            org_id, k2 = org_after(k)
            if org_id and k2 - k <= 6 and not any(
                    x.start < k2 and x.start >= k and ("anonymous" in x.tags or "group" in x.tags) for x in items):
                k = k2
            while k < len(tokens) and (tokens[k].text in lex.modifiers or any(
                    x.start == k and "nationality" in x.tags for x in items)):
                k += 1
            n = name_run(tokens, k, lang, raw_words)
            if (n and lex.nisba_suffixes and "anonymous" in tags and k == it.end
                    and _indefinite_adjective(tokens[k].text, lex)):
                return _anonymous(tags["anonymous"], org_id, nat, lex), it.start, k + 1
            if n and not any(x.start == k and ("entity" in x.tags or "group" in x.tags) for x in items):
                honorific = " ".join(t.text for t in tokens[it.start:it.end]) in lex.honorifics and k == it.end
                name_from = it.start if honorific else k
                sp = Speaker(kind="person", name=" ".join(raw_words[name_from:k + n]), role=tags.get("role"),
                             organisation=org_id, side=_org_side(org_id, lex))
                return sp, it.start, k + n
            if "anonymous" in tags or ("role" in tags and (org_id or nat)):
                info = tags.get("anonymous") or {"role": tags["role"]}
                return _anonymous(info, org_id, nat, lex), it.start, max(it.end, k)
            continue
        if "anonymous" in tags:
            org_id, _ = org_after(it.end)
            end = it.end
            if lex.capitalised and end < len(tokens) and tokens[end].text in lex.body_prepositions:
                # "a source in Salamiyeh National Hospital", "a source at the Aleppo Police Command":
                # a capitalised run names the body
                k = end + 1 + (end + 1 < len(tokens) and tokens[end + 1].text in lex.body_articles)
                n = 0
                while k + n < len(tokens) and n < 5 and raw_words[k + n][:1].isupper():
                    n += 1
                if n:
                    end = k + n
            if not lex.capitalised and end + 1 < len(tokens) and tokens[end].text in lex.body_prepositions:
                # "مصادر في الشرطة"، "مصدر في وزارة الداخلية": the body the source belongs to
                inner = next((x for x in items if x.start == end + 1), None)
                if inner is not None and "entity" in inner.tags:
                    end = inner.end
                elif inner is not None and "institution" in inner.tags:
                    end = _institution_end(tokens, end + 1, lang)
            return _anonymous(tags["anonymous"], org_id, nat, lex), it.start, end
        if "group" in tags:
            info = tags["group"]
            # the group's name as written: nationality words before it, head nouns after it
            g0, g1 = it.start, it.end
            while g0 > 0 and any(x.end == g0 and "nationality" in x.tags for x in items):
                g0 = next(x.start for x in items if x.end == g0 and "nationality" in x.tags)
            while g1 < len(tokens) and tokens[g1].text in lex.group_heads:
                g1 += 1
            return (Speaker(kind="unnamed_group", name=" ".join(raw_words[g0:g1]), role=info.get("role"),
                            side=info.get("side")), g0, g1)
        if "descriptor" in tags:
            # "a monitor said": resolved against the organisations the document names (attribution)
            return (Speaker(kind="unnamed_group", name=" ".join(raw_words[it.start:it.end]),
                            role="descriptor:" + str(tags["descriptor"])), it.start, it.end)
        if ent_id:
            sp = _entity_speaker(ent_id, lex)
            sp.name = " ".join(raw_words[it.start:it.end])
            return sp, it.start, it.end
        if ("institution" in tags or "metonym" in tags) and it.start <= 1:
            # only as the phrase's head: "قالت الشرطة اليمنية", "أعلنت فيه المقاومة اليمنية"
            return _institution_speaker(tokens, raw_words, lang, it.start, tags)
    if lex.capitalised:
        # an unknown capitalised name: two or more capitalised words are a person ("John Smith said"), a
        # single one only an acronym organisation ("UNICEF said"); a lone capitalised word is too often a
        # place, a weekday or the first word of the sentence to be a source
        for i, _tok in enumerate(tokens):
            n = name_run(tokens, i, lang, raw_words)
            inside_org = i + n < len(tokens) and tokens[i + n].text in lex.non_name  # "Salamiyeh National Hospital"
            if n >= 2 and not inside_org and not any(tokens[k].text in lex.non_name for k in range(i, i + n)):
                return Speaker(kind="person", name=" ".join(raw_words[i:i + n])), i, i + n
            if n == 1 and raw_words[i].isupper() and len(raw_words[i]) >= 2:
                return Speaker(kind="organisation", name=raw_words[i]), i, i + 1
    return None


def _name_before_role(tokens: list[Token], raw_words: list[str], lang: str, items: list[Item],
                      lex: SpeakerLexicon) -> tuple[Speaker, int, int] | None:
    """Arabic/Persian apposition "NAME ROLE [ORG]" at the head of the phrase: "«عمر رحمون» کارشناس مسائل
    سیاسی", "خالد الخلف عضو المجلس الوطني".  The name is the run of name-like words before the role."""
    if not lex.name_before_role or not items:
        return None
    first = min(items, key=lambda x: x.start)
    if not ("role" in first.tags or "title" in first.tags) or not 1 <= first.start <= 4:
        return None
    if name_run(tokens, 0, lang, raw_words) != first.start:
        return None
    org_id = None
    for it in items:
        if it.start >= first.end and "entity" in it.tags and lex.entities.get(it.tags["entity"], {}).get("kind") != "person":
            org_id = it.tags["entity"] if it.start - first.end <= 3 else None
            break
    role = first.tags.get("role")
    return (Speaker(kind="person", name=" ".join(raw_words[:first.start]), role=role, organisation=org_id,
                    side=_org_side(org_id, lex)), 0, first.end)


def _anonymous(info: dict[str, Any], org_id: str | None, nationality: str | None, lex: SpeakerLexicon) -> Speaker:
    domain = info.get("domain")
    if org_id is None and domain and nationality:
        org_id = lex.domain_orgs.get(domain, {}).get(nationality)
    side = info.get("side") or _org_side(org_id, lex)
    return Speaker(kind="anonymous", role=info.get("role"), organisation=org_id, side=side)
