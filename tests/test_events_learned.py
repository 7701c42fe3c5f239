"""The learned event reader: its features, its party paths, its model files, and training it
from coded articles (a small corpus written for these tests)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
import yaml
from spacy.language import Language
from spacy.tokens import Span, Token

from actorgraph import pipeline
from actorgraph.evaluate import GoldActor
from actorgraph.events import coded, confidence, features, learned, linear, parties, train
from actorgraph.events.score import gold_keys, matches, name_words
from actorgraph.events.sentences import find_events
from actorgraph.model import Actor, ActorIndex, Document
from actorgraph.vocab import AFFILIATION_TYPES

ACTORS = [
    {"key": "fra", "name": "France", "type": "Country", "aliases": ["French"], "country": "FRA"},
    {"key": "deu", "name": "Germany", "type": "Country", "aliases": ["German"], "country": "DEU"},
]
# Sentences of our own: a made-up verb of attack ("pummel") and of meeting ("parley").
ARTICLES = {
    "a1": [
        ("France pummelled Germany with artillery on Monday.", "ASSAULT", "pummelled"),
        ("The weather in Paris was mild.", None, None),
        ("France parleyed with Germany in Geneva.", "CONSULT", "parleyed"),
    ],
    "a2": [
        ("Germany pummelled France overnight.", "ASSAULT", "pummelled"),
        ("Germany parleyed with France on Friday.", "CONSULT", "parleyed"),
        ("Markets in Berlin were calm.", None, None),
    ],
}


def write_corpus(root: Path, split: str, articles: dict[str, list]) -> None:
    """Coded articles in the layout `actorgraph train --corpus` reads."""
    texts, gold = root / "texts" / split, root / "gold" / split
    texts.mkdir(parents=True)
    gold.mkdir(parents=True)
    names = {"France": "fra", "Germany": "deu"}
    for stem, rows in articles.items():
        text = "\n\n".join(s for s, _, _ in rows) + "\n"
        (texts / f"{stem}.txt").write_text(text, encoding="utf-8")
        offsets, sentences, start = [], [], 0
        for n, (sentence, etype, trigger) in enumerate(rows, 1):
            start = text.index(sentence, start)
            offsets.append({"n": n, "start": start, "end": start + len(sentence)})
            relations = []
            if etype:
                first, second = sorted(names, key=sentence.index)
                relations.append({"type": etype, "trigger": trigger,
                                  "source": names[first], "target": names[second]})  # fmt: skip
            sentences.append({"n": n, "relations": relations})
        (gold / f"{stem}.sentences.jsonl").write_text(
            "".join(json.dumps(o) + "\n" for o in offsets), encoding="utf-8"
        )
        data = {"document": stem, "actors": ACTORS, "sentences": sentences}
        (gold / f"{stem}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return pipeline.prepare()


def analysed(nlp: Language, text: str) -> pipeline.Analysis:
    return next(pipeline.analyse([Document(id="t", path="", text=text)], nlp))


def test_predicate_features_name_the_word_its_arguments_and_the_rules_reading(
    nlp: Language,
) -> None:
    analysis = analysed(nlp, "Chile did not sign the accord with Peru.")
    index = analysis.resolution.index
    words = features.predicates(analysis.doc[:], [])
    sign = next(w for w in words if w.lemma_ == "sign")
    found = features.features(sign, index, ["SUPPORT"])
    assert {"w=sign", "neg", "subj_actor=Country", "obj=accord", "rule=SUPPORT"} <= set(found)
    assert "rule=none" in features.features(sign, index, [])
    analysis = analysed(nlp, "Chile sent troops to Peru.")
    sent = next(t for t in analysis.doc if t.lemma_ == "send")
    assert "prep_actor=to Country" in features.features(sent, analysis.resolution.index)


def test_party_paths_follow_the_parse(nlp: Language) -> None:
    analysis = analysed(nlp, "Chile accused Peru of spying, officials in Lima said.")
    doc = analysis.doc
    accused = next(t for t in doc if t.lemma_ == "accuse")
    by_label = {c.actor.label: c for c in parties.candidates(doc[:], analysis.resolution.index,
                                                             accused)}  # fmt: skip
    assert parties.path(accused, by_label["Chile"].mention) == ["vnsubj"]
    assert parties.path(accused, by_label["Peru"].mention) == ["vdobj"]
    assert "under_speech|path=vnsubj" in parties.features(accused, "ACCUSE", by_label["Chile"])


def test_a_linear_model_keeps_its_weights_through_its_arrays() -> None:
    rows = [{"a": 1.0}, {"b": 1.0}, {"a": 1.0, "c": 0.5}, {"b": 1.0, "c": 0.5}] * 5
    model = linear.fit(rows, ["x", "y", "x", "y"] * 5, c=10.0)
    again = linear.LinearModel.from_arrays(model.arrays("m_"), "m_")
    probs = again.probabilities([{"a": 1.0}, {"b": 1.0}, {"unknown": 1.0}])
    assert probs.shape == (3, 2) and np.allclose(probs.sum(axis=1), 1.0)
    assert probs[0, again.classes.index("x")] > 0.8 and probs[1, again.classes.index("y")] > 0.8
    assert np.allclose(probs, model.probabilities([{"a": 1.0}, {"b": 1.0}, {"unknown": 1.0}]))


def test_coded_articles_are_read_with_their_sentence_offsets(tmp_path: Path) -> None:
    write_corpus(tmp_path, "train", ARTICLES)
    articles = list(coded.articles(tmp_path / "texts" / "train", tmp_path / "gold" / "train"))
    assert [a.text.stem for a in articles] == ["a1", "a2"]
    first = articles[0]
    text = first.text.read_text(encoding="utf-8")
    assert text[first.sentences[0].start : first.sentences[0].end].startswith("France pummelled")
    assert first.sentences[0].events[0].types == ("ASSAULT",)
    assert first.sentences[1].events == ()
    assert first.sentence_at(first.sentences[2].start + 3, first.sentences[2].end).n == 3


def test_training_teaches_a_word_the_rules_do_not_know(tmp_path: Path, nlp: Language) -> None:
    write_corpus(tmp_path, "train", ARTICLES)
    write_corpus(tmp_path, "dev", {"d1": ARTICLES["a1"]})
    out = tmp_path / "model.npz"
    model, report = train.train(out, method="both", nlp=nlp, root=tmp_path)
    assert report["articles"] == {"training": 2, "tuning": 1}
    shipped = learned.EventModel.load(out)
    assert shipped.types.classes == model.types.classes and "ASSAULT" in shipped.types.classes
    text = "Spain pummelled Italy near the border on Sunday."
    document = Document(id="new", path="", text=text)
    rules_only = next(pipeline.extract_many([document], nlp, events="rules"))
    assert not [r for r in rules_only.relations if r.type == "ASSAULT"]
    # so few examples make the model no surer than 0.7 of the new word: take it at 0.5
    taking = replace(shipped, thresholds=learned.Thresholds(keep=0.0, add=0.5, party=0.2))
    both = next(pipeline.extract_many([document], nlp, events="both", model=taking))
    labels = {a.id: a.label for a in both.actors}
    found = [(labels[r.source], r.type, labels.get(r.target or "")) for r in both.relations]
    assert ("Spain", "ASSAULT", "Italy") in found
    assert all(0.0 <= r.confidence <= 1.0 for r in both.relations)


def test_the_shipped_model_is_plain_arrays_and_read_once() -> None:
    model = learned.shipped()
    assert model is not None and model is learned.shipped()
    with np.load(learned.model_path(), allow_pickle=False) as data:
        assert "types_coef" in data.files and "parties_coef" in data.files
    assert model.parties is not None and set(model.parties.classes) == {
        parties.SOURCE,
        parties.TARGET,
        parties.NONE,
    }
    assert 0.0 <= model.calibrated(0.0) <= model.calibrated(1.0) <= 1.0


def test_sentence_scoring_matches_actors_by_name_word_or_country() -> None:
    gold = [GoldActor("ken", "Kenya", "Country", ("Kenyan",), None, "KEN"),
            GoldActor("ruto", "William Ruto", "Person", (), None, "KEN")]  # fmt: skip
    army = Actor(id="x:army", label="Kenyan armed forces", type="MilitaryForce", country="KEN")
    president = Actor(id="x:ruto", label="Ruto", type="Person", country="KEN")
    assert gold_keys(army, gold) == {"ken"}  # a state body of the country, and "Kenyan"
    assert gold_keys(president, gold) == {"ruto"}  # a person only by name
    assert name_words("the U.S. government") == {"us"}
    event = coded.CodedEvent(("CONSULT",), ("ruto",), ("ken",), "met")
    assert matches(event, ("CONSULT", frozenset({"ken"}), frozenset({"ruto"})))  # symmetric
    assert not matches(event, ("ACCUSE", frozenset({"ruto"}), frozenset({"ken"})))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args], capture_output=True, text=True, timeout=600
    )


def test_train_command_rebuilds_a_model_from_a_corpus(tmp_path: Path) -> None:
    write_corpus(tmp_path, "train", ARTICLES)
    out = tmp_path / "events.npz"
    done = run_cli("train", "--corpus", str(tmp_path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout and learned.EventModel.load(out).parties is not None
    bad = run_cli("train", "--corpus", str(tmp_path / "nowhere"), "--out", str(out))
    assert bad.returncode == 2 and bad.stderr.startswith("actorgraph: error:")
    assert "Traceback" not in bad.stderr
    (tmp_path / "empty" / "gold" / "train").mkdir(parents=True)
    none = run_cli("train", "--corpus", str(tmp_path / "empty"), "--out", str(out))
    assert none.returncode == 2 and "no event to learn from" in none.stderr


def test_calibration_maps_scores_to_the_share_right_never_to_certainty() -> None:
    scored = [(0.9, True)] * 8 + [(0.9, False)] * 2 + [(0.3, False)] * 5
    grid, share = train._isotonic(scored)
    assert list(share) == sorted(share)  # monotone
    assert 0.0 < share[0] < 0.1 and share[-1] < 1.0  # only wrong at 0.3: near 0, not 0
    assert abs(float(np.interp(0.9, grid, share)) - 0.8) < 0.1
    assert train._isotonic(scored[:5]) is None  # too few to fit


def test_affiliations_take_the_models_calibration(tmp_path: Path, nlp: Language) -> None:
    model = learned.shipped()
    assert model is not None
    half = (np.array([0.0, 1.0]), np.array([0.5, 0.5]))
    halved = replace(model, affiliations=half)
    halved.save(tmp_path / "m.npz")
    assert learned.EventModel.load(tmp_path / "m.npz").calibrated_affiliation(0.9) == 0.5
    text = "Emmanuel Macron, the President of France, met Olaf Scholz in Berlin."
    document = Document(id="cal", path="", text=text)
    posts = [
        r
        for r in next(pipeline.extract_many([document], nlp, model=halved)).relations
        if r.type in AFFILIATION_TYPES
    ]
    assert posts and all(r.confidence == 0.5 for r in posts)


@dataclass
class Predicate:
    """A predicate with what the type model reads around it."""

    token: Token
    index: ActorIndex
    rules: list[str]


def unsure(
    model: learned.EventModel, word: Predicate, etype: str, target: float
) -> learned.EventModel:
    """The model with its "none" class favoured until it gives `etype` on `word` about
    `target` (what a model trained mostly on words that are no event does to rare ones)."""
    row = features.features(word.token, word.index, word.rules)
    none = model.types.classes.index(learned.NONE)
    low, high = 0.0, 30.0
    types = model.types
    for _ in range(40):
        shift = (low + high) / 2
        intercept = model.types.intercept.copy()
        intercept[none] += shift
        types = replace(model.types, intercept=intercept)
        prob = types.probabilities([row])[0, types.classes.index(etype)]
        low, high = (shift, high) if prob > target else (low, shift)
    return replace(model, types=types)


def test_tuning_takes_an_unsure_model_where_it_is_right(tmp_path: Path, nlp: Language) -> None:
    write_corpus(tmp_path, "train", ARTICLES)
    write_corpus(tmp_path, "dev", {"d1": ARTICLES["a1"]})
    model, _ = train.train(None, method="learned", nlp=nlp, root=tmp_path)
    tuning = train.parse(train.load_set("dev", tmp_path), nlp)
    doc, index = tuning[0].analysis.doc, tuning[0].analysis.resolution.index
    word = Predicate(next(t for t in doc if t.lower_ == "pummelled"), index, [])
    shy = unsure(model, word, "ASSAULT", 0.35)
    strict = replace(shy, thresholds=learned.Thresholds(keep=0.0, add=0.5, party=0.2))
    assert train.measure(tuning, "learned", strict).type_recall == 0.0
    limits = train.tune(shy, tuning, "learned")
    assert limits.add <= 0.35
    found = train.measure(tuning, "learned", replace(shy, thresholds=limits))
    assert found.type_recall > 0.0 and found.correct > 0


def load_benchmark(name: str) -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_event_words_benchmark_says_which_coded_words_the_model_reads(
    tmp_path: Path, nlp: Language
) -> None:
    write_corpus(tmp_path, "train", ARTICLES)
    write_corpus(tmp_path, "dev", {"d1": ARTICLES["a1"]})
    model, _ = train.train(None, method="both", nlp=nlp, root=tmp_path)
    tuning = train.parse(train.load_set("dev", tmp_path), nlp)
    result = load_benchmark("event_words").measure(tuning, model)
    assert result["coded events"] == 2 and result["word is a candidate"] == 1.0
    assert result["coded words' best type right"] == 1.0
    assert result["sentence top-1 type right"] == 1.0
    # "pummelled", "parleyed" and "was" are the predicates; "was" is coded with no event
    assert result["predicates coded none"] == pytest.approx(1 / 3)
    doc, index = tuning[0].analysis.doc, tuning[0].analysis.resolution.index
    met = Predicate(next(t for t in doc if t.lower_ == "parleyed"), index, ["CONSULT"])
    shy = load_benchmark("event_words").measure(tuning, unsure(model, met, "CONSULT", 0.1))
    assert result["coded words read none first"] == 0.0
    assert shy["coded words read none first"] == 1.0  # "none" outweighs both events now
    assert shy["coded words' best type right"] == 1.0  # though their best types stay right


def test_an_events_confidence_is_how_often_events_read_like_it_were_right(
    tmp_path: Path, nlp: Language
) -> None:
    shipped = learned.shipped()
    assert shipped is not None
    # a confidence model that has seen events with a target right, and those without wrong
    rows = [{"target": 1.0}, {"target": 0.0}] * 20
    judge = linear.fit(rows, [confidence.RIGHT, confidence.WRONG] * 20, c=10.0)
    model = replace(shipped, confidence=judge)
    doc = analysed(nlp, "Chile attacked Peru on Monday. Chile attacked on Tuesday.")
    first, second = (
        find_events(sent, doc.resolution.index, None, "both", model) for sent in doc.doc.sents
    )
    assert first[0].targets and not second[0].targets
    assert confidence.FLOOR <= second[0].confidence < 0.2 < 0.8 < first[0].confidence
    assert confidence.features(first[0])["target"] == 1.0 and "p" in first[0].judged
    model.save(tmp_path / "m.npz")
    again = learned.EventModel.load(tmp_path / "m.npz")
    assert again.confidence is not None
    redo = find_events(next(iter(doc.doc.sents)), doc.resolution.index, None, "both", again)
    assert redo[0].confidence == first[0].confidence


def test_the_confidence_model_learns_from_events_read_against_their_coding(
    tmp_path: Path, nlp: Language
) -> None:
    # each article: an attack coded as such, and a criticism its coder found no event in
    rows = [("France attacked Germany on Monday.", "ASSAULT", "attacked"),
            ("France criticised Germany on Friday.", None, None)]  # fmt: skip
    write_corpus(tmp_path, "dev", {f"c{i}": rows for i in range(10)})
    items = train.parse(train.load_set("dev", tmp_path), nlp)
    shipped = learned.shipped()
    assert shipped is not None
    examples, labels = train.confidence_examples(shipped, items, "rules")
    typed = {
        (next(k for k in row if k.startswith("type=")), label)
        for row, label in zip(examples, labels, strict=True)
    }
    assert typed == {("type=ASSAULT", confidence.RIGHT), ("type=ACCUSE", confidence.WRONG)}
    judge = train.fit_confidence(shipped, items, "rules")
    assert judge is not None
    attack, criticism = examples[:2]
    right = judge.classes.index(confidence.RIGHT)
    assert (
        judge.probabilities([attack])[0][right] > 0.5 > judge.probabilities([criticism])[0][right]
    )
    assert train.fit_confidence(shipped, items[:3], "rules") is None  # too few to learn from


def test_coded_texts_are_news_articles_or_current_events_summaries(tmp_path: Path) -> None:
    write_corpus(tmp_path, "dev", ARTICLES)
    texts = tmp_path / "texts" / "dev"
    (texts / "a2.json").write_text(json.dumps({"source": "Wikipedia"}), encoding="utf-8")
    (texts / "a1.json").write_text(json.dumps({"source": "Wikinews"}), encoding="utf-8")
    found = list(coded.articles(texts, tmp_path / "gold" / "dev"))
    groups = coded.by_kind(found, lambda article: article)
    assert {k: [a.text.stem for a in v] for k, v in groups.items()} == {
        "articles": ["a1"],
        "summaries": ["a2"],
    }
    (texts / "a2.json").write_text("{not json", encoding="utf-8")
    assert coded.kind(found[1]) == "articles"  # a sidecar that cannot be read names no source


def eager(model: learned.EventModel, etype: str) -> learned.EventModel:
    """The model made sure that every word it reads states an event of `etype`."""
    intercept = model.types.intercept.copy()
    intercept[model.types.classes.index(etype)] += 50.0
    return replace(model, types=replace(model.types, intercept=intercept))


@pytest.mark.parametrize(
    ("text", "etype", "word"),
    [
        ("Canada agreed to impose new sanctions on Belarus.", "AGREE", "agreed"),
        ("Norway halted its military assistance to Ukraine.", "AID", "assistance"),
        ("Austria will host talks between Serbia and Albania.", "CONSULT", "talks"),
    ],
)
def test_the_model_adds_no_event_on_a_word_the_rules_read_as_part_of_theirs(
    nlp: Language, text: str, etype: str, word: str
) -> None:
    shipped = learned.shipped()
    assert shipped is not None
    model = eager(shipped, etype)
    sent, index = sentence_with_countries(nlp, text)
    found = find_events(sent, index, model=model)
    rules = find_events(sent, index, method="rules")
    assert rules and {c.trigger.i for c in rules} <= {c.trigger.i for c in found}
    assert word not in {c.trigger.text for c in found if c.judged.get("added")}
    # the same model adds its type where the rules read nothing
    sent, index = sentence_with_countries(nlp, "Canada wrote to Belarus on Monday.")
    assert [c.type for c in find_events(sent, index, model=model)] == [etype]


def sentence_with_countries(nlp: Language, text: str) -> tuple[Span, ActorIndex]:
    """The first sentence of a text, each named entity in it a country."""
    doc = nlp(text)
    index = ActorIndex()
    for ent in doc.ents:
        actor = Actor(id=f"t/{ent.text}", label=ent.text, type="Country")
        index.actors.append(actor)
        index.by_token.update({i: actor.id for i in range(ent.start, ent.end)})
    return next(doc.sents), index
