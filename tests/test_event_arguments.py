"""The arguments of events in news: groups of people named by their number or their deed
("twelve people", "the kidnappers") as actors and parties, passives and places attacked, on
sentences written for these tests."""

from __future__ import annotations

import pytest

from actorgraph import pipeline
from actorgraph.model import Actor, Document, Extraction
from actorgraph.vocab import PLOVER_TYPES


def extract(text: str) -> Extraction:
    return pipeline.extract(Document("t", "t.txt", text, "2024-05-02"))


def events(found: Extraction) -> set[tuple[str, str, str | None]]:
    """(source label, type, target label) of the events read."""
    label = {a.id: a.label for a in found.actors}
    return {
        (label[r.source], r.type, label.get(r.target) if r.target else None)
        for r in found.relations
        if r.type in PLOVER_TYPES
    }


def actor(found: Extraction, label: str) -> Actor:
    (match,) = [a for a in found.actors if a.label == label]
    return match


def test_counted_victims_are_the_target_of_an_attack_and_of_the_scene_s_country() -> None:
    found = extract("Gunmen killed fourteen people in Maradi, Niger, on Sunday.")
    victims = actor(found, "fourteen people in Maradi")
    assert (victims.type, victims.country) == ("Organization", "NER")
    assert "fourteen people" in victims.aliases  # the words the text uses
    assert ("gunmen", "ASSAULT", victims.label) in events(found)
    assert ("gunmen", "ASSAULT", "Niger") not in events(found)  # the people, not the state


def test_people_counted_by_police_are_the_target_of_the_arrest() -> None:
    found = extract("Ugandan police detained 23 people after the rally.")
    assert ("Ugandan police", "COERCE", "23 people") in events(found)


def test_released_captives_and_their_captors_are_the_target_and_the_source() -> None:
    found = extract("Two aid workers were released by their kidnappers.")
    assert actor(found, "kidnappers").type == "PoliticalGroup"
    assert ("kidnappers", "RETREAT", "Two aid workers") in events(found)


def test_a_single_doer_named_by_the_deed_is_a_person() -> None:
    found = extract("The suspect stabbed two pilgrims near the shrine.")
    assert actor(found, "suspect").type == "Person"
    assert ("suspect", "ASSAULT", "two pilgrims") in events(found)


@pytest.mark.parametrize(
    "text",
    [
        "Some people say the river will flood again.",
        "The people of the valley grow barley.",
        "Children play football in the square every evening.",
    ],
)
def test_vague_or_uncounted_people_are_no_actor(text: str) -> None:
    assert not [a for a in extract(text).actors if a.type != "Location"]


def test_people_counted_inside_a_group_are_no_group_of_their_own() -> None:
    found = extract("The blast killed eleven people, including four children, in the market.")
    assert [a.label for a in found.actors] == ["eleven people"]


def test_victims_of_an_attack_named_after_a_passive_are_its_target() -> None:
    found = extract("Nine people were wounded in a mortar attack carried out by Eritrea.")
    assert ("Eritrea", "ASSAULT", "Nine people") in events(found)


def test_the_subject_of_a_passive_with_no_agent_is_no_doer() -> None:
    found = extract("A Sudanese journalist was freed on Monday.")
    assert not [e for e in events(found) if e[0] == "Sudan"]


def test_an_attack_on_a_place_alone_falls_on_the_country_the_place_is_part_of() -> None:
    found = extract("Chadian troops shelled Maradi overnight, the government of Niger said.")
    assert ("Chadian armed forces", "ASSAULT", "Niger") in events(found)
    found = extract("Chadian troops shelled Maradi overnight.")  # no country actor: the place
    assert ("Chadian armed forces", "ASSAULT", "Maradi") in events(found)


def test_a_raid_on_a_place_in_the_doer_s_own_country_stays_on_the_place() -> None:
    found = extract("Ethiopian police raided a market in Addis Ababa.")
    assert ("Ethiopian police", "COERCE", "Addis Ababa") in events(found)


def test_a_verb_joined_to_a_passive_is_passive_too() -> None:
    found = extract("Two Somali traders were seized and beaten near the market.")
    assert not [e for e in events(found) if e[0] == "Somalia"]
    found = extract("Two Somali traders were seized and beaten by militiamen near the market.")
    assert any(s == "militia" and t == "ASSAULT" for s, t, _ in events(found))


def test_one_person_named_by_what_they_are_is_a_person_of_their_demonym_s_country() -> None:
    found = extract("Kenya deported a British journalist on Friday.")
    journalist = actor(found, "a British journalist")
    assert (journalist.type, journalist.country) == ("Person", "GBR")
    assert ("Kenya", "COERCE", journalist.label) in events(found)
    assert not [e for e in events(found) if e[2] == "United Kingdom"]  # not the state
    found = extract("The journalist said she would appeal.")  # a story's own, told before
    assert not [a for a in found.actors if a.type == "Person"]


def test_an_attack_that_kills_is_aimed_at_whom_it_kills() -> None:
    def by_rules(text: str) -> set[tuple[str, str, str | None]]:
        (found,) = pipeline.extract_many([Document("t", "t.txt", text)], events="rules")
        return events(found)

    killed = by_rules("A bombing by al-Shabaab kills four Kenyan Army soldiers near Lamu.")
    assert ("al-Shabaab", "ASSAULT", "Kenyan Army") in killed
    # a verb that is no act of force says nothing of the target
    worried = by_rules("A bombing by al-Shabaab worries four Kenyan Army generals near Lamu.")
    assert ("al-Shabaab", "ASSAULT", "Kenyan Army") not in worried


def test_an_alliances_strike_on_a_place_falls_on_the_places_country() -> None:
    found = extract("NATO jets bombed Nis, a city in southern Serbia, on Monday.")
    assert ("North Atlantic Treaty Organization", "ASSAULT", "Serbia") in events(found)
    assert ("North Atlantic Treaty Organization", "ASSAULT", "Nis") not in events(found)
