"""Importing the 835 standards' CSVW schemas fixes their known defects and says so."""

import json

import pytest

from opendata.check.schemas import import_csvw, load_schema
from opendata.errors import DefinitionError


def csvw(columns, primary_key="uid"):
    return {"context": {"@context": "http://www.w3.org/ns/csvw", "@language": "uk"},
            "tableSchema": {"columns": [
                {"name": name, "title": title, "description": "", "datatype": datatype,
                 "required": required} for name, title, datatype, required in columns]},
            "primaryKey": primary_key}


def test_defects_in_names_and_types_are_fixed_and_listed():
    descriptor, changes = import_csvw(csvw([
        ("uid ", "Ідентифікатор", "string", True),
        ("contactPoint\u2028Email", "Email", "string", True),
        ("votingAgainst\n", "Проти", "integer", False),
        ("isVersionOfІd", "Попередня версія", "string", False),  # Cyrillic І
        ("url", "Посилання", "anyURL", True),
        ("budget", "Бюджет", "decimal", True),
        ("currencyCode", "Валюта", "string", False),
        ("currencyCode", "Валюта", "string", False),
    ]))
    fields = descriptor["fields"]
    assert [f["name"] for f in fields] == ["uid", "contactPointEmail", "votingAgainst",
                                           "isVersionOfId", "url", "budget", "currencyCode",
                                           "currencyCode_2"]
    assert fields[4]["type"] == "string" and fields[4]["format"] == "uri"
    assert fields[5]["type"] == "number"
    assert fields[0]["constraints"] == {"required": True}
    assert descriptor["missingValues"] == ["", "null"]
    assert descriptor["primaryKey"] == ["uid"]
    codes = [code for code, _ in changes]
    assert codes.count("import-name-cleaned") == 3
    assert "import-name-latin" in codes and "import-name-duplicate" in codes
    assert ("import-datatype", {"field": "url", "old": "anyURL", "new": "string/uri"}) in changes
    assert not any(params.get("old") == "decimal" for _, params in changes)


@pytest.mark.parametrize("primary_key, expected, code", [
    ("uid", ["uId"], "import-primary-key-case"),       # annex 11: key "uid", field "uId"
    ("projectUid", [], "import-primary-key-reference"),  # annex 35 votings: a vote per row
    ("nothing", [], "import-primary-key-missing"),
])
def test_primary_keys_that_cannot_hold_are_fixed(primary_key, expected, code):
    columns = [("uId", "Ідентифікатор", "string", True),
               ("projectUid", "Проєкт", "string", True)]
    descriptor, changes = import_csvw(csvw(columns, primary_key))
    assert descriptor.get("primaryKey", []) == expected
    assert code in [c for c, _ in changes]


def test_a_csvw_file_is_accepted_wherever_a_schema_is(tmp_path):
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(csvw([("uid\t", "Ідентифікатор", "string", True)])),
                    encoding="utf-8")
    schema = load_schema(path)
    assert schema.field_names() == ["uid"]
    assert schema.fields[0].required and schema.primary_key == ["uid"]


@pytest.mark.parametrize("descriptor, reason", [
    ({"fields": []}, "non-empty"),
    ({"fields": [{"name": "a", "type": "text"}]}, "unknown type 'text'"),
    ({"fields": [{"name": "a"}, {"name": "a"}]}, "duplicate field names: a"),
    ({"fields": [{"name": "a", "constraints": {"pattern": "("}}]}, "does not compile"),
    ({"fields": [{"name": "a"}], "primaryKey": ["b"]}, "unknown fields: b"),
])
def test_broken_schemas_are_refused_with_the_reason(tmp_path, descriptor, reason):
    path = tmp_path / "bad.schema.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DefinitionError) as error:
        load_schema(path)
    assert reason in error.value.message("en")


def test_bundled_schemas_load():
    from pathlib import Path

    for path in sorted(Path(__file__).parent.parent.glob("schemas/*.schema.yaml")):
        assert load_schema(path).fields
