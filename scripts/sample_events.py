"""Precision check for event extraction on unseen text: random news articles that no gold file refers to,
each with the events the pipeline predicts, for a person to judge (issue #5: over-generation).

    python scripts/sample_events.py --shared ../shared --ar 40 --en 20 --fa 3 --seed 1 > /tmp/me/a.jsonl
    python scripts/sample_events.py --show /tmp/me/a.jsonl            # read the events, one line each
    python scripts/sample_events.py --rerun /tmp/me/a.jsonl > /tmp/me/a2.jsonl  # same articles, new rules
    python scripts/sample_events.py --score /tmp/me/a.jsonl judge.json # precision from a judgement

Articles come from ``data/news`` (SaudiNewsNet ar with a conflict word, FA-KES en, Fars fa) and, for fresh
Persian text (all 38 Fars articles are in the gold), from the ArmanPersoNER folds (``--fa-arman``; the training
fold, then the test fold, whose sentences are disjoint from it; five samples drew all ~185 runs of the
training fold): a pseudo-article is a run of ``ARMAN_RUN`` consecutive sentences of one fold of that Persian
news corpus (keyed by the fold and its first sentence's index) in which the Persian trigger lexicon (``lang/fa/triggers.yaml``, shields excluded) finds a
word.  Any article a gold file under ``eval/gold`` refers to (by its row key) is skipped, and so is any article of the files
given with ``--exclude`` (an earlier sample), so a second sample is fresh.  The output is JSON Lines, one
article per line: its key, language and predicted events (sub-type, polarity, trigger and its offset,
actors, place, sentence).  A judgement is a JSON object ``{article key: "TP DUP GEN ..."}``, one code per
event in order: TP (a real happening of that type), TYPE (real, wrong type), BG (background or history),
GEN (a topic word, a habit, an aggregate), STMT (a statement or plan told as fact), DUP (one happening told
twice), NOT (another sense of the word).  Precision is (TP + TYPE) / events.  A judgement may also mark each
true event's date: ``{key: {"codes": "TP GEN", "date": "right -"}}``, one of ``DATE_MARKS`` per event (see
there); date accuracy is right / true events the text dates (all marked but "undated").  A true event's code may
carry a location verdict after ``@`` (``TP@ok``, ``TYPE@coarse``; ``LOCATION_CODES``): ok (where it happened,
at the precision the text allows: the town or neighbourhood, else the district or province; no place when the
text names none), coarse (a containing area where the text names the town), wrong (another place: the dateline
or the outlet's city, a place of another clause), missing (no place though the text names one); location
accuracy is ok / true events with a verdict (and "in the right area": ok or coarse).  An entry may also count
the real events the article reports that no predicted event tells (``{key: {"codes": "TP", "missed": 2}}``):
recall is (TP + TYPE) / (TP + TYPE + missed).  ``--show`` prints each
event's place with its kind, province and country and ``^`` when it was named outside the event's sentence.
The texts stay in the shared folder; nothing of them is written into the repository.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sample_attribution import gold_row_keys  # scripts/ is on sys.path when a script here is run

from rasad.evaluation.gold import default_shared_dir
from rasad.extract.events import trigger_lexicon
from rasad.ingest.dates import parse_published, refine_published
from rasad.model import DateRef, Document, PlaceRef
from rasad.pipeline import Pipeline
from rasad.text.normalize import normalize_text

GOLD_DIR = Path(__file__).resolve().parents[1] / "eval" / "gold"
#: an Arabic article is drawn only when it holds one of these (most SaudiNewsNet articles are not about war)
CONFLICT_WORDS = ("قصف", "غارة", "غارات", "اشتباك", "مقتل", "قتلى", "انفجار", "هجوم", "مسلح", "الحوثي", "داعش", "سيطر")
GOOD = ("TP", "TYPE")
#: location verdicts a judge may add to a true event's code ("TP@ok"): the place where it happened at the
#: precision the text allows (town or neighbourhood, else district or province; no place when the text names
#: none), a containing area where the text names the town, another place, or no place where the text names one
LOCATION_CODES = ("ok", "coarse", "wrong", "missing")
#: the judge's mark of a true event's date (``"date"`` in a judgement): the day it happened when the text
#: allows, else the right week/month at the right precision (right); another day/week (wrong); the right
#: window but less precise than the text allows (coarse); no date though the text gives one (missing); no date
#: and the text gives none either (undated: the publication window stands in, not scored); "-" for an event
#: not judged true
DATE_MARKS = ("right", "wrong", "coarse", "missing", "undated", "-")
#: sentences per Arman pseudo-article; the fold keeps runs of two or three sentences of one article in order
ARMAN_RUN = 8
ARMAN_FOLDS = (Path("data") / "ner" / "fa_arman" / "train_fold1.txt",
               Path("data") / "ner" / "fa_arman" / "test_fold1.txt")
#: Arman tokens are split off their punctuation: written back without the space before / after these
_NO_SPACE_BEFORE = frozenset(".،؛:!؟?)]»")
_NO_SPACE_AFTER = frozenset("([«")


def articles(shared: Path, every_arman_run: bool = False) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(source, key, text, metadata known at ingest) of every article in the three news files and of the
    Arman pseudo-articles; the source is the language, or ``fa_arman``."""
    news = shared / "data" / "news"
    with open(news / "saudinewsnet_ar.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            text = f"{row.get('title') or ''}\n\n{row.get('content') or ''}"
            if any(w in text for w in CONFLICT_WORDS):
                yield "ar", row["id"], text, {"outlet": row.get("source"), "url": row.get("url"),
                                              "published": row.get("date")}
    with open(news / "fakes_en_dev.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            yield "en", r["unit_id"], f"{r['article_title']}\n\n{r['article_content']}", \
                {"outlet": r["source"], "published": r["date"]}
    with open(news / "fars_fa_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            paragraphs = row.get("paragraphs") or []
            if isinstance(paragraphs, str):
                paragraphs = ast.literal_eval(paragraphs) if paragraphs.startswith("[") else [paragraphs]
            text = "\n\n".join([row["title"], row.get("abstract") or "", *paragraphs])
            yield "fa", row["link"], text, {"outlet": "Fars News Agency", "url": row["link"],
                                              "published": row.get("date_gregorian_from_link")}
    yield from arman_articles(shared, every_run=every_arman_run)


def _detokenize(tokens: list[str]) -> str:
    out: list[str] = []
    glue = False
    for tok in tokens:
        if out and not glue and tok not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(tok)
        glue = tok in _NO_SPACE_AFTER
    return "".join(out)


def arman_sentences(path: Path) -> list[str]:
    """The sentences of an ArmanPersoNER file (one ``token tag`` per line, a blank line between sentences)."""
    sentences: list[str] = []
    tokens: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            token = line.rstrip("\n").rsplit(" ", 1)[0].strip()
            if token:
                tokens.append(token)
            elif tokens:
                sentences.append(_detokenize(tokens))
                tokens = []
    if tokens:
        sentences.append(_detokenize(tokens))
    return sentences


def arman_articles(shared: Path, every_run: bool = False) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Pseudo-articles of the Arman folds: consecutive runs of ``ARMAN_RUN`` sentences that hold a
    Persian trigger word (not a shielded phrase such as "برنامه موشکی"); every run with ``every_run``."""
    lex = trigger_lexicon("fa")
    if lex is None:
        return
    for fold in ARMAN_FOLDS:
        path = shared / fold
        if not path.exists():
            continue
        sentences = arman_sentences(path)
        for first in range(0, len(sentences), ARMAN_RUN):
            text = " ".join(sentences[first:first + ARMAN_RUN])
            if every_run or any(not m.payload.shield for m in lex.matcher.find(normalize_text(text))):
                yield "fa_arman", f"arman:{fold.stem}:{first}", text, {"outlet": None}


def to_document(text: str, meta: dict[str, Any]) -> Document:
    published, precision = parse_published(meta.get("published"))
    published, precision, _ = refine_published(published, precision, meta.get("url"))
    return Document.create(text, outlet=meta.get("outlet"), url=meta.get("url"), published=published,
                           published_precision=precision)


def draw_rows(shared: Path, counts: dict[str, int], seed: int,
              skip: set[str]) -> list[tuple[str, str, dict[str, Any]]]:
    """``counts[source]`` random (key, text, metadata) rows per source, none whose key or url is in ``skip``
    (each key once); the same seed and counts draw the same rows (``count_dup_events.py`` draws this way)."""
    pools: dict[str, list[tuple[str, str, dict[str, Any]]]] = {lang: [] for lang in counts}
    seen: set[str] = set()
    for source, key, text, meta in articles(shared):
        if source in pools and key not in skip and key not in seen and meta.get("url") not in skip:
            seen.add(key)
            pools[source].append((key, text, meta))
    rnd = random.Random(seed)
    return [row for source, n in counts.items() for row in rnd.sample(pools[source], min(n, len(pools[source])))]


def draw(shared: Path, counts: dict[str, int], seed: int, exclude: set[str]) -> None:
    predict(draw_rows(shared, counts, seed, gold_row_keys(GOLD_DIR) | exclude))


def rerun(shared: Path, sample: Path) -> None:
    """Predict again the articles of an earlier sample, in its order: the same articles after a change of
    the rules (the Arman pool itself depends on the trigger lexicon, so a seed alone would draw others)."""
    keys = [json.loads(line)["key"] for line in sample.read_text(encoding="utf-8").splitlines()]
    wanted = set(keys)
    found: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for _, key, text, meta in articles(shared, every_arman_run=True):
        if key in wanted and key not in found:
            found[key] = (key, text, meta)
    predict([found[k] for k in keys if k in found])


def predict(rows: list[tuple[str, str, dict[str, Any]]]) -> None:
    """Print each article's predicted events, one JSON line per article."""
    pipeline = Pipeline()
    for key, text, meta in rows:
        doc = pipeline(to_document(text, meta))
        events = [{
            "sub_event_type": e.sub_event_type, "polarity": e.polarity,
            "trigger": doc.text[e.trigger.start:e.trigger.end], "trigger_start": e.trigger.start,
            "actor1": e.actor1.canonical_id if e.actor1 else None,
            "actor2": e.actor2.canonical_id if e.actor2 else None,
            "place": e.location.name if e.location else None,
            "place_detail": _place_detail(e),
            "place_text": doc.text[e.location.start:e.location.end]
            if e.location and e.location.start is not None and e.location.end is not None else None,
            "date": date_view(e.date),
            "sentence": doc.text[e.sentence.start:e.sentence.end],
        } for e in doc.events]
        print(json.dumps({"key": key, "lang": doc.lang, "title": text.split("\n", 1)[0][:120],
                          "published": doc.published.date().isoformat() if doc.published else None,
                          "events": events}, ensure_ascii=False))


def place_kind(loc: PlaceRef) -> str:
    """A place's kind, province and country as a judge needs them ("city/Idlib/SYR")."""
    return "/".join(str(v) for v in (loc.feature, loc.admin1, loc.country) if v)


def _place_detail(event: Any) -> str | None:
    """The event's place as a judge needs it (:func:`place_kind`), ``^`` when it is named outside the
    event's sentence (taken from an earlier one)."""
    loc = event.location
    if loc is None:
        return None
    detail = place_kind(loc)
    outside = loc.start is not None and not event.sentence.start <= loc.start < event.sentence.end
    return detail + ("^" if outside else "")


def date_view(d: DateRef | None) -> str | None:
    """An event's date for the judge: ``start[/end] precision <text>`` (or the relative expression)."""
    if d is None:
        return None
    when = (d.start.isoformat() if d.start else d.expression or "?") + \
        (f"/{d.end.isoformat()}" if d.end and d.end != d.start else "")
    return f"{when} {d.precision} <{d.text}>"


def show(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        print(f"## {row['key']} | published {row.get('published')} | {row['title']}")
        for i, e in enumerate(row["events"]):
            sentence = " ".join(e["sentence"].split())
            print(f"  {i}. {e['sub_event_type']} [{e['polarity']}] <{e['trigger']}> a1={e['actor1']} "
                  f"a2={e['actor2']} place={e['place']} ({e.get('place_detail')} <{e.get('place_text')}>) "
                  f"date={e.get('date')} :: {sentence[:400]}")


def score(path: Path, judgement_path: Path) -> None:
    judgement = json.loads(judgement_path.read_text(encoding="utf-8"))
    codes: dict[str, Counter[str]] = {}
    places: dict[str, Counter[str]] = {}
    dates: dict[str, Counter[str]] = {}
    missed: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        entry = judgement.get(row["key"], "")
        if isinstance(entry, dict):
            missed[row["lang"]] += int(entry.get("missed", 0))
        given = str(entry.get("codes", "") if isinstance(entry, dict) else entry).split()
        if len(given) != len(row["events"]):
            sys.exit(f"{row['key']}: {len(row['events'])} events, {len(given)} codes")
        for code in given:
            kind, _, where = code.partition("@")
            if where and (kind not in GOOD or where not in LOCATION_CODES):
                sys.exit(f"{row['key']}: {code!r}: a location verdict ({'/'.join(LOCATION_CODES)}) is for TP/TYPE")
            codes.setdefault(row["lang"], Counter())[kind] += 1
            if where:
                places.setdefault(row["lang"], Counter())[where] += 1
        if isinstance(entry, dict) and "date" in entry:
            marks = str(entry["date"]).split()
            if len(marks) != len(given):
                sys.exit(f"{row['key']}: {len(given)} events, {len(marks)} date marks")
            bad = [m for m in marks if m not in DATE_MARKS]
            if bad:
                sys.exit(f"{row['key']}: date marks {bad} (expected {' '.join(DATE_MARKS)})")
            dates.setdefault(row["lang"], Counter()).update(
                m for code, m in zip(given, marks, strict=True) if code.partition("@")[0] in GOOD and m != "-")
    for lang, c in sorted(codes.items()) + [("all", sum(codes.values(), Counter()))]:
        n = sum(c.values())
        good = sum(c[g] for g in GOOD)
        line = f"{lang}: {n} events, precision {good / n if n else 0:.2f}  {dict(c)}"
        where = sum(places.values(), Counter()) if lang == "all" else places.get(lang, Counter())
        judged = sum(where.values())
        if judged:
            line += (f"; location of {judged} true events: accuracy {where['ok'] / judged:.2f}, in the right area "
                     f"{(where['ok'] + where['coarse']) / judged:.2f}  {dict(where)}")
        lost = sum(missed.values()) if lang == "all" else missed[lang]
        if lost:
            line += f"; recall {good / (good + lost):.2f} ({good} true events found, {lost} missed)"
        print(line)
    for lang, c in sorted(dates.items()) + ([("all", sum(dates.values(), Counter()))] if dates else []):
        n = sum(c.values()) - c["undated"]
        print(f"{lang}: date of {n} true dated events: right {c['right'] / n if n else 0:.2f}  {dict(c)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--ar", type=int, default=40)
    ap.add_argument("--en", type=int, default=20)
    ap.add_argument("--fa", type=int, default=3)
    ap.add_argument("--fa-arman", type=int, default=0, help="Persian pseudo-articles from the Arman NER fold")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--exclude", type=Path, nargs="*", default=[], help="earlier samples (their articles are skipped)")
    ap.add_argument("--rerun", type=Path, help="predict again the articles of an earlier sample (same order)")
    ap.add_argument("--show", type=Path, help="print a sample's events for reading")
    ap.add_argument("--score", type=Path, nargs=2, metavar=("SAMPLE", "JUDGEMENT"))
    args = ap.parse_args()
    if args.show:
        show(args.show)
    elif args.rerun:
        rerun(args.shared or default_shared_dir(), args.rerun)
    elif args.score:
        score(*args.score)
    else:
        exclude = {json.loads(line)["key"] for p in args.exclude for line in p.read_text(encoding="utf-8").splitlines()}
        draw(args.shared or default_shared_dir(), {"ar": args.ar, "en": args.en, "fa": args.fa,
                                                         "fa_arman": args.fa_arman}, args.seed, exclude)


if __name__ == "__main__":
    main()
