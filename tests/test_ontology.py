"""The ontology: it parses, defines every term the code uses, and its PLOVER data is coherent."""

from __future__ import annotations

import re
from decimal import Decimal

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV
from rdflib.term import Node, Variable

from actorgraph import resources, vocab
from actorgraph.vocab import AG, ID

WDT = Namespace("http://www.wikidata.org/prop/direct/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
WD = vocab.WD
ONTOLOGY = URIRef("https://w3id.org/actorgraph")
ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(resources.ontology_path(), format="turtle")


def _all_vocab_terms() -> set[str]:
    return {
        *vocab.ACTOR_TYPES,
        *vocab.CLASSES,
        *vocab.PROPERTIES,
        *vocab.RELATION_TYPES,
        *vocab.FACTUALITY,
        *vocab.CONCEPT_SCHEMES,
        *vocab.QUAD_CLASSES,
    }


def _ag_terms(graph: Graph) -> set[URIRef]:
    """Every ag: IRI the graph mentions in any position (lists included)."""
    return {
        node
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and node.startswith(str(AG))
    }


def test_header_describes_the_ontology(onto: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.creator):
        assert onto.value(ONTOLOGY, predicate) is not None, predicate
    assert onto.value(ONTOLOGY, OWL.versionInfo) is not None
    assert str(
        onto.value(ONTOLOGY, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"))
    ) == str(AG)


@pytest.mark.parametrize("name", sorted(_all_vocab_terms()))
def test_every_vocab_term_is_declared_with_label_and_definition(onto: Graph, name: str) -> None:
    term = AG[name]
    assert onto.value(term, RDF.type) is not None, f"ag:{name} is not declared"
    assert onto.value(term, RDFS.label) is not None, f"ag:{name} has no rdfs:label"
    definition = onto.value(term, SKOS.definition) or onto.value(term, RDFS.comment)
    assert definition is not None and len(str(definition)) > 10, f"ag:{name} has no definition"


def test_every_ag_term_mentioned_is_defined(onto: Graph) -> None:
    """No dangling or misspelt ag: IRI anywhere in the file."""
    undefined = sorted(
        str(t)
        for t in _ag_terms(onto)
        if onto.value(t, RDFS.label) is None or onto.value(t, SKOS.definition) is None
    )
    assert undefined == []


def test_actor_classes_are_disjoint_subclasses_of_actor(onto: Graph) -> None:
    classes = {vocab.actor_class(t) for t in vocab.ACTOR_TYPES}
    for cls in classes:
        assert (cls, RDFS.subClassOf, AG.Actor) in onto
    disjoint_sets = [
        set(Collection(onto, members))
        for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses)
        for members in onto.objects(axiom, OWL.members)
    ]
    assert classes in disjoint_sets


def test_alignments_to_external_vocabularies(onto: Graph) -> None:
    expected = [
        (AG.Person, RDFS.subClassOf, FOAF.Person),
        (AG.Person, SKOS.exactMatch, WD.Q5),
        (AG.Country, SKOS.closeMatch, WD.Q6256),
        (AG.Organization, SKOS.closeMatch, WD.Q43229),
        (AG.Organization, RDFS.subClassOf, ORG.Organization),
        (AG.Organization, RDFS.subClassOf, FOAF.Organization),
        (AG.InternationalOrganization, SKOS.exactMatch, WD.Q484652),
        (AG.Position, SKOS.closeMatch, ORG.Membership),
        (AG.Position, SKOS.relatedMatch, ORG.Post),
        (AG.Relation, RDFS.subClassOf, PROV.Entity),
        (AG.Extraction, RDFS.subClassOf, PROV.Activity),
        (AG.Document, RDFS.subClassOf, PROV.Entity),
        (AG.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (AG.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo),
        (AG.holdsPosition, SKOS.closeMatch, WDT.P39),
        (AG.headOfState, OWL.inverseOf, WDT.P35),
        (AG.headOfGovernment, OWL.inverseOf, WDT.P6),
        (AG.headOf, SKOS.closeMatch, ORG.headOf),
        (AG.memberOf, RDFS.subPropertyOf, ORG.memberOf),
        (AG.memberOf, SKOS.exactMatch, WDT.P463),
        (AG.partOf, SKOS.exactMatch, WDT.P361),
        (AG.partOf, SKOS.closeMatch, ORG.subOrganizationOf),
        (AG.successorOf, SKOS.exactMatch, WDT.P1365),
        (AG.successorOf, OWL.inverseOf, WDT.P1366),
        (AG.startDate, SKOS.exactMatch, PQ.P580),
        (AG.endDate, SKOS.exactMatch, PQ.P582),
        (AG.role, SKOS.closeMatch, ORG.role),
    ]
    missing = [t for t in expected if t not in onto]
    assert missing == []


def test_relation_hierarchy(onto: Graph) -> None:
    assert (AG.Event, RDFS.subClassOf, AG.Relation) in onto
    assert (AG.Affiliation, RDFS.subClassOf, AG.Relation) in onto
    assert (AG.Position, RDFS.subClassOf, AG.Affiliation) in onto


def test_affiliation_properties(onto: Graph) -> None:
    for name in vocab.AFFILIATION_TYPES:
        prop = AG[name]
        assert (prop, RDF.type, OWL.ObjectProperty) in onto
        assert (prop, RDF.type, AG.AffiliationType) in onto, "also the relation-type concept"
        assert (prop, RDFS.subPropertyOf, AG.affiliatedWith) in onto
        assert onto.value(prop, RDFS.domain) is not None and onto.value(prop, RDFS.range)
    assert onto.value(AG.holdsPosition, RDFS.domain) == AG.Person


def test_direct_edges_and_symmetry_follow_vocab(onto: Graph) -> None:
    for name in vocab.RELATION_TYPES:
        prop = vocab.direct_property(name)
        symmetric = (prop, RDF.type, OWL.SymmetricProperty) in onto
        assert symmetric == (name in vocab.SYMMETRIC_TYPES), name
        if name in vocab.PLOVER_TYPES:
            assert (prop, RDFS.subPropertyOf, AG.interactsWith) in onto


def test_factuality_scheme(onto: Graph) -> None:
    for value in vocab.FACTUALITY:
        concept = vocab.factuality_iri(value)
        assert (concept, RDF.type, AG.Factuality) in onto
        assert (concept, SKOS.inScheme, AG.FactualityScheme) in onto
    assert (AG.Factuality, RDFS.subClassOf, SKOS.Concept) in onto


# ---- PLOVER event types -------------------------------------------------------------------


def _codes(onto: Graph, concept: Node) -> set[str]:
    return {str(c) for c in onto.objects(concept, AG.cameoCode)}


@pytest.mark.parametrize("name", vocab.PLOVER_TYPES)
def test_event_type_concept(onto: Graph, name: str) -> None:
    concept = vocab.relation_type_iri(name)
    assert (concept, RDF.type, AG.EventType) in onto
    assert (concept, SKOS.inScheme, AG.EventTypeScheme) in onto
    score = onto.value(concept, AG.cooperationScore)
    assert isinstance(score, Literal) and isinstance(score.toPython(), Decimal)
    assert -10 <= score.toPython() <= 10
    quad = onto.value(concept, AG.quadClass)
    assert quad in {AG[q] for q in vocab.QUAD_CLASSES}
    # the score's sign agrees with the quad class
    assert (score.toPython() > 0) == (quad in (AG.VerbalCooperation, AG.MaterialCooperation))
    codes = _codes(onto, concept)
    assert codes and all(re.fullmatch(r"[0-9]{2,4}", c) for c in codes)
    assert any(len(c) == 2 for c in codes), "covers at least one CAMEO cue category"
    assert onto.value(concept, AG.requiresTarget) is not None


def test_scores_order_matches_manual_extremes(onto: Graph) -> None:
    scores = {
        name: Decimal(str(onto.value(vocab.relation_type_iri(name), AG.cooperationScore)))
        for name in vocab.PLOVER_TYPES
    }
    assert min(scores, key=scores.__getitem__) == "ASSAULT"
    assert max(scores, key=scores.__getitem__) == "RETREAT"
    assert len(set(scores.values())) == len(scores)


def test_cameo_codes_map_back_to_one_type(onto: Graph) -> None:
    """Each CAMEO code names one PLOVER type, except the YIELD root 08 (CONCEDE and RETREAT)."""
    owners: dict[str, set[str]] = {}
    for name in vocab.PLOVER_TYPES:
        for code in _codes(onto, vocab.relation_type_iri(name)):
            owners.setdefault(code, set()).add(name)
    shared = {code: names for code, names in owners.items() if len(names) > 1}
    assert shared == {"08": {"CONCEDE", "RETREAT"}}
    # every three- or four-digit code sits under a cue category of the same type, or is one
    # of the documented moves across categories
    for code, names in owners.items():
        if len(code) > 2:
            (name,) = names
            roots = {c for c in _codes(onto, AG[name]) if len(c) == 2}
            assert code[:2] in roots or code in {"116", "175", "191", "192", "1712", "201"}, code


def _select(graph: Graph, query: str, *names: str) -> list[tuple[Node | None, ...]]:
    result = graph.query(query, initNs={"ag": AG, "skos": SKOS})
    return [tuple(row.get(Variable(n)) for n in names) for row in result.bindings]


def test_cameo_lookup_both_ways_with_sparql(onto: Graph) -> None:
    rows = _select(
        onto,
        """SELECT ?type ?mode WHERE {
             ?type a ag:EventType ; ag:cameoCode "042" .
             OPTIONAL { ?mode skos:broader ?type ; ag:cameoCode "042" }
           }""",
        "type",
        "mode",
    )
    assert rows == [(AG.CONSULT, AG["CONSULT-visit"])]
    rows = _select(
        onto,
        "SELECT ?code WHERE { ag:ASSAULT ag:cameoCode ?code FILTER(STRLEN(?code) = 2) }",
        "code",
    )
    assert {str(code) for (code,) in rows} == {"18", "19", "20"}


def test_modes_are_narrower_than_their_type(onto: Graph) -> None:
    modes = set(onto.subjects(RDF.type, AG.Mode))
    assert len(modes) > 40
    for mode in modes:
        broader = list(onto.objects(mode, SKOS.broader))
        assert len(broader) == 1 and (broader[0], RDF.type, AG.EventType) in onto, mode
        assert (broader[0], SKOS.narrower, mode) in onto
        assert onto.value(mode, SKOS.notation) is not None
        assert _codes(onto, mode) <= _codes(onto, broader[0]), mode


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CONSULT", {"visit", "third-party", "multilateral", "phone"}),
        ("ASSAULT", {"beat", "firearms", "explosives", "heavy-weapons", "assassinate"}),
        ("PROTEST", {"demo", "riot", "strike-hun", "boycott", "obstruct"}),
        ("MOBILIZE", {"troops", "weapons", "police"}),
    ],
)
def test_manual_modes_present(onto: Graph, name: str, expected: set[str]) -> None:
    notations = {
        str(onto.value(mode, SKOS.notation)) for mode in onto.objects(AG[name], SKOS.narrower)
    }
    assert expected <= notations


# ---- reasoning ------------------------------------------------------------------------------


def _small_data() -> Graph:
    putin, belarus = ID["person/vladimir-putin"], ID["country/BLR"]
    graph = Graph()
    graph.add((putin, RDF.type, AG.Person))
    graph.add((belarus, RDF.type, AG.Country))
    graph.add((putin, AG.consult, belarus))
    graph.add((putin, AG.headOfState, ID["country/RUS"]))
    graph.add((ID["country/RUS"], RDF.type, AG.Country))
    return graph


def _closure(data: Graph, onto: Graph) -> Graph:
    graph = Graph()
    for triple in onto:
        graph.add(triple)
    for triple in data:
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    return graph


def test_owl_rl_reasoning_is_consistent_and_uses_alignments(onto: Graph) -> None:
    closed = _closure(_small_data(), onto)
    putin, belarus, russia = ID["person/vladimir-putin"], ID["country/BLR"], ID["country/RUS"]
    assert list(closed.objects(None, ERROR)) == []
    assert (putin, RDF.type, FOAF.Person) in closed
    assert (belarus, AG.consult, putin) in closed  # symmetric
    assert (putin, AG.interactsWith, belarus) in closed
    assert (putin, AG.holdsPosition, russia) in closed  # headOfState -> headOf -> holdsPosition
    assert (russia, WDT.P35, putin) in closed  # inverse alignment to Wikidata


def test_owl_rl_detects_an_actor_with_two_classes(onto: Graph) -> None:
    data = _small_data()
    data.add((ID["person/vladimir-putin"], RDF.type, AG.Country))
    closed = _closure(data, onto)
    assert list(closed.objects(None, ERROR)) != []
