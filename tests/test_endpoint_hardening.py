"""The endpoint as an attacker meets it: it sends no request to any other server however SERVICE
or LOAD is spelt (a real listener must receive nothing), answers only to its own host names
and origin, and a query that wants too much memory or too large an answer gets a 503 while
the endpoint goes on serving."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from actorgraph import outgoing, server
from actorgraph.errors import QueryError
from actorgraph.store import open_store
from actorgraph.vocab import AG, ID
from test_security import Endpoint

pytestmark = pytest.mark.server

ACTORS = 400
TRIPLES = 2 * ACTORS
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hardening") / "store"
    graph = Graph(identifier=URIRef("https://w3id.org/actorgraph/doc/seeded"))
    for number in range(ACTORS):
        actor = ID[f"person/p{number}"]
        graph.add((actor, RDF.type, AG.Person))
        graph.add((actor, RDFS.label, Literal(f"Person {number}")))
    with open_store(folder) as opened:
        opened.replace_document("seeded", graph)
    return folder


class Listener:
    """A real TCP server on a free loopback port that records every connection made to it."""

    def __init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    data = connection.recv(65536)
                except OSError:
                    data = b""
                self.received.append(data)
                with_body = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"
                with contextlib.suppress(OSError):
                    connection.sendall(with_body)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.socket.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.close()


class Serve(Endpoint):
    """`actorgraph serve` in a subprocess, asked with any method, body and headers."""

    def request(
        self,
        query: str | None = None,
        method: str = "GET",
        body: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], str]:
        path = "/sparql" + ("?" + urllib.parse.urlencode({"query": query}) if query else "")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            answer = connection.getresponse()
            return answer.status, dict(answer.getheaders()), answer.read().decode()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def endpoint(store_folder: Path) -> Iterator[Serve]:
    running = Serve(store_folder, "--allow-update")  # updates on: LOAD must still be refused
    yield running
    running.stop()


# --- no request to another server ------------------------------------------------------------

SPELLINGS = {
    "no space": "SELECT * WHERE { SERVICE<{url}> { ?s ?p ?o } }",
    "empty prefix": "PREFIX : <{url}> SELECT * WHERE { SERVICE : { ?s ?p ?o } }",
    "silent, no space": "SELECT * WHERE { SERVICE SILENT<{url}> { ?s ?p ?o } }",
    "prefixed name": "PREFIX e: <{base}> SELECT * WHERE { SERVICE e:x { ?s ?p ?o } }",
    "relative IRI": "BASE <{base}> SELECT * WHERE { SERVICE <x> { ?s ?p ?o } }",
    "mixed case, tab": "SELECT * WHERE { sErViCe\tsIlEnT\t<{url}> { ?s ?p ?o } }",
    "comment between": "SELECT * WHERE { SERVICE#c\n<{url}> { ?s ?p ?o } }",
    "escaped keyword": "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "variable from VALUES": "SELECT * WHERE { VALUES ?e { <{url}> } SERVICE ?e { ?s ?p ?o } }",
    "variable from BIND": ('SELECT * WHERE { BIND(IRI("{url}") AS ?e) SERVICE ?e { ?s ?p ?o } }'),
    "in a subquery": "SELECT * WHERE { { SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
    "in FILTER EXISTS": (
        "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } } LIMIT 1"
    ),
    "in OPTIONAL": "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE <{url}> { ?a ?p ?o } } }",
    "in MINUS": "SELECT * WHERE { ?a ?b ?c MINUS { SERVICE <{url}> { ?a ?p ?o } } }",
    "ASK": "ASK { SERVICE <{url}> { ?s ?p ?o } }",
    "CONSTRUCT": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "DESCRIBE": "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
}


def spelled(template: str, listener: Listener) -> str:
    base = f"http://127.0.0.1:{listener.port}/"
    return template.replace("{url}", base + "sparql").replace("{base}", base)


def assert_nothing_received(listener: Listener) -> None:
    time.sleep(0.3)  # a call would be made while the query runs; leave time for the accept
    assert listener.received == []


@pytest.mark.parametrize("name", list(SPELLINGS))
def test_no_spelling_of_service_reaches_the_listener(
    endpoint: Serve, listener: Listener, name: str
) -> None:
    query = spelled(SPELLINGS[name], listener)
    status, _, text = endpoint.request(query)
    assert status == 403, text
    assert text.startswith("SERVICE ") and "--allow-service" in text
    status, _, text = endpoint.request(
        method="POST", body=query, headers={"Content-Type": "application/sparql-query"}
    )
    assert status == 403, text
    form = urllib.parse.urlencode({"query": query})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, text = endpoint.request(method="POST", body=form, headers=headers)
    assert status == 403, text
    assert_nothing_received(listener)


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <{url}>",
        "load silent<{url}> INTO GRAPH <urn:g>",
        "INSERT { ?s ?p ?o } WHERE { SERVICE<{url}> { ?s ?p ?o } }",
    ],
)
def test_updates_never_fetch_from_another_server(
    endpoint: Serve, listener: Listener, update: str
) -> None:
    body = urllib.parse.urlencode({"update": spelled(update, listener)})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, text = endpoint.request(method="POST", body=body, headers=headers)
    assert status == 403, text
    assert "--allow-service" in text
    assert_nothing_received(listener)
    status, _, text = endpoint.request(COUNT)
    assert status == 200 and f'"value": "{TRIPLES}"' in text


def test_a_literal_that_mentions_service_is_data(endpoint: Serve) -> None:
    status, _, text = endpoint.request('SELECT ?s WHERE { ?s ?p "SERVICE <http://x/> { }" }')
    assert status == 200, text


def test_the_listener_does_see_calls_when_they_are_allowed(store_folder: Path) -> None:
    """The same listener receives the engine's request when SERVICE is switched on: the
    tests above would see a call if one were made."""
    calls = Listener()
    allowing = Serve(store_folder, "--allow-service")
    try:
        allowing.request(spelled(SPELLINGS["no space"], calls))
        deadline = time.monotonic() + 10
        while not calls.received and time.monotonic() < deadline:
            time.sleep(0.1)
        assert calls.received and calls.received[0].startswith((b"POST ", b"GET "))
    finally:
        allowing.stop()
        calls.close()


# --- who may ask -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({"Host": "rebound.attacker.example:7879"}, False),
        ({"Host": "localhost:7879"}, True),
        ({"Host": "127.0.0.1:7879"}, True),
        ({"Host": "[::1]:7879"}, True),
        ({"Origin": "http://attacker.example"}, False),
        ({"Origin": "null"}, False),
        ({"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}, False),  # an <img>
        ({"Sec-Fetch-Site": "same-site"}, False),  # a page on another local port
        ({"Sec-Fetch-Site": "same-origin"}, True),
        ({"Sec-Fetch-Site": "none"}, True),  # typed in the address bar
    ],
)
def test_only_this_endpoints_names_and_origin_are_answered(
    endpoint: Serve, headers: dict[str, str], allowed: bool
) -> None:
    status, _, text = endpoint.request(COUNT, headers=headers)
    assert status == (200 if allowed else 403), text
    if not allowed:
        assert "\n" not in text.strip() and ("--allow-host" in text or "--cors-origin" in text)


def test_own_origin_is_answered(endpoint: Serve) -> None:
    own = {"Host": f"127.0.0.1:{endpoint.port}", "Origin": f"http://127.0.0.1:{endpoint.port}"}
    status, _, text = endpoint.request(COUNT, headers=own)
    assert status == 200, text


def test_allowed_names_and_origins_are_answered(store_folder: Path) -> None:
    allowing = Serve(
        store_folder, "--allow-host", "graph.internal", "--cors-origin", "http://app.example"
    )
    try:
        status, _, _ = allowing.request(COUNT, headers={"Host": "graph.internal:80"})
        assert status == 200
        status, headers, _ = allowing.request(COUNT, headers={"Origin": "http://app.example"})
        assert status == 200
        assert headers["Access-Control-Allow-Origin"] == "http://app.example"
        status, _, _ = allowing.request(COUNT, headers={"Origin": "http://other.example"})
        assert status == 403
        status, _, _ = allowing.request(COUNT, headers={"Host": "other.internal"})
        assert status == 403
    finally:
        allowing.stop()


# --- memory and answer size ------------------------------------------------------------------

HUNGRY = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d"
"""Sorting a three-way cross product: the engine would grow by gigabytes before one row."""
CAP = 1024**3


@pytest.fixture
def capped(store_folder: Path) -> Iterator[tuple[str, server.Endpoint]]:
    config = server.ServerConfig(
        location=str(store_folder), port=0, timeout=120, workers=2, max_memory=CAP
    )
    running = server.make_server(config)
    thread = threading.Thread(target=running.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{running.server_address[1]}/sparql", running
    finally:
        running.shutdown()
        running.server_close()


def get(url: str, query: str) -> tuple[int, str]:
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=180)
    try:
        connection.request("GET", parsed.path + "?" + urllib.parse.urlencode({"query": query}))
        answer = connection.getresponse()
        return answer.status, answer.read().decode()
    finally:
        connection.close()


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def address_space_limit(pid: int) -> int:
    """The kernel's cap on a process's address space (soft limit), from /proc."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max address space"):
            return int(line.split()[3])
    raise AssertionError(f"no address space limit for {pid}")


@pytest.mark.slow
def test_a_query_over_the_memory_cap_gets_a_503_and_its_worker_is_replaced(
    capped: tuple[str, server.Endpoint],
) -> None:
    url, running = capped
    assert get(url, COUNT)[0] == 200
    before = [pid for pid in running.pool.idle_pids() if pid is not None]
    assert before and all(address_space_limit(pid) == CAP for pid in before)
    answers: list[tuple[int, str]] = []
    hungry = [threading.Thread(target=lambda: answers.append(get(url, HUNGRY))) for _ in (1, 2)]
    started = time.monotonic()
    for thread in hungry:
        thread.start()
    for thread in hungry:
        thread.join(180)
    assert time.monotonic() - started < 100  # stopped by memory, long before the time limit
    assert [status for status, _ in answers] == [503, 503]
    for _, text in answers:
        assert "more memory than the limit of 1 GB per worker" in text
    status, text = get(url, COUNT)  # and the endpoint goes on serving
    assert status == 200 and f'"value": "{TRIPLES}"' in text
    after = [pid for pid in running.pool.idle_pids() if pid is not None]
    assert after and set(after).isdisjoint(before)  # fresh workers, capped like the first
    assert all(address_space_limit(pid) == CAP for pid in after)
    assert not any(alive(pid) for pid in before)


def test_an_answer_over_the_size_limit_is_refused(store_folder: Path) -> None:
    limited = Serve(store_folder, "--max-result-size", "10k")
    try:
        status, _, text = limited.request("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        assert status == 503
        assert text.strip() == (
            "the answer is larger than the result size limit of 10 KB: "
            "add LIMIT or narrow the query"
        )
        status, _, text = limited.request("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 5")
        assert status == 200 and len(json.loads(text)["results"]["bindings"]) == 5
    finally:
        limited.stop()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--max-memory", "10MB"], "--max-memory must be at least 512 MB"),
        (["--max-memory", "lots"], "--max-memory: not a size: 'lots'"),
        (["--max-result-size", "0"], "--max-result-size: must be a positive size"),
    ],
)
def test_bad_limits_are_one_line(store_folder: Path, option: list[str], message: str) -> None:
    command = [sys.executable, "-m", "actorgraph", "serve", "--store", str(store_folder)]
    result = subprocess.run(
        [*command, "--port", "0", *option], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"actorgraph: error: {message}")


# --- properties of the parsed check ----------------------------------------------------------

ENDPOINT_FORMS = [
    ("", "<{url}>"),
    ("PREFIX : <{url}> ", ":"),
    ("PREFIX e: <{base}> ", "e:sparql"),
    ("BASE <{base}> ", "<sparql>"),
    ("", "?e"),
]
CONTEXTS = [
    "{call}",
    "OPTIONAL {{ {call} }}",
    "{{ ?a ?b ?c }} UNION {{ {call} }}",
    "{{ SELECT * WHERE {{ {call} }} }}",
    "?a ?b ?c FILTER EXISTS {{ {call} }}",
    "?a ?b ?c FILTER NOT EXISTS {{ {call} }}",
    "GRAPH ?g {{ {call} }}",
    "?a ?b ?c MINUS {{ {call} }}",
]
FORMS = ["SELECT * WHERE {{ {body} }}", "ASK {{ {body} }}", "CONSTRUCT WHERE {{ {body} }}"]
gaps = st.sampled_from(["", " ", "\t", "\n", " #note\n", "\r\n  "])


def _escape_letters(word: str, which: list[bool]) -> str:
    return "".join(
        f"\\u{ord(ch):04X}" if escape else ch for ch, escape in zip(word, which, strict=False)
    )


@st.composite
def service_queries(draw: st.DrawFn, url: str, base: str) -> str:
    keyword = "".join(draw(st.sampled_from([ch.lower(), ch.upper()])) for ch in "SERVICE")
    if draw(st.booleans()):
        keyword = _escape_letters(keyword, draw(st.lists(st.booleans(), min_size=7, max_size=7)))
    silent = draw(st.sampled_from(["", "SILENT", "silent", "Silent"]))
    prologue, target = draw(st.sampled_from(ENDPOINT_FORMS))
    call = keyword + (draw(gaps) if not silent else " ") + silent
    if target.startswith(("<", "?")):
        call += draw(gaps)
    else:
        call += draw(gaps) or " "
    call += target + draw(gaps) + "{ ?s ?p ?o }"
    if target == "?e":
        call = f"VALUES ?e {{ <{url}> }} " + call
    body = draw(st.sampled_from(CONTEXTS)).format(call=call)
    query = prologue + draw(st.sampled_from(FORMS)).format(body=body)
    return query.replace("{url}", url).replace("{base}", base)


URL = "http://127.0.0.1:9/sparql"
PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(query=service_queries(URL, "http://127.0.0.1:9/"))
def test_every_generated_service_spelling_is_found(query: str) -> None:
    import pyoxigraph as ox

    try:
        found = outgoing.calls(query)
    except QueryError:
        # refused as unparseable: fine only if the engine would not run it either
        with pytest.raises(SyntaxError):
            ox.Store().query(query.replace(URL, "urn:x").replace("http://127.0.0.1:9/", "urn:"))
        return
    assert found and all(call.startswith("SERVICE ") for call in found)


@PROPERTY
@given(text=st.text(max_size=200))
def test_any_text_is_either_checked_or_refused(text: str) -> None:
    try:
        found = outgoing.calls(text)
    except QueryError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(found, list)


@PROPERTY
@given(word=st.sampled_from(["SERVICE", "service", "LOAD"]), gap=gaps)
def test_the_keywords_inside_strings_and_iris_are_no_call(word: str, gap: str) -> None:
    query = (
        f'SELECT * WHERE {{ ?s <http://x/{word}> """{word}{gap}<{URL}> {{ }}""" . '
        f"?s ?p ?o }} # {word} <{URL}>"
    )
    assert outgoing.calls(query) == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_generated_spellings_never_reach_a_real_listener(
    endpoint: Serve, listener: Listener, data: st.DataObject
) -> None:
    base = f"http://127.0.0.1:{listener.port}/"
    query = data.draw(service_queries(base + "sparql", base))
    status, _, text = endpoint.request(query)
    assert status in (400, 403), text
    assert_nothing_received(listener)
