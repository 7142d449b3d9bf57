"""Column types and ALTER TABLE for Oracle DDL rendered by the core (migrations, schema tools).

The core's generic types map onto Oracle's: TEXT -> CLOB, BOOLEAN -> BOOLEAN on 23ai else
NUMBER(1), JSON -> JSON on 21c+ else CLOB, TIME -> VARCHAR2(15) (Oracle has no TIME type).
``ALTER TABLE ... ADD`` takes no COLUMN keyword in Oracle.
"""

from __future__ import annotations

import re
from typing import Any

from rhosocial.activerecord.backend.expression import types as dt
from rhosocial.activerecord.backend.toolkit.ddl_types import SpelledTypesMixin, raw, sized

from ..vector import VectorType, require_23ai
from ._host import DialectHost


def _decimal(dialect: Any, data_type: Any) -> str:
    if data_type.precision is None:
        return "NUMBER"
    scale = f",{int(data_type.scale)}" if data_type.scale is not None else ""
    return f"NUMBER({int(data_type.precision)}{scale})"


def _vector(dialect: Any, data_type: Any) -> str:
    require_23ai(dialect, f"the {data_type.raw} column type")
    return str(data_type.raw)


class OracleTypeMixin(SpelledTypesMixin, DialectHost):
    TYPE_SPELLINGS = {
        dt.TinyIntType: "NUMBER(10)",
        dt.SmallIntType: "NUMBER(10)",
        dt.IntType: "NUMBER(10)",
        dt.IntegerType: "NUMBER(10)",
        dt.BigIntType: "NUMBER(19)",
        dt.DecimalType: _decimal,
        dt.FloatType: "BINARY_DOUBLE",
        dt.RealType: "BINARY_DOUBLE",
        dt.DoubleType: "BINARY_DOUBLE",
        dt.CharType: lambda dialect, t: f"CHAR({int(t.length or 1)})",
        dt.VarCharType: lambda dialect, t: f"VARCHAR2({int(t.length or 4000)})",
        dt.TextType: "CLOB",
        dt.BlobType: "BLOB",
        dt.BooleanType: lambda dialect, t: "BOOLEAN" if dialect.has_capability("native_boolean") else "NUMBER(1)",
        dt.JsonType: lambda dialect, t: "JSON" if dialect.has_capability("native_json") else "CLOB",
        dt.JsonBType: lambda dialect, t: "JSON" if dialect.has_capability("native_json") else "CLOB",
        dt.DateType: "DATE",
        dt.TimeType: "VARCHAR2(15)",  # Oracle has no TIME type
        dt.TimeTzType: "VARCHAR2(15)",
        dt.DateTimeType: sized("TIMESTAMP", "precision", 6),
        dt.TimestampType: sized("TIMESTAMP", "precision", 6),
        dt.TimestampTzType: sized("TIMESTAMP", "precision", 6, " WITH TIME ZONE"),
        dt.IntervalType: "INTERVAL DAY(9) TO SECOND(6)",
        VectorType: _vector,
        dt.CustomType: raw,
    }

    def parse_type(self, raw: str) -> Any:
        """Oracle's type names back into the core's types (for schema introspection/diffs)."""
        text = raw.strip().upper()
        number = re.fullmatch(r"NUMBER\((\d+)(?:,\s*(\d+))?\)", text)
        if number:
            precision, scale = int(number.group(1)), int(number.group(2) or 0)
            if scale == 0:
                return dt.BigIntType() if precision > 10 else dt.IntegerType()
            return dt.DecimalType(precision, scale)
        varchar = re.fullmatch(r"N?VARCHAR2\((\d+)(?:\s+(?:BYTE|CHAR))?\)", text)
        if varchar:
            return dt.VarCharType(int(varchar.group(1)))
        simple = {
            "NUMBER": dt.DecimalType(),
            "CLOB": dt.TextType(),
            "NCLOB": dt.TextType(),
            "BLOB": dt.BlobType(),
            "DATE": dt.DateType(),
            "BINARY_DOUBLE": dt.DoubleType(),
            "BINARY_FLOAT": dt.FloatType(),
            "BOOLEAN": dt.BooleanType(),
            "JSON": dt.JsonType(),
        }
        if text in simple:
            return simple[text]
        vector = re.fullmatch(r"VECTOR\((\d+|\*),\s*(\w+|\*)(?:,\s*\w+)?\)", text)
        if vector:
            dims, fmt = vector.groups()
            return VectorType(None if dims == "*" else int(dims), None if fmt == "*" else fmt)
        if text.startswith("TIMESTAMP") and "TIME ZONE" in text:
            return dt.TimestampTzType()
        if text.startswith("TIMESTAMP"):
            return dt.TimestampType()
        return dt.CustomType(raw)
