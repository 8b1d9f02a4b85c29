"""Text search over stored events (``EventFilter.text``, the API's and CLI's ``q``).

What is searched
    Each document event has a ``search_text``: its evidence sentence, trigger and evidence spans, the
    outlet's wording and the canonical names of its actors, and the place as written and its canonical
    name -- one field per line, folded by ``search_fold``.  A merged (canonical) event matches when one
    of its tellings matches.

How a query matches
    The query is folded the same way as the text (``rasad.text.normalize``: hamza/alef forms, ي/ی/ى,
    ك/ک, ة/ه, tashkeel, tatweel, ZWNJ, Arabic-Indic and Persian digits, case), then split into words;
    a double-quoted part ("قوات النظام") is one term.  An event matches when **every** term occurs in
    its search text **as a substring**: word order is free, a word matches inside longer words (so a
    typed "ادلب" finds "بإدلب" and "وادلب", "khalid" finds "Khalidiya": prefix and proclitic matches come
    for free), and a quoted phrase must occur as written, spaces included.  ``"`` only delimits phrases
    (an unclosed quote runs to the end of the query); every other character -- ``*``, ``%``, ``_``,
    ``(``, ``-``, ``OR`` -- is matched literally.  A query with no terms (empty, only quotes or marks)
    does not filter.

Indexes
    SQLite: an FTS5 table ``events_search`` with the trigram tokenizer over ``events.search_text``
    (kept in step by triggers); each term of 3+ characters is one quoted FTS5 phrase, so user input
    never reaches FTS5 query syntax.  PostgreSQL: a ``pg_trgm`` GIN index on ``events.search_text``
    when the extension can be created, each term one bound ``LIKE`` pattern.  Terms shorter than three
    characters cannot use a trigram index: they are checked with ``LIKE`` on the rows the longer terms
    selected (or on every row when the query has no longer term).  Both back-ends answer the same
    query with the same rows.  On SQLite a capped FTS5 probe picks the plan: a word with few matches reads
    them first; a common word walks the listing order testing each row with ``LIKE`` and stops at the
    page's end or the count's cap (the API counts a ``q`` up to 1,000), never reading every match.  A
    capped count with no other filter on the rows counted (or with few matches) streams the FTS5 matches
    instead (``fts5_stream``), joining each to its row and stopping one past the cap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rasad.text.normalize import fold_hamza_ye, normalize_text

#: Longest query accepted, in folded characters, and most terms (the API caps ``q`` at 200 characters).
MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
#: Terms shorter than this cannot be looked up in a trigram index.
TRIGRAM = 3

#: Runs of spaces, tabs and control characters (NUL included: PostgreSQL text cannot hold it).
#: The same characters as ``(?:[^\S\n]|[\x00-\x09\x0b-\x1f\x7f])+`` (every Unicode space but the newline,
#: and the C0 controls and DEL) as one character class: the regex engine scans a class run several times
#: faster than an alternation (a test checks the two on every code point).
_SPACES = re.compile("[\x00-\x09\x0b-\x20\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_PHRASES = re.compile(r'"([^"]*)"?|([^\s"]+)')


def search_fold(text: str) -> str:
    """``text`` as it is indexed and matched: normalized, lower-cased, runs of spaces, tabs and control
    characters made one space (a newline stays: it separates the fields of a search text, so no phrase spans two fields)."""
    folded = fold_hamza_ye(normalize_text(text)).lower()
    return "\n".join(part.strip() for part in _SPACES.sub(" ", folded).split("\n") if part.strip())


class SearchQueryError(ValueError):
    """A query the store refuses (too long, too many terms); the message is meant for the user."""


@dataclass(frozen=True)
class SearchQuery:
    """A parsed ``q``: the folded terms every matching event contains."""

    terms: tuple[str, ...]

    @classmethod
    def parse(cls, query: str) -> SearchQuery:
        """Fold and split ``query`` (see the module docstring); raise ``SearchQueryError`` when too big."""
        folded = " ".join(search_fold(query).split("\n"))
        if len(folded) > MAX_QUERY_CHARS:
            raise SearchQueryError(f"search text is too long ({len(folded)} characters; at most {MAX_QUERY_CHARS})")
        terms: list[str] = []
        for match in _PHRASES.finditer(folded):
            term = " ".join((match.group(1) if match.group(1) is not None else match.group(2) or "").split())
            if term and term not in terms:
                terms.append(term)
        if len(terms) > MAX_TERMS:
            raise SearchQueryError(f"search text has too many words ({len(terms)}; at most {MAX_TERMS})")
        # a term inside another term adds nothing: keep the longer ones (fewer index lookups)
        kept = tuple(t for t in terms if not any(t != other and t in other for other in terms))
        return cls(kept)

    @property
    def indexed_terms(self) -> tuple[str, ...]:
        """Terms a trigram index can look up (3+ characters)."""
        return tuple(t for t in self.terms if len(t) >= TRIGRAM)

    @property
    def short_terms(self) -> tuple[str, ...]:
        return tuple(t for t in self.terms if len(t) < TRIGRAM)

    def fts5_expression(self) -> str:
        """The FTS5 MATCH expression of the indexed terms: each a double-quoted string (a literal phrase:
        inside quotes only ``"`` is special, and it is doubled), joined with AND."""
        return " AND ".join('"' + term.replace('"', '""') + '"' for term in self.indexed_terms)


def like_pattern(term: str) -> str:
    r"""A ``LIKE`` pattern (escape character ``\``) matching ``term`` anywhere."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


#: How a query's text condition is written (``SQLStore._text_plan`` picks one per query):
#: ``like``: a LIKE per term on ``search_text`` (PostgreSQL, whose planner picks the pg_trgm index itself;
#: SQLite for a page or capped count of a common word: walking the listing order, stopping at the page's
#: end or the cap -- no read of every FTS5 match, no sort);
#: ``fts5_driven``: SQLite reads the FTS5 matches first and looks the rows up (few matches, or an
#: uncapped count);
#: ``fts5_stream``: the FTS5 table is the outer loop of the query itself (``FTS5_STREAM_FROM``): its matches
#: are joined to their rows one by one, so a capped count stops reading them at the cap.
TEXT_PLANS = ("like", "fts5_driven", "fts5_stream")

#: The FROM clause of an ``fts5_stream`` query over the events ``e``: ``CROSS JOIN`` keeps the FTS5 table the
#: outer loop (SQLite never reorders it), whatever other tables the query joins after it.
FTS5_STREAM_FROM = "events_search CROSS JOIN events e ON e.rowid = events_search.rowid"


def text_conditions(query: SearchQuery, alias: str, plan: str = "like") -> tuple[list[str], list[Any]]:
    """SQL conditions (``?`` placeholders) selecting the events ``alias`` whose search text holds every term,
    written for ``plan`` (``TEXT_PLANS``); every plan selects the same rows (``fts5_stream``: when the query
    reads ``FTS5_STREAM_FROM`` with ``alias`` ``e``)."""
    if plan not in TEXT_PLANS:
        raise ValueError(f"unknown text search plan {plan!r}")
    where: list[str] = []
    params: list[Any] = []
    like_terms: Iterable[str] = query.terms
    if plan == "fts5_stream":
        if not query.indexed_terms:
            raise ValueError("the fts5_stream plan needs a term of 3+ characters")
        where.append("events_search MATCH ?")
        params.append(query.fts5_expression())
        like_terms = query.short_terms
    elif plan != "like" and query.indexed_terms:
        where.append(f"{alias}.rowid IN (SELECT rowid FROM events_search WHERE events_search MATCH ?)")
        params.append(query.fts5_expression())
        like_terms = query.short_terms
    for term in like_terms:
        where.append(f"{alias}.search_text LIKE ? ESCAPE '\\'")
        params.append(like_pattern(term))
    return where, params


#: ``_fold_line`` answers for recent fields: actor and place names and the outlets' wordings of them come
#: back event after event, and the events of one sentence share its text.
_FOLDED_LINES: dict[str, str] = {}
_FOLDED_LINES_MAX = 8192


def _fold_line(field: str) -> str:
    """``search_fold`` of one line (``field`` holds no newline).  Folding is character by character
    (``normalize_text``, ``str.lower``, and the space runs stop at a newline), so folding the lines of a
    text one at a time and joining the non-empty ones gives ``search_fold`` of the whole text (tested)."""
    folded = _FOLDED_LINES.get(field)
    if folded is None:
        if len(_FOLDED_LINES) >= _FOLDED_LINES_MAX:
            _FOLDED_LINES.clear()
        folded = _FOLDED_LINES[field] = _SPACES.sub(" ", fold_hamza_ye(normalize_text(field)).lower()).strip()
    return folded


def event_search_text(event: Any) -> str:
    """The folded search text of a model ``Event`` (see the module docstring for what it holds): its distinct
    non-empty fields (a field's own newlines made spaces) one per line, folded by ``search_fold``."""
    sentence, trigger = event.sentence, event.trigger
    values = [sentence.text if sentence else None, trigger.text if trigger else None]
    values += [span.text for span in event.evidence]
    for actor in (event.actor1, event.actor2, *event.assoc_actors):
        if actor is not None:
            values += (actor.text, actor.name)
    location = event.location
    if location is not None:
        values += (location.text, location.name)
    lines = dict.fromkeys(str(v).replace("\n", " ") for v in values if v)
    return "\n".join([line for line in map(_fold_line, lines) if line])
