"""Events named by nouns ("X's visit to Y", "Western sanctions on Y", "talks between X and Y"),
commitments and verdicts, and appraisals ("called the accord a milestone")."""

from __future__ import annotations

from spacy.tokens import Token

from actorgraph import statements
from actorgraph.events.arguments import Arguments
from actorgraph.events.candidate import Candidate
from actorgraph.events.factuality import as_phrase
from actorgraph.events.lexicon import (
    BLAMING,
    CAUSES,
    DRAWING,
    GRATEFUL,
    MEASURES,
    PREPARING,
    REACTIONS,
    SCENE_EVENTS,
    SUBJECT_DEPS,
    TARGET_PREPS,
    WILLINGNESS,
    Entry,
)
from actorgraph.model import Actor
from actorgraph.syntax import (
    object_of,
)


class NounEvents(Arguments):
    """Events a sentence names with nouns, commitments, verdicts and appraisals."""

    def _aid_mode(self, obj: Token | None) -> str | None:
        if obj is None:
            return None
        words = [obj.lemma_.lower()] + [
            c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod")
        ]
        words += [g.lemma_.lower() for c in obj.children if c.dep_ == "conj" for g in [c]]
        words += [g.lemma_.lower() for c in obj.children if c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        for word in words:
            if word in self.lex.aid_things:
                return self.lex.aid_things[word]
        for word in words:
            noun = self.lex.nouns.get(word)
            if noun is not None and noun.type == "AID":
                return noun.mode or "unspecified"
        return None

    def commitments(self, found: list[Candidate]) -> list[Candidate]:
        """ "X is willing / ready / committed to do Y": a stated willingness to cooperate
        (PLOVER AGREE), when Y is no event of its own that says more."""
        triggers = {c.trigger.i for c in found}
        out = []
        for word in self.sent:
            if word.lemma_.lower() not in WILLINGNESS and word.lower_ not in WILLINGNESS:
                continue
            clause = next((c for c in word.children if c.dep_ == "xcomp"), None)
            if clause is None:
                clause = next((g for c in word.children if c.dep_ == "prep" and c.lower_ == "to"
                               for g in c.children if g.dep_ == "pcomp"), None)  # fmt: skip
            if clause is None or any(t.i in triggers for t in clause.subtree):
                continue  # the act itself says more ("prepared to resume shelling")
            holder = word if word.pos_ == "VERB" else word.head
            sources = self._subject_actors(holder)
            if sources:
                targets = self._complement_targets(clause)
                out.append(Candidate(word, "AGREE", None, sources, targets, 0.6, "willingness"))
        return out

    def verdicts(self) -> list[Candidate]:
        """What a speaker's verdict on something does: "X said that Y is out of the
        question" rejects Y (REJECT), aimed at whoever Y concerns ("removing sanctions on Z":
        Z); "X said Y was behind the attack" blames Y (ACCUSE)."""
        speech = statements.cues().speech
        out = []
        for verb in self.sent:
            if speech.get(verb.lemma_.lower()) != "reported":
                continue
            for clause in verb.children:
                if clause.dep_ != "ccomp" or clause.lemma_ != "be":
                    continue
                speaker = statements.speaker_of(verb)
                sources = self.actors_of(speaker) if speaker is not None else []
                subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
                behind = object_of(clause, ("behind",))
                deeds = (
                    [behind, *(c for c in clause.children if c.dep_ == "attr")] if behind else []
                )
                if (
                    sources
                    and subject is not None
                    and any(self._hostile_noun(d) for d in deeds if d is not None)
                ):  # "X said Y was behind the attack": X blames Y
                    doers = [a for a in self.actors_of(subject) if a not in sources]
                    out.append(Candidate(clause, "ACCUSE", None, sources, doers, 0.6, "verdict"))
                    continue
                predicate = " ".join(t.lower_ for t in clause.subtree if t.i > clause.i)
                if not any(phrase in predicate for phrase in self.lex.rejections):
                    continue
                targets = self._phrase_actors(subject, TARGET_PREPS) if subject is not None else []
                if sources:
                    out.append(Candidate(clause, "REJECT", None, sources, targets, 0.6, "verdict"))
        return out

    def appraisals(self, triggers: set[int]) -> list[Candidate]:
        """ "X called the accord a milestone", "described Y's move as a mistake": naming
        something with praise is X's SUPPORT, with blame X's ACCUSE, aimed at the actors the
        thing named belongs to (none for a bare "the deal")."""
        out = []
        for verb in self.sent:
            if verb.i in triggers or verb.lemma_.lower() not in self.lex.naming_verbs:
                continue
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if not objects:
                continue
            predicate = next((c for c in verb.children if c.dep_ in ("oprd", "acomp")), None)
            predicate = predicate or (objects[1] if len(objects) > 1 else None)
            predicate = predicate or as_phrase(verb)
            etype = self._appraisal(predicate) if predicate is not None else None
            sources = self._subject_actors(verb)
            if etype is None or not sources:
                continue
            targets = [a for a in self.actors_of(objects[0]) if a not in sources]
            out.append(Candidate(verb, etype, None, sources, targets, 0.6, "appraisal"))
        return out

    def _appraisal(self, predicate: Token) -> str | None:
        """SUPPORT or ACCUSE as the words of a predicate praise or blame ("a milestone",
        "a historic step", "a grave mistake", "illegal"); the head noun speaks first."""
        words = [predicate, *(c for c in predicate.children if c.dep_ in ("amod", "compound"))]
        words += [c for c in predicate.children if c.dep_ == "advmod"]
        for word in words:
            lemma = word.lemma_.lower()
            if lemma in self.lex.praise or word.lower_ in self.lex.praise:
                return "SUPPORT"
            if lemma in self.lex.blame or word.lower_ in self.lex.blame:
                return "ACCUSE"
        return None

    # -- nouns --------------------------------------------------------------------------
    def _harming(self, verb: Token, subject: Token) -> bool:
        """Whether a verb is an act of force that `subject` is the subject of ("an attack
        kills", "the strike destroyed")."""
        entry = self.lex.verbs.get(verb.lemma_.lower())
        return subject.dep_ == "nsubj" and entry is not None and entry.type == "ASSAULT"

    def _not_event(self, noun: Token) -> bool:
        """Compounds that only look like event nouns ("press release", "news conference")."""
        return any(key in self.lex.not_events for key in self._noun_keys(noun))

    def noun_events(self, used: set[int]) -> list[Candidate]:
        """Events named by nouns: "X's visit to Y", "Western sanctions on Y"."""
        found = []
        for token in self.sent:
            if token.i in used or not (token.pos_ in ("NOUN", "PROPN") or _gerund_noun(token)):
                continue
            if self.index.actor_at(token.i) is not None:
                continue
            hit = self._event_noun(token)
            if hit is None or hit[1].i != token.i or self._not_event(token):
                continue
            entry = hit[0]
            if token.dep_ in ("dobj", "nsubjpass") and token.head.i in used:
                continue  # the verb's own event covers it ("condemned the attack")
            if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
                continue  # a modifier names a kind of thing: "war crimes", "strike force"
            if self._what_is_judged(token):
                continue  # "reneged on its commitment": the commitment is what is rejected
            cand = self._noun_event(token, entry)
            if cand is not None:
                found.append(cand)
        return found

    def _what_is_judged(self, noun: Token) -> bool:
        """Whether a noun is what a verb of agreeing, backing, asking or rejecting is about,
        through one of that verb's own prepositions ("reneged on the pledge", "agreed to
        the plan")."""
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            return False
        verb = noun.head.head
        entry = self.lex.verbs.get(verb.lemma_.lower())
        return (
            entry is not None
            and entry.type in ("REJECT", "AGREE", "SUPPORT", "REQUEST")
            and noun.head.lower_ in entry.targets
        )

    def _noun_event(self, noun: Token, entry: Entry) -> Candidate | None:
        sources: list[Actor] = []
        for child in noun.children:
            if child.dep_ == "compound" and noun.lemma_.lower() in SCENE_EVENTS:
                continue  # "the Sudan war", "the Gaza conflict": where, not who
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                sources += [a for a in self.actors_of(child) if a not in sources]
        sources = sources or self._prep_actors(noun, ("by", *entry.sources))
        sources = sources or self._agent_of_participle(noun)  # "an attack carried out by X"
        confidence = 0.6
        preparer = _preparing_verb(noun)
        if not sources and preparer is not None:
            sources = self._subject_actors(preparer)  # "X agreed to prepare sanctions on Y"
        if not sources and noun.dep_ == "pobj" and noun.head.lower_ == "under":
            # "Y came under attack from X": X attacks
            sources = self._prep_actors(noun, ("from", "by")) or self._prep_actors(
                noun.head.head, ("from", "by")
            )
        drawn = noun.dep_ == "dobj" and noun.head.lemma_.lower() in DRAWING
        if not sources and drawn:  # "drawing criticism from X", "from X" hung on the verb
            sources = self._prep_actors(noun.head, ("from", "by"))
        judge = _judged_for(noun)
        if judge is not None:  # "thanked X for their support", "condemned X for its attacks"
            doer = [a for c in judge.children if c.dep_ == "dobj" for a in self.actors_of(c)]
            owners = [c for c in noun.children if c.dep_ == "poss"]
            if doer and all(c.pos_ == "PRON" for c in owners):
                sources = doer
        thanker = judge if judge is not None and judge.lemma_.lower() in GRATEFUL else None
        mutual = False
        if not sources:
            parties = self._prep_actors(noun, ("between", "among"))
            if len(parties) > 1:  # "talks between X and Y", "clashes between X and Y"
                sources, mutual = parties, True
        verb = _governing_verb(noun)
        if (
            not sources
            and entry.type == "CONSULT"
            and noun.dep_ == "pobj"
            and noun.head.lower_ in ("for", "at", "during")
            and verb is not None
            and verb.lemma_.lower() not in statements.cues().speech
            and not any(c.dep_ == "nsubjpass" for c in verb.children)
            # "recalled its envoy for consultations" is no meeting; "arrived for talks" is
            and self.triggers.get(verb.i, "CONSULT") == "CONSULT"
        ):
            sources = self._subject_actors(verb)  # "X arrived for talks with Y"
            confidence = 0.5
        target_preps = entry.targets
        others = tuple(p for p in entry.targets if p != "of")
        if not sources and "of" in entry.targets and self._prep_actors(noun, others):
            sources = self._prep_actors(noun, ("of",))  # "the visit of X to Y": X visits
            target_preps = others
        targets = self._prep_actors(noun, target_preps)
        if entry.type == "AGREE" and _signed(noun):
            entry = Entry("SUPPORT", None, targets=entry.targets)  # "the signing of an accord"
        if not targets and thanker is not None:  # ... and the thanker had it
            targets = [a for a in self._subject_actors(thanker) if a not in sources]
        if not targets and drawn:
            targets = self._subject_actors(noun.head)  # "X did Y, drawing criticism from Z"
        if not targets and entry.type in ("REQUEST", "THREATEN"):
            # "the demand that X withdraw", "a call on X to leave"
            targets = [a for a in self._clause_subject_actors(noun) if a not in sources]
        if not targets and entry.type == "ASSAULT" and self._harming(noun.head, noun):
            objects = [c for c in noun.head.children if c.dep_ == "dobj"]  # "an attack kills Y"
            targets = [a for o in objects for a in self.actors_of(o) if a not in sources]
        if not targets and verb is not None and noun.dep_ == "pobj":
            prep = noun.head.lower_
            if entry.type in ("SUPPORT", "AID") and prep == "with":
                targets = self._subject_actors(verb)  # "did X with Y's backing": Y backs the doer
            elif entry.type in ("SANCTION", "ASSAULT", "COERCE") and prep in CAUSES:
                targets = self._subject_actors(verb)  # "due to sanctions, X finds ..."
            elif entry.type in REACTIONS and prep in ("despite", "amid"):
                targets = self._subject_actors(verb)  # "X voted despite objections from Y"
        cand = self._candidate(noun, entry, sources, targets, confidence, "noun", noun=noun)
        if cand is not None and mutual:
            cand.mutual = True
        return cand


def _signed(noun: Token) -> bool:
    """Whether an agreement noun is what a signing noun names ("the signing of a deal")."""
    head = noun.head
    return (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lemma_.lower() in ("signing", "signature", "ratification", "conclusion")
    )


def _preparing_verb(noun: Token) -> Token | None:
    """The verb that prepares the act a noun names ("prepare a package of sanctions")."""
    head = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_ in MEASURES:
        head = noun.head.head
    if head.dep_ == "dobj" and head.head.lemma_.lower() in PREPARING:
        return head.head
    return None


def _gerund_noun(token: Token) -> bool:
    """A gerund used as a noun ("fighting between X and Y killed ...")."""
    return token.tag_ == "VBG" and token.dep_ in ("nsubj", "csubj", "nsubjpass", "dobj", "pobj")


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose prepositional phrase holds a noun ("arrived for talks": arrived;
    "crushed the protests with X's backing": crushed)."""
    if noun.dep_ != "pobj":
        return None
    head = noun.head.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i or head.dep_ not in ("prep", "amod", "advmod", "dobj", "pobj"):
            return None
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def _judged_for(noun: Token) -> Token | None:
    """The verb of thanks, praise or blame whose "for" phrase the noun heads ("thanked X for
    their support", "condemned X for its attacks"): the deed is its object's."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return None
    verb = noun.head.head
    return verb if verb.lemma_.lower() in GRATEFUL | BLAMING else None
