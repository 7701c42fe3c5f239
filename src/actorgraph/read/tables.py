"""Corpora of article records in tables: JSON Lines, CSV/TSV and news-please JSON files.

Records are read one at a time from a stream, so a corpus of any size takes the memory of one
record; a line or field over the size limit is refused without being kept. Each unusable
record is one `InputError` (its file and line), and reading goes on with the next.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from actorgraph.errors import InputError
from actorgraph.read.records import Fields, Page, page_of

Item = Page | InputError


def jsonl_pages(stream: BinaryIO, path: Path, fields: Fields, max_bytes: int) -> Iterator[Item]:
    """One page per line holding a JSON object; blank lines are passed over."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        where = f"{path}:{number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield InputError(f"{where}: record over the limit of {max_bytes} bytes (--max-bytes)")
            continue
        if not line.strip():
            continue
        try:
            text = line.rstrip(b"\r\n").decode("utf-8-sig" if number == 1 else "utf-8")
            values = json.loads(text)
        except UnicodeDecodeError:
            yield InputError(f"{where}: not UTF-8 text")
            continue
        except json.JSONDecodeError as exc:
            yield InputError(f"{where}: not valid JSON ({_at(exc.msg)} column {exc.colno})")
            continue
        if not isinstance(values, dict):
            kind = type(values).__name__
            yield InputError(f"{where}: a record must be a JSON object, not {kind}")
            continue
        try:
            yield page_of(values, fields, where, number)
        except InputError as error:
            yield error


def csv_pages(
    stream: BinaryIO, path: Path, fields: Fields, max_bytes: int, delimiter: str = ","
) -> Iterator[Item]:
    """One page per row of a table with a header row; the line numbers are the rows' first."""
    encoding = _table_encoding(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    csv.field_size_limit(max(max_bytes, csv.field_size_limit()))
    rows = csv.DictReader(text, delimiter=delimiter)
    try:
        header = rows.fieldnames
    except csv.Error as exc:
        yield InputError(f"{path}: not a readable table ({exc})")
        return
    if not header:
        yield InputError(f"{path}: empty table (no header row)")
        return
    if not any(name in header for name in fields.text):
        yield InputError(
            f"{path}: no text column (looked for {', '.join(fields.text)}; the columns are "
            f"{', '.join(h for h in header if h)}); name it with --field text=COLUMN"
        )
        return
    number, line = 0, rows.line_num + 1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield InputError(f"{path}:{line}: unreadable row ({exc})")
            line = rows.line_num + 1
            continue
        number += 1
        where = f"{path}:{line}"
        line = rows.line_num + 1
        values = {k: v for k, v in row.items() if isinstance(k, str)}
        try:
            yield page_of(values, fields, where, number)
        except InputError as error:
            yield error


def _table_encoding(stream: BinaryIO) -> str:
    """UTF-8 (with or without a byte-order mark) when the start of the table decodes as
    UTF-8, else Windows-1252 (what spreadsheet programs write)."""
    peek = getattr(stream, "peek", None)
    start = peek(65536)[:65536] if peek else b""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(start, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def json_pages(stream: BinaryIO, path: Path, fields: Fields, max_bytes: int) -> Iterator[Item]:
    """The pages of a JSON file: one article object (news-please writes one file per article)
    or a list of them."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError(
            f"{path}: over the limit of {max_bytes} bytes (raise it with --max-bytes, or write "
            "the articles as JSON Lines)"
        )
        return
    try:
        values = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        yield InputError(f"{path}: not UTF-8 JSON")
        return
    except json.JSONDecodeError as exc:
        yield InputError(
            f"{path}: not valid JSON ({_at(exc.msg)} line {exc.lineno} column {exc.colno})"
        )
        return
    records = values if isinstance(values, list) else [values]
    for number, record in enumerate(records, start=1):
        where = str(path) if isinstance(values, dict) else f"{path}#{number}"
        if not isinstance(record, dict):
            yield InputError(f"{where}: an article must be a JSON object")
            continue
        try:
            yield page_of(record, fields, where, number)
        except InputError as error:
            yield error


def _at(message: str) -> str:
    """A JSON error message ready for its place ("Expecting value at", "... starting at")."""
    return message if message.endswith(" at") else message + " at"
