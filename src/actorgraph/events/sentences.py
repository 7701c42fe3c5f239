"""Every event of one sentence: the rules' and the learned reader's, with their stance and the
events they imply; a place that is only the scene of an act is no target."""

from __future__ import annotations

from spacy.tokens import Span, Token

from actorgraph import statements
from actorgraph.events import confidence, learned, parties
from actorgraph.events.candidate import Candidate
from actorgraph.events.factuality import (
    distributive,
    intentions,
    obligations,
    protest_targets,
    reciprocal,
    shown_by,
    speaks_for,
    threat_modes,
    without_speaker,
)
from actorgraph.events.lexicon import (
    CONDITIONING,
    LOCATIVE,
    PEOPLE,
    SHOWN,
    VERBAL,
    Lexicon,
    lexicon,
)
from actorgraph.events.rules import Finder, rule_events
from actorgraph.model import Actor, ActorIndex
from actorgraph.names import water_name


def find_events(
    sent: Span,
    index: ActorIndex,
    lex: Lexicon | None = None,
    method: str = "both",
    model: learned.EventModel | None = None,
) -> list[Candidate]:
    """Every event of a sentence, with its stance and the intentions it implies. `method`
    says who reads the events: the lexicon's `rules`, the `learned` model alone, or `both`
    (the model judging and completing the rules' reading); `model` is the shipped one unless
    given."""
    lex = lex or lexicon()
    finder = Finder(sent, index, lex)
    found = rule_events(finder) if method != "learned" else []
    model = None if method == "rules" else model or learned.shipped()
    if model is not None:
        found = learned.read(
            sent, index, found, model, finder.learned_event, lex.nouns, finder.used_nouns
        )
    for cand in found:
        # the condition of a threat or demand is part of what is said, not a doubt on saying it
        cand.stance = statements.assess(cand.trigger, own_conditions=cand.type not in CONDITIONING)
        speakers = finder.actors_of(cand.stance.speaker) if cand.stance.speaker else []
        cand.speaker = speakers[0].id if speakers else None
        if cand.stance.speaker is not None and not speakers:
            cand.stance = without_speaker(cand.stance)
        elif (
            cand.stance.factuality == "reported"
            and cand.type in VERBAL
            and speaks_for(speakers, cand.sources)
        ):
            # "X said ..., which he blamed on Y": saying it is the accusation itself
            cand.stance = statements.Stance("asserted", None, None, False, "own-word")
    for cand in found:
        if cand.type in SHOWN and cand.stance.cue in ("to", "to-noun"):
            cand.stance = shown_by(cand) or cand.stance
        cand.apart = distributive(cand.trigger)
        if not cand.targets and reciprocal(cand.trigger):
            cand.mutual = True  # "X and Y accused each other"
        elif not cand.targets and cand.sources and model is not None and model.parties:
            cand.targets = parties.complete(
                model.parties, sent, index, cand.trigger, cand.type, cand.sources
            )
    for cand in found:
        cand.sources = [a for a in cand.sources if _can_do(a, cand, finder)]
    found = [cand for cand in found if cand.sources]
    for cand in found:
        if cand.type != "ASSAULT" and cand.mode != "visit":  # a place attacked or visited
            cand.targets = [t for t in cand.targets if not _only_setting(t, cand, finder)]
        else:  # a sea is where ships are attacked or visitors sail, never the one attacked
            cand.targets = [t for t in cand.targets if not _water(t)]
    threat_modes(found)
    protest_targets(found, finder)
    found += intentions(found, finder)
    found += obligations(sent, finder, found)
    found = one_reading(found)
    if model is not None and model.confidence is not None:
        for cand in found:
            cand.confidence = confidence.of(model.confidence, cand)
    return found


def one_reading(found: list[Candidate]) -> list[Candidate]:
    """One event per word: where a reading derived from an event shares the event's word,
    only the one the coders code stays, or both where they code both (see `kept`). A denial
    ("X called the claims lies") is an event of its own beside the claim."""
    originals = {c.trigger.i: c for c in found if not c.derived}
    replaced: set[int] = set()
    dropped: set[int] = set()
    for cand in found:
        original = originals.get(cand.trigger.i)
        if not cand.derived or original is None or cand.stance.cue == "falsehood":
            continue
        which = kept(cand, original)
        if which == "derived":
            replaced.add(cand.trigger.i)
        elif which == "original":
            dropped.add(id(cand))
    return [c for c in found if id(c) not in dropped and (c.derived or c.trigger.i not in replaced)]


# Words by which saying that one will act commits one to it ("ready to", "agreed to"), and
# those of them that, of harm, make the saying a threat ("vowed to", not "agreed to").
COMMITTING = frozenset({"vow", "pledge", "promise", "swear", "commit", "committed", "determined",
                        "willing", "ready", "prepared", "offer", "agree"})  # fmt: skip
VOWING = frozenset({"vow", "pledge", "promise", "swear", "determined"})


def kept(derived: Candidate, original: Candidate) -> str:
    """Which of a derived reading and the event it comes from the coders code: the derived
    one where saying one will do an act of its type is doing it ("said it would accept the
    deal"), for a refusal to cooperate (REJECT), a duty laid on another (the speaker's
    REQUEST), readiness to strike (MOBILIZE), a promise of material help or a commitment to
    cooperate ("ready to", "promised that it would sign": AGREE) and harm vowed ("vowed to
    strike": THREATEN); both for harm said to come ("said it would impose sanctions": the
    threat made and the sanctions to come); else the original, the act to come ("X will visit
    Y", "X plans to attack Y", "said they intend to ban"), not also an AGREE or a THREATEN."""
    stance = original.stance
    if derived.type in ("REJECT", "REQUEST", "MOBILIZE") or derived.type == original.type:
        return "derived"
    trigger = original.trigger
    promised = trigger.dep_ in ("ccomp", "xcomp") and trigger.head.lemma_.lower() in COMMITTING
    if derived.type == "AGREE":
        committed = stance.cue in COMMITTING or promised
        return "derived" if committed or original.type in ("AID", "COOPERATE") else "original"
    if derived.type == "THREATEN" and stance.cue in VOWING:
        return "derived"
    said = stance.speaker is not None and stance.modal is not None
    return "both" if derived.type == "THREATEN" and said else "original"


def _can_do(actor: Actor, cand: Candidate, finder: Finder) -> bool:
    """Whether an actor can be the doer of an event: a place only as the subject of the
    event's own verb, where it stands for its government ("California sued ..."), and never
    as one the model chose (it is where things happen); a medium only of words (it reports
    the others)."""
    if actor.type == "Location":
        return not cand.judged.get("added") and _subject_of(actor, cand.trigger, finder)
    return actor.type != "MediaOrganization" or cand.type in VERBAL


def _subject_of(actor: Actor, verb: Token, finder: Finder) -> bool:
    """Whether an actor is named as the subject of a verb."""
    return any(
        finder.index.by_token.get(t.i) == actor.id for t in verb.children if t.dep_ == "nsubj"
    )


def _only_setting(actor: Actor, cand: Candidate, finder: Finder) -> bool:
    """Whether a place is only where the act happens, not what it is aimed at: a sea, river or
    other water nobody governs ("exports from Black Sea ports"), the scene of an act done to
    someone else ("detained journalists in X"), or the scene of what talks are about ("talks
    on the situation in X"). A place an act is done to stands for itself ("a curfew in X")."""
    if actor.type != "Location":
        return False
    if _water(actor):
        return True
    heads = [t for t in finder.sent if finder.index.by_token.get(t.i) == actor.id]
    heads = [t for t in heads if finder.index.by_token.get(t.head.i) != actor.id or t.head == t]
    return bool(heads) and all(_scene(t, cand, finder) for t in heads)


def _water(actor: Actor) -> bool:
    """Whether a place's name is that of a sea, river or lake ("Black Sea", "Sea of Azov")."""
    return actor.country is None and water_name(actor.label)


def _scene(token: Token, cand: Candidate, finder: Finder) -> bool:
    """Whether this mention of a place names only the scene of the candidate's act."""
    while token.dep_ in ("compound", "amod", "poss", "nmod") and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.lower_ not in LOCATIVE:
        return False
    if cand.type == "RETREAT" and token.head.lower_ == "from":
        return False  # "withdrew from X"
    if cand.type == "CONSULT":
        return True
    verb = token.head.head
    if verb.dep_ == "dobj" and verb.head.i == cand.trigger.i and _someone(verb, finder):
        return True  # "arrested a worker in X": where the people were, hung from them
    return verb.i == cand.trigger.i and any(
        c.dep_ == "dobj" and _someone(c, finder) for c in verb.children
    )


def _someone(noun: Token, finder: Finder) -> bool:
    """Whether a noun phrase names people ("journalists", "an activist", an actor), the
    ones an act is done to, as against a thing or state ("a state of emergency")."""
    if finder.index.actor_at(noun.i) is not None or noun.pos_ in ("PRON", "PROPN"):
        return True
    return noun.lemma_.lower() in PEOPLE or noun.ent_type_ in ("PERSON", "NORP")
