"""Resolving mentions into one actor each, within a document.

(Placeholder: one actor per distinct name.)
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from actorgraph.model import Actor, ActorIndex, Mention
from actorgraph.recognise import Recognised
from actorgraph.vocab import ID


def resolve(doc: Doc, found: list[Recognised]) -> ActorIndex:
    index = ActorIndex()
    by_name: dict[str, Actor] = {}
    for rec in found:
        slug = re.sub(r"[^a-z0-9]+", "-", rec.text.lower()).strip("-")
        actor = by_name.get(rec.text)
        if actor is None:
            actor = Actor(id=str(ID[f"{rec.type.lower()}/{slug}"]), label=rec.text, type=rec.type)
            by_name[rec.text] = actor
            index.actors.append(actor)
        span = doc[rec.start_token : rec.end_token]
        actor.mentions.append(Mention(span.start_char, span.end_char, span.text))
        for i in range(rec.start_token, rec.end_token):
            index.by_token[i] = actor.id
    return index
