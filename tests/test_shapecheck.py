"""The shapes compiled to SPARQL (`shapecheck`, what a build checks each graph with) find exactly
the violations pyshacl finds: on every broken graph of the shape tests, on more broken by hand,
on graphs broken at random, and on real extractions."""

from __future__ import annotations

import random

import pyshacl
import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from actorgraph import build, rdf, shapecheck
from actorgraph.errors import InputError
from actorgraph.validate import shapes_graph
from actorgraph.vocab import AG, ID
from conftest import make_extraction
from test_shapes import (
    BROKEN,
    EVIDENCE,
    KB_BROKEN,
    LUKASHENKO,
    PUTIN,
    VISIT,
    Mutation,
    _add,
    _remove,
    _set,
    document_graph,
    kb_graph,
)

Found = set[tuple[str, str, str | None]]


def by_pyshacl(graph: Graph) -> Found:
    """(focus, constraint component, value) of each violation pyshacl reports."""
    conforms, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes_graph(), inference="none", advanced=False
    )
    found: Found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        value = report.value(result, SH.value)
        found.add((_text(report.value(result, SH.focusNode)), component, _value(value)))
    assert bool(conforms) == (not found)
    return found


def by_sparql(graph: Graph) -> Found:
    found = shapecheck.compiled().violations(graph)
    return {(v.focus, v.component, _utc(v.value)) for v in found}


def _utc(value: str | None) -> str | None:
    """A dateTime at UTC written as pyshacl writes it ("+00:00"; Oxigraph writes "Z")."""
    return (
        value.replace('Z"^^<' + str(XSD.dateTime), '+00:00"^^<' + str(XSD.dateTime))
        if value
        else value
    )


def _text(node: object) -> str:
    return str(node) if isinstance(node, URIRef | BNode) else _value(node) or ""


def _value(node: object) -> str | None:
    """A value as the compiled check prints it (N-Triples for literals)."""
    if node is None:
        return None
    if isinstance(node, Literal):
        from actorgraph.store import to_ox

        return _utc(str(to_ox(node)))
    return str(node)


COMPARISONS = {
    "LessThanOrEqualsConstraintComponent",
    "MinInclusiveConstraintComponent",
    "MaxInclusiveConstraintComponent",
}


def agree(graph: Graph) -> Found:
    """Both find the same violations. One known difference is allowed: comparing a literal that
    is not well-formed (already a datatype violation of its node), pyshacl compares its text
    while SPARQL (and the SHACL definition) counts it as not comparable."""
    expected, found = by_pyshacl(graph), by_sparql(graph)
    assert bool(found) == bool(expected)
    ill = {f for f, component, _ in expected if component == "DatatypeConstraintComponent"}
    assert _firm(found, ill) == _firm(expected, ill)
    return expected


def _firm(found: Found, ill: set[str]) -> Found:
    return {v for v in found if not (v[1] in COMPARISONS and v[0] in ill)}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_same_violations_as_pyshacl_on_each_broken_rule(name: str) -> None:
    graph = document_graph()
    BROKEN[name][0](graph)
    assert agree(graph)  # something is found, and the same thing


@pytest.mark.parametrize("name", sorted(KB_BROKEN))
def test_same_violations_as_pyshacl_on_each_broken_affiliation(name: str) -> None:
    graph = kb_graph()
    KB_BROKEN[name][0](graph)
    assert agree(graph)


MORE_BROKEN: dict[str, Mutation] = {
    "ill-typed integer offset": _set(EVIDENCE, AG.endOffset, Literal("x9", datatype=XSD.integer)),
    "impossible date": _set(VISIT, AG.date, Literal("2022-02-30", datatype=XSD.date)),
    "empty label": _set(LUKASHENKO, RDFS.label, Literal("")),
    "label with a language": _set(PUTIN, AG.wikidata, Literal("Q7747", lang="en")),
    "blank node actor": _add(BNode("someone"), RDF.type, AG.Person),
    "literal as target": _set(VISIT, AG.target, Literal("Lukashenko")),
    "negative offset": _set(EVIDENCE, AG.startOffset, Literal(-3, datatype=XSD.integer)),
    "two dates": _add(VISIT, AG.date, Literal("2022-12-20", datatype=XSD.date)),
    "two roles, one empty": _add(VISIT, AG.role, Literal("")),
    "position without affiliation type": _add(VISIT, RDF.type, AG.Position),
    "untyped attributed actor": _add(VISIT, AG.attributedTo, ID["org/unknown"]),
    "confidence as text and too high": _set(VISIT, AG.confidence, Literal("2")),
    "no provenance and no evidence": lambda g: (
        g.remove((VISIT, AG.evidence, None)),
        g.remove((VISIT, RDF.type, None)),
    ),
}


@pytest.mark.parametrize("name", sorted(MORE_BROKEN))
def test_same_violations_as_pyshacl_on_more_broken_graphs(name: str) -> None:
    graph = document_graph()
    MORE_BROKEN[name](graph)
    assert agree(graph)


def test_same_violations_as_pyshacl_on_graphs_broken_at_random() -> None:
    """Triples dropped, objects swapped and literals retyped at random, many at once."""
    base = rdf.to_graph(make_extraction())
    triples = sorted(base, key=str)
    objects = sorted({o for _, _, o in triples}, key=str)
    rng = random.Random(16)
    caught = 0
    for _ in range(40):
        graph = Graph()
        for triple in triples:
            graph.add(triple)
        for _ in range(rng.randint(1, 4)):
            s, p, o = rng.choice(triples)
            action = rng.randrange(3)
            if action == 0:
                graph.remove((s, p, o))
            elif action == 1:
                graph.add((s, p, rng.choice(objects)))
            else:
                graph.add((s, p, Literal(str(o), datatype=rng.choice([XSD.date, XSD.integer]))))
        caught += bool(agree(graph))
    assert caught >= 20  # most mutations break a rule, and each time both find the same


def test_real_extraction_graphs_conform_to_both() -> None:
    graph = rdf.to_graph(make_extraction())
    assert agree(graph) == set()
    assert agree(kb_graph()) == set()
    assert agree(document_graph()) == set()


def test_a_build_refuses_a_broken_graph_by_the_compiled_check() -> None:
    graph = document_graph()
    _remove(VISIT, AG.source)(graph)
    with pytest.raises(InputError, match="exactly one ag:source"):
        build.check_shapes(graph, "article.txt")
    build.check_shapes(document_graph(), "article.txt")


def test_shapes_with_a_component_it_does_not_know_are_refused() -> None:
    shapes = Graph()
    shape = URIRef("urn:shape")
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, AG.Person))
    shapes.add((shape, SH.closed, Literal(True)))
    with pytest.raises(shapecheck.Unsupported):
        shapecheck.CompiledShapes(shapes)


def test_a_batch_is_checked_graph_by_graph() -> None:
    """Graphs checked together in one batch get each its own violations: a fact repeated or
    contradicted in another graph of the batch changes nothing."""
    broken = []
    for name in ("missing source", "confidence 1.7", "actor with two labels"):
        graph = document_graph()
        BROKEN[name][0](graph)
        broken.append(graph)
    other = document_graph()
    _set(LUKASHENKO, RDFS.label, Literal("Aliaksandr Lukashenka"))(other)  # fine on its own
    batch = [broken[0], document_graph(), broken[1], other, broken[2], kb_graph()]
    together = shapecheck.compiled().violations_many(batch)
    one_by_one = [shapecheck.compiled().violations(graph) for graph in batch]
    assert together == one_by_one
    assert [bool(found) for found in together] == [True, False, True, False, True, False]


ENVOY = URIRef("urn:example:Envoy")
SPECIAL_ENVOY = URIRef("urn:example:SpecialEnvoy")
NEGOTIATOR = ID["person/unnamed-negotiator"]


def _with_subclasses() -> Graph:
    """An article's graph that also says an envoy class is (two steps down) a kind of person,
    and types an unlabelled node with it: a target of the actor shapes only through the class
    hierarchy the graph states."""
    graph = document_graph()
    graph.add((SPECIAL_ENVOY, RDFS.subClassOf, ENVOY))
    graph.add((ENVOY, RDFS.subClassOf, AG.Person))
    graph.add((NEGOTIATOR, RDF.type, SPECIAL_ENVOY))
    return graph


def test_classes_a_graph_declares_are_followed_as_pyshacl_follows_them() -> None:
    found = agree(_with_subclasses())
    assert any(focus == str(NEGOTIATOR) for focus, _, _ in found)
    without = _with_subclasses()
    without.remove((ENVOY, RDFS.subClassOf, AG.Person))
    assert not any(focus == str(NEGOTIATOR) for focus, _, _ in agree(without))


def test_a_class_hierarchy_in_one_graph_of_a_batch_changes_no_other() -> None:
    """A batch where one graph states subclasses is checked with the class closure; the others
    get the same violations as when checked alone (where none is stated)."""
    broken = document_graph()
    BROKEN["missing source"][0](broken)
    batch = [document_graph(), _with_subclasses(), broken, Graph(), kb_graph()]
    together = shapecheck.compiled().violations_many(batch)
    one_by_one = [shapecheck.compiled().violations(graph) for graph in batch]
    assert together == one_by_one
    assert [bool(found) for found in together] == [False, True, True, False, False]
    assert {v.focus for v in together[1]} == {str(NEGOTIATOR)}
