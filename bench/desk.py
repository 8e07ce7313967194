"""Benchmark: the desk's home page (opendata serve) for a project of 50 datasets — every
dataset's state from the publication log, after «Перевірити все» — as staff open it.

    .venv/bin/python bench/desk.py [--datasets 50] [--repeat 20]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def project_of(count: int, folder: Path) -> Path:
    """The example project with its budget dataset copied ``count`` times in all."""
    shutil.copy(ROOT / "opendata.toml", folder)
    shutil.copytree(ROOT / "schemas", folder / "schemas")
    source = ROOT / "datasets" / "nizhyn-public-budget-projects"
    for n in range(count):
        target = folder / "datasets" / f"budget-{n:03d}"
        shutil.copytree(source, target)
        definition = target / "datapackage.yaml"
        definition.write_text(definition.read_text(encoding="utf-8").replace(
            "name: nizhyn-public-budget-projects", f"name: budget-{n:03d}"), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from opendata.web.app import create_app, desk_server

    with tempfile.TemporaryDirectory() as scratch:
        root = project_of(args.datasets, Path(scratch))
        server = desk_server(create_app(root, "bench"), 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}"
        session = requests.Session()
        session.get(f"{url}/?token=bench", timeout=60)
        page = session.get(url + "/", timeout=60).text
        csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        started = time.perf_counter()
        job = session.post(url + "/check", data={"csrf": csrf}, timeout=60).url
        while "Готово" not in session.get(job, timeout=60).text:
            time.sleep(0.2)
        checked = time.perf_counter() - started
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            answer = session.get(url + "/", timeout=60)
            times.append(time.perf_counter() - started)
            assert answer.status_code == 200 and answer.text.count("<tr class=") == args.datasets
        server.shutdown()
    print(f"home page, {args.datasets} datasets: median {statistics.median(times) * 1000:.0f} ms,"
          f" max {max(times) * 1000:.0f} ms over {args.repeat}; «Перевірити все» "
          f"{checked:.1f} s")


if __name__ == "__main__":
    main()
