"""What is drawn between two actors: one link per actor pair and direction (and relation family),
its label, width and cooperation-conflict colour, and the relations behind it as evidence rows.

The projection has one edge per (source, target, relation type); a reader wants one line per
pair and direction that says "ASSAULT ×5", so the edges of a pair are folded here. Relations of
symmetric types (CONSULT, AGREE ...) join the pair's busier direction, or make an undirected
link when the pair has no directed relation. Affiliations (posts, memberships) stay links of
their own, drawn quieter than interactions.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx

from actorgraph.render.style import AFFILIATION, AFFILIATION_WORDS, balance_color

EVIDENCE_PER_LINK = 60
"""Evidence rows a link's panel lists (the rest are counted)."""


@dataclass
class Link:
    """The relations of one family from one actor to another (or between them, undirected)."""

    source: str
    target: str
    family: str  # interaction | affiliation
    directed: bool = True
    types: Counter[str] = field(default_factory=Counter)
    cooperative: int = 0
    conflictual: int = 0
    asserted: bool = False
    edges: list[tuple[Any, Any, dict[str, Any]]] = field(default_factory=list)

    def add(self, u: Any, v: Any, data: dict[str, Any]) -> None:
        """Fold one projected edge (all relations of one type) into the link."""
        count = int(data.get("count") or 1)
        self.types[str(data.get("type"))] += count
        score = data.get("score")
        if self.family == "interaction" and score:
            if score > 0:
                self.cooperative += count
            else:
                self.conflictual += count
        facts = data.get("factuality") or {}
        self.asserted = (
            self.asserted or not facts or bool(facts.get("asserted") or facts.get("reported"))
        )
        self.edges.append((u, v, data))

    @property
    def count(self) -> int:
        return sum(self.types.values())

    @property
    def dominant(self) -> str:
        """The type with most relations (ties: alphabetical)."""
        return min(self.types.items(), key=lambda item: (-item[1], item[0]))[0]

    @property
    def label(self) -> str:
        """ "CONSULT ×3", "ASSAULT ×5 (+2)" when other types join, a role for a post held."""
        if self.family == "affiliation":
            roles = sorted({r for *_, data in self.edges for r in data.get("roles") or []})
            words = ", ".join(roles[:2]) if roles else AFFILIATION_WORDS.get(self.dominant, "")
            return words or self.dominant
        top = self.types[self.dominant]
        text = f"{self.dominant} ×{top}" if top > 1 else self.dominant
        rest = self.count - top
        return f"{text} (+{rest})" if rest else text

    @property
    def color(self) -> str:
        if self.family == "affiliation":
            return AFFILIATION
        return balance_color(self.cooperative, self.conflictual)

    @property
    def width(self) -> float:
        """Line width in pixels, growing with the log of the number of relations."""
        if self.family == "affiliation":
            return 1.0
        return round(1.5 + 1.6 * (self.count - 1) ** 0.5, 2)

    def dates(self) -> tuple[dt.date | None, dt.date | None, bool]:
        """First and last date of its relations, and whether one still goes on."""
        data = [d for *_, d in self.edges]
        firsts = [d["first_date"] for d in data if isinstance(d.get("first_date"), dt.date)]
        lasts = [d["last_date"] for d in data if isinstance(d.get("last_date"), dt.date)]
        ongoing = any(d.get("ongoing") for d in data)
        return (min(firsts) if firsts else None, max(lasts) if lasts else None, ongoing)


def aggregate(graph: nx.MultiDiGraph) -> list[Link]:
    """One link per actor pair, direction and family (see the module docstring)."""
    groups: dict[tuple[frozenset[Any], str], list[tuple[Any, Any, dict[str, Any]]]] = {}
    for u, v, data in graph.edges(data=True):
        family = str(data.get("family") or "interaction")
        groups.setdefault((frozenset((u, v)), family), []).append((u, v, data))
    links: list[Link] = []
    for (_, family), edges in groups.items():
        by_direction: dict[tuple[Any, Any], Link] = {}
        mutual = []
        for u, v, data in edges:
            if data.get("directed", True):
                link = by_direction.setdefault((u, v), Link(u, v, family))
                link.add(u, v, data)
            else:
                mutual.append((u, v, data))
        if mutual and by_direction:
            busiest = max(by_direction.values(), key=lambda lk: (lk.count, str(lk.source)))
            for u, v, data in mutual:
                busiest.add(u, v, data)
        elif mutual:
            u, v, _ = mutual[0]
            link = Link(u, v, family, directed=False)
            for u, v, data in mutual:
                link.add(u, v, data)
            by_direction[(u, v)] = link
        links.extend(by_direction.values())
    links.sort(key=lambda lk: (lk.family != "interaction", -lk.count, str(lk.source), lk.target))
    return links


# --- evidence rows -----------------------------------------------------------------------------


def names_of(attrs: dict[str, Any]) -> list[str]:
    """The names an actor goes by in sentences: label, aliases and a person's surname."""
    label = str(attrs.get("label") or "")
    names = {label, *(str(a) for a in attrs.get("aliases") or [])}
    if attrs.get("type") == "Person" and " " in label:
        surname = label.rsplit(" ", 1)[-1]
        if len(surname) > 2:
            names.add(surname)
    return sorted((n for n in names if len(n) > 1), key=lambda n: (-len(n), n))


def marks(sentence: str, names: list[tuple[str, list[str]]]) -> list[list[Any]]:
    """[start, end, role] of each actor's names in the sentence, longest names first, none
    overlapping; `names` pairs a role ("source", "target") with the names to find."""
    found: list[list[Any]] = []
    taken = [False] * len(sentence)
    flat = sorted(
        ((name, role) for role, group in names for name in group), key=lambda x: -len(x[0])
    )
    for name, role in flat:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence):
            start, end = match.span()
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                found.append([start, end, role])
    return sorted(found)


def document_link(path: str, url: str, base: Path | None) -> str:
    """Where the article can be opened: its web address, else its file (relative to the page's
    folder when the page is a file, else as a file: URL); empty when the file is not here."""
    if url.startswith(("https://", "http://")):
        return url
    if not path:
        return ""
    if path.startswith(("https://", "http://")):
        return path
    file = Path(path)
    if not file.is_absolute():
        file = Path.cwd() / file
    if not file.is_file():
        return ""
    if base is None:
        return file.resolve().as_uri()
    relative = os.path.relpath(file.resolve(), base.resolve())
    return quote(Path(relative).as_posix())


def _when(data: dict[str, Any]) -> str:
    first, last = data.get("first_date"), data.get("last_date")
    if not isinstance(first, dt.date):
        return ""
    if data.get("ongoing"):
        return f"since {first.isoformat()}"
    if isinstance(last, dt.date) and last != first:
        return f"{first.isoformat()} to {last.isoformat()}"
    return first.isoformat()


def evidence_rows(
    link: Link, graph: nx.MultiDiGraph, base: Path | None, limit: int = EVIDENCE_PER_LINK
) -> tuple[list[dict[str, Any]], int]:
    """The rows of a link's evidence panel, oldest first, and how many more were left out."""
    rows = []
    for u, v, data in link.edges:
        rows.extend(relation_rows(u, v, data, graph, base))
    rows.sort(key=lambda r: (r["date"] or "9999", r["type"], r["sentence"]))
    return rows[:limit], max(0, len(rows) - limit)


def relation_rows(
    u: Any, v: Any, data: dict[str, Any], graph: nx.MultiDiGraph, base: Path | None
) -> list[dict[str, Any]]:
    """One row per relation of a projected edge: its evidence, or the knowledge base's word."""
    nodes = graph.nodes
    rows = []
    seen = set()
    for ev in data.get("evidence") or []:
        seen.add(ev.get("relation"))
        source = ev.get("source") or u
        target = ev.get("target") or v
        sentence = str(ev.get("sentence", ""))
        rows.append(
            {
                "type": str(ev.get("type") or data.get("type")),
                "source": str(nodes[source].get("label", source)) if source in nodes else "",
                "target": str(nodes[target].get("label", target)) if target in nodes else "",
                "directed": bool(data.get("directed", True)),
                "mode": ev.get("mode", ""),
                "date": ev.get("date", ""),
                "factuality": ev.get("factuality", ""),
                "saidBy": ev.get("attributed_to", ""),
                "sentence": sentence,
                "marks": marks(
                    sentence,
                    [
                        ("source", names_of(dict(nodes[source])) if source in nodes else []),
                        ("target", names_of(dict(nodes[target])) if target in nodes else []),
                    ],
                ),
                "title": ev.get("title", ""),
                "articleDate": ev.get("document_date", ""),
                "where": ev.get("url") or ev.get("path") or ev.get("document", ""),
                "href": document_link(ev.get("path", ""), ev.get("url", ""), base),
            }
        )
    kb_only = int(data.get("count") or 1) - len(seen)
    if data.get("kb") and kb_only > 0:
        rows.append(
            {
                "type": str(data.get("type")),
                "source": str(nodes[u].get("label", u)),
                "target": str(nodes[v].get("label", v)),
                "directed": bool(data.get("directed", True)),
                "mode": ", ".join(data.get("roles") or []),
                "date": _when(data),
                "factuality": "asserted",
                "saidBy": "",
                "sentence": "",
                "marks": [],
                "title": "knowledge base",
                "articleDate": "",
                "where": "",
                "href": "",
            }
        )
    return rows
