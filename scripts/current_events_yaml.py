"""Make documents to code from days of Wikipedia's current events kept as daily YAML
(data/wikinews/texts/*/ce-2011-* to ce-2020-*).

    python scripts/current_events_yaml.py GITDIR OUT_DIR [--days FILE] [--commit C]

GITDIR is a git copy of the repository ianrastall/current-events-context, which keeps each day of
https://en.wikipedia.org/wiki/Portal:Current_events as `YYYY/MM/YYYY-MM-DD.yaml`
(`Intelligence_Payload:` a mapping {heading: [item, ...]} made from the page's wikitext; the text
is Wikipedia's, CC BY-SA 4.0, see data/wikinews/ATTRIBUTION.md). For each day listed in FILE (one
YYYY-MM-DD a line; by default the days of 2011-2020 already under data/wikinews/texts) it writes
`OUT_DIR/<set>/ce-YYYY-MM-DD.txt` and its sidecar `.json`, the same document as
`scripts/current_events.py` makes from the Markdown copies: a date line, then each story of the
four political sections as one paragraph (innermost items, links as their text, source citations
removed); days with fewer than four stories are left out. What the YAML's form asks for:
- it flattens the page: a heading that is no section of the page (a topic such as "Syrian Civil
  War") is a key of its own, counted under the section key before it when no other section can
  lie between them in the page's usual order of sections (a section whose stories all sit under
  topics lost its own key), else unless its name is that of another section's topic;
- citations are plain text at an item's end ("(Reuters) (AP via ABC)"): the trailing run of
  parenthesised groups is removed;
- items prefixed with their sub-topic ("2011 Syrian uprising: Turkey claims ...") lose the label;
- items where dropping a template left a visible gap ("the , ", "( )") are left out.
The set comes from the page's URL as for every coded text (`sha1(url) % 20`: below 5 `heldout`,
below 8 `dev`, else `train`).
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from current_events import document, split_of

REPO = "ianrastall/current-events-context"
SECTION_NAMES = {
    "armed conflicts and attacks": "Armed conflicts and attacks",
    "armed conflict and attacks": "Armed conflicts and attacks",
    "armed conflicts and attack": "Armed conflicts and attacks",
    "armed conflicts": "Armed conflicts and attacks",
    "international relations": "International relations",
    "politics and elections": "Politics and elections",
    "politics and election": "Politics and elections",
    "conflicts and attacks": "Armed conflicts and attacks",
    "politics": "Politics and elections",
    "elections": "Politics and elections",
    "law and crime": "Law and crime",
    "law and order": "Law and crime",
    "crime": "Law and crime",
}
# words of the portal's other top-level sections, to know where a political section ends
OTHER_WORDS = frozenset(
    [
        "arts",
        "art",
        "and",
        "culture",
        "business",
        "economy",
        "economics",
        "economies",
        "disasters",
        "disaster",
        "accidents",
        "incidents",
        "health",
        "environment",
        "medicine",
        "science",
        "technology",
        "sport",
        "sports",
        "religion",
        "media",
        "transportation",
        "transport",
        "entertainment",
        "literature",
        "education",
        "uncategorized",
        "obituaries",
        "deaths",
    ]
)
CITATIONS = re.compile(r"(?:\s*(?:\([^()]*(?:\([^()]*\)[^()]*)*\)|https?://\S+))+\s*(\.?)\s*$")
# what strip_code leaves where it dropped a template ({{ill}}, {{convert}}, {{USS}}...)
GAP = re.compile(r"\s[,.;:)]|\(\s*\)|\(\s|\s['’]s\b")
LABEL = re.compile(r"^([A-Z0-9][^.:;!?]{0,100}?): (?=[A-Z\"'‘“0-9])")
MIN_STORIES = 4


def git(gitdir: str, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", gitdir, *args], capture_output=True, text=True, check=True
    ).stdout


def section_of(key: str) -> str | None:
    """The political section a YAML key names, '' for another section, None for a topic."""
    k = " ".join(key.lower().replace("&", "and").split())
    if k in SECTION_NAMES:
        return SECTION_NAMES[k]
    if set(k.split()) <= OTHER_WORDS:
        return ""
    return None


def clean(item: str) -> str:
    text = " ".join(str(item).replace("\\", "").split())
    m = CITATIONS.search(text)
    if m:  # "... (Reuters) (AP)" and "... (Reuters)." -> "..." / "....": keep a final period
        head = text[: m.start()].rstrip()
        if not m.group(1) or head.endswith((".", '"', ")")):
            text = head  # "X. (Reuters)." keeps "X."; "X (US$5 million)." is left alone
    m = LABEL.match(text)
    if m and len(m.group(1).split()) <= 10:
        text = text[m.end() :]
    return text.replace("*", "").strip()


# The portal's usual order of sections. A section whose stories all sit under topic keys left
# no key of its own (the scraper drops empty keys), so a topic key after section A and before
# section B is only known to be in A when no other section comes between A and B in this order.
CANON = [
    "armed",
    "arts",
    "business",
    "disasters",
    "health",
    "international",
    "law",
    "politics",
    "science",
    "sports",
]
POLITICAL = {"armed", "international", "law", "politics"}


def rank(key: str) -> int | None:
    """Place of a section key in CANON (None for a topic key)."""
    k = key.lower()
    sec = section_of(key)
    if sec is None:
        return None
    if sec:
        return CANON.index(sec.split()[0].lower().replace("armed", "armed"))
    for i, name in enumerate(CANON):
        if (
            k.startswith(name[:4])
            or (name == "disasters" and "accident" in k)
            or (name == "sports" and k.startswith("sport"))
            or (name == "health" and ("environment" in k or "medicine" in k))
            or (name == "science" and "technolog" in k)
            or (name == "business" and "econom" in k)
        ):
            return i
    return -1  # another section (religion, media, ...): unknown place


# topics of the other sections (sports, arts, disasters, health, science, business)
NON_POLITICAL_TOPIC = re.compile(
    r"olympic|paralympic|championship|\bcup\b|series|wimbledon|\bopen\b|grand prix|season|"
    r"premier league|tournament|\bgames\b|marathon|tour de france|football|cricket|tennis|golf|"
    r"baseball|basketball|rugby|boxing|hockey|soccer|athletic|swimming|cycling|skiing|sport|"
    r"formula|uefa|fifa|nba\b|nfl\b|nhl\b|television|film|festival|award|album|music|industry|earthquake|"
    r"flood|storm|hurricane|typhoon|cyclone|landslide|mudslide|eruption|volcan|crash|accident|"
    r"disaster|\bfire\b|wildfire|explosion|outbreak|epidemic|pandemic|virus|ebola|\bmers\b|"
    r"flu\b|famine|drought|heat wave|tsunami|derailment|collapse|sinking|oil spill|blackout|"
    r"power grid|spacecraft|\bspace\b|spacex|nasa\b|nobel|prize|stock|market|economy|financial|"
    r"eclipse|comet|discovery",
    re.I,
)


def topic_in(prev: int | None, nxt: int | None, key: str) -> bool:
    """Whether a topic key between section ranks prev and nxt belongs to section prev: surely
    when no other section comes between them in the usual order; when one may (its key was
    dropped), unless the topic's name is one of another section's."""
    if prev is None or prev < 0 or CANON[prev] not in POLITICAL:
        return False
    if nxt is not None and (nxt < 0 or nxt <= prev):  # page not in the usual order
        return not NON_POLITICAL_TOPIC.search(key)
    if nxt is not None and all(CANON[i] in POLITICAL for i in range(prev + 1, nxt)):
        return True
    return not NON_POLITICAL_TOPIC.search(key)


def stories(payload: dict) -> list[str]:
    keys = [str(k) for k in payload]
    ranks = [rank(k) for k in keys]
    out: list[str] = []
    current: str | None = None  # section of the last section key seen
    prev_rank: int | None = None
    for i, (key, items) in enumerate(payload.items()):
        sec = section_of(str(key))
        if sec is not None:
            current, prev_rank = sec, ranks[i]
            take = bool(sec)
        else:
            nxt = next((r for r in ranks[i + 1 :] if r is not None), None)
            take = bool(current) and topic_in(prev_rank, nxt, str(key))
        if not take or not isinstance(items, list):
            continue
        for item in items:
            text = clean(item)
            story = len(text.split()) >= 6 and text.endswith((".", '"', ")"))
            if story and not GAP.search(text):
                out.append(text)
    return out


def load(gitdir: str, commit: str, day: datetime.date):
    path = f"{day:%Y}/{day:%m}/{day.isoformat()}.yaml"
    try:
        data = yaml.safe_load(git(gitdir, "show", f"{commit}:{path}"))
    except subprocess.CalledProcessError:
        return path, None
    payload = data.get("Intelligence_Payload") if isinstance(data, dict) else None
    return path, payload if isinstance(payload, dict) else None


def days(listed: Path | None) -> list[datetime.date]:
    """The days to make: those listed, else the 2011-2020 days already in data/wikinews."""
    if listed is not None:
        return [datetime.date.fromisoformat(d) for d in listed.read_text().split()]
    texts = Path(__file__).resolve().parent.parent / "data" / "wikinews" / "texts"
    stems = {p.stem for p in texts.glob("*/ce-20[12][0-9]-*.txt") if p.stem[3:7] <= "2020"}
    return sorted(datetime.date.fromisoformat(s[3:]) for s in stems if "." not in s)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gitdir")
    ap.add_argument("out", type=Path)
    ap.add_argument("--days", type=Path, help="days to make, one YYYY-MM-DD a line")
    ap.add_argument("--commit", default="HEAD")
    args = ap.parse_args()
    commit = git(args.gitdir, "rev-parse", args.commit).strip()
    written = 0
    for day in days(args.days):
        path, payload = load(args.gitdir, commit, day)
        if payload is None:
            print(f"{day}: no payload", file=sys.stderr)
            continue
        items = stories(payload)
        if len(items) < MIN_STORIES:
            print(f"{day}: {len(items)} stories, left out", file=sys.stderr)
            continue
        text, meta = document(day, items, f"{REPO}:{path} (commit {commit})")
        folder = args.out / split_of(meta["url"])
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"ce-{day.isoformat()}"
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        (folder / f"{stem}.json").write_text(
            json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"{stem}\t{folder.name}\t{len(items)}\t{len(text.split())}")
        written += 1
    print(f"{written} documents written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
