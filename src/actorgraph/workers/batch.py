"""Extraction in batches: each batch of documents extracted, turned into quads ready to load
(`write.DocumentQuads`) and checked against the shapes together (the compiled shapes check a
batch in one run, graph by graph), in this process or, with `jobs` > 1, in worker processes
(`workers.local`)."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from rdflib import Graph

from actorgraph import rdf
from actorgraph.errors import ActorgraphError, InputError
from actorgraph.model import Document, Extraction
from actorgraph.workers.write import DocumentQuads

CHUNK = 16
"""Documents extracted and checked together: the shapes are checked a batch at a time, which
is cheaper than one by one; at most this many extracted documents wait to be written."""


def extracted(
    changed: Iterable[tuple[Document, str]],
    extract: Callable[[Document], Extraction] | None,
    model: str | None,
    jobs: int = 1,
    meanwhile: Callable[[], object] = lambda: None,
) -> Iterator[tuple[Document, DocumentQuads | str]]:
    """Each document with its checked quads, or the reason it has none; in order. With `jobs`
    > 1, worker processes extract while this process only hands out and collects (unless
    there are too few documents to be worth starting them). `meanwhile` is called once,
    before the first document comes back: while the workers start, or first of all."""
    if jobs > 1:
        from actorgraph.workers import local

        items = iter(changed)
        head = list(itertools.islice(items, local.CHUNK + 1))
        if len(head) > local.CHUNK:
            chained = itertools.chain(head, items)
            yield from local.extracted(chained, extract, model, jobs, meanwhile)
            return
        changed = head
    meanwhile()
    extractor = extract or PipelineExtractor(model)
    for chunk in chunks(changed, CHUNK):
        documents = [document for document, _ in chunk]
        yield from zip(documents, outcomes(extractor, chunk), strict=True)


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """`items` in lists of `size` (the last one shorter), read lazily."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def outcomes(
    extractor: Callable[[Document], Extraction], chunk: list[tuple[Document, str]]
) -> list[DocumentQuads | str]:
    """The checked quads of each document of `chunk`, ready to load, or one line saying why it
    has none."""
    extractions = _extractions(extractor, [document for document, _ in chunk])
    made: dict[int, list[rdf.Triple]] = {}
    results: list[DocumentQuads | str] = []
    for n, ((document, fingerprint), extraction) in enumerate(zip(chunk, extractions, strict=True)):
        try:
            if isinstance(extraction, str):
                raise InputError(extraction)
            made[n] = rdf.document_triples(extraction, fingerprint=fingerprint)
            results.append("")
        except ActorgraphError as exc:
            results.append(str(exc))
        except ValueError as exc:  # a term that is not RDF: this document's fault alone
            results.append(f"{document.path}: cannot make its graph ({exc})")
    reasons = shape_problems(list(made.values()), [chunk[n][0].path for n in made])
    for (n, triples), reason in zip(made.items(), reasons, strict=True):
        results[n] = reason if reason is not None else DocumentQuads.of(chunk[n][0].id, triples)
    return results


def _extractions(
    extractor: Callable[[Document], Extraction], documents: list[Document]
) -> list[Extraction | str]:
    """Each document's extraction, or one line saying why it has none: the documents go through
    spaCy together when the extractor can take a batch, else (or when one of them fails, to
    find which) one by one."""
    many = getattr(extractor, "many", None)
    if many is not None:
        try:
            return list(many(documents))
        except Exception:  # one document's fault: read them one by one to name it
            pass
    results: list[Extraction | str] = []
    for document in documents:
        try:
            results.append(extractor(document))
        except ActorgraphError as exc:
            results.append(str(exc))
        except Exception as exc:  # one document's fault must not stop the batch
            results.append(f"{document.path}: extraction failed ({type(exc).__name__}: {exc})")
    return results


class PipelineExtractor:
    """The extraction pipeline on one spaCy pipeline, loaded when a document first needs it;
    `many` runs a batch of documents through spaCy together, which is faster than one by one
    and gives the same extractions."""

    def __init__(self, model: str | None = None, min_confidence: float = 0.0) -> None:
        self.model = model
        self.min_confidence = min_confidence
        self._nlp: Any = None
        self._settled = False

    def _key(self) -> tuple[str | None, float]:
        return self.model, self.min_confidence

    def __eq__(self, other: object) -> bool:  # one loaded pipeline per setting in a worker
        return isinstance(other, PipelineExtractor) and other._key() == self._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __getstate__(self) -> dict[str, Any]:  # sent to workers without the loaded pipeline
        return {**self.__dict__, "_nlp": None, "_settled": False}

    def _loaded(self) -> Any:
        if self._nlp is None:
            from actorgraph import nlp, pipeline

            self._nlp = pipeline.prepare(nlp.load(self.model))
        return self._nlp

    def __call__(self, document: Document) -> Extraction:
        return self.many([document])[0]

    def many(self, documents: list[Document]) -> list[Extraction]:
        from actorgraph import pipeline

        extractions = list(
            pipeline.extract_many(documents, self._loaded(), min_confidence=self.min_confidence)
        )
        if not self._settled:  # the first batch loaded what stays for the process's life
            self._settled = True
            settle()
        return extractions


def settle() -> None:
    """Keep what is loaded now (the spaCy pipeline, models, lexicons, the knowledge base) out
    of the garbage collector's full passes, which otherwise walk it again and again: 3% of an
    extraction's time on the generated articles, 0.4% after."""
    gc.collect()
    gc.freeze()


def shape_problems(graphs: list[list[rdf.Triple]], wheres: list[str]) -> list[str | None]:
    """For each graph (its triples), None when it passes the shapes, else the line naming its
    first violation; the graphs are checked together by the compiled shapes (`shapecheck`)."""
    from actorgraph import shapecheck
    from actorgraph.build import check_shapes
    from actorgraph.terms import from_ox

    compiled = shapecheck.checker()
    if compiled is None:
        problems: list[str | None] = []
        for triples, where in zip(graphs, wheres, strict=True):
            graph = Graph()
            for s, p, o in triples:
                graph.add((from_ox(s), from_ox(p), from_ox(o)))
            try:
                check_shapes(graph, where)
                problems.append(None)
            except InputError as exc:
                problems.append(str(exc))
        return problems
    found = compiled.violations_of_triples(graphs) if graphs else []
    return [
        f"{where}: graph does not conform to the shapes ({v[0].message or v[0].line()})"
        if v
        else None
        for where, v in zip(wheres, found, strict=True)
    ]
