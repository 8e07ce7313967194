"""The findings as one page for the browser (``--report FILE.html``).

One self-contained file — no script, no network, no external asset — that opens from a USB
stick and prints on A4: the verdict first; then, per table, the findings grouped by column
and kind with their counts, each with its cell and the fix; a grid of the affected rows with
the header and the bad cells highlighted; and the passport's findings under the labels
staff know. Everything that comes from the data is escaped: a cell holding ``<script>`` is
shown as text.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path

from opendata import messages
from opendata.check.cells import text_of
from opendata.check.findings import ERROR, Finding
from opendata.check.validation import Report, TableReport
from opendata.errors import OpendataError
from opendata.read.sheets import read_sheet
from opendata.read.xlsx import column_letter

GRID_ROWS = 200  # affected rows shown per table; the rest are counted, not drawn
GROUP_CELLS = 60  # cells listed per group of findings
GRID_TEXT = 40  # characters of a cell shown in the grid (all of it on hover, and if bad)
STYLE = """
@page { size: A4; margin: 12mm; }
body { font: 11pt/1.4 "DejaVu Sans", Arial, sans-serif; margin: 1.5em auto; max-width: 60em;
       color: #222; }
h1 { font-size: 20pt; margin: 0 0 .5em; padding: .4em .6em; border-radius: 4px; }
h1.valid { background: #c6efce; color: #006100; }
h1.invalid { background: #ffc7ce; color: #9c0006; }
h2 { font-size: 14pt; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
h3 { font-size: 11pt; margin: 1em 0 .3em; }
.count { color: #9c0006; font-weight: bold; }
ul { margin: .2em 0 .6em; padding-left: 1.4em; }
li { margin: .1em 0; }
.cell { font-family: "DejaVu Sans Mono", monospace; font-weight: bold; }
.fix { color: #006100; }
.warning { color: #7f6000; }
table.grid { border-collapse: collapse; font-size: 8pt; }
.grid th, .grid td { border: 1px solid #bbb; padding: 2px 3px; vertical-align: top;
                     overflow-wrap: break-word; hyphens: manual; min-width: 4em; }
.scroll { overflow-x: auto; }
.grid th { background: #eee; }
.grid td.error { background: #ffc7ce; }
.grid td.warning { background: #ffeb9c; }
.grid td.row { background: #eee; text-align: right; }
.grid th:first-child, .grid td.row { min-width: 0; }
.note { color: #666; font-size: 9pt; }
"""


def write_html_report(report: Report, path: Path, lang: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_report(report, lang), encoding="utf-8")


def html_report(report: Report, lang: str) -> str:
    numbers = {id(finding): n for n, (_t, finding) in enumerate(report.entries(), start=1)}
    verdict = (messages.render("html-verdict-valid", lang) if report.valid else
               messages.render("html-verdict-invalid", lang, errors=report.errors,
                               tables=sum(1 for t in report.tables if t.errors)))
    parts = [page_head(verdict, report.valid, lang)]
    if report.metadata:
        parts.append(f"<h2>{escape(messages.render('html-passport', lang))}</h2>\n<ul>\n")
        for finding in report.metadata:
            label = messages.render(finding.params["label"], lang) \
                if finding.params.get("label") else finding.field or ""
            parts.append(f"<li>{numbers[id(finding)]}. <b>{escape(finding.dataset or '')}</b>, "
                         f"{escape(label)}: {severity(finding, lang)}"
                         f"{escape(finding.message(lang))}</li>\n")
        parts.append("</ul>\n")
    for table in report.tables:
        parts.append(table_section(table, numbers, lang))
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def page_head(verdict: str, valid: bool, lang: str) -> str:
    """The page up to its verdict, which is also its title: green when all is well."""
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(verdict)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f'<h1 class="{"valid" if valid else "invalid"}">{escape(verdict)}</h1>\n')


def table_section(table: TableReport, numbers: dict[int, int], lang: str) -> str:
    where = Path(table.source).name + (f", «{table.sheet}»" if table.sheet else "")
    said = messages.render("html-table", lang, rows=table.rows, errors=table.errors)
    parts = [f"<h2>{escape(where)}</h2>\n<p>{escape(said)}</p>\n"]
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in table.findings:
        label = table.labels.get(finding.field or "", finding.field or "")
        groups[(label, finding.code)].append(finding)
    for (label, _code), found in groups.items():
        first = found[0]
        title = f"{label} — " if label else ""
        parts.append(f"<h3>{escape(title)}{escape(kind(first, lang))} "
                     f'<span class="count">× {len(found)}</span></h3>\n<ul>\n')
        for finding in found[:GROUP_CELLS]:
            parts.append(f"<li>{numbers[id(finding)]}. {place(table, finding, lang)}"
                         f"{value(finding)}{severity(finding, lang)}"
                         f"{escape(finding.message(lang))}{fix(finding)}</li>\n")
        if len(found) > GROUP_CELLS:
            more = messages.render("html-more", lang, count=len(found) - GROUP_CELLS)
            parts.append(f'<li class="note">{escape(more)}</li>\n')
        parts.append("</ul>\n")
    parts.append(grid(table, lang))
    return "".join(parts)


def kind(finding: Finding, lang: str) -> str:
    """The kind of a finding, said without its particulars (the message's first clause)."""
    return finding.message(lang).split(":")[0].split(";")[0].split(" (")[0].rstrip(".")


def place(table: TableReport, finding: Finding, lang: str) -> str:
    if finding.cell:
        return f'<span class="cell">{escape(finding.cell)}</span> '
    if finding.row:
        return escape(messages.render("report-row", lang, sheet=table.sheet or
                                      Path(table.source).name, row=finding.row)) + " "
    return ""


def value(finding: Finding) -> str:
    if not finding.value or finding.code == "missing-column":
        return ""
    return f"«{escape(finding.value)}» "


def fix(finding: Finding) -> str:
    suggestion = finding.params.get("suggestion")
    return f' <span class="fix">→ «{escape(str(suggestion))}»</span>' if suggestion else ""


def severity(finding: Finding, lang: str) -> str:
    if finding.severity == ERROR:
        return ""
    return f'<span class="warning">{escape(messages.render("report-warning", lang))}:</span> '


def grid(table: TableReport, lang: str) -> str:
    """The header rows and the rows with findings, as the spreadsheet has them."""
    rows_with = sorted({f.row for f in table.findings if f.row and f.column})
    if not rows_with or table.header_rows is None:
        return ""
    shown_rows = rows_with[:GRID_ROWS]
    header = list(range(table.header_rows[0], table.header_rows[1] + 1))
    wanted = set(header) | set(shown_rows)
    found: dict[int, list] = {}
    try:
        opened = read_sheet(table.source, table.sheet)
        for number, values in opened.rows:
            if number in wanted:
                found[number] = values
                if len(found) == len(wanted):
                    break
    except OpendataError:
        return ""
    marks = {(f.row, f.column): ("error" if f.severity == ERROR else "warning",
                                 f.message(lang)) for f in table.findings}
    width = max((len(v) for v in found.values()), default=0)
    first = opened.first_column
    letters = [column_letter(first + i) for i in range(width)]
    parts = ['<div class="scroll"><table class="grid">\n<tr><th></th>' +
             "".join(f"<th>{letter}</th>" for letter in letters) + "</tr>\n"]
    for number in header + shown_rows:
        values = found.get(number, [])
        cells = []
        for index, letter in enumerate(letters):
            full = text_of(values[index]) if index < len(values) else ""
            text = full if len(full) <= GRID_TEXT else full[:GRID_TEXT - 1] + "…"
            mark = marks.get((number, letter))
            if number in header:
                cells.append(f"<th>{escape(text)}</th>")
            elif mark:
                cells.append(f'<td class="{mark[0]}" title="{escape(mark[1])}">'
                             f"{escape(full)}</td>")
            elif text != full:
                cells.append(f'<td title="{escape(full)}">{escape(text)}</td>')
            else:
                cells.append(f"<td>{escape(text)}</td>")
        parts.append(f'<tr><td class="row">{number}</td>{"".join(cells)}</tr>\n')
    parts.append("</table></div>\n")
    if len(rows_with) > GRID_ROWS:
        more = messages.render("html-grid-more", lang, shown=GRID_ROWS, total=len(rows_with))
        parts.append(f'<p class="note">{escape(more)}</p>\n')
    return "".join(parts)
