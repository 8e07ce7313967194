"""Reading spreadsheets and CSV files: encodings, delimiters, positions, broken files."""

import datetime as dt
import io

import pytest
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st

from opendata.errors import SourceError
from opendata.read.sheets import column_letter, is_utf8, read_sheet

from .conftest import write_csv, write_workbook

UKRAINIAN = [["Назва", "Опис"], ["Ґанок їдальні", "Європейський стандарт, ІІ черга"],
             ["Сквер «Ювілейний»", "Пішохідна зона, ліхтарі й лавки"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_csv_text_reads_back_identical_whatever_the_encoding(tmp_path, encoding):
    path = write_csv(tmp_path / "data.csv", UKRAINIAN, encoding=encoding, delimiter=";",
                     newline="\r\n")
    sheet = read_sheet(path)
    assert [values for _, values in sheet.rows] == UKRAINIAN
    assert sheet.encoding == encoding


def test_cp1251_is_not_mistaken_for_mac_cyrillic(tmp_path):
    # Lower-case Cyrillic sits at the same bytes in both; frequency detectors guess wrong.
    text = [["назва"], ["проєкт громадського бюджету"], ["облаштування скверу"]]
    path = write_csv(tmp_path / "lower.csv", text, encoding="cp1251")
    sheet = read_sheet(path)
    assert sheet.encoding == "cp1251"
    assert [values for _, values in sheet.rows] == text


def test_cp1251_decoded_even_when_only_the_end_of_a_big_file_is_cyrillic(tmp_path):
    rows = [["id", "note"]] + [[str(i), "ok"] for i in range(100_000)] + [["x", "Ніжин"]]
    path = write_csv(tmp_path / "late.csv", rows, encoding="cp1251")
    last = list(read_sheet(path).rows)[-1]
    assert last == (len(rows), ["x", "Ніжин"])


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_detected(tmp_path, delimiter):
    rows = [["uid", "сума", "дата"], ["1", "98765,40", "2021-11-26"], ["2", "1,5", "2021-11-27"]]
    path = write_csv(tmp_path / "data.csv", rows, delimiter=delimiter)
    assert [values for _, values in read_sheet(path).rows] == rows


def test_semicolon_wins_over_decimal_commas_and_a_title_line(tmp_path):
    rows = [["Перелік проєктів"], ["uid", "сума", "голоси"], ["1", "98765,40", "250"],
            ["2", "1,5", "12"], ["3", "7,25", "3"]]
    path = write_csv(tmp_path / "data.csv", rows, delimiter=";", encoding="cp1251")
    sheet = read_sheet(path)
    assert sheet.delimiter == ";"
    assert list(sheet.rows)[2] == (3, ["1", "98765,40", "250"])


def test_workbook_keeps_excel_positions_and_types(tmp_path):
    path = write_workbook(tmp_path / "book.xlsx",
                          [[None, "uid", "код", "дата"],
                           [None, "a", 15482659, dt.date(2021, 1, 2)]],
                          title="Звіт")
    sheet = read_sheet(path)
    rows = list(sheet.rows)
    assert sheet.name == "Проєкти"
    assert rows[0] == (1, ["Звіт", "", "", ""])  # the merged title, from A1
    number, values = rows[-1]
    assert number == 4
    assert column_letter(sheet.first_column + values.index("a")) == "B"
    assert values[2] == 15482659 and values[3] == dt.date(2021, 1, 2)


def test_sheet_chosen_by_name_and_missing_sheet_named(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "Зміст"
    workbook.active.append(["Дані на аркуші «Дані»"])
    workbook.create_sheet("Дані").append(["uid"])
    workbook.save(tmp_path / "two.xlsx")
    assert read_sheet(tmp_path / "two.xlsx").name == "Зміст"
    assert read_sheet(tmp_path / "two.xlsx", sheet="Дані").name == "Дані"
    with pytest.raises(SourceError) as error:
        read_sheet(tmp_path / "two.xlsx", sheet="Дане")
    assert "«Зміст», «Дані»" in error.value.message("uk")


def test_xls_and_ods_are_read(tmp_path):
    workbook = xlwt.Workbook()
    worksheet = workbook.add_sheet("Аркуш")
    worksheet.write(0, 0, "uid")
    worksheet.write(1, 0, 15482659)
    workbook.save(str(tmp_path / "old.xls"))
    assert list(read_sheet(tmp_path / "old.xls").rows)[1][1][0] == 15482659

    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Лист")
    for value in ("uid", "001"):  # as LibreOffice keeps a code typed as text
        row, cell = TableRow(), TableCell(valuetype="string")
        cell.addElement(P(text=value))
        row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(tmp_path / "libre.ods"))
    assert list(read_sheet(tmp_path / "libre.ods").rows) == [(1, ["uid"]), (2, ["001"])]


@pytest.mark.parametrize("name, content, code", [
    ("random.xlsx", bytes(range(256)) * 8, "file-not-workbook"),
    ("table.xlsx", "uid;назва\n1;Сквер\n".encode("cp1251"), "file-looks-like-csv"),
    ("empty.xlsx", b"", "file-empty"),
    ("empty.csv", b"", "file-empty"),
    ("binary.csv", b"\x00\x01\x02PK\x03\x04" * 100, "file-not-text"),
    ("zip.xlsx", b"PK\x03\x04" + b"\x00" * 200, "file-corrupt"),
    ("report.pdf", b"%PDF-1.4", "file-unsupported"),
])
def test_broken_files_are_refused_with_a_reason(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as error:
        sheet = read_sheet(path)
        list(sheet.rows)
    assert error.value.code == code
    assert name in error.value.message("uk")


def test_column_letters_match_excel():
    assert [column_letter(i) for i in (0, 25, 26, 51, 702)] == ["A", "Z", "AA", "AZ", "AAA"]


def test_a_large_utf8_file_whose_sample_ends_inside_a_letter(tmp_path):
    from opendata.read.sheets import SAMPLE_BYTES

    line = "1," + "я" * 100 + "\n"  # 203 bytes
    for padding in range(203):  # an ASCII line that puts a «я» across the sample's end
        head = "id,назва\n" + "0," + "x" * padding + "\n"
        body = (head + line * (SAMPLE_BYTES // 203 + 2)).encode()
        if body[SAMPLE_BYTES - 1:SAMPLE_BYTES + 1] == "я".encode():
            break
    path = tmp_path / "big.csv"
    path.write_bytes(body + "2,Ніжин\n".encode())
    rows = list(read_sheet(path).rows)
    assert read_sheet(path).encoding == "utf-8"
    assert rows[-1] == (len(rows), ["2", "Ніжин"])


def test_hidden_rows_and_columns_are_named_and_still_read(tmp_path):
    import openpyxl

    from opendata.check.schemas import schema_from_descriptor
    from opendata.check.validation import validate_file

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["name", "sum", "note"], ["a", 1, "x"], ["b", 2, "y"], ["c", 3, "z"],
                ["d", 4, "w"]]:
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    sheet.row_dimensions[4].hidden = True
    sheet.column_dimensions["C"].hidden = True
    book.save(tmp_path / "hidden.xlsx")
    schema = schema_from_descriptor({"fields": [{"name": "name"}, {"name": "sum",
                                                                   "type": "integer"},
                                                {"name": "note"}]}, "s")
    report = validate_file(tmp_path / "hidden.xlsx", schema)
    assert [(f.code, f.severity, f.params) for f in report.findings] == [
        ("hidden-rows", "warning", {"rows": "3–4"}),
        ("hidden-columns", "warning", {"columns": "C"})]
    assert report.rows == 4  # published as read


def test_a_workbook_that_starts_with_an_instruction_sheet_is_read_from_its_table(
        tmp_path, monkeypatch):
    """validate and new look at the next visible sheet when the first has no header, and
    say which sheet they used (standards detect: test_standards.py)."""
    import json

    import openpyxl

    from opendata.check.schemas import load_schema
    from opendata.check.validation import validate_file

    from .conftest import HEADER, PROJECTS_SCHEMA, good_row, run

    book = openpyxl.Workbook()
    book.active.title = "Інструкція"
    book.active["A1"] = "Заповніть аркуш «Дані»: один проєкт у рядку."
    data = book.create_sheet("Дані")
    for row in [HEADER, good_row(1), good_row(2)]:
        data.append(row)
    path = tmp_path / "з інструкцією.xlsx"
    book.save(path)
    schema_file = tmp_path / "s.json"
    schema_file.write_text(json.dumps(PROJECTS_SCHEMA), encoding="utf-8")
    report = validate_file(path, load_schema(schema_file))
    assert (report.sheet, report.rows) == ("Дані", 2)
    assert [(f.code, f.params["sheet"]) for f in report.findings] == [
        ("sheet-other-used", "Дані")]
    monkeypatch.chdir(tmp_path)
    assert run("init", "p", "--organization", "rada", "--portal",
               "http://127.0.0.1:9").exit_code == 0
    monkeypatch.chdir(tmp_path / "p")
    created = run("new", "gb", "--from", path, "--infer")
    assert created.exit_code == 0, created.output
    assert "sheet: Дані" in (tmp_path / "p/datasets/gb/datapackage.yaml").read_text("utf-8")


def test_hidden_rows_are_left_out_when_the_definition_says_skip(project):
    import json

    import openpyxl

    from .conftest import run

    source = project / "datasets/nizhyn-public-budget-projects/projects-2022.xlsx"
    book = openpyxl.load_workbook(source)
    book["Проєкти"].row_dimensions[5].hidden = True
    book.save(source)
    path = project / "datasets/nizhyn-public-budget-projects/datapackage.yaml"
    shown = json.loads(run("validate", "nizhyn-public-budget-projects", "--format",
                           "json").stdout)["tables"][0]
    assert [e["code"] for e in shown["errors"]] == ["hidden-rows"]
    path.write_text(path.read_text("utf-8").replace("    sheet: Проєкти",
                                                    "    sheet: Проєкти\n    hidden_rows: skip"),
                    encoding="utf-8")
    skipped = json.loads(run("validate", "nizhyn-public-budget-projects", "--format",
                             "json").stdout)["tables"][0]
    assert [e["code"] for e in skipped["errors"]] == ["hidden-rows-skipped"]
    assert skipped["rows"] == shown["rows"] - 1


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.one_of(st.binary(max_size=6),
                                 st.text(max_size=4).map(lambda t: t.encode("utf-8",
                                                                            "surrogatepass"))),
                       max_size=12),
       block=st.integers(min_value=1, max_value=9))
def test_a_file_is_utf8_exactly_when_python_decodes_it_whatever_the_blocks(pieces, block):
    """The encoding check reads a block at a time (Arrow's validator): a character cut by
    a block's end, a surrogate, an overlong form or a lone byte decide as Python does."""
    data = b"".join(pieces)
    try:
        data.decode("utf-8")
        decodes = True
    except UnicodeDecodeError:
        decodes = False
    assert is_utf8(io.BytesIO(data), block_bytes=block) == decodes
