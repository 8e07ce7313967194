"""The opendata command: exit codes, the JSON contract, messages without tracebacks."""

import json

import pytest

from .conftest import HEADER, ROOT, edit_cell, good_row, run, write_workbook


def test_bundled_examples_are_valid(project):
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "Перевірено таблиць: 3. Помилок немає." in result.output
    assert "datasets/nizhyn-public-budget-projects/projects-2022.xlsx, аркуш «Проєкти»" in (
        result.output)


def test_json_output_is_the_documented_contract(project):
    result = run("validate", "nizhyn-council-decisions", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["valid"] is True and report["metadata"] == []
    [table] = report["tables"]
    assert {"source", "sheet", "header_row", "rows", "errors"} <= set(table)
    assert table["sheet"] == "Рішення" and table["header_row"] == 3 and table["rows"] == 10


def edit_projects(project, row, column, value):
    edit_cell(project / "datasets/nizhyn-public-budget-projects/projects-2022.xlsx", "Проєкти",
              f"{column}{row}", value)


def test_invalid_cell_exits_1_naming_the_cell(project):
    edit_projects(project, 5, "Q", "98765,40")  # budgetPlan with a decimal comma
    result = run("validate", "nizhyn-public-budget-projects")
    assert result.exit_code == 1
    assert "Проєкти!Q5 (Проєктний бюджет) «98765,40»: Неправильне значення" in result.output
    assert "мабуть, «98765.40»" in result.output

    result = run("validate", "nizhyn-public-budget-projects", "--format", "json", "--lang", "en")
    report = json.loads(result.stdout)
    assert report["valid"] is False
    [error] = report["tables"][0]["errors"]
    assert error == {"code": "type-error-hint", "severity": "error", "row": 5, "column": "Q",
                     "cell": "Q5", "field": "budgetPlan", "value": "98765,40",
                     "message": "Wrong value: expected a number with a dot as the decimal "
                                "mark, e.g. 98765.40; perhaps '98765.40'."}


def test_metadata_findings_exit_1(project):
    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("update_frequency: Щомісяця",
                                                             "update_frequency: іноді"),
                    encoding="utf-8")
    result = run("validate", "nizhyn-council-decisions", "--format", "json")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["metadata"]
    assert finding["dataset"] == "nizhyn-council-decisions"
    assert finding["field"] == "update_frequency" and finding["code"] == "metadata-frequency"


def test_a_single_spreadsheet_with_a_schema(tmp_path, projects_schema):
    rows = [HEADER, good_row(1)]
    path = write_workbook(tmp_path / "gb.xlsx", rows, title="Громадський бюджет")
    result = run("validate", str(path), "--schema", str(projects_schema))
    assert result.exit_code == 0, result.output


def test_an_835_standard_is_accepted_as_schema(tmp_path):
    standard = ROOT / "schemas/legal-acts.schema.yaml"
    result = run("validate", str(ROOT / "datasets/nizhyn-council-decisions/rishennya-2021-11.xlsx"),
                 "--schema", str(standard))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("content, words", [
    (b"\x00garbage" * 50, "не книга Excel"),
    ("uid;назва\n1;Сквер\n".encode("cp1251"), "змініть розширення на .csv"),
    (b"", "файл порожній"),
])
def test_broken_files_exit_2_with_one_line(tmp_path, projects_schema, content, words):
    path = tmp_path / "gb.xlsx"
    path.write_bytes(content)
    result = run("validate", str(path), "--schema", str(projects_schema))
    assert result.exit_code == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_spreadsheet_without_schema_exits_2(tmp_path):
    path = write_workbook(tmp_path / "gb.xlsx", [HEADER, good_row(1)])
    result = run("validate", str(path), "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "schema-required"
    assert "--schema" in result.stderr


def test_unknown_dataset_lists_the_known_ones(project):
    result = run("validate", "nizhyn-budget")
    assert result.exit_code == 2
    assert "nizhyn-public-budget-projects" in result.stderr


def test_broken_definition_exits_2(project):
    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    path.write_text("name: [unclosed\n", encoding="utf-8")
    result = run("validate", "--lang", "en")
    assert result.exit_code == 2
    assert "datapackage.yaml, line 2: " in result.stderr  # where, and what to do
    assert "quotes" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_outside_a_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    assert "opendata.toml" in result.stderr


def test_schema_import_writes_a_table_schema_and_lists_changes(tmp_path):
    csvw = tmp_path / "schema.json"
    csvw.write_text(json.dumps({"tableSchema": {"columns": [
        {"name": "uid ", "title": "Ідентифікатор", "datatype": "string", "required": True},
        {"name": "url", "title": "Посилання", "datatype": "anyURL", "required": True}]},
        "primaryKey": "uid"}), encoding="utf-8")
    output = tmp_path / "schemas/x.schema.yaml"
    result = run("schema", "import", str(csvw), "-o", str(output), "--lang", "en")
    assert result.exit_code == 0
    assert "field 'url': datatype anyURL written as string/uri" in result.output
    result = run("validate", str(ROOT / "datasets/nizhyn-council-decisions/rishennya-2021-11.xlsx"),
                 "--schema", str(output), "--format", "json")
    assert json.loads(result.stdout)["tables"][0]["header_row"] == 3


def test_convert_writes_the_file_or_refuses_with_findings(tmp_path, projects_schema):
    rows = [HEADER, good_row(1)]
    source = write_workbook(tmp_path / "gb.xlsx", rows, title="Громадський бюджет")
    output = tmp_path / "out" / "gb.csv"
    result = run("convert", source, "--schema", projects_schema, "-o", output)
    assert result.exit_code == 0
    assert "рядків даних: 1" in result.output and output.is_file()

    rows[1][5] = "26.11.2021"
    write_workbook(tmp_path / "bad.xlsx", rows)
    result = run("convert", tmp_path / "bad.xlsx", "--schema", projects_schema,
                 "-o", tmp_path / "bad.json", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["output"] is None and report["tables"][0]["errors"][0]["cell"] == "F2"
    assert not (tmp_path / "bad.json").exists()

    result = run("convert", source, "--schema", projects_schema, "-o", tmp_path / "gb.xml")
    assert result.exit_code == 2 and ".csv або .json" in result.stderr


def all_commands(group=None, prefix=()):
    import click

    from opendata.cli import cli

    group = group or cli
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))
        else:
            yield prefix + (name,)


def test_every_command_has_help_with_examples_and_is_in_the_readme(monkeypatch):
    """Help is Ukrainian unless English is asked for; every command ends with examples;
    the README names every command and every option."""
    import click

    from opendata.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = list(all_commands())
    assert len(commands) >= 6
    for command in commands:
        monkeypatch.setattr("sys.argv", ["opendata", *command, "--help"])
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Як запускати:" in result.output
        assert "Приклади:" in result.output and "\n  opendata " in result.output, command
        for english in ("Show this message", "Usage:", "Options:", "[OPTIONS]", "[default:",
                        "[required]", " TEXT ", " INTEGER"):  # click's own words, translated
            assert english not in result.output, (command, english)
        monkeypatch.setattr("sys.argv", ["opendata", *command, "--help", "--lang", "en"])
        english = run(*command, "--help", "--lang", "en")
        assert "Examples:" in english.output and "Usage:" in english.output, command
        assert f"opendata {' '.join(command)}" in readme, command
        found = cli
        for name in command:
            found = found.commands[name]
        for param in found.params:
            if isinstance(param, click.Option):
                for option in param.opts + param.secondary_opts:
                    if option.startswith("--") and option not in ("--help",):
                        assert any(f"{before}{option}" in readme for before in "`[ /"), \
                            (command, option)


def test_help_and_usage_errors_speak_the_staffs_language(monkeypatch):
    monkeypatch.setattr("sys.argv", ["opendata", "help"])
    listed = run("help")
    assert "Перевірити набори даних чи таблиці перед оприлюдненням." in listed.output
    assert "оприлюднені.\n" in listed.output  # whole sentences, never cut mid-word
    monkeypatch.setattr("sys.argv", ["opendata", "valdate"])
    typo = run("valdate")
    assert typo.exit_code == 2 and "можливо, validate?" in typo.stderr
    asked = run("help", "valdate")  # the same words when help is asked about a typo
    assert asked.exit_code == 2 and "можливо, validate?" in asked.stderr
    monkeypatch.setattr("sys.argv", ["opendata", "convert", "a", "b", "c"])
    extra = run("convert", "a", "b", "c", "--schema", "s.json", "-o", "x.csv")
    assert extra.exit_code == 2 and "у лапки" in extra.stderr
    assert len(extra.stderr.strip().splitlines()) == 1


def test_a_maintainer_written_as_plain_text_is_a_finding_not_a_crash(project):
    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(
        "maintainer: {name: Іваненко Олена Петрівна, email: opendata@nizhyn.example.gov.ua}",
        "maintainer: Іваненко О. П."), encoding="utf-8")
    result = run("validate", "nizhyn-council-decisions", "--format", "json")
    assert result.exit_code == 1
    assert {m["field"] for m in json.loads(result.stdout)["metadata"]} == {
        "maintainer.name", "maintainer.email"}
    for command in (["status"], ["register"]):
        assert run(*command).exit_code == 0
