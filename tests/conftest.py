"""Helpers that make files the way council staff make them."""

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from openpyxl.styles import Font

from opendata.cli import cli

ROOT = Path(__file__).parent.parent


def pytest_report_header(config):
    """Which standards the catalogue-wide tests ran on."""
    import os

    mirror = os.environ.get("OPENDATA_STANDARDS_MIRROR")
    return (f"835 standards: the whole mirror at {mirror}" if mirror else
            "835 standards: the fixture in tests/data/standards (a few annexes; "
            "OPENDATA_STANDARDS_MIRROR=../shared/standards/835 for all)")

# A cut-down public budget table (annex 35) with every kind of rule a council schema has.
PROJECTS_SCHEMA = {
    "fields": [
        {"name": "uid", "title": "Ідентифікатор", "type": "string",
         "constraints": {"required": True, "unique": True}},
        {"name": "title", "title": "Назва проєкту", "type": "string",
         "constraints": {"required": True, "maxLength": 80}},
        {"name": "authorityId", "title": "Код ЄДРПОУ", "type": "string",
         "constraints": {"required": True, "pattern": r"\d{8}"}},
        {"name": "count", "title": "Кількість голосів", "type": "integer",
         "constraints": {"minimum": 0}},
        {"name": "budgetPlan", "title": "Проєктний бюджет", "type": "number",
         "constraints": {"required": True, "minimum": 0}},
        {"name": "decisionDate", "title": "Дата рішення", "type": "date"},
        {"name": "status", "title": "Статус проєкту", "type": "string",
         "constraints": {"enum": ["реалізований", "в стадії реалізації", "не реалізований"]}},
        {"name": "url", "title": "Посилання", "type": "string", "format": "uri"},
        {"name": "email", "title": "Email автора", "type": "string", "format": "email"},
    ],
    "missingValues": ["", "null"],
}
HEADER = ["Ідентифікатор", "Назва проєкту", "Код ЄДРПОУ", "Кількість голосів",
          "Проєктний бюджет", "Дата рішення", "Статус проєкту", "Посилання", "Email автора"]


def good_row(number: int) -> list:
    """A valid record as a workbook holds it (typed cells)."""
    return [f"2022-{number:02d}", f"Проєкт {number}", "04061783", 100 + number,
            1000.5 * number, dt.date(2021, 11, 26), "реалізований",
            f"https://nizhynrada.gov.ua/gb/{number}", f"author{number}@example.com"]


def write_workbook(path: Path, rows: list[list], sheet: str = "Проєкти",
                   title: str | None = None, text_columns: tuple[int, ...] = ()) -> Path:
    """A workbook as staff make it: an optional merged, bold title row above the table."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    offset = 0
    if title:
        worksheet.cell(1, 1, title).font = Font(bold=True, size=14)
        worksheet.merge_cells(start_row=1, start_column=1, end_row=1,
                              end_column=max(len(r) for r in rows))
        offset = 2  # the title, then a blank row, then the header
    for i, row in enumerate(rows, start=1 + offset):
        for j, value in enumerate(row, start=1):
            if value is not None:
                cell = worksheet.cell(i, j, value)
                if j in text_columns:
                    cell.number_format = "@"
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8", delimiter: str = ",",
              newline: str = "\n") -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def projects_schema(tmp_path) -> Path:
    path = tmp_path / "projects.schema.yaml"
    path.write_text(yaml.safe_dump(PROJECTS_SCHEMA, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the bundled example project, as the current folder."""
    for name in ("opendata.toml", "datasets", "schemas"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    """Run the opendata command as a user would; it never shows a traceback."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result


def edit_cell(path: Path, sheet: str, cell: str, value) -> None:
    workbook = openpyxl.load_workbook(path)
    workbook[sheet][cell] = value
    workbook.save(path)


# --- the local portal (scripts/dev-portal) ---------------------------------------------------

DEV_PORTAL = ROOT / "scripts" / "dev-portal"


PORTAL_KINDS = ("ckan", "datagovua")  # today's CKAN, and one that answers as data.gov.ua


class Portal:
    """One local portal: ``kind`` "ckan" (today's CKAN 2.11) or "datagovua" (answers as
    data.gov.ua's fork of CKAN 2.7.2: legacy keys, no package_revise, pre-moderation).
    ``key`` is what staff would have: the sysadmin's token on the first, an organization
    editor's UUID key on the second; ``keys`` holds admin, editor and outsider."""

    def __init__(self, kind: str, url: str, key: str, keys: dict[str, str]):
        self.kind, self.url, self.key, self.keys = kind, url, key, keys

    @property
    def like_datagovua(self) -> bool:
        return self.kind == "datagovua"

    @property
    def database(self) -> str:
        """Its PostgreSQL database (scripts/dev-portal)."""
        return "ckan_datagovua" if self.like_datagovua else "ckan"

    @property
    def user(self) -> str:
        """How the log names the key's user: by name where the portal says it, else by the
        key's fingerprint."""
        from opendata.portal.client import key_fingerprint

        return key_fingerprint(self.key) if self.like_datagovua else "admin"

    def client(self, key: str | None = None):
        import ckanapi

        return ckanapi.RemoteCKAN(self.url, apikey=self.key if key is None else key)

    def admin(self):
        return self.client(self.keys["admin"])

    def moderate(self) -> None:
        """The portal's moderator approves every dataset waiting (data.gov.ua-like only)."""
        if self.like_datagovua:
            self.admin().call_action("devportal_moderate", {})

    def reset(self) -> None:
        like = ["--like", self.kind] if self.like_datagovua else []
        subprocess.run([str(DEV_PORTAL), "reset", *like], check=True, capture_output=True)


@pytest.fixture(scope="session")
def dev_portals():
    """Stops the local portals after the session if it started them."""
    was_running = "running at" in subprocess.run(
        [str(DEV_PORTAL), "status"], capture_output=True, text=True).stdout
    yield
    if not was_running:
        subprocess.run([str(DEV_PORTAL), "down"], capture_output=True)


@pytest.fixture(scope="session", params=PORTAL_KINDS)
def portal(request, dev_portals):
    """A local CKAN, up once per test session; every portal test runs on both kinds. If it
    cannot start, the tests that need it fail with the reason: nothing is skipped. Emptied
    afterwards, so that `make demo` meets no test leftovers."""
    like = ["--like", request.param] if request.param != "ckan" else []
    result = subprocess.run([str(DEV_PORTAL), "up", *like], capture_output=True, text=True,
                            timeout=1500)
    if result.returncode != 0:
        pytest.fail(f"scripts/dev-portal up failed:\n{result.stderr}", pytrace=False)
    env = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    state = ROOT / ".portal" / ("" if request.param == "ckan" else request.param)
    keys = json.loads((state / "keys.json").read_text())
    portal = Portal(request.param, env["OPENDATA_URL"], env["OPENDATA_API_KEY"], keys)
    yield portal
    portal.reset()


@pytest.fixture
def clean_portal(portal):
    """The portal as right after setup: the organization, its users and keys, no datasets."""
    portal.reset()
    return portal
