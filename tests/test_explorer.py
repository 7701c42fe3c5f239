"""The explorer an analyst reads: links folded per pair and direction, evidence and profiles in
a side panel, titles and dates that fit the articles, a PNG without overlapping labels, and a
timeline of two sides. Browser tests drive Debian's headless Chromium with every non-file
request blocked, and look at screenshots of each view."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import SKOS, Literal, URIRef
from rdflib.namespace import DCTERMS

import headless
from actorgraph import network, render
from actorgraph.analysis import pagerank
from actorgraph.store import Store
from actorgraph.vocab import AG
from headless import Tab
from test_network import (
    BELARUS,
    LUKASHENKO,
    PUTIN,
    RUSSIA,
    UKRAINE,
    ZELENSKY,
    Rel,
    document_graph,
    kb_graph,
    load,
    scores_graph,
)

SHELLING = "Russian artillery shelled Ukrainian positions near the river."
DEPOT = "Russia struck a fuel depot in Ukraine overnight."
COMPLAINT = "Ukraine accused Russia of shelling a school."
CALL = "Putin spoke with Lukashenko by phone about the exercises."
TALKS = "Delegations of Russia and Ukraine met again on Sunday."
WARNING = "Putin warned Zelensky against joining the alliance."
STORY_URL = "https://news.example.org/2022/04/talks"


def corpus(folder: Path) -> list[Any]:
    """Two articles (one a file on disk, one from the web) and a knowledge base."""
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (articles / "march.txt").write_text(f"{SHELLING} {DEPOT}", encoding="utf-8")
    doc1, march = document_graph(
        "march",
        "2022-03-01",
        [
            Rel(RUSSIA, "ASSAULT", UKRAINE, SHELLING, "2022-03-01"),
            Rel(RUSSIA, "ASSAULT", UKRAINE, DEPOT, "2022-03-02"),
            Rel(UKRAINE, "ACCUSE", RUSSIA, COMPLAINT, "2022-03-03"),
            Rel(PUTIN, "CONSULT", LUKASHENKO, CALL, "2022-03-04"),
        ],
    )
    march.add((doc1, AG.path, Literal(str(articles / "march.txt"))))
    march.add((URIRef(f"{doc1}/rel/0"), AG.mode, Literal("heavy-weapons")))
    march.add((URIRef(f"{doc1}/rel/0"), AG.attributedTo, URIRef(ZELENSKY)))
    march.add((URIRef(RUSSIA), AG.demonym, Literal("Russian")))
    march.add((URIRef(UKRAINE), AG.demonym, Literal("Ukrainian")))
    march.add((URIRef(PUTIN), SKOS.altLabel, Literal("Putin")))
    doc2, april = document_graph(
        "april",
        "2022-04-10",
        [
            Rel(RUSSIA, "CONSULT", UKRAINE, TALKS, "2022-04-10"),
            Rel(PUTIN, "THREATEN", ZELENSKY, WARNING, "2022-04-12"),
            Rel(ZELENSKY, "holdsPosition", UKRAINE, "President Zelensky spoke.", role="president"),
        ],
    )
    april.add((doc2, AG.path, Literal("feeds/april.json")))
    april.add((doc2, DCTERMS.source, Literal(STORY_URL)))
    april.remove((doc2, DCTERMS.title, None))
    april.add((doc2, DCTERMS.title, Literal("Talks resume")))
    kb = kb_graph(
        [
            Rel(PUTIN, "holdsPosition", RUSSIA, role="president", start="2012-05-07"),
            Rel(LUKASHENKO, "holdsPosition", BELARUS, role="president", start="1994-07-20"),
        ]
    )
    return [march, april, kb, scores_graph()]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("explorer")


@pytest.fixture(scope="module")
def store(folder: Path) -> Store:
    return load(corpus(folder))


@pytest.fixture(scope="module")
def graph(store: Store) -> nx.MultiDiGraph:
    return network.project(store, kb="all")


def edge(graph: nx.MultiDiGraph, u: str, v: str, **data: Any) -> None:
    data.setdefault("count", 1)
    data.setdefault("evidence", [])
    graph.add_edge(u, v, key=data["type"], **data)


# --- links: one per pair and direction ---------------------------------------------------------


def test_one_link_per_pair_and_direction_with_dominant_label_width_and_balance() -> None:
    g = nx.MultiDiGraph()
    for name in ("a", "b", "c", "d", "e"):
        g.add_node(name, label=name.upper(), type="Country")
    interaction = {"family": "interaction"}
    edge(g, "a", "b", type="ASSAULT", count=3, score=-9.3, **interaction)
    edge(g, "a", "b", type="ACCUSE", count=1, score=-2.0, **interaction)
    edge(g, "a", "b", type="CONSULT", count=1, score=2.1, directed=False, **interaction)
    edge(g, "b", "a", type="ACCUSE", count=1, score=-2.0, **interaction)
    edge(g, "c", "a", type="holdsPosition", family="affiliation", roles=["president"])
    edge(g, "d", "e", type="AGREE", count=2, score=4.2, directed=False, **interaction)
    links = {(lk.source, lk.target, lk.family): lk for lk in render.aggregate(g)}
    assert set(links) == {
        ("a", "b", "interaction"),
        ("b", "a", "interaction"),
        ("c", "a", "affiliation"),
        ("d", "e", "interaction"),
    }
    ab, ba = links["a", "b", "interaction"], links["b", "a", "interaction"]
    # the meeting joins the busier direction; the label names the dominant type
    assert ab.count == 5 and ab.label == "ASSAULT ×3 (+2)" and ab.directed
    assert (ab.cooperative, ab.conflictual) == (1, 4)
    assert ba.label == "ACCUSE" and ba.color == render.CONFLICT
    # mostly conflict: between the amber of a mixed link and the red of pure conflict
    assert ab.color == render.balance_color(1, 4) not in (render.CONFLICT, render.MIXED)
    assert ab.width > ba.width
    assert links["d", "e", "interaction"].directed is False
    assert links["d", "e", "interaction"].color == render.COOPERATION
    post = links["c", "a", "affiliation"]
    assert post.label == "president" and post.color == render.AFFILIATION
    assert post.width < ba.width  # affiliations are drawn quieter


def test_evidence_rows_name_the_relation_its_source_and_article(
    graph: nx.MultiDiGraph, folder: Path
) -> None:
    data = render.page_data(graph, render.RenderOptions(), base=folder)
    link = next(
        e for e in data["edges"] if (e["sourceLabel"], e["targetLabel"]) == ("Russia", "Ukraine")
    )
    assert link["label"] == "ASSAULT ×2 (+1)"
    shelling = next(r for r in link["rows"] if r["sentence"] == SHELLING)
    assert shelling["type"] == "ASSAULT" and shelling["mode"] == "heavy-weapons"
    assert shelling["date"] == "2022-03-01" and shelling["factuality"] == "asserted"
    assert shelling["saidBy"] == "Volodymyr Zelensky"
    assert shelling["title"] == "Article march" and shelling["articleDate"] == "2022-03-01"
    assert shelling["href"] == "articles/march.txt"  # next to the page, relative
    marked = [(SHELLING[s:e], role) for s, e, role in shelling["marks"]]
    assert marked == [("Russian", "source"), ("Ukrainian", "target")]
    talks = next(r for r in link["rows"] if r["sentence"] == TALKS)
    assert talks["href"] == STORY_URL and talks["title"] == "Talks resume"
    assert talks["source"] == "Russia" and talks["directed"] is False


def test_title_and_date_filter_follow_the_articles(graph: nx.MultiDiGraph, folder: Path) -> None:
    page, _ = render.html_page(graph)
    # the articles share no folder (one is a file here, one came from a feed): they are counted
    assert "<title>Actors and relations in 2 articles, 1 Mar 2022 – 10 Apr 2022</title>" in page
    assert 'id="date-from" value="2022-03-01" min="1994-07-20"' in page
    # the warning, dated two days after its article, is in the default window too
    assert 'id="date-to" value="2022-04-12"' in page
    assert "2 articles" in page
    ego = network.ego_of(graph, "Vladimir Putin", radius=1)
    ego_page, _ = render.html_page(ego)
    assert "<title>Vladimir Putin and the actors within 1 link, 1 Mar 2022 – 10 Apr 2022" in (
        ego_page
    )


def test_title_names_the_corpus_folder(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", type="Country")
    g.add_node("b", label="B", type="Country")
    evidence = [
        {"document": f"doc{i}", "document_date": day, "path": f"news/2023/{name}.txt"}
        for i, (day, name) in enumerate([("2023-01-05", "x"), ("2023-02-07", "y")])
    ]
    edge(g, "a", "b", type="AID", family="interaction", score=7.4, evidence=evidence)
    assert render.default_title(g) == "Actors and relations in news/2023, 5 Jan 2023 – 7 Feb 2023"


# --- the PNG -------------------------------------------------------------------------------------


def overlapping(labels: list[tuple[str, tuple[float, float, float, float]]]) -> list[Any]:
    found = []
    for i, (text, (x0, y0, x1, y1)) in enumerate(labels):
        for other, (a0, b0, a1, b1) in labels[i + 1 :]:
            if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                found.append((text, other))
    return found


def test_png_labels_never_overlap_and_links_are_labelled(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    result = render.write_png(graph, tmp_path / "g.png")
    texts = [text for text, _ in result.labels]
    assert overlapping(result.labels) == []
    assert {graph.nodes[v]["label"] for v in graph} <= set(texts)
    assert "ASSAULT ×2 (+1)" in texts and "THREATEN" in texts
    from PIL import Image

    image = Image.open(io.BytesIO((tmp_path / "g.png").read_bytes())).convert("RGB")
    assert image.size[0] > 1500
    # the legend is there: the conflict, mixed and cooperation swatches are drawn
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20) or []}
    for hex_colour in (render.CONFLICT, render.MIXED, render.COOPERATION):
        rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, hex_colour


def test_png_of_a_dense_graph_has_no_overlapping_labels(tmp_path: Path) -> None:
    base = nx.barabasi_albert_graph(60, 2, seed=5)
    g = nx.MultiDiGraph()
    for v in base:
        g.add_node(f"n{v}", label=f"Minister of State {v}", type="Person")
    for i, (u, v) in enumerate(base.edges):
        kind = ("ASSAULT", -9.3) if i % 3 else ("CONSULT", 2.1)
        edge(
            g, f"n{u}", f"n{v}", type=kind[0], score=kind[1], family="interaction", count=1 + i % 4
        )
    result = render.write_png(g, tmp_path / "dense.png")
    assert overlapping(result.labels) == []
    assert sum(1 for t, _ in result.labels if t.startswith("Minister")) == 60


# --- the timeline --------------------------------------------------------------------------------


def test_timeline_of_two_countries_stacks_types_by_week(graph: nx.MultiDiGraph) -> None:
    chart = render.timeline_data(graph, "RUS", "UKR")
    assert chart.a.label == "Russia" and chart.b.label == "Ukraine"
    assert PUTIN in chart.a.actors and ZELENSKY in chart.b.actors  # a country's actors count
    assert chart.unit == "week"  # six weeks of relations
    found = {
        (s.direction, s.type, str(chart.periods[s.period])): len(s.rows) for s in chart.segments
    }
    assert found == {
        ("ab", "ASSAULT", "2022-02-28"): 2,
        ("ba", "ACCUSE", "2022-02-28"): 1,
        ("ab", "CONSULT", "2022-04-04"): 1,
        ("ab", "THREATEN", "2022-04-11"): 1,
    }
    assert chart.title() == "Russia and Ukraine: relations by week, 1 Mar 2022 – 12 Apr 2022"
    actors = render.timeline_data(graph, "Vladimir Putin", "Volodymyr Zelensky")
    assert [(s.type, len(s.rows)) for s in actors.segments] == [("THREATEN", 1)]
    with pytest.raises(render.ActorgraphError, match="share actors"):
        render.timeline_data(graph, "RUS", "Vladimir Putin")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_cli_timeline_writes_page_and_png(folder: Path, tmp_path: Path) -> None:
    location = tmp_path / "store"
    load(corpus(folder), str(location)).close()
    page, png = tmp_path / "out" / "rus-ukr.html", tmp_path / "rus-ukr.png"
    done = cli(
        "timeline", "RUS", "UKR", "--store", str(location), "-o", str(page), "--png", str(png)
    )
    assert done.returncode == 0, done.stderr
    assert "(5 relations)" in done.stdout
    assert png.read_bytes()[:4] == b"\x89PNG"
    text = page.read_text(encoding="utf-8")
    assert 'id="seg-0"' in text and "<svg" in text and "<script src" not in text
    data = json.loads(text.split('id="timeline-data">')[1].split("</script>")[0])
    assert data["segments"][0]["rows"][0]["sentence"] == SHELLING
    bad = cli("timeline", "RUS", "Napoleon", "--store", str(location), "-o", str(page))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert bad.stderr.startswith("actorgraph: error: no actor named 'Napoleon'")


# --- in a real browser ---------------------------------------------------------------------------

needs_browser = pytest.mark.skipif(
    headless.unavailable() is not None, reason=str(headless.unavailable())
)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with headless.chromium() as browser:
        yield browser


def box_overlaps(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            if (
                a["x"] < b["x"] + b["w"]
                and b["x"] < a["x"] + a["w"]
                and a["y"] < b["y"] + b["h"]
                and b["y"] < a["y"] + a["h"]
            ):
                found.append((a["text"], b["text"]))
    return found


def count_colour(
    image: Any, hex_colour: str, box: tuple[int, int, int, int] | None = None, near: int = 0
) -> int:
    """Pixels of a colour (within `near` on each channel: lines are drawn translucent)."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    region = image.crop(box) if box else image
    return sum(
        n
        for n, c in region.getcolors(maxcolors=1 << 22) or []
        if all(abs(a - b) <= near for a, b in zip(c, rgb, strict=True))
    )


@pytest.fixture(scope="module")
def page_file(graph: nx.MultiDiGraph, folder: Path) -> Path:
    path = folder / "explorer.html"
    render.write_html(graph, path)
    return path


@needs_browser
@pytest.mark.browser
def test_first_view_labels_every_actor_and_the_links_without_overlap(
    chromium: Any, page_file: Path
) -> None:
    tab = Tab(chromium, page_file)
    try:
        labels = tab.labels()
        assert box_overlaps(labels) == []
        nodes = {b["text"] for b in labels if b["kind"] == "node"}
        assert nodes == set(tab.page.evaluate("window.actorgraph.data.nodes.map(n => n.label)"))
        links = {b["text"] for b in labels if b["kind"] == "link"}
        assert {"ASSAULT ×2 (+1)", "ACCUSE", "CONSULT", "THREATEN", "president"} <= links
        # each box is at least as wide as the text measured anew in this browser
        widths = tab.page.evaluate(
            """(labels) => {
                 const c = document.createElement('canvas').getContext('2d');
                 return labels.map(b => { c.font = b.font; return c.measureText(b.text).width; });
               }""",
            labels,
        )
        assert all(b["w"] >= w for b, w in zip(labels, widths, strict=True))
        shot = tab.screenshot()
        # the screenshot shows the graph: the conflict link and a Country square
        assert count_colour(shot, render.CONFLICT, near=40) > 30
        assert count_colour(shot, render.TYPE_STYLE["Country"][0]) > 200
    finally:
        tab.close()


@needs_browser
@pytest.mark.browser
def test_labels_never_overlap_at_the_max_nodes_limit(chromium: Any, tmp_path: Path) -> None:
    base = nx.barabasi_albert_graph(500, 2, seed=11)
    g = nx.MultiDiGraph()
    for v in base:
        g.add_node(f"n{v}", label=f"Actor number {v}", type="Person")
    for i, (u, v) in enumerate(base.edges):
        edge(
            g,
            f"n{u}",
            f"n{v}",
            type="ASSAULT" if i % 2 else "AID",
            family="interaction",
            score=-9.3 if i % 2 else 7.4,
        )
    path = tmp_path / "large.html"
    render.write_html(g, path)  # the default --max-nodes: 500
    tab = Tab(chromium, path)
    try:
        labels = tab.labels()
        assert box_overlaps(labels) == []
        nodes = [b["text"] for b in labels if b["kind"] == "node"]
        ranks = pagerank(g)
        hub = max(ranks, key=lambda v: ranks[v])
        assert g.nodes[hub]["label"] in nodes  # the most central actors are named first
        assert len(nodes) >= 25
        # zooming in names more actors, still without overlap
        tab.page.evaluate("window.actorgraph.network.moveTo({scale: 1.0})")
        tab.page.wait_for_timeout(300)
        closer = tab.labels()
        assert box_overlaps(closer) == []
        assert len([b for b in closer if b["kind"] == "node"]) > 0
    finally:
        tab.close()


@needs_browser
@pytest.mark.browser
def test_a_searched_actor_is_labelled_on_top(chromium: Any, page_file: Path) -> None:
    tab = Tab(chromium, page_file)
    try:
        tab.page.fill("#search", "putin")
        tab.page.press("#search", "Enter")
        tab.page.wait_for_timeout(500)
        first = tab.labels()[0]
        assert first["text"] == "Vladimir Putin" and "bold" in first["font"]
        assert box_overlaps(tab.labels()) == []
        assert "Vladimir Putin" in tab.page.inner_text("#details h2")
    finally:
        tab.close()


@needs_browser
@pytest.mark.browser
def test_clicking_a_link_lists_its_evidence(chromium: Any, page_file: Path, folder: Path) -> None:
    tab = Tab(chromium, page_file)
    try:
        assert not tab.page.is_visible("#details")
        tab.click_label("ASSAULT ×2 (+1)")
        tab.page.wait_for_selector("#details", state="visible", timeout=5000)
        panel = tab.page.inner_text("#details")
        assert "Russia → Ukraine" in panel
        assert "heavy-weapons · 2022-03-01 · asserted · according to Volodymyr Zelensky" in panel
        assert SHELLING in panel and DEPOT in panel and TALKS in panel
        assert "Russia ↔ Ukraine" in panel  # the talks run both ways
        marks = tab.page.evaluate(
            "[...document.querySelectorAll('#details mark')]"
            ".map(m => m.className + ':' + m.textContent)"
        )
        assert "source:Russian" in marks and "target:Ukrainian" in marks
        links = tab.page.evaluate(
            "[...document.querySelectorAll('#details a')].map(a => [a.textContent, a.href])"
        )
        assert ["Article march", (folder / "articles" / "march.txt").as_uri()] in links
        assert ["Talks resume", STORY_URL] in links
        shot = tab.screenshot()
        panel_box = tab.page.locator("#details").bounding_box()
        assert panel_box is not None
        area = (
            int(panel_box["x"]),
            int(panel_box["y"]),
            int(panel_box["x"] + panel_box["width"]),
            int(panel_box["y"] + panel_box["height"]),
        )
        assert count_colour(shot, "#ffe08a", area) > 50  # the highlighted source actor
        assert count_colour(shot, render.TYPE_COLOURS["ASSAULT"], area) > 50  # its type badge
    finally:
        tab.close()


@needs_browser
@pytest.mark.browser
def test_clicking_an_actor_opens_its_profile(chromium: Any, page_file: Path) -> None:
    tab = Tab(chromium, page_file)
    try:
        tab.click_label("Vladimir Putin")
        tab.page.wait_for_selector("#details", state="visible", timeout=5000)
        panel = tab.page.inner_text("#details")
        assert "Person · Russia (RUS)" in panel
        assert "president, Russia (since 2012-05-07)" in panel
        assert "Alexander Lukashenko — CONSULT" in panel
        assert "Volodymyr Zelensky — THREATEN" in panel
        assert "interactions over time (2)" in panel.lower()
        href = tab.page.get_attribute("#details a.wikidata", "href")
        assert href == "https://www.wikidata.org/wiki/Q7747"
        bars = tab.page.evaluate("document.querySelectorAll('#details svg .spark-bar').length")
        assert bars == 2  # one cooperative month (the call), one conflictual (the warning)
        # a partner's name opens that partner's profile
        tab.page.click("#details button.linkish >> text=Alexander Lukashenko")
        assert tab.page.inner_text("#details h2") == "Alexander Lukashenko"
        shot = tab.screenshot()
        assert count_colour(shot, "#2e9e44") > 20
    finally:
        tab.close()


@needs_browser
@pytest.mark.browser
def test_timeline_page_shows_the_evidence_of_a_bar(
    chromium: Any, graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    chart = render.timeline_data(graph, "RUS", "UKR", base=tmp_path)
    path = tmp_path / "timeline.html"
    render.write_timeline_html(chart, path)
    tab = Tab(chromium, path)
    try:
        assert "All relations (5)" in tab.page.inner_text("#details")
        assault = next(i for i, s in enumerate(chart.segments) if s.type == "ASSAULT")
        tab.page.click(f"#seg-{assault}")
        panel = tab.page.inner_text("#details")
        assert "ASSAULT ×2, 2022-02-28" in panel and SHELLING in panel and DEPOT in panel
        assert COMPLAINT not in panel
        shot = tab.screenshot()
        assert count_colour(shot, render.TYPE_COLOURS["ASSAULT"]) > 500  # the bar
        assert count_colour(shot, render.TYPE_COLOURS["ACCUSE"]) > 100  # below the axis
    finally:
        tab.close()
