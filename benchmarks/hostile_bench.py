"""Endpoint under hostile queries: memory of each query worker while clients send queries
built to exhaust memory, against the same workers idle (the reference, in the same run), and
the latency of an ordinary query meanwhile against the same query on the idle endpoint.

    python benchmarks/hostile_bench.py [--actors 18000] [--clients 4] [--rounds 3]
                                       [--max-memory 1GB] [--timeout 30]

Builds a generated store (three triples per actor: 54,000 quads by default), starts
`actorgraph serve` on a free loopback port, samples every worker's resident and virtual
memory from /proc while the hostile queries run, and prints per-worker peaks, the answers'
status codes and the ratios. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from actorgraph.store import open_store
from actorgraph.vocab import AG, ID

HOSTILE = {
    "sorted cross product": (
        "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d"
    ),
    "distinct cross product": "SELECT DISTINCT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "one huge string": (
        "SELECT (GROUP_CONCAT(CONCAT(STR(?a), STR(?d)); separator=',') AS ?all) "
        "WHERE { ?a ?b ?c . ?d ?e ?f }"
    ),
    "huge construct": "CONSTRUCT { ?a ?b ?d } WHERE { ?a ?b ?c . ?d ?e ?f }",
}
ORDINARY = "SELECT ?type (COUNT(?a) AS ?n) WHERE { ?a a ?type } GROUP BY ?type ORDER BY DESC(?n)"


def make_store(folder: Path, actors: int) -> int:
    graph = Graph(identifier=URIRef("https://w3id.org/actorgraph/doc/generated"))
    for number in range(actors):
        actor = ID[f"person/p{number}"]
        graph.add((actor, RDF.type, AG.Person))
        graph.add((actor, RDFS.label, Literal(f"Person {number}")))
        graph.add((actor, AG.countryCode, Literal(f"C{number % 190:03d}")))
    with open_store(folder) as store:
        store.replace_document("generated", graph)
        return store.count()


def ask(url: str, query: str, timeout: float) -> tuple[str, float, int]:
    """(HTTP status and, for a 503, its cause; seconds; body bytes) of one query."""
    request = urllib.request.Request(
        url + "?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "application/sparql-results+json, text/turtle"},
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read()
            return str(answer.status), time.perf_counter() - started, len(body)
    except urllib.error.HTTPError as error:
        text = error.read().decode("utf-8", "replace")
        cause = next((word for word in ("memory", "time", "size") if word in text), "")
        status = f"{error.code} ({cause})" if cause else str(error.code)
        return status, time.perf_counter() - started, len(text)


def memory(pid: int) -> tuple[int, int] | None:
    """(resident, virtual) bytes of a process, from /proc; None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    try:
        return int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmSize"].split()[0]) * 1024
    except (KeyError, ValueError):
        return None


def parents() -> dict[int, int]:
    """Every process id and its parent's, from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def workers(server_pid: int) -> list[int]:
    """Query worker processes of the endpoint: the children of its forkserver."""
    table = parents()
    direct = {pid for pid, parent in table.items() if parent == server_pid}
    return sorted(pid for pid, parent in table.items() if parent in direct)


class Sampler:
    """Peak resident and virtual memory of every worker, sampled every 50 ms."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.peaks: dict[int, tuple[int, int]] = {}
        self.total = 0  # largest resident memory of all workers together
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in workers(self.server_pid):
                found = memory(pid)
                if found is not None:
                    old = self.peaks.get(pid, (0, 0))
                    self.peaks[pid] = (max(old[0], found[0]), max(old[1], found[1]))
                    total += found[0]
            self.total = max(self.total, total)
            time.sleep(0.05)


def megabytes(n: float) -> str:
    return f"{n / 1024**2:,.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=18_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-memory", default="1GB")
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        quads = make_store(store, args.actors)
        print(f"store: {quads:,} quads")
        command = [sys.executable, "-m", "actorgraph", "serve", "--store", str(store)]
        options = ["--port", "0", "--workers", str(args.clients)]
        options += ["--max-memory", args.max_memory, "--timeout", str(args.timeout)]
        process = subprocess.Popen([*command, *options], stderr=subprocess.PIPE, text=True)
        try:
            assert process.stderr is not None
            found = re.search(r":(\d+)/sparql", process.stderr.readline())
            assert found, "the endpoint did not start"
            url = f"http://127.0.0.1:{found.group(1)}/sparql"
            run(url, process.pid, args)
        finally:
            process.terminate()
            process.wait(timeout=30)


def run(url: str, server_pid: int, args: argparse.Namespace) -> None:
    with ThreadPoolExecutor(max_workers=args.clients) as pool:  # every worker started, warm
        list(pool.map(lambda _: ask(url, ORDINARY, 60), range(4 * args.clients)))
    idle = [memory(pid) for pid in workers(server_pid)]
    idle_rss = statistics.mean(m[0] for m in idle if m)
    reference = [ask(url, ORDINARY, 60)[1] for _ in range(20)]
    print(f"idle workers: {len(idle)}, resident {megabytes(idle_rss)} each (mean)")
    names = [name for name in HOSTILE for _ in range(args.rounds)]
    statuses: dict[str, list[str]] = {name: [] for name in HOSTILE}
    during: list[float] = []
    started = time.perf_counter()
    with Sampler(server_pid) as sampler, ThreadPoolExecutor(max_workers=args.clients) as pool:
        futures = [(name, pool.submit(ask, url, HOSTILE[name], 300)) for name in names]
        while not all(future.done() for _, future in futures):
            during.append(ask(url, ORDINARY, 300)[1])
        for name, future in futures:
            statuses[name].append(future.result()[0])
    wall = time.perf_counter() - started
    after = ask(url, ORDINARY, 60)
    print(f"{len(names)} hostile queries from {args.clients} clients in {wall:.1f} s")
    for name, codes in statuses.items():
        print(f"  {name:<24} HTTP {', '.join(codes)}")
    peaks = sorted(sampler.peaks.values(), reverse=True)
    cap = args.max_memory
    print(f"workers seen: {len(peaks)} (each killed one replaced); cap {cap} of address space")
    for rss, vms in peaks[: args.clients]:
        print(
            f"  peak resident {megabytes(rss):>9}  virtual {megabytes(vms):>9}  "
            f"= {rss / idle_rss:.1f}x idle"
        )
    print(f"peak resident of all workers together: {megabytes(sampler.total)}")
    print(
        f"ordinary query during the attack: p50 {statistics.median(during) * 1000:.0f} ms "
        f"(n={len(during)}) vs idle p50 {statistics.median(reference) * 1000:.0f} ms "
        f"= {statistics.median(during) / statistics.median(reference):.1f}x"
    )
    print(f"after the attack: HTTP {after[0]} in {after[1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
