"""``opendata audit`` for people and tools: text, CSV, and a report to open (HTML or xlsx).

The summary comes first, then one entry per dataset, the ones that need action first. The
HTML page and the workbook carry the CSV's table for people: Ukrainian (or English) column
headers, «так»/«ні», the frequency's label, dates as dd.mm.yyyy; and their banner is green
only when no dataset needs action, for whatever reason. JSON and CSV stay as they are.
"""

from __future__ import annotations

import csv
import io
from html import escape
from pathlib import Path

import click

from opendata import messages
from opendata.audit.inventory import Audit, DatasetAudit
from opendata.errors import OutputError
from opendata.report.html import page_head
from opendata.report.outside import append, csv_value, visible
from opendata.report.text import field_labels, frequency_shown

COLUMNS = ("name", "organization", "title", "update_frequency", "last_updated", "next_due",
           "overdue", "overdue_days", "passport_gaps", "not_machine_readable", "dead_links",
           "files")


def progress(lang: str):
    """A progress line on the terminal (stderr), as datasets are judged."""
    def show(done: int, total: int) -> None:
        click.echo("\r" + messages.render("audit-progress", lang, done=done, total=total),
                   nl=done == total, err=True)
    return show


def needs_action(record: DatasetAudit) -> bool:
    return bool(record.overdue or record.passport_gaps or record.not_machine_readable
                or record.dead_links or record.not_to_standard)


def ordered(found: Audit) -> list[DatasetAudit]:
    return sorted(found.datasets, key=lambda d: (not needs_action(d), -d.overdue_days,
                                                 d.organization, d.name))


def text(found: Audit, lang: str) -> str:
    lines = [click.style(messages.render("audit-summary", lang, portal=found.portal,
                                         **found.summary), bold=True), ""]
    for record in ordered(found):
        if not needs_action(record):
            lines.append(f"  ✓ {visible(record.name)}")
            continue
        lines.append(click.style(f"  ✗ {visible(record.name)}", fg="red") +
                     f" — {visible(record.title)}")
        for line in problems(record, lang):
            lines.append(f"      {line}")
    return "\n".join(lines)


def problems(record: DatasetAudit, lang: str) -> list[str]:
    said = []
    if record.overdue:
        said.append(messages.render("audit-overdue", lang, days=record.overdue_days,
                                    due=record.next_due,
                                    frequency=frequency_shown(record.update_frequency, lang),
                                    last=(record.last_updated or "")[:10]))
    if record.passport_gaps:
        said.append(messages.render("audit-passport", lang,
                                    fields=field_labels(record.passport_fields, lang)))
    if record.not_machine_readable:
        said.append(messages.render("audit-not-machine-readable", lang,
                                    names=", ".join(record.not_machine_readable)))
    if record.dead_links:
        said.append(messages.render("audit-dead-links", lang,
                                    names=", ".join(record.dead_links)))
    for verdict in record.files:
        if verdict.valid is False:
            said.append(messages.render("audit-file-invalid", lang, name=verdict.resource,
                                        standard=verdict.standard or "—",
                                        errors=verdict.errors))
    return said


def rows(found: Audit) -> list[list[str]]:
    """The CSV's rows (and the report's): lists joined with "; "."""
    table = []
    for record in ordered(found):
        described = record.json()
        described["files"] = [
            f"{f.resource}: {f.standard or '—'} "
            f"{'' if f.valid is None else 'valid' if f.valid else f'{f.errors} errors'}".strip()
            for f in record.files]
        table.append(["; ".join(map(str, value)) if isinstance(value, list) else
                      "" if value is None else str(value).lower() if isinstance(value, bool)
                      else str(value) for value in (described[c] for c in COLUMNS)])
    return table


def csv_text(found: Audit) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([csv_value(value) for value in row] for row in rows(found))
    return buffer.getvalue()


def write_report(found: Audit, path: str | Path, lang: str) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() == ".xlsx":
            write_xlsx(found, path, lang)
        else:
            path.write_text(html(found, lang), encoding="utf-8")
    except OSError as error:
        raise OutputError.of(error, path) from None


def people_rows(found: Audit, lang: str) -> list[list[str]]:
    """The table for people: the headers, then one row a dataset, in their words."""
    def date(text: str | None) -> str:
        return "" if not text else f"{text[8:10]}.{text[5:7]}.{text[:4]}"

    def yes(value: bool) -> str:
        return messages.render("audit-yes" if value else "audit-no", lang)

    table = [[messages.render(f"audit-column-{c}", lang) for c in COLUMNS]]
    for record in ordered(found):
        files = [messages.render("audit-file", lang, name=f.resource,
                                 standard=f.standard or "—",
                                 verdict="" if f.valid is None else yes(f.valid))
                 for f in record.files]
        table.append([record.name, record.organization, record.title,
                      frequency_shown(record.update_frequency, lang) or "",
                      date(record.last_updated), date(record.next_due), yes(record.overdue),
                      str(record.overdue_days or ""), field_labels(record.passport_fields, lang)
                      if record.passport_gaps else "", "; ".join(record.not_machine_readable),
                      "; ".join(record.dead_links), "; ".join(files)])
    return table


def all_well(found: Audit) -> bool:
    """No dataset needs action, for any reason (the exit code is about overdue and passport
    gaps only, as it always was)."""
    return not any(needs_action(record) for record in found.datasets)


def html(found: Audit, lang: str) -> str:
    summary = messages.render("audit-summary", lang, portal=found.portal, **found.summary)
    heads, *table = people_rows(found, lang)
    head = "".join(f"<th>{escape(c)}</th>" for c in heads)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>\n"
                   for row in table)
    return (page_head(summary, all_well(found), lang) +
            f'<div class="scroll"><table class="grid">\n<tr>{head}</tr>\n{body}</table></div>\n'
            "</body>\n</html>\n")


def write_xlsx(found: Audit, path: Path, lang: str) -> None:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = messages.render("audit-sheet", lang)
    sheet.append([messages.render("audit-summary", lang, portal=found.portal,
                                  **found.summary)])
    sheet["A1"].font = Font(bold=True)
    heads, *table = people_rows(found, lang)
    sheet.append(heads)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table:
        append(sheet, row)  # text from the portal is data, never a formula
    sheet.freeze_panes = "B3"
    sheet.auto_filter.ref = f"A2:{openpyxl.utils.get_column_letter(len(COLUMNS))}" \
                            f"{sheet.max_row}"
    workbook.save(path)
