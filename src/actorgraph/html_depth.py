"""Deeply nested HTML made shallow enough to read, as browsers do.

libxml2 (under lxml and trafilatura) stops building a page's tree at 255 nested elements, so
the text of a page nested deeper would be lost. Browsers cap the depth of their tree; here the
levels in the middle of an over-deep branch lose their tags and keep their text, so that the
page's outer layout and the innermost structure (the article's own paragraphs) stay for
trafilatura to judge. The page is tokenised by the standard library's HTML parser.
"""

from __future__ import annotations

from html.parser import HTMLParser

KEPT_LEVELS = 100
"""Levels kept at the top of the page and at the bottom of every branch: at most twice this
deep (libxml2 reads 255; trafilatura adds a few levels of its own)."""
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta"}
    | {"param", "source", "track", "wbr"}
)
HIDDEN_ELEMENTS = frozenset({"script", "style", "template", "noscript"})
"""Elements whose content is not text of the page."""


class _Tokens(HTMLParser):
    """A page's tokens, and for each element its tag, depth and height (levels below it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[str, str, int]] = []  # (kind, markup, element or -1)
        self.tags: list[str] = []
        self.depth: list[int] = []
        self.height: list[int] = []
        self.open: list[int] = []  # elements not yet closed, outermost first

    def _parent(self) -> int:
        return self.open[-1] if self.open else -1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        if tag in VOID_ELEMENTS:
            self.events.append(("markup", raw, self._parent()))
            return
        element = len(self.tags)
        self.tags.append(tag)
        self.depth.append(len(self.open) + 1)
        self.height.append(0)
        self.open.append(element)
        self.events.append(("start", raw, element))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("markup", self.get_starttag_text() or "", self._parent()))

    def handle_endtag(self, tag: str) -> None:
        if any(self.tags[element] == tag for element in self.open):
            while self._close() != tag:
                pass

    def _close(self) -> str:
        element = self.open.pop()
        if self.open:
            parent = self.open[-1]
            self.height[parent] = max(self.height[parent], self.height[element] + 1)
        self.events.append(("end", f"</{self.tags[element]}>", element))
        return self.tags[element]

    def close(self) -> None:
        super().close()
        while self.open:
            self._close()

    def handle_data(self, data: str) -> None:
        self.events.append(("data", data, self._parent()))

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.events.append(("markup", f"<!{decl}>", -1))


def shallow(markup: str) -> str:
    """The page as it is, or flattened when it is nested deeper than libxml2 reads."""
    return (flatten(markup) or markup) if too_deep(markup) else markup


def too_deep(markup: str) -> bool:
    """Whether libxml2 gives up on the page's depth (its parse takes milliseconds)."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(collect_ids=False)
    try:
        lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (ValueError, lxml.etree.LxmlError):
        return False
    return any("Excessive depth" in error.message for error in parser.error_log)


def flatten(markup: str, levels: int = KEPT_LEVELS) -> str | None:
    """`markup` with only the top `levels` of the page and the bottom `levels` of every branch
    keeping their tags (the elements between keep their text), or None when the page is not
    deeper than twice `levels` (nothing to change)."""
    tokens = _Tokens()
    tokens.feed(markup)
    tokens.close()
    if max(tokens.depth, default=0) <= 2 * levels:
        return None
    kept = [d <= levels or h < levels for d, h in zip(tokens.depth, tokens.height, strict=True)]
    out = []
    for kind, text, element in tokens.events:
        if kind in ("start", "end") and not kept[element]:
            continue
        hidden = kind == "data" and element >= 0 and tokens.tags[element] in HIDDEN_ELEMENTS
        if hidden and not kept[element]:
            continue
        out.append(text)
    return "".join(out)
