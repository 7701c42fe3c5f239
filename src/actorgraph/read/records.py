"""One record of a corpus (a JSON object, a CSV row, a feed entry, a crawled page) -> `Document`.

Which fields hold the text, title, date, URL, id, language and source is configurable
(`Fields`); the defaults cover the usual names and news-please's. Each record gets a stable id
so that building the same corpus again finds it unchanged: its id field, else one made from its
URL (readable, with a short digest so two URLs never share an id), else the corpus file's name
and the record's number in it. Every way a record can be unusable is one `InputError` naming the
file, the record and the reason.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date as Date
from datetime import datetime
from urllib.parse import urlsplit

from actorgraph import reader
from actorgraph.datelines import dateline, headline
from actorgraph.errors import InputError
from actorgraph.model import Document

FIELD_KEYS = ("text", "title", "date", "url", "id", "language", "source")
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")
_HTML_TAG = re.compile(r"<(?:p|div|br|article|section|span|a|h[1-6]|ul|li|em|strong|b|i)\b", re.I)
_BLOCKS = frozenset(
    ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article",
     "section", "blockquote", "tr", "table", "header", "footer")
)  # fmt: skip


@dataclass(frozen=True)
class Fields:
    """The field names tried, in order, for each part of an article record."""

    text: tuple[str, ...] = ("text", "body", "content", "maintext")
    title: tuple[str, ...] = ("title", "headline")
    date: tuple[str, ...] = ("date", "published", "date_publish", "pubDate")
    url: tuple[str, ...] = ("url", "link")
    id: tuple[str, ...] = ("id",)
    language: tuple[str, ...] = ("language", "lang")
    source: tuple[str, ...] = ("source", "source_domain")

    @classmethod
    def parse(cls, specs: Iterable[str]) -> Fields:
        """Fields from options like "text=story" or "date=meta.published" (dots reach into
        nested objects); each names the one field to use for that part."""
        fields = cls()
        for spec in specs:
            key, sep, name = spec.partition("=")
            key, name = key.strip(), name.strip()
            if not sep or not name or key not in FIELD_KEYS:
                raise InputError(
                    f"--field: expected PART=NAME with PART one of {', '.join(FIELD_KEYS)}, "
                    f"not {spec!r}"
                )
            fields = replace(fields, **{key: (name,)})
        return fields


def lookup(values: Mapping[str, object], names: tuple[str, ...]) -> tuple[str, object] | None:
    """The first of `names` the record has a non-empty value for (dots reach into objects)."""
    for name in names:
        value = _get(values, name)
        if value is not None and value != "":
            return name, value
    return None


def _get(values: Mapping[str, object], name: str) -> object:
    if name in values:
        return values[name]
    current: object = values
    for part in name.split("."):
        if not isinstance(current, Mapping) or part not in current:
            return None
        current = current[part]
    return current


def _string(values: Mapping[str, object], names: tuple[str, ...], where: str) -> str | None:
    found = lookup(values, names)
    if found is None:
        return None
    name, value = found
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"{where}: field {name!r} is {_kind(value)}, not text")
    return str(value).strip() or None


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true or false"}.get(type(value), "not text")


@dataclass(frozen=True)
class Page:
    """What a record says of its article before it becomes a `Document`."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    id: str | None = None
    language: str | None = None
    source: str | None = None
    fallback_date: str | None = None  # used after the dateline (e.g. a page's capture date)
    page: bool = False  # the text is a whole web page (read with trafilatura), not a record's
    where: str = ""  # the record's place, for messages: "news.jsonl:3", "crawl.warc.gz#7"
    number: int = 0  # the record's number in its file, from 1


def page_of(values: Mapping[str, object], fields: Fields, where: str, number: int) -> Page:
    """The parts of a JSON object or CSV row, by the configured field names."""
    found = lookup(values, fields.text)
    if found is None:
        if any(_get(values, name) == "" for name in fields.text):
            raise InputError(f"{where}: empty article text")
        raise InputError(f"{where}: no article text (no field {_names(fields.text)})")
    name, text = found
    if not isinstance(text, str):
        raise InputError(f"{where}: field {name!r} is {_kind(text)}, not text")
    when = _string(values, fields.date, where)
    return Page(
        text=text,
        title=_string(values, fields.title, where),
        date=parse_when(when, where) if when else None,
        url=_string(values, fields.url, where),
        id=_string(values, fields.id, where),
        language=_string(values, fields.language, where),
        source=_string(values, fields.source, where),
        where=where,
        number=number,
    )


def _names(names: tuple[str, ...]) -> str:
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def parse_when(value: str, where: str) -> str:
    """A record's date (ISO, RFC 2822 as in feeds, or written out) as YYYY-MM-DD."""
    iso = reader.parse_date(value)
    if iso is not None:
        return iso
    from dateutil import parser as dateparser

    try:
        return dateparser.parse(value, default=datetime(2000, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        raise InputError(f"{where}: impossible date {value!r}") from None


def document(
    page: Page,
    fallback_id: str,
    date: str | None = None,
    max_bytes: int = reader.DEFAULT_MAX_BYTES,
) -> Document:
    """The `Document` of one record; `date` (the caller's) overrides the record's."""
    where = page.where
    text, title, page_date = page.text, page.title, page.date
    if len(text) > max_bytes and len(text.encode("utf-8")) > max_bytes:
        raise InputError(f"{where}: text over the limit of {max_bytes} bytes (see --max-bytes)")
    if page.page or looks_like_html(text):
        found = reader.extract_html(text, where) if page.page else html_text(text, where)  # type: ignore[arg-type]
        text, title, page_date = found.text, title or found.title, page_date or found.date
    if not text.strip():
        raise InputError(f"{where}: empty article text")
    language = reader.language_of(where, text, page.language)
    return Document(
        id=document_id(page, fallback_id),
        path=where,
        text=text,
        date=date or page_date or dateline(text) or page.fallback_date,
        title=title or headline(text),
        source=page.source or (urlsplit(page.url).hostname if page.url else None),
        language=language,
        url=page.url,
    )


def document_id(page: Page, fallback: str) -> str:
    """A stable, IRI-safe id: the record's id, else one made from its URL, else `fallback`."""
    if page.id:
        return page.id if _SAFE_ID.fullmatch(page.id) else _slug_id(page.id, page.id)
    if page.url:
        parts = urlsplit(page.url)
        readable = (parts.hostname or "") + parts.path
        return _slug_id(readable.removeprefix("www."), page.url)
    return fallback


def _slug_id(readable: str, exact: str) -> str:
    plain = unicodedata.normalize("NFKD", readable).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-.")[:80].strip("-.")
    digest = hashlib.sha256(exact.encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else digest


def looks_like_html(text: str) -> bool:
    """Whether a record's text is HTML: a whole page, or a fragment with paragraph tags."""
    head = text[:4096]
    return bool(reader._HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 1


def html_text(markup: str, where: str) -> reader.HtmlArticle:
    """The article text of an HTML page, or the text of a fragment (a feed entry's content)."""
    if reader._HTML_START.match(markup[:4096]):
        return reader.extract_html(markup, where)  # type: ignore[arg-type]
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml raises several error types on broken markup
        raise InputError(f"{where}: cannot read the HTML text") from None
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    text = str(root.text_content())
    text = re.sub(r"[ \t]*\n\s*\n\s*", "\n\n", text)
    text = re.sub(r"[ \t]+", " ", text).strip()
    return reader.HtmlArticle(text=text)


def day(value: Date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()[:10]
