"""Quotations and who speaks them: the words between quotation marks and the one the reporting
verb outside them names ('"We will not yield," the minister said'), so that the first person
inside a quotation ("I", "we", "my") can be read as its speaker."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from actorgraph import statements

OPENING = frozenset({"“", "``"})
CLOSING = frozenset({"”", "''"})
STRAIGHT = frozenset({'"'})
PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"}) | PLURAL


@dataclass(frozen=True)
class Quotation:
    """The tokens between a pair of quotation marks and the head of who speaks them."""

    start: int
    end: int
    speaker: Token | None


def quotations(doc: Doc) -> list[Quotation]:
    """Every quotation of a document with its speaker, where a reporting verb outside it, in
    the sentence that holds it or the one just before or after, names one."""
    spans = _quoted(doc)
    inside = {i for start, end in spans for i in range(start, end)}
    return [Quotation(start, end, _speaker(doc, start, end, inside)) for start, end in spans]


def first_person(doc: Doc) -> list[tuple[Token, Token]]:
    """Each first-person pronoun inside a quotation with the head of its speaker."""
    found = []
    for quote in quotations(doc):
        if quote.speaker is None:
            continue
        for token in doc[quote.start : quote.end]:
            if token.pos_ == "PRON" and token.lower_ in FIRST_PERSON:
                found.append((token, quote.speaker))
    return found


def _quoted(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges between quotation marks; a paragraph break closes any quotation."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for token in doc:
        text = token.text
        after_break = token.i > 0 and "\n" in doc[token.i - 1].whitespace_
        if "\n" in text or (opened is not None and after_break):
            opened = None  # an unclosed quotation ends with its paragraph
        if text in OPENING or (text in STRAIGHT and opened is None):
            opened = token.i + 1
        elif opened is not None and (text in CLOSING or text in STRAIGHT):
            if token.i > opened:
                spans.append((opened, token.i))
            opened = None
    return spans


def _speaker(doc: Doc, start: int, end: int, inside: set[int]) -> Token | None:
    """The subject of a reporting verb outside the quotation: in the sentence where it ends,
    where it starts, then the sentence just after, then the one just before."""
    first, last = doc[start].sent, doc[end - 1].sent
    order: list[Span] = [last, first]
    if last.end < len(doc):
        order.append(doc[last.end].sent)
    if first.start > 0:
        order.append(doc[first.start - 1].sent)
    speech = statements.cues().speech
    for sent in order:
        for token in sent:
            if token.i in inside or token.lemma_.lower() not in speech or token.pos_ != "VERB":
                continue
            speaker = statements.speaker_of(token)
            if speaker is not None and speaker.i not in inside:
                return speaker
    return None
