"""The store: atomic document replacement, documents, KB, bound parameters (embedded and remote)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from actorgraph import rdf, store
from actorgraph.errors import QueryError, StoreError
from actorgraph.vocab import ACTORS_GRAPH, AG, KB_GRAPH
from conftest import PUTIN, make_extraction

LABEL_QUERY = (
    "SELECT ?actor ?name WHERE { ?actor <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
)


@pytest.fixture(params=["embedded", "remote"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[store.Store]:
    """The same tests against an embedded store and a real Oxigraph server."""
    if request.param == "embedded":
        location = str(tmp_path / "store")
    else:
        location = request.getfixturevalue("oxigraph_server")
    with store.open_store(location) as opened:
        yield opened


def test_replace_document_replaces_not_duplicates(any_store: store.Store) -> None:
    first = rdf.to_graph(make_extraction("a"))
    any_store.replace_document("a", first)
    any_store.replace_document("a", first)
    own, shared = rdf.split(first)
    assert any_store.count() == len(first) == len(own) + len(shared)
    assert isomorphic(any_store.document_graph("a"), own)
    assert isomorphic(any_store.named_graph(ACTORS_GRAPH), shared)
    smaller = make_extraction("a")
    smaller.relations = smaller.relations[:2]
    second = rdf.to_graph(smaller)
    any_store.replace_document("a", second)
    assert isomorphic(any_store.document_graph("a"), rdf.split(second)[0])
    assert [d.id for d in any_store.documents()] == ["a"]


def test_documents_and_union_queries(any_store: store.Store) -> None:
    any_store.replace_document("a", rdf.to_graph(make_extraction("a")))
    any_store.replace_document("b", rdf.to_graph(make_extraction("b", date="2023-01-05")))
    docs = {d.id: d for d in any_store.documents()}
    assert set(docs) == {"a", "b"}
    assert docs["b"].date == "2023-01-05" and docs["b"].title == "Article b"
    rows = any_store.select(
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e <https://w3id.org/actorgraph#source> ?s }",
    ).rows
    assert rows[0][0].toPython() == 12  # six relations per document, both documents
    any_store.delete_document("a")
    assert [d.id for d in any_store.documents()] == ["b"]


def test_bound_parameter_stays_a_name(any_store: store.Store) -> None:
    evil = '"} ; DROP ALL ; #'
    extraction = make_extraction("a")
    extraction.actors[0].label = evil
    any_store.replace_document("a", rdf.to_graph(extraction))
    before = any_store.count()
    result = any_store.select(LABEL_QUERY, {"name": Literal(evil)})
    assert result.rows == [(URIRef(PUTIN), Literal(evil))]
    result = any_store.select(
        "SELECT ?actor WHERE { ?actor <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
        {"name": Literal(evil)},
    )
    assert result.rows == [(URIRef(PUTIN),)]
    assert any_store.count() == before


def test_kb_graph_is_replaced(any_store: store.Store) -> None:
    kb = Graph()
    kb.add((URIRef(PUTIN), RDFS.label, Literal("Vladimir Putin")))
    any_store.load_kb(kb)
    any_store.load_kb(kb)
    assert any_store.graph_names() == [KB_GRAPH]
    assert any_store.count() == 1
    assert any_store.ask("ASK { ?a ?p ?o }", {"a": URIRef(PUTIN)})


def test_select_result_to_dataframe(any_store: store.Store) -> None:
    any_store.replace_document("a", rdf.to_graph(make_extraction("a")))
    frame = any_store.select(
        "SELECT ?e ?c WHERE { ?e <https://w3id.org/actorgraph#confidence> ?c } ORDER BY ?c"
    ).to_dataframe()
    assert list(frame.columns) == ["e", "c"]
    assert frame["c"].tolist() == [0.6, 0.7, 0.8, 0.85, 0.9, 0.9]


def test_construct_returns_a_graph(any_store: store.Store) -> None:
    any_store.replace_document("a", rdf.to_graph(make_extraction("a")))
    graph = any_store.construct(
        "CONSTRUCT { ?a ?p ?b } WHERE { ?a ?p ?b FILTER(?p = ?edge) }", {"edge": AG.consult}
    )
    assert len(graph) == 1


def test_bad_sparql_is_a_one_line_query_error(any_store: store.Store) -> None:
    with pytest.raises(QueryError) as info:
        any_store.select("SELECT ?x WHERE { ?x ")
    assert "\n" not in str(info.value)


def test_second_writer_is_refused_clearly(tmp_path: Path) -> None:
    with store.open_store(tmp_path / "s"), pytest.raises(StoreError, match="in use"):
        store.open_store(tmp_path / "s")
    store.open_store(tmp_path / "s").close()


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(StoreError, match="not a store folder"):
        store.open_store(path)


def test_unreachable_endpoint_is_a_store_error() -> None:
    remote = store.open_store("http://127.0.0.1:9/query")
    with pytest.raises(StoreError, match="cannot reach"):
        remote.select("SELECT * WHERE { ?s ?p ?o }")


def test_endpoint_urls_are_derived() -> None:
    assert store.RemoteStore("http://h:7878").update_url == "http://h:7878/update"
    assert store.RemoteStore("http://h:7878/query").update_url == "http://h:7878/update"
    assert store.RemoteStore("http://h/ds/sparql").update_url == "http://h/ds/update"
    given = store.open_store("http://h/q|http://h/u")
    assert isinstance(given, store.RemoteStore)
    assert (given.query_url, given.update_url) == ("http://h/q", "http://h/u")


def test_values_injection_goes_into_the_where_clause() -> None:
    query = 'PREFIX x: <http://e/a#> # {\nCONSTRUCT { ?a ?p "{" } WHERE { ?a ?p ?b } # {'
    injected = store.inject_values(query, {"b": Literal('"} ; DROP ALL ; #')})
    assert injected.startswith('PREFIX x: <http://e/a#> # {\nCONSTRUCT { ?a ?p "{" } WHERE {')
    assert 'VALUES (?b) { ("\\"} ; DROP ALL ; #") }' in injected


def test_reopen_read_write_in_the_same_process(tmp_path: Path) -> None:
    location = tmp_path / "store"
    graphs = {
        name: rdf.to_graph(make_extraction(name, date=date))
        for name, date in (("a", "2022-12-19"), ("b", "2023-01-05"), ("c", "2023-02-01"))
    }
    first = store.open_store(location)
    first.replace_document("a", graphs["a"])
    assert first.count() == len(graphs["a"])  # the document's part and its actors' part
    first.close()
    with pytest.raises(StoreError, match="closed"):
        first.count()
    second = store.open_store(location)
    second.replace_document("b", graphs["b"])
    second.close()
    with store.open_store(location) as third:
        third.replace_document("c", graphs["c"])
    with store.open_store(location, read_only=True) as reader:
        assert [d.id for d in reader.documents()] == ["a", "b", "c"]
        for name, graph in graphs.items():
            assert isomorphic(reader.document_graph(name), rdf.split(graph)[0])
