"""Wide check of Persian event extraction beyond the small Fars gold: trigger hits and review samples.

Usage: python scripts/trigger_survey_fa.py SHARED_DIR [--out DIR] [--seed 7] [--arman-max 3000]

Runs the document pipeline (up to events) over every Persian text under SHARED_DIR: all Fars articles
(data/news/fars_fa_dev.jsonl), the Persian seed (seeds/001_*.txt) and sentences of ArmanPersoNER
(data/ner/fa_arman/train_fold1.txt, general Persian news, ten sentences per document).  Writes to --out:

- ``triggers.tsv``: trigger wording (normalized) -> hits, sub-event types given, events made;
- ``events.txt``: every event with its sentence;
- ``sample_events.txt``: a random sample of 60 events, to judge precision by reading each sentence;
- ``sample_missed.txt``: a random sample of 30 conflict sentences (an independent list of violence words,
  not the trigger lexicon) that carry no event, to judge recall.

The samples are drawn with a fixed seed so a before/after review reads the same population.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

from rasad.model import Document
from rasad.pipeline import DEFAULT_STAGES, Pipeline
from rasad.text.normalize import normalize_term

# Words of armed violence, independent of the trigger lexicon: a sentence with one of them may tell an event.
CONFLICT_WORDS = re.compile(
    r"کشته|حمله|حملات|درگیر|نبرد|بمباران|انفجار|منفجر|موشک|خمپاره|توپخانه|شلیک|تیراندازی|ترور|کشتار|"
    r"قتل عام|اسیر|اسارت|بازداشت|دستگیر|به هلاکت|هلاکت|شهادت|شهید|زخمی|مجروح|آزادسازی|آزاد ساز|تصرف|"
    r"کنترل|سیطره|تسلط|عقب.?نشینی|محاصره|پیشروی|گروگان|ربود|انتحاری|بمب|تروریست|تکفیری|داعش|النصره"
)


def fars_docs(shared: Path) -> list[tuple[str, str]]:
    """(id, text) per Fars article: title, abstract and paragraphs as paragraphs."""
    out = []
    with (shared / "data" / "news" / "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            row = json.loads(line)
            parts = [row.get("title") or "", row.get("abstract") or ""]
            parts += [p for p in row.get("paragraphs") or [] if isinstance(p, str)]
            out.append((f"fars:{i:02d}", "\n\n".join(p for p in parts if p.strip())))
    return out


def seed_docs(shared: Path) -> list[tuple[str, str]]:
    return [(f"seed:{p.name[:3]}", p.read_text(encoding="utf-8")) for p in sorted((shared / "seeds").glob("001_*.txt"))]


def arman_docs(shared: Path, max_sentences: int) -> list[tuple[str, str]]:
    """ArmanPersoNER sentences (token per line, blank line between sentences), ten per document."""
    sentences: list[str] = []
    tokens: list[str] = []
    with (shared / "data" / "ner" / "fa_arman" / "train_fold1.txt").open(encoding="utf-8") as fh:
        for line in fh:
            word = line.split(" ")[0].strip()
            if word:
                tokens.append(word)
            elif tokens:
                sentences.append(" ".join(tokens))
                tokens = []
                if len(sentences) >= max_sentences:
                    break
    return [(f"arman:{i // 10:04d}", "\n\n".join(sentences[i:i + 10])) for i in range(0, len(sentences), 10)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/tmp/trigger_survey_fa"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--arman-max", type=int, default=3000)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    stages = tuple(s for s in DEFAULT_STAGES if s.name not in ("attribution", "claims"))
    pipeline = Pipeline(stages)
    sources = fars_docs(args.shared) + seed_docs(args.shared) + arman_docs(args.shared, args.arman_max)
    hits: Counter[str] = Counter()
    made: Counter[str] = Counter()
    types: dict[str, Counter[str]] = defaultdict(Counter)
    event_rows: list[str] = []
    missed: list[str] = []
    n_sentences = n_conflict = 0
    for name, text in sources:
        doc = Document.create(text, meta={"lang_override": "fa"})
        doc.lang = "fa"
        pipeline(doc)
        for m in doc.mentions_of("trigger"):
            key = normalize_term(m.text)
            hits[key] += 1
            types[key][m.attrs.get("sub_event_type") or m.attrs.get("rule") or "?"] += 1
        with_event = set()
        for ev in doc.events:
            made[normalize_term(ev.trigger.text)] += 1
            with_event.add(ev.sentence.start)
            a1 = ev.actor1.canonical_id if ev.actor1 else "-"
            a2 = ev.actor2.canonical_id if ev.actor2 else "-"
            loc = ev.location.name if ev.location else "-"
            fat = ev.fatalities.best if ev.fatalities else "-"
            event_rows.append(
                f"[{name}] {ev.sub_event_type} | trigger={ev.trigger.text!r} a1={a1} a2={a2} loc={loc} "
                f"fat={fat} pol={ev.polarity}\n    {ev.sentence.text.strip()}")
        for s in doc.sentences:
            n_sentences += 1
            sent_text = doc.text[s.start:s.end].strip()
            if not CONFLICT_WORDS.search(sent_text):
                continue
            n_conflict += 1
            if not any(s.start <= start < s.end for start in with_event):
                missed.append(f"[{name}] {sent_text}")
    with (args.out / "triggers.tsv").open("w", encoding="utf-8") as fh:
        fh.write("trigger\thits\tevents\ttypes\n")
        for key, n in hits.most_common():
            fh.write(f"{key}\t{n}\t{made[key]}\t{dict(types[key])}\n")
    (args.out / "events.txt").write_text("\n".join(event_rows) + "\n", encoding="utf-8")
    rng = random.Random(args.seed)
    sample_events = rng.sample(event_rows, min(60, len(event_rows)))
    sample_missed = rng.sample(missed, min(30, len(missed)))
    (args.out / "sample_events.txt").write_text(
        "\n".join(f"{i + 1:02d} {row}" for i, row in enumerate(sample_events)) + "\n", encoding="utf-8")
    (args.out / "sample_missed.txt").write_text(
        "\n".join(f"{i + 1:02d} {row}" for i, row in enumerate(sample_missed)) + "\n", encoding="utf-8")
    print(f"documents {len(sources)}, sentences {n_sentences}, conflict-word sentences {n_conflict}, "
          f"without event {len(missed)}, events {len(event_rows)}, trigger hits {sum(hits.values())}")


if __name__ == "__main__":
    main()
