"""Dates: absolute (Gregorian, Hijri, Jalali) and relative to the publication date, with a precision.

Stage ``dates`` writes ``Mention(kind="date")`` whose attrs are ``DateRef.to_dict()``.  The language
knowledge -- month names per calendar, weekday names, "ago" words, time units, deictic words (أمس،
دیروز، yesterday), modifiers (الماضي، گذشته، last) -- lives in ``lang/<lang>/dates.yaml``; this module
compiles it into a handful of regexes per language (a small engine: dateparser's ``search_dates`` is
~10 ms per document and misses several of the phrases the press uses, this runs in well under 1 ms).

Reading rules (docs/language-data.md#datesyaml):

* absolute dates: "12 تموز 2013", "۷ مرداد ۱۳۹۲" (digits are folded by normalization), "29 July 2013",
  "July 29, 2013", "تموز 2013" (month precision), "عام 2013"/"in 2013" (year precision), "2013/07/29";
  Hijri and Jalali dates are converted with hijridate/jdatetime (``calendar`` keeps what was written);
* a day and month without a year take the year that puts them closest to publication (the past is
  preferred; "الماضي"/"last" after them keeps only the past); "من 4 إلى 6 أغسطس" is a range (week);
* relative expressions are resolved against ``doc.published``: "قبل 4 أيام" -> publication - 4 days
  (day precision), "منذ شهر" -> the month before (month precision), "last week"/"الأسبوع الماضي" -> the
  previous calendar week (week precision), "يوم الجمعة"/"on Friday" -> the most recent Friday on or
  before publication, "الجمعة الماضي"/"last Friday" -> the most recent Friday before publication;
* without a publication date a relative expression is kept relative: ``relative=True, anchored=False``,
  ``start=end=None`` and a machine form in ``expression`` ("-4d", "-1m", "weekday:fri", "week:-1",
  "--07-29" for a day and month without a year) -- never an invented date;
* the article's own stamp ("Sun 16 Apr 2017" heading a line, "Date of publication 21 September 2016") is
  marked ``attrs["dateline"]``, and a date after a "since" word ("منذ يوم الجمعة", "از روز جمعه")
  ``attrs["since"]``: the events stage dates an event by them only when nothing else does.
"""

from __future__ import annotations

import calendar as gregorian_calendar
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

import jdatetime
from hijridate import Gregorian, Hijri

from rasad.extract.quantities import (
    _PUNCT_CHARS,
    number_data,
    parse_number_text,
    text_index,
    word_hits,
)
from rasad.extract.sentence_index import sentence_at
from rasad.lang import LanguageDataError, load_yaml
from rasad.model import DateRef, Document, Mention
from rasad.text.normalize import normalize_term
from rasad.text.normalize_stage import ensure_norm

CALENDARS = ("gregorian", "hijri", "jalali")
#: A dateline at the head of a line with only punctuation before it (languages without dateline_weekdays).
_NO_WEEKDAY_LEAD = re.compile(r"[^\w]*")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
UNITS = ("hour", "day", "week", "month", "year")
UNIT_CODE = {"hour": "h", "day": "d", "week": "w", "month": "m", "year": "y"}
MODIFIERS = ("last", "next", "this")

# Priority when matches overlap: full dates beat partial ones, absolute beats relative.
_PRIORITY = {"dmy": 0, "mdy": 0, "numeric": 0, "ordinal": 0, "my": 1, "year": 2, "yera": 2, "month": 3,
             "ago_before": 4, "ago_after": 4, "period": 4, "recent": 4, "weekday": 4, "deictic": 5}


# --------------------------------------------------------------------------------------------
# dates.yaml
# --------------------------------------------------------------------------------------------


@dataclass
class DateData:
    """Compiled dates.yaml of one language."""

    lang: str
    months: dict[str, tuple[str, int]]  # normalized name -> (calendar, month)
    ambiguous_months: frozenset[str]
    eras: dict[str, str]  # normalized era marker -> calendar
    numeric_order: str
    week_start: int
    weekdays: dict[str, int]  # normalized name -> python weekday
    weekday_blockers: frozenset[str]
    weekday_blockers_after: frozenset[str]
    number_words: frozenset[str]
    name_before: frozenset[str]  # a day+month right after one of these is a name ("قوى 14 آذار")
    name_after: frozenset[str]  # ... or right before one of these ("18 March Division")
    deictic: dict[str, int]
    units: dict[str, tuple[str, str]]  # normalized unit word -> (unit, form: singular/plural/dual)
    periods: dict[str, str]  # normalized word -> week/month/year
    modifiers: dict[str, str]  # normalized word -> last/next/this
    combined: re.Pattern[str]  # all patterns as one alternation in priority order, group names prefixed
    #: pattern -> (its groups' own names, their numbers in ``combined``): one ``Match.group(*numbers)``
    #: call reads a matched branch's groups
    branch_groups: dict[str, tuple[tuple[str, ...], tuple[int, ...]]]
    anchors: dict[str, int]  # word -> how many words before it a date may start (dates are looked for only there)
    anchor_set: frozenset[str]  # the anchors as a set: intersected with a text's words set against set
    after_digits: frozenset[str]  # words that may follow the digits a date starts with
    year_cue_words: frozenset[str]  # last words of year cues ("عام", "in")
    #: normalized phrases that introduce a dateline ("date of publication", "تاريخ النشر", "تاریخ انتشار")
    dateline_cues: frozenset[str] = frozenset()
    #: normalized words that make the date after them the start of a period ("since Friday", "از روز جمعه")
    since_words: frozenset[str] = frozenset()
    #: normalized phrases that make a period after them a span the text counts over ("during the past week",
    #: "طی روزهای گذشته", "خلال الأسبوع الماضي"), not the date of one happening
    span_words: tuple[tuple[str, ...], ...] = ()
    #: normalized ordinal day words -> day of the month ("الثامن" in "في الثامن من يوليو")
    ordinal_days: dict[str, int] = field(default_factory=dict)
    #: what may stand between the start of a line and a dateline: punctuation, and a weekday abbreviation
    #: from ``dateline_weekdays`` ("Sun 16 Apr 2017")
    dateline_lead: re.Pattern[str] = _NO_WEEKDAY_LEAD
    one_words: frozenset[str] = frozenset()  # words that count 1 before a unit ("a day ago")
    #: calendar of a 13xx/14xx year in a numeric date (1392/05/07 is Jalali in Persian, Hijri elsewhere)
    numeric_13xx_calendar: str = "hijri"
    #: calendar of a bare 13xx/14xx year after a year cue ("سال 1392"); None: such a number is no year
    year_13xx_calendar: str | None = None
    #: normalized phrases of an unspecified few recent units -> the unit ("الأيام القليلة الماضية", "in
    #: recent days", "روزهای اخیر"): read like "منذ أيام"/"days ago" (``recent_periods``)
    recent: dict[str, str] = field(default_factory=dict)
    #: normalized phrases right before a month that name a part of it -> early / mid / late ("مطلع يوليو",
    #: "in late July", "early this month", "اواخر خرداد"): ``month_parts``
    month_parts: dict[str, str] = field(default_factory=dict)
    #: normalized phrases right before a weekday that put the time past that day's midnight, on the next
    #: day ("بعد منتصف ليل الأحد" = early Monday): ``after_midnight``
    after_midnight: tuple[str, ...] = ()


def _phrase_map(data: dict[str, Any], key: str, labels: Sequence[str], where: str) -> dict[str, str]:
    """A dates.yaml section ``key`` of label -> phrases (``recent_periods``: hour/day/week/month;
    ``month_parts``: early/mid/late), as phrase -> label."""
    out: dict[str, str] = {}
    section = data.get(key) or {}
    if not isinstance(section, dict):
        raise LanguageDataError(f"{where}: {key} must be a mapping of {'/'.join(labels)} -> phrases")
    for label, phrases in section.items():
        if label not in labels:
            raise LanguageDataError(f"{where}: {key}.{label}: use {', '.join(labels)}")
        for phrase in _words(phrases, f"{where}: {key}.{label}"):
            out[phrase] = label
    return out


#: the parts of a month a text may name, as the first and last day offsets from the month's start (the last
#: part runs to the month's end)
MONTH_PARTS = {"early": (0, 9), "mid": (10, 19), "late": (20, None)}


def month_part(start: date, end: date, part: str) -> tuple[date, date]:
    """Days ``part`` of the month ``start``..``end`` covers: early 1-10, mid 11-20, late 21 to the end."""
    first, last = MONTH_PARTS[part]
    return start + timedelta(days=first), end if last is None else start + timedelta(days=last)


def _phrase_before(text: str, start: int, phrases: Container[str], longest: int) -> str | None:
    """The longest of ``phrases`` (normalized, up to ``longest`` words) whose words end right before ``start``
    in ``text`` (within the 40 characters before it), else None."""
    if not phrases:
        return None
    words = text[max(0, start - 40):start].split()
    for n in range(min(longest, len(words)), 0, -1):
        phrase = " ".join(words[-n:])
        if phrase in phrases:
            return phrase
    return None


def _part_before(text: str, start: int, data: DateData) -> str | None:
    """The part of the month named right before a month date at ``start`` ("نهاية يوليو", "early this month")."""
    phrase = _phrase_before(text, start, data.month_parts, 3)
    return None if phrase is None else data.month_parts[phrase]


def _words(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LanguageDataError(f"{where}: expected a list of words, got {value!r}")
    return [normalize_term(v) for v in value if normalize_term(v)]


def _section(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data:
        raise LanguageDataError(f"{where}: missing section {key!r}")
    value = data[key]
    if value is None:
        return kind()
    if not isinstance(value, kind):
        raise LanguageDataError(f"{where}: {key!r} must be a {kind.__name__}, got {type(value).__name__}")
    return value


def _alt(words: Any) -> str:
    """Regex alternation of normalized words/phrases, longest first; spaces match any whitespace."""
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    if not ordered:
        return r"(?!x)x"
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def parse_dates_yaml(lang: str, data: Any, numbers: dict[str, Any] | None = None) -> DateData:
    """Validate and compile the parsed dates.yaml of ``lang`` (raises ``LanguageDataError``)."""
    where = f"lang/{lang}/dates.yaml"
    if not isinstance(data, dict):
        raise LanguageDataError(f"{where}: expected a mapping at top level")
    months: dict[str, tuple[str, int]] = {}
    for cal, entries in _section(data, "months", dict, where).items():
        if cal not in CALENDARS:
            raise LanguageDataError(f"{where}: months.{cal}: unknown calendar (use {', '.join(CALENDARS)})")
        for name, number in (entries or {}).items():
            if not isinstance(number, int) or not 1 <= number <= 12:
                raise LanguageDataError(f"{where}: months.{cal}.{name}: month number must be 1..12")
            months[normalize_term(str(name))] = (cal, number)
    eras: dict[str, str] = {}
    for cal, markers in (data.get("era") or {}).items():
        if cal not in CALENDARS:
            raise LanguageDataError(f"{where}: era.{cal}: unknown calendar")
        for marker in _words(markers, f"{where}: era.{cal}"):
            eras[marker] = cal
    weekdays: dict[str, int] = {}
    for code, names in _section(data, "weekdays", dict, where).items():
        if code not in WEEKDAYS:
            raise LanguageDataError(f"{where}: weekdays.{code}: use one of {', '.join(WEEKDAYS)}")
        for name in _words(names, f"{where}: weekdays.{code}"):
            weekdays[name] = WEEKDAYS.index(code)
    week_start = data.get("week_start", "mon")
    if week_start not in WEEKDAYS:
        raise LanguageDataError(f"{where}: week_start must be one of {', '.join(WEEKDAYS)}")
    deictic: dict[str, int] = {}
    for word, offset in _section(data, "deictic", dict, where).items():
        if not isinstance(offset, int):
            raise LanguageDataError(f"{where}: deictic.{word}: offset must be an integer number of days")
        deictic[normalize_term(str(word))] = offset
    units: dict[str, tuple[str, str]] = {}
    for unit, forms in _section(data, "units", dict, where).items():
        if unit not in UNITS or not isinstance(forms, dict):
            raise LanguageDataError(f"{where}: units.{unit}: unknown unit or not a mapping (use {', '.join(UNITS)})")
        for form in ("singular", "plural", "dual"):
            for word in _words(forms.get(form), f"{where}: units.{unit}.{form}"):
                units[word] = (unit, form)
    periods: dict[str, str] = {}
    for unit, words in _section(data, "periods", dict, where).items():
        if unit not in ("week", "month", "year"):
            raise LanguageDataError(f"{where}: periods.{unit}: use week/month/year")
        for word in _words(words, f"{where}: periods.{unit}"):
            periods[word] = unit
    mods_before: dict[str, str] = {}
    mods_after: dict[str, str] = {}
    for kind, sides in _section(data, "modifiers", dict, where).items():
        if kind not in MODIFIERS or not isinstance(sides, dict):
            raise LanguageDataError(f"{where}: modifiers.{kind}: use {', '.join(MODIFIERS)} with before/after lists")
        for word in _words(sides.get("before"), f"{where}: modifiers.{kind}.before"):
            mods_before[word] = kind
        for word in _words(sides.get("after"), f"{where}: modifiers.{kind}.after"):
            mods_after[word] = kind
    ago = _section(data, "ago", dict, where)
    numeric_order = data.get("numeric_order", "dmy")
    if numeric_order not in ("dmy", "mdy", "ymd"):
        raise LanguageDataError(f"{where}: numeric_order must be dmy, mdy or ymd")
    orders = data.get("orders") or ["dmy"]
    ambiguous = frozenset(_words(data.get("ambiguous_months"), f"{where}: ambiguous_months"))
    unknown = ambiguous - set(months)
    if unknown:
        raise LanguageDataError(f"{where}: ambiguous_months not in months: {', '.join(sorted(unknown))}")

    num_words = list((numbers or {}).keys())
    mon = _alt(months)
    # a month may be followed by its other name: "تموز/يوليو", "يونيو (حزيران)", "يوليو تموز"
    month = (rf"(?P<m>{mon})(?:\s*[/(]\s*(?:{mon})\s*\)?|\s+(?:{mon})(?!\w))?"
             rf"(?:\s*(?:{_alt(_words(data.get('month_suffix'), where))}))?(?!\w)")
    day_suffix = _alt(_words(data.get("day_suffix"), where))
    day = rf"(?P<d>\d{{1,2}})(?!\d)(?:{day_suffix})?"
    # a range of days: "من 4 إلى 6 أغسطس", "20-21 July", "March 20th and 21st"
    day_range = _words(data.get("day_range"), where)
    day2 = (rf"(?:\s*(?:{_alt(day_range)})\s*(?P<d2>\d{{1,2}})(?!\d)(?:{day_suffix})?)?" if day_range else "")
    era = rf"(?:\s*(?P<era>{_alt(eras)})(?![\w.]))?"
    yglue = _words(data.get("year_glue"), where)
    year4 = rf"(?P<y>\d{{4}})(?!\d){era}"
    year = (rf"(?:(?:(?:{_alt(yglue)})\s+)?(?P<y>\d{{4}})(?!\d)|(?:{_alt(yglue)})\s+(?P<y2>\d{{2}})(?!\d)){era}"
            if yglue else year4)
    glue = _words(data.get("day_month_glue"), where)
    mcue = _alt(_words(data.get("month_cues"), where))
    # "16 من شهر رمضان", "العاشر من شهر محرم": the month's cue may stand between the day and the month
    cue_re = rf"(?:(?:{mcue})\s+)?" if data.get("month_cues") else ""
    glue_cue_re = rf"(?:(?:{_alt(glue)})\s+{cue_re})?" if glue else ""
    connectors = _words(data.get("number_connectors"), f"{where}: number_connectors")
    connector = rf"(?:(?:{_alt(connectors)})\s*)?" if connectors else ""
    number = rf"\d+|(?:{_alt(num_words)})(?:\s+{connector}(?:{_alt(num_words)}))*" if num_words else r"\d+"
    one = _words(data.get("one_words"), f"{where}: one_words")
    if one:
        number += "|" + _alt(one)
    recent = _phrase_map(data, "recent_periods", ("hour", "day", "week", "month"), where)
    proclitics = _words(data.get("proclitics"), f"{where}: proclitics")
    prefix = rf"(?:{_alt(proclitics)})?" if proclitics else ""
    patterns: list[tuple[str, str]] = []
    ordinal_days: dict[str, int] = {}
    for word, day_number in (data.get("ordinal_days") or {}).items():
        if not isinstance(day_number, int) or not 1 <= day_number <= 31:
            raise LanguageDataError(f"{where}: ordinal_days.{word}: day must be 1..31")
        ordinal_days[normalize_term(str(word))] = day_number
    if ordinal_days:
        # "في الثامن من يوليو", "الحادي والعشرين من تموز 2013": an ordinal day, the glue word, the month; a
        # language without glue words puts the month right after the ordinal ("دوم خرداد", "بیست و دوم بهمن")
        # (or after a month cue: "هشتم ماه اوت", "العاشر من شهر محرم")
        glue_part = rf"(?:{_alt(glue)})\s+{cue_re}" if glue else cue_re
        patterns.append(("ordinal", rf"(?<!\w){prefix}(?P<dw>{_alt(ordinal_days)})\s+{glue_part}{month}"
                                    rf"(?:\s*,?\s*{year})?"))
    if "dmy" in orders:
        patterns.append(("dmy", rf"(?<![\w.]){day}{day2}\s*{glue_cue_re}{month}(?:\.?\s*,?\s*{year})?"))
    if "mdy" in orders:
        # "Aug. 3", "Sept. 5, 2015": an abbreviated month may keep its period
        patterns.append(("mdy", rf"(?<!\w){month}\.?\s+{day}(?!\w){day2}(?!\w)(?:\s*,?\s*{year4})?"))
    patterns += [
        ("my", rf"(?<!\w)(?:(?:{mcue})\s+)?{month}\s*,?\s*{year}"),
        ("numeric", r"(?<![\d/.\-])(?P<a>\d{1,4})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})(?![\d/.\-]|\.\d)"),
        ("yera", rf"(?<![\w.])(?P<y>\d{{4}})\s*(?P<era>{_alt(eras)})(?![\w.])"),
        ("year", rf"(?<!\w)(?:{_alt(_words(data.get('year_cues'), where))})\s+(?P<y>\d{{4}})(?![\d\w])"),
        ("month", rf"(?<!\w)(?P<cue>(?:{mcue})\s+)?{month}"),
        ("weekday", rf"(?<!\w)(?:(?P<pre>{_alt(_words(data.get('weekday_prefix'), where))})\s+)?"
                    rf"(?:(?P<mb>{_alt(mods_before)})\s+)?{prefix}(?P<wd>{_alt(weekdays)})(?!\w)"
                    rf"(?:\s+(?P<ma>{_alt(mods_after)})(?!\w))?"),
        ("deictic", rf"(?<!\w){prefix}(?P<dx>{_alt(deictic)})(?!\w)"),
        ("ago_before", rf"(?<!\w){prefix}(?:{_alt(_words(ago.get('before'), where))})\s+"
                       rf"(?:(?P<n>{number})\s+)?(?P<u>{_alt(units)})(?!\w)"),
        ("ago_after", rf"(?<!\w)(?:(?P<n>{number})\s*)?(?P<u>{_alt(units)})\s+"
                      rf"(?:{_alt(_words(ago.get('after'), where))})(?!\w)"),
        ("period", rf"(?<!\w)(?:(?P<mb>{_alt(mods_before)})\s+)?{prefix}(?P<p>{_alt(periods)})(?!\w)"
                   rf"(?:\s+(?P<ma>{_alt(mods_after)})(?!\w))?"),
        ("recent", rf"(?<!\w){prefix}(?P<rc>{_alt(recent)})(?!\w)"),
    ]
    empty = {"ago_before": not ago.get("before"), "ago_after": not ago.get("after"), "yera": not eras,
             "recent": not recent}
    kept = [(name, rx) for name, rx in sorted(patterns, key=lambda p: _PRIORITY[p[0]]) if not empty.get(name)]
    branches = []
    for name, rx in kept:
        prefixed = re.sub(r"\(\?P<(\w+)>", rf"(?P<{name}_\1>", rx).replace("(?P=sep)", f"(?P={name}_sep)")
        branches.append(f"(?P<P_{name}>{prefixed})")
    # only the combined pattern is compiled (compiling a language's ~12 patterns alone as well doubled
    # the ~15 ms per language this takes); a branch is compiled alone only to name the one that fails
    try:
        combined = re.compile("|".join(branches))
    except re.error:
        for name, rx in kept:
            try:
                re.compile(rx)
            except re.error as exc:  # a word with regex-hostile characters would surface here
                raise LanguageDataError(f"{where}: cannot build pattern {name!r}: {exc}") from exc
        raise
    # Words a date is looked for around (digits are anchors too).  Frequent function words ("in",
    # "this", "last") are left out: the patterns reach them from the month/weekday/unit word after them.
    # Each anchor says how many words before it a date may start: a month 2 ("شهر تموز", "the month
    # of May"; a day before it is a digit anchor), a weekday 3 ("late on last Friday"), a unit 3 where numbers come
    # before it ("بیست و سه روز پیش") and 0 where an "ago" word does ("منذ ثلاثة أيام"), a period 2
    # ("earlier this week"), the last word of a deictic phrase 3 ("the day before yesterday").
    anchor_words: dict[str, int] = {}

    def anchor(phrase: str, back: int, last: bool = False) -> None:
        word = phrase.split()[-1 if last else 0]
        anchor_words[word] = max(back, anchor_words.get(word, 0))

    for phrase in _words(ago.get("before"), where):
        anchor(phrase, 0)
    for phrase in months:
        anchor(phrase, 2 + max((len(w.split()) for w in ordinal_days), default=0))
    for phrase in periods:
        anchor(phrase, 2)
    for phrase in recent:
        anchor(phrase, 0)
    for phrase in units:
        anchor(phrase, 3 if ago.get("after") else 0)
    for phrase in weekdays:
        anchor(phrase, 3)
    for phrase in deictic:
        anchor(phrase, 3, last=True)
    anchor_proclitics = _words(data.get("anchor_proclitics"), f"{where}: anchor_proclitics")
    for word, back in list(anchor_words.items()) if anchor_proclitics else ():
        for p in anchor_proclitics:
            anchor_words.setdefault(p + word, back)
    return DateData(
        lang=lang, months=months, ambiguous_months=ambiguous, eras=eras, numeric_order=numeric_order,
        week_start=WEEKDAYS.index(week_start), weekdays=weekdays,
        weekday_blockers=frozenset(_words(data.get("weekday_blockers"), where)), deictic=deictic,
        weekday_blockers_after=frozenset(_words(data.get("weekday_blockers_after"), where)),
        number_words=frozenset(num_words),
        name_before=frozenset(_words((data.get("date_names") or {}).get("before"), where)),
        name_after=frozenset(_words((data.get("date_names") or {}).get("after"), where)),
        units=units, periods=periods, modifiers={**mods_after, **mods_before},
        combined=combined, branch_groups=_branch_groups(combined, [name for name, _ in kept]),
        anchors=anchor_words, anchor_set=frozenset(anchor_words),
        after_digits=frozenset(
            w for phrase in [*months, *units, *eras, *glue, *day_range, *_words(data.get("day_suffix"), where),
                             *(ago.get("after") and _words(ago.get("after"), where) or [])]
            for w in phrase.split()[:1]) | {m + suffix for m in months for suffix in _words(data.get("month_suffix"), where)},
        year_cue_words=frozenset(phrase.split()[-1] for phrase in _words(data.get("year_cues"), where)),
        dateline_cues=frozenset(_words(data.get("dateline_cues"), where)),
        ordinal_days=ordinal_days,
        since_words=frozenset(_words(data.get("since_words"), where)),
        span_words=tuple(sorted({tuple(w.split()) for w in _words(data.get("span_words"), where)}, key=len,
                                reverse=True)),
        dateline_lead=_dateline_lead(_words(data.get("dateline_weekdays"), f"{where}: dateline_weekdays")),
        one_words=frozenset(one),
        numeric_13xx_calendar=_calendar_entry(data, "numeric_13xx_calendar", where) or "hijri",
        year_13xx_calendar=_calendar_entry(data, "year_13xx_calendar", where),
        recent=recent, month_parts=_phrase_map(data, "month_parts", tuple(MONTH_PARTS), where),
        after_midnight=tuple(_words(data.get("after_midnight"), f"{where}: after_midnight")),
    )


def _branch_groups(combined: re.Pattern[str], names: list[str]) \
        -> dict[str, tuple[tuple[str, ...], tuple[int, ...]]]:
    """Per branch ``P_<name>`` of ``combined``: its named groups' own names (without the ``<name>_``
    prefix) and numbers, in their order -- the groups numbered after the branch's own group and before
    the next branch's."""
    index = combined.groupindex
    bounds = [index[f"P_{name}"] for name in names] + [combined.groups + 1]
    ordered = sorted(index.items(), key=lambda item: item[1])
    out: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}
    for name, lo, hi in zip(names, bounds, bounds[1:], strict=False):
        groups = [(full[len(name) + 1:], number) for full, number in ordered if lo < number < hi]
        out[name] = (tuple(own for own, _ in groups), tuple(number for _, number in groups))
    return out


def _calendar_entry(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and value not in CALENDARS:
        raise LanguageDataError(f"{where}: {key}: unknown calendar {value!r} (use {', '.join(CALENDARS)} or null)")
    return value


def _dateline_lead(weekdays: list[str]) -> re.Pattern[str]:
    """Punctuation and optionally a weekday (any continuation of a listed abbreviation, a dot, a comma)
    before a dateline at the head of a line: "Sun 16 Apr 2017", "Monday, 18 July 2016"."""
    if not weekdays:
        return _NO_WEEKDAY_LEAD
    return re.compile(rf"[^\w]*(?:(?:{_alt(weekdays)})[^\W\d_]*\.?,?\s+)?")


@lru_cache(maxsize=32)
def date_data(lang: str) -> DateData | None:
    """Compiled dates.yaml for ``lang`` (None if the language has none)."""
    raw = load_yaml(lang, "dates.yaml")
    if raw is None:
        return None
    nd = number_data(lang)
    return parse_dates_yaml(lang, raw, nd.words if nd else None)


# --------------------------------------------------------------------------------------------
# Calendars
# --------------------------------------------------------------------------------------------


def to_gregorian(cal: str, y: int, m: int, d: int) -> date:
    """Convert a day of ``cal`` to a Gregorian date (ValueError if it does not exist)."""
    if cal == "gregorian":
        return date(y, m, d)
    if cal == "jalali":
        return jdatetime.date(y, m, d).togregorian()
    try:
        g = Hijri(y, m, d).to_gregorian()
        return date(g.year, g.month, g.day)
    except OverflowError as exc:
        raise ValueError(str(exc)) from exc


def month_length(cal: str, y: int, m: int) -> int:
    if cal == "gregorian":
        return gregorian_calendar.monthrange(y, m)[1]
    if cal == "jalali":
        if m <= 6:
            return 31
        if m <= 11:
            return 30
        return 30 if jdatetime.date(y, 1, 1).isleap() else 29
    try:
        return Hijri(y, m, 1).month_length()
    except OverflowError as exc:
        raise ValueError(str(exc)) from exc


def from_gregorian(cal: str, day: date) -> tuple[int, int, int]:
    if cal == "gregorian":
        return day.year, day.month, day.day
    if cal == "jalali":
        j = jdatetime.date.fromgregorian(date=day)
        return j.year, j.month, j.day
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    return h.year, h.month, h.day


def month_range(cal: str, y: int, m: int) -> tuple[date, date]:
    return to_gregorian(cal, y, m, 1), to_gregorian(cal, y, m, month_length(cal, y, m))


def year_range(cal: str, y: int) -> tuple[date, date]:
    return to_gregorian(cal, y, 1, 1), to_gregorian(cal, y, 12, month_length(cal, y, 12))


def _full_year(cal: str, yy: int) -> int:
    """Two-digit years: Jalali 13yy/14yy, Hijri 14yy, Gregorian 19yy/20yy (pivots around the present)."""
    if cal == "jalali":
        return 1300 + yy if yy >= 40 else 1400 + yy
    if cal == "hijri":
        return 1400 + yy
    return 1900 + yy if yy >= 50 else 2000 + yy


def _shift_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 - months
    return index // 12, index % 12 + 1


# --------------------------------------------------------------------------------------------
# Matching and resolution
# --------------------------------------------------------------------------------------------


@dataclass
class DateMatch:
    """A date found in normalized text (offsets into the normalized text)."""

    start: int
    end: int
    ref: DateRef
    pattern: str
    part: str | None = None  # the part of the month named before it: early / mid / late (``month_parts``)


def _ref(start: date | None, end: date | None, precision: str, *, relative: bool = False,
         expression: str | None = None, calendar: str = "gregorian") -> DateRef:
    return DateRef(start=start, end=end, precision=precision, relative=relative,
                   anchored=start is not None or not relative, expression=expression, calendar=calendar)


def _unanchored(expression: str, precision: str, calendar: str = "gregorian") -> DateRef:
    return DateRef(start=None, end=None, precision=precision, relative=True, anchored=False,
                   expression=expression, calendar=calendar)


def _pick_year(cal: str, pub: date, span: Any, direction: str | None) -> tuple[date, date] | None:
    """The occurrence of a yearless day/month closest to publication.

    ``span(y)`` gives the (start, end) of the occurrence in year ``y`` of ``cal``.  The past is preferred
    (a future occurrence counts double its distance: news mostly reports what happened, but "يزور
    ماليزيا من 4 إلى 6 أغسطس" is next month); "الماضي/last" after it keeps only the past, "المقبل/next"
    only the future.
    """
    y = from_gregorian(cal, pub)[0]
    best: tuple[int, tuple[date, date]] | None = None
    for year in (y - 1, y, y + 1):
        try:
            start, end = span(year)
        except ValueError:
            continue
        if start <= pub <= end:
            cost = 0
        elif end < pub:
            cost = (pub - end).days if direction != "next" else None
        else:
            cost = 2 * (start - pub).days if direction != "last" else None
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, (start, end))
    return best[1] if best else None


def _direction_after(text: str, end: int, data: DateData) -> str | None:
    """"last"/"next" when a modifier follows a month ("يونيو الماضي", "ماه آینده")."""
    following = text[end:end + 20].split()[:1]
    # the modifier may end its sentence or clause ("في سبتمبر الماضي. وتوجهوا", "يونيو الماضي،")
    return data.modifiers.get(following[0].rstrip(_PUNCT_CHARS)) if following else None


def _day_month(cal: str, month: int, day: int, day2: int | None, pub: date | None,
               direction: str | None) -> DateRef | None:
    """Day (or days) and month without a year: the occurrence closest to publication."""
    last_day = day2 if day2 is not None else day
    if not 1 <= day <= last_day <= 31:
        return None
    expression = f"--{month:02d}-{day:02d}" + (f"/--{month:02d}-{last_day:02d}" if day2 else "")
    precision = "day" if last_day == day else "week" if last_day - day < 7 else "month"
    if pub is None:
        return _unanchored(expression, precision, cal)
    picked = _pick_year(cal, pub, lambda y: (to_gregorian(cal, y, month, day), to_gregorian(cal, y, month, last_day)),
                        direction)
    if picked is None:
        return None
    return _ref(picked[0], picked[1], precision, relative=True, expression=expression, calendar=cal)


def _month_only(cal: str, month: int, pub: date | None, direction: str | None) -> DateRef | None:
    if pub is None:
        return _unanchored(f"month:{month}", "month", cal)
    picked = _pick_year(cal, pub, lambda y: month_range(cal, y, month), direction)
    if picked is None:
        return None
    return _ref(picked[0], picked[1], "month", relative=True, expression=f"month:{month}", calendar=cal)


_YEARLESS = re.compile(r"--(\d\d)-(\d\d)(?:/--\d\d-(\d\d))?$|month:(\d+)$")


def past_occurrence(ref: DateRef, reference: date) -> tuple[date, date] | None:
    """The last occurrence before ``reference`` of a day or month named without a year that was resolved
    to a later one ("في سبتمبر" in an article of July reads as the coming September: the nearest
    occurrence, a future one counting double), else None.  A happening the text tells as fact took place
    in the past ("قتل في سبتمبر"), so the events stage dates an event that is not planned or hypothetical
    by this one (``Mention.attrs["past"]``); a visit "from 4 to 6 August" keeps the coming August."""
    if not ref.relative or ref.start is None or ref.start <= reference or not ref.expression:
        return None
    m = _YEARLESS.match(ref.expression)
    if m is None:
        return None
    if m.group(4):
        past = _month_only(ref.calendar, int(m.group(4)), reference, "last")
    else:
        past = _day_month(ref.calendar, int(m.group(1)), int(m.group(2)),
                          int(m.group(3)) if m.group(3) else None, reference, "last")
    if past is None or past.start is None or past.end is None or past.end >= reference:
        return None
    return past.start, past.end


#: days from the publication within which the other reading of a numeric day/month is taken as the text's
#: own date (a dateline "01.02.2015" on a report of 2 February 2015 in an English text, usually month first)
NUMERIC_SWAP_DAYS = 3


def _nearer_reading(usual: date, swapped: date, pub: date) -> date:
    """Of the two readings of a numeric date whose day and month could be either way round, the language's
    usual order unless the other reading is the publication's day (within ``NUMERIC_SWAP_DAYS``) and the
    usual one is not: sources of one language write day-first and month-first dates, and a numeric date
    near the head of a report is mostly its own day."""
    def near(day: date) -> bool:
        return abs((day - pub).days) <= NUMERIC_SWAP_DAYS

    return swapped if near(swapped) and not near(usual) else usual


def _week_start(day: date, week_start: int) -> date:
    return day - timedelta(days=(day.weekday() - week_start) % 7)


#: Returned by the interpreter for a span that is no date but must not be read as a shorter one either
#: ("چند سال گذشته" is not "سال گذشته"; "صد سال دیگر" is not "سال دیگر").
NOT_A_DATE = DateRef(start=None, end=None, precision="unknown", expression="not-a-date")


def _resolve_ago(n: int | None, unit: str, pub: date | None) -> DateRef | None:
    """``n`` units before publication; ``n=None``: an unspecified few ("منذ أيام", "روزهای گذشته")."""
    code = UNIT_CODE[unit]
    expression = f"-{n if n is not None else 'few'}{code}"
    if n is None:
        precision = {"hour": "day", "day": "week", "week": "month", "month": "year"}.get(unit)
        if precision is None:  # "چند سال گذشته", "years ago": too vague to date, but not "last year"
            return NOT_A_DATE
        if pub is None:
            return _unanchored(expression, precision)
        span = {"hour": (0, 0), "day": (7, 1), "week": (35, 8), "month": (365, 31)}[unit]
        return _ref(pub - timedelta(days=span[0]), pub - timedelta(days=span[1]), precision,
                    relative=True, expression=expression)
    precision = {"hour": "day", "day": "day", "week": "week", "month": "month", "year": "year"}[unit]
    if pub is None:
        return _unanchored(expression, precision)
    if unit in ("hour", "day"):
        value = pub - timedelta(days=n if unit == "day" else n // 24)
        return _ref(value, value, precision, relative=True, expression=expression)
    if unit == "week":
        start = pub - timedelta(days=7 * n)
        return _ref(start, start + timedelta(days=6), precision, relative=True, expression=expression)
    if unit == "month":
        y, m = _shift_months(pub, n)
        start, end = month_range("gregorian", y, m)
        return _ref(start, end, precision, relative=True, expression=expression)
    start, end = year_range("gregorian", pub.year - n)
    return _ref(start, end, precision, relative=True, expression=expression)


def _resolve_period(unit: str, modifier: str, pub: date | None, week_start: int) -> DateRef:
    shift = {"last": -1, "this": 0, "next": 1}[modifier]
    expression = f"{unit}:{shift:+d}" if shift else f"{unit}:0"
    if pub is None:
        return _unanchored(expression, unit)
    if unit == "week":
        start = _week_start(pub, week_start) + timedelta(days=7 * shift)
        return _ref(start, start + timedelta(days=6), "week", relative=True, expression=expression)
    if unit == "month":
        y, m = _shift_months(pub, -shift)
        start, end = month_range("gregorian", y, m)
        return _ref(start, end, "month", relative=True, expression=expression)
    start, end = year_range("gregorian", pub.year + shift)
    return _ref(start, end, "year", relative=True, expression=expression)


def _resolve_weekday(weekday: int, modifier: str | None, pub: date | None) -> DateRef:
    name = WEEKDAYS[weekday]
    expression = f"weekday:{name}" + (f":{modifier}" if modifier in ("last", "next") else "")
    if pub is None:
        return _unanchored(expression, "day")
    if modifier == "next":
        value = pub + timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    else:
        back = (pub.weekday() - weekday) % 7
        if modifier == "last" and back == 0:
            back = 7
        value = pub - timedelta(days=back)
    return _ref(value, value, "day", relative=True, expression=expression)


def _after_midnight(text: str, start: int, data: DateData) -> bool:
    """Does an ``after_midnight`` phrase stand right before the weekday at ``start`` ("بعد منتصف ليل
    الأحد": the night that ends the named day, so the happening falls on the next one)?"""
    return _phrase_before(text, start, data.after_midnight, 4) is not None


def _year_of(groups: dict[str, Any], cal: str) -> int | None:
    if groups.get("y"):
        return int(groups["y"])
    if groups.get("y2"):
        return _full_year(cal, int(groups["y2"]))
    return None


def _calendar(g: dict[str, Any], data: DateData, default: str) -> str:
    era = g.get("era")
    return data.eras.get(" ".join(era.split()), default) if era else default


def _names_a_group(text: str, start: int, end: int, g: dict[str, Any], data: DateData) -> bool:
    """Dates used as names: "قوى 14 آذار" (the March 14 alliance), "18 March Division", "April 7th Street"."""
    if data.name_before:
        before = text[max(0, start - 20):start].split()
        if before and before[-1] in data.name_before:
            return True
    if data.name_after and g.get("y") is None and g.get("y2") is None:
        # the word right after the day and month, whichever comes last ("18 March Division", "April 7th Street")
        k = max(end, text.find(g["m"], start) + len(g["m"]))
        after = text[k:k + 24].split()
        if after and after[0].rstrip(".,;:!?،؛") in data.name_after:
            return True
    return False


def _interpret(name: str, g: dict[str, Any], start: int, end: int, text: str, data: DateData,
               pub: date | None) -> DateRef | None:
    """The DateRef for a match of pattern ``name`` (groups ``g``) at ``start``, or None to reject it."""
    if name == "ordinal":
        g = {**g, "d": str(data.ordinal_days[" ".join(g["dw"].split())]), "d2": None}
        name = "dmy"
    if name in ("dmy", "mdy", "my", "month"):
        if name in ("dmy", "mdy") and _names_a_group(text, start, end, g, data):
            return NOT_A_DATE  # the whole name is no date: nor is its month alone ("سالگرد دوم خرداد")
        month_name = " ".join(g["m"].split())
        cal, month = data.months[month_name]
        y = _year_of(g, cal)
        if name == "month" and month_name in data.ambiguous_months and not g.get("cue"):
            return None
        if name == "month" and text[max(0, start - 6):start].rstrip()[-1:].isdigit():
            return None  # a day+month that was rejected (a name such as "قوى 14 آذار")
        if name == "month":
            return _month_only(cal, month, pub, _direction_after(text, end, data))
        if name == "my":
            if y is None:
                return None
            start, end = month_range(cal, y, month)
            return _ref(start, end, "month", calendar=cal)
        day = int(g["d"])
        day2 = int(g["d2"]) if g.get("d2") else None
        if y is None:
            return _day_month(cal, month, day, day2, pub, _direction_after(text, end, data))
        if day2 is not None:
            if not day < day2 <= 31:
                return None
            start_day, end_day = to_gregorian(cal, y, month, day), to_gregorian(cal, y, month, day2)
            return _ref(start_day, end_day, "week" if day2 - day < 7 else "month", calendar=cal)
        value = to_gregorian(cal, y, month, day)
        return _ref(value, value, "day", calendar=cal)
    if name == "numeric":
        a, b, c = int(g["a"]), int(g["b"]), int(g["c"])
        if len(g["a"]) == 4:
            y, m, d = a, b, c
        elif len(g["c"]) == 4:
            order = data.numeric_order if data.numeric_order != "ymd" else "dmy"
            d, m, y = (a, b, c) if order == "dmy" else (b, a, c)
            if m > 12 and d <= 12:
                d, m = m, d
        else:
            return None
        cal = "gregorian"
        if 1300 <= y < 1500:
            cal = data.numeric_13xx_calendar
        elif not 1900 <= y <= 2100:
            return None
        value = to_gregorian(cal, y, m, d)
        if len(g["c"]) == 4 and d != m and d <= 12 and m <= 12 and pub is not None:
            value = _nearer_reading(value, to_gregorian(cal, y, d, m), pub)
        return _ref(value, value, "day", calendar=cal)
    if name in ("year", "yera"):
        y = int(g["y"])
        cal = _calendar(g, data, "gregorian")
        if cal == "gregorian" and not 1900 <= y <= 2100:
            if data.year_13xx_calendar and 1300 <= y < 1500:
                cal = data.year_13xx_calendar
            else:
                return None
        start, end = year_range(cal, y)
        return _ref(start, end, "year", calendar=cal)
    if name == "weekday":
        before = text[max(0, start - 12):start].split()
        if before and before[-1] in data.weekday_blockers:
            return None
        after = text[end:end + 16].split()[:1]
        if after and after[0] in data.weekday_blockers_after:
            return None  # "چهارشنبه سوری" (a festival)
        modifier = data.modifiers.get(" ".join((g.get("mb") or g.get("ma") or "").split()))
        ref = _resolve_weekday(data.weekdays[" ".join(g["wd"].split())], modifier, pub)
        # (on the day itself the text can only mean the night that began it: the next day is still to come)
        if ref.start is not None and (pub is None or ref.start < pub) and _after_midnight(text, start, data):
            following = ref.start + timedelta(days=1)
            return _ref(following, following, "day", relative=True, expression=f"{ref.expression}:+1d")
        return ref
    if name == "deictic":
        offset = data.deictic[" ".join(g["dx"].split())]
        expression = f"{offset:+d}d" if offset else "0d"
        if pub is None:
            return _unanchored(expression, "day")
        value = pub + timedelta(days=offset)
        return _ref(value, value, "day", relative=True, expression=expression)
    if name in ("ago_before", "ago_after"):
        unit, form = data.units[" ".join(g["u"].split())]
        n: int | None
        if g.get("n"):
            n = parse_number_text(g["n"], data.lang) if not g["n"].isdigit() else int(g["n"])
            if n is None and g["n"] in data.one_words:
                n = 1
            if n is None or form == "dual":
                return None
        else:
            n = {"singular": 1, "dual": 2, "plural": None}[form]
        return _resolve_ago(n, unit, pub)
    if name == "recent":
        return _resolve_ago(None, data.recent[" ".join(g["rc"].split())], pub)
    if name == "period":
        modifier = data.modifiers.get(" ".join((g.get("mb") or g.get("ma") or "").split()))
        if modifier is None:
            return None
        before = text[max(0, start - 16):start].split()[-1:]
        if before and (before[0].isdigit() or before[0] in data.number_words):
            return NOT_A_DATE  # "صد سال دیگر" (in a hundred years), "two years later"
        return _resolve_period(data.periods[" ".join(g["p"].split())], modifier, pub, data.week_start)
    return None


def _word_start_before(text: str, pos: int) -> int:
    """Start of the word before the one starting at ``pos`` (``pos`` itself at the text start)."""
    j = pos - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0:
        return pos
    space = text.rfind(" ", 0, j)
    # a line break only counts after that space (looked for there alone: a text may have none for
    # thousands of characters back)
    return max(space, text.rfind("\n", space + 1, j)) + 1


def _candidate_starts(text: str, data: DateData) -> list[int]:
    """Offsets where a date may start: at digits and date words, and up to three words before them
    (for "يوم الجمعة"-style prefixes, "دو روز پیش", "late on Friday")."""
    starts: set[int] = set()
    after_digits = data.after_digits
    year_cues = data.year_cue_words
    n = len(text)
    for pos, end in text_index(text).digits:
        # a date starting with digits continues with a separator ("29/7"), an attached letter ("29th",
        # "13آبان"), or a month/unit/era/glue word ("12 تموز", "4 أيام", "1434 هـ"): skip other numbers
        nxt = text[end] if end < n else " "
        if nxt in "/.-" or nxt.isalpha():
            starts.add(pos)
        else:
            following = text[end:end + 24].split()[:1]
            if following and following[0].strip(_PUNCT_CHARS) in after_digits:
                starts.add(pos)
        if end - pos == 4:  # a year may follow a cue: "في عام 2013", "in 2013", "سال 1392"
            prev = _word_start_before(text, pos)
            cue = text[prev:pos].split()[:1]
            if cue and cue[0].strip(_PUNCT_CHARS) in year_cues:
                starts.add(prev)
                starts.add(_word_start_before(text, prev))  # two-word cues: "في عام", "من العام"
    anchors = data.anchors
    for pos, word in word_hits(text, data.anchor_set):
        starts.add(pos)
        for _ in range(anchors[word]):
            prev = _word_start_before(text, pos)
            if prev == pos:
                break
            starts.add(prev)
            pos = prev
    return sorted(starts)


_Candidate = tuple[int, int, int, str, dict[str, Any]]
#: ``(text, data, its candidates)`` of the text last matched (one tuple, replaced whole): ``dates_stage`` reads
#: a text a second time, against the day the text itself names, in ~1 document in 10.
_LAST_MATCHES: list[tuple[str, DateData, list[_Candidate]] | None] = [None]


def _pattern_matches(text: str, data: DateData) -> list[_Candidate]:
    """``(priority, start, end, pattern, groups)`` of the combined pattern's match at each place a date may
    start, in the order :func:`find_dates` takes them.  They do not depend on the publication date, so a
    second reading of the same text reuses them (the groups are read, never changed)."""
    last = _LAST_MATCHES[0]
    if last is not None and last[0] is text and last[1] is data:
        return last[2]
    candidates: list[_Candidate] = []
    match = data.combined.match
    for start in _candidate_starts(text, data):
        m = match(text, start)
        if m is None:
            continue
        # the branch's wrapper group closes last, so it is the match's lastgroup
        name = m.lastgroup[2:] if m.lastgroup else ""
        shorts, numbers = data.branch_groups[name]
        values = m.group(*numbers) if len(numbers) > 1 else (m.group(numbers[0]),) if numbers else ()
        g = dict(zip(shorts, values, strict=True))
        candidates.append((_PRIORITY[name], m.start(), m.end(), name, g))
    candidates.sort(key=lambda c: (c[0], c[1] - c[2], c[1]))
    _LAST_MATCHES[0] = (text, data, candidates)
    return candidates


def find_dates(text: str, lang: str, published: date | datetime | None) -> list[DateMatch]:
    """Dates in normalized ``text`` of language ``lang``, resolved against ``published`` if given.

    The combined pattern is tried only where a date can start (near digits and date words), which
    keeps the stage at a fraction of a millisecond per article.
    """
    data = date_data(lang)
    if data is None:
        return []
    pub = published.date() if isinstance(published, datetime) else published
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    for _, start, end, name, g in _pattern_matches(text, data):
        if any(s < end and start < e for s, e in taken):
            continue
        try:
            ref = _interpret(name, g, start, end, text, data, pub)
        except (ValueError, KeyError):
            ref = None
        if ref is None:
            continue
        taken.append((start, end))
        if ref is not NOT_A_DATE:
            part = _part_before(text, start, data) if ref.precision == "month" and ref.start and ref.end else None
            if part is not None and ref.start is not None and ref.end is not None:
                ref.start, ref.end = month_part(ref.start, ref.end, part)
            out.append(DateMatch(start, end, ref, name, part))
    out.sort(key=lambda d: d.start)
    # "Saturday 20 Sep 2014", "الأحد 12 تموز": a weekday right before a full date names that date
    return [d for k, d in enumerate(out)
            if not (d.pattern == "weekday" and k + 1 < len(out) and out[k + 1].pattern in ("dmy", "mdy", "numeric")
                    and not text[d.end:out[k + 1].start].strip(" ,،"))]


def date_attrs(ref: DateRef) -> dict[str, Any]:
    """``ref.to_dict()``, built directly (the generic serializer is the slowest part of the stage)."""
    return {
        "start": ref.start.isoformat() if ref.start else None,
        "end": ref.end.isoformat() if ref.end else None,
        "precision": ref.precision, "text": ref.text, "relative": ref.relative, "anchored": ref.anchored,
        "expression": ref.expression, "calendar": ref.calendar,
        "start_offset": ref.start_offset, "end_offset": ref.end_offset,
    }


#: Punctuation between a dateline cue and its date ("Published: 4 July 2015", "تاريخ النشر - ...").
_CUE_PUNCT = " \t:-–—|,،"


def is_dateline(norm_text: str, start: int, ref: DateRef, data: DateData) -> bool:
    """Is the date at ``start`` (normalized offsets) the article's own stamp rather than a date it tells?

    An absolute day at the head of a line ("Sun 16 Apr 2017 Death toll from ...", "29-07-2016 ISIL
    terrorists execute ...") or right after a dateline cue ("Date of publication 21 September 2016").
    Such a date says when the text was published; the event it reports is dated by the text itself.
    """
    if ref.relative or ref.precision != "day" or ref.start is None:
        return False
    lead = norm_text[norm_text.rfind("\n", 0, start) + 1:start]
    if data.dateline_lead.fullmatch(lead):
        return True
    tail = " ".join(lead.rstrip(_CUE_PUNCT).rsplit(None, 4)[-4:])  # the last four words (no whole-line split)
    return any(tail == cue or tail.endswith(" " + cue) for cue in data.dateline_cues)


def is_span(norm_text: str, start: int, data: DateData) -> bool:
    """Is the period at ``start`` (normalized offset) one the text counts over -- right after a span phrase
    ("طی یک هفته گذشته 123 نفر را کشته‌اند", "خلال الأسبوع الماضي", "over the past week")?  Such a period
    bounds several happenings, or one the text does not date; the events stage dates no event by it.  A
    single day after the same words ("خلال يوم الجمعة") is a date like any other: the caller asks only for
    a period, or for an unspecified few hours or days ("طی ساعت‌های گذشته")."""
    if not data.span_words:
        return False
    longest = max(len(p) for p in data.span_words)
    before = tuple(norm_text[max(0, start - 16 * longest):start].split()[-longest:])
    return any(before[len(before) - len(p):] == p for p in data.span_words if len(p) <= len(before))


#: How far into the text (normalized characters) the article's own stamp may stand ("AFP Sunday 30 Mar 2014"
#: after the headline, "Published September 21 2016" opening the body).
STAMP_WINDOW = 300


def _weekday_before(norm_text: str, start: int, data: DateData) -> int | None:
    """The weekday named by the word right before ``start`` ("Sunday 30 Mar 2014"), else ``None``."""
    before = norm_text[max(0, start - 16):start].rstrip(" ,،").split()
    return data.weekdays.get(before[-1]) if before else None


def text_stamp(norm_text: str, matches: list[DateMatch], data: DateData) -> DateMatch | None:
    """The day the text itself says it was written: an absolute day near its head that is a dateline
    (:func:`is_dateline`) or follows the name of its own weekday ("AFP Tuesday 29 Apr 2014").

    Relative dates ("on Thursday", "yesterday", "قبل يومين") count from it rather than from the
    publication date of the metadata: a scraped corpus's date is often the crawl's or simply wrong
    (FA-KES rows dated 2014-10-05 whose text reads "Friday 12 Sep 2014"), while the stamp is the one the
    writer counted from.  A weekday that agrees with the date keeps a date the text merely mentions out.
    The stamp is marked ``attrs["dateline"]`` like any dateline: it dates an event only when nothing else does."""
    for d in matches:
        if d.start > STAMP_WINDOW:
            break
        ref = d.ref
        if ref.relative or ref.precision != "day" or ref.start is None:
            continue
        if d.pattern == "numeric" and ref.start.day <= 12:
            continue  # "09-06-2016": day and month may be either way round, the stamp is no surer than the metadata
        if is_dateline(norm_text, d.start, ref, data) or _weekday_before(norm_text, d.start, data) == ref.start.weekday():
            return d
    return None


#: What may stand between a deictic day and the weekday restating it ("اليوم (الاثنين)", "أمس، الثلاثاء").
_APPOSITION = re.compile(r"[\s(،,]*")


def restated_reference(norm_text: str, matches: list[DateMatch], published: date) -> date | None:
    """The writer's "today" when the text restates its deictic days by weekday ("أمس (الأحد)", "اليوم
    الاثنين", "دیروز (شنبه)") and those weekdays disagree with the publication date: most such pairs put
    "today" on the same day, one to three days before it (a scraped corpus's date is often the day it was
    crawled, a day or two after the article was written).  ``None`` when the pairs agree with
    ``published`` or with no single other day."""
    shifts: list[int] = []
    for a, b in zip(matches, matches[1:], strict=False):
        if a.pattern != "deictic" or b.pattern != "weekday" or a.ref.start is None or b.ref.start is None \
                or not _APPOSITION.fullmatch(norm_text, a.end, b.start):
            continue
        shift = (b.ref.start.weekday() - a.ref.start.weekday()) % 7
        shifts.append(shift - 7 if shift > 3 else shift)
    if not shifts:
        return None
    best = max(set(shifts), key=shifts.count)
    # the writer's today is never after the publication (or crawl) date: a weekday pointing later is a
    # misreading or an old article reposted, which no shift mends
    if not -3 <= best < 0 or 2 * shifts.count(best) <= len(shifts):
        return None
    return published + timedelta(days=best)


def dates_stage(doc: Document) -> None:
    """Add ``Mention(kind="date")`` for every date in the document (replacing earlier ones).

    Relative dates are resolved against the text's own stamp when it has one (:func:`text_stamp`), else
    against the publication date -- shifted to the day the text's weekdays say was "today" when they
    disagree with it (:func:`restated_reference`)."""
    ensure_norm(doc)
    assert doc.norm is not None
    doc.mentions = [m for m in doc.mentions if m.kind != "date"]
    langs = {s.lang for s in doc.sentences if s.lang not in ("und", "")} or {doc.lang}
    if doc.lang not in ("und", ""):
        langs.add(doc.lang)
    seen: set[tuple[int, int]] = set()
    new: list[Mention] = []
    published = doc.published.date() if isinstance(doc.published, datetime) else doc.published
    for lang in sorted(langs):
        found = find_dates(doc.norm.text, lang, published)
        data = date_data(lang)
        stamp = text_stamp(doc.norm.text, found, data) if data is not None else None
        reference = published
        if stamp is not None and stamp.ref.start != published:
            reference = stamp.ref.start
            found = find_dates(doc.norm.text, lang, reference)
        elif stamp is None and published is not None:
            today = restated_reference(doc.norm.text, found, published)
            if today is not None:
                reference = today
                found = find_dates(doc.norm.text, lang, today)
        for d in found:
            raw_start, raw_end = doc.norm.to_raw(d.start, d.end)
            sent = sentence_at(doc, raw_start)
            if len(langs) > 1 and sent is not None and (sent.lang if sent.lang not in ("und", "") else doc.lang) != lang:
                continue  # each sentence is read with its own language's date words
            if any(s < raw_end and raw_start < e for s, e in seen):
                continue
            seen.add((raw_start, raw_end))
            d.ref.text = doc.text[raw_start:raw_end]
            d.ref.start_offset, d.ref.end_offset = raw_start, raw_end
            attrs = date_attrs(d.ref)
            if data is not None and ((stamp is not None and d.start == stamp.start)
                                     or is_dateline(doc.norm.text, d.start, d.ref, data)):
                attrs["dateline"] = True
            if data is not None and data.since_words and d.pattern not in ("ago_before", "ago_after"):
                before = doc.norm.text[max(0, d.start - 12):d.start].split()[-1:]
                if before and before[0] in data.since_words:
                    attrs["since"] = True  # the start of a period: "since Friday", "منذ يوم الجمعة"
            if data is not None and (d.ref.precision != "day" or str(d.ref.expression or "").startswith("-few")) \
                    and is_span(doc.norm.text, d.start, data):
                attrs["span"] = True  # a period, or an unspecified few hours or days ("طی ساعت‌های گذشته")
            past = past_occurrence(d.ref, reference) if reference is not None else None
            if past is not None and d.part is not None:
                past = month_part(past[0], past[1], d.part)
            if past is not None:
                attrs["past"] = [past[0].isoformat(), past[1].isoformat()]
            new.append(Mention(raw_start, raw_end, d.ref.text, "date", sentence=sent.index if sent else None,
                               lang=lang, source="dates", attrs=attrs))
    new.sort(key=lambda m: m.start)
    doc.mentions.extend(new)
