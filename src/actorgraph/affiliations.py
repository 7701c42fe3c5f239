"""Affiliations: posts, membership, parts, succession and alliances.

(Placeholder: finds none yet.)
"""

from __future__ import annotations

from spacy.tokens import Doc

from actorgraph.model import ActorIndex, Document, Relation


def extract(doc: Doc, index: ActorIndex, document: Document) -> list[Relation]:
    return []
