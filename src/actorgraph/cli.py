"""The `actorgraph` command: a thin layer over the Python API.

Each subcommand parses its options and calls one API function; user mistakes surface as
`ActorgraphError` and are printed as one line on stderr with exit status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from actorgraph.errors import ActorgraphError

try:  # typer vendors click from 0.22 on; before, click is its own package
    from typer._click.exceptions import UsageError
except ImportError:  # pragma: no cover
    from click.exceptions import UsageError  # type: ignore[assignment]

if TYPE_CHECKING:
    import networkx as nx
    from typing_extensions import Unpack

    from actorgraph.network import ProjectOptions

app = typer.Typer(
    help="Turn news about politics, diplomacy and conflict into a knowledge graph of actors.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Articles (.txt, .html), corpora (.jsonl, .csv, .tsv, news-please .json, .warc, "
        ".rss, .atom; also .gz, .bz2, .zst) or folders of them."
    ),
]
FieldOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--field",
        help="Corpus field for a part of an article, PART=NAME (repeatable); PART is text, "
        "title, date, url, id, language or source, e.g. --field text=story.",
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline to use (else $ACTORGRAPH_SPACY_MODEL)."),
]
DateOpt = Annotated[
    str | None, typer.Option("--date", help="Document date YYYY-MM-DD for every input.")
]
MinConfidenceOpt = Annotated[
    float,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Leave out relations less confident than this (0 to 1; confidence is the share of "
        "relations so scored that were right on coded news).",
    ),
]


@app.callback()
def _group() -> None:
    """Turn news about politics, diplomacy and conflict into a knowledge graph of actors."""


@app.command()
def extract(
    paths: PathsArg,
    fmt: Annotated[str, typer.Option("--format", help="Output format: json.")] = "json",
    date: DateOpt = None,
    model: ModelOpt = None,
    field: FieldOpt = None,
    min_confidence: MinConfidenceOpt = 0.0,
) -> None:
    """Extract actors and relations from articles and print them as JSON.

    Unreadable files get one line each on stderr and the exit status 1; the rest is extracted.
    """
    from actorgraph import api, read, reader

    if fmt != "json":
        raise ActorgraphError(f"unknown format {fmt!r} (expected: json)")
    report = reader.ReadReport()
    fields = read.Fields.parse(field or [])
    result = api.extract_json(
        paths, date=date, model=model, on_error=report, fields=fields,
        min_confidence=min_confidence,
    )  # fmt: skip
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    for line in report.lines():
        typer.echo(line, err=True)
    if report.failed:
        raise SystemExit(1)


@app.command("eval")
def eval_(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Articles or folders (default: the bundled data/articles)."),
    ] = None,
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Folder of gold files <stem>.yaml.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: ModelOpt = None,
) -> None:
    """Score the extraction of articles that have a gold standard (P/R/F1 of actors, relations)."""
    from actorgraph import evaluate
    from actorgraph.resources import resource

    try:
        gold_dir = gold or resource("data", "gold")
        inputs = paths or [resource("data", "articles")]
    except FileNotFoundError as exc:
        raise ActorgraphError(f"{exc}; name the articles and --gold DIR") from None
    report = evaluate.run(inputs, gold_dir, model=model)
    if as_json:
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        typer.echo(report.table())


@app.command("train")
def train_(
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the model (default: the shipped one)."),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option("--corpus", help="Coded news: texts/<set>/ and gold/<set>/ folders."),
    ] = None,
    method: Annotated[
        str, typer.Option("--method", help="both (judge and complete the rules) or learned.")
    ] = "both",
    model: ModelOpt = None,
) -> None:
    """Train the event model from coded news (by default data/wikinews of a source checkout)."""
    from actorgraph import nlp
    from actorgraph.events import learned, train

    if method not in ("both", "learned"):
        raise ActorgraphError(f"unknown method {method!r} (expected: both, learned)")
    try:
        root = corpus or train.corpus()
    except FileNotFoundError:
        raise ActorgraphError(
            "no coded news to train on: give --corpus DIR (data/wikinews of a source checkout)"
        ) from None
    if not (root / "gold").is_dir():
        raise ActorgraphError(f"{root}: no gold/ folder of coded articles")
    target = out or learned.model_path()
    _, report = train.train(target, method=method, nlp=nlp.load(model), root=root)
    for key, value in report.items():
        typer.echo(f"{key}: {value}")
    typer.echo(f"wrote {target}")


StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store folder, or SPARQL endpoint URL (URL|UPDATE_URL for a separate update "
        "endpoint). Default: $ACTORGRAPH_STORE or ./actorgraph-store.",
    ),
]


MaxBytesOpt = Annotated[
    str,
    typer.Option(
        "--max-bytes",
        help="Largest article file read, e.g. 20MB or 512k (default 10MB); larger ones fail.",
    ),
]


@app.command()
def build(
    paths: PathsArg,
    store: StoreOpt = None,
    date: DateOpt = None,
    model: ModelOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract documents even when unchanged.")
    ] = False,
    max_bytes: MaxBytesOpt = "10MB",
    field: FieldOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes extracting (default: the cores)."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Extract on a Dask cluster: its scheduler address (tcp://host:8786), or "
            "'local' for a cluster of --jobs worker processes on this machine.",
        ),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option("--shards", help="With --dask: keep the N-Quads shards in this folder."),
    ] = None,
    min_confidence: MinConfidenceOpt = 0.0,
) -> None:
    """Ingest articles into the store (incremental; one named graph per article)."""
    from actorgraph import build as building
    from actorgraph import read, reader
    from actorgraph.store import open_store
    from actorgraph.workers.local import default_jobs

    limit = reader.parse_size(max_bytes)
    fields = read.Fields.parse(field or [])
    if jobs is not None and jobs < 1:
        raise ActorgraphError(f"--jobs must be at least 1, not {jobs}")
    with open_store(store) as opened:
        summary = building.run_with_progress(
            paths,
            opened,
            date=date,
            model=model,
            force=force,
            max_bytes=limit,
            fields=fields,
            jobs=jobs or default_jobs(),
            dask=dask,
            shards=shards,
            min_confidence=min_confidence,
        )
    for line in summary.lines():
        typer.echo(line)
    if not summary.ok:
        raise SystemExit(1)


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="RDF files to check (.ttl, .trig, .nq, .nt, .jsonld); each file's graphs "
            "are validated together.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check graphs against the SHACL shapes (ontology/shapes.ttl); exit 1 on any violation."""
    from actorgraph import validate as validation

    if not files:
        raise ActorgraphError("nothing to validate: give one or more RDF files")
    reports = validation.validate_files(files)
    for path, report in reports.items():
        typer.echo(f"{path}: {report.text}")
    if not all(report.conforms for report in reports.values()):
        raise SystemExit(1)


@app.command()
def query(
    spec: Annotated[
        str | None, typer.Argument(help="A named query, a .rq file, or SPARQL text.")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Parameter NAME=VALUE.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, csv, tsv, json or xml.")
    ] = "table",
    store: StoreOpt = None,
    list_queries: Annotated[
        bool, typer.Option("--list", help="List the named queries and their parameters.")
    ] = False,
) -> None:
    """Run a SPARQL query on the store (results as a table or SPARQL CSV/TSV/JSON/XML)."""
    from actorgraph import queries
    from actorgraph.store import open_store

    if list_queries:
        for name, named in queries.library().items():
            typer.echo(f"{name}: {named.description}")
            for p in named.params:
                typer.echo(f"    {p.name} ({p.kind}): {p.doc}")
        return
    if spec is None:
        raise ActorgraphError("give a query: a name (see --list), a .rq file or SPARQL text")
    if fmt not in queries.FORMATS:
        raise ActorgraphError(f"unknown format {fmt!r} (expected: {', '.join(queries.FORMATS)})")
    with open_store(store, read_only=True) as opened:
        result = queries.run(opened, spec, queries.parse_params(param or []))
    if fmt == "table" and not hasattr(result, "serialize"):
        queries.print_table(result)
    else:
        sys.stdout.write(queries.render(result, fmt))


@app.command("kb")
def kb_(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Names, keys, demonyms or capitals to look up (none: counts)."),
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", help="A post, e.g. 'defence minister'.")
    ] = None,
    of: Annotated[
        str | None, typer.Option("--of", help="Country or organisation of --role.")
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="Day YYYY-MM-DD.")] = None,
    path: Annotated[
        Path | None, typer.Option("--kb", help="Knowledge-base folder (default: shipped).")
    ] = None,
) -> None:
    """Look actors up in the knowledge base, or show who held a post on a day."""
    from actorgraph import kb

    typer.echo(kb.report(kb.load(path), names or [], role=role, organization=of, on=on))


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 7879,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Query time limit in seconds.")
    ] = 30.0,
    max_rows: Annotated[
        int, typer.Option("--max-rows", help="Largest number of result rows returned.")
    ] = 100_000,
    workers: Annotated[int, typer.Option("--workers", help="Queries run at once.")] = 4,
    allow_update: Annotated[
        bool, typer.Option("--allow-update", help="Accept SPARQL Update requests.")
    ] = False,
    allow_service: Annotated[
        bool,
        typer.Option("--allow-service", help="Allow SERVICE and LOAD calls to other servers."),
    ] = False,
    cors: Annotated[
        str | None,
        typer.Option("--cors-origin", help="Allow browser pages from this origin (e.g. *)."),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Also answer to this host name (repeatable)."),
    ] = None,
    max_memory: Annotated[
        str, typer.Option("--max-memory", help="Address space of each query worker, e.g. 4GB.")
    ] = "2GB",
    max_result: Annotated[
        str, typer.Option("--max-result-size", help="Largest answer sent, e.g. 500MB.")
    ] = "100MB",
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql."""
    from actorgraph import reader, server
    from actorgraph.store import default_location

    config = server.ServerConfig(
        location=store or default_location(),
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        allow_update=allow_update,
        allow_service=allow_service,
        cors_origin=cors,
        max_memory=reader.parse_size(max_memory, "--max-memory"),
        max_result_bytes=reader.parse_size(max_result, "--max-result-size"),
        allowed_hosts=tuple(allow_host or ()),
    )
    endpoint = server.make_server(config)
    typer.echo(f"SPARQL endpoint: http://{host}:{endpoint.server_address[1]}/sparql", err=True)
    try:
        endpoint.serve_forever()
    finally:
        endpoint.server_close()


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="Output file (a folder for csv).")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="turtle (ttl), trig, nquads (nq), jsonld (json) or csv; default: the one the "
            "output's suffix names (.ttl, .trig, .nq, .jsonld, .json).",
        ),
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Export the store as RDF (Turtle, TriG, N-Quads, JSON-LD) or CSV tables."""
    from actorgraph import export as exporting
    from actorgraph.store import open_store

    with open_store(store, read_only=True) as opened:
        result = exporting.export(opened, fmt, output)
    for path in result.paths:
        typer.echo(f"wrote {path}")


ViewOpt = Annotated[str, typer.Option("--view", help="all, affiliations or interactions.")]
StartOpt = Annotated[
    str | None, typer.Option("--start", help="Keep relations dated on or after YYYY-MM-DD.")
]
EndOpt = Annotated[
    str | None, typer.Option("--end", help="Keep relations dated on or before YYYY-MM-DD.")
]
TypeOpt = Annotated[
    list[str] | None,
    typer.Option("--type", help="Keep only this relation type (repeatable), e.g. CONSULT."),
]
EgoOpt = Annotated[
    str | None,
    typer.Option("--ego", help="Keep only this actor's neighbourhood (label, key or IRI)."),
]
RadiusOpt = Annotated[int, typer.Option("--radius", help="Hops around --ego.")]
KbOpt = Annotated[
    str,
    typer.Option(
        "--kb",
        help="Knowledge-base relations to add: linked (between actors the articles relate), "
        "all or none.",
    ),
]


def _network(
    store: str | None, ego: str | None, radius: int, **options: Unpack[ProjectOptions]
) -> nx.MultiDiGraph:
    """The actor network that the projection options of `stats` and `render` choose."""
    from actorgraph import network
    from actorgraph.store import open_store

    with open_store(store, read_only=True) as opened:
        return network.graph_for(opened, ego, radius, **options)


@app.command()
def stats(
    store: StoreOpt = None,
    top: Annotated[int, typer.Option("--top", help="Rows per table.")] = 10,
    graphml: Annotated[Path | None, typer.Option("--graphml", help="Write GraphML.")] = None,
    gexf: Annotated[Path | None, typer.Option("--gexf", help="Write GEXF (Gephi).")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write node-link JSON.")] = None,
    view: ViewOpt = "all",
    start: StartOpt = None,
    end: EndOpt = None,
    types: TypeOpt = None,
    ego: EgoOpt = None,
    radius: RadiusOpt = 1,
    kb: KbOpt = "linked",
) -> None:
    """Centrality, communities and cooperative/conflictual pairs of the actor network."""
    from rich.console import Console

    from actorgraph import analysis

    if top < 1:
        raise ActorgraphError(f"--top must be at least 1, not {top}")
    graph = _network(store, ego, radius, view=view, start=start, end=end, types=types, kb=kb)
    result = analysis.analyse(graph, top=top)
    console = Console()
    for table in analysis.summary_tables(result, top):
        console.print(table)
    exports = [("graphml", graphml), ("gexf", gexf), ("json", json_out)]
    for path in analysis.export_all(graph, [(f, p) for f, p in exports if p], result):
        typer.echo(f"wrote {path}")


@app.command()
def render(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="HTML file to write.")
    ] = None,
    store: StoreOpt = None,
    png: Annotated[
        Path | None, typer.Option("--png", help="Also write a static PNG picture.")
    ] = None,
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", help="Above this, keep the most central actors.")
    ] = 500,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", help="Page and picture title (default: the corpus or ego, and dates)."
        ),
    ] = None,
    view: ViewOpt = "all",
    start: StartOpt = None,
    end: EndOpt = None,
    types: TypeOpt = None,
    ego: EgoOpt = None,
    radius: RadiusOpt = 1,
    kb: KbOpt = "linked",
) -> None:
    """Draw the actor network as one offline HTML page (and/or a PNG)."""
    from actorgraph import render as rendering

    if output is None and png is None:
        raise ActorgraphError("nothing to write: give -o FILE.html and/or --png FILE.png")
    graph = _network(store, ego, radius, view=view, start=start, end=end, types=types, kb=kb)
    if output is not None:
        options = rendering.RenderOptions(max_nodes=max_nodes)
        result = rendering.write_html(graph, output, title=title, options=options)
        for note in result.notes:
            typer.echo(note)
        if result.nodes == 0:
            typer.echo("the graph is empty: no relations match the store, view or window")
        typer.echo(f"wrote {output} ({result.nodes} actors, {result.edges} links)")
    if png is not None:
        pictured = rendering.write_png(graph, png, title=title, max_nodes=min(max_nodes, 80))
        typer.echo(f"wrote {png} ({pictured.nodes} actors, {pictured.edges} links)")


@app.command()
def timeline(
    first: Annotated[
        str, typer.Argument(help="An actor (name, key or IRI) or a country's ISO code (RUS).")
    ],
    second: Annotated[str, typer.Argument(help="The other actor or country.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="HTML file to write.")
    ] = None,
    store: StoreOpt = None,
    png: Annotated[Path | None, typer.Option("--png", help="Also write a PNG chart.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Page and chart title.")] = None,
    start: StartOpt = None,
    end: EndOpt = None,
) -> None:
    """Relations between two actors or countries over time, stacked by PLOVER type."""
    from actorgraph import render as rendering

    if output is None and png is None:
        raise ActorgraphError("nothing to write: give -o FILE.html and/or --png FILE.png")
    graph = _network(store, None, 1, view="interactions", start=start, end=end, kb="none")
    base = output.parent if output is not None else None
    chart = rendering.timeline_data(graph, first, second, base=base)
    if output is not None:
        rendering.write_timeline_html(chart, output, title)
        typer.echo(f"wrote {output} ({chart.count} relations)")
    if png is not None:
        rendering.write_timeline_png(chart, png, title)
        typer.echo(f"wrote {png}")


@app.command()
def check(
    paths: PathsArg, date: DateOpt = None, max_bytes: MaxBytesOpt = "10MB", field: FieldOpt = None
) -> None:
    """Check that articles can be read (format, encoding, HTML, language, metadata); one line
    per article file or corpus record."""
    from actorgraph import read, reader

    failed = 0
    limit, fields = reader.parse_size(max_bytes), read.Fields.parse(field or [])
    for status, line in read.check(paths, date=date, max_bytes=limit, fields=fields):
        failed += status == "failed"
        typer.echo(line if status == "ok" else f"{status}: {line}")
    if failed:
        raise SystemExit(1)


def main() -> None:
    """Entry point of the console script: every user mistake, a usage one included, is one
    `actorgraph: error:` line and exit status 2."""
    try:
        code = app(standalone_mode=False)
    except UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
            typer.echo(exc.ctx.get_help())
            raise SystemExit(0) from None
        where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
        typer.echo(f"actorgraph: error: {exc.format_message()}{where}", err=True)
        raise SystemExit(2) from None
    except typer.Abort:
        typer.echo("actorgraph: interrupted", err=True)
        raise SystemExit(130) from None
    except ActorgraphError as exc:
        typer.echo(f"actorgraph: error: {exc}", err=True)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        typer.echo("actorgraph: interrupted", err=True)
        raise SystemExit(130) from None
    if isinstance(code, int) and code:  # an exit code returned, not raised, without standalone
        raise SystemExit(code)
