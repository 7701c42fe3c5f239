"""The knowledge base: its data (true, broad facts), the loader's lookups and its RDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from actorgraph import kb
from actorgraph.errors import ActorgraphError


@pytest.fixture(scope="module")
def base() -> kb.KnowledgeBase:
    return kb.load()


def test_every_un_member_state_once(base: kb.KnowledgeBase) -> None:
    countries = base.of_type("Country")
    members = [c for c in countries if c.un_member]
    assert len(members) == 193
    codes = [c.iso3 for c in countries]
    assert len(codes) == len(set(codes))
    assert all(c.key == f"country/{c.iso3}" for c in countries)
    assert all(re.fullmatch(r"Q[1-9]\d*", c.wikidata or "") for c in members)
    assert {c.iso3 for c in countries if not c.un_member} >= {"PSE", "XKX", "TWN", "VAT"}


def test_every_country_has_demonym_and_capital(base: kb.KnowledgeBase) -> None:
    for country in base.of_type("Country"):
        assert country.demonyms, country.key
        assert country.capital, country.key


def test_well_known_country_facts(base: kb.KnowledgeBase) -> None:
    assert base.entry("country/RUS").wikidata == "Q159"  # type: ignore[union-attr]
    assert base.entry("country/BLR").wikidata == "Q184"  # type: ignore[union-attr]
    assert base.entry("country/UKR").capital == "Kyiv"  # type: ignore[union-attr]
    assert base.country("usa") is base.entry("country/USA")
    assert base.entry("country/XXX") is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("US", "country/USA"),
        ("U.S.", "country/USA"),
        ("the United States", "country/USA"),
        ("United States of America", "country/USA"),
        ("America", "country/USA"),
        ("Britain", "country/GBR"),
        ("Great Britain", "country/GBR"),
        ("the UK", "country/GBR"),
        ("Russian Federation", "country/RUS"),
        ("Russia's", "country/RUS"),
        ("Russia’s", "country/RUS"),
        ("cote d'ivoire", "country/CIV"),
        ("Türkiye", "country/TUR"),
        ("Turkiye", "country/TUR"),
        ("Guinea Bissau", "country/GNB"),
    ],
)
def test_lookup_normalises(base: kb.KnowledgeBase, name: str, key: str) -> None:
    assert [e.key for e in base.lookup(name)] == [key]


def test_lookup_is_exact_not_fuzzy(base: kb.KnowledgeBase) -> None:
    assert base.lookup("Russ") == []
    assert base.lookup("United") == []
    assert base.lookup("Republic") == []


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Belarusian", "country/BLR"),
        ("Belarussian", "country/BLR"),
        ("Byelorussian", "country/BLR"),
        ("Ukrainian", "country/UKR"),
        ("Ukrainians", "country/UKR"),
        ("Russians", "country/RUS"),
        ("American", "country/USA"),
        ("British", "country/GBR"),
        ("Swiss", "country/CHE"),
        ("Poles", "country/POL"),
        ("Chinese", "country/CHN"),
        ("Frenchmen", "country/FRA"),
    ],
)
def test_country_by_adjective(base: kb.KnowledgeBase, word: str, key: str) -> None:
    entry = base.country_by_adjective(word)
    assert entry is not None and entry.key == key


def test_ambiguous_or_unknown_adjective_is_none(base: kb.KnowledgeBase) -> None:
    assert base.country_by_adjective("Congolese") is None  # two Congos
    assert base.country_by_adjective("Dominican") is None  # Dominica and Dominican Republic
    assert base.country_by_adjective("Martian") is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Minsk", "country/BLR"),
        ("Moscow", "country/RUS"),
        ("Kiev", "country/UKR"),
        ("Kyiv", "country/UKR"),
        ("Washington", "country/USA"),
        ("Beijing", "country/CHN"),
    ],
)
def test_country_by_capital(base: kb.KnowledgeBase, name: str, key: str) -> None:
    entry = base.country_by_capital(name)
    assert entry is not None and entry.key == key


def test_load_is_cached(base: kb.KnowledgeBase) -> None:
    assert kb.load() is base


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(kb.kb_dir(), target)
    return target


def test_missing_column_is_one_line_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "countries.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace(",demonyms", "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ActorgraphError) as info:
        kb.load(folder)
    message = str(info.value)
    assert "\n" not in message
    assert "countries.csv:1" in message and "demonyms" in message


def test_duplicate_key_names_file_and_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "countries.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ActorgraphError, match=rf"countries\.csv:{len(lines)}: duplicate key"):
        kb.load(folder)


def test_missing_folder_is_error(tmp_path: Path) -> None:
    with pytest.raises(ActorgraphError, match="not found"):
        kb.load(tmp_path / "nowhere")
