"""Numbers behind the picture: centrality, communities, cooperative and conflictual pairs, exports.

Works on the `networkx.MultiDiGraph` made by `actorgraph.network.project` (actors as nodes, one
edge per source, target and relation type with a `count` and a cooperation `score`). Centrality
and communities are computed on the undirected simple graph whose edge weight is the number of
relations between two actors: who acts on whom matters for reading an edge, not for how central
an actor is.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.errors import ActorgraphError
from actorgraph.fileio import atomic_write_bytes
from actorgraph.vocab import FACTUALITY

SEED = 42
"""Seed for Louvain and sampled betweenness, so the same graph always gives the same numbers."""

EXACT_BETWEENNESS_MAX_NODES = 500
"""Up to this many actors betweenness is exact; above, it is estimated from sampled sources."""

BETWEENNESS_SAMPLES = 200
"""Number of source actors sampled for betweenness on graphs above the exact threshold."""


@dataclass
class ActorMetrics:
    """Centrality of one actor."""

    id: str
    label: str
    type: str
    degree: int  # distinct neighbours
    relations: int  # relations (edge counts) it takes part in
    degree_centrality: float
    pagerank: float
    betweenness: float
    community: int


@dataclass
class PairScore:
    """Cooperation-conflict balance between two actors over their scored interactions."""

    source: str
    target: str
    source_label: str
    target_label: str
    events: int
    score_total: float
    score_mean: float
    types: list[str] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything `actorgraph stats` reports about one projected graph."""

    nodes: int
    edges: int
    relations: int
    density: float
    components: int
    betweenness_exact: bool
    actors: list[ActorMetrics]  # sorted by PageRank, highest first
    communities: list[list[str]]  # largest first
    cooperative: list[PairScore]  # highest total score first
    conflictual: list[PairScore]  # lowest total score first
    kb_relations: int = 0  # of `relations`, those from the knowledge base (posts, memberships)

    def top(self, metric: str, n: int = 10) -> list[ActorMetrics]:
        """The `n` actors highest on `metric` ("pagerank", "betweenness", "degree" ...)."""
        return sorted(self.actors, key=lambda a: (-getattr(a, metric), a.label, a.id))[:n]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def undirected_weighted(graph: nx.Graph) -> nx.Graph:
    """One undirected edge per actor pair, weighted by the number of relations between them."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v, count in graph.edges(data="count", default=1):
        if u == v:
            continue
        weight = simple.edges[u, v]["weight"] if simple.has_edge(u, v) else 0
        simple.add_edge(u, v, weight=weight + (count or 1))
    return simple


def pagerank(graph: nx.Graph) -> dict[str, float]:
    """PageRank on the undirected weighted graph (sums to 1; empty graph gives {})."""
    if graph.number_of_nodes() == 0:
        return {}
    return nx.pagerank(undirected_weighted(graph), weight="weight")


def betweenness(graph: nx.Graph) -> tuple[dict[str, float], bool]:
    """Normalised betweenness, and whether it is exact (small graphs) or sampled (large)."""
    simple = undirected_weighted(graph)
    n = simple.number_of_nodes()
    if n <= EXACT_BETWEENNESS_MAX_NODES:
        return nx.betweenness_centrality(simple, normalized=True), True
    k = min(BETWEENNESS_SAMPLES, n)
    return nx.betweenness_centrality(simple, k=k, normalized=True, seed=SEED), False


def communities(graph: nx.Graph) -> list[list[str]]:
    """Louvain communities (fixed seed), largest first, members sorted."""
    simple = undirected_weighted(graph)
    if simple.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(simple, weight="weight", seed=SEED)
    groups = [sorted(group) for group in found]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def actor_pairs(graph: nx.Graph) -> list[PairScore]:
    """Every actor pair with scored interactions: events, total and mean cooperation score."""
    totals: dict[tuple[str, str], PairScore] = {}
    for u, v, data in graph.edges(data=True):
        if data.get("score") is None or data.get("family") != "interaction" or u == v:
            continue
        a, b = sorted((u, v))
        pair = totals.get((a, b))
        if pair is None:
            pair = totals[(a, b)] = PairScore(
                a, b, graph.nodes[a].get("label", a), graph.nodes[b].get("label", b), 0, 0.0, 0.0
            )
        count = int(data.get("count", 1))
        pair.events += count
        pair.score_total += float(data["score"]) * count
        if data.get("type") not in pair.types:
            pair.types.append(str(data.get("type")))
    for pair in totals.values():
        pair.score_mean = pair.score_total / pair.events
        pair.types.sort()
    return sorted(totals.values(), key=lambda p: (p.source_label, p.target_label))


def most_cooperative(graph: nx.Graph, n: int = 10) -> list[PairScore]:
    """Pairs with a positive total score, most cooperative first."""
    pairs = [p for p in actor_pairs(graph) if p.score_total > 0]
    return sorted(pairs, key=lambda p: (-p.score_total, -p.score_mean))[:n]


def most_conflictual(graph: nx.Graph, n: int = 10) -> list[PairScore]:
    """Pairs with a negative total score, most conflictual first."""
    pairs = [p for p in actor_pairs(graph) if p.score_total < 0]
    return sorted(pairs, key=lambda p: (p.score_total, p.score_mean))[:n]


def analyse(graph: nx.Graph, top: int = 10) -> Analysis:
    """Centrality of every actor, communities, and the `top` most cooperative/conflictual pairs."""
    simple = undirected_weighted(graph)
    ranks = pagerank(graph)
    between, exact = betweenness(graph)
    groups = communities(graph)
    member = {node: index for index, group in enumerate(groups) for node in group}
    degree_c = nx.degree_centrality(simple) if simple.number_of_nodes() > 1 else {}
    strength = dict(simple.degree(weight="weight"))
    actors = [
        ActorMetrics(
            id=node,
            label=str(data.get("label", node)),
            type=str(data.get("type", "")),
            degree=simple.degree(node),
            relations=int(strength.get(node, 0)),
            degree_centrality=degree_c.get(node, 0.0),
            pagerank=ranks.get(node, 0.0),
            betweenness=between.get(node, 0.0),
            community=member.get(node, -1),
        )
        for node, data in graph.nodes(data=True)
    ]
    actors.sort(key=lambda a: (-a.pagerank, a.label, a.id))
    return Analysis(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        relations=sum(int(c or 0) for _, _, c in graph.edges(data="count", default=1)),
        density=nx.density(simple) if simple.number_of_nodes() > 1 else 0.0,
        components=nx.number_connected_components(simple) if len(simple) else 0,
        betweenness_exact=exact,
        actors=actors,
        communities=groups,
        cooperative=most_cooperative(graph, top),
        conflictual=most_conflictual(graph, top),
        kb_relations=sum(int(c or 0) for _, _, c in graph.edges(data="kb_relations", default=0)),
    )


# --- exports ---------------------------------------------------------------------------

EXPORT_FORMATS = ("graphml", "gexf", "json")


def _iso(value: Any) -> Any:
    """Dates as ISO strings; other values unchanged."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _flat_node(data: Mapping[str, Any], metrics: ActorMetrics | None) -> dict[str, Any]:
    """Node attributes as strings and numbers only (GraphML and GEXF accept no None or lists)."""
    flat = {k: _iso(v) for k, v in data.items() if v is not None and _scalar(v)}
    if metrics is not None:
        flat.update(
            pagerank=metrics.pagerank,
            betweenness=metrics.betweenness,
            degree=metrics.degree,
            community=metrics.community,
        )
    return flat


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | dt.date)


def _flat_edge(data: Mapping[str, Any]) -> dict[str, Any]:
    """Edge attributes flattened: dates to ISO, lists joined, factuality counts split out."""
    flat: dict[str, Any] = {}
    for name, value in data.items():
        if value is None:
            continue
        if name == "factuality" and isinstance(value, Mapping):
            for fact in FACTUALITY:
                flat[f"factuality_{fact}"] = int(value.get(fact, 0))
        elif name == "evidence" and isinstance(value, list):
            flat["evidence"] = json.dumps(value, ensure_ascii=False)
            flat["sentences"] = "\n".join(e.get("sentence", "") for e in value)
            flat["documents"] = "; ".join(sorted({e.get("document", "") for e in value} - {""}))
        elif isinstance(value, list | tuple | set):
            flat[name] = "; ".join(str(v) for v in value)
        elif name in ("score", "score_total"):
            flat[name] = float(value)
        elif _scalar(value):
            flat[name] = _iso(value)
        else:
            flat[name] = json.dumps(value, ensure_ascii=False, default=str)
    return flat


def exportable(graph: nx.Graph, analysis: Analysis | None = None) -> nx.MultiDiGraph:
    """A copy of the graph whose attributes GraphML and GEXF can store, with metrics if given."""
    metrics = {a.id: a for a in analysis.actors} if analysis else {}
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **_flat_node(data, metrics.get(node)))
    if graph.is_multigraph():
        for u, v, key, data in graph.edges(keys=True, data=True):
            flat.add_edge(u, v, key=str(key), **_flat_edge(data))
    else:
        for u, v, data in graph.edges(data=True):
            flat.add_edge(u, v, **_flat_edge(data))
    return flat


def _jsonable(value: Any) -> Any:
    """Dates to ISO strings and sets to sorted lists, recursively."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def node_link(graph: nx.Graph, analysis: Analysis | None = None) -> dict[str, Any]:
    """Node-link JSON data: evidence kept as lists of objects, dates as ISO strings."""
    copy = graph.copy()
    copy.graph = {k: _jsonable(v) for k, v in graph.graph.items()}
    if analysis:
        for actor in analysis.actors:
            if actor.id in copy:
                copy.nodes[actor.id].update(
                    pagerank=actor.pagerank,
                    betweenness=actor.betweenness,
                    degree=actor.degree,
                    community=actor.community,
                )
    data = nx.node_link_data(copy, edges="links")
    return _jsonable(data)


def export(
    graph: nx.Graph, path: Path, fmt: str | None = None, analysis: Analysis | None = None
) -> Path:
    """Write the graph as GraphML, GEXF or node-link JSON (by `fmt` or the file suffix)."""
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in EXPORT_FORMATS:
        raise ActorgraphError(
            f"cannot export to {path.name!r}: format {fmt!r} is not one of "
            f"{', '.join(EXPORT_FORMATS)}"
        )
    if fmt == "json":
        text = json.dumps(node_link(graph, analysis), ensure_ascii=False, indent=1)
        return write_output(path, (text + "\n").encode("utf-8"))
    buffer = io.BytesIO()
    flat = exportable(graph, analysis)
    if fmt == "graphml":
        nx.write_graphml(flat, buffer, encoding="utf-8")
    else:
        nx.write_gexf(flat, buffer, encoding="utf-8")
    return write_output(path, buffer.getvalue())


def write_output(path: Path, data: bytes) -> Path:
    """Write an output file atomically; a path that cannot be written is a user error."""
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise ActorgraphError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def export_all(
    graph: nx.Graph, paths: Iterable[tuple[str, Path]], analysis: Analysis | None = None
) -> list[Path]:
    """Write each (format, path) pair; returns the paths written."""
    return [export(graph, path, fmt, analysis) for fmt, path in paths]


# --- console summary -----------------------------------------------------------------------


def summary_tables(result: Analysis, top: int = 10) -> list[Any]:
    """Rich tables for `actorgraph stats`: overview, central actors, communities, pairs."""
    from rich.table import Table

    from actorgraph.queries import escape_markup as shown  # labels come from article text

    overview = Table(title="Network", show_header=False)
    overview.add_column("measure")
    overview.add_column("value", justify="right")
    for name, value in (
        ("actors (in relations between two actors)", f"{result.nodes:,}"),
        ("relations from the articles", f"{result.relations - result.kb_relations:,}"),
        ("relations from the knowledge base", f"{result.kb_relations:,}"),
        ("links (source, target, type)", f"{result.edges:,}"),
        ("density", f"{result.density:.4f}"),
        ("connected components", f"{result.components:,}"),
        ("communities (Louvain)", f"{len(result.communities):,}"),
        ("betweenness", "exact" if result.betweenness_exact else "sampled"),
    ):
        overview.add_row(name, value)
    central = Table(title=f"Most central actors (top {top} by PageRank)")
    for column in ("actor", "type", "degree", "relations", "PageRank", "betweenness", "community"):
        central.add_column(column, justify="left" if column in ("actor", "type") else "right")
    for actor in result.actors[:top]:
        central.add_row(
            shown(actor.label),
            actor.type,
            str(actor.degree),
            str(actor.relations),
            f"{actor.pagerank:.4f}",
            f"{actor.betweenness:.4f}",
            str(actor.community),
        )
    labels = {a.id: a.label for a in result.actors}
    groups = Table(title="Largest communities")
    groups.add_column("#", justify="right")
    groups.add_column("size", justify="right")
    groups.add_column("members")
    for index, group in enumerate(result.communities[:top]):
        names = sorted(labels.get(m, m) for m in group)
        members = ", ".join(names[:8]) + (f", ... (+{len(names) - 8})" if len(names) > 8 else "")
        groups.add_row(str(index), str(len(group)), shown(members))
    tables = [overview, central, groups]
    for title, pairs in (
        ("Most cooperative pairs", result.cooperative),
        ("Most conflictual pairs", result.conflictual),
    ):
        table = Table(title=title)
        for column in ("actor", "actor", "events", "score total", "score mean", "types"):
            table.add_column(column, justify="right" if column.startswith(("ev", "sc")) else "left")
        for pair in pairs[:top]:
            table.add_row(
                shown(pair.source_label),
                shown(pair.target_label),
                str(pair.events),
                f"{pair.score_total:+.1f}",
                f"{pair.score_mean:+.2f}",
                ", ".join(pair.types),
            )
        tables.append(table)
    return tables
