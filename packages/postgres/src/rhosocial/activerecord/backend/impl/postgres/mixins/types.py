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

Sql = tuple[str, tuple]


def _p(base: str, precision) -> str:
    return f"{base}({precision})" if precision is not None else base


class PostgresTypeMixin(DDLTypeMixin):
    @DDLTypeMixin.handles(TinyIntType)
    def format_data_type_tinyint(self, t: TinyIntType) -> Sql:
        return "SMALLINT", ()  # no 1-byte integer in PostgreSQL

    @DDLTypeMixin.handles(SmallIntType)
    def format_data_type_smallint(self, t: SmallIntType) -> Sql:
        return "SMALLINT", ()

    @DDLTypeMixin.handles(IntType)
    def format_data_type_int(self, t: IntType) -> Sql:
        return "INTEGER", ()

    @DDLTypeMixin.handles(IntegerType)
    def format_data_type_integer(self, t: IntegerType) -> Sql:
        return "INTEGER", ()

    @DDLTypeMixin.handles(BigIntType)
    def format_data_type_bigint(self, t: BigIntType) -> Sql:
        return "BIGINT", ()

    @DDLTypeMixin.handles(RealType)
    def format_data_type_real(self, t: RealType) -> Sql:
        return "REAL", ()

    @DDLTypeMixin.handles(DoubleType)
    def format_data_type_double(self, t: DoubleType) -> Sql:
        return "DOUBLE PRECISION", ()

    @DDLTypeMixin.handles(FloatType)
    def format_data_type_float(self, t: FloatType) -> Sql:
        return _p("FLOAT", t.precision), ()

    @DDLTypeMixin.handles(DecimalType)
    def format_data_type_decimal(self, t: DecimalType) -> Sql:
        if t.precision is not None and t.scale is not None:
            return f"NUMERIC({t.precision},{t.scale})", ()
        return _p("NUMERIC", t.precision), ()

    @DDLTypeMixin.handles(TextType)
    def format_data_type_text(self, t: TextType) -> Sql:
        return "TEXT", ()

    @DDLTypeMixin.handles(CharType)
    def format_data_type_char(self, t: CharType) -> Sql:
        return _p("CHAR", t.length), ()

    @DDLTypeMixin.handles(VarCharType)
    def format_data_type_varchar(self, t: VarCharType) -> Sql:
        return _p("VARCHAR", t.length), ()

    @DDLTypeMixin.handles(BooleanType)
    def format_data_type_boolean(self, t: BooleanType) -> Sql:
        return "BOOLEAN", ()

    @DDLTypeMixin.handles(BlobType)
    def format_data_type_blob(self, t: BlobType) -> Sql:
        return "BYTEA", ()

    @DDLTypeMixin.handles(DateType)
    def format_data_type_date(self, t: DateType) -> Sql:
        return "DATE", ()

    @DDLTypeMixin.handles(TimeType)
    def format_data_type_time(self, t: TimeType) -> Sql:
        return _p("TIME", t.precision), ()

    @DDLTypeMixin.handles(TimeTzType)
    def format_data_type_timetz(self, t: TimeTzType) -> Sql:
        return _p("TIME", t.precision) + " WITH TIME ZONE", ()

    @DDLTypeMixin.handles(DateTimeType)
    def format_data_type_datetime(self, t: DateTimeType) -> Sql:
        return _p("TIMESTAMP", t.precision), ()

    @DDLTypeMixin.handles(TimestampType)
    def format_data_type_timestamp(self, t: TimestampType) -> Sql:
        return _p("TIMESTAMP", t.precision), ()

    @DDLTypeMixin.handles(TimestampTzType)
    def format_data_type_timestamptz(self, t: TimestampTzType) -> Sql:
        return _p("TIMESTAMP", t.precision) + " WITH TIME ZONE", ()

    @DDLTypeMixin.handles(IntervalType)
    def format_data_type_interval(self, t: IntervalType) -> Sql:
        return (f"INTERVAL {t.fields}" if t.fields else "INTERVAL"), ()

    @DDLTypeMixin.handles(JsonType)
    def format_data_type_json(self, t: JsonType) -> Sql:
        return "JSON", ()

    @DDLTypeMixin.handles(JsonBType)
    def format_data_type_jsonb(self, t: JsonBType) -> Sql:
        return "JSONB", ()

    @DDLTypeMixin.handles(ArrayType)
    def format_data_type_array(self, t: ArrayType) -> Sql:
        element, _ = self.format_data_type(t.element_type)
        return element + "[]" * t.dimensions, ()

    @DDLTypeMixin.handles(CustomType)
    def format_data_type_custom(self, t: CustomType) -> Sql:
        return t.raw, ()
