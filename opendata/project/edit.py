"""Changing a project's files for people who do not edit YAML: the passport of a dataset,
and a resource's workbook replaced by a new version.

The passport is written back with a round-trip YAML library (ruamel.yaml): the file keeps
its order, comments and quoting, and only the lines of the fields that changed change. A
replaced workbook is kept first in ``.opendata/previous/<dataset>/``, so that a wrong upload
can be undone.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

from opendata.errors import DefinitionError
from opendata.paths import atomic_write, inside
from opendata.project import datagovua
from opendata.project.definition import DEFINITION_FILE, Definition, Resource

PREVIOUS = Path(".opendata") / "previous"
# the passport fields the desk's form edits; dotted ones are nested (maintainer.name)
FORM_FIELDS = ("title", "description", "keywords", "purpose", "update_frequency",
               "language", "license", "maintainer.name", "maintainer.email")


TOP_KEY = re.compile(r"^([^\s#'\"-][^:]*):", re.MULTILINE)


def save_passport(definition: Definition, values: dict[str, object]) -> list[str]:
    """Write ``values`` (form field → value) into the definition's datapackage.yaml; the
    fields whose value is unchanged are not touched. Returns the fields written.

    ruamel.yaml makes the new text of the fields that changed; every other top-level entry
    keeps its own lines exactly (a YAML dumper may still respell what it did not change:
    indentation, a flow mapping), so the file's diff is what was edited."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    path = definition.folder / DEFINITION_FILE
    text = path.read_text(encoding="utf-8")
    document, indent, block_indent = load_yaml_guess_indent(text)
    changed = [name for name, value in values.items()
               if name in FORM_FIELDS and put(document, name, value)]
    if not changed:
        return []
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # a long description stays on its line
    yaml.indent(mapping=indent or 2, sequence=(indent or 2) + (block_indent or 0),
                offset=block_indent or 0)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    edited = {("licenses" if name == "license" else name.split(".")[0]) for name in changed}
    head, old_blocks = blocks(text)
    _head, new_blocks = blocks(buffer.getvalue())
    merged = head + "".join(new_blocks[key] if key in edited or key not in old_blocks
                            else old_blocks[key] for key in new_blocks)
    with atomic_write(path) as file:
        file.write(merged)
    return changed


def put(document, name: str, value: object) -> bool:  # type: ignore[no-untyped-def]
    """Set a form field in the loaded document; whether that changes it."""
    if name == "license":
        current = [(item.get("name") if isinstance(item, dict) else item)
                   for item in document.get("licenses") or []]
        if current[:1] == [value]:
            return False
        document["licenses"] = [{"name": value}]
        return True
    holder, key = document, name
    if "." in name:
        parent, key = name.split(".", 1)
        if not isinstance(document.get(parent), dict):
            document[parent] = {}
        holder = document[parent]
    old = holder.get(key)
    if old == value or (name == "update_frequency" and old is not None and
                        datagovua.frequency_value(str(old)) is not None and
                        datagovua.frequency_value(str(old)) ==
                        datagovua.frequency_value(str(value))):
        return False  # the same frequency, as its value or its Ukrainian label
    if name == "keywords" and datagovua.keywords_of({"keywords": old}) == value:
        return False  # one line «a, b; c» is the same keywords as a list
    if isinstance(old, list) and isinstance(value, list):
        old[:] = value  # the list keeps its style: [a, b] stays on one line
    else:
        holder[key] = value
    return True


def blocks(text: str) -> tuple[str, dict[str, str]]:
    """The text before the first top-level key, and each top-level key's lines (its
    comments and blank lines after it included), in order."""
    starts = [(m.start(), m.group(1).strip()) for m in TOP_KEY.finditer(text)]
    head = text[:starts[0][0]] if starts else text
    found = {}
    for (start, key), (end, _next) in zip(starts, [*starts[1:], (len(text), "")]):
        found[key] = text[start:end]
    return head, found


def replace_source(definition: Definition, resource: Resource, data: bytes, root: Path) -> Path:
    """Put ``data`` in place of the resource's workbook, the one the definition names; the
    old one is kept under .opendata/previous/ first. Returns where it was kept."""
    target = resource.path
    kept = inside(root / PREVIOUS / definition.name,
                  f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%f}-{target.name}", str(root))
    kept.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file():
        shutil.copy2(target, kept)
    with atomic_write(target, binary=True) as file:
        file.write(data)
    return kept


def previous_versions(definition: Definition, resource: Resource, root: Path) -> list[Path]:
    """The kept versions of the resource's workbook, newest first."""
    folder = root / PREVIOUS / definition.name
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.name.endswith(f"-{resource.path.name}")),
                  reverse=True)


def undo_replace(definition: Definition, resource: Resource, root: Path) -> Path:
    """Bring back the newest kept version of the resource's workbook (it leaves the
    folder of previous versions)."""
    versions = previous_versions(definition, resource, root)
    if not versions:
        raise DefinitionError("desk-nothing-to-undo", name=resource.name)
    versions[0].replace(resource.path)
    return resource.path
