"""Checking graphs against the project's SHACL shapes (`ontology/shapes.ttl`) with pyshacl.

The shapes need no inference, so validation runs on the data alone: a few thousand triples
take a fraction of a second, cheap enough to run on every graph the project writes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH, NamespaceManager
from rdflib.term import Node

from actorgraph import resources
from actorgraph.errors import InputError
from actorgraph.vocab import AG, DOC, ID, KB_GRAPH, WD

FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}
"""RDF syntaxes `load_file` reads, by file suffix."""

_QUAD_FORMATS = frozenset({"trig", "nquads", "json-ld"})


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation: whether the graph conforms and, if not, why.

    `results` holds one short line per violation ("focus path: message (value ...)"),
    sorted; `text` is the whole report as printed by the CLI; `triples` the size of the
    graph checked.
    """

    conforms: bool
    results: list[str] = field(default_factory=list)
    text: str = ""
    triples: int = 0


@functools.cache
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once per process."""
    return Graph().parse(resources.shapes_path(), format="turtle")


@functools.cache
def ontology_graph() -> Graph:
    """The ontology, parsed once per process (for callers that want term labels or checks)."""
    return Graph().parse(resources.ontology_path(), format="turtle")


def validate(data: Graph | Dataset) -> ValidationReport:
    """Validate a graph against the shapes, or a dataset graph by graph.

    In a dataset, the shared graphs (knowledge base, ontology: every graph that is not an
    article's) are validated together, and each article's graph on its own: a fact it lacks is
    never supplied by another article's graph. Only what it says of nodes the shared graphs
    describe (an actor's type) may rely on them. Results of an article's graph name it.
    """
    names = _namespaces(data)
    if not isinstance(data, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph
        conforms, results = _check(data, names)
        return _report(conforms, [line for _, line in results], len(data))
    articles, shared, graphs = _split(data)
    conforms, lines = True, []
    if len(shared) or not articles:
        conforms, results = _check(shared, names)
        lines = [line for _, line in results]
    for name, article in articles:
        found = _check_article(article, shared, names)
        conforms = conforms and not found
        lines += [f"{_short(name, names)}: {line}" for line in found]
    triples = len(shared) + sum(len(article) for _, article in articles)
    return _report(conforms, sorted(lines), triples, graphs)


Result = tuple[Node, str]
"""A validation result: its focus node and its line."""


def _check(
    data: Graph, names: NamespaceManager, focus: list[URIRef] | None = None
) -> tuple[bool, list[Result]]:
    """Run pyshacl on `data` (only on the `focus` nodes when given): conforms, results."""
    nodes: list[str | URIRef] | None = None if focus is None else list(focus)
    conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=False,
        inplace=True,  # without inference pyshacl only reads the data
        allow_warnings=False,
        focus_nodes=nodes,
    )
    if not isinstance(report, Graph):  # pyshacl returns a failure object on internal errors
        raise RuntimeError(f"SHACL validation failed to run: {report}")
    return bool(conforms), sorted(_results(report, names), key=lambda result: result[1])


def _check_article(article: Graph, shared: Graph, names: NamespaceManager) -> list[str]:
    """The violations of an article's graph on its own; where a failing node is described by
    the shared graphs, that node is checked again with the shared graphs beside the article."""
    conforms, results = _check(article, names)
    if conforms:
        return []
    relied = sorted({f for f, _ in results if isinstance(f, URIRef) and (f, None, None) in shared})
    if not relied:
        return [line for _, line in results]
    added = [triple for triple in article if triple not in shared]
    for triple in added:
        shared.add(triple)
    try:
        _, again = _check(shared, names, relied)
    finally:
        for triple in added:
            shared.remove(triple)
    kept = {line for focus, line in results if focus not in relied}
    return sorted(kept | {line for _, line in again})


def _split(data: ConjunctiveGraph) -> tuple[list[tuple[URIRef, Graph]], Graph, int]:
    """The articles' graphs (by name), the union of the other graphs of a dataset, and how
    many graphs hold triples."""
    articles: list[tuple[URIRef, Graph]] = []
    shared = Graph()
    graphs = 0
    for graph in data.graphs() if isinstance(data, Dataset) else data.contexts():
        graphs += bool(len(graph))
        name = graph.identifier
        if isinstance(name, URIRef) and name.startswith(str(DOC)) and len(graph):
            article = Graph()
            for triple in graph:
                article.add(triple)
            articles.append((name, article))
        else:
            for triple in graph:
                shared.add(triple)
    return sorted(articles, key=lambda pair: str(pair[0])), shared, graphs


def _report(conforms: bool, results: list[str], triples: int, graphs: int = 0) -> ValidationReport:
    text = _report_text(conforms, results, triples, graphs)
    return ValidationReport(conforms, results, text, triples)


def load_file(path: Path) -> Graph:
    """Parse an RDF file by its suffix; unreadable or unparseable files raise `InputError`."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{path}: unknown RDF file suffix {path.suffix!r} (expected {known})")
    if not path.is_file():
        what = "is a directory" if path.is_dir() else "no such file"
        raise InputError(f"{path}: cannot read ({what})")
    graph: Graph = Dataset() if fmt in _QUAD_FORMATS else Graph()
    try:
        graph.parse(path, format=fmt)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except Exception as exc:  # rdflib parsers raise many unrelated exception types
        raise InputError(f"{path}: not valid {fmt}: {_one_line(exc)}") from None
    return graph


def validate_file(path: Path) -> ValidationReport:
    """Load one RDF file and validate everything in it (a dataset graph by graph)."""
    return validate(load_file(path))


def validate_files(paths: Iterable[Path]) -> dict[Path, ValidationReport]:
    """Validate each file on its own; every file is parsed before any is validated."""
    graphs = [(path, load_file(path)) for path in paths]
    return {path: validate(graph) for path, graph in graphs}


_PROJECT_PREFIXES = (
    ("ag:", str(AG)),
    ("id:", str(ID)),
    ("doc:", str(DOC)),
    ("kb:", f"{KB_GRAPH}/"),
)
"""Project namespaces shortened even where the rest is not a valid local name (id:person/x)."""


def _namespaces(data: Graph) -> NamespaceManager:
    """Prefixes for short result lines: the common vocabularies and whatever the data binds."""
    manager = NamespaceManager(Graph(), bind_namespaces="rdflib")
    for prefix, namespace in data.namespace_manager.namespaces():
        if prefix:
            manager.bind(prefix, namespace, override=False, replace=False)
    manager.bind("wd", WD, override=True, replace=True)
    return manager


def _results(report: Graph, names: NamespaceManager) -> Iterable[Result]:
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        message = report.value(result, SH.resultMessage)
        text = str(message) if message is not None else _component(report, result)
        where = _short(focus, names)
        if path is not None:
            where += " " + _path(report, path, names)
        line = f"{where}: {text}"
        if value is not None and value != focus:
            line += f" (value {_short(value, names)})"
        yield (focus if focus is not None else BNode()), line


def _path(report: Graph, path: Node, names: NamespaceManager) -> str:
    """A SHACL property path in SPARQL-like notation: ag:source, ^ag:relationType, (a|b)."""
    if not isinstance(path, BNode):
        return _short(path, names)
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path(report, inverse, names)
    alternatives = report.value(path, SH.alternativePath)
    if alternatives is not None:
        members = Collection(report, alternatives)
        return "(" + "|".join(_path(report, m, names) for m in members) + ")"
    return "[]"


def _component(report: Graph, result: Node) -> str:
    component = report.value(result, SH.sourceConstraintComponent)
    return f"violates {str(component).rsplit('#', 1)[-1]}" if component else "violation"


def _short(node: Node | None, names: NamespaceManager) -> str:
    if node is None:
        return "?"
    if isinstance(node, Literal):
        text = str(node)
        text = text if len(text) <= 60 else text[:57] + "..."
        return f'"{text}"' + (f"^^{node.datatype.n3(names)}" if node.datatype else "")
    if isinstance(node, URIRef):
        for prefix, namespace in _PROJECT_PREFIXES:
            if node.startswith(namespace) and len(node) > len(namespace):
                return prefix + node[len(namespace) :]
        try:
            return node.n3(names)
        except Exception:  # an IRI no prefix can shorten
            return f"<{node}>"
    return "[]"  # a blank node or a SHACL path expression


def _report_text(conforms: bool, results: list[str], triples: int, graphs: int = 0) -> str:
    size = f"{triples} triple{'' if triples == 1 else 's'}"
    if graphs:
        size += f" in {graphs} graph{'' if graphs == 1 else 's'}"
    if conforms:
        return f"conforms ({size})"
    noun = "violation" if len(results) == 1 else "violations"
    head = f"does not conform ({size}): {len(results)} {noun}"
    return "\n".join([head, *(f"  {r}" for r in results)])


def _one_line(exc: BaseException) -> str:
    """The gist of a parser error on one line (rdflib's Turtle errors quote raw bytes: cut)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    text = text.split(" at ^ in:", 1)[0].replace(" of <>:", ":")
    return text if len(text) <= 200 else text[:197] + "..."
