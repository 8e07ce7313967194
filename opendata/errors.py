"""Typed errors of the library.

Each error is data — a message code and its parameters — so that the CLI can say it in the
user's language in one place (``cli.py``) and scripts can match on the class or the code.
"""

from . import messages


class OpendataError(Exception):
    """A problem the user can fix; the CLI prints it as one line, never a traceback."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "uk") -> str:
        return messages.render(self.code, lang, **self.params)


class SourceError(OpendataError):
    """A spreadsheet or CSV that cannot be read: missing, empty, corrupt or mislabelled."""


class DefinitionError(OpendataError):
    """A broken project, dataset definition or schema file."""


class UsageError(OpendataError):
    """Arguments that do not fit together (e.g. a spreadsheet without ``--schema``)."""
