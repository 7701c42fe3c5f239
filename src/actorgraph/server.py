"""A read-only SPARQL 1.1 Protocol endpoint over a store (`actorgraph serve`).

GET `/sparql?query=...` and POST (`application/sparql-query` or a form with `query=`) answer
with SPARQL results (JSON, XML, CSV, TSV by the Accept header or `format=`) or RDF for
CONSTRUCT/DESCRIBE (Turtle, N-Triples, RDF/XML, JSON-LD). Safe by default: bound to
127.0.0.1; SPARQL Update and SERVICE calls refused unless switched on; every query runs in
its own worker process that is killed when the time limit passes (a runaway query cannot pin
the machine); results are cut at `max_rows` (header `X-SPARQL-MaxRows`, as Virtuoso does).
While the server runs it holds a shared lock on the store folder, so `actorgraph build` on
the same folder waits its turn with a clear message instead of writing under the readers.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import re
import threading
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from rdflib import Graph

from actorgraph.errors import ActorgraphError, QueryError, StoreError
from actorgraph.store import SelectResult, is_remote, mask_sparql, query_form, shared_lock

MAX_BODY = 1_000_000
"""Largest request body accepted, in bytes."""

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_SERVICE_RE = re.compile(r"(?<![\w:])SERVICE\s+(SILENT\s+)?(<|\?|\$|[A-Za-z_][\w.-]*:)", re.I)


@dataclass(frozen=True)
class ServerConfig:
    """How the endpoint runs."""

    location: str
    host: str = "127.0.0.1"
    port: int = 7879
    timeout: float = 30.0
    max_rows: int = 100_000
    workers: int = 4
    allow_update: bool = False
    allow_service: bool = False
    cors_origin: str | None = None


@dataclass(frozen=True)
class Answer:
    """An HTTP answer computed by a worker."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def uses_service(query: str) -> bool:
    """Whether a query contains a SERVICE clause (federated call to another endpoint)."""
    return _SERVICE_RE.search(mask_sparql(query)) is not None


def negotiate(accept: str, graph: bool) -> str | None:
    """The media type to answer with, from an Accept header (None: nothing acceptable)."""
    offered = GRAPH_TYPES if graph else RESULT_TYPES
    default = "text/turtle" if graph else "application/sparql-results+json"
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        choices.append((quality, -index, media))
    if not choices or accept.strip() == "":
        return default
    for quality, _, media in sorted(choices, reverse=True):
        if quality <= 0:
            continue
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*") or (graph and media == "text/plain"):
            return default
    return None


def run_query(location: str, query: str, media: str, max_rows: int) -> Answer:
    """Run one read query on the store and serialise the answer (in a worker process)."""
    from actorgraph import queries
    from actorgraph.store import open_store

    with open_store(location, read_only=True) as store:
        form = query_form(query)
        if form in ("CONSTRUCT", "DESCRIBE"):
            graph = store.construct(query)
            truncated = len(graph) > max_rows
            if truncated:
                kept = Graph()
                for index, triple in enumerate(graph):
                    if index >= max_rows:
                        break
                    kept.add(triple)
                graph = kept
            body = graph.serialize(format=GRAPH_TYPES[media], encoding="utf-8")
            return Answer(200, f"{media}; charset=utf-8", body, truncated)
        result: SelectResult | bool
        result = store.ask(query) if form == "ASK" else store.select(query, limit=max_rows)
        fmt = RESULT_TYPES[media]
        if isinstance(result, bool) and fmt in ("csv", "tsv"):
            fmt = "json"
            media = "application/sparql-results+json"
        text = queries.render(result, fmt)
        truncated = isinstance(result, SelectResult) and result.truncated
        return Answer(200, f"{media}; charset=utf-8", text.encode("utf-8"), truncated)


def run_update(location: str, update: str) -> Answer:
    """Run a SPARQL Update (only when the server allows updates), as one transaction."""
    from actorgraph.store import open_store

    if is_remote(location):
        with open_store(location) as store:
            store.update(update)
        return Answer(204, "text/plain", b"")
    import pyoxigraph as ox

    try:
        database = ox.Store(location)  # the server holds the folder lock for its workers
        database.update(update)
        database.flush()
    except SyntaxError as exc:
        raise QueryError(f"SPARQL Update syntax error: {' '.join(str(exc).split())}") from None
    except OSError as exc:
        raise StoreError(f"store write failed: {' '.join(str(exc).split())}") from None
    return Answer(204, "text/plain", b"")


def _worker(conn: multiprocessing.connection.Connection, task: str, *args: Any) -> None:
    """Worker process entry: run the task, send back an Answer (or the error line)."""
    try:
        answer = run_update(*args) if task == "update" else run_query(*args)
    except ActorgraphError as exc:
        status = 503 if isinstance(exc, StoreError) else 400
        answer = Answer(status, "text/plain; charset=utf-8", f"{exc}\n".encode())
    except Exception as exc:  # a worker must always answer
        message = " ".join(f"{type(exc).__name__}: {exc}".split())
        answer = Answer(500, "text/plain; charset=utf-8", f"{message}\n".encode())
    conn.send(answer)
    conn.close()


class _ReadWriteLock:
    """Many queries at once, or one update alone (workers never read under a writer)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    def acquire(self, write: bool) -> None:
        with self._cond:
            if write:
                self._cond.wait_for(lambda: not self._writing and self._readers == 0)
                self._writing = True
            else:
                self._cond.wait_for(lambda: not self._writing)
                self._readers += 1

    def release(self, write: bool) -> None:
        with self._cond:
            if write:
                self._writing = False
            else:
                self._readers -= 1
            self._cond.notify_all()


class Endpoint(ThreadingHTTPServer):
    """The HTTP server with its configuration and worker pool limits."""

    daemon_threads = True

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.slots = threading.BoundedSemaphore(max(1, config.workers))
        self.rw = _ReadWriteLock()
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["actorgraph.server", "actorgraph.queries"])
        self._lock: IO[str] | None = None
        if not is_remote(config.location):
            path = Path(config.location)
            if not path.is_dir():
                raise StoreError(f"{path}: no store here (run `actorgraph build` first)")
            self._lock = shared_lock(path)
        try:
            super().__init__((config.host, config.port), Handler)
        except OSError as exc:
            self.release()
            raise StoreError(
                f"cannot listen on {config.host}:{config.port} ({exc.strerror})"
            ) from None

    def release(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def server_close(self) -> None:
        super().server_close()
        self.release()

    def execute(self, task: str, *args: Any) -> Answer:
        """Run a task in a fresh worker process, killed at the time limit."""
        write = task == "update"
        with self.slots:
            self.rw.acquire(write)
            try:
                return self._in_process(task, *args)
            finally:
                self.rw.release(write)

    def _in_process(self, task: str, *args: Any) -> Answer:
        receiver, sender = self.context.Pipe(duplex=False)
        process = self.context.Process(target=_worker, args=(sender, task, *args), daemon=True)
        process.start()
        sender.close()
        try:
            if receiver.poll(self.config.timeout):
                try:
                    answer: Answer = receiver.recv()
                    return answer
                except EOFError:
                    return Answer(500, "text/plain", b"the query worker died\n")
            message = f"query time limit of {self.config.timeout:g} s exceeded\n"
            return Answer(503, "text/plain; charset=utf-8", message.encode())
        finally:
            receiver.close()
            if process.is_alive():
                process.kill()
            process.join(5)


class Handler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol: query via GET or POST; update only when allowed."""

    server: Endpoint
    server_version = "actorgraph"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return None  # quiet by default; the CLI prints the address once

    # -- HTTP verbs -------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:
        self._send(Answer(204, "text/plain", b""))

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/"):
            return self._error(404, "not found; the endpoint is /sparql")
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._error(405, "SPARQL Update must be sent with POST")
        if "query" not in params:
            return self._describe()
        self._query(params["query"][0], params)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/update", "/"):
            return self._error(404, "not found; the endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._error(413, f"request body larger than {MAX_BODY} bytes")
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if kind == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qs(body, keep_blank_values=True))
        elif kind == "application/sparql-query":
            params["query"] = [body]
        elif kind == "application/sparql-update":
            params["update"] = [body]
        else:
            return self._error(415, "send application/sparql-query or a form with query=")
        if "update" in params:
            return self._update(params["update"][0])
        if "query" not in params:
            return self._error(400, "missing query parameter")
        self._query(params["query"][0], params)

    # -- work --------------------------------------------------------------------------------
    def _query(self, query: str, params: dict[str, list[str]]) -> None:
        config = self.server.config
        form = query_form(query)
        if form not in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
            if form:
                return self._refuse_update()
            return self._error(400, "not a SPARQL query")
        if not config.allow_service and uses_service(query):
            return self._error(403, "SERVICE calls are disabled on this endpoint")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._error(400, "default-graph-uri / named-graph-uri are not supported")
        graph = form in ("CONSTRUCT", "DESCRIBE")
        wanted = params.get("format", [""])[0].lower()
        accept = FORMAT_ALIASES.get(wanted, wanted) or self.headers.get("Accept") or ""
        media = negotiate(accept, graph)
        if media is None:
            return self._error(406, f"cannot answer as {accept}")
        self._send(self.server.execute("query", config.location, query, media, config.max_rows))

    def _update(self, update: str) -> None:
        if not self.server.config.allow_update:
            return self._refuse_update()
        if not self.server.config.allow_service and uses_service(update):
            return self._error(403, "SERVICE calls are disabled on this endpoint")
        self._send(self.server.execute("update", self.server.config.location, update))

    def _refuse_update(self) -> None:
        self._error(403, "this endpoint is read-only (SPARQL Update is disabled)")

    def _describe(self) -> None:
        text = (
            "actorgraph SPARQL 1.1 endpoint (read-only).\n"
            "Query with GET /sparql?query=... or POST application/sparql-query.\n"
        )
        self._send(Answer(200, "text/plain; charset=utf-8", text.encode()))

    def _error(self, status: int, message: str) -> None:
        self._send(Answer(status, "text/plain; charset=utf-8", f"{message}\n".encode()))

    def _send(self, answer: Answer) -> None:
        try:
            self.send_response(answer.status, HTTPStatus(answer.status).phrase)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            if answer.truncated:
                self.send_header("X-SPARQL-MaxRows", str(self.server.config.max_rows))
            origin = self.server.config.cors_origin
            if origin:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def make_server(config: ServerConfig) -> Endpoint:
    """A ready-to-run endpoint (call `serve_forever()`; `server_close()` when done)."""
    if config.timeout <= 0:
        raise ActorgraphError("--timeout must be a positive number of seconds")
    if config.max_rows <= 0:
        raise ActorgraphError("--max-rows must be a positive number")
    return Endpoint(config)


def serve(config: ServerConfig) -> None:
    """Serve until interrupted."""
    server = make_server(config)
    try:
        server.serve_forever()
    finally:
        server.server_close()
