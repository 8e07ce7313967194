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
from itertools import chain
from pathlib import Path

from opendata.errors import SourceError
from opendata.read.ahead import ahead
from opendata.read.limits import LIMITS, LimitExceeded

BLOCK = 1 << 19  # under glibc's mmap threshold (cli.bound_memory): no page faults
# what Python's zipfile raises for a damaged or foreign archive (NotImplementedError: a zip
# version or compression method it does not read)
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, KeyError, OSError,
              EOFError)
MAX_COLUMNS = 16384  # Excel's: XFD
SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
ROW = re.compile(rb'(?:<|:)row\b[^>]*?\br="(\d+)"')
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
    pending = bytearray()  # from the last row's tag on: the row may go on in the next block
    # the next block is unzipped in another thread while this one is looked at
    for block in chain(ahead(iter(lambda: stream.read(BLOCK), b"")), [b""]):
        new = len(pending)
        pending += block
        cut = last_row_tag(pending, max(1, new - 8)) if block else len(pending)
        if cut <= 0:
            continue  # one row longer than a block: read on (only the new bytes searched)
        whole = bytes(pending[:cut])
        del pending[:cut]
        # rows come in order: the block's last row tag is enough (a cell may name a row of
        # its own: look_at reads every reference)
        last = max(whole.rfind(b"<row "), whole.rfind(b":row "))
        row = ROW.match(whole, last) if last >= 0 else None
        if row:
            found.rows = max(found.rows, int(row.group(1)))
        # cells and rows as written, whether or not they carry their optional r="A1"
        looked = look_at(whole)
        found.cells += looked.cells
        found.row_tags += looked.row_tags
        found.columns = max(found.columns, looked.columns)
        found.rows = max(found.rows, looked.rows)
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
    return found


def last_row_tag(data: bytearray, start: int) -> int:
    """Where the last row tag (<row …> or <x:row …>) at or after ``start`` begins; -1 if
    there is none."""
    plain = data.rfind(b"<row", start)
    prefixed = data.rfind(b":row ", start)
    return data.rfind(b"<", 0, prefixed) if prefixed > plain else plain


@dataclass
class Block:
    cells: int  # <c …> tags, with or without a namespace prefix
    row_tags: int  # <row …> tags
    columns: int  # the widest column a cell reference names, as a number
    rows: int  # the farthest row a cell reference names


MOST_LETTERS = MOST_DIGITS = 32  # read no further: XFD1048576 has 3 and 7
FAR = 10 ** 12  # a column or row past any sheet: the cell limit refuses it


def look_at(block: bytes) -> Block:
    """The tags and cell references of ``block`` (whole rows), from its bytes as a NumPy
    array: the positions of "<", ":" and '"' once, then a few bytes after each. A cell
    reference is r=" then letters then digits (a row's r="7" has no letters). Small blocks
    (BLOCK): the arrays stay in memory the allocator reuses."""
    import numpy as np

    data = np.frombuffer(block + bytes(MOST_LETTERS + MOST_DIGITS + 2), dtype=np.uint8)

    def counts(*texts: bytes) -> list[int]:
        """How many times each text stands in the block (all start with the same byte)."""
        found = np.flatnonzero(data == texts[0][0])
        second = data[found + 1]
        numbers = []
        for text in texts:
            at = found[second == text[1]]
            for offset, byte in enumerate(text[2:], start=2):
                at = at[data[at + offset] == byte]
            numbers.append(len(at))
        return numbers

    quotes = np.flatnonzero(data[2:] == 34) + 2
    starts = quotes[(data[quotes - 1] == 61) & (data[quotes - 2] == 114)] + 1  # r="
    letters = np.zeros(len(starts), dtype=np.int64)
    column = np.zeros(len(starts), dtype=np.int64)
    going = np.ones(len(starts), dtype=bool)
    for offset in range(MOST_LETTERS):
        letter = data[starts + offset].astype(np.int64) - 64  # A is 1
        going &= (letter >= 1) & (letter <= 26)
        if not going.any():
            break
        letters += going
        column = np.where(going, np.minimum(column * 26 + letter, FAR), column)
    digits = np.zeros(len(starts), dtype=np.int64)
    going = letters > 0
    for offset in range(MOST_DIGITS):
        going &= data[starts + letters + offset] - np.uint8(48) <= 9
        if not going.any():
            break
        digits += going
    named = (digits > 0) | (letters == MOST_LETTERS)
    columns = int(column[named].max()) if named.any() else 0
    rows = 0
    if named.any():  # the largest row is among those written with the most digits
        most = int(digits[named].max())
        if most > len(str(FAR)) - 1 or (letters == MOST_LETTERS).any():
            columns, rows = max(columns, FAR), FAR
        else:
            at = starts[named & (digits == most)] + letters[named & (digits == most)]
            number = np.zeros(len(at), dtype=np.int64)
            for offset in range(most):
                number = number * 10 + (data[at + offset] - np.uint8(48))
            rows = int(number.max())
    cell, closed, row = counts(b"<c ", b"<c>", b"<row")
    prefixed_cell, prefixed_row = counts(b":c ", b":row ")  # <x:c …>
    return Block(cell + closed + prefixed_cell, row + prefixed_row, columns, rows)


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
