"""The knowledge base of actors: countries, organisations, seats of power, people and their posts.

The extractor uses it to recognise, type and link actors it already knows (never as a closed
world: unknown actors are still extracted). The facts live as CSV files in `data/kb/`:

- `countries.csv`: key, label, iso3, wikidata, un_member, capital, aliases, demonyms
- `organizations.csv`: key, label, type, wikidata, country, aliases
- `persons.csv`: key, label, wikidata, country, aliases
- `offices.csv`: person, role, organization, start, end (a post held, dates as YYYY-MM-DD)
- `relations.csv`: source, type, target, start, end (memberOf, partOf, allyOf, successorOf)

Multi-valued cells are separated by "|"; the first capital is the canonical one and the first
demonym is the country's adjective ("Belarusian"). Dates are YYYY-MM-DD; a post's end is its last
day (a successor starting that day wins in `holder`); an empty start means "held since before
the KB's records", an empty end "still held at the end of 2023", the period the posts cover.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from rdflib import RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef

from actorgraph.errors import ActorgraphError
from actorgraph.model import Actor
from actorgraph.rdf import add_actor
from actorgraph.resources import kb_dir
from actorgraph.vocab import (
    ACTOR_TYPES,
    AFFILIATION_TYPES,
    AG,
    ID,
    KB_GRAPH,
    WD,
    direct_property,
    relation_type_iri,
)

PROV = Namespace("http://www.w3.org/ns/prov#")

_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
_ISO3 = re.compile(r"[A-Z]{3}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEY = re.compile(r"(country/[A-Z]{3}|org/[a-z0-9-]+|person/[a-z0-9-]+)")
_ROLE = re.compile(r"[a-z][a-z -]*[a-z]")
_ORG_TYPES = frozenset(ACTOR_TYPES) - {"Person", "Country"}
_LINK_TYPES = frozenset(AFFILIATION_TYPES) - {"holdsPosition"}


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class KBEntry:
    """One known actor. `country` is the ISO alpha-3 code of the country it belongs to."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None
    iso3: str | None = None  # countries only
    capital: str | None = None  # countries only: the canonical capital name
    capital_names: tuple[str, ...] = ()  # countries only: every name of the capital
    demonyms: tuple[str, ...] = ()  # countries only: the adjective first, then other forms
    un_member: bool | None = None  # countries only

    @property
    def iri(self) -> str:
        """The actor's IRI in the graph (`ID[key]`)."""
        return str(ID[self.key])

    @property
    def names(self) -> tuple[str, ...]:
        """Label then aliases: every name the actor goes by."""
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Office:
    """A post a person holds in a country or organisation, from `start` to `end` (both included).

    On a changeover day both holders match; `KnowledgeBase.holder` prefers the newer one.
    """

    person: str
    role: str
    organization: str
    start: str | None = None
    end: str | None = None

    def held_on(self, day: str) -> bool:
        """True if the post was held on ISO date `day` (an unknown start means "before")."""
        return _in_period(day, self.start, self.end)


@dataclass(frozen=True)
class Link:
    """An affiliation between two actors other than a post: memberOf, partOf, allyOf..."""

    source: str
    type: str
    target: str
    start: str | None = None
    end: str | None = None

    def held_on(self, day: str) -> bool:
        """True if the link stood on ISO date `day`."""
        return _in_period(day, self.start, self.end)


def _in_period(day: str, start: str | None, end: str | None) -> bool:
    """True if ISO date `day` falls in [start, end]; a missing bound is open."""
    return (start is None or start <= day) and (end is None or day <= end)


_Dated = TypeVar("_Dated", Office, Link)


def _matching(items: Iterable[_Dated], on: str | None, **wanted: str | None) -> list[_Dated]:
    """The posts or links whose fields equal every given (not None) value, held on day `on`."""
    if on is not None:
        _check_day(on)
    filters = {name: value for name, value in wanted.items() if value is not None}
    return [
        item
        for item in items
        if all(getattr(item, name) == value for name, value in filters.items())
        and (on is None or item.held_on(on))
    ]


# --------------------------------------------------------------------------- normalising


def normalise(name: str) -> str:
    """Key for name matching: no accents, case-folded, no leading "the", no dots or possessive.

    "the U.S.'s" -> "us"; "Élysée" -> "elysee"; "Guinea-Bissau" -> "guinea bissau".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("\u2019", "'").replace("\u02bc", "'").replace("`", "'")
    text = text.replace(".", "")
    text = re.sub(r"[\u2010-\u2015-]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<=\w)'s?$", "", text)
    if text.startswith("the "):
        text = text[4:]
    return text


def slug(name: str) -> str:
    """Lower-case ASCII slug: accents stripped, runs of other characters -> "-"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------- the base


@dataclass
class KnowledgeBase:
    """All known actors, posts and links, with the indexes the extractor queries."""

    entries: tuple[KBEntry, ...]
    office_list: tuple[Office, ...] = ()
    links: tuple[Link, ...] = ()
    _by_key: dict[str, KBEntry] = field(default_factory=dict, repr=False)
    _by_name: dict[str, list[KBEntry]] = field(default_factory=dict, repr=False)
    _by_adjective: dict[str, list[KBEntry]] = field(default_factory=dict, repr=False)
    _by_capital: dict[str, list[KBEntry]] = field(default_factory=dict, repr=False)
    _by_iso3: dict[str, KBEntry] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self._by_key[entry.key] = entry
            for name in {normalise(n) for n in entry.names}:
                self._by_name.setdefault(name, []).append(entry)
            for word in {normalise(d) for d in entry.demonyms}:
                self._by_adjective.setdefault(word, []).append(entry)
            for cap in {normalise(c) for c in entry.capital_names}:
                self._by_capital.setdefault(cap, []).append(entry)
            if entry.iso3:
                self._by_iso3[entry.iso3] = entry

    # ---- single actors

    def entry(self, key: str) -> KBEntry | None:
        """The entry with this key ("country/RUS", "org/nato", "person/vladimir-putin")."""
        return self._by_key.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __len__(self) -> int:
        return len(self.entries)

    def country(self, iso3: str) -> KBEntry | None:
        """The country with this ISO 3166 alpha-3 code."""
        return self._by_iso3.get(iso3.upper())

    def by_wikidata(self, qid: str) -> KBEntry | None:
        """The entry linked to this Wikidata id, if any."""
        for entry in self.entries:
            if entry.wikidata == qid:
                return entry
        return None

    def of_type(self, type_name: str) -> list[KBEntry]:
        """Every entry of one actor type ("Country", "Person", ...)."""
        return [e for e in self.entries if e.type == type_name]

    # ---- name matching

    def lookup(self, name: str) -> list[KBEntry]:
        """Entries whose label or an alias equals `name` once both are normalised.

        Exact matches only (see `normalise`), never a fuzzy or substring match.
        """
        return list(self._by_name.get(normalise(name), ()))

    def country_by_adjective(self, word: str) -> KBEntry | None:
        """The country of a demonym or adjective ("Belarusian", "Russians"); None if ambiguous."""
        key = normalise(word)
        found = self._by_adjective.get(key)
        if found is None and key.endswith("s"):
            found = self._by_adjective.get(key[:-1])
        return found[0] if found and len(found) == 1 else None

    def country_by_capital(self, name: str) -> KBEntry | None:
        """The country whose capital is `name` ("Minsk" -> Belarus); None if ambiguous."""
        found = self._by_capital.get(normalise(name))
        return found[0] if found and len(found) == 1 else None

    def names(self) -> Iterator[tuple[str, str]]:
        """(surface string, key) for every label and alias, e.g. for a spaCy EntityRuler."""
        for entry in self.entries:
            for name in dict.fromkeys(entry.names):
                yield name, entry.key

    def demonyms(self) -> Iterator[tuple[str, str]]:
        """(demonym, country key) for every unambiguous demonym or adjective."""
        for entry in self.entries:
            for word in entry.demonyms:
                if len(self._by_adjective.get(normalise(word), ())) == 1:
                    yield word, entry.key

    def capitals(self) -> Iterator[tuple[str, str]]:
        """(capital name, country key) for every unambiguous capital name."""
        for entry in self.entries:
            for cap in entry.capital_names:
                if len(self._by_capital.get(normalise(cap), ())) == 1:
                    yield cap, entry.key

    # ---- posts and links

    def offices(
        self,
        person: str | None = None,
        organization: str | None = None,
        role: str | None = None,
        on: str | None = None,
    ) -> list[Office]:
        """Posts matching every given filter; `on` (YYYY-MM-DD) keeps those held that day."""
        role = None if role is None else role.lower()
        return _matching(self.office_list, on, person=person, organization=organization, role=role)

    def holder(self, role: str, organization: str, on: str) -> KBEntry | None:
        """The person holding `role` in `organization` on day `on`, if the KB knows one."""
        found = self.offices(organization=organization, role=role, on=on)
        if not found:
            return None
        latest = max(found, key=lambda o: o.start or "")
        return self._by_key.get(latest.person)

    def memberships(
        self,
        source: str | None = None,
        target: str | None = None,
        type: str | None = None,
        on: str | None = None,
    ) -> list[Link]:
        """Links (memberOf, partOf, ...) matching every given filter."""
        return _matching(self.links, on, source=source, target=target, type=type)

    # ---- summaries

    def find(self, text: str) -> list[KBEntry]:
        """Entries a string denotes: a key, a name, else a demonym or capital of a country."""
        if text in self._by_key:
            return [self._by_key[text]]
        found = self.lookup(text)
        if not found:
            country = self.country_by_adjective(text) or self.country_by_capital(text)
            found = [country] if country else []
        return found

    def stats(self) -> dict[str, int]:
        """Counts of entries by type, of posts, links and filled Wikidata ids."""
        counts = {t: len(self.of_type(t)) for t in ACTOR_TYPES if self.of_type(t)}
        counts["UN member states"] = sum(1 for e in self.entries if e.un_member)
        counts["entries"] = len(self.entries)
        counts["offices"] = len(self.office_list)
        counts["links"] = len(self.links)
        counts["wikidata ids"] = sum(1 for e in self.entries if e.wikidata)
        return counts

    def describe(self, entry: KBEntry, on: str | None = None) -> list[str]:
        """Human-readable lines about one entry: identity, then posts or country facts."""
        head = f"{entry.key}  {entry.type}  {entry.label}"
        extras = [x for x in (entry.wikidata, entry.country) if x]
        lines = [head + (f"  ({', '.join(extras)})" if extras else "")]
        if entry.aliases:
            lines.append("  aliases: " + "; ".join(entry.aliases))
        if entry.type == "Country":
            lines.append(f"  capital: {entry.capital}; demonyms: {', '.join(entry.demonyms)}")
        for office in self.offices(person=entry.key, on=on):
            org = self._by_key[office.organization].label
            span = f"{office.start or '?'} .. {office.end or ''}".rstrip()
            lines.append(f"  {office.role}, {org}: {span}")
        return lines

    # ---- RDF

    def to_graph(self) -> Graph:
        """The KB as RDF (the project's model), in a graph named KB_GRAPH."""
        graph = Graph(identifier=KB_GRAPH)
        for prefix, ns in (("ag", AG), ("id", ID), ("wd", WD), ("prov", PROV), ("skos", SKOS)):
            graph.bind(prefix, ns)
        for entry in self.entries:
            _add_entry(graph, entry)
        for office in self.office_list:
            _add_affiliation(
                graph,
                "holdsPosition",
                office.person,
                office.organization,
                office.start,
                office.end,
                office.role,
            )
        for link in self.links:
            _add_affiliation(graph, link.type, link.source, link.target, link.start, link.end)
        return graph


def report(
    base: KnowledgeBase,
    names: Iterable[str] = (),
    role: str | None = None,
    organization: str | None = None,
    on: str | None = None,
) -> str:
    """Text for the `actorgraph kb` command: lookups, a post's holder, or the KB's counts."""
    lines: list[str] = []
    if role or organization:
        if not (role and organization and on):
            raise ActorgraphError("--role needs --of ORGANISATION and --on YYYY-MM-DD")
        targets = base.find(organization)
        if not targets:
            raise ActorgraphError(f"unknown organisation or country {organization!r}")
        holder = base.holder(role, targets[0].key, on)
        who = f"{holder.label} ({holder.key})" if holder else "no holder known"
        lines.append(f"{role} of {targets[0].label} on {on}: {who}")
    for name in names:
        found = base.find(name)
        if not found:
            lines.append(f"{name}: not in the knowledge base")
        for entry in found:
            lines.extend(base.describe(entry, on))
    if not lines:
        lines = [f"{name}: {count}" for name, count in base.stats().items()]
    return "\n".join(lines)


def _check_day(day: str) -> None:
    if not _DATE.fullmatch(day):
        raise ActorgraphError(f"not a date (YYYY-MM-DD): {day!r}")


def _add_entry(graph: Graph, entry: KBEntry) -> None:
    """An actor as documents write it, plus its KB key and a country's ISO code, capital and
    demonyms."""
    node = URIRef(entry.iri)
    aliases = list(entry.aliases)
    add_actor(
        graph, Actor(entry.iri, entry.label, entry.type, aliases, entry.wikidata, entry.country)
    )
    graph.add((node, AG.kbKey, Literal(entry.key)))
    if entry.iso3:
        graph.add((node, AG.iso3, Literal(entry.iso3)))
    if entry.capital:
        graph.add((node, AG.capital, Literal(entry.capital)))
    for word in entry.demonyms:
        graph.add((node, AG.demonym, Literal(word)))


def _add_affiliation(
    graph: Graph,
    type_name: str,
    source: str,
    target: str,
    start: str | None,
    end: str | None,
    role: str | None = None,
) -> None:
    """One n-ary affiliation node with its direct edge, derived from the KB graph."""
    ident = "|".join((type_name, source, role or "", target, start or ""))
    digest = hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16]
    node = URIRef(f"{KB_GRAPH}/rel/{digest}")
    graph.add((node, RDF.type, AG.Affiliation))
    if type_name == "holdsPosition":
        graph.add((node, RDF.type, AG.Position))
    graph.add((node, AG.relationType, relation_type_iri(type_name)))
    graph.add((node, AG.source, ID[source]))
    graph.add((node, AG.target, ID[target]))
    if role:
        graph.add((node, AG.role, Literal(role)))
    if start:
        graph.add((node, AG.startDate, Literal(start, datatype=XSD.date)))
    if end:
        graph.add((node, AG.endDate, Literal(end, datatype=XSD.date)))
    graph.add((node, AG.factuality, AG.asserted))
    graph.add((node, PROV.wasDerivedFrom, KB_GRAPH))
    graph.add((ID[source], direct_property(type_name), ID[target]))


# --------------------------------------------------------------------------- loading


_COLUMNS = {
    "countries.csv": (
        "key",
        "label",
        "iso3",
        "wikidata",
        "un_member",
        "capital",
        "aliases",
        "demonyms",
    ),
    "organizations.csv": ("key", "label", "type", "wikidata", "country", "aliases"),
    "persons.csv": ("key", "label", "wikidata", "country", "aliases"),
    "offices.csv": ("person", "role", "organization", "start", "end"),
    "relations.csv": ("source", "type", "target", "start", "end"),
}


class _Rows:
    """Reads one KB CSV file, checking its header, and reports errors as "file:line: ..."."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.line = 1

    def fail(self, message: str) -> ActorgraphError:
        return ActorgraphError(f"knowledge base {self.path}:{self.line}: {message}")

    def __iter__(self) -> Iterator[dict[str, str]]:
        columns = _COLUMNS[self.path.name]
        try:
            with self.path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in columns if c not in (reader.fieldnames or ())]
                if missing:
                    raise self.fail(f"missing column {', '.join(missing)}")
                for row in reader:
                    self.line = reader.line_num
                    if None in row or any(v is None for v in row.values()):
                        raise self.fail("wrong number of fields")
                    yield {k: (row[k] or "").strip() for k in columns}
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise self.fail(f"cannot read: {exc}") from None

    def optional(self, row: dict[str, str], column: str, pattern: re.Pattern[str]) -> str | None:
        value = row[column]
        if not value:
            return None
        if not pattern.fullmatch(value):
            raise self.fail(f"bad {column} {value!r}")
        return value

    def required(self, row: dict[str, str], column: str, pattern: re.Pattern[str]) -> str:
        value = self.optional(row, column, pattern)
        if value is None:
            raise self.fail(f"empty {column}")
        return value

    def day(self, row: dict[str, str], column: str) -> str | None:
        value = self.optional(row, column, _DATE)
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise self.fail(f"bad {column} {value!r}") from None
        return value


def _split(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in cell.split("|") if p.strip()))


def _read_countries(rows: _Rows) -> Iterator[KBEntry]:
    for row in rows:
        key = rows.required(row, "key", _KEY)
        iso3 = rows.required(row, "iso3", _ISO3)
        if key != f"country/{iso3}":
            raise rows.fail(f"key {key!r} does not match iso3 {iso3!r}")
        if row["un_member"] not in ("yes", "no"):
            raise rows.fail(f"un_member must be yes or no, not {row['un_member']!r}")
        capitals = _split(row["capital"])
        if not row["label"]:
            raise rows.fail("empty label")
        yield KBEntry(
            key=key,
            label=row["label"],
            type="Country",
            aliases=_split(row["aliases"]),
            wikidata=rows.optional(row, "wikidata", _WIKIDATA),
            country=iso3,
            iso3=iso3,
            capital=capitals[0] if capitals else None,
            capital_names=capitals,
            demonyms=_split(row["demonyms"]),
            un_member=row["un_member"] == "yes",
        )


def _read_actors(rows: _Rows, fixed_type: str | None) -> Iterator[KBEntry]:
    prefix = "person/" if fixed_type == "Person" else "org/"
    for row in rows:
        key = rows.required(row, "key", _KEY)
        if not key.startswith(prefix):
            raise rows.fail(f"key {key!r} must start with {prefix!r}")
        type_name = fixed_type or row["type"]
        if fixed_type is None and type_name not in _ORG_TYPES:
            raise rows.fail(f"unknown type {type_name!r}")
        if not row["label"]:
            raise rows.fail("empty label")
        yield KBEntry(
            key=key,
            label=row["label"],
            type=type_name,
            aliases=_split(row["aliases"]),
            wikidata=rows.optional(row, "wikidata", _WIKIDATA),
            country=rows.optional(row, "country", _ISO3),
        )


def _read_dated(path: Path, make: type[_Dated], known: dict[str, str]) -> list[_Dated]:
    """A file of dated relations between actors read before (offices.csv: person, role,
    organization; relations.csv: source, type, target; then start and end); none if absent."""
    if not path.is_file():
        return []
    rows = _Rows(path)
    first, kind, second = _COLUMNS[path.name][:3]
    found = []
    for row in rows:
        if kind == "type" and row["type"] not in _LINK_TYPES:
            raise rows.fail(f"unknown relation type {row['type']!r}")
        source = rows.required(row, first, _KEY)
        value = row[kind] if kind == "type" else rows.required(row, kind, _ROLE)
        target = rows.required(row, second, _KEY)
        start, end = rows.day(row, "start"), rows.day(row, "end")
        _check_span(rows, start, end)
        _check_refs(rows, known, source, target)
        found.append(make(source, value, target, start, end))
    return found


def _check_span(rows: _Rows, start: str | None, end: str | None) -> None:
    if start and end and end < start:
        raise rows.fail(f"end {end} before start {start}")


def _collect(path: Path) -> KnowledgeBase:
    entries: list[KBEntry] = []
    origin: dict[str, str] = {}

    def add(rows: _Rows, found: Iterable[KBEntry]) -> None:
        for entry in found:
            if entry.key in origin:
                raise rows.fail(f"duplicate key {entry.key!r} (first in {origin[entry.key]})")
            origin[entry.key] = f"{rows.path.name}:{rows.line}"
            entries.append(entry)

    files = {name: path / name for name in _COLUMNS}
    if not files["countries.csv"].is_file():
        raise ActorgraphError(f"knowledge base {path}: countries.csv not found")
    rows = _Rows(files["countries.csv"])
    add(rows, _read_countries(rows))
    for name, fixed in (("organizations.csv", None), ("persons.csv", "Person")):
        if files[name].is_file():
            rows = _Rows(files[name])
            add(rows, _read_actors(rows, fixed))
    offices = _read_dated(files["offices.csv"], Office, origin)
    links = _read_dated(files["relations.csv"], Link, origin)
    for entry in entries:
        if entry.country and f"country/{entry.country}" not in origin:
            raise ActorgraphError(
                f"knowledge base {origin[entry.key]}: unknown country {entry.country!r}"
            )
    return KnowledgeBase(tuple(entries), tuple(offices), tuple(links))


def _check_refs(rows: _Rows, known: dict[str, str], *keys: str) -> None:
    for key in keys:
        if key not in known:
            raise rows.fail(f"unknown actor {key!r}")


@functools.lru_cache(maxsize=8)
def _load_cached(path: str) -> KnowledgeBase:
    return _collect(Path(path))


def load(path: Path | str | None = None) -> KnowledgeBase:
    """The knowledge base in folder `path` (default: the shipped `data/kb/`), read once."""
    folder = Path(path) if path is not None else kb_dir()
    if not folder.is_dir():
        raise ActorgraphError(f"knowledge base folder not found: {folder}")
    return _load_cached(str(folder.resolve()))
