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

from .errors import DefinitionError

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
    """Read a Table Schema (YAML/JSON) or an 835 CSVW ``schema.json`` from ``path``."""
    descriptor = read_descriptor(path)
    if "tableSchema" in descriptor:
        descriptor, _changes = import_csvw_file(path)
    return schema_from_descriptor(descriptor, str(path))


def read_descriptor(path: str | Path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise DefinitionError("schema-not-found", path=str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
        descriptor = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as error:
        raise DefinitionError("schema-unreadable", path=str(path), reason=one_line(error))
    if not isinstance(descriptor, dict):
        raise DefinitionError("schema-invalid", path=str(path), reason="not a mapping")
    return descriptor


def schema_from_descriptor(descriptor: dict, path: str) -> Schema:
    """Check a Table Schema descriptor and build a :class:`Schema` from it."""

    def invalid(reason: str):
        return DefinitionError("schema-invalid", path=path, reason=reason)

    raw_fields = descriptor.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise invalid("'fields' must be a non-empty list")
    fields = []
    for number, raw in enumerate(raw_fields, start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"]:
            raise invalid(f"field {number} has no name")
        fields.append(field_from_descriptor(raw, invalid))
    names = [f.name for f in fields]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise invalid(f"duplicate field names: {', '.join(duplicates)}")
    primary_key = descriptor.get("primaryKey") or []
    if isinstance(primary_key, str):
        primary_key = [primary_key]
    unknown = [name for name in primary_key if name not in names]
    if unknown:
        raise invalid(f"primaryKey names unknown fields: {', '.join(unknown)}")
    missing_values = descriptor.get("missingValues", [""])
    if not isinstance(missing_values, list) or not all(isinstance(v, str) for v in missing_values):
        raise invalid("'missingValues' must be a list of strings")
    return Schema(fields, list(primary_key), missing_values, descriptor, path)


def field_from_descriptor(raw: dict, invalid) -> Field:
    name = raw["name"]
    type_ = raw.get("type", "string")
    if type_ not in TYPES:
        raise invalid(f"field '{name}': unknown type '{type_}' (known: {', '.join(TYPES)})")
    format_ = raw.get("format", "default")
    if type_ == "string" and format_ not in STRING_FORMATS:
        raise invalid(f"field '{name}': unknown string format '{format_}'")
    constraints = raw.get("constraints") or {}
    unknown = sorted(set(constraints) - set(CONSTRAINTS))
    if unknown:
        raise invalid(f"field '{name}': unknown constraints {', '.join(unknown)}")
    if "pattern" in constraints:
        try:
            re.compile(constraints["pattern"])
        except re.error as error:
            raise invalid(f"field '{name}': pattern does not compile ({error})")
    if "enum" in constraints and not isinstance(constraints["enum"], list):
        raise invalid(f"field '{name}': enum must be a list")
    return Field(name=name, type=type_, format=format_, title=raw.get("title", ""),
                 description=raw.get("description", ""), constraints=dict(constraints),
                 descriptor=raw)


def import_csvw_file(path: str | Path) -> tuple[dict, list[tuple[str, dict]]]:
    """Read an 835 CSVW ``schema.json`` and import it (see :func:`import_csvw`)."""
    csvw = read_descriptor(path)
    columns = csvw.get("tableSchema", {}).get("columns") if isinstance(csvw, dict) else None
    if not isinstance(columns, list) or not all(isinstance(c, dict) and "name" in c
                                                for c in columns):
        raise DefinitionError("schema-invalid", path=str(path),
                              reason="not a CSVW schema (no tableSchema.columns)")
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
            new = next(f"{name}_{n}" for n in range(2, 100) if f"{name}_{n}" not in seen)
            changes.append(("import-name-duplicate", {"old": name, "new": new}))
            name = new
        seen.add(name)
        fields.append(csvw_field(name, column, changes))
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


def csvw_field(name: str, column: dict, changes: list) -> dict:
    datatype = column.get("datatype", "string")
    type_, format_ = CSVW_TYPES.get(datatype, ("string", None))
    if datatype not in CSVW_VALID_TYPES:  # a misspelling such as anyURL
        new = f"{type_}/{format_}" if format_ else type_
        changes.append(("import-datatype", {"field": name, "old": datatype, "new": new}))
    result: dict = {"name": name}
    if column.get("title"):
        result["title"] = " ".join(column["title"].split())
    if column.get("description"):
        result["description"] = " ".join(column["description"].split())
    result["type"] = type_
    if format_:
        result["format"] = format_
    if column.get("required") in (True, "true"):
        result["constraints"] = {"required": True}
    return result


def csvw_primary_key(raw, names: list[str], changes: list) -> list[str]:
    if not raw:
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
