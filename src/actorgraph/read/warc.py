"""Web archives (WARC, as written by crawlers and by Common Crawl News): each archived news page
becomes one article, read with warcio.

Only captured pages count: `response` records with HTTP status 200 and `resource` records,
whose content is an HTML (or plain text) page. Requests, metadata and revisits are passed
over in silence; a capture of something else (a redirect, an error page, an image) is skipped
with one line. The page's URL is its id; its date is the page's own (metadata or dateline),
else the day it was captured.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from actorgraph import reader
from actorgraph.errors import InputError
from actorgraph.read.records import Page, parse_when
from actorgraph.reader import SkippedDocument

Item = Page | InputError
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def warc_pages(stream: BinaryIO, path: Path, max_bytes: int) -> Iterator[Item]:
    """The archived pages of a WARC file (plain or compressed, record by record)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        for record in ArchiveIterator(stream):
            if not str(record.format).startswith("warc"):  # warcio takes any text for ARC
                yield InputError(f"{path}: not a WARC file (no WARC record at its start)")
                return
            if record.rec_type not in ("response", "resource"):
                continue
            number += 1
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{path}#{number} <{url}>" if url else f"{path}#{number}"
            try:
                yield _page(record, url, where, number, max_bytes)
            except InputError as error:
                yield error
    except ArchiveLoadFailed as exc:
        yield InputError(f"{path}: not a readable WARC file ({' '.join(str(exc).split())})")


def _page(record: Any, url: str, where: str, number: int, max_bytes: int) -> Page:
    """One archived page, or why it is not one."""
    content_type = ""
    if record.rec_type == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else None
        if status != "200":
            raise SkippedDocument(f"{where}: HTTP status {status or 'unknown'}, not a page")
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in _PAGE_TYPES:
        raise SkippedDocument(f"{where}: {mime}, not a web page")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        raise InputError(f"{where}: page over the limit of {max_bytes} bytes (--max-bytes)")
    if not body.strip():
        raise InputError(f"{where}: empty page")
    text = _decode(body, _charset(content_type), where)
    captured = record.rec_headers.get_header("WARC-Date")
    return Page(
        text=text,
        url=url or None,
        fallback_date=parse_when(captured, where) if captured else None,
        page=mime != "text/plain",
        where=where,
        number=number,
    )


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _decode(body: bytes, charset: str | None, where: str) -> str:
    """The page's text: by its declared charset, else as `reader.decode` finds it."""
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return reader.decode(body, where).text  # type: ignore[arg-type]
