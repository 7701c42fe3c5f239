"""The rules' reading of events: the lexicon's verbs and phrases with their arguments, light
verbs with event nouns ("held talks"), stopped and lifted measures, deployments, deadlines,
joint acts, and the type-specific readings of who did what to whom."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from actorgraph import statements
from actorgraph.events.arguments import is_joint, lemma_controls_object, means_of
from actorgraph.events.candidate import Candidate
from actorgraph.events.lexicon import (
    ACCESS_NOUNS,
    ADVANCING,
    APPROACH_PREPS,
    APPROVAL,
    APPROVING,
    ARMED,
    CARRY_AID,
    CONDITIONING,
    COUNTING,
    CUT_AID,
    CUT_TALKS,
    CUT_TRADE,
    DE_ESCALATION,
    DECREEING,
    DEEDS,
    DEPLOY_TO,
    DEPORTABLE,
    DIRECTIONS,
    DOCUMENTS,
    EXPELLING,
    GENERIC_NOUN_TARGETS,
    GRANT_AID,
    GREETING,
    JOINT_WORK,
    LEAVING,
    LIFTING,
    LIFTING_NOUNS,
    LOOSE,
    MAKING,
    MAKING_NOUNS,
    MEASURES,
    MOVING,
    PARTICLES,
    PARTY_TYPES,
    PERSONNEL,
    POLICE,
    RAIDING,
    REDUCING,
    REMOTE,
    STOPPING,
    TAKING_OVER,
    TARGET_PREPS,
    TRADE_NOUNS,
    TRANSPORTING,
    ULTIMATUM,
    VERBAL,
    WITHDRAWAL,
    Entry,
    lexicon,
)
from actorgraph.events.nouns import NounEvents
from actorgraph.model import Actor, ActorIndex
from actorgraph.syntax import (
    bare_definite,
    deadline_given,
    object_of,
    passive_participle,
)


def rule_candidates(sent: Span, index: ActorIndex) -> list[Candidate]:
    """The events the lexicon and rules read in a sentence, before their stance (what the
    learned reader is trained to judge)."""
    return rule_events(Finder(sent, index, lexicon()))


def rule_events(finder: Finder) -> list[Candidate]:
    """The events the lexicon and rules read in the finder's sentence, before their stance."""
    found = finder.verb_events()
    finder.triggers = {c.trigger.i: c.type for c in found}
    found += finder.noun_events({c.trigger.i for c in found} | finder.used_nouns)
    found += finder.commitments(found)
    found += finder.verdicts()
    found += finder.appraisals({c.trigger.i for c in found})
    return found


class Finder(NounEvents):
    """Finds event candidates in one sentence: the rules' reading of its verbs and nouns."""

    # -- verbs --------------------------------------------------------------------------
    def verb_events(self) -> list[Candidate]:
        """Events whose trigger is a verb (or a light verb with an event noun)."""
        found = []
        for token in self.sent:
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                cand = self._verb_event(token)
                if cand is not None:
                    found.append(cand)
        return found

    def learned_event(
        self,
        word: Token,
        etype: str,
        sources: list[Actor],
        targets: list[Actor],
        confidence: float,
    ) -> Candidate | None:
        """An event the learned reader found: with the parties it read, else with those the
        parse gives any verb or event noun (`generic_event`)."""
        if sources:
            cand = self._candidate(word, Entry(etype), sources, targets, confidence, "learned")
        else:
            cand = self.generic_event(word, etype)
        if cand is not None:
            cand.confidence, cand.how = confidence, "learned"
        return cand

    def generic_event(self, word: Token, etype: str) -> Candidate | None:
        """An event of a type the lexicon does not give this word, its arguments found as
        for any verb (subject, object, prepositions) or event noun (possessor, "by", "of")."""
        if word.pos_ == "NOUN":
            entry = Entry(etype, targets=GENERIC_NOUN_TARGETS)
            return self._noun_event(word, entry) or self._governed_event(word, entry)
        passive = is_passive(word)
        obj = self._object(word, passive)
        found = self._arguments(word, Entry(etype), obj, passive, "verb")
        if found is None and not passive:
            found = self._governed_event(word, Entry(etype), obj)
        return found

    def _governed_event(
        self, word: Token, entry: Entry, obj: Token | None = None
    ) -> Candidate | None:
        """An event whose doer is the subject of a clause above its word ("X launched an
        offensive", "X vowed to fight"); a speaker is the doer only of what saying does."""
        clause = word.head
        for _ in range(4):
            if clause.i == clause.head.i and clause is not word.head:
                break
            if clause.pos_ in ("VERB", "AUX"):
                speech = clause.lemma_.lower() in statements.cues().speech
                if speech and entry.type not in VERBAL:
                    return None
                sources = self._subject_actors(clause)
                if sources:
                    targets = [a for a in self.actors_of(obj) if a not in sources]
                    targets = targets or self._prep_actors(
                        word, (*entry.targets, *_fallback_preps(entry.type)), exclude=sources
                    )
                    return self._candidate(word, entry, sources, targets, 0.5, "governed")
            clause = clause.head
        return None

    def _verb_event(self, verb: Token) -> Candidate | None:
        lemma = self._lemma(verb)
        passive = is_passive(verb)
        obj = self._object(verb, passive)
        entry, how = None, "verb"
        for second in self._second_words(verb, obj):
            entry = self.lex.verbs.get(f"{lemma} {second}")
            if entry is not None:
                how = "phrase"
                if obj is not None:  # "lifted the ban": the ban is no event of its own
                    self.used_nouns.add(obj.i)
                break
        noun = self._event_noun(obj) if lemma in self.lex.light_verbs and obj is not None else None
        if noun is None and entry is None and _partakes(verb, lemma):
            noun = self._part_in(verb)  # "took part in the attack", "engaged in talks"
        if entry is None and noun is not None:
            noun_entry, noun_token = noun
            cand = self._light_verb_event(verb, noun_token, noun_entry, passive)
            if cand is not None:
                self.used_nouns.add(noun_token.i)
                return cand
        if entry is None and obj is not None and lemma in DECREEING:
            cand = self._decreed_lifting(verb, obj, passive)
            if cand is not None:  # "ordered the lifting of sanctions on X"
                return cand
        if entry is None and obj is not None and (_stopping(verb, lemma) or lemma in LIFTING):
            cand = self._stopped_act(verb, obj, passive, trade=lemma not in LIFTING)
            if cand is not None:
                return cand
        if lemma in TRANSPORTING and self._aid_mode(obj) is not None and not _back(verb):
            entry = CARRY_AID  # "flew medical supplies to X", "supplies were flown to X"
        if entry is None and obj is not None and _joint_making(verb, lemma, obj):
            entry = JOINT_WORK  # "X and Y began building a joint plant", "jointly built"
        if (
            entry is None
            and lemma in REDUCING
            and obj is not None
            and self._aid_mode(obj) is not None
        ):
            entry = CUT_AID  # "froze its payments to X": a reduction of aid
            self.used_nouns.add(obj.i)  # the aid cut is no aid given
        if entry is None and lemma in APPROVING and self._aid_mode(obj) is not None:
            entry = GRANT_AID  # "approved a loan for X": the aid is granted to X
        cutting = lemma in REDUCING or _stopping(verb, lemma)
        if entry is None and cutting and lemma != "end" and obj is not None:
            hit = self._event_noun(obj)  # talks or visits ended early are ended, not cut
            if hit is not None and hit[0].type == "CONSULT":
                entry = CUT_TALKS  # "suspended the negotiations with X", "called off its visit"
                self.used_nouns.add(hit[1].i)
        complement = self._complement(verb)
        if (
            entry is None
            and lemma in MOVING
            and (
                _sent_somewhere(verb)
                or complement is None
                or complement.lemma_.lower() in ADVANCING
            )
        ):  # "ordered troops to the border", "... to sail toward X", not "to withdraw"
            entry = self._deployment(obj)
        if entry is None and deadline_given(verb) is not None:
            entry = ULTIMATUM  # "gave X a week to withdraw or face ..."
        if entry is None:
            entry = self.lex.verbs.get(lemma)
        if (
            entry is not None
            and entry.reverse
            and lemma in GREETING
            and obj is not None
            and not passive
            and not self._names_visitor(obj)
        ):
            entry = APPROVAL  # "welcomed X's decision": backing X, not a visit
        if entry is None and lemma in LEAVING - {"go"} and self._armed(verb, passive):
            entry = WITHDRAWAL  # "the troops left X": a withdrawal from X
        if entry is None:
            return None
        return self._arguments(verb, entry, obj, passive, how)

    def _deployment(self, obj: Token | None) -> Entry | None:
        """A MOBILIZE entry when what is moved is armed men or police, counted or not."""
        head = obj
        while head is not None and (head.like_num or head.lemma_.lower() in COUNTING):
            counted = object_of(head, ("of",))
            if counted is None:  # "a carrier strike group": the words before say what
                break
            head = counted
        if head is None:
            return None
        words = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children
                                        if c.dep_ in ("compound", "amod", "conj")}  # fmt: skip
        if words & POLICE:
            return Entry("MOBILIZE", "police", object="theme", targets=DEPLOY_TO)
        if words & ARMED:
            return Entry("MOBILIZE", "troops", object="theme", targets=DEPLOY_TO)
        return None

    def _withdrawable(self, obj: Token | None) -> bool:
        """Whether what is withdrawn is forces, people or arms (or left unsaid)."""
        if obj is None or self.index.actor_at(obj.i) is not None:
            return True
        lemma = obj.lemma_.lower()
        return lemma in ARMED or lemma in PERSONNEL or self.lex.aid_things.get(lemma) == "military"

    def _aid_in(self, amount: Token | None) -> Token | None:
        """The aid an amount is counted in ("50 million euros in aid", "$1bn of loans")."""
        if amount is None:
            return None
        for prep in amount.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                for noun in prep.children:
                    if noun.dep_ == "pobj" and self._aid_mode(noun) is not None:
                        return noun
        return None

    def _decreed_lifting(self, verb: Token, obj: Token, passive: bool) -> Candidate | None:
        """ "X ordered the lifting of sanctions on Y": X lifts them, a concession to Y."""
        lifted = object_of(obj, ("of",)) if obj.lemma_.lower() in LIFTING_NOUNS else None
        cand = self._stopped_act(verb, lifted, passive, trade=False) if lifted else None
        if cand is not None:
            self.used_nouns.add(obj.i)
        return cand

    def _stopped_act(
        self, verb: Token, obj: Token, passive: bool, trade: bool = True
    ) -> Candidate | None:
        """ "X halted its strikes on Y": a de-escalation towards Y, not the strikes; "halted
        exports to Y": a cut in trade with Y (when `trade`)."""
        if trade and obj.lemma_.lower() in TRADE_NOUNS:
            return self._light_verb_event(verb, obj, CUT_TRADE, passive)
        hit = self._event_noun(obj)
        if hit is None or hit[0].type not in DE_ESCALATION or self._not_event(hit[1]):
            return None  # "ended a long legal battle": no fighting stopped
        etype, mode = DE_ESCALATION[hit[0].type]
        entry = Entry(etype, mode, targets=hit[0].targets)
        self.used_nouns.add(hit[1].i)
        return self._light_verb_event(verb, hit[1], entry, passive)

    def _part_in(self, verb: Token) -> tuple[Entry, Token] | None:
        """The event noun of "took part / participated / engaged in N"."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for noun in prep.children:
                    if noun.dep_ == "pobj":
                        return self._event_noun(noun)
        return None

    def _lemma(self, verb: Token) -> str:
        """The verb's lemma, or the lexicon's form of it when the tagger's lemma is no word
        the lexicon knows ("staged" lemmatised as "stag")."""
        lemma = verb.lemma_.lower()
        if lemma in self.lex.verbs or lemma in self.lex.light_verbs:
            return lemma
        text = verb.lower_
        if verb.tag_ in ("VBD", "VBN") and text.endswith("ed"):
            for form in (text[:-1], text[:-2]):
                if form in self.lex.verbs or form in self.lex.light_verbs:
                    return form
        return lemma

    def _object(self, verb: Token, passive: bool) -> Token | None:
        if passive_participle(verb):  # "a leader backed by X": the leader
            head = verb.head
            while head.dep_ == "appos" and head.head.i != head.i:
                head = head.head
            return head
        deps = ("nsubjpass",) if passive else ("dobj",)
        for child in verb.children:
            if child.dep_ in deps:
                return child
        return None

    def _second_words(self, verb: Token, obj: Token | None) -> Iterable[str]:
        for child in verb.children:
            if child.dep_ in ("prt", "advmod", "prep") and child.lower_ in PARTICLES:
                yield child.lower_
            if child.dep_ == "dobj" and child is not obj:  # "was granted asylum": the theme
                yield child.lemma_.lower()
        if obj is not None:
            yield from self._noun_keys(obj)
            yield obj.lemma_.lower()
            if obj.lemma_.lower() in MEASURES | DOCUMENTS:  # "suspended part of a programme"
                for prep in obj.children:
                    if prep.lower_ == "of":
                        yield from (g.lemma_.lower() for g in prep.children if g.dep_ == "pobj")
        for child in verb.children:
            if child.dep_ == "xcomp":
                yield child.lemma_.lower()
                for grand in child.children:
                    if grand.dep_ == "dobj":
                        yield grand.lemma_.lower()
            if child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        yield pobj.lemma_.lower()

    def _light_verb_event(
        self, verb: Token, noun: Token, entry: Entry, passive: bool
    ) -> Candidate | None:
        """ "X launched an attack on Y", "X held talks with Y", "X imposed sanctions on Y"."""
        sources = self._agent_actors(verb) if passive else self._subject_actors(verb)
        targets = self._prep_actors(noun, entry.targets)
        targets = targets or self._prep_actors(
            verb, (*entry.targets, *(("to",) if entry.type in PARTY_TYPES else LOOSE))
        )
        targets = targets or self._dative_actors(verb)
        if not targets and entry.type == "AID" and noun.dep_ == "dobj":
            targets = self._fused_recipient(verb, noun, {a.id for a in sources})
        targets = targets or self._phrase_actors(noun, _fallback_preps(entry.type), objects=False)
        if not targets and entry.type in ("REQUEST", "THREATEN"):
            # "renewed its demand that X ...": the clause hangs from the noun or the verb
            found = self._clause_subject_actors(noun) or self._clause_subject_actors(verb)
            targets = [a for a in found if a not in sources]
        return self._candidate(verb, entry, sources, targets, 0.75, "light-verb", noun=noun)

    def _arguments(
        self, verb: Token, entry: Entry, obj: Token | None, passive: bool, how: str
    ) -> Candidate | None:
        """Source and target of a verb event from its subject, object and prepositions."""
        subject_actors = self._agent_actors(verb) if passive else self._subject_actors(verb)
        object_actors = self.actors_of(obj) if entry.object != "none" else []
        mode = entry.mode
        etype = entry.type
        if entry.object == "theme" and entry.mode == "needs-object" and obj is None:
            return None
        if entry.mode == "needs-object":
            mode = None
        theme_verb = entry.object == "theme" and bool(object_actors)
        with_theme = object_of(verb, ("with",)) if theme_verb else None
        if theme_verb and passive and with_theme is None:
            # "X was granted asylum by Y": the passive's subject received the theme
            with_theme = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if (
            etype == "RETREAT"
            and self._lemma(verb) in ("withdraw", "pull")
            and not self._withdrawable(obj)
        ):
            return None  # "withdrew its candidate", "withdrew the bill": no retreat
        if entry.type == "AID" and entry.object == "theme":
            theme = with_theme or obj  # "supplied X with weapons": the weapons are given to X
            kind = self._aid_mode(theme)
            if (
                kind is None
                and mode is None
                and not (theme is not None and self._event_noun(theme))
            ):
                return None  # "sent a letter": not aid
            mode = (kind if kind != "unspecified" else None) or mode
            object_actors = object_actors if with_theme is not None else []
        if entry.reverse and obj is not None and not self._names_visitor(obj):
            object_actors = []
            noun = self._event_noun(obj)
            parties = self._prep_actors(obj, ("between",))
            if noun is not None and noun[0].type == "CONSULT" and len(parties) > 1:
                # "X will host talks between Y and Z": a meeting of Y and Z hosted by a third
                self.used_nouns.add(noun[1].i)  # the talks hosted are this meeting
                return Candidate(verb, "CONSULT", "third-party", parties, [], 0.7, "hosted")
            if (
                noun is not None
                and noun[0].type == "CONSULT"
                and subject_actors
                and not bare_definite(noun[1])
            ):
                # "X hosted a summit of leaders": the host meets those who come; "the talks"
                # named before are others' talks it only houses
                self.used_nouns.add(noun[1].i)
                return Candidate(verb, "CONSULT", "host", subject_actors, parties, 0.7, "verb")
        if entry.reverse:
            sources = self._prep_actors(verb, entry.sources) or object_actors
            targets = subject_actors
            if not object_actors and obj is not None and not entry.sources:
                return None
            if not object_actors and obj is not None:
                kind = self._aid_mode(obj)
                if kind is not None:
                    etype, mode = "AID", (kind if kind != "unspecified" else None)
                elif (noun := self._event_noun(obj)) is not None:
                    etype, mode = noun[0].type, noun[0].mode
                sources = sources or self._own_actor(obj, 1)
        else:
            sources = subject_actors
            own = {a.id for a in sources}  # "recalled its ambassador from X": X, not itself
            if etype == "MOBILIZE":  # "put its army on alert near X": the army is its own
                own |= {a.id for a in object_actors if _same_country(a, sources)}
            # a theme verb's object is its target only when "with" names the theme
            targets = [] if entry.object == "theme" and with_theme is None else [
                a for a in object_actors if a.id not in own]  # fmt: skip
            targets = targets or self._prep_actors(verb, entry.targets, exclude=sources)
            targets = targets or self._dative_actors(verb)
            if not targets and etype == "AID" and obj is not None:
                targets = self._fused_recipient(verb, obj, own)
            if not targets and obj is not None:
                targets = self._phrase_actors(
                    obj, (*entry.targets, *_fallback_preps(etype)), objects=False, exclude=own
                )
            if not targets and entry.object == "theme" and (aid := self._aid_in(obj)):
                targets = self._phrase_actors(aid, entry.targets, objects=False, exclude=own)
            named = object_of(obj, ("of",)) if obj is not None and not targets else None
            if named is not None and self.index.actor_at(named.i) is None:
                # "signed a memorandum of understanding with X": the phrase hangs lower
                targets = self._phrase_actors(named, entry.targets, objects=False, exclude=own)
            if not targets:
                targets = self._phrase_actors(verb, _loose_preps(etype), objects=False, exclude=own)
            if entry.sources:
                sources = self._prep_actors(verb, entry.sources) or sources
        if etype == "AID" and mode == "military" and not targets:
            approach = self._prep_actors(verb, APPROACH_PREPS, exclude=sources)
            things = [obj, *(c for c in obj.children if c.dep_ == "conj")] if obj else []
            for thing in things:
                approach = approach or self._prep_actors(thing, APPROACH_PREPS, exclude=sources)
            if approach:  # "sent warships towards X": a show of force, not aid
                etype, mode, targets = "MOBILIZE", "weapons", approach
        if etype == "MOBILIZE" and obj is not None and is_joint(obj):
            etype, mode = "COOPERATE", None  # "deployed a joint force": military cooperation
        if (
            etype == "SANCTION"
            and mode == "expel"
            and obj is not None
            and obj.lemma_.lower() in DEPORTABLE
        ):
            etype, mode = "COERCE", "deport"  # "expelled two journalists": not envoys
        if etype == "CONSULT" and mode is None and _remote(verb):
            mode = "phone"  # "spoke by telephone", "talked via video link"
        if etype == "CONSULT" and mode == "visit" and self._armed(verb, passive):
            etype, mode = (
                ("AID", "military") if self._peacekeeping(verb) else ("MOBILIZE", "troops")
            )
        if etype == "MOBILIZE" and any(
            c.dep_ in ("prt", "advmod") and c.lower_ in ("away", "back") for c in verb.children
        ):
            etype, mode = "RETREAT", "withdraw"  # "moved its troops back from X"
            targets = targets or self._prep_actors(verb, ("from",), exclude=sources)
        if etype == "ASSAULT" and verb.lemma_.lower() in RAIDING and _policing(sources):
            etype, mode = "COERCE", "confiscate"  # a police raid is a search, not an attack
        if etype == "ASSAULT" and verb.lemma_.lower() in TAKING_OVER and _civilian(sources):
            etype, mode = "PROTEST", "riot"  # protesters storming a building riot
        if passive and not sources and obj is not None and entry.mutual:
            parties = self._prep_actors(obj, ("between", "among"))
            if len(parties) > 1:  # "relations between X and Y were established"
                sources, targets = parties, []
        if passive and entry.undergoer and not sources:
            # "their soldiers were driven back": the soldiers retreated; "troops were put on
            # alert": the troops are mobilised
            etype, mode = entry.undergoer, mode if entry.undergoer == etype else None
            sources, targets = object_actors, [t for t in targets if t not in object_actors]
        if passive and not sources and etype == "SANCTION" and mode == "expel":
            sources = [  # "X was expelled from the bloc": by the bloc
                a for a in self._prep_actors(verb, ("from",))
                if a.type == "InternationalOrganization"
            ]  # fmt: skip
        if passive and not sources and etype == "COERCE":
            sources = self._scene_state(verb, mode)  # "X was arrested in Iran": by Iran
        complement = self._complement(verb)
        if etype == "MOBILIZE" and not targets and complement is not None:
            targets = self._prep_actors(complement, DEPLOY_TO, exclude=sources)  # "to sail to X"
        if etype == "CONCEDE" and _lets_in(verb, obj, complement):
            etype, mode = "RETREAT", "access"  # "allowed aid convoys to enter"
        if not targets and etype == "REQUEST" and complement is not None:
            # "demanded that X free Y": X is asked, Y only named in the demand
            subjects = statements.clause_subject(complement)
            targets = [a for s in subjects for a in self.actors_of(s) if a not in sources]
        if not targets and complement is not None:
            targets = self._complement_targets(complement, sources)
        if not targets and (entry.type in ("REQUEST", "ACCUSE") or lemma_controls_object(verb)):
            targets = [  # "allowed X to stand", "demanded X go"
                a for a in self._clause_subject_actors(verb) if a not in sources
            ]
        if not targets and etype == "THREATEN":
            targets = self._condition_actors(verb, complement, sources)
        deed = obj if obj is not None else _free_relative(verb)
        repelled = etype == "ASSAULT" and obj is not None and self._event_noun(obj) is not None
        judged = etype in ("ACCUSE", "REJECT", "REQUEST", "SUPPORT") or repelled
        judged = judged or (
            etype == "AGREE"
            and obj is not None
            and (bool(self._event_noun(obj)) or obj.lemma_.lower() in DEEDS)
        )
        if not targets and judged and deed is not None:
            targets = self._doer_of_deed(deed, sources)  # "condemned the attack by X"
        if not targets and etype == "REJECT":
            targets = self._pressing(verb, sources)  # "refused despite calls from X"
        if not targets and etype in ("ASSAULT", "COERCE", "RETREAT", "AID"):
            # "fired to disperse X", "opened the bridge to allow deliveries to X"
            targets = self._purpose_targets(verb, sources)
        mutual = entry.mutual and len(sources) > 1  # "X and Y clashed in Z": with each other
        if not targets and etype == "ASSAULT" and not passive and not mutual:
            targets = self._struck_place(verb, obj, sources)  # "hit a market in X"
        if not targets and etype == "MOBILIZE" and not passive:
            targets = self._struck_place(verb, obj, sources, deep=True)  # "towards X's border"
        if etype == "AGREE" and (
            (complement is not None and self._hostile_complement(complement))
            or (obj is not None and self._hostile_noun(obj))
        ):
            return None  # "agreed to impose sanctions", "proposed sanctions": no cooperation
        if etype == "SUPPORT" and obj is not None and self._hostile_noun(obj):
            # backing a hostile act backs its doer ("backed the attack by X"); approving one
            # with no other doer is the subject's own act, read from the noun
            targets = self._doer_of_deed(obj, sources)
            if not targets and not passive:  # "by X" parsed as the verb's own
                targets = [a for a in self._prep_actors(verb, ("by",)) if a not in sources]
            if not targets:
                return None
        if (
            etype in CONDITIONING
            and verb.lemma_.lower() in EXPELLING
            and _to_leave(complement, verb)
        ):
            etype, mode = "SANCTION", "expel"  # "ordered the ambassador to leave": expelled
        if etype == "THREATEN" and obj is None and self._warns_of_others(verb, sources):
            return None  # "X warned that Y could attack": a statement about Y, no threat
        if etype == "THREATEN" and obj is None and _warns_of_past(verb):
            return None  # "X warned that such missions had failed before": no threat
        if entry.untargeted and not targets:
            # a launch at no one: a show of force, readiness of weapons
            etype, mode = entry.untargeted, "weapons" if entry.untargeted == "MOBILIZE" else None
        if entry.target == "required" and not targets:
            return None
        confidence = 0.8 if how == "phrase" else 0.7
        if passive:
            confidence -= 0.05
        cand = self._candidate(verb, Entry(etype, mode, joint=entry.joint, mutual=entry.mutual),
                               sources, targets, confidence, how)  # fmt: skip
        if cand is not None:
            cand.complement = complement
        return cand


def is_passive(verb: Token) -> bool:
    """A passive verb: with a passive subject or auxiliary, a participle modifying its patient,
    or a participle joined to a passive with no subject of its own ("were seized and
    beaten")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if passive_participle(verb):
        return True
    own = any(c.dep_ in ("nsubj", "aux") for c in verb.children)
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not own
        and any(c.dep_ == "nsubjpass" for c in verb.head.children)
    )


def _warns_of_past(verb: Token) -> bool:
    """Whether a warning's clause tells of the past ("warned that the plan had failed"): an
    assessment, not a threat of what is to come."""
    if verb.lemma_.lower() not in ("warn", "caution"):
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(clauses) and all(_past(c) for c in clauses)


def _past(clause: Token) -> bool:
    """A clause in a past or perfect tense ("failed", "had failed", "has failed")."""
    aux = [a for a in clause.children if a.dep_ == "aux"]
    if any(a.lower_ in ("had", "has", "have") for a in aux):
        return True
    return clause.tag_ == "VBD" and not any(a.tag_ == "MD" for a in aux)


def _stopping(verb: Token, lemma: str) -> bool:
    """Whether a verb stops what its object names ("halted", "called off")."""
    if lemma == "call":
        return any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
    return lemma in STOPPING


def _to_leave(complement: Token | None, verb: Token) -> bool:
    """Whether what a verb asks of its object is to leave ("ordered X to leave")."""
    clauses = [complement] if complement is not None else []
    clauses += [c for c in verb.children if c.dep_ == "ccomp"]
    deadline = deadline_given(verb)
    clauses += [deadline[1]] if deadline is not None else []
    return any(c.lemma_.lower() in LEAVING for c in clauses)


def _partakes(verb: Token, lemma: str) -> bool:
    """Whether a verb says its subject takes part in what its "in" phrase names."""
    if lemma in ("participate", "engage", "join"):
        return True
    return lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)


def _same_country(actor: Actor, others: list[Actor]) -> bool:
    """Whether an actor belongs to the country of one of `others` (or is that country)."""
    codes = {o.country for o in others if o.country}
    return bool(actor.country and actor.country in codes) or any(
        o.country and actor.id.endswith(f"/country/{o.country}") for o in others
    )


def _free_relative(verb: Token) -> Token | None:
    """The clause a verb takes as its object through "what" ("condemned what he called an
    attack": called)."""
    for child in verb.children:
        if child.dep_ == "ccomp" and any(
            g.tag_ in ("WP", "WDT") and g.dep_ in ("dobj", "nsubj", "nsubjpass")
            for g in child.children
        ):
            return child
    return None


def _fallback_preps(etype: str) -> tuple[str, ...]:
    """Prepositions that may introduce a target the lexicon does not name; for talks,
    agreements and backing only the parties' own ("with", "between", "to"): "talks on the
    border" have a topic, "in" a place, "signed for X" is on X's behalf."""
    if etype in PARTY_TYPES:
        return ("with", "between", "to")
    return TARGET_PREPS


def _loose_preps(etype: str) -> tuple[str, ...]:
    """Prepositions of a verb that may name a target when nothing else does."""
    if etype in PARTY_TYPES:
        return ("to",)
    return ("for", "against", "into", "on")


def _lets_in(verb: Token, obj: Token | None, complement: Token | None) -> bool:
    """Whether a verb of allowing lets aid, inspectors or monitors in ("allowed aid convoys
    to cross", "let observers into X"): access granted, a retreat from a restriction."""
    if verb.lemma_.lower() not in ("allow", "permit", "let"):
        return False
    heads = [obj] if obj is not None else []
    clauses = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for clause in clauses if complement is None else [complement, *clauses]:
        heads += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    for head in heads:
        words = {head.lemma_.lower()} | {
            c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")
        }
        if words & ACCESS_NOUNS:
            return True
    return False


def _civilian(sources: list[Actor]) -> bool:
    """Whether the doers are civilians (protesters, students, unions), not an armed group."""
    return bool(sources) and all(a.type == "Organization" for a in sources)


def _policing(sources: list[Actor]) -> bool:
    """Whether the doers are police, courts or other civil authorities, not armed forces."""
    return bool(sources) and all(a.type == "GovernmentBody" for a in sources)


def _remote(verb: Token) -> bool:
    """Whether a verb's means is a line ("by telephone", "via video link", "over the phone")."""
    return any(
        {means.lemma_.lower(), *(m.lemma_.lower() for m in means.children)} & REMOTE
        for means in means_of(verb)
    )


def _sent_somewhere(verb: Token) -> bool:
    """Whether a verb of moving says where to ("ordered troops onto the streets")."""
    return any(c.dep_ == "prep" and c.lower_ in DIRECTIONS for c in verb.children)


def _back(verb: Token) -> bool:
    """Whether a verb gives something back ("handed back the ships"): a return, not aid."""
    return any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children)


def _joint_making(verb: Token, lemma: str, obj: Token) -> bool:
    """Whether a verb makes something together: "jointly built X", "built a joint X",
    "began construction of a joint X"."""
    making_noun = obj.lemma_.lower() in MAKING_NOUNS
    if lemma not in MAKING and not (making_noun and lemma in ("begin", "start")):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together") for c in verb.children):
        return True
    made = object_of(obj, ("of",)) if making_noun else obj
    return made is not None and is_joint(made)
