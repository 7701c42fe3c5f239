"""The entities of one document while its mentions are resolved, the posts that tie a title
to a person, and what the resolve stage hands on."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from actorgraph.kb import KBEntry, KnowledgeBase
from actorgraph.model import ActorIndex
from actorgraph.recognise import Title, sentence_bounds


@dataclass
class Entity:
    """One actor of the document while it is being resolved."""

    type: str
    entry: KBEntry | None = None
    names: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)  # other names the text gives it, as aliases
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, kind
    country: str | None = None
    iri: str = ""


@dataclass(frozen=True)
class Post:
    """A title that the text ties to a person, with the organisation or country it is in."""

    person: str  # actor IRI
    role: str
    organization: str | None  # actor IRI
    title: Title
    # "title" (before the name), "apposition", "copula", "kb" (the holder on the date, named
    # elsewhere), "description" (an unnamed holder the title describes), "counterpart"
    how: str


@dataclass
class Resolution:
    """The resolve stage's output: the actor index and the posts found on the way."""

    index: ActorIndex
    posts: list[Post] = field(default_factory=list)


class Resolver:
    """Holds one document's entities while mentions are attached to them."""

    def __init__(self, doc: Doc, knowledge: KnowledgeBase, date: str | None) -> None:
        self.doc = doc
        self.kb = knowledge
        self.date = date
        self.entities: dict[str, Entity] = {}
        self.token_entity: dict[int, str] = {}
        self.aliases: dict[str, str] = {}  # name key of an acronym or nickname -> group
        self.gender: dict[str, str] = {}  # group -> "m" / "f", from pronouns and honorifics
        self.sentence_of = {
            t.i: n for n, (s, e) in enumerate(sentence_bounds(doc)) for t in doc[s:e]
        }
        breaks = [m.end() for m in re.finditer(r"\n\s*\n", doc.text)]
        self.paragraph_of = [bisect.bisect_right(breaks, t.idx) for t in doc]

    def entity(self, group: str, type_name: str, entry: KBEntry | None = None) -> Entity:
        if group not in self.entities:
            country = entry.country if entry else None
            self.entities[group] = Entity(
                type=entry.type if entry else type_name, entry=entry, country=country
            )
        return self.entities[group]

    def country_entity(self, iso3: str) -> tuple[str, Entity] | None:
        entry = self.kb.country(iso3)
        if entry is None:
            return None
        return entry.key, self.entity(entry.key, "Country", entry)

    def attach(self, group: str, start: int, end: int, kind: str, name: str | None) -> None:
        entity = self.entities[group]
        entity.spans.append((start, end, kind))
        if name:
            entity.names.append(name)
        for i in range(start, end):
            self.token_entity.setdefault(i, group)

    def group_at(self, token: int) -> str | None:
        return self.token_entity.get(token)
