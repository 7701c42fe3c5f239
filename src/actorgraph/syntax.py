"""Small readings of spaCy's dependency parse that several relation stages share."""

from __future__ import annotations

from spacy.tokens import Span, Token

from actorgraph.model import Evidence


def prep_object(prep: Token | None) -> Token | None:
    """The object of a preposition ("with" in "supplied X with weapons": weapons)."""
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def object_of(head: Token, words: tuple[str, ...]) -> Token | None:
    """The object of the first of a word's prepositions that is one of `words`."""
    for prep in head.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in words:
            found = prep_object(prep)
            if found is not None:
                return found
    return None


def bare_definite(noun: Token) -> bool:
    """A noun with "the" and nothing else that says which ("the talks", "the opposition"):
    it names something the text has already spoken of."""
    children = list(noun.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children) and not any(
        c.dep_ in ("prep", "appos", "poss", "compound", "amod", "nmod") for c in children
    )


# What a deadline is counted in ("gave X 48 hours to leave", "gave X a deadline to ...").
TIME_SPANS = frozenset({"minute", "hour", "day", "week", "month", "year", "deadline", "ultimatum"})


def deadline_given(verb: Token) -> tuple[Token, Token] | None:
    """The one given a deadline and what they must do by it: "gave X a week to leave",
    "gave X until Friday to withdraw" -> (X, leave); None for other uses of "give"."""
    if verb.lemma_.lower() != "give":
        return None
    children = list(verb.children)
    clause = next((c for c in children if c.dep_ in ("advcl", "xcomp") and infinitive(c)), None)
    timed = any(
        (c.dep_ in ("npadvmod", "dobj") and c.lemma_.lower() in TIME_SPANS)
        or (c.dep_ == "prep" and c.lower_ in ("until", "till"))
        for c in children
    )
    recipient = next((c for c in children if c.dep_ in ("dative", "iobj")), None)
    recipient = recipient or next(
        (c for c in children if c.dep_ == "dobj" and c.lemma_.lower() not in TIME_SPANS), None
    )
    if clause is None or not timed or recipient is None:
        return None
    return recipient, clause


def infinitive(verb: Token) -> bool:
    """Whether a verb is a to-infinitive ("to leave")."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def passive_participle(verb: Token) -> bool:
    """A participle that modifies a noun as its patient ("a leader backed by X"); with an
    object of its own it is a misparsed finite verb ("strikes killed 30 people")."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and not any(c.dep_ == "dobj" for c in verb.children)
    )


def sentence_evidence(text: str, sent: Span) -> Evidence:
    """A sentence as evidence: its words, without the blanked or spacing text around them,
    with their offsets into the original text."""
    words = [t for t in sent if not t.is_space]
    if not words:
        return Evidence(sentence="", start=sent.start_char, end=sent.start_char)
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return Evidence(sentence=text[start:end], start=start, end=end)
