"""Titles and the posts they state: which person holds which post in which country or
organisation."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Token

from actorgraph.recognise import Title, lexicon, sentence_at
from actorgraph.resolve.entities import Post, Resolver
from actorgraph.resolve.grammar import SUBJECT_DEPS
from actorgraph.syntax import object_of

_NOT_TITLE_GAP = frozenset({"VERB", "AUX", "PUNCT", "CCONJ", "SCONJ"})
# Verbs that say their subject holds the post named after "as" ("served as president"), or
# held it until then ("resigned as president", "stepped down as minister").
_SERVING_VERBS = frozenset(
    {"serve", "act", "remain", "continue", "elect", "appoint", "name", "resign", "step", "quit"}
)


class Titles(Resolver):
    """The resolver's reading of titles and posts."""

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
        named = self.of_org_after(title)
        after = self.group_at(named[1]) if named and named[1] < len(doc) else None
        if after and self.entities[after].type == "Person":
            return after, "title"  # "President of Egypt Hosni Mubarak"
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
        """The person a title is said of ("X is the minister", "X, who served as minister"):
        the subject of the verb, or what a relative pronoun subject stands for."""
        head = self.doc[title.end_token - 1]
        verb = head.head
        if head.dep_ == "pobj" and verb.lower_ == "as":
            verb = verb.head
            if verb.lemma_ not in _SERVING_VERBS:
                return None
        elif head.dep_ not in ("attr", "oprd") or verb.lemma_ not in ("be", "become", "remain"):
            return None
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                relative = child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl"
                group = self.group_at(verb.head.i if relative else child.i)
                if group and self.entities[group].type == "Person":
                    return group
        return None

    def kb_holder(self, title: Title) -> tuple[str, str] | None:
        """The person the KB says held the post on the document's date when the text names
        them; else the post's unnamed holder, whom the title describes (a text that says "the
        Russian defence minister" and never names him does not mention the KB's minister)."""
        org = self.title_org(title)
        if org is None or self.date is None or title.modifier in ("former", "ex", "late"):
            return None
        entry = self.entities[org].entry
        holder = self.kb.holder(title.role, entry.key, self.date) if entry else None
        if holder is None:
            return None
        named = self.entities.get(holder.key)
        if named is not None and any(kind == "name" for _, _, kind in named.spans):
            return holder.key, "kb"
        return self.office_holder(title, org), "description"

    def office_holder(self, title: Title, org: str) -> str:
        """The unnamed holder of a post, one person per post and document, named by the
        title's words ("Indonesia's foreign minister")."""
        group = f"Person:post:{title.role}:{org}"
        entity = self.entity(group, "Person")
        entity.country = entity.country or self.entities[org].country
        if not entity.names:
            start = title.start_token
            while start > 0 and self.qualifies_title(self.doc[start - 1], org):
                start -= 1
            entity.names.append(self.doc[start : self.title_phrase_end(title, org)].text)
        return group

    def qualifies_title(self, token: Token, org: str) -> bool:
        """A word before a title that says which post it is: a name of its organisation or
        country, a possessive or an adjective ("Russia's", "French", "senior")."""
        group = self.group_at(token.i)
        if group is not None:
            return group == org or self.entities[group].type not in ("Person", "Location")
        return token.pos_ in ("ADJ", "PROPN") or token.tag_ == "POS"

    def title_phrase_end(self, title: Title, org: str) -> int:
        """The end of a title with the phrase naming its organisation ("President of France")."""
        for prep in self.doc[title.end_token - 1].rights:
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            if prep.dep_ == "prep" and any(self.group_at(o.i) == org for o in objects):
                return prep.right_edge.i + 1
        return title.end_token

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
        named = self.of_org_after(title)
        if named is not None:
            return named[0]
        head = doc[title.end_token - 1]
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "in", "at"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        group = self.group_at(obj.i)
                        if group and self.entities[group].type not in ("Person", "Location"):
                            return group
        return None

    def of_org_after(self, title: Title) -> tuple[str, int] | None:
        """The country or organisation named by "of" right after a title, however the parser
        joined the words ("President of Egypt Hosni Mubarak", "Secretary-General of the
        United Nations Ban Ki-moon"), and the token after its name."""
        doc, i = self.doc, title.end_token
        if i >= len(doc) or doc[i].lower_ != "of":
            return None
        i += 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "the")
        group = self.group_at(i) if i < len(doc) else None
        if group is None or self.entities[group].type in ("Person", "Location"):
            return None
        while i < len(doc) and self.group_at(i) == group:
            i += 1
        return group, i

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
