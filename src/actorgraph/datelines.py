"""What an article says of itself at its top: its date, in a dateline ("MINSK, Dec. 19, 2022
(Reuters) -") or a byline ("Published 19 December 2022", "2022-12-19"), and its headline (a
short first line standing apart), used when no metadata supplies them.

Only the first few lines are read, and only short ones or the part of a line before its
dateline dash, so that a date mentioned in the story itself is not taken for the article's.
"""

from __future__ import annotations

import re

from actorgraph.dates import full_dates

_DASH = re.compile(r"\s(?:—|–|--|-)\s")
HEAD_LINES = 5
SHORT_LINE = 120


def dateline(text: str) -> str | None:
    """The article's own date (YYYY-MM-DD) from its first lines, or None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEAD_LINES]
    for line in lines:
        head = line if len(line) <= SHORT_LINE else _DASH.split(line, maxsplit=1)[0]
        found = full_dates(head) if len(head) <= SHORT_LINE else []
        if found:
            return found[0].isoformat()
    return None


HEADLINE_WORDS = 20


def headline(text: str) -> str | None:
    """The article's headline: its first line when that line is short, stands alone (a blank
    line follows) and is no dateline or byline."""
    lines = text.strip().splitlines()
    if len(lines) < 3 or lines[1].strip():
        return None
    first = lines[0].strip()
    if len(first.split()) > HEADLINE_WORDS or first.endswith((":", ",", ";")):
        return None
    if full_dates(first) or _DASH.search(first):
        return None  # a dateline or byline, not a headline
    return first.rstrip(".").strip() or None
