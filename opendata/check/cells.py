"""Cell values: their text as people see it, their typed value, and its standard form.

A cell comes either as text (CSV) or as what the workbook stores (float, int, bool, date,
datetime). The rules follow frictionless-py's Table Schema semantics, so that findings agree
with it; where a workbook's typed cells make the intent plain (a number Excel stores in a
code column) the value is taken as people see it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from opendata.check.schemas import Field
from opendata.read.limits import LIMITS

INVALID = object()  # a value that does not fit the field's type

# ASCII digits only, as RE2 in the vectorised checks (Python's \d would take "٣" too)
INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,2})?", re.ASCII)
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
LOCAL_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", re.ASCII)  # 30.05.2019
MOST_CODE_DIGITS = 20  # IBAN's account part is the longest code councils publish
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial day 1 is 1900-01-01 (Excel's leap-year bug kept)
TRUE_VALUES = ["true", "True", "TRUE", "1"]
FALSE_VALUES = ["false", "False", "FALSE", "0"]


def text_of(raw: Any) -> str:
    """The cell as text, as a person reads it: 15482659.0 → "15482659", dates in ISO."""
    if isinstance(raw, str):
        return raw.strip()
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float):
        return float_text(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    if isinstance(raw, (dt.date, dt.time)):
        return raw.isoformat()
    return str(raw)


def float_text(value: float) -> str:
    """A workbook number as Excel shows it: 15 significant digits, no exponent
    (0.1 + 0.2 is 0.3, not 0.30000000000000004)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(Decimal(format(value, ".15g")).normalize(), "f")


def standard_text(value: Any) -> str:
    """A typed value as published: ISO dates, "." decimals without exponent, true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def caster(field: Field) -> Callable[[Any], Any]:
    """A function turning a non-missing cell into the field's typed value, or INVALID."""
    if field.type == "string":
        return string_caster(field.format)
    if field.type == "boolean":
        true_values = field.descriptor.get("trueValues", TRUE_VALUES)
        false_values = field.descriptor.get("falseValues", FALSE_VALUES)
        return lambda raw: boolean(raw, true_values, false_values)
    if field.type in ("date", "datetime", "time") and field.format != "default":
        return formatted_caster(field.type, field.format)
    if field.type in ("integer", "number") and has_number_options(field):
        cast = CASTERS[field.type]
        return lambda raw: cast(number_text(field, raw)) if isinstance(raw, str) else cast(raw)
    return CASTERS[field.type]


def has_number_options(field: Field) -> bool:
    return any(key in field.descriptor for key in ("decimalChar", "groupChar", "bareNumber"))


BARE_NUMBER_NOISE = re.compile(r"^[^-\d]*|\D*$", re.ASCII)  # "€ 5", "5 %", "5 грн"


def number_text(field: Field, text: str) -> str:
    """A number written with the field's options, as plain text: frictionless-py's rules
    (without bareNumber, leading and trailing non-digits go; the group character goes; the
    decimal character becomes "."; a "." where another decimal character is set is wrong)."""
    text = text.strip()
    if not field.descriptor.get("bareNumber", True):
        text = BARE_NUMBER_NOISE.sub("", text)
    if field.type == "number":
        decimal_char = field.descriptor.get("decimalChar", ".")
        group_char = field.descriptor.get("groupChar")
        if group_char:
            text = text.replace(group_char, "")
        if decimal_char != ".":
            text = "x" if "." in text else text.replace(decimal_char, ".")
    return text


def formatted_caster(type_: str, pattern: str) -> Callable[[Any], Any]:
    """Dates and times written as a strptime pattern says (%d.%m.%Y); workbook date cells
    are dates whatever the pattern."""
    plain = CASTERS[type_]

    def cast(raw: Any) -> Any:
        if not isinstance(raw, str):
            return plain(raw)
        try:
            parsed = dt.datetime.strptime(raw.strip(), pattern)
        except ValueError:
            return INVALID
        return parsed.date() if type_ == "date" else parsed.time() if type_ == "time" \
            else parsed

    return cast


def string_caster(format_: str) -> Callable[[Any], Any]:
    if format_ == "email":
        from validators import email

        return lambda raw: text if email(text := text_of(raw)) is True else INVALID
    if format_ == "uri":
        return uri
    return text_of


def uri(raw: Any) -> Any:
    from rfc3986 import uri_reference
    from rfc3986.exceptions import ValidationError
    from rfc3986.validators import Validator

    text = text_of(raw)
    try:
        Validator().require_presence_of("scheme").validate(uri_reference(text))
    except ValidationError:
        return INVALID
    return text


def integer(raw: Any) -> Any:
    if isinstance(raw, bool):
        return INVALID
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else INVALID
    text = text_of(raw)
    if len(text) > LIMITS.max_number_chars or not INTEGER.fullmatch(text):
        return INVALID
    return int(text)


def number(raw: Any) -> Any:
    if isinstance(raw, bool):
        return INVALID
    if isinstance(raw, (int, float)):
        return Decimal(text_of(raw))  # Excel's 199850.0 is 199850
    text = text_of(raw)
    if len(text) > LIMITS.max_number_chars or not NUMBER.fullmatch(text):
        return INVALID
    try:
        return Decimal(text)
    except InvalidOperation:
        return INVALID


def date(raw: Any) -> Any:
    if isinstance(raw, dt.datetime):
        return raw.date() if raw.time() == dt.time() else INVALID
    if isinstance(raw, dt.date):
        return raw
    match = ISO_DATE.fullmatch(text_of(raw)) if isinstance(raw, str) else None
    if not match:
        return INVALID
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return INVALID


def datetime(raw: Any) -> Any:
    if isinstance(raw, dt.datetime):
        return raw
    if isinstance(raw, dt.date):  # a workbook date cell in a date-and-time column
        return dt.datetime.combine(raw, dt.time())
    text = text_of(raw) if isinstance(raw, str) else ""
    if len(text) < 19 or text[16] != ":":
        return INVALID
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return INVALID


def time(raw: Any) -> Any:
    if isinstance(raw, dt.time):
        return raw
    try:
        return dt.datetime.strptime(text_of(raw), "%H:%M:%S").time()
    except ValueError:
        return INVALID


def year(raw: Any) -> Any:
    """A year: four digits as text (frictionless-py's rule), or a workbook number."""
    if isinstance(raw, str) and len(raw.strip()) != 4:
        return INVALID
    value = integer(raw)
    return value if value is not INVALID and 0 <= value <= 9999 else INVALID


def boolean(raw: Any, true_values: list[str], false_values: list[str]) -> Any:
    if isinstance(raw, bool):
        return raw
    text = text_of(raw)
    if text in true_values:
        return True
    if text in false_values:
        return False
    return INVALID


CASTERS: dict[str, Callable[[Any], Any]] = {
    "integer": integer,
    "number": number,
    "date": date,
    "datetime": datetime,
    "time": time,
    "year": year,
    "any": text_of,
}


# the ways people write dates that a schema may name, and how a message says them
DATE_FORMAT_MESSAGES = {"%d.%m.%Y": "expect-date-dots", "%d/%m/%Y": "expect-date-slashes"}


def expected(field: Field) -> str:
    """The message code saying what the field's type expects."""
    if field.type == "string":
        return {"email": "expect-email", "uri": "expect-uri"}.get(field.format, "expect-string")
    if field.type == "date" and field.format in DATE_FORMAT_MESSAGES:
        return DATE_FORMAT_MESSAGES[field.format]
    if field.type == "number" and field.descriptor.get("decimalChar") == ",":
        return "expect-number-comma"
    return f"expect-{field.type}"


def suggestion(field: Field, text: str) -> str | None:
    """What a wrongly typed value most likely meant, for the common council mistakes."""
    if field.format not in ("default", "uri") or has_number_options(field):
        return None  # the schema says how values are written: the message shows it
    if field.format == "uri":  # "www.nizhynrada.gov.ua": a link without its scheme
        candidate = "https://" + text
        return candidate if uri(candidate) is not INVALID and "." in text else None
    if field.type == "number":
        candidate = re.sub(r"[\s\u00a0]|грн\.?|UAH", "", text).replace(",", ".")
        return candidate if candidate != text and NUMBER.fullmatch(candidate) else None
    if field.type == "integer":
        candidate = re.sub(r"[\s\u00a0]", "", text)
        if re.fullmatch(r"[+-]?\d+[.,]0+", candidate):
            candidate = re.split(r"[.,]", candidate)[0]
        return candidate if candidate != text and INTEGER.fullmatch(candidate) else None
    if field.type == "date":
        match = LOCAL_DATE.fullmatch(text) or LOCAL_DATE.fullmatch(text.split(" ")[0])
        if match:
            day, month, year_ = map(int, match.groups())
            try:
                return dt.date(year_, month, day).isoformat()
            except ValueError:
                return None
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]00:00(:00)?", text):
            return text[:10]
        if re.fullmatch(r"[1-9]\d{4}", text, re.ASCII):  # an Excel serial day held as text
            return (EXCEL_EPOCH + dt.timedelta(days=int(text))).isoformat()
    return None


def restored_zeros(pattern: str, text: str) -> str | None:
    """The code with the leading zeros Excel ate put back, if exactly one number of zeros
    makes it fit the pattern (a code of 8 or 10 digits written as 7 could be either: not
    guessed). Excel eats them all: 00000001 becomes 1. Matched by RE2, as every schema
    pattern is: linear time whatever the pattern."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not text.isdigit() or len(text) >= MOST_CODE_DIGITS:
        return None
    candidates = ["0" * zeros + text for zeros in range(1, MOST_CODE_DIGITS - len(text) + 1)]
    fits = pc.match_substring_regex(pa.array(candidates), f"^(?:{pattern})$").to_pylist()
    fitting = [c for c, fit in zip(candidates, fits) if fit]
    return fitting[0] if len(fitting) == 1 else None
