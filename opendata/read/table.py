"""Finding the header row of a sheet and which column holds which schema field.

Council spreadsheets have title rows, merged title cells and notes above the header, so
the header is the row whose cells best match the schema's field names or titles. Matching
ignores case, spacing and apostrophe variants; a header that is close but not equal is
reported as misspelled and still used, so its values are checked too.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from opendata.check.cells import text_of
from opendata.check.findings import WARNING, Finding
from opendata.check.schemas import Schema
from opendata.errors import SourceError
from opendata.read.sheets import Row, Sheet, sheets_to_try
from opendata.read.xlsx import column_letter

HEADER_SEARCH_ROWS = 30
MISSPELLING_SIMILARITY = 0.75
APOSTROPHES = re.compile(r"[’ʼ‘`´′]")


@dataclass
class Header:
    row: int | None  # as Excel shows it; None when no row matches the schema
    first_row: int | None = None  # the header band's rows (see header_band); data follows
    last_row: int | None = None
    columns: dict[str, int] = field(default_factory=dict)  # field name → index in row values
    width: int = 0  # cells up to the last non-empty header label
    labelled: set[int] = field(default_factory=set)  # indexes of non-empty header cells
    findings: list[Finding] = field(default_factory=list)
    first_column: int = 0

    def letter(self, index: int) -> str:
        return column_letter(self.first_column + index)

    @property
    def rows(self) -> list[int] | None:
        """[first, last] row of the header band, as Excel shows them."""
        if self.first_row is None or self.last_row is None:
            return None
        return [self.first_row, self.last_row]


def normalise_label(text: str) -> str:
    return " ".join(APOSTROPHES.sub("'", text).casefold().split())


def table_sheet(path: str | Path, schema: Schema, sheet: str | None = None,
                header_row: int | None = None, encoding: str | None = None,
                delimiter: str | None = None, skip_hidden: bool = False) -> Sheet:
    """The sheet holding the table: the one named, else the first visible sheet in which
    the schema's header is found (a workbook may start with an instruction sheet). Another
    sheet than the first is said in a warning; with none found, the first is the one.
    ``skip_hidden``: the rows Excel hides are left out."""
    first = None
    for opened in sheets_to_try(path, sheet, encoding, delimiter):
        if skip_hidden:
            opened.skip_hidden_rows()
        if header_row is not None or locate_header(opened, schema).row is not None:
            if first is not None:
                opened.notes.append(Finding("sheet-other-used", {
                    "sheet": opened.name, "first": first.name}, severity=WARNING))
            return opened
        first = first or opened
    assert first is not None  # sheets_to_try gives one sheet at least
    return first


def locate_header(sheet: Sheet, schema: Schema, header_row: int | None = None) -> Header:
    """Find the header row (or take ``header_row``) and map its cells to schema fields."""
    head = sheet.head(max(HEADER_SEARCH_ROWS, (header_row or 0) + 3))
    if header_row is not None:
        found = next((row for row in head if row[0] == header_row), None)
        if found is None:
            last = head[-1][0] if head else 0
            raise SourceError("header-row-invalid", path=sheet.source, row=header_row, last=last)
    else:
        found = best_header_row(head, schema)
        if found is None:
            example = schema.fields[0].label
            finding = Finding("header-not-found", {"rows": HEADER_SEARCH_ROWS, "example": example})
            return Header(None, findings=[finding], first_column=sheet.first_column)
    header = map_columns(found, schema, sheet.first_column)
    header.first_row, header.last_row = header_band(head, found, header, schema)
    return header


def header_band(head: list[Row], found: Row, header: Header, schema: Schema) -> tuple[int, int]:
    """The header's first and last rows. Workbooks of the standards (and many councils')
    carry a row of technical names (uid, issuedDate…) beside the row of Ukrainian titles,
    in either order, and official forms number the columns (1, 2, 3…) under the header:
    adjacent rows whose every cell names the field of its column (at least half of the
    fields named), and a numbering row just below, are header, not data. A record that
    repeats some titles in some cells is a record: a row is header for what it says, never
    for resembling the row above."""
    position = head.index(found)
    fields = {index: name for name, index in header.columns.items()}
    lookup = label_lookup(schema)

    def names_same_fields(row: Row) -> bool:
        agreeing = 0
        for index, value in enumerate(row[1]):
            text = text_of(value)
            if not text:
                continue
            if index not in fields or fields[index] not in lookup.get(normalise_label(text),
                                                                      []):
                return False
            agreeing += 1
        return agreeing >= max(1, len(fields) / 2)

    first = last = position
    while first > 0 and names_same_fields(head[first - 1]):
        first -= 1
    while last + 1 < len(head) and names_same_fields(head[last + 1]):
        last += 1
    if last + 1 < len(head) and numbering_row(head[last + 1], header.labelled):
        last += 1
    return head[first][0], head[last][0]


def numbering_row(row: Row, labelled: set[int]) -> bool:
    """A row that numbers the header's columns: 1, 2, 3… (at least three of them)."""
    texts = [text_of(value) for value in row[1]]
    numbers = [text for index, text in enumerate(texts) if index in labelled]
    extra = [text for index, text in enumerate(texts) if index not in labelled and text]
    return len(numbers) >= 3 and not extra and numbers == [str(n) for n in
                                                           range(1, len(numbers) + 1)]


def best_header_row(rows: list[Row], schema: Schema) -> Row | None:
    lookup = label_lookup(schema)
    best, best_score = None, 0
    for row in rows:
        matched = {lookup[key][0] for key in (normalise_label(text_of(v)) for v in row[1])
                   if key in lookup}
        if len(matched) > best_score:
            best, best_score = row, len(matched)
    return best


def label_lookup(schema: Schema) -> dict[str, list[str]]:
    """Normalised name or title → the fields it may stand for, in schema order."""
    lookup: dict[str, list[str]] = {}
    for f in schema.fields:
        for label in {f.name, f.title} - {""}:
            lookup.setdefault(normalise_label(label), []).append(f.name)
    return lookup


def map_columns(found: Row, schema: Schema, first_column: int) -> Header:
    number, values = found
    labels = [text_of(v) for v in values]
    width = max((i + 1 for i, label in enumerate(labels) if label), default=0)
    header = Header(number, width=width, first_column=first_column)
    lookup = label_lookup(schema)
    unmatched: list[int] = []
    seen: dict[str, int] = {}
    for index, label in enumerate(labels[:width]):
        if not label:
            continue
        header.labelled.add(index)
        key = normalise_label(label)
        free = [name for name in lookup.get(key, []) if name not in header.columns]
        if free:  # titles may repeat: annex 35 calls both url and decisionUrl «Посилання»
            header.columns[free[0]] = index
        elif key in seen:
            header.findings.append(Finding("duplicate-column", {"first": header.letter(seen[key])},
                                           row=number, column=header.letter(index), value=label))
        else:
            unmatched.append(index)
        seen.setdefault(key, index)
    match_misspelled(header, schema, labels, unmatched)
    for f in schema.fields:
        if f.name not in header.columns:
            header.findings.append(Finding("missing-column", {"title": f.label},
                                           row=number, field=f.name))
    return header


def match_misspelled(header: Header, schema: Schema, labels: list[str],
                     unmatched: list[int]) -> None:
    """Pair each unmatched header cell with the closest missing field, or call it extra."""
    missing = [f for f in schema.fields if f.name not in header.columns]
    for index in unmatched:
        key = normalise_label(labels[index])
        scored = [(max(similarity(key, f.name), similarity(key, f.title)), f) for f in missing]
        score, closest = max(scored, key=lambda pair: pair[0], default=(0, None))
        row, column, value = header.row, header.letter(index), labels[index]
        if closest is not None and score >= MISSPELLING_SIMILARITY:
            missing.remove(closest)
            header.columns[closest.name] = index
            header.findings.append(Finding("misspelled-column", {"title": closest.label},
                                           field=closest.name, row=row, column=column,
                                           value=value))
        else:
            header.findings.append(Finding("extra-column", row=row, column=column,
                                           value=value))


def similarity(key: str, label: str) -> float:
    return difflib.SequenceMatcher(None, key, normalise_label(label)).ratio() if label else 0.0
