"""``opendata new``: a dataset definition from a spreadsheet staff already have.

With a schema (an 835 standard, say) the spreadsheet's columns are matched to it and what
does not fit is reported; without one, a schema is inferred and written to ``schemas/``.
Passport fields that cannot be guessed are written as ``TODO: …`` placeholders, which
``validate`` rejects until they are filled.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from opendata.build.infer import HEADER_SEARCH_ROWS, header_row, infer_schema
from opendata.check.findings import Finding
from opendata.check.schemas import dump_yaml, load_schema, schema_from_descriptor
from opendata.check.validation import validate_file
from opendata.errors import DefinitionError
from opendata.paths import sha256_of
from opendata.project import datagovua
from opendata.project.config import Project
from opendata.project.definition import DEFINITION_FILE
from opendata.read.sheets import Sheet, sheets_to_try
from opendata.read.table import locate_header
from opendata.standards import catalogue

PLACEHOLDERS = {
    "title": "TODO: назва набору даних (до 254 символів)",
    "description": "TODO: опис набору даних (до 4000 символів)",
    "keywords": ["TODO: ключові слова"],
    "purpose": "TODO: підстава та призначення збору інформації (до 512 символів)",
    "update_frequency": "TODO: частота оновлення (Щомісяця, Щокварталу, Щороку…)",
    "maintainer": {"name": "TODO: прізвище, ім’я, по батькові відповідальної особи",
                   "email": "TODO: email відповідальної особи"},
}


@dataclass
class NewDataset:
    definition: Path
    schema: Path
    schema_written: bool
    findings: list[Finding] = field(default_factory=list)  # columns that do not fit
    placeholders: list[str] = field(default_factory=list)
    standard: str | None = None  # the 835 standard recognised in the spreadsheet
    copy: Path | None = None  # the workbook as the dataset keeps it: the one to edit
    original: Path | None = None  # where it was copied from


def new_dataset(project: Project, name: str, spreadsheet: Path, sheet: str | None = None,
                schema_path: Path | None = None, infer: bool = False) -> NewDataset:
    """A definition for ``spreadsheet``: with ``schema_path``, or the 835 standard the
    spreadsheet follows (when the standards are in the cache), or an inferred schema. A
    schema from outside the project is written into its schemas/ folder."""
    if not datagovua.NAME.fullmatch(name):
        raise DefinitionError("dataset-name-invalid", name=name)
    folder = project.datasets_folder / name
    if folder.exists():
        raise DefinitionError("dataset-exists", path=str(folder))
    opened = chosen_sheet(spreadsheet, sheet, schema_path, infer)
    schema_path, written, findings, standard, title = sheet_schema(
        project, name, opened, schema_path, infer, spreadsheet)
    folder.mkdir(parents=True)
    source = folder / spreadsheet.name
    shutil.copyfile(spreadsheet, source)
    passport = {"name": name, **PLACEHOLDERS, "licenses": [{"name": "cc-by"}], "language": "uk"}
    if title:
        passport["title"] = title
    # how people will see the table on the portal: never the dataset's Latin name
    shown = title or standard_title(standard) or opened.name or \
        f"TODO: назва таблиці ({spreadsheet.stem})"
    passport["resources"] = [{"name": "data", "title": shown, "path": source.name,
                              **({"sheet": opened.name} if opened.name else {}),
                              "schema": relative(schema_path, folder),
                              "formats": ["csv", "json"],
                              "origin": {"path": str(spreadsheet.resolve()),
                                         "sha256": sha256_of(spreadsheet)}}]
    (folder / DEFINITION_FILE).write_text(dump_yaml(passport), encoding="utf-8")
    placeholders = [key for key in PLACEHOLDERS if key in passport and passport[key] ==
                    PLACEHOLDERS[key]]
    return NewDataset(folder / DEFINITION_FILE, schema_path, written, findings, placeholders,
                      standard, source, spreadsheet)


def standard_title(name: str | None) -> str | None:
    if name is None:
        return None
    return next((s.title for s in catalogue.standards() if s.name == name), None)


def update_copy(project: Project, name: str) -> tuple[Path, Path]:
    """``opendata new NAME --update``: the dataset's workbooks copied again from where
    ``new`` took them, each where the definition keeps it, and the definition told so.
    Returns (the original, the copy) of the last one."""
    definition = project.definition(name)
    updated = None
    for resource in definition.resources:
        if resource.origin is None:
            continue
        original, recorded = resource.origin
        if not original.is_file():
            raise DefinitionError("origin-missing", original=str(original), name=name)
        shutil.copyfile(original, resource.path)
        path = definition.folder / DEFINITION_FILE
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(recorded, sha256_of(original), 1), encoding="utf-8")
        updated = (original, resource.path)
    if updated is None:
        raise DefinitionError("origin-none", name=name)
    return updated


def chosen_sheet(spreadsheet: Path, sheet: str | None, schema_path: Path | None,
                 infer: bool) -> Sheet:
    """The sheet named; else the first visible sheet with a header (for the schema given,
    a standard, or one to infer): a workbook may start with an instruction sheet."""
    schema = load_schema(schema_path) if schema_path is not None else None
    first = None
    for opened in sheets_to_try(spreadsheet, sheet):
        if schema is not None:
            usable = locate_header(opened, schema).row is not None
        else:
            usable = (not infer and recognised_standard(opened) is not None) or \
                header_row(opened.head(HEADER_SEARCH_ROWS)) is not None
        if usable:
            return opened
        first = first or opened
    assert first is not None  # sheets_to_try gives one sheet at least
    return first


def sheet_schema(project: Project, schema_name: str, opened, schema_path: Path | None = None,
                 infer: bool = False, spreadsheet: Path | None = None
                 ) -> tuple[Path, bool, list[Finding], str | None, str | None]:
    """The schema a sheet follows: ``schema_path``, else the 835 standard it follows, else
    one inferred from it. A standard or an inferred schema (or one from outside the
    project) is written to ``schemas/<schema_name>.schema.yaml``. Returns the schema's
    path, whether it was written, the columns that do not fit, the standard's name and
    the sheet's own title (inferred only)."""
    standard = None
    if schema_path is None and not infer:
        standard = recognised_standard(opened)
        if standard is not None:
            schema_path = Path(catalogue.resolve(standard))
    target = project.root / "schemas" / f"{schema_name}.schema.yaml"
    if schema_path is not None:
        schema = load_schema(schema_path)
        findings = locate_header(opened, schema).findings
        inside = Path(schema.path or "").resolve().is_relative_to(project.root.resolve())
        if standard is None and inside:
            return schema_path, False, findings, None, None
        public = {"fields": schema.descriptor["fields"], "missingValues": schema.missing_values,
                  **({"primaryKey": schema.primary_key} if schema.primary_key else {})}
        write_new(target, dump_yaml(public))
        return target, True, findings, standard, None
    descriptor, title = infer_schema(opened)
    if not descriptor["fields"]:
        raise DefinitionError("header-not-inferred", path=str(spreadsheet or opened.name))
    inferred = schema_from_descriptor(descriptor, str(target))  # checks it
    write_new(target, dump_yaml(descriptor))
    misfits: list[Finding] = []
    if spreadsheet is not None:  # the few values that do not fit their column's type
        misfits = [f for f in validate_file(spreadsheet, inferred, opened.name).findings
                   if f.code.startswith("type-error")]
    return target, True, misfits, None, title


def write_new(path: Path, text: str) -> None:
    """Write a file that must not exist yet: nothing staff wrote is overwritten."""
    if path.exists():
        raise DefinitionError("dataset-exists", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def recognised_standard(opened) -> str | None:
    """The name of the 835 standard the sheet's header follows, if one clearly does."""
    from opendata.errors import OpendataError
    from opendata.standards.detect import detect

    try:
        best = detect(opened)[0]
    except (OpendataError, IndexError):  # no standards in the cache: infer, as before
        return None
    return best.standard.name if best.fits else None


def relative(path: Path, start: Path) -> str:
    import os

    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()
