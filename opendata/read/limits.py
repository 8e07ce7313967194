"""Limits on what opendata reads, declared here and enforced before the work starts.

A council's real files never come near them; a broken or hostile file (a YAML "billion
laughs", a workbook that claims a cell at XFD1048576, a zip bomb, a 100,000-digit number)
meets them at once, with a message naming the limit and how to raise it: the ``[limits]``
table of ``opendata.toml``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from opendata.errors import DefinitionError


@dataclass
class Limits:
    max_cells: int = 20_000_000  # cells of one sheet, from its first to its last used cell
    max_columns: int = 16_384  # Excel's own limit
    max_cell_chars: int = 1_048_576  # one cell of a CSV (Excel holds 32,767)
    max_unzipped_bytes: int = 2 << 30  # what a workbook's zip may unpack to
    max_zip_ratio: int = 200  # unpacked / packed size of a workbook part over 10 MB
    max_descriptor_bytes: int = 10 << 20  # a dataset definition or a schema file
    max_nesting: int = 64  # levels of mappings and lists in a definition or schema
    max_number_chars: int = 100  # a number's text: longer is not a number we publish
    reader_seconds: int = 60  # a workbook read in a separate process (xls, ods)
    reader_megabytes: int = 1024  # its memory


LIMITS = Limits()
# what a limit may be raised to: past these no machine has the memory or the patience, and
# the operating system refuses them
MAXIMA = {"max_cells": 1 << 40, "max_columns": 16_384, "max_cell_chars": 1 << 31,
          "max_unzipped_bytes": 1 << 40, "max_zip_ratio": 1 << 20,
          "max_descriptor_bytes": 1 << 31, "max_nesting": 1000, "max_number_chars": 1 << 20,
          "reader_seconds": 86_400, "reader_megabytes": 1 << 20}


def configure(table: dict) -> None:
    """Take the ``[limits]`` table of opendata.toml (unknown keys are refused)."""
    known = {f.name for f in fields(Limits)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise DefinitionError("limits-unknown", keys=", ".join(unknown),
                              known=", ".join(sorted(known)))
    for f in fields(Limits):
        value = table.get(f.name, f.default)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise DefinitionError("limits-invalid", key=f.name)
        if value > MAXIMA[f.name]:
            raise DefinitionError("limits-too-large", key=f.name, most=f"{MAXIMA[f.name]:,}")
        setattr(LIMITS, f.name, value)


class LimitExceeded(DefinitionError):
    """Input beyond a declared limit."""


def read_descriptor_text(path: Path) -> str:
    size = path.stat().st_size
    if size > LIMITS.max_descriptor_bytes:
        raise LimitExceeded("limit-descriptor-size", path=str(path), size=size >> 20,
                            limit=LIMITS.max_descriptor_bytes >> 20,
                            key="max_descriptor_bytes")
    return path.read_text(encoding="utf-8-sig")


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with bounded nesting and a bounded size once aliases are
    expanded: a "billion laughs" is a few aliases that stand for a billion values, which
    every later look at the data would walk."""

    depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        if self.depth > LIMITS.max_nesting:
            raise yaml.composer.ComposerError(None, None, f"nested deeper than "
                                              f"{LIMITS.max_nesting} levels "
                                              "(max_nesting)", self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def compose_document(self):
        node = super().compose_document()
        sizes: dict[int, int] = {}

        def size(item) -> int:  # values once aliases are expanded; each node sized once
            if id(item) not in sizes:
                children = item.value if isinstance(item, yaml.SequenceNode) else [
                    part for pair in item.value for part in pair] \
                    if isinstance(item, yaml.MappingNode) else []
                sizes[id(item)] = 1 + sum(size(child) for child in children)
            return sizes[id(item)]

        if node is not None and size(node) > MAX_YAML_VALUES:
            raise yaml.composer.ComposerError(None, None, "its aliases (*name) expand to "
                                              f"more than {MAX_YAML_VALUES:,} values",
                                              node.start_mark)
        return node

    def construct_mapping(self, node, deep=False):
        """A key written twice is refused: YAML would keep the last one without a word."""
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, _value in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, (str, int, float, bool)) or key is None:
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"the key «{key}» is written twice",
                            key_node.start_mark)
                    seen.add(key)
        return super().construct_mapping(node, deep)


MAX_YAML_VALUES = 1_000_000


def load_yaml(text: str):
    return yaml.load(text, Loader=BoundedLoader)  # noqa: S506 - a SafeLoader


def load_json(text: str):
    """JSON, refusing nesting beyond the limit, said as such (json's C parser recurses and
    would fail past ~1000 levels without saying why)."""
    too_deep = json.JSONDecodeError(f"nested deeper than {LIMITS.max_nesting} levels "
                                    "(max_nesting)", text, 0)
    def once(pairs: list) -> dict:
        found = dict(pairs)
        if len(found) < len(pairs):  # json would keep the last one without a word
            seen: set = set()
            for key, _value in pairs:
                if key in seen:
                    raise json.JSONDecodeError(f"the key «{key}» is written twice", text, 0)
                seen.add(key)
        return found

    try:
        value = json.loads(text, object_pairs_hook=once)
    except RecursionError:
        raise too_deep from None
    level = [(value, 1)]
    while level:  # every container, once, with its depth
        item, depth = level.pop()
        if depth > LIMITS.max_nesting:
            raise too_deep
        children = item.values() if isinstance(item, dict) else item \
            if isinstance(item, list) else ()
        level.extend((child, depth + 1) for child in children
                     if isinstance(child, (dict, list)))
    return value
