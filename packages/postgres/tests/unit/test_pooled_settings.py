"""Which statements carry the per-transaction settings behind a transaction-pooling PgBouncer (pure logic;
tests/topologies/test_pgbouncer.py proves the effect through a live PgBouncer)."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.impl.postgres.pooled_settings import (
    BEGIN,
    PLAIN,
    WRAP,
    settings_call,
    statement_plan,
)


@pytest.mark.parametrize(
    ("sql", "plan"),
    [
        ("SELECT 1", WRAP),
        ("  insert into t values (%s)", WRAP),
        ("WITH x AS (SELECT 1) SELECT * FROM x", WRAP),
        ("CREATE TABLE t (id int)", WRAP),
        ("BEGIN ISOLATION LEVEL SERIALIZABLE", BEGIN),
        ("start transaction read only", BEGIN),
        ("COMMIT", PLAIN),
        ("ROLLBACK", PLAIN),
        ("END", PLAIN),
        ("VACUUM t", PLAIN),
        ("CREATE DATABASE x", PLAIN),
        ("CREATE INDEX CONCURRENTLY i ON t (id)", PLAIN),
        ("DROP INDEX CONCURRENTLY i", PLAIN),
        ("ALTER SYSTEM SET work_mem = '8MB'", PLAIN),
        ("", PLAIN),
    ],
)
def test_statement_plan_outside_a_transaction(sql, plan):
    assert statement_plan(sql, idle=True) == plan


def test_inside_a_transaction_nothing_is_added():
    assert statement_plan("SELECT 1", idle=False) == PLAIN
    assert statement_plan("BEGIN", idle=False) == PLAIN


def test_settings_travel_as_parameters_of_one_statement():
    sql, params = settings_call({"search_path": "a'b, public", "TimeZone": "Asia/Tokyo"})
    assert sql == "SELECT set_config('search_path', %s, true), set_config('TimeZone', %s, true)"
    assert params == ("a'b, public", "Asia/Tokyo")
