"""Reading spreadsheets and CSV files into rows that keep their Excel positions.

Workbooks (xlsx, xls, ods) are read with python-calamine: it is many times faster than
openpyxl and gives typed cells (numbers, dates, booleans). CSV files are read as text after
detecting their encoding (UTF-8 with or without BOM, or a single-byte Cyrillic code page such
as cp1251) and their delimiter; they are streamed, never held in memory whole.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from opendata.check.findings import WARNING, Finding
from opendata.errors import SourceError
from opendata.read import xlsx
from opendata.read.limits import LIMITS, LimitExceeded
from opendata.read.xlsx import column_letter

# a workbook's extension → the format its bytes should be in
WORKBOOK_EXTENSIONS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}
CSV_EXTENSIONS = (".csv", ".tsv", ".txt")
# spreadsheets opendata does not read: named as files (never taken for a dataset's name)
OTHER_SHEETS = (".xlsb", ".xltx", ".xltm", ".xlt", ".numbers", ".ots", ".fods", ".et")
DELIMITERS = (",", ";", "\t", "|")
# Single-byte Cyrillic code pages, most likely first: Ukrainian Windows saves cp1251.
CYRILLIC_ENCODINGS = ("cp1251", "koi8-u", "mac_cyrillic", "cp866")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
SAMPLE_BYTES = 1 << 20
BLOCK_BYTES = 1 << 21  # what Arrow parses at a time (its reader also reads one ahead)
GROUP_TITLE_ROWS = 30  # where a header's group titles are looked for (as the header is)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not in text files

Row = tuple[int, list]  # (row number as Excel shows it, cell values from the first column)


@dataclass
class Sheet:
    """One table-shaped area of a file: a worksheet, or the whole CSV file."""

    source: str
    name: str | None  # the worksheet's name; None for CSV
    first_column: int  # 0-based index of the column that each row's first value is in
    rows: Iterator[Row]
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[Finding] = field(default_factory=list)  # what reading saw: warnings
    # (row, column index) → (finding code, parameters) for cells the reader saw wrong: a
    # formula error (#REF!, #DIV/0!…), a cell in another encoding
    cell_errors: dict[tuple[int, int], tuple[str, dict]] = field(default_factory=dict)
    # the workbook's other visible sheets, after this one, when no sheet was named
    others: list[str] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)  # rows hidden in Excel

    def skip_hidden_rows(self) -> None:
        """Leave out the rows Excel hides (``hidden_rows: skip`` in the definition), and say
        so instead of warning that they will be published."""
        if not self.hidden_rows:
            return
        hidden = self.hidden_rows
        self.rows = (row for row in self.rows if row[0] not in hidden)
        self.notes = [Finding("hidden-rows-skipped", note.params, severity=WARNING)
                      if note.code == "hidden-rows" else note for note in self.notes]

    def head(self, count: int) -> list[Row]:
        """The first ``count`` rows, leaving :attr:`rows` able to yield them again."""
        taken = list(islice(self.rows, count))
        self.rows = chain(taken, self.rows)
        return taken


def read_sheet(path: str | Path, sheet: str | None = None, encoding: str | None = None,
               delimiter: str | None = None) -> Sheet:
    """Open ``path`` and return its sheet named ``sheet`` (default: the first visible)."""
    path = Path(path)
    if not path.is_file():
        raise SourceError("file-not-found", path=str(path))
    extension = path.suffix.lower()
    try:
        if path.stat().st_size == 0:
            raise SourceError("file-empty", path=str(path))
        if extension in WORKBOOK_EXTENSIONS:
            return read_workbook_sheet(path, sheet)
        if extension in CSV_EXTENSIONS:
            return read_csv(path, encoding, delimiter)
    except PermissionError as error:
        raise SourceError("file-unreadable", path=str(path),
                          reason=" ".join(str(error.strerror).split())) from None
    raise SourceError("file-unsupported", path=str(path), extension=extension or path.name)


def sheets_to_try(path: str | Path, sheet: str | None = None, encoding: str | None = None,
                  delimiter: str | None = None) -> Iterator[Sheet]:
    """The sheet named; without a name, the first visible sheet and then each other visible
    one, for workbooks whose first sheet is an instruction or a title page."""
    first = read_sheet(path, sheet, encoding, delimiter)
    yield first
    for name in first.others:
        yield read_sheet(path, name)


def read_workbook_sheet(path: Path, sheet: str | None) -> Sheet:
    """A worksheet, read with python-calamine once the file has been looked at: its bytes
    decide the format whatever its extension says (with a warning when they disagree), an
    xlsx sheet's real extent is checked against the limits and its formula errors found
    (:mod:`opendata.read.xlsx`), and xls and ods files, whose readers cannot be bounded from
    here, are first read in a separate process with memory and time limits. A panic of the
    native reader is a corrupt file, never a crash."""
    kind = workbook_kind(path)
    notes = []
    if kind != WORKBOOK_EXTENSIONS[path.suffix.lower()]:
        notes.append(Finding("file-extension-mismatch", {"kind": kind}, severity=WARNING))
    if kind != "xlsx":  # before this process opens it at all
        probe_in_subprocess(path, sheet, kind == WORKBOOK_EXTENSIONS[path.suffix.lower()])
    try:
        workbook = open_workbook(path, kind)
        visible = [m.name for m in workbook.sheets_metadata
                   if str(m.visible).endswith("Visible") and str(m.typ).endswith("WorkSheet")]
        names = workbook.sheet_names
        if sheet is not None and sheet not in names:
            raise SourceError("sheet-not-found", path=str(path), sheet=sheet,
                              available=", ".join(f"«{n}»" for n in names))
        if sheet is None:
            name = visible[0] if visible else names[0]
            hidden = [n for n in names[:names.index(name)] if n not in visible]
            if hidden:
                notes.append(Finding("hidden-sheets-skipped", {
                    "sheets": ", ".join(f"«{n}»" for n in hidden), "sheet": name},
                    severity=WARNING))
        else:
            name = sheet
        errors = {}
        hidden_rows: set[int] = set()
        if kind == "xlsx":
            looked = xlsx.inspect(path, name)
            errors = {at: ("formula-error", {"excel_error": code})
                      for at, code in looked.errors.items()}
            notes += hidden_notes(looked)
            hidden_rows = looked.hidden_rows
        found = workbook.get_sheet_by_name(name)
        # row by row, as Python lists only as they are read: the whole sheet as lists
        # would take several times the memory calamine holds it in
        start = found.start
        values = found.iter_rows()
        for _skipped in range(start[0] if start else 0):  # iter_rows starts at row 1
            next(values, None)
        head = list(islice(values, GROUP_TITLE_ROWS + 1)) if start else []
        merged = found.merged_cell_ranges or []
    except (SourceError, LimitExceeded):
        raise
    except BaseException as error:  # calamine's errors, and a panic of its native code
        if isinstance(error, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        raise SourceError("file-corrupt", path=str(path),
                          reason=" ".join(str(error).split())[:200]) from None
    if not head:  # calamine gives no start for a sheet without a used cell
        raise SourceError("sheet-empty", path=str(path), sheet=name)
    first_row, first_column = start
    compose_group_titles(head, [((r0 - first_row, c0 - first_column),
                                 (r1 - first_row, c1 - first_column))
                                for (r0, c0), (r1, c1) in merged])
    rows = ((first_row + 1 + offset, row) for offset, row in enumerate(chain(head, values)))
    others = [n for n in visible if n != name] if sheet is None else []
    return Sheet(str(path), name, first_column, rows, notes=notes, cell_errors=errors,
                 others=others, hidden_rows=hidden_rows)


def compose_group_titles(values: list[list], merged: list) -> None:
    """A header on two rows, a group title merged over the columns it groups and their own
    titles below it (``Адреса`` over ``вулиця`` and ``будинок``), becomes one row of whole
    titles in place: ``Адреса: вулиця``, ``Адреса: будинок``; a column's title in the top
    row only (``№``, merged down or not) moves down to it; the titles moved leave their
    cells above empty, so that the header is one row. The lower row is a header only if
    nothing stands in it beside the groups' own titles: a record under a merged title
    (``ПІБ`` over a surname and a name, and values in every other column) stays a record.
    A merge over the whole width is the table's title, not a group, and is left alone; so
    is everything below the first rows."""
    def cell(row: int, column: int):  # type: ignore[no-untyped-def]
        if 0 <= row < len(values) and 0 <= column < len(values[row]):
            return values[row][column]
        return None

    def text(row: int, column: int) -> str:
        value = cell(row, column)
        return value.strip() if isinstance(value, str) else ""

    def filled(row: int, column: int) -> bool:
        value = cell(row, column)
        return value is not None and (text(row, column) != "" or not isinstance(value, str))

    groups: dict[int, list] = {}  # the row of own titles → the groups above it
    for (top, left), (bottom, right) in merged:
        below = bottom + 1
        if right <= left or not 0 <= top < GROUP_TITLE_ROWS or below >= len(values) or \
                not text(top, left):
            continue
        if not all(text(below, c) for c in range(left, right + 1)):
            continue  # a group has a title over each of its columns
        others = [c for c in range(len(values[top])) if not left <= c <= right and
                  (text(top, c) or text(below, c))]
        if others:  # something beside it: a group, not the table's title
            groups.setdefault(below, []).append(((top, left), (bottom, right)))
    for below, spans in groups.items():
        grouped = {c for (_t, left), (_b, right) in spans for c in range(left, right + 1)}
        width = max(len(values[below]), *(len(values[t]) for (t, _l), _end in spans))
        beside = [c for c in range(width) if c not in grouped]
        if any(filled(below, c) for c in beside):
            continue  # values beside the groups' titles: a record, or titles of its own
        for (top, left), (_bottom, right) in spans:
            title = text(top, left)
            for column in range(left, right + 1):
                values[below][column] = f"{title}: {text(below, column)}"
            values[top][left] = None
        top = min(t for (t, _l), _end in spans)
        for column in beside:  # a title in the top row only: merged down, or not
            if text(top, column) and column < len(values[below]):
                values[below][column] = text(top, column)
                values[top][column] = None


def hidden_notes(looked: xlsx.SheetXml) -> list[Finding]:
    """Warnings naming the rows and columns hidden in Excel: read and published as they are,
    though the person who sees the sheet does not see them."""
    notes = []
    if looked.hidden_rows:
        notes.append(Finding("hidden-rows", {"rows": spans(sorted(looked.hidden_rows))},
                             severity=WARNING))
    if looked.hidden_columns:
        columns = sorted(looked.hidden_columns)
        notes.append(Finding("hidden-columns", {"columns": ", ".join(
            column_letter(first) + (f"–{column_letter(last)}" if last > first else "")
            for first, last in ranges(columns))}, severity=WARNING))
    return notes


def ranges(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs: [3, 4, 5, 9] → [(3, 5), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def spans(numbers: list[int]) -> str:
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges(numbers))


def workbook_kind(path: Path) -> str:
    """xlsx, ods or xls, by the file's bytes; a text file or anything else is refused."""
    import zipfile

    with path.open("rb") as file:
        head = file.read(4096)
    if head.startswith(OLE_MAGIC):
        if encrypted(path):
            raise SourceError("file-encrypted", path=str(path))
        return "xls"
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except xlsx.ZIP_ERRORS as error:
            raise SourceError("file-corrupt", path=str(path),
                              reason=" ".join(str(error).split())[:200]) from None
        return "ods" if "content.xml" in names else "xlsx"
    kind = "ODS" if path.suffix.lower() == ".ods" else "Excel"  # as the message names it
    if looks_like_text(head, detect_encoding(path)):
        raise SourceError("file-looks-like-csv", path=str(path), kind=kind)
    raise SourceError("file-not-workbook", path=str(path), kind=kind)


def encrypted(path: Path) -> bool:
    """Whether an OLE file is Excel's password-protected workbook: an xlsx encrypted into
    an "EncryptedPackage" stream (its name is in the file's directory, UTF-16)."""
    with path.open("rb") as file:
        return "EncryptedPackage".encode("utf-16-le") in file.read(1 << 20)


def open_workbook(path: Path, kind: str):
    from python_calamine import CalamineWorkbook

    if kind == WORKBOOK_EXTENSIONS[path.suffix.lower()]:
        return CalamineWorkbook.from_path(str(path))
    with path.open("rb") as file:  # the extension lies: calamine reads by content
        return CalamineWorkbook.from_filelike(file)


PROBE = """
import re, resource, sys
megabytes, seconds = int(sys.argv[3]), int(sys.argv[4])

def bound(kind, wanted):  # never above what the system allows (a huge setting is the most)
    hard = resource.getrlimit(kind)[1]
    wanted = min(wanted, 1 << 62, hard if hard != resource.RLIM_INFINITY else 1 << 62)
    resource.setrlimit(kind, (wanted, hard))

bound(resource.RLIMIT_AS, megabytes << 20)
bound(resource.RLIMIT_CPU, seconds)
from python_calamine import CalamineWorkbook
name = sys.argv[2]
try:
    with open(sys.argv[1], "rb") as file:  # by its path when its extension is right
        workbook = CalamineWorkbook.from_path(sys.argv[1]) if sys.argv[6] == "path" else \
            CalamineWorkbook.from_filelike(file)
        names = workbook.sheet_names
        visible = [m.name for m in workbook.sheets_metadata
                   if str(m.visible).endswith("Visible")]
        name = sys.argv[2] or (visible or names)[0]
        if name not in names:
            sys.exit(0)  # said by the reader itself, once this child has opened it safely
        sheet = workbook.get_sheet_by_name(name)
        if sheet.height * sheet.width > int(sys.argv[5]):
            print(name, sys.argv[5], sep="\t")
            sys.exit(3)
        sheet.to_python(skip_empty_area=True)
except Exception as error:
    said = re.search(r"limit exceeded.*max (\\d+)", str(error), re.IGNORECASE)
    if said:  # the reader's own cap on cells, lower than ours
        print(name, said.group(1), sep="\t")
        sys.exit(3)
    raise
"""


def probe_in_subprocess(path: Path, sheet: str | None, by_path: bool) -> None:
    """Read the sheet once in a child process bounded in memory and time: a file that
    makes the reader ask for gigabytes or spin ends that child, not opendata."""
    import subprocess
    import sys

    command = [sys.executable, "-c", PROBE, str(path), sheet or "", str(LIMITS.reader_megabytes),
               str(LIMITS.reader_seconds), str(LIMITS.max_cells), "path" if by_path else ""]
    try:
        done = subprocess.run(command, capture_output=True, timeout=LIMITS.reader_seconds + 5)
    except subprocess.TimeoutExpired:
        done = None
    if done is not None and done.returncode == 0:
        return
    said = done.stderr.decode("utf-8", "replace").strip().splitlines() if done else []
    if done is not None and done.returncode == 1 and said and "MemoryError" not in said[-1]:
        raise SourceError("file-corrupt", path=str(path), reason=said[-1][:200])
    if done is not None and done.returncode == 3:
        name, _tab, limit = done.stdout.decode("utf-8", "replace").rstrip().partition("\t")
        limit = f"{int(limit) if limit.isdigit() else LIMITS.max_cells:,}"
        if name or sheet:
            raise LimitExceeded("limit-sheet-cells-many", path=str(path), sheet=name or sheet,
                                limit=limit)
        raise LimitExceeded("limit-workbook-cells-many", path=str(path), limit=limit)
    raise LimitExceeded("limit-reader", path=str(path), megabytes=LIMITS.reader_megabytes,
                        seconds=LIMITS.reader_seconds)


def looks_like_text(data: bytes, encoding: str) -> bool:
    """Whether a file's first bytes are text: a few control characters (or NULs) are a
    text's flaws, found cell by cell; more than one character in a hundred is binary."""
    # incremental: a character cut by the end of the sample is held back, not "replaced"
    errors = "surrogateescape" if encoding == MIXED else "replace"
    text = codecs.getincrementaldecoder(text_encoding(encoding))(errors=errors).decode(data)
    flaws = len(CONTROL_CHARACTERS.findall(text))  # NUL among them
    return flaws <= max(2, len(text) // 100) and "\ufffd" not in text


def read_csv(path: Path, encoding: str | None, delimiter: str | None) -> Sheet:
    encoding = encoding or detect_encoding(path)
    with path.open("rb") as file:
        sample = file.read(SAMPLE_BYTES)
    if not looks_like_text(sample, encoding):
        raise SourceError("file-not-text", path=str(path))
    text = sample.decode(text_encoding(encoding), errors="replace")
    if len(sample) == SAMPLE_BYTES:  # drop the last line, cut by the sample's end
        text = text[: text.rfind("\n") + 1] or text
    delimiter = delimiter or detect_delimiter(text)
    sheet = Sheet(str(path), None, 0, iter(()), encoding, delimiter)
    sheet.rows = csv_rows(path, encoding, delimiter, sheet.cell_errors)
    return sheet


MIXED = "utf-8+cp1251"  # UTF-8, but some cells were saved in cp1251
MIXED_CP1251 = "cp1251+utf-8"  # cp1251, but some cells were saved in UTF-8
UTF8_WORD = re.compile("[\u0400-\u04ff]{3,}")


def text_encoding(encoding: str) -> str:
    return {MIXED: "utf-8", MIXED_CP1251: "cp1251"}.get(encoding, encoding)


def csv_reader(lines, delimiter: str):
    """Python's csv reader with our cell limit ([limits] max_cell_chars), not its own
    default of 131,072 characters."""
    import sys

    csv.field_size_limit(min(LIMITS.max_cell_chars, sys.maxsize))
    return csv.reader(lines, delimiter=delimiter)


def csv_rows(path: Path, encoding: str, delimiter: str,
             cell_errors: dict | None = None) -> Iterator[Row]:
    """The records of a CSV file, numbered from 1. A NUL becomes ␀ (the csv module cannot
    hold it; the validator reports it). In a file of mixed encodings, a cell that is not
    UTF-8 is read as cp1251 and noted in ``cell_errors``: never silently mojibake."""
    mixed = encoding in (MIXED, MIXED_CP1251)
    errors = "surrogateescape" if encoding == MIXED else "strict"
    with path.open("r", encoding=text_encoding(encoding), errors=errors, newline="") as file:
        lines = (line.replace("\0", "\u2400") for line in file)
        reader = csv_reader(lines, delimiter)
        try:
            for number, row in enumerate(reader, start=1):
                if len(row) > LIMITS.max_columns:
                    raise LimitExceeded("limit-columns", path=str(path), row=number,
                                        columns=len(row), limit=LIMITS.max_columns,
                                        key="max_columns")
                if mixed:
                    row = [other_encoding(cell, number, column, cell_errors, encoding)
                           for column, cell in enumerate(row)]
                yield number, row
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise LimitExceeded("limit-cell", path=str(path), row=reader.line_num,
                                    limit=LIMITS.max_cell_chars, key="max_cell_chars") from None
            raise SourceError("file-corrupt", path=str(path),
                              reason=" ".join(str(error).split())) from None
        except UnicodeDecodeError as error:
            raise SourceError("file-corrupt", path=str(path),
                              reason=" ".join(str(error).split())) from None


def other_encoding(cell: str, row: int, column: int, cell_errors: dict | None,
                   encoding: str) -> str:
    """A cell saved in the file's other encoding, read as that encoding (what was meant),
    and noted as a finding that shows it both ways."""
    if encoding == MIXED:  # UTF-8 file: bytes that are not UTF-8 came in as surrogates
        if not any("\udc80" <= ch <= "\udcff" for ch in cell):
            return cell
        raw = cell.encode("utf-8", "surrogateescape")
        meant, shown = raw.decode("cp1251", "replace"), raw.decode("utf-8", "replace")
        params = {"as_utf8": shown, "as_cp1251": meant, "other": "cp1251", "base": "UTF-8",
                  "shown": shown}
    else:  # cp1251 file: UTF-8 Cyrillic reads as «РќС–Р¶РёРЅ»
        if "Р" not in cell and "С" not in cell:
            return cell
        try:
            meant = cell.encode("cp1251").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return cell
        if not UTF8_WORD.search(meant):
            return cell
        params = {"as_utf8": meant, "as_cp1251": cell, "other": "UTF-8", "base": "cp1251",
                  "shown": cell}
    if cell_errors is not None:
        cell_errors[(row, column)] = ("mixed-encoding", params)
    return meant


class RaggedCsv(Exception):
    """A row whose cell count differs from the others (or a blank line): Arrow's reader
    cannot say where; the row-by-row reader can."""


def arrow_csv_batches(path: Path, encoding: str, delimiter: str, skip_rows: int, width: int):
    """The records after the first ``skip_rows``, ``width`` cells each, as Arrow record
    batches of text, parsed by Arrow's multithreaded C++ reader a block at a time, so memory
    does not grow with the file. Where the records start is found by the same reader that
    reads the header (:func:`csv_rows`), so both agree on every quote and line end. Raises
    :class:`RaggedCsv` at the first row of another width, and for encodings whose quotes
    and newlines are not single bytes."""
    import pyarrow as pa
    from pyarrow import csv as arrow_csv

    if encoding.startswith(("utf-16", "utf-32")) or encoding in (MIXED, MIXED_CP1251) or \
            width == 0:  # (an empty first record: Arrow would guess names and types)
        raise RaggedCsv  # read row by row
    names = [f"c{i}" for i in range(width)]
    options = {
        "read_options": arrow_csv.ReadOptions(column_names=names, block_size=BLOCK_BYTES,
                                              encoding=encoding.removesuffix("-sig")),
        "parse_options": arrow_csv.ParseOptions(
            delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False,
            invalid_row_handler=lambda _row: "error"),  # Arrow then raises ArrowInvalid
        "convert_options": arrow_csv.ConvertOptions(
            column_types={name: pa.string() for name in names}, null_values=[],
            strings_can_be_null=False, quoted_strings_can_be_null=False),
    }
    with path.open("rb") as file:
        file.seek(record_offset(path, encoding, delimiter, skip_rows))
        try:
            reader = arrow_csv.open_csv(file, **options)
            for batch in reader:
                if any(longest(column) > LIMITS.max_cell_chars for column in batch.columns):
                    raise RaggedCsv  # read row by row, which names the row past the limit
                yield batch
        except StopIteration:
            return
        except pa.ArrowInvalid:
            raise RaggedCsv


def longest(column) -> int:
    """The most characters a value of an Arrow text column holds (its bytes first: cheap)."""
    import pyarrow.compute as pc

    most = pc.max(pc.binary_length(column)).as_py() or 0
    return most if most <= LIMITS.max_cell_chars else \
        pc.max(pc.utf8_length(column)).as_py() or 0


def record_offset(path: Path, encoding: str, delimiter: str, records: int) -> int:
    """The byte offset just after the first ``records`` records, as :func:`csv_rows` reads
    them (quotes, CR, LF or CRLF line ends alike)."""
    consumed: list[str] = []

    def lines(file):
        for line in file:
            consumed.append(line)
            yield line

    with path.open("r", encoding=encoding, newline="") as file:
        reader = csv_reader(lines(file), delimiter)
        try:
            for _ in islice(reader, records):
                pass
        except csv.Error:  # a cell past the limit: csv_rows names it when it reads there
            pass
    bom = len(codecs.BOM_UTF8) if encoding == "utf-8-sig" else 0
    return bom + len("".join(consumed).encode(encoding.removesuffix("-sig")))


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes as such, else a Cyrillic code page."""
    with path.open("rb") as file:
        head = file.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            return "utf-32"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"  # what Excel's "Unicode text" writes
        file.seek(0)
        if is_utf8(file):
            return "utf-8"
        file.seek(0)
        sample = file.read(SAMPLE_BYTES)
    # UTF-8 words beside bytes that are not UTF-8: cells saved in two encodings. (A cp1251
    # capital before і or є happens to be a valid UTF-8 letter; three in a row do not.)
    # The file's encoding is the one most of its letters are in.
    text = sample.decode("utf-8", errors="surrogateescape")
    if UTF8_WORD.search(text):
        invalid = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
        valid = sum(1 for ch in text if ch >= "\u0080") - invalid
        return MIXED if valid >= invalid else MIXED_CP1251
    return best_cyrillic_encoding(sample)


def is_utf8(file, block_bytes: int = 1 << 20) -> bool:
    """Whether the rest of ``file`` is UTF-8, every byte of it (one cell saved in cp1251
    deep in a file makes it a file of two encodings). Checked by Arrow's validator a block
    at a time: several times faster than decoding it, memory one block."""
    import numpy as np
    import pyarrow as pa

    tail = b""  # a character cut by the block's end, put in front of the next block
    for block in iter(lambda: file.read(block_bytes), b""):
        data = tail + block
        end = len(data) - cut_character(data)
        tail = data[end:]
        offsets = pa.py_buffer(np.array([0, end], dtype=np.int32).tobytes())
        try:
            pa.Array.from_buffers(pa.string(), 1, [None, offsets, pa.py_buffer(data)]
                                  ).validate(full=True)
        except pa.ArrowInvalid:
            return False
    return not tail


def cut_character(data: bytes) -> int:
    """How many bytes at the end of ``data`` begin a character that needs more bytes."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # not a continuation byte: a character starts here
            needs = 1 if byte < 0xC0 else 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return back if needs > back else 0
    return 0


def best_cyrillic_encoding(data: bytes) -> str:
    """The code page under which ``data`` reads most like Cyrillic prose.

    Every single-byte code page decodes any bytes, so each is scored on the text it gives:
    inside words letters are mostly lowercase, and symbols from the upper half are rare.
    Detectors that only count letter frequencies mistake cp1251 for MacCyrillic, whose
    lowercase letters sit at the same bytes.
    """
    return max(CYRILLIC_ENCODINGS, key=lambda encoding: cyrillic_score(data, encoding))


def cyrillic_score(data: bytes, encoding: str) -> int:
    # incremental: a character cut by the end of the sample is held back, not "replaced"
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(data)
    score = 0
    previous = " "
    for ch in text:
        if ch >= "\u0080":
            if not ("\u0400" <= ch <= "\u04ff"):
                score -= 2  # a symbol where a letter was likely meant
            elif previous.isalpha():
                score += 1 if ch.islower() else -1 if previous.islower() else 0
        previous = ch
    return score


def detect_delimiter(text: str) -> str:
    """The delimiter that splits most rows of ``text`` into the same number of cells (> 1)."""
    lines = [line for line in text.splitlines() if line.strip()][:50]
    best, best_key = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = Counter(len(row) for row in csv_reader(io.StringIO("\n".join(lines)),
                                                            delimiter))
        except csv.Error:  # a cell past the limit: said when the rows are read
            continue
        width, count = max(((w, c) for w, c in widths.items() if w > 1),
                           key=lambda item: (item[1], item[0]), default=(0, 0))
        if (count, width) > best_key:
            best, best_key = delimiter, (count, width)
    return best

