"""Statements: who says an event happened, and whether the text asserts it.

For an event's trigger word (its verb or noun) this stage reads the clauses above it in the
dependency parse: a reporting verb ("X said", "according to X", "X was quoted as claiming")
attributes the event to its speaker; negation, modals, conditions, plans, fears, claims and
denials set its factuality (asserted, reported, future, hypothetical, negated). The cue words
are general English, kept in data/lexicon/cues.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from actorgraph import syntax
from actorgraph.resources import lexicon_dir, read_yaml

# Strongest first: a negated event stays negated whatever else is said about it.
PRECEDENCE = ("negated", "hypothetical", "future", "reported", "asserted")
_RANK = {value: i for i, value in enumerate(PRECEDENCE)}

# Dependencies that lead from a clause (or an event noun) up to the clause that embeds it.
_CLAUSAL = {"ccomp", "xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "parataxis", "csubj",
            "csubjpass", "oprd", "dep"}  # fmt: skip
_NOMINAL = {"dobj", "nsubjpass", "nsubj", "pobj", "attr", "appos", "dative", "compound", "npadvmod"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
# Verbs whose object does what their "of"/"for"/"from" phrase says ("accused X of attacking").
ACCUSING = frozenset({"accuse", "blame", "charge", "suspect", "condemn", "criticise", "criticize",
                      "praise", "thank", "prevent", "stop", "ban", "bar", "deter", "discourage",
                      "prohibit", "punish", "sue", "convict", "arrest", "detain", "fine",
                      "commend", "congratulate", "reward", "forgive", "pardon"})  # fmt: skip
# Verbs that keep an act from happening ("prevented X from leaving", "refrained from firing").
PREVENTING = frozenset({"prevent", "stop", "bar", "ban", "block", "prohibit", "forbid", "deter",
                        "keep", "restrain", "dissuade", "refrain", "abstain"})  # fmt: skip
# Verbs whose object is the subject of their infinitive ("urged X to leave").
OBJECT_CONTROL = frozenset({"urge", "ask", "order", "force", "persuade", "tell", "call", "allow",
                            "permit", "invite", "encourage", "compel", "require", "press",
                            "want", "expect", "instruct", "direct", "help", "enable", "pressure",
                            "pressurise", "pressurize", "push", "authorise", "authorize",
                            "forbid", "warn", "caution", "advise", "lead", "get",
                            "cause", "let"})  # fmt: skip


@dataclass(frozen=True)
class Cues:
    """The factuality and attribution cue lexicon (see data/lexicon/cues.yaml)."""

    speech: dict[str, str]
    claim_nouns: dict[str, str]
    falsehood: frozenset[str]
    modal: dict[str, str]
    control: dict[str, str]
    condition: frozenset[str]
    reported_adverbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    negation: frozenset[str]
    allegation_verbs: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> Cues:
        """Read a cue lexicon from YAML."""
        data = read_yaml(path)
        _check_words(path, data)
        return cls(
            speech=dict(data["speech"]),
            claim_nouns=dict(data["claim_nouns"]),
            falsehood=frozenset(data["falsehood"]),
            modal=dict(data["modal"]),
            control=dict(data["control"]),
            condition=frozenset(data["condition"]),
            reported_adverbs=frozenset(data["reported_adverbs"]),
            hedge_adverbs=frozenset(data["hedge_adverbs"]),
            negation=frozenset(data["negation"]),
            allegation_verbs=frozenset(data["allegation_verbs"]),
        )


def _check_words(path: Path, data: object) -> None:
    """Refuse a cue file where YAML turned a word into a boolean (a bare no, false, on)."""
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    for value in values:
        if isinstance(value, bool):
            raise ValueError(f"{path}: the word {str(value).lower()!r} must be quoted")
        if isinstance(value, (dict, list)):
            _check_words(path, value)


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The shipped cue lexicon, read once."""
    return Cues.load(lexicon_dir() / "cues.yaml")


@dataclass(frozen=True)
class Stance:
    """What the text commits to about one event.

    `speaker` is the head token of whoever the event is attributed to (None when the text
    itself asserts it); `modal` the modal verb on the event ("will", "would", "must"...);
    `conditional` whether the event sits in an if/unless clause; `cue` the word that decided.
    """

    factuality: str = "asserted"
    speaker: Token | None = None
    modal: str | None = None
    conditional: bool = False
    cue: str | None = None


def assess(trigger: Token, lexicon: Cues | None = None, own_conditions: bool = True) -> Stance:
    """The factuality and speaker of the event expressed by `trigger`. With `own_conditions`
    false, a condition on the trigger itself is left out: "X warned Y of reprisals if Y
    went on" is a warning made, its condition part of what is said."""
    lex = lexicon or cues()
    factuality, cue = "asserted", None
    speaker: Token | None = None
    modal = _modal(trigger, lex)
    conditional = False

    relative = False  # above a relative clause, which a denial of its head does not deny

    def stronger(value: str, word: str) -> None:
        nonlocal factuality, cue
        if value == "negated" and relative:
            return  # "rejected talks with X, whom he accused of ...": the accusation stands
        if _RANK[value] < _RANK[factuality]:
            factuality, cue = value, word

    if _negated(trigger, lex):
        stronger("negated", "not")
    if trigger.dep_ in ("conj", "ROOT", "parataxis") and syntax.infinitive(trigger):
        stronger("hypothetical", "to")  # an infinitive the parser left ungoverned: not done
    backshifted = False
    if own_conditions and any(_is_condition(child, lex) for child in trigger.children):
        conditional = True  # "would attack if provoked": the event hangs on the condition
        stronger("hypothetical", "if")
    for adv in _adverbs(trigger):
        if adv in lex.reported_adverbs:
            stronger("reported", adv)
        elif adv in lex.hedge_adverbs:
            stronger("hypothetical", adv)

    for child, head in _ancestors(trigger):
        relative = relative or (
            child.dep_ == "relcl" and any(g.tag_ in ("WDT", "WP", "WP$") for g in child.children)
        )
        if _is_condition(child, lex):
            conditional = True
            stronger("hypothetical", "if")
        if child.dep_ == "advcl" and syntax.infinitive(child):
            stronger("hypothetical", "to")  # a purpose: "fired to disperse" is intended
        if child.dep_ == "acl" and syntax.infinitive(child):
            if lex.claim_nouns.get(head.lemma_.lower()) != "asserted":
                stronger("hypothetical", "to-noun")  # "the right to fire", "a plan to leave"
            if any(g.dep_ == "det" and g.lower_ == "no" for g in head.children):
                stronger("negated", "no")  # "has no plans to attack", "no intention to leave"
        if (
            child.dep_ == "prep"
            and child.lower_ in ("for", "of", "over", "with")
            and head.lemma_.lower() in lex.allegation_verbs
        ):
            stronger("hypothetical", head.lemma_.lower())  # "arrested for spying": alleged
        lemma = head.lemma_.lower()
        if (
            child.dep_ == "prep"
            and child.lower_ in ("against", "from")
            and any(g.dep_ == "pcomp" for g in child.children)
        ):
            if lemma in PREVENTING:
                stronger("negated", lemma)  # "barred X from entering", "refrained from firing"
            elif lemma in lex.control:
                stronger(lex.control[lemma], lemma)  # "warned X against sending troops"
        if child.dep_ == "ccomp" and child.lemma_ != "be" and _false_claim(head, lex):
            stronger("negated", "falsehood")  # "claims that X ... are lies", claims as a verb
            continue
        if head.pos_ in ("VERB", "AUX") or head.tag_.startswith("VB"):
            value = _verb_cue(child, head, lemma, lex)
            if value is not None:
                # whoever plans or prepares an act ("X planned an attack", "X plans to
                # strike") is its doer, not someone reporting it
                agentive = child.dep_ in ("xcomp", "dobj", "nsubjpass") and value != "reported"
                if speaker is None and lemma in lex.speech and not agentive:
                    speaker = speaker_of(head)
                if value == "reported" and head.tag_ == "VBD":
                    backshifted = True  # "said it would ...": the "will" of the speaker
                if value == "falsehood":  # "claims that X ... are lies": X is denied
                    stronger("negated", "falsehood")
                else:
                    stronger(value, lemma)
            if child.dep_ == "ccomp" and lemma not in lex.speech:
                for obj in head.children:  # "renewed its demand today that X ...": the demand
                    if obj.dep_ == "dobj" and obj.lemma_.lower() in lex.claim_nouns:
                        stronger(lex.claim_nouns[obj.lemma_.lower()], obj.lemma_.lower())
            if child.dep_ == "xcomp" and _negated(head, lex):
                stronger("negated", "not")
            if child.dep_ == "xcomp" and lemma in lex.control:
                stronger(lex.control[lemma], lemma)
            if child.dep_ in ("ccomp", "xcomp") and head.lemma_ == "be":
                for adj in head.children:
                    if adj.dep_ == "acomp" and adj.lemma_.lower() in lex.control:
                        stronger(lex.control[adj.lemma_.lower()], adj.lemma_.lower())
        elif head.pos_ in ("NOUN", "PROPN") and lemma in lex.claim_nouns:
            if child.dep_ in ("acl", "ccomp", "relcl", "pobj", "prep", "appos"):
                stronger(lex.claim_nouns[lemma], lemma)
        elif head.pos_ == "ADJ" and lemma in lex.control and child.dep_ == "xcomp":
            stronger(lex.control[lemma], lemma)

    if modal:
        backshift = modal == "would" and backshifted and not conditional
        stronger("future" if backshift else lex.modal[modal], modal)
    according = according_to(trigger)
    if according is not None:
        if speaker is None:
            speaker = according
        stronger("reported", "according to")
    return Stance(factuality, speaker, modal, conditional, cue)


def speaker_of(verb: Token) -> Token | None:
    """Who speaks through a reporting verb: its subject, or its agent ("was told by X"),
    or the person quoted ("X was quoted as saying")."""
    if verb.lemma_.lower() == "quote":
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive:
            return passive[0]
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None  # "X is expected to ...": X is not the one who expects
    inherited = clause_subject(verb)
    return inherited[0] if inherited else None


def clause_subject(verb: Token) -> list[Token]:
    """The subject tokens of a verb, inherited through infinitives, participles and
    coordination ("X agreed to meet", "X met Y and signed", "X fired, killing ...")."""
    seen = 0
    current = verb
    came_by = ""
    while seen < 6:
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and current.dep_ == "relcl" and subjects[0].tag_ in ("WP", "WDT"):
            return [current.head]  # "Shoigu, who travelled to Minsk": Shoigu
        if subjects and subjects[0].dep_ == "nsubjpass" and came_by == "advcl":
            # "X was attacked, killing ...": the killer is the attacker, not X
            return [g for c in current.children if c.dep_ == "agent" for g in c.children
                    if g.dep_ == "pobj"]  # fmt: skip
        if subjects:
            return subjects
        governor = current.head.head
        if (
            current.dep_ == "pcomp"
            and governor.i != current.head.i
            and current.head.lower_ in ("of", "for", "from", "into", "with", "against")
            and governor.lemma_.lower() in OBJECT_CONTROL | ACCUSING
        ):
            objects = [c for c in governor.children if c.dep_ == "dobj"]
            if objects:  # "accused X of attacking"
                return objects
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in OBJECT_CONTROL:
            objects = [c for c in current.head.children if c.dep_ == "dobj"]
            objects = objects or [  # "called on X to leave"
                g
                for c in current.head.children
                if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if objects:  # object control: "urged X to leave"
                return objects
        deadline = syntax.deadline_given(current.head)
        if deadline is not None and deadline[1].i == current.i:
            return [deadline[0]]  # "gave X a week to leave": X is to leave
        if syntax.passive_participle(current):
            return []  # "refugees ordered out": the noun is the patient
        if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN"):
            return [current.head]
        if current.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "acl", "acomp") or (
            current.head.i == current.i
        ):
            return []
        came_by = current.dep_
        if current.dep_ == "pcomp":
            current = current.head  # the preposition
        current = current.head
        seen += 1
    return []


def according_to(token: Token) -> Token | None:
    """The X of an "according to X" phrase attached to the sentence of `token`."""
    sent = token.sent
    for tok in sent:
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    objects = [g for g in to.children if g.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    return None


def is_falsehood(claim: Token, lexicon: Cues | None = None) -> bool:
    """True when the text calls a claim false ("claims that ... are fabrications")."""
    lex = lexicon or cues()
    head = claim.head
    if claim.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be":
        return any(
            c.dep_ in ("attr", "acomp") and _mentions(c, lex.falsehood) for c in head.children
        )
    return False


def _false_claim(head: Token, lex: Cues) -> bool:
    """A claim noun the tagger took for a verb, whose predicate calls it false: in "claims
    that X ... are fabrications", "claims" gets "that X" and "are fabrications" as two
    clauses, the second one with no subject."""
    if head.lemma_.lower() not in lex.claim_nouns or head.pos_ not in ("VERB", "AUX"):
        return False
    return any(
        c.dep_ == "ccomp"
        and c.lemma_ == "be"
        and not any(g.dep_ in SUBJECTS for g in c.children)
        and any(g.dep_ in ("attr", "acomp") and _mentions(g, lex.falsehood) for g in c.children)
        for c in head.children
    )


def _mentions(token: Token, words: frozenset[str]) -> bool:
    return any(t.lemma_.lower() in words or t.lower_ in words for t in token.subtree)


def _ancestors(trigger: Token) -> Iterator[tuple[Token, Token]]:
    """(child, head) pairs from the trigger up to its sentence root through embedding links."""
    child = trigger
    for _ in range(12):
        head = child.head
        if head.i == child.i:
            return
        if child.dep_ not in _CLAUSAL | _NOMINAL | {"prep", "mark", "advmod", "aux"}:
            return
        yield child, head
        child = head


def _verb_cue(child: Token, head: Token, lemma: str, lex: Cues) -> str | None:
    """The factuality a verb gives to the clause or noun below it, if it gives any."""
    if child.dep_ == "prep" and child.lower_ not in ("of", "for", "about", "over", "with"):
        return None
    if lemma in lex.speech and child.dep_ in (
        "ccomp",
        "parataxis",
        "xcomp",
        "advcl",
        "dobj",
        "nsubjpass",
        "csubjpass",
        "conj",
        "dep",
        "prep",
    ):
        if child.dep_ == "conj":
            return None
        if child.dep_ == "advcl" and any(g.dep_ == "mark" for g in child.children):
            return None  # "said X after Y attacked": a time clause, not what was said
        value = lex.speech[lemma]
        if child.dep_ in ("dobj", "nsubjpass") and value == "reported":
            return None  # "reported the attack" asserts it as much as the text does
        if value == "reported" and child.dep_ == "ccomp" and _negated(head, lex):
            return None  # "did not say that" says nothing about the event
        if child.dep_ == "ccomp" and child.i < head.i and not _has_subject(head):
            return None  # "X accused Y of Z, a charge W denied": misparsed, W denies Z only
        if child.dep_ == "ccomp" and lemma in ("deny", "reject", "dismiss"):
            return "negated"
        return value
    if child.dep_ == "nsubj" and lemma == "be" and is_falsehood(child, lex):
        return "falsehood"
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in verb.children)


def _negated(token: Token, lex: Cues) -> bool:
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("det", "preconj") and child.lower_ in ("no", "neither"):
            return True  # "no talks", "neither accepts nor recognises"
        if child.dep_ == "cc" and child.lower_ == "nor":
            return True
    joined = token.head if token.dep_ == "conj" else None  # "... nor recognises"
    return joined is not None and any(c.dep_ == "cc" and c.lower_ == "nor" for c in joined.children)


def _modal(token: Token, lex: Cues) -> str | None:
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in lex.modal:
            return child.lower_
        if child.dep_ == "aux" and child.lower_ == "wo":  # "won't"
            return "will"
    if token.dep_ in ("conj",) and token.head.i != token.i:
        return _modal(token.head, lex)
    return None


def _adverbs(token: Token) -> list[str]:
    return [c.lower_ for c in token.children if c.dep_ == "advmod"]


def is_condition(child: Token, lexicon: Cues | None = None) -> bool:
    """True when a clause is a condition on its head ("if X attacks", "unless X leaves")."""
    return _is_condition(child, lexicon or cues())


def _is_condition(child: Token, lex: Cues) -> bool:
    return child.dep_ == "advcl" and any(
        g.dep_ == "mark" and g.lower_ in lex.condition for g in child.children
    )
