"""How likely an event read is right: a logistic model over what the readers knew of it.

The type model's probability says how sure it is of a type on a word; whether the event is
right also depends on its parties (a target found or not, several sources), on how it was read
(kept from the rules, retyped or added by the model, implied by another event), on its stance
and its type. `actorgraph train` fits this model on coded articles the readers were not trained
on, one example per source-target pair an event gives; its probability that the pair is right
is the event's confidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from actorgraph.events.linear import Features, LinearModel

if TYPE_CHECKING:
    from actorgraph.events.candidate import Candidate

RIGHT, WRONG = "right", "wrong"
FLOOR, CEILING = 0.01, 0.99  # a confidence is never certainty either way


def features(cand: Candidate) -> Features:
    """What is known of an event when it is read: the learned reader's judgement of its word
    (none when the model does not read such words), how it was read, its parties and stance."""
    row: Features = {
        f"type={cand.type}": 1.0,
        f"how={cand.how.removeprefix('derived-')}": 1.0,
        f"factuality={cand.stance.factuality}": 1.0,
        f"pos={cand.trigger.pos_}": 1.0,
        "judged": float(bool(cand.judged)),
        "derived": float(cand.derived),
        "target": float(bool(cand.targets)),
        "sources>1": float(len(cand.sources) > 1),
        "targets>1": float(len(cand.targets) > 1),
        "mutual": float(cand.mutual),
        "speaker": float(cand.speaker is not None),
    }
    row.update(cand.judged)
    return row


def of(model: LinearModel, cand: Candidate) -> float:
    """The probability that an event so read is right, kept off 0 and 1."""
    probs = model.probabilities([features(cand)])[0]
    right = float(probs[model.classes.index(RIGHT)])
    return round(min(max(right, FLOOR), CEILING), 3)
