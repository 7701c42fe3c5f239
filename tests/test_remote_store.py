"""A real Oxigraph server as the store: the CLI's build, query and export through SPARQL."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset

from actorgraph import rdf, store
from actorgraph.errors import StoreError
from conftest import LUKASHENKO, PUTIN, make_extraction, stop_process

ARTICLE = (
    "Russian President Vladimir Putin met Belarusian President Alexander Lukashenko in Minsk "
    "on Monday for talks on economic and military cooperation, the Kremlin said.\n"
)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args], capture_output=True, text=True, timeout=300
    )


def test_writes_go_to_the_update_endpoint(oxigraph_server: str) -> None:
    remote = store.open_store(f"{oxigraph_server}/query")
    assert isinstance(remote, store.RemoteStore)
    assert remote.update_url == f"{oxigraph_server}/update"
    remote.replace_document("a", rdf.to_graph(make_extraction("a")))
    body = urllib.request.urlopen(
        f"{oxigraph_server}/store?graph={rdf.document_iri('a')}", timeout=10
    ).read()
    assert PUTIN.encode() in body  # the Graph Store protocol sees the written named graph


def test_missing_union_default_graph_is_explained(tmp_path: Path) -> None:
    import time

    from conftest import _free_port, _wait_until_up, oxigraph_binary

    port = _free_port()
    process = subprocess.Popen(
        [
            oxigraph_binary() or "oxigraph",
            "serve",
            "--location",
            str(tmp_path / "plain"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(f"{base}/query?query=ASK%7B%7D", process)
        remote = store.open_store(base)
        remote.replace_document("a", rdf.to_graph(make_extraction("a")))
        with pytest.raises(StoreError, match="union-default-graph"):
            remote.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        time.sleep(0)
    finally:
        stop_process(process)


@pytest.mark.slow
def test_cli_build_query_export_against_a_server(oxigraph_server: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "visit.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "visit.json").write_text(json.dumps({"date": "2022-12-19", "title": "Visit"}))
    built = cli("build", str(folder), "--store", oxigraph_server)
    assert built.returncode == 0, built.stderr
    assert "1 written" in built.stdout
    again = cli("build", str(folder), "--store", oxigraph_server)
    assert "1 unchanged" in again.stdout
    out = cli("query", "documents", "--store", oxigraph_server, "-f", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)["results"]["bindings"]
    assert [r["title"]["value"] for r in rows] == ["Visit"]
    out = cli(
        "query", "who-met-whom", "-p", "actor=Putin", "--store", oxigraph_server, "-f", "json"
    )
    assert out.returncode == 0, out.stderr
    partners = {r["other"]["value"] for r in json.loads(out.stdout)["results"]["bindings"]}
    assert LUKASHENKO in partners
    target = tmp_path / "graph.nq"
    out = cli("export", "--store", oxigraph_server, "--format", "nquads", "-o", str(target))
    assert out.returncode == 0, out.stderr
    dataset = Dataset()
    dataset.parse(target, format="nquads")
    assert len(dataset.graph(rdf.document_iri("visit"))) > 0


def test_cli_unreachable_server_is_one_line() -> None:
    out = cli("query", "actors", "--store", "http://127.0.0.1:9/query")
    assert out.returncode == 2 and "cannot reach" in out.stderr
    assert "Traceback" not in out.stderr
