"""opendata audit: an organization's datasets on the portal, judged as monitors judge them.
Datasets seeded by hand on the local CKAN, each with one known problem (or none)."""

import csv
import io
import json
import shutil
import subprocess

import pytest

from .conftest import run
from .test_adopt import PASSPORT, drop_field, upload
from .test_standards import MIRROR, mirror_url  # noqa: F401 (a fixture)

pytestmark = pytest.mark.portal
ORG = "nizhynska-miska-rada"
DEAD = "http://127.0.0.1:9/gone.csv"  # nothing listens there
LEGAL_ACTS = MIRROR / "annex-09" / "legalActs" / "example.xlsx"


@pytest.fixture
def seeded(clean_portal, tmp_path, monkeypatch, mirror_url):  # noqa: F811
    """fresh, overdue, incomplete, pdf-only, dead-link, follows and breaks its standard."""
    monkeypatch.setenv("OPENDATA_CACHE", str(tmp_path / "cache"))
    assert run("standards", "update", "--source", mirror_url).exit_code == 0
    monkeypatch.chdir(tmp_path)  # a monitor's folder: no project
    client = clean_portal.client()
    files = tmp_path / "files"
    files.mkdir()

    def dataset(name, **fields):
        client.action.package_create(name=name, title=name.capitalize(),
                                     **{**PASSPORT, **fields})
        clean_portal.moderate()  # published: anyone sees it

    dataset("fresh", update_frequency="once a year")
    client.action.resource_create(package_id="fresh", name="Сайт ради",
                                  url=clean_portal.url + "/api/3/action/status_show")
    dataset("overdue", update_frequency="once a month")
    client.action.resource_create(package_id="overdue", name="Дані", format="CSV",
                                  url=clean_portal.url + "/api/3/action/status_show",
                                  last_modified="2024-01-15T10:00:00")
    dataset("incomplete")
    drop_field(clean_portal, "incomplete", "purpose_of_collecting_information")
    dataset("pdf-only")
    pdf = files / "Звіт.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    upload(client, "pdf-only", pdf)
    dataset("dead-link")
    client.action.resource_create(package_id="dead-link", name="Старе посилання", url=DEAD)
    dataset("follows")
    shutil.copy(LEGAL_ACTS, files / "Акти.xlsx")
    upload(client, "follows", files / "Акти.xlsx")
    dataset("breaks")
    assert run("convert", LEGAL_ACTS, "--schema", "annex-09/legalActs", "-o",
               files / "акти.csv").exit_code == 0
    rows = list(csv.reader((files / "акти.csv").open(encoding="utf-8")))
    date = next(i for i, name in enumerate(rows[0]) if "date" in name.lower())
    rows[1][date] = "вчора"
    with (files / "акти.csv").open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)
    upload(client, "breaks", files / "акти.csv")
    return clean_portal


def audit(url, *args):
    """audit as a monitor runs it; the local portal needs no politeness."""
    return run("audit", "--organization", ORG, "--portal", url, "--rate", "100", *args)


EXPECTED = {  # name → (overdue, passport fields, not machine-readable, dead links)
    "breaks": (False, [], [], []),
    "dead-link": (False, [], [], ["Старе посилання"]),
    "follows": (False, [], [], []),
    "fresh": (False, [], [], []),
    "incomplete": (False, ["purpose"], [], []),
    "overdue": (True, [], [], []),
    "pdf-only": (False, [], ["Звіт.pdf"], []),
}


def test_audit_gives_each_dataset_its_verdict_in_json_csv_and_text(seeded):
    result = audit(seeded.url, "--format", "json",
                 "--files")
    assert result.exit_code == 1, result.output  # overdue and incomplete: cron notices
    found = json.loads(result.stdout)
    assert found["portal"] == seeded.url
    verdicts = {d["name"]: (d["overdue"], d["passport_fields"], d["not_machine_readable"],
                            d["dead_links"]) for d in found["datasets"]}
    assert verdicts == EXPECTED
    overdue = next(d for d in found["datasets"] if d["name"] == "overdue")
    assert overdue["last_updated"].startswith("2024-01-15") and overdue["next_due"] == \
        "2024-02-15" and overdue["overdue_days"] > 600
    files = {d["name"]: [(f["standard"], f["valid"], f["errors"] > 0) for f in d["files"]]
             for d in found["datasets"] if d["files"]}
    assert files == {"follows": [("annex-09/legalActs", True, False)],
                     "breaks": [("annex-09/legalActs", False, True)],
                     "overdue": [(None, None, False)],  # a linked "CSV" without a standard
                     "dead-link": [(None, None, False)]}  # said as a dead link instead
    assert found["summary"] == {"datasets": 7, "overdue": 1, "incomplete": 1,
                                "not_machine_readable": 1, "not_to_standard": 1}

    table = list(csv.DictReader(io.StringIO(audit(
        seeded.url, "--format", "csv").stdout)))
    assert {r["name"]: (r["overdue"], r["dead_links"]) for r in table} == {
        name: (str(v[0]).lower(), "; ".join(v[3])) for name, v in EXPECTED.items()}

    text = audit(seeded.url, "--lang", "en").stdout
    assert "7 datasets; 1 overdue; 1 with an incomplete passport" in text.splitlines()[0]
    assert "✓ fresh" in text and "✗ dead-link" in text and "dead links: Старе посилання" in text
    ukrainian = audit(seeded.url).stdout
    assert "прострочено (днів: " in ukrainian and "(Щомісяця; востаннє 2024-01-15)" in ukrainian


def test_a_rerun_with_files_downloads_nothing_unchanged(seeded, monkeypatch):
    import datetime as dt

    from opendata.audit import inventory
    from opendata.portal.client import Portal

    portal = Portal(seeded.url, "")
    first = inventory.audit(portal, [ORG], dt.date.today(), files=True, rate=100)
    again = inventory.audit(portal, [ORG], dt.date.today(), files=True, rate=100)
    assert (first.downloaded, first.cached) == (3, 0)  # two uploads and one linked table
    # the uploads come from the cache; the linked file's server gives no ETag or
    # Last-Modified, so nothing says it is unchanged: it is read again
    assert (again.downloaded, again.cached) == (1, 2)
    assert [d.json() for d in again.datasets] == [d.json() for d in first.datasets]


def test_the_reports_open_in_a_browser_and_in_libreoffice(seeded, tmp_path):
    from .test_reports import CHROMIUM, tools

    tools()
    seeded.client().action.package_create(name="hostile", title="=1+1<script>x()</script>",
                                          **PASSPORT)
    seeded.moderate()
    names = sorted([*EXPECTED, "hostile"])
    for name in ("audit.xlsx", "audit.html"):
        result = audit(seeded.url, "--report",
                     tmp_path / name)
        assert result.exit_code == 1, result.output
    dom = subprocess.run(CHROMIUM + [f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                                     (tmp_path / "audit.html").as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert dom.count("<tr>") == len(names) + 1 and "<script>x()" not in dom
    assert all(f"<td>{name}</td>" in dom for name in names)
    # for people: their words, not the JSON's keys and values
    assert "<th>Частота оновлення</th>" in dom and "update_frequency" not in dom
    assert "<td>Щомісяця</td>" in dom and "<td>так</td>" in dom and "once a month" not in dom
    done = subprocess.run(["soffice", "--headless", "--norestore",
                           f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                           "--outdir", str(tmp_path), str(tmp_path / "audit.xlsx")],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    table = list(csv.reader((tmp_path / "audit.csv").open(encoding="utf-8")))[2:]
    assert sorted(row[0] for row in table) == names
    hostile = next(row for row in table if row[0] == "hostile")
    assert hostile[2] == "=1+1<script>x()</script>"  # text from the portal, not a formula


def test_an_unknown_organization_cannot_be_audited(seeded):
    result = run("audit", "--organization", "no-such-org", "--portal", seeded.url,
                 "--lang", "en")
    assert result.exit_code == 2 and "no-such-org" in result.stderr
    typo = run("audit", "--organization", ORG[:-1], "--portal", seeded.url, "--lang", "en")
    assert typo.exit_code == 2 and ORG in typo.stderr  # the closest name the portal has


def test_a_portal_that_says_too_many_requests_is_waited_for(seeded):
    from .faulty_proxy import RETRY_AFTER, FaultyProxy

    def rule(action, attempt):
        return "429" if attempt == 1 and action in ("organization_show",
                                                    "package_search") else "pass"

    proxy = FaultyProxy(seeded.url, rule)
    try:
        result = audit(proxy.url, "--format", "json")
    finally:
        proxy.close()
    assert result.exit_code == 1, result.output
    assert {d["name"] for d in json.loads(result.stdout)["datasets"]} == set(EXPECTED)
    assert proxy.attempts["package_search"] == 2 and proxy.forwarded["package_search"] == 1
    for action in ("organization_show", "package_search"):
        first, second = [t for a, t in proxy.times if a == action][:2]
        assert second - first >= RETRY_AFTER  # Retry-After honoured, not hammered


def test_a_broken_cache_is_said_or_judged_again_never_a_traceback(seeded, tmp_path):
    cache = tmp_path / "cache" / "audit"
    (tmp_path / "cache" / "audit").write_text("a file where the cache's folder goes")
    broken = audit(seeded.url, "--files", "--lang", "en")
    assert broken.exit_code == 2 and len(broken.stderr.strip().splitlines()) == 1
    assert f"{cache}: a folder should be here, but it is a file" in broken.stderr
    cache.unlink()
    first = json.loads(audit(seeded.url, "--files", "--format", "json").stdout)
    for kept in cache.rglob("*.verdict.json"):
        kept.write_text("{not json")  # a verdict cut short, or not one we wrote
    again = json.loads(audit(seeded.url, "--files", "--format", "json").stdout)
    assert again == first
