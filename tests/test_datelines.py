"""Datelines: the article's own date from the top of its text, never from the story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph import datelines, reader
from actorgraph.datelines import dateline

STORY = "The foreign ministers of Chile and Peru met on Tuesday to discuss trade and migration."


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("SANTIAGO, Dec. 19, 2022 (Reuters) - " + STORY, "2022-12-19"),
        ("LIMA, Peru, March 3 2023 — " + STORY, "2023-03-03"),
        ("Chile and Peru hold talks\nPublished 7 June 2021\n\n" + STORY, "2021-06-07"),
        ("Talks\nBy A. Writer | 2020-02-29 10:32 GMT\n\n" + STORY, "2020-02-29"),
        ("Chile and Peru hold talks\nSeptember 1st, 2022\n" + STORY, "2022-09-01"),
    ],
)
def test_datelines_and_byline_dates(head: str, expected: str) -> None:
    assert dateline(head) == expected


@pytest.mark.parametrize(
    "text",
    [
        STORY,
        "SANTIAGO, Dec. 19 (Reuters) - " + STORY,  # no year: the date is not known
        "Chile and Peru hold talks\nPublished 31 February 2022\n" + STORY,  # no such day
        # a long first paragraph that mentions a date inside the story
        "Chile and Peru, whose leaders first met on December 3, 2019 in a border town that both "
        "claim, agreed to resume talks on trade, migration and the shared water supply.",
        "\n".join(["Line"] * 5 + ["Published 7 June 2021"]),  # too far down
    ],
)
def test_no_date_where_the_top_gives_none(text: str) -> None:
    assert dateline(text) is None


def test_reader_takes_the_dateline_only_when_no_date_is_given(tmp_path: Path) -> None:
    article = tmp_path / "talks.txt"
    article.write_text("LIMA, June 7, 2021 (AP) — " + STORY, encoding="utf-8")
    assert reader.read_document(article).date == "2021-06-07"
    assert reader.read_document(article, date="2021-06-08").date == "2021-06-08"
    (tmp_path / "talks.json").write_text(json.dumps({"date": "2021-06-09"}), encoding="utf-8")
    assert reader.read_document(article).date == "2021-06-09"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Chile and Peru sign fishing pact\n\nSANTIAGO - Chile and Peru signed ...",
            "Chile and Peru sign fishing pact",
        ),
        ("Floods hit Kenya.\n\nHeavy rain fell on Nairobi on Monday.", "Floods hit Kenya"),
        ("LIMA, May 3, 2023 (Reuters) - Peru said ...\n\nMore text.", None),  # a dateline
        ("Peru said on Monday that it would hold talks with Chile\nnext week.\n\nMore.", None),
        ("One line only", None),
    ],
)
def test_headline_is_a_short_first_line_standing_alone(text: str, title: str | None) -> None:
    assert datelines.headline(text) == title


def test_a_plain_text_article_without_sidecar_takes_its_headline(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Kenya to lead Haiti mission\n\nNAIROBI - Kenya said on Monday ...\n")
    assert reader.read_document(path).title == "Kenya to lead Haiti mission"
    (tmp_path / "story.json").write_text('{"title": "Given title"}')
    assert reader.read_document(path).title == "Given title"


@pytest.mark.parametrize(
    ("text", "wire", "agency"),
    [
        ("SANTIAGO, Dec. 19, 2022 (Reuters) - " + STORY,
         "SANTIAGO, Dec. 19, 2022 (Reuters) - ", "Reuters"),
        ("QUITO (AP) — " + STORY, "QUITO (AP) — ", "AP"),
        ("Chile and Peru talk\n\nLA PAZ, Bolivia, 4 May 2021 -- " + STORY,
         "LA PAZ, Bolivia, 4 May 2021 -- ", None),
        ("BOGOTA — " + STORY, "BOGOTA — ", None),
        ("US - Chile trade talks - resumed on Monday.", None, None),  # a headline's dash
        (STORY, None, None),
        (STORY + " " + STORY + "\nLIMA - " + STORY, None, None),  # the story has begun
    ],
)  # fmt: skip
def test_the_wire_dateline_is_found_with_its_agency(
    text: str, wire: str | None, agency: str | None
) -> None:
    span = datelines.dateline_span(text)
    assert (text[span[0] : span[1]] if span else None) == wire
    assert datelines.agency(text) == agency


def test_a_dateline_is_metadata_never_an_actor_of_the_first_sentence(tmp_path: Path) -> None:
    from actorgraph import pipeline

    path = tmp_path / "wire.txt"
    path.write_text(
        "QUITO, Dec. 19, 2022 (Reuters) - The foreign minister of Chile met the president of "
        "Peru on Monday.\n\nThey discussed migration.\n",
        encoding="utf-8",
    )
    document = reader.read_document(path)
    assert (document.date, document.source) == ("2022-12-19", "Reuters")
    extraction = pipeline.extract(document)
    labels = {a.label for a in extraction.actors}
    assert "Reuters" not in labels and not any("QUITO" in a.aliases for a in extraction.actors)
    assert "Chile" in labels and "Peru" in labels
    for relation in extraction.relations:
        assert "QUITO" not in relation.evidence.sentence
        assert relation.evidence.sentence.startswith("The foreign minister")
