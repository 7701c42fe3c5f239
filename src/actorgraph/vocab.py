"""The terms of the actorgraph ontology that code writes and reads, in one place.

Every IRI the package emits comes from here, so `ontology/actorgraph.ttl` and the code
cannot drift apart unnoticed (a test checks each term below is defined in the ontology).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef

AG = Namespace("https://w3id.org/actorgraph#")
"""The ontology: classes, properties and concepts."""

ID = Namespace("https://w3id.org/actorgraph/id/")
"""Actors: `ID/<kb key>` for knowledge-base actors, `ID/<type>/<name slug>` for others."""

DOC = Namespace("https://w3id.org/actorgraph/doc/")
"""Documents (also the names of their named graphs) and the nodes extracted from them."""

WD = Namespace("http://www.wikidata.org/entity/")
KB_GRAPH = URIRef("https://w3id.org/actorgraph/graph/kb")
"""Named graph holding the knowledge-base facts (posts, memberships) loaded into a store."""
ACTORS_GRAPH = URIRef("https://w3id.org/actorgraph/graph/actors")
"""Named graph holding each actor's description once (class, label, aliases, Wikidata id,
country) with the direct actor-to-actor edges; documents hold only their mentions of actors."""

# Actor classes: the fixed set every output uses (the JSON "type" is the local name).
ACTOR_TYPES: tuple[str, ...] = (
    "Person",
    "Country",
    "GovernmentBody",
    "MilitaryForce",
    "MediaOrganization",
    "InternationalOrganization",
    "PoliticalGroup",
    "Organization",
    "Location",
)

# PLOVER event types, with the cooperation-conflict score each carries in the PLOVER
# manual's suggested scale (-10 most conflictual .. +10 most cooperative).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# Affiliation relations: the JSON "type" and the local name of the direct property.
AFFILIATION_TYPES: tuple[str, ...] = (
    "holdsPosition",
    "memberOf",
    "partOf",
    "successorOf",
    "allyOf",
)

RELATION_TYPES: tuple[str, ...] = PLOVER_TYPES + AFFILIATION_TYPES

# Relation types whose direction carries no meaning.
SYMMETRIC_TYPES: frozenset[str] = frozenset({"CONSULT", "COOPERATE", "AGREE", "allyOf"})

FACTUALITY: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "reported")


def actor_class(type_name: str) -> URIRef:
    """The ontology class of an actor type name such as "Person"."""
    if type_name not in ACTOR_TYPES:
        raise ValueError(f"unknown actor type {type_name!r}")
    return AG[type_name]


def relation_type_iri(type_name: str) -> URIRef:
    """The concept naming a relation type: ag:CONSULT, ag:holdsPosition, ..."""
    if type_name not in RELATION_TYPES:
        raise ValueError(f"unknown relation type {type_name!r}")
    return AG[type_name]


def direct_property(type_name: str) -> URIRef:
    """The actor-to-actor edge for a relation type: ag:consult for CONSULT, ag:allyOf ..."""
    if type_name in PLOVER_TYPES:
        return AG[type_name.lower()]
    return relation_type_iri(type_name)


def factuality_iri(value: str) -> URIRef:
    """The concept for a factuality value: ag:asserted, ag:negated, ..."""
    if value not in FACTUALITY:
        raise ValueError(f"unknown factuality {value!r}")
    return AG[value]


# Properties and classes used on nodes. Documented in the ontology; listed so the test
# that compares code and ontology sees them all.
CLASSES = (
    "Actor",
    "Relation",
    "Event",
    "Affiliation",
    "Position",
    "Document",
    "Evidence",
    "Extraction",
    "EventType",
    "AffiliationType",
    "Factuality",
    "Mode",
    "QuadClass",
    "Mention",
)
PROPERTIES = (
    # actors
    "wikidata",
    "countryCode",
    "country",
    "iso3",
    "capital",
    "demonym",
    "kbKey",
    "mergedFrom",
    # mentions: an actor as one document names it
    "mentionOf",
    "mentionedIn",
    "name",
    "alias",
    "actorClass",
    "mentionWikidata",
    "mentionCountry",
    # relation nodes (n-ary)
    "relationType",
    "source",
    "target",
    "role",
    "mode",
    "date",
    "startDate",
    "endDate",
    "place",
    "factuality",
    "attributedTo",
    "confidence",
    "evidence",
    # evidence and documents
    "document",
    "sentence",
    "startOffset",
    "endOffset",
    "path",
    # event-type concepts
    "cooperationScore",
    "cameoCode",
    "quadClass",
    "requiresTarget",
    # direct actor-to-actor edges
    "interactsWith",
    "affiliatedWith",
    # specialisations of holdsPosition, aligned to org:headOf and Wikidata P35 / P6
    "headOf",
    "headOfState",
    "headOfGovernment",
    *[t.lower() for t in PLOVER_TYPES],
)

CONCEPT_SCHEMES: tuple[str, ...] = (
    "EventTypeScheme",
    "ModeScheme",
    "FactualityScheme",
    "AffiliationTypeScheme",
    "QuadClassScheme",
)
"""SKOS concept schemes of the ontology (event types, modes, factuality, ...)."""

QUAD_CLASSES: tuple[str, ...] = (
    "VerbalCooperation",
    "MaterialCooperation",
    "VerbalConflict",
    "MaterialConflict",
)
"""The four quad classes of event data, numbered 1 to 4 as in PLOVER and GDELT."""
