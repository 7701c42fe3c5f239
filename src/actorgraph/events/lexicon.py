"""The event lexicon: verbs and event nouns with the PLOVER type they name and where their
source and target sit (data/lexicon/plover.yaml), and the word lists of general English the
rules read events with."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from actorgraph.resources import lexicon_dir, read_yaml
from actorgraph.vocab import PLOVER_TYPES

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
NP_LINKS = ("appos", "compound", "poss", "nmod", "amod", "prep", "acl")


NP_PREPS = frozenset({"of", "in", "from", "for", "to", "with", "against", "throughout",
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
                        "challenger", "foe", "protege", "heir", "supporter", "backer",
                        "follower", "loyalist", "sympathizer", "sympathiser", "relative",
                        "voter", "fan"})  # fmt: skip


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


MODIFIER_DEPS = ("compound", "nmod", "amod")


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


# Prepositions naming the one an event noun the lexicon does not know is aimed at.
GENERIC_NOUN_TARGETS = ("against", "on", "to", "with", "into", "for")


# Reactions that a deed done "despite" or "amid" them is done against.
REACTIONS = frozenset({"ACCUSE", "REJECT", "PROTEST", "THREATEN", "REQUEST", "SANCTION"})


CAUSES = frozenset({"to", "of", "under", "amid", "despite", "from", "because", "due", "owing",
                    "after", "following"})  # fmt: skip
