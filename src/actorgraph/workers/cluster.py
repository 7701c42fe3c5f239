"""Extraction on a Dask cluster (`actorgraph build --dask tcp://scheduler:8786`, or `--dask
local` for a `LocalCluster` of worker processes on this machine).

This process reads the corpus, skips what the store already holds unchanged, and cuts the rest
into batches. Each batch is extracted on a worker of the cluster (each worker process loads the
spaCy pipeline once), which sends back the batch's checked quads as one N-Quads shard. This
process writes each shard to disk as it arrives and loads it into the store:

- the embedded store takes it with Oxigraph's bulk loader (no transaction, so each document's
  fingerprint is written after its graph: a load cut short leaves documents without one,
  and the next build redoes them);
- a SPARQL endpoint takes it as one update request replacing the shard's document graphs.

At most a few batches per worker are in flight, so the memory of this process does not grow
with the corpus. The workers need actorgraph installed (the same version) and nothing else:
documents travel to them and shards back, so no shared file system is needed.
"""

from __future__ import annotations

import gzip
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from actorgraph.errors import ActorgraphError
from actorgraph.model import Document, Extraction
from actorgraph.rdf import SCHEMA
from actorgraph.store import EmbeddedStore, Store

if TYPE_CHECKING:
    from actorgraph.build import BuildSummary, Progress

Extractor = Callable[[Document], Extraction]
BATCH = 32  # documents per task: a few seconds of work, small enough to spread evenly
IN_FLIGHT_PER_WORKER = 2
_FINGERPRINT = ox.NamedNode(str(SCHEMA.sha256))


@dataclass
class Shard:
    """What a worker sends back for one batch."""

    nquads: bytes = b""  # gzip-compressed N-Quads of the documents' graphs but fingerprints
    fingerprints: bytes = b""  # N-Quads of the documents' fingerprints
    written: list[tuple[str, str]] = field(default_factory=list)  # (document id, path)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def extract_and_load(
    changed: Iterable[tuple[Document, str]],
    store: Store,
    summary: BuildSummary,
    progress: Progress,
    extract: Extractor | None,
    model: str | None,
    address: str,
    jobs: int,
    shards: Path | None = None,
) -> None:
    """Extract `changed` on the cluster at `address` and load the shards into `store`."""
    batches = _batches(changed, BATCH)
    first = next(batches, None)
    if first is None:  # nothing to extract: connect to nothing
        return
    from distributed import as_completed

    client, cluster = _connect(address, jobs)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        with tempfile.TemporaryDirectory(prefix="actorgraph-shards-") as scratch:
            folder = Path(shards or scratch)
            folder.mkdir(parents=True, exist_ok=True)
            done = as_completed()
            in_flight, number = 0, 0
            for batch in _chain(first, batches):
                done.add(client.submit(extract_batch, batch, extract, model, pure=False))
                in_flight += 1
                while in_flight >= workers * IN_FLIGHT_PER_WORKER:
                    number += 1
                    _load(next(done), store, folder, number, summary, progress)
                    in_flight -= 1
            for future in done:
                number += 1
                _load(future, store, folder, number, summary, progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(address: str, jobs: int) -> tuple[Any, Any]:
    """A client of the cluster at `address`, and the cluster when it is ours to close."""
    from distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
        )
        return Client(cluster), cluster
    try:
        return Client(address, timeout="10s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise ActorgraphError(
            f"--dask {address}: cannot reach the Dask scheduler ({' '.join(str(exc).split())})"
        ) from None


def _batches(
    changed: Iterable[tuple[Document, str]], size: int
) -> Iterator[list[tuple[Document, str]]]:
    batch: list[tuple[Document, str]] = []
    for item in changed:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _chain(first: list[Any], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield first
    yield from rest


def _load(
    future: Any,
    store: Store,
    folder: Path,
    number: int,
    summary: BuildSummary,
    progress: Progress,
) -> None:
    """Write one shard to disk and load it into the store."""
    try:
        shard: Shard = future.result()
    except Exception as exc:  # a worker lost: its batch is not stored, the next build redoes it
        reason = f"a batch failed on the cluster ({type(exc).__name__}: {exc}); build again"
        summary.failed.append(("(cluster)", reason))
        return
    for path, reason in shard.failed:
        summary.failed.append((path, reason))
        progress("failed", path)
    if not shard.written:
        return
    shard_file = folder / f"shard-{number:05d}.nq.gz"
    shard_file.write_bytes(shard.nquads + gzip.compress(shard.fingerprints, 3))  # all of it
    names = [_graph_name(doc_id) for doc_id, _ in shard.written]
    try:
        if isinstance(store, EmbeddedStore):
            _bulk_load(store, gzip.decompress(shard.nquads), names, shard.fingerprints)
        else:
            store.update(_replace_update(gzip.decompress(shard.nquads), shard.fingerprints, names))
    except ActorgraphError as exc:
        for _, doc_path in shard.written:
            summary.failed.append((doc_path, f"{doc_path}: not stored ({exc})"))
            progress("failed", doc_path)
        return
    for doc_id, doc_path in shard.written:
        summary.written.append(doc_id)
        progress("write", doc_path)


def _graph_name(doc_id: str) -> str:
    from actorgraph.rdf import document_iri

    return str(document_iri(doc_id))


def _drops(names: list[str]) -> str:
    return " ;\n".join(f"DROP SILENT GRAPH <{name}>" for name in names)


def _bulk_load(store: EmbeddedStore, nquads: bytes, names: list[str], fingerprints: bytes) -> None:
    """Replace the shard's documents in the embedded store: drop them, bulk-load the shard,
    then write their fingerprints, which mark them complete."""
    store.update(_drops(names))
    store.oxigraph.bulk_load(nquads, ox.RdfFormat.N_QUADS)
    store.oxigraph.load(fingerprints, ox.RdfFormat.N_QUADS)
    store.oxigraph.flush()  # what stays in memory until flushed would grow with the corpus


def _replace_update(nquads: bytes, fingerprints: bytes, names: list[str]) -> str:
    """One SPARQL update replacing the shard's document graphs (a transaction on the server)."""
    by_graph: dict[str, list[str]] = {name: [] for name in names}
    for data in (nquads, fingerprints):
        for quad in ox.parse(data, ox.RdfFormat.N_QUADS):
            graph = str(quad.graph_name)[1:-1]
            by_graph.setdefault(graph, []).append(
                f"{quad.subject} {quad.predicate} {quad.object} ."
            )
    inserts = " ".join(
        f"GRAPH <{name}> {{\n" + "\n".join(lines) + "\n}" for name, lines in by_graph.items()
    )
    return f"{_drops(names)} ;\nINSERT DATA {{ {inserts} }}"


# --- on the workers ---------------------------------------------------------------------------

_lock = threading.Lock()
_extractors: dict[tuple[Any, str | None], Extractor] = {}


def extract_batch(
    batch: list[tuple[Document, str]], extract: Extractor | None, model: str | None
) -> Shard:
    """Extract and check a batch of documents (run on a worker): one shard of N-Quads."""
    from actorgraph.workers.batch import PipelineExtractor, outcomes

    with _lock:  # one extraction at a time per process: spaCy pipelines are not shared
        key = (extract, model)
        if key not in _extractors:
            _extractors[key] = extract or PipelineExtractor(model)
        extractor = _extractors[key]
        shard = Shard()
        body: list[ox.Quad] = []
        marks: list[ox.Quad] = []
        for (document, _), outcome in zip(batch, outcomes(extractor, batch), strict=True):
            if isinstance(outcome, str):
                shard.failed.append((document.path, outcome))
                continue
            for quad in outcome.quads:  # the fingerprint apart: it marks the document complete
                (marks if quad.predicate == _FINGERPRINT else body).append(quad)
            shard.written.append((document.id, document.path))
    shard.nquads = gzip.compress(ox.serialize(body, format=ox.RdfFormat.N_QUADS) or b"", 3)
    shard.fingerprints = ox.serialize(marks, format=ox.RdfFormat.N_QUADS) or b""
    return shard
