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

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasad.lang import load_yaml
from rasad.model import Document, Mention, Quantity
from rasad.text.normalize import arabic_stem_candidates, normalize_term
from rasad.text.normalize_stage import ensure_norm

CATEGORIES = ("killed", "wounded", "arrested", "displaced")
QUALIFIER_KINDS = ("at_least", "more_than", "about", "up_to")
NUMBER_KINDS = ("unit", "teen", "ten", "hundred", "scale", "big", "article")

TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|%|[^\w\s]")
_CURRENCY_SYMBOLS = frozenset("$£€¥﷼")


class LanguageDataError(ValueError):
    """A language data file is missing a section or has a value of the wrong type."""


# --------------------------------------------------------------------------------------------
# Word lists with "*" prefixes, matched on token sequences
# --------------------------------------------------------------------------------------------


@dataclass
class PhraseMatcher:
    """Multi-word phrases matched on tokens; a word ending in ``*`` matches any token starting with it.

    ``arabic_clitics``: also try the token with Arabic proclitics stripped (و ب ل ال ...).
    """

    arabic_clitics: bool = False
    _phrases: dict[str, list[tuple[tuple[str, ...], Any]]] = field(default_factory=dict)
    _prefix_lengths: set[int] = field(default_factory=set)

    def add(self, phrase: str, value: Any) -> None:
        words = tuple(normalize_term(phrase).split())
        if not words:
            return
        first = words[0]
        if first.endswith("*"):
            self._prefix_lengths.add(len(first) - 1)
        self._phrases.setdefault(first, []).append((words, value))
        self._phrases[first].sort(key=lambda item: -len(item[0]))

    @staticmethod
    def _word_matches(pattern: str, token: str) -> bool:
        if pattern.endswith("*"):
            return token.startswith(pattern[:-1])
        return token == pattern

    def _forms(self, token: str) -> list[str]:
        return arabic_stem_candidates(token) if self.arabic_clitics else [token]

    def match_at(self, tokens: list[str], i: int) -> tuple[int, Any] | None:
        """Longest phrase starting at token ``i``: ``(number of tokens, value)``."""
        best: tuple[int, Any] | None = None
        for form in self._forms(tokens[i]):
            keys = [form] + [form[:k] + "*" for k in self._prefix_lengths if len(form) >= k]
            for key in keys:
                for words, value in self._phrases.get(key, ()):
                    n = len(words)
                    if i + n > len(tokens) or (best is not None and best[0] >= n):
                        continue
                    if not self._word_matches(words[0], form):
                        continue
                    if all(self._word_matches(w, tokens[i + k]) for k, w in enumerate(words[1:], 1)):
                        best = (n, value)
        return best

    def match_ending_at(self, tokens: list[str], end: int) -> tuple[int, Any] | None:
        """Longest phrase whose last token is ``tokens[end - 1]``."""
        best: tuple[int, Any] | None = None
        for start in range(max(0, end - 6), end):
            hit = self.match_at(tokens, start)
            if hit is not None and start + hit[0] == end and (best is None or hit[0] > best[0]):
                best = hit
        return best

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
    window_before: int
    window_after: int
    trigger_re: re.Pattern[str]


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
    m = PhraseMatcher(arabic_clitics=lang == "ar")
    if isinstance(entries, dict):
        for key, words in entries.items():
            for w in _str_list(words or [], f"{where}.{key}"):
                m.add(w, key)
    else:
        for w in _str_list(entries, where):
            m.add(w, value if value is not None else w)
    return m


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
    dual_matcher = PhraseMatcher(arabic_clitics=lang == "ar")
    for noun, category in duals.items():
        if category not in (*CATEGORIES, "other"):
            raise LanguageDataError(f"{where}: dual_nouns.{noun}: unknown category {category!r}")
        dual_matcher.add(str(noun), category)
    vague = PhraseMatcher(arabic_clitics=lang == "ar")
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
    number_words = sorted(words, key=len, reverse=True)
    vague_firsts = sorted({normalize_term(w).split()[0] for e in data["vague"] for w in e["words"]}, key=len, reverse=True)
    dual_firsts = sorted({normalize_term(str(w)).split()[0] for w in duals}, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in [*number_words, *vague_firsts, *dual_firsts])
    prefix = "(?:[وفبل]|ال|وال|بال)?" if lang == "ar" else ""
    trigger_re = re.compile(rf"\d|(?<!\w){prefix}(?:{alternation})(?!\w)" if alternation else r"\d")
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
        not_before=_matcher(lang, not_count.get("before") or [], f"{where}: not_count.before"),
        not_after=_matcher(lang, not_count.get("after") or [], f"{where}: not_count.after"),
        window_before=int(window.get("before", 6)),
        window_after=int(window.get("after", 12 if lang == "fa" else 5)),
        trigger_re=trigger_re,
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
    if "," in token and re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return int(token.replace(",", ""))
    head = re.match(r"\d+", token)
    return int(head.group()) if head else None


def parse_number(tokens: list[str], i: int, data: NumberData) -> tuple[int, int] | None:
    """Parse the number starting at ``tokens[i]``: ``(value, index after it)`` or None.

    Digits may be followed by a scale word ("3 آلاف", "2 million"); number words combine by the
    usual rules (unit+ten in either order, unit x hundred, x scale, teens as unit + ten).
    """
    tok = tokens[i]
    if tok[0].isdigit():
        if re.fullmatch(r"\d+\.\d+", tok) and i + 1 < len(tokens):
            nxt = data.words.get(tokens[i + 1])
            if nxt is not None and nxt.kind == "scale":
                return int(float(tok) * nxt.value), i + 2
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
        if word is None and j > i and data.attached_connector and t.startswith(data.attached_connector):
            word = data.words.get(t[len(data.attached_connector):])
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


def _year_like(value: int, token: str) -> bool:
    return len(token) == 4 and token.isdigit() and 1900 <= value <= 2100


def _date_like_digits(text: str, start: int, end: int) -> bool:
    """Digit groups glued by ':' '/' '.' '-' to other digits are times, dates or codes ("10:30", "29/7")."""
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    return bool(re.fullmatch(r"\d[:/.]", before) or re.fullmatch(r"[:/.]\d", after)
                or re.fullmatch(r"\d-", before) and re.fullmatch(r"-\d", after))


class _Segment:
    """Tokens of one sentence (normalized), with character offsets."""

    __slots__ = ("base", "texts", "starts", "ends")

    def __init__(self, text: str, base: int) -> None:
        self.base = base
        self.texts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in TOKEN_RE.finditer(text):
            self.texts.append(m.group())
            self.starts.append(base + m.start())
            self.ends.append(base + m.end())

    def index_at(self, offset: int) -> int | None:
        import bisect

        k = bisect.bisect_right(self.starts, offset) - 1
        if k >= 0 and self.starts[k] <= offset < self.ends[k]:
            return k
        return None


_STOP_TOKENS = frozenset(".;:!?؟؛()[]\"")


def _category(seg: _Segment, i: int, j: int, data: NumberData) -> str:
    """Casualty category from the nearest casualty word around tokens ``[i, j)``."""
    toks = seg.texts
    best: tuple[int, int, str] | None = None  # (distance, side preference, category)
    # after the number
    k = j
    dist = 0
    while k < len(toks) and dist < data.window_after:
        t = toks[k]
        if t in _STOP_TOKENS or (t[0].isdigit() and dist > 0):
            break
        if t == "," and data.lang != "fa":
            break
        hit = data.categories.match_at(toks, k)
        if hit is not None:
            best = (dist, 0, hit[1])
            break
        k += 1
        if t != ",":
            dist += 1
    # before the number
    k = i - 1
    dist = 0
    while k >= 0 and dist < data.window_before:
        t = toks[k]
        if t in _STOP_TOKENS or t[0].isdigit():
            break
        hit = data.categories.match_at(toks, k)
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
    if j < len(toks) and data.not_after.match_at(toks, j) is not None:
        return True
    start = seg.starts[i]
    if start > 0 and text[start - 1] in _CURRENCY_SYMBOLS or start > 1 and text[start - 2] in _CURRENCY_SYMBOLS:
        return True
    return False


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
    out: list[QuantityMatch] = []
    seg_index = 0
    seg: _Segment | None = None
    seg_span: tuple[int, int] | None = None
    consumed_to = -1
    for m in data.trigger_re.finditer(text):
        pos = m.start()
        if pos < consumed_to:
            continue
        while seg_index < len(segments) and segments[seg_index][1] <= pos:
            seg_index += 1
        if seg_index >= len(segments) or segments[seg_index][0] > pos:
            continue
        if seg_span != segments[seg_index]:
            seg_span = segments[seg_index]
            seg = _Segment(text[seg_span[0]:seg_span[1]], seg_span[0])
        assert seg is not None
        i = seg.index_at(pos)
        if i is None:
            continue
        found = _quantity_at(seg, i, text, data, blocked)
        if found is None:
            consumed_to = seg.ends[i]
            continue
        out.append(found)
        consumed_to = found.end
    return out


def _overlaps(blocked: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in blocked if s < end + 1)


def _quantity_at(seg: _Segment, i: int, text: str, data: NumberData,
                 blocked: list[tuple[int, int]]) -> QuantityMatch | None:
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
    start, end = seg.starts[i], seg.ends[j - 1]
    if blocked and _overlaps(blocked, start, end):
        return None
    first = toks[i]
    if first[0].isdigit():
        if _date_like_digits(text, start, seg.ends[i]) or "." in first:
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
        if prefix is None and toks[j] in data.connectors:
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
    category = dual_category if dual_category and dual_category != "other" else _category(seg, i, j, data)
    if (weak or vague is not None) and category == "other" and people_hit is None:
        return None
    q_end = seg.ends[j - 1]
    quantity = Quantity(low=low, best=best, high=high, text=text[seg.starts[q_start]:q_end], vague=vague is not None,
                        qualifier=qualifier)
    return QuantityMatch(seg.starts[q_start], q_end, quantity, category)


# --------------------------------------------------------------------------------------------
# Stage
# --------------------------------------------------------------------------------------------


def _sentence_spans(doc: Document) -> list[tuple[int, int]]:
    assert doc.norm is not None
    if not doc.sentences:
        return [(0, len(doc.norm.text))]
    return [(doc.norm.from_raw(s.start), doc.norm.from_raw(s.end)) for s in doc.sentences]


def _date_spans(doc: Document) -> list[tuple[int, int]]:
    """Normalized spans of the document's date mentions (found here if the dates stage has not run)."""
    assert doc.norm is not None
    dates = doc.mentions_of("date")
    if dates or "dates" in doc.stages_done:
        return [(doc.norm.from_raw(m.start), doc.norm.from_raw(m.end)) for m in dates]
    from rasad.extract.dates import find_dates

    return [(d.start, d.end) for d in find_dates(doc.norm.text, _doc_lang(doc), None)]


def _doc_lang(doc: Document) -> str:
    return doc.lang if doc.lang in ("ar", "fa", "en") or number_data(doc.lang) else "und"


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
            sent = doc.sentence_at(raw_start)
            attrs = q.quantity.to_dict()
            attrs.update(text=doc.text[raw_start:raw_end], start=raw_start, end=raw_end, category=q.category)
            new.append(Mention(raw_start, raw_end, doc.text[raw_start:raw_end], "quantity",
                               sentence=sent.index if sent else None, lang=lang, source="quantities",
                               attrs=attrs))
    new.sort(key=lambda m: m.start)
    doc.mentions.extend(new)
