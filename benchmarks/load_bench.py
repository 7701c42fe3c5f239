"""Endpoint under load: latency of concurrent SPARQL queries through `actorgraph serve`,
against the same queries run in-process on the embedded store (the reference) in the same run.

    python benchmarks/load_bench.py [--articles 200] [--requests 400] [--clients 8]

Generates a corpus, builds a store, starts the endpoint on a free loopback port, sends the
requests from a thread pool (127.0.0.1 only, bounded count and time) and prints percentiles
and the endpoint/in-process ratio. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from actorgraph.store import open_store  # noqa: E402
from corpus import write_corpus  # noqa: E402
from test_load import PREFIXES, QUERIES, ask, percentile  # noqa: E402


def summary(label: str, seconds: list[float]) -> str:
    return (
        f"{label:<28} n={len(seconds):<5} p50 {percentile(seconds, 0.5) * 1000:8.1f} ms  "
        f"p95 {percentile(seconds, 0.95) * 1000:8.1f} ms  "
        f"p99 {percentile(seconds, 0.99) * 1000:8.1f} ms  "
        f"mean {statistics.mean(seconds) * 1000:8.1f} ms"
    )


def in_process(store_folder: Path, rounds: int) -> list[float]:
    """The reference: every query run directly on the embedded store, one after another."""
    seconds = []
    with open_store(store_folder, read_only=True) as store:
        for _ in range(rounds):
            for query in QUERIES.values():
                started = time.perf_counter()
                store.select(PREFIXES + query)
                seconds.append(time.perf_counter() - started)
    return seconds


def in_process_threads(store_folder: Path, requests: int, clients: int) -> list[float]:
    """The same request mix from `clients` threads on one embedded store: what the machine's
    cores give without HTTP and worker processes (the fair reference for concurrent load)."""
    names = [list(QUERIES)[i % len(QUERIES)] for i in range(requests)]
    with open_store(store_folder, read_only=True) as store:

        def timed(name: str) -> float:
            started = time.perf_counter()
            store.select(PREFIXES + QUERIES[name])
            return time.perf_counter() - started

        with ThreadPoolExecutor(max_workers=clients) as pool:
            return list(pool.map(timed, names))


def through_endpoint(store_folder: Path, requests: int, clients: int) -> tuple[list[float], int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "actorgraph", "serve", "--store", str(store_folder), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        port = int(line.rsplit(":", 1)[1].split("/")[0])
        url = f"http://127.0.0.1:{port}/sparql"
        names = [list(QUERIES)[i % len(QUERIES)] for i in range(requests)]
        with ThreadPoolExecutor(max_workers=clients) as pool:
            results = list(pool.map(lambda name: ask(url, name), names))
    finally:
        process.terminate()
        process.wait(timeout=30)
    errors = sum(1 for *_, status, _ in results if status != 200)
    return [seconds for _, seconds, _, _ in results], errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(root / "corpus", args.articles, seed=3)
        started = time.perf_counter()
        built = subprocess.run(
            [sys.executable, "-m", "actorgraph", "build", str(root / "corpus"),
             "--store", str(root / "store")],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        build_seconds = time.perf_counter() - started
        print(
            f"built {args.articles} articles in {build_seconds:.1f} s "
            f"({args.articles / build_seconds:.1f} articles/s)"
        )
        print(built.stdout.strip().splitlines()[-1])
        reference = in_process(root / "store", max(1, args.requests // len(QUERIES) // 4))
        started = time.perf_counter()
        threaded = in_process_threads(root / "store", args.requests, args.clients)
        threaded_wall = time.perf_counter() - started
        started = time.perf_counter()
        endpoint, errors = through_endpoint(root / "store", args.requests, args.clients)
        wall = time.perf_counter() - started
    print(summary("in-process (reference)", reference))
    print(summary(f"in-process, {args.clients} threads", threaded))
    print(summary(f"endpoint, {args.clients} clients", endpoint))
    print(f"in-process throughput {len(threaded) / threaded_wall:.1f} queries/s")
    print(f"endpoint throughput {len(endpoint) / wall:.1f} queries/s, errors {errors}")
    ratio = statistics.median(endpoint) / statistics.median(reference)
    print(f"endpoint p50 / in-process p50 = {ratio:.1f}x")
    ratio = statistics.median(endpoint) / statistics.median(threaded)
    print(f"endpoint p50 / in-process p50 with {args.clients} threads = {ratio:.1f}x")


if __name__ == "__main__":
    main()
