"""Recognising actor mentions: spaCy NER plus the knowledge base, titles and nominal groups.

`setup` adds to a loaded spaCy pipeline, once, an entity ruler built from the knowledge base
(so known actors get their type and key even where the statistical model errs) and the
paragraph-break component. `recognise` then turns a parsed `Doc` into typed mentions:
names (known or not), capitals (agent or place is decided when resolving), world cities the
model missed (a GeoNames gazetteer), nominal groups of a country's institutions ("Russian
forces", "the opposition in Belarus", "Hungarian and Romanian officials": one per country),
peoples, faiths, regions and communities that are no country ("Kurdish fighters", "Arab
states", "Greek Cypriots"), demonyms (which tie actors to countries without being actors of
their own) and titles of posts ("defence minister").

Modules: `lexicon` (word lists), `mentions` (what recognition hands on), `entities` (named
entities made whole and trimmed), `classify` (their actor type), `cities` (the gazetteer),
`titles` (posts), `nominals` (noun groups) and `people` (groups of people named by their number
or their deed).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from actorgraph import clean  # noqa: F401  (registers the actorgraph_paragraphs component)
from actorgraph.kb import KnowledgeBase
from actorgraph.recognise.cities import cities, city_country, gazetteer
from actorgraph.recognise.classify import (
    CAPITAL_PREFIX,
    classify,
    community,
    only_demonym,
    type_by_head,
)
from actorgraph.recognise.entities import (
    ACTOR_LABELS,
    after_title,
    described_demonym,
    joined_names,
    nicknamed,
    not_a_name,
    noun_lemmas,
    plural_common_noun,
    relabel,
    same_name,
    trim,
)
from actorgraph.recognise.lexicon import Lexicon, lexicon
from actorgraph.recognise.mentions import (
    Recognised,
    Recognition,
    Title,
    chunk_at,
    sentence_at,
    sentence_bounds,
)
from actorgraph.recognise.nominals import nominal_group
from actorgraph.recognise.people import people_group
from actorgraph.recognise.titles import body_before_title, titles

__all__ = [
    "ACTOR_LABELS",
    "CAPITAL_PREFIX",
    "RULER",
    "Lexicon",
    "Recognised",
    "Recognition",
    "Title",
    "chunk_at",
    "cities",
    "city_country",
    "classify",
    "community",
    "gazetteer",
    "kb_patterns",
    "lexicon",
    "nominal_group",
    "recognise",
    "sentence_at",
    "sentence_bounds",
    "setup",
    "titles",
    "type_by_head",
]


RULER = "actorgraph_kb"
_SPACY_LABEL = {"Person": "PERSON", "Country": "GPE", "Location": "LOC"}


def kb_patterns(knowledge: KnowledgeBase) -> list[dict[str, str]]:
    """Entity-ruler patterns for every knowledge-base name and capital."""
    patterns = []
    for name, key in knowledge.names():
        entry = knowledge.entry(key)
        if entry is None or len(name) < 2 or name.islower():
            continue
        label = _SPACY_LABEL.get(entry.type, "ORG")
        patterns.append({"label": label, "pattern": name, "id": key})
    for name, key in knowledge.capitals():
        if len(name) >= 2 and not name.islower():
            patterns.append({"label": "GPE", "pattern": name, "id": CAPITAL_PREFIX + key})
    return patterns


def setup(nlp: Language, knowledge: KnowledgeBase) -> Language:
    """Add the paragraph-break component and the knowledge-base entity ruler, once."""
    if "actorgraph_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("actorgraph_paragraphs", before="parser")
    if RULER not in nlp.pipe_names:
        before = "ner" if "ner" in nlp.pipe_names else None
        ruler = nlp.add_pipe("entity_ruler", name=RULER, before=before, config={"validate": False})
        with nlp.select_pipes(disable=nlp.pipe_names):  # the phrases need only the tokenizer
            ruler.add_patterns(kb_patterns(knowledge))  # type: ignore[attr-defined]
    return nlp


def recognise(doc: Doc, knowledge: KnowledgeBase, nlp: Language) -> Recognition:
    """Typed mentions, demonyms and titles of a parsed document."""
    result = Recognition(titles=titles(doc, nlp))
    _add_names(result, doc, knowledge, nlp)
    result.mentions = _noun_communities(result, doc, knowledge)
    result.mentions += cities(doc, nlp, knowledge)
    result.mentions += _noun_groups(result, doc, knowledge)
    result.mentions.sort(key=lambda m: m.start_token)
    return result


def _add_names(result: Recognition, doc: Doc, knowledge: KnowledgeBase, nlp: Language) -> None:
    """The named entities that name actors, typed, each a mention or a demonym."""
    in_title = {i for t in result.titles for i in range(t.start_token, t.end_token)}
    title_ends = {t.end_token for t in result.titles}
    for ent, key in nicknamed(doc, joined_names(doc, knowledge)):
        if ent.label_ not in ACTOR_LABELS:
            continue
        span = trim(ent, noun_lemmas(nlp))
        if span is None:
            continue
        span = after_title(span, ent.label_, in_title)
        known = key if same_name(span, ent, key, knowledge) else ""
        if not known and in_title & set(range(span.start, span.end)):
            continue
        if not known and (
            not_a_name(span, ent.label_, knowledge)
            or (plural_common_noun(span, nlp) and not only_demonym(span.text, knowledge))
        ):
            continue
        label = relabel(span, ent.label_, knowledge, title_ends) if not known else ""
        if not known and described_demonym(span, knowledge, nlp):
            span, label = span[-1:], "NORP"  # "Radical French farmers": an adjective glued on
        found = classify(span, label or ent.label_, known, knowledge)
        if found is None:
            continue
        (result.demonyms if found.kind == "demonym" else result.mentions).append(found)


def _noun_groups(result: Recognition, doc: Doc, knowledge: KnowledgeBase) -> list[Recognised]:
    """The noun groups naming institutions, peoples and groups (see `nominal_group`), read
    after the names, whose tokens they leave alone."""
    found: list[Recognised] = []
    covered = {i for m in result.mentions for i in range(m.start_token, m.end_token)}
    title_tokens = {i for t in result.titles for i in range(t.start_token, t.end_token)}
    demonym_at = {i: d for d in result.demonyms for i in range(d.start_token, d.end_token)}
    types = {i: m.type for m in result.mentions for i in range(m.start_token, m.end_token)}
    chunks = [c for c in doc.noun_chunks if c.root.i not in covered | title_tokens]
    unowned = []
    for chunk in chunks:
        groups = nominal_group(chunk, demonym_at, covered, knowledge, types)
        types.update({i: m.type for m in groups for i in range(m.start_token, m.end_token)})
        found += groups
        if not groups:
            unowned.append(chunk)
    mentions_at = {i: m for m in result.mentions for i in range(m.start_token, m.end_token)}
    mentions_at.update(demonym_at)
    for chunk in unowned:  # civilians whose authority is named after them, in passives
        groups = nominal_group(chunk, demonym_at, covered, knowledge, types)
        people = people_group(chunk, covered, mentions_at) if not groups else None
        found += groups or ([people] if people is not None else [])
    for chunk in doc.noun_chunks:  # "Sudan's army chief": the army, where the post is
        body = body_before_title(chunk, title_tokens, covered)
        if body is not None:
            part = doc[chunk.start : body.i + 1]
            found += nominal_group(part, demonym_at, covered, knowledge, head=body)
    return found


def _noun_communities(result: Recognition, doc: Doc, knowledge: KnowledgeBase) -> list[Recognised]:
    """A people named as a noun right after a demonym is one community ("Iraqi Kurds",
    "Greek Cypriots"): the two words are one group, of the country `community` gives."""
    before = {d.end_token: d for d in result.demonyms}
    joined = []
    for m in result.mentions:
        d = before.get(m.start_token)
        if m.kind in ("group", "country") and m.end_token - m.start_token == 1 and d:
            found = community(d.text, m.text, knowledge)
            if found is not None:
                label, iso3 = found
                m = Recognised(d.start_token, m.end_token, doc[d.start_token : m.end_token].text,
                               "PoliticalGroup", kind="group", country=iso3,
                               label=label)  # fmt: skip
        joined.append(m)
    return joined
