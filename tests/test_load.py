"""Load: ingest a few hundred generated articles, then many concurrent queries against the
running endpoint on loopback. Every answer must be right (no errors, the same answer to the
same question); latency percentiles are printed, never asserted."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import pytest

from conftest import stop_process
from corpus import write_corpus

pytestmark = [pytest.mark.slow, pytest.mark.server]

ARTICLES = 200
REQUESTS = 400
CLIENTS = 8
TIME_BUDGET = 300.0  # seconds for the whole query phase; later requests are not sent

PREFIXES = """PREFIX ag: <https://w3id.org/actorgraph#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
QUERIES = {
    "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ag:Document }",
    "actors by type": """SELECT ?type (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a ?type .
        FILTER(STRSTARTS(STR(?type), STR(ag:))) } GROUP BY ?type ORDER BY ?type""",
    "events by type": """SELECT ?t (COUNT(?r) AS ?n) WHERE { ?r a ag:Event ; ag:relationType ?t }
        GROUP BY ?t ORDER BY DESC(?n) ?t""",
    "pairs": """SELECT ?s ?o (COUNT(?r) AS ?n) WHERE { ?r ag:source ?s ; ag:target ?o }
        GROUP BY ?s ?o ORDER BY DESC(?n) ?s ?o LIMIT 20""",
    "evidence": """SELECT ?r ?sentence WHERE { ?r ag:evidence/ag:sentence ?sentence }
        ORDER BY ?r LIMIT 50""",
    "documents by month": """SELECT ?month (COUNT(?d) AS ?n) WHERE { ?d a ag:Document ;
        dcterms:date ?date BIND(SUBSTR(STR(?date), 1, 7) AS ?month) }
        GROUP BY ?month ORDER BY ?month""",
    "labels": """SELECT ?a ?label WHERE { ?a rdfs:label ?label FILTER(CONTAINS(?label, "an")) }
        ORDER BY ?a ?label LIMIT 100""",
}


def run(*args: str, timeout: float = 1200) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args], capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("load")
    write_corpus(root / "corpus", ARTICLES, seed=3)
    started = time.monotonic()
    result = run("build", str(root / "corpus"), "--store", str(root / "store"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"documents: {ARTICLES} written, 0 unchanged, 0 failed" in result.stdout
    print(f"\ningested {ARTICLES} articles in {time.monotonic() - started:.1f} s")
    print("\n".join(result.stdout.splitlines()[-1:]))
    return root / "store"


@pytest.fixture(scope="module")
def endpoint(store: Path) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "serve", "--store", str(store), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
    assert found, line
    try:
        yield f"http://127.0.0.1:{found.group(1)}/sparql"
    finally:
        stop_process(process)


def ask(url: str, name: str) -> tuple[str, float, int, str]:
    """(query name, seconds, HTTP status, body) for one request."""
    data = urllib.parse.urlencode({"query": PREFIXES + QUERIES[name]}).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    request.add_header("Accept", "application/sparql-results+json")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            body, status = answer.read().decode("utf-8"), answer.status
    except urllib.error.HTTPError as error:
        body, status = error.read().decode("utf-8", "replace"), error.code
    except OSError as error:
        body, status = f"{type(error).__name__}: {error}", 0
    return name, time.perf_counter() - started, status, body


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def test_concurrent_queries_under_load(endpoint: str) -> None:
    assert urllib.parse.urlsplit(endpoint).hostname == "127.0.0.1"
    names = [list(QUERIES)[i % len(QUERIES)] for i in range(REQUESTS)]
    results = []
    deadline = time.monotonic() + TIME_BUDGET
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = []
        for name in names:
            if time.monotonic() > deadline:
                break
            futures.append(pool.submit(ask, endpoint, name))
        for future in as_completed(futures):
            if not future.cancelled():
                results.append(future.result())
            if time.monotonic() > deadline:  # stop what has not started yet
                for pending in futures:
                    pending.cancel()
    wall = time.perf_counter() - started

    errors = [(name, status, body[:200]) for name, _, status, body in results if status != 200]
    latencies = [seconds for _, seconds, _, _ in results]
    print(
        f"\n{len(results)} queries from {CLIENTS} clients in {wall:.1f} s "
        f"({len(results) / wall:.1f}/s), errors: {len(errors)}; latency "
        f"p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, "
        f"mean {statistics.mean(latencies) * 1000:.0f} ms"
    )
    assert errors == []
    assert len(results) >= len(QUERIES) * 10, "too few queries ran within the time budget"

    answers: dict[str, Counter[str]] = defaultdict(Counter)
    for name, _, _, body in results:
        answers[name][body] += 1
    for name, bodies in answers.items():
        assert len(bodies) == 1, f"{name}: different answers to the same query under load"
    count = json.loads(next(iter(answers["documents"])))["results"]["bindings"][0]["n"]["value"]
    assert int(count) == ARTICLES
    for name in ("actors by type", "events by type", "pairs", "evidence", "labels"):
        rows = json.loads(next(iter(answers[name])))["results"]["bindings"]
        assert rows, f"{name}: no rows from a corpus of {ARTICLES} articles"
