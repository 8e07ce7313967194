"""Validation points at the cell in the user's own file, for each kind of problem."""

import datetime as dt

import pytest

from opendata.check.schemas import load_schema
from opendata.check.validation import validate_file

from .conftest import HEADER, good_row, write_csv, write_workbook


def findings(report):
    return {(f.code, f.cell or f.row): f for f in report.findings}


@pytest.fixture
def schema(projects_schema):
    return load_schema(projects_schema)


def test_title_rows_and_messy_headers_need_no_option(tmp_path, schema):
    header = ["  ідентифікатор ", "НАЗВА  ПРОЄКТУ", "Код ЄДРПОУ\t", "Кількість голосів",
              "Проєктний бюджет", "Дата рішення", "Статус проєкту", "Посилання", "Email автора"]
    path = write_workbook(tmp_path / "gb.xlsx", [header, good_row(1), good_row(2)],
                          title="Проєкти Громадського бюджету на 2022 рік")
    report = validate_file(path, schema)
    assert report.header_row == 3
    assert report.rows == 2
    assert report.findings == []


def test_apostrophe_variants_in_headers_match(tmp_path):
    from opendata.check.schemas import schema_from_descriptor

    schema = schema_from_descriptor({"fields": [
        {"name": "creator", "title": "Прізвище, ім'я та по батькові автора"}]}, "inline")
    path = write_workbook(tmp_path / "a.xlsx", [["Прізвище, ім’я та по батькові автора"],
                                                ["Бондар Оксана Петрівна"]])
    assert validate_file(path, schema).findings == []


def test_each_kind_of_cell_problem_is_found_at_its_cell(tmp_path, schema):
    rows = [HEADER] + [good_row(n) for n in range(1, 4)]
    rows[1][3] = "двісті"                  # D4: not an integer
    rows[1][4] = "98765,40"                # E4: decimal comma
    rows[2][5] = "30.05.2021"              # F5: date typed as text
    rows[2][1] = None                      # B5: required title missing
    rows[3][0] = "2022-01"                 # A6: repeats A4
    rows[3][2] = 4061783                   # C6: Excel ate the leading zero of 04061783
    rows[3][6] = "реалізовано"             # G6: not in the list
    rows[1][8] = "author@"                 # I4: not an email
    rows[2][7] = "www.nizhynrada.gov.ua"   # H5: not a link
    rows[3][3] = -5                        # D6: below minimum
    rows[2][1] = None
    path = write_workbook(tmp_path / "gb.xlsx", rows, title="Громадський бюджет")
    report = validate_file(path, schema)
    found = findings(report)
    expected = {("type-error", "D4"), ("type-error-hint", "E4"), ("type-error-hint", "F5"),
                ("required", "B5"), ("unique", "A6"), ("leading-zeros-lost", "C6"),
                ("enum", "G6"), ("type-error", "I4"), ("type-error-hint", "H5"), ("minimum", "D6")}
    assert set(found) == expected
    assert found[("type-error-hint", "E4")].params["suggestion"] == "98765.40"
    assert found[("type-error-hint", "F5")].params["suggestion"] == "2021-05-30"
    assert found[("leading-zeros-lost", "C6")].value == "4061783"
    assert found[("leading-zeros-lost", "C6")].params["suggestion"] == "04061783"
    assert found[("unique", "A6")].params["first_row"] == 4
    assert "реалізований" in found[("enum", "G6")].message("uk")


def test_missing_misspelled_and_extra_columns(tmp_path, schema):
    header = list(HEADER)
    header[1] = "Назва проекту"   # the old spelling of «проєкту»
    header[8] = "Примітка"        # not in the schema; «Email автора» is then missing
    rows = [header, good_row(1)]
    rows[1][8] = "див. протокол"
    report = validate_file(write_workbook(tmp_path / "gb.xlsx", rows), schema)
    found = findings(report)
    assert set(found) == {("misspelled-column", "B1"), ("extra-column", "I1"),
                          ("missing-column", 1)}
    assert found[("misspelled-column", "B1")].params["title"] == "Назва проєкту"
    assert found[("missing-column", 1)].field == "email"


def test_misspelled_column_values_are_still_checked(tmp_path, schema):
    header = list(HEADER)
    header[3] = "Кількість голосыв"
    rows = [header, good_row(1)]
    rows[1][3] = "багато"
    found = findings(validate_file(write_workbook(tmp_path / "gb.xlsx", rows), schema))
    assert ("type-error", "D2") in found


def test_totals_row_blank_rows_and_trailing_empties(tmp_path, schema):
    rows = [HEADER, good_row(1), [None] * 9, good_row(2),
            ["Разом", None, None, 203, 3001.5, None, None, None, None], [None] * 9, [None] * 9]
    report = validate_file(write_workbook(tmp_path / "gb.xlsx", rows, title="Звіт"), schema)
    found = findings(report)
    assert set(found) == {("blank-row", 5), ("totals-row", "A7")}
    assert found[("blank-row", 5)].severity == "warning"
    assert report.rows == 2
    assert report.errors == 1


def test_values_right_of_the_table_are_reported(tmp_path, schema):
    rows = [HEADER, good_row(1) + [None, "примітка"]]
    found = findings(validate_file(write_workbook(tmp_path / "gb.xlsx", rows), schema))
    assert set(found) == {("extra-cell", "K2")}


def test_a_column_without_a_header_is_one_finding_at_its_header_cell(tmp_path, schema):
    """A clerk's real register: 107 lines «a value outside the table» for one column whose
    header cell was empty. One finding says the column, how many values, and what to do."""
    rows = [HEADER + [None, None]] + [good_row(n) + [None, f"примітка {n}"]
                                      for n in range(1, 8)]
    report = validate_file(write_workbook(tmp_path / "gb.xlsx", rows), schema)
    assert [(f.code, f.cell) for f in report.findings] == [("column-without-header", "K1")]
    said = report.findings[0].message("uk")
    assert "7 значень" in said and "K2" in said and "клітинку K1" in said


def test_codes_stored_as_excel_numbers_are_plain_text(tmp_path, schema):
    rows = [HEADER, good_row(1), good_row(2)]
    rows[1][0] = 14360570.0
    rows[1][2] = 14360570  # a real EDRPOU code (its check digit holds)
    rows[2][0] = "14360570"  # the same identifier, typed as text
    report = validate_file(write_workbook(tmp_path / "gb.xlsx", rows), schema)
    assert [(f.code, f.cell, f.value) for f in report.findings] == [
        ("unique", "A3", "14360570")]


def test_excel_datetime_with_time_in_a_date_column(tmp_path, schema):
    rows = [HEADER, good_row(1)]
    rows[1][5] = dt.datetime(2021, 11, 26, 14, 30)
    found = findings(validate_file(write_workbook(tmp_path / "gb.xlsx", rows), schema))
    assert set(found) == {("type-error", "F2")}


def test_cp1251_semicolon_crlf_csv_gives_the_same_cells_as_the_workbook(tmp_path, schema):
    rows = [HEADER] + [[str(v) if not isinstance(v, dt.date) else v.isoformat()
                        for v in good_row(n)] for n in range(1, 4)]
    rows[2][4] = "1 250,50"
    rows[3][2] = "4061783"
    path = write_csv(tmp_path / "gb.csv", [["Громадський бюджет 2022"]] + rows,
                     encoding="cp1251", delimiter=";", newline="\r\n")
    report = validate_file(path, schema)
    assert report.sheet is None and report.header_row == 2
    found = findings(report)
    assert set(found) == {("type-error-hint", "E4"), ("leading-zeros-lost", "C5")}
    assert found[("type-error-hint", "E4")].params["suggestion"] == "1250.50"


def test_header_not_found_is_one_clear_finding(tmp_path, schema):
    path = write_workbook(tmp_path / "other.xlsx", [["Прізвище", "Посада"], ["Бондар", "спец."]])
    report = validate_file(path, schema)
    assert [f.code for f in report.findings] == ["header-not-found"]
    assert report.header_row is None


def test_explicit_header_row_overrides_detection(tmp_path, schema):
    rows = [HEADER, good_row(1)]
    path = write_workbook(tmp_path / "gb.xlsx", rows, title="Назва проєкту")
    report = validate_file(path, schema, header_row=3)
    assert report.header_row == 3 and report.findings == []


def test_max_errors_caps_the_list_but_counts_everything(tmp_path, schema):
    rows = [HEADER] + [good_row(n) for n in range(1, 31)]
    for row in rows[1:]:
        row[3] = "?"
    report = validate_file(write_workbook(tmp_path / "gb.xlsx", rows), schema, max_errors=10)
    assert len(report.findings) == 10
    assert report.errors == 30


def test_messages_in_english(tmp_path, schema):
    rows = [HEADER, good_row(1)]
    rows[1][4] = "98765,40"
    finding = validate_file(write_workbook(tmp_path / "gb.xlsx", rows), schema).findings[0]
    assert finding.message("en") == ("Wrong value: expected a number with a dot as the decimal "
                                     "mark, e.g. 98765.40; perhaps '98765.40'.")
    assert "очікується число" in finding.message("uk")


def test_constraints_on_rarer_types_are_checked_too(tmp_path):
    from opendata.check.schemas import schema_from_descriptor

    schema = schema_from_descriptor({"fields": [
        {"name": "moment", "type": "datetime",
         "constraints": {"minimum": "2021-01-01T00:00:00"}},
        {"name": "year", "type": "year", "constraints": {"maximum": 2025}},
        {"name": "email", "type": "string", "format": "email",
         "constraints": {"pattern": r".+@nizhyn\.gov\.ua", "maxLength": 30}},
    ]}, "inline")
    rows = [["moment", "year", "email"],
            ["2021-11-26T14:00:00", "2022", "rada@nizhyn.gov.ua"],
            ["2020-12-31T23:59:59", "2030", "rada@example.com"],
            ["2021-11-26T14:00:00", "рік", "dovga.adresa.pratsivnyka@nizhyn.gov.ua"]]
    report = validate_file(write_csv(tmp_path / "t.csv", rows), schema)
    assert {(f.code, f.cell) for f in report.findings} == {
        ("minimum", "A3"), ("maximum", "B3"), ("pattern", "C3"),
        ("type-error", "B4"), ("max-length", "C4")}


@pytest.mark.parametrize("error", ["#REF!", "#N/A", "#ЗНАЧ!", "#ССЫЛКА!", "#Н/Д",
                                   "#ДІЛ/0!", " #VALUE! ", "Err:502"])
def test_a_formula_error_kept_as_text_is_found_on_every_reader(tmp_path, schema, error):
    """A VLOOKUP that broke is cached as the error's text (t="str"), in the language Excel
    speaks; saved as CSV it is text too. Never a value to publish, whatever the column."""
    rows = [HEADER, good_row(1), good_row(2)]
    rows[1][1] = error  # a text column
    rows[2][3] = error  # a number column: a formula error, not a type error
    for path in (write_workbook(tmp_path / "gb.xlsx", rows),
                 write_csv(tmp_path / "gb.csv", rows)):
        report = validate_file(path, schema)
        errors = [(f.cell, f.params["excel_error"]) for f in report.findings
                  if f.code == "formula-error"]
        assert errors == [("B2", error.strip()), ("D3", error.strip())], report.findings
        assert not [f for f in report.findings if f.code == "type-error"]


def test_two_columns_with_one_title_are_told_apart_in_findings(tmp_path):
    from opendata.check.schemas import schema_from_descriptor
    from opendata.check.validation import Report
    from opendata.report.text import validation_report

    schema = schema_from_descriptor({"fields": [
        {"name": "url", "title": "Посилання", "format": "uri"},
        {"name": "decisionUrl", "title": "Посилання", "format": "uri"}]}, "s")
    rows = [["Посилання", "Посилання"], ["https://a.gov.ua", "не посилання"]]
    report = validate_file(write_csv(tmp_path / "t.csv", rows), schema)
    text = validation_report(Report(tables=[report]), "uk")
    assert "(Посилання (decisionUrl))" in text and "(url)" not in text


def test_reading_ahead_stops_with_its_reader_whatever_stops_first():
    """Found reading the change again: when the checks stopped while the reader had
    finished, the reader's last word waited forever for room, and so did the run."""
    import threading
    import time

    from opendata.read.ahead import ahead

    def reader(fail: bool):  # two items: the second fills the queue, then the last word
        yield from range(2)
        if fail:
            raise ValueError("the reader's own error")

    assert list(ahead(reader(False))) == [0, 1]
    with pytest.raises(ValueError, match="own error"):
        list(ahead(reader(True)))
    for fail in (False, True):  # the consumer leaves after the first item
        before = threading.active_count()
        items = ahead(reader(fail))
        assert next(items) == 0
        time.sleep(0.5)  # the reader has handed the second item and has its last word ready
        finished = threading.Event()
        threading.Thread(target=lambda: (items.close(), finished.set()), daemon=True).start()
        assert finished.wait(10), "the reader was left waiting"
        assert threading.active_count() <= before
