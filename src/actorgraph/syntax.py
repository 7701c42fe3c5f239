"""Small readings of spaCy's dependency parse that several relation stages share."""

from __future__ import annotations

from spacy.tokens import Token


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
