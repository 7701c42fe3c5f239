"""The `actorgraph` command: a thin layer over the Python API.

Each subcommand parses its options and calls one API function; user mistakes surface as
`ActorgraphError` and are printed as one line on stderr with exit status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from actorgraph.errors import ActorgraphError

app = typer.Typer(
    help="Turn news about politics, diplomacy and conflict into a knowledge graph of actors.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PathsArg = Annotated[list[Path], typer.Argument(help="Article files (.txt) or folders of them.")]
ModelOpt = Annotated[
    Optional[str],
    typer.Option("--model", help="spaCy pipeline to use (else $ACTORGRAPH_SPACY_MODEL)."),
]
DateOpt = Annotated[
    Optional[str], typer.Option("--date", help="Document date YYYY-MM-DD for every input.")
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
) -> None:
    """Extract actors and relations from articles and print them as JSON."""
    from actorgraph import api

    if fmt != "json":
        raise ActorgraphError(f"unknown format {fmt!r} (expected: json)")
    result = api.extract_json(paths, date=date, model=model)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except ActorgraphError as exc:
        typer.echo(f"actorgraph: error: {exc}", err=True)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        typer.echo("actorgraph: interrupted", err=True)
        raise SystemExit(130) from None
