"""The findings as one page for the browser (``--report FILE.html``).

One self-contained file — no script, no network, no external asset — that opens from a USB
stick and prints on A4: the verdict first; then, per table, the findings grouped by column
and kind with their counts, each with its cell and the fix; a grid of the affected rows with
the header and the bad cells highlighted; and the passport's findings under the labels
staff know. Everything that comes from the data is escaped: a cell holding ``<script>`` is
shown as text.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from opendata import messages
from opendata.check.cells import text_of
from opendata.check.findings import ERROR, Finding
from opendata.check.groups import groups_of
from opendata.check.validation import Report, TableReport
from opendata.errors import OpendataError
from opendata.read.sheets import read_sheet
from opendata.read.xlsx import column_letter

GRID_ROWS = 200  # affected rows shown per table; the rest are counted, not drawn
GROUP_CELLS = 60  # cells listed per group of findings
GROUP_OPEN = 5  # of them shown unfolded
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
.grid .w { white-space: nowrap; }
.grid th { background: #eee; }
.grid td.error { background: #ffc7ce; }
.grid td.warning { background: #ffeb9c; }
.grid td.row { background: #eee; text-align: right; }
.grid th:first-child, .grid td.row { min-width: 0; }
.note { color: #666; font-size: 9pt; }
.group { margin: .1em 0 .2em; }
.group .action { color: #006100; }
details { margin: 0 0 .6em 1.4em; }
summary { cursor: pointer; color: #444; }
"""


def write_html_report(report: Report, path: Path, lang: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html_report(report, lang), encoding="utf-8")


def html_report(report: Report, lang: str) -> str:
    numbers = {id(finding): n for n, (_t, finding) in enumerate(report.entries(), start=1)}
    verdict = verdict_of(report, lang)
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


def verdict_of(report: Report, lang: str) -> str:
    """The banner: the tables' errors and the passport's gaps, counted apart (the table is
    fixed by whoever keeps it, the passport by whoever publishes)."""
    if report.valid:
        return messages.render("html-verdict-valid", lang)
    passport = sum(f.severity == ERROR for f in report.metadata)
    tables = sum(t.errors for t in report.tables)
    said = []
    if tables:
        said.append(messages.render("html-verdict-invalid", lang, errors=tables,
                                    tables=sum(1 for t in report.tables if t.errors)))
    if passport:
        said.append(messages.render("html-verdict-passport", lang, gaps=passport))
    text = "; ".join(said)
    return text[:1].upper() + text[1:]


def page_head(verdict: str, valid: bool, lang: str) -> str:
    """The page up to its verdict, which is also its title: green when all is well."""
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(verdict)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f'<h1 class="{"valid" if valid else "invalid"}">{escape(verdict)}</h1>\n')


def table_section(table: TableReport, numbers: dict[int, int], lang: str) -> str:
    where = Path(table.source).name + (f", «{table.sheet}»" if table.sheet else "")
    said = messages.render("html-table", lang, rows=table.rows, errors=table.errors)
    parts = [f"<h2>{escape(where)}</h2>\n<p>{escape(said)}</p>\n"]
    for group in groups_of(table.findings):
        named = group.named(table.labels)
        title = f"{named} — " if named else ""
        parts.append(f"<h3>{escape(title)}{escape(group.findings[0].kind(lang))} "
                     f'<span class="count">× {len(group.findings)}</span></h3>\n')
        if len(group.findings) > 1:  # the range and the one thing to do, before the cells
            action = group.action(lang)
            parts.append(f'<p class="group"><span class="rows">'
                         f"{escape(group.rows_said(lang))}</span>"
                         + (f'. <span class="action">{escape(action)}</span>' if action
                            else "") + "</p>\n")
        items = [f"<li>{numbers[id(finding)]}. {place(table, finding, lang)}"
                 f"{value(finding)}{severity(finding, lang)}"
                 f"{escape(finding.message(lang))}{fix(finding)}</li>\n"
                 for finding in group.findings[:GROUP_CELLS]]
        parts.append("<ul>\n" + "".join(items[:GROUP_OPEN]) + "</ul>\n")
        if len(items) > GROUP_OPEN:  # the rest folded: the group says what they are
            more = messages.render("group-more", lang, count=len(group.findings) - GROUP_OPEN)
            parts.append(f"<details><summary>{escape(more)}</summary>\n<ul>\n"
                         + "".join(items[GROUP_OPEN:]) + "</ul>\n")
            if len(group.findings) > GROUP_CELLS:
                rest = messages.render("html-more", lang,
                                       count=len(group.findings) - GROUP_CELLS)
                parts.append(f'<p class="note">{escape(rest)}</p>\n')
            parts.append("</details>\n")
    parts.append(grid(table, lang))
    return "".join(parts)


def whole_words(text: str) -> str:
    """The text, escaped, breaking only at its spaces: a browser would also break a date
    or a code at its hyphens (2021-11-26), so each word is kept whole."""
    return " ".join(f'<span class="w">{escape(word)}</span>' if "-" in word or "/" in word
                    else escape(word) for word in text.split())


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
    header = list(range(table.header_rows[0], table.header_rows[1] + 1))
    shown_rows = [n for n in rows_with if n not in header][:GRID_ROWS]
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
    # a column empty in every row shown (and unmarked) only narrows the others: left out
    empty = [index for index in range(width)
             if not any((n, column_letter(first + index)) in marks for n in shown_rows)
             and not any(index < len(found.get(n, [])) and text_of(found[n][index])
                         for n in shown_rows)]
    left_out = set(empty)
    columns = [(i, column_letter(first + i)) for i in range(width) if i not in left_out]
    parts = ['<div class="scroll"><table class="grid">\n<tr><th></th>' +
             "".join(f"<th>{letter}</th>" for _i, letter in columns) + "</tr>\n"]
    for number in header + shown_rows:
        values = found.get(number, [])
        cells = []
        for index, letter in columns:
            full = text_of(values[index]) if index < len(values) else ""
            text = full if len(full) <= GRID_TEXT else full[:GRID_TEXT - 1] + "…"
            mark = marks.get((number, letter))
            if number in header:
                cells.append(f"<th>{whole_words(text)}</th>")
            elif mark:
                cells.append(f'<td class="{mark[0]}" title="{escape(mark[1])}">'
                             f"{whole_words(full)}</td>")
            elif text != full:
                cells.append(f'<td title="{escape(full)}">{whole_words(text)}</td>')
            else:
                cells.append(f"<td>{whole_words(text)}</td>")
        parts.append(f'<tr><td class="row">{number}</td>{"".join(cells)}</tr>\n')
    parts.append("</table></div>\n")
    if empty:
        hidden = ", ".join(column_letter(first + i) for i in empty)
        said = messages.render("html-grid-empty", lang, columns=hidden)
        parts.append(f'<p class="note">{escape(said)}</p>\n')
    if len(rows_with) > GRID_ROWS:
        more = messages.render("html-grid-more", lang, shown=GRID_ROWS, total=len(rows_with))
        parts.append(f'<p class="note">{escape(more)}</p>\n')
    return "".join(parts)
