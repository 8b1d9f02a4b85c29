"""Readers: files and folders in, a stream of Documents (or Rejections, one per bad file/entry) out.

Everything is a generator so huge folders stream: ``iter_paths(paths)`` walks folders recursively in a
stable (sorted) order and dispatches on the file extension, sniffing the content when the extension
says nothing.  A bad file or entry never stops the stream; it becomes a ``Rejection`` naming the file
(and the line or entry) and the reason.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from rasad.ingest.base import MAX_BYTES, IngestError, Overrides, make_document
from rasad.ingest.encoding import UndecodableError, binary_kind, decode_bytes
from rasad.ingest.htmltext import extract_page, fragment_to_text
from rasad.model import Document
from rasad.store.base import Rejection

Item = Document | Rejection

TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
FEED_EXTENSIONS = {".rss", ".atom", ".xml", ".feed"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".json"}
CSV_EXTENSIONS = {".csv", ".tsv"}

#: Column / key aliases for tabular input (compared lower-cased).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "article_content", "body", "article", "article_text", "full_text",
             "fulltext", "story", "paragraphs", "description", "summary", "abstract"),
    "title": ("title", "article_title", "headline", "heading"),
    "outlet": ("outlet", "source", "source_name", "publisher", "site", "sitename", "newspaper", "media"),
    "published": ("published", "published_at", "publish_date", "publication_date", "pub_date", "pubdate",
                  "date", "datetime", "timestamp", "created_at", "date_published", "time"),
    "url": ("url", "link", "href", "permalink", "source_url"),
    "lang": ("lang", "language", "language_code"),
}


# ---------------------------------------------------------------------------------------------------
# entry points
# ---------------------------------------------------------------------------------------------------


def iter_paths(paths: Iterable[str | Path], overrides: Overrides | None = None) -> Iterator[Item]:
    """Documents and rejections from files and folders (folders recursively, hidden files skipped)."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file_path in _walk(path):
                yield from iter_file(file_path, overrides)
        elif path.exists():
            yield from iter_file(path, overrides)
        else:
            yield Rejection(str(path), "no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(files):
            if not name.startswith((".", "~")):
                yield Path(root) / name


def iter_file(path: Path, overrides: Overrides | None = None) -> Iterator[Item]:
    """Documents from one file, dispatched by extension (or sniffed); problems become Rejections."""
    source = str(path)
    try:
        data = _read_bytes(path)
        kind = _format_of(path, data)
        if kind == "html":
            yield read_html(data, source, overrides)
        elif kind == "feed":
            yield from read_feed(data, source, overrides)
        elif kind == "jsonl":
            yield from read_json_records(data, source, overrides)
        elif kind == "csv":
            yield from read_csv(data, source, overrides, delimiter="\t" if path.suffix.lower() == ".tsv" else None)
        else:
            yield read_text(data, source, overrides)
    except IngestError as exc:
        yield exc.rejection()


def _read_bytes(path: Path) -> bytes:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(source, f"too large: {size / 1048576:.1f} MB (limit {MAX_BYTES // 1048576} MB)")
        if size == 0:
            raise IngestError(source, "empty file")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from exc
    kind = binary_kind(data)
    if kind:
        raise IngestError(source, f"binary file ({kind}), not text")
    return data


def _format_of(path: Path, data: bytes) -> str:
    ext = path.suffix.lower()
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if ext in TEXT_EXTENSIONS:
        # a saved web page renamed .txt is still a web page
        return "html" if head.startswith((b"<!doctype html", b"<html")) else "text"
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in JSONL_EXTENSIONS:
        return "jsonl"
    if ext in CSV_EXTENSIONS:
        return "csv"
    if ext in FEED_EXTENSIONS or head.startswith(b"<?xml"):
        return "feed" if (b"<rss" in data[:4096].lower() or b"<feed" in data[:4096].lower()
                          or b"<rdf" in data[:4096].lower() or ext in FEED_EXTENSIONS) else "html"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


# ---------------------------------------------------------------------------------------------------
# plain text (with optional YAML front matter)
# ---------------------------------------------------------------------------------------------------


def _decode(data: bytes, source: str) -> tuple[str, str]:
    try:
        return decode_bytes(data)
    except UndecodableError as exc:
        raise IngestError(source, f"undecodable: {exc}") from exc


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(metadata, body)``; metadata is empty unless the text starts with a YAML mapping between ``---``
    lines that has at least one metadata key (title, outlet, published, url, lang or an alias)."""
    if not text.startswith("---"):
        return {}, text
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, text
    end = text.find("\n---", first_nl)
    while end >= 0:
        line_end = text.find("\n", end + 1)
        marker = text[end + 1: line_end if line_end >= 0 else len(text)].strip()
        if marker in ("---", "..."):
            break
        end = text.find("\n---", end + 1)
    if end < 0:
        return {}, text
    try:
        meta = yaml.safe_load(text[first_nl + 1:end])
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    meta = {str(k).lower(): v for k, v in meta.items()}
    known = {alias for name, aliases in FIELD_ALIASES.items() if name != "text" for alias in aliases}
    if not known & set(meta):
        return {}, text  # a YAML-looking first paragraph without any metadata key is text
    body_start = text.find("\n", end + 1)
    body = text[body_start + 1:] if body_start >= 0 else ""
    return meta, body


def read_text(data: bytes, source: str, overrides: Overrides | None = None) -> Document:
    text, encoding = _decode(data, source)
    meta, body = split_front_matter(text)
    fields = _pick_fields(meta)
    extra = {k: v for k, v in meta.items() if k not in fields["_used"]} if meta else {}
    return make_document(body, source, "text", overrides, title=fields["title"], outlet=fields["outlet"],
                         url=fields["url"], published=fields["published"], lang=fields["lang"],
                         encoding=encoding, meta={"front_matter": _jsonable(extra)} if extra else None)


# ---------------------------------------------------------------------------------------------------
# HTML pages
# ---------------------------------------------------------------------------------------------------


def read_html(data: bytes, source: str, overrides: Overrides | None = None) -> Document:
    text, encoding = _decode(data, source)
    if "<" not in text or ">" not in text:
        raise IngestError(source, "broken HTML: no markup found")
    try:
        page = extract_page(text)
    except Exception as exc:  # trafilatura/lxml raise many types on malformed pages
        raise IngestError(source, f"broken HTML: {type(exc).__name__}: {exc}") from exc
    if page is None:
        raise IngestError(source, "broken or empty HTML: no main text found")
    return make_document(page["text"], source, "html", overrides, title=page["title"], outlet=page["outlet"],
                         url=page["url"], published=page["published"], lang=page["lang"], encoding=encoding)


# ---------------------------------------------------------------------------------------------------
# RSS / Atom feeds
# ---------------------------------------------------------------------------------------------------


def read_feed(data: bytes, source: str, overrides: Overrides | None = None) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        raise IngestError(source, f"broken feed: {reason}" if reason else "feed has no entries")
    feed_title = (parsed.get("feed") or {}).get("title")
    for i, entry in enumerate(entries, 1):
        entry_source = f"{source}#entry{i}"
        try:
            html = ""
            if entry.get("content"):
                html = "\n".join(c.get("value", "") for c in entry["content"])
            if not html.strip():
                html = entry.get("summary") or entry.get("description") or ""
            text = fragment_to_text(html)
            published = entry.get("published") or entry.get("updated") or entry.get("created")
            yield make_document(text, entry_source, "feed", overrides, title=fragment_to_text(entry.get("title", "")),
                                outlet=feed_title, url=entry.get("link"), published=published,
                                lang=entry.get("language"), encoding=parsed.get("encoding"))
        except IngestError as exc:
            problem = parsed.get("bozo_exception")
            reason = f"broken feed ({problem}); entry: {exc.reason}" if problem else f"feed entry: {exc.reason}"
            yield Rejection(entry_source, reason)


# ---------------------------------------------------------------------------------------------------
# JSON Lines (and .json files holding one object or a list of objects)
# ---------------------------------------------------------------------------------------------------


def read_json_records(data: bytes, source: str, overrides: Overrides | None = None) -> Iterator[Item]:
    """JSON Lines; or a whole-file JSON object (one record, possibly pretty-printed) or list of objects."""
    text, encoding = _decode(data, source)
    stripped = text.strip()
    whole: Any = None
    if stripped.startswith(("[", "{")):
        try:
            whole = json.loads(stripped)
        except json.JSONDecodeError as exc:
            if stripped.startswith("["):
                raise IngestError(source, f"invalid JSON: {exc.msg} at line {exc.lineno}") from exc
            # otherwise JSON Lines: each line is parsed, and reported, on its own
    if isinstance(whole, list):
        yield from _records(enumerate(whole, 1), source, "jsonl", overrides, encoding, label="item")
    elif isinstance(whole, dict):
        yield from _records([(1, whole)], source, "jsonl", overrides, encoding, label="line")
    else:
        yield from _records(_json_lines(text.splitlines(), source), source, "jsonl", overrides, encoding,
                            label="line")


def _json_lines(lines: list[str], source: str) -> Iterator[tuple[int, Any]]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, IngestError(f"{source}#line{n}", f"invalid JSON: {exc.msg}")


def _records(records: Iterable[tuple[int, Any]], source: str, fmt: str, overrides: Overrides | None,
             encoding: str | None, label: str) -> Iterator[Item]:
    for n, record in records:
        entry_source = f"{source}#{label}{n}"
        if isinstance(record, IngestError):
            yield record.rejection()
            continue
        if not isinstance(record, dict):
            yield Rejection(entry_source, f"expected an object with a text field, got {type(record).__name__}")
            continue
        fields = _pick_fields({str(k).lower(): v for k, v in record.items()})
        if fields["text"] is None:
            yield Rejection(entry_source, "no text field (looked for: " + ", ".join(FIELD_ALIASES["text"][:4]) + " ...)")
            continue
        try:
            yield make_document(fields["text"], entry_source, fmt, overrides, title=fields["title"],
                                outlet=fields["outlet"], url=fields["url"], published=fields["published"],
                                lang=fields["lang"], encoding=encoding)
        except IngestError as exc:
            yield exc.rejection()


def _pick_fields(record: dict[str, Any]) -> dict[str, Any]:
    """The first non-empty value for each field among its aliases; ``_used`` lists the keys taken."""
    out: dict[str, Any] = {"_used": set()}
    for name, aliases in FIELD_ALIASES.items():
        out[name] = None
        for alias in aliases:
            value = record.get(alias)
            if isinstance(value, list):
                value = "\n\n".join(str(v) for v in value if v) if name == "text" else (value[0] if value else None)
            if value not in (None, "") and not (isinstance(value, str) and not value.strip()):
                out[name] = value
                out["_used"].add(alias)
                break
    return out


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


# ---------------------------------------------------------------------------------------------------
# CSV / TSV
# ---------------------------------------------------------------------------------------------------


def read_csv(data: bytes, source: str, overrides: Overrides | None = None,
             delimiter: str | None = None) -> Iterator[Item]:
    text, encoding = _decode(data, source)
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    csv.field_size_limit(MAX_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or []) if h]
    if not any(alias in header for alias in FIELD_ALIASES["text"]):
        raise IngestError(source, "CSV has no text column (expected one of: text, content, article_content, body ...)")
    rows = ((n, {(k or "").strip().lower(): v for k, v in row.items()}) for n, row in enumerate(reader, 2))
    try:
        yield from _records(rows, source, "csv", overrides, encoding, label="row")
    except csv.Error as exc:
        yield Rejection(f"{source}#row{reader.line_num}", f"broken CSV: {exc}")
