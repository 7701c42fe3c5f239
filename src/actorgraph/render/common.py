"""What every drawing shares: cutting a large graph to its most central actors, what was drawn,
the article dates and corpus behind a graph (for titles), and the page machinery (templates,
inlined vis-network, JSON that is safe inside a page)."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from actorgraph.analysis import pagerank
from actorgraph.errors import ActorgraphError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass
class RenderResult:
    """What was drawn: where, how many actors and links, and whether the graph was cut;
    `labels` holds the PNG's placed labels (text and pixel box x0, y0, x1, y1)."""

    path: Path
    nodes: int
    edges: int
    total_nodes: int
    truncated: bool
    notes: list[str] = field(default_factory=list)
    labels: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)


def keep_central(graph: nx.MultiDiGraph, max_nodes: int) -> tuple[nx.MultiDiGraph, int]:
    """The subgraph of the `max_nodes` actors with the highest PageRank, and the total count."""
    total = graph.number_of_nodes()
    if max_nodes < 1:
        raise ActorgraphError(f"--max-nodes must be at least 1, not {max_nodes}")
    if total <= max_nodes:
        return graph, total
    ranks = pagerank(graph)
    keep = sorted(graph.nodes, key=lambda n: (-ranks.get(n, 0.0), str(n)))[:max_nodes]
    sub = graph.subgraph(keep).copy()
    sub.graph.update(graph.graph)
    return sub, total


def truncation_note(shown: int, total: int) -> str:
    """The sentence the page shows when only the most central actors are drawn."""
    return (
        f"Showing the {shown:,} most central of {total:,} actors (ranked by PageRank). "
        "Raise --max-nodes to show more, or narrow the graph with --view, --start/--end or --ego."
    )


# --- what the graph is about: articles, dates, corpus ----------------------------------------


@dataclass
class Coverage:
    """The articles behind a graph's relations: how many, their date span, where they are."""

    articles: int
    first: dt.date | None
    last: dt.date | None
    corpus: str  # the folder the articles share, or ""


def coverage(graph: nx.MultiDiGraph) -> Coverage:
    """The articles cited by the graph's evidence, their dates and common folder."""
    documents: dict[str, tuple[str, str]] = {}
    for *_, evidence in graph.edges(data="evidence"):
        for ev in evidence or []:
            doc = str(ev.get("document") or "")
            if doc:
                documents[doc] = (str(ev.get("document_date") or ""), str(ev.get("path") or ""))
    dates = sorted(day for day in (_day(d) for d, _ in documents.values()) if day is not None)
    folders = {os.path.dirname(p) for _, p in documents.values() if p and "://" not in p}
    corpus = ""
    if folders:
        try:
            corpus = os.path.commonpath(sorted(folders))
        except ValueError:  # absolute and relative paths, or two drives
            corpus = ""
    return Coverage(
        len(documents), dates[0] if dates else None, dates[-1] if dates else None, corpus
    )


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def span_text(first: dt.date | None, last: dt.date | None) -> str:
    """ "24 Feb 2022 – 25 Mar 2023", one date when they agree, "" when unknown."""
    if first is None or last is None:
        return ""
    if first == last:
        return f"{first.day} {first:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def default_title(graph: nx.MultiDiGraph) -> str:
    """A title naming the ego actor or the corpus, and the articles' date span."""
    cover = coverage(graph)
    ego = graph.graph.get("ego")
    if ego is not None and ego in graph:
        radius = int(graph.graph.get("radius") or 1)
        label = graph.nodes[ego].get("label", ego)
        head = f"{label} and the actors within {radius} link{'s' if radius != 1 else ''}"
    elif cover.corpus:
        head = f"Actors and relations in {cover.corpus}"
    elif cover.articles:
        head = f"Actors and relations in {cover.articles} article{'s' * (cover.articles != 1)}"
    else:
        head = "Actor network"
    span = span_text(cover.first, cover.last)
    return f"{head}, {span}" if span else head


# --- page machinery ------------------------------------------------------------------------


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


def environment() -> Environment:
    """The Jinja environment of the page templates (HTML autoescaped)."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )


def template_text(name: str) -> Any:
    """A template file's text, marked safe to put into a page as it is (our own JS and CSS)."""
    return markup((TEMPLATES / name).read_text(encoding="utf-8"))


def markup(text: str) -> Any:
    """Mark already-safe text (escaped JSON, vendored assets) so Jinja does not escape it."""
    from markupsafe import Markup

    return Markup(text)
