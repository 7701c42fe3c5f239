"""Static word vectors for the learned type model, so that a word it never saw in training reads
like the words of like meaning it did ("bombardment" like "shelling").

The vectors are the input token embeddings of the all-MiniLM-L6-v2 sentence encoder (Apache-2.0),
reduced once to a few dimensions by `scripts/word_vectors.py` and shipped as
`data/models/word-vectors.npz` (plain arrays: its word pieces and their vectors). A word is
split into the encoder's word pieces, longest first, and its vector is the mean of theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from actorgraph.resources import models_dir

FILE_NAME = "word-vectors.npz"
CONTINUATION = "##"  # how the encoder's vocabulary marks a piece inside a word


@dataclass
class WordVectors:
    """Word pieces and their vectors (pieces x dimensions), with a cache of words seen."""

    pieces: dict[str, int]
    matrix: np.ndarray
    _seen: dict[str, np.ndarray | None] = field(default_factory=dict, repr=False)

    @property
    def dimensions(self) -> int:
        return int(self.matrix.shape[1])

    def split(self, word: str) -> list[int]:
        """The rows of the pieces a lower-case word splits into, longest match first (none
        when some part of it is no piece)."""
        rows, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else CONTINUATION + word[start:end]
                if piece in self.pieces:
                    break
                end -= 1
            if end == start:
                return []
            rows.append(self.pieces[piece])
            start = end
        return rows

    def vector(self, word: str) -> np.ndarray | None:
        """The unit vector of a word (None when it splits into no known pieces)."""
        word = word.lower()
        if word not in self._seen:
            rows = self.split(word)
            found = None
            if rows:
                mean = self.matrix[rows].astype(np.float64).mean(axis=0)
                norm = float(np.linalg.norm(mean))
                found = mean / norm if norm > 0 else None
            self._seen[word] = found
        return self._seen[word]

    def save(self, path: str) -> None:
        names = sorted(self.pieces, key=self.pieces.__getitem__)
        np.savez_compressed(path, pieces=np.array(names), matrix=self.matrix.astype(np.float16))

    @classmethod
    def load(cls, path: str) -> WordVectors:
        with np.load(path, allow_pickle=False) as data:
            pieces = {str(p): i for i, p in enumerate(data["pieces"])}
            return cls(pieces, np.asarray(data["matrix"], dtype=np.float16))


@lru_cache(maxsize=1)
def shipped() -> WordVectors | None:
    """The vectors that ship with actorgraph, read once (None when there are none)."""
    try:
        return WordVectors.load(str(models_dir() / FILE_NAME))
    except FileNotFoundError:
        return None
