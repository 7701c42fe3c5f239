"""The judged benchmark: output listed for a judge, and the judge's verdicts counted."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "data" / "wikinews" / "judged"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("judged_bench", ROOT / "benchmarks/judged.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _load()


def test_rendered_relations_are_numbered_with_their_evidence_and_counted(tmp_path: Path) -> None:
    article = tmp_path / "a1.txt"
    article.write_text(
        "Monday, March 1, 2021\n\nFrench President Emmanuel Macron met German Chancellor "
        "Olaf Scholz in Berlin.\n\nFrance accused Russia of attacking Ukraine.\n",
        encoding="utf-8",
    )
    out = tmp_path / "judging"
    assert bench.main(["render", str(article), "--out", str(out)]) == 0
    listing = (out / "relations.md").read_text(encoding="utf-8")
    kept = json.loads((out / "relations.json").read_text(encoding="utf-8"))
    assert listing.startswith("## a1.txt  (date 2021-03-01)\nActors: ")
    keys = [line.split(".")[0] for line in listing.splitlines() if line.startswith("R")]
    assert keys == [f"R{n}" for n in range(1, len(kept) + 1)]
    assert any(r["type"] == "ACCUSE" for r in kept.values())
    assert 'evidence: "France accused Russia of attacking Ukraine."' in listing
    # a judge finds every interaction wrong but the first, and one actor bad
    interactions = [k for k, r in kept.items() if r["type"] not in bench.AFFILIATION_TYPES]
    lines = [f"{k}\t{'OK' if k == interactions[0] else 'WRONG'}\tx" for k in kept]
    (out / "verdicts-j.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "actors-j.tsv").write_text("a1\t4\t1\tbad: x\t-\t-\n", encoding="utf-8")
    result = bench.score(kept, bench.read_verdicts(out), bench.read_actor_rows(out))
    assert result["unjudged"] == 0
    assert result["interactions"]["n"] == len(interactions)
    assert result["interactions"]["OK"] == pytest.approx(1 / len(interactions))
    assert result["actors"] == {"n": 4, "bad": 1, "share_bad": 0.25}


@pytest.mark.parametrize("folder", sorted(p for p in JUDGED.glob("*") if p.is_dir()))
def test_every_judged_relation_has_one_verdict(folder: Path) -> None:
    kept = json.loads((folder / "relations.json").read_text(encoding="utf-8"))
    verdicts = bench.read_verdicts(folder)
    assert set(verdicts) == set(kept)
    rows = bench.read_actor_rows(folder)
    listing = (folder / "relations.md").read_text(encoding="utf-8")
    assert len(rows) == listing.count("\n## ") + listing.startswith("## ")
