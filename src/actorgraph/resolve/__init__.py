"""Resolving mentions into the actors of one document.

Names (misspelt ones too), surnames, titles, pronouns, capitals acting for their governments,
nominal groups ("his soldiers"), descriptions ("the country", "his partner") and demonyms
qualifying what a country owns ("an Indian proposal") become mentions of one entity each; a
title naming no person ("a Turkish official") is a mention of its country or organisation,
and one of a post whose holder the knowledge base knows but the text never names is a mention
of an unnamed holder. `link` then gives each entity its actor record and IRI. The posts that
tie a title to a person ("Foreign Minister Vladimir Makei", "Sergei Shoigu, the Russian
defence minister") are found here, because they are what makes "the Russian defence minister"
and "Sergei Shoigu" one actor; the affiliation stage turns them into relations.

Pronouns are resolved by a salience heuristic in the manner of Lappin and Leass (1994):
each earlier mention scores by grammatical role (subject, object, not embedded in another
noun group), halved for each sentence back; the best agreeing candidate wins.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from actorgraph import link
from actorgraph.kb import KnowledgeBase
from actorgraph.model import ActorIndex, Mention
from actorgraph.names import name_key
from actorgraph.recognise import Recognition, lexicon
from actorgraph.resolve.descriptions import Descriptions
from actorgraph.resolve.entities import Entity, Post, Resolution
from actorgraph.resolve.names import Names
from actorgraph.resolve.nominals import Nominals
from actorgraph.resolve.pronouns import Pronouns
from actorgraph.resolve.spellings import Spellings
from actorgraph.resolve.titles import Titles

__all__ = ["Entity", "Post", "Resolution", "resolve"]


class _Resolver(Names, Spellings, Titles, Pronouns, Descriptions, Nominals):
    """Holds one document's entities while mentions are attached to them."""


def resolve(
    doc: Doc, recognition: Recognition, knowledge: KnowledgeBase, date: str | None = None
) -> Resolution:
    """The document's actors, which tokens refer to which, and the posts the text states."""
    resolver = _Resolver(doc, knowledge, date)
    resolver.add_names(recognition.mentions)
    resolver.add_missed_surnames()
    resolver.merge_misspellings()
    resolver.retype_by_apposition()
    resolver.add_nominals([m for m in recognition.mentions if m.owner is None])
    posts = resolver.add_titles(recognition.titles)
    resolver.note_honorifics()
    resolver.add_pronouns()
    resolver.add_quoted_speakers()
    resolver.add_descriptions()
    owned = [m for m in recognition.mentions if m.owner is not None]
    resolver.add_group_descriptions({i for m in owned for i in range(m.start_token, m.end_token)})
    resolver.add_org_descriptions()
    for where in (resolver.possessor_org, resolver.principal_org, resolver.national_org):
        posts = [where(p) for p in posts]
    posts += resolver.counterparts(posts)
    resolver.add_nominals(owned)
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
        actor.aliases += link.new_names(entity.forms, [actor.label, *actor.aliases])
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
