"""Column types and ALTER TABLE for Oracle DDL rendered by the core (migrations, schema tools).

The core's generic types map onto Oracle's: TEXT -> CLOB, BOOLEAN -> BOOLEAN on 23ai else
NUMBER(1), JSON -> JSON on 21c+ else CLOB, TIME -> VARCHAR2(15) (Oracle has no TIME type).
``ALTER TABLE ... ADD`` takes no COLUMN keyword in Oracle.
"""

from __future__ import annotations

import re
from typing import Any

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.dialect.mixins import DDLTypeMixin
from rhosocial.activerecord.backend.expression.types import (
    BigIntType,
    BlobType,
    BooleanType,
    CharType,
    CustomType,
    DateTimeType,
    DateType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    IntervalType,
    IntType,
    JsonBType,
    JsonType,
    RealType,
    SmallIntType,
    TextType,
    TimestampType,
    TimestampTzType,
    TimeType,
    TimeTzType,
    TinyIntType,
    VarCharType,
)

from ..vector import VectorType, require_23ai
from ._host import DialectHost

SQL = tuple[str, tuple]


def _fraction(precision: Any) -> str:
    return f"({int(precision)})" if precision is not None else "(6)"


class OracleTypeMixin(DDLTypeMixin, DialectHost):
    @DDLTypeMixin.handles(TinyIntType, SmallIntType, IntType, IntegerType)
    def format_data_type_integer(self, data_type: Any) -> SQL:
        return "NUMBER(10)", ()

    @DDLTypeMixin.handles(BigIntType)
    def format_data_type_bigint(self, data_type: Any) -> SQL:
        return "NUMBER(19)", ()

    @DDLTypeMixin.handles(DecimalType)
    def format_data_type_decimal(self, data_type: Any) -> SQL:
        if data_type.precision is None:
            return "NUMBER", ()
        scale = f",{int(data_type.scale)}" if data_type.scale is not None else ""
        return f"NUMBER({int(data_type.precision)}{scale})", ()

    @DDLTypeMixin.handles(FloatType, RealType, DoubleType)
    def format_data_type_float(self, data_type: Any) -> SQL:
        return "BINARY_DOUBLE", ()

    @DDLTypeMixin.handles(CharType)
    def format_data_type_char(self, data_type: Any) -> SQL:
        return f"CHAR({int(data_type.length or 1)})", ()

    @DDLTypeMixin.handles(VarCharType)
    def format_data_type_varchar(self, data_type: Any) -> SQL:
        return f"VARCHAR2({int(data_type.length or 4000)})", ()

    @DDLTypeMixin.handles(TextType)
    def format_data_type_text(self, data_type: Any) -> SQL:
        return "CLOB", ()

    @DDLTypeMixin.handles(BlobType)
    def format_data_type_blob(self, data_type: Any) -> SQL:
        return "BLOB", ()

    @DDLTypeMixin.handles(BooleanType)
    def format_data_type_boolean(self, data_type: Any) -> SQL:
        return ("BOOLEAN" if self.has_capability("native_boolean") else "NUMBER(1)"), ()

    @DDLTypeMixin.handles(JsonType, JsonBType)
    def format_data_type_json(self, data_type: Any) -> SQL:
        return ("JSON" if self.has_capability("native_json") else "CLOB"), ()

    @DDLTypeMixin.handles(DateType)
    def format_data_type_date(self, data_type: Any) -> SQL:
        return "DATE", ()

    @DDLTypeMixin.handles(TimeType, TimeTzType)
    def format_data_type_time(self, data_type: Any) -> SQL:
        return "VARCHAR2(15)", ()

    @DDLTypeMixin.handles(DateTimeType, TimestampType)
    def format_data_type_timestamp(self, data_type: Any) -> SQL:
        return f"TIMESTAMP{_fraction(data_type.precision)}", ()

    @DDLTypeMixin.handles(TimestampTzType)
    def format_data_type_timestamptz(self, data_type: Any) -> SQL:
        return f"TIMESTAMP{_fraction(data_type.precision)} WITH TIME ZONE", ()

    @DDLTypeMixin.handles(IntervalType)
    def format_data_type_interval(self, data_type: Any) -> SQL:
        return "INTERVAL DAY(9) TO SECOND(6)", ()

    @DDLTypeMixin.handles(VectorType)
    def format_data_type_vector(self, data_type: Any) -> SQL:
        require_23ai(self, f"the {data_type.raw} column type")
        return data_type.raw, ()

    def supports_data_types(self) -> list[tuple[type, str]]:
        """The core's registry listing, without the types this server refuses (VECTOR below 23ai)."""
        listed = []
        seen: set = set()
        for klass in type(self).__mro__:
            for dt_cls, method_name in getattr(klass, "_type_formatters", {}).items():
                if dt_cls in seen:
                    continue
                seen.add(dt_cls)
                try:
                    sql_name, _ = getattr(self, method_name)(dt_cls())
                except TypeError:
                    sql_name = dt_cls.__name__
                except UnsupportedFeatureError:
                    continue
                listed.append((dt_cls, sql_name))
        return listed

    @DDLTypeMixin.handles(CustomType)
    def format_data_type_custom(self, data_type: Any) -> SQL:
        return str(data_type.raw), ()

    def parse_type(self, raw: str) -> Any:
        """Oracle's type names back into the core's types (for schema introspection/diffs)."""
        text = raw.strip().upper()
        number = re.fullmatch(r"NUMBER\((\d+)(?:,\s*(\d+))?\)", text)
        if number:
            precision, scale = int(number.group(1)), int(number.group(2) or 0)
            if scale == 0:
                return BigIntType() if precision > 10 else IntegerType()
            return DecimalType(precision, scale)
        varchar = re.fullmatch(r"N?VARCHAR2\((\d+)(?:\s+(?:BYTE|CHAR))?\)", text)
        if varchar:
            return VarCharType(int(varchar.group(1)))
        simple = {
            "NUMBER": DecimalType(),
            "CLOB": TextType(),
            "NCLOB": TextType(),
            "BLOB": BlobType(),
            "DATE": DateType(),
            "BINARY_DOUBLE": DoubleType(),
            "BINARY_FLOAT": FloatType(),
            "BOOLEAN": BooleanType(),
            "JSON": JsonType(),
        }
        if text in simple:
            return simple[text]
        vector = re.fullmatch(r"VECTOR\((\d+|\*),\s*(\w+|\*)(?:,\s*\w+)?\)", text)
        if vector:
            dims, fmt = vector.groups()
            return VectorType(None if dims == "*" else int(dims), None if fmt == "*" else fmt)
        if text.startswith("TIMESTAMP") and "TIME ZONE" in text:
            return TimestampTzType()
        if text.startswith("TIMESTAMP"):
            return TimestampType()
        return CustomType(raw)
