"""The SPARQL endpoint, used by real clients (SPARQLWrapper, rdflib's SPARQLStore) over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

from actorgraph import rdf, server, store
from actorgraph.errors import StoreError
from conftest import LUKASHENKO, PUTIN, _free_port, make_extraction, stop_process

AG = "https://w3id.org/actorgraph#"
MEETINGS = f"SELECT DISTINCT ?a ?b WHERE {{ ?a <{AG}consult> ?b }}"


def make_store(path: Path) -> str:
    with store.open_store(path) as opened:
        opened.replace_document("a", rdf.to_graph(make_extraction("a")))
        opened.replace_document("b", rdf.to_graph(make_extraction("b", date="2023-01-02")))
    return str(path)


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[tuple[str, server.Endpoint]]:
    config = server.ServerConfig(
        location=make_store(tmp_path / "store"), port=0, timeout=5, max_rows=50
    )
    running = server.make_server(config)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{running.server_address[1]}/sparql", running
    finally:
        running.shutdown()
        running.server_close()


def http(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_sparqlwrapper_select_in_every_format(endpoint: tuple[str, server.Endpoint]) -> None:
    url, _ = endpoint
    client = SPARQLWrapper(url)
    client.setQuery(MEETINGS)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert {(b["a"]["value"], b["b"]["value"]) for b in bindings} == {(PUTIN, LUKASHENKO)}
    client.setReturnFormat(XML)
    assert len(client.query().convert().getElementsByTagName("result")) == 1
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[1] == f"{PUTIN},{LUKASHENKO}"
    client.setMethod("POST")
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 1


def test_sparqlwrapper_construct_and_ask(endpoint: tuple[str, server.Endpoint]) -> None:
    url, _ = endpoint
    client = SPARQLWrapper(url)
    client.setQuery(f"CONSTRUCT {{ ?a <{AG}consult> ?b }} WHERE {{ ?a <{AG}consult> ?b }}")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert (URIRef(PUTIN), URIRef(AG + "consult"), URIRef(LUKASHENKO)) in graph
    client.setQuery(f"ASK {{ <{PUTIN}> ?p ?o }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_rdflib_sparqlstore_reads_the_endpoint(endpoint: tuple[str, server.Endpoint]) -> None:
    url, _ = endpoint
    remote = SPARQLStore(url)
    rows = list(remote.query(MEETINGS))
    assert [(str(r[0]), str(r[1])) for r in rows] == [(PUTIN, LUKASHENKO)]


def test_tsv_and_turtle_by_accept_header(endpoint: tuple[str, server.Endpoint]) -> None:
    url, _ = endpoint
    query = urllib.parse.urlencode({"query": MEETINGS})
    status, headers, body = http(f"{url}?{query}", headers={"Accept": "text/tab-separated-values"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode().splitlines() == ["?a\t?b", f"<{PUTIN}>\t<{LUKASHENKO}>"]
    status, _, _ = http(f"{url}?{query}", headers={"Accept": "image/png"})
    assert status == 406


def test_updates_are_refused_and_data_intact(endpoint: tuple[str, server.Endpoint]) -> None:
    url, _ = endpoint
    client = SPARQLWrapper(url)
    client.setMethod("POST")
    client.setQuery("DROP ALL")
    with pytest.raises((Unauthorized, Exception)):
        client.query()
    status, _, body = http(
        url, data=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
    )
    assert status == 403 and b"read-only" in body
    status, _, _ = http(
        url,
        data=urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403
    client = SPARQLWrapper(url)
    client.setQuery(MEETINGS)
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 1


def test_service_calls_are_refused(endpoint: tuple[str, server.Endpoint]) -> None:
    url, _ = endpoint
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    status, _, body = http(f"{url}?{urllib.parse.urlencode({'query': query})}")
    assert status == 403 and b"SERVICE" in body
    assert not server.uses_service('SELECT * WHERE { ?s ?p "SERVICE <x> {" }')
    assert server.uses_service("select * { service silent ?endpoint { ?s ?p ?o } }")


def test_bad_query_is_400_with_the_parser_message(endpoint: tuple[str, server.Endpoint]) -> None:
    url, _ = endpoint
    client = SPARQLWrapper(url)
    client.setQuery("SELECT ?x WHERE { ?x ")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed):
        client.query()


def test_result_size_limit(endpoint: tuple[str, server.Endpoint]) -> None:
    url, _ = endpoint
    query = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    status, headers, body = http(f"{url}?{query}")
    assert status == 200 and headers.get("X-SPARQL-MaxRows") == "50"
    assert len(json.loads(body)["results"]["bindings"]) == 50


def test_runaway_query_is_stopped_at_the_time_limit(tmp_path: Path) -> None:
    config = server.ServerConfig(location=make_store(tmp_path / "store"), port=0, timeout=1.5)
    running = server.make_server(config)
    threading.Thread(target=running.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{running.server_address[1]}/sparql"
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        started = time.monotonic()
        client = SPARQLWrapper(url)
        client.setQuery(slow)
        client.setReturnFormat(JSON)
        with pytest.raises(urllib.error.HTTPError) as info:
            client.query()
        assert info.value.code == 503 and b"time limit" in info.value.read()
        assert time.monotonic() - started < 10
        client.setQuery(MEETINGS)  # the endpoint still answers
        assert len(client.query().convert()["results"]["bindings"]) == 1
    finally:
        running.shutdown()
        running.server_close()


def test_workers_are_reused_and_a_runaway_one_is_replaced(tmp_path: Path) -> None:
    config = server.ServerConfig(location=make_store(tmp_path / "store"), port=0, timeout=1.5)
    running = server.make_server(config)
    threading.Thread(target=running.serve_forever, daemon=True).start()
    client = SPARQLWrapper(f"http://127.0.0.1:{running.server_address[1]}/sparql")
    client.setReturnFormat(JSON)
    try:
        client.setQuery(MEETINGS)
        assert len(client.query().convert()["results"]["bindings"]) == 1
        [first] = running.pool.idle_pids()
        for _ in range(3):
            assert len(client.query().convert()["results"]["bindings"]) == 1
        assert running.pool.idle_pids() == [first]  # one worker answered every query
        client.setQuery(
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        )
        with pytest.raises(urllib.error.HTTPError) as info:
            client.query()
        assert info.value.code == 503
        [replacement] = running.pool.idle_pids()
        assert replacement != first
        assert not Path(f"/proc/{first}").exists()  # the runaway worker was killed
        client.setQuery(MEETINGS)
        assert len(client.query().convert()["results"]["bindings"]) == 1
        assert running.pool.idle_pids() == [replacement]
    finally:
        running.shutdown()
        running.server_close()
    assert not Path(f"/proc/{replacement}").exists()  # closing the server stops its workers


def test_allowed_update_is_seen_by_the_next_query(tmp_path: Path) -> None:
    config = server.ServerConfig(
        location=make_store(tmp_path / "store"), port=0, timeout=10, allow_update=True
    )
    running = server.make_server(config)
    threading.Thread(target=running.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{running.server_address[1]}/sparql"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    try:
        client = SPARQLWrapper(url)
        client.setReturnFormat(JSON)
        client.setQuery(count)
        before = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])
        update = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }"
        status, _, _ = http(url, update.encode(), {"Content-Type": "application/sparql-update"})
        assert status == 204
        after = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])
        assert after == before + 1
    finally:
        running.shutdown()
        running.server_close()


def announce(url: str, headers: dict[str, str]) -> tuple[int, str | None]:
    """Send a POST's headers only (no body); (status, Connection header) of the answer."""
    from http.client import HTTPConnection

    connection = HTTPConnection("127.0.0.1", urllib.parse.urlsplit(url).port, timeout=30)
    try:
        connection.putrequest("POST", "/sparql")
        connection.putheader("Content-Type", "application/sparql-query")
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.getheader("Connection")
    finally:
        connection.close()


@pytest.mark.parametrize("size", [1_100_000, 8_000_000])
def test_oversized_request_gets_its_413(endpoint: tuple[str, server.Endpoint], size: int) -> None:
    url, _ = endpoint
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * size
    status, _, body = http(url, urllib.parse.urlencode({"query": big}).encode())
    assert status == 413 and b"larger than" in body
    client = SPARQLWrapper(url)
    client.setMethod("POST")
    client.setQuery(big)
    with pytest.raises(urllib.error.HTTPError) as info:
        client.query()
    assert info.value.code == 413
    # refused before any of the body is read; a client waiting for "100 Continue" sends none
    assert announce(url, {"Content-Length": str(size)}) == (413, "close")
    assert announce(url, {"Content-Length": str(size), "Expect": "100-continue"}) == (413, "close")
    client.setQuery(MEETINGS)  # the endpoint still answers
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 1


def test_invalid_content_length_is_400(endpoint: tuple[str, server.Endpoint]) -> None:
    url, _ = endpoint
    assert announce(url, {"Content-Length": "-5"})[0] == 400
    assert announce(url, {"Content-Length": "many"})[0] == 400


def test_served_store_cannot_be_written_meanwhile(endpoint: tuple[str, server.Endpoint]) -> None:
    _, running = endpoint
    with pytest.raises(StoreError, match="in use"):
        store.open_store(running.config.location)


def test_cli_serve_binds_loopback_and_answers(tmp_path: Path) -> None:
    location = make_store(tmp_path / "store")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "serve", "--store", location, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        for _ in range(100):
            try:
                status, _, body = http(f"{url}?{urllib.parse.urlencode({'query': MEETINGS})}")
                break
            except OSError:
                time.sleep(0.1)
        assert status == 200 and PUTIN in body.decode()
    finally:
        stop_process(process)


def test_cli_serve_missing_store_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "actorgraph",
            "serve",
            "--store",
            str(tmp_path / "none"),
            "--port",
            str(_free_port()),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "no store here" in result.stderr
    assert "Traceback" not in result.stderr
