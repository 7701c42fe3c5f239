"""Static word vectors of the type model: word pieces, a word's vector, the shipped file, and
distilling them from an encoder's files (a tiny encoder written for these tests)."""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save

from actorgraph.events import features, vectors
from actorgraph.events.vectors import WordVectors

PIECES = ["[PAD]", "[UNK]", "shell", "##ing", "bomb", "##ard", "##ment", "talk", "##s", "meet"]


def tiny() -> WordVectors:
    rng = np.random.default_rng(3)
    return WordVectors({p: i for i, p in enumerate(PIECES)}, rng.normal(size=(10, 4)))


def test_a_word_splits_into_its_longest_pieces_and_averages_them() -> None:
    words = tiny()
    assert words.split("shelling") == [2, 3]
    assert words.split("bombardment") == [4, 5, 6]
    assert words.split("xylophone") == []  # some part of it is no piece
    found = words.vector("Shelling")
    mean = words.matrix[[2, 3]].mean(axis=0)
    assert found is not None and np.allclose(found, mean / np.linalg.norm(mean))
    assert words.vector("xylophone") is None


def test_vectors_keep_their_pieces_through_their_file(tmp_path: Path) -> None:
    words = tiny()
    words.save(str(tmp_path / "v.npz"))
    again = WordVectors.load(str(tmp_path / "v.npz"))
    assert again.pieces == words.pieces and again.dimensions == 4
    with np.load(tmp_path / "v.npz", allow_pickle=False) as data:
        assert data["matrix"].dtype == np.float16
    found, expected = again.vector("talks"), words.vector("talks")
    assert found is not None and expected is not None
    assert np.allclose(found, expected, atol=1e-2)


def test_the_shipped_vectors_give_words_of_like_meaning_like_vectors() -> None:
    words = vectors.shipped()
    assert words is not None and words is vectors.shipped()
    bombard, shell, negotiate = (words.vector(w) for w in ("bombard", "shell", "negotiate"))
    assert bombard is not None and shell is not None and negotiate is not None
    assert float(bombard @ shell) > float(bombard @ negotiate)


def test_a_predicates_features_carry_its_lemmas_vector() -> None:
    from actorgraph import pipeline
    from actorgraph.model import Document

    analysis = next(pipeline.analyse([Document(id="v", path="", text="Chile shelled Peru.")]))
    word = next(t for t in analysis.doc if t.lemma_ == "shell")
    row = features.features(word, analysis.resolution.index)
    shipped = vectors.shipped()
    assert shipped is not None
    expected = shipped.vector("shell")
    assert expected is not None
    assert np.allclose([row[f"vec{k}"] for k in range(shipped.dimensions)], expected)


def load_script() -> object:
    path = Path(__file__).resolve().parent.parent / "scripts" / "word_vectors.py"
    spec = importlib.util.spec_from_file_location("word_vectors_script", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_distilling_reduces_an_encoders_embeddings_to_a_few_dimensions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = np.random.default_rng(5)
    weights = {"embeddings.word_embeddings.weight": rng.normal(size=(10, 16)).astype(np.float32)}
    vocab = {"model": {"vocab": {p: i for i, p in enumerate(PIECES)}}}
    encoder = tmp_path / "model.zip"
    with zipfile.ZipFile(encoder, "w") as archive:
        archive.writestr("model.safetensors", save(weights))
        archive.writestr("tokenizer.json", json.dumps(vocab))
    script = load_script()
    out = tmp_path / "word-vectors.npz"
    args = ["--model-zip", str(encoder), "--dimensions", "3", "--out", str(out)]
    assert script.main(args) == 0  # type: ignore[attr-defined]
    assert "10 word pieces x 3" in capsys.readouterr().out
    words = WordVectors.load(str(out))
    assert words.dimensions == 3 and words.pieces["meet"] == 9
    centred = weights["embeddings.word_embeddings.weight"].astype(np.float64)
    centred -= centred.mean(axis=0)
    # the first dimension is the direction of most variance: it keeps most of it
    share = np.var(words.matrix[:, 0].astype(np.float64)) / centred.var(axis=0).sum()
    assert share > 1 / 16


def test_new_word_vectors_change_the_builds_setup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from actorgraph import build, resources

    models = Path(shutil.copytree(resources.models_dir(), tmp_path / "models"))
    monkeypatch.setattr(resources, "models_dir", lambda: models)
    before = build.setup_fingerprint("pipeline")
    assert build.setup_fingerprint("pipeline") == before
    words = WordVectors.load(str(models / vectors.FILE_NAME))
    words.matrix[0] += 1
    words.save(str(models / vectors.FILE_NAME))
    assert build.setup_fingerprint("pipeline") != before  # every article is read again
