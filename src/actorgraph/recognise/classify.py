"""The actor type of a named entity, from the knowledge base, spaCy's label and head words."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from actorgraph.kb import KBEntry, KnowledgeBase
from actorgraph.names import name_key
from actorgraph.recognise.cities import city_country
from actorgraph.recognise.lexicon import honorific, lexicon
from actorgraph.recognise.mentions import Recognised

CAPITAL_PREFIX = "capital:"


_COMPATIBLE = {
    "PERSON": {"Person"},
    "GPE": {"Country", "Location"},
    "LOC": {"Location", "Country", "PoliticalGroup"},
    "FAC": {"Location", "GovernmentBody"},
}


def classify(span: Span, label: str, ent_id: str, knowledge: KnowledgeBase) -> Recognised | None:
    """The actor type of a named entity, from the knowledge base first, else from spaCy's
    label and the name's head words; None for names that name no actor."""
    lex = lexicon()
    text = span.text
    key = name_key(text)
    if not key or key in lex.not_actors:
        return None
    base = (span.start, span.end, text)
    if ent_id.startswith(CAPITAL_PREFIX):
        return _capital(base, knowledge.entry(ent_id[len(CAPITAL_PREFIX) :]))
    entry = knowledge.entry(ent_id) if ent_id else None
    if entry is None and len(span) == 1 and only_demonym(text, knowledge):
        return _norp(span, base, knowledge)
    if entry is None and text.lower() in lex.peoples and _attributive(span.root):
        return _norp(span, base, knowledge)  # "Gulf states": a region's word, not the place
    if entry is None and label != "NORP":
        entry = _lookup(text, label, knowledge)
    if entry is not None:
        return Recognised(*base, type=entry.type, key=entry.key, country=entry.country)
    if label in ("GPE", "LOC", "PERSON", "ORG"):
        country = knowledge.country_by_capital(text)
        if country is not None:
            return _capital(base, country)
    if key in lex.political_groups:
        return Recognised(*base, type="PoliticalGroup")
    if label == "NORP":
        return _norp(span, base, knowledge)
    if span.start > 0 and honorific(span.doc[span.start - 1]):
        return Recognised(*base, type="Person")
    if label == "PERSON":
        head_type = type_by_head(text)
        return Recognised(*base, type=head_type if head_type else "Person")
    if label == "ORG":
        if len(span) == 1 and key in lex.head_types:
            return None  # a bare "Army" or "Ministry": no name, the noun group decides
        country = knowledge.country_by_adjective(span[0].text) if len(span) > 1 else None
        iso3 = country.country if country and only_demonym(span[0].text, knowledge) else None
        iso3 = iso3 or _country_named_after_of(text, knowledge)
        type_name = type_by_head(text) or "Organization"
        if iso3 and type_name == "InternationalOrganization":
            type_name = "Organization"  # "Serbian Workers' Union": one country's, not a bloc
        return Recognised(*base, type=type_name, country=iso3)
    return Recognised(*base, type="Location", country=city_country(text, knowledge))


def _country_named_after_of(name: str, knowledge: KnowledgeBase) -> str | None:
    """The country an organisation's name ends with ("Parliament of Iraq")."""
    _, of, tail = name.rpartition(" of ")
    if not of:
        return None
    found = [e for e in knowledge.lookup(tail) if e.type == "Country"]
    return found[0].country if found else None


def only_demonym(text: str, knowledge: KnowledgeBase) -> bool:
    """Whether a word is a country's demonym and no name of its own ("Ukrainian")."""
    return (
        knowledge.country_by_adjective(text) is not None
        and not knowledge.lookup(text)
        and knowledge.country_by_capital(text) is None
    )


def _capital(base: tuple[int, int, str], country: KBEntry | None) -> Recognised:
    """A capital's mention: a place of its country, or the country's government."""
    iso3 = country.country if country else None
    key = country.key if country else None
    return Recognised(*base, type="Location", key=key, kind="capital", country=iso3)


def _lookup(text: str, label: str, knowledge: KnowledgeBase) -> KBEntry | None:
    """The knowledge-base entry a name denotes, preferring one whose type fits spaCy's label."""
    entries = knowledge.lookup(text)
    if not entries:
        return None
    fitting = [e for e in entries if e.type in _COMPATIBLE.get(label, set(e.type for e in entries))]
    if label == "ORG":
        fitting = [e for e in entries if e.type not in ("Person", "Location")] or entries
    return (fitting or entries)[0]


def _norp(span: Span, base: tuple[int, int, str], knowledge: KnowledgeBase) -> Recognised | None:
    """A nationality, people or faith word. Used attributively ("Russian forces", "Kurdish
    fighters") it is a demonym tying a noun group to a country or group; used as a noun ("the
    Palestinians said", "the Kurds") it names the country's side or the group itself; with
    "ethnic" before it ("ethnic Albanians") it is a people, whatever its country."""
    attributive = _attributive(span.root)
    words = span.text.replace("-", " ").split()
    if len(words) == 2:
        found = _community(span, base, words, attributive, knowledge)
        if found is not None:
            return found
    country = knowledge.country_by_adjective(span.text)
    group = lexicon().peoples.get(span.text.lower())
    if country is not None and attributive:
        return Recognised(
            *base, type="Country", key=country.key, kind="demonym", country=country.country
        )
    if group is not None and attributive:
        return Recognised(*base, type="PoliticalGroup", kind="demonym", label=group)
    if attributive:
        return None  # an adjective of no known country or people names nothing
    start = span.start
    if start > 0 and span.doc[start - 1].lower_ == "ethnic":
        label = f"ethnic {span.text}"
        return Recognised(start - 1, span.end, span.doc[start - 1 : span.end].text,
                          "PoliticalGroup", kind="group", label=label)  # fmt: skip
    if country is not None:
        return Recognised(
            *base, type="Country", key=country.key, kind="country", country=country.country
        )
    if group is not None:
        return Recognised(*base, type="PoliticalGroup", kind="group", label=group)
    return Recognised(*base, type="PoliticalGroup")  # "the Taliban"


def _attributive(token: Token) -> bool:
    """Whether a word qualifies a noun ("Russian" in "Russian and Belarusian forces") rather
    than heading a noun group of its own."""
    doc = token.doc
    if (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and doc[token.i + 2].tag_
        in (
            "VBN",
            "VBG",
            "JJ",
        )
    ):
        return True  # part of a hyphened adjective ("Saudi-led", "Russian-backed")
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("amod", "compound", "nmod") or token.pos_ == "ADJ"


def _community(
    span: Span,
    base: tuple[int, int, str],
    words: list[str],
    attributive: bool,
    knowledge: KnowledgeBase,
) -> Recognised | None:
    """Two peoples' words naming one community ("Greek Cypriots", "Bosnian Serb forces"); a
    hyphened pair before a noun of no people ("Russian-Ukrainian talks") names two countries,
    which stay demonyms of their own."""
    if not attributive and not words[1].lower().endswith("s"):
        return None  # a community named as a noun is its people ("Greek Cypriots"), not a
        # place named with a people's word ("the Persian Gulf")
    found = community(words[0], words[1], knowledge)
    if found is None:
        return None
    if "-" in span.text and attributive and span.root.head.lower_ not in _people_heads():
        return None
    label, iso3 = found
    kind = "demonym" if attributive else "group"
    return Recognised(*base, type="PoliticalGroup", kind=kind, country=iso3, label=label)


def community(first: str, second: str, knowledge: KnowledgeBase) -> tuple[str, str | None] | None:
    """The name and country of a community named by two peoples' words, or None when they are
    not two such words. The second word is the people, the first where it lives ("Bosnian
    Serbs", "Kosovar Albanians", "Iraqi Kurds") unless the second names citizens whatever
    their descent ("Greek Cypriots", "Arab Israelis"): then the country is the second's."""
    lex = lexicon()
    c1 = knowledge.country_by_adjective(first)
    c2 = knowledge.country_by_adjective(second)
    if (c1 is None and first.lower() not in lex.peoples) or (
        c2 is None and second.lower() not in lex.peoples
    ):
        return None
    if c1 is not None and c2 is not None and c1.key == c2.key:
        return None
    singular = second[:-1] if second.endswith("s") and c2 is not None else second
    if c2 is not None and (singular.lower() in lex.citizenship_words or c1 is None):
        iso3 = c2.country
    else:
        iso3 = c1.country if c1 is not None else None
    return f"{first} {_plural(second)}", iso3


def _plural(word: str) -> str:
    """The plural of a people's word ("Cypriot" -> "Cypriots"; "Chinese", "Kurds" unchanged)."""
    if word.endswith(("s", "ese", "sh", "ch", "ze")):
        return word
    group = lexicon().peoples.get(word.lower())
    return group if group and " " not in group else word + "s"


@lru_cache(maxsize=1)
def _people_heads() -> frozenset[str]:
    """Head nouns of groups of people or institutions ("officials", "forces", "police")."""
    lex = lexicon()
    return frozenset(lex.country_heads | set(lex.nominal_heads))


def type_by_head(name: str) -> str | None:
    """The organisation type a name's words give ("Defence Ministry" -> GovernmentBody)."""
    heads = lexicon().head_types
    for word in reversed(name.lower().split()):
        if word in heads:
            return heads[word]
    return None
