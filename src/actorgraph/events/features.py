"""What the learned event reader sees of a word: the word, its arguments and the clause around it.

Each predicate (a verb, or a noun that can name an event) becomes a sparse mapping of feature
names to values: its lemma and part of speech, the words and actor types of its subject,
object and prepositional phrases, negation, modality and voice, the word that governs it
("threatened to strike"), nearby content words, the event types the rules read on it, and
the static vector of its lemma (`vectors.py`), so that words unseen in training read like
words of like meaning.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from actorgraph.events import vectors
from actorgraph.model import ActorIndex

Features = dict[str, float]

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECTS = frozenset({"dobj", "attr", "oprd", "dative"})
MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
CONTENT = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "ADV"})
WINDOW = 3


def predicates(sent: Span, nouns: Iterable[str]) -> list[Token]:
    """The words of a sentence that may state an event: its verbs, and the nouns among
    `nouns` (lemmas known to name events)."""
    known = frozenset(nouns)
    found = []
    for token in sent:
        if token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.dep_ != "aux"):
            if token.dep_ not in ("aux", "auxpass"):
                found.append(token)
        elif token.pos_ == "NOUN" and lemma(token) in known:
            found.append(token)
    return found


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def features(token: Token, index: ActorIndex, rule_types: Iterable[str] = ()) -> Features:
    """The features of one predicate in its sentence."""
    word = lemma(token)
    out: Features = {
        f"w={word}": 1.0,
        f"w={word}|{token.pos_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"tag={token.tag_}": 1.0,
    }
    for child in token.children:
        out.update(_child(word, child, index))
    out.update(_governor(token))
    out.update(_window(token))
    out.update(_meaning(word))
    rules = sorted(set(rule_types))
    for etype in rules:
        out[f"rule={etype}"] = 1.0
        out[f"rule={etype}|w={word}"] = 1.0
    if not rules:
        out["rule=none"] = 1.0
    return out


def _child(word: str, child: Token, index: ActorIndex) -> Features:
    dep, other = child.dep_, lemma(child)
    out: Features = {}
    if dep == "prt":
        out[f"prt={word} {other}"] = 1.0
    elif dep in OBJECTS:
        out[f"obj={other}"] = 1.0
        out[f"w+obj={word} {other}"] = 1.0
        out[f"obj_actor={_actor_type(child, index)}"] = 1.0
    elif dep in SUBJECTS or dep == "agent":
        subject = _pobj(child) if dep == "agent" else child
        if subject is not None:
            out[f"subj={lemma(subject) if subject.pos_ != 'PROPN' else 'NAME'}"] = 1.0
            out[f"subj_actor={_actor_type(subject, index)}"] = 1.0
        if dep == "nsubjpass" or dep == "agent":
            out["passive"] = 1.0
    elif dep == "prep":
        out[f"prep={other}"] = 1.0
        out[f"w+prep={word} {other}"] = 1.0
        pobj = _pobj(child)
        if pobj is not None:
            out[f"prep+obj={other} {lemma(pobj) if pobj.pos_ != 'PROPN' else 'NAME'}"] = 1.0
            out[f"prep_actor={other} {_actor_type(pobj, index)}"] = 1.0
    elif dep == "neg":
        out["neg"] = 1.0
    elif dep == "aux" and child.tag_ == "MD":
        out[f"modal={other}"] = 1.0
    elif dep == "auxpass":
        out["passive"] = 1.0
    elif dep in ("xcomp", "ccomp"):
        out[f"{dep}={other}"] = 1.0
    elif dep in MODIFIERS:
        out[f"mod={other if child.pos_ != 'PROPN' else 'NAME'}"] = 1.0
        out[f"mod_actor={_actor_type(child, index)}"] = 1.0
    return out


def _governor(token: Token) -> Features:
    head = token.head
    if head.i == token.i:
        return {"root": 1.0}
    if token.dep_ == "pobj" and head.dep_ == "prep":
        return {f"gov_prep={lemma(head)}": 1.0, f"gov={lemma(head.head)}": 1.0}
    return {f"gov={lemma(head)}": 1.0, f"gov_dep={token.dep_} {lemma(head)}": 1.0}


def _window(token: Token) -> Features:
    doc = token.doc
    sent = token.sent
    lo, hi = max(sent.start, token.i - WINDOW), min(sent.end, token.i + WINDOW + 1)
    return {
        f"ctx={lemma(doc[i])}": 0.5
        for i in range(lo, hi)
        if i != token.i and doc[i].pos_ in CONTENT
    }


def _meaning(word: str) -> Features:
    """The static vector of a lemma as features (none when no vectors ship or it has none)."""
    shipped = vectors.shipped()
    found = shipped.vector(word) if shipped is not None else None
    return {} if found is None else {f"vec{k}": float(v) for k, v in enumerate(found)}


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _actor_type(token: Token, index: ActorIndex) -> str:
    """The type of the actor a phrase names (its head first, then its other words)."""
    actor = index.actor_at(token.i)
    if actor is None:
        actor = next((a for t in token.subtree if (a := index.actor_at(t.i)) is not None), None)
    return actor.type if actor is not None else "none"
