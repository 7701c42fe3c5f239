"""The RDF view of an extraction: one named graph per document, and the JSON read back from it.

`to_graph` writes the document, a mention of each actor it names (the name, other names,
class, Wikidata id and country it gives), the actors' descriptions, every relation as an
n-ary node (with evidence, factuality, attribution and PROV-O provenance) and the direct
actor-to-actor edges; `document_triples` makes the same triples as pyoxigraph terms, which a
build checks and writes without an rdflib graph in between. `split` (`split_triples`) parts
such a graph into what belongs to the document alone and what is shared by every document
(actor descriptions, direct edges, role and extractor concepts), which a store keeps once in
its actors graph. `document_json` reads the output contract object back FROM the document's
part, so the JSON is a view of the RDF and the two cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV
from rdflib.term import Node

from actorgraph import vocab
from actorgraph.errors import InputError
from actorgraph.model import Actor, Extraction, Relation
from actorgraph.terms import from_ox
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


Term = ox.NamedNode | ox.BlankNode | ox.Literal
Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, Term]


@functools.cache
def _iri(iri: str) -> ox.NamedNode:
    """The pyoxigraph IRI of a vocabulary term (made once: the same few recur in every graph)."""
    return ox.NamedNode(iri)


class _Names:
    """A namespace's terms as pyoxigraph IRIs, each made once (rdflib makes a new term at each
    attribute of a namespace, which costs more than the rest of a triple)."""

    def __init__(self, namespace: object) -> None:
        self._base = str(namespace)

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = ox.NamedNode(self._base + name)
        setattr(self, name, node)
        return node


_ag, _org, _owl, _prov = _Names(AG), _Names(ORG), _Names(OWL), _Names(PROV)
_rdfs, _skos, _schema = _Names(RDFS), _Names(SKOS), _Names(SCHEMA)
_dcterms = _Names(DCTERMS)
_XSD_DATE = ox.NamedNode(str(XSD.date))
_XSD_DATETIME = ox.NamedNode(str(XSD.dateTime))
_XSD_DOUBLE = ox.NamedNode(str(XSD.double))
_XSD_INTEGER = ox.NamedNode(str(XSD.integer))
_XSD_ANYURI = ox.NamedNode(str(XSD.anyURI))
_TYPE = _iri(str(RDF.type))


def to_graph(
    extraction: Extraction, generated_at: dt.datetime | None = None, fingerprint: str | None = None
) -> Graph:
    """The named graph of one document (identifier: the document IRI); `fingerprint` is the
    stored content hash (default: `content_hash(extraction)`)."""
    graph = Graph(identifier=document_iri(extraction.document.id))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o in document_triples(extraction, generated_at, fingerprint):
        graph.add((from_ox(s), from_ox(p), from_ox(o)))
    return graph


def document_triples(
    extraction: Extraction, generated_at: dt.datetime | None = None, fingerprint: str | None = None
) -> list[Triple]:
    """The triples of `to_graph` as pyoxigraph terms, in the order they are made (a triple
    made twice is there twice): what a build checks and writes without an rdflib graph."""
    doc = extraction.document
    doc_node = ox.NamedNode(str(document_iri(doc.id)))
    out: list[Triple] = []
    activity = ox.NamedNode(f"{doc_node.value}/extraction")
    _add_document(out, extraction, doc_node, fingerprint or content_hash(extraction))
    _add_activity(out, extraction, activity, doc_node, generated_at)
    for number, actor in enumerate(extraction.actors, start=1):
        out += actor_triples(actor)
        _add_mention(out, actor, ox.NamedNode(f"{doc_node.value}/mention/{number}"), doc_node)
    for number, relation in enumerate(extraction.relations, start=1):
        node = ox.NamedNode(str(relation_iri(doc.id, number)))
        _add_relation(out, relation, node, doc_node, activity)
    return out


def _date(value: str | None, what: str) -> ox.Literal | None:
    """An xsd:date literal for "YYYY-MM-DD"; an impossible date is a clear input error."""
    if value is None:
        return None
    try:
        return ox.Literal(dt.date.fromisoformat(value).isoformat(), datatype=_XSD_DATE)
    except ValueError:
        raise InputError(f"{what}: impossible date {value!r} (expected YYYY-MM-DD)") from None


def _add_document(
    out: list[Triple], extraction: Extraction, node: ox.NamedNode, fingerprint: str
) -> None:
    doc = extraction.document
    out.append((node, _TYPE, _ag.Document))
    out.append((node, _TYPE, _prov.Entity))
    out.append((node, _ag.path, ox.Literal(doc.path)))
    out.append((node, _schema.sha256, ox.Literal(fingerprint)))
    optional = (
        (_dcterms.title, ox.Literal(doc.title) if doc.title else None),
        (_dcterms.date, _date(doc.date, f"document {doc.id}")),
        (_dcterms.source, ox.Literal(doc.source) if doc.source else None),
        (_dcterms.language, ox.Literal(doc.language) if doc.language else None),
        (_schema.url, ox.Literal(doc.url, datatype=_XSD_ANYURI) if doc.url else None),
    )
    for predicate, value in optional:
        if value is not None:
            out.append((node, predicate, value))


def _add_activity(
    out: list[Triple],
    extraction: Extraction,
    activity: ox.NamedNode,
    doc_node: ox.NamedNode,
    generated_at: dt.datetime | None,
) -> None:
    when = generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    agent = _iri(AGENT[slug(extraction.extractor) or "extractor"])
    label = ox.Literal(extraction.extractor)
    out.append((activity, _TYPE, _ag.Extraction))
    out.append((activity, _TYPE, _prov.Activity))
    out.append((activity, _rdfs.label, label))
    out.append((activity, _prov.used, doc_node))
    out.append((activity, _prov.wasAssociatedWith, agent))
    out.append((activity, _prov.endedAtTime, ox.Literal(when.isoformat(), datatype=_XSD_DATETIME)))
    out.append((agent, _TYPE, _prov.SoftwareAgent))
    out.append((agent, _rdfs.label, label))


def add_actor(graph: Graph, actor: Actor) -> None:
    """Add an actor's triples (`actor_triples`) to an rdflib graph."""
    for s, p, o in actor_triples(actor):
        graph.add((from_ox(s), from_ox(p), from_ox(o)))


def actor_triples(actor: Actor) -> list[Triple]:
    """An actor's triples: class, label, aliases, Wikidata link and country (the RDF model's
    actor part, shared by document graphs and the knowledge base)."""
    node = ox.NamedNode(actor.id)
    out: list[Triple] = [
        (node, _TYPE, _iri(vocab.actor_class(actor.type))),
        (node, _rdfs.label, ox.Literal(actor.label)),
    ]
    for alias in actor.aliases:
        if alias != actor.label:
            out.append((node, _skos.altLabel, ox.Literal(alias)))
    if actor.wikidata:
        out.append((node, _ag.wikidata, ox.Literal(actor.wikidata)))
        out.append((node, _owl.sameAs, ox.NamedNode(str(WD[actor.wikidata]))))
    if actor.country:
        out.append((node, _ag.countryCode, ox.Literal(actor.country)))
        if actor.type == "Country":
            out.append((node, _ag.iso3, ox.Literal(actor.country)))
        else:
            out.append((node, _ag.country, ox.NamedNode(str(ID[f"country/{actor.country}"]))))
    return out


def _add_mention(
    out: list[Triple], actor: Actor, node: ox.NamedNode, doc_node: ox.NamedNode
) -> None:
    """What one document says of an actor, kept in the document's own graph."""
    out.append((node, _TYPE, _ag.Mention))
    out.append((node, _ag.mentionOf, ox.NamedNode(actor.id)))
    out.append((node, _ag.mentionedIn, doc_node))
    out.append((node, _ag.name, ox.Literal(actor.label)))
    out.append((node, _ag.actorClass, _iri(vocab.actor_class(actor.type))))
    for alias in actor.aliases:
        if alias != actor.label:
            out.append((node, _ag.alias, ox.Literal(alias)))
    if actor.wikidata:
        out.append((node, _ag.mentionWikidata, ox.Literal(actor.wikidata)))
    if actor.country:
        out.append((node, _ag.mentionCountry, ox.Literal(actor.country)))


_SHARED_CLASSES = frozenset({*_ACTOR_CLASSES, str(ORG.Role), str(PROV.SoftwareAgent)})
_SHARED_OX = frozenset(_iri(cls) for cls in _SHARED_CLASSES)


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


def split_triples(triples: list[Triple]) -> tuple[list[Triple], list[Triple]]:
    """`split` on pyoxigraph triples: (the document's own, the shared), in their order."""
    shared_subjects = {
        s for s, p, o in triples if p == _TYPE and o in _SHARED_OX and isinstance(s, ox.NamedNode)
    }
    own: list[Triple] = []
    shared: list[Triple] = []
    for triple in triples:
        (shared if triple[0] in shared_subjects else own).append(triple)
    return own, shared


def _add_relation(
    out: list[Triple],
    rel: Relation,
    node: ox.NamedNode,
    doc_node: ox.NamedNode,
    activity: ox.NamedNode,
) -> None:
    source = ox.NamedNode(rel.source)
    target = ox.NamedNode(rel.target) if rel.target else None
    is_event = rel.type in vocab.PLOVER_TYPES
    out.append((node, _TYPE, _ag.Event if is_event else _ag.Affiliation))
    out.append((node, _ag.relationType, _iri(vocab.relation_type_iri(rel.type))))
    out.append((node, _ag.source, source))
    if target is not None:
        out.append((node, _ag.target, target))
    if not is_event:
        _add_qualified_affiliation(out, rel, node, source, target)
    if rel.role:
        out.append((node, _ag.role, ox.Literal(rel.role)))
    if rel.mode:
        out.append((node, _ag.mode, ox.Literal(rel.mode)))
    date = _date(rel.date, f"relation {node.value}")
    if date is not None:
        out.append((node, _ag.date, date))
    out.append((node, _ag.factuality, _iri(vocab.factuality_iri(rel.factuality))))
    if rel.attributed_to:
        out.append((node, _ag.attributedTo, ox.NamedNode(rel.attributed_to)))
    confidence = repr(round(float(rel.confidence), 4))  # rdflib's xsd:double lexical form
    out.append((node, _ag.confidence, ox.Literal(confidence, datatype=_XSD_DOUBLE)))
    evidence = ox.NamedNode(f"{node.value}/evidence")
    integer = _XSD_INTEGER
    out.append((node, _ag.evidence, evidence))
    out.append((evidence, _TYPE, _ag.Evidence))
    out.append((evidence, _ag.sentence, ox.Literal(rel.evidence.sentence)))
    out.append((evidence, _ag.startOffset, ox.Literal(str(rel.evidence.start), datatype=integer)))
    out.append((evidence, _ag.endOffset, ox.Literal(str(rel.evidence.end), datatype=integer)))
    out.append((evidence, _ag.document, doc_node))
    out.append((node, _prov.wasGeneratedBy, activity))
    out.append((node, _prov.wasDerivedFrom, doc_node))
    if target is not None and rel.factuality in _DIRECT_FACTUALITY:
        out.append((source, _iri(vocab.direct_property(rel.type)), target))


def _add_qualified_affiliation(
    out: list[Triple],
    rel: Relation,
    node: ox.NamedNode,
    source: ox.NamedNode,
    target: ox.NamedNode | None,
) -> None:
    """W3C ORG's qualified form: a post is an org:Membership with its org:Role."""
    if rel.type == "holdsPosition":
        out.append((node, _TYPE, _ag.Position))
    if rel.type not in ("holdsPosition", "memberOf") or target is None:
        return
    out.append((node, _TYPE, _org.Membership))
    out.append((node, _org.member, source))
    out.append((node, _org.organization, target))
    if rel.role:
        role = _iri(role_iri(rel.role))
        out.append((node, _org.role, role))
        out.append((role, _TYPE, _org.Role))
        out.append((role, _rdfs.label, ox.Literal(rel.role)))


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
