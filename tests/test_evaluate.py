"""Scoring extractions against gold: actor and relation P/R/F1, type and role accuracy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from actorgraph import evaluate
from actorgraph.errors import ActorgraphError
from actorgraph.model import Actor, Document, Evidence, Extraction, Relation

GOLD = {
    "document": "d",
    "actors": [
        {"key": "ken", "name": "Kenya", "type": "Country", "wikidata": "Q114"},
        {"key": "ruto", "name": "William Ruto", "type": "Person", "aliases": ["Ruto"]},
        {"key": "gha", "name": "Ghana", "type": "Country"},
        {
            "key": "army",
            "name": "Kenya Defence Forces",
            "type": "MilitaryForce",
            "aliases": ["Kenyan army"],
        },
    ],
    "relations": [
        {"type": "holdsPosition", "source": "ruto", "target": "ken", "role": "president"},
        {"type": "CONSULT", "source": "ruto", "target": ["gha", "ken"]},
        {"type": ["AID", "COOPERATE"], "source": "ken", "target": "gha"},
        {"type": "PROTEST", "source": "army", "target": None},
    ],
}

EV = Evidence("s", 0, 1)


def actor(ident: str, label: str, type_name: str, **kw: object) -> Actor:
    return Actor(id=ident, label=label, type=type_name, **kw)  # type: ignore[arg-type]


def extraction(relations: list[Relation]) -> Extraction:
    actors = [
        actor("x:kenya", "Republic of Kenya", "Country", wikidata="Q114"),
        actor("x:ruto", "Ruto", "Person"),
        actor("x:ghana", "the Ghana", "Location"),
        actor("x:other", "Someone Else", "Person"),
    ]
    return Extraction(Document("d", "d.txt", "s"), actors=actors, relations=relations)


def gold() -> evaluate.Gold:
    return evaluate.parse_gold(GOLD, "test")


def test_actor_matching_by_wikidata_name_or_alias() -> None:
    score = evaluate.score(extraction([]), gold())
    actors = score.actors
    assert (actors.correct, actors.predicted, actors.found, actors.expected) == (3, 4, 3, 4)
    assert score.actors.precision == pytest.approx(0.75)
    assert score.actors.recall == pytest.approx(0.75)
    assert score.types.correct == 2 and score.types.total == 3  # Ghana typed as a Location
    assert score.missed_actors == ["Kenya Defence Forces"]
    assert score.spurious_actors == ["Someone Else"]


def test_relations_symmetric_alternatives_and_roles() -> None:
    rels = [
        Relation("x:kenya", "holdsPosition", "x:ruto", EV, role="president"),  # wrong way
        Relation("x:ruto", "holdsPosition", "x:kenya", EV, role="head of state"),
        Relation("x:ghana", "CONSULT", "x:ruto", EV),  # symmetric: either direction
        Relation("x:ghana", "CONSULT", "x:ruto", EV),  # duplicate counted once
        Relation("x:kenya", "COOPERATE", "x:ghana", EV),  # one of the accepted types
        Relation("x:other", "ASSAULT", None, EV),
    ]
    score = evaluate.score(extraction(rels), gold())
    assert score.relations.predicted == 5
    assert score.relations.correct == 3
    assert score.relations.found == 3 and score.relations.expected == 4
    assert score.relations.f1 == pytest.approx(2 * 0.6 * 0.75 / (0.6 + 0.75))
    assert (score.roles.correct, score.roles.total) == (0, 1)
    assert "PROTEST(army -> -)" in score.missed_relations


def test_two_predictions_of_one_gold_relation_find_it_once() -> None:
    rels = [  # the gold accepts either target: both are right, one gold relation is found
        Relation("x:ruto", "CONSULT", "x:ghana", EV),
        Relation("x:ruto", "CONSULT", "x:kenya", EV),
    ]
    score = evaluate.score(extraction(rels), gold())
    assert score.relations.correct == 2 and score.relations.found == 1
    assert score.relations.precision == 1.0
    assert score.relations.recall == pytest.approx(1 / 4)


def test_asymmetric_types_need_the_right_direction() -> None:
    score = evaluate.score(extraction([Relation("x:ghana", "AID", "x:kenya", EV)]), gold())
    assert score.relations.correct == score.relations.found == 0


def test_report_table_and_json() -> None:
    report = evaluate.Report([evaluate.score(extraction([]), gold())] * 2)
    assert report.actors.correct == report.actors.found == 6
    table = report.table()
    assert "TOTAL (micro)" in table and "0.75" in table
    data = report.as_dict()
    assert data["total"]["actors"]["f1"] == pytest.approx(0.75)
    json.dumps(data)


@pytest.mark.parametrize(
    "broken, message",
    [
        ({"actors": "none"}, "'actors' list"),
        ({"actors": [{"key": "a", "name": "A", "type": "Planet"}]}, "unknown type"),
        (
            {
                "actors": [{"key": "a", "name": "A", "type": "Person"}],
                "relations": [{"type": "VISIT", "source": "a"}],
            },
            "unknown relation type",
        ),
        (
            {
                "actors": [{"key": "a", "name": "A", "type": "Person"}],
                "relations": [{"type": "CONSULT", "source": "a", "target": "b"}],
            },
            "unknown key",
        ),
    ],
)
def test_broken_gold_is_one_clear_error(broken: dict[str, object], message: str) -> None:
    with pytest.raises(ActorgraphError, match=message):
        evaluate.parse_gold(broken, "g.yaml")


def test_the_seed_gold_file_is_large() -> None:
    path = Path(__file__).parent.parent / "data" / "gold" / "2022-12-19-putin-visits-belarus.yaml"
    seed = evaluate.load_gold(path)
    assert len(seed.actors) >= 20 and len(seed.relations) >= 30


GOLD_FILES = sorted((Path(__file__).parent.parent / "data" / "gold").glob("*.yaml"))


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_every_gold_file_is_valid_and_has_its_article(path: Path) -> None:
    gold = evaluate.load_gold(path)
    keys = [a.key for a in gold.actors]
    assert len(set(keys)) == len(keys) and gold.relations
    assert (path.parent.parent / "articles" / f"{gold.document}.txt").is_file()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", "eval", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_without_matching_gold_is_one_line_error(tmp_path: Path) -> None:
    article = tmp_path / "lonely.txt"
    article.write_text("Kenya and Ghana met.", encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    result = run_cli(str(article), "--gold", str(gold_dir))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no gold standard" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_scores_an_article_with_gold(tmp_path: Path) -> None:
    article = tmp_path / "talks.txt"
    article.write_text(
        "Kenyan President William Ruto met Ghana's president in Accra on Monday.",
        encoding="utf-8",
    )
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    data = {
        "document": "talks",
        "actors": [
            {"key": "ruto", "name": "William Ruto", "type": "Person"},
            {"key": "ken", "name": "Kenya", "type": "Country"},
            {"key": "gha", "name": "Ghana", "type": "Country"},
            {"key": "accra", "name": "Accra", "type": "Location"},
        ],
        "relations": [
            {"type": "holdsPosition", "source": "ruto", "target": "ken", "role": "president"},
        ],
    }
    (gold_dir / "talks.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run_cli(str(article), "--gold", str(gold_dir), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"][0]["document"] == "talks"
    assert report["total"]["relations"]["recall"] == 1.0
    assert report["total"]["actors"]["recall"] >= 0.75


def test_gold_with_a_key_given_twice_is_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("actors: []\nrelations: []\nactors: []\n", encoding="utf-8")
    with pytest.raises(ActorgraphError, match=r"a.yaml:3: 'actors' is given twice"):
        evaluate.load_gold(path)


def test_interactions_and_affiliations_are_scored_apart() -> None:
    rels = [
        Relation("x:ruto", "holdsPosition", "x:kenya", EV, role="president"),
        Relation("x:kenya", "AID", "x:ghana", EV),
        Relation("x:ruto", "ASSAULT", "x:ghana", EV),
    ]
    result = evaluate.score(extraction(rels), gold())
    assert (result.affiliations.correct, result.affiliations.predicted) == (1, 1)
    assert (result.affiliations.found, result.affiliations.expected) == (1, 1)
    assert (result.interactions.correct, result.interactions.predicted) == (1, 2)
    assert (result.interactions.found, result.interactions.expected) == (1, 3)
    report = evaluate.Report([result])
    assert report.as_dict()["total"]["interactions"]["f1"] == pytest.approx(0.4)
    assert "int F1" in report.table()


def test_gold_coded_sentence_by_sentence() -> None:
    data = {
        "document": "d",
        "actors": GOLD["actors"],
        "sentences": [
            {"n": 1, "relations": []},
            {
                "n": 2,
                "relations": [
                    {"type": "CONSULT", "source": "ruto", "target": "gha", "trigger": "met"}
                ],
            },
            {
                "n": 3,
                "relations": [
                    {
                        "type": "CONSULT",
                        "source": "ruto",
                        "target": "gha",
                        "trigger": "talks",
                    },  # the same event restated
                    {"type": "ACCUSE", "source": "gha", "target": "ken", "trigger": "accused"},
                ],
            },
        ],
    }
    parsed = evaluate.parse_gold(data, "test")
    assert [r.label() for r in parsed.relations] == ["CONSULT(ruto -> gha)", "ACCUSE(gha -> ken)"]
    broken = {**data, "sentences": [{"n": 1}]}
    with pytest.raises(ActorgraphError, match="relations"):
        evaluate.parse_gold(broken, "test")
