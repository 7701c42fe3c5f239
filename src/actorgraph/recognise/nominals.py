"""Noun groups naming a country's institutions, a people or an unnamed armed group."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from actorgraph.kb import KnowledgeBase
from actorgraph.recognise.classify import community, only_demonym
from actorgraph.recognise.lexicon import DETERMINERS, lexicon
from actorgraph.recognise.mentions import Recognised

# Prepositions naming where a clause's subjects act ("protested in X", "across X").
_SCENE_PREPS = frozenset({"in", "across", "throughout", "inside", "through"})


# Nouns counting people ("thousands of farmers", "a crowd of students").
_AMOUNTS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "ten",
                      "tens", "million", "millions", "score", "scores", "crowd", "group",
                      "number", "handful"})  # fmt: skip


_QUANTIFIERS = frozenset({"any", "no", "some", "every", "all", "many", "few", "several", "other"})


def nominal_group(
    chunk: Span,
    demonym_at: dict[int, Recognised],
    covered: set[int],
    knowledge: KnowledgeBase,
    types: dict[int, str] | None = None,
    head: Token | None = None,
) -> list[Recognised]:
    """Noun groups naming a country's institution ("Russian forces", "the armed forces of
    Belarus", "his soldiers"), the country itself ("the Belarusian government"), a people or
    region ("Kurdish leaders", "Arab states") or a group of one ("Shiite militia"). Coordinated
    demonyms ("Hungarian and Romanian officials") give one mention per country, each on its
    own demonym, since the head noun is shared. `types` gives the actor type of the tokens
    recognised so far, for the country of civilians a clause's actor acts on."""
    lex = lexicon()
    head = head or chunk.root
    word = _body_word(head)
    if word not in lex.nominal_heads and word not in lex.country_heads:
        return []
    before = _words_before(chunk, head, word, demonym_at, covered, knowledge)
    if before is None:
        return []
    if word in lex.portfolio_heads:
        before.modifiers += _portfolio_after(head, covered)  # "the ministry of defence"
    qualifiers = _join_communities(before.qualifiers, chunk.doc, knowledge)
    owner = before.owner
    if not qualifiers and owner is None:
        owner = _owner_after(head, word, covered, types or {})
    if not qualifiers and owner is None:
        return _unnamed_group(chunk, head, word, before.start)
    canonical = lex.nominal_heads[word][1] if word in lex.nominal_heads else word
    if [m for m in before.modifiers if m != "armed"] and word not in lex.acting_weapons:
        canonical = " ".join([*before.modifiers, word])
    if len(qualifiers) > 1:  # one mention per coordinated country or people, on its word
        each = [
            _qualified(q.start_token, q.end_token, q, word, canonical, None, chunk.doc)
            for q in qualifiers
        ]
        return [f for f in each if f is not None]
    anchor = chunk.doc[qualifiers[0].start_token if qualifiers else owner or 0]
    if anchor.dep_ == "conj" or any(c.dep_ == "conj" for c in anchor.children):
        return []  # "Russian and allied forces", "delegations of X and Y": more than one
    start = min(before.start, qualifiers[0].start_token) if qualifiers else before.start
    qualifier = qualifiers[0] if qualifiers else None
    found = _qualified(start, head.i + 1, qualifier, word, canonical, owner, chunk.doc)
    return [found] if found is not None else []


@dataclass
class _Before:
    """What the words before a noun group's head say: where the group starts, its owner
    (a possessor or a named actor), its modifiers and the demonyms qualifying it."""

    start: int
    owner: int | None = None
    modifiers: list[str] = field(default_factory=list)
    qualifiers: list[Recognised] = field(default_factory=list)


def _words_before(
    chunk: Span,
    head: Token,
    word: str,
    demonym_at: dict[int, Recognised],
    covered: set[int],
    knowledge: KnowledgeBase,
) -> _Before | None:
    """The reading of the words before the head; None when a quantifier makes the group no
    definite one ("some soldiers")."""
    lex = lexicon()
    before = _Before(chunk.start)
    for token in chunk[: head.i - chunk.start]:
        if token.i not in demonym_at and token.text[:1].isupper() and token.i not in covered:
            found = _missed_demonym(token, knowledge)  # a demonym NER missed
            if found is not None:
                demonym_at[token.i] = found
        if _related_only(token):
            before.start = token.i + 1  # "Russian-backed separatists" are not Russia's
        elif token.i in demonym_at:
            if demonym_at[token.i] not in before.qualifiers:
                before.qualifiers.append(demonym_at[token.i])
        elif token.lower_ in _QUANTIFIERS:
            return None
        elif token.dep_ == "poss" or token.tag_ == "POS" or token.lower_ in DETERMINERS:
            if token.dep_ == "poss" and (token.i in covered or token.pos_ == "PRON"):
                before.owner = token.i
            before.start = token.i + 1
        elif token.lower_ in lex.unit_modifiers or (
            word in lex.portfolio_heads
            and token.pos_ in ("ADJ", "NOUN", "PROPN")
            and token.i not in covered
        ):
            before.modifiers.append(token.lower_)  # "special forces", "foreign ministry"
        elif token.i in covered:
            before.owner = token.i
    return before


def _owner_after(head: Token, word: str, covered: set[int], types: dict[int, str]) -> int | None:
    """The named actor a noun group with nothing before its head belongs to: the object of
    "of"/"in"/"from" after it, or for civilians and seated bodies the place where the clause
    happens, or for civilians the actor acting on them."""
    lex = lexicon()
    abroad = word not in lex.seated_bodies and lex.nominal_heads.get(word, ("",))[0] == (
        "GovernmentBody"
    )  # "the embassy in Tehran" is not Iran's
    owner = _of_object(head, covered, ("of", "from") if abroad else ("of", "in", "from"))
    if owner is None and word in lex.civilian_groups:
        owner = scene_of(head, covered)
        if owner is None:
            owner = _domestic_actor(head, types)
    elif owner is None and word in lex.seated_bodies:
        owner = scene_of(head, covered)  # "stormed the parliament in Baghdad"
    return owner


def _unnamed_group(chunk: Span, head: Token, word: str, start: int) -> list[Recognised]:
    """An armed group of no named country acting ("gunmen killed ...", "attacked by
    militants"): a group actor of its own, since the act has no other doer."""
    lex = lexicon()
    if word not in lex.unnamed_groups or head.lower_ != word:
        return []
    acting = head.dep_ == "nsubj"
    acting = acting or (head.dep_ == "pobj" and head.head.dep_ == "agent")
    if not acting:
        return []
    type_name, canonical = lex.nominal_heads.get(word, ("PoliticalGroup", word))
    return [Recognised(start, head.i + 1, chunk.doc[start : head.i + 1].text, type_name,
                       kind="group", country=None, label=canonical)]  # fmt: skip


def _related_only(token: Token) -> bool:
    """A demonym in a hyphened participle other than "-led" ("Russian-backed", "Russian-
    speaking", "Israeli-occupied"): the country is related to the group, not its own."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != "-":
        return False
    word = doc[token.i + 2].lower_
    return word != "led" and (word.endswith(("ed", "ing")) or doc[token.i + 2].tag_ == "VBN")


def _body_word(head: Token) -> str:
    """The word naming the body a noun group is about: a compound before the head that names
    one wins over the head, which then names its members or equipment ("rebel leaders",
    "army officers", "army bulldozers" are the rebels' and the army's), unless the head names
    an organisation of another kind ("an opposition newspaper" is a newspaper)."""
    lex = lexicon()
    own_kind = lex.head_types.get(head.lower_)
    for child in reversed(list(head.lefts)):
        body = lex.nominal_heads.get(child.lower_) if child.text.islower() else None
        if child.dep_ == "compound" and body is not None and own_kind in (None, body[0]):
            return child.lower_
    return head.lower_


def _qualified(
    start: int,
    end: int,
    qualifier: Recognised | None,
    word: str,
    canonical: str,
    owner: int | None,
    doc: Doc,
) -> Recognised | None:
    """The mention a head noun with its country or people makes."""
    lex = lexicon()
    text = doc[start:end].text
    if qualifier is not None and qualifier.type != "Country":  # a people, region or community
        if word == "state":
            return None  # "the Jewish state" is a country the words do not name
        if word in lex.country_heads:
            return Recognised(start, end, text, "PoliticalGroup", kind="group",
                              country=qualifier.country, label=qualifier.label)  # fmt: skip
        type_name = lex.nominal_heads[word][0]
        label = f"{doc[qualifier.start_token : qualifier.end_token].text} {canonical}"
        return Recognised(start, end, text, type_name, kind="group",
                          country=qualifier.country, label=label)  # fmt: skip
    iso3 = qualifier.country if qualifier else None
    if word in lex.country_heads:
        key = qualifier.key if qualifier else None
        return Recognised(start, end, text, "Country", key=key, kind="country", country=iso3,
                          owner=owner)  # fmt: skip
    type_name = lex.nominal_heads[word][0]
    return Recognised(start, end, text, type_name, kind="nominal", country=iso3,
                      label=canonical, owner=owner)  # fmt: skip


def _missed_demonym(token: Token, knowledge: KnowledgeBase) -> Recognised | None:
    """A capitalised demonym or people's word before a noun that the model did not mark."""
    found = knowledge.country_by_adjective(token.text)
    if found is not None and only_demonym(token.text, knowledge):
        return Recognised(token.i, token.i + 1, token.text, "Country", key=found.key,
                          kind="demonym", country=found.country)  # fmt: skip
    group = lexicon().peoples.get(token.lower_)
    if group is not None and token.pos_ in ("ADJ", "PROPN", "NOUN"):
        return Recognised(token.i, token.i + 1, token.text, "PoliticalGroup", kind="demonym",
                          label=group)  # fmt: skip
    return None


def _join_communities(
    qualifiers: list[Recognised], doc: Doc, knowledge: KnowledgeBase
) -> list[Recognised]:
    """Two adjacent peoples' words with nothing between them are one community ("Greek
    Cypriot leaders"), not two coordinated countries."""
    joined: list[Recognised] = []
    for q in qualifiers:
        last = joined[-1] if joined else None
        if last is not None and last.end_token == q.start_token and last.kind == "demonym":
            first, second = doc[last.start_token : last.end_token].text, q.text
            found = community(first, second, knowledge)
            if found is not None:
                label, iso3 = found
                joined[-1] = Recognised(last.start_token, q.end_token,
                                        doc[last.start_token : q.end_token].text,
                                        "PoliticalGroup", kind="demonym", country=iso3,
                                        label=label)  # fmt: skip
                continue
        joined.append(q)
    return joined


def _of_object(
    head: Token, covered: set[int], preps: tuple[str, ...] = ("of", "in", "from")
) -> int | None:
    """The named object of "of"/"in"/"from" after a head noun ("the opposition in Belarus",
    "the ministry of defence of Belarus")."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in covered:
                    return obj.i
                if obj.dep_ == "pobj" and obj.i not in covered:
                    found = _of_object(obj, covered, preps)
                    if found is not None:
                        return found
    return None


def scene_of(head: Token, covered: set[int]) -> int | None:
    """The named place where the clause about a group of people happens ("Thousands of
    farmers protested in Paris", "police detained students in Nairobi"): civilians there are
    the place's."""
    verb = _clause_verb(head)
    if verb is None:
        return None
    # the place may hang on the verb or on what it acts on ("fired at protesters in Nairobi",
    # "detained dozens of students in Tehran"), never inside another clause
    holders, seen = [verb], 0
    while seen < len(holders) and seen < 12:
        holder = holders[seen]
        seen += 1
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in _SCENE_PREPS:
                place = next((o for o in child.children if o.dep_ == "pobj"), None)
                if place is not None and place.i in covered:
                    return place.i
            if child.dep_ in _SCENE_LINKS:
                holders.append(child)
    return None


# Links from a verb to what it acts on, along which the place of the act is sought.
_SCENE_LINKS = frozenset({"dobj", "prep", "pobj", "nsubjpass", "dative"})


def _domestic_actor(head: Token, types: dict[int, str]) -> int | None:
    """The named actor, other than an armed force, that a clause shows acting on a group of
    civilians ("Kenyan police detained journalists", "protesters were arrested by the
    government"): a state's own authorities act on its own people, while soldiers often act
    abroad."""
    verb = _clause_verb(head)
    if verb is None or people_node(head).dep_ not in ("dobj", "nsubjpass", "pobj"):
        return None
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    for doer in doers:
        kind = types.get(doer.i)
        if kind is not None and kind != "MilitaryForce":
            return doer.i
    return None


def people_node(head: Token) -> Token:
    """The token standing for a group of people in its clause: the quantity when they are
    counted ("dozens of journalists", "tens of thousands of miners")."""
    node = head
    for _ in range(3):
        amount = node.head.head
        if (
            node.dep_ == "pobj"
            and node.head.lower_ == "of"
            and (amount.like_num or amount_word(amount))
        ):
            node = node.head.head
    return node


def amount_word(token: Token) -> bool:
    """Whether a word counts people ("dozens", "a crowd of")."""
    return token.lower_ in _AMOUNTS or token.lemma_.lower() in _AMOUNTS


def _clause_verb(head: Token) -> Token | None:
    """The verb of the clause a group of people is subject, object or prepositional object of
    ("fired on protesters": fired)."""
    node = people_node(head)
    if node.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return node.head if node.head.pos_ in ("VERB", "AUX") else None
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ == "VERB":
        return node.head.head
    return None


def _portfolio_after(head: Token, covered: set[int]) -> list[str]:
    """The portfolio named after a ministry ("of defence", "for foreign affairs")."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i not in covered and obj.text.islower():
                    words = [t.lower_ for t in obj.lefts if t.text.islower() and t.is_alpha]
                    return [*words, obj.lower_]
    return []
