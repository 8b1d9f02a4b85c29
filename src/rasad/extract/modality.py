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
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from rasad.extract.actors import PhraseMatch, PhraseMatcher, scan_document, sentence_langs, walked_hits
from rasad.lang import load_yaml, word_list
from rasad.model import Document

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
    cues = [Cue(m.start, m.end, m.payload) for _, m, _ in scan_document(doc, modality_matcher, sentences=False)
            if m.payload.polarity is not None]
    cues.sort(key=lambda c: c.start)
    return cues


#: a raw automaton hit's last index (the hits come sorted by it)
_LAST = itemgetter(0)


@lru_cache(maxsize=16)
def _longest_key(lang: str) -> int:
    """The length of the longest key of ``lang``'s modality matcher (0 without one)."""
    matcher = modality_matcher(lang)
    return max((length for length, _ in matcher._values.values()), default=0) if matcher is not None else 0


class DocumentCues:
    """:func:`find_cues` of one document, read sentence by sentence: ``between(lo, hi)`` is the slice of
    ``find_cues(doc)`` whose cues start in ``[lo, hi)`` (normalized offsets).

    The events stage reads the cues of the few sentences whose triggers reach the polarity test, while
    most of the modality matcher's automaton hits are short cues inside other words ("لا" in
    "الاسلامية") that ``find_cues`` rejects one by one over the whole text.  So a one-language document
    resolves only the hits of the sentence asked for, from the walk the actor scan shared (the same
    cues: a match is one word or phrase, so when whitespace stands before ``lo`` and no hit runs across
    it, no match of the text crosses ``lo`` and the leftmost-longest choice after it starts afresh;
    the hits that may open a match before ``hi`` all start before ``hi`` plus the longest proclitic).
    Otherwise the whole document's cues are found once and sliced."""

    __slots__ = ("_doc", "_text", "_matcher", "_hits", "_longest", "_attachable", "_all", "_starts")

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._all: list[Cue] | None = None
        self._starts: list[int] = []
        self._hits: list[tuple[int, Any]] | None = None
        self._matcher: PhraseMatcher | None = None
        assert doc.norm is not None
        self._text = doc.norm.text
        langs = sentence_langs(doc)
        if len(langs) != 1:
            return  # scan_document keeps a hit only where its sentence is in the matcher's language
        matcher = modality_matcher(langs[0])
        if matcher is None or matcher.empty:
            self._all = []
            return
        self._hits = walked_hits(self._text, langs[0], matcher)
        if self._hits is not None:
            self._matcher = matcher
            self._longest = _longest_key(langs[0])
            self._attachable = matcher._longest_attachable

    def between(self, lo: int, hi: int) -> list[Cue]:
        hits, matcher, text = self._hits, self._matcher, self._text
        if hits is not None and matcher is not None and self._fresh_start(lo):
            # every hit starting in [lo, hi + proclitics): its last index lies before hi + both lengths
            until = hi + self._attachable
            window = [h for h in hits[bisect_left(hits, lo, key=_LAST):bisect_left(hits, until + self._longest, key=_LAST)]
                      if lo <= h[0] - h[1][0] + 1 < until]
            return [Cue(m.start, m.end, m.payload) for m in matcher._resolve(text, window)
                    if m.start < hi and m.payload.polarity is not None]
        if self._all is None:
            self._all = find_cues(self._doc)
            self._starts = [c.start for c in self._all]
        return self._all[bisect_left(self._starts, lo):bisect_left(self._starts, hi)]

    def _fresh_start(self, pos: int) -> bool:
        """Can no match of the text run across ``pos``: whitespace before it and no hit over it?"""
        if pos <= 0:
            return True
        text = self._text
        if pos > len(text) or not text[pos - 1].isspace():
            return False
        hits = self._hits
        assert hits is not None
        for last, (length, _) in hits[bisect_left(hits, pos - 1, key=_LAST):
                                      bisect_left(hits, pos - 1 + self._longest, key=_LAST)]:
            if last - length + 1 < pos:
                return False
        return True


def _words_between(text: str, a: int, b: int) -> int:
    return len(_WORD.findall(text, a, b)) if b > a else 0


#: How many words before a lam-prefixed trigger an exposure verb (تعرض) may stand and still make the
#: lam mark the object rather than a purpose: the subject between may be a place with its container
#: ("تعرضت مناطق في بلدة الغنطو بريف حمص الشمالي لقصف", seven words).
EXPOSURE_WINDOW = 9
#: ... and how many characters (the same subject written out).
EXPOSURE_CHARS = 90


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
            left = max(sent_start, t_start - EXPOSURE_CHARS)
            punct = list(CLAUSE_PUNCT.finditer(text, left, t_start))
            previous = _WORD.findall(text, punct[-1].end() if punct else left, t_start)[-EXPOSURE_WINDOW:]
            if not any(w in exceptions for w in previous):
                best = ModalityResult("purpose")
    return best or ModalityResult("asserted")
