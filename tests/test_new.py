"""opendata new: a definition (and a schema) from a spreadsheet staff already have."""

import datetime as dt
import json

import pytest
import yaml

from opendata.build.infer import field_name, transliterate

from .conftest import ROOT, run, write_workbook

FILLED = {
    "description": "Електронні петиції до Ніжинської міської ради та відповіді на них.",
    "keywords": ["петиції", "звернення"],
    "purpose": "Закон України «Про звернення громадян»; постанова КМУ № 835.",
    "update_frequency": "Щомісяця",
    "maintainer": {"name": "Іваненко Олена Петрівна", "email": "opendata@example.gov.ua"},
}


def petitions(path):
    rows = [["№ з/п", "Номер петиції", "Назва петиції", "Дата подання", "Кількість підписів",
             "Статус", "Код ЄДРПОУ органу", "Сума, грн"]]
    rows += [[n, f"П-{n:03d}", f"Петиція {n}", dt.date(2021, 11, n), 10 * n,
              ["на розгляді", "розглянута"][n % 2], "04061783", 1000.5 * n] for n in range(1, 9)]
    return write_workbook(path, rows, sheet="Петиції",
                          title="Електронні петиції за листопад 2021 року")


def test_inferred_schema_and_placeholders_then_valid_once_filled(project, tmp_path):
    result = run("new", "nizhyn-petitions", "--from", petitions(tmp_path / "petitions.xlsx"))
    assert result.exit_code == 0, result.output
    assert "TODO" in result.output

    schema = yaml.safe_load((project / "schemas/nizhyn-petitions.schema.yaml").read_text(
        encoding="utf-8"))
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == ["nomerZP", "nomerPetytsii", "nazvaPetytsii", "dataPodannia",
                            "kilkistPidpysiv", "status", "kodYedrpouOrhanu", "sumaHrn"]
    assert fields["dataPodannia"]["type"] == "date"
    assert fields["kilkistPidpysiv"]["type"] == "integer"
    assert fields["sumaHrn"]["type"] == "number"
    assert fields["kodYedrpouOrhanu"]["type"] == "string"
    assert fields["kodYedrpouOrhanu"]["constraints"]["pattern"] == r"\d{8}"
    assert fields["status"]["constraints"]["enum"] == ["на розгляді", "розглянута"]
    assert fields["nazvaPetytsii"]["title"] == "Назва петиції"
    assert all(f["constraints"]["required"] for f in fields.values())

    result = run("validate", "nizhyn-petitions", "--format", "json")
    assert result.exit_code == 1
    import json

    report = json.loads(result.stdout)
    assert {m["code"] for m in report["metadata"]} == {"metadata-placeholder"}
    assert report["tables"][0]["errors"] == []

    path = project / "datasets/nizhyn-petitions/datapackage.yaml"
    definition = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert definition["title"] == "Електронні петиції за листопад 2021 року"
    path.write_text(yaml.safe_dump({**definition, **FILLED}, allow_unicode=True),
                    encoding="utf-8")
    result = run("validate", "nizhyn-petitions")
    assert result.exit_code == 0, result.output
    assert run("build", "nizhyn-petitions").exit_code == 0


def test_with_a_standard_it_reports_what_does_not_fit(project, tmp_path):
    import shutil

    source = tmp_path / "acts.xlsx"
    shutil.copy(ROOT / "datasets/nizhyn-council-decisions/rishennya-2021-11.xlsx", source)
    from .conftest import edit_cell

    edit_cell(source, "Рішення", "B3", "Вид документа")
    result = run("new", "nizhyn-acts", "--from", source, "--schema",
                 "schemas/legal-acts.schema.yaml", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "B3 Extra column 'Вид документа'" in result.output
    assert "Column 'Вид' (type) is missing." in result.output
    assert not (project / "schemas/nizhyn-acts.schema.yaml").exists()
    definition = yaml.safe_load((project / "datasets/nizhyn-acts/datapackage.yaml").read_text(
        encoding="utf-8"))
    assert definition["resources"][0]["schema"] == "../../schemas/legal-acts.schema.yaml"


@pytest.mark.parametrize("name, words", [("Nizhyn Petitions", "не підходить порталу"),
                                         ("nizhyn-council-decisions", "уже існує")])
def test_bad_or_taken_names_are_refused(project, tmp_path, name, words):
    result = run("new", name, "--from", petitions(tmp_path / "p.xlsx"))
    assert result.exit_code == 2 and words in result.stderr


@pytest.mark.parametrize("text, latin", [
    ("Згорани", "zghorany"), ("Юрій Їжак", "yurii yizhak"), ("Щастя", "shchastia"),
    ("Знам’янка", "znamianka"), ("Єнакієве", "yenakiieve")])
def test_official_transliteration(text, latin):
    assert transliterate(text) == latin


def test_field_names_are_latin_camel_case():
    assert field_name("Загальна кількість осіб, які проголосували") == (
        "zahalnaKilkistOsibYakiProholosuvaly")
    assert field_name("Код ЄДРПОУ") == "kodYedrpou"


def test_a_header_of_years_is_a_header_and_a_headless_column_is_refused(project, tmp_path):
    years = write_workbook(tmp_path / "роки.xlsx", [["Показник", 2022, 2023],
                                                    ["Населення", 1000, 1100],
                                                    ["Бюджет", 2000.5, 2100]])
    result = run("new", "pokaznyky", "--from", years)
    assert result.exit_code == 0, result.output
    schema = yaml.safe_load((project / "schemas/pokaznyky.schema.yaml").read_text("utf-8"))
    assert [(f["title"], f["type"]) for f in schema["fields"]] == [
        ("Показник", "string"), ("2022", "number"), ("2023", "integer")]
    assert run("validate", "pokaznyky", "--format", "json").exit_code == 1  # TODOs only
    report = json.loads(run("validate", "pokaznyky", "--format", "json").stdout)
    assert report["tables"][0]["errors"] == [] and report["tables"][0]["rows"] == 2

    headless = write_workbook(tmp_path / "без назви.xlsx", [["Назва", None, "Сума"],
                                                           ["Сквер", "примітка", 5]])
    refused = run("new", "bez-nazvy", "--from", headless)
    assert refused.exit_code == 2
    assert "B1" in refused.stderr and "немає заголовка" in refused.stderr
    assert not (project / "datasets/bez-nazvy").exists()


def test_the_copy_is_the_file_to_edit_and_an_edited_original_is_never_silently_ignored(
        project, tmp_path):
    from .conftest import edit_cell

    original = write_workbook(tmp_path / "проєкти.xlsx",
                              [["Назва", "Сума"], ["Сквер", 5], ["Парк", 7]], sheet="Проєкти")
    created = run("new", "proekty", "--from", original)
    assert created.exit_code == 0, created.output
    assert "datasets/proekty/проєкти.xlsx: відтепер редагуйте саме цей файл" in created.output
    definition = yaml.safe_load((project / "datasets/proekty/datapackage.yaml").read_text(
        encoding="utf-8"))
    resource = definition["resources"][0]
    assert resource["title"] == "Проєкти"  # the sheet's name, never the Latin slug
    assert resource["origin"]["path"] == str(original.resolve())

    edit_cell(original, "Проєкти", "B2", 50)  # the employee goes on editing the original
    report = json.loads(run("validate", "proekty", "--format", "json").stdout)
    assert "origin-changed" in [m["code"] for m in report["metadata"]]
    status = json.loads(run("status", "--format", "json").stdout)
    assert [s["originals_changed"] for s in status if s["name"] == "proekty"] == [
        [str(original.resolve())]]
    assert "opendata new proekty --update" in run("status").output

    updated = run("new", "proekty", "--update")
    assert updated.exit_code == 0, updated.output
    copy = project / "datasets/proekty/проєкти.xlsx"
    assert copy.read_bytes() == original.read_bytes()
    report = json.loads(run("validate", "proekty", "--format", "json").stdout)
    assert "origin-changed" not in [m["code"] for m in report["metadata"]]
