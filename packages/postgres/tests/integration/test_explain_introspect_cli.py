"""EXPLAIN, catalog introspection and the command line against live servers."""

from __future__ import annotations

import json

import pytest

from rhosocial.activerecord.backend.expression import RawSQLExpression
from rhosocial.activerecord.backend.expression.statements import ExplainFormat, ExplainOptions

pytestmark = pytest.mark.server


async def test_explain_text_json_and_analyze(db):
    dialect = db.backend.dialect
    text = await db.explain(RawSQLExpression(dialect, "SELECT 1"))
    assert text.lines
    assert text.lines[0].startswith("Result")
    analyzed = await db.explain(
        RawSQLExpression(dialect, "SELECT 1"), ExplainOptions(analyze=True, format=ExplainFormat.JSON)
    )
    assert analyzed.sql.startswith("EXPLAIN (ANALYZE, TIMING FALSE, FORMAT JSON)")
    assert analyzed.plan["Plan"]["Node Type"] == "Result"
    assert analyzed.execution_time is not None


async def test_explain_timing_option_takes_effect(db):
    # timing=False (the core's default) must switch the server's per-node timing off, timing=True on.
    dialect = db.backend.dialect
    untimed = await db.explain(
        RawSQLExpression(dialect, "SELECT 1"), ExplainOptions(analyze=True, format=ExplainFormat.JSON)
    )
    timed = await db.explain(
        RawSQLExpression(dialect, "SELECT 1"), ExplainOptions(analyze=True, timing=True, format=ExplainFormat.JSON)
    )
    assert "Actual Total Time" not in untimed.plan["Plan"]
    assert untimed.plan["Plan"]["Actual Rows"] == 1
    assert timed.plan["Plan"]["Actual Total Time"] >= 0


async def test_explain_summary_option_takes_effect(db):
    # summary=True (the core's default) must show the summary where the server would not (no ANALYZE),
    # summary=False must hide it where the server would show it (ANALYZE).
    dialect = db.backend.dialect
    query = RawSQLExpression(dialect, "SELECT 1")
    plain = await db.explain(query, ExplainOptions(format=ExplainFormat.JSON))
    assert plain.sql.startswith("EXPLAIN (SUMMARY TRUE, FORMAT JSON)")
    assert "Planning Time" in plain.plan
    quiet = await db.explain(query, ExplainOptions(summary=False, format=ExplainFormat.JSON))
    assert "Planning Time" not in quiet.plan
    analyzed = await db.explain(query, ExplainOptions(analyze=True, summary=False, format=ExplainFormat.JSON))
    assert "SUMMARY FALSE" in analyzed.sql
    assert "Execution Time" not in analyzed.plan
    assert analyzed.plan["Plan"]["Actual Rows"] == 1
    text = await db.explain(query, ExplainOptions())
    assert any(line.startswith("Planning Time") for line in text.lines)


async def test_catalog_describes_a_table(db, table):
    from rhosocial.activerecord.backend.impl.postgres import introspection

    await db.execute(
        f'CREATE TABLE "{table}" (id INT PRIMARY KEY, parent INT REFERENCES "{table}"(id), name TEXT NOT NULL)'
    )
    catalog = (introspection.AsyncPostgresCatalog if db.is_async else introspection.PostgresCatalog)(db.backend)
    if db.is_async:
        tables, described = await catalog.tables(), await catalog.describe(table)
    else:
        tables, described = catalog.tables(), catalog.describe(table)
    assert table in {t["name"] for t in tables}
    assert [c["name"] for c in described["columns"]] == ["id", "parent", "name"]
    assert described["indexes"][0]["primary"] is True
    assert "REFERENCES" in described["foreign_keys"][0]["definition"]


def test_cli_info_query_introspect(server, capsys, monkeypatch):
    from rhosocial.activerecord.backend.impl.postgres.cli import main

    monkeypatch.setenv("PGPASSWORD", server.password)
    base = ["--host", server.host, "--port", str(server.port), "-d", server.database, "-u", server.user]
    assert main([*base, "info", "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["connect.password"] == "***"
    assert info["setting.driver_implementation"] in ("binary", "c", "python")  # psycopg.pq.__impl__
    assert main([*base, "capabilities", "-f", "json"]) == 0
    caps = {row["capability"]: row["supported"] for row in json.loads(capsys.readouterr().out)}
    assert caps["returning"] == "yes"
    assert main([*base, "query", "SELECT 41 + 1 AS answer", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"answer": 42}]
    assert main([*base, "introspect"]) == 0
    assert main([*base, "query", "SELECT * FROM no_such_table_here"]) == 1
    assert "42P01" in capsys.readouterr().err
