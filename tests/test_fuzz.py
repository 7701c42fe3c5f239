"""The whole extractor over random and adversarial text: it must never crash, and what it
returns must be well formed (offsets inside the text, known types, valid dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from actorgraph import nlp, pipeline, rdf, vocab
from actorgraph.model import Document, Extraction

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NEWS_WORDS = [
    "Putin", "Lukashenko", "Zelenskyy", "Biden", "Macron", "Scholz", "Xi", "Jinping", "NATO",
    "Kremlin", "Russia", "Ukraine", "Belarus", "China", "the", "President", "prime", "minister",
    "foreign", "spokesman", "said", "met", "with", "accused", "of", "will", "not", "visit",
    "on", "Monday", "last", "week", "in", "Minsk", "Kyiv", "Moscow", "army", "attacked",
    "sanctions", "against", "agreed", "to", "talks", "denied", "that", "“", "”", '"', "'",
    ",", ".", ";", "(", ")", "—", "-", "\n", "\n\n", "Mr.", "U.S.", "EU", "U.N.", "'s",
]  # fmt: skip

ADVERSARIAL = [
    "",
    " ",
    "\n\n\n",
    ".",
    "!?!?...,,,;;;:::---—–“”‘’«»",
    "\x00\x01\x02\x03\x1b[31m\x7f\x85\u2028\u2029",
    "\ufeff\u200b\u200c\u200d\u2060\ufeff",
    "a" * 100_000,
    "Putin" * 20_000,
    ("Putin " * 1000).strip(),
    "word " * 4000,
    "-" * 50_000,
    "\n" * 50_000,
    "بوتين يلتقي لوكاشينكو في مينسك. قال المتحدث إن المحادثات ستستمر.",
    "Putin met \u202eoknehsakuL\u202c in Minsk on Monday.",
    "שר החוץ said that Россия and 中国 agreed on Monday.",
    '"He said \'she said "they said \'no\'" yesterday\'" on Monday," Peskov said.',
    "“““““““““““““Putin”””””””””””””",
    "<script>alert('x')</script><img src=x onerror=alert(1)> Putin met Lukashenko.",
    "<p>Putin <b>met</b> <a href='/x'>Lukashenko</a></p><!-- comment -->",
    "PUTIN MET LUKASHENKO IN MINSK ON MONDAY AND ACCUSED NATO OF AGGRESSION.",
    "putin met lukashenko in minsk on monday",
    "Putin Putin Putin Putin met met met Lukashenko Lukashenko.",
    "Mr. " * 2000,
    "On Monday, Tuesday, Wednesday, Thursday, Friday, Saturday and Sunday 2022-13-45.",
    "He said. She said. They said. It said. We said. You said. I said.",
    "Advertisements\nLEAVE A REPLY\nPlease enter your comment!\nShare this:\n",
    "🇷🇺🇧🇾🤝🏻 Putin 👍 Lukashenko 💣🚀",
    "P\u0301u\u0308t\u0327i\u0300n m\u0301et L\u0301ukashenko.",
    "Владимир Путин встретился с Александром Лукашенко в Минске.",
    "Putin\tmet\tLukashenko\r\nin\rMinsk\x0bon\x0cMonday.",
    "Russian President Vladimir Putin visited Belarus on Monday, the Kremlin said. "
    "Ukraine's President Volodymyr Zelenskyy accused Moscow of planning an attack.",
]


@pytest.fixture(scope="module")
def language_model():
    return nlp.load()


def check(extraction: Extraction, document: Document) -> None:
    """What every extraction must look like, whatever the input."""
    text = document.text
    assert extraction.document == document
    ids = set()
    for actor in extraction.actors:
        assert actor.id.startswith("http"), actor
        assert actor.type in vocab.ACTOR_TYPES
        ids.add(actor.id)
        for mention in actor.mentions:
            assert 0 <= mention.start <= mention.end <= len(text)
            assert text[mention.start : mention.end] == mention.text
    assert len(ids) == len(extraction.actors), "an actor listed twice"
    for relation in extraction.relations:
        assert relation.type in vocab.RELATION_TYPES
        assert relation.factuality in vocab.FACTUALITY
        assert relation.source
        assert 0.0 <= relation.confidence <= 1.0
        evidence = relation.evidence
        assert 0 <= evidence.start <= evidence.end <= len(text)
        assert text[evidence.start : evidence.end].strip() == evidence.sentence.strip()
        if relation.date is not None:
            dt.date.fromisoformat(relation.date)
    graph = rdf.to_graph(extraction)  # every extraction can be written as RDF...
    data = graph.serialize(format="nt", encoding="utf-8")
    back = Graph().parse(data=data, format="nt")  # ...and read back
    assert len(back) == len(graph)


def run(text: str, model, date: str | None = "2022-12-19") -> None:
    document = Document(id="fuzz", path="fuzz.txt", text=text, date=date)
    extraction = pipeline.extract(document, model)
    check(extraction, document)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_text_never_crashes(text: str, language_model) -> None:
    run(text, language_model)


@pytest.mark.timeout(300)
@FUZZ
@given(text=st.text(max_size=400))
def test_random_unicode_never_crashes(text: str, language_model) -> None:
    run(text, language_model)


@pytest.mark.timeout(300)
@FUZZ
@given(
    words=st.lists(st.sampled_from(NEWS_WORDS), max_size=80),
    date=st.one_of(st.none(), st.dates().map(dt.date.isoformat)),
)
def test_random_news_like_text_never_crashes(
    words: list[str], date: str | None, language_model
) -> None:
    run(" ".join(words), language_model, date)


@pytest.mark.timeout(300)
@FUZZ
@given(
    parts=st.lists(
        st.one_of(
            st.sampled_from(NEWS_WORDS),
            st.text(st.characters(categories=["P", "S", "Z", "Cc", "Cf", "M"]), max_size=20),
            st.from_regex(r"<[a-z]{1,6}( [a-z]+=['\"][^'\"]*['\"])?>", fullmatch=True),
            st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=50, max_size=2000),
        ),
        max_size=30,
    )
)
def test_mixed_adversarial_pieces_never_crash(parts: list[str], language_model) -> None:
    run(" ".join(parts), language_model)
