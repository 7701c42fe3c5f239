"""Extraction in worker processes on this machine (`actorgraph build --jobs N`).

Each worker loads the spaCy pipeline once and turns documents into checked graphs; this process
reads the inputs, hands documents out, and is the one writer: it stores each graph as it comes
back, in input order, one atomic step per document, exactly as a one-process build does. At most
a few documents per worker are in flight, so memory does not grow with the corpus. Workers are
started fresh (not forked), so they hold none of this process's files or locks, and each exits
on its own when this process dies, so a killed build leaves no workers behind.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from rdflib import Graph

from actorgraph.model import Document, Extraction

Extractor = Callable[[Document], Extraction]
IN_FLIGHT_PER_WORKER = 4
_state: dict[str, Extractor] = {}


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extracted(
    changed: Iterable[tuple[Document, str]],
    extract: Extractor | None,
    model: str | None,
    jobs: int,
) -> Iterator[tuple[Document, Graph | str]]:
    """Each document with its checked graph or the reason it has none, in input order."""
    items = iter(changed)
    first = next(items, None)
    if first is None:  # nothing to extract: start no workers
        return
    pending: deque[tuple[Document, Future[Graph | str]]] = deque()
    pool = _pool(extract, model, jobs)
    broken = False
    try:
        for document, fingerprint in _chain(first, items):
            if broken:  # a worker died: its pool is unusable, so start a new one
                pool.shutdown(wait=False, cancel_futures=True)
                pool, broken = _pool(extract, model, jobs), False
            try:
                pending.append((document, pool.submit(_work, document, fingerprint)))
            except BrokenProcessPool:
                pending.append((document, _failed_future()))
            while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                done, outcome, died = _collect(*pending.popleft())
                broken |= died
                yield done, outcome
        while pending:
            done, outcome, _ = _collect(*pending.popleft())
            yield done, outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chain(
    first: tuple[Document, str], rest: Iterator[tuple[Document, str]]
) -> Iterator[tuple[Document, str]]:
    yield first
    yield from rest


def _pool(extract: Extractor | None, model: str | None, jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(extract, model, os.getpid()),
    )


def _failed_future() -> Future[Graph | str]:
    future: Future[Graph | str] = Future()
    future.set_exception(BrokenProcessPool("the worker processes have stopped"))
    return future


def _collect(
    document: Document, future: Future[Graph | str]
) -> tuple[Document, Graph | str, bool]:
    """The document, its outcome, and whether its worker died."""
    try:
        return document, future.result(), False
    except BrokenProcessPool:
        reason = "a worker process died while extracting it or a document beside it"
        return document, f"{document.path}: {reason}; run the build again", True


# --- in the worker processes ------------------------------------------------------------------


def _start_worker(extract: Extractor | None, model: str | None, parent: int) -> None:
    """Set up a worker: its extractor, and a watch that ends it when the build process ends."""
    from actorgraph import build

    _state["extract"] = extract or build._pipeline_extractor(model)
    watch = threading.Thread(target=_exit_with, args=(parent,), daemon=True)
    watch.start()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(document: Document, fingerprint: str) -> Graph | str:
    from actorgraph import build

    return build.graph_or_reason(_state["extract"], document, fingerprint)
