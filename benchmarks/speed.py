"""Words per second of the whole extraction pipeline next to spaCy's own, on the same text.

    python benchmarks/speed.py [--words 5000] [--repeat 3] [--json]

The bundled articles (data/articles/*.txt) are repeated until they reach --words words, then
parsed twice in the same run: by the bare spaCy pipeline (nlp.pipe) and by
`pipeline.extract_many` (cleaning, spaCy, actors, resolution, linking, affiliations,
interactions, statements). Start-up (loading models and the knowledge base) is left out of
both timings; each figure is the best of --repeat runs. The ratio says how much time our
stages add on top of spaCy's: the aim is below 0.5.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

import spacy
from spacy.tokens import Doc

from actorgraph import events, pipeline
from actorgraph import nlp as nlp_loader
from actorgraph.model import Actor, ActorIndex, Document
from actorgraph.reader import read_documents
from actorgraph.resources import resource


def corpus(min_words: int) -> list[Document]:
    """The bundled articles, repeated (with fresh ids) until they hold `min_words` words."""
    articles = list(read_documents([resource("data", "articles")]))
    if not articles:
        raise SystemExit("speed benchmark: no bundled articles found")
    documents: list[Document] = []
    words = 0
    while words < min_words:
        for article in articles:
            copy = Document(
                id=f"{article.id}-{len(documents)}",
                path=article.path,
                text=article.text,
                date=article.date,
                title=article.title,
            )
            documents.append(copy)
            words += len(article.text.split())
    return documents


def best_time(run: Callable[[], object], repeat: int) -> float:
    """The shortest wall-clock time of `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(min_words: int, repeat: int) -> dict[str, float]:
    """Timings and rates of bare spaCy and of the whole pipeline on the same documents."""
    documents = corpus(min_words)
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(nlp_loader.model_name())
    list(bare.pipe(texts[:1]))  # warm up
    list(pipeline.extract_many(documents[:1]))  # loads the knowledge base and lexicons
    spacy_s = best_time(lambda: list(bare.pipe(texts)), repeat)
    pipeline_s = best_time(lambda: list(pipeline.extract_many(documents)), repeat)
    parsed = list(bare.pipe(texts))
    indexes = [_entity_index(doc) for doc in parsed]
    interactions_s = best_time(
        lambda: [
            events.extract(doc, index, document)
            for doc, index, document in zip(parsed, indexes, documents, strict=True)
        ],
        repeat,
    )
    return {
        "words": words,
        "documents": len(documents),
        "spacy_seconds": spacy_s,
        "pipeline_seconds": pipeline_s,
        "spacy_words_per_second": words / spacy_s,
        "pipeline_words_per_second": words / pipeline_s,
        "pipeline_over_spacy": pipeline_s / spacy_s,
        "added_over_spacy": (pipeline_s - spacy_s) / spacy_s,
        "interactions_seconds": interactions_s,
        "interactions_over_spacy": interactions_s / spacy_s,
    }


def _entity_index(doc: Doc) -> ActorIndex:
    """spaCy's entities as actors, to time the interaction stage on its own."""
    index = ActorIndex()
    by_text: dict[str, Actor] = {}
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "GPE", "ORG", "NORP"):
            actor = by_text.setdefault(ent.text, Actor(id=ent.text, label=ent.text, type="Country"))
            if actor not in index.actors:
                index.actors.append(actor)
            for i in range(ent.start, ent.end):
                index.by_token[i] = actor.id
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Pipeline speed next to spaCy's own.")
    parser.add_argument("--words", type=int, default=5000, help="minimum words of text")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = measure(args.words, max(1, args.repeat))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"text: {result['words']:.0f} words in {result['documents']:.0f} documents")
    print(f"spaCy alone      {result['spacy_words_per_second']:>9.0f} words/s "
          f"({result['spacy_seconds']:.2f} s)")  # fmt: skip
    print(f"whole pipeline   {result['pipeline_words_per_second']:>9.0f} words/s "
          f"({result['pipeline_seconds']:.2f} s)")  # fmt: skip
    print(
        f"pipeline time / spaCy time: {result['pipeline_over_spacy']:.2f} "
        f"(our stages add {result['added_over_spacy']:.2f} of spaCy's time; aim < 0.50)"
    )
    print(
        f"interaction and statement stages alone: {result['interactions_seconds']:.2f} s "
        f"({result['interactions_over_spacy']:.2f} of spaCy's time)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
