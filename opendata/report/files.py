"""Reports people open: the findings of a run as an annotated workbook or a web page.

``--report FILE`` on ``validate``, ``build`` and ``publish`` writes one report for the whole
run; its extension chooses the rendering (:mod:`opendata.report.xlsx`,
:mod:`opendata.report.html`). Both number the findings in the order of the JSON output.
"""

from __future__ import annotations

from pathlib import Path

from opendata.check.validation import Report
from opendata.errors import OutputError, UsageError


def combined(reports: list[Report]) -> Report:
    """One report of several datasets' (build, publish)."""
    return Report(metadata=[f for r in reports for f in r.metadata],
                  tables=[t for r in reports for t in r.tables])


def check_path(path: str | Path | None) -> None:
    """Refuse, before any work, a report file of a kind there is no rendering for."""
    if path is not None and Path(path).suffix.lower() not in (".xlsx", ".html", ".htm"):
        raise UsageError("report-format", path=str(path))


def write_report(report: Report, path: str | Path, lang: str) -> None:
    path = Path(path)
    check_path(path)
    try:
        if path.suffix.lower() == ".xlsx":
            from opendata.report.xlsx import write_xlsx_report

            write_xlsx_report(report, path, lang)
        else:
            from opendata.report.html import write_html_report

            write_html_report(report, path, lang)
    except OSError as error:
        raise OutputError.of(error, path) from None
