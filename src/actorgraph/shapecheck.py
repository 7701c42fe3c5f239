"""The SHACL shapes compiled to SPARQL and run by Oxigraph: the fast check of every graph a
build writes.

`actorgraph validate` keeps pyshacl, the reference SHACL engine. A build checks each document
graph too, and pyshacl costs a large share of a build; so the shapes are compiled once per
process into one SPARQL query (the SPARQL definitions of the SHACL Core constraint components)
that Oxigraph runs on each graph in a fraction of the time. The compiler knows the components
`ontology/shapes.ttl` uses; shapes with any other component make `compile_shapes` raise
`Unsupported`, and the build then checks with pyshacl, so the guarantee never weakens. The tests
check that this and pyshacl find the same violations on a set of broken graphs.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import BNode, Node

from actorgraph.store import to_ox

log = logging.getLogger(__name__)
_FOCUS = "urn:x-actorgraph:focus:"
_GRAPHS = "VALUES ?g { <urn:x-actorgraph:focus:graphs> }"  # the checked graphs, at run time
_COUNTED = "#counted\n"  # marks a check whose query names the graphs itself
_TYPE_PATH = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
_PLAIN_TYPE = f"<{RDF.type}>"
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))


class Unsupported(Exception):
    """The shapes use a SHACL feature the compiler does not know."""


@dataclass(frozen=True)
class Violation:
    """One violation: the focus node, the constraint component, the value and the message."""

    focus: str
    component: str  # local name, e.g. "MaxCountConstraintComponent"
    value: str | None
    message: str
    path: str | None = None

    def line(self) -> str:
        where = self.focus + (f" {self.path}" if self.path else "")
        value = f" (value {self.value})" if self.value is not None else ""
        return f"{where}: {self.message}{value}"


@dataclass(frozen=True)
class _Check:
    component: str
    message: str
    path: str | None
    query: str  # a group pattern binding ?this (and ?value when there is one)


_NON_VALIDATING = {
    RDF.type, RDFS.label, RDFS.comment, SH.name, SH.description, SH.order, SH.group,
    SH.message, SH.property, SH.path, SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
    SH.targetObjectsOf, SH.deactivated, SH.qualifiedMinCount, SH.qualifiedMaxCount,
}  # fmt: skip
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI(?value)",
    SH.Literal: "isLiteral(?value)",
    SH.BlankNode: "isBlank(?value)",
    SH.BlankNodeOrIRI: "!isLiteral(?value)",
    SH.IRIOrLiteral: "!isBlank(?value)",
    SH.BlankNodeOrLiteral: "!isIRI(?value)",
}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_CASTS = {f"{_XSD}{name}" for name in ("integer", "decimal", "double", "float", "boolean",
                                        "date", "dateTime")}  # fmt: skip
_COMPARISONS: dict[Node, str] = {
    SH.minInclusive: ">=",
    SH.maxInclusive: "<=",
    SH.minExclusive: ">",
    SH.maxExclusive: "<",
}
_PAIRS: dict[Node, str] = {SH.lessThanOrEquals: "<=", SH.lessThan: "<"}


def _nt(node: Node) -> str:
    return str(to_ox(node))  # type: ignore[arg-type]


def _short(component: URIRef) -> str:
    return str(component).rsplit("#", 1)[-1]


class CompiledShapes:
    """Shapes compiled to SPARQL; `violations(graph)` runs them on a graph.

    A class (of a target or of `sh:class`) is matched through `rdf:type/rdfs:subClassOf*` in
    the checked graph, as SHACL says; a graph that states no `rdfs:subClassOf` (every graph an
    extraction makes) has no class closure beyond the type itself, so batches without such a
    triple run the same checks with plain `rdf:type`, which Oxigraph evaluates faster.
    The graphs a target node is a focus node of are the checked graphs, named in the query.
    """

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self.checks: list[_Check] = []
        self.marks: list[str] = []  # updates marking each shape's focus nodes
        for shape in sorted(set(self._node_shapes()), key=str):
            if shapes.value(shape, SH.deactivated) == Literal(True):
                continue
            self._compile_shape(shape)
        self.queries = [
            f"SELECT ?g ?this ?value WHERE {{ {c.query.removeprefix(_COUNTED)} }}"
            if c.query.startswith(_COUNTED)
            else f"SELECT ?g ?this ?value WHERE {{ GRAPH ?g {{ {c.query} }} }}"
            for c in self.checks
        ]
        self.update = " ;\n".join(self.marks)
        self.plain_queries = [query.replace(_TYPE_PATH, _PLAIN_TYPE) for query in self.queries]
        self.plain_update = self.update.replace(_TYPE_PATH, _PLAIN_TYPE)

    # -- compiling ------------------------------------------------------------------------------

    def _node_shapes(self) -> Iterable[Node]:
        yield from self.shapes.subjects(RDF.type, SH.NodeShape)
        for target in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
            for shape in self.shapes.subjects(target, None):
                if (shape, SH.path, None) not in self.shapes:
                    yield shape

    def _focus(self, shape: Node) -> str:
        """A pattern binding ?g to each graph and ?this to each focus node of `shape` in it."""
        g = self.shapes
        if (shape, RDF.type, RDFS.Class) in g:
            raise Unsupported(f"implicit class target of {shape}")
        kinds = (  # a target node is a focus node of every graph, whatever the graph holds
            (SH.targetClass, "GRAPH ?g { VALUES ?c { %s } ?this " + _TYPE_PATH + " ?c . }"),
            (SH.targetNode, _GRAPHS + " VALUES ?this { %s }"),
            (SH.targetSubjectsOf, "GRAPH ?g { VALUES ?p { %s } ?this ?p [] . }"),
            (SH.targetObjectsOf, "GRAPH ?g { VALUES ?p { %s } [] ?p ?this . }"),
        )
        patterns = []
        for target, template in kinds:
            terms = sorted(_nt(t) for t in g.objects(shape, target))
            if terms:
                patterns.append(template.replace("%s", " ".join(terms)))
        if not patterns:
            return ""
        return " UNION ".join(f"{{ {p} }}" for p in patterns)

    def _compile_shape(self, shape: Node) -> None:
        targets = self._focus(shape)
        if not targets:
            return
        mark = f"<{_FOCUS}{len(self.marks)}> <{_FOCUS}node>"  # focus nodes may be literals
        self.marks.append(f"INSERT {{ GRAPH ?g {{ {mark} ?this }} }} WHERE {{ {targets} }}")
        focus = f"{mark} ?this ."
        message = self._message(shape)
        self._compile_constraints(shape, focus, None, message, node_level=True)
        for prop in sorted(self.shapes.objects(shape, SH.property), key=str):
            path = self.shapes.value(prop, SH.path)
            if path is None:
                raise Unsupported(f"property shape without sh:path in {shape}")
            if self.shapes.value(prop, SH.deactivated) == Literal(True):
                continue
            self._compile_constraints(prop, focus, path, self._message(prop), node_level=False)

    def _message(self, shape: Node) -> str:
        value = self.shapes.value(shape, SH.message)
        return str(value) if value is not None else ""

    def _path(self, path: Node) -> str:
        """A SHACL path as a SPARQL property path."""
        g = self.shapes
        if isinstance(path, URIRef):
            return _nt(path)
        inverse = g.value(path, SH.inversePath)
        if inverse is not None:
            return f"^({self._path(inverse)})"
        alternatives = g.value(path, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self._path(p) for p in Collection(g, alternatives)) + ")"
        if isinstance(path, BNode) and g.value(path, RDF.first) is not None:
            return "(" + "/".join(self._path(p) for p in Collection(g, path)) + ")"
        raise Unsupported(f"SHACL path {path}")

    def _compile_constraints(
        self, shape: Node, focus: str, path: Node | None, message: str, node_level: bool
    ) -> None:
        g = self.shapes
        sparql_path = self._path(path) if path is not None else None
        label = None if path is None else self._label(path)
        values = f"?this {sparql_path} ?value ." if sparql_path else "BIND(?this AS ?value)"
        for predicate, obj in sorted(g.predicate_objects(shape), key=lambda po: str(po[0])):
            if predicate in _NON_VALIDATING or not str(predicate).startswith(str(SH)):
                continue
            component = self._component(predicate)
            condition = self._value_condition(predicate, obj)
            if condition is not None:
                query = f"{focus} {values} FILTER(!({condition}))"
            elif predicate in (SH.minCount, SH.maxCount):
                if node_level or sparql_path is None:
                    raise Unsupported(f"{predicate} on a node shape")
                query = self._count(focus, sparql_path, predicate, int(str(obj)), "true")
            elif predicate == SH.hasValue:
                query = (
                    f"{focus} FILTER NOT EXISTS {{ ?this {sparql_path} ?v "
                    f"FILTER(sameTerm(?v, {_nt(obj)})) }}"
                    if sparql_path
                    else f"{focus} FILTER(!sameTerm(?this, {_nt(obj)}))"
                )
            elif predicate in _PAIRS:
                query = (
                    f"{focus} {values} ?this {_nt(obj)} ?other "
                    f"FILTER(!COALESCE(?value {_PAIRS[predicate]} ?other, false))"
                )
            elif predicate == SH.qualifiedValueShape:
                self._qualified(shape, focus, sparql_path, obj, message, label)
                continue
            else:
                raise Unsupported(f"SHACL constraint {predicate}")
            self.checks.append(_Check(component, message, label, query))

    def _component(self, predicate: Node) -> str:
        name = str(predicate).rsplit("#", 1)[-1]
        return name[0].upper() + name[1:] + "ConstraintComponent"

    def _label(self, path: Node) -> str:
        return self._path(path)

    def _value_condition(self, predicate: Node, obj: Node) -> str | None:
        """The condition a value must meet, for the components that judge values one by one."""
        if predicate == SH.nodeKind:
            if obj not in _NODE_KINDS:
                raise Unsupported(f"node kind {obj}")
            return _NODE_KINDS[obj]
        if predicate == SH.datatype:
            condition = f"isLiteral(?value) && sameTerm(datatype(?value), {_nt(obj)})"
            if str(obj) in _CASTS:
                condition += f" && COALESCE(isLiteral({_nt(obj)}(STR(?value))), false)"
            return condition
        if predicate == SH["class"]:
            return f"EXISTS {{ ?value <{RDF.type}>/<{RDFS.subClassOf}>* {_nt(obj)} }}"
        if predicate == SH["in"]:
            members = list(Collection(self.shapes, obj))
            if not members:
                return "false"
            return " || ".join(f"sameTerm(?value, {_nt(m)})" for m in members)
        if predicate == SH.pattern:
            flags = self.shapes.value(self._owner(predicate, obj), SH.flags)
            extra = f", {_nt(Literal(str(flags)))}" if flags is not None else ""
            return f"!isBlank(?value) && REGEX(STR(?value), {_nt(Literal(str(obj)))}{extra})"
        if predicate == SH.flags:
            return "true"  # read with sh:pattern
        if predicate in (SH.minLength, SH.maxLength):
            op = ">=" if predicate == SH.minLength else "<="
            return f"!isBlank(?value) && STRLEN(STR(?value)) {op} {int(str(obj))}"
        if predicate in _COMPARISONS:
            return f"COALESCE(?value {_COMPARISONS[predicate]} {_nt(obj)}, false)"
        return None

    def _owner(self, predicate: Node, obj: Node) -> Node:
        return next(iter(self.shapes.subjects(predicate, obj)))

    def _qualified(
        self,
        shape: Node,
        focus: str,
        sparql_path: str | None,
        inner: Node,
        message: str,
        label: str | None,
    ) -> None:
        g = self.shapes
        if sparql_path is None:
            raise Unsupported("sh:qualifiedValueShape on a node shape")
        if g.value(shape, SH.qualifiedValueShapesDisjoint) == Literal(True):
            raise Unsupported("sh:qualifiedValueShapesDisjoint")
        conditions = []
        for predicate, obj in g.predicate_objects(inner):
            if predicate in _NON_VALIDATING:
                continue
            condition = self._value_condition(predicate, obj)
            if condition is None:
                raise Unsupported(f"{predicate} inside sh:qualifiedValueShape")
            conditions.append(f"({condition})")
        conforms = " && ".join(conditions) or "true"
        for predicate in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
            bound = g.value(shape, predicate)
            if bound is not None:
                component = self._component(predicate).replace("ConstraintComponent", "")
                query = self._count(focus, sparql_path, predicate, int(str(bound)), conforms)
                self.checks.append(_Check(component + "ConstraintComponent", message, label, query))

    @staticmethod
    def _count(focus: str, path: str, predicate: Node, bound: int, conforms: str) -> str:
        """Focus nodes with fewer (min) or more (max) values meeting `conforms` than `bound`."""
        at_least = predicate in (SH.minCount, SH.qualifiedMinCount)
        values = f"?this {path} ?value . FILTER({conforms})"
        inner = f"OPTIONAL {{ {values} }}" if at_least else values
        op = "<" if at_least else ">"
        return (  # ?g inside the subquery: a subquery within GRAPH ?g would not see it
            f"{_COUNTED}{{ SELECT ?g ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ GRAPH ?g {{ "
            f"{focus} {inner} }} }} GROUP BY ?g ?this }} FILTER(?n {op} {bound})"
        )

    # -- running -------------------------------------------------------------------------------

    def violations(self, graph: Graph) -> list[Violation]:
        """Every violation of the shapes in `graph`, sorted."""
        return self.violations_many([graph])[0]

    def violations_many(self, graphs: list[Graph]) -> list[list[Violation]]:
        """The violations of each graph, each checked on its own but all in one run of the
        queries (what makes checking a batch cheaper than checking its graphs one by one)."""
        convert = _Terms()
        return self.violations_of_triples(
            [[(convert(s), convert(p), convert(o)) for s, p, o in graph] for graph in graphs]
        )

    def violations_of_triples(
        self, graphs: list[list[tuple[Any, Any, Any]]]
    ) -> list[list[Violation]]:
        """`violations_many` for graphs given as lists of pyoxigraph triples (as
        `rdf.document_triples` makes them)."""
        store = ox.Store()
        names = [ox.NamedNode(f"{_FOCUS}graph/{n}") for n in range(len(graphs))]
        for name, triples in zip(names, graphs, strict=True):
            store.extend(ox.Quad(s, p, o, name) for s, p, o in triples)
        closure = next(iter(store.quads_for_pattern(None, _SUBCLASS, None)), None) is not None
        update, queries = (
            (self.update, self.queries) if closure else (self.plain_update, self.plain_queries)
        )
        present = " ".join(str(names[n]) for n, triples in enumerate(graphs) if triples)
        store.update(update.replace(_GRAPHS, f"VALUES ?g {{ {present} }}"))
        found: list[set[Violation]] = [set() for _ in graphs]
        number = {name.value: n for n, name in enumerate(names)}
        for check, query in zip(self.checks, queries, strict=True):
            for solution in cast(ox.QuerySolutions, store.query(query)):
                graph, this, value = solution["g"], solution["this"], solution["value"]
                found[number[_text(graph)]].add(
                    Violation(
                        focus=_text(this),
                        component=check.component,
                        value=None if value is None else _text(value),
                        message=check.message,
                        path=check.path,
                    )
                )
        return [
            sorted(each, key=lambda v: (v.focus, v.component, v.value or "", v.message))
            for each in found
        ]


class _Terms:
    """rdflib terms as pyoxigraph terms, each distinct term converted once."""

    def __init__(self) -> None:
        self.seen: dict[Node, Any] = {}

    def __call__(self, term: Node) -> Any:
        converted = self.seen.get(term)
        if converted is None:
            converted = self.seen[term] = to_ox(term)  # type: ignore[arg-type]
        return converted


def _text(term: object) -> str:
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return term.value
    return str(term)


@functools.cache
def compiled() -> CompiledShapes:
    """The project's shapes, compiled once per process (`Unsupported` if they cannot be)."""
    from actorgraph.validate import shapes_graph

    return CompiledShapes(shapes_graph())


@functools.cache
def checker() -> CompiledShapes | None:
    """The compiled shapes, or None (with a warning) when they use what the compiler does not
    know, so that callers check with pyshacl instead."""
    try:
        return compiled()
    except Unsupported as exc:
        log.warning("SHACL shapes checked with pyshacl: cannot compile %s", exc)
        return None
