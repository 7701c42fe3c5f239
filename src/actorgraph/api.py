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


def open_store(location: str | Path | None = None) -> Any:
    """The graph store at `location` (folder or SPARQL endpoint URL; None: the default)."""
    from actorgraph import store

    return store.open_store(location)


def build(
    paths: Iterable[Path],
    location: str | Path | None = None,
    date: str | None = None,
    model: str | None = None,
) -> Any:
    """Ingest articles into the store at `location` and return the build summary."""
    from actorgraph import build as building
    from actorgraph import store

    with store.open_store(location) as opened:
        return building.build([Path(p) for p in paths], opened, date=date, model=model)


def query(
    spec: str, params: dict[str, str] | None = None, location: str | Path | None = None
) -> Any:
    """A named query, .rq file or SPARQL text on the store, as a pandas DataFrame (SELECT)."""
    from actorgraph import queries, store

    with store.open_store(location, read_only=True) as opened:
        result = queries.run(opened, spec, params or {})
    return result.to_dataframe() if isinstance(result, store.SelectResult) else result
