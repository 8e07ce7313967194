"""opendata adopt: datasets published by hand through the portal's web form are taken over,
and publishing them afterwards changes nothing until a file does. Against the local CKAN."""

import hashlib
import json
import urllib.request

import pytest
import xlwt

from .conftest import edit_cell, run, write_csv, write_workbook
from .test_audit import PG_PORT
from .test_publish import publish

pytestmark = pytest.mark.portal
ORG = "nizhynska-miska-rada"
# the web form names a dataset after a UUID unless staff type a name
COMPLETE = "5d0f3a52-91c4-4b8e-a3f0-7c2e1b9d4e61"
INCOMPLETE = "a07c6e1d-3b2f-4f59-8d11-0e9c4b7a2f38"
PASSPORT = {"owner_org": ORG, "notes": "Рішення сесій міської ради", "tag_string": "рішення,рада",
            "purpose_of_collecting_information": "Постанова КМУ № 835",
            "update_frequency": "once a month", "language": "ua", "license_id": "cc-by",
            "maintainer": "Іваненко Олена", "maintainer_email": "opendata@nizhyn.example.gov.ua"}


def upload(client, dataset: str, path, name: str | None = None) -> dict:
    """A file added through the web form: its own name as the resource's, no hash."""
    with path.open("rb") as file:
        return client.action.resource_create(package_id=dataset, name=name or path.name,
                                             upload=(path.name, file))


@pytest.fixture
def by_hand(project, clean_portal, tmp_path):
    """Two datasets made by hand: one with a full passport, a Cyrillic-named workbook, an
    xls, a pdf and a link; one without its purpose, with a CSV."""
    client = clean_portal.client()
    files = tmp_path / "by-hand"
    files.mkdir()
    client.action.package_create(name=COMPLETE, title="Рішення сесій", **PASSPORT)
    workbook = write_workbook(files / "Рішення сесій 2024.xlsx", [
        ["Номер", "Назва рішення", "Дата"], [1, "Про бюджет", "2024-01-12"],
        [2, "Про тарифи", "2024-02-09"]], sheet="Рішення")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Депутати")
    for r, row in enumerate([["Прізвище", "Округ"], ["Коваль", 1], ["Мельник", 2]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(files / "Депутати.xls"))
    pdf = files / "Положення.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    resources = {"xlsx": upload(client, COMPLETE, workbook),
                 "xls": upload(client, COMPLETE, files / "Депутати.xls"),
                 "pdf": upload(client, COMPLETE, pdf),
                 "link": client.action.resource_create(
                     package_id=COMPLETE, name="Сторінка рішень на сайті ради",
                     url="https://nizhynrada.gov.ua/rishennia")}
    client.action.package_create(name=INCOMPLETE, title="Петиції", **PASSPORT)
    write_csv(files / "петиції.csv", [["Номер", "Тема"], ["П-1", "Сквер"]])
    upload(client, INCOMPLETE, files / "петиції.csv")
    clean_portal.moderate()  # published: anyone sees them
    drop_field(clean_portal, INCOMPLETE, "purpose_of_collecting_information")
    return clean_portal, resources


def drop_field(portal, dataset: str, key: str) -> None:
    """A passport field gone, as on datasets published before the portal required it (the
    portal itself refuses to save one without it now)."""
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:{PG_PORT}/{portal.database}",
                         autocommit=True) as db:
        db.execute("DELETE FROM package_extra WHERE key = %s AND package_id = "
                   "(SELECT id FROM package WHERE name = %s)", (key, dataset))
        # and from the search index, as a real portal's Solr has it
        db.execute("UPDATE devportal_search SET data = (data::jsonb - %s)::text "
                   "WHERE name = %s", (key, dataset))


def modified(client, name: str) -> tuple:
    shown = client.action.package_show(id=name)
    return shown["metadata_modified"], [(r["id"], r["metadata_modified"], r.get("hash"))
                                        for r in shown["resources"]]


def test_adopted_datasets_publish_nothing_until_a_cell_changes(project, by_hand, monkeypatch):
    portal, resources = by_hand
    client = portal.client()
    before = modified(client, COMPLETE)
    result = run("adopt", COMPLETE, "--portal", portal.url, "--format", "json")
    assert result.exit_code == 0, result.output
    adopted = json.loads(result.stdout)["datasets"][0]
    assert modified(client, COMPLETE) == before  # adopt changes nothing on the portal
    folder = project / "datasets" / COMPLETE
    assert (folder / "datapackage.yaml").is_file()
    assert {f["resource_id"] for f in adopted["files"]} == {resources["xlsx"]["id"],
                                                           resources["xls"]["id"]}
    assert {r["id"] for r in adopted["portal_only"]} == {resources["pdf"]["id"],
                                                         resources["link"]["id"]}
    assert adopted["passport_gaps"] == []
    assert run("validate", COMPLETE).exit_code == 0
    status = next(s for s in json.loads(run("status", "--portal", portal.url, "--format",
                                            "json").stdout) if s["name"] == COMPLETE)
    assert (status["never_published"], status["changed"]) == (False, False)

    monkeypatch.setenv("OPENDATA_API_KEY", portal.key)  # adopt needed none: public data
    result, report = publish(portal, COMPLETE, "--prune")  # portal-only: never pruned
    assert result.exit_code == 0, result.output
    plan = report["datasets"][0]
    assert plan["action"] == "unchanged", plan["resources"]
    assert modified(client, COMPLETE) == before  # zero writes
    assert run("verify", "--portal", portal.url).exit_code == 0

    xlsx = next(folder / f["path"].rsplit("/", 1)[-1] for f in adopted["files"]
                if f["resource_id"] == resources["xlsx"]["id"])
    edit_cell(xlsx, "Рішення", "B2", "Про бюджет міста")
    result, report = publish(portal, COMPLETE)
    assert result.exit_code == 0, result.output
    changed = [(f["action"], f["resource_id"]) for f in report["datasets"][0]["resources"]
               if f["action"] not in ("skip", "keep")]
    assert changed == [("update", resources["xlsx"]["id"])]
    after = client.action.package_show(id=COMPLETE)["resources"]
    assert [r["id"] for r in after] == [r["id"] for r in resources.values()]  # same ids
    # CKAN serves an upload by its resource id: links to the hand-made file name still work
    with urllib.request.urlopen(resources["xlsx"]["url"]) as answer:
        assert hashlib.sha256(answer.read()).hexdigest() == hashlib.sha256(
            xlsx.read_bytes()).hexdigest()
    assert run("verify", "--portal", portal.url).exit_code == 0


def test_a_missing_purpose_is_a_passport_gap_and_nothing_is_sent(project, by_hand,
                                                                 monkeypatch):
    portal, _resources = by_hand
    client = portal.client()
    before = modified(client, INCOMPLETE)
    result = run("adopt", f"{portal.url}/dataset/{INCOMPLETE}", "--portal",
                 portal.url, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "purpose" in result.output
    assert "the passport lacks: Legal basis and purpose of collection" in result.output
    report = json.loads(run("validate", INCOMPLETE, "--format", "json").stdout)
    assert [(m["code"], m["field"]) for m in report["metadata"]] == [
        ("metadata-placeholder", "purpose")]
    monkeypatch.setenv("OPENDATA_API_KEY", portal.key)
    result, plan = publish(portal, INCOMPLETE)
    assert result.exit_code == 1 and plan["datasets"][0]["action"] == "invalid"
    assert modified(client, INCOMPLETE) == before


def test_adopting_an_organization_pages_through_it_and_reruns_skip(project, by_hand,
                                                                   monkeypatch):
    portal, _resources = by_hand
    monkeypatch.setattr("opendata.portal.client.PAGE", 1)  # one dataset a request
    result = run("adopt", "--organization", ORG, "--portal", portal.url, "--format", "json")
    assert result.exit_code == 0, result.output
    adopted = json.loads(result.stdout)["datasets"]
    assert sorted(a["dataset"] for a in adopted if a["adopted"]) == sorted([COMPLETE,
                                                                            INCOMPLETE])
    again = json.loads(run("adopt", "--organization", ORG, "--portal", portal.url,
                           "--format", "json").stdout)["datasets"]
    assert [a["adopted"] for a in again] == [False, False]
    assert all("уже існує" in a["skipped"] for a in again)


def test_adopt_refuses_what_it_cannot_take(project, by_hand):
    portal, _resources = by_hand
    missing = run("adopt", "no-such-dataset", "--portal", portal.url, "--lang", "en")
    assert missing.exit_code == 2 and "no-such-dataset" in missing.stderr
    assert run("adopt", COMPLETE, "--portal", portal.url).exit_code == 0
    again = run("adopt", COMPLETE, "--portal", portal.url, "--lang", "en")
    assert again.exit_code == 2 and "already" in again.stderr
    assert not list((project / "datasets").glob(".*partial"))


def test_the_local_portal_lists_an_organization_page_by_page(by_hand):
    portal, _resources = by_hand
    client = portal.client()
    owner = client.action.organization_show(id=ORG)["id"]
    client.action.package_create(name="private-one", title="Приватний", private=True,
                                 **PASSPORT)
    pages = [client.action.package_search(fq=f'owner_org:"{owner}"', rows=1, start=start,
                                          sort="name asc") for start in (0, 1, 2)]
    assert [p["count"] for p in pages] == [2, 2, 2]  # private datasets are not public
    assert [d["name"] for p in pages for d in p["results"]] == sorted([COMPLETE, INCOMPLETE])
    mine = client.action.package_search(fq=f"owner_org:{owner}", include_private=True)
    assert mine["count"] == 3
    anonymous = portal.client(key="").action.package_search(
        fq=f"owner_org:{owner}", include_private=True)
    assert anonymous["count"] == 2
    assert client.action.package_search(q="петиції")["count"] == 1


class FakePortal:
    """Our client's interface, answering as a hostile portal might."""

    url, has_key = "http://portal.example", False

    def __init__(self, shown):
        self.shown = shown

    def dataset(self, name):
        return self.shown


@pytest.mark.parametrize("name", ["../evil", "a/b", ".."])
def test_a_dataset_name_from_the_portal_never_becomes_a_path(project, name):
    from opendata.history.log import PublicationLog
    from opendata.portal import adopt
    from opendata.project.config import find_project

    found = find_project()
    with pytest.raises(Exception) as raised:
        adopt.adopt_datasets(found, FakePortal({"name": name, "id": "x", "resources": []}),
                             PublicationLog(found.log_location), ["anything"])
    assert getattr(raised.value, "code", None) == "dataset-name-invalid"
    assert sorted(p.name for p in (project / "datasets").iterdir()) == [
        "nizhyn-council-decisions", "nizhyn-datasets-register",
        "nizhyn-public-budget-projects"]
