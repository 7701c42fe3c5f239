"""The interactive HTML page of the actor network (vis-network, inlined from pyvis).

One link per actor pair and direction (see `links`), labelled with its dominant relation type
and count; the page draws node and link labels itself, after the graph, at a fixed screen size,
and leaves out a label where it would overlap one already placed (the most central actors and
busiest links first), so the first view has no overlapping labels and zooming in shows more.
Clicking a link lists the relations behind it with their evidence; clicking an actor opens its
profile. Positions are precomputed with networkx's ForceAtlas2 (with room for each label) for
graphs up to `LAYOUT_MAX_NODES` actors; larger graphs are laid out by the browser's physics,
which runs a bounded number of stabilisation iterations, then stops.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from actorgraph.analysis import pagerank, write_output
from actorgraph.errors import ActorgraphError
from actorgraph.render.common import (
    RenderResult,
    coverage,
    default_title,
    environment,
    keep_central,
    markup,
    script_json,
    span_text,
    template_text,
    truncation_note,
    vis_assets,
)
from actorgraph.render.links import Link, aggregate, evidence_rows
from actorgraph.render.profile import profile
from actorgraph.render.style import LINK_KINDS, SHAPE_PATH, TYPE_COLOURS, TYPE_STYLE

DEFAULT_MAX_NODES = 500
"""Actors shown on an HTML page before it keeps only the most central ones."""

LAYOUT_MAX_NODES = 300
"""Up to this many actors, positions are precomputed (ForceAtlas2, then labels given room)."""
SPRING_LAYOUT_MAX_NODES = LAYOUT_MAX_NODES

ITERATION_BUDGET = 150_000
"""Stabilisation iterations x actors the browser may spend: 200 iterations up to 750 actors,
75 for 2,000 (a few seconds in headless Chromium on a busy 2-core laptop)."""

LABEL_FONT_PX = 13
"""Node label size on screen; link labels are 11 px (both stay this size at any zoom)."""


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


# --- layout ------------------------------------------------------------------------------------


def _label_box(label: str, size: float) -> tuple[float, float]:
    """Rough width and height in pixels of an actor with its label underneath."""
    return max(2 * size, 0.6 * LABEL_FONT_PX * len(label) + 8), 2 * size + LABEL_FONT_PX + 10


def layout_positions(
    graph: nx.Graph,
    method: str = "auto",
    links: list[Link] | None = None,
    sizes: dict[Any, float] | None = None,
) -> dict[Any, tuple[float, float]]:
    """Node positions in vis-network pixels; empty when the browser should lay out alone.

    ForceAtlas2 (networkx) with hubs pushed apart, links weighted by their relations, scaled so
    that neighbours sit a label apart, then boxes of node and label pushed until none overlaps.
    """
    n = graph.number_of_nodes()
    if method == "none" or n == 0 or (method == "auto" and n > LAYOUT_MAX_NODES):
        return {}
    if method not in ("auto", "spring"):
        raise ActorgraphError(f"unknown layout {method!r} (expected auto, spring or none)")
    sizes = sizes or {}
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for link in links if links is not None else aggregate(graph):
        weight = 1.0 + math.log(link.count) if link.family == "interaction" else 0.5
        if simple.has_edge(link.source, link.target):
            simple.edges[link.source, link.target]["weight"] += weight
        elif link.source != link.target:
            simple.add_edge(link.source, link.target, weight=weight)
    nodes = list(graph.nodes)
    # A busy actor gets room around it for the labels of its links.
    boxes = np.array(
        [_label_box(str(graph.nodes[v].get("label") or v), sizes.get(v, 12.0)) for v in nodes]
    ) + np.array([[24.0, 18.0]]) * np.sqrt([[simple.degree(v)] for v in nodes])
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    pos = _initial_layout(simple)
    xy = _landscape(np.array([pos[v] for v in nodes], dtype=float))
    xy *= _scale(simple, nodes, xy, float(np.median(boxes[:, 0])))
    xy = stretch_links(xy, _link_room(links if links is not None else [], nodes, sizes))
    xy = remove_overlaps(xy, boxes)
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, xy, strict=True)}


def _initial_layout(simple: nx.Graph) -> dict[Any, Any]:
    """ForceAtlas2 with hubs dissuaded (they spread to the rim instead of piling up)."""
    return dict(
        nx.forceatlas2_layout(
            simple,
            seed=42,
            max_iter=300,
            scaling_ratio=4.0,
            gravity=1.0,
            distributed_action=True,
            weight="weight",
        )
    )


def _landscape(xy: np.ndarray, aspect: float = 1.45) -> np.ndarray:
    """Centre the layout, turn its long axis horizontal and stretch it to a screen's shape."""
    xy = xy - xy.mean(axis=0)
    if len(xy) < 3:
        return xy
    _, _, axes = np.linalg.svd(xy, full_matrices=False)
    xy = xy @ axes.T
    width, height = np.ptp(xy[:, 0]), np.ptp(xy[:, 1])
    if height > 0 and width / height < aspect:
        xy[:, 0] *= aspect * height / max(width, 1e-9)
    return xy


def _scale(simple: nx.Graph, nodes: list[Any], xy: np.ndarray, room: float) -> float:
    """The factor that makes the median linked distance about `room` pixels."""
    index = {v: i for i, v in enumerate(nodes)}
    lengths = [float(np.linalg.norm(xy[index[u]] - xy[index[v]])) for u, v in simple.edges]
    typical = float(np.median(lengths)) if lengths else float(np.abs(xy).mean() or 1.0)
    return 1.15 * room / (typical or 1.0)


def _link_room(
    links: list[Link], nodes: list[Any], sizes: dict[Any, float]
) -> list[tuple[int, int, float]]:
    """For each linked pair: the distance that leaves room for its links' labels between the
    two actors (interaction labels only; an affiliation's may give way)."""
    index = {v: i for i, v in enumerate(nodes)}
    need: dict[tuple[int, int], float] = {}
    for link in links:
        if link.source == link.target or link.family != "interaction":
            continue
        i, j = sorted((index[link.source], index[link.target]))
        room = sizes.get(link.source, 12.0) + sizes.get(link.target, 12.0) + 16
        room += 0.6 * 11 * len(link.label) + 12
        need[(i, j)] = max(need.get((i, j), 0.0), room)
    return [(i, j, d) for (i, j), d in need.items()]


def stretch_links(
    xy: np.ndarray, pairs: list[tuple[int, int, float]], rounds: int = 30
) -> np.ndarray:
    """Move linked actors apart until each pair is at least its given distance apart."""
    xy = xy.copy()
    if not pairs:
        return xy
    first = np.array([p[0] for p in pairs])
    second = np.array([p[1] for p in pairs])
    need = np.array([p[2] for p in pairs])
    for _ in range(rounds):
        delta = xy[second] - xy[first]
        dist = np.maximum(np.linalg.norm(delta, axis=1), 1e-6)
        short = dist < need
        if not short.any():
            break
        step = (delta / dist[:, None]) * ((need - dist) * short / 2)[:, None]
        move = np.zeros_like(xy)
        np.add.at(move, first, -step)
        np.add.at(move, second, step)
        xy += move
    return xy


def remove_overlaps(xy: np.ndarray, boxes: np.ndarray, rounds: int = 200) -> np.ndarray:
    """Push apart overlapping boxes (width, height centred on each point) along the axis where
    they overlap least, until none overlaps or the rounds run out."""
    xy = xy.copy()
    half = boxes / 2.0 + 3.0
    for _ in range(rounds):
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        ox = half[:, None, 0] + half[None, :, 0] - np.abs(dx)
        oy = half[:, None, 1] + half[None, :, 1] - np.abs(dy)
        overlap = (ox > 0) & (oy > 0)
        np.fill_diagonal(overlap, False)
        if not overlap.any():
            break
        along_x = overlap & (ox / half[None, :, 0] <= oy / half[None, :, 1])
        along_y = overlap & ~along_x
        sign_x = np.where(dx >= 0, 1.0, -1.0)
        sign_y = np.where(dy >= 0, 1.0, -1.0)
        push = np.zeros_like(xy)
        push[:, 0] = (np.where(along_x, ox, 0.0) * sign_x).sum(axis=1) * 0.5
        push[:, 1] = (np.where(along_y, oy, 0.0) * sign_y).sum(axis=1) * 0.5
        xy += push / np.maximum(1, overlap.sum(axis=1))[:, None] + 0.01
    return xy


def stabilization_iterations(n_nodes: int, positioned: bool) -> int:
    """Iterations the physics may run before freezing: fewer for big or pre-laid-out graphs."""
    if positioned:
        return 0
    return max(40, min(200, ITERATION_BUDGET // max(n_nodes, 1)))


def vis_options(n_nodes: int, options: RenderOptions, positioned: bool) -> dict[str, Any]:
    """vis-network options: tuned Barnes-Hut with bounded stabilisation, or vis defaults;
    no physics at all when the positions are precomputed."""
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
        "nodes": {"borderWidth": 1},
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "physics": {
            "enabled": options.physics and not positioned,
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
                "enabled": iterations > 0,
                "iterations": max(iterations, 1),
                "updateInterval": 25,
                "fit": True,
            },
        },
    }


# --- the data the page reads ----------------------------------------------------------------


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else (str(value) if value else "")


def _wikidata_url(qid: Any) -> str:
    """The Wikidata page of an item id (Q123), for the profile's link; empty for no id."""
    text = str(qid or "")
    return f"https://www.wikidata.org/wiki/{text}" if text[:1] == "Q" and text[1:].isdigit() else ""


def _parts(link: Link) -> list[dict[str, Any]]:
    """The link's relations by type and date (one per dated relation, one for the knowledge
    base's), with their sign: what the page's filters need to recount a link."""
    parts = []
    for *_, data in link.edges:
        score = data.get("score") or 0
        sign = 0 if link.family != "interaction" else (score > 0) - (score < 0)
        dates: dict[str, str] = {}
        for ev in data.get("evidence") or []:
            dates.setdefault(str(ev.get("relation")), str(ev.get("date") or ""))
        for day in dates.values():
            parts.append(
                {"type": str(data.get("type")), "count": 1, "first": day, "last": day, "sign": sign}
            )
        rest = int(data.get("count") or 1) - len(dates)
        if rest > 0:
            parts.append(
                {
                    "type": str(data.get("type")),
                    "count": rest,
                    "first": _iso(data.get("first_date")),
                    "last": "" if data.get("ongoing") else _iso(data.get("last_date")),
                    "sign": sign,
                }
            )
    return parts


def page_data(
    graph: nx.MultiDiGraph, options: RenderOptions, base: Path | None = None
) -> dict[str, Any]:
    """The JSON the page reads: actors with their profiles, links with their evidence rows."""
    links = aggregate(graph)
    ranks = pagerank(graph)
    top_rank = max(ranks.values(), default=1.0) or 1.0
    sizes = {v: round(10 + 22 * math.sqrt(ranks.get(v, 0.0) / top_rank), 1) for v in graph}
    positions = layout_positions(graph, options.layout, links, sizes)
    ids = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    touching: dict[Any, list[Link]] = {v: [] for v in graph}
    for link in links:
        touching[link.source].append(link)
        if link.target != link.source:
            touching[link.target].append(link)
    nodes = []
    for node, attrs in graph.nodes(data=True):
        type_name = str(attrs.get("type") or "Organization")
        color, shape, _ = TYPE_STYLE.get(type_name, TYPE_STYLE["Organization"])
        vis: dict[str, Any] = {
            "id": ids[node],
            "shape": shape,
            "size": sizes[node],
            "color": {
                "background": color,
                "border": "#333333",
                "highlight": {"background": color, "border": "#000000"},
                "hover": {"background": color, "border": "#000000"},
            },
        }
        if node in positions:
            vis["x"], vis["y"] = positions[node]
        nodes.append(
            {
                "id": ids[node],
                "iri": str(node),
                "label": str(attrs.get("label") or node),
                "type": type_name,
                "country": attrs.get("country") or "",
                "wikidata": attrs.get("wikidata") or "",
                "wikidataUrl": _wikidata_url(attrs.get("wikidata")),
                "aliases": list(attrs.get("aliases") or []),
                "rank": ranks.get(node, 0.0),
                "links": len(touching[node]),
                "relations": sum(lk.count for lk in touching[node]),
                "profile": profile(graph, node, touching[node], ids),
                "vis": vis,
            }
        )
    edges = []
    for i, link in enumerate(links):
        rows, more = evidence_rows(link, graph, base)
        first, last, ongoing = link.dates()
        edges.append(
            {
                "id": f"e{i}",
                "family": link.family,
                "directed": link.directed,
                "label": link.label,
                "count": link.count,
                "types": sorted(link.types.items(), key=lambda x: (-x[1], x[0])),
                "cooperative": link.cooperative,
                "conflictual": link.conflictual,
                "first": _iso(first),
                "last": "" if ongoing else _iso(last),
                "ongoing": ongoing,
                "sourceLabel": str(graph.nodes[link.source].get("label", link.source)),
                "targetLabel": str(graph.nodes[link.target].get("label", link.target)),
                "parts": _parts(link),
                "rows": rows,
                "moreRows": more,
                "vis": {
                    "id": f"e{i}",
                    "from": ids[link.source],
                    "to": ids[link.target],
                    "color": {
                        "color": link.color,
                        "highlight": link.color,
                        "hover": link.color,
                        "opacity": 0.55 if link.family == "affiliation" else 0.9,
                    },
                    "width": link.width,
                    "arrows": {"to": {"enabled": link.directed, "scaleFactor": 0.55}},
                    "dashes": [2, 4] if not link.asserted else False,
                },
            }
        )
    _curve_opposites(edges)
    return {
        "nodes": nodes,
        "edges": edges,
        "options": vis_options(len(nodes), options, positioned=bool(positions)),
        "freezeAfterStabilization": options.tuned,
        "typeColours": TYPE_COLOURS,
    }


def _curve_opposites(edges: list[dict[str, Any]]) -> None:
    """Links drawn between the same two actors (two directions, or an affiliation beside an
    interaction) curve apart so that neither hides the other."""
    groups: dict[frozenset[str], list[dict[str, Any]]] = {}
    for edge in edges:
        groups.setdefault(frozenset((edge["vis"]["from"], edge["vis"]["to"])), []).append(edge)
    for group in groups.values():
        if len(group) < 2:
            continue
        ways: dict[str, int] = {}
        for edge in group:
            nth = ways.get(edge["vis"]["from"], 0)
            ways[edge["vis"]["from"]] = nth + 1
            edge["vis"]["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if nth % 2 == 0 else "curvedCCW",
                "roundness": 0.2 * (1 + nth // 2),
            }


def _relation_type_items(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The type filters: each relation type on the page, its number of relations, its colour."""
    counts: dict[str, int] = {}
    family: dict[str, str] = {}
    for link in links:
        for part in link["parts"]:
            counts[part["type"]] = counts.get(part["type"], 0) + part["count"]
            family[part["type"]] = link["family"]
    return [
        {
            "type": t,
            "count": counts[t],
            "color": TYPE_COLOURS.get(t, "#a8a8a8"),
            "family": family[t],
        }
        for t in sorted(counts, key=lambda t: (family[t] != "interaction", t))
    ]


def _article_dates(graph: nx.MultiDiGraph, cover: Any) -> tuple[str, str]:
    """The dates the articles speak of: their own dates and their relations' (a relation may be
    dated before or after its article); the knowledge base's older dates are left out."""
    dates = [d.isoformat() for d in (cover.first, cover.last) if d is not None]
    dates += [
        str(ev.get("date"))[:10]
        for *_, evidence in graph.edges(data="evidence")
        for ev in evidence or []
        if ev.get("date")
    ]
    return (min(dates), max(dates)) if dates else ("", "")


def _date_range(graph: nx.MultiDiGraph) -> tuple[str, str]:
    dates = [
        d
        for *_, data in graph.edges(data=True)
        for d in (data.get("first_date"), data.get("last_date"))
        if isinstance(d, dt.date)
    ]
    return (min(dates).isoformat(), max(dates).isoformat()) if dates else ("", "")


def html_page(
    graph: nx.MultiDiGraph,
    title: str | None = None,
    options: RenderOptions | None = None,
    base: Path | None = None,
) -> tuple[str, RenderResult]:
    """The page's HTML text and what it shows (the path in the result is left empty); `title`
    defaults to one naming the corpus or ego actor and the articles' dates; article links are
    relative to the folder `base` when given, else file: URLs."""
    options = options or RenderOptions()
    shown, total = keep_central(graph, options.max_nodes)
    payload = page_data(shown, options, base)
    notes = [truncation_note(shown.number_of_nodes(), total)] if shown is not graph else []
    vis_js, vis_css = vis_assets()
    date_min, date_max = _date_range(shown)
    cover = coverage(shown)
    first, last = _article_dates(shown, cover)
    first, last = first or date_min, last or date_max
    present_types = sorted({str(t) for _, t in shown.nodes(data="type")})
    relations = sum(int(c or 1) for *_, c in shown.edges(data="count"))
    summary = (
        f"{shown.number_of_nodes():,} actors, {len(payload['edges']):,} links, "
        f"{relations:,} relations"
    )
    if cover.articles:
        summary += f" from {cover.articles:,} article{'s' * (cover.articles != 1)}"
        span = span_text(cover.first, cover.last)
        summary += f", {span}" if span else ""
    page = (
        environment()
        .get_template("graph.html")
        .render(
            title=title or default_title(shown),
            summary=summary,
            truncation=notes[0] if notes else "",
            relation_types=_relation_type_items(payload["edges"]),
            actor_types=[
                {"type": t, "color": TYPE_STYLE[t][0], "path": SHAPE_PATH[TYPE_STYLE[t][1]]}
                for t in TYPE_STYLE
                if t in present_types
            ],
            link_kinds=[{"color": c, "label": label} for c, label in LINK_KINDS],
            date_min=date_min,
            date_max=date_max,
            date_first=first,
            date_last=last,
            data_json=markup(script_json(payload)),
            vis_js=markup(vis_js),
            vis_css=markup(vis_css),
            page_js=template_text("graph.js"),
            panel_js=template_text("panel.js"),
            page_css=template_text("graph.css"),
        )
    )
    result = RenderResult(
        path=Path(),
        nodes=shown.number_of_nodes(),
        edges=len(payload["edges"]),
        total_nodes=total,
        truncated=bool(notes),
        notes=notes,
    )
    return page, result


def write_html(
    graph: nx.MultiDiGraph,
    path: Path,
    title: str | None = None,
    options: RenderOptions | None = None,
) -> RenderResult:
    """Write the interactive page to `path` atomically."""
    page, result = html_page(graph, title, options, base=path.parent)
    write_output(path, page.encode("utf-8"))
    result.path = path
    return result
