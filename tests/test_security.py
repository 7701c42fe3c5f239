"""Nothing let in: user text stays data in SPARQL, paths from metadata stay in their folder."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from actorgraph import reader
from actorgraph.errors import ActorgraphError, QueryError
from actorgraph.store import inject_values, open_store
from actorgraph.vocab import AG, ID
from conftest import stop_process

HOSTILE_NAMES = [
    '"} ; DROP ALL ; #',
    "'} ; DROP ALL ; #",
    '""" } ; CLEAR ALL ; #',
    '\\"} ; DROP ALL ; #',
    'x" . } } ; DELETE WHERE { ?s ?p ?o } ; #',
    "> } ; DROP ALL ; <",
    "?s ?p ?o } UNION { ?s ?p ?o",
    "\n} ; DROP ALL ;\n#",
]
QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor WHERE { ?actor rdfs:label ?name }
"""


@pytest.fixture()
def store():
    opened = open_store(":memory:")
    graph = Graph(identifier=URIRef("https://w3id.org/actorgraph/doc/a"))
    for number, name in enumerate(["Vladimir Putin", *HOSTILE_NAMES]):
        actor = ID[f"person/p{number}"]
        graph.add((actor, RDFS.label, Literal(name)))
        graph.add((actor, AG.wikidata, Literal(f"Q{number}")))
    opened.replace_document("a", graph)
    yield opened
    opened.close()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_stays_a_name_in_a_bound_parameter(store, name: str) -> None:
    before = store.count()
    rows = store.select(QUERY, {"name": Literal(name)}).rows
    assert rows == [(ID[f"person/p{HOSTILE_NAMES.index(name) + 1}"],)]
    assert store.count() == before


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_in_a_values_block_for_remote_endpoints(store, name: str) -> None:
    before = store.count()
    query = inject_values(QUERY, {"name": Literal(name)})
    parsed = ox.Store()  # the rewritten text is still exactly one SELECT query
    assert isinstance(parsed.query(query), ox.QuerySolutions)
    rows = store.select(query).rows
    assert rows == [(ID[f"person/p{HOSTILE_NAMES.index(name) + 1}"],)]
    assert store.count() == before


def test_hostile_iri_parameter_is_refused_not_spliced(store) -> None:
    before = store.count()
    with pytest.raises((ActorgraphError, ValueError)):
        store.select(QUERY, {"actor": URIRef("http://x/> } ; DROP ALL ; <http://y")})
    with pytest.raises((ActorgraphError, ValueError)):
        inject_values(QUERY, {"actor": URIRef("http://x/> } ; DROP ALL ; <http://y")})
    assert store.count() == before


@pytest.mark.parametrize("name", ["name } ; DROP ALL ; #", "a b", "1x", ""])
def test_parameter_names_are_checked(name: str) -> None:
    with pytest.raises(QueryError):
        inject_values(QUERY, {name: Literal("x")})


@pytest.mark.parametrize(
    "update",
    [
        "DROP ALL",
        "CLEAR DEFAULT",
        "DELETE WHERE { ?s ?p ?o }",
        "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }",
        "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    ],
)
def test_read_paths_refuse_updates(store, update: str) -> None:
    before = store.count()
    for read in (store.query, store.select):
        with pytest.raises(QueryError):
            read(update)
    assert store.count() == before


# --- paths from metadata -------------------------------------------------------------------


@pytest.mark.parametrize(
    "stem",
    ["../../etc/passwd", "..", "...", "a/../../b", "..\\..\\windows", "~root", "/abs/path", "\x00"],
)
def test_document_ids_never_leave_a_folder(tmp_path: Path, stem: str) -> None:
    doc_id = reader.document_id(Path(f"{stem}.txt"))
    assert doc_id and "/" not in doc_id and "\\" not in doc_id and doc_id not in (".", "..")
    target = (tmp_path / f"{doc_id}.html").resolve()
    assert target.parent == tmp_path.resolve()


def test_sidecar_cannot_rename_a_document(tmp_path: Path) -> None:
    article = tmp_path / "safe.txt"
    article.write_text("The ministers met in Geneva on Monday.", encoding="utf-8")
    hostile = {"id": "../../etc/passwd", "title": "../../etc/passwd", "path": "/etc/passwd"}
    article.with_suffix(".json").write_text(json.dumps(hostile), encoding="utf-8")
    document = reader.read_document(article)
    assert document.id == "safe"
    assert document.path == str(article)
    assert document.title == "../../etc/passwd"  # kept as text, never used as a path


# --- the SPARQL endpoint -------------------------------------------------------------------

ACTORS = 400  # with their labels and types: enough triples for a runaway cross product


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("endpoint") / "store"
    graph = Graph(identifier=URIRef("https://w3id.org/actorgraph/doc/seeded"))
    for number in range(ACTORS):
        actor = ID[f"person/p{number}"]
        graph.add((actor, RDF.type, AG.Person))
        graph.add((actor, RDFS.label, Literal(f"Person {number}")))
    graph.add((ID["person/hostile"], RDFS.label, Literal(HOSTILE_NAMES[0])))
    with open_store(folder) as opened:
        opened.replace_document("seeded", graph)
    return folder


class Endpoint:
    """A running `actorgraph serve` subprocess on a free loopback port."""

    def __init__(self, folder: Path, *options: str) -> None:
        command = [sys.executable, "-m", "actorgraph", "serve", "--store", str(folder)]
        self.process = subprocess.Popen(
            [*command, "--port", "0", *options], stderr=subprocess.PIPE, text=True
        )
        assert self.process.stderr is not None
        line = self.process.stderr.readline()
        found = re.search(r"http://([\d.]+):(\d+)/sparql", line)
        assert found, f"no endpoint address in {line!r}"
        self.host, self.port = found.group(1), int(found.group(2))
        self.url = f"http://127.0.0.1:{self.port}/sparql"

    def request(
        self,
        body: bytes | None = None,
        query: dict[str, str] | None = None,
        content_type: str | None = None,
        timeout: float = 60,
    ) -> tuple[int, dict[str, str], str]:
        url = self.url + ("?" + urllib.parse.urlencode(query) if query else "")
        request = urllib.request.Request(url, data=body, method="POST" if body else "GET")
        if content_type:
            request.add_header("Content-Type", content_type)
        request.add_header("Accept", "application/sparql-results+json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                return answer.status, dict(answer.headers), answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode("utf-8")

    def select(self, sparql: str) -> tuple[int, dict[str, str], str]:
        return self.request(query={"query": sparql})

    def count(self) -> int:
        status, _, body = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    def stop(self) -> None:
        stop_process(self.process)


@pytest.fixture(scope="module")
def endpoint(store_folder: Path) -> Iterator[Endpoint]:
    running = Endpoint(store_folder, "--timeout", "3", "--max-rows", "7")
    yield running
    running.stop()


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a TCP socket listening on `port` (from /proc/net/tcp{,6})."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


@pytest.mark.server
def test_endpoint_listens_on_loopback_only(endpoint: Endpoint) -> None:
    assert endpoint.host == "127.0.0.1"
    assert listening_addresses(endpoint.port) == {"0100007F"}  # 127.0.0.1, little-endian


@pytest.mark.server
@pytest.mark.parametrize(
    ("body", "query", "content_type"),
    [
        (b"DROP ALL", None, "application/sparql-update"),
        (
            b"update=" + urllib.parse.quote("CLEAR ALL").encode(),
            None,
            "application/x-www-form-urlencoded",
        ),
        (
            b"query=" + urllib.parse.quote("DROP ALL").encode(),
            None,
            "application/x-www-form-urlencoded",
        ),
        (b"DELETE WHERE { ?s ?p ?o }", None, "application/sparql-query"),
        (None, {"query": "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }"}, None),
        (None, {"update": "DROP ALL"}, None),
    ],
)
def test_endpoint_refuses_updates(
    endpoint: Endpoint,
    body: bytes | None,
    query: dict[str, str] | None,
    content_type: str | None,
) -> None:
    before = endpoint.count()
    status, _, text = endpoint.request(body, query, content_type)
    assert status in (403, 405), text
    assert "\n" not in text.strip()
    assert endpoint.count() == before == 2 * ACTORS + 1


@pytest.mark.server
@pytest.mark.parametrize(
    "service",
    [
        "SERVICE <http://example.org/sparql> { ?s ?p ?o }",
        "service silent <http://example.org/sparql> { ?s ?p ?o }",
        "SERVICE # hidden\n <http://example.org/sparql> { ?s ?p ?o }",
        "SERVICE ?endpoint { ?s ?p ?o }",
    ],
)
def test_endpoint_refuses_service_calls(endpoint: Endpoint, service: str) -> None:
    status, _, text = endpoint.select(f"SELECT * WHERE {{ {service} }}")
    assert status == 403, text
    assert "SERVICE" in text


@pytest.mark.server
def test_endpoint_keeps_literals_that_mention_service(endpoint: Endpoint) -> None:
    status, _, text = endpoint.select(
        'SELECT ?s WHERE { ?s ?p "SERVICE <http://example.org/> { }" }'
    )
    assert status == 200, text


@pytest.mark.server
def test_endpoint_cuts_results_at_the_row_limit(endpoint: Endpoint) -> None:
    status, headers, text = endpoint.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert status == 200, text
    assert len(json.loads(text)["results"]["bindings"]) == 7
    assert headers.get("X-SPARQL-MaxRows") == "7"
    status, headers, text = endpoint.select("SELECT ?s WHERE { ?s a ?t } LIMIT 3")
    assert len(json.loads(text)["results"]["bindings"]) == 3
    assert "X-SPARQL-MaxRows" not in headers


@pytest.mark.server
def test_endpoint_stops_a_runaway_query_at_the_time_limit(endpoint: Endpoint) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    status, _, text = endpoint.select(runaway)
    waited = time.monotonic() - started
    assert status == 503, text
    assert "time limit" in text
    assert waited < 60  # bounded: the worker was killed, not waited for
    assert endpoint.count() == 2 * ACTORS + 1  # and the endpoint still answers


@pytest.mark.server
def test_endpoint_answers_a_hostile_literal_as_data(endpoint: Endpoint) -> None:
    literal = json.dumps(HOSTILE_NAMES[0])  # a properly escaped SPARQL string
    status, _, text = endpoint.select(f"SELECT ?s WHERE {{ ?s ?p {literal} }}")
    assert status == 200, text
    rows = json.loads(text)["results"]["bindings"]
    assert [row["s"]["value"] for row in rows] == [str(ID["person/hostile"])]


def test_server_defaults_are_safe() -> None:
    from actorgraph.server import ServerConfig

    config = ServerConfig(location="unused")
    assert config.host == "127.0.0.1"
    assert not config.allow_update and not config.allow_service
    assert config.timeout > 0 and config.max_rows > 0


# --- HTML output ---------------------------------------------------------------------------

SCRIPTED = (
    'Kyiv said <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned=2">'
)
SCRIPTED_NAME = '<img src=x onerror="window.__pwned=3">Vladimir Putin'


def hostile_network():
    import datetime as dt

    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("a", label=SCRIPTED_NAME, type="Person", country="RUS")
    graph.add_node("b", label="<script>window.__pwned = 4</script>", type="Country")
    evidence = {
        "sentence": SCRIPTED,
        "title": "<b onmouseover=window.__pwned=5>title</b>",
        "document": "doc",
        "date": "2022-12-19",
        "factuality": "asserted",
    }
    graph.add_edge(
        "a",
        "b",
        key="ACCUSE",
        type="ACCUSE",
        count=1,
        directed=True,
        first_date=dt.date(2022, 12, 19),
        last_date=dt.date(2022, 12, 19),
        factuality={"asserted": 1},
        evidence=[evidence],
    )
    return graph


@pytest.mark.browser
def test_article_text_shows_as_text_in_a_real_browser(tmp_path: Path) -> None:
    """Hostile labels and evidence in the network page: shown as text, never run."""
    import shutil as shell

    from actorgraph import render

    chromium = shell.which("chromium") or shell.which("chromium-browser")
    if chromium is None:
        pytest.skip("headless Chromium is not installed (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "graph.html"
    render.write_html(hostile_network(), page_file, title="<script>window.__pwned=6</script>")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(page_file.as_uri())
            page.wait_for_function(
                "window.actorgraph && window.actorgraph.stabilized", timeout=30_000
            )
            # hover the middle of the edge: its tooltip lists the evidence sentence
            point = page.evaluate(
                """() => {
                    const net = window.actorgraph.network;
                    const p = net.getPositions();
                    const [a, b] = Object.values(p);
                    const dom = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
                    const box = document.getElementById("network").getBoundingClientRect();
                    return {x: box.left + dom.x, y: box.top + dom.y};
                }"""
            )
            page.mouse.move(point["x"] - 5, point["y"] - 5)
            page.mouse.move(point["x"], point["y"], steps=5)
            page.wait_for_selector(".vis-tooltip", state="visible", timeout=10_000)
            tooltip = page.text_content(".vis-tooltip") or ""
            assert SCRIPTED in tooltip
            page.fill("#search", SCRIPTED_NAME)
            page.click("#search-button")
            assert SCRIPTED_NAME in (page.text_content("#search-status") or "")
            assert page.title() == "<script>window.__pwned=6</script>"
            assert page.evaluate("window.__pwned") is None
            assert page.evaluate("document.querySelectorAll('img, b').length") == 0
            assert dialogs == []
        finally:
            browser.close()


@pytest.mark.server
def test_endpoint_answers_a_broken_query_in_one_line(endpoint: Endpoint) -> None:
    # over-large requests: tests/test_server.py (413 to real clients)
    status, _, text = endpoint.select("SELECT ?s WHERE { ?s ?p }")
    assert status == 400
    assert text.strip() and "\n" not in text.strip()
    assert endpoint.count() == 2 * ACTORS + 1
