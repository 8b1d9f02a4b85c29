"""Pipeline stage: attach the normalized text and its offset map to the document."""

from __future__ import annotations

from rasad.model import Document
from rasad.text.normalize import normalize


def ensure_norm(doc: Document) -> None:
    """Compute ``doc.norm`` if missing (it is not stored; documents loaded from the store lack it)."""
    if doc.norm is None:
        doc.norm = normalize(doc.text)


def normalize_stage(doc: Document) -> None:
    doc.norm = normalize(doc.text)
