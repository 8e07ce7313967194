"""The fixes validation already knows, applied to a copy of the staff's file.

Validation computes, for the common council mistakes, the one value that was meant: the code
whose leading zeros Excel ate, the number written with a decimal comma or thousands spaces,
the date typed as text. :func:`fix_file` writes a copy of the workbook (every sheet, style,
formula and note kept, as the annotated report does) or of the CSV (its own encoding and
delimiter) with those values put in, each fixed cell noted «Виправлено: було «…»». Only
what has exactly one safe reading is changed: a date such as 03/04/2021, which may be either
month first, is left with its finding. Whitespace around values and a stray apostrophe
before a value are removed too. The source is only read; the copy is validated again, and
what is left is what :func:`fix_file` returns beside what it fixed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from opendata import messages
from opendata.check.findings import Finding
from opendata.check.schemas import Schema
from opendata.check.validation import TableReport, validate_file
from opendata.errors import OutputError, UsageError
from opendata.paths import atomic_write
from opendata.read.sheets import MIXED, MIXED_CP1251, read_csv, text_encoding
from opendata.read.xlsx import column_letter, column_number

ALL_FINDINGS = 0  # max_errors: every finding, so that every one can be fixed
EXCEL_DIGITS = 15  # significant digits a workbook's number holds
DATE_FORMATS = {".": "DD.MM.YYYY", "/": "DD/MM/YYYY", "-": "YYYY-MM-DD"}


@dataclass
class FixedCell:
    cell: str  # as Excel names it
    kind: str  # leading-zeros, number, date, whitespace, apostrophe
    before: str
    after: object  # the value written (a date, a number or text)
    shown: str  # the value as the person will see it


@dataclass
class Fixes:
    output: Path
    fixed: list[FixedCell] = field(default_factory=list)
    left: TableReport | None = None  # the copy validated again

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for cell in self.fixed:
            found[cell.kind] = found.get(cell.kind, 0) + 1
        return found

    def json(self, lang: str) -> dict:
        """``fix --format json``: what was fixed, and the copy's own validation."""
        return {"output": str(self.output),
                "fixed": [{"cell": c.cell, "kind": c.kind, "before": c.before,
                           "after": c.after.isoformat() if isinstance(c.after, dt.date)
                           else c.after} for c in self.fixed],
                "left": self.left.json(lang) if self.left else None}


def fix_file(source: str | Path, schema: Schema, output: str | Path,
             sheet: str | None = None, header_row: int | None = None,
             encoding: str | None = None, delimiter: str | None = None,
             totals_rows: bool = True, lang: str = "uk") -> Fixes:
    """Write ``output``, a copy of ``source`` with every finding that has one safe fix
    fixed, and validate it again. ``lang``: of the notes put on fixed cells."""
    source, output = Path(source), Path(output)
    kind = source.suffix.lower()
    if kind not in (".xlsx", ".csv", ".txt", ".tsv"):
        raise UsageError("fix-format", path=str(source))
    if output.suffix.lower() != (".xlsx" if kind == ".xlsx" else kind):
        raise UsageError("fix-output-format", path=str(output),
                         wanted=".xlsx" if kind == ".xlsx" else kind)
    if output.exists() and output.resolve() == source.resolve():
        raise UsageError("fix-over-source", path=str(source))
    report = validate_file(source, schema, sheet, header_row, ALL_FINDINGS, encoding,
                           delimiter, totals_rows)
    types = {f.name: f.type for f in schema.fields}
    changes = {(f.row, f.column): change for f in report.findings
               if f.row and f.column and (change := fix_of(f, types.get(f.field or "")))}
    fixes = Fixes(output)
    try:
        if kind == ".xlsx":
            fix_workbook(source, report, changes, output, fixes, lang)
        else:
            fix_csv(source, report, changes, output, fixes, encoding, delimiter)
    except OSError as error:
        raise OutputError.of(error, output) from None
    fixes.left = validate_file(output, schema, report.sheet, header_row, ALL_FINDINGS,
                               None, delimiter, totals_rows)
    return fixes


def fix_of(finding: Finding, field_type: str | None) -> tuple[str, object] | None:
    """(kind, the value meant) for a finding with exactly one safe fix, else None."""
    text = finding.value or ""
    suggestion = finding.params.get("suggestion")
    if finding.code == "leading-zeros-lost" and suggestion:
        return "leading-zeros", str(suggestion)
    if text.startswith("'") and len(text) > 1 and finding.code in (
            "type-error", "type-error-hint", "pattern", "leading-zeros-lost"):
        return "apostrophe", text[1:]
    if finding.code != "type-error-hint" or not suggestion:
        return None
    if field_type in ("number", "integer"):
        if sum(c.isdigit() for c in str(suggestion)) > EXCEL_DIGITS:
            return None  # Excel would keep 15 of its digits: the number meant is not kept
        return "number", float(suggestion) if field_type == "number" else int(suggestion)
    if field_type == "date":
        parts = text.replace("/", ".").split(" ")[0].split(".")
        if "/" in text and len(parts) == 3 and parts[0] != parts[1] and \
                int(parts[0]) <= 12 and int(parts[1]) <= 12:
            return None  # 03/04/2021: which comes first, the day or the month, is a guess
        return "date", dt.date.fromisoformat(str(suggestion))
    return None


def shown_as(text: str, value: object) -> str | None:
    """The number format that shows ``value`` as the person typed ``text``."""
    if isinstance(value, dt.date):  # 2021-05-30, 25/04/2021, else as Ukrainians write it
        separator = "-" if text[:4].isdigit() and text[4:5] == "-" else \
            "/" if "/" in text else "."
        return DATE_FORMATS[separator]
    if isinstance(value, float):
        decimals = len(str(text).replace(",", ".").split(".")[-1]) if "," in text or \
            "." in text else 0
        return "0" + ("." + "0" * decimals if decimals else "")
    return None


def by_column(change: tuple) -> tuple[int, int]:
    """Changes column by column, as people read a list of them."""
    (row, column), _fix = change
    return column_number(column), row


def looks(value: object, number_format: str | None) -> str:
    """``value`` as Excel shows it in ``number_format`` (the formats :func:`shown_as`
    gives)."""
    if isinstance(value, dt.date):
        shown = number_format or DATE_FORMATS["."]
        return value.strftime(shown.replace("DD", "%d").replace("MM", "%m").replace("YYYY",
                                                                                     "%Y"))
    if isinstance(value, float) and number_format and number_format.startswith("0"):
        decimals = len(number_format.partition(".")[2])
        return f"{value:.{decimals}f}"
    return str(value)


def records_start(report: TableReport) -> int:
    """The first row under the header, as Excel numbers it."""
    return (report.header_rows[1] if report.header_rows else report.header_row or 0) + 1


def fix_workbook(source: Path, report: TableReport, changes: dict, output: Path,
                 fixes: Fixes, lang: str) -> None:
    import openpyxl
    from openpyxl.comments import Comment

    workbook = openpyxl.load_workbook(source)
    sheet = workbook[report.sheet] if report.sheet else workbook.active
    text_columns = {column for (_row, column), (kind, _v) in changes.items()
                    if kind == "leading-zeros"}
    rows = range(records_start(report), sheet.max_row + 1)
    for (row, column), (kind, value) in sorted(changes.items(), key=by_column):
        cell = sheet[f"{column}{row}"]
        before = "" if cell.value is None else str(cell.value)
        cell.value = value
        fmt = "@" if kind == "leading-zeros" else shown_as(before, value)
        if fmt:
            cell.number_format = fmt
        note(cell, before, Comment, lang)
        fixes.fixed.append(FixedCell(f"{column}{row}", kind, before, value,
                                     looks(value, fmt)))
    for column in text_columns:  # codes are text: the column's numbers become text too
        for row in rows:
            cell = sheet[f"{column}{row}"]
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool) and \
                    float(cell.value).is_integer():
                cell.value = str(int(cell.value))
            cell.number_format = "@"
    for row in rows:
        for column in report.columns.values():
            cell = sheet[f"{column}{row}"]
            if isinstance(cell.value, str) and cell.value.strip() and \
                    cell.value != cell.value.strip() and not cell.value.startswith("="):
                before = cell.value
                cell.value = before.strip()
                note(cell, before, Comment, lang)
                fixes.fixed.append(FixedCell(cell.coordinate, "whitespace", before, cell.value,
                                             cell.value))
    with atomic_write(output, binary=True) as file:
        workbook.save(file)


def note(cell, before: str, comment_class, lang: str) -> None:
    """«Виправлено: було «…»» in the cell's note, after the person's own note if any."""
    said = "opendata: " + messages.render("fix-note", lang, before=before)
    mine = cell.comment.text + "\n" + said if cell.comment else said
    cell.comment = comment_class(mine, "opendata", width=300, height=80)


def fix_csv(source: Path, report: TableReport, changes: dict, output: Path, fixes: Fixes,
            encoding: str | None, delimiter: str | None) -> None:
    opened = read_csv(source, encoding, delimiter)
    if opened.encoding in (MIXED, MIXED_CP1251):
        raise UsageError("fix-mixed-encoding", path=str(source))
    encoding, delimiter = text_encoding(opened.encoding or "utf-8"), opened.delimiter or ","
    raw = source.read_bytes().decode(encoding)
    ending = "\r\n" if "\r\n" in raw[:1 << 16] else "\n"
    records = list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter))
    for (row, column), (kind, value) in sorted(changes.items(), key=by_column):
        index = column_number(column) - 1
        if row - 1 >= len(records) or index >= len(records[row - 1]):
            continue
        before = records[row - 1][index]
        after = value.isoformat() if isinstance(value, dt.date) else \
            format(value, "f").rstrip("0").rstrip(".") if isinstance(value, float) else \
            str(value)
        records[row - 1][index] = after
        fixes.fixed.append(FixedCell(f"{column}{row}", kind, before, after, after))
    indexes = [column_number(c) - 1 for c in report.columns.values()]
    for row in range(records_start(report), len(records) + 1):
        record = records[row - 1]
        for index in (i for i in indexes if i < len(record)):
            text = record[index]
            if text.strip() and text != text.strip():
                record[index] = text.strip()
                fixes.fixed.append(FixedCell(f"{column_letter(index)}{row}", "whitespace", text,
                                             text.strip(), text.strip()))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=ending).writerows(records)
    with atomic_write(output, binary=True) as file:
        file.write(buffer.getvalue().encode(encoding))
