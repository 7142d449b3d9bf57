"""The capability table as data, and the dialect's answers from it."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.impl.postgres.capabilities import CAPABILITIES
from rhosocial.activerecord.backend.impl.postgres.dialect import SUPPORT_FLAGS, PostgresDialect
from rhosocial.activerecord.backend.toolkit.capabilities import UnsupportedCapabilityError
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo


def server(*version: int) -> ServerInfo:
    return ServerInfo("postgresql", "postgresql", version)


@pytest.mark.parametrize(
    ("name", "first"),
    [("merge", 15), ("jsonb_subscripting", 14), ("json_table", 17), ("materialized_cte", 12), ("multiranges", 14)],
)
def test_version_gates(name, first):
    assert CAPABILITIES.supports(server(first, 0, 0), name)
    assert not CAPABILITIES.supports(server(first - 1, 9, 0), name)


def test_unsupported_says_what_was_needed_and_found():
    with pytest.raises(UnsupportedCapabilityError, match=r"needs postgresql >= 17, found 15.4.0"):
        CAPABILITIES.require(server(15, 4, 0), "json_table")


def test_every_flag_names_a_known_capability():
    for method, flag in SUPPORT_FLAGS.items():
        assert isinstance(flag, bool) or flag in CAPABILITIES, method


def test_dialect_answers_follow_the_probed_server():
    dialect = PostgresDialect(server(14, 0, 0))
    assert not dialect.supports_merge_statement()
    assert dialect.supports_returning_insert()
    assert dialect.supports_upsert()
    dialect.server = server(16, 2, 0)
    assert dialect.supports_merge_statement()
    assert dialect.version == (16, 2, 0)


def test_merge_is_refused_before_15_and_rendered_from_15():
    from rhosocial.activerecord.backend.expression import Column, ComparisonPredicate, TableExpression
    from rhosocial.activerecord.backend.expression.statements import MergeAction, MergeActionType, MergeExpression

    def merge(dialect: PostgresDialect) -> MergeExpression:
        on = ComparisonPredicate(dialect, "=", Column(dialect, "id", "t"), Column(dialect, "id", "s"))
        update = MergeAction(MergeActionType.UPDATE, assignments={"v": Column(dialect, "v", "s")})
        return MergeExpression(
            dialect, TableExpression(dialect, "t"), TableExpression(dialect, "s"), on, when_matched=[update]
        )

    with pytest.raises(UnsupportedCapabilityError, match=r"merge needs postgresql >= 15, found 14.9.0"):
        merge(PostgresDialect(server(14, 9, 0))).to_sql()
    sql, _ = merge(PostgresDialect(server(15, 0, 0))).to_sql()
    assert sql.startswith('MERGE INTO "t" USING "s" ON "t"."id" = "s"."id" WHEN MATCHED THEN UPDATE SET "v"')


def test_dialect_before_probe_assumes_oldest_supported():
    assert PostgresDialect().version == (13, 0, 0)


def test_dialect_is_recognised_by_the_core_protocols():
    from rhosocial.activerecord.backend.dialect import protocols as p

    dialect = PostgresDialect(server(16, 0, 0))
    for protocol in (p.CTESupport, p.ReturningSupport, p.UpsertSupport, p.WindowFunctionSupport, p.MergeSupport):
        assert isinstance(dialect, protocol)


def test_json_table_columns_are_quoted_once_and_refused_before_17():
    from rhosocial.activerecord.backend.expression import Column
    from rhosocial.activerecord.backend.expression.query_sources import JSONTableColumn, JSONTableExpression

    def source(dialect: PostgresDialect) -> JSONTableExpression:
        columns = [JSONTableColumn("x", "INT", "$.x"), JSONTableColumn('a"b', "TEXT", "$.y")]
        return JSONTableExpression(dialect, Column(dialect, "doc"), "$[*]", columns, alias="jt")

    sql, _ = source(PostgresDialect(server(17, 0, 0))).to_sql()
    assert sql == """JSON_TABLE("doc", '$[*]' COLUMNS("x" INT PATH '$.x', "a""b" TEXT PATH '$.y')) AS "jt\""""
    with pytest.raises(UnsupportedCapabilityError, match=r"json_table needs postgresql >= 17, found 16.4.0"):
        source(PostgresDialect(server(16, 4, 0))).to_sql()
