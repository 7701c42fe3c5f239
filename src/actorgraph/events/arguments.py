"""Finding an event's actors in the parse: the actors a noun phrase names, and the subjects,
objects, prepositional phrases and clauses in which a word's source and target sit ("the
subject and object of an active verb, the \"by\" agent of a passive, the subject of the clause
it governs, the one whose condition sets off a threat ...")."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from actorgraph import statements
from actorgraph.events.candidate import Candidate
from actorgraph.events.factuality import speaks_for
from actorgraph.events.lexicon import (
    ARMED,
    BORDERS,
    DEEDS,
    MATERIAL_CONFLICT,
    MEASURES,
    MODIFIER_DEPS,
    NP_LINKS,
    NP_PREPS,
    PREPARING,
    RECIPIENTS,
    RELATIONAL,
    STRUCK_PREPS,
    TARGET_PREPS,
    VISITORS,
    Entry,
    Lexicon,
)
from actorgraph.model import Actor, ActorIndex
from actorgraph.syntax import (
    infinitive,
    object_of,
)

# Prepositions by which a passive verb of harm names the act that did it ("killed in an
# airstrike", "wounded during shelling", "arrested in a raid").
HARM_PREPS = frozenset({"in", "by", "during", "amid"})


class Arguments:
    """The actors of one sentence that an event's words name (holds the sentence, index and
    lexicon)."""

    def __init__(self, sent: Span, index: ActorIndex, lex: Lexicon) -> None:
        self.sent = sent
        self.index = index
        self.lex = lex
        self.used_nouns: set[int] = set()
        self.triggers: dict[int, str] = {}  # words that carry a verb event: its type

    # -- actors -------------------------------------------------------------------------
    def actors_of(self, token: Token | None, depth: int = 0) -> list[Actor]:
        """The actors a noun phrase names: its head's actor, or the nearest actor among its
        modifiers ("leaders of Romania's government"), plus those of its conjuncts."""
        if token is None:
            return []
        found = self._own_actor(token, depth)
        for conj in token.children:
            if conj.dep_ == "conj":
                found += [a for a in self.actors_of(conj, depth) if a not in found]
        return found

    def _own_actor(self, token: Token, depth: int) -> list[Actor]:
        actor = self.index.actor_at(token.i)
        if actor is not None:
            return [actor]
        if token.pos_ == "PRON":
            return self._pronoun_actor(token)
        if depth >= 4:
            return []
        return self._modifier_actors(token, depth, token.lemma_.lower() in RELATIONAL)

    def _modifier_actors(self, token: Token, depth: int, relational: bool) -> list[Actor]:
        """The nearest actor among a noun's modifiers, searched link by link; a relational
        noun ("his successor, X") is only its apposition or name."""
        place: list[Actor] = []
        for link in ("appos", "compound", "amod") if relational else NP_LINKS:
            for child in token.children:
                if child.dep_ != link:
                    continue
                if link == "acl" and any(g.dep_ == "aux" for g in child.children):
                    continue  # "protests to demand X from Y" are not Y's
                if link == "acl":  # "workers affiliated with the union", not "based in X"
                    found = self._phrase_actors(child, NP_PREPS, depth + 1)
                    found = [a for a in found if a.type != "Location"]  # "based in X" is not X
                    if found:
                        return found
                    continue
                if link == "prep":
                    if child.lower_ not in NP_PREPS:
                        continue
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self.actors_of(pobj, depth + 1)
                            if found and all(a.type == "Location" for a in found):
                                place = place or found
                            elif found:
                                return found
                    continue
                found = self.actors_of(child, depth + 1)
                if found and all(a.type == "Location" for a in found):
                    place = place or found  # a place stands in only when nothing else does
                elif found:
                    return found
        return place

    def _phrase_actors(
        self,
        head: Token,
        preps: Iterable[str],
        depth: int = 0,
        objects: bool = True,
        exclude: Iterable[str] = (),
    ) -> list[Actor]:
        """Actors in the object or prepositional phrases of a word ("action against X",
        "sanctions on X", "a war against X" below "mobilised for"), skipping the actors
        whose ids `exclude` names."""
        wanted = tuple(preps)
        own = set(exclude)
        phrases = []
        if objects:
            phrases += [c for c in head.children if c.dep_ in ("dobj", "dative")]
        for prep in wanted:
            for child in head.children:
                if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                    phrases += [g for g in child.children if g.dep_ == "pobj"
                                and g.ent_type_ not in ("DATE", "TIME")]  # fmt: skip
        for phrase in phrases:
            found = self._answerable(phrase, depth)
            found = [a for a in found if a.id not in own]
            if not found and depth < 2:
                found = self._phrase_actors(phrase, TARGET_PREPS, depth + 1, False, own)
            if found:
                return found
        return []

    def _pronoun_actor(self, pronoun: Token) -> list[Actor]:
        """A pronoun the actor stages left unresolved, read locally: in "X said it would ...",
        "it" is X."""
        if pronoun.tag_ in ("WDT", "WP") and pronoun.head.dep_ == "relcl":
            return self.actors_of(pronoun.head.head)  # "X, which Y accused": X
        if pronoun.lower_ not in ("it", "they", "he", "she", "we", "its", "their", "his", "her"):
            return []
        clause = pronoun.head
        if pronoun.dep_ == "poss" and clause.dep_ in ("nsubj", "nsubjpass"):
            clause = clause.head  # "X said its troops would ...": its = X
        while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in statements.cues().speech:
            speaker = statements.speaker_of(clause.head)
            if speaker is not None and speaker.pos_ != "PRON":
                return self.actors_of(speaker)
        return []

    def _noun_keys(self, noun: Token) -> list[str]:
        mods = [c for c in noun.children if c.dep_ in ("compound", "amod")]
        return [f"{m.lemma_.lower()} {noun.lemma_.lower()}" for m in mods]

    def _event_noun(self, noun: Token) -> tuple[Entry, Token] | None:
        """The lexicon entry of an event noun, looking through measures ("days of drills")."""
        for _ in range(2):
            for key in [*self._noun_keys(noun), noun.lemma_.lower(), noun.lower_]:
                if key in self.lex.nouns:
                    return self.lex.nouns[key], noun
            if noun.lemma_.lower() not in MEASURES:
                return None
            inner = [g for c in noun.children if c.lower_ == "of" for g in c.children
                     if g.dep_ == "pobj"]  # fmt: skip
            if not inner:
                return None
            noun = inner[0]
        return None

    def _scene_state(self, verb: Token, mode: str | None) -> list[Actor]:
        """The state whose territory an agentless coercion happens in ("was detained in
        Tehran", "was deported from Belarus"): its authorities did it. Only a country the
        text names is taken."""
        preps = ("in", "from") if mode == "deport" else ("in",)
        place = object_of(verb, preps)
        inner = object_of(place, ("in",)) if place is not None else None  # "in a jail in X"
        for token in (place, inner):
            actor = self.index.actor_at(token.i) if token is not None else None
            if actor is None or actor.type not in ("Country", "Location") or not actor.country:
                continue
            return [a for a in self.index.actors
                    if a.type == "Country" and a.country == actor.country][:1]  # fmt: skip
        return []

    def _candidate(
        self,
        trigger: Token,
        entry: Entry,
        sources: list[Actor],
        targets: list[Actor],
        confidence: float,
        how: str,
        noun: Token | None = None,
    ) -> Candidate | None:
        if not sources:
            return None
        targets = [t for t in targets if t not in sources]
        etype, mode = entry.type, entry.mode
        joint = entry.joint or (self.lex.nouns.get(noun.lemma_.lower()) if noun else None)
        if isinstance(joint, Entry):
            joint = joint.joint
        if joint and (len(sources) > 1 or (noun is not None and is_joint(noun))):
            etype, mode = joint, None
        elif etype in ("ASSAULT", "COERCE") and all(t.type == "Location" for t in targets):
            targets = self._harmed(trigger, sources) or targets
        elif etype == "MOBILIZE" and not targets:  # "held drills near X": aimed at X
            near = ("near", "around", "off", "along", "against")
            targets = [
                t
                for t in (self._prep_actors(noun, near) if noun is not None else [])
                or self._prep_actors(trigger, near)
                if t not in sources
            ]
        return Candidate(trigger, etype, mode, sources, targets, round(confidence, 2), how,
                         mutual=entry.mutual)  # fmt: skip

    def _harmed(self, trigger: Token, sources: list[Actor]) -> list[Actor]:
        """Who an attack or raid named under a passive verb fell on: that verb's subject
        ("nine people were wounded in an attack by X", "an attack carried out by X")."""
        noun = trigger.head if trigger.dep_ == "acl" else trigger
        if noun.dep_ != "pobj" or noun.head.lower_ not in HARM_PREPS:
            return []
        verb = noun.head.head
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        return [a for s in subjects for a in self.actors_of(s) if a not in sources]

    def _fused_recipient(self, verb: Token, obj: Token, own: set[str]) -> list[Actor]:
        """The recipient of "gave X food aid" that the parser glued onto the thing given as
        a modifier: a named actor right after the verb, at the start of the object."""
        first = obj.left_edge
        if first.i != verb.i + 1 or first.i == obj.i or first.dep_ not in MODIFIER_DEPS:
            return []
        head = first
        while head.dep_ in MODIFIER_DEPS and head.head.i != obj.i and head.head.i != head.i:
            head = head.head  # "Costa Rica", "Syrian refugees": the head of the name
        if head.dep_ not in ("compound", "nmod"):
            return []  # "military assistance": a kind of aid
        actor = self.index.actor_at(head.i)
        if actor is None or actor.id in own or actor.type not in RECIPIENTS:
            return []
        return [actor]

    def _names_visitor(self, obj: Token) -> bool:
        """Whether an object names who came ("hosted Putin", "received a delegation"), not
        what came ("received aircraft")."""
        if self.index.actor_at(obj.i) is not None or obj.pos_ == "PROPN":
            return True
        return obj.lemma_.lower() in VISITORS

    def _subject_actors(self, verb: Token) -> list[Actor]:
        actors: list[Actor] = []
        for subject in statements.clause_subject(verb):
            if _after_bare_preposition(subject):
                # "A signed for X and B signed for Y", parsed with "X and B" as the subject
                # of the second clause: X belongs to the bare "for", B is the subject
                found = [a for c in subject.children if c.dep_ == "conj"
                         for a in self.actors_of(c)]  # fmt: skip
            else:  # "a bomb planted by X exploded": X
                found = self.actors_of(subject) or self._agent_of_participle(subject)
            actors += [a for a in found if a not in actors]
        if not actors and verb.dep_ == "conj":
            # "X visited Y as the war began, and met Z": the coordination hangs too low
            outer = verb.head
            for _ in range(3):
                if outer.head.i == outer.i:
                    break
                outer = outer.head
                if outer.pos_ in ("VERB", "AUX"):
                    found = [a for s in statements.clause_subject(outer) for a in self.actors_of(s)]
                    if found:
                        return found
        if not actors and verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "pobj"):
            governor = verb.head.head  # "issued a declaration demanding ...": the issuer
            if governor.dep_ == "prep":
                governor = governor.head
            if governor.pos_ in ("VERB", "AUX") and governor.i != verb.i:
                return self._subject_actors(governor)
        return actors

    def _armed(self, verb: Token, passive: bool) -> bool:
        """True when the subject of a movement verb is armed personnel ("troops arrived",
        "a first batch of troops arrived", "the army's units arrived")."""
        for subject in statements.clause_subject(verb):
            heads = [subject] + [g for c in subject.children if c.lower_ == "of"
                                 for g in c.children if g.dep_ == "pobj"]  # fmt: skip
            if any(h.lemma_.lower() in ARMED for h in heads):
                return True
            if any(a.type == "MilitaryForce" for a in self.actors_of(subject)):
                return True
        return False

    def _peacekeeping(self, verb: Token) -> bool:
        return any(
            "peacekeep" in t.lower_ for s in statements.clause_subject(verb) for t in s.subtree
        )

    def _agent_actors(self, verb: Token) -> list[Actor]:
        return self._prep_actors(verb, ("by",), deps=("agent", "prep"))

    def _prep_actors(
        self,
        head: Token,
        preps: Iterable[str],
        deps: tuple[str, ...] = ("prep",),
        exclude: Iterable[Actor] = (),
    ) -> list[Actor]:
        """Actors in the phrases of the first preposition (in the order given) that names
        any; `exclude` skips the doer's own things ("to its border with X": X)."""
        own = {a.id for a in exclude}
        children = [*head.children, *_out_of(head), *_by_means(head)]
        for prep in dict.fromkeys(preps):
            actors: list[Actor] = []
            for child in children:
                if child.dep_ not in deps or child.lower_ != prep:
                    continue
                for pobj in _shared_objects(child):
                    found = self._answerable(pobj)
                    found = [a for a in found if a.id not in own]
                    if not found and own:
                        found = self._phrase_actors(pobj, TARGET_PREPS, 1, False, own)
                    actors += [a for a in found if a not in actors]
            if actors:
                return actors
        return []

    def _dative_actors(self, verb: Token) -> list[Actor]:
        actors: list[Actor] = []
        for child in verb.children:
            if child.dep_ in ("dative", "iobj"):
                actors += self.actors_of(child) or [
                    a for g in child.children if g.dep_ == "pobj" for a in self.actors_of(g)
                ]
        return actors

    def _clause_subject_actors(self, verb: Token) -> list[Actor]:
        """The subject of the clause a verb (or noun) governs ("demanded that X withdraw",
        "the demand that X withdraw": X)."""
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp", "acl"):
                for subject in child.children:
                    if subject.dep_ in ("nsubj", "nsubjpass"):
                        return self.actors_of(subject)
        return []

    def _complement(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "xcomp":
                return child
        return None

    def _complement_targets(self, clause: Token, exclude: Iterable[Actor] = ()) -> list[Actor]:
        """Who an intended act is aimed at ("threatened to ban X", "offered to talk with X");
        the actor's own things ("agreed to reopen its border to X") are not the target."""
        own = {a.id for a in exclude}
        for _ in range(3):
            for child in clause.children:
                if child.dep_ in ("dobj", "dative"):
                    found = [a for a in self.actors_of(child) if a.id not in own]
                    if found:
                        return found
            for child in clause.children:
                if child.dep_ == "prep":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("DATE", "TIME"):
                            found = [a for a in self.actors_of(pobj) if a.id not in own]
                            if found:
                                return found
            if lemma_controls_object(clause):  # "refused to allow X to enter": X
                found = [a for a in self._clause_subject_actors(clause) if a.id not in own]
                if found:
                    return found
            nxt = self._complement(clause)
            if nxt is None:
                return []
            clause = nxt
        return []

    def _condition_actors(
        self, verb: Token, complement: Token | None, exclude: Iterable[Actor]
    ) -> list[Actor]:
        """The one a threat is aimed at: whoever must act to set it off ("threatened to leave
        the talks if X deployed missiles", "... unless X withdrew")."""
        own = {a.id for a in exclude}
        clauses = [verb] + ([complement] if complement is not None else [])
        for clause in clauses:
            for child in clause.children:
                if not statements.is_condition(child):
                    continue
                found = [a for s in statements.clause_subject(child) for a in self.actors_of(s)]
                found = [a for a in found if a.id not in own]
                if found:
                    return found
        return []

    def _doer_of_deed(self, obj: Token, exclude: Iterable[Actor]) -> list[Actor]:
        """Who did the deed a verb condemns or rejects: the source of the event noun in its
        object ("condemned the attack by X", "denounced X's invasion", "rejected a plan
        drawn up by X")."""
        own = {a.id for a in exclude}
        for token in obj.subtree:
            if token.pos_ not in ("NOUN", "PROPN") or (
                self._event_noun(token) is None and token.lemma_.lower() not in DEEDS
            ):
                continue
            found = []
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    found += self.actors_of(child)
            found = found or self._prep_actors(token, ("by", "from"))
            found = found or self._agent_of_participle(token)
            hit = self._event_noun(token)
            if not found and hit is not None and hit[0].mode in ("withdraw", "resign"):
                found = self._prep_actors(token, ("of",))  # "the withdrawal of X's troops"
            found = [a for a in found if a.id not in own]
            if found:
                return found
        if obj.pos_ in ("VERB", "AUX"):  # "what it called an invasion by X", "by X" misplaced
            return [a for a in self._prep_actors(obj, ("by",)) if a.id not in own]
        return self._agent_of_participle(obj)

    def _answerable(self, noun: Token, depth: int = 0) -> list[Actor]:
        """Who a phrase an act is aimed at names: its own actor, else whoever did what it
        names ("a strike over a bill signed by X", "crimes committed by X against Y": X),
        else the actors of its modifiers."""
        if self.index.actor_at(noun.i) is not None:
            return self.actors_of(noun, depth)
        return self._agent_of_participle(noun) or self.actors_of(noun, depth)

    def _agent_of_participle(self, noun: Token) -> list[Actor]:
        """The "by" agent of a participle describing a noun ("a law passed by X": X)."""
        for child in noun.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                found = self._agent_actors(child)
                if found:
                    return found
        return []

    def _warns_of_others(self, verb: Token, sources: list[Actor]) -> bool:
        """Whether a warning only says what harm someone else may do ("X warned that Y
        could attack Z", "Y could join the war, X warned"), rather than threatening; a
        warning that another's deed "could lead to war" stays a threat."""
        if verb.lemma_.lower() not in ("warn", "caution"):
            return False
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
            clauses.append(verb.head)
        for clause in clauses:
            if not self._hostile_complement(clause):
                continue
            doers = [a for s in statements.clause_subject(clause) for a in self.actors_of(s)]
            if doers and not speaks_for(sources, doers):
                return True
        return False

    def _pressing(self, verb: Token, exclude: Iterable[Actor]) -> list[Actor]:
        """Who pressed for what a refusal turns down: the X of "despite calls / pressure /
        demands from X" said of the refusal or of the verb it governs."""
        own = {a.id for a in exclude}
        clauses = [verb, verb.head, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp"))]
        for clause in clauses:
            for prep in clause.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("despite", "against"):
                    continue
                for noun in prep.children:
                    if noun.dep_ == "pobj":
                        found = self._prep_actors(noun, ("by", "from", "of"), exclude=exclude)
                        found = [a for a in found if a.id not in own]
                        if found:
                            return found
        return []

    def _purpose_targets(self, verb: Token, exclude: Iterable[Actor]) -> list[Actor]:
        """Whom force is used on, named by the object of its purpose ("opened fire to
        disperse X"); the place of the purpose ("... X in Cairo") is not its target."""
        own = {a.id for a in exclude}
        for child in verb.children:
            if child.dep_ in ("advcl", "xcomp") and infinitive(child):
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        return [a for a in self.actors_of(obj) if a.id not in own]
        return []

    def _struck_place(
        self, verb: Token, obj: Token | None, sources: list[Actor], deep: bool = False
    ) -> list[Actor]:
        """The country or place where an attack on unnamed people or things fell ("killed ten
        soldiers in northern X", "shelled a village near X"): the attack is on that place,
        unless it is the attacker's own country. `deep` also searches the object's own
        phrase, for forces moved or readied "near the border with X"."""
        heads = [verb] + ([obj] if obj is not None and obj.i != verb.i else [])
        if deep and obj is not None:  # "the alert level of its navy near its border with X"
            heads += [t for t in obj.subtree if t.i != obj.i and t.pos_ in ("NOUN", "PROPN")]
        own = {a.country for a in sources if a.country} | {a.id for a in sources}
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or not (
                    prep.lower_ in STRUCK_PREPS or (prep.lower_ == "with" and _after_border(prep))
                ):
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    found = self.actors_of(pobj) or self._phrase_actors(
                        pobj, STRUCK_PREPS, 1, objects=False
                    )
                    found = [a for a in found if a.type in ("Country", "Location")]
                    if found and not any(a.id in own or a.country in own for a in found):
                        return found
        return []

    def _hostile_noun(self, noun: Token) -> bool:
        """Whether a noun names a hostile act ("sanctions", "an attack")."""
        hit = self._event_noun(noun)
        return hit is not None and hit[0].type in MATERIAL_CONFLICT | {"THREATEN"}

    def _hostile_complement(self, clause: Token) -> bool:
        """Whether the act a verb of agreeing governs is a hostile one ("agreed to impose
        sanctions", "vowed to attack"): no cooperation is on offer. Only the clause's own
        verb, or the act it does or prepares, counts: "agreed to end the attacks" is an offer."""
        lemma = clause.lemma_.lower()
        entry = None
        obj = next((c for c in clause.children if c.dep_ == "dobj"), None)
        if obj is not None and is_joint(obj):
            return False  # "agreed to deploy a joint force": cooperation between them
        if any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together") for c in clause.children):
            return False  # "agreed to jointly fight the cartels": they cooperate
        if lemma in self.lex.light_verbs or lemma in PREPARING:
            hit = self._event_noun(obj) if obj is not None else None
            if hit is None and obj is not None and not self.actors_of(obj):
                return False  # "agreed to hold elections": no act of the lexicon's
            entry = hit[0] if hit else None
        entry = entry or self.lex.verbs.get(lemma)
        return entry is not None and entry.type in MATERIAL_CONFLICT | {"THREATEN"}


def lemma_controls_object(verb: Token) -> bool:
    """Whether a verb's object is the doer of its complement ("allowed X to run")."""
    return verb.lemma_.lower() in statements.OBJECT_CONTROL


def _out_of(head: Token) -> list[Token]:
    """The prepositions hung from a particle of the head ("pulled out of X", "moved away
    from X"): they belong to the verb."""
    return [
        g
        for c in head.children
        if c.dep_ in ("prt", "prep", "advmod") and c.lower_ in ("out", "away", "back")
        for g in c.children
        if g.dep_ == "prep"
    ]


def means_of(head: Token) -> list[Token]:
    """What an act is done by ("by telephone", "via video link", "over the phone")."""
    return [
        thing
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in ("by", "via", "over")
        for thing in c.children
        if thing.dep_ == "pobj"
    ]


def _shared_objects(prep: Token) -> list[Token]:
    """A preposition's objects, or those of the preposition joined to it ("exports to and
    from X": X is the object of "to" too)."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if objects:
        return objects
    joined = [c for c in prep.children if c.dep_ == "conj" and c.pos_ == "ADP"]
    return [g for c in joined for g in c.children if g.dep_ == "pobj"]


def _by_means(head: Token) -> list[Token]:
    """The prepositions hung from the means of an act ("spoke by telephone with X", "talked
    via video link with X"): they belong to the verb."""
    return [g for thing in means_of(head) for g in thing.children
            if g.dep_ == "prep" and g.lower_ == "with"]  # fmt: skip


def _after_border(prep: Token) -> bool:
    """Whether a "with" follows a border noun ("the border with X"), wherever the parser hung
    it: its object is the country across the border."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else prep
    return before.lemma_.lower() in BORDERS


def _after_bare_preposition(subject: Token) -> bool:
    """Whether a subject's phrase directly follows a preposition left with no object of its
    own: the parser took the preposition's object for the start of the next clause."""
    first = min([subject.i, *(t.i for t in subject.lefts)])
    if first == 0 or subject.doc[first].is_sent_start:
        return False  # a preposition ending the sentence before is no part of this one
    before = subject.doc[first - 1]
    if before.dep_ == "mark" and before.lower_ == "for":  # "for" as a conjunction is rare
        return True
    return before.dep_ == "prep" and not any(c.dep_ in ("pobj", "pcomp") for c in before.children)


def is_joint(noun: Token) -> bool:
    return any(c.lower_ in ("joint", "combined", "bilateral") for c in noun.children)
