"""Benchmark: convert a seeded 1,000,000-row CSV with `opendata convert`, against the
alternatives, alternating runs in one session. Prints time, peak memory and ratios.

    .venv/bin/python bench/convert_csv.py [--rows 1000000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

from measure import python, report, run

DATA = Path(__file__).parent / "data"
SCHEMA = {"fields": [
    {"name": "id", "type": "integer"},
    {"name": "code", "type": "string", "constraints": {"required": True, "pattern": r"\d{8}"}},
    {"name": "name", "type": "string", "constraints": {"required": True}},
    {"name": "amount", "type": "number", "constraints": {"minimum": 0}},
    {"name": "count", "type": "integer", "constraints": {"minimum": 0, "maximum": 1000}},
    {"name": "date", "type": "date"},
    {"name": "kind", "type": "string", "constraints": {"enum": ["малий", "середній", "великий"]}},
    {"name": "flag", "type": "boolean"},
    {"name": "title", "type": "string", "constraints": {"maxLength": 60}},
    {"name": "note", "type": "string"},
]}


def generate(rows: int) -> tuple[Path, Path]:
    DATA.mkdir(exist_ok=True)
    schema = DATA / "convert.schema.yaml"
    schema.write_text(yaml.safe_dump(SCHEMA, allow_unicode=True), encoding="utf-8")
    path = DATA / f"convert-{rows}.csv"
    if not path.exists():
        rng = random.Random(835)
        kinds = ["малий", "середній", "великий"]
        with path.open("w", encoding="cp1251", newline="") as file:  # as councils save it
            file.write(";".join(f["name"] for f in SCHEMA["fields"]) + "\r\n")
            for n in range(1, rows + 1):
                file.write(f"{n};{rng.randrange(10**8):08d};Проєкт {n};{rng.random() * 1e6:.2f};"
                           f"{rng.randrange(1000)};2021-{n % 12 + 1:02d}-{n % 28 + 1:02d};"
                           f"{kinds[n % 3]};{'true' if n % 2 else 'false'};Назва {n % 977};"
                           f"примітка\r\n")
    return path, schema


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--frictionless", action=argparse.BooleanOptionalAction, default=True)
    options = parser.parse_args()
    source, schema = generate(options.rows)
    out = DATA / "out.csv"
    commands = {
        "opendata convert": ["opendata", "convert", str(source), "--schema", str(schema),
                             "-o", str(out)],
        "raw csv copy (no checks)": python(
            "import csv,sys; w=csv.writer(open(sys.argv[2],'w',encoding='utf-8'));"
            "[w.writerow(r) for r in csv.reader(open(sys.argv[1],encoding='cp1251'),"
            "delimiter=';')]", str(source), str(out)),
        "pyarrow read_csv+write_csv (no checks)": python(
            "import sys; from pyarrow import csv; csv.write_csv(csv.read_csv(sys.argv[1],"
            "read_options=csv.ReadOptions(encoding='cp1251'),"
            "parse_options=csv.ParseOptions(delimiter=';')), sys.argv[2])",
            str(source), str(out)),
    }
    if options.frictionless:
        commands["frictionless-py (typed write)"] = python(
            "import frictionless,sys,yaml; from pathlib import Path; p=Path(sys.argv[1]);"
            "r=frictionless.Resource(p.name,basepath=str(p.parent),"
            "schema=frictionless.Schema.from_descriptor(yaml.safe_load(open(sys.argv[3]))),"
            "dialect=frictionless.Dialect.from_descriptor({'csv':{'delimiter':';'}}),"
            "encoding='cp1251'); r.write(sys.argv[2])", str(source), str(out), str(schema))
    results = {name: [] for name in commands}
    for _ in range(options.repeat):
        for name, command in commands.items():  # alternating, so load affects all alike
            results[name].append(run(command))
    report(f"Converting {options.rows:,} rows (cp1251 ';' CSV → UTF-8 CSV), "
           f"best of {options.repeat}", results, "opendata convert")


if __name__ == "__main__":
    main()
