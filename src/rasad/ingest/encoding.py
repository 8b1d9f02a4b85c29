"""Decoding text files whose encoding nobody wrote down.

Arabic and Persian news files arrive as UTF-8 (with or without BOM), UTF-16 (Windows "Unicode" exports,
sometimes without a BOM), Windows-1256 or ISO-8859-6.  Byte-order marks decide when present and strict
UTF-8 decoding is self-validating.  Otherwise every candidate is decoded strictly and scored by how
plausible the result is as text: the share of ASCII and Arabic-script characters, minus control and
unassigned characters.  That separates cp1256 from ISO-8859-6: ISO-8859-6 leaves most bytes above 0xEA
undefined, and ISO-8859-6 Arabic read as cp1256 turns into accented Latin letters (â ç è é ê).
charset-normalizer is the fallback for everything else (Latin-1, Cyrillic code pages ...).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"SQLite format 3", "SQLite database"),
)
_SAMPLE = 64 * 1024
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0D, 0x0C))
_UTF16_HIGH_BYTES = bytes((0x00, 0x06, 0x20, 0xFE, 0xFB))
_PLAIN_TEXT_RE = re.compile("[\t\n\r\f\x20-\x7e\u0600-\u06ff\ufb50-\ufeff\u00a0\u200c\u200d\u00ab\u00bb]+")
#: Byte-layout checks (binary, UTF-16 without BOM) look at the head of the file only.
_HEAD = 8 * 1024


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we know (the message says why)."""


def binary_kind(data: bytes) -> str | None:
    """A description of the binary format when ``data`` is clearly not text, else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:_HEAD]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_layout(head):
        return None
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls / len(head) > 0.05:
        return "binary data"
    return None


def _utf16_layout(head: bytes) -> str | None:
    """Guess UTF-16 without BOM from where the high bytes sit (0x00 for Latin, 0x06 for Arabic)."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    odd_high = (len(odd) - len(odd.translate(None, _UTF16_HIGH_BYTES))) / len(odd)
    even_high = (len(even) - len(even.translate(None, _UTF16_HIGH_BYTES))) / len(even)
    if odd_high > 0.7 and even_high < 0.5:
        return "utf-16-le"
    if even_high > 0.7 and odd_high < 0.5:
        return "utf-16-be"
    return None


def plausibility(text: str) -> float:
    """Share of characters that look like real text (ASCII, Arabic script, common punctuation)."""
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    rest = _PLAIN_TEXT_RE.sub("", sample)  # printable ASCII and Arabic script: good, counted at C speed
    good: float = len(sample) - len(rest)
    bad = 0
    for ch in rest:
        cp = ord(ch)
        if cp < 0x80:
            bad += 1  # control characters
        elif ch == "\ufffd":
            bad += 2
        else:
            cat = unicodedata.category(ch)
            if cat in ("Cc", "Cn", "Co", "Cs"):
                bad += 2
            elif cat.startswith("L") and 0x0080 <= cp <= 0x024F:
                pass  # accented Latin: neutral (real in French/Turkish, a symptom in mis-decoded Arabic)
            else:
                good += 0.5
    score = (good - bad) / len(sample)
    # every language we read separates words with spaces; a long run without any is mis-decoded bytes
    if len(sample) > 200 and sum(1 for ch in sample if ch.isspace()) < 0.02 * len(sample):
        score -= 0.5
    return score


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)``; raises UndecodableError with a reason."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name).removeprefix("\ufeff"), name.replace("-sig", "") + "-bom"
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"byte-order mark says {name} but decoding failed at byte {exc.start}") from exc
    layout = _utf16_layout(data[:_HEAD]) if len(data) % 2 == 0 else None
    if layout is None:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        repaired = _mostly_utf8(data)
        if repaired is not None:
            return repaired
    candidates = ([layout] if layout else []) + ["cp1256", "iso-8859-6"]
    scored: list[tuple[float, str, str]] = []
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        scored.append((plausibility(text), name, text))
    scored.sort(key=lambda t: t[0], reverse=True)
    if scored and scored[0][0] >= 0.9:
        _, name, text = scored[0]
        return text, name
    best = _charset_normalizer_guess(data)
    if best is not None and (not scored or plausibility(best[0]) > scored[0][0]):
        return best
    if scored and scored[0][0] >= 0.6:
        _, name, text = scored[0]
        return text, name
    raise UndecodableError("not valid text in UTF-8, UTF-16, Windows-1256, ISO-8859-6 or any detectable encoding")


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few corrupt bytes (a truncated download, a bad copy) is still UTF-8.

    Reading it as cp1256 would turn every Arabic letter into two wrong ones, so when well-formed
    multi-byte sequences dominate we keep UTF-8 and replace the few broken bytes with U+FFFD."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    if broken > 2 and broken * 100 > len(text):
        return None
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - broken
    if multibyte >= 20 and broken <= max(2, multibyte // 100):
        return text, "utf-8 (repaired)"
    return None


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    text = str(match)
    if plausibility(text) < 0.6:
        return None
    return text, match.encoding
