"""News feeds (RSS 0.9x/1.0/2.0, Atom), read with feedparser: each entry becomes one article.

An entry's text is its content when the feed carries the article itself (`content:encoded`,
Atom `content`), else its summary; HTML is reduced to text. Its id is its link (the article's
URL), else its guid; its date the entry's published (or updated) date; the feed's declared
language applies to every entry.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from actorgraph.errors import InputError
from actorgraph.read.records import Page

Item = Page | InputError


def feed_pages(stream: BinaryIO, path: Path, max_bytes: int) -> Iterator[Item]:
    """The entries of a feed file as pages."""
    import feedparser

    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError(f"{path}: feed over the limit of {max_bytes} bytes (--max-bytes)")
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        why = f" ({' '.join(str(reason).split())[:120]})" if reason else ""
        yield InputError(f"{path}: no entries: not an RSS or Atom feed, or an empty one{why}")
        return
    language = parsed.feed.get("language") or None
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        link = link if link and link.startswith(("http://", "https://")) else None
        where = f"{path}#{number} <{link}>" if link else f"{path}#{number}"
        text = _text(entry)
        if not text:
            yield InputError(f"{where}: entry without text (no content and no summary)")
            continue
        yield Page(
            text=text,
            title=entry.get("title") or None,
            date=_day(entry.get("published_parsed") or entry.get("updated_parsed")),
            url=link,
            id=None if link else entry.get("id") or None,
            language=language,
            where=where,
            number=number,
        )


def _text(entry: Any) -> str:
    """The entry's longest content, else its summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return str(max(contents, key=len))
    return str(entry.get("summary") or "")


def _day(parsed: Any) -> str | None:
    """A feed date (a UTC struct_time from feedparser) as YYYY-MM-DD."""
    if not parsed:
        return None
    stamp = calendar.timegm(parsed)
    return dt.datetime.fromtimestamp(stamp, dt.UTC).date().isoformat()
