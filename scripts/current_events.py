"""Make documents to code from days of Wikipedia's current events (data/wikinews/texts/*/ce-*).

    python scripts/current_events.py POSTS_DIR OUT_DIR [--since 2025-01-01] [--until 2026-08-22]

POSTS_DIR is the `docs/_posts` folder of a copy of the repository fordred/wikinews, which keeps
each day of https://en.wikipedia.org/wiki/Portal:Current_events as Markdown
(`YYYY-MM-DD-index.md`; CC BY-SA 4.0, see data/wikinews/ATTRIBUTION.md). For each day from
`--since` to `--until` with at least four stories in the political sections it writes
`OUT_DIR/<set>/ce-YYYY-MM-DD.txt` and its sidecar `.json`: a date line, then each story as one
paragraph, without links or source citations.
The set comes from the page's URL as for every coded text (`sha1(url) % 20`: below 5 `heldout`,
below 8 `dev`, else `train`), fixed before anything is coded.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

SECTIONS = frozenset({"Armed conflicts and attacks", "International relations",
                      "Politics and elections", "Law and crime"})  # fmt: skip
CITATION = re.compile(r"\[\([^\]]*\)\]\([^)]*(?:\([^)]*\)[^)]*)*\)")  # "[(AP)](https://...)"
LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
BULLET = re.compile(r"( *)\* (.*)")
MIN_STORIES = 4


def clean(line: str) -> str:
    """A story's text: citations dropped, links replaced by their text, emphasis removed."""
    line = LINK.sub(lambda m: m.group(1), CITATION.sub("", line))
    return " ".join(line.replace("*", "").replace("\\", "").split())


def stories(markdown: str) -> Iterator[str]:
    """The stories of a day's page in the political sections: bullets with no bullets under
    them (those above are topic headings), that read as sentences."""
    section = None
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("#### "):
            section = line[5:].strip()
            continue
        bullet = BULLET.match(line)
        if not bullet or section not in SECTIONS:
            continue
        below = BULLET.match(lines[i + 1]) if i + 1 < len(lines) else None
        if below and len(below.group(1)) > len(bullet.group(1)):
            continue
        text = clean(bullet.group(2))
        if len(text.split()) >= 6 and text.endswith((".", '"', ")")):
            yield text


def split_of(url: str) -> str:
    """The coded set a text belongs to, from its URL."""
    bucket = int(hashlib.sha1(url.encode()).hexdigest(), 16) % 20
    return "heldout" if bucket < 5 else "dev" if bucket < 8 else "train"


def document(day: datetime.date, items: list[str], repo: str = "") -> tuple[str, dict[str, str]]:
    """A day's text and sidecar (`repo`: where the day's copy was taken from)."""
    page = f"{day.year}_{day:%B}_{day.day}"
    text = f"{day:%A}, {day:%B} {day.day}, {day.year}\n\n" + "\n\n".join(items) + "\n"
    meta = {
        "title": f"Portal:Current events/{page.replace('_', ' ')}",
        "date": day.isoformat(),
        "source": "Wikipedia",
        "url": f"https://en.wikipedia.org/wiki/Portal:Current_events/{page}",
        "license": "CC BY-SA 4.0",
        "repo": repo or f"fordred/wikinews:docs/_posts/{day.isoformat()}-index.md",
    }
    return text, meta


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("posts", type=Path, help="docs/_posts of fordred/wikinews")
    parser.add_argument("out", type=Path, help="where to write <set>/ce-*.txt and .json")
    parser.add_argument("--since", type=datetime.date.fromisoformat, default="2025-01-01")
    parser.add_argument("--until", type=datetime.date.fromisoformat, default="2026-08-22")
    args = parser.parse_args(argv)
    written = 0
    for path in sorted(args.posts.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-index.md")):
        day = datetime.date.fromisoformat(path.name[:10])
        items = list(stories(path.read_text(encoding="utf-8")))
        if not args.since <= day <= args.until or len(items) < MIN_STORIES:
            continue
        text, meta = document(day, items)
        folder = args.out / split_of(meta["url"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"ce-{day.isoformat()}.txt").write_text(text, encoding="utf-8")
        sidecar = json.dumps(meta, indent=1, ensure_ascii=False) + "\n"
        (folder / f"ce-{day.isoformat()}.json").write_text(sidecar, encoding="utf-8")
        written += 1
    print(f"{written} documents written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
