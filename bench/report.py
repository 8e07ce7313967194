"""Benchmark: writing the reports of a 100,000-row table with 1,000 findings, against
validation alone, in one run (whole processes, alternating). Also the HTML report's size.

    .venv/bin/python bench/report.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

from measure import PYTHON, report, run
from validate import BAD, DATA, SCHEMA, rows

ROWS, FINDINGS = 100_000, 1_000


def generate() -> Path:
    """The validate benchmark's table, with 1,000 planted errors instead of 300."""
    path = DATA / f"report-{ROWS}.xlsx"
    if not path.exists():
        import openpyxl

        rng = random.Random(1000)
        names = [f["name"] for f in SCHEMA["fields"]]
        planted = {rng.randrange(ROWS): rng.choice(list(BAD)) for _ in range(FINDINGS)}
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("Дані")
        sheet.append(["Реєстр проєктів (тестовий)"])
        sheet.append(names)
        for n, row in enumerate(rows(ROWS)):
            field = planted.get(n)
            if field:
                row[names.index(field)] = rng.choice(BAD[field])
            sheet.append(row)
        workbook.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    schema = DATA / "validate.schema.yaml"
    schema.write_text(yaml.safe_dump(SCHEMA, allow_unicode=True), encoding="utf-8")
    opendata = str(Path(PYTHON).parent / "opendata")
    source = generate()

    def validate(*extra):
        return [opendata, "validate", str(source), "--schema", str(schema),
                "--max-errors", "0", *extra]

    results: dict[str, list] = {"validate": [], "validate --report .xlsx": [],
                                "validate --report .html": []}
    for _ in range(options.repeat):
        results["validate"].append(run(validate()))
        results["validate --report .xlsx"].append(run(validate("--report",
                                                               str(DATA / "report.xlsx"))))
        results["validate --report .html"].append(run(validate("--report",
                                                               str(DATA / "report.html"))))
    report(f"xlsx, {ROWS:,} rows, about {FINDINGS:,} findings (whole process)", results,
           "validate")
    size = (DATA / "report.html").stat().st_size
    print(f"\n  HTML report: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
