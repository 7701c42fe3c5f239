#!/usr/bin/env bash
# Open the notebooks (notebooks/) in JupyterLab, on the `actorgraph` kernel that the set-up
# registers; sets up .venv first if JupyterLab is not in it. Extra arguments go to
# `jupyter lab` (e.g. --no-browser --port 8890).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x .venv/bin/jupyter-lab ]; then
  bash scripts/setup.sh
fi
extra=()
if [ "$(id -u)" = 0 ]; then
  extra+=(--allow-root)  # Jupyter refuses to run as root unless told
fi
exec .venv/bin/jupyter-lab --notebook-dir notebooks "${extra[@]}" "$@"
