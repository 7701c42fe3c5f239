"""Reading articles from disk: text files and their JSON metadata sidecars -> `Document`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from actorgraph.errors import InputError
from actorgraph.model import Document


def find_articles(paths: Iterable[Path]) -> list[Path]:
    """The article files named by `paths`: files as given, folders by their `*.txt` files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.glob("*.txt")))
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return found


def document_id(path: Path) -> str:
    """A stable id for an article: its file stem, reduced to IRI-safe characters."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-") or "document"


def read_document(path: Path, date: str | None = None) -> Document:
    """One article and its sidecar metadata (`<stem>.json` beside it), if any."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    meta = read_sidecar(path)
    return Document(
        id=document_id(path),
        path=str(path),
        text=text,
        date=date or meta.get("date"),
        title=meta.get("title"),
        source=meta.get("source"),
        language=meta.get("language"),
    )


def read_sidecar(path: Path) -> dict[str, str]:
    """The metadata sidecar of an article as a dict ({} when there is none)."""
    sidecar = path.with_suffix(".json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{sidecar}: broken metadata JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise InputError(f"{sidecar}: metadata must be a JSON object")
    return {k: v for k, v in meta.items() if isinstance(v, str)}


def read_documents(paths: Iterable[Path], date: str | None = None) -> Iterator[Document]:
    """Every article named by `paths`, in order."""
    for path in find_articles(paths):
        yield read_document(path, date)
