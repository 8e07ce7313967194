"""The peers opendata is measured against, each in its own process: pandera with the polars
backend (in its own virtual environment, bench/.peers, made on first use: pandera is no
dependency of opendata), the same checks as one polars query, and raw reads.

Every peer is given the checks of bench/validate.py's schema and prints, when asked, the
cells it finds failing as [row, field] pairs, so that bench/validate.py can check that all
find the same cells.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PEERS = Path(__file__).parent / ".peers"
PEERS_PYTHON = PEERS / "bin" / "python"
PACKAGES = ["pandera[polars]==0.35.*", "polars>=1.20"]


def peers_python() -> str:
    """The peers' interpreter; the environment is made (once) if it is not there."""
    if not PEERS_PYTHON.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        subprocess.run([str(PEERS_PYTHON), "-m", "pip", "install", "--quiet", *PACKAGES],
                       check=True)
    return str(PEERS_PYTHON)


# The schema's checks, on columns read as text (as opendata and frictionless read a CSV):
# the same type rules (integers and numbers as plain decimal text, ISO dates, the Table
# Schema's true/false values), required, unique (a repeat is the later row, as
# frictionless reports it), pattern, maxLength, enum, minimum and maximum.
CHECKS = r'''
import polars as pl

INTEGER = r"^[+-]?\d+$"
NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,2})?$"
DATE = r"^\d{4}-\d{2}-\d{2}$"
BOOLEANS = ["true", "True", "TRUE", "1", "false", "False", "FALSE", "0"]


def number_between(column, low, high, pattern=NUMBER):
    value = pl.col(column).cast(pl.Float64, strict=False)
    return pl.col(column).str.contains(pattern) & value.is_between(low, high)


def a_date(column):
    return pl.col(column).str.contains(DATE) & \
        pl.col(column).str.strptime(pl.Date, "%Y-%m-%d", strict=False).is_not_null()


RULES = {  # column → (required, the check of a present value)
    "id": (True, pl.col("id").str.contains(INTEGER) & pl.col("id").is_first_distinct()),
    "code": (True, pl.col("code").str.contains(r"^\d{8}$")),
    "name": (True, pl.col("name").str.len_chars() <= 40),
    "kind": (False, pl.col("kind").is_in(["малий", "середній", "великий"])),
    "amount": (False, number_between("amount", 0, 1_000_000)),
    "count": (False, number_between("count", 0, 5000, INTEGER)),
    "date": (True, a_date("date")),
    "flag": (False, pl.col("flag").is_in(BOOLEANS)),
    "share": (False, pl.col("share").str.contains(NUMBER)),
    "note": (False, pl.lit(True)),
}
'''

PANDERA = CHECKS + r'''
import json, sys
import pandera.polars as pa

def check(column, rule):
    return pa.Check(lambda data: data.lazyframe.select(rule.fill_null(False)),
                    name=column)

schema = pa.DataFrameSchema({
    column: pa.Column(pl.String, nullable=not required, checks=[check(column, rule)])
    for column, (required, rule) in RULES.items()})
frame = pl.read_csv(sys.argv[1], infer_schema=False)
cells = set()
try:
    schema.validate(frame, lazy=True)
except pa.errors.SchemaErrors as errors:
    for case in errors.failure_cases.iter_rows(named=True):
        if case["index"] is not None:
            cells.add((case["index"] + 2, case["column"]))
if len(sys.argv) > 2:
    print(json.dumps(sorted(cells)))
'''

POLARS = CHECKS + r'''
import json, sys
frame = pl.scan_csv(sys.argv[1], infer_schema=False).with_row_index("row", 2)
failing = frame.select("row", *[
    (~(rule.fill_null(False) if not required else (pl.col(c).is_not_null() &
                                                   rule.fill_null(False)))
     & (pl.col(c).is_not_null() | required)).alias(c)
    for c, (required, rule) in RULES.items()]).filter(pl.any_horizontal(pl.exclude("row")))
cells = {(row[0], c) for row in failing.collect().iter_rows()
         for c, bad in zip(RULES, row[1:]) if bad}
if len(sys.argv) > 2:
    print(json.dumps(sorted(cells)))
'''

ARROW_TEXT = r"""
import sys
import pyarrow as pa, pyarrow.csv as c
names = open(sys.argv[1], encoding="utf-8").readline().strip().split(",")
c.read_csv(sys.argv[1], convert_options=c.ConvertOptions(
    column_types={n: pa.string() for n in names}, check_utf8=True))
"""
