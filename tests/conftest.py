"""Shared fixtures: hand-built extractions and a real Oxigraph SPARQL server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from actorgraph.model import Actor, Document, Evidence, Extraction, Relation
from actorgraph.vocab import ID


def stop_process(process: subprocess.Popen[Any], seconds: float = 20) -> None:
    """Stop a server the tests started: terminate, and kill it if it does not exit in time."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=seconds)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return  # the server answers, even if not with 200
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph server did not answer at {url}")


def oxigraph_binary() -> str | None:
    """The `oxigraph` server command: beside this Python (a venv not on PATH), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A real `oxigraph serve` on a free loopback port; yields its base URL, stops it after."""
    binary = oxigraph_binary()
    if binary is None:
        reason = "the oxigraph server (PyPI package `oxigraph`) is not installed"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}, and CI must run the server tests")
        pytest.skip(reason)
    port = _free_port()
    location = tmp_path / "oxigraph-server"
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/query?query=ASK%7B%7D", process)
        yield base
    finally:
        stop_process(process)


def person(slug: str, label: str, **kwargs: object) -> Actor:
    return Actor(id=str(ID[f"person/{slug}"]), label=label, type="Person", **kwargs)  # type: ignore[arg-type]


PUTIN = str(ID["person/vladimir-putin"])
LUKASHENKO = str(ID["person/alexander-lukashenko"])
RUS = str(ID["country/RUS"])
BLR = str(ID["country/BLR"])
UKR = str(ID["country/UKR"])
KREMLIN = str(ID["org/kremlin"])
PESKOV = str(ID["person/dmitry-peskov"])


def _evidence(body: str, sentence: str) -> Evidence:
    """The sentence with its offsets in `body`; the whole text when it is not there."""
    start = body.find(sentence)
    if start < 0:
        return Evidence(body, 0, len(body))
    return Evidence(sentence, start, start + len(sentence))


def make_extraction(
    doc_id: str = "visit", date: str | None = "2022-12-19", text: str | None = None
) -> Extraction:
    """A small, realistic extraction: a visit, posts, a denial, a reported attack."""
    body = text or (
        "Russian President Vladimir Putin met Belarusian President Alexander Lukashenko in "
        "Minsk. Kremlin spokesman Dmitry Peskov denied that Russia would pressure Belarus. "
        "Ukraine said Russia attacked Kyiv."
    )
    document = Document(
        id=doc_id,
        path=f"data/{doc_id}.txt",
        text=body,
        date=date,
        title=f"Article {doc_id}",
        source="Example News",
        language="en",
    )
    first = _evidence(body, body.split(". ")[0] + ".")
    second = _evidence(
        body, "Kremlin spokesman Dmitry Peskov denied that Russia would pressure Belarus."
    )
    third = _evidence(body, "Ukraine said Russia attacked Kyiv.")
    actors = [
        person(
            "vladimir-putin", "Vladimir Putin", aliases=["Putin"], wikidata="Q7747", country="RUS"
        ),
        person(
            "alexander-lukashenko",
            "Alexander Lukashenko",
            aliases=["Lukashenko"],
            wikidata="Q2866",
            country="BLR",
        ),
        person("dmitry-peskov", "Dmitry Peskov", aliases=["Peskov"], country="RUS"),
        Actor(RUS, "Russia", "Country", ["Russian"], "Q159", "RUS"),
        Actor(BLR, "Belarus", "Country", ["Belarusian"], "Q184", "BLR"),
        Actor(UKR, "Ukraine", "Country", [], "Q212", "UKR"),
        Actor(KREMLIN, "Kremlin", "GovernmentBody", [], None, "RUS"),
    ]
    relations = [
        Relation(PUTIN, "holdsPosition", RUS, first, role="president", confidence=0.9),
        Relation(LUKASHENKO, "holdsPosition", BLR, first, role="president", confidence=0.9),
        Relation(PESKOV, "holdsPosition", KREMLIN, second, role="spokesperson", confidence=0.8),
        Relation(PUTIN, "CONSULT", LUKASHENKO, first, mode="meet", date=date, confidence=0.85),
        Relation(
            RUS,
            "COERCE",
            BLR,
            second,
            factuality="negated",
            attributed_to=PESKOV,
            date=date,
            confidence=0.6,
        ),
        Relation(
            RUS,
            "ASSAULT",
            UKR,
            third,
            factuality="reported",
            attributed_to=UKR,
            date=date,
            confidence=0.7,
        ),
    ]
    return Extraction(
        document=document, actors=actors, relations=relations, extractor="actorgraph-test"
    )


@pytest.fixture(params=["embedded", "remote"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store to build into: an embedded Oxigraph folder, or a real Oxigraph server."""
    if request.param == "embedded":
        yield str(tmp_path / "store")
    else:
        yield request.getfixturevalue("oxigraph_server")
