"""DDL data types as PostgreSQL spells them."""

from __future__ import annotations

from rhosocial.activerecord.backend.dialect.mixins.ddl_type import DDLTypeMixin
from rhosocial.activerecord.backend.expression.types import (
    ArrayType,
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


def _decimal(dialect: object, t: DecimalType) -> str:
    if t.precision is not None and t.scale is not None:
        return f"NUMERIC({t.precision},{t.scale})"
    return sized("NUMERIC", "precision")(dialect, t)


def _array(dialect: DDLTypeMixin, t: ArrayType) -> str:
    element, _ = dialect.format_data_type(t.element_type)
    return element + "[]" * t.dimensions


class PostgresTypeMixin(SpelledTypesMixin):
    TYPE_SPELLINGS = {
        TinyIntType: "SMALLINT",  # no 1-byte integer in PostgreSQL
        SmallIntType: "SMALLINT",
        IntType: "INTEGER",
        IntegerType: "INTEGER",
        BigIntType: "BIGINT",
        RealType: "REAL",
        DoubleType: "DOUBLE PRECISION",
        FloatType: sized("FLOAT", "precision"),
        DecimalType: _decimal,
        TextType: "TEXT",
        CharType: sized("CHAR", "length"),
        VarCharType: sized("VARCHAR", "length"),
        BooleanType: "BOOLEAN",
        BlobType: "BYTEA",
        DateType: "DATE",
        TimeType: sized("TIME", "precision"),
        TimeTzType: sized("TIME", "precision", suffix=" WITH TIME ZONE"),
        DateTimeType: sized("TIMESTAMP", "precision"),
        TimestampType: sized("TIMESTAMP", "precision"),
        TimestampTzType: sized("TIMESTAMP", "precision", suffix=" WITH TIME ZONE"),
        IntervalType: lambda dialect, t: f"INTERVAL {t.fields}" if t.fields else "INTERVAL",
        JsonType: "JSON",
        JsonBType: "JSONB",
        ArrayType: _array,
        CustomType: raw,
    }

    def parse_type(self, raw: str) -> CustomType:
        return CustomType(raw.strip())
