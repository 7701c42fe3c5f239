"""What an article says of itself at its top: its date, in a dateline ("MINSK, Dec. 19, 2022
(Reuters) -") or a byline ("Published 19 December 2022", "2022-12-19"), its news agency, and
its headline (a short first line standing apart), used when no metadata supplies them. The
dateline is metadata, not part of the first sentence: `dateline_span` says where it lies so
that cleaning can blank it before the text is parsed.

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


# A wire dateline opening a line: PLACE (upper case), an optional date, an optional
# "(Agency)", then a dash: "MINSK, Dec. 19, 2022 (Reuters) - ", "NAIROBI (AP) — ".
_WIRE = re.compile(
    r"(?P<place>[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})"
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?"  # ", Texas" / ", Ky."
    r"(?:,? (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?"  # "Dec. 19, 2022"
    r"|\d{1,2} [A-Z][a-z]{2,8}\.?(?: \d{4})?))?"  # "19 December 2022"
    r"(?: \((?P<agency>[A-Za-z][A-Za-z .&'-]{0,40})\))?"
    r"\s*(?:—|–|--|-)\s+"
)


def _wire(text: str) -> re.Match[str] | None:
    """The wire dateline at the start of the article's first text line, if any."""
    start = len(text) - len(text.lstrip())
    for _ in range(HEAD_LINES):
        match = _WIRE.match(text, start)
        if match is not None and (
            match.group("date") or match.group("agency") or len(match.group("place")) >= 4
        ):  # a bare "US - " opens a headline, not a dateline
            return match
        line_end = text.find("\n", start)
        if line_end < 0 or len(text[start:line_end].strip()) > SHORT_LINE:
            return None  # the story itself has begun
        start = line_end + 1 + len(text[line_end + 1 :]) - len(text[line_end + 1 :].lstrip())
    return None


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the wire dateline lies in the text (start, end), so that it can be blanked."""
    match = _wire(text)
    return (match.start(), match.end()) if match else None


def agency(text: str) -> str | None:
    """The news agency a wire dateline names ("(Reuters)"), or None."""
    match = _wire(text)
    return match.group("agency").strip() if match and match.group("agency") else None


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
