"""Judging the extractor's output on real articles, relation by relation, by a reader of the text.

    python benchmarks/judged.py render ARTICLES... --out DIR
    python benchmarks/judged.py score DIR

`render` extracts the articles and writes `DIR/relations.md`: per article its actors and its
relations, numbered R1, R2, ..., each with its evidence sentence, in the form a judge reads
without the extractor at hand (`DIR/relations.json` keeps each relation's type and confidence
apart, out of the judge's sight). A judge who has not seen the extractor's code reads each
article and writes `DIR/verdicts*.tsv` (`R12<TAB>OK|PARTIAL|WRONG<TAB>reason`) and
`DIR/actors*.tsv` (`stem<TAB>actors not places<TAB>of them bad<TAB>bad: ...<TAB>wrong type:
...<TAB>missed: ...`). `score` counts the verdicts: the share of interactions and of
affiliations fully right, partly right and wrong, the share fully right above confidences of
0.3, 0.5 and 0.8, and the share of actors that are malformed or not in the text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from actorgraph import api
from actorgraph.model import Actor, Extraction, Relation
from actorgraph.vocab import AFFILIATION_TYPES

ORDER = ("Person", "Country", "GovernmentBody", "MilitaryForce", "MediaOrganization",
         "InternationalOrganization", "PoliticalGroup", "Organization", "Location")  # fmt: skip
VERDICTS = ("OK", "PARTIAL", "WRONG")
FLOORS = (0.3, 0.5, 0.8)


def render(extractions: Iterable[Extraction]) -> tuple[str, dict[str, dict]]:
    """The judge's listing of the extractions, and each relation's type and confidence."""
    lines: list[str] = []
    kept: dict[str, dict] = {}
    for ex in sorted(extractions, key=lambda e: Path(e.document.path).name):
        actors = {a.id: a for a in ex.actors}
        lines.append(f"## {Path(ex.document.path).name}  (date {ex.document.date})")
        ordered = sorted(ex.actors, key=lambda a: (_rank(a.type), a.label))
        lines.append("Actors: " + "; ".join(_actor(a) for a in ordered))
        for rel in sorted(ex.relations, key=_order):
            key = f"R{len(kept) + 1}"
            lines.append(f"{key}. {_relation(rel, actors)}")
            kept[key] = {"type": rel.type, "confidence": rel.confidence, "doc": ex.document.id}
        lines.append("")
    return "\n".join(lines) + "\n", kept


def _rank(type_name: str) -> int:
    return ORDER.index(type_name) if type_name in ORDER else len(ORDER)


def _order(rel: Relation) -> tuple[bool, int]:
    return rel.type not in AFFILIATION_TYPES, rel.evidence.start


def _actor(actor: Actor | None) -> str:
    return f"{actor.label} [{actor.type}]" if actor is not None else "-"


def _relation(rel: Relation, actors: dict[str, Actor]) -> str:
    kind = rel.type + (f"/{rel.mode}" if rel.mode else "")
    role = f" role={rel.role}" if rel.role else ""
    said = f" by {_actor(actors.get(rel.attributed_to))}" if rel.attributed_to else ""
    target = _actor(actors.get(rel.target)) if rel.target else "-"
    return (
        f"{_actor(actors.get(rel.source))} --{kind}{role}--> {target} | "
        f'factuality={rel.factuality}{said} | evidence: "{rel.evidence.sentence}"'
    )


def read_verdicts(folder: Path) -> dict[str, str]:
    """Each relation's verdict, from every `verdicts*.tsv` of a folder."""
    verdicts = {}
    for path in sorted(folder.glob("verdicts*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 2 and cells[1].strip() in VERDICTS:
                verdicts[cells[0].strip()] = cells[1].strip()
    return verdicts


def score(
    relations: dict[str, dict], verdicts: dict[str, str], actor_rows: list[list[str]]
) -> dict:
    """The shares of right, partly right and wrong relations, and of bad actors."""
    missing = sorted(set(relations) - set(verdicts))
    result: dict = {"unjudged": len(missing)}
    for kind, wanted in (("interactions", False), ("affiliations", True)):
        keys = [k for k, r in relations.items() if (r["type"] in AFFILIATION_TYPES) == wanted]
        counts = Counter(verdicts[k] for k in keys if k in verdicts)
        total = sum(counts.values())
        result[kind] = {"n": total, **{v: counts[v] / total if total else 0.0 for v in VERDICTS}}
        result[kind]["ok_at"] = {
            str(floor): _share_ok([verdicts[k] for k in keys
                                   if k in verdicts and relations[k]["confidence"] >= floor])
            for floor in FLOORS
        }  # fmt: skip
    counted = sum(int(row[1]) for row in actor_rows)
    bad = sum(int(row[2]) for row in actor_rows)
    result["actors"] = {"n": counted, "bad": bad, "share_bad": bad / counted if counted else 0.0}
    return result


def _share_ok(verdicts: list[str]) -> tuple[float, int]:
    return (verdicts.count("OK") / len(verdicts) if verdicts else 0.0), len(verdicts)


def read_actor_rows(folder: Path) -> list[list[str]]:
    rows = []
    for path in sorted(folder.glob("actors*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 3 and cells[1].strip().isdigit() and cells[2].strip().isdigit():
                rows.append(cells)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("render", help="list the extraction of articles for a judge")
    make.add_argument("articles", nargs="+", type=Path)
    make.add_argument("--out", type=Path, required=True)
    count = sub.add_parser("score", help="count a judge's verdicts")
    count.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "render":
        extractions = api.extract_paths(args.articles)
        listing, kept = render(extractions)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "relations.md").write_text(listing, encoding="utf-8")
        (args.out / "relations.json").write_text(json.dumps(kept, indent=1) + "\n")
        print(f"{len(kept)} relations of {len(extractions)} articles in {args.out}/relations.md")
        return 0
    relations = json.loads((args.folder / "relations.json").read_text(encoding="utf-8"))
    verdicts = read_verdicts(args.folder)
    if not verdicts:
        print(f"judged benchmark: no verdicts*.tsv in {args.folder}", file=sys.stderr)
        return 2
    print(json.dumps(score(relations, verdicts, read_actor_rows(args.folder)), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
