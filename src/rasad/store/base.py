"""The store interface.  SQLite is the default back-end; PostgreSQL implements the same interface.

Every write of a document (with its sentences, mentions, events and claims) is one transaction, so a
crash mid-run leaves either the whole document or nothing, and a re-run resumes by skipping the
documents already stored (``has_document``).  Merge results (canonical events, stories) are replaced
as a whole, also in one transaction.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasad.model import CanonicalEvent, Claim, Document, Event, Story


@dataclass
class EventFilter:
    """Filters shared by the CLI, the API and the exports.  All are optional and combine with AND."""

    event_type: str | None = None
    sub_event_type: str | None = None
    place_id: str | None = None  # the place itself or anything inside it (admin1/admin2/admin3 match)
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    place_ids: list[str] | None = None  # any of these places (e.g. a city and every neighbourhood in it)
    actor: str | None = None  # canonical actor id or words used (substring of the wording)
    actor_id: str | None = None  # exact canonical actor id (indexed; faster than ``actor`` on big stores)
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    text: str | None = None  # substring of the evidence sentence / notes
    doc_id: str | None = None
    lang: str | None = None
    polarity: str | None = None
    limit: int | None = None
    offset: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Rejection:
    """A file or entry that could not be ingested, with the reason (shown to the user, kept in the store)."""

    source: str
    reason: str
    run_id: int | None = None


class Store(ABC):
    """Persistence for documents, their extractions, merge results, gazetteer imports and runs."""

    url: str

    # --- documents ---------------------------------------------------------------------------
    @abstractmethod
    def has_document(self, doc_id: str) -> bool: ...

    def stored_document_ids(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of ``doc_ids`` are stored (``has_document`` for several; back-ends answer in one query)."""
        return {doc_id for doc_id in doc_ids if self.has_document(doc_id)}

    @abstractmethod
    def save_document(self, doc: Document) -> bool:
        """Insert or replace a document with all its extractions in one transaction.

        Returns True when the document is new, False when it replaced an existing one."""

    def save_documents(self, docs: Sequence[Document], *, keep_for_merge: bool = False) -> list[bool]:
        """Save several documents; each is whole or absent after a crash (back-ends may commit them
        together, which is much cheaper than one commit each).  Returns ``save_document``'s answer per
        document.  ``keep_for_merge``: the caller hands the documents over (it will not change them), and
        a back-end may keep what the next merge reads of them in memory."""
        return [self.save_document(doc) for doc in docs]

    @abstractmethod
    def get_document(self, doc_id: str) -> Document | None: ...

    @abstractmethod
    def find_document_ids(self, prefix: str) -> list[str]:
        """Ids starting with ``prefix`` (users type short ids)."""

    @abstractmethod
    def list_documents(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Metadata rows: id, outlet, lang, published, title, url, source_path, n_events."""

    @abstractmethod
    def iter_documents(self, *, children: Collection[str] = ("sentences", "mentions", "events", "claims"),
                       mention_kinds: Collection[str] | None = None) -> Iterator[Document]:
        """Every document, streamed.  ``children`` limits which of sentences/mentions/events/claims are
        loaded (the others stay empty) and ``mention_kinds`` which mentions: a corpus-level pass that
        needs only events and place mentions reads a fraction of the rows and holds a fraction of the
        memory (mentions are ~40% of a loaded document)."""

    @abstractmethod
    def count_documents(self) -> int: ...

    def copy_signatures(self, doc_ids: Sequence[str]) -> dict[str, bytes | None]:
        """Stored copy-detection signatures (``rasad.merge.copies.signature_bytes``; None: too short to
        compare) of those of ``doc_ids`` that have one of the current scheme; the merge hashes the texts of
        the others.  A store that keeps none returns {}."""
        return {}

    # --- events and claims ----------------------------------------------------------------
    @abstractmethod
    def iter_events(self, flt: EventFilter | None = None) -> Iterator[Event]: ...

    @abstractmethod
    def count_events(self, flt: EventFilter | None = None, cap: int | None = None) -> int:
        """Number of document events matching ``flt`` (ignoring limit/offset); with ``cap``, counting stops
        after ``cap + 1`` matches (a caller shows "more than cap")."""

    @abstractmethod
    def iter_claims(self, doc_id: str | None = None, event_id: str | None = None) -> Iterator[Claim]: ...

    # --- merge results ----------------------------------------------------------------------
    @abstractmethod
    def replace_merge(self, events: Iterable[CanonicalEvent], stories: Iterable[Story]) -> None:
        """Replace all canonical events and stories in one transaction."""

    @abstractmethod
    def iter_canonical_events(self, flt: EventFilter | None = None) -> Iterator[CanonicalEvent]: ...

    def count_canonical_events(self, flt: EventFilter | None = None, cap: int | None = None) -> int:
        """Number of canonical events matching ``flt`` (ignoring limit/offset); with ``cap``, counting stops
        after ``cap + 1`` matches (a caller shows "more than cap").  Back-ends override this with a COUNT
        query; the default counts by iterating."""
        if flt is not None:
            flt = EventFilter(**{**flt.__dict__, "limit": None, "offset": 0})
        n = 0
        for _ in self.iter_canonical_events(flt):
            n += 1
            if cap is not None and n > cap:
                break
        return n

    @abstractmethod
    def get_canonical_event(self, event_id: str) -> CanonicalEvent | None: ...

    @abstractmethod
    def iter_stories(self) -> Iterator[Story]: ...

    @abstractmethod
    def get_story(self, story_id: str) -> Story | None: ...

    # --- runs and rejections ------------------------------------------------------------------
    @abstractmethod
    def start_run(self, command: str) -> int: ...

    @abstractmethod
    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None: ...

    @abstractmethod
    def record_rejection(self, rejection: Rejection) -> None: ...

    @abstractmethod
    def list_rejections(self, run_id: int | None = None) -> list[Rejection]: ...

    # --- gazetteer imports ----------------------------------------------------------------------
    @abstractmethod
    def save_places(self, places: Iterable[dict[str, Any]], source: str) -> int:
        """Insert or replace imported gazetteer entries (dicts in the gazetteer entry format)."""

    @abstractmethod
    def iter_places(self) -> Iterator[dict[str, Any]]: ...

    @abstractmethod
    def places_fingerprint(self) -> tuple[Any, ...]:
        """A cheap summary of the imported entries (count, id range, coordinate and name sums) that changes
        when an import adds, replaces or moves entries: a long-lived process re-reads them only then."""

    # --- lifecycle ------------------------------------------------------------------------------
    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(url: str) -> Store:
    """Open a store from a path (``rasad.db``), ``sqlite:///path`` or ``postgresql://...``."""
    if url.startswith(("postgresql://", "postgres://")):
        from rasad.store.postgres import PostgresStore

        return PostgresStore(url)
    from rasad.store.sqlite import SQLiteStore

    path = url.removeprefix("sqlite:///").removeprefix("sqlite://")
    return SQLiteStore(path)
