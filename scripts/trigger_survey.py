"""Wide check of event extraction beyond the small dev golds, per language: trigger hits and review samples.

Usage:
    python scripts/trigger_survey.py ar SHARED_DIR [--out DIR] [--seed 7] [--gold-dir eval/gold]
                                                   [--n-conflict 200] [--n-other 50]
    python scripts/trigger_survey.py fa SHARED_DIR [--out DIR] [--seed 7] [--arman-max 3000]
    python scripts/trigger_survey.py en SHARED_DIR [--out DIR] [--seed 7] [--gold-dir eval/gold]

Runs the document pipeline (up to events) over real text of one language, read in place from SHARED_DIR:

- ``ar``: SaudiNewsNet articles (data/news/saudinewsnet_ar.jsonl, title and content as the harness joins
  them) that no gold file under --gold-dir references: --n-conflict articles drawn with a fixed seed among
  those whose text has a word of armed violence and --n-other among those without one;
- ``fa``: every Persian text: all Fars articles (data/news/fars_fa_dev.jsonl), the Persian seed
  (seeds/001_*.txt) and sentences of ArmanPersoNER (data/ner/fa_arman/train_fold1.txt, general Persian
  news, ten sentences per document);
- ``en``: every FA-KES article of data/news/fakes_en_dev.csv that no gold file under --gold-dir names (dev
  or test: the held-out set stays unread), with the outlet and publication day as ingestion would give
  them.  The English dev gold scores only each article's main events, so it never sees the extra events
  a whole article yields (recaps, statistics, statements, one happening told several times).

Writes to --out (default /tmp/trigger_survey_<lang>):

- ``triggers.tsv``: trigger wording (normalized) -> hits, sub-event types given, events made;
- ``events.txt``: every event with its sentence (English rows also give the event's day);
- ``sample_events.txt``: a random sample of 60 events, to judge precision by reading each sentence
  (a real, new, specific happening, or a correctly marked non-asserted one);
- ``sample_missed.txt``: a random sample of conflict sentences (40 for Arabic, 30 otherwise) that carry no
  event, to judge recall.

"Conflict" means a word from a per-language list of armed-violence words below, independent of the
trigger lexicon.  Articles and samples are drawn with a fixed seed so a before/after review reads the same
population (the event sample itself changes as far as the events change: read it as a precision estimate).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sample_attribution import gold_row_keys  # scripts/ is on sys.path when a script here is run

from rasad.evaluation.gold import row_text
from rasad.model import Document
from rasad.pipeline import DEFAULT_STAGES, Pipeline
from rasad.text.normalize import normalize_term

GOLD_DIR = Path(__file__).resolve().parents[1] / "eval" / "gold"

Sources = list[tuple[str, Document]]


# ---------------------------------------------------------------- Arabic: unreferenced SaudiNewsNet articles

AR_CONFLICT_WORDS = re.compile(
    r"قتل|قتيل|مقتل|مصرع|استشهد|شهيد|شهداء|جرحى|جريح|إصابة|اصابة|أصيب|اصيب|هجوم|هاجم|اشتباك|معارك|قصف|غارة|"
    r"غارات|انفجار|تفجير|فجر|مفخخ|ناسف|انتحاري|انغماسي|صاروخ|قذيف|قذائف|هاون|مدفعي|رصاص|قناص|قنص|اعتقال|اعتقل|"
    r"خطف|اختطف|أعدم|اعدم|إعدام|ذبح|سيطر|استعاد|تحرير|حرر|طرد|دحر|انسحب|حصار|محاصر|أحبط|احبط|تصدى|تصدت|"
    r"كمين|مجزرة|مظاهر|احتجاج|متظاهر|داعش|الحوثي|مسلح"
)


def ar_sources(args: argparse.Namespace) -> Sources:
    """Fixed-seed draws from the unreferenced conflict and other articles."""
    excluded = gold_row_keys(args.gold_dir)
    conflict: list[tuple[str, str]] = []
    other: list[tuple[str, str]] = []
    with (args.shared / "data" / "news" / "saudinewsnet_ar.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] in excluded:
                continue
            text = row_text(row, ["title", "content"])
            (conflict if AR_CONFLICT_WORDS.search(text) else other).append((row["id"], text))
    rng = random.Random(args.seed)
    drawn = (rng.sample(conflict, min(args.n_conflict, len(conflict)))
             + rng.sample(other, min(args.n_other, len(other))))
    return [(name, Document.create(text, meta={"lang_override": "ar"})) for name, text in drawn]


# ---------------------------------------------------------------- Persian: Fars, the seed, ArmanPersoNER

FA_CONFLICT_WORDS = re.compile(
    r"کشته|حمله|حملات|درگیر|نبرد|بمباران|انفجار|منفجر|موشک|خمپاره|توپخانه|شلیک|تیراندازی|ترور|کشتار|"
    r"قتل عام|اسیر|اسارت|بازداشت|دستگیر|به هلاکت|هلاکت|شهادت|شهید|زخمی|مجروح|آزادسازی|آزاد ساز|تصرف|"
    r"کنترل|سیطره|تسلط|عقب.?نشینی|محاصره|پیشروی|گروگان|ربود|انتحاری|بمب|تروریست|تکفیری|داعش|النصره"
)


def fars_texts(shared: Path) -> list[tuple[str, str]]:
    """(id, text) per Fars article: title, abstract and paragraphs as paragraphs."""
    out = []
    with (shared / "data" / "news" / "fars_fa_dev.jsonl").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            row = json.loads(line)
            parts = [row.get("title") or "", row.get("abstract") or ""]
            parts += [p for p in row.get("paragraphs") or [] if isinstance(p, str)]
            out.append((f"fars:{i:02d}", "\n\n".join(p for p in parts if p.strip())))
    return out


def fa_seed_texts(shared: Path) -> list[tuple[str, str]]:
    """The Persian seed report(s)."""
    return [(f"seed:{p.name[:3]}", p.read_text(encoding="utf-8")) for p in sorted((shared / "seeds").glob("001_*.txt"))]


def arman_texts(shared: Path, max_sentences: int) -> list[tuple[str, str]]:
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


def fa_sources(args: argparse.Namespace) -> Sources:
    texts = fars_texts(args.shared) + fa_seed_texts(args.shared) + arman_texts(args.shared, args.arman_max)
    return [(name, Document.create(text, meta={"lang_override": "fa"})) for name, text in texts]


# ---------------------------------------------------------------- English: unreferenced FA-KES articles

EN_CONFLICT_WORDS = re.compile(
    r"\b(?:kill|dead|death|die[ds]?|attack|strike|struck|bomb|shell|mortar|rocket|missile|clash|fight|battle|"
    r"explo|blast|wound|injur|massacre|execut|arrest|detain|kidnap|abduct|captur|seiz|recaptur|withdr|"
    r"siege|besieg|offensive|assault|sniper|gunmen|shot|casualt|airstrike|air strike|raid|civilians)",
    re.IGNORECASE,
)

def en_sources(args: argparse.Namespace) -> Sources:
    """(name, Document) per unreferenced FA-KES article: title and content as two paragraphs."""
    exclude = gold_row_keys(args.gold_dir)
    out = []
    with (args.shared / "data" / "news" / "fakes_en_dev.csv").open(encoding="utf-8", newline="") as fh:
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


# ---------------------------------------------------------------- the survey itself


@dataclass(frozen=True)
class LanguageSurvey:
    """What differs between the languages' surveys."""

    sources: Callable[[argparse.Namespace], Sources]
    conflict_words: re.Pattern[str]
    missed_sample: int
    show_event_day: bool = False


SURVEYS: dict[str, LanguageSurvey] = {
    "ar": LanguageSurvey(ar_sources, AR_CONFLICT_WORDS, missed_sample=40),
    "fa": LanguageSurvey(fa_sources, FA_CONFLICT_WORDS, missed_sample=30),
    "en": LanguageSurvey(en_sources, EN_CONFLICT_WORDS, missed_sample=30, show_event_day=True),
}

EVENT_SAMPLE = 60


def write_numbered(path: Path, rows: list[str]) -> None:
    path.write_text("\n".join(f"{i + 1:02d} {row}" for i, row in enumerate(rows)) + "\n", encoding="utf-8")


def run_survey(lang: str, args: argparse.Namespace) -> None:
    survey = SURVEYS[lang]
    args.out.mkdir(parents=True, exist_ok=True)
    pipeline = Pipeline(tuple(s for s in DEFAULT_STAGES if s.name not in ("attribution", "claims")))
    sources = survey.sources(args)
    hits: Counter[str] = Counter()
    made: Counter[str] = Counter()
    types: dict[str, Counter[str]] = defaultdict(Counter)
    event_rows: list[str] = []
    missed: list[str] = []
    n_sentences = n_conflict = 0
    for name, doc in sources:
        doc.lang = lang
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
            day = f"date={ev.date.start if ev.date else '-'} " if survey.show_event_day else ""
            event_rows.append(
                f"[{name}] {ev.sub_event_type} | trigger={ev.trigger.text!r} a1={a1} a2={a2} loc={loc} "
                f"{day}fat={fat} pol={ev.polarity}\n    {ev.sentence.text.strip()}")
        for s in doc.sentences:
            n_sentences += 1
            sent_text = doc.text[s.start:s.end].strip()
            if not survey.conflict_words.search(sent_text):
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
    write_numbered(args.out / "sample_events.txt", rng.sample(event_rows, min(EVENT_SAMPLE, len(event_rows))))
    write_numbered(args.out / "sample_missed.txt", rng.sample(missed, min(survey.missed_sample, len(missed))))
    print(f"documents {len(sources)}, sentences {n_sentences}, conflict-word sentences {n_conflict}, "
          f"without event {len(missed)}, events {len(event_rows)} ({len(event_rows) / max(1, len(sources)):.2f}/doc), "
          f"trigger hits {sum(hits.values())}")


def parse_args() -> tuple[str, argparse.Namespace]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    langs = ap.add_subparsers(dest="lang", required=True)
    per_lang = {}
    for lang in SURVEYS:
        sub = langs.add_parser(lang)
        sub.add_argument("shared", type=Path)
        sub.add_argument("--out", type=Path, default=Path(f"/tmp/trigger_survey_{lang}"))
        sub.add_argument("--seed", type=int, default=7)
        per_lang[lang] = sub
    for lang in ("ar", "en"):
        per_lang[lang].add_argument("--gold-dir", type=Path, default=GOLD_DIR,
                                    help="articles any gold file here names are not surveyed")
    per_lang["ar"].add_argument("--n-conflict", type=int, default=200)
    per_lang["ar"].add_argument("--n-other", type=int, default=50)
    per_lang["fa"].add_argument("--arman-max", type=int, default=3000)
    args = ap.parse_args()
    return args.lang, args


def main() -> None:
    lang, args = parse_args()
    run_survey(lang, args)


if __name__ == "__main__":
    main()
