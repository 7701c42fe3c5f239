"""Regenerate the pictures the README shows (docs/*.png) from the bundled articles.

Builds the articles of data/articles/ into a temporary store, writes the network page, its PNG,
the Russia-Ukraine timeline (page and PNG) and the seed article's PNG, then photographs the
pages in headless Chromium (Debian's /usr/bin/chromium, every outside request blocked): the
first view, a link's evidence panel, an actor's profile and the timeline with a bar chosen.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SEED = "data/articles/2022-12-19-putin-visits-belarus.txt"  # relative: titles name it so
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def actorgraph(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "actorgraph", *args], check=True, cwd=ROOT)


def open_page(browser: Any, path: Path) -> Any:
    page = browser.new_context(viewport={"width": 1400, "height": 860}).new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(path.as_uri())
    for _ in range(600):
        if page.evaluate("window.actorgraph && window.actorgraph.stabilized"):
            break
        time.sleep(0.1)
    page.wait_for_timeout(400)
    return page


def click_label(page: Any, kind: str, text: str) -> None:
    """Click a drawn label; open its panel directly when the label is not drawn now."""
    box = page.evaluate(
        "([k, t]) => window.actorgraph.labels().find(b => b.kind === k && b.text === t)",
        [kind, text],
    )
    if box:
        where = page.locator("#network").bounding_box()
        page.mouse.click(
            where["x"] + box["x"] + box["w"] / 2, where["y"] + box["y"] + box["h"] / 2
        )
    else:
        page.evaluate(
            "([k, t]) => { const a = window.actorgraph; return k === 'node'"
            " ? a.showActor(a.data.nodes.find(n => n.label === t).id)"
            " : a.showLink(a.data.edges.find(e => e.label === t).id); }",
            [kind, text],
        )
    page.mouse.move(1, 1)
    page.wait_for_timeout(1500)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        actorgraph("build", "data/articles", "--store", str(out / "store"))
        actorgraph("render", "--store", str(out / "store"), "-o", str(out / "graph.html"),
                   "--png", str(DOCS / "graph.png"))
        actorgraph("timeline", "RUS", "UKR", "--store", str(out / "store"),
                   "-o", str(out / "timeline.html"), "--png", str(DOCS / "timeline.png"))
        actorgraph("build", SEED, "--store", str(out / "seed"))
        actorgraph("render", "--store", str(out / "seed"), "--png", str(DOCS / "seed-graph.png"))
        with sync_playwright() as play:
            browser = play.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = open_page(browser, out / "graph.html")
            page.screenshot(path=DOCS / "explorer.png")
            link = page.evaluate(
                "window.actorgraph.data.edges.find(e => e.sourceLabel === 'Russia'"
                " && e.targetLabel === 'Ukraine').label"
            )
            click_label(page, "link", link)
            page.screenshot(path=DOCS / "explorer-evidence.png")
            click_label(page, "node", "Vladimir Putin")
            page.screenshot(path=DOCS / "explorer-profile.png")
            page = open_page(browser, out / "timeline.html")
            page.click("#seg-0")
            page.mouse.move(1, 1)
            page.screenshot(path=DOCS / "explorer-timeline.png")
            browser.close()
    print("wrote", ", ".join(sorted(p.name for p in DOCS.glob("*.png"))))


if __name__ == "__main__":
    main()
