"""An event's parties: a target completed by the party model (the actor of the sentence it
finds likeliest, never the source, a country's own bodies, or what the rules already read),
and a place named as what an event is of, which is where it happened, never its doer."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Token

from actorgraph import pipeline
from actorgraph.events import learned, parties
from actorgraph.events.linear import LinearModel
from actorgraph.events.relations import extract
from actorgraph.events.sentences import find_events
from actorgraph.model import Actor, Document
from actorgraph.pipeline import Analysis


@pytest.fixture(scope="module")
def nlp() -> Language:
    return pipeline.prepare()


def analysed(nlp: Language, text: str) -> Analysis:
    return next(pipeline.analyse([Document(id="t", path="", text=text)], nlp))


def after_the_word(weight: float) -> LinearModel:
    """A party model that takes an actor after the event's word for its target, as sure as
    `weight` makes it."""
    classes = (parties.SOURCE, parties.TARGET, parties.NONE)
    coef = np.zeros((3, 1))
    coef[1, 0] = weight
    return LinearModel(classes, {"side=after": 0}, coef, np.zeros(3))


def word(analysis: Analysis, lemma: str) -> Token:
    return next(t for t in analysis.doc if t.lemma_ == lemma)


def actor(analysis: Analysis, label: str) -> Actor:
    return next(a for a in analysis.resolution.index.actors if a.label == label)


def complete(analysis: Analysis, lemma: str, source: str, model: LinearModel) -> list[str]:
    trigger = word(analysis, lemma)
    found = parties.complete(
        model, trigger.sent, analysis.resolution.index, trigger, "THREATEN",
        [actor(analysis, source)],
    )  # fmt: skip
    return [a.label for a in found]


def test_the_likeliest_other_actor_completes_the_target(nlp: Language) -> None:
    analysis = analysed(nlp, "Chile handed an ultimatum to Peru on Monday.")
    assert complete(analysis, "ultimatum", "Chile", after_the_word(5.0)) == ["Peru"]
    assert complete(analysis, "ultimatum", "Chile", after_the_word(-5.0)) == []  # too unsure


def test_no_target_is_the_source_or_its_own_body(nlp: Language) -> None:
    analysis = analysed(nlp, "Chile handed an ultimatum to the Chilean army.")
    assert "Chile" in {a.label for a in analysis.resolution.index.actors}
    assert complete(analysis, "ultimatum", "Chile", after_the_word(5.0)) == []


def test_what_the_words_own_preposition_names_is_left_to_the_rules(nlp: Language) -> None:
    analysis = analysed(nlp, "Chile signed for Peru in Lima.")
    assert complete(analysis, "sign", "Chile", after_the_word(5.0)) == []


def test_events_read_with_no_target_are_completed_by_the_party_model(nlp: Language) -> None:
    analysis = analysed(nlp, "Kagame promised a full report from Tshisekedi within a week.")
    shipped = learned.shipped()
    assert shipped is not None
    index = analysis.resolution.index
    sent = next(iter(analysis.doc.sents))

    def read(weight: float) -> set[tuple[str, str, str | None]]:
        model = replace(shipped, parties=after_the_word(weight))
        return {
            (c.type, c.sources[0].label, c.targets[0].label if c.targets else None)
            for c in find_events(sent, index, model=model)
            if c.sources
        }

    assert ("AGREE", "Kagame", "Tshisekedi") in read(5.0)
    assert ("AGREE", "Kagame", None) in read(-5.0)


def events_of(nlp: Language, text: str) -> set[tuple[str, str, str | None]]:
    analysis = analysed(nlp, text)
    found = extract(analysis.doc, analysis.resolution.index, Document("t", "", text, None))
    labels = {a.id: a.label for a in analysis.resolution.index.actors}
    return {(r.type, labels[r.source], labels.get(r.target or "")) for r in found}


def test_a_place_an_attack_is_named_after_is_not_its_doer(nlp: Language) -> None:
    for text in (
        "Officials said the Tripoli attack killed five guards.",
        "The Mosul offensive drove the militants out of the old city.",
    ):
        assert not any(source in ("Tripoli", "Mosul") for _, source, _ in events_of(nlp, text)), (
            text
        )
    # a place that acts, or is attacked, keeps its part
    assert any(
        source == "California"
        for _, source, _ in events_of(nlp, "California sued the federal government.")
    )
    assert ("ASSAULT", "Syria", "Mosul") in events_of(nlp, "Syria attacked Mosul on Monday.")


def test_a_medium_reports_acts_and_a_place_is_where_they_happen(nlp: Language) -> None:
    for text, wrong in (
        ("According to Al Jazeera, gunmen attacked a convoy near Kabul.", "Al Jazeera"),
        ("A bombing in Peshawar killed twelve soldiers of Pakistan.", "Peshawar"),
    ):
        assert wrong not in {source for _, source, _ in events_of(nlp, text)}, text
    # a medium's own words are its acts
    said = events_of(nlp, "The BBC accused the Russian government of censorship.")
    assert any(t == "ACCUSE" and s == "BBC" for t, s, _ in said)


def test_whom_others_support_or_are_related_to_is_not_their_doer(nlp: Language) -> None:
    for text in (
        "Thousands of supporters of Juan Guaidó marched in Caracas on Saturday.",
        "Relatives of Juan Guaidó criticized the Venezuelan government.",
    ):
        assert "Juan Guaidó" not in {source for _, source, _ in events_of(nlp, text)}, text
    # a person named as the doer is the doer
    said = events_of(nlp, "Juan Guaidó criticized the Venezuelan government.")
    assert any(s == "Juan Guaidó" for _, s, _ in said)
