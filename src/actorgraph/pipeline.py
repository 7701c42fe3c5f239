"""The extraction pipeline: one `Document` in, one `Extraction` out.

Stages run in order and only pass their outputs forward:
clean -> nlp -> recognise -> resolve/link -> affiliations, events (with statements).
The knowledge base and the spaCy additions (entity ruler, paragraph breaks) are set up once
per loaded pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from actorgraph import nlp as nlp_loader
from actorgraph.errors import InputError
from actorgraph.model import Document, Extraction

if TYPE_CHECKING:
    from actorgraph.events.learned import EventModel
    from actorgraph.resolve import Resolution

EXTRACTOR = "actorgraph-rules"


def extract(document: Document, nlp: Language | None = None) -> Extraction:
    """Actors and relations of one document."""
    return next(extract_many([document], nlp))


def prepare(nlp: Language | None = None) -> Language:
    """The spaCy pipeline with the knowledge-base ruler and paragraph breaks added (once)."""
    from actorgraph import kb, recognise

    return recognise.setup(nlp or nlp_loader.load(), kb.load())


def extract_many(
    documents: Iterable[Document],
    nlp: Language | None = None,
    events: str = "both",
    model: EventModel | None = None,
    min_confidence: float = 0.0,
) -> Iterator[Extraction]:
    """Actors and relations of each document, in order, sharing one loaded spaCy pipeline.
    `events` says who reads events (`rules`, `learned` or `both`; see `events`) and
    `model` replaces the shipped event model; relations less confident than `min_confidence`
    are left out."""
    from actorgraph import affiliations, kb
    from actorgraph import events as events_stage
    from actorgraph.events import learned

    knowledge = kb.load()
    for analysis in analyse(documents, nlp):
        doc, document, resolution = analysis.doc, analysis.document, analysis.resolution
        index = resolution.index
        relations = affiliations.extract(doc, index, document, resolution, knowledge)
        calibration = model or learned.shipped()
        if calibration is not None:  # the rules' confidence, as the share found right
            for relation in relations:
                relation.confidence = calibration.calibrated_affiliation(relation.confidence)
        relations += events_stage.extract(doc, index, document, events, model)
        relations = [r for r in relations if r.confidence >= min_confidence]
        yield Extraction(
            document=document, actors=index.actors, relations=relations, extractor=EXTRACTOR
        )


@dataclass
class Analysis:
    """A document parsed and its actors resolved: what the relation stages read."""

    document: Document
    doc: Doc
    resolution: Resolution


def analyse(documents: Iterable[Document], nlp: Language | None = None) -> Iterator[Analysis]:
    """Each document cleaned, parsed and with its actors recognised, resolved and linked."""
    from actorgraph import clean, kb, recognise, resolve

    nlp = prepare(nlp)
    knowledge = kb.load()
    pairs = ((clean.clean(_within_limit(d, nlp)), d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True):
        found = recognise.recognise(doc, knowledge, nlp)
        yield Analysis(document, doc, resolve.resolve(doc, found, knowledge, document.date))


def _within_limit(document: Document, nlp: Language) -> str:
    """The document's text, or a clear error when it is longer than the NLP pipeline takes."""
    if len(document.text) > nlp.max_length:
        raise InputError(
            f"{document.path}: {len(document.text):,} characters is more than the NLP pipeline "
            f"takes ({nlp.max_length:,}); split the article"
        )
    return document.text
