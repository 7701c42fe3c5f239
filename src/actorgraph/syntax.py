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


def bare_definite(noun: Token) -> bool:
    """A noun with "the" and nothing else that says which ("the talks", "the opposition"):
    it names something the text has already spoken of."""
    children = list(noun.children)
    return any(c.dep_ == "det" and c.lower_ == "the" for c in children) and not any(
        c.dep_ in ("prep", "appos", "poss", "compound", "amod", "nmod") for c in children
    )
