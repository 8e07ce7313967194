"""Text renderings of the library's reports for people (the CLI prints them)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from opendata import messages
from opendata.check.findings import ERROR, Finding
from opendata.check.groups import groups_of
from opendata.project import datagovua
from opendata.project.definition import shown as relative_path
from opendata.report.outside import visible

if TYPE_CHECKING:  # types only: importing validation would load Arrow for `opendata log`
    from opendata.build.package import Build
    from opendata.check.validation import Report, TableReport
    from opendata.portal.publish import Publication

PLAIN_SHEET_NAME = re.compile(r"[^\W\d]\w*")
GROUP_SHOWN = 5  # cells of a group shown after it is said once


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
        if build.folder is None or build.manifest is None:
            lines.append(validation_report(build.report, lang))
            lines.append(click.style(messages.render("build-refused", lang, name=build.dataset),
                                     fg="red", bold=True))
        else:
            files = ", ".join(f["path"] for f in build.manifest["files"])
            lines.append(messages.render("built", lang, folder=shown(build.folder), files=files))
    return "\n".join(lines)


def field_labels(fields: list[str], lang: str) -> str:
    """Passport fields (``maintainer.email``) as staff know them, each once."""
    return ", ".join(sorted({messages.render(f"field-{f}", lang) for f in fields}))


def adoptions(adopted, lang: str) -> str:
    """``adopt``: per dataset, its definition, its files and what the passport lacks."""
    if not adopted:
        return messages.render("adopt-none", lang)
    lines = []
    for adoption in adopted:
        if adoption.skipped is not None:
            lines.append(messages.render("adopt-skipped", lang, dataset=adoption.dataset,
                                         reason=adoption.skipped.message(lang)))
            continue
        lines.append(click.style(messages.render("adopt-done", lang, dataset=adoption.dataset,
                                                 definition=shown(adoption.definition)),
                                 bold=True))
        for file in adoption.files:
            code = "adopt-file-standard" if file.standard else "adopt-file-inferred"
            lines.append(messages.render(code, lang, path=shown(file.path),
                                         standard=file.standard, schema=shown(file.schema)))
        for resource in adoption.portal_only:
            name = resource["name"] or resource["url"]
            if resource["format"]:
                name += f" ({resource['format']})"
            lines.append(messages.render("adopt-portal-only", lang, name=name))
        if adoption.gaps:
            lines.append(messages.render("adopt-gaps", lang,
                                         fields=field_labels(adoption.gaps, lang)))
        if adoption.private:
            lines.append(messages.render("adopt-private", lang))
    if any(a.skipped is None for a in adopted):
        lines.append(messages.render("adopt-next", lang))
    return "\n".join(lines)


FILE_MARKS = {"create": "+", "update": "~", "skip": "=", "keep": "!", "delete": "-"}


def publication_report(run: Publication, lang: str) -> str:
    lines = [messages.render("publish-portal", lang, portal=run.portal, user=run.portal_user,
                             version=run.portal_info.version if run.portal_info else "?")]
    for plan in run.plans:
        lines.append("")
        if plan.action == "invalid":
            lines.append(validation_report(plan.build.report, lang))
            lines.append(click.style(messages.render("publish-invalid", lang,
                                                     name=plan.dataset), fg="red", bold=True))
            continue
        done = "-done" if plan.outcome == "ok" and plan.action != "unchanged" else ""
        title = messages.render(f"plan-dataset-{plan.action}{done}", lang, name=plan.dataset)
        lines.append(click.style(title, bold=True))
        for finding in plan.build.report.metadata:
            if finding.code == "origin-changed":  # the copy is published, not the original
                lines.append(click.style("  " + finding.message(lang), fg="red"))
        for name, change in plan.changes.items():
            lines.append("  " + messages.render("plan-field", lang, field=name,
                                                old=short(change["old"]),
                                                new=short(change["new"])))
        for step in plan.files:
            reason = messages.render(f"plan-{step.action}-{step.reason}", lang,
                                     old=(step.old_sha256 or "")[:12],
                                     new=(step.sha256 or "")[:12])
            mark = "=" if step.reason == "portal-only" else FILE_MARKS[step.action]
            line = f"  {mark} {step.file}: {reason}"
            if step.outcome in ("failed", "too-large"):
                line = click.style(line, fg="red")
            lines.append(line)
        if plan.moderation == "pending":
            lines.append(click.style("  " + messages.render("publish-moderation-pending", lang),
                                     fg="yellow"))
        lines.append(outcome_line(plan, run.dry_run, lang))
    lines.append("")
    summary = "publish-dry-run" if run.dry_run else (
        "publish-done" if run.ok else "publish-failed")
    lines.append(click.style(messages.render(summary, lang), bold=True,
                             fg=None if run.dry_run else "green" if run.ok else "red"))
    return "\n".join(lines)


def outcome_line(plan, dry_run: bool, lang: str) -> str:
    if plan.outcome == "failed":
        return click.style("  " + messages.render("publish-dataset-failed", lang,
                                                  error=plan.error_message(lang)), fg="red")
    code = "publish-dataset-planned" if dry_run else "publish-dataset-url"
    return "  " + messages.render(code, lang, url=plan.url)


def short(value) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


class upload_progress:
    """A progress bar over the bytes uploaded, on a terminal only; yields the callback that
    advances it (None when there is no bar)."""

    def __init__(self, total: int, enabled: bool, lang: str):
        import sys

        self.total = total
        self.enabled = enabled and total > 0 and sys.stdout.isatty()
        self.label = messages.render("publish-uploading", lang)

    def __enter__(self):
        if not self.enabled:
            return None
        self.bar = click.progressbar(length=self.total, label=self.label)
        self.bar.__enter__()
        return lambda step: self.bar.update(step.bytes or 0)

    def __exit__(self, *exc_info):
        if self.enabled:
            self.bar.__exit__(*exc_info)
        return False


LOG_COLUMNS = ("time", "dataset", "resource", "action", "outcome", "os_user", "portal_user",
               "portal", "sha256", "bytes", "error", "run_id", "dataset_id", "resource_id",
               "url", "source", "source_sha256", "tool_version", "details")


def log_entries(entries: list[dict], output_format: str, lang: str,
                portal: str | None = None) -> str:
    """The log as a table for people, or JSON/CSV (``user`` is the OS user). For people, it
    starts by saying which portal it shows (None: all of them)."""
    import csv
    import io
    import json

    records = [{"user": e["os_user"], **{c: e[c] for c in LOG_COLUMNS}} for e in entries]
    if output_format == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, ["user", *LOG_COLUMNS], lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        return buffer.getvalue()
    lines = [messages.render("log-portal", lang, portal=portal) if portal else
             messages.render("log-all-portals", lang)]
    if not entries:
        return "\n".join([*lines, messages.render("log-empty", lang)]) + "\n"
    for e in entries:
        color = {"failed": "red", "started": "yellow"}.get(e["outcome"])
        what = f"{e['dataset']}{'/' + e['resource'] if e['resource'] else ''}" \
            if e["dataset"] else e["portal"]
        action = messages.CATALOG.get(f"log-action-{e['action']}")
        outcome = messages.CATALOG.get(f"log-outcome-{e['outcome']}")
        said = (f"{action[lang] if action else e['action']}: "
                f"{outcome[lang] if outcome else e['outcome']}")
        line = (f"{e['time'].replace('T', ' ').rstrip('Z')}  {e['os_user']}/{e['portal_user']}  "
                f"{said:<36} {what}")
        if e["error"]:
            line += f"  — {e['error']}"
        lines.append(click.style(line, fg=color))
    return "\n".join(lines) + "\n"


def portal_check(checked, lang: str) -> str:
    """``portal check`` for people: ✓ what works, ✗ what will stop a publish, · the rest."""
    lines = [checked.portal]
    for item in checked.items:
        mark, color = {True: ("✓", "green"), False: ("✗", "red"), None: ("·", None)}[item.ok]
        lines.append(click.style(f"  {mark} {item.message(lang)}", fg=color))
    lines.append(click.style(messages.render("check-ready" if checked.ok else "check-blocked",
                                             lang), bold=True,
                             fg="green" if checked.ok else "red"))
    return "\n".join(lines)


def status_table(rows, portal: str, lang: str) -> str:
    lines = [messages.render("status-portal", lang, portal=portal)]
    for row in rows:
        notes = []
        if row.overdue:
            notes.append(click.style(messages.render("status-overdue", lang,
                                                     days=row.days_overdue), fg="red",
                                     bold=True))
        if row.never_published:
            notes.append(click.style(messages.render("status-never", lang), fg="yellow"))
        elif row.changed:
            notes.append(click.style(messages.render("status-changed", lang), fg="yellow"))
        for missing in row.missing_sources:
            notes.append(click.style(messages.render("status-source-missing", lang,
                                                     path=missing), fg="red"))
        if row.originals_changed:
            notes.append(click.style(messages.render("status-original-changed", lang,
                                                     name=row.name), fg="red"))
        if not notes:
            notes.append(click.style(messages.render("status-fine", lang), fg="green"))
        published = row.last_published.replace("T", " ").rstrip("Z") if row.last_published \
            else "—"
        lines.append(f"  {row.name}: " + "; ".join(notes))
        lines.append("    " + messages.render("status-dates", lang, last=published,
                                              due=row.next_due or "—",
                                              frequency=frequency_shown(row.update_frequency,
                                                                        lang)))
    return "\n".join(lines)


def frequency_shown(frequency: str | None, lang: str) -> str:
    """An update frequency as staff read it: the portal's Ukrainian label («Щомісяця») in
    Ukrainian, its value in English; free text as it was written."""
    value = datagovua.frequency_value(frequency or "")
    if value is None:
        return frequency or "—"
    return datagovua.FREQUENCIES[value][0] if lang == "uk" else value


def differences(found, portal: str, lang: str) -> str:
    if not found:
        return click.style(messages.render("verify-ok", lang, portal=portal), fg="green")
    lines = [click.style(messages.render("verify-differences", lang, portal=portal,
                                         count=len(found)), fg="red", bold=True)]
    for d in found:
        where = "/".join(filter(None, (d.dataset, d.resource)))
        lines.append(f"  {where + ': ' if where else ''}{d.message(lang)}")
    return "\n".join(lines)


def shown(path) -> str:
    return str(relative_path(path))


def table_lines(table: TableReport, lang: str) -> list[str]:
    sheet = messages.render("report-sheet", lang, sheet=table.sheet) if table.sheet else ""
    header_row = table.header_row or messages.render("report-no-header", lang)
    if table.header_rows and table.header_rows[0] != table.header_rows[1]:
        header_row = "–".join(map(str, table.header_rows))
    lines = ["  " + messages.render("report-table", lang, source=table.source, sheet=sheet,
                                    header_row=header_row, rows=table.rows)]
    for group in groups_of(table.findings):
        shown = group.findings
        if len(group.findings) > 1:  # said once, then a few of its cells
            named = group.named(table.labels)
            heading = messages.render("group-heading", lang, kind=group.findings[0].kind(lang),
                                      count=len(group.findings), rows=group.rows_said(lang))
            action = group.action(lang)
            lines.append(click.style(f"    {visible(named)}: " if named else "    ", bold=True)
                         + heading + (f" {action}" if action else ""))
            shown = group.findings[:GROUP_SHOWN]
        for finding in shown:
            lines.append(f"    {where(table, finding, lang)}{severity_mark(finding, lang)}"
                         f"{finding.message(lang)}")
        if len(group.findings) > len(shown):
            lines.append("    " + messages.render("group-more", lang,
                                                  count=len(group.findings) - len(shown)))
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
        parts.append(f"({visible(label)})")
    if finding.value is not None and finding.code not in ("missing-column",):
        parts.append(f"«{visible(finding.value)}»")
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


FIXED_SHOWN = 20  # fixed cells listed; the rest are counted


def fixes(found, source, schema, lang: str) -> str:
    """What ``opendata fix`` fixed, cell by cell, and what is left for people to fix."""
    lines = [messages.render("fix-written", lang, output=found.output, source=source)]
    if found.fixed:
        kinds = ", ".join(f"{messages.render(f'fix-kind-{kind}', lang)}: {count}"
                          for kind, count in found.counts().items())
        lines.append(messages.render("fix-fixed", lang, count=len(found.fixed), kinds=kinds))
        for cell in found.fixed[:FIXED_SHOWN]:
            lines.append(f"  {cell.cell}: «{visible(cell.before)}» → «{visible(cell.shown)}»")
        if len(found.fixed) > FIXED_SHOWN:
            lines.append("  " + messages.render("group-more", lang,
                                                count=len(found.fixed) - FIXED_SHOWN))
    else:
        lines.append(messages.render("fix-none", lang))
    left = found.left
    if left is None or not left.errors:
        lines.append(click.style(messages.render("fix-all-done", lang), fg="green", bold=True))
    else:
        lines.append(click.style(messages.render("fix-left", lang, count=left.errors),
                                 fg="red", bold=True))
        lines += table_lines(left, lang)[1:]
        lines.append(messages.render("fix-check-copy", lang, output=found.output,
                                     schema=shown(Path(schema))))
    return "\n".join(lines)
