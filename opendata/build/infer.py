"""Inferring a Table Schema from a spreadsheet staff already keep.

The header is the first row of several text cells; each column's type is the narrowest that
fits every value (codes stay text: leading zeros and code-like headers say so); a column is
required when it has no blanks, and gets an enum when it holds a small closed set. Field
names are Latin camelCase transliterations (the official Ukrainian system of 2010) of the
Ukrainian headers, which are kept as titles.
"""

from __future__ import annotations

import re
from typing import Any

from opendata.check import cells
from opendata.check.codes import codes_of, pattern_of
from opendata.check.schemas import Field
from opendata.check.validation import TOTALS
from opendata.read.sheets import Row, Sheet
from opendata.read.table import numbering_row

HEADER_SEARCH_ROWS = 30
ENUM_MAX = 10
CODE_HEADER = re.compile(r"код|ідентифікатор|номер|№|id\b|єдрпоу|іпн|катоттг|телефон",
                         re.IGNORECASE)
NAME_MAX = 60

TRANSLIT = dict(zip("абвгґдезиіклмнопрстуфхцчшщьыэъ'’ʼ",
                    ["a", "b", "v", "h", "g", "d", "e", "z", "y", "i", "k", "l", "m", "n", "o",
                     "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "e",
                     "", "", "", ""]))
TRANSLIT.update({"є": "ie", "ж": "zh", "ї": "i", "й": "i", "ю": "iu", "я": "ia", "ё": "io",
                 "№": "nomer "})
WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def transliterate(text: str) -> str:
    """Ukrainian in Latin letters, as the Cabinet of Ministers' 2010 table writes it."""
    text = text.lower().replace("зг", "zgh")
    result = []
    for position, letter in enumerate(text):
        previous = text[position - 1] if position else " "
        at_start = not previous.isalpha() and previous not in "'’ʼ"
        if at_start and letter in WORD_START:
            result.append(WORD_START[letter])
        else:
            result.append(TRANSLIT.get(letter, letter))
    return "".join(result)


IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def field_name(label: str) -> str:
    if IDENTIFIER.fullmatch(label):  # already a technical name (authorityId): kept as it is
        return label[:NAME_MAX]
    words = re.findall(r"[a-z0-9]+", transliterate(label))
    name = "".join([words[0]] + [w.capitalize() for w in words[1:]]) if words else ""
    return name[:NAME_MAX]


def header_row(rows: list[Row]) -> Row | None:
    """The first row made of several text labels, the widest such row setting the bar."""
    def labels(row: Row) -> int:
        values = [v for v in row[1] if cells.text_of(v)]
        return len(values) if all(isinstance(v, str) for v in values) else 0

    widest = max((labels(row) for row in rows), default=0)
    return next((row for row in rows if labels(row) >= max(2, 0.6 * widest)), None)


def titles_row(row: Row, below: list[Row]) -> bool:
    """Whether the row under a row of technical names holds the columns' titles, not the
    first record. A record is the likelier: a title never recurs among its column's
    values, nor is it a value of the column's type (a year over a column of years), so any
    cell that does either makes the row a record, and so does a row with no record
    under it to compare."""
    if not header_row([row]) or not below:  # nothing to tell it by: keep it as a record
        return False
    for index, value in enumerate(row[1]):
        text = cells.text_of(value)
        column = [r[1][index] for r in below if index < len(r[1]) and cells.text_of(r[1][index])]
        if not text or not column:
            continue
        if text in {cells.text_of(v) for v in column}:
            return False
        typed = infer_type("", column)
        if typed != "string" and cells.caster(Field(name="", type=typed))(value) is not \
                cells.INVALID:
            return False
    return True


def technical_names(row: Row) -> list[str] | None:
    """A header row's cells as technical names (uid, issuedDate…), if they all are."""
    texts = [cells.text_of(v) for v in row[1]]
    present = [t for t in texts if t]
    return texts if len(present) >= 2 and all(IDENTIFIER.fullmatch(t) for t in present) \
        else None


def infer_schema(sheet: Sheet) -> tuple[dict, str | None]:
    """(a Table Schema descriptor, the title written above the header if any). A row
    of technical names beside the titles (as the standards' workbooks have, in either
    order) gives the field names; a row numbering the columns under the header is skipped."""
    head = sheet.head(HEADER_SEARCH_ROWS)
    found = header_row(head)
    if found is None:
        return {"fields": []}, None
    number, labels = found
    above = [cells.text_of(v) for row in head if row[0] < number for v in row[1]]
    title = next((text for text in above if text), None)
    after = [row for row in head if row[0] > number]
    technical = None
    if after and technical_names(after[0]) and not technical_names(found):
        technical, after = technical_names(after[0]), after[1:]
    elif after and technical_names(found) and titles_row(after[0], after[1:]):
        technical, labels, after = technical_names(found), after[0][1], after[1:]
    last = after[0][0] - 1 if after else head[-1][0]
    if after and numbering_row(after[0], {i for i, v in enumerate(labels) if cells.text_of(v)}):
        last += 1
    columns: list[list[Any]] = [[] for _ in labels]
    for row_number, values in sheet.rows:
        texts = [cells.text_of(v) for v in values]
        if row_number <= last or not any(texts):
            continue
        for index in range(len(labels)):
            columns[index].append(values[index] if index < len(values) else "")
    while columns and columns[0] and TOTALS.match(
            next((t for c in columns if (t := cells.text_of(c[-1]))), "")):
        for column in columns:  # a totals row at the end is not data
            column.pop()
    fields: list[dict] = []
    names: set[str] = set()
    for index, (label, values) in enumerate(zip(labels, columns)):
        label = " ".join(cells.text_of(label).split())
        if not label and not any(cells.text_of(v) for v in values):
            continue
        given = technical[index] if technical and index < len(technical) else ""
        name = unique_name(given or field_name(label) or f"column{index + 1}", names)
        fields.append(infer_field(name, label, values))
    descriptor: dict = {"fields": fields}
    if any(cells.text_of(v) == "null" for column in columns for v in column):
        descriptor["missingValues"] = ["", "null"]  # as infer_field took it
    return descriptor, title


def unique_name(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}{number}", number + 1
    taken.add(candidate)
    return candidate


def infer_field(name: str, label: str, values: list[Any]) -> dict:
    present = [v for v in values if cells.text_of(v) not in ("", "null")]
    type_ = infer_type(label, present)
    descriptor: dict = {"name": name}
    if label:
        descriptor["title"] = label
    descriptor["type"] = type_
    constraints: dict = {}
    if present and len(present) == len(values):
        constraints["required"] = True
    texts = [cells.text_of(v) for v in present]
    code_pattern = pattern_of(codes_of(name, label))
    if type_ == "string" and code_pattern:  # ЄДРПОУ, РНОКПП…: lost zeros are found
        constraints["pattern"] = code_pattern
    elif type_ == "string":
        digits = {len(t) for t in texts if t.isdigit()}
        if texts and all(t.isdigit() for t in texts) and len(digits) == 1 and min(digits) >= 5:
            constraints["pattern"] = rf"\d{{{digits.pop()}}}"  # a fixed-length code: EDRPOU
        elif 2 <= len(set(texts)) <= ENUM_MAX and len(texts) >= 2 * len(set(texts)):
            constraints["enum"] = sorted(set(texts))
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def infer_type(label: str, values: list[Any]) -> str:
    if not values:
        return "string"
    texts = [cells.text_of(v) for v in values]
    code_like = CODE_HEADER.search(label) or codes_of("", label) or any(
        len(t) > 1 and t.startswith("0") and t.isdigit() for t in texts)
    for type_ in ("boolean", "date", "datetime", "integer", "number"):
        if type_ in ("integer", "number") and code_like:
            break
        if type_ == "boolean" and not all(isinstance(v, bool) or t.lower() in ("true", "false")
                                          for v, t in zip(values, texts)):
            continue  # a column of 1 and 0 is more likely a count than yes/no
        cast = cells.caster(Field(name=label, type=type_))
        if all(cast(v) is not cells.INVALID for v in values):
            return type_
    return "string"
