"""What the parse says of a mention while resolving: whether it acts, how salient it is,
whether a pronoun agrees with an entity or refers to nothing ("it is raining")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from actorgraph.recognise import Recognised, chunk_at, lexicon, sentence_at

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
GROUP_TYPES = frozenset({"MilitaryForce", "PoliticalGroup"})
_PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "to",
        "at",
        "from",
        "into",
        "near",
        "toward",
        "towards",
        "across",
        "around",
        "outside",
        "inside",
        "through",
        "over",
        "on",
        "via",
        "within",
        "throughout",
        "above",
        "beyond",
        "along",
        "past",
        "onto",
        "off",
        "out",
    }
)
_DIRECTION_PREPOSITIONS = frozenset({"to", "from", "toward", "towards"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
MAX_SENTENCES_BACK = 3


def first_or_last(full: str, word: str) -> bool:
    words = full.split()
    return len(words) > 1 and word in (words[0], words[-1])


def is_agent(token: Token) -> bool:
    """Whether a place name acts (subject, agent, object of a verb, possessor, partner of
    "with"/"between") rather than locates ("in Minsk", "to Moscow", "on Kyiv")."""
    if token.dep_ in ("conj", "appos") and _stray_subject(token):
        return True
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    dep = token.dep_
    if dep == "dobj":
        return token.head.lemma_.lower() not in lexicon().place_verbs
    if dep in SUBJECT_DEPS or dep in ("poss", "agent"):
        return True
    if dep == "pobj":
        prep = token.head
        if prep.lower_ in _DIRECTION_PREPOSITIONS:  # "flew to Minsk" / "weapons to Moscow"
            return prep.head.lemma_.lower() not in lexicon().motion_words
        return prep.lower_ not in _PLACE_PREPOSITIONS
    return False


def _stray_subject(token: Token) -> bool:
    """Whether a conjunct hung on an opening phrase is really the subject of a verb that has
    none ("In Belarus, Moscow and Minsk established ...": the parser may join the capitals
    to "Belarus")."""
    root = sentence_at(token.doc, token.i).root
    if root.pos_ != "VERB" or token.i > root.i:
        return False
    if any(c.dep_ in SUBJECT_DEPS for c in root.children):
        return False
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
        if first.dep_ in ("pobj", "appos"):
            break
    between = first.doc[first.i + 1 : token.i]
    return any(t.text == "," for t in between)


def members_of(mention: Recognised, owner_type: str) -> bool:
    """Whether a noun group names the fighters or members of an armed or political group
    that owns it ("Hamas fighters"), rather than a body of that group's country."""
    armed = ("MilitaryForce", "PoliticalGroup")
    return mention.kind == "nominal" and mention.type in armed and owner_type in armed


def person_noun(token: Token) -> bool:
    """A noun for people ("officials", "the minister"): a person is "he" or "she", never "it",
    and people named by such nouns are left to the actor candidates."""
    lex = lexicon()
    word = token.lower_
    return word in lex.roles or word in lex.country_heads or word in lex.nominal_heads


def qualifies_subject(token: Token) -> bool:
    """Whether a demonym qualifies the subject of an active verb ("the Russian invasion
    began"): a thing or event is what acts there, not the country; a qualified object
    ("rejected an Indian proposal") or passive subject ("a French journalist was detained")
    is the country's and makes it the party acted upon."""
    head = token
    while head.dep_ in ("amod", "compound", "conj", "nmod") and head.head.i != head.i:
        head = head.head
    return head.dep_ in SUBJECT_DEPS and head.dep_ != "nsubjpass"


def is_pleonastic(token: Token) -> bool:
    """An "it" that refers to nothing ("it is likely that", "finds it hard to")."""
    if token.dep_ == "expl":
        return True
    if token.lower_ != "it":
        return False
    head = token.head
    if head.lemma_ in ("be", "seem", "appear", "become") and token.dep_ in SUBJECT_DEPS:
        return True
    return token.dep_ == "dobj" and any(c.dep_ in ("ccomp", "xcomp", "oprd") for c in head.children)


def agrees(pronoun: str, type_name: str) -> bool:
    """Number and animacy agreement of a pronoun with an actor type."""
    if pronoun in PERSON_PRONOUNS:
        return type_name == "Person"
    if pronoun in THING_PRONOUNS:
        return type_name not in ("Person", "Location")
    return type_name in GROUP_TYPES


def salience(token: Token) -> float:
    """Lappin-Leass style weight of a mention: recency, grammatical role, head-noun emphasis."""
    weight = 100.0
    dep = token.dep_
    if dep in SUBJECT_DEPS:
        weight += 80
    elif dep in OBJECT_DEPS:
        weight += 50
    elif dep == "pobj":
        weight += 40
    if not embedded(token):
        weight += 80
    return weight


def embedded(token: Token) -> bool:
    """Whether a mention sits inside another noun group ("the rallies that X put down")."""
    current = token
    while current.head.i != current.i:
        head = current.head
        if current.dep_ not in ("compound", "flat", "appos") and head.pos_ in ("NOUN", "PROPN"):
            return True
        if head.pos_ in ("VERB", "AUX"):
            return head.dep_ in ("relcl", "acl")  # a clause inside a noun group
        current = head
    return False


def appositive_head(doc: Doc, end: int) -> Token | None:
    """The head noun of an apposition right after token `end` (", the state news agency")."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    chunk = chunk_at(doc, end + 1)
    return chunk.root if chunk is not None else None
