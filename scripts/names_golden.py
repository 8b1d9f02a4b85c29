"""Function-level golden check for the person-name, speaker, outlet and claims code: the same results
from ``names.find_person_names``, ``speakers.scan``, ``speakers.resolve_speaker``, ``outlets.infer_outlet``
and the claims stage before and after a change that is meant to be output-preserving (speed work).

    python scripts/names_golden.py save    ../shared /tmp/names_golden   # with the reference code
    python scripts/names_golden.py compare ../shared /tmp/names_golden   # after each change

Unlike ``attribution_golden.py`` this does not run the attribution stage's rules in the comparison, so
it stays meaningful while someone else changes those rules: ``save`` reads the ~640 real texts of
``golden_texts.read_texts``, runs every stage before ``attribution`` once, runs ``attribution`` once
more to give the claims stage its input (events with attributions, the document's ``DocAttribution``),
and pickles both.  ``compare`` loads the pickles and calls the functions on the same inputs:

* every sentence: ``scan`` (lexicon items), ``find_person_names`` with one ``NameMemory`` per document
  (as the attribution stage calls it), and ``resolve_speaker`` on the words from each lexicon item and
  from the sentence start (at most 12 words, as a source phrase);
* every document without outlet metadata: ``infer_outlet``;
* every document: ``claims_stage`` with the pickled attribution analysis.

Exit status 1 when anything differs.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import golden_common  # scripts/ is on sys.path when a script here is run
import golden_texts

_MAX_PHRASE = 12


def prepare(texts: list[str]) -> tuple[list[Any], list[Any]]:
    """Documents after the stages before attribution, and copies after attribution with their analysis."""
    import copy

    from rasad.extract.attribution import _LAST_ANALYSIS, attribution_stage
    from rasad.model import Document
    from rasad.pipeline import build_pipeline

    before = build_pipeline(until="events")
    docs = [before(Document.create(t)) for t in texts]
    for_claims = []
    for d in docs:
        c = copy.deepcopy(d)
        attribution_stage(c)
        for_claims.append((c, _LAST_ANALYSIS[0][1]))
    return docs, for_claims


def _lang(sent: Any, doc: Any) -> str:
    return sent.lang if sent.lang in ("ar", "fa", "en") else doc.lang


def _speaker(res: Any) -> Any:
    return None if res is None else [res[0].to_dict(), res[1], res[2]]


def function_outputs(docs: list[Any]) -> tuple[list[dict[str, Any]], float]:
    """Per document: scan items, person names, source-phrase speakers and the inferred outlet."""
    from rasad.extract.attribution import _raw_words
    from rasad.extract.names import NameMemory, find_person_names
    from rasad.extract.outlets import infer_outlet
    from rasad.extract.speakers import resolve_speaker, scan, tokenize_cached

    out: list[dict[str, Any]] = []
    cpu = 0.0
    for doc in docs:
        t0 = time.process_time()
        norm = doc.norm
        memory = NameMemory()
        sents = []
        for sent in doc.sentences:
            lang = _lang(sent, doc)
            if lang not in ("ar", "fa", "en"):
                continue
            tokens = tokenize_cached(norm.text, norm.from_raw(sent.start), norm.from_raw(sent.end))
            raw = _raw_words(doc, tokens)
            items = scan(tokens, lang)
            names = find_person_names(tokens, raw, lang, memory)
            starts = sorted({0, *(it.start for it in items)})
            speakers = [_speaker(resolve_speaker(tokens[k:k + _MAX_PHRASE], raw[k:k + _MAX_PHRASE], lang))
                        for k in starts if k < len(tokens)]
            sents.append({"items": [[it.start, it.end, it.tags] for it in items], "names": names,
                          "speakers": speakers})
        outlet = infer_outlet(doc) if not doc.outlet else None
        cpu += time.process_time() - t0
        out.append(json.loads(json.dumps({"id": doc.id, "sentences": sents, "outlet": outlet},
                                         ensure_ascii=False, sort_keys=True, default=str)))
    return out, cpu


def claims_outputs(for_claims: list[Any]) -> tuple[list[Any], float]:
    """``claims_stage`` on each document, with the attribution analysis saved for it."""
    from rasad.extract.attribution import _LAST_ANALYSIS, _analysis_key
    from rasad.extract.claims import claims_stage

    out = []
    cpu = 0.0
    for doc, analysis in for_claims:
        _LAST_ANALYSIS[:] = [(_analysis_key(doc), analysis)]
        t0 = time.process_time()
        claims_stage(doc)
        cpu += time.process_time() - t0
        out.append(json.loads(json.dumps([c.to_dict() for c in doc.claims], ensure_ascii=False, sort_keys=True,
                                         default=str)))
    return out, cpu


def main() -> int:
    args = golden_common.parse_golden_args(__doc__.splitlines()[0])
    data = golden_common.load_prepared(
        args, lambda: prepare(golden_texts.read_texts(args.shared, 340, 150, fa_paragraphs=3)), lambda d: len(d[0]))
    if data is None:
        return 2
    docs, for_claims = data
    funcs, cpu_f = function_outputs(docs)
    claims, cpu_c = claims_outputs(for_claims)
    result = [{**f, "claims": c} for f, c in zip(funcs, claims, strict=True)]
    n_names = sum(len(s["names"]) for r in funcs for s in r["sentences"])
    n_sent = sum(len(r["sentences"]) for r in funcs)
    print(f"{len(result)} documents, {n_sent} sentences: {n_names} person names, "
          f"{sum(len(c) for c in claims)} claims, {sum(bool(r['outlet']) for r in funcs)} outlets inferred; "
          f"functions {cpu_f:.2f} CPU-s, claims {cpu_c:.2f} CPU-s (first use of the lexicons included)")
    return golden_common.save_or_compare(args.mode, args.out, result)


if __name__ == "__main__":
    sys.exit(main())
