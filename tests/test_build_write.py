"""The build's writer: documents' quads made once, sent between processes, and stored in
batches of whole documents."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from actorgraph import build, rdf, store
from actorgraph.errors import StoreError
from actorgraph.model import Document, Extraction
from actorgraph.terms import from_ox
from actorgraph.vocab import ACTORS_GRAPH, AG
from actorgraph.workers.write import DocumentQuads, write
from conftest import make_extraction

WHEN = dt.datetime(2023, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
NAME = make_extraction().extractor


def quads_of(extraction: Extraction, fingerprint: str = "f") -> DocumentQuads:
    triples = rdf.document_triples(extraction, generated_at=WHEN, fingerprint=fingerprint)
    return DocumentQuads.of(extraction.document.id, triples)


def graph_of(quads: list[ox.Quad], name: URIRef) -> Graph:
    graph = Graph()
    for quad in quads:
        if quad.graph_name == ox.NamedNode(str(name)):
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return graph


def stored_graph(opened: store.Store, name: URIRef) -> Graph:
    graph = Graph()
    graph += opened.named_graph(name)
    return graph


def test_the_quads_hold_the_documents_graph_and_its_shared_part_as_a_store_keeps_them() -> None:
    extraction = make_extraction("meeting")
    own, shared = rdf.split(rdf.to_graph(extraction, generated_at=WHEN, fingerprint="f"))
    quads = quads_of(extraction).quads
    document = rdf.document_iri("meeting")
    assert isomorphic(graph_of(quads, document), own)
    assert isomorphic(graph_of(quads, ACTORS_GRAPH), shared)
    assert len(own) > 20 and len(shared) > 10
    assert {q.graph_name.value for q in quads} == {str(document), str(ACTORS_GRAPH)}
    assert len(quads) == len(own) + len(shared)  # each once, like a graph


def test_the_quads_cross_a_process_boundary_unchanged() -> None:
    sent = quads_of(make_extraction("crossing"))
    received = pickle.loads(pickle.dumps(sent))
    assert received.doc_id == "crossing"
    assert received.quads == sent.quads


def test_quads_that_arrived_from_a_worker_are_stored_as_those_made_here(tmp_path: Path) -> None:
    """A batch received as N-Quads (what a worker sends) is loaded without being read into
    terms first, and the store holds exactly what it holds from the same batch made here."""
    made = [quads_of(make_extraction(name)) for name in ("north", "south")]
    arrived = pickle.loads(pickle.dumps(made))
    with store.open_store(tmp_path / "made") as here, store.open_store(tmp_path / "sent") as sent:
        write(here, made)
        write(sent, arrived)
        assert all(document._quads is None for document in arrived)  # loaded as they came
        assert set(sent.quads()) == set(here.quads())
        assert {d.id for d in sent.documents()} == {"north", "south"}


def test_a_batch_is_stored_and_a_stored_document_is_replaced_not_added_to() -> None:
    opened = store.open_store(":memory:")
    first, second = make_extraction("one"), make_extraction("two")
    write(opened, [quads_of(first, "old"), quads_of(second)])
    assert {d.id for d in opened.documents()} == {"one", "two"}
    rewritten = make_extraction("one", text="Vladimir Putin met Alexander Lukashenko in Minsk.")
    rewritten.relations = rewritten.relations[:1]
    write(opened, [quads_of(rewritten, "new"), quads_of(make_extraction("three"))])
    assert {d.id: d.sha256 for d in opened.documents()} == {"one": "new", "two": "f", "three": "f"}
    own = rdf.split(rdf.to_graph(rewritten, generated_at=WHEN, fingerprint="new"))[0]
    assert isomorphic(stored_graph(opened, rdf.document_iri("one")), own)
    relations = opened.select(
        f"SELECT ?r WHERE {{ GRAPH <{rdf.document_iri('one')}> {{ ?r <{AG.relationType}> ?t }} }}"
    )
    assert len(relations) == 1


def test_embedded_stores_and_endpoints_hold_the_same_written_graphs(location: str) -> None:
    batch = [quads_of(make_extraction(name)) for name in ("north", "south", "east")]
    reference = store.open_store(":memory:")
    write(reference, batch)
    with store.open_store(location) as opened:
        write(opened, batch[:1])
        write(opened, batch)  # one stored already: the batch goes as one replacing update
        for name in ("north", "south", "east", None):
            graph = ACTORS_GRAPH if name is None else rdf.document_iri(name)
            assert isomorphic(stored_graph(opened, graph), stored_graph(reference, graph))


class RefusingStore(store.EmbeddedStore):
    """An embedded store whose disk refuses any write that holds one given document."""

    def __init__(self, location: Path, refused: str) -> None:
        super().__init__(location)
        self.refused = str(rdf.document_iri(refused))
        self.calls = 0

    def update(self, update: str) -> None:
        self.calls += 1
        if self.refused in update:
            raise StoreError("store write failed: no space left on device")
        super().update(update)


def fake_extract(document: Document) -> Extraction:
    extraction = make_extraction(document.id, text=document.text)
    extraction.document = document
    return extraction


def test_a_document_that_cannot_be_stored_fails_alone_and_its_batch_is_kept(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    names = [f"report-{n}" for n in range(5)]
    for name in names:
        (folder / f"{name}.txt").write_text(f"{name}: the ministers met in Minsk.", "utf-8")
    opened = RefusingStore(tmp_path / "store", refused="report-2")
    try:
        build.build([folder], opened, extract=fake_extract, extractor_name=NAME)  # all stored
        opened.calls = 0
        summary = build.build([folder], opened, extract=fake_extract, force=True,
                              extractor_name=NAME)  # fmt: skip
        assert [path for path, _ in summary.failed] == [str(folder / "report-2.txt")]
        assert "no space left on device" in summary.failed[0][1]
        assert sorted(summary.written) == sorted(set(names) - {"report-2"})
        assert {d.id for d in opened.documents()} == set(names)  # the refused one as it was
    finally:
        opened.close()


SHARED = URIRef("urn:example:graph/shared")
OTHER = URIRef("urn:example:graph/other")


def _triples(*items: tuple[str, str, object]) -> list[tuple[ox.NamedNode, ox.NamedNode, object]]:
    return [(ox.NamedNode(s), ox.NamedNode(p), o) for s, p, o in items]


KEPT = ("urn:example:a", str(AG.name), ox.Literal("Kept"))
GONE = ("urn:example:b", str(AG.name), ox.Literal("Gone"))
ADDED = ("urn:example:c", str(AG.name), ox.Literal("Added", language="en"))
BLANK = ("urn:example:d", str(AG.alias), ox.BlankNode("someone"))


def _holding(
    opened: store.Store, name: URIRef, triples: list[tuple[object, object, object]]
) -> None:
    lines = "\n".join(f"{s} {p} {o} ." for s, p, o in triples)
    opened.update(f"INSERT DATA {{ GRAPH <{name}> {{ {lines} }} }}")


def _content(opened: store.Store, name: URIRef) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in opened.named_graph(name)}


@pytest.mark.parametrize("blank", [False, True], ids=["iris-and-literals", "blank-nodes"])
def test_a_graph_is_replaced_by_exactly_the_new_triples_and_no_other_changes(
    location: str, blank: bool
) -> None:
    """Whether the store takes only the differences (embedded, no blank nodes) or the whole
    graph, the graph holds exactly the new triples afterwards and other graphs are untouched."""
    from actorgraph.workers.write import replace_graph

    before = _triples(KEPT, GONE, *([BLANK] if blank else []))
    after = _triples(KEPT, ADDED)
    with store.open_store(location) as opened:
        _holding(opened, SHARED, before)
        _holding(opened, OTHER, _triples(GONE))
        replace_graph(opened, str(SHARED), after)
        assert _content(opened, SHARED) == {
            ("urn:example:a", str(AG.name), "Kept"),
            ("urn:example:c", str(AG.name), "Added"),
        }
        assert {o.language for _, _, o in opened.named_graph(SHARED)} == {None, "en"}
        assert _content(opened, OTHER) == {("urn:example:b", str(AG.name), "Gone")}
        replace_graph(opened, str(SHARED), after)  # nothing to change: nothing changes
        assert len(_content(opened, SHARED)) == 2
        replace_graph(opened, str(SHARED), [])
        assert _content(opened, SHARED) == set()


def test_a_graph_replacement_is_one_update_and_a_refused_one_changes_nothing(
    tmp_path: Path,
) -> None:
    from actorgraph.workers.write import replace_graph

    with RefusingStore(tmp_path / "store", "refused") as opened:
        _holding(opened, SHARED, _triples(KEPT, GONE))
        calls = opened.calls
        refused = (str(rdf.document_iri("refused")), str(AG.name), ox.Literal("x"))
        with pytest.raises(StoreError):
            replace_graph(opened, str(SHARED), _triples(KEPT, ADDED, refused))
        assert opened.calls == calls + 1
        assert _content(opened, SHARED) == {
            ("urn:example:a", str(AG.name), "Kept"),
            ("urn:example:b", str(AG.name), "Gone"),
        }
