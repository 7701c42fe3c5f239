"""Score the extractor on coded real news (data/wikinews): articles and sentences.

    python benchmarks/wikinews.py [SET ...] [--events rules|learned|both] [--event-model FILE]
                                  [--ablation] [--json]

SET is one of the coded sets (`shared`, `train`, `dev`, `heldout`; default `heldout`, the set
kept apart from training and tuning). A set holds news articles and days of Wikipedia's current
events (short summaries, one story a paragraph); each kind is scored apart (`heldout/articles`,
`heldout/summaries`) and, where a set has both, together (`heldout`). For each it prints:
- article scores as `actorgraph eval` gives them: actor, relation, interaction and affiliation
  precision, recall and F1 against the coded gold;
- sentence scores of the interactions: type recall (a coded event's type read in its
  sentence), full recall (type, source and target), precision (events read that match a coded
  event of their sentence; sentences coded with none count against every event read);
- the precision of the interactions whose confidence is at least 0.2, 0.3, 0.5 and 0.8.
`--ablation` measures the rules alone, the learned model alone (trained on the spot from the
training sets, as `actorgraph train --method learned` does) and both.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from actorgraph import affiliations, kb
from actorgraph import events as events_stage
from actorgraph.evaluate import Report, score
from actorgraph.events import coded, train
from actorgraph.events.learned import EventModel
from actorgraph.events.score import SentenceScore, precision_above
from actorgraph.events.score import score as score_sentences
from actorgraph.model import Extraction

METHODS = ("rules", "learned", "both")
FLOORS = (0.0, 0.2, 0.3, 0.5, 0.8)


def measure(items: Sequence[train.Parsed], method: str, model: EventModel | None) -> dict[str, Any]:
    """Article and sentence scores of one way of reading events on parsed coded articles."""
    knowledge = kb.load()
    articles, sentences = [], SentenceScore()
    for item in items:
        analysis, gold = item.analysis, item.article.gold
        index = analysis.resolution.index
        relations = affiliations.extract(
            analysis.doc, index, analysis.document, analysis.resolution, knowledge
        )
        found = events_stage.extract(analysis.doc, index, analysis.document, method, model)
        extraction = Extraction(analysis.document, index.actors, relations + found)
        articles.append(score(extraction, gold))
        sentences.add(score_sentences(item.article, index.actors, found))
    report = Report(articles)
    prf = sentences.prf
    return {
        "method": method,
        "articles": len(items),
        "actor_f1": report.actors.f1,
        "relations": _prf(report.relations),
        "interactions": _prf(report.interactions),
        "affiliations": _prf(report.affiliations),
        "sentences": {
            "events": sentences.events,
            "type_recall": sentences.type_recall,
            "full_recall": prf.recall,
            "precision": prf.precision,
            "f1": prf.f1,
        },
        "precision_at": {
            str(floor): dict(
                zip(("precision", "n"), precision_above(sentences.scored, floor), strict=True)
            )
            for floor in FLOORS
        },
    }


def groups(name: str, items: Sequence[train.Parsed]) -> list[tuple[str, list[train.Parsed]]]:
    """The set's items by kind, and all of them together where there are several kinds."""
    kinds = coded.by_kind(items, lambda item: item.article)
    named = [(f"{name}/{k}", group) for k, group in kinds.items()]
    return [*named, (name, list(items))] if len(kinds) > 1 else named


def _prf(prf: Any) -> dict[str, float]:
    return {"precision": prf.precision, "recall": prf.recall, "f1": prf.f1}


def line(name: str, result: dict[str, Any]) -> str:
    rel, inter, aff, sent = (
        result["relations"],
        result["interactions"],
        result["affiliations"],
        result["sentences"],
    )
    at = result["precision_at"]
    return (
        f"{name:<17} {result['method']:<8} articles {result['articles']:>3}  "
        f"actor F1 {result['actor_f1']:.2f}  relation P/R/F1 {rel['precision']:.2f}/"
        f"{rel['recall']:.2f}/{rel['f1']:.2f}  interactions F1 {inter['f1']:.2f}  "
        f"affiliations F1 {aff['f1']:.2f}  |  sentences: type recall {sent['type_recall']:.2f} "
        f"full recall {sent['full_recall']:.2f} precision {sent['precision']:.2f}  |  "
        "precision with confidence at least "
        + ", ".join(f"{f}: {at[str(f)]['precision']:.2f} (n={at[str(f)]['n']})" for f in FLOORS)
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("sets", nargs="*", default=["heldout"], help="coded sets to score")
    parser.add_argument("--events", choices=METHODS, default="both", help="who reads events")
    parser.add_argument("--event-model", help="a trained event model (.npz) to measure")
    parser.add_argument("--ablation", action="store_true", help="rules, learned and both")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    model = EventModel.load(args.event_model) if args.event_model else None
    runs: list[tuple[str, EventModel | None]] = [(args.events, model)]
    if args.ablation:
        learned_alone, _ = train.train(method="learned")
        runs = [("rules", None), ("learned", learned_alone), ("both", model)]
    results = []
    for name in args.sets:
        items = train.parse(train.load_set(name))
        if not items:
            print(f"wikinews benchmark: no coded articles in set {name!r}", file=sys.stderr)
            return 2
        for method, chosen in runs:
            for label, group in groups(name, items):
                result = {"set": label, **measure(group, method, chosen)}
                results.append(result)
                if not args.json:
                    print(line(label, result))
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
