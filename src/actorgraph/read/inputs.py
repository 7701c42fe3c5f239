"""Finding what to read and reading it: article files and corpora of articles, by extension
and content, plain or compressed.

A path names an article file (`.txt`, `.html`, `.htm`, read by `actorgraph.reader` with its
sidecar), a corpus file (JSON Lines `.jsonl`/`.ndjson`, CSV `.csv`/`.tsv`, news-please `.json`,
WARC `.warc`, RSS/Atom `.rss`/`.atom`/`.xml`), any of these compressed (`.gz`, `.bz2`, `.zst`),
or a folder of them (one level, sorted by name, hidden files left out). Content decides where
the name does not: a `.txt` file of JSON lines is a JSON Lines corpus, one starting `WARC/` a
web archive, one that opens as a feed a feed; in a folder, a `.json` file beside an article of
the same name is that article's metadata, and an `.xml` file is read only when it is a feed.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from actorgraph import reader
from actorgraph.errors import InputError
from actorgraph.model import Document
from actorgraph.read import compressed, feeds, records, tables, warc
from actorgraph.read.records import Fields, Page
from actorgraph.reader import ErrorHandler, SkippedDocument

ARTICLE = "article"
KIND_NAMES = {
    ARTICLE: "article",
    "jsonl": "JSON Lines",
    "csv": "CSV",
    "tsv": "TSV",
    "json": "news-please JSON",
    "warc": "WARC",
    "feed": "RSS/Atom feed",
}
SUFFIX_KINDS = {
    ".txt": ARTICLE,
    ".html": ARTICLE,
    ".htm": ARTICLE,
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
_SNIFFED = (".txt", ".xml", "")  # suffixes whose content is looked at
_FEED_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*(?:<!doctype[^>]*>\s*)?"
    rb"<(?:rss|feed|rdf:rdf)\b",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Source:
    """One input file and what it holds."""

    path: Path
    kind: str


@dataclass(frozen=True)
class Read:
    """A document and how it was read (what `check` reports)."""

    document: Document
    kind: str
    how: str  # e.g. "text in utf-8", "HTML page in cp1252", "JSON Lines record"


# --- what a file is ---------------------------------------------------------------------------


def sniff(head: bytes) -> str | None:
    """What a file's first bytes show it to be: "warc", "feed", "jsonl", or None."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"WARC/"):
        return "warc"
    if _FEED_START.match(text[:4096]):
        return "feed"
    if text.startswith(b"{"):
        first, newline, _ = text.partition(b"\n")
        if not newline:
            return "jsonl" if text.startswith(b'{"') else None
        try:
            return "jsonl" if isinstance(json.loads(first), dict) else None
        except ValueError:
            return None
    return None


def kind_of(path: Path, named: bool) -> str | None:
    """What `path` holds; None for a file that is no input. A file `named` by the user and of
    no known kind is read as an article."""
    plain = compressed.plain_name(path)
    suffix = plain.suffix.lower()
    kind = SUFFIX_KINDS.get(suffix)
    if suffix in _SNIFFED or kind is None:
        found = sniff(compressed.head(path, 4096))
        if found is not None:
            return found
        if suffix == ".xml":
            return "feed" if named else None  # named: reading it says why it is no feed
    if kind is None and named:
        return ARTICLE
    return kind


# --- finding inputs ---------------------------------------------------------------------------


def find_inputs(paths: Iterable[Path], on_error: ErrorHandler | None = None) -> Iterator[Source]:
    """The input files named by `paths`, lazily, each once."""
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        try:
            for source in _expand(path, on_error):
                key = _identity(source.path)
                if key not in seen:
                    seen.add(key)
                    yield source
        except InputError as error:
            _report(path, error, on_error)


def _expand(path: Path, on_error: ErrorHandler | None) -> Iterator[Source]:
    mode = _stat_mode(path)
    if stat.S_ISDIR(mode):
        yield from _list_folder(path, on_error)
    elif not stat.S_ISREG(mode):
        raise InputError(f"{path}: not a regular file or folder")
    elif path.suffix.lower() == reader.SIDECAR_SUFFIX and _is_sidecar(path, _names(path.parent)):
        return
    else:
        kind = kind_of(path, named=True)
        if kind is not None:
            yield Source(path, kind)


def _list_folder(folder: Path, on_error: ErrorHandler | None) -> Iterator[Source]:
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if not e.name.startswith("."))
    except OSError as exc:
        raise InputError(f"{folder}: cannot list folder ({_reason(exc)})") from None
    present = set(names)
    for name in names:
        path = folder / name
        if SUFFIX_KINDS.get(compressed.plain_name(path).suffix.lower()) is None:
            continue
        try:
            mode = _stat_mode(path)
        except InputError as error:
            _report(path, error, on_error)
            continue
        if not stat.S_ISREG(mode) or _is_sidecar(path, present):
            continue
        kind = kind_of(path, named=False)
        if kind is not None:
            yield Source(path, kind)


def _names(folder: Path) -> set[str]:
    try:
        return {entry.name for entry in folder.iterdir()}
    except OSError:
        return set()


def _is_sidecar(path: Path, names: set[str]) -> bool:
    """Whether `path` is the metadata sidecar of an article beside it."""
    if path.suffix.lower() != reader.SIDECAR_SUFFIX:
        return False
    stem = path.stem
    return any(
        f"{stem}{suffix}{packed}" in names
        for suffix in reader.ARTICLE_SUFFIXES
        for packed in ("", *compressed.SUFFIXES)
    )


def _stat_mode(path: Path) -> int:
    return reader._stat_mode(path)


def _identity(path: Path) -> Path:
    return reader._identity(path)


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _report(path: Path, error: InputError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(path, error)


# --- reading --------------------------------------------------------------------------------


def read_all(
    paths: Iterable[Path],
    date: str | None = None,
    on_error: ErrorHandler | None = None,
    max_bytes: int = reader.DEFAULT_MAX_BYTES,
    fields: Fields | None = None,
) -> Iterator[Read]:
    """Every document of every input, in order, read lazily one at a time.

    With `on_error(path, error)`, a file or record that cannot be read (or is skipped, as a
    `SkippedDocument`) is reported there and reading goes on; without it the error is raised.
    Two documents with the same id are an error for the second, so that neither is lost.
    """
    if date is not None:
        date = reader.check_date(date, "--date")
    if max_bytes <= 0:
        raise InputError(f"--max-bytes: must be a positive number of bytes, not {max_bytes}")
    fields = fields or Fields()
    owners: dict[str, str] = {}
    for source in find_inputs(paths, on_error):
        for item in _read_source(source, date, max_bytes, fields):
            if isinstance(item, Read):
                first = owners.setdefault(item.document.id, item.document.path)
                if first != item.document.path:
                    item = InputError(
                        f"{item.document.path}: same document id {item.document.id!r} as "
                        f"{first}; give one of them another id"
                    )
            if isinstance(item, InputError):
                _report(source.path, item, on_error)
                continue
            yield item


def read_documents(
    paths: Iterable[Path],
    date: str | None = None,
    on_error: ErrorHandler | None = None,
    max_bytes: int = reader.DEFAULT_MAX_BYTES,
    fields: Fields | None = None,
) -> Iterator[Document]:
    """`read_all`, the documents alone."""
    for found in read_all(paths, date, on_error, max_bytes, fields):
        yield found.document


def _read_source(
    source: Source, date: str | None, max_bytes: int, fields: Fields
) -> Iterator[Read | InputError]:
    """The documents of one input file, and an error for each record that is not one."""
    if source.kind == ARTICLE:
        try:
            yield _article(source.path, date, max_bytes)
        except InputError as error:
            yield error
        return
    if source.kind == "warc" and sniff(compressed.head(source.path, 64)) != "warc":
        yield InputError(f"{source.path}: not a WARC file (no WARC record at its start)")
        return
    fallback = reader.document_id(compressed.plain_name(source.path))
    how = f"{KIND_NAMES[source.kind]} record"
    try:
        with _open(source) as stream:
            for item in _pages(source, stream, fields, max_bytes):
                if isinstance(item, Page):
                    try:
                        document = records.document(
                            item, f"{fallback}-{item.number}", date, max_bytes
                        )
                    except InputError as error:
                        yield error
                        continue
                    yield Read(document, source.kind, how)
                else:
                    yield item
    except compressed.read_errors() as exc:
        reason = getattr(exc, "strerror", None) or " ".join(str(exc).split()) or type(exc).__name__
        yield InputError(f"{source.path}: cannot read further ({str(reason).lower()})")
    except UnicodeDecodeError as exc:
        yield InputError(f"{source.path}: cannot read further (not {exc.encoding} text)")


def _open(source: Source) -> BinaryIO:
    """A byte stream of the file: WARC readers take gzip as it is (one member per record)."""
    if source.kind == "warc" and compressed.compression(source.path) == ".gz":
        return open(source.path, "rb")
    return compressed.open_stream(source.path)


def _pages(
    source: Source, stream: BinaryIO, fields: Fields, max_bytes: int
) -> Iterator[Page | InputError]:
    path, kind = source.path, source.kind
    if kind == "jsonl":
        return tables.jsonl_pages(stream, path, fields, max_bytes)
    if kind in ("csv", "tsv"):
        return tables.csv_pages(stream, path, fields, max_bytes, "\t" if kind == "tsv" else ",")
    if kind == "json":
        return tables.json_pages(stream, path, fields, max_bytes)
    if kind == "warc":
        return warc.warc_pages(stream, path, max_bytes)
    return feeds.feed_pages(stream, path, max_bytes)


def _article(path: Path, date: str | None, max_bytes: int) -> Read:
    """One article file, plain or compressed."""
    if compressed.compression(path) is None:
        found = reader.read_file(path, date, max_bytes)
    else:
        try:
            with compressed.open_stream(path) as stream:
                data = stream.read(max_bytes + 1)
        except compressed.read_errors() as exc:
            raise InputError(f"{path}: cannot decompress ({exc})") from None
        if len(data) > max_bytes:
            raise InputError(f"{path}: over the limit of {max_bytes} bytes (--max-bytes)")
        if not data:
            raise InputError(f"{path}: empty file")
        decoded = reader.decode(data, path)
        named = compressed.plain_name(path)
        found = reader.read_decoded(path, decoded, date, named=named)
        document = replace(found.document, id=reader.document_id(named))
        found = replace(found, document=document)
    kind = "HTML page" if found.html else "text"
    return Read(found.document, ARTICLE, f"{kind} in {found.encoding}")


# --- checking ---------------------------------------------------------------------------------


Check = Callable[[Path, InputError], None]


def check(
    paths: Iterable[Path],
    date: str | None = None,
    max_bytes: int = reader.DEFAULT_MAX_BYTES,
    fields: Fields | None = None,
) -> Iterator[tuple[str, str]]:
    """(status, line) for every file and record, in order: "ok" with what was found in it, or
    "failed" / "skipped" with why. What `actorgraph check` prints."""
    pending: list[tuple[str, str]] = []

    def note(path: Path, error: InputError) -> None:
        pending.append(("skipped" if isinstance(error, SkippedDocument) else "failed", str(error)))

    for found in read_all(paths, date, note, max_bytes, fields):
        yield from pending
        pending.clear()
        yield "ok", describe(found)
    yield from pending


def describe(found: Read) -> str:
    """One line saying how a document was read."""
    doc = found.document
    facts = [
        found.how,
        f"{len(doc.text)} characters",
        f"language {doc.language or 'not judged'}",
        f"date {doc.date or 'unknown'}",
    ]
    return f"{doc.path}: id {doc.id!r}, " + ", ".join(facts)
