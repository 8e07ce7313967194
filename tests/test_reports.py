"""Reports staff open: their own workbook marked up, and a page for the browser — checked
with openpyxl, and as a person would see them, in headless Chromium and LibreOffice."""

import hashlib
import html
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from .conftest import HEADER, ROOT, good_row, run, write_csv, write_workbook

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"]


def tools():
    """The report tests need Chromium and LibreOffice: installed, never skipped."""
    subprocess.run([str(ROOT / "scripts/test-tools")], check=True, timeout=900)


@pytest.fixture
def staff_workbook(tmp_path):
    """A council workbook with eight mistakes, a note of their own, a formula, a merged title,
    frozen panes and a wide column — and a cell holding a script."""
    rows = [HEADER] + [good_row(n) for n in range(1, 6)]
    rows[1][3] = "двісті"
    rows[1][4] = "98765,40"
    rows[2][5] = "30.05.2021"
    rows[2][1] = None
    rows[3][0] = "2022-01"
    rows[3][2] = 4061783
    rows[3][6] = "реалізовано"
    rows[4][1] = "<script>alert('x')</script>"
    rows[4][8] = "author@"
    path = write_workbook(tmp_path / "projects.xlsx", rows, title="Громадський бюджет")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    sheet["D4"].comment = Comment("Перевірити з відділом", "Олена")
    sheet["K4"] = "=SUM(D4:D8)"
    sheet.freeze_panes = "A4"
    sheet.column_dimensions["B"].width = 41
    workbook.save(path)
    return path


def list_start(summary) -> int:
    """The first row of the full list of findings, under the summary of groups."""
    return next(row[0].row for row in summary.iter_rows() if row[0].value in ("№", "No.")) + 1


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_the_staff_workbook_is_marked_up_in_a_copy(tmp_path, staff_workbook, projects_schema):
    before = digest(staff_workbook)
    report = tmp_path / "out" / "перевірка.xlsx"
    result = run("validate", staff_workbook, "--schema", projects_schema, "--report", report)
    assert result.exit_code == 1
    assert digest(staff_workbook) == before  # the source is only read

    workbook = openpyxl.load_workbook(report)
    assert workbook.sheetnames == ["Перевірка", "Проєкти"]
    summary, sheet = workbook["Перевірка"], workbook["Проєкти"]
    assert summary["A1"].value.startswith("Помилок у таблицях: 8")
    # the sheet starts with what to fix, a line a kind, above the full list
    assert summary["A3"].value == "Що виправити"
    assert [summary.cell(row, 1).value for row in (4, 5)] == ["К-сть", 1]
    start = list_start(summary)
    assert start > 6
    listed = [row for row in summary.iter_rows(min_row=start, values_only=True) if row[0]]
    assert [row[3] for row in listed] == ["D4", "E4", "B5", "F5", "A6", "C6", "G6", "I7"]
    assert summary.cell(start, 4).hyperlink.location == "'Проєкти'!D4"
    assert [row[7] for row in listed if row[7]] == ["98765.40", "2021-05-30", "04061783"]
    for row in listed:
        cell = sheet[row[3]]
        assert cell.fill.fgColor.rgb.endswith("FFC7CE")
        assert "opendata:" in cell.comment.text
    assert sheet["D4"].comment.text.startswith("Перевірити з відділом")  # theirs kept
    assert "98765.40" in sheet["E4"].comment.text
    # what the staff made of their workbook survives
    assert sheet["K4"].value == "=SUM(D4:D8)"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:I1"]
    assert sheet.freeze_panes == "A4" and sheet.column_dimensions["B"].width == 41
    assert sheet["A1"].font.bold


def test_a_csv_is_reported_as_read_at_its_own_addresses(tmp_path, projects_schema):
    rows = [HEADER] + [[str(v) for v in good_row(n)] for n in range(1, 4)]
    rows[2][3] = "двісті"
    source = write_csv(tmp_path / "projects.csv", [["Проєкти 2022"], *rows], delimiter=";")
    report = tmp_path / "report.xlsx"
    assert run("validate", source, "--schema", projects_schema, "--report", report,
               "--lang", "en").exit_code == 1
    workbook = openpyxl.load_workbook(report)
    assert workbook.sheetnames == ["Check", "projects"]
    sheet = workbook["projects"]
    assert sheet["A1"].value == "Проєкти 2022" and sheet["B2"].value == "Назва проєкту"
    assert sheet["D4"].value == "двісті" and "opendata:" in sheet["D4"].comment.text


def test_passport_findings_go_on_the_summary_sheet(project):
    path = project / "datasets/nizhyn-council-decisions/datapackage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "update_frequency: Щомісяця", "update_frequency: коли буде час"), encoding="utf-8")
    result = run("validate", "nizhyn-council-decisions", "--report", "report.xlsx")
    assert result.exit_code == 1
    summary = openpyxl.load_workbook(project / "report.xlsx")["Перевірка"]
    [row] = [r for r in summary.iter_rows(min_row=list_start(summary), values_only=True)
             if r[0]]
    assert row[1] == "nizhyn-council-decisions" and "Частота" in row[4]
    # the banner counts the passport's gaps apart from the tables' errors
    assert summary["A1"].value == "Незаповнених полів паспорта: 1"


def test_the_banner_counts_table_errors_and_passport_gaps_apart(project):
    """A clerk's banner mixed 111 table errors with 7 passport TODOs."""
    path = project / "datasets/nizhyn-public-budget-projects/datapackage.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "update_frequency: once a year", "update_frequency: 'TODO: частота'"),
        encoding="utf-8")
    book = openpyxl.load_workbook(project / "datasets/nizhyn-public-budget-projects/"
                                  "projects-2022.xlsx")
    book["Проєкти"]["I4"] = 4061783
    book["Проєкти"]["I5"] = 4061783
    book.save(project / "datasets/nizhyn-public-budget-projects/projects-2022.xlsx")
    assert run("validate", "nizhyn-public-budget-projects", "--report",
               "report.html").exit_code == 1
    page = Page()
    page.feed((project / "report.html").read_text(encoding="utf-8"))
    assert page.headings[0] == ("h1", "Помилок у таблицях: 2 (таблиць із помилками: 1); "
                                      "незаповнених полів паспорта: 1")


class Page(HTMLParser):
    """What a browser would build from the page: headings, scripts, outside references."""

    def __init__(self):
        super().__init__()
        self.headings, self.scripts, self.outside, self.items = [], 0, [], []
        self._tag = None

    def handle_starttag(self, tag, attrs):
        self._tag = tag
        self.scripts += tag == "script"
        self.outside += [v for k, v in attrs if k in ("src", "href") and v]

    def handle_data(self, data):
        if self._tag in ("h1", "h2") and data.strip():
            self.headings.append((self._tag, data.strip()))
        if self._tag == "li":
            self.items.append(data)


def test_the_page_says_the_verdict_first_and_shows_data_as_text(tmp_path, staff_workbook,
                                                               projects_schema):
    report = tmp_path / "report.html"
    assert run("validate", staff_workbook, "--schema", projects_schema, "--report",
               report).exit_code == 1
    text = report.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    assert page.headings[0] == ("h1", "Помилок у таблицях: 8 (таблиць із помилками: 1)")
    assert page.scripts == 0 and page.outside == []  # self-contained, nothing runs
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    numbers = sorted(int(m) for m in re.findall(r"<li>(\d+)\. ", text))
    assert numbers == list(range(1, 9))  # every finding, numbered as in the workbook


def test_the_page_in_a_real_browser(tmp_path, staff_workbook, projects_schema):
    tools()
    report = tmp_path / "report.html"
    run("validate", staff_workbook, "--schema", projects_schema, "--report", report)
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(CHROMIUM + profile + ["--dump-dom", report.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    assert dom.count("<li>") == 8 and "<script>alert" not in dom
    assert "&lt;script&gt;" in dom  # the planted script is text on the page
    shot, pdf = tmp_path / "page.png", tmp_path / "page.pdf"
    subprocess.run(CHROMIUM + profile + ["--window-size=794,1123", f"--screenshot={shot}",
                                         report.as_uri()], capture_output=True, timeout=120)
    subprocess.run(CHROMIUM + profile + ["--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                                         report.as_uri()], capture_output=True, timeout=120)
    assert shot.stat().st_size > 10_000
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    assert 1 <= int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 3


def test_the_workbook_opens_in_libreoffice(tmp_path, staff_workbook, projects_schema):
    tools()
    report = tmp_path / "report.xlsx"
    run("validate", staff_workbook, "--schema", projects_schema, "--report", report)
    done = subprocess.run(["soffice", "--headless", "--norestore",
                           f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(report)],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    info = subprocess.run(["pdfinfo", str(tmp_path / "report.pdf")], capture_output=True,
                          text=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 2  # summary and the sheet


def test_a_report_of_unknown_kind_is_refused_before_any_work(tmp_path, projects_schema):
    result = run("validate", tmp_path / "missing.csv", "--schema", projects_schema,
                 "--report", tmp_path / "report.pdf", "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "report-format"


def test_build_writes_one_report_for_the_run(project):
    result = run("build", "--report", "build-report.html")
    assert result.exit_code == 0, result.output
    page = Page()
    page.feed((project / "build-report.html").read_text(encoding="utf-8"))
    assert page.headings[0] == ("h1", "Помилок немає")
    assert [h for h in page.headings if h[0] == "h2"][:1] == [("h2", "rishennya-2021-11.xlsx, "
                                                                    "«Рішення»")]


def test_a_long_workbook_is_reported_as_read(tmp_path, staff_workbook, projects_schema,
                                             monkeypatch):
    from opendata.report import xlsx as report_xlsx

    monkeypatch.setattr(report_xlsx, "COPY_ROWS", 3)  # this one has five data rows
    report = tmp_path / "report.xlsx"
    run("validate", staff_workbook, "--schema", projects_schema, "--report", report)
    workbook = openpyxl.load_workbook(report)
    assert workbook.sheetnames == ["Перевірка", "projects Проєкти"]
    sheet = workbook["projects Проєкти"]
    assert sheet["D4"].value == "двісті" and "opendata:" in sheet["D4"].comment.text
    assert sheet["A3"].value == "Ідентифікатор"


def test_text_from_a_cell_is_data_in_the_workbook_and_on_the_terminal(tmp_path,
                                                                      projects_schema):
    """A CSV cell =HYPERLINK(…) and control characters (a terminal's ESC, a \\x01) become
    text in the report, never a live formula, a broken file or a terminal command."""
    rows = [HEADER, good_row(1), good_row(2), good_row(3)]
    rows[1][1] = '=HYPERLINK("http://evil.example","Натисніть")'
    rows[2][1] = "Проєкт\x1b]0;pwned\x07 з\x01кодом"
    source = write_csv(tmp_path / "gb's table.csv", rows)
    result = run("validate", source, "--schema", projects_schema, "--report",
                 tmp_path / "report.xlsx")
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "␛" in result.output
    book = openpyxl.load_workbook(tmp_path / "report.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    shown = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and "pwned" in c.value]
    assert shown and all("\x1b" not in v and "␛" in v for v in shown)
    links = [c.hyperlink.location for row in book["Перевірка"].iter_rows() for c in row
             if c.hyperlink is not None]
    assert links and all(link.startswith("'gb''s table") for link in links)


def test_a_cell_written_on_two_lines_stays_on_two_lines_in_the_report(tmp_path,
                                                                       projects_schema):
    """Line breaks are text a workbook holds: only the characters XML forbids are shown as
    pictures. Found reading the change again."""
    rows = [HEADER, good_row(1), good_row(2)]
    rows[1][1] = "Сквер «Ювілейний»\nта дитячий майданчик"
    rows[2][3] = "багато\x01"  # a type error, with a character XML forbids
    source = write_csv(tmp_path / "gb.csv", rows)
    assert run("validate", source, "--schema", projects_schema, "--report",
               tmp_path / "report.xlsx").exit_code == 1
    book = openpyxl.load_workbook(tmp_path / "report.xlsx")
    values = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row
              if isinstance(c.value, str)]
    assert "Сквер «Ювілейний»\nта дитячий майданчик" in values
    assert any("багато␁" in v for v in values) and not any("\x01" in v for v in values)


MEASURE = """<script>
const out = {groups: [], narrow: [], folded: 0};
for (const p of document.querySelectorAll('p.group')) {
  out.groups.push({text: p.innerText, visible: p.offsetHeight > 0 && !p.closest('details')});
}
out.folded = document.querySelectorAll('details li').length;
const probe = document.createElement('span');
probe.style.whiteSpace = 'nowrap';
document.body.appendChild(probe);
for (const cell of document.querySelectorAll('table.grid td, table.grid th')) {
  probe.style.font = getComputedStyle(cell).font;
  for (const word of cell.innerText.split(/\\s+/).filter(w => w)) {
    probe.textContent = word;
    const room = cell.clientWidth - parseFloat(getComputedStyle(cell).paddingLeft)
      - parseFloat(getComputedStyle(cell).paddingRight);
    if (probe.getBoundingClientRect().width > room + 0.5) out.narrow.push(word);
  }
}
document.body.setAttribute('data-measured', JSON.stringify(out));
</script>"""


def test_the_page_groups_findings_and_no_grid_column_is_narrower_than_its_words(
        tmp_path, projects_schema):
    """A real register: one sentence 57 times, a grid of 21 columns where words broke
    letter by letter. In a real browser: each group's count, rows and action are visible
    without unfolding, the rest of its cells folded, every word whole in its column."""
    tools()
    rows = [HEADER + [f"Порожній стовпець {n}" for n in range(8)]] + \
        [good_row(n) + [None] * 8 for n in range(1, 41)]
    for row in rows[1:]:
        row[2] = 4061783  # 40 codes without their zero
        row[1] = "Борщівський сільський будинок культури та дозвілля Ніжинської громади"
    path = write_workbook(tmp_path / "реєстр.xlsx", rows)
    report = tmp_path / "report.html"
    assert run("validate", path, "--schema", projects_schema, "--report",
               report).exit_code == 1
    probe = tmp_path / "probe.html"
    probe.write_text(report.read_text(encoding="utf-8").replace("</body>", MEASURE +
                                                                 "</body>"),
                     encoding="utf-8")
    profile = ["--user-data-dir=" + str(tmp_path / "profile"), "--window-size=1000,1200"]
    dom = subprocess.run(CHROMIUM + profile + ["--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    measured = json.loads(html.unescape(re.search(r'data-measured="([^"]*)"', dom).group(1)))
    [group] = measured["groups"]
    assert group["visible"] and "рядки 2–41" in group["text"]
    assert "текстовий формат" in group["text"]
    assert measured["folded"] == 35  # five shown, the rest behind «… і ще 35 такі самі»
    assert measured["narrow"] == []
    assert "Не показано стовпці, порожні в усіх показаних рядках" in dom


def test_a_groups_rows_are_said_as_ranges_with_the_few_rows_missing_named():
    """Said once per group in every report; found reading the change again: the rows
    missing were looked for with a new set per row of the span (quadratic on 100,000)."""
    from opendata.check.findings import Finding
    from opendata.check.groups import Group

    def said(rows):
        return Group("x", "f", "B", [Finding("x", row=r, column="B") for r in rows]
                     ).rows_said("uk")

    assert said([5]) == "рядок 5"
    assert said([r for r in range(3, 16) if r not in (7, 12)]) == "рядки 3–15, крім 7, 12"
    assert said([r for r in range(3, 100_000) if r != 50]) == "рядки 3–99999, крім 50"
    assert said([3, 4, 5, 9, 12, 13]) == "рядки 3–5, 9, 12–13"
    assert said(range(1, 40, 2)).endswith("15, …")
