"""Writing machine-readable files: UTF-8 CSV, JSON, the dataset structure file, hashes.

Values are written as the schema types them: ISO dates, ``.`` as the decimal mark, integers
without ``.0``, codes as text with their leading zeros, missing values empty (CSV) or null
(JSON). Rows are streamed chunk by chunk, and files are written to a temporary name and
renamed when complete, so a failed run never leaves a half-written file behind. The same
input gives the same bytes: no timestamps, a fixed order.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator, TextIO

from .cells import text_of
from .errors import UsageError
from .schemas import Schema
from .sheets import read_sheet
from .validation import DEFAULT_MAX_ERRORS, Chunk, TableReport, TableScan

FORMATS = {".csv": "csv", ".json": "json"}
STRUCTURE_COLUMNS = ["name", "title", "description", "datatype", "required"]


def convert_file(source: str | Path, schema: Schema, output: str | Path,
                 sheet: str | None = None, header_row: int | None = None,
                 force: bool = False, max_errors: int = DEFAULT_MAX_ERRORS,
                 encoding: str | None = None, delimiter: str | None = None) -> TableReport:
    """Validate ``source`` and write it to ``output`` (.csv or .json) if it is valid (or
    ``force``). The report says what was found; nothing is written for an invalid source."""
    output = Path(output)
    format_ = FORMATS.get(output.suffix.lower())
    if format_ is None:
        raise UsageError("output-format", path=str(output))
    scan = TableScan(read_sheet(source, sheet, encoding, delimiter), schema, header_row,
                     max_errors)
    with atomic_write(output) as file:
        write_table(scan, format_, file)
        if scan.report.errors and not force:
            raise Discard
    return scan.report


class Discard(Exception):
    """Raised inside :func:`atomic_write` to throw away what was written."""


class atomic_write:
    """Write to a temporary file beside ``path``; rename it over ``path`` only on success."""

    def __init__(self, path: Path):
        self.path = path
        self.temporary = path.with_name(f".{path.name}.partial")

    def __enter__(self) -> TextIO:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = self.temporary.open("w", encoding="utf-8", newline="")
        return self.file

    def __exit__(self, kind, error, traceback) -> bool:
        self.file.close()
        if kind is None:
            self.temporary.replace(self.path)
            return False
        self.temporary.unlink(missing_ok=True)
        return kind is Discard


def write_table(scan: TableScan, format_: str, file: TextIO) -> None:
    write_tables(scan, [(format_, file)])


def write_tables(scan: TableScan, outputs: list[tuple[str, TextIO]]) -> None:
    """Write the scanned table to every (format, file) of ``outputs`` in one pass."""
    names = scan.schema.field_names()
    writers = [WRITERS[format_](file, names) for format_, file in outputs]
    for record in table_records(scan):
        for writer in writers:
            writer.write(record)
    for writer in writers:
        writer.close()


class CsvWriter:
    """UTF-8 without BOM, ``,``, ``\n``, the field names as header, minimal quoting."""

    def __init__(self, file: TextIO, names: list[str]):
        self.writer = csv.writer(file, lineterminator="\n")
        self.writer.writerow(names)

    def write(self, record: list[Any]) -> None:
        self.writer.writerow([csv_text(value) for value in record])

    def close(self) -> None:
        pass


class JsonWriter:
    """An array of objects, one per line, values typed as the schema says."""

    def __init__(self, file: TextIO, names: list[str]):
        self.file = file
        self.keys = [json.dumps(name, ensure_ascii=False) for name in names]
        self.separator = "\n"
        file.write("[")

    def write(self, record: list[Any]) -> None:
        pairs = ", ".join(f"{key}: {json_literal(v)}" for key, v in zip(self.keys, record))
        self.file.write(f"{self.separator}{{{pairs}}}")
        self.separator = ",\n"

    def close(self) -> None:
        self.file.write("\n]\n")


WRITERS = {"csv": CsvWriter, "json": JsonWriter}


def table_records(scan: TableScan) -> Iterator[list[Any]]:
    """Each data row as the schema's fields in order; a value that failed validation (kept
    only with --force) is written as its text."""
    missing = set(scan.schema.missing_values)
    columns = [(f.name, scan.header.columns.get(f.name)) for f in scan.schema.fields]
    chunk: Chunk
    for chunk in scan:
        for position, (_number, values) in enumerate(chunk.rows):
            record = []
            for name, index in columns:
                value = chunk.typed[name][position] if index is not None else None
                if value is None and index is not None and index < len(values):
                    text = text_of(values[index])
                    value = None if text in missing else text
                record.append(value)
            yield record


def csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def json_literal(value: Any) -> str:
    if value is None or isinstance(value, (bool, int, Decimal)):
        return "null" if value is None else csv_text(value)
    return json.dumps(csv_text(value), ensure_ascii=False)


def write_structure(schema: Schema, path: Path) -> None:
    """The portal's «Структура набору даних»: one row per column of the published table."""
    with atomic_write(path) as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(STRUCTURE_COLUMNS)
        for f in schema.fields:
            datatype = f.type if f.format == "default" else f"{f.type}:{f.format}"
            writer.writerow([f.name, f.title, f.description, datatype,
                             "true" if f.required or f.name in schema.primary_key else "false"])


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
