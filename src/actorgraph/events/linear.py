"""A multinomial linear model over sparse named features, stored as plain arrays.

Both learned readers (event types, event parties) are logistic regressions fitted with
scikit-learn; what ships is only their classes, feature names, weights and intercepts, read
back without pickles and applied with numpy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

Features = dict[str, float]


@dataclass(frozen=True)
class LinearModel:
    """Classes, feature columns, weights (classes x features) and intercepts."""

    classes: tuple[str, ...]
    columns: dict[str, int]
    coef: np.ndarray
    intercept: np.ndarray

    def probabilities(self, rows: Sequence[Features]) -> np.ndarray:
        """Each row's probability of each class (rows x classes)."""
        scores = np.tile(self.intercept, (len(rows), 1))
        for i, row in enumerate(rows):
            cols = [(self.columns[k], v) for k, v in row.items() if k in self.columns]
            if cols:
                idx, vals = zip(*cols, strict=True)
                scores[i] += self.coef[:, list(idx)] @ np.asarray(vals)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        result: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return result

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The model as named arrays, for one .npz file holding several models."""
        names = sorted(self.columns, key=self.columns.__getitem__)
        return {
            f"{prefix}classes": np.array(self.classes),
            f"{prefix}features": np.array(names),
            f"{prefix}coef": self.coef.astype(np.float32),
            f"{prefix}intercept": self.intercept.astype(np.float32),
        }

    @classmethod
    def from_arrays(cls, data: Mapping[str, Any], prefix: str) -> LinearModel:
        return cls(
            classes=tuple(str(c) for c in data[f"{prefix}classes"]),
            columns={str(f): i for i, f in enumerate(data[f"{prefix}features"])},
            coef=np.asarray(data[f"{prefix}coef"], dtype=np.float64),
            intercept=np.asarray(data[f"{prefix}intercept"], dtype=np.float64),
        )


def fit(rows: list[Features], labels: list[str], c: float) -> LinearModel:
    """A logistic regression fitted to the examples, keeping only features with weight."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    classifier = LogisticRegression(C=c, max_iter=3000)
    classifier.fit(matrix, labels)
    coef, intercept = classifier.coef_, classifier.intercept_
    if coef.shape[0] == 1:  # two classes: scikit-learn keeps one row, for the second class
        coef, intercept = np.vstack([-coef, coef]) / 2, np.array([-intercept[0], intercept[0]]) / 2
    used = np.flatnonzero(np.abs(coef).max(axis=0) > 1e-4)
    names = vectorizer.get_feature_names_out()[used]
    return LinearModel(
        classes=tuple(str(c) for c in classifier.classes_),
        columns={str(n): i for i, n in enumerate(names)},
        coef=coef[:, used],
        intercept=np.asarray(intercept, dtype=np.float64),
    )
