"""The named query library, safe parameters, result formats and `actorgraph query`."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.plugins.sparql.results.jsonresults import JSONResultParser

from actorgraph import build, queries, rdf, store
from actorgraph.errors import QueryError
from actorgraph.model import Relation
from actorgraph.vocab import AG
from conftest import BLR, LUKASHENKO, PESKOV, PUTIN, RUS, UKR, make_extraction

EVIL = '"} ; DROP ALL ; #'


def fill(opened: store.Store) -> None:
    build.load_reference_graphs(opened, build.BuildSummary())
    opened.replace_document("a", rdf.to_graph(make_extraction("a")))
    opened.replace_document("b", rdf.to_graph(make_extraction("b", date="2023-01-02")))


@pytest.fixture(params=["embedded", "remote"])
def filled(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[store.Store]:
    location = (
        str(tmp_path / "store")
        if request.param == "embedded"
        else request.getfixturevalue("oxigraph_server")
    )
    with store.open_store(location) as opened:
        fill(opened)
        yield opened


def rows(result: object) -> list[dict[str, object]]:
    assert isinstance(result, store.SelectResult)
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def test_every_named_query_is_documented_and_parses(filled: store.Store) -> None:
    library = queries.library()
    assert {
        "who-met-whom",
        "actor-profile",
        "country-relations",
        "statements",
        "events",
        "evidence",
        "actors",
        "posts",
        "documents",
        "country-pairs",
    } <= set(library)
    for name, named in library.items():
        assert named.description, name
        values = {
            p.name: {"actor": "Putin", "country": "RUS"}.get(p.kind, "x")
            for p in named.params
            if p.required
        }
        assert isinstance(queries.run(filled, name, values), store.SelectResult), name


def test_who_met_whom_counts_meetings(filled: store.Store) -> None:
    result = rows(queries.run(filled, "who-met-whom", {"actor": "putin"}))
    assert len(result) == 1
    assert result[0]["other"] == URIRef(LUKASHENKO)
    assert result[0]["meetings"].toPython() == 2 and result[0]["documents"].toPython() == 2


def test_actor_profile_has_posts_and_events(filled: store.Store) -> None:
    result = rows(queries.run(filled, "actor-profile", {"actor": "Vladimir Putin"}))
    kinds = {(str(r["kind"]), r["relation"]) for r in result}
    assert ("post", AG.holdsPosition) in kinds and ("event", AG.CONSULT) in kinds


def test_country_relations_balance_uses_event_type_scores(filled: store.Store) -> None:
    result = rows(
        queries.run(filled, "country-relations", {"country1": "RUS", "country2": "Belarus"})
    )
    assert [str(r["month"]) for r in result] == ["2022-12", "2023-01"]
    consult = (
        filled.select(
            "SELECT ?s WHERE { ?t <https://w3id.org/actorgraph#cooperationScore> ?s }",
            {"t": AG.CONSULT},
        )
        .rows[0][0]
        .toPython()
    )
    assert all(float(r["balance"].toPython()) == pytest.approx(float(consult)) for r in result)
    pairs = rows(queries.run(filled, "country-pairs"))
    balance = {(str(r["a"]), str(r["b"])): float(r["balance"].toPython()) for r in pairs}
    assert balance[tuple(sorted((RUS, UKR)))] < 0 < balance[tuple(sorted((RUS, BLR)))]


def test_statements_and_denials(filled: store.Store) -> None:
    result = rows(queries.run(filled, "statements", {"actor": PESKOV}))
    assert {r["factuality"] for r in result} == {AG.negated}
    assert {str(r["document"]) for r in result} == {
        str(rdf.document_iri("a")),
        str(rdf.document_iri("b")),
    }


def test_events_in_a_date_range(filled: store.Store) -> None:
    result = rows(queries.run(filled, "events", {"type": "CONSULT", "from": "2023-01-01"}))
    assert [str(r["date"]) for r in result] == ["2023-01-02"]
    assert len(rows(queries.run(filled, "events", {"to": "2022-12-31"}))) == 3  # dated ones


def test_evidence_behind_an_edge(filled: store.Store) -> None:
    result = rows(
        queries.run(
            filled, "evidence", {"source": PUTIN, "target": "Lukashenko", "type": "CONSULT"}
        )
    )
    assert len(result) == 2
    assert all("met" in str(r["sentence"]) for r in result)


def test_hostile_name_stays_a_name(filled: store.Store) -> None:
    before = filled.count()
    with pytest.raises(QueryError, match="no actor named"):
        queries.run(filled, "actor-profile", {"actor": EVIL})
    extraction = make_extraction("evil")
    extraction.actors[1].aliases.append(EVIL)
    filled.replace_document("evil", rdf.to_graph(extraction))
    result = rows(queries.run(filled, "actor-profile", {"actor": EVIL}))
    assert result and all(r["actor"] == URIRef(LUKASHENKO) for r in result)
    assert filled.count() > before  # nothing dropped, the new document added


def test_parameter_mistakes_are_clear(filled: store.Store) -> None:
    with pytest.raises(QueryError, match="required"):
        queries.run(filled, "actor-profile", {})
    with pytest.raises(QueryError, match="unknown parameter"):
        queries.run(filled, "actors", {"nope": "x"})
    with pytest.raises(QueryError, match="not a date"):
        queries.run(filled, "events", {"from": "2022-13-45"})
    with pytest.raises(QueryError, match="unknown relation"):
        queries.run(filled, "events", {"type": "HUG"})


def test_result_formats_follow_the_w3c_formats(filled: store.Store) -> None:
    result = queries.run(filled, "evidence", {"source": PUTIN})
    assert isinstance(result, store.SelectResult)
    parsed = JSONResultParser().parse(io.StringIO(queries.render(result, "json")))
    assert [str(v) for v in parsed.vars] == result.variables
    assert len(parsed.bindings) == len(result.rows)
    table = list(csv.reader(io.StringIO(queries.render(result, "csv"))))
    assert table[0] == result.variables and len(table) == len(result.rows) + 1
    tsv = queries.render(result, "tsv").splitlines()
    assert tsv[0].split("\t")[0] == "?source"
    assert tsv[1].split("\t")[0] == f"<{PUTIN}>"
    xml = queries.render(result, "xml")
    from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

    assert len(XMLResultParser().parse(io.BytesIO(xml.encode())).bindings) == len(result.rows)
    assert queries.render(Literal(True).toPython(), "json") == '{"head": {}, "boolean": true}'


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_query_named_inline_and_file(tmp_path: Path) -> None:
    location = str(tmp_path / "store")
    with store.open_store(location) as opened:
        fill(opened)
    out = cli(
        "query", "who-met-whom", "--param", "actor=Putin", "--format", "json", "--store", location
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["results"]["bindings"][0]["other"]["value"] == LUKASHENKO
    out = cli(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "csv", "--store", location
    )
    assert out.returncode == 0 and int(out.stdout.splitlines()[1]) > 0
    rq = tmp_path / "mine.rq"
    rq.write_text(
        "# Labels of an actor.\n# @param who actor required; the actor\n"
        "SELECT ?who ?l WHERE { ?who <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    out = cli("query", str(rq), "-p", f"who={RUS}", "-f", "tsv", "--store", location)
    assert out.returncode == 0 and '"Russia"' in out.stdout
    out = cli("query", "actors", "--store", location)
    assert out.returncode == 0 and "Putin" in out.stdout


def test_cli_bad_sparql_is_one_line_and_exit_2(tmp_path: Path) -> None:
    location = str(tmp_path / "store")
    with store.open_store(location) as opened:
        fill(opened)
    out = cli("query", "SELECT ?x WHERE { ?x ", "--store", location)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "error" in out.stderr
    assert "Traceback" not in out.stderr
    out = cli("query", "actor-profile", "-p", f"actor={EVIL}", "--store", location)
    assert out.returncode == 2 and "no actor named" in out.stderr
    out = cli("query", "actors", "--store", str(tmp_path / "missing"))
    assert out.returncode == 2 and "no store here" in out.stderr


def test_profile_event_without_target_does_not_pull_in_every_label(filled: store.Store) -> None:
    extraction = make_extraction("solo")
    extraction.relations.append(
        Relation(PUTIN, "MOBILIZE", None, extraction.relations[0].evidence, date="2022-12-19")
    )
    filled.replace_document("solo", rdf.to_graph(extraction))
    result = rows(queries.run(filled, "actor-profile", {"actor": PUTIN}))
    mobilize = [r for r in result if r["relation"] == AG.MOBILIZE]
    assert len(mobilize) == 1 and mobilize[0]["other"] is None
    assert mobilize[0]["otherLabel"] is None


def test_an_invalid_iri_parameter_is_one_clear_error() -> None:
    from actorgraph.errors import QueryError
    from actorgraph.queries import resolve_actor
    from actorgraph.store import open_store

    with open_store(":memory:") as store, pytest.raises(QueryError, match="not a valid IRI"):
        resolve_actor(store, "http://x/>}DROP")


def test_an_event_without_a_date_of_its_own_takes_its_articles(tmp_path: Path) -> None:
    extraction = make_extraction("c", date="2023-03-05")
    undated = [
        Relation(r.source, r.type, r.target, r.evidence, mode=r.mode, confidence=r.confidence)
        if r.type == "CONSULT"
        else r
        for r in extraction.relations
    ]
    extraction.relations[:] = undated
    with store.open_store(str(tmp_path / "store")) as opened:
        build.load_reference_graphs(opened, build.BuildSummary())
        opened.replace_document("c", rdf.to_graph(extraction))
        consults = rows(queries.run(opened, "events", {"type": "CONSULT"}))
        assert [(str(r["date"]), str(r["dateOf"])) for r in consults] == [("2023-03-05", "article")]
        attacks = rows(queries.run(opened, "events", {"type": "ASSAULT"}))
        assert [str(r["dateOf"]) for r in attacks] == ["event"]
        months = rows(
            queries.run(opened, "country-relations", {"country1": "RUS", "country2": "BLR"})
        )
        assert [str(r["month"]) for r in months] == ["2023-03"]


def test_evidence_keeps_to_the_target_asked_for(filled: store.Store) -> None:
    everything = rows(queries.run(filled, "evidence", {"source": "Vladimir Putin"}))
    assert {r["target"] for r in everything} == {URIRef(LUKASHENKO), URIRef(RUS)}
    result = rows(
        queries.run(
            filled, "evidence", {"source": "Vladimir Putin", "target": "Alexander Lukashenko"}
        )
    )
    assert {(r["type"], r["target"]) for r in result} == {(AG.CONSULT, URIRef(LUKASHENKO))}
    assert len(result) == 2 and all("met" in str(r["sentence"]) for r in result)
    posts = rows(queries.run(filled, "evidence", {"source": PUTIN, "target": "Russia"}))
    assert {r["type"] for r in posts} == {AG.holdsPosition}


def with_undated_meeting(opened: store.Store) -> None:
    """A third article where Putin speaks to Lukashenko by phone on no stated day."""
    extraction = make_extraction("c", date="2023-02-10")
    extraction.relations = [
        Relation(r.source, r.type, r.target, r.evidence, mode="phone", confidence=r.confidence)
        for r in extraction.relations
        if r.type == "CONSULT"
    ]
    opened.replace_document("c", rdf.to_graph(extraction))


def test_aggregates_keep_the_dates_of_the_dated_rows(filled: store.Store) -> None:
    with_undated_meeting(filled)
    met = rows(queries.run(filled, "who-met-whom", {"actor": "Putin"}))
    assert [(r["meetings"].toPython(), str(r["first"]), str(r["last"])) for r in met] == [
        (3, "2022-12-19", "2023-01-02")
    ]
    assert set(str(met[0]["modes"]).split(", ")) == {"meet", "phone"}
    profile = rows(queries.run(filled, "actor-profile", {"actor": PUTIN}))
    consult = [r for r in profile if r["relation"] == AG.CONSULT]
    assert [(str(r["first"]), str(r["last"])) for r in consult] == [("2022-12-19", "2023-01-02")]
    posts = rows(queries.run(filled, "posts", {"organization": "Belarus"}))
    lukashenko = [r for r in posts if r["person"] == URIRef(LUKASHENKO)]
    assert len(lukashenko) == 1 and lukashenko[0]["documents"].toPython() == 2
    assert str(lukashenko[0]["from"]) == "1994-07-20"  # from the knowledge base's record


def test_an_undated_group_stays_undated(tmp_path: Path) -> None:
    with store.open_store(tmp_path / "store") as opened:
        with_undated_meeting(opened)
        met = rows(queries.run(opened, "who-met-whom", {"actor": "Putin"}))
    assert [(r["first"], r["last"]) for r in met] == [(None, None)]


def cli_at(width: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(width)}
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_tables_fit_the_terminal_with_labels_and_short_names(tmp_path: Path) -> None:
    location = str(tmp_path / "store")
    with store.open_store(location) as opened:
        fill(opened)
    out = cli_at(80, "query", "events", "--store", location)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    header = next(line for line in lines if "type" in line)
    cells = [c.strip() for c in header.strip("┃│ ").split("┃")]
    assert cells[:4] == ["type", "date", "dateOf", "source"]
    assert all(len(c) >= 4 for c in cells)  # no header broken into slivers
    assert "Vladimir Putin" in out.stdout and "CONSULT" in out.stdout
    assert "https://" not in out.stdout and "from" not in cells and "to" not in cells
    assert "left out to fit 80 columns" in out.stdout
    wide = cli_at(200, "query", "events", "--store", location)
    assert "sentence" in wide.stdout and "left out" not in wide.stdout
    pairs = cli_at(100, "query", "country-pairs", "--store", location)
    means = {line.split("│")[-2].strip() for line in pairs.stdout.splitlines() if "RUS" in line}
    assert means and all(len(m.split(".")[-1]) <= 2 for m in means), means
    assert " min " not in pairs.stdout


def test_csv_and_json_keep_full_iris_and_no_parameter_columns(tmp_path: Path) -> None:
    location = str(tmp_path / "store")
    with store.open_store(location) as opened:
        fill(opened)
    events = cli("query", "events", "-f", "csv", "--store", location)
    table = list(csv.reader(io.StringIO(events.stdout)))
    assert "from" not in table[0] and "to" not in table[0]
    assert table[1][table[0].index("type")].startswith("https://w3id.org/actorgraph#")
    pairs = cli("query", "country-pairs", "-p", "min=1", "-f", "json", "--store", location)
    assert "min" not in json.loads(pairs.stdout)["head"]["vars"]


def test_dataframes_name_ontology_terms_and_hold_numbers(tmp_path: Path) -> None:
    from actorgraph import api

    with store.open_store(tmp_path / "store") as opened:
        fill(opened)
    events = api.query("events", location=tmp_path / "store")
    assert set(events["type"]) == {"CONSULT", "COERCE", "ASSAULT"}
    assert set(events["factuality"]) == {"asserted", "negated", "reported"}
    assert events["source"].str.startswith("https://w3id.org/actorgraph/id/").all()
    pairs = api.query("country-pairs", location=tmp_path / "store")
    assert pairs["meanScore"].dtype.kind == "f"
