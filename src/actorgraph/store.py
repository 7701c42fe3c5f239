"""The persistent graph store: an embedded Oxigraph database or any SPARQL 1.1 endpoint.

`open_store(location)` gives a `Store`:
- `None` -> the default embedded store, `$ACTORGRAPH_STORE` or `./actorgraph-store`;
- a folder path -> an embedded pyoxigraph (RocksDB) store in that folder, created if needed;
  `":memory:"` -> an in-memory store (tests, benchmarks);
- an `http(s)://` URL -> a `RemoteStore` speaking SPARQL 1.1 Query and Update. The URL is the
  query endpoint; the update endpoint is `update_url` if given, else derived: `.../query` ->
  `.../update` (Oxigraph), `.../sparql` -> `.../update` (Fuseki `/ds/sparql`), a bare server
  root `http://host:7878/` -> `/query` and `/update` (Oxigraph), otherwise the same URL
  (Virtuoso, GraphDB, Neptune accept updates on their query URL). `URL|UPDATE_URL` in one
  string gives both explicitly.

Each document lives in its own named graph (the document IRI), holding its mentions of actors,
its relations and their provenance; the actors' descriptions and direct edges are kept once
in the actors graph (`vocab.ACTORS_GRAPH`). `replace_document` swaps a document's graph and
adds its actors' descriptions in one SPARQL Update request, which Oxigraph (embedded or
server) applies as one transaction: a reader sees the old version or the new one, never half.
Queries see the union of all named graphs as their default graph, unless they name their
dataset with FROM or FROM NAMED (remote servers must be configured that way: Oxigraph
`--union-default-graph`, Fuseki `tdb2:unionDefaultGraph`; Virtuoso, GraphDB and Neptune do
it by default).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Identifier

from actorgraph.errors import QueryError, StoreError
from actorgraph.rdf import ONTOLOGY_GRAPH, document_id, document_iri, split
from actorgraph.terms import RDF_LANG_STRING, XSD_STRING, from_ox, to_ox
from actorgraph.vocab import ACTORS_GRAPH, AG, DOC, KB_GRAPH

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_LOCATION = "actorgraph-store"
"""Default store folder, relative to the working directory (override: $ACTORGRAPH_STORE)."""
LOCK_NAME = "actorgraph.lock"
Bindings = Mapping[str, Identifier]


@dataclass
class SelectResult:
    """The answer to a SELECT query: variable names and rows of rdflib terms (None = unbound)."""

    variables: list[str]
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)
    truncated: bool = False  # True when a row limit cut the answer short

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Identifier | None, ...]]:
        return iter(self.rows)

    def to_dataframe(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame of Python values: numbers (decimals as floats), dates,
        strings, the ontology's terms by their names (CONSULT, Person, asserted) and other
        IRIs in full (actors, documents: what queries take back as parameters)."""
        import pandas as pd

        vocabulary = str(AG)

        def value(term: Identifier | None) -> Any:
            if term is None:
                return None
            if isinstance(term, Literal):
                python = term.toPython()
                if isinstance(python, Decimal):
                    return float(python)
                return python if not isinstance(python, Literal) else str(term)
            text = str(term)
            return text[len(vocabulary) :] if text.startswith(vocabulary) else text

        return pd.DataFrame(
            [[value(t) for t in row] for row in self.rows], columns=list(self.variables)
        )


@dataclass(frozen=True)
class DocumentInfo:
    """A document held in the store."""

    id: str
    iri: str
    title: str | None
    date: str | None
    path: str | None
    sha256: str | None


# --- term conversion (`terms`) -----------------------------------------------------------------


def _nt(term: Identifier) -> str:
    """A term in N-Triples/SPARQL syntax, escaped by the RDF library (never by hand)."""
    return str(to_ox(term))


def graph_insert_data(graph_name: URIRef, triples: Iterable[tuple[Any, Any, Any]]) -> str:
    """A SPARQL `INSERT DATA` block putting `triples` into `graph_name`."""
    lines = [f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in triples]
    body = "\n".join(lines)
    return f"INSERT DATA {{ GRAPH {_nt(graph_name)} {{\n{body}\n}} }}"


def replace_graph_update(graph_name: URIRef, graph: Graph) -> str:
    """One SPARQL Update request that swaps the content of `graph_name` for `graph`."""
    return f"DROP SILENT GRAPH {_nt(graph_name)} ;\n" + graph_insert_data(graph_name, graph)


def _one_line(message: str) -> str:
    return " ".join(str(message).split())


# --- the store interface ---------------------------------------------------------------------

_DOCUMENTS_QUERY = f"""
PREFIX ag: <{AG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
SELECT ?doc ?title ?date ?path ?sha WHERE {{
  GRAPH ?doc {{
    ?doc a ag:Document .
    OPTIONAL {{ ?doc dcterms:title ?title }}
    OPTIONAL {{ ?doc dcterms:date ?date }}
    OPTIONAL {{ ?doc ag:path ?path }}
    OPTIONAL {{ ?doc schema:sha256 ?sha }}
  }}
}} ORDER BY ?doc
"""


class Store:
    """What every store offers: SPARQL reads, atomic document writes, KB loading, export."""

    location: str

    # -- to implement ----------------------------------------------------------------------
    def _select(
        self, query: str, bindings: Bindings | None, limit: int | None = None
    ) -> SelectResult:
        raise NotImplementedError

    def _construct(self, query: str, bindings: Bindings | None) -> Graph:
        raise NotImplementedError

    def _ask(self, query: str, bindings: Bindings | None) -> bool:
        raise NotImplementedError

    def update(self, update: str) -> None:
        """Run a SPARQL Update request as one transaction."""
        raise NotImplementedError

    def quads(self) -> Iterator[tuple[Identifier, Identifier, Identifier, Identifier | None]]:
        """Every quad (graph None for the default graph)."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the store."""

    # -- shared behaviour ------------------------------------------------------------------
    def select(
        self, query: str, bindings: Bindings | None = None, limit: int | None = None
    ) -> SelectResult:
        """Rows of a SELECT query over the union of all graphs, with bound parameters.

        With `limit`, at most that many rows are read and `truncated` says if there were more.
        """
        return self._select(query, bindings, limit)

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph:
        """The graph built by a CONSTRUCT or DESCRIBE query."""
        return self._construct(query, bindings)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """The answer to an ASK query."""
        return self._ask(query, bindings)

    def query(self, query: str, bindings: Bindings | None = None) -> SelectResult | Graph | bool:
        """Any read query: SelectResult for SELECT, Graph for CONSTRUCT/DESCRIBE, bool for ASK."""
        form = query_form(query)
        if form == "SELECT":
            return self.select(query, bindings)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return self.construct(query, bindings)
        if form == "ASK":
            return self.ask(query, bindings)
        raise QueryError("not a SPARQL query (expected SELECT, CONSTRUCT, DESCRIBE or ASK)")

    def replace_document(self, doc_id: str, graph: Graph) -> None:
        """Put `graph` in place of the document's named graph and add the descriptions of its
        actors to the actors graph, atomically (`rdf.split` decides which triples are which).
        A build then rewrites the actors graph from every document (`build.refresh_actors`),
        which drops what no document says any more."""
        own, shared = split(graph)
        update = replace_graph_update(document_iri(doc_id), own)
        if len(shared):
            update += " ;\n" + graph_insert_data(ACTORS_GRAPH, shared)
        self.update(update)

    def delete_document(self, doc_id: str) -> None:
        """Remove a document's named graph."""
        self.update(f"DROP SILENT GRAPH {_nt(document_iri(doc_id))}")

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Put `graph` in place of the named graph `name`, atomically."""
        self.update(replace_graph_update(name, graph))

    def load_kb(self, graph: Graph) -> None:
        """Replace the knowledge-base named graph with the KB's facts (posts, memberships) and
        add its actors' descriptions to the actors graph, atomically."""
        facts, actors = split(graph)
        update = replace_graph_update(KB_GRAPH, facts)
        if len(actors):
            update += " ;\n" + graph_insert_data(ACTORS_GRAPH, actors)
        self.update(update)

    def load_ontology(self, graph: Graph) -> None:
        """Replace the ontology named graph (event-type concepts and their scores)."""
        self.replace_graph(ONTOLOGY_GRAPH, graph)

    def documents(self) -> list[DocumentInfo]:
        """The documents in the store, by IRI."""
        result = self.select(_DOCUMENTS_QUERY)
        docs = []
        for doc, title, date, path, sha in result.rows:
            if doc is None or not str(doc).startswith(str(DOC)):
                continue
            docs.append(
                DocumentInfo(
                    id=document_id(str(doc)),
                    iri=str(doc),
                    title=None if title is None else str(title),
                    date=None if date is None else str(date),
                    path=None if path is None else str(path),
                    sha256=None if sha is None else str(sha),
                )
            )
        return docs

    def document_graph(self, doc_id: str) -> Graph:
        """The named graph of one document (empty when absent)."""
        return self.named_graph(document_iri(doc_id))

    def named_graph(self, name: URIRef) -> Graph:
        """The content of one named graph, as an rdflib Graph."""
        result = self.select("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name})
        graph = Graph(identifier=name)
        for _, s, p, o in result.rows:
            if s is not None and p is not None and o is not None:
                graph.add((s, p, o))
        return graph

    def graph_names(self) -> list[URIRef]:
        """The names of all named graphs."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return sorted(URIRef(str(row[0])) for row in rows if row[0] is not None)

    def count(self) -> int:
        """The number of quads in all named graphs."""
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        value = rows[0][0] if rows else None
        return int(value.toPython()) if isinstance(value, Literal) else 0

    def dataset(self) -> Dataset:
        """Everything in the store as an rdflib Dataset (for small stores and export)."""
        dataset = Dataset()
        for s, p, o, g in self.quads():
            context = dataset.graph(g) if g is not None else dataset.default_context
            context.add((s, p, o))
        return dataset

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


_FORM_RE = re.compile(
    r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK|INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|"
    r"ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


def mask_sparql(text: str) -> str:
    """`text` with comments, strings and IRIs blanked out (same length), for keyword scans."""
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + len(quote))
            out.append('"' + " " * max(0, j - i - 2) + '"' if j - i >= 2 else " " * (j - i))
            i = j
        elif ch == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:]):
            j = text.index(">", i) + 1
            out.append("<" + " " * (j - i - 2) + ">")
            i = j
        else:
            out.append(ch)
            i += 1
    return "".join(out)


_TOKEN_RE = re.compile(r"[^\s{}()\[\],;<>\"'=!|&^*/+]+")
"""A keyword, name, variable or number of SPARQL text (separators never inside one)."""


def names_dataset(query: str) -> bool:
    """Whether a query names its dataset with FROM or FROM NAMED (read from its tokens, with
    strings, IRIs and comments masked: `?from`, `ex:from` and `"x"@from` are not the keyword)."""
    return any(token.upper() == "FROM" for token in _TOKEN_RE.findall(mask_sparql(query)))


def query_form(query: str) -> str:
    """The form of a SPARQL request: SELECT, CONSTRUCT, DESCRIBE, ASK, or an update keyword."""
    match = _FORM_RE.search(mask_sparql(query))
    return match.group(1).upper() if match else ""


# --- embedded (pyoxigraph) ----------------------------------------------------------------------


class EmbeddedStore(Store):
    """A pyoxigraph store on disk (RocksDB) or in memory."""

    def __init__(self, location: str | Path | None, read_only: bool = False) -> None:
        self._lock: IO[str] | None = None
        self._store: ox.Store | None = None
        self.read_only = read_only
        if location is None or str(location) == ":memory:":
            self.location = ":memory:"
            self._store = ox.Store()
            return
        path = Path(location).expanduser()
        self.location = str(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: not a store folder (it is a file)")
        try:
            if read_only:
                if not path.is_dir():
                    raise StoreError(f"{path}: no store here (run `actorgraph build` first)")
                self._lock = shared_lock(path)
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._lock = _take_lock(path)
            self._store = _open_oxigraph(path, read_only)
        except OSError as exc:
            self._release_lock()
            raise StoreError(f"{path}: cannot open the store ({_one_line(str(exc))})") from None

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{self.location}: the store is closed")
        return self._store

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk work and benchmarks)."""
        return self._db

    def _run(self, query: str, bindings: Bindings | None) -> Any:
        """Run a query with parameters bound by a VALUES block at the start of its WHERE
        clause (the engine's SEP-0007 substitutions are applied after evaluation and were
        measured hundreds of times slower); substitutions only where no WHERE clause is found.
        """
        substitutions: dict[ox.Variable, Any] | None = None
        if bindings:
            try:
                query = inject_values(query, bindings)
            except QueryError:
                substitutions = {ox.Variable(k): to_ox(v) for k, v in bindings.items()}
        try:
            return self._db.query(
                query,
                use_default_graph_as_union=not names_dataset(query),
                substitutions=substitutions,
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {_one_line(str(exc))}") from None
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            raise QueryError(f"query failed: {_one_line(str(exc))}") from None

    def named_graph(self, name: URIRef) -> Graph:
        graph = Graph(identifier=name)
        for quad in self._db.quads_for_pattern(None, None, None, ox.NamedNode(str(name))):
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
        return graph

    def _select(
        self, query: str, bindings: Bindings | None, limit: int | None = None
    ) -> SelectResult:
        solutions = self._run(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        variables = [v.value for v in solutions.variables]
        rows: list[tuple[Identifier | None, ...]] = []
        truncated = False
        try:
            for solution in solutions:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(None if t is None else from_ox(t) for t in solution))
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {_one_line(str(exc))}") from None
        return SelectResult(variables, rows, truncated)

    def _construct(self, query: str, bindings: Bindings | None) -> Graph:
        triples = self._run(query, bindings)
        if not isinstance(triples, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for triple in triples:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return graph

    def _ask(self, query: str, bindings: Bindings | None) -> bool:
        answer = self._run(query, bindings)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(answer)

    def update(self, update: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")
        try:
            self._db.update(update)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL Update syntax error: {_one_line(str(exc))}") from None
        except OSError as exc:
            raise StoreError(f"store write failed: {_one_line(str(exc))}") from None

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Swap a named graph in one transaction (an update request is one transaction)."""
        self.update(replace_graph_update(name, graph))

    def quads(self) -> Iterator[tuple[Identifier, Identifier, Identifier, Identifier | None]]:
        for quad in self._db:
            graph = quad.graph_name
            name = None if isinstance(graph, ox.DefaultGraph) else from_ox(graph)
            yield (
                from_ox(quad.subject),
                from_ox(quad.predicate),
                from_ox(quad.object),
                name,
            )

    def dump(self, output: IO[bytes], fmt: str) -> None:
        """Write the whole dataset as N-Quads or TriG, streaming from the engine."""
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
        self._db.dump(output, formats[fmt])

    def count(self) -> int:
        return len(self._db)

    def close(self) -> None:
        """Flush and free the database, so that this process can open it again at once.

        pyoxigraph has no close: RocksDB releases its lock when the last reference to the
        store (including unfinished result iterators) is freed, so drop ours and collect.
        """
        if self._store is not None and self.location != ":memory:":
            if not self.read_only:
                with contextlib.suppress(OSError, RuntimeError):
                    self._store.flush()
            self._store = None
            gc.collect()
        self._release_lock()


def _open_oxigraph(path: Path, read_only: bool) -> ox.Store:
    """Open the RocksDB store; if a store of this process not yet collected holds its lock
    (e.g. closed while a result iterator was still alive), collect garbage and try again."""
    opener = ox.Store.read_only if read_only else ox.Store
    try:
        return opener(str(path))
    except OSError as exc:
        if "lock hold by current process" not in str(exc):
            raise
    gc.collect()
    return opener(str(path))


def _take_lock(path: Path) -> IO[str]:
    """An exclusive lock on the store folder, so a server or a second writer fails clearly."""
    handle = open(path / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise StoreError(
            f"{path}: the store is in use by another actorgraph process (build or serve)"
        ) from None
    return handle


def shared_lock(path: Path) -> IO[str]:
    """A shared lock on a store folder: readers (the server) keep writers out meanwhile."""
    if not path.is_dir():
        raise StoreError(f"{path}: no store here (run `actorgraph build` first)")
    handle = open(path / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise StoreError(f"{path}: the store is being written by another process") from None
    return handle


# --- remote (SPARQL 1.1 protocol) ---------------------------------------------------------------


def values_clause(bindings: Bindings) -> str:
    """A VALUES block binding parameters, each term written by the RDF library."""
    names = list(bindings)
    variables = " ".join(f"?{name}" for name in names)
    terms = " ".join(_nt(bindings[name]) for name in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def inject_values(query: str, bindings: Bindings | None) -> str:
    """`query` with a VALUES block at the start of its WHERE clause (for remote endpoints)."""
    if not bindings:
        return query
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"invalid parameter name {name!r}")
    masked = mask_sparql(query)
    form = query_form(query)
    short_construct = re.search(r"\bCONSTRUCT\s+WHERE\s*\{", masked, re.IGNORECASE)
    if form == "CONSTRUCT" and short_construct:
        at = short_construct.end()
    elif form == "CONSTRUCT":
        end = _after_group(masked, masked.find("{"))
        at = masked.find("{", end) + 1 if end > 0 else 0
    else:
        at = masked.find("{") + 1  # the outer WHERE group comes before any subquery
    if at <= 0:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return f"{query[:at]} {values_clause(bindings)} {query[at:]}"


def _after_group(masked: str, start: int) -> int:
    """The index just after the group opened at `start`."""
    depth = 0
    for index in range(start, len(masked)):
        if masked[index] == "{":
            depth += 1
        elif masked[index] == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    return -1


def _derive_update_url(url: str) -> str:
    parsed = urllib.parse.urlsplit(url)
    path = parsed.path
    if path in ("", "/"):
        return urllib.parse.urlunsplit(parsed._replace(path="/update"))
    for suffix in ("/query", "/sparql"):
        if path.endswith(suffix):
            return urllib.parse.urlunsplit(parsed._replace(path=path[: -len(suffix)] + "/update"))
    return url


def _derive_query_url(url: str) -> str:
    parsed = urllib.parse.urlsplit(url)
    if parsed.path in ("", "/"):
        return urllib.parse.urlunsplit(parsed._replace(path="/query"))
    return url


def _term_from_json(value: Mapping[str, str]) -> Identifier:
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype not in (XSD_STRING, RDF_LANG_STRING):
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise StoreError(f"unsupported term in SPARQL results: {kind!r}")


class RemoteStore(Store):
    """A store behind SPARQL 1.1 Query and Update endpoints."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60) -> None:
        self.query_url = _derive_query_url(query_url)
        self.update_url = update_url or _derive_update_url(query_url)
        self.location = self.query_url
        self.timeout = timeout
        self._union_checked = False

    def _post(self, url: str, form: dict[str, str], accept: str) -> bytes:
        data = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(
            url,
            data=data,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": accept,
                "User-Agent": "actorgraph",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as exc:
            detail = _one_line(exc.read().decode("utf-8", "replace"))[:300]
            error = QueryError if exc.code in (400, 406) else StoreError
            raise error(f"{url}: HTTP {exc.code}: {detail or exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{url}: cannot reach the SPARQL endpoint ({reason})") from None

    def _query_json(self, query: str, bindings: Bindings | None) -> dict[str, Any]:
        self._check_union()
        body = self._post(
            self.query_url,
            {"query": inject_values(query, bindings)},
            "application/sparql-results+json",
        )
        try:
            parsed: dict[str, Any] = json.loads(body)
        except ValueError:
            raise StoreError(f"{self.query_url}: the answer is not SPARQL JSON results") from None
        return parsed

    def _raw_ask(self, query: str) -> bool:
        body = self._post(self.query_url, {"query": query}, "application/sparql-results+json")
        return bool(json.loads(body).get("boolean"))

    def _check_union(self) -> None:
        """Queries need the union of named graphs as default graph; say so if it is missing."""
        if self._union_checked:
            return
        self._union_checked = True
        if self._raw_ask("ASK { GRAPH ?g { ?s ?p ?o } }") and not self._raw_ask("ASK { ?s ?p ?o }"):
            raise StoreError(
                f"{self.query_url}: the endpoint's default graph is not the union of its named "
                "graphs (start Oxigraph with --union-default-graph; for Fuseki set "
                "tdb2:unionDefaultGraph true)"
            )

    def _select(
        self, query: str, bindings: Bindings | None, limit: int | None = None
    ) -> SelectResult:
        answer = self._query_json(query, bindings)
        variables = list(answer.get("head", {}).get("vars", []))
        rows = []
        for binding in answer.get("results", {}).get("bindings", []):
            rows.append(
                tuple(_term_from_json(binding[v]) if v in binding else None for v in variables)
            )
        if limit is not None and len(rows) > limit:
            return SelectResult(variables, rows[:limit], truncated=True)
        return SelectResult(variables, rows)

    def _ask(self, query: str, bindings: Bindings | None) -> bool:
        return bool(self._query_json(query, bindings).get("boolean"))

    def _construct(self, query: str, bindings: Bindings | None) -> Graph:
        self._check_union()
        body = self._post(
            self.query_url, {"query": inject_values(query, bindings)}, "application/n-triples"
        )
        graph = Graph()
        try:
            graph.parse(data=body.decode("utf-8"), format="nt")
        except Exception as exc:  # rdflib raises several parser exception types
            raise StoreError(f"{self.query_url}: unreadable RDF answer ({exc})") from None
        return graph

    def update(self, update: str) -> None:
        self._post(self.update_url, {"update": update}, "*/*")

    def quads(self) -> Iterator[tuple[Identifier, Identifier, Identifier, Identifier | None]]:
        self._union_checked = True
        rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        for s, p, o, g in rows:
            if s is not None and p is not None and o is not None:
                yield s, p, o, g

    def named_graph(self, name: URIRef) -> Graph:
        self._union_checked = True
        return super().named_graph(name)


def default_location() -> str:
    """The store used when none is named: $ACTORGRAPH_STORE, else ./actorgraph-store."""
    return os.environ.get("ACTORGRAPH_STORE") or DEFAULT_LOCATION


def is_remote(location: str | Path | None) -> bool:
    return str(location or "").startswith(("http://", "https://"))


def open_store(
    location: str | Path | None = None,
    *,
    update_url: str | None = None,
    read_only: bool = False,
) -> Store:
    """Open the store at `location` (see the module docstring for what locations mean)."""
    location = default_location() if location is None else location
    text = str(location)
    if is_remote(text):
        query_url, _, explicit_update = text.partition("|")
        return RemoteStore(query_url, update_url or explicit_update or None)
    return EmbeddedStore(location, read_only=read_only)
