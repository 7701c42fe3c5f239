#!/usr/bin/env bash
# Set up, then build the graph of the bundled articles (data/articles/) into out/ (or the
# folder given as argument): a persistent store, the graph as TriG, and its interactive HTML
# view; prints a summary and the network measures.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${1:-out}
bash scripts/setup.sh
mkdir -p "$OUT"
.venv/bin/actorgraph build data/articles --store "$OUT/store"
.venv/bin/actorgraph stats --store "$OUT/store"
.venv/bin/actorgraph export --store "$OUT/store" --format trig -o "$OUT/graph.trig"
.venv/bin/actorgraph render --store "$OUT/store" -o "$OUT/graph.html"
echo "wrote $OUT/store, $OUT/graph.trig and $OUT/graph.html"
