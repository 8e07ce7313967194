"""Validating tables against their schema, and datasets against the portal's rules.

Rows are taken in chunks and checked column by column, so a large CSV is never held in
memory whole. The semantics follow frictionless-py (a value that fails its type is not
checked against constraints; a repeated value is reported where it repeats), and every
finding carries the cell as the user's spreadsheet shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Iterator

from . import cells, datagovua
from .definition import Definition
from .errors import UsageError
from .findings import ERROR, WARNING, Finding
from .schemas import Field, Schema, load_schema
from .sheets import Row, Sheet, read_sheet
from .table import Header, locate_header

CHUNK_ROWS = 20_000
DEFAULT_MAX_ERRORS = 1000
TOTALS = re.compile(r"(разом|всього|усього|итого|підсумок|підсумки|total)\b", re.IGNORECASE)


@dataclass
class TableReport:
    source: str
    sheet: str | None
    header_row: int | None
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)
    hidden: int = 0  # findings past --max-errors, counted but not kept
    dataset: str | None = None
    labels: dict[str, str] = field(default_factory=dict)  # field name → how people call it

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings) + self.hidden

    def json(self, lang: str) -> dict:
        return {"dataset": self.dataset, "source": self.source, "sheet": self.sheet,
                "header_row": self.header_row,
                "rows": self.rows, "errors": [f.table_json(lang) for f in self.findings],
                "hidden": self.hidden}


@dataclass
class Report:
    """What ``opendata validate`` found: dataset metadata findings and one report per table."""

    metadata: list[Finding] = field(default_factory=list)
    tables: list[TableReport] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(f.severity == ERROR for f in self.metadata) and not any(
            t.errors for t in self.tables)

    def json(self, lang: str) -> dict:
        return {"valid": self.valid,
                "metadata": [f.metadata_json(lang) for f in self.metadata],
                "tables": [t.json(lang) for t in self.tables]}


def validate_dataset(definition: Definition, max_errors: int = DEFAULT_MAX_ERRORS) -> Report:
    """Validate a dataset's passport and every resource's source against its schema."""
    report = Report(metadata=datagovua.check_passport(definition.name, definition.passport))
    for resource in definition.resources:
        schema = load_schema(resource.schema_path)
        report.metadata += datagovua.check_column_names(definition.name, schema.field_names())
        table = validate_file(resource.require_source(definition.path), schema,
                              resource.sheet, resource.header_row,
                              max_errors, resource.encoding, resource.delimiter)
        table.dataset = definition.name
        report.tables.append(table)
    return report


def validate_targets(targets: list[Definition | Path], schema_path: str | None = None,
                     sheet: str | None = None, header_row: int | None = None,
                     max_errors: int = DEFAULT_MAX_ERRORS) -> Report:
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
                                               header_row, max_errors))
    return report


def validate_file(path: str | Path, schema: Schema, sheet: str | None = None,
                  header_row: int | None = None, max_errors: int = DEFAULT_MAX_ERRORS,
                  encoding: str | None = None, delimiter: str | None = None) -> TableReport:
    """Validate one spreadsheet or CSV file against ``schema``."""
    opened = read_sheet(path, sheet, encoding, delimiter)
    return validate_sheet(opened, schema, header_row, max_errors)


def validate_sheet(sheet: Sheet, schema: Schema, header_row: int | None = None,
                   max_errors: int = DEFAULT_MAX_ERRORS) -> TableReport:
    scan = TableScan(sheet, schema, header_row, max_errors)
    for _chunk in scan:
        pass
    return scan.report


@dataclass
class Chunk:
    rows: list[Row]
    typed: dict[str, list]  # field name → typed values, None where missing or invalid


class TableScan:
    """One streaming pass over a sheet's data rows: findings go into :attr:`report`, and
    the typed values are yielded chunk by chunk, for conversion."""

    def __init__(self, sheet: Sheet, schema: Schema, header_row: int | None = None,
                 max_errors: int = DEFAULT_MAX_ERRORS):
        self.sheet, self.schema = sheet, schema
        self.header = locate_header(sheet, schema, header_row)
        self.report = TableReport(sheet.source, sheet.name, self.header.row,
                                  labels={f.name: f.label for f in schema.fields})
        self.collector = Collector(self.report, max_errors)
        self.collector.add(self.header.findings)

    def __iter__(self) -> Iterator[Chunk]:
        if self.header.row is None:
            return
        checker = TableChecker(self.schema, self.header, is_csv=self.sheet.name is None)
        for rows in chunks(data_rows(self.sheet, self.header, self.collector)):
            self.report.rows += len(rows)
            findings, typed = checker.check(rows)
            self.collector.add(sorted(findings, key=position))
            yield Chunk(rows, typed)


def position(finding: Finding) -> tuple:
    column = finding.column or ""
    return finding.row or 0, len(column), column  # column "AA" comes after "Z"


class Collector:
    """Keeps findings up to the cap (0 = no cap) and counts the rest."""

    def __init__(self, report: TableReport, cap: int):
        self.report, self.cap = report, cap

    def add(self, findings: list[Finding]) -> None:
        room = len(findings) if not self.cap else max(self.cap - len(self.report.findings), 0)
        self.report.findings.extend(findings[:room])
        self.report.hidden += sum(f.severity == ERROR for f in findings[room:])


def data_rows(sheet: Sheet, header: Header, collector: Collector) -> Iterator[Row]:
    """The rows below the header that hold data: blank rows at the end are dropped, blank
    rows inside the table are skipped with a warning, totals rows are reported."""
    blank: list[int] = []
    for number, values in sheet.rows:
        if number <= header.row:
            continue
        texts = [cells.text_of(v) for v in values]
        if not any(texts):
            blank.append(number)
            continue
        collector.add([Finding("blank-row", severity=WARNING, row=n) for n in blank])
        blank = []
        first = next(i for i, text in enumerate(texts) if text)
        if TOTALS.match(texts[first]) and first < header.width:
            collector.add([Finding("totals-row", row=number, column=header.letter(first),
                                   value=texts[first])])
            continue
        yield number, values


def chunks(rows: Iterator[Row]) -> Iterator[list[Row]]:
    while chunk := list(islice(rows, CHUNK_ROWS)):
        yield chunk


class TableChecker:
    """Checks chunks of data rows; remembers values seen for unique and primary key checks."""

    def __init__(self, schema: Schema, header: Header, is_csv: bool):
        self.schema, self.header, self.is_csv = schema, header, is_csv
        self.missing_values = set(schema.missing_values)
        self.casters = {f.name: cells.caster(f) for f in schema.fields}
        self.seen: dict[str, dict[Any, int]] = {f.name: {} for f in schema.fields
                                                if f.constraints.get("unique")}
        self.keys_seen: dict[tuple, int] = {}
        # a labelled column that is not the schema's was reported once, at its header
        self.known_columns = set(header.columns.values()) | header.labelled

    def check(self, rows: list[Row]) -> tuple[list[Finding], dict[str, list]]:
        findings = self.check_row_shapes(rows)
        typed = {}
        for f in self.schema.fields:
            index = self.header.columns.get(f.name)
            if index is not None:
                typed[f.name] = self.check_column(f, index, rows, findings)
        if self.schema.primary_key and all(name in typed for name in self.schema.primary_key):
            self.check_primary_key(rows, typed, findings)
        return findings, typed

    def check_row_shapes(self, rows: list[Row]) -> list[Finding]:
        """Values in columns that have no header."""
        findings = []
        for number, values in rows:
            for index, raw in enumerate(values):
                if index not in self.known_columns and cells.text_of(raw):
                    findings.append(Finding("extra-cell", row=number,
                                            column=self.header.letter(index),
                                            value=cells.text_of(raw)))
        return findings

    def check_column(self, f: Field, index: int, rows: list[Row],
                     findings: list[Finding]) -> list[Any]:
        """Type and constraint findings for one field; returns the typed values (None if
        missing or invalid) for the primary key check."""
        cast = self.casters[f.name]
        letter = self.header.letter(index)
        seen = self.seen.get(f.name)
        limit = cells.text_of if f.type == "string" else cast  # schema limits to typed values
        result: list[Any] = []
        for number, values in rows:
            if index >= len(values):
                if self.is_csv:
                    findings.append(Finding("missing-cell", row=number, column=letter,
                                            field=f.name))
                result.append(None)
                continue
            raw = values[index]
            text = cells.text_of(raw)
            where = {"row": number, "column": letter, "field": f.name, "value": text}
            if text in self.missing_values:
                if f.required or f.name in self.schema.primary_key:
                    findings.append(Finding("required", **where))
                result.append(None)
                continue
            value = cast(raw)
            if value is cells.INVALID:
                findings.append(type_error(f, where))
                result.append(None)
                continue
            for code, params in cells.constraint_errors(f, value, text, limit):
                findings.append(Finding(code, params, **where))
            if seen is not None:
                if value in seen:
                    findings.append(Finding("unique", {"first_row": seen[value]}, **where))
                else:
                    seen[value] = number
            result.append(value)
        return result

    def check_primary_key(self, rows: list[Row], typed: dict[str, list],
                          findings: list[Finding]) -> None:
        names = self.schema.primary_key
        first = self.header.columns[names[0]]
        for position, (number, _values) in enumerate(rows):
            key = tuple(typed[name][position] for name in names)
            if None in key:
                continue  # already reported as a missing or wrongly typed value
            if key in self.keys_seen:
                findings.append(Finding("primary-key", {"first_row": self.keys_seen[key]},
                                        row=number, column=self.header.letter(first),
                                        field=names[0], value=" ".join(map(str, key))))
            else:
                self.keys_seen[key] = number


def type_error(f: Field, where: dict) -> Finding:
    expected = {"expected": cells.expected(f)}
    suggestion = cells.suggestion(f, where["value"])
    if suggestion:
        return Finding("type-error-hint", {**expected, "suggestion": suggestion}, **where)
    return Finding("type-error", expected, **where)
