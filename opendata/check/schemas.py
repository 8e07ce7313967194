"""Frictionless Table Schemas: loading them, and importing the 835 standards' CSVW files.

The project's format is the Table Schema (YAML or JSON). A CSVW ``schema.json`` of the
official structure standards is accepted anywhere a schema is, and is normalised on import:
the standards carry stray spaces, tabs, U+2028 and Cyrillic letters in field names,
``anyURL`` for ``anyURI``, duplicate columns and primary keys that are not unique.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from opendata.check.codes import with_code_patterns
from opendata.errors import DefinitionError
from opendata.read.limits import load_json, load_yaml, read_descriptor_text

TYPES = ("string", "integer", "number", "date", "datetime", "time", "year", "boolean", "any")
STRING_FORMATS = ("default", "email", "uri")
CONSTRAINTS = ("required", "unique", "enum", "minimum", "maximum", "pattern", "minLength",
               "maxLength")

# CSVW datatypes of the 835 standards (and their misspellings) as Table Schema types.
CSVW_TYPES = {
    "string": ("string", None),
    "integer": ("integer", None),
    "decimal": ("number", None),
    "number": ("number", None),
    "double": ("number", None),
    "boolean": ("boolean", None),
    "date": ("date", None),
    "dateTime": ("datetime", None),
    "datetime": ("datetime", None),
    "time": ("time", None),
    "anyURI": ("string", "uri"),
    "anyURL": ("string", "uri"),
}

CSVW_VALID_TYPES = ("string", "integer", "decimal", "number", "double", "boolean", "date",
                    "dateTime", "time", "anyURI")

# Cyrillic letters that look Latin; the standards have e.g. "isVersionOfІd" with a Cyrillic І.
HOMOGLYPHS = str.maketrans("АВЕІКМНОРСТХаеіорсух", "ABEIKMHOPCTXaeiopcyx")


@dataclass
class Field:
    name: str
    type: str = "string"
    format: str = "default"
    title: str = ""
    description: str = ""
    constraints: dict = field(default_factory=dict)
    descriptor: dict = field(default_factory=dict)  # as written, for options like trueValues

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def label(self) -> str:
        """How people know the column: its title if the schema has one."""
        return self.title or self.name


@dataclass
class Schema:
    fields: list[Field]
    primary_key: list[str] = field(default_factory=list)
    missing_values: list[str] = field(default_factory=lambda: [""])
    descriptor: dict = field(default_factory=dict)
    path: str | None = None

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def load_schema(path: str | Path) -> Schema:
    """Read a Table Schema (YAML/JSON) or an 835 CSVW ``schema.json`` from ``path`` (a
    standard's name is resolved to its file by ``standards.catalogue.resolve``)."""
    descriptor = read_descriptor(path)
    if "tableSchema" in descriptor:
        descriptor, _changes = import_csvw_file(path)
    return schema_from_descriptor(descriptor, str(path))


def read_descriptor(path: str | Path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise DefinitionError("schema-not-found", path=str(path))
    try:
        text = read_descriptor_text(path)
        descriptor = load_json(text) if path.suffix == ".json" else load_yaml(text)
    except (UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError, RecursionError,
            OSError) as error:
        raise DefinitionError("schema-unreadable", path=str(path),
                              reason=one_line(error)[:300]) from None
    if not isinstance(descriptor, dict):
        raise DefinitionError("schema-invalid", path=str(path), reason="not a mapping")
    return descriptor


def schema_from_descriptor(descriptor: dict, path: str) -> Schema:
    """Check a Table Schema descriptor and build a :class:`Schema` from it. A schema that
    breaks the Table Schema profile, or asks for something opendata cannot honour, is
    refused naming the field and the key: never half-applied."""

    def invalid(reason: str):
        return DefinitionError("schema-invalid", path=path, reason=reason)

    raw_fields = descriptor.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise invalid("'fields' must be a non-empty list")
    for key in UNSUPPORTED_SCHEMA_KEYS:
        if key in descriptor:
            raise invalid(f"'{key}' is not supported by opendata; remove it")
    fields = []
    for number, raw in enumerate(raw_fields, start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
            raise invalid(f"field {number} has no name")
        if len(raw["name"]) > MAX_NAME_LENGTH:
            raise invalid(f"field {number}: the name is longer than {MAX_NAME_LENGTH} characters")
        fields.append(field_from_descriptor(raw, invalid))
    names = [f.name for f in fields]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise invalid(f"duplicate field names: {', '.join(duplicates)}")
    primary_key = descriptor.get("primaryKey") or []
    if isinstance(primary_key, str):
        primary_key = [primary_key]
    if not isinstance(primary_key, list) or not all(isinstance(n, str) for n in primary_key):
        raise invalid("'primaryKey' must be a field name or a list of field names")
    unknown = [name for name in primary_key if name not in names]
    if unknown:
        raise invalid(f"primaryKey names unknown fields: {', '.join(unknown)}")
    missing_values = descriptor.get("missingValues", [""])
    if not isinstance(missing_values, list) or not all(isinstance(v, str) for v in missing_values):
        raise invalid("'missingValues' must be a list of strings")
    profile_errors(descriptor, invalid)
    return Schema(fields, list(primary_key), missing_values, descriptor, path)


# Table Schema keys with a meaning opendata does not implement: refused, not ignored.
UNSUPPORTED_SCHEMA_KEYS = ("foreignKeys", "uniqueKeys", "fieldsMatch")
UNSUPPORTED_FIELD_KEYS = ("missingValues", "categories", "categoriesOrdered", "floatNumber")
UNSUPPORTED_CONSTRAINTS = ("exclusiveMinimum", "exclusiveMaximum", "jsonSchema")
MAX_NAME_LENGTH = 1000
# Options of a type, and the types they belong to.
TYPE_OPTIONS = {"trueValues": ("boolean",), "falseValues": ("boolean",),
                "decimalChar": ("number",), "groupChar": ("number",),
                "bareNumber": ("number", "integer")}
ORDERED = ("integer", "number", "date", "datetime", "time", "year")  # minimum, maximum


def field_from_descriptor(raw: dict, invalid) -> Field:
    name = raw["name"]

    def wrong(key: str, reason: str):
        return invalid(f"field '{name}', '{key}': {reason}")

    type_ = raw.get("type", "string")
    if type_ not in TYPES:
        raise wrong("type", f"unknown type '{type_}' (known: {', '.join(TYPES)})")
    format_ = raw.get("format", "default")
    if not isinstance(format_, str):
        raise wrong("format", "must be text")
    if type_ == "string" and format_ not in STRING_FORMATS:
        raise wrong("format", f"unknown string format '{format_}' "
                              f"(known: {', '.join(STRING_FORMATS)})")
    if type_ in ("date", "datetime", "time") and format_ != "default":
        if format_ == "any" or "%" not in format_:
            raise wrong("format", f"'{format_}' is not supported; give a pattern such as "
                                  "%d.%m.%Y, or leave it out for ISO 8601")
    elif type_ not in ("string",) and format_ != "default":
        raise wrong("format", f"type '{type_}' has no format '{format_}'")
    for key in UNSUPPORTED_FIELD_KEYS:
        if key in raw:
            raise wrong(key, "not supported by opendata; remove it")
    for key, types in TYPE_OPTIONS.items():
        if key in raw and type_ not in types:
            raise wrong(key, f"applies to {' and '.join(types)} fields only")
    for key in ("trueValues", "falseValues"):
        if key in raw and (not isinstance(raw[key], list) or
                           not all(isinstance(v, str) for v in raw[key])):
            raise wrong(key, "must be a list of texts")
    for key in ("decimalChar", "groupChar"):
        if key in raw and (not isinstance(raw[key], str) or len(raw[key]) != 1):
            raise wrong(key, "must be one character")
    if "bareNumber" in raw and not isinstance(raw["bareNumber"], bool):
        raise wrong("bareNumber", "must be true or false")
    constraints = raw.get("constraints") or {}
    if not isinstance(constraints, dict):
        raise wrong("constraints", "must be a mapping such as {required: true}")
    unknown = sorted(set(constraints) - set(CONSTRAINTS))
    if unknown:
        supported = [k for k in unknown if k in UNSUPPORTED_CONSTRAINTS]
        raise wrong(f"constraints/{unknown[0]}", "not supported by opendata" if supported
                    else f"unknown constraint (known: {', '.join(CONSTRAINTS)})")
    result = Field(name=name, type=type_, format=format_, title=raw.get("title") or "",
                   description=raw.get("description") or "", constraints=dict(constraints),
                   descriptor=raw)
    check_constraints(result, wrong)
    return result


def check_constraints(f: Field, wrong) -> None:
    """Each constraint is of the kind its key needs, and its values fit the field's type."""
    from opendata.check.cells import INVALID, caster

    constraints = f.constraints
    for key in ("required", "unique"):
        if key in constraints and not isinstance(constraints[key], bool):
            raise wrong(f"constraints/{key}", "must be true or false")
    for key in ("minLength", "maxLength"):
        value = constraints.get(key)
        if key in constraints and (isinstance(value, bool) or not isinstance(value, int)
                                   or value < 0):
            raise wrong(f"constraints/{key}", "must be a whole number, 0 or more")
    if "pattern" in constraints:
        if f.type != "string":
            raise wrong("constraints/pattern", "applies to string fields only")
        check_pattern(constraints["pattern"], lambda reason: wrong("constraints/pattern",
                                                                   reason))
    cast = caster(f)
    for key in ("minimum", "maximum"):
        if key in constraints:
            if f.type not in ORDERED:
                raise wrong(f"constraints/{key}", f"type '{f.type}' has no {key}")
            if cast(schema_value(constraints[key])) is INVALID:
                raise wrong(f"constraints/{key}", f"{constraints[key]!r} is not a valid "
                                                  f"{f.type} value for this field")
    if "enum" in constraints:
        enum = constraints["enum"]
        if not isinstance(enum, list) or not enum:
            raise wrong("constraints/enum", "must be a non-empty list")
        bad = [v for v in enum if cast(schema_value(v)) is INVALID]
        if bad:
            raise wrong("constraints/enum", f"{bad[0]!r} is not a valid {f.type} value")


def schema_value(value):
    """A value written in a schema (YAML may give numbers, dates or text) as a cell would
    hold it."""
    import datetime as dt

    if isinstance(value, (bool, int, float, dt.date, dt.time)):
        return value
    return str(value)


def check_pattern(pattern, fail) -> None:
    """A pattern must be text that RE2 compiles: RE2 runs in time linear in the text, so a
    hostile pattern cannot hang validation (lookarounds and backreferences are refused)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(pattern, str):
        raise fail("must be text (a regular expression)")
    try:
        pc.match_substring_regex(pa.array([""]), f"^(?:{pattern})$")
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        raise fail(f"does not compile as a linear-time (RE2) regular expression: "
                   f"{one_line(error).removeprefix('Invalid regular expression: ')}")


# Keys whose every rule the checks above apply; a schema with others is also checked
# against the profile by frictionless-py (whose import costs a quarter of a second).
CHECKED_SCHEMA_KEYS = {"fields", "primaryKey", "missingValues", "title", "description"}
CHECKED_FIELD_KEYS = {"name", "title", "description", "type", "format", "constraints",
                      "trueValues", "falseValues", "decimalChar", "groupChar", "bareNumber"}


def profile_errors(descriptor: dict, invalid) -> None:
    """The Table Schema profile, as frictionless-py checks it: what the rules above do not
    cover (a custom key of the wrong shape, say) is still refused, naming the field."""
    for raw in descriptor["fields"]:
        for key in ("title", "description"):
            if not isinstance(raw.get(key, ""), str):
                raise invalid(f"field '{raw['name']}', '{key}': must be text")
    if set(descriptor) <= CHECKED_SCHEMA_KEYS and all(
            set(raw) <= CHECKED_FIELD_KEYS for raw in descriptor["fields"]):
        return
    from frictionless import Field as FrictionlessField
    from frictionless import Schema as FrictionlessSchema

    for raw in descriptor["fields"]:
        report = FrictionlessField.validate_descriptor(raw)
        if report.errors:
            raise invalid(f"field '{raw['name']}': {report.errors[0].note}")
    report = FrictionlessSchema.validate_descriptor(descriptor)
    if report.errors:
        raise invalid(report.errors[0].note)


def import_csvw_file(path: str | Path) -> tuple[dict, list[tuple[str, dict]]]:
    """Read an 835 CSVW ``schema.json`` and import it (see :func:`import_csvw`)."""
    csvw = read_descriptor(path)
    table = csvw.get("tableSchema")
    columns = table.get("columns") if isinstance(table, dict) else None
    if not isinstance(columns, list) or not columns or not all(
            isinstance(c, dict) and "name" in c for c in columns):
        raise DefinitionError("schema-invalid", path=str(path),
                              reason="not a CSVW schema (no tableSchema.columns)")
    for number, column in enumerate(columns, start=1):
        if not isinstance(column["name"], str) or not column["name"].strip():
            raise DefinitionError("schema-invalid", path=str(path),
                                  reason=f"column {number}: 'name' must be text")
        if len(column["name"]) > MAX_NAME_LENGTH:
            raise DefinitionError("schema-invalid", path=str(path), reason=f"column {number}: "
                                  f"the name is longer than {MAX_NAME_LENGTH} characters")
    return import_csvw(csvw)


def import_csvw(csvw: dict) -> tuple[dict, list[tuple[str, dict]]]:
    """Turn an 835 CSVW schema into a Table Schema descriptor.

    Returns the descriptor and the changes made, each a message code with its parameters
    (see ``messages.py``), so the user is told what was fixed in the standard.
    """
    changes: list[tuple[str, dict]] = []
    fields: list[dict] = []
    seen: set[str] = set()
    for column in csvw["tableSchema"]["columns"]:
        name = clean_name(column["name"], changes)
        if name in seen:
            number = 2
            while f"{name}_{number}" in seen:
                number += 1
            changes.append(("import-name-duplicate", {"old": name, "new": f"{name}_{number}"}))
            name = f"{name}_{number}"
        seen.add(name)
        fields.append(csvw_field(name, column, changes))
    changes += with_code_patterns(fields)
    descriptor: dict = {"fields": fields, "missingValues": ["", "null"]}
    changes.append(("import-missing-values", {}))
    primary_key = csvw_primary_key(csvw.get("primaryKey"), [f["name"] for f in fields], changes)
    if primary_key:
        descriptor["primaryKey"] = primary_key
    return descriptor, changes


def clean_name(raw: str, changes: list) -> str:
    name = re.sub(r"\s+", "", raw.replace("\u2028", ""))
    if name != raw:
        changes.append(("import-name-cleaned", {"old": json.dumps(raw), "new": name}))
    latin = name.translate(HOMOGLYPHS)
    if latin != name and re.fullmatch(r"[A-Za-z0-9_]+", latin):
        changes.append(("import-name-latin", {"old": name, "new": latin}))
        name = latin
    return name


def natural_text(value) -> str:
    """A CSVW natural-language property as one text: a string, the first of a list, or the
    Ukrainian (else the first) entry of a language map."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return next((natural_text(v) for v in value if natural_text(v)), "")
    if isinstance(value, dict):
        return natural_text(value.get("uk") or next(iter(value.values()), ""))
    return ""


def csvw_field(name: str, column: dict, changes: list) -> dict:
    datatype = column.get("datatype", "string")
    if isinstance(datatype, dict):  # {"base": "date", "format": …}: the base type
        datatype = datatype.get("base", "string")
    if not isinstance(datatype, str):
        datatype = "string"
    type_, format_ = CSVW_TYPES.get(datatype, ("string", None))
    if datatype not in CSVW_VALID_TYPES:  # a misspelling such as anyURL
        new = f"{type_}/{format_}" if format_ else type_
        changes.append(("import-datatype", {"field": name, "old": datatype, "new": new}))
    result: dict = {"name": name}
    title = natural_text(column.get("title") or column.get("titles"))
    if title:
        result["title"] = " ".join(title.split())
    description = natural_text(column.get("description") or column.get("dc:description"))
    if description:
        result["description"] = " ".join(description.split())
    result["type"] = type_
    if format_:
        result["format"] = format_
    if column.get("required") in (True, "true"):
        result["constraints"] = {"required": True}
    return result


def csvw_primary_key(raw, names: list[str], changes: list) -> list[str]:
    if isinstance(raw, list) and len(raw) == 1:
        raw = raw[0]
    if not raw or not isinstance(raw, str):  # a key of several columns: not the standards'
        return []
    wanted = re.sub(r"\s+", "", raw)
    match = next((n for n in names if n == wanted), None)
    if match is None:
        match = next((n for n in names if n.lower() == wanted.lower()), None)
        if match is None:
            changes.append(("import-primary-key-missing", {"old": raw}))
            return []
        changes.append(("import-primary-key-case", {"old": raw, "new": match}))
    # In the standards a record's own identifier is "uid" or "id"; "projectUid",
    # "motionUid"… name another table's record and repeat, one row per vote or date.
    if re.fullmatch(r".+uid", match, flags=re.IGNORECASE):
        changes.append(("import-primary-key-reference", {"old": match}))
        return []
    return [match]


def dump_yaml(descriptor: dict) -> str:
    """The descriptor as YAML that people can read and edit (Cyrillic kept, key order kept)."""
    return yaml.safe_dump(descriptor, allow_unicode=True, sort_keys=False, width=100)


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())
