"""Definite descriptions that refer back: "the country", "his partner", "the opposition",
"the protesters", "the court", "the alliance"."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from actorgraph import link
from actorgraph.names import name_key
from actorgraph.recognise import lexicon
from actorgraph.resolve.entities import Entity, Resolver
from actorgraph.resolve.grammar import MAX_SENTENCES_BACK, salience

# Nouns that, with "the" or a possessive and no name of their own, refer back to a country:
# "the country", "his partner" (another country than the possessor's).
_COUNTRY_NOUNS = frozenset({"country", "nation", "republic", "kingdom"})
_PARTNER_NOUNS = frozenset({"partner", "ally", "neighbour", "neighbor"})
# Nouns that, with "the" and no name of their own, name the government of the country the
# text is about ("the government", "the authorities"), not one acting upon it.
_GOVERNMENT_NOUNS = frozenset({"government", "authorities", "regime"})
# Nouns that, with "the" and no name of their own, refer back to an organisation named
# before ("the alliance" after NATO, "the bloc" after the EU), with the words one of its
# names must hold to be what the noun describes (none: any organisation of these types).
_ORG_NOUNS: dict[str, tuple[str, ...]] = {
    "alliance": ("alliance", "treaty", "pact"),
    "bloc": (),
    "union": ("union",),
    "organisation": (),
    "organization": (),
    "agency": ("agency", "programme", "program", "fund", "office", "watchdog"),
    "watchdog": ("agency", "watchdog"),
    "court": ("court", "tribunal"),
    "tribunal": ("tribunal", "court"),
    "senate": ("senate",),
    "committee": ("committee",),
    "commission": ("commission",),
    "council": ("council",),
    "ministry": ("ministry",),
    "department": ("department",),
    "party": ("party",),
    "movement": ("movement",),
    "coalition": ("coalition",),
    "company": ("company", "corporation", "group", "inc", "ltd", "plc"),
}
_ORG_TYPES = frozenset({"InternationalOrganization", "Organization"})
_ORG_TYPE_NOUNS = frozenset({"alliance", "bloc", "union", "organisation", "organization", "agency",
                             "watchdog"})  # fmt: skip
# What a description that a name's word must hold may refer back to: any body of people.
_BODY_TYPES = _ORG_TYPES | {"GovernmentBody", "PoliticalGroup", "MilitaryForce",
                            "MediaOrganization"}  # fmt: skip


def _named_place(group: str, entity: Entity) -> bool:
    return entity.type in ("Country", "Location") and bool(entity.names)


class Descriptions(Resolver):
    """The resolver's reading of definite descriptions."""

    def add_descriptions(self) -> None:
        """Definite descriptions of a country ("the country", "his former Soviet partner",
        "its neighbour") refer to the most salient country named before; a partner, ally or
        neighbour is another country than the possessor's."""
        for token in self.doc:
            word = token.lower_
            if (
                token.pos_ != "NOUN"
                or word not in _COUNTRY_NOUNS | _PARTNER_NOUNS | _GOVERNMENT_NOUNS
            ):
                continue
            if self.group_at(token.i) or any(
                self.group_at(c.i) or c.pos_ == "PROPN" or c.dep_ in ("prep", "appos")
                for c in token.children
                if c.dep_ != "poss"
            ):
                continue  # named or qualified ("the country of X", "Russia's partner Y")
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            determiner = any(c.lower_ == "the" for c in token.children)
            if word in _COUNTRY_NOUNS | _GOVERNMENT_NOUNS and not determiner:
                continue
            if word in _PARTNER_NOUNS and owner is None:
                continue
            excluded = self.own_countries(owner) if owner is not None else set()
            if word in _GOVERNMENT_NOUNS:
                excluded |= self.acting_countries(token)  # "X urged the government": not X
            back = 1 if word in _PARTNER_NOUNS else MAX_SENTENCES_BACK
            group = self.salient_country(token, excluded, back)
            if group is not None:
                start = min([token.i, *(t.i for t in token.lefts)])
                self.attach(group, start if owner is None else owner.i + 1, token.i + 1,
                            "nominal", None)  # fmt: skip

    def add_group_descriptions(self, owned: set[int]) -> None:
        """A country's own groups named by their word alone ("the opposition", "protesters",
        "police", "the lawyers") are those of the most salient country named before: the
        text speaks of that country. They are groups of it, never the country itself. Those
        recognition gave an owner (`owned`: the place of their clause, "police ... in Tel
        Aviv") are that owner's, read later."""
        lex = lexicon()
        for token in self.doc:
            word = token.lower_
            if word not in lex.country_groups or token.i in owned or self.group_at(token.i):
                continue
            if not self.bare_group(token):
                continue  # qualified ("the opposition in X", "his lawyers"), or a modifier
            type_name, canonical = lex.nominal_heads.get(word, ("PoliticalGroup", word))
            start = min([token.i, *(t.i for t in token.lefts)])
            earlier = self.group_named_before(token, type_name, canonical)
            # "Serbian protesters ... the protesters": the same group, in the same story
            if earlier is not None and not self.elsewhere(token, earlier):
                self.attach(earlier, start, token.i + 1, "nominal", None)
                self.name_by_word(earlier, word)
                continue
            place = self.salient_place(token)
            if place is None:
                continue
            iso3 = self.entities[place].country
            if iso3 is None:  # a territory of no known country: "Hong Kong protesters"
                name, entry = f"{self.entities[place].names[0]} {canonical}", None
            else:
                name, entry = link.institution(self.kb, iso3, canonical, type_name)
            group = entry.key if entry else f"{type_name}:{name_key(name)}"
            entity = self.entity(group, type_name, entry)
            entity.country = entity.country or iso3
            if not entity.names:
                entity.names.append(name)
            self.attach(group, start, token.i + 1, "nominal", None)
            self.name_by_word(group, word)

    def name_by_word(self, group: str, word: str) -> None:
        """The word the text calls a group by ("the protesters") is one of its names."""
        names = self.entities[group].names
        if names and word not in (n.lower() for n in names):
            names.append(word)

    def salient_place(self, token: Token) -> str | None:
        """The country or place the text speaks of at a token: the one its own paragraph or
        sentence names (`place_here`), else the most salient one in the last few sentences,
        else in the whole text before it."""
        found = self.place_here(token)
        for back in (MAX_SENTENCES_BACK, self.sentence_of[token.i]):
            found = found or self.most_salient(token, back, _named_place)
        return found

    def place_here(self, token: Token) -> str | None:
        """The country or place a token's own paragraph speaks of: the most salient one named
        in its last few sentences, else the first its sentence names after the token, else the
        country of the last demonym before it (a paragraph may tell a story of its own, as in
        a digest of the day's news)."""

        def in_paragraph(group: str, entity: Entity) -> bool:
            paragraph = self.paragraph_of[token.i]
            return _named_place(group, entity) and any(
                self.paragraph_of[start] == paragraph for start, _, _ in entity.spans
            )

        found = self.most_salient(token, MAX_SENTENCES_BACK, in_paragraph)
        return found or self.named_after(token, _named_place) or self.demonym_before(token)

    def demonym_before(self, token: Token) -> str | None:
        """The country whose demonym comes last before a token in its paragraph ("Philippine
        president X orders the national police")."""
        last: dict[str, int] = {}
        for group, entity in self.entities.items():
            for start, _, kind in entity.spans:
                here = self.paragraph_of[start] == self.paragraph_of[token.i]
                if kind == "demonym" and here and start < token.i and entity.type == "Country":
                    last[group] = max(last.get(group, -1), start)
        return max(last, key=lambda g: last[g]) if last else None

    def elsewhere(self, token: Token, group: str) -> bool:
        """Whether a group named before, in other paragraphs only, belongs to another place
        than the one a token's paragraph speaks of ("police" of another story of the day)."""
        paragraph = self.paragraph_of[token.i]
        if any(self.paragraph_of[start] == paragraph for start, _, _ in self.entities[group].spans):
            return False
        place = self.place_here(token)
        if place is None:
            return False
        country = self.entities[place].country
        if country is not None or self.entities[group].country is not None:
            return country != self.entities[group].country
        name = self.entities[place].names[0].lower()
        return not any(n.lower().startswith(name) for n in self.entities[group].names)

    def named_after(self, token: Token, keep: Callable[[str, Entity], bool]) -> str | None:
        """The entity kept by `keep` named first after a token in its sentence."""
        here = self.sentence_of[token.i]
        for t in self.doc[token.i + 1 :]:
            if self.sentence_of[t.i] != here:
                break
            group = self.group_at(t.i)
            if group is not None and keep(group, self.entities[group]):
                return group
        return None

    def group_named_before(self, token: Token, type_name: str, canonical: str) -> str | None:
        """The group of this kind last mentioned before a token ("protesters" after "Hong
        Kong protesters"), if any."""
        last: dict[str, int] = {}
        for group, entity in self.entities.items():
            if entity.type != type_name or not any(
                n.lower().endswith(canonical) for n in entity.names
            ):
                continue
            before = [start for start, _, _ in entity.spans if start < token.i]
            if before:
                last[group] = max(before)
        return max(last, key=lambda g: last[g]) if last else None

    def bare_group(self, token: Token) -> bool:
        """A noun heading its own phrase with nothing that says whose group it is: no
        possessor, name, apposition or phrase naming an actor ("violent protesters", "riot police"
        are bare; "his lawyers", "lawyers for X", "police officers" are not)."""
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "poss", "amod"):
            return False
        if token.pos_ == "PROPN" and not (token.is_sent_start or token.text.islower()):
            return False  # part of a name ("Police Scotland")
        return not any(
            c.dep_ in ("appos", "poss", "nmod")
            or (c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or self.group_at(c.i)))
            or (c.dep_ in ("prep", "acl", "relcl") and self.names_actor(c))
            for c in token.children
        )

    def names_actor(self, phrase: Token) -> bool:
        return any(self.group_at(t.i) is not None for t in phrase.subtree)

    def add_org_descriptions(self) -> None:
        """Definite descriptions of an organisation ("the alliance", "the bloc", "the
        organisation") refer to the most salient organisation of their kind named before."""
        for token in self.doc:
            words = _ORG_NOUNS.get(token.lower_)
            if token.pos_ not in ("NOUN", "PROPN") or words is None or self.group_at(token.i):
                continue
            if not any(c.lower_ == "the" for c in token.children) or any(
                self.group_at(c.i)
                or c.pos_ == "PROPN"
                or c.dep_ in ("prep", "appos", "poss")
                or (token.lower_ not in _ORG_TYPE_NOUNS and c.dep_ in ("amod", "compound"))
                for c in token.children
            ):
                continue  # named or qualified ("the alliance of X", "their union", "a lower court")
            group = self.salient_org(token, words)
            if group is not None:
                start = min([token.i, *(t.i for t in token.lefts)])
                self.attach(group, start, token.i + 1, "nominal", None)

    def salient_org(self, token: Token, words: tuple[str, ...]) -> str | None:
        """The most salient organisation named before a token, in the last few sentences,
        else in the whole text before it, one of whose names holds one of `words` (any
        organisation, when `words` is empty; any body of people, when it is not)."""
        here = self.sentence_of[token.i]
        types = _BODY_TYPES if words else _ORG_TYPES
        for back in (MAX_SENTENCES_BACK, here):
            scores: dict[str, float] = {}
            for group, entity in self.entities.items():
                if entity.type not in types or (words and not self.named_with(entity, words)):
                    continue
                if token.lower_ in ("alliance", "bloc") and (
                    entity.type != "InternationalOrganization"
                ):
                    continue
                for start, end, kind in entity.spans:
                    distance = here - self.sentence_of[start]
                    if start >= token.i or distance > back or kind != "name":
                        continue
                    weight = salience(self.doc[end - 1])
                    scores[group] = scores.get(group, 0.0) + weight * 0.5 ** min(distance, 30)
            if scores:
                return max(scores, key=lambda g: scores[g])
        return None

    @staticmethod
    def named_with(entity: Entity, words: tuple[str, ...]) -> bool:
        names = list(entity.names)
        if entity.entry is not None:
            names += [entity.entry.label, *entity.entry.aliases]
        return any(w in name.lower().split() for name in names for w in words)

    def acting_countries(self, token: Token) -> set[str]:
        """The countries that are themselves the subject of the clause a noun is the object
        or complement of: a government acted upon is another country's."""
        verb = token.head
        while verb.dep_ in ("prep", "pobj", "dobj", "ccomp", "xcomp") and verb.head.i != verb.i:
            if verb.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in verb.children):
                break
            verb = verb.head
        found = set()
        for child in verb.children:
            if child.dep_ == "nsubj" and token.i not in {t.i for t in child.subtree}:
                group = self.group_at(child.i)
                if group is not None and self.entities[group].type == "Country":
                    found.add(group)
        return found

    def own_countries(self, owner: Token) -> set[str]:
        """The possessor's entity and its country, which its partner cannot be."""
        group = self.group_at(owner.i)
        if group is None:
            return set()
        country = self.entities[group].country
        found = self.country_entity(country) if country else None
        return {group} | ({found[0]} if found else set())

    def salient_country(self, token: Token, excluded: set[str], back: int) -> str | None:
        """The most salient country mentioned before a token, at most `back` sentences back
        (a partner is one just named; "the country" may be the article's subject)."""
        return self.most_salient(
            token, back, lambda group, entity: entity.type == "Country" and group not in excluded
        )

    def most_salient(
        self, token: Token, back: int, keep: Callable[[str, Entity], bool]
    ) -> str | None:
        """The entity kept by `keep` most salient before a token, at most `back` sentences
        back: each mention weighs by its salience, halved for every sentence since."""
        here = self.sentence_of[token.i]
        scores: dict[str, float] = {}
        for group, entity in self.entities.items():
            if not keep(group, entity):
                continue
            for start, end, kind in entity.spans:
                distance = here - self.sentence_of[start]
                if start >= token.i or distance > back or kind == "demonym":
                    continue
                weight = salience(self.doc[end - 1] if kind != "pronoun" else self.doc[start])
                scores[group] = scores.get(group, 0.0) + weight * 0.5 ** min(distance, 30)
        return max(scores, key=lambda g: scores[g]) if scores else None
