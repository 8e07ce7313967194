"""Auditing the publication history: log, status, verify — with either log store."""

import datetime as dt
import io
import json
import os
import sqlite3
import uuid

import pytest

from opendata.history.log import PublicationLog

from .conftest import edit_cell, run

pytestmark = pytest.mark.portal

PG_PORT = os.environ.get("OPENDATA_PORTAL_PG_PORT", "55432")


@pytest.fixture(params=["sqlite", "postgresql"])
def log_store(request, portal):
    """Where the log lives: the default SQLite file, or a fresh database on the
    PostgreSQL server that scripts/dev-portal runs."""
    if request.param == "sqlite":
        yield ".opendata/log.sqlite"
        return
    import psycopg

    name = f"opendata_log_{uuid.uuid4().hex[:8]}"
    admin = f"postgresql://postgres@127.0.0.1:{PG_PORT}/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f"CREATE DATABASE {name}")
    yield f"postgresql://postgres@127.0.0.1:{PG_PORT}/{name}"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def published(project, clean_portal, monkeypatch, log_store):
    """The example project, published once to a clean portal, its log in ``log_store``."""
    config = project / "opendata.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'path = ".opendata/log.sqlite"', f'path = "{log_store}"').replace(
        'default_portal = "local"', f'default_portal = "{clean_portal.url}"'), encoding="utf-8")
    monkeypatch.setenv("OPENDATA_API_KEY", clean_portal.key)
    result = run("publish", "--portal", clean_portal.url)
    assert result.exit_code == 0, result.output
    clean_portal.moderate()
    return clean_portal


def log_location(project, log_store):
    return log_store if "://" in log_store else project / log_store


def test_log_lists_every_action_with_who_when_what(project, published):
    result = run("log", "--format", "json")
    assert result.exit_code == 0
    entries = json.loads(result.stdout)
    # what the portal said of itself, then started and ok: 3 datasets, 12 files
    assert len(entries) == 1 + 2 * (3 + 12)
    assert entries[-1]["action"] == "portal-status" and entries[-1]["dataset"] is None
    assert entries[0]["time"] >= entries[-1]["time"]  # newest first
    today = dt.datetime.now(dt.UTC).date().isoformat()
    for entry in entries:
        assert {"time", "dataset", "resource", "action", "outcome", "user", "portal",
                "sha256", "error"} <= set(entry)
        assert entry["time"].startswith(today) and entry["portal_user"] == published.user
        assert entry["portal"] == published.url and entry["user"]
    csv_rows = [e for e in entries if e["resource"] == "projects.csv" and e["outcome"] == "ok"]
    assert csv_rows[0]["source"] == "datasets/nizhyn-public-budget-projects/projects-2022.xlsx"

    only = json.loads(run("log", "--dataset", "nizhyn-council-decisions", "--format",
                          "json").stdout)
    assert only and {e["dataset"] for e in only} == {"nizhyn-council-decisions"}
    assert json.loads(run("log", "--outcome", "failed", "--format", "json").stdout) == []
    tomorrow = (dt.date.fromisoformat(today) + dt.timedelta(days=1)).isoformat()
    assert json.loads(run("log", "--since", tomorrow, "--format", "json").stdout) == []
    import csv

    table = list(csv.DictReader(io.StringIO(run("log", "--format", "csv").stdout)))
    assert len(table) == len(entries) and table[0]["dataset"] == entries[0]["dataset"]
    text = run("log", "--lang", "en").output
    assert "upload a new file: ok" in text and published.user in text
    assert "новий файл: гаразд" in run("log").output  # actions and outcomes in words


def status_of(name=None):
    rows = json.loads(run("status", "--format", "json").stdout)
    return {r["name"]: r for r in rows} if name is None else {r["name"]: r for r in rows}[name]


def test_status_after_publishing_then_an_edit(project, published):
    rows = status_of()
    assert set(rows) == {"nizhyn-council-decisions", "nizhyn-datasets-register",
                         "nizhyn-public-budget-projects"}
    for row in rows.values():
        assert not row["overdue"] and not row["changed"] and not row["never_published"]
    budget = rows["nizhyn-public-budget-projects"]
    assert budget["update_frequency"] == "once a year"
    assert budget["next_due"] == (dt.date.fromisoformat(budget["last_published"][:10]) +
                                  dt.timedelta(days=364)).isoformat()

    edit_cell(project / "datasets/nizhyn-public-budget-projects/projects-2022.xlsx",
              "Проєкти", "C4", "загальноміський")
    edited = status_of("nizhyn-public-budget-projects")
    assert edited["changed"] and edited["changed_sources"] == [
        "datasets/nizhyn-public-budget-projects/projects-2022.xlsx"]
    assert not status_of("nizhyn-council-decisions")["changed"]
    text = run("status").output
    assert text.index("nizhyn-public-budget-projects") < text.index("nizhyn-council-decisions")
    assert "неопубліковані зміни" in text


def test_a_log_400_days_old_makes_datasets_overdue(project, published, log_store):
    location = log_location(project, log_store)
    rows = PublicationLog(location).entries(newest_first=False)
    aged = project / "aged.sqlite"
    old = PublicationLog(aged)
    long_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=400))
    for row in rows:
        old.append({**row, "time": long_ago.strftime("%Y-%m-%dT%H:%M:%SZ")})
    config = project / "opendata.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f'path = "{log_store}"', f'path = "{aged}"'), encoding="utf-8")
    rows = status_of()
    assert rows["nizhyn-public-budget-projects"]["overdue"]
    assert rows["nizhyn-public-budget-projects"]["days_overdue"] == 400 - 364
    assert rows["nizhyn-council-decisions"]["days_overdue"] == 400 - 31
    assert not rows["nizhyn-public-budget-projects"]["changed"]
    text = run("status").output
    assert "ПРОСТРОЧЕНО на 369 дн." in text
    first = text.splitlines()[1]
    assert first.startswith("  nizhyn-council-decisions")  # the most overdue first


def test_verify_holds_then_names_a_file_replaced_behind_its_back(project, published):
    result = run("verify", "--portal", published.url)
    assert result.exit_code == 0, result.output
    assert run("verify", "--portal", published.url, "--deep").exit_code == 0

    client = published.client()
    shown = client.action.package_show(id="nizhyn-council-decisions")
    target = next(r for r in shown["resources"] if r["url"].endswith("/decisions.csv"))
    client.action.resource_patch(id=target["id"], upload=(
        "decisions.csv", io.BytesIO("uid,title\n1,підмінено вручну\n".encode())))
    result = run("verify", "--portal", published.url, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert {(d["dataset"], d["resource"], d["problem"]) for d in report["differences"]} == {
        ("nizhyn-council-decisions", "decisions.csv", "verify-size-differs")}
    text = run("verify", "--portal", published.url).output
    assert "nizhyn-council-decisions/decisions.csv: розмір файлу на порталі" in text


def test_verify_notices_a_changed_passport_and_a_deleted_dataset(project, published):
    client = published.client()
    client.action.package_patch(id="nizhyn-council-decisions", update_frequency="once a week")
    client.action.package_delete(id="nizhyn-datasets-register")
    report = json.loads(run("verify", "--portal", published.url, "--format", "json").stdout)
    assert {(d["dataset"], d["problem"]) for d in report["differences"]} >= {
        ("nizhyn-council-decisions", "verify-passport-differs"),
        ("nizhyn-datasets-register", "verify-dataset-missing")}


def test_verify_notices_an_edited_log_row(project, published, log_store):
    location = log_location(project, log_store)
    if "://" in str(location):
        import psycopg

        with psycopg.connect(location, autocommit=True) as db:
            db.execute("ALTER TABLE publication_log DISABLE TRIGGER USER")
            db.execute("UPDATE publication_log SET outcome = 'failed' WHERE seq = 4")
    else:
        db = sqlite3.connect(location)
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("UPDATE publication_log SET outcome = 'failed' WHERE seq = 4")
        db.execute("DROP TRIGGER publication_log_no_update")  # as a determined editor would
        db.execute("UPDATE publication_log SET outcome = 'failed' WHERE seq = 4")
        db.commit()
    result = run("verify", "--portal", published.url, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["differences"]
    assert {"dataset": None, "resource": None, "problem": "verify-log-edited",
            "expected": None, "found": "#4"} in problems


def test_register_does_not_change_when_publishing(project, published):
    before = run("register").output
    assert "https://data.gov.ua/dataset/nizhyn-public-budget-projects" in before
    run("publish", "--portal", published.url)
    assert run("register").output == before
    committed = (project / "datasets/nizhyn-datasets-register/register.csv").read_text(
        encoding="utf-8")
    assert committed == before  # the bundled register is what the command makes


def test_the_audit_page_is_green_only_when_no_dataset_needs_action():
    """A dataset with only a PDF and a dead link needs action though it is neither overdue
    nor incomplete (which alone set the exit code, as before)."""
    from types import SimpleNamespace

    from opendata.report.audit import all_well

    def record(**problems):
        return SimpleNamespace(**{"overdue": False, "passport_gaps": [],
                                  "not_machine_readable": [], "dead_links": [],
                                  "not_to_standard": False, **problems})

    assert all_well(SimpleNamespace(datasets=[record(), record()]))
    assert not all_well(SimpleNamespace(datasets=[record(), record(
        not_machine_readable=["Звіт.pdf"], dead_links=["Старе посилання"])]))


def test_log_shows_the_default_portal_as_status_and_verify_do_and_says_which(project):
    """log showed every portal while status showed the default one: two answers to «what
    was published». Entries written straight into a log of two portals."""
    from opendata.history.log import PublicationLog

    log = PublicationLog(project / ".opendata" / "log.sqlite")
    for portal, dataset in (("http://127.0.0.1:5050", "local-one"),
                            ("https://data.gov.ua", "prod-one")):
        log.append({"run_id": "r", "portal_user": "editor", "portal": portal,
                    "dataset": dataset, "resource": None, "action": "create-dataset",
                    "outcome": "ok"})
    log.close()
    shown = {e["dataset"] for e in json.loads(run("log", "--format", "json").stdout)}
    assert shown == {"local-one"}  # default_portal = "local"
    every = {e["dataset"] for e in json.loads(run("log", "--portal", "all", "--format",
                                                   "json").stdout)}
    assert every == {"local-one", "prod-one"}
    assert run("log", "--portal", "prod", "--lang", "en").output.splitlines()[0] == \
        "Publication log for https://data.gov.ua (every portal: --portal all):"
    assert run("status", "--lang", "en").output.splitlines()[0] == \
        "Datasets on http://127.0.0.1:5050:"
