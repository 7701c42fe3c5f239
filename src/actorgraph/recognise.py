"""Recognising actor mentions: spaCy NER plus the knowledge base.

(Placeholder: spaCy's entities only.)
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

_TYPES = {"PERSON": "Person", "GPE": "Country", "ORG": "Organization", "NORP": None}


@dataclass(frozen=True)
class Recognised:
    """A mention with the actor type it names."""

    start_token: int
    end_token: int
    text: str
    type: str


def recognise(doc: Doc) -> list[Recognised]:
    found = []
    for ent in doc.ents:
        actor_type = _TYPES.get(ent.label_)
        if actor_type:
            found.append(Recognised(ent.start, ent.end, ent.text, actor_type))
    return found
