"""Function-style Python API: extract articles, open a store, build and query in one call.

`build` and `query` open the store, call the notebook facade (`actorgraph.explore`) and close
it again; for several steps on one store use `actorgraph.open(location)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actorgraph import nlp, pipeline, read, reader
from actorgraph.model import Extraction
from actorgraph.store import open_store

if TYPE_CHECKING:
    from actorgraph.build import BuildSummary

__all__ = ["build", "extract_json", "extract_paths", "open_store", "query"]


def extract_paths(
    paths: Iterable[Path],
    date: str | None = None,
    model: str | None = None,
    on_error: reader.ErrorHandler | None = None,
    fields: read.Fields | None = None,
    min_confidence: float = 0.0,
) -> list[Extraction]:
    """Extract every article under `paths` (article files and corpora); with
    `on_error(path, error)` a file that cannot be read is reported there and the others are
    still extracted (without it, the error is raised); relations less confident than
    `min_confidence` are left out."""
    documents = list(read.read_documents(paths, date, on_error=on_error, fields=fields))
    return list(pipeline.extract_many(documents, nlp.load(model), min_confidence=min_confidence))


def extract_json(
    paths: Iterable[Path],
    date: str | None = None,
    model: str | None = None,
    on_error: reader.ErrorHandler | None = None,
    fields: read.Fields | None = None,
    min_confidence: float = 0.0,
) -> dict[str, Any]:
    """The output contract of `actorgraph extract --format json`: a view of the RDF graph."""
    from actorgraph import rdf

    extractions = extract_paths(paths, date, model, on_error, fields, min_confidence)
    return {"documents": [rdf.document_json(rdf.to_graph(e), e.document.id) for e in extractions]}


def build(
    paths: Iterable[str | Path],
    location: str | Path | None = None,
    date: str | None = None,
    model: str | None = None,
    min_confidence: float = 0.0,
) -> BuildSummary:
    """Ingest articles into the store at `location` and return the build summary."""
    from actorgraph import explore

    with explore.open(location) as graph:
        return graph.build(*paths, date=date, model=model, min_confidence=min_confidence)


def query(
    spec: str, params: dict[str, str] | None = None, location: str | Path | None = None
) -> Any:
    """A named query, .rq file or SPARQL text on the store: a pandas DataFrame for SELECT, an
    rdflib Graph for CONSTRUCT and DESCRIBE, a bool for ASK."""
    from actorgraph import explore

    with explore.open(location, read_only=True) as graph:
        return graph.run(spec, **(params or {}))
