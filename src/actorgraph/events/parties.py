"""The learned reader of an event's parties: which actor of its sentence does it (source) and
which it is done to (target).

Every actor with a mention in the event's sentence (a name, a title, a pronoun resolved to
it) is a candidate; it is scored from the dependency path between the event's word and its
mention ("subject of the verb", "object of 'against' below the noun", "subject of the
'said' above"), its place before or after the word, its actor type and the event's type. The
path generalises over words: a new verb's subject is read as an old verb's was.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from actorgraph.events.lexicon import RELATIONAL
from actorgraph.events.linear import Features, LinearModel
from actorgraph.model import Actor, ActorIndex

SOURCE, TARGET, NONE = "source", "target", "none"
MAX_PATH = 5
TARGET_FLOOR = 0.5  # how likely an actor must be the target to complete an event (tuned on dev)
SPEECH = frozenset({"say", "tell", "state", "claim", "announce", "report", "add", "note",
                    "warn", "insist", "argue", "write", "declare"})  # fmt: skip


@dataclass(frozen=True)
class Mentioned:
    """An actor of the sentence and the mention of it nearest the event's word."""

    actor: Actor
    mention: Token


def candidates(sent: Span, index: ActorIndex, word: Token) -> list[Mentioned]:
    """The actors mentioned in a sentence, each at its mention nearest (in the parse) to
    `word`; the word itself is no mention of its own parties."""
    heads: dict[str, list[Token]] = {}
    for token in sent:
        actor_id = index.by_token.get(token.i)
        if actor_id is None or token.i == word.i:
            continue
        if index.by_token.get(token.head.i) == actor_id and token.head.i != token.i:
            continue  # not the head of its mention
        heads.setdefault(actor_id, []).append(token)
    found = []
    for actor_id, tokens in heads.items():
        actor = index.get(actor_id)
        if actor is not None:
            best = min(tokens, key=lambda t: (len(path(word, t)), abs(t.i - word.i)))
            found.append(Mentioned(actor, best))
    return found


def path(word: Token, mention: Token) -> list[str]:
    """The dependency path from `word` up to the lowest common head and down to `mention`:
    "^dobj" climbs an object link, "v nsubj" descends a subject link; prepositions carry their
    word ("v prep:against")."""
    up, down = _ancestors(word), _ancestors(mention)
    common = next((t for t in up if t in set(down)), None)
    if common is None:
        return ["far"]
    steps = [f"^{_label(t)}" for t in up[: up.index(common)]]
    steps += [f"v{_label(t)}" for t in reversed(down[: down.index(common)])]
    return steps


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 12:
        chain.append(chain[-1].head)
    return chain


def _label(token: Token) -> str:
    return f"prep:{token.lower_}" if token.dep_ in ("prep", "agent") else token.dep_


def features(word: Token, etype: str, candidate: Mentioned) -> Features:
    """What the party reader sees of one candidate for one event."""
    steps = path(word, candidate.mention)
    route = "/".join(steps) if len(steps) <= MAX_PATH else "long"
    side = "before" if candidate.mention.i < word.i else "after"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in word.children)
    pronoun = candidate.mention.pos_ == "PRON"
    out: Features = {
        f"path={route}": 1.0,
        f"path|type={route}|{etype}": 1.0,
        f"path|pos={route}|{word.pos_}": 1.0,
        f"first={steps[0] if steps else 'self'}": 1.0,
        f"last={steps[-1] if steps else 'self'}": 1.0,
        f"len={min(len(steps), 6)}": 1.0,
        f"side={side}": 1.0,
        f"side|type={side}|{etype}": 1.0,
        f"actor={candidate.actor.type}": 1.0,
        f"actor|type={candidate.actor.type}|{etype}": 1.0,
        f"pronoun={pronoun}": 1.0,
    }
    if passive:
        out[f"passive|path={route}"] = 1.0
    if any(_speaks(t) for t in _ancestors(word)[1:4]):
        out[f"under_speech|path={route}"] = 1.0
    return out


def _speaks(token: Token) -> bool:
    return token.lemma_.lower() in SPEECH


def choose(
    model: LinearModel, word: Token, etype: str, found: list[Mentioned], floor: float
) -> tuple[list[Actor], list[Actor], float]:
    """The source and target the model reads for an event (each the likeliest candidate, when
    at least `floor` likely), and the source's probability."""
    if not found:
        return [], [], 0.0
    probs = model.probabilities([features(word, etype, c) for c in found])
    col = {c: i for i, c in enumerate(model.classes)}
    for i, c in enumerate(found):
        if not _may_do(word, etype, c):
            probs[i, col[SOURCE]] = 0.0
    src = int(probs[:, col[SOURCE]].argmax())
    source_p = float(probs[src, col[SOURCE]])
    if source_p < floor:
        return [], [], source_p
    rest = [i for i in range(len(found)) if i != src]
    targets = []
    if rest:
        tgt = max(rest, key=lambda i: probs[i, col[TARGET]])
        if probs[tgt, col[TARGET]] >= floor:
            targets = [found[tgt].actor]
    return [found[src].actor], targets, source_p


def _may_do(word: Token, etype: str, candidate: Mentioned) -> bool:
    """Whether a candidate may be the doer: the subject of a passive is what is done to
    ("two reporters were detained": no source rather than the reporters), except troops
    moved or pulled back ("troops were deployed", "forces were withdrawn")."""
    subjects = [c for c in word.children if c.dep_ == "nsubjpass"]
    if word.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in word.children):
        subjects += [c for c in word.head.children if c.dep_ == "nsubjpass"]  # "held and beaten"
    if _named_by_relation(candidate.mention):
        return False
    inside = any(s.left_edge.i <= candidate.mention.i <= s.right_edge.i for s in subjects)
    if not inside or etype == "MOBILIZE":
        return True
    return etype == "RETREAT" and candidate.actor.type == "MilitaryForce"


def _named_by_relation(mention: Token) -> bool:
    """Whether an actor is named only as whom others stand in relation to ("supporters of
    X", "X's opponents", "relatives of X"): those others act, not X."""
    head = mention.head
    if mention.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    elif mention.dep_ != "poss":
        return False
    return head.lemma_.lower() in RELATIONAL


def complete(
    model: LinearModel,
    sent: Span,
    index: ActorIndex,
    word: Token,
    etype: str,
    sources: list[Actor],
    floor: float = TARGET_FLOOR,
) -> list[Actor]:
    """The target of an event read with its source but none done to ("gave an ultimatum to
    the militants", "offered support to X"): the actor of the sentence, other than its
    sources, a country's own bodies and the objects of the word's own prepositions (which
    the rules have read), the model finds likeliest to be the target, when at
    least `floor` likely."""
    own = {a.id for a in sources}
    countries = {a.country for a in sources if a.type == "Country" and a.country}
    found = [
        c
        for c in candidates(sent, index, word)
        if c.actor.id not in own
        and c.actor.country not in countries  # not its own bodies
        and not _own_phrase(word, c.mention)
    ]
    if not found:
        return []
    probs = model.probabilities([features(word, etype, c) for c in found])
    col = model.classes.index(TARGET)
    best = int(probs[:, col].argmax())
    return [found[best].actor] if probs[best, col] >= floor else []


def _own_phrase(word: Token, mention: Token) -> bool:
    """Whether a mention is the object of a preposition on the event's word itself ("signed
    for Britain"): the rules have read those and found no target there."""
    while mention.dep_ in ("compound", "amod", "poss", "nmod") and mention.head.i != mention.i:
        mention = mention.head
    return mention.dep_ == "pobj" and mention.head.head.i == word.i
