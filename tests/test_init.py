"""opendata init: a new user's first command, in an empty folder."""

import json

import pytest

from .conftest import ROOT, run, write_workbook

UNREACHABLE = "http://127.0.0.1:9"  # nothing listens: the portal does not answer


def test_init_then_new_then_validate_needs_only_the_passport(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("init", "rada", "--organization", "nizhynska-miska-rada", "--edrpou",
                 "04061783", "--portal", UNREACHABLE)
    assert result.exit_code == 0, result.output
    assert "opendata new" in result.output and "opendata validate" in result.output
    project = tmp_path / "rada"
    assert (project / "datasets").is_dir() and (project / "schemas").is_dir()
    assert "/build/" in (project / ".gitignore").read_text(encoding="utf-8")
    monkeypatch.chdir(project)
    source = write_workbook(tmp_path / "петиції.xlsx", [
        ["Номер петиції", "Назва", "Кількість підписів"], ["П-1", "Сквер", 120],
        ["П-2", "Ліхтарі", 45]], title="Петиції 2021")
    assert run("new", "nizhyn-petitions", "--from", source).exit_code == 0
    report = json.loads(run("validate", "--format", "json").stdout)
    assert [t["errors"] for t in report["tables"]] == [[]]  # the table itself is fine
    codes = {m["code"] for m in report["metadata"]}
    assert codes == {"metadata-placeholder"}  # only the passport's TODOs are left
    assert run("register").exit_code == 0  # the project's config is complete


def test_init_never_overwrites_a_project(tmp_path):
    (tmp_path / "opendata.toml").write_text("organization = 'x'\n", encoding="utf-8")
    result = run("init", tmp_path, "--organization", "nizhynska-miska-rada", "--portal",
                 UNREACHABLE)
    assert result.exit_code == 2 and "already" in run(
        "init", tmp_path, "--organization", "a1", "--portal", UNREACHABLE, "--lang",
        "en").stderr
    assert (tmp_path / "opendata.toml").read_text(encoding="utf-8") == "organization = 'x'\n"


@pytest.mark.parametrize("args, said", [
    (["--organization", "Ніжинська рада"], "not an organization name"),
    (["--organization", "nizhyn", "--edrpou", "4061783"], "8 digits"),
])
def test_init_refuses_what_the_portal_would(tmp_path, args, said):
    result = run("init", tmp_path / "p", *args, "--portal", UNREACHABLE, "--lang", "en")
    assert result.exit_code == 2 and said in result.stderr
    assert not (tmp_path / "p").exists()


def test_outside_a_project_every_command_says_how_to_start(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "opendata init" in run("validate", "--lang", "en").stderr


@pytest.mark.portal
def test_init_looks_the_organization_up_on_the_portal(tmp_path, clean_portal):
    result = run("init", tmp_path / "ok", "--organization", "nizhynska-miska-rada",
                 "--portal", clean_portal.url)
    assert result.exit_code == 0, result.output
    config = (tmp_path / "ok" / "opendata.toml").read_text(encoding="utf-8")
    assert 'organization_title = "Ніжинська міська рада"' in config
    typo = run("init", tmp_path / "typo", "--organization", "nizhynska-miska-rad",
               "--portal", clean_portal.url, "--lang", "en")
    assert typo.exit_code == 2
    assert "nizhynska-miska-rada" in typo.stderr  # the closest name it has
    assert not (tmp_path / "typo").exists()


def test_the_example_project_is_what_init_makes_plus_datasets():
    """The README's example project and init agree on the keys a project has."""
    import tomllib

    example = tomllib.loads((ROOT / "opendata.toml").read_text(encoding="utf-8"))
    from opendata.project.init import config_text

    made = tomllib.loads(config_text("nizhynska-miska-rada", "Ніжинська міська рада",
                                     "04061783", "local"))
    assert set(made) == set(example)
    assert made["portals"] == example["portals"]


@pytest.mark.portal
def test_init_without_the_portal_leaves_a_todo_that_init_again_completes(tmp_path, portal,
                                                                        monkeypatch):
    import tomllib

    monkeypatch.chdir(tmp_path)
    offline = run("init", "rada", "--organization", "nizhynska-miska-rada", "--portal",
                  "http://127.0.0.1:9")
    assert offline.exit_code == 0 and "запустіть ту саму команду" in offline.output
    config = tmp_path / "rada/opendata.toml"
    assert tomllib.loads(config.read_text("utf-8"))["organization_title"].startswith("TODO")
    again = run("init", "rada", "--organization", "nizhynska-miska-rada", "--portal",
                portal.url)
    assert again.exit_code == 0, again.output
    settings = tomllib.loads(config.read_text("utf-8"))
    assert settings["organization_title"] == "Ніжинська міська рада"
    assert settings["portals"]["custom"]["url"] == "http://127.0.0.1:9"  # as first written
    assert run("init", "rada", "--organization", "nizhynska-miska-rada", "--portal",
               portal.url).exit_code == 2  # a whole project is never overwritten
