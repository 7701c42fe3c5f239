"""Misspelt names: two surface forms of one actor that differ by a slip of the keyboard
("Netanyhu" beside "Netanyahu") are one actor, named with the better-attested spelling."""

from __future__ import annotations

from rapidfuzz.distance import DamerauLevenshtein

from actorgraph.names import name_key
from actorgraph.resolve.entities import Entity, Resolver

# Words shorter than this differ by one letter between names of different people ("Jong-un"
# and "Jong-il", "Jon" and "Joan"): only longer words can be misspelt versions of each other.
MIN_WORD = 5
# Words this long may hold two slips; shorter ones one.
LONG_WORD = 10


def misspelt_word(a: str, b: str) -> bool:
    """Whether two different words are one word misspelt: the same first letter and one
    letter added, dropped, changed or two swapped (two slips in a long word); a plural is
    no misspelling ("the Trumps" are a family)."""
    if a == b or min(len(a), len(b)) < MIN_WORD or a[0] != b[0]:
        return False
    if a.rstrip("s") == b.rstrip("s"):
        return False
    slips = 2 if min(len(a), len(b)) >= LONG_WORD else 1
    return DamerauLevenshtein.distance(a, b, score_cutoff=slips) <= slips


def misspelt_name(a: str, b: str) -> bool:
    """Whether two name keys are one name with one word misspelt; a one-word name is
    compared with the other's last word (a surname), two full names word by word (so
    relatives, whose given names differ, stay apart)."""
    first, second = a.split(), b.split()
    if len(first) == 1 and len(second) > 1:
        second = second[-1:]
    elif len(second) == 1 and len(first) > 1:
        first = first[-1:]
    if len(first) != len(second):
        return False
    differing = [(x, y) for x, y in zip(first, second, strict=True) if x != y]
    return len(differing) == 1 and misspelt_word(*differing[0])


def _length(name: str) -> tuple[int, int]:
    """How long a name is, in words then characters (the longest names an actor)."""
    return len(name.split()), len(name)


class Spellings(Resolver):
    """The resolver's merging of misspelt names."""

    def merge_misspellings(self) -> None:
        """Merge every pair of named entities that are one actor misspelt (see `same_actor`)
        into the better-attested one."""
        merged = True
        while merged:
            merged = False
            groups = [g for g, e in self.entities.items() if self.name_keys(e)]
            for i, one in enumerate(groups):
                other = next((g for g in groups[i + 1 :] if self.same_actor(one, g)), None)
                if other is not None:
                    keep, drop = sorted((one, other), key=self.attestation, reverse=True)
                    self.absorb(keep, drop)
                    merged = True
                    break

    @staticmethod
    def name_keys(entity: Entity) -> set[str]:
        """The keys of the fullest names an entity is mentioned by: those of several words
        if it has any ("Mohamed Bacar", not "Bacar"), else its one-word names."""
        keys = {name_key(n) for n in entity.names} - {""}
        full = {k for k in keys if " " in k}
        return full or keys

    def same_actor(self, one: str, other: str) -> bool:
        """Two entities of one type, not both in the KB, of no two countries, never named in
        one sentence, one of whose names is a misspelling of the other's."""
        a, b = self.entities[one], self.entities[other]
        if not (a.type == b.type or self.surname_as_org(a, b) or self.surname_as_org(b, a)):
            return False
        if a.entry is not None and b.entry is not None:
            return False
        if a.country and b.country and a.country != b.country:
            return False
        if self.sentences(a) & self.sentences(b):
            return False
        pairs = [(x, y) for x in self.name_keys(a) for y in self.name_keys(b)]
        return any(misspelt_name(x, y) and not self.known_apart(x, y) for x, y in pairs)

    @staticmethod
    def surname_as_org(person: Entity, other: Entity) -> bool:
        """A misspelt surname the model took for an organisation: one word, in no KB."""
        return (
            person.type == "Person"
            and other.type == "Organization"
            and other.entry is None
            and all(" " not in name_key(n) for n in other.names)
        )

    def known_apart(self, a: str, b: str) -> bool:
        """Whether the KB knows both names, as different actors."""
        first = {e.key for e in self.kb.lookup(a)}
        second = {e.key for e in self.kb.lookup(b)}
        return bool(first) and bool(second) and not first & second

    def sentences(self, entity: Entity) -> set[int]:
        """The sentences an entity is named in."""
        return {self.sentence_of[s] for s, _, kind in entity.spans if kind == "name"}

    def attestation(self, group: str) -> tuple[int, bool, int]:
        """How well a spelling is attested: its mentions, then KB knowledge, then length."""
        entity = self.entities[group]
        named = sum(1 for _, _, kind in entity.spans if kind == "name")
        return named, entity.entry is not None, max(len(n) for n in entity.names)

    def absorb(self, keep: str, drop: str) -> None:
        """Make the mentions of `drop` mentions of `keep`; the misspelling is an alias, never
        the name the actor is labelled with."""
        kept, gone = self.entities[keep], self.entities.pop(drop)
        if gone.type == "Person" and kept.entry is None:
            kept.type = "Person"  # a person whose surname the model took for an organisation
        kept.spans.extend(gone.spans)
        best = max(_length(n) for n in kept.names)
        kept.names.extend(n for n in gone.names if _length(n) <= best)
        kept.country = kept.country or gone.country
        for token, group in self.token_entity.items():
            if group == drop:
                self.token_entity[token] = keep
        for alias, group in self.aliases.items():
            if group == drop:
                self.aliases[alias] = keep
        if drop in self.gender:
            self.gender.setdefault(keep, self.gender.pop(drop))
