"""Articles coded sentence by sentence: the gold that trains and measures the event reader.

A coded article is a text (`<stem>.txt` with its sidecar) and, in a gold folder, the gold file
`<stem>.yaml` whose `sentences` list gives each numbered sentence's relations with the word
that states them (`trigger`), plus `<stem>.sentences.jsonl`, where each sentence number's
character offsets into the text are kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from actorgraph.errors import ActorgraphError
from actorgraph.evaluate import Gold, parse_gold
from actorgraph.resources import read_yaml
from actorgraph.vocab import PLOVER_TYPES

T = TypeVar("T")


@dataclass(frozen=True)
class CodedEvent:
    """A PLOVER event coded in a sentence; each field lists the readings accepted."""

    types: tuple[str, ...]
    sources: tuple[str | None, ...]
    targets: tuple[str | None, ...]
    trigger: str
    mode: str | None = None
    factuality: str = "asserted"


@dataclass(frozen=True)
class CodedSentence:
    """One numbered sentence, where it lies in the text, and its coded events."""

    n: int
    start: int
    end: int
    events: tuple[CodedEvent, ...]


@dataclass(frozen=True)
class CodedArticle:
    """An article with its gold: actors and relations, and its sentences' events."""

    text: Path
    gold: Gold
    sentences: tuple[CodedSentence, ...]

    def sentence_at(self, start: int, end: int) -> CodedSentence | None:
        """The coded sentence that shares the most characters with [start, end)."""
        best, overlap = None, 0
        for sentence in self.sentences:
            shared = min(end, sentence.end) - max(start, sentence.start)
            if shared > overlap:
                best, overlap = sentence, shared
        return best


def _listed(value: Any) -> tuple[Any, ...]:
    if isinstance(value, list):
        return tuple(value) or (None,)
    return (value,)


def _event(raw: dict[str, Any]) -> CodedEvent | None:
    types = tuple(t for t in _listed(raw.get("type")) if t in PLOVER_TYPES)
    if not types:
        return None  # an affiliation
    return CodedEvent(
        types=types,
        sources=_listed(raw.get("source")),
        targets=_listed(raw.get("target")),
        trigger=str(raw.get("trigger") or ""),
        mode=raw.get("mode"),
        factuality=str(raw.get("factuality") or "asserted"),
    )


def load(text: Path, gold_file: Path) -> CodedArticle:
    """A coded article from its text and its gold file (with the offsets file beside it)."""
    data = read_yaml(gold_file)
    offsets_file = gold_file.with_suffix(".sentences.jsonl")
    try:
        lines = offsets_file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ActorgraphError(f"{offsets_file}: {exc.strerror}") from None
    spans = {row["n"]: (row["start"], row["end"]) for row in map(json.loads, lines) if row}
    sentences = []
    for item in data.get("sentences") or ():
        start, end = spans[item["n"]]
        events = (_event(r) for r in item.get("relations") or ())
        sentences.append(CodedSentence(item["n"], start, end, tuple(e for e in events if e)))
    return CodedArticle(text, parse_gold(data, str(gold_file)), tuple(sentences))


def kind(article: CodedArticle) -> str:
    """`summaries` for a day of Wikipedia's current events (one short story a paragraph),
    `articles` for a news article, by the source its sidecar names."""
    sidecar = article.text.with_suffix(".json")
    try:
        source = json.loads(sidecar.read_text(encoding="utf-8")).get("source")
    except (OSError, ValueError):
        source = None
    return "summaries" if source == "Wikipedia" else "articles"


def by_kind(articles: Iterable[T], of: Callable[[T], CodedArticle]) -> dict[str, list[T]]:
    """The articles (or what holds them, `of` giving the article) grouped by kind."""
    groups: dict[str, list[T]] = {}
    for item in articles:
        groups.setdefault(kind(of(item)), []).append(item)
    return dict(sorted(groups.items()))


def articles(texts: Path, gold: Path) -> Iterator[CodedArticle]:
    """The coded articles of a set: each `<stem>.txt` under `texts` with a gold file."""
    for gold_file in sorted(gold.glob("*.yaml")):
        text = texts / f"{gold_file.stem}.txt"
        if text.is_file():
            yield load(text, gold_file)
