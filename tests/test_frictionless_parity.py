"""On CSV files, opendata finds the same cells as frictionless-py, the reference."""

import random

import frictionless
import pytest
import yaml

from opendata.check.schemas import load_schema
from opendata.check.validation import validate_file

from .conftest import write_csv

SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer"},
        {"name": "code", "type": "string", "constraints": {"required": True, "pattern": r"\d{8}"}},
        {"name": "name", "type": "string",
         "constraints": {"required": True, "minLength": 2, "maxLength": 40}},
        {"name": "amount", "type": "number", "constraints": {"minimum": 0, "maximum": 1000000}},
        {"name": "count", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "date", "type": "date"},
        {"name": "moment", "type": "datetime"},
        {"name": "kind", "type": "string", "constraints": {"enum": ["малий", "середній"]}},
        {"name": "flag", "type": "boolean"},
        {"name": "email", "type": "string", "format": "email"},
        {"name": "url", "type": "string", "format": "uri"},
        {"name": "tag", "type": "string", "constraints": {"unique": True}},
    ],
    "primaryKey": ["id"],
    "missingValues": ["", "null"],
}
# For each field: values that break it the way real files do.
BAD = {
    "id": ["1.0", "x12", "", "DUPLICATE"],
    "code": ["", "1234567", "ABCDEFGH", "123456789"],
    "name": ["", "Я", "Д" * 41],
    "amount": ["12,5", "-1", "2000000", "1 000", "грн"],
    "count": ["2.5", "-3", "багато"],
    "date": ["31.12.2021", "2021-02-30", "2021/01/01"],
    "moment": ["2021-11-26", "2021-11-26 25:00:00", "вчора"],
    "kind": ["великий", "Малий"],
    "flag": ["так", "yes", "2"],
    "email": ["opendata@", "a@b", "opendata.example.gov.ua"],
    "url": ["www.nizhyn.gov.ua", "http//x", "ніжин"],
    "tag": ["DUPLICATE"],
}


def good_row(n: int) -> list[str]:
    return [str(n), f"{n:08d}", f"Назва {n}", f"{n * 1.25:.2f}", str(n % 50),
            f"2021-{n % 12 + 1:02d}-{n % 28 + 1:02d}", f"2021-11-26T{n % 24:02d}:00:00",
            ["малий", "середній"][n % 2], ["true", "false"][n % 2],
            f"user{n}@example.com", f"https://example.gov.ua/{n}", f"tag-{n}"]


def seeded_rows(seed: int, count: int, ragged: bool = True) -> list[list[str]]:
    rng = random.Random(seed)
    names = [f["name"] for f in SCHEMA["fields"]]
    rows = [good_row(n) for n in range(1, count + 1)]
    for _ in range(count // 10):
        row = rng.choice(rows)
        column = rng.randrange(len(names))
        value = rng.choice(BAD[names[column]])
        if value == "DUPLICATE":  # repeat another row's value
            value = rng.choice(rows)[column]
        row[column] = value
    for _ in range(3 if ragged else 0):  # a few rows cut short, as a stray delimiter leaves
        row = rng.choice(rows)
        del row[rng.randrange(3, len(names)):]
    return [names] + rows


def frictionless_cells(path) -> set:
    resource = frictionless.Resource(path.name, basepath=str(path.parent),
                                     schema=frictionless.Schema.from_descriptor(SCHEMA))
    report = resource.validate(limit_errors=100000)
    cells = set()
    for error in report.tasks[0].errors:
        if error.type == "primary-key":
            cells.add((error.row_number, "id"))
        else:
            cells.add((error.row_number, error.field_name))
    return cells


@pytest.mark.parametrize("seed, ragged", [(1, True), (2, True), (3, False), (4, False)])
def test_same_cells_as_frictionless(tmp_path, seed, ragged):
    """Ragged files are read row by row; well-formed ones by Arrow's reader: both agree."""
    schema_path = tmp_path / "schema.yaml"
    schema_path.write_text(yaml.safe_dump(SCHEMA, allow_unicode=True), encoding="utf-8")
    path = write_csv(tmp_path / f"seeded-{seed}.csv", seeded_rows(seed, 1500, ragged))

    ours = validate_file(path, load_schema(schema_path), max_errors=0)
    our_cells = {(f.row, f.field) for f in ours.findings}

    expected = frictionless_cells(path)
    assert len(expected) > 100  # the seed planted plenty of errors
    assert our_cells == expected
    for finding in ours.findings:  # every finding can be said, in both languages
        assert finding.message("uk") and finding.message("en")


def test_arrow_reader_and_row_reader_find_the_same(tmp_path):
    from opendata.check.validation import TableScan, validate_sheet
    from opendata.read.sheets import read_sheet

    schema_path = tmp_path / "schema.yaml"
    schema_path.write_text(yaml.safe_dump(SCHEMA, allow_unicode=True), encoding="utf-8")
    rows = seeded_rows(5, 3000, ragged=False)
    rows.insert(0, ["Реєстр (тестовий)"])  # a title line above the header
    rows.append(["Разом", "", "", "3750.00"])  # ... and a totals row at the end
    path = write_csv(tmp_path / "seeded.csv", rows, encoding="cp1251", delimiter=";")
    schema = load_schema(schema_path)
    fast = validate_sheet(read_sheet(path), schema, max_errors=0)
    scan = TableScan(read_sheet(path), schema, max_errors=0)
    for _ in scan:
        pass
    def key(f):
        return f.row, f.column, f.code, f.value

    assert sorted(map(key, fast.findings)) == sorted(map(key, scan.report.findings))
    assert fast.rows == scan.report.rows == 3000 and len(fast.findings) > 200
    assert ("totals-row", 3003) in {(f.code, f.row) for f in fast.findings}
