"""Text from outside (a cell, a portal's title, a file name) is data wherever it lands: never
a formula in a workbook or a CSV, never a character that breaks the file, never a command
to the terminal."""

from __future__ import annotations

from opendata.messages import PICTURES  # control characters as their pictures: ␛, ␀

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def visible(text: str) -> str:
    """``text`` with every control character (line breaks and tabs too) as its picture."""
    return text.translate(PICTURES)


# what a workbook cell may not hold (XML forbids it); line breaks and tabs it keeps
SHEET_PICTURES = {code: picture for code, picture in PICTURES.items()
                  if chr(code) not in "\t\n\r"}


def sheet_value(value):
    """A value as a workbook cell may hold it: text without the characters XML forbids,
    its line breaks kept as the person wrote them."""
    return value.translate(SHEET_PICTURES) if isinstance(value, str) else value


def put(sheet, row: int, column: int, value):
    """Write ``value`` into a cell as data: text that starts like a formula stays text."""
    cell = sheet.cell(row, column, sheet_value(value))
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    return cell


def append(sheet, values: list) -> None:
    """A row of data at the end of ``sheet``: text that starts like a formula stays text."""
    sheet.append([sheet_value(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def csv_value(text: str) -> str:
    """A CSV field that a spreadsheet opens as text: one that starts like a formula gets a
    leading apostrophe (OWASP's advice against CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def sheet_link(name: str, address: str) -> str:
    """An in-workbook link to ``address`` on sheet ``name`` (an apostrophe doubled)."""
    return "'" + name.replace("'", "''") + "'!" + address
