"""Project the RDF store onto a networkx graph of actors linked by typed, aggregated relations.

The projection reads the store only through SPARQL `select` queries following the RDF model
(n-ary relation nodes with `ag:source`, `ag:target`, `ag:relationType` ...), so it works the
same on the embedded store and on a remote endpoint. Literals never become nodes: actors are
nodes, and every (source, target, relation type) becomes ONE edge of a `networkx.MultiDiGraph`
whose key is the relation type name, carrying the count, dates, cooperation score, factuality
counts and the evidence behind it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, TypedDict

import networkx as nx
from rdflib import Graph, Literal
from rdflib.term import Identifier

from actorgraph.errors import ActorgraphError
from actorgraph.vocab import (
    ACTOR_TYPES,
    AFFILIATION_TYPES,
    AG,
    FACTUALITY,
    ID,
    KB_GRAPH,
    PLOVER_TYPES,
    RELATION_TYPES,
    SYMMETRIC_TYPES,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

VIEWS: dict[str, tuple[str, ...]] = {
    "all": RELATION_TYPES,
    "affiliations": AFFILIATION_TYPES,
    "interactions": PLOVER_TYPES,
}
"""Named views: which relation types each keeps."""

_PREFIXES = """\
PREFIX ag: <https://w3id.org/actorgraph#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

RELATIONS_QUERY = (
    _PREFIXES
    + """\
SELECT DISTINCT ?rel ?type ?source ?target ?factuality ?date ?start ?end ?role ?mode
       ?ev ?sentence ?doc ?docdate ?title ?derived ?attributed ?path ?docsource
WHERE {
  ?rel ag:relationType ?type ;
       ag:source ?source ;
       ag:target ?target .
  OPTIONAL { ?rel ag:factuality ?factuality }
  OPTIONAL { ?rel ag:date ?date }
  OPTIONAL { ?rel ag:startDate ?start }
  OPTIONAL { ?rel ag:endDate ?end }
  OPTIONAL { ?rel ag:role ?role }
  OPTIONAL { ?rel ag:mode ?mode }
  OPTIONAL { ?rel prov:wasDerivedFrom ?derived }
  OPTIONAL { ?rel ag:attributedTo ?attributed }
  OPTIONAL {
    ?rel ag:evidence ?ev .
    OPTIONAL { ?ev ag:sentence ?sentence }
    OPTIONAL {
      ?ev ag:document ?doc .
      OPTIONAL { ?doc dcterms:date ?docdate }
      OPTIONAL { ?doc dcterms:title ?title }
      OPTIONAL { ?doc ag:path ?path }
      OPTIONAL { ?doc dcterms:source ?docsource }
    }
  }
}
"""
)
"""One row per relation node (and per evidence); relations without a target make no edge."""

ACTORS_QUERY = (
    _PREFIXES
    + """\
SELECT DISTINCT ?actor ?cls ?label ?cc ?wd
WHERE {
  VALUES ?cls { CLASSES }
  ?actor a ?cls .
  OPTIONAL { ?actor rdfs:label ?label }
  OPTIONAL { ?actor ag:countryCode ?cc }
  OPTIONAL { ?actor ag:wikidata ?wd }
}
""".replace("CLASSES", " ".join(f"ag:{name}" for name in ACTOR_TYPES))
)
"""Every actor with its class, label, country code and Wikidata id."""

ALIASES_QUERY = (
    _PREFIXES
    + """\
SELECT DISTINCT ?actor ?alias WHERE {
  { ?actor skos:altLabel ?alias }
  UNION { ?actor ag:demonym ?alias }
  UNION { ?actor ag:capital ?alias }
}
"""
)
"""The other names of actors (aliases, a country's demonyms and capital): what articles call
them, to find them in sentences."""

SCORES_QUERY = (
    _PREFIXES
    + """\
SELECT ?type ?score WHERE { ?type ag:cooperationScore ?score }
"""
)
"""The PLOVER cooperation-conflict score of each event-type concept found in the store."""


class SelectStore(Protocol):
    """What the projection needs from a store: SPARQL SELECT returning rows of RDF terms."""

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> Any: ...


@dataclass
class _Relation:
    """One relation node as read from the store, before aggregation into an edge."""

    iri: str
    type: str
    source: str
    target: str
    factuality: str = "asserted"
    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    doc_date: dt.date | None = None
    roles: set[str] = field(default_factory=set)
    modes: set[str] = field(default_factory=set)
    attributed_to: str | None = None
    from_kb: bool = False
    evidence: dict[str, dict[str, str]] = field(default_factory=dict)

    def interval(self) -> tuple[dt.date | None, dt.date | None] | None:
        """The dates the relation covers: its date, else start/end, else its document's date."""
        if self.date is not None:
            return self.date, self.date
        if self.start is not None or self.end is not None:
            return self.start, self.end
        if self.doc_date is not None:
            return self.doc_date, self.doc_date
        return None


def _local(iri: Identifier | None, namespace: str) -> str | None:
    """The local name of an IRI in `namespace`, or None for another namespace."""
    text = str(iri) if iri is not None else ""
    return text[len(namespace) :] if text.startswith(namespace) else None


def parse_date(value: object) -> dt.date | None:
    """A date from a literal or string (YYYY-MM-DD, or a datetime); None when unparseable."""
    if value is None:
        return None
    if isinstance(value, Literal):
        value = value.toPython()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _rows(store: SelectStore, query: str) -> list[dict[str, Identifier | None]]:
    """Run a SELECT and return its rows as dicts keyed by variable name."""
    result = store.select(query)
    variables = list(result.variables)
    return [dict(zip(variables, row, strict=False)) for row in result.rows]


def cooperation_scores(store: SelectStore) -> dict[str, float]:
    """PLOVER cooperation-conflict score per event type, from the store or else the ontology."""
    scores: dict[str, float] = {}
    for row in _rows(store, SCORES_QUERY):
        name = _local(row["type"], str(AG))
        if name and isinstance(row["score"], Literal):
            try:
                scores[name] = float(row["score"].toPython())
            except (TypeError, ValueError):
                continue
    if not scores:
        scores = dict(_ontology_scores())
    return scores


@lru_cache(maxsize=1)
def _ontology_scores() -> dict[str, float]:
    """Scores declared in the shipped ontology file (used when the store lacks them)."""
    from actorgraph.resources import ontology_path

    try:
        path = ontology_path()
    except FileNotFoundError:
        return {}
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception:  # a broken ontology must not stop a projection; scores stay unknown
        return {}
    scores: dict[str, float] = {}
    for subject, value in graph.subject_objects(AG.cooperationScore):
        name = _local(subject, str(AG)) if isinstance(subject, Identifier) else None
        if name and isinstance(value, Literal):
            try:
                scores[name] = float(value.toPython())
            except (TypeError, ValueError):
                continue
    return scores


def _read_relations(store: SelectStore, keep_types: frozenset[str]) -> dict[str, _Relation]:
    """Every relation node of a kept type, merged over the rows its optional values produce."""
    relations: dict[str, _Relation] = {}
    for row in _rows(store, RELATIONS_QUERY):
        type_name = _local(row["type"], str(AG))
        if type_name is None or type_name not in keep_types:
            continue
        if row["source"] is None or row["target"] is None:
            continue
        key = str(row["rel"])
        rel = relations.get(key)
        if rel is None:
            rel = relations[key] = _Relation(
                iri=key, type=type_name, source=str(row["source"]), target=str(row["target"])
            )
        fact = _local(row["factuality"], str(AG))
        if fact is not None and fact in FACTUALITY:
            rel.factuality = fact
        rel.date = rel.date or parse_date(row["date"])
        rel.start = rel.start or parse_date(row["start"])
        rel.end = rel.end or parse_date(row["end"])
        rel.doc_date = rel.doc_date or parse_date(row["docdate"])
        if row["role"] is not None:
            rel.roles.add(str(row["role"]))
        if row["mode"] is not None:
            rel.modes.add(str(row["mode"]))
        if row["attributed"] is not None:
            rel.attributed_to = str(row["attributed"])
        if row["derived"] is not None and str(row["derived"]) == str(KB_GRAPH):
            rel.from_kb = True
        if row["ev"] is not None:
            evidence = rel.evidence.setdefault(str(row["ev"]), {"evidence": str(row["ev"])})
            for name in ("sentence", "doc", "title", "path", "docsource", "docdate"):
                if row[name] is not None:
                    evidence.setdefault(name, str(row[name]))
    return relations


def _read_actors(store: SelectStore) -> dict[str, dict[str, Any]]:
    """Node attributes per actor IRI: label, type, country, wikidata."""
    found: dict[str, dict[str, Counter[str]]] = {}
    for row in _rows(store, ACTORS_QUERY):
        iri = str(row["actor"])
        slot = found.setdefault(
            iri, {"type": Counter(), "label": Counter(), "country": Counter(), "wd": Counter()}
        )
        slot["type"][_local(row["cls"], str(AG)) or "Organization"] += 1
        label = row["label"]
        if label is not None:
            lang = label.language if isinstance(label, Literal) else None
            # Plain and English labels win over labels in other languages.
            slot["label"][str(label)] += 2 if lang in (None, "en") else 1
        if row["cc"] is not None:
            slot["country"][str(row["cc"])] += 1
        if row["wd"] is not None:
            slot["wd"][str(row["wd"])] += 1
    return {iri: _actor_attributes(iri, slot) for iri, slot in found.items()}


def _read_aliases(store: SelectStore) -> dict[str, list[str]]:
    """The other names of each actor, sorted."""
    found: dict[str, set[str]] = {}
    for row in _rows(store, ALIASES_QUERY):
        if row["actor"] is not None and row["alias"] is not None:
            found.setdefault(str(row["actor"]), set()).add(str(row["alias"]))
    return {iri: sorted(names) for iri, names in found.items()}


def _best(counter: Counter[str]) -> str | None:
    """The most frequent value, ties broken alphabetically so results are stable."""
    if not counter:
        return None
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]


def _actor_attributes(iri: str, slot: Mapping[str, Counter[str]]) -> dict[str, Any]:
    """Attributes of one actor node; a Location type loses to any other type it also has."""
    types = Counter({t: n for t, n in slot["type"].items() if t != "Location"}) or slot["type"]
    return {
        "label": _best(slot["label"]) or fallback_label(iri),
        "type": _best(types) or "Organization",
        "country": _best(slot["country"]),
        "wikidata": _best(slot["wd"]),
        "aliases": [],
    }


def fallback_label(iri: str) -> str:
    """A readable label for an actor without rdfs:label: its IRI's last segment."""
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return tail.replace("-", " ").title() if tail else iri


def _in_window(rel: _Relation, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether the relation's dates overlap [start, end]; undated relations need no window."""
    if start is None and end is None:
        return True
    interval = rel.interval()
    if interval is None:
        return False
    low, high = interval
    if end is not None and low is not None and low > end:
        return False
    return not (start is not None and high is not None and high < start)


def relation_family(type_name: str) -> str:
    """ "interaction" for PLOVER event types, "affiliation" for affiliation types."""
    return "interaction" if type_name in PLOVER_TYPES else "affiliation"


def _types_for(view: str, types: Iterable[str] | None) -> frozenset[str]:
    """The relation types a view (narrowed by `types`) keeps; unknown names are user errors."""
    if view not in VIEWS:
        raise ActorgraphError(f"unknown view {view!r} (expected one of: {', '.join(VIEWS)})")
    keep = set(VIEWS[view])
    if types is not None:
        wanted = set(types)
        unknown = sorted(wanted - set(RELATION_TYPES))
        if unknown:
            raise ActorgraphError(
                f"unknown relation type {unknown[0]!r} (expected one of: "
                f"{', '.join(RELATION_TYPES)})"
            )
        keep &= wanted
    return frozenset(keep)


def _as_date(value: str | dt.date | None, what: str) -> dt.date | None:
    """A window bound from a date or a YYYY-MM-DD string."""
    if value is None or isinstance(value, dt.date):
        return value
    parsed = parse_date(value) if len(value) == 10 else None
    if parsed is None:
        raise ActorgraphError(f"{what} date {value!r} is not a date in the form YYYY-MM-DD")
    return parsed


def project(
    store: SelectStore,
    view: str = "all",
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    types: Iterable[str] | None = None,
    factuality: Iterable[str] | None = None,
    kb: str = "linked",
) -> nx.MultiDiGraph:
    """The actor network of the store: one node per actor, one edge per (source, target, type).

    `view` picks a relation family ("all", "affiliations", "interactions"), `types` narrows it to
    some relation type names, `start`/`end` keep relations whose dates overlap the window
    (relations without any date are dropped when a window is given), `factuality` keeps
    only relations with those factuality values (default: all, counted per edge), and `kb` says
    which knowledge-base relations join the articles' ones: "linked" (default: only those
    between actors the articles relate, e.g. a leader's post), "all" or "none".
    Edges of symmetric types (CONSULT, COOPERATE, AGREE, allyOf) join A-B and B-A into one edge
    whose endpoints are in IRI order and whose `directed` attribute is False.
    """
    keep_types = _types_for(view, types)
    low, high = _as_date(start, "start"), _as_date(end, "end")
    if low and high and low > high:
        raise ActorgraphError(f"start date {low} is after end date {high}")
    keep_fact = _factualities(factuality)
    if kb not in KB_MODES:
        raise ActorgraphError(f"unknown kb mode {kb!r} (expected one of: {', '.join(KB_MODES)})")
    every = list(_read_relations(store, frozenset(RELATION_TYPES)).values())
    relations = [
        rel
        for rel in every
        if rel.type in keep_types and rel.factuality in keep_fact and _in_window(rel, low, high)
    ]
    relations = _with_kb(relations, kb, every)
    actors = _read_actors(store)
    for iri, names in _read_aliases(store).items():
        if iri in actors:
            actors[iri]["aliases"] = [n for n in names if n != actors[iri]["label"]]
    scores = cooperation_scores(store)
    graph = nx.MultiDiGraph(view=view, start=low, end=high)
    for rel in sorted(relations, key=lambda r: r.iri):
        _add_relation(graph, rel, actors, scores)
    return graph


KB_MODES = ("linked", "all", "none")


def _with_kb(relations: list[_Relation], kb: str, every: list[_Relation]) -> list[_Relation]:
    """Keep all, none, or only the linking knowledge-base relations (see `project`).

    Linking relations join two actors that some article relation (of any type or date) names.
    """
    if kb == "all":
        return relations
    found = [rel for rel in relations if not rel.from_kb]
    if kb == "none":
        return found
    named = {a for rel in every if not rel.from_kb for a in (rel.source, rel.target)}
    return found + [r for r in relations if r.from_kb and r.source in named and r.target in named]


def _factualities(factuality: Iterable[str] | None) -> frozenset[str]:
    """The factuality values to keep; unknown values are user errors."""
    if factuality is None:
        return frozenset(FACTUALITY)
    wanted = frozenset(factuality)
    unknown = sorted(wanted - set(FACTUALITY))
    if unknown:
        raise ActorgraphError(
            f"unknown factuality {unknown[0]!r} (expected one of: {', '.join(FACTUALITY)})"
        )
    return wanted


def _ensure_node(graph: nx.MultiDiGraph, iri: str, actors: Mapping[str, dict[str, Any]]) -> None:
    """Add an actor node with its attributes (a minimal one if the store has no actor triples)."""
    if iri not in graph:
        attrs = actors.get(iri) or {
            "label": fallback_label(iri),
            "type": "Organization",
            "country": None,
            "wikidata": None,
            "aliases": [],
        }
        graph.add_node(iri, **attrs)


def _add_relation(
    graph: nx.MultiDiGraph,
    rel: _Relation,
    actors: Mapping[str, dict[str, Any]],
    scores: Mapping[str, float],
) -> None:
    """Fold one relation into the edge for its (source, target, type)."""
    source, target = rel.source, rel.target
    symmetric = rel.type in SYMMETRIC_TYPES
    if symmetric and target < source:
        source, target = target, source
    _ensure_node(graph, source, actors)
    _ensure_node(graph, target, actors)
    if not graph.has_edge(source, target, key=rel.type):
        score = scores.get(rel.type)
        graph.add_edge(
            source,
            target,
            key=rel.type,
            type=rel.type,
            family=relation_family(rel.type),
            directed=not symmetric,
            count=0,
            score=score,
            score_total=0.0 if score is not None else None,
            first_date=None,
            last_date=None,
            ongoing=False,
            factuality={},
            relations=[],
            evidence=[],
            roles=[],
            modes=[],
            kb=False,
            kb_relations=0,
        )
    edge = graph.edges[source, target, rel.type]
    edge["count"] += 1
    if edge["score"] is not None:
        edge["score_total"] += edge["score"]
    edge["factuality"][rel.factuality] = edge["factuality"].get(rel.factuality, 0) + 1
    edge["relations"].append(rel.iri)
    edge["roles"] = sorted(set(edge["roles"]) | rel.roles)
    edge["modes"] = sorted(set(edge["modes"]) | rel.modes)
    edge["kb"] = edge["kb"] or rel.from_kb
    edge["kb_relations"] += int(rel.from_kb)
    _widen_dates(edge, rel)
    when = rel.date or rel.doc_date or rel.start
    said_by = actors.get(rel.attributed_to or "", {}).get("label") or (
        fallback_label(rel.attributed_to) if rel.attributed_to else ""
    )
    for ev in sorted(rel.evidence.values(), key=lambda e: e["evidence"]):
        doc_date = parse_date(ev.get("docdate"))
        edge["evidence"].append(
            {
                "relation": rel.iri,
                "evidence": ev["evidence"],
                "sentence": ev.get("sentence", ""),
                "document": ev.get("doc", ""),
                "title": ev.get("title", ""),
                "date": when.isoformat() if when else "",
                "factuality": rel.factuality,
                # The relation as stated (a symmetric edge may run the other way), how, who
                # said so, and where the article is: what an evidence panel lists.
                "type": rel.type,
                "source": rel.source,
                "target": rel.target,
                "mode": ", ".join(sorted(rel.modes)),
                "attributed_to": said_by,
                "path": ev.get("path", ""),
                "url": _web_address(ev.get("docsource", "")),
                "document_date": doc_date.isoformat() if doc_date else "",
            }
        )


def _web_address(text: str) -> str:
    """The document's source when it is a web address, else empty."""
    return text if text.startswith(("https://", "http://")) else ""


def _widen_dates(edge: dict[str, Any], rel: _Relation) -> None:
    """Stretch the edge's first/last date to cover the relation's dates."""
    interval = rel.interval()
    if interval is None:
        return
    dates = [d for d in interval if d is not None]
    if not dates:
        return
    if rel.date is None and rel.start is not None and rel.end is None:
        edge["ongoing"] = True  # a post or membership with no known end
    first, last = min(dates), max(dates)
    if edge["first_date"] is None or first < edge["first_date"]:
        edge["first_date"] = first
    if edge["last_date"] is None or last > edge["last_date"]:
        edge["last_date"] = last


def find_actor(graph: nx.Graph, actor: str) -> str:
    """The node for an actor given as IRI, key (person/vladimir-putin) or label (any case)."""
    if actor in graph:
        return actor
    if re.fullmatch(r"[a-z]+/[A-Za-z0-9-]+", actor) and str(ID[actor]) in graph:
        return str(ID[actor])  # a key such as person/vladimir-putin; a name is no IRI
    wanted = actor.casefold().strip()
    matches = sorted(n for n, label in graph.nodes(data="label") if str(label).casefold() == wanted)
    if not matches:
        matches = sorted(
            n
            for n, label in graph.nodes(data="label")
            if wanted and wanted in str(label).casefold()
        )
    if not matches:
        raise ActorgraphError(f"no actor named {actor!r} in the graph")
    if len(matches) > 1:
        raise ActorgraphError(
            f"actor name {actor!r} is ambiguous: {', '.join(matches[:5])}"
            + (" ..." if len(matches) > 5 else "")
        )
    return matches[0]


class ProjectOptions(TypedDict, total=False):
    """The keyword options of `project`, passed on by `ego` and `graph_for`."""

    view: str
    start: str | dt.date | None
    end: str | dt.date | None
    types: Iterable[str] | None
    factuality: Iterable[str] | None
    kb: str


def ego(
    store: SelectStore, actor: str, radius: int = 1, **options: Unpack[ProjectOptions]
) -> nx.MultiDiGraph:
    """The actors within `radius` hops of `actor` (edges followed in either direction) in the
    projection that `options` choose (see `project`)."""
    if radius < 0:
        raise ActorgraphError(f"ego radius must be 0 or more, not {radius}")
    return ego_of(project(store, **options), actor, radius)


def ego_of(graph: nx.MultiDiGraph, actor: str, radius: int = 1) -> nx.MultiDiGraph:
    """The ego network of `actor` in an already projected graph."""
    node = find_actor(graph, actor)
    sub = nx.ego_graph(graph, node, radius=radius, undirected=True)
    sub.graph.update(graph.graph, ego=node, radius=radius)
    return sub


def edge_summary(graph: nx.MultiDiGraph) -> Sequence[tuple[str, str, str, int]]:
    """(source label, type, target label, count) of every edge, sorted: a quick look."""
    labels = dict(graph.nodes(data="label"))
    return sorted(
        (labels[u], key, labels[v], data["count"])
        for u, v, key, data in graph.edges(keys=True, data=True)
    )


__all__ = [
    "VIEWS",
    "cooperation_scores",
    "ego",
    "ego_of",
    "find_actor",
    "graph_for",
    "project",
    "relation_family",
]


def graph_for(
    store: SelectStore,
    actor: str | None = None,
    radius: int = 1,
    **options: Unpack[ProjectOptions],
) -> nx.MultiDiGraph:
    """The projection a command asks for: a view and window, narrowed to an ego net if given."""
    if actor:
        return ego(store, actor, radius, **options)
    return project(store, **options)
