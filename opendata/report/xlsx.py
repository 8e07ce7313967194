"""The findings marked up in the staff's own workbook (``--report FILE.xlsx``).

For an xlsx source (up to COPY_ROWS rows) the report is a *copy* of that workbook, loaded
with openpyxl so that every sheet, style, column width, formula, merged cell and frozen pane
stays: each cell with a finding gets a fill and an Excel note saying what is wrong and the
fix, and a first sheet «Перевірка» lists every finding with a link that jumps to its cell.
The source file is only read. Tables from xls, ods or CSV files (and longer or further
workbooks of the run) get a sheet of the table as read, each value at its own Excel address.
"""

from __future__ import annotations

from pathlib import Path

from opendata import messages
from opendata.check.findings import ERROR, Finding
from opendata.check.groups import groups_of
from opendata.check.validation import Report, TableReport
from opendata.errors import OpendataError
from opendata.read.sheets import read_sheet
from opendata.read.xlsx import column_letter
from opendata.report.html import verdict_of
from opendata.report.outside import append, put, sheet_link, sheet_value

SUMMARY = {"uk": "Перевірка", "en": "Check"}
ERROR_FILL, WARNING_FILL = "FFC7CE", "FFEB9C"  # Excel's own "bad" and "neutral" fills
AS_READ_ROWS = 1000  # rows of a table copied as read; beyond, only rows with findings
# openpyxl reads and writes a whole workbook cell by cell (about 30,000 cells a second): a
# workbook this long is reported as read instead, so the report stays quick to make
COPY_ROWS = 20_000
AUTHOR = "opendata"


def write_xlsx_report(report: Report, path: Path, lang: str) -> None:
    import openpyxl

    entries = report.entries()
    base = next((t for t in report.tables if Path(t.source).suffix.lower() == ".xlsx"
                 and t.sheet is not None and t.rows <= COPY_ROWS), None)
    workbook = openpyxl.load_workbook(base.source) if base else openpyxl.Workbook()
    if base is None:
        workbook.remove(workbook.active)
    places: dict[int, str] = {}  # id of a table → the report sheet its cells are on
    for table in report.tables:
        if base is not None and table.source == base.source and table.sheet in \
                workbook.sheetnames:  # another sheet of the same workbook: marked in place
            places[id(table)] = table.sheet or ""
        else:
            places[id(table)] = copy_as_read(workbook, table, lang)
    for owner, finding in entries:
        if owner is not None:
            mark(workbook[places[id(owner)]], owner, finding, lang)
    summary = workbook.create_sheet(SUMMARY[lang], 0)
    fill_summary(summary, report, entries, places, lang)
    workbook.active = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def copy_as_read(workbook, table: TableReport, lang: str) -> str:
    """A new sheet holding the table as opendata read it, at the same Excel addresses."""
    name = unique_title(workbook, Path(table.source).stem + (f" {table.sheet}"
                                                               if table.sheet else ""))
    sheet = workbook.create_sheet(name)
    wanted = {f.row for f in table.findings if f.row}
    try:
        opened = read_sheet(table.source, table.sheet)
    except OpendataError:  # the file cannot be read again: the summary still lists all
        return name
    for number, values in opened.rows:
        if number > AS_READ_ROWS and number not in wanted:
            continue
        for index, value in enumerate(values):
            if value not in (None, ""):
                put(sheet, number, opened.first_column + index + 1, value)
    return name


def unique_title(workbook, title: str) -> str:
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    title, number = title[:28], 2
    candidate = title
    while candidate in workbook.sheetnames:
        candidate, number = f"{title[:26]} {number}", number + 1
    return candidate


def target(table: TableReport, finding: Finding) -> str | None:
    """The cell a finding is shown on: its own, or the first cell of its row."""
    if finding.cell:
        return finding.cell
    if finding.row:
        return f"{column_letter(table.first_column)}{finding.row}"
    return None


def mark(sheet, table: TableReport, finding: Finding, lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    address = target(table, finding)
    if address is None:
        return
    cell = sheet[address]
    colour = ERROR_FILL if finding.severity == ERROR else WARNING_FILL
    if finding.severity == ERROR or not (cell.fill and cell.fill.fgColor.rgb == ERROR_FILL):
        cell.fill = PatternFill("solid", fgColor=colour)
    text = note_text(finding, lang)
    if cell.comment is not None:  # staff's own note stays; ours follows it
        text = f"{cell.comment.text}\n\n{text}"
    comment = Comment(sheet_value(text), AUTHOR)
    comment.width, comment.height = 320, 160
    cell.comment = comment


def note_text(finding: Finding, lang: str) -> str:
    fix = finding.params.get("suggestion")
    said = f"opendata: {finding.message(lang)}"
    if fix and fix not in said:
        said += f" → «{fix}»"
    return said


def fill_summary(sheet, report: Report, entries, places: dict[int, str], lang: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    sheet["A1"] = verdict_of(report, lang)
    sheet["A1"].font = Font(bold=True, size=14, color="006100" if report.valid else "9C0006")
    groups = [(table, group) for table in report.tables for group in groups_of(table.findings)]
    if groups:  # what to fix, a line a kind, above the full list
        sheet.append([])
        sheet.append([messages.render("xlsx-groups", lang)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        # in the list's columns below: the action where the message is, wide and wrapped
        sheet.append([messages.render(f"xlsx-group-{key}", lang) if key else None for key in
                      ("count", "file", "sheet", None, "column", "kind", "action", "rows")])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for table, group in groups:
            append(sheet, [len(group.findings), Path(table.source).name, table.sheet or "",
                           "", group.named(table.labels), group.findings[0].kind(lang),
                           group.action(lang) or "", group.rows_said(lang)])
    headings = [messages.render(f"xlsx-column-{key}", lang) for key in
                ("number", "file", "sheet", "cell", "column", "value", "message", "fix")]
    sheet.append([])
    sheet.append(headings)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for number, (table, finding) in enumerate(entries, start=1):
        if table is None:
            column = messages.render(finding.params.get("label", ""), lang) \
                if finding.params.get("label") else finding.field
            append(sheet, [number, finding.dataset, "", "", column, finding.value,
                           finding.message(lang), finding.params.get("suggestion")])
            continue
        address = target(table, finding)
        label = table.labels.get(finding.field or "", finding.field or "")
        append(sheet, [number, Path(table.source).name, table.sheet or "", address or "",
                       label, finding.value, finding.message(lang),
                       finding.params.get("suggestion")])
        if address:
            link = sheet.cell(sheet.max_row, 4)
            link.hyperlink = Hyperlink(ref=link.coordinate,
                                       location=sheet_link(places[id(table)], address))
            link.style = "Hyperlink"
    for letter, width in zip("ABCDEFGH", (5, 24, 14, 10, 24, 24, 70, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=3, max_col=8):
        for cell in row:  # the texts wrap: the message (or a group's action) most
            cell.alignment = Alignment(wrap_text=cell.column >= 5, vertical="top")
        lines = -(-len(str(row[6].value or "")) // 75)  # Excel does not size wrapped rows
        sheet.row_dimensions[row[0].row].height = 15 * max(lines, 1)
    sheet.freeze_panes = "A2"
    # printed (or seen as PDF) on landscape pages as wide as the list
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
