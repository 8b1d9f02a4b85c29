"""Modality and polarity: is an event asserted, negated, denied, planned, hypothetical or merely reported?

Cue lexicons live in ``lang/<lang>/modality.yaml``.  Each cue group has a polarity, a scope direction
(``after``: the cue precedes the trigger, as in Arabic "لم تسيطر" or English "failed to capture";
``before``: the cue follows it, as in Persian "سیطره ارتش ... را رد کردند"; ``both``: either side, as
a frequency adverb "يقصف النظام بانتظام" / "تعرضت أكثر من مرة للقصف"), a window in words and
whether its scope stops at clause punctuation.  A cue scopes over a trigger only inside the same
sentence, within its window, and -- for ``after`` cues -- not across a contrastive break word
("but", "لكن", "اما") that opens a new assertion.

Arabic purpose nouns with the lam proclitic (للسيطرة، لاستعادة "in order to take") get the pseudo-polarity
``purpose``: the matcher reports the proclitic and :func:`polarity_for` checks it against
``purpose_proclitics``; the events stage drops them (they state the goal of another event).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasad.extract.actors import (
    PhraseMatch,
    PhraseMatcher,
    _document_matches,
    _register_scanner,
    scan_document,
    sentence_langs,
)
from rasad.lang import load_yaml, word_list
from rasad.model import Document
from rasad.text.normalize_stage import ensure_norm

#: When several cues scope over one trigger, the strongest wins.  ``background`` is no polarity of an
#: event: the trigger names a past or general happening told as a recap, a commemoration, a statistic or
#: a capability ("از زمان ...", "در سالگرد ...", "به طور متوسط", "می‌توانند"), not the news; the events
#: stage drops it.
POLARITY_PRECEDENCE: tuple[str, ...] = ("background", "denied", "negated", "hypothetical", "planned", "uncertain",
                                        "reported")
_RANK = {p: i for i, p in enumerate(POLARITY_PRECEDENCE)}
CLAUSE_PUNCT = re.compile(r"[،,;؛:]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class CueSpec:
    polarity: str | None  # None: a shield expression; "break": a contrastive break
    scope: str = "after"
    window: int = 3
    clause: bool = True


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue found in the normalized text of a document."""

    start: int  # normalized offsets
    end: int
    spec: CueSpec


@dataclass(frozen=True, slots=True)
class ModalityResult:
    polarity: str
    cue_start: int | None = None  # normalized offsets of the deciding cue (None: purpose proclitic)
    cue_end: int | None = None


@lru_cache(maxsize=16)
def modality_matcher(lang: str) -> PhraseMatcher | None:
    data = load_yaml(lang, "modality.yaml")
    if not data:
        return None
    entries: list[tuple[str, CueSpec]] = []
    for group in data.get("cues") or ():
        spec = CueSpec(group.get("polarity"), group.get("scope", "after"), int(group.get("window", 3)),
                       bool(group.get("clause", True)))
        entries.extend((str(t), spec) for t in group.get("terms") or ())
    entries.extend((str(t), CueSpec("break")) for t in data.get("breaks") or ())
    return PhraseMatcher(lang, entries)


@lru_cache(maxsize=16)
def purpose_proclitics(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(proclitics that make a trigger noun a purpose, normalized words after which they do not)."""
    return (frozenset(word_list(lang, "modality.yaml", "purpose_proclitics", normalize=False)),
            frozenset(word_list(lang, "modality.yaml", "purpose_exceptions")))


def find_cues(doc: Document) -> list[Cue]:
    """Modality cues and break words in ``doc`` (normalized offsets), sorted by position."""
    ensure_norm(doc)
    assert doc.norm is not None
    langs = sentence_langs(doc)
    if len(langs) == 1:
        # one language (nearly every document): ``scan_document``'s hits without the raw offsets and the
        # sentence it works out for each, which only sort hits between a document's languages
        _register_scanner(modality_matcher)
        matcher = modality_matcher(langs[0])
        matches = [] if matcher is None or matcher.empty else _document_matches(doc.norm.text, langs[0], matcher)
    else:
        matches = [m for _, m, _ in scan_document(doc, modality_matcher)]
    cues = [Cue(m.start, m.end, m.payload) for m in matches if m.payload.polarity is not None]
    cues.sort(key=lambda c: c.start)
    return cues


def _words_between(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text, a, b)) if b > a else 0


#: How many words before a lam-prefixed trigger an exposure verb (تعرض) may stand and still make the
#: lam mark the object rather than a purpose.
EXPOSURE_WINDOW = 6


def polarity_for(text: str, cues: list[Cue], trigger: PhraseMatch, sent_start: int, sent_end: int,
                 lang: str) -> ModalityResult:
    """The polarity of a trigger given the document's cues (all offsets normalized).

    ``sent_start``/``sent_end`` bound the trigger's sentence: no cue scopes across sentences.
    """
    best: ModalityResult | None = None
    t_start, t_end = trigger.start, trigger.end
    breaks = [c for c in cues if c.spec.polarity == "break" and sent_start <= c.start < sent_end]
    for cue in cues:
        spec = cue.spec
        if spec.polarity in (None, "break") or cue.start < sent_start or cue.end > sent_end:
            continue
        if spec.scope in ("after", "both") and cue.end <= t_start:
            gap_a, gap_b = cue.end, t_start
            if any(gap_a <= b.start < gap_b for b in breaks):
                continue
        elif spec.scope in ("before", "both") and cue.start >= t_end:
            gap_a, gap_b = t_end, cue.start
        else:
            continue
        if _words_between(text, gap_a, gap_b) > spec.window:
            continue
        if spec.clause and CLAUSE_PUNCT.search(text, gap_a, gap_b):
            continue
        assert spec.polarity is not None
        if best is None or _RANK[spec.polarity] < _RANK[best.polarity]:
            best = ModalityResult(spec.polarity, cue.start, cue.end)
    if best is None and trigger.prefix:
        purpose, exceptions = purpose_proclitics(lang)
        if trigger.prefix in purpose:
            # the exposure verb may stand before its subject: "تعرضت مواقع الجيش الحر في درعا لقصف"
            left = max(sent_start, t_start - 60)
            punct = list(CLAUSE_PUNCT.finditer(text, left, t_start))
            previous = _WORD.findall(text, punct[-1].end() if punct else left, t_start)[-EXPOSURE_WINDOW:]
            if not any(w in exceptions for w in previous):
                best = ModalityResult("purpose")
    return best or ModalityResult("asserted")
