"""Exports: RDF formats that parse back to the store's content, CSV tables for pandas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from actorgraph import export, rdf, store
from actorgraph.errors import ActorgraphError
from conftest import LUKASHENKO, PUTIN, make_extraction


@pytest.fixture
def location(tmp_path: Path) -> str:
    path = tmp_path / "store"
    with store.open_store(path) as opened:
        opened.replace_document("a", rdf.to_graph(make_extraction("a")))
        opened.replace_document("b", rdf.to_graph(make_extraction("b", date="2023-01-02")))
    return str(path)


@pytest.mark.parametrize(
    "fmt,parse", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")]
)
def test_dataset_formats_keep_named_graphs(
    location: str, tmp_path: Path, fmt: str, parse: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    with store.open_store(location, read_only=True) as opened:
        export.export(opened, fmt, out)
        expected = opened.document_graph("a")
    dataset = Dataset()
    dataset.parse(out, format=parse)
    assert isomorphic(dataset.graph(rdf.document_iri("a")), expected)


def test_turtle_merges_graphs(location: str, tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    with store.open_store(location, read_only=True) as opened:
        result = export.export(opened, "turtle", out)
        union = Graph()
        for s, p, o, _ in opened.quads():
            union.add((s, p, o))
    parsed = Graph().parse(out, format="turtle")
    assert isomorphic(parsed, union) and result.rows_or_triples == len(union)


def test_csv_tables_load_in_pandas(location: str, tmp_path: Path) -> None:
    with store.open_store(location, read_only=True) as opened:
        export.export(opened, "csv", tmp_path / "tables")
    actors = pd.read_csv(tmp_path / "tables" / "actors.csv")
    relations = pd.read_csv(tmp_path / "tables" / "relations.csv")
    putin = actors.set_index("id").loc[PUTIN]
    assert putin["label"] == "Vladimir Putin" and putin["type"] == "Person"
    assert putin["documents"] == 2 and putin["aliases"] == "Putin"
    assert len(relations) == 12
    meeting = relations[(relations["type"] == "CONSULT")].iloc[0]
    assert meeting["source"] == PUTIN and meeting["target"] == LUKASHENKO
    assert meeting["sentence"].startswith("Russian President") and meeting["start"] == 0


def test_bad_format_and_folder_mistakes(location: str, tmp_path: Path) -> None:
    with store.open_store(location, read_only=True) as opened:
        with pytest.raises(ActorgraphError, match="unknown export format"):
            export.export(opened, "xlsx", tmp_path / "x")
        with pytest.raises(ActorgraphError, match="folder"):
            export.export(opened, "turtle", tmp_path)
        (tmp_path / "file").write_text("x")
        with pytest.raises(ActorgraphError, match="cannot write"):
            export.export(opened, "turtle", tmp_path / "file" / "under-a-file.ttl")


def actorgraph_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_export(location: str, tmp_path: Path) -> None:
    out = tmp_path / "graph.trig"
    result = actorgraph_cli("export", "--store", location, "--format", "trig", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert len(Dataset().parse(out, format="trig")) >= 0 and out.stat().st_size > 0
    bad = actorgraph_cli("export", "--store", location, "--format", "doc", "-o", str(out))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_csv_cells_that_spreadsheets_would_run_are_quoted() -> None:
    from rdflib import XSD, Literal

    from actorgraph.export import spreadsheet_safe

    assert spreadsheet_safe(Literal('=HYPERLINK("http://x")')) == '\'=HYPERLINK("http://x")'
    assert spreadsheet_safe(Literal("@SUM(A1)")) == "'@SUM(A1)"
    assert spreadsheet_safe(Literal("-5", datatype=XSD.integer)) == "-5"
    assert spreadsheet_safe(Literal("Putin met Lukashenko.")) == "Putin met Lukashenko."
    assert spreadsheet_safe(None) == ""


def test_usual_format_names_and_suffixes_are_understood(location: str, tmp_path: Path) -> None:
    for fmt, name, parse in (
        ("ttl", "a.ttl", "turtle"),
        ("json", "b.json", "json-ld"),
        ("JSON-LD", "c.jsonld", "json-ld"),
        ("nq", "d.nq", "nquads"),
        (None, "e.ttl", "turtle"),
        (None, "f.trig", "trig"),
    ):
        args = ["export", "--store", location, "-o", str(tmp_path / name)]
        result = actorgraph_cli(*args, *(["--format", fmt] if fmt else []))
        assert result.returncode == 0, result.stderr
        assert len(Dataset().parse(tmp_path / name, format=parse)) > 0


def test_export_mistakes_are_one_line_each(location: str, tmp_path: Path) -> None:
    csv_file = tmp_path / "graph.csv"
    for args, says in (
        (["--format", "csv", "-o", str(csv_file)], "give a folder name"),
        (["--format", "xml", "-o", str(tmp_path / "x")], "expected: turtle, trig, nquads"),
        (["-o", str(tmp_path / "noformat")], "give --format (turtle, trig, nquads, jsonld, csv)"),
        (["-o", str(tmp_path / "x.ttl"), "--format"], "'--format' requires an argument"),
        (["--format", "trig"], "Missing option '--output'"),
    ):
        result = actorgraph_cli("export", "--store", location, *args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("actorgraph: error: ") and says in result.stderr, args
        assert result.stderr.count("\n") == 1 and "╭" not in result.stderr, args
    assert not csv_file.exists()
