"""Reading PLOVER events in sentences: the learned reader and what it sees of a word."""
