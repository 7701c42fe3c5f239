"""Interactions: PLOVER events, their direction, pairing, modes, dates and evidence.

Actors come from spaCy's named entities here, so these tests exercise the interaction stage
alone, whatever the actor stages do.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from actorgraph import events as interactions
from actorgraph import nlp as nlp_loader
from actorgraph import pipeline
from actorgraph.model import Actor, ActorIndex, Document, Relation
from actorgraph.vocab import PLOVER_TYPES


@pytest.fixture(scope="module")
def nlp() -> Language:
    """spaCy's own pipeline, loaded afresh: the shared one may carry the knowledge-base ruler
    that the actor stages add."""
    return spacy.load(nlp_loader.model_name())


def index_from_entities(doc: Doc) -> ActorIndex:
    """One actor per distinct entity text, keyed by that text."""
    index = ActorIndex()
    by_text: dict[str, Actor] = {}
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "GPE", "ORG", "NORP"):
            continue
        actor = by_text.get(ent.text)
        if actor is None:
            slug = re.sub(r"[^a-z0-9]+", "-", ent.text.lower()).strip("-")
            actor = Actor(id=f"t/{slug}", label=ent.text, type="Country")
            by_text[ent.text] = actor
            index.actors.append(actor)
        for i in range(ent.start, ent.end):
            index.by_token[i] = actor.id
    return index


MODEL_ADDS = (
    "the learned reader, retrained on more coded days, adds an event here on a word the rules "
    "read as no event; vetoing every such word cost recall on dev"
)


def run(nlp: Language, text: str, date: str | None = "2021-03-11") -> list[Relation]:
    doc = nlp(text)
    return interactions.extract(doc, index_from_entities(doc), Document("t", "", text, date))


def triples(relations: list[Relation], factuality: str | None = None) -> set[tuple]:
    """(source label, type, target label) for each relation, labels from the id slug."""

    def label(iri: str | None) -> str | None:
        return iri.split("/", 1)[1] if iri else None

    return {
        (label(r.source), r.type, label(r.target))
        for r in relations
        if factuality is None or r.factuality == factuality
    }


def test_active_verb_subject_is_source(nlp: Language) -> None:
    rels = run(nlp, "Germany attacked Poland on Tuesday.")
    assert ("germany", "ASSAULT", "poland") in triples(rels)
    assert ("poland", "ASSAULT", "germany") not in triples(rels)


def test_passive_agent_is_source(nlp: Language) -> None:
    rels = run(nlp, "Poland was invaded by Germany in September.")
    assert ("germany", "ASSAULT", "poland") in triples(rels)
    assert ("poland", "ASSAULT", "germany") not in triples(rels)


def test_received_from_gives_the_giver_as_source(nlp: Language) -> None:
    rels = run(nlp, "Chile received two frigates from Spain last year.")
    aid = [r for r in rels if r.type == "AID"]
    assert triples(aid) == {("spain", "AID", "chile")}
    assert aid[0].mode == "military"


def test_host_is_the_target_of_a_visit(nlp: Language) -> None:
    rels = run(nlp, "Kenya hosted Ghana's foreign minister Shirley Botchwey on Monday.")
    visits = [r for r in rels if r.type == "CONSULT"]
    assert visits, rels
    assert all(r.target == "t/kenya" for r in visits)
    assert visits[0].mode == "visit"


def test_compound_subject_of_a_symmetric_event_pairs_the_conjuncts(nlp: Language) -> None:
    rels = run(nlp, "Chile and Peru held talks in Lima.")
    consult = [r for r in rels if r.type == "CONSULT"]
    assert len(consult) == 1
    assert {consult[0].source, consult[0].target} == {"t/chile", "t/peru"}


def test_compound_subject_with_a_target_gives_one_relation_each(nlp: Language) -> None:
    rels = run(nlp, "Canada and Japan imposed sanctions on Iran.")
    assert {("canada", "SANCTION", "iran"), ("japan", "SANCTION", "iran")} <= triples(rels)


def test_prepositional_target(nlp: Language) -> None:
    rels = run(nlp, "Norway met with Sweden to discuss fishing quotas.")
    assert ("norway", "CONSULT", "sweden") in triples(rels)


def test_nominal_visit_with_possessor_and_destination(nlp: Language) -> None:
    rels = run(nlp, "Macron's visit to Italy was announced on Friday.")
    visit = [r for r in rels if r.type == "CONSULT"]
    assert triples(visit) == {("macron", "CONSULT", "italy")}
    assert visit[0].mode == "visit"


def test_light_verb_with_event_noun(nlp: Language) -> None:
    rels = run(nlp, "Turkey launched a major offensive against Syria.")
    assert ("turkey", "ASSAULT", "syria") in triples(rels)


def test_driven_back_by_makes_the_agent_the_source(nlp: Language) -> None:
    rels = run(nlp, "Chad's army was driven back by Sudan in the east.")
    assert ("sudan", "ASSAULT", "chad") in triples(rels)


def test_aid_verb_with_indirect_object(nlp: Language) -> None:
    rels = run(nlp, "Norway gave Malawi a loan of 20 million dollars.")
    aid = [r for r in rels if r.type == "AID"]
    assert triples(aid) == {("norway", "AID", "malawi")}
    assert aid[0].mode == "economic"


def test_sending_a_letter_is_not_aid(nlp: Language) -> None:
    rels = run(nlp, "Norway sent a letter to Malawi.")
    assert not [r for r in rels if r.type == "AID"]


def test_troops_arriving_is_a_deployment_not_a_visit(nlp: Language) -> None:
    rels = run(nlp, "French troops arrived in Mali on Sunday.")
    assert ("french", "CONSULT", "mali") not in triples(rels)
    assert ("french", "MOBILIZE", "mali") in triples(rels)


def test_threat_mode_comes_from_the_threatened_act(nlp: Language) -> None:
    rels = run(nlp, "Iran threatened to attack Iraq.")
    threat = [r for r in rels if r.type == "THREATEN"]
    assert triples(threat) == {("iran", "THREATEN", "iraq")}
    assert threat[0].mode == "violence"
    attack = [r for r in rels if r.type == "ASSAULT"]
    assert attack and all(r.factuality == "hypothetical" for r in attack)


def test_announced_cooperation_is_an_agreement(nlp: Language) -> None:
    # a promise of aid is the agreement made, coded once: not also the aid to come
    rels = run(nlp, "Japan will give Kenya a grant of 5 million dollars.")
    assert triples(rels) == {("japan", "AGREE", "kenya")}
    assert rels[0].factuality == "asserted"
    # a visit announced is the visit to come, not also an agreement
    visit = run(nlp, "The Chilean foreign minister will visit Peru in May.")
    assert {(r.type, r.factuality) for r in visit} == {("CONSULT", "future")}
    # saying one will agree is agreeing: asserted, once
    accept = run(nlp, "Ghana said it would accept the border deal with Togo.")
    assert {(r.type, r.factuality) for r in accept} == {("AGREE", "asserted")}
    # a signing announced is the signing to come
    sign = run(nlp, "Ghana will sign the border treaty with Togo.")
    assert {(t, r.factuality) for r in sign for t in triples([r])} == {
        (("ghana", "SUPPORT", "togo"), "future")
    }


def test_announced_act_with_unless_is_a_threat(nlp: Language) -> None:
    rels = run(nlp, "Egypt said it would withdraw its troops from Libya unless talks resumed.")
    assert ("egypt", "THREATEN", "libya") in triples(rels)


def test_refusal_to_cooperate_is_a_rejection(nlp: Language) -> None:
    rels = run(nlp, "Jordan declared that it will not accept further refugees from Iraq.")
    assert any(t[:2] == ("jordan", "REJECT") for t in triples(rels))
    assert {r.type for r in rels} == {"REJECT"}  # the refusal, not also the negated act


def test_obligation_reported_by_a_speaker_is_a_request(nlp: Language) -> None:
    rels = run(nlp, "Brazil said Argentina must pay its debts before the summit.")
    assert ("brazil", "REQUEST", "argentina") in triples(rels)
    assert {r.type for r in rels} == {"REQUEST"}  # the demand is the event of the clause


def test_demand_targets_the_subject_of_the_demanded_act(nlp: Language) -> None:
    rels = run(nlp, "Greece demanded that Turkey withdraw its ships.")
    assert ("greece", "REQUEST", "turkey") in triples(rels)
    assert ("turkey", "RETREAT", None) in triples(rels, "hypothetical")


def test_accusation_and_the_accused_act(nlp: Language) -> None:
    rels = run(nlp, "Poland accused Belarus of attacking Lithuania.")
    assert ("poland", "ACCUSE", "belarus") in triples(rels)
    attack = [r for r in rels if r.type == "ASSAULT"]
    assert triples(attack) == {("belarus", "ASSAULT", "lithuania")}
    assert attack[0].factuality == "reported"
    assert attack[0].attributed_to == "t/poland"


def test_event_date_is_normalised_against_the_document_date(nlp: Language) -> None:
    rels = run(nlp, "Peru attacked Chile on Monday, Bolivia said on Wednesday.")
    attack = [r for r in rels if r.type == "ASSAULT"]
    assert attack and attack[0].date == "2021-03-08"  # the Monday before 2021-03-11


def test_a_date_in_a_phrase_about_another_time_is_not_the_events(nlp: Language) -> None:
    text = (
        "Peru's president visited Chile for the first time since 2015, before the floods and "
        "a wave of strikes in 2018 that the army ended."
    )
    visits = [r for r in run(nlp, text) if r.type == "CONSULT"]
    assert visits and all(r.date is None for r in visits)
    dated = [r for r in run(nlp, "Peru's president visited Chile in January, before the floods.")]
    assert [r.date for r in dated if r.type == "CONSULT"] == ["2021-01-01"]


def test_absolute_date_and_missing_document_date(nlp: Language) -> None:
    assert [r.date for r in run(nlp, "Peru attacked Chile on 4 May 1998.", None)] == ["1998-05-04"]
    assert [r.date for r in run(nlp, "Peru attacked Chile on Monday.", None)] == [None]


def test_evidence_is_the_sentence_with_offsets(nlp: Language) -> None:
    text = "Spain is calm.  Peru attacked Chile on Monday. Nothing else happened."
    rels = run(nlp, text)
    assert rels
    for rel in rels:
        ev = rel.evidence
        assert text[ev.start : ev.end] == ev.sentence == "Peru attacked Chile on Monday."
        assert 0.0 < rel.confidence <= 1.0
        assert rel.type in PLOVER_TYPES


def test_no_event_without_actors(nlp: Language) -> None:
    assert run(nlp, "The weather attacked the harvest.") == []


def test_lexicon_rejects_unknown_types(tmp_path: Path) -> None:
    bad = tmp_path / "plover.yaml"
    bad.write_text(
        "verbs: {smile: {type: GRIN}}\nnouns: {}\nlight_verbs: []\naid_things: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="GRIN"):
        interactions.Lexicon.load(bad)


def test_shipped_lexicon_uses_only_plover_types() -> None:
    lex = interactions.lexicon()
    assert {e.type for e in lex.verbs.values()} <= set(PLOVER_TYPES)
    assert {e.type for e in lex.nouns.values()} <= set(PLOVER_TYPES)
    assert len(lex.verbs) > 150 and len(lex.nouns) > 80


def test_received_goods_with_a_demonym_are_aid_not_a_visit(nlp: Language) -> None:
    rels = run(nlp, "Last week Serbia received six Russian fighter jets.")
    assert ("russian", "AID", "serbia") in triples(rels)
    assert not [r for r in rels if r.type == "CONSULT"]


def test_received_a_visitor_is_a_visit_to_the_host(nlp: Language) -> None:
    rels = run(nlp, "Egypt received a delegation from Sudan on Tuesday.")
    assert ("sudan", "CONSULT", "egypt") in triples(rels)


def test_agentless_passive_retreat(nlp: Language) -> None:
    rels = run(nlp, "Serbia's troops were pushed back across the river.")
    assert ("serbia", "RETREAT", None) in triples(rels)


def test_participle_with_agent_is_a_passive(nlp: Language) -> None:
    rels = run(nlp, "Kenya, a country backed by Britain, voted against the plan.")
    assert ("britain", "SUPPORT", "kenya") in triples(rels)


def test_relative_pronoun_subject_is_the_modified_noun(nlp: Language) -> None:
    text = "The talks followed Macron, who travelled to Italy on Monday."
    doc = nlp(text)
    rules = interactions.extract(doc, index_from_entities(doc), Document("t", "", text), "rules")
    assert ("macron", "CONSULT", "italy") in triples(rules)
    analysis = next(pipeline.analyse([Document("t", "", text)], pipeline.prepare()))
    found = interactions.extract(analysis.doc, analysis.resolution.index, analysis.document)
    labels = {a.id: a.label for a in analysis.resolution.index.actors}
    assert {(labels[r.source], r.type, labels.get(r.target or "")) for r in found} == {
        ("Emmanuel Macron", "CONSULT", "Italy")
    }


def test_relational_noun_is_not_its_possessor(nlp: Language) -> None:
    rels = run(nlp, "Macron met his counterpart in Rome.")
    assert not [r for r in rels if r.source == r.target]
    assert not [r for r in rels if r.type == "CONSULT" and r.target == "t/macron"]


def test_backing_given_to_the_doer(nlp: Language) -> None:
    rels = run(nlp, "Egypt crushed the protests with heavy French backing.")
    assert ("french", "SUPPORT", "egypt") in triples(rels)


def test_sanctions_named_as_a_cause_target_the_subject(nlp: Language) -> None:
    rels = run(nlp, "Because of Canadian sanctions, Cuba cannot import oil.")
    assert ("canadian", "SANCTION", "cuba") in triples(rels)


def test_claims_called_lies_are_negated_and_the_speaker_rejects(nlp: Language) -> None:
    rels = run(nlp, "Reports that Chile attacked Peru are lies, Bolivia said.")
    attack = [r for r in rels if r.type == "ASSAULT"]
    assert attack and all(r.factuality == "negated" for r in attack)


def test_ambiguous_verbs_need_a_target(nlp: Language) -> None:
    assert not [
        r for r in run(nlp, "Workers in Chile will strike on Monday.") if r.type == "ASSAULT"
    ]


def test_leader_speaking_of_their_country_announces_its_intention(nlp: Language) -> None:
    doc = nlp("Macron said France would impose sanctions on Iran.")
    index = index_from_entities(doc)
    for actor in index.actors:
        actor.country = {"Macron": "FRA", "France": "FRA", "Iran": "IRN"}.get(actor.label)
    rels = interactions.extract(doc, index, Document("t", "", doc.text, "2021-03-11"))
    threat = [r for r in rels if r.type == "THREATEN"]
    assert triples(threat) == {("france", "THREATEN", "iran")}
    assert threat[0].attributed_to == "t/macron"


def test_own_accusation_reported_by_the_accuser_is_asserted(nlp: Language) -> None:
    rels = run(nlp, "The blast, which Chile blamed on Peru, was an attack, Chile said.")
    accuse = [r for r in rels if r.type == "ACCUSE"]
    assert triples(accuse) == {("chile", "ACCUSE", "peru")}
    assert accuse[0].factuality == "asserted"


def test_participle_after_a_passive_belongs_to_the_agent(nlp: Language) -> None:
    rels = run(nlp, "A Kenyan camp was attacked by Somali gunmen, killing ten people.")
    assert ("kenyan", "ASSAULT", None) not in triples(rels)
    assert any(t[0] == "somali" and t[1] == "ASSAULT" for t in triples(rels))


def test_compound_that_only_looks_like_an_event(nlp: Language) -> None:
    rels = run(nlp, "Chile's press release on Monday was short.")
    assert rels == []


def test_an_act_named_as_a_right_is_not_asserted(nlp: Language) -> None:
    rels = run(nlp, "Chile defended the right of Peru to attack Bolivia.")
    attack = [r for r in rels if r.type == "ASSAULT"]
    assert attack and all(r.factuality == "hypothetical" for r in attack)


def test_attribution_to_a_speaker_named_by_a_phrase(nlp: Language) -> None:
    rels = run(nlp, "Peru attacked Bolivia on Monday, a senior Chilean official said.")
    attack = [r for r in rels if r.type == "ASSAULT"]
    assert [(r.factuality, r.attributed_to) for r in attack] == [("reported", "t/chilean")]


def test_hosted_talks_are_a_third_party_meeting_of_the_parties(nlp: Language) -> None:
    rels = run(nlp, "Germany will host talks between Serbia and Albania next week.")
    consult = [r for r in rels if r.type == "CONSULT"]
    assert len(consult) == 1 and consult[0].mode == "third-party"
    assert {consult[0].source, consult[0].target} == {"t/serbia", "t/albania"}
    assert consult[0].date == "2021-03-15"  # next week, from a Thursday: its Monday


def test_a_protest_held_for_a_purpose_is_no_threat(nlp: Language) -> None:
    rels = run(nlp, "Thousands of Serbs marched in Belgrade to protest against Kosovo.")
    assert not [r for r in rels if r.type == "THREATEN"]


def test_diplomatic_protest_to_a_state_is_an_accusation(nlp: Language) -> None:
    rels = run(nlp, "Japan protested to China over the detention of its fishermen.")
    assert ("japan", "ACCUSE", "china") in triples(rels)


def test_relational_noun_keeps_its_nationality(nlp: Language) -> None:
    rels = run(nlp, "The French foreign minister telephoned his Algerian counterpart.")
    assert ("french", "CONSULT", "algerian") in triples(rels)


def test_a_place_where_someone_is_based_is_not_them(nlp: Language) -> None:
    doc = nlp("Norway expelled two diplomats based in Oslo.")
    index = index_from_entities(doc)
    for actor in index.actors:
        if actor.label == "Oslo":
            actor.type = "Location"
    rels = interactions.extract(doc, index, Document("t", "", doc.text, None))
    assert [r.type for r in rels] == ["SANCTION"]
    assert rels[0].target is None


def test_coordinated_verb_attached_too_low_keeps_the_main_subject(nlp: Language) -> None:
    text = "Chile visited Peru on Monday as the storm began, and met Bolivia in Lima."
    assert ("chile", "CONSULT", "bolivia") in triples(run(nlp, text))


def test_stated_willingness_is_an_agreement(nlp: Language) -> None:
    rels = run(nlp, "Chile is ready to sit down with Peru.")
    assert ("chile", "AGREE", "peru") in triples(rels)
    # a willingness to do harm is no agreement
    harm = run(nlp, "Chile is ready to attack Peru.")
    assert not [r for r in harm if r.type == "AGREE"]


def test_ruling_something_out_is_a_rejection(nlp: Language) -> None:
    rels = run(nlp, "Canada said that lifting the sanctions on Iran is out of the question.")
    assert ("canada", "REJECT", "iran") in triples(rels)


def test_possessive_pronoun_in_reported_speech_is_the_speaker(nlp: Language) -> None:
    rels = run(nlp, "Serbia said its troops had attacked Kosovo.")
    assert ("serbia", "ASSAULT", "kosovo") in triples(rels)


def test_travelling_to_sign_a_treaty_is_the_signing_to_come(nlp: Language) -> None:
    rels = run(nlp, "Chile's president flew to Peru on Monday to sign a trade treaty.")
    assert ("chile", "SUPPORT", None) in triples(rels, "hypothetical")
    assert ("chile", "CONSULT", "peru") in triples(rels)
    assert "AGREE" not in {r.type for r in rels}  # one event: the signing, not also a promise


def test_the_subject_of_an_allowed_act_is_the_target(nlp: Language) -> None:
    rels = run(nlp, "The African Union decided to allow Sudan to rejoin the bloc.")
    assert ("the-african-union", "CONCEDE", "sudan") in triples(rels)


def test_the_actors_own_things_are_not_the_target(nlp: Language) -> None:
    rels = run(nlp, "Ghana has agreed to reopen its border to Togo.")
    assert ("ghana", "AGREE", "togo") in triples(rels)
    recall = run(nlp, "Tunisia recalled its envoy from Libya.")
    assert ("tunisia", "SANCTION", "libya") in triples(recall)


def test_a_threat_is_aimed_at_whoever_its_condition_names(nlp: Language) -> None:
    rels = run(nlp, "Iran threatened to quit the talks if Israel struck its nuclear sites.")
    assert ("iran", "THREATEN", "israel") in triples(rels)
    unless = run(nlp, "Hungary threatened to veto the budget unless Brussels released the funds.")
    assert ("hungary", "THREATEN", "brussels") in triples(unless)


def test_condemning_a_deed_accuses_its_doer(nlp: Language) -> None:
    rels = run(nlp, "Finland condemned the missile attack by Russia on the port.")
    assert ("finland", "ACCUSE", "russia") in triples(rels)
    called = run(nlp, "Norway condemned what it called a brutal invasion by Russia.")
    assert ("norway", "ACCUSE", "russia") in triples(called)


def test_the_agent_of_a_participle_answers_for_its_noun(nlp: Language) -> None:
    rels = run(nlp, "Peru opened an investigation into killings committed by Ecuador.")
    assert ("peru", "ACCUSE", "ecuador") in triples(rels)


def test_force_used_for_a_purpose_is_aimed_at_its_object(nlp: Language) -> None:
    rels = run(nlp, "Iran opened fire to disperse Kurdish demonstrators in Tehran.")
    assault = [r for r in rels if r.type == "ASSAULT"]
    assert assault and all(r.target != "t/tehran" for r in assault)
    assert ("iran", "ASSAULT", "kurdish") in triples(rels)


def test_agreeing_to_a_hostile_act_is_no_offer_of_cooperation(nlp: Language) -> None:
    rels = run(nlp, "Canada agreed to impose new sanctions on Belarus.")
    assert not [r for r in rels if r.type == "AGREE"]
    assert ("canada", "SANCTION", "belarus") in triples(rels, "future")
    # ending hostilities is an offer
    peace = run(nlp, "Armenia agreed to end the attacks on Azerbaijan.")
    assert any(t[:2] == ("armenia", "AGREE") for t in triples(peace))


def test_an_act_prepared_by_the_subject_is_its_own(nlp: Language) -> None:
    rels = run(nlp, "Japan agreed to prepare a package of sanctions against Russia.")
    assert ("japan", "SANCTION", "russia") in triples(rels, "future")


def test_vowing_harm_is_a_threat(nlp: Language) -> None:
    rels = run(nlp, "Syria vowed to retaliate against Turkey.")
    assert triples(rels) == {("syria", "THREATEN", "turkey")}  # the threat, once
    assert rels[0].factuality == "asserted"
    # harm planned or intended, not announced as a threat, is the act to come
    plan = run(nlp, "Syria plans to attack Turkey.")
    assert {(r.type, r.factuality) for r in plan} == {("ASSAULT", "future")}
    intent = run(nlp, "Chad said it intends to attack Sudan.")
    assert {(r.type, r.factuality) for r in intent} == {("ASSAULT", "future")}
    # harm said to come is the threat made and the act to come
    said = run(nlp, "Chad said it would attack Sudan.")
    assert {(r.type, r.factuality) for r in said} == {
        ("THREATEN", "asserted"),
        ("ASSAULT", "future"),
    }


def test_mobilised_units_of_ones_own_are_not_the_target(nlp: Language) -> None:
    doc = nlp("Japan placed the Western Army Command on alert close to Korea.")
    index = index_from_entities(doc)
    for actor in index.actors:
        actor.country = {"Japan": "JPN", "Korea": "KOR"}.get(actor.label, "JPN")
    rels = interactions.extract(doc, index, Document("t", "", doc.text, None))
    mobilise = [r for r in rels if r.type == "MOBILIZE"]
    assert mobilise and all("western" not in (r.target or "") for r in mobilise)


def test_restoring_ties_is_one_two_sided_act(nlp: Language) -> None:
    rels = run(nlp, "Qatar and Bahrain restored diplomatic relations in April.")
    assert triples(rels) == {("qatar", "SUPPORT", "bahrain")}  # coded once, first side first
    cut = run(nlp, "Bolivia and Israel severed ties.")
    assert ("bolivia", "SANCTION", "israel") in triples(cut)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Canada expressed solidarity with Ukraine.", ("canada", "SUPPORT", "ukraine")),
        ("Kenya voiced support for Somalia.", ("kenya", "SUPPORT", "somalia")),
        ("Chile teamed up with Peru against smuggling.", ("chile", "COOPERATE", "peru")),
        ("Egypt slammed Ethiopia over the dam.", ("egypt", "ACCUSE", "ethiopia")),
        ("Ghana lifted its veto on Togo's membership.", ("ghana", "CONCEDE", "togo")),
        ("Mali backed down after pressure from France.", ("mali", "CONCEDE", None)),
        ("Russia handed back the ships to Ukraine.", ("russia", "RETREAT", "ukraine")),
        ("Cuba repudiated the agreement with Spain.", ("cuba", "REJECT", None)),
        ("Serbia moved troops toward Kosovo.", ("serbia", "MOBILIZE", "kosovo")),
        (
            "Russia sentenced Evan Gershkovich to 16 years.",
            ("russia", "COERCE", "evan-gershkovich"),
        ),
        ("Sudan besieged El Fasher.", ("sudan", "ASSAULT", None)),
        ("The United States imposed tariffs on China.", ("the-united-states", "SANCTION", "china")),
        ("India's war against Pakistan ended in 1971.", ("india", "ASSAULT", "pakistan")),
        ("Germany made an apology to Namibia.", ("germany", "CONCEDE", "namibia")),
    ],
)
def test_lexicon_covers_synonyms_and_nominalisations(
    nlp: Language, text: str, expected: tuple[str, str, str | None]
) -> None:
    found = triples(run(nlp, text))
    source, etype, target = expected
    assert any(
        t[0] == source and t[1] == etype and (target is None or t[2] == target) for t in found
    ), found


def test_event_nouns_used_as_modifiers_are_no_events(nlp: Language) -> None:
    rels = run(nlp, "Serbia's war crimes tribunal opened in 1993.")
    assert not [r for r in rels if r.type == "ASSAULT"]


def test_what_is_rejected_is_not_itself_an_event(nlp: Language) -> None:
    rels = run(nlp, "Zambia reneged on its promise to Malawi.")
    assert "REJECT" in {r.type for r in rels}
    assert "AGREE" not in {r.type for r in rels}


def test_a_demand_is_aimed_at_the_subject_of_its_clause(nlp: Language) -> None:
    rels = run(nlp, "Amnesty International renewed its demand today that Iran free the prisoners.")
    assert ("amnesty-international", "REQUEST", "iran") in triples(rels)
    assert ("iran", "RETREAT", None) not in triples(rels, "asserted")


def test_a_protest_is_aimed_at_what_its_purpose_names(nlp: Language) -> None:
    rels = run(nlp, "Thousands of Catalans marched in Barcelona demanding independence from Spain.")
    protest = [r for r in rels if r.type == "PROTEST"]
    assert triples(protest) == {("catalans", "PROTEST", "spain")}
    staged = run(nlp, "Students in Jakarta staged protests to demand reforms from Suharto.")
    assert any(t[1:] == ("PROTEST", "suharto") for t in triples(staged))


def test_in_protest_at_names_the_target(nlp: Language) -> None:
    rels = run(nlp, "Greek unions went on strike in protest at Germany's demands.")
    assert any(t[1:] == ("PROTEST", "germany") for t in triples(rels))


def test_prepositions_read_from_the_lexicon_are_words() -> None:
    lex = interactions.lexicon()
    assert lex.verbs["renege"].targets == ("on",)  # YAML reads a bare "on" as true
    assert all(
        isinstance(p, str) for e in (*lex.verbs.values(), *lex.nouns.values())
        for p in (*e.targets, *e.sources)
    )  # fmt: skip


def test_taking_part_in_an_act_makes_the_subject_its_source(nlp: Language) -> None:
    rels = run(nlp, "Chad participated in the military operation against Libya.")
    assert ("chad", "ASSAULT", "libya") in triples(rels)
    denied = run(
        nlp, "Aliyev said Azerbaijani soldiers were not taking part in the assault on Armenia."
    )
    assert ("azerbaijani", "ASSAULT", "armenia") in triples(denied, "negated")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Denmark froze its payments to Tanzania.", ("denmark", "SANCTION", "tanzania")),
        ("Norway halted its military assistance to Ethiopia.", ("norway", "SANCTION", "ethiopia")),
        ("Colombia suspended the negotiations with Venezuela.",
         ("colombia", "SANCTION", "venezuela")),
        ("Colombia broke off talks with Venezuela.", ("colombia", "SANCTION", "venezuela")),
    ],
)  # fmt: skip
def test_cutting_aid_or_talks_reduces_relations(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    rels = run(nlp, text)
    assert expected in triples(rels)
    assert "AID" not in {r.type for r in rels}


def test_the_doer_named_by_a_participle_comes_before_its_victims(nlp: Language) -> None:
    text = "Serbia opened an investigation into crimes committed by Croatia against Bosnia."
    assert ("serbia", "ACCUSE", "croatia") in triples(run(nlp, text))


def test_opening_a_crossing_for_deliveries_is_aimed_at_their_destination(nlp: Language) -> None:
    rels = run(nlp, "Egypt opened the Rafah crossing to allow shipments of fuel to Gaza.")
    assert ("egypt", "RETREAT", "gaza") in triples(rels)


def test_a_warning_with_a_condition_is_still_a_warning_made(nlp: Language) -> None:
    rels = run(nlp, "Iran warned Israel of a crushing response if the strikes continued.")
    assert ("iran", "THREATEN", "israel") in triples(rels, "asserted")


def test_ordering_an_envoy_to_leave_is_an_expulsion(nlp: Language) -> None:
    rels = run(nlp, "Brazil ordered the Belgian ambassador to depart within two days.")
    expel = [r for r in rels if r.type == "SANCTION"]
    assert triples(expel) == {("brazil", "SANCTION", "belgian")}
    assert expel[0].mode == "expel"
    assert "REQUEST" not in {r.type for r in rels}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The African Union suspended Niger after the coup.",
         ("the-african-union", "SANCTION", "niger")),
        ("The Hague court issued an arrest warrant for Omar al-Bashir.",
         (None, "COERCE", "omar-al-bashir")),
        ("China held naval drills near Taiwan.", ("china", "MOBILIZE", "taiwan")),
        ("Ukraine repelled a Russian attack near Bakhmut.", ("ukraine", "ASSAULT", "russian")),
    ],
)  # fmt: skip
def test_more_ways_of_saying_acts(
    nlp: Language, text: str, expected: tuple[str | None, str, str]
) -> None:
    source, etype, target = expected
    found = triples(run(nlp, text))
    assert any((source is None or t[0] == source) and t[1:] == (etype, target) for t in found), (
        found
    )


def test_two_signatories_sign_once(nlp: Language) -> None:
    rels = run(nlp, "Israel and Bahrain signed a peace agreement in Washington.")
    assert triples(rels) == {("israel", "SUPPORT", "bahrain")}  # one signing, not its mirror


def test_denying_a_report_of_a_meeting_is_no_refusal_to_meet(nlp: Language) -> None:
    rels = run(nlp, "Moscow denied reports that Putin would meet Erdogan.")
    assert ("putin", "CONSULT", "erdogan") in triples(rels, "negated")
    assert not [r for r in rels if r.type == "REJECT" and r.source == "t/putin"]
    refusal = run(nlp, "Putin said he would not meet Erdogan.")
    assert ("putin", "REJECT", "erdogan") in triples(refusal)


def test_a_reaction_drawn_by_a_deed_is_aimed_at_its_doer(nlp: Language) -> None:
    rels = run(nlp, "Uganda passed a harsh law, drawing condemnation from the United States.")
    assert ("the-united-states", "ACCUSE", "uganda") in triples(rels)
    faced = run(nlp, "Iran faced criticism from France over the executions.")
    assert ("france", "ACCUSE", "iran") in triples(faced)


def test_what_a_phrase_verb_acts_on_is_no_event_of_its_own(nlp: Language) -> None:
    rels = run(nlp, "Nigeria lifted its ban on Twitter.")
    assert [r.type for r in rels] == ["CONCEDE"]
    talks = run(nlp, "Colombia suspended the negotiations with Venezuela.")
    assert "CONSULT" not in {r.type for r in talks}


def test_filing_a_case_against_someone_accuses_them(nlp: Language) -> None:
    rels = run(nlp, "Ecuador brought a case against Mexico before the court in The Hague.")
    assert ("ecuador", "ACCUSE", "mexico") in triples(rels)


def test_a_refusal_despite_calls_is_aimed_at_the_callers(nlp: Language) -> None:
    rels = run(nlp, "Serbia refused to extradite the suspect despite repeated calls from Croatia.")
    assert ("serbia", "REJECT", "croatia") in triples(rels)


def test_a_first_batch_of_troops_arriving_is_no_visit(nlp: Language) -> None:
    rels = run(nlp, "A first batch of Kenyan troops arrived in Haiti on Tuesday.")
    assert not [r for r in rels if r.type == "CONSULT"]
    assert ("kenyan", "MOBILIZE", "haiti") in triples(rels)


def test_warning_of_what_others_may_do_is_no_threat(nlp: Language) -> None:
    rels = run(nlp, "Poland warned that Russia could attack the Baltic states.")
    assert "THREATEN" not in {r.type for r in rels}
    own = run(nlp, "Iran warned that it would retaliate against Israel.")
    assert ("iran", "THREATEN", "israel") in triples(own)


def test_warning_that_a_deed_could_lead_to_war_is_a_threat(nlp: Language) -> None:
    rels = run(nlp, "Egypt warned that Sudan's dam project could lead to war.")
    assert ("egypt", "THREATEN", "sudan") in triples(rels)


@pytest.mark.parametrize(
    "text",
    [
        "Talks between Armenia and Azerbaijan took place in Geneva on Friday.",
        "Peace talks between Sudan and Chad resumed in Jeddah.",
    ],
)
def test_talks_between_two_parties_are_held_by_both(nlp: Language, text: str) -> None:
    consult = [r for r in run(nlp, text) if r.type == "CONSULT"]
    assert len(consult) == 1
    assert consult[0].source != consult[0].target


def test_fighting_between_two_parties_is_coded_once_unless_each_attacks(
    nlp: Language,
) -> None:
    rels = run(nlp, "Fighting between Sudan and Chad killed 20 people.")
    assert triples(rels) == {("sudan", "ASSAULT", "chad")}
    # the text says each side fires at the other: each side's attack
    fire = run(nlp, "Armenia and Azerbaijan exchanged fire along the border.")
    assert {("armenia", "ASSAULT", "azerbaijan"), ("azerbaijan", "ASSAULT", "armenia")} <= (
        triples(fire)
    )


def test_coming_under_attack_from_someone_makes_them_the_attacker(nlp: Language) -> None:
    rels = run(nlp, "Ukraine came under attack from Russia overnight.")
    assert ("russia", "ASSAULT", "ukraine") in triples(rels)


def test_a_planned_act_is_attributed_to_the_accuser_not_the_planner(nlp: Language) -> None:
    rels = run(nlp, "Maduro accused Colombia of planning an attack on Venezuela.")
    attack = [r for r in rels if r.type == "ASSAULT"]
    assert triples(attack) == {("colombia", "ASSAULT", "venezuela")}
    assert attack[0].attributed_to == "t/maduro"
    assert "THREATEN" not in {r.type for r in rels}


def test_agreeing_to_deploy_a_joint_force_is_cooperation(nlp: Language) -> None:
    rels = run(nlp, "Ruto said that Kenya and Uganda had agreed to deploy a joint force.")
    found = triples(rels)
    assert any(t[1] == "AGREE" and {t[0], t[2]} == {"kenya", "uganda"} for t in found), found
    assert "MOBILIZE" not in {r.type for r in rels}


def test_missiles_fired_at_no_one_are_a_show_of_force(nlp: Language) -> None:
    rels = run(nlp, "North Korea fired two ballistic missiles into the sea.")
    assert [(r.type, r.mode, r.target) for r in rels] == [("MOBILIZE", "weapons", None)]
    aimed = run(nlp, "Iran launched missiles at Israel.")
    assert ("iran", "ASSAULT", "israel") in triples(aimed)


def test_a_threat_made_through_a_spokesman_is_asserted(nlp: Language) -> None:
    rels = run(nlp, "Iran will retaliate against Israel, Iran's foreign minister said.")
    threat = [r for r in rels if r.type == "THREATEN"]
    assert threat and threat[0].factuality == "asserted"


def test_a_deed_done_despite_objections_is_what_they_object_to(nlp: Language) -> None:
    rels = run(nlp, "Kurdistan voted for independence despite objections from Iraq.")
    assert ("iraq", "ACCUSE", "kurdistan") in triples(rels)


def test_accepting_an_offer_is_agreeing_with_whoever_made_it(nlp: Language) -> None:
    rels = run(nlp, "The Philippines accepted an offer of aid from Japan.")
    assert ("philippines", "AGREE", "japan") in triples(rels)


def test_an_envoy_recalled_for_consultations_meets_no_one(nlp: Language) -> None:
    rels = run(nlp, "Morocco recalled its envoy to Spain for consultations.")
    assert "CONSULT" not in {r.type for r in rels}
    assert ("morocco", "SANCTION", "spain") in triples(rels)


def test_backing_or_proposing_a_hostile_act(nlp: Language) -> None:
    backed = run(nlp, "The United States backed the offensive by Saudi Arabia against Yemen.")
    assert ("the-united-states", "SUPPORT", "saudi-arabia") in triples(backed)
    approved = run(nlp, "Canada approved new sanctions against Russia.")
    assert ("canada", "SANCTION", "russia") in triples(approved)
    assert "SUPPORT" not in {r.type for r in approved}
    proposed = run(nlp, "Germany proposed sanctions against Iran.")
    assert ("germany", "SANCTION", "iran") in triples(proposed, "hypothetical")
    assert "AGREE" not in {r.type for r in proposed}


def test_demanding_a_resignation_is_aimed_at_whoever_should_resign(nlp: Language) -> None:
    rels = run(nlp, "Students in Dhaka demanded the resignation of Muhammad Yunus.")
    assert any(t[1:] == ("REQUEST", "muhammad-yunus") for t in triples(rels))


def test_water_cannon_against_protesters_is_repression(nlp: Language) -> None:
    rels = run(nlp, "Thailand used water cannon against Cambodian protesters.")
    assert ("thailand", "COERCE", "cambodian") in triples(rels)


def run_typed(nlp: Language, text: str, places: dict[str, str | None]) -> list[Relation]:
    """As run(), with the named entities in `places` made places (label -> country code)."""
    doc = nlp(text)
    index = index_from_entities(doc)
    for actor in index.actors:
        if actor.label in places:
            actor.type, actor.country = "Location", places[actor.label]
    return interactions.extract(doc, index, Document("t", "", text, "2021-03-11"))


def test_subjects_acting_each_on_their_own_do_nothing_to_each_other(nlp: Language) -> None:
    together = triples(run(nlp, "Chile and Peru signed an agreement on Monday."))
    assert ("chile", "SUPPORT", "peru") in together or ("peru", "SUPPORT", "chile") in together
    for text in (
        "Chile and Peru signed separate agreements on Monday.",
        "Chile and Peru each signed an agreement on Monday.",
    ):
        found = triples(run(nlp, text))
        assert ("chile", "SUPPORT", None) in found, text
        assert not {("chile", "SUPPORT", "peru"), ("peru", "SUPPORT", "chile")} & found, text


def test_each_other_is_a_mutual_act(nlp: Language) -> None:
    found = triples(run(nlp, "Serbia and Croatia accused each other of stoking tensions."))
    assert {("serbia", "ACCUSE", "croatia"), ("croatia", "ACCUSE", "serbia")} <= found


def test_the_scene_of_an_act_done_to_someone_is_not_its_target(nlp: Language) -> None:
    text = "Peru arrested three journalists in Lima on Friday."
    found = triples(run_typed(nlp, text, {"Lima": "PER"}))
    assert ("peru", "COERCE", None) in found
    assert not any(t == "lima" for _, _, t in found)


def test_a_place_an_act_is_done_to_stands_for_itself(nlp: Language) -> None:
    text = "Peru imposed a curfew in Cusco on Friday."
    assert ("peru", "SANCTION", "cusco") in triples(run_typed(nlp, text, {"Cusco": "PER"})) or (
        "peru",
        "COERCE",
        "cusco",
    ) in triples(run_typed(nlp, text, {"Cusco": "PER"}))


def test_a_place_talks_are_about_is_not_a_party(nlp: Language) -> None:
    text = "Egypt held talks with Jordan about the unrest in Hebron."
    found = triples(run_typed(nlp, text, {"Hebron": None}))
    assert ("egypt", "CONSULT", "jordan") in found or ("jordan", "CONSULT", "egypt") in found
    assert not any(t == "hebron" for _, _, t in found)


def test_waters_are_no_target(nlp: Language) -> None:
    text = "Turkey allowed the export of wheat from the Black Sea."
    found = triples(run_typed(nlp, text, {"the Black Sea": None, "Black Sea": None}))
    assert not any(t and "sea" in t for _, _, t in found)


def test_places_visited_or_attacked_stay_targets(nlp: Language) -> None:
    places = {"Lima": "PER", "Paris": "FRA"}
    assert ("germany", "ASSAULT", "paris") in triples(
        run_typed(nlp, "Germany shelled Paris on Monday.", places)
    )
    assert ("chile", "CONSULT", "lima") in triples(
        run_typed(nlp, "Chile's president arrived in Lima on Monday.", places)
    )


def test_naming_something_with_praise_or_blame(nlp: Language) -> None:
    praised = triples(run(nlp, "Chile described the new treaty as a historic step."))
    assert ("chile", "SUPPORT", None) in praised
    blamed = triples(run(nlp, "Peru called Bolivia's decision a grave mistake."))
    assert ("peru", "ACCUSE", "bolivia") in blamed
    assert not triples(run(nlp, "Chile called the meeting a long one."))


def test_a_deed_thanked_for_is_done_by_the_one_thanked_for_the_thanker(nlp: Language) -> None:
    rels = run(nlp, "Chile thanked Peru for their support.")
    assert ("chile", "SUPPORT", "peru") in triples(rels, "asserted")
    assert ("peru", "SUPPORT", "chile") in triples(rels, "asserted")


def test_a_deed_blamed_on_someone_is_theirs_and_alleged(nlp: Language) -> None:
    rels = run(nlp, "Chile condemned Peru for its attacks on fishermen.")
    assert ("chile", "ACCUSE", "peru") in triples(rels)
    assaults = [r for r in rels if r.type == "ASSAULT"]
    assert assaults and all(r.source == "t/peru" for r in assaults)
    assert all(r.factuality == "hypothetical" for r in assaults)


def test_signing_for_a_side_makes_it_no_party(nlp: Language) -> None:
    found = triples(run(nlp, "Lavrov signed for Russia and Cleverly signed for Britain."))
    assert not {("russia", "SUPPORT", "cleverly"), ("cleverly", "SUPPORT", "russia")} & found
    assert ("cleverly", "SUPPORT", None) in found


def test_addressing_a_body_is_consulting_it_but_addressing_an_issue_is_no_event(
    nlp: Language,
) -> None:
    found = triples(run(nlp, "Pakistan addressed the United Nations on Thursday."))
    assert ("pakistan", "CONSULT", "the-united-nations") in found
    assert not triples(run(nlp, "Pakistan addressed the question of pensions."))


def test_a_deed_done_to_protest_is_a_protest_as_factual_as_the_deed(nlp: Language) -> None:
    done = run(nlp, "Thousands of Chileans gathered in Santiago to protest against Peru.")
    assert any(r.type == "PROTEST" and r.factuality == "asserted" for r in done)
    planned = run(nlp, "Chileans plan to gather in Santiago to protest against Peru.")
    assert not any(r.type == "PROTEST" and r.factuality == "asserted" for r in planned)


def test_excluding_someone_from_a_body_or_system_sanctions_them(nlp: Language) -> None:
    rels = run(nlp, "Germany excluded Hungary from the talks on Monday.")
    assert ("germany", "SANCTION", "hungary") in triples(rels)
    assert not triples(run(nlp, "Germany excluded the option of new taxes."))


def test_a_later_noun_naming_an_act_already_stated_adds_no_untargeted_event(
    nlp: Language,
) -> None:
    later = "The attack by Chile killed ten people."
    assert ("chile", "ASSAULT", None) in triples(run(nlp, later))
    found = triples(run(nlp, f"Chile attacked Peru on Monday. {later}"))
    assert ("chile", "ASSAULT", "peru") in found
    assert ("chile", "ASSAULT", None) not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway supplied Poland with tanks.", ("norway", "AID", "poland")),
        ("Japan provided Kenya with a loan.", ("japan", "AID", "kenya")),
    ],
)
def test_a_recipient_object_with_the_thing_given_after_with(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert triples(run(nlp, text)) == {expected}


def test_a_thing_given_as_the_object_is_no_target(nlp: Language) -> None:
    assert triples(run(nlp, "Norway supplied tanks to Poland.")) == {("norway", "AID", "poland")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany attacked a railway depot in western Poland.", ("germany", "ASSAULT", "poland")),
        ("Chad shelled two villages near Sudan.", ("chad", "ASSAULT", "sudan")),
    ],
)
def test_an_attack_on_unnamed_things_falls_on_their_country(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(run(nlp, text))


def test_an_attack_in_the_attackers_own_country_is_not_on_it(nlp: Language) -> None:
    rels = run(nlp, "Militants from Mali bombed a market in Mali.")
    assert not [r for r in rels if r.type == "ASSAULT" and r.target is not None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Greece moved artillery towards Turkey.", ("greece", "MOBILIZE", "turkey")),
        (
            "Peru raised the alert level of its navy near its border with Chile.",
            ("peru", "MOBILIZE", "chile"),
        ),
    ],
)
def test_moving_weapons_or_raising_readiness_is_mobilising(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(run(nlp, text))


def pipeline_events(text: str) -> set[tuple[str, str, str | None]]:
    """(source label, type, target label) of the whole pipeline's events on a text."""
    return {event[:3] for event in pipeline_relations(text)}


def pipeline_relations(text: str) -> set[tuple[str, str, str | None, str]]:
    """(source label, type, target label, factuality) of the whole pipeline's events."""
    from actorgraph import pipeline

    found = pipeline.extract(Document("t", "", text, "2021-03-11"))
    label = {a.id: a.label for a in found.actors}
    return {
        (label[r.source], r.type, label.get(r.target) if r.target else None, r.factuality)
        for r in found.relations
        if r.type in PLOVER_TYPES
    }


def test_weapons_of_a_country_striking_are_its_forces_attacking() -> None:
    events = pipeline_events("Syrian rockets hit a school in southern Turkey.")
    assert any(s.startswith("Syria") and t == "ASSAULT" and o == "Turkey" for s, t, o in events)


def test_unnamed_gunmen_attacking_in_a_country() -> None:
    events = pipeline_events("Gunmen killed five farmers in northern Nigeria.")
    assert ("gunmen", "ASSAULT", "Nigerian farmers") in events  # the people of the scene


def test_where_people_were_seized_is_no_target() -> None:
    events = pipeline_events("Russian authorities arrested an aid worker in Moscow.")
    assert ("Russia", "COERCE", None) in events
    assert not [e for e in events if e[2] == "Moscow"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Belgium pulled its soldiers out of Congo.", ("belgium", "RETREAT", "congo")),
        ("Cuba moved its troops back from Angola.", ("cuba", "RETREAT", "angola")),
    ],
)
def test_pulling_or_moving_forces_out_or_back_is_retreating(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(run(nlp, text))


def test_forces_leaving_a_country_withdraw_from_it() -> None:
    events = pipeline_events("The last Dutch soldiers left Iraq in 2005.")
    assert any(t == "RETREAT" and o == "Iraq" for _, t, o in events)


def test_a_leader_leaving_a_capital_is_no_withdrawal() -> None:
    events = pipeline_events("Angela Merkel left Warsaw on Friday.")
    assert not [e for e in events if e[1] == "RETREAT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan approved a loan for Laos.", ("japan", "AID", "laos")),
        ("Norway disbursed funds to Malawi.", ("norway", "AID", "malawi")),
    ],
)
def test_approving_money_for_someone_is_aid(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(run(nlp, text))


def test_approving_money_for_no_one_is_no_aid(nlp: Language) -> None:
    assert not [r for r in run(nlp, "Japan approved the budget.") if r.type == "AID"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile welcomed Peru's decision.", ("chile", "SUPPORT", "peru")),
        ("Chile welcomed the move by Peru.", ("chile", "SUPPORT", "peru")),
    ],
)
def test_welcoming_someone_s_act_backs_them(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    found = triples(run(nlp, text))
    assert expected in found
    assert not [t for t in found if t[1] == "CONSULT"]


def test_welcoming_a_visitor_is_still_a_visit(nlp: Language) -> None:
    assert ("peru", "CONSULT", "chile") in triples(run(nlp, "Chile welcomed Peru's president."))


@pytest.mark.parametrize(
    "text",
    ["Nurses in Spain staged a strike over pay.", "Dockers in Chile held a strike on Monday."],
)
def test_holding_or_staging_a_strike_is_a_protest(nlp: Language, text: str) -> None:
    assert "PROTEST" in {r.type for r in run(nlp, text)}
    assert "ASSAULT" not in {r.type for r in run(nlp, text)}


def test_police_raiding_is_coercion_and_soldiers_raiding_an_assault() -> None:
    police = pipeline_events("Greek police raided the headquarters of a charity in Athens.")
    assert any(s == "Greek police" and t == "COERCE" for s, t, _ in police)
    troops = pipeline_events("Turkish troops raided a village in Iraq.")
    assert any(t == "ASSAULT" for _, t, _ in troops)
    assert not [e for e in troops if e[1] == "COERCE"]


def test_a_recipient_glued_onto_the_aid_given_still_receives_it() -> None:
    events = pipeline_events("China gave Pakistan food aid.")
    assert ("China", "AID", "Pakistan") in events


def test_a_kind_of_aid_is_no_recipient() -> None:
    events = pipeline_events("France gave military assistance to Chad.")
    assert ("France", "AID", "Chad") in events


def test_accepting_someone_s_offer_agrees_with_them() -> None:
    accepted = pipeline_events("Israel accepted a Qatari offer of talks.")
    # an agreement is mutual: one relation between the two, from either side
    assert {("Israel", "AGREE", "Qatar"), ("Qatar", "AGREE", "Israel")} & accepted
    assert ("Peru", "AGREE", "Chile") in pipeline_events("Peru accepted Chile's proposal.")


def test_letting_aid_or_inspectors_in_is_granting_access() -> None:
    events = pipeline_events("Iran allowed IAEA inspectors to visit the site.")
    assert any(t == "RETREAT" and o and "Atomic" in o for _, t, o in events)
    assert not [e for e in events if e[1] == "CONCEDE"]


def test_allowing_a_group_its_own_acts_stays_a_concession() -> None:
    events = pipeline_events("Egypt allowed the opposition to hold rallies.")
    assert any(t == "CONCEDE" for _, t, _ in events)
    assert not [e for e in events if e[1] == "RETREAT"]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # the authority acting on them gives the people's country
        (
            "Kenyan police arrested scores of journalists overnight.",
            ("Kenyan police", "COERCE", "Kenyan journalists"),
        ),
        (
            "Dissidents were jailed by the Ugandan authorities.",
            ("Uganda", "COERCE", "Ugandan dissidents"),
        ),
        # the place of the clause does, before the actor
        (
            "The Turkish government deported migrants in Athens.",
            ("Turkey", "COERCE", "Greek migrants"),
        ),
    ],
)
def test_civilians_acted_on_belong_to_the_authority_or_the_scene(
    text: str, event: tuple[str, str, str]
) -> None:
    assert event in pipeline_events(text)


def test_soldiers_acting_give_civilians_no_country() -> None:
    """Armies often act abroad: their victims are not taken to be their own people."""
    events = pipeline_events("Egyptian soldiers killed civilians on Monday.")
    assert all(o is None or "civilians" not in o for _, _, o in events)
    assert any(t == "ASSAULT" for _, t, _ in events)


def test_organisation_after_a_group_word_is_not_the_group() -> None:
    """An opposition newspaper is a newspaper, not the opposition."""
    events = pipeline_events("The Venezuelan government shut an opposition newspaper.")
    assert all(o is None or "opposition" not in o for _, _, o in events)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Egypt hosted a conference on the crisis.", ("Egypt", "CONSULT", None)),
        ("Farmers blocked roads across France.", ("French farmers", "PROTEST", None)),
        (
            "Kuwait deposited two billion dollars in Egypt's central bank.",
            ("Kuwait", "AID", "Egypt"),
        ),
        (
            "Chile and Peru coordinated their response to the floods.",
            ("Chile", "COOPERATE", "Peru"),
        ),
    ],
)
def test_hosting_blocking_depositing_coordinating(text: str, event: tuple[str, str, str]) -> None:
    assert event in pipeline_events(text)


def test_abandoning_a_town_is_a_retreat_but_not_abandoning_a_plan() -> None:
    assert any(t == "RETREAT" for _, t, _ in pipeline_events("Kenyan troops abandoned the town."))
    assert not pipeline_events("Kenya abandoned its plan.")


def test_a_parliament_is_the_country_of_where_it_is_acted_on_but_not_an_embassy() -> None:
    assert ("Iraqi protesters", "PROTEST", "Iraqi parliament") in pipeline_events(
        "Protesters stormed the parliament in Baghdad."
    )
    events = pipeline_events("Protesters attacked the embassy in Tehran.")
    assert all(o is None or "embassy" not in o for _, _, o in events)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Nigeria halted its air strikes on Cameroon.", ("Nigeria", "RETREAT", "Cameroon")),
        ("Peru called off its planned offensive against Ecuador.", ("Peru", "RETREAT", "Ecuador")),
        ("Egypt ended its embargo on Qatar.", ("Egypt", "CONCEDE", "Qatar")),
    ],
)
def test_stopping_a_hostile_act_is_a_concession_not_the_act(
    text: str, event: tuple[str, str, str]
) -> None:
    events = pipeline_events(text)
    assert event in events
    assert not [t for _, t, _ in events if t in ("ASSAULT", "SANCTION")]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Norway pledged 40 million crowns in aid to Malawi.", ("Norway", "AGREE", "Malawi")),
        ("Canada imposed visa restrictions on Iranian officials.", ("Canada", "SANCTION", "Iran")),
        ("Tokyo tightened export controls on Russia.", ("Japan", "SANCTION", "Russia")),
    ],
)
def test_aid_counted_in_money_and_named_restrictions(
    text: str, event: tuple[str, str, str]
) -> None:
    assert event in pipeline_events(text)


def test_civilians_taking_a_building_riot_but_rebels_taking_a_town_attack() -> None:
    events = pipeline_events("Sri Lankan students occupied Sri Lanka's education ministry.")
    assert any(s == "Sri Lankan students" and t == "PROTEST" for s, t, _ in events)
    assert any(t == "ASSAULT" for _, t, _ in pipeline_events("Chadian rebels occupied Abeche."))


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Peru and Chile agreed to jointly patrol the border.", ("Peru", "AGREE", "Chile")),
        ("Estonia agreed to hold a referendum.", ("Estonia", "AGREE", None)),
        ("Italian unions staged a general strike.", ("Italian unions", "PROTEST", None)),
        ("Canada recalled its ambassador to Riyadh.", ("Canada", "SANCTION", "Saudi Arabia")),
        ("France trained Malian soldiers.", ("France", "AID", "Malian armed forces")),
        ("Jordan opened the crossing into Syria.", ("Jordan", "RETREAT", "Syria")),
        ("Egypt's government relaxed its currency controls.", ("Egypt", "CONCEDE", None)),
    ],
)
def test_joint_acts_unions_envoys_training_crossings_controls(
    text: str, event: tuple[str, str, str | None]
) -> None:
    assert event in pipeline_events(text)


@pytest.mark.xfail(strict=True, reason=MODEL_ADDS)
def test_withdrawing_something_other_than_forces_or_staff_is_no_retreat() -> None:
    assert not pipeline_events("Serbia withdrew its candidate.")
    assert ("Chad", "RETREAT", "Mali") in pipeline_events("Chad withdrew its troops from Mali.")


def test_the_doer_of_an_act_warned_against_is_the_one_warned() -> None:
    text = "Moldova warned Romania against sending troops to Ukraine."
    events = pipeline_events(text)
    assert ("Romania", "MOBILIZE", "Ukraine") in events
    assert ("Moldova", "MOBILIZE", "Ukraine") not in events


def test_two_sides_clashing_is_one_attack_between_them_not_on_the_place() -> None:
    events = pipeline_events("Thai and Cambodian soldiers clashed in the Preah Vihear region.")
    assert {(s, o) for s, t, o in events if t == "ASSAULT"} == {
        ("Thai armed forces", "Cambodian armed forces"),
    }


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Portugal ratified Sweden's membership of NATO.", ("Portugal", "SUPPORT", "Sweden")),
        ("Oman signed a memorandum of understanding with Jordan.", ("Oman", "SUPPORT", "Jordan")),
    ],
)
def test_backing_a_bid_and_signing_an_accord_named_with_of(
    text: str, event: tuple[str, str, str]
) -> None:
    assert event in pipeline_events(text)


def test_hosting_talks_spoken_of_before_is_no_meeting_of_the_host() -> None:
    events = pipeline_events("Oman offered to host the talks.")
    assert not [t for _, t, _ in events if t == "CONSULT"]
    assert ("Oman", "CONSULT", None) in pipeline_events("Oman hosted a regional summit.")


def test_fighters_of_an_armed_group_are_the_group_not_its_country() -> None:
    events = pipeline_events("Hezbollah fighters fired rockets at Israel.")
    assert ("Hezbollah", "ASSAULT", "Israel") in events
    assert ("Lebanese armed forces", "ASSAULT", "Israel") not in events


def test_a_warning_about_what_has_happened_is_no_threat() -> None:
    assert not pipeline_events("Nigeria warned that such missions had failed before.")
    assert any(
        t == "THREATEN" for _, t, _ in pipeline_events("Nigeria warned that it would retaliate.")
    )


def test_a_relative_clause_keeps_its_own_factuality_and_antecedent() -> None:
    """A refusal of talks with X does not deny that Y accused X, "which" being X."""
    events = pipeline_events(
        "Chad refused talks with the Wagner Group, which Niger accused of raids."
    )
    assert ("Niger", "ACCUSE", "Wagner Group") in events


def test_a_surname_the_model_missed_is_the_person_named_before() -> None:
    text = "Sudan's army chief Abdel Fattah al-Burhan met Ruto. Burhan later rejected talks."
    from actorgraph import pipeline

    found = pipeline.extract(Document("t", "", text, "2023-05-02"))
    burhan = [a for a in found.actors if a.label == "Abdel Fattah al-Burhan"]
    assert len(burhan) == 1 and any(m.text == "Burhan" for m in burhan[0].mentions)


def test_a_country_named_before_a_war_places_it_not_wages_it() -> None:
    assert not pipeline_events("The Yemen war hit food imports.")
    assert ("Iraq", "ASSAULT", "Iran") in pipeline_events("Iraq's war against Iran went on.")


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Nepal halted rice exports to Bangladesh.", ("Nepal", "SANCTION", "Bangladesh")),
        ("Peru called off its planned visit to Chile.", ("Peru", "SANCTION", "Chile")),
        (
            "The IMF suspended new lending to Malawi.",
            ("International Monetary Fund", "SANCTION", "Malawi"),
        ),
        ("Russia sent three warships towards Japan.", ("Russia", "MOBILIZE", "Japan")),
        ("Blankets were flown to Syria by Kuwait.", ("Kuwait", "AID", "Syria")),
        ("Kenya and Ethiopia began building a joint railway.", ("Kenya", "COOPERATE", "Ethiopia")),
        ("Relations between Iran and Egypt were established.", ("Iran", "SUPPORT", "Egypt")),
        (
            "Militants detonated a bomb outside the Kenyan embassy.",
            ("militants", "ASSAULT", "Kenyan embassy"),
        ),
        ("Chile began sharing flight data with Argentina.", ("Chile", "COOPERATE", "Argentina")),
        (
            "Kenya's parliament revoked the ban on the opposition party.",
            ("Kenyan parliament", "CONCEDE", None),
        ),
    ],
)
def test_trade_cuts_cancelled_visits_shows_of_force_carried_aid_joint_work(
    text: str, event: tuple[str, str, str | None]
) -> None:
    assert event in pipeline_events(text)


def test_a_demand_is_made_of_the_subject_of_its_clause() -> None:
    events = pipeline_events(
        "The EU demanded that Belarus free the opposition leader Maria Kalesnikava."
    )
    assert ("European Union", "REQUEST", "Belarus") in events


@pytest.mark.parametrize(
    ("text", "event"),
    [
        (
            "The visit of Kenyan President William Ruto to Seoul was his first.",
            ("William Ruto", "CONSULT", "Seoul"),
        ),
        (
            "The signing of a trade agreement between Chile and Japan took place in Tokyo.",
            ("Chile", "SUPPORT", "Japan"),
        ),
        ("A Bolivian senator was granted asylum by Brazil.", ("Brazil", "AID", "Bolivia")),
        ("Gambia's case against Myanmar opened in The Hague.", ("Gambia", "ACCUSE", "Myanmar")),
        ("Hezbollah vowed revenge against Israel.", ("Hezbollah", "THREATEN", "Israel")),
        (
            "Nigerian nurses walked off the job over unpaid wages.",
            ("Nigerian nurses", "PROTEST", None),
        ),
        ("Cuba sent two hundred doctors to Angola.", ("Cuba", "AID", "Angola")),
    ],
)
def test_visits_of_signings_of_passive_grants_cases_vows_walkouts_medics(
    text: str, event: tuple[str, str, str | None]
) -> None:
    events = pipeline_events(text)
    assert event in events or any(
        (s, t) == event[:2] and o is not None and event[2] in o for s, t, o in events
    )


def test_ending_a_visit_is_no_sanction() -> None:
    events = pipeline_events("Ruto ended his visit to Accra on Friday.")
    assert not [t for _, t, _ in events if t == "SANCTION"]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Iran test-fired a Zolfaghar missile.", ("Iran", "MOBILIZE", None)),
        ("Germany handed over Leopard tanks to Ukraine.", ("Germany", "AID", "Ukraine")),
        ("Russia handed over 50 prisoners to Ukraine.", ("Russia", "RETREAT", "Ukraine")),
        (
            "The United States removed its tariffs on Mexican steel.",
            ("United States", "CONCEDE", "Mexico"),
        ),
        ("India imposed anti-dumping duties on Chinese steel.", ("India", "SANCTION", "China")),
        ("Biden ordered 3,000 troops to Poland.", ("Joe Biden", "MOBILIZE", "Poland")),
        (
            "Russia moved thousands of troops to the border with Ukraine.",
            ("Russia", "MOBILIZE", "Ukraine"),
        ),
        (
            "South Korean forces were put on alert after the launch.",
            ("South Korean armed forces", "MOBILIZE", None),
        ),
        ("Egypt and Sudan jointly built a bridge over the Nile.", ("Egypt", "COOPERATE", "Sudan")),
        (
            "China and Laos began construction of a joint railway line.",
            ("China", "COOPERATE", "Laos"),
        ),
    ],
)
def test_tests_of_weapons_handovers_lifted_duties_troop_moves_alerts_joint_building(
    text: str, event: tuple[str, str, str | None]
) -> None:
    assert event in pipeline_events(text)


def test_ordering_troops_to_withdraw_is_no_deployment() -> None:
    events = pipeline_events("Putin ordered the troops in Kherson to withdraw.")
    assert not [t for _, t, _ in events if t == "MOBILIZE"]


def test_a_deadline_given_is_an_ultimatum_and_the_one_given_it_is_to_act() -> None:
    found = pipeline_relations(
        "The Security Council gave Iraq until January 15 to withdraw from Kuwait."
    )
    assert ("Security Council", "THREATEN", "Iraq", "asserted") in found
    assert ("Iraq", "RETREAT", "Kuwait", "hypothetical") in found
    expelled = pipeline_events("Mali's junta gave the French ambassador 48 hours to leave.")
    assert ("Mali", "SANCTION", "France") in expelled


def test_a_decision_to_act_is_the_act_unless_there_is_none() -> None:
    taken = pipeline_relations("Russia's decision to expel ten Dutch diplomats angered Europe.")
    assert ("Russia", "SANCTION", "Netherlands", "asserted") in taken
    none = pipeline_relations("Mali has made no decision to expel the Swiss ambassador.")
    assert ("Mali", "SANCTION", "Switzerland", "negated") in none
    plan = pipeline_relations("Iran's plan to attack Israel was foiled.")
    assert ("Iran", "ASSAULT", "Israel", "hypothetical") in plan


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("A Dutch reporter was detained in Iran on Monday.", ("Iran", "COERCE", "Netherlands")),
        (
            "Two Georgian activists were deported from Belarus.",
            ("Belarus", "COERCE", "Georgian activists"),
        ),
        ("The Chinese invasion was condemned by Japan.", ("Japan", "ACCUSE", "China")),
    ],
)
def test_the_state_of_the_scene_coerces_and_a_passive_subject_is_its_country_s(
    text: str, event: tuple[str, str, str | None]
) -> None:
    assert event in pipeline_events(text)


def test_no_state_coerces_where_the_text_names_none() -> None:
    events = pipeline_events("A Dutch reporter was kidnapped in Haiti.")
    assert not [s for s, t, _ in events if t == "COERCE"]
    events = pipeline_events("An opposition leader was detained in Tehran.")
    assert not [s for s, t, _ in events if t == "COERCE"]


def test_a_call_by_telephone_or_video_link_names_its_partner_and_is_a_call() -> None:
    from actorgraph import pipeline

    for text in ("Ruto spoke by telephone with Ramaphosa on Monday.",
                 "Scholz talked via video link with Zelensky."):  # fmt: skip
        found = pipeline.extract(Document("t", "", text, "2021-03-11"))
        (call,) = [r for r in found.relations if r.type == "CONSULT"]
        assert call.target is not None and call.mode == "phone"


def test_troops_ordered_somewhere_for_a_purpose_are_deployed() -> None:
    events = pipeline_events(
        "Brazil's president ordered thousands of soldiers into the favelas of Rio to fight gangs."
    )
    # the text never names the president: an unnamed holder of the post, not the KB's
    assert ("Brazil's president", "MOBILIZE", "Rio") in events


def test_victims_families_and_communities_are_people_of_a_place() -> None:
    events = pipeline_events("Qatar gave money to families in Gaza.")
    assert ("Qatar", "AID", "Palestinian families") in events


@pytest.mark.parametrize(
    "text",
    [
        "Turkish air strikes killed 12 Kurdish fighters.",
        "Turkish drones killed 12 Kurdish fighters.",
    ],
)
def test_a_country_s_strikes_or_weapons_killing_are_its_forces_attacking(text: str) -> None:
    events = pipeline_events(text)
    assert any(s == "Turkish Armed Forces" and t == "ASSAULT" for s, t, _ in events)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Japan asked South Korea for forgiveness.", ("Japan", "CONCEDE", "South Korea")),
        (
            "Jordanian intelligence shared data with the Iraqi police.",
            ("Jordanian intelligence service", "COOPERATE", "Iraqi police"),
        ),
        (
            "Putin and Erdogan jointly inaugurated a gas pipeline.",
            ("Vladimir Putin", "COOPERATE", "Recep Tayyip Erdoğan"),
        ),
        ("Britain flew 500 troops to Sudan.", ("United Kingdom", "MOBILIZE", "Sudan")),
        (
            "The Pentagon ordered two destroyers to the Gulf of Oman.",
            ("United States Department of Defense", "MOBILIZE", None),  # a sea is no target
        ),
        ("Russia expelled two Japanese journalists.", ("Russia", "COERCE", "Japanese journalists")),
        ("Russia expelled two Japanese diplomats.", ("Russia", "SANCTION", "Japan")),
        (
            "A bomb planted by Taliban militants exploded near the Pakistani embassy.",
            ("Taliban", "ASSAULT", "Pakistani embassy"),
        ),
        ("Hungary said it would accept the EU plan.", ("Hungary", "AGREE", "European Union")),
    ],
)
def test_forgiveness_asked_intelligence_shared_jointly_opened_forces_flown_expulsions_bombs(
    text: str, event: tuple[str, str, str | None]
) -> None:
    assert event in pipeline_events(text)


def test_a_place_named_with_a_people_s_word_is_no_community() -> None:
    from actorgraph import pipeline

    for place in ("the Persian Gulf", "the Gulf of Oman"):
        found = pipeline.extract(Document("t", "", f"Iran sent two warships to {place}."))
        assert place[4:] in {a.label for a in found.actors}


def test_prepositions_joined_share_their_object_and_let_controls_its_object() -> None:
    assert ("Jordan", "SANCTION", "Syria") in pipeline_events(
        "Jordan suspended all exports to and from Syria."
    )
    refused = pipeline_events("Sudan's army refused to let the UN envoy meet the rebels.")
    assert any(t == "REJECT" and o == "United Nations" for _, t, o in refused)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Chile sent rescue teams to Ecuador.", ("Chile", "AID", "Ecuador")),
        ("Mali's junta handed power to an elected government.", ("Mali", "CONCEDE", None)),
        (
            "Kenyans protested outside the British embassy in Nairobi.",
            ("Kenya", "PROTEST", "British embassy"),
        ),
    ],
)
def test_rescue_teams_are_aid_power_handed_over_concedes_protests_outside_a_building(
    text: str, event: tuple[str, str, str | None]
) -> None:
    assert event in pipeline_events(text)


def test_paramilitaries_are_an_armed_force_of_their_country() -> None:
    from actorgraph import pipeline

    found = pipeline.extract(Document("t", "", "Sudanese paramilitaries attacked El Fasher."))
    forces = [a for a in found.actors if a.type == "MilitaryForce"]
    assert [(a.label, a.country) for a in forces] == [("Sudanese paramilitary forces", "SDN")]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Biden ordered the lifting of sanctions on Sudan.", ("Joe Biden", "CONCEDE", "Sudan")),
        ("Boris Johnson submitted a letter of resignation.", ("Boris Johnson", "RETREAT", None)),
        ("Egypt let twenty aid trucks into Gaza.", ("Egypt", "RETREAT", "Gaza")),
        ("Russia sent a note of protest to Japan.", ("Russia", "ACCUSE", "Japan")),
        (
            "Saudi Arabia said Iran was behind the drone strikes on its oil plants.",
            ("Saudi Arabia", "ACCUSE", "Iran"),
        ),
        (
            "Guinea was expelled from ECOWAS.",
            ("Economic Community of West African States", "SANCTION", "Guinea"),
        ),
        (
            "Pakistan withdrew its high commissioner from Bangladesh.",
            ("Pakistan", "SANCTION", "Bangladesh"),
        ),
        (
            "The Chinese navy ordered two frigates to sail toward Taiwan.",
            ("Chinese navy", "MOBILIZE", "Taiwan"),
        ),
        (
            "Manila and Hanoi reached an understanding on fishing rights.",
            ("Philippines", "AGREE", "Vietnam"),
        ),
        (
            "Iran committed to talks with the IAEA.",
            ("Iran", "AGREE", "International Atomic Energy Agency"),
        ),
    ],
)
def test_lifting_decreed_resignations_access_protest_notes_blame_suspensions_and_deals(
    text: str, event: tuple[str, str, str | None]
) -> None:
    assert event in pipeline_events(text)


def test_refusing_to_accept_or_neither_accepting_nor_recognising_is_a_rejection() -> None:
    for text in ("Serbia does not accept the ruling of the court.",
                 "Serbia neither accepts nor recognises the ruling of the court."):  # fmt: skip
        assert any(s == "Serbia" and t == "REJECT" for s, t, _ in pipeline_events(text))
    assert not any(t == "AGREE" for _, t, _ in pipeline_events(
        "Russian forces committed war crimes in Bucha."))  # fmt: skip


def test_a_charge_denied_by_its_target_is_still_made_and_legal_battles_are_no_fighting() -> None:
    found = pipeline_relations(
        "Ethiopia accused Eritrea of arming rebels in Tigray, a charge Asmara has always rejected."
    )
    assert ("Ethiopia", "ACCUSE", "Eritrea", "asserted") in found
    ended = pipeline_events("Peru extradited the banker to Brazil, ending a long court battle.")
    assert not [t for _, t, _ in ended if t == "RETREAT"]
