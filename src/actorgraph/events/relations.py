"""Events as relations: one per source-target pair, with the date their sentence gives and
the evidence; repeated and untargeted readings of one act merged."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from actorgraph import dates, statements
from actorgraph.events import learned
from actorgraph.events.candidate import Candidate
from actorgraph.events.factuality import reciprocal
from actorgraph.events.lexicon import lexicon
from actorgraph.events.sentences import find_events
from actorgraph.model import Actor, ActorIndex, Document, Evidence, Relation
from actorgraph.syntax import (
    sentence_evidence,
)
from actorgraph.vocab import SYMMETRIC_TYPES

# Event types whose target, when only a place, is the country the place belongs to.
PLACE_OWNED = frozenset({"ASSAULT", "COERCE"})


def extract(
    doc: Doc,
    index: ActorIndex,
    document: Document,
    method: str = "both",
    model: learned.EventModel | None = None,
) -> list[Relation]:
    """PLOVER events between the document's actors, one relation per source-target pair
    (`method` and `model` as for `find_events`)."""
    lex = lexicon()
    reference = dates.parse_reference(document.date)
    relations: list[Relation] = []
    nominal: set[int] = set()  # relations named by a noun ("the attack by X"), by id
    for sent in doc.sents:
        found = find_events(sent, index, lex, method, model)
        if not found:
            continue
        evidence = sentence_evidence(document.text, sent)
        time = dates.find_dates(document.text[sent.start_char : sent.end_char], reference)
        future_time = dates.find_dates(
            document.text[sent.start_char : sent.end_char], reference, future=True
        )
        for cand in found:
            cand.targets = _place_owners(cand, index)
            matches = future_time if cand.stance.factuality == "future" else time
            day = _event_date(cand, sent, matches)
            made = _relations(cand, index, evidence, day)
            if cand.how == "noun":
                nominal.update(id(r) for r in made)
            relations.extend(made)
    return _untargeted_repeats(_deduplicate(relations), nominal)


def _place_owners(cand: Candidate, index: ActorIndex) -> list[Actor]:
    """The targets of an attack or a coercion that falls on places alone ("shelled a town in
    X", "seized an island of X") by a state's bodies or forces: the countries the text names
    them part of, as the coding of such acts has it; so too by an alliance of states ("a NATO
    airstrike on X"). A place in the doer's own country, or attacked by a doer of no known
    country (gunmen, a militia), stays the place."""
    if cand.type not in PLACE_OWNED or not cand.targets:
        return cand.targets
    own = {s.country for s in cand.sources if s.country}
    alliance = any(s.type == "InternationalOrganization" for s in cand.sources)
    if not (own or alliance) or any(t.type != "Location" for t in cand.targets):
        return cand.targets
    countries = {a.country: a for a in index.actors if a.type == "Country" and a.country}
    owners = [
        countries.get(t.country, t) if t.country and t.country not in own else t
        for t in cand.targets
    ]
    return _unique(owners)


def _relations(
    cand: Candidate, index: ActorIndex, evidence: Evidence, day: str | None
) -> list[Relation]:
    """One relation per source-target pair of the event."""
    stance = cand.stance
    speaker = cand.speaker if stance.speaker is not None else None

    def make(source: Actor, target: Actor | None) -> Relation:
        return Relation(
            source=source.id,
            type=cand.type,
            target=target.id if target else None,
            evidence=evidence,
            mode=cand.mode,
            date=day,
            factuality=stance.factuality,
            attributed_to=speaker
            if speaker != source.id or stance.factuality != "asserted"
            else None,
            confidence=cand.confidence,
        )

    return [make(source, target) for source, target in pairs(cand)]


def pairs(cand: Candidate) -> list[tuple[Actor, Actor | None]]:
    """The source-target pairs of an event, one relation each; symmetric and mutual events
    with no target pair their sources."""
    sources = _unique(cand.sources)
    targets = _unique(cand.targets)
    if targets:
        return [(s, t) for s in sources for t in targets if s.id != t.id]
    if cand.type in SYMMETRIC_TYPES and len(sources) > 1 and not cand.apart:
        return [(a, b) for i, a in enumerate(sources) for b in sources[i + 1 :]]
    if cand.mutual and len(sources) > 1 and not cand.apart and _each_acts(cand.trigger):
        return [(a, b) for a in sources for b in sources if a.id != b.id]
    if cand.mutual and len(sources) > 1 and not cand.apart:  # one two-sided act, coded once
        return [(a, b) for i, a in enumerate(sources) for b in sources[i + 1 :]]
    return [(s, None) for s in sources]


_TRADED = frozenset({"exchange", "trade"})
"""Verbs of acts each side does to the other ("exchanged fire", "traded accusations")."""


def _each_acts(trigger: Token) -> bool:
    """Whether the text says each side of a two-sided act does it to the other ("accused each
    other", "exchanged fire"), rather than naming one act between them ("clashes between X
    and Y", "X and Y signed a treaty"), which is one relation from the side named first."""
    return reciprocal(trigger) or trigger.lemma_.lower() in _TRADED


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.id, actor)
    return list(seen.values())


def _event_date(cand: Candidate, sent: Span, matches: list[dates.TimeMatch]) -> str | None:
    """The date of the event: a time expression attached to its clause, else one in the
    sentence that does not date a reporting verb ("..., officials said on Monday"); never one
    inside a phrase that names another time ("since 2019", "before the rallies in 2020")."""
    if not matches:
        return None
    speech = statements.cues().speech
    own = _clause_verb(cand.trigger)
    loose: list[dates.TimeMatch] = []
    for match in matches:
        token = sent.doc.char_span(sent.start_char + match.start, sent.start_char + match.end,
                                   alignment_mode="expand")  # fmt: skip
        if token is None or _dates_another_time(token.root, cand.trigger):
            continue
        governor = _clause_verb(token.root)
        if governor is not None and own is not None and governor.i == own.i:
            return match.date.isoformat()
        if cand.trigger in token.root.ancestors or token.root.head.i == cand.trigger.i:
            return match.date.isoformat()
        if governor is None or governor.lemma_.lower() not in speech:
            loose.append(match)
    return loose[0].date.isoformat() if loose else None


_OTHER_TIME = frozenset({"before", "after", "since", "until", "till", "prior", "following",
                         "ahead"})  # fmt: skip
"""Words that open a phrase placing another time against the event's ("before X")."""


def _dates_another_time(token: Token, trigger: Token) -> bool:
    """Whether a time expression lies in a phrase opened by a word that places another time
    against the event's, below where its path meets the event's word: it dates that other
    time ("his first visit since 2019"), unless the event is in that phrase too."""
    stops = {trigger.i} | {a.i for a in trigger.ancestors}
    for node in [token, *token.ancestors]:
        if node.i in stops:
            return False
        if node.lower_ in _OTHER_TIME and node.dep_ in ("prep", "mark", "advmod"):
            return True
    return False


def _clause_verb(token: Token) -> Token | None:
    for candidate in [token, *token.ancestors]:
        if candidate.pos_ in ("VERB", "AUX") or candidate.tag_.startswith("VB"):
            return candidate
    return None


def _untargeted_repeats(relations: list[Relation], nominal: set[int]) -> list[Relation]:
    """Drop an event a noun names with no target when the document states the same act (type
    and mode) by the same source with a target ("X attacked Y. ... condemned the attack by X";
    "X visited Y ... on his first trip abroad"): the noun refers back to it."""
    aimed = {(r.source, r.type, r.mode) for r in relations if r.target is not None}
    return [
        r
        for r in relations
        if r.target is not None or id(r) not in nominal or (r.source, r.type, r.mode) not in aimed
    ]


def _deduplicate(relations: list[Relation]) -> list[Relation]:
    """One relation per (source, type, target, sentence), keeping the most confident and
    the most asserted reading."""
    best: dict[tuple[str, str, str | None, int], Relation] = {}
    rank = {v: i for i, v in enumerate(statements.PRECEDENCE)}  # asserted highest
    for rel in relations:
        key = (rel.source, rel.type, rel.target, rel.evidence.start)
        if rel.type in SYMMETRIC_TYPES and rel.target is not None:
            a, b = sorted((rel.source, rel.target))
            key = (a, rel.type, b, rel.evidence.start)
        kept = best.get(key)
        if kept is None or (rank[rel.factuality], rel.confidence) > (
            rank[kept.factuality],
            kept.confidence,
        ):
            best[key] = rel
    with_target = {(r.source, r.type, r.evidence.start) for r in best.values() if r.target}
    with_target |= {
        (r.target, r.type, r.evidence.start)
        for r in best.values()
        if r.target and r.type in SYMMETRIC_TYPES
    }
    return [
        r
        for r in best.values()
        if r.target is not None or (r.source, r.type, r.evidence.start) not in with_target
    ]
