"""Named SPARQL queries (`queries/*.rq`), safe parameter binding, and result formats.

A query file starts with a comment header: a description, then one line per parameter,
`# @param NAME KIND [= DEFAULT] required|optional; what it means`. KIND says how the user's
text becomes an RDF term: `actor` (an IRI, a KB key such as person/vladimir-putin, or a
label/alias matched case-insensitively), `country` (ISO alpha-3 code or as `actor`), `date`
(YYYY-MM-DD), `relation` (CONSULT, holdsPosition...), `class` (Person...), `factuality`,
`integer`, `string`, `iri`. Values are bound as RDF terms by the engine (SEP-0007
substitution, or a VALUES block for remote endpoints), never pasted into the query text.
Results print as a table or in the W3C SPARQL 1.1 results formats (JSON, XML, CSV, TSV).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from actorgraph import vocab
from actorgraph.errors import ActorgraphError, QueryError
from actorgraph.resources import queries_dir
from actorgraph.store import SelectResult, Store
from actorgraph.vocab import ID

FORMATS = ("table", "csv", "tsv", "json", "xml")
_PARAM_RE = re.compile(
    r"@param\s+(?P<name>\w+)\s+(?P<kind>\w+)(?:\s*=\s*(?P<default>\S+))?\s*(?P<doc>.*)"
)
KINDS = ("actor", "country", "date", "relation", "class", "factuality", "integer", "string", "iri")


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    kind: str
    required: bool
    default: str | None = None
    doc: str = ""


@dataclass
class NamedQuery:
    """A query with its description and declared parameters."""

    name: str
    text: str
    description: str = ""
    params: list[Param] = field(default_factory=list)


def parse_header(name: str, text: str) -> NamedQuery:
    """Read the description and `@param` lines of a query's leading comment."""
    description: list[str] = []
    params: list[Param] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line.startswith("#"):
            if line:
                break
            continue
        content = line[1:]
        match = _PARAM_RE.match(content.strip())
        if match:
            kind = match["kind"]
            if kind not in KINDS:
                raise QueryError(f"{name}: parameter {match['name']} has unknown kind {kind!r}")
            doc = match["doc"].strip()
            params.append(
                Param(match["name"], kind, doc.startswith("required"), match["default"], doc)
            )
        elif params and content.startswith("  ") and content.strip():
            last = params[-1]
            params[-1] = Param(
                last.name, last.kind, last.required, last.default, f"{last.doc} {content.strip()}"
            )
        elif not params and content.strip():
            description.append(content.strip())
    return NamedQuery(name, text, " ".join(description), params)


def library() -> dict[str, NamedQuery]:
    """The shipped named queries, by name (file stem)."""
    folder = queries_dir()
    return {
        path.stem: parse_header(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.rq"))
    }


def resolve_query(spec: str) -> NamedQuery:
    """A named query, a `.rq` file, or inline SPARQL text."""
    named = library()
    if spec in named:
        return named[spec]
    if spec.endswith(".rq") or (len(spec) < 300 and "\n" not in spec and Path(spec).is_file()):
        path = Path(spec)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{path}: cannot read the query ({exc})") from None
        return parse_header(path.stem, text)
    if re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", spec, re.IGNORECASE):
        return parse_header("inline", spec)
    known = ", ".join(sorted(named))
    raise QueryError(f"unknown query {spec!r} (named queries: {known}; or a .rq file or SPARQL)")


# --- parameters -----------------------------------------------------------------------------


def parse_params(pairs: list[str]) -> dict[str, str]:
    """`k=v` strings from the command line as a dict."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"parameter {pair!r}: expected NAME=VALUE")
        values[name.strip()] = value
    return values


_ACTOR_BY_LABEL = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?actor ?name WHERE {
  ?actor rdfs:label|skos:altLabel ?l .
  FILTER(LCASE(STR(?l)) = LCASE(?name))
}
"""


_IRI = re.compile(r"[a-zA-Z][\w+.-]*:[^\s<>\"{}|\\^`]*")


def resolve_actor(store: Store, text: str) -> URIRef:
    """An actor IRI from an IRI, a KB key (person/vladimir-putin) or a unique label/alias."""
    text = text.strip()
    if re.match(r"^https?://", text):
        if not _IRI.fullmatch(text):
            raise QueryError(f"not a valid IRI: {text!r}")
        return URIRef(text)
    if re.fullmatch(r"[a-z]+/[A-Za-z0-9-]+", text):
        return ID[text]
    rows = store.select(_ACTOR_BY_LABEL, {"name": Literal(text)}).rows
    found = sorted({str(row[0]) for row in rows if row[0] is not None})
    if not found:
        raise QueryError(f"no actor named {text!r}")
    if len(found) > 1:
        raise QueryError(f"{text!r} names several actors: {', '.join(found[:5])}; give an IRI")
    return URIRef(found[0])


def to_term(store: Store, param: Param, text: str) -> Identifier:
    """The RDF term for a parameter value given as text."""
    kind = param.kind
    if kind == "actor":
        return resolve_actor(store, text)
    if kind == "country":
        code = text.strip().upper()
        if re.fullmatch(r"[A-Z]{3}", code):
            return ID[f"country/{code}"]
        return resolve_actor(store, text)
    if kind == "date":
        try:
            return Literal(dt.date.fromisoformat(text.strip()).isoformat(), datatype=XSD.date)
        except ValueError:
            raise QueryError(f"{param.name}: not a date (YYYY-MM-DD): {text!r}") from None
    if kind == "relation":
        names = {n.lower(): n for n in vocab.RELATION_TYPES}
        if text.strip().lower() not in names:
            raise QueryError(f"{param.name}: unknown relation type {text!r}")
        return vocab.relation_type_iri(names[text.strip().lower()])
    if kind == "class":
        names = {n.lower(): n for n in vocab.ACTOR_TYPES}
        if text.strip().lower() not in names:
            raise QueryError(f"{param.name}: unknown actor class {text!r}")
        return vocab.actor_class(names[text.strip().lower()])
    if kind == "factuality":
        if text.strip() not in vocab.FACTUALITY:
            raise QueryError(f"{param.name}: unknown factuality {text!r}")
        return vocab.factuality_iri(text.strip())
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text.strip()):
            raise QueryError(f"{param.name}: not an integer: {text!r}")
        return Literal(int(text), datatype=XSD.integer)
    if kind == "iri":
        if not re.match(r"^[a-zA-Z][\w+.-]*:[^\s<>\"{}|\\^`]*$", text.strip()):
            raise QueryError(f"{param.name}: not an IRI: {text!r}")
        return URIRef(text.strip())
    return Literal(text)


def bind_params(
    store: Store, query: NamedQuery, values: Mapping[str, str]
) -> dict[str, Identifier]:
    """The bindings for a query from user text, checking names, required ones and kinds."""
    declared = {p.name: p for p in query.params}
    bindings: dict[str, Identifier] = {}
    for name, text in values.items():
        if name not in declared:
            if query.params or query.name != "inline":
                allowed = ", ".join(declared) or "none"
                raise QueryError(
                    f"{query.name}: unknown parameter {name!r} (parameters: {allowed})"
                )
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise QueryError(f"invalid parameter name {name!r}")
            bindings[name] = Literal(text)
            continue
        bindings[name] = to_term(store, declared[name], text)
    for param in query.params:
        if param.name in bindings:
            continue
        if param.default is not None:
            bindings[param.name] = to_term(store, param, param.default)
        elif param.required:
            raise QueryError(f"{query.name}: parameter {param.name!r} is required ({param.doc})")
    return bindings


def run(
    store: Store, spec: str, values: Mapping[str, str] | None = None
) -> SelectResult | Graph | bool:
    """Run a named query, a .rq file or inline SPARQL with parameters given as text."""
    query = resolve_query(spec)
    return store.query(query.text, bind_params(store, query, values or {}))


# --- result formats ---------------------------------------------------------------------------


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: SelectResult | bool) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if isinstance(result, bool):
        return json.dumps({"head": {}, "boolean": result})
    bindings = [
        {
            var: _json_term(term)
            for var, term in zip(result.variables, row, strict=True)
            if term is not None
        }
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False
    )


def to_xml(result: SelectResult | bool) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if isinstance(result, bool):
        out += ["<head/>", f"<boolean>{'true' if result else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out)
    out.append(
        "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>"
    )
    out.append("<results>")
    for row in result.rows:
        cells = []
        for var, term in zip(result.variables, row, strict=True):
            if term is None:
                continue
            if isinstance(term, URIRef):
                inner = f"<uri>{escape(str(term))}</uri>"
            elif isinstance(term, BNode):
                inner = f"<bnode>{escape(str(term))}</bnode>"
            else:
                assert isinstance(term, Literal)
                attr = (
                    f" xml:lang={quoteattr(term.language)}"
                    if term.language
                    else f" datatype={quoteattr(str(term.datatype))}"
                    if term.datatype
                    else ""
                )
                inner = f"<literal{attr}>{escape(str(term))}</literal>"
            cells.append(f"<binding name={quoteattr(var)}>{inner}</binding>")
        out.append("<result>" + "".join(cells) + "</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out)


def to_csv(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else str(t) for t in row])
    return buffer.getvalue()


def _tsv_term(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype in (
        XSD.integer,
        XSD.decimal,
        XSD.double,
        XSD.boolean,
    ):
        return str(term)
    text: str = term.n3()
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_tsv(result: SelectResult) -> str:
    """SPARQL 1.1 Query Results TSV: RDF terms in Turtle syntax."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _short(term: Identifier | None) -> str:
    """A term as a person reads it: an ontology term by its name (CONSULT, Person), another
    IRI with the project's prefixes (id:person/vladimir-putin), a number rounded to 2 places."""
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, URIRef):
        if text.startswith(str(vocab.AG)):
            return text[len(str(vocab.AG)) :]
        for prefix, namespace in (("id:", vocab.ID), ("doc:", vocab.DOC)):
            if text.startswith(str(namespace)):
                return prefix + text[len(str(namespace)) :]
        return text
    if isinstance(term, Literal) and term.datatype in (XSD.decimal, XSD.double, XSD.float):
        try:
            return f"{float(text):.2f}".rstrip("0").rstrip(".")
        except ValueError:
            return text
    return text


_NARROW = 12
"""The narrowest a column of text is shown before its words wrap."""
_TEXT_WIDTH = 24
"""The narrowest a column of long text (a sentence) is shown."""


@dataclass(frozen=True)
class TableLayout:
    """The columns a table shows (indices into the result's variables), how narrow each may
    get, and the columns left out to fit the width."""

    columns: list[int]
    min_widths: list[int]
    left_out: list[str]


def table_layout(result: SelectResult, width: int) -> TableLayout:
    """The columns of `result` that fit `width` characters: an IRI column with a label or code
    column beside it (source and sourceLabel) shows as that label; when the rest is still too
    wide, columns of bare IRIs go first, then the rightmost ones."""
    names = result.variables
    shown = [i for i, name in enumerate(names) if not _has_companion(name, names)]
    cells = [[_short(row[i]) for row in result.rows] for i in range(len(names))]
    minimum = {i: _min_width(names[i], cells[i]) for i in shown}
    bare = [i for i in shown if _bare_iris(result, i)]
    order = [*reversed(bare), *reversed([i for i in shown if i not in bare])]
    left_out: list[int] = []
    while len(shown) > 1 and sum(minimum[i] + 3 for i in shown) + 1 > width:
        drop = next(i for i in order if i in shown and i not in left_out)
        shown.remove(drop)
        left_out.append(drop)
    return TableLayout(shown, [minimum[i] for i in shown], [names[i] for i in sorted(left_out)])


def _has_companion(name: str, names: list[str]) -> bool:
    return f"{name}Label" in names or f"{name}Code" in names


def _bare_iris(result: SelectResult, index: int) -> bool:
    values = [row[index] for row in result.rows if row[index] is not None]
    return bool(values) and all(
        isinstance(v, URIRef) and not str(v).startswith(str(vocab.AG)) for v in values
    )


def _min_width(name: str, cells: list[str]) -> int:
    """Headers and short values (names, numbers, dates) are never broken; long text wraps."""
    natural = max([len(name), *(len(c) for c in cells)])
    longest_word = max([len(name), *(len(w) for c in cells for w in c.split())])
    if natural <= _NARROW:
        return natural
    if longest_word <= _NARROW:
        return max(len(name), min(natural, _TEXT_WIDTH if natural > 40 else _NARROW))
    return max(len(name), min(natural, _TEXT_WIDTH))


def print_table(result: SelectResult | bool, title: str | None = None) -> None:
    """A rich table on stdout that fits the terminal: labels beside their IRIs, IRIs
    shortened with the project's prefixes, figures rounded (see `table_layout`)."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if isinstance(result, bool):
        console.print("yes" if result else "no")
        return
    layout = table_layout(result, console.width)
    table = Table(title=title, show_lines=False)
    for index, minimum in zip(layout.columns, layout.min_widths, strict=True):
        name = result.variables[index]
        header = name[: -len("Label")] if name.endswith("Label") else name
        table.add_column(header, overflow="fold", min_width=minimum)
    for row in result.rows:
        table.add_row(*(escape_markup(_short(row[i])) for i in layout.columns))
    console.print(table)
    note = f"{len(result.rows)} row(s)"
    if layout.left_out:
        note += (
            f"; left out to fit {console.width} columns: {', '.join(layout.left_out)} "
            "(--format csv shows every column)"
        )
    console.print(note, style="dim")


_UNPRINTABLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""Characters a terminal acts on instead of showing: C0 and C1 controls but tab and newline
(escape sequences, carriage returns, title changes) and bidirectional overrides."""


def escape_markup(text: str) -> str:
    """Text for a table cell on a terminal: control characters shown as escapes (\\x1b, \\u202e),
    never sent raw, and rich markup escaped."""
    from rich.markup import escape as rich_escape

    shown = _UNPRINTABLE.sub(lambda found: ascii(found.group())[1:-1], text)
    return rich_escape(shown)


def render(result: SelectResult | Graph | bool, fmt: str) -> str:
    """Query results as text in one of FORMATS (graphs as Turtle, or N-Triples for csv/tsv)."""
    if fmt not in FORMATS:
        raise ActorgraphError(f"unknown format {fmt!r} (expected: {', '.join(FORMATS)})")
    if isinstance(result, Graph):
        if fmt == "json":
            return result.serialize(format="json-ld")
        if fmt == "xml":
            return result.serialize(format="xml")
        return result.serialize(format="turtle" if fmt == "table" else "nt")
    if fmt == "json":
        return to_json(result)
    if fmt == "xml":
        return to_xml(result)
    if isinstance(result, bool):
        return "true\n" if result else "false\n"
    return to_csv(result) if fmt == "csv" else to_tsv(result)
