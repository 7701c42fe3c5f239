"""Every command of the README, read from the README itself, run as written after the demo
(its `out/` folder a temporary one) and its output checked against the bundled corpus."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import _free_port, stop_process

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PUTIN = "https://w3id.org/actorgraph/id/person/vladimir-putin"


def readme_commands() -> list[str]:
    """The shell commands of the README's indented code blocks, in order."""
    commands = []
    for line in README.splitlines():
        if re.match(r"    (actorgraph|bash) ", line):
            commands.append(line.strip())
    return commands


def readme_python() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, re.DOTALL)


def readme_summary() -> list[str]:
    """The build summary the README quotes (the indented lines after "store:")."""
    lines = README.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("    store: "))
    block = []
    for line in lines[start:]:
        if not line.startswith("    "):
            break
        block.append(line[4:])
    return block


@dataclass
class Run:
    command: str
    out: Path
    stdout: str
    stderr: str
    returncode: int


def environment() -> dict[str, str]:
    venv = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": f"{venv}:{os.environ['PATH']}", "COLUMNS": "100"}


def argv(command: str, out: Path) -> list[str]:
    words = shlex.split(command.replace("out/", f"{out}/"), comments=True)
    if words[0] == "actorgraph":
        return [sys.executable, "-m", "actorgraph", *words[1:]]
    return words


def run(command: str, out: Path, extra: list[str] | None = None) -> Run:
    done = subprocess.run(
        argv(command, out) + (extra or []),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env=environment(),
    )
    return Run(command, out, done.stdout, done.stderr, done.returncode)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    out = tmp_path_factory.mktemp("readme") / "out"
    yield run("bash scripts/demo.sh", out, [str(out)])


def numbers(pattern: str, text: str) -> list[int]:
    found = re.search(pattern, text)
    assert found, (pattern, text[-2000:])
    return [int(g.replace(",", "")) for g in found.groups()]


# --- what each command must show --------------------------------------------------------------


def check_demo(result: Run, demo: Run) -> None:
    assert demo.returncode == 0, demo.stderr[-2000:]
    for line in readme_summary():  # the README quotes the summary the demo prints
        assert line in demo.stdout.splitlines(), line
    (related,) = numbers(r"\((\d+) in relations between two actors\)", demo.stdout)
    (actors,) = numbers(r"actors \(in relations between two actors\)\s*│\s*(\d+)", demo.stdout)
    (between,) = numbers(r"relations \((\d+) between two actors\)", demo.stdout)
    (article,) = numbers(r"relations from the articles\s*│\s*(\d+)", demo.stdout)
    assert (related, between) == (actors, article)  # the build and stats count alike
    out = demo.out
    assert f"wrote {out}/store, {out}/graph.trig and {out}/graph.html" in demo.stdout
    assert (out / "graph.trig").stat().st_size > 0 and (out / "graph.html").stat().st_size > 0


def check_tests(result: Run, demo: Run) -> None:
    """Not run here: it is the run that runs this test. CI runs exactly it."""
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def check_notebooks(result: Run, demo: Run) -> None:
    from test_notebooks import open_jupyterlab_and_check

    open_jupyterlab_and_check()


def check_extract(result: Run, demo: Run) -> None:
    (document,) = json.loads(result.stdout)["documents"]
    assert document["id"] == "2022-12-19-putin-visits-belarus" and document["date"] == "2022-12-19"
    assert PUTIN in {a["id"] for a in document["actors"]}
    sentences = [r["evidence"]["sentence"] for r in document["relations"]]
    assert sentences and not [s for s in sentences if "Advertisement" in s]


def check_build(result: Run, demo: Run) -> None:
    assert "documents: 0 written, 8 unchanged, 0 failed, 0 skipped" in result.stdout
    for line in readme_summary():  # a re-run changes nothing
        assert line in result.stdout.splitlines(), line


def check_who_met_whom(result: Run, demo: Run) -> None:
    rows = [line for line in result.stdout.splitlines() if "Vladimir Putin" in line]
    meeting = [r for r in rows if "Lukashenko" in r or "Alexander" in r]  # names may wrap
    assert len(meeting) == 2 and all("2022-06-25" in r for r in meeting)  # the dated meeting
    assert "https://" not in result.stdout


def check_country_relations(result: Run, demo: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    months = [row["month"] for row in rows]
    assert months == sorted(months) and months[0] == "2022-02"
    assert {row["country1"].rsplit("/", 1)[-1] for row in rows} == {"RUS"}
    assert float(rows[0]["balance"]) < 0  # the invasion


def check_people(result: Run, demo: Run) -> None:
    lines = [line.strip("│ ") for line in result.stdout.splitlines() if "id:person/" in line]
    (count,) = numbers(r"(\d+) row\(s\)", result.stdout)
    assert len(lines) == count == len(set(lines)) > 255  # each person once
    assert lines.count("id:person/vladimir-putin") == 1


def check_stats(result: Run, demo: Run) -> None:
    import networkx as nx

    (actors,) = numbers(r"actors \(in relations between two actors\)\s*│\s*(\d+)", result.stdout)
    graphml = nx.read_graphml(result.out / "actors.graphml")
    gexf = nx.read_gexf(result.out / "actors.gexf")
    assert graphml.number_of_nodes() == gexf.number_of_nodes() == actors


def check_render(result: Run, demo: Run) -> None:
    assert re.search(r"wrote .*graph\.html \(\d+ actors, \d+ links\)", result.stdout)
    assert (result.out / "graph.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def check_ego(result: Run, demo: Run) -> None:
    assert re.search(r"wrote .*putin\.html \(\d+ actors", result.stdout)
    assert "valid URI" not in result.stdout + result.stderr


def check_timeline(result: Run, demo: Run) -> None:
    page = (result.out / "rus-ukr.html").read_text(encoding="utf-8")
    assert "Russia" in page and "Ukraine" in page and "ASSAULT" in page
    assert (result.out / "rus-ukr.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def check_export(result: Run, demo: Run) -> None:
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(result.out / "graph.jsonld", format="json-ld")
    names = {str(g.identifier) for g in dataset.graphs()}
    assert "https://w3id.org/actorgraph/graph/actors" in names
    assert "https://w3id.org/actorgraph/doc/2022-12-19-putin-visits-belarus" in names


def check_validate(result: Run, demo: Run) -> None:
    assert result.stdout.strip().endswith(")") and ": conforms (" in result.stdout


def check_eval(result: Run, demo: Run) -> None:
    scores = {}
    for line in result.stdout.splitlines():
        words = line.split()
        numbers = words[-10:]  # actor P R F1, type, relation P R F1, role, int., aff.
        if not all(re.fullmatch(r"\d\.\d\d", n) for n in numbers):
            continue  # a line of details, not of scores
        if len(words) == 11 and re.match(r"\d{4}-\d\d-\d\d-", words[0]):
            scores[words[0][:10]] = numbers[:7] + numbers[8:]
        elif line.startswith("TOTAL"):
            scores["all"] = numbers[:7] + numbers[8:]
    table = [line for line in README.splitlines() if line.startswith("| seed (") or
             line.startswith("| sample (") or line.startswith("| all five")]  # fmt: skip
    assert len(table) == 6
    for row in table:
        cells = [c.strip() for c in row.strip("|").split("|")]
        day = re.search(r"\((\d{4}-\d\d-\d\d)", cells[0])
        assert scores[day.group(1) if day else "all"] == cells[1:], row  # README figures hold


def check_kb(result: Run, demo: Run) -> None:
    assert "Volodymyr Zelenskyy" in result.stdout
    assert result.stdout.count("country/BLR  Country  Belarus") == 2  # the capital, the demonym


def check_check(result: Run, demo: Run) -> None:
    lines = result.stdout.splitlines()
    assert len(lines) == 8 and all("language en" in line for line in lines)


Check = Callable[[Run, Run], None]
CHECKS: list[tuple[str, Check]] = [
    ("bash scripts/demo.sh", check_demo),
    ("bash scripts/test.sh", check_tests),
    ("bash scripts/notebooks.sh", check_notebooks),
    ("actorgraph extract ", check_extract),
    ("actorgraph build ", check_build),
    ("actorgraph query who-met-whom", check_who_met_whom),
    ("actorgraph query country-relations", check_country_relations),
    (
        "actorgraph query 'SELECT ?s WHERE { ?s a <https://w3id.org/actorgraph#Person> }'",
        check_people,
    ),
    ("actorgraph stats ", check_stats),
    ("actorgraph render --store out/store -o out/graph.html --png", check_render),
    ("actorgraph render --store out/store -o out/putin.html --ego", check_ego),
    ("actorgraph timeline ", check_timeline),
    ("actorgraph export ", check_export),
    ("actorgraph validate ", check_validate),
    ("actorgraph eval", check_eval),
    ("actorgraph kb ", check_kb),
    ("actorgraph check ", check_check),
]
NOT_RUN_HERE = {"bash scripts/demo.sh", "bash scripts/test.sh", "bash scripts/notebooks.sh"}
"""Run by the fixture (the demo), by CI itself (the tests), or by their own check."""


def check_for(command: str) -> tuple[str, Check]:
    found = [(prefix, check) for prefix, check in CHECKS if command.startswith(prefix)]
    assert len(found) == 1, f"no check for the README command {command!r}: add one"
    return found[0]


def test_the_readme_has_its_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 18 and commands[0] == "bash scripts/demo.sh"
    storeless = {
        " ".join(c.split()[:2])
        for c in commands
        if c.startswith("actorgraph") and "--store out/store" not in c
    }
    assert storeless == {  # the others name the demo's store
        "actorgraph extract",
        "actorgraph validate",
        "actorgraph eval",
        "actorgraph kb",
        "actorgraph check",
    }


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command(command: str, demo: Run) -> None:
    if command.startswith("actorgraph serve "):  # a server: started, asked, stopped
        check_serve(command, demo.out)
        return
    prefix, check = check_for(command)
    if prefix in NOT_RUN_HERE:
        check(demo, demo)
        return
    result = run(command, demo.out)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    check(result, demo)


def check_serve(command: str, out: Path) -> None:
    port = _free_port()
    words = argv(command.replace("--port 7879", f"--port {port}"), out)
    assert "--port" in command and str(port) in words  # the README's command, on a free port
    server = subprocess.Popen(
        words, cwd=ROOT, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    query = f"SELECT ?l WHERE {{ <{PUTIN}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
    url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, "the server exited"
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    answer = json.loads(response.read())
                break
            except OSError:
                assert time.monotonic() < deadline, "the endpoint did not answer"
                time.sleep(0.3)
        labels = [b["l"]["value"] for b in answer["results"]["bindings"]]
        assert labels == ["Vladimir Putin"]  # one label: one home for each description
    finally:
        stop_process(server)


def test_readme_python_runs(demo: Run) -> None:
    (block,) = readme_python()
    code = block.replace('"out/store"', repr(str(demo.out / "store")))
    code = code.replace('ag.build("data/articles")', f"ag.build({str(ROOT / 'data/articles')!r})")
    code += "\nassert len(ag.query('who-met-whom')) and len(G) and ag.show().page\nag.close()\n"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
