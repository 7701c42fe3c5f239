"""FROM and FROM NAMED choose the graphs a query reads; without them the default graph is the
union of every named graph."""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from actorgraph import rdf, server
from actorgraph.rdf import document_iri
from actorgraph.store import Store, names_dataset, open_store
from actorgraph.vocab import ACTORS_GRAPH
from conftest import make_extraction

LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
TITLES = "SELECT ?title {dataset} WHERE {{ ?d <http://purl.org/dc/terms/title> ?title }}"


def fill(store: Store) -> None:
    store.replace_document("a", rdf.to_graph(make_extraction("a")))
    store.replace_document("b", rdf.to_graph(make_extraction("b", date="2023-01-02")))


@pytest.fixture
def store() -> Iterator[Store]:
    opened = open_store(":memory:")
    fill(opened)
    yield opened
    opened.close()


def titles(store: Store, dataset: str) -> list[str]:
    rows = store.select(TITLES.format(dataset=dataset)).rows
    return sorted(str(row[0]) for row in rows)


def test_from_a_graph_that_does_not_exist_reads_nothing(store: Store) -> None:
    assert store.select(f"SELECT * FROM <urn:none> WHERE {{ ?s {LABEL} ?o }}").rows == []
    assert titles(store, "FROM <urn:none>") == []


def test_from_reads_only_the_graphs_named(store: Store) -> None:
    a, b = document_iri("a"), document_iri("b")
    assert titles(store, "") == ["Article a", "Article b"]  # no FROM: the union
    assert titles(store, f"FROM <{a}>") == ["Article a"]
    assert titles(store, f"from<{b}>") == ["Article b"]
    assert titles(store, f"FROM <{a}> FROM <{b}>") == ["Article a", "Article b"]


def test_from_named_limits_the_graphs_of_graph_patterns(store: Store) -> None:
    b = document_iri("b")
    query = f"SELECT DISTINCT ?g FROM NAMED <{b}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert [row[0] for row in store.select(query).rows] == [b]
    # with FROM NAMED alone the default graph is empty, as SPARQL says
    assert titles(store, f"FROM NAMED <{b}>") == []


def test_parameters_still_bind_with_a_dataset_clause(store: Store) -> None:
    query = f"SELECT ?s FROM <{ACTORS_GRAPH}> WHERE {{ ?s {LABEL} ?name }}"
    rows = store.select(query, {"name": Literal("Vladimir Putin")}).rows
    assert [str(row[0]) for row in rows] == ["https://w3id.org/actorgraph/id/person/vladimir-putin"]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?from WHERE { ?from ?p ?o }",
        'SELECT * WHERE { ?s ?p "FROM <urn:none>" }',
        "SELECT * WHERE { ?s <http://example.org/from> ?o } # FROM <urn:none>",
        'PREFIX from: <http://x/> SELECT * WHERE { ?s from:from ?o . ?s ?q "x"@from }',
    ],
)
def test_the_word_from_elsewhere_is_no_dataset_clause(query: str) -> None:
    assert not names_dataset(query)


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[str]:
    with open_store(tmp_path / "store") as opened:
        fill(opened)
    config = server.ServerConfig(location=str(tmp_path / "store"), port=0, workers=1)
    running = server.make_server(config)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{running.server_address[1]}/sparql"
    finally:
        running.shutdown()
        running.server_close()


@pytest.mark.server
def test_the_endpoint_honours_from(endpoint: str) -> None:
    def ask(dataset: str) -> list[str]:
        url = endpoint + "?" + urllib.parse.urlencode({"query": TITLES.format(dataset=dataset)})
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            rows = json.loads(answer.read())["results"]["bindings"]
        return sorted(row["title"]["value"] for row in rows)

    assert ask("") == ["Article a", "Article b"]
    assert ask("FROM <urn:none>") == []
    assert ask(f"FROM <{URIRef(document_iri('b'))}>") == ["Article b"]
