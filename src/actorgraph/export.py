"""Exporting a store: RDF files (Turtle, TriG, N-Quads, JSON-LD) or CSV tables.

TriG, N-Quads and JSON-LD keep each document's named graph; Turtle merges every graph into
one. CSV writes a folder with `actors.csv` and `relations.csv`, one row per actor and per
relation node, for spreadsheets and pandas. Every file is written atomically.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from rdflib import XSD, Dataset, Graph, Literal

from actorgraph import fileio, rdf
from actorgraph.errors import ActorgraphError
from actorgraph.store import EmbeddedStore, Store

FORMATS = ("turtle", "trig", "nquads", "jsonld", "csv")
ALIASES = {
    "ttl": "turtle",
    "nq": "nquads",
    "n-quads": "nquads",
    "json-ld": "jsonld",
    "json": "jsonld",
}
"""Other usual names of the formats."""
SUFFIXES = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".jsonld": "jsonld",
            ".json": "jsonld"}  # fmt: skip
"""The format a file name's suffix names, when no format is given."""
_RDFLIB_FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}

ACTORS_QUERY = """
PREFIX ag: <https://w3id.org/actorgraph#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?id ?label ?type ?country ?wikidata ?aliases ?documents
WHERE {
  {
    SELECT ?id (SAMPLE(?t) AS ?type) WHERE {
      ?id a ?class .
      FILTER(?class IN (ag:Person, ag:Country, ag:GovernmentBody, ag:MilitaryForce,
                        ag:MediaOrganization, ag:InternationalOrganization, ag:PoliticalGroup,
                        ag:Organization, ag:Location))
      BIND(STRAFTER(STR(?class), "#") AS ?t)
    }
    GROUP BY ?id
  }
  OPTIONAL { SELECT ?id (MIN(?l) AS ?label) WHERE { ?id rdfs:label ?l } GROUP BY ?id }
  OPTIONAL { SELECT ?id (SAMPLE(?c) AS ?country) WHERE { ?id ag:countryCode ?c } GROUP BY ?id }
  OPTIONAL { SELECT ?id (SAMPLE(?w) AS ?wikidata) WHERE { ?id ag:wikidata ?w } GROUP BY ?id }
  OPTIONAL {
    SELECT ?id (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
    WHERE { ?id skos:altLabel ?alias } GROUP BY ?id
  }
  OPTIONAL {
    SELECT ?id (COUNT(DISTINCT ?doc) AS ?documents)
    WHERE { ?mention ag:mentionOf ?id ; ag:mentionedIn ?doc } GROUP BY ?id
  }
}
ORDER BY ?type ?label
"""

RELATIONS_QUERY = """
PREFIX ag: <https://w3id.org/actorgraph#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?id (SAMPLE(?g) AS ?graph) (SAMPLE(?tn) AS ?type) ?source (MIN(?sl) AS ?source_label)
       (SAMPLE(?o) AS ?target) (MIN(?ol) AS ?target_label)
       (SAMPLE(?r) AS ?role) (SAMPLE(?m) AS ?mode) (SAMPLE(?d) AS ?date)
       (SAMPLE(?sd) AS ?start_date) (SAMPLE(?ed) AS ?end_date) (SAMPLE(?fn) AS ?factuality)
       (SAMPLE(?at) AS ?attributed_to) (SAMPLE(?c) AS ?confidence)
       (SAMPLE(?sent) AS ?sentence) (SAMPLE(?so) AS ?start) (SAMPLE(?eo) AS ?end)
WHERE {
  GRAPH ?g { ?id ag:relationType ?type ; ag:source ?source . }
  BIND(STRAFTER(STR(?type), "#") AS ?tn)
  OPTIONAL { ?id ag:target ?o OPTIONAL { ?o rdfs:label ?ol } }
  OPTIONAL { SELECT ?source (MIN(?l) AS ?sl) WHERE { ?source rdfs:label ?l } GROUP BY ?source }
  OPTIONAL { ?id ag:role ?r }
  OPTIONAL { ?id ag:mode ?m }
  OPTIONAL { ?id ag:date ?d }
  OPTIONAL { ?id ag:startDate ?sd }
  OPTIONAL { ?id ag:endDate ?ed }
  OPTIONAL { ?id ag:factuality ?f BIND(STRAFTER(STR(?f), "#") AS ?fn) }
  OPTIONAL { ?id ag:attributedTo ?at }
  OPTIONAL { ?id ag:confidence ?c }
  OPTIONAL { ?id ag:evidence ?ev . ?ev ag:sentence ?sent ; ag:startOffset ?so ; ag:endOffset ?eo }
}
GROUP BY ?id ?source
ORDER BY ?graph ?id
"""


@dataclass(frozen=True)
class ExportResult:
    """What was written."""

    paths: list[Path]
    rows_or_triples: int


def export_format(fmt: str | None, output: Path) -> str:
    """The format named by `fmt` (or one of its usual aliases), else by `output`'s suffix."""
    if fmt is None:
        found = SUFFIXES.get(Path(output).suffix.lower())
        if found is None:
            raise ActorgraphError(
                f"give --format ({', '.join(FORMATS)}): the name {str(output)!r} does not say"
            )
        return found
    name = ALIASES.get(fmt.strip().lower(), fmt.strip().lower())
    if name not in FORMATS:
        raise ActorgraphError(f"unknown export format {fmt!r} (expected: {', '.join(FORMATS)})")
    return name


def export(store: Store, fmt: str | None, output: Path) -> ExportResult:
    """Write the store to `output` (a file, or a folder for csv) in format `fmt` (else the one
    the file name's suffix names)."""
    fmt = export_format(fmt, Path(output))
    try:
        return _export(store, fmt, Path(output))
    except OSError as exc:
        raise ActorgraphError(f"{output}: cannot write ({exc.strerror or exc})") from None


def _export(store: Store, fmt: str, output: Path) -> ExportResult:
    if fmt == "csv":
        return export_csv(store, output)
    if output.is_dir():
        raise ActorgraphError(f"{output}: is a folder; give a file name")
    if fmt in ("trig", "nquads") and isinstance(store, EmbeddedStore):
        with fileio.atomic_open(output, "wb") as handle:
            store.dump(handle, fmt)
        return ExportResult([output], store.count())
    dataset = store.dataset()
    if fmt == "turtle":
        merged = Graph()
        for prefix, namespace in rdf.PREFIXES.items():
            merged.bind(prefix, namespace)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
        data = merged.serialize(format="turtle", encoding="utf-8")
        count = len(merged)
    else:
        _bind(dataset)
        data = dataset.serialize(format=_RDFLIB_FORMATS[fmt], encoding="utf-8")
        count = sum(1 for _ in dataset.quads((None, None, None, None)))
    fileio.atomic_write_bytes(output, data)
    return ExportResult([output], count)


def _bind(dataset: Dataset) -> None:
    for prefix, namespace in rdf.PREFIXES.items():
        dataset.bind(prefix, namespace)


_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long}


def spreadsheet_safe(term: object) -> str:
    """A cell's text that spreadsheets show as text: article text starting with = + - @ (a
    formula to Excel or LibreOffice) gets a leading apostrophe; numbers stay as they are."""
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, Literal) and term.datatype in _NUMERIC:
        return text
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_csv(store: Store, folder: Path) -> ExportResult:
    """`actors.csv` and `relations.csv` in `folder`."""
    if folder.suffix.lower() == ".csv" or (folder.exists() and not folder.is_dir()):
        raise ActorgraphError(
            f"{folder}: csv export writes two tables (actors.csv, relations.csv) into a "
            "folder: give a folder name, e.g. -o out/tables"
        )
    written: list[Path] = []
    total = 0
    for name, query in (("actors.csv", ACTORS_QUERY), ("relations.csv", RELATIONS_QUERY)):
        result = store.select(query)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([spreadsheet_safe(term) for term in row])
        path = folder / name
        fileio.atomic_write_text(path, buffer.getvalue())
        written.append(path)
        total += len(result.rows)
    return ExportResult(written, total)
