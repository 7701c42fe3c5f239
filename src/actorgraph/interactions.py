"""Interactions: PLOVER-typed events between actors, read from the dependency parse.

A lexicon of verbs and event nouns (data/lexicon/plover.yaml) names the event type and says
where its source and target sit: the subject and object of an active verb, the "by" agent
and subject of a passive, the "from" of "received X from Y", the visitor and host of
"X hosted Y", the possessor and "to"/"on" phrase of "X's visit to Y" or "X's attack on Y",
the parties of "talks between X and Y". Where the lexicon's own slots are empty, the target
comes from what the act is about: the subject of the clause it governs ("allowed X to run",
"demanded that X withdraw"), the one whose condition sets off a threat ("... if X attacks"),
the doer of a deed condemned or backed ("condemned the attack by X"), the object of a
purpose ("fired to disperse X"), those pressing for what is refused ("despite calls from X").
A place that is only the scene of an act ("detained journalists in X") or a sea is no target;
subjects acting each on their own ("signed separate deals") are not paired; naming something
with praise or blame ("called the accord a milestone") supports or accuses.
Each event gets the factuality and speaker that `statements` reads from the clauses above
it, a date normalised from the sentence against the document date, and one relation per
source-target pair ("Moscow and Minsk met" gives one CONSULT between the two).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from actorgraph import dates, statements
from actorgraph.events import learned
from actorgraph.model import Actor, ActorIndex, Document, Evidence, Relation
from actorgraph.names import water_name
from actorgraph.resources import lexicon_dir, read_yaml
from actorgraph.syntax import (
    bare_definite,
    deadline_given,
    infinitive,
    object_of,
    passive_participle,
    sentence_evidence,
)
from actorgraph.vocab import PLOVER_TYPES, SYMMETRIC_TYPES

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
MATERIAL_CONFLICT = frozenset({"SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PROTEST"})
# Announced acts of these types are threats ("will impose sanctions"); a mobilisation is not
# aimed at the place it happens in, so announcing one is no threat to that place.
THREATENING = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
# Acts done by saying them: a speaker reporting their own is performing it.
VERBAL = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE"})

# Verbs by which a doer draws a reaction on itself ("drawing condemnation from X").
DRAWING = frozenset({"draw", "attract", "earn", "provoke", "spark", "trigger", "prompt",
                     "invite", "incur", "win", "receive", "face"})  # fmt: skip
# Types whose targets are parties named by "with", "between" or "to", not by a topic or place.
PARTY_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE"})
LOOSE = ("against", "on", "to")
# Speech acts whose own "if"/"unless" clause is what they say, not a doubt on them.
CONDITIONING = frozenset({"THREATEN", "REQUEST"})
# Negations that are a refusal by the actor ("will not meet", "refused to meet"), unlike a
# denial by someone else ("denied reports that X would meet Y").
REFUSING = frozenset({"not", "refuse", "decline", "refusal"})
# Verbs that, with "leave" as what they ask of their object, expel it.
EXPELLING = frozenset({"order", "tell", "ask", "give", "instruct", "direct", "force"})
LEAVING = frozenset({"leave", "quit", "depart", "exit", "go"})

# What a threat threatens, as a THREATEN mode (PLOVER manual).
THREAT_MODES = {"ASSAULT": "violence", "MOBILIZE": "violence", "PROTEST": "restrict",
                "SANCTION": "relations", "RETREAT": "relations"}  # fmt: skip
THREAT_MODES_BY_MODE = {"arrest": "arrest", "ban": "ban", "curfew": "restrict",
                        "restrict": "restrict", "deport": "expel", "expel": "expel",
                        "obstruct": "restrict", "boycott": "restrict"}  # fmt: skip
PARTICLES = frozenset({"back", "out", "up", "down", "off", "away", "on", "upon", "over", "for",
                       "at", "into", "in", "to", "with"})  # fmt: skip
# Nouns that only measure or group the event noun they govern ("ten days of war games").
MEASURES = frozenset({"day", "week", "month", "round", "series", "wave", "number", "lot", "kind",
                      "type", "set", "string", "spate", "couple", "hour", "night", "part",
                      "portion", "some", "all", "most", "ton", "tonne", "package", "raft",
                      "batch", "flurry", "fresh", "new"})  # fmt: skip
# Papers whose "of" names what signing or sending them does ("a letter of resignation").
DOCUMENTS = frozenset({"letter", "note", "notice"})
# Modifier dependencies searched, in order, for the actor behind a common noun phrase.
_NP_LINKS = ("appos", "compound", "poss", "nmod", "amod", "prep", "acl")
_NP_PREPS = frozenset({"of", "in", "from", "for", "to", "with", "against", "throughout",
                       "across", "around", "near", "inside", "at"})  # fmt: skip
# Prepositions that can introduce the one an act is aimed at, when the lexicon names none.
TARGET_PREPS = ("against", "on", "to", "with", "into", "for", "by", "from", "between", "of",
                "in")  # fmt: skip
# Heads of noun phrases naming armed personnel: their "arrival" is a deployment, not a visit.
ARMED = frozenset({"troop", "force", "soldier", "army", "contingent", "unit", "battalion",
                   "brigade", "division", "peacekeeper", "marine", "militia", "tank",
                   "warship", "fleet", "deployment", "reservist", "paratrooper",
                   "carrier", "destroyer", "frigate", "corvette", "submarine",
                   "gendarme"})  # fmt: skip
# People an organisation or state withdraws besides its forces ("withdrew its staff").
PERSONNEL = frozenset({"personnel", "staff", "diplomat", "adviser", "advisor", "instructor",
                       "observer", "monitor", "inspector", "worker", "employee", "citizen",
                       "national", "official", "mission", "team", "expert"})  # fmt: skip
# Nouns naming someone by their relation to another: "his successor" is not "he".
RELATIONAL = frozenset({"partner", "successor", "predecessor", "counterpart", "colleague", "ally",
                        "rival", "opponent", "enemy", "neighbour", "neighbor", "friend", "wife",
                        "husband", "son", "daughter", "brother", "sister", "father", "mother",
                        "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor",
                        "lawyer", "critic", "victim", "host", "guest", "envoy", "deputy",
                        "challenger", "foe", "protege", "heir"})  # fmt: skip
# Heads of noun phrases that name visitors ("received a delegation from X").
VISITORS = frozenset({"delegation", "leader", "minister", "president", "envoy", "official",
                      "counterpart", "team", "mission", "king", "queen", "chancellor", "premier",
                      "secretary", "ambassador", "diplomat", "emissary", "prince", "head",
                      "chief", "representative", "guest", "visitor", "negotiator"})  # fmt: skip
SUBJECT_DEPS = ("nsubj", "csubj", "nsubjpass")
# Verbs of thanks and praise: their "for" phrase names a deed done, for their subject.
GRATEFUL = frozenset({"thank", "praise", "commend", "congratulate", "credit", "reward",
                      "applaud", "salute", "honour", "honor", "laud"})  # fmt: skip
BLAMING = frozenset({"condemn", "criticise", "criticize", "denounce", "blame", "punish",
                     "accuse", "fault", "rebuke", "censure", "reprimand", "slam", "fine",
                     "sanction"})  # fmt: skip
# Acts performed by doing another deed for their sake ("blocked roads to protest X").
SHOWN = frozenset({"PROTEST"})
# People whose expulsion is a deportation (COERCE), not a cut in relations as is expelling
# envoys, peacekeepers or inspectors (SANCTION).
DEPORTABLE = frozenset({"journalist", "reporter", "correspondent", "migrant", "refugee",
                        "national", "citizen", "tourist", "activist", "worker", "missionary",
                        "student", "priest", "foreigner", "blogger", "immigrant"})  # fmt: skip
# Prepositions naming where an act happens rather than whom it is aimed at.
LOCATIVE = frozenset({"in", "at", "near", "inside", "within", "outside", "across", "throughout",
                      "around", "from", "along", "through", "off", "beyond"})  # fmt: skip
# Nouns naming people an act is done to ("detained journalists in X": X is only the scene).
PEOPLE = frozenset({"journalist", "reporter", "protester", "protestor", "demonstrator",
                    "activist", "civilian", "people", "person", "man", "woman", "child",
                    "student", "worker", "member", "leader", "official", "supporter",
                    "opponent", "suspect", "militant", "fighter", "soldier", "citizen",
                    "resident", "national", "tourist", "dissident", "critic", "blogger",
                    "lawyer", "politician", "priest", "migrant", "refugee", "villager",
                    "farmer", "teacher", "doctor", "prisoner", "detainee", "hostage",
                    "rebel", "diplomat", "candidate", "voter", "crowd", "youth",
                    "family"})  # fmt: skip
# Prepositions of the place an attack fell on ("a market in X", "an outpost near X").
STRUCK_PREPS = (
    "in",
    "near",
    "at",
    "inside",
    "outside",
    "on",
    "across",
    "along",
    "of",
    "to",
    "towards",
    "toward",
)
BORDERS = frozenset({"border", "frontier", "boundary", "line"})
# Words by which several subjects act each on their own ("separate deals", "each signed").
DISTRIBUTIVE = frozenset({"separate", "separately", "respectively", "respective", "each",
                          "individually", "independently"})  # fmt: skip
# Verbs that get an act ready without doing it ("prepare sanctions", "plan an offensive"):
# their subject is the actor of the act they take as object.
PREPARING = frozenset({"prepare", "plan", "draft", "adopt", "approve", "consider", "pursue",
                       "propose", "design", "weigh", "finalise", "finalize",
                       "agree"})  # fmt: skip
# Words stating a willingness to act ("is ready to talk", "committed to reform").
WILLINGNESS = frozenset({"willing", "ready", "prepared", "committed", "eager", "keen",
                         "determined", "open"})  # fmt: skip
# Verbs whose object is also the subject of their complement ("urged X to leave").
INTENTION_CUES = frozenset({"plan", "intend", "prepare", "prepared", "aim", "go", "willing",
                            "ready", "committed", "commit", "determined", "vow", "pledge",
                            "promise", "swear", "agree"})  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """How one verb or noun expresses an event (fields as in data/lexicon/plover.yaml)."""

    type: str
    mode: str | None = None
    targets: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    object: str = "target"
    reverse: bool = False
    control: str | None = None
    joint: str | None = None
    target: str = "optional"  # "required" for words that name an event only with a target
    undergoer: str | None = None  # type for the subject of an agentless passive
    untargeted: str | None = None  # type when no target is named ("fired missiles into the sea")
    mutual: bool = False  # "X and Y restored ties": each acts towards the other


# Verbs that stop what their object names ("halted its strikes", "called off the offensive").
STOPPING = frozenset({"suspend", "halt", "stop", "end", "terminate", "cancel", "scrap", "pause",
                      "cease", "abandon", "call off"})  # fmt: skip
# Verbs that end or reduce what their object names: with aid as the object, a SANCTION.
REDUCING = STOPPING | {"cut", "freeze", "withhold", "reduce", "slash", "curtail", "block"}
CUT_AID = Entry("SANCTION", "withdraw", targets=("to", "for", "from"), object="theme")
# Verbs that take back a measure their object names ("lifted its tariffs on X"): like
# stopping it, a concession (see DE_ESCALATION), but never a cut in trade.
LIFTING = frozenset({"lift", "ease", "relax", "loosen", "remove", "revoke", "rescind", "repeal"})
# Their nouns, and the verbs by which one does what such a noun names ("ordered the lifting of
# sanctions on X": the one who orders lifts them).
LIFTING_NOUNS = frozenset({"lifting", "easing", "relaxation", "loosening", "removal",
                           "revocation", "repeal", "rollback"})  # fmt: skip
DECREEING = frozenset({"order", "announce", "approve", "decree", "authorise", "authorize"})
# Verbs of approving or releasing money: with aid as their object they grant it.
APPROVING = frozenset({"approve", "authorise", "authorize", "disburse", "sanction", "earmark",
                       "allocate", "unlock", "unfreeze"})  # fmt: skip
GRANT_AID = Entry("AID", targets=("for", "to"), object="theme", target="required")
# Nouns naming what someone decided or did, whose doer is their possessor or "by" phrase
# ("welcomed X's decision", "praised the move by X").
DEEDS = frozenset({"decision", "move", "step", "initiative", "effort", "announcement", "choice",
                   "gesture", "measure", "action", "plan", "proposal", "offer", "commitment",
                   "invitation", "approach", "policy", "stance", "position", "response",
                   "reform", "release", "restraint", "membership", "accession", "bid",
                   "candidacy", "application", "request"})  # fmt: skip
_MODIFIER_DEPS = ("compound", "nmod", "amod")
# Actor types that receive aid ("gave X food aid").
RECIPIENTS = frozenset({"Country", "GovernmentBody", "MilitaryForce", "PoliticalGroup",
                        "Organization", "InternationalOrganization"})  # fmt: skip
# Verbs of receiving a visitor that, with a thing or act as their object, approve of it.
GREETING = frozenset({"welcome", "hail", "greet"})
APPROVAL = Entry("SUPPORT")
# What is let in when access is granted: aid and its carriers, inspectors and monitors.
ACCESS_NOUNS = frozenset({"aid", "convoy", "truck", "lorry", "shipment", "delivery", "supply",
                          "relief", "inspector", "monitor", "observer", "peacekeeper",
                          "investigator", "humanitarian", "assistance"})  # fmt: skip
# Verbs of forcing one's way in that, done by police or other civil authorities, are searches
# and seizures (PLOVER COERCE) rather than armed attacks.
RAIDING = frozenset({"raid", "storm", "search", "ransack"})
# Verbs of taking a place by force: done by civilians (protesters, students), a violent protest.
TAKING_OVER = frozenset({"storm", "occupy", "overrun", "ransack", "besiege", "invade"})
WITHDRAWAL = Entry("RETREAT", "withdraw", targets=("from",))
ULTIMATUM = Entry("THREATEN")
POLICE = frozenset({"police", "policeman", "policemen", "officer", "gendarme", "riot"})
# Means of talking at a distance: a CONSULT by them is a call (PLOVER mode "phone").
REMOTE = frozenset({"phone", "telephone", "video", "videoconference", "videolink", "hotline"})
# Verbs of forces going forward: ordered to do so, they are deployed.
ADVANCING = frozenset({"sail", "move", "head", "deploy", "advance", "proceed", "redeploy",
                       "mobilise", "mobilize", "patrol", "position"})  # fmt: skip
DIRECTIONS = frozenset({"to", "into", "onto", "toward", "towards"})
DEPLOY_TO = ("to", "into", "onto", "near", "toward", "towards", "along", "in", "against")
# Nouns counting what follows their "of" ("thousands of troops", "a battalion of marines").
COUNTING = frozenset({"dozen", "hundred", "thousand", "ten", "million", "score", "handful",
                      "number", "contingent", "battalion", "company", "unit", "group"})  # fmt: skip
CUT_TALKS = Entry("SANCTION", "cancel", targets=("with", "between", "to"), object="theme")
# Verbs of carrying or handing over: with aid as what is carried, its delivery ("flew
# supplies to X", "handed over two frigates to X"; prisoners handed over are a RETREAT).
TRANSPORTING = frozenset({"fly", "ship", "truck", "ferry", "rush", "bring", "carry",
                          "transport", "airlift", "drive", "hand", "transfer"})  # fmt: skip
CARRY_AID = Entry("AID", object="theme", targets=("to", "for", "into"))
# Verbs that move people somewhere: with armed men or police as the object, a deployment
# ("moved thousands of troops to the border", "ordered soldiers onto the streets").
MOVING = TRANSPORTING | {"send", "dispatch", "move", "order", "redeploy", "station", "position",
                         "mass", "amass"}  # fmt: skip
# Verbs of making something: a joint one is made together ("built a joint plant").
MAKING = frozenset({"build", "construct", "develop", "produce", "create", "set", "launch",
                    "establish", "form", "manufacture", "design", "open", "inaugurate",
                    "unveil", "commission"})  # fmt: skip
# Nouns of making: "began construction of a joint plant" makes the plant.
MAKING_NOUNS = frozenset({"construction", "building", "development", "production", "work"})
JOINT_WORK = Entry("COOPERATE", targets=("with",), object="theme", mutual=True)
# Prepositions of going up to someone without reaching them ("sent ships towards X").
APPROACH_PREPS = ("towards", "toward", "near", "around", "off")
# Trade that stopping cuts ("halted gas exports to X"): a sanction on its partner.
TRADE_NOUNS = frozenset({"export", "import", "trade", "sale", "flow", "shipment", "delivery",
                         "purchase"})  # fmt: skip
CUT_TRADE = Entry("SANCTION", None, targets=("to", "from", "with"))
# Event nouns that a country's name before them places rather than ascribes ("the Sudan war",
# "the Gaza conflict"; a demonym still names a side: "the Russian war against Ukraine").
SCENE_EVENTS = frozenset({"war", "conflict", "fighting", "violence", "unrest", "crisis",
                          "insurgency", "clash", "hostility"})  # fmt: skip
# What stopping a hostile act is: fighting or a deployment stopped is a material concession
# (RETREAT; CAMEO 087 de-escalate), other measures stopped a verbal one, as lifting them is.
DE_ESCALATION = {"ASSAULT": ("RETREAT", "ceasefire"), "MOBILIZE": ("RETREAT", None),
                 "COERCE": ("CONCEDE", None), "SANCTION": ("CONCEDE", None),
                 "THREATEN": ("CONCEDE", None), "PROTEST": ("CONCEDE", None)}  # fmt: skip


@dataclass(frozen=True)
class Lexicon:
    """The event lexicon: verbs, event nouns, light verbs and kinds of aid."""

    verbs: dict[str, Entry]
    nouns: dict[str, Entry]
    light_verbs: frozenset[str]
    aid_things: dict[str, str]
    not_events: frozenset[str] = frozenset()
    rejections: tuple[str, ...] = ()
    naming_verbs: frozenset[str] = frozenset()
    praise: frozenset[str] = frozenset()
    blame: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read and check a lexicon file."""
        data = read_yaml(path)

        def entries(section: dict[str, dict[str, Any]]) -> dict[str, Entry]:
            out = {}
            for key, raw in section.items():
                entry = Entry(
                    type=str(raw["type"]),
                    mode=raw.get("mode"),
                    targets=tuple(_word(w) for w in raw.get("targets", ())),
                    sources=tuple(_word(w) for w in raw.get("sources", ())),
                    object=str(raw.get("object", "target")),
                    reverse=bool(raw.get("reverse", False)),
                    control=raw.get("control"),
                    joint=raw.get("joint"),
                    target=str(raw.get("target", "optional")),
                    undergoer=raw.get("undergoer"),
                    untargeted=raw.get("untargeted"),
                    mutual=bool(raw.get("mutual", False)),
                )
                if entry.type not in PLOVER_TYPES or (
                    entry.untargeted and entry.untargeted not in PLOVER_TYPES
                ):
                    raise ValueError(f"{path}: {key}: unknown PLOVER type {entry.type}")
                out[str(key)] = entry
            return out

        aid = {str(word): str(mode) for mode, words in data["aid_things"].items() for word in words}
        appraisals = data.get("appraisals") or {}
        return cls(entries(data["verbs"]), entries(data["nouns"]),
                   frozenset(data["light_verbs"]), aid,
                   frozenset(data.get("not_events") or ()),
                   tuple(data.get("rejections") or ()),
                   frozenset(data.get("naming_verbs") or ()),
                   frozenset(appraisals.get("praise") or ()),
                   frozenset(appraisals.get("blame") or ()))  # fmt: skip


def _word(value: object) -> str:
    """A preposition as written in the lexicon; YAML reads a bare `on` or `off` as a boolean."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped event lexicon, read once."""
    return Lexicon.load(lexicon_dir() / "plover.yaml")


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
            matches = future_time if cand.stance.factuality == "future" else time
            day = _event_date(cand, sent, matches)
            made = _relations(cand, index, evidence, day)
            if cand.how == "noun":
                nominal.update(id(r) for r in made)
            relations.extend(made)
    return _untargeted_repeats(_deduplicate(relations), nominal)


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
    finder = _Finder(sent, index, lex)
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
            cand.stance = _without_speaker(cand.stance)
        elif (
            cand.stance.factuality == "reported"
            and cand.type in VERBAL
            and _speaks_for(speakers, cand.sources)
        ):
            # "X said ..., which he blamed on Y": saying it is the accusation itself
            cand.stance = statements.Stance("asserted", None, None, False, "own-word")
    for cand in found:
        if cand.type in SHOWN and cand.stance.cue in ("to", "to-noun"):
            cand.stance = _shown_by(cand) or cand.stance
        cand.apart = _distributive(cand.trigger)
        if not cand.targets and _reciprocal(cand.trigger):
            cand.mutual = True  # "X and Y accused each other"
    for cand in found:
        if cand.type != "ASSAULT" and cand.mode != "visit":  # a place attacked or visited
            cand.targets = [t for t in cand.targets if not _only_setting(t, cand, finder)]
        else:  # a sea is where ships are attacked or visitors sail, never the one attacked
            cand.targets = [t for t in cand.targets if not _water(t)]
    _threat_modes(found)
    _protest_targets(found, finder)
    found += _intentions(found, finder)
    found += _obligations(sent, finder, found)
    return found


def rule_candidates(sent: Span, index: ActorIndex) -> list[Candidate]:
    """The events the lexicon and rules read in a sentence, before their stance (what the
    learned reader is trained to judge)."""
    return rule_events(_Finder(sent, index, lexicon()))


def rule_events(finder: _Finder) -> list[Candidate]:
    """The events the lexicon and rules read in the finder's sentence, before their stance."""
    found = finder.verb_events()
    finder.triggers = {c.trigger.i: c.type for c in found}
    found += finder.noun_events({c.trigger.i for c in found} | finder.used_nouns)
    found += finder.commitments(found)
    found += finder.verdicts()
    found += finder.appraisals({c.trigger.i for c in found})
    return found


class _Finder:
    """Finds event candidates in one sentence (holds the sentence, index and lexicon)."""

    def __init__(self, sent: Span, index: ActorIndex, lex: Lexicon) -> None:
        self.sent = sent
        self.index = index
        self.lex = lex
        self.used_nouns: set[int] = set()
        self.triggers: dict[int, str] = {}  # words that carry a verb event: its type

    # -- actors -------------------------------------------------------------------------
    def actors_of(self, token: Token | None, depth: int = 0) -> list[Actor]:
        """The actors a noun phrase names: its head's actor, or the nearest actor among its
        modifiers ("leaders of Romania's government"), plus those of its conjuncts."""
        if token is None:
            return []
        found = self._own_actor(token, depth)
        for conj in token.children:
            if conj.dep_ == "conj":
                found += [a for a in self.actors_of(conj, depth) if a not in found]
        return found

    def _own_actor(self, token: Token, depth: int) -> list[Actor]:
        actor = self.index.actor_at(token.i)
        if actor is not None:
            return [actor]
        if token.pos_ == "PRON":
            return self._pronoun_actor(token)
        if depth >= 4:
            return []
        return self._modifier_actors(token, depth, token.lemma_.lower() in RELATIONAL)

    def _modifier_actors(self, token: Token, depth: int, relational: bool) -> list[Actor]:
        """The nearest actor among a noun's modifiers, searched link by link; a relational
        noun ("his successor, X") is only its apposition or name."""
        place: list[Actor] = []
        for link in ("appos", "compound", "amod") if relational else _NP_LINKS:
            for child in token.children:
                if child.dep_ != link:
                    continue
                if link == "acl" and any(g.dep_ == "aux" for g in child.children):
                    continue  # "protests to demand X from Y" are not Y's
                if link == "acl":  # "workers affiliated with the union", not "based in X"
                    found = self._phrase_actors(child, _NP_PREPS, depth + 1)
                    found = [a for a in found if a.type != "Location"]  # "based in X" is not X
                    if found:
                        return found
                    continue
                if link == "prep":
                    if child.lower_ not in _NP_PREPS:
                        continue
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self.actors_of(pobj, depth + 1)
                            if found and all(a.type == "Location" for a in found):
                                place = place or found
                            elif found:
                                return found
                    continue
                found = self.actors_of(child, depth + 1)
                if found and all(a.type == "Location" for a in found):
                    place = place or found  # a place stands in only when nothing else does
                elif found:
                    return found
        return place

    def _phrase_actors(
        self,
        head: Token,
        preps: Iterable[str],
        depth: int = 0,
        objects: bool = True,
        exclude: Iterable[str] = (),
    ) -> list[Actor]:
        """Actors in the object or prepositional phrases of a word ("action against X",
        "sanctions on X", "a war against X" below "mobilised for"), skipping the actors
        whose ids `exclude` names."""
        wanted = tuple(preps)
        own = set(exclude)
        phrases = []
        if objects:
            phrases += [c for c in head.children if c.dep_ in ("dobj", "dative")]
        for prep in wanted:
            for child in head.children:
                if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                    phrases += [g for g in child.children if g.dep_ == "pobj"
                                and g.ent_type_ not in ("DATE", "TIME")]  # fmt: skip
        for phrase in phrases:
            found = self._answerable(phrase, depth)
            found = [a for a in found if a.id not in own]
            if not found and depth < 2:
                found = self._phrase_actors(phrase, TARGET_PREPS, depth + 1, False, own)
            if found:
                return found
        return []

    def _pronoun_actor(self, pronoun: Token) -> list[Actor]:
        """A pronoun the actor stages left unresolved, read locally: in "X said it would ...",
        "it" is X."""
        if pronoun.tag_ in ("WDT", "WP") and pronoun.head.dep_ == "relcl":
            return self.actors_of(pronoun.head.head)  # "X, which Y accused": X
        if pronoun.lower_ not in ("it", "they", "he", "she", "we", "its", "their", "his", "her"):
            return []
        clause = pronoun.head
        if pronoun.dep_ == "poss" and clause.dep_ in ("nsubj", "nsubjpass"):
            clause = clause.head  # "X said its troops would ...": its = X
        while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in statements.cues().speech:
            speaker = statements.speaker_of(clause.head)
            if speaker is not None and speaker.pos_ != "PRON":
                return self.actors_of(speaker)
        return []

    # -- verbs --------------------------------------------------------------------------
    def verb_events(self) -> list[Candidate]:
        """Events whose trigger is a verb (or a light verb with an event noun)."""
        found = []
        for token in self.sent:
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                cand = self._verb_event(token)
                if cand is not None:
                    found.append(cand)
        return found

    def learned_event(
        self,
        word: Token,
        etype: str,
        sources: list[Actor],
        targets: list[Actor],
        confidence: float,
    ) -> Candidate | None:
        """An event the learned reader found: with the parties it read, else with those the
        parse gives any verb or event noun (`generic_event`)."""
        if sources:
            cand = self._candidate(word, Entry(etype), sources, targets, confidence, "learned")
        else:
            cand = self.generic_event(word, etype)
        if cand is not None:
            cand.confidence, cand.how = confidence, "learned"
        return cand

    def generic_event(self, word: Token, etype: str) -> Candidate | None:
        """An event of a type the lexicon does not give this word, its arguments found as
        for any verb (subject, object, prepositions) or event noun (possessor, "by", "of")."""
        if word.pos_ == "NOUN":
            entry = Entry(etype, targets=GENERIC_NOUN_TARGETS)
            return self._noun_event(word, entry) or self._governed_event(word, entry)
        passive = any(
            c.dep_ in ("nsubjpass", "auxpass") for c in word.children
        ) or passive_participle(word)
        obj = self._object(word, passive)
        found = self._arguments(word, Entry(etype), obj, passive, "verb")
        if found is None and not passive:
            found = self._governed_event(word, Entry(etype), obj)
        return found

    def _governed_event(
        self, word: Token, entry: Entry, obj: Token | None = None
    ) -> Candidate | None:
        """An event whose doer is the subject of a clause above its word ("X launched an
        offensive", "X vowed to fight"); a speaker is the doer only of what saying does."""
        clause = word.head
        for _ in range(4):
            if clause.i == clause.head.i and clause is not word.head:
                break
            if clause.pos_ in ("VERB", "AUX"):
                speech = clause.lemma_.lower() in statements.cues().speech
                if speech and entry.type not in VERBAL:
                    return None
                sources = self._subject_actors(clause)
                if sources:
                    targets = [a for a in self.actors_of(obj) if a not in sources]
                    targets = targets or self._prep_actors(
                        word, (*entry.targets, *_fallback_preps(entry.type)), exclude=sources
                    )
                    return self._candidate(word, entry, sources, targets, 0.5, "governed")
            clause = clause.head
        return None

    def _verb_event(self, verb: Token) -> Candidate | None:
        lemma = self._lemma(verb)
        passive = any(
            c.dep_ in ("nsubjpass", "auxpass") for c in verb.children
        ) or passive_participle(verb)
        obj = self._object(verb, passive)
        entry, how = None, "verb"
        for second in self._second_words(verb, obj):
            entry = self.lex.verbs.get(f"{lemma} {second}")
            if entry is not None:
                how = "phrase"
                if obj is not None:  # "lifted the ban": the ban is no event of its own
                    self.used_nouns.add(obj.i)
                break
        noun = self._event_noun(obj) if lemma in self.lex.light_verbs and obj is not None else None
        if noun is None and entry is None and _partakes(verb, lemma):
            noun = self._part_in(verb)  # "took part in the attack", "engaged in talks"
        if entry is None and noun is not None:
            noun_entry, noun_token = noun
            cand = self._light_verb_event(verb, noun_token, noun_entry, passive)
            if cand is not None:
                self.used_nouns.add(noun_token.i)
                return cand
        if entry is None and obj is not None and lemma in DECREEING:
            cand = self._decreed_lifting(verb, obj, passive)
            if cand is not None:  # "ordered the lifting of sanctions on X"
                return cand
        if entry is None and obj is not None and (_stopping(verb, lemma) or lemma in LIFTING):
            cand = self._stopped_act(verb, obj, passive, trade=lemma not in LIFTING)
            if cand is not None:
                return cand
        if lemma in TRANSPORTING and self._aid_mode(obj) is not None and not _back(verb):
            entry = CARRY_AID  # "flew medical supplies to X", "supplies were flown to X"
        if entry is None and obj is not None and _joint_making(verb, lemma, obj):
            entry = JOINT_WORK  # "X and Y began building a joint plant", "jointly built"
        if entry is None and lemma in REDUCING and self._aid_mode(obj) is not None:
            entry = CUT_AID  # "froze its payments to X": a reduction of aid
        if entry is None and lemma in APPROVING and self._aid_mode(obj) is not None:
            entry = GRANT_AID  # "approved a loan for X": the aid is granted to X
        cutting = lemma in REDUCING or _stopping(verb, lemma)
        if entry is None and cutting and lemma != "end" and obj is not None:
            hit = self._event_noun(obj)  # talks or visits ended early are ended, not cut
            if hit is not None and hit[0].type == "CONSULT":
                entry = CUT_TALKS  # "suspended the negotiations with X", "called off its visit"
                self.used_nouns.add(hit[1].i)
        complement = self._complement(verb)
        if (
            entry is None
            and lemma in MOVING
            and (
                _sent_somewhere(verb)
                or complement is None
                or complement.lemma_.lower() in ADVANCING
            )
        ):  # "ordered troops to the border", "... to sail toward X", not "to withdraw"
            entry = self._deployment(obj)
        if entry is None and deadline_given(verb) is not None:
            entry = ULTIMATUM  # "gave X a week to withdraw or face ..."
        if entry is None:
            entry = self.lex.verbs.get(lemma)
        if (
            entry is not None
            and entry.reverse
            and lemma in GREETING
            and obj is not None
            and not passive
            and not self._names_visitor(obj)
        ):
            entry = APPROVAL  # "welcomed X's decision": backing X, not a visit
        if entry is None and lemma in LEAVING - {"go"} and self._armed(verb, passive):
            entry = WITHDRAWAL  # "the troops left X": a withdrawal from X
        if entry is None:
            return None
        return self._arguments(verb, entry, obj, passive, how)

    def _deployment(self, obj: Token | None) -> Entry | None:
        """A MOBILIZE entry when what is moved is armed men or police, counted or not."""
        head = obj
        while head is not None and (head.like_num or head.lemma_.lower() in COUNTING):
            counted = object_of(head, ("of",))
            if counted is None:  # "a carrier strike group": the words before say what
                break
            head = counted
        if head is None:
            return None
        words = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children
                                        if c.dep_ in ("compound", "amod", "conj")}  # fmt: skip
        if words & POLICE:
            return Entry("MOBILIZE", "police", object="theme", targets=DEPLOY_TO)
        if words & ARMED:
            return Entry("MOBILIZE", "troops", object="theme", targets=DEPLOY_TO)
        return None

    def _withdrawable(self, obj: Token | None) -> bool:
        """Whether what is withdrawn is forces, people or arms (or left unsaid)."""
        if obj is None or self.index.actor_at(obj.i) is not None:
            return True
        lemma = obj.lemma_.lower()
        return lemma in ARMED or lemma in PERSONNEL or self.lex.aid_things.get(lemma) == "military"

    def _aid_in(self, amount: Token | None) -> Token | None:
        """The aid an amount is counted in ("50 million euros in aid", "$1bn of loans")."""
        if amount is None:
            return None
        for prep in amount.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                for noun in prep.children:
                    if noun.dep_ == "pobj" and self._aid_mode(noun) is not None:
                        return noun
        return None

    def _decreed_lifting(self, verb: Token, obj: Token, passive: bool) -> Candidate | None:
        """ "X ordered the lifting of sanctions on Y": X lifts them, a concession to Y."""
        lifted = object_of(obj, ("of",)) if obj.lemma_.lower() in LIFTING_NOUNS else None
        cand = self._stopped_act(verb, lifted, passive, trade=False) if lifted else None
        if cand is not None:
            self.used_nouns.add(obj.i)
        return cand

    def _stopped_act(
        self, verb: Token, obj: Token, passive: bool, trade: bool = True
    ) -> Candidate | None:
        """ "X halted its strikes on Y": a de-escalation towards Y, not the strikes; "halted
        exports to Y": a cut in trade with Y (when `trade`)."""
        if trade and obj.lemma_.lower() in TRADE_NOUNS:
            return self._light_verb_event(verb, obj, CUT_TRADE, passive)
        hit = self._event_noun(obj)
        if hit is None or hit[0].type not in DE_ESCALATION or self._not_event(hit[1]):
            return None  # "ended a long legal battle": no fighting stopped
        etype, mode = DE_ESCALATION[hit[0].type]
        entry = Entry(etype, mode, targets=hit[0].targets)
        self.used_nouns.add(hit[1].i)
        return self._light_verb_event(verb, hit[1], entry, passive)

    def _part_in(self, verb: Token) -> tuple[Entry, Token] | None:
        """The event noun of "took part / participated / engaged in N"."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for noun in prep.children:
                    if noun.dep_ == "pobj":
                        return self._event_noun(noun)
        return None

    def _lemma(self, verb: Token) -> str:
        """The verb's lemma, or the lexicon's form of it when the tagger's lemma is no word
        the lexicon knows ("staged" lemmatised as "stag")."""
        lemma = verb.lemma_.lower()
        if lemma in self.lex.verbs or lemma in self.lex.light_verbs:
            return lemma
        text = verb.lower_
        if verb.tag_ in ("VBD", "VBN") and text.endswith("ed"):
            for form in (text[:-1], text[:-2]):
                if form in self.lex.verbs or form in self.lex.light_verbs:
                    return form
        return lemma

    def _object(self, verb: Token, passive: bool) -> Token | None:
        if passive_participle(verb):  # "a leader backed by X": the leader
            head = verb.head
            while head.dep_ == "appos" and head.head.i != head.i:
                head = head.head
            return head
        deps = ("nsubjpass",) if passive else ("dobj",)
        for child in verb.children:
            if child.dep_ in deps:
                return child
        return None

    def _second_words(self, verb: Token, obj: Token | None) -> Iterable[str]:
        for child in verb.children:
            if child.dep_ in ("prt", "advmod", "prep") and child.lower_ in PARTICLES:
                yield child.lower_
            if child.dep_ == "dobj" and child is not obj:  # "was granted asylum": the theme
                yield child.lemma_.lower()
        if obj is not None:
            yield from self._noun_keys(obj)
            yield obj.lemma_.lower()
            if obj.lemma_.lower() in MEASURES | DOCUMENTS:  # "suspended part of a programme"
                for prep in obj.children:
                    if prep.lower_ == "of":
                        yield from (g.lemma_.lower() for g in prep.children if g.dep_ == "pobj")
        for child in verb.children:
            if child.dep_ == "xcomp":
                yield child.lemma_.lower()
                for grand in child.children:
                    if grand.dep_ == "dobj":
                        yield grand.lemma_.lower()
            if child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        yield pobj.lemma_.lower()

    def _noun_keys(self, noun: Token) -> list[str]:
        mods = [c for c in noun.children if c.dep_ in ("compound", "amod")]
        return [f"{m.lemma_.lower()} {noun.lemma_.lower()}" for m in mods]

    def _event_noun(self, noun: Token) -> tuple[Entry, Token] | None:
        """The lexicon entry of an event noun, looking through measures ("days of drills")."""
        for _ in range(2):
            for key in [*self._noun_keys(noun), noun.lemma_.lower(), noun.lower_]:
                if key in self.lex.nouns:
                    return self.lex.nouns[key], noun
            if noun.lemma_.lower() not in MEASURES:
                return None
            inner = [g for c in noun.children if c.lower_ == "of" for g in c.children
                     if g.dep_ == "pobj"]  # fmt: skip
            if not inner:
                return None
            noun = inner[0]
        return None

    def _light_verb_event(
        self, verb: Token, noun: Token, entry: Entry, passive: bool
    ) -> Candidate | None:
        """ "X launched an attack on Y", "X held talks with Y", "X imposed sanctions on Y"."""
        sources = self._agent_actors(verb) if passive else self._subject_actors(verb)
        targets = self._prep_actors(noun, entry.targets)
        targets = targets or self._prep_actors(
            verb, (*entry.targets, *(("to",) if entry.type in PARTY_TYPES else LOOSE))
        )
        targets = targets or self._dative_actors(verb)
        if not targets and entry.type == "AID" and noun.dep_ == "dobj":
            targets = self._fused_recipient(verb, noun, {a.id for a in sources})
        targets = targets or self._phrase_actors(noun, _fallback_preps(entry.type), objects=False)
        if not targets and entry.type in ("REQUEST", "THREATEN"):
            # "renewed its demand that X ...": the clause hangs from the noun or the verb
            found = self._clause_subject_actors(noun) or self._clause_subject_actors(verb)
            targets = [a for a in found if a not in sources]
        return self._candidate(verb, entry, sources, targets, 0.75, "light-verb", noun=noun)

    def _arguments(
        self, verb: Token, entry: Entry, obj: Token | None, passive: bool, how: str
    ) -> Candidate | None:
        """Source and target of a verb event from its subject, object and prepositions."""
        subject_actors = self._agent_actors(verb) if passive else self._subject_actors(verb)
        object_actors = self.actors_of(obj) if entry.object != "none" else []
        mode = entry.mode
        etype = entry.type
        if entry.object == "theme" and entry.mode == "needs-object" and obj is None:
            return None
        if entry.mode == "needs-object":
            mode = None
        theme_verb = entry.object == "theme" and bool(object_actors)
        with_theme = object_of(verb, ("with",)) if theme_verb else None
        if theme_verb and passive and with_theme is None:
            # "X was granted asylum by Y": the passive's subject received the theme
            with_theme = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if (
            etype == "RETREAT"
            and self._lemma(verb) in ("withdraw", "pull")
            and not self._withdrawable(obj)
        ):
            return None  # "withdrew its candidate", "withdrew the bill": no retreat
        if entry.type == "AID" and entry.object == "theme":
            theme = with_theme or obj  # "supplied X with weapons": the weapons are given to X
            kind = self._aid_mode(theme)
            if (
                kind is None
                and mode is None
                and not (theme is not None and self._event_noun(theme))
            ):
                return None  # "sent a letter": not aid
            mode = (kind if kind != "unspecified" else None) or mode
            object_actors = object_actors if with_theme is not None else []
        if entry.reverse and obj is not None and not self._names_visitor(obj):
            object_actors = []
            noun = self._event_noun(obj)
            parties = self._prep_actors(obj, ("between",))
            if noun is not None and noun[0].type == "CONSULT" and len(parties) > 1:
                # "X will host talks between Y and Z": a meeting of Y and Z hosted by a third
                hosted = Candidate(verb, "CONSULT", "third-party", parties, [], 0.7, "hosted")
                return hosted
            if (
                noun is not None
                and noun[0].type == "CONSULT"
                and subject_actors
                and not bare_definite(noun[1])
            ):
                # "X hosted a summit of leaders": the host meets those who come; "the talks"
                # named before are others' talks it only houses
                return Candidate(verb, "CONSULT", "host", subject_actors, parties, 0.7, "verb")
        if entry.reverse:
            sources = self._prep_actors(verb, entry.sources) or object_actors
            targets = subject_actors
            if not object_actors and obj is not None and not entry.sources:
                return None
            if not object_actors and obj is not None:
                kind = self._aid_mode(obj)
                if kind is not None:
                    etype, mode = "AID", (kind if kind != "unspecified" else None)
                elif (noun := self._event_noun(obj)) is not None:
                    etype, mode = noun[0].type, noun[0].mode
                sources = sources or self._own_actor(obj, 1)
        else:
            sources = subject_actors
            own = {a.id for a in sources}  # "recalled its ambassador from X": X, not itself
            if etype == "MOBILIZE":  # "put its army on alert near X": the army is its own
                own |= {a.id for a in object_actors if _same_country(a, sources)}
            # a theme verb's object is its target only when "with" names the theme
            targets = [] if entry.object == "theme" and with_theme is None else [
                a for a in object_actors if a.id not in own]  # fmt: skip
            targets = targets or self._prep_actors(verb, entry.targets, exclude=sources)
            targets = targets or self._dative_actors(verb)
            if not targets and etype == "AID" and obj is not None:
                targets = self._fused_recipient(verb, obj, own)
            if not targets and obj is not None:
                targets = self._phrase_actors(
                    obj, (*entry.targets, *_fallback_preps(etype)), objects=False, exclude=own
                )
            if not targets and entry.object == "theme" and (aid := self._aid_in(obj)):
                targets = self._phrase_actors(aid, entry.targets, objects=False, exclude=own)
            named = object_of(obj, ("of",)) if obj is not None and not targets else None
            if named is not None and self.index.actor_at(named.i) is None:
                # "signed a memorandum of understanding with X": the phrase hangs lower
                targets = self._phrase_actors(named, entry.targets, objects=False, exclude=own)
            if not targets:
                targets = self._phrase_actors(verb, _loose_preps(etype), objects=False, exclude=own)
            if entry.sources:
                sources = self._prep_actors(verb, entry.sources) or sources
        if etype == "AID" and mode == "military" and not targets:
            approach = self._prep_actors(verb, APPROACH_PREPS, exclude=sources)
            things = [obj, *(c for c in obj.children if c.dep_ == "conj")] if obj else []
            for thing in things:
                approach = approach or self._prep_actors(thing, APPROACH_PREPS, exclude=sources)
            if approach:  # "sent warships towards X": a show of force, not aid
                etype, mode, targets = "MOBILIZE", "weapons", approach
        if etype == "MOBILIZE" and obj is not None and _is_joint(obj):
            etype, mode = "COOPERATE", None  # "deployed a joint force": military cooperation
        if (
            etype == "SANCTION"
            and mode == "expel"
            and obj is not None
            and obj.lemma_.lower() in DEPORTABLE
        ):
            etype, mode = "COERCE", "deport"  # "expelled two journalists": not envoys
        if etype == "CONSULT" and mode is None and _remote(verb):
            mode = "phone"  # "spoke by telephone", "talked via video link"
        if etype == "CONSULT" and mode == "visit" and self._armed(verb, passive):
            etype, mode = (
                ("AID", "military") if self._peacekeeping(verb) else ("MOBILIZE", "troops")
            )
        if etype == "MOBILIZE" and any(
            c.dep_ in ("prt", "advmod") and c.lower_ in ("away", "back") for c in verb.children
        ):
            etype, mode = "RETREAT", "withdraw"  # "moved its troops back from X"
            targets = targets or self._prep_actors(verb, ("from",), exclude=sources)
        if etype == "ASSAULT" and verb.lemma_.lower() in RAIDING and _policing(sources):
            etype, mode = "COERCE", "confiscate"  # a police raid is a search, not an attack
        if etype == "ASSAULT" and verb.lemma_.lower() in TAKING_OVER and _civilian(sources):
            etype, mode = "PROTEST", "riot"  # protesters storming a building riot
        if passive and not sources and obj is not None and entry.mutual:
            parties = self._prep_actors(obj, ("between", "among"))
            if len(parties) > 1:  # "relations between X and Y were established"
                sources, targets = parties, []
        if passive and entry.undergoer and not sources:
            # "their soldiers were driven back": the soldiers retreated; "troops were put on
            # alert": the troops are mobilised
            etype, mode = entry.undergoer, mode if entry.undergoer == etype else None
            sources, targets = object_actors, [t for t in targets if t not in object_actors]
        if passive and not sources and etype == "SANCTION" and mode == "expel":
            sources = [  # "X was expelled from the bloc": by the bloc
                a for a in self._prep_actors(verb, ("from",))
                if a.type == "InternationalOrganization"
            ]  # fmt: skip
        if passive and not sources and etype == "COERCE":
            sources = self._scene_state(verb, mode)  # "X was arrested in Iran": by Iran
        complement = self._complement(verb)
        if etype == "MOBILIZE" and not targets and complement is not None:
            targets = self._prep_actors(complement, DEPLOY_TO, exclude=sources)  # "to sail to X"
        if etype == "CONCEDE" and _lets_in(verb, obj, complement):
            etype, mode = "RETREAT", "access"  # "allowed aid convoys to enter"
        if not targets and etype == "REQUEST" and complement is not None:
            # "demanded that X free Y": X is asked, Y only named in the demand
            subjects = statements.clause_subject(complement)
            targets = [a for s in subjects for a in self.actors_of(s) if a not in sources]
        if not targets and complement is not None:
            targets = self._complement_targets(complement, sources)
        if not targets and (entry.type in ("REQUEST", "ACCUSE") or lemma_controls_object(verb)):
            targets = [  # "allowed X to stand", "demanded X go"
                a for a in self._clause_subject_actors(verb) if a not in sources
            ]
        if not targets and etype == "THREATEN":
            targets = self._condition_actors(verb, complement, sources)
        deed = obj if obj is not None else _free_relative(verb)
        repelled = etype == "ASSAULT" and obj is not None and self._event_noun(obj) is not None
        judged = etype in ("ACCUSE", "REJECT", "REQUEST", "SUPPORT") or repelled
        judged = judged or (
            etype == "AGREE"
            and obj is not None
            and (bool(self._event_noun(obj)) or obj.lemma_.lower() in DEEDS)
        )
        if not targets and judged and deed is not None:
            targets = self._doer_of_deed(deed, sources)  # "condemned the attack by X"
        if not targets and etype == "REJECT":
            targets = self._pressing(verb, sources)  # "refused despite calls from X"
        if not targets and etype in ("ASSAULT", "COERCE", "RETREAT", "AID"):
            # "fired to disperse X", "opened the bridge to allow deliveries to X"
            targets = self._purpose_targets(verb, sources)
        mutual = entry.mutual and len(sources) > 1  # "X and Y clashed in Z": with each other
        if not targets and etype == "ASSAULT" and not passive and not mutual:
            targets = self._struck_place(verb, obj, sources)  # "hit a market in X"
        if not targets and etype == "MOBILIZE" and not passive:
            targets = self._struck_place(verb, obj, sources, deep=True)  # "towards X's border"
        if etype == "AGREE" and (
            (complement is not None and self._hostile_complement(complement))
            or (obj is not None and self._hostile_noun(obj))
        ):
            return None  # "agreed to impose sanctions", "proposed sanctions": no cooperation
        if etype == "SUPPORT" and obj is not None and self._hostile_noun(obj):
            # backing a hostile act backs its doer ("backed the attack by X"); approving one
            # with no other doer is the subject's own act, read from the noun
            targets = self._doer_of_deed(obj, sources)
            if not targets and not passive:  # "by X" parsed as the verb's own
                targets = [a for a in self._prep_actors(verb, ("by",)) if a not in sources]
            if not targets:
                return None
        if (
            etype in CONDITIONING
            and verb.lemma_.lower() in EXPELLING
            and _to_leave(complement, verb)
        ):
            etype, mode = "SANCTION", "expel"  # "ordered the ambassador to leave": expelled
        if etype == "THREATEN" and obj is None and self._warns_of_others(verb, sources):
            return None  # "X warned that Y could attack": a statement about Y, no threat
        if etype == "THREATEN" and obj is None and _warns_of_past(verb):
            return None  # "X warned that such missions had failed before": no threat
        if entry.untargeted and not targets:
            # a launch at no one: a show of force, readiness of weapons
            etype, mode = entry.untargeted, "weapons" if entry.untargeted == "MOBILIZE" else None
        if entry.target == "required" and not targets:
            return None
        confidence = 0.8 if how == "phrase" else 0.7
        if passive:
            confidence -= 0.05
        cand = self._candidate(verb, Entry(etype, mode, joint=entry.joint, mutual=entry.mutual),
                               sources, targets, confidence, how)  # fmt: skip
        if cand is not None:
            cand.complement = complement
        return cand

    def _scene_state(self, verb: Token, mode: str | None) -> list[Actor]:
        """The state whose territory an agentless coercion happens in ("was detained in
        Tehran", "was deported from Belarus"): its authorities did it. Only a country the
        text names is taken."""
        preps = ("in", "from") if mode == "deport" else ("in",)
        place = object_of(verb, preps)
        inner = object_of(place, ("in",)) if place is not None else None  # "in a jail in X"
        for token in (place, inner):
            actor = self.index.actor_at(token.i) if token is not None else None
            if actor is None or actor.type not in ("Country", "Location") or not actor.country:
                continue
            return [a for a in self.index.actors
                    if a.type == "Country" and a.country == actor.country][:1]  # fmt: skip
        return []

    def _candidate(
        self,
        trigger: Token,
        entry: Entry,
        sources: list[Actor],
        targets: list[Actor],
        confidence: float,
        how: str,
        noun: Token | None = None,
    ) -> Candidate | None:
        if not sources:
            return None
        targets = [t for t in targets if t not in sources]
        etype, mode = entry.type, entry.mode
        joint = entry.joint or (self.lex.nouns.get(noun.lemma_.lower()) if noun else None)
        if isinstance(joint, Entry):
            joint = joint.joint
        if joint and (len(sources) > 1 or (noun is not None and _is_joint(noun))):
            etype, mode = joint, None
        elif etype == "MOBILIZE" and not targets:  # "held drills near X": aimed at X
            near = ("near", "around", "off", "along", "against")
            targets = [
                t
                for t in (self._prep_actors(noun, near) if noun is not None else [])
                or self._prep_actors(trigger, near)
                if t not in sources
            ]
        return Candidate(trigger, etype, mode, sources, targets, round(confidence, 2), how,
                         mutual=entry.mutual)  # fmt: skip

    def _fused_recipient(self, verb: Token, obj: Token, own: set[str]) -> list[Actor]:
        """The recipient of "gave X food aid" that the parser glued onto the thing given as
        a modifier: a named actor right after the verb, at the start of the object."""
        first = obj.left_edge
        if first.i != verb.i + 1 or first.i == obj.i or first.dep_ not in _MODIFIER_DEPS:
            return []
        head = first
        while head.dep_ in _MODIFIER_DEPS and head.head.i != obj.i and head.head.i != head.i:
            head = head.head  # "Costa Rica", "Syrian refugees": the head of the name
        if head.dep_ not in ("compound", "nmod"):
            return []  # "military assistance": a kind of aid
        actor = self.index.actor_at(head.i)
        if actor is None or actor.id in own or actor.type not in RECIPIENTS:
            return []
        return [actor]

    def _names_visitor(self, obj: Token) -> bool:
        """Whether an object names who came ("hosted Putin", "received a delegation"), not
        what came ("received aircraft")."""
        if self.index.actor_at(obj.i) is not None or obj.pos_ == "PROPN":
            return True
        return obj.lemma_.lower() in VISITORS

    def _subject_actors(self, verb: Token) -> list[Actor]:
        actors: list[Actor] = []
        for subject in statements.clause_subject(verb):
            if _after_bare_preposition(subject):
                # "A signed for X and B signed for Y", parsed with "X and B" as the subject
                # of the second clause: X belongs to the bare "for", B is the subject
                found = [a for c in subject.children if c.dep_ == "conj"
                         for a in self.actors_of(c)]  # fmt: skip
            else:  # "a bomb planted by X exploded": X
                found = self.actors_of(subject) or self._agent_of_participle(subject)
            actors += [a for a in found if a not in actors]
        if not actors and verb.dep_ == "conj":
            # "X visited Y as the war began, and met Z": the coordination hangs too low
            outer = verb.head
            for _ in range(3):
                if outer.head.i == outer.i:
                    break
                outer = outer.head
                if outer.pos_ in ("VERB", "AUX"):
                    found = [a for s in statements.clause_subject(outer) for a in self.actors_of(s)]
                    if found:
                        return found
        if not actors and verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "pobj"):
            governor = verb.head.head  # "issued a declaration demanding ...": the issuer
            if governor.dep_ == "prep":
                governor = governor.head
            if governor.pos_ in ("VERB", "AUX") and governor.i != verb.i:
                return self._subject_actors(governor)
        return actors

    def _armed(self, verb: Token, passive: bool) -> bool:
        """True when the subject of a movement verb is armed personnel ("troops arrived",
        "a first batch of troops arrived", "the army's units arrived")."""
        for subject in statements.clause_subject(verb):
            heads = [subject] + [g for c in subject.children if c.lower_ == "of"
                                 for g in c.children if g.dep_ == "pobj"]  # fmt: skip
            if any(h.lemma_.lower() in ARMED for h in heads):
                return True
            if any(a.type == "MilitaryForce" for a in self.actors_of(subject)):
                return True
        return False

    def _peacekeeping(self, verb: Token) -> bool:
        return any(
            "peacekeep" in t.lower_ for s in statements.clause_subject(verb) for t in s.subtree
        )

    def _agent_actors(self, verb: Token) -> list[Actor]:
        return self._prep_actors(verb, ("by",), deps=("agent", "prep"))

    def _prep_actors(
        self,
        head: Token,
        preps: Iterable[str],
        deps: tuple[str, ...] = ("prep",),
        exclude: Iterable[Actor] = (),
    ) -> list[Actor]:
        """Actors in the phrases of the first preposition (in the order given) that names
        any; `exclude` skips the doer's own things ("to its border with X": X)."""
        own = {a.id for a in exclude}
        children = [*head.children, *_out_of(head), *_by_means(head)]
        for prep in dict.fromkeys(preps):
            actors: list[Actor] = []
            for child in children:
                if child.dep_ not in deps or child.lower_ != prep:
                    continue
                for pobj in _shared_objects(child):
                    found = self._answerable(pobj)
                    found = [a for a in found if a.id not in own]
                    if not found and own:
                        found = self._phrase_actors(pobj, TARGET_PREPS, 1, False, own)
                    actors += [a for a in found if a not in actors]
            if actors:
                return actors
        return []

    def _dative_actors(self, verb: Token) -> list[Actor]:
        actors: list[Actor] = []
        for child in verb.children:
            if child.dep_ in ("dative", "iobj"):
                actors += self.actors_of(child) or [
                    a for g in child.children if g.dep_ == "pobj" for a in self.actors_of(g)
                ]
        return actors

    def _clause_subject_actors(self, verb: Token) -> list[Actor]:
        """The subject of the clause a verb (or noun) governs ("demanded that X withdraw",
        "the demand that X withdraw": X)."""
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp", "acl"):
                for subject in child.children:
                    if subject.dep_ in ("nsubj", "nsubjpass"):
                        return self.actors_of(subject)
        return []

    def _complement(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "xcomp":
                return child
        return None

    def _complement_targets(self, clause: Token, exclude: Iterable[Actor] = ()) -> list[Actor]:
        """Who an intended act is aimed at ("threatened to ban X", "offered to talk with X");
        the actor's own things ("agreed to reopen its border to X") are not the target."""
        own = {a.id for a in exclude}
        for _ in range(3):
            for child in clause.children:
                if child.dep_ in ("dobj", "dative"):
                    found = [a for a in self.actors_of(child) if a.id not in own]
                    if found:
                        return found
            for child in clause.children:
                if child.dep_ == "prep":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("DATE", "TIME"):
                            found = [a for a in self.actors_of(pobj) if a.id not in own]
                            if found:
                                return found
            if lemma_controls_object(clause):  # "refused to allow X to enter": X
                found = [a for a in self._clause_subject_actors(clause) if a.id not in own]
                if found:
                    return found
            nxt = self._complement(clause)
            if nxt is None:
                return []
            clause = nxt
        return []

    def _condition_actors(
        self, verb: Token, complement: Token | None, exclude: Iterable[Actor]
    ) -> list[Actor]:
        """The one a threat is aimed at: whoever must act to set it off ("threatened to leave
        the talks if X deployed missiles", "... unless X withdrew")."""
        own = {a.id for a in exclude}
        clauses = [verb] + ([complement] if complement is not None else [])
        for clause in clauses:
            for child in clause.children:
                if not statements.is_condition(child):
                    continue
                found = [a for s in statements.clause_subject(child) for a in self.actors_of(s)]
                found = [a for a in found if a.id not in own]
                if found:
                    return found
        return []

    def _doer_of_deed(self, obj: Token, exclude: Iterable[Actor]) -> list[Actor]:
        """Who did the deed a verb condemns or rejects: the source of the event noun in its
        object ("condemned the attack by X", "denounced X's invasion", "rejected a plan
        drawn up by X")."""
        own = {a.id for a in exclude}
        for token in obj.subtree:
            if token.pos_ not in ("NOUN", "PROPN") or (
                self._event_noun(token) is None and token.lemma_.lower() not in DEEDS
            ):
                continue
            found = []
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    found += self.actors_of(child)
            found = found or self._prep_actors(token, ("by", "from"))
            found = found or self._agent_of_participle(token)
            hit = self._event_noun(token)
            if not found and hit is not None and hit[0].mode in ("withdraw", "resign"):
                found = self._prep_actors(token, ("of",))  # "the withdrawal of X's troops"
            found = [a for a in found if a.id not in own]
            if found:
                return found
        if obj.pos_ in ("VERB", "AUX"):  # "what it called an invasion by X", "by X" misplaced
            return [a for a in self._prep_actors(obj, ("by",)) if a.id not in own]
        return self._agent_of_participle(obj)

    def _answerable(self, noun: Token, depth: int = 0) -> list[Actor]:
        """Who a phrase an act is aimed at names: its own actor, else whoever did what it
        names ("a strike over a bill signed by X", "crimes committed by X against Y": X),
        else the actors of its modifiers."""
        if self.index.actor_at(noun.i) is not None:
            return self.actors_of(noun, depth)
        return self._agent_of_participle(noun) or self.actors_of(noun, depth)

    def _agent_of_participle(self, noun: Token) -> list[Actor]:
        """The "by" agent of a participle describing a noun ("a law passed by X": X)."""
        for child in noun.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                found = self._agent_actors(child)
                if found:
                    return found
        return []

    def _warns_of_others(self, verb: Token, sources: list[Actor]) -> bool:
        """Whether a warning only says what harm someone else may do ("X warned that Y
        could attack Z", "Y could join the war, X warned"), rather than threatening; a
        warning that another's deed "could lead to war" stays a threat."""
        if verb.lemma_.lower() not in ("warn", "caution"):
            return False
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
            clauses.append(verb.head)
        for clause in clauses:
            if not self._hostile_complement(clause):
                continue
            doers = [a for s in statements.clause_subject(clause) for a in self.actors_of(s)]
            if doers and not _speaks_for(sources, doers):
                return True
        return False

    def _pressing(self, verb: Token, exclude: Iterable[Actor]) -> list[Actor]:
        """Who pressed for what a refusal turns down: the X of "despite calls / pressure /
        demands from X" said of the refusal or of the verb it governs."""
        own = {a.id for a in exclude}
        clauses = [verb, verb.head, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp"))]
        for clause in clauses:
            for prep in clause.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("despite", "against"):
                    continue
                for noun in prep.children:
                    if noun.dep_ == "pobj":
                        found = self._prep_actors(noun, ("by", "from", "of"), exclude=exclude)
                        found = [a for a in found if a.id not in own]
                        if found:
                            return found
        return []

    def _purpose_targets(self, verb: Token, exclude: Iterable[Actor]) -> list[Actor]:
        """Whom force is used on, named by the object of its purpose ("opened fire to
        disperse X"); the place of the purpose ("... X in Cairo") is not its target."""
        own = {a.id for a in exclude}
        for child in verb.children:
            if child.dep_ in ("advcl", "xcomp") and infinitive(child):
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        return [a for a in self.actors_of(obj) if a.id not in own]
        return []

    def _struck_place(
        self, verb: Token, obj: Token | None, sources: list[Actor], deep: bool = False
    ) -> list[Actor]:
        """The country or place where an attack on unnamed people or things fell ("killed ten
        soldiers in northern X", "shelled a village near X"): the attack is on that place,
        unless it is the attacker's own country. `deep` also searches the object's own
        phrase, for forces moved or readied "near the border with X"."""
        heads = [verb] + ([obj] if obj is not None and obj.i != verb.i else [])
        if deep and obj is not None:  # "the alert level of its navy near its border with X"
            heads += [t for t in obj.subtree if t.i != obj.i and t.pos_ in ("NOUN", "PROPN")]
        own = {a.country for a in sources if a.country} | {a.id for a in sources}
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or not (
                    prep.lower_ in STRUCK_PREPS or (prep.lower_ == "with" and _after_border(prep))
                ):
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    found = self.actors_of(pobj) or self._phrase_actors(
                        pobj, STRUCK_PREPS, 1, objects=False
                    )
                    found = [a for a in found if a.type in ("Country", "Location")]
                    if found and not any(a.id in own or a.country in own for a in found):
                        return found
        return []

    def _hostile_noun(self, noun: Token) -> bool:
        """Whether a noun names a hostile act ("sanctions", "an attack")."""
        hit = self._event_noun(noun)
        return hit is not None and hit[0].type in MATERIAL_CONFLICT | {"THREATEN"}

    def _hostile_complement(self, clause: Token) -> bool:
        """Whether the act a verb of agreeing governs is a hostile one ("agreed to impose
        sanctions", "vowed to attack"): no cooperation is on offer. Only the clause's own
        verb, or the act it does or prepares, counts: "agreed to end the attacks" is an offer."""
        lemma = clause.lemma_.lower()
        entry = None
        obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
        if obj is not None and _is_joint(obj):
            return False  # "agreed to deploy a joint force": cooperation between them
        if any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together") for c in clause.children):
            return False  # "agreed to jointly fight the cartels": they cooperate
        if lemma in self.lex.light_verbs or lemma in PREPARING:
            hit = self._event_noun(obj) if obj is not None else None
            if hit is None and obj is not None and not self.actors_of(obj):
                return False  # "agreed to hold elections": no act of the lexicon's
            entry = hit[0] if hit else None
        entry = entry or self.lex.verbs.get(lemma)
        return entry is not None and entry.type in MATERIAL_CONFLICT | {"THREATEN"}

    def _aid_mode(self, obj: Token | None) -> str | None:
        if obj is None:
            return None
        words = [obj.lemma_.lower()] + [
            c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")
        ]
        words += [g.lemma_.lower() for c in obj.children if c.dep_ == "conj" for g in [c]]
        words += [g.lemma_.lower() for c in obj.children if c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        for word in words:
            if word in self.lex.aid_things:
                return self.lex.aid_things[word]
        for word in words:
            noun = self.lex.nouns.get(word)
            if noun is not None and noun.type == "AID":
                return noun.mode or "unspecified"
        return None

    def commitments(self, found: list[Candidate]) -> list[Candidate]:
        """ "X is willing / ready / committed to do Y": a stated willingness to cooperate
        (PLOVER AGREE), when Y is no event of its own that says more."""
        triggers = {c.trigger.i for c in found}
        out = []
        for word in self.sent:
            if word.lemma_.lower() not in WILLINGNESS and word.lower_ not in WILLINGNESS:
                continue
            clause = next((c for c in word.children if c.dep_ == "xcomp"), None)
            if clause is None:
                clause = next((g for c in word.children if c.dep_ == "prep" and c.lower_ == "to"
                               for g in c.children if g.dep_ == "pcomp"), None)  # fmt: skip
            if clause is None or any(t.i in triggers for t in clause.subtree):
                continue  # the act itself says more ("prepared to resume shelling")
            holder = word if word.pos_ == "VERB" else word.head
            sources = self._subject_actors(holder)
            if sources:
                targets = self._complement_targets(clause)
                out.append(Candidate(word, "AGREE", None, sources, targets, 0.6, "willingness"))
        return out

    def verdicts(self) -> list[Candidate]:
        """What a speaker's verdict on something does: "X said that Y is out of the
        question" rejects Y (REJECT), aimed at whoever Y concerns ("removing sanctions on Z":
        Z); "X said Y was behind the attack" blames Y (ACCUSE)."""
        speech = statements.cues().speech
        out = []
        for verb in self.sent:
            if speech.get(verb.lemma_.lower()) != "reported":
                continue
            for clause in verb.children:
                if clause.dep_ != "ccomp" or clause.lemma_ != "be":
                    continue
                speaker = statements.speaker_of(verb)
                sources = self.actors_of(speaker) if speaker is not None else []
                subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
                behind = object_of(clause, ("behind",))
                deeds = (
                    [behind, *(c for c in clause.children if c.dep_ == "attr")] if behind else []
                )
                if (
                    sources
                    and subject is not None
                    and any(self._hostile_noun(d) for d in deeds if d is not None)
                ):  # "X said Y was behind the attack": X blames Y
                    doers = [a for a in self.actors_of(subject) if a not in sources]
                    out.append(Candidate(clause, "ACCUSE", None, sources, doers, 0.6, "verdict"))
                    continue
                predicate = " ".join(t.lower_ for t in clause.subtree if t.i > clause.i)
                if not any(phrase in predicate for phrase in self.lex.rejections):
                    continue
                targets = self._phrase_actors(subject, TARGET_PREPS) if subject is not None else []
                if sources:
                    out.append(Candidate(clause, "REJECT", None, sources, targets, 0.6, "verdict"))
        return out

    def appraisals(self, triggers: set[int]) -> list[Candidate]:
        """ "X called the accord a milestone", "described Y's move as a mistake": naming
        something with praise is X's SUPPORT, with blame X's ACCUSE, aimed at the actors the
        thing named belongs to (none for a bare "the deal")."""
        out = []
        for verb in self.sent:
            if verb.i in triggers or verb.lemma_.lower() not in self.lex.naming_verbs:
                continue
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if not objects:
                continue
            predicate = next((c for c in verb.children if c.dep_ in ("oprd", "acomp")), None)
            predicate = predicate or (objects[1] if len(objects) > 1 else None)
            predicate = predicate or _as_phrase(verb)
            etype = self._appraisal(predicate) if predicate is not None else None
            sources = self._subject_actors(verb)
            if etype is None or not sources:
                continue
            targets = [a for a in self.actors_of(objects[0]) if a not in sources]
            out.append(Candidate(verb, etype, None, sources, targets, 0.6, "appraisal"))
        return out

    def _appraisal(self, predicate: Token) -> str | None:
        """SUPPORT or ACCUSE as the words of a predicate praise or blame ("a milestone",
        "a historic step", "a grave mistake", "illegal"); the head noun speaks first."""
        words = [predicate, *(c for c in predicate.children if c.dep_ in ("amod", "compound"))]
        words += [c for c in predicate.children if c.dep_ == "advmod"]
        for word in words:
            lemma = word.lemma_.lower()
            if lemma in self.lex.praise or word.lower_ in self.lex.praise:
                return "SUPPORT"
            if lemma in self.lex.blame or word.lower_ in self.lex.blame:
                return "ACCUSE"
        return None

    # -- nouns --------------------------------------------------------------------------
    def _not_event(self, noun: Token) -> bool:
        """Compounds that only look like event nouns ("press release", "news conference")."""
        return any(key in self.lex.not_events for key in self._noun_keys(noun))

    def noun_events(self, used: set[int]) -> list[Candidate]:
        """Events named by nouns: "X's visit to Y", "Western sanctions on Y"."""
        found = []
        for token in self.sent:
            if token.i in used or not (token.pos_ in ("NOUN", "PROPN") or _gerund_noun(token)):
                continue
            if self.index.actor_at(token.i) is not None:
                continue
            hit = self._event_noun(token)
            if hit is None or hit[1].i != token.i or self._not_event(token):
                continue
            entry = hit[0]
            if token.dep_ in ("dobj", "nsubjpass") and token.head.i in used:
                continue  # the verb's own event covers it ("condemned the attack")
            if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
                continue  # a modifier names a kind of thing: "war crimes", "strike force"
            if self._what_is_judged(token):
                continue  # "reneged on its commitment": the commitment is what is rejected
            cand = self._noun_event(token, entry)
            if cand is not None:
                found.append(cand)
        return found

    def _what_is_judged(self, noun: Token) -> bool:
        """Whether a noun is what a verb of agreeing, backing, asking or rejecting is about,
        through one of that verb's own prepositions ("reneged on the pledge", "agreed to
        the plan")."""
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return False
        verb = noun.head.head
        entry = self.lex.verbs.get(verb.lemma_.lower())
        return (
            entry is not None
            and entry.type in ("REJECT", "AGREE", "SUPPORT", "REQUEST")
            and noun.head.lower_ in entry.targets
        )

    def _noun_event(self, noun: Token, entry: Entry) -> Candidate | None:
        sources: list[Actor] = []
        for child in noun.children:
            if child.dep_ == "compound" and noun.lemma_.lower() in SCENE_EVENTS:
                continue  # "the Sudan war", "the Gaza conflict": where, not who
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                sources += [a for a in self.actors_of(child) if a not in sources]
        sources = sources or self._prep_actors(noun, ("by", *entry.sources))
        confidence = 0.6
        preparer = _preparing_verb(noun)
        if not sources and preparer is not None:
            sources = self._subject_actors(preparer)  # "X agreed to prepare sanctions on Y"
        if not sources and noun.dep_ == "pobj" and noun.head.lower_ == "under":
            # "Y came under attack from X": X attacks
            sources = self._prep_actors(noun, ("from", "by")) or self._prep_actors(
                noun.head.head, ("from", "by")
            )
        drawn = noun.dep_ == "dobj" and noun.head.lemma_.lower() in DRAWING
        if not sources and drawn:  # "drawing criticism from X", "from X" hung on the verb
            sources = self._prep_actors(noun.head, ("from", "by"))
        judge = _judged_for(noun)
        if judge is not None:  # "thanked X for their support", "condemned X for its attacks"
            doer = [a for c in judge.children if c.dep_ == "dobj" for a in self.actors_of(c)]
            owners = [c for c in noun.children if c.dep_ == "poss"]
            if doer and all(c.pos_ == "PRON" for c in owners):
                sources = doer
        thanker = judge if judge is not None and judge.lemma_.lower() in GRATEFUL else None
        mutual = False
        if not sources:
            parties = self._prep_actors(noun, ("between", "among"))
            if len(parties) > 1:  # "talks between X and Y", "clashes between X and Y"
                sources, mutual = parties, True
        verb = _governing_verb(noun)
        if (
            not sources
            and entry.type == "CONSULT"
            and noun.dep_ == "pobj"
            and noun.head.lower_ in ("for", "at", "during")
            and verb is not None
            and verb.lemma_.lower() not in statements.cues().speech
            and not any(c.dep_ == "nsubjpass" for c in verb.children)
            # "recalled its envoy for consultations" is no meeting; "arrived for talks" is
            and self.triggers.get(verb.i, "CONSULT") == "CONSULT"
        ):
            sources = self._subject_actors(verb)  # "X arrived for talks with Y"
            confidence = 0.5
        target_preps = entry.targets
        others = tuple(p for p in entry.targets if p != "of")
        if not sources and "of" in entry.targets and self._prep_actors(noun, others):
            sources = self._prep_actors(noun, ("of",))  # "the visit of X to Y": X visits
            target_preps = others
        targets = self._prep_actors(noun, target_preps)
        if entry.type == "AGREE" and _signed(noun):
            entry = Entry("SUPPORT", None, targets=entry.targets)  # "the signing of an accord"
        if not targets and thanker is not None:  # ... and the thanker had it
            targets = [a for a in self._subject_actors(thanker) if a not in sources]
        if not targets and drawn:
            targets = self._subject_actors(noun.head)  # "X did Y, drawing criticism from Z"
        if not targets and entry.type in ("REQUEST", "THREATEN"):
            # "the demand that X withdraw", "a call on X to leave"
            targets = [a for a in self._clause_subject_actors(noun) if a not in sources]
        if not targets and verb is not None and noun.dep_ == "pobj":
            prep = noun.head.lower_
            if entry.type in ("SUPPORT", "AID") and prep == "with":
                targets = self._subject_actors(verb)  # "did X with Y's backing": Y backs the doer
            elif entry.type in ("SANCTION", "ASSAULT", "COERCE") and prep in CAUSES:
                targets = self._subject_actors(verb)  # "due to sanctions, X finds ..."
            elif entry.type in REACTIONS and prep in ("despite", "amid"):
                targets = self._subject_actors(verb)  # "X voted despite objections from Y"
        cand = self._candidate(noun, entry, sources, targets, confidence, "noun", noun=noun)
        if cand is not None and mutual:
            cand.mutual = True
        return cand


# Prepositions naming the one an event noun the lexicon does not know is aimed at.
GENERIC_NOUN_TARGETS = ("against", "on", "to", "with", "into", "for")
# Reactions that a deed done "despite" or "amid" them is done against.
REACTIONS = frozenset({"ACCUSE", "REJECT", "PROTEST", "THREATEN", "REQUEST", "SANCTION"})
CAUSES = frozenset({"to", "of", "under", "amid", "despite", "from", "because", "due", "owing",
                    "after", "following"})  # fmt: skip


def _signed(noun: Token) -> bool:
    """Whether an agreement noun is what a signing noun names ("the signing of a deal")."""
    head = noun.head
    return (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lemma_.lower() in ("signing", "signature", "ratification", "conclusion")
    )


def _warns_of_past(verb: Token) -> bool:
    """Whether a warning's clause tells of the past ("warned that the plan had failed"): an
    assessment, not a threat of what is to come."""
    if verb.lemma_.lower() not in ("warn", "caution"):
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(clauses) and all(_past(c) for c in clauses)


def _past(clause: Token) -> bool:
    """A clause in a past or perfect tense ("failed", "had failed", "has failed")."""
    aux = [a for a in clause.children if a.dep_ == "aux"]
    if any(a.lower_ in ("had", "has", "have") for a in aux):
        return True
    return clause.tag_ == "VBD" and not any(a.tag_ == "MD" for a in aux)


def _stopping(verb: Token, lemma: str) -> bool:
    """Whether a verb stops what its object names ("halted", "called off")."""
    if lemma == "call":
        return any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
    return lemma in STOPPING


def _preparing_verb(noun: Token) -> Token | None:
    """The verb that prepares the act a noun names ("prepare a package of sanctions")."""
    head = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_ in MEASURES:
        head = noun.head.head
    if head.dep_ == "dobj" and head.head.lemma_.lower() in PREPARING:
        return head.head
    return None


def _gerund_noun(token: Token) -> bool:
    """A gerund used as a noun ("fighting between X and Y killed ...")."""
    return token.tag_ == "VBG" and token.dep_ in ("nsubj", "csubj", "nsubjpass", "dobj", "pobj")


def _to_leave(complement: Token | None, verb: Token) -> bool:
    """Whether what a verb asks of its object is to leave ("ordered X to leave")."""
    clauses = [complement] if complement is not None else []
    clauses += [c for c in verb.children if c.dep_ == "ccomp"]
    deadline = deadline_given(verb)
    clauses += [deadline[1]] if deadline is not None else []
    return any(c.lemma_.lower() in LEAVING for c in clauses)


def _partakes(verb: Token, lemma: str) -> bool:
    """Whether a verb says its subject takes part in what its "in" phrase names."""
    if lemma in ("participate", "engage", "join"):
        return True
    return lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)


def _same_country(actor: Actor, others: list[Actor]) -> bool:
    """Whether an actor belongs to the country of one of `others` (or is that country)."""
    codes = {o.country for o in others if o.country}
    return bool(actor.country and actor.country in codes) or any(
        o.country and actor.id.endswith(f"/country/{o.country}") for o in others
    )


def _free_relative(verb: Token) -> Token | None:
    """The clause a verb takes as its object through "what" ("condemned what he called an
    attack": called)."""
    for child in verb.children:
        if child.dep_ == "ccomp" and any(
            g.tag_ in ("WP", "WDT") and g.dep_ in ("dobj", "nsubj", "nsubjpass")
            for g in child.children
        ):
            return child
    return None


def lemma_controls_object(verb: Token) -> bool:
    """Whether a verb's object is the doer of its complement ("allowed X to run")."""
    return verb.lemma_.lower() in statements.OBJECT_CONTROL


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose prepositional phrase holds a noun ("arrived for talks": arrived;
    "crushed the protests with X's backing": crushed)."""
    if noun.dep_ != "pobj":
        return None
    head = noun.head.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i or head.dep_ not in ("prep", "amod", "advmod", "dobj", "pobj"):
            return None
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def _fallback_preps(etype: str) -> tuple[str, ...]:
    """Prepositions that may introduce a target the lexicon does not name; for talks,
    agreements and backing only the parties' own ("with", "between", "to"): "talks on the
    border" have a topic, "in" a place, "signed for X" is on X's behalf."""
    if etype in PARTY_TYPES:
        return ("with", "between", "to")
    return TARGET_PREPS


def _loose_preps(etype: str) -> tuple[str, ...]:
    """Prepositions of a verb that may name a target when nothing else does."""
    if etype in PARTY_TYPES:
        return ("to",)
    return ("for", "against", "into", "on")


def _lets_in(verb: Token, obj: Token | None, complement: Token | None) -> bool:
    """Whether a verb of allowing lets aid, inspectors or monitors in ("allowed aid convoys
    to cross", "let observers into X"): access granted, a retreat from a restriction."""
    if verb.lemma_.lower() not in ("allow", "permit", "let"):
        return False
    heads = [obj] if obj is not None else []
    clauses = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for clause in clauses if complement is None else [complement, *clauses]:
        heads += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    for head in heads:
        words = {head.lemma_.lower()} | {
            c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")
        }
        if words & ACCESS_NOUNS:
            return True
    return False


def _civilian(sources: list[Actor]) -> bool:
    """Whether the doers are civilians (protesters, students, unions), not an armed group."""
    return bool(sources) and all(a.type == "Organization" for a in sources)


def _policing(sources: list[Actor]) -> bool:
    """Whether the doers are police, courts or other civil authorities, not armed forces."""
    return bool(sources) and all(a.type == "GovernmentBody" for a in sources)


def _out_of(head: Token) -> list[Token]:
    """The prepositions hung from a particle of the head ("pulled out of X", "moved away
    from X"): they belong to the verb."""
    return [
        g
        for c in head.children
        if c.dep_ in ("prt", "prep", "advmod") and c.lower_ in ("out", "away", "back")
        for g in c.children
        if g.dep_ == "prep"
    ]


def _means(head: Token) -> list[Token]:
    """What an act is done by ("by telephone", "via video link", "over the phone")."""
    return [
        means
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in ("by", "via", "over")
        for means in c.children
        if means.dep_ == "pobj"
    ]


def _remote(verb: Token) -> bool:
    """Whether a verb's means is a line ("by telephone", "via video link", "over the phone")."""
    return any(
        {means.lemma_.lower(), *(m.lemma_.lower() for m in means.children)} & REMOTE
        for means in _means(verb)
    )


def _shared_objects(prep: Token) -> list[Token]:
    """A preposition's objects, or those of the preposition joined to it ("exports to and
    from X": X is the object of "to" too)."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if objects:
        return objects
    joined = [c for c in prep.children if c.dep_ == "conj" and c.pos_ == "ADP"]
    return [g for c in joined for g in c.children if g.dep_ == "pobj"]


def _by_means(head: Token) -> list[Token]:
    """The prepositions hung from the means of an act ("spoke by telephone with X", "talked
    via video link with X"): they belong to the verb."""
    return [g for means in _means(head) for g in means.children
            if g.dep_ == "prep" and g.lower_ == "with"]  # fmt: skip


def _after_border(prep: Token) -> bool:
    """Whether a "with" follows a border noun ("the border with X"), wherever the parser hung
    it: its object is the country across the border."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else prep
    return before.lemma_.lower() in BORDERS


def _sent_somewhere(verb: Token) -> bool:
    """Whether a verb of moving says where to ("ordered troops onto the streets")."""
    return any(c.dep_ == "prep" and c.lower_ in DIRECTIONS for c in verb.children)


def _back(verb: Token) -> bool:
    """Whether a verb gives something back ("handed back the ships"): a return, not aid."""
    return any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children)


def _joint_making(verb: Token, lemma: str, obj: Token) -> bool:
    """Whether a verb makes something together: "jointly built X", "built a joint X",
    "began construction of a joint X"."""
    making_noun = obj.lemma_.lower() in MAKING_NOUNS
    if lemma not in MAKING and not (making_noun and lemma in ("begin", "start")):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together") for c in verb.children):
        return True
    made = object_of(obj, ("of",)) if making_noun else obj
    return made is not None and _is_joint(made)


def _is_joint(noun: Token) -> bool:
    return any(c.lower_ in ("joint", "combined", "bilateral") for c in noun.children)


def _without_speaker(stance: statements.Stance) -> statements.Stance:
    return statements.Stance(stance.factuality, None, stance.modal, stance.conditional, stance.cue)


def _threat_modes(found: list[Candidate]) -> None:
    """A threat's mode is what it threatens: the event in its complement clause."""
    by_trigger = {c.trigger.i: c for c in found}
    for cand in found:
        if cand.type != "THREATEN" or cand.mode or cand.complement is None:
            continue
        inner = by_trigger.get(cand.complement.i)
        if inner is not None:
            cand.mode = THREAT_MODES_BY_MODE.get(inner.mode or "") or THREAT_MODES.get(inner.type)


def _intentions(found: list[Candidate], finder: _Finder) -> list[Candidate]:
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
        own_word = not speaker_actors or _speaks_for(speaker_actors, cand.sources)
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


def _speaks_for(speakers: list[Actor], sources: list[Actor]) -> bool:
    """Whether the speaker is the source, or speaks for it (a leader for their country)."""
    ids = {a.id for a in sources}
    countries = {a.country for a in sources if a.country}
    return any(s.id in ids or (s.country and s.country in countries) for s in speakers)


def _has_condition(trigger: Token, word: str) -> bool:
    return any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == word for g in c.children)
        for c in trigger.children
    )


def _obligations(sent: Span, finder: _Finder, found: list[Candidate]) -> list[Candidate]:
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


def _protest_targets(found: list[Candidate], finder: _Finder) -> None:
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


def _protest_aim(trigger: Token, finder: _Finder) -> list[Actor]:
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


def _relations(
    cand: Candidate, index: ActorIndex, evidence: Evidence, day: str | None
) -> list[Relation]:
    """One relation per source-target pair; symmetric events with no target pair the sources."""
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

    sources = _unique(cand.sources)
    targets = _unique(cand.targets)
    if targets:
        return [make(s, t) for s in sources for t in targets if s.id != t.id]
    if cand.type in SYMMETRIC_TYPES and len(sources) > 1 and not cand.apart:
        return [make(a, b) for i, a in enumerate(sources) for b in sources[i + 1 :]]
    if cand.mutual and len(sources) > 1 and not cand.apart:
        return [make(a, b) for a in sources for b in sources if a.id != b.id]
    return [make(s, None) for s in sources]


def _distributive(trigger: Token) -> bool:
    """Whether the clause says its subjects act each on their own ("X and Y each signed",
    "signed separate deals", "met Z respectively"), so that they do nothing to each other."""
    words = [trigger, *trigger.children]
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
            words += list(child.children)
        elif child.dep_ == "prep":
            words += [g for p in child.children if p.dep_ == "pobj" for g in p.children]
    return any(w.lower_ in DISTRIBUTIVE and not _each_other(w) for w in words)


def _only_setting(actor: Actor, cand: Candidate, finder: _Finder) -> bool:
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


def _scene(token: Token, cand: Candidate, finder: _Finder) -> bool:
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


def _someone(noun: Token, finder: _Finder) -> bool:
    """Whether a noun phrase names people ("journalists", "an activist", an actor), the
    ones an act is done to, as against a thing or state ("a state of emergency")."""
    if finder.index.actor_at(noun.i) is not None or noun.pos_ in ("PRON", "PROPN"):
        return True
    return noun.lemma_.lower() in PEOPLE or noun.ent_type_ in ("PERSON", "NORP")


def _judged_for(noun: Token) -> Token | None:
    """The verb of thanks, praise or blame whose "for" phrase the noun heads ("thanked X for
    their support", "condemned X for its attacks"): the deed is its object's."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    verb = noun.head.head
    return verb if verb.lemma_.lower() in GRATEFUL | BLAMING else None


def _after_bare_preposition(subject: Token) -> bool:
    """Whether a subject's phrase directly follows a preposition left with no object of its
    own: the parser took the preposition's object for the start of the next clause."""
    first = min([subject.i, *(t.i for t in subject.lefts)])
    if first == 0 or subject.doc[first].is_sent_start:
        return False  # a preposition ending the sentence before is no part of this one
    before = subject.doc[first - 1]
    if before.dep_ == "mark" and before.lower_ == "for":  # "for" as a conjunction is rare
        return True
    return before.dep_ == "prep" and not any(c.dep_ in ("pobj", "pcomp") for c in before.children)


def _shown_by(cand: Candidate) -> statements.Stance | None:
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


def _as_phrase(verb: Token) -> Token | None:
    """The head of the "as" phrase of a verb ("described X as a mistake")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for word in prep.children:
                if word.dep_ in ("pobj", "amod", "acomp"):
                    return word
    return None


def _reciprocal(trigger: Token) -> bool:
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


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.id, actor)
    return list(seen.values())


def _event_date(cand: Candidate, sent: Span, matches: list[dates.TimeMatch]) -> str | None:
    """The date of the event: a time expression attached to its clause, else one in the
    sentence that does not date a reporting verb ("..., officials said on Monday")."""
    if not matches:
        return None
    speech = statements.cues().speech
    own = _clause_verb(cand.trigger)
    loose: list[dates.TimeMatch] = []
    for match in matches:
        token = sent.doc.char_span(sent.start_char + match.start, sent.start_char + match.end,
                                   alignment_mode="expand")  # fmt: skip
        if token is None:
            continue
        governor = _clause_verb(token.root)
        if governor is not None and own is not None and governor.i == own.i:
            return match.date.isoformat()
        if cand.trigger in token.root.ancestors or token.root.head.i == cand.trigger.i:
            return match.date.isoformat()
        if governor is None or governor.lemma_.lower() not in speech:
            loose.append(match)
    return loose[0].date.isoformat() if loose else None


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
