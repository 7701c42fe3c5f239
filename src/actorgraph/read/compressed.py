"""Compressed inputs, read transparently: gzip (`.gz`), bzip2 (`.bz2`) and Zstandard (`.zst`).

A compressed file is named after what it holds plus the compression suffix (`news.jsonl.gz`,
`crawl.warc.zst`, `story.txt.bz2`); `plain_name` gives that inner name, `open_stream` a reader
of the decompressed bytes, read as they are needed (never the whole file at once).
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from pathlib import Path
from typing import BinaryIO, cast

SUFFIXES = (".gz", ".bz2", ".zst")


def compression(path: Path) -> str | None:
    """The compression suffix of `path` (".gz", ".bz2", ".zst"), or None."""
    suffix = path.suffix.lower()
    return suffix if suffix in SUFFIXES else None


def plain_name(path: Path) -> Path:
    """The name of what a compressed file holds (`a.jsonl.gz` -> `a.jsonl`); else `path`."""
    return path.with_suffix("") if compression(path) else path


def open_stream(path: Path) -> BinaryIO:
    """The file's bytes, decompressed on the fly when its suffix says it is compressed."""
    kind = compression(path)
    if kind == ".gz":
        return cast(BinaryIO, gzip.open(path, "rb"))
    if kind == ".bz2":
        return cast(BinaryIO, bz2.open(path, "rb"))
    if kind == ".zst":
        import zstandard

        raw = open(path, "rb")  # noqa: SIM115 (closed with the stream)
        reader = zstandard.ZstdDecompressor().stream_reader(
            raw, read_across_frames=True, closefd=True
        )
        return cast(BinaryIO, io.BufferedReader(reader))
    return open(path, "rb")


def read_errors() -> tuple[type[BaseException], ...]:
    """What reading a corrupt or cut-off compressed stream raises."""
    import zstandard

    return (OSError, EOFError, zlib.error, lzma.LZMAError, zstandard.ZstdError)


def head(path: Path, size: int = 65536) -> bytes:
    """The first `size` decompressed bytes of a file (b"" when it cannot be read)."""
    try:
        with open_stream(path) as stream:
            return stream.read(size)
    except read_errors():
        return b""
