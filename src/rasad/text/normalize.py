"""Normalization of Arabic-script and Latin text for matching, with an offset map back to the raw text.

The normalized form is for *matching* only (lexicons, gazetteer, patterns are normalized with the same
function); nothing shown to a user comes from it.  It folds:

* Arabic/Persian letter variants: ي ى ی -> ي, ك ک -> ك, ة ۀ -> ه, أ إ آ ٱ -> ا
* in Persian text only (:func:`fold_persian_variants`): the older hamza spelling of the ye after a long
  vowel, ائی/وئی -> ایی/ویی ("هوائی" = "هوایی")
* tatweel, harakat and Quranic marks, ZWNJ/ZWJ, bidi controls, soft hyphen, BOM: deleted
  (so "گروه‌های" and "گروههای" normalize alike)
* Arabic-Indic and Persian digits -> ASCII digits
* Arabic presentation forms -> their base letters (NFKC), curly quotes and guillemets -> '"',
  exotic spaces -> ' '
* Latin letters -> lower case

Deletions and expansions change lengths, so ``NormalizedText`` keeps per-character raw offsets.
When nothing is deleted or expanded the map is the identity and costs nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from rasad.model import NormalizedText

# one-to-one character folds (length preserving): applied with str.translate
_ONE_TO_ONE: dict[int, str] = {}


def _fold(src: str, dst: str) -> None:
    for ch in src:
        _ONE_TO_ONE[ord(ch)] = dst


_fold("يىیېۍ", "ي")
_fold("كکڪ", "ك")
_fold("ةۀۃ", "ه")
_fold("أإآٱٲٳ", "ا")
_fold("ٶ", "و")
for _i in range(10):
    _ONE_TO_ONE[0x0660 + _i] = str(_i)
    _ONE_TO_ONE[0x06F0 + _i] = str(_i)
_fold("«»“”„‟″❝❞＂", '"')
_fold("‘’‚‛′", "'")
_fold("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " ")
_fold("٫", ".")  # Arabic decimal separator
_fold("٬", ",")  # Arabic thousands separator
for _c in range(ord("A"), ord("Z") + 1):
    _ONE_TO_ONE[_c] = chr(_c + 32)
for _cp in range(0x00C0, 0x0250):  # Latin-1 supplement and Latin Extended-A/B upper case letters
    _ch = chr(_cp)
    _lo = _ch.lower()
    if _lo != _ch and len(_lo) == 1:
        _ONE_TO_ONE[_cp] = _lo

#: ``str.translate`` table: a string whose character at index ``c`` is what code point ``c`` folds to
#: (itself when unchanged; code points past its end are left alone).  Indexing a 65k-character string
#: (130 KB) is cheaper than the hash lookup of a ``str.maketrans`` dict: 0.06 instead of 0.10 ms per
#: 2.3 KB Arabic/Persian article, same output.  Every fold is one character to one character.
#: (Built as a list of every character patched with the folds: half the CPU of a per-code-point lookup, ~3
#: ms of every process's start.)
_TRANSLATE_CHARS = list(map(chr, range(max(_ONE_TO_ONE) + 1)))
for _c, _v in _ONE_TO_ONE.items():
    _TRANSLATE_CHARS[_c] = _v
_TRANSLATE = "".join(_TRANSLATE_CHARS)
del _TRANSLATE_CHARS
if any(len(_v) != 1 for _v in _ONE_TO_ONE.values()):
    raise ValueError("a one-to-one fold must map a character to exactly one character")


def char_replacer(table: dict[str, str]) -> Callable[[str], str]:
    """A function replacing every character of ``table``'s keys with its value.  ``str.translate`` looks
    every character of non-ASCII text up through the mapping protocol (~35 ns each, 80 us per 2.3 KB
    Arabic article); this ``str.replace``s each of the few distinct characters that change (~10 us).
    Replacing one character at a time equals translating only when no value holds a key.

    The characters are found one distinct character at a time: a search from where the last one stood
    finds the next character still to replace (everything before it has none; the values hold none), so
    the text is scanned once in C, without a match object per folding letter (an Arabic article has ~130,
    of ~5 distinct letters; a list of them cost half the time)."""
    if any(c in table for v in table.values() for c in v):
        raise ValueError("a fold's result must not be folded again (replacing one character at a time would chain)")
    search = re.compile("[" + "".join(map(re.escape, sorted(table))) + "]").search

    def replace(text: str) -> str:
        pos = 0
        while (m := search(text, pos)) is not None:
            ch = m.group()
            to = table[ch]
            text = text.replace(ch, to)
            pos = m.start() + len(to)
        return text

    return replace


#: The folds that change a character (see :func:`char_replacer`).
_fold_non_ascii = char_replacer({chr(c): d for c, d in _ONE_TO_ONE.items() if chr(c) != d})


def fold_chars(text: str) -> str:
    """``text.translate(_TRANSLATE)``, faster: ASCII text takes translate's own ASCII fast path; other text
    replaces each distinct character that folds (:func:`char_replacer`)."""
    if text.isascii():
        return text.translate(_TRANSLATE)
    return _fold_non_ascii(text)

# characters removed outright
_DELETE_RANGES = [
    (0x0610, 0x061A),  # Arabic honorific marks
    (0x064B, 0x065F),  # harakat
    (0x0670, 0x0670),  # superscript alef
    (0x06D6, 0x06DC),  # Quranic annotation
    (0x06DF, 0x06E8),
    (0x06EA, 0x06ED),
    (0x0640, 0x0640),  # tatweel
    (0x200B, 0x200F),  # zero-width space, ZWNJ, ZWJ, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings/overrides
    (0x2066, 0x2069),  # bidi isolates
    (0x00AD, 0x00AD),  # soft hyphen
    (0xFEFF, 0xFEFF),  # BOM / zero-width no-break space
    (0x061C, 0x061C),  # Arabic letter mark
]
_DELETE_CLASS = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in _DELETE_RANGES)
# characters that expand or need NFKC: presentation forms, ligatures, special lower-casing
_EXPAND_CLASS = "\\ufb50-\\ufdff\\ufe70-\\ufefe\\u0130\\u1e9e\\ufb00-\\ufb06"
_SPECIAL_RE = re.compile(f"[{_DELETE_CLASS}{_EXPAND_CLASS}]")
_DELETE_RE = re.compile(f"[{_DELETE_CLASS}]")


@lru_cache(maxsize=4096)
def _expand(ch: str) -> str:
    """Replacement for a character matched by _SPECIAL_RE (may be empty or several characters)."""
    if _DELETE_RE.match(ch):
        return ""
    out = unicodedata.normalize("NFKC", ch)
    out = _DELETE_RE.sub("", out)
    return out.lower().translate(_TRANSLATE)


#: Letters Persian writes and Arabic does not (پ چ ژ گ, Persian kaf and yeh).
_PERSIAN_LETTERS = "\u067e\u0686\u0698\u06af\u06a9\u06cc"
#: A text is Persian when at least one character in this many is a Persian letter.  Real Persian articles
#: have 1.2 % or more even when typed with the Arabic yeh and kaf (پ چ ژ گ remain); an Arabic article that
#: quotes one Persian name has 0.02 %, and must keep its Arabic hamza spellings (الدعائي، إسرائيلي).
_PERSIAN_LETTER_EVERY = 200
#: After :func:`fold_chars`: a yeh-hamza between a long vowel (ا/آ, و) and a yeh is the older Persian spelling
#: of the glide ye ("هوائی", "آمریکائی", "دانشجوئی", "پائین").  Arabic keeps the hamza (قضائي، نهائي), and the
#: hamza elsewhere is a real glottal stop in Persian too (مسئول، رئیس، جزائر، مسائل), so only this context folds.
_HAMZA_YE_RE = re.compile("(?<=[\u0627\u0648])\u0626(?=\u064a)")


def fold_hamza_ye(folded: str) -> str:
    """``folded`` with every ائي/وئي made ايي/ويي, whatever the language: for the text search, whose query
    and indexed fields (one line at a time) must fold alike, and where a Persian query "اسرائیل" must still
    find the Arabic "إسرائيل" (:func:`fold_persian_variants` folds only Persian text)."""
    return _HAMZA_YE_RE.sub("\u064a", folded) if "\u0626\u064a" in folded else folded


def fold_persian_variants(raw: str, folded: str) -> str:
    """``folded`` (``fold_chars(raw)``) with the older hamza spelling of the Persian glide ye folded when
    ``raw`` is Persian text: ائي/وئي -> ايي/ويي, one character to one character, so the offset map stays
    the identity where it was.  Arabic text (too few Persian letters, ``_PERSIAN_LETTER_EVERY``) is
    returned unchanged: Arabic writes قضائي with the hamza.  Lexicon terms fold by the same test, and a
    Persian term in this context always has a Persian letter (the ی after the hamza), so both sides meet.
    (ؤ -> و is not folded: a Persian term like "مؤسسه" has no Persian letter to tell it from Arabic.)"""
    if "\u0626\u064a" not in folded:
        return folded
    if sum(map(raw.count, _PERSIAN_LETTERS)) * _PERSIAN_LETTER_EVERY < len(raw):
        return folded
    return _HAMZA_YE_RE.sub("\u064a", folded)


def normalize(text: str) -> NormalizedText:
    """Normalize ``text`` for matching and keep the offset map (see module docstring)."""
    folded = fold_persian_variants(text, fold_chars(text))
    matches = list(_SPECIAL_RE.finditer(folded))
    if not matches:
        return NormalizedText(folded, None, None, len(text))
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    ids = _identity(len(folded) + 1)
    pos = 0
    for m in matches:
        i = m.start()
        if i > pos:
            parts.append(folded[pos:i])
            starts += ids[pos:i]
            ends += ids[pos + 1:i + 1]
        repl = _expand(folded[i])
        if repl:
            parts.append(repl)
            starts.extend([i] * len(repl))
            ends.extend([i + 1] * len(repl))
        elif ends:
            # deleted: the previous kept character now also covers this one
            if ends[-1] == i:
                ends[-1] = i + 1
        pos = i + 1
    if pos < len(folded):
        parts.append(folded[pos:])
        starts += ids[pos:len(folded)]
        ends += ids[pos + 1:len(folded) + 1]
    return NormalizedText("".join(parts), starts, ends, len(text))


#: 0, 1, 2, ...: the offset maps are copied from slices of it (its int objects shared) instead of built
#: from ranges, which allocate an int object per character past 256 -- 5x cheaper on a 2.3 KB article.
#: Grown on demand up to ``_IDENTITY_CAP`` entries (~2.5 MB); longer texts get a list of their own.
_IDENTITY: list[int] = list(range(8192))
_IDENTITY_CAP = 1 << 16


def _identity(n: int) -> list[int]:
    """A list whose items ``0 .. n-1`` are their own index."""
    global _IDENTITY
    ids = _IDENTITY
    if len(ids) >= n:
        return ids
    if n > _IDENTITY_CAP:
        return list(range(n))
    ids = _IDENTITY = list(range(min(_IDENTITY_CAP, max(n, 2 * len(ids)))))
    return ids


def normalize_text(text: str) -> str:
    """The text ``normalize(text)`` produces, without building its offset map: for callers that only
    compare or hash text (near-duplicate detection) and never map positions back."""
    folded = fold_persian_variants(text, fold_chars(text))
    if _SPECIAL_RE.search(folded) is None:
        return folded
    return _SPECIAL_RE.sub(lambda m: _expand(m.group()), folded)


@lru_cache(maxsize=65536)
def normalize_term(term: str) -> str:
    """Normalize a lexicon or gazetteer entry the same way as document text, collapsing whitespace.

    Cached: stages call it on every token of a document (place-name folding, name matching), and the
    same words come back document after document.  A new word is folded by ``normalize_text`` (the text
    ``normalize`` makes, without its offset map: half the cost of a cache miss, ~11k per 1,000 documents)."""
    return " ".join(normalize_text(term).split())


# --------------------------------------------------------------------------------------------
# Clitics: proclitics and suffixes from lang/<lang>/morphology.yaml (ar proclitics, fa plural/ezafe)
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def language_proclitics(lang: str, key: str = "proclitics") -> tuple[str, ...]:
    """Normalized proclitic sequences of ``lang`` (``lang/<lang>/morphology.yaml`` ``key``), longest first
    as the file lists them; ``()`` for a language that attaches nothing in front of its words."""
    from rasad.lang import word_list  # imported late: rasad.lang normalizes its entries with this module

    return tuple(dict.fromkeys(normalize_term(p) for p in word_list(lang, "morphology.yaml", key,
                                                                      normalize=False) if p.strip()))


@lru_cache(maxsize=64)
def language_suffixes(lang: str) -> tuple[tuple[str, int], ...]:
    """``(suffix, letters that must remain)`` of ``lang``'s ``morphology.yaml`` ``suffixes``, in file order."""
    from rasad.lang import LanguageDataError, data_path, load_yaml

    table = (load_yaml(lang, "morphology.yaml") or {}).get("suffixes") or {}
    if not isinstance(table, dict) or not all(isinstance(v, int) and not isinstance(v, bool)
                                              for v in table.values()):
        raise LanguageDataError(f"{data_path(lang, 'morphology.yaml')}: suffixes: expected a mapping "
                                f"suffix -> minimum stem length, got {table!r}")
    return tuple((normalize_term(str(k)), v) for k, v in table.items() if normalize_term(str(k)))


#: Arabic proclitic sequences that may be attached to a word (longest first), in normalized form:
#: ``lang/ar/morphology.yaml`` ``proclitics``.
AR_PROCLITICS: tuple[str, ...] = language_proclitics("ar")
#: Persian suffixes that may be attached (after the ZWNJ, which normalization removes):
#: ``lang/fa/morphology.yaml`` ``suffixes``.
FA_SUFFIXES: tuple[str, ...] = tuple(suffix for suffix, _ in language_suffixes("fa"))


def arabic_stem_candidates(word: str) -> list[str]:
    """Candidate forms of an Arabic-script ``word`` with proclitics stripped (longest strip last).

    Used by dictionary matchers that need "بحمص" to match "حمص" and "والخالدية" to match
    "الخالدية"/"خالدية".  Only strips while at least two letters remain.
    """
    return proclitic_stem_candidates(word, AR_PROCLITICS)


def proclitic_stem_candidates(word: str, proclitics: tuple[str, ...], min_stem: int = 2) -> list[str]:
    """``word`` and its forms with each of ``proclitics`` (a language's ``morphology.yaml`` list) stripped,
    in the list's order, while at least ``min_stem`` letters remain.  Only the proclitics that start with the
    word's first letter are tried (``_proclitics_by_first_letter``): most words start with none."""
    out = [word]
    by_first = _proclitics_by_first_letter(proclitics)
    for p in proclitics if by_first is None else by_first.get(word[:1], ()):
        if word.startswith(p) and len(word) - len(p) >= min_stem:
            rest = word[len(p):]
            if rest not in out:
                out.append(rest)
    return out


@lru_cache(maxsize=64)
def _proclitics_by_first_letter(proclitics: tuple[str, ...]) -> dict[str, tuple[str, ...]] | None:
    """``proclitics`` grouped by their first letter, each group in the tuple's order; None when one is empty
    (it would prefix every word)."""
    if "" in proclitics:
        return None
    groups: dict[str, list[str]] = {}
    for p in proclitics:
        groups.setdefault(p[0], []).append(p)
    return {first: tuple(group) for first, group in groups.items()}


_FA_SUFFIX_STEMS = language_suffixes("fa")


def persian_stem_candidates(word: str) -> list[str]:
    """Candidate forms of a normalized Persian ``word`` with plural/ezafe suffixes stripped.

    Normalization removes the ZWNJ, so "گروه‌های" and "گروههای" both arrive as "گروههاي"; this yields
    "گروه" as well, so a lexicon entry for the singular matches.  The short suffixes (ی, ای) are only
    stripped when at least three letters remain, since many stems end in ی.
    """
    out = [word]
    for suffix, min_stem in _FA_SUFFIX_STEMS:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            stem = word[: -len(suffix)]
            if stem not in out:
                out.append(stem)
    return out
