"""Merging actors across articles.

Actor IRIs already merge the same actor across documents: a knowledge-base id, else the
actor's type and the slug of its full name. Two different people who share a surname keep
different IRIs ("John Smith" and "Jane Smith" never merge). What is left is a person known
in one article only by a surname ("Nayev", IRI person/nayev): it is linked to the full-name
person of another article ("Serhiy Nayev") only when that is unambiguous, that is when
exactly one full-name person in the store has that surname and no knowledge-base entry
claims the bare name, and their countries do not disagree. Linking rewrites the surname-only
IRI to the full-name IRI in the documents that use it, keeps the surname as an alias and
records the old IRI (`ag:mergedFrom`), so that the link is undone (`unlink`) when a second
full-name person with that surname arrives later.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from actorgraph.rdf import slug
from actorgraph.vocab import AG


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
    """A copy of `graph` with linked IRIs replaced; the old name stays as an alias.

    `labels` gives the full name of each link target, so that a document that named the
    person only by surname still labels the merged actor with its full name.
    """
    mapping = {URIRef(old): URIRef(new) for old, new in links.items()}
    out = Graph(identifier=graph.identifier)
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)

    def swap(term: Node) -> Node:
        return mapping.get(term, term) if isinstance(term, URIRef) else term

    for s, p, o in graph:
        if s in mapping and p == RDFS.label:
            out.add((mapping[s], SKOS.altLabel, o))  # type: ignore[index]
            continue
        out.add((swap(s), swap(p), swap(o)))
    for old, new in mapping.items():
        if (None, None, new) in out or (new, None, None) in out:
            out.add((new, AG.mergedFrom, old))
    for new in set(mapping.values()):
        label = (labels or {}).get(str(new))
        if (new, RDF.type, AG.Person) in out and out.value(new, RDFS.label) is None and label:
            out.add((new, RDFS.label, Literal(label)))
            out.remove((new, SKOS.altLabel, Literal(label)))
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
    """A copy of `graph` with the links from the given surname-only IRIs undone: the person is
    named by the surname again, under its own IRI."""
    back: dict[Node, Node] = {}
    for iri in olds:
        for new in graph.subjects(AG.mergedFrom, URIRef(iri)):
            back[new] = URIRef(iri)
    out = Graph(identifier=graph.identifier)
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    surnames = {new: _surname_label(graph, new, old) for new, old in back.items()}
    for s, p, o in graph:
        if s in back and (p == AG.mergedFrom or p == RDFS.label):
            continue
        if s in back and p == SKOS.altLabel and o == surnames[s]:
            continue
        out.add((back.get(s, s), p, back.get(o, o)))
    for new, surname_iri in back.items():
        out.add((surname_iri, RDFS.label, surnames[new]))
    return out


def _surname_label(graph: Graph, new: Node, old: Node) -> Literal:
    """The surname the document named the person by: the alias whose slug is the old key."""
    key = surname_of(str(old))
    for alias in graph.objects(new, SKOS.altLabel):
        if slug(str(alias)) == key:
            return Literal(str(alias))
    return Literal(key.capitalize())
