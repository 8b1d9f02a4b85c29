"""Place-mention precision and recall against the location tags of NER corpora.

ANERCorp (Arabic, "token TAG" per line, B-LOC/I-LOC) and ArmanPersoNER (Persian, blank line between
sentences, B-loc/I-loc).  Tokens are joined with spaces into sentences; gold location spans and the
geoparser's place mentions are compared by exact span on token boundaries (a mention counts when it
covers exactly the tokens of a gold LOC span, ignoring attached proclitics, which ANERCorp keeps on the
token).  Precision = matched mentions / mentions, recall = matched gold spans / gold spans.

Usage: python scripts/eval_places_ner.py /work/shared/data/ner [--limit N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rasad.model import Document
from rasad.places.geoparse import default_geoparser


def read_conll(path: Path, blank_separates: bool) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split()
        if len(parts) < 2:
            if cur and blank_separates:
                sents.append(cur)
                cur = []
            continue
        tok, tag = parts[0], parts[-1]
        cur.append((tok, tag))
        if not blank_separates and tok in (".", "!", "?", "؟"):
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    return sents


def evaluate(sents: list[list[tuple[str, str]]], lang: str, limit: int | None = None) -> dict[str, float]:
    gp = default_geoparser()
    tp_pred = n_pred = tp_gold = n_gold = 0
    for sent in sents[:limit]:
        text_parts, spans, gold = [], [], []
        pos = 0
        start_tok = None
        for i, (tok, tag) in enumerate(sent):
            spans.append((pos, pos + len(tok)))
            text_parts.append(tok)
            pos += len(tok) + 1
            t = tag.upper()
            if t.startswith("B-LOC") or (t.startswith("I-LOC") and start_tok is None):
                if start_tok is not None:
                    gold.append((start_tok, i - 1))
                start_tok = i
            elif not t.startswith("I-LOC") and start_tok is not None:
                gold.append((start_tok, i - 1))
                start_tok = None
        if start_tok is not None:
            gold.append((start_tok, len(sent) - 1))
        text = " ".join(text_parts)
        doc = Document.create(text, lang=lang)  # the langid stage sets this in the pipeline
        gold_spans = {(spans[a][0], spans[b][1]) for a, b in gold}
        # token span of each mention (mentions may start after a proclitic inside the token)
        pred_spans = set()
        for m in gp.mentions(doc):
            if m.kind != "place":
                continue
            first = next((i for i, (s, e) in enumerate(spans) if s <= m.start < e), None)
            last = next((i for i, (s, e) in enumerate(spans) if s < m.end <= e), None)
            if first is not None and last is not None:
                pred_spans.add((spans[first][0], spans[last][1]))
        n_pred += len(pred_spans)
        n_gold += len(gold_spans)
        tp_pred += len(pred_spans & gold_spans)
        tp_gold += len(gold_spans & pred_spans)
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "predicted": n_pred, "gold": n_gold}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ner_dir", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    sets = [("ar ANERCorp", args.ner_dir / "ar_anercorp" / "ANERCorp.txt", False, "ar"),
            ("fa Arman test fold 1", args.ner_dir / "fa_arman" / "test_fold1.txt", True, "fa")]
    for label, path, blank, lang in sets:
        if not path.exists():
            print(f"{label}: {path} missing")
            continue
        r = evaluate(read_conll(path, blank), lang, args.limit)
        print(f"{label:22s} precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}  "
              f"(predicted {r['predicted']}, gold {r['gold']})")


if __name__ == "__main__":
    main()
