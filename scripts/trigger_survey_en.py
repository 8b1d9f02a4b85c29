"""Wide check of English event extraction on whole articles: trigger hits and review samples.

Usage: python scripts/trigger_survey_en.py SHARED_DIR [--gold-dir eval/gold] [--out DIR] [--seed 7]

The English dev gold scores only each article's main events, so it never sees the extra events a whole
article yields (recaps, statistics, statements, one happening told several times).  This survey runs the
document pipeline (up to events) over every FA-KES article of data/news/fakes_en_dev.csv that no gold
file under --gold-dir names (dev or test: the held-out set stays unread), with the article's outlet and
publication day as ingestion would give them.  Writes to --out:

- ``triggers.tsv``: trigger wording (normalized) -> hits, sub-event types given, events made;
- ``events.txt``: every event with its sentence;
- ``sample_events.txt``: a random sample of 60 events, to judge precision by reading each sentence
  (a real, new, specific happening, or a correctly marked non-asserted one);
- ``sample_missed.txt``: a random sample of 30 conflict sentences (an independent list of violence words,
  not the trigger lexicon) that carry no event, to judge recall.

The samples are drawn with a fixed seed from the same articles so a before/after review reads the same
population (the event sample itself changes when events are removed: read it as a precision estimate).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from rasad.model import Document
from rasad.pipeline import DEFAULT_STAGES, Pipeline
from rasad.text.normalize import normalize_term

# Words of armed violence, independent of the trigger lexicon: a sentence with one of them may tell an event.
CONFLICT_WORDS = re.compile(
    r"\b(?:kill|dead|death|die[ds]?|attack|strike|struck|bomb|shell|mortar|rocket|missile|clash|fight|battle|"
    r"explo|blast|wound|injur|massacre|execut|arrest|detain|kidnap|abduct|captur|seiz|recaptur|withdr|"
    r"siege|besieg|offensive|assault|sniper|gunmen|shot|casualt|airstrike|air strike|raid|civilians)",
    re.IGNORECASE,
)
_GOLD_KEY = re.compile(r'"key":\s*"fakes:(\d+)"')


def gold_unit_ids(gold_dir: Path) -> set[str]:
    """FA-KES unit ids named by any gold file (read as text: only the keys, no gold event is read)."""
    ids: set[str] = set()
    for path in gold_dir.glob("*.jsonl"):
        ids.update(_GOLD_KEY.findall(path.read_text(encoding="utf-8")))
    return ids


def fakes_docs(shared: Path, exclude: set[str]) -> list[tuple[str, Document]]:
    """(name, Document) per FA-KES article not in ``exclude``: title and content as two paragraphs."""
    out = []
    with (shared / "data" / "news" / "fakes_en_dev.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["unit_id"] in exclude:
                continue
            text = "\n\n".join(p.strip() for p in (row["article_title"], row["article_content"]) if p.strip())
            try:
                published = datetime.strptime(row["date"].strip(), "%m/%d/%Y")
                precision = "day"
            except ValueError:
                published, precision = None, "unknown"
            doc = Document.create(text, outlet=row.get("source") or None, published=published,
                                  published_precision=precision, meta={"lang_override": "en"})
            out.append((f"fakes:{row['unit_id']}", doc))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", type=Path)
    ap.add_argument("--gold-dir", type=Path, default=Path("eval/gold"))
    ap.add_argument("--out", type=Path, default=Path("/tmp/trigger_survey_en"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    stages = tuple(s for s in DEFAULT_STAGES if s.name not in ("attribution", "claims"))
    pipeline = Pipeline(stages)
    sources = fakes_docs(args.shared, gold_unit_ids(args.gold_dir))
    hits: Counter[str] = Counter()
    made: Counter[str] = Counter()
    types: dict[str, Counter[str]] = defaultdict(Counter)
    event_rows: list[str] = []
    missed: list[str] = []
    n_sentences = n_conflict = 0
    for name, doc in sources:
        doc.lang = "en"
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
            day = ev.date.start if ev.date else "-"
            event_rows.append(
                f"[{name}] {ev.sub_event_type} | trigger={ev.trigger.text!r} a1={a1} a2={a2} loc={loc} "
                f"date={day} fat={fat} pol={ev.polarity}\n    {ev.sentence.text.strip()}")
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
          f"without event {len(missed)}, events {len(event_rows)} ({len(event_rows) / max(1, len(sources)):.2f}/doc), "
          f"trigger hits {sum(hits.values())}")


if __name__ == "__main__":
    main()
