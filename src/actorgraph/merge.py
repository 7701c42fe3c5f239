"""Merging actors across articles.

Actor IRIs already merge the same actor across documents: a knowledge-base id, else the
actor's type and the slug of its full name. Two different people who share a surname keep
different IRIs ("John Smith" and "Jane Smith" never merge). What is left is a person known
in one article only by a surname ("Nayev", IRI person/nayev): it is linked to the full-name
person of another article ("Serhiy Nayev") only when that is unambiguous, that is when
exactly one full-name person in the store has that surname and no knowledge-base entry
claims the bare name, and their countries do not disagree. Linking rewrites the surname-only
IRI to the full-name IRI in the documents that use it, keeps the surname as an alias of the
mention and records the old IRI on it (`ag:mergedFrom`), so that the link is undone (`unlink`)
when a second full-name person with that surname arrives later.

`describe` makes each actor's one description (for the store's actors graph) from what the
documents' mentions say of it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from actorgraph.model import Actor
from actorgraph.rdf import slug
from actorgraph.vocab import ACTOR_TYPES, AG


@dataclass(frozen=True)
class PersonRecord:
    """A person as the store knows it: IRI, a label, country, and whether the KB defines it."""

    iri: str
    label: str
    country: str | None = None
    in_kb: bool = False


def surname_only(label: str) -> bool:
    """A name of one word ("Nayev"), as opposed to a full name ("Serhiy Nayev")."""
    return len(label.split()) == 1


def surname_key(label: str) -> str:
    """The slug of a name's last word: the key that full names and surnames share."""
    words = label.split()
    return slug(words[-1]) if words else ""


def plan_links(people: Iterable[PersonRecord]) -> dict[str, str]:
    """Surname-only person IRI -> the one full-name person IRI it unambiguously denotes."""
    records = list(people)
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    country_of: dict[str, set[str]] = defaultdict(set)
    kb_iris = {r.iri for r in records if r.in_kb}
    for record in records:
        if record.country:
            country_of[record.iri].add(record.country)
        if not surname_only(record.label):
            full_by_surname[surname_key(record.label)].add(record.iri)
    full_iris = {iri for iris in full_by_surname.values() for iri in iris}
    links: dict[str, str] = {}
    for record in records:
        iri = record.iri
        if iri in kb_iris or iri in full_iris or not surname_only(record.label):
            continue
        candidates = full_by_surname.get(surname_key(record.label), set()) - {iri}
        if len(candidates) != 1:
            continue  # unknown or ambiguous: keep the surname-only actor apart
        (target,) = candidates
        mine, theirs = country_of.get(iri, set()), country_of.get(target, set())
        if mine and theirs and not mine & theirs:
            continue
        links[iri] = target
    return links


def apply_links(
    graph: Graph, links: Mapping[str, str], labels: Mapping[str, str] | None = None
) -> Graph:
    """A copy of a document's graph with linked IRIs replaced; on each mention of a linked
    person the surname becomes an alias and the old IRI is kept (`ag:mergedFrom`).

    `labels` gives the full name of each link target, so that a document that named the
    person only by surname still names the merged actor with its full name.
    """
    mapping = {URIRef(old): URIRef(new) for old, new in links.items()}
    linked = {m: o for m, o in graph.subject_objects(AG.mentionOf) if o in mapping}
    out = _empty_like(graph)

    def swap(term: Node) -> Node:
        return mapping.get(term, term) if isinstance(term, URIRef) else term

    for s, p, o in graph:
        if s in linked and p == AG.name:
            full = (labels or {}).get(str(mapping[linked[s]]))  # type: ignore[index]
            if full:
                out.add((s, AG.name, Literal(full)))
                out.add((s, AG.alias, o))
                continue
        out.add((swap(s), swap(p), swap(o)))
    for mention, old in linked.items():
        out.add((mention, AG.mergedFrom, old))
        name = out.value(mention, AG.name)
        if name is not None:
            out.remove((mention, AG.alias, name))
    return out


def _empty_like(graph: Graph) -> Graph:
    out = Graph(identifier=graph.identifier)
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    return out


def surname_of(iri: str) -> str:
    """The surname key of a surname-only person IRI (its last path segment)."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def stale_links(merged: Iterable[tuple[str, str]], people: Iterable[PersonRecord]) -> set[str]:
    """The surname-only IRIs among (old, new) links whose surname now names more than one
    full-name person: those links are no longer unambiguous."""
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    for record in people:
        if not surname_only(record.label):
            full_by_surname[surname_key(record.label)].add(record.iri)
    return {old for old, _ in merged if len(full_by_surname[surname_of(old)]) > 1}


def unlink(graph: Graph, olds: Iterable[str]) -> Graph:
    """A copy of a document's graph with the links from the given surname-only IRIs undone:
    the person is named by the surname again, under its own IRI."""
    wanted = {URIRef(iri) for iri in olds}
    back: dict[Node, Node] = {}
    mentions: dict[Node, Node] = {}
    for mention, old in graph.subject_objects(AG.mergedFrom):
        new = graph.value(mention, AG.mentionOf)
        if old in wanted and new is not None:
            back[new] = old
            mentions[mention] = old
    surnames = {m: _surname_label(graph, m, old) for m, old in mentions.items()}
    out = _empty_like(graph)
    for s, p, o in graph:
        if s in mentions and (p == AG.mergedFrom or p == AG.name):
            continue
        if s in mentions and p == AG.alias and o == surnames[s]:
            continue
        out.add((back.get(s, s), p, back.get(o, o)))
    for mention, surname in surnames.items():
        out.add((mention, AG.name, surname))
    return out


def _surname_label(graph: Graph, mention: Node, old: Node) -> Literal:
    """The surname the document named the person by: the alias whose slug is the old key."""
    key = surname_of(str(old))
    for alias in graph.objects(mention, AG.alias):
        if slug(str(alias)) == key:
            return Literal(str(alias))
    return Literal(key.capitalize())


# --- one description per actor ---------------------------------------------------------------


@dataclass
class MentionTally:
    """What the documents' mentions of one actor say: names, classes, Wikidata ids, countries."""

    names: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    types: Counter[str] = field(default_factory=Counter)
    wikidata: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)


def describe(iri: str, tally: MentionTally) -> Actor:
    """One actor from its mentions: the name that its IRI was made from (else the most
    frequent), the most frequent class, Wikidata id and country, every other name an alias."""
    key = surname_of(iri)
    names = sorted(tally.names.items(), key=lambda item: (slug(item[0]) != key, -item[1], item[0]))
    label = names[0][0] if names else key
    types = sorted(tally.types.items(), key=lambda item: (-item[1], ACTOR_TYPES.index(item[0])))
    others = (set(tally.names) | tally.aliases) - {label}
    return Actor(
        id=iri,
        label=label,
        type=types[0][0] if types else "Organization",
        aliases=sorted(others),
        wikidata=_most(tally.wikidata),
        country=_most(tally.countries),
    )


def _most(counter: Counter[str]) -> str | None:
    """The most frequent value, ties broken alphabetically."""
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0] if counter else None
