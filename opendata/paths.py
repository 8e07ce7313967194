"""Files as the rest of opendata needs them: names from outside (a mirror's index, a
portal's file names) become paths only inside the folder they belong to, a file written
whole or not at all, and a file's sha256, read a block at a time."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import IO, Any

from opendata.errors import SourceError


def inside(folder: Path, name: str, source: str) -> Path:
    """``folder / name``, if that stays inside ``folder`` on any system: no absolute path,
    no drive, no ``..``, no backslash or NUL, and no link already there leading out.
    ``source`` is who named it, for the message."""
    if not isinstance(name, str) or not name or "\0" in name or "\\" in name or \
            PurePosixPath(name).is_absolute() or PureWindowsPath(name).drive or \
            ".." in PurePosixPath(name).parts:
        raise SourceError("remote-name-unsafe", name=str(name)[:80], source=source)
    path = folder / name
    try:
        escapes = not path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link that leads back to itself
        escapes = True
    if escapes:
        raise SourceError("remote-name-unsafe", name=name[:80], source=source)
    return path


class Discard(Exception):
    """Raised inside :class:`atomic_write` to throw away what was written."""


class atomic_write:
    """Write to a temporary file beside ``path`` (UTF-8 text, or bytes); rename it over
    ``path`` only on success: a run cut short leaves the old file."""

    def __init__(self, path: Path, binary: bool = False):
        self.path, self.binary = path, binary
        self.temporary = path.with_name(f".{path.name}.partial")

    def __enter__(self) -> IO[Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = self.temporary.open("wb") if self.binary else \
            self.temporary.open("w", encoding="utf-8", newline="")
        return self.file

    def __exit__(self, kind, error, traceback) -> bool:
        self.file.close()
        if kind is None:
            self.temporary.replace(self.path)
            return False
        self.temporary.unlink(missing_ok=True)
        return kind is Discard


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
