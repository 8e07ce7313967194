"""Text renderings of the library's reports for people (the CLI prints them)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import click

from . import messages
from .findings import ERROR, Finding
from .validation import Report, TableReport

if TYPE_CHECKING:
    from .build import Build

PLAIN_SHEET_NAME = re.compile(r"[^\W\d]\w*")


def validation_report(report: Report, lang: str) -> str:
    lines: list[str] = []
    datasets = list(dict.fromkeys([f.dataset for f in report.metadata] +
                                  [t.dataset for t in report.tables]))
    for dataset in datasets:
        if dataset is not None:
            lines.append(click.style(messages.render("report-dataset", lang, name=dataset),
                                     bold=True))
        for finding in (f for f in report.metadata if f.dataset == dataset):
            lines.append(f"  {severity_mark(finding, lang)}{finding.message(lang)}")
        for table in (t for t in report.tables if t.dataset == dataset):
            lines += table_lines(table, lang)
    lines.append("")
    errors = sum(f.severity == ERROR for f in report.metadata) + sum(
        t.errors for t in report.tables)
    code = "report-summary-valid" if report.valid else "report-summary-invalid"
    summary = messages.render(code, lang, tables=len(report.tables), errors=errors)
    lines.append(click.style(summary, fg="green" if report.valid else "red", bold=True))
    warnings = sum(f.severity != ERROR for f in report.metadata) + sum(
        f.severity != ERROR for t in report.tables for f in t.findings)
    if warnings:
        lines.append(messages.render("report-warnings", lang, warnings=warnings))
    return "\n".join(lines)


def build_report(builds: list[Build], lang: str) -> str:
    lines = []
    for build in builds:
        if build.folder is None:
            lines.append(validation_report(build.report, lang))
            lines.append(click.style(messages.render("build-refused", lang, name=build.dataset),
                                     fg="red", bold=True))
        else:
            files = ", ".join(f["path"] for f in build.manifest["files"])
            lines.append(messages.render("built", lang, folder=shown(build.folder), files=files))
    return "\n".join(lines)


def shown(path) -> str:
    from .definition import shown as relative

    return str(relative(path))


def table_lines(table: TableReport, lang: str) -> list[str]:
    sheet = messages.render("report-sheet", lang, sheet=table.sheet) if table.sheet else ""
    header_row = table.header_row or messages.render("report-no-header", lang)
    lines = ["  " + messages.render("report-table", lang, source=table.source, sheet=sheet,
                                    header_row=header_row, rows=table.rows)]
    for finding in table.findings:
        lines.append(f"    {where(table, finding, lang)}{severity_mark(finding, lang)}"
                     f"{finding.message(lang)}")
    if table.hidden:
        lines.append("  " + messages.render("report-more", lang, count=table.hidden,
                                            shown=len(table.findings)))
    if not table.findings:
        lines.append(click.style(messages.render("report-ok", lang), fg="green"))
    return lines


def where(table: TableReport, finding: Finding, lang: str) -> str:
    """``Проєкти!N5 (Дата рішення) «01.05.2022»: `` — the cell, its column and its value."""
    if finding.cell:
        place = cell_reference(table.sheet, finding.cell)
    elif finding.row:
        place = messages.render("report-row", lang, sheet=table.sheet or table.source,
                                row=finding.row)
    else:
        place = ""
    label = table.labels.get(finding.field) if finding.field else None
    parts = [click.style(place, bold=True)] if place else []
    if label and finding.code not in ("missing-column", "misspelled-column"):
        parts.append(f"({label})")
    if finding.value is not None and finding.code not in ("missing-column",):
        parts.append(f"«{finding.value}»")
    return " ".join(parts) + ": " if parts else ""


def cell_reference(sheet: str | None, cell: str) -> str:
    """As Excel writes it: ``Проєкти!N5``, ``'Аркуш 1'!B2``; a CSV cell alone."""
    if not sheet or not cell:
        return cell
    name = sheet if PLAIN_SHEET_NAME.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{cell}"


def severity_mark(finding: Finding, lang: str) -> str:
    if finding.severity == ERROR:
        return ""
    return click.style(messages.render("report-warning", lang) + ": ", fg="yellow")
