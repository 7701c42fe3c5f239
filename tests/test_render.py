"""The HTML page and the PNG: self-contained, escaped, truncated when large; the CLI commands."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from actorgraph import network, render
from test_network import LUKASHENKO, PUTIN, RUSSIA, UKRAINE, corpus_graphs, load

HOSTILE = 'Kyiv said <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned=2">'


class Resources(HTMLParser):
    """Collects every attribute that could load something, and the JSON data block."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.meta: list[dict[str, str | None]] = []
        self._in_data = False
        self.data = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "meta":
            self.meta.append(values)
        for name in ("src", "href", "srcset", "data", "action", "poster", "background"):
            if values.get(name):
                self.references.append((tag, name, str(values[name])))
        self._in_data = tag == "script" and values.get("id") == "graph-data"

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data += data


def parse(page: str) -> Resources:
    parser = Resources()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    """The test corpus, with a hostile evidence sentence on the Russia-Ukraine attack."""
    store = load(corpus_graphs())
    projected = network.project(store, kb="all")
    edge = projected.edges[RUSSIA, UKRAINE, "ASSAULT"]
    edge["evidence"][0]["sentence"] = HOSTILE
    edge["evidence"][0]["title"] = "<b>Bold</b> title & more"
    return projected


@pytest.fixture(scope="module")
def page(graph: nx.MultiDiGraph) -> str:
    text, _ = render.html_page(graph, title="Actors <i>test</i>")
    return text


def test_page_loads_nothing_from_outside(page: str) -> None:
    found = parse(page)
    assert found.references == []  # no src=, href= ... at all: everything is inline
    assert "link" not in found.tags
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", page, re.IGNORECASE)
    assert "@import" not in page
    assert not re.search(r"(src|href)\s*=\s*['\"]?\s*(https?:)?//", page, re.IGNORECASE)
    policy = next(m for m in found.meta if m.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in str(policy["content"])
    assert "connect-src" not in str(policy["content"])  # falls back to 'none'
    # vis-network is inlined from the pyvis package, not fetched.
    js, css = render.vis_assets()
    assert js[:2000] in page and css[:2000] in page


def test_article_text_never_becomes_markup(page: str, graph: nx.MultiDiGraph) -> None:
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page
    assert "<b>Bold</b>" not in page
    assert "<i>test</i>" not in page and "Actors &lt;i&gt;test&lt;/i&gt;" in page
    found = parse(page)
    assert found.tags.count("img") == 0
    # The text is all there, as data, and decodes back to exactly the article's words.
    data = json.loads(found.data)
    sentences = [row["sentence"] for edge in data["edges"] for row in edge["rows"]]
    assert HOSTILE in sentences
    assert "<" not in found.data and ">" not in found.data and "&" not in found.data


def test_nodes_and_edges_styled_by_type_and_score(page: str, graph: nx.MultiDiGraph) -> None:
    data = json.loads(parse(page).data)
    assert {n["iri"] for n in data["nodes"]} == set(graph.nodes)
    # one link per pair and direction: ACCUSE, ASSAULT, CONSULT and three posts
    assert len(data["edges"]) == graph.number_of_edges() == 6
    by_iri = {n["iri"]: n for n in data["nodes"]}
    assert by_iri[PUTIN]["vis"]["shape"] == render.TYPE_STYLE["Person"][1]
    assert by_iri[RUSSIA]["vis"]["shape"] == render.TYPE_STYLE["Country"][1]
    assert by_iri[PUTIN]["vis"]["color"]["background"] == render.TYPE_STYLE["Person"][0]
    colors = {e["types"][0][0]: e["vis"]["color"]["color"] for e in data["edges"]}
    assert colors["ASSAULT"] == render.CONFLICT
    assert colors["CONSULT"] == render.COOPERATION
    assert colors["holdsPosition"] == render.AFFILIATION
    consult = next(e for e in data["edges"] if e["types"][0][0] == "CONSULT")
    assert consult["directed"] is False and consult["vis"]["arrows"]["to"]["enabled"] is False
    assert consult["label"] == "CONSULT ×2"
    assert "label" not in consult["vis"]  # the page draws labels itself
    assert {consult["sourceLabel"], consult["targetLabel"]} == {
        "Vladimir Putin",
        "Alexander Lukashenko",
    }
    assert consult["first"] == "2022-06-25" and consult["last"] == "2022-12-19"
    assert {row["title"] for row in consult["rows"]} == {"Article d1", "Article d3"}
    assert LUKASHENKO in by_iri


def test_controls_and_legend_present(page: str) -> None:
    for element_id in ("search", "type-filters", "date-from", "date-to", "legend", "network"):
        assert f'id="{element_id}"' in page
    for type_name in ("ACCUSE", "ASSAULT", "CONSULT", "holdsPosition"):
        assert f'value="{type_name}"' in page
    assert 'min="1994-07-20"' in page and 'max="2022-12-19"' in page
    assert "truncation-note" not in page


def hub_and_spokes(spokes: int) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("hub", label="Hub", type="Country")
    for i in range(spokes):
        graph.add_node(f"s{i}", label=f"Spoke {i}", type="Person")
        graph.add_edge(
            f"s{i}",
            "hub",
            key="CONSULT",
            type="CONSULT",
            count=1,
            score=1.0,
            family="interaction",
            directed=False,
            evidence=[],
        )
    graph.add_edge(
        "s0",
        "s1",
        key="ACCUSE",
        type="ACCUSE",
        count=1,
        score=-2.0,
        family="interaction",
        directed=True,
        evidence=[],
    )
    return graph


def test_large_graph_keeps_most_central_and_says_so() -> None:
    graph = hub_and_spokes(40)
    page, result = render.html_page(graph, options=render.RenderOptions(max_nodes=10))
    assert result.truncated and result.nodes == 10 and result.total_nodes == 41
    data = json.loads(parse(page).data)
    kept = {n["iri"] for n in data["nodes"]}
    assert "hub" in kept and {"s0", "s1"} <= kept  # s0 and s1 have an extra link
    assert 'id="truncation-note"' in page
    assert "Showing the 10 most central of 41 actors" in page


def test_iterations_shrink_with_size() -> None:
    small = render.vis_options(50, render.RenderOptions(), positioned=False)
    large = render.vis_options(2000, render.RenderOptions(), positioned=False)
    small_iter = small["physics"]["stabilization"]["iterations"]
    large_iter = large["physics"]["stabilization"]["iterations"]
    assert small_iter > large_iter >= 40
    assert large["layout"]["improvedLayout"] is False


def test_bad_max_nodes() -> None:
    with pytest.raises(render.ActorgraphError):
        render.keep_central(hub_and_spokes(3), 0)


def test_png_is_written_atomically(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    target = tmp_path / "graph.png"
    result = render.write_png(graph, target, title="Seed")
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 1000 and height > 700
    assert result.nodes == graph.number_of_nodes() and not result.truncated
    assert [p.name for p in tmp_path.iterdir()] == ["graph.png"]
    cut = render.write_png(hub_and_spokes(30), tmp_path / "cut.png", max_nodes=5)
    assert cut.truncated and cut.nodes == 5


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    load(corpus_graphs(), str(path)).close()
    return path


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_cli_render_and_png(store_path: Path, tmp_path: Path) -> None:
    html_file, png_file = tmp_path / "out" / "g.html", tmp_path / "g.png"
    done = cli(
        "render",
        "--store",
        str(store_path),
        "-o",
        str(html_file),
        "--png",
        str(png_file),
        "--kb",
        "all",
    )
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout
    data = json.loads(parse(html_file.read_text(encoding="utf-8")).data)
    assert len(data["nodes"]) == 6
    assert png_file.read_bytes()[:4] == b"\x89PNG"
    ego = cli(
        "render",
        "--store",
        str(store_path),
        "-o",
        str(html_file),
        "--ego",
        "Vladimir Putin",
        "--view",
        "interactions",
    )
    assert ego.returncode == 0, ego.stderr
    data = json.loads(parse(html_file.read_text(encoding="utf-8")).data)
    assert {n["label"] for n in data["nodes"]} == {"Vladimir Putin", "Alexander Lukashenko"}


def test_cli_stats_and_exports(store_path: Path, tmp_path: Path) -> None:
    files = {fmt: tmp_path / f"g.{fmt}" for fmt in ("graphml", "gexf", "json")}
    done = cli(
        "stats",
        "--kb",
        "all",
        "--store",
        str(store_path),
        "--top",
        "3",
        *[arg for fmt, path in files.items() for arg in (f"--{fmt}", str(path))],
    )
    assert done.returncode == 0, done.stderr
    assert "Most central actors" in done.stdout and "Most conflictual pairs" in done.stdout
    assert "Russia" in done.stdout
    assert nx.read_graphml(files["graphml"]).number_of_nodes() == 6
    assert nx.read_gexf(files["gexf"]).number_of_nodes() == 6
    assert len(json.loads(files["json"].read_text(encoding="utf-8"))["nodes"]) == 6


@pytest.mark.parametrize(
    "args",
    [
        ["render", "--view", "everything", "-o", "x.html"],
        ["render", "--start", "yesterday", "-o", "x.html"],
        ["render", "--ego", "Napoleon", "-o", "x.html"],
        ["render"],
        ["stats", "--type", "HUG"],
        ["stats", "--top", "0"],
        ["render", "--max-nodes", "0", "-o", "x.html"],
        ["stats", "--ego", "Vladimir Putin", "--radius", "-1"],
        ["stats", "--graphml", "afile/x.graphml"],
        ["render", "-o", "afile/x.html"],
        ["stats", "--store", "afile"],
    ],
)
def test_cli_bad_input_is_one_line(store_path: Path, tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    args = [str(tmp_path / a) if a.startswith(("x.", "afile")) else a for a in args]
    if "--store" not in args:
        args += ["--store", str(store_path)]
    done = cli(*args)
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith("actorgraph: error:") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["afile"]
