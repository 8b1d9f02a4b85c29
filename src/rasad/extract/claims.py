"""Claims: every event and every key assertion in a document, as attributed <subject, predicate, value>.

Sources of claims:

* each event -> ``event`` (value: sub-event type), ``occurred`` (polarity denies when the event is
  denied or negated), ``fatalities`` (value: ACLED count) and ``responsible`` (actor 1 of one-sided
  violence and remote violence), all with the event's attribution;
* control of places, found directly in the text with ``lang/<lang>/claims.yaml`` (captured / withdrew /
  holding / lost, negation flips the polarity): this does not depend on the events stage, so the
  disputed outcome of a battle is captured even when the event typer says "Armed clash".

Subjects are stable keys so claims from different documents and languages line up:
``place:<place id>`` when the places stage resolved the place, else ``place:name:<folded name>``
(Arabic article and Persian/Arabic letter variants folded, so "الخالدية" and "خالدیه" agree);
events use ``event:<sub-event type>@<place key>``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import attrgetter
from typing import Any

from rasad.extract.attribution import DocAttribution, attribution_for_span, cached_analysis
from rasad.extract.speakers import PhraseTrie, Token, sentence_tokens, token_texts
from rasad.lang import known_languages, languages, load_yaml, word_list
from rasad.model import Attribution, Claim, Document, Event, Quantity, Span, Speaker
from rasad.text.normalize import normalize_term
from rasad.text.normalize_stage import ensure_norm

_ONE_SIDED = {"Violence against civilians", "Explosions/Remote violence"}


@dataclass
class ClaimLexicon:
    lang: str
    control: PhraseTrie
    negation: frozenset[str]
    place_nouns: frozenset[str]
    place_skip: frozenset[str]
    sides: PhraseTrie
    place_skip_of: frozenset[str] = frozenset()  # place_skip and place_name_links ("the town *of* Nawa")
    purpose_before: frozenset[str] = frozenset()  # goals/attempts/conditions before a control phrase
    purpose_word_proclitics: tuple[str, ...] = ()  # attached to a purpose word ("وبهدف")
    purpose_proclitics: tuple[str, ...] = ()  # attached to the control word itself ("لاستعادة")
    demonstratives: frozenset[str] = frozenset()  # "this" district: a place named before
    not_place_names: frozenset[str] = frozenset()  # function words after a place noun, never its name
    place_pronouns: frozenset[str] = frozenset()  # right after the phrase: "انسحبت منه"
    place_back_references: frozenset[str] = frozenset()  # pronouns/adverbs for the place in the clause


CLAIMS_FILE = "claims.yaml"


@lru_cache(maxsize=8)
def claim_lexicon(lang: str) -> ClaimLexicon:
    data = load_yaml(lang, "claims.yaml") or {}
    control = PhraseTrie()
    for ent in data.get("control") or []:
        control.add(str(ent["term"]), "control", {"outcome": ent["outcome"], "not_holder": bool(ent.get("not_holder"))})
    sides = PhraseTrie()
    for side, words in (data.get("sides") or {}).items():
        for w in words:
            sides.add(str(w), "side", side)
    place_skip = frozenset(normalize_term(str(w)) for w in data.get("place_skip") or [])
    demonstratives = frozenset(word_list(lang, CLAIMS_FILE, "demonstratives"))
    return ClaimLexicon(
        lang=lang,
        control=control,
        negation=frozenset(normalize_term(str(w)) for w in data.get("negation") or []),
        place_nouns=frozenset(normalize_term(str(w)) for w in data.get("place_nouns") or []),
        place_skip=place_skip,
        sides=sides,
        place_skip_of=place_skip | frozenset(word_list(lang, CLAIMS_FILE, "place_name_links")),
        purpose_before=frozenset(word_list(lang, CLAIMS_FILE, "purpose_before")),
        purpose_word_proclitics=word_list(lang, CLAIMS_FILE, "purpose_word_proclitics"),
        purpose_proclitics=word_list(lang, CLAIMS_FILE, "purpose_proclitics"),
        demonstratives=demonstratives,
        # a demonstrative is not a name either ("حي هذا" never names a place)
        not_place_names=frozenset(word_list(lang, CLAIMS_FILE, "not_place_names")) | demonstratives,
        place_pronouns=frozenset(word_list(lang, CLAIMS_FILE, "place_pronouns")),
        place_back_references=frozenset(word_list(lang, CLAIMS_FILE, "place_back_references")),
    )


#: Keys every shipped language spells out in claims.yaml (an empty list where the language has none).
REQUIRED_KEYS = ("control", "negation", "place_nouns", "place_skip", "purpose_before", "purpose_word_proclitics",
                 "purpose_proclitics", "demonstratives", "not_place_names", "place_pronouns",
                 "place_back_references", "article_prefixes", "place_name_links")


@lru_cache(maxsize=1)
def _article_prefixes() -> tuple[str, ...]:
    """Every language's ``article_prefixes``, longest first: a place key must not depend on the language
    the place was named in, so "الخالدية" in a Persian sentence folds like it does in an Arabic one."""
    seen: dict[str, None] = {}
    for lang in languages():
        seen.update(dict.fromkeys(word_list(lang, CLAIMS_FILE, "article_prefixes")))
    return tuple(sorted(seen, key=len, reverse=True))


@lru_cache(maxsize=65536)
def fold_place_name(name: str) -> str:
    """A cross-language key for a place name: normalized, Arabic article and proclitics removed.
    Cached: ``_pseudo_places`` folds every word of a document that names a place noun."""
    words = normalize_term(name).split()
    out = []
    prefixes = _article_prefixes()
    for w in words:
        for p in prefixes:
            if w.startswith(p) and len(w) - len(p) >= 3:
                w = w[len(p):]
                break
        out.append(w)
    return " ".join(out)


def place_key_of_event(ev: Event) -> str:
    if ev.location is None:
        return "unknown"
    if ev.location.place_id:
        return str(ev.location.place_id)
    return "name:" + fold_place_name(ev.location.text or ev.location.name)


_START = attrgetter("start")


def _claim(doc: Document, n: int, subject: str, predicate: str, value: Any, attr: Attribution, polarity: str,
           evidence: Span | None, sentence: Span | None, event_id: str | None, lang: str,
           attrs: dict[str, Any] | None = None) -> Claim:
    return Claim(id=f"{doc.id}:c{n}", doc_id=doc.id, subject=subject, predicate=predicate, value=value,
                 polarity=polarity, speaker=attr.speaker, outlet=attr.outlet or doc.outlet, reporting_verb=attr.reporting_verb,
                 evidence=evidence, sentence=sentence, event_id=event_id, lang=lang, attrs=dict(attrs or {}))


def event_claims(doc: Document, start_n: int = 0) -> list[Claim]:
    """Claims for the events of ``doc`` (uses ``event.attribution``; the outlet's own when missing)."""
    from rasad.extract.attribution import own_attribution

    own: Attribution | None = None  # the outlet's own voice, worked out only for an event without attribution
    out: list[Claim] = []
    n = start_n
    for ev in doc.events:
        attr = ev.attribution
        if attr is None:
            attr = own = own_attribution(doc) if own is None else own
        denied = ev.polarity in ("denied", "negated")
        pol = "denies" if denied else "asserts"
        place = place_key_of_event(ev)
        subject = f"event:{ev.sub_event_type}@{place}"
        common = {"event_polarity": ev.polarity, "chain": [c.to_dict() for c in attr.chain]}
        for predicate, value in (("event", ev.sub_event_type), ("occurred", True)):
            out.append(_claim(doc, n, subject, predicate, value, attr, pol, ev.trigger, ev.sentence, ev.id,
                              ev.lang, common))
            n += 1
        if ev.fatalities is not None and ev.fatalities.acled is not None:
            fspan = (doc.span(ev.fatalities.start, ev.fatalities.end)
                     if ev.fatalities.start is not None and ev.fatalities.end is not None else ev.trigger)
            out.append(_claim(doc, n, subject, "fatalities", ev.fatalities.acled, attr, pol, fspan, ev.sentence,
                              ev.id, ev.lang, {**common, "low": ev.fatalities.low, "best": ev.fatalities.best,
                                               "high": ev.fatalities.high}))
            n += 1
        if ev.event_type in _ONE_SIDED and ev.actor1 is not None and ev.actor1.canonical_id:
            aspan = (doc.span(ev.actor1.start, ev.actor1.end)
                     if ev.actor1.start is not None and ev.actor1.end is not None else ev.trigger)
            out.append(_claim(doc, n, subject, "responsible", ev.actor1.canonical_id, attr, pol, aspan,
                              ev.sentence, ev.id, ev.lang, {**common, "words": ev.actor1.text}))
            n += 1
        if ev.outcome and ev.location is not None:
            out.append(_claim(doc, n, f"place:{place}", "control", ev.outcome, attr, pol, ev.trigger, ev.sentence,
                              ev.id, ev.lang, {**common, "source": "event",
                                               "actor": ev.actor1.canonical_id if ev.actor1 else None}))
            n += 1
    return out


def control_claims(doc: Document, analysis: DocAttribution, start_n: int = 0) -> list[Claim]:
    """Control assertions found in the text: <place> control <captured|withdrew|holding|lost>."""
    ensure_norm(doc)
    assert doc.norm is not None
    out: list[Claim] = []
    n = start_n
    last_place: tuple[str, str] | None = None  # (key, words) of the last place a control claim was about
    # place and actor mentions, gathered at the first control phrase: most documents have none
    places: list[Any] = []
    actors: list[Any] = []
    gathered = False
    known = known_languages()
    for sent, (_, _, tokens) in zip(doc.sentences, sentence_tokens(doc), strict=True):
        lang = sent.lang if sent.lang in known else doc.lang
        lex = claim_lexicon(lang)
        for item in lex.control.scan(tokens, lang):
            i, j = item.start, item.end
            info = item.tags["control"]
            t0, t1 = doc.norm.to_raw(tokens[i].start, tokens[j - 1].end)
            if _purpose(tokens, i, lex):
                continue  # "لاستعادة السيطرة", "to retake": a goal, not a claim about who holds the place
            if not gathered:
                # both kinds in one pass over the mentions (``_pseudo_places`` reads the places too); sorted
                # by start, so a sentence's are one bisected slice (``_place_near``, ``_holder``)
                real: list[Any] = []
                actors = []
                for m in doc.mentions:
                    if m.kind == "place":
                        real.append(m)
                    elif m.kind == "actor":
                        actors.append(m)
                places = sorted(real + _pseudo_places(doc, real), key=_START)
                actors.sort(key=_START)
                gathered = True
            negated = any(tokens[k].text in lex.negation for k in range(max(0, i - 2), i))
            refers_back = last_place is not None and (
                any(t.text in lex.place_pronouns for t in tokens[i:j + 2])
                or any(tokens[k].text in lex.demonstratives and tokens[k + 1].text in lex.place_nouns
                       for k in range(j, min(len(tokens) - 1, j + 6))))
            place = last_place if refers_back else _place_near(places, tokens, j, lex, t0, t1,
                                                               sent.start, sent.end)
            if place is None and last_place is not None and _refers_back(tokens, i, j, lex):
                place = last_place
            if place is None:
                continue
            last_place = place
            region = analysis.at(tokens[i].start)
            attr = region.attribution if region else analysis.own
            denial = region is not None and region.polarity == "denies"
            polarity = "denies" if (negated != denial) else "asserts"
            holder_side, holder_actor = _holder(actors, tokens, i, j, lex, t0, sent.start, sent.end, lang,
                                                possessor_after=info["outcome"] == "holding")
            value = info["outcome"]
            attrs: dict[str, Any] = {"source": "text", "place_words": place[1], "actor": holder_actor,
                                     "side": holder_side, "chain": [c.to_dict() for c in attr.chain]}
            if info["not_holder"]:
                # "outside the control of X": the place is held by X's opponent
                attrs["not_held_by"] = holder_actor or holder_side
                attrs["side"] = _opponent(holder_side)
                attrs["actor"] = None
            out.append(_claim(doc, n, f"place:{place[0]}", "control", value, attr, polarity, doc.span(t0, t1),
                              doc.span(sent.start, sent.end), _event_at(doc, t0, sent.start, sent.end), lang, attrs))
            n += 1
    return out


def _purpose(tokens: list[Token], i: int, lex: ClaimLexicon) -> bool:
    """A goal, attempt or condition, not a claim about who holds the place: a purpose proclitic on the
    control word ("لاستعادة") or a purpose word up to four words before it ("بهدف", "برای", "trying")."""
    word = tokens[i].text
    root = lex.control.root
    if any(word.startswith(p) and word[len(p):] in root for p in lex.purpose_proclitics):
        return True
    purpose = lex.purpose_before
    return any(tokens[k].text in purpose or any(tokens[k].text.startswith(p) and tokens[k].text[len(p):] in purpose
                                                for p in lex.purpose_word_proclitics)
               for k in range(max(0, i - 4), i))


@dataclass
class _PseudoPlace:
    start: int
    end: int
    text: str
    canonical_id: str | None = None


def _pseudo_places(doc: Document, place_mentions: list[Any]) -> list[Any]:
    """Place names found by place nouns ("حي الخالدية", "کوی خالدیه", "the town of Nawa"), and every
    later bare occurrence of those names -- for documents the places stage has not resolved (those not
    overlapping one of ``place_mentions``, the document's place mentions)."""
    assert doc.norm is not None
    names: dict[str, str] = {}
    all_tokens: list[list[Token]] = []
    known = known_languages()
    for sent, (_, _, tokens) in zip(doc.sentences, sentence_tokens(doc), strict=True):
        lang = sent.lang if sent.lang in known else doc.lang
        lex = claim_lexicon(lang)
        all_tokens.append(tokens)
        place_nouns = lex.place_nouns
        skip = lex.place_skip_of
        for k in compress(range(len(tokens)), map(place_nouns.__contains__, token_texts(tokens))):
            if k > 0 and tokens[k - 1].text in lex.demonstratives:
                continue
            q = k + 1
            while q < len(tokens) and tokens[q].text in skip:
                q += 1
            if q < len(tokens) and not tokens[q].text.isdigit() and tokens[q].text not in lex.not_place_names \
                    and tokens[q].text not in place_nouns:
                names.setdefault(fold_place_name(tokens[q].text), tokens[q].text)
    if not names:
        return []  # no place noun names a place: nothing to look for in the rest of the text
    out: list[Any] = []
    wanted = {key for key in names if len(key) >= 3}
    # a word folds to a wanted name only if it ends with it (folding a word of normalized text only
    # strips an article/proclitic in front): the few words that do are folded, one C-level test each
    endings = tuple(wanted)
    for tokens in all_tokens:
        for k in compress(range(len(tokens)), map(str.endswith, token_texts(tokens), repeat(endings))):
            if fold_place_name(tokens[k].text) in wanted:
                r0, r1 = doc.norm.to_raw(tokens[k].start, tokens[k].end)
                out.append(_PseudoPlace(r0, r1, doc.text[r0:r1]))
    # a pseudo-place overlapping a real place mention is dropped: the real ones by start, with the furthest
    # end reached so far, so each test is one bisection instead of a walk over every place mention
    real = sorted((m.start, m.end) for m in place_mentions)
    starts = [start for start, _ in real]
    reach = list(accumulate((end for _, end in real), max))
    kept = []
    for p in out:
        k = bisect_left(starts, p.end)  # the mentions starting before the pseudo-place ends
        if k == 0 or reach[k - 1] <= p.start:
            kept.append(p)
    return kept


def _opponent(side: str | None) -> str | None:
    return {"government": "opposition", "opposition": "government"}.get(side or "")


def _refers_back(tokens: list[Token], i: int, j: int, lex: ClaimLexicon) -> bool:
    """The clause names its place with a demonstrative or pronoun ("این کوی", "منه", "the district")."""
    window = tokens[max(0, i - 6): min(len(tokens), j + 6)]
    return any(t.text in lex.place_nouns or t.text in lex.demonstratives for t in window) or any(
        t.text in lex.place_back_references for t in tokens[j:j + 2])


def _place_near(places: list[Any], tokens: list[Token], j: int, lex: ClaimLexicon,
                t0: int, t1: int, s0: int, s1: int) -> tuple[str, str] | None:
    """The place a control phrase is about: the nearest place mention after it in the clause (object),
    else before it; without place mentions, a place noun followed by a name ("حي الخالدية")."""
    # (``places`` are sorted by start: the sentence's are one slice)
    in_sent = [p for p in places[bisect_left(places, s0, key=_START):bisect_left(places, s1, key=_START)]
               if getattr(p, "attrs", {}).get("feature") != "country"]
    after = [p for p in in_sent if p.start >= t1 and p.start - t1 < 60]
    before = [p for p in in_sent if p.end <= t0 and t0 - p.end < 120]
    if any(t.text in lex.demonstratives for t in tokens[j:j + 3]):
        after = []  # "سیطره ... بر این کوی": the place was named before
    cand = after[0] if after else (before[-1] if before else None)
    if cand is not None:
        key = cand.canonical_id or "name:" + fold_place_name(cand.text)
        return str(key), cand.text
    return None


def _holder(actors: list[Any], tokens: list[Token], i: int, j: int, lex: ClaimLexicon,
            t0: int, s0: int, s1: int, lang: str, possessor_after: bool = False) -> tuple[str | None, str | None]:
    """Side and actor id the control phrase is about: nearest actor mention before it (the subject),
    else after it ("تحت سيطرة قوات النظام"); without actor mentions, side words from claims.yaml."""
    in_sent = actors[bisect_left(actors, s0, key=_START):bisect_left(actors, s1, key=_START)]  # (sorted by start)
    before = [a for a in in_sent if a.end <= t0]
    after = [a for a in in_sent if a.start >= t0]
    cand = before[-1] if before and t0 - before[-1].end < 120 else (after[0] if after else None)
    if possessor_after and after and after[0].start - t0 < 60:
        cand = after[0]  # "تحت سيطرة المعارضة": the holder follows the phrase
    if cand is not None:
        return cand.attrs.get("side"), cand.canonical_id
    best: tuple[int, str] | None = None
    for k in range(len(tokens)):
        m = lex.sides.match(tokens, k, lang)
        if m:
            dist = (i - k) if k < i else (k - j + 1) * 2  # prefer the subject before the verb
            if possessor_after:
                dist = (k - j + 1) if k >= j else (i - k) * 2
            if best is None or dist < best[0]:
                best = (dist, m[1]["side"])
    return (best[1], None) if best else (None, None)


def _event_at(doc: Document, t0: int, s0: int, s1: int) -> str | None:
    """The event of the same sentence whose trigger is nearest the control phrase."""
    cands = [ev for ev in doc.events if s0 <= ev.trigger.start < s1]
    if not cands:
        return None
    return min(cands, key=lambda ev: abs(ev.trigger.start - t0)).id


def telling_toll_claims(doc: Document, analysis: DocAttribution, start_n: int = 0) -> list[Claim]:
    """A ``fatalities`` claim for each death toll of an event's other tellings (``event.attrs["other_tolls"]``:
    "SOHR said 12 were killed ... SANA put the toll at 9") that a named source other than the event's own
    gives, attributed to it, so that one event shows what each source claims."""
    out: list[Claim] = []
    n = start_n
    for ev in doc.events:
        tolls = ev.attrs.get("other_tolls") or []
        if not tolls:
            continue
        place = place_key_of_event(ev)
        pol = "denies" if ev.polarity in ("denied", "negated") else "asserts"
        own = _speaker_key(ev.attribution.speaker) if ev.attribution is not None else None
        said: set[tuple[tuple[str, str], int]] = set()  # (speaker, count) claimed already
        for t in tolls:
            q = Quantity.from_dict(t)
            sent = doc.sentence_at(q.start) if q.start is not None else None
            if q.acled is None or q.start is None or q.vague or _running_total(doc, q.start, sent):
                # "dozens", "a number of": no reading of a toll a source could be held to
                continue
            region = attribution_for_span(doc, analysis, q.start)
            attr = region.attribution if region is not None else analysis.own
            key = _speaker_key(attr.speaker)
            if attr.speaker.kind not in _NAMED_SOURCES or key == own or (key, q.acled) in said:
                # the outlet's own voice or an unnamed source: a count folded in with the telling is as often a
                # total over the war or the month, or another happening's, as a second reading of this one;
                # the same speaker's second count is its own correction or a part
                continue
            said.add((key, q.acled))
            out.append(_claim(doc, n, f"event:{ev.sub_event_type}@{place}", "fatalities", q.acled, attr, pol,
                              doc.span(q.start, q.end if q.end is not None else q.start),
                              doc.span(sent.start, sent.end) if sent is not None else ev.sentence, ev.id, ev.lang,
                              {"event_polarity": ev.polarity, "chain": [c.to_dict() for c in attr.chain],
                               "low": q.low, "best": q.best, "high": q.high, "telling": True}))
            n += 1
    return out


@lru_cache(maxsize=8)
def _running_total_cues(lang: str) -> tuple[str, ...]:
    """``numbers.yaml`` ``running_total_cues`` of ``lang``, each padded with spaces for a phrase test."""
    return tuple(f" {w} " for w in word_list(lang, "numbers.yaml", "running_total_cues"))


def _running_total(doc: Document, start: int, sent: Any) -> bool:
    """Whether the count at raw offset ``start`` is told after "since ..." in its sentence ("ومنذ تولي بخاري
    الحكم في 29 مايو، قتل أكثر من 800 شخص"): a running total over a period, never a reading of the toll of
    the one happening its sentence was folded into."""
    if sent is None:
        return False
    # the sentence's own language: a mixed document's English paragraph says "since" in English
    cues = _running_total_cues(sent.lang if sent.lang in known_languages() else doc.lang)
    if not cues:
        return False
    norm = doc.norm
    before = " " + " ".join(norm.text[norm.from_raw(sent.start):norm.from_raw(start)].split()) + " "
    return any(c in before for c in cues)


#: Speakers whose toll of a folded telling is a claim of its own: a named person or organisation.
_NAMED_SOURCES = frozenset({"person", "organisation"})


def _speaker_key(s: Speaker) -> tuple[str, str]:
    """Who a speaker is, whatever words name it ("the Syrian Observatory for Human Rights", "the Observatory")."""
    return (s.kind, s.canonical_id or " ".join((s.name or s.role or "").lower().split()))


def claims_stage(doc: Document) -> None:
    """Write ``doc.claims``: event claims plus control claims found in the text (deduplicated)."""
    ensure_norm(doc)
    if not doc.sentences:
        from rasad.text.sentences import sentences_stage

        sentences_stage(doc)
    analysis = cached_analysis(doc)
    claims = event_claims(doc)
    claims.extend(telling_toll_claims(doc, analysis, start_n=len(claims)))
    text_control = control_claims(doc, analysis, start_n=len(claims))
    # an event's outcome claim and a text control claim on the same trigger say the same thing
    seen = {(c.subject, c.value, c.polarity, c.evidence.start if c.evidence else None) for c in text_control}
    claims = [c for c in claims if not (c.predicate == "control" and
                                        (c.subject, c.value, c.polarity, c.evidence.start if c.evidence else None) in seen)]
    claims.extend(text_control)
    for k, c in enumerate(claims):
        c.id = f"{doc.id}:c{k}"
    doc.claims = claims


def claims_for_event(doc_or_store: Any, event_id: str) -> list[dict[str, Any]]:
    """Claims about one event as JSON-able dicts, from a Document or a Store (for the event JSON)."""
    if isinstance(doc_or_store, Document):
        return [c.to_dict() for c in doc_or_store.claims if c.event_id == event_id]
    return [c.to_dict() for c in doc_or_store.iter_claims(event_id=event_id)]
