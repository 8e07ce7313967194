"""Validating tables against their schema, and datasets against the portal's rules.

Rows are taken in chunks, turned into Arrow columns of text and checked a column at a time
(``checks.py``), so a large CSV is never held in memory whole and no cell is checked by a
Python loop. A well-formed CSV is parsed straight into columns by Arrow's reader. The
semantics follow frictionless-py (a value that fails its type is not checked against
constraints; a repeated value is reported where it repeats), and every finding carries the
cell as the user's spreadsheet shows it.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice, zip_longest
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from opendata.check import cells, checks
from opendata.check.codes import checksum_failures, codes_of
from opendata.check.findings import ERROR, WARNING, Finding
from opendata.check.groups import groups_of
from opendata.check.schemas import Field, Schema, load_schema
from opendata.errors import UsageError
from opendata.project import datagovua
from opendata.project.definition import Definition
from opendata.read.ahead import ahead
from opendata.read.sheets import RaggedCsv, Row, Sheet, arrow_csv_batches, read_sheet
from opendata.read.table import Header, locate_header, table_sheet

CHUNK_ROWS = 20_000
POOL = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1))
DEFAULT_MAX_ERRORS = 1000
TOTALS_WORDS = "разом|всього|усього|итого|підсумок|підсумки|total"
TOTALS = re.compile(rf"({TOTALS_WORDS})\b", re.IGNORECASE)
TOTALS_RE2 = rf"(?i)^({TOTALS_WORDS})($|[^\pL\pN_])"  # the same, for Arrow's RE2
FEW_WORDY = 64  # values few enough to match in Python (RE2 would compile the words first)
TOTALS_ALONE = re.compile(rf"({TOTALS_WORDS})\s*[:.]?", re.IGNORECASE)
CONTROL_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{2400}]"  # ␀ is a NUL the reader met
FORMULA_START = checks.byte_set(b"=@+-")  # the bytes a formula starts with
# "=HYPERLINK(…)", "@SUM(…)", "+cmd|…", "-2+3": Excel runs these; a phone "+380 44…" it does not
FORMULA_RE2 = r"^(=|@|[+-]\s*[^\d\s(]|[+-].*[=|!])"
# A formula's error kept as its text (a cached string, a CSV saved from Excel, LibreOffice's
# Err:NNN), in the languages Excel writes them: English, Ukrainian, Russian.
EXCEL_ERROR_RE2 = (r"^\s*(#(NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|"
                   r"CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|ПУСТО!|ДЕЛ/0!|ДІЛ/0!|"
                   r"ЗНАЧ!|ЗНАЧЕННЯ!|ССЫЛКА!|ПОСИЛАННЯ!|ИМЯ\?|ІМ['’ʼ]Я\?|ЧИСЛО!|Н/Д)|"
                   r"Err:\d{3})\s*$")
ERROR_START = checks.byte_set(b"#E")
# what may stand beside «Разом» in a subtotal row: sums, counts, shares
NUMBERISH = re.compile(r"[\d\s.,%+−–-]*")
SECTION_MIN_COLUMNS = 3  # a row of one text cell in a table this wide heads a section


@dataclass
class TableReport:
    source: str
    sheet: str | None
    header_row: int | None
    header_rows: list[int] | None = None  # [first, last] when the header spans rows
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)
    hidden: int = 0  # findings past --max-errors, counted but not kept
    dataset: str | None = None
    labels: dict[str, str] = field(default_factory=dict)  # field name → how people call it
    first_column: int = 0  # 0-based: the column of the table's first cell
    columns: dict[str, str] = field(default_factory=dict)  # field name → its column's letter
    # every non-blank row read, by what it is: above the header, header, record, totals…
    row_counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("above_header", "header", "records", "blank", "totals", "subtotals", "sections"), 0))

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings) + self.hidden

    def json(self, lang: str) -> dict:
        return {"dataset": self.dataset, "source": self.source, "sheet": self.sheet,
                "header_row": self.header_row, "header_rows": self.header_rows,
                "rows": self.rows, "row_counts": self.row_counts,
                "errors": [f.table_json(lang) for f in self.findings], "hidden": self.hidden,
                "groups": [g.json(lang) for g in groups_of(self.findings)]}


@dataclass
class Report:
    """What ``opendata validate`` found: dataset metadata findings and one report per table."""

    metadata: list[Finding] = field(default_factory=list)
    tables: list[TableReport] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(f.severity == ERROR for f in self.metadata) and not any(
            t.errors for t in self.tables)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.metadata) + sum(
            t.errors for t in self.tables)

    def entries(self) -> list[tuple[TableReport | None, Finding]]:
        """Every finding with its table (None for the passport), in the one order that
        text, JSON, the workbook and the page all use: numbered from 1 in that order."""
        return [(None, f) for f in self.metadata] + [
            (t, f) for t in self.tables for f in t.findings]

    def json(self, lang: str) -> dict:
        return {"valid": self.valid,
                "metadata": [f.metadata_json(lang) for f in self.metadata],
                "tables": [t.json(lang) for t in self.tables]}


def validate_dataset(definition: Definition, max_errors: int = DEFAULT_MAX_ERRORS) -> Report:
    """Validate a dataset's passport and every resource's source against its schema."""
    report = Report(metadata=datagovua.check_passport(definition.name, definition.passport))
    for resource in definition.resources:
        if resource.original_changed:
            assert resource.origin is not None  # (original_changed says so)
            report.metadata.append(Finding(
                "origin-changed", {"original": str(resource.origin[0]),
                                   "copy": str(resource.path), "name": definition.name},
                severity=WARNING, field="resources", dataset=definition.name))
        schema = load_schema(resource.schema_path)
        report.metadata += datagovua.check_column_names(definition.name, schema.field_names())
        table = validate_file(resource.require_source(definition.path), schema,
                              resource.sheet, resource.header_row,
                              max_errors, resource.encoding, resource.delimiter,
                              resource.totals_rows, resource.skip_hidden)
        table.dataset = definition.name
        report.tables.append(table)
    return report


def validate_targets(targets: list[Definition | Path], schema_path: str | None = None,
                     sheet: str | None = None, header_row: int | None = None,
                     max_errors: int = DEFAULT_MAX_ERRORS, totals_rows: bool = True) -> Report:
    """Validate datasets and single files (which need ``schema_path``) into one report."""
    report = Report()
    for target in targets:
        if isinstance(target, Definition):
            found = validate_dataset(target, max_errors)
            report.metadata += found.metadata
            report.tables += found.tables
        elif schema_path is None:
            raise UsageError("schema-required", path=str(target))
        else:
            report.tables.append(validate_file(target, load_schema(schema_path), sheet,
                                               header_row, max_errors,
                                               totals_rows=totals_rows))
    return report


def validate_file(path: str | Path, schema: Schema, sheet: str | None = None,
                  header_row: int | None = None, max_errors: int = DEFAULT_MAX_ERRORS,
                  encoding: str | None = None, delimiter: str | None = None,
                  totals_rows: bool = True, skip_hidden: bool = False) -> TableReport:
    """Validate one spreadsheet or CSV file against ``schema``. With ``totals_rows``
    false, a last row such as «Разом» is a record like any other; with ``skip_hidden``,
    the rows Excel hides are left out."""
    opened = table_sheet(path, schema, sheet, header_row, encoding, delimiter, skip_hidden)
    return validate_sheet(opened, schema, header_row, max_errors, totals_rows)


def distinct_labels(schema: Schema) -> dict[str, str]:
    """How people know each field: its title, and its name beside a title two fields share
    (annex 35 calls both url and decisionUrl «Посилання»), so a finding says which."""
    titles = Counter(f.label for f in schema.fields)
    return {f.name: f.label if titles[f.label] == 1 else f"{f.label} ({f.name})"
            for f in schema.fields}


def validate_sheet(sheet: Sheet, schema: Schema, header_row: int | None = None,
                   max_errors: int = DEFAULT_MAX_ERRORS, totals_rows: bool = True) -> TableReport:
    """Validate a sheet. A well-formed CSV is read by Arrow's multithreaded reader; if a
    row is ragged or a line blank, the CSV is read again row by row, which reports those."""
    scan = TableScan(sheet, schema, header_row, max_errors, totals_rows=totals_rows)
    if sheet.name is None and scan.header.row is not None:
        try:
            for _chunk in scan.arrow_chunks():
                pass
            return scan.report
        except RaggedCsv:
            sheet = read_sheet(sheet.source, None, sheet.encoding, sheet.delimiter)
            scan = TableScan(sheet, schema, header_row, max_errors, totals_rows=totals_rows)
    for _chunk in scan:
        pass
    return scan.report


@dataclass
class Chunk:
    size: int  # data rows
    texts: dict[str, list[str]]  # field name → the text to publish (outputs has "csv")
    typed: dict[str, list]  # field name → typed values, None where missing or invalid
                            # (outputs has "json")


class TableScan:
    """One streaming pass over a sheet's data rows: findings go into :attr:`report`; for
    conversion to the formats in ``outputs`` ("csv", "json"), the values are yielded chunk
    by chunk."""

    def __init__(self, sheet: Sheet, schema: Schema, header_row: int | None = None,
                 max_errors: int = DEFAULT_MAX_ERRORS, outputs: tuple[str, ...] = (),
                 totals_rows: bool = True):
        self.sheet, self.schema, self.outputs = sheet, schema, outputs
        self.totals_rows = totals_rows
        self.header = locate_header(sheet, schema, header_row)
        self.report = TableReport(sheet.source, sheet.name, self.header.row, self.header.rows,
                                  labels=distinct_labels(schema),
                                  first_column=sheet.first_column,
                                  columns={name: self.header.letter(index) for name, index
                                           in self.header.columns.items()})
        self.collector = Collector(self.report, max_errors)
        self.collector.add(sheet.notes + self.header.findings)
        if self.header.first_row is not None and self.header.last_row is not None:
            counts = self.report.row_counts
            counts["header"] = self.header.last_row - self.header.first_row + 1
            counts["above_header"] = sum(
                1 for number, values in sheet.head(self.header.first_row)
                if number < self.header.first_row and any(cells.text_of(v) for v in values))

    def cell_findings(self) -> list[Finding]:
        """What the reader saw wrong in cells of the table, once every row has been read:
        formula errors (calamine reads them as empty), cells in another encoding."""
        if self.header.row is None:
            return []
        fields = {index: name for name, index in self.header.columns.items()}
        found = []
        for (row, column), (code, params) in sorted(self.sheet.cell_errors.items()):
            index = column - self.header.first_column
            if row > (self.header.last_row or 0) and (index in fields or index in
                                                self.header.labelled):
                found.append(Finding(code, params, row=row, column=self.header.letter(index),
                                     field=fields.get(index),
                                     value=params.get("excel_error") or params.get("shown")))
        return found

    def __iter__(self) -> Iterator[Chunk]:
        if self.header.row is None:
            return
        checker = TableChecker(self.schema, self.header, self.collector, self.outputs,
                               self.sheet.name is None, self.totals_rows)
        for rows in chunks(self.sheet.rows, self.header.last_row or 0):
            numbers = np.array([number for number, _ in rows])
            columns = [text_column(values)
                       for values in zip_longest(*(values for _, values in rows))]
            yield checker.check(numbers, columns, rows)
        checker.finish(self.cell_findings())

    def arrow_chunks(self) -> Iterator[None]:
        """The same checks over the record batches of Arrow's CSV reader (no typed values)."""
        checker = TableChecker(self.schema, self.header, self.collector, (), True,
                               self.totals_rows)
        assert self.sheet.encoding and self.sheet.delimiter  # a CSV file's
        skip = self.header.last_row or 0
        first = skip + 1
        following = [values for number, values in self.sheet.head(1 + first) if number == first]
        if not following:
            return  # no data rows
        for batch in ahead(arrow_csv_batches(Path(self.sheet.source), self.sheet.encoding,
                                             self.sheet.delimiter, skip, len(following[0]))):
            numbers = np.arange(first, first + batch.num_rows)
            first += batch.num_rows
            checker.check(numbers, list(batch.columns), None)
            yield None
        checker.finish(self.cell_findings())


def text_column(values: tuple) -> pa.Array:
    """A column's cells as text (null where a short CSV row has no cell): a column of text
    goes to Arrow at once; one with numbers, dates or booleans cell by cell."""
    try:
        return pa.array(values, type=pa.string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return pa.array([v if v.__class__ is str or v is None else cells.text_of(v)
                         for v in values], type=pa.string())


class RowKinds(NamedTuple):
    """What each row of a chunk is (:meth:`TableChecker.row_kinds`)."""
    data: np.ndarray  # a record
    end: int  # just after the chunk's last data row (0: none)
    filled: list[np.ndarray]  # per column, which cells hold a value
    blank: np.ndarray
    totals: np.ndarray  # starts with «Разом» or alike
    subtotals: np.ndarray  # …and is a subtotal if inside the table
    sections: np.ndarray  # a section heading


# a piece of a table: its row numbers, its columns, its rows as read (None: not kept)
Piece = tuple[np.ndarray, list[pa.Array], list[Row] | None]


def stacked(pieces: list[Piece]) -> Piece:
    """Pieces of a table, one after the other (a narrower piece's missing columns empty)."""
    width = max(len(columns) for _numbers, columns, _rows in pieces)
    columns = [pa.concat_arrays(list(parts)) for parts in zip(*(
        columns + [pa.nulls(len(numbers), pa.string())] * (width - len(columns))
        for numbers, columns, _rows in pieces))]
    rows = None if any(rows is None for _n, _c, rows in pieces) else \
        [row for _numbers, _columns, rows in pieces for row in rows or []]
    return np.concatenate([numbers for numbers, _c, _r in pieces]), columns, rows


def taken(piece: Piece, at: np.ndarray) -> Piece:
    """The rows of ``piece`` at positions ``at``."""
    numbers, columns, as_read = piece
    return (numbers[at], [c.take(pa.array(at)) for c in columns],
            None if as_read is None else [as_read[i] for i in at])


def runs(numbers: np.ndarray) -> list[tuple[int, int]]:
    """Ascending row numbers as runs of consecutive ones: (first, last) each."""
    if not len(numbers):
        return []
    breaks = np.flatnonzero(np.diff(numbers) != 1)
    firsts = numbers[np.concatenate([[0], breaks + 1])]
    lasts = numbers[np.concatenate([breaks, [len(numbers) - 1]])]
    return list(zip(firsts.tolist(), lasts.tolist()))


def chunks(rows: Iterator[Row], header_row: int) -> Iterator[list[Row]]:
    rows = (row for row in rows if row[0] > header_row)
    while chunk := list(islice(rows, CHUNK_ROWS)):
        yield chunk


def position(finding: Finding) -> tuple:
    column = finding.column or ""
    return finding.row or 0, len(column), column  # column "AA" comes after "Z"


class Collector:
    """Keeps findings up to the cap (0 = no cap) and counts the rest."""

    def __init__(self, report: TableReport, cap: int):
        self.report, self.cap = report, cap

    def room(self) -> int:
        """How many more findings are kept (all, with no cap)."""
        return max(self.cap - len(self.report.findings), 0) if self.cap else sys.maxsize

    def add(self, findings: list[Finding]) -> None:
        room = min(len(findings), self.room())
        self.report.findings.extend(findings[:room])
        self.report.hidden += sum(f.severity == ERROR for f in findings[room:])


class TableChecker:
    """Checks chunks of data rows, column by column; remembers what it has seen across
    chunks: values of unique fields and primary keys, and the rows after the last record
    so far (blank rows at the end of a table are not reported; totals rows there are)."""

    def __init__(self, schema: Schema, header: Header, collector: Collector,
                 outputs: tuple[str, ...], is_csv: bool, totals_rows: bool = True):
        self.schema, self.header, self.collector = schema, header, collector
        self.outputs, self.is_csv = outputs, is_csv
        self.seen = {f.name: checks.Repeats() for f in schema.fields
                     if f.constraints.get("unique")}
        self.keys_seen = checks.Repeats()
        self.totals_rows = totals_rows
        # rows after the last data row so far, held back until data follows them or the
        # table ends, each looked at once: the blank ones as runs of row numbers [first,
        # last] (a CSV saved with a million empty rows after its table holds two numbers);
        # the «Разом» ones whole, a piece a chunk, with which of them are subtotal-like
        self.blank_tail: list[list[int]] = []
        self.held: list[Piece] = []
        self.held_subtotals: list[np.ndarray] = []
        # a labelled column that is not the schema's was reported once, at its header
        self.known_columns = set(header.columns.values()) | header.labelled
        # values in columns without a header: index → [count, first row, first value]
        self.headless: dict[int, list] = {}

    def check(self, numbers: np.ndarray, columns: list[pa.Array],
              rows: list[Row] | None) -> Chunk:
        if "json" not in self.outputs:  # the rows as read serve the typed values only
            rows = None
        columns = list(POOL.map(checks.trimmed, columns))
        kinds = self.row_kinds(numbers, columns)
        data, filled = kinds.data, kinds.filled
        before = self.resolve_held() if kinds.end else None  # (data follows them)
        self.report_rows(numbers, columns, kinds)
        self.hold_back(numbers, columns, rows, kinds)
        every = data.all()  # (nearly always)
        if not every:
            numbers = numbers[data]
            columns = [c.filter(pa.array(data)) for c in columns]
            filled = [f[data] for f in filled]
        rows = [row for row, keep in zip(rows, data) if keep] if rows is not None else []
        if before is not None:  # «Разом…» rows held back that data has shown to be records
            numbers, columns, joined = stacked([before, (numbers, columns, rows)])
            rows, filled = joined or [], self.filled(columns)
        self.collector.report.rows += len(numbers)
        self.collector.report.row_counts["records"] += len(numbers)
        self.count_headless(numbers, columns)
        findings: list[Finding] = []
        chunk = Chunk(len(numbers), {}, {})
        keys: dict[str, pa.Array] = {}
        fields = [(f, self.header.columns[f.name]) for f in self.schema.fields
                  if f.name in self.header.columns]
        texts_of = {f.name: columns[i] if i < len(columns) else
                    pa.nulls(len(numbers), pa.string()) for f, i in fields}

        # which cells are missing: found once for the whole row (blank rows), kept here
        missing_of = {f.name: ~filled[i] for f, i in fields if i < len(filled)}

        def check_field(f: Field, index: int) -> tuple[checks.ColumnResult, list[Finding]]:
            wanted = f.name in self.seen or f.name in self.schema.primary_key
            result = checks.check_column(f, texts_of[f.name], self.schema.missing_values,
                                         wanted, want_output=bool(self.outputs),
                                         missing=missing_of.get(f.name))
            return result, self.field_findings(f, index, numbers, texts_of[f.name], result)

        # Arrow's kernels release the GIL: fields are checked side by side
        results = list(POOL.map(check_field, *zip(*fields))) if fields else []
        for (f, index), (result, found) in zip(fields, results):
            findings += found
            if f.name in self.seen:  # here, in row order, not in the pool
                self.seen[f.name].add([result.values], numbers)
            if result.values is not None:
                keys[f.name] = result.values
            if result.output is not None:
                chunk.texts[f.name] = result.output.to_pylist()
            if "json" in self.outputs:
                chunk.typed[f.name] = typed_cells(f, index, rows, result)
        if self.schema.primary_key and all(n in keys for n in self.schema.primary_key):
            self.add_primary_keys(numbers, keys)
        self.collector.add(sorted(findings, key=position))
        return chunk

    def hold_back(self, numbers: np.ndarray, columns: list[pa.Array], rows: list[Row] | None,
                  kinds: RowKinds) -> None:
        """Keep the rows after the chunk's last data row until data follows them or the
        table ends: the blank ones as runs of numbers, the «Разом» ones whole (sections
        were reported: they are sections wherever they stand)."""
        later = np.arange(kinds.end, len(numbers))
        for first, last in runs(numbers[later[kinds.blank[later]]]):
            if self.blank_tail and self.blank_tail[-1][1] == first - 1:
                self.blank_tail[-1][1] = last
            else:
                self.blank_tail.append([first, last])
        totals = later[kinds.totals[later]]
        if len(totals):
            self.held.append(taken((numbers, columns, rows), totals))
            self.held_subtotals.append(kinds.subtotals[totals])

    def resolve_held(self) -> Piece | None:
        """Data follows the rows held back, so they are inside the table: blank rows are
        warned of, subtotals reported; the other «Разом…» rows are records, returned to be
        checked in front of the chunk's."""
        counts = self.collector.report.row_counts
        for first, last in self.blank_tail:  # (warnings past the cap are not made)
            shown = range(first, min(last, first + self.collector.room() - 1) + 1)
            self.collector.add([Finding("blank-row", severity=WARNING, row=n) for n in shown])
            counts["blank"] += last - first + 1
        self.blank_tail = []
        if not self.held:
            return None
        held = stacked(self.held)
        subtotals = np.concatenate(self.held_subtotals)
        self.held, self.held_subtotals = [], []
        numbers, columns, _rows = held
        self.collector.add(self.row_findings(numbers, columns, self.filled(columns), subtotals,
                                             np.zeros(len(numbers), bool)))
        return taken(held, np.flatnonzero(~subtotals))

    def row_kinds(self, numbers: np.ndarray, columns: list[pa.Array]) -> RowKinds:
        """Which rows hold data. Blank rows and rows that look like totals («Разом…») are
        data's business only if data follows them: a blank row inside the table is a
        warning, a «Разом до перемоги» row inside it is a record. Those after the last data
        row are held back until the next chunk or the end of the table (:meth:`finish`).
        Also which cells hold a value (:meth:`filled`), column by column."""
        filled = self.filled(columns)
        blank = ~np.logical_or.reduce(filled) if filled else np.ones(len(numbers), bool)
        totals = self.totals_like(columns, filled, blank)
        subtotals, sections = self.inner_rows(columns, filled, totals)
        data_at = np.flatnonzero(~blank & ~totals & ~sections)
        end = int(data_at[-1]) + 1 if len(data_at) else 0
        inside = np.arange(len(numbers)) < end
        return RowKinds(~blank & ~subtotals & ~sections & inside, end, filled, blank, totals,
                        subtotals, sections)

    def report_rows(self, numbers: np.ndarray, columns: list[pa.Array], kinds: RowKinds
                    ) -> None:
        """The chunk's rows that are not records: blank rows and subtotals inside the
        table, and section headings wherever they stand."""
        inside = np.arange(len(numbers)) < kinds.end
        self.collector.add([Finding("blank-row", severity=WARNING, row=int(n))
                            for n in numbers[kinds.blank & inside]])
        self.collector.add(self.row_findings(numbers, columns, kinds.filled,
                                             kinds.subtotals & inside, kinds.sections))
        self.collector.report.row_counts["blank"] += int((kinds.blank & inside).sum())

    def inner_rows(self, columns: list[pa.Array], filled: list[np.ndarray],
                   totals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows inside a table that are not records: subtotals («Разом:» then numbers, or
        «Разом по району» with numbers and some cells empty) and section headings (one cell
        of text in a table of three columns or more, such as a district's name; not a value
        of its column's type, such as a lone date). «Разом до перемоги» with text, or a
        value in every cell, is a record. Both kinds are few: looked at one by one."""
        subtotals = np.zeros(len(totals), bool)
        sections = np.zeros(len(totals), bool)
        width = min(self.header.width, len(filled))
        if not self.totals_rows or not width:
            return subtotals, sections
        count = np.sum(filled[:width], axis=0)
        for at in np.flatnonzero(totals):
            values = [columns[i][at].as_py() for i in range(width) if filled[i][at]]
            subtotals[at] = all(NUMBERISH.fullmatch(v) for v in values[1:]) and (
                bool(TOTALS_ALONE.fullmatch(values[0])) or count[at] < width)
        if self.header.width >= SECTION_MIN_COLUMNS:
            fields = {i: f for f in self.schema.fields
                      if (i := self.header.columns.get(f.name)) is not None}
            for at in np.flatnonzero((count == 1) & ~totals):
                index = next(i for i in range(width) if filled[i][at])
                value = columns[index][at].as_py()
                of_its_type = index in fields and fields[index].type not in ("string", "any") \
                    and cells.caster(fields[index])(value) is not cells.INVALID
                sections[at] = any(c.isalpha() for c in value) and not of_its_type
        return subtotals, sections

    def row_findings(self, numbers: np.ndarray, columns: list[pa.Array],
                     filled: list[np.ndarray], subtotals: np.ndarray,
                     sections: np.ndarray) -> list[Finding]:
        """Findings for the rows that are not records, at their first filled cell."""
        found = []
        counts = self.collector.report.row_counts
        for code, mask_, key in (("subtotal-row", subtotals, "subtotals"),
                                 ("section-row", sections, "sections")):
            for at in np.flatnonzero(mask_):
                index = next(i for i, f in enumerate(filled) if f[at])
                found.append(Finding(code, row=int(numbers[at]),
                                     column=self.header.letter(index),
                                     value=columns[index][at].as_py()))
            counts[key] += int(mask_.sum())
        return found

    def filled(self, columns: list[pa.Array]) -> list[np.ndarray]:
        """Per column, which cells hold a value: a row of missing values ("", "null"…) is
        blank, as frictionless-py has it."""
        return [~checks.missing_cells(c, self.schema.missing_values) for c in columns]

    def totals_like(self, columns: list[pa.Array], filled: list[np.ndarray],
                    blank: np.ndarray) -> np.ndarray:
        """Rows whose first value, within the header's columns, is «Разом» or alike. That
        value is nearly always in the first column, so the rest is looked at only where the
        first column is empty."""
        totals = np.zeros(len(blank), bool)
        if not self.totals_rows or not columns or not self.header.width:
            return totals
        # only a value that starts with a letter can: the rest of the column is not looked at
        wordy = np.flatnonzero(checks.first_bytes(columns[0]) >= 0x41)  # "A" and up,
        if len(wordy) > FEW_WORDY:  # Cyrillic's lead bytes
            totals[wordy] = checks.mask(pc.match_substring_regex(
                columns[0].take(pa.array(wordy)), TOTALS_RE2))
        else:
            totals[wordy] = [bool(TOTALS.match(columns[0][int(at)].as_py())) for at in wordy]
        for at in np.flatnonzero(~filled[0] & ~blank):
            first = next((i for i, f in enumerate(filled[:self.header.width]) if f[at]), None)
            totals[at] = first is not None and bool(TOTALS.match(columns[first][at].as_py()))
        return totals

    def count_headless(self, numbers: np.ndarray, columns: list[pa.Array]) -> None:
        """Values in columns that have no header, counted per column."""
        for index, column in enumerate(columns):
            if index in self.known_columns:
                continue
            filled = np.flatnonzero(checks.mask(pc.greater(pc.utf8_length(column), 0)))
            if len(filled):
                seen = self.headless.setdefault(index, [0, int(numbers[filled[0]]),
                                                        column[int(filled[0])].as_py()])
                seen[0] += len(filled)

    def headless_findings(self) -> list[Finding]:
        """A lone value beside the table is a value outside it (a note); a column of them
        is a column whose header is missing: one finding at its header cell, not one per
        value."""
        findings = []
        for index, (count, row, value) in sorted(self.headless.items()):
            letter = self.header.letter(index)
            if count == 1:
                findings.append(Finding("extra-cell", row=row, column=letter, value=value))
            else:
                findings.append(Finding("column-without-header", {
                    "count": count, "first": f"{letter}{row}", "header": letter,
                    "row": self.header.row}, row=self.header.row, column=letter))
        return findings

    def field_findings(self, f: Field, index: int, numbers: np.ndarray, texts: pa.Array,
                       result: checks.ColumnResult) -> list[Finding]:
        letter = self.header.letter(index)

        def at(position_: int | np.integer, code: str, params: dict | None = None) -> Finding:
            return Finding(code, params or {}, row=int(numbers[position_]), column=letter,
                           field=f.name, value=texts[position_].as_py())

        findings = []
        absent = checks.mask(pc.is_null(texts)) if texts.null_count else \
            np.zeros(len(texts), bool)
        if self.is_csv:  # a short row: frictionless reports the cell, not the constraint
            findings += [at(p, "missing-cell") for p in np.flatnonzero(absent)]
        if f.required or f.name in self.schema.primary_key:
            findings += [at(p, "required") for p in np.flatnonzero(result.missing & ~absent)]
        errors = np.zeros(len(texts), bool)  # a formula's error, never published
        first = checks.first_bytes(texts)
        if ERROR_START[first].any():
            errors = checks.mask(pc.match_substring_regex(texts, EXCEL_ERROR_RE2))
            for position_ in np.flatnonzero(errors):
                finding = at(position_, "formula-error")
                finding.params = {"excel_error": (finding.value or "").strip()}
                findings.append(finding)
        for position_ in np.flatnonzero(result.invalid & ~errors):
            findings.append(type_error(f, at(position_, "type-error")))
        present = ~result.missing & ~result.invalid
        if checks.has_control_characters(texts):  # a look at the raw bytes first: rare
            hidden = checks.mask(pc.match_substring_regex(texts, CONTROL_RE2))
            findings += [at(p, "control-character") for p in np.flatnonzero(hidden & present)]
        # what Excel would run as a formula when it opens the published CSV (a number such
        # as -5 is not: only text, or what failed its type, is looked at)
        looked_at = ~result.missing & (result.invalid if f.type not in ("string", "any")
                                       else True)
        looked_at &= FORMULA_START[first]
        if looked_at.any():
            formula = checks.mask(pc.match_substring_regex(texts, FORMULA_RE2)) & looked_at
            findings += [at(p, "formula-like-value").with_severity(WARNING)
                         for p in np.flatnonzero(formula)]
        for code, params, rows in result.violations:
            for position_ in np.flatnonzero(rows & ~errors):
                finding = at(position_, code, params)
                if code in ("min-length", "max-length"):
                    finding.params = {**params, "length": len(finding.value or "")}
                restored = code == "pattern" and cells.restored_zeros(params["pattern"],
                                                                        finding.value or "")
                if restored:
                    finding.code, finding.params = "leading-zeros-lost", {"suggestion": restored}
                findings.append(finding)
        codes = codes_of(f.name, f.title) if f.type == "string" else []
        for kind, failed in checksum_failures(codes, texts):  # (trimmed by check())
            findings += [at(p, "checksum", {"kind": kind.label})
                         for p in np.flatnonzero(failed & present & ~errors)]
        return findings

    def add_primary_keys(self, numbers: np.ndarray, keys: dict[str, pa.Array]) -> None:
        self.keys_seen.add([keys[name] for name in self.schema.primary_key], numbers)

    def finish(self, read_findings: list[Finding]) -> None:
        """Repeated values, found once every row is seen, with what the reader noted
        (``read_findings``). Blank rows still pending are at the end of the table: not
        reported."""
        findings = list(read_findings)
        for f in self.schema.fields:
            if f.name in self.seen and f.name in self.header.columns:
                letter = self.header.letter(self.header.columns[f.name])
                findings += [Finding("unique", {"first_row": first}, row=row, column=letter,
                                     field=f.name, value=cells.text_of(value[0]))
                             for row, first, value in self.seen[f.name].found()]
        if self.schema.primary_key and all(n in self.header.columns
                                           for n in self.schema.primary_key):
            name = self.schema.primary_key[0]
            letter = self.header.letter(self.header.columns[name])
            findings += [Finding("primary-key", {"first_row": first}, row=row, column=letter,
                                 field=name, value=" | ".join(map(cells.text_of, value)))
                         for row, first, value in self.keys_seen.found()]
        findings += self.totals_findings() + self.headless_findings()
        self.collector.add(findings)
        self.collector.report.findings.sort(key=position)

    def totals_findings(self) -> list[Finding]:
        """The rows that look like totals at the end of the table (after the last record,
        maybe among blank rows): reported, never published."""
        if not self.held:
            return []
        numbers, columns, _rows = stacked(self.held)
        self.held, self.held_subtotals = [], []
        filled = self.filled(columns)
        found = []
        for at in range(len(numbers)):
            index = next(i for i, f in enumerate(filled) if f[at])
            found.append(Finding("totals-row", row=int(numbers[at]),
                                 column=self.header.letter(index),
                                 value=columns[index][at].as_py()))
        self.collector.report.row_counts["totals"] += len(numbers)
        return found


def typed_cells(f: Field, index: int, rows: list[Row], result: checks.ColumnResult) -> list:
    """The field's typed values for conversion, cast from the cells as the workbook holds
    them; None where missing or invalid (the writer then keeps the text)."""
    cast = cells.caster(f)
    ok = ~result.missing & ~result.invalid
    return [cast(values[index]) if keep and index < len(values) else None
            for (_number, values), keep in zip(rows, ok)]


def type_error(f: Field, finding: Finding) -> Finding:
    finding.params = {"expected": cells.expected(f)}
    suggestion = cells.suggestion(f, finding.value or "")
    if suggestion:
        finding.code = "type-error-hint"
        finding.params["suggestion"] = suggestion
    return finding
