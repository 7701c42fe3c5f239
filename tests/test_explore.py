"""The notebook API: open a store, build, ask, analyse and show, with DataFrames back."""

from __future__ import annotations

import html
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import actorgraph
from actorgraph.errors import ActorgraphError

ARTICLE = (
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday.\n\n"
    "The two leaders signed an agreement on energy cooperation.\n"
)


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> actorgraph.explore.ActorGraph:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "macron-scholz.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "macron-scholz.json").write_text('{"date": "2023-01-10"}', encoding="utf-8")
    ag = actorgraph.open(tmp_path_factory.mktemp("store") / "store")
    summary = ag.build(folder)
    assert summary.written == ["macron-scholz"]
    yield ag
    ag.close()


def test_query_returns_a_dataframe_with_bound_parameters(graph) -> None:
    meetings = graph.query("who-met-whom", actor="Emmanuel Macron")
    assert isinstance(meetings, pd.DataFrame)
    assert "Olaf Scholz" in set(meetings["otherLabel"])


def test_actors_and_summary_count_what_was_built(graph) -> None:
    actors = graph.actors()
    mentioned = set(actors[actors["documents"] > 0]["label"])
    assert {"Emmanuel Macron", "Olaf Scholz"} <= mentioned
    summary = graph.summary()
    assert summary["documents"] == 1
    assert summary["relations"] >= 1
    assert "<table>" in graph._repr_html_()


def test_network_and_analysis(graph) -> None:
    network = graph.network()
    assert isinstance(network, nx.MultiDiGraph)
    assert network.number_of_edges() >= 1
    ranks = graph.centrality(top=5)
    assert len(ranks) <= 5
    assert list(ranks["pagerank"]) == sorted(ranks["pagerank"], reverse=True)


def test_show_embeds_the_page_in_srcdoc(graph, tmp_path: Path) -> None:
    view = graph.show(height=400)
    shown = view._repr_html_()
    assert shown.startswith("<iframe srcdoc=")
    assert "height:400px" in shown
    assert html.unescape(shown.split('srcdoc="', 1)[1].split('" style=', 1)[0]) == view.page
    assert view.save(tmp_path / "g.html").read_text(encoding="utf-8") == view.page


def test_evidence_follows_an_edge_to_its_sentence(graph) -> None:
    rows = graph.evidence("Emmanuel Macron", "Olaf Scholz")
    assert len(rows) >= 1
    for _, row in rows.iterrows():
        assert ARTICLE[int(row["start"]) : int(row["end"])].strip() in ARTICLE


def test_query_rejects_non_select(graph) -> None:
    with pytest.raises(ActorgraphError):
        graph.query("ASK { ?s ?p ?o }")


def test_function_api_builds_and_queries_through_the_facade(tmp_path: Path) -> None:
    from rdflib import Graph

    from actorgraph import api

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "macron-scholz.txt").write_text(ARTICLE, encoding="utf-8")
    location = tmp_path / "store"
    assert api.build([folder], location, date="2023-01-10").written == ["macron-scholz"]
    assert api.build([folder], location, date="2023-01-10").unchanged == ["macron-scholz"]
    meetings = api.query("who-met-whom", {"actor": "Emmanuel Macron"}, location)
    assert isinstance(meetings, pd.DataFrame) and "Olaf Scholz" in set(meetings["otherLabel"])
    assert api.query("ASK { ?d a <https://w3id.org/actorgraph#Document> }", location=location)
    described = api.query(
        "CONSTRUCT { ?d ?p ?o } WHERE { ?d a <https://w3id.org/actorgraph#Document> ; ?p ?o }",
        location=location,
    )
    assert isinstance(described, Graph) and len(described) > 0
    with actorgraph.open(location, read_only=True) as graph:
        assert graph.summary()["documents"] == 1
        with pytest.raises(ActorgraphError):
            graph.build(folder)
