"""Normalising temporal expressions ("on Monday", "last month", "December 3") to calendar days.

News convention: an expression without a year or with a bare weekday names the most recent
such day on or before the document date, unless the text speaks of the future (then the
nearest one on or after it). The output is a single day (YYYY-MM-DD in the JSON contract), so
periods normalise to their first day: "last month" -> the first of the previous month,
"last week" -> the Monday of the previous week, "in February" -> February 1, "in 2021" ->
January 1. Vague expressions with no anchor ("recently", "soon", "for months") give None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import MO, relativedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"

_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b")
_MONTH_DAY = re.compile(rf"\b(?P<month>{_MONTH})\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.I)
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+{_YEAR})?", re.I)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})(?:\s+of)?\s+{_YEAR}\b", re.I)
_IN_MONTH = re.compile(
    rf"\b(?:in|during|early|late|mid-?|until|by)\s+(?P<month>{_MONTH})"
    r"(?![\w-])(?!\.?\s+\d)",
    re.I,
)
_IN_YEAR = re.compile(rf"\b(?:in|during|early|late|mid-?)\s+{_YEAR}\b", re.I)
_REL_WEEKDAY = re.compile(
    rf"\b(?P<rel>last|this|next|on|past|coming)?\s*(?P<wd>{_WEEKDAY})"
    r"(?:'s)?\b",
    re.I,
)
_DEICTIC = re.compile(
    r"\b(?P<word>yesterday|today|tonight|tomorrow|"
    r"(?P<rel>last|this|next|past|previous|coming)\s+(?P<unit>week|month|year|"
    r"weekend))\b",
    re.I,
)
_AGO = re.compile(
    r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>day|week|month|year)s?\s+ago\b",
    re.I,
)
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_FUTURE_REL = {"next", "coming"}


@dataclass(frozen=True)
class TimeMatch:
    """A temporal expression found in a text, with its character span and calendar day."""

    start: int
    end: int
    text: str
    date: dt.date


def full_dates(text: str) -> list[dt.date]:
    """The dates a text writes out in full, with day, month and year ("19 December 2022",
    "Dec. 19, 2022", "2022-12-19"), in the order they appear; impossible ones are skipped."""
    found: list[tuple[int, dt.date]] = []
    for pattern in (_ISO, _MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(text):
            if m["year"] is None:
                continue
            name = m["month"].lower().rstrip(".")
            month = int(name) if name.isdigit() else MONTHS[name]
            try:
                found.append((m.start(), dt.date(int(m["year"]), month, int(m["day"]))))
            except ValueError:
                continue
    return [day for _, day in sorted(found)]


def parse_reference(value: str | dt.date | None) -> dt.date | None:
    """A document date as a `date` (accepts YYYY-MM-DD strings; None when absent or malformed)."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def normalise(expression: str, reference: dt.date | None, future: bool = False) -> dt.date | None:
    """The calendar day an expression names, relative to the document date `reference`.

    `future` says the text speaks of what is to come ("will meet on Monday"), so bare weekdays
    and dates without a year resolve forwards. None when the expression names no day or needs
    a reference that is missing.
    """
    found = find_dates(expression, reference, future)
    return found[0].date if found else None


def find_dates(text: str, reference: dt.date | None, future: bool = False) -> list[TimeMatch]:
    """Every normalisable temporal expression in `text`, in text order, without overlaps."""
    candidates: list[TimeMatch] = []
    for pattern, resolve in _RESOLVERS:
        for m in pattern.finditer(text):
            try:
                day = resolve(m, reference, future)
            except (ValueError, OverflowError):
                day = None
            if day is not None:
                candidates.append(TimeMatch(m.start(), m.end(), m.group(0).strip(), day))
    candidates.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[TimeMatch] = []
    for cand in candidates:
        if not any(cand.start < k.end and k.start < cand.end for k in kept):
            kept.append(cand)
    return [t for i, t in enumerate(kept) if not _names_weekday_of_next(t, kept[i + 1 :], text)]


def _names_weekday_of_next(match: TimeMatch, rest: list[TimeMatch], text: str) -> bool:
    """True for the weekday in "Monday, December 12": the explicit date that follows wins."""
    if match.text.lower().strip(" ,'s").split()[-1] not in WEEKDAYS or not rest:
        return False
    gap = text[match.end : rest[0].start]
    return len(gap) <= 3 and gap.strip(" ,") == ""


def _year_for(month: int, day: int, reference: dt.date, future: bool) -> dt.date:
    """The date with `month`/`day` nearest `reference` on the side the tense points to."""
    candidate = dt.date(reference.year, month, day)
    if future and candidate < reference:
        return dt.date(reference.year + 1, month, day)
    if not future and candidate > reference:
        return dt.date(reference.year - 1, month, day)
    return candidate


def _iso(m: re.Match[str], reference: dt.date | None, future: bool) -> dt.date | None:
    return dt.date(int(m["year"]), int(m["month"]), int(m["day"]))


def _month_day(m: re.Match[str], reference: dt.date | None, future: bool) -> dt.date | None:
    month = MONTHS[m["month"].lower().rstrip(".")]
    day = int(m["day"])
    if m["year"]:
        return dt.date(int(m["year"]), month, day)
    if reference is None:
        return None
    return _year_for(month, day, reference, future)


def _month_year(m: re.Match[str], reference: dt.date | None, future: bool) -> dt.date | None:
    return dt.date(int(m["year"]), MONTHS[m["month"].lower().rstrip(".")], 1)


def _in_month(m: re.Match[str], reference: dt.date | None, future: bool) -> dt.date | None:
    if m["month"].lower() == "may" and not m["month"][0].isupper():
        return None  # the modal verb ("by may"), not the month
    if reference is None:
        return None
    month = MONTHS[m["month"].lower().rstrip(".")]
    if month == reference.month:  # "in March", said in March: this March
        return dt.date(reference.year, month, 1)
    return _year_for(month, 1, reference, future)


def _in_year(m: re.Match[str], reference: dt.date | None, future: bool) -> dt.date | None:
    return dt.date(int(m["year"]), 1, 1)


def _weekday(m: re.Match[str], reference: dt.date | None, future: bool) -> dt.date | None:
    if reference is None:
        return None
    target = WEEKDAYS.index(m["wd"].lower())
    rel = (m["rel"] or "").lower()
    back = (reference.weekday() - target) % 7
    ahead = (target - reference.weekday()) % 7
    if rel == "last" or rel == "past":
        # "last Monday" on a Monday is the Monday before; otherwise the most recent one.
        return reference - dt.timedelta(days=back or 7)
    if rel in _FUTURE_REL:
        return reference + dt.timedelta(days=ahead or 7)
    if future:
        return reference + dt.timedelta(days=ahead)
    return reference - dt.timedelta(days=back)


def _deictic(m: re.Match[str], reference: dt.date | None, future: bool) -> dt.date | None:
    if reference is None:
        return None
    word = m["word"].lower()
    if word in ("today", "tonight"):
        return reference
    if word == "yesterday":
        return reference - dt.timedelta(days=1)
    if word == "tomorrow":
        return reference + dt.timedelta(days=1)
    rel, unit = m["rel"].lower(), m["unit"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[rel]
    if unit == "week":
        return reference + relativedelta(weekday=MO(-1)) + relativedelta(weeks=step)
    if unit == "weekend":  # its Saturday
        last_saturday = reference - dt.timedelta(days=(reference.weekday() - 5) % 7)
        if step == 0:  # the weekend just past, or the coming one when the text looks ahead
            return last_saturday + dt.timedelta(weeks=1 if future else 0)
        if step < 0:  # the previous weekend: the one just past, unless it is still going on
            return last_saturday - dt.timedelta(weeks=1 if reference.weekday() >= 5 else 0)
        return last_saturday + dt.timedelta(weeks=1)
    if unit == "month":
        return reference.replace(day=1) + relativedelta(months=step)
    return dt.date(reference.year + step, 1, 1)


def _ago(m: re.Match[str], reference: dt.date | None, future: bool) -> dt.date | None:
    if reference is None:
        return None
    raw = m["n"].lower()
    n = _NUMBERS[raw] if raw in _NUMBERS else int(raw)
    unit = m["unit"].lower()
    if unit == "day":
        return reference - dt.timedelta(days=n)
    if unit == "week":
        return reference - dt.timedelta(weeks=n)
    if unit == "month":
        return reference - relativedelta(months=n)
    return reference - relativedelta(years=n)


_RESOLVERS = (
    (_ISO, _iso),
    (_MONTH_DAY, _month_day),
    (_DAY_MONTH, _month_day),
    (_MONTH_YEAR, _month_year),
    (_IN_MONTH, _in_month),
    (_IN_YEAR, _in_year),
    (_DEICTIC, _deictic),
    (_AGO, _ago),
    (_REL_WEEKDAY, _weekday),
)
