"""Publication dates as found in metadata: ISO forms, RFC 2822 (feeds), US M/D/YYYY, month names."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

_YEAR_RE = re.compile(r"^\s*(\d{4})\s*$")
_YEAR_MONTH_RE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})\s*$")
_DAY_RE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
_DMY_RE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def parse_published(value: Any) -> tuple[datetime | None, str]:
    """``(datetime, precision)`` for a metadata date; precision is datetime / day / month / year / unknown.

    Numeric D/M/Y is ambiguous; like most English-language feeds and the CSV exports we see, we read
    ``a/b/YYYY`` as month/day unless ``a`` > 12.  Dates without a time are midnight UTC with precision
    ``day``; dates with a time keep their zone (UTC when none is given).
    """
    if value is None:
        return None, "unknown"
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)), "datetime"
    text = str(value).strip().translate(_DIGITS)
    if not text:
        return None, "unknown"
    try:
        if m := _YEAR_RE.match(text):
            return datetime(int(m[1]), 1, 1, tzinfo=UTC), "year"
        if m := _YEAR_MONTH_RE.match(text):
            return datetime(int(m[1]), int(m[2]), 1, tzinfo=UTC), "month"
        if m := _DAY_RE.match(text):
            return datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC), "day"
        if m := _DMY_RE.match(text):
            a, b, year = int(m[1]), int(m[2]), int(m[3])
            month, day = (b, a) if a > 12 else (a, b)
            return datetime(year, month, day, tzinfo=UTC), "day"
    except ValueError:
        return None, "unknown"
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        when = datetime.fromisoformat(iso)
        return (when if when.tzinfo else when.replace(tzinfo=UTC)), "datetime"
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
        if when is not None:
            return (when if when.tzinfo else when.replace(tzinfo=UTC)), "datetime"
    except (TypeError, ValueError, IndexError):
        pass
    return _parse_with_dateparser(text)


def _parse_with_dateparser(text: str) -> tuple[datetime | None, str]:
    """Last resort for forms like "July 29, 2013" or "29 تموز 2013"."""
    import dateparser

    settings = {"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC", "PREFER_DAY_OF_MONTH": "first"}
    when = dateparser.parse(text, settings=settings)
    if when is None:
        return None, "unknown"
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    has_day = bool(re.search(r"\b\d{1,2}\b", re.sub(r"\d{4}", "", text)))
    precision = "datetime" if has_time else "day" if has_day else "month"
    return when, precision
