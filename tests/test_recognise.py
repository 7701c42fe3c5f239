"""Recognition: knowledge-base names, unknown names typed from spaCy, demonyms, nominal
groups and titles, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from actorgraph import clean, kb, pipeline, recognise
from actorgraph.recognise import Recognition
from actorgraph.recognise.entities import plural_common_noun, trim


@pytest.fixture(scope="module")
def nlp() -> Language:
    return pipeline.prepare()


def run(nlp: Language, text: str) -> Recognition:
    return recognise.recognise(nlp(clean.clean(text)), kb.load(), nlp)


def by_text(found: Recognition) -> dict[str, recognise.Recognised]:
    return {m.text: m for m in found.mentions}


def test_setup_adds_the_ruler_once(nlp: Language) -> None:
    again = recognise.setup(nlp, kb.load())
    assert again.pipe_names.count(recognise.RULER) == 1
    assert again.pipe_names.index(recognise.RULER) < again.pipe_names.index("ner")


def test_known_names_get_their_kb_type_and_key(nlp: Language) -> None:
    found = by_text(run(nlp, "Officials at NATO and the Kremlin spoke about Poland."))
    assert found["NATO"].key == "org/nato"
    assert found["NATO"].type == "InternationalOrganization"
    assert found["Kremlin"].type == "GovernmentBody"
    assert found["Poland"].key == "country/POL"


def test_capitals_are_marked_for_resolution(nlp: Language) -> None:
    found = by_text(run(nlp, "Officials in Kyiv and Warsaw met on Friday."))
    assert found["Kyiv"].kind == "capital"
    assert found["Kyiv"].country == "UKR"
    assert found["Warsaw"].country == "POL"


def test_unknown_names_still_become_typed_actors(nlp: Language) -> None:
    found = by_text(
        run(
            nlp,
            "Maria Kovalenko, a lawyer, met officials of the Northern Farmers Party "
            "and the Ministry of Water in Oranjestad.",
        )
    )
    assert found["Maria Kovalenko"].type == "Person"
    assert found["Maria Kovalenko"].key is None
    assert found["Northern Farmers Party"].type == "PoliticalGroup"
    assert found["Ministry of Water"].type == "GovernmentBody"


def test_demonyms_tie_to_countries_without_being_actors(nlp: Language) -> None:
    found = run(nlp, "The Kenyan president praised Ghanaian farmers.")
    assert {d.country for d in found.demonyms} == {"KEN", "GHA"}
    assert not [m for m in found.mentions if m.text in ("Kenyan", "Ghanaian")]


def test_nominal_groups_of_institutions(nlp: Language) -> None:
    text = (
        "Georgian troops and the Armenian special forces crossed the river, while "
        "the opposition in Moldova protested."
    )
    found = {m.text: m for m in run(nlp, text).mentions if m.kind == "nominal"}
    assert found["Georgian troops"].type == "MilitaryForce"
    assert found["Georgian troops"].country == "GEO"
    assert found["Armenian special forces"].label == "special forces"
    opposition = next(m for m in found.values() if m.type == "PoliticalGroup")
    assert opposition.owner is not None  # the country comes from "in Moldova"


def test_generic_nouns_without_a_country_are_not_actors(nlp: Language) -> None:
    found = run(nlp, "Some troops and many forces were seen near the river.")
    assert not [m for m in found.mentions if m.kind == "nominal"]


def test_titles_are_normalised_to_roles(nlp: Language) -> None:
    found = run(
        nlp,
        "The Kenyan Defense Secretary met Ghana's top diplomat and the Agriculture Minister "
        "of Chad; a spokeswoman for the former Prime Minister declined to comment.",
    )
    roles = [t.role for t in found.titles]
    assert "defence minister" in roles
    assert "foreign minister" in roles
    assert "agriculture minister" in roles
    assert "spokesperson" in roles
    former = next(t for t in found.titles if t.role == "prime minister")
    assert former.modifier == "former"


def test_type_by_head_words() -> None:
    assert recognise.type_by_head("Ministry of Energy") == "GovernmentBody"
    assert recognise.type_by_head("Baltic News Agency") == "MediaOrganization"
    assert recognise.type_by_head("Green Party") == "PoliticalGroup"
    assert recognise.type_by_head("Acme Widgets") is None


def test_names_that_only_qualify_a_thing_are_not_persons(nlp: Language) -> None:
    found = run(nlp, "The army received new Javelin missiles and Stinger launchers.")
    assert not [m for m in found.mentions if m.type == "Person"]


def test_product_names_qualifying_weapons_are_not_organisations(nlp: Language) -> None:
    found = run(nlp, "Chad will buy Vortex-K missile systems from Niger.")
    assert not [m for m in found.mentions if "Vortex" in m.text]


def test_ministries_named_by_portfolio_and_country(nlp: Language) -> None:
    found = {
        m.text: m
        for m in run(nlp, "Ghana's interior ministry and Chad's ministry of defence met.").mentions
        if m.kind == "nominal"
    }
    assert found["interior ministry"].label == "interior ministry"
    assert found["interior ministry"].type == "GovernmentBody"
    assert found["ministry"].label == "defence ministry"


def test_organisation_named_with_a_demonym_belongs_to_that_country(nlp: Language) -> None:
    found = run(nlp, "The Kenyan Ministry of Foreign Affairs protested.").mentions
    ministry = next(m for m in found if m.type == "GovernmentBody")
    assert ministry.country == "KEN"


def test_capitalised_plural_noun_opening_a_sentence_is_no_name(nlp: Language) -> None:
    def opening(text: str) -> bool:
        return plural_common_noun(nlp(text)[0:1], nlp)

    assert opening("Missiles struck military targets.")
    assert opening("Tanks rolled into the town.")
    assert not opening("Hughes said the talks failed.")
    assert not opening("Putin said the talks failed.")
    assert not plural_common_noun(nlp("The missiles struck.")[1:2], nlp)


def test_demonym_groups_without_their_country_named(nlp: Language) -> None:
    text = (
        "Senior Kenyan officials and Ugandan diplomats met while Chadian rebels fought "
        "Malian police and Bolivian protesters marched past Nigerien soldiers."
    )
    found = {m.text: m for m in run(nlp, text).mentions}
    officials = next(m for t, m in found.items() if t.endswith("Kenyan officials"))
    assert (officials.kind, officials.country) == ("country", "KEN")
    assert (found["Ugandan diplomats"].kind, found["Ugandan diplomats"].country) == (
        "country",
        "UGA",
    )
    assert (found["Chadian rebels"].type, found["Chadian rebels"].country) == (
        "PoliticalGroup",
        "TCD",
    )
    assert (found["Malian police"].type, found["Malian police"].label) == (
        "GovernmentBody",
        "police",
    )
    assert (found["Bolivian protesters"].type, found["Bolivian protesters"].country) == (
        "Organization",
        "BOL",
    )
    assert found["Nigerien soldiers"].type == "MilitaryForce"


def test_only_ministries_take_a_portfolio(nlp: Language) -> None:
    found = {m.text: m for m in run(nlp, "They accused Zambian police of negligence.").mentions}
    assert found["Zambian police"].label == "police"


def test_a_demonym_before_a_noun_that_names_no_group_is_no_mention_of_its_own(
    nlp: Language,
) -> None:
    found = run(nlp, "Ecuador rejected a Colombian proposal on the border.")
    assert not [m for m in found.mentions if m.country == "COL"]
    assert [d.country for d in found.demonyms] == ["COL"]


def test_coordinated_demonyms_give_one_mention_per_country(nlp: Language) -> None:
    found = run(nlp, "Senior Peruvian and Chilean diplomats met in Quito.").mentions
    countries = [(m.text, m.kind, m.country) for m in found if m.kind == "country"]
    assert countries == [("Peruvian", "country", "PER"), ("Chilean", "country", "CHL")]
    forces = run(nlp, "Kenyan and Somali troops crossed the border.").mentions
    assert [(m.type, m.country) for m in forces if m.kind == "nominal"] == [
        ("MilitaryForce", "KEN"),
        ("MilitaryForce", "SOM"),
    ]


def test_singular_people_nouns_act_for_their_country(nlp: Language) -> None:
    text = "A Peruvian diplomat said a Chilean soldier fled."
    found = {m.text: m for m in run(nlp, text).mentions}
    assert (found["Peruvian diplomat"].kind, found["Peruvian diplomat"].country) == (
        "country",
        "PER",
    )
    assert (found["Chilean soldier"].type, found["Chilean soldier"].country) == (
        "MilitaryForce",
        "CHL",
    )


def test_weapons_acting_stand_for_their_armed_forces(nlp: Language) -> None:
    found = run(nlp, "Ethiopian tanks and helicopters shelled the town.").mentions
    tanks = next(m for m in found if m.kind == "nominal")
    assert (tanks.type, tanks.country, tanks.label) == ("MilitaryForce", "ETH", "armed forces")


def test_peoples_faiths_and_regions_are_groups_without_a_country(nlp: Language) -> None:
    found = {
        m.text: m
        for m in run(nlp, "Kurdish leaders met Arab states while a Sunni militia fled.").mentions
    }
    assert (found["Kurdish leaders"].type, found["Kurdish leaders"].label) == (
        "PoliticalGroup",
        "Kurds",
    )
    assert found["Kurdish leaders"].country is None
    assert found["Arab states"].label == "Arab states"
    militia = next(m for t, m in found.items() if t.endswith("Sunni militia"))
    assert (militia.type, militia.label) == ("MilitaryForce", "Sunni militia")
    assert militia.country is None


def test_nationality_nouns_name_their_country_unless_ethnic(nlp: Language) -> None:
    found = {m.text: m for m in run(nlp, "The Peruvians accused the Bolivians.").mentions}
    assert (found["Peruvians"].kind, found["Peruvians"].country) == ("country", "PER")
    assert (found["Bolivians"].kind, found["Bolivians"].country) == ("country", "BOL")
    ethnic = run(nlp, "Hundreds of ethnic Hungarians marched in the city.").mentions
    group = next(m for m in ethnic if m.kind == "group")
    assert (group.text, group.type, group.country) == ("ethnic Hungarians", "PoliticalGroup", None)


def test_compound_demonyms_name_one_community_of_one_country(nlp: Language) -> None:
    knowledge = kb.load()
    assert recognise.community("Greek", "Cypriots", knowledge) == ("Greek Cypriots", "CYP")
    assert recognise.community("Turkish", "Cypriot", knowledge) == ("Turkish Cypriots", "CYP")
    assert recognise.community("Bosnian", "Serb", knowledge) == ("Bosnian Serbs", "BIH")
    assert recognise.community("Iraqi", "Kurds", knowledge) == ("Iraqi Kurds", "IRQ")
    assert recognise.community("Kosovar", "Albanians", knowledge) == ("Kosovar Albanians", "XKX")
    assert recognise.community("Arab", "Israelis", knowledge) == ("Arab Israelis", "ISR")
    assert recognise.community("Peruvian", "Peruvians", knowledge) is None
    assert recognise.community("Greek", "officials", knowledge) is None
    found = run(nlp, "Turkish Cypriot leaders rejected the plan.").mentions
    leaders = next(m for m in found if m.kind == "group")
    assert (leaders.type, leaders.label, leaders.country) == (
        "PoliticalGroup",
        "Turkish Cypriots",
        "CYP",
    )
    assert not [m for m in found if m.country == "TUR"]


def test_gazetteer_cities_carry_their_country() -> None:
    cities = recognise.gazetteer()
    assert cities["Kharkiv"] == "UKR"
    assert cities["Arequipa"] == "PER"
    assert all(name[:1].isupper() for name in cities)  # capitalised names only


def test_cities_the_model_missed_are_places_of_their_country(nlp: Language) -> None:
    found = {
        m.text: m for m in run(nlp, "Rockets fell on Odesa, Kharkiv and Dnipro overnight.").mentions
    }
    for city in ("Odesa", "Kharkiv", "Dnipro"):
        assert (found[city].type, found[city].country) == ("Location", "UKR")


def test_a_city_name_read_as_a_person_stays_a_person(nlp: Language) -> None:
    found = {m.text: m for m in run(nlp, "Jackson said the talks in Lincoln had failed.").mentions}
    assert found["Jackson"].type == "Person"
    assert (found["Lincoln"].type, found["Lincoln"].country) == ("Location", "USA")


def test_city_names_that_are_english_words_are_not_places(nlp: Language) -> None:
    found = run(nlp, "Nice words split the mobile crowd in the Split debate.").mentions
    assert not [m for m in found if m.type == "Location"]


def test_a_body_named_before_the_head_noun_is_the_actor(nlp: Language) -> None:
    found = run(nlp, "Somali rebel leaders met Kenyan army officers.").mentions
    nominal = {m.text: m for m in found if m.kind == "nominal"}
    rebels = nominal["Somali rebel leaders"]
    assert (rebels.type, rebels.label, rebels.country) == ("PoliticalGroup", "rebels", "SOM")
    officers = nominal["Kenyan army officers"]
    assert (officers.type, officers.country) == ("MilitaryForce", "KEN")


def test_an_adjective_glued_to_a_demonym_is_dropped(nlp: Language) -> None:
    for text, country in (
        ("Radical Chilean students said they would block the road.", "CHL"),
        ("Furious Bolivian farmers blocked the road.", "BOL"),
    ):
        found = run(nlp, text)
        assert not [m for m in found.mentions if m.kind == "name"]
        assert [d.country for d in found.demonyms] == [country]


def test_parliaments_and_groups_of_nationals_belong_to_their_country(nlp: Language) -> None:
    found = {
        m.text: m
        for m in run(
            nlp, "The Moldovan parliament condemned the arrest of Georgian tourists."
        ).mentions
    }
    parliament = next(m for t, m in found.items() if t.endswith("Moldovan parliament"))
    assert (parliament.type, parliament.country, parliament.label) == (
        "GovernmentBody",
        "MDA",
        "parliament",
    )
    assert (found["Georgian tourists"].type, found["Georgian tourists"].country) == (
        "Organization",
        "GEO",
    )


def test_a_hyphened_participle_relates_a_group_to_a_country_without_making_it_its_own(
    nlp: Language,
) -> None:
    backed = run(nlp, "Sudanese-backed militants crossed the border.").mentions
    assert not [m for m in backed if m.kind == "nominal" and m.country == "SDN"]
    led = run(nlp, "Nigerian-led forces retook the town.").mentions
    forces = next(m for m in led if m.kind == "nominal")
    assert (forces.type, forces.country) == ("MilitaryForce", "NGA")


def test_a_region_word_before_a_people_noun_is_the_region_group(nlp: Language) -> None:
    found = {m.text: m for m in run(nlp, "Gulf states pledged aid to Yemen.").mentions}
    assert (found["Gulf states"].type, found["Gulf states"].label) == (
        "PoliticalGroup",
        "Gulf states",
    )


def test_saint_is_also_spelt_st_in_city_names() -> None:
    assert recognise.gazetteer()["St Petersburg"] == "RUS"


def test_model_labels_the_words_contradict_are_corrected(nlp: Language) -> None:
    found = run(nlp, "Kosovar Albanians protested.").mentions  # the model says ORG
    assert [(m.text, m.type, m.country) for m in found] == [
        ("Kosovar Albanians", "PoliticalGroup", "XKX")
    ]
    place = run(nlp, "Fighting flared again around the city of Kandahar.").mentions
    assert [(m.text, m.type) for m in place] == [("Kandahar", "Location")]
    person = run(nlp, "Vice-President Moody Kamau said no.").mentions  # the model says ORG
    assert [m.type for m in person] == ["Person"]


def test_a_union_named_with_a_demonym_is_one_countrys_organisation(nlp: Language) -> None:
    found = run(nlp, "Thousands joined the Kenyan Teachers' Union strike.").mentions
    union = next(m for m in found if "Union" in m.text)
    assert (union.type, union.country) == ("Organization", "KEN")


def test_a_city_carries_only_a_country_the_knowledge_base_has() -> None:
    knowledge = kb.load()
    assert recognise.city_country("Kharkiv", knowledge) == "UKR"
    assert recognise.gazetteer()["Kowloon"] == "HKG"
    assert knowledge.country("HKG") is None  # a territory the knowledge base lacks
    assert recognise.city_country("Kowloon", knowledge) is None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Gunmen stormed a police station overnight.", "Gunmen"),
        ("A bus was attacked by militants on the highway.", "militants"),
    ],
)
def test_armed_groups_acting_without_a_country_are_actors(
    nlp: Language, text: str, word: str
) -> None:
    found = by_text(run(nlp, text))
    assert found[word].type == "PoliticalGroup"
    assert found[word].country is None


def test_armed_groups_only_mentioned_are_no_actors(nlp: Language) -> None:
    found = run(nlp, "The villagers fled from the militants.")
    assert not [m for m in found.mentions if m.text.lower() == "militants"]


def test_monarchs_titles_are_roles(nlp: Language) -> None:
    found = run(nlp, "The Emir of Kuwait and Sultan Haitham of Oman met the Dutch monarch.")
    roles = {t.role for t in found.titles}
    assert {"emir", "sultan", "monarch"} <= roles


def test_a_countrys_adjective_taken_for_a_person_is_a_demonym(nlp: Language) -> None:
    """The model may read a two-word adjective as a name ("Sri Lankan" as a person)."""
    found = recognise.recognise(nlp("Sri Lankan farmers marched."), kb.load(), nlp)
    assert [(m.text, m.type) for m in found.mentions if m.type == "Person"] == []
    assert any(d.country == "LKA" for d in found.demonyms)


def test_a_title_word_inside_a_hyphened_name_is_no_title(nlp: Language) -> None:
    doc = nlp("Foreign Minister Hossein Amir-Abdollahian met Lieutenant-General Ali Shadmani.")
    found = [(t.role, doc[t.start_token : t.end_token].text) for t in recognise.titles(doc, nlp)]
    assert found == [("foreign minister", "Foreign Minister"), ("general", "General")]


@pytest.mark.parametrize(
    ("text", "name", "type_name", "country"),
    [
        # a known country or party inside a longer name is part of that name
        ("The Socialist Party of Chile issued a statement.", "Socialist Party of Chile",
         "PoliticalGroup", "CHL"),
        ("The National Assembly of Ecuador met on Friday.", "National Assembly of Ecuador",
         "GovernmentBody", "ECU"),
        ("Leaders of the Liberal Democratic Party gathered in Osaka.", "Liberal Democratic Party",
         "PoliticalGroup", None),
    ],
)  # fmt: skip
def test_a_name_the_knowledge_base_cut_in_two_is_one_name(
    nlp: Language, text: str, name: str, type_name: str, country: str | None
) -> None:
    found = by_text(run(nlp, text))
    assert found[name].type == type_name
    assert found[name].key is None and found[name].country == country
    assert not any(m.endswith(" of") or m in ("Democratic Party", "Socialist") for m in found)


def test_names_end_in_no_function_word_and_start_with_no_description(nlp: Language) -> None:
    found = by_text(run(nlp, "Prime Minister Mia Mottley of Barbados and Crete and Rhodes."))
    assert "Mia Mottley" in found and not any(m.endswith((" of", " and")) for m in found)
    found = by_text(run(nlp, "Councillor Ana Maria Costa said the port would reopen."))
    assert "Ana Maria Costa" in found and "Councillor Ana Maria Costa" not in found


def test_given_names_before_a_known_surname_make_another_person(nlp: Language) -> None:
    found = by_text(run(nlp, "Valerie Biden Owens met Hunter Biden in Delaware."))
    assert found["Hunter Biden"].key is None
    found = by_text(run(nlp, "Joe Biden spoke in Delaware."))
    assert found["Joe Biden"].key == "person/joe-biden"


def test_times_of_day_and_time_zones_are_no_actors(nlp: Language) -> None:
    found = by_text(run(nlp, "The vote closed at 18:00 GMT (20:00 CET) in Valletta."))
    assert not {"GMT", "CET"} & set(found)


def test_police_and_civilians_are_of_the_place_their_act_happens_in(nlp: Language) -> None:
    found = by_text(run(nlp, "Police detained dozens of students in Quito on Monday."))
    assert found["Police"].owner is not None and found["students"].owner is not None
    assert found["Quito"].country == "ECU"
    found = by_text(run(nlp, "Demonstrators stoned the consulate in Lima."))
    assert found["Demonstrators"].owner is not None
    assert "consulate" not in found  # a mission abroad is not the host country's


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("District Judge Amelia Korsgaard dismissed the lawsuit on Monday.", "Amelia Korsgaard",
         "judge"),
        ("Editor Tomasz Wrona said the newspaper would appeal.", "Tomasz Wrona", "editor"),
        ("Colonel Ruben Okonkwo commanded the battalion.", "Ruben Okonkwo", "colonel"),
    ],
)  # fmt: skip
def test_a_title_before_a_name_is_a_post_not_part_of_the_name(
    nlp: Language, text: str, name: str, role: str
) -> None:
    found = run(nlp, text)
    people = [m for m in found.mentions if m.type == "Person"]
    assert [m.text for m in people] == [name]
    assert [t.role for t in found.titles] == [role]
    assert found.titles[0].end_token == people[0].start_token


def test_a_name_never_holds_half_a_bracket(nlp: Language) -> None:
    doc = nlp("The Coastal Fisheries Council (CFC) met in Lima.")
    opened = trim(Span(doc, 1, 6, label="ORG"))  # the model ran the name into the bracket
    assert opened is not None and opened.text == "Coastal Fisheries Council"
    doc = nlp("It was agreed between (Minister Rafael) Quispe and the unions.")
    closed = trim(Span(doc, 6, 9, label="PERSON"))
    assert closed is not None and closed.text == "Quispe"


def test_a_nickname_in_quotes_stays_inside_the_name(nlp: Language) -> None:
    found = run(nlp, 'Police officer Sergeant Tane "Tom" Whareaitu was injured on Friday.')
    people = [m.text for m in found.mentions if m.type == "Person"]
    assert people == ['Tane "Tom" Whareaitu']
