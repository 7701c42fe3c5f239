"""Draw the actor network: one self-contained interactive HTML page (pyvis / vis-network) and a
static PNG (matplotlib) for reports.

The HTML page needs no network at all: vis-network's script and style sheet are copied into it
from the pyvis package, it references no outside resource, and its Content-Security-Policy
forbids fetching any. Article text reaches the page only as JSON inside a non-executable
`<script type="application/json">` block (with `<`, `>` and `&` escaped) and is put on screen
with `textContent`, so a sentence carrying `<script>` or `<img onerror=...>` shows as text.

Large graphs stay usable: above `max_nodes` actors the page keeps the most central ones
(PageRank) and says so; positions are precomputed with networkx for graphs up to
`SPRING_LAYOUT_MAX_NODES` actors, and the browser's physics runs a bounded number of
stabilisation iterations with a tuned Barnes-Hut solver, then stops.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from actorgraph.analysis import pagerank, write_output
from actorgraph.errors import ActorgraphError

DEFAULT_MAX_NODES = 500
"""Actors shown on an HTML page before it keeps only the most central ones."""

PNG_MAX_NODES = 80
"""Actors drawn on a PNG before it keeps only the most central ones (labels stay readable)."""

SPRING_LAYOUT_MAX_NODES = 300
"""Up to this many actors, positions are precomputed with networkx's spring layout."""

ITERATION_BUDGET = 150_000
"""Stabilisation iterations x actors the browser may spend: 200 iterations up to 750 actors,
75 for 2,000 (a few seconds in headless Chromium on a busy 2-core laptop)."""

EVIDENCE_PER_TOOLTIP = 6
"""Evidence sentences shown in one link's tooltip (the rest are counted)."""

TEMPLATES = Path(__file__).resolve().parent / "templates"

TYPE_STYLE: dict[str, tuple[str, str, str]] = {
    # type: (colour, vis-network shape, matplotlib marker)
    "Person": ("#4e79a7", "dot", "o"),
    "Country": ("#f28e2b", "square", "s"),
    "GovernmentBody": ("#b07aa1", "diamond", "D"),
    "MilitaryForce": ("#9c755f", "triangle", "^"),
    "MediaOrganization": ("#edc948", "triangleDown", "v"),
    "InternationalOrganization": ("#76b7b2", "hexagon", "h"),
    "PoliticalGroup": ("#ff9da7", "star", "*"),
    "Organization": ("#8c8c8c", "diamond", "d"),
    "Location": ("#c9c9c9", "dot", "o"),
}
"""Colour and shape of each actor type (legend, HTML and PNG agree)."""

_SHAPE_PATH = {
    "dot": "M2,8 a6,6 0 1,0 12,0 a6,6 0 1,0 -12,0",
    "square": "M2 2H14V14H2Z",
    "diamond": "M8 1L15 8L8 15L1 8Z",
    "triangle": "M8 1.5L14.5 14H1.5Z",
    "triangleDown": "M1.5 2H14.5L8 14.5Z",
    "hexagon": "M4.5 2H11.5L15 8L11.5 14H4.5L1 8Z",
    "star": "M8 1L9.9 6H15L10.9 9.2L12.4 14.5L8 11.3L3.6 14.5L5.1 9.2L1 6H6.1Z",
}

COOPERATION = "#2e9e44"
CONFLICT = "#d62728"
NEUTRAL = "#6b8fb5"
AFFILIATION = "#9a9a9a"
EDGE_KINDS = (
    (COOPERATION, "cooperation (PLOVER score > 0)"),
    (CONFLICT, "conflict (PLOVER score < 0)"),
    (NEUTRAL, "interaction without a score"),
    (AFFILIATION, "affiliation (post, membership ...)"),
    ("repeating-linear-gradient(90deg,#777 0 5px,transparent 5px 9px)", "dashed: never asserted"),
)


@dataclass
class RenderOptions:
    """How the page lays out and settles the graph (the benchmark compares settings)."""

    max_nodes: int = DEFAULT_MAX_NODES
    layout: str = "auto"  # auto | spring | none
    physics: bool = True
    stabilization_iterations: int | None = None  # None: scaled to the graph's size
    solver: str = "barnesHut"
    tuned: bool = True  # False = vis-network's defaults (the benchmark's reference)
    improved_layout: bool = True  # vis' own initial layout; only used when tuned is False


@dataclass
class RenderResult:
    """What was drawn: where, how many actors and links, and whether the graph was cut."""

    path: Path
    nodes: int
    edges: int
    total_nodes: int
    truncated: bool
    notes: list[str] = field(default_factory=list)


def edge_color(data: dict[str, Any]) -> str:
    """Green for cooperation, red for conflict, grey for affiliation, blue when unscored."""
    if data.get("family") == "affiliation":
        return AFFILIATION
    score = data.get("score")
    if score is None or score == 0:
        return NEUTRAL
    return COOPERATION if score > 0 else CONFLICT


def keep_central(graph: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, int]:
    """The subgraph of the `max_nodes` actors with the highest PageRank, and the total count."""
    total = graph.number_of_nodes()
    if max_nodes < 1:
        raise ActorgraphError(f"--max-nodes must be at least 1, not {max_nodes}")
    if total <= max_nodes:
        return graph, total
    ranks = pagerank(graph)
    keep = sorted(graph.nodes, key=lambda n: (-ranks.get(n, 0.0), str(n)))[:max_nodes]
    return graph.subgraph(keep).copy(), total


def truncation_note(shown: int, total: int) -> str:
    """The sentence the page shows when only the most central actors are drawn."""
    return (
        f"Showing the {shown:,} most central of {total:,} actors (ranked by PageRank). "
        "Raise --max-nodes to show more, or narrow the graph with --view, --start/--end or --ego."
    )


def layout_positions(graph: nx.Graph, method: str = "auto") -> dict[Any, tuple[float, float]]:
    """Node positions in vis-network pixels; empty when the browser should lay out alone."""
    n = graph.number_of_nodes()
    if method == "none" or n == 0 or (method == "auto" and n > SPRING_LAYOUT_MAX_NODES):
        return {}
    if method not in ("auto", "spring"):
        raise ActorgraphError(f"unknown layout {method!r} (expected auto, spring or none)")
    simple = nx.Graph(graph.to_undirected(as_view=True))
    pos = nx.spring_layout(simple, seed=42, k=1.6 / math.sqrt(max(n, 1)), iterations=80)
    spread = max(350.0, 120.0 * math.sqrt(n))
    return {node: (float(x) * spread, float(y) * spread) for node, (x, y) in pos.items()}


def stabilization_iterations(n_nodes: int, positioned: bool) -> int:
    """Iterations the physics may run before freezing: fewer for big or pre-laid-out graphs."""
    if positioned:
        return 60
    return max(40, min(200, ITERATION_BUDGET // max(n_nodes, 1)))


def vis_options(n_nodes: int, options: RenderOptions, positioned: bool) -> dict[str, Any]:
    """vis-network options: tuned Barnes-Hut with bounded stabilisation, or vis defaults."""
    interaction = {
        "hover": True,
        "tooltipDelay": 120,
        "multiselect": True,
        "navigationButtons": False,
        "hideEdgesOnDrag": n_nodes > 300,
        "hideEdgesOnZoom": n_nodes > 1000,
    }
    if not options.tuned:
        physics: dict[str, Any] = {"enabled": options.physics}
        if options.stabilization_iterations:
            physics["stabilization"] = {"iterations": options.stabilization_iterations}
        return {
            "interaction": interaction,
            "layout": {"improvedLayout": options.improved_layout},
            "physics": physics,
        }
    iterations = options.stabilization_iterations or stabilization_iterations(n_nodes, positioned)
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "interaction": interaction,
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1},
        "edges": {
            "smooth": False,
            "font": {"size": 10, "align": "horizontal", "color": "#444", "strokeWidth": 3},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
        "physics": {
            "enabled": options.physics,
            "solver": options.solver,
            # theta 1.0: a coarser Barnes-Hut tree, about twice as fast per iteration; a fixed
            # timestep saves the second force pass the adaptive one needs.
            "barnesHut": {
                "theta": 1.0,
                "gravitationalConstant": -6000,
                "centralGravity": 0.25,
                "springLength": 110,
                "springConstant": 0.03,
                "damping": 0.35,
                "avoidOverlap": 0.0,
            },
            "forceAtlas2Based": {
                "theta": 1.0,
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 100,
                "springConstant": 0.08,
                "damping": 0.4,
            },
            "maxVelocity": 60,
            "minVelocity": 2.0,
            "timestep": 0.5,
            "adaptiveTimestep": False,
            "stabilization": {
                "enabled": True,
                "iterations": iterations,
                "updateInterval": 25,
                "fit": True,
            },
        },
    }


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else (str(value) if value else "")


def _factuality_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if v) if counts else ""


def _edge_label(data: dict[str, Any]) -> str:
    """The relation type, with the role for posts held ("holdsPosition: president")."""
    roles = data.get("roles") or []
    label = str(data.get("type", ""))
    if roles:
        label += ": " + ", ".join(roles[:2])
    count = int(data.get("count") or 1)
    return f"{label} ×{count}" if count > 1 else label


def _asserted(data: dict[str, Any]) -> bool:
    counts = data.get("factuality") or {}
    return not counts or bool(counts.get("asserted") or counts.get("reported"))


def _node_lines(graph: nx.MultiDiGraph, node: Any, limit: int = 6) -> list[str]:
    """A few lines naming the actor's relations, most reported first, for its tooltip."""
    lines = []
    for u, v, data in list(graph.out_edges(node, data=True)) + list(
        graph.in_edges(node, data=True)
    ):
        other = v if u == node else u
        arrow = "→" if u == node else "←"
        if not data.get("directed", True):
            arrow = "↔"
        count = int(data.get("count") or 1)
        label = graph.nodes[other].get("label", other)
        lines.append(
            (count, f"{data.get('type')} {arrow} {label}" + (f" ×{count}" if count > 1 else ""))
        )
    lines.sort(key=lambda item: (-item[0], item[1]))
    shown = [text for _, text in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"+ {len(lines) - limit} more")
    return shown


def page_data(
    graph: nx.MultiDiGraph, options: RenderOptions
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The JSON the page reads (vis items built with pyvis, plus text for tooltips and filters)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    positions = layout_positions(graph, options.layout)
    ranks = pagerank(graph)
    top_rank = max(ranks.values(), default=1.0) or 1.0
    simple = nx.Graph(graph.to_undirected(as_view=True))
    ids = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    nodes = []
    for node, attrs in graph.nodes(data=True):
        type_name = str(attrs.get("type") or "Organization")
        color, shape, _ = TYPE_STYLE.get(type_name, TYPE_STYLE["Organization"])
        extra: dict[str, Any] = {}
        if node in positions:
            extra["x"], extra["y"] = positions[node]
        label = str(attrs.get("label") or node)
        net.add_node(
            ids[node],
            label=label,
            shape=shape,
            color={
                "background": color,
                "border": "#333333",
                "highlight": {"background": color, "border": "#000000"},
            },
            size=round(10 + 22 * math.sqrt(ranks.get(node, 0.0) / top_rank), 1),
            **extra,
        )
        nodes.append(
            {
                "id": ids[node],
                "iri": str(node),
                "label": label,
                "type": type_name,
                "country": attrs.get("country") or "",
                "wikidata": attrs.get("wikidata") or "",
                "degree": simple.degree(node) if node in simple else 0,
                "relations": sum(int(c or 1) for *_, c in graph.edges(node, data="count"))
                + sum(int(c or 1) for *_, c in graph.in_edges(node, data="count")),
                "relationsText": _node_lines(graph, node),
            }
        )
    for item, vis_node in zip(nodes, net.nodes, strict=True):
        item["vis"] = vis_node
    edges = []
    pair_index: Counter[frozenset[Any]] = Counter()
    for i, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
        pair = frozenset((u, v))
        nth = pair_index[pair]
        pair_index[pair] += 1
        directed = bool(data.get("directed", True))
        count = int(data.get("count") or 1)
        color = edge_color(data)
        vis_edge: dict[str, Any] = {
            "id": f"e{i}",
            "label": _edge_label(data),
            "color": {"color": color, "highlight": color, "hover": color, "opacity": 0.85},
            "width": round(1 + 1.5 * math.log2(count), 2),
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
            "dashes": not _asserted(data),
        }
        if nth:
            vis_edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if nth % 2 else "curvedCCW",
                "roundness": 0.15 * ((nth + 1) // 2),
            }
        net.add_edge(ids[u], ids[v], **vis_edge)
        evidence = list(data.get("evidence") or [])
        edges.append(
            {
                "type": str(data.get("type", key)),
                "family": data.get("family", ""),
                "directed": directed,
                "count": count,
                "first": _iso(data.get("first_date")),
                "last": ""
                if data.get("ongoing")
                else _iso(data.get("last_date") or data.get("first_date")),
                "ongoing": bool(data.get("ongoing")),
                "score": data.get("score"),
                "factualityText": _factuality_text(data.get("factuality") or {}),
                "kb": bool(data.get("kb")),
                "roles": list(data.get("roles") or []),
                "sourceLabel": graph.nodes[u].get("label", str(u)),
                "targetLabel": graph.nodes[v].get("label", str(v)),
                "evidence": [
                    {
                        "sentence": str(ev.get("sentence", "")),
                        "title": str(ev.get("title", "")),
                        "document": str(ev.get("document", "")),
                        "date": str(ev.get("date", "")),
                        "factuality": str(ev.get("factuality", "")),
                    }
                    for ev in evidence[:EVIDENCE_PER_TOOLTIP]
                ],
                "moreEvidence": max(0, len(evidence) - EVIDENCE_PER_TOOLTIP),
            }
        )
    for item, vis_edge in zip(edges, net.edges, strict=True):
        item["vis"] = vis_edge
    vis = vis_options(len(nodes), options, positioned=bool(positions))
    payload = {
        "nodes": nodes,
        "edges": edges,
        "options": vis,
        "freezeAfterStabilization": options.tuned,
    }
    return payload, edges


def script_json(value: Any) -> str:
    """JSON safe inside an HTML `<script>` block: no `<`, `>` or `&` can end or open a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, read from the pyvis package for inlining."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    if not lib.is_dir():
        lib = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
    try:
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise ActorgraphError(f"vis-network files missing from the pyvis package ({exc})") from None
    if "</script" in js.lower() or "</style" in css.lower():
        raise ActorgraphError("vis-network files cannot be inlined safely (closing tag inside)")
    return js, css


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )


def _relation_type_items(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    colors: dict[str, str] = {}
    for *_, data in graph.edges(data=True):
        type_name = str(data.get("type"))
        counts[type_name] += 1
        colors.setdefault(type_name, edge_color(data))
    return [{"type": t, "count": counts[t], "color": colors[t]} for t in sorted(counts)]


def _date_range(graph: nx.MultiDiGraph) -> tuple[str, str]:
    dates = [
        d
        for *_, data in graph.edges(data=True)
        for d in (data.get("first_date"), data.get("last_date"))
        if isinstance(d, dt.date)
    ]
    return (min(dates).isoformat(), max(dates).isoformat()) if dates else ("", "")


def html_page(
    graph: nx.MultiDiGraph, title: str = "Actor network", options: RenderOptions | None = None
) -> tuple[str, RenderResult]:
    """The page's HTML text and what it shows (the path in the result is left empty)."""
    options = options or RenderOptions()
    shown, total = keep_central(graph, options.max_nodes)
    payload, _ = page_data(shown, options)
    notes = [truncation_note(shown.number_of_nodes(), total)] if shown is not graph else []
    vis_js, vis_css = vis_assets()
    date_min, date_max = _date_range(shown)
    present_types = sorted({str(t) for _, t in shown.nodes(data="type")})
    page = (
        _environment()
        .get_template("graph.html")
        .render(
            title=title,
            summary=(
                f"{shown.number_of_nodes():,} actors, {shown.number_of_edges():,} links, "
                f"{sum(int(c or 1) for *_, c in shown.edges(data='count')):,} relations"
                + (f", {date_min} to {date_max}" if date_min else "")
            ),
            truncation=notes[0] if notes else "",
            relation_types=_relation_type_items(shown),
            actor_types=[
                {"type": t, "color": TYPE_STYLE[t][0], "path": _SHAPE_PATH[TYPE_STYLE[t][1]]}
                for t in TYPE_STYLE
                if t in present_types
            ],
            edge_kinds=[{"color": c, "label": label} for c, label in EDGE_KINDS],
            date_min=date_min,
            date_max=date_max,
            data_json=_Markup(script_json(payload)),
            vis_js=_Markup(vis_js),
            vis_css=_Markup(vis_css),
            page_js=_Markup((TEMPLATES / "graph.js").read_text(encoding="utf-8")),
            page_css=_Markup((TEMPLATES / "graph.css").read_text(encoding="utf-8")),
        )
    )
    result = RenderResult(
        path=Path(),
        nodes=shown.number_of_nodes(),
        edges=shown.number_of_edges(),
        total_nodes=total,
        truncated=bool(notes),
        notes=notes,
    )
    return page, result


def _Markup(text: str) -> Any:
    """Mark already-safe text (escaped JSON, vendored assets) so Jinja does not escape it."""
    from markupsafe import Markup

    return Markup(text)


def write_html(
    graph: nx.MultiDiGraph,
    path: Path,
    title: str = "Actor network",
    options: RenderOptions | None = None,
) -> RenderResult:
    """Write the interactive page to `path` atomically."""
    page, result = html_page(graph, title, options)
    write_output(path, page.encode("utf-8"))
    result.path = path
    return result


def write_png(
    graph: nx.MultiDiGraph,
    path: Path,
    title: str = "Actor network",
    max_nodes: int = PNG_MAX_NODES,
) -> RenderResult:
    """Write a static picture of the graph (matplotlib, Agg backend) to `path` atomically."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    shown, total = keep_central(graph, max_nodes)
    n = shown.number_of_nodes()
    fig, ax = plt.subplots(figsize=(13, 9), dpi=130)
    try:
        pos = (
            nx.spring_layout(
                nx.Graph(shown.to_undirected(as_view=True)),
                seed=42,
                k=2.2 / math.sqrt(max(n, 1)),
                iterations=150,
            )
            if n
            else {}
        )
        _draw_edges(shown, pos, ax)
        ranks = pagerank(shown)
        top_rank = max(ranks.values(), default=1.0) or 1.0
        for type_name, (color, _, marker) in TYPE_STYLE.items():
            members = [v for v, t in shown.nodes(data="type") if (t or "Organization") == type_name]
            if not members:
                continue
            nx.draw_networkx_nodes(
                shown,
                pos,
                nodelist=members,
                node_color=color,
                node_shape=marker,
                node_size=[220 + 900 * math.sqrt(ranks.get(v, 0) / top_rank) for v in members],
                edgecolors="#333333",
                linewidths=0.8,
                ax=ax,
            )
        labels = {v: str(d.get("label") or v) for v, d in shown.nodes(data=True)}
        nx.draw_networkx_labels(shown, pos, labels=labels, font_size=8, ax=ax)
        handles = [
            Line2D(
                [],
                [],
                marker=marker,
                linestyle="",
                markerfacecolor=color,
                markeredgecolor="#333333",
                markersize=9,
                label=type_name,
            )
            for type_name, (color, _, marker) in TYPE_STYLE.items()
            if any((t or "Organization") == type_name for _, t in shown.nodes(data="type"))
        ]
        handles += [
            Line2D([], [], color=COOPERATION, lw=2, label="cooperation"),
            Line2D([], [], color=CONFLICT, lw=2, label="conflict"),
            Line2D([], [], color=NEUTRAL, lw=2, label="interaction (no score)"),
            Line2D([], [], color=AFFILIATION, lw=2, label="affiliation"),
            Line2D([], [], color="#777777", lw=1.5, linestyle="--", label="never asserted"),
        ]
        ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=True)
        heading = title
        if n < total:
            heading += f"\n{n} most central of {total} actors (PageRank)"
        ax.set_title(heading, fontsize=12)
        ax.set_axis_off()
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    finally:
        plt.close(fig)
    write_output(path, buffer.getvalue())
    return RenderResult(path, n, shown.number_of_edges(), total, n < total)


def _draw_edges(graph: nx.MultiDiGraph, pos: dict[Any, Any], ax: Any) -> None:
    """Edges coloured by cooperation/conflict/affiliation, parallel ones curved apart."""
    seen: Counter[frozenset[Any]] = Counter()
    groups: dict[tuple[float, str, bool], list[tuple[Any, Any, str]]] = {}
    labels: dict[tuple[Any, Any], str] = {}
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        pair = frozenset((u, v))
        nth = seen[pair]
        seen[pair] += 1
        rad = 0.0 if nth == 0 else 0.18 * ((nth + 1) // 2) * (1 if nth % 2 else -1)
        style = "solid" if _asserted(data) else "dashed"
        key = (rad, style, bool(data.get("directed", True)))
        groups.setdefault(key, []).append((u, v, edge_color(data)))
        ends = (u, v) if str(u) <= str(v) else (v, u)
        text = labels.get(ends, "")
        labels[ends] = (text + "\n" if text else "") + _edge_label(data)
    for (rad, style, directed), edges in groups.items():
        drawn = nx.DiGraph()
        drawn.add_nodes_from(graph.nodes)
        drawn.add_edges_from((u, v) for u, v, _ in edges)
        nx.draw_networkx_edges(
            drawn,
            pos,
            edgelist=[(u, v) for u, v, _ in edges],
            edge_color=[color for *_, color in edges],
            style=style,
            arrows=True,
            arrowstyle="-|>" if directed else "-",
            arrowsize=12,
            width=1.4,
            connectionstyle=f"arc3,rad={rad}",
            node_size=400,
            ax=ax,
        )
    if len(labels) <= 60:
        drawn = nx.DiGraph()
        drawn.add_edges_from(labels)
        nx.draw_networkx_edge_labels(
            drawn, pos, edge_labels=labels, font_size=6, ax=ax, rotate=False
        )


def escape(text: str) -> str:
    """HTML-escape text for the rare place it is written into markup directly."""
    return html.escape(text, quote=True)
