"""Server-free parts of the drop-in surface (issue 11): offline dialect, legacy config names, parse_type."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import Column
from rhosocial.activerecord.backend.expression.functions.datetime import date_diff
from rhosocial.activerecord.backend.expression.types import (
    ArrayType,
    BigIntType,
    CharType,
    CustomType,
    DoubleType,
    IntegerType,
    TimestampType,
    TimeTzType,
)
from rhosocial.activerecord.backend.impl.postgres import PostgresConnectionConfig, PostgresDialect
from rhosocial.activerecord.backend.impl.postgres.explain.result import PostgresExplainResult
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError


@pytest.mark.parametrize("make", [lambda: PostgresDialect((14, 0, 0)), lambda: PostgresDialect(version=(14,))])
def test_offline_dialect_from_a_version(make):
    dialect = make()
    assert dialect.version == (14, 0, 0)
    assert dialect.supports_merge_statement() is False  # MERGE is 15+
    assert PostgresDialect((15, 2)).supports_merge_statement() is True


def test_legacy_config_names_are_mapped_or_refused():
    config = PostgresConnectionConfig(host="h", pool_size=4, ssl_mode="require", ssl_ca="/ca.pem", charset="UTF8")
    assert (config.pool_max_size, config.sslmode, config.sslrootcert, config.client_encoding) == (
        4,
        "require",
        "/ca.pem",
        "UTF8",
    )
    with pytest.raises(ConfigurationError, match=r"pool_recycle.*max_lifetime"):
        PostgresConnectionConfig(host="h", pool_recycle=60)
    with pytest.raises(ConfigurationError, match="disagree"):
        PostgresConnectionConfig(host="h", pool_size=4, pool_max_size=5)


@pytest.mark.parametrize(
    ("raw", "kind", "attrs"),
    [
        ("bigint", BigIntType, {}),
        ("INTEGER", IntegerType, {}),
        ("double precision", DoubleType, {}),
        ("character(3)", CharType, {"length": 3}),
        ("timestamp(6) without time zone", TimestampType, {"precision": 6}),
        ("time with time zone", TimeTzType, {}),
        ("text[][]", ArrayType, {"dimensions": 2}),
        ("inet", CustomType, {"raw": "inet"}),
        ("public.mood[]", ArrayType, {"dimensions": 1}),
    ],
)
def test_parse_type(raw, kind, attrs):
    parsed = PostgresDialect().parse_type(raw)
    assert isinstance(parsed, kind)
    for name, value in attrs.items():
        assert getattr(parsed, name) == value


def test_date_diff_refuses_an_unknown_unit():
    d = PostgresDialect()
    sql, _ = date_diff(d, "day", Column(d, "a"), Column(d, "b")).to_sql()
    assert sql == '((EXTRACT(EPOCH FROM "b") - EXTRACT(EPOCH FROM "a")) / 86400)'
    expr = date_diff(d, "day", Column(d, "a"), Column(d, "b"))
    expr.unit = type("U", (), {"value": "fortnight"})()
    with pytest.raises(UnsupportedFeatureError, match="fortnight"):
        expr.to_sql()


def test_explain_facts_from_text_lines():
    lines = [
        "Nested Loop  (cost=0.29..16.34 rows=3 width=4)",
        "  ->  Seq Scan on a  (cost=0.00..1.03 rows=3 width=4)",
        "  ->  Index Only Scan using b_pkey on b  (cost=0.29..5.10 rows=1 width=4)",
    ]
    result = PostgresExplainResult(raw_rows=[], sql="", duration=0.0, lines=lines)
    assert result.estimated_rows == 3
    assert result.index_names == ["b_pkey"]
    assert result.seq_scan_tables == ["a"]
    assert result.is_full_scan
    assert result.is_index_used
    assert not result.is_covering_index
