"""actorgraph: news about politics, diplomacy and conflict as a knowledge graph of actors.

>>> import actorgraph
>>> ag = actorgraph.open("actorgraph-store")   # a folder, or a SPARQL endpoint URL
>>> ag.build("data/articles")
>>> ag.query("who-met-whom")                   # a pandas DataFrame
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "open"]

if TYPE_CHECKING:
    from actorgraph.explore import ActorGraph


def open(location: Any = None, read_only: bool = False) -> ActorGraph:
    """Open (or create) a store: a folder for the embedded store, or a SPARQL endpoint URL."""
    from actorgraph.explore import open as open_graph

    return open_graph(location, read_only=read_only)
