"""Inferring a Table Schema from a spreadsheet staff already keep.

The header is the first row of several labels (text, or years and numbers such as 2022);
each column's type is the narrowest that fits its values as people write them — dates as
31.12.2021 or 31/12/2021 get their format, numbers with a decimal comma (and a space between
thousands) their decimalChar and groupChar — and a type that fits all but a few values is
taken all the same, the few becoming findings rather than a text column that hides them.
Codes stay text (leading zeros, code-like headers and the codes of ``check.codes`` say so).
A column is required when it has no blanks, and gets an enum when it holds a small closed
set. Field names are Latin camelCase transliterations (the official Ukrainian system of
2010) of the Ukrainian headers, which are kept as titles. A column with values but no header
is refused: a name is what people will read it by, and only staff know it.
"""

from __future__ import annotations

import re
from typing import Any

from opendata.check import cells
from opendata.check.codes import codes_of, pattern_of
from opendata.check.schemas import Field
from opendata.check.validation import TOTALS
from opendata.errors import DefinitionError
from opendata.read.sheets import Row, Sheet
from opendata.read.table import numbering_row
from opendata.read.xlsx import column_letter

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
    """The first row made of several labels, the widest such row setting the bar. Labels are
    text, and whole numbers beside text (a header of years: Показник, 2022, 2023)."""
    def labels(row: Row) -> int:
        values = [v for v in row[1] if cells.text_of(v)]
        texts = [v for v in values if isinstance(v, str)]
        whole = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)
                 and float(v).is_integer()]
        return len(values) if texts and len(texts) + len(whole) == len(values) else 0

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
        kind = infer_kind("", column)
        if kind["type"] != "string" and cells.caster(kind_field(kind))(value) is not \
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
    width = max((i + 1 for i, v in enumerate(labels) if cells.text_of(v)), default=0)
    labels = labels[:width]  # values right of the last header are not a column
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
        given = technical[index] if technical and index < len(technical) else ""
        if not label and not given:
            filled = next((v for v in values if cells.text_of(v)), None)
            if filled is None:
                continue  # an empty column between two headed ones: nothing to publish
            raise DefinitionError("header-cell-empty", path=sheet.source,
                                  cell=f"{column_letter(sheet.first_column + index)}{number}",
                                  value=cells.text_of(filled)[:40])
        name = unique_name(given or field_name(label) or label, names)
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
    kind = infer_kind(label, present)
    type_ = kind["type"]
    descriptor: dict = {"name": name}
    if label:
        descriptor["title"] = label
    descriptor.update(kind)
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


DATE_FORMATS = ("%d.%m.%Y", "%d/%m/%Y")  # 31.12.2021, 1.2.2021, 31/12/2021
GROUP_SPACES = ("\u00a0", "\u202f", " ")  # between thousands: 1 234,5


def candidates(texts: list[str]) -> list[dict]:
    """The types a column may have, narrowest first, with the options people's way of
    writing them needs."""
    kinds: list[dict] = [{"type": "boolean"}, {"type": "date"}]
    kinds += [{"type": "date", "format": f} for f in DATE_FORMATS]
    kinds += [{"type": "datetime"}, {"type": "integer"}, {"type": "number"}]
    if any("," in t for t in texts):
        group = next((g for g in GROUP_SPACES if any(g in t for t in texts)), None)
        kinds.append({"type": "number", "decimalChar": ",",
                      **({"groupChar": group} if group else {})})
    return kinds


def infer_kind(label: str, values: list[Any]) -> dict:
    """The column's type (and its format or number options): the narrowest that fits all
    values but at most a few (one, or one in twenty), and at least three of them."""
    if not values:
        return {"type": "string"}
    texts = [cells.text_of(v) for v in values]
    code_like = CODE_HEADER.search(label) or codes_of("", label) or any(
        len(t) > 1 and t.startswith("0") and t.isdigit() for t in texts)
    allowed = max(1, len(values) // 20)
    for kind in candidates(texts):
        if kind["type"] in ("integer", "number") and code_like:
            break
        if kind["type"] == "boolean" and not all(
                isinstance(v, bool) or t.lower() in ("true", "false")
                for v, t in zip(values, texts)):
            continue  # a column of 1 and 0 is more likely a count than yes/no
        cast = cells.caster(kind_field(kind))
        misfits = sum(cast(v) is cells.INVALID for v in values)
        if misfits == 0 or (misfits <= allowed and len(values) - misfits >= 3):
            return kind
    return {"type": "string"}


def kind_field(kind: dict) -> Field:
    return Field(name="", type=kind["type"], format=kind.get("format", "default"),
                 descriptor=kind)
