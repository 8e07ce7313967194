"""Writing machine-readable files: UTF-8 CSV, JSON, the dataset structure file, hashes.

Values are written as the schema types them: ISO dates, ``.`` as the decimal mark, integers
without ``.0``, codes as text with their leading zeros, missing values empty (CSV) or null
(JSON). Rows are streamed chunk by chunk, and files are written to a temporary name and
renamed when complete, so a failed run never leaves a half-written file behind. The same
input gives the same bytes: no timestamps, a fixed order.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from opendata.check.cells import standard_text
from opendata.check.schemas import Schema
from opendata.check.validation import DEFAULT_MAX_ERRORS, Chunk, TableReport, TableScan
from opendata.errors import OutputError, UsageError
from opendata.paths import Discard, atomic_write
from opendata.read.table import table_sheet

FORMATS = {".csv": "csv", ".json": "json"}
STRUCTURE_COLUMNS = ["name", "title", "description", "datatype", "required"]


def convert_file(source: str | Path, schema: Schema, output: str | Path,
                 sheet: str | None = None, header_row: int | None = None,
                 force: bool = False, max_errors: int = DEFAULT_MAX_ERRORS,
                 encoding: str | None = None, delimiter: str | None = None,
                 totals_rows: bool = True) -> TableReport:
    """Validate ``source`` and write it to ``output`` (.csv or .json) if it is valid (or
    ``force``). The report says what was found; nothing is written for an invalid source."""
    output = Path(output)
    format_ = FORMATS.get(output.suffix.lower())
    if format_ is None:
        raise UsageError("output-format", path=str(output))
    scan = TableScan(table_sheet(source, schema, sheet, header_row, encoding, delimiter),
                     schema, header_row, max_errors, outputs=(format_,),
                     totals_rows=totals_rows)
    try:
        with atomic_write(output) as file:
            write_tables(scan, [(format_, file)])
            if scan.report.errors and not force:
                raise Discard
    except OSError as error:
        raise OutputError.of(error, output) from None
    return scan.report


def write_tables(scan: TableScan, outputs: list[tuple[str, IO[str]]]) -> None:
    """Write the scanned table to every (format, file) of ``outputs`` in one pass; the scan
    must have been made for those formats."""
    names = scan.schema.field_names()
    writers = [WRITERS[format_](file, names) for format_, file in outputs]
    for chunk in scan:
        for writer in writers:
            writer.write(chunk)
    for writer in writers:
        writer.close()


class CsvWriter:
    """UTF-8 without BOM, ``,``, ``\n``, the field names as header, minimal quoting."""

    def __init__(self, file: IO[str], names: list[str]):
        self.names = names
        self.writer = csv.writer(file, lineterminator="\n")
        self.writer.writerow(names)

    def write(self, chunk: Chunk) -> None:
        empty = [""] * chunk.size  # a column missing from the sheet (kept with --force)
        self.writer.writerows(zip(*(chunk.texts.get(name, empty) for name in self.names)))

    def close(self) -> None:
        pass


class JsonWriter:
    """An array of objects, one per line, values typed as the schema says; a value that
    failed validation (kept only with --force) is written as its text."""

    def __init__(self, file: IO[str], names: list[str]):
        self.file, self.names = file, names
        self.keys = [json.dumps(name, ensure_ascii=False) for name in names]
        self.separator = "\n"
        file.write("[")

    def write(self, chunk: Chunk) -> None:
        empty = [None] * chunk.size
        columns = [zip(chunk.typed.get(n, empty), chunk.texts.get(n, empty)) for n in self.names]
        for record in zip(*columns):
            pairs = ", ".join(f"{key}: {json_literal(typed, text)}"
                              for key, (typed, text) in zip(self.keys, record))
            self.file.write(f"{self.separator}{{{pairs}}}")
            self.separator = ",\n"

    def close(self) -> None:
        self.file.write("\n]\n")


WRITERS: dict[str, type[CsvWriter] | type[JsonWriter]] = {"csv": CsvWriter,
                                                          "json": JsonWriter}


def json_literal(value: Any, text: str | None) -> str:
    if value is None:
        return json.dumps(text, ensure_ascii=False) if text else "null"
    if isinstance(value, (bool, int, Decimal)):
        return standard_text(value)
    return json.dumps(standard_text(value), ensure_ascii=False)


def write_structure(schema: Schema, path: Path) -> None:
    """The portal's «Структура набору даних»: one row per column of the published table."""
    with atomic_write(path) as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(STRUCTURE_COLUMNS)
        for f in schema.fields:
            datatype = f.type if f.format == "default" else f"{f.type}:{f.format}"
            writer.writerow([f.name, f.title, f.description, datatype,
                             "true" if f.required or f.name in schema.primary_key else "false"])

