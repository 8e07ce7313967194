"""Broken and hostile input: one clear line and exit 2 (or a finding), never a traceback,
nothing read or written outside the project, nothing silently altered."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import run

DECISIONS = "datasets/nizhyn-council-decisions/datapackage.yaml"


def one_line_exit_2(result):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "nternal" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def edit_definition(project, change):
    path = project / DECISIONS
    definition = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(definition)
    path.write_text(yaml.safe_dump(definition, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../outside.xlsx",
                                    "../../../../etc/hostname"])
def test_a_source_outside_the_project_is_refused(project, target):
    edit_definition(project, lambda d: d["resources"][0].update(path=target))
    said = one_line_exit_2(run("build", "nizhyn-council-decisions", "--lang", "en"))
    assert "outside the project" in said
    assert not (project / "build").exists()


def test_a_source_linked_from_outside_is_refused(project, tmp_path_factory):
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.xlsx"
    secret.write_bytes((project / "datasets/nizhyn-council-decisions/rishennya-2021-11.xlsx")
                       .read_bytes())
    (project / "datasets/nizhyn-council-decisions/linked.xlsx").symlink_to(secret)
    edit_definition(project, lambda d: d["resources"][0].update(path="linked.xlsx"))
    assert "outside" in one_line_exit_2(run("validate", "--lang", "en"))


def test_a_dataset_name_that_is_a_path_never_touches_the_disk(project):
    precious = project / "precious.partial"
    precious.mkdir()
    (precious / "keep.txt").write_text("дані", encoding="utf-8")
    edit_definition(project, lambda d: d.update(name="../../../precious"))
    result = run("build", "nizhyn-council-decisions")
    assert result.exit_code == 1
    assert (precious / "keep.txt").read_text(encoding="utf-8") == "дані"
    assert not any(p.name.startswith("..") for p in project.rglob("*"))


def test_two_definitions_with_one_name_are_refused(project):
    copy = project / "datasets/copy-of-decisions"
    copy.mkdir()
    (copy / "datapackage.yaml").write_text(
        (project / DECISIONS).read_text(encoding="utf-8").replace(
            "path: rishennya-2021-11.xlsx", "path: ../nizhyn-council-decisions/"
            "rishennya-2021-11.xlsx").replace("schema: ../../", "schema: ../../"),
        encoding="utf-8")
    said = one_line_exit_2(run("build", "--lang", "en"))
    assert "nizhyn-council-decisions" in said and "more than once" in said
    assert not (project / "build").exists()


def test_two_resources_with_one_name_are_refused(project):
    edit_definition(project, lambda d: d["resources"].append(dict(d["resources"][0])))
    assert "repeat" in one_line_exit_2(run("validate", "--lang", "en"))


@pytest.mark.parametrize("where", ["definition", "schema"])
def test_yaml_aliases_are_refused_before_they_multiply(project, where):
    laughs = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
              "".join(f"{x}: &{x} [{', '.join([f'*{p}'] * 9)}]\n"
                      for p, x in zip("abcdefgh", "bcdefghi")))
    path = project / (DECISIONS if where == "definition" else "schemas/legal-acts.schema.yaml")
    path.write_text(laughs + path.read_text(encoding="utf-8"), encoding="utf-8")
    said = one_line_exit_2(run("validate", "nizhyn-council-decisions", "--lang", "en"))
    assert "aliases (*name) expand to more than 1,000,000 values" in said


def test_deeply_nested_json_schema_is_refused(tmp_path):
    schema = tmp_path / "deep.json"
    schema.write_text('{"fields": ' + "[" * 50_000 + "]" * 50_000 + "}", encoding="utf-8")
    data = tmp_path / "a.csv"
    data.write_text("a\n1\n", encoding="utf-8")
    assert "max_nesting" in one_line_exit_2(run("validate", data, "--schema", schema))


def test_build_where_a_file_stands_says_so_and_leaves_nothing_behind(project):
    (project / "build").write_text("not a folder", encoding="utf-8")
    said = one_line_exit_2(run("build", "nizhyn-council-decisions", "--lang", "en"))
    assert "should be here" in said
    assert (project / "build").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("make", ["folder", "text"])
def test_a_log_that_is_not_a_log_is_named(project, make):
    log = project / ".opendata/log.sqlite"
    log.parent.mkdir()
    if make == "folder":
        log.mkdir()
    else:
        log.write_text("просто текст\n" * 100, encoding="utf-8")
    said = one_line_exit_2(run("log", "--lang", "en"))
    assert "not an opendata publication log" in said


def test_limits_are_configured_in_the_project(project):
    config = project / "opendata.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[limits]\nmax_cels = 5\n",
                      encoding="utf-8")
    assert "max_cels" in one_line_exit_2(run("validate", "--lang", "en"))


@pytest.mark.parametrize("key", ["reader_megabytes", "reader_seconds", "max_cells"])
def test_a_limit_past_what_any_machine_has_is_refused_by_name(project, key):
    """A huge reader_megabytes was passed to the operating system, refused there, and the
    workbook called corrupt; a huge reader_seconds was an internal error."""
    config = project / "opendata.toml"
    config.write_text(config.read_text(encoding="utf-8") + f"\n[limits]\n{key} = {2 ** 63}\n",
                      encoding="utf-8")
    said = one_line_exit_2(run("validate", "--lang", "en"))
    assert key in said and "at most" in said


def test_an_ods_beyond_the_readers_own_cell_cap_is_too_large_not_corrupt(tmp_path,
                                                                           two_columns):
    """An ODS repeating one cell a billion times: python-calamine refuses it with its own
    cap, which was said as a corrupt file."""
    import zipfile

    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
        '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:'
        'opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:'
        '1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name='
        '"Дані"><table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p>'
        '</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>'
        '</office:document-content>')
    path = tmp_path / "wide.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    said = one_line_exit_2(run("validate", path, "--schema", two_columns, "--lang", "en"))
    assert "more than can be read" in said and "corrupt" not in said


def patched_xlsx(tmp_path, name, change):
    """A real workbook whose sheet XML was changed by hand, as a hostile file is made."""
    import zipfile

    from .conftest import write_workbook

    source = write_workbook(tmp_path / "source.xlsx", [["name", "sum"], ["a", 1], ["b", 2]])
    target = tmp_path / name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            new.writestr(item, data)
    return target


@pytest.fixture
def two_columns(tmp_path):
    path = tmp_path / "schema.yaml"
    path.write_text("fields:\n  - {name: name}\n  - {name: sum, type: number}\n",
                    encoding="utf-8")
    return path


def test_a_cell_at_the_far_corner_is_refused_before_it_is_allocated(tmp_path, two_columns):
    far = patched_xlsx(tmp_path, "far.xlsx", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t>'
                         b"</is></c></row></sheetData>"))
    said = one_line_exit_2(run("validate", far, "--schema", two_columns, "--lang", "en"))
    assert "XFD1048576" in said and "max_cells" in said


def test_an_inflated_dimension_is_read_by_its_real_cells(tmp_path, two_columns):
    import re

    inflated = patched_xlsx(tmp_path, "dim.xlsx", lambda xml: re.sub(
        rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', xml))
    result = run("validate", inflated, "--schema", two_columns, "--format", "json")
    assert result.exit_code == 0, result.output


def test_formula_errors_are_findings_not_empty_cells(tmp_path, two_columns):
    import json

    broken = patched_xlsx(tmp_path, "errors.xlsx", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="4"><c r="A4" t="str"><f>A2</f><v>c</v></c><c r="B4" '
                         b't="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData>'))
    result = run("validate", broken, "--schema", two_columns, "--format", "json")
    assert result.exit_code == 1
    [error] = json.loads(result.stdout)["tables"][0]["errors"]
    assert (error["code"], error["cell"], error["value"]) == ("formula-error", "B4", "#DIV/0!")
    converted = run("convert", broken, "--schema", two_columns, "-o", tmp_path / "out.csv")
    assert converted.exit_code == 1 and not (tmp_path / "out.csv").exists()


def test_a_hidden_first_sheet_is_skipped_with_a_warning(tmp_path, two_columns):
    import json

    import openpyxl

    workbook = openpyxl.Workbook()
    archive = workbook.active
    archive.title, archive.sheet_state = "Архів 2019", "hidden"
    archive.append(["name", "sum"])
    archive.append(["old", "не число"])
    current = workbook.create_sheet("Дані")
    current.append(["name", "sum"])
    current.append(["new", 5])
    workbook.save(tmp_path / "book.xlsx")
    result = run("validate", tmp_path / "book.xlsx", "--schema", two_columns, "--format",
                 "json")
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)["tables"][0]
    assert table["sheet"] == "Дані"
    assert [e["code"] for e in table["errors"]] == ["hidden-sheets-skipped"]
    assert "«Архів 2019»" in table["errors"][0]["message"]


@pytest.mark.parametrize("real, named", [("xlsx", "xls"), ("xls", "xlsx")])
def test_a_workbook_whose_extension_lies_is_read_by_its_content(tmp_path, two_columns, real,
                                                                named):
    import json

    import xlwt

    from .conftest import write_workbook

    if real == "xlsx":
        source = write_workbook(tmp_path / "book.xlsx", [["name", "sum"], ["a", 1]])
    else:
        book = xlwt.Workbook()
        sheet = book.add_sheet("Дані")
        for row, values in enumerate([["name", "sum"], ["a", 1]]):
            for column, value in enumerate(values):
                sheet.write(row, column, value)
        source = tmp_path / "book.xls"
        book.save(str(source))
    lying = tmp_path / f"lying.{named}"
    lying.write_bytes(source.read_bytes())
    result = run("validate", lying, "--schema", two_columns, "--format", "json")
    assert result.exit_code == 0, result.output
    [warning] = json.loads(result.stdout)["tables"][0]["errors"]
    assert warning["code"] == "file-extension-mismatch" and warning["severity"] == "warning"


def test_a_truncated_xls_is_a_corrupt_file(tmp_path, two_columns):
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("Дані").write(0, 0, "name")
    book.save(str(tmp_path / "whole.xls"))
    (tmp_path / "cut.xls").write_bytes((tmp_path / "whole.xls").read_bytes()[:3000])
    said = one_line_exit_2(run("validate", tmp_path / "cut.xls", "--schema", two_columns,
                               "--lang", "en"))
    assert "corrupt" in said


def codes_of(result):
    import json

    return [(e["code"], e["cell"] or e["row"]) for t in json.loads(result.stdout)["tables"]
            for e in t["errors"]]


def test_a_cp1251_cell_in_a_utf8_file_is_a_finding_never_mojibake(tmp_path, two_columns):
    data = tmp_path / "mixed.csv"
    rows = "name,sum\n" + "".join(f"Громада {n},{n}\n" for n in range(30))
    data.write_bytes(rows.encode() + "Прилуки,2\n".encode("cp1251"))
    result = run("validate", data, "--schema", two_columns, "--format", "json")
    assert result.exit_code == 1
    assert codes_of(result) == [("mixed-encoding", "A32")]
    assert "«Прилуки»" in run("validate", data, "--schema", two_columns).output
    assert run("convert", data, "--schema", two_columns, "-o", tmp_path / "o.csv").exit_code == 1
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_unicode_text_with_a_bom_is_read(tmp_path, two_columns, encoding):
    data = tmp_path / "unicode.csv"
    data.write_bytes("name\tsum\nНіжин\t1,5\n".encode(encoding))
    result = run("validate", data, "--schema", two_columns, "--format", "json")
    assert codes_of(result) == [("type-error-hint", "B2")]


def test_a_nul_after_the_first_megabyte_is_a_finding(tmp_path, two_columns):
    data = tmp_path / "nul.csv"
    data.write_bytes(b"name,sum\n" + b"a,1\n" * 300_000 + b"b\x00c,2\n")
    result = run("validate", data, "--schema", two_columns, "--format", "json")
    assert result.exit_code == 1
    assert codes_of(result) == [("control-character", "A300002")]


def test_cr_only_line_ends_are_read(tmp_path, two_columns):
    data = tmp_path / "mac.csv"
    data.write_bytes(b"name,sum\ra,1\rb,x\r")
    result = run("validate", data, "--schema", two_columns, "--format", "json")
    assert codes_of(result) == [("type-error", "B3")]


def test_a_huge_cell_and_a_huge_row_are_limits_not_crashes(tmp_path, two_columns):
    cell = tmp_path / "cell.csv"
    cell.write_text("name,sum\n" + "a" * 2_000_000 + ",1\n", encoding="utf-8")
    assert "max_cell_chars" in one_line_exit_2(
        run("validate", cell, "--schema", two_columns, "--lang", "en"))
    wide = tmp_path / "wide.csv"
    wide.write_text("name,sum," + ",".join(f"c{n}" for n in range(20_000)) + "\na,1\n",
                    encoding="utf-8")
    assert "max_columns" in one_line_exit_2(
        run("validate", wide, "--schema", two_columns, "--lang", "en"))


@pytest.mark.parametrize("value", ["1e999999", "9" * 100_000])
def test_numbers_beyond_any_use_are_type_errors_quickly(tmp_path, two_columns, value):
    data = tmp_path / "big.csv"
    data.write_text(f"name,sum\na,{value}\n", encoding="utf-8")
    result = run("validate", data, "--schema", two_columns, "--format", "json")
    assert codes_of(result) == [("type-error", "B2")]


def test_seventeen_digit_numbers_are_compared_exactly(tmp_path):
    schema = tmp_path / "schema.yaml"
    schema.write_text("fields:\n  - {name: n, type: number, constraints: {unique: true, "
                      "maximum: 12345678901234567}}\n", encoding="utf-8")
    data = tmp_path / "n.csv"
    data.write_text("n\n12345678901234567\n12345678901234568\n12345678901234567.0\n",
                    encoding="utf-8")
    result = run("validate", data, "--schema", schema, "--format", "json")
    assert codes_of(result) == [("maximum", "A3"), ("unique", "A4")]


def test_year_zero_is_not_a_date_and_a_serial_day_gets_a_hint(tmp_path):
    import json

    schema = tmp_path / "schema.yaml"
    schema.write_text("fields:\n  - {name: day, type: date}\n", encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text("day\n0000-01-01\n44524\n2021-11-24\n", encoding="utf-8")
    result = run("validate", data, "--schema", schema, "--format", "json")
    errors = json.loads(result.stdout)["tables"][0]["errors"]
    assert [(e["code"], e["cell"]) for e in errors] == [("type-error", "A2"),
                                                        ("type-error-hint", "A3")]
    assert "2021-11-24" in errors[1]["message"]


def test_cells_excel_would_run_as_formulas_are_warned_about(tmp_path):
    import json

    schema = tmp_path / "schema.yaml"
    schema.write_text("fields:\n  - {name: note}\n  - {name: phone}\n  - {name: sum, "
                      "type: number}\n", encoding="utf-8")
    data = tmp_path / "f.csv"
    data.write_text('note,phone,sum\n"=HYPERLINK(""http://evil"")",+380 44 123 45 67,-5\n'
                    "@SUM(A1),+cmd|calc,3\n", encoding="utf-8")
    result = run("validate", data, "--schema", schema, "--format", "json")
    assert result.exit_code == 0
    found = [(e["code"], e["cell"], e["severity"])
             for e in json.loads(result.stdout)["tables"][0]["errors"]]
    assert found == [("formula-like-value", "A2", "warning"),
                     ("formula-like-value", "A3", "warning"),
                     ("formula-like-value", "B3", "warning")]


def test_a_utf8_cell_in_a_cp1251_file_is_a_finding_never_mojibake(tmp_path, two_columns):
    import json

    data = tmp_path / "mixed.csv"
    rows = "name,sum\n" + "".join(f"Громада {n},{n}\n" for n in range(30))
    data.write_bytes(rows.encode("cp1251") + "Ніжинська,1\n".encode())
    result = run("validate", data, "--schema", two_columns, "--format", "json")
    assert result.exit_code == 1
    [error] = json.loads(result.stdout)["tables"][0]["errors"]
    assert (error["code"], error["cell"]) == ("mixed-encoding", "A32")
    assert "«Ніжинська»" in error["message"]


def test_a_catastrophic_pattern_runs_in_linear_time(tmp_path):
    schema = tmp_path / "schema.yaml"
    schema.write_text("fields:\n  - {name: code, constraints: {pattern: '(0+)+$'}}\n",
                      encoding="utf-8")
    data = tmp_path / "codes.csv"
    data.write_text("code\n" + "0" * 5000 + "1\n" + ("0" * 40 + "1\n") * 2000,
                    encoding="utf-8")
    result = run("validate", data, "--schema", schema, "--format", "json")
    assert result.exit_code == 1  # each value a pattern finding, found at once


def test_a_lookahead_pattern_is_refused_when_the_schema_loads(tmp_path):
    schema = tmp_path / "schema.yaml"
    schema.write_text("fields:\n  - {name: code, constraints: {pattern: '(?=a)a+'}}\n",
                      encoding="utf-8")
    data = tmp_path / "codes.csv"
    data.write_text("code\na\n", encoding="utf-8")
    assert "RE2" in one_line_exit_2(run("validate", data, "--schema", schema, "--lang", "en"))


def test_an_xls_whose_sector_chain_asks_for_4_gb_is_refused_not_killed(tmp_path, two_columns):
    """Found by tests/test_fuzz.py: a 5.6 KB mutated xls made calamine's CFB reader ask for
    4 GB when the workbook was opened; the process was killed by the kernel."""
    from .conftest import ROOT

    source = ROOT / "tests/data/fuzz-xls-sector-chain-4gb.xls"
    command = [str(Path(sys.executable).parent / "opendata"), "validate", str(source),
               "--schema", str(two_columns), "--lang", "en"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "reader_megabytes" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_lone_carriage_return_after_the_header_is_no_crash(tmp_path, two_columns):
    """Found by tests/test_fuzz.py: a CSV ending "…header\\n\\r" has a last row with no
    cells at all; the totals check at the end of the table met an empty row of columns."""
    data = tmp_path / "cr.csv"
    data.write_bytes(b"name,sum\n\r")
    result = run("convert", data, "--schema", two_columns, "-o", tmp_path / "out.csv",
                 "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "name,sum\n"


@pytest.mark.parametrize("columns, said", [
    ([{"name": 5}], "'name' must be text"),
    ([{"name": "a", "titles": ["Назва", "Name"], "datatype": {"base": "date"}}], None),
    ([{"name": "a"}] * 150, None),
    ([{"name": "a", "title": {"uk": "Назва", "en": "Name"}, "required": "yes"}], None),
    ([{"name": "x" * 100_000}], "longer than"),
])
def test_malformed_csvw_is_imported_or_refused_in_one_line(tmp_path, columns, said):
    import json

    source = tmp_path / "schema.json"
    source.write_text(json.dumps({"tableSchema": {"columns": columns, "primaryKey": ["a"]}}),
                      encoding="utf-8")
    result = run("schema", "import", source, "-o", tmp_path / "out.yaml", "--lang", "en")
    if said:
        assert said in one_line_exit_2(result)
        return
    assert result.exit_code == 0, result.output
    fields = yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))["fields"]
    assert len({f["name"] for f in fields}) == len(columns)
    if "titles" in columns[0] or isinstance(columns[0].get("title"), dict):
        assert fields[0]["title"] == "Назва"


def test_a_full_disk_is_named_and_leaves_no_partial_folder(project, monkeypatch):
    import errno

    from opendata.build import package

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "build/x")

    monkeypatch.setattr(package, "write_structure", full)
    said = one_line_exit_2(run("build", "nizhyn-council-decisions", "--lang", "en"))
    assert "disk is full" in said
    assert [p.name for p in (project / "build").iterdir()] == []


def test_an_empty_first_record_then_data_is_read_row_by_row(tmp_path):
    """Found by tests/test_fuzz.py: "header\\n\\r1" — the first record after the header is
    empty, and Arrow's reader, given no column names, guessed an integer column."""
    import json

    schema = tmp_path / "schema.yaml"
    schema.write_text("fields:\n  - {name: name}\n  - {name: sum, type: number}\n"
                      "  - {name: day, type: date}\n", encoding="utf-8")
    data = tmp_path / "cr1.csv"
    data.write_bytes(b"name,sum,day\n\r1")
    result = run("validate", data, "--schema", schema, "--format", "json")
    assert result.exit_code == 1, result.output
    table = json.loads(result.stdout)["tables"][0]
    assert table["rows"] == 1
    assert [(e["code"], e["cell"] or e["row"]) for e in table["errors"]] == [
        ("blank-row", 2), ("missing-cell", "B3"), ("missing-cell", "C3")]


def one_line_refusal(result, *phrases):
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


def test_a_cell_past_pythons_own_csv_limit_is_read_and_one_past_ours_is_named(project):
    big = project / "big.csv"
    big.write_text("a,b\n" + "x" * 200_000 + ",1\n", encoding="utf-8")  # csv's default: 131,072
    schema = project / "ab.json"
    schema.write_text('{"fields": [{"name": "a"}, {"name": "b", "type": "integer"}]}')
    for command in (["validate", big, "--schema", schema],
                    ["convert", big, "--schema", schema, "-o", project / "out.csv"],
                    ["new", "big", "--from", big]):
        assert run(*command).exit_code == 0, command
    config = project / "opendata.toml"
    config.write_text(config.read_text("utf-8") + "\n[limits]\nmax_cell_chars = 1000\n",
                      encoding="utf-8")
    one_line_refusal(run("validate", big, "--schema", schema), "max_cell_chars")


@pytest.mark.parametrize("line, phrase", [
    ("encoding: rot13", "'encoding' must be a text encoding"),
    ("delimiter: ';;'", "'delimiter' must be one character"),
    ("encoding: no-such-codec", "'encoding' must be a text encoding")])
def test_a_reading_option_that_cannot_work_is_refused_in_one_line(project, line, phrase):
    path = project / "datasets/nizhyn-datasets-register/datapackage.yaml"
    path.write_text(path.read_text("utf-8").replace("    path: register.csv",
                                                    f"    path: register.csv\n    {line}"),
                    encoding="utf-8")
    one_line_refusal(run("validate", "nizhyn-datasets-register", "--lang", "en"), phrase)


def test_a_source_that_links_to_itself_is_refused_in_one_line(project):
    folder = project / "datasets/nizhyn-datasets-register"
    (folder / "register.csv").unlink()
    (folder / "register.csv").symlink_to(folder / "register.csv")
    one_line_refusal(run("validate", "nizhyn-datasets-register", "--lang", "en"),
                     "leads nowhere")


@pytest.mark.parametrize("setting", ['log = "journal.sqlite"', "portals = 5",
                                     "[portals.broken]\nname = 1"])
def test_a_setting_where_a_section_belongs_is_said_in_one_line(project, setting):
    config = project / "opendata.toml"
    text = config.read_text("utf-8")
    if setting.startswith("log"):
        text = text.replace('[log]\npath = ".opendata/log.sqlite"', "")
    if setting.startswith("portals ="):
        text = text.split("[portals.prod]")[0].replace(
            'default_portal = "local"', 'default_portal = "local"\n' + setting)
        setting = ""
    config.write_text(text.replace("# Where `opendata publish`", setting + "\n# Where "
                                   "`opendata publish`", 1), encoding="utf-8")
    one_line_refusal(run("status"), "opendata.toml")


@pytest.mark.parametrize("key", ["abc\ndef-123", "abc def-123", "abc\x1b[2Jdef-123"])
def test_a_key_with_a_break_or_a_control_character_is_refused_before_it_is_sent(
        project, monkeypatch, key):
    monkeypatch.setenv("OPENDATA_API_KEY", key)
    result = run("publish", "--portal", "http://127.0.0.1:9", "--lang", "en")
    one_line_refusal(result, "OPENDATA_API_KEY", "as one word")
    assert "def-123" not in result.output


@pytest.mark.parametrize("where", ["definition", "schema"])
def test_a_key_written_twice_is_refused_not_taken_as_the_last(project, where):
    if where == "definition":
        path = project / "datasets/nizhyn-datasets-register/datapackage.yaml"
        path.write_text(path.read_text("utf-8") + "title: Інша назва\n", encoding="utf-8")
        result = run("validate", "nizhyn-datasets-register", "--lang", "en")
    else:
        schema = project / "twice.json"
        schema.write_text('{"fields": [{"name": "a", "type": "string", "type": "integer"}]}')
        data = project / "a.csv"
        data.write_text("a\n1\n", encoding="utf-8")
        result = run("validate", data, "--schema", schema, "--lang", "en")
    one_line_refusal(result, "written twice")


def without_references(path):
    """The workbook with its cells' optional r="A1" references taken out, as some writers
    leave them."""
    import re
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'(<c|<row)( [^>]*?)? r="[A-Z]*\d+"', rb"\1\2", parts[sheet])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_the_cell_limit_counts_cells_that_carry_no_reference_and_no_more(project):
    from .conftest import write_workbook

    rows = [[f"c{n}" for n in range(10)]] + [[str(r * n) for n in range(10)]
                                             for r in range(99)]
    schema = project / "ten.json"
    schema.write_text(json.dumps({"fields": [{"name": f"c{n}"} for n in range(10)]}))
    config = project / "opendata.toml"
    config.write_text(config.read_text("utf-8") + "\n[limits]\nmax_cells = 2000\n",
                      encoding="utf-8")
    narrow = write_workbook(project / "narrow.xlsx", rows)  # 1,000 cells, columns A–J
    assert run("validate", narrow, "--schema", schema).exit_code == 0
    bare = without_references(write_workbook(project / "bare.xlsx", rows * 3))
    one_line_refusal(run("validate", bare, "--schema", schema, "--lang", "en"), "max_cells")


def test_a_password_protected_workbook_is_said_to_be_so(tmp_path):
    from opendata.read.sheets import OLE_MAGIC

    # Excel's encrypted xlsx: an OLE file whose directory names an EncryptedPackage stream
    locked = tmp_path / "звіт.xlsx"
    locked.write_bytes(OLE_MAGIC + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") +
                       b"\0" * 50 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 4000)
    schema = tmp_path / "s.json"
    schema.write_text('{"fields": [{"name": "a"}]}')
    one_line_refusal(run("validate", locked, "--schema", schema, "--lang", "en"),
                     "password-protected")


def test_a_spreadsheet_of_a_format_not_read_is_named_as_a_file(project):
    binary = project / "звіт.xlsb"
    binary.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    schema = project / "s.json"
    schema.write_text('{"fields": [{"name": "a"}]}')
    one_line_refusal(run("validate", binary, "--schema", schema, "--lang", "en"),
                     "'.xlsb' is not read", "Save As")


def test_a_workbook_whose_zip_needs_a_version_python_cannot_read_is_corrupt(tmp_path,
                                                                           two_columns):
    """Found by tests/test_fuzz.py with 1,000 examples: a mutated xlsx whose archive asks
    for zip version 6.4 was an internal error (Python's zipfile raises NotImplementedError)."""
    source = patched_xlsx(tmp_path, "plain.xlsx", lambda xml: xml)
    data = bytearray(source.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:  # every entry of the central directory: "version needed to extract"
        data[at + 6:at + 8] = (64).to_bytes(2, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    target = tmp_path / "version.xlsx"
    target.write_bytes(bytes(data))
    said = one_line_exit_2(run("validate", target, "--schema", two_columns, "--lang", "en"))
    assert "corrupt" in said and "zip file version" in said


def test_a_row_longer_than_many_blocks_is_looked_at_in_linear_time(monkeypatch):
    """A 16 MB row looked at in blocks of 1 KB: each block adds its own bytes and only they
    are searched for the next row (the row so far was copied and searched again for every
    block: 128 GB of copying here). The formula error after the long cell is still found,
    and rows written with a namespace prefix (<x:row>) are cut as the others."""
    import io

    from opendata.read import xlsx

    monkeypatch.setattr(xlsx, "BLOCK", 1024)
    long_row = (b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' + b"x" * (16 << 20)
                + b'</t></is></c><c r="B1" t="e"><v>#N/A</v></c></row>'
                b'<row r="2"><c r="C2"><v>1</v></c></row></sheetData>')
    found = xlsx.scan(io.BytesIO(long_row))
    assert (found.rows, found.columns, found.cells, found.row_tags) == (2, 3, 3, 2)
    assert found.errors == {(1, 1): "#N/A"}
    prefixed = b"<x:sheetData>" + b"".join(
        b'<x:row r="%d"><x:c r="D%d" t="e"><x:v>#REF!</x:v></x:c></x:row>' % (n, n)
        for n in range(1, 3001)) + b"</x:sheetData>"
    found = xlsx.scan(io.BytesIO(prefixed))
    assert (found.rows, found.columns, found.cells, found.row_tags) == (3000, 4, 3000, 3000)
    assert len(found.errors) == 3000 and found.errors[(3000, 3)] == "#REF!"
