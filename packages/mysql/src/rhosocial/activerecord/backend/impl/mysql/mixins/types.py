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

from ..types import BitType, EnumType, SetType, SizedBlobType, SizedTextType, SpatialType, UnsignedType, YearType

_fixed = DDLTypeMixin.handles


def _frac(data_type: object, default: int = 6) -> str:
    precision = getattr(data_type, "precision", None)
    return f"({default if precision is None else precision})"


class MySQLTypeMixin(DDLTypeMixin):
    @_fixed(TinyIntType)
    def format_data_type_tinyint(self, data_type: TinyIntType) -> tuple[str, tuple]:
        return "TINYINT", ()

    @_fixed(SmallIntType)
    def format_data_type_smallint(self, data_type: SmallIntType) -> tuple[str, tuple]:
        return "SMALLINT", ()

    @_fixed(IntType, IntegerType)
    def format_data_type_int(self, data_type: IntType) -> tuple[str, tuple]:
        return "INT", ()

    @_fixed(BigIntType)
    def format_data_type_bigint(self, data_type: BigIntType) -> tuple[str, tuple]:
        return "BIGINT", ()

    @_fixed(FloatType, RealType)
    def format_data_type_float(self, data_type: FloatType) -> tuple[str, tuple]:
        return "FLOAT", ()

    @_fixed(DoubleType)
    def format_data_type_double(self, data_type: DoubleType) -> tuple[str, tuple]:
        return "DOUBLE", ()

    @_fixed(DecimalType)
    def format_data_type_decimal(self, data_type: DecimalType) -> tuple[str, tuple]:
        if data_type.precision is None:
            return "DECIMAL(20,6)", ()
        scale = data_type.scale if data_type.scale is not None else 0
        return f"DECIMAL({data_type.precision},{scale})", ()

    @_fixed(BooleanType)
    def format_data_type_boolean(self, data_type: BooleanType) -> tuple[str, tuple]:
        return "TINYINT(1)", ()

    @_fixed(CharType)
    def format_data_type_char(self, data_type: CharType) -> tuple[str, tuple]:
        return f"CHAR({data_type.length or 1})", ()

    @_fixed(VarCharType)
    def format_data_type_varchar(self, data_type: VarCharType) -> tuple[str, tuple]:
        return f"VARCHAR({data_type.length or 255})", ()

    @_fixed(TextType)
    def format_data_type_text(self, data_type: TextType) -> tuple[str, tuple]:
        return "LONGTEXT", ()

    @_fixed(BlobType)
    def format_data_type_blob(self, data_type: BlobType) -> tuple[str, tuple]:
        return "LONGBLOB", ()

    @_fixed(DateType)
    def format_data_type_date(self, data_type: DateType) -> tuple[str, tuple]:
        return "DATE", ()

    @_fixed(TimeType, TimeTzType)
    def format_data_type_time(self, data_type: TimeType) -> tuple[str, tuple]:
        return "TIME" + _frac(data_type), ()

    @_fixed(DateTimeType, TimestampTzType)
    def format_data_type_datetime(self, data_type: DateTimeType) -> tuple[str, tuple]:
        # No zone type: aware values are stored as UTC in DATETIME.
        return "DATETIME" + _frac(data_type), ()

    @_fixed(TimestampType)
    def format_data_type_timestamp(self, data_type: TimestampType) -> tuple[str, tuple]:
        return "TIMESTAMP" + _frac(data_type), ()

    @_fixed(IntervalType)
    def format_data_type_interval(self, data_type: IntervalType) -> tuple[str, tuple]:
        return "TIME(6)", ()  # a duration of up to +-838 hours

    @_fixed(JsonType, JsonBType)
    def format_data_type_json(self, data_type: JsonType) -> tuple[str, tuple]:
        return "JSON", ()

    @_fixed(CustomType)
    def format_data_type_custom(self, data_type: CustomType) -> tuple[str, tuple]:
        return data_type.raw, ()


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
