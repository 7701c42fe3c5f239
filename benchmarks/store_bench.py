"""Store benchmark: load time, canned-query latency and peak memory at about 1M triples.

Generates a synthetic but realistic actor graph (documents with actors, posts, PLOVER events
with dates, factuality, attribution and evidence sentences, written by `rdf.to_graph`, plus
the knowledge base and the ontology), then measures in separate processes, in the same run:

- ours:   actorgraph's store layer (replace_document per article, queries.run with bound
          parameters, results as rdflib terms);
- raw:    pyoxigraph doing the same work directly (one DROP+INSERT DATA update per article,
          the same queries with substitutions, reading every value of every solution), and
          pyoxigraph's bulk loader as the fastest possible load;
- rdflib: rdflib's in-memory engine (Dataset, union default graph) on a slice, next to raw
          pyoxigraph on the same slice (rdflib is far too slow at 1M triples).

Prints absolute figures and the ratios ours/raw (target <= 1.5) and rdflib/pyoxigraph.
Usage: python benchmarks/store_bench.py [--triples 1000000] [--slice 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from actorgraph import rdf, vocab
from actorgraph.model import Actor, Document, Evidence, Extraction, Relation
from actorgraph.vocab import ID

FIRST = [
    "Anna",
    "Boris",
    "Carlos",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hassan",
    "Irina",
    "Jamal",
    "Karin",
    "Luis",
    "Maria",
    "Nikos",
    "Olga",
    "Pavel",
    "Qasim",
    "Rosa",
    "Sergei",
    "Tomas",
    "Ursula",
    "Viktor",
    "Wang",
    "Xenia",
    "Yusuf",
    "Zofia",
]
LAST = [
    "Abramov",
    "Bauer",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kovacs",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usmanov",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
]
ROLES = (
    "president",
    "prime minister",
    "foreign minister",
    "defence minister",
    "spokesperson",
    "ambassador",
    "commander",
    "minister",
)
EVENT_WEIGHTS = {
    "CONSULT": 30,
    "AGREE": 8,
    "SUPPORT": 8,
    "COOPERATE": 6,
    "AID": 5,
    "REQUEST": 6,
    "ACCUSE": 8,
    "REJECT": 5,
    "THREATEN": 5,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 3,
    "COERCE": 3,
    "ASSAULT": 8,
    "CONCEDE": 2,
    "RETREAT": 1,
}
FACTUALITY_WEIGHTS = {"asserted": 70, "reported": 15, "negated": 7, "future": 5, "hypothetical": 3}


# --- data -------------------------------------------------------------------------------------


def actor_pool(rng: random.Random) -> tuple[list[Actor], list[Actor]]:
    """Countries from the knowledge base, and people and bodies belonging to them."""
    from actorgraph import kb

    countries = [
        Actor(e.iri, e.label, "Country", [], e.wikidata, e.iso3 or e.country)
        for e in kb.load().of_type("Country")
    ]
    others: list[Actor] = []
    for country in countries:
        code = country.country
        for kind, label in (
            ("GovernmentBody", f"Ministry of Foreign Affairs of {country.label}"),
            ("GovernmentBody", f"Ministry of Defence of {country.label}"),
            ("MilitaryForce", f"Armed Forces of {country.label}"),
        ):
            others.append(
                Actor(str(ID[f"{kind.lower()}/{rdf.slug(label)}"]), label, kind, [], None, code)
            )
        for _ in range(20):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.randint(1, 99)}"
            others.append(
                Actor(
                    str(ID[f"person/{rdf.slug(name)}"]),
                    name,
                    "Person",
                    [name.split()[1]],
                    None,
                    code,
                )
            )
    return countries, others


def synthetic_extraction(
    number: int, rng: random.Random, countries: list[Actor], others: list[Actor]
) -> Extraction:
    """One article: a few countries and their actors, posts, events with evidence."""
    home = rng.sample(countries[:60], 3) + rng.sample(countries, 1)
    codes = {c.country for c in home}
    local = [a for a in others if a.country in codes]
    cast = {a.id: a for a in home + rng.sample(local, min(len(local), 16))}
    actors = list(cast.values())
    people = [a for a in actors if a.type == "Person"]
    day = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    sentences: list[str] = []
    relations: list[Relation] = []

    def evidence(text: str) -> Evidence:
        start = sum(len(s) + 1 for s in sentences)
        sentences.append(text)
        return Evidence(text, start, start + len(text))

    for person in people[:5]:
        country = next(c for c in home if c.country == person.country)
        role = rng.choice(ROLES)
        relations.append(
            Relation(
                person.id,
                "holdsPosition",
                country.id,
                evidence(f"{country.label}'s {role} {person.label} spoke."),
                role=role,
                confidence=0.9,
            )
        )
    types, weights = zip(*EVENT_WEIGHTS.items(), strict=True)
    facts, fact_weights = zip(*FACTUALITY_WEIGHTS.items(), strict=True)
    for _ in range(10):
        source, target = rng.sample(actors, 2)
        kind = rng.choices(types, weights)[0]
        factuality = rng.choices(facts, fact_weights)[0]
        speaker = rng.choice(people).id if people and factuality != "asserted" else None
        text = f"{source.label} and {target.label}: {kind.lower()} reported on {day}."
        relations.append(
            Relation(
                source.id,
                kind,
                target.id,
                evidence(text),
                mode=None,
                date=day,
                factuality=factuality,
                attributed_to=speaker,
                confidence=round(rng.uniform(0.4, 0.95), 2),
            )
        )
    text = " ".join(sentences)
    document = Document(
        f"bench-{number:06d}",
        f"bench/{number}.txt",
        text,
        day,
        f"Synthetic article {number}",
        "Synthetic Wire",
        "en",
    )
    return Extraction(document, actors, relations, extractor="bench")


def generate(path: Path, triples: int, seed: int = 7) -> dict[str, Any]:
    """Write the documents as N-Quads grouped by graph; return counts and parameters."""
    from collections import Counter

    rng = random.Random(seed)
    countries, others = actor_pool(rng)
    country_of = {a.id: a.country for a in countries + others}
    busiest: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    count = documents = 0
    with path.open("wb") as out:
        while count < triples:
            extraction = synthetic_extraction(documents, rng, countries, others)
            for relation in extraction.relations:
                if relation.target and relation.type in vocab.PLOVER_TYPES:
                    busiest[relation.source] += 1
                    a, b = country_of[relation.source], country_of[relation.target]
                    if a and b and a != b:
                        pairs[(min(a, b), max(a, b))] += 1
            graph = rdf.to_graph(extraction)
            name = ox.NamedNode(str(graph.identifier))
            from actorgraph.store import to_ox

            quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in graph]
            ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
            count += len(quads)
            documents += 1
    people = {a.id for a in others if a.type == "Person"}
    person = next(iri for iri, _ in busiest.most_common() if iri in people)
    (country1, country2), _ = pairs.most_common(1)[0]
    return {
        "documents": documents,
        "triples": count,
        "person": person,
        "country1": country1,
        "country2": country2,
    }


def documents_in(path: Path, limit: int | None = None) -> Iterator[tuple[str, list[ox.Quad]]]:
    """(graph IRI, quads) per document, streamed from the grouped N-Quads file."""
    current: str | None = None
    batch: list[ox.Quad] = []
    seen = 0
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        name = quad.graph_name.value  # type: ignore[union-attr]
        if name != current:
            if batch and current is not None:
                yield current, batch
                seen += len(batch)
                if limit is not None and seen >= limit:
                    return
            current, batch = name, []
        batch.append(quad)
    if batch and current is not None:
        yield current, batch


# --- the canned queries -------------------------------------------------------------------------


def canned(meta: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    return [
        ("who-met-whom", {}),
        ("who-met-whom", {"actor": meta["person"]}),
        ("actor-profile", {"actor": meta["person"]}),
        ("country-relations", {"country1": meta["country1"], "country2": meta["country2"]}),
        ("country-pairs", {}),
        ("statements", {"actor": meta["person"]}),
        ("events", {"type": "ASSAULT", "from": "2022-03-01", "to": "2022-03-31"}),
        ("evidence", {"source": meta["person"]}),
        ("actors", {"type": "Person"}),
        ("posts", {"organization": str(ID[f"country/{meta['country1']}"])}),
        ("documents", {}),
    ]


def timed(function: Any, repeat: int) -> tuple[float, Any]:
    """Median seconds of `repeat` runs (after one warm-up run), and the last result."""
    result = function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), result


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- runs (each in its own process) -------------------------------------------------------


SHARED_CLASSES = {str(vocab.AG[name]) for name in vocab.ACTOR_TYPES} | {
    "http://www.w3.org/ns/org#Role",
    "http://www.w3.org/ns/prov#SoftwareAgent",
}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def split_quads(quads: list[ox.Quad]) -> tuple[list[ox.Quad], list[ox.Quad]]:
    """A document's quads as the store keeps them (see `rdf.split`): its own part, and the
    descriptions of its actors (and roles, extractor) that go to the actors graph."""
    shared = {
        q.subject
        for q in quads
        if q.predicate.value == RDF_TYPE and getattr(q.object, "value", None) in SHARED_CLASSES
    }
    own = [q for q in quads if q.subject not in shared]
    return own, [q for q in quads if q.subject in shared]


def raw_load_reference_graphs(opened: Any) -> None:
    """The knowledge base and the ontology as the store loads them, in raw updates."""
    from actorgraph.store import graph_insert_data, replace_graph_update

    for name, graph in reference_graphs():
        own, shared = rdf.split(graph) if name == str(vocab.KB_GRAPH) else (graph, None)
        update = replace_graph_update(rdf.URIRef(name), own)
        if shared is not None:
            update += " ;\n" + graph_insert_data(vocab.ACTORS_GRAPH, shared)
        opened.update(update)


def reference_graphs() -> list[tuple[str, Any]]:
    from rdflib import Graph

    from actorgraph import kb
    from actorgraph.resources import ontology_path

    ontology = Graph(identifier=rdf.ONTOLOGY_GRAPH).parse(ontology_path(), format="turtle")
    return [(str(vocab.KB_GRAPH), kb.load().to_graph()), (str(rdf.ONTOLOGY_GRAPH), ontology)]


def run_ours(data: Path, folder: Path, meta: dict[str, Any], repeat: int) -> dict[str, Any]:
    from rdflib import Graph

    from actorgraph import queries, store

    baseline = peak_rss_mb()
    opened = store.open_store(folder)
    (_, kb_graph), (_, ontology) = reference_graphs()
    opened.load_kb(kb_graph)
    opened.load_ontology(ontology)
    load = 0.0
    for name, quads in documents_in(data):
        graph = Graph(identifier=rdf.URIRef(name))
        for quad in quads:
            graph.add(
                (
                    store.from_ox(quad.subject),
                    store.from_ox(quad.predicate),
                    store.from_ox(quad.object),
                )
            )
        started = time.perf_counter()
        opened.replace_document(rdf.document_id(name), graph)
        load += time.perf_counter() - started
    latencies = {}
    for name, params in canned(meta):
        seconds, result = timed(lambda n=name, p=params: queries.run(opened, n, p), repeat)
        latencies[f"{name}{'*' if params else ''}"] = (seconds, len(result.rows))
    triples = opened.count()
    opened.close()
    return {
        "load": load,
        "queries": latencies,
        "triples": triples,
        "rss": peak_rss_mb(),
        "baseline": baseline,
    }


def _raw_bindings(opened: Any, params: dict[str, str], name: str) -> dict[Any, Any]:
    """The same terms our layer binds, made directly (IRIs, typed literals)."""
    from actorgraph import queries

    spec = queries.library()[name]
    out = {}
    for param in spec.params:
        value = params.get(param.name, param.default)
        if value is None:
            continue
        if param.kind == "actor":
            out[ox.Variable(param.name)] = ox.NamedNode(value)  # canned values are IRIs
        elif param.kind == "country":
            out[ox.Variable(param.name)] = ox.NamedNode(str(ID[f"country/{value}"]))
        elif param.kind == "date":
            out[ox.Variable(param.name)] = ox.Literal(
                value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
            )
        elif param.kind == "integer":
            out[ox.Variable(param.name)] = ox.Literal(
                value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
            )
        elif param.kind in ("relation", "class"):
            out[ox.Variable(param.name)] = ox.NamedNode(str(vocab.AG[value]))
    return out


def raw_query(opened: Any, text: str, bindings: dict[Any, Any]) -> list[list[Any]]:
    """The query with its parameters in a VALUES block (as our layer binds them: the engine's
    own substitutions are applied after evaluation and are far slower), every value read."""
    from actorgraph.store import inject_values

    if bindings:
        terms = {var.value: _to_rdflib(term) for var, term in bindings.items()}
        text = inject_values(text, terms)
    solutions = opened.query(text, use_default_graph_as_union=True)
    return [[term.value if term is not None else None for term in row] for row in solutions]


def _to_rdflib(term: Any) -> Any:
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def run_raw(data: Path, folder: Path, meta: dict[str, Any], repeat: int) -> dict[str, Any]:
    from actorgraph import queries

    baseline = peak_rss_mb()
    opened = ox.Store(str(folder))
    raw_load_reference_graphs(opened)
    actors = vocab.ACTORS_GRAPH
    load = 0.0
    for name, quads in documents_in(data):
        own, shared = split_quads(quads)
        started = time.perf_counter()
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in own)
        described = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in shared)
        opened.update(
            f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }} ;\n"
            f"INSERT DATA {{ GRAPH <{actors}> {{\n{described}\n}} }}"
        )
        load += time.perf_counter() - started
    latencies = {}
    library = queries.library()
    for name, params in canned(meta):
        bindings = _raw_bindings(opened, params, name)
        text = library[name].text
        seconds, result = timed(lambda t=text, b=bindings: raw_query(opened, t, b), repeat)
        latencies[f"{name}{'*' if params else ''}"] = (seconds, len(result))
    triples = len(opened)
    bulk_folder = folder.with_name(folder.name + "-bulk")
    bulk = ox.Store(str(bulk_folder))
    started = time.perf_counter()
    bulk.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    bulk_load = time.perf_counter() - started
    return {
        "load": load,
        "bulk_load": bulk_load,
        "queries": latencies,
        "triples": triples,
        "rss": peak_rss_mb(),
        "baseline": baseline,
    }


def run_rdflib_slice(
    data: Path, meta: dict[str, Any], limit: int, engine: str, timeout: float
) -> dict[str, Any]:
    """The canned queries on a slice, in rdflib's engine or in pyoxigraph (same terms)."""
    import signal

    from rdflib import Dataset, Literal, URIRef

    from actorgraph import queries

    baseline = peak_rss_mb()
    library = queries.library()
    started = time.perf_counter()
    if engine == "rdflib":
        dataset = Dataset(default_union=True)
        for name, graph in reference_graphs():
            target = dataset.graph(URIRef(name))
            for triple in graph:
                target.add(triple)
        from actorgraph.store import from_ox

        for name, quads in documents_in(data, limit):
            target = dataset.graph(URIRef(name))
            for q in quads:
                target.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        triples = len(dataset)
    else:
        from actorgraph.store import replace_graph_update

        opened = ox.Store()
        for name, graph in reference_graphs():
            opened.update(replace_graph_update(URIRef(name), graph))
        for _name, quads in documents_in(data, limit):
            opened.extend([ox.Quad(q.subject, q.predicate, q.object, q.graph_name) for q in quads])
        triples = len(opened)
    load = time.perf_counter() - started

    def alarm(signum: int, frame: Any) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    latencies: dict[str, Any] = {}
    for name, params in canned(meta):
        key = f"{name}{'*' if params else ''}"
        if engine == "rdflib":
            bindings = {}
            for variable, term in _raw_bindings(None, params, name).items():
                if isinstance(term, ox.NamedNode):
                    bindings[variable.value] = URIRef(term.value)
                else:
                    bindings[variable.value] = Literal(
                        term.value, datatype=URIRef(term.datatype.value)
                    )
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                begun = time.perf_counter()
                rows = list(dataset.query(library[name].text, initBindings=bindings))
                latencies[key] = (time.perf_counter() - begun, len(rows))
            except TimeoutError:
                latencies[key] = (None, "timeout")
            except Exception as exc:  # rdflib's engine fails on some valid queries
                latencies[key] = (None, f"error: {type(exc).__name__}")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        else:
            b = _raw_bindings(opened, params, name)
            begun = time.perf_counter()
            rows = raw_query(opened, library[name].text, b)
            latencies[key] = (time.perf_counter() - begun, len(rows))
    return {
        "load": load,
        "queries": latencies,
        "triples": triples,
        "rss": peak_rss_mb(),
        "baseline": baseline,
    }


# --- driver -------------------------------------------------------------------------------------


def child(args: argparse.Namespace) -> None:
    meta = json.loads(Path(args.meta).read_text())
    data = Path(args.data)
    if args.child == "ours":
        out = run_ours(data, Path(args.folder), meta, args.repeat)
    elif args.child == "raw":
        out = run_raw(data, Path(args.folder), meta, args.repeat)
    else:
        out = run_rdflib_slice(data, meta, args.slice, args.child.split("-")[1], args.timeout)
    print(json.dumps(out))


def spawn(kind: str, args: argparse.Namespace, work: Path, data: Path, meta: Path) -> Any:
    command = [
        sys.executable,
        __file__,
        "--child",
        kind,
        "--data",
        str(data),
        "--meta",
        str(meta),
        "--folder",
        str(work / kind),
        "--repeat",
        str(args.repeat),
        "--slice",
        str(args.slice),
        "--timeout",
        str(args.timeout),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fmt_ms(seconds: float | None, why: Any = "timeout") -> str:
    return str(why) if seconds is None else f"{seconds * 1000:9.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--slice", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--child")
    parser.add_argument("--data")
    parser.add_argument("--meta")
    parser.add_argument("--folder")
    args = parser.parse_args()
    if args.child:
        return child(args)
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        work = Path(tmp)
        data, meta_path = work / "docs.nq", work / "meta.json"
        started = time.perf_counter()
        meta = generate(data, args.triples)
        meta_path.write_text(json.dumps(meta))
        print(
            f"generated {meta['documents']} documents, {meta['triples']} document triples "
            f"in {time.perf_counter() - started:.1f} s"
        )
        ours = spawn("ours", args, work, data, meta_path)
        raw = spawn("raw", args, work, data, meta_path)
        slice_rdflib = spawn("slice-rdflib", args, work, data, meta_path)
        slice_ox = spawn("slice-pyoxigraph", args, work, data, meta_path)
    print(f"\nstore: {ours['triples']} quads (documents + KB + ontology)")
    print(
        f"load (per-article atomic replace): ours {ours['load']:.1f} s, raw pyoxigraph "
        f"{raw['load']:.1f} s, ratio {ours['load'] / raw['load']:.2f}; "
        f"pyoxigraph bulk_load of the same N-Quads {raw['bulk_load']:.1f} s"
    )
    print(
        f"peak RSS: ours {ours['rss']:.0f} MB, raw {raw['rss']:.0f} MB "
        f"(after imports: {ours['baseline']:.0f} / {raw['baseline']:.0f} MB)"
    )
    print(
        f"\n{'query (* = with parameters)':34} {'rows':>6} {'ours ms':>9} {'raw ms':>9} "
        f"{'ratio':>6}"
    )
    worst = 0.0
    for key, (seconds, rows) in ours["queries"].items():
        raw_seconds = raw["queries"][key][0]
        worst = max(worst, seconds)
        print(
            f"{key:34} {rows:6d} {fmt_ms(seconds)} {fmt_ms(raw_seconds)} "
            f"{seconds / raw_seconds:6.2f}"
        )
    print(
        f"slowest canned query (ours): {worst * 1000:.0f} ms "
        f"({'under' if worst < 1 else 'OVER'} the 1 s target)"
    )
    print(f"\nslice of {slice_rdflib['triples']} triples: rdflib in-memory vs pyoxigraph")
    print(
        f"load: rdflib {slice_rdflib['load']:.1f} s, pyoxigraph {slice_ox['load']:.1f} s; "
        f"peak RSS rdflib {slice_rdflib['rss']:.0f} MB, pyoxigraph {slice_ox['rss']:.0f} MB "
        f"(after imports {slice_rdflib['baseline']:.0f} / {slice_ox['baseline']:.0f} MB)"
    )
    print(f"{'query':34} {'rdflib ms':>10} {'pyoxigraph ms':>14} {'rdflib/pyox':>12}")
    for key, (seconds, rows) in slice_rdflib["queries"].items():
        ox_seconds = slice_ox["queries"][key][0]
        ratio = "-" if seconds is None else f"{seconds / max(ox_seconds, 1e-6):.0f}x"
        print(f"{key:34} {fmt_ms(seconds, rows):>10} {fmt_ms(ox_seconds):>14} {ratio:>12}")


if __name__ == "__main__":
    main()
