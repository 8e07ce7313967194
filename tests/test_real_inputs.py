"""Regressions found on real council files and real schemas: each test names what staff met."""

import pytest

from opendata.check.schemas import schema_from_descriptor
from opendata.check.validation import validate_file
from opendata.errors import DefinitionError

from .conftest import write_csv, write_workbook


def schema(*fields, **extra):
    return schema_from_descriptor({"fields": list(fields), **extra}, "inline")


def codes(report):
    return sorted((f.code, f.cell or f.row) for f in report.findings)


@pytest.mark.parametrize("constraint", [{"primaryKey": ["id"]}, {}])
def test_a_missing_key_column_is_a_finding_not_a_crash(tmp_path, constraint):
    unique = {} if constraint else {"constraints": {"unique": True}}
    table = schema({"name": "id", "type": "integer", **unique}, {"name": "name"}, **constraint)
    for path in (write_csv(tmp_path / "a.csv", [["name"], ["A"]]),
                 write_workbook(tmp_path / "a.xlsx", [["name"], ["A"]])):
        assert codes(validate_file(path, table)) == [("missing-column", 1)]


def test_a_misspelled_header_is_reported_not_a_crash(tmp_path):
    table = schema({"name": "id"}, {"name": "name"}, {"name": "status", "title": "Статус"})
    # «Cтатус» typed with a Latin C, as on a council workbook
    path = write_csv(tmp_path / "a.csv", [["id", "nmae", "Cтатус"], ["1", "a", "x"]])
    report = validate_file(path, table)
    assert codes(report) == [("misspelled-column", "B1"), ("misspelled-column", "C1")]
    assert "«Статус»" in report.findings[1].message("uk")
    assert "'name'" in report.findings[0].message("en")


def test_numeric_enums_accept_their_own_values(tmp_path):
    table = schema({"name": "rate", "type": "number", "constraints": {"enum": [0.1, 0.2, 0.5]}},
                   {"name": "level", "type": "integer", "constraints": {"enum": [1, 2]}})
    path = write_csv(tmp_path / "a.csv", [["rate", "level"], ["0.1", "1"], ["0.50", "2"],
                                         ["0.3", "3"]])
    assert codes(validate_file(path, table)) == [("enum", "A4"), ("enum", "B4")]


def test_composite_keys_are_compared_part_by_part(tmp_path):
    table = schema({"name": "street"}, {"name": "house"}, primaryKey=["street", "house"])
    path = write_csv(tmp_path / "a.csv", [["street", "house"], ["вул. Шевченка 1", "А"],
                                         ["вул. Шевченка", "1 А"], ["вул. Шевченка", "1 А"]])
    assert codes(validate_file(path, table)) == [("primary-key", "A4")]


def test_date_formats_and_number_options_are_honoured(tmp_path):
    table = schema({"name": "day", "type": "date", "format": "%d.%m.%Y",
                    "constraints": {"minimum": "01.01.2021"}},
                   {"name": "sum", "type": "number", "decimalChar": ",", "groupChar": " "},
                   {"name": "share", "type": "number", "bareNumber": False},
                   {"name": "count", "type": "integer", "bareNumber": False})
    rows = [["day", "sum", "share", "count"], ["30.05.2021", "1 234,50", "15 %", "12 шт."],
            ["2021-05-30", "1.5", "x", "5"], ["31.12.2020", "7", "0.5", "шт."]]
    report = validate_file(write_csv(tmp_path / "a.csv", rows), table)
    assert codes(report) == [("minimum", "A4"), ("type-error", "A3"), ("type-error", "B3"),
                             ("type-error", "C3"), ("type-error", "D4")]


def test_converted_values_follow_the_options(tmp_path):
    from opendata.build.convert import convert_file

    table = schema({"name": "day", "type": "date", "format": "%d.%m.%Y"},
                   {"name": "sum", "type": "number", "decimalChar": ",", "groupChar": " "})
    source = write_csv(tmp_path / "a.csv", [["day", "sum"], ["30.05.2021", "1 234,50"]])
    convert_file(source, table, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text() == "day,sum\n2021-05-30,1234.50\n"


@pytest.mark.parametrize("field, words", [
    ({"name": "a", "constraints": ["required"]}, "'constraints'"),
    ({"name": "a", "constraints": {"maxLength": "10"}}, "'constraints/maxLength'"),
    ({"name": "a", "type": "date", "constraints": {"minimum": "01.01.2021"}},
     "'constraints/minimum'"),
    ({"name": "a", "type": "date", "format": "any"}, "'format'"),
    ({"name": "a", "type": "string", "trueValues": ["так"]}, "'trueValues'"),
    ({"name": "a", "type": "boolean", "trueValues": "так"}, "'trueValues'"),
    ({"name": "a", "constraints": {"pattern": 5}}, "'constraints/pattern'"),
    ({"name": "a", "constraints": {"pattern": "(?=a)a"}}, "'constraints/pattern'"),
    ({"name": "a", "type": "integer", "constraints": {"enum": ["один"]}}, "'constraints/enum'"),
    ({"name": "a", "missingValues": ["-"]}, "'missingValues'"),
    ({"name": "a", "constraints": {"exclusiveMinimum": 1}}, "exclusiveMinimum"),
    ({"name": "a", "title": ["Назва"]}, "'title'"),
    ({"name": "a", "rdfType": 5}, "rdfType"),  # left to the profile, by frictionless-py
])
def test_a_schema_that_cannot_be_honoured_is_refused_naming_field_and_key(field, words):
    with pytest.raises(DefinitionError) as error:
        schema(field)
    message = error.value.message("en")
    assert "field 'a'" in message and words in message


def test_arabic_indic_digits_are_not_numbers_in_either_path(tmp_path):
    table = schema({"name": "n", "type": "year"}, {"name": "when", "type": "datetime"})
    rows = [["n", "when"], ["٢٠٢١", "٢٠٢١-01-01T10:00:00"], ["2021", "2021-01-01T10:00:00"]]
    assert codes(validate_file(write_csv(tmp_path / "a.csv", rows), table)) == [
        ("type-error", "A2"), ("type-error", "B2")]


def test_a_workbook_number_is_published_as_excel_shows_it(tmp_path):
    from opendata.build.convert import convert_file

    table = schema({"name": "share", "type": "number"}, {"name": "code"})
    source = write_workbook(tmp_path / "a.xlsx", [["share", "code"], [0.1 + 0.2, 0.1 + 0.2]])
    convert_file(source, table, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text() == "share,code\n0.3,0.3\n"


def test_datetimes_with_and_without_a_zone_compare_in_utc(tmp_path):
    table = schema({"name": "at", "type": "datetime",
                    "constraints": {"minimum": "2021-05-30T12:00:00+00:00"}})
    rows = [["at"], ["2021-05-30T14:00:00"], ["2021-05-30T14:00:00+02:00"],
            ["2021-05-30T13:00:00+02:00"], ["2021-05-30T11:00:00"]]
    assert codes(validate_file(write_csv(tmp_path / "a.csv", rows), table)) == [
        ("minimum", "A4"), ("minimum", "A5")]


def test_passport_shapes_people_write_are_normalised_once(project):
    import json

    from .conftest import run

    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("keywords: [рішення, нормативні акти, міська рада, виконавчий комітет]",
                        "keywords: рішення, нормативні акти")
    path.write_text(text.replace("licenses: [{name: cc-by}]", "licenses: cc-by"),
                    encoding="utf-8")
    assert run("validate", "nizhyn-council-decisions").exit_code == 0
    assert run("build", "nizhyn-council-decisions").exit_code == 0
    package = json.loads((project / "build/nizhyn-council-decisions/datapackage.json")
                         .read_text(encoding="utf-8"))
    assert package["keywords"] == ["рішення", "нормативні акти"]
    assert package["licenses"] == [{"name": "cc-by"}]


def test_status_names_a_missing_source_instead_of_crashing(project):
    import json

    from .conftest import run

    (project / "datasets/nizhyn-council-decisions/rishennya-2021-11.xlsx").unlink()
    result = run("status", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    missing = "datasets/nizhyn-council-decisions/rishennya-2021-11.xlsx"
    assert rows["nizhyn-council-decisions"]["missing_sources"] == [missing]
    assert missing in run("status", "--lang", "en").output


def test_only_rows_at_the_end_can_be_totals_rows(tmp_path):
    table = schema({"name": "name"}, {"name": "sum", "type": "number"})
    rows = [["name", "sum"], ["Разом до перемоги", "5"], ["ГО «Світанок»", "7"], [],
            ["Разом", "12"], []]
    report = validate_file(write_csv(tmp_path / "a.csv", rows), table)
    assert codes(report) == [("totals-row", "A5")]
    assert report.rows == 2
    kept = validate_file(write_csv(tmp_path / "a.csv", rows), table, totals_rows=False)
    assert codes(kept) == [("blank-row", 4)] and kept.rows == 3


def test_a_totals_row_is_decided_across_chunks(tmp_path, monkeypatch):
    from opendata.check import validation

    monkeypatch.setattr(validation, "CHUNK_ROWS", 3)
    table = schema({"name": "name"}, {"name": "sum", "type": "number"})
    rows = [["name", "sum"], ["a", "1"], ["b", "2"], ["Всього по школі", "3"], [], ["c", "4"],
            ["d", "5"], ["Разом", "15"]]
    for path in (write_csv(tmp_path / "a.csv", rows), write_workbook(tmp_path / "a.xlsx", rows)):
        report = validate_file(path, table)
        assert codes(report) == [("blank-row", 5), ("totals-row", "A8")]
        assert report.rows == 5


def test_convert_reports_the_totals_row_it_leaves_out(tmp_path):
    from opendata.build.convert import convert_file

    table = schema({"name": "name"}, {"name": "sum", "type": "number"})
    source = write_csv(tmp_path / "a.csv", [["name", "sum"], ["Разом до перемоги", "5"],
                                            ["Світанок", "2"], ["Разом", "7"]])
    report = convert_file(source, table, tmp_path / "out.csv", force=True)
    assert codes(report) == [("totals-row", "A4")]
    assert (tmp_path / "out.csv").read_text() == "name,sum\nРазом до перемоги,5\nСвітанок,2\n"


@pytest.mark.parametrize("technical_first", [True, False])
def test_a_row_of_technical_names_beside_the_titles_is_header(tmp_path, technical_first):
    table = schema({"name": "uid", "title": "Ідентифікатор", "type": "integer"},
                   {"name": "issuedDate", "title": "Дата прийняття", "type": "date"},
                   {"name": "title", "title": "Назва"})
    titles, names = ["Ідентифікатор", "Дата прийняття", "Назва"], ["uid", "issuedDate", "title"]
    band = [names, titles] if technical_first else [titles, names]
    rows = [["Перелік рішень"], *band, ["1", "2", "3"], ["7", "2021-11-26", "Про бюджет"]]
    for path in (write_csv(tmp_path / "a.csv", rows), write_workbook(tmp_path / "a.xlsx", rows)):
        report = validate_file(path, table)
        assert report.findings == []
        assert report.header_rows == [2, 4] and report.rows == 1
        assert report.json("uk")["header_rows"] == [2, 4]


def test_a_data_row_that_merely_resembles_a_header_stays_data(tmp_path):
    table = schema({"name": "n", "type": "integer"}, {"name": "name"}, {"name": "kind"})
    rows = [["n", "name", "kind"], ["1", "2", "3"], ["4", "name", "x"]]
    report = validate_file(write_csv(tmp_path / "a.csv", rows), table)
    assert report.header_rows == [1, 2] and report.rows == 1
    rows[1] = ["1", "Петренко", "3"]
    report = validate_file(write_csv(tmp_path / "a.csv", rows), table)
    assert report.header_rows == [1, 1] and report.rows == 2


@pytest.mark.parametrize("technical_first", [True, False])
def test_new_takes_names_from_a_technical_header_row(project, tmp_path, technical_first):
    import yaml

    from .conftest import run

    titles = ["Ідентифікатор", "Дата прийняття", "Кількість", "Примітка"]
    names = ["uid", "issuedDate", "count", "authorityId"]
    band = [names, titles] if technical_first else [titles, names]
    rows = [*band, ["1", "2", "3", "4"], ["a-1", "2021-11-26", 5, "null"],
            ["a-2", "2021-11-27", 7, "04061783"], ["Разом", None, 12, None]]
    source = write_workbook(tmp_path / "acts.xlsx", rows)
    assert run("new", "acts", "--from", source).exit_code == 0
    schema = yaml.safe_load((project / "schemas/acts.schema.yaml").read_text("utf-8"))
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == names
    assert fields["issuedDate"]["type"] == "date" and fields["count"]["type"] == "integer"
    assert fields["issuedDate"]["title"] == "Дата прийняття"
    assert schema["missingValues"] == ["", "null"]
    report = run("validate", "acts", "--format", "json")
    errors = [e for t in __import__("json").loads(report.output)["tables"] for e in t["errors"]]
    assert [e["code"] for e in errors if e["code"].startswith(("type", "required"))] == []


def test_a_built_package_agrees_with_its_own_files(project):
    """Source options (date patterns, decimal comma, yes/no words) describe the spreadsheet;
    the published files hold standard values, and frictionless-py finds no error in them."""
    import json

    import frictionless
    import yaml

    from .conftest import run

    folder = project / "datasets/payments"
    folder.mkdir()
    fields = [{"name": "day", "type": "date", "format": "%d.%m.%Y",
               "constraints": {"minimum": "01.01.2021", "enum": ["30.05.2021", "31.05.2021"]}},
              {"name": "sum", "type": "number", "decimalChar": ",", "groupChar": " ",
               "constraints": {"maximum": "10 000,5"}},
              {"name": "paid", "type": "boolean", "trueValues": ["так"], "falseValues": ["ні"]},
              {"name": "note"}]
    (project / "schemas/payments.schema.yaml").write_text(
        yaml.safe_dump({"fields": fields, "missingValues": ["", "-"]}, allow_unicode=True),
        encoding="utf-8")
    write_csv(folder / "payments.csv", [["day", "sum", "paid", "note"],
                                        ["30.05.2021", "1 234,50", "так", "-"],
                                        ["31.05.2021", "10 000,5", "ні", "без ПДВ"]])
    definition = yaml.safe_load((project / "datasets/nizhyn-council-decisions/"
                                 "datapackage.yaml").read_text(encoding="utf-8"))
    definition.update(name="payments", resources=[{
        "name": "payments", "path": "payments.csv",
        "schema": "../../schemas/payments.schema.yaml", "formats": ["csv", "json"]}])
    (folder / "datapackage.yaml").write_text(yaml.safe_dump(definition, allow_unicode=True),
                                             encoding="utf-8")
    result = run("build", "payments")
    assert result.exit_code == 0, result.output
    built = project / "build/payments"
    assert (built / "payments.csv").read_text() == (
        "day,sum,paid,note\n2021-05-30,1234.50,true,\n2021-05-31,10000.5,false,без ПДВ\n")
    report = frictionless.validate(str(built / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    day = package["resources"][0]["schema"]["fields"][0]
    assert day["constraints"]["minimum"] == "2021-01-01" and "format" not in day


@pytest.mark.parametrize("text", [
    "id,sum\r1,5\r2,x\r3,7\r",                                  # CR-only line ends (old Mac)
    "id,sum\r\n1,5\n2,x\r3,7\r\n",                              # mixed line ends
    'Звіт "за листопад\nid,sum\n1,5\n2,x\n3,7\n',               # a stray quote in a title
    '"Звіт "за" листопад"\nid,sum\n1,5\n2,x\n3,"7"\n',
    'id,sum\n1,"5\n2",x\n3,7\n',                                # a quoted line break
])
def test_validate_and_convert_read_a_csv_the_same_way(tmp_path, text):
    from opendata.check.validation import TableScan
    from opendata.read.sheets import read_sheet

    table = schema({"name": "id", "type": "integer"}, {"name": "sum", "type": "integer"})
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode("utf-8"))
    fast = validate_file(path, table)
    scan = TableScan(read_sheet(path), table, outputs=("csv",))
    for _ in scan:
        pass
    assert codes(fast) == codes(scan.report)
    assert fast.rows == scan.report.rows >= 2
    assert any(f.code.startswith("type-error") for f in fast.findings)


def test_blank_and_trailing_blank_rows_with_limits_on_every_type(tmp_path):
    table = schema({"name": "id", "type": "integer", "constraints": {"minimum": 1,
                                                                     "unique": True}},
                   {"name": "at", "type": "datetime",
                    "constraints": {"minimum": "2021-01-01T00:00:00"}},
                   {"name": "y", "type": "year", "constraints": {"maximum": 2030}})
    path = tmp_path / "a.csv"
    path.write_text("id,at,y\n1,2021-05-01T10:00:00,2021\n\n2,,2031\n,,\n\n", encoding="utf-8")
    report = validate_file(path, table)
    assert codes(report) == [("blank-row", 3), ("maximum", "C4")]
    assert report.rows == 2


def test_a_link_without_its_scheme_gets_the_fix(tmp_path):
    table = schema({"name": "site", "format": "uri"})
    report = validate_file(write_csv(tmp_path / "a.csv", [["site"], ["www.nizhynrada.gov.ua"],
                                                          ["ніжин"]]), table)
    assert codes(report) == [("type-error", "A3"), ("type-error-hint", "A2")]
    assert report.findings[0].params["suggestion"] == "https://www.nizhynrada.gov.ua"
