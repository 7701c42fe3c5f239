"""Linking: turning a document's resolved entities into actors with stable IRIs.

Knowledge-base actors get `ID[key]` and their Wikidata id; others get
`ID["<type lower>/<slug of the full name>"]`, so the same actor named the same way in two
articles gets the same IRI.
"""

from __future__ import annotations

from actorgraph.kb import KBEntry, KnowledgeBase
from actorgraph.model import Actor, Mention
from actorgraph.names import clean_name, name_key, slug
from actorgraph.vocab import ID


def actor_iri(type_name: str, label: str, key: str | None = None) -> str:
    """The IRI of an actor: its knowledge-base key, else its type and name slug."""
    if key:
        return str(ID[key])
    return str(ID[f"{type_name.lower()}/{slug(label) or 'unnamed'}"])


def country_adjective(knowledge: KnowledgeBase, iso3: str | None) -> str | None:
    """The adjective of a country ("Belarusian" for BLR), its first listed demonym."""
    entry = knowledge.country(iso3) if iso3 else None
    if entry is None:
        return None
    return entry.demonyms[0] if entry.demonyms else entry.label


def institution(
    knowledge: KnowledgeBase, iso3: str | None, canonical: str, type_name: str
) -> tuple[str, KBEntry | None]:
    """The label of a country's institution ("Russian armed forces") and its KB entry."""
    adjective = country_adjective(knowledge, iso3)
    label = f"{adjective} {canonical}" if adjective else canonical
    country = knowledge.country(iso3) if iso3 else None
    candidates = [label]
    if country is not None:
        candidates.append(f"{canonical} of {country.label}")
    for candidate in candidates:
        for entry in knowledge.lookup(candidate):
            if entry.type == type_name and (iso3 is None or entry.country == iso3):
                return entry.label, entry
    return label, None


def new_names(forms: list[str], known: list[str]) -> list[str]:
    """The names among `forms` that none of `known` already gives, in the order met."""
    seen = {name_key(n) for n in known}
    found = []
    for form in map(clean_name, forms):
        if form and name_key(form) not in seen:
            seen.add(name_key(form))
            found.append(form)
    return found


def make_actor(
    type_name: str,
    names: list[str],
    mentions: list[Mention],
    entry: KBEntry | None = None,
    country: str | None = None,
) -> Actor:
    """An `Actor` from a resolved entity: KB facts where known, else the longest name."""
    surface = [clean_name(n) for n in names if clean_name(n)]
    if entry is not None:
        label = entry.label
        type_name = entry.type
    else:
        label = max(surface, key=lambda n: (len(n.split()), len(n)), default="unnamed")
    seen = {name_key(label)}
    aliases = []
    for name in surface:
        if name_key(name) not in seen:
            seen.add(name_key(name))
            aliases.append(name)
    return Actor(
        id=actor_iri(type_name, label, entry.key if entry else None),
        label=label,
        type=type_name,
        aliases=aliases,
        wikidata=entry.wikidata if entry else None,
        country=(entry.country if entry and entry.country else country),
        mentions=sorted(mentions, key=lambda m: m.start),
    )
