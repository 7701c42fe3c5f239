"""A document's checked quads, ready to load, and the writer that stores them in batches.

Extraction (in this process or in workers) ends with each document's triples made, checked
against the shapes and put in their named graphs (`DocumentQuads`); the writer only loads them.
A batch of documents goes into the store in one transaction, so a killed build keeps whole
documents only: into the embedded store by Oxigraph's transactional `extend` (or `load`, for
quads that arrived as N-Quads) when none of them is stored yet, else (and into a SPARQL
endpoint) by one update request that drops their old graphs and inserts the new ones.
`replace_graph` swaps a whole shared graph (the actors graph a build rewrites at its end) in
one transaction too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from actorgraph import rdf
from actorgraph.errors import StoreError
from actorgraph.store import EmbeddedStore, Store
from actorgraph.vocab import ACTORS_GRAPH

_ACTORS = ox.NamedNode(str(ACTORS_GRAPH))


class DocumentQuads:
    """One document's quads: its own triples in its named graph, its actors' descriptions (and
    the other shared triples, see `rdf.split`) in the actors graph. Sent between processes as
    N-Quads, which pyoxigraph writes and reads much faster than pickle does its terms; what
    arrives so is stored as it came (`write` hands the N-Quads to the store's parser) and only
    read into terms when asked for."""

    def __init__(
        self, doc_id: str, quads: list[ox.Quad] | None = None, nquads: bytes | None = None
    ) -> None:
        self.doc_id = doc_id
        self._quads = quads
        self._nquads = nquads

    @classmethod
    def of(cls, doc_id: str, triples: list[rdf.Triple]) -> DocumentQuads:
        own, shared = rdf.split_triples(triples)
        name = ox.NamedNode(str(rdf.document_iri(doc_id)))
        quads = [ox.Quad(s, p, o, name) for s, p, o in own]
        quads += [ox.Quad(s, p, o, _ACTORS) for s, p, o in shared]
        return cls(doc_id, list(dict.fromkeys(quads)))  # a graph: each quad once

    @property
    def quads(self) -> list[ox.Quad]:
        if self._quads is None:
            self._quads = list(ox.parse(self._nquads or b"", ox.RdfFormat.N_QUADS))
        return self._quads

    @property
    def nquads(self) -> bytes:
        """The quads as N-Quads."""
        if self._nquads is None:
            self._nquads = ox.serialize(self.quads, format=ox.RdfFormat.N_QUADS) or b""
        return self._nquads

    @property
    def graph_name(self) -> ox.NamedNode:
        return ox.NamedNode(str(rdf.document_iri(self.doc_id)))

    def __getstate__(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "nquads": self.nquads}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.doc_id = state["doc_id"]
        self._quads = None
        self._nquads = state["nquads"]


def write(store: Store, documents: list[DocumentQuads]) -> None:
    """Put `documents` in place of their stored graphs and add their actors' descriptions to
    the actors graph, in one transaction (StoreError or QueryError when it fails)."""
    if not documents:
        return
    if isinstance(store, EmbeddedStore) and not any(_stored(store, d) for d in documents):
        try:
            if all(document._quads is None for document in documents):  # as they arrived
                store.oxigraph.load(b"".join(d.nquads for d in documents), ox.RdfFormat.N_QUADS)
            else:
                store.oxigraph.extend([quad for document in documents for quad in document.quads])
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"store write failed: {' '.join(str(exc).split())}") from None
        return
    store.update(replace_update(documents))


def _stored(store: EmbeddedStore, document: DocumentQuads) -> bool:
    pattern = store.oxigraph.quads_for_pattern(None, None, None, document.graph_name)
    return next(iter(pattern), None) is not None


def replace_update(documents: list[DocumentQuads]) -> str:
    """One SPARQL update replacing the documents' graphs (a transaction on any store)."""
    drops = [f"DROP SILENT GRAPH {document.graph_name}" for document in documents]
    by_graph: dict[str, list[str]] = {}
    for document in documents:
        for quad in document.quads:
            line = f"{quad.subject} {quad.predicate} {quad.object} ."
            by_graph.setdefault(str(quad.graph_name), []).append(line)
    inserts = " ".join(
        f"GRAPH {name} {{\n" + "\n".join(lines) + "\n}" for name, lines in by_graph.items()
    )
    return " ;\n".join(drops) + f" ;\nINSERT DATA {{ {inserts} }}"


def replace_graph(store: Store, name: str, triples: Iterable[tuple[Any, Any, Any]]) -> None:
    """Put `triples` in place of the named graph `name`, in one transaction: in the embedded
    store by one update deleting the quads that are gone and inserting those that are new (a
    graph rewritten at the end of a build is mostly unchanged, and an update's cost grows with
    the quads it names), else, or when blank nodes are involved (which `DELETE DATA` cannot
    name), by one update dropping the graph and inserting it whole."""
    graph = ox.NamedNode(name)
    new = {ox.Quad(s, p, o, graph) for s, p, o in triples}
    if isinstance(store, EmbeddedStore):
        old = set(store.oxigraph.quads_for_pattern(None, None, None, graph))
        if not any(_has_blank(quad) for quad in old | new):
            changes = [_data("DELETE", old - new), _data("INSERT", new - old)]
            if any(changes):
                store.update(" ;\n".join(change for change in changes if change))
            return
    store.update(f"DROP SILENT GRAPH {graph}" + (f" ;\n{_data('INSERT', new)}" if new else ""))


def _has_blank(quad: ox.Quad) -> bool:
    return isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)


def _data(operation: str, quads: set[ox.Quad]) -> str:
    """`INSERT DATA` or `DELETE DATA` of `quads` (all in one graph), or "" when there are none."""
    if not quads:
        return ""
    graph = next(iter(quads)).graph_name
    lines = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    return f"{operation} DATA {{ GRAPH {graph} {{\n{lines}\n}} }}"
