"""A look at an xlsx file's own XML before python-calamine reads it.

calamine holds a sheet as one dense block from its first to its last used cell, so a single
cell at XFD1048576 asks for seventeen billion cells and the process dies; and it reads
formula errors (#REF!, #DIV/0!, #N/A) as empty cells. One streaming pass over the sheet's
XML (compiled regular expressions on decompressed blocks, no parser) finds the real extent,
which is checked against the limits before calamine allocates anything, and the cells that
hold formula errors. The zip itself is checked first: a part that unpacks to far more than
it packs is a zip bomb.
"""

from __future__ import annotations

import functools
import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from opendata.errors import SourceError
from opendata.read.limits import LIMITS, LimitExceeded

BLOCK = 1 << 22
# what Python's zipfile raises for a damaged or foreign archive (NotImplementedError: a zip
# version or compression method it does not read)
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, KeyError, OSError,
              EOFError)
MAX_COLUMNS = 16384  # Excel's: XFD
SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
ROW = re.compile(rb'(?:<|:)row\b[^>]*?\br="(\d+)"')
FAR_ROW = re.compile(rb'r="[A-Z]{1,3}(\d{6,})"')  # a cell's own row, from 100000 on
WIDE_COLUMN = re.compile(rb'r="([A-Z]{2,})\d')  # cell references beyond column Z
ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b(?=[^>]*?\bt="e")[^>]*?\br="([A-Z]+)(\d+)"[^>]*>'
                        rb'.*?<(?:\w+:)?v>([^<]*)</', re.DOTALL)


HIDDEN = b'hidden="'
HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b(?=[^>]*\bhidden="(?:1|true)")[^>]*?\br="(\d+)"')
HIDDEN_COLUMNS = re.compile(rb'<(?:\w+:)?col\b[^>]*\bhidden="(?:1|true)"[^>]*>')


@dataclass
class SheetXml:
    rows: int = 0  # the last row number used
    columns: int = 0  # the last column number used
    cells: int = 0  # cells written (a sheet may leave out their references)
    row_tags: int = 0  # rows written
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → #N/A…
    hidden_rows: set[int] = field(default_factory=set)  # as Excel numbers them
    hidden_columns: set[int] = field(default_factory=set)  # 0-based


def column_letter(index: int) -> str:
    """Excel's letter for the 0-based column ``index``: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def inspect(path: Path, sheet: str) -> SheetXml:
    """The extent and formula errors of ``sheet``; refuses a zip bomb or a sheet beyond the
    cell limit, naming the limit. A file read again in the same run (for a report) is not
    looked at twice."""
    status = path.stat()
    return inspect_once(path.resolve(), sheet, status.st_size, status.st_mtime_ns,
                        LIMITS.max_cells)


@functools.lru_cache(maxsize=16)
def inspect_once(path: Path, sheet: str, _size: int, _mtime: int, _limit: int) -> SheetXml:
    try:
        with zipfile.ZipFile(path) as archive:
            check_sizes(path, archive)
            part = sheet_part(archive, sheet)
            if part is None:
                return SheetXml()
            with archive.open(part) as stream:
                found = scan(stream)
    except ZIP_ERRORS as error:
        raise SourceError("file-corrupt", path=str(path),
                          reason=" ".join(str(error).split())[:200]) from None
    rows = max(found.rows, found.row_tags)
    cells = max(rows * max(found.columns, 1), found.cells)
    if cells > LIMITS.max_cells:
        raise LimitExceeded("limit-sheet-cells", path=str(path), sheet=sheet,
                            last=f"{column_letter(max(found.columns, 1) - 1)}{rows}",
                            cells=f"{cells:,}", limit=f"{LIMITS.max_cells:,}", key="max_cells")
    return found


def check_sizes(path: Path, archive: zipfile.ZipFile) -> None:
    total = 0
    for member in archive.infolist():
        total += member.file_size
        packed = max(member.compress_size, 1)
        if member.file_size > 10 << 20 and member.file_size / packed > LIMITS.max_zip_ratio:
            raise LimitExceeded("limit-zip-ratio", path=str(path), part=member.filename,
                                ratio=member.file_size // packed, limit=LIMITS.max_zip_ratio,
                                key="max_zip_ratio")
    if total > LIMITS.max_unzipped_bytes:
        raise LimitExceeded("limit-unzipped", path=str(path), size=total >> 20,
                            limit=LIMITS.max_unzipped_bytes >> 20, key="max_unzipped_bytes")


def sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding ``sheet``, through workbook.xml and its relationships."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return None
    relation = None
    for tag in SHEET_TAG.findall(archive.read("xl/workbook.xml")):
        attributes = {k.split(b":")[-1]: v for k, v in ATTRIBUTE.findall(tag)}
        if html.unescape(attributes.get(b"name", b"").decode("utf-8", "replace")) == sheet:
            relation = attributes.get(b"id")
    for tag in RELATIONSHIP.findall(archive.read("xl/_rels/workbook.xml.rels")):
        attributes = dict(ATTRIBUTE.findall(tag))
        if relation is not None and attributes.get(b"Id") == relation:
            target = attributes.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            return part if part in names else None
    return None


def scan(stream) -> SheetXml:
    """One pass over the sheet's XML, a block at a time; each block is cut before its last
    row, which goes on with the next, so that no tag or cell is split."""
    found = SheetXml()
    carry = b""
    while True:
        block = stream.read(BLOCK)
        data = carry + block
        cut = data.rfind(b"<row", 1) if block else -1
        whole, carry = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
        if block and cut <= 0:
            carry, whole = data, b""  # one row longer than a block: read on
        # rows come in order: the block's last row tag is enough; a cell may name a row of
        # its own, and only long row numbers matter
        last = max(whole.rfind(b"<row "), whole.rfind(b":row "))
        row = ROW.match(whole, last) if last >= 0 else None
        if row:
            found.rows = max(found.rows, int(row.group(1)))
        found.rows = max([found.rows, *map(int, FAR_ROW.findall(whole))])
        # cells and rows as written, whether or not they carry their optional r="A1"
        cells, narrow = cells_and_width(whole)
        found.cells += cells
        found.row_tags += whole.count(b"<row") + whole.count(b":row ")
        found.columns = max(found.columns, narrow)
        for letters in set(WIDE_COLUMN.findall(whole)):
            found.columns = max(found.columns, column_number(letters.decode()))
        if HIDDEN in whole:
            found.hidden_rows.update(int(n) for n in HIDDEN_ROW.findall(whole))
            for tag in HIDDEN_COLUMNS.findall(whole):
                attributes = dict(ATTRIBUTE.findall(tag))
                first, last = int(attributes.get(b"min", 0)), int(attributes.get(b"max", 0))
                if 0 < first <= last <= MAX_COLUMNS:
                    found.hidden_columns.update(range(first - 1, last))
        if b't="e"' in whole:
            for letters, row, code in ERROR_CELL.findall(whole):
                position = (int(row), column_number(letters.decode()) - 1)
                found.errors[position] = html.unescape(code.decode("utf-8", "replace"))
        if not block:
            return found


def cells_and_width(block: bytes) -> tuple[int, int]:
    """(cells written in ``block``: ``<c `` or ``<c>`` tags, with or without a namespace
    prefix; the widest column among references of one letter, r="A1" to r="Z9", as a
    number). The block's bytes are looked at as a NumPy array: a few passes of
    comparisons, not a search for every letter."""
    import numpy as np

    data = np.frombuffer(block, dtype=np.uint8)
    if len(data) < 5:
        return 0, 0
    head, second, third = data[:-4], data[1:-3], data[2:-2]
    cells = int(np.count_nonzero(((head == 60) | (head == 58)) & (second == 99) &  # "<c", ":c"
                                 ((third == 32) | ((third == 62) & (head == 60)))))
    quote = np.flatnonzero((head == 114) & (second == 61) & (third == 34))  # r="
    letter, after = data[quote + 3], data[quote + 4]
    single = (letter >= 65) & (letter <= 90) & (after >= 48) & (after <= 57)  # A-Z, 0-9
    return cells, int(letter[single].max()) - 64 if single.any() else 0


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
