"""One column checked against its field at once, in C (pyarrow compute), not cell by cell.

The rules are those of ``cells.py`` (frictionless-py's semantics): text is trimmed; a
missing value fails only ``required``; a value of the wrong type is a type error and is not
checked against constraints. Common types (string, integer, number, date, boolean) and
constraints run vectorised; rarer ones (email, uri, datetime, time, year, patterns RE2
cannot compile) fall back to the per-cell rules, so results never differ.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from opendata.check import cells
from opendata.check.schemas import Field
from opendata.read.limits import LIMITS

INTEGER = r"^[+-]?\d+$"
NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,2})?$"  # 1e999999 is not a number to publish
FLOAT_DIGITS = 15  # what float64 holds exactly; longer numbers are compared as decimals
# a code's pattern of n digits: \d{8}, [0-9]{2,4}
DIGITS_ONLY = re.compile(r"(?:\\d|\[0-9\])\{([1-9]\d?)(?:,([1-9]\d?))?\}")
DATE = r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"
DIGIT_PLACES = [0, 1, 2, 3, 5, 6, 8, 9]  # of yyyy-mm-dd
PLACES = np.arange(10)
DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int32)
CONTROL_BYTES = np.array([b < 0x20 and b not in (9, 10, 13) for b in range(256)])
VECTORISED = ("string", "any", "integer", "number", "date", "boolean")


@dataclass
class ColumnResult:
    missing: np.ndarray  # bool per row
    invalid: np.ndarray  # bool per row: a type error
    violations: list[tuple[str, dict, np.ndarray]] = field(default_factory=list)
    values: pa.Array | None = None  # typed values, null where missing or invalid
    output: pa.Array | None = None  # the text to publish: standard form, "" if missing


def trimmed(column: pa.Array) -> pa.Array:
    return pc.utf8_trim_whitespace(column)


def check_column(f: Field, texts: pa.Array, missing_values: list[str], want_values: bool,
                 want_output: bool = False, missing: np.ndarray | None = None) -> ColumnResult:
    """Type and constraint results for ``texts`` (trimmed cell texts, null = no cell);
    with ``want_output``, also the text to publish for each cell. ``missing``: which cells
    are missing, if the caller knows already."""
    if missing is None:
        missing = missing_cells(texts, missing_values)
    if f.type not in VECTORISED or f.format != "default":
        return per_cell(f, texts, missing, want_values, want_output)
    filled = prepared = pc.fill_null(texts, "") if texts.null_count else texts
    if cells.has_number_options(f):  # "1 234,5" with groupChar " ", decimalChar ","
        prepared = pa.array([cells.number_text(f, t) for t in filled.to_pylist()], pa.string())
    typed, valid = typed_values(f, prepared)
    result = ColumnResult(missing, ~missing & ~valid)
    ok = ~missing & valid
    result.violations = constraint_violations(f, prepared, typed, ok)
    if want_values:
        result.values = arrow_values(typed, ok)
    if want_output:
        result.output = published(pc.if_else(pa.array(ok),
                                             standard_texts(f, prepared, typed, ok), filled),
                                  missing)
    return result


def standard_texts(f: Field, texts: pa.Array, typed, ok: np.ndarray) -> pa.Array:
    """The published form of each valid value (cells.standard_text, a column at a time)."""
    if f.type in ("string", "any"):
        return texts
    if f.type == "boolean":
        return pc.if_else(pa.array(typed), "true", "false")
    if f.type == "date":
        return pa.array(np.datetime_as_string(typed, unit="D"))
    if f.type == "integer":
        return pa.array([str(v) for v in typed]) if typed.dtype == object else pc.cast(
            pa.array(typed), pa.string())
    plain = mask(pc.match_substring_regex(texts, r"^-?(0|[1-9]\d*)(\.\d+)?$"))
    others = np.flatnonzero(ok & ~plain)  # "+5", "1e3", ".5": rare, written as Decimal does
    if not len(others):
        return texts
    fixed = texts.to_pylist()
    for position in others:
        fixed[position] = cells.standard_text(cells.number(fixed[position]))
    return pa.array(fixed, type=pa.string())


def published(texts: pa.Array, missing: np.ndarray) -> pa.Array:
    return pc.if_else(pa.array(missing), "", texts)


def text_bytes(texts: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(the column's UTF-8 bytes, where each value starts in them): Arrow's own buffers seen
    by NumPy, so that what is rare can be ruled out for a whole column at once."""
    _validity, offsets, data = texts.buffers()
    starts = np.frombuffer(offsets, dtype=np.int32)[texts.offset:texts.offset + len(texts) + 1]
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    return raw[starts[0]:starts[-1]], starts - starts[0]


def has_control_characters(texts: pa.Array) -> bool:
    """Whether any value may hold a control character (tab, CR and LF aside) or a ␀."""
    raw, _starts = text_bytes(texts)
    low = raw < 0x20
    if low.any() and np.any(CONTROL_BYTES[raw[low]]):
        return True
    return bool((raw == 0xE2).any()) and bool(pc.any(pc.match_substring(texts, "\u2400")).as_py())


def byte_set(members: bytes) -> np.ndarray:
    """A table of 256 booleans: ``table[byte]`` says whether a byte is one of ``members``
    (for a whole column's bytes at once; np.isin sorts every time)."""
    table = np.zeros(256, dtype=bool)
    table[np.frombuffer(members, dtype=np.uint8)] = True
    return table


def first_bytes(texts: pa.Array) -> np.ndarray:
    """The first byte of each value (0 for an empty one)."""
    raw, starts = text_bytes(texts)
    present = starts[1:] > starts[:-1]
    first = np.zeros(len(texts), dtype=np.uint8)
    first[present] = raw[starts[:-1][present]]
    return first


def missing_cells(texts: pa.Array, missing_values: list[str]) -> np.ndarray:
    """Which cells are missing: no cell at all, or a value the schema calls missing ("",
    "null"), compared by length first and then bytes, a whole column at once."""
    raw, starts = text_bytes(texts)
    lengths = np.diff(starts)
    missing = mask(pc.is_null(texts)) if texts.null_count else np.zeros(len(texts), bool)
    for value in missing_values:
        encoded = np.frombuffer(value.encode("utf-8"), dtype=np.uint8)
        same = lengths == len(encoded)
        if len(encoded) and (at := np.flatnonzero(same)).size:
            window = raw[(starts[at][:, None] + np.arange(len(encoded))).ravel()]
            same[at] = np.all(window.reshape(-1, len(encoded)) == encoded, axis=1)
        missing |= same
    return missing


def mask(array: pa.Array) -> np.ndarray:
    """An Arrow boolean array as NumPy booleans, null as false: its bits unpacked at once."""
    if not len(array):
        return np.zeros(0, dtype=bool)
    validity, values = array.buffers()
    found = bits(values, array.offset, len(array))
    if array.null_count:
        found &= bits(validity, array.offset, len(array))
    return found


def bits(buffer: pa.Buffer, offset: int, length: int) -> np.ndarray:
    unpacked = np.unpackbits(np.frombuffer(buffer, dtype=np.uint8), bitorder="little")
    return unpacked[offset:offset + length].view(bool)


def typed_values(f: Field, texts: pa.Array) -> tuple[Any, np.ndarray]:
    """(the column as typed values — an Arrow or NumPy array — , which rows fit the type)."""
    if f.type in ("string", "any"):
        return texts, np.ones(len(texts), dtype=bool)
    if f.type == "boolean":
        true_values = f.descriptor.get("trueValues", cells.TRUE_VALUES)
        false_values = f.descriptor.get("falseValues", cells.FALSE_VALUES)
        valid = mask(pc.is_in(texts, pa.array(true_values + false_values)))
        return mask(pc.is_in(texts, pa.array(true_values))), valid
    if f.type == "date":
        return dates(texts)
    first = first_bytes(texts)
    signed = (first == 43) | (first == 45)  # "+", "-"
    if f.type == "integer":  # plain digits at once; a sign through the regular expression
        valid = mask(pc.ascii_is_decimal(texts))
        if signed.any():  # the regular expression for the signed values only
            at = np.flatnonzero(signed)
            valid[at] = mask(pc.match_substring_regex(texts.take(pa.array(at)), INTEGER))
    else:
        valid = numbers(texts)
    # a valid number is ASCII: its bytes are its characters
    valid &= pc.binary_length(texts).to_numpy(zero_copy_only=False) <= LIMITS.max_number_chars
    safe = pc.if_else(pa.array(valid), texts, "0")
    if (first == 43).any():  # Arrow's casts take no leading "+"
        safe = pc.replace_substring_regex(safe, r"^\+", "")
    longest = pc.max(pc.binary_length(safe)).as_py() or 0
    if f.type == "integer":
        if longest > 18:  # beyond int64: Python's own ints
            return np.array([int(t) if ok else 0 for t, ok in zip(safe.to_pylist(), valid)],
                            dtype=object), valid
        return pc.cast(safe, pa.int64()).to_numpy(), valid
    if longest > FLOAT_DIGITS:  # 17 digits: distinct numbers that float64 would merge
        return np.array([Decimal(t) if ok else Decimal(0)
                         for t, ok in zip(safe.to_pylist(), valid)], dtype=object), valid
    return pc.cast(safe, pa.float64()).to_numpy(), valid


def numbers(texts: pa.Array) -> np.ndarray:
    """Which values are numbers as NUMBER has them. Values of digits, points and minus
    signs only (nearly all) go through Arrow's number parser at once, which takes exactly
    what NUMBER takes of such text (a property test holds it to that); the few others, or
    all if the parser refuses one, through the regular expression."""
    raw, starts = text_bytes(texts)
    shifted = raw - np.uint8(45)  # "-" 0, "." 1, "/" 2, digits 3 to 12
    odd = np.unique(np.searchsorted(starts, np.flatnonzero((shifted > 12) | (shifted == 2)),
                                    side="right") - 1)
    if len(odd) > len(texts) // 8:  # a column of text, or of "12,5": all by the expression
        return mask(pc.match_substring_regex(texts, NUMBER))
    valid = np.diff(starts) > 0
    valid[odd] = False
    try:
        pc.cast(texts if valid.all() else pc.if_else(pa.array(valid), texts, "0"), pa.float64())
    except pa.ArrowInvalid:
        return mask(pc.match_substring_regex(texts, NUMBER))
    if len(odd):
        valid[odd] = mask(pc.match_substring_regex(texts.take(pa.array(odd)), NUMBER))
    return valid


def dates(texts: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """ISO dates (yyyy-m-d): which are real calendar days, and those days. The usual
    yyyy-mm-dd is read from the column's bytes at once; other lengths go through the
    regular expression, a few rows at most."""
    raw, starts = text_bytes(texts)
    lengths = np.diff(starts)
    tens = np.flatnonzero(lengths == 10)
    if len(tens) == len(texts):  # every value 10 bytes long: the bytes are the table
        window = raw.reshape(-1, 10) - np.uint8(48)
    else:
        at = (starts[:-1][tens].astype(np.int64)[:, None] + PLACES).ravel()
        window = (raw[at] if len(raw) else np.zeros(0, np.uint8)).reshape(-1, 10) - \
            np.uint8(48)
    shaped = np.all(window[:, DIGIT_PLACES] <= 9, axis=1) & (window[:, 4] == 253) & \
        (window[:, 7] == 253)  # "-" is 45: 253 once 48 is taken away from a byte
    fast = tens[shaped]
    digits = window[shaped].astype(np.int32)  # (days fit in 32 bits: years < 10,000)
    year = np.ones(len(texts), dtype=np.int32)
    month, day = year.copy(), year.copy()
    syntax = np.zeros(len(texts), dtype=bool)
    year[fast] = digits[:, 0] * 1000 + digits[:, 1] * 100 + digits[:, 2] * 10 + digits[:, 3]
    month[fast] = digits[:, 5] * 10 + digits[:, 6]
    day[fast] = digits[:, 8] * 10 + digits[:, 9]
    syntax[fast] = True
    others = np.ones(len(texts), dtype=bool)
    others[fast] = False
    slow = np.flatnonzero(others & (lengths >= 8) & (lengths <= 10))
    if len(slow):  # yyyy-m-d: by the regular expression
        parts = pc.extract_regex(texts.take(pa.array(slow)), DATE)

        def part(name):
            return np.asarray(pc.fill_null(pc.cast(pc.fill_null(
                pc.struct_field(parts, name), "1"), pa.int32()), 1).to_numpy(),
                dtype=np.int32)
        year[slow], month[slow], day[slow] = part("y"), part("m"), part("d")
        syntax[slow] = mask(pc.is_valid(parts))
    month_ok = (month >= 1) & (month <= 12)
    last = DAYS_IN_MONTH[np.clip(month, 1, 12) - 1]
    february = np.flatnonzero(month == 2)  # a leap year matters there only
    leap = year[february]
    last[february] += (leap % 4 == 0) & ((leap % 100 != 0) | (leap % 400 == 0))
    valid = syntax & (year >= 1) & month_ok & (day >= 1) & (day <= last)  # no year 0
    month, day = np.where(valid, month, 1), np.where(valid, day, 1)
    # days since 1970-01-01 by the proleptic Gregorian calendar, in integer arithmetic
    # (H. Hinnant's days_from_civil): NumPy's datetime casts take many times longer
    shifted = year - (month <= 2)
    era = np.floor_divide(shifted, 400)
    of_era = shifted - era * 400
    of_year = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    days = era * 146097 + of_era * 365 + of_era // 4 - of_era // 100 + of_year - 719468
    return days.astype("datetime64[D]"), valid


def constraint_violations(f: Field, texts: pa.Array, typed, ok: np.ndarray) -> list:
    constraints, found = f.constraints, []
    if "enum" in constraints:
        if f.type == "string":
            allowed = mask(pc.is_in(texts, pa.array([str(v) for v in constraints["enum"]])))
        else:
            cast = cells.caster(f)
            allowed_values = {enum_key(cast(v)) for v in constraints["enum"]}
            allowed = np.array([enum_key(v) in allowed_values for v in python(typed)])
        found.append(("enum", {"allowed": ", ".join(map(str, constraints["enum"]))},
                      ok & ~allowed))
    for code in ("minimum", "maximum"):
        if code in constraints:
            limit, at = limit_value(f, constraints[code], typed), np.flatnonzero(ok)
            values = typed[at]
            if typed.dtype == object:  # datetimes with and without a zone, compared in UTC
                values = np.array([comparable(v) for v in values], dtype=object)
                limit = comparable(limit)
            beyond = np.zeros(len(ok), dtype=bool)  # compared only where values are valid
            beyond[at] = (values < limit) if code == "minimum" else (values > limit)
            found.append((code, {"limit": constraints[code]}, beyond))
    if f.type == "string":
        found += string_violations(constraints, texts, ok)
    return found


def string_violations(constraints: dict, texts: pa.Array, ok: np.ndarray) -> list:
    found = []
    if "minLength" in constraints or "maxLength" in constraints:
        lengths = pc.utf8_length(texts).to_numpy()
        for code, key, compare in (("min-length", "minLength", np.less),
                                   ("max-length", "maxLength", np.greater)):
            if key in constraints:
                found.append((code, {"limit": constraints[key]},
                              ok & compare(lengths, constraints[key])))
    pattern = constraints.get("pattern")
    if pattern:
        found.append(("pattern", {"pattern": pattern}, ok & ~fitting(texts, pattern)))
    return found


def fitting(texts: pa.Array, pattern: str) -> np.ndarray:
    """Which values the whole pattern matches: by RE2 (schemas refuse patterns it cannot
    run), linear time whatever the text. A code's pattern of n digits (ЄДРПОУ's \\d{8}) is
    the commonest: checked as "ASCII digits, n of them" (RE2's \\d is ASCII too), several
    times faster."""
    digits = DIGITS_ONLY.fullmatch(pattern)
    if not digits:
        return mask(pc.match_substring_regex(texts, f"^(?:{pattern})$"))
    fewest = int(digits[1])
    most = int(digits[2]) if digits[2] else fewest
    lengths = pc.binary_length(texts).to_numpy(zero_copy_only=False)
    return mask(pc.ascii_is_decimal(texts)) & (lengths >= fewest) & (lengths <= most)


def limit_value(f: Field, limit, typed: np.ndarray):
    """A schema limit, read as the field reads its cells (a date pattern, a decimal comma),
    as a value comparable with the column's typed values."""
    from opendata.check.schemas import schema_value

    value = cells.caster(f)(schema_value(limit))  # the schema was checked: never INVALID
    if typed.dtype.kind == "M":
        return np.datetime64(value, "D")
    if typed.dtype.kind in "fiu":
        return typed.dtype.type(value)
    return value


def comparable(value):
    """A datetime with a time zone as the UTC time it stands for, without the zone, so that
    it compares with times written without one (taken as UTC)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    if isinstance(value, dt.time) and value.tzinfo is not None:
        moment = dt.datetime.combine(dt.date(2000, 1, 3), value)
        return moment.astimezone(dt.UTC).time()
    return value


def arrow_values(typed, ok: np.ndarray) -> pa.Array:
    """The typed column as Arrow values, null where not ``ok``: what uniqueness compares."""
    if isinstance(typed, pa.Array):
        return pc.if_else(pa.array(ok), typed, pa.scalar(None, typed.type))
    if typed.dtype == object:  # long integers and decimals: compared as canonical text
        return pa.array([canonical(v) if keep else None for v, keep in zip(typed, ok)])
    return pa.array(typed, mask=~ok)


def canonical(value) -> str:
    """One text per number: 1.50 and 1.5 are the same decimal."""
    if isinstance(value, Decimal):
        return "0" if value == 0 else format(value.normalize(), "f")
    return str(value)


def python(typed) -> list:
    if isinstance(typed, (pa.Array, pa.ChunkedArray)):
        return typed.to_pylist()
    if typed.dtype.kind == "M":
        return typed.astype(object).tolist()
    return typed.tolist()


def enum_key(value):
    """Numbers compared by value whatever their Python type: 0.1 (float), Decimal("0.10")
    and the text "0.1" are the same number."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)).normalize()
    return value


def per_cell(f: Field, texts: pa.Array, missing: np.ndarray, want_values: bool,
             want_output: bool) -> ColumnResult:
    """Types that are rare in council data (email, uri, datetime, time, year) are cast a
    cell at a time by cells.py; their constraints are then checked as for the others."""
    cast = cells.caster(f)
    cast_values = [None if missing[i] else cast(t) for i, t in enumerate(texts.to_pylist())]
    invalid = np.array([v is cells.INVALID for v in cast_values], dtype=bool)
    typed = np.empty(len(cast_values), dtype=object)
    typed[:] = [None if v is cells.INVALID else v for v in cast_values]
    result = ColumnResult(missing, invalid)
    ok = ~missing & ~invalid
    filled = pc.fill_null(texts, "")
    result.violations = constraint_violations(f, filled, typed, ok)
    if want_values:  # canonical text: these types mix Python objects Arrow cannot type
        result.values = pa.array([cells.text_of(v) if keep else None
                                  for v, keep in zip(typed, ok)], type=pa.string())
    if want_output:
        standard = pa.array([f"{v:04d}" if f.type == "year" and isinstance(v, int) else
                             cells.standard_text(v) for v in typed], type=pa.string())
        result.output = published(pc.if_else(pa.array(ok), standard, filled), missing)
    return result


class Repeats:
    """The values of a unique field (or the parts of a primary key) with their rows,
    gathered chunk by chunk as Arrow arrays (bytes a row, not Python objects), and searched
    for repeats once, at the end of the table. A key of several fields is compared part by
    part: ("вул. Шевченка 1", "А") and ("вул. Шевченка", "1 А") are different keys."""

    def __init__(self):
        self.parts: list[list[pa.Array]] = []  # per chunk: one array per key part
        self.rows: list[np.ndarray] = []

    def add(self, parts: list[pa.Array], numbers: np.ndarray) -> None:
        """A row takes part only if every part of its key is present."""
        present = np.logical_and.reduce([mask(pc.is_valid(p)) for p in parts])
        self.parts.append([p.filter(pa.array(present)) for p in parts])
        rows = numbers[present]
        # row numbers in 4 bytes where they fit (a sheet has at most 1,048,576 rows)
        self.rows.append(rows.astype(np.int32) if not len(rows) or rows[-1] < 2**31 else rows)

    def found(self) -> list[tuple[int, int, tuple]]:
        """(row, row where the key first was, the key's values) of each repeated key, once,
        at the end of the table: what was gathered is let go as it is sorted (the chunks
        before the sort, the values when it returns). One stable sort of the keys: equal
        keys side by side, the first of each in row order; memory a few numbers a row, no
        table of every distinct value."""
        chunks, numbers = self.parts, self.rows
        self.parts, self.rows = [], []
        if not chunks:
            return []
        parts = [pa.concat_arrays(part) for part in zip(*chunks)]
        rows = np.concatenate(numbers)
        del chunks, numbers
        keys = [sort_keys(p) for p in parts]
        order = np.argsort(keys[0], kind="stable") if len(keys) == 1 else \
            np.lexsort(keys[::-1])  # lexsort is stable too
        same = np.ones(max(len(order) - 1, 0), dtype=bool)
        for key in keys:
            ranked = key[order]
            same &= ranked[1:] == ranked[:-1]
            del ranked
        if not same.any():
            return []
        # sorted positions equal to the one before, few: each run of them repeats the key
        # at the position just before the run
        later = np.flatnonzero(same) + 1
        begins = np.concatenate([[True], np.diff(later) != 1])
        first = order[(later - 1)[begins][np.cumsum(begins) - 1]]
        repeated = sorted(zip(order[later].tolist(), first.tolist()))
        return [(int(rows[i]), int(rows[f]), tuple(p[i].as_py() for p in parts))
                for i, f in repeated]


def sort_keys(values: pa.Array) -> np.ndarray:
    """Values as a NumPy array that sorts equal values together: numbers and days as they
    are, anything else as its rank among the values, equal values one rank (Arrow sorts
    them: a hash table of 3,000,000 distinct texts took 260 MB and six times as long)."""
    if pa.types.is_integer(values.type) or pa.types.is_floating(values.type) or \
            pa.types.is_date(values.type):
        return values.to_numpy(zero_copy_only=False)
    return pc.rank(values, sort_keys="ascending", tiebreaker="dense").to_numpy()
