"""Interactions: PLOVER-typed events between actors.

(Placeholder: finds none yet.)
"""

from __future__ import annotations

from spacy.tokens import Doc

from actorgraph.model import ActorIndex, Document, Relation


def extract(doc: Doc, index: ActorIndex, document: Document) -> list[Relation]:
    return []
