"""HTML to plain text: trafilatura for whole pages, a small block-aware converter for feed entries."""

from __future__ import annotations

import re
from typing import Any

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table",
    "section", "article", "header", "footer", "pre", "figcaption", "dd", "dt",
}
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
_BLANKS_RE = re.compile(r"\n\s*\n+")


def fragment_to_text(html: str) -> str:
    """Visible text of an HTML fragment, one paragraph per block element, scripts/styles dropped."""
    if "<" not in html:
        import html as html_lib

        return html_lib.unescape(html).strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript"):
            if el.tail:
                parts.append(el.tail)
            return
        if tag in _BLOCK_TAGS:
            parts.append("\n\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK_TAGS:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    text = _SPACES_RE.sub(" ", "".join(parts))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS_RE.sub("\n\n", text).strip()


def extract_page(html: str, url: str | None = None) -> dict[str, Any] | None:
    """Main text and metadata of a whole page (trafilatura); None when no main text is found."""
    import trafilatura

    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_recall=True)
    if result is None:
        return None
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        return None
    return {
        "text": _paragraphs(text),
        "title": data.get("title"),
        "outlet": data.get("sitename") or data.get("hostname"),
        "published": data.get("date"),
        "url": data.get("url") or url,
        "lang": data.get("language"),
    }


def _paragraphs(text: str) -> str:
    """trafilatura puts one paragraph per line; a blank line between paragraphs reads better."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "\n\n".join(lines)
