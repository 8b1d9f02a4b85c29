"""Ingestion: plain text (any common Arabic encoding, optional YAML front matter), HTML pages, RSS/Atom
feeds, JSON Lines/JSON, CSV/TSV and folders of them, as a stream of Documents and Rejections."""

from rasad.ingest.base import MAX_BYTES, IngestError, Overrides, make_document
from rasad.ingest.dates import parse_published
from rasad.ingest.encoding import decode_bytes
from rasad.ingest.readers import iter_file, iter_paths, split_front_matter

__all__ = [
    "MAX_BYTES",
    "IngestError",
    "Overrides",
    "decode_bytes",
    "iter_file",
    "iter_paths",
    "make_document",
    "parse_published",
    "split_front_matter",
]
