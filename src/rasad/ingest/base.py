"""Shared pieces of ingestion: errors, overrides, size limit, building a Document from fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasad.ingest.dates import parse_published, refine_published
from rasad.model import Document
from rasad.store.base import Rejection

#: Files (and entries) larger than this are rejected rather than read into memory.
MAX_BYTES = 20 * 1024 * 1024


class IngestError(Exception):
    """A file or entry that cannot become a document; the message is the reason shown to the user."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def rejection(self) -> Rejection:
        return Rejection(source=self.source, reason=self.reason)


@dataclass(frozen=True)
class Overrides:
    """Metadata given on the command line; wins over what the files say."""

    outlet: str | None = None
    published: str | None = None
    lang: str | None = None


def make_document(
    text: str,
    source: str,
    source_format: str,
    overrides: Overrides | None = None,
    *,
    title: Any = None,
    outlet: Any = None,
    url: Any = None,
    published: Any = None,
    lang: Any = None,
    encoding: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Document:
    """A Document from raw fields, applying overrides; raises IngestError when there is no text."""
    if text is None or not str(text).strip():
        raise IngestError(source, "empty: no text")
    text = str(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise IngestError(source, "binary content (NUL characters in text)")
    overrides = overrides or Overrides()
    meta = dict(meta or {})
    published_value = overrides.published if overrides.published else published
    when, precision = parse_published(published_value)
    if published_value not in (None, "") and when is None:
        meta["published_raw"] = str(published_value)
    if not overrides.published:
        when, precision, from_url = refine_published(when, precision, _clean(url))
        if from_url:
            meta["published_from"] = "url"
    lang_value = overrides.lang or (str(lang).strip().lower() if lang else None)
    if overrides.lang:
        meta["lang_override"] = overrides.lang
    elif lang_value:
        meta["lang_declared"] = lang_value
    return Document.create(
        text,
        title=_clean(title),
        outlet=_clean(overrides.outlet) or _clean(outlet),
        url=_clean(url),
        published=when,
        published_precision=precision,
        lang=overrides.lang or "und",
        source_path=source,
        source_format=source_format,
        encoding=encoding,
        meta=meta,
    )


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
