"""The RDF view of an extraction, and the JSON contract read back from it."""

from __future__ import annotations

import datetime as dt
import importlib.util
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, ORG, PROV

from actorgraph import rdf
from actorgraph.errors import InputError
from actorgraph.model import Evidence, Relation
from actorgraph.vocab import AG, WD
from conftest import LUKASHENKO, PESKOV, PUTIN, RUS, UKR, make_extraction

WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _relations_by_type(graph: Graph, type_name: str) -> list[URIRef]:
    return sorted(graph.subjects(AG.relationType, AG[type_name]))  # type: ignore[type-var]


def test_graph_is_named_after_the_document() -> None:
    graph = rdf.to_graph(make_extraction("abc"))
    assert graph.identifier == URIRef("https://w3id.org/actorgraph/doc/abc")
    doc = rdf.document_iri("abc")
    assert (doc, RDF.type, AG.Document) in graph
    assert (doc, RDF.type, PROV.Entity) in graph
    assert graph.value(doc, DCTERMS.date) == Literal("2022-12-19", datatype=XSD.date)
    assert graph.value(doc, DCTERMS.title) == Literal("Article abc")


def test_actors_are_typed_labelled_and_linked() -> None:
    graph = rdf.to_graph(make_extraction())
    putin = URIRef(PUTIN)
    assert (putin, RDF.type, AG.Person) in graph
    assert graph.value(putin, RDFS.label) == Literal("Vladimir Putin")
    assert (putin, SKOS.altLabel, Literal("Putin")) in graph
    assert (putin, OWL.sameAs, WD.Q7747) in graph
    assert (putin, AG.country, URIRef(RUS)) in graph
    assert (URIRef(RUS), AG.iso3, Literal("RUS")) in graph


def test_post_is_nary_node_direct_edge_and_org_membership() -> None:
    graph = rdf.to_graph(make_extraction())
    ((node, *_),) = [
        [
            n
            for n in _relations_by_type(graph, "holdsPosition")
            if graph.value(n, AG.source) == URIRef(PUTIN)
        ]
    ]
    assert {AG.Affiliation, AG.Position, ORG.Membership} <= set(graph.objects(node, RDF.type))
    assert graph.value(node, ORG.member) == URIRef(PUTIN)
    assert graph.value(node, ORG.organization) == URIRef(RUS)
    role = graph.value(node, ORG.role)
    assert graph.value(role, RDFS.label) == Literal("president")
    assert (URIRef(PUTIN), AG.holdsPosition, URIRef(RUS)) in graph


def test_event_has_evidence_provenance_and_direct_edge() -> None:
    extraction = make_extraction()
    graph = rdf.to_graph(extraction, generated_at=WHEN)
    (event,) = _relations_by_type(graph, "CONSULT")
    assert (event, RDF.type, AG.Event) in graph
    assert (URIRef(PUTIN), AG.consult, URIRef(LUKASHENKO)) in graph
    evidence = graph.value(event, AG.evidence)
    start = graph.value(evidence, AG.startOffset).toPython()
    end = graph.value(evidence, AG.endOffset).toPython()
    assert extraction.document.text[start:end] == str(graph.value(evidence, AG.sentence))
    activity = graph.value(event, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in graph
    assert graph.value(activity, PROV.endedAtTime).toPython() == WHEN


def test_denied_event_has_no_direct_edge_but_keeps_attribution() -> None:
    graph = rdf.to_graph(make_extraction())
    (coerce,) = _relations_by_type(graph, "COERCE")
    assert graph.value(coerce, AG.factuality) == AG.negated
    assert graph.value(coerce, AG.attributedTo) == URIRef(PESKOV)
    assert not list(graph.triples((None, AG.coerce, None)))
    (assault,) = _relations_by_type(graph, "ASSAULT")
    assert graph.value(assault, AG.factuality) == AG.reported
    assert (URIRef(RUS), AG.assault, URIRef(UKR)) in graph


def test_json_agrees_with_extraction_field_by_field() -> None:
    extraction = make_extraction()
    data = rdf.document_json(rdf.to_graph(extraction), extraction.document.id)
    doc = extraction.document
    assert (data["id"], data["path"], data["date"], data["title"]) == (
        doc.id,
        doc.path,
        doc.date,
        doc.title,
    )
    by_id = {a["id"]: a for a in data["actors"]}
    assert set(by_id) == {a.id for a in extraction.actors}
    for actor in extraction.actors:
        got = by_id[actor.id]
        assert got == {
            "id": actor.id,
            "label": actor.label,
            "type": actor.type,
            "aliases": sorted(actor.aliases),
            "wikidata": actor.wikidata,
            "country": actor.country,
        }
    assert len(data["relations"]) == len(extraction.relations)
    for got, rel in zip(data["relations"], extraction.relations, strict=True):
        expected = asdict(rel)
        expected["evidence"] = {
            "sentence": rel.evidence.sentence,
            "start": rel.evidence.start,
            "end": rel.evidence.end,
        }
        assert got == expected


def test_impossible_date_is_a_clear_error() -> None:
    extraction = make_extraction(date=None)
    extraction.relations[0].date = "2022-02-30"
    with pytest.raises(InputError, match="impossible date"):
        rdf.to_graph(extraction)


def test_trig_round_trip_is_isomorphic() -> None:
    graph = rdf.to_graph(make_extraction("rt"))
    dataset = Dataset()
    dataset.parse(data=graph.serialize(format="trig"), format="trig")
    back = dataset.graph(graph.identifier)
    assert isomorphic(back, graph)


text_strategy = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40)


@settings(max_examples=60, deadline=None)
@given(sentence=text_strategy, label=text_strategy.filter(bool), mode=st.none() | text_strategy)
def test_any_text_survives_the_round_trip(sentence: str, label: str, mode: str | None) -> None:
    extraction = make_extraction("prop")
    extraction.actors[0].label = label
    extraction.relations.append(
        Relation(PUTIN, "REJECT", RUS, Evidence(sentence, 0, len(sentence)), mode=mode)
    )
    graph = rdf.to_graph(extraction)
    data = rdf.document_json(graph, "prop")
    assert data["relations"][-1]["evidence"]["sentence"] == sentence
    assert data["relations"][-1]["mode"] == (mode or None)  # an empty mode is no mode
    assert any(a["label"] == label for a in data["actors"])
    back = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    assert isomorphic(back, graph)


@pytest.mark.skipif(
    importlib.util.find_spec("actorgraph.validate") is None,
    reason="actorgraph.validate (SHACL shapes) not present yet",
)
def test_written_graph_conforms_to_shapes() -> None:
    from actorgraph import validate

    report = validate.validate(rdf.to_graph(make_extraction()))
    assert getattr(report, "conforms", report) is True
