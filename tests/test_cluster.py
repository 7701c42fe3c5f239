"""`build --dask`: extraction on a real Dask cluster (a `LocalCluster` of two worker processes),
shards loaded into the embedded store or a SPARQL endpoint, giving the graph a local build
gives."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from distributed import LocalCluster
from rdflib import Graph
from rdflib.compare import isomorphic

from actorgraph import build, store
from actorgraph.model import Document, Extraction
from actorgraph.resources import resource
from actorgraph.store import from_ox
from conftest import make_extraction
from corpus import write_corpus
from test_jobs import graphs

pytestmark = pytest.mark.slow
NAME = make_extraction().extractor
ARTICLES = (
    "2022-02-24-russia-invades-ukraine",
    "2022-12-19-putin-visits-belarus",
    "2022-12-21-zelensky-visits-washington",
)


def fake_extract(document: Document) -> Extraction:
    """A hand-built extraction per document (module level: workers import it by name)."""
    extraction = make_extraction(document.id, text=document.text)
    extraction.document = document
    return extraction


def assert_same(one: dict[str, Graph], other: dict[str, Graph]) -> None:
    assert one.keys() == other.keys()
    for name in one:
        assert isomorphic(one[name], other[name]), name


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A real Dask cluster of two worker processes on this machine; yields its address."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as running:
        yield running.scheduler_address


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three bundled articles (with their metadata) and a JSON Lines corpus of two."""
    folder = tmp_path_factory.mktemp("cluster") / "in"
    folder.mkdir()
    for stem in ARTICLES:
        for suffix in (".txt", ".json"):
            source = resource("data", "articles") / f"{stem}{suffix}"
            (folder / source.name).write_bytes(source.read_bytes())
    records = [
        {"id": "wire-1", "date": "2023-04-03", "text": "Chinese Foreign Minister Qin Gang met "
         "French President Emmanuel Macron in Beijing on Monday to discuss trade."},
        {"id": "wire-2", "date": "2023-04-04", "text": "Ukraine accused Russia of shelling "
         "the city of Kherson overnight, the regional governor said."},
    ]  # fmt: skip
    (folder / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return folder


def test_a_cluster_build_gives_the_graph_of_a_local_build(
    cluster: str, articles: Path, tmp_path: Path
) -> None:
    with store.open_store(tmp_path / "local") as local, store.open_store(tmp_path / "dask") as on:
        expected = build.build([articles], local)
        summary = build.build([articles], on, dask=cluster)
        assert sorted(summary.written) == sorted(expected.written) and len(summary.written) == 5
        assert summary.ok and summary.store == expected.store and summary.store.relations > 0
        assert_same(graphs(local), graphs(on))
        again = build.build([articles], on, dask=cluster)  # nothing changed: nothing sent
        assert again.written == [] and len(again.unchanged) == 5


def test_a_cluster_build_into_a_sparql_endpoint(
    cluster: str, oxigraph_server: str, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 70, seed=3)  # three batches
    with store.open_store(":memory:") as local, store.open_store(oxigraph_server) as remote:
        build.build([corpus], local, extract=fake_extract, extractor_name=NAME)
        summary = build.build(
            [corpus], remote, extract=fake_extract, extractor_name=NAME, dask=cluster
        )
        assert len(summary.written) == 70 and summary.ok
        assert_same(graphs(local), graphs(remote))


def test_cli_dask_local_and_an_unreachable_scheduler(articles: Path, tmp_path: Path) -> None:
    corpus = articles / "wire.jsonl"
    run = [sys.executable, "-m", "actorgraph", "build", str(corpus), "--store"]
    shards = tmp_path / "shards"
    built = subprocess.run(
        [*run, str(tmp_path / "s1"), "--dask", "local", "--jobs", "2", "--shards", str(shards)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert "documents: 2 written, 0 unchanged, 0 failed" in built.stdout
    kept = ox.Store()  # the shards kept hold the documents' graphs, fingerprints included
    for shard in sorted(shards.glob("shard-*.nq.gz")):
        kept.load(gzip.decompress(shard.read_bytes()), ox.RdfFormat.N_QUADS)
    with store.open_store(tmp_path / "s1") as opened:
        names = [n for n in opened.graph_names() if "/doc/" in str(n)]
        assert len(names) == 2
        for name in names:
            in_store = {t for t in opened.named_graph(name)}
            in_shards = {
                (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
                for q in kept.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
            }
            assert in_shards == in_store
    lost = subprocess.run(
        [*run, str(tmp_path / "s2"), "--dask", "tcp://127.0.0.1:9"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert lost.returncode == 2 and "Traceback" not in lost.stderr
    assert (
        lost.stderr.strip()
        .splitlines()[-1]
        .startswith("actorgraph: error: --dask tcp://127.0.0.1:9: cannot reach the Dask scheduler")
    )
