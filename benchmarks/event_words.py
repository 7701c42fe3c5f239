"""How well the learned reader's type model reads which words are events, on coded real news.

    python benchmarks/event_words.py [SET ...] [--event-model FILE]

SET is one of the coded sets of data/wikinews (default `dev`; the shipped model is trained on
`shared` and `train`, so only `dev` and `heldout` measure it). For each set it prints:
- candidates: the coded events whose word is one the model reads (a verb or an event noun),
  whose coded word is no such predicate, and whose word is not found in its sentence;
- the share of predicates coded with no event (the "none" class);
- on the predicates coded with an event: how often "none" is the model's first reading, and how
  often its best event type is the coded one;
- on the sentences coded with events: how often the model's surest type in the sentence is one
  coded there (sentence top-1);
- the best F1 of (sentence, type) readings ranked by the model's probability, and the probability
  where it lies: what the adding threshold should be near.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence

import numpy as np

from actorgraph.events import train
from actorgraph.events.features import features, predicates
from actorgraph.events.learned import NONE, EventModel, shipped


def measure(items: Sequence[train.Parsed], model: EventModel) -> dict[str, float]:
    counts: Counter[str] = Counter()
    labels: list[str] = []
    rows = []
    sentence_of: list[tuple[int, int]] = []
    coded: dict[tuple[int, int], set[str]] = {}
    for n, item in enumerate(items):
        doc, index = item.analysis.doc, item.analysis.resolution.index
        gold = train.gold_labels(item)
        found = {t.i for s in doc.sents for t in predicates(s, model.nouns)}
        for sentence in item.article.sentences:
            coded[(n, sentence.n)] = {t for e in sentence.events for t in e.types}
        for sentence in item.article.sentences:
            for event in sentence.events:
                token = train.trigger_token(doc, sentence, event)
                where = "no word" if token is None else "candidate" if token.i in found else "other"
                counts[where] += 1
        for sent in doc.sents:
            at = item.article.sentence_at(sent.start_char, sent.end_char)
            key = (n, at.n if at is not None else -1)
            coded.setdefault(key, set())
            rules = train.rule_types(sent, index)
            for word in predicates(sent, model.nouns):
                rows.append(features(word, index, rules.get(word.i, ())))
                labels.append(gold.get(word.i, NONE))
                sentence_of.append(key)
    probs = model.types.probabilities(rows)
    classes = list(model.types.classes)
    none = classes.index(NONE)
    events = [i for i, label in enumerate(labels) if label != NONE]
    typed = probs.copy()
    typed[:, none] = -1.0
    best = typed.argmax(axis=1)
    total = sum(counts.values())
    result = {
        "coded events": float(total),
        "word is a candidate": counts["candidate"] / total,
        "word is no candidate": counts["other"] / total,
        "word not found": counts["no word"] / total,
        "predicates coded none": labels.count(NONE) / len(labels),
        "coded words read none first": float(np.mean(probs[events].argmax(axis=1) == none)),
        "coded words' best type right": float(
            np.mean([classes[best[i]] == labels[i] for i in events])
        ),
    }
    result |= _sentences(typed, classes, sentence_of, coded)
    return result


def _sentences(
    typed: np.ndarray,
    classes: list[str],
    sentence_of: list[tuple[int, int]],
    coded: dict[tuple[int, int], set[str]],
) -> dict[str, float]:
    """Sentence top-1 and the best F1 of (sentence, type) readings ranked by probability."""
    read: dict[tuple[tuple[int, int], str], float] = {}
    for row, key in zip(typed, sentence_of, strict=True):
        for j, p in enumerate(row):
            if p >= 0:
                read[(key, classes[j])] = max(read.get((key, classes[j]), 0.0), float(p))
    with_events = [k for k, types in coded.items() if types]
    top: dict[tuple[int, int], tuple[float, str]] = {}
    for (key, etype), p in read.items():
        if p > top.get(key, (-1.0, ""))[0]:
            top[key] = (p, etype)
    top1 = np.mean([top.get(k, (0.0, ""))[1] in coded[k] for k in with_events])
    ranked = sorted(read.items(), key=lambda kv: -kv[1])
    right = np.array([etype in coded[key] for (key, etype), _ in ranked])
    pairs = sum(len(coded[k]) for k in with_events)
    hits = np.cumsum(right)
    precision = hits / np.arange(1, len(right) + 1)
    recall = hits / pairs
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-9)
    at = int(f1.argmax())
    return {
        "sentence top-1 type right": float(top1),
        "best F1 of sentence types": float(f1[at]),
        "probability at best F1": ranked[at][1],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("sets", nargs="*", default=["dev"], help="coded sets to measure")
    parser.add_argument("--event-model", help="a trained event model (.npz) to measure")
    args = parser.parse_args(argv)
    model = EventModel.load(args.event_model) if args.event_model else shipped()
    if model is None:
        print("event words benchmark: no trained event model", file=sys.stderr)
        return 2
    for name in args.sets:
        items = train.parse(train.load_set(name))
        if not items:
            print(f"event words benchmark: no coded articles in set {name!r}", file=sys.stderr)
            return 2
        result = measure(items, model)
        print(f"{name}: " + "  ".join(f"{k} {v:.2f}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
