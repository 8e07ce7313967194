"""``python -m opendata``: the same command where ``opendata`` is not on PATH (Windows)."""

from opendata.cli import cli

cli(prog_name="opendata")
