"""Counts of people (killed, wounded, arrested, displaced ...) with qualifiers, ranges and vague words.

Stage ``quantities`` writes ``Mention(kind="quantity")`` whose attrs are ``Quantity.to_dict()`` plus
``category`` (killed / wounded / arrested / displaced / other).  All language knowledge comes from
``lang/<lang>/numbers.yaml`` (docs/language-data.md): number words, vague quantities, qualifiers, range
words, casualty words and the words that make a number *not* a head count (ages, units, money, time).

How it works, per document:

1. one compiled regex per language finds candidate starts (digits, number words, vague words) in the
   normalized text -- everything else is skipped, which keeps the stage fast;
2. around each candidate the sentence is tokenized and a small grammar combines number words
   ("ثلاثة وعشرون" = 23, "بیست و سه" = 23, "two hundred and five" = 205);
3. numbers that are years, dates (date mentions or date-like digit groups), times, ages, money,
   percentages, unit numbers ("Brigade 17") or measures are dropped;
4. qualifiers ("at least", "أكثر من", "بیش از") and ranges ("between 10 and 15") set low/best/high;
5. the category is the casualty word closest to the number within a per-language window
   (Persian puts the verb last, so its window after the number is longer).

ACLED's convention is followed for vague counts (tens 10, dozens 12, hundreds 100; "several/a number
of" 10) and ``Quantity.low`` is the conservative ACLED figure; UCDP-style ``high`` keeps the upper bound.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasad.extract.sentence_index import RECENT_TEXTS, sentence_at
from rasad.lang import LanguageDataError, load_yaml
from rasad.model import Document, Mention, Quantity
from rasad.text.normalize import language_proclitics, normalize_term, proclitic_stem_candidates
from rasad.text.normalize_stage import ensure_norm

CATEGORIES = ("killed", "wounded", "arrested", "displaced")
QUALIFIER_KINDS = ("at_least", "more_than", "about", "up_to")
NUMBER_KINDS = ("unit", "teen", "ten", "hundred", "scale", "big", "article")

_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+")
_DECIMAL_RE = re.compile(r"\d+[.,]\d{1,2}")
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|%|[^\w\s]")
_CURRENCY_SYMBOLS = frozenset("$£€¥﷼")


# --------------------------------------------------------------------------------------------
# Word lists with "*" prefixes, matched on token sequences
# --------------------------------------------------------------------------------------------

#: proclitics -> {token: its forms with a proclitic stripped}: a language's dozen phrase lists each ask for
#: the forms of a word they have not seen (bounded like the lists' own caches)
#: (keyed by the tuple's id; the tuple is kept with its table, so the id is not reused)
_FORMS: dict[int, tuple[tuple[str, ...], dict[str, list[str]]]] = {}


def _stem_forms(token: str, proclitics: tuple[str, ...]) -> list[str]:
    """``proclitic_stem_candidates(token, proclitics)``, worked out once per token (read, never changed)."""
    entry = _FORMS.get(id(proclitics))
    if entry is None or entry[0] is not proclitics:
        if len(_FORMS) > 64:
            _FORMS.clear()
        entry = _FORMS[id(proclitics)] = (proclitics, {})
    table = entry[1]
    forms = table.get(token)
    if forms is None:
        if len(table) > 100_000:
            table.clear()
        forms = table[token] = proclitic_stem_candidates(token, proclitics)
    return forms


@dataclass
class PhraseMatcher:
    """Multi-word phrases matched on tokens; a word ending in ``*`` matches any token starting with it.

    ``proclitics``: also try a token with these stripped (the language's ``morphology.yaml``
    ``proclitics``: Arabic و ب ل ال ...; none in Persian and English).
    The phrases a token can start are cached per token (news vocabulary repeats), which keeps lookups
    to one dict access on the hot path.
    """

    proclitics: tuple[str, ...] = ()
    _phrases: dict[str, list[tuple[tuple[str, ...], Any]]] = field(default_factory=dict)
    _prefix_lengths: set[int] = field(default_factory=set)
    _cache: dict[str, tuple[tuple[tuple[str, ...], Any], ...]] = field(default_factory=dict)
    _last_words: set[str] = field(default_factory=set)  # last words of phrases ("*" entries: their stems)
    _last_prefix_lengths: set[int] = field(default_factory=set)
    _has_clitic_last: bool = False
    _end_cache: dict[str, bool] = field(default_factory=dict)
    max_len: int = 0

    def add(self, phrase: str, value: Any) -> None:
        words = tuple(normalize_term(phrase).split())
        if not words:
            return
        first = words[0]
        if first.endswith("*"):
            self._prefix_lengths.add(len(first) - 1)
        self._phrases.setdefault(first, []).append((words, value))
        self.max_len = max(self.max_len, len(words))
        last = words[-1]
        if last.endswith("*"):
            self._last_prefix_lengths.add(len(last) - 1)
            self._last_words.add(last[:-1])
        else:
            self._last_words.add(last)
        self._has_clitic_last = self._has_clitic_last or (len(words) == 1 and bool(self.proclitics))
        self._cache.clear()
        self._end_cache.clear()

    @staticmethod
    def _word_matches(pattern: str, token: str) -> bool:
        if pattern.endswith("*"):
            return token.startswith(pattern[:-1])
        return token == pattern

    def _entries(self, token: str) -> tuple[tuple[tuple[str, ...], Any], ...]:
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        forms = _stem_forms(token, self.proclitics) if self.proclitics else [token]
        phrases = self._phrases
        if phrases.keys().isdisjoint(forms) and not (self._prefix_lengths and any(
                form[:k] + "*" in phrases for form in forms for k in self._prefix_lengths if len(form) >= k)):
            # no phrase starts with any form of the token (~95% of the words asked about): one C-level test
            # instead of the lists below
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[token] = ()
            return ()
        found: list[tuple[tuple[str, ...], Any]] = []
        for form in forms:
            for key in [form] + [form[:k] + "*" for k in self._prefix_lengths if len(form) >= k]:
                for words, value in self._phrases.get(key, ()):
                    if self._word_matches(words[0], form) and (words, value) not in found:
                        found.append((words, value))
        found.sort(key=lambda item: -len(item[0]))
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[token] = result = tuple(found)
        return result

    def starts_phrase(self, token: str) -> bool:
        """Whether some phrase can start with ``token`` (one dict lookup once cached)."""
        cached = self._cache.get(token)
        return bool(cached if cached is not None else self._entries(token))

    def match_at(self, tokens: list[str], i: int) -> tuple[int, Any] | None:
        """Longest phrase starting at token ``i``: ``(number of tokens, value)``."""
        entries = self._cache.get(tokens[i])  # (most tokens are cached: no method call then)
        if entries is None:
            entries = self._entries(tokens[i])
        for words, value in entries:
            n = len(words)
            if i + n > len(tokens):
                continue
            if n == 1 or all(self._word_matches(w, tokens[i + k]) for k, w in enumerate(words[1:], 1)):
                return n, value
        return None

    def _may_end(self, token: str) -> bool:
        """Whether some phrase can end with ``token`` (cached; most tokens end none)."""
        cached = self._end_cache.get(token)
        if cached is None:
            forms = _stem_forms(token, self.proclitics) if self._has_clitic_last else [token]
            cached = any(f in self._last_words or any(f[:k] in self._last_words for k in self._last_prefix_lengths)
                         for f in forms)
            if len(self._end_cache) > 100_000:
                self._end_cache.clear()
            self._end_cache[token] = cached
        return cached

    def match_ending_at(self, tokens: list[str], end: int) -> tuple[int, Any] | None:
        """Longest phrase whose last token is ``tokens[end - 1]``."""
        if not self._may_end(tokens[end - 1]):
            return None
        for start in range(max(0, end - self.max_len), end):
            hit = self.match_at(tokens, start)
            if hit is not None and start + hit[0] == end:
                return hit
        return None

    def __contains__(self, token: str) -> bool:
        return self.match_at([token], 0) is not None


# --------------------------------------------------------------------------------------------
# numbers.yaml
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberWord:
    value: int
    kind: str  # unit / teen / ten / hundred / scale / big / article


@dataclass
class VagueEntry:
    low: int
    high: int | None
    words: str


@dataclass
class NumberData:
    """Compiled numbers.yaml of one language."""

    lang: str
    words: dict[str, NumberWord]
    connectors: frozenset[str]
    attached_connector: str | None
    weak_words: frozenset[str]
    dual_nouns: PhraseMatcher
    vague: PhraseMatcher
    qualifiers_before: PhraseMatcher
    qualifiers_after: PhraseMatcher
    range_prefix: PhraseMatcher
    range_infix: frozenset[str]
    categories: PhraseMatcher
    people: PhraseMatcher
    not_before: PhraseMatcher
    not_after: PhraseMatcher
    toll_phrases: tuple[tuple[str, str], ...]  # (normalized phrase, category)
    singular_people: frozenset[str]  # "a man", "مقتل طفل": one person
    subset_markers: PhraseMatcher  # "including", "بينهم": the count after is part of an earlier one
    subset_after: PhraseMatcher  # "(14 children) were among the dead": the count before is part of a toll
    objects: PhraseMatcher  # nouns for things counted ("air strikes", "برميل"): such counts are not casualties
    window_before: int
    window_after: int
    clause_breaks: bool  # a conjunction after the number ends the window (not in verb-final Persian)
    comma_breaks: bool  # a comma after the number ends the window
    trigger_words: frozenset[str]  # words (with Arabic proclitics) that can start a quantity
    articles: frozenset[str]  # "a", "an": 1 before a hundred/scale word


def _require(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data:
        raise LanguageDataError(f"{where}: missing section {key!r}")
    value = data[key]
    if value is None:
        value = kind()
    if not isinstance(value, kind):
        raise LanguageDataError(f"{where}: {key!r} must be a {kind.__name__}, got {type(value).__name__}")
    return value


def _str_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise LanguageDataError(f"{where}: expected a list of words, got {value!r}")
    return [str(v) for v in value]


def _matcher(lang: str, entries: dict[str, list[str]] | list[str], where: str, value: Any = None) -> PhraseMatcher:
    m = PhraseMatcher(proclitics=language_proclitics(lang))
    if isinstance(entries, dict):
        for key, words in entries.items():
            for w in _str_list(words or [], f"{where}.{key}"):
                m.add(w, key)
    else:
        for w in _str_list(entries, where):
            m.add(w, value if value is not None else w)
    return m


def _proclitic_list(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """Normalized proclitics under ``key`` (``[]`` or absent: the words are matched as listed)."""
    return tuple(p for p in (normalize_term(w) for w in _str_list(data.get(key) or [], f"{where}: {key}")) if p)


def parse_numbers_yaml(lang: str, data: Any, where: str = "numbers.yaml") -> NumberData:
    """Validate and compile the parsed numbers.yaml of ``lang`` (raises ``LanguageDataError``)."""
    where = f"lang/{lang}/{where}"
    if not isinstance(data, dict):
        raise LanguageDataError(f"{where}: expected a mapping at top level")
    words_section = _require(data, "words", dict, where)
    words: dict[str, NumberWord] = {}
    for kind, entries in words_section.items():
        if kind not in NUMBER_KINDS:
            raise LanguageDataError(f"{where}: unknown number word kind {kind!r} (use {', '.join(NUMBER_KINDS)})")
        for word, value in (entries or {}).items():
            if not isinstance(value, int) or isinstance(value, bool):
                raise LanguageDataError(f"{where}: words.{kind}.{word}: value must be an integer")
            words[normalize_term(str(word))] = NumberWord(value, kind)
    connectors = frozenset(normalize_term(c) for c in _str_list(_require(data, "connectors", list, where), where))
    attached = data.get("attached_connector")
    weak = frozenset(normalize_term(w) for w in _str_list(data.get("weak_words") or [], f"{where}: weak_words"))
    duals = _require(data, "dual_nouns", dict, where)
    dual_matcher = PhraseMatcher(proclitics=language_proclitics(lang))
    for noun, category in duals.items():
        if category not in (*CATEGORIES, "other"):
            raise LanguageDataError(f"{where}: dual_nouns.{noun}: unknown category {category!r}")
        dual_matcher.add(str(noun), category)
    vague = PhraseMatcher(proclitics=language_proclitics(lang))
    for i, entry in enumerate(_require(data, "vague", list, where)):
        if not isinstance(entry, dict) or "words" not in entry or not isinstance(entry.get("low"), int):
            raise LanguageDataError(f"{where}: vague[{i}] needs 'words' (list) and 'low' (integer)")
        high = entry.get("high")
        if high is not None and not isinstance(high, int):
            raise LanguageDataError(f"{where}: vague[{i}].high must be an integer or null")
        for w in _str_list(entry["words"], f"{where}: vague[{i}].words"):
            vague.add(w, VagueEntry(entry["low"], high, w))
    quals = _require(data, "qualifiers", dict, where)
    for side in ("before", "after"):
        for kind in (quals.get(side) or {}):
            if kind not in QUALIFIER_KINDS:
                raise LanguageDataError(f"{where}: qualifiers.{side}.{kind}: use one of {', '.join(QUALIFIER_KINDS)}")
    ranges = _require(data, "ranges", dict, where)
    cats = _require(data, "categories", dict, where)
    for cat in cats:
        if cat not in CATEGORIES:
            raise LanguageDataError(f"{where}: categories.{cat}: use one of {', '.join(CATEGORIES)}")
    not_count = _require(data, "not_count", dict, where)
    window = data.get("cue_window") or {}
    # Words a quantity can start with.  Articles ("a dozen", "a number of") are reached from the word
    # after them, so the very frequent "a"/"an" are not looked up one by one.
    articles = frozenset(w for w, nw in words.items() if nw.kind == "article")

    def key_word(phrase: str) -> str:
        parts = normalize_term(phrase).split()
        return parts[1] if len(parts) > 1 and parts[0] in articles else parts[0]

    phrase_firsts = {key_word(w) for e in data["vague"] for w in e["words"]} | {key_word(str(w)) for w in duals}
    # vague words and dual nouns may carry a proclitic ("والعشرات", "بمقتل شخصين")
    phrase_firsts = with_proclitics(sorted(phrase_firsts), _proclitic_list(data, "phrase_proclitics", where))
    number_firsts = set(words) - articles
    if attached:  # "ومئة جريح": a number word may carry the attached conjunction
        number_firsts |= {normalize_term(attached) + w for w in list(number_firsts)}
    trigger_words = frozenset(number_firsts | phrase_firsts)
    return NumberData(
        lang=lang,
        words=words,
        connectors=connectors,
        attached_connector=normalize_term(attached) if attached else None,
        weak_words=weak,
        dual_nouns=dual_matcher,
        vague=vague,
        qualifiers_before=_matcher(lang, quals.get("before") or {}, f"{where}: qualifiers.before"),
        qualifiers_after=_matcher(lang, quals.get("after") or {}, f"{where}: qualifiers.after"),
        range_prefix=_matcher(lang, ranges.get("prefix") or [], f"{where}: ranges.prefix"),
        range_infix=frozenset(normalize_term(w) for w in _str_list(ranges.get("infix") or [], where)),
        categories=_matcher(lang, cats, f"{where}: categories"),
        people=_matcher(lang, data.get("people_nouns") or [], f"{where}: people_nouns"),
        objects=_matcher(lang, data.get("object_nouns") or [], f"{where}: object_nouns"),
        subset_markers=_matcher(lang, data.get("subset_markers") or [], f"{where}: subset_markers"),
        subset_after=_matcher(lang, data.get("subset_after") or [], f"{where}: subset_after"),
        not_before=_matcher(lang, not_count.get("before") or [], f"{where}: not_count.before"),
        not_after=_matcher(lang, not_count.get("after") or [], f"{where}: not_count.after"),
        singular_people=frozenset(
            with_proclitics([normalize_term(w) for w in _str_list(data.get("singular_people") or [], where)],
                            _proclitic_list(data, "singular_people_proclitics", where))),
        toll_phrases=tuple((normalize_term(w), cat) for cat, words in (data.get("toll_phrases") or {}).items()
                           for w in _str_list(words or [], f"{where}: toll_phrases.{cat}")),
        window_before=int(window.get("before", 6)),
        window_after=int(window.get("after", 5)),
        clause_breaks=bool(window.get("clause_breaks", True)),
        comma_breaks=bool(window.get("comma_breaks", True)),
        trigger_words=trigger_words,
        articles=articles,
    )


@lru_cache(maxsize=32)
def number_data(lang: str) -> NumberData | None:
    """Compiled numbers.yaml for ``lang``, or None when the language has none."""
    raw = load_yaml(lang, "numbers.yaml")
    if raw is None:
        return None
    return parse_numbers_yaml(lang, raw)


# --------------------------------------------------------------------------------------------
# Number grammar
# --------------------------------------------------------------------------------------------


def digits_value(token: str) -> int | None:
    """``"1,200"`` -> 1200, ``"12"`` -> 12; decimals are truncated (``"1.5"`` -> 1)."""
    if token.isdigit():
        return int(token)
    if "," in token and _THOUSANDS_RE.fullmatch(token):
        return int(token.replace(",", ""))
    head = _DIGITS_RE.match(token)
    return int(head.group()) if head else None


def parse_number(tokens: list[str], i: int, data: NumberData) -> tuple[int, int] | None:
    """Parse the number starting at ``tokens[i]``: ``(value, index after it)`` or None.

    Digits may be followed by a scale word ("3 آلاف", "2 million"); number words combine by the
    usual rules (unit+ten in either order, unit x hundred, x scale, teens as unit + ten).
    """
    tok = tokens[i]
    if tok[0].isdigit():
        if not tok.isdigit() and _DECIMAL_RE.fullmatch(tok) and i + 1 < len(tokens):  # "1.5 million", "1,2 مليون"
            nxt = data.words.get(tokens[i + 1])
            if nxt is not None and nxt.kind == "scale":
                return int(float(tok.replace(",", ".")) * nxt.value), i + 2
        value = digits_value(tok)
        if value is None:
            return None
        if i + 1 < len(tokens):
            nxt = data.words.get(tokens[i + 1])
            if nxt is not None and nxt.kind == "scale":
                return value * nxt.value, i + 2
        return value, i + 1
    total = cur = 0
    last: str | None = None
    end: int | None = None
    j = i
    n = len(tokens)
    while j < n:
        t = tokens[j]
        word = data.words.get(t)
        if word is None and data.attached_connector and t.startswith(data.attached_connector):
            word = data.words.get(t[len(data.attached_connector):])
        if word is None and last in ("scale", "big") and t.isdigit() and int(t) < 1000 and tokens[j - 1] in data.connectors:
            word = NumberWord(int(t), "digits")  # "یک هزار و 200" = 1200
        if word is None:
            break
        v, kind = word.value, word.kind
        low2 = cur % 100
        if kind == "article":
            if last is not None:
                break
            cur = 1
        elif kind == "unit":
            if last in ("unit", "teen", "article") or cur % 10 != 0:
                break
            cur += v
        elif kind == "ten":
            if low2 == 0:
                cur += v
            elif last == "unit" and low2 < 10:
                cur += v
            else:
                break
        elif kind == "teen":
            if v == 10 and last == "unit" and low2 < 10:
                cur += 10
            elif low2 == 0 and last != "teen":
                cur += v
            else:
                break
        elif kind == "hundred":
            if v == 100 and last == "unit" and 0 < low2 < 10:
                cur = cur - low2 + low2 * 100
            elif v == 100 and last == "article":
                cur = 100
            elif cur % 1000 == 0:
                cur += v
            else:
                break
        elif kind == "scale":
            if last == "scale" and cur == 0:
                break
            total += max(cur, 1) * v
            cur = 0
        elif kind == "big":
            if last is not None:
                break
            total += v
        elif kind == "digits":
            cur += v
        last = kind
        j += 1
        end = j
        if j < n and tokens[j] in data.connectors:
            j += 1
    if end is None or (last == "article"):
        return None
    if tokens[i] in data.words and data.words[tokens[i]].kind == "article" and end == i + 1:
        return None
    return total + cur, end


def parse_number_text(text: str, lang: str) -> int | None:
    """The value of a number written in words or digits, e.g. ``parse_number_text("بیست و سه", "fa")``."""
    data = number_data(lang)
    if data is None:
        return None
    tokens = TOKEN_RE.findall(normalize_term(text))
    if not tokens:
        return None
    parsed = parse_number(tokens, 0, data)
    if parsed is None or parsed[1] != len(tokens):
        return None
    return parsed[0]


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


@dataclass
class QuantityMatch:
    """A quantity found in normalized text (offsets into the normalized text)."""

    start: int
    end: int
    quantity: Quantity
    category: str
    subset: bool = False  # "including 3 children", "بينهم 5 أطفال": part of a count given before


def _year_like(value: int, token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= value <= 2100


def _date_like_digits(text: str, start: int, end: int) -> bool:
    """Digit groups glued by ':' '/' '.' '-' to other digits are times, dates or codes ("10:30", "29/7")."""
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    b_ok = len(before) == 2 and before[0].isdigit()
    a_ok = len(after) == 2 and after[1].isdigit()
    return bool(b_ok and before[1] in ":/." or a_ok and after[0] in ":/."
                or b_ok and before[1] == "-" and a_ok and after[0] == "-")


class _Segment:
    """Tokens of a stretch of normalized text, with their start offsets."""

    __slots__ = ("texts", "starts")

    def __init__(self, text: str, base: int) -> None:
        texts: list[str] = []
        starts: list[int] = []
        add_text, add_start, find = texts.append, starts.append, text.find
        pos = 0
        # split on whitespace in C; only words mixing letters, digits or punctuation go through the regex
        for w in text.split():
            k = find(w, pos)
            pos = k + len(w)
            if w.isalpha() or w.isdigit():
                add_text(w)
                add_start(base + k)
            else:
                for m in TOKEN_RE.finditer(w):
                    add_text(m.group())
                    add_start(base + k + m.start())
        self.texts, self.starts = texts, starts

    def end(self, k: int) -> int:
        """End offset of token ``k``."""
        return self.starts[k] + len(self.texts[k])

    def index_at(self, offset: int) -> int | None:
        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and offset < self.end(k):
            return k
        return None


_STOP_TOKENS = frozenset(".;:!?؟؛()[]\"")


def _opens_clause(token: str, data: NumberData) -> bool:
    conj = data.attached_connector
    return bool(conj and token.startswith(conj) and data.categories.match_at([token[len(conj):]], 0))


def _category(seg: _Segment, i: int, j: int, data: NumberData, window_after: int | None = None) -> str:
    """Casualty category from the nearest casualty word around tokens ``[i, j)``."""
    toks = seg.texts
    best: tuple[int, int, str] | None = None  # (distance, side preference, category)
    # after the number
    k = j
    dist = 0
    limit_after = data.window_after if window_after is None else window_after
    while k < len(toks) and dist < limit_after:
        t = toks[k]
        if t in _STOP_TOKENS or (t[0].isdigit() and dist > 0):
            break
        if t == "," or (dist > 0 and t in data.connectors):
            # ", killing 3" / "and injuring 5": a casualty word after a comma or conjunction opens the
            # next clause; otherwise the comma or conjunction ends the window only where the language
            # data says so (Arabic: yes; English lists "regime forces, allied militia, and rebels": no)
            if k + 1 < len(toks) and data.categories.match_at(toks, k + 1) is not None:
                break
            if data.comma_breaks if t == "," else data.clause_breaks:
                break
            k += 1
            continue
        hit = data.categories.match_at(toks, k) if data.categories.starts_phrase(t) else None
        if hit is not None:
            # "قتل 20 شخصا وجرح 30": a casualty word opening the next clause belongs to the next number
            if not (data.clause_breaks and _opens_clause(t, data)):
                best = (dist, 0, hit[1])
            break
        k += 1
        dist += 1
    # before the number
    k = i - 1
    dist = 0
    while k >= 0 and dist < data.window_before:
        t = toks[k]
        if t in _STOP_TOKENS or t[0].isdigit():
            break
        hit = data.categories.match_at(toks, k) if data.categories.starts_phrase(t) else None
        if hit is not None:
            if best is None or dist < best[0]:
                best = (dist, 1, hit[1])
            break
        k -= 1
        if t != ",":
            dist += 1
    return best[2] if best else "other"


def _excluded(seg: _Segment, i: int, j: int, text: str, data: NumberData) -> bool:
    toks = seg.texts
    if i > 0 and data.not_before.match_ending_at(toks, i) is not None:
        return True
    if j < len(toks) and toks[j] == "-":  # "12-year-old", "5-km"
        j += 1
    if j < len(toks) and data.not_after.match_at(toks, j) is not None:
        return True
    start = seg.starts[i]
    if start > 0 and text[start - 1] in _CURRENCY_SYMBOLS or start > 1 and text[start - 2] in _CURRENCY_SYMBOLS:
        return True
    return False


#: ``\d+``, written so that it starts with a single digit: re then skips to the next digit in a tight C loop
#: (the set of a pattern's possible first characters) instead of trying the repeat at every character; same
#: matches, 40% less time over a whole article, whose characters are mostly not digits
_DIGITS_RE = re.compile(r"\d\d*")
_PUNCT_CHARS = "،؛,.;:!?؟()[]{}\"'«»-–—/"


def with_proclitics(words: list[str], proclitics: tuple[str, ...]) -> set[str]:
    """Normalized words plus their forms with the given proclitics (numbers.yaml ``*_proclitics``)."""
    out = set(words)
    for w in words:
        for p in proclitics:
            out.add(p + w)
    return out


class TextIndex:
    """What the dates and quantities stages both need from a text: its words and its digit runs.

    ``words`` is the text's whitespace-split words (punctuation made spaces), repeats kept: they are looked
    up once in the join of every lexicon asked about (``found``, see :func:`word_hits`), without being made a
    set first, which cost as much again as splitting the text (~400 words per article, a few lexicon words
    present)."""

    __slots__ = ("words", "digits", "found")

    def __init__(self, words: list[str], digits: tuple[tuple[int, int], ...]) -> None:
        self.words = words
        self.digits = digits
        #: ``(join, the text's words in it)``, for the join current when last asked (:func:`_present`)
        self.found: tuple[frozenset[str] | None, frozenset[str]] = (None, frozenset())


def _punct_to_spaces(text: str) -> str:
    """Each of ``_PUNCT_CHARS`` in ``text`` made a space: ``str.replace`` of the few present is 2x cheaper than a
    regex substitution over a whole article."""
    for char in _PUNCT_CHARS:
        if char in text:
            text = text.replace(char, " ")
    return text


#: id(text) -> (text, its index), for the last ``RECENT_TEXTS`` texts (the text is kept, so its id is
#: not reused while it is here); replaced by a new dict when full, never changed in place but by adding
_indexes: dict[int, tuple[str, TextIndex]] = {}


def text_index(text: str) -> TextIndex:
    """The ``TextIndex`` of ``text``; those of recent texts are kept, so the two stages share them."""
    global _indexes
    cached = _indexes.get(id(text))
    if cached is not None and cached[0] is text:
        return cached[1]
    index = TextIndex(_punct_to_spaces(text).split(),
                      tuple([m.span() for m in _DIGITS_RE.finditer(text)]))
    if len(_indexes) >= RECENT_TEXTS:
        _indexes = {}
    _indexes[id(text)] = (text, index)
    return index


#: ``(join, lexicons)``: the join of every lexicon :func:`word_hits` has been asked about (the date anchors, the
#: words a count starts with, the singular people of each language), and those lexicons by id (kept, so an
#: id stays its lexicon's).  One tuple, replaced whole by a larger one when a lexicon is new (a language's
#: first document), so a thread reads a join and the lexicons it holds together.  A text's words are looked up
#: in the join once; each lexicon is then intersected with the few found instead of with the ~400 words of
#: the text again.
_JOIN: list[tuple[frozenset[str], dict[int, frozenset[str]]]] = [(frozenset(), {})]


def _present(index: TextIndex, words: frozenset[str]) -> frozenset[str]:
    """The members of ``words`` among the text's words (``words.intersection(index.words)``)."""
    join, lexicons = _JOIN[0]
    if lexicons.get(id(words)) is not words:
        if len(lexicons) >= 256:
            join, lexicons = frozenset(), {}
        join, lexicons = join | words, {**lexicons, id(words): words}
        _JOIN[0] = (join, lexicons)
    found = index.found
    if found[0] is not join:  # (a pair, set whole: the words found and the join they were looked up in)
        found = index.found = (join, join.intersection(index.words))
    return words.intersection(found[1])


def word_hits(text: str, words: frozenset[str]) -> list[tuple[int, str]]:
    """``(offset, word)`` of whole-word occurrences in ``text`` of any of ``words``.

    Splitting on whitespace and intersecting sets runs in C; only the words actually present are then
    located with ``str.find`` -- much cheaper than a regex alternation scanned over the whole text.
    """
    present = _present(text_index(text), words)
    hits: list[tuple[int, str]] = []
    n = len(text)
    for w in present:
        k = text.find(w)
        while k != -1:
            end = k + len(w)
            if (k == 0 or not text[k - 1].isalnum()) and (end == n or not text[end].isalnum()):
                hits.append((k, w))
            k = text.find(w, end)
    return hits


def word_positions(text: str, words: frozenset[str]) -> list[int]:
    """Start offsets of whole-word occurrences in ``text`` of any of ``words``."""
    return [k for k, _ in word_hits(text, words)]


def _cheap_reject(text: str, pos: int, data: NumberData, blocked: list[tuple[int, int]]) -> bool:
    """Digits that cannot start a count, decided without tokenizing: inside a date, part of a code
    ("F-16", "M5"), or a bare year with no noun for people after it."""
    if not text[pos].isdigit():
        word_end = pos
        while word_end < len(text) and text[word_end].isalnum():
            word_end += 1
        if text[pos:word_end] in data.weak_words:
            # "أحد", "یک", "one": a count only before a number word, a noun for people or a casualty word
            following = text[word_end:word_end + 40].split()[:1]
            if following and (following[0] in data.words or data.people.match_at(following, 0)
                              or data.categories.match_at(following, 0)):
                return False
            # "killing at least one opposition fighter": a casualty word just before
            preceding = text[max(0, pos - 40):pos].split()[-4:]
            return not any(data.categories.match_at(preceding, k) for k in range(len(preceding)))
        return False
    if pos > 0 and (text[pos - 1].isascii() and text[pos - 1].isalpha() or text[pos - 1] in "-/:."):
        return True
    end = pos
    while end < len(text) and text[end].isdigit():
        end += 1
    if blocked and _overlaps(blocked, pos, end):
        return True
    following = text[end:end + 40].split()[:1]
    if end - pos == 4 and 1900 <= int(text[pos:end]) <= 2100:
        return not (following and (data.people.match_at(following, 0) or data.categories.match_at(following, 0)))
    if following and following[0].isalpha() and data.not_after.match_at(following, 0) is not None:
        # "5 km", "20 درصد", "3 أيام" -- unless a scale word makes it a count ("3 آلاف")
        return True
    preceding = text[max(0, pos - 30):pos].split()[-1:]
    return bool(preceding and preceding[0].isalpha() and data.not_before.match_at(preceding, 0) is not None)


def find_quantities(text: str, lang: str, segments: list[tuple[int, int]] | None = None,
                    blocked: list[tuple[int, int]] | None = None) -> list[QuantityMatch]:
    """Quantities in normalized ``text`` of language ``lang``.

    ``segments``: sentence spans (normalized offsets) that bound the context of a number; ``blocked``:
    spans (e.g. dates) whose numbers are not counts.
    """
    data = number_data(lang)
    if data is None:
        return []
    if not segments:
        segments = [(0, len(text))]
    blocked = sorted(blocked or [])
    starts = [start for start, _ in text_index(text).digits]
    for pos in word_positions(text, data.trigger_words):
        prev = text[max(0, pos - 4):pos].split()[-1:]  # "a dozen", "an unknown number of"
        if prev and prev[0] in data.articles and text[pos - 1] == " ":
            pos = pos - 1 - len(prev[0])
        starts.append(pos)
    starts.sort()
    before_chars = 8 * (data.window_before + 4)
    after_chars = 8 * (data.window_after + 5)
    out: list[QuantityMatch] = []
    seg_index = 0
    consumed_to = -1
    seg: _Segment | None = None
    win_a = win_b = -1
    for pos in starts:
        if pos < consumed_to or _cheap_reject(text, pos, data, blocked):
            continue
        while seg_index < len(segments) and segments[seg_index][1] <= pos:
            seg_index += 1
        if seg_index >= len(segments) or segments[seg_index][0] > pos:
            continue
        seg_start, seg_end = segments[seg_index]
        # tokenize only a window around the number (enough words for qualifiers and casualty words),
        # reused by the next numbers while their windows fall inside it
        need_b = min(seg_end, pos + after_chars)
        if seg is None or pos < win_a + before_chars and win_a > seg_start or need_b > win_b or win_a < seg_start:
            a = max(seg_start, pos - before_chars)
            if a > seg_start:
                space = text.find(" ", a, pos)
                a = space + 1 if space != -1 else pos
            b = min(seg_end, pos + after_chars + 120)
            if b < seg_end:
                space = text.rfind(" ", need_b, b)
                b = space if space != -1 else b
            seg = _Segment(text[a:b], a)
            win_a, win_b = a, b
        i = seg.index_at(pos)
        if i is None:
            continue
        found = _quantity_at(seg, i, text, data, blocked, seg_start)
        if found is None:
            consumed_to = seg.end(i)
            continue
        out.append(found)
        consumed_to = found.end
    if data.singular_people:
        out.extend(_singular_people(text, data, segments, out))
        out.sort(key=lambda q: q.start)
    return out


def _singular_people(text: str, data: NumberData, segments: list[tuple[int, int]],
                     found: list[QuantityMatch]) -> list[QuantityMatch]:
    """One person: "killing a man", "a regime fighter was killed", "مقتل طفل" -- a singular noun for a
    person after an article (up to four words before it) or right after a casualty word."""
    out: list[QuantityMatch] = []
    taken = sorted((q.start, q.end) for q in found)
    for pos, _ in sorted(word_hits(text, data.singular_people)):
        if _overlaps(taken, pos, pos + 1):
            continue
        # cheap checks before tokenizing: an article a few words back, or a casualty word right before
        before = text[max(0, pos - 48):pos].split()
        if data.articles:
            if not any(w in data.articles for w in before[-4:]):
                continue
        elif not (before and data.categories.starts_phrase(before[-1].strip(_PUNCT_CHARS))):
            continue
        seg_start, seg_end = next(((a, b) for a, b in segments if a <= pos < b), (0, len(text)))
        a = max(seg_start, pos - 60)
        if a > seg_start:
            space = text.find(" ", a, pos)
            a = space + 1 if space != -1 else pos
        seg = _Segment(text[a:min(seg_end, pos + 8 * (data.window_after + 5))], a)
        i = seg.index_at(pos)
        if i is None:
            continue
        toks = seg.texts
        start: int | None = None
        for back in range(1, 5) if data.articles else ():
            if i - back < 0:
                break
            t = toks[i - back]
            if t in data.articles:
                start = i - back
                break
            if t in _STOP_TOKENS or t == "," or t[0].isdigit() or t in data.words or t in data.connectors:
                break
        if start is None and not data.articles and i > 0 and data.categories.match_at(toks, i - 1):
            start = i
        if start is None:
            continue
        category = _category(seg, start, i + 1, data)
        if category == "other":
            continue
        q_start, q_end = seg.starts[start], seg.end(i)
        out.append(QuantityMatch(q_start, q_end, Quantity(1, 1, 1, text=text[q_start:q_end]), category))
        bisect.insort(taken, (q_start, q_end))
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted, not overlapping each other)."""
    k = bisect.bisect_left(spans, (end,))
    return k > 0 and spans[k - 1][1] > start


def _counts_objects(toks: list[str], j: int, data: NumberData) -> bool:
    """Whether the noun after a number (or after one modifier word) counts things ("air strikes")."""
    for k in (j, j + 1):
        if k >= len(toks) or toks[k] in _STOP_TOKENS or toks[k] == ",":
            return False
        if data.people.match_at(toks, k) is not None or data.categories.match_at(toks, k) is not None:
            return False
        if data.objects.match_at(toks, k) is not None:
            return True
    return False


_toll_seen: tuple[str, NumberData, bool] | None = None


def _toll_category(text: str, sentence_start: int, pos: int, data: NumberData) -> str | None:
    """Category of a toll phrase earlier in the sentence ("death toll ... reached 112")."""
    global _toll_seen
    seen = _toll_seen
    if seen is None or seen[0] is not text or seen[1] is not data:  # once per text: any toll phrase at all?
        seen = _toll_seen = (text, data, any(phrase in text for phrase, _ in data.toll_phrases))
    if not seen[2]:
        return None
    before = text[max(sentence_start, pos - 240):pos]
    for phrase, category in data.toll_phrases:
        if phrase in before:
            return category
    return None


def _quantity_at(seg: _Segment, i: int, text: str, data: NumberData,
                 blocked: list[tuple[int, int]], sentence_start: int = 0) -> QuantityMatch | None:
    toks = seg.texts
    vague: VagueEntry | None = None
    dual_category: str | None = None
    weak = False
    parsed = parse_number(toks, i, data)
    if parsed is None:
        hit = data.vague.match_at(toks, i)
        if hit is not None:
            vague = hit[1]
            j = i + hit[0]
            value = vague.low
        else:
            dual = data.dual_nouns.match_at(toks, i)
            if dual is None:
                return None
            j = i + dual[0]
            value = 2
            dual_category = dual[1]
    else:
        value, j = parsed
        weak = j == i + 1 and toks[i] in data.weak_words
    start, end = seg.starts[i], seg.end(j - 1)
    if blocked and _overlaps(blocked, start, end):
        return None
    first = toks[i]
    if first[0].isdigit():
        if _date_like_digits(text, start, seg.end(i)) or ("." in first and j == i + 1):
            return None
        if _year_like(value, first) and not (j < len(toks) and (data.people.match_at(toks, j)
                                                               or data.categories.match_at(toks, j))):
            return None
    if _excluded(seg, i, j, text, data):
        return None
    low: int | None = value
    best: int | None = None if vague else value
    high: int | None = vague.high if vague else value
    qualifier: str | None = None
    q_start = i
    # range "10-15", "بين 10 و15"
    if vague is None and dual_category is None and j + 1 < len(toks) and toks[j] in data.range_infix:
        second = parse_number(toks, j + 1, data) if toks[j + 1][0].isdigit() == first[0].isdigit() else None
        prefix = data.range_prefix.match_ending_at(toks, i)
        # "10 and 15" is a range only after "between"; "10-15", "10 to 15" are ranges by themselves
        if prefix is None and toks[j] in data.connectors and toks[j].isalpha():
            second = None
        if second is not None and second[0] > value and not _excluded(seg, i, second[1], text, data):
            high, best = second[0], None
            j = second[1]
            if prefix is not None:
                q_start = i - prefix[0]
    if q_start == i:
        qual = data.qualifiers_before.match_ending_at(toks, i)
        if qual is not None:
            qualifier = qual[1]
            q_start = i - qual[0]
    # people noun right after the number is part of the quantity text ("123 people")
    people_hit = data.people.match_at(toks, j) if j < len(toks) else None
    after_end = j + people_hit[0] if people_hit else j
    if qualifier is None and after_end < len(toks):
        qual = data.qualifiers_after.match_at(toks, after_end)
        if qual is not None:
            qualifier = qual[1]
    if qualifier == "at_least":
        high = None
    elif qualifier == "more_than":
        high = None
    elif qualifier == "up_to":
        low = None
    if dual_category and dual_category != "other":
        category = dual_category
    elif people_hit is None and _counts_objects(toks, j, data):
        category = "other"  # "four air strikes", "470 برميلا", "53 مسجدا": things, not people
    else:
        # a vague word with no noun for people must have its casualty word close by ("killed hundreds")
        category = _category(seg, q_start, j, data, 3 if vague is not None and people_hit is None else None)
    if category == "other" and data.toll_phrases and (vague is None or people_hit is not None):
        category = _toll_category(text, sentence_start, seg.starts[q_start], data) or "other"
    if (weak or vague is not None) and category == "other" and people_hit is None:
        return None
    q_end = seg.end(j - 1)
    quantity = Quantity(low=low, best=best, high=high, text=text[seg.starts[q_start]:q_end], vague=vague is not None,
                        qualifier=qualifier)
    subset = (q_start > 0 and data.subset_markers.match_ending_at(toks, q_start) is not None) \
        or _part_of_toll_after(toks, j + (people_hit[0] if people_hit else 0), data)
    return QuantityMatch(seg.starts[q_start], q_end, quantity, category, subset)


# --------------------------------------------------------------------------------------------
# Stage
# --------------------------------------------------------------------------------------------


def _sentence_spans(doc: Document) -> list[tuple[int, int]]:
    assert doc.norm is not None
    if not doc.sentences:
        return [(0, len(doc.norm.text))]
    starts = doc.norm.starts
    if starts is None:  # identity map
        return [(s.start, s.end) for s in doc.sentences]
    left = bisect.bisect_left  # NormalizedText.from_raw, without its per-call overhead
    return [(left(starts, s.start), left(starts, s.end)) for s in doc.sentences]


def _date_spans(doc: Document) -> list[tuple[int, int]]:
    """Normalized spans of the document's date mentions (found here if the dates stage has not run)."""
    assert doc.norm is not None
    dates = doc.mentions_of("date")
    if dates or "dates" in doc.stages_done:
        return [(doc.norm.from_raw(m.start), doc.norm.from_raw(m.end)) for m in dates]
    from rasad.extract.dates import find_dates

    return [(d.start, d.end) for d in find_dates(doc.norm.text, _doc_lang(doc), None)]


def _doc_lang(doc: Document) -> str:
    return doc.lang if number_data(doc.lang) is not None else "und"


def _part_of_toll_after(toks: list[str], k: int, data: NumberData) -> bool:
    """Whether the words from token ``k`` (after the count and its noun for people) make the count a part of
    a toll ("14 children were among the dead", "5 أطفال من بين القتلى"): like a subset marker before it."""
    return k < len(toks) and data.subset_after.max_len > 0 and data.subset_after.match_at(toks, k) is not None


def quantity_attrs(q: Quantity, category: str, subset: bool = False) -> dict[str, Any]:
    """``q.to_dict()`` plus ``category`` (and ``subset`` when the count is part of an earlier one:
    "12 killed, including 3 children"), built directly (faster than the generic serializer)."""
    attrs = {"low": q.low, "best": q.best, "high": q.high, "text": q.text, "vague": q.vague,
             "qualifier": q.qualifier, "unit": q.unit, "start": q.start, "end": q.end, "category": category}
    if subset:
        attrs["subset"] = True
    return attrs


def quantities_stage(doc: Document) -> None:
    """Add ``Mention(kind="quantity")`` for every count in the document (replacing earlier ones)."""
    ensure_norm(doc)
    assert doc.norm is not None
    doc.mentions = [m for m in doc.mentions if m.kind != "quantity"]
    spans = _sentence_spans(doc)
    blocked = _date_spans(doc)
    by_lang: dict[str, list[tuple[int, int]]] = {}
    if doc.sentences:
        for sent, span in zip(doc.sentences, spans, strict=True):
            lang = sent.lang if sent.lang not in ("und", "") else doc.lang
            by_lang.setdefault(lang, []).append(span)
    else:
        by_lang[doc.lang] = spans
    new: list[Mention] = []
    for lang, lang_spans in by_lang.items():
        for q in find_quantities(doc.norm.text, lang, lang_spans, blocked):
            raw_start, raw_end = doc.norm.to_raw(q.start, q.end)
            sent = sentence_at(doc, raw_start)
            q.quantity.text, q.quantity.start, q.quantity.end = doc.text[raw_start:raw_end], raw_start, raw_end
            attrs = quantity_attrs(q.quantity, q.category, q.subset)
            new.append(Mention(raw_start, raw_end, doc.text[raw_start:raw_end], "quantity",
                               sentence=sent.index if sent else None, lang=lang, source="quantities",
                               attrs=attrs))
    new.sort(key=lambda m: m.start)
    doc.mentions.extend(new)
