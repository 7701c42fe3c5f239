"""A notebook-friendly handle on a store: build, ask, analyse and look, with DataFrames back.

`actorgraph.open(location)` returns an `ActorGraph`; every method is a short call into the
modules that the CLI uses too (build, queries, network, analysis, render).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
from rdflib import Graph

from actorgraph import analysis, network, queries, render
from actorgraph.build import BuildSummary, build, count
from actorgraph.errors import ActorgraphError
from actorgraph.store import SelectResult, Store, open_store


@dataclass
class InlineGraph:
    """An interactive graph page shown inline: the page goes into an iframe's `srcdoc`, so it
    needs no server and no file, and shows in JupyterLab, classic Notebook, VS Code and Colab."""

    page: str
    height: int = 600

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page as a standalone HTML file."""
        from actorgraph.fileio import atomic_write_text

        target = Path(path)
        atomic_write_text(target, self.page)
        return target


class ActorGraph:
    """An open store with the questions users ask of it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- building ---------------------------------------------------------------------------

    def build(
        self,
        *paths: str | Path,
        date: str | None = None,
        model: str | None = None,
        min_confidence: float = 0.0,
    ) -> BuildSummary:
        """Ingest articles (files or folders) into the store; returns the build summary.
        Relations less confident than `min_confidence` are not stored."""
        paths_ = [Path(p) for p in paths]
        return build(paths_, self.store, date=date, model=model, min_confidence=min_confidence)

    # --- asking -----------------------------------------------------------------------------

    def query(self, spec: str, **params: Any) -> pd.DataFrame:
        """Run a named query, a .rq file or SPARQL text; parameters are bound, never pasted."""
        result = self.run(spec, **params)
        if not isinstance(result, pd.DataFrame):
            raise ActorgraphError("query() returns tables: use a SELECT query")
        return result

    def run(self, spec: str, **params: Any) -> pd.DataFrame | Graph | bool:
        """Any query: a DataFrame for SELECT, an rdflib Graph for CONSTRUCT and DESCRIBE, a bool
        for ASK."""
        result = queries.run(self.store, spec, {k: str(v) for k, v in params.items()})
        return result.to_dataframe() if isinstance(result, SelectResult) else result

    @staticmethod
    def queries() -> pd.DataFrame:
        """The named queries with their descriptions and parameters."""
        rows = [
            {
                "name": q.name,
                "description": q.description,
                "parameters": ", ".join(p.name + ("" if p.required else "?") for p in q.params),
            }
            for q in queries.library().values()
        ]
        return pd.DataFrame(rows)

    def actors(self, type: str | None = None) -> pd.DataFrame:
        """Every actor with its class, country and how many relations and documents involve it
        (0 for knowledge-base actors that no article mentions)."""
        frame = self.query("actors", **({"type": type} if type else {}))
        counts = ["relations", "documents"]
        frame[counts] = frame[counts].fillna(0).astype(int)
        return frame

    def evidence(self, source: str, target: str | None = None, type: str | None = None) -> Any:
        """The sentences behind the relations from `source` (to `target`, of `type`)."""
        params = {"source": source, "target": target, "type": type}
        return self.query("evidence", **{k: v for k, v in params.items() if v})

    # --- analysing --------------------------------------------------------------------------

    def network(self, view: str = "all", **options: Any) -> nx.MultiDiGraph:
        """The actor network (networkx): view "all", "affiliations" or "interactions", and
        optional start/end dates, relation types and factuality values."""
        return network.project(self.store, view=view, **options)

    def ego(self, actor: str, radius: int = 1, view: str = "all") -> nx.MultiDiGraph:
        """The actors within `radius` links of `actor` (IRI, KB key or name)."""
        return network.ego_of(self.network(view), actor, radius)

    def analyse(self, view: str = "all", top: int = 10) -> analysis.Analysis:
        """Centrality, communities and the most cooperative and conflictual pairs."""
        return analysis.analyse(self.network(view), top=top)

    def centrality(self, view: str = "all", top: int = 10) -> pd.DataFrame:
        """Actors ranked by PageRank, with degree, betweenness and community."""
        frame = pd.DataFrame([vars(a) for a in self.analyse(view, top).actors])
        return frame.head(top)

    # --- looking ----------------------------------------------------------------------------

    def show(
        self,
        graph: nx.MultiDiGraph | None = None,
        view: str = "all",
        height: int = 600,
        title: str | None = None,
        max_nodes: int = render.DEFAULT_MAX_NODES,
    ) -> InlineGraph:
        """The interactive graph, inline in a notebook (no server, no network needed); the
        title names the corpus and the articles' dates unless given."""
        options = render.RenderOptions(max_nodes=max_nodes)
        page, _ = render.html_page(
            graph if graph is not None else self.network(view), title, options
        )
        return InlineGraph(page, height)

    def summary(self) -> dict[str, int]:
        """How much the store holds (the numbers of the build summary, `build.StoreCounts`)."""
        return dataclasses.asdict(count(self.store))

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{k}</th><td>{v:,}</td></tr>"
            for k, v in self.summary().items()
        )
        return f"<table><caption>actorgraph store</caption>{rows}</table>"

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> ActorGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(location: str | Path | None = None, read_only: bool = False) -> ActorGraph:
    """Open (or create) a store: a folder for the embedded store, or a SPARQL endpoint URL;
    `read_only` opens an existing embedded store for reading alongside other readers."""
    return ActorGraph(open_store(location, read_only=read_only))


def build_graph(paths: Iterable[str | Path], location: str | Path | None = None) -> ActorGraph:
    """Open a store and ingest `paths` into it in one call."""
    graph = open(location)
    graph.build(*paths)
    return graph
