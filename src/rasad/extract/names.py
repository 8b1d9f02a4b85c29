"""Person-name recognition for Arabic, Persian and English without a trained model.

Evidence, strongest first:

* a person title ("السيد", "الشيخ", "آقای", "خانم", "Mr") -- the name-like words after it are a name;
* a role noun ("الرئيس", "وزير", "سخنگوی", "spokesman"), possibly followed by a nationality or
  modifier ("الرئيس السوداني عمر البشير") -- the words after it are a name when they look like one
  (a given name, a name already seen in the text, a family-name form);
* a common given name (``lang/<lang>/given_names.txt`` plus ``given_names`` in speakers.yaml) and the
  name parts that follow it: particles ("عبد", "أبو", "بن"), further given names, Arabic "ال…"
  family names, Persian family-name suffixes ("…زاده", "…پور", "…نژاد"), or any name-like word
  right after the given name;
* a name already recognised in the same text: its family name alone ("رايس" after "كوندوليزا رايس");
* foreign family-name endings in Arabic/Persian script ("…وف", "…سكي", "…فيتش");
* Arabic reported speech with an unknown one-word subject: "وقال سولانا إن".

Tokens are the words of normalized text (``speakers.Token``); Arabic proclitics are allowed on the
first word of a name ("وياسمين").  ``NameMemory`` carries names across the sentences of one text.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, _count_elements
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, compress, repeat
from typing import Any

from rasad.extract.speakers import (
    Item,
    SpeakerLexicon,
    Token,
    _name_word,
    first_word_rules,
    scan_cached,
    speaker_lexicon,
    token_forms,
    token_texts,
)
from rasad.lang import LanguageDataError, data_path, known_languages, load_yaml, word_list
from rasad.text.normalize import normalize_term


@dataclass(frozen=True)
class NameLexicon:
    lang: str
    given: frozenset[str]
    person_titles: frozenset[str]  # normalized title phrases that always introduce a person
    surname_suffixes: tuple[str, ...]
    foreign_suffixes: tuple[str, ...]
    speech_verbs: frozenset[str]  # "قال": an unknown one-word subject after it is a person
    speech_openers: frozenset[str]  # "إن", "أن": what follows such a subject
    adjectives: frozenset[str]  # frequent adjectives that look like family names ("ملی", "اسلامی")
    ambiguous: frozenset[str]  # given names that are also common words: not a name on their own
    stopwords: frozenset[str]  # function words that are never part of a name ("فيها", "عندما")
    title_in_name: frozenset[str]  # titles written as part of the name ("سید", "امام")
    capitalised: bool = False  # names are written with a capital letter (English): case is evidence
    articles: tuple[str, ...] = ()  # a word starting with one is no foreign family name ("ال")
    article_family_names: tuple[str, ...] = ()  # "عبد الله الأحمد": an article word continues a name
    article_endings: tuple[str, ...] = ()  # proclitic sequences never stripped from a name ("ال", "لل")
    conjunctions: tuple[str, ...] = ()  # "ووالد": a word starting with one opens a new phrase
    third_word_suffixes: tuple[str, ...] = ()  # Persian "…ی": a third word so ending is a family name
    #: (written, folded) final letters: a word written with the first is not a given name even when it
    #: folds to one ("على" "on" -> "علي" "Ali")
    not_given_finals: tuple[tuple[str, str], ...] = ()


def _read_list(lang: str, name: str) -> list[str]:
    path = data_path(lang, name)
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


SPEAKERS_FILE = "speakers.yaml"


@lru_cache(maxsize=8)
def name_lexicon(lang: str) -> NameLexicon:
    sp = load_yaml(lang, "speakers.yaml") or {}
    names = sp.get("names") or {}

    def norm_set(values: list[str] | None) -> frozenset[str]:
        return frozenset(normalize_term(str(v)) for v in values or [] if normalize_term(str(v)))

    capitalised = names.get("capitalised", False)
    if not isinstance(capitalised, bool):
        raise LanguageDataError(f"{data_path(lang, SPEAKERS_FILE)}: names.capitalised: expected true or false, "
                                f"got {capitalised!r}")
    given = norm_set(_read_list(lang, "given_names.txt")) | norm_set(sp.get("given_names"))
    if capitalised:
        given = frozenset(g.lower() for g in given)
    return NameLexicon(
        lang=lang,
        given=given,
        person_titles=norm_set(names.get("person_titles")),
        surname_suffixes=tuple(normalize_term(str(s)) for s in names.get("surname_suffixes") or []),
        foreign_suffixes=tuple(normalize_term(str(s)) for s in names.get("foreign_suffixes") or []),
        speech_verbs=norm_set(names.get("speech_verbs")),
        speech_openers=norm_set(names.get("speech_openers")),
        adjectives=norm_set(names.get("adjectives")),
        ambiguous=norm_set(names.get("ambiguous_given")),
        stopwords=norm_set(names.get("stopwords")),
        title_in_name=norm_set(names.get("title_in_name")),
        capitalised=capitalised,
        articles=word_list(lang, SPEAKERS_FILE, "names.articles"),
        article_family_names=word_list(lang, SPEAKERS_FILE, "names.article_family_names"),
        article_endings=word_list(lang, SPEAKERS_FILE, "names.article_endings"),
        conjunctions=word_list(lang, SPEAKERS_FILE, "names.conjunctions"),
        third_word_suffixes=word_list(lang, SPEAKERS_FILE, "names.third_word_suffixes"),
        not_given_finals=tuple((letter, normalize_term(letter))
                               for letter in word_list(lang, SPEAKERS_FILE, "names.not_given_final_letters",
                                                       normalize=False)),
    )


#: Keys under ``names:`` every shipped language spells out in speakers.yaml (empty where it has none).
REQUIRED_NAME_KEYS = ("capitalised", "articles", "article_family_names", "article_endings", "conjunctions",
                      "third_word_suffixes", "not_given_final_letters")


class NameMemory:
    """Names seen earlier in the same text: their family names (the last word), with how often each word
    occurs in the text at all -- a word that mostly occurs outside names ("عدة", "القرار") is a common
    word that once followed a given name, not a family name.  Bounded; the most recent names are kept.

    The occurrences are counted only for the words asked about (a known family name's forms), from the
    observed sentences' word lists: counting every word of every sentence cost more than all the questions.
    Once the text has more than ``20 * size`` words -- when the distinct words might pass that bound, at
    which the eager count kept only the names' words -- every word is counted as it is observed."""

    def __init__(self, size: int = 2000) -> None:
        self.size = size
        self.in_name: OrderedDict[str, int] = OrderedDict()
        self._seen: Counter[str] | None = None  # every word's count (long texts only)
        self._texts: list[list[str]] = []  # the observed sentences' words (until ``_seen``)
        self._words = 0
        self._counted: dict[str, tuple[int, int]] = {}  # word -> (sentences counted, occurrences in them)

    @property
    def seen(self) -> Counter[str]:
        """How often each word occurred in the observed sentences."""
        if self._seen is not None:
            return self._seen
        seen: Counter[str] = Counter()
        for words in self._texts:
            _count_elements(seen, words)
        return seen

    def observe(self, words: list[str]) -> None:
        """Count a sentence's words (kept, not copied: the list must not change afterwards)."""
        if self._seen is None:
            self._texts.append(words)
            self._words += len(words)
            if self._words <= 20 * self.size:
                return  # (no more distinct words than that: the bound below cannot have been reached)
            self._seen = self.seen
            self._texts = []
            self._counted.clear()
        else:
            _count_elements(self._seen, words)  # Counter.update's own loop, in C, without its Mapping test
        if len(self._seen) > 20 * self.size:
            self._seen = Counter({w: n for w, n in self._seen.items() if w in self.in_name})

    def _count(self, word: str) -> int:
        if self._seen is not None:
            return self._seen.get(word, 0)
        done, n = self._counted.get(word, (0, 0))
        texts = self._texts
        for k in range(done, len(texts)):
            n += texts[k].count(word)
        self._counted[word] = (len(texts), n)
        return n

    def learn(self, words: list[str], nl: NameLexicon, sl: SpeakerLexicon) -> None:
        """Remember the family name of a two-to-four-word name (its last word)."""
        if not 2 <= len(words) <= 4:
            return
        last = words[-1]
        if (len(last) >= 3 and last not in nl.given and last not in sl.particles and last not in nl.adjectives
                and last not in nl.stopwords and words[-2] not in sl.particles):
            self.in_name[last] = self.in_name.get(last, 0) + 1
            self.in_name.move_to_end(last)
            while len(self.in_name) > self.size:
                self.in_name.popitem(last=False)

    def knows(self, forms: tuple[str, ...] | list[str]) -> bool:
        for f in forms:
            n = self.in_name.get(f, 0)
            if n and 2 * n >= self._count(f):
                return True
        return False


# The per-word tests below are pure functions of the word and the language's lexicon, and run on most
# tokens of every sentence: they are cached by (word, language).

@lru_cache(maxsize=65536)
def _forms(word: str, lang: str) -> tuple[str, ...]:
    """The word and its forms without proclitics -- but never without the article: "الوحيد" is not "وحيد"."""
    forms = token_forms(word, lang, True)
    kept = name_lexicon(lang).article_endings
    if not kept:
        return tuple(forms)
    out = [word]
    for f in forms[1:]:
        prefix = word[:len(word) - len(f)] if word.endswith(f) else ""
        if prefix and not prefix.endswith(kept) and f not in out:
            out.append(f)
    return tuple(out)


@lru_cache(maxsize=65536)
def _given_form(word: str, lang: str) -> bool:
    """The word, or the word without its proclitics, is a given name (Arabic/Persian)."""
    given = name_lexicon(lang).given
    if not (word in given or any(word[k:] in given for k in _proclitic_lengths(lang))):
        return False  # no form of the word can be a given name: a form drops a proclitic of 1-4 letters
    return any(f in given for f in _forms(word, lang)[:2])


@lru_cache(maxsize=16)
def _proclitic_lengths(lang: str) -> tuple[int, ...]:
    """Lengths of the proclitic sequences ``token_forms`` strips (speakers.yaml ``first_word``)."""
    return tuple(sorted({len(p) for p in first_word_rules(lang).proclitics}))


def _surname_form(word: str, nl: NameLexicon) -> bool:
    return _surname_word(word, nl.lang)


@lru_cache(maxsize=65536)
def _name_ok(word: str, lang: str) -> bool:
    """``speakers._name_like`` for the word (less the English capital) and not a name stopword."""
    return _name_word(word, lang) and word not in name_lexicon(lang).stopwords


@lru_cache(maxsize=65536)
def _surname_word(word: str, lang: str) -> bool:
    nl = name_lexicon(lang)
    if len(word) < 4 or word in nl.adjectives or not word.endswith(nl.surname_suffixes):
        return False
    return any(word.endswith(s) and len(word) - len(s) >= 2 for s in nl.surname_suffixes)


def _foreign_form(word: str, nl: NameLexicon) -> bool:
    return _foreign_word(word, nl.lang)


@lru_cache(maxsize=65536)
def _foreign_word(word: str, lang: str) -> bool:
    nl = name_lexicon(lang)
    suffixes = nl.foreign_suffixes
    if len(word) < 5 or word.startswith(nl.articles) or not word.endswith(suffixes):
        return False
    return any(word.endswith(s) and len(word) - len(s) >= 2 for s in suffixes)


_BLOCKING_TAGS = frozenset({"entity", "role", "title", "group", "anonymous", "nationality"})


def _blocked(item: Item | None) -> bool:
    return item is not None and not _BLOCKING_TAGS.isdisjoint(item.tags)


@lru_cache(maxsize=8)
def _opening_words(lang: str) -> frozenset[str]:
    """The words that may begin a name by themselves (``_Finder.run``) as a given name or a particle,
    listed in full: English given names and particles; Arabic/Persian given names with any proclitic
    in front (what ``token_forms`` strips), kept where ``_given_form`` agrees, and the particles.
    (The other openers, foreign family-name forms, are a matter of the word's ending: ``_openings``.)"""
    nl, particles = name_lexicon(lang), speaker_lexicon(lang).particles
    if nl.capitalised:
        return frozenset(nl.given | particles)
    words = set(nl.given)
    for pre in first_word_rules(lang).proclitics:
        words.update(pre + g for g in nl.given)
    return frozenset(_given_forms_among(words, lang) | particles)


def _given_forms_among(words: set[str], lang: str) -> set[str]:
    """``{w for w in words if _given_form(w, lang)}``, worked out without the per-word caches: the second
    of ``_forms`` is the word less the first proclitic (in ``token_forms``' order) that leaves enough
    letters and whose form ``_forms`` keeps; only a word with no such proclitic gets the full test.  (The
    10,000 proclitic forms of the Arabic given names went through ``_given_form`` one by one: 60-80 ms of
    every process, ~7% of the attribution stage's time in a 1,000-document run.)"""
    nl, rules = name_lexicon(lang), first_word_rules(lang)
    given, min_stem, kept = nl.given, rules.min_stem, nl.article_endings
    order = [(p, len(p)) for p in rules.proclitics if not (kept and p.endswith(kept))]
    out: set[str] = set()
    for w in words:
        if w in given:
            out.add(w)
            continue
        # (``_given_form``'s first test, a given name at the end of the word, holds whenever that form is one)
        n = len(w)
        for p, lp in order:
            if n - lp >= min_stem and w.startswith(p):
                if w[lp:] in given:
                    out.add(w)
                break
        else:
            if _given_form(w, lang):  # (a form with the article restored, or none: the full test)
                out.add(w)
    return out


@lru_cache(maxsize=8)
def _foreign_endings(lang: str) -> tuple[str, ...]:
    """The foreign family-name suffixes less those that end with another one ("فيتش" ends with "يتش"):
    a word ends with one of these exactly when it ends with one of them all, and ``str.endswith`` tries
    each in turn on every word of every sentence."""
    suffixes = name_lexicon(lang).foreign_suffixes
    return tuple(s for s in suffixes if not any(o != s and s.endswith(o) for o in suffixes))


def _openings(texts: list[str], lang: str) -> list[int]:
    """Indexes (ascending) of the words of one sentence that may begin a name by themselves:
    ``_opening_words`` and (Arabic/Persian) foreign family-name forms -- ``document_openers`` of the
    sentence alone, for a caller without its text's openers."""
    return _indexes_in(document_openers((texts,), lang), texts)


def _indexes_in(words: AbstractSet[str], texts: list[str]) -> list[int]:
    """Indexes (ascending) of the ``texts`` that are in ``words`` (a C-level test per word)."""
    return [] if words.isdisjoint(texts) else list(compress(range(len(texts)), map(words.__contains__, texts)))


_OPENER_WORDS_MAX = 65536

#: lang -> (every word ``document_openers`` has seen, those of them that are foreign family-name forms);
#: one tuple, replaced whole when ``_OPENER_WORDS_MAX`` words were seen (the per-word ``lru_cache``s are
#: bounded), so that a thread never pairs one generation's seen words with another's foreign forms
_SEEN_WORDS: dict[str, tuple[set[str], set[str]]] = {}


def document_openers(sentences: Iterable[list[str]], lang: str) -> frozenset[str]:
    """The words of a text (its sentences' word lists, all in ``lang``) that may begin a name by
    themselves: ``_openings`` of each sentence are the indexes of its words in this set.  Worked out once
    per text with C-level set operations over its distinct words -- each looked up once in the words
    seen before instead of every word of every sentence in a 36,000-word dict (the per-sentence
    ``_openings`` was 8% of the attribution stage, mostly cache misses on that dict)."""
    opening = _opening_words(lang)
    words = set(chain.from_iterable(sentences))
    suffixes = _foreign_endings(lang)
    if name_lexicon(lang).capitalised or not suffixes:
        return frozenset(words.intersection(opening))
    state = _SEEN_WORDS.get(lang)
    if state is None or len(state[0]) >= _OPENER_WORDS_MAX:
        state = _SEEN_WORDS[lang] = (set(), set())
    seen, foreign = state
    new = words.difference(seen)
    if new:
        # the foreign forms first: a word another thread finds in ``seen`` has its answer in ``foreign``
        foreign.update([w for w in compress(new, map(str.endswith, new, repeat(suffixes)))
                        if _foreign_word(w, lang)])
        seen.update(new)
    found = words.intersection(opening)
    if foreign:
        found.update(words.intersection(foreign))
    return frozenset(found)


@lru_cache(maxsize=8)
def _lexicons(lang: str) -> tuple[SpeakerLexicon, NameLexicon]:
    return speaker_lexicon(lang), name_lexicon(lang)


class _Finder:
    __slots__ = ("t", "raw", "lang", "sl", "nl", "memory", "items", "n", "texts", "openings", "like")

    def __init__(self, tokens: list[Token], raw_words: list[str], lang: str, memory: NameMemory | None,
                 texts: list[str] | None = None, openings: list[int] | None = None) -> None:
        self.t = tokens
        self.raw = raw_words
        self.lang = lang
        self.sl, self.nl = _lexicons(lang)
        self.memory = memory
        self.items = {it.start: it for it in scan_cached(tokens, lang)}
        self.n = len(tokens)
        self.texts = token_texts(tokens) if texts is None else texts
        #: ``_openings`` of the texts, when the caller has worked them out already
        self.openings = openings
        # name_like(k), filled in as the finder asks: it looks at the words of the few candidates and
        # those right after them, never at most of the sentence
        self.like: list[bool | None] = [None] * self.n

    def name_like(self, k: int) -> bool:
        if k >= self.n:
            return False
        ok = self.like[k]
        if ok is None:
            ok = self.like[k] = self._name_like(k)
        return ok

    def _name_like(self, k: int) -> bool:
        if not _name_ok(self.texts[k], self.lang):
            return False
        if self.nl.capitalised and not self.raw[k][:1].isupper():
            return False  # English names are capitalised as written
        item = self.items.get(k)
        return item is None or _BLOCKING_TAGS.isdisjoint(item.tags)  # (not ``_blocked(item)``)

    def candidates(self) -> list[int]:
        """The tokens at which ``run`` may do more than step to the next token: lexicon items, and
        name-like words that may open a name (given name, particle, foreign form, a family name seen
        before, the subject of a speech verb).  Every other token is passed over, so ``run`` visits only
        these -- a superset of what it acts on, so the names found are the same."""
        lang, texts, n = self.lang, self.texts, self.n
        everywhere = range(n)
        name_like = self.name_like
        picked = set(self.items)
        # words that may open a name (one dict lookup each), then the few of them that are name-like
        openings = _openings(texts, lang) if self.openings is None else self.openings
        for k in openings:
            if name_like(k):
                picked.add(k)
        memory = self.memory
        if memory is not None and memory.in_name and not self.nl.capitalised:
            if len(memory.in_name) <= 64:
                # every form of a word is the word or its end: only words ending with a known family
                # name can be known (one C-level test per word instead of building its forms)
                maybe = compress(everywhere, map(str.endswith, texts, repeat(tuple(memory.in_name))))
            else:
                maybe = iter(everywhere)
            picked.update(k for k in maybe if name_like(k) and memory.knows(_forms(texts[k], lang)))
        if self.nl.speech_verbs and not self.nl.speech_verbs.isdisjoint(texts):  # the subject of a speech verb
            picked.update(k for k in compress(range(1, n), map(self.nl.speech_verbs.__contains__, texts))
                          if name_like(k))
        return sorted(picked)

    def known(self, k: int) -> bool:
        return self.memory is not None and self.memory.knows(_forms(self.texts[k], self.lang))

    def given(self, k: int) -> bool:
        """Word ``k`` is a given name; its form as written is cut out of the text only where a test reads
        it (a final letter that folds, an English capital), not for every word asked about."""
        w, nl = self.texts[k], self.nl
        for written, folded in nl.not_given_finals:
            if w.endswith(folded) and self.raw[k].endswith(written):
                return False  # "على" (on) folds to "علي" (Ali)
        if nl.capitalised:
            return self.raw[k][:1].isupper() and w in nl.given
        return _given_form(w, nl.lang)

    def looks_like_name(self, k: int) -> bool:
        """A word that is a name on its own evidence (not just by position)."""
        if self.nl.capitalised:
            return self.raw[k][:1].isupper() and self.name_like(k)
        w = self.texts[k]
        return (self.given(k) or self.known(k) or _surname_form(w, self.nl)
                or _foreign_form(w, self.nl))

    def extend(self, i: int, limit: int = 5) -> int:
        """End of the name that starts at ``i`` with a given name / particle / title-led word."""
        sl, nl, texts = self.sl, self.nl, self.texts
        first_ambiguous = texts[i] in nl.ambiguous
        j = i + 1
        while j < self.n and j - i < limit and self.name_like(j):
            if nl.capitalised:
                j += 1
                continue
            w = texts[j]
            prev = texts[j - 1]
            if w.startswith(nl.conjunctions) and w not in nl.given and not self.known(j):
                break  # "فاطمة ووالد ...": a conjunction starts a new phrase
            if (w in sl.particles or prev in sl.particles or self.given(j) or self.known(j)
                    or _surname_form(w, nl) or _foreign_form(w, nl) or w in nl.surname_suffixes
                    or (w.startswith(nl.article_family_names) and len(w) > 3 and w not in nl.adjectives)
                    or (j == i + 2 and w.endswith(nl.third_word_suffixes) and len(w) >= 4
                        and w not in nl.adjectives)
                    or (j == i + 1 and not first_ambiguous and w not in nl.adjectives
                        and not w.startswith(nl.articles))):
                j += 1
                continue
            break
        while j > i + 1 and texts[j - 1] in sl.particles:
            j -= 1
        return j

    def after_cue(self, k: int, strong: bool) -> tuple[int, int]:
        """``(start, end)`` of a name right after a title (strong) or a role noun (weak); empty if none."""
        sl = self.sl
        org = self.items.get(k)
        if org is not None and "entity" in org.tags and sl.entities.get(org.tags["entity"], {}).get("kind") != "person":
            k = org.end  # "مدير المرصد رامي عبدالرحمن": role, organisation, name
        items = self.items
        while k < self.n:
            it = items.get(k)
            if not (self.texts[k] in sl.modifiers or (it is not None and "nationality" in it.tags)):
                break
            k = it.end if it else k + 1
        if not self.name_like(k):
            return k, k
        w = self.texts[k]
        if w.startswith(self.nl.article_family_names) and not strong and not self.known(k):
            return k, k  # "الرئيس السوداني", "وزير الخارجية": an adjective or a genitive, not a name
        if not strong and not self.looks_like_name(k) and not self.nl.capitalised:
            # a role noun alone is weak evidence: the first word must look like a name, or the next one must
            if not (self.name_like(k + 1) and self.looks_like_name(k + 1)):
                return k, k
        return k, self.extend(k, 5 if strong else 3)

    def run(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        sl, nl = self.sl, self.nl
        i = 0
        for k in self.candidates():
            if k < i:
                continue  # inside a name or lexicon item found before
            i = k
            it = self.items.get(i)
            if it and ("title" in it.tags or "role" in it.tags):
                phrase = " ".join(self.texts[it.start:it.end])
                strong = phrase in nl.person_titles
                start, end = self.after_cue(it.end, strong)
                if end > start:
                    if phrase in nl.title_in_name:
                        start = it.start  # "سید کاظم احمدزاده", "امام خمینی": the title is part of the name
                    out.append((start, end))
                    i = end
                    continue
                i = it.end
                continue
            if it is not None and "entity" in it.tags and sl.entities.get(it.tags["entity"], {}).get("kind") == "person":
                out.append((it.start, it.end))  # a known person ("رامي عبدالرحمن")
                i = it.end
                continue
            if it is not None and not _BLOCKING_TAGS.isdisjoint(it.tags):  # (``_blocked``)
                i = it.end
                continue
            w = self.texts[i]
            if not self.name_like(i):
                i += 1
                continue
            if self.given(i) or (w in sl.particles and self.name_like(i + 1)):
                end = self.extend(i)
                if end - i >= 2 or (w not in nl.ambiguous and w not in sl.particles):
                    out.append((i, end))
                    i = end
                    continue
            elif not nl.capitalised and (self.known(i) or _foreign_form(w, nl)):
                end = self.extend(i, 2) if self.name_like(i + 1) and self.looks_like_name(i + 1) else i + 1
                out.append((i, end))
                i = end
                continue
            elif i > 0 and self.texts[i - 1] in nl.speech_verbs and not w.startswith(nl.articles):
                # "وقال سولانا إن": an unknown one-word subject of a speech verb
                if i + 1 < self.n and self.texts[i + 1] in nl.speech_openers:
                    out.append((i, i + 1))
                    i += 1
                    continue
            i += 1
        if self.memory is not None:
            self.memory.observe(self.texts)
            for a, b in out:
                self.memory.learn(self.texts[a:b], nl, sl)
        return out


def find_person_names(tokens: list[Token], raw_words: list[str], lang: str,
                      memory: NameMemory | None = None,
                      openers: AbstractSet[str] | None = None) -> list[tuple[int, int]]:
    """Token ranges ``[i, j)`` of person names in one sentence; pass one ``memory`` for a whole text, and
    (optionally) the text's ``document_openers`` in the sentence's language."""
    if lang not in known_languages():
        return []
    texts = token_texts(tokens)
    openings = _openings(texts, lang) if openers is None else _indexes_in(openers, texts)
    if not openings and _passes_over(tokens, texts, lang, memory):
        # what ``_Finder.run`` does when every candidate is a lexicon item it steps over (38% of the
        # bench's sentences), without building the finder
        if memory is not None:
            memory.observe(texts)
        return []
    return _Finder(tokens, raw_words, lang, memory, texts, openings).run()


@lru_cache(maxsize=8)
def _filter_words(lang: str) -> tuple[frozenset[str], bool]:
    """The speech verbs (the word after one is a candidate of ``_Finder.candidates``) and whether names
    are capitalised (no family-name memory then)."""
    return name_lexicon(lang).speech_verbs, name_lexicon(lang).capitalised


#: the tags of a lexicon item that ``_Finder.run`` acts on (a title or role noun before a name)
_CUE_TAGS = frozenset({"title", "role"})


@lru_cache(maxsize=8)
def _stopping_firsts(lang: str) -> frozenset[str]:
    """Every word at which the speaker-lexicon scan (``scan_cached``) may find an item ``_passes_over``
    stops at (a tag that blocks nothing, a title or role noun, a known person): in a sentence with none of
    them every item is one ``_Finder.run`` steps over, so the sentence is passed over without the scan
    (~60% of the sentences the name pass skips).  An item starts at a word whose form (the word, or the
    word less a proclitic, ``token_forms``) begins a phrase, and its tags are those of a phrase under that
    first word: the set is the first words with such a phrase below them, in every form ``token_forms``
    strips (a superset of the words that really begin one, which is all the test needs)."""
    sl = speaker_lexicon(lang)
    entities = sl.entities
    below: dict[int, bool] = {}  # id(node) -> some phrase ending at or below the node stops the loop

    def stops(node: dict[str, Any]) -> bool:
        hit = below.get(id(node))
        if hit is None:
            tags = node.get("\0")
            hit = tags is not None and (
                _BLOCKING_TAGS.isdisjoint(tags) or not _CUE_TAGS.isdisjoint(tags)
                or ("entity" in tags and entities.get(tags["entity"], {}).get("kind") == "person"))
            if not hit:
                hit = any(stops(child) for key, child in node.items() if key != "\0")
            below[id(node)] = hit
        return hit

    roots = [w for w, node in sl.trie.root.items() if w != "\0" and stops(node)]
    rules = first_word_rules(lang)
    words = set(roots)
    for pre in rules.proclitics:
        words.update(pre + w for w in roots)
    if rules.article:
        cut = len(rules.article)
        for pre in rules.article_lam:
            words.update(pre + w[cut:] for w in roots if w.startswith(rules.article))
    return frozenset(words)


def _passes_over(tokens: list[Token], texts: list[str], lang: str, memory: NameMemory | None) -> bool:
    """Whether ``_Finder.run`` surely finds nothing in a sentence with no opening word (``_openings``): no
    word is a speech verb or ends with a family name in ``memory`` (a word's forms are its endings,
    ``_forms``), so the candidates are the speaker-lexicon items, and each of them is one ``run`` steps
    over -- blocking (an organisation, a group, a nationality ...), neither a title or role noun nor a
    known person.  A C-level pass over the words for each test, then the sentence's (shared) scan."""
    speech, capitalised = _filter_words(lang)
    if not speech.isdisjoint(texts):
        return False
    if memory is not None and memory.in_name and not capitalised:
        known = memory.in_name
        if len(known) > 64 or any(map(str.endswith, texts, repeat(tuple(known)))):
            return False
    if _stopping_firsts(lang).isdisjoint(texts):
        return True  # no word can begin an item the loop below stops at: the scan is not needed
    items = scan_cached(tokens, lang)
    if not items:
        return True
    entities = speaker_lexicon(lang).entities
    for it in items:
        tags = it.tags
        if _BLOCKING_TAGS.isdisjoint(tags) or not _CUE_TAGS.isdisjoint(tags):
            return False
        if "entity" in tags and entities.get(tags["entity"], {}).get("kind") == "person":
            return False
    return True
