"""Codes councils publish (ЄДРПОУ, РНОКПП, IBAN, КАТОТТГ…) are found by their column and
checked for what they are, with no pattern written by hand."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opendata.build.infer import infer_schema
from opendata.check.codes import edrpou_valid, iban_valid, rnokpp_valid
from opendata.check.schemas import import_csvw, schema_from_descriptor
from opendata.check.validation import validate_file
from opendata.read.sheets import read_sheet

from .conftest import write_csv, write_workbook

# real, published codes: the register's own, and banks' IBANs
VALID_EDRPOU = ["04061783", "14360570", "00032129", "00032106", "32855961"]


def edrpou_check_digit(seven: str) -> str:
    """The official rule, written out plainly, as a second opinion for the vectorised one."""
    number = int(seven + "0")
    weights = [7, 1, 2, 3, 4, 5, 6] if 30000000 <= number <= 60000000 else [1, 2, 3, 4, 5,
                                                                            6, 7]
    remainder = sum(int(d) * w for d, w in zip(seven, weights)) % 11
    if remainder == 10:
        remainder = sum(int(d) * (w + 2) for d, w in zip(seven, weights)) % 11
        remainder = 0 if remainder == 10 else remainder
    return str(remainder)


def test_known_codes_hold_their_check_digits():
    assert edrpou_valid(VALID_EDRPOU).all()
    assert not edrpou_valid(["04061784", "14360571"]).any()
    assert iban_valid(["UA213223130000026007233566001"]).all()
    assert not iban_valid(["UA213223130000026007233566002"]).any()


@given(st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_the_edrpou_check_agrees_with_the_rule_written_out(seven):
    right = seven + edrpou_check_digit(seven)
    wrong = seven + str((int(right[-1]) + 1) % 10)
    assert edrpou_valid([right, wrong]).tolist() == [True, False]


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_the_rnokpp_check_agrees_with_the_rule_written_out(code):
    weights = [-1, 5, 7, 9, 4, 6, 10, 5, 7]
    expected = sum(int(d) * w for d, w in zip(code, weights)) % 11 % 10 == int(code[9])
    assert rnokpp_valid([code]).tolist() == [expected]


def standard(title: str = "Код ЄДРПОУ розпорядника") -> dict:
    """An 835 standard's CSVW: codes declared as plain strings, as the standards do."""
    return {"tableSchema": {"columns": [
        {"name": "name", "titles": "Назва", "datatype": "string"},
        {"name": "authorityId", "titles": title, "datatype": "string"}]}}


@pytest.mark.parametrize("title, pattern, code", [
    ("Код ЄДРПОУ розпорядника", r"\d{8}", "ЄДРПОУ"),
    ("РНОКПП фізичної особи", r"\d{10}", "РНОКПП"),
    ("Код ЄДРПОУ або РНОКПП", r"(\d{8}|\d{10})", "ЄДРПОУ / РНОКПП"),
    ("Код КАТОТТГ громади", r"UA\d{17}", "КАТОТТГ"), ("Рахунок IBAN", r"UA\d{27}", "IBAN")])
def test_importing_a_standard_gives_its_code_columns_their_pattern(title, pattern, code):
    descriptor, changes = import_csvw(standard(title))
    assert descriptor["fields"][1]["constraints"] == {"pattern": pattern}
    assert "pattern" not in descriptor["fields"][0].get("constraints", {})
    assert ("import-code-pattern", {"field": "authorityId", "pattern": pattern,
                                    "kind": code}) in changes
    from opendata import messages

    assert code in messages.render("import-code-pattern", "uk", **changes[0][1])


def test_lost_zeros_and_a_mistyped_digit_are_found_with_the_official_standard(tmp_path):
    descriptor, _ = import_csvw(standard())
    schema = schema_from_descriptor(descriptor, "standard")
    rows = [["Назва", "Код ЄДРПОУ розпорядника"], ["Ніжинська міська рада", 4061783],
            ["Приватбанк", "14360570"], ["Опечатка", "14360571"], ["Ощадбанк", "00032129"]]
    for path in (write_workbook(tmp_path / "codes.xlsx", rows),
                 write_csv(tmp_path / "codes.csv", rows)):
        report = validate_file(path, schema)
        assert [(f.code, f.cell, f.params) for f in report.findings] == [
            ("leading-zeros-lost", "B2", {"suggestion": "04061783"}),
            ("checksum", "B4", {"kind": "ЄДРПОУ"})], path
        said = [f.message("en") for f in report.findings]
        assert "The check digit of the ЄДРПОУ code does not match" in said[1]


def test_new_infers_a_code_column_by_its_title_whatever_its_values(tmp_path):
    """Excel dropped the zeros of some codes (7 digits) and not others (8): by its title it
    is a code all the same, and the schema it writes finds the lost zeros."""
    codes = random.Random(5).sample(VALID_EDRPOU, 5)
    rows = [["Назва", "Код ЄДРПОУ"], *[[f"Установа {n}", int(c)] for n, c in enumerate(codes)]]
    path = write_workbook(tmp_path / "codes.xlsx", rows)
    descriptor, _title = infer_schema(read_sheet(path))
    field = descriptor["fields"][1]
    assert (field["type"], field["constraints"]["pattern"]) == ("string", r"\d{8}")
    report = validate_file(path, schema_from_descriptor(descriptor, "inferred"))
    lost = {f.cell: f.params["suggestion"] for f in report.findings
            if f.code == "leading-zeros-lost"}
    assert lost == {f"B{n + 2}": c for n, c in enumerate(codes) if c.startswith("0")}


def test_every_leading_zero_excel_ate_is_restored_and_two_readings_are_not_guessed():
    """Found by the property test of opendata fix: «1» for ЄДРПОУ 00000001 was not seen as
    a code that lost its zeros (only one to three were tried); and a code that fits with
    two numbers of zeros (8 or 10 digits) must not be completed by a guess."""
    from opendata.check.cells import restored_zeros

    assert restored_zeros(r"\d{8}", "1") == "00000001"
    assert restored_zeros(r"\d{8}", "4061783") == "04061783"
    assert restored_zeros(r"\d{8}|\d{10}", "4061783") is None
    assert restored_zeros(r"\d{8}", "12345678") is None  # nothing lost
