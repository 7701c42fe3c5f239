"""Pronouns and the first person of quotations, resolved by salience in the manner of
Lappin and Leass (1994): each earlier mention scores by grammatical role (subject, object, not
embedded in another noun group), halved for each sentence back; the best agreeing candidate
wins."""

from __future__ import annotations

from spacy.tokens import Token

from actorgraph import quotes
from actorgraph.recognise import sentence_bounds
from actorgraph.resolve.entities import Resolver
from actorgraph.resolve.grammar import (
    GROUP_PRONOUNS,
    GROUP_TYPES,
    MAX_SENTENCES_BACK,
    OBJECT_DEPS,
    PERSON_PRONOUNS,
    SUBJECT_DEPS,
    THING_PRONOUNS,
    agrees,
    is_pleonastic,
    person_noun,
    salience,
)

_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
           "she": "f", "her": "f", "hers": "f", "herself": "f"}  # fmt: skip
_HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "madam": "f",
               "lord": "m", "lady": "f"}  # fmt: skip


class Pronouns(Resolver):
    """The resolver's reading of pronouns."""

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
        back = MAX_SENTENCES_BACK
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
                if lower in THING_PRONOUNS and plural and entity.type not in GROUP_TYPES:
                    continue  # nor is "it" one named in the plural ("the Palestinians")
                if lower in THING_PRONOUNS and kind != "pronoun" and person_noun(self.doc[end - 1]):
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
                    or token.dep_ not in SUBJECT_DEPS | OBJECT_DEPS | {"pobj"}
                    or (token.tag_ == "NNS") != (lower in GROUP_PRONOUNS)
                    or (person_noun(token) and lower in THING_PRONOUNS)
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
                if child.dep_ in SUBJECT_DEPS:
                    return self.group_at(child.i)
            if verb.dep_ != "conj" or verb.head.i == verb.i:
                return None
            verb = verb.head
