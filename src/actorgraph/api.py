"""The Python API behind the CLI and the notebooks."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from actorgraph import nlp, pipeline, reader
from actorgraph.model import Extraction


def extract_paths(
    paths: Iterable[Path], date: str | None = None, model: str | None = None
) -> list[Extraction]:
    """Extract every article under `paths`."""
    documents = list(reader.read_documents(paths, date))
    return list(pipeline.extract_many(documents, nlp.load(model)))


def extract_json(
    paths: Iterable[Path], date: str | None = None, model: str | None = None
) -> dict[str, Any]:
    """The output contract of `actorgraph extract --format json`: a view of the RDF graph."""
    from actorgraph import rdf

    extractions = extract_paths(paths, date, model)
    return {"documents": [rdf.document_json(rdf.to_graph(e), e.document.id) for e in extractions]}
