"""Resolving mentions into the actors of one document.

Names, surnames, titles, pronouns, capitals acting for their governments, nominal groups
("his soldiers"), descriptions ("the country", "his partner") and demonyms qualifying what a
country owns ("an Indian proposal") become mentions of one entity each; a title naming no
person ("a Turkish official") is a mention of its country or organisation. `link` then gives
each entity its actor record and IRI. The posts that tie a title to a person ("Foreign
Minister Vladimir Makei", "Sergei Shoigu, the Russian defence minister") are found here,
because they are what makes "the Russian defence minister" and "Sergei Shoigu" one actor; the
affiliation stage turns them into relations.

Pronouns are resolved by a salience heuristic in the manner of Lappin and Leass (1994):
each earlier mention scores by grammatical role (subject, object, not embedded in another
noun group), halved for each sentence back; the best agreeing candidate wins.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from actorgraph import link, quotes
from actorgraph.kb import KBEntry, KnowledgeBase
from actorgraph.model import ActorIndex, Mention
from actorgraph.names import name_key
from actorgraph.recognise import (
    Recognised,
    Recognition,
    Title,
    chunk_at,
    lexicon,
    sentence_at,
    sentence_bounds,
)
from actorgraph.syntax import object_of

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_GROUP_TYPES = frozenset({"MilitaryForce", "PoliticalGroup"})
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
_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
           "she": "f", "her": "f", "hers": "f", "herself": "f"}  # fmt: skip
_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "madam": "f",
               "lord": "m", "lady": "f"}  # fmt: skip
_DIRECTION_PREPOSITIONS = frozenset({"to", "from", "toward", "towards"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
_MAX_SENTENCES_BACK = 3
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
_NOT_TITLE_GAP = frozenset({"VERB", "AUX", "PUNCT", "CCONJ", "SCONJ"})


@dataclass
class Entity:
    """One actor of the document while it is being resolved."""

    type: str
    entry: KBEntry | None = None
    names: list[str] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, kind
    country: str | None = None
    iri: str = ""


@dataclass(frozen=True)
class Post:
    """A title that the text ties to a person, with the organisation or country it is in."""

    person: str  # actor IRI
    role: str
    organization: str | None  # actor IRI
    title: Title
    how: str  # "title" (before the name), "apposition", "copula", "kb" (holder on the date),
    # "counterpart" (the same post as the possessor's, in another country)


@dataclass
class Resolution:
    """The resolve stage's output: the actor index and the posts found on the way."""

    index: ActorIndex
    posts: list[Post] = field(default_factory=list)


class _Resolver:
    """Holds one document's entities while mentions are attached to them."""

    def __init__(self, doc: Doc, knowledge: KnowledgeBase, date: str | None) -> None:
        self.doc = doc
        self.kb = knowledge
        self.date = date
        self.entities: dict[str, Entity] = {}
        self.token_entity: dict[int, str] = {}
        self.aliases: dict[str, str] = {}  # name key of an acronym or nickname -> group
        self.gender: dict[str, str] = {}  # group -> "m" / "f", from pronouns and honorifics
        self.sentence_of = {
            t.i: n for n, (s, e) in enumerate(sentence_bounds(doc)) for t in doc[s:e]
        }

    # ---- entities

    def entity(self, group: str, type_name: str, entry: KBEntry | None = None) -> Entity:
        if group not in self.entities:
            country = entry.country if entry else None
            self.entities[group] = Entity(
                type=entry.type if entry else type_name, entry=entry, country=country
            )
        return self.entities[group]

    def country_entity(self, iso3: str) -> tuple[str, Entity] | None:
        entry = self.kb.country(iso3)
        if entry is None:
            return None
        return entry.key, self.entity(entry.key, "Country", entry)

    def attach(self, group: str, start: int, end: int, kind: str, name: str | None) -> None:
        entity = self.entities[group]
        entity.spans.append((start, end, kind))
        if name:
            entity.names.append(name)
        for i in range(start, end):
            self.token_entity.setdefault(i, group)

    def group_at(self, token: int) -> str | None:
        return self.token_entity.get(token)

    # ---- names

    def add_names(self, mentions: list[Recognised]) -> None:
        """Full names and KB-known names first, then single words, which may be a person's
        surname (or family name, "Wang" of "Wang Yi") even where the model typed them as an
        organisation."""
        singles = []
        for m in mentions:
            if m.kind == "capital":
                self.add_capital(m)
            elif m.kind == "name":
                single = m.key is None and m.end_token - m.start_token == 1
                if single and m.type in ("Person", "Organization", "Location"):
                    singles.append(m)
                    continue
                self.add_name(m)
        self.add_acronyms()
        for m in singles:
            group = self.aliases.get(name_key(m.text)) or self.alias_before(m)
            if group is not None:
                self.attach(group, m.start_token, m.end_token, "name", m.text)
                continue
            group = self.person_named(name_key(m.text))
            if group is not None:
                self.entities[group].type = "Person"
                self.attach(group, m.start_token, m.end_token, "name", m.text)
            elif m.type == "Person":
                self.add_surname(m)
            else:
                self.add_name(m)

    def add_missed_surnames(self) -> None:
        """A capitalised word the model did not take for a name but which is the surname of
        exactly one person already named ("... Abdel Fattah al-Burhan ... Burhan rejected")."""
        by_surname: dict[str, set[str]] = {}
        for group, entity in self.entities.items():
            if entity.type == "Person":
                for name in entity.names:
                    words = name_key(name).split()
                    if len(words) > 1 and len(words[-1]) > 2:
                        by_surname.setdefault(words[-1], set()).add(group)
        for token in self.doc:
            if token.pos_ != "PROPN" or not token.text[:1].isupper() or self.group_at(token.i):
                continue
            groups = by_surname.get(name_key(token.text), set())
            if len(groups) == 1:
                self.attach(next(iter(groups)), token.i, token.i + 1, "name", token.text)

    def add_acronyms(self) -> None:
        """An acronym in brackets right after a name is that actor's alias, wherever it
        appears ("the Rapid Support Forces (RSF) ... the RSF")."""
        doc = self.doc
        for group, entity in list(self.entities.items()):
            for _, end, _ in list(entity.spans):
                if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
                    continue
                acronym = doc[end + 1]
                if acronym.text.isupper() and len(acronym.text) >= 2 and acronym.text.isalpha():
                    self.aliases[name_key(acronym.text)] = group
                    if self.group_at(acronym.i) is None:
                        self.attach(group, acronym.i, acronym.i + 1, "name", acronym.text)

    def alias_before(self, m: Recognised) -> str | None:
        """The actor a single name is an alias of: the name just before it when it is given in
        brackets ("Rapid Support Forces (RSF)") or after "known as"/"nicknamed"."""
        doc, i = self.doc, m.start_token
        before: int | None = None
        if (
            i >= 2
            and doc[i - 1].text == "("
            and m.end_token < len(doc)
            and doc[m.end_token].text == ")"
        ):
            before = i - 2
        elif (i >= 3 and doc[i - 2 : i].text.lower() in ("known as", "called as")) or (
            i >= 2 and doc[i - 1].lower_ in ("nicknamed", "dubbed", "alias")
        ):
            start = i - 2 if doc[i - 1].lower_ == "as" else i - 1
            j = start - 1
            while j >= 0 and doc[j].lower_ in (",", "also", "widely", "better", "commonly"):
                j -= 1
            before = j
        group = self.group_at(before) if before is not None and before >= 0 else None
        if group is not None:
            self.aliases[name_key(m.text)] = group
        return group

    def add_name(self, m: Recognised) -> None:
        entry = self.kb.entry(m.key) if m.key else None
        group = m.key or f"{m.type}:{name_key(m.text)}"
        if m.type == "Person" and not m.key:
            group = self.person_group(m.text) or group
        entity = self.entity(group, m.type, entry)
        entity.country = entity.country or m.country
        self.attach(group, m.start_token, m.end_token, "name", m.text)

    def person_group(self, text: str) -> str | None:
        """An existing person whose full name has the same last name (so "Vladimir Putin" and
        "Putin" merge whichever comes first)."""
        last = name_key(text).split()[-1:]
        for group, entity in self.entities.items():
            if entity.type == "Person" and any(
                name_key(n).split()[-1:] == last for n in entity.names
            ):
                return group
        return None

    def person_named(self, word: str) -> str | None:
        """The person, most recently named, one of whose full names starts or ends with
        `word`; also a name typed as an organisation whose last word it is ("Mutale Banda"
        taken for an organisation, then "Banda said")."""
        best: tuple[bool, int, str] | None = None
        for group, entity in self.entities.items():
            if entity.type == "Person":
                hit = any(_first_or_last(name_key(n), word) for n in entity.names)
            elif entity.type == "Organization" and entity.entry is None:
                hit = any(
                    len(n.split()) > 1 and name_key(n).split()[-1] == word for n in entity.names
                )
            else:
                continue
            if hit:
                candidate = (entity.type == "Person", max(s for s, _, _ in entity.spans), group)
                best = max(best, candidate) if best else candidate
        return best[2] if best else None

    def add_surname(self, m: Recognised) -> None:
        """A single-word person name nobody else in the document has: the KB's person of
        that name if there is exactly one, else a person of its own."""
        key = name_key(m.text)
        known = [e for e in self.kb.lookup(m.text) if e.type == "Person"]
        group = known[0].key if len(known) == 1 else f"Person:{key}"
        self.entity(group, "Person", known[0] if len(known) == 1 else None)
        self.attach(group, m.start_token, m.end_token, "name", m.text)

    def add_capital(self, m: Recognised) -> None:
        """A capital acting (subject, agent, object of a verb, possessor) stands for its
        country; a capital as a place stays a Location."""
        token = self.doc[m.end_token - 1]
        if m.key and is_agent(token):
            entry = self.kb.entry(m.key)
            self.entity(m.key, "Country", entry)
            self.attach(m.key, m.start_token, m.end_token, "metonym", m.text)
            return
        group = f"Location:{name_key(m.text)}"
        entity = self.entity(group, "Location")
        entity.country = entity.country or m.country
        self.attach(group, m.start_token, m.end_token, "name", m.text)

    def retype_by_apposition(self) -> None:
        """A name the statistical model typed is retyped by an appositive head noun:
        "BelTA, the state news agency of Belarus" is a media organisation."""
        heads = lexicon().head_types
        for entity in self.entities.values():
            if entity.entry is not None or entity.type == "Location":
                continue
            for _, end, _ in entity.spans:
                head = appositive_head(self.doc, end)
                if head is not None and head.lower_ in heads:
                    entity.type = heads[head.lower_]
                    break

    # ---- titles

    def add_titles(self, titles: list[Title]) -> list[Post]:
        posts = []
        for title in titles:
            found = self.title_person(title)
            if found is None:
                self.title_for_org(title)
                continue
            group, how = found
            org = self.title_org(title)
            entity = self.entities[group]
            start = self.title_start(title)
            for i in range(start, title.end_token):
                self.token_entity.setdefault(i, group)
            entity.spans.append((start, title.end_token, "title"))
            if org is not None and entity.country is None:
                entity.country = self.entities[org].country
            posts.append(Post(group, title.role, org, title, how))
        return posts

    def title_for_org(self, title: Title) -> None:
        """A title naming no person the text or KB knows ("a Turkish official", "the Kremlin
        spokesman") speaks and acts for its country or organisation: a mention of it."""
        org = self.title_org(title)
        if org is None or any(self.group_at(i) for i in range(title.start_token, title.end_token)):
            return
        start = self.title_start(title)
        self.attach(org, start, title.end_token, "nominal", None)

    def title_start(self, title: Title) -> int:
        """First token of the title's noun group ("the Russian defence minister")."""
        start = title.start_token
        while start > 0:
            before = self.doc[start - 1]
            group = self.group_at(before.i)
            plain = before.pos_ in ("DET", "ADJ") and group is None
            owner = before.pos_ == "PROPN" and group and self.entities[group].type != "Person"
            if plain or owner or before.tag_ == "POS":
                start -= 1
            else:
                break
        return start

    def title_person(self, title: Title) -> tuple[str, str] | None:
        """The person a title belongs to, and how the text (or the KB) says so."""
        doc = self.doc
        end = title.end_token
        after = self.group_at(end) if end < len(doc) else None
        if after and self.entities[after].type == "Person":
            return after, "title"
        start = self.title_start(title)
        if start >= 2 and doc[start - 1].text == ",":
            before = self.group_at(start - 2)
            if before and self.entities[before].type == "Person":
                return before, "apposition"
        head = doc[end - 1]
        phrase_end = max(
            [end] + [max(t.i for t in c.subtree) + 1 for c in head.rights if c.dep_ == "prep"]
        )
        for stop in dict.fromkeys((end, phrase_end)):  # "the head of the X, Name"
            if stop + 1 < len(doc) and doc[stop].text == ",":
                group = self.group_at(stop + 1)
                if group and self.entities[group].type == "Person":
                    return group, "apposition"
        group = self.copula_subject(title)
        if group:
            return group, "copula"
        return self.kb_holder(title)

    def copula_subject(self, title: Title) -> str | None:
        head = self.doc[title.end_token - 1]
        if head.dep_ not in ("attr", "oprd") or head.head.lemma_ not in ("be", "become", "remain"):
            return None
        for child in head.head.children:
            if child.dep_ in _SUBJECT_DEPS:
                group = self.group_at(child.i)
                if group and self.entities[group].type == "Person":
                    return group
        return None

    def kb_holder(self, title: Title) -> tuple[str, str] | None:
        """The person the KB says held the post on the document's date."""
        org = self.title_org(title)
        if org is None or self.date is None or title.modifier in ("former", "ex", "late"):
            return None
        entry = self.entities[org].entry
        holder = self.kb.holder(title.role, entry.key, self.date) if entry else None
        if holder is None:
            return None
        self.entity(holder.key, "Person", holder)
        return holder.key, "kb"

    def title_org(self, title: Title) -> str | None:
        """The country or organisation of a title: a demonym, country or organisation just
        before it ("Russian President", "Kremlin spokesperson", "Russia's foreign minister")
        or its "of" object ("the commander of the Ukrainian combined forces")."""
        doc = self.doc
        i = title.start_token - 1
        while i >= 0 and (doc[i].tag_ == "POS" or doc[i].lower_ in ("top", "chief", "senior")):
            i -= 1
        if i >= 0 and doc[i].pos_ not in _NOT_TITLE_GAP:
            group = self.group_at(i)
            if group and self.entities[group].type not in ("Person", "Location"):
                return group
            country = self.kb.country_by_adjective(doc[i].text)
            if country is not None and doc[i].text[:1].isupper():
                found = self.country_entity(country.country or "")
                if found is None:
                    return None
                found[1].spans.append((i, i + 1, "demonym"))
                self.token_entity.setdefault(i, found[0])
                return found[0]
        head = doc[title.end_token - 1]
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "in", "at"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        group = self.group_at(obj.i)
                        if group and self.entities[group].type not in ("Person", "Location"):
                            return group
        return None

    def possessor_org(self, post: Post) -> Post:
        """A title with a possessive pronoun ("his foreign minister") is a post in the
        possessor's organisation, or in a person possessor's country."""
        if post.organization is not None:
            return post
        start = self.title_start(post.title)
        before = self.doc[start - 1] if start > 0 else None
        if before is None or before.tag_ != "PRP$":
            return post
        group = self.group_at(before.i)
        if group is None or group == post.person:
            return post
        owner = self.entities[group]
        if owner.type != "Person":
            return replace(post, organization=group)
        found = self.country_entity(owner.country) if owner.country else None
        if found is None:
            return post
        person = self.entities[post.person]
        person.country = person.country or owner.country
        return replace(post, organization=found[0])

    def owned_body_org(self, post: Post) -> Post:
        """A title after a body that belongs to a named owner ("Sudan's army chief"): the
        post is in that body, known only once owned bodies are resolved."""
        if post.organization is not None:
            return post
        org = self.title_org(post.title)
        if org is None:
            return post
        person = self.entities[post.person]
        person.country = person.country or self.entities[org].country
        return replace(post, organization=org)

    def principal_org(self, post: Post) -> Post:
        """A title serving a person ("an aide to President X") is a post in that person's
        country, when the text names no organisation."""
        head = self.doc[post.title.end_token - 1]
        principal = self.group_at(found.i) if (found := object_of(head, ("to", "of"))) else None
        entity = self.entities.get(principal or "")
        if post.organization is not None or entity is None or entity.type != "Person":
            return post
        country = self.country_entity(entity.country) if entity.country else None
        return replace(post, organization=country[0]) if country else post

    def national_org(self, post: Post) -> Post:
        """A national title with no organisation named ("President X") is the post in the
        holder's country: the one the knowledge base or the text gives the holder, else the
        one country its sentence names that is no other person's there ("met President X in
        Benin"), else the country most of the article's country mentions name."""
        person = self.entities[post.person]
        if post.organization is not None or post.role not in lexicon().national_roles:
            return post
        country = person.country or self.country_around(post)
        found = self.country_entity(country) if country else None
        if found is None:
            return post
        person.country = country
        return replace(post, organization=found[0])

    def country_around(self, post: Post) -> str | None:
        """The country a national title without one most likely belongs to (see
        `national_org`)."""
        sentence = sentence_at(self.doc, post.title.start_token)
        mentions: Counter[str] = Counter()
        here: set[str] = set()
        others: set[str] = set()
        for key, entity in self.entities.items():
            inside = any(sentence.start <= s[0] < sentence.end for s in entity.spans)
            if entity.type == "Country" and entity.country:
                mentions[entity.country] += len(entity.spans)
                if inside:
                    here.add(entity.country)
            elif entity.type == "Person" and inside and key != post.person and entity.country:
                others.add(entity.country)
        here -= others
        if len(here) == 1:
            return here.pop()
        if not mentions:
            return None
        best, count = mentions.most_common(1)[0]
        return best if count >= 3 and count * 2 > mentions.total() else None

    def counterparts(self, posts: list[Post]) -> list[Post]:
        """ "X met his Chinese counterpart, Y": Y holds X's national post in Y's own country
        (the demonym's, else Y's), when X holds exactly one national post in the text."""
        found = []
        for noun in self.doc:
            if noun.lemma_.lower() != "counterpart" or noun.pos_ != "NOUN":
                continue
            owner = next((self.group_at(c.i) for c in noun.children if c.dep_ == "poss"), None)
            named = next(
                (self.group_at(c.i) for c in noun.children if c.dep_ in ("appos", "compound")),
                None,
            )
            if owner is None or named is None or self.entities[named].type != "Person":
                continue
            roles = {
                p.role
                for p in posts
                if p.person == owner
                and p.organization
                and self.entities[p.organization].type == "Country"
                and p.role in lexicon().national_roles
            }
            country = self.counterpart_country(noun) or self.entities[named].country
            org = self.country_entity(country) if country else None
            if len(roles) != 1 or org is None or org[1].country == self.entities[owner].country:
                continue
            self.entities[named].country = self.entities[named].country or country
            title = Title(noun.i, noun.i + 1, roles.pop())
            found.append(Post(named, title.role, org[0], title, "counterpart"))
        return found

    def counterpart_country(self, noun: Token) -> str | None:
        for child in noun.children:
            if child.dep_ == "amod" and child.text[:1].isupper():
                entry = self.kb.country_by_adjective(child.text)
                if entry is not None:
                    return entry.country
        return None

    # ---- pronouns

    def add_pronouns(self) -> None:
        for token in self.doc:
            lower = token.lower_
            if token.pos_ != "PRON" or lower not in (
                PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS
            ):
                continue
            if lower in THING_PRONOUNS and is_pleonastic(token):
                continue
            group = self.antecedent(token)
            if group is not None:
                self.attach(group, token.i, token.i + 1, "pronoun", None)
                if lower in _GENDER:
                    self.gender.setdefault(group, _GENDER[lower])

    def add_quoted_speakers(self) -> None:
        """ "I" inside a quotation is its speaker ('"I will not yield," Ruto said'), "we" the
        body or country that speaks ('"We will not yield," the ministry said')."""
        for pronoun, speaker in quotes.first_person(self.doc):
            group = self.group_at(speaker.i)
            if group is None or self.group_at(pronoun.i) is not None:
                continue
            if pronoun.lower_ in quotes.PLURAL and self.entities[group].type == "Person":
                continue  # a person's "we" is some body they speak for, or their side
            self.attach(group, pronoun.i, pronoun.i + 1, "pronoun", None)

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
            back = 1 if word in _PARTNER_NOUNS else _MAX_SENTENCES_BACK
            group = self.salient_country(token, excluded, back)
            if group is not None:
                start = min([token.i, *(t.i for t in token.lefts)])
                self.attach(group, start if owner is None else owner.i + 1, token.i + 1,
                            "nominal", None)  # fmt: skip

    def add_group_descriptions(self) -> None:
        """A country's own groups named by their word alone ("the opposition", "protesters",
        "police", "the lawyers") are those of the most salient country named before: the
        text speaks of that country. They are groups of it, never the country itself."""
        lex = lexicon()
        for token in self.doc:
            word = token.lower_
            if word not in lex.country_groups or self.group_at(token.i) is not None:
                continue
            if not self.bare_group(token):
                continue  # qualified ("the opposition in X", "his lawyers"), or a modifier
            type_name, canonical = lex.nominal_heads.get(word, ("PoliticalGroup", word))
            start = min([token.i, *(t.i for t in token.lefts)])
            earlier = self.group_named_before(token, type_name, canonical)
            if earlier is not None:  # "Serbian protesters ... the protesters": the same
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
        """The country or place the text speaks of at a token: the most salient one named
        in the last few sentences, else in the whole text before it."""
        here = self.sentence_of[token.i]
        for back in (_MAX_SENTENCES_BACK, here):
            scores: dict[str, float] = {}
            for group, entity in self.entities.items():
                if entity.type not in ("Country", "Location") or not entity.names:
                    continue
                for start, end, kind in entity.spans:
                    distance = here - self.sentence_of[start]
                    if start >= token.i or distance > back or kind == "demonym":
                        continue
                    weight = salience(self.doc[end - 1] if kind != "pronoun" else self.doc[start])
                    scores[group] = scores.get(group, 0.0) + weight * 0.5 ** min(distance, 30)
            if scores:
                return max(scores, key=lambda g: scores[g])
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
        for back in (_MAX_SENTENCES_BACK, here):
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
        here = self.sentence_of[token.i]
        scores: dict[str, float] = {}
        for group, entity in self.entities.items():
            if entity.type != "Country" or group in excluded:
                continue
            for start, end, kind in entity.spans:
                distance = here - self.sentence_of[start]
                if start >= token.i or distance > back or kind == "demonym":
                    continue
                weight = salience(self.doc[end - 1] if kind != "pronoun" else self.doc[start])
                scores[group] = scores.get(group, 0.0) + weight * 0.5**distance
        return max(scores, key=lambda g: scores[g]) if scores else None

    def note_honorifics(self) -> None:
        """Gender from an honorific before a person's name ("Mr Blinken", "Ms Baerbock")."""
        for group, entity in self.entities.items():
            if entity.type != "Person":
                continue
            for start, _, kind in entity.spans:
                if kind == "name" and start > 0:
                    word = self.doc[start - 1].lower_.rstrip(".")
                    if word in _HONORIFICS:
                        self.gender.setdefault(group, _HONORIFICS[word])

    def antecedent(self, pronoun: Token) -> str | None:
        """The most salient earlier entity that agrees with the pronoun."""
        lower = pronoun.lower_
        here = self.sentence_of[pronoun.i]
        back = _MAX_SENTENCES_BACK
        if lower in THING_PRONOUNS:
            back = 0 if lower == "it" else 1
        scores: dict[str, float] = {}
        for group, entity in self.entities.items():
            plural_only = lower in GROUP_PRONOUNS and entity.type not in ("Person", "Location")
            if agrees(lower, entity.type):
                plural_only = False
            elif not plural_only:
                continue
            if lower in _GENDER and self.gender.get(group, _GENDER[lower]) != _GENDER[lower]:
                continue
            for start, end, kind in entity.spans:
                if start >= pronoun.i or kind == "title":
                    continue
                plural = self.doc[end - 1].tag_ in ("NNS", "NNPS") or (
                    kind == "pronoun" and self.doc[start].lower_ in GROUP_PRONOUNS
                )
                if plural_only and not plural:
                    continue  # "they" is a country or body only where it was named in the plural
                if lower in THING_PRONOUNS and plural and entity.type not in _GROUP_TYPES:
                    continue  # nor is "it" one named in the plural ("the Palestinians")
                if (
                    lower in THING_PRONOUNS
                    and kind != "pronoun"
                    and _person_noun(self.doc[end - 1])
                ):
                    continue  # nor one named by a person ("a Chilean diplomat")
                distance = here - self.sentence_of[start]
                if distance > back:
                    continue
                weight = salience(self.doc[end - 1] if kind != "pronoun" else self.doc[start])
                scores[group] = scores.get(group, 0.0) + weight * 0.5**distance
        reflexive_blocked = self.clause_subject(pronoun) if lower in ("him", "her") else None
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        rival = self.rival(pronoun, min(back, 1)) if ranked else 0.0
        for group, score in ranked:
            if score <= rival:
                return None  # a noun group that names no actor is the likelier antecedent
            if group != reflexive_blocked:
                return group
        return None

    def rival(self, pronoun: Token, back: int) -> float:
        """The salience of the best earlier noun group that names no actor but agrees with an
        "it" or "they" ("welcomed the move, saying it showed..."): such a pronoun refers to
        the thing, not to an actor named further off."""
        lower = pronoun.lower_
        if lower not in THING_PRONOUNS | GROUP_PRONOUNS:
            return 0.0
        bounds = sentence_bounds(self.doc)
        here = self.sentence_of[pronoun.i]
        best = 0.0
        for n in range(max(0, here - back), here + 1):
            start, end = bounds[n]
            for token in self.doc[start : min(end, pronoun.i)]:
                if (
                    token.pos_ != "NOUN"
                    or self.group_at(token.i)
                    or token.ent_type_
                    or token.dep_ not in _SUBJECT_DEPS | _OBJECT_DEPS | {"pobj"}
                    or (token.tag_ == "NNS") != (lower in GROUP_PRONOUNS)
                    or (_person_noun(token) and lower in THING_PRONOUNS)
                ):
                    continue
                best = max(best, salience(token) * 0.5 ** (here - n))
        return best

    def clause_subject(self, pronoun: Token) -> str | None:
        """The entity that is subject of the pronoun's own clause ("he" cannot be "him"),
        shared with the first of coordinated verbs ("X spoke with Y and thanked him")."""
        verb = pronoun.head
        while True:
            for child in verb.children:
                if child.dep_ in _SUBJECT_DEPS:
                    return self.group_at(child.i)
            if verb.dep_ != "conj" or verb.head.i == verb.i:
                return None
            verb = verb.head

    # ---- nominal groups

    def add_nominals(self, mentions: list[Recognised]) -> None:
        for m in mentions:
            if m.kind == "group":
                self.add_group(m)
                continue
            if m.kind not in ("nominal", "country"):
                continue
            iso3 = m.country
            if iso3 is None and m.owner is not None:
                owner = self.group_at(m.owner)
                if owner and _members_of(m, self.entities[owner].type):
                    self.attach(owner, m.start_token, m.end_token, "nominal", None)
                    continue  # "Hamas fighters", "Wagner troops": the group itself
                iso3 = self.entities[owner].country if owner else None
            if iso3 is None:
                continue
            if m.kind == "country":
                found = self.country_entity(iso3)
                if found:
                    self.attach(found[0], m.start_token, m.end_token, "nominal", None)
                continue
            label, entry = link.institution(self.kb, iso3, m.label or m.text, m.type)
            group = entry.key if entry else f"{m.type}:{name_key(label)}"
            entity = self.entity(group, m.type, entry)
            entity.country = entity.country or iso3
            if not entity.names:
                entity.names.append(label)
            self.attach(group, m.start_token, m.end_token, "nominal", None)

    def add_group(self, m: Recognised) -> None:
        """A people, region or community ("the Kurds", "Arab states", "Greek Cypriot
        leaders") or a group named by one ("Kurdish fighters"): an actor under its label."""
        label = m.label or m.text
        group = f"{m.type}:{name_key(label)}"
        entity = self.entity(group, m.type)
        entity.country = entity.country or m.country
        if not entity.names:
            entity.names.append(label)
        self.attach(group, m.start_token, m.end_token, "nominal", None)

    def add_demonyms(self, demonyms: list[Recognised]) -> None:
        """A demonym no title or noun group took ("an Indian proposal", "Israeli changes",
        "the Serbian and Kosovar sides") still names its country: the country is an actor,
        the word its mention, so that what the country owns or does can be read from it."""
        for d in demonyms:
            if d.country is None or d.type != "Country" or self.group_at(d.start_token):
                continue
            if _qualifies_subject(self.doc[d.end_token - 1]):
                continue
            found = self.country_entity(d.country)
            if found is not None:
                self.attach(found[0], d.start_token, d.end_token, "demonym", None)

    def add_named_countries(self) -> None:
        """The country an institution's name names ("Nigerien troops", "Russian forces") is
        an actor too, since the institution is part of it."""
        for entity in list(self.entities.values()):
            if entity.type in ("Person", "Country", "Location") or not entity.country:
                continue
            country = self.kb.country(entity.country)
            if country is None or country.key in self.entities:
                continue
            words = {w.lower() for w in (*country.demonyms, *country.names)}
            for start, end, _ in list(entity.spans):
                demonym = next((t for t in self.doc[start:end] if t.lower_ in words), None)
                if demonym is not None:
                    found = self.country_entity(entity.country)
                    if found:
                        found[1].spans.append((demonym.i, demonym.i + 1, "demonym"))
                    break


# --------------------------------------------------------------------------- helpers


def _first_or_last(full: str, word: str) -> bool:
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
    if dep in _SUBJECT_DEPS or dep in ("poss", "agent"):
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
    if any(c.dep_ in _SUBJECT_DEPS for c in root.children):
        return False
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
        if first.dep_ in ("pobj", "appos"):
            break
    between = first.doc[first.i + 1 : token.i]
    return any(t.text == "," for t in between)


def _members_of(mention: Recognised, owner_type: str) -> bool:
    """Whether a noun group names the fighters or members of an armed or political group
    that owns it ("Hamas fighters"), rather than a body of that group's country."""
    armed = ("MilitaryForce", "PoliticalGroup")
    return mention.kind == "nominal" and mention.type in armed and owner_type in armed


def _person_noun(token: Token) -> bool:
    """A noun for people ("officials", "the minister"): a person is "he" or "she", never "it",
    and people named by such nouns are left to the actor candidates."""
    lex = lexicon()
    word = token.lower_
    return word in lex.roles or word in lex.country_heads or word in lex.nominal_heads


def _qualifies_subject(token: Token) -> bool:
    """Whether a demonym qualifies the subject of an active verb ("the Russian invasion
    began"): a thing or event is what acts there, not the country; a qualified object
    ("rejected an Indian proposal") or passive subject ("a French journalist was detained")
    is the country's and makes it the party acted upon."""
    head = token
    while head.dep_ in ("amod", "compound", "conj", "nmod") and head.head.i != head.i:
        head = head.head
    return head.dep_ in _SUBJECT_DEPS and head.dep_ != "nsubjpass"


def is_pleonastic(token: Token) -> bool:
    """An "it" that refers to nothing ("it is likely that", "finds it hard to")."""
    if token.dep_ == "expl":
        return True
    if token.lower_ != "it":
        return False
    head = token.head
    if head.lemma_ in ("be", "seem", "appear", "become") and token.dep_ in _SUBJECT_DEPS:
        return True
    return token.dep_ == "dobj" and any(c.dep_ in ("ccomp", "xcomp", "oprd") for c in head.children)


def agrees(pronoun: str, type_name: str) -> bool:
    """Number and animacy agreement of a pronoun with an actor type."""
    if pronoun in PERSON_PRONOUNS:
        return type_name == "Person"
    if pronoun in THING_PRONOUNS:
        return type_name not in ("Person", "Location")
    return type_name in _GROUP_TYPES


def salience(token: Token) -> float:
    """Lappin-Leass style weight of a mention: recency, grammatical role, head-noun emphasis."""
    weight = 100.0
    dep = token.dep_
    if dep in _SUBJECT_DEPS:
        weight += 80
    elif dep in _OBJECT_DEPS:
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


def resolve(
    doc: Doc, recognition: Recognition, knowledge: KnowledgeBase, date: str | None = None
) -> Resolution:
    """The document's actors, which tokens refer to which, and the posts the text states."""
    resolver = _Resolver(doc, knowledge, date)
    resolver.add_names(recognition.mentions)
    resolver.add_missed_surnames()
    resolver.retype_by_apposition()
    resolver.add_nominals([m for m in recognition.mentions if m.owner is None])
    posts = resolver.add_titles(recognition.titles)
    resolver.note_honorifics()
    resolver.add_pronouns()
    resolver.add_quoted_speakers()
    resolver.add_descriptions()
    resolver.add_group_descriptions()
    resolver.add_org_descriptions()
    for where in (resolver.possessor_org, resolver.principal_org, resolver.national_org):
        posts = [where(p) for p in posts]
    posts += resolver.counterparts(posts)
    resolver.add_nominals([m for m in recognition.mentions if m.owner is not None])
    posts = [resolver.owned_body_org(p) for p in posts]
    resolver.add_named_countries()
    resolver.add_demonyms(recognition.demonyms)
    return _finish(resolver, recognition, posts)


def _finish(resolver: _Resolver, recognition: Recognition, posts: list[Post]) -> Resolution:
    """Link every entity to its actor record and index every mention token."""
    doc = resolver.doc
    index = ActorIndex()
    iri_of: dict[str, str] = {}
    for group, entity in resolver.entities.items():
        mentions = [_mention(doc[s:e], kind) for s, e, kind in entity.spans]
        actor = link.make_actor(entity.type, entity.names, mentions, entity.entry, entity.country)
        existing = index.get(actor.id)
        if existing is not None:  # two groups linked to the same actor: merge them
            existing.mentions = sorted(existing.mentions + actor.mentions, key=lambda m: m.start)
            existing.aliases += [a for a in actor.aliases if a not in existing.aliases]
        else:
            index.actors.append(actor)
        iri_of[group] = actor.id
    for token, group in resolver.token_entity.items():
        index.by_token[token] = iri_of[group]
    for demonym in recognition.demonyms:
        country = f"country/{demonym.country}"
        if demonym.start_token not in index.by_token and country in iri_of:
            index.by_token[demonym.start_token] = iri_of[country]
    _index_group_adjectives(resolver, index, iri_of)
    resolved = [
        Post(iri_of[p.person], p.role, iri_of.get(p.organization or ""), p.title, p.how)
        for p in posts
    ]
    return Resolution(index=index, posts=resolved)


def _index_group_adjectives(resolver: _Resolver, index: ActorIndex, iri_of: dict[str, str]) -> None:
    """Point adjectives of political groups ("Western") at the group when it is an actor."""
    adjectives = lexicon().group_adjectives
    groups = {
        name_key(n): iri_of[g]
        for g, e in resolver.entities.items()
        if e.type == "PoliticalGroup"
        for n in e.names
    }
    for token in resolver.doc:
        name = adjectives.get(token.lower_) if token.text[:1].isupper() else None
        if name in groups and token.i not in index.by_token:
            index.by_token[token.i] = groups[name]


def _mention(span: Span, kind: str) -> Mention:
    return Mention(span.start_char, span.end_char, span.text, kind)
