"""How actors and relations look, the same on the page, the PNG and the timeline: shapes and
colours of actor types, the cooperation-conflict colours of links and of each PLOVER type."""

from __future__ import annotations

from typing import Any

TYPE_STYLE: dict[str, tuple[str, str, str]] = {
    # type: (colour, vis-network shape, matplotlib marker)
    "Person": ("#4e79a7", "dot", "o"),
    "Country": ("#f28e2b", "square", "s"),
    "GovernmentBody": ("#b07aa1", "diamond", "D"),
    "MilitaryForce": ("#9c755f", "triangle", "^"),
    "MediaOrganization": ("#edc948", "triangleDown", "v"),
    "InternationalOrganization": ("#76b7b2", "hexagon", "h"),
    "PoliticalGroup": ("#ff9da7", "star", "*"),
    "Organization": ("#8c8c8c", "diamond", "d"),
    "Location": ("#c9c9c9", "dot", "o"),
}
"""Colour and shape of each actor type (legend, HTML and PNG agree)."""

SHAPE_PATH = {
    "dot": "M2,8 a6,6 0 1,0 12,0 a6,6 0 1,0 -12,0",
    "square": "M2 2H14V14H2Z",
    "diamond": "M8 1L15 8L8 15L1 8Z",
    "triangle": "M8 1.5L14.5 14H1.5Z",
    "triangleDown": "M1.5 2H14.5L8 14.5Z",
    "hexagon": "M4.5 2H11.5L15 8L11.5 14H4.5L1 8Z",
    "star": "M8 1L9.9 6H15L10.9 9.2L12.4 14.5L8 11.3L3.6 14.5L5.1 9.2L1 6H6.1Z",
}
"""The legend's 16x16 SVG path of each vis-network shape."""

COOPERATION = "#2e9e44"
CONFLICT = "#d62728"
MIXED = "#e0a030"
NEUTRAL = "#6b8fb5"
AFFILIATION = "#a8a8a8"

TYPE_COLOURS: dict[str, str] = {
    # conflict, from the most violent: reds, browns, purples, oranges
    "ASSAULT": "#7f0000",
    "COERCE": "#d62728",
    "PROTEST": "#c51b7d",
    "MOBILIZE": "#8c510a",
    "SANCTION": "#762a83",
    "THREATEN": "#f16913",
    "REQUEST": "#e377c2",
    "REJECT": "#fb9a99",
    "ACCUSE": "#e6ab02",
    # cooperation: greens and blues
    "CONSULT": "#a6d96a",
    "AGREE": "#1b9e77",
    "SUPPORT": "#2ca02c",
    "CONCEDE": "#66c2a5",
    "COOPERATE": "#00441b",
    "AID": "#1f78b4",
    "RETREAT": "#a6cee3",
}
"""One distinct colour per PLOVER type, warm for conflict and cool for cooperation."""

AFFILIATION_WORDS = {
    "holdsPosition": "post",
    "memberOf": "member of",
    "partOf": "part of",
    "successorOf": "successor of",
    "allyOf": "ally of",
}
"""How a link label names an affiliation type."""


def edge_color(data: dict[str, Any]) -> str:
    """Green for cooperation, red for conflict, grey for affiliation, blue when unscored."""
    if data.get("family") == "affiliation":
        return AFFILIATION
    score = data.get("score")
    if score is None or score == 0:
        return NEUTRAL
    return COOPERATION if score > 0 else CONFLICT


def _mix(a: str, b: str, share: float) -> str:
    """The colour `share` of the way from `a` to `b` (hex RGB)."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(ca, cb, strict=True))


def balance_color(cooperative: int, conflictual: int) -> str:
    """Red when all relations are conflict, green when all are cooperation, amber when even;
    blue when none has a score."""
    total = cooperative + conflictual
    if total == 0:
        return NEUTRAL
    balance = (cooperative - conflictual) / total
    if balance < 0:
        return _mix(MIXED, CONFLICT, -balance)
    return _mix(MIXED, COOPERATION, balance)


LINK_KINDS = (
    (f"linear-gradient(90deg,{CONFLICT},{MIXED},{COOPERATION})", "conflict · mixed · cooperation"),
    (AFFILIATION, "affiliation (post, membership ...)"),
    ("repeating-linear-gradient(90deg,#777 0 5px,transparent 5px 9px)", "dashed: never asserted"),
)
"""The page legend's line swatches (CSS backgrounds) and what they mean."""
