"""Golden-output check for the places stage: the same mentions (and the same gazetteer) before and after
a change that is meant to be output-preserving (speed work).

    python scripts/places_golden.py save    ../shared /tmp/places_golden   # with the reference code
    python scripts/places_golden.py compare ../shared /tmp/places_golden   # after each change

``save`` reads ~750 real texts (Arabic news, Persian news paragraphs and whole articles, English
articles, the seed reports; see golden_texts.py), runs langid, normalization and sentence splitting once and pickles those
Documents, so that later changes to the earlier stages do not move the comparison; then runs the places
stage and writes every mention as a tuple (span, text, kind, canonical id, sentence, lang, attrs), plus a
digest of the loaded gazetteer (every entry and every index).  ``compare`` loads the pickled Documents,
runs the current places stage and reports every difference (exit status 1 when there is one).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import golden_texts  # scripts/ is on sys.path when a script here is run


def read_texts(shared: Path, n_ar: int = 360) -> list[str]:
    """Real texts of all three languages (natural lengths) plus the seed reports."""
    return golden_texts.read_texts(shared, n_ar, fa_paragraphs=4)


def prepare_documents(texts: list[str]) -> list[Any]:
    from rasad.model import Document
    from rasad.pipeline import build_pipeline

    pipe = build_pipeline(until="sentences")
    return [pipe(Document.create(t)) for t in texts]


def mention_tuples(docs: list[Any]) -> list[list[tuple[Any, ...]]]:
    from rasad.places.geoparse import places_stage

    out = []
    for d in docs:
        d.mentions = []
        places_stage(d)
        out.append([(m.start, m.end, m.text, m.kind, m.canonical_id, m.sentence, m.lang, m.source,
                     json.dumps(m.attrs, sort_keys=True, ensure_ascii=False)) for m in d.mentions])
    return out


def gazetteer_digest() -> dict[str, str]:
    """One hash per part of the built-in gazetteer (entries, each index), order-sensitive where the code
    depends on order (candidate id lists)."""
    from rasad.places.gazetteer import load_gazetteer

    g = load_gazetteer()

    def h(obj: Any) -> str:
        return hashlib.sha256(json.dumps(obj, ensure_ascii=False, sort_keys=True, default=sorted)
                              .encode()).hexdigest()[:16]

    return {
        "places": h([(k, v.to_entry(), v.source) for k, v in g.places.items()]),
        "by_name": h(list(g.by_name.items())),
        "by_ext": h(list(g.by_ext.items())),
        "by_latin": h(list(g.by_latin.items())),
        "common_words": h({k: sorted(v) for k, v in g.common_words.items()}),
        "clitic_words": h(sorted(g.clitic_words)),
        "cue_only": h({k: sorted(v) for k, v in g.cue_only.items()}),
        "fa_only": h({k: sorted(v) for k, v in g.fa_only.items()}),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("save", "compare"))
    ap.add_argument("shared", type=Path, help="the shared/ folder (real texts are read in place)")
    ap.add_argument("out", type=Path, help="folder for the pickled documents and the golden output")
    args = ap.parse_args()
    docs_path = args.out / "docs.pickle"
    golden_path = args.out / "golden.pickle"
    if args.mode == "save":
        args.out.mkdir(parents=True, exist_ok=True)
        docs = prepare_documents(read_texts(args.shared))
        docs_path.write_bytes(pickle.dumps(docs))
    else:
        docs = pickle.loads(docs_path.read_bytes())
    t0 = time.process_time()
    digest = gazetteer_digest()
    tuples = mention_tuples(docs)
    cpu = time.process_time() - t0
    n = sum(len(t) for t in tuples)
    print(f"{len(docs)} documents, {n} place/polity mentions; {cpu:.2f} CPU s (gazetteer load included)")
    if args.mode == "save":
        golden_path.write_bytes(pickle.dumps({"digest": digest, "mentions": tuples}))
        print(f"saved to {args.out}")
        return 0
    golden = pickle.loads(golden_path.read_bytes())
    bad = 0
    for part, value in golden["digest"].items():
        if digest.get(part) != value:
            print(f"gazetteer {part} differs")
            bad += 1
    for i, (want, got) in enumerate(zip(golden["mentions"], tuples, strict=True)):
        if want != got:
            bad += 1
            print(f"doc {i}: {len(want)} -> {len(got)} mentions")
            for t in sorted(set(want) - set(got))[:5]:
                print("   lost:", t[:7])
            for t in sorted(set(got) - set(want))[:5]:
                print("   new: ", t[:7])
    print("identical" if not bad else f"{bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
