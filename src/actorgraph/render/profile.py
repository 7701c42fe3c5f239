"""An actor's profile for the page's side panel: who it is, the posts it holds or that are held
in it, its memberships, its main partners by relation type, and the dated interactions that
its small timeline plots."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

import networkx as nx

from actorgraph.render.links import Link
from actorgraph.render.style import AFFILIATION_WORDS, TYPE_COLOURS

PARTNERS_PER_PROFILE = 8
EVENTS_PER_PROFILE = 400

_MEMBERS_WORDS = {
    "memberOf": "members",
    "partOf": "parts",
    "successorOf": "predecessor of",
    "allyOf": "allies",
}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO alpha-3 code to country name, from the knowledge base."""
    from actorgraph import kb

    try:
        base = kb.load()
    except Exception:  # a broken knowledge base must not stop a drawing: codes stay codes
        return {}
    return {e.iso3: e.label for e in base.of_type("Country") if e.iso3}


def country_name(code: str | None) -> str:
    """ "Russia (RUS)" for a known code, the code alone otherwise."""
    if not code:
        return ""
    name = _country_names().get(code)
    return f"{name} ({code})" if name else code


def _when(data: dict[str, Any]) -> str:
    first, last = data.get("first_date"), data.get("last_date")
    if first is None:
        return ""
    if data.get("ongoing"):
        return f"since {first.isoformat()}"
    if last is not None and last != first:
        return f"{first.isoformat()} to {last.isoformat()}"
    return first.isoformat()


def _touching(graph: nx.MultiDiGraph, node: Any) -> list[tuple[Any, Any, dict[str, Any]]]:
    """The edges into and out of `node`, a loop once."""
    found = {
        (u, v, k): d
        for u, v, k, d in [
            *graph.out_edges(node, keys=True, data=True),
            *graph.in_edges(node, keys=True, data=True),
        ]
    }
    return [(u, v, d) for (u, v, _), d in found.items()]


def profile(
    graph: nx.MultiDiGraph, node: Any, links: list[Link], ids: dict[Any, str]
) -> dict[str, Any]:
    """The profile of one actor (`links` are the links that touch it)."""
    label = lambda n: str(graph.nodes[n].get("label", n))  # noqa: E731
    posts, affiliations = [], []
    members: dict[str, list[str]] = {}
    for u, v, data in _touching(graph, node):
        if data.get("family") != "affiliation":
            continue
        type_name = str(data.get("type"))
        other = v if u == node else u
        when = _when(data)
        if type_name == "holdsPosition":
            role = ", ".join(data.get("roles") or []) or "post"
            holder = u == node
            posts.append(
                {
                    "text": f"{role}, {label(other)}" if holder else f"{label(other)}, {role}",
                    "when": when,
                    "id": ids.get(other, ""),
                }
            )
        elif u == node:
            words = AFFILIATION_WORDS.get(type_name, type_name)
            affiliations.append(
                {"text": f"{words} {label(other)}", "when": when, "id": ids.get(other, "")}
            )
        else:
            members.setdefault(_MEMBERS_WORDS.get(type_name, type_name), []).append(label(other))
    for words, names in sorted(members.items()):
        affiliations.append({"text": f"{words}: {', '.join(sorted(names))}", "when": "", "id": ""})
    return {
        "countryName": country_name(graph.nodes[node].get("country")),
        "posts": sorted(posts, key=lambda p: (p["when"], p["text"])),
        "affiliations": affiliations,
        "partners": _partners(graph, node, links, ids),
        "events": _events(graph, node),
    }


def _partners(
    graph: nx.MultiDiGraph, node: Any, links: list[Link], ids: dict[Any, str]
) -> list[dict[str, Any]]:
    """The actors it interacts with most, each with the relation types between them."""
    types: dict[Any, Counter[str]] = {}
    balance: dict[Any, list[int]] = {}
    for link in links:
        if link.family != "interaction":
            continue
        other = link.target if link.source == node else link.source
        types.setdefault(other, Counter()).update(link.types)
        sums = balance.setdefault(other, [0, 0])
        sums[0] += link.cooperative
        sums[1] += link.conflictual
    ranked = sorted(types, key=lambda o: (-sum(types[o].values()), str(o)))
    return [
        {
            "id": ids.get(other, ""),
            "label": str(graph.nodes[other].get("label", other)),
            "count": sum(types[other].values()),
            "types": ", ".join(
                f"{t} ×{n}" if n > 1 else t
                for t, n in sorted(types[other].items(), key=lambda x: (-x[1], x[0]))
            ),
            "cooperative": balance[other][0],
            "conflictual": balance[other][1],
        }
        for other in ranked[:PARTNERS_PER_PROFILE]
    ]


def _events(graph: nx.MultiDiGraph, node: Any) -> list[dict[str, Any]]:
    """Its dated interactions (date, type, colour, cooperation or conflict), oldest first."""
    events = []
    for _, _, data in _touching(graph, node):
        if data.get("family") != "interaction":
            continue
        score = data.get("score") or 0
        for ev in data.get("evidence") or []:
            if ev.get("date"):
                type_name = str(ev.get("type") or data.get("type"))
                events.append(
                    {
                        "date": ev["date"],
                        "type": type_name,
                        "color": TYPE_COLOURS.get(type_name, "#777777"),
                        "sign": 1 if score > 0 else -1 if score < 0 else 0,
                    }
                )
    events.sort(key=lambda e: (e["date"], e["type"]))
    return events[:EVENTS_PER_PROFILE]
