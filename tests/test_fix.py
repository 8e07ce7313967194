"""opendata fix: the fixes validation computes, applied to a copy of the staff's file.

Workbooks and CSVs of the shapes councils send — codes that lost their zeros, decimal
commas and thousands spaces, dates typed as text, whitespace, an ambiguous date, a column
without a header — fixed into a copy that validates with only what needs a person left,
the source untouched; and a property test that what was meant is what the copy holds.
"""

import csv
import datetime as dt
import hashlib
import json

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from opendata.build.convert import convert_file
from opendata.build.fix import fix_file
from opendata.check.schemas import load_schema

from .conftest import HEADER, good_row, run, write_csv, write_workbook


def fingerprint(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def council_workbook(tmp_path):
    """Eight records typed as staff type them, a note, a formula and a second sheet."""
    rows = [HEADER] + [good_row(n) for n in range(1, 9)]
    for row in rows[1:]:
        row[2] = 4061783  # Excel ate the zero of every code
    rows[2][4] = "98 765,40"  # thousands space and decimal comma
    rows[3][4] = "1500,5"
    rows[4][5] = "30.05.2021"  # a date typed as text
    rows[5][5] = "03/04/2021"  # the day or the month first? left as it is
    rows[6][5] = "25/04/2021"  # only one reading
    rows[7][1] = "  Проєкт 7 "  # whitespace around
    for row in rows[1:4]:
        row += [None, "примітка"]  # a column without a header
    path = write_workbook(tmp_path / "проєкти.xlsx", rows, title="Громадський бюджет")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet["M4"] = "=SUM(D4:D11)"
    sheet["E6"].comment = openpyxl.comments.Comment("Уточнити суму", "Олена")
    book.create_sheet("Довідка")["A1"] = "Інструкція для працівників"
    book.save(path)
    return path


def test_fix_writes_a_copy_that_validates_with_only_what_needs_a_person(tmp_path,
                                                                        projects_schema):
    source = council_workbook(tmp_path)
    before = fingerprint(source)
    fixed = tmp_path / "виправлено.xlsx"
    result = run("fix", source, "--schema", projects_schema, "-o", fixed)
    assert result.exit_code == 1, result.output  # something is left for a person
    assert fingerprint(source) == before  # the source is only read
    assert "Виправлено клітинок: 13" in result.output
    assert "C4: «4061783» → «04061783»" in result.output
    assert "E5: «98 765,40» → «98765.40»" in result.output
    assert "F7: «30.05.2021» → «30.05.2021»" in result.output

    left = json.loads(run("validate", fixed, "--schema", projects_schema, "--format",
                          "json").stdout)["tables"][0]["errors"]
    assert sorted((e["code"], e["cell"]) for e in left) == [
        ("column-without-header", "K3"), ("type-error-hint", "F8")]

    book = openpyxl.load_workbook(fixed)
    assert book.sheetnames == ["Проєкти", "Довідка"]  # other sheets kept
    sheet = book["Проєкти"]
    assert sheet["C4"].value == "04061783" and sheet["C4"].number_format == "@"
    assert sheet["E5"].value == 98765.4 and sheet["E5"].number_format == "0.00"
    assert sheet["F7"].value == dt.datetime(2021, 5, 30)
    assert sheet["F7"].number_format == "DD.MM.YYYY"  # shown as it was typed
    assert sheet["F9"].value == dt.datetime(2021, 4, 25)
    assert sheet["F8"].value == "03/04/2021"  # ambiguous: never guessed
    assert sheet["B10"].value == "Проєкт 7"
    assert sheet["M4"].value == "=SUM(D4:D11)"  # formulas kept
    assert "Виправлено: було «4061783»" in sheet["C4"].comment.text
    assert sheet["E6"].comment.text.startswith("Уточнити суму")  # their note kept
    assert sheet["A1"].value == "Громадський бюджет"


def test_fix_of_a_csv_keeps_its_encoding_and_delimiter(tmp_path, projects_schema):
    rows = [HEADER] + [[str(v) for v in good_row(n)] for n in range(1, 5)]
    rows[1][2] = "4061783"
    rows[2][4] = "2 000,75"
    rows[3][5] = "26.11.2021"
    source = write_csv(tmp_path / "проєкти.csv", rows, encoding="cp1251", delimiter=";",
                       newline="\r\n")
    before = fingerprint(source)
    fixed = tmp_path / "виправлено.csv"
    assert run("fix", source, "--schema", projects_schema, "-o", fixed).exit_code == 0
    assert fingerprint(source) == before
    raw = fixed.read_bytes()
    assert raw.count(b"\r\n") == 5 and "Назва проєкту".encode("cp1251") in raw
    fixed_rows = list(csv.reader(raw.decode("cp1251").splitlines(), delimiter=";"))
    assert fixed_rows[1][2] == "04061783" and fixed_rows[2][4] == "2000.75"
    assert fixed_rows[3][5] == "2021-11-26"
    assert run("validate", fixed, "--schema", projects_schema).exit_code == 0


def test_fix_refuses_what_it_cannot_do_safely(tmp_path, projects_schema):
    source = council_workbook(tmp_path)
    for args, said in (
            (["-o", source], "не перезаписується"),
            (["-o", tmp_path / "copy.csv"], "того самого формату"),
    ):
        result = run("fix", source, "--schema", projects_schema, *args)
        assert result.exit_code == 2 and said in result.stderr, result.output
        assert len(result.stderr.strip().splitlines()) == 1
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))
    result = run("fix", old, "--schema", projects_schema, "-o", tmp_path / "x.xls")
    assert result.exit_code == 2 and "Зберегти як" in result.stderr
    assert not (tmp_path / "x.xls").exists()


CODES = st.integers(1, 99_999_999)
AMOUNTS = st.decimals(min_value=0, max_value=10 ** 7, places=2, allow_nan=False)
DATES = st.dates(dt.date(1991, 8, 24), dt.date(2030, 12, 31))


@st.composite
def as_typed(draw):
    """A record's meant values, and how a person typed them (a few of each mistake)."""
    code, amount, day = draw(CODES), draw(AMOUNTS), draw(DATES)
    typed_code = str(code) if draw(st.booleans()) else f"{code:08d}"
    whole, cents = f"{amount:.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", draw(st.sampled_from(["", " ", "\u00a0"])))
    typed_amount = draw(st.sampled_from([f"{whole}.{cents}", f"{groups},{cents}"]))
    typed_day = draw(st.sampled_from([day.isoformat(), day.strftime("%d.%m.%Y")]))
    return (f"{code:08d}", f"{amount:.2f}", day.isoformat()), (typed_code, typed_amount,
                                                               typed_day)


@settings(max_examples=40, deadline=None)
@given(records=st.lists(as_typed(), min_size=1, max_size=20))
def test_what_was_meant_is_what_the_fixed_copy_holds(tmp_path_factory, records):
    """Any mix of lost zeros, decimal commas, thousands spaces and dotted dates: the fixed
    copy converts to exactly the values meant (and nothing is left to fix)."""
    folder = tmp_path_factory.mktemp("fix")
    schema_path = folder / "s.yaml"
    schema_path.write_text(
        "fields:\n"
        "  - {name: code, title: Код, type: string, constraints: {pattern: '\\d{8}'}}\n"
        "  - {name: amount, title: Сума, type: number}\n"
        "  - {name: day, title: Дата, type: date}\n", encoding="utf-8")
    schema = load_schema(schema_path)
    source = write_csv(folder / "t.csv", [["Код", "Сума", "Дата"]] +
                       [list(typed) for _meant, typed in records], delimiter=";")
    fixes = fix_file(source, schema, folder / "fixed.csv")
    assert fixes.left is not None and fixes.left.errors == 0, fixes.left.findings[:3]
    convert_file(folder / "fixed.csv", schema, folder / "out.csv")
    with (folder / "out.csv").open(encoding="utf-8") as file:
        written = list(csv.reader(file))[1:]
    assert [(c, f"{float(a):.2f}", d) for c, a, d in written] == [m for m, _t in records]


def test_a_number_longer_than_excel_holds_is_left_with_its_finding(tmp_path, projects_schema):
    """Found reading the change again: «12 345 678 901 234 567,89» would have been written
    as a number Excel keeps 15 digits of — another value than the one meant."""
    rows = [HEADER] + [good_row(n) for n in range(1, 3)]
    rows[1][4] = "12 345 678 901 234 567,89"
    rows[2][4] = "1 500,25"
    source = write_workbook(tmp_path / "суми.xlsx", rows)
    fixes = fix_file(source, load_schema(projects_schema), tmp_path / "виправлено.xlsx")
    assert [(c.cell, c.after) for c in fixes.fixed] == [("E3", 1500.25)]
    assert fixes.left is not None
    assert [(f.code, f.cell) for f in fixes.left.findings] == [("type-error-hint", "E2")]
    sheet = openpyxl.load_workbook(tmp_path / "виправлено.xlsx").active
    assert sheet["E2"].value == "12 345 678 901 234 567,89"
