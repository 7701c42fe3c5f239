"""`build --jobs N`: worker processes extract, one writer stores; the graph is the one a
single process builds, and a worker that dies costs only the documents it held."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from actorgraph import build, store
from actorgraph.model import Document, Extraction
from actorgraph.workers import local
from actorgraph.workers.write import DocumentQuads
from conftest import make_extraction
from corpus import write_corpus

NAME = make_extraction().extractor


def fake_extract(document: Document) -> Extraction:
    """A hand-built extraction per document (module level: workers import it by name)."""
    extraction = make_extraction(document.id, text=document.text)
    extraction.document = document
    return extraction


def dying_extract(document: Document) -> Extraction:
    """Ends its worker process on the article that asks for it, as a crash in a parser would."""
    if "CRASH" in document.text:
        os._exit(3)
    return fake_extract(document)


def stable(graph: Graph) -> Graph:
    """The graph without the time its extraction ended (differs between any two builds)."""
    kept = Graph()
    for triple in graph:
        if triple[1] != PROV.endedAtTime:
            kept.add(triple)
    return kept


def graphs(opened: store.Store) -> dict[str, Graph]:
    return {str(name): stable(opened.named_graph(name)) for name in opened.graph_names()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jobs") / "corpus"
    write_corpus(folder, 20, seed=5)
    return folder


def test_two_jobs_build_the_same_graph_as_one(corpus: Path) -> None:
    with store.open_store(":memory:") as one, store.open_store(":memory:") as two:
        serial = build.build([corpus], one, extract=fake_extract, extractor_name=NAME)
        parallel = build.build([corpus], two, extract=fake_extract, extractor_name=NAME, jobs=2)
        assert parallel.written == serial.written  # the same documents, in the same order
        assert len(parallel.written) == 20 and parallel.ok
        first, second = graphs(one), graphs(two)
    assert first.keys() == second.keys()
    assert all(isomorphic(first[name], second[name]) for name in first)


def test_nothing_to_extract_starts_no_workers(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.open_store(":memory:") as opened:
        build.build([corpus], opened, extract=fake_extract, extractor_name=NAME)

        def refuse(*args: object) -> None:
            raise AssertionError("a worker pool was started")

        monkeypatch.setattr(local, "_pool", refuse)
        again = build.build([corpus], opened, extract=fake_extract, extractor_name=NAME, jobs=2)
    assert again.written == [] and len(again.unchanged) == 20


def test_a_dying_worker_fails_the_documents_it_held_and_the_build_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = [f"a{n:02d}" for n in range(48)]
    for name in names:
        text = "CRASH here." if name == "a01" else f"Article {name} on trade talks."
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with store.open_store(tmp_path / "store") as opened:
        summary = build.build([folder], opened, extract=dying_extract, extractor_name=NAME, jobs=2)
        failed = dict(summary.failed)
        crashed = str(folder / "a01.txt")
        assert "a worker process died" in failed[crashed]
        assert len(summary.written) + len(summary.failed) == 48
        assert "a47" in summary.written  # documents after the crash are extracted by new workers
        (folder / "a01.txt").write_text("Article a01, calm again.", encoding="utf-8")
        again = build.build([folder], opened, extract=dying_extract, extractor_name=NAME, jobs=2)
        assert again.ok and sorted(again.written + again.unchanged) == names


def test_jobs_must_be_a_positive_number(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "actorgraph", "build", str(tmp_path), "--jobs", "0",
         "--store", str(tmp_path / "store")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == "actorgraph: error: --jobs must be at least 1, not 0"


def test_a_few_documents_are_extracted_without_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "few"
    write_corpus(folder, local.CHUNK, seed=9)

    def refuse(*args: object) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(local, "_pool", refuse)
    with store.open_store(":memory:") as opened:
        summary = build.build([folder], opened, extract=fake_extract, extractor_name=NAME, jobs=2)
    assert len(summary.written) == local.CHUNK and summary.ok


def test_a_batch_goes_through_spacy_together_and_a_bad_document_fails_alone() -> None:
    from actorgraph import nlp, pipeline
    from actorgraph.workers.batch import PipelineExtractor, outcomes

    texts = [
        "France and Germany signed a trade agreement in Paris on Monday.",
        "x " * (nlp.load().max_length // 2 + 1),  # longer than the NLP pipeline takes
        "Japan sent aid to Turkey after the earthquake, officials said.",
    ]
    documents = [Document(id=f"d{n}", path=f"d{n}.txt", text=t) for n, t in enumerate(texts)]
    results = outcomes(PipelineExtractor(), [(d, "fingerprint") for d in documents])
    assert isinstance(results[0], DocumentQuads) and isinstance(results[2], DocumentQuads)
    assert isinstance(results[1], str) and "more than the NLP pipeline takes" in results[1]
    alone = pipeline.extract(documents[2])  # the same extraction as on its own
    together = PipelineExtractor().many([documents[0], documents[2]])[1]
    assert [(r.source, r.type, r.target) for r in together.relations] == [
        (r.source, r.type, r.target) for r in alone.relations
    ]


class WatchedStore(store.EmbeddedStore):
    """An in-memory store noting how many documents it held when the knowledge base came."""

    def __init__(self) -> None:
        super().__init__(":memory:")
        self.documents_before_kb: list[int] = []

    def load_kb(self, graph: Graph) -> None:
        self.documents_before_kb.append(len(self.documents()))
        super().load_kb(graph)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_knowledge_base_is_stored_before_any_document(corpus: Path, jobs: int) -> None:
    """With workers, the knowledge base and ontology are loaded while they start; still before
    the first document is written, and once."""
    with WatchedStore() as opened:
        summary = build.build(
            [corpus], opened, extract=fake_extract, extractor_name=NAME, jobs=jobs
        )
        assert summary.ok and len(summary.written) == 20 and summary.kb_triples > 0
        assert opened.documents_before_kb == [0]
        again = build.build([corpus], opened, extract=fake_extract, extractor_name=NAME, jobs=jobs)
        assert again.unchanged and opened.documents_before_kb == [0, 20]
