"""Ingest of one article posted to the API: the same validation as the CLI, then every stage and a re-merge."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasad.ingest.base import IngestError, Overrides, make_document
from rasad.pipeline import Pipeline, build_pipeline
from rasad.store.base import Store

ALLOWED_FIELDS = {"text", "title", "outlet", "published", "url", "lang"}


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return build_pipeline()


#: (store url, its places fingerprint, the geoparser set for them) of the last post: the entries are read again
#: only when an import changed them (or another caller switched the process's geoparser meanwhile)
_places_for: tuple[str, tuple[Any, ...], Any] | None = None


def _use_store_places(store: Store) -> None:
    """Read places as ``rasad analyze --db`` does, with the built-in gazetteer plus the store's imported
    entries, as they are now: an import made while the service runs is read by the next posted article.
    Each post compares the store's ``places_fingerprint`` (one SQL aggregate) with the last one; reading and
    fingerprinting the entries themselves cost ~0.25 CPU-s per 50k entries, and the geoparser is rebuilt
    only when they changed (``use_imported_places`` keeps the one it built)."""
    global _places_for
    from rasad.places.geoparse import default_geoparser, use_store_gazetteer

    fingerprint = store.places_fingerprint()
    if _places_for != (store.url, fingerprint, default_geoparser()):
        use_store_gazetteer(store)
        _places_for = (store.url, fingerprint, default_geoparser())


def ingest_payload(store: Store, payload: dict[str, Any]) -> tuple[str, bool]:
    """Store one posted article.  Returns (document id, created); raises ValueError with the reason."""
    unknown = set(payload) - ALLOWED_FIELDS
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(ALLOWED_FIELDS))}")
    for key in ALLOWED_FIELDS - {"text"}:
        value = payload.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"field {key!r} must be a string")
    try:
        lang = (payload.get("lang") or "").strip().lower() or None
        doc = make_document(payload["text"], "api", "api", Overrides(lang=lang), title=payload.get("title"),
                            outlet=payload.get("outlet"), url=payload.get("url"), published=payload.get("published"))
    except IngestError as exc:
        raise ValueError(exc.reason) from None
    if store.has_document(doc.id):
        return doc.id, False
    _use_store_places(store)
    _pipeline()(doc)
    created = store.save_document(doc)
    from rasad.merge import merge_store

    merge_store(store)
    return doc.id, created
