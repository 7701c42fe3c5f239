"""Nothing let in: user text stays data in SPARQL, paths from metadata stay in their folder."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDFS, Graph, Literal, URIRef

from actorgraph import reader
from actorgraph.errors import ActorgraphError, QueryError
from actorgraph.store import inject_values, open_store
from actorgraph.vocab import AG, ID

HOSTILE_NAMES = [
    '"} ; DROP ALL ; #',
    "'} ; DROP ALL ; #",
    '""" } ; CLEAR ALL ; #',
    '\\"} ; DROP ALL ; #',
    'x" . } } ; DELETE WHERE { ?s ?p ?o } ; #',
    "> } ; DROP ALL ; <",
    "?s ?p ?o } UNION { ?s ?p ?o",
    "\n} ; DROP ALL ;\n#",
]
QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor WHERE { ?actor rdfs:label ?name }
"""


@pytest.fixture()
def store():
    opened = open_store(":memory:")
    graph = Graph(identifier=URIRef("https://w3id.org/actorgraph/doc/a"))
    for number, name in enumerate(["Vladimir Putin", *HOSTILE_NAMES]):
        actor = ID[f"person/p{number}"]
        graph.add((actor, RDFS.label, Literal(name)))
        graph.add((actor, AG.wikidata, Literal(f"Q{number}")))
    opened.replace_document("a", graph)
    yield opened
    opened.close()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_stays_a_name_in_a_bound_parameter(store, name: str) -> None:
    before = store.count()
    rows = store.select(QUERY, {"name": Literal(name)}).rows
    assert rows == [(ID[f"person/p{HOSTILE_NAMES.index(name) + 1}"],)]
    assert store.count() == before


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_in_a_values_block_for_remote_endpoints(store, name: str) -> None:
    before = store.count()
    query = inject_values(QUERY, {"name": Literal(name)})
    parsed = ox.Store()  # the rewritten text is still exactly one SELECT query
    assert isinstance(parsed.query(query), ox.QuerySolutions)
    rows = store.select(query).rows
    assert rows == [(ID[f"person/p{HOSTILE_NAMES.index(name) + 1}"],)]
    assert store.count() == before


def test_hostile_iri_parameter_is_refused_not_spliced(store) -> None:
    before = store.count()
    with pytest.raises((ActorgraphError, ValueError)):
        store.select(QUERY, {"actor": URIRef("http://x/> } ; DROP ALL ; <http://y")})
    with pytest.raises((ActorgraphError, ValueError)):
        inject_values(QUERY, {"actor": URIRef("http://x/> } ; DROP ALL ; <http://y")})
    assert store.count() == before


@pytest.mark.parametrize("name", ["name } ; DROP ALL ; #", "a b", "1x", ""])
def test_parameter_names_are_checked(name: str) -> None:
    with pytest.raises(QueryError):
        inject_values(QUERY, {name: Literal("x")})


@pytest.mark.parametrize(
    "update",
    [
        "DROP ALL",
        "CLEAR DEFAULT",
        "DELETE WHERE { ?s ?p ?o }",
        "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }",
        "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    ],
)
def test_read_paths_refuse_updates(store, update: str) -> None:
    before = store.count()
    for read in (store.query, store.select):
        with pytest.raises(QueryError):
            read(update)
    assert store.count() == before


# --- paths from metadata -------------------------------------------------------------------


@pytest.mark.parametrize(
    "stem",
    ["../../etc/passwd", "..", "...", "a/../../b", "..\\..\\windows", "~root", "/abs/path", "\x00"],
)
def test_document_ids_never_leave_a_folder(tmp_path: Path, stem: str) -> None:
    doc_id = reader.document_id(Path(f"{stem}.txt"))
    assert doc_id and "/" not in doc_id and "\\" not in doc_id and doc_id not in (".", "..")
    target = (tmp_path / f"{doc_id}.html").resolve()
    assert target.parent == tmp_path.resolve()


def test_sidecar_cannot_rename_a_document(tmp_path: Path) -> None:
    article = tmp_path / "safe.txt"
    article.write_text("The ministers met in Geneva on Monday.", encoding="utf-8")
    hostile = {"id": "../../etc/passwd", "title": "../../etc/passwd", "path": "/etc/passwd"}
    article.with_suffix(".json").write_text(json.dumps(hostile), encoding="utf-8")
    document = reader.read_document(article)
    assert document.id == "safe"
    assert document.path == str(article)
    assert document.title == "../../etc/passwd"  # kept as text, never used as a path
