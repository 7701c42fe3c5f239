"""The general-English word lists of `data/lexicon/` that recognition and later stages read."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from actorgraph.names import name_key
from actorgraph.resources import lexicon_dir, read_yaml

TITLE_MODIFIERS = frozenset({"former", "ex", "acting", "deputy", "interim", "late", "then"})


# Words joined by a hyphen to a title that make a longer title ("Major-General").
RANKS = frozenset({"major", "lieutenant", "brigadier", "vice", "deputy", "rear", "field",
                    "under", "co", "acting", "ex", "air", "staff"})  # fmt: skip


DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "lord", "lady", "prof"})


@dataclass(frozen=True)
class Lexicon:
    """The general-English word lists of `data/lexicon/` that recognition and later stages use."""

    head_types: dict[str, str]
    nominal_heads: dict[str, tuple[str, str]]
    unit_modifiers: frozenset[str]
    acting_weapons: frozenset[str]
    country_heads: frozenset[str]
    political_groups: frozenset[str]
    unnamed_groups: frozenset[str]
    civilian_groups: frozenset[str]  # heads of groups of a country's own people
    country_groups: frozenset[str]  # groups that, bare, are the country's in the text
    seated_bodies: frozenset[str]  # heads of state bodies that sit in their own country
    not_actors: frozenset[str]
    departure_words: tuple[str, ...]
    roles: dict[str, str]
    national_roles: frozenset[str]
    place_verbs: frozenset[str]
    equipment_words: frozenset[str]
    motion_words: frozenset[str]
    peoples: dict[str, str]  # adjective or plural noun (lower case) -> the group's name
    citizenship_words: frozenset[str]
    group_adjectives: dict[str, str]  # the same words -> the name key of the group
    portfolio_heads: frozenset[str]
    counted_people: frozenset[str]  # heads of groups of people named by their number
    perpetrators: frozenset[str]  # doers of a crime named by a definite description
    captives: frozenset[str]  # those held by others, named by a definite description
    single_people: frozenset[str]  # one person named by what they are ("a man")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicons, read once."""
    types = read_yaml(lexicon_dir() / "actor_types.yaml")
    roles = read_yaml(lexicon_dir() / "roles.yaml")
    head_types: dict[str, str] = {}
    for type_name, words in types["head_words"].items():
        for word in words:
            head_types.setdefault(word.lower(), type_name)
    nominal: dict[str, tuple[str, str]] = {}
    for type_name, heads in types["nominal_heads"].items():
        for word, canonical in heads.items():
            nominal[word.lower()] = (type_name, canonical)
    weapons = frozenset(w.lower() for w in types["acting_weapons"])
    nominal.update({w: ("MilitaryForce", "armed forces") for w in weapons})
    role_forms: dict[str, str] = {}
    for role, forms in roles["roles"].items():
        for form in forms:
            role_forms[form.lower()] = role
    peoples = {w.lower(): group for group, words in types["peoples"].items() for w in words}
    return Lexicon(
        head_types=head_types,
        nominal_heads=nominal,
        unit_modifiers=frozenset(w.lower() for w in types["unit_modifiers"]),
        acting_weapons=weapons,
        country_heads=frozenset(w.lower() for w in types["country_heads"]),
        political_groups=frozenset(name_key(w) for w in types["political_groups"]),
        unnamed_groups=frozenset(w.lower() for w in types.get("unnamed_groups", ())),
        civilian_groups=frozenset(
            [w for w, (t, _) in nominal.items() if t == "Organization"]
            + [w.lower() for w in types["civilian_political_groups"]]
        ),
        country_groups=frozenset(w.lower() for w in types["country_groups"]),
        seated_bodies=frozenset(
            w
            for w, (t, _) in nominal.items()
            if t == "GovernmentBody" and w not in types["missions_abroad"]
        ),
        not_actors=frozenset(name_key(w) for w in types["not_actors"]),
        departure_words=tuple(w.lower() for w in types["departure_words"]),
        roles=role_forms,
        national_roles=frozenset(roles.get("national_roles", ())),
        place_verbs=frozenset(w.lower() for w in types["place_verbs"]),
        equipment_words=frozenset(w.lower() for w in types["equipment_words"]),
        motion_words=frozenset(w.lower() for w in types["motion_words"]),
        peoples=peoples,
        citizenship_words=frozenset(w.lower() for w in types["citizenship_words"]),
        group_adjectives={word: name_key(group) for word, group in peoples.items()},
        portfolio_heads=frozenset(w.lower() for w in types["portfolio_heads"]),
        counted_people=frozenset(w.lower() for w in types["counted_people"]),
        perpetrators=frozenset(w.lower() for w in types["perpetrators"]),
        captives=frozenset(w.lower() for w in types["captives"]),
        single_people=frozenset(w.lower() for w in types["single_people"]),
    )


def honorific(token: Token) -> bool:
    """ "Mr", "Ms.", "Dr" ... before a person's name."""
    return token.lower_.rstrip(".") in _HONORIFICS
