"""opendata build: the publishable files of each dataset, valid, hashed, reproducible."""

import hashlib
import json

import frictionless

from .conftest import edit_cell, run

EXAMPLES = ["nizhyn-council-decisions", "nizhyn-datasets-register",
            "nizhyn-public-budget-projects"]


def test_build_writes_every_dataset_with_structure_datapackage_and_manifest(project):
    result = run("build")
    assert result.exit_code == 0, result.output
    for name in EXAMPLES:
        folder = project / "build" / name
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        listed = {f["path"] for f in manifest["files"]}
        assert listed == {p.name for p in folder.iterdir()} - {"manifest.json"}
        for entry in manifest["files"]:
            data = (folder / entry["path"]).read_bytes()
            assert entry["bytes"] == len(data)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        [source] = manifest["sources"]
        assert source["path"].startswith(f"datasets/{name}/")
        package = frictionless.Package(str(folder / "datapackage.json"))
        assert package.name == name
        assert frictionless.validate(str(folder / "datapackage.json")).valid
        described = {r["path"] for r in json.loads(
            (folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
        assert described == listed - {"datapackage.json"}


def test_structure_file_describes_the_columns(project):
    run("build", "nizhyn-public-budget-projects")
    lines = (project / "build/nizhyn-public-budget-projects/projects-structure.csv").read_text(
        encoding="utf-8").splitlines()
    assert lines[0] == "name,title,description,datatype,required"
    assert lines[1].startswith("uid,Унікальний ідентифікатор проєкту,")
    assert lines[1].endswith(",string,true")
    assert any(line.startswith("url,Посилання,") and line.endswith(",string:uri,true")
               for line in lines)


def test_two_builds_are_byte_identical(project, tmp_path_factory):
    run("build")
    first = {p.relative_to(project): p.read_bytes() for p in (project / "build").rglob("*")
             if p.is_file()}
    run("build")
    second = {p.relative_to(project): p.read_bytes() for p in (project / "build").rglob("*")
              if p.is_file()}
    assert first == second and len(first) == 15


def test_an_invalid_dataset_is_not_built_and_its_last_build_stays(project):
    run("build")
    before = (project / "build/nizhyn-council-decisions/decisions.csv").read_bytes()
    edit_cell(project / "datasets/nizhyn-council-decisions/rishennya-2021-11.xlsx", "Рішення",
              "D5", "24.11.2021")  # acceptedDate as text
    result = run("build", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    by_name = {d["dataset"]: d for d in report["datasets"]}
    assert report["built"] is False
    assert by_name["nizhyn-council-decisions"]["built"] is False
    [error] = by_name["nizhyn-council-decisions"]["validation"]["tables"][0]["errors"]
    assert error["cell"] == "D5" and error["code"] == "type-error-hint"
    assert by_name["nizhyn-public-budget-projects"]["built"] is True
    assert (project / "build/nizhyn-council-decisions/decisions.csv").read_bytes() == before
    assert not list((project / "build").glob(".*partial"))

    text = run("build", "nizhyn-council-decisions")
    assert "Рішення!D5" in text.output and "не зібрано" in text.output
