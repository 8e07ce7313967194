"""Benchmark: `opendata validate` against its peers — frictionless-py, pandera with the
polars backend, the same checks as one polars query, raw reads (Arrow, python-calamine).

Generates seeded files (300,000-, 1,000,000- and 3,000,000-row CSV, 100,000- and
1,000,000-row xlsx) against a 10-column schema with required, unique, enum,
minimum/maximum, date and number fields and a few hundred planted errors; times whole
processes, alternating, in one run; checks that every tool finds the same cells; prints
ratios and peak memory. pandera and polars run in their own environment (bench/peers.py).

    .venv/bin/python bench/validate.py [--repeat 3] [--skip-1m]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import yaml

from measure import PYTHON, python, report, run
from peers import ARROW_TEXT, PANDERA, POLARS, peers_python

DATA = Path(__file__).parent / "data"
SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True, "unique": True}},
        {"name": "code", "type": "string", "constraints": {"required": True,
                                                           "pattern": r"\d{8}"}},
        {"name": "name", "type": "string", "constraints": {"required": True, "maxLength": 40}},
        {"name": "kind", "type": "string",
         "constraints": {"enum": ["малий", "середній", "великий"]}},
        {"name": "amount", "type": "number", "constraints": {"minimum": 0,
                                                             "maximum": 1000000}},
        {"name": "count", "type": "integer", "constraints": {"minimum": 0, "maximum": 5000}},
        {"name": "date", "type": "date", "constraints": {"required": True}},
        {"name": "flag", "type": "boolean"},
        {"name": "share", "type": "number"},
        {"name": "note", "type": "string"},
    ],
    "missingValues": ["", "null"],
}
UNIQUE_TEXTS = {**SCHEMA, "fields": [
    {**f, "constraints": {**f["constraints"], "unique": True}} if f["name"] in ("code", "name")
    else f for f in SCHEMA["fields"]]}
BAD = {"id": ["x1", "1.5"], "code": ["1234567", "ABC"], "name": ["", "Я" * 41],
       "kind": ["величезний"], "amount": ["-5", "12,5", "2000000"], "count": ["багато", "-1"],
       "date": ["31.12.2021", "2021-02-30", ""], "flag": ["так"], "share": ["1/2"]}
KINDS = ["малий", "середній", "великий"]


def rows(count: int, seed: int = 835):
    rng = random.Random(seed)
    planted = {rng.randrange(count): rng.choice(list(BAD)) for _ in range(max(count // 1000, 300))}
    for n in range(1, count + 1):
        row = [str(n), f"{rng.randrange(10**8):08d}", f"Проєкт {n}", KINDS[n % 3],
               f"{rng.random() * 1e6:.2f}", str(rng.randrange(5000)),
               f"20{n % 25:02d}-{n % 12 + 1:02d}-{n % 28 + 1:02d}", ["true", "false"][n % 2],
               f"{rng.random():.4f}", "примітка"]
        field = planted.get(n - 1)
        if field:
            row[[f["name"] for f in SCHEMA["fields"]].index(field)] = rng.choice(BAD[field])
        if n % 50_000 == 0:
            row[0] = str(n - 1)  # a repeated id
        yield row


def generate(count: int) -> Path:
    path = DATA / f"validate-{count}.csv"
    if not path.exists():
        import csv

        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")  # "12,5" is quoted, as Excel does
            writer.writerow(f["name"] for f in SCHEMA["fields"])
            writer.writerows(rows(count))
    return path


def generate_stray_quote(count: int) -> Path:
    """The table of :func:`generate` with one unbalanced quote inside a value
    (`Монітор 24"`), which once made the record splitter quadratic."""
    path = DATA / f"validate-{count}-quote.csv"
    if not path.exists():
        import csv

        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(f["name"] for f in SCHEMA["fields"])
            for n, row in enumerate(rows(count)):
                if n == 10:
                    file.write(",".join(row[:-1] + ['Монітор 24"']) + "\n")
                else:
                    writer.writerow(row)
    return path


def generate_xlsx(count: int) -> Path:
    path = DATA / f"validate-{count}.xlsx"
    if not path.exists():
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("Дані")
        sheet.append(["Реєстр проєктів (тестовий)"])
        sheet.append([f["name"] for f in SCHEMA["fields"]])
        for row in rows(count):
            sheet.append(row)
        workbook.save(path)
    return path


OPENDATA_CELLS = """
import json, subprocess, sys
out = subprocess.run([sys.argv[1], 'validate', sys.argv[2], '--schema', sys.argv[3],
                      '--format', 'json', '--max-errors', '0'], capture_output=True, text=True)
errors = json.loads(out.stdout)['tables'][0]['errors']
print(json.dumps(sorted({(e['row'], e['field'] or '') for e in errors
                         if e['severity'] == 'error'})))
"""
FRICTIONLESS = """
import frictionless, sys, yaml
from pathlib import Path
p = Path(sys.argv[1])
r = frictionless.Resource(p.name, basepath=str(p.parent),
    schema=frictionless.Schema.from_descriptor(yaml.safe_load(open(sys.argv[2]))))
report = r.validate(limit_errors=10**9)
cells = set()
for e in report.tasks[0].errors:
    cells.add((e.row_number, 'id' if e.type == 'primary-key' else e.field_name or ''))
if len(sys.argv) > 3:
    import json; print(json.dumps(sorted(cells)))
"""
CALAMINE = ("import python_calamine, sys; "
            "python_calamine.CalamineWorkbook.from_path(sys.argv[1])"
            ".get_sheet_by_index(0).to_python()")


def cells_of(command: list[str]) -> list:
    import subprocess

    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"failed: {command[:3]}\n{done.stderr}")
    return sorted(map(tuple, json.loads(done.stdout)))


def same_findings(opendata: str, source: Path, schema: Path) -> dict[str, list]:
    """The failing cells each tool finds (all must find the same)."""
    peer = peers_python()
    return {"opendata": cells_of(python(OPENDATA_CELLS, opendata, str(source), str(schema))),
            "frictionless-py": cells_of(python(FRICTIONLESS, str(source), str(schema),
                                               "cells")),
            "pandera (polars)": cells_of([peer, "-c", PANDERA, str(source), "cells"]),
            "one polars query": cells_of([peer, "-c", POLARS, str(source), "cells"])}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-1m", action="store_true")
    options = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    schema = DATA / "validate.schema.yaml"
    schema.write_text(yaml.safe_dump(SCHEMA, allow_unicode=True), encoding="utf-8")
    opendata = str(Path(PYTHON).parent / "opendata")

    def ours(path):
        return [opendata, "validate", str(path), "--schema", str(schema), "--format", "json"]

    csv_300k = generate(300_000)
    found = same_findings(opendata, csv_300k, schema)
    agree = all(cells == found["opendata"] for cells in found.values())
    print(f"300,000-row CSV: {len(found['opendata'])} cells with errors; the same cells "
          f"found by {', '.join(found)}: {agree}")
    if not agree:
        raise SystemExit("the tools disagree: " + ", ".join(
            f"{name} {len(cells)}" for name, cells in found.items()))
    peer = peers_python()
    contenders = {
        "opendata validate": ours(csv_300k),
        "frictionless-py validate": python(FRICTIONLESS, str(csv_300k), str(schema)),
        "pandera (polars backend)": [peer, "-c", PANDERA, str(csv_300k)],
        "one polars query": [peer, "-c", POLARS, str(csv_300k)],
        "raw Arrow read, all text": python(ARROW_TEXT, str(csv_300k)),
    }
    results: dict[str, list] = {name: [] for name in contenders}
    for _ in range(options.repeat):  # alternating, so that the machine's moods are shared
        for name, command in contenders.items():
            results[name].append(run(command))
    report("CSV, 300,000 rows (whole process)", results, "opendata validate")

    plain, quoted = generate(200_000), generate_stray_quote(200_000)
    results = {"without a stray quote": [], "with one stray quote": []}
    for _ in range(options.repeat):
        results["without a stray quote"].append(run(ours(plain)))
        results["with one stray quote"].append(run(ours(quoted)))
    report("CSV, 200,000 rows, one stray quote (whole process)", results,
           "without a stray quote")

    xlsx = generate_xlsx(100_000)
    results = {"opendata validate": [], "raw python-calamine read": []}
    for _ in range(options.repeat):
        results["opendata validate"].append(run(ours(xlsx)))
        results["raw python-calamine read"].append(run(python(CALAMINE, str(xlsx))))
    report("xlsx, 100,000 rows (whole process)", results, "raw python-calamine read")

    if not options.skip_1m:
        csv_1m, csv_3m = generate(1_000_000), generate(3_000_000)
        results = {"opendata validate 300k": [], "opendata validate 1M": [],
                   "opendata validate 3M": []}
        for _ in range(max(1, options.repeat - 1)):
            results["opendata validate 300k"].append(run(ours(csv_300k)))
            results["opendata validate 1M"].append(run(ours(csv_1m)))
            results["opendata validate 3M"].append(run(ours(csv_3m)))
        # the same table where the code and the name must be unique too: repeated texts are
        # found by sorting every value at the end (a council's register of ЄДРПОУ codes)
        texts = DATA / "validate-unique-texts.schema.yaml"
        texts.write_text(yaml.safe_dump(UNIQUE_TEXTS, allow_unicode=True), encoding="utf-8")
        results["opendata validate 3M, unique texts"] = [
            run([opendata, "validate", str(csv_3m), "--schema", str(texts), "--format", "json"])
            for _ in range(max(1, options.repeat - 1))]
        report("Memory: does it grow with the file? (CSV; the goal: 3M under 300 MB)",
               results, "opendata validate 300k")
        xlsx_1m = generate_xlsx(1_000_000)
        results = {"opendata validate": [], "raw python-calamine read": []}
        for _ in range(max(1, options.repeat - 1)):
            results["opendata validate"].append(run(ours(xlsx_1m)))
            results["raw python-calamine read"].append(run(python(CALAMINE, str(xlsx_1m))))
        report("xlsx, 1,000,000 rows (the goal: validated under 1 GB)", results,
               "raw python-calamine read")

    help_runs = {"opendata --help": [run([opendata, "--help"]) for _ in range(5)]}
    report("Start-up", help_runs, "opendata --help")


if __name__ == "__main__":
    main()
