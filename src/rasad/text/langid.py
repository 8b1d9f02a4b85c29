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
from typing import Any

from rasad.model import Document, Paragraph

SUPPORTED = ("ar", "fa", "ur", "ps", "ckb", "en", "tr", "he", "fr", "de", "ru")
UND = "und"
#: Fewer letters than this and we do not guess.
MIN_LETTERS = 6
#: Only this many characters are looked at for the whole-document decision (speed on long articles).
DOC_SAMPLE_CHARS = 6000

_ARABIC_SCRIPT_RE = re.compile("[\u0620-\u064a\u066e-\u06d5\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_HEBREW_RE = re.compile("[\u05d0-\u05ea\u05f0-\u05f2]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_NON_ARABIC_SCRIPT_RE = re.compile("[A-Za-z\u00c0-\u024f]+")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*|\n(?=\s*\S)")
_WORD_STRIP = ".,;:!?\"'()[]{}«»“”‘’،؛؟-–—…/\\*#|<>"

# ---------------------------------------------------------------------------------------------------
# Arabic-script evidence: letters each language uses and the others (almost) never do, and frequent words
# ---------------------------------------------------------------------------------------------------

_LETTERS: dict[str, str] = {
    "ur": "ےںہٹڈڑۓۂ",
    "ps": "ټځڅډړږښګڼېۍ",
    "ckb": "ەڕڵۆێ",
    "fa": "پچژگ",
    "ar": "ةىإأ",
}
# letters whose presence speaks *against* Arabic (shared by fa/ur/ps/ckb): Persian kaf/yeh
_NON_ARABIC_SHARED = "کی"

_WORDS: dict[str, frozenset[str]] = {
    "ar": frozenset(
        "في من على إلى الى التي الذي الذين عن أن ان إن قد هذا هذه مع كان كانت لم لا ما هو هي بين بعد "
        "قبل حتى ذلك تلك أو او ثم كما وقال قال وأضاف أنه انه فيها منذ عند لكن حيث خلال ضد وفي ومن".split()
    ),
    "fa": frozenset(
        "است را که از به با این آن می برای شد شده کرد کرده بود های ها هم نیز یک تا اما اگر خود "
        "بر دارد داد گفت شود باید هست نیست وی ایشان آنها کند کنند".split()
    ),
    "ur": frozenset("کے کی ہے میں اور سے کو نے ہیں کہ پر یہ وہ تھا تھی تھے گیا گئی ہو رہا کر بھی".split()),
    "ps": frozenset("دی چې چه او د په له ته کې سره هم دا وه شوی وي نه یې ځکه زه یم يم یو يو یوه ده دې هغه لري".split()),
    "ckb": frozenset("لە بە کە ئەو بۆ لەسەر دەکات ئێمە ئەم یان هەموو".split()),
}

_LATIN_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in is was that for on with as by at from it he she said his her are were be has "
        "have had this which an not but they their will would been who".split()
    ),
    "fr": frozenset(
        "le la les de des du et est dans une un pour que qui sur au aux pas par il elle ce sont avec "
        "ont été mais ou son sa ses plus".split()
    ),
    "de": frozenset(
        "der die das und ist nicht ein eine den dem des zu mit sich auf für von im sie es ich auch "
        "wurde werden hat bei aus nach wie noch".split()
    ),
    "tr": frozenset(
        "ve bir bu da de için ile olarak olan çok daha gibi ama ne var yok en o ben sen biz onlar "
        "değil mi ki kadar sonra göre".split()
    ),
}
_LATIN_LETTERS: dict[str, str] = {"tr": "şğıŞĞİ", "de": "äöüßÄÖÜ", "fr": "éèêëçàâîïôûœÉÈÇÀ"}


def _count_any(text: str, letters: str) -> int:
    return sum(text.count(ch) for ch in letters)


def _tokens(text: str, limit: int = 400) -> list[str]:
    return [w.strip(_WORD_STRIP) for w in text.split()[:limit]]


# ---------------------------------------------------------------------------------------------------
# lingua, restricted and lazy
# ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _lingua(group: str) -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = {
        "arabic_script": (Language.ARABIC, Language.PERSIAN, Language.URDU),
        "latin": (Language.ENGLISH, Language.TURKISH, Language.FRENCH, Language.GERMAN),
    }[group]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _lingua_detect(group: str, text: str) -> tuple[str, float]:
    values = _lingua(group).compute_language_confidence_values(text[:2000])
    if not values:
        return UND, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)


# ---------------------------------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------------------------------


def _arabic_script(text: str) -> tuple[str, float]:
    tokens = _tokens(text)
    scores: dict[str, float] = {}
    for lang, letters in _LETTERS.items():
        letter_hits = _count_any(text, letters)
        word_hits = sum(1 for t in tokens if t in _WORDS[lang])
        scores[lang] = letter_hits + 3.0 * word_hits
    # Persian keheh/yeh and the absence of the Arabic article speak against Arabic
    non_arabic = _count_any(text, _NON_ARABIC_SHARED)
    article = sum(1 for t in tokens if t.startswith(("ال", "وال", "بال", "لل")))
    scores["ar"] += 2.0 * article
    scores["fa"] += 0.5 * non_arabic
    # Urdu, Pashto and Sorani share Persian letters: do not let those count for Persian alone
    for lang in ("ur", "ps", "ckb"):
        if scores[lang] > 0:
            scores[lang] += 0.25 * non_arabic
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    total = sum(scores.values())
    # decisive: clearly ahead on a reasonable amount of evidence
    if top >= 6 and top >= 2.5 * second:
        return best, round(top / total, 3) if total else 0.0
    if best in ("ps", "ckb") and top >= 3 and top >= 2 * second:
        return best, round(top / total, 3)
    # ambiguous between the languages lingua knows
    lang, conf = _lingua_detect("arabic_script", _NON_ARABIC_SCRIPT_RE.sub(" ", text))
    # lingua has no Pashto/Sorani model: trust their distinctive letters when present at all
    urdu_letters = _count_any(text, _LETTERS["ur"])
    for special in ("ps", "ckb"):
        if _count_any(text, _LETTERS[special]) >= 1 and urdu_letters == 0:
            return special, 0.6
    return lang, round(conf, 3)


def _latin_script(text: str) -> tuple[str, float]:
    tokens = [t.lower() for t in _tokens(text)]
    scores: dict[str, float] = {}
    for lang, words in _LATIN_WORDS.items():
        scores[lang] = float(sum(1 for t in tokens if t in words))
        if lang in _LATIN_LETTERS:
            scores[lang] += 0.5 * _count_any(text, _LATIN_LETTERS[lang])
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 8 and top >= 3 * second:
        return best, round(top / (sum(scores.values()) or 1), 3)
    return _lingua_detect("latin", text)


def classify(text: str) -> tuple[str, float]:
    """Language code and a confidence in [0, 1] for ``text`` (``("und", 0.0)`` when too short)."""
    sample = text[:DOC_SAMPLE_CHARS]
    counts = {
        "arabic": len(_ARABIC_SCRIPT_RE.findall(sample)),
        "hebrew": len(_HEBREW_RE.findall(sample)),
        "cyrillic": len(_CYRILLIC_RE.findall(sample)),
        "latin": len(_LATIN_RE.findall(sample)),
    }
    total = sum(counts.values())
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if script == "latin":
        # scraped pages often wrap an Arabic-script (or Hebrew, Russian) article in English boilerplate:
        # a substantial share of non-Latin letters is the real language
        other, n_other = max(((k, v) for k, v in counts.items() if k != "latin"), key=lambda kv: kv[1])
        if n_other >= MIN_LETTERS and n_other >= 0.2 * total:
            script, n = other, n_other
    if n < MIN_LETTERS:
        return UND, 0.0
    share = n / (total or 1)
    if script == "hebrew":
        return "he", round(share, 3)
    if script == "cyrillic":
        return "ru", round(share, 3)
    if script == "arabic":
        return _arabic_script(sample)
    return _latin_script(sample)


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

    A paragraph too short to tell inherits the document's language.  A language given on ingest
    (``--lang``) is kept for the document; paragraphs are still identified, since quotes in another
    language do happen.
    """
    forced = doc.meta.get("lang_override")
    lang, conf = classify(doc.text)
    if forced:
        doc.lang, doc.lang_confidence = forced, 1.0
    else:
        doc.lang, doc.lang_confidence = lang, conf
    paragraphs = []
    for start, end in paragraph_spans(doc.text):
        p_lang = UND
        if end - start >= 40:
            p_lang = classify(doc.text[start:end])[0]
        if p_lang == UND:
            p_lang = doc.lang
        paragraphs.append(Paragraph(start, end, p_lang))
    doc.paragraphs = paragraphs


def detect_lines(lines: Iterable[str]) -> Iterable[str]:
    """One code per input line (used by ``rasad langid``)."""
    for line in lines:
        yield detect(line.rstrip("\n"))


def langid_command() -> None:
    """Read lines on standard input and print one language code per line."""
    for code in detect_lines(sys.stdin):
        sys.stdout.write(code + "\n")
        sys.stdout.flush() if sys.stdout.isatty() else None
