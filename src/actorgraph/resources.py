"""Where the files that ship with actorgraph live (ontology, knowledge base, queries, lexicons).

In a source checkout they are the top-level folders; in a built wheel they are copied under
`actorgraph/_resources/`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def resource(*parts: str) -> Path:
    """Path of a shipped file or folder, e.g. resource("ontology", "actorgraph.ttl")."""
    for root in (_PACKAGE / "_resources", _CHECKOUT):
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"actorgraph resource not found: {'/'.join(parts)}")


def ontology_path() -> Path:
    return resource("ontology", "actorgraph.ttl")


def shapes_path() -> Path:
    return resource("ontology", "shapes.ttl")


def kb_dir() -> Path:
    return resource("data", "kb")


def queries_dir() -> Path:
    return resource("queries")


def lexicon_dir() -> Path:
    return resource("data", "lexicon")
