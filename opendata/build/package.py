"""``opendata build``: a dataset's publishable files in ``build/<dataset>/``.

For each resource: the formats its definition asks for (CSV by default, JSON on request) and
its structure file; for the dataset: ``datapackage.json`` describing exactly those files,
and ``manifest.json`` with every file's sha256 and size and the sha256 of each source. A
dataset that fails validation is not built, and a previous build stays as it was.
"""

from __future__ import annotations

import json
import shutil
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from opendata.build.convert import write_structure, write_tables
from opendata.check import cells
from opendata.check.schemas import Field, Schema, load_schema, schema_value
from opendata.check.validation import DEFAULT_MAX_ERRORS, Report, TableScan
from opendata.errors import OutputError
from opendata.paths import Discard, atomic_write, sha256_of
from opendata.project import datagovua
from opendata.project.definition import Definition, Resource
from opendata.read.table import table_sheet

MEDIA_TYPES = {"csv": "text/csv", "json": "application/json",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
               "xls": "application/vnd.ms-excel",
               "ods": "application/vnd.oasis.opendocument.spreadsheet",
               "tsv": "text/tab-separated-values", "txt": "text/plain"}
STRUCTURE_SCHEMA = {"fields": [{"name": name, "type": "string"} for name in
                               ("name", "title", "description", "datatype", "required")]}


@dataclass
class Build:
    dataset: str
    report: Report
    folder: Path | None = None  # None when the dataset was not built
    manifest: dict | None = None


def build_dataset(definition: Definition, root: Path, output: Path,
                  max_errors: int = DEFAULT_MAX_ERRORS) -> Build:
    """Validate ``definition`` and, if valid, write its files to ``output/<name>/``. The
    files are written to ``output/.<name>.partial`` and renamed only when complete; if
    writing fails (disk full, read-only), the partial folder goes and the cause is said."""
    report = Report(metadata=datagovua.check_passport(definition.name, definition.passport))
    if not datagovua.NAME.fullmatch(definition.name):  # reported; never a path to write
        return Build(definition.name, report)
    partial = output / f".{definition.name}.partial"
    try:
        shutil.rmtree(partial, ignore_errors=True)
        return write_build(definition, root, output, partial, report, max_errors)
    except OSError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise OutputError.of(error, output) from None


def write_build(definition: Definition, root: Path, output: Path, partial: Path,
                report: Report, max_errors: int) -> Build:
    partial.mkdir(parents=True)  # a dataset of spreadsheets published as they are converts none
    schemas = []
    for resource in definition.resources:
        schema = load_schema(resource.schema_path)
        report.metadata += datagovua.check_column_names(definition.name, schema.field_names())
        report.tables.append(convert_resource(resource, schema, partial, max_errors,
                                              definition.path))
        report.tables[-1].dataset = definition.name
        schemas.append(schema)
    if not report.valid:
        shutil.rmtree(partial, ignore_errors=True)
        return Build(definition.name, report)
    for resource, schema in zip(definition.resources, schemas):
        if not resource.as_is:
            write_structure(schema, partial / f"{resource.name}-structure.csv")
        if resource.publish_source:
            shutil.copyfile(resource.path, partial / source_copy_name(resource))
    write_json(partial / "datapackage.json", datapackage(definition, schemas, partial))
    manifest = make_manifest(definition, root, partial)
    write_json(partial / "manifest.json", manifest)
    folder = output / definition.name
    shutil.rmtree(folder, ignore_errors=True)
    partial.replace(folder)
    return Build(definition.name, report, folder, manifest)


def builds_json(builds: list[Build], lang: str) -> dict:
    """``build --format json``: what was built, and the findings that stopped the rest."""
    return {"built": all(b.folder for b in builds),
            "datasets": [{"dataset": b.dataset, "built": b.folder is not None,
                          "folder": str(b.folder) if b.folder else None,
                          "files": b.manifest["files"] if b.manifest else [],
                          "validation": b.report.json(lang)} for b in builds]}


def convert_resource(resource: Resource, schema: Schema, folder: Path, max_errors: int,
                     definition_path: Path):
    sheet = table_sheet(resource.require_source(definition_path), schema, resource.sheet,
                        resource.header_row, resource.encoding, resource.delimiter,
                        resource.skip_hidden)
    scan = TableScan(sheet, schema, resource.header_row, max_errors,
                     outputs=tuple(resource.formats), totals_rows=resource.totals_rows)
    with ExitStack() as stack:
        outputs = [(format_, stack.enter_context(atomic_write(
                       folder / f"{resource.name}.{format_}"))) for format_ in resource.formats]
        write_tables(scan, outputs)
        if scan.report.errors:
            raise Discard
    return scan.report


def datapackage(definition: Definition, schemas: list[Schema], folder: Path) -> dict:
    passport = definition.passport
    package = {"name": definition.name, "title": passport.get("title", ""),
               "description": " ".join(str(passport.get("description", "")).split())}
    if passport.get("keywords"):
        package["keywords"] = passport["keywords"]
    if passport.get("licenses"):
        package["licenses"] = passport["licenses"]
    resources = []
    for resource, schema in zip(definition.resources, schemas):
        for format_ in resource.formats:
            name = resource.name if format_ == "csv" else f"{resource.name}-{format_}"
            resources.append(file_resource(folder, f"{resource.name}.{format_}", name,
                                           resource.title, format_, public_schema(schema)))
        if not resource.as_is:
            resources.append(file_resource(folder, f"{resource.name}-structure.csv",
                                           f"{resource.name}-structure",
                                           f"Структура: {resource.title or resource.name}",
                                           "csv", STRUCTURE_SCHEMA))
        if resource.publish_source:
            copy = source_copy_name(resource)
            described = file_resource(
                folder, copy, resource.name if resource.as_is else f"{resource.name}-source",
                resource.title if resource.as_is
                else f"{resource.title or resource.name} (вихідна таблиця)",
                copy.rsplit(".", 1)[-1], None)
            resources.append({"name": described.pop("name"), "type": "file", **described})
    package["resources"] = resources
    return package


def file_resource(folder: Path, path: str, name: str, title: str, format_: str,
                  schema: dict | None) -> dict:
    described: dict = {"name": name, "path": path}
    if title:
        described["title"] = title
    described.update({"format": format_, "mediatype": MEDIA_TYPES[format_],
                      "encoding": "utf-8", "bytes": (folder / path).stat().st_size,
                      "hash": f"sha256:{sha256_of(folder / path)}", "schema": schema})
    if schema is None:  # the source spreadsheet: a file, published as it is
        del described["encoding"], described["schema"]
    return described


def source_copy_name(resource: Resource) -> str:
    """A stable name for the published copy of the source, whatever staff call the file. A
    resource published as it is keeps its own name: adopted, it is the portal's file name,
    so that its URL stays."""
    suffix = resource.path.suffix.lower()
    return f"{resource.name}{suffix}" if resource.as_is else f"{resource.name}-source{suffix}"


def public_schema(schema: Schema) -> dict:
    """The schema of the published file, which holds values in their standard form: missing
    values empty, ISO dates, "." decimals, true/false. The options that described the
    source's way of writing (format patterns, decimalChar, trueValues…) are gone, and limits
    written that way are rewritten, so the package never contradicts its own files."""
    descriptor: dict = {"fields": [public_field(f) for f in schema.fields]}
    if schema.primary_key:
        descriptor["primaryKey"] = schema.primary_key
    return descriptor


SOURCE_OPTIONS = ("decimalChar", "groupChar", "bareNumber", "trueValues", "falseValues")


def public_field(f: Field) -> dict:
    described = dict(f.descriptor)
    rewritten = any(key in described for key in SOURCE_OPTIONS) or (
        f.type in ("date", "datetime", "time") and f.format != "default")
    if not rewritten:
        return described
    for key in SOURCE_OPTIONS:
        described.pop(key, None)
    if f.type in ("date", "datetime", "time"):
        described.pop("format", None)
    cast = cells.caster(f)
    constraints = dict(described.get("constraints") or {})
    for key in ("minimum", "maximum"):
        if key in constraints:
            constraints[key] = public_value(cast(schema_value(constraints[key])))
    if "enum" in constraints:
        constraints["enum"] = [public_value(cast(schema_value(v))) for v in constraints["enum"]]
    if constraints:
        described["constraints"] = constraints
    return described


def public_value(value):
    """A typed value as a JSON schema states it: numbers as numbers, the rest as text."""
    if isinstance(value, bool) or isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return cells.standard_text(value)


def make_manifest(definition: Definition, root: Path, folder: Path) -> dict:
    files = [{"path": p.name, "bytes": p.stat().st_size, "sha256": sha256_of(p)}
             for p in sorted(folder.iterdir()) if p.is_file()]
    sources = [{"resource": r.name, "path": project_path(r.path, root),
                "sha256": sha256_of(r.path)} for r in definition.resources]
    return {"dataset": definition.name, "files": files, "sources": sources}


def project_path(path: Path, root: Path) -> str:
    """``path`` as written in the manifest: relative to the project, the same on every machine."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def write_json(path: Path, data: dict) -> None:
    with atomic_write(path) as file:
        file.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
