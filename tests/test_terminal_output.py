"""Tables printed for people never pass a title's or label's control characters to the
terminal: escape sequences, title changes and carriage returns are shown, not obeyed."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph import rdf
from actorgraph.store import open_store
from conftest import make_extraction

HOSTILE = {
    "colour": "\x1b[31mVladimir Putin\x1b[0m",
    "title": "\x1b]0;owned\x07Alexander Lukashenko",
    "overwrite": "Dmitry Peskov\rNobody",
    "bidi": "Russia\u202eaisuR",
    "eight-bit": "Belarus\x9b2J",
}
RAW = ["\x1b[31m", "\x1b]0;", "\x07", "\r", "\u202e", "\x9b"]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("terminal") / "store"
    extraction = make_extraction("hostile")
    labels = iter(HOSTILE.values())
    actors = [
        dataclasses.replace(actor, label=next(labels, actor.label), aliases=[])
        for actor in extraction.actors
    ]
    document = dataclasses.replace(extraction.document, title="\x1b]2;pwned\x07Talks\x1b[2J")
    hostile = dataclasses.replace(extraction, actors=actors, document=document)
    with open_store(folder) as store:
        store.replace_document("hostile", rdf.to_graph(hostile))
    return folder


def run(*args: str, terminal: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["COLUMNS"] = "200"
    if terminal:
        env["FORCE_COLOR"] = "1"  # rich writes as to a terminal, with its own styling
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def assert_shown_not_obeyed(output: str) -> None:
    for raw in RAW:
        assert raw not in output, f"{raw!r} reached the terminal"
    assert "\\x1b[31mVladimir Putin\\x1b[0m" in output
    assert "\\x1b]0;owned\\x07Alexander Lukashenko" in output


@pytest.mark.parametrize("terminal", [False, True])
def test_query_table_escapes_control_characters(hostile_store: Path, terminal: bool) -> None:
    query = (
        "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
        "ORDER BY ?label"
    )
    result = run("query", query, "--store", str(hostile_store), terminal=terminal)
    assert result.returncode == 0, result.stderr
    assert_shown_not_obeyed(result.stdout)
    assert "Dmitry Peskov\\rNobody" in result.stdout
    assert "Russia\\u202eaisuR" in result.stdout
    title = "SELECT ?title WHERE { ?document <http://purl.org/dc/terms/title> ?title }"
    titles = run("query", title, "--store", str(hostile_store), terminal=terminal)
    assert titles.returncode == 0, titles.stderr
    assert "\\x1b]2;pwned\\x07Talks\\x1b[2J" in titles.stdout
    assert "\x1b]2;" not in titles.stdout and "\x1b[2J" not in titles.stdout


@pytest.mark.parametrize("terminal", [False, True])
def test_stats_tables_escape_control_characters(hostile_store: Path, terminal: bool) -> None:
    result = run("stats", "--store", str(hostile_store), "--kb", "none", terminal=terminal)
    assert result.returncode == 0, result.stderr
    assert_shown_not_obeyed(result.stdout)


def test_csv_and_json_keep_the_data_as_it_is(hostile_store: Path) -> None:
    query = "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    result = run("query", query, "--store", str(hostile_store), "-f", "csv", terminal=False)
    assert HOSTILE["colour"] in result.stdout  # data formats are for programs, not terminals


def test_markup_in_labels_is_text() -> None:
    from actorgraph.queries import escape_markup

    assert escape_markup("[bold]x[/]") == "\\[bold]x\\[/]"
    assert escape_markup("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
