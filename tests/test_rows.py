"""Every row read is a record, header, or a finding: nothing is lost into the header band.

Real council tables have a row of technical names (region, edrpou…) above or instead of
titles, and records that repeat the same values over and over (the council's name, the
region, a year). Generated tables of that shape, inferred by `new` and validated, must give
every record back, and what `convert` writes must hold them all.
"""

import csv
import json
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from opendata.build.convert import convert_file
from opendata.build.infer import infer_schema
from opendata.check import validation
from opendata.check.schemas import schema_from_descriptor
from opendata.check.validation import validate_file
from opendata.read import sheets
from opendata.read.sheets import read_sheet

from .conftest import write_csv, write_workbook

TECHNICAL = ["region", "council", "year", "title", "amount", "edrpou", "status"]
TITLES = ["Область", "Рада", "Рік", "Назва", "Сума", "Код ЄДРПОУ", "Стан"]
REPEATED = {"region": ["Чернігівська", "Сумська"], "council": ["Ніжинська міська рада"],
            "year": ["2021", "2022"], "status": ["чинний", "нечинний"],
            "edrpou": ["04061783", "14360570"]}


@st.composite
def council_tables(draw):
    width = draw(st.integers(3, len(TECHNICAL)))
    columns = list(range(width))
    header = []
    if draw(st.booleans()):
        header.append([TITLES[0] + " — реєстр", *[""] * (width - 1)])  # a title line above
    with_titles = draw(st.booleans())
    header.append([TECHNICAL[i] for i in columns])
    if with_titles:
        header.append([TITLES[i] for i in columns])
    count = draw(st.integers(1, 40))
    records = []
    for n in range(count):
        record = []
        for i in columns:
            name = TECHNICAL[i]
            if name in REPEATED:
                record.append(draw(st.sampled_from(REPEATED[name])))
            elif name == "amount":
                record.append(str(draw(st.integers(0, 10**6))))
            else:
                record.append(draw(st.sampled_from([f"Акт {n}", "Акт", "Розпорядження"])))
        records.append(record)
    return header, records


@settings(max_examples=60, deadline=None)
@given(table=council_tables(), as_workbook=st.booleans())
def test_no_record_is_ever_lost_into_the_header(tmp_path_factory, table, as_workbook):
    header, records = table
    folder = tmp_path_factory.mktemp("rows")
    path = (write_workbook(folder / "t.xlsx", header + records) if as_workbook
            else write_csv(folder / "t.csv", header + records))
    descriptor, _title = infer_schema(read_sheet(path))
    schema = schema_from_descriptor(descriptor, "inferred")
    report = validate_file(path, schema)
    counts = report.row_counts
    assert report.rows == counts["records"] == len(records), (counts, descriptor)
    assert counts["header"] + counts["above_header"] == len(header)
    output = folder / "t-out.csv"
    convert_file(path, schema, output, force=True)
    with output.open(encoding="utf-8") as file:
        assert len(list(csv.reader(file))) - 1 == len(records)


def test_a_record_repeating_the_titles_in_some_cells_is_a_record(tmp_path):
    """The header band takes a row beside the header only if every cell of it names its
    column's field: records that repeat titles in some cells stay records."""
    schema = schema_from_descriptor({"fields": [
        {"name": "region", "title": "Область"}, {"name": "council", "title": "Рада"},
        {"name": "name", "title": "Назва"}]}, "s")
    rows = [["region", "council", "name"], ["Область", "Рада", "Назва"],
            ["Область", "Рада", "Перший запис"], ["Область", "Рада", "Другий"],
            ["Чернігівська", "Рада", "Третій"]]
    report = validate_file(write_csv(tmp_path / "t.csv", rows), schema)
    assert (report.header_rows, report.rows) == ([1, 2], 3)


def test_subtotal_and_section_rows_are_findings_never_records(tmp_path):
    schema = schema_from_descriptor({"fields": [
        {"name": "name", "type": "string"}, {"name": "district", "type": "string"},
        {"name": "area", "type": "number"}]}, "s")
    rows = [["name", "district", "area"], ["Ніжинський район", "", ""],
            ["Заказник «Урочище»", "Ніжинський", "12.5"],
            ["Разом по району:", "", "12.5"],
            ["Разом до перемоги", "Ніжинський", "3"],  # a record that starts so
            ["Прилуцький район", "", ""], ["Заказник «Дубина»", "Прилуцький", "4"],
            ["Усього", "", "19.5"]]
    report = validate_file(write_csv(tmp_path / "t.csv", rows), schema)
    assert [(f.code, f.cell) for f in report.findings] == [
        ("section-row", "A2"), ("subtotal-row", "A4"), ("section-row", "A6"),
        ("totals-row", "A8")]
    assert report.rows == 3
    assert report.row_counts == {"above_header": 0, "header": 1, "records": 3, "blank": 0,
                                 "totals": 1, "subtotals": 1, "sections": 2}
    kept = validate_file(write_csv(tmp_path / "t.csv", rows), schema, totals_rows=False)
    assert kept.rows == 7 and not [f for f in kept.findings if f.code.endswith("-row")]
    as_json = report.json("uk")
    assert json.dumps(as_json["row_counts"]) and as_json["rows"] == 3
    said = [e["message"] for e in report.json("en")["errors"]]
    assert said[0].startswith("A row with one value only ('Ніжинський район')")
    assert said[1].startswith("A subtotal row ('Разом по району:')")


@st.composite
def messy_tables(draw):
    """Columns as council staff write them: dates as 31.12.2021 or 31/12/2021, numbers
    with a decimal comma and a space between thousands, codes, a header of years; maybe one
    wrong value in a typed column."""
    count = draw(st.integers(3, 25))
    kinds = draw(st.lists(st.sampled_from(["dots", "slashes", "comma", "integer", "code",
                                           "text"]), min_size=2, max_size=5))
    header = [f"Стовпець {n}" if kind != "integer" else 2020 + n
              for n, kind in enumerate(kinds)]
    header[0] = "Назва"
    records = []
    for n in range(count):
        day, month, year = n % 28 + 1, n % 12 + 1, 2015 + n % 8
        values = {"dots": f"{day:02d}.{month:02d}.{year}", "slashes": f"{day}/{month}/{year}",
                  "comma": f"{n * 1234 + 1:,}".replace(",", " ") + f",{n % 100:02d}",
                  "integer": str(n * 7), "code": f"{n:08d}", "text": f"Запис {n}"}
        records.append([values[kind] for kind in kinds])
    planted = None
    typed = [i for i, kind in enumerate(kinds) if kind in ("dots", "slashes", "comma",
                                                           "integer")]
    if typed and count >= 4 and draw(st.booleans()):
        column = draw(st.sampled_from(typed))
        row = draw(st.integers(0, count - 1))
        records[row][column] = "невідомо"
        planted = (row + 2, column)
    return header, records, planted


@settings(max_examples=60, deadline=None)
@given(table=messy_tables(), as_workbook=st.booleans())
def test_new_infers_as_a_person_would_and_its_schema_accepts_its_own_file(
        tmp_path_factory, table, as_workbook):
    import frictionless

    header, records, planted = table
    folder = tmp_path_factory.mktemp("messy")
    path = (write_workbook(folder / "t.xlsx", [header, *records]) if as_workbook
            else write_csv(folder / "t.csv", [header, *records]))
    descriptor, _title = infer_schema(read_sheet(path))
    assert len(descriptor["fields"]) == len(header)  # never a column dropped or invented
    report = validate_file(path, schema_from_descriptor(descriptor, "inferred"))
    found = {(f.row, ord(f.column) - ord("A")) for f in report.findings}
    assert found == ({planted} if planted else set()), (descriptor, report.findings)
    if planted is None:  # frictionless-py reads the published schema the same way
        named = write_csv(folder / "named.csv", [[f["name"] for f in descriptor["fields"]],
                                                 *records])  # its header: the names
        resource = frictionless.Resource(named.name, basepath=str(folder), format="csv",
                                         schema=frictionless.Schema.from_descriptor(
                                             {"fields": descriptor["fields"]}))
        assert resource.validate().valid


@st.composite
def grouped_headers(draw):
    """A header on two rows as councils draw it: group titles merged over their columns,
    each column's own title below, single titles merged down both rows; maybe the table's
    title merged over the whole width above it."""
    width = draw(st.integers(3, 7))
    start = draw(st.integers(0, width - 2))
    end = draw(st.integers(start + 1, min(width - 1, start + 3)))
    if start == 0 and end == width - 1:  # a group over everything is a title: keep one out
        end -= 1
    titled = draw(st.booleans())
    count = draw(st.integers(1, 25))
    records = [[draw(st.sampled_from(["Шевченка", "Гоголя", "Миру"])) if c % 2 else
                draw(st.integers(1, 300)) for c in range(width)] for _ in range(count)]
    return width, (start, end), titled, records


@settings(max_examples=40, deadline=None)
@given(table=grouped_headers())
def test_a_header_on_two_rows_with_merged_group_titles_is_one_header(tmp_path_factory,
                                                                     table):
    """Found by the hostile corpus: «Адреса» merged over «вулиця» and «будинок» made the
    inferred header stop at the group's second column, and the records were refused."""
    import openpyxl

    width, (start, end), titled, records = table
    folder = tmp_path_factory.mktemp("groups")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    top = 3 if titled else 1
    if titled:
        sheet.cell(1, 1, "Реєстр адрес")
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    expected = []
    for column in range(width):
        if start <= column <= end:
            expected.append(f"Адреса: частина {column}")
            sheet.cell(top + 1, column + 1, f"частина {column}")
        else:
            expected.append(f"Стовпець {column}")
            sheet.cell(top, column + 1, f"Стовпець {column}")
            sheet.merge_cells(start_row=top, start_column=column + 1, end_row=top + 1,
                              end_column=column + 1)
    sheet.cell(top, start + 1, "Адреса")
    sheet.merge_cells(start_row=top, start_column=start + 1, end_row=top,
                      end_column=end + 1)
    for offset, record in enumerate(records):
        for column, value in enumerate(record):
            sheet.cell(top + 2 + offset, column + 1, value)
    path = folder / "t.xlsx"
    workbook.save(path)
    descriptor, _title = infer_schema(read_sheet(path))
    assert [f["title"] for f in descriptor["fields"]] == expected
    report = validate_file(path, schema_from_descriptor(descriptor, "inferred"))
    assert (report.rows, report.errors) == (len(records), 0), report.findings[:3]


def test_a_record_under_a_merged_title_stays_a_record(tmp_path_factory):
    """Found reading the change again: «ПІБ» merged over a surname and a name, titles in
    the other columns of the same row and records below — the first record was taken for
    the header's second row, and was lost into the header."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for column, title in enumerate(["№", "ПІБ", None, "Посада"], start=1):
        sheet.cell(1, column, title)
    sheet.merge_cells("B1:C1")
    records = [[1, "Іваненко", "Олена", "інженер"], [2, "Петренко", "Іван", "юрист"],
               [3, "Коваль", "Марія", "економіст"]]
    for row, record in enumerate(records, start=2):
        for column, value in enumerate(record, start=1):
            sheet.cell(row, column, value)
    path = tmp_path_factory.mktemp("merged") / "staff.xlsx"
    workbook.save(path)
    opened = read_sheet(path)
    rows = list(opened.rows)
    assert [row[0] for row in rows] == [1, 2, 3, 4]
    assert rows[1][1] == [1, "Іваненко", "Олена", "інженер"]  # as Excel shows it
    schema = schema_from_descriptor({"fields": [
        {"name": "n", "title": "№"}, {"name": "name", "title": "ПІБ"},
        {"name": "post", "title": "Посада"}]}, "staff")
    report = validate_file(path, schema)
    assert report.row_counts["records"] == 3 and report.header_rows == [1, 1]
    # the name's second column has no title of its own: said once, never dropped
    assert [(f.code, f.cell) for f in report.findings] == [("column-without-header", "C1")]


@st.composite
def tables_with_gaps(draw):
    """Records with runs of blank rows, «Разом» rows (a subtotal, a record that starts
    with the word, a total at the end) and section headings between and after them."""
    rows = []
    for n in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["record", "record", "blank", "blanks", "subtotal",
                                     "record-with-word", "section"]))
        if kind == "record":
            rows.append([f"Акт {n}", str(n), "чинний"])
        elif kind == "blank":
            rows.append(["", "", ""])
        elif kind == "blanks":
            rows += [["", "", ""]] * draw(st.integers(2, 60))
        elif kind == "subtotal":
            rows.append(["Разом:", str(n * 10), ""])
        elif kind == "record-with-word":
            rows.append(["Разом до перемоги", str(n), "чинний"])
        else:
            rows.append(["Ніжинський район", "", ""])
    return rows


@settings(max_examples=60, deadline=None)
@given(rows=tables_with_gaps(), block=st.integers(48, 400), chunk=st.integers(1, 7),
       as_workbook=st.booleans())
def test_how_a_table_is_cut_into_chunks_changes_no_finding(tmp_path_factory, rows, block,
                                                           chunk, as_workbook):
    """Rows held back after a chunk's last record (blank ones as runs of numbers, the rest
    whole) are decided when data follows or the table ends: whatever the chunks, the same
    findings and row counts as reading it in one piece."""
    folder = tmp_path_factory.mktemp("gaps")
    table = [["title", "number", "status"]] + rows
    path = write_workbook(folder / "t.xlsx", table) if as_workbook else \
        write_csv(folder / "t.csv", table)
    schema = schema_from_descriptor({"fields": [
        {"name": "title", "type": "string"}, {"name": "number", "type": "integer"},
        {"name": "status", "type": "string"}]}, "gaps")

    def report():
        found = validate_file(path, schema, max_errors=0)
        return found.json("en"), found.row_counts

    whole = report()
    with mock.patch.object(sheets, "BLOCK_BYTES", block), \
            mock.patch.object(validation, "CHUNK_ROWS", chunk):
        assert report() == whole


def test_a_long_gap_of_blank_rows_is_counted_whole_and_warned_up_to_the_cap(tmp_path):
    """5,000 blank rows between two records, read in small chunks (held back as a run of
    numbers): every one is counted, warnings are kept up to --max-errors, both records are
    records."""
    path = write_csv(tmp_path / "gap.csv", [["title", "number", "status"],
                                            ["Акт 1", "1", "чинний"]] + [["", "", ""]] * 5000
                     + [["Акт 2", "2", "чинний"]])
    schema = schema_from_descriptor({"fields": [
        {"name": "title", "type": "string"}, {"name": "number", "type": "integer"},
        {"name": "status", "type": "string"}]}, "gap")
    with mock.patch.object(sheets, "BLOCK_BYTES", 256):
        report = validate_file(path, schema, max_errors=100)
    assert report.row_counts["blank"] == 5000 and report.row_counts["records"] == 2
    assert [f.row for f in report.findings] == list(range(3, 103))
    assert {f.code for f in report.findings} == {"blank-row"}


def test_rows_after_the_table_are_looked_at_once_whatever_their_number(tmp_path):
    """10,000 section-like rows and 10,000 «Разом» rows after the last record, read in
    small chunks: each is decided once (a section wherever it stands; a total at the end),
    not again with every chunk (1,000,000 such rows took 47 s and 604 MB; now 7.5 s and
    166 MB)."""
    path = write_csv(tmp_path / "after.csv", [["title", "number", "status"],
                                              ["Акт 1", "1", "чинний"]]
                     + [["Ніжинський район", "", ""]] * 10_000 + [["Разом", "5", ""]] * 10_000)
    schema = schema_from_descriptor({"fields": [
        {"name": "title", "type": "string"}, {"name": "number", "type": "integer"},
        {"name": "status", "type": "string"}]}, "after")
    with mock.patch.object(sheets, "BLOCK_BYTES", 1024):
        report = validate_file(path, schema, max_errors=0)
    counts = report.row_counts
    assert (counts["records"], counts["sections"], counts["totals"]) == (1, 10_000, 10_000)
    codes = [f.code for f in report.findings]
    assert codes.count("section-row") == 10_000 and codes.count("totals-row") == 10_000
