"""Wide check of Arabic event extraction beyond the small SaudiNewsNet gold: trigger hits and review samples.

Usage: python scripts/trigger_survey_ar.py SHARED_DIR [--out DIR] [--seed 7] [--n-conflict 200] [--n-other 50]

Runs the document pipeline (up to events) over SaudiNewsNet articles (data/news/saudinewsnet_ar.jsonl, title and
content as the harness joins them) that no file under eval/gold references: --n-conflict articles drawn with a
fixed seed among those whose text has a word of armed violence (an independent list below, not the trigger
lexicon) and --n-other among those without one.  Writes to --out:

- ``triggers.tsv``: trigger wording (normalized) -> hits, sub-event types given, events made;
- ``events.txt``: every event with its sentence;
- ``sample_events.txt``: a random sample of 60 events, to judge precision by reading each sentence;
- ``sample_missed.txt``: a random sample of 40 conflict sentences (the independent word list) that carry no
  event, to judge recall.

The articles and samples are drawn with a fixed seed so a before/after review reads the same population
(the event sample changes only as far as the events themselves change).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

from rasad.evaluation.gold import row_text
from rasad.model import Document
from rasad.pipeline import DEFAULT_STAGES, Pipeline
from rasad.text.normalize import normalize_term

GOLD_DIR = Path(__file__).resolve().parents[1] / "eval" / "gold"

# Words of armed violence, independent of the trigger lexicon: a sentence with one of them may tell an event.
CONFLICT_WORDS = re.compile(
    r"قتل|قتيل|مقتل|مصرع|استشهد|شهيد|شهداء|جرحى|جريح|إصابة|اصابة|أصيب|اصيب|هجوم|هاجم|اشتباك|معارك|قصف|غارة|"
    r"غارات|انفجار|تفجير|فجر|مفخخ|ناسف|انتحاري|انغماسي|صاروخ|قذيف|قذائف|هاون|مدفعي|رصاص|قناص|قنص|اعتقال|اعتقل|"
    r"خطف|اختطف|أعدم|اعدم|إعدام|ذبح|سيطر|استعاد|تحرير|حرر|طرد|دحر|انسحب|حصار|محاصر|أحبط|احبط|تصدى|تصدت|"
    r"كمين|مجزرة|مظاهر|احتجاج|متظاهر|داعش|الحوثي|مسلح"
)


def gold_doc_ids(gold_dir: Path) -> set[str]:
    """Every SaudiNewsNet article id any gold file names (dev, held-out, links): never surveyed."""
    ids: set[str] = set()
    for path in gold_dir.glob("*.jsonl"):
        ids.update(re.findall(r"snn_\d+", path.read_text(encoding="utf-8")))
    return ids


def survey_docs(shared: Path, seed: int, n_conflict: int, n_other: int) -> list[tuple[str, str]]:
    """(id, text) of the surveyed articles: fixed-seed draws from the conflict and the other articles."""
    excluded = gold_doc_ids(GOLD_DIR)
    conflict: list[tuple[str, str]] = []
    other: list[tuple[str, str]] = []
    with (shared / "data" / "news" / "saudinewsnet_ar.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] in excluded:
                continue
            text = row_text(row, ["title", "content"])
            (conflict if CONFLICT_WORDS.search(text) else other).append((row["id"], text))
    rng = random.Random(seed)
    return rng.sample(conflict, min(n_conflict, len(conflict))) + rng.sample(other, min(n_other, len(other)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/tmp/trigger_survey_ar"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n-conflict", type=int, default=200)
    ap.add_argument("--n-other", type=int, default=50)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    stages = tuple(s for s in DEFAULT_STAGES if s.name not in ("attribution", "claims"))
    pipeline = Pipeline(stages)
    sources = survey_docs(args.shared, args.seed, args.n_conflict, args.n_other)
    hits: Counter[str] = Counter()
    made: Counter[str] = Counter()
    types: dict[str, Counter[str]] = defaultdict(Counter)
    event_rows: list[str] = []
    missed: list[str] = []
    n_sentences = n_conflict = 0
    for name, text in sources:
        doc = Document.create(text, meta={"lang_override": "ar"})
        doc.lang = "ar"
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
    sample_missed = rng.sample(missed, min(40, len(missed)))
    (args.out / "sample_events.txt").write_text(
        "\n".join(f"{i + 1:02d} {row}" for i, row in enumerate(sample_events)) + "\n", encoding="utf-8")
    (args.out / "sample_missed.txt").write_text(
        "\n".join(f"{i + 1:02d} {row}" for i, row in enumerate(sample_missed)) + "\n", encoding="utf-8")
    print(f"documents {len(sources)}, sentences {n_sentences}, conflict-word sentences {n_conflict}, "
          f"without event {len(missed)}, events {len(event_rows)}, trigger hits {sum(hits.values())}")


if __name__ == "__main__":
    main()
