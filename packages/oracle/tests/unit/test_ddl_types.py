"""Core DDL types rendered as Oracle types, and parsed back."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.expression.statements import ColumnDefinition
from rhosocial.activerecord.backend.expression.statements.ddl_alter import AddColumn, DropColumn
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
    JsonType,
    TextType,
    TimestampType,
    TimestampTzType,
    TimeType,
    VarCharType,
)
from rhosocial.activerecord.backend.impl.oracle import OracleDialect
from rhosocial.activerecord.backend.impl.oracle.capabilities import server_info


@pytest.mark.parametrize(
    ("data_type", "sql19", "sql23"),
    [
        (IntegerType(), "NUMBER(10)", "NUMBER(10)"),
        (BigIntType(), "NUMBER(19)", "NUMBER(19)"),
        (DecimalType(), "NUMBER", "NUMBER"),
        (DecimalType(12), "NUMBER(12)", "NUMBER(12)"),
        (DecimalType(12, 2), "NUMBER(12,2)", "NUMBER(12,2)"),
        (FloatType(), "BINARY_DOUBLE", "BINARY_DOUBLE"),
        (DoubleType(), "BINARY_DOUBLE", "BINARY_DOUBLE"),
        (CharType(3), "CHAR(3)", "CHAR(3)"),
        (VarCharType(50), "VARCHAR2(50)", "VARCHAR2(50)"),
        (VarCharType(), "VARCHAR2(4000)", "VARCHAR2(4000)"),
        (TextType(), "CLOB", "CLOB"),
        (BlobType(), "BLOB", "BLOB"),
        (BooleanType(), "NUMBER(1)", "BOOLEAN"),
        (JsonType(), "CLOB", "JSON"),
        (DateType(), "DATE", "DATE"),
        (TimeType(), "VARCHAR2(15)", "VARCHAR2(15)"),
        (DateTimeType(), "TIMESTAMP(6)", "TIMESTAMP(6)"),
        (DateTimeType(3), "TIMESTAMP(3)", "TIMESTAMP(3)"),
        (TimestampTzType(), "TIMESTAMP(6) WITH TIME ZONE", "TIMESTAMP(6) WITH TIME ZONE"),
        (IntervalType(), "INTERVAL DAY(9) TO SECOND(6)", "INTERVAL DAY(9) TO SECOND(6)"),
        (CustomType("SDO_GEOMETRY"), "SDO_GEOMETRY", "SDO_GEOMETRY"),
    ],
)
def test_types_by_version(data_type, sql19, sql23):
    d = OracleDialect()
    assert d.format_data_type(data_type) == (sql19, ())
    d.adapt_to(server_info("23.4.0"))
    assert d.format_data_type(data_type) == (sql23, ())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NUMBER(19)", BigIntType),
        ("NUMBER(10)", IntegerType),
        ("NUMBER(12,2)", DecimalType),
        ("NUMBER", DecimalType),
        ("VARCHAR2(50 CHAR)", VarCharType),
        ("CLOB", TextType),
        ("BLOB", BlobType),
        ("DATE", DateType),
        ("TIMESTAMP(6) WITH TIME ZONE", TimestampTzType),
        ("TIMESTAMP(6)", TimestampType),
        ("SDO_GEOMETRY", CustomType),
    ],
)
def test_parse_type(raw, expected):
    assert isinstance(OracleDialect().parse_type(raw), expected)


def test_alter_table_add_has_no_column_keyword():
    d = OracleDialect()
    assert AddColumn(d, ColumnDefinition("content", TextType())).to_sql() == ('ADD "CONTENT" CLOB', ())
    assert DropColumn(d, column_name="content").to_sql() == ('DROP COLUMN "CONTENT"', ())
    assert (BooleanType, "NUMBER(1)") in d.supports_data_types()
