"""Score the extractor on PLOVER gold-standard sentences (one coded event per sentence).

    python benchmarks/plover.py PATH/TO/dev.jsonl [--json] [--actors pipeline|spacy]
                                [--factuality asserted,reported] [--show-misses]
                                [--events rules|learned|both] [--event-model MODEL.npz]

Each sentence runs through the whole pipeline as a document with no date. Scores:
- type recall: the gold event type is among the predicted interaction types of the sentence;
- full recall: some predicted interaction matches the gold event by type, source and target;
- precision: the share of predicted interactions that match their sentence's gold event.
Actors match by text (a shared name word, "Israel" ~ "Israeli") or by country code (CAMEO's
own codes such as JAP, ITL, VTN mapped to ISO 3166 alpha-3; IGO, NGO and the like compare by
text only). A gold target left empty matches any target. By default only the interactions the
graph states as facts count (factuality asserted or reported); --factuality changes that.
`--events` says who reads the events (the lexicon's rules, the learned model alone, or both,
the default and what extraction does); `--event-model` measures another trained event model
(`actorgraph train --method learned --out FILE` for the learned-alone ablation).
The data file is read from where it lies (its licence is share-alike): pass its path.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actorgraph.events.learned import EventModel
from actorgraph.events.score import name_words, words_match
from actorgraph.model import Actor, Document, Extraction
from actorgraph.vocab import PLOVER_TYPES, SYMMETRIC_TYPES

TARGETS = {"type_recall": 0.70, "full_recall": 0.50, "precision": 0.60}

# CAMEO country codes that differ from ISO 3166 alpha-3.
CAMEO_TO_ISO3 = {
    "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAI": "COD", "GMY": "DEU",
    "UK": "GBR", "SAF": "ZAF", "BUL": "BGR", "SLO": "SVN", "SRI": "LKA", "TAW": "TWN",
    "MAC": "MKD", "CZR": "CZE", "YUG": "SRB", "EST": "EST", "SER": "SRB",
}  # fmt: skip
# Codes of non-state actors: matched by text alone.
NON_STATE = frozenset({"IGO", "NGO", "IMG", "REB", "MNC", "UIS", "SEP", "INS", "OPP", "CVL",
                       "MED", "EDU", "BUS", "CRM", "LAB", "JUD", "REF", "SPY", "ELI", "AGR",
                       "HLH", "LEG", "MIL", "GOV", "COP", "PTY", "RAD", "MOD", "HRI", "ENV",
                       "WST", "AFR", "ASA", "EUR", "MEA", "NAF", "SAM", "CAS", "SAS", "WAF",
                       "EAF", "SEA", "BLK"})  # fmt: skip


@dataclass(frozen=True)
class GoldActor:
    """An actor as coded in the gold standard: its text and CAMEO code."""

    text: str
    code: str | None


@dataclass(frozen=True)
class GoldEvent:
    """One gold record: a sentence and the event coded in it."""

    id: str
    text: str
    type: str
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]


@dataclass(frozen=True)
class Predicted:
    """A predicted interaction reduced to what the scorer compares."""

    type: str
    source: Actor
    target: Actor | None
    factuality: str = "asserted"


@dataclass
class Score:
    """Counts and rates over a set of gold records."""

    records: int = 0
    type_hits: int = 0
    full_hits: int = 0
    predicted: int = 0
    correct: int = 0
    by_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    misses: list[dict[str, Any]] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        """Type recall, full recall and precision (0 when there is nothing to divide)."""
        return {
            "type_recall": self.type_hits / self.records if self.records else 0.0,
            "full_recall": self.full_hits / self.records if self.records else 0.0,
            "precision": self.correct / self.predicted if self.predicted else 0.0,
        }


def read_gold(path: Path) -> list[GoldEvent]:
    """The gold records of a JSON-lines file."""
    events = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                events.append(
                    GoldEvent(
                        id=str(raw.get("id", number)),
                        text=str(raw["text"]).strip(),
                        type=str(raw["event"]),
                        sources=tuple(_gold_actor(a) for a in raw.get("source") or []),
                        targets=tuple(_gold_actor(a) for a in raw.get("target") or []),
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise SystemExit(f"{path}:{number}: not a gold record ({exc})") from None
    return events


def _gold_actor(raw: dict[str, Any]) -> GoldActor:
    return GoldActor(text=str(raw.get("text") or ""), code=raw.get("code") or None)


def iso3(code: str | None) -> str | None:
    """The ISO alpha-3 code of a CAMEO actor code, None for non-state codes."""
    if not code:
        return None
    code = code.upper()
    if code in NON_STATE:
        return None
    return CAMEO_TO_ISO3.get(code, code if len(code) == 3 else None)


def actor_country(actor: Actor) -> str | None:
    """The country code an actor carries, or that its knowledge-base key names."""
    if actor.country:
        return actor.country
    match = re.search(r"/country/([A-Z]{3})$", actor.id)
    return match.group(1) if match else None


def actor_matches(actor: Actor, gold: GoldActor) -> bool:
    """True when a predicted actor is the gold actor by code or by a shared name word."""
    code = iso3(gold.code)
    if code is not None and actor_country(actor) == code:
        return True
    gold_words = {w for part in gold.text.split("...") for w in name_words(part)}
    names = [actor.label, *actor.aliases, *(m.text for m in actor.mentions)]
    pred_words = {w for name in names for w in name_words(name)}
    return any(words_match(g, p) for g in gold_words for p in pred_words)


def event_matches(pred: Predicted, gold: GoldEvent) -> bool:
    """Type equal, source among the gold sources, target among the gold targets (an empty
    gold side matches anything); symmetric types (CONSULT, COOPERATE, AGREE) in either
    direction, as in `actorgraph eval`."""
    if pred.type != gold.type:
        return False
    if _sides_match(pred.source, pred.target, gold):
        return True
    return (
        pred.type in SYMMETRIC_TYPES
        and pred.target is not None
        and _sides_match(pred.target, pred.source, gold)
    )


def _sides_match(source: Actor, target: Actor | None, gold: GoldEvent) -> bool:
    if gold.sources and not any(actor_matches(source, g) for g in gold.sources):
        return False
    if not gold.targets:
        return True
    return target is not None and any(actor_matches(target, g) for g in gold.targets)


def predictions(extraction: Extraction, factualities: Iterable[str]) -> list[Predicted]:
    """The interactions of an extraction with the wanted factuality, actors resolved."""
    wanted = set(factualities)
    actors = {a.id: a for a in extraction.actors}
    found = []
    for rel in extraction.relations:
        if rel.type not in PLOVER_TYPES or rel.factuality not in wanted:
            continue
        source = actors.get(rel.source)
        if source is None:
            continue
        target = actors.get(rel.target) if rel.target else None
        found.append(Predicted(rel.type, source, target, rel.factuality))
    return found


def score(gold: Sequence[GoldEvent], predicted: Sequence[list[Predicted]]) -> Score:
    """Score each gold record against the interactions predicted for its sentence."""
    result = Score()
    for record, preds in zip(gold, predicted, strict=True):
        result.records += 1
        row = result.by_type[record.type]
        row[0] += 1
        types = {p.type for p in preds}
        type_hit = record.type in types
        matched = [p for p in preds if event_matches(p, record)]
        result.type_hits += type_hit
        row[1] += type_hit
        result.full_hits += bool(matched)
        row[2] += bool(matched)
        result.predicted += len(preds)
        result.correct += len(matched)
        if not matched:
            result.misses.append(
                {
                    "id": record.id,
                    "text": record.text,
                    "gold": record.type,
                    "predicted": [
                        f"{p.type}({p.source.label} -> {p.target.label if p.target else '-'})"
                        for p in preds
                    ],
                }
            )
    return result


def run_pipeline(
    gold: Sequence[GoldEvent],
    actors: str,
    factualities: Iterable[str],
    events: str = "both",
    model: EventModel | None = None,
) -> list[list[Predicted]]:
    """Extract each gold sentence as a document of its own, with no date."""
    documents = [Document(id=f"plover-{i}", path="", text=g.text) for i, g in enumerate(gold)]
    wanted = list(factualities)
    if actors == "spacy":
        spacy_actors = _spacy_actor_extractions(documents, events, model)
        return [predictions(ex, wanted) for ex in spacy_actors]
    from actorgraph import pipeline

    extractions = pipeline.extract_many(documents, events=events, model=model)
    return [predictions(ex, wanted) for ex in extractions]


def _spacy_actor_extractions(
    documents: Sequence[Document], events: str, model: EventModel | None
) -> Iterable[Extraction]:
    """Interactions over spaCy's own named entities as actors: measures the interaction
    stage apart from the actor stages."""
    from actorgraph import events as events_stage
    from actorgraph import nlp as nlp_loader
    from actorgraph.model import ActorIndex

    nlp = nlp_loader.load()
    labels = {"PERSON": "Person", "GPE": "Country", "ORG": "Organization", "NORP": "Country",
              "LOC": "Location", "FAC": "Location"}  # fmt: skip
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        index = ActorIndex()
        by_text: dict[str, Actor] = {}
        for ent in doc.ents:
            if ent.label_ not in labels:
                continue
            actor = by_text.get(ent.text)
            if actor is None:
                slug = re.sub(r"[^a-z0-9]+", "-", ent.text.lower()).strip("-")
                actor = Actor(id=f"spacy/{slug}", label=ent.text, type=labels[ent.label_])
                by_text[ent.text] = actor
                index.actors.append(actor)
            for i in range(ent.start, ent.end):
                index.by_token[i] = actor.id
        relations = events_stage.extract(doc, index, document, events, model)
        yield Extraction(document=document, actors=index.actors, relations=relations)


def report(result: Score) -> str:
    """A plain-text table of the scores, overall and by event type."""
    rates = result.rates()
    lines = [f"{'type':<10} {'n':>4} {'type recall':>12} {'full recall':>12}"]
    for etype in sorted(result.by_type):
        n, t, f = result.by_type[etype]
        lines.append(f"{etype:<10} {n:>4} {t / n:>12.2f} {f / n:>12.2f}")
    lines.append("")
    lines.append(f"records {result.records}, predicted interactions {result.predicted}, "
                 f"correct {result.correct}")  # fmt: skip
    for name, value in rates.items():
        flag = "ok" if value >= TARGETS[name] else "below target"
        lines.append(f"{name:<12} {value:.3f}  (target {TARGETS[name]:.2f}: {flag})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("path", type=Path, help="PLOVER gold records, JSON lines")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--actors",
        choices=("pipeline", "spacy"),
        default="pipeline",
        help="actors from the full pipeline (default) or spaCy's entities",
    )
    parser.add_argument(
        "--factuality",
        default="asserted,reported",
        help="factuality values that count as predictions",
    )
    parser.add_argument("--show-misses", action="store_true", help="list the missed records")
    parser.add_argument(
        "--events",
        choices=("rules", "learned", "both"),
        default="both",
        help="who reads events: the rules, the learned model, or both (default)",
    )
    parser.add_argument("--event-model", type=Path, help="a trained event model (.npz)")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"plover benchmark: {args.path}: no such file", file=sys.stderr)
        return 2
    gold = read_gold(args.path)
    model = EventModel.load(args.event_model) if args.event_model else None
    predicted = run_pipeline(gold, args.actors, args.factuality.split(","), args.events, model)
    result = score(gold, predicted)
    if args.json:
        out = {**result.rates(), "records": result.records, "predicted": result.predicted,
               "correct": result.correct, "targets": TARGETS,
               "by_type": {k: dict(zip(("n", "type_hits", "full_hits"), v, strict=True))
                           for k, v in sorted(result.by_type.items())}}  # fmt: skip
        if args.show_misses:
            out["misses"] = result.misses
        print(json.dumps(out, indent=2))
    else:
        print(report(result))
        if args.show_misses:
            for miss in result.misses:
                print(f"\n{miss['gold']}: {miss['text']}\n  predicted: {miss['predicted']}")
    counts = Counter(p.type for preds in predicted for p in preds)
    if not args.json:
        print("predicted types:", dict(counts.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
