"""Core DDL data types spelled the MySQL way (used by ``DataType.to_sql`` in DDL expressions)."""

from __future__ import annotations

from rhosocial.activerecord.backend.dialect.mixins.ddl_type import DDLTypeMixin
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
from rhosocial.activerecord.backend.toolkit.ddl_types import SpelledTypesMixin, raw, sized

_fixed = DDLTypeMixin.handles


def _decimal(dialect: object, data_type: DecimalType) -> str:
    if data_type.precision is None:
        return "DECIMAL(20,6)"
    scale = data_type.scale if data_type.scale is not None else 0
    return f"DECIMAL({data_type.precision},{scale})"


class MySQLTypeMixin(SpelledTypesMixin):
    TYPE_SPELLINGS = {
        TinyIntType: "TINYINT",
        SmallIntType: "SMALLINT",
        IntType: "INT",
        IntegerType: "INT",
        BigIntType: "BIGINT",
        FloatType: "FLOAT",
        RealType: "FLOAT",
        DoubleType: "DOUBLE",
        DecimalType: _decimal,
        BooleanType: "TINYINT(1)",
        CharType: lambda dialect, t: f"CHAR({t.length or 1})",
        VarCharType: lambda dialect, t: f"VARCHAR({t.length or 255})",
        TextType: "LONGTEXT",
        BlobType: "LONGBLOB",
        DateType: "DATE",
        TimeType: sized("TIME", "precision", 6),
        TimeTzType: sized("TIME", "precision", 6),
        # No zone type: aware values are stored as UTC in DATETIME.
        DateTimeType: sized("DATETIME", "precision", 6),
        TimestampTzType: sized("DATETIME", "precision", 6),
        TimestampType: sized("TIMESTAMP", "precision", 6),
        IntervalType: "TIME(6)",  # a duration of up to +-838 hours
        JsonType: "JSON",
        JsonBType: "JSON",
        CustomType: raw,
    }
