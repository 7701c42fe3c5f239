"""The SHACL shapes and `actorgraph validate`: conforming graphs pass, broken rules are caught."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV, SH

from actorgraph import resources, vocab
from actorgraph.validate import load_file, ontology_graph, validate
from actorgraph.vocab import AG, DOC, ID, KB_GRAPH, WD

DOC_NODE = DOC["2022-12-19-visit"]
ACTIVITY = URIRef(f"{DOC_NODE}/extraction")
VISIT = URIRef(f"{DOC_NODE}/rel/1")
EVIDENCE = URIRef(f"{VISIT}/evidence")
POST = URIRef(f"{KB_GRAPH}/rel/putin-president")
PUTIN = ID["person/vladimir-putin"]
LUKASHENKO = ID["person/alexander-lukashenko"]
RUSSIA = ID["country/RUS"]
BELARUS = ID["country/BLR"]
MINSK = ID["location/minsk"]
SENTENCE = "Vladimir Putin met Alexander Lukashenko in Minsk on Monday."


def document_graph() -> Graph:
    """One article's graph, written by hand following the RDF model."""
    g = Graph(identifier=DOC_NODE)
    g.add((DOC_NODE, RDF.type, AG.Document))
    g.add((DOC_NODE, RDF.type, PROV.Entity))
    g.add((DOC_NODE, DCTERMS.title, Literal("Putin visits Belarus")))
    g.add((DOC_NODE, DCTERMS.date, Literal("2022-12-19", datatype=XSD.date)))
    g.add((DOC_NODE, DCTERMS.language, Literal("en")))
    g.add((DOC_NODE, AG.path, Literal("data/articles/2022-12-19-visit.txt")))
    g.add((ACTIVITY, RDF.type, AG.Extraction))
    g.add((ACTIVITY, RDF.type, PROV.Activity))
    g.add((ACTIVITY, RDFS.label, Literal("actorgraph")))
    g.add((ACTIVITY, PROV.endedAtTime, Literal("2026-01-01T12:00:00Z", datatype=XSD.dateTime)))
    actors = (
        (PUTIN, AG.Person, "Vladimir Putin", "Q7747", "RUS"),
        (LUKASHENKO, AG.Person, "Alexander Lukashenko", "Q2866", "BLR"),
        (RUSSIA, AG.Country, "Russia", "Q159", "RUS"),
        (BELARUS, AG.Country, "Belarus", "Q184", "BLR"),
        (MINSK, AG.Location, "Minsk", None, "BLR"),
    )
    for node, cls, label, qid, iso3 in actors:
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
        g.add((node, AG.countryCode, Literal(iso3)))
        if qid:
            g.add((node, AG.wikidata, Literal(qid)))
            g.add((node, OWL.sameAs, WD[qid]))
        if cls == AG.Country:
            g.add((node, AG.iso3, Literal(iso3)))
        else:
            g.add((node, AG.country, ID[f"country/{iso3}"]))
    g.add((PUTIN, SKOS.altLabel, Literal("Putin")))
    g.add((VISIT, RDF.type, AG.Event))
    g.add((VISIT, AG.relationType, AG.CONSULT))
    g.add((VISIT, AG.source, PUTIN))
    g.add((VISIT, AG.target, LUKASHENKO))
    g.add((VISIT, AG.mode, Literal("visit")))
    g.add((VISIT, AG.place, MINSK))
    g.add((VISIT, AG.date, Literal("2022-12-19", datatype=XSD.date)))
    g.add((VISIT, AG.factuality, AG.asserted))
    g.add((VISIT, AG.confidence, Literal(0.9, datatype=XSD.double)))
    g.add((VISIT, AG.evidence, EVIDENCE))
    g.add((VISIT, PROV.wasGeneratedBy, ACTIVITY))
    g.add((EVIDENCE, RDF.type, AG.Evidence))
    g.add((EVIDENCE, AG.sentence, Literal(SENTENCE)))
    g.add((EVIDENCE, AG.startOffset, Literal(0, datatype=XSD.integer)))
    g.add((EVIDENCE, AG.endOffset, Literal(len(SENTENCE), datatype=XSD.integer)))
    g.add((EVIDENCE, AG.document, DOC_NODE))
    g.add((PUTIN, AG.consult, LUKASHENKO))
    return g


def kb_graph() -> Graph:
    """A knowledge-base fact: a post held, derived from the KB rather than from text."""
    g = Graph(identifier=KB_GRAPH)
    g.add((PUTIN, RDF.type, AG.Person))
    g.add((PUTIN, RDFS.label, Literal("Vladimir Putin")))
    g.add((RUSSIA, RDF.type, AG.Country))
    g.add((RUSSIA, RDFS.label, Literal("Russia")))
    g.add((POST, RDF.type, AG.Affiliation))
    g.add((POST, RDF.type, AG.Position))
    g.add((POST, AG.relationType, AG.holdsPosition))
    g.add((POST, AG.source, PUTIN))
    g.add((POST, AG.target, RUSSIA))
    g.add((POST, AG.role, Literal("president")))
    g.add((POST, AG.startDate, Literal("2012-05-07", datatype=XSD.date)))
    g.add((POST, AG.factuality, AG.asserted))
    g.add((POST, PROV.wasDerivedFrom, KB_GRAPH))
    g.add((PUTIN, AG.holdsPosition, RUSSIA))
    return g


def dataset(*graphs: Graph) -> Dataset:
    ds = Dataset()
    for g in graphs:
        named = ds.graph(g.identifier)
        for triple in g:
            named.add(triple)
    return ds


# ---- conforming graphs --------------------------------------------------------------------


def test_conforming_graphs_pass() -> None:
    assert validate(document_graph()).conforms
    assert validate(kb_graph()).conforms
    report = validate(dataset(document_graph(), kb_graph()))
    assert report.conforms and report.results == [] and report.text.startswith("conforms")
    assert report.triples == len(document_graph()) + len(kb_graph())  # quads: graph by graph


def test_validation_leaves_the_data_unchanged() -> None:
    for graph in (document_graph(), kb_graph()):
        _remove(VISIT, AG.source)(graph)  # a violation too
        before = set(graph)
        validate(graph)
        assert set(graph) == before
    data = dataset(document_graph(), kb_graph())
    quads = set(data.quads((None, None, None, None)))
    validate(data)
    assert set(data.quads((None, None, None, None))) == quads


def test_graph_with_the_ontology_merged_in_still_conforms() -> None:
    """Stores may keep the ontology in a named graph beside the data."""
    onto = Graph(identifier=URIRef("https://w3id.org/actorgraph/graph/ontology"))
    for triple in ontology_graph():
        onto.add(triple)
    assert validate(dataset(document_graph(), kb_graph(), onto)).conforms


def test_an_article_may_rely_on_the_shared_graphs_for_the_actors_it_names() -> None:
    """An actor typed in the knowledge-base graph and used in an article's graph is an actor."""
    doc = document_graph()
    doc.remove((RUSSIA, None, None))
    doc.remove((PUTIN, AG.country, None))
    doc.add((PUTIN, AG.memberOf, RUSSIA))  # Russia is described only in the KB graph
    assert not validate(doc).conforms
    assert validate(dataset(doc, kb_graph())).conforms


def copy_as(graph: Graph, name: URIRef) -> Graph:
    copied = Graph(identifier=name)
    for triple in graph:
        copied.add(triple)
    return copied


OTHER_DOC = DOC["2022-12-20-other"]


def test_each_article_graph_is_validated_on_its_own() -> None:
    """A fact missing from one article's graph is not supplied by another article's graph."""
    partial = copy_as(document_graph(), OTHER_DOC)
    partial.remove((VISIT, AG.factuality, None))  # the first graph still says it of VISIT
    report = validate(dataset(document_graph(), partial, kb_graph()))
    assert not report.conforms
    assert report.results == [
        "doc:2022-12-20-other: doc:2022-12-19-visit/rel/1 ag:factuality: "
        + next(line for line in validate(partial).results if "ag:factuality" in line).split(
            ": ", 1
        )[1]
    ]
    assert report.text.startswith("does not conform (")
    assert "in 3 graphs): 1 violation" in report.text.splitlines()[0]


def test_a_violation_of_a_shared_graph_is_reported_once() -> None:
    broken_kb = kb_graph()
    broken_kb.remove((POST, AG.source, None))
    report = validate(dataset(document_graph(), copy_as(document_graph(), OTHER_DOC), broken_kb))
    assert not report.conforms
    assert len(report.results) == 1 and "ag:source" in report.results[0]
    assert not report.results[0].startswith("doc:")


def test_knowledge_base_graph_conforms() -> None:
    from actorgraph import kb

    report = validate(kb.load().to_graph())
    assert report.conforms, report.text
    assert report.triples > 1000


# ---- each rule, broken --------------------------------------------------------------------

Mutation = Callable[[Graph], object]


def _set(subject: URIRef, predicate: URIRef, value: object) -> Mutation:
    return lambda g: g.set((subject, predicate, value))  # type: ignore[arg-type]


def _remove(subject: URIRef, predicate: URIRef) -> Mutation:
    return lambda g: g.remove((subject, predicate, None))


def _add(subject: URIRef, predicate: URIRef, value: object) -> Mutation:
    return lambda g: g.add((subject, predicate, value))  # type: ignore[arg-type]


BROKEN: dict[str, tuple[Mutation, str, str]] = {
    # name: (mutation, focus in the result line, text the result line must contain)
    "missing source": (_remove(VISIT, AG.source), "doc:2022-12-19-visit/rel/1", "ag:source"),
    "two sources": (_add(VISIT, AG.source, RUSSIA), "rel/1", "exactly one ag:source"),
    "bad factuality": (_set(VISIT, AG.factuality, AG.likely), "rel/1", "ag:factuality"),
    "factuality as a string": (
        _set(VISIT, AG.factuality, Literal("asserted")),
        "rel/1",
        "ag:factuality",
    ),
    "confidence 1.7": (
        _set(VISIT, AG.confidence, Literal(1.7, datatype=XSD.double)),
        "rel/1",
        "between 0 and 1",
    ),
    "confidence not a double": (
        _set(VISIT, AG.confidence, Literal("0.5")),
        "rel/1",
        "ag:confidence",
    ),
    "wikidata 7747": (
        _set(PUTIN, AG.wikidata, Literal("7747")),
        "id:person/vladimir-putin",
        "Q7747",
    ),
    "country code lower case": (
        _set(PUTIN, AG.countryCode, Literal("rus")),
        "id:person",
        "alpha-3",
    ),
    "country not a country IRI": (
        _set(PUTIN, AG.country, Literal("RUS")),
        "id:person",
        "ag:country",
    ),
    "event without evidence or derivation": (
        _remove(VISIT, AG.evidence),
        "rel/1",
        "provenance",
    ),
    "actor with two types": (
        _add(PUTIN, RDF.type, AG.Organization),
        "id:person/vladimir-putin",
        "exactly one actor class",
    ),
    "actor without label": (_remove(LUKASHENKO, RDFS.label), "alexander-lukashenko", "rdfs:label"),
    "actor with two labels": (
        _add(LUKASHENKO, RDFS.label, Literal("A. Lukashenko")),
        "alexander-lukashenko",
        "rdfs:label",
    ),
    "target not an actor": (
        _set(VISIT, AG.target, URIRef("http://example.org/somebody")),
        "<http://example.org/somebody>",
        "actor class",
    ),
    "two targets": (_add(VISIT, AG.target, BELARUS), "rel/1", "ag:target"),
    "direct edge to an untyped node": (
        _add(PUTIN, AG.assault, ID["person/nobody"]),
        "id:person/nobody",
        "actor class",
    ),
    "event typed with an affiliation type": (
        _set(VISIT, AG.relationType, AG.memberOf),
        "rel/1",
        "PLOVER event types",
    ),
    "unknown event type": (_set(VISIT, AG.relationType, AG.VISIT), "rel/1", "PLOVER"),
    "no relation type": (
        _remove(VISIT, AG.relationType),
        "rel/1",
        "exactly one ag:relationType",
    ),
    "both event and affiliation": (
        _add(VISIT, RDF.type, AG.Affiliation),
        "rel/1",
        "the ag:relationType of an affiliation",
    ),
    "relation without its class": (
        lambda g: g.remove((VISIT, RDF.type, AG.Event)),
        "ag:CONSULT ^ag:relationType",
        "typed ag:Event (value doc:2022-12-19-visit/rel/1)",
    ),
    "date as a string": (_set(VISIT, AG.date, Literal("2022-12-19")), "rel/1", "xsd:date"),
    "extracted relation without confidence": (
        _remove(VISIT, AG.confidence),
        "rel/1",
        "ag:confidence",
    ),
    "extracted relation without its extraction": (
        _remove(VISIT, PROV.wasGeneratedBy),
        "rel/1",
        "ag:Extraction",
    ),
    "evidence start after end": (
        _set(EVIDENCE, AG.startOffset, Literal(100, datatype=XSD.integer)),
        "rel/1/evidence",
        "ag:startOffset",
    ),
    "evidence offset not an integer": (
        _set(EVIDENCE, AG.endOffset, Literal("59")),
        "rel/1/evidence",
        "ag:endOffset",
    ),
    "evidence without sentence": (
        _remove(EVIDENCE, AG.sentence),
        "rel/1/evidence",
        "ag:sentence",
    ),
    "evidence without document": (
        _remove(EVIDENCE, AG.document),
        "rel/1/evidence",
        "ag:document",
    ),
    "evidence not typed": (_remove(EVIDENCE, RDF.type), "rel/1", "ag:Evidence"),
    "document date as a string": (
        _set(DOC_NODE, DCTERMS.date, Literal("19 December 2022")),
        "doc:2022-12-19-visit",
        "dcterms:date",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_rule_is_caught(name: str) -> None:
    mutation, focus, expected = BROKEN[name]
    graph = document_graph()
    mutation(graph)
    report = validate(graph)
    assert not report.conforms
    assert any(focus in line and expected in line for line in report.results), report.text
    assert report.text.startswith("does not conform")


KB_BROKEN: dict[str, tuple[Mutation, str]] = {
    "position without role": (_remove(POST, AG.role), "ag:role"),
    "holdsPosition not typed Position": (
        lambda g: g.remove((POST, RDF.type, AG.Position)),
        "ag:Position",
    ),
    "position with a non-affiliation type": (_set(POST, AG.relationType, AG.CONSULT), "ag:"),
    "start after end": (
        _add(POST, AG.endDate, Literal("2000-01-01", datatype=XSD.date)),
        "ag:startDate",
    ),
    "no provenance": (
        _remove(POST, PROV.wasDerivedFrom),
        "(ag:evidence|prov:wasDerivedFrom): a relation has provenance",
    ),
}


@pytest.mark.parametrize("name", sorted(KB_BROKEN))
def test_broken_affiliation_rule_is_caught(name: str) -> None:
    mutation, expected = KB_BROKEN[name]
    graph = kb_graph()
    mutation(graph)
    report = validate(graph)
    assert not report.conforms
    assert any("kb:rel/putin-president" in line and expected in line for line in report.results), (
        report.text
    )


def test_each_violation_is_reported_once_per_node_and_rule() -> None:
    graph = document_graph()
    _remove(VISIT, AG.evidence)(graph)
    _set(VISIT, AG.confidence, Literal(1.7, datatype=XSD.double))(graph)
    report = validate(graph)
    assert len(report.results) == 2, report.text


# ---- shapes and ontology agree --------------------------------------------------------------


def _shapes() -> Graph:
    return Graph().parse(resources.shapes_path(), format="turtle")


def test_every_ag_term_in_the_shapes_is_defined_in_the_ontology() -> None:
    onto = ontology_graph()
    used = {
        node
        for triple in _shapes()
        for node in triple
        if isinstance(node, URIRef) and node.startswith(str(AG))
    }
    assert len(used) > 50
    undefined = sorted(str(t) for t in used if onto.value(t, RDF.type) is None)
    assert undefined == []


def _in_lists(shapes: Graph, path: URIRef) -> list[set[URIRef]]:
    """The sh:in value sets of the property shapes on `path`."""
    found = []
    for prop in shapes.subjects(SH.path, path):
        for listing in shapes.objects(prop, SH["in"]):
            found.append({URIRef(str(v)) for v in Collection(shapes, listing)})
    return found


def test_fixed_sets_in_the_shapes_match_the_vocabulary() -> None:
    shapes = _shapes()
    relation_types = _in_lists(shapes, AG.relationType)
    assert {vocab.relation_type_iri(t) for t in vocab.PLOVER_TYPES} in relation_types
    assert {vocab.relation_type_iri(t) for t in vocab.AFFILIATION_TYPES} in relation_types
    assert _in_lists(shapes, AG.factuality) == [{vocab.factuality_iri(f) for f in vocab.FACTUALITY}]
    actor_lists = [
        {URIRef(str(v)) for v in Collection(shapes, listing)}
        for listing in shapes.objects(None, SH["in"])
    ]
    assert {vocab.actor_class(t) for t in vocab.ACTOR_TYPES} in actor_lists


# ---- files and the command line -----------------------------------------------------------


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nq", ".nt", ".jsonld"])
def test_load_file_reads_every_supported_syntax(tmp_path: Path, suffix: str) -> None:
    fmt = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}
    data: Graph = dataset(document_graph(), kb_graph())
    if suffix in (".ttl", ".nt"):
        data = document_graph() + kb_graph()
    path = tmp_path / f"graph{suffix}"
    data.serialize(path, format=fmt[suffix])
    report = validate(load_file(path))
    assert report.conforms, report.text
    if suffix in (".ttl", ".nt"):
        assert report.triples == len(document_graph() + kb_graph())
    else:
        assert report.triples == len(document_graph()) + len(kb_graph())


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", "validate", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_exit_status_follows_conformance(tmp_path: Path) -> None:
    good = tmp_path / "good.trig"
    dataset(document_graph(), kb_graph()).serialize(good, format="trig")
    bad_graph = document_graph()
    _set(VISIT, AG.confidence, Literal(1.7, datatype=XSD.double))(bad_graph)
    bad = tmp_path / "bad.ttl"
    bad_graph.serialize(bad, format="turtle")

    ok = _cli(str(good))
    assert ok.returncode == 0, ok.stderr
    size = len(document_graph()) + len(kb_graph())
    assert ok.stdout.strip().endswith(f"conforms ({size} triples in 2 graphs)")

    failed = _cli(str(good), str(bad))
    assert failed.returncode == 1
    assert f"{bad}: does not conform" in failed.stdout
    assert "ag:confidence" in failed.stdout and "1.7" in failed.stdout
    assert f"{good}: conforms" in failed.stdout


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.ttl", b"@prefix ag: <https://w3id.org/actorgraph#> .\nag:a ag:b .\n", "turtle"),
        ("binary.trig", b"\x00\x01\xff\xfe garbage", "trig"),
        ("broken.jsonld", b'{"@context": ', "json-ld"),
        ("table.csv", b"a,b\n", "suffix"),
    ],
)
def test_cli_gives_one_line_for_a_broken_file(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = _cli(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("actorgraph: error: ") and str(path) in lines[0]
    assert expected in lines[0]


def test_cli_missing_file_and_no_file(tmp_path: Path) -> None:
    missing = _cli(str(tmp_path / "nowhere.ttl"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.count("\n") == 1 and "no such file" in missing.stderr
    nothing = _cli()
    assert nothing.returncode == 2 and "nothing to validate" in nothing.stderr


def test_a_mention_must_name_one_described_actor_in_a_document() -> None:
    from actorgraph import rdf as rdf_model
    from conftest import make_extraction

    graph = rdf_model.to_graph(make_extraction("m"))
    assert validate(graph).conforms
    mention = next(iter(graph.subjects(AG.mentionOf, None)))
    broken = Graph() + graph
    broken.remove((mention, AG.name, None))
    broken.add((mention, AG.actorClass, AG.Document))
    report = validate(broken)
    assert not report.conforms
    text = " ".join(report.results)
    assert "exactly one non-empty ag:name" in text and "exactly one actor class" in text
    own, _ = rdf_model.split(graph)
    undescribed = validate(own)  # the actors' descriptions are in the actors graph
    assert not undescribed.conforms and "exactly one non-empty rdfs:label" in undescribed.text
