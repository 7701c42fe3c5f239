"""Titles of posts in the text ("Foreign Minister", "Major-General"), with their normalised role."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from actorgraph.recognise.lexicon import RANKS, TITLE_MODIFIERS, lexicon
from actorgraph.recognise.mentions import Title


@lru_cache(maxsize=4)
def _title_matcher(nlp: Language) -> PhraseMatcher:
    """A phrase matcher of every form of every role, matched case-blind."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for form, role in lexicon().roles.items():
        matcher.add(role, [nlp.make_doc(form)])
    return matcher


def titles(doc: Doc, nlp: Language) -> list[Title]:
    """Titles of posts, longest first, never overlapping, each ending on a noun."""
    matches = _title_matcher(nlp)(doc)
    found: list[Title] = []
    taken: set[int] = set()
    for match_id, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if taken & set(range(start, end)):
            continue
        if end - start == 1 and doc[start].pos_ not in ("NOUN", "PROPN"):
            continue
        if _hyphened_name(doc, start, end):
            continue  # "Amir-Abdollahian" is a name, not an emir
        role = nlp.vocab.strings[match_id]
        if role in _PORTFOLIO_ROLES:
            while start > 0 and _portfolio_word(doc[start - 1]):
                start -= 1
            if start < end - 1 and role == "minister":
                role = f"{doc[start : end - 1].text.lower()} minister"
        taken.update(range(start, end))
        modifier = _title_modifier(doc, start)
        found.append(Title(start, end, role, modifier))
    return sorted(found, key=lambda t: t.start_token)


def body_before_title(chunk: Span, title_tokens: set[int], covered: set[int]) -> Token | None:
    """The word naming the institution before a title ("army" of "Sudan's army chief"), to be
    read as a noun group of its own so that the post can be placed in it."""
    root = chunk.root
    if root.i not in title_tokens:
        return None
    for child in root.lefts:
        body = child.dep_ == "compound" and child.lower_ in lexicon().nominal_heads
        if body and child.i not in title_tokens | covered and child.i >= chunk.start:
            return child
    return None


def _hyphened_name(doc: Doc, start: int, end: int) -> bool:
    """Whether a title word joined by a hyphen to a capitalised word that is no rank or title
    is part of a name ("Amir-Abdollahian"; not "Major-General")."""

    def name_part(token: Token) -> bool:
        word = token.lower_
        return token.text[:1].isupper() and word not in RANKS and word not in lexicon().roles

    before = start >= 2 and doc[start - 1].text == "-" and name_part(doc[start - 2])
    after = end + 1 < len(doc) and doc[end].text == "-" and name_part(doc[end + 1])
    return doc[start].text[:1].isupper() and (before or after)


def _title_modifier(doc: Doc, start: int) -> str | None:
    """ "former", "acting", "deputy"... before a title, possibly before its country
    ("Former Kenyan President")."""
    for token in reversed(doc[max(0, start - 3) : start]):
        word = token.lower_.rstrip("-")
        if word in TITLE_MODIFIERS:
            return word
        if token.pos_ not in ("ADJ", "PROPN", "PART") and token.tag_ != "POS":
            return None
    return None


_PORTFOLIO_ROLES = frozenset({"minister"})


def _portfolio_word(token: Token) -> bool:
    """A word naming a minister's portfolio ("Infrastructure" in "Infrastructure Minister")."""
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("compound", "nmod")
        and token.text.isalpha()
        and token.lower_ not in lexicon().roles
        and not token.ent_type_
    )
