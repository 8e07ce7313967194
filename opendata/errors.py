"""Typed errors of the library.

Each error is data — a message code and its parameters — so that the CLI can say it in the
user's language in one place (``cli.py``) and scripts can match on the class or the code.
"""

from __future__ import annotations

from opendata import messages


class OpendataError(Exception):
    """A problem the user can fix; the CLI prints it as one line, never a traceback."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "uk") -> str:
        params = dict(self.params)
        if "hint" in params:  # a message code of its own, said in ``lang`` too
            params["hint"] = messages.render(params["hint"], lang, **params)
        return messages.render(self.code, lang, **params)


class SourceError(OpendataError):
    """A spreadsheet or CSV that cannot be read: missing, empty, corrupt or mislabelled."""


class DefinitionError(OpendataError):
    """A broken project, dataset definition or schema file."""


class UsageError(OpendataError):
    """Arguments that do not fit together (e.g. a spreadsheet without ``--schema``)."""


class OutputError(OpendataError):
    """A file could not be written: the disk is full, the folder read-only, or a file stands
    where a folder should."""

    @classmethod
    def of(cls, error: OSError, path) -> OutputError:
        import errno

        reason = {errno.ENOSPC: "output-disk-full", errno.EDQUOT: "output-disk-full",
                  errno.EROFS: "output-read-only", errno.EACCES: "output-read-only",
                  errno.EPERM: "output-read-only", errno.ENOTDIR: "output-not-folder",
                  errno.EEXIST: "output-not-folder"}.get(error.errno or 0, "output-failed")
        where = path if reason == "output-not-folder" else error.filename or path
        return cls(reason, path=str(where),
                   reason=" ".join(str(error.strerror or error).split()))
