"""How fast a large actor network settles in the browser: tuned settings against vis defaults.

Builds a synthetic actor graph (default 2,000 actors, scale-free with clustering, typed and
dated relations), writes it as an actorgraph HTML page with several settings, opens each in
headless Chromium (Debian's /usr/bin/chromium, every non-file request blocked) and measures
the time from building the network to the end of its physics stabilisation. Prints each
setting's settle time and its ratio to the reference measured in the same run: vis-network's
default physics stopped after 200 iterations (vis' full defaults, 1000 iterations after its
"improvedLayout" pass, are tried too but do not settle within the timeout on 2,000 actors).

    python benchmarks/render_bench.py [--nodes 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from actorgraph import render
from actorgraph.vocab import ACTOR_TYPES, AFFILIATION_TYPES, PLOVER_TYPES

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCORES = {
    t: s
    for t, s in zip(
        PLOVER_TYPES, [8, 1, 3, 5, 6, 7, 4, -1, -2, -4, -4.4, -5, -7, -6, -8, -10], strict=True
    )
}


def synthetic_graph(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """A scale-free, clustered actor graph shaped like `network.project`'s output."""
    rng = random.Random(seed)
    base = nx.powerlaw_cluster_graph(n, 2, 0.2, seed=seed)
    graph = nx.MultiDiGraph()
    for node in base.nodes:
        graph.add_node(
            f"actor/{node}",
            label=f"Actor {node}",
            type=rng.choice(ACTOR_TYPES),
            country=None,
            wikidata=None,
        )
    start = dt.date(2020, 1, 1)
    for u, v in base.edges:
        type_name = rng.choice(PLOVER_TYPES + AFFILIATION_TYPES)
        count = rng.randint(1, 4)
        day = start + dt.timedelta(days=rng.randint(0, 1200))
        graph.add_edge(
            f"actor/{u}",
            f"actor/{v}",
            key=type_name,
            type=type_name,
            family="interaction" if type_name in PLOVER_TYPES else "affiliation",
            directed=True,
            count=count,
            score=SCORES.get(type_name),
            first_date=day,
            last_date=day + dt.timedelta(days=rng.randint(0, 60)),
            factuality={"asserted": count},
            evidence=[
                {
                    "sentence": f"Actor {u} and Actor {v} ({type_name}).",
                    "document": "doc",
                    "title": "Synthetic",
                    "date": day.isoformat(),
                    "factuality": "asserted",
                }
            ],
            roles=[],
        )
    return graph


def settle_ms(html: Path) -> tuple[float, float]:
    """(ms from network creation to the end of stabilisation, ms until the page was ready)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            # The page forbids eval by CSP; Playwright's waiting helpers need it.
            page = browser.new_page(viewport={"width": 1400, "height": 900}, bypass_csp=True)
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith("file://") else route.abort()
                ),
            )
            began = time.perf_counter()
            try:
                page.goto(html.as_uri(), wait_until="commit", timeout=TIMEOUT_S * 1000)
                page.wait_for_function(
                    "window.actorgraph && window.actorgraph.stabilized", timeout=TIMEOUT_S * 1000
                )
            except PlaywrightTimeout:
                raise TimeoutError from None
            total = (time.perf_counter() - began) * 1000
            return float(page.evaluate("window.actorgraph.settleMs")), total
        finally:
            browser.close()


SETTINGS = {
    "vis defaults (1000 iterations, improvedLayout)": render.RenderOptions(
        tuned=False, layout="none"
    ),
    "vis default physics, 200 iterations (reference)": render.RenderOptions(
        tuned=False, layout="none", improved_layout=False, stabilization_iterations=200
    ),
    "tuned Barnes-Hut, 200 iterations": render.RenderOptions(stabilization_iterations=200),
    "actorgraph default (tuned, iterations by size)": render.RenderOptions(),
}
REFERENCE = "vis default physics, 200 iterations (reference)"
TIMEOUT_S = 120


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: install Debian's chromium package", file=sys.stderr)
        return 2
    graph = synthetic_graph(args.nodes)
    print(f"graph: {graph.number_of_nodes()} actors, {graph.number_of_edges()} links")
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, options in SETTINGS.items():
            options.max_nodes = args.nodes
            path = Path(tmp) / "page.html"
            began = time.perf_counter()
            render.write_html(graph, path, title="benchmark", options=options)
            write_s = time.perf_counter() - began
            try:
                runs = [settle_ms(path) for _ in range(args.repeat)]
            except TimeoutError:
                print(f"{name:50s} write {write_s:6.2f} s   did not settle in {TIMEOUT_S} s")
                continue
            settle = statistics.median(r[0] for r in runs)
            ready = statistics.median(r[1] for r in runs)
            results[name] = settle
            print(
                f"{name:50s} write {write_s:6.2f} s   settle {settle / 1000:6.2f} s   "
                f"page ready {ready / 1000:6.2f} s"
            )
    if REFERENCE not in results:
        print(f"the reference ({REFERENCE}) did not settle: no ratios")
        return 1
    reference = results[REFERENCE]
    print(f"\nsettle time relative to {REFERENCE} (lower is faster):")
    for name, value in results.items():
        print(f"  {name:50s} {value / reference:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
