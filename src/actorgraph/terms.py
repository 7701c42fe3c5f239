"""Conversion between rdflib terms and pyoxigraph terms, both ways (the store, the shape
checks and the build's quads speak pyoxigraph; callers and notebooks see rdflib)."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import XSD, BNode, Literal, URIRef
from rdflib.term import Identifier

from actorgraph.errors import StoreError

XSD_STRING = str(XSD.string)
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_ox(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to an RDF term")


_IRI_CACHE: dict[str, URIRef] = {}
_LITERAL_CACHE: dict[tuple[str, str, str | None], Literal] = {}
"""Terms repeat a lot in results (labels, counts, dates); rdflib term creation is costly."""


def _literal(value: str, datatype: str, language: str | None) -> Literal:
    if language:
        return Literal(value, lang=language)
    if datatype == XSD_STRING:
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype))


def from_ox(term: Any) -> Identifier:
    """A pyoxigraph term as an rdflib term (plain strings stay plain literals)."""
    if isinstance(term, ox.NamedNode):
        value = term.value
        cached = _IRI_CACHE.get(value)
        if cached is None:
            if len(_IRI_CACHE) > 200_000:
                _IRI_CACHE.clear()
            cached = _IRI_CACHE[value] = URIRef(value)
        return cached
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        key = (term.value, term.datatype.value, term.language)
        literal = _LITERAL_CACHE.get(key)
        if literal is None:
            if len(_LITERAL_CACHE) > 200_000:
                _LITERAL_CACHE.clear()
            literal = _LITERAL_CACHE[key] = _literal(*key)
        return literal
    raise StoreError(f"unsupported RDF term in results: {term!r}")
