"""Attribution: who says so.  Finds reported speech in each sentence (reporting verbs, frames such as
"بحسب"/"به گفته"/"according to", direct quotes, chains "X citing Y"), resolves each source to a
``Speaker`` and gives every stretch of text an ``Attribution``; then attaches one to each event.

How a sentence is divided between sources:

* every cue gets a source span -- after the verb (Arabic VSO "قال المرصد", English inverted
  '"...", said the official'), before it (Persian SOV "یک مقام نظامی سوریه اعلام کرد", English
  "the Observatory said", Arabic "كان المرصد قد أكد"), or after a frame ("بحسب المرصد");
* a cue whose source is missing ("وأضاف أن", "he added", "مشيرا إلى") takes the previous speaker;
* a cue claims the content after it when there is any, otherwise the content before it
  ("..., according to activists");
* a sentence without a cue is the outlet's own, unless it opens with a continuation cue
  ("وتابع", "همچنین", "he added") or continues an open quotation: then it keeps the previous source.

Citing frames ("نقلا عن", "به نقل از", "citing") next to another cue become links of that cue's
``Attribution.chain`` instead of sources of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any, cast, overload

from rasad.extract.names import NameMemory, document_openers, find_person_names
from rasad.extract.outlets import canonical_outlet, metadata_outlet, outlet_name, resolve_document_outlet
from rasad.extract.speakers import (
    PhraseTrie,
    Token,
    canonical_entities,
    descriptor_entities,
    forget_sentence_tokens,
    resolve_speaker,
    scan_cached,
    sentence_tokens,
    speaker_lexicon,
    token_texts,
    tokenize,
)
from rasad.lang import LanguageDataError, data_path, known_languages, load_yaml, word_list
from rasad.model import Attribution, Document, Mention, Speaker
from rasad.text.normalize import normalize_term
from rasad.text.normalize_stage import ensure_norm

_BOUNDARY_PUNCT = ",،;؛:.!?؟\"()[]"
_BOUNDARY_RE = re.compile("[" + re.escape(_BOUNDARY_PUNCT) + "]")
_MAX_SOURCE_TOKENS = 12
_TEXT_OF = itemgetter(2)  # Token.text
_TOKEN_START = itemgetter(0)  # Token.start
_MATCH_START = re.Match.start


@dataclass
class ReportingLexicon:
    lang: str
    cues: PhraseTrie
    complementizers: frozenset[str]
    told_to: PhraseTrie
    continuation: PhraseTrie
    anaphora: PhraseTrie
    weak: frozenset[str]
    clause_openers: frozenset[str]
    to_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    not_cues: frozenset[str]
    subject_stops: frozenset[str]
    object_markers: frozenset[str]
    content_breaks: PhraseTrie
    articles: frozenset[str]
    not_speech_objects: PhraseTrie
    #: the body an anonymous source belongs to: connectors after the source, body nouns (tag "body": side)
    body_connectors: PhraseTrie = field(default_factory=PhraseTrie)
    bodies: PhraseTrie = field(default_factory=PhraseTrie)
    ezafe_bodies: bool = False  # (Persian) a body noun may follow the source with nothing written between
    #: (Persian) "به" + a known source right before the verb: whom the speaker spoke to
    addressee_prepositions: frozenset[str] = frozenset()
    #: a statement noun and the words naming its issuer ("بيان صادر عن"): the issuer after them speaks
    statement_of: PhraseTrie = field(default_factory=PhraseTrie)
    #: words joining two sources named together ("سایتهای لبنانی و مخالفان دولت سوریه", "X and Y")
    coordinators: frozenset[str] = frozenset()
    #: how the language places a source around its verb and where a clause ends (``syntax`` in reporting.yaml)
    syntax: SourceSyntax = field(default_factory=lambda: SourceSyntax())


@dataclass(frozen=True)
class SourceSyntax:
    """Word order and shape rules of a language's reported speech, read from ``reporting.yaml`` ``syntax``
    (docs/language-data.md).  Every rule is off in a language that does not spell it out."""

    #: where the source of a verb is looked for first: "after" (VSO: "قال المرصد") or "before" (SOV, SVO)
    subject_first: str = "before"
    #: a verb after a quotation mark or comma has its source after it ('"...," said the official')
    inverted_after_quote: bool = False
    #: a source after the verb only when inverted or a short phrase closing the sentence
    after_subject_only_inverted: bool = False
    #: the source before a verb is the phrase nearest the verb ("..., the Observatory said")
    nearest_subject: bool = False
    #: an unknown organisation before the verb is its subject only right next to it
    unknown_organisation_adjacent: bool = False
    #: a subject opening with a role noun before a known organisation is a person holding that role
    role_before_organisation: bool = False
    #: a subject pronoun opening the sentence is the subject of its first verb
    opening_pronoun_subject: bool = False
    #: a subject no lexicon knows, taken as written: "after_verb", "clause_start", "article_phrase" or ""
    subject_as_written: str = ""
    #: a verb cue without any source is kept only when a complementizer follows it ("he added that")
    speakerless_needs_complementizer: bool = False
    #: a verb cue inside a complementizer clause of an earlier cue is relayed by its speaker
    nested_speech: bool = False
    #: proclitics that open a new clause (a cue after one is not nested: "وقال")
    clause_proclitics: tuple[str, ...] = ()
    #: a subject that does not open its clause closes the content before it ("..., state TV reported")
    subject_closes_content: bool = False
    #: how many words before a verb its subject may reach, and whether it reaches over commas
    subject_reach: int = _MAX_SOURCE_TOKENS
    subject_crosses_commas: bool = False
    #: a complementizer before the verb opens a relative clause inside the subject, not the content
    complementizer_inside_subject: bool = False
    #: a verb cue written with the article in front is a noun or participle, not the verb
    verb_article_prefixes: tuple[str, ...] = ()
    verb_article: str = ""
    #: a body's name after its noun runs over words with these prefixes (definite adjectives, genitives)
    body_definite_prefixes: tuple[str, ...] = ()
    #: a word with one of these proclitics ends a body's name ("لوكالة": spoke to)
    body_recipient_proclitics: tuple[str, ...] = ()
    #: a one-word definite subject stands for the longer name the text gave before ("وقالت الوحدات")
    short_name_article: str = ""
    short_name_proclitics: tuple[str, ...] = ()
    short_name_min_length: int = 0
    #: a preposition right after the verb with a name in quotation marks after it ("قال لـ«الشرق الأوسط»
    #: مصدر"): whom the speaker spoke to; the subject is looked for after it
    quoted_addressee: tuple[str, ...] = ()
    #: a word right before the verb that joins it to an earlier verb of the same subject ("The Observatory
    #: relies on sources inside Syria and says ..."): the subject is the clause's first source, not the nearest
    predicate_coordinators: tuple[str, ...] = ()
    #: "state TV quoted a military source as saying ...": after one of these verbs, the source between it
    #: and the ``quoting_complement`` words is the speaker; the verb's subject relays it (a chain link)
    quoting_verbs: tuple[str, ...] = ()
    quoting_complement: tuple[str, ...] = ()


def _words(value: Any, lang: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LanguageDataError(f"{data_path(lang, 'reporting.yaml')}: syntax.{key}: expected a list of words, "
                                f"got {value!r}")
    return tuple(value)


def source_syntax(lang: str, data: dict[str, Any]) -> SourceSyntax:
    """``syntax`` of ``lang``'s reporting.yaml (``data``), checked: a wrong shape names the file and key."""
    raw = data.get("syntax") or {}
    if not isinstance(raw, dict):
        raise LanguageDataError(f"{data_path(lang, 'reporting.yaml')}: syntax: expected a mapping")
    known = set(SourceSyntax.__dataclass_fields__)
    unknown = sorted(set(raw) - known)
    if unknown:
        raise LanguageDataError(f"{data_path(lang, 'reporting.yaml')}: syntax: unknown keys {unknown}")
    values: dict[str, Any] = {}
    for name, spec in SourceSyntax.__dataclass_fields__.items():
        if name not in raw:
            continue
        value, default = raw[name], spec.default
        if isinstance(default, tuple):
            values[name] = _words(value, lang, name)
        elif isinstance(default, bool) or isinstance(default, int) or isinstance(default, str):
            if type(value) is not type(default):
                raise LanguageDataError(f"{data_path(lang, 'reporting.yaml')}: syntax.{name}: expected "
                                        f"{type(default).__name__}, got {value!r}")
            values[name] = value
    syntax = SourceSyntax(**values)
    if syntax.subject_first not in ("before", "after"):
        raise LanguageDataError(f"{data_path(lang, 'reporting.yaml')}: syntax.subject_first: before or after, "
                                f"got {syntax.subject_first!r}")
    if syntax.subject_as_written not in ("", "after_verb", "clause_start", "article_phrase"):
        raise LanguageDataError(f"{data_path(lang, 'reporting.yaml')}: syntax.subject_as_written: "
                                f"{syntax.subject_as_written!r} is none of after_verb, clause_start, article_phrase")
    return syntax


def _phrases(lang: str, key: str, tag: str) -> PhraseTrie:
    """A trie of the phrases listed under ``key`` of ``lang``'s reporting.yaml, each tagged ``tag``."""
    trie = PhraseTrie()
    for term in word_list(lang, "reporting.yaml", key, normalize=False):
        trie.add(term, tag, True)
    return trie


def _word_set(lang: str, key: str) -> frozenset[str]:
    """The words listed under ``key`` of ``lang``'s reporting.yaml, normalized."""
    return frozenset(word_list(lang, "reporting.yaml", key))


@lru_cache(maxsize=8)
def reporting_lexicon(lang: str) -> ReportingLexicon:
    data = load_yaml(lang, "reporting.yaml") or {}
    cues = PhraseTrie()
    for polarity in ("asserts", "denies"):
        for term in word_list(lang, "reporting.yaml", f"verbs.{polarity}", normalize=False):
            cues.add(term, "verb", {"polarity": polarity, "term": term})
    for fr in data.get("frames") or []:
        cues.add(str(fr["term"]), "frame", {"polarity": "asserts", "term": str(fr["term"]),
                                            "cites": bool(fr.get("cites"))})
    ana = PhraseTrie()
    for t, kind in (data.get("anaphora") or {}).items():
        ana.add(str(t), "ana", kind)
    body_data = data.get("source_bodies") or {}
    bodies = PhraseTrie()
    for side, nouns in (body_data.get("nouns") or {}).items():
        for t in nouns or []:
            bodies.add(str(t), "body", None if side == "none" else str(side))
    return ReportingLexicon(
        lang=lang,
        cues=cues,
        complementizers=_word_set(lang, "complementizers"),
        told_to=_phrases(lang, "told_to", "told"),
        continuation=_phrases(lang, "continuation", "cont"),
        anaphora=ana,
        weak=_word_set(lang, "weak"),
        clause_openers=_word_set(lang, "clause_openers"),
        to_prepositions=_word_set(lang, "to_prepositions"),
        place_prepositions=_word_set(lang, "place_prepositions"),
        not_cues=_word_set(lang, "not_cues"),
        subject_stops=_word_set(lang, "subject_stops"),
        object_markers=_word_set(lang, "object_markers"),
        content_breaks=_phrases(lang, "content_breaks", "break"),
        articles=_word_set(lang, "articles"),
        not_speech_objects=_phrases(lang, "not_speech_objects", "object"),
        body_connectors=_phrases(lang, "source_bodies.connectors", "connector"),
        statement_of=_phrases(lang, "statement_of", "statement"),
        bodies=bodies,
        ezafe_bodies=bool(body_data.get("ezafe")),
        addressee_prepositions=_word_set(lang, "addressee_prepositions"),
        coordinators=_word_set(lang, "source_coordinators"),
        syntax=source_syntax(lang, data),
    )


@dataclass
class Cue:
    start: int  # token indexes in the sentence
    end: int
    kind: str  # verb / frame
    polarity: str
    term: str
    cites: bool = False
    source: tuple[int, int] | None = None  # token range of the source phrase
    speaker: Speaker | None = None
    chain: list[Speaker] = field(default_factory=list)
    side: str = "after"  # which side of the cue holds the content
    inherited: bool = False
    absorbed: bool = False  # a citing frame folded into another cue's chain
    frame_led: bool = False  # "بحسب ما قال": a verb introduced by a frame

    @property
    def seg_start(self) -> int:
        return min(self.start, self.source[0]) if self.source else self.start

    @property
    def seg_end(self) -> int:
        return max(self.end, self.source[1]) if self.source else self.end


@dataclass
class Region:
    """Normalized-text range ``[start, end)`` of a document and who it is attributed to."""

    start: int
    end: int
    attribution: Attribution
    polarity: str = "asserts"
    sentence: int = 0


@dataclass
class DocAttribution:
    """Who says what in a document: regions in text order."""

    doc_id: str
    regions: list[Region]
    own: Attribution

    def at(self, norm_offset: int) -> Region | None:
        for r in self.regions:
            if r.start <= norm_offset < r.end:
                return r
        return None


def own_attribution(doc: Document) -> Attribution:
    """The outlet's own voice: text attributed to no one else."""
    outlet = document_outlet(doc)
    name = outlet_name(outlet) if outlet and outlet != doc.outlet else doc.outlet
    return Attribution(speaker=Speaker(kind="outlet", name=name, canonical_id=_outlet_id(outlet)), outlet=outlet)


def document_outlet(doc: Document) -> str | None:
    """The outlet to record in attributions: its canonical id when it is a known outlet, else as given."""
    return metadata_outlet(doc.outlet, doc.url) or doc.outlet


def _outlet_id(outlet: str | None) -> str | None:
    if not outlet:
        return None
    known = canonical_outlet(outlet)
    if known:
        return known
    toks = tokenize(normalize_term(outlet))
    if not toks:
        return None
    for lang in _outlet_name_languages():
        m = speaker_lexicon(lang).trie.match(toks, 0, lang)
        if m and "entity" in m[1] and m[0] == len(toks):
            return str(m[1]["entity"])
    return None


@lru_cache(maxsize=1)
def _outlet_name_languages() -> tuple[str, ...]:
    """Languages whose source lexicon may name a publishing outlet given in metadata: those writing names
    with capitals (outlet metadata is mostly in Latin letters) first, then the others."""
    return tuple(sorted(known_languages(), key=lambda lang: (not speaker_lexicon(lang).capitalised, lang)))


class RawWords(Sequence[str]):
    """A sentence's tokens as written in the raw text, each cut out of it only when asked for: the cue,
    source and name passes read a few words per sentence (at cues, sources, name candidates), so slicing
    every word of every sentence up front cost more than all those reads.  Indexing gives a word, slicing
    a list of words, as the ``list[str]`` the speaker and name functions take."""

    __slots__ = ("_tokens", "_text", "_starts", "_ends")

    def __init__(self, tokens: list[Token], text: str, starts: list[int] | None, ends: list[int] | None) -> None:
        self._tokens = tokens
        self._text = text
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self._tokens)

    @overload
    def __getitem__(self, k: int) -> str: ...

    @overload
    def __getitem__(self, k: slice) -> list[str]: ...

    def __getitem__(self, k: int | slice) -> str | list[str]:
        starts, ends, text = self._starts, self._ends, self._text
        if isinstance(k, slice):
            toks = self._tokens[k]
            if starts is None or ends is None:
                return [text[t.start:t.end] for t in toks]
            return [text[starts[t.start]:ends[t.end - 1]] for t in toks]
        t = self._tokens[k]
        if starts is None or ends is None:
            return text[t.start:t.end]
        # NormalizedText.to_raw for a non-empty span inside the text
        return text[starts[t.start]:ends[t.end - 1]]

    def __iter__(self) -> Iterator[str]:
        return iter(self[:])


def _raw_words(doc: Document, tokens: list[Token]) -> list[str]:
    """Each token as written in the raw text (a ``RawWords`` view), for a sentence's token list.  (Making
    the view is cheaper than remembering it per sentence for the second pass.)"""
    norm = doc.norm
    assert norm is not None
    return cast("list[str]", RawWords(tokens, doc.text, norm.starts, norm.ends))


#: the language of a sentence whose language and document language have no data folder
_FALLBACK_LANG = "en"


def _sentence_lang(sent_lang: str | None, doc_lang: str | None) -> str:
    """The sentence's language when it has a data folder, else the document's, else the fallback."""
    known = known_languages()
    if sent_lang in known:
        return str(sent_lang)
    return str(doc_lang) if doc_lang in known else _FALLBACK_LANG


def _has_boundary(gap: str) -> bool:
    return _BOUNDARY_RE.search(gap) is not None


#: the last analysis, for the claims stage that runs right after attribution on the same document
_LAST_ANALYSIS: list[tuple[tuple[int, str, int, int, str | None], DocAttribution]] = []


def _analysis_key(doc: Document) -> tuple[int, str, int, int, str | None]:
    return (id(doc), doc.id, len(doc.text), len(doc.sentences), doc.outlet)


def cached_analysis(doc: Document) -> DocAttribution:
    """``analyse_document(doc)``, reusing the attribution stage's result for the same, unchanged document."""
    if _LAST_ANALYSIS and _LAST_ANALYSIS[0][0] == _analysis_key(doc):
        return _LAST_ANALYSIS[0][1]
    return analyse_document(doc)


def analyse_document(doc: Document) -> DocAttribution:
    """Attribute every sentence region of ``doc`` (requires sentences; norm is computed if missing)."""
    ensure_norm(doc)
    assert doc.norm is not None
    forget_sentence_tokens()  # (the document may have changed since it was last seen)
    resolve_document_outlet(doc)
    norm = doc.norm.text
    own = own_attribution(doc)
    outlet = own.outlet
    self_ids = {i for i in (own.outlet, own.speaker.canonical_id) if i}
    doc_kinds = DocSourceKinds(doc)
    places = _PlaceEnds(doc)
    regions: list[Region] = []
    history: list[Speaker] = []  # speakers in order of appearance, chain links included
    prev: tuple[Attribution, str] = (own, "asserts")
    quote_open = False
    # where the quotation marks are, found in one pass: most sentences have none
    quote_at = list(map(_MATCH_START, _QUOTE_CHARS.finditer(doc.text)))
    earlier: list[tuple[list[Token], list[str]]] = []  # tokens and raw words of the sentences before
    unsourced: dict[int, Region] = {}  # position in doc.sentences -> the region of a sentence without a cue
    opening_source: dict[int, tuple[Attribution, str, int]] = {}  # position -> a source opening the sentence
    text, starts, ends = doc.text, doc.norm.starts, doc.norm.ends
    known = known_languages()
    doc_lang = _sentence_lang(None, doc.lang)  # (what ``_sentence_lang`` gives a sentence of no known language)
    # per language: the lexicon and the words a continuation phrase may start with (``_opens_with`` tests
    # the first word of every sentence; it rarely is one)
    lexicons: dict[str, tuple[ReportingLexicon, frozenset[str]]] = {}
    for pos, (sent, (ns, ne, tokens)) in enumerate(zip(doc.sentences, sentence_tokens(doc), strict=True)):
        lang = sent.lang if sent.lang in known else doc_lang
        raw_words: list[str] = RawWords(tokens, text, starts, ends)  # type: ignore[assignment]  # (a view)
        lex_first = lexicons.get(lang)
        if lex_first is None:
            lex = reporting_lexicon(lang)
            lex_first = lexicons[lang] = (lex, lex.continuation.first_words(lang))
        lex, continuation_first = lex_first
        continues = (bool(tokens) and tokens[0][2] in continuation_first
                     and _opens_with(lex.continuation, tokens, lang)) or quote_open
        default = prev if continues else (own, "asserts")
        cue_words: list[Cue] = []
        # where a cue may start: a sentence with no such token (58% of the bench's) has no cue and is not
        # handed to ``_find_cues`` (its call and set-up were most of the pass's cost on those sentences)
        cue_starts = lex.cues.match_starts(tokens, lang)
        if cue_starts:
            def to_raw(a: int, b: int, _toks: list[Token] = tokens, _norm: Any = doc.norm) -> tuple[int, int]:
                return _norm.to_raw(_toks[a].start, _toks[b - 1].end)

            cues = _find_cues(tokens, raw_words, norm, lang, lex, history, to_raw, self_ids, own.speaker,
                              doc_kinds, places, earlier, cue_words, cue_starts)
        else:
            cues = []
        earlier.append((tokens, raw_words))
        if quote_at:
            lo, hi = bisect_left(quote_at, sent.start), bisect_left(quote_at, sent.end)
            if lo < hi:
                quote_open = _quote_state([doc.text[k] for k in quote_at[lo:hi]], quote_open)
        if not cues:
            regions.append(Region(ns, ne, default[0], default[1], sent.index))
            if not continues and not cue_words:
                # (a sentence naming a source we could not resolve, "according to preliminary reports",
                # is not unsourced)
                unsourced[pos] = regions[-1]
            prev = default
            continue
        # speakerless cues inherit: from the cue before them in the sentence, else the previous sentence
        last_attr = prev if (continues or cues[0].inherited) else (own, "asserts")
        built: list[tuple[Cue, Attribution]] = []
        for cue in cues:
            if cue.speaker is None:
                attr = Attribution(speaker=last_attr[0].speaker, outlet=outlet,
                                   chain=list(last_attr[0].chain))
            else:
                attr = Attribution(speaker=cue.speaker, outlet=outlet, chain=cue.chain)
            v0, v1 = doc.norm.to_raw(tokens[cue.start].start, tokens[cue.end - 1].end)
            attr.reporting_verb = doc.text[v0:v1]
            attr.verb_start, attr.verb_end = v0, v1
            attr.direct_quote = _quoted_content(norm, tokens, cue)
            built.append((cue, attr))
            last_attr = (attr, cue.polarity)
        first = cues[0]
        if (first.seg_start <= 1 and first.kind == "verb" and first.speaker is not None and first.side == "after"
                and not first.frame_led):
            content_start = tokens[first.seg_end - 1].end if first.seg_end < len(tokens) else ne
            opening_source[pos] = (built[0][1], first.polarity, doc.norm.to_raw(content_start, content_start)[0])
        # divide the sentence
        cur = ns
        pending_after: tuple[Cue, Attribution] | None = None
        for cue, attr in built:
            seg_s = tokens[cue.seg_start].start
            seg_e = tokens[cue.seg_end - 1].end
            if cue.side == "before":
                if pending_after is not None:
                    # the previous after-cue's content stops where this cue's own content begins
                    regions.append(Region(cur, seg_s, pending_after[1], pending_after[0].polarity, sent.index))
                    cur = seg_s
                    pending_after = None
                regions.append(Region(cur, seg_e, attr, cue.polarity, sent.index))
                cur = seg_e
            else:
                if pending_after is not None:
                    regions.append(Region(cur, seg_s, pending_after[1], pending_after[0].polarity, sent.index))
                    cur = seg_s
                elif seg_s > cur:
                    # the tokens starting in [cur, seg_s) (tokens are in text order)
                    lead = bisect_left(tokens, seg_s, key=_TOKEN_START) - bisect_left(tokens, cur, key=_TOKEN_START)
                    if lead > 4:
                        regions.append(Region(cur, seg_s, default[0], default[1], sent.index))
                        cur = seg_s
                pending_after = (cue, attr)
        if pending_after is not None:
            brk = _content_break(tokens, norm, pending_after[0].seg_end, lang, lex)
            if brk is not None:
                # "نفت أنقرة اتهامات ...، في وقت انتزع فيه الأكراد ...": the outlet's juxtaposed clause
                regions.append(Region(cur, tokens[brk].start, pending_after[1], pending_after[0].polarity, sent.index))
                cur = tokens[brk].start
                pending_after = None
                regions.append(Region(cur, ne, own, "asserts", sent.index))
            else:
                regions.append(Region(cur, ne, pending_after[1], pending_after[0].polarity, sent.index))
        elif cur < ne and regions:
            regions[-1].end = ne
        prev = last_attr
    _source_leads(doc, unsourced, opening_source)
    return DocAttribution(doc.id, regions, own)


def _source_leads(doc: Document, unsourced: dict[int, Region],
                  opening_source: dict[int, tuple[Attribution, str, int]]) -> None:
    """News lead, then its source: "قتل 18 شخصا ... في حلب." followed by "وأفاد المرصد أن الصاروخ ... ما تسبب
    بمقتل 18 شخصا"; "... 120 نظامی و غیرنظامی را در نزدیکی شهر حلب کشتند." followed by "خبرگزاری رسمی سوریه
    گزارش داد که ... 123 فرد را ... کشته‌اند".  A sentence without a cue takes the source of the next
    sentence when that sentence opens with its source and a reporting verb ("X said that", not a frame such
    as "according to X," which attributes only its own sentence) and retells the same happening: its content
    shares at least two of the lead's places, actors, counts and event kinds (mentions of earlier stages)."""
    sentences = doc.sentences
    pairs = [pos for pos in unsourced if pos + 1 in opening_source]
    if not pairs:
        return
    wanted = {sentences[p].index for p in pairs} | {sentences[p + 1].index for p in pairs}
    features: dict[int, list[tuple[int, tuple[str, str]]]] = {}
    for m in doc.mentions:
        if m.sentence not in wanted:
            continue
        feat = _happening_feature(m)
        if feat is not None:
            features.setdefault(m.sentence, []).append((m.start, feat))
    for pos in pairs:
        region, src = unsourced[pos], opening_source[pos + 1]
        if sentences[pos].lang != sentences[pos + 1].lang:
            continue
        attr, polarity, content_start = src
        lead = {f for _, f in features.get(sentences[pos].index, [])}
        told = {f for start, f in features.get(sentences[pos + 1].index, []) if start >= content_start}
        if len(lead & told) >= 2:
            region.attribution = attr
            region.polarity = polarity


def _happening_feature(m: Mention) -> tuple[str, str] | None:
    """What a mention says about a happening, comparable across two tellings of it."""
    if m.kind in ("place", "actor") and m.canonical_id:
        return m.kind, m.canonical_id
    if m.kind == "trigger" and m.attrs.get("sub_event_type"):
        return "trigger", str(m.attrs["sub_event_type"])
    if m.kind == "quantity" and m.attrs.get("category") in ("killed", "wounded") and m.attrs.get("best"):
        return "quantity", f"{m.attrs['category']}:{m.attrs['best']}"
    return None


def _content_break(tokens: list[Token], norm: str, start: int, lang: str, lex: ReportingLexicon) -> int | None:
    """Where a speaker's content ends at a clause the outlet sets beside it: after punctuation, "في وقت"
    opens the outlet's own statement (``content_breaks`` in reporting.yaml)."""
    for i in lex.content_breaks.starts(tokens, lang):
        if i > start + 2 and _has_boundary(norm[tokens[i - 1].end:tokens[i].start]) \
                and lex.content_breaks.match(tokens, i, lang):
            return i
    return None


def _cue_at(tokens: list[Token], raw_words: list[str], i: int, lang: str,
            lex: ReportingLexicon) -> tuple[int, dict[str, Any]] | None:
    """The reporting cue starting at token ``i``, if the word there really is one."""
    if tokens[i].text in lex.not_cues:
        return None  # "فحسب" (only) is not "ف" + "حسب" (according to)
    m = lex.cues.match(tokens, i, lang)
    if m and lex.syntax.verb_article_prefixes and "verb" in m[1] \
            and _article_form(tokens[i].text, m[1]["verb"]["term"], lex.syntax):
        return None  # "التابع" is not "تابع": verbs take no article
    if m and 0 < i and speaker_lexicon(lang).capitalised and raw_words[i][:1].isupper() \
            and raw_words[i - 1][:1].isupper():
        return None  # "Rodi Said", "Observatory Says": a capitalised word inside a name or a headline
    if m and i + m[0] < len(tokens) and lex.not_speech_objects.match(tokens, i + m[0], lang):
        return None  # "the conflict has claimed the lives of": not speech
    return m


def _opens_with(trie: PhraseTrie, tokens: list[Token], lang: str) -> bool:
    return bool(tokens) and trie.match(tokens, 0, lang) is not None


_QUOTE_CHARS = re.compile("[«“»”\"]")


def _quote_state(marks: list[str], open_before: bool) -> bool:
    """Whether a quotation is still open after a sentence whose quotation marks (``_QUOTE_CHARS``) are
    ``marks``, in order (« » and “ ” pairs; straight quotes toggle)."""
    state = open_before
    for ch in marks:
        if ch in "«“":
            state = True
        elif ch in "»”":
            state = False
        elif ch == '"':
            state = not state
    return state


class _PlaceEnds(Mapping[int, int]):
    """Raw start -> raw end of the document's place mentions, gathered on first use: only a source
    such as "ناشطون في حلب" asks, in few documents, and the gathering walks every mention."""

    __slots__ = ("_doc", "_ends")

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._ends: dict[int, int] | None = None

    def _all(self) -> dict[int, int]:
        if self._ends is None:
            self._ends = {m.start: m.end for m in self._doc.mentions if m.kind == "place"}
        return self._ends

    def __getitem__(self, start: int) -> int:
        return self._all()[start]

    def __iter__(self) -> Iterator[int]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _quoted_content(norm: str, tokens: list[Token], cue: Cue) -> bool:
    """Direct speech: a quotation mark right next to the cue and its source ('"...," said X', 'X said: "..."')."""
    k = cue.seg_end
    if k < len(tokens) and '"' in norm[tokens[k - 1].end:tokens[k].start]:
        return True
    k = cue.seg_start
    return k > 0 and '"' in norm[tokens[k - 1].end:tokens[k].start]


def _find_cues(tokens: list[Token], raw_words: list[str], norm: str, lang: str, lex: ReportingLexicon,
               history: list[Speaker], to_raw: Callable[[int, int], tuple[int, int]],
               self_ids: set[str] | None = None, own_speaker: Speaker | None = None,
               doc_kinds: DocSourceKinds | dict[str, str] | None = None, places: Mapping[int, int] | None = None,
               earlier: list[tuple[list[Token], list[str]]] | None = None,
               cue_words: list[Cue] | None = None, cue_starts: list[int] | None = None) -> list[Cue]:
    """The sentence's reporting cues with their sources and speakers; ``cue_words`` (when given) receives
    every cue word found, kept or not; ``cue_starts``: ``lex.cues.match_starts(tokens, lang)`` when the
    caller has it."""
    raw: list[Cue] = []
    done = 0  # tokens before this belong to the previous cue
    for i in lex.cues.match_starts(tokens, lang) if cue_starts is None else cue_starts:
        if i < done:
            continue
        m = _cue_at(tokens, raw_words, i, lang, lex)
        if m:
            tags = m[1]
            if "verb" in tags:
                info = tags["verb"]
                raw.append(Cue(i, i + m[0], "verb", info["polarity"], info["term"]))
            else:
                info = tags["frame"]
                raw.append(Cue(i, i + m[0], "frame", info["polarity"], info["term"], cites=info["cites"]))
            done = i + m[0]
    if cue_words is not None:
        cue_words.extend(raw)
    if not raw:
        return []
    # a frame directly followed by a verb ("بحسب ما قال ناشطون") is one cue: the verb's, content before
    merged: list[Cue] = []
    for idx, cue in enumerate(raw):
        nxt = raw[idx + 1] if idx + 1 < len(raw) else None
        if cue.kind == "frame" and not cue.cites and nxt and nxt.kind == "verb" and nxt.start - cue.end <= 1:
            nxt.start = cue.start
            nxt.frame_led = True
            continue
        merged.append(cue)
    raw = merged
    # token indexes that belong to a cue (or a source already given to a frame)
    taken: set[int] = set()
    for c in raw:
        taken.update(range(c.start, c.end))
    blocked = taken.__contains__
    search_boundary = _BOUNDARY_RE.search

    def boundary_between(a: int, b: int) -> bool:
        return search_boundary(norm, tokens[a].end, tokens[b].start) is not None

    # citing frames first: their source runs after the frame
    for cue in raw:
        if cue.kind == "frame":
            src = _span_after(tokens, cue.end, lex, blocked, boundary_between)
            cue.source = src
            if src:
                r0, r1 = to_raw(*src)
                cue.chain = [_at_span(_descriptor(sp, doc_kinds), r0, r1) for sp in
                             _resolve_all(tokens[src[0]:src[1]], raw_words[src[0]:src[1]], lang, lex, history)]
                if cue.chain:
                    # "according to A and B": A is the speaker; B stays in the chain
                    cue.speaker = cue.chain.pop(0)
                if cue.speaker is not None and cue.speaker.kind == "unnamed_group" and not cue.chain:
                    res = _resolve(tokens[src[0]:src[1]], raw_words[src[0]:src[1]], lang, lex, history)
                    if res is not None:
                        cue.speaker = _group_with_place(cue.speaker, tokens, raw_words, src[0] + res[1], src[0] + res[2],
                                                        src[1], lang, lex, to_raw, places)
                if cue.speaker is not None and cue.speaker.kind == "anonymous" and not cue.chain:
                    # "بحسب مصادر في الجيش العراقي"، "according to sources close to the government"
                    head = next((k for k in range(*src) if _anonymous_head(tokens, k, lang)), None)
                    body = _source_body(tokens, raw_words, head, src[1], lang, lex) if head is not None else None
                    if body is not None:
                        cue.speaker = _with_body(cue.speaker, body)
            if cue.speaker is not None and _is_self(cue.speaker, self_ids):
                # "به گزارش خبرگزاری فارس، X اعلام کرد" in a Fars article: the outlet naming itself is
                # not a source; its words stay blocked so the real speaker is looked for after them
                cue.kind = "drop"
                if src:
                    taken.update(range(*src))
            elif src and cue.speaker is not None and not cue.cites and src[0] <= 2:
                # "به گزارش ایرنا، منابع محلی اعلام کردند": the frame's source opening the sentence is not
                # the subject of the verb after it
                taken.update(range(*src))
    citing = [c for c in raw if c.kind == "frame" and c.cites]
    for cue in raw:
        if cue.kind != "verb":
            continue
        # "Syrian state media, citing a military source, said ...": the comma closes the citing frame, the
        # subject is before it -- not inverted attribution
        syntax = lex.syntax
        inverted = syntax.inverted_after_quote and _inverted(tokens, norm, cue) and not any(
            c.source and c.source[1] == cue.start for c in citing)
        if syntax.subject_first == "after" and _ends_with_preposition(cue.term, lex):
            order: tuple[str, ...] = ("before",)
        elif syntax.subject_first == "after" or inverted:
            order = ("after", "before")
        else:
            order = ("before", "after")
        for direction in order:
            if direction == "after":
                if _colon_after(norm, tokens, cue):
                    continue  # "وقال: القوات ..." -- what follows a colon is the content, not the subject
                src = _span_after(tokens, _past_addressee(tokens, norm, cue.end, lex), lex, blocked,
                                  boundary_between, stop_at={c.start for c in citing})
                if syntax.after_subject_only_inverted and not inverted and not (
                        src and src[1] == len(tokens) and src[1] - src[0] <= 6):
                    # "... in a mosque on Friday said a monitoring group." (punctuation lost): a short
                    # source closing the sentence after the verb is inverted attribution too
                    continue
            else:
                src = _span_before(tokens, cue.start, lex, blocked, boundary_between, citing)
                if src and lex.addressee_prepositions:
                    src = _without_addressee(tokens, src, lang, lex)
            if not src:
                continue
            if syntax.nearest_subject and direction == "before" and _coordinated_predicate(tokens, cue, syntax):
                res = _first_source(tokens[src[0]:src[1]], raw_words[src[0]:src[1]], lang, lex, history)
            elif syntax.nearest_subject and direction == "before":
                res = _resolve_nearest(tokens[src[0]:src[1]], raw_words[src[0]:src[1]], lang, lex, history)
            else:
                res = _resolve(tokens[src[0]:src[1]], raw_words[src[0]:src[1]], lang, lex, history)
            if (res is not None and syntax.unknown_organisation_adjacent and direction == "before"
                    and res[0].kind == "organisation"
                    and not res[0].canonical_id and src[0] + res[2] != src[1]):
                # an unknown organisation before the verb is its subject only right next to it ("الشرطة
                # قالت"); further back it is part of the previous clause ("اقتحمت قوات النظام ...، وأضافت")
                res = None
            if res is not None and syntax.role_before_organisation and direction == "before" and res[1] > 0 \
                    and res[0].kind == "organisation" and res[0].canonical_id:
                res = _role_of_organisation(tokens, src[0], res, lang) or res
            if res is not None and res[0].kind != "anonymous":
                # "a source close to the Syrian government said": the organisation nearest the verb is the
                # body of an anonymous source named before it, not the speaker
                res = _anonymous_holder(tokens, raw_words, src, res, lang, lex, history) or res
            if res is not None:
                sp, a, b = res
                sp = _descriptor(sp, doc_kinds)
                body = _source_body(tokens, raw_words, src[0] + a, src[1], lang, lex) \
                    if sp.kind == "anonymous" else None
                if body is not None and body[3] > src[0] + b:
                    b = body[3] - src[0]  # the source's words run over its body ("مسؤول في الجيش العراقي")
                cue.source = (src[0] + a, src[0] + b)
                r0, r1 = to_raw(*cue.source)
                cue.speaker = _at_span(sp, r0, r1)
                if body is not None:
                    cue.speaker = _with_body(cue.speaker, body)
                if sp.kind == "unnamed_group":
                    cue.speaker = _group_with_place(cue.speaker, tokens, raw_words, src[0] + a, src[0] + b, src[1], lang, lex,
                                                    to_raw, places)
                if own_speaker is not None and _is_self(sp, self_ids):
                    cue.speaker = _at_span(own_speaker, r0, r1)
                break
        if syntax.quoting_verbs and cue.speaker is not None and tokens[cue.start][2] in syntax.quoting_verbs:
            _quoted_as_saying(cue, tokens, raw_words, lang, lex, history, to_raw, doc_kinds)
        if (syntax.opening_pronoun_subject and (cue.speaker is None or (cue.source is not None and cue.source[0] > 0))
                and not any(c.kind == "verb" and c.start < cue.start for c in raw)):
            # "وی با اشاره به ... [30 words] ... اشاره کرد": a Persian subject pronoun opening the sentence
            # is the subject of its first verb however long the adverbials in between (a group named in
            # them is not)
            ana = lex.anaphora.match(tokens, 0, lang)
            target = _antecedent(history, ana[1]["ana"]) if ana and not blocked(0) else None
            if target is not None:
                cue.source = (0, ana[0])
                r0, r1 = to_raw(*cue.source)
                cue.speaker = _at_span(target, r0, r1)
        if cue.speaker is None:
            named: tuple[int, int] | None = None
            if syntax.subject_as_written == "after_verb":
                named = _subject_as_written(tokens, cue, lex, norm, blocked, boundary_between, citing)
            elif syntax.subject_as_written == "clause_start":
                named = _persian_subject_as_written(tokens, cue, raw, lex, blocked, boundary_between, citing)
            elif syntax.subject_as_written == "article_phrase":
                named = _english_subject_as_written(tokens, raw_words, cue, lex, norm)
            if named is not None:
                cue.source = named
                r0, r1 = to_raw(*named)
                full = _full_name_before(tokens[named[0]].text, earlier or [], lex) \
                    if syntax.short_name_article and named[1] - named[0] == 1 else None
                cue.speaker = Speaker(kind="organisation", name=full, start=r0, end=r1) if full else \
                    Speaker(kind="anonymous", name=" ".join(raw_words[named[0]:named[1]]), start=r0, end=r1)
        if cue.speaker is None:
            if tokens[cue.start].text in lex.weak or (cue.term and normalize_term(cue.term) in lex.weak):
                cue.kind = "drop"
                continue
            if syntax.speakerless_needs_complementizer and not _speakerless_ok(tokens, cue, lex):
                cue.kind = "drop"
                continue
            cue.inherited = True
        # attach adjacent citing frames as chain links
        for c in citing:
            if c.absorbed or c.speaker is None:
                continue
            if _adjacent(cue, c, raw):
                c.absorbed = True
                cue.chain.extend([c.speaker, *c.chain])
    for cue in raw:
        # "به گزارش ایرنا، منابع محلی اعلام کردند که ...", "According to SANA, a military source said ...": the
        # frame opening the sentence relays the verb's speaker -- one source citing another
        lead = next((f for f in raw if f.kind == "frame" and not f.cites and f.speaker is not None and f.source
                     and f.source[0] <= 2 and 0 <= cue.seg_start - f.source[1] <= 1), None) if cue.kind == "verb" else None
        if lead is not None and cue.speaker is not None and not cue.inherited:
            cue.chain = [cue.speaker, *cue.chain]
            cue.speaker = lead.speaker
            cue.source = (lead.start, cue.source[1]) if cue.source else (lead.start, lead.source[1])
            lead.kind = "drop"
    for cue in raw:
        # "بحسب وكالة سانا نقلا عن مصدر عسكري", "according to SANA, citing a military source"
        if cue.kind == "frame" and not cue.cites and cue.speaker is not None and cue.source:
            for c in citing:
                if not c.absorbed and c.speaker is not None and c.start == cue.source[1]:
                    c.absorbed = True
                    cue.chain.extend([c.speaker, *c.chain])
    cues = [c for c in raw if c.kind != "drop" and not c.absorbed and (c.speaker is not None or c.kind == "verb")]
    if lex.syntax.nested_speech:
        cues = _fold_nested(cues, tokens, norm, lex)
    for idx, cue in enumerate(cues):
        after_end = cues[idx + 1].seg_start if idx + 1 < len(cues) else len(tokens)
        k = cue.seg_end
        while k < after_end and tokens[k].text in lex.complementizers:
            k += 1
        # "..., said Syrian state media, citing a military source.": the citing frame is part of the source
        k = next((c.source[1] for c in raw if c.absorbed and c.source and c.start == k), k)
        content_after = after_end - k
        cue.side = "after" if content_after >= 3 else "before"
        if lex.syntax.subject_closes_content and cue.kind == "verb" and cue.source and cue.source[1] <= cue.start:
            # "A bomb killed six ..., state television reported on Wednesday": a subject that does not open
            # its clause closes the content before it; "The Observatory said (that) ..." opens the content
            prev_end = cues[idx - 1].seg_end if idx > 0 else 0
            opens_that = cue.end < len(tokens) and tokens[cue.end].text in lex.complementizers
            if cue.source[0] - prev_end >= 3 and not opens_that and not _colon_after(norm, tokens, cue):
                cue.side = "before"
        if (cue.kind == "frame" or cue.frame_led) and cue.seg_start > 1:
            # "..., according to X" / "... بحسب المرصد": the frame claims what comes before it
            cue.side = "before"
        if cue.speaker is not None:
            history.append(cue.speaker)
            history.extend(cue.chain)
    return cues


def _subject_as_written(tokens: list[Token], cue: Cue, lex: ReportingLexicon, norm: str, blocked: Any,
                        boundary_between: Any, citing: list[Cue]) -> tuple[int, int] | None:
    """Arabic VSO with a subject no lexicon knows -- "قال الناشط السياسي الموصلي"، "يقول أحد الإيرانيين
    لمراسل ..."، "نفى جبريل": the words right after the verb, up to a preposition, adverb or clause
    boundary, are the speaker as written.  Taking the previous speaker instead (or the outlet) would give
    the statement to someone who did not make it.  Not for ambiguous verbs ("نشرت" = deployed), not when the
    verb is followed by a preposition, an adverb, a colon or the content itself ("وأضاف في بيان أن")."""
    if _ends_with_preposition(cue.term, lex) or tokens[cue.start].text in lex.weak \
            or normalize_term(cue.term) in lex.weak or _colon_after(norm, tokens, cue) \
            or lex.continuation.match(tokens, cue.start, lex.lang):
        return None  # ("وأضاف دي ميتسورا": a continuation verb goes on with the previous speaker)
    if cue.start > 0 and tokens[cue.start - 1].text in lex.subject_stops:
        return None  # "التي أعلنوا عنها"، "كان المرصد قد أكد": a relative clause, or the subject came before
    start = _past_addressee(tokens, norm, cue.end, lex)
    span = _span_after(tokens, start, lex, blocked, boundary_between, stop_at={c.start for c in citing})
    if span is None or span[0] != start:
        return None
    first = tokens[span[0]].text
    if first in lex.subject_stops or first in lex.complementizers or any(ch.isdigit() for ch in first):
        return None
    end = span[0] + 1
    while end < min(span[1], span[0] + 5) and tokens[end].text not in lex.subject_stops:
        end += 1
    return span[0], end


def _past_addressee(tokens: list[Token], norm: str, k: int, lex: ReportingLexicon) -> int:
    """Where the subject after a verb may start: past a statement's ``statement_of`` words ("وقال بيان صادر
    عن قيادة الجيش": the command), or past a quoted addressee ("قال لـ"الاقتصادية" مصدر عسكري"، "وقال
    لـ«الشرق الأوسط» فلاح مصطفى") -- a ``quoted_addressee`` preposition right at ``k`` and a name in
    quotation marks after it; else ``k``.  Without the skip the quotation mark ends the subject's span at the
    preposition and the statement falls to the previous speaker or the outlet."""
    issued = lex.statement_of.match(tokens, k, lex.lang) if lex.statement_of.root and k < len(tokens) else None
    if issued is not None and k + issued[0] < len(tokens):
        return k + issued[0]  # "وقال بيان صادر عن قيادة الجيش": the command speaks
    preps = lex.syntax.quoted_addressee
    if not preps or k + 1 >= len(tokens) or tokens[k][2] not in preps:
        return k
    opening = norm[tokens[k].end:tokens[k + 1].start]
    if not _QUOTE_CHARS.search(opening):
        return k
    for j in range(k + 1, min(len(tokens) - 1, k + 6)):
        gap = norm[tokens[j].end:tokens[j + 1].start]
        if _QUOTE_CHARS.search(gap):
            # the word after the closing mark; not past a colon or comma ("وقال لـ"الوطن": نحن ...")
            return k if _has_boundary(_QUOTE_CHARS.sub("", gap)) else j + 1
    return k


def _at_span(sp: Speaker, start: int | None, end: int | None) -> Speaker:
    """``dataclasses.replace(sp, start=start, end=end)`` without its generic walk over the fields (a tenth of
    the time; a test checks the field list this copies against ``Speaker``'s)."""
    return Speaker(sp.kind, sp.name, sp.canonical_id, sp.canonical_name, sp.role, sp.organisation, sp.side,
                   start, end)


def _full_name_before(word: str, earlier: list[tuple[list[Token], list[str]]], lex: ReportingLexicon) -> str | None:
    """"وقالت الوحدات" after "... مواقع تابعة لوحدات حماية الشعب الكردية في قرية ...": a definite noun
    standing alone for a longer name the text gave before -- the latest name opening with that noun (a
    proclitic ل/و/ب allowed), up to a preposition or four more words."""
    syntax = lex.syntax
    article = syntax.short_name_article
    if not article or not word.startswith(article) or len(word) < syntax.short_name_min_length:
        return None
    head = word[len(article):]
    proclitics = syntax.short_name_proclitics
    # the words the loop below accepts, to pass over a sentence holding none of them with one C-level test
    wanted = {head, *(p + head for p in proclitics if len(p) == 1)}
    for toks, raws in reversed(earlier):
        if wanted.isdisjoint(token_texts(toks)):
            continue
        for x in range(len(toks) - 2, -1, -1):
            text = toks[x].text
            if text != head and not (len(text) == len(head) + 1 and text[0] in proclitics and text[1:] == head):
                continue
            end = x + 1
            while end < min(len(toks), x + 5) and toks[end].text not in lex.subject_stops:
                end += 1
            if end - x >= 2:
                first = raws[x][len(raws[x]) - len(head):] if len(raws[x]) > len(head) and text != head else raws[x]
                return " ".join([first, *raws[x + 1:end]])
    return None


def _role_of_organisation(tokens: list[Token], start: int, res: tuple[Speaker, int, int],
                          lang: str) -> tuple[Speaker, int, int] | None:
    """"سفیر و معاون نمایندگی ایران در سازمان ملل ... تاکید کرد": a subject opening with a role noun is a
    person holding that role (in the organisation named after it), not the organisation."""
    m = speaker_lexicon(lang).trie.match(tokens, start, lang)
    if m is None or "role" not in m[1]:
        return None
    org = res[0]
    return Speaker(kind="anonymous", role=str(m[1]["role"]), organisation=org.canonical_id, side=org.side), 0, res[2]


def _persian_subject_as_written(tokens: list[Token], cue: Cue, raw: list[Cue], lex: ReportingLexicon,
                                blocked: Any, boundary_between: Any, citing: list[Cue]) -> tuple[int, int] | None:
    """Persian SOV with a subject no lexicon knows -- "لاريجاني در مورد مجلس هشتم اظهار داشت"، "مولانا اظهر
    ... اعلام كرد": the words opening the clause, up to a preposition or adverb, are the speaker as written
    (only for the first verb of the sentence, and not an object marked by "را")."""
    if any(c.kind == "verb" and c.start < cue.start for c in raw) or normalize_term(cue.term) in lex.weak:
        return None
    span = _span_before(tokens, cue.start, lex, blocked, boundary_between, citing)
    if span is None or not (span[0] == 0 or blocked(span[0] - 1) or boundary_between(span[0] - 1, span[0])):
        return None  # the clause start was not reached (a long clause): its first words are unknown
    first = tokens[span[0]].text
    if first in lex.subject_stops or any(ch.isdigit() for ch in first):
        return None
    end = span[0] + 1
    while end < min(span[1], span[0] + 5) and tokens[end].text not in lex.subject_stops:
        end += 1
    if end < len(tokens) and tokens[end].text in lex.object_markers:
        return None
    return span[0], end


def _english_subject_as_written(tokens: list[Token], raw_words: list[str], cue: Cue, lex: ReportingLexicon,
                                norm: str) -> tuple[int, int] | None:
    """English "the rescue service said", "a hospital director said" with no lexicon entry: a short
    lower-case noun phrase opened by an article right before the verb is the speaker as written -- unless a
    preposition comes before the article ("killed in the town said" lost its comma: the town is no
    speaker) or punctuation separates it from the verb."""
    k = cue.start
    for j in range(k - 1, max(-1, k - 5), -1):
        if _has_boundary(norm[tokens[j].end:tokens[j + 1].start]):
            return None
        word = tokens[j].text
        if word in lex.subject_stops or raw_words[j][:1].isupper() and word not in lex.articles:
            return None
        if word in lex.articles:
            if j + 1 == k or (j > 0 and tokens[j - 1].text in lex.subject_stops):
                return None
            return j, k
    return None


def _group_with_place(sp: Speaker, tokens: list[Token], raw_words: list[str], a: int, b: int, limit: int,
                      lang: str, lex: ReportingLexicon, to_raw: Callable[[int, int], tuple[int, int]],
                      places: Mapping[int, int] | None) -> Speaker:
    """An unnamed group located by a place right after it -- "ناشطون من حمص", "مخالفان در قنیطره",
    "activists in Homs" -- is named with the place: activists in Homs are not activists anywhere.  For a
    demonstrative phrase pointing back ("این مخالفان در قنیطره") the name drops the demonstrative."""
    if b + 1 >= limit or tokens[b].text not in lex.place_prepositions or not places:
        return sp  # (the place mentions gathered last: only when a preposition follows the group)
    place_end = places.get(to_raw(b + 1, b + 2)[0])
    if place_end is None:
        return sp
    end = next((j for j in range(b + 2, min(limit, b + 5) + 1) if to_raw(b + 1, j)[1] >= place_end), None)
    if end is None:
        return sp
    ana = lex.anaphora.match(tokens, a, lang)
    if ana is not None and a + ana[0] == b:
        if b - a < 2:
            return sp  # a bare pronoun: "آنان در ..." is not a name
        a += 1
    return replace(sp, name=" ".join(raw_words[a:end]), end=max(to_raw(a, end)[1], sp.end or 0))


def _without_addressee(tokens: list[Token], src: tuple[int, int], lang: str,
                       lex: ReportingLexicon) -> tuple[int, int]:
    """Persian "یک منبع نظامی سوری به خبرگزاری سانا گفت": a preposition and a known source (an outlet, an
    organisation) right before the verb name whom the speaker spoke to; the source phrase ends before them
    (the agency is neither the speaker nor its organisation).  Only the preposition nearest the verb."""
    for p in range(src[1] - 2, src[0], -1):
        if tokens[p].text in lex.addressee_prepositions:
            m = speaker_lexicon(lang).trie.match(tokens, p + 1, lang)
            if m is not None and p + 1 + m[0] == src[1] and "entity" in m[1]:
                return src[0], p
            return src
    return src


def _anonymous_head(tokens: list[Token], k: int, lang: str) -> int:
    """Length of the anonymous-source descriptor ("مصدر أمني", "a security source", "منبع") at token ``k``, else 0."""
    m = speaker_lexicon(lang).trie.match(tokens, k, lang)
    return m[0] if m is not None and "anonymous" in m[1] else 0


def _source_body(tokens: list[Token], raw_words: list[str], head: int, limit: int, lang: str,
                 lex: ReportingLexicon) -> tuple[str | None, str | None, int, int] | None:
    """The body an anonymous source belongs to, named right after its descriptor at ``head`` and before
    token ``limit``: "مصدر في قيادة شرطة حلب"، "مسؤول في الجيش العراقي"، "مصادر عسكرية تابعة للمعارضة"،
    "یک منبع در ارتش عراق"، "یک منبع پلیس" (Persian ezafe: nothing written between), "sources in the Iraqi
    army", "a source close to the Syrian government".  A connector (``source_bodies.connectors``), then a
    known organisation or a body noun (``source_bodies.nouns``; English: after an article and up to three
    capitalised words or nationalities).  Returns (known organisation id, organisation as written when not
    known, side, end token) -- the side is the known organisation's, or the body noun's (state bodies are
    the government's)."""
    n = _anonymous_head(tokens, head, lang)
    if not n:
        return None
    slex = speaker_lexicon(lang)
    k = head + n
    nat = slex.trie.match(tokens, k, lang) if k < limit else None
    if nat is not None and "nationality" in nat[1]:
        k += nat[0]  # "مصادر أمنية عراقية في ..."
    if k >= limit:
        return None
    conn = lex.body_connectors.match(tokens, k, lang)
    if conn is not None:
        k += conn[0]
    elif not lex.ezafe_bodies:
        return None
    if k < limit and tokens[k].text in lex.articles:
        k += 1
    start = j = k
    while j < limit:
        item = slex.trie.match(tokens, j, lang)
        if item is not None and "entity" in item[1]:
            rec = slex.entities.get(str(item[1]["entity"]), {})
            if rec.get("kind") != "person" and j + item[0] <= limit:
                return str(item[1]["entity"]), None, rec.get("side"), j + item[0]
        noun = lex.bodies.match(tokens, j, lang)
        if noun is not None and j + noun[0] <= limit:
            end = _body_end(tokens, raw_words, j + noun[0], min(limit, start + 6), lang, lex, slex.capitalised)
            return None, " ".join(raw_words[start:end]), noun[1]["body"], end
        if not slex.capitalised or j - start >= 3:
            return None
        if item is not None and "nationality" in item[1]:
            j += item[0]
        elif raw_words[j][:1].isupper():
            j += 1
        else:
            return None
    return None


def _body_end(tokens: list[Token], raw_words: list[str], k: int, limit: int, lang: str, lex: ReportingLexicon,
              capitalised: bool) -> int:
    """Where a body's name that runs on after its noun ends: English over capitalised words and further
    body nouns ("Police Command"); Persian over the words that qualify it ("ارتش عراق") up to a
    preposition, time word or complementizer; Arabic over definite adjectives and genitives ("وزارة الداخلية
    العراقية"، "اجهزة الامن") and the genitive of a noun without the article ("قيادة شرطة حلب") -- not over
    "بمقتل 18"، "واصفًا"، "لوكالة الأنباء"."""
    stops = lex.subject_stops | lex.complementizers
    definite, recipient = lex.syntax.body_definite_prefixes, lex.syntax.body_recipient_proclitics
    while k < limit:
        word = tokens[k].text
        if capitalised:
            if not raw_words[k][:1].isupper() and lex.bodies.match(tokens, k, lang) is None:
                break
        elif word in stops or any(ch.isdigit() for ch in word):
            break
        elif definite and not word.startswith(definite) and (
                tokens[k - 1].text.startswith(definite) or word.startswith(recipient)):
            break  # after a definite word only definite ones qualify the name; "لوكالة": spoke to
        k += 1
    return k


def _with_body(sp: Speaker, body: tuple[str | None, str | None, str | None, int]) -> Speaker:
    """An anonymous speaker with the organisation and side its body gives (what it already has is kept)."""
    org_id, org_written, side, _ = body
    return replace(sp, organisation=sp.organisation or org_id or org_written, side=sp.side or side)


def _anonymous_holder(tokens: list[Token], raw_words: list[str], src: tuple[int, int],
                      res: tuple[Speaker, int, int], lang: str, lex: ReportingLexicon,
                      history: list[Speaker]) -> tuple[Speaker, int, int] | None:
    """An anonymous source a few words before the organisation ``res`` found in the source span ``src``,
    whose body that organisation is: the speaker is the source, from its descriptor."""
    org_start, org_end = src[0] + res[1], src[0] + res[2]
    for p in range(max(src[0], org_start - 5), org_start):
        body = _source_body(tokens, raw_words, p, src[1], lang, lex)
        if body is None or body[3] < org_end:
            continue
        held = _resolve(tokens[p:src[1]], raw_words[p:src[1]], lang, lex, history)
        if held is not None and held[0].kind == "anonymous" and held[1] == 0:
            return held[0], p - src[0], p - src[0] + held[2]
    return None


def _fold_nested(cues: list[Cue], tokens: list[Token], norm: str, lex: ReportingLexicon) -> list[Cue]:
    """Arabic reported speech inside reported speech: "وأضاف X أن مصادر محلية أكدت أن ..."، "قالت الشرطة
    إن تفجيرا ... أعلن تنظيم داعش مسؤوليته عنه قتل ...".  A verb cue inside the content clause that an
    earlier cue opens with a complementizer -- no punctuation, no "و"/"ف" or clause opener before it --
    is what the first speaker relays: its speaker becomes a link of the first cue's chain and the whole
    content stays the first speaker's."""
    out: list[Cue] = []
    for cue in cues:
        host = out[-1] if out else None
        opener = None if host is None else next(
            (k for k in range(host.seg_end, min(cue.seg_start, host.seg_end + 10))
             if tokens[k].text in lex.complementizers), None)
        if (host is not None and opener is not None and host.kind == "verb" and cue.kind == "verb"
                and not cue.frame_led and cue.seg_start > opener
                and not _has_boundary(norm[tokens[opener].end:tokens[cue.seg_start].start])
                and not tokens[cue.seg_start].text.startswith(lex.syntax.clause_proclitics)
                and tokens[cue.seg_start - 1].text not in lex.clause_openers):
            if cue.speaker is not None:
                host.chain.extend([cue.speaker, *cue.chain])
            continue
        out.append(cue)
    return out


def _article_form(token: str, term: str, syntax: SourceSyntax) -> bool:
    """The token is the cue word with the definite article in front (a noun or participle, not the verb)."""
    return token.startswith(syntax.verb_article_prefixes) and not (
        syntax.verb_article and normalize_term(term).startswith(syntax.verb_article))


def _ends_with_preposition(term: str, lex: ReportingLexicon) -> bool:
    """"أشار إلى"، "لفت إلى": the subject would sit between the verb and the preposition, so nothing after
    the cue is its source ("وأشار إلى مقتل 11 من داعش" is the previous speaker's)."""
    words = normalize_term(term).split()
    return len(words) > 1 and words[-1] in lex.to_prepositions


def _quoted_as_saying(cue: Cue, tokens: list[Token], raw_words: list[str], lang: str, lex: ReportingLexicon,
                      history: list[Speaker], to_raw: Callable[[int, int], tuple[int, int]], doc_kinds: Any) -> None:
    """"A report on Syrian state TV quoted a military source as saying ...": the source quoted is the
    speaker and the verb's subject the link that relays it.  Only with the complement ("as saying") within
    ``_MAX_SOURCE_TOKENS`` words of the verb; the cue then spans up to it, so the content follows it."""
    comp = lex.syntax.quoting_complement
    n = len(comp)
    limit = min(len(tokens) - n + 1, cue.end + _MAX_SOURCE_TOKENS)
    at = next((j for j in range(cue.end + 1, limit)
               if all(tokens[j + i][2] == comp[i] for i in range(n))), None)
    if at is None or cue.speaker is None:
        return
    res = _resolve(tokens[cue.end:at], raw_words[cue.end:at], lang, lex, history)
    if res is None:
        return
    sp, a, b = res
    r0, r1 = to_raw(cue.end + a, cue.end + b)
    cue.chain = [cue.speaker, *cue.chain]
    cue.speaker = _at_span(_descriptor(sp, doc_kinds), r0, r1)
    cue.source = (cue.source[0] if cue.source else cue.end, at + n)


def _coordinated_predicate(tokens: list[Token], cue: Cue, syntax: SourceSyntax) -> bool:
    """The verb is the second of two joined to one subject ("... relies on sources and says")."""
    return cue.start > 0 and tokens[cue.start - 1][2] in syntax.predicate_coordinators


def _first_source(tokens: list[Token], raw_words: list[str], lang: str, lex: ReportingLexicon,
                  history: list[Speaker]) -> tuple[Speaker, int, int] | None:
    """The source opening a clause whose verb comes later ("The Syrian Observatory for Human Rights relies
    on a network of activists ... and says"): the phrase read from the clause start, grown word by word
    while it names the same source; the first other source it runs into (the activists) ends it."""
    best: tuple[Speaker, int, int] | None = None
    for end in range(1, len(tokens) + 1):
        res = _resolve(tokens[:end], raw_words[:end], lang, lex, history)
        if res is None:
            if best is not None:
                return best
            continue
        if best is not None and (res[1] != best[1] or res[0].kind != best[0].kind
                                 or res[0].canonical_id != best[0].canonical_id):
            return best
        best = res
    return best


def _colon_after(norm: str, tokens: list[Token], cue: Cue) -> bool:
    return cue.end < len(tokens) and ":" in norm[tokens[cue.end - 1].end:tokens[cue.end].start]


class DocSourceKinds:
    """``_entities_by_kind(doc)``, worked out the first time a descriptor ("a monitor") asks: most
    documents have none, and the count scans every sentence."""

    __slots__ = ("_doc", "_best", "_counts")

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._best: dict[str, str] | None = None
        self._counts: dict[str, int] = {}

    def get(self, kind: str) -> str | None:
        if self._best is None:
            self._counts = _entity_counts(self._doc)
            self._best = _entities_by_kind(self._counts)
        candidates = descriptor_entities().get(kind)
        if candidates:
            # "the coalition": whichever listed source the text names more (ties: the first listed)
            return max(candidates, key=lambda e: (self._counts.get(e, 0), -candidates.index(e)))
        return self._best.get(kind)


def _entity_counts(doc: Document) -> dict[str, int]:
    """How often the document names each known source."""
    assert doc.norm is not None
    counts: dict[str, int] = {}
    for sent, (_, _, toks) in zip(doc.sentences or [], sentence_tokens(doc), strict=True):
        lang = _sentence_lang(sent.lang, doc.lang)
        for it in scan_cached(toks, lang):
            if "entity" in it.tags:
                counts[str(it.tags["entity"])] = counts.get(str(it.tags["entity"]), 0) + 1
    return counts


def _entities_by_kind(counts: dict[str, int]) -> dict[str, str]:
    """The most-mentioned known source of each entity kind in the document ("monitor" -> org:sohr): what
    a descriptor such as "a monitor" or "the monitoring group" stands for in this text."""
    best: dict[str, str] = {}
    records = canonical_entities()
    for ent in sorted(counts, key=lambda e: -counts[e]):
        best.setdefault(str(records.get(ent, {}).get("kind", "organisation")), ent)
    return best


def _descriptor(sp: Speaker, doc_kinds: DocSourceKinds | dict[str, str] | None) -> Speaker:
    """"a monitor said": the monitoring organisation the document names elsewhere, if it names one."""
    if sp.kind != "unnamed_group" or not sp.role or not sp.role.startswith("descriptor:"):
        return sp
    kind = sp.role.split(":", 1)[1]
    ent = (doc_kinds or {}).get(kind)
    if ent is None:
        return replace(sp, role=kind)
    rec = canonical_entities().get(ent, {})
    return Speaker(kind="organisation", name=sp.name, canonical_id=ent, canonical_name=rec.get("name"),
                   side=rec.get("side"), start=sp.start, end=sp.end)


def _resolve_nearest(tokens: list[Token], raw_words: list[str], lang: str, lex: ReportingLexicon,
                     history: list[Speaker], max_gap: int = 3) -> tuple[Speaker, int, int] | None:
    """English subject before the verb: the source phrase nearest the verb ("... killed 25 members of the
    Nusra Front, the Observatory said" names the Observatory, not Nusra).  The head must end within
    ``max_gap`` words of the verb ("Syrian opposition forces on Sunday claimed"); the phrase is then
    widened leftwards over words it absorbs ("Syrian" + "opposition forces")."""
    n = len(tokens)
    # a speaker starting at a token begins with a lexicon phrase, a pronoun or a capitalised name: only
    # there can the phrase from that token on resolve to a speaker that starts at it
    phrase_first = speaker_lexicon(lang).trie.first_words(lang)
    pronoun_first = lex.anaphora.first_words(lang)
    for i in range(n - 1, -1, -1):
        word = tokens[i].text
        if word not in phrase_first and word not in pronoun_first and not raw_words[i][:1].isupper():
            continue
        res = _resolve(tokens[i:], raw_words[i:], lang, lex, history)
        if res is not None and res[1] == 0 and i + res[2] < n - max_gap and res[0].kind == "anonymous":
            # "an official at the Iraqi interior ministry said": the source's body reaches the verb
            body = _source_body(tokens, raw_words, i, n, lang, lex)
            if body is not None and body[3] >= n - max_gap:
                res = (res[0], 0, body[3] - i)
        if res is None or i + res[2] < n - max_gap or res[1] != 0:
            continue
        sp, a, b = res
        floor = 0  # the widening below stops at the end of a known name before the phrase
        if sp.canonical_id is None:
            # a known source whose name holds the phrase: "the Syrian Observatory for Human Rights said",
            # not a person "Human Rights" (tried only where a known name may start)
            entity_starts = speaker_lexicon(lang).trie.starts(tokens, lang)
            for j in reversed([k for k in entity_starts if i - _MAX_SOURCE_TOKENS < k < i]):
                known = _resolve(tokens[j:], raw_words[j:], lang, lex, history)
                if known is None or known[1] != 0 or not known[0].canonical_id:
                    continue
                if j + known[2] >= i + b:
                    return known[0], j, j + known[2]
                floor = max(floor, j + known[2])
        best = (sp, i + a, i + b)
        for j in range(i - 1, max(floor - 1, i - 3), -1):
            # ("the Syrian Network for Human Rights Fadel Abdul Ghani told": not "Rights Fadel Abdul Ghani")
            wider = _resolve(tokens[j:], raw_words[j:], lang, lex, history)
            if wider is None or wider[1] != 0 or wider[0].kind != sp.kind or wider[0].canonical_id != sp.canonical_id:
                break
            best = (wider[0], j, j + wider[2])
        return best
    return None


def _is_self(sp: Speaker, self_ids: set[str] | None) -> bool:
    """The publishing outlet itself, or its own correspondent ("به گزارش خبرنگار خبرگزاری فارس")."""
    if not self_ids:
        return False
    return sp.canonical_id in self_ids or (sp.kind == "anonymous" and sp.organisation in self_ids)


def _speakerless_ok(tokens: list[Token], cue: Cue, lex: ReportingLexicon) -> bool:
    """English: a cue without a source is only accepted with an anaphor-free continuation ("added that")."""
    return cue.end < len(tokens) and tokens[cue.end].text in lex.complementizers


def _inverted(tokens: list[Token], norm: str, cue: Cue) -> bool:
    """English inverted attribution: '"...," said the official' -- verb after a quote or comma."""
    if cue.start == 0:
        return False
    gap = norm[tokens[cue.start - 1].end:tokens[cue.start].start]
    return '"' in gap or "," in gap


def _adjacent(cue: Cue, frame: Cue, cues: list[Cue]) -> bool:
    """A citing frame belongs to the cue right before or after it (nothing else in between)."""
    lo, hi = sorted((cue.start, frame.start))
    between = [c for c in cues if lo < c.start < hi and c is not cue and c is not frame and c.kind != "drop"]
    if between:
        return False
    dist = frame.start - cue.seg_end if frame.start >= cue.start else cue.start - (frame.source[1] if frame.source else frame.end)
    return dist <= 8


def _span_after(tokens: list[Token], k: int, lex: ReportingLexicon, blocked: Any, boundary_between: Any,
                stop_at: set[int] | None = None) -> tuple[int, int] | None:
    stops: Any = stop_at or ()
    told = lex.told_to
    told_first = told.first_words(lex.lang)  # (where a "told" phrase may start)
    complementizers = lex.complementizers
    j = k
    end = min(len(tokens), k + _MAX_SOURCE_TOKENS)
    while j < end:
        if j > k and boundary_between(j - 1, j):
            break
        text = tokens[j][2]
        if text in complementizers or blocked(j) or j in stops:
            break
        if text in told_first and told.match(tokens, j, lex.lang):
            break
        j += 1
    return (k, j) if j > k else None


def _span_before(tokens: list[Token], k: int, lex: ReportingLexicon, blocked: Any, boundary_between: Any,
                 citing: list[Cue]) -> tuple[int, int] | None:
    """Tokens before the verb back to the clause start; a citing frame in between is skipped over."""
    j = k
    syntax = lex.syntax
    limit = syntax.subject_reach
    jumps: dict[int, Cue] = {}  # where a citing frame's source ends -> the first such frame
    for c in citing:
        if c.source:
            jumps.setdefault(c.source[1], c)
    stops_at_commas = not syntax.subject_crosses_commas
    # (the complementizers end the subject unless it may hold one)
    complementizers: Any = () if syntax.complementizer_inside_subject else lex.complementizers
    while j > 0 and k - j < limit:
        if jumps:
            jump = jumps.get(j)
            if jump is not None:
                j = jump.start
                k = j  # the source proper ends where the citing frame starts
                continue
        if stops_at_commas and j < k and boundary_between(j - 1, j):
            break  # Persian subjects reach back over commas (SOV: "X، با ارسال پیام به ...، اعلام کرد")
        if blocked(j - 1) or tokens[j - 1][2] in complementizers:
            break  # Persian "که" before the verb opens a relative clause inside the subject, not the content
        j -= 1
    return (j, k) if k > j else None


def _resolve(tokens: list[Token], raw_words: list[str], lang: str, lex: ReportingLexicon,
             history: list[Speaker]) -> tuple[Speaker, int, int] | None:
    """The speaker a source phrase names: an anaphor's antecedent in ``history`` ("وی", "the group"), else
    ``resolve_speaker``.  All but the antecedent depends only on the phrase's words (``lex`` is the phrase
    language's): worked out once per phrase (``_plan``) and remembered with ``_RESOLVED``'s key."""
    key = (lang, tuple(map(_TEXT_OF, tokens)), tuple(raw_words))
    plan = _PLANS.get(key)
    if plan is None:
        if len(_PLANS) >= _RESOLVED_MAX:
            _PLANS.clear()
        plan = _PLANS[key] = _plan(tokens, raw_words, lang, lex)
    kind, offset, length, res = plan
    if kind is not None:
        target = _antecedent(history, kind)
        if target is not None:
            return target, offset, offset + length
    if res is _UNSET:
        # (the whole phrase: ``_PLANS`` remembers its answer, so ``_RESOLVED`` would only hold it twice)
        res = plan[3] = resolve_speaker(tokens, raw_words, lang) if offset == 0 else \
            _resolved_speaker(tokens[offset:], raw_words[offset:], lang)
    if res is None:
        return None
    sp, a, b = res
    return sp, a + offset, b + offset


#: phrase key (see ``_resolved_speaker``) -> [anaphor kind or None, where the phrase proper starts, the
#: anaphor's length, ``resolve_speaker`` on the phrase from there (``_UNSET`` until asked)]
_PLANS: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[Any]] = {}


def _plan(tokens: list[Token], raw_words: list[str], lang: str, lex: ReportingLexicon) -> list[Any]:
    """What ``_resolve`` does before looking at the history: an anaphor opening the phrase, or (Persian /
    English) one later in it after words that name no speaker ("... این روزنامه ...")."""
    ana = lex.anaphora.match(tokens, 0, lang) if tokens else None
    offset = 0
    if ana is None:
        for i in lex.anaphora.starts(tokens, lang):
            if i == 0:
                continue
            m = lex.anaphora.match(tokens, i, lang)
            if m and not _resolved_speaker(tokens[:i], raw_words[:i], lang):
                ana = m
                offset = i
                break
    if ana is None or _names_a_person(tokens[offset:], raw_words[offset:], lang):
        return [None, offset, 0, _UNSET]
    return [ana[1]["ana"], offset, ana[0], _UNSET]


def _names_a_person(tokens: list[Token], raw_words: list[str], lang: str) -> bool:
    """The phrase opening with an anaphor goes on with a person's name ("الناشط المدني جلال الشحماني"):
    the activist is named here, not the one spoken of before.  A name of one word, or of words all with
    the article, is an adjective read as a name ("المسؤول الأمني"): the anaphor stands."""
    res = _resolved_speaker(tokens, raw_words, lang)
    if res is None or res[0].kind != "person":
        return False
    if res[0].canonical_id:
        return True
    words = normalize_term(res[0].name or "").split()
    articles = speaker_lexicon(lang).articles
    return len(words) >= 2 and any(not w.startswith(articles) for w in words) if articles else len(words) >= 2


#: (lang, token texts, raw words) -> ``resolve_speaker``'s answer for a source phrase; emptied when full
_RESOLVED: dict[tuple[str, tuple[str, ...], tuple[str, ...]], tuple[Speaker, int, int] | None] = {}
_RESOLVED_MAX = 8192  # (each memo: ~1 KB a phrase, the words kept)
_UNSET: Any = object()


def _resolved_speaker(tokens: list[Token], raw_words: list[str], lang: str) -> tuple[Speaker, int, int] | None:
    """``resolve_speaker``, remembered by the phrase's words: it reads only the token texts and the raw
    words (never offsets), and source phrases recur -- the same span is resolved again by the coordinated,
    nearest-subject and anonymous-holder passes, and "قال المرصد" opens source phrases in many documents
    (45% of the calls on the 1k bench corpus).  The answer is shared: callers copy a speaker
    (``dataclasses.replace``) before giving it offsets or storing it, never change it in place."""
    key = (lang, tuple(map(_TEXT_OF, tokens)), tuple(raw_words))
    res = _RESOLVED.get(key, _UNSET)
    if res is not _UNSET:
        return res
    if len(_RESOLVED) >= _RESOLVED_MAX:
        _RESOLVED.clear()
    res = _RESOLVED[key] = resolve_speaker(tokens, raw_words, lang)
    return res


def _antecedent(history: list[Speaker], kind: str) -> Speaker | None:
    compatible = {"person": ("person", "anonymous"), "anonymous": ("anonymous", "person"),
                  "organisation": ("organisation",), "unnamed_group": ("unnamed_group",)}.get(kind, (kind,))
    for sp in reversed(history):
        if sp.kind in compatible:
            return sp
    return None


def _resolve_all(tokens: list[Token], raw_words: list[str], lang: str, lex: ReportingLexicon,
                 history: list[Speaker]) -> list[Speaker]:
    """Speakers of a coordinated source ("سایتهای لبنانی و مخالفان دولت سوریه"): split at و/and."""
    conj = lex.coordinators
    parts: list[tuple[int, int]] = []
    s = 0
    for i, t in enumerate(tokens):
        if t.text in conj:
            parts.append((s, i))
            s = i + 1
    parts.append((s, len(tokens)))
    out: list[Speaker] = []
    for a, b in parts:
        res = _resolve(tokens[a:b], raw_words[a:b], lang, lex, history)
        if res is not None:
            out.append(res[0])
    if len(out) <= 1:
        res = _resolve(tokens, raw_words, lang, lex, history)
        return [res[0]] if res else []
    return out


# --------------------------------------------------------------------------------------------
# Stage
# --------------------------------------------------------------------------------------------


_MENTION_SOURCE = attrgetter("source")


def attribution_for_span(doc: Document, analysis: DocAttribution, raw_start: int) -> Region | None:
    assert doc.norm is not None
    return analysis.at(doc.norm.from_raw(raw_start))


def attribution_stage(doc: Document) -> None:
    """Attach ``event.attribution`` to every event and add speaker / reporting-verb mentions."""
    ensure_norm(doc)
    if not doc.sentences:
        from rasad.text.sentences import sentences_stage

        sentences_stage(doc)
    analysis = analyse_document(doc)
    _LAST_ANALYSIS[:] = [(_analysis_key(doc), analysis)]
    for ev in doc.events:
        region = attribution_for_span(doc, analysis, ev.trigger.start)
        attr = region.attribution if region else analysis.own
        ev.attribution = Attribution(speaker=attr.speaker, outlet=analysis.own.outlet, reporting_verb=attr.reporting_verb,
                                     verb_start=attr.verb_start, verb_end=attr.verb_end, chain=list(attr.chain),
                                     direct_quote=attr.direct_quote)
        if region and region.polarity == "denies" and ev.polarity == "asserted":
            ev.polarity = "denied"
    if "attribution" in map(_MENTION_SOURCE, doc.mentions):  # (a second run on the document: one C-level test)
        doc.mentions = [m for m in doc.mentions if m.source != "attribution"]
    seen: set[tuple[int | None, int | None, str]] = set()
    persons: list[tuple[int, int]] = []  # the person mentions added here, for ``_add_person_names``
    # an attribution object gives its mentions at its first region: the later regions it covers (the
    # outlet's own voice in most sentences, a speaker's continued over several) would only find their keys
    # in ``seen`` (the analysis holds every object, so the ids stay theirs)
    done: set[int] = set()
    for region in analysis.regions:
        attr = region.attribution
        if id(attr) in done:
            continue
        done.add(id(attr))
        if attr.verb_start is not None and (attr.verb_start, attr.verb_end, "reporting_verb") not in seen:
            seen.add((attr.verb_start, attr.verb_end, "reporting_verb"))
            doc.mentions.append(Mention(attr.verb_start, attr.verb_end or attr.verb_start,
                                        doc.text[attr.verb_start:attr.verb_end], "reporting_verb",
                                        sentence=region.sentence, lang=doc.lang, source="attribution",
                                        attrs={"polarity": region.polarity}))
        for sp in [attr.speaker, *attr.chain]:
            if sp.start is None or sp.kind == "outlet":
                continue
            kind = "person" if sp.kind == "person" else "organisation" if sp.kind == "organisation" else "other"
            key = (sp.start, sp.end, kind)
            if key in seen:
                continue
            seen.add(key)
            if kind == "person":
                persons.append((sp.start, sp.end or sp.start))
            doc.mentions.append(Mention(sp.start, sp.end or sp.start, doc.text[sp.start:sp.end], kind,
                                        canonical_id=sp.canonical_id, sentence=region.sentence, lang=doc.lang,
                                        source="attribution", attrs={"speaker_kind": sp.kind, "role": sp.role,
                                                                     "organisation": sp.organisation}))
    _add_person_names(doc, persons)


def _add_person_names(doc: Document, taken: list[tuple[int, int]]) -> None:
    """Person-name mentions for every name in the text (``rasad.extract.names``), speakers or not; a name
    already covered by a speaker mention (``taken``: their raw spans, in the order they were added; the
    list is extended) is not repeated.  Names carry over between sentences (a family name alone after the
    full name)."""
    assert doc.norm is not None
    memory = NameMemory()
    known = known_languages()
    text, starts, ends = doc.text, doc.norm.starts, doc.norm.ends
    sentences: list[tuple[Any, list[Token], str]] = []
    by_lang: dict[str, list[list[str]]] = {}
    for sent, (_, _, tokens) in zip(doc.sentences, sentence_tokens(doc), strict=True):
        lang = sent.lang if sent.lang in known else doc.lang
        if lang in known:
            sentences.append((sent, tokens, lang))
            by_lang.setdefault(lang, []).append(token_texts(tokens))
    # the words that may open a name, found once for the whole text (per language)
    openers = {lang: document_openers(texts, lang) for lang, texts in by_lang.items()}
    for sent, tokens, lang in sentences:
        raw_words: list[str] = RawWords(tokens, text, starts, ends)  # type: ignore[assignment]  # (a view)
        for a, b in find_person_names(tokens, raw_words, lang, memory, openers[lang]):
            r0, r1 = doc.norm.to_raw(tokens[a].start, tokens[b - 1].end)
            for s, e in taken:
                if s < r1 and r0 < e:
                    break  # covered by a speaker mention or an earlier name
            else:
                taken.append((r0, r1))
                doc.mentions.append(Mention(r0, r1, doc.text[r0:r1], "person", sentence=sent.index, lang=lang,
                                            source="attribution", attrs={"speaker_kind": None}))
