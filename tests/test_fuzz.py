"""Fuzzing the readers: random and mutated CSV, xlsx, xls and ods files through `validate`
and `convert`. Whatever the bytes, the contract holds: exit 0, 1 or 2; on 2, one line and no
traceback; never an internal error; bounded time and memory (checked on a child process).

CI runs a fixed budget (FUZZ_EXAMPLES, 60 per target by default); `make fuzz` runs more.
What the fuzzer finds becomes a named test in test_hostile.py.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import xlwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opendata.read.xlsx import FAR, column_number, look_at

from .conftest import run, write_workbook

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])
SCHEMA = "fields:\n  - {name: name}\n  - {name: sum, type: number}\n  - {name: day, type: date}\n"
ROWS = [["Звіт за листопад"], ["name", "sum", "day"], ["Ніжин", 1.5, "2021-11-26"],
        ["Прилуки", "2,5", "26.11.2021"], ["Разом", 4, None]]


def holds_the_contract(result) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert "nternal error" not in result.stderr and "Внутрішня помилка" not in result.stderr
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


class Samples(tuple):
    """(folder, files): said in a failing example's report by name, not by its bytes."""

    def __repr__(self) -> str:
        return "samples"


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """A schema and one real file of each kind, for the mutations to start from."""
    folder = tmp_path_factory.mktemp("samples")
    (folder / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    files = {".xlsx": write_workbook(folder / "s.xlsx", ROWS).read_bytes()}
    book = xlwt.Workbook()
    sheet = book.add_sheet("Дані")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    files[".xls"] = buffer.getvalue()
    files[".csv"] = "\n".join(",".join(f'"{v}"' if v is not None else "" for v in row)
                              for row in ROWS).encode("cp1251")
    files[".ods"] = ods_bytes(ROWS)
    return Samples((folder, files))


def ods_bytes(rows) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Дані")
    for row in rows:
        line = TableRow()
        for value in row:
            cell = TableCell()
            if value is not None:
                cell.addElement(P(text=str(value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def check(folder, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    holds_the_contract(run("validate", path, "--schema", folder / "schema.yaml"))
    holds_the_contract(run("convert", path, "--schema", folder / "schema.yaml", "-o",
                           folder / "out.csv", "--force"))


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Each edit: at a position (taken modulo the length), remove some bytes, insert others."""
    data = bytearray(data)
    for position, remove, insert in edits:
        at = position % (len(data) + 1)
        data[at:at + remove] = insert
    return bytes(data)


edits = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 8),
                           st.binary(max_size=8)), min_size=1, max_size=6)


@FUZZ
@given(data=st.binary(max_size=2048), extension=st.sampled_from([".csv", ".xlsx", ".xls",
                                                                  ".ods", ".txt"]))
def test_random_bytes(samples, data, extension):
    folder, _ = samples
    check(folder, f"random{extension}", data)


@FUZZ
@given(kind=st.sampled_from([".csv", ".xls", ".xlsx", ".ods"]), changes=edits)
def test_mutated_files(samples, kind, changes):
    folder, files = samples
    check(folder, f"mutated{kind}", mutate(files[kind], changes))


PARTS = st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml",
                         "xl/_rels/workbook.xml.rels", "[Content_Types].xml"])
XML_EDITS = st.lists(st.tuples(st.integers(0, 1 << 16), st.integers(0, 12), st.sampled_from([
    b'<c r="XFD1048576"><v>1</v></c>', b'<row r="1048576">', b' r="ZZZ9"', b"&amp;",
    b'<dimension ref="A1:XFD1048576"/>', b"<v>#REF!</v>", b' t="e"', b' t="s"', b"<v>99</v>",
    b"</row>", b"<", b">", b'"', b"\x00", b"\xff", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>&a;"])),
                     min_size=1, max_size=4)


@FUZZ
@given(part=PARTS, changes=XML_EDITS)
def test_mutated_xlsx_parts(samples, part, changes):
    """Edits inside the zip, where a byte flip of the archive would only break its CRC."""
    folder, files = samples
    source = zipfile.ZipFile(io.BytesIO(files[".xlsx"]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, mutate(data, changes) if item.filename == part else data)
    check(folder, "parts.xlsx", buffer.getvalue())


@FUZZ
@given(text=st.lists(st.sampled_from(list('ab,;"\t\r\n\x00é€Ні1.5-=+') +
                                     ["\ud7ff", "2021-11-26", "Разом"]),
                     max_size=300).map("".join),
       encoding=st.sampled_from(["utf-8", "cp1251", "utf-16", "utf-8-sig"]))
def test_generated_csv_text(samples, text, encoding):
    folder, _ = samples
    check(folder, "text.csv", ("name,sum,day\n" + text).encode(encoding, "replace"))


@pytest.mark.parametrize("seed", range(6))
def test_hostile_workbooks_stay_within_time_and_memory(samples, tmp_path, seed):
    """In a child process, as a user runs it: under 30 s and under 1 GB, whatever the file."""
    import random

    folder, files = samples
    rng = random.Random(seed)
    kind = [".xlsx", ".xls", ".ods"][seed % 3]
    data = mutate(files[kind], [(rng.randrange(1 << 16), rng.randrange(8),
                                 rng.randbytes(rng.randrange(8))) for _ in range(4)])
    if seed == 0:  # and the worst the XML can say
        data = far_cell(files[".xlsx"])
    path = tmp_path / f"hostile{kind}"
    path.write_bytes(data)
    started = time.monotonic()
    command = [str(Path(sys.executable).parent / "opendata"), "validate", str(path),
               "--schema", str(folder / "schema.yaml")]
    done = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True,
                          text=True, timeout=60)
    elapsed = time.monotonic() - started
    code, peak = map(int, done.stdout.split())
    assert code in (0, 1, 2), done.stderr
    assert "Traceback" not in done.stderr
    assert elapsed < 30
    assert peak < 1 << 20  # kilobytes: 1 GB, for opendata and the readers it starts


# Runs a command and prints its exit code and the peak memory of it and its children only.
PEAK = ("import resource, subprocess, sys; "
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
        "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def far_cell(xlsx: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'<row r="9"><c r="XFD1048576"><v>1</v>'
                                                     b"</c></row></sheetData>")
            target.writestr(item, data)
    return buffer.getvalue()


# --- what a portal answers: any shape a customised or broken CKAN may give ----------------

JSON_LEAF = st.none() | st.booleans() | st.integers() | st.text(max_size=30) | st.sampled_from(
    ["2024-01-15T10:00:00", "2024-01-15 10:00:00+02:00", "2024-01-15", "15.01.2024", "",
     "once a month", "Щомісяця", "ua", "CSV", "application/pdf", "upload"])
JSON = st.recursive(JSON_LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["name", "title", "url", "format", "last_modified", "url_type", "size",
                     "id", "hash"]), inner, max_size=4), max_leaves=12)
RESOURCE = st.dictionaries(st.sampled_from(["id", "name", "url", "format", "url_type",
                                            "last_modified", "metadata_modified", "size",
                                            "hash"]), JSON)
DATASET = st.fixed_dictionaries({"name": st.text(min_size=1, max_size=20)}, optional={
    "title": JSON, "notes": JSON, "tags": st.lists(JSON, max_size=3), "organization": JSON,
    "purpose_of_collecting_information": JSON, "update_frequency": JSON, "language": JSON,
    "maintainer": JSON, "maintainer_email": JSON, "license_id": JSON,
    "metadata_modified": JSON, "resources": st.lists(RESOURCE | JSON, max_size=4)})


@FUZZ
@given(DATASET)
def test_audit_judges_any_dataset_a_portal_lists(shown):
    """Whatever shape a portal's answer has, audit gives a verdict in its contract's types."""
    import datetime as dt
    import json

    from opendata.audit.inventory import judge
    from opendata.project.datagovua import normalised_dataset

    record = judge(normalised_dataset(shown), dt.date(2026, 11, 27)).json()
    json.dumps(record)
    assert isinstance(record["title"], str) and isinstance(record["organization"], str)
    assert record["update_frequency"] is None or isinstance(record["update_frequency"], str)
    assert isinstance(record["overdue_days"], int) and record["overdue_days"] >= 0
    assert all(isinstance(n, str) for n in record["not_machine_readable"])


@pytest.mark.parametrize("shown", [
    {"name": "a", "organization": "nizhynska-miska-rada"},  # the organization as its name
    {"name": "a", "title": ["Рішення"], "tags": [{"name": ["x"]}]},  # lists for texts
    {"name": "a", "resources": [{"format": "PDF"}]},  # a resource without an id
    {"name": "a", "title": 1, "update_frequency": 7},  # numbers for texts
    {"name": "a", "metadata_modified": "15.01.2024",  # dates people write
     "resources": [{"id": "r", "last_modified": "15.01.2024"}]},
])
def test_regression_portal_answers_the_fuzzer_broke_audit_on(shown):
    """Each crashed audit before portal answers were normalised at the boundary."""
    import datetime as dt

    from opendata.audit.inventory import judge
    from opendata.project.datagovua import normalised_dataset

    record = judge(normalised_dataset(shown), dt.date(2026, 11, 27))
    assert record.name == "a" and isinstance(record.title, str)
    assert record.last_updated is None or record.last_updated.startswith("20")


XML_PIECES = st.sampled_from([
    b"<row", b'<row r="7" spans="1:3">', b":row ", b"<x:row ", b"</row>", b"<c ", b"<c>",
    b":c ", b"<x:c ", b"</c>", b' r="', b'r="', b"A", b"Z", b"AA", b"XFD", b"ABCD", b"7",
    b"1048576", b"123456789012345", b'"', b' t="s"', b"<v>1</v>", b' header="AB"',
    b' error="DUPLICATES"', b' s="B7"', b"r", b"=", b":", b"<", b" "])


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 300)), deadline=None)
@given(pieces=st.lists(XML_PIECES, max_size=40))
def test_the_look_at_a_sheet_counts_and_reaches_what_its_text_says(pieces):
    """The XML look reads a block's tags and cell references from its bytes as arrays;
    it must say what plain searches of the text say: cells and rows as tags, the widest
    column and the farthest row any r="letters digits" names (far past any sheet when
    written with more digits than a row can have)."""
    block = b"".join(pieces)
    references = re.findall(rb'r="([A-Z]+)(\d+)', block)
    columns = max((min(column_number(c.decode()), FAR) for c, _ in references), default=0)
    rows = max((min(int(r), FAR) for _, r in references), default=0)
    looked = look_at(block)
    assert looked.cells == block.count(b"<c ") + block.count(b"<c>") + block.count(b":c ")
    assert looked.row_tags == block.count(b"<row") + block.count(b":row ")
    assert (looked.columns, looked.rows) == (max(columns, FAR) if rows >= FAR else columns,
                                             rows)
