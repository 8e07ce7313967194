"""Differential tests: generated schemas and tables, checked by opendata and frictionless-py.

Hypothesis writes Table Schemas (every vectorised and per-cell type, every constraint, date
patterns, decimal and group characters, bareNumber, trueValues, missingValues, numeric and
date enums, composite keys) and tables of edge values, and asserts that
- opendata finds the same (row, field) cells as frictionless-py on the CSV file;
- Arrow's CSV reader, the row-by-row reader and the xlsx reader find the same;
- what `convert` writes from a valid table re-validates clean, by frictionless-py, against
  the schema `build` publishes.

Deliberate differences (README, "Differences from frictionless-py") are kept out of the
generated data: whitespace around values (opendata trims it), blank rows (a warning), rows
after the last record that start with «Разом» (totals rows), a row of one text value in a
table of three columns or more (a section heading), a first data row that numbers
the columns or repeats their names (header), NaN/Infinity and non-ASCII digits (not
numbers for publication). CI runs 300 examples; `make fuzz` runs thousands.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os

import frictionless
import numpy as np
import openpyxl
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from opendata.build.convert import convert_file
from opendata.build.package import public_schema
from opendata.check.checks import INTEGER, NUMBER, Repeats, dates, fitting, numbers, typed_values
from opendata.check.schemas import Field, schema_from_descriptor
from opendata.check.validation import TOTALS, TOTALS_RE2, TableScan, validate_file
from opendata.read.sheets import read_sheet

settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture])
settings.register_profile("thorough", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Values people write, per type: valid ones, near misses and plain text.
VALUES = {
    "string": ["Ніжин", "вул. Шевченка, 1", "04061783", "4061783", "a", "ab", "abc",
               'Монітор 24"', "так", "Ємність", "x" * 12, "01234", "12", "1234567890",
               "0406 1783", "+0406178"],
    "integer": ["0", "1", "-1", "+5", "250", "007", "99999999999", "1.0", "1,5", "два", "1e3",
                "123456789012345678", "-0"],
    "number": ["0", "1.5", "-2.25", "+3", ".5", "5.", "1e3", "1E-2", "98765.40", "98765,40",
               "1 234,5", "1,234.5", "€ 5", "5 грн", "12 %", "abc", "-0.0", "1000000.001"],
    "date": ["2021-05-30", "2021-5-3", "2020-02-29", "2021-02-29", "30.05.2021", "1.5.2021",
             "2021/05/30", "0001-01-01", "9999-12-31", "вчора", "2021-13-01"],
    "datetime": ["2021-05-30T14:00:00", "2021-05-30T14:00:00Z", "2021-05-30T14:00",
                 "2021-05-30", "30.05.2021 14:00", "2021-05-30T25:00:00"],
    "year": ["2021", "0", "9999", "10000", "-1", "21", "рік"],
    "boolean": ["true", "false", "True", "FALSE", "1", "0", "так", "ні", "yes"],
}
CONSTRAINT_VALUES = {
    "integer": [0, 1, 5, 250, -1], "number": [0, 1.5, 100, -2.25],
    "date": ["2021-01-01", "2021-05-30", "2020-02-29"], "year": [2000, 2021],
}


@st.composite
def fields(draw, name: str) -> dict:
    type_ = draw(st.sampled_from(sorted(VALUES)))
    field: dict = {"name": name, "type": type_}
    constraints: dict = {}
    if draw(st.booleans()):
        constraints["required"] = True
    if draw(st.integers(0, 4)) == 0:
        constraints["unique"] = True
    if type_ == "string":
        if draw(st.booleans()):
            constraints[draw(st.sampled_from(["minLength", "maxLength"]))] = draw(
                st.integers(0, 6))
        if draw(st.integers(0, 3)) == 0:
            constraints["pattern"] = draw(st.sampled_from([r"\d{8}", "[А-ЯІЇЄҐа-яіїєґ .,]+",
                                                            "(a|ab)", r"\d+", "[0-9]{2,5}",
                                                            r"\d{8}|\d{10}"]))
        if draw(st.integers(0, 3)) == 0:
            constraints["enum"] = draw(st.lists(st.sampled_from(VALUES["string"]), min_size=1,
                                                max_size=4, unique=True))
    if type_ in CONSTRAINT_VALUES:
        for key in ("minimum", "maximum"):
            if draw(st.integers(0, 2)) == 0:
                constraints[key] = draw(st.sampled_from(CONSTRAINT_VALUES[type_]))
        if draw(st.integers(0, 4)) == 0:
            constraints["enum"] = draw(st.lists(st.sampled_from(CONSTRAINT_VALUES[type_]),
                                                min_size=1, max_size=3, unique=True))
    if type_ == "number" and draw(st.booleans()):
        field.update(draw(st.sampled_from([{"decimalChar": ","}, {"groupChar": " "},
                                           {"decimalChar": ",", "groupChar": " "},
                                           {"bareNumber": False}])))
    if type_ == "integer" and draw(st.integers(0, 3)) == 0:
        field["bareNumber"] = False
    if type_ == "date" and draw(st.integers(0, 2)) == 0:
        field["format"] = "%d.%m.%Y"
        constraints.pop("enum", None)
        for key in ("minimum", "maximum"):
            if key in constraints:
                constraints[key] = "01.05.2021"
    if type_ == "boolean" and draw(st.booleans()):
        field.update(trueValues=["так", "1"], falseValues=["ні", "0"])
    if constraints:
        field["constraints"] = constraints
    return field


@st.composite
def tables(draw):
    count = draw(st.integers(1, 4))
    names = [f"f{n}" for n in range(count)]
    descriptor: dict = {"fields": [draw(fields(name)) for name in names]}
    if draw(st.booleans()):
        descriptor["missingValues"] = ["", "null", "-"]
    if draw(st.integers(0, 3)) == 0:
        descriptor["primaryKey"] = draw(st.lists(st.sampled_from(names), min_size=1,
                                                 max_size=2, unique=True))
    cell = {f["name"]: st.one_of(st.sampled_from(VALUES[f["type"]] + ["", "null", "-"]),
                                 st.text(alphabet="абв01234.,-:", max_size=5))
            for f in descriptor["fields"]}
    rows = draw(st.lists(st.tuples(*(cell[name] for name in names)), min_size=1,
                         max_size=12))
    missing = descriptor.get("missingValues", [""])
    rows = [list(row) for row in rows if any(v not in missing for v in row)]  # blank rows
    rows = [row for row in rows if count < 3 or not section_like(row, missing)]
    assume(rows)
    assume(not all(rows[0][i] == str(i + 1) for i in range(count)) or count < 3)
    assume(not any(value == name for row in rows[:1] for value, name in zip(row, names)))
    return descriptor, names, rows


def section_like(row: list, missing: list) -> bool:
    """One value of text and nothing else: a section heading for opendata, a record with
    empty cells for frictionless (a deliberate difference)."""
    present = [v for v in row if v not in missing]
    return len(present) == 1 and any(c.isalpha() for c in present[0])


def write_table(folder, names, rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([names, *rows])
    path = folder / "table.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write_xlsx(folder, names, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [names, *rows]:
        sheet.append([value if value != "" else None for value in row])
    path = folder / "table.xlsx"
    workbook.save(path)
    return path


def frictionless_cells(path, descriptor) -> set:
    resource = frictionless.Resource(path.name, basepath=str(path.parent), format="csv",
                                     schema=frictionless.Schema.from_descriptor(descriptor))
    report = resource.validate(limit_errors=100000)
    found = set()
    for error in report.tasks[0].errors:
        if error.type == "primary-key":
            found.add((error.row_number, descriptor["primaryKey"][0]))
        elif error.type != "blank-row":  # a warning in opendata
            found.add((error.row_number, error.field_name))
    return found


def opendata_cells(report) -> set:
    return {(f.row, f.field) for f in report.findings if f.severity == "error"}


def differing(cells: set, descriptor: dict, rows: list, report) -> set:
    """The cells, less those of rows with a part of a composite primary key missing or not
    of its type: opendata requires every part (Table Schema v2) and leaves a wrong value out
    of the key; frictionless-py v5 reports one error when all parts are missing, none when
    some are, and takes a wrong value as missing, so that two wrong values repeat a key."""
    key = descriptor.get("primaryKey", [])
    if len(key) < 2:
        return cells
    names = [f["name"] for f in descriptor["fields"]]
    missing = descriptor.get("missingValues", [""])
    excluded = {f.row for f in report.findings
                if f.field in key and f.code.startswith("type-error")}
    for number, row in enumerate(rows, start=2):
        if any(row[names.index(name)] in missing for name in key):
            excluded.add(number)
    return {(row, field) for row, field in cells if row not in excluded}


def row_path(path, schema):
    scan = TableScan(read_sheet(path), schema, max_errors=0)
    for _ in scan:
        pass
    return scan.report


@given(tables())
def test_opendata_and_frictionless_find_the_same_cells(tmp_path_factory, table):
    descriptor, names, rows = table
    folder = tmp_path_factory.mktemp("table")
    schema = schema_from_descriptor(descriptor, "generated")
    path = write_table(folder, names, rows)

    arrow = validate_file(path, schema, max_errors=0)
    assert differing(opendata_cells(arrow), descriptor, rows, arrow) == differing(
        frictionless_cells(path, descriptor), descriptor, rows, arrow)
    by_rows = row_path(path, schema)
    assert opendata_cells(by_rows) == opendata_cells(arrow)
    assert arrow.rows == by_rows.rows == len(rows)
    workbook = validate_file(write_xlsx(folder, names, rows), schema, max_errors=0)
    assert opendata_cells(workbook) == opendata_cells(arrow)


@given(tables())
def test_what_convert_writes_is_valid_against_the_published_schema(tmp_path_factory, table):
    descriptor, names, rows = table
    folder = tmp_path_factory.mktemp("table")
    schema = schema_from_descriptor(descriptor, "generated")
    found = validate_file(write_table(folder, names, rows), schema, max_errors=0)
    wrong = {f.row for f in found.findings if f.severity == "error"}
    assume(None not in wrong)  # a header problem: nothing to convert
    rows = [row for number, row in enumerate(rows, start=2) if number not in wrong]
    assume(rows)
    report = convert_file(write_table(folder, names, rows), schema, folder / "out.csv",
                          max_errors=0)
    assume(not report.errors)
    published = public_schema(schema)
    assert frictionless_cells(folder / "out.csv", published) == set()
    again = validate_file(folder / "out.csv", schema_from_descriptor(published, "published"))
    assert [f for f in again.findings if f.severity == "error"] == []
    assert again.rows == report.rows  # (warnings such as formula-like values stay: data is
    # published as it is)


@given(values=st.lists(st.text(alphabet="0123456789 a٣+\n", max_size=12), max_size=30),
       fewest=st.integers(1, 12), more=st.one_of(st.none(), st.integers(0, 4)),
       spelling=st.sampled_from([r"\d", "[0-9]"]))
def test_a_pattern_of_digits_fits_exactly_the_values_re2_matches(values, fewest, more,
                                                                   spelling):
    """The fast check of a code's pattern (\\d{8}: ASCII digits, eight of them) agrees
    with RE2 running the whole pattern, value by value."""
    count = f"{{{fewest}}}" if more is None else f"{{{fewest},{fewest + more}}}"
    pattern = spelling + count
    texts = pa.array(values, pa.string())
    by_re2 = pc.match_substring_regex(texts, f"^(?:{pattern})$").to_pylist()
    assert fitting(texts, pattern).tolist() == by_re2


@given(keys=st.lists(st.tuples(st.one_of(st.none(), st.integers(-3, 3)),
                               st.sampled_from(["a", "b", "Ніжин", None])), max_size=60),
       parts=st.integers(1, 2), cuts=st.lists(st.integers(0, 60), max_size=4))
def test_repeats_are_found_where_they_repeat_with_the_row_they_repeat(keys, parts, cuts):
    """Repeated keys (unique fields, primary keys of one or two parts), gathered chunk by
    chunk, are those a dictionary of every key seen would find, in row order; a key with
    a missing part takes no part."""
    keys = [key[:parts] for key in keys]
    expected, seen = [], {}
    for row, key in enumerate(keys, start=2):
        if None in key:
            continue
        if key in seen:
            expected.append((row, seen[key], key))
        else:
            seen[key] = row
    repeats = Repeats()
    bounds = sorted({0, len(keys), *(c for c in cuts if c < len(keys))})
    for start, end in zip(bounds, bounds[1:]):
        chunk = keys[start:end]
        columns = [pa.array([key[i] for key in chunk],
                            pa.int64() if i == 0 else pa.string()) for i in range(parts)]
        repeats.add(columns, np.arange(start + 2, end + 2))
    assert repeats.found() == expected


@given(parts=st.lists(st.tuples(
    st.one_of(st.sampled_from([1900, 2000, 2100, 2023, 2024, 1, 9999]), st.integers(0, 10_000)),
    st.one_of(st.just(2), st.integers(0, 13)), st.one_of(st.just(29), st.integers(0, 32)),
    st.booleans()), max_size=40))
def test_a_date_is_valid_and_its_day_right_exactly_as_python_reads_it(parts):
    """The column-at-once date reading (bytes for yyyy-mm-dd, the regular expression for
    yyyy-m-d, leap years in February only, days by integer arithmetic) agrees with
    Python's calendar on every value."""
    texts = [f"{y:04d}-{m:02d}-{d:02d}" if padded else f"{y:04d}-{m}-{d}"
             for y, m, d, padded in parts]
    days, valid = dates(pa.array(texts, pa.string()))
    for text, day, ok in zip(texts, days, valid):
        try:
            real = dt.date.fromisoformat(text) if len(text) == 10 else \
                dt.date(*map(int, text.split("-")))
        except ValueError:
            real = None
        if len(text.split("-")[0]) != 4:  # year 10000: five digits are not a date
            real = None
        assert ok == (real is not None), text
        if real is not None:
            assert str(day) == real.isoformat()


PLAIN_NUMBERS = st.lists(st.text(alphabet="0123456789.-", max_size=8), max_size=30)
ANY_NUMBERS = st.lists(st.text(alphabet="0123456789.-+eE x/,", max_size=8), max_size=30)
# numbers with a few values of other characters among them ("1e3", "12,5", "x")
MOSTLY_NUMBERS = st.tuples(
    st.lists(st.from_regex(r"-?\d{1,4}(\.\d{0,3})?", fullmatch=True), min_size=8,
             max_size=30),
    st.lists(st.text(alphabet="0123456789.-+eE x/,", min_size=1, max_size=4), min_size=1,
             max_size=2),
    st.randoms()).map(lambda parts: parts[2].sample(parts[0] + parts[1],
                                                    len(parts[0]) + len(parts[1])))


@given(values=st.one_of(PLAIN_NUMBERS, ANY_NUMBERS, MOSTLY_NUMBERS))
def test_a_number_is_valid_exactly_when_the_regular_expression_says(values):
    """Number columns of digits, points and minus signs go through Arrow's parser at once:
    it must take exactly the values the regular expression takes, whatever else the
    column holds."""
    texts = pa.array(values, pa.string())
    by_re2 = pc.match_substring_regex(texts, f"(?:{NUMBER})").to_pylist()
    assert numbers(texts).tolist() == by_re2


@given(values=st.one_of(ANY_NUMBERS, MOSTLY_NUMBERS,
                        st.lists(st.from_regex(r"[+-]?\d{1,3}", fullmatch=True))))
def test_an_integer_is_valid_exactly_when_the_regular_expression_says(values):
    """Integers: plain digits at once, signed values by the regular expression — together
    exactly what the regular expression takes of every value."""
    texts = pa.array(values, pa.string())
    expected = pc.match_substring_regex(texts, f"(?:{INTEGER})").to_pylist()
    _typed, valid = typed_values(Field("n", "integer"), texts)
    assert valid.tolist() == expected


@given(text=st.tuples(st.sampled_from(["Разом", "ВСЬОГО", "усього", "Итого", "підсумки",
                                       "Total", "разом", "Підсумок", "Всьог", "x"]),
                      # characters Python's Unicode database knows (RE2's may be newer)
                      st.text(st.characters(exclude_categories=("Cn", "Cs")), max_size=3)
                      ).map("".join))
def test_a_totals_word_is_found_alike_by_python_and_re2(text):
    """«Разом» starting a row is looked for by RE2 in a column of words and by Python among
    a few: both say the same of every value («Разом:», «Разом2021», «Разомʼ», «Total_»)."""
    by_re2 = pc.match_substring_regex(pa.array([text]), TOTALS_RE2).to_pylist()[0]
    assert bool(TOTALS.match(text)) == by_re2
