"""Recognising actor mentions: spaCy NER plus the knowledge base, titles and nominal groups.

`setup` adds to a loaded spaCy pipeline, once, an entity ruler built from the knowledge base
(so known actors get their type and key even where the statistical model errs) and the
paragraph-break component. `recognise` then turns a parsed `Doc` into typed mentions:
names (known or not), capitals (agent or place is decided when resolving), nominal groups of a
country's institutions ("Russian forces", "the opposition in Belarus"), demonyms (which tie
actors to countries without being actors) and titles of posts ("defence minister").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from actorgraph import clean  # noqa: F401  (registers the actorgraph_paragraphs component)
from actorgraph.kb import KBEntry, KnowledgeBase
from actorgraph.names import name_key
from actorgraph.resources import lexicon_dir

RULER = "actorgraph_kb"
CAPITAL_PREFIX = "capital:"
ACTOR_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"})
_SPACY_LABEL = {"Person": "PERSON", "Country": "GPE", "Location": "LOC"}
_COMPATIBLE = {
    "PERSON": {"Person"},
    "GPE": {"Country", "Location"},
    "LOC": {"Location", "Country", "PoliticalGroup"},
    "FAC": {"Location", "GovernmentBody"},
}
_TITLE_MODIFIERS = frozenset({"former", "ex", "acting", "deputy", "interim", "late", "then"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "lord", "lady", "prof"})
_QUANTIFIERS = frozenset({"any", "no", "some", "every", "all", "many", "few", "several", "other"})


@dataclass(frozen=True)
class Lexicon:
    """The general-English word lists of `data/lexicon/` that recognition and later stages use."""

    head_types: dict[str, str]
    nominal_heads: dict[str, tuple[str, str]]
    unit_modifiers: frozenset[str]
    country_heads: frozenset[str]
    political_groups: frozenset[str]
    not_actors: frozenset[str]
    departure_words: tuple[str, ...]
    roles: dict[str, str]
    place_verbs: frozenset[str]
    equipment_words: frozenset[str]
    motion_words: frozenset[str]
    group_adjectives: dict[str, str]
    portfolio_heads: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicons, read once."""
    types = yaml.safe_load((lexicon_dir() / "actor_types.yaml").read_text(encoding="utf-8"))
    roles = yaml.safe_load((lexicon_dir() / "roles.yaml").read_text(encoding="utf-8"))
    head_types: dict[str, str] = {}
    for type_name, words in types["head_words"].items():
        for word in words:
            head_types.setdefault(word.lower(), type_name)
    nominal: dict[str, tuple[str, str]] = {}
    for type_name, heads in types["nominal_heads"].items():
        for word, canonical in heads.items():
            nominal[word.lower()] = (type_name, canonical)
    role_forms: dict[str, str] = {}
    for role, forms in roles["roles"].items():
        for form in forms:
            role_forms[form.lower()] = role
    return Lexicon(
        head_types=head_types,
        nominal_heads=nominal,
        unit_modifiers=frozenset(w.lower() for w in types["unit_modifiers"]),
        country_heads=frozenset(w.lower() for w in types["country_heads"]),
        political_groups=frozenset(name_key(w) for w in types["political_groups"]),
        not_actors=frozenset(name_key(w) for w in types["not_actors"]),
        departure_words=tuple(w.lower() for w in types["departure_words"]),
        roles=role_forms,
        place_verbs=frozenset(w.lower() for w in types["place_verbs"]),
        equipment_words=frozenset(w.lower() for w in types["equipment_words"]),
        motion_words=frozenset(w.lower() for w in types["motion_words"]),
        group_adjectives={k.lower(): name_key(v) for k, v in types["group_adjectives"].items()},
        portfolio_heads=frozenset(w.lower() for w in types["portfolio_heads"]),
    )


@dataclass(frozen=True)
class Recognised:
    """A mention of an actor (or of a country through its capital or a demonym).

    kind: "name" (a proper name), "capital" (a capital city: a place or its government),
    "nominal" (a country's institution named by a common noun group), "country" (a noun group
    standing for the country itself, "the Russian government"), "demonym".
    `owner` is the token of a possessor or "of" object whose actor gives the country
    ("his soldiers", "Lukashenko's army") when no demonym does.
    """

    start_token: int
    end_token: int
    text: str
    type: str
    key: str | None = None
    kind: str = "name"
    country: str | None = None
    label: str | None = None
    owner: int | None = None


@dataclass(frozen=True)
class Title:
    """A title of a post in the text ("Foreign Minister"), with its normalised role."""

    start_token: int
    end_token: int
    role: str
    modifier: str | None = None  # former, acting, deputy...


@dataclass
class Recognition:
    """What recognition found in one document."""

    mentions: list[Recognised] = field(default_factory=list)
    demonyms: list[Recognised] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)


# --------------------------------------------------------------------------- set-up


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
        ruler.add_patterns(kb_patterns(knowledge))  # type: ignore[attr-defined]
    return nlp


@lru_cache(maxsize=4)
def _title_matcher(nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for form, role in lexicon().roles.items():
        matcher.add(role, [nlp.make_doc(form)])
    return matcher


# --------------------------------------------------------------------------- recognition


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indexes of every sentence, computed once per doc."""
    bounds = doc.user_data.get("actorgraph_sentences")
    if bounds is None:
        bounds = [(s.start, s.end) for s in doc.sents]
        doc.user_data["actorgraph_sentences"] = bounds
    return list(bounds)


def sentence_at(doc: Doc, token: int) -> Span:
    """The sentence holding a token (sentence bounds are computed once per doc and cached:
    spaCy's `Token.sent` walks every sentence on each call)."""
    starts = sentence_bounds(doc)
    n = bisect.bisect_right(starts, (token, len(doc) + 1)) - 1
    start, end = starts[max(n, 0)]
    return doc[start:end]


def chunk_at(doc: Doc, token: int) -> Span | None:
    """The noun chunk holding a token (the doc's chunks are computed once and cached)."""
    table = doc.user_data.get("actorgraph_chunks")
    if table is None:
        table = {}
        for chunk in doc.noun_chunks:
            for i in range(chunk.start, chunk.end):
                table[i] = (chunk.start, chunk.end)
        doc.user_data["actorgraph_chunks"] = table
    found = table.get(token)
    return doc[found[0] : found[1]] if found else None


def recognise(doc: Doc, knowledge: KnowledgeBase, nlp: Language) -> Recognition:
    """Typed mentions, demonyms and titles of a parsed document."""
    result = Recognition(titles=titles(doc, nlp))
    in_title = {i for t in result.titles for i in range(t.start_token, t.end_token)}
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        span = _trim(ent)
        if span is None or (not ent.ent_id_ and in_title & set(range(span.start, span.end))):
            continue
        if not ent.ent_id_ and (
            _not_a_name(span, ent.label_, knowledge) or _plural_common_noun(span, nlp)
        ):
            continue
        found = classify(span, ent.label_, ent.ent_id_, knowledge)
        if found is None:
            continue
        (result.demonyms if found.kind == "demonym" else result.mentions).append(found)
    covered = {i for m in result.mentions for i in range(m.start_token, m.end_token)}
    title_tokens = {i for t in result.titles for i in range(t.start_token, t.end_token)}
    demonym_at = {d.start_token: d for d in result.demonyms}
    for chunk in doc.noun_chunks:
        if chunk.root.i in covered or chunk.root.i in title_tokens:
            continue
        nominal = nominal_group(chunk, demonym_at, covered, knowledge)
        if nominal is not None:
            result.mentions.append(nominal)
    result.mentions.sort(key=lambda m: m.start_token)
    return result


def _trim(ent: Span) -> Span | None:
    """The entity without leading determiners or titles and trailing possessives; None when
    it runs across a line break (page furniture glued to a name)."""
    if any(t.is_space and "\n" in t.text for t in ent):
        return None
    start, end = ent.start, ent.end
    roles = lexicon().roles
    if ent.label_ == "PERSON":  # a known surname: take in the given names before it
        while start > 0 and _given_name(ent.doc[start - 1], roles):
            start -= 1
    while start < end and (
        ent.doc[start].lower_ in _DETERMINERS
        or (ent.label_ == "PERSON" and end - start > 1 and ent.doc[start].lower_ in roles)
        or (end - start > 1 and _honorific(ent.doc[start]))
    ):
        start += 1
    if ent.label_ == "ORG":  # "the Ministry of Water in Oranjestad": the place is no part
        cut = next((t.i for t in ent.doc[start:end] if t.lower_ in ("in", "at")), end)
        end = cut
    while end > start and (ent.doc[end - 1].tag_ == "POS" or ent.doc[end - 1].is_punct):
        end -= 1
    return ent.doc[start:end] if end > start else None


@lru_cache(maxsize=4)
def _noun_lemmas(nlp: Language) -> frozenset[str]:
    """The noun lemmas the pipeline's rule lemmatizer knows (empty without one)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("noun", ()))


def _plural_common_noun(span: Span, nlp: Language) -> bool:
    """A capitalised plural common noun opening a sentence that the model took for a name
    ("Missiles struck ..."): its singular is a known noun."""
    token = span[0]
    if len(span) != 1 or not token.is_sent_start or not token.lower_.endswith("s"):
        return False
    nouns = _noun_lemmas(nlp)
    word = token.lower_
    return any(w in nouns for w in (word[:-1], word[:-2] if word.endswith("es") else ""))


def _honorific(token: Token) -> bool:
    """ "Mr", "Ms.", "Dr" ... before a person's name."""
    return token.lower_.rstrip(".") in _HONORIFICS


def _not_a_name(span: Span, label: str, knowledge: KnowledgeBase) -> bool:
    """Entities the statistical model found that name no actor: a capitalised common noun
    ("Missiles struck ..."), or a name used only to qualify a thing ("Patriot systems",
    "Iskander-M missile systems")."""
    if len(span) == 1 and span[0].tag_ in ("NN", "NNS"):
        return True
    if _only_demonym(span.text, knowledge):
        return False
    root = span.root
    head = root.head
    if root.dep_ not in ("compound", "nmod") or head.pos_ != "NOUN":
        return False
    lex = lexicon()
    if label == "PERSON":
        return head.lower_ not in lex.roles and head.lower_ not in lex.country_heads
    return label == "ORG" and head.lemma_.lower() in lex.equipment_words


def _given_name(token: Token, roles: dict[str, str]) -> bool:
    """A capitalised proper noun that is not a title, part of no other entity."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.text.isalpha()
        and not token.ent_type_
        and token.lower_ not in roles
        and token.dep_ in ("compound", "flat", "nmod")
    )


def classify(span: Span, label: str, ent_id: str, knowledge: KnowledgeBase) -> Recognised | None:
    """The actor type of a named entity, from the knowledge base first, else from spaCy's
    label and the name's head words; None for names that name no actor."""
    lex = lexicon()
    text = span.text
    key = name_key(text)
    if not key or key in lex.not_actors:
        return None
    base = (span.start, span.end, text)
    if ent_id.startswith(CAPITAL_PREFIX):
        return _capital(base, knowledge.entry(ent_id[len(CAPITAL_PREFIX) :]))
    entry = knowledge.entry(ent_id) if ent_id else None
    if entry is None and len(span) == 1 and _only_demonym(text, knowledge):
        return _norp(span, base, knowledge)
    if entry is None and label != "NORP":
        entry = _lookup(text, label, knowledge)
    if entry is not None:
        return Recognised(*base, type=entry.type, key=entry.key, country=entry.country)
    if label in ("GPE", "LOC", "PERSON", "ORG"):
        country = knowledge.country_by_capital(text)
        if country is not None:
            return _capital(base, country)
    if key in lex.political_groups:
        return Recognised(*base, type="PoliticalGroup")
    if label == "NORP":
        return _norp(span, base, knowledge)
    if span.start > 0 and _honorific(span.doc[span.start - 1]):
        return Recognised(*base, type="Person")
    if label == "PERSON":
        head_type = type_by_head(text)
        return Recognised(*base, type=head_type if head_type else "Person")
    if label == "ORG":
        if len(span) == 1 and key in lex.head_types:
            return None  # a bare "Army" or "Ministry": no name, the noun group decides
        country = knowledge.country_by_adjective(span[0].text) if len(span) > 1 else None
        iso3 = country.country if country and _only_demonym(span[0].text, knowledge) else None
        return Recognised(*base, type=type_by_head(text) or "Organization", country=iso3)
    return Recognised(*base, type="Location")


def _only_demonym(text: str, knowledge: KnowledgeBase) -> bool:
    """Whether a word is a country's demonym and no name of its own ("Ukrainian")."""
    return (
        knowledge.country_by_adjective(text) is not None
        and not knowledge.lookup(text)
        and knowledge.country_by_capital(text) is None
    )


def _capital(base: tuple[int, int, str], country: KBEntry | None) -> Recognised:
    iso3 = country.country if country else None
    key = country.key if country else None
    return Recognised(*base, type="Location", key=key, kind="capital", country=iso3)


def _lookup(text: str, label: str, knowledge: KnowledgeBase) -> KBEntry | None:
    """The knowledge-base entry a name denotes, preferring one whose type fits spaCy's label."""
    entries = knowledge.lookup(text)
    if not entries:
        return None
    fitting = [e for e in entries if e.type in _COMPATIBLE.get(label, set(e.type for e in entries))]
    if label == "ORG":
        fitting = [e for e in entries if e.type not in ("Person", "Location")] or entries
    return (fitting or entries)[0]


def _norp(span: Span, base: tuple[int, int, str], knowledge: KnowledgeBase) -> Recognised | None:
    """A demonym ties to its country; a nationality or group used as a noun on its own
    ("the Taliban") is a political group; an adjective of no country names nothing."""
    country = knowledge.country_by_adjective(span.text)
    if country is not None:
        return Recognised(
            *base, type="Country", key=country.key, kind="demonym", country=country.country
        )
    root = span.root
    if root.pos_ in ("PROPN", "NOUN") and root.dep_ not in ("amod", "compound"):
        return Recognised(*base, type="PoliticalGroup")
    return None


def type_by_head(name: str) -> str | None:
    """The organisation type a name's words give ("Defence Ministry" -> GovernmentBody)."""
    heads = lexicon().head_types
    for word in reversed(name.lower().split()):
        if word in heads:
            return heads[word]
    return None


def titles(doc: Doc, nlp: Language) -> list[Title]:
    """Titles of posts, longest first, never overlapping, each ending on a noun."""
    matches = _title_matcher(nlp)(doc)
    found: list[Title] = []
    taken: set[int] = set()
    for match_id, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if taken & set(range(start, end)):
            continue
        if end - start == 1 and doc[start].pos_ not in ("NOUN", "PROPN"):
            continue
        role = nlp.vocab.strings[match_id]
        if role in _PORTFOLIO_ROLES:
            while start > 0 and _portfolio_word(doc[start - 1]):
                start -= 1
            if start < end - 1 and role == "minister":
                role = f"{doc[start : end - 1].text.lower()} minister"
        taken.update(range(start, end))
        modifier = _title_modifier(doc, start)
        found.append(Title(start, end, role, modifier))
    return sorted(found, key=lambda t: t.start_token)


def _title_modifier(doc: Doc, start: int) -> str | None:
    """ "former", "acting", "deputy"... before a title, possibly before its country
    ("Former Kenyan President")."""
    for token in reversed(doc[max(0, start - 3) : start]):
        word = token.lower_.rstrip("-")
        if word in _TITLE_MODIFIERS:
            return word
        if token.pos_ not in ("ADJ", "PROPN", "PART") and token.tag_ != "POS":
            return None
    return None


_PORTFOLIO_ROLES = frozenset({"minister"})


def _portfolio_word(token: Token) -> bool:
    """A word naming a minister's portfolio ("Infrastructure" in "Infrastructure Minister")."""
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("compound", "nmod")
        and token.text.isalpha()
        and token.lower_ not in lexicon().roles
        and not token.ent_type_
    )


def nominal_group(
    chunk: Span,
    demonym_at: dict[int, Recognised],
    covered: set[int],
    knowledge: KnowledgeBase,
) -> Recognised | None:
    """A noun group naming a country's institution ("Russian forces", "the armed forces of
    Belarus", "his soldiers") or the country itself ("the Belarusian government")."""
    lex = lexicon()
    head = chunk.root
    word = head.lower_
    if word not in lex.nominal_heads and word not in lex.country_heads:
        return None
    country: Recognised | None = None
    owner: int | None = None
    modifiers: list[str] = []
    start = chunk.start
    for token in chunk[: head.i - chunk.start]:
        if token.i not in demonym_at and token.text[:1].isupper() and token.i not in covered:
            found = knowledge.country_by_adjective(token.text)  # a demonym NER missed
            if found is not None and _only_demonym(token.text, knowledge):
                demonym_at[token.i] = Recognised(
                    token.i,
                    token.i + 1,
                    token.text,
                    "Country",
                    key=found.key,
                    kind="demonym",
                    country=found.country,
                )
        if token.i in demonym_at:
            country = demonym_at[token.i]
        elif token.lower_ in _QUANTIFIERS:
            return None
        elif token.dep_ == "poss" or token.tag_ == "POS" or token.lower_ in _DETERMINERS:
            if token.dep_ == "poss" and (token.i in covered or token.pos_ == "PRON"):
                owner = token.i
            start = token.i + 1
        elif token.lower_ in lex.unit_modifiers or (
            word in lex.portfolio_heads
            and token.pos_ in ("ADJ", "NOUN", "PROPN")
            and token.i not in covered
        ):
            modifiers.append(token.lower_)  # "special forces", "foreign ministry"
        elif token.i in covered:
            owner = token.i
    if word in lex.portfolio_heads:
        modifiers += _portfolio_after(head, covered)  # "the ministry of defence"
    if country is None and owner is None:
        owner = _of_object(head, covered)
    if country is None and owner is None:
        return None
    anchor = chunk.doc[country.start_token] if country is not None else chunk.doc[owner or 0]
    if anchor.dep_ == "conj" or any(c.dep_ == "conj" for c in anchor.children):
        return None  # "Russian and Ukrainian delegations": a group of two countries
    if country is not None:
        start = min(start, country.start_token)
    span = chunk.doc[start : head.i + 1]
    iso3 = country.country if country else None
    if word in lex.country_heads:
        key = country.key if country else None
        return Recognised(
            span.start,
            span.end,
            span.text,
            "Country",
            key=key,
            kind="country",
            country=iso3,
            owner=owner,
        )
    type_name, canonical = lex.nominal_heads[word]
    if [m for m in modifiers if m != "armed"]:
        canonical = " ".join([*modifiers, word])
    return Recognised(
        span.start,
        span.end,
        span.text,
        type_name,
        kind="nominal",
        country=iso3,
        label=canonical,
        owner=owner,
    )


def _of_object(head: Token, covered: set[int]) -> int | None:
    """The named object of "of"/"in"/"from" after a head noun ("the opposition in Belarus",
    "the ministry of defence of Belarus")."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in covered:
                    return obj.i
                if obj.dep_ == "pobj" and obj.i not in covered:
                    found = _of_object(obj, covered)
                    if found is not None:
                        return found
    return None


def _portfolio_after(head: Token, covered: set[int]) -> list[str]:
    """The portfolio named after a ministry ("of defence", "for foreign affairs")."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i not in covered and obj.text.islower():
                    words = [t.lower_ for t in obj.lefts if t.text.islower() and t.is_alpha]
                    return [*words, obj.lower_]
    return []
