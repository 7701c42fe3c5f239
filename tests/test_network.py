"""The networkx projection: views, time window, ego radius, aggregation, scores, evidence."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from actorgraph import network
from actorgraph.errors import ActorgraphError
from actorgraph.store import Store, open_store
from actorgraph.vocab import (
    AG,
    DOC,
    ID,
    KB_GRAPH,
    PLOVER_TYPES,
    actor_class,
    direct_property,
    factuality_iri,
    relation_type_iri,
)

DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")

PUTIN = str(ID["person/vladimir-putin"])
LUKASHENKO = str(ID["person/alexander-lukashenko"])
ZELENSKY = str(ID["person/volodymyr-zelensky"])
RUSSIA = str(ID["country/RUS"])
UKRAINE = str(ID["country/UKR"])
BELARUS = str(ID["country/BLR"])


@dataclass
class Rel:
    """A relation to write into a fixture graph following the RDF model."""

    source: str
    type: str
    target: str | None
    sentence: str | None = None
    date: str | None = None
    factuality: str = "asserted"
    role: str | None = None
    start: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


ACTORS = {
    PUTIN: ("Person", "Vladimir Putin", "RUS", "Q7747"),
    LUKASHENKO: ("Person", "Alexander Lukashenko", "BLR", "Q155004"),
    ZELENSKY: ("Person", "Volodymyr Zelensky", "UKR", "Q3874799"),
    RUSSIA: ("Country", "Russia", "RUS", "Q159"),
    UKRAINE: ("Country", "Ukraine", "UKR", "Q212"),
    BELARUS: ("Country", "Belarus", "BLR", "Q184"),
}


def add_actor(graph: Graph, iri: str) -> None:
    """Actor triples as the RDF model writes them."""
    type_name, label, cc, wd = ACTORS[iri]
    node = URIRef(iri)
    graph.add((node, RDF.type, actor_class(type_name)))
    graph.add((node, RDFS.label, Literal(label)))
    graph.add((node, AG.countryCode, Literal(cc)))
    graph.add((node, AG.wikidata, Literal(wd)))


def document_graph(doc_id: str, date: str, relations: list[Rel]) -> tuple[URIRef, Graph]:
    """One document's named graph: document, actors, n-ary relation nodes, evidence."""
    doc = DOC[doc_id]
    graph = Graph(identifier=doc)
    graph.add((doc, RDF.type, AG.Document))
    graph.add((doc, DCTERMS.title, Literal(f"Article {doc_id}")))
    graph.add((doc, DCTERMS.date, Literal(date, datatype=XSD.date)))
    for n, rel in enumerate(relations):
        node = DOC[f"{doc_id}/rel/{n}"]
        family = AG.Event if rel.type in PLOVER_TYPES else AG.Affiliation
        graph.add((node, RDF.type, family))
        graph.add((node, AG.relationType, relation_type_iri(rel.type)))
        graph.add((node, AG.source, URIRef(rel.source)))
        add_actor(graph, rel.source)
        if rel.target:
            graph.add((node, AG.target, URIRef(rel.target)))
            add_actor(graph, rel.target)
        graph.add((node, AG.factuality, factuality_iri(rel.factuality)))
        graph.add((node, AG.confidence, Literal(0.8, datatype=XSD.double)))
        if rel.date:
            graph.add((node, AG.date, Literal(rel.date, datatype=XSD.date)))
        if rel.role:
            graph.add((node, AG.role, Literal(rel.role)))
        if rel.sentence is not None:
            ev = DOC[f"{doc_id}/ev/{n}"]
            graph.add((node, AG.evidence, ev))
            graph.add((ev, RDF.type, AG.Evidence))
            graph.add((ev, AG.sentence, Literal(rel.sentence)))
            graph.add((ev, AG.startOffset, Literal(0)))
            graph.add((ev, AG.endOffset, Literal(len(rel.sentence))))
            graph.add((ev, AG.document, doc))
        if rel.target and rel.factuality in ("asserted", "reported"):
            graph.add((URIRef(rel.source), direct_property(rel.type), URIRef(rel.target)))
    return doc, graph


def kb_graph(relations: list[Rel]) -> Graph:
    """Knowledge-base relations: no evidence, derived from the KB graph."""
    graph = Graph(identifier=KB_GRAPH)
    for n, rel in enumerate(relations):
        node = URIRef(f"{KB_GRAPH}/rel/{n}")
        graph.add((node, RDF.type, AG.Affiliation))
        graph.add((node, AG.relationType, relation_type_iri(rel.type)))
        graph.add((node, AG.source, URIRef(rel.source)))
        graph.add((node, AG.target, URIRef(str(rel.target))))
        graph.add((node, AG.factuality, factuality_iri("asserted")))
        graph.add((node, PROV.wasDerivedFrom, KB_GRAPH))
        if rel.role:
            graph.add((node, AG.role, Literal(rel.role)))
        if rel.start:
            graph.add((node, AG.startDate, Literal(rel.start, datatype=XSD.date)))
        add_actor(graph, rel.source)
        add_actor(graph, str(rel.target))
    return graph


SCORES = {"CONSULT": 1.0, "ASSAULT": -10.0, "ACCUSE": -2.0, "AID": 7.0, "THREATEN": -4.4}


def scores_graph() -> Graph:
    graph = Graph(identifier=URIRef("https://w3id.org/actorgraph/graph/ontology"))
    for name, score in SCORES.items():
        graph.add((AG[name], AG.cooperationScore, Literal(score, datatype=XSD.double)))
    return graph


def load(graphs: list[Graph], location: str = ":memory:") -> Store:
    """A store holding the graphs, written as the ingest and KB loader do."""
    store = open_store(location)
    for graph in graphs:
        name = graph.identifier
        if str(name).startswith(str(DOC)):
            store.replace_document(str(name)[len(str(DOC)) :], graph)
        elif name == KB_GRAPH:
            store.load_kb(graph)
        else:
            store.load_ontology(graph)
    return store


def corpus_graphs() -> list[Graph]:
    """Three articles and a KB: meetings, an attack, accusations, posts held."""
    _, d1 = document_graph(
        "d1",
        "2022-12-19",
        [
            Rel(PUTIN, "CONSULT", LUKASHENKO, "Putin met Lukashenko in Minsk.", "2022-12-19"),
            Rel(
                ZELENSKY,
                "holdsPosition",
                UKRAINE,
                "Ukrainian President Zelensky spoke.",
                role="president",
            ),
            Rel(
                UKRAINE,
                "ACCUSE",
                RUSSIA,
                "Kyiv accused Moscow of <script>window.__x=1</script>",
                "2022-12-19",
            ),
            Rel(PUTIN, "THREATEN", None, "Putin warned of consequences."),
        ],
    )
    _, d2 = document_graph(
        "d2",
        "2022-10-10",
        [
            Rel(RUSSIA, "ASSAULT", UKRAINE, "Russia struck Ukrainian cities.", "2022-10-10"),
            Rel(RUSSIA, "ASSAULT", UKRAINE, "Missiles hit Kyiv.", "2022-10-10"),
            Rel(
                UKRAINE,
                "ACCUSE",
                RUSSIA,
                "Ukraine did not accuse Russia.",
                "2022-10-10",
                factuality="negated",
            ),
        ],
    )
    _, d3 = document_graph(
        "d3",
        "2022-06-25",
        [Rel(LUKASHENKO, "CONSULT", PUTIN, "Lukashenko held talks with Putin.", "2022-06-25")],
    )
    kb = kb_graph(
        [
            Rel(PUTIN, "holdsPosition", RUSSIA, role="president", start="2012-05-07"),
            Rel(LUKASHENKO, "holdsPosition", BELARUS, role="president", start="1994-07-20"),
        ]
    )
    return [d1, d2, d3, kb, scores_graph()]


@pytest.fixture(scope="module")
def store() -> Store:
    return load(corpus_graphs())


def edge_types(graph: Any) -> set[tuple[str, str, str]]:
    return {(u, k, v) for u, v, k in graph.edges(keys=True)}


def test_nodes_are_actors_only_with_their_attributes(store: Store) -> None:
    graph = network.project(store, kb="all")
    assert set(graph.nodes) == {PUTIN, LUKASHENKO, ZELENSKY, RUSSIA, UKRAINE, BELARUS}
    assert graph.nodes[PUTIN] == {
        "label": "Vladimir Putin",
        "type": "Person",
        "country": "RUS",
        "wikidata": "Q7747",
        "aliases": [],
    }
    assert graph.nodes[RUSSIA]["type"] == "Country"
    # No literal, evidence, document or relation node leaks into the graph.
    assert not any(n.startswith(str(DOC)) or n.startswith(str(KB_GRAPH)) for n in graph)


def test_relations_aggregate_per_source_target_type(store: Store) -> None:
    graph = network.project(store)
    assault = graph.edges[RUSSIA, UKRAINE, "ASSAULT"]
    assert assault["count"] == 2
    assert assault["score"] == -10.0
    assert assault["score_total"] == -20.0
    assert assault["first_date"] == assault["last_date"] == dt.date(2022, 10, 10)
    assert {e["sentence"] for e in assault["evidence"]} == {
        "Russia struck Ukrainian cities.",
        "Missiles hit Kyiv.",
    }
    assert all(e["document"] == str(DOC["d2"]) for e in assault["evidence"])
    assert all(e["title"] == "Article d2" for e in assault["evidence"])
    assert len(assault["relations"]) == 2
    assert assault["family"] == "interaction" and assault["directed"] is True


def test_symmetric_relations_merge_both_directions(store: Store) -> None:
    graph = network.project(store)
    consult = [(u, v, d) for u, v, k, d in graph.edges(keys=True, data=True) if k == "CONSULT"]
    assert len(consult) == 1
    u, v, data = consult[0]
    assert {u, v} == {PUTIN, LUKASHENKO}
    assert data["count"] == 2 and data["directed"] is False
    assert data["first_date"] == dt.date(2022, 6, 25)
    assert data["last_date"] == dt.date(2022, 12, 19)


def test_factuality_counted_and_filterable(store: Store) -> None:
    graph = network.project(store)
    accuse = graph.edges[UKRAINE, RUSSIA, "ACCUSE"]
    assert accuse["factuality"] == {"asserted": 1, "negated": 1}
    only_asserted = network.project(store, factuality=["asserted"])
    assert only_asserted.edges[UKRAINE, RUSSIA, "ACCUSE"]["count"] == 1
    with pytest.raises(ActorgraphError):
        network.project(store, factuality=["maybe"])


def test_relation_without_target_makes_no_edge(store: Store) -> None:
    graph = network.project(store)
    assert not any(k == "THREATEN" for _, _, k in graph.edges(keys=True))


def test_views_keep_one_relation_family(store: Store) -> None:
    affiliations = network.project(store, view="affiliations", kb="all")
    assert edge_types(affiliations) == {
        (PUTIN, "holdsPosition", RUSSIA),
        (LUKASHENKO, "holdsPosition", BELARUS),
        (ZELENSKY, "holdsPosition", UKRAINE),
    }
    assert affiliations.edges[PUTIN, RUSSIA, "holdsPosition"]["roles"] == ["president"]
    assert affiliations.edges[PUTIN, RUSSIA, "holdsPosition"]["kb"] is True
    assert affiliations.edges[ZELENSKY, UKRAINE, "holdsPosition"]["kb"] is False
    assert affiliations.edges[PUTIN, RUSSIA, "holdsPosition"]["ongoing"] is True
    assert affiliations.edges[ZELENSKY, UKRAINE, "holdsPosition"]["ongoing"] is False
    interactions = network.project(store, view="interactions")
    assert {k for _, _, k in interactions.edges(keys=True)} == {"CONSULT", "ASSAULT", "ACCUSE"}
    assert BELARUS not in interactions
    only = network.project(store, types=["ASSAULT"])
    assert edge_types(only) == {(RUSSIA, "ASSAULT", UKRAINE)}
    assert set(only.nodes) == {RUSSIA, UKRAINE}


def test_bad_view_or_type_is_a_user_error(store: Store) -> None:
    with pytest.raises(ActorgraphError, match="unknown view"):
        network.project(store, view="everything")
    with pytest.raises(ActorgraphError, match="unknown relation type"):
        network.project(store, types=["HUG"])
    with pytest.raises(ActorgraphError, match="YYYY-MM-DD"):
        network.project(store, start="last year")
    with pytest.raises(ActorgraphError, match="after"):
        network.project(store, start="2023-01-01", end="2022-01-01")


def test_time_window_keeps_overlapping_relations(store: Store) -> None:
    autumn = network.project(store, start="2022-09-01", end="2022-11-30")
    assert autumn.edges[RUSSIA, UKRAINE, "ASSAULT"]["count"] == 2
    # The June and December meetings fall outside; the negated accusation is in October.
    assert not any(k == "CONSULT" for _, _, k in autumn.edges(keys=True))
    assert autumn.edges[UKRAINE, RUSSIA, "ACCUSE"]["factuality"] == {"negated": 1}
    # Posts held since 2012 and 1994 with no end overlap any later window.
    assert autumn.has_edge(PUTIN, RUSSIA, "holdsPosition")
    # A post taken from an undated document relation falls back to the document's date.
    december = network.project(store, start="2022-12-01", end="2022-12-31")
    assert december.has_edge(ZELENSKY, UKRAINE, "holdsPosition")
    # Symmetric edges run from the smaller IRI to the larger one.
    assert december.edges[LUKASHENKO, PUTIN, "CONSULT"]["count"] == 1
    before = network.project(store, end="2000-01-01", kb="all")
    assert edge_types(before) == {(LUKASHENKO, "holdsPosition", BELARUS)}


def test_knowledge_base_relations_by_mode(store: Store) -> None:
    linked = network.project(store, view="affiliations")
    # Putin's post links two actors the articles relate; Lukashenko's links him to Belarus,
    # which no article relation mentions.
    assert edge_types(linked) == {
        (PUTIN, "holdsPosition", RUSSIA),
        (ZELENSKY, "holdsPosition", UKRAINE),
    }
    assert BELARUS not in network.project(store)
    none = network.project(store, view="affiliations", kb="none")
    assert edge_types(none) == {(ZELENSKY, "holdsPosition", UKRAINE)}
    assert BELARUS in network.project(store, kb="all")
    with pytest.raises(ActorgraphError, match="kb mode"):
        network.project(store, kb="some")


def test_ego_radius(store: Store) -> None:
    zero = network.ego(store, "Vladimir Putin", radius=0)
    assert set(zero.nodes) == {PUTIN}
    one = network.ego(store, PUTIN, radius=1)
    assert set(one.nodes) == {PUTIN, LUKASHENKO, RUSSIA}
    two = network.ego(store, "person/vladimir-putin", radius=2, kb="all")
    assert set(two.nodes) == {PUTIN, LUKASHENKO, RUSSIA, UKRAINE, BELARUS}
    three = network.ego(store, "vladimir putin", radius=3)
    assert ZELENSKY in three
    interactions = network.ego(store, PUTIN, radius=2, view="interactions")
    assert set(interactions.nodes) == {PUTIN, LUKASHENKO}


def test_ego_by_name_makes_no_iri_of_the_name(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        ego = network.ego(store, "Vladimir Putin", radius=1)
        assert network.find_actor(ego, "Alexander Lukashenko") == LUKASHENKO
    assert PUTIN in ego
    assert not [r for r in caplog.records if "valid URI" in r.getMessage()]


def test_ego_unknown_or_ambiguous_actor(store: Store) -> None:
    with pytest.raises(ActorgraphError, match="no actor"):
        network.ego(store, "Napoleon")
    with pytest.raises(ActorgraphError, match="ambiguous"):
        network.ego(store, "in")  # Vladimir Putin, Ukraine, ...


def test_scores_fall_back_to_the_shipped_ontology() -> None:
    from actorgraph.resources import ontology_path

    try:
        ontology = Graph().parse(ontology_path(), format="turtle")
    except FileNotFoundError:
        pytest.skip("ontology/actorgraph.ttl is not there")
    assault = ontology.value(AG.ASSAULT, AG.cooperationScore)
    consult = ontology.value(AG.CONSULT, AG.cooperationScore)
    assert assault is not None and consult is not None
    store = load(corpus_graphs()[:-1])  # no scores in the store
    graph = network.project(store, view="interactions")
    assert graph.edges[RUSSIA, UKRAINE, "ASSAULT"]["score"] == float(assault) < 0
    assert graph.edges[LUKASHENKO, PUTIN, "CONSULT"]["score"] == float(consult) > 0


def test_projection_of_what_the_rdf_writer_writes() -> None:
    """The queries read the graphs `rdf.to_graph` writes, not only hand-built ones."""
    from actorgraph import rdf
    from conftest import KREMLIN, PESKOV, make_extraction

    store = open_store(":memory:")
    store.replace_document("visit", rdf.to_graph(make_extraction("visit")))
    graph = network.project(store)
    assert edge_types(graph) == {
        (PUTIN, "holdsPosition", RUSSIA),
        (LUKASHENKO, "holdsPosition", BELARUS),
        (PESKOV, "holdsPosition", KREMLIN),
        (LUKASHENKO, "CONSULT", PUTIN),
        (RUSSIA, "COERCE", BELARUS),
        (RUSSIA, "ASSAULT", UKRAINE),
    }
    assert graph.nodes[PUTIN]["label"] == "Vladimir Putin"
    assert graph.nodes[KREMLIN]["type"] == "GovernmentBody"
    assert graph.nodes[PUTIN]["wikidata"] == "Q7747"
    coerce = graph.edges[RUSSIA, BELARUS, "COERCE"]
    assert coerce["factuality"] == {"negated": 1}
    assault = graph.edges[RUSSIA, UKRAINE, "ASSAULT"]
    assert assault["factuality"] == {"reported": 1}
    assert assault["evidence"][0]["sentence"] == "Ukraine said Russia attacked Kyiv."
    assert assault["evidence"][0]["title"] == "Article visit"
    assert assault["first_date"] == dt.date(2022, 12, 19)
    assert graph.edges[PESKOV, KREMLIN, "holdsPosition"]["roles"] == ["spokesperson"]


@pytest.mark.server
def test_remote_endpoint_gives_the_same_graph(oxigraph_server: str) -> None:
    """The projection through a real SPARQL server equals the embedded store's."""
    remote = load(corpus_graphs(), f"{oxigraph_server}/query")
    local = load(corpus_graphs())

    def as_data(graph: Any) -> list[Any]:
        return sorted(
            (u, v, k, sorted((name, repr(value)) for name, value in d.items()))
            for u, v, k, d in graph.edges(keys=True, data=True)
        )

    for kwargs in ({}, {"view": "interactions"}, {"start": "2022-09-01", "kb": "all"}):
        assert as_data(network.project(remote, **kwargs)) == as_data(
            network.project(local, **kwargs)
        )
    assert dict(network.project(remote).nodes(data=True)) == dict(
        network.project(local).nodes(data=True)
    )
