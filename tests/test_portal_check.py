"""opendata portal check: what staff run before the first publish, on both local portals."""

import json

import pytest

from .conftest import run

pytestmark = pytest.mark.portal
ORGANIZATION = "nizhynska-miska-rada"


def check(portal, *args):
    result = run("portal", "check", "--portal", portal.url, "--format", "json", *args)
    return result, json.loads(result.stdout) if result.stdout.startswith("{") else None


def codes(report) -> dict:
    return {item["code"]: item["ok"] for item in report["checks"]}


def test_a_valid_key_that_may_publish_to_the_project_is_ready(project, clean_portal,
                                                              monkeypatch):
    monkeypatch.setenv("OPENDATA_API_KEY", clean_portal.key)
    result, report = check(clean_portal)
    assert result.exit_code == 0, result.output
    assert report["ok"] and report["key"]["accepted"] is True
    assert report["organization"] == {"name": ORGANIZATION, "may_publish": True}
    assert report["licenses"] == {"used": ["cc-by"], "unknown": []}
    if clean_portal.like_datagovua:  # as data.gov.ua: no user names, no package_revise
        assert (report["ckan_version"], report["package_revise"]) == ("2.7.2", False)
        assert report["key"]["user"] is None
        assert report["key"]["fingerprint"].startswith("key-sha256:")
        assert report["max_upload_mb"] == 10
    else:
        assert report["package_revise"] is True and report["key"]["user"] == "admin"
    assert clean_portal.key not in result.output
    text = run("portal", "check", "--portal", clean_portal.url).output
    assert "Публікувати можна." in text and "✗" not in text


def test_a_wrong_key_is_told_from_a_key_without_rights(project, clean_portal, monkeypatch):
    monkeypatch.setenv("OPENDATA_API_KEY", "00000000-0000-4000-8000-000000000000")
    result, report = check(clean_portal)
    assert result.exit_code == 1
    assert report["key"]["accepted"] is False and codes(report)["key-refused"] is False
    assert "organization-refused" not in codes(report)

    monkeypatch.setenv("OPENDATA_API_KEY", clean_portal.keys["outsider"])
    result, report = check(clean_portal)
    assert result.exit_code == 1
    assert report["key"]["accepted"] is True and report["organizations"] == []
    assert report["organization"] == {"name": ORGANIZATION, "may_publish": False}
    text = run("portal", "check", "--portal", clean_portal.url, "--lang", "en").output
    assert f"✗ The project's organization '{ORGANIZATION}' is not among them" in text
    assert "Publishing will fail" in text


def test_no_key_checks_what_needs_none(project, clean_portal, monkeypatch):
    monkeypatch.delenv("OPENDATA_API_KEY", raising=False)
    result, report = check(clean_portal)
    assert result.exit_code == 1
    assert report["key"] == {"given": False, "accepted": False, "user": None,
                             "fingerprint": None}
    assert codes(report)["key-missing"] is False and report["ckan_version"]


def test_an_unknown_licence_is_named(project, clean_portal, monkeypatch):
    monkeypatch.setenv("OPENDATA_API_KEY", clean_portal.key)
    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("licenses: [{name: cc-by}]",
                                                             "licenses: [{name: cc-by-nd}]"),
                    encoding="utf-8")
    result, report = check(clean_portal)
    assert result.exit_code == 1
    assert report["licenses"]["unknown"] == ["cc-by-nd"]


def test_an_unreachable_portal_is_exit_2_in_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside any project: a URL is enough
    result = run("portal", "check", "--portal", "http://127.0.0.1:9")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "не відповідає" in result.stderr
