"""Findings of one kind in one column, as one group: what people fix together.

A real register gives 57 cells that each lost the zeros of their code: one sentence said 57
times. A group says it once — the count, the rows as ranges («рядки 3–69, крім 7, 12») and
the one thing to do for all of them — and every rendering (text, page, workbook, JSON)
shows the groups before, or around, the cells themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from opendata import messages
from opendata.check.findings import Finding

MOST_EXCEPTIONS = 3  # «рядки 3–69, крім 7, 12»: beyond this many gaps, ranges are listed
MOST_RANGES = 8  # ranges said before «…»


@dataclass
class Group:
    code: str
    field: str | None
    column: str | None  # the column's letter; None for findings about a whole row
    findings: list[Finding]

    def named(self, labels: dict[str, str]) -> str:
        """The group's column as people know it: «Код ЄДРПОУ (I)»; its letter or its
        field alone when that is all there is."""
        label = labels.get(self.field or "", self.field or "")
        return f"{label} ({self.column})" if label and self.column else label or \
            self.column or ""

    @property
    def rows(self) -> list[int]:
        return sorted({f.row for f in self.findings if f.row is not None})

    def ranges(self) -> list[tuple[int, int]]:
        """The rows as runs of consecutive numbers."""
        runs: list[tuple[int, int]] = []
        for row in self.rows:
            if runs and row == runs[-1][1] + 1:
                runs[-1] = (runs[-1][0], row)
            else:
                runs.append((row, row))
        return runs

    def rows_said(self, lang: str) -> str:
        """«рядок 5», «рядки 3–69, крім 7, 12», «рядки 3–5, 9, 12–20»."""
        rows = self.rows
        if not rows:
            return ""
        if len(rows) == 1:
            return messages.render("group-row", lang, row=rows[0])
        ranges = self.ranges()
        # the rows missing between the runs: counted first, listed only if they are few
        # (a group of 100,000 rows in one span is said in time linear in its rows)
        missing = sum(start - end - 1 for (_s, end), (start, _e) in zip(ranges, ranges[1:]))
        if 0 < missing <= MOST_EXCEPTIONS and len(rows) > 2 * missing:
            gaps = [n for (_s, end), (start, _e) in zip(ranges, ranges[1:])
                    for n in range(end + 1, start)]
            return messages.render("group-rows-except", lang, first=rows[0], last=rows[-1],
                                   gaps=", ".join(map(str, gaps)))
        runs = [f"{a}–{b}" if b > a else str(a) for a, b in ranges]
        if len(runs) > MOST_RANGES:
            runs = runs[:MOST_RANGES] + ["…"]
        return messages.render("group-rows", lang, rows=", ".join(runs))

    def action(self, lang: str) -> str | None:
        """The one thing to do for every cell of the group, if there is one to say."""
        code = f"group-action-{self.code}"
        if code not in messages.CATALOG:
            return None
        expected = self.findings[0].params.get("expected")
        return messages.render(code, lang, column=self.column or "",
                               expected=messages.render(expected, lang) if expected else "")

    def json(self, lang: str) -> dict:
        return {"code": self.code, "field": self.field, "column": self.column,
                "count": len(self.findings), "rows": [list(r) for r in self.ranges()],
                "action": self.action(lang)}


def groups_of(findings: list[Finding]) -> list[Group]:
    """The findings grouped by column (or field) and kind, in the order each group first
    appears."""
    groups: dict[tuple, Group] = {}
    for finding in findings:
        key = (finding.field or finding.column, finding.code)
        if key not in groups:
            groups[key] = Group(finding.code, finding.field, finding.column, [])
        groups[key].findings.append(finding)
    return list(groups.values())
