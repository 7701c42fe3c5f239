"""The whole pipeline: the seed article against its hand-coded gold, and batch behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph import evaluate, pipeline, reader
from actorgraph.model import Document, Extraction
from actorgraph.vocab import ACTOR_TYPES, AFFILIATION_TYPES, RELATION_TYPES

ROOT = Path(__file__).parent.parent
SEED = ROOT / "data" / "articles" / "2022-12-19-putin-visits-belarus.txt"
SEED_GOLD = ROOT / "data" / "gold" / "2022-12-19-putin-visits-belarus.yaml"


@pytest.fixture(scope="module")
def seed() -> Extraction:
    return pipeline.extract(reader.read_document(SEED))


def test_seed_actor_f1_meets_the_target(seed: Extraction) -> None:
    score = evaluate.score(seed, evaluate.load_gold(SEED_GOLD))
    assert score.actors.f1 >= 0.95, score.missed_actors + score.spurious_actors
    assert score.types.value >= 0.9, score.wrong_types


def test_seed_affiliations_are_found(seed: Extraction) -> None:
    gold = evaluate.load_gold(SEED_GOLD)
    affiliations = evaluate.Gold(
        gold.document,
        gold.actors,
        tuple(r for r in gold.relations if set(r.types) <= set(AFFILIATION_TYPES)),
    )
    mine = Extraction(
        seed.document,
        seed.actors,
        [r for r in seed.relations if r.type in AFFILIATION_TYPES],
    )
    score = evaluate.score(mine, affiliations)
    assert score.relations.recall >= 0.9, score.missed_relations
    assert score.relations.precision >= 0.9, score.spurious_relations


def test_seed_output_is_well_formed(seed: Extraction) -> None:
    text = seed.document.text
    ids = {a.id for a in seed.actors}
    assert len(ids) == len(seed.actors)
    for actor in seed.actors:
        assert actor.type in ACTOR_TYPES
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text
    for rel in seed.relations:
        assert rel.type in RELATION_TYPES
        assert rel.source in ids and (rel.target is None or rel.target in ids)
        assert text[rel.evidence.start : rel.evidence.end] == rel.evidence.sentence
        assert 0.0 < rel.confidence <= 1.0
    labels = {a.label for a in seed.actors}
    assert "Advertisements" not in " ".join(labels)


def test_demonyms_alone_make_no_actor() -> None:
    extraction = pipeline.extract(
        Document("t", "t.txt", "A Bolivian farmer and a Peruvian miner met in a small town.")
    )
    assert not [a for a in extraction.actors if a.type == "Country"]


def test_extract_many_keeps_order_and_dates() -> None:
    documents = [
        Document("a", "a.txt", "Kenya and Ghana signed a treaty.", date="2023-01-02"),
        Document("b", "b.txt", "Chilean President Gabriel Boric visited Lima.", date="2023-02-03"),
    ]
    results = list(pipeline.extract_many(iter(documents)))
    assert [r.document.id for r in results] == ["a", "b"]
    assert any(a.label == "Gabriel Boric" for a in results[1].actors)
    assert not any(a.label == "Gabriel Boric" for a in results[0].actors)


def test_a_text_longer_than_the_nlp_pipeline_takes_is_one_clear_error() -> None:
    from actorgraph import nlp as nlp_loader
    from actorgraph.errors import InputError

    limit = nlp_loader.load().max_length
    document = Document(id="long", path="long.txt", text="Talks went on. " * (limit // 15 + 10))
    with pytest.raises(InputError, match="more than the NLP pipeline takes"):
        pipeline.extract(document)


def test_a_demonym_group_is_an_actor_of_its_country() -> None:
    extraction = pipeline.extract(Document("t", "t.txt", "Chadian rebels attacked Malian police."))
    by_label = {a.label: a for a in extraction.actors}
    rebels, police = by_label["Chadian rebels"], by_label["Malian police"]
    assert (rebels.type, rebels.country) == ("PoliticalGroup", "TCD")
    assert (police.type, police.country) == ("GovernmentBody", "MLI")
    assault = [r for r in extraction.relations if r.type == "ASSAULT"]
    assert [(r.source, r.target) for r in assault] == [(rebels.id, police.id)]


def test_a_lexicon_key_given_twice_is_refused(tmp_path: Path) -> None:
    """YAML would let the later entry silently replace the earlier one."""
    from actorgraph.errors import ActorgraphError
    from actorgraph.resources import read_yaml

    path = tmp_path / "words.yaml"
    path.write_text(
        "verbs:\n  meet: {type: CONSULT}\n  visit: {type: CONSULT}\n  meet: {type: AID}\n"
    )
    with pytest.raises(ActorgraphError, match=r"words.yaml:4: 'meet' is given twice"):
        read_yaml(path)
    path.write_text("verbs:\n  meet: {type: CONSULT}\nnouns:\n  meet: {type: CONSULT}\n")
    assert set(read_yaml(path)) == {"verbs", "nouns"}  # the same key in two mappings is fine
