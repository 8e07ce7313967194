"""Converting spreadsheets to clean, typed, deterministic CSV and JSON."""

import datetime as dt
import json

import pytest

from opendata.build.convert import convert_file
from opendata.check.schemas import load_schema, schema_from_descriptor

from .conftest import HEADER, good_row, write_csv, write_workbook


@pytest.fixture
def schema(projects_schema):
    return load_schema(projects_schema)


def test_cp1251_semicolon_csv_becomes_utf8_with_identical_text(tmp_path, schema):
    rows = [HEADER] + [[str(v) if not isinstance(v, dt.date) else v.isoformat()
                        for v in good_row(n)] for n in range(1, 4)]
    rows[1][1] = "Ґанок їдальні «Ювілейна», ІІ черга; вул. Об’їжджа"
    source = write_csv(tmp_path / "gb.csv", rows, encoding="cp1251", delimiter=";",
                       newline="\r\n")
    output = tmp_path / "gb-out.csv"
    report = convert_file(source, schema, output)
    assert report.errors == 0
    text = output.read_bytes().decode("utf-8")  # strict: fails on anything but UTF-8
    assert not text.startswith("\ufeff") and "\r" not in text
    lines = text.splitlines()
    assert lines[0] == "uid,title,authorityId,count,budgetPlan,decisionDate,status,url,email"
    assert '"Ґанок їдальні «Ювілейна», ІІ черга; вул. Об’їжджа"' in lines[1]


def test_excel_numbers_in_text_columns_and_dates_come_out_as_people_see_them(tmp_path, schema):
    rows = [HEADER, good_row(1), good_row(2)]
    rows[1][0] = 14360570.0        # uid typed by Excel as a number
    rows[1][2] = 14360570          # EDRPOU as a number
    rows[1][3] = 250.0             # a count as a float
    rows[1][4] = 199850.0          # money without kopecks
    rows[2][5] = "2021-11-26"      # an ISO date typed as text
    rows[2][4] = "98765.40"
    source = write_workbook(tmp_path / "gb.xlsx", rows, title="Громадський бюджет",
                            text_columns=(3,))
    output = tmp_path / "gb.csv"
    convert_file(source, schema, output)
    first, second = output.read_text(encoding="utf-8").splitlines()[1:]
    assert first.split(",")[:6] == ["14360570", "Проєкт 1", "14360570", "250", "199850",
                                    "2021-11-26"]
    assert second.split(",")[4:6] == ["98765.40", "2021-11-26"]


def test_json_values_carry_the_schema_types(tmp_path, schema):
    rows = [HEADER, good_row(1), good_row(2)]
    rows[2][3] = None
    rows[2][5] = "null"
    source = write_workbook(tmp_path / "gb.xlsx", rows)
    output = tmp_path / "gb.json"
    convert_file(source, schema, output)
    records = json.loads(output.read_text(encoding="utf-8"))
    assert records[0] == {"uid": "2022-01", "title": "Проєкт 1", "authorityId": "04061783",
                          "count": 101, "budgetPlan": 1000.5, "decisionDate": "2021-11-26",
                          "status": "реалізований", "url": "https://nizhynrada.gov.ua/gb/1",
                          "email": "author1@example.com"}
    assert records[1]["count"] is None and records[1]["decisionDate"] is None
    assert isinstance(records[1]["budgetPlan"], int)  # 2001.0 in Excel is 2001


def test_every_type_is_written_in_its_standard_form(tmp_path):
    schema = schema_from_descriptor({"fields": [
        {"name": "n", "type": "number"}, {"name": "i", "type": "integer"},
        {"name": "b", "type": "boolean"}, {"name": "t", "type": "datetime"},
        {"name": "s", "type": "string"}]}, "inline")
    source = write_workbook(tmp_path / "t.xlsx", [
        ["n", "i", "b", "t", "s"],
        ["1e3", "+7", True, dt.datetime(2021, 11, 26, 14, 30), "  пробіли  "],
        [0.1, 7.0, "false", "2021-11-26T14:30:00", 3.5]])
    convert_file(source, schema, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "1000,7,true,2021-11-26T14:30:00,пробіли",
        "0.1,7,false,2021-11-26T14:30:00,3.5"]


def test_two_runs_are_byte_identical(tmp_path, schema):
    source = write_workbook(tmp_path / "gb.xlsx", [HEADER] + [good_row(n) for n in range(1, 50)])
    for name in ("a.csv", "b.csv", "a.json", "b.json"):
        convert_file(source, schema, tmp_path / name)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_invalid_source_is_not_converted_unless_forced(tmp_path, schema):
    rows = [HEADER, good_row(1)]
    rows[1][4] = "98765,40"
    source = write_workbook(tmp_path / "gb.xlsx", rows)
    output = tmp_path / "gb.csv"
    output.write_text("the previous good file", encoding="utf-8")
    report = convert_file(source, schema, output)
    assert report.errors == 1
    assert output.read_text(encoding="utf-8") == "the previous good file"
    assert not list(tmp_path.glob("*.partial"))

    convert_file(source, schema, output, force=True)
    import csv

    with output.open(encoding="utf-8") as file:
        assert list(csv.reader(file))[1][4] == "98765,40"  # written as it stands


def test_a_year_is_published_with_its_four_digits(tmp_path):
    """Found by the differential suite (a year written 0000 was published as 0, which is not
    a year by the schema published with it)."""
    from opendata.check.schemas import schema_from_descriptor

    schema = schema_from_descriptor({"fields": [{"name": "f0", "type": "year"}]}, "s")
    source = write_csv(tmp_path / "years.csv", [["f0"], ["0000"], ["0987"], ["2024"]])
    convert_file(source, schema, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").split() == [
        "f0", "0000", "0987", "2024"]
