"""The date an article gives at its top: a dateline ("MINSK, Dec. 19, 2022 (Reuters) -") or a
byline date ("Published 19 December 2022", "2022-12-19"), used when no date is supplied.

Only the first few lines are read, and only short ones or the part of a line before its
dateline dash, so that a date mentioned in the story itself is not taken for the article's.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
)
_DASH = re.compile(r"\s(?:—|–|--|-)\s")
HEAD_LINES = 5
SHORT_LINE = 120


def dateline(text: str) -> str | None:
    """The article's own date (YYYY-MM-DD) from its first lines, or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEAD_LINES]
    for line in lines:
        head = line if len(line) <= SHORT_LINE else _DASH.split(line, maxsplit=1)[0]
        if len(head) > SHORT_LINE:
            continue
        for pattern in _PATTERNS:
            for match in pattern.finditer(head):
                found = _as_date(match)
                if found is not None:
                    return found
    return None


def _as_date(match: re.Match[str]) -> str | None:
    month = match["month"]
    number = int(month) if month.isdigit() else _MONTHS[month.lower()]
    try:
        return date(int(match["year"]), number, int(match["day"])).isoformat()
    except ValueError:
        return None
