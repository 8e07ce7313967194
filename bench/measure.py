"""Timing a command as a whole process: wall time and peak memory (RSS) of that process."""

from __future__ import annotations

import os
import subprocess
import sys
import time

PYTHON = sys.executable
# Every tool runs with its modules compiled, as an installed wheel has them: a source
# checkout run with PYTHONDONTWRITEBYTECODE would compile opendata's modules on every run.
ENVIRONMENT = {key: value for key, value in os.environ.items()
               if key != "PYTHONDONTWRITEBYTECODE"}
ENVIRONMENT["PYTHONPYCACHEPREFIX"] = os.path.join(os.path.dirname(__file__), ".pycache")


def run(command: list[str]) -> tuple[float, float]:
    """Run ``command``; return (seconds, peak MB). Fails loudly if the command fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=ENVIRONMENT)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: the data has planted errors
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    process.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def python(code: str, *args: str) -> list[str]:
    return [PYTHON, "-c", code, *args]


def report(title: str, results: dict[str, list[tuple[float, float]]], reference: str) -> None:
    """Print best time, peak memory and the ratio of each to ``reference``'s best time."""
    print(f"\n{title}")
    best = {name: min(t for t, _ in runs) for name, runs in results.items()}
    print(f"  {'':34} {'best s':>8} {'peak MB':>8} {'× ' + reference:>16}")
    for name, runs in results.items():
        peak = max(m for _, m in runs)
        print(f"  {name:34} {best[name]:8.2f} {peak:8.0f} {best[name] / best[reference]:16.2f}")
