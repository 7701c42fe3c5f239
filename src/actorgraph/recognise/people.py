"""Groups of people named by their number or by their deed ("eleven people", "dozens of
civilians", "the kidnappers", "a gunman"), and single people named by what they are ("a
Ukrainian man"): actors of their own where a clause has them act or be acted on, so that the
victims and doers of an event are among its parties."""

from __future__ import annotations

from spacy.tokens import Span, Token

from actorgraph.recognise.lexicon import DETERMINERS, lexicon
from actorgraph.recognise.mentions import Recognised
from actorgraph.recognise.nominals import amount_word, people_node, scene_of

# Where a group of people stands as a party of its clause: subject, object, agent, or the
# object of a preposition ("an attack on three journalists", "the release of 40 prisoners").
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj", "conj", "appos"})
# Prepositions that make the people part of another group, not a party ("including four
# children", "among them two women").
_PART_PREPS = frozenset({"including", "among", "like", "besides", "except", "excluding"})
_VAGUE = frozenset({"any", "no", "some", "every", "all", "many", "few", "other", "such", "most",
                    "more", "fewer", "numbers", "record"})  # fmt: skip


def people_group(
    chunk: Span, covered: set[int], mentions_at: dict[int, Recognised]
) -> Recognised | None:
    """The group a noun chunk names when it counts people ("at least 65 people") or names the
    doers of a crime ("the kidnappers"), and stands as a party of its clause; its country is
    the one its demonym names, else that of the place where the clause happens, never the
    state itself."""
    head = chunk.root
    kind = _kind(head)
    if kind is None:
        return None
    node = people_node(head)
    if not _argument(node):
        return None
    start = _start(node, head, kind)
    if start is None or any(i in covered for i in range(start, head.i + 1)):
        return None
    if kind == "counted" and not _counted(head, node, start):
        return None
    if kind == "one" and node.left_edge.lower_ not in ("a", "an"):
        return None  # "a man", not "the man" of a story told before
    if kind == "one":
        start = node.left_edge.i  # named with its article, as the text names one of many
    doc = chunk.doc
    text = doc[start : head.i + 1].text
    place = scene_of(head, covered)
    where = mentions_at.get(place) if place is not None else None
    demonym = next((mentions_at[i] for i in range(start, head.i) if i in mentions_at), None)
    country = (demonym or where or _NOWHERE).country
    label = text
    if where is not None and demonym is None:
        label = f"{text} in {where.text}"
    return Recognised(start, head.i + 1, text, _type(head, kind), kind="group",
                      country=country, label=label)  # fmt: skip


_NOWHERE = Recognised(0, 0, "", "Location")


def _kind(head: Token) -> str | None:
    """ "counted" for a head that names people only when counted, "doer" for a perpetrator,
    "held" for a captive."""
    lex = lexicon()
    word = head.lower_
    if head.pos_ not in ("NOUN", "PROPN") or not head.text.islower():
        return None
    if word in lex.perpetrators:
        return "doer"
    if word in lex.captives:
        return "held"
    if word in lex.single_people:
        return "one"
    civilians = lex.nominal_heads.get(word, ("",))[0] == "Organization"
    if word in lex.counted_people or civilians or word in lex.unnamed_groups:
        return "counted"
    return None


def _argument(node: Token) -> bool:
    """Whether a group stands as a party of its clause rather than inside another group."""
    if node.dep_ not in _ARGUMENT_DEPS:
        return False
    if node.dep_ == "pobj":
        return node.head.lower_ not in _PART_PREPS
    if node.dep_ in ("conj", "appos"):
        return node.head.dep_ in _ARGUMENT_DEPS and node.head.head.lower_ not in _PART_PREPS
    return True


def _start(node: Token, head: Token, kind: str) -> int | None:
    """Where the group's words start: its leftmost word, past a determiner; None when a vague
    quantifier makes it no definite group ("some people"); a possessive pronoun is the group's
    own only for doers and captives ("their captors", "its hostages")."""
    start = node.left_edge.i
    doc = head.doc
    while start < head.i and doc[start].lower_ in DETERMINERS:
        start += 1
    words = doc[start : head.i]
    counted = any(t.like_num for t in words)  # "14 other people" is a definite group
    if any(t.lower_ in _VAGUE and not (counted and t.lower_ == "other") for t in words):
        return None
    if kind != "counted" and words[:1] and words[0].dep_ == "poss" and words[0].pos_ == "PRON":
        start, words = start + 1, words[1:]
    if any(
        t.pos_ in ("VERB", "PRON") or t.dep_ == "poss" or (t.pos_ == "PUNCT" and t.tag_ != "HYPH")
        for t in words
    ):
        return None  # "people who fled", "their children": not a plain group
    return start


def _counted(head: Token, node: Token, start: int) -> bool:
    """Whether the group is named by its number ("eleven people", "dozens of civilians")."""
    words = head.doc[start : head.i]
    return node.i != head.i or any(t.like_num or amount_word(t) for t in words)


def _type(head: Token, kind: str) -> str:
    lex = lexicon()
    word = head.lower_
    if kind == "one" or (kind == "doer" and not word.endswith("s") and word != "gunmen"):
        return "Person"
    if word in lex.nominal_heads:
        return lex.nominal_heads[word][0]
    return "PoliticalGroup" if kind == "doer" else "Organization"
