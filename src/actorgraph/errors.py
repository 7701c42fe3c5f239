"""Errors a user can cause and fix; the CLI prints them as one line, never a traceback."""


class ActorgraphError(Exception):
    """A problem with the user's input, files, store or options, stated in one line."""


class InputError(ActorgraphError):
    """A file that cannot be read as an article (empty, binary, unknown encoding, too big...)."""


class StoreError(ActorgraphError):
    """A store that cannot be opened, read or written."""


class QueryError(ActorgraphError):
    """A SPARQL query that does not parse or cannot run."""
