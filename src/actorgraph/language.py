"""Guessing the language of an article, so that texts the English pipeline cannot read are skipped.

langdetect (a port of Google's language-detection, profiles shipped in the package) runs with a
fixed seed so the same text always gets the same answer. Texts too short to judge are not judged.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

MIN_LETTERS = 120  # fewer letters than this: too short to judge reliably
SAMPLE_CHARS = 4000  # judge a sample from the start, bounded in time for very long texts
MIN_PROBABILITY = 0.90  # only a confident non-English guess skips a text

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_lock = threading.Lock()


@dataclass(frozen=True)
class LanguageGuess:
    """The most likely language of a text (ISO 639-1 code, e.g. "en") and its probability."""

    code: str
    probability: float


def guess(text: str) -> LanguageGuess | None:
    """The text's most likely language, or None when it is too short or has no letters."""
    return _guess(text[:SAMPLE_CHARS])


@lru_cache(maxsize=16)  # a reader asks twice of each text (foreign? then which?)
def _guess(sample: str) -> LanguageGuess | None:
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:  # the seed is global state in langdetect
        DetectorFactory.seed = 0
        try:
            ranked = detect_langs(sample)
        except LangDetectException:
            return None
    if not ranked:
        return None
    best = ranked[0]
    return LanguageGuess(code=str(best.lang), probability=float(best.prob))


def is_foreign(text: str) -> LanguageGuess | None:
    """The guess when the text is confidently not English; None when English or undecided."""
    found = guess(text)
    if found is None or found.code == "en" or found.probability < MIN_PROBABILITY:
        return None
    return found


def is_english_code(code: str) -> bool:
    """Whether a declared language tag ("en", "en-GB", "English") means English."""
    tag = code.strip().lower().replace("_", "-")
    return tag in {"en", "eng", "english"} or tag.startswith("en-")
