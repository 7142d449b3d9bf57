"""Core DDL data types spelled the MySQL way (used by ``DataType.to_sql`` in DDL expressions)."""

from __future__ import annotations

from rhosocial.activerecord.backend.dialect.mixins.ddl_type import DDLTypeMixin
from rhosocial.activerecord.backend.expression import types as dt
from rhosocial.activerecord.backend.toolkit.ddl_types import SpelledTypesMixin, raw, sized

from ..types import (
    BitType,
    EnumType,
    SetType,
    SizedBlobType,
    SizedTextType,
    SpatialType,
    UnsignedType,
    VectorType,
    YearType,
)

_fixed = DDLTypeMixin.handles


def _decimal(dialect: object, data_type: dt.DecimalType) -> str:
    if data_type.precision is None:
        return "DECIMAL(20,6)"
    scale = data_type.scale if data_type.scale is not None else 0
    return f"DECIMAL({data_type.precision},{scale})"


class MySQLTypeMixin(SpelledTypesMixin):
    TYPE_SPELLINGS = {
        dt.TinyIntType: "TINYINT",
        dt.SmallIntType: "SMALLINT",
        dt.IntType: "INT",
        dt.IntegerType: "INT",
        dt.BigIntType: "BIGINT",
        dt.FloatType: "FLOAT",
        dt.RealType: "FLOAT",
        dt.DoubleType: "DOUBLE",
        dt.DecimalType: _decimal,
        dt.BooleanType: "TINYINT(1)",
        dt.CharType: lambda dialect, t: f"CHAR({t.length or 1})",
        dt.VarCharType: lambda dialect, t: f"VARCHAR({t.length or 255})",
        dt.TextType: "LONGTEXT",
        dt.BlobType: "LONGBLOB",
        dt.DateType: "DATE",
        dt.TimeType: sized("TIME", "precision", 6),
        dt.TimeTzType: sized("TIME", "precision", 6),
        # No zone type: aware values are stored as UTC in DATETIME.
        dt.DateTimeType: sized("DATETIME", "precision", 6),
        dt.TimestampTzType: sized("DATETIME", "precision", 6),
        dt.TimestampType: sized("TIMESTAMP", "precision", 6),
        dt.IntervalType: "TIME(6)",  # a duration of up to +-838 hours
        dt.JsonType: "JSON",
        dt.JsonBType: "JSON",
        dt.CustomType: raw,
    }


class MySQLExtraTypeMixin(DDLTypeMixin):
    """The MySQL-only types of ``types.py`` (ENUM, SET, UNSIGNED, BIT, YEAR, sized TEXT/BLOB, spatial)."""

    def _quoted_labels(self, values: tuple[str, ...]) -> str:
        from .ddl_table import mysql_literal

        return ", ".join(mysql_literal(v) for v in values)

    @_fixed(EnumType)
    def format_data_type_enum(self, data_type: EnumType) -> tuple[str, tuple]:
        return f"ENUM({self._quoted_labels(data_type.values)})", ()

    @_fixed(SetType)
    def format_data_type_set(self, data_type: SetType) -> tuple[str, tuple]:
        return f"SET({self._quoted_labels(data_type.values)})", ()

    @_fixed(UnsignedType)
    def format_data_type_unsigned(self, data_type: UnsignedType) -> tuple[str, tuple]:
        base_sql, params = self.format_data_type(data_type.base)
        return f"{base_sql} UNSIGNED", params

    @_fixed(BitType)
    def format_data_type_bit(self, data_type: BitType) -> tuple[str, tuple]:
        return f"BIT({data_type.length})", ()

    @_fixed(YearType)
    def format_data_type_year(self, data_type: YearType) -> tuple[str, tuple]:
        return "YEAR", ()

    @_fixed(SizedBlobType)
    def format_data_type_sized_blob(self, data_type: SizedBlobType) -> tuple[str, tuple]:
        return f"{data_type.size.upper()}BLOB", ()

    @_fixed(SizedTextType)
    def format_data_type_sized_text(self, data_type: SizedTextType) -> tuple[str, tuple]:
        return f"{data_type.size.upper()}TEXT", ()

    @_fixed(SpatialType)
    def format_data_type_spatial(self, data_type: SpatialType) -> tuple[str, tuple]:
        return data_type.kind, ()

    @_fixed(VectorType)
    def format_data_type_vector(self, data_type: VectorType) -> tuple[str, tuple]:
        self.require("vector_type")  # type: ignore[attr-defined]
        return f"VECTOR({data_type.dimensions})", ()
