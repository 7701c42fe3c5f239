"""Scoring an extraction against a hand-coded gold standard (`data/gold/<stem>.yaml`).

Actors match by normalised name or alias, or by Wikidata id; relations match by type, source
and target (either direction for symmetric types), through the actor matching.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from actorgraph.errors import ActorgraphError
from actorgraph.model import Actor, Extraction
from actorgraph.names import name_key
from actorgraph.resources import read_yaml
from actorgraph.vocab import (
    ACTOR_TYPES,
    FACTUALITY,
    PLOVER_TYPES,
    RELATION_TYPES,
    SYMMETRIC_TYPES,
)


@dataclass(frozen=True)
class GoldActor:
    """An actor of the gold standard."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None

    def name_keys(self) -> set[str]:
        return {name_key(n) for n in (self.name, *self.aliases)} - {""}


@dataclass(frozen=True)
class GoldRelation:
    """A relation of the gold standard; each field lists the readings accepted."""

    types: tuple[str, ...]
    sources: tuple[str, ...]
    targets: tuple[str | None, ...]
    roles: tuple[str, ...] = ()
    mode: str | None = None
    factuality: str = "asserted"

    def label(self) -> str:
        target = "|".join(t or "-" for t in self.targets)
        return f"{'|'.join(self.types)}({'|'.join(self.sources)} -> {target})"


@dataclass(frozen=True)
class Gold:
    """The gold standard of one document."""

    document: str
    actors: tuple[GoldActor, ...]
    relations: tuple[GoldRelation, ...]


@dataclass(frozen=True)
class PRF:
    """Precision and recall with the counts behind them: predictions that are right, of all
    predictions; gold items found, of all gold items (two predictions may find one item)."""

    correct: int
    predicted: int
    found: int
    expected: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.correct + other.correct,
            self.predicted + other.predicted,
            self.found + other.found,
            self.expected + other.expected,
        )

    def as_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class Ratio:
    """A share such as type accuracy: `correct` of `total`."""

    correct: int
    total: int

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.correct + other.correct, self.total + other.total)

    def as_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "value": self.value}


@dataclass
class DocumentScore:
    """The scores of one document, with what was missed and what was spurious."""

    document: str
    actors: PRF
    types: Ratio
    relations: PRF
    roles: Ratio
    interactions: PRF = PRF(0, 0, 0, 0)
    affiliations: PRF = PRF(0, 0, 0, 0)
    missed_actors: list[str] = field(default_factory=list)
    spurious_actors: list[str] = field(default_factory=list)
    wrong_types: list[str] = field(default_factory=list)
    missed_relations: list[str] = field(default_factory=list)
    spurious_relations: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("actors", "relations", "interactions", "affiliations"):
            data[name] = getattr(self, name).as_dict()
        for name in ("types", "roles"):
            data[name] = getattr(self, name).as_dict()
        return data


@dataclass
class Report:
    """Scores of every evaluated document and their micro-averaged total."""

    documents: list[DocumentScore]

    @property
    def actors(self) -> PRF:
        return sum((d.actors for d in self.documents), PRF(0, 0, 0, 0))

    @property
    def types(self) -> Ratio:
        return sum((d.types for d in self.documents), Ratio(0, 0))

    @property
    def relations(self) -> PRF:
        return sum((d.relations for d in self.documents), PRF(0, 0, 0, 0))

    @property
    def roles(self) -> Ratio:
        return sum((d.roles for d in self.documents), Ratio(0, 0))

    @property
    def interactions(self) -> PRF:
        return sum((d.interactions for d in self.documents), PRF(0, 0, 0, 0))

    @property
    def affiliations(self) -> PRF:
        return sum((d.affiliations for d in self.documents), PRF(0, 0, 0, 0))

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": [d.as_dict() for d in self.documents],
            "total": {
                "actors": self.actors.as_dict(),
                "types": self.types.as_dict(),
                "relations": self.relations.as_dict(),
                "roles": self.roles.as_dict(),
                "interactions": self.interactions.as_dict(),
                "affiliations": self.affiliations.as_dict(),
            },
        }

    def table(self, details: bool = True) -> str:
        """A plain-text table of the scores (and, with `details`, the errors)."""
        head = f"{'document':<40} {'actor P':>7} {'R':>5} {'F1':>5} {'type':>5}  "
        head += f"{'rel P':>5} {'R':>5} {'F1':>5} {'role':>5}  {'int F1':>6} {'aff F1':>6}"
        lines = [head, "-" * len(head)]
        rows: list[Any] = list(self.documents)
        if len(self.documents) > 1:
            rows.append(self)
        for row in rows:
            name = row.document if isinstance(row, DocumentScore) else "TOTAL (micro)"
            act, rel = row.actors, row.relations
            lines.append(
                f"{name[:40]:<40} {act.precision:7.2f} {act.recall:5.2f} {act.f1:5.2f} "
                f"{row.types.value:5.2f}  {rel.precision:5.2f} {rel.recall:5.2f} {rel.f1:5.2f} "
                f"{row.roles.value:5.2f}  {row.interactions.f1:6.2f} {row.affiliations.f1:6.2f}"
            )
        if details:
            for d in self.documents:
                for title, items in (
                    ("missed actors", d.missed_actors),
                    ("spurious actors", d.spurious_actors),
                    ("wrong types", d.wrong_types),
                    ("missed relations", d.missed_relations),
                    ("spurious relations", d.spurious_relations),
                ):
                    if items:
                        lines.append(f"{d.document}: {title}: " + "; ".join(items))
        return "\n".join(lines)


# --- reading gold files -------------------------------------------------------------------


def _as_tuple(value: Any) -> tuple[Any, ...]:
    if value is None:
        return (None,)
    if isinstance(value, list):
        return tuple(value) if value else (None,)
    return (value,)


def parse_gold(data: Any, origin: str) -> Gold:
    """A `Gold` from the parsed YAML of a gold file; `origin` names it in error messages."""
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ActorgraphError(f"{origin}: a gold file needs a mapping with an 'actors' list")
    actors: list[GoldActor] = []
    for item in data["actors"]:
        try:
            actor = GoldActor(
                key=str(item["key"]),
                name=str(item["name"]),
                type=str(item["type"]),
                aliases=tuple(str(a) for a in item.get("aliases") or ()),
                wikidata=item.get("wikidata"),
                country=item.get("country"),
            )
        except (KeyError, TypeError, AttributeError):
            raise ActorgraphError(f"{origin}: actor needs key, name and type: {item!r}") from None
        if actor.type not in ACTOR_TYPES:
            raise ActorgraphError(f"{origin}: actor {actor.key}: unknown type {actor.type!r}")
        actors.append(actor)
    keys = {a.key for a in actors}
    relations: list[GoldRelation] = []
    for item in _relation_items(data, origin):
        relation = _parse_relation(item, keys, origin)
        if relation not in relations:  # an event restated in a later sentence is one event
            relations.append(relation)
    return Gold(str(data.get("document") or ""), tuple(actors), tuple(relations))


def _relation_items(data: dict[str, Any], origin: str) -> list[Any]:
    """The relations of a gold file: its `relations` list, or those coded sentence by
    sentence under `sentences` (each `{n, relations: [...]}`)."""
    items = list(data.get("relations") or ())
    for sentence in data.get("sentences") or ():
        if not isinstance(sentence, dict) or not isinstance(sentence.get("relations"), list):
            raise ActorgraphError(f"{origin}: a coded sentence needs a 'relations' list")
        items += sentence["relations"]
    return items


def _parse_relation(item: Any, keys: set[str], origin: str) -> GoldRelation:
    if not isinstance(item, dict) or "type" not in item or "source" not in item:
        raise ActorgraphError(f"{origin}: relation needs type and source: {item!r}")
    relation = GoldRelation(
        types=_as_tuple(item["type"]),
        sources=_as_tuple(item["source"]),
        targets=_as_tuple(item.get("target")),
        roles=tuple(r for r in _as_tuple(item.get("role")) if r),
        mode=item.get("mode"),
        factuality=item.get("factuality", "asserted"),
    )
    for type_name in relation.types:
        if type_name not in RELATION_TYPES:
            raise ActorgraphError(f"{origin}: unknown relation type {type_name!r}")
    for key in (*relation.sources, *relation.targets):
        if key is not None and key not in keys:
            raise ActorgraphError(f"{origin}: relation {relation.label()}: unknown key {key!r}")
    if relation.factuality not in FACTUALITY:
        raise ActorgraphError(f"{origin}: unknown factuality {relation.factuality!r}")
    return relation


def load_gold(path: Path) -> Gold:
    """The gold standard in a YAML file."""
    try:
        data = read_yaml(path)  # a key given twice would silently drop gold
    except OSError as exc:
        raise ActorgraphError(f"{path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ActorgraphError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    return parse_gold(data, str(path))


# --- scoring ------------------------------------------------------------------------------


def match_actors(actors: Sequence[Actor], gold: Sequence[GoldActor]) -> dict[str, str]:
    """Extracted actor IRI -> gold key, one to one, best evidence first (Wikidata id, then the
    extracted label naming the gold actor, then any shared alias)."""
    candidates: list[tuple[int, int, int]] = []
    for i, actor in enumerate(actors):
        label = name_key(actor.label)
        names = {name_key(n) for n in (actor.label, *actor.aliases)} - {""}
        for j, g in enumerate(gold):
            gold_names = g.name_keys()
            if actor.wikidata and actor.wikidata == g.wikidata:
                score = 4
            elif label == name_key(g.name):
                score = 3
            elif label in gold_names:
                score = 2
            elif names & gold_names:
                score = 1
            else:
                continue
            candidates.append((-score, i, j))
    matched: dict[str, str] = {}
    used_gold: set[int] = set()
    for _, i, j in sorted(candidates):
        if actors[i].id in matched or j in used_gold:
            continue
        matched[actors[i].id] = gold[j].key
        used_gold.add(j)
    return matched


def relation_matches(
    gold: GoldRelation, type_name: str, source: str | None, target: str | None
) -> bool:
    if type_name not in gold.types:
        return False
    if source in gold.sources and target in gold.targets:
        return True
    return type_name in SYMMETRIC_TYPES and target in gold.sources and source in gold.targets


RelationKey = tuple[str, str | None, str | None]


def _match_relations(
    predicted: dict[RelationKey, str | None], gold: Sequence[GoldRelation]
) -> tuple[set[int], set[RelationKey], int, int]:
    """Gold relations found, predictions that are right, and role hits of the right ones."""
    found: set[int] = set()
    correct: set[RelationKey] = set()
    role_hits = role_total = 0
    for key, role in predicted.items():
        hits = [j for j, g in enumerate(gold) if relation_matches(g, *key)]
        if not hits:
            continue
        correct.add(key)
        found.update(hits)
        roles = {r for j in hits for r in gold[j].roles}
        if roles:
            role_total += 1
            role_hits += role in roles
    return found, correct, role_hits, role_total


def _family(type_names: Iterable[str]) -> str:
    return "interactions" if any(t in PLOVER_TYPES for t in type_names) else "affiliations"


def _family_prf(
    predicted: dict[RelationKey, str | None], gold: Sequence[GoldRelation], family: str
) -> PRF:
    """Relation P/R of one family: PLOVER interactions, or affiliations."""
    mine = {k: r for k, r in predicted.items() if _family([k[0]]) == family}
    theirs = [g for g in gold if _family(g.types) == family]
    found, correct, _, _ = _match_relations(mine, theirs)
    return PRF(len(correct), len(mine), len(found), len(theirs))


def score(extraction: Extraction, gold: Gold) -> DocumentScore:
    """The scores of one extraction against its gold standard."""
    matched = match_actors(extraction.actors, gold.actors)
    gold_by_key = {g.key: g for g in gold.actors}
    actor_prf = PRF(
        len(matched), len(extraction.actors), len(set(matched.values())), len(gold.actors)
    )
    wrong_types = [
        f"{a.label}: {a.type} (gold {gold_by_key[matched[a.id]].type})"
        for a in extraction.actors
        if a.id in matched and a.type != gold_by_key[matched[a.id]].type
    ]
    types = Ratio(len(matched) - len(wrong_types), len(matched))
    labels = {a.id: a.label for a in extraction.actors}

    predicted: dict[RelationKey, str | None] = {}
    spurious_names: dict[RelationKey, str] = {}
    for rel in extraction.relations:
        key: RelationKey = (
            rel.type,
            matched.get(rel.source, f"?{rel.source}"),
            matched.get(rel.target, f"?{rel.target}") if rel.target else None,
        )
        predicted.setdefault(key, rel.role)
        target_label = labels.get(rel.target, rel.target) if rel.target else "-"
        spurious_names[key] = f"{rel.type}({labels.get(rel.source, rel.source)} -> {target_label})"
    found, correct, role_hits, role_total = _match_relations(predicted, gold.relations)
    relation_prf = PRF(len(correct), len(predicted), len(found), len(gold.relations))
    families = {
        family: _family_prf(predicted, gold.relations, family)
        for family in ("interactions", "affiliations")
    }
    matched_keys = set(matched.values())
    return DocumentScore(
        document=extraction.document.id,
        actors=actor_prf,
        types=types,
        relations=relation_prf,
        roles=Ratio(role_hits, role_total),
        interactions=families["interactions"],
        affiliations=families["affiliations"],
        missed_actors=[g.name for g in gold.actors if g.key not in matched_keys],
        spurious_actors=[a.label for a in extraction.actors if a.id not in matched],
        wrong_types=wrong_types,
        missed_relations=[g.label() for j, g in enumerate(gold.relations) if j not in found],
        spurious_relations=[spurious_names[k] for k in predicted if k not in correct],
    )


def evaluate(extractions: Iterable[Extraction], golds: dict[str, Gold]) -> Report:
    """Scores of the extractions that have a gold standard (keyed by document id)."""
    return Report([score(e, golds[e.document.id]) for e in extractions if e.document.id in golds])


def gold_for(articles: Iterable[Path], gold_dir: Path) -> dict[Path, Gold]:
    """The articles among `articles` that have a gold file `<stem>.yaml` in `gold_dir`."""
    if not gold_dir.is_dir():
        raise ActorgraphError(f"{gold_dir}: no such gold directory")
    found: dict[Path, Gold] = {}
    for article in articles:
        path = gold_dir / f"{article.stem}.yaml"
        if path.is_file():
            found[article] = load_gold(path)
    return found


def run(paths: Iterable[Path], gold_dir: Path, model: str | None = None) -> Report:
    """Extract the articles under `paths` that have gold files and score them."""
    from actorgraph import nlp, pipeline, reader

    articles = gold_for(reader.find_articles(paths), gold_dir)
    if not articles:
        raise ActorgraphError(f"no gold standard in {gold_dir} for the given articles")
    documents = [reader.read_document(path) for path in articles]
    golds = {doc.id: articles[Path(doc.path)] for doc in documents}
    return evaluate(pipeline.extract_many(documents, nlp.load(model)), golds)
