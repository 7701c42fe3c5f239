"""Reading PLOVER events: who did what to whom, in which sentence, as the text presents it.

The rules (`lexicon`, `arguments`, `rules`, `nouns`) read events from the dependency parse;
the learned reader (`learned`, with `features`, `vectors`, `parties` and `linear`, trained by
`train` from coded news read by `coded`) judges and completes their reading; `factuality` gives
each event its stance and what saying it implies; `sentences` puts these together for one
sentence and `relations` turns the events of a document into relations. `score` measures them
sentence by sentence.
"""

from actorgraph.events.candidate import Candidate
from actorgraph.events.lexicon import Lexicon, lexicon
from actorgraph.events.relations import extract
from actorgraph.events.rules import rule_candidates
from actorgraph.events.sentences import find_events

__all__ = ["Candidate", "Lexicon", "extract", "find_events", "lexicon", "rule_candidates"]
