"""Atomic writes: the old file survives a failed or killed write, and no temporary file is left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from actorgraph.fileio import atomic_open, atomic_write_bytes, atomic_write_text


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_creates_parents_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    atomic_write_bytes(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert leftovers(target.parent) == []


def test_text_is_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "Zürich — «Київ»")
    assert target.read_bytes() == "Zürich — «Київ»".encode()


@pytest.mark.parametrize("exception", [RuntimeError, KeyboardInterrupt])
def test_exception_mid_write_keeps_the_old_file(tmp_path: Path, exception: type) -> None:
    target = tmp_path / "graph.trig"
    target.write_text("old complete content", encoding="utf-8")
    with pytest.raises(exception), atomic_open(target) as handle:
        handle.write("new half")
        handle.flush()
        assert leftovers(tmp_path)  # the temporary file exists while writing...
        raise exception("stop")
    assert target.read_text(encoding="utf-8") == "old complete content"
    assert leftovers(tmp_path) == []  # ...and is gone after the failure


def test_exception_before_first_write_of_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    with pytest.raises(ValueError), atomic_open(target):
        raise ValueError("nothing written")
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_readers_never_see_a_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "A" * 1000)
    with atomic_open(target) as handle:
        handle.write("B" * 500)
        handle.flush()
        assert target.read_text(encoding="utf-8") == "A" * 1000
        handle.write("B" * 500)
    assert target.read_text(encoding="utf-8") == "B" * 1000


def test_permissions_are_kept_or_usual(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.html"
        atomic_write_text(fresh, "x")
        assert fresh.stat().st_mode & 0o777 == 0o644  # not the 0600 of a temporary file
        kept = tmp_path / "kept.sh"
        kept.write_text("y")
        kept.chmod(0o751)
        atomic_write_text(kept, "z")
        assert kept.stat().st_mode & 0o777 == 0o751
    finally:
        os.umask(old_umask)


WRITER = """
import sys
from pathlib import Path
from actorgraph.fileio import atomic_open
with atomic_open(Path(sys.argv[1])) as handle:
    handle.write("partial " * 1000)
    handle.flush()
    print("writing", flush=True)
    while True:
        handle.write("more ")
"""


def test_killed_writer_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old complete content", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "writing"
        time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == "old complete content"
    # a killed process cannot clean up: its temporary file is hidden and never read as output
    assert all(name.startswith(".out.txt.") for name in leftovers(tmp_path))
