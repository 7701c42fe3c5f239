"""Affiliations: posts, parts, succession, membership and alliances.

Posts come from the titles that resolution tied to persons ("Kremlin spokesperson Dmitry
Peskov", "Sergei Shoigu, the Russian defence minister"); parts from institutions named with
their country ("Russian forces", "BelTA, the state news agency of Belarus"); succession,
membership and alliance from the nouns and verbs English uses for them ("his successor",
"succeeded", "a member of", "joined", "ally", "allied with"). Every relation carries its
evidence sentence (offsets into the original text) and a confidence, raised when the
knowledge base agrees.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from actorgraph.kb import KnowledgeBase
from actorgraph.model import Actor, ActorIndex, Document, Evidence, Relation
from actorgraph.recognise import chunk_at, lexicon, sentence_at
from actorgraph.resolve import Post, Resolution
from actorgraph.syntax import prep_object, sentence_evidence
from actorgraph.vocab import ID

_SPEECH_VERBS = frozenset(
    {
        "say",
        "claim",
        "add",
        "state",
        "tell",
        "insist",
        "argue",
        "assert",
        "announce",
        "declare",
        "stress",
        "note",
        "report",
        "write",
        "allege",
        "believe",
        "think",
    }
)
_PAST_POST = frozenset({"former", "ex"})
_INSTITUTION_TYPES = frozenset({"MilitaryForce", "GovernmentBody", "MediaOrganization"})
_GROUP_TYPES = frozenset(
    {"InternationalOrganization", "PoliticalGroup", "Organization", "GovernmentBody"}
)
_HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
_PLAN_VERBS = frozenset({"plan", "want", "seek", "apply", "hope", "aim", "intend", "try", "wish"})


def extract(
    doc: Doc,
    index: ActorIndex,
    document: Document,
    resolution: Resolution | None = None,
    knowledge: KnowledgeBase | None = None,
) -> list[Relation]:
    """Every affiliation the document states."""
    finder = _Finder(doc, index, document, knowledge)
    if resolution is not None:
        finder.posts(resolution.posts)
    finder.parts()
    finder.successions(resolution.posts if resolution else [])
    finder.memberships()
    finder.alliances()
    return finder.relations


class _Finder:
    """Collects the affiliations of one document, without duplicates."""

    def __init__(
        self, doc: Doc, index: ActorIndex, document: Document, knowledge: KnowledgeBase | None
    ) -> None:
        self.doc = doc
        self.index = index
        self.document = document
        self.kb = knowledge
        self.relations: list[Relation] = []
        self.seen: set[tuple[str, str, str | None, str | None]] = set()

    # ---- output

    def add(
        self,
        type_name: str,
        source: str,
        target: str | None,
        where: Token | Span,
        confidence: float,
        role: str | None = None,
        factuality: str | None = "asserted",
        attributed_to: str | None = None,
    ) -> None:
        if target == source:
            return
        key = (type_name, source, target, role)
        if key in self.seen:
            return
        self.seen.add(key)
        self.relations.append(
            Relation(
                source=source,
                type=type_name,
                target=target,
                evidence=evidence(self.document.text, self.doc, where),
                role=role,
                factuality=factuality or "asserted",
                attributed_to=attributed_to,
                confidence=round(min(confidence, 0.99), 2),
            )
        )

    def actor(self, token: Token | None) -> Actor | None:
        return self.index.actor_at(token.i) if token is not None else None

    def actors(self, token: Token | None) -> list[Actor]:
        """The actors of a noun and of its conjuncts ("Finland and Sweden joined ...")."""
        if token is None:
            return []
        found = [self.actor(t) for t in (token, *token.conjuncts)]
        return list({a.id: a for a in found if a is not None}.values())

    def kb_key(self, actor: Actor | None) -> str | None:
        prefix = str(ID)
        if actor is None or not actor.id.startswith(prefix):
            return None
        key = actor.id[len(prefix) :]
        return key if self.kb is not None and key in self.kb else None

    def country_actor(self, iso3: str | None) -> Actor | None:
        return self.index.get(str(ID[f"country/{iso3}"])) if iso3 else None

    # ---- posts

    def posts(self, posts: list[Post]) -> None:
        """holdsPosition for each title tied to a person."""
        for post in posts:
            if post.title.modifier in _PAST_POST:
                continue
            person = self.index.get(post.person)
            if person is None:
                continue
            target = post.organization
            if target is None:
                country = self.country_actor(person.country)
                target = country.id if country else None
            if target is None:
                continue
            role = post.role
            if post.title.modifier == "deputy" and not role.startswith("deputy"):
                role = f"deputy {role}"
            confidence = {
                "title": 0.85,
                "apposition": 0.85,
                "copula": 0.8,
                "kb": 0.7,
                "description": 0.8,
                "counterpart": 0.65,
            }[post.how]
            confidence += 0.1 * self.kb_confirms(person, role, target)
            span = self.doc[post.title.start_token : post.title.end_token]
            # A title is the writer's description, even inside a quoted or attributed clause.
            self.add("holdsPosition", person.id, target, span, confidence, role=role)

    def kb_confirms(self, person: Actor, role: str, target: str) -> bool:
        """Whether the knowledge base lists the post (on the document date when known)."""
        person_key = self.kb_key(person)
        target_key = self.kb_key(self.index.get(target))
        if self.kb is None or person_key is None or target_key is None:
            return False
        return bool(
            self.kb.offices(
                person=person_key, organization=target_key, role=role, on=self.document.date
            )
        )

    # ---- parts

    def parts(self) -> None:
        """partOf for institutions the text names with their country: a demonym or possessive
        in the name ("Russian forces", "Lukashenko's army") or an apposition ("X, the state
        news agency of Belarus")."""
        for actor in list(self.index.actors):
            if actor.type not in _INSTITUTION_TYPES:
                continue
            for mention in actor.mentions:
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                country = self.named_country(actor, span)
                if country is not None:
                    confidence = 0.8 + 0.1 * (self.kb_key(actor) is not None)
                    self.add("partOf", actor.id, country.id, span, confidence)
                    break

    def named_country(self, actor: Actor, span: Span) -> Actor | None:
        """The country a mention of an institution names with it, if any."""
        for head in appositive_heads(self.doc, span):
            for token in head.subtree:
                found = self.actor(token)
                if found is not None and found.type == "Country" and found.id != actor.id:
                    actor.country = actor.country or found.country
                    return found
        country = self.country_actor(actor.country)
        if country is None:
            return None
        if self.kb is not None and actor.country:
            entry = self.kb.country(actor.country)
            words = {w.lower() for w in (entry.demonyms if entry else ())}
            if any(t.lower_ in words for t in span):
                return country
        head = span.root
        for token in head.children:
            for t in token.subtree if token.dep_ in ("poss", "prep", "appos") else (token,):
                owner = self.actor(t)
                if owner is None or owner.id == actor.id:
                    continue
                if owner.id == country.id or owner.country == actor.country:
                    return country
        return None

    # ---- succession

    def successions(self, posts: list[Post]) -> None:
        """successorOf from "X's successor Y", "Y succeeded/replaced X", "X was replaced by Y";
        the successor takes the predecessor's post when the text gives it."""
        for token in self.doc:
            lemma = token.lemma_.lower()
            if lemma in ("successor", "predecessor") and token.pos_ == "NOUN":
                self.successor_noun(token, posts)
            elif lemma in ("succeed", "replace") and token.pos_ == "VERB":
                self.successor_verb(token, posts)

    def successor_noun(self, noun: Token, posts: list[Post]) -> None:
        named = self.named_by(noun)
        if named is None or named.type != "Person":
            return
        owner_token = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner_token is None:
            return
        owner = self.actor(owner_token)
        successor: Actor | None = named
        predecessor: Actor | None = owner
        if noun.lemma_.lower() == "successor":
            if owner_token.pos_ == "PRON":
                left, predecessor = self.departed(noun, exclude=named)
                if not left:
                    predecessor = owner
        else:
            successor, predecessor = owner, named
        if successor is None or predecessor is None or predecessor.type != "Person":
            return
        self.add("successorOf", successor.id, predecessor.id, noun, 0.75)
        self.inherit_post(successor, predecessor, posts, noun)

    def successor_verb(self, verb: Token, posts: list[Post]) -> None:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            subject = verb.head
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = prep_object(agent)
        if subject is not None and subject.dep_ == "nsubjpass":
            successor, predecessor = self.actor(by), self.actor(subject)
        else:
            successor, predecessor = self.actor(subject), self.actor(obj)
        if successor is None or predecessor is None:
            return
        if successor.type != "Person" or predecessor.type != "Person":
            return
        if any(c.dep_ == "neg" for c in verb.children):
            return
        self.add("successorOf", successor.id, predecessor.id, verb, 0.8)
        self.inherit_post(successor, predecessor, posts, verb)

    def named_by(self, noun: Token, exclude: Actor | None = None) -> Actor | None:
        """The actor a noun such as "successor" or "member" names: its apposition ("his
        successor, Sergei X"), the name it modifies ("successor Sergei X") or the subject of
        a copula ("X is a member of Y")."""
        found: list[Actor | None] = [
            self.actor(c) for c in noun.children if c.dep_ in ("appos", "compound")
        ]
        nxt = noun.i + 1
        if nxt + 1 < len(self.doc) and self.doc[nxt].text == ",":
            nxt += 1
        if nxt < len(self.doc):
            found.append(self.actor(self.doc[nxt]))
        if noun.dep_ == "attr":
            subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            found.append(self.actor(subject))
        for actor in found:
            if actor is not None and (exclude is None or actor.id != exclude.id):
                return actor
        return None

    def departed(self, noun: Token, exclude: Actor) -> tuple[bool, Actor | None]:
        """A person whom the surrounding text says left a post (died, resigned, was dismissed)
        in this or one of the two sentences before: "his successor" most likely means theirs,
        whoever the nearest subject is. (True, None) when someone left but is not named as an
        actor: the possessive then stays unresolved rather than guessed."""
        words = lexicon().departure_words
        here = sentence_at(self.doc, noun.i)
        sentences = [here]
        while len(sentences) < 3 and sentences[-1].start > 0:
            sentences.append(sentence_at(self.doc, sentences[-1].start - 1))
        for sent in sentences:
            text = " " + sent.text.lower() + " "
            if not any(f" {w} " in text or f" {w}," in text for w in words):
                continue
            for token in sent:
                actor = self.actor(token)
                if (
                    actor
                    and actor.type == "Person"
                    and actor.id != exclude.id
                    and token.i < noun.i
                    and token.dep_ in ("nsubj", "nsubjpass", "appos")
                ):
                    return True, actor
            if sent.start < noun.i and not (sent.start <= noun.i < sent.end):
                return True, None
        return False, None

    def inherit_post(
        self, successor: Actor, predecessor: Actor, posts: list[Post], where: Token
    ) -> None:
        for post in posts:
            if post.person == predecessor.id and post.organization:
                self.add(
                    "holdsPosition", successor.id, post.organization, where, 0.6, role=post.role
                )

    # ---- membership

    def memberships(self) -> None:
        """memberOf from "X is a member of Y", "X, a member of Y", "Y member X", "X joined Y"."""
        for token in self.doc:
            lemma = token.lemma_.lower()
            if lemma == "member" and token.pos_ == "NOUN":
                self.member_noun(token)
            elif lemma == "join" and token.pos_ == "VERB":
                self.join_verb(token)

    def member_noun(self, noun: Token) -> None:
        group = None
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                group = self.actor(prep_object(child))
            elif child.dep_ in ("compound", "poss", "nmod"):
                group = group or self.actor(child)
        if group is None or group.type not in _GROUP_TYPES:
            return
        member = self.actor(noun.head) if noun.dep_ in ("appos", "compound") else None
        if member is None or member.id == group.id:
            member = self.named_by(noun, exclude=group)
        if member is None or member.id == group.id:
            return
        self.add("memberOf", member.id, group.id, noun, 0.75, **attribution(noun, self.index))

    def join_verb(self, verb: Token) -> None:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.dep_ == "xcomp":
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        groups = [g for g in self.actors(obj) if g.type in _GROUP_TYPES]
        factuality = factuality_of(verb)
        for member in self.actors(subject):
            for group in groups:
                self.add(
                    "memberOf",
                    member.id,
                    group.id,
                    verb,
                    0.7,
                    factuality=factuality,
                    **_only_attributed(attribution(verb, self.index)),
                )

    # ---- alliances

    def alliances(self) -> None:
        """allyOf from "X is Y's ally", "Y's ally X", "X, an ally of Y", "allied with"."""
        for token in self.doc:
            lemma = token.lemma_.lower()
            if lemma == "ally" and token.pos_ in ("NOUN", "PROPN"):
                self.ally_noun(token)
            elif lemma in ("ally", "allied") and token.pos_ in ("VERB", "ADJ"):
                self.ally_verb(token)

    def ally_noun(self, noun: Token) -> None:
        partner = None
        for child in noun.children:
            if child.dep_ == "poss":
                partner = self.actor(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "to"):
                partner = self.actor(prep_object(child))
        if partner is None:
            return
        ally = self.named_by(noun)
        if ally is None and noun.dep_ == "appos":
            ally = self.actor(noun.head)
        if ally is None or ally.type == "Location" or partner.type == "Location":
            return
        self.add("allyOf", ally.id, partner.id, noun, 0.75, **attribution(noun, self.index))

    def ally_verb(self, token: Token) -> None:
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and token.dep_ == "acomp":
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        partners: list[Actor] = []
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("with", "to"):
                partners += self.actors(prep_object(prep))
        for ally in self.actors(subject):
            for partner in partners:
                if partner.id == ally.id:
                    continue
                self.add(
                    "allyOf",
                    ally.id,
                    partner.id,
                    token,
                    0.7,
                    factuality=factuality_of(token),
                    **_only_attributed(attribution(token, self.index)),
                )


# --------------------------------------------------------------------------- helpers


def evidence(text: str, doc: Doc, where: Token | Span) -> Evidence:
    """The sentence holding `where`, trimmed, with offsets into the original text."""
    return sentence_evidence(
        text, sentence_at(doc, where.i if isinstance(where, Token) else where.start)
    )


def appositive_heads(doc: Doc, span: Span) -> list[Token]:
    """Heads of appositions right after a mention ("BelTA, the state news agency ...")."""
    heads = [c for c in span.root.children if c.dep_ == "appos"]
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        chunk = chunk_at(doc, span.end + 1)
        if chunk is not None:
            heads.append(chunk.root)
    return heads


def attribution(token: Token, index: ActorIndex) -> dict[str, str | None]:
    """Who a fact is attributed to: "according to X" in the sentence or the subject of a
    speech verb above it; the fact is then "reported"."""
    for t in sentence_at(token.doc, token.i):
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            objects = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
            for obj in objects:
                speaker = index.actor_at(obj.i)
                if speaker is not None:
                    return {"factuality": "reported", "attributed_to": speaker.id}
    current = token
    while current.head.i != current.i:
        if current.dep_ in ("nsubj", "nsubjpass"):
            return {}  # inside the speaker's own noun group: the writer's description
        current = current.head
        if current.lemma_.lower() in _SPEECH_VERBS:
            subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
            speaker = index.actor_at(subject.i) if subject is not None else None
            if speaker is not None:
                return {"factuality": "reported", "attributed_to": speaker.id}
    return {}


def _only_attributed(found: dict[str, str | None]) -> dict[str, str | None]:
    return {"attributed_to": found["attributed_to"]} if found else {}


def factuality_of(verb: Token) -> str:
    """Negated, future or hypothetical from the verb's own auxiliaries and negation."""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX:
        return "future"
    if aux & _HYPOTHETICAL_AUX:
        return "hypothetical"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _PLAN_VERBS:
        return "future"
    return "asserted"
