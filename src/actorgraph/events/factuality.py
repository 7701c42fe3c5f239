"""How the text presents each event and what saying it does: the stance and speaker of the
clauses above it, the threats, intentions and obligations a statement implies, and the aim of
a protest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from actorgraph import statements
from actorgraph.events.candidate import Candidate
from actorgraph.events.lexicon import (
    COOPERATIVE,
    DISTRIBUTIVE,
    INTENTION_CUES,
    REFUSING,
    THREAT_MODES,
    THREAT_MODES_BY_MODE,
    THREATENING,
)
from actorgraph.model import Actor

if TYPE_CHECKING:
    from actorgraph.events.rules import Finder


def without_speaker(stance: statements.Stance) -> statements.Stance:
    return statements.Stance(stance.factuality, None, stance.modal, stance.conditional, stance.cue)


def threat_modes(found: list[Candidate]) -> None:
    """A threat's mode is what it threatens: the event in its complement clause."""
    by_trigger = {c.trigger.i: c for c in found}
    for cand in found:
        if cand.type != "THREATEN" or cand.mode or cand.complement is None:
            continue
        inner = by_trigger.get(cand.complement.i)
        if inner is not None:
            cand.mode = THREAT_MODES_BY_MODE.get(inner.mode or "") or THREAT_MODES.get(inner.type)


def intentions(found: list[Candidate], finder: Finder) -> list[Candidate]:
    """Statements of intent the PLOVER manual codes as events of their own: a cooperative act
    announced for the future is AGREE, refused is REJECT, a harmful one is THREATEN; an
    obligation laid on another ("X said Y must withdraw") is REQUEST by the speaker."""
    governed = {c.complement.i for c in found if c.complement is not None}
    derived = []
    for cand in found:
        stance = cand.stance
        if cand.trigger.i in governed or cand.derived or cand.how == "hosted":
            continue
        speaker_actors = finder.actors_of(stance.speaker) if stance.speaker is not None else []
        own_word = not speaker_actors or speaks_for(speaker_actors, cand.sources)
        if stance.cue == "falsehood" and speaker_actors:
            extra = _derive(cand, "REJECT", speaker_actors, [])  # "X calls the claims lies"
            extra.stance = statements.Stance("asserted", None, None, False, "falsehood")
            derived.append(extra)
            continue
        intended = stance.modal in ("will", "would", "shall", "'ll") or stance.cue in INTENTION_CUES
        if stance.cue == "to" and cand.trigger.lemma_.lower() in ("sign", "ratify"):
            intended = True  # "travelled to X to sign a treaty": signing to come is AGREE
        new_type = None
        if stance.modal in ("must", "should") and speaker_actors and not own_word:
            derived.append(_derive(cand, "REQUEST", speaker_actors, cand.sources))
            continue
        if (
            own_word
            and cand.type == "AGREE"
            and stance.factuality == "negated"
            and stance.cue in REFUSING
        ):  # "does not accept the ruling", "neither accepts nor recognises it"
            derived.append(_derive(cand, "REJECT", cand.sources, cand.targets))
            continue
        if not own_word or not intended:
            continue
        if _has_condition(cand.trigger, "unless") and stance.factuality != "negated":
            new_type = "THREATEN"  # "will withdraw unless ...": an ultimatum
        elif stance.cue == "prepare" and cand.type == "ASSAULT" and stance.speaker is None:
            new_type = "MOBILIZE"  # preparing to strike: readiness, short of force
        elif stance.factuality == "negated" and cand.type in COOPERATIVE and stance.cue in REFUSING:
            new_type = "REJECT"
        elif stance.factuality in ("future", "hypothetical") and cand.type in COOPERATIVE:
            new_type = "AGREE"  # an offer, conditional or not
        elif (
            stance.factuality in ("future", "hypothetical")
            and cand.type in THREATENING
            and stance.cue != "to"  # a purpose is no threat: "marched to protest"
        ):
            new_type = "THREATEN"
        if new_type is not None and (cand.type != new_type or new_type == "AGREE"):
            # a cooperative act announced is an AGREE made, even when the act is agreeing
            extra = _derive(cand, new_type, cand.sources, cand.targets)
            if new_type == "THREATEN":
                extra.mode = THREAT_MODES_BY_MODE.get(cand.mode or "") or THREAT_MODES.get(
                    cand.type
                )
            derived.append(extra)
    return derived


def speaks_for(speakers: list[Actor], sources: list[Actor]) -> bool:
    """Whether the speaker is the source, or speaks for it (a leader for their country)."""
    ids = {a.id for a in sources}
    countries = {a.country for a in sources if a.country}
    return any(s.id in ids or (s.country and s.country in countries) for s in speakers)


def _has_condition(trigger: Token, word: str) -> bool:
    return any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == word for g in c.children)
        for c in trigger.children
    )


def obligations(sent: Span, finder: Finder, found: list[Candidate]) -> list[Candidate]:
    """ "X said Y must do Z": a demand by X on Y (REQUEST), whatever Z is."""
    speech = statements.cues().speech
    done = {(c.trigger.i, c.type) for c in found}
    out = []
    for verb in sent:
        if speech.get(verb.lemma_.lower()) != "reported":
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp" or (clause.i, "REQUEST") in done:
                continue
            if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in clause.children):
                continue
            speaker = statements.speaker_of(verb)
            sources = finder.actors_of(speaker) if speaker is not None else []
            targets = [a for s in statements.clause_subject(clause) for a in finder.actors_of(s)]
            targets = [t for t in targets if t not in sources]
            if sources and targets:
                cand = Candidate(clause, "REQUEST", None, sources, targets, 0.6, "obligation")
                cand.derived = True
                cand.stance = statements.Stance("asserted", None, None, False, "obligation")
                out.append(cand)
    return out


def protest_targets(found: list[Candidate], finder: Finder) -> None:
    """A protest held "to demand X of Y", "calling on Y to ..." or "in protest at Y's
    decision" is aimed at Y, rather than at the place it is held in."""
    by_trigger = {c.trigger.i: c for c in found}
    for cand in found:
        if cand.type != "PROTEST" or finder._prep_actors(cand.trigger, ("against",)):
            continue
        if any(c.dep_ == "dobj" and finder.actors_of(c) for c in cand.trigger.children):
            continue  # "blockaded the capital": the one blockaded
        aims = _protest_aim(cand.trigger, finder)
        objects = [c for c in cand.trigger.children if c.dep_ == "dobj"]  # "staged protests to"
        for child in [*cand.trigger.children, *(g for o in objects for g in o.children)]:
            inner = by_trigger.get(child.i)
            if aims:
                break
            if (
                child.dep_ in ("advcl", "xcomp", "conj", "acl")
                and inner is not None
                and inner.targets
            ):
                aims = [t for t in inner.targets if t not in cand.sources]
        if aims:
            cand.targets = aims


def _protest_aim(trigger: Token, finder: Finder) -> list[Actor]:
    """The Y of "in protest at/against/over/of Y" said of a protest."""
    for noun in trigger.subtree:
        if (
            noun.dep_ == "pobj"
            and noun.lemma_.lower() == "protest"
            and noun.head.lower_ in ("in", "as")
        ):
            # "at Y" may hang from the protest or, parsed loosely, from its verb
            return finder._prep_actors(
                noun, ("against", "at", "over", "of", "to")
            ) or finder._prep_actors(trigger, ("at", "over"))
    return []


def _derive(cand: Candidate, etype: str, sources: list[Actor], targets: list[Actor]) -> Candidate:
    """A verbal act implied by another event's stance: the speaker (or the side they speak
    for) performs it by saying so, so it is asserted ("X said it would strike Y" is a threat
    made), still attributed to the speaker."""
    stance = cand.stance
    factuality = "asserted"
    return Candidate(
        trigger=cand.trigger,
        type=etype,
        mode=None,
        sources=list(sources),
        targets=[t for t in targets if t not in sources],
        confidence=round(cand.confidence - 0.1, 2),
        how=f"derived-{cand.how}",
        derived=True,
        stance=statements.Stance(factuality, stance.speaker, None, False, "intention"),
        speaker=cand.speaker,
    )


def distributive(trigger: Token) -> bool:
    """Whether the clause says its subjects act each on their own ("X and Y each signed",
    "signed separate deals", "met Z respectively"), so that they do nothing to each other."""
    words = [trigger, *trigger.children]
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
            words += list(child.children)
        elif child.dep_ == "prep":
            words += [g for p in child.children if p.dep_ == "pobj" for g in p.children]
    return any(w.lower_ in DISTRIBUTIVE and not _each_other(w) for w in words)


def shown_by(cand: Candidate) -> statements.Stance | None:
    """The stance of the deed a protest is the purpose of ("blocked roads to protest X",
    "gathered to denounce X"): doing the deed is protesting, so the protest is as factual as
    the deed is, not merely intended."""
    trigger = cand.trigger
    if trigger.dep_ not in ("advcl", "relcl", "acl", "xcomp"):
        return None
    deed = trigger.head
    while deed.pos_ not in ("VERB", "AUX") and deed.head.i != deed.i:
        deed = deed.head  # "blocked motorways to protest", parsed with the noun as head
    if deed.pos_ not in ("VERB", "AUX") or deed.lemma_.lower() in statements.cues().speech:
        return None
    return statements.assess(deed)


def as_phrase(verb: Token) -> Token | None:
    """The head of the "as" phrase of a verb ("described X as a mistake")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for word in prep.children:
                if word.dep_ in ("pobj", "amod", "acomp"):
                    return word
    return None


def reciprocal(trigger: Token) -> bool:
    """Whether the act is aimed at 'each other' or 'one another' (its object or a phrase)."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "dative")]
    objects += [g for c in trigger.children if c.dep_ == "prep" for g in c.children
                if g.dep_ == "pobj"]  # fmt: skip
    return any(
        o.lower_ in ("other", "another") and any(c.lower_ in ("each", "one") for c in o.children)
        for o in objects
    )


def _each_other(word: Token) -> bool:
    """'each other', 'one another': a mutual act, not a distributive one."""
    following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return word.head.lower_ == "other" or (following is not None and following.lower_ == "other")
