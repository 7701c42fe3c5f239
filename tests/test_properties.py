"""Properties that hold for every input: cleaning keeps offsets, dates never break, names slug
to IRI-safe keys, and RDF written is RDF read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from actorgraph import clean, dates, names, rdf, reader, vocab
from actorgraph.model import Actor, Document, Evidence, Extraction, Relation
from actorgraph.vocab import ID

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BOILERPLATE_LINES = [
    "Advertisements",
    "  ADVERTISEMENT  ",
    "Leave a Reply",
    "Please enter your comment!",
    "Share this article:",
    "Copyright 2022 Example News. All rights reserved.",
    "We use cookies to improve your experience",
    "Read more",
    "Subscribe now",
    "Tags: Russia, Ukraine",
]
ARTICLE_LINES = [
    "Russian President Vladimir Putin visited Belarus on Monday.",
    "The ministers shared a commitment to peace.",
    "Comments by the foreign minister drew criticism.",
    "He said the talks would continue.",
    "SANCTIONS",
    "",
]

lines = st.one_of(
    st.sampled_from(BOILERPLATE_LINES),
    st.sampled_from(ARTICLE_LINES),
    st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), max_size=80),
)
documents = st.lists(lines, max_size=25).map("\n".join)


# --- cleaning ------------------------------------------------------------------------------


@SETTINGS
@given(documents)
@example("Advertisements\r\nPutin arrived.\r\n")
def test_clean_keeps_length_and_every_article_character(text: str) -> None:
    cleaned = clean.clean(text)
    assert len(cleaned) == len(text)
    position = 0
    for line in text.split("\n"):
        out = cleaned[position : position + len(line)]
        if clean.is_boilerplate(line):
            assert out == " " * len(line)
        else:
            assert out == line
        position += len(line)
        if position < len(text):
            assert cleaned[position] == "\n"
            position += 1


@SETTINGS
@given(documents)
def test_clean_is_idempotent(text: str) -> None:
    once = clean.clean(text)
    assert clean.clean(once) == once


@SETTINGS
@given(st.lists(st.sampled_from(ARTICLE_LINES[:-1]), min_size=1, max_size=10).map("\n".join))
def test_clean_never_blanks_article_sentences(text: str) -> None:
    assert clean.clean(text) == text


# --- dates ---------------------------------------------------------------------------------

references = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
recent = st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 12, 24))
WORDS = [
    "on", "last", "next", "this", "past", "coming", "in", "since", "early", "late", "mid-",
    "yesterday", "today", "tomorrow", "tonight", "week", "month", "year", "weekend", "ago",
    "days", "weeks", "three", "a", "2", "31", "29th", "of", ",", "May", "may", "February",
    "Feb.", "Dec", "2021", "1899", "9999", "0000", "2022-13-45", "2022-02-29", "2020-02-29",
    *dates.WEEKDAYS, "Monday's", "ten", "99999999999999999999",
]  # fmt: skip
expressions = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join),
    st.text(max_size=60),
)


@SETTINGS
@given(expressions, st.one_of(st.none(), references), st.booleans())
@example("tomorrow", dt.date(9999, 12, 31), False)
@example("last week", dt.date(1, 1, 1), False)
@example("February 29", dt.date(2021, 3, 1), False)
@example("next year", dt.date(9999, 6, 1), True)
def test_normalise_never_raises(expression: str, reference: dt.date | None, future: bool) -> None:
    result = dates.normalise(expression, reference, future)
    assert result is None or type(result) is dt.date
    for found in dates.find_dates(expression, reference, future):
        assert expression[found.start : found.end].strip() == found.text


@SETTINGS
@given(st.sampled_from(dates.WEEKDAYS), st.sampled_from(["", "on ", "On "]), recent)
def test_bare_weekday_is_that_weekday_in_the_week_before(
    weekday: str, prefix: str, reference: dt.date
) -> None:
    result = dates.normalise(prefix + weekday.capitalize(), reference)
    assert result is not None
    assert result.weekday() == dates.WEEKDAYS.index(weekday)
    assert reference - dt.timedelta(days=6) <= result <= reference


@SETTINGS
@given(st.sampled_from(dates.WEEKDAYS), recent)
def test_last_weekday_is_strictly_before(weekday: str, reference: dt.date) -> None:
    result = dates.normalise(f"last {weekday.capitalize()}", reference)
    assert result is not None
    assert result.weekday() == dates.WEEKDAYS.index(weekday)
    assert reference - dt.timedelta(days=7) <= result < reference


@SETTINGS
@given(st.sampled_from(dates.WEEKDAYS), recent)
def test_future_weekday_is_on_or_after(weekday: str, reference: dt.date) -> None:
    result = dates.normalise(f"on {weekday.capitalize()}", reference, future=True)
    assert result is not None
    assert result.weekday() == dates.WEEKDAYS.index(weekday)
    assert reference <= result <= reference + dt.timedelta(days=6)


@SETTINGS
@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_explicit_dates_need_no_reference(day: dt.date) -> None:
    assert dates.normalise(day.isoformat(), None) == day
    spelled = f"{day.strftime('%B')} {day.day}, {day.year}"
    assert dates.normalise(spelled, None) == day


# --- names ---------------------------------------------------------------------------------

any_name = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
latin_names = st.from_regex(
    r"(the )?[A-Z][a-zàéïöüçñ]{1,9}( [A-Z][a-zàéïöüçñ'’-]{1,9}){0,3}", fullmatch=True
)


@SETTINGS
@given(any_name)
def test_slug_is_idempotent_and_iri_safe(name: str) -> None:
    import pyoxigraph

    from actorgraph.vocab import ID

    slug = names.slug(name)
    assert names.slug(slug) == slug
    assert all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    iri = str(ID[f"person/{slug}"])
    assert pyoxigraph.NamedNode(iri).value == iri  # raises on an invalid IRI


@SETTINGS
@given(latin_names)
def test_slug_of_a_latin_name_is_not_empty(name: str) -> None:
    assert names.slug(name)


@SETTINGS
@given(any_name)
def test_ascii_fold_is_ascii_and_idempotent(name: str) -> None:
    folded = names.ascii_fold(name)
    assert folded.isascii()
    assert names.ascii_fold(folded) == folded


@SETTINGS
@given(latin_names)
def test_name_key_ignores_case_accents_article_and_possessive(name: str) -> None:
    key = names.name_key(name)
    assert names.name_key(name.upper()) == key
    assert names.name_key(names.ascii_fold(name)) == key
    bare = name.removeprefix("the ")
    assert names.name_key(f"the {bare}'s") == names.name_key(bare)
    assert names.name_key(f"{bare}’s") == names.name_key(bare)


@SETTINGS
@given(latin_names)
def test_name_key_is_idempotent(name: str) -> None:
    key = names.name_key(name)
    assert names.name_key(key) == key
    assert names.clean_name(names.clean_name(name)) == names.clean_name(name)


# --- RDF round trip ------------------------------------------------------------------------

unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
optional_text = st.one_of(st.none(), unicode_text.filter(bool))
iso_dates = st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat)


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    """A random but well-formed extraction: the shape every stage hands to the RDF writer."""
    stem = draw(unicode_text)
    document = Document(
        id=reader.document_id(Path(f"{stem}.txt")),
        path=f"articles/{stem}.txt",
        text=draw(st.text(max_size=200)),
        date=draw(st.one_of(st.none(), iso_dates)),
        title=draw(optional_text),
        source=draw(optional_text),
        language=draw(st.one_of(st.none(), st.sampled_from(["en", "en-GB"]))),
    )
    actors: dict[str, Actor] = {}
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(vocab.ACTOR_TYPES))
        label = draw(unicode_text)
        key = names.slug(label) or "unnamed"
        actor_id = str(ID[f"{kind.lower()}/{key}"])
        actors[actor_id] = Actor(
            id=actor_id,
            label=label,
            type=kind,
            aliases=draw(st.lists(unicode_text, max_size=3)),
            wikidata=draw(st.one_of(st.none(), st.integers(1, 10**8).map(lambda n: f"Q{n}"))),
            country=draw(st.one_of(st.none(), st.from_regex(r"[A-Z]{3}", fullmatch=True))),
        )
    ids = sorted(actors)
    relations = []
    if ids:
        for _ in range(draw(st.integers(0, 8))):
            start = draw(st.integers(0, 10_000))
            relations.append(
                Relation(
                    source=draw(st.sampled_from(ids)),
                    type=draw(st.sampled_from(vocab.RELATION_TYPES)),
                    target=draw(st.one_of(st.none(), st.sampled_from(ids))),
                    evidence=Evidence(draw(unicode_text), start, start + draw(st.integers(0, 500))),
                    mode=draw(optional_text),
                    role=draw(optional_text),
                    date=draw(st.one_of(st.none(), iso_dates)),
                    factuality=draw(st.sampled_from(vocab.FACTUALITY)),
                    attributed_to=draw(st.one_of(st.none(), st.sampled_from(ids))),
                    confidence=draw(st.floats(0.0, 1.0)),
                )
            )
    return Extraction(document=document, actors=list(actors.values()), relations=relations)


def _as_dataset(graph: Graph) -> Dataset:
    dataset = Dataset()
    named = dataset.graph(graph.identifier)
    for triple in graph:
        named.add(triple)
    return dataset


@SETTINGS
@given(extractions(), st.sampled_from(["nquads"]))
def test_rdf_round_trip_is_isomorphic(extraction: Extraction, fmt: str) -> None:
    graph = rdf.to_graph(extraction, generated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    data = _as_dataset(graph).serialize(format=fmt)
    parsed = Dataset()
    parsed.parse(data=data, format=fmt)
    back = parsed.graph(graph.identifier)
    assert len(back) == len(graph)
    assert isomorphic(back, graph)


@SETTINGS
@given(extractions())
def test_rdf_written_by_rdflib_is_read_alike_by_oxigraph(extraction: Extraction) -> None:
    import pyoxigraph

    graph = rdf.to_graph(extraction, generated_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    data = _as_dataset(graph).serialize(format="nquads")
    store = pyoxigraph.Store()
    store.load(data.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    written = pyoxigraph.serialize(store, format=pyoxigraph.RdfFormat.N_QUADS)
    parsed = Dataset()
    parsed.parse(data=written.decode("utf-8") if written else "", format="nquads")
    assert isomorphic(parsed.graph(graph.identifier), graph)


@SETTINGS
@given(extractions())
def test_document_json_agrees_with_the_extraction(extraction: Extraction) -> None:
    graph = rdf.to_graph(extraction)
    view = rdf.document_json(graph, extraction.document.id)
    document = extraction.document
    assert (view["id"], view["path"], view["date"], view["title"]) == (
        document.id,
        document.path,
        document.date,
        document.title,
    )
    expected_actors = {
        a.id: (a.label, a.type, sorted(set(a.aliases) - {a.label}), a.wikidata, a.country)
        for a in extraction.actors
    }
    got_actors = {
        a["id"]: (a["label"], a["type"], a["aliases"], a["wikidata"], a["country"])
        for a in view["actors"]
    }
    assert got_actors == expected_actors
    assert len(view["relations"]) == len(extraction.relations)
    for got, rel in zip(view["relations"], extraction.relations, strict=True):
        assert got == {
            "source": rel.source,
            "type": rel.type,
            "target": rel.target,
            "mode": rel.mode,
            "role": rel.role,
            "date": rel.date,
            "factuality": rel.factuality,
            "attributed_to": rel.attributed_to,
            "evidence": {
                "sentence": rel.evidence.sentence,
                "start": rel.evidence.start,
                "end": rel.evidence.end,
            },
            "confidence": round(rel.confidence, 4),  # stored to 4 decimals
        }
