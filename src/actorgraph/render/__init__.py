"""Draw the actor network: one self-contained interactive HTML page (vis-network, inlined from
pyvis), a static PNG for reports (matplotlib, labels placed with adjustText), and a timeline of
the relations between two actors or countries (HTML and PNG).

The pages need no network at all: every script and style sheet is copied into them, they
reference no outside resource, and their Content-Security-Policy forbids fetching any. Article
text reaches a page only as JSON inside a non-executable `<script type="application/json">`
block (with `<`, `>` and `&` escaped) and is put on screen with `textContent`, so a sentence
carrying `<script>` or `<img onerror=...>` shows as text.
"""

from actorgraph.errors import ActorgraphError
from actorgraph.render.common import (
    RenderResult,
    coverage,
    default_title,
    keep_central,
    script_json,
    truncation_note,
    vis_assets,
)
from actorgraph.render.links import Link, aggregate
from actorgraph.render.page import (
    DEFAULT_MAX_NODES,
    LAYOUT_MAX_NODES,
    SPRING_LAYOUT_MAX_NODES,
    RenderOptions,
    html_page,
    layout_positions,
    page_data,
    stabilization_iterations,
    vis_options,
    write_html,
)
from actorgraph.render.picture import PNG_MAX_NODES, write_png
from actorgraph.render.style import (
    AFFILIATION,
    CONFLICT,
    COOPERATION,
    MIXED,
    NEUTRAL,
    TYPE_COLOURS,
    TYPE_STYLE,
    balance_color,
    edge_color,
)
from actorgraph.render.timeline import (
    timeline_data,
    timeline_page,
    write_timeline_html,
    write_timeline_png,
)

__all__ = [
    "AFFILIATION",
    "CONFLICT",
    "COOPERATION",
    "DEFAULT_MAX_NODES",
    "LAYOUT_MAX_NODES",
    "MIXED",
    "NEUTRAL",
    "PNG_MAX_NODES",
    "SPRING_LAYOUT_MAX_NODES",
    "TYPE_COLOURS",
    "TYPE_STYLE",
    "ActorgraphError",
    "Link",
    "RenderOptions",
    "RenderResult",
    "aggregate",
    "balance_color",
    "coverage",
    "default_title",
    "edge_color",
    "html_page",
    "keep_central",
    "layout_positions",
    "page_data",
    "script_json",
    "stabilization_iterations",
    "timeline_data",
    "timeline_page",
    "truncation_note",
    "vis_assets",
    "vis_options",
    "write_html",
    "write_png",
    "write_timeline_html",
    "write_timeline_png",
]
