"""Typed records that flow between the pipeline's stages.

text -> `Document` (read) -> cleaned `Document` (clean) -> spaCy `Doc` (nlp)
-> `Actor`s with `Mention`s (recognise, resolve, link) -> `Relation`s (affiliations,
interactions, statements) -> `Extraction` -> RDF graph (rdf) -> store -> query / network / render.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One article: its text and what its sidecar or the caller says about it.

    `text` is the original text; offsets everywhere in the pipeline index into it.
    """

    id: str
    path: str
    text: str
    date: str | None = None  # YYYY-MM-DD
    title: str | None = None
    source: str | None = None
    language: str | None = None
    url: str | None = None  # the web address it was published at, when known


@dataclass(frozen=True)
class Evidence:
    """The sentence that states a fact, with character offsets into the original text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A stretch of text that names or refers to an actor."""

    start: int  # character offsets into Document.text
    end: int
    text: str
    kind: str = "name"  # name | pronoun | nominal | metonym | demonym


@dataclass
class Actor:
    """A resolved, possibly linked actor of one document (the JSON contract's actor)."""

    id: str  # IRI
    label: str
    type: str  # one of vocab.ACTOR_TYPES
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None  # "Q..."
    country: str | None = None  # ISO 3166 alpha-3
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Relation:
    """An affiliation or interaction between actors (the JSON contract's relation)."""

    source: str  # actor IRI
    type: str  # one of vocab.RELATION_TYPES
    target: str | None
    evidence: Evidence
    mode: str | None = None
    role: str | None = None
    date: str | None = None  # YYYY-MM-DD
    factuality: str = "asserted"  # one of vocab.FACTUALITY
    attributed_to: str | None = None  # actor IRI
    confidence: float = 0.5


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    extractor: str = "actorgraph"


@dataclass
class ActorIndex:
    """The resolve stage's output: the document's actors and which tokens refer to which.

    Relation stages read it to find the actor behind a token (a name, a pronoun, a title,
    a capital standing for its government) without redoing recognition.
    """

    actors: list[Actor] = field(default_factory=list)
    by_token: dict[int, str] = field(default_factory=dict)  # spaCy token index -> actor IRI

    def get(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def actor_at(self, token_index: int) -> Actor | None:
        actor_id = self.by_token.get(token_index)
        return self.get(actor_id) if actor_id else None
