"""Affiliations: posts, parts, succession, membership and alliances from general sentences."""

from __future__ import annotations

from actorgraph import pipeline
from actorgraph.model import Document, Extraction
from actorgraph.vocab import AFFILIATION_TYPES


def extract(text: str, date: str | None = "2023-05-02") -> Extraction:
    return pipeline.extract(Document(id="t", path="t.txt", text=text, date=date))


def relations(extraction: Extraction, type_name: str) -> list[tuple[str, str | None, str | None]]:
    label = {a.id: a.label for a in extraction.actors}
    return [
        (label[r.source], label.get(r.target or ""), r.role)
        for r in extraction.relations
        if r.type == type_name
    ]


def test_title_before_name_gives_the_post_in_the_country() -> None:
    found = relations(
        extract("Kenyan Foreign Minister Amara Otieno flew to Lagos."), "holdsPosition"
    )
    assert found == [("Amara Otieno", "Kenya", "foreign minister")]


def test_apposition_and_possessive_titles() -> None:
    text = (
        "Amina Diallo, Senegal's defence minister, met Pierre Ngoma, the commander of the "
        "Gabonese special forces."
    )
    found = relations(extract(text), "holdsPosition")
    assert ("Amina Diallo", "Senegal", "defence minister") in found
    assert ("Pierre Ngoma", "Gabonese special forces", "commander") in found


def test_organisation_title_and_part_of() -> None:
    text = "Zorbax, the state news agency of Chad, quoted Kremlin spokesman Ivan Petrov."
    extraction = extract(text)
    assert ("Ivan Petrov", "Kremlin", "spokesperson") in relations(extraction, "holdsPosition")
    assert ("Zorbax", "Chad", None) in relations(extraction, "partOf")


def test_nominal_military_group_is_part_of_its_country() -> None:
    extraction = extract("Chad said Nigerien troops crossed into Chad.")
    assert relations(extraction, "partOf") == [
        (next(a.label for a in extraction.actors if a.type == "MilitaryForce"), "Niger", None)
    ]


def test_former_titles_are_not_current_posts() -> None:
    found = relations(extract("Former Kenyan President Daniel Mutua spoke."), "holdsPosition")
    assert found == []


def test_successor_refers_to_the_person_who_left_not_the_nearest_subject() -> None:
    text = (
        "Gabon's interior minister, Paul Obame, resigned last week. "
        "On Monday, Chadian President Idriss Kaka met with his successor, Jean Mba."
    )
    extraction = extract(text)
    assert relations(extraction, "successorOf") == [("Jean Mba", "Paul Obame", None)]
    assert ("Jean Mba", "Gabon", "interior minister") in relations(extraction, "holdsPosition")


def test_successor_of_the_possessor_when_nobody_left() -> None:
    extraction = extract("Kenyan President Amara Otieno introduced his successor, John Kamau.")
    assert relations(extraction, "successorOf") == [("John Kamau", "Amara Otieno", None)]


def test_succeeded_and_replaced_verbs() -> None:
    extraction = extract(
        "Michael Carter succeeded Thomas Reed in March. "
        "Later, Thomas Reed was replaced by David Hughes."
    )
    found = relations(extraction, "successorOf")
    assert ("Michael Carter", "Thomas Reed", None) in found
    assert ("David Hughes", "Thomas Reed", None) in found


def test_negated_succession_is_not_a_relation() -> None:
    found = relations(extract("Michael Carter did not replace Thomas Reed."), "successorOf")
    assert found == []


def test_membership() -> None:
    extraction = extract("Finland joined NATO in April. Kenya is a member of the African Union.")
    found = relations(extraction, "memberOf")
    assert ("Finland", "North Atlantic Treaty Organization", None) in found
    assert any(src == "Kenya" and "African Union" in (tgt or "") for src, tgt, _ in found)


def test_coordinated_members_each_join() -> None:
    found = relations(extract("Estonia and Latvia joined the European Union in 2004."), "memberOf")
    assert {src for src, tgt, _ in found if tgt == "European Union"} == {"Estonia", "Latvia"}


def test_coordinated_allies_each_ally() -> None:
    found = relations(extract("Mali and Niger have allied with Burkina Faso."), "allyOf")
    assert sorted(found) == [("Mali", "Burkina Faso", None), ("Niger", "Burkina Faso", None)]


def test_alliance_with_attribution() -> None:
    extraction = extract("Chad is Niger's closest ally, according to Nigerien President Ali Sani.")
    rel = next(r for r in extraction.relations if r.type == "allyOf")
    label = {a.id: a.label for a in extraction.actors}
    assert {label[rel.source], label[rel.target or ""]} == {"Chad", "Niger"}
    assert rel.factuality == "reported"
    assert label[rel.attributed_to or ""] == "Ali Sani"


def test_allied_with() -> None:
    found = relations(extract("Mali has allied with Burkina Faso against the rebels."), "allyOf")
    assert found == [("Mali", "Burkina Faso", None)]


def test_evidence_offsets_index_the_original_text() -> None:
    text = "Advertisements\n\nKenyan Foreign Minister Amara Otieno flew to Lagos.\n"
    extraction = extract(text)
    mine = [r for r in extraction.relations if r.type in AFFILIATION_TYPES]
    assert mine
    for rel in mine:
        assert text[rel.evidence.start : rel.evidence.end] == rel.evidence.sentence
        assert "Advertisements" not in rel.evidence.sentence
        assert 0 < rel.confidence <= 1


def test_apposition_in_the_speakers_own_noun_group_is_the_writers_description() -> None:
    extraction = extract("Chad, a close ally of Niger, said it would send aid to Mali.")
    rel = next(r for r in extraction.relations if r.type == "allyOf")
    assert rel.factuality == "asserted" and rel.attributed_to is None


def test_member_in_apposition() -> None:
    found = relations(extract("Poland, a NATO member, sent tanks to Chad."), "memberOf")
    assert found == [("Poland", "North Atlantic Treaty Organization", None)]


def test_title_with_a_possessive_pronoun_is_a_post_in_the_possessors_country() -> None:
    text = "Kenyan President Amara Otieno praised his foreign minister, John Kamau, on Monday."
    found = relations(extract(text), "holdsPosition")
    assert ("John Kamau", "Kenya", "foreign minister") in found


def test_title_with_its_organisation_before_the_name() -> None:
    text = "The head of the African Union, Moussa Faki, arrived in Chad."
    found = relations(extract(text), "holdsPosition")
    assert len(found) == 1
    person, organisation, role = found[0]
    # linked to the knowledge base, under his full name
    assert (
        person == "Moussa Faki Mahamat"
        and "African Union" in (organisation or "")
        and role == "head"
    )


def test_aide_to_a_leader_serves_in_the_leaders_country() -> None:
    extraction = extract(
        "France sent Pierre Lemaire, an aide to President Emmanuel Macron, to Kenya."
    )
    assert ("Pierre Lemaire", "France", "adviser") in relations(extraction, "holdsPosition")


def test_national_title_without_a_country_is_the_post_in_the_holders_country() -> None:
    found = relations(
        extract("President Emmanuel Macron said the talks went well."), "holdsPosition"
    )
    assert found == [("Emmanuel Macron", "France", "president")]


def test_a_title_that_is_no_national_post_needs_its_organisation() -> None:
    found = relations(extract("Spokesman Dmitry Peskov said the talks went well."), "holdsPosition")
    assert not any(target == "Russia" for _, target, _ in found)
    assert relations(extract("Russia's spokesman Dmitry Peskov spoke."), "holdsPosition")


def test_counterpart_holds_the_same_post_in_the_other_country() -> None:
    text = (
        "Indonesian Foreign Minister Retno Marsudi met her Australian counterpart, "
        "Penny Wong, in Jakarta."
    )
    found = relations(extract(text), "holdsPosition")
    assert ("Retno Marsudi", "Indonesia", "foreign minister") in found
    assert ("Penny Wong", "Australia", "foreign minister") in found


def test_us_secretary_of_state_is_the_foreign_minister() -> None:
    text = "Secretary of State Antony Blinken met his Kenyan counterpart Alfred Mutua."
    found = relations(extract(text), "holdsPosition")
    assert ("Antony Blinken", "United States", "foreign minister") in found
    assert ("Alfred Mutua", "Kenya", "foreign minister") in found


def test_a_national_title_of_an_unknown_holder_takes_the_country_around_it() -> None:
    # the one country its sentence names, none of another person's there
    found = relations(
        extract("Joe Biden met President Ana Torres and praised Ecuador's ports."),
        "holdsPosition",
    )
    assert ("Ana Torres", "Ecuador", "president") in found
    # else the country most of the article names
    text = (
        "Ecuador opened a new port on Monday. Ecuador's exports have grown.\n\n"
        "Officials in Ecuador said the port would employ thousands.\n\n"
        "Prime Minister Luis Vera called it a milestone."
    )
    assert ("Luis Vera", "Ecuador", "prime minister") in relations(extract(text), "holdsPosition")
    # no country at all: no post in one
    lone = relations(extract("Prime Minister Luis Vera called it a milestone."), "holdsPosition")
    assert not any(target for _, target, _ in lone)


def test_title_of_a_country_before_the_name_is_the_post_there() -> None:
    # the encyclopaedic order: title, "of" and the country or organisation, then the name
    for text, post in (
        ("President of Egypt Hosni Mubarak flew to Riyadh.", ("Hosni Mubarak", "Egypt")),
        (
            "Thousands protested against Prime Minister of Hungary Viktor Orban in Budapest.",
            ("Viktor Orbán", "Hungary"),
        ),
        (
            "Secretary-General of the United Nations Kofi Annan visited Mali.",
            ("Kofi Annan", "United Nations"),
        ),
    ):
        found = [(p, o) for p, o, _ in relations(extract(text), "holdsPosition")]
        assert post in found, text
    # a title of a country followed by a name of another kind is no post of that name
    found = relations(extract("The President of Chad Monday rejected the plan."), "holdsPosition")
    assert not any(person == "Monday" for person, _, _ in found)


def test_resigning_from_a_post_says_the_person_held_it() -> None:
    text = "David Cameron resigned as Prime Minister of the United Kingdom on Friday."
    found = relations(extract(text), "holdsPosition")
    assert ("David Cameron", "United Kingdom", "prime minister") in found
    # a post one is named to after leaving another is not the one left
    text = "David Cameron resigned after he lost a vote as Prime Minister of the United Kingdom."
    assert ("David Cameron", "United Kingdom", "prime minister") not in relations(
        extract(text), "holdsPosition"
    )
