"""Pages in a real headless Chromium (Debian's, through Playwright; nothing downloaded), with
every request that is not a local file blocked and recorded, and the page's errors recorded."""

from __future__ import annotations

import io
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def unavailable() -> str | None:
    """Why no browser can be driven here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which("chromium") == CHROMIUM):
        return f"{CHROMIUM} not found: install Debian's chromium package (scripts/test.sh does)"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A running headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Tab:
    """One of the project's HTML pages, opened and drawn (its physics settled)."""

    def __init__(self, browser: Any, path: Path, width: int = 1400, height: int = 900) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.context.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.wait_for("window.actorgraph && window.actorgraph.stabilized")
        self.page.wait_for_timeout(200)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(("file://", "data:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def wait_for(self, expression: str, timeout: float = 60.0) -> Any:
        """Poll a JS expression until truthy (the page's CSP forbids Playwright's eval waits)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.page.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression}")

    def node_id(self, iri: str) -> str:
        script = "(iri) => window.actorgraph.data.nodes.find(n => n.iri === iri).id"
        return str(self.page.evaluate(script, iri))

    def position(self, node_id: str) -> tuple[float, float]:
        script = "(id) => window.actorgraph.network.getPositions([id])[id]"
        pos = self.page.evaluate(script, node_id)
        return float(pos["x"]), float(pos["y"])

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        """Canvas coordinates of the network to page coordinates for the mouse."""
        box = self.page.locator("#network canvas").bounding_box()
        assert box is not None
        script = "([x, y]) => window.actorgraph.network.canvasToDOM({x: x, y: y})"
        dom = self.page.evaluate(script, [x, y])
        return box["x"] + dom["x"], box["y"] + dom["y"]

    def labels(self) -> list[dict[str, Any]]:
        return list(self.page.evaluate("window.actorgraph.labels()"))

    def click_label(self, text: str) -> None:
        box = next(b for b in self.labels() if b["text"] == text)
        where = self.page.locator("#network").bounding_box()
        assert where is not None
        self.page.mouse.click(where["x"] + box["x"] + box["w"] / 2, where["y"] + box["y"] + 6)

    def screenshot(self) -> Any:
        from PIL import Image

        self.page.mouse.move(2, 2)
        self.page.wait_for_timeout(200)
        return Image.open(io.BytesIO(self.page.screenshot())).convert("RGB")

    def close(self) -> None:
        """Close it, failing if it tried to reach the network or logged an error."""
        self.context.close()
        assert self.blocked == [], f"the page tried to reach the network: {self.blocked}"
        assert self.errors == [], f"console errors: {self.errors}"
