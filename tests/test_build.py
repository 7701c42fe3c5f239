"""Building a store from article files: incremental, idempotent, merging, fault-tolerant."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS, SKOS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from actorgraph import build, merge, rdf, store
from actorgraph.model import Document, Evidence, Extraction, Relation
from actorgraph.reader import read_document
from actorgraph.vocab import ACTORS_GRAPH, AG, ID
from conftest import make_extraction, person

NAYEV = str(ID["person/serhiy-nayev"])
NAYEV_SHORT = str(ID["person/nayev"])
NAME = make_extraction().extractor
NAYEV_MENTIONS = (  # (name, slug, country, relation): the full name wins over the surname
    ("Serhiy Nayev", "serhiy-nayev", "UKR", "ACCUSE"),
    ("Nayev", "nayev", None, "THREATEN"),
)


def fake_extract(document: Document) -> Extraction:
    """A hand-built extraction per file: the visit article, plus actors named in the text."""
    extraction = make_extraction(
        document.id, date=document.date or "2022-12-19", text=document.text
    )
    extraction.document = document
    for name, slug, country, kind in NAYEV_MENTIONS:
        if name in document.text:
            actor = person(slug, name, country=country)
            extraction.actors.append(actor)
            evidence = Evidence(document.text, 0, len(document.text))
            extraction.relations.append(Relation(actor.id, kind, extraction.actors[3].id, evidence))
            break
    return extraction


def write_articles(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


ARTICLES = {
    "a-visit": "Vladimir Putin met Alexander Lukashenko in Minsk on Monday, officials said.",
    "b-border": "Ukrainian commander Serhiy Nayev said troops were moved to the border.",
    "c-warning": "Nayev warned that Russia would be answered, the ministry reported today.",
}


def test_build_twice_gives_the_same_graph(location: str, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(location) as opened:
        first = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert sorted(first.written) == sorted(ARTICLES)
        before = opened.dataset()
        count = opened.count()
        second = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert second.written == [] and sorted(second.unchanged) == sorted(ARTICLES)
        assert opened.count() == count == first.triples
        after = opened.dataset()
    for name in ARTICLES:
        iri = rdf.document_iri(name)
        assert isomorphic(before.graph(iri), after.graph(iri))


def test_forced_rebuild_replaces_documents(location: str, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(location) as opened:
        build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        count = opened.count()
        again = build.build([folder], opened, extract=fake_extract, extractor_name=NAME, force=True)
        assert sorted(again.written) == sorted(ARTICLES)
        assert opened.count() == count


def _copy_setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Copies of the knowledge base and the lexicons, used as the build's set-up."""
    import shutil

    from actorgraph import resources

    kb_copy = Path(shutil.copytree(resources.kb_dir(), tmp_path / "kb"))
    lexicon_copy = Path(shutil.copytree(resources.lexicon_dir(), tmp_path / "lexicon"))
    monkeypatch.setattr(resources, "kb_dir", lambda: kb_copy)
    monkeypatch.setattr(resources, "lexicon_dir", lambda: lexicon_copy)
    return kb_copy, lexicon_copy


@pytest.mark.parametrize("changed", ["kb", "lexicon", "version", "city list"])
def test_changed_setup_reextracts_and_unchanged_setup_skips(
    changed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb_copy, lexicon_copy = _copy_setup(tmp_path, monkeypatch)
    folder = write_articles(tmp_path / "articles", ARTICLES)
    calls: list[str] = []

    def counting(document: Document) -> Extraction:
        calls.append(document.id)
        return fake_extract(document)

    with store.open_store(tmp_path / "store") as opened:
        build.build([folder], opened, extract=counting, extractor_name=NAME)
        again = build.build([folder], opened, extract=counting, extractor_name=NAME)
        assert again.written == [] and sorted(again.unchanged) == sorted(ARTICLES)
        assert len(calls) == len(ARTICLES)
        if changed == "kb":
            with (kb_copy / "persons.csv").open("a", encoding="utf-8") as handle:
                handle.write("\n")
        elif changed == "lexicon":
            roles = lexicon_copy / "roles.yaml"
            roles.write_text(roles.read_text(encoding="utf-8") + "\n# more\n", encoding="utf-8")
        elif changed == "version":
            monkeypatch.setattr(build, "__version__", "999.0")
        else:
            monkeypatch.setattr(build, "_release", lambda package: f"{package} 999.0")
        changed_setup = build.build([folder], opened, extract=counting, extractor_name=NAME)
        assert sorted(changed_setup.written) == sorted(ARTICLES)
        assert len(calls) == 2 * len(ARTICLES)
        stored = {d.id: d.sha256 for d in opened.documents()}
        setup = build.setup_fingerprint(NAME)
        for name in ARTICLES:
            document = read_document(folder / f"{name}.txt")
            assert stored[name] == build.document_fingerprint(document, NAME, setup)
        settled = build.build([folder], opened, extract=counting, extractor_name=NAME)
        assert settled.written == [] and len(calls) == 2 * len(ARTICLES)


def test_pipeline_build_skips_until_a_lexicon_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, lexicon_copy = _copy_setup(tmp_path, monkeypatch)
    folder = write_articles(tmp_path / "articles", {"a-visit": ARTICLES["a-visit"]})
    with store.open_store(tmp_path / "store") as opened:
        first = build.build([folder], opened)
        assert first.written == ["a-visit"], first.lines()
        relations = first.store.relations
        assert build.build([folder], opened).unchanged == ["a-visit"]
        cues = lexicon_copy / "cues.yaml"
        cues.write_text(cues.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        rebuilt = build.build([folder], opened)
        assert rebuilt.written == ["a-visit"] and rebuilt.store.relations == relations
        assert build.build([folder], opened).unchanged == ["a-visit"]


def test_new_article_adds_and_changed_article_replaces(location: str, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", {"a-visit": ARTICLES["a-visit"]})
    with store.open_store(location) as opened:
        build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        write_articles(folder, {"b-border": ARTICLES["b-border"]})
        summary = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert summary.written == ["b-border"] and summary.unchanged == ["a-visit"]
        (folder / "a-visit.txt").write_text("Putin met Lukashenko again, in Moscow, later on.")
        summary = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert summary.written == ["a-visit"]
        assert {d.id for d in opened.documents()} == {"a-visit", "b-border"}
        sentences = opened.select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d ?p ?o } }",
            {"d": rdf.document_iri("a-visit")},
        ).rows
        assert sentences == [(rdf.document_iri("a-visit"),)]


def test_same_actor_across_articles_is_one_node(location: str, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(location) as opened:
        build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        rows = opened.select(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?e ?p ?putin . "
            "?g a <https://w3id.org/actorgraph#Document> } }",
            {"putin": URIRef(make_extraction().actors[0].id)},
        ).rows
        assert rows[0][0].toPython() == 3


def mention_of(graph: Graph, iri: str) -> Node:
    """The mention node of an actor in a document's graph."""
    mention = graph.value(None, AG.mentionOf, URIRef(iri))
    assert mention is not None, iri
    return mention


def test_surname_only_actor_links_to_the_unambiguous_full_name(
    location: str, tmp_path: Path
) -> None:
    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(location) as opened:
        summary = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert summary.linked == {NAYEV_SHORT: NAYEV}
        graph = opened.document_graph("c-warning")
        assert (None, AG.source, URIRef(NAYEV)) in graph
        mention = mention_of(graph, NAYEV)
        assert graph.value(mention, AG.name) == Literal("Serhiy Nayev")
        assert (mention, AG.alias, Literal("Nayev")) in graph
        assert (mention, AG.mergedFrom, URIRef(NAYEV_SHORT)) in graph
        actors = opened.named_graph(ACTORS_GRAPH)
        assert list(actors.objects(URIRef(NAYEV), RDFS.label)) == [Literal("Serhiy Nayev")]
        assert (URIRef(NAYEV), SKOS.altLabel, Literal("Nayev")) in actors
        assert (URIRef(NAYEV), AG.threaten, URIRef(make_extraction().actors[3].id)) in actors
        assert not opened.ask("ASK { ?a ?p ?o }", {"a": URIRef(NAYEV_SHORT)})
        count = opened.count()
        again = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert again.linked == {} and opened.count() == count


def test_surname_link_is_undone_when_a_second_person_of_that_surname_arrives(
    location: str, tmp_path: Path
) -> None:
    def with_olga(document: Document) -> Extraction:
        extraction = fake_extract(document)
        if "Olga Nayev" in document.text:
            extraction.actors.append(person("olga-nayev", "Olga Nayev", country="UKR"))
        return extraction

    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(location) as opened:
        build.build([folder], opened, extract=with_olga, extractor_name=NAME)
        assert (None, AG.mergedFrom, URIRef(NAYEV_SHORT)) in opened.document_graph("c-warning")
        write_articles(folder, {"d-olga": "Olga Nayev, a Ukrainian diplomat, spoke in Kyiv."})
        summary = build.build([folder], opened, extract=with_olga, extractor_name=NAME)
        assert summary.unlinked == [NAYEV_SHORT] and summary.linked == {}
        assert any("undone" in line for line in summary.lines())
        graph = opened.document_graph("c-warning")
        short, full = URIRef(NAYEV_SHORT), URIRef(NAYEV)
        assert (None, AG.source, short) in graph and (None, None, full) not in graph
        mention = mention_of(graph, NAYEV_SHORT)
        assert graph.value(mention, AG.name) == Literal("Nayev")
        assert not any(graph.triples((None, AG.mergedFrom, None)))
        assert not any(graph.triples((mention, AG.alias, None)))
        actors = opened.named_graph(ACTORS_GRAPH)
        assert list(actors.objects(short, RDFS.label)) == [Literal("Nayev")]
        assert list(actors.objects(full, RDFS.label)) == [Literal("Serhiy Nayev")]
        assert (full, SKOS.altLabel, Literal("Nayev")) not in actors
        assert (short, AG.threaten, URIRef(make_extraction().actors[3].id)) in actors
        settled = build.build([folder], opened, extract=with_olga, extractor_name=NAME)
        assert settled.unlinked == [] and settled.linked == {}


def test_surname_is_not_linked_when_ambiguous() -> None:
    people = [
        merge.PersonRecord("x/nayev", "Nayev"),
        merge.PersonRecord("x/serhiy-nayev", "Serhiy Nayev", "UKR"),
        merge.PersonRecord("x/olga-nayev", "Olga Nayev", "UKR"),
        merge.PersonRecord("x/smith", "Smith", "GBR"),
        merge.PersonRecord("x/john-smith", "John Smith", "USA"),
        merge.PersonRecord("x/jane-smith", "Jane Smith", "GBR"),
    ]
    assert merge.plan_links(people) == {}
    people = [p for p in people if p.iri not in ("x/olga-nayev", "x/jane-smith")]
    # a country disagreement also keeps them apart
    assert merge.plan_links(people) == {"x/nayev": "x/serhiy-nayev"}


def test_full_names_sharing_a_surname_never_merge(location: str, tmp_path: Path) -> None:
    def two_people(document: Document) -> Extraction:
        extraction = fake_extract(document)
        extraction.actors.append(person("olga-nayev", "Olga Nayev", country="UKR"))
        return extraction

    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(location) as opened:
        summary = build.build([folder], opened, extract=two_people, extractor_name=NAME)
        assert summary.linked == {}
        assert opened.ask("ASK { ?a ?p ?o }", {"a": URIRef(NAYEV_SHORT)})
        labels = opened.select(
            "SELECT DISTINCT ?a ?l WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l "
            "FILTER(CONTAINS(?l, 'Nayev')) } ORDER BY ?l"
        ).rows
        assert [str(label) for _, label in labels] == ["Nayev", "Olga Nayev", "Serhiy Nayev"]


def test_bad_file_is_reported_and_the_rest_ingested(location: str, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", ARTICLES)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    (folder / "empty.txt").write_text("   \n")
    with store.open_store(location) as opened:
        summary = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert sorted(summary.written) == sorted(ARTICLES)
        failed = {Path(path).name for path, _ in summary.failed}
        assert failed == {"broken.txt", "empty.txt"}
        assert all(reason for _, reason in summary.failed)
        assert not summary.ok
        assert {d.id for d in opened.documents()} == set(ARTICLES)


def test_files_over_the_size_limit_fail_and_the_rest_are_ingested(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", ARTICLES)
    (folder / "huge.txt").write_text("Officials met again. " * 200, encoding="utf-8")
    with store.open_store(tmp_path / "store") as opened:
        summary = build.build(
            [folder], opened, extract=fake_extract, extractor_name=NAME, max_bytes=2000
        )
    assert sorted(summary.written) == sorted(ARTICLES)
    assert [Path(path).name for path, _ in summary.failed] == ["huge.txt"]
    assert "--max-bytes" in summary.failed[0][1]


def test_extraction_crash_fails_one_document_only(tmp_path: Path) -> None:
    def crashes_on_b(document: Document) -> Extraction:
        if document.id == "b-border":
            raise RuntimeError("boom")
        return fake_extract(document)

    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(tmp_path / "store") as opened:
        summary = build.build([folder], opened, extract=crashes_on_b, extractor_name=NAME)
        assert sorted(summary.written) == ["a-visit", "c-warning"]
        assert "boom" in summary.failed[0][1]


def test_kb_and_event_type_scores_are_loaded(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", {"a-visit": ARTICLES["a-visit"]})
    with store.open_store(tmp_path / "store") as opened:
        summary = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert summary.kb_triples > 0
        score = opened.select(
            "SELECT ?s WHERE { ?t <https://w3id.org/actorgraph#cooperationScore> ?s }",
            {"t": AG.CONSULT},
        ).rows
        assert score and score[0][0].toPython() > 0


def build_cli(folder: Path, store_folder: Path) -> subprocess.CompletedProcess[str]:
    """`actorgraph build FOLDER --store STORE` in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", "build", str(folder), "--store", str(store_folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_cli_build_reports_and_exits_nonzero_on_failures(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    result = build_cli(folder, tmp_path / "store")
    assert result.returncode == 1
    assert "failed: " in result.stdout and "empty.txt" in result.stdout
    assert "Traceback" not in result.stderr


def test_cli_build_missing_path_is_one_line(tmp_path: Path) -> None:
    result = build_cli(tmp_path / "nope", tmp_path / "store")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "nope" in result.stdout + result.stderr


def test_linked_document_graphs_still_conform_to_the_shapes(tmp_path: Path) -> None:
    validate = pytest.importorskip("actorgraph.validate")
    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(tmp_path / "store") as opened:
        summary = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert summary.linked
        actors = opened.named_graph(ACTORS_GRAPH)
        for name in ARTICLES:
            assert validate.validate(opened.document_graph(name) + actors).conforms, name


def test_api_query_gives_a_dataframe(tmp_path: Path) -> None:
    from actorgraph import api

    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(tmp_path / "store") as opened:
        build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
    frame = api.query("documents", location=tmp_path / "store")
    assert sorted(frame["title"].isna()) == [True, True, True]  # the files had no sidecar
    assert sorted(str(d).rsplit("/", 1)[-1] for d in frame["document"]) == sorted(ARTICLES)


KILL_SCRIPT = """
import sys, time
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_build import fake_extract, NAME
from actorgraph import build, store

def slow(document):
    time.sleep(0.05)
    return fake_extract(document)

def progress(event, detail):
    if event == "write":
        print("wrote", detail, flush=True)

with store.open_store({location!r}) as opened:
    build.build([Path({folder!r})], opened, extract=slow, extractor_name=NAME, progress=progress)
"""


def test_killed_build_leaves_whole_documents_and_resumes(tmp_path: Path) -> None:
    import signal

    texts = {
        f"doc-{n:03d}": f"Vladimir Putin met Alexander Lukashenko, report {n}." for n in range(40)
    }
    folder = write_articles(tmp_path / "articles", texts)
    location = str(tmp_path / "store")
    script = KILL_SCRIPT.format(
        tests=str(Path(__file__).parent), location=location, folder=str(folder)
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for _ in range(5):
        assert process.stdout.readline().startswith("wrote")
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    with store.open_store(location) as opened:
        stored = {d.id for d in opened.documents()}
        assert stored and stored < set(texts)
        for doc_id in stored:
            document = read_document(folder / f"{doc_id}.txt")
            expected = rdf.document_json(rdf.to_graph(fake_extract(document)), doc_id)
            assert rdf.document_json(opened.document_graph(doc_id), doc_id) == expected
        summary = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert set(summary.unchanged) == stored
        assert {d.id for d in opened.documents()} == set(texts)


def test_each_actor_is_described_once_however_many_articles_name_it(
    location: str, tmp_path: Path
) -> None:
    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(location) as opened:
        build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        putin = URIRef(make_extraction().actors[0].id)
        people = [row[0] for row in opened.select(f"SELECT ?s WHERE {{ ?s a <{AG.Person}> }}")]
        assert len(people) == len(set(people)) and people.count(putin) == 1
        labels = opened.select(f"SELECT ?l WHERE {{ <{putin}> <{RDFS.label}> ?l }}").rows
        assert labels == [(Literal("Vladimir Putin"),)]
        meetings = opened.select(f"SELECT ?b WHERE {{ <{putin}> <{AG.consult}> ?b }}").rows
        assert len(meetings) == 1  # the direct edge once, though three articles state it
        homes = opened.select(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a ?class } }", {"a": putin}
        ).rows
        assert homes == [(ACTORS_GRAPH,)]
        mentioned_in = opened.select(
            f"SELECT ?g WHERE {{ GRAPH ?g {{ ?m <{AG.mentionOf}> ?a }} }}", {"a": putin}
        ).rows
        assert len(mentioned_in) == len(ARTICLES)


def test_reingested_article_takes_its_actors_with_it(location: str, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(location) as opened:
        build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert opened.ask("ASK { ?a a ?c }", {"a": URIRef(NAYEV)})
        write_articles(folder, {"b-border": "Troops were moved to the border, officials said."})
        (folder / "c-warning.txt").unlink()
        opened.delete_document("c-warning")
        summary = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        assert summary.written == ["b-border"]
        assert not opened.ask("ASK { ?a ?p ?o }", {"a": URIRef(NAYEV)})
        assert not opened.ask("ASK { ?o ?p ?a }", {"a": URIRef(NAYEV)})
        assert opened.ask("ASK { ?a a ?c }", {"a": URIRef(make_extraction().actors[0].id)})


def test_the_whole_store_conforms_to_the_shapes(tmp_path: Path) -> None:
    from actorgraph import validate

    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(tmp_path / "store") as opened:
        build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        report = validate.validate(opened.dataset())
    assert report.conforms, report.text


def test_build_summary_and_stats_count_the_same_actors_and_relations(tmp_path: Path) -> None:
    from actorgraph import analysis, network

    folder = write_articles(tmp_path / "articles", ARTICLES)
    with store.open_store(tmp_path / "store") as opened:
        summary = build.build([folder], opened, extract=fake_extract, extractor_name=NAME)
        result = analysis.analyse(network.project(opened))
        counts = summary.store
        named = opened.select(f"SELECT DISTINCT ?a WHERE {{ ?m <{AG.mentionOf}> ?a }}").rows
    assert counts.actors == len(named) == 8  # the seven of the visit article, and Serhiy Nayev
    assert counts.actors_related == result.nodes == 8
    assert counts.relations == 3 * 6 + 2 and counts.relations_related == 3 * 6 + 2
    assert result.relations - result.kb_relations == counts.relations_related
    assert result.kb_relations > 0 and counts.kb_relations > result.kb_relations
    text = "\n".join(summary.lines())
    assert "8 actors named (8 in relations between two actors)" in text
    assert "20 relations (20 between two actors)" in text
    assert f"knowledge base: {counts.kb_actors} actors" in text
    rows = dict(
        (str(row[0]), str(row[1]))
        for table in analysis.summary_tables(result)[:1]
        for row in zip(*(column.cells for column in table.columns), strict=True)
    )
    assert rows["actors (in relations between two actors)"] == "8"
    assert rows["relations from the articles"] == "20"
