"""The 835 standards at hand: fetched from a source laid out as their mirror (served here
over local HTTP), listed, named as schemas, and recognised in spreadsheets."""

import functools
import http.server
import json
import os
import threading
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, run

# The whole mirror where OPENDATA_STANDARDS_MIRROR names one (CI: ../shared/standards/835),
# else the repository's own few annexes with their example workbooks, in the same layout.
FIXTURE = ROOT / "tests" / "data" / "standards" / "835"
MIRROR = Path(os.environ.get("OPENDATA_STANDARDS_MIRROR") or FIXTURE)


@pytest.fixture(scope="module")
def mirror_url():
    """The shared mirror of the standards, served as a web address would serve it."""
    assert (MIRROR / "index.csv").is_file(), f"the standards' mirror is missing: {MIRROR}"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(MIRROR))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def cache(tmp_path, monkeypatch, mirror_url):
    monkeypatch.setenv("OPENDATA_CACHE", str(tmp_path / "cache"))
    result = run("standards", "update", "--source", mirror_url)
    assert result.exit_code == 0, result.output
    return tmp_path / "cache"


def test_without_the_standards_commands_say_how_to_fetch_them(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENDATA_CACHE", str(tmp_path / "empty"))
    result = run("standards", "list", "--lang", "en")
    assert result.exit_code == 2 and "opendata standards update" in result.stderr


def test_update_then_list(cache):
    listed = json.loads(run("standards", "list", "--format", "json").stdout)
    assert {"annex": 35, "resource": "projects", "title": "Дані громадського бюджету"} in listed
    assert len(listed) == sum(1 for _ in (MIRROR / "index.csv").open(encoding="utf-8")) - 1
    only = json.loads(run("standards", "list", "--annex", "9", "--format", "json").stdout)
    assert {s["resource"] for s in only} == {"legalActs", "projects"}
    assert "annex-35/projects" in run("standards", "list", "бюджет").output
    copies = [p for p in ROOT.glob("**/annex-35/projects/schema.json")
              if not p.is_relative_to(FIXTURE) and ".portal" not in p.parts]
    assert copies == []  # none in the repository but the tests' fixture


def test_a_standard_is_named_as_a_schema(cache, tmp_path):
    example = MIRROR / "annex-09/legalActs/example.xlsx"
    for name in ("annex-09/legalActs", "9/legalActs"):
        result = run("validate", example, "--schema", name, "--format", "json")
        assert result.exit_code in (0, 1), result.output
        assert json.loads(result.stdout)["tables"][0]["rows"] > 0
    unknown = run("validate", example, "--schema", "annex-99/nothing", "--lang", "en")
    assert unknown.exit_code == 2 and "opendata standards list" in unknown.stderr


def test_detect_names_the_standard_with_what_is_missing_and_extra(cache, tmp_path):
    from .conftest import write_workbook

    header = ["uid", "Назва проєкту", "Категорія проєкту", "Вид проєкту", "Примітка"]
    path = write_workbook(tmp_path / "gb.xlsx", [header, ["1", "Сквер", "великий", "x", ""]])
    result = json.loads(run("standards", "detect", path, "--format", "json").stdout)
    best = result["matches"][0]
    assert (best["annex"], best["resource"]) == (35, "projects")
    assert best["extra"] == ["Примітка"] and "uid" not in best["missing"]
    assert result["header_rows"] == [1, 1] and result["sheet"] == "Проєкти"


def test_every_example_workbook_is_recognised(cache):
    """Each example of the mirror, checked against all standards: its own is the best match,
    or shares the best score with standards whose columns are the same (annex 21 and 36,
    18 and 51, 50, 51 and 57 repeat one structure)."""
    misses = []
    examples = sorted(MIRROR.glob("annex-*/*/example.xlsx"))
    for example in examples:
        own = f"{example.parent.parent.name}/{example.parent.name}"
        matches = json.loads(run("standards", "detect", example, "--format",
                                 "json").stdout)["matches"]
        best = (matches[0]["matched"], matches[0]["total"], len(matches[0]["extra"]))
        tied = {f"annex-{m['annex']:02d}/{m['resource']}" for m in matches
                if (m["matched"], m["total"], len(m["extra"])) == best}
        if own not in tied:
            misses.append(own)
    listed = sum(1 for _ in (MIRROR / "index.csv").open(encoding="utf-8")) - 1
    assert examples and len(examples) >= listed * 0.8 and misses == []


def test_new_uses_the_standard_a_workbook_follows(cache, project):
    example = MIRROR / "annex-09/legalActs/example.xlsx"
    result = run("new", "acts", "--from", example, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "annex-09/legalActs" in result.output
    schema = yaml.safe_load((project / "schemas/acts.schema.yaml").read_text("utf-8"))
    assert [f["name"] for f in schema["fields"]][:2] == ["uid", "authorityId"] or \
        "uid" in [f["name"] for f in schema["fields"]]
    assert run("validate", "acts", "--format", "json").exit_code == 1  # TODOs in the passport
    inferred = run("new", "acts-own", "--from", example, "--infer", "--lang", "en")
    assert inferred.exit_code == 0 and "annex-09/legalActs\n" not in inferred.output
    assert "The schema was inferred" in inferred.output


def test_init_new_validate_as_a_script_on_an_835_workbook(cache, tmp_path):
    """A new user's first session, as a shell script: nothing edited by hand but the passport."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    opendata = Path(sys.executable).parent / "opendata"
    script = f"""set -e
cd "{tmp_path}"
"{opendata}" init rada --organization nizhynska-miska-rada --portal http://127.0.0.1:9
cd rada
"{opendata}" new legal-acts --from "{MIRROR / 'annex-09/legalActs/example.xlsx'}"
"{opendata}" validate --format json > report.json || test $? -eq 1
"""
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                          env={**os.environ, "OPENDATA_CACHE": str(cache)})
    assert done.returncode == 0, done.stderr
    assert "annex-09/legalActs" in done.stdout
    report = json.loads((tmp_path / "rada" / "report.json").read_text(encoding="utf-8"))
    assert [t["errors"] for t in report["tables"]] == [[]]
    assert {m["code"] for m in report["metadata"]} == {"metadata-placeholder"}


def test_detect_says_plainly_when_no_standard_fits_and_looks_past_an_instruction_sheet(
        cache, tmp_path):
    import openpyxl

    from .conftest import write_workbook

    unrelated = write_workbook(tmp_path / "інше.xlsx", [["uid", "Колір", "Смак", "Запах"],
                                                       ["1", "синій", "солодкий", "м’ята"]])
    result = json.loads(run("standards", "detect", unrelated, "--format", "json").stdout)
    assert result["standard"] is None
    assert all(not m["fits"] for m in result["matches"])
    text = run("standards", "detect", unrelated).output
    assert text.startswith("Жоден стандарт не підходить")

    book = openpyxl.load_workbook(MIRROR / "annex-09/legalActs/example.xlsx")
    instruction = book.create_sheet("Інструкція", 0)
    instruction["A1"] = "Як заповнювати: один акт у рядку."
    path = tmp_path / "акти.xlsx"
    book.save(path)
    found = json.loads(run("standards", "detect", path, "--format", "json").stdout)
    assert (found["standard"], found["sheet"]) == ("annex-09/legalActs",
                                                   book.sheetnames[1])
    imported = run("schema", "import", "annex-09/legalActs/schema.json", "-o",
                   tmp_path / "acts.schema.yaml")
    assert imported.exit_code == 0, imported.output


@pytest.mark.parametrize("name", ["../../../../{target}", "{target}", "a/../../{target}",
                                  "..\\\\..\\\\x.json", "C:/x.json"])
def test_a_mirror_naming_a_file_outside_its_folder_writes_nothing(tmp_path, monkeypatch,
                                                                   name):
    target = tmp_path / "outside" / "x.json"
    name = name.format(target=str(target).lstrip("/") if name.startswith("..") or "/.." in
                       name else target)
    source = tmp_path / "mirror"
    source.mkdir()
    (source / "index.csv").write_text("annex,resource,title_uk,schema\n"
                                      f"9,acts,Акти,{name}\n", encoding="utf-8")
    monkeypatch.setenv("OPENDATA_CACHE", str(tmp_path / "cache"))
    result = run("standards", "update", "--source", source, "--lang", "en")
    assert result.exit_code == 2 and "points outside its folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not target.exists() and not (tmp_path / "outside").exists()
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").rglob("*.json"))


def test_offline_the_update_says_which_address_and_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENDATA_CACHE", str(tmp_path / "cache"))
    result = run("standards", "update", "--source", "http://127.0.0.1:9/standards")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "127.0.0.1:9 не відповідає" in result.stderr and "--source ТЕКА" in result.stderr
