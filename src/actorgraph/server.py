"""A read-only SPARQL 1.1 Protocol endpoint over a store (`actorgraph serve`).

GET `/sparql?query=...` and POST (`application/sparql-query` or a form with `query=`) answer
with SPARQL results (JSON, XML, CSV, TSV by the Accept header or `format=`) or RDF for
CONSTRUCT/DESCRIBE (Turtle, N-Triples, RDF/XML, JSON-LD). Safe by default: bound to
127.0.0.1; SPARQL Update refused unless switched on; no request to another server, whatever
the spelling (SERVICE and LOAD found in the parsed request, `outgoing`); a Host header that is
not an address or an allowed name (DNS rebinding) and requests from other web pages' origins
refused unless allowed; queries run in a pool of worker processes, each with the store open
and its address space capped (`max_memory`), and a worker still busy when the time limit
passes, or out of memory, is killed and replaced (a runaway query can neither pin nor exhaust
the machine); results are cut at `max_rows` (header `X-SPARQL-MaxRows`, as Virtuoso does)
and refused over `max_result_bytes`; an over-large request gets its 413.
While the server runs it holds a shared lock on the store folder, so `actorgraph build` on
the same folder waits its turn with a clear message instead of writing under the readers.
"""

from __future__ import annotations

import contextlib
import ipaddress
import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import resource
import signal
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from rdflib import Graph

from actorgraph import outgoing
from actorgraph.errors import ActorgraphError, QueryError, StoreError
from actorgraph.store import SelectResult, Store, is_remote, query_form, shared_lock

MAX_BODY = 1_000_000
"""Largest request body accepted, in bytes."""
DISCARD_BODY = 64_000_000
DISCARD_SECONDS = 10.0
"""How much of a refused body is read and dropped (and for how long), so that the client
finishes sending and reads the 413 instead of a reset connection."""
WORKER_TASKS = 1000
"""Tasks a worker process runs before it is replaced (bounds memory a worker may keep)."""
MIN_MEMORY = 512 * 1024 * 1024
"""Smallest address space a worker can open a store in (an idle one maps about 460 MB)."""
MEMORY_DEATHS = (-signal.SIGABRT, -signal.SIGKILL)
"""How a worker ends when memory runs out: the engine aborts when an allocation fails; the
kernel's out-of-memory killer sends SIGKILL."""

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
    max_memory: int | None = 2 * 1024**3
    """Address space of each worker process, in bytes (None: no cap)."""
    max_result_bytes: int = 100 * 1024**2
    allowed_hosts: tuple[str, ...] = ()
    """Host names (besides addresses, localhost and `host`) the endpoint answers to."""


@dataclass(frozen=True)
class Answer:
    """An HTTP answer computed by a worker."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False
    retire: bool = False  # the worker must be replaced (it ran out of memory)


def uses_service(query: str) -> bool:
    """Whether a query calls another endpoint (SERVICE), read from its parse."""
    return bool(outgoing.calls(query))


def size_text(size: int) -> str:
    """A byte count for people: 2 GB, 512 MB, 64 KB."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


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
    """Run one read query on the store at `location` and serialise the answer."""
    from actorgraph.store import open_store

    with open_store(location, read_only=True) as store:
        return answer_query(store, query, media, max_rows)


def answer_query(
    store: Store, query: str, media: str, max_rows: int, max_bytes: int | None = None
) -> Answer:
    """Run one read query on an open store and serialise the answer (in a worker process);
    an answer over `max_bytes` is refused with a 503."""
    answer = _serialised(store, query, media, max_rows)
    if max_bytes is not None and len(answer.body) > max_bytes:
        message = (
            f"the answer is larger than the result size limit of {size_text(max_bytes)}: "
            "add LIMIT or narrow the query\n"
        )
        return Answer(503, "text/plain; charset=utf-8", message.encode())
    return answer


def _serialised(store: Store, query: str, media: str, max_rows: int) -> Answer:
    from actorgraph import queries

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


class _OpenStore:
    """The store a worker keeps open between queries, reopened after an update (`version`)."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.version = -1
        self.store: Store | None = None

    def get(self, version: int) -> Store:
        from actorgraph.store import open_store

        if self.store is None or version != self.version:
            self.close()
            self.store = open_store(self.location, read_only=True)
            self.version = version
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def _answer(
    opened: _OpenStore, config: ServerConfig, task: str, version: int, args: tuple[Any, ...]
) -> Answer:
    """Run a task, turning any failure into the error answer (a worker must always answer)."""
    try:
        if not config.allow_service:
            refused = _outgoing_refusal(args[0], update=task == "update")
            if refused is not None:
                return refused
        if task == "update":
            opened.close()  # an update needs the store to itself in this process
            return run_update(opened.location, *args)
        query, media, max_rows = args
        return answer_query(opened.get(version), query, media, max_rows, config.max_result_bytes)
    except ActorgraphError as exc:
        status = 503 if isinstance(exc, StoreError) else 400
        return Answer(status, "text/plain; charset=utf-8", f"{exc}\n".encode())
    except MemoryError:
        text = memory_message(config.max_memory)
        return Answer(503, "text/plain; charset=utf-8", text.encode(), retire=True)
    except Exception as exc:
        text = " ".join(f"{type(exc).__name__}: {exc}".split())
        return Answer(500, "text/plain; charset=utf-8", f"{text}\n".encode())


def _outgoing_refusal(request: str, update: bool) -> Answer | None:
    """The 403 for a request that would make the engine call another server, else None."""
    found = outgoing.calls(request, update=update)
    if not found:
        return None
    message = (
        f"{found[0]} refused: this endpoint sends no requests to other servers "
        "(SERVICE and LOAD are disabled; start it with --allow-service to allow them)\n"
    )
    return Answer(403, "text/plain; charset=utf-8", message.encode())


def memory_message(limit: int | None) -> str:
    """What a client is told when its query ran out of memory."""
    cap = f"the limit of {size_text(limit)} per worker" if limit else "the memory available"
    return f"the query needed more memory than {cap} and was stopped (see --max-memory)\n"


def _cap_memory(limit: int | None) -> None:
    """Cap this process's address space: an allocation over it fails instead of the machine
    running out of memory. The engine's messages about it are not for the user: the parent
    answers the client and replaces this worker."""
    if limit is None:
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _worker(
    conn: multiprocessing.connection.Connection, config: ServerConfig, version: int
) -> None:
    """Worker process: cap its memory, open the store once, then answer tasks until the pipe
    closes."""
    _cap_memory(config.max_memory)
    opened = _OpenStore(config.location)
    with contextlib.suppress(ActorgraphError):
        opened.get(version)  # open ahead of the first query; a failure is answered then
    try:
        while True:
            try:
                task, version, args = conn.recv()
            except (EOFError, OSError):
                return
            conn.send(_answer(opened, config, task, version, args))
    finally:
        opened.close()
        conn.close()


@dataclass
class _Process:
    """A worker process and the parent's end of its pipe."""

    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    tasks: int = 0

    def stop(self, kill: bool = False) -> None:
        self.conn.close()  # a worker waiting for work exits on end of file
        if kill:
            self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)


class WorkerPool:
    """Worker processes that keep the store open and are reused from query to query; a worker
    that overruns the time limit is killed and a fresh one started in its place."""

    def __init__(self, context: Any, config: ServerConfig) -> None:
        self.context = context
        self.config = config
        self.timeout = config.timeout
        self.version = 0  # bumped by each update: workers reopen the store to see it
        self._idle: list[_Process] = []
        self._mutex = threading.Lock()
        self._closed = False

    def _start(self) -> _Process:
        receiver, sender = self.context.Pipe()
        process = self.context.Process(
            target=_worker, args=(sender, self.config, self.version), daemon=True
        )
        process.start()
        sender.close()
        return _Process(process, receiver)

    def _take(self) -> _Process | None:
        with self._mutex:
            if self._closed:
                return None
            if self._idle:
                return self._idle.pop()
        return self._start()

    def _give_back(self, worker: _Process) -> None:
        with self._mutex:
            if not self._closed and worker.tasks < WORKER_TASKS and worker.process.is_alive():
                self._idle.append(worker)
                return
        worker.stop()

    def run(self, task: str, *args: Any) -> Answer:
        """Run a task in a worker; 503 at the time limit (that worker is killed, one started)."""
        worker = self._take()
        if worker is None:
            return Answer(503, "text/plain", b"the endpoint is shutting down\n")
        try:
            worker.conn.send((task, self.version, args))
            ready = worker.conn.poll(self.timeout)
            answer: Answer | None = worker.conn.recv() if ready else None
        except (EOFError, OSError):
            return self._died(worker)
        if answer is None:
            worker.stop(kill=True)
            self._replace()
            message = f"query time limit of {self.timeout:g} s exceeded\n"
            return Answer(503, "text/plain; charset=utf-8", message.encode())
        worker.tasks += 1
        if task == "update":
            self.updated()
        if answer.retire:
            worker.stop(kill=True)
            self._replace()
        else:
            self._give_back(worker)
        return answer

    def _died(self, worker: _Process) -> Answer:
        """The answer for a worker that died on a task (out of memory, most often); a fresh
        worker takes its place."""
        worker.stop(kill=True)
        self._replace()
        code = worker.process.exitcode
        if code in MEMORY_DEATHS:
            limit = self.config.max_memory
            cap = f" over its memory limit of {size_text(limit)}" if limit else " out of memory"
            sys.stderr.write(f"actorgraph: a query worker ran{cap}; it was replaced\n")
            return Answer(503, "text/plain; charset=utf-8", memory_message(limit).encode())
        text = f"the query worker died (exit status {code}); a new one was started\n"
        return Answer(500, "text/plain; charset=utf-8", text.encode())

    def _replace(self) -> None:
        """Start a worker for the one killed, so the next query finds the store open."""
        with self._mutex:
            if self._closed:
                return
        self._give_back(self._start())

    def updated(self) -> None:
        """The store changed: idle workers reopen it before their next query."""
        with self._mutex:
            self.version += 1

    def idle_pids(self) -> list[int | None]:
        """The process ids of the workers waiting for work."""
        with self._mutex:
            return [worker.process.pid for worker in self._idle]

    def close(self) -> None:
        with self._mutex:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


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
        preload = ["actorgraph.server", "actorgraph.queries", "actorgraph.store"]
        preload.append("rdflib.plugins.sparql.parser")  # `outgoing` parses requests with it
        self.context.set_forkserver_preload(preload)
        self.pool = WorkerPool(self.context, config)
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
        self.pool.close()
        self.release()

    def execute(self, task: str, *args: Any) -> Answer:
        """Run a task in a pooled worker process, killed at the time limit."""
        write = task == "update"
        with self.slots:
            self.rw.acquire(write)
            try:
                return self.pool.run(task, *args)
            finally:
                self.rw.release(write)


class Handler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol: query via GET or POST; update only when allowed."""

    server: Endpoint
    server_version = "actorgraph"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return None  # quiet by default; the CLI prints the address once

    # -- HTTP verbs -------------------------------------------------------------------------
    def do_OPTIONS(self) -> None:
        if self._refused():
            return
        self._send(Answer(204, "text/plain", b""))

    def do_GET(self) -> None:
        if self._refused():
            return
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
        if self._refused():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/update", "/"):
            return self._error(404, "not found; the endpoint is /sparql")
        length = self._body_length()
        if length is None:
            return self._error(400, "invalid Content-Length", close=True)
        if length > MAX_BODY:
            self._error(413, f"request body larger than {MAX_BODY} bytes", close=True)
            return self._discard(length)
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

    def handle_expect_100(self) -> bool:
        """A client that waits for "100 Continue" before a too large body gets the 413 instead,
        and sends nothing."""
        length = self._body_length()
        if length is not None and length > MAX_BODY:
            self._error(413, f"request body larger than {MAX_BODY} bytes", close=True)
            return False
        return super().handle_expect_100()

    # -- who may ask ------------------------------------------------------------------------
    def _refused(self) -> bool:
        """Refuse (403, and say why) a request for another host name or from another web
        page's origin: a page the user visits must not reach the endpoint through the browser."""
        reason = self._wrong_host() or self._foreign_origin()
        if reason is not None:
            self._error(403, reason, close=True)
        return reason is not None

    def _wrong_host(self) -> str | None:
        """Why the Host header is refused: a name that is not this endpoint's (a DNS rebinding
        page sends its own name), else None. Addresses and localhost are always answered."""
        host = self.headers.get("Host")
        if host is None:
            return None  # HTTP/1.0 clients may send none; browsers always do
        try:
            name = urllib.parse.urlsplit(f"//{host}").hostname
        except ValueError:
            name = None
        config = self.server.config
        allowed = {"localhost", config.host.lower(), *(h.lower() for h in config.allowed_hosts)}
        if name is not None and (name in allowed or _is_address(name)):
            return None
        return f"host {host!r} is not this endpoint's name (allow it with --allow-host NAME)"

    def _foreign_origin(self) -> str | None:
        """Why a request from another web page is refused (by its Origin, or by the browser's
        Sec-Fetch-Site for requests that carry no Origin), else None."""
        allowed = self.server.config.cors_origin
        if allowed == "*":
            return None
        origin = self.headers.get("Origin")
        if origin is not None:
            own = f"http://{self.headers.get('Host', '')}".lower()
            if origin.lower() in (own, (allowed or "").lower()):
                return None
            return (
                f"requests from the web page origin {origin!r} are refused "
                "(allow it with --cors-origin ORIGIN)"
            )
        if (self.headers.get("Sec-Fetch-Site") or "").lower() in ("cross-site", "same-site"):
            return "requests from other web pages are refused (allow them with --cors-origin)"
        return None

    def _body_length(self) -> int | None:
        """The announced body length (0 when none), None when it is not a valid number."""
        text = (self.headers.get("Content-Length") or "0").strip()
        return int(text) if text.isdigit() else None

    def _discard(self, length: int) -> None:
        """Read and drop a refused body (bounded in size and time): a client still sending
        when the connection closes would see a reset instead of the 413 already sent."""
        remaining = min(length, DISCARD_BODY)
        deadline = time.monotonic() + DISCARD_SECONDS
        try:
            while remaining > 0 and time.monotonic() < deadline:
                self.connection.settimeout(max(0.1, deadline - time.monotonic()))
                chunk = self.rfile.read1(min(remaining, 1 << 16))
                if not chunk:
                    break
                remaining -= len(chunk)
        except OSError:
            pass

    # -- work --------------------------------------------------------------------------------
    def _query(self, query: str, params: dict[str, list[str]]) -> None:
        config = self.server.config
        form = query_form(query)
        if form not in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
            if form:
                return self._refuse_update()
            return self._error(400, "not a SPARQL query")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._error(400, "default-graph-uri / named-graph-uri are not supported")
        graph = form in ("CONSTRUCT", "DESCRIBE")
        wanted = params.get("format", [""])[0].lower()
        accept = FORMAT_ALIASES.get(wanted, wanted) or self.headers.get("Accept") or ""
        media = negotiate(accept, graph)
        if media is None:
            return self._error(406, f"cannot answer as {accept}")
        self._send(self.server.execute("query", query, media, config.max_rows))

    def _update(self, update: str) -> None:
        if not self.server.config.allow_update:
            return self._refuse_update()
        self._send(self.server.execute("update", update))

    def _refuse_update(self) -> None:
        self._error(403, "this endpoint is read-only (SPARQL Update is disabled)")

    def _describe(self) -> None:
        text = (
            "actorgraph SPARQL 1.1 endpoint (read-only).\n"
            "Query with GET /sparql?query=... or POST application/sparql-query.\n"
        )
        self._send(Answer(200, "text/plain; charset=utf-8", text.encode()))

    def _error(self, status: int, message: str, close: bool = False) -> None:
        answer = Answer(status, "text/plain; charset=utf-8", f"{message}\n".encode())
        self._send(answer, close)

    def _send(self, answer: Answer, close: bool = False) -> None:
        try:
            self.send_response(answer.status, HTTPStatus(answer.status).phrase)
            if close:
                self.send_header("Connection", "close")
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
    if config.max_memory is not None and config.max_memory < MIN_MEMORY:
        raise ActorgraphError(f"--max-memory must be at least {size_text(MIN_MEMORY)}")
    if config.max_result_bytes <= 0:
        raise ActorgraphError("--max-result-size must be a positive size")
    return Endpoint(config)


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def serve(config: ServerConfig) -> None:
    """Serve until interrupted."""
    server = make_server(config)
    try:
        server.serve_forever()
    finally:
        server.server_close()
