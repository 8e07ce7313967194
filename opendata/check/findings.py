"""A finding: one thing wrong (or worth a warning) in a table or a dataset's metadata.

Findings are data — a stable code, its parameters and where it is — and become sentences
only when rendered, in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from opendata import messages

ERROR = "error"
WARNING = "warning"


@dataclass
class Finding:
    code: str
    params: dict = field(default_factory=dict)
    severity: str = ERROR
    row: int | None = None  # as Excel shows it (CSV: the record number, header = 1)
    column: str | None = None  # Excel's column letter
    field: str | None = None  # the schema field, or the passport field for metadata
    value: str | None = None
    dataset: str | None = None  # for metadata findings

    def with_severity(self, severity: str) -> Finding:
        self.severity = severity
        return self

    @property
    def cell(self) -> str | None:
        return f"{self.column}{self.row}" if self.column and self.row else None

    def message(self, lang: str = "uk") -> str:
        params = dict(self.params)
        for key in ("expected", "label"):  # message codes of their own, said in `lang` too
            if key in params:
                params[key] = messages.render(params[key], lang)
        return messages.render(self.code, lang, value=self.value, field=self.field, **params)

    def kind(self, lang: str = "uk") -> str:
        """What kind of finding it is, said without its particulars (the message's first
        clause): the heading of a group of them."""
        return self.message(lang).split(":")[0].split(";")[0].split(" (")[0].rstrip(".")

    def table_json(self, lang: str) -> dict:
        return {"code": self.code, "severity": self.severity, "row": self.row,
                "column": self.column, "cell": self.cell, "field": self.field,
                "value": self.value, "message": self.message(lang)}

    def metadata_json(self, lang: str) -> dict:
        return {"dataset": self.dataset, "field": self.field, "code": self.code,
                "severity": self.severity, "message": self.message(lang)}
