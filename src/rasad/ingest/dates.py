"""Publication dates as found in metadata: ISO forms, RFC 2822 (feeds), US M/D/YYYY, month names."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

_YEAR_RE = re.compile(r"^\s*(\d{4})\s*$")
_YEAR_MONTH_RE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})\s*$")
_DAY_RE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
_DMY_RE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
#: Languages dateparser tries for metadata dates (restricting them is ~10x faster than autodetection).
_DATEPARSER_LANGUAGES = ("en", "ar", "fa", "fr", "de", "tr", "ru")
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
        if (m := _DAY_RE.match(text)) and 1300 <= int(m[1]) <= 1420:
            return _jalali(int(m[1]), int(m[2]), int(m[3]))
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
    local = _parse_local_calendars(text)
    if local is not None:
        return local
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


@lru_cache(maxsize=4096)
def _parse_with_dateparser(text: str) -> tuple[datetime | None, str]:
    """Last resort for forms like "July 29, 2013" or "29 تموز 2013" (cached: feeds repeat their dates)."""
    import dateparser

    settings = {"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC", "PREFER_DAY_OF_MONTH": "first"}
    when = dateparser.parse(text, languages=list(_DATEPARSER_LANGUAGES), settings=settings)
    if when is None:
        return None, "unknown"
    has_time = bool(re.search(r"\d{1,2}:\d{2}", text))
    has_day = bool(re.search(r"\b\d{1,2}\b", re.sub(r"\d{4}", "", text)))
    precision = "datetime" if has_time else "day" if has_day else "month"
    return when.astimezone(UTC), precision


_NAMED_MONTH_RE = re.compile(r"^\s*(?:(\d{1,2})\s+)?(\D+?)\s+(\d{4})\s*$")


def _jalali(year: int, month: int, day: int) -> tuple[datetime | None, str]:
    return _calendar_day("jalali", year, month, day)


def _calendar_day(calendar: str, year: int, month: int, day: int) -> tuple[datetime | None, str]:
    from rasad.extract.dates import to_gregorian

    try:
        g = to_gregorian(calendar, year, month, day)
    except ValueError:
        return None, "unknown"
    return datetime(g.year, g.month, g.day, tzinfo=UTC), "day"


def _parse_local_calendars(text: str) -> tuple[datetime | None, str] | None:
    """"29 تموز 2013", "7 مرداد 1392", "تموز 2013", "29 July 2013"; None when the text is not of that form.

    Month names come from each language's ``dates.yaml`` (the same data the dates stage reads), with the
    calendar they belong to (Gregorian, Jalali, Hijri)."""
    from rasad.extract.dates import date_data
    from rasad.lang import languages
    from rasad.text.normalize import normalize_term

    m = _NAMED_MONTH_RE.match(text)
    if not m:
        return None
    day, name, year = m[1], normalize_term(m[2]), int(m[3])
    for lang in languages():
        data = date_data(lang)
        hit = data.months.get(name) if data is not None else None
        if hit is None:
            continue
        calendar, month = hit
        when, _ = _calendar_day(calendar, year, month, int(day) if day else 1)
        return when, ("day" if day else "month") if when is not None else "unknown"
    return None


# --------------------------------------------------------------------------------------------
# Dates in article URLs
# --------------------------------------------------------------------------------------------

#: /2013/07/29/, /2013-07-29, _20130729_ (Gregorian) and Fars/Tasnim-style ids starting with a Jalali
#: date (/news/13920219000414/ = 1392-02-19).  Digits must not continue on the left.
_URL_GREGORIAN_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/_]?)([01]\d)\2([0-3]\d)(?![0-9])")
_URL_GREGORIAN_ID_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)([01]\d)([0-3]\d)\d{2,}")
_URL_JALALI_RE = re.compile(r"(?<!\d)(1[34]\d\d)([01]\d)([0-3]\d)\d{0,10}(?!\d)")
_PRECISION_RANK = {"datetime": 0, "day": 1, "week": 2, "month": 3, "year": 4, "unknown": 5}


def published_from_url(url: str | None) -> datetime | None:
    """The publication day written in an article URL, or None.

    News sites put the day in the path (``/2013/07/29/``, ``/20130729-...``) or at the start of the
    article id (Fars News: ``/news/13920219000414`` is 19 Ordibehesht 1392 = 9 May 2013).  Only
    plausible dates are accepted (Gregorian 1990-2039, Jalali 1369-1418)."""
    if not url:
        return None
    path = url.split("?", 1)[0]
    candidates = [(int(m[1]), int(m[3]), int(m[4])) for m in _URL_GREGORIAN_RE.finditer(path)]
    candidates += [(int(m[1]), int(m[2]), int(m[3])) for m in _URL_GREGORIAN_ID_RE.finditer(path)]
    for year, month, day in candidates:
        if 1990 <= year <= 2039:
            try:
                return datetime(year, month, day, tzinfo=UTC)
            except ValueError:
                continue
    for m in _URL_JALALI_RE.finditer(path):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        if 1369 <= year <= 1418 and 1 <= month <= 12 and 1 <= day <= 31:
            when, _ = _jalali(year, month, day)
            if when is not None:
                return when
    return None


def refine_published(published: datetime | None, precision: str, url: str | None) -> tuple[datetime | None, str, bool]:
    """Use the day in the URL when the metadata date is missing or coarser than a day.

    A coarse metadata date wins when the URL's day falls outside it (the URL may be a re-publication).
    Returns ``(published, precision, refined_from_url)``."""
    if _PRECISION_RANK.get(precision, 5) <= 1 and published is not None:
        return published, precision, False
    day = published_from_url(url)
    if day is None:
        return published, precision, False
    if published is not None:
        same_year = day.year == published.year
        if precision == "year" and not same_year:
            return published, precision, False
        if precision in ("month", "week") and not (same_year and abs(day.month - published.month) <= 1):
            return published, precision, False
    return day, "day", True
