"""Which 835 standard a spreadsheet follows, from its header alone.

Each standard is scored by how many of its columns the sheet's header names, by technical
name or Ukrainian title (case, spacing and apostrophes ignored, Cyrillic look-alikes of
Latin letters folded), over one header row or two adjacent ones (the standards' own
workbooks carry both). Best first: the columns found as a share of all the columns the
standard and the header name between them, then their number.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from opendata.check.cells import text_of
from opendata.check.schemas import HOMOGLYPHS, Schema, load_schema
from opendata.read.sheets import Row, Sheet, sheets_to_try
from opendata.read.table import HEADER_SEARCH_ROWS, normalise_label
from opendata.standards.catalogue import INDEX, Standard, cache_folder, standards

# A standard fits when the header names this share of the columns the standard and the
# header name between them, and at least this many columns. On the standards' own example
# workbooks the right standard's share is 0.78 at least: 0.6 leaves room for a renamed or
# an extra column, and scoring by share keeps a small standard from winning on a wide sheet.
FIT_SHARE, FIT_COLUMNS = 0.6, 3


@dataclass
class Match:
    standard: Standard
    matched: int
    total: int
    missing: list[str] = field(default_factory=list)  # the standard's columns not found
    extra: list[str] = field(default_factory=list)  # header cells the standard has not
    header_rows: list[int] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Matched columns against all the columns either side names: a standard whose
        every column is found but which leaves most of the header unexplained scores low."""
        named = self.total + len(self.extra)
        return self.matched / named if named else 0.0

    @property
    def fits(self) -> bool:
        return self.share >= FIT_SHARE and self.matched >= FIT_COLUMNS

    def json(self) -> dict:
        return {**self.standard.json(), "matched": self.matched, "total": self.total,
                "missing": self.missing, "extra": self.extra, "fits": self.fits}


def folded(text: str) -> str:
    return normalise_label(text).translate(HOMOGLYPHS)


def detect_sheets(path: str | Path, sheet: str | None = None) -> tuple[Sheet, list[Match]]:
    """The first sheet (of those :func:`sheets_to_try` gives) that a standard fits, with the
    standards best first; if none fits, the first sheet's."""
    first: tuple[Sheet, list[Match]] | None = None
    for opened in sheets_to_try(path, sheet):
        matches = detect(opened)
        if matches and matches[0].fits:
            return opened, matches
        first = first or (opened, matches)
    assert first is not None  # sheets_to_try gives one sheet at least
    return first


def detect(sheet: Sheet) -> list[Match]:
    head = sheet.head(HEADER_SEARCH_ROWS)
    folder = cache_folder()
    index = folder / INDEX
    version = index.stat().st_mtime_ns if index.is_file() else 0
    found = [match(standard, schema, head) for standard, schema in catalogue(folder, version)]
    return sorted(found, key=lambda m: (-m.share, -m.matched, m.standard.annex,
                                        m.standard.resource))


@functools.lru_cache(maxsize=2)
def catalogue(folder: Path, version: int) -> list[tuple[Standard, Schema]]:
    """The standards of the cache with their schemas, loaded once a process (and again
    when ``standards update`` rewrote the index, its ``version``): ``audit --files`` detects
    hundreds of files against the same hundred standards."""
    return [(standard, load_schema(folder / standard.schema)) for standard in standards(folder)]


def match(standard: Standard, schema: Schema, head: list[Row]) -> Match:
    names: dict[str, str] = {}
    for f in schema.fields:
        for label in (f.name, f.title):
            if label:
                names.setdefault(folded(label), f.name)
    best = Match(standard, 0, len(schema.fields))
    texts = {number: [text_of(v) for v in values] for number, values in head}
    rows = [(number, [folded(t) for t in texts[number]]) for number, _values in head]
    for at, (number, labels) in enumerate(rows):
        band = [(number, labels)] + ([rows[at + 1]] if at + 1 < len(rows) else [])
        found = {names[label] for _n, cells in band for label in cells if label in names}
        if len(found) > best.matched:
            extra = [text for text, label in zip(texts[number], labels, strict=True)
                     if label and label not in names]
            best = Match(standard, len(found), len(schema.fields),
                         [f.name for f in schema.fields if f.name not in found], extra,
                         [band[0][0], band[-1][0] if len(band) > 1 and any(
                             label in names for label in band[-1][1]) else band[0][0]])
    return best
