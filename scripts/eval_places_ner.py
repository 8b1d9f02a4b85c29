"""Place-mention precision and recall against the location tags of NER corpora.

ANERCorp (Arabic, "token TAG" per line, B-LOC/I-LOC) and ArmanPersoNER (Persian, blank line between
sentences, B-loc/I-loc).  Tokens are joined with spaces into sentences; gold location spans and the
geoparser's place mentions are compared by exact span on token boundaries (a mention counts when it
covers exactly the tokens of a gold LOC span, ignoring attached proclitics, which ANERCorp keeps on the
token).  Precision = matched mentions / mentions, recall = matched gold spans / gold spans.  Also
printed: boundary-tolerant precision, counting a mention that overlaps a gold location span.

Span conventions differ: ArmanPersoNER puts the place-type word or compass direction right before a name
inside the location span ("استان کردستان", "شهر تهران", "شمال افغانستان", and both words of a compound
direction, "شمال غربی ایران": 0.9 of such words before a gold location are inside it; plurals such as
"استانهای"/"مناطق" are not), ANERCorp leaves it out ("مدينة"
before 97 gold locations, inside none); ArmanPersoNER also tags a place and its country right after it as
one location ("دورتموند هلند": 13 times in both folds, never as two).  For ArmanPersoNER a mention right
after one of the geoparser's own singular place-type cue words or directions (geoparse_words.yaml) is
therefore scored from that word on, and a mention of a place's country right after it extends the
place's span; ``--exact-spans`` scores the geoparser's spans as they are.

ANERCorp tags the name proper only: a place-type word, "قطاع"/"بلاد" or a compass direction before it
is outside the span ("مدينة الصدر", "قطاع غزة", "بلاد الشام", "غرب أفريقيا": on the first half of the
corpus 283 of the 289 such words, bare or after و/ب/ل, right before a gold location are outside it), and
so is mostly an epithet after a town's name ("مكة المكرمة": 36 of 36, though "المدينة المنورة" is whole
2 times of 3).  For ANERCorp a mention of two or more words that starts with such words (proclitics
aside) is therefore scored from the first word after them, and a town's mention whose words but the last
are themselves a gazetteer name of the same town (مكة المكرمة -> مكة, not حمص القديمة) without its last
word -- not a country's or region's (الولايات المتحدة الأمريكية, البوسنة والهرسك, الخليج العربي are tagged
whole).  ``--exact-spans`` scores the geoparser's spans as they are (report both).

Usage: python scripts/eval_places_ner.py ../shared [--limit N] [--errors N] [--exact-spans] [--half first|second]
                                          [--arman-fold test|train] [--ceiling]
                                          [--country-reading current|actor|bare|strict|all]

``--half first|second`` scores only the first or second half of each corpus's sentences (by sentence
index): ANERCorp is one file, so rules are studied on the errors of the first half and the second half's
aggregate numbers show whether they generalise.  ``--arman-fold train`` scores ArmanPersoNER's training fold
instead of its test fold (errors are studied on train; the test fold's aggregates check that a rule generalises).

(the shared folder or its data/ner folder).  ``--errors N`` lists the false positives grouped by the gold
class of their tokens (ORG, PER, O, ...), the N most frequent surface forms of each with one example
sentence, and the most frequent missed gold locations.

``--country-reading`` (ArmanPersoNER) scores the geoparser's readings of a Persian country or capital name
(``Geoparser.country_reading``); ``all`` prints each, the precision/recall trade-off.  A place mention of
role "state" (the state acting, ``geoparse._state_readings``) is no location claim and is not scored.
On the train fold (2026-11-24) the spans that overlap a gold location without matching it (~90) are mostly
the corpus's conventions rather than span errors of the geoparser: a landmark or facility and its place
tagged as one location ("دریاچه ارومیه", "میدان نفتی دهلران", "تخت‌جمشید شیراز": no such entry in the
gazetteer), a town and its province after it ("کوهدشت لرستان": the gazetteer gives Iranian towns no
province, so the scorer cannot join them as it joins a town and its country), and a designator word
the corpus leaves out one time in ten ("شهرستان شیراز" tagged "شیراز").  A name with an ezafe ending
("جاکارتای اندونزی", 3 gold locations) is missed, but that shape is mostly an ordinary word (اردوی،
آرای: ~40 times), so the geoparser does not read it.

``--ceiling`` (ArmanPersoNER) prints, instead of the geoparser's scores, what an ideal place-name finder
would score under the corpus's tagging (``ceiling``): one that finds every gold location and reads every
other gold entity (ORG, FAC, EVENT, ...) whose words are exactly a gazetteer place name as a place too --
it knows every place name but not how the sentence uses it ("تمرینهای نظامی آمریکا" is ORG); and with the
country names tagged O added (a country name the corpus leaves outside every entity, "دو کشور ایران و
ژاپن" inside an EVENT aside).  Then how far the words next to a name can tell Arman's LOC from its other
tags of the same name: for every exact place-name span, its context (the word before; the word before and
the word after) and, per context, the majority tag.  An oracle that reads each context with the tag the
corpus gives it most often (fitted on the same fold, so an upper bound for a rule that reads that context)
gives the precision and recall printed; the share of occurrences whose context the corpus tags both ways
measures the convention's inconsistency.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.model import Document
from rasad.places.geoparse import (
    CAMP_CUES,
    CITY_CUES,
    NEIGHBOURHOOD_CUES,
    PROVINCE_CUES,
    REFERENCE_DIRECTIONS,
    default_geoparser,
)
from rasad.text.normalize import AR_PROCLITICS, normalize_term

#: The geoparser's readings of a Persian country or capital name (``Geoparser.country_reading``), least to
#: most precision-oriented.
COUNTRY_READINGS = ("current", "actor", "bare", "strict")
#: The plural place-type cues: they head a list of names ("استانهای تهران و قم") and stay outside a span.
_PLURAL_CUES = frozenset(normalize_term(w) for w in ("مناطق", "محافظات", "احياء", "بلدات", "قري", "مدن",
                                                    "provinces"))
#: Words a corpus may count as part of a location span when right before the name (see the docstring).
DESIGNATORS = (PROVINCE_CUES | CITY_CUES | NEIGHBOURHOOD_CUES | CAMP_CUES | REFERENCE_DIRECTIONS) - _PLURAL_CUES
#: Words ANERCorp leaves out of a location span before the name: the designators, and "strip"/"land" of
#: names the gazetteer holds whole (قطاع غزة، بلاد الشام).
NAME_ONLY_DESIGNATORS = DESIGNATORS | frozenset(normalize_term(w) for w in ("قطاع", "بلاد"))


#: Features whose longer names are names, not a name and an epithet (الولايات المتحدة الأمريكية، البوسنة
#: والهرسك، الخليج العربي: ANERCorp tags them whole).
_AREAS = frozenset({"country", "region", "admin1", "admin2", "admin3"})


def _without_proclitics(token: str) -> set[str]:
    """A token's normalized forms with and without each Arabic proclitic sequence that carries no article
    (وبقطاع -> قطاع; المدينة and الشرق are not the designators مدينة and شرق)."""
    key = normalize_term(token)
    return {key, *(key[len(p):] for p in AR_PROCLITICS
                   if "ال" not in p and not p.endswith("لل") and key.startswith(p) and len(key) > len(p) + 1)}


def name_proper(sent: list[tuple[str, str]], first: int, last: int, text: str, start: int,
                spans: list[tuple[int, int]], place_id: str | None, feature: str | None,
                by_name: dict[str, Any]) -> tuple[int, int]:
    """ANERCorp's span of a mention covering tokens ``first``..``last`` (it starts at ``start`` in ``text``,
    after any proclitics): without the designator words before the name, and, for a town, without an
    epithet after it when the words before the epithet name the same place (see the docstring)."""
    if last > first and _without_proclitics(sent[first][0]) & NAME_ONLY_DESIGNATORS:
        while last > first and _without_proclitics(sent[first][0]) & NAME_ONLY_DESIGNATORS:
            first += 1  # (جنوب شرق آسيا)
        return first, last
    if last > first and place_id is not None and feature not in _AREAS:
        shorter = normalize_term(text[start:spans[last - 1][1]])
        if place_id in by_name.get(shorter, ()):
            return first, last - 1
    return first, last


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


@dataclass
class Errors:
    """False positives by the gold class of their tokens, and missed gold spans, with example sentences."""

    false_positives: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    missed: Counter[str] = field(default_factory=Counter)
    examples: dict[tuple[str, str], str] = field(default_factory=dict)

    def add_false_positive(self, gold_class: str, surface: str, sentence: str) -> None:
        self.false_positives[gold_class][surface] += 1
        self.examples.setdefault((gold_class, surface), sentence)

    def add_missed(self, surface: str, sentence: str) -> None:
        self.missed[surface] += 1
        self.examples.setdefault(("missed", surface), sentence)

    def report(self, top: int) -> str:
        lines = []
        for cls, counter in sorted(self.false_positives.items(), key=lambda kv: -sum(kv[1].values())):
            lines.append(f"  false positives on gold {cls}: {sum(counter.values())}")
            for surface, n in counter.most_common(top):
                lines.append(f"    {n:4d}  {surface}  | {self.examples[(cls, surface)][:160]}")
        lines.append(f"  missed gold locations: {sum(self.missed.values())}")
        for surface, n in self.missed.most_common(top):
            lines.append(f"    {n:4d}  {surface}  | {self.examples[('missed', surface)][:160]}")
        return "\n".join(lines)


def _gold_class(tags: list[str]) -> str:
    """The entity class of a run of tags (PER/ORG/LOC/MISC... or O), the first non-O one."""
    for tag in tags:
        if tag.upper() != "O":
            return tag.split("-", 1)[-1].upper()
    return "O"


def half_of(sents: list[list[tuple[str, str]]], half: str | None) -> list[list[tuple[str, str]]]:
    """The first or second half of ``sents`` by sentence index (all of them when ``half`` is None)."""
    if half is None:
        return sents
    mid = len(sents) // 2
    return sents[:mid] if half == "first" else sents[mid:]


def _spans_of(sent: list[tuple[str, str]]) -> list[tuple[str, int, int]]:
    """The gold entity spans of a sentence as (class, first token, last token), BIO tags of any class."""
    out: list[tuple[str, int, int]] = []
    cur: list[Any] | None = None
    for i, (_, tag) in enumerate(sent):
        t = tag.upper()
        cls = t.split("-", 1)[-1] if "-" in t else None
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[0] != cls)):
            if cur is not None:
                out.append((cur[0], cur[1], i - 1))
            cur = [cls, i]
        elif not t.startswith("I-"):
            if cur is not None:
                out.append((cur[0], cur[1], i - 1))
            cur = None
    if cur is not None:
        out.append((cur[0], cur[1], len(sent) - 1))
    return out


def evaluate(sents: list[list[tuple[str, str]]], lang: str, limit: int | None = None,
             errors: Errors | None = None, designator_in_span: bool = False,
             name_only: bool = False, country_reading: str | None = None) -> dict[str, float]:
    """Scores of the geoparser's place mentions against the gold location spans of ``sents``;
    ``designator_in_span``: the corpus counts a place-type word or direction before a name as part of it;
    ``name_only``: the corpus tags the name proper only (ANERCorp, ``name_proper``);
    ``country_reading``: the geoparser's ``country_reading`` to score (its default when None).  A place
    mention with role "state" (the state acting: ``geoparse._state_readings``) is no location claim."""
    gp = default_geoparser()
    default_reading = gp.country_reading
    if country_reading is not None:
        gp.country_reading = country_reading
    try:
        return _evaluate(gp, sents, lang, limit, errors, designator_in_span, name_only)
    finally:
        gp.country_reading = default_reading


def _evaluate(gp: Any, sents: list[list[tuple[str, str]]], lang: str, limit: int | None,
              errors: Errors | None, designator_in_span: bool, name_only: bool) -> dict[str, float]:
    tp_pred = n_pred = tp_gold = n_gold = overlap_pred = 0
    for sent in sents[:limit]:
        spans: list[tuple[int, int]] = []
        pos = 0
        for tok, _ in sent:
            spans.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        text = " ".join(tok for tok, _ in sent)
        doc = Document.create(text, lang=lang)  # the langid stage sets this in the pipeline
        gold_spans = {(spans[a][0], spans[b][1]) for cls, a, b in _spans_of(sent) if cls == "LOC"}
        # token span of each mention (mentions may start after a proclitic inside the token)
        tokens: list[list[Any]] = []  # [first token, last token, country, is the country itself]
        for m in gp.mentions(doc):
            if m.kind != "place" or m.attrs.get("role") == "state":
                continue
            first = next((i for i, (s, e) in enumerate(spans) if s <= m.start < e), None)
            last = next((i for i, (s, e) in enumerate(spans) if s < m.end <= e), None)
            if first is not None and last is not None:
                if name_only:
                    first, last = name_proper(sent, first, last, text, m.start, spans, m.canonical_id,
                                              m.attrs.get("feature"), gp.gazetteer.by_name)
                if designator_in_span and first and spans[first][0] == m.start \
                        and normalize_term(sent[first - 1][0]) in DESIGNATORS:
                    first -= 1
                    # a compound direction written as two words (شمال غربی، جنوب شرق) is one designator
                    if first and normalize_term(sent[first][0]) in REFERENCE_DIRECTIONS \
                            and normalize_term(sent[first - 1][0]) in REFERENCE_DIRECTIONS:
                        first -= 1
                country = m.attrs.get("country")
                if designator_in_span and tokens and tokens[-1][1] == first - 1 and not tokens[-1][3] \
                        and m.attrs.get("feature") == "country" and tokens[-1][2] == country:
                    tokens[-1][1] = last  # "دورتموند هلند": a place and its country right after it
                    continue
                tokens.append([first, last, country, m.attrs.get("feature") == "country"])
        pred_spans = {(spans[a][0], spans[b][1]) for a, b, _, _ in tokens}
        if errors is not None:
            starts = {s: i for i, (s, _) in enumerate(spans)}
            ends = {e: i for i, (_, e) in enumerate(spans)}
            for s, e in sorted(pred_spans - gold_spans):
                tags = [tag for _, tag in sent[starts[s]:ends[e] + 1]]
                errors.add_false_positive(_gold_class(tags), text[s:e], text)
            for s, e in sorted(gold_spans - pred_spans):
                errors.add_missed(text[s:e], text)
        # boundary-tolerant: a prediction overlapping a gold span (corpora cut names differently: ANERCorp
        # tags مكة in مكة المكرمة and أفريقيا in شرق أفريقيا)
        overlap_pred += sum(1 for ps, pe in pred_spans if any(ps < ge and gs < pe for gs, ge in gold_spans))
        n_pred += len(pred_spans)
        n_gold += len(gold_spans)
        tp_pred += len(pred_spans & gold_spans)
        tp_gold += len(gold_spans & pred_spans)
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "predicted": n_pred, "gold": n_gold,
            "overlap_precision": overlap_pred / n_pred if n_pred else 0.0}


def _place_name_spans(sents: list[list[tuple[str, str]]], g: Any
                      ) -> tuple[int, Counter[str], int, list[tuple[bool, str, str]]]:
    """(gold locations, other gold entities that are exactly a place name by class, country names outside
    every entity, and (is LOC, word before, word after) of every gold entity span that is exactly a place
    name) of ``sents``; ``g``: the gazetteer."""

    def place_name(words: list[str], countries_only: bool = False) -> bool:
        ids = g.by_name.get(normalize_term(" ".join(words)), ())
        found = [g.places[i] for i in ids if i in g.places and not g.places[i].common]
        return any(p.feature == "country" for p in found) if countries_only else bool(found)

    n_gold = n_o = 0
    other: Counter[str] = Counter()
    occurrences: list[tuple[bool, str, str]] = []
    for sent in sents:
        words = [normalize_term(tok) for tok, _ in sent]
        spans = _spans_of(sent)
        inside = {i for _, a, b in spans for i in range(a, b + 1)}
        for cls, a, b in spans:
            is_loc = cls == "LOC"
            n_gold += is_loc
            if place_name(words[a:b + 1]):
                if not is_loc:
                    other[cls] += 1
                occurrences.append((is_loc, words[a - 1] if a else "^", words[b + 1] if b + 1 < len(words) else "$"))
        i = 0  # country names of up to three words outside every entity
        while i < len(sent):
            for n in (3, 2, 1):
                if i + n <= len(sent) and not inside & set(range(i, i + n)) and place_name(words[i:i + n], True):
                    n_o += 1
                    i += n - 1
                    break
            i += 1
    return n_gold, other, n_o, occurrences


#: The contexts ``ceiling`` resolves a place name by: the word before it; the words before and after it.
_CONTEXTS: tuple[tuple[str, Any], ...] = (("word before", lambda o: o[1]),
                                          ("words before and after", lambda o: (o[1], o[2])))


def ceiling(sents: list[list[tuple[str, str]]], fit: list[list[tuple[str, str]]] | None = None) -> dict[str, Any]:
    """What an ideal place-name finder without metonymy resolution scores on an ArmanPersoNER fold, and
    with an oracle resolution by context: every context read with its majority tag in ``fit`` (``sents``
    itself when None; a context ``fit`` lacks is read as a place).  See the docstring."""
    g = default_geoparser().gazetteer
    n_gold, other, n_o, occurrences = _place_name_spans(sents, g)
    fit_occurrences = occurrences if fit is None else _place_name_spans(fit, g)[3]
    n_other = sum(other.values())
    out: dict[str, Any] = {
        "gold": n_gold, "other_entities": n_other, "other_classes": dict(other.most_common()),
        "country_names_tagged_O": n_o,
        "precision_entities": n_gold / (n_gold + n_other) if n_gold + n_other else 0.0,
        "precision_with_O": n_gold / (n_gold + n_other + n_o) if n_gold + n_other + n_o else 0.0,
    }
    n_exact_loc = sum(1 for o in occurrences if o[0])
    for label, key in _CONTEXTS:
        by_context: dict[Any, Counter[bool]] = defaultdict(Counter)
        for occ in fit_occurrences:
            by_context[key(occ)][occ[0]] += 1
        mixed = sum(c[True] + c[False] for c in by_context.values() if c[True] and c[False])
        kept_loc = kept_other = 0
        for occ in occurrences:
            c = by_context.get(key(occ))
            if c is None or c[True] >= c[False]:
                kept_loc += occ[0]
                kept_other += not occ[0]
        tp = n_gold - n_exact_loc + kept_loc  # (locations that are no exact place name: found anyway)
        out[label] = {"precision": tp / (tp + kept_other) if tp + kept_other else 0.0,
                      "recall": tp / n_gold if n_gold else 0.0,
                      "mixed": mixed / len(fit_occurrences) if fit_occurrences else 0.0,
                      "contexts": len(by_context)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ner_dir", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="list false positives by gold class and missed locations, N surface forms each")
    ap.add_argument("--exact-spans", action="store_true",
                    help="score the geoparser's spans as they are, without the corpus's designator convention")
    ap.add_argument("--arman-fold", choices=("test", "train"), default="test",
                    help="the ArmanPersoNER fold to score (errors are studied on train; test is held out)")
    ap.add_argument("--half", choices=("first", "second"), default=None,
                    help="only the first or second half of each corpus's sentences (by sentence index)")
    ap.add_argument("--country-reading", choices=(*COUNTRY_READINGS, "all"), default=None,
                    help="Persian: how a country or capital name is read (the geoparser's country_reading; its "
                         "default when not given): 'current' as a place unless another role applies, 'actor' as "
                         "the state after an office or organ of one, 'bare' also where it heads its own noun phrase "
                         "outside a locative context, 'strict' as the state unless in a locative context; 'all' prints the scores of each (the precision/recall trade-off)")
    ap.add_argument("--ceiling", action="store_true",
                    help="ArmanPersoNER: what an ideal place-name finder without metonymy resolution would "
                         "score, and how consistently the corpus tags a name in the same context")
    args = ap.parse_args()
    if (args.ner_dir / "data" / "ner").is_dir():
        args.ner_dir = args.ner_dir / "data" / "ner"
    if args.ceiling:
        folds = {f: half_of(read_conll(args.ner_dir / "fa_arman" / f"{f}_fold1.txt", True), args.half)
                 for f in ("test", "train")}
        other_fold = "test" if args.arman_fold == "train" else "train"
        r = ceiling(folds[args.arman_fold])
        print(f"fa Arman {args.arman_fold} fold 1: {r['gold']} gold locations; {r['other_entities']} other "
              f"entities are exactly a place name {r['other_classes']}; {r['country_names_tagged_O']} country "
              f"names outside every entity")
        print(f"  ideal finder, no metonymy resolution: precision {r['precision_entities']:.3f} (recall 1.000); "
              f"also reading the country names tagged O: {r['precision_with_O']:.3f}")
        held = ceiling(folds[args.arman_fold], folds[other_fold])
        for label, _ in _CONTEXTS:
            c, h = r[label], held[label]
            print(f"  + resolution by the {label}: {c['mixed']:.0%} of the place-name spans stand in a "
                  f"context the corpus tags both ways ({c['contexts']} contexts); majority tag per context "
                  f"fitted on this fold: precision {c['precision']:.3f}, recall {c['recall']:.3f}; fitted on "
                  f"the {other_fold} fold: precision {h['precision']:.3f}, recall {h['recall']:.3f}")
        return
    # (label, file, blank line between sentences, language, designator words inside location spans,
    # the name proper only)
    sets = [("ar ANERCorp", args.ner_dir / "ar_anercorp" / "ANERCorp.txt", False, "ar", False, True),
            (f"fa Arman {args.arman_fold} fold 1", args.ner_dir / "fa_arman" / f"{args.arman_fold}_fold1.txt",
             True, "fa", True, False)]
    for label, path, blank, lang, designators, name_only in sets:
        if not path.exists():
            print(f"{label}: {path} missing")
            continue
        sents = half_of(read_conll(path, blank), args.half)
        readings: list[str | None] = [args.country_reading] if args.country_reading != "all" \
            else (list(COUNTRY_READINGS) if lang == "fa" else [None])
        for reading in readings:
            errors = Errors() if args.errors else None
            r = evaluate(sents, lang, args.limit, errors,
                         designator_in_span=designators and not args.exact_spans,
                         name_only=name_only and not args.exact_spans, country_reading=reading)
            shown = f"{label} [{reading}]" if args.country_reading == "all" and reading else label
            print(f"{shown:22s} precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}  "
                  f"(predicted {r['predicted']}, gold {r['gold']}); "
                  f"boundary-tolerant precision {r['overlap_precision']:.3f}")
            if errors is not None:
                print(errors.report(args.errors))


if __name__ == "__main__":
    main()
