"""An event found in a sentence, before its stance, date and pairing into relations."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from actorgraph import statements
from actorgraph.model import Actor


@dataclass
class Candidate:
    """An event found in a sentence, before factuality, dates and pairing."""

    trigger: Token  # the word whose clause carries the event (verb, or noun when nominal)
    type: str
    mode: str | None
    sources: list[Actor]
    targets: list[Actor]
    confidence: float
    how: str
    complement: Token | None = None  # the clause a control verb governs ("threatened to X")
    derived: bool = False
    stance: statements.Stance = field(default_factory=statements.Stance)
    speaker: str | None = None  # IRI of the actor the event is attributed to
    mutual: bool = False  # several sources and no target: each towards each other
    apart: bool = False  # "X and Y signed separate deals": each acts on its own, not together
    judged: dict[str, float] = field(default_factory=dict)  # the learned reader's view of it
