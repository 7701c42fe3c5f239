"""Linking: KB actors carry their IRI and Wikidata id; others get stable type/slug IRIs."""

from __future__ import annotations

from actorgraph import kb, link, names, pipeline
from actorgraph.model import Document
from actorgraph.vocab import ID


def doc(text: str, ident: str) -> Document:
    return Document(id=ident, path=f"{ident}.txt", text=text, date="2023-01-10")


def test_iri_of_unknown_actor_is_type_and_slug() -> None:
    assert link.actor_iri("Person", "Serhiy Nayév") == str(ID["person/serhiy-nayev"])
    assert link.actor_iri("MilitaryForce", "Ukrainian combined forces") == str(
        ID["militaryforce/ukrainian-combined-forces"]
    )
    assert link.actor_iri("Country", "ignored", "country/KEN") == str(ID["country/KEN"])


def test_names_normalise_for_comparison() -> None:
    assert names.name_key("the Kremlin’s") == names.name_key("Kremlin")
    assert names.name_key("Zalužnyj") == "zaluznyj"
    assert names.slug("Côte d'Ivoire") == "cote-d-ivoire"


def test_known_actor_carries_kb_iri_and_wikidata() -> None:
    extraction = pipeline.extract(doc("Kenya and France signed a treaty in Nairobi.", "a"))
    kenya = next(a for a in extraction.actors if a.label == "Kenya")
    entry = kb.load().entry("country/KEN")
    assert entry is not None
    assert kenya.id == entry.iri and kenya.wikidata == entry.wikidata and kenya.country == "KEN"


def test_same_unknown_actor_gets_the_same_iri_in_two_articles() -> None:
    first, second = pipeline.extract_many(
        [
            doc("Zambian activist Mutale Banda met farmers. Banda urged reform.", "a"),
            doc("Banda was arrested in Lusaka, where Mutale Banda had lived.", "b"),
        ]
    )

    def banda(extraction: object) -> list[str]:
        return [a.id for a in extraction.actors if "Banda" in a.label]  # type: ignore[attr-defined]

    assert banda(first) == banda(second) == [str(ID["person/mutale-banda"])]


def test_institution_links_to_the_kb_when_known() -> None:
    knowledge = kb.load()
    label, entry = link.institution(knowledge, "RUS", "armed forces", "MilitaryForce")
    assert entry is not None and entry.country == "RUS"
    label, entry = link.institution(knowledge, "KEN", "combined forces", "MilitaryForce")
    assert (label, entry) == ("Kenyan combined forces", None)
