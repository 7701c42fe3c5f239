"""Resolution within a document: names, surnames, pronouns, titles, capitals, nominal groups."""

from __future__ import annotations

import pytest
from spacy.language import Language

from actorgraph import clean, kb, pipeline, quotes, recognise, resolve
from actorgraph.model import Actor
from actorgraph.resolve import Resolution, spellings


@pytest.fixture(scope="module")
def nlp() -> Language:
    return pipeline.prepare()


def run(nlp: Language, text: str, date: str | None = None) -> tuple[Resolution, object]:
    doc = nlp(clean.clean(text))
    knowledge = kb.load()
    return resolve.resolve(doc, recognise.recognise(doc, knowledge, nlp), knowledge, date), doc


def actor_of(resolution: Resolution, doc: object, word: str, nth: int = 0) -> Actor | None:
    tokens = [t for t in doc if t.text == word]  # type: ignore[attr-defined]
    return resolution.index.actor_at(tokens[nth].i)


def test_full_name_surname_and_pronouns_are_one_actor(nlp: Language) -> None:
    text = (
        "Kenyan President William Ruto arrived in Accra on Monday. "
        "Ruto said he would raise trade with his hosts."
    )
    res, doc = run(nlp, text)
    ruto = actor_of(res, doc, "Ruto")
    assert ruto is not None and ruto.type == "Person"
    assert actor_of(res, doc, "Ruto", 1) is ruto
    assert actor_of(res, doc, "he") is ruto
    assert actor_of(res, doc, "his") is ruto
    assert actor_of(res, doc, "President") is ruto
    assert len([a for a in res.index.actors if a.type == "Person"]) == 1


def test_surname_first_then_full_name_does_not_split_the_person(nlp: Language) -> None:
    res, _doc = run(nlp, "Okafor spoke first. Later, Amaka Okafor, a senator, left.")
    persons = [a for a in res.index.actors if a.type == "Person"]
    assert len(persons) == 1
    assert persons[0].label == "Amaka Okafor"


def test_pronoun_prefers_the_salient_subject(nlp: Language) -> None:
    text = (
        "Ghanaian President Nana Akufo-Addo hosted the summit. "
        "It was his first summit since a strike that John Mensah organised. "
        "He opened it with a speech."
    )
    res, doc = run(nlp, text)
    host = actor_of(res, doc, "Akufo")
    assert host is not None
    assert actor_of(res, doc, "He") is host


def test_apposition_makes_title_and_name_one_actor(nlp: Language) -> None:
    res, doc = run(nlp, "Amina Diallo, the Senegalese foreign minister, flew to Paris.")
    diallo = actor_of(res, doc, "Diallo")
    assert diallo is not None
    assert diallo.country == "SEN"
    post = res.posts[0]
    assert (post.role, post.how, post.person) == ("foreign minister", "apposition", diallo.id)
    assert actor_of(res, doc, "minister") is diallo


def _french_president(on: str) -> kb.KBEntry:
    holder = kb.load().holder("president", "country/FRA", on)
    if holder is None:
        pytest.skip("the knowledge base lists no holder of this post")
    return holder


def test_a_title_is_the_kb_holder_when_the_text_names_them(nlp: Language) -> None:
    holder = _french_president("2022-06-01")
    text = f"The French president called for calm. {holder.label} spoke to farmers on Friday."
    res, doc = run(nlp, text, date="2022-06-01")
    person = actor_of(res, doc, "president")
    assert person is not None and person.id == holder.iri
    assert res.posts[0].how == "kb"


def test_a_title_of_a_person_never_named_is_an_unnamed_holder(nlp: Language) -> None:
    holder = _french_president("2022-06-01")
    text = "The French president called for calm. Later the French president left for Rome."
    res, doc = run(nlp, text, date="2022-06-01")
    person = actor_of(res, doc, "president")
    assert person is not None and person.type == "Person"
    assert person.label == "French president" and person.country == "FRA"
    assert res.index.get(holder.iri) is None  # no actor the text does not mention
    assert actor_of(res, doc, "president", 1) is person  # one holder per post
    post = res.posts[0]
    assert (post.role, post.how, post.person) == ("president", "description", person.id)


def test_an_unnamed_holder_is_named_with_the_organisation_after_the_title(
    nlp: Language,
) -> None:
    _french_president("2022-06-01")
    res, doc = run(nlp, "The President of France opened the fair.", date="2022-06-01")
    person = actor_of(res, doc, "President")
    assert person is not None and person.label == "President of France"


def test_a_former_title_is_nobody_when_unnamed(nlp: Language) -> None:
    res, _doc = run(nlp, "The former French president opened a school.", date="2022-06-01")
    assert not [a for a in res.index.actors if a.type == "Person"]


def test_who_served_as_ties_the_post_to_the_relative_clause_antecedent(
    nlp: Language,
) -> None:
    text = "Tomas Varga, who served as Slovak foreign minister for two years, died on Monday."
    res, doc = run(nlp, text, date="2001-01-01")
    varga = actor_of(res, doc, "Varga")
    assert varga is not None
    post = res.posts[0]
    assert (post.role, post.how, post.person) == ("foreign minister", "copula", varga.id)


def test_capital_as_agent_stands_for_the_country(nlp: Language) -> None:
    res, doc = run(nlp, "Nairobi wants closer ties, and Accra signed a deal with Nairobi.")
    kenya = actor_of(res, doc, "Nairobi")
    assert kenya is not None and kenya.type == "Country" and kenya.country == "KEN"
    assert actor_of(res, doc, "Accra").type == "Country"  # type: ignore[union-attr]
    assert "Nairobi" in kenya.aliases
    assert actor_of(res, doc, "Nairobi", 1) is kenya


def test_capital_as_place_stays_a_location(nlp: Language) -> None:
    res, doc = run(nlp, "The minister arrived in Nairobi and later visited Accra.")
    nairobi = actor_of(res, doc, "Nairobi")
    accra = actor_of(res, doc, "Accra")
    assert nairobi is not None and nairobi.type == "Location" and nairobi.country == "KEN"
    assert accra is not None and accra.type == "Location"


def test_possessive_pronoun_gives_a_nominal_group_its_country(nlp: Language) -> None:
    text = "Russian President Vladimir Putin said his soldiers would stay."
    res, doc = run(nlp, text)
    forces = actor_of(res, doc, "soldiers")
    assert forces is not None and forces.type == "MilitaryForce" and forces.country == "RUS"


def test_apposition_retypes_a_name_the_model_mistyped(nlp: Language) -> None:
    res, doc = run(nlp, "Zorbax, the state news agency of Chad, reported the visit.")
    agency = actor_of(res, doc, "Zorbax")
    assert agency is not None and agency.type == "MediaOrganization"


def test_every_mention_token_is_indexed(nlp: Language) -> None:
    res, doc = run(nlp, "Polish Prime Minister Mateusz Morawiecki met him in Warsaw.")
    for actor in res.index.actors:
        for mention in actor.mentions:
            span = doc.char_span(mention.start, mention.end)  # type: ignore[attr-defined]
            assert span is not None
            assert all(res.index.by_token[t.i] == actor.id for t in span)


def test_pleonastic_it_refers_to_nothing(nlp: Language) -> None:
    res, doc = run(nlp, "Chad signed the deal. It is likely that talks will go on.")
    assert actor_of(res, doc, "It") is None


def test_family_name_first_is_the_same_person(nlp: Language) -> None:
    res, doc = run(nlp, "Chinese Foreign Minister Wang Yi arrived. Wang said the talks went well.")
    assert actor_of(res, doc, "Wang", 1) is actor_of(res, doc, "Yi")
    assert len([a for a in res.index.actors if a.type == "Person"]) == 1


def test_capital_as_recipient_is_the_government_but_destination_a_place(nlp: Language) -> None:
    res, doc = run(nlp, "Beijing denied selling drones to Nairobi. The envoy flew to Accra.")
    assert actor_of(res, doc, "Nairobi").type == "Country"  # type: ignore[union-attr]
    assert actor_of(res, doc, "Accra").type == "Location"  # type: ignore[union-attr]


def test_acronym_in_brackets_and_nickname_are_aliases(nlp: Language) -> None:
    text = (
        "The Northern Liberation Front (NLF) attacked a convoy. Its leader Samuel Oduya, "
        "known as Papa, denied it. The NLF later withdrew."
    )
    res, doc = run(nlp, text)
    front = actor_of(res, doc, "Front")
    assert front is not None and "NLF" in front.aliases
    assert actor_of(res, doc, "NLF", 1) is front
    oduya = actor_of(res, doc, "Oduya")
    assert oduya is not None and actor_of(res, doc, "Papa") is oduya


def test_pronoun_gender_agrees_once_known(nlp: Language) -> None:
    text = (
        "Ms Amina Diallo met Mr Pierre Ngoma in Dakar. Ngoma thanked his hosts. "
        "She said she was pleased."
    )
    res, doc = run(nlp, text)
    diallo = actor_of(res, doc, "Diallo")
    assert diallo is not None and diallo.label == "Amina Diallo"
    assert actor_of(res, doc, "She") is diallo
    assert actor_of(res, doc, "his") is actor_of(res, doc, "Ngoma")


def test_group_adjective_points_at_the_group_only_when_it_is_an_actor(nlp: Language) -> None:
    res, doc = run(nlp, "Chad has few friends in the West. Western sanctions hurt Chad.")
    west = actor_of(res, doc, "West")
    assert west is not None and west.type == "PoliticalGroup"
    assert actor_of(res, doc, "Western") is west
    res, doc = run(nlp, "Western sanctions hurt Chad.")
    assert actor_of(res, doc, "Western") is None
    assert not [a for a in res.index.actors if a.type == "PoliticalGroup"]


def test_coordinated_demonyms_are_two_country_actors(nlp: Language) -> None:
    res, doc = run(nlp, "Peruvian and Chilean officials agreed to reopen the border.")
    assert actor_of(res, doc, "Peruvian") is not None
    assert actor_of(res, doc, "Peruvian").id.endswith("/country/PER")  # type: ignore[union-attr]
    assert actor_of(res, doc, "Chilean").id.endswith("/country/CHL")  # type: ignore[union-attr]


def test_a_title_naming_no_person_is_its_country(nlp: Language) -> None:
    res, doc = run(nlp, "A Peruvian official said the border would reopen.")
    peru = actor_of(res, doc, "official")
    assert peru is not None and peru.id.endswith("/country/PER")
    assert not [a for a in res.index.actors if a.type == "Person"]


def test_a_demonym_qualifying_an_object_names_its_country(nlp: Language) -> None:
    res, doc = run(nlp, "Ecuador rejected a Colombian proposal on the border.")
    colombia = actor_of(res, doc, "Colombian")
    assert colombia is not None and colombia.id.endswith("/country/COL")
    assert [m.kind for m in colombia.mentions] == ["demonym"]
    res, doc = run(nlp, "The Colombian offensive began in May.")
    assert actor_of(res, doc, "Colombian") is None  # the offensive acts, not the country


def test_a_people_named_as_noun_and_adjective_is_one_group(nlp: Language) -> None:
    res, doc = run(nlp, "The Kurds held a rally. Kurdish leaders said the vote was fair.")
    kurds = actor_of(res, doc, "Kurds")
    assert kurds is not None and kurds.type == "PoliticalGroup"
    assert kurds.country is None
    assert actor_of(res, doc, "leaders") is kurds


def test_a_community_is_a_group_of_its_country(nlp: Language) -> None:
    res, doc = run(nlp, "Greek Cypriot negotiators walked out of the talks.")
    group = actor_of(res, doc, "negotiators")
    assert group is not None
    assert (group.type, group.label, group.country) == ("PoliticalGroup", "Greek Cypriots", "CYP")
    assert group.id.endswith("/politicalgroup/greek-cypriots")


def test_definite_descriptions_refer_back_to_a_country(nlp: Language) -> None:
    text = (
        "Kenyan President William Ruto visited Uganda on Monday. "
        "He wants his eastern partner to join the customs union."
    )
    res, doc = run(nlp, text)
    partner = actor_of(res, doc, "partner")
    assert partner is not None and partner.id.endswith("/country/UGA")  # not Ruto's Kenya
    res, doc = run(nlp, "Chad closed its border on Monday. The country said trade would suffer.")
    assert actor_of(res, doc, "country") is actor_of(res, doc, "Chad")
    res, doc = run(nlp, "Chad closed its border. A country needs friends.")
    assert actor_of(res, doc, "country") is None  # no "the", no possessor: any country


def test_they_refers_to_a_country_named_in_the_plural_only(nlp: Language) -> None:
    res, doc = run(nlp, "Kenyan officials arrived in Accra on Monday. They said trade would grow.")
    kenya = actor_of(res, doc, "They")
    assert kenya is not None and kenya.id.endswith("/country/KEN")
    res, doc = run(nlp, "Kenya sent a delegation on Monday. They said trade would grow.")
    assert actor_of(res, doc, "They") is None  # a country named in the singular is "it"
    res, doc = run(nlp, "The Peruvians rejected the plan. They said it ignored their demands.")
    assert actor_of(res, doc, "their") is actor_of(res, doc, "Peruvians")
    assert actor_of(res, doc, "it") is None  # "it" is the plan, not the Peruvians


def test_a_pronoun_refers_to_a_likelier_noun_group_that_is_no_actor(nlp: Language) -> None:
    text = "Peruvian officials met in Lima. Farm unions said they would strike."
    res, doc = run(nlp, text)
    assert actor_of(res, doc, "they") is None  # the unions, not Peru
    res, doc = run(nlp, "A Chilean diplomat praised the treaty, saying it would last.")
    assert actor_of(res, doc, "it") is None  # the treaty, not Chile
    res, doc = run(nlp, "Peruvian officials met in Lima. They said talks would resume.")
    assert actor_of(res, doc, "They") is actor_of(res, doc, "officials")


def test_a_partner_is_a_country_just_named_not_one_further_back(nlp: Language) -> None:
    text = (
        "Chad closed its border with Sudan. Aid agencies protested. "
        "Nigerian President Bola Tinubu said his partner would help."
    )
    res, doc = run(nlp, text)
    assert actor_of(res, doc, "partner") is None


def test_the_alliance_and_the_bloc_refer_back_to_an_organisation_of_their_kind(
    nlp: Language,
) -> None:
    text = (
        "ASEAN leaders met in Jakarta, and NATO ministers met in Brussels. "
        "The alliance agreed to spend more. The bloc called for calm."
    )
    res, doc = run(nlp, text)
    nato = actor_of(res, doc, "NATO")
    assert nato is not None
    assert actor_of(res, doc, "alliance") is nato  # only NATO's names say alliance or treaty
    bloc = actor_of(res, doc, "bloc")
    assert bloc is not None and bloc.type == "InternationalOrganization"


def test_the_organisation_with_none_named_before_is_no_actor(nlp: Language) -> None:
    res, doc = run(nlp, "The organisation said the alliance had failed.")
    assert actor_of(res, doc, "organisation") is None
    assert actor_of(res, doc, "alliance") is None


def test_people_counted_in_a_place_are_that_places_people(nlp: Language) -> None:
    res, doc = run(nlp, "Tens of thousands of miners marched in Chile on Friday.")
    miners = actor_of(res, doc, "miners")
    assert miners is not None and miners.country == "CHL"
    res, doc = run(nlp, "Thousands of soldiers fought in Chile on Friday.")
    soldiers = actor_of(res, doc, "soldiers")
    assert soldiers is None or soldiers.country != "CHL"  # armed men are not the place's


@pytest.mark.parametrize(
    ("text", "word", "iso3"),
    [
        ("Chile's opposition criticised the government over pensions.", "government", "CHL"),
        ("Floods hit Malawi last week. The authorities closed schools.", "authorities", "MWI"),
    ],
)
def test_the_government_unnamed_is_that_of_the_country_spoken_of(
    nlp: Language, text: str, word: str, iso3: str
) -> None:
    res, doc = run(nlp, text)
    actor = actor_of(res, doc, word)
    assert actor is not None and actor.id.endswith(f"/country/{iso3}")


def test_the_government_a_country_acts_upon_is_not_its_own(nlp: Language) -> None:
    res, doc = run(nlp, "Floods hit Malawi. Japan urged the government to rebuild roads.")
    actor = actor_of(res, doc, "government")
    assert actor is not None and actor.id.endswith("/country/MWI")


def test_a_government_named_otherwise_is_left_alone(nlp: Language) -> None:
    res, doc = run(nlp, "Peru praised the government of Bolivia.")
    actor = actor_of(res, doc, "government")
    assert actor is None or actor.id.endswith("/country/BOL")


def test_the_opposition_unnamed_is_that_of_the_country_spoken_of(nlp: Language) -> None:
    res, doc = run(nlp, "Elections were held in Ghana. The opposition rejected the result.")
    actor = actor_of(res, doc, "opposition")
    assert actor is not None and actor.type == "PoliticalGroup" and actor.country == "GHA"


def test_the_opposition_with_no_country_before_is_no_actor(nlp: Language) -> None:
    res, doc = run(nlp, "The opposition rejected the result.")
    assert actor_of(res, doc, "opposition") is None


def test_him_after_coordinated_verbs_is_not_their_shared_subject(nlp: Language) -> None:
    text = "Chilean President Gabriel Boric met Peru's president, Dina Boluarte, and thanked him."
    res, doc = run(nlp, text)
    assert actor_of(res, doc, "him") is not actor_of(res, doc, "Boric")


@pytest.mark.parametrize(
    ("text", "person", "role", "organization"),
    [
        (
            "Chad's army chief Abakar Abdelkerim Daoud spoke.",
            "abakar-abdelkerim-daoud",
            "head",
            "chadian-armed-forces",
        ),
        ("Ghana's police chief George Dampare spoke.", "george-dampare", "head", "ghanaian-police"),
    ],
)
def test_a_post_after_a_countrys_institution_is_in_that_institution(
    nlp: Language, text: str, person: str, role: str, organization: str
) -> None:
    res, _ = run(nlp, text)
    found = {
        (p.person.rsplit("/", 1)[-1], p.role, (p.organization or "").rsplit("/", 1)[-1])
        for p in res.posts
    }
    assert (person, role, organization) in found


def test_bare_groups_are_groups_of_the_country_spoken_of(nlp: Language) -> None:
    text = (
        "Thousands marched through Tbilisi on Saturday against a new law passed by Georgia's "
        "parliament. The demonstrators threw stones at police, who answered with water cannon."
    )
    res, doc = run(nlp, text)
    marchers = actor_of(res, doc, "demonstrators")
    officers = actor_of(res, doc, "police")
    georgia = actor_of(res, doc, "Georgia")
    assert marchers is not None and officers is not None and georgia is not None
    assert marchers.country == officers.country == "GEO"
    assert marchers is not georgia and officers is not georgia  # groups, not the state
    assert marchers.type != "Country" and officers.type == "GovernmentBody"
    assert "demonstrators" in [a.lower() for a in marchers.aliases]


def test_a_group_named_again_by_its_word_alone_is_the_same_group(nlp: Language) -> None:
    text = (
        "Chilean students occupied the main square of Santiago. "
        "Officials in Lima said trade talks would go on. "
        "Farmers in Peru joined a strike. "
        "Prices rose in the capital. "
        "The students left the square on Friday."
    )
    res, doc = run(nlp, text)
    first = actor_of(res, doc, "students")
    assert first is not None and first.country == "CHL"
    assert actor_of(res, doc, "students", 1) is first


def test_a_group_said_to_be_anothers_is_not_made_the_countrys(nlp: Language) -> None:
    text = (
        "Brazil's supreme court heard an appeal on Tuesday. "
        "Lawyers for Amnesty International said the trial had been unfair."
    )
    res, doc = run(nlp, text)
    found = actor_of(res, doc, "Lawyers")
    assert found is None or found.country != "BRA"
    assert actor_of(res, doc, "Amnesty") is not None


def test_the_first_person_in_a_quotation_is_its_speaker(nlp: Language) -> None:
    text = (
        "Talks on the dam resumed in Addis Ababa. "
        '"I will not sign a deal that leaves my farmers without water," Ethiopian Prime '
        "Minister Abiy Ahmed said on Monday."
    )
    res, doc = run(nlp, text)
    abiy = actor_of(res, doc, "Abiy")
    assert abiy is not None and abiy.type == "Person"
    assert actor_of(res, doc, "I") is abiy
    assert actor_of(res, doc, "my") is abiy


def test_a_quotation_over_two_sentences_keeps_its_speaker(nlp: Language) -> None:
    text = (
        'Senator Maria Vance said: "The bill is badly drafted. '
        'I urge my colleagues to reject it." The vote is due on Friday.'
    )
    res, doc = run(nlp, text)
    vance = actor_of(res, doc, "Vance")
    assert vance is not None
    assert actor_of(res, doc, "I") is vance


def test_we_is_the_body_that_speaks_not_a_person_speaking_for_one(nlp: Language) -> None:
    text = (
        '"We will answer any attack on our ships," the Iranian navy said. '
        '"We want calm in the Gulf," Tehran\'s envoy Ali Rezaei told reporters.'
    )
    res, doc = run(nlp, text)
    navy = actor_of(res, doc, "navy")
    assert navy is not None and navy.type == "MilitaryForce"
    assert actor_of(res, doc, "We") is navy and actor_of(res, doc, "our") is navy
    envoy = actor_of(res, doc, "Rezaei")
    assert envoy is not None and actor_of(res, doc, "We", 1) is not envoy


def test_a_first_person_outside_any_quotation_stays_unresolved(nlp: Language) -> None:
    res, doc = run(nlp, "Chile's foreign minister spoke in Lima. I think the talks went well.")
    assert actor_of(res, doc, "I") is None


def test_the_court_or_the_senate_is_the_body_of_that_kind_named_before(nlp: Language) -> None:
    text = (
        "The Supreme Court of Kenya heard the petition on Monday. "
        "Lawyers for both sides spoke for six hours. "
        "The crowd outside was calm. "
        "Rain fell in the afternoon. "
        "On Friday the court annulled the election, and a lower court freed two officials."
    )
    res, doc = run(nlp, text)
    court = actor_of(res, doc, "Court")
    assert court is not None and court.type == "GovernmentBody"
    assert actor_of(res, doc, "court") is court
    assert actor_of(res, doc, "court", 1) is not court  # a lower court is another


@pytest.mark.parametrize(
    "text",
    ['"', '""', '" I', 'I "', "“We said” ”", '"I will go,\n\nhe said." "We"', "“ ” “"],
)
def test_stray_quotation_marks_resolve_without_error(nlp: Language, text: str) -> None:
    res, doc = run(nlp, text)
    for quote in quotes.quotations(doc):  # type: ignore[arg-type]
        assert 0 <= quote.start < quote.end <= len(doc)  # type: ignore[arg-type]
    assert all(a.mentions for a in res.index.actors)


def test_a_misspelt_surname_is_the_person_named_before(nlp: Language) -> None:
    text = (
        "Governor Aleksander Wisniewski opened the new bridge on Monday. "
        "Critics said the bridge cost too much. Wisniewki rejected the criticism on Tuesday."
    )
    res, doc = run(nlp, text)
    governor = actor_of(res, doc, "Wisniewski")
    assert governor is not None and governor.label == "Aleksander Wisniewski"
    assert actor_of(res, doc, "Wisniewki") is governor
    assert [a.label for a in res.index.actors if a.type in ("Person", "Organization")] == [
        "Aleksander Wisniewski"
    ]


def test_a_misspelt_full_name_takes_the_better_attested_spelling(nlp: Language) -> None:
    text = (
        "Aleksander Wisnievski met port workers on Monday. "
        "Later that week, Aleksander Wisniewski visited the harbour. Wisniewski left on Friday."
    )
    res, doc = run(nlp, text)
    person = actor_of(res, doc, "Wisnievski")
    assert person is not None and person.label == "Aleksander Wisniewski"
    assert "Aleksander Wisnievski" in person.aliases
    assert actor_of(res, doc, "Wisniewski", 1) is person


def test_relatives_sharing_a_surname_stay_two_people(nlp: Language) -> None:
    text = (
        "Maria Kowalczyk founded the charity in 2004. "
        "Her brother Piotr Kowalczyk joined it a year later."
    )
    res, _doc = run(nlp, text)
    people = sorted(a.label for a in res.index.actors if a.type == "Person")
    assert people == ["Maria Kowalczyk", "Piotr Kowalczyk"]


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("wisniewski", "wisniewki", True),  # a letter dropped
        ("petra novakova", "petra novakowa", True),  # a letter changed
        ("aleksander wisniewski", "wisniewksi", True),  # two letters swapped, a surname alone
        ("kim jong un", "kim jong il", False),  # relatives: short words that differ
        ("lena brandt", "jonas brandt", False),  # relatives: given names that differ
        ("kowalczyk", "kowalczyks", False),  # a family, not a slip
        ("ivan petrov", "iwan petrov", False),  # too short to tell a slip from another name
        ("oskar lindqvist", "oskar lindgren", False),  # two names alike, not one misspelt
    ],
)
def test_what_counts_as_a_misspelt_name(first: str, second: str, same: bool) -> None:
    assert spellings.misspelt_name(first, second) is same


def test_a_two_word_surname_alone_is_the_person_named_in_full(nlp: Language) -> None:
    text = (
        "Senator Carlos Mendes Duarte criticised the budget on Monday. "
        "Mendes Duarte said the plan left out the poorest towns."
    )
    res, _doc = run(nlp, text)
    assert [a.label for a in res.index.actors if a.type == "Person"] == ["Carlos Mendes Duarte"]


def test_a_noun_group_keeps_the_texts_name_for_its_institution(nlp: Language) -> None:
    text = "The Oman Navy escorted a tanker. His soldiers left. Security forces arrested him."
    resolution, doc = run(nlp, text)
    navy = actor_of(resolution, doc, "Navy")
    assert navy is not None and navy.type == "MilitaryForce"
    assert "Oman Navy" in [navy.label, *navy.aliases]
    # words that describe a group rather than name it are no aliases
    every = [n for a in resolution.index.actors for n in (a.label, *a.aliases)]
    assert not {"His soldiers", "Security forces"} & set(every)
    # a government named by its country's adjective is the country, under that name too
    resolution, doc = run(nlp, "The Syrian government accused Jordan of sheltering smugglers.")
    syria = actor_of(resolution, doc, "government")
    assert syria is not None and syria.label == "Syria" and "Syrian government" in syria.aliases


def test_a_group_named_by_its_word_is_of_its_own_storys_place(nlp: Language) -> None:
    # a digest of the day's news: each paragraph a story of its own
    text = (
        "Rebels seize two villages near Goma, Democratic Republic of the Congo.\n\n"
        "Police disperse students outside the parliament in Nairobi on Tuesday.\n\n"
        "Dozens of farmers march outside the energy ministry in Lima.\n\n"
        "Indonesian president Joko Widodo orders the national police to guard the ports."
    )
    resolution, doc = run(nlp, text)
    for word, country in (("Police", "KEN"), ("students", "KEN"), ("farmers", "PER")):
        actor = actor_of(resolution, doc, word)
        assert actor is not None and actor.country == country, (word, actor)
    national = actor_of(resolution, doc, "police")
    assert national is not None and national.country == "IDN"
    # within one story the group named again is the same group
    story = "Police in Kenya arrested ten protesters. Later police released them."
    resolution, doc = run(nlp, story)
    assert actor_of(resolution, doc, "Police") == actor_of(resolution, doc, "police")
