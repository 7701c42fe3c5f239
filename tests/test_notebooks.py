"""The notebooks run top to bottom on a real kernel, and are committed without outputs."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


def test_notebooks_exist() -> None:
    names = {path.name for path in NOTEBOOKS}
    assert {"01-seed-article.ipynb", "02-corpus.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    dirty = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; run nbstripout on it"


def test_notebooks_name_the_kernel_the_set_up_registers() -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("actorgraph")  # registered by scripts/setup.sh
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()
    for path in NOTEBOOKS:
        kernel = nbformat.read(path, as_version=4).metadata["kernelspec"]
        assert kernel["name"] == "actorgraph" and kernel["display_name"] == "actorgraph", path


NO_FULL_IRIS = """
import pandas as _pd
for _name, _value in list(globals().items()):
    if isinstance(_value, _pd.DataFrame):
        for _column in _value.columns:
            assert not _value[_column].astype(str).str.contains(
                "https://w3id.org/actorgraph#", regex=False).any(), (_name, _column)
"""

CHECKS = {
    # What the notebooks show, checked against the bundled corpus (run before `ag.close()`).
    "01-seed-article": """
counts = ag.summary()
assert counts["documents"] == 1
assert f"{counts['actors_related']} in relations between two actors" in "\\n".join(summary.lines())
assert G.number_of_nodes() == counts["actors_related"]
assert not actors["label"].duplicated().any() and len(actors) == counts["actors"]
assert set(actors["type"]) <= {"Person", "Country", "GovernmentBody", "MilitaryForce",
    "MediaOrganization", "InternationalOrganization", "PoliticalGroup", "Organization",
    "Location"}
lukashenko = "https://w3id.org/actorgraph/id/person/alexander-lukashenko"
assert len(evidence) and set(evidence["target"]) == {lukashenko}
assert set(evidence["type"]) <= {"CONSULT", "AGREE", "holdsPosition", "SUPPORT", "REQUEST"}
row = evidence.iloc[0]
assert text[int(row["start"]):int(row["end"])] == row["sentence"]
assert "Advertisements" not in " ".join(evidence["sentence"])
president = posts[(posts["personLabel"] == "Alexander Lukashenko") & (posts["role"] == "president")]
assert president["from"].astype(str).tolist() == ["1994-07-20"]
visit = meetings[
    (meetings["actorLabel"] == "Vladimir Putin") & (meetings["otherLabel"] == "Belarus")]
assert visit["first"].astype(str).tolist() == ["2022-12-19"] and visit["meetings"].tolist() == [2]
minsk = events[(events["sourceLabel"] == "Vladimir Putin") & (events["targetLabel"] == "Minsk")]
assert minsk["date"].astype(str).tolist() == ["2022-12-19"]  # the visit, not 2020
assert not not_asserted.duplicated().any()
assert set(statements["factuality"]) <= {"negated", "asserted", "reported", "hypothetical",
    "future"} and len(statements)
""",
    "02-corpus": """
import matplotlib.dates as _mdates
counts = ag.summary()
assert counts["documents"] == 8
series = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
assert len(series) == 3
for line in series:  # real dates, in time order
    xs = list(_mdates.date2num(line.get_xdata()))
    assert xs == sorted(xs) and len(set(xs)) == len(xs), line.get_label()
    assert _mdates.num2date(xs[0]).year >= 2020
rus_blr = relations_over_time("RUS", "BLR")
consults = rus_blr[rus_blr["types"].str.contains("CONSULT")]
years = [m.year for m in consults["month"]]
assert len(years) >= 2 and set(years) == {2022}  # no visit misdated to 2020
assert not country_pairs[["aCode", "bCode"]].duplicated().any()
assert country_pairs["meanScore"].dtype.kind == "f"
rus_ukr = country_pairs[(country_pairs["aCode"] == "RUS") & (country_pairs["bCode"] == "UKR")]
assert float(rus_ukr["balance"].iloc[0]) < 0  # the invasion: the most conflictual pair
assert not contested.duplicated().any()
worst = conflictual.iloc[0]
assert {worst["source_label"], worst["target_label"]} == {"Russia", "Ukraine"}
""",
}


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path: Path) -> None:
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    checks = [CHECKS.get(path.stem, ""), NO_FULL_IRIS]
    last = len(notebook.cells) - 1  # the cell that closes the store
    for source in checks:
        notebook.cells.insert(last, nbformat.v4.new_code_cell(source))
        last += 1
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name=notebook.metadata["kernelspec"]["name"],
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell or check
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<iframe srcdoc=" in page for page in html), "the inline graph is not shown"


@pytest.mark.notebook
def test_the_notebooks_command_opens_jupyterlab_on_the_actorgraph_kernel() -> None:
    open_jupyterlab_and_check()


def open_jupyterlab_and_check() -> None:
    """Start `bash scripts/notebooks.sh` (headless, on a free port), check that JupyterLab
    lists the notebooks and starts the `actorgraph` kernel, and stop it."""
    import json
    import secrets
    import subprocess
    import time
    import urllib.request

    from conftest import _free_port, stop_process

    root = Path(__file__).parent.parent
    port, token = _free_port(), secrets.token_hex(8)
    server = subprocess.Popen(
        ["bash", str(root / "scripts" / "notebooks.sh"), "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/api"

    def call(path: str, method: str = "GET", body: dict[str, str] | None = None) -> object:
        request = urllib.request.Request(
            f"{base}{path}",
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {token}"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return json.loads(raw) if raw else None

    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, "scripts/notebooks.sh exited"
            try:
                call("/status")
                break
            except OSError:
                assert time.monotonic() < deadline, "JupyterLab did not answer"
                time.sleep(0.5)
        specs = call("/kernelspecs")
        assert isinstance(specs, dict) and "actorgraph" in specs["kernelspecs"]
        listing = call("/contents")
        assert isinstance(listing, dict)
        assert {p.name for p in NOTEBOOKS} <= {item["name"] for item in listing["content"]}
        kernel = call("/kernels", "POST", {"name": "actorgraph"})
        assert isinstance(kernel, dict) and kernel["name"] == "actorgraph"
        call(f"/kernels/{kernel['id']}", "DELETE")
    finally:
        stop_process(server)
