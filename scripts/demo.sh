#!/usr/bin/env bash
# Set up, then build the graph of the bundled articles (data/articles/) into out/:
# a persistent store, the graph as TriG, and its interactive HTML view; prints a summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
mkdir -p out
.venv/bin/actorgraph build data/articles --store out/store
.venv/bin/actorgraph stats --store out/store
.venv/bin/actorgraph export --store out/store --format trig -o out/graph.trig
.venv/bin/actorgraph render --store out/store -o out/graph.html
echo "wrote out/store, out/graph.trig and out/graph.html"
