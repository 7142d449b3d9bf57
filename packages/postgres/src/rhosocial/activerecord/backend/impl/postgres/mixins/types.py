"""DDL data types as PostgreSQL spells them."""

from __future__ import annotations

from rhosocial.activerecord.backend.dialect.mixins.ddl_type import DDLTypeMixin
from rhosocial.activerecord.backend.expression import types as dt
from rhosocial.activerecord.backend.toolkit.ddl_types import SpelledTypesMixin, raw, sized


def _decimal(dialect: object, t: dt.DecimalType) -> str:
    if t.precision is not None and t.scale is not None:
        return f"NUMERIC({t.precision},{t.scale})"
    return sized("NUMERIC", "precision")(dialect, t)


def _array(dialect: DDLTypeMixin, t: dt.ArrayType) -> str:
    element, _ = dialect.format_data_type(t.element_type)
    return element + "[]" * t.dimensions


class PostgresTypeMixin(SpelledTypesMixin):
    TYPE_SPELLINGS = {
        dt.TinyIntType: "SMALLINT",  # no 1-byte integer in PostgreSQL
        dt.SmallIntType: "SMALLINT",
        dt.IntType: "INTEGER",
        dt.IntegerType: "INTEGER",
        dt.BigIntType: "BIGINT",
        dt.RealType: "REAL",
        dt.DoubleType: "DOUBLE PRECISION",
        dt.FloatType: sized("FLOAT", "precision"),
        dt.DecimalType: _decimal,
        dt.TextType: "TEXT",
        dt.CharType: sized("CHAR", "length"),
        dt.VarCharType: sized("VARCHAR", "length"),
        dt.BooleanType: "BOOLEAN",
        dt.BlobType: "BYTEA",
        dt.DateType: "DATE",
        dt.TimeType: sized("TIME", "precision"),
        dt.TimeTzType: sized("TIME", "precision", suffix=" WITH TIME ZONE"),
        dt.DateTimeType: sized("TIMESTAMP", "precision"),
        dt.TimestampType: sized("TIMESTAMP", "precision"),
        dt.TimestampTzType: sized("TIMESTAMP", "precision", suffix=" WITH TIME ZONE"),
        dt.IntervalType: lambda dialect, t: f"INTERVAL {t.fields}" if t.fields else "INTERVAL",
        dt.JsonType: "JSON",
        dt.JsonBType: "JSONB",
        dt.ArrayType: _array,
        dt.CustomType: raw,
    }
