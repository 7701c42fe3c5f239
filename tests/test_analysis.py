"""Analysis on small hand-made actor graphs, and exports re-read with networkx."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest

from actorgraph import analysis
from actorgraph.errors import ActorgraphError


def add(
    graph: nx.MultiDiGraph,
    u: str,
    v: str,
    type_: str = "CONSULT",
    count: int = 1,
    score: float | None = 1.0,
    family: str = "interaction",
) -> None:
    """An edge shaped like the projection's, with one evidence record per relation."""
    for node in (u, v):
        if node not in graph:
            graph.add_node(node, label=node.upper(), type="Person", country=None, wikidata=None)
    graph.add_edge(
        u,
        v,
        key=type_,
        type=type_,
        family=family,
        directed=True,
        count=count,
        score=score,
        score_total=None if score is None else score * count,
        first_date=dt.date(2022, 1, 1),
        last_date=dt.date(2022, 12, 31),
        factuality={"asserted": count},
        relations=[f"rel/{u}-{v}-{i}" for i in range(count)],
        evidence=[
            {
                "relation": f"rel/{u}-{v}-{i}",
                "sentence": f"{u} & {v} <met>",
                "document": "d1",
                "date": "2022-01-01",
                "title": "T",
                "evidence": f"ev/{i}",
                "factuality": "asserted",
            }
            for i in range(count)
        ],
        roles=[],
        modes=["in person"],
        kb=False,
    )


def star(leaves: int = 6) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for i in range(leaves):
        # Edges point both ways across the star: direction must not decide centrality.
        if i % 2:
            add(graph, f"leaf{i}", "hub")
        else:
            add(graph, "hub", f"leaf{i}")
    return graph


def barbell() -> nx.MultiDiGraph:
    """Two 5-cliques, a1..a5 and b1..b5, joined by the single bridge a1 - b1."""
    graph = nx.MultiDiGraph()
    for side in "ab":
        members = [f"{side}{i}" for i in range(1, 6)]
        for i, u in enumerate(members):
            for v in members[i + 1 :]:
                add(graph, u, v, count=3)
    add(graph, "a1", "b1", type_="ACCUSE", score=-2.0)
    return graph


def test_star_hub_is_most_central() -> None:
    result = analysis.analyse(star())
    hub = result.actors[0]
    assert hub.id == "hub"
    assert hub.degree == 6
    assert result.top("betweenness", 1)[0].id == "hub"
    assert result.top("degree_centrality", 1)[0].id == "hub"
    assert hub.betweenness == pytest.approx(1.0)
    assert all(a.betweenness == 0 for a in result.actors if a.id != "hub")
    assert sum(a.pagerank for a in result.actors) == pytest.approx(1.0)
    assert result.betweenness_exact is True


def test_two_cliques_and_a_bridge() -> None:
    graph = barbell()
    result = analysis.analyse(graph)
    assert sorted(map(sorted, result.communities)) == [
        [f"a{i}" for i in range(1, 6)],
        [f"b{i}" for i in range(1, 6)],
    ]
    top_two = {a.id for a in result.top("betweenness", 2)}
    assert top_two == {"a1", "b1"}
    by_id = {a.id: a for a in result.actors}
    assert by_id["a1"].community != by_id["b1"].community
    assert by_id["a2"].betweenness == 0
    assert result.components == 1
    assert result.relations == 2 * 10 * 3 + 1


def test_communities_are_stable_between_runs() -> None:
    graph = barbell()
    assert analysis.communities(graph) == analysis.communities(graph.copy())


def test_betweenness_is_sampled_above_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS_MAX_NODES", 5)
    values, exact = analysis.betweenness(barbell())
    assert exact is False
    assert set(values) == {f"{s}{i}" for s in "ab" for i in range(1, 6)}
    assert max(values, key=values.__getitem__) in {"a1", "b1"}


def test_cooperative_and_conflictual_pairs() -> None:
    graph = nx.MultiDiGraph()
    add(graph, "x", "y", "CONSULT", count=2, score=1.0)
    add(graph, "y", "x", "AID", count=1, score=7.0)
    add(graph, "x", "z", "ASSAULT", count=3, score=-10.0)
    add(graph, "z", "x", "CONSULT", count=1, score=1.0)
    add(graph, "y", "z", "ACCUSE", count=1, score=-2.0)
    add(graph, "z", "w", "holdsPosition", score=None, family="affiliation")
    coop = analysis.most_cooperative(graph)
    assert [(p.source, p.target) for p in coop] == [("x", "y")]
    assert coop[0].events == 3
    assert coop[0].score_total == pytest.approx(9.0)
    assert coop[0].score_mean == pytest.approx(3.0)
    assert coop[0].types == ["AID", "CONSULT"]
    conflict = analysis.most_conflictual(graph)
    assert [(p.source, p.target) for p in conflict] == [("x", "z"), ("y", "z")]
    assert conflict[0].score_total == pytest.approx(-29.0)
    assert conflict[0].score_mean == pytest.approx(-29.0 / 4)
    assert analysis.most_conflictual(graph, 1) == conflict[:1]


def test_empty_graph() -> None:
    result = analysis.analyse(nx.MultiDiGraph())
    assert result.nodes == 0 and result.actors == [] and result.communities == []


def test_graphml_round_trip(tmp_path: Path) -> None:
    graph = barbell()
    result = analysis.analyse(graph)
    path = analysis.export(graph, tmp_path / "g.graphml", analysis=result)
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["a1"]["label"] == "A1"
    assert back.nodes["a1"]["community"] != back.nodes["b1"]["community"]
    assert "country" not in back.nodes["a1"]  # None values are left out, not written as "None"
    bridge = next(d for u, v, d in back.edges(data=True) if {u, v} == {"a1", "b1"})
    assert bridge["type"] == "ACCUSE"
    assert bridge["count"] == 1
    assert bridge["score"] == -2.0
    assert bridge["first_date"] == "2022-01-01"
    assert bridge["factuality_asserted"] == 1 and bridge["factuality_negated"] == 0
    assert json.loads(bridge["evidence"])[0]["sentence"] == "a1 & b1 <met>"
    assert not list(tmp_path.glob(".*.tmp"))


def test_gexf_round_trip(tmp_path: Path) -> None:
    graph = star()
    path = analysis.export(graph, tmp_path / "g.gexf", analysis=analysis.analyse(graph))
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["hub"]["label"] == "HUB"
    assert back.nodes["hub"]["pagerank"] > back.nodes["leaf1"]["pagerank"]
    data = next(iter(back.edges(data=True)))[2]
    assert data["modes"] == "in person"
    assert data["count"] == 1


def test_json_node_link_round_trip(tmp_path: Path) -> None:
    graph = barbell()
    path = analysis.export(graph, tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="links")
    assert isinstance(back, nx.MultiDiGraph)
    assert back.number_of_edges() == graph.number_of_edges()
    edge = back.edges["a1", "b1", "ACCUSE"]
    assert edge["first_date"] == "2022-01-01"
    assert edge["evidence"][0]["sentence"] == "a1 & b1 <met>"
    assert edge["factuality"] == {"asserted": 1}


def test_unknown_export_format(tmp_path: Path) -> None:
    with pytest.raises(ActorgraphError, match="not one of"):
        analysis.export(star(), tmp_path / "g.xlsx")
    assert not (tmp_path / "g.xlsx").exists()
