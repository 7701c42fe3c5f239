"""Files written by an attacker or a careless tool: every bad file is one line naming it, the
batch goes on, and whatever can be read is read (deep pages, UTF-16 without a mark)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actorgraph import reader
from actorgraph.errors import InputError

ENGLISH = (
    "The foreign ministers of Spain and Poland met in Madrid on Tuesday to talk about grain "
    "exports. Both said their governments wanted the talks to go on next month."
)
HOSTILE_SIDECARS = {
    "deep": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "long-number": ('{"title": "x", "count": ' + "7" * 5000 + "}", "number too long"),
    "surrogate": ('{"title": "Minister \\ud800 resigns"}', "lone surrogate \\ud800"),
    "surrogate-source": ('{"source": "\\udfff"}', "'source' holds a lone surrogate"),
}


def write(folder: Path, name: str, content: str | bytes, meta: str | None = None) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    if meta is not None:
        path.with_suffix(".json").write_text(meta, encoding="utf-8")
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    """A folder with one article per hostile sidecar, an empty file and one good article."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for stem, (meta, _) in HOSTILE_SIDECARS.items():
        write(folder, f"{stem}.txt", ENGLISH, meta)
    write(folder, "empty.txt", b"")
    write(folder, "zz-good.txt", ENGLISH, '{"title": "Ministers meet", "date": "2023-05-02"}')
    return folder


# --- sidecars --------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", list(HOSTILE_SIDECARS))
def test_a_hostile_sidecar_is_one_line_naming_it(tmp_path: Path, stem: str) -> None:
    meta, words = HOSTILE_SIDECARS[stem]
    path = write(tmp_path, f"{stem}.txt", ENGLISH, meta)
    with pytest.raises(InputError) as caught:
        reader.read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path.with_suffix('.json')}: ")
    assert words in message and "\n" not in message


def test_check_reports_every_hostile_sidecar_and_goes_on(hostile_folder: Path) -> None:
    result = run_cli("check", str(hostile_folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == len(HOSTILE_SIDECARS) + 2
    failed = [line for line in lines if line.startswith("failed: ")]
    assert len(failed) == len(HOSTILE_SIDECARS) + 1
    for stem, (_, words) in HOSTILE_SIDECARS.items():
        (line,) = [line for line in failed if f"/{stem}.json: " in line]
        assert words in line
    assert lines[-1].startswith(f"{hostile_folder}/zz-good.txt: id 'zz-good'")


@pytest.mark.slow
def test_build_reports_every_hostile_sidecar_and_finishes(
    hostile_folder: Path, tmp_path: Path
) -> None:
    result = run_cli("build", str(hostile_folder), "--store", str(tmp_path / "store"))
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode == 1
    out = result.stdout
    assert f"documents: 1 written, 0 unchanged, {len(HOSTILE_SIDECARS) + 1} failed" in out
    for stem, (_, words) in HOSTILE_SIDECARS.items():
        assert f"failed: {hostile_folder}/{stem}.json: " in out and words in out
    assert any(line.startswith("store: 1 documents, ") for line in out.splitlines())


@pytest.mark.slow
def test_extract_reports_bad_files_and_prints_the_good_ones(hostile_folder: Path) -> None:
    result = run_cli("extract", str(hostile_folder))
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    documents = json.loads(result.stdout)["documents"]
    assert [doc["id"] for doc in documents] == ["zz-good"]
    assert documents[0]["title"] == "Ministers meet" and documents[0]["date"] == "2023-05-02"
    lines = result.stderr.splitlines()
    assert len(lines) == len(HOSTILE_SIDECARS) + 1
    assert f"failed: {hostile_folder}/empty.txt: empty file" in lines
    assert all(line.startswith("failed: ") for line in lines)


@pytest.mark.slow
def test_extract_of_readable_files_exits_zero(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    result = run_cli("extract", str(tmp_path / "a.txt"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert [doc["id"] for doc in json.loads(result.stdout)["documents"]] == ["a"]


def test_extract_help_says_what_the_exit_status_means() -> None:
    result = run_cli("extract", "--help")
    assert "exit status 1" in " ".join(result.stdout.split())


def test_an_oversized_sidecar_does_not_point_to_max_bytes(tmp_path: Path) -> None:
    meta = json.dumps({"title": "x", "padding": "y" * (reader.MAX_SIDECAR_BYTES * 3 // 2)})
    path = write(tmp_path, "a.txt", ENGLISH, meta)
    with pytest.raises(InputError) as caught:
        reader.read_document(path, max_bytes=100 * 1024 * 1024)
    message = str(caught.value)
    assert message.startswith(f"{path.with_suffix('.json')}: 1.5 MB is over the limit of 1 MB")
    assert "--max-bytes" not in message and "metadata" in message


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(st.characters(codec=None), max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
SIDECAR_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _read_sidecar_of(folder: Path, data: bytes) -> None:
    """Read a sidecar holding `data`: a dict of clean strings, or one InputError line."""
    article = folder / "a.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    article.with_suffix(".json").write_bytes(data)
    try:
        meta = reader.read_sidecar(article)
    except InputError as error:
        message = str(error)
        assert message.startswith(f"{article.with_suffix('.json')}: ")
        assert "\n" not in message
        return
    assert set(meta) <= {"title", "date", "source", "language"}
    for value in meta.values():
        assert isinstance(value, str)
        value.encode("utf-8")  # writable anywhere: no lone surrogate


@SIDECAR_SETTINGS
@given(
    fields=st.dictionaries(
        st.sampled_from(["title", "date", "source", "language", "other"]), json_values
    ),
    nesting=st.integers(0, 3000),
)
def test_any_json_sidecar_is_read_or_refused_in_one_line(
    tmp_path: Path, fields: dict[str, object], nesting: int
) -> None:
    text = json.dumps(fields, ensure_ascii=True)  # lone surrogates become \\udxxx escapes
    if nesting:
        text = text[:-1] + (', "deep": ' if fields else '"deep": ')
        text += "[" * nesting + "]" * nesting + "}"
    _read_sidecar_of(tmp_path, text.encode("utf-8"))


@SIDECAR_SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_sidecar_are_read_or_refused_in_one_line(
    tmp_path: Path, data: bytes
) -> None:
    _read_sidecar_of(tmp_path, data)


# --- file names, encodings -------------------------------------------------------------------


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_is_built_and_extracted(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    name = os.fsdecode(b"minist\xe8res.txt")  # a Latin-1 name on a UTF-8 file system
    write(folder, name, ENGLISH)
    built = run_cli("build", str(folder), "--store", str(tmp_path / "store"))
    assert built.returncode == 0, built.stdout + built.stderr
    assert "documents: 1 written" in built.stdout
    extracted = run_cli("extract", str(folder))
    assert extracted.returncode == 0, extracted.stderr
    (document,) = json.loads(extracted.stdout)["documents"]
    assert document["path"] == f"{folder}/minist\ufffdres.txt"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_read(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path, "a.txt", ENGLISH.encode(codec))
    found = reader.read_file(path)
    assert found.document.text == ENGLISH
    assert found.encoding == f"{codec} without byte-order mark"


def test_binary_with_nul_bytes_is_still_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"\x00\x01\x02\x03 garbage \xff\xfe\x00" * 300)
    with pytest.raises(InputError, match="binary file"):
        reader.read_document(path)


# --- deep HTML -------------------------------------------------------------------------------


def deep_page(depth: int, menu: bool = True) -> str:
    nav = "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>" if menu else ""
    opening = "<div><section>" * (depth // 2)
    closing = "</section></div>" * (depth // 2)
    return (
        "<!DOCTYPE html><html><head><title>Ministers meet in Madrid</title>"
        "<script>var x = '<div>';</script></head><body>"
        f"{nav}{opening}<article><p>{ENGLISH}</p><script>track('hidden')</script></article>"
        f"{closing}</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 10_000])
def test_text_nested_deeper_than_libxml2_reads_is_kept(tmp_path: Path, depth: int) -> None:
    path = write(tmp_path, "deep.html", deep_page(depth))
    document = reader.read_document(path)
    assert "foreign ministers of Spain and Poland" in document.text
    assert "track(" not in document.text and "Home" not in document.text
    assert document.title == "Ministers meet in Madrid"


def test_a_shallow_page_is_read_as_before(tmp_path: Path) -> None:
    from actorgraph import html_depth

    page = deep_page(20)
    assert html_depth.shallow(page) == page
    document = reader.read_document(write(tmp_path, "a.html", page))
    assert "foreign ministers of Spain and Poland" in document.text


tags = st.sampled_from(["div", "span", "p", "section", "b", "table", "td", "li", "ul", "script"])


@settings(max_examples=40, deadline=None)
@given(
    structure=st.lists(st.tuples(tags, st.integers(1, 700)), min_size=1, max_size=6),
    noise=st.text(st.characters(codec="utf-8", exclude_characters="<>&"), max_size=40),
)
def test_any_nesting_keeps_the_article_or_is_one_line(
    structure: list[tuple[str, int]], noise: str
) -> None:
    opening = "".join(f"<{tag}>" * count for tag, count in structure)
    closing = "".join(f"</{tag}>" * count for tag, count in reversed(structure))
    hidden = any(tag == "script" for tag, _ in structure)
    page = (
        f"<html><head><title>t</title></head><body>{noise}{opening}<p>{ENGLISH}</p>"
        f"{closing}</body></html>"
    )
    try:
        found = reader.extract_html(page, Path("page.html"))
    except InputError as error:
        assert str(error).startswith("page.html: ") and "\n" not in str(error)
        assert hidden  # only text inside a script may be lost
        return
    if not hidden:
        assert "foreign ministers of Spain and Poland" in found.text
