"""Reading articles from disk: text or HTML files and their JSON metadata sidecars -> `Document`.

Real news files are messy, so every way a file can be unusable ends in one `InputError` whose
message names the file and says what is wrong, and a batch goes on past it when the caller
passes `on_error`:

- files over `max_bytes` (default 10 MB) are refused before they are read, and reading never
  takes more than `max_bytes` (+1) bytes, so memory stays bounded;
- empty and whitespace-only files, and binary files (NUL bytes, control characters, known
  binary signatures) are refused;
- text is decoded by its byte-order mark (UTF-8, UTF-16, UTF-32), else as UTF-8, else as
  Windows-1252 (a superset of Latin-1 for text), else by charset-normalizer's best guess;
  text with NUL bytes is UTF-16 or UTF-32 without a mark when charset-normalizer says so;
- HTML pages (`.html`/`.htm`, or content that starts as an HTML document) are reduced to their
  article text with trafilatura (pages nested too deep for libxml2 flattened first,
  `html_depth`); a page with no article text is refused;
- texts confidently not in English (declared in the sidecar or detected) are skipped with a
  `SkippedDocument` warning, since the pipeline reads English only;
- sidecar JSON that is broken, over 1 MB, nested too deep, not an object, or carries an
  impossible date, a number too long to read or a lone surrogate is refused;
- file names that are not UTF-8 are kept with U+FFFD in place of their odd bytes;
- the date is the caller's, else the sidecar's, else the page's metadata, else the dateline
  at the top of the text (`datelines.dateline`), else unknown; the title likewise the
  sidecar's, else the page's, else a headline standing alone on the first line;
- folders are listed one level deep (no recursion), sorted by name, hidden files ignored.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from pathlib import Path

from actorgraph import html_depth, language
from actorgraph.datelines import agency, dateline, headline
from actorgraph.errors import InputError
from actorgraph.model import Document

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # 10 MB: far above any news article, far below memory
MAX_SIDECAR_BYTES = 1024 * 1024
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
SIDECAR_SUFFIX = ".json"
MAX_CONTROL_RATIO = 0.005  # more control characters than this: not text

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"{\\rtf", "an RTF document"),
)
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.IGNORECASE | re.DOTALL,
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")

ErrorHandler = Callable[[Path, InputError], None]


class SkippedDocument(InputError):
    """A readable file left out on purpose (e.g. not English): a warning, not a failure."""


@dataclass(frozen=True)
class Decoded:
    """A file's text and the encoding it was read with."""

    text: str
    encoding: str


@dataclass(frozen=True)
class HtmlArticle:
    """The article text of an HTML page and what its metadata says."""

    text: str
    title: str | None = None
    date: str | None = None


@dataclass
class ReadReport:
    """Collects the files a batch could not read (failed) or left out (skipped).

    Pass an instance as `on_error` to `read_documents`; print `lines()` as the batch summary.
    """

    failed: list[tuple[Path, InputError]] = field(default_factory=list)
    skipped: list[tuple[Path, InputError]] = field(default_factory=list)

    def __call__(self, path: Path, error: InputError) -> None:
        (self.skipped if isinstance(error, SkippedDocument) else self.failed).append((path, error))

    def lines(self) -> list[str]:
        """One line per failed or skipped file, saying which and why."""
        return [f"failed: {e}" for _, e in self.failed] + [f"skipped: {e}" for _, e in self.skipped]


# --- finding files -------------------------------------------------------------------------


def find_articles(paths: Iterable[Path]) -> list[Path]:
    """The article files named by `paths`: files as given, folders by their article files.

    Raises `InputError` for the first path that is missing or unusable.
    """
    return list(iter_articles(paths))


def iter_articles(paths: Iterable[Path], on_error: ErrorHandler | None = None) -> Iterator[Path]:
    """The article files named by `paths`, lazily, each once.

    A folder gives its `.txt`, `.html` and `.htm` files (not hidden ones, not subfolders), sorted
    by name. An explicitly named `.json` file is taken for a sidecar and passed over.
    """
    seen: set[Path] = set()
    for path in paths:
        try:
            candidates = _expand(Path(path), on_error)
            for found in candidates:
                key = _identity(found)
                if key not in seen:
                    seen.add(key)
                    yield found
        except InputError as error:
            _report(Path(path), error, on_error)


def _expand(path: Path, on_error: ErrorHandler | None) -> Iterator[Path]:
    """The article files of one path given by the user."""
    mode = _stat_mode(path)
    if stat.S_ISDIR(mode):
        yield from _list_folder(path, on_error)
    elif stat.S_ISREG(mode):
        if path.suffix.lower() == SIDECAR_SUFFIX:
            if not any(path.with_suffix(s).exists() for s in ARTICLE_SUFFIXES):
                raise InputError(
                    f"{path}: a .json file is read as metadata of the article "
                    "with the same name, and there is none"
                )
            return
        yield path
    else:
        raise InputError(f"{path}: not a regular file or folder")


def _list_folder(folder: Path, on_error: ErrorHandler | None) -> Iterator[Path]:
    """Article files directly in `folder`, sorted by name; broken entries are reported."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(
                e.name
                for e in entries
                if not e.name.startswith(".") and e.name.lower().endswith(ARTICLE_SUFFIXES)
            )
    except OSError as exc:
        raise InputError(f"{folder}: cannot list folder ({_reason(exc)})") from None
    for name in names:
        path = folder / name
        try:
            mode = _stat_mode(path)
        except InputError as error:
            _report(path, error, on_error)
            continue
        if stat.S_ISREG(mode):
            yield path


def _stat_mode(path: Path) -> int:
    """The file mode of `path` (following links), or an `InputError` saying why there is none."""
    try:
        return os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path}: symbolic link loop") from None
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise InputError(f"{path}: broken symbolic link") from None
        if exc.errno == errno.ENOENT:
            raise InputError(f"{path}: no such file or directory") from None
        raise InputError(f"{path}: {_reason(exc)}") from None


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _report(path: Path, error: InputError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise error
    on_error(path, error)


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


# --- reading one file ----------------------------------------------------------------------


def document_id(path: Path) -> str:
    """A stable id for an article: its file stem without accents, in IRI-safe characters."""
    plain = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-.") or "document"


def path_text(path: Path) -> str:
    """A path as text that can be written anywhere: bytes of a file name that are not UTF-8
    (kept by Python as lone surrogates) become U+FFFD."""
    try:
        return os.fsencode(path).decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that no file name produced
        return str(path).encode("utf-8", "replace").decode("utf-8")


def read_bytes(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, hint: str = "raise it with --max-bytes"
) -> bytes:
    """The file's bytes, refusing a file over `max_bytes` before reading it (`hint` says what
    the user can do about the limit)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path}: symbolic link loop") from None
        raise InputError(f"{path}: {_reason(exc)}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file")
        if info.st_size > max_bytes:
            raise InputError(
                f"{path}: {_size(info.st_size)} is over the limit of {_size(max_bytes)} ({hint})"
            )
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{path}: {_reason(exc)}") from None
    if len(data) > max_bytes:  # grew while being read
        raise InputError(f"{path}: over the limit of {_size(max_bytes)} ({hint})")
    return data


def decode(data: bytes, path: Path) -> Decoded:
    """Bytes -> text, by byte-order mark, else UTF-8, else Windows-1252, else a detected guess."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            try:
                return _checked(Decoded(data.decode(codec), codec.removesuffix("-sig")), path)
            except UnicodeDecodeError:
                raise InputError(
                    f"{path}: starts with a {codec} byte-order mark but is not valid {codec}"
                ) from None
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{path}: {kind}, not text")
    if b"\x00" in data:
        return _wide_text(data, path)
    for codec in ("utf-8", "cp1252"):
        try:
            return _checked(Decoded(data.decode(codec), codec), path)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{path}: binary file or unknown text encoding")
    return _checked(Decoded(str(best), best.encoding), path)


def _wide_text(data: bytes, path: Path) -> Decoded:
    """Text with NUL bytes: UTF-16 or UTF-32 without a byte-order mark (as charset-normalizer
    recognises it), else a binary file."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    codec = (best.encoding if best is not None else "").replace("_", "-")
    if not codec.startswith(("utf-16", "utf-32")):
        raise InputError(f"{path}: binary file (NUL bytes), not text")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise InputError(f"{path}: binary file (NUL bytes), not text") from None
    return _checked(Decoded(text, f"{codec} without byte-order mark"), path)


def _checked(decoded: Decoded, path: Path) -> Decoded:
    """The decoded text, unless control characters show it is really binary."""
    text = decoded.text
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    )
    if controls > max(2, MAX_CONTROL_RATIO * len(text)):
        raise InputError(f"{path}: binary file (control characters), not text")
    return decoded


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """The decoded text of a file, refusing empty, oversized and binary files."""
    data = read_bytes(path, max_bytes)
    if not data:
        raise InputError(f"{path}: empty file")
    return decode(data, path)


def is_html(path: Path, text: str) -> bool:
    """Whether a file is an HTML page: by its suffix, or by content that starts as one."""
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text[:4096]))


def extract_html(markup: str, path: Path) -> HtmlArticle:
    """The article text of an HTML page (boilerplate, menus and comments left out)."""
    try:
        markup = html_depth.shallow(markup)
        found = _trafilatura(markup, favor_recall=False)
        if not found.text.strip():  # short pages: let trafilatura keep more
            found = _trafilatura(markup, favor_recall=True)
    except Exception as exc:  # a library failing on a malformed page is a bad page
        raise InputError(f"{path}: cannot read the HTML page ({type(exc).__name__})") from None
    if not found.text.strip():
        raise InputError(f"{path}: HTML page without article text")
    return found


def _trafilatura(markup: str, favor_recall: bool) -> HtmlArticle:
    """trafilatura's reading of a page: text, title and a date from the page's metadata only."""
    import trafilatura

    found = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=favor_recall,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if found is None:
        return HtmlArticle(text="")
    text, title, when = (getattr(found, key, None) for key in ("text", "title", "date"))
    return HtmlArticle(
        text=str(text or ""),
        title=str(title) if title else None,
        date=parse_date(str(when)) if when else None,
    )


def parse_date(value: str) -> str | None:
    """An ISO date or date-time as YYYY-MM-DD, or None when it is not a real date."""
    value = value.strip()
    try:
        return Date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None


def check_date(value: str, where: str) -> str:
    """`value` as YYYY-MM-DD, or an `InputError` naming `where` it came from."""
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise InputError(f"{where}: impossible date {value!r} (expected YYYY-MM-DD)")
    return parsed


def read_sidecar(path: Path) -> dict[str, str]:
    """The metadata sidecar of an article (`<stem>.json` beside it) as a dict ({} if none).

    Known keys (title, date, source, language) must be strings; the date must be a real date.
    """
    sidecar = path.with_suffix(SIDECAR_SUFFIX)
    if sidecar == path or not sidecar.exists():
        return {}
    data = read_bytes(sidecar, MAX_SIDECAR_BYTES, "the fixed limit for metadata sidecars")
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{sidecar}: metadata is not UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{sidecar}: broken metadata JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except RecursionError:
        raise InputError(f"{sidecar}: metadata JSON nested too deeply to read") from None
    except ValueError:  # Python refuses to convert integers of thousands of digits
        raise InputError(f"{sidecar}: metadata JSON holds a number too long to read") from None
    if not isinstance(meta, dict):
        raise InputError(f"{sidecar}: metadata must be a JSON object")
    result: dict[str, str] = {}
    for key in ("title", "date", "source", "language"):
        value = meta.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"{sidecar}: {key!r} must be a string, not {type(value).__name__}")
        surrogate = next((ch for ch in value if "\ud800" <= ch <= "\udfff"), None)
        if surrogate is not None:
            raise InputError(
                f"{sidecar}: {key!r} holds a lone surrogate \\u{ord(surrogate):04x}, "
                "which is not a character"
            )
        result[key] = value
    if "date" in result:
        result["date"] = check_date(result["date"], f"{sidecar}: 'date'")
    return result


@dataclass(frozen=True)
class ReadFile:
    """A document with how its file was read: the text encoding and whether it was HTML."""

    document: Document
    encoding: str
    html: bool


def read_document(
    path: Path, date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """One article and its sidecar metadata; `date` (YYYY-MM-DD) overrides the sidecar's."""
    return read_file(path, date, max_bytes).document


def read_file(path: Path, date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadFile:
    """One article as a `Document`, with the encoding it was read in."""
    path = Path(path)
    when = check_date(date, "--date") if date is not None else None
    return read_decoded(path, read_text(path, max_bytes), when)


def read_decoded(
    path: Path, decoded: Decoded, when: str | None, named: Path | None = None
) -> ReadFile:
    """An article's decoded text as a `Document`; `named` is the article's name for its sidecar
    when that is not `path` (a compressed `x.txt.gz` is the article `x.txt`)."""
    named = named or path
    log.info("%s: read as %s", path, decoded.encoding)
    text, page = decoded.text, None
    if is_html(named, text):
        page = extract_html(text, path)
        text = page.text
    if not text.strip():
        raise InputError(f"{path}: no text (only whitespace)")
    meta = read_sidecar(named)
    lang = language_of(path, text, meta.get("language"))
    document = Document(
        id=document_id(path),
        path=path_text(path),
        text=text,
        date=when or meta.get("date") or (page.date if page else None) or dateline(text),
        title=meta.get("title") or (page.title if page else headline(text)),
        source=meta.get("source") or agency(text),
        language=lang,
    )
    return ReadFile(document, decoded.encoding, page is not None)


def language_of(path: Path | str, text: str, declared: str | None) -> str | None:
    """The document's language tag; a `SkippedDocument` when it is not English."""
    if declared and declared.strip():
        if not language.is_english_code(declared):
            raise SkippedDocument(
                f"{path}: language {declared!r} declared in metadata is not English"
            )
        return declared.strip()
    foreign = language.is_foreign(text)
    if foreign is not None:
        raise SkippedDocument(
            f"{path}: text looks {foreign.code!r}, not English (p={foreign.probability:.2f})"
        )
    found = language.guess(text)
    return "en" if found is not None and found.code == "en" else None


def read_documents(
    paths: Iterable[Path],
    date: str | None = None,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document]:
    """Every article named by `paths`, in order, read lazily one at a time.

    With `on_error(path, error)`, a file that cannot be read (or is skipped, as a
    `SkippedDocument`) is reported there and the batch goes on; without it the error is raised.
    Two files with the same document id are an error for the second, so that neither is lost.
    A bad `date` or `max_bytes` is the caller's mistake and is raised at once.
    """
    for found in read_files(paths, date, on_error, max_bytes):
        yield found.document


def read_files(
    paths: Iterable[Path],
    date: str | None = None,
    on_error: ErrorHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ReadFile]:
    """`read_documents`, each document with the encoding it was read in."""
    if date is not None:
        date = check_date(date, "--date")
    if max_bytes <= 0:
        raise InputError(f"--max-bytes: must be a positive number of bytes, not {max_bytes}")
    owners: dict[str, Path] = {}
    for path in iter_articles(paths, on_error):
        try:
            found = read_file(path, date, max_bytes)
            doc_id = found.document.id
            first = owners.setdefault(doc_id, path)
            if first != path:
                raise InputError(
                    f"{path}: same document id {doc_id!r} as {first}; rename one of them"
                )
        except InputError as error:
            _report(path, error, on_error)
            continue
        yield found


def check(
    paths: Iterable[Path], date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[tuple[str, str]]:
    """(status, line) for every file, in order: "ok" with what was found in it, or "failed" /
    "skipped" with why. What `actorgraph check` prints."""
    pending: list[tuple[str, str]] = []

    def note(path: Path, error: InputError) -> None:
        pending.append(("skipped" if isinstance(error, SkippedDocument) else "failed", str(error)))

    for found in read_files(paths, date, note, max_bytes):
        yield from pending
        pending.clear()
        yield "ok", describe(found)
    yield from pending


def describe(found: ReadFile) -> str:
    """One line saying how a file was read."""
    doc = found.document
    kind = "HTML page" if found.html else "text"
    facts = [
        f"{kind} in {found.encoding}",
        f"{len(doc.text)} characters",
        f"language {doc.language or 'not judged'}",
        f"date {doc.date or 'unknown'}",
    ]
    return f"{doc.path}: id {doc.id!r}, " + ", ".join(facts)


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", re.IGNORECASE)


def parse_size(text: str, option: str = "--max-bytes") -> int:
    """A byte count from "10485760", "512k", "20MB" or "1.5 GB" (powers of 1024); errors name
    the `option` it was given to."""
    found = _SIZE.fullmatch(str(text))
    if found is None:
        raise InputError(f"{option}: not a size: {text!r} (e.g. 20MB, 512k, 1048576)")
    scale = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[found.group(2).lower()]
    size = int(float(found.group(1)) * scale)
    if size <= 0:
        raise InputError(f"{option}: must be a positive size, not {text!r}")
    return size


def _size(n: int) -> str:
    """A byte count for people: 10 MB, 512 KB, 37 bytes."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{n} bytes"
