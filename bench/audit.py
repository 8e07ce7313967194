"""``opendata audit`` at an oblast's scale, on the local portal.

    scripts/dev-portal up && .venv/bin/python bench/audit.py [--datasets 2000]
        [--organizations 20] [--files 500] [--rate 1000]

Seeds DATASETS datasets across ORGANIZATIONS organizations (each with a link resource;
every third one overdue; FILES of them with a small uploaded CSV or xlsx), then audits:
  1. two organizations, then all of them: requests, wall time, peak memory (memory must not
     grow with the number of datasets);
  2. all of them with --files: the first run downloads every table, the rerun none.
The standards come from ../shared/standards/835 (OPENDATA_CACHE is a temporary folder).
Run `scripts/dev-portal reset` afterwards to empty the portal.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
OPENDATA = str(Path(sys.executable).parent / "opendata")
MIRROR = ROOT.parent / "shared" / "standards" / "835"
LEGAL_ACTS = MIRROR / "annex-09" / "legalActs" / "example.xlsx"
AUDIT = """
import datetime as dt, json, sys
from opendata.audit import inventory
from opendata.portal.client import Portal
found = inventory.audit(Portal(sys.argv[1], ""), sys.argv[3].split(","), dt.date.today(),
                        files=sys.argv[2] == "files", rate=float(sys.argv[4]))
print(json.dumps({"datasets": len(found.datasets), "requests": found.requests,
                  "downloaded": found.downloaded, "cached": found.cached,
                  "summary": found.summary}))
"""


def portal() -> tuple[str, str]:
    lines = subprocess.run([str(ROOT / "scripts" / "dev-portal"), "up"], check=True,
                           capture_output=True, text=True).stdout.splitlines()
    env = dict(line.split("=", 1) for line in lines if "=" in line)
    return env["OPENDATA_URL"], env["OPENDATA_API_KEY"]


def action(session: requests.Session, url: str, verb: str, files=None, **data) -> dict:
    answer = session.post(f"{url}/api/3/action/{verb}", data=data if files else None,
                          json=None if files else data, files=files, timeout=120)
    answer.raise_for_status()
    return answer.json()["result"]


def seed(url: str, key: str, datasets: int, organizations: int, files: int,
         cache: str) -> list[str]:
    session = requests.Session()
    session.headers["Authorization"] = key
    names = [f"bench-org-{n:02d}" for n in range(1, organizations + 1)]
    for name in names:
        try:
            action(session, url, "organization_create", name=name, title=name)
        except requests.HTTPError:
            pass  # seeded before
    csv_file = Path(cache) / "acts.csv"  # the same acts as a CSV
    subprocess.run([OPENDATA, "convert", str(LEGAL_ACTS), "--schema", "annex-09/legalActs",
                    "-o", str(csv_file)], check=True, capture_output=True,
                   env={**os.environ, "OPENDATA_CACHE": cache})

    def one(number: int) -> None:
        name = f"bench-{number:05d}"
        action(session, url, "package_create", name=name, title=f"Набір {number}",
               owner_org=names[number % organizations], notes="Опис набору",
               tag_string="тест", purpose_of_collecting_information="Постанова № 835",
               update_frequency="once a month" if number % 3 else "once a year",
               language="ua", maintainer="Іваненко", maintainer_email="a@example.gov.ua",
               resources=[{"name": "Посилання",
                           "url": f"{url}/api/3/action/status_show?of={number}",
                           **({"last_modified": "2024-01-01T00:00:00"} if number % 3 == 0
                              else {})}])
        if number < files:
            path = LEGAL_ACTS if number % 2 else csv_file
            with path.open("rb") as file:
                action(session, url, "resource_create", package_id=name,
                       name=f"Акти{path.suffix}", files={"upload": (path.name, file)})

    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, range(datasets)))
    print(f"seeded {datasets} datasets ({files} with a table) in "
          f"{time.perf_counter() - started:.0f} s")
    return names


def audited(url: str, organizations: list[str], files: bool, rate: float, cache: str) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", AUDIT, url,
                                "files" if files else "-", ",".join(organizations), str(rate)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "OPENDATA_CACHE": cache})
    output = io.BytesIO(process.stdout.read())  # type: ignore[union-attr]
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(process.stderr.read().decode())  # type: ignore[union-attr]
    found = json.loads(output.getvalue())
    found.update(seconds=time.perf_counter() - started, peak_mb=usage.ru_maxrss / 1024)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=int, default=2000)
    parser.add_argument("--organizations", type=int, default=20)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--rate", type=float, default=1000.0,
                        help="requests a second (the local portal needs no politeness)")
    options = parser.parse_args()
    url, key = portal()
    with tempfile.TemporaryDirectory(prefix="opendata-bench-cache-") as cache:
        subprocess.run([OPENDATA, "standards", "update", "--source", str(MIRROR)], check=True,
                       capture_output=True, env={**os.environ, "OPENDATA_CACHE": cache})
        names = seed(url, key, options.datasets, options.organizations, options.files,
                     cache)
        print(f"\n  {'audit':34} {'datasets':>8} {'requests':>8} {'downloads':>9} "
              f"{'seconds':>8} {'peak MB':>8}")
        for title, organizations, files in (
                ("2 organizations", names[:2], False),
                (f"{len(names)} organizations", names, False),
                (f"{len(names)} organizations --files", names, True),
                (f"{len(names)} organizations --files again", names, True)):
            found = audited(url, organizations, files, options.rate, cache)
            print(f"  {title:34} {found['datasets']:8} {found['requests']:8} "
                  f"{found['downloaded']:9} {found['seconds']:8.1f} {found['peak_mb']:8.0f}")


if __name__ == "__main__":
    main()
