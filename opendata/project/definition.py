"""Dataset definitions: ``datasets/<name>/datapackage.yaml``.

A definition is a Frictionless Data Package descriptor with data.gov.ua's passport fields as
extra properties (purpose, update_frequency, language, maintainer…) and, per resource, where
the source spreadsheet is, which sheet, and which Table Schema it follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from opendata.errors import DefinitionError
from opendata.paths import sha256_of
from opendata.project import datagovua
from opendata.read.limits import load_yaml, read_descriptor_text

DEFINITION_FILE = "datapackage.yaml"
# The Data Package rule for resource names: it also keeps the portal's file names (which
# CKAN lowercases and strips of anything else) equal to ours.
RESOURCE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")


@dataclass
class Resource:
    name: str
    path: Path  # the source spreadsheet or CSV
    schema_path: Path
    title: str = ""
    sheet: str | None = None
    header_row: int | None = None  # only when the header cannot be found from the schema
    encoding: str | None = None
    delimiter: str | None = None
    formats: list[str] = field(default_factory=lambda: ["csv"])
    publish_source: bool = False  # also publish the spreadsheet itself, as it is
    totals_rows: bool = True  # a last row such as «Разом» is a totals row, not a record
    portal_format: str | None = None  # the format the portal shows, if not the extension's
    skip_hidden: bool = False  # hidden_rows: skip — the rows Excel hides are left out
    origin: tuple[Path, str] | None = None  # the workbook `new` copied, and its sha256

    @property
    def original_changed(self) -> bool:
        """Whether the workbook ``new`` copied was changed after the copy: the one staff
        edit is then not the one published."""
        if self.origin is None or not self.origin[0].is_file():
            return False
        now = sha256_of(self.origin[0])
        return now != self.origin[1] and not (self.path.is_file() and now == sha256_of(
            self.path))

    @property
    def as_is(self) -> bool:
        """Published only as the spreadsheet itself (``formats: []``), as ``adopt`` takes
        over a file uploaded by hand: no converted files, no structure file."""
        return not self.formats

    def require_source(self, definition: Path) -> Path:
        """The source file; a missing one is a broken definition, said as such."""
        if not self.path.is_file():
            raise DefinitionError("resource-source-missing", path=str(shown(definition)),
                                  resource=self.name, source=str(self.path))
        return self.path


@dataclass
class Definition:
    name: str
    folder: Path
    passport: dict  # the descriptor with the project's defaults filled in
    resources: list[Resource]
    # resources of the portal that are not kept in files (links, documents): publish never
    # changes or removes them; each {id, name, format, url}, as ``adopt`` found them
    portal_only: list[dict] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.folder / DEFINITION_FILE


# what YAML's parser says → what people most likely wrote, and how to fix it
YAML_HINTS = (("mapping values are not allowed", "yaml-hint-colon"),
              ("found character '\\t'", "yaml-hint-tab"),
              ("written twice", "yaml-hint-twice"),
              ("could not find expected ':'", "yaml-hint-colon"),
              ("expected <block end>", "yaml-hint-indent"),
              ("did not find expected key", "yaml-hint-indent"))


def yaml_error(path: Path, error: yaml.MarkedYAMLError) -> DefinitionError:
    """A YAML mistake in the staff's terms: the line, and the likely fix."""
    mark = error.problem_mark or error.context_mark
    said = f"{error.problem or ''} {error.context or ''}"
    if "aliases (*name)" in said or "(max_nesting)" in said:  # our limits: said as they are
        return DefinitionError("definition-unreadable", path=str(path),
                               reason=" ".join(str(error).split())[:300])
    hint = next((code for words, code in YAML_HINTS if words in said), "yaml-hint-general")
    return DefinitionError("definition-yaml", path=str(path),
                           line=mark.line + 1 if mark else "?", hint=hint)


def load_definition(folder: Path, defaults: dict | None = None,
                    root: Path | None = None) -> Definition:
    """Load ``folder``'s definition. Every file it names must lie inside ``root`` (the
    project; by default two folders up, as ``datasets/<name>/`` sits), symlinks resolved:
    a definition cannot publish ``/etc/passwd`` or ``../../secret.xlsx``."""
    path = folder / DEFINITION_FILE
    root = (root or folder.parent.parent).resolve()
    try:
        descriptor = load_yaml(read_descriptor_text(path))
    except FileNotFoundError:
        raise DefinitionError("definition-unreadable", path=str(path),
                              reason="no such file") from None
    except yaml.MarkedYAMLError as error:
        raise yaml_error(path, error) from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as error:
        raise DefinitionError("definition-unreadable", path=str(path),
                              reason=" ".join(str(error).split())[:300]) from None
    if not isinstance(descriptor, dict):
        raise DefinitionError("definition-invalid", path=str(path),
                              reason="expected a mapping of fields (name, title, resources…)")
    passport = datagovua.normalised_passport({**(defaults or {}), **descriptor})
    raw_resources = descriptor.get("resources")
    if not isinstance(raw_resources, list) or not raw_resources:
        raise DefinitionError("definition-invalid", path=str(path),
                              reason="'resources' must list at least one resource")
    resources = [load_resource(raw, folder, path, n, root)
                 for n, raw in enumerate(raw_resources, 1)]
    names = [r.name for r in resources]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise DefinitionError("definition-invalid", path=str(path),
                              reason=f"resource names repeat: {', '.join(repeated)}")
    portal_only = descriptor.get("portal_only") or []
    if not isinstance(portal_only, list) or not all(
            isinstance(r, dict) and isinstance(r.get("id"), str) for r in portal_only):
        raise DefinitionError("definition-invalid", path=str(path),
                              reason="'portal_only' must list resources, each with its 'id'")
    return Definition(str(descriptor.get("name") or folder.name), folder, passport, resources,
                      portal_only)


def resource_name_for(name: str) -> str:
    """A valid resource name for ``name``: «Рішення» → rishennia, Decisions → decisions."""
    from opendata.build.infer import transliterate

    slug = re.sub(r"[^a-z0-9._-]+", "-", transliterate(name).lower()).strip("-._")
    return slug[:100] or "data"


def shown(path: Path) -> Path:
    """``path`` relative to the current folder when inside it: what people see in messages."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def load_resource(raw, folder: Path, path: Path, number: int, root: Path) -> Resource:
    def invalid(reason: str):
        return DefinitionError("definition-invalid", path=str(path),
                               reason=f"resource {number}: {reason}")

    if not isinstance(raw, dict):
        raise invalid("expected a mapping (name, path, schema…)")
    for key in ("name", "path", "schema"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise invalid(f"'{key}' is required")
    if not RESOURCE_NAME.fullmatch(raw["name"]):
        raise DefinitionError("resource-name-invalid", path=str(path), name=raw["name"],
                              suggestion=resource_name_for(raw["name"]))
    source = folder / raw["path"]
    for key, target in (("path", source), ("schema", folder / raw["schema"])):
        try:
            inside = target.resolve().is_relative_to(root)
        except (RuntimeError, OSError):  # a symbolic link that leads back to itself
            raise invalid(f"'{key}' is a link that leads nowhere: {raw[key]}") from None
        if not inside:
            raise DefinitionError("resource-outside-project", path=str(path), key=key,
                                  target=raw[key], root=str(root))
    encoding = raw.get("encoding")
    if encoding is not None:
        try:
            "".encode(str(encoding))
        except LookupError:  # unknown, or a codec that is not a text encoding (rot13)
            raise invalid(f"'encoding' must be a text encoding such as utf-8 or cp1251, "
                          f"not {str(encoding)[:40]}") from None
    delimiter = raw.get("delimiter")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1
                                  or delimiter in "\r\n\"" or delimiter.isalnum()):
        raise invalid("'delimiter' must be one character such as ; or , (a tab: \"\\t\")")
    header_row = raw.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise invalid("'header_row' must be a row number (1, 2, …)")
    totals_rows = raw.get("totals_rows", True)
    if not isinstance(totals_rows, bool):
        raise invalid("'totals_rows' must be true or false")
    origin = raw.get("origin")
    if origin is not None and not (isinstance(origin, dict) and isinstance(
            origin.get("path"), str) and isinstance(origin.get("sha256"), str)):
        raise invalid("'origin' is where new took the workbook: {path: …, sha256: …}")
    hidden_rows = raw.get("hidden_rows", "publish")
    if hidden_rows not in ("publish", "skip"):
        raise invalid("'hidden_rows' must be publish (the default) or skip")
    formats = raw.get("formats", ["csv"])
    if not isinstance(formats, list) or not set(formats) <= {"csv", "json"}:
        raise invalid("'formats' must list csv and/or json")
    if not formats and raw.get("publish_source") is not True:
        raise invalid("nothing to publish: list 'formats' or set 'publish_source: true'")
    portal_format = raw.get("portal_format")
    if portal_format is not None and (formats or not isinstance(portal_format, str)):
        raise invalid("'portal_format' is the portal's label of a file published as it is "
                      "(formats: [])")
    return Resource(name=raw["name"], path=shown(source), schema_path=shown(folder / raw["schema"]),
                    title=raw.get("title", ""), sheet=raw.get("sheet"), header_row=header_row,
                    encoding=encoding, delimiter=delimiter,
                    formats=formats, publish_source=raw.get("publish_source") is True,
                    totals_rows=totals_rows, portal_format=portal_format,
                    skip_hidden=hidden_rows == "skip",
                    origin=(Path(origin["path"]), origin["sha256"]) if origin else None)
