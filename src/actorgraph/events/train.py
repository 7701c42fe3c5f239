"""Training the learned event reader from coded real news (`actorgraph train`).

The coded articles of data/wikinews/ (see its README) are parsed and their actors resolved as
in extraction; every predicate of every sentence becomes one example, labelled with the type
of the event coded on it (the coder's `trigger`) or "none". The sets `shared` and `train`
teach the model; `dev` sets its thresholds and calibrates its confidence; `heldout` is never
read here: it only measures (`benchmarks/wikinews.py`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from actorgraph import affiliations, events, kb, pipeline, reader
from actorgraph.errors import ActorgraphError
from actorgraph.evaluate import match_actors, relation_matches
from actorgraph.events import coded, confidence, linear, parties
from actorgraph.events.coded import CodedArticle, CodedEvent, CodedSentence
from actorgraph.events.features import Features, features, lemma, predicates
from actorgraph.events.learned import IDENTITY, NONE, EventModel, Thresholds
from actorgraph.events.relations import pairs
from actorgraph.events.score import SentenceScore, gold_keys, matches, score
from actorgraph.events.sentences import find_events
from actorgraph.resources import resource
from actorgraph.syntax import sentence_evidence

TRAINING_SETS = ("shared", "train")
TUNING_SET = "dev"
C = 0.5  # inverse regularisation strength of the logistic regression
# The rules' events are kept whatever the model thinks of them: a floor of 0.1, best on `dev`'s
# mean F1, drops rule readings of plain sentences ("X sentenced Y to 16 years") the model has
# seen too rarely.
KEEP_GRID = (0.0,)
# Most words are no event (five in six predicates), so the model's probability of a true event's
# type is often low: on dev its best F1 of typed words lies near 0.1. Adding events that low
# raises recall on dev but reads spurious events in the bundled articles (their interactions' F1
# 0.81 -> 0.69 at 0.1), so adding stops at 0.3; a party near 0.1 is more often right than none.
ADD_GRID = (0.8, 0.6, 0.5, 0.4, 0.3)
PARTY_GRID = (0.5, 0.35, 0.2, 0.1, 0.05)


@dataclass
class Parsed:
    """A coded article parsed and with its actors resolved."""

    article: CodedArticle
    analysis: pipeline.Analysis


def corpus() -> Path:
    """The folder of coded real news (data/wikinews in a source checkout)."""
    return resource("data", "wikinews")


def load_set(name: str, root: Path | None = None) -> list[CodedArticle]:
    """The coded articles of one set (`shared`, `train`, `dev`, `heldout`)."""
    base = root or corpus()
    return list(coded.articles(base / "texts" / name, base / "gold" / name))


def parse(articles: Sequence[CodedArticle], nlp: Language | None = None) -> list[Parsed]:
    """Each article read, parsed and with its actors resolved, once."""
    documents = [reader.read_document(a.text) for a in articles]
    analyses = pipeline.analyse(documents, nlp)
    return [Parsed(a, an) for a, an in zip(articles, analyses, strict=True)]


def trigger_token(doc: Doc, sentence: CodedSentence, event: CodedEvent) -> Token | None:
    """The word a coded event's trigger names in its sentence: the verb of the phrase, else
    its head noun."""
    words = [re.escape(w) for w in event.trigger.split()]
    if not words:
        return None
    text = doc.text[sentence.start : sentence.end]
    found = re.search(r"\b" + r"\s+".join(words) + r"\b", text, re.IGNORECASE)
    if found is None:
        return None
    span = doc.char_span(
        sentence.start + found.start(), sentence.start + found.end(), alignment_mode="expand"
    )
    if span is None:
        return None
    usable = [t for t in span if t.pos_ in ("VERB", "NOUN") and t.dep_ not in ("aux", "auxpass")]
    verbs = [t for t in usable if t.pos_ == "VERB"]
    pool = verbs or usable
    heads = [t for t in pool if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    best = heads or pool
    return best[0] if best else None


def gold_labels(parsed: Parsed) -> dict[int, str]:
    """Token index -> coded event type, for every coded event whose trigger is found."""
    labels: dict[int, str] = {}
    doc = parsed.analysis.doc
    for sentence in parsed.article.sentences:
        for event in sentence.events:
            token = trigger_token(doc, sentence, event)
            if token is not None:
                labels.setdefault(token.i, event.types[0])
    return labels


def event_nouns(items: Iterable[Parsed]) -> set[str]:
    """Lemmas of the nouns that coders marked as stating events."""
    nouns = set()
    for item in items:
        doc = item.analysis.doc
        nouns |= {lemma(doc[i]) for i in gold_labels(item) if doc[i].pos_ == "NOUN"}
    return nouns


def examples(
    items: Iterable[Parsed], nouns: Iterable[str], rules: bool = True
) -> tuple[list[Features], list[str]]:
    """One example per predicate of every sentence: its features and its coded type."""
    nouns = frozenset(nouns)
    rows: list[Features] = []
    labels: list[str] = []
    for item in items:
        gold = gold_labels(item)
        index = item.analysis.resolution.index
        for sent in item.analysis.doc.sents:
            read = rule_types(sent, index) if rules else {}
            for word in predicates(sent, nouns):
                rows.append(features(word, index, read.get(word.i, ())))
                labels.append(gold.get(word.i, NONE))
    return rows, labels


def rule_types(sent: Span, index: Any) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for cand in events.rule_candidates(sent, index):
        found.setdefault(cand.trigger.i, []).append(cand.type)
    return found


def party_examples(items: Iterable[Parsed]) -> tuple[list[Features], list[str]]:
    """One example per actor of the sentence of each coded event: its features and whether
    the coder named it the event's source, its target or neither."""
    rows: list[Features] = []
    labels: list[str] = []
    for item in items:
        doc = item.analysis.doc
        index = item.analysis.resolution.index
        matched = match_actors(index.actors, item.article.gold.actors)
        for sentence in item.article.sentences:
            for event in sentence.events:
                word = trigger_token(doc, sentence, event)
                if word is None:
                    continue
                for cand in parties.candidates(word.sent, index, word):
                    key = matched.get(cand.actor.id)
                    label = parties.NONE
                    if key is not None and key in event.sources:
                        label = parties.SOURCE
                    elif key is not None and key in event.targets:
                        label = parties.TARGET
                    rows.append(parties.features(word, event.types[0], cand))
                    labels.append(label)
    return rows, labels


def fit(items: Sequence[Parsed], nouns: Iterable[str], rules: bool = True) -> EventModel:
    """Both readers fitted to the coded articles."""
    rows, labels = examples(items, nouns, rules=rules)
    party_rows, party_labels = party_examples(items)
    counts = Counter(labels)
    if len(counts) < 2:
        raise ActorgraphError("the coded articles give no event to learn from")
    return EventModel(
        types=linear.fit(rows, labels, C),
        priors={label: n / len(labels) for label, n in counts.items()},
        parties=linear.fit(party_rows, party_labels, C) if len(set(party_labels)) > 1 else None,
        nouns=frozenset(nouns),
        meta={"examples": len(rows), "party_examples": len(party_rows)},
    )


def measure(items: Iterable[Parsed], method: str, model: EventModel | None) -> SentenceScore:
    """Sentence-level scores of the events read in the articles."""
    total = SentenceScore()
    for item in items:
        analysis = item.analysis
        index = analysis.resolution.index
        relations = events.extract(
            analysis.doc, index, analysis.document, method=method, model=model
        )
        total.add(score(item.article, index.actors, relations))
    return total


def tune(model: EventModel, items: Sequence[Parsed], method: str) -> Thresholds:
    """The thresholds that give the best F1 of events on the tuning articles (the mean over
    their kinds, news articles and current-events summaries), one after the other: which
    events to add (and their parties), then which rule events to keep."""

    kinds = list(coded.by_kind(items, lambda item: item.article).values()) or [[]]

    def f1(limits: Thresholds) -> float:  # each kind of text counts alike, however many
        tuned = replace(model, thresholds=limits)
        return sum(measure(group, method, tuned).prf.f1 for group in kinds) / len(kinds)

    best = Thresholds(keep=0.0)
    best = max((replace(best, add=a, party=p) for a in ADD_GRID for p in PARTY_GRID), key=f1)
    if method == "both":
        best = max((replace(best, keep=k) for k in KEEP_GRID), key=f1)
    return best


def calibrate(
    model: EventModel, items: Sequence[Parsed], method: str, coded: Sequence[Parsed] = ()
) -> EventModel:
    """The model with its events' confidence mapped to the share of right events on `items`
    (which it was not trained on), and the rules' affiliations' confidence to the share of right
    affiliations on `items` and `coded` (the rules learn nothing from either)."""
    raw = replace(model, calibration=IDENTITY)
    events = _isotonic(measure(items, method, raw).scored)
    posts = _isotonic([pair for item in [*items, *coded] for pair in affiliation_scores(item)])
    return replace(model, calibration=events or IDENTITY, affiliations=posts or IDENTITY)


def fit_confidence(
    model: EventModel, items: Sequence[Parsed], method: str
) -> linear.LinearModel | None:
    """The model of how likely an event read is right, fitted on `items` (which the readers
    were not trained on): one example per source-target pair of each event read, right when
    the pair is an event coded in its sentence. None when there are too few of either."""
    rows, labels = confidence_examples(replace(model, confidence=None), items, method)
    if min(labels.count(confidence.RIGHT), labels.count(confidence.WRONG)) < 10:
        return None
    return linear.fit(rows, labels, C)


def confidence_examples(
    model: EventModel, items: Sequence[Parsed], method: str
) -> tuple[list[Features], list[str]]:
    """The features of each source-target pair of the events read in coded articles, and
    whether the pair is an event coded in its sentence."""
    rows: list[Features] = []
    labels: list[str] = []
    for item in items:
        index, text = item.analysis.resolution.index, item.analysis.document.text
        keys_of = {a.id: gold_keys(a, item.article.gold.actors) for a in index.actors}
        for sent in item.analysis.doc.sents:
            evidence = sentence_evidence(text, sent)
            coded_sentence = item.article.sentence_at(evidence.start, evidence.end)
            if coded_sentence is None:
                continue
            for cand in find_events(sent, index, None, method, model):
                for source, target in pairs(cand):
                    key = (cand.type, keys_of.get(source.id, frozenset()),
                           keys_of.get(target.id, frozenset()) if target else None)  # fmt: skip
                    right = any(matches(e, key) for e in coded_sentence.events)
                    rows.append(confidence.features(cand))
                    labels.append(confidence.RIGHT if right else confidence.WRONG)
    return rows, labels


def affiliation_scores(item: Parsed) -> list[tuple[float, bool]]:
    """(confidence, right) of each affiliation the rules read in a coded article, right when
    the article's gold has it (as `actorgraph eval` matches relations)."""
    analysis, gold = item.analysis, item.article.gold
    found = affiliations.extract(
        analysis.doc, analysis.resolution.index, analysis.document, analysis.resolution, kb.load()
    )
    matched = match_actors(analysis.resolution.index.actors, gold.actors)
    scored = []
    for rel in found:
        target = matched.get(rel.target) if rel.target else None
        key = (rel.type, matched.get(rel.source), target)
        scored.append((rel.confidence, any(relation_matches(g, *key) for g in gold.relations)))
    return scored


def _isotonic(scored: list[tuple[float, bool]]) -> tuple[np.ndarray, np.ndarray] | None:
    """A monotone map from scores to the share right, on a grid of 21 points (None when there
    are too few to fit). One pseudo-observation at the overall share right, spread over the grid,
    makes a score seen only wrong (or only right) map near 0 (1), never to certainty."""
    from sklearn.isotonic import IsotonicRegression

    if len(scored) < 10:
        return None
    xs, ys = (np.asarray(v, dtype=float) for v in zip(*scored, strict=True))
    grid = np.linspace(0.0, 1.0, 21)
    rate = float(ys.mean())
    x = np.concatenate([xs, grid, grid])
    y = np.concatenate([ys, np.ones_like(grid), np.zeros_like(grid)])
    spread = 1 / len(grid)
    weight = np.concatenate(
        [
            np.ones_like(xs),
            np.full_like(grid, rate * spread),
            np.full_like(grid, (1 - rate) * spread),
        ]
    )
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit(x, y, sample_weight=weight)
    return grid, iso.predict(grid)


def train(
    out: Path | None = None,
    method: str = "both",
    nlp: Language | None = None,
    root: Path | None = None,
) -> tuple[EventModel, dict[str, Any]]:
    """Fit, tune and calibrate the event model; write it to `out` when given."""
    teach = parse([a for name in TRAINING_SETS for a in load_set(name, root)], nlp)
    tuning = parse(load_set(TUNING_SET, root), nlp)
    nouns = event_nouns(teach) | set(events.lexicon().nouns)
    model = fit(teach, nouns, rules=method == "both")
    model = replace(model, thresholds=tune(model, tuning, method))
    model = calibrate(model, tuning, method, teach)
    model = replace(model, confidence=fit_confidence(model, tuning, method))
    dev = measure(tuning, method, model)
    report = {
        "method": method,
        "articles": {"training": len(teach), "tuning": len(tuning)},
        **model.meta,
        "thresholds": model.thresholds,
        "dev": dev.line(),
        "dev_rules": measure(tuning, "rules", None).line(),
    }
    model = replace(model, meta={**model.meta, "method": method})
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        model.save(out)
    return model, report
