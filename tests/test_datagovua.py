"""What data.gov.ua's 2019 fork of CKAN 2.7.2 does differently, and how opendata meets it.

Each difference is asserted twice: the local portal reproduces it (raw HTTP: the status and
the shape of the answer, as the fork's code gives them), and opendata does the right thing
on it. The differences and the fork's files they come from are listed in
tests/portal/ckanext/opendata_devportal/datagovua.py.
"""

import json
import subprocess
import time

import pytest
import requests

from opendata.history.log import PublicationLog
from opendata.portal.client import key_fingerprint

from .conftest import ROOT, edit_cell, run
from .faulty_proxy import FaultyProxy

pytestmark = [pytest.mark.portal,
              pytest.mark.parametrize("portal", ["datagovua"], indirect=True)]

ORGANIZATION = "nizhynska-miska-rada"
DECISIONS = "nizhyn-council-decisions"
REGISTER = "nizhyn-datasets-register"


@pytest.fixture
def publisher(project, clean_portal, monkeypatch):
    """The example project and an organization editor's legacy key, as staff have."""
    monkeypatch.setenv("OPENDATA_API_KEY", clean_portal.key)
    return clean_portal


def action(portal, name: str, data: dict | None = None, key: str | None = None,
           header: str = "X-CKAN-API-Key", **options) -> requests.Response:
    headers = {header: key} if key else {}
    return requests.post(f"{portal.url}/api/3/action/{name}", json=data or {},
                         headers=headers, timeout=60, **options)


def publish(portal, *args, url=None):
    result = run("publish", "--portal", url or portal.url, "--format", "json", *args)
    return result, json.loads(result.stdout) if result.stdout.startswith("{") else None


def log_rows(project):
    return PublicationLog(project / ".opendata/log.sqlite").entries(newest_first=False)


def test_status_show_says_the_forks_version_and_opendata_logs_it(project, publisher):
    answer = action(publisher, "status_show").json()["result"]
    assert answer["ckan_version"] == "2.7.2" and "dgua" in answer["extensions"]
    result, report = publish(publisher, DECISIONS)
    assert result.exit_code == 0, result.output
    assert report["ckan_version"] == "2.7.2"
    first = log_rows(project)[0]
    assert first["action"] == "portal-status" and first["run_id"] == report["run_id"]
    assert json.loads(first["details"])["ckan_version"] == "2.7.2"


# 1. user_show needs an id -----------------------------------------------------------------

def test_user_show_without_id_is_not_found_yet_a_valid_key_publishes(project, publisher):
    answer = action(publisher, "user_show", key=publisher.key)
    assert answer.status_code == 404
    assert answer.json()["error"]["__type"] == "Not Found Error"
    assert answer.json()["error"]["message"] == "Не знайдено"  # translated, as the portal is
    result, report = publish(publisher, DECISIONS)
    assert result.exit_code == 0, result.output
    assert report["datasets"][0]["outcome"] == "ok"
    fingerprint = key_fingerprint(publisher.key)
    assert {row["portal_user"] for row in log_rows(project)} == {fingerprint}
    assert publisher.key not in (project / ".opendata/log.sqlite").read_bytes().decode(
        "utf-8", "replace")


def test_a_wrong_key_is_told_apart_and_nothing_is_sent(project, publisher, monkeypatch):
    monkeypatch.setenv("OPENDATA_API_KEY", "00000000-0000-0000-0000-000000000000")
    result = run("publish", "--portal", publisher.url)
    assert result.exit_code == 2
    assert "не прийняв ключ API" in result.output
    assert publisher.admin().action.package_search(include_private=True)["count"] == 0


def test_a_key_without_rights_names_where_it_may_publish(project, publisher, monkeypatch):
    monkeypatch.setenv("OPENDATA_API_KEY", publisher.keys["outsider"])
    result = run("publish", "--portal", publisher.url, "--lang", "en")
    assert result.exit_code == 2
    assert f"may not publish to the organization '{ORGANIZATION}'" in result.output
    assert "you may publish to: —" in result.output
    assert publisher.admin().action.package_search(include_private=True)["count"] == 0


# 2. no package_revise: an unknown action is a bare, translated JSON string -----------------

def test_package_revise_is_unknown_and_a_passport_change_goes_through_package_patch(
        project, publisher):
    answer = action(publisher, "package_revise", {"match": {"id": DECISIONS}},
                    key=publisher.key)
    assert answer.status_code == 400
    said = answer.json()
    assert isinstance(said, str) and "package_revise" in said and "Action" not in said
    publish(publisher, DECISIONS)
    publisher.moderate()
    client = publisher.client()
    before = client.action.package_show(id=DECISIONS)
    path = project / f"datasets/{DECISIONS}/datapackage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "update_frequency: Щомісяця", "update_frequency: Щотижня"), encoding="utf-8")
    proxy = FaultyProxy(publisher.url, lambda action, n: "pass")
    try:
        result, report = publish(publisher, DECISIONS, url=proxy.url)
    finally:
        proxy.close()
    assert result.exit_code == 0, result.output
    assert report["datasets"][0]["changes"] == {
        "update_frequency": {"old": "once a month", "new": "once a week"}}
    assert proxy.attempts["package_revise"] == 0 and proxy.attempts["package_patch"] == 1
    after = client.action.package_show(id=DECISIONS)
    assert after["update_frequency"] == "once a week"
    # package_patch saves the dataset whole: every resource kept, in order, as it was
    kept = ("id", "url", "hash", "size", "name", "format", "url_type", "position")
    assert [{k: r.get(k) for k in kept} for r in after["resources"]] == [
        {k: r.get(k) for k in kept} for r in before["resources"]]
    assert {k: v for k, v in after.items() if k not in (
        "update_frequency", "metadata_modified", "resources")} == {
        k: v for k, v in before.items() if k not in (
            "update_frequency", "metadata_modified", "resources")}


# 3. legacy UUID keys only -------------------------------------------------------------------

def test_only_the_legacy_uuid_key_is_accepted_as_the_fork_reads_it(publisher):
    def may_publish(key, header):
        answer = action(publisher, "organization_list_for_user",
                        {"permission": "create_dataset"}, key=key, header=header)
        assert answer.status_code == 200
        return [o["name"] for o in answer.json()["result"]]

    assert may_publish(publisher.key, "X-CKAN-API-Key") == [ORGANIZATION]
    assert may_publish(publisher.key, "Authorization") == [ORGANIZATION]
    assert may_publish(f"Bearer {publisher.key}", "Authorization") == []  # has a space
    token = subprocess.run(
        [str(ROOT / ".portal/venv/bin/ckan"), "-c", str(ROOT / ".portal/datagovua/ckan.ini"),
         "user", "token", "add", "editor", "jwt"], capture_output=True, text=True,
        check=True, cwd=ROOT / ".portal/datagovua").stdout.strip().splitlines()[-1].strip()
    assert token.count(".") == 2  # a JWT, as today's CKAN makes them
    assert may_publish(token, "Authorization") == []  # the fork knows no tokens


# 4. uploads over 10 MB ------------------------------------------------------------------------

def big_register(project, megabytes: int = 11) -> None:
    """The register grown past the portal's limit, with valid rows."""
    path = project / f"datasets/{REGISTER}/register.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header, row = lines[0], lines[2]
    rows, size, n = [header], 0, 0
    while size < megabytes * 1024 * 1024:
        line = row.replace(REGISTER, f"dataset-{n:06d}", 1)
        rows.append(line)
        size += len(line.encode()) + 1
        n += 1
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_the_front_server_refuses_a_body_over_10_mb_with_an_html_page(publisher):
    answer = requests.post(f"{publisher.url}/api/3/action/resource_create",
                           data={"package_id": "x"}, files={"upload": ("big.csv",
                                                                       b"a" * (11 << 20))},
                           headers={"X-CKAN-API-Key": publisher.key}, timeout=60)
    assert answer.status_code == 413 and "<html>" in answer.text


def test_a_file_over_the_limit_is_stopped_in_the_plan(project, publisher):
    big_register(project)
    result, report = publish(publisher, REGISTER, DECISIONS)
    assert result.exit_code == 1
    stopped, sent = report["datasets"]
    assert stopped["outcome"] == "failed" and "register.csv" in stopped["error"]
    assert "10 МБ" in stopped["error"] and "розділіть таблицю" in stopped["error"]
    assert [r["outcome"] for r in stopped["resources"] if r["file"] == "register.csv"] == [
        "too-large"]
    assert sent["outcome"] == "ok"  # the other dataset goes on
    assert publisher.client().action.package_search(
        include_private=True, fq=f"name:{REGISTER}")["count"] == 0
    rows = [r for r in log_rows(project) if r["dataset"] == REGISTER]
    assert [(r["action"], r["outcome"]) for r in rows] == [("update-dataset", "failed")]


def test_a_413_that_comes_anyway_fails_that_dataset_in_one_line(project, publisher):
    big_register(project)
    config = project / "opendata.toml"
    config.write_text(config.read_text(encoding="utf-8") + f'\n[portals.generous]\nurl = '
                      f'"{publisher.url}"\nmax_upload_mb = 50\n', encoding="utf-8")
    result = run("publish", "--portal", "generous", "--format", "json", REGISTER)
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    error = report["datasets"][0]["error"]
    assert "більший, ніж портал дозволяє" in error and "\n" not in error
    rows = [r for r in log_rows(project) if r["dataset"] == REGISTER]
    started = [r for r in rows if r["outcome"] == "started" and r["resource"]]
    ended = [r for r in rows if r["outcome"] in ("ok", "failed") and r["resource"]]
    assert {r["resource"] for r in started} == {r["resource"] for r in ended}
    assert ("create-resource", "failed") in {(r["action"], r["outcome"]) for r in ended}


# 5. metadata_modified moves at most once a minute ---------------------------------------------

def test_metadata_modified_is_sticky_and_an_update_is_proven_by_hash(project, publisher):
    publish(publisher, DECISIONS)
    client = publisher.client()
    first = client.action.package_show(id=DECISIONS)
    time.sleep(1)
    answer = action(publisher, "package_patch", {"id": DECISIONS, "notes": first["notes"]},
                    key=publisher.key)  # a write all the same
    assert answer.status_code == 200
    assert answer.json()["result"]["metadata_modified"] == first["metadata_modified"]
    edit_cell(project / f"datasets/{DECISIONS}/rishennya-2021-11.xlsx", "Рішення", "C4",
              "Про бюджет громади на 2022 рік (зі змінами)")
    result, report = publish(publisher, DECISIONS)
    assert result.exit_code == 0, result.output
    after = client.action.package_show(id=DECISIONS)
    assert after["metadata_modified"] == first["metadata_modified"]  # the write still landed:
    assert run("verify", "--portal", publisher.url).exit_code == 0  # hashes prove it


# 6. pre-moderation ------------------------------------------------------------------------------

def test_a_new_dataset_waits_for_moderation_and_is_not_sent_again(project, publisher):
    raw = action(publisher, "package_create", {
        "name": "moderated", "title": "Т", "notes": "О", "owner_org": ORGANIZATION,
        "tag_string": "ab", "purpose_of_collecting_information": "П",
        "update_frequency": "once a year", "language": "ua", "private": False},
        key=publisher.key)
    assert raw.status_code == 200 and raw.json()["result"]["private"] is True

    result, report = publish(publisher, DECISIONS)
    assert result.exit_code == 0, result.output
    assert (report["datasets"][0]["outcome"], report["datasets"][0]["moderation"]) == (
        "ok", "pending")
    assert "чекає на модерацію" in run("publish", "--portal", publisher.url, DECISIONS,
                                      "--dry-run").output
    again, report = publish(publisher, DECISIONS)
    assert again.exit_code == 0
    assert (report["datasets"][0]["action"], report["datasets"][0]["moderation"]) == (
        "unchanged", "pending")
    publisher.moderate()
    third, report = publish(publisher, DECISIONS)
    assert (report["datasets"][0]["action"], report["datasets"][0]["moderation"]) == (
        "unchanged", None)
    assert requests.post(f"{publisher.url}/api/3/action/package_show", json={"id": DECISIONS},
                         timeout=30).status_code == 200  # public now: anyone may read it


def test_the_demo_publishes_on_the_datagovua_like_portal(project, publisher):
    """make demo LIKE=datagovua: check the portal, then publish the example project."""
    assert run("portal", "check", "--portal", publisher.url).exit_code == 0
    result, report = publish(publisher)
    assert result.exit_code == 0, result.output
    assert [d["moderation"] for d in report["datasets"]] == ["pending"] * 3
