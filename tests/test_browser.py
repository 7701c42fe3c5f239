"""The HTML page in a real headless Chromium, with every non-file request blocked.

Uses Debian's chromium (/usr/bin/chromium) through Playwright; no browser is downloaded.
Skips, saying why, when that browser or Playwright is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import headless
from actorgraph import network, render
from headless import Tab
from test_network import (
    ACTORS,
    LUKASHENKO,
    PUTIN,
    RUSSIA,
    UKRAINE,
    ZELENSKY,
    Rel,
    corpus_graphs,
    document_graph,
    load,
)

if headless.unavailable():  # pragma: no cover - depends on the environment
    pytest.skip(str(headless.unavailable()), allow_module_level=True)
pytestmark = pytest.mark.browser

HOSTILE = (
    'Moscow warned <script>window.__pwned = "script"</script> of '
    "<img src=x onerror=\"window.__pwned = 'img'\"> consequences."
)


@pytest.fixture(scope="module")
def html_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus plus an article whose evidence sentence carries script injections."""
    _, hostile = document_graph(
        "d4", "2022-11-02", [Rel(RUSSIA, "THREATEN", UKRAINE, HOSTILE, "2022-11-02")]
    )
    store = load([*corpus_graphs(), hostile])
    graph = network.project(store, kb="all")
    path = tmp_path_factory.mktemp("page") / "graph.html"
    render.write_html(graph, path, title="Test network")
    return path


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with headless.chromium() as browser:
        yield browser


@pytest.fixture
def browser(chromium: Any, html_file: Path) -> Iterator[Tab]:
    tab = Tab(chromium, html_file)
    yield tab
    tab.close()


def test_canvas_is_drawn(browser: Tab) -> None:
    browser.page.wait_for_timeout(300)
    painted = browser.page.evaluate(
        """() => {
          const canvas = document.querySelector('#network canvas');
          const ctx = canvas.getContext('2d');
          const img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let count = 0;
          for (let i = 0; i < img.length; i += 4) {
            const white = img[i] > 250 && img[i + 1] > 250 && img[i + 2] > 250;
            const blank = img[i + 3] === 0 || white;
            if (!blank) count += 1;
          }
          return [count, canvas.width * canvas.height];
        }"""
    )
    count, total = painted
    assert total > 500 * 500
    assert count > 2000, f"only {count} painted pixels"


def test_expected_nodes_and_edges_exist(browser: Tab) -> None:
    labels = browser.page.evaluate("window.actorgraph.data.nodes.map(n => n.label).sort()")
    assert labels == sorted(label for _, label, _, _ in ACTORS.values())
    edge_count = browser.page.evaluate("window.actorgraph.edges.length")
    # CONSULT, ASSAULT with THREATEN (one link from Russia to Ukraine), ACCUSE back, 3 posts
    assert edge_count == 6
    frozen = browser.page.evaluate("window.actorgraph.network.physics.physicsEnabled")
    assert frozen is False  # physics stops once the layout has settled


def test_search_finds_and_selects_an_actor(browser: Tab) -> None:
    page = browser.page
    page.fill("#search", "lukashenko")
    page.press("#search", "Enter")
    selected = page.evaluate("window.actorgraph.network.getSelectedNodes()")
    assert selected == [browser.node_id(LUKASHENKO)]
    assert "Alexander Lukashenko" in page.inner_text("#search-status")
    page.fill("#search", "Nobody Atall")
    page.click("#search-button")
    assert "No actor matches" in page.inner_text("#search-status")
    assert page.evaluate("window.actorgraph.network.getSelectedNodes()") == []


def hover_tooltip(browser: Tab, x: float, y: float) -> str:
    page = browser.page
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    return tooltip.inner_text()


def edge_point(browser: Tab, type_name: str) -> tuple[float, float]:
    """The page position of the middle of the (possibly curved) link holding a relation type."""
    point = browser.page.evaluate(
        """(type) => {
          const a = window.actorgraph;
          const e = a.data.edges.find(x => x.types.some(t => t[0] === type));
          return a.network.body.edges[e.vis.id].edgeType.getPoint(0.5);
        }""",
        type_name,
    )
    return browser.to_screen(float(point["x"]), float(point["y"]))


def test_edge_tooltip_shows_evidence_with_source_and_date(browser: Tab) -> None:
    text = hover_tooltip(browser, *edge_point(browser, "CONSULT"))
    assert "CONSULT ×2" in text
    assert "Putin met Lukashenko in Minsk." in text
    assert "Lukashenko held talks with Putin." in text
    assert "Click the line for all 2 relations" in text


def test_node_tooltip_names_the_actor(browser: Tab) -> None:
    text = hover_tooltip(browser, *browser.to_screen(*browser.position(browser.node_id(PUTIN))))
    assert "Vladimir Putin" in text and "Person" in text and "click for its profile" in text


def test_filters_hide_edges(browser: Tab) -> None:
    page = browser.page
    hidden = "window.actorgraph.edges.get({filter: e => e.hidden}).length"
    # The dates start at the articles' (2022-06-25), not at the 1994 post of the KB, which
    # still shows: it goes on.
    assert page.input_value("#date-from") == "2022-06-25"
    assert page.input_value("#date-to") == "2022-12-19"
    assert page.evaluate(hidden) == 0
    shown = "window.actorgraph.edgeData(e).shown.label"
    link = "window.actorgraph.data.edges.find(x => x.types.some(t => t[0] === 'ASSAULT')).id"
    assert page.evaluate(f"(e => {shown})({link})") == "ASSAULT ×2 (+1)"
    page.uncheck("input.type-filter[value=ASSAULT]")
    # the link stays for the threat it also holds, relabelled
    assert page.evaluate(hidden) == 0
    assert page.evaluate(f"(e => {shown})({link})") == "THREATEN"
    page.uncheck("input.type-filter[value=THREATEN]")
    assert page.evaluate(hidden) == 1
    page.check("input.type-filter[value=ASSAULT]")
    page.check("input.type-filter[value=THREATEN]")
    page.fill("#date-from", "2022-11-01")
    page.dispatch_event("#date-from", "change")
    # The October attack ends before the window; the November threat keeps the link.
    assert page.evaluate(f"(e => {shown})({link})") == "THREATEN"
    page.fill("#date-to", "2022-11-30")
    page.dispatch_event("#date-to", "change")
    hidden_types = page.evaluate(
        "window.actorgraph.edges.get({filter: e => e.hidden})"
        ".map(e => window.actorgraph.edgeData(e.id).types.map(t => t[0]).join()).sort()"
    )
    # Zelensky's post is dated by its December article, outside November; so are the
    # December meeting and accusation (the June meeting too).
    assert hidden_types == ["ACCUSE", "CONSULT", "holdsPosition"]
    assert "3 of 6 links shown" in page.inner_text("#filter-status")
    hidden_nodes = "window.actorgraph.nodes.get({filter: n => n.hidden}).map(n => n.id)"
    assert page.evaluate(hidden_nodes) == [browser.node_id(ZELENSKY)]
    page.uncheck("#hide-isolated")
    assert page.evaluate(hidden_nodes) == []
    page.click("#dates-all")
    assert page.input_value("#date-from") == "1994-07-20"
    page.click("#reset-filters")
    assert page.input_value("#date-from") == "2022-06-25"
    assert page.evaluate(hidden) == 0
    assert page.evaluate(hidden_nodes) == []


def test_injected_markup_stays_text(browser: Tab) -> None:
    page = browser.page
    page.mouse.click(*edge_point(browser, "THREATEN"))
    panel = page.locator("#details")
    panel.wait_for(state="visible", timeout=5000)
    text = panel.inner_text()
    assert "THREATEN" in text
    assert '<script>window.__pwned = "script"</script>' in text
    assert "<img src=x onerror=" in text
    html = page.inner_html("#details")
    assert "&lt;script&gt;" in html and "<script" not in html and "<img" not in html
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0


def test_large_graph_is_cut_to_the_most_central_and_says_so(chromium: Any, tmp_path: Path) -> None:
    """A 300-actor graph drawn with --max-nodes 100: 100 nodes, a visible note, a drawn page."""
    import networkx as nx

    base = nx.barabasi_albert_graph(300, 2, seed=3)
    graph = nx.MultiDiGraph()
    for node in base:
        graph.add_node(f"a{node}", label=f"Actor {node}", type="Person")
    for u, v in base.edges:
        graph.add_edge(
            f"a{u}",
            f"a{v}",
            key="CONSULT",
            type="CONSULT",
            count=1,
            score=2.1,
            family="interaction",
            directed=False,
            evidence=[],
        )
    path = tmp_path / "large.html"
    result = render.write_html(graph, path, options=render.RenderOptions(max_nodes=100))
    assert result.truncated
    tab = Tab(chromium, path, width=1200, height=800)
    page = tab.page
    assert page.evaluate("window.actorgraph.nodes.length") == 100
    note = page.locator("#truncation-note")
    assert note.is_visible()
    assert "100 most central of 300 actors" in note.inner_text()
    # The hub of a preferential-attachment graph is among the kept actors.
    hubs = sorted(base.degree, key=lambda item: -item[1])[:3]
    labels = set(page.evaluate("window.actorgraph.data.nodes.map(n => n.label)"))
    assert {f"Actor {n}" for n, _ in hubs} <= labels
    tab.close()


def test_empty_graph_says_so(chromium: Any, tmp_path: Path) -> None:
    import networkx as nx

    path = tmp_path / "empty.html"
    render.write_html(nx.MultiDiGraph(), path)
    tab = Tab(chromium, path)
    assert "No actors or relations match" in tab.page.inner_text("#network")
    tab.close()
