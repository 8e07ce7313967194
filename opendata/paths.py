"""Files as the rest of opendata needs them: names from outside (a mirror's index, a
portal's file names) become paths only inside the folder they belong to, and a file's
sha256, read a block at a time."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath, PureWindowsPath

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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
