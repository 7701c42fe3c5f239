"""The learned event reader: which words of a sentence state a PLOVER event, of which type, and
who its parties are.

Two linear models trained by `actorgraph train` from coded real news (data/wikinews/): one
scores each predicate of a sentence for the 16 PLOVER types and "none" (`features.py`; the
types the rules read on the word are among its features), the other scores each actor of the
sentence as the event's source, target or neither (`parties.py`). The reader keeps the rules'
events it believes, retypes or drops the others, and adds the events the rules missed with the
parties the party model reads. A third model (`confidence`), fitted on coded articles the
others were not trained on, gives each event read the probability that it is right.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.tokens import Span, Token

from actorgraph.events import parties
from actorgraph.events.features import features, predicates
from actorgraph.events.linear import LinearModel
from actorgraph.model import ActorIndex
from actorgraph.resources import models_dir

if TYPE_CHECKING:
    from actorgraph.events.candidate import Candidate

NONE = "none"
MODEL_NAME = "events.npz"
IDENTITY = (np.array([0.0, 1.0]), np.array([0.0, 1.0]))


@dataclass(frozen=True)
class Thresholds:
    """When the models' word is taken: a rule's event is kept when its type is at least `keep`
    times as likely on its word as on a word taken at random (the model's odds against a
    type's rarity); a type the rules did not read is taken at `add` or more; a party of such
    an event at `party` or more."""

    keep: float = 0.0
    add: float = 0.5
    party: float = 0.3


@dataclass(frozen=True)
class EventModel:
    """The trained event readers, the nouns they read, thresholds and calibration."""

    types: LinearModel
    parties: LinearModel | None
    nouns: frozenset[str]
    priors: dict[str, float] = field(default_factory=dict)  # share of each type in training
    thresholds: Thresholds = Thresholds()
    calibration: tuple[np.ndarray, np.ndarray] = IDENTITY
    affiliations: tuple[np.ndarray, np.ndarray] = IDENTITY  # the same for the rules' posts
    confidence: LinearModel | None = None  # how likely an event so read is right
    meta: dict[str, Any] = field(default_factory=dict)

    def odds(self, prob: dict[str, float], etype: str) -> float:
        """How many times likelier the model finds a type on a word than on a word at random."""
        return prob.get(etype, 0.0) / max(self.priors.get(etype, 0.0), 1e-6)

    def score(self, prob: dict[str, float], etype: str) -> float:
        """The raw score of an event read as a type: its odds mapped onto 0..1."""
        odds = self.odds(prob, etype)
        return odds / (1.0 + odds)

    def calibrated(self, score: float) -> float:
        """The share of events given this raw score that were right, on held-back data."""
        xs, ys = self.calibration
        return round(float(np.interp(score, xs, ys)), 3)

    def calibrated_affiliation(self, score: float) -> float:
        """The share of affiliations (posts, memberships, parts) given this confidence by the
        rules that were right, on held-back data."""
        xs, ys = self.affiliations
        return round(float(np.interp(score, xs, ys)), 3)

    def save(self, path: Path) -> None:
        """Write the models as one .npz file of plain arrays (no pickled objects)."""
        limits = self.thresholds
        meta = {**self.meta, **asdict(limits)}
        arrays = self.types.arrays("types_")
        if self.parties is not None:
            arrays |= self.parties.arrays("parties_")
        if self.confidence is not None:
            arrays |= self.confidence.arrays("confidence_")
        arrays |= {
            "priors": np.array([self.priors.get(c, 0.0) for c in self.types.classes]),
            "nouns": np.array(sorted(self.nouns)),
            "calibration": np.vstack(self.calibration).astype(np.float32),
            "affiliations": np.vstack(self.affiliations).astype(np.float32),
            "meta": np.array(json.dumps(meta, sort_keys=True)),
        }
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> EventModel:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            calibration = data["calibration"].astype(np.float64)
            posts = (
                data["affiliations"].astype(np.float64)
                if "affiliations" in data.files
                else np.vstack(IDENTITY)
            )
            limits = Thresholds(**{k: meta.pop(k) for k in fields_of(Thresholds) if k in meta})
            types = LinearModel.from_arrays(data, "types_")
            return cls(
                types=types,
                parties=(
                    LinearModel.from_arrays(data, "parties_")
                    if "parties_classes" in data.files
                    else None
                ),
                confidence=(
                    LinearModel.from_arrays(data, "confidence_")
                    if "confidence_classes" in data.files
                    else None
                ),
                nouns=frozenset(str(n) for n in data["nouns"]),
                priors=dict(zip(types.classes, map(float, data["priors"]), strict=True)),
                thresholds=limits,
                calibration=(calibration[0], calibration[1]),
                affiliations=(posts[0], posts[1]),
                meta=meta,
            )


def fields_of(cls: type) -> list[str]:
    return [f.name for f in dataclass_fields(cls)]


def model_path() -> Path:
    return models_dir() / MODEL_NAME


@lru_cache(maxsize=1)
def shipped() -> EventModel | None:
    """The model that ships with actorgraph, read once (None when there is none)."""
    try:
        return EventModel.load(model_path())
    except FileNotFoundError:
        return None


MakeEvent = Callable[[Token, str, list, list, float], "Candidate | None"]


@dataclass
class Reading:
    """One sentence as the models read it: its actors and the rules' events by word."""

    sent: Span
    index: ActorIndex
    model: EventModel
    make: MakeEvent
    covered: set[int] = field(default_factory=set)  # words the rules read as part of an event

    def parties(self, word: Token, etype: str) -> tuple[list[Any], list[Any], float]:
        if self.model.parties is None:
            return [], [], 0.0
        found = parties.candidates(self.sent, self.index, word)
        floor = self.model.thresholds.party
        return parties.choose(self.model.parties, word, etype, found, floor)


def read(
    sent: Span,
    index: ActorIndex,
    found: list[Candidate],
    model: EventModel,
    make: MakeEvent,
    nouns: Iterable[str] = (),
    taken: Iterable[int] = (),
) -> list[Candidate]:
    """The events of a sentence once the models have judged the rules' `found` and read what
    they missed (`make(word, type, sources, targets, confidence)` builds an event on a word:
    with the parties given, or, when none are, those the parse gives the type's words). Words
    in `taken` are part of an event the rules read on another word ("halted its strikes")."""
    used = set(taken)
    words = [w for w in predicates(sent, model.nouns | frozenset(nouns)) if w.i not in used]
    by_trigger: dict[int, list[Candidate]] = {}
    for cand in found:
        by_trigger.setdefault(cand.trigger.i, []).append(cand)
    rows = [features(w, index, [c.type for c in by_trigger.get(w.i, [])]) for w in words]
    probs = model.types.probabilities(rows) if rows else np.zeros((0, len(model.types.classes)))
    reading = Reading(sent, index, model, make, _covered(found))
    kept: list[Candidate] = []
    for word, row in zip(words, probs, strict=True):
        prob = dict(zip(model.types.classes, row, strict=True))
        kept += _judge(word, prob, by_trigger.pop(word.i, []), reading)
    for rest in by_trigger.values():  # triggers the model does not read (names, adjectives)
        kept += rest
    return kept


def _covered(found: Iterable[Candidate]) -> set[int]:
    """Words whose meaning the rules have already read: the verb whose clause carries one of
    their events ("agreed to impose sanctions"), a stance the rules weigh (`sentences.kept`)
    and not an event of its own that the model may add."""
    covered = set()
    for cand in found:
        trigger = cand.trigger
        if trigger.dep_ == "xcomp" and trigger.head.i != trigger.i:
            covered.add(trigger.head.i)
    return covered


def _judge(
    word: Token, prob: dict[str, float], rules: list[Candidate], reading: Reading
) -> list[Candidate]:
    """The events kept on one word: the rules' where the model agrees enough, else the
    model's best type when it is sure enough."""
    model = reading.model
    limits = model.thresholds
    kept = []
    for cand in rules:
        if model.odds(prob, cand.type) >= limits.keep:
            cand.confidence = model.calibrated(model.score(prob, cand.type))
            cand.judged = judgement(model, prob, cand.type)
            kept.append(cand)
    best = max((c for c in prob if c != NONE), key=prob.__getitem__)
    if kept or prob[best] < limits.add or (not rules and word.i in reading.covered):
        return kept
    if rules:  # the rules found the arguments; the model corrects the type
        cand = rules[0]
        cand.type, cand.mode = best, None
        cand.confidence = model.calibrated(model.score(prob, best))
        cand.judged = judgement(model, prob, best) | {"retyped": 1.0}
        return [cand]
    sources, targets, _ = reading.parties(word, best)
    made = reading.make(word, best, sources, targets, model.calibrated(model.score(prob, best)))
    if made is None:
        return []
    made.judged = judgement(model, prob, best) | {"added": 1.0}
    return [made]


def judgement(model: EventModel, prob: dict[str, float], etype: str) -> dict[str, float]:
    """The type model's view of an event on its word: its probability of the type, its
    calibrated score, and its probability that the word states no event."""
    score = model.score(prob, etype)
    return {"p": float(prob[etype]), "score": model.calibrated(score), "none": float(prob[NONE])}
