"""The static PNG of the actor network for reports (matplotlib, Agg backend).

The same links as the page (one per actor pair and direction, labelled "ASSAULT ×5"), the same
layout, and labels placed with adjustText so that none overlaps: node labels first; a link label
that still overlaps another label once adjustText is done is left out (the busiest links keep
theirs), and the picture says how many were left out.
"""

from __future__ import annotations

import io
import math
from typing import Any

import networkx as nx

from actorgraph.analysis import pagerank, write_output
from actorgraph.render.common import RenderResult, default_title, keep_central
from actorgraph.render.links import Link, aggregate
from actorgraph.render.page import layout_positions
from actorgraph.render.style import (
    AFFILIATION,
    CONFLICT,
    COOPERATION,
    MIXED,
    TYPE_STYLE,
)

PNG_MAX_NODES = 80
"""Actors drawn on a PNG before it keeps only the most central ones (labels stay readable)."""


def write_png(
    graph: nx.MultiDiGraph,
    path: Any,
    title: str | None = None,
    max_nodes: int = PNG_MAX_NODES,
) -> RenderResult:
    """Write a static picture of the graph to `path` atomically; the result lists the labels
    drawn with their boxes in pixels."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown, total = keep_central(graph, max_nodes)
    n = shown.number_of_nodes()
    links = aggregate(shown)
    ranks = pagerank(shown)
    top_rank = max(ranks.values(), default=1.0) or 1.0
    share = {v: math.sqrt(ranks.get(v, 0.0) / top_rank) for v in shown}
    pos = layout_positions(shown, "spring", links, {v: 10 + 22 * share[v] for v in shown})
    pos = {v: (x, -y) for v, (x, y) in pos.items()}  # the page's y axis points down
    fig = plt.figure(figsize=(14, 9.5), dpi=130)
    ax = fig.add_axes((0.01, 0.02, 0.78, 0.9))
    try:
        ax.set_axis_off()
        ax.set_aspect("equal")
        if pos:
            xs = [p[0] for p in pos.values()]
            ys = [p[1] for p in pos.values()]
            pad = 60.0
            ax.set_xlim(min(xs) - pad, max(xs) + pad)
            ax.set_ylim(min(ys) - pad, max(ys) + pad)
        marker_size = {v: 160 + 700 * share[v] for v in shown}
        mids = _draw_links(ax, links, pos, marker_size)
        _draw_nodes(ax, shown, pos, marker_size)
        labels, dropped = _place_labels(fig, ax, shown, links, pos, mids, marker_size)
        _legend(fig, shown)
        heading = title or default_title(shown)
        if n < total:
            heading += f"\n{n} most central of {total} actors (PageRank)"
        fig.suptitle(heading, fontsize=13, x=0.01, ha="left", parse_math=False)
        notes = []
        if dropped:
            notes.append(f"{dropped} labels left out where they would overlap")
            fig.text(
                0.01,
                0.005,
                notes[0] + "; the HTML page shows them all.",
                fontsize=7,
                color="#666666",
            )
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    finally:
        plt.close(fig)
    write_output(path, buffer.getvalue())
    return RenderResult(path, n, len(links), total, n < total, notes, labels)


def _curvature(links: list[Link]) -> dict[int, float]:
    """arc3 curvature of each link: links sharing two actors bend apart."""
    groups: dict[frozenset[Any], list[int]] = {}
    for i, link in enumerate(links):
        groups.setdefault(frozenset((link.source, link.target)), []).append(i)
    rad: dict[int, float] = {}
    for members in groups.values():
        for nth, i in enumerate(members):
            rad[i] = 0.0 if len(members) == 1 else 0.15 * (1 + nth // 2) * (-1) ** nth
            if links[i].source > links[i].target:
                rad[i] = -rad[i]
    return rad


def _draw_links(
    ax: Any, links: list[Link], pos: dict[Any, tuple[float, float]], size: dict[Any, float]
) -> dict[int, list[tuple[float, float]]]:
    """Draw every link; returns the spots along each drawn link where its label may go."""
    from matplotlib.patches import FancyArrowPatch

    rad = _curvature(links)
    mids: dict[int, list[tuple[float, float]]] = {}
    for i, link in enumerate(links):
        if link.source == link.target:
            continue
        quiet = link.family == "affiliation"
        patch = FancyArrowPatch(
            pos[link.source],
            pos[link.target],
            arrowstyle="-|>" if link.directed else "-",
            mutation_scale=11,
            connectionstyle=f"arc3,rad={rad[i]}",
            color=link.color,
            linewidth=0.8 if quiet else 0.8 * link.width,
            linestyle="solid" if link.asserted else (0, (3, 3)),
            alpha=0.6 if quiet else 0.9,
            shrinkA=math.sqrt(size[link.source]) / 2 + 1,
            shrinkB=math.sqrt(size[link.target]) / 2 + 2,
            zorder=1 if quiet else 2,
        )
        ax.add_patch(patch)
        mids[i] = [_on_arc(pos[link.source], pos[link.target], rad[i], t) for t in SPOTS]
    return mids


SPOTS = (0.5, 0.38, 0.62, 0.28, 0.72)
"""Where along a link its label may go (0 at the source, 1 at the target), best first."""


def _on_arc(
    a: tuple[float, float], b: tuple[float, float], rad: float, t: float
) -> tuple[float, float]:
    """The point at `t` of matplotlib's arc3 curve (a quadratic Bezier) from a to b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    cx, cy = (a[0] + b[0]) / 2 + rad * dy, (a[1] + b[1]) / 2 - rad * dx
    u = 1 - t
    return (
        u * u * a[0] + 2 * u * t * cx + t * t * b[0],
        u * u * a[1] + 2 * u * t * cy + t * t * b[1],
    )


def _draw_nodes(
    ax: Any, graph: nx.MultiDiGraph, pos: dict[Any, tuple[float, float]], size: dict[Any, float]
) -> None:
    for type_name, (color, _, marker) in TYPE_STYLE.items():
        members = [v for v, t in graph.nodes(data="type") if (t or "Organization") == type_name]
        if not members:
            continue
        ax.scatter(
            [pos[v][0] for v in members],
            [pos[v][1] for v in members],
            s=[size[v] for v in members],
            c=color,
            marker=marker,
            edgecolors="#333333",
            linewidths=0.8,
            zorder=3,
        )


def _place_labels(
    fig: Any,
    ax: Any,
    graph: nx.MultiDiGraph,
    links: list[Link],
    pos: dict[Any, Any],
    mids: dict[int, list[tuple[float, float]]],
    size: dict[Any, float],
) -> tuple[list[tuple[str, tuple[float, float, float, float]]], int]:
    """Node and link labels placed by adjustText; link labels still overlapping are removed."""
    from adjustText import adjust_text

    fig.canvas.draw()
    per_point = (
        fig.dpi / 72 / (ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0])
    )
    node_texts = [
        ax.text(
            pos[v][0],
            pos[v][1] - (math.sqrt(size[v]) / 2 + 2) * per_point,
            str(data.get("label") or v),
            fontsize=8.5,
            ha="center",
            va="top",
            zorder=5,
            color="#1d1d1d",
            parse_math=False,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )
        for v, data in graph.nodes(data=True)
    ]
    link_texts = []
    for i, link in enumerate(links):
        if i not in mids:
            continue
        quiet = link.family == "affiliation"
        text = ax.text(
            *mids[i][0],
            link.label,
            parse_math=False,
            fontsize=6.5 if quiet else 7.5,
            style="italic" if quiet else "normal",
            ha="center",
            va="center",
            zorder=4,
            color="#777777" if quiet else _darker(link.color),
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
        )
        link_texts.append((i, link, text))
    markers = [_marker_box(ax, pos[v], size[v], fig.dpi) for v in graph]
    if node_texts:
        # adjustText spreads the actors' labels; link labels then take free spots on their links
        adjust_text(
            node_texts,
            x=[p[0] for p in pos.values()],
            y=[p[1] for p in pos.values()],
            ax=ax,
            expand=(1.08, 1.25),
            max_move=(12, 12),
            iter_lim=100,
            ensure_inside_axes=True,
        )
    renderer = fig.canvas.get_renderer()
    kept: list[tuple[Any, Any]] = []
    dropped = 0
    busiest_first = sorted(link_texts, key=lambda lt: (lt[1].family != "interaction", -lt[1].count))
    ranks = pagerank(graph)
    per_pixel = per_point * 72 / fig.dpi
    for v, text in sorted(zip(graph, node_texts, strict=True), key=lambda x: -ranks.get(x[0], 0)):
        # where adjustText put it, else a free spot around its node, else nowhere
        box = text.get_window_extent(renderer)
        r = math.sqrt(size[v]) / 2 * fig.dpi / 72 + 2
        w, h = box.width, box.height
        around = [
            (0, -r),
            (0, r + h),
            (r + w / 2, h / 2),
            (-r - w / 2, h / 2),
            (r + w / 2, -r / 2),
            (-r - w / 2, -r / 2),
            (r + w / 2, r + h),
            (-r - w / 2, r + h),
        ]
        for spot in [None, *around]:
            if spot is not None:
                text.set_position(
                    (pos[v][0] + spot[0] * per_pixel, pos[v][1] + spot[1] * per_pixel)
                )
            box = text.get_window_extent(renderer)
            if not any(box.overlaps(other) for _, other in kept):
                kept.append((text, box))
                break
        else:
            text.remove()
            dropped += 1
    for i, _, text in busiest_first:
        # where adjustText put it, else a free spot along the link, else nowhere
        for spot in [None, *mids[i]]:
            if spot is not None:
                text.set_position(spot)
            box = text.get_window_extent(renderer)
            if not any(box.overlaps(other) for _, other in kept) and not any(
                box.overlaps(m) for m in markers
            ):
                kept.append((text, box))
                break
        else:
            text.remove()
            dropped += 1
    labels = [(t.get_text(), (b.x0, b.y0, b.x1, b.y1)) for t, b in kept]
    return labels, dropped


def _marker_box(ax: Any, xy: tuple[float, float], size: float, dpi: float) -> Any:
    """The pixel box of a node's marker (scatter size is in points squared)."""
    from matplotlib.transforms import Bbox

    x, y = ax.transData.transform(xy)
    half = math.sqrt(size) / 2 * dpi / 72
    return Bbox.from_extents(x - half, y - half, x + half, y + half)


def _darker(hex_colour: str) -> str:
    value = int(hex_colour[1:], 16)
    parts = [round(((value >> s) & 255) * 0.72) for s in (16, 8, 0)]
    return "#" + "".join(f"{p:02x}" for p in parts)


def _legend(fig: Any, graph: nx.MultiDiGraph) -> None:
    from matplotlib.lines import Line2D

    present = {t or "Organization" for _, t in graph.nodes(data="type")}
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
        if type_name in present
    ]
    handles += [
        Line2D([], [], color=CONFLICT, lw=2.5, label="conflict"),
        Line2D([], [], color=MIXED, lw=2.5, label="mixed"),
        Line2D([], [], color=COOPERATION, lw=2.5, label="cooperation"),
        Line2D([], [], color=AFFILIATION, lw=1, label="affiliation (post, membership)"),
        Line2D([], [], color="#777777", lw=1.5, linestyle="--", label="never asserted"),
    ]
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.8, 0.92),
        fontsize=8.5,
        frameon=False,
        title="One line per pair and direction;\nwidth: number of relations;\n"
        "label: most frequent type ×count",
        title_fontsize=8,
        alignment="left",
    )
