"""The extraction pipeline: one `Document` in, one `Extraction` out.

Stages run in order and only pass their outputs forward:
clean -> nlp -> recognise -> resolve/link -> affiliations, interactions (with statements).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from actorgraph import nlp as nlp_loader
from actorgraph.model import Document, Extraction

EXTRACTOR = "actorgraph-rules"


def extract(document: Document, nlp: Language | None = None) -> Extraction:
    """Actors and relations of one document."""
    return next(extract_many([document], nlp))


def extract_many(documents: Iterable[Document], nlp: Language | None = None) -> Iterator[Extraction]:
    """Actors and relations of each document, in order, sharing one loaded spaCy pipeline."""
    from actorgraph import affiliations, clean, interactions, recognise, resolve

    nlp = nlp or nlp_loader.load()
    for document in documents:
        text = clean.clean(document.text)
        doc = nlp(text)
        mentions = recognise.recognise(doc)
        index = resolve.resolve(doc, mentions)
        relations = affiliations.extract(doc, index, document)
        relations += interactions.extract(doc, index, document)
        yield Extraction(document=document, actors=index.actors, relations=relations,
                         extractor=EXTRACTOR)
