"""Broken and hostile input: one clear line and exit 2 (or a finding), never a traceback,
nothing read or written outside the project, nothing silently altered."""

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
