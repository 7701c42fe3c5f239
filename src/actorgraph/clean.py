"""Cleaning: blank out page boilerplate and the wire dateline, keeping every offset.

Boilerplate lines (ad labels, comment forms, share buttons...) come from the lexicon
`data/lexicon/boilerplate.yaml`; they are replaced by spaces of the same length, so any
character offset into the cleaned text is also an offset into the original. The spaCy
component `actorgraph_paragraphs` starts a sentence after a line break that ends a paragraph
or a section heading (e.g. "SANCTIONS"), so headings do not glue to the next sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from actorgraph.datelines import dateline_span
from actorgraph.resources import lexicon_dir, read_yaml

_LINE = re.compile(r"[^\n]+")
_HEADING_MAX_WORDS = 6


@lru_cache(maxsize=1)
def boilerplate_pattern() -> re.Pattern[str]:
    """One compiled pattern for every boilerplate line of the lexicon."""
    data = read_yaml(lexicon_dir() / "boilerplate.yaml")
    alternatives = "|".join(f"(?:{p})" for p in data["lines"])
    return re.compile(rf"\s*(?:{alternatives})\s*", re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """Whether a whole line is page furniture."""
    return bool(line.strip()) and boilerplate_pattern().fullmatch(line) is not None


def is_heading(line: str, next_line: str | None) -> bool:
    """Whether a line is a section heading: a few words, no closing punctuation, followed by
    text, and either all upper case or Title Case without a verb-like lower-case word."""
    words = line.split()
    if not words or len(words) > _HEADING_MAX_WORDS or next_line is None or not next_line.strip():
        return False
    if line.rstrip()[-1] in ".!?:;,\"'”’)":
        return False
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def clean(text: str) -> str:
    """The article text with boilerplate and the wire dateline blanked, same length as
    `text`."""
    chars = list(text)
    spans = [m.span() for m in _LINE.finditer(text) if is_boilerplate(m.group())]
    if (wire := dateline_span(text)) is not None:
        spans.append(wire)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_CLOSING = frozenset(".!?\"'”’)")


@Language.component("actorgraph_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after a blank line, or after a line break that follows a finished
    sentence or a heading (runs before the parser, which keeps preset boundaries)."""
    text = doc.text
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space or not previous.is_space or "\n" not in previous.text:
            continue
        line_end = previous.idx
        line_start = text.rfind("\n", 0, line_end) + 1
        line = text[line_start:line_end].strip()
        if not line:
            continue
        next_end = text.find("\n", token.idx)
        next_line = text[token.idx : next_end if next_end >= 0 else len(text)]
        blank_line = previous.text.count("\n") >= 2
        if blank_line or line[-1] in _CLOSING or is_heading(line, next_line):
            token.is_sent_start = True
    return doc
