"""opendata publish against the local portal: plan, upload only what changed, log it all."""

import hashlib
import json

import pytest
import requests

from opendata.history.log import PublicationLog

from .conftest import edit_cell, run
from .faulty_proxy import FaultyProxy

pytestmark = pytest.mark.portal

EXAMPLES = ["nizhyn-council-decisions", "nizhyn-datasets-register",
            "nizhyn-public-budget-projects"]
PROJECTS = "datasets/nizhyn-public-budget-projects/projects-2022.xlsx"


@pytest.fixture
def publisher(project, clean_portal, monkeypatch):
    """The example project, with the local portal's key in the environment."""
    monkeypatch.setenv("OPENDATA_API_KEY", clean_portal.key)
    return clean_portal


def publish(portal, *args, url=None):
    """Publish; the portal's moderator (data.gov.ua-like only) approves at once, as
    moderation has tests of its own (test_datagovua.py)."""
    result = run("publish", "--portal", url or portal.url, "--format", "json", *args)
    if "--dry-run" not in args:
        portal.moderate()
    return result, json.loads(result.stdout) if result.stdout.startswith("{") else None


def publish_through(portal, rule, *args):
    """Publish through a FaultyProxy that applies ``rule``; (result, report, proxy)."""
    proxy = FaultyProxy(portal.url, rule)
    try:
        result, report = publish(portal, *args, url=proxy.url)
    finally:
        proxy.close()
    return result, report, proxy


def log_rows(project):
    """The log's steps, without each run's first row (what the portal said of itself)."""
    return [r for r in PublicationLog(project / ".opendata/log.sqlite").entries(
        newest_first=False) if r["action"] != "portal-status"]


def snapshot(client):
    """What a second look at the portal would notice: ids, URLs, hashes and timestamps."""
    state = {}
    for name in EXAMPLES:
        shown = client.action.package_show(id=name)
        state[name] = (shown["id"], shown["metadata_modified"], [
            (r["id"], r["url"], r["hash"], r["last_modified"]) for r in shown["resources"]])
    return state


def test_first_publish_creates_everything_byte_identical(project, publisher):
    result, report = publish(publisher)
    assert result.exit_code == 0, result.output
    assert report["ok"] and [d["outcome"] for d in report["datasets"]] == ["ok"] * 3
    client = publisher.client()
    shown = client.action.package_show(id="nizhyn-public-budget-projects")
    assert shown["title"].startswith("Громадський бюджет Ніжинської")
    assert shown["purpose_of_collecting_information"].startswith("Рішення Ніжинської")
    assert shown["update_frequency"] == "once a year" and shown["language"] == "ua"
    assert shown["maintainer"] == "Іваненко Олена Петрівна"
    assert shown["organization"]["name"] == "nizhynska-miska-rada"
    assert sorted(t["name"] for t in shown["tags"]) == ["бюджет участі", "громадський бюджет",
                                                         "проєкти"]
    built = project / "build/nizhyn-public-budget-projects"
    names = [r["url"].rsplit("/", 1)[-1] for r in shown["resources"]]
    assert names == ["projects.csv", "projects.json", "projects-structure.csv",
                     "projects-source.xlsx", "datapackage.json"]
    source = next(r for r in shown["resources"] if r["url"].endswith("projects-source.xlsx"))
    assert requests.get(source["url"], timeout=30).content == (project / PROJECTS).read_bytes()
    assert source["format"] == "XLSX"
    for resource in shown["resources"]:
        local = (built / resource["url"].rsplit("/", 1)[-1]).read_bytes()
        assert requests.get(resource["url"], timeout=30).content == local
        assert resource["hash"] == hashlib.sha256(local).hexdigest()
    rows = log_rows(project)
    assert {(r["action"], r["outcome"]) for r in rows} == {
        ("create-dataset", "started"), ("create-dataset", "ok"),
        ("create-resource", "started"), ("create-resource", "ok")}
    assert all(r["portal_user"] == publisher.user and r["portal"] == publisher.url
               for r in rows)
    status = PublicationLog(project / ".opendata/log.sqlite").entries(newest_first=False)[0]
    assert (status["action"], status["run_id"]) == ("portal-status", report["run_id"])
    assert json.loads(status["details"])["ckan_version"] == report["ckan_version"]
    assert publisher.key not in (project / ".opendata/log.sqlite").read_bytes().decode(
        errors="replace")


def test_second_publish_changes_and_uploads_nothing(project, publisher):
    assert "nizhyn-council-decisions: створено" in run("publish", "--portal",
                                                       publisher.url).output
    before = snapshot(publisher.client())
    seq = len(log_rows(project))
    result, report = publish(publisher)
    assert result.exit_code == 0
    assert [d["action"] for d in report["datasets"]] == ["unchanged"] * 3
    assert snapshot(publisher.client()) == before
    new_rows = log_rows(project)[seq:]
    assert {r["outcome"] for r in new_rows} == {"skipped"}


def test_one_edited_cell_updates_only_its_resources_in_place(project, publisher):
    publish(publisher)
    before = snapshot(publisher.client())
    edit_cell(project / PROJECTS, "Проєкти", "R5", 150000.5)  # a project's actual budget
    result, report = publish(publisher)
    assert result.exit_code == 0, result.output
    plans = {d["dataset"]: d for d in report["datasets"]}
    assert plans["nizhyn-council-decisions"]["action"] == "unchanged"
    steps = {r["file"]: r for r in plans["nizhyn-public-budget-projects"]["resources"]}
    assert {f: s["action"] for f, s in steps.items()} == {
        "projects.csv": "update", "projects.json": "update",
        "projects-structure.csv": "skip", "projects-source.xlsx": "update",
        "datapackage.json": "update"}
    assert steps["projects.csv"]["reason"] == "content-changed"
    assert steps["projects.csv"]["old_sha256"] != steps["projects.csv"]["sha256"]
    after = snapshot(publisher.client())
    old_id, _, old_resources = before["nizhyn-public-budget-projects"]
    new_id, _, new_resources = after["nizhyn-public-budget-projects"]
    assert new_id == old_id
    assert [(r[0], r[1]) for r in new_resources] == [(r[0], r[1]) for r in old_resources]
    csv_url = new_resources[0][1]
    assert "150000.5" in requests.get(csv_url, timeout=30).text
    assert after["nizhyn-council-decisions"] == before["nizhyn-council-decisions"]


def test_a_passport_change_updates_only_that_field(project, publisher):
    publish(publisher)
    before = snapshot(publisher.client())
    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "keywords: [рішення, нормативні акти, міська рада, виконавчий комітет]",
        "keywords: [рішення, нормативні акти, міська рада, сесія]"), encoding="utf-8")
    result, report = publish(publisher)
    plan = report["datasets"][0]
    assert plan["action"] == "update" and list(plan["changes"]) == ["tag_string"]
    shown = publisher.client().action.package_show(id="nizhyn-council-decisions")
    assert "сесія" in [t["name"] for t in shown["tags"]]
    assert [r["id"] for r in shown["resources"]] == [r[0] for r in
                                                     before["nizhyn-council-decisions"][2]]


def test_dry_run_shows_the_plan_and_changes_nothing(project, publisher):
    result, report = publish(publisher, "--dry-run")
    assert result.exit_code == 0 and report["dry_run"]
    assert [d["action"] for d in report["datasets"]] == ["create"] * 3
    assert all(r["action"] == "create" for d in report["datasets"] for r in d["resources"])
    text = run("publish", "--portal", publisher.url, "--dry-run")
    assert "nizhyn-council-decisions: створити набір даних" in text.output
    assert "+ projects.csv: завантажити (новий)" in text.output
    assert "нічого не змінено" in text.output
    with pytest.raises(Exception):
        publisher.client().action.package_show(id="nizhyn-council-decisions")
    assert not (project / ".opendata/log.sqlite").exists()


def test_a_wrong_key_creates_nothing_and_is_not_echoed(project, publisher, monkeypatch):
    secret = "wrong-key-4f1c9a7e2b"
    monkeypatch.setenv("OPENDATA_API_KEY", secret)
    result = run("publish", "--portal", publisher.url)
    assert result.exit_code == 2
    assert "не прийняв ключ API" in result.stderr
    assert secret not in result.output
    with pytest.raises(Exception):
        publisher.client().action.package_show(id="nizhyn-council-decisions")


def test_no_key_is_a_clear_message_and_nothing_prompts(project, publisher, monkeypatch):
    monkeypatch.delenv("OPENDATA_API_KEY")
    result = run("publish", "--portal", "local")
    assert result.exit_code == 2 and "OPENDATA_API_KEY" in result.stderr


def test_reading_public_data_needs_no_key(project, publisher, monkeypatch):
    """A dry run and verify (without --deep) only read: staff may look before they have a
    key."""
    result, _report = publish(publisher, "nizhyn-council-decisions")
    assert result.exit_code == 0, result.output
    monkeypatch.delenv("OPENDATA_API_KEY")
    planned = run("publish", "--portal", publisher.url, "--dry-run", "--format", "json")
    assert planned.exit_code == 0, planned.output
    plans = {d["dataset"]: d["action"] for d in json.loads(planned.stdout)["datasets"]}
    assert plans["nizhyn-council-decisions"] == "unchanged"
    assert run("verify", "--portal", publisher.url).exit_code == 0


def test_invalid_data_is_refused_before_anything_is_sent(project, publisher):
    edit_cell(project / PROJECTS, "Проєкти", "Q5", "98765,40")
    result, report = publish(publisher)
    assert result.exit_code == 1
    plans = {d["dataset"]: d for d in report["datasets"]}
    assert plans["nizhyn-public-budget-projects"]["action"] == "invalid"
    errors = plans["nizhyn-public-budget-projects"]["validation"]["tables"][0]["errors"]
    assert [e["cell"] for e in errors] == ["Q5"]
    assert plans["nizhyn-council-decisions"]["outcome"] == "ok"  # the others still go
    with pytest.raises(Exception):
        publisher.client().action.package_show(id="nizhyn-public-budget-projects")
    refused = [r for r in log_rows(project) if r["dataset"] == "nizhyn-public-budget-projects"]
    assert [(r["action"], r["outcome"]) for r in refused] == [("validate", "failed")]


def test_removed_resources_are_kept_unless_pruned(project, publisher):
    publish(publisher)
    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("formats: [csv, json]",
                                                             "formats: [csv]"),
                    encoding="utf-8")
    _, report = publish(publisher)
    steps = {r["file"]: r["action"] for r in report["datasets"][0]["resources"]}
    assert steps["decisions.json"] == "keep"
    _, report = publish(publisher, "--prune")
    steps = {r["file"]: r["action"] for r in report["datasets"][0]["resources"]}
    assert steps["decisions.json"] == "delete"
    shown = publisher.client().action.package_show(id="nizhyn-council-decisions")
    assert "decisions.json" not in [r["url"].rsplit("/", 1)[-1] for r in shown["resources"]]


def test_private_then_public(project, publisher):
    publish(publisher, "nizhyn-council-decisions", "--private")
    client = publisher.client()
    assert client.action.package_show(id="nizhyn-council-decisions")["private"] is True
    _, report = publish(publisher, "nizhyn-council-decisions")
    assert report["datasets"][0]["changes"] == {"private": {"old": True, "new": False}}
    assert client.action.package_show(id="nizhyn-council-decisions")["private"] is False


def test_passing_failures_are_retried(project, publisher):
    result, report, proxy = publish_through(publisher, lambda action, n: "500" if (
        action == "resource_create" and n <= 2) else "drop" if (
        action == "package_show" and n == 1) else "pass", "nizhyn-council-decisions")
    assert result.exit_code == 0, result.output
    assert proxy.attempts["resource_create"] == 4 + 2


def test_a_portal_failing_midway_leaves_a_consistent_log_and_the_next_run_finishes(
        project, publisher):
    # the third upload fails on every try (1 + 4 retries), as a portal in trouble would
    result, report, _ = publish_through(publisher, lambda action, n: "500" if (
        action == "resource_create" and 3 <= n <= 7) else "pass")
    assert result.exit_code == 1
    outcomes = {d["dataset"]: d["outcome"] for d in report["datasets"]}
    assert outcomes == {"nizhyn-council-decisions": "failed",
                        "nizhyn-datasets-register": "ok", "nizhyn-public-budget-projects": "ok"}
    assert "повернув помилку" in report["datasets"][0]["error"]
    rows = log_rows(project)
    started = [(r["dataset"], r["resource"], r["action"]) for r in rows
               if r["outcome"] == "started"]
    ended = [(r["dataset"], r["resource"], r["action"]) for r in rows
             if r["outcome"] in ("ok", "failed")]
    assert started == ended  # every step that started has its end
    assert [r["resource"] for r in rows if r["outcome"] == "failed"][0] == (
        "decisions-structure.csv")

    result, report = publish(publisher)
    assert result.exit_code == 0, result.output
    steps = {r["file"]: r["action"] for r in report["datasets"][0]["resources"]}
    assert steps == {"decisions.csv": "skip", "decisions.json": "skip",
                     "decisions-structure.csv": "create", "datapackage.json": "create"}
    for name in EXAMPLES:
        shown = publisher.client().action.package_show(id=name)
        files = [r["url"].rsplit("/", 1)[-1] for r in shown["resources"]]
        expected = {"nizhyn-datasets-register": 3, "nizhyn-council-decisions": 4,
                    "nizhyn-public-budget-projects": 5}[name]
        assert len(files) == len(set(files)) == expected


def test_a_dataset_deleted_on_the_portal_is_brought_back_with_its_ids(project, publisher):
    publish(publisher, "nizhyn-council-decisions")
    client = publisher.client()
    before = client.action.package_show(id="nizhyn-council-decisions")
    client.action.package_delete(id="nizhyn-council-decisions")
    result, report = publish(publisher, "nizhyn-council-decisions")
    assert result.exit_code == 0, result.output
    assert report["datasets"][0]["changes"] == {"state": {"old": "deleted", "new": "active"}}
    after = client.action.package_show(id="nizhyn-council-decisions")
    assert after["state"] == "active" and after["id"] == before["id"]
    assert [r["id"] for r in after["resources"]] == [r["id"] for r in before["resources"]]


def test_a_passport_change_keeps_every_resource_in_order(project, publisher):
    """package_revise where the portal has it, package_patch where not (CKAN 2.7 on
    data.gov.ua): either way the resources stay as they were, ids, URLs and hashes."""
    publish(publisher, "nizhyn-council-decisions")
    before = publisher.client().action.package_show(id="nizhyn-council-decisions")
    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("update_frequency: Щомісяця",
                                                             "update_frequency: Щотижня"),
                    encoding="utf-8")
    result, report, proxy = publish_through(publisher, lambda action, n: "pass",
                                            "nizhyn-council-decisions")
    assert result.exit_code == 0, result.output
    used = "package_patch" if publisher.like_datagovua else "package_revise"
    assert proxy.attempts[used] == 1
    assert proxy.attempts["package_revise"] + proxy.attempts["package_patch"] == 1
    after = publisher.client().action.package_show(id="nizhyn-council-decisions")
    assert after["update_frequency"] == "once a week"
    kept = ("id", "url", "hash", "size", "name", "format")
    assert [{k: r.get(k) for k in kept} for r in after["resources"]] == [
        {k: r.get(k) for k in kept} for r in before["resources"]]


def test_a_refusal_by_the_portal_is_said_in_the_passports_terms(project, publisher):
    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    # a Ukrainian domain: a valid address that CKAN's email rule does not take
    path.write_text(path.read_text(encoding="utf-8").replace(
        "opendata@nizhyn.example.gov.ua", "opendata@ніжин.укр"), encoding="utf-8")
    result, report = publish(publisher, "nizhyn-council-decisions")
    assert result.exit_code == 1
    error = report["datasets"][0]["error"]
    assert error.startswith("Портал не прийняв набір даних: «Email відповідальної особи» "
                            "(maintainer_email): "), error
    english = run("publish", "--portal", publisher.url, "nizhyn-council-decisions",
                  "--lang", "en").output
    assert "The portal refused the dataset: «" in english and "(maintainer_email)" in english


def test_a_key_that_may_not_publish_to_the_organization_stops_before_anything_is_sent(
        project, publisher, monkeypatch):
    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    path.write_text("organization: nizhynska-rada-typo\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    result = run("publish", "--portal", publisher.url)
    assert result.exit_code == 2
    assert "«nizhynska-rada-typo»" in result.stderr
    assert "nizhynska-miska-rada" in result.stderr  # where it may publish
    assert publisher.admin().action.package_search(include_private=True)["count"] == 0
    assert not (project / ".opendata/log.sqlite").exists() or log_rows(project) == []
