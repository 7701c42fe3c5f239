"""What recognition hands on: typed mentions and titles, and the doc's sentences and chunks."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Recognised:
    """A mention of an actor (or of a country through its capital or a demonym).

    kind: "name" (a proper name), "capital" (a capital city: a place or its government),
    "nominal" (a country's institution named by a common noun group), "country" (a noun group
    standing for the country itself, "the Russian government"), "demonym".
    `owner` is the token of a possessor or "of" object whose actor gives the country
    ("his soldiers", "Lukashenko's army") when no demonym does.
    """

    start_token: int
    end_token: int
    text: str
    type: str
    key: str | None = None
    kind: str = "name"
    country: str | None = None
    label: str | None = None
    owner: int | None = None


@dataclass(frozen=True)
class Title:
    """A title of a post in the text ("Foreign Minister"), with its normalised role."""

    start_token: int
    end_token: int
    role: str
    modifier: str | None = None  # former, acting, deputy...


@dataclass
class Recognition:
    """What recognition found in one document."""

    mentions: list[Recognised] = field(default_factory=list)
    demonyms: list[Recognised] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indexes of every sentence, computed once per doc."""
    bounds = doc.user_data.get("actorgraph_sentences")
    if bounds is None:
        bounds = [(s.start, s.end) for s in doc.sents]
        doc.user_data["actorgraph_sentences"] = bounds
    return list(bounds)


def sentence_at(doc: Doc, token: int) -> Span:
    """The sentence holding a token (sentence bounds are computed once per doc and cached:
    spaCy's `Token.sent` walks every sentence on each call)."""
    starts = sentence_bounds(doc)
    n = bisect.bisect_right(starts, (token, len(doc) + 1)) - 1
    start, end = starts[max(n, 0)]
    return doc[start:end]


def chunk_at(doc: Doc, token: int) -> Span | None:
    """The noun chunk holding a token (the doc's chunks are computed once and cached)."""
    table = doc.user_data.get("actorgraph_chunks")
    if table is None:
        table = {}
        for chunk in doc.noun_chunks:
            for i in range(chunk.start, chunk.end):
                table[i] = (chunk.start, chunk.end)
        doc.user_data["actorgraph_chunks"] = table
    found = table.get(token)
    return doc[found[0] : found[1]] if found else None
