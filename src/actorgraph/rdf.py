"""The RDF view of an extraction: one named graph per document, and the JSON read back from it.

`to_graph` writes the document, a mention of each actor it names (the name, other names,
class, Wikidata id and country it gives), the actors' descriptions, every relation as an
n-ary node (with evidence, factuality, attribution and PROV-O provenance) and the direct
actor-to-actor edges. `split` parts such a graph into what belongs to the document alone and
what is shared by every document (actor descriptions, direct edges, role and extractor
concepts), which a store keeps once in its actors graph. `document_json` reads the output
contract object back FROM the document's part, so the JSON is a view of the RDF and the two
cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV
from rdflib.term import Node

from actorgraph import vocab
from actorgraph.errors import InputError
from actorgraph.model import Actor, Extraction, Relation
from actorgraph.vocab import ACTORS_GRAPH, AG, DOC, ID, WD

SCHEMA = Namespace("https://schema.org/")
AGENT = Namespace("https://w3id.org/actorgraph/agent/")
"""Software agents (extractors) that generated relations."""
ONTOLOGY_GRAPH = URIRef("https://w3id.org/actorgraph/graph/ontology")
"""Named graph holding the ontology (event-type concepts with their scores) in a store."""

PREFIXES: dict[str, Any] = {
    "ag": AG,
    "id": ID,
    "doc": DOC,
    "wd": WD,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "owl": OWL,
    "org": ORG,
    "schema": SCHEMA,
    "xsd": XSD,
    "rdfs": RDFS,
}

_ACTOR_CLASSES = {str(vocab.actor_class(name)): name for name in vocab.ACTOR_TYPES}
_DIRECT_FACTUALITY = ("asserted", "reported")


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document, which is also the name of its named graph."""
    return DOC[quote(doc_id, safe="-._~")]


def document_id(iri: str) -> str:
    """The document id behind a document IRI (inverse of `document_iri`)."""
    from urllib.parse import unquote

    text = str(iri)
    if not text.startswith(str(DOC)):
        raise ValueError(f"not a document IRI: {iri}")
    return unquote(text[len(str(DOC)) :])


def relation_iri(doc_id: str, number: int) -> URIRef:
    """The IRI of the `number`-th relation node (from 1) of a document."""
    return URIRef(f"{document_iri(doc_id)}/rel/{number}")


def role_iri(role: str) -> URIRef:
    """An org:Role concept for a role title such as "foreign minister"."""
    return ID["role/" + slug(role)]


def slug(text: str) -> str:
    """Lower-case ASCII with runs of other characters as "-" (the RDF model's slug)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def content_hash(extraction: Extraction, setup: str = "") -> str:
    """A fingerprint of what the graph is made from: the text, its metadata, the extractor and
    `setup` (a digest of what else shapes the extraction: knowledge base, lexicons, version)."""
    d = extraction.document
    parts = [d.text, d.date or "", d.title or "", d.source or "", d.language or "", d.path]
    parts += [extraction.extractor, setup] + ([d.url] if d.url else [])
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def to_graph(
    extraction: Extraction, generated_at: dt.datetime | None = None, fingerprint: str | None = None
) -> Graph:
    """The named graph of one document (identifier: the document IRI); `fingerprint` is the
    stored content hash (default: `content_hash(extraction)`)."""
    doc = extraction.document
    doc_node = document_iri(doc.id)
    graph = Graph(identifier=doc_node)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    activity = URIRef(f"{doc_node}/extraction")
    _add_document(graph, extraction, doc_node, fingerprint or content_hash(extraction))
    _add_activity(graph, extraction, activity, doc_node, generated_at)
    for number, actor in enumerate(extraction.actors, start=1):
        add_actor(graph, actor)
        _add_mention(graph, actor, URIRef(f"{doc_node}/mention/{number}"), doc_node)
    for number, relation in enumerate(extraction.relations, start=1):
        _add_relation(graph, relation, relation_iri(doc.id, number), doc_node, activity)
    return graph


def _date(value: str | None, what: str) -> Literal | None:
    """An xsd:date literal for "YYYY-MM-DD"; an impossible date is a clear input error."""
    if value is None:
        return None
    try:
        return Literal(dt.date.fromisoformat(value).isoformat(), datatype=XSD.date)
    except ValueError:
        raise InputError(f"{what}: impossible date {value!r} (expected YYYY-MM-DD)") from None


def _add_document(graph: Graph, extraction: Extraction, node: URIRef, fingerprint: str) -> None:
    doc = extraction.document
    graph.add((node, RDF.type, AG.Document))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, AG.path, Literal(doc.path)))
    graph.add((node, SCHEMA.sha256, Literal(fingerprint)))
    optional = (
        (DCTERMS.title, Literal(doc.title) if doc.title else None),
        (DCTERMS.date, _date(doc.date, f"document {doc.id}")),
        (DCTERMS.source, Literal(doc.source) if doc.source else None),
        (DCTERMS.language, Literal(doc.language) if doc.language else None),
        (SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI) if doc.url else None),
    )
    for predicate, value in optional:
        if value is not None:
            graph.add((node, predicate, value))


def _add_activity(
    graph: Graph,
    extraction: Extraction,
    activity: URIRef,
    doc_node: URIRef,
    generated_at: dt.datetime | None,
) -> None:
    when = generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    agent = AGENT[slug(extraction.extractor) or "extractor"]
    graph.add((activity, RDF.type, AG.Extraction))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(extraction.extractor)))
    graph.add((activity, PROV.used, doc_node))
    graph.add((activity, PROV.wasAssociatedWith, agent))
    graph.add((activity, PROV.endedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(extraction.extractor)))


def add_actor(graph: Graph, actor: Actor) -> None:
    """An actor's triples: class, label, aliases, Wikidata link and country (the RDF model's
    actor part, shared by document graphs and the knowledge base)."""
    node = URIRef(actor.id)
    graph.add((node, RDF.type, vocab.actor_class(actor.type)))
    graph.add((node, RDFS.label, Literal(actor.label)))
    for alias in actor.aliases:
        if alias != actor.label:
            graph.add((node, SKOS.altLabel, Literal(alias)))
    if actor.wikidata:
        graph.add((node, AG.wikidata, Literal(actor.wikidata)))
        graph.add((node, OWL.sameAs, WD[actor.wikidata]))
    if actor.country:
        graph.add((node, AG.countryCode, Literal(actor.country)))
        if actor.type == "Country":
            graph.add((node, AG.iso3, Literal(actor.country)))
        else:
            graph.add((node, AG.country, ID[f"country/{actor.country}"]))


def _add_mention(graph: Graph, actor: Actor, node: URIRef, doc_node: URIRef) -> None:
    """What one document says of an actor, kept in the document's own graph."""
    graph.add((node, RDF.type, AG.Mention))
    graph.add((node, AG.mentionOf, URIRef(actor.id)))
    graph.add((node, AG.mentionedIn, doc_node))
    graph.add((node, AG.name, Literal(actor.label)))
    graph.add((node, AG.actorClass, vocab.actor_class(actor.type)))
    for alias in actor.aliases:
        if alias != actor.label:
            graph.add((node, AG.alias, Literal(alias)))
    if actor.wikidata:
        graph.add((node, AG.mentionWikidata, Literal(actor.wikidata)))
    if actor.country:
        graph.add((node, AG.mentionCountry, Literal(actor.country)))


_SHARED_CLASSES = frozenset({*_ACTOR_CLASSES, str(ORG.Role), str(PROV.SoftwareAgent)})


def split(graph: Graph) -> tuple[Graph, Graph]:
    """(the graph's own part, its shared part): the shared part holds every triple about an
    actor, an org:Role or a software agent typed in `graph` (descriptions and direct edges),
    which a store keeps once in its actors graph; the own part keeps the rest."""
    shared_subjects = {
        subject
        for subject, cls in graph.subject_objects(RDF.type)
        if str(cls) in _SHARED_CLASSES and not isinstance(subject, BNode)
    }
    own, shared = Graph(identifier=graph.identifier), Graph(identifier=ACTORS_GRAPH)
    for prefix, namespace in graph.namespaces():
        own.bind(prefix, namespace)
        shared.bind(prefix, namespace)
    for triple in graph:
        (shared if triple[0] in shared_subjects else own).add(triple)
    return own, shared


def _add_relation(
    graph: Graph, rel: Relation, node: URIRef, doc_node: URIRef, activity: URIRef
) -> None:
    source = URIRef(rel.source)
    target = URIRef(rel.target) if rel.target else None
    is_event = rel.type in vocab.PLOVER_TYPES
    graph.add((node, RDF.type, AG.Event if is_event else AG.Affiliation))
    graph.add((node, AG.relationType, vocab.relation_type_iri(rel.type)))
    graph.add((node, AG.source, source))
    if target is not None:
        graph.add((node, AG.target, target))
    if not is_event:
        _add_qualified_affiliation(graph, rel, node, source, target)
    if rel.role:
        graph.add((node, AG.role, Literal(rel.role)))
    if rel.mode:
        graph.add((node, AG.mode, Literal(rel.mode)))
    date = _date(rel.date, f"relation {node}")
    if date is not None:
        graph.add((node, AG.date, date))
    graph.add((node, AG.factuality, vocab.factuality_iri(rel.factuality)))
    if rel.attributed_to:
        graph.add((node, AG.attributedTo, URIRef(rel.attributed_to)))
    graph.add((node, AG.confidence, Literal(round(float(rel.confidence), 4), datatype=XSD.double)))
    evidence = URIRef(f"{node}/evidence")
    graph.add((node, AG.evidence, evidence))
    graph.add((evidence, RDF.type, AG.Evidence))
    graph.add((evidence, AG.sentence, Literal(rel.evidence.sentence)))
    graph.add((evidence, AG.startOffset, Literal(rel.evidence.start, datatype=XSD.integer)))
    graph.add((evidence, AG.endOffset, Literal(rel.evidence.end, datatype=XSD.integer)))
    graph.add((evidence, AG.document, doc_node))
    graph.add((node, PROV.wasGeneratedBy, activity))
    graph.add((node, PROV.wasDerivedFrom, doc_node))
    if target is not None and rel.factuality in _DIRECT_FACTUALITY:
        graph.add((source, vocab.direct_property(rel.type), target))


def _add_qualified_affiliation(
    graph: Graph, rel: Relation, node: URIRef, source: URIRef, target: URIRef | None
) -> None:
    """W3C ORG's qualified form: a post is an org:Membership with its org:Role."""
    if rel.type == "holdsPosition":
        graph.add((node, RDF.type, AG.Position))
    if rel.type not in ("holdsPosition", "memberOf") or target is None:
        return
    graph.add((node, RDF.type, ORG.Membership))
    graph.add((node, ORG.member, source))
    graph.add((node, ORG.organization, target))
    if rel.role:
        role = role_iri(rel.role)
        graph.add((node, ORG.role, role))
        graph.add((role, RDF.type, ORG.Role))
        graph.add((role, RDFS.label, Literal(rel.role)))


# --- reading the JSON contract back from the graph -------------------------------------------


def _one(graph: Graph, subject: Node, predicate: URIRef) -> Node | None:
    return next(iter(graph.objects(subject, predicate)), None)


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    value = _one(graph, subject, predicate)
    return None if value is None else str(value)


def _local(iri: Node | None) -> str | None:
    return None if iri is None else str(iri).rsplit("#", 1)[-1]


def _actor_json(graph: Graph, mention: Node) -> dict[str, Any]:
    label = _text(graph, mention, AG.name) or ""
    aliases = sorted({str(a) for a in graph.objects(mention, AG.alias)} - {label})
    return {
        "id": _text(graph, mention, AG.mentionOf),
        "label": label,
        "type": _ACTOR_CLASSES.get(str(_one(graph, mention, AG.actorClass)), "Organization"),
        "aliases": aliases,
        "wikidata": _text(graph, mention, AG.mentionWikidata),
        "country": _text(graph, mention, AG.mentionCountry),
    }


def _relation_json(graph: Graph, node: Node) -> dict[str, Any]:
    evidence = _one(graph, node, AG.evidence)
    start = _one(graph, evidence, AG.startOffset) if evidence is not None else None
    end = _one(graph, evidence, AG.endOffset) if evidence is not None else None
    confidence = _one(graph, node, AG.confidence)
    return {
        "source": _text(graph, node, AG.source),
        "type": _local(_one(graph, node, AG.relationType)),
        "target": _text(graph, node, AG.target),
        "mode": _text(graph, node, AG.mode),
        "role": _text(graph, node, AG.role),
        "date": _text(graph, node, AG.date),
        "factuality": _local(_one(graph, node, AG.factuality)),
        "attributed_to": _text(graph, node, AG.attributedTo),
        "evidence": {
            "sentence": _text(graph, evidence, AG.sentence) if evidence is not None else "",
            "start": int(start.toPython()) if isinstance(start, Literal) else 0,
            "end": int(end.toPython()) if isinstance(end, Literal) else 0,
        },
        "confidence": float(confidence.toPython()) if isinstance(confidence, Literal) else 0.0,
    }


def _relation_number(node: Node) -> int:
    tail = str(node).rsplit("/rel/", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def document_json(graph: Graph, doc_id: str) -> dict[str, Any]:
    """The output-contract object of one document, read from its RDF graph (the whole graph
    `to_graph` makes, or the document's own part that a store keeps)."""
    node = document_iri(doc_id)
    actors = sorted(
        (_actor_json(graph, mention) for mention in graph.subjects(AG.mentionedIn, node)),
        key=lambda a: (vocab.ACTOR_TYPES.index(a["type"]), a["label"], a["id"]),
    )
    relation_nodes = sorted(
        {n for n in graph.subjects(AG.relationType, None) if str(n).startswith(f"{node}/rel/")},
        key=_relation_number,
    )
    return {
        "id": doc_id,
        "path": _text(graph, node, AG.path),
        "date": _text(graph, node, DCTERMS.date),
        "title": _text(graph, node, DCTERMS.title),
        "actors": actors,
        "relations": [_relation_json(graph, rel) for rel in relation_nodes],
    }
