"""The newcomer's path, played by tests/newcomer.sh: install from the wheel into a fresh
virtual environment, the README's quick start in Ukrainian, every command's help, and the
mistakes a council's new employee makes, each with its message and exit code."""

import subprocess
import sys

from .conftest import ROOT


def test_a_newcomer_installs_the_wheel_follows_the_quick_start_and_is_told_what_to_do():
    done = subprocess.run(["bash", str(ROOT / "tests" / "newcomer.sh"), sys.executable],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "the newcomer's path holds" in done.stdout
