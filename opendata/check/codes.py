"""The codes councils publish, recognised by their column and checked for what they are.

A column is a code by its field's name or title (ЄДРПОУ, РНОКПП, КАТОТТГ, КОАТУУ, IBAN):
the 835 standards declare such columns as plain strings, so without this nobody would notice
a code whose leading zeros Excel dropped. A recognised code gets the pattern of its length
and digits (written into the schema, so that any Table Schema tool checks that part), and
its check digit is verified where the code has one:

- ЄДРПОУ: 8 digits; the check digit of the Unified State Register (weights 1–7, or 7, 1–6
  for codes from 30000000 to 60000000; a remainder of 10 is computed again with weights
  raised by 2), as the State Statistics Service publishes it;
- РНОКПП (ІПН): 10 digits; the 10th is Σ(dᵢ·wᵢ) mod 11 mod 10 over the first nine, weights
  −1, 5, 7, 9, 4, 6, 10, 5, 7 (the State Tax Service's rule);
- IBAN: UA and 27 digits; ISO 13616 (mod 97 = 1);
- КАТОТТГ: UA and 17 digits; КОАТУУ: 10 digits (length and digits only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Code:
    kind: str  # edrpou | rnokpp | iban | katottg | koatuu
    label: str  # how people call it, for messages
    pattern: str
    by_title: re.Pattern
    by_name: re.Pattern


CODES = (
    Code("edrpou", "ЄДРПОУ", r"\d{8}", re.compile(r"єдрпоу|edrpou|ідентифікаційний код "
                                                  r"юридичної", re.IGNORECASE),
         re.compile(r"edrpou", re.IGNORECASE)),
    Code("rnokpp", "РНОКПП", r"\d{10}", re.compile(r"рнокпп|\bіпн\b|реєстраційний номер "
                                                   r"облікової картки", re.IGNORECASE),
         re.compile(r"rnokpp|\bipn\b|^drfo", re.IGNORECASE)),
    Code("katottg", "КАТОТТГ", r"UA\d{17}", re.compile(r"катоттг|katottg", re.IGNORECASE),
         re.compile(r"katottg", re.IGNORECASE)),
    Code("koatuu", "КОАТУУ", r"\d{10}", re.compile(r"коатуу|koatuu", re.IGNORECASE),
         re.compile(r"koatuu", re.IGNORECASE)),
    Code("iban", "IBAN", r"UA\d{27}", re.compile(r"\biban\b", re.IGNORECASE),
         re.compile(r"iban", re.IGNORECASE)),
)


def codes_of(name: str, title: str) -> list[Code]:
    """The codes a column holds by its name and title; "ЄДРПОУ або РНОКПП" holds two."""
    return [c for c in CODES if c.by_title.search(title or "") or c.by_name.search(name or "")]


def pattern_of(codes: list[Code]) -> str | None:
    """The pattern of a column of these codes, or None if they are none."""
    patterns = list(dict.fromkeys(c.pattern for c in codes))
    if not patterns:
        return None
    return patterns[0] if len(patterns) == 1 else "(" + "|".join(patterns) + ")"


def with_code_patterns(fields: list[dict]) -> list[tuple[str, dict]]:
    """Give each text field recognised as a code its pattern (when it has none); the
    changes made, as message codes with their parameters."""
    changes = []
    for field in fields:
        codes = codes_of(str(field.get("name", "")), str(field.get("title", "")))
        pattern = pattern_of(codes)
        constraints = field.get("constraints") or {}
        if pattern is None or field.get("type", "string") != "string" or \
                "pattern" in constraints:
            continue
        field["constraints"] = {**constraints, "pattern": pattern}
        changes.append(("import-code-pattern", {"field": field["name"], "pattern": pattern,
                                                "kind": " / ".join(c.label for c in codes)}))
    return changes


def digits_of(values: list[str], length: int) -> np.ndarray:
    """The digits of equally long digit strings as a matrix (one row a value)."""
    raw = np.frombuffer("".join(values).encode("ascii"), dtype=np.uint8)
    return (raw.reshape(len(values), length) - ord("0")).astype(np.int64)


EDRPOU_LOW = np.array([1, 2, 3, 4, 5, 6, 7])
EDRPOU_HIGH = np.array([7, 1, 2, 3, 4, 5, 6])
RNOKPP = np.array([-1, 5, 7, 9, 4, 6, 10, 5, 7])


def edrpou_valid(values: list[str]) -> np.ndarray:
    d = digits_of(values, 8)
    number = d @ (10 ** np.arange(7, -1, -1))
    weights = np.where(((number >= 30000000) & (number <= 60000000))[:, None], EDRPOU_HIGH,
                       EDRPOU_LOW)
    check = (d[:, :7] * weights).sum(axis=1) % 11
    again = (d[:, :7] * (weights + 2)).sum(axis=1) % 11
    check = np.where(check == 10, np.where(again == 10, 0, again), check)
    return check == d[:, 7]


def rnokpp_valid(values: list[str]) -> np.ndarray:
    d = digits_of(values, 10)
    return (d[:, :9] @ RNOKPP) % 11 % 10 == d[:, 9]


def iban_valid(values: list[str]) -> np.ndarray:
    def mod97(iban: str) -> int:
        moved = iban[4:] + iban[:4]
        return int("".join(str(int(ch, 36)) for ch in moved)) % 97

    return np.array([mod97(v) == 1 for v in values], dtype=bool)


CHECKS = {"edrpou": (r"^\d{8}$", edrpou_valid), "rnokpp": (r"^\d{10}$", rnokpp_valid),
          "iban": (r"^UA\d{27}$", iban_valid)}


def checksum_failures(codes: list[Code], texts) -> list[tuple[Code, np.ndarray]]:
    """For each code of the column that has a check digit: which values of its shape fail
    it (values of no code's shape are the pattern's business). ``texts``: an Arrow array."""
    import pyarrow.compute as pc

    found = []
    for code in codes:
        if code.kind not in CHECKS:
            continue
        shape, valid = CHECKS[code.kind]
        matching = np.asarray(pc.fill_null(pc.match_substring_regex(texts, shape), False)
                              .to_numpy(zero_copy_only=False), dtype=bool)
        at = np.flatnonzero(matching)
        if len(at):
            failed = np.zeros(len(texts), dtype=bool)
            failed[at[~valid(texts.filter(matching).to_pylist())]] = True
            found.append((code, failed))
    return found
