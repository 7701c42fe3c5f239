"""Reading every kind of input into `Document`s: article files (`actorgraph.reader`) and
corpora of articles (JSON Lines, CSV, news-please JSON, WARC, RSS/Atom), plain or compressed.
"""

from actorgraph.read.inputs import (
    KIND_NAMES,
    Read,
    Source,
    check,
    describe,
    find_inputs,
    kind_of,
    read_all,
    read_documents,
)
from actorgraph.read.records import Fields

__all__ = [
    "KIND_NAMES",
    "Fields",
    "Read",
    "Source",
    "check",
    "describe",
    "find_inputs",
    "kind_of",
    "read_all",
    "read_documents",
]
