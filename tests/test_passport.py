"""A dataset's passport is checked against data.gov.ua's rules before anything is sent."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from opendata.project import datagovua
from opendata.project.datagovua import check_column_names, check_passport, frequency_value

PASSPORT = {
    "title": "Громадський бюджет — проєкти",
    "description": "Проєкти громадського бюджету та їх стан.",
    "keywords": ["громадський бюджет", "проєкти"],
    "organization": "nizhynska-miska-rada",
    "purpose": "Положення про громадський бюджет; постанова КМУ № 835.",
    "update_frequency": "once a year",
    "language": "uk",
    "maintainer": {"name": "Іваненко Олена Петрівна", "email": "opendata@example.gov.ua"},
    "licenses": [{"name": "cc-by"}],
}


def codes(passport, name="nizhyn-public-budget"):
    return {(f.field, f.code) for f in check_passport(name, passport)}


def test_a_complete_passport_passes():
    assert codes(PASSPORT) == set()


@pytest.mark.parametrize("field", ["title", "description", "keywords", "organization",
                                   "purpose", "update_frequency", "language"])
def test_each_required_field_is_named_when_missing(field):
    passport = {k: v for k, v in PASSPORT.items() if k != field}
    assert codes(passport) == {(field, "metadata-required")}


def test_responsible_person_is_required():
    assert codes({**PASSPORT, "maintainer": {"name": "Іваненко О. П."}}) == {
        ("maintainer.email", "metadata-required")}


@pytest.mark.parametrize("field, limit", [("title", 254), ("description", 4000),
                                          ("purpose", 512)])
def test_length_limits(field, limit):
    assert codes({**PASSPORT, field: "я" * limit}) == set()
    assert codes({**PASSPORT, field: "я" * (limit + 1)}) == {(field, "metadata-too-long")}


@pytest.mark.parametrize("value", ["once a year", "Щороку", "щороку", "ONCE A MONTH",
                                   "Більш як один раз на день"])
def test_frequency_as_value_or_ukrainian_label(value):
    assert codes({**PASSPORT, "update_frequency": value}) == set()


def test_unknown_frequency_lists_the_allowed_ones():
    [finding] = check_passport("x-y", {**PASSPORT, "update_frequency": "sometimes"})
    assert finding.code == "metadata-frequency"
    assert "«Щокварталу»" in finding.message("uk")
    assert frequency_value("Щокварталу") == "once a quarter"


@pytest.mark.parametrize("keyword", ["ім'я", "«бюджет»", "a", "x" * 101, "бюджет/2022"])
def test_keywords_the_portal_refuses(keyword):
    assert codes({**PASSPORT, "keywords": ["бюджет", keyword]}) == {("keywords",
                                                                    "metadata-keyword")}


@pytest.mark.parametrize("passport, finding", [
    ({**PASSPORT, "language": "ukr"}, ("language", "metadata-language")),
    ({**PASSPORT, "maintainer": {"name": "О. П.", "email": "opendata.gov.ua"}},
     ("maintainer.email", "metadata-email")),
    ({**PASSPORT, "licenses": [{"name": "cc-by-4"}]}, ("license", "metadata-license")),
    ({**PASSPORT, "purpose": "TODO: підстава збору"}, ("purpose", "metadata-placeholder")),
])
def test_wrong_values(passport, finding):
    assert codes(passport) == {finding}


@pytest.mark.parametrize("name", ["Nizhyn-Budget", "громадський-бюджет", "a", "x" * 101,
                                  "nizhyn budget"])
def test_dataset_name_must_be_a_portal_slug(name):
    assert codes(PASSPORT, name) == {("name", "metadata-name")}


def test_long_cyrillic_column_names_warn_about_the_datastore():
    short = "Код ЄДРПОУ"
    long = "Загальна кількість осіб, які проголосували"  # 42 letters, 80 bytes
    [warning] = check_column_names("x", ["uid", short, long])
    assert warning.severity == "warning" and warning.field == long


def test_keywords_may_be_one_comma_separated_line():
    assert codes({**PASSPORT, "keywords": "громадський бюджет, проєкти"}) == set()
    from opendata.project.datagovua import package_dict

    package = package_dict("x-y", {**PASSPORT, "keywords": "громадський бюджет, проєкти"})
    assert package["tag_string"] == "громадський бюджет,проєкти"


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]) | st.sampled_from(
    [" ", "\n", "\t", "’"]), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(title=TEXT, notes=TEXT, purpose=TEXT, maintainer=TEXT,
       tags=st.lists(st.from_regex(r"[а-яa-z0-9][а-яa-z0-9 .-]{1,20}[а-яa-z0-9]",
                                   fullmatch=True), min_size=1, max_size=4, unique=True),
       frequency=st.sampled_from(sorted(datagovua.FREQUENCIES)),
       language=st.sampled_from(["ua", "en", "ru"]), license_id=st.sampled_from(["cc-by",
                                                                                  "cc-zero"]))
def test_a_passport_adopted_from_the_portal_publishes_no_change(title, notes, purpose,
                                                               maintainer, tags, frequency,
                                                               language, license_id):
    """adopt writes the portal's passport so that publish finds nothing to change."""
    shown = {"name": "x-1", "title": title, "notes": notes, "tags": [{"name": t} for t in tags],
             "organization": {"name": "rada"}, "purpose_of_collecting_information": purpose,
             "update_frequency": frequency, "language": language, "maintainer": maintainer,
             "maintainer_email": "a@b.ua", "license_id": license_id, "private": False}
    passport = datagovua.normalised_passport(
        {"organization": "rada", **datagovua.passport_from_portal(shown, "rada")})
    assume(not any(f.severity == "error" for f in datagovua.check_passport("x-1", passport)))
    package = datagovua.package_dict("x-1", passport)
    assert datagovua.package_changes(package, shown) == {}


def test_whitespace_the_portal_keeps_is_no_passport_change():
    """Found by the round-trip property: a maintainer of " " on the portal was a change, and
    publish right after adopt would have sent it."""
    shown = {"name": "x-1", "title": "Рішення  ради ", "notes": "Опис\n",
             "tags": [{"name": "рішення"}], "organization": {"name": "rada"},
             "purpose_of_collecting_information": "Постанова № 835",
             "update_frequency": "once a month", "language": "ua", "maintainer": " ",
             "maintainer_email": "a@b.ua", "license_id": "cc-by", "private": False}
    passport = {"organization": "rada", **datagovua.passport_from_portal(shown, "rada")}
    package = datagovua.package_dict("x-1", datagovua.normalised_passport(passport))
    assert datagovua.package_changes(package, shown) == {}


def test_what_people_write_by_hand_is_forgiven_or_said_with_its_line(project):
    """Keywords on one line or in one list item, separated by commas or semicolons, are
    split; a colon in an unquoted title is said with its line and the fix."""
    import json

    from .conftest import run

    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    text = path.read_text(encoding="utf-8")
    keywords = "keywords: [рішення, нормативні акти, міська рада, виконавчий комітет]"
    path.write_text(text.replace(keywords, "keywords:\n  - рішення; нормативні акти, сесія"),
                    encoding="utf-8")
    report = json.loads(run("validate", "nizhyn-council-decisions", "--format", "json").stdout)
    assert report["metadata"] == []
    path.write_text(text.replace("title: Перелік рішень", "title: Перелік: рішень"),
                    encoding="utf-8")
    result = run("validate", "nizhyn-council-decisions")
    assert result.exit_code == 2
    assert "datapackage.yaml, рядок 3: значення з двокрапкою" in result.stderr
    assert "візьміть у лапки" in result.stderr and "mapping values" not in result.stderr


def test_python_dash_m_opendata_runs_the_command():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "opendata", "--version"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("opendata, version")


def test_a_keyword_written_as_a_number_is_checked_not_a_crash(project):
    """keywords: [2024, бюджет] — YAML reads 2024 as a number. Found reading the change
    again: splitting keywords at commas took every item for text."""
    from .conftest import run

    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(
        "keywords: [рішення, нормативні акти, міська рада, виконавчий комітет]",
        "keywords: [2024, рішення; сесія]"), encoding="utf-8")
    result = run("validate", "nizhyn-council-decisions")
    assert result.exit_code == 0, result.output
