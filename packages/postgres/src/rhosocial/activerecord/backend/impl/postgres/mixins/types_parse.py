"""``dialect.parse_type()``: a PostgreSQL type as the catalogue spells it (``format_type()``,
``information_schema``) into the core's ``DataType``; what has no core type stays a ``CustomType``."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Optional

from rhosocial.activerecord.backend.expression.types import (
    ArrayType,
    BigIntType,
    BlobType,
    BooleanType,
    CharType,
    CustomType,
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    IntegerType,
    IntervalType,
    JsonBType,
    JsonType,
    RealType,
    SmallIntType,
    TextType,
    TimestampType,
    TimestampTzType,
    TimeType,
    TimeTzType,
    VarCharType,
)

# "character varying(20)", "numeric(10,2)", "timestamp(3) with time zone", "integer[]"
_TYPE = re.compile(
    r"^(?P<name>[a-z_ ]+?)\s*(?:\((?P<args>[\d\s,]+)\))?"
    r"(?P<tail>(?:\s+with(?:out)?\s+time\s+zone)?)\s*(?P<dims>(?:\[\d*\])*)$"
)

_Maker = Callable[[list[int], bool], DataType]


def _first(args: list[int]) -> Optional[int]:
    return args[0] if args else None


# name (as the catalogue or users spell it) -> maker(args, with_time_zone)
_MAKERS: dict[str, _Maker] = {
    "smallint": lambda a, tz: SmallIntType(),
    "int2": lambda a, tz: SmallIntType(),
    "integer": lambda a, tz: IntegerType(),
    "int": lambda a, tz: IntegerType(),
    "int4": lambda a, tz: IntegerType(),
    "bigint": lambda a, tz: BigIntType(),
    "int8": lambda a, tz: BigIntType(),
    "real": lambda a, tz: RealType(),
    "float4": lambda a, tz: RealType(),
    "double precision": lambda a, tz: DoubleType(),
    "float8": lambda a, tz: DoubleType(),
    "numeric": lambda a, tz: DecimalType(*a[:2]),
    "decimal": lambda a, tz: DecimalType(*a[:2]),
    "text": lambda a, tz: TextType(),
    "character varying": lambda a, tz: VarCharType(_first(a)),
    "varchar": lambda a, tz: VarCharType(_first(a)),
    "character": lambda a, tz: CharType(_first(a)),
    "char": lambda a, tz: CharType(_first(a)),
    "bpchar": lambda a, tz: CharType(_first(a)),
    "boolean": lambda a, tz: BooleanType(),
    "bool": lambda a, tz: BooleanType(),
    "bytea": lambda a, tz: BlobType(),
    "date": lambda a, tz: DateType(),
    "time": lambda a, tz: (TimeTzType if tz else TimeType)(_first(a)),
    "timetz": lambda a, tz: TimeTzType(_first(a)),
    "timestamp": lambda a, tz: (TimestampTzType if tz else TimestampType)(_first(a)),
    "timestamptz": lambda a, tz: TimestampTzType(_first(a)),
    "interval": lambda a, tz: IntervalType(),
    "json": lambda a, tz: JsonType(),
    "jsonb": lambda a, tz: JsonBType(),
}


class PostgresTypeParseMixin:
    def parse_type(self, raw: str) -> DataType:
        """``"character varying(20)"`` -> ``VarCharType(20)``, ``"integer[]"`` -> ``ArrayType(IntegerType())``;
        a type the core has no class for (``uuid``, ``inet``, an enum...) -> ``CustomType(raw)``."""
        text = raw.strip()
        match = _TYPE.match(text.lower())
        maker = _MAKERS.get(match.group("name").strip()) if match else None
        if match is None or maker is None:
            element_raw = text[:-2] if text.endswith("[]") else None
            if element_raw:
                return ArrayType(self.parse_type(element_raw))
            return CustomType(text)
        args = [int(part) for part in (match.group("args") or "").split(",") if part.strip()]
        parsed = maker(args, bool(match.group("tail")) and "without" not in match.group("tail"))
        dimensions = match.group("dims").count("[")
        return ArrayType(parsed, dimensions) if dimensions else parsed
