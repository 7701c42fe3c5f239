"""Extraction in worker processes on this machine (`actorgraph build --jobs N`).

Each worker loads the spaCy pipeline once and turns documents into checked quads, ready to load;
this process reads the inputs, hands documents out, and is the one writer: it loads the quads as
they come back, in input order and in batches of whole documents, exactly as a one-process
build does. At most
a few batches per worker are in flight, so memory does not grow with the corpus. Workers are
started fresh (not forked), so they hold none of this process's files or locks, and each exits
on its own when this process dies, so a killed build leaves no workers behind.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from actorgraph.errors import ActorgraphError
from actorgraph.model import Document, Extraction
from actorgraph.workers.write import DocumentQuads

Extractor = Callable[[Document], Extraction]
CHUNK = 8  # documents per task: their shapes are checked together
IN_FLIGHT_PER_WORKER = 2  # tasks
MAX_FRUITLESS_POOLS = 2  # pools started in a row whose workers all died without a result
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
    meanwhile: Callable[[], object] = lambda: None,
) -> Iterator[tuple[Document, DocumentQuads | str]]:
    """Each document with its checked quads or the reason it has none, in input order;
    `meanwhile` is called once the first batches are handed out, while the workers start."""
    from actorgraph.workers.batch import chunks

    batches = chunks(changed, CHUNK)
    first = next(batches, None)
    if first is None:  # nothing to extract: start no workers
        return
    pending: deque[tuple[list[Document], Future[list[DocumentQuads | str]]]] = deque()
    pool = _pool(extract, model, jobs)
    broken, fruitless = False, 0  # pools started since the last batch that came back
    try:
        for batch in _chain(first, batches):
            if broken:  # a worker died: its pool is unusable, so start a new one
                pool.shutdown(wait=False, cancel_futures=True)
                if fruitless >= MAX_FRUITLESS_POOLS:
                    raise ActorgraphError(
                        "the worker processes stop before finishing any work (a script that "
                        "builds with jobs > 1 must start it under `if __name__ == "
                        '"__main__":`); build with --jobs 1 to see why'
                    )
                pool, broken, fruitless = _pool(extract, model, jobs), False, fruitless + 1
            documents = [document for document, _ in batch]
            try:
                pending.append((documents, pool.submit(_work, batch)))
            except BrokenProcessPool:
                pending.append((documents, _failed_future()))
            while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                meanwhile, now = (lambda: None), meanwhile  # to be done once, so first
                now()
                died = yield from _collect(*pending.popleft())
                broken |= died
                fruitless = fruitless if died else 0
        meanwhile()
        while pending:
            yield from _collect(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chain(first: list[Any], rest: Iterator[list[Any]]) -> Iterator[list[Any]]:
    yield first
    yield from rest


def _pool(extract: Extractor | None, model: str | None, jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(extract, model, os.getpid()),
    )


def _failed_future() -> Future[list[DocumentQuads | str]]:
    future: Future[list[DocumentQuads | str]] = Future()
    future.set_exception(BrokenProcessPool("the worker processes have stopped"))
    return future


def _collect(
    documents: list[Document], future: Future[list[DocumentQuads | str]]
) -> Generator[tuple[Document, DocumentQuads | str], None, bool]:
    """Each document of a batch with its outcome; returns whether the batch's worker died."""
    try:
        results = future.result()
    except BrokenProcessPool:
        reason = "a worker process died while extracting it or a document beside it"
        for document in documents:
            yield document, f"{document.path}: {reason}; run the build again"
        return True
    yield from zip(documents, results, strict=True)
    return False


# --- in the worker processes ------------------------------------------------------------------


def _start_worker(extract: Extractor | None, model: str | None, parent: int) -> None:
    """Set up a worker: its extractor, and a watch that ends it when the build process ends."""
    from actorgraph.workers.batch import PipelineExtractor

    _state["extract"] = extract or PipelineExtractor(model)
    watch = threading.Thread(target=_exit_with, args=(parent,), daemon=True)
    watch.start()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work(batch: list[tuple[Document, str]]) -> list[DocumentQuads | str]:
    from actorgraph.workers.batch import outcomes

    return outcomes(_state["extract"], batch)
