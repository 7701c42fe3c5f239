"""What a SPARQL request would fetch from other servers, read from its parse, not its text.

SERVICE clauses (in queries and updates) and LOAD (in updates) make the engine send requests
to any address it is given; on an endpoint, that lets a web page make the machine request
addresses only it can reach (server-side request forgery). The request is parsed by rdflib's
SPARQL parser and its whole parse tree searched, however the keyword is spelled (any case,
no space before an IRI, a prefixed name, a relative IRI, escape sequences, in a subquery or a
FILTER EXISTS). A request that does not parse cannot be checked and is refused.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from typing import Any

from rdflib import URIRef, Variable

from actorgraph.errors import QueryError

PARSE_RECURSION = 50_000
"""Recursion allowed to the parser (it recurses on nesting and on long triple lists; a few
thousand triples or nested groups stay well within it)."""


def calls(text: str, update: bool = False) -> list[str]:
    """The SERVICE operations of a query (and the LOAD operations of an update) as short
    descriptions, e.g. ["SERVICE <http://127.0.0.1:8080/x>"]; [] when there are none.

    Raises `QueryError` when the request does not parse.
    """
    if _cannot_call(text, update):
        return []
    return list(_parsed_calls(text, update))


def _cannot_call(text: str, update: bool) -> bool:
    """Whether the text cannot hold the keywords at all, so that no parse is needed: plain
    ASCII without escape sequences (SPARQL lets \\u0053 stand for S anywhere) and without the
    letters of SERVICE, or of LOAD in an update, in any case."""
    if not text.isascii() or "\\" in text:
        return False
    lowered = text.lower()
    return "service" not in lowered and not (update and "load" in lowered)


@functools.lru_cache(maxsize=256)
def _parsed_calls(text: str, update: bool) -> tuple[str, ...]:
    from rdflib.plugins.sparql import parser

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, PARSE_RECURSION))
    try:
        tree = parser.parseUpdate(text) if update else parser.parseQuery(text)
    except RecursionError:
        raise QueryError("the request is nested too deeply to be checked") from None
    except Exception as exc:  # pyparsing's errors, and rdflib's own on bad prefixes
        detail = " ".join(str(exc).split())[:300]
        raise QueryError(f"SPARQL syntax error: {detail}") from None
    finally:
        sys.setrecursionlimit(limit)
    return tuple(_find(tree))


def _find(tree: Any) -> Iterator[str]:
    """SERVICE and LOAD operations anywhere in a parse tree (walked without recursion)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                yield f"SERVICE {_term(dict.get(node, 'term'))}"
            elif node.name == "Load":
                yield f"LOAD {_term(dict.get(node, 'iri'))}"
            pending.extend(dict.values(node))
        elif isinstance(node, list | tuple | ParseResults):
            pending.extend(node)


def _term(term: Any) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Variable):
        return f"?{term}"
    return "(a prefixed name)"
