"""Nothing lost: `actorgraph build` killed mid-way (SIGKILL) leaves a store that opens, holds
every document either complete or not at all, and a second build completes it to the same
graph as a build that was never interrupted."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from actorgraph import build, nlp, pipeline, rdf, reader
from actorgraph.store import open_store
from actorgraph.vocab import ACTORS_GRAPH, AG
from corpus import write_corpus
from test_build import build_cli as run_build

pytestmark = pytest.mark.slow

ARTICLES = 16
KILL_FRACTIONS = (0.2, 0.5, 0.8)  # of an uninterrupted build's duration
VOLATILE = {PROV.endedAtTime}  # when the extraction ran: differs between any two builds


def stable(graph: Graph) -> Graph:
    """The graph without the triples that record when it was made."""
    kept = Graph()
    for triple in graph:
        if triple[1] not in VOLATILE:
            kept.add(triple)
    return kept


def same(one: Graph, other: Graph) -> bool:
    return isomorphic(stable(one), stable(other))


def snapshot(folder: Path) -> dict[URIRef, Graph]:
    """Every named graph of the store in `folder` (opening it must work)."""
    with open_store(folder) as store:
        return {name: store.named_graph(name) for name in store.graph_names()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    write_corpus(folder, ARTICLES, seed=11)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory) -> tuple[dict[URIRef, Graph], float]:
    """The graphs of an uninterrupted build, and how long it took."""
    folder = tmp_path_factory.mktemp("crash") / "reference"
    started = time.monotonic()
    result = run_build(corpus, folder)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert f"documents: {ARTICLES} written" in result.stdout
    return snapshot(folder), elapsed


@pytest.fixture(scope="module")
def clean_documents(corpus: Path) -> dict[URIRef, Graph]:
    """Each document's graph as a fresh extraction writes it (before surname linking)."""
    model = nlp.load()
    setup = build.setup_fingerprint(pipeline.EXTRACTOR, build.model_release(None))
    graphs = {}
    for document in reader.read_documents([corpus]):
        fingerprint = build.document_fingerprint(document, pipeline.EXTRACTOR, setup)
        graph = build.document_graph(pipeline.extract(document, model), fingerprint)
        graphs[rdf.document_iri(document.id)] = rdf.split(graph)[0]
    return graphs


def kill_build_after(
    corpus: Path, store: Path, seconds: float, jobs: int = 1, workers: list[int] | None = None
) -> bool:
    """Start a build, SIGKILL it after `seconds`; False if it finished first. The pids of its
    worker processes at that moment go into `workers`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "build", str(corpus), "--store", str(store),
         "--jobs", str(jobs)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        if workers is not None:
            workers += children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        return True


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("fraction", KILL_FRACTIONS)
def test_killed_build_leaves_complete_documents_and_resumes(
    corpus: Path,
    reference: tuple[dict[URIRef, Graph], float],
    clean_documents: dict[URIRef, Graph],
    tmp_path: Path,
    fraction: float,
) -> None:
    final, duration = reference
    store = tmp_path / "store"
    delay = duration * fraction
    for _ in range(4):  # a build faster than the reference: kill it earlier
        if kill_build_after(corpus, store, delay):
            break
        shutil.rmtree(store)
        delay *= 0.6
    else:
        pytest.fail("every build finished before its kill point")

    interrupted = snapshot(store)  # opens: no lock left behind, no corruption
    assert set(interrupted) <= set(final)
    for name, graph in interrupted.items():
        if name in clean_documents:  # a document graph: complete, linked or not yet linked
            assert same(graph, clean_documents[name]) or same(graph, final[name]), name
        elif name != ACTORS_GRAPH:  # the knowledge base or the ontology: whole
            assert same(graph, final[name]), name
    actors = interrupted.get(ACTORS_GRAPH, Graph())
    for graph in interrupted.values():  # every actor a stored document names is described
        for actor in set(graph.objects(None, AG.mentionOf)):
            assert (actor, RDF.type, None) in actors and (actor, RDFS.label, None) in actors
    complete = sum(1 for name in interrupted if name in clean_documents)

    resumed = run_build(corpus, store)
    assert resumed.returncode == 0, resumed.stderr
    counts = re.search(r"documents: (\d+) written, (\d+) unchanged", resumed.stdout)
    assert counts, resumed.stdout
    written, unchanged = int(counts.group(1)), int(counts.group(2))
    assert written + unchanged == ARTICLES
    assert unchanged == complete  # what survived the kill is kept, not redone

    after = snapshot(store)
    assert set(after) == set(final)
    for name, graph in final.items():
        assert same(after[name], graph), name


def test_rebuilding_a_complete_store_changes_nothing(
    corpus: Path, reference: tuple[dict[URIRef, Graph], float], tmp_path: Path
) -> None:
    final, _ = reference
    store = tmp_path / "store"
    assert run_build(corpus, store).returncode == 0
    again = run_build(corpus, store)
    assert f"documents: 0 written, {ARTICLES} unchanged" in again.stdout
    after = snapshot(store)
    assert set(after) == set(final)
    assert all(same(after[name], graph) for name, graph in final.items())


def test_killed_parallel_build_leaves_no_workers_and_resumes(
    corpus: Path,
    reference: tuple[dict[URIRef, Graph], float],
    clean_documents: dict[URIRef, Graph],
    tmp_path: Path,
) -> None:
    """`build --jobs 2` killed mid-way: every document complete or absent, the workers gone
    (no lock held), and `build --jobs 2` again completes the same graph."""
    final, duration = reference
    store = tmp_path / "store"
    delay, workers = duration * 0.6, []
    for _ in range(4):
        workers.clear()
        if kill_build_after(corpus, store, delay, jobs=2, workers=workers) and workers:
            break
        shutil.rmtree(store, ignore_errors=True)
        delay *= 0.7
    else:
        pytest.fail("every parallel build finished before its kill point")
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in workers), "worker processes outlived the build"

    interrupted = snapshot(store)
    for name, graph in interrupted.items():
        if name in clean_documents:
            assert same(graph, clean_documents[name]) or same(graph, final[name]), name
        elif name != ACTORS_GRAPH:  # the actors graph is rewritten whole at the build's end
            assert same(graph, final[name]), name
    actors = interrupted.get(ACTORS_GRAPH, Graph())
    for graph in interrupted.values():  # every actor a stored document names is described
        for actor in set(graph.objects(None, AG.mentionOf)):
            assert (actor, RDF.type, None) in actors and (actor, RDFS.label, None) in actors
    complete = sum(1 for name in interrupted if name in clean_documents)

    resumed = subprocess.run(
        [sys.executable, "-m", "actorgraph", "build", str(corpus), "--store", str(store),
         "--jobs", "2"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    counts = re.search(r"documents: (\d+) written, (\d+) unchanged", resumed.stdout)
    assert counts, resumed.stdout
    assert int(counts.group(1)) + int(counts.group(2)) == ARTICLES
    assert int(counts.group(2)) == complete
    after = snapshot(store)
    assert set(after) == set(final)
    for name, graph in final.items():
        assert same(after[name], graph), name
