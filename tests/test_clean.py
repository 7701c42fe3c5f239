"""Cleaning: boilerplate blanked in place, article text and offsets kept, headings split."""

from actorgraph import clean, pipeline

PAGE = """Ministers meet in Geneva to discuss grain exports.

Advertisement

The foreign ministers of Kenya and Ghana met in Geneva on Tuesday.
Share this:
Click to share on Twitter (Opens in new window)
Related

TRADE
Both countries agreed to lower tariffs on cocoa.

Leave a Reply
Please enter your comment!
Please enter your name here
You have entered an incorrect email address!
We use cookies to improve your experience on our site.
Subscribe to our newsletter
"""


def test_boilerplate_is_blanked_with_the_same_length() -> None:
    cleaned = clean.clean(PAGE)
    assert len(cleaned) == len(PAGE)
    for furniture in (
        "Advertisement\n",
        "Share this:",
        "Click to share",
        "Related",
        "Leave a Reply",
        "Please enter",
        "incorrect email",
        "We use cookies",
        "Subscribe",
    ):
        assert furniture not in cleaned
    # every character kept is where it was
    assert all(c == o or c == " " for c, o in zip(cleaned, PAGE, strict=True))


def test_article_sentences_and_offsets_survive() -> None:
    cleaned = clean.clean(PAGE)
    for sentence in (
        "Ministers meet in Geneva to discuss grain exports.",
        "The foreign ministers of Kenya and Ghana met in Geneva on Tuesday.",
        "Both countries agreed to lower tariffs on cocoa.",
        "TRADE",
    ):
        start = PAGE.index(sentence)
        assert cleaned[start : start + len(sentence)] == sentence


def test_a_sentence_mentioning_share_or_reply_is_not_furniture() -> None:
    text = "Related talks will follow. Kenya will share the data and reply by Friday.\n"
    assert clean.clean(text) == text
    assert not clean.is_boilerplate("Related talks will follow.")
    assert clean.is_boilerplate("  Advertisements  ")


def test_headings_do_not_glue_to_the_next_sentence() -> None:
    nlp = pipeline.prepare()
    doc = nlp(clean.clean("Talks ended.\n\nSANCTIONS\nDue to new sanctions, Ghana cut imports."))
    sentences = [s.text.strip() for s in doc.sents]
    assert "SANCTIONS" in sentences
    assert any(s.startswith("Due to new sanctions") for s in sentences)


def test_a_headline_without_full_stop_ends_at_the_blank_line() -> None:
    nlp = pipeline.prepare()
    doc = nlp(clean.clean("Kenya and Ghana sign a trade pact\n\nThe two countries signed it."))
    assert [s.text.strip() for s in doc.sents][:2] == [
        "Kenya and Ghana sign a trade pact",
        "The two countries signed it.",
    ]


def test_wrapped_lines_inside_a_sentence_stay_one_sentence() -> None:
    nlp = pipeline.prepare()
    doc = nlp(clean.clean("The minister said that the talks\nwould continue next week."))
    assert len(list(doc.sents)) == 1


def test_page_furniture_after_a_sentence_stays_out_of_its_evidence() -> None:
    from actorgraph.model import Document

    text = (
        "Kenyan President William Ruto met Ghanaian President Nana Akufo-Addo in Nairobi.\n\n"
        "Advertisements\n\nThe two leaders signed a trade agreement on Tuesday.\n\n"
        "Advertisement\n\nShare this:\n"
    )
    document = Document(id="page", path="page.txt", text=text, date="2023-05-02")
    extraction = pipeline.extract(document)
    assert extraction.relations
    for relation in extraction.relations:
        evidence = relation.evidence
        assert "Advertisement" not in evidence.sentence and "Share" not in evidence.sentence
        assert evidence.sentence == text[evidence.start : evidence.end]
        assert evidence.sentence.endswith("."), evidence.sentence
