"""Named entities made whole and trimmed to the name, with the model's mislabels corrected."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from actorgraph.kb import KnowledgeBase
from actorgraph.names import WATERS
from actorgraph.recognise.cities import gazetteer, lexicon_words
from actorgraph.recognise.classify import community, only_demonym, type_by_head
from actorgraph.recognise.lexicon import DETERMINERS, honorific, lexicon

ACTOR_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"})


# Words a name never ends with: an entity ending so was cut short by the parser or the ruler.
_DANGLING = frozenset({"of", "and", "the", "for", "de", "del", "&", "or", "to", "in", "at"})


_PLACE_NOUNS = frozenset(
    {"town", "city", "village", "region", "province", "district", "port", "island", "capital"}
)


def joined_names(doc: Doc, knowledge: KnowledgeBase) -> list[tuple[Span, str]]:
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


_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})


def nicknamed(doc: Doc, joined: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """A person's name with a nickname in quotes between the given name and the surname
    ('Matiu "Matt" Ratana') is one name, however the model cut it: the entities it overlaps
    become one person, with no knowledge-base key."""
    for i in range(len(doc) - 4):
        given, open_, nick, close, surname = doc[i : i + 5]
        if not (
            open_.text in _QUOTES
            and close.text in _QUOTES
            and all(_capitalised_name(t) for t in (given, nick, surname))
            and "PERSON" in (given.ent_type_, nick.ent_type_, surname.ent_type_)
        ):
            continue
        parts = [s for s, _ in joined if s.start <= i + 4 and s.end > i]
        start = min([i, *(s.start for s in parts)])
        end = max([i + 5, *(s.end for s in parts)])
        whole = Span(doc, start, end, label="PERSON")
        kept = [(s, k) for s, k in joined if s.end <= start or s.start >= end]
        joined = sorted([*kept, (whole, "")], key=lambda pair: pair[0].start)
    return joined


def _capitalised_name(token: Token) -> bool:
    """A capitalised proper noun."""
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.text.isalpha()


def _person_key(name: str, knowledge: KnowledgeBase) -> str:
    """The knowledge-base key of the person a name denotes ("" for none)."""
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


def same_name(span: Span, ent: Span, key: str, knowledge: KnowledgeBase) -> bool:
    """Whether a trimmed entity still names what the ruler linked it to (`key`): given names
    taken in before a known surname make another person ("Hunter Biden" is not Joe Biden)."""
    if not key or span.start >= ent.start:
        return True
    return any(e.key == key for e in knowledge.lookup(span.text))


def trim(ent: Span, nouns: frozenset[str] = frozenset()) -> Span | None:
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
        ent.doc[start].lower_ in DETERMINERS
        or (ent.label_ == "PERSON" and end - start > 1 and ent.doc[start].lower_ in roles)
        or (ent.label_ == "PERSON" and end - start > 2 and _doer_noun(ent.doc[start], nouns))
        or (end - start > 1 and honorific(ent.doc[start]))
    ):
        start += 1
    if ent.label_ == "ORG":  # "the Ministry of Water in Oranjestad": the place is no part
        cut = next((t.i for t in ent.doc[start:end] if t.lower_ in ("in", "at")), end)
        end = cut
    start, end = _within_brackets(ent.doc, start, end)
    while end > start and (
        ent.doc[end - 1].tag_ == "POS"
        or ent.doc[end - 1].is_punct
        or ent.doc[end - 1].lower_ in _DANGLING  # "President X of" Benin, "Crete and" Cyprus
    ):
        end -= 1
    return ent.doc[start:end] if end > start else None


def _within_brackets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A name never holds half a bracket: one opened and not closed ends it ("the Legislative
    Council (PLC" is the council, its acronym follows), one closed and not opened starts it."""
    opened = [i for i in range(start, end) if doc[i].text == "("]
    closed = [i for i in range(start, end) if doc[i].text == ")"]
    if opened and (not closed or closed[-1] < opened[-1]):
        end = opened[-1]
    if closed and (not opened or closed[0] < opened[0]):
        start = closed[0] + 1
    return start, end


def after_title(span: Span, label: str, in_title: set[int]) -> Span:
    """A person's name without a title the model took in before it ("District Judge X",
    "the agency's CEO X"): the words after the last title word, when a name is left."""
    last = max((t.i for t in span if t.i in in_title), default=None)
    if label != "PERSON" or last is None or last + 1 >= span.end:
        return span
    rest = span.doc[last + 1 : span.end]
    return rest if rest[0].text[:1].isupper() else span


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
def noun_lemmas(nlp: Language) -> frozenset[str]:
    """The noun lemmas the pipeline's rule lemmatizer knows (empty without one)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("noun", ()))


def plural_common_noun(span: Span, nlp: Language) -> bool:
    """A capitalised plural common noun opening a sentence that the model took for a name
    ("Missiles struck ..."): its singular is a known noun."""
    token = span[0]
    if len(span) != 1 or not token.is_sent_start or not token.lower_.endswith("s"):
        return False
    nouns = noun_lemmas(nlp)
    word = token.lower_
    return any(w in nouns for w in (word[:-1], word[:-2] if word.endswith("es") else ""))


def not_a_name(span: Span, label: str, knowledge: KnowledgeBase) -> bool:
    """Entities the statistical model found that name no actor: a capitalised common noun
    ("Missiles struck ..."), or a name used only to qualify a thing ("Patriot systems",
    "Iskander-M missile systems")."""
    if len(span) == 1 and span[0].tag_ in ("NN", "NNS"):
        return True
    if only_demonym(span.text, knowledge):
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


_PLACE_PREPOSITIONS = frozenset(
    {"in", "near", "at", "into", "outside", "around", "across", "toward", "towards", "from"}
)


def relabel(span: Span, label: str, knowledge: KnowledgeBase, title_ends: set[int]) -> str:
    """The label an unknown entity should have where the model's is wrong in a way the words
    show: peoples' words ("Bosnian Serbs" taken for persons) and countries' adjectives are
    NORP; a gazetteer city named
    as a group or where places go is GPE; an organisation-typed name right after a title and
    with no organisation word ("Vice-President Moody Awori") is a PERSON."""
    words = span.text.replace("-", " ").split()
    if label != "NORP" and len(words) == 2 and community(words[0], words[1], knowledge):
        return "NORP"
    if label in ("PERSON", "ORG", "GPE") and only_demonym(span.text, knowledge):
        return "NORP"  # "Sri Lankan protesters": a country's adjective, no name
    if label == "NORP" and span.text in gazetteer() and not only_demonym(span.text, knowledge):
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


def described_demonym(span: Span, knowledge: KnowledgeBase, nlp: Language) -> bool:
    """An entity that is a demonym after plain adjectives the model took in ("Radical French",
    "Angry Kenyan"): only the demonym names anything."""
    last = span[-1].text
    if len(span) < 2 or not (only_demonym(last, knowledge) or last.lower() in lexicon().peoples):
        return False
    words = lexicon_words(nlp)
    return all(
        (t.tag_ == "JJ" or t.lower_ in words) and not only_demonym(t.text, knowledge)
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
