"""Language identification for documents and paragraphs: ar, fa, ur, ps, ckb, en, tr, he, fr, de, ru, und.

Fast path first, statistics only when needed:

1. **Script routing.**  Letters are counted per script (Arabic, Hebrew, Cyrillic, Latin).  Hebrew script
   is ``he`` and Cyrillic is ``ru`` without further ado.
2. **Arabic script** (ar/fa/ur/ps/ckb).  Each of these languages has letters the others do not use
   (Urdu ے ں ہ ٹ ڈ ڑ, Pashto ټ ځ څ ډ ړ ږ ښ ګ ڼ ې ۍ, Sorani ە ڕ ڵ ۆ ێ, Persian پ چ ژ گ ی plus the
   absence of ة) and very frequent function words (Arabic في من على التي, Persian است را می که, Urdu
   کے کی ہے میں).  A weighted score over both decides when one language is clearly ahead; otherwise
   lingua, restricted to Arabic/Persian/Urdu, decides between those three.
3. **Latin script** (en/tr/fr/de).  Function words and language-specific letters (ş ğ ı, ä ö ü ß,
   é è ç) usually decide; short or ambiguous text goes to lingua restricted to those four languages.

Text with fewer than ``MIN_LETTERS`` letters is ``und``.  lingua is loaded lazily, restricted to a
handful of languages, so memory stays low and documents decided by the fast path never pay for it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from itertools import repeat
from typing import Any

from rasad.lang import LANG_DIR, read_yaml
from rasad.model import Document, Paragraph

UND = "und"
#: Fewer letters than this and we do not guess.
MIN_LETTERS = 6
#: Only this many characters are looked at for the whole-document decision (speed on long articles).
DOC_SAMPLE_CHARS = 2000
#: Paragraphs are identified on their first characters, fast path only.
PARAGRAPH_SAMPLE_CHARS = 300

_ARABIC_SCRIPT_RE = re.compile("[\u0620-\u064a\u066e-\u06d5\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_HEBREW_RE = re.compile("[\u05d0-\u05ea\u05f0-\u05f2]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_OTHER_SCRIPT_LETTER_RE = re.compile("[A-Za-z\u00c0-\u024f\u0590-\u05ff\u0400-\u04ff]")
_NON_ARABIC_SCRIPT_RE = re.compile("[A-Za-z\u00c0-\u024f]+")
#: Runs of letters of one script, to count them (``_letter_count``).  Written ``[c][c]*`` rather than ``[c]+``:
#: a pattern that starts with a character class lets the regex engine skip to the next letter in C.
_ARABIC_SCRIPT_RUN = re.compile(f"{_ARABIC_SCRIPT_RE.pattern}{_ARABIC_SCRIPT_RE.pattern}*")
_HEBREW_RUN = re.compile(f"{_HEBREW_RE.pattern}{_HEBREW_RE.pattern}*")
_CYRILLIC_RUN = re.compile(f"{_CYRILLIC_RE.pattern}{_CYRILLIC_RE.pattern}*")
_LATIN_RUN = re.compile(f"{_LATIN_RE.pattern}{_LATIN_RE.pattern}*")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*|\n(?=\s*\S)")
_TOKEN_RE = re.compile(r"[^\s.,;:!?\"'()\[\]{}«»“”‘’،؛؟\-–—…/\\*#|<>]+")

# ---------------------------------------------------------------------------------------------------
# Arabic-script evidence: letters each language uses and the others (almost) never do, and frequent words
# ---------------------------------------------------------------------------------------------------

def _load_evidence() -> dict:
    """Letters and function words per language, from ``lang/langid.yaml`` (data, not code)."""
    return read_yaml(LANG_DIR / "langid.yaml")


_EVIDENCE = _load_evidence()
_LETTERS: dict[str, str] = {lang: block["letters"] for lang, block in _EVIDENCE["arabic_script"].items()}
# letters whose presence speaks *against* Arabic (shared by fa/ur/ps/ckb): Persian kaf/yeh
_NON_ARABIC_SHARED: str = _EVIDENCE["non_arabic_shared_letters"]
_LETTER_LANG = {ch: lang for lang, letters in _LETTERS.items() for ch in letters}
_EVIDENCE_LETTER_RE = re.compile("[" + "".join(_LETTER_LANG) + _NON_ARABIC_SHARED + "]")
_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(block["function_words"].split()) for lang, block in _EVIDENCE["arabic_script"].items()
}
_LATIN_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(block["function_words"].split()) for lang, block in _EVIDENCE["latin_script"].items()
}
_LATIN_LETTERS: dict[str, str] = {
    lang: block["latin_letters"] for lang, block in _EVIDENCE["latin_script"].items() if block.get("latin_letters")
}


def _count_any(text: str, letters: str) -> int:
    return sum(text.count(ch) for ch in letters)


def _tokens(text: str, limit: int = 400) -> list[str]:
    return _TOKEN_RE.findall(text)[:limit]


# ---------------------------------------------------------------------------------------------------
# lingua, restricted and lazy
# ---------------------------------------------------------------------------------------------------


#: From this many characters on, lingua's low-accuracy mode (trigram models only) is used: it loads in
#: ~30 ms and ~20 MB instead of ~0.6 s and ~140 MB per script group, and on the shared langid sets it
#: is exactly as accurate as the full models for texts this long (measured with thresholds 0/60/120).
LOW_ACCURACY_MIN_CHARS = 120


@lru_cache(maxsize=8)
def _lingua(group: str, low_accuracy: bool = False) -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = {
        "arabic_script": (Language.ARABIC, Language.PERSIAN, Language.URDU),
        "latin": (Language.ENGLISH, Language.TURKISH, Language.FRENCH, Language.GERMAN),
    }[group]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()


@lru_cache(maxsize=2048)
def _lingua_detect(group: str, text: str) -> tuple[str, float]:
    """lingua's best language for ``text``; cached, since boilerplate paragraphs repeat across documents."""
    text = text[:2000]
    detector = _lingua(group, len(text) >= LOW_ACCURACY_MIN_CHARS)
    values = detector.compute_language_confidence_values(text)
    if not values:
        return UND, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)


# ---------------------------------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------------------------------


def _word_index(groups: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for lang, words in groups.items():
        for w in words:
            index.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in index.items()}


_ARABIC_WORD_INDEX = _word_index(_WORDS)
_LATIN_WORD_INDEX = _word_index(_LATIN_WORDS)
#: Per language, how a word carrying its article starts (langid.yaml ``article_prefixes``).
_ARTICLE_PREFIXES: dict[str, tuple[str, ...]] = {
    lang: tuple(block["article_prefixes"].split())
    for lang, block in _EVIDENCE["arabic_script"].items() if block.get("article_prefixes")
}


#: Per language with article prefixes, the function words (of any language) that start with one of them.
_ARTICLE_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(w for w in _ARABIC_WORD_INDEX if w.startswith(prefixes))
    for lang, prefixes in _ARTICLE_PREFIXES.items()
}


def _ranked(scores: dict[str, float]) -> tuple[str, float, float, float]:
    """(best language, its score, the second score, the total).  The best is the first language of the
    highest score in ``scores``' order (as a stable sort by score would put first); C-level sort and max."""
    values = sorted(scores.values(), reverse=True)
    return max(scores, key=scores.__getitem__), values[0], values[1], sum(scores.values())


def _arabic_word_scores(text: str) -> dict[str, float]:
    """Per language (``_LETTERS``' order), the score of the first 200 words: 3 per function word, 2 per
    word carrying the language's article (a function word never counts as carrying one)."""
    scores = dict.fromkeys(_LETTERS, 0.0)
    tokens = _tokens(text, 200)
    # the per-token tests run as C-level map/filter/sum; every score is a sum of small whole and half
    # numbers, so adding them in another order gives the same floats
    for langs in filter(None, map(_ARABIC_WORD_INDEX.get, tokens)):
        for lang in langs:
            scores[lang] += 3.0
    # a language's article is frequent in it and rare elsewhere (the Arabic one: loanwords only); a
    # function word counts as one, not as an article
    for lang, prefixes in _ARTICLE_PREFIXES.items():
        with_article = sum(map(str.startswith, tokens, repeat(prefixes)))
        if with_article:
            with_article -= sum(map(_ARTICLE_FUNCTION_WORDS[lang].__contains__, tokens))
            scores[lang] += 2.0 * with_article
    return scores


def _arabic_script(text: str, use_lingua: bool) -> tuple[str, float]:
    scores = _arabic_word_scores(text)
    non_arabic = 0
    for ch in _EVIDENCE_LETTER_RE.findall(text):
        lang = _LETTER_LANG.get(ch)
        if lang is None:
            non_arabic += 1
        else:
            scores[lang] += 1.0
    # Persian keheh/yeh speak against Arabic; Urdu, Pashto and Sorani share them, so they count for
    # those too once one of their own letters or words has been seen
    scores["fa"] += 0.5 * non_arabic
    for lang in ("ur", "ps", "ckb"):
        if scores[lang] > 0:
            scores[lang] += 0.25 * non_arabic
    best, top, second, total = _ranked(scores)
    # decisive: clearly ahead on a reasonable amount of evidence
    if top >= 6 and top >= 2.5 * second:
        return best, round(top / total, 3) if total else 0.0
    if best in ("ps", "ckb") and top >= 3 and top >= 2 * second:
        return best, round(top / total, 3)
    # lingua has no Pashto/Sorani model: trust their distinctive letters when present at all
    letter_hits = {lang: _count_any(text, _LETTERS[lang]) for lang in ("ur", "ps", "ckb")}
    if letter_hits["ur"] == 0:
        for special in ("ps", "ckb"):
            if letter_hits[special] >= 1:
                return special, 0.6
    if not use_lingua:
        return UND, 0.0
    # ambiguous between the languages lingua knows (Latin boilerplate removed first)
    lang, conf = _lingua_detect("arabic_script", _NON_ARABIC_SCRIPT_RE.sub(" ", text))
    return lang, round(conf, 3)


def _latin_word_scores(text: str) -> dict[str, float]:
    """Per language (``_LATIN_LETTERS``' order, then English), 1 per function word of the first 200 words."""
    scores = dict.fromkeys(_LATIN_LETTERS, 0.0)
    scores["en"] = 0.0
    for langs in filter(None, map(_LATIN_WORD_INDEX.get, map(str.lower, _tokens(text, 200)))):
        for lang in langs:
            scores[lang] += 1.0
    return scores


def _latin_script(text: str, use_lingua: bool) -> tuple[str, float]:
    scores = _latin_word_scores(text)
    for lang, letters in _LATIN_LETTERS.items():
        scores[lang] += 0.5 * _count_any(text, letters)
    best, top, second, total = _ranked(scores)
    if top >= 8 and top >= 3 * second:
        return best, round(top / (total or 1), 3)
    # short text: several function words of one language and no word or letter of any other
    if top >= 4 and second == 0:
        return best, round(top / (total or 1), 3)
    if not use_lingua:
        return UND, 0.0
    # a bare link or e-mail address says nothing about the language
    cleaned = _URL_RE.sub(" ", text)
    if _letter_count(_LATIN_RUN, cleaned) < MIN_LETTERS:
        return UND, 0.0
    return _lingua_detect("latin", cleaned)


def _letter_count(runs: re.Pattern[str], text: str, endpos: int = sys.maxsize) -> int:
    """How many characters of ``text`` (up to ``endpos``) the letter class of ``runs`` matches: the lengths
    of its runs, one match per word instead of one per letter (``len(findall)`` of the one-letter class,
    4x cheaper on 2,000 characters of English)."""
    return sum(map(len, runs.findall(text, 0, endpos)))


def dominant_script(sample: str) -> tuple[str, int, int]:
    """``(script, its letter count, all letters)``: arabic / latin / hebrew / cyrillic."""
    if not _OTHER_SCRIPT_LETTER_RE.search(sample):
        # the common case, Arabic script only (or no letters at all): count on a prefix, enough for
        # the too-short test
        n_arabic = _letter_count(_ARABIC_SCRIPT_RUN, sample, 64)
        return "arabic", n_arabic, n_arabic
    n_arabic = _letter_count(_ARABIC_SCRIPT_RUN, sample)
    if n_arabic * 2 >= len(sample):  # most of the sample: nothing else can outnumber it
        return "arabic", n_arabic, n_arabic
    counts = {
        "arabic": n_arabic,
        "latin": _letter_count(_LATIN_RUN, sample),
        "hebrew": _letter_count(_HEBREW_RUN, sample),
        "cyrillic": _letter_count(_CYRILLIC_RUN, sample),
    }
    total = sum(counts.values())
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if script == "latin":
        # scraped pages often wrap an Arabic-script (or Hebrew, Russian) article in English boilerplate:
        # a substantial share of non-Latin letters is the real language
        other, n_other = max(((k, v) for k, v in counts.items() if k != "latin"), key=lambda kv: kv[1])
        if n_other >= MIN_LETTERS and n_other >= 0.2 * total:
            script, n = other, n_other
    return script, n, total


def classify(text: str, *, sample_chars: int = DOC_SAMPLE_CHARS, use_lingua: bool = True) -> tuple[str, float]:
    """Language code and a confidence in [0, 1] for ``text`` (``("und", 0.0)`` when too short).

    Only the first ``sample_chars`` characters are looked at.  With ``use_lingua=False`` only the fast
    path runs and undecided text is ``und`` (paragraph-level identification uses this and falls back to
    the document's language)."""
    sample = text[:sample_chars]
    script, n, total = dominant_script(sample)
    if n < MIN_LETTERS:
        return UND, 0.0
    share = n / (total or 1)
    if script == "hebrew":
        return "he", round(share, 3)
    if script == "cyrillic":
        return "ru", round(share, 3)
    if script == "arabic":
        return _arabic_script(sample, use_lingua)
    return _latin_script(sample, use_lingua)


def detect(text: str) -> str:
    """Just the language code (see ``classify``)."""
    return classify(text)[0]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of paragraphs: blocks separated by line breaks, whitespace trimmed."""
    spans = []
    pos = 0
    for m in _PARAGRAPH_BREAK_RE.finditer(text):
        _add_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _add_trimmed(text, pos, len(text), spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def langid_stage(doc: Document) -> None:
    """Set ``doc.lang`` (unless given on ingest), ``doc.lang_confidence`` and per-paragraph languages.

    Paragraphs are identified first, on the fast path only.  When the paragraphs that could be decided
    agree (>= 80% of their length) and cover at least half the text, that is the document's language;
    otherwise the whole document is classified (with lingua if needed).  A paragraph the fast path
    cannot decide inherits the document's language, unless it is written in another script, in which
    case lingua decides.  A language given on ingest (``--lang``) is kept for the document; paragraphs
    are still identified, since quotes in another language do happen.
    """
    text = doc.text
    spans = paragraph_spans(text)
    para_langs: list[str] = []
    weights: dict[str, int] = {}
    for start, end in spans:
        p_lang = UND
        if len(spans) > 1 and end - start >= 40:
            p_lang = classify(text[start:min(end, start + PARAGRAPH_SAMPLE_CHARS)], use_lingua=False)[0]
            if p_lang != UND:
                weights[p_lang] = weights.get(p_lang, 0) + end - start
        para_langs.append(p_lang)
    decided = sum(weights.values())
    lang, conf = UND, 0.0
    if decided:
        top = max(weights, key=weights.__getitem__)
        if weights[top] >= 0.8 * decided and decided >= 0.5 * sum(e - s for s, e in spans):
            lang, conf = top, round(weights[top] / decided, 3)
    if lang == UND:
        lang, conf = classify(text)
    if doc.meta.get("lang_override"):
        lang, conf = doc.meta["lang_override"], 1.0
    doc.lang, doc.lang_confidence = lang, conf
    doc_script: str | None = None
    paragraphs = []
    for (start, end), p_lang in zip(spans, para_langs, strict=True):
        if p_lang == UND and end - start >= 40 and len(spans) > 1:
            sample = text[start:min(end, start + PARAGRAPH_SAMPLE_CHARS)]
            if doc_script is None:
                doc_script = dominant_script(text[:DOC_SAMPLE_CHARS])[0]
            if dominant_script(sample)[0] != doc_script:
                p_lang = classify(sample)[0]  # another script than the document: let lingua decide
        paragraphs.append(Paragraph(start, end, doc.lang if p_lang == UND else p_lang))
    doc.paragraphs = paragraphs


def detect_lines(lines: Iterable[str]) -> Iterable[str]:
    """One code per input line (used by ``rasad langid``)."""
    for line in lines:
        yield detect(line.rstrip("\n"))


def langid_command() -> None:
    """Read lines on standard input and print one language code per line."""
    for code in detect_lines(sys.stdin):
        sys.stdout.write(code + "\n")
        if sys.stdout.isatty():
            sys.stdout.flush()
