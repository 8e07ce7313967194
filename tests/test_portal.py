"""The local portal behaves like data.gov.ua where publishing depends on it."""

import io

import ckanapi
import pytest
import requests

pytestmark = pytest.mark.portal

ORGANIZATION = "nizhynska-miska-rada"
COMPLETE = {
    "name": "nizhyn-test-dataset", "title": "Тестовий набір", "notes": "Опис набору.",
    "tag_string": "бюджет,проєкти", "owner_org": ORGANIZATION,
    "purpose_of_collecting_information": "Постанова КМУ № 835.",
    "update_frequency": "once a year", "language": "ua",
    "maintainer": "Іваненко Олена Петрівна", "maintainer_email": "opendata@example.gov.ua",
    "license_id": "cc-by",
}


def test_the_printed_key_works_raw_in_the_authorization_header(clean_portal):
    response = requests.post(f"{clean_portal.url}/api/3/action/organization_show",
                             json={"id": ORGANIZATION, "include_users": True},
                             headers={"Authorization": clean_portal.key}, timeout=30)
    assert response.status_code == 200
    assert sorted((u["name"], u["capacity"]) for u in response.json()["result"]["users"]) == [
        ("admin", "admin"), ("editor", "editor")]
    assert clean_portal.client().action.organization_show(id=ORGANIZATION)["name"] == (
        ORGANIZATION)


def test_a_wrong_key_is_refused(clean_portal):
    with pytest.raises(ckanapi.NotAuthorized):
        clean_portal.client("not-a-key").action.package_create(**COMPLETE)


def test_missing_passport_fields_are_refused_by_name(clean_portal):
    incomplete = {k: v for k, v in COMPLETE.items() if k not in (
        "purpose_of_collecting_information", "update_frequency", "language", "tag_string")}
    with pytest.raises(ckanapi.ValidationError) as error:
        clean_portal.client().action.package_create(**incomplete)
    assert {"purpose_of_collecting_information", "update_frequency", "language",
            "tag_string"} <= set(error.value.error_dict)


def test_unknown_frequency_and_long_purpose_are_refused(clean_portal):
    with pytest.raises(ckanapi.ValidationError) as error:
        clean_portal.client().action.package_create(**{
            **COMPLETE, "update_frequency": "sometimes",
            "purpose_of_collecting_information": "я" * 513})
    errors = error.value.error_dict
    assert "once a quarter" in errors["update_frequency"][0]
    assert "512" in errors["purpose_of_collecting_information"][0]
    assert set(errors) - {"__type"} == {"update_frequency", "purpose_of_collecting_information"}


def test_a_complete_dataset_with_an_upload_downloads_byte_identical(clean_portal):
    client = clean_portal.client()
    dataset = client.action.package_create(**{**COMPLETE,
                                              "purpose_of_collecting_information": "я" * 512})
    for key in ("purpose_of_collecting_information", "update_frequency", "language"):
        assert dataset[key] == {**COMPLETE, "purpose_of_collecting_information": "я" * 512}[key]
    content = "uid,назва\n2022-01,Сквер «Ювілейний»\n".encode()
    resource = client.action.resource_create(package_id=dataset["id"], name="projects",
                                             format="CSV", hash="sha256:0123",
                                             upload=("projects.csv", io.BytesIO(content)))
    assert resource["hash"] == "sha256:0123"
    clean_portal.moderate()  # public: anyone may download it
    assert requests.get(resource["url"], timeout=30).content == content
    shown = client.action.package_show(id=COMPLETE["name"])
    assert [r["id"] for r in shown["resources"]] == [resource["id"]]


def test_search_finds_what_was_saved_and_forgets_what_was_deleted(clean_portal):
    client = clean_portal.client()
    client.action.package_create(**COMPLETE)
    clean_portal.moderate()
    assert [d["name"] for d in client.action.package_search(q="*:*")["results"]] == [
        COMPLETE["name"]]
    [organization] = client.action.organization_list(all_fields=True)
    assert (organization["name"], organization["package_count"]) == (ORGANIZATION, 1)
    client.action.package_delete(id=COMPLETE["name"])
    assert client.action.package_search(q="*:*")["count"] == 0


def test_reset_keeps_the_organization_and_the_key(clean_portal):
    portal = clean_portal
    client = portal.client()
    client.action.package_create(**COMPLETE)
    portal.reset()
    with pytest.raises(ckanapi.NotFound):
        client.action.package_show(id=COMPLETE["name"])
    assert client.action.organization_show(id=ORGANIZATION)["name"] == ORGANIZATION
