"""Statements: factuality of events and attribution of reported speech."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Token

from actorgraph import nlp as nlp_loader
from actorgraph import statements
from actorgraph.resources import lexicon_dir


@pytest.fixture(scope="module")
def nlp() -> Language:
    return nlp_loader.load()


def stance_of(nlp: Language, text: str, word: str) -> statements.Stance:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    return statements.assess(token)


def speaker_text(stance: statements.Stance) -> str | None:
    token: Token | None = stance.speaker
    return token.text if token is not None else None


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Chile attacked Peru.", "attacked", "asserted"),
        ("Chile did not attack Peru.", "attack", "negated"),
        ("Chile never attacked Peru.", "attacked", "negated"),
        ("Chile didn't attack Peru.", "attack", "negated"),
        ("There were no talks between Chile and Peru.", "talks", "negated"),
        ("Chile denied that it had attacked Peru.", "attacked", "negated"),
        ("Chile refused to meet Peru.", "meet", "negated"),
        ("Chile failed to reach an agreement with Peru.", "reach", "negated"),
        ("If Chile attacks Peru, the region will suffer.", "attacks", "hypothetical"),
        ("Chile could attack Peru.", "attack", "hypothetical"),
        ("Chile might attack Peru.", "attack", "hypothetical"),
        ("Chile may attack Peru.", "attack", "hypothetical"),
        ("Chile would attack Peru if provoked.", "attack", "hypothetical"),
        ("Analysts fear that Chile will attack Peru.", "attack", "hypothetical"),
        ("An attack on Peru is feared.", "attack", "hypothetical"),
        ("There are fears that Chile will attack Peru.", "attack", "hypothetical"),
        ("Claims that Chile attacked Peru are lies.", "attacked", "negated"),
        ("Claims that Chile attacked Peru are growing.", "attacked", "hypothetical"),
        ("Chile threatened to attack Peru.", "attack", "hypothetical"),
        ("Chile will attack Peru.", "attack", "future"),
        ("Chile plans to visit Peru.", "visit", "future"),
        ("Chile is expected to visit Peru.", "visit", "future"),
        ("Chile agreed to visit Peru.", "visit", "future"),
        ("Chile said it would visit Peru.", "visit", "future"),
        ("Bolivia said Chile attacked Peru.", "attacked", "reported"),
        ("Chile attacked Peru, Bolivia said.", "attacked", "reported"),
        ("According to Bolivia, Chile attacked Peru.", "attacked", "reported"),
        ("Chile allegedly attacked Peru.", "attacked", "reported"),
        ("Chile was arrested for spying on Peru.", "spying", "hypothetical"),
        ("Chile blamed Peru for the attack on the border post.", "attack", "hypothetical"),
        ("Chile thanked Peru for its support.", "support", "asserted"),
        ("Chile sent troops to intimidate Peru.", "intimidate", "hypothetical"),
        ("Chile continued to attack Peru.", "attack", "asserted"),
    ],
)
def test_factuality(nlp: Language, text: str, word: str, expected: str) -> None:
    assert stance_of(nlp, text, word).factuality == expected


@pytest.mark.parametrize(
    ("text", "word", "speaker"),
    [
        ("Bolivia said Chile attacked Peru.", "attacked", "Bolivia"),
        ("Chile attacked Peru, Bolivia said on Monday.", "attacked", "Bolivia"),
        ("According to Bolivia, Chile attacked Peru.", "attacked", "Bolivia"),
        ("Chile attacked Peru, according to Bolivia.", "attacked", "Bolivia"),
        ("Bolivia claimed that Chile had attacked Peru.", "attacked", "Bolivia"),
        ("Bolivia was quoted as saying that Chile attacked Peru.", "attacked", "Bolivia"),
        ("Chile attacked Peru.", "attacked", None),
        ("Chile attacked Peru after Bolivia said so.", "attacked", None),
    ],
)
def test_attribution(nlp: Language, text: str, word: str, speaker: str | None) -> None:
    assert speaker_text(stance_of(nlp, text, word)) == speaker


def test_modal_and_condition_are_reported(nlp: Language) -> None:
    stance = stance_of(nlp, "Chile will attack Peru unless Peru pays.", "attack")
    assert stance.modal == "will"
    conditional = stance_of(nlp, "If Chile attacks Peru, Bolivia will protest.", "attacks")
    assert conditional.conditional


def test_backshifted_would_with_a_condition_stays_hypothetical(nlp: Language) -> None:
    stance = stance_of(nlp, "Chile said it would attack Peru if Peru refused.", "attack")
    assert stance.factuality == "hypothetical"


def test_clause_subject_through_infinitives_and_coordination(nlp: Language) -> None:
    doc = nlp("Chile agreed to meet Peru and signed a treaty.")
    meet = next(t for t in doc if t.text == "meet")
    signed = next(t for t in doc if t.text == "signed")
    assert [t.text for t in statements.clause_subject(meet)] == ["Chile"]
    assert [t.text for t in statements.clause_subject(signed)] == ["Chile"]
    urged = nlp("Chile urged Peru to withdraw.")
    withdraw = next(t for t in urged if t.text == "withdraw")
    assert [t.text for t in statements.clause_subject(withdraw)] == ["Peru"]


def test_passive_expectation_has_no_speaker(nlp: Language) -> None:
    stance = stance_of(nlp, "Iran is expected to attack Iraq.", "attack")
    assert stance.factuality == "future"
    assert stance.speaker is None


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Chile repeated its demand that Peru withdraw its troops.", "withdraw", "hypothetical"),
        ("Chile renewed its demand on Monday that Peru withdraw.", "withdraw", "hypothetical"),
        ("The demand that Peru release the prisoners came on Monday.", "release", "hypothetical"),
        ("Chile announced a decision to withdraw from the pact.", "withdraw", "asserted"),
        ("Chile announced a plan to withdraw from the pact.", "withdraw", "hypothetical"),
        ("Their attempt to topple the regime collapsed.", "topple", "hypothetical"),
        ("Chile made an offer to mediate between Peru and Bolivia.", "mediate", "hypothetical"),
        ("Chile repeated that Peru had attacked its ships.", "attacked", "asserted"),
    ],
)
def test_nouns_of_demands_plans_and_attempts_leave_their_clause_unasserted_decisions_not(
    nlp: Language, text: str, word: str, expected: str
) -> None:
    assert stance_of(nlp, text, word).factuality == expected


def test_condition_clauses_are_recognised(nlp: Language) -> None:
    doc = nlp("Chile will leave the talks if Peru deploys missiles.")
    clause = next(t for t in doc if t.text == "deploys")
    assert statements.is_condition(clause)
    assert not statements.is_condition(next(t for t in doc if t.text == "talks"))


def test_words_yaml_reads_as_booleans_are_kept_as_words() -> None:
    lex = statements.cues()
    assert "false" in lex.falsehood
    assert "no" in lex.negation


def test_a_cue_file_with_an_unquoted_boolean_word_is_refused(tmp_path: Path) -> None:
    source = (lexicon_dir() / "cues.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "cues.yaml"
    broken.write_text(source.replace('"false"', "false"), encoding="utf-8")
    with pytest.raises(ValueError, match="must be quoted"):
        statements.Cues.load(broken)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Reports that Ghana will expel the envoys are false, according to the ministry.", "expel"),
        ("Claims that Peru attacked Bolivia are baseless fabrications, the minister said.",
         "attacked"),
        ("Chile is a loyal partner, according to its minister Juan Soto, but claims that Peru "
         "plans to attack Bolivia are absurd lies.", "attack"),
    ],
)  # fmt: skip
def test_claims_called_false_are_denied(nlp: Language, text: str, word: str) -> None:
    stance = stance_of(nlp, text, word)
    assert stance.factuality == "negated"
    assert stance.cue == "falsehood"


def test_what_someone_is_charged_with_is_their_claim(nlp: Language) -> None:
    stance = stance_of(nlp, "Serbia charged Albania with supporting the rebels.", "supporting")
    assert stance.factuality == "reported"
    assert speaker_text(stance) == "Serbia"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Pakistan is unlikely to attack India.", "attack", "hypothetical"),
        ("Chile is poised to sign the treaty.", "sign", "future"),
        ("Peru is unwilling to meet Chile.", "meet", "negated"),
        ("Chile was unable to reach an agreement.", "reach", "negated"),
    ],
)
def test_adjectives_of_likelihood_and_will(
    nlp: Language, text: str, word: str, expected: str
) -> None:
    assert stance_of(nlp, text, word).factuality == expected


@pytest.mark.parametrize(
    ("text", "word", "factuality"),
    [
        ("Chile warned Bolivia against closing the border.", "closing", "hypothetical"),
        ("The court barred the senator from leaving Peru.", "leaving", "negated"),
        ("Serbia refrained from attacking the town.", "attacking", "negated"),
    ],
)
def test_acts_warned_against_or_prevented_are_not_asserted(
    nlp: Language, text: str, word: str, factuality: str
) -> None:
    assert stance_of(nlp, text, word).factuality == factuality


def test_no_plan_to_act_negates_the_act(nlp: Language) -> None:
    assert stance_of(nlp, "Chile has no plans to close the border.", "close").factuality == (
        "negated"
    )
    assert stance_of(nlp, "Chile has plans to close the border.", "close").factuality == (
        "hypothetical"
    )


def test_an_infinitive_left_ungoverned_by_the_parser_is_not_asserted(nlp: Language) -> None:
    """The parser may attach "X to agree" as a clause of its own beside the verb that asks
    for it; an infinitive is never a deed done."""
    from spacy.tokens import Doc

    words = ["Chile", "urged", "Peru", "and", "Bolivia", "to", "agree", "."]
    heads = [1, 1, 1, 2, 6, 6, 1, 1]
    deps = ["nsubj", "ROOT", "dobj", "cc", "nsubj", "aux", "conj", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert statements.assess(doc[6]).factuality == "hypothetical"
