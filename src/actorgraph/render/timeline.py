"""The relations between two sides over time: bars per day, week or month stacked by PLOVER
type, what the first side did to the second above the axis and the reverse below, as a PNG
and as an offline HTML page where clicking a bar lists the relations behind it.

A side is one actor (a name, key or IRI) or a whole country given by its ISO code ("RUS": every
actor of Russia, its leaders, ministries and armed forces included). The chart is drawn once
with matplotlib: as PNG for reports, as inline SVG (its bars carrying ids) for the page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.analysis import write_output
from actorgraph.errors import ActorgraphError
from actorgraph.network import find_actor
from actorgraph.render.common import (
    environment,
    markup,
    script_json,
    span_text,
    template_text,
)
from actorgraph.render.links import relation_rows
from actorgraph.render.profile import country_name
from actorgraph.render.style import TYPE_COLOURS


@dataclass
class Side:
    """One side of a timeline: its name and the actors that make it up."""

    label: str
    actors: set[Any]


@dataclass
class Segment:
    """One piece of a bar: the relations of one type, one direction and one period."""

    direction: str  # "ab" (first side acts) or "ba"
    type: str
    period: int  # index into Timeline.periods
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Timeline:
    """What the chart shows, and the evidence behind each bar segment."""

    a: Side
    b: Side
    unit: str  # day | week | month
    periods: list[dt.date]
    segments: list[Segment]
    undated: int
    first: dt.date | None
    last: dt.date | None

    @property
    def count(self) -> int:
        return sum(len(s.rows) for s in self.segments)

    def title(self) -> str:
        span = span_text(self.first, self.last)
        head = f"{self.a.label} and {self.b.label}: relations by {self.unit}"
        return f"{head}, {span}" if span else head


def side(graph: nx.MultiDiGraph, name: str) -> Side:
    """The actors of a side: a country's by ISO code, else the one actor the name finds."""
    code = name.strip()
    if re.fullmatch(r"[A-Z]{3}", code):
        members = {v for v, c in graph.nodes(data="country") if c == code}
        if members:
            label = country_name(code).split(" (")[0] or code
            return Side(label, members)
    node = find_actor(graph, name)
    return Side(str(graph.nodes[node].get("label", node)), {node})


def _period(day: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def _next(day: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=1)
    if unit == "week":
        return day + dt.timedelta(days=7)
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def timeline_data(
    graph: nx.MultiDiGraph, first: str, second: str, base: Path | None = None
) -> Timeline:
    """The interactions between two sides of a projected graph, by period, type and direction;
    article links in the evidence are relative to the folder `base` when given."""
    a, b = side(graph, first), side(graph, second)
    if a.actors & b.actors:
        raise ActorgraphError(f"{first!r} and {second!r} share actors: name two different sides")
    found: list[tuple[dt.date, str, str, dict[str, Any]]] = []
    undated = 0
    for u, v, data in graph.edges(data=True):
        if data.get("family") != "interaction":
            continue
        if not ((u in a.actors and v in b.actors) or (u in b.actors and v in a.actors)):
            continue
        for ev, row in zip(
            data.get("evidence") or [], relation_rows(u, v, data, graph, base), strict=False
        ):
            source = ev.get("source") or u
            direction = "ab" if source in a.actors else "ba"
            try:
                day = dt.date.fromisoformat(str(ev.get("date") or "")[:10])
            except ValueError:
                undated += 1
                continue
            found.append((day, direction, str(ev.get("type") or data.get("type")), row))
    if not found:
        return Timeline(a, b, "month", [], [], undated, None, None)
    days = sorted(day for day, *_ in found)
    span = (days[-1] - days[0]).days
    unit = "day" if span <= 31 else "week" if span <= 182 else "month"
    periods = [_period(days[0], unit)]
    while periods[-1] < _period(days[-1], unit):
        periods.append(_next(periods[-1], unit))
    index = {p: i for i, p in enumerate(periods)}
    pieces: dict[tuple[str, str, int], Segment] = {}
    for day, direction, type_name, row in sorted(found, key=lambda f: (f[0], f[2])):
        key = (direction, type_name, index[_period(day, unit)])
        pieces.setdefault(key, Segment(*key)).rows.append(row)
    order = list(TYPE_COLOURS)
    segments = sorted(
        pieces.values(),
        key=lambda s: (s.direction, s.period, order.index(s.type) if s.type in order else 99),
    )
    return Timeline(a, b, unit, periods, segments, undated, days[0], days[-1])


def _period_label(day: dt.date, unit: str) -> str:
    return f"{day:%b %Y}" if unit == "month" else day.isoformat()


def figure(timeline: Timeline, title: str | None = None) -> Any:
    """The matplotlib figure of a timeline; bar segment i carries the SVG id "seg-i"."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    fig = plt.figure(figsize=(12, 5.6), dpi=130)
    ax = fig.add_axes((0.07, 0.14, 0.74, 0.74))
    bottoms: dict[tuple[str, int], float] = defaultdict(float)
    for i, seg in enumerate(timeline.segments):
        sign = 1 if seg.direction == "ab" else -1
        height = sign * len(seg.rows)
        bottom = bottoms[(seg.direction, seg.period)]
        bars = ax.bar(
            seg.period,
            height,
            bottom=bottom,
            width=0.8,
            color=TYPE_COLOURS.get(seg.type, "#888888"),
            edgecolor="white",
            linewidth=0.6,
        )
        bars.patches[0].set_gid(f"seg-{i}")
        bottoms[(seg.direction, seg.period)] = bottom + height
    ax.axhline(0, color="#444444", linewidth=0.8)
    n = len(timeline.periods)
    ticks = list(range(0, n, max(1, -(-n // 14))))
    ax.set_xticks(ticks)
    ax.set_xticklabels(
        [_period_label(timeline.periods[i], timeline.unit) for i in ticks],
        rotation=45 if timeline.unit != "month" or n > 8 else 0,
        ha="right" if timeline.unit != "month" or n > 8 else "center",
        fontsize=8,
    )
    ax.set_xlim(-0.6, max(n, 1) - 0.4)
    top = max([abs(v) for v in bottoms.values()] + [1])
    ax.set_ylim(-top * 1.15, top * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(int(v))}"))
    ax.set_ylabel("relations", fontsize=9)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    a, b = timeline.a.label, timeline.b.label
    ax.text(
        0.005,
        0.98,
        f"{a} → {b}",
        transform=ax.transAxes,
        va="top",
        fontsize=10,
        fontweight="bold",
        parse_math=False,
    )
    ax.text(
        0.005,
        0.02,
        f"{b} → {a}",
        transform=ax.transAxes,
        va="bottom",
        fontsize=10,
        fontweight="bold",
        parse_math=False,
    )
    if not timeline.segments:
        ax.text(
            0.5,
            0.5,
            "No dated interactions between them",
            transform=ax.transAxes,
            ha="center",
            color="#777777",
            parse_math=False,
        )
    present = [t for t in TYPE_COLOURS if any(s.type == t for s in timeline.segments)]
    fig.legend(
        handles=[Patch(color=TYPE_COLOURS[t], label=t) for t in present],
        loc="upper left",
        bbox_to_anchor=(0.82, 0.88),
        fontsize=8.5,
        frameon=False,
        title="PLOVER type",
        title_fontsize=9,
        alignment="left",
    )
    note = f"{timeline.count} dated relations"
    if timeline.undated:
        note += f"; {timeline.undated} without a date are not shown"
    fig.text(0.07, 0.015, note, fontsize=8, color="#555555", parse_math=False)
    fig.suptitle(title or timeline.title(), x=0.07, ha="left", fontsize=13, parse_math=False)
    return fig


def write_timeline_png(timeline: Timeline, path: Path, title: str | None = None) -> Path:
    """Write the timeline chart as a PNG, atomically."""
    import matplotlib.pyplot as plt

    fig = figure(timeline, title)
    try:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    finally:
        plt.close(fig)
    return write_output(path, buffer.getvalue())


def _svg(timeline: Timeline, title: str | None) -> str:
    """The chart as SVG text to inline in a page (text kept as text, no outside reference)."""
    import matplotlib
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "actorgraph"}):
        fig = figure(timeline, title)
        try:
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg")
        finally:
            plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    if re.search(r"<script|\bon\w+\s*=|(?:xlink:)?href\s*=\s*\"(?!#)", text, re.IGNORECASE):
        raise ActorgraphError("the timeline chart cannot be inlined safely")
    return text


def timeline_page(timeline: Timeline, title: str | None = None) -> str:
    """The offline HTML page of a timeline: the chart, and the evidence of a bar on a click."""
    heading = title or timeline.title()
    payload = {
        "segments": [
            {
                "id": f"seg-{i}",
                "direction": s.direction,
                "type": s.type,
                "period": _period_label(timeline.periods[s.period], timeline.unit),
                "rows": s.rows,
            }
            for i, s in enumerate(timeline.segments)
        ],
        "a": timeline.a.label,
        "b": timeline.b.label,
        "typeColours": TYPE_COLOURS,
    }
    summary = f"{timeline.count} dated relations between {timeline.a.label} and {timeline.b.label}"
    if timeline.undated:
        summary += f" ({timeline.undated} more without a date)"
    return (
        environment()
        .get_template("timeline.html")
        .render(
            title=heading,
            summary=summary,
            chart=markup(_svg(timeline, heading)),
            data_json=markup(script_json(payload)),
            page_css=template_text("graph.css"),
            panel_js=template_text("panel.js"),
            page_js=template_text("timeline.js"),
        )
    )


def write_timeline_html(timeline: Timeline, path: Path, title: str | None = None) -> Path:
    """Write the timeline page, atomically."""
    return write_output(path, timeline_page(timeline, title).encode("utf-8"))
