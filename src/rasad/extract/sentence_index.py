"""The sentence holding a raw offset, by bisection over the document's sentence starts.

``Document.sentence_at`` walks its binary search in Python (~1 us); the extraction stages ask ~50 times
per document (every lexicon hit, date, count and trigger).  The starts are listed once per sentence list
and kept for the last document asked about.
"""

from __future__ import annotations

from bisect import bisect_right

from rasad.model import Document, Sentence

#: How many recent texts the per-text answers shared between extraction stages are kept for
#: (``quantities.text_index``, the actor/trigger/modality automaton walk in ``actors``): the stages read a
#: document one after the other when the pipeline runs document by document, or a whole batch of
#: documents apart when it runs stage by stage (``rasad.pipeline.Pipeline.run_batch``).
RECENT_TEXTS = 128

#: ``(sentences, their count, their starts)`` of the list last asked about (one tuple, replaced whole; the
#: list is held, so its id is not reused while it is cached).
_LAST: list[tuple[list[Sentence], int, list[int]] | None] = [None]


def sentence_at(doc: Document, offset: int) -> Sentence | None:
    """``doc.sentence_at(offset)``: the sentence containing raw ``offset``, None between or outside them
    (the sentences are sorted and do not overlap, as the sentences stage makes them)."""
    sentences = doc.sentences
    last = _LAST[0]
    if last is None or last[0] is not sentences or last[1] != len(sentences):
        last = _LAST[0] = (sentences, len(sentences), [s.start for s in sentences])
    k = bisect_right(last[2], offset) - 1
    if k >= 0:
        s = sentences[k]
        if offset < s.end:
            return s
    return None
