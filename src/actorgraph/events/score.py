"""Scoring events sentence by sentence against coded articles.

A predicted interaction is right when the sentence it was read from has a coded event of its
type between the same actors (either direction for the symmetric types). Actors match as in
the PLOVER benchmark: by name (a shared word of their names that is not a generic one such as
"government" or "forces"), or, for a country and its state bodies and forces, by country.
Type recall counts coded events whose type was read in their sentence at all; full recall
those found with both actors; sentences coded with no event count against every event read
in them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from actorgraph.evaluate import PRF, GoldActor
from actorgraph.events.coded import CodedArticle, CodedEvent
from actorgraph.model import Actor, Relation
from actorgraph.vocab import PLOVER_TYPES, SYMMETRIC_TYPES

Key = tuple[str, frozenset[str], frozenset[str] | None]
STATE_TYPES = frozenset({"Country", "GovernmentBody", "MilitaryForce"})
# Words too general to tie two actor names together.
GENERIC = frozenset({
    "the", "and", "of", "in", "for", "on", "a", "an", "its", "his", "her", "their", "to",
    "president", "minister", "prime", "government", "forces", "force", "officials", "official",
    "leader", "leaders", "army", "military", "police", "troops", "soldiers", "rebels", "group",
    "groups", "party", "foreign", "defence", "defense", "secretary", "general", "state", "people",
    "national", "council", "authorities", "security", "united", "republic", "democratic", "new",
    "senior", "top", "former", "chief", "vice", "deputy", "ministry", "court", "side", "sides",
})  # fmt: skip


def name_words(text: str) -> set[str]:
    """The words of a name that can tie it to another ("U.S." reads "us")."""
    text = re.sub(r"(?<=\b[A-Za-z])\.", "", text)
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in GENERIC and len(w) > 1}


def words_match(a: str, b: str) -> bool:
    """Two name words are one: equal, or one of four letters or more begins the other
    ("Israel" ~ "Israeli")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short)


def gold_keys(actor: Actor, gold: Sequence[GoldActor]) -> frozenset[str]:
    """The coded actors an extracted actor may stand for: by a shared name word, or as a
    state actor of the same country."""
    mine = {w for n in (actor.label, *actor.aliases, *(m.text for m in actor.mentions))
            for w in name_words(n)}  # fmt: skip
    keys = set()
    for g in gold:
        theirs = {w for n in (g.name, *g.aliases) for w in name_words(n)}
        same_state = (
            g.type in STATE_TYPES and actor.type in STATE_TYPES
            and g.country is not None and g.country == actor.country
        )  # fmt: skip
        if same_state or any(words_match(a, b) for a in mine for b in theirs):
            keys.add(g.key)
    return frozenset(keys)


@dataclass
class SentenceScore:
    """Counts over coded sentences: events, their types, and what was read."""

    events: int = 0
    type_found: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    scored: list[tuple[float, bool]] = field(default_factory=list)  # confidence, right

    @property
    def type_recall(self) -> float:
        return self.type_found / self.events if self.events else 0.0

    @property
    def prf(self) -> PRF:
        return PRF(self.correct, self.predicted, self.found, self.events)

    def add(self, other: SentenceScore) -> None:
        self.events += other.events
        self.type_found += other.type_found
        self.found += other.found
        self.predicted += other.predicted
        self.correct += other.correct
        self.scored += other.scored

    def line(self) -> str:
        prf = self.prf
        return (
            f"type recall {self.type_recall:.2f}  full recall {prf.recall:.2f}  "
            f"precision {prf.precision:.2f}  F1 {prf.f1:.2f}  "
            f"({self.events} coded events, {self.predicted} read)"
        )


def matches(event: CodedEvent, key: Key) -> bool:
    """Whether a predicted (type, source keys, target keys) is the coded event."""
    etype, source, target = key
    if etype not in event.types:
        return False
    if _side(source, event.sources) and _side(target, event.targets):
        return True
    return (
        etype in SYMMETRIC_TYPES
        and target is not None
        and _side(target, event.sources)
        and _side(source, event.targets)
    )


def _side(keys: frozenset[str] | None, coded: tuple[str | None, ...]) -> bool:
    if keys is None:
        return None in coded
    return any(k in keys for k in coded if k is not None)


def score(
    article: CodedArticle, actors: Sequence[Actor], relations: Iterable[Relation]
) -> SentenceScore:
    """How the interactions read from one article compare with its coded sentences."""
    keys_of = {a.id: gold_keys(a, article.gold.actors) for a in actors}
    read: dict[int, dict[Key, float]] = {}
    for rel in relations:
        if rel.type not in PLOVER_TYPES:
            continue
        sentence = article.sentence_at(rel.evidence.start, rel.evidence.end)
        if sentence is None:
            continue
        target = keys_of.get(rel.target, frozenset()) if rel.target else None
        key: Key = (rel.type, keys_of.get(rel.source, frozenset()), target)
        keys = read.setdefault(sentence.n, {})
        keys[key] = max(keys.get(key, 0.0), rel.confidence)
    result = SentenceScore()
    for sentence in article.sentences:
        keys = read.get(sentence.n, {})
        types = {k[0] for k in keys}
        result.events += len(sentence.events)
        result.type_found += sum(any(t in types for t in e.types) for e in sentence.events)
        result.found += sum(any(matches(e, k) for k in keys) for e in sentence.events)
        for key, confidence in keys.items():
            right = any(matches(e, key) for e in sentence.events)
            result.predicted += 1
            result.correct += right
            result.scored.append((confidence, right))
    return result


def precision_above(scored: list[tuple[float, bool]], floor: float) -> tuple[float, int]:
    """The precision of the events read with a confidence of `floor` or more, and how many."""
    kept = [right for confidence, right in scored if confidence >= floor]
    return (sum(kept) / len(kept) if kept else 0.0), len(kept)
