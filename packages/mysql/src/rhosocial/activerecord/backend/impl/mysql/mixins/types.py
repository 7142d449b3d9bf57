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

from ..types import BitType, EnumType, SetType, SizedBlobType, SizedTextType, SpatialType, UnsignedType, YearType

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
