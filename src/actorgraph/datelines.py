"""The date an article gives at its top: a dateline ("MINSK, Dec. 19, 2022 (Reuters) -") or a
byline date ("Published 19 December 2022", "2022-12-19"), used when no date is supplied.

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
