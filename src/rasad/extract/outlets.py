"""Publishing outlets: canonical ids for outlet metadata, and the outlet of a text that has none.

A report's outlet is half of its attribution, but plain-text reports (the seeds, pasted articles) come
without metadata.  Outlets name themselves in their own copy, though: a speaker talks *to* them
("في تصريحات إلى "الوطن"", "قال ناشطون من حمص للعربية نت", "told Reuters", "به خبرگزاری فارس گفت"),
datelines carry them ("BEIRUT (Reuters) -"), and Persian agencies open their articles with
"به گزارش خبرگزاری فارس".  ``infer_outlet`` collects these self-references, weighs them, and returns
the best-supported outlet with the evidence spans (raw offsets).  Phrases that *cite* an outlet
("according to Reuters", "X به نقل از Y", "SANA reported") are not self-references.

Language data: ``lang/<lang>/outlets.yaml`` (outlet aliases per language, self-reference phrases).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from rasad.extract.speakers import PhraseTrie, Token, sentence_tokens, tokenize_cached
from rasad.lang import known_languages, languages, load_yaml
from rasad.model import Document
from rasad.text.normalize import normalize_term
from rasad.text.normalize_stage import ensure_norm

_ID_FORM = re.compile(r"^org:[a-z0-9_]+$")


@dataclass
class OutletLexicon:
    lang: str
    names: PhraseTrie  # outlet aliases -> {"outlet": id}
    before: list[tuple[list[str], int]]  # self-reference phrases (normalized words) and weights
    rules: dict[str, Any]
    home: frozenset[str]  # outlets based in this language's media landscape (home: true)


@lru_cache(maxsize=1)
def outlet_records() -> dict[str, dict[str, Any]]:
    """Every known outlet by canonical id: English name and the aliases of all languages."""
    records: dict[str, dict[str, Any]] = {}
    for lang in languages():
        data = load_yaml(lang, "outlets.yaml") or {}
        for rec in data.get("outlets") or []:
            out = records.setdefault(rec["id"], {"id": rec["id"], "aliases": [], "wire": False})
            if rec.get("name") and "name" not in out:
                out["name"] = rec["name"]
            out["wire"] = out["wire"] or bool(rec.get("wire"))
            out["aliases"].extend(str(a) for a in rec.get("aliases") or [])
            out.setdefault("domains", []).extend(str(d).lower() for d in rec.get("domains") or [])
    for rec in records.values():
        rec.setdefault("name", rec["id"].split(":", 1)[1].replace("_", " ").title())
    return records


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    """Compact normalized alias (letters and digits only) -> outlet id, for metadata strings."""
    index: dict[str, str] = {}
    for oid, rec in outlet_records().items():
        for form in [oid.split(":", 1)[1], rec["name"], *rec["aliases"]]:
            index.setdefault(_compact(form), oid)
    return index


def _compact(name: str) -> str:
    return re.sub(r"[\W_]+", "", normalize_term(name))


def canonical_outlet(name: str | None) -> str | None:
    """The canonical id of an outlet given by name or id ("Fars News Agency", "sana", "org:reuters")."""
    if not name:
        return None
    name = str(name).strip()
    if _ID_FORM.match(name):
        return name
    return _alias_index().get(_compact(name))


@lru_cache(maxsize=1)
def _domain_index() -> dict[str, str]:
    """Web domain ("alwatan.com.sa") -> outlet id."""
    return {d: oid for oid, rec in outlet_records().items() for d in rec.get("domains") or []}


def outlet_from_url(url: str | None) -> str | None:
    """The outlet whose web domain hosts ``url`` (subdomains included: www., m., ...)."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    index = _domain_index()
    parts = host.lower().split(".")
    for k in range(len(parts) - 1):
        oid = index.get(".".join(parts[k:]))
        if oid:
            return oid
    return None


def metadata_outlet(outlet: str | None, url: str | None = None) -> str | None:
    """Canonical id of an outlet given as metadata, the document's URL settling names that several
    outlets share ("alwatan": the Syrian paper, or the Saudi one at alwatan.com.sa).  The URL's outlet
    is taken when the metadata names it by one of its aliases or names no known outlet; metadata that
    names another known outlet (a wire story on a paper's site given as "Reuters") is kept."""
    by_url = outlet_from_url(url)
    if by_url is None:
        return canonical_outlet(outlet)
    if not outlet:
        return by_url
    by_name = canonical_outlet(outlet)
    if by_name is None or by_name == by_url:
        return by_url
    rec = outlet_records().get(by_url, {})
    forms = {_compact(f) for f in [by_url.split(":", 1)[1], rec.get("name", ""), *rec.get("aliases", [])]}
    return by_url if _compact(outlet) in forms else by_name


def outlet_name(outlet_id: str | None) -> str | None:
    if not outlet_id:
        return None
    rec = outlet_records().get(outlet_id)
    return rec["name"] if rec else None


def display_outlet(outlet: str | None) -> str | None:
    """What to show a reader: the outlet's name for a canonical id (``org:al_watan`` -> "Al-Watan"),
    anything else as given."""
    if outlet and _ID_FORM.match(outlet):
        return outlet_name(outlet) or outlet
    return outlet


@lru_cache(maxsize=8)
def outlet_lexicon(lang: str) -> OutletLexicon:
    data = load_yaml(lang, "outlets.yaml") or {}
    names = PhraseTrie()
    home = frozenset(str(r["id"]) for r in data.get("outlets") or [] if r.get("home"))
    for rec in data.get("outlets") or []:
        for alias in rec.get("aliases") or []:
            names.add(str(alias), "outlet", rec["id"])
    rules = dict(data.get("self_reference") or {})
    before = [(normalize_term(str(p["phrase"])).split(), int(p.get("weight", 1))) for p in rules.pop("before", []) or []]
    before.sort(key=lambda pw: -len(pw[0]))  # longest phrase first
    return OutletLexicon(lang, names, before, rules, home)


@dataclass
class OutletEvidence:
    outlet: str
    start: int  # raw offsets of the outlet's name in the text
    end: int
    cue: str  # which kind of self-reference
    weight: int

    def to_dict(self, text: str) -> dict[str, Any]:
        return {"outlet": self.outlet, "start": self.start, "end": self.end, "text": text[self.start:self.end],
                "cue": self.cue, "weight": self.weight}


def _words_before(tokens: list[Token], i: int, n: int) -> list[str]:
    return [t.text for t in tokens[max(0, i - n):i]]


def _ends_with(words: list[str], phrase: list[str]) -> bool:
    return len(words) >= len(phrase) and words[len(words) - len(phrase):] == phrase


def _proclitic(tok: Token, lex: OutletLexicon, prefix: str, article: str) -> bool:
    """The outlet's first word carries the proclitic ``prefix``, which may have swallowed the start of
    the ``article`` ("للعربية" -> ل + العربية)."""
    return tok.text not in lex.names.root and tok.text.startswith(prefix) and any(
        tok.text[k:] in lex.names.root or (article + tok.text[k:]) in lex.names.root for k in (1, 2, 3))


def _sentence_tokens(doc: Document) -> list[tuple[int, int, list[Token]]]:
    """Normalized bounds and tokens of each sentence (shared with the attribution passes), or of the
    whole text when it has no sentences yet."""
    assert doc.norm is not None
    if doc.sentences:
        return sentence_tokens(doc)
    end = len(doc.norm.text)
    return [(0, end, tokenize_cached(doc.norm.text, 0, end))]


def self_references(doc: Document) -> list[OutletEvidence]:
    """Every place where the text names its own outlet (see the module docstring)."""
    ensure_norm(doc)
    assert doc.norm is not None
    lang = doc.lang if doc.lang in known_languages() else "en"
    lex = outlet_lexicon(lang)
    reporting_verbs = _reporting_verbs(lang)
    out: list[OutletEvidence] = []
    for n_sent, (_, _, tokens) in enumerate(_sentence_tokens(doc)):
        for item in lex.names.scan(tokens, lang):
            i, length = item.start, item.end - item.start
            raw = doc.norm.to_raw(tokens[i].start, tokens[item.end - 1].end)
            found = _classify(tokens, i, length, lex, reporting_verbs, n_sent)
            if found is not None:
                out.append(OutletEvidence(str(item.tags["outlet"]), raw[0], raw[1], found[0], found[1]))
    out.extend(_datelines(doc, lex))  # only languages whose outlets.yaml sets dateline_chars have datelines
    return out


def _classify(tokens: list[Token], i: int, length: int, lex: OutletLexicon,
              reporting_verbs: PhraseTrie, n_sent: int) -> tuple[str, int] | None:
    """(cue kind, weight) when the outlet name at token ``i`` is a self-reference, else None."""
    before = _words_before(tokens, i, 6)
    for phrase, weight in lex.before:
        if _ends_with(before, phrase):
            return "told_to:" + " ".join(phrase), weight
    rules = lex.rules
    pro = rules.get("proclitic_after_verb")
    if pro:
        prefix = normalize_term(str(pro["prefix"]))
        attached = _proclitic(tokens[i], lex, prefix, normalize_term(str(pro.get("article", ""))))
        detached = bool(before) and before[-1] == prefix  # "لـ"الوطن"": the tatweel leaves ل on its own
        if attached or detached:
            stripped = [t.text for t in tokens[max(0, i - int(pro["max_distance"])):i]]
            if detached:
                # "تصريحات ل" etc. were checked above; here the preposition must follow a reporting verb
                stripped = stripped[:-1]
            if _any_phrase(stripped, reporting_verbs):
                return "told_to:" + prefix, int(pro.get("weight", 2))
    to_outlet = rules.get("to_outlet")
    if to_outlet and before and before[-1] == normalize_term(str(to_outlet["preposition"])):
        after = [t.text for t in tokens[i + length:i + length + int(to_outlet["max_distance"])]]
        verbs = [normalize_term(str(v)).split() for v in to_outlet["verbs"]]
        if any(after[k:k + len(v)] == v for v in verbs for k in range(len(after))):
            return "told_to:" + str(to_outlet["preposition"]), int(to_outlet.get("weight", 2))
    opening = rules.get("opening")
    oid = str((lex.names.match(tokens, i, lex.lang) or (0, {}))[1].get("outlet"))
    if opening and n_sent < int(opening["max_sentences"]) and (not opening.get("home_only") or oid in lex.home):
        frame = normalize_term(str(opening["frame"])).split()
        gap = int(opening["max_gap"])
        for k in range(len(frame), min(i, len(frame) + gap) + 1):
            if [t.text for t in tokens[k - len(frame):k]] == frame and k - len(frame) == 0:
                between = tokens[k:i]
                citing = frozenset(normalize_term(str(w)) for w in opening.get("not_after") or ())
                if not _any_phrase([t.text for t in between], lex.names) and _no_citing(between, citing):
                    return "opening:" + str(opening["frame"]), int(opening.get("weight", 2))
    return None


def _no_citing(tokens: list[Token], citing: frozenset[str]) -> bool:
    return not any(t.text in citing for t in tokens)


def _any_phrase(words: list[str], trie: PhraseTrie) -> bool:
    """Some phrase of ``trie`` among ``words``, a first word stripped of no more than Persian's ``first_word``
    proclitics (the conjunction: "وأكد").  Deliberately not Arabic's full list: with it "للعالم" ("to
    the world") after a reporting verb reads as the outlet Al-Alam."""
    toks = [Token(0, 0, w) for w in words]
    return any(trie.match(toks, k, "fa") for k in range(len(toks)))


@lru_cache(maxsize=8)
def _reporting_verbs(lang: str) -> PhraseTrie:
    data = load_yaml(lang, "reporting.yaml") or {}
    trie = PhraseTrie()
    for polarity in ("asserts", "denies"):
        for term in (data.get("verbs") or {}).get(polarity) or []:
            trie.add(str(term), "verb", True)
    return trie


_DATELINE = re.compile(r"\(([^()\n]{2,40})\)\s*[-\u2013\u2014]")


def _datelines(doc: Document, lex: OutletLexicon) -> list[OutletEvidence]:
    """"BEIRUT (Reuters) -": an outlet in parentheses followed by a dash, near the top of the text."""
    limit = int(lex.rules.get("dateline_chars", 0) or 0)
    if not limit:
        return []
    out = []
    for m in _DATELINE.finditer(doc.text, 0, min(len(doc.text), limit)):
        oid = canonical_outlet(m.group(1))
        if oid:
            out.append(OutletEvidence(oid, m.start(1), m.end(1), "dateline", 3))
    return out


def is_wire(outlet_id: str) -> bool:
    return bool(outlet_records().get(outlet_id, {}).get("wire"))


def infer_outlet(doc: Document) -> dict[str, Any] | None:
    """The outlet best supported by the text's self-references: ``{"id", "name", "score", "evidence"}``.

    Ties go to the outlet named first.  A news agency that a speaker talked to ("told AFP") marks the
    text as that agency's copy, which any paper may republish: such evidence alone gives
    ``{"id": None, "wire": <agency>, ...}``; only a dateline or an opening self-reference makes an agency
    the publisher.  ``None`` when the text never names its own outlet.
    """
    evidence = self_references(doc)
    if not evidence:
        return None
    publisher = [ev for ev in evidence if not (is_wire(ev.outlet) and ev.cue.startswith("told_to"))]
    if not publisher:
        wire = max(evidence, key=lambda ev: ev.weight).outlet
        return {"id": None, "name": None, "score": 0, "wire": wire,
                "evidence": [ev.to_dict(doc.text) for ev in evidence if ev.outlet == wire], "alternatives": {}}
    evidence = publisher
    scores: dict[str, int] = {}
    first: dict[str, int] = {}
    for ev in evidence:
        scores[ev.outlet] = scores.get(ev.outlet, 0) + ev.weight
        first.setdefault(ev.outlet, ev.start)
    best = max(scores, key=lambda o: (scores[o], -first[o]))
    return {"id": best, "name": outlet_name(best), "score": scores[best],
            "evidence": [ev.to_dict(doc.text) for ev in evidence if ev.outlet == best],
            "alternatives": {o: s for o, s in scores.items() if o != best}}


def resolve_document_outlet(doc: Document) -> str | None:
    """Fill ``doc.outlet`` from the text when the metadata has none; return the outlet's canonical id.

    The inference (with its evidence offsets) is kept in ``doc.meta["outlet_inferred"]``; an outlet
    given as metadata is never overridden, only mapped to its canonical id when it is a known outlet.
    """
    inferred_before = doc.meta.get("outlet_inferred")
    if doc.outlet and not (inferred_before and doc.outlet == inferred_before.get("id")):
        return metadata_outlet(doc.outlet, doc.url)
    found = infer_outlet(doc)
    if found is not None and found["id"] is None:
        doc.meta["outlet_inferred"] = found  # wire copy only: the publisher stays unknown
        if inferred_before:
            doc.outlet = None
        return None
    if found is None:
        doc.meta.pop("outlet_inferred", None)
        if inferred_before:
            doc.outlet = None
        return None
    doc.meta["outlet_inferred"] = found
    doc.outlet = found["id"]
    return str(found["id"])
