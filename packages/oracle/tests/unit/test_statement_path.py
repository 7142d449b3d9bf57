"""The per-statement path: what is decided once (per type, per statement text, per select list)
and what execute() still does per call (nothing the core's pipeline would not do, no log text)."""

from __future__ import annotations

import logging
from decimal import Decimal
from enum import Enum

import pytest

from rhosocial.activerecord.backend.impl.oracle.backend.common import TypeSuggestions
from rhosocial.activerecord.backend.impl.oracle.binds import OutBind, has_out_binds, oracle_sql, to_oracle_sql
from rhosocial.activerecord.backend.impl.oracle.rows import result_names, shape_dicts, shape_rows
from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.schema import StatementType


class Upper:
    """A result adapter stand-in with the core's from_database signature; records what it saw."""

    def __init__(self) -> None:
        self.seen: list = []

    def from_database(self, value, python_type):
        self.seen.append((value, python_type))
        return None if value is None else str(value).upper()


def test_shape_rows_matches_the_cores_adapt_then_rename():
    adapter = Upper()
    rows = [(1, "a", None), (2, "b", "x")]
    out = shape_rows(("id", "name", "tag"), rows, {"name": (adapter, str), "tag": (adapter, str)}, {"id": "pk"})
    assert out == [{"pk": 1, "name": "A", "tag": None}, {"pk": 2, "name": "B", "tag": "X"}]
    assert (None, str) in adapter.seen  # adapters see NULLs too, as in the core
    assert shape_rows(("a",), [(1,), (2,)], None, None) == [{"a": 1}, {"a": 2}]
    assert shape_dicts([{"id": 1}], None, {"id": "pk"}) == [{"pk": 1}]
    assert shape_dicts([], None, None) == []


def test_result_names_fold_once_per_select_list():
    result_names.cache_clear()
    assert result_names(("ID", "Mixed", "NAME")) == ("id", "Mixed", "name")
    result_names(("ID", "Mixed", "NAME"))
    assert result_names.cache_info().hits == 1


def test_statement_text_converted_once():
    sql = 'SELECT "A" AS "B" FROM "T" WHERE "X" = ?'
    assert oracle_sql(sql) == to_oracle_sql(sql) == 'SELECT "A" "B" FROM "T" WHERE "X" = :1'
    before = oracle_sql.cache_info().hits
    oracle_sql(sql)
    assert oracle_sql.cache_info().hits == before + 1


def test_out_bind_scan():
    assert not has_out_binds([])
    assert not has_out_binds([1, "a"])
    assert has_out_binds([1, OutBind("id")])


def test_type_suggestions_walk_the_mro_once_per_type():
    class Color(Enum):
        RED = "r"

    found = TypeSuggestions()
    found[Enum] = ("enum adapter", str)
    assert found.get(Color) == ("enum adapter", str)
    assert found.get(int) is None
    assert found.get(int, "default") == "default"
    assert Color in found._by_type
    found[int] = ("int adapter", int)  # a new entry forgets what was remembered
    assert found.get(int) == ("int adapter", int)


def test_execute_builds_no_log_text_when_logging_is_off(server, backend, fake, monkeypatch):
    built = []
    monkeypatch.setattr(backend, "log", lambda *a, **k: built.append(a))
    monkeypatch.setattr(backend, "_log_query_completion", lambda *a: built.append(a))
    server.on(r"^SELECT", fake.Reply(columns=["ID"], rows=[(1,)]))
    assert backend.fetch_one('SELECT "ID" FROM "T" WHERE "ID" = ?', (1,)) == {"id": 1}
    backend.execute("UPDATE t SET a = ?", (Decimal("1.5"),))
    assert built == []
    assert server.log[-1] == ("UPDATE t SET a = :1", [Decimal("1.5")])
    backend.logger.setLevel(logging.INFO)
    try:
        backend.execute("UPDATE t SET a = ?", (1,), options=ExecutionOptions(stmt_type=StatementType.DML))
    finally:
        backend.logger.setLevel(logging.WARNING)
    assert len(built) == 1  # the completion record, only when its level is on


def test_execute_without_options_reads_no_result_set(server, backend, fake):
    server.on(r"^SELECT", fake.Reply(columns=["ID"], rows=[(1,)]))
    assert backend.execute("SELECT 1 FROM DUAL").data is None  # the core's default: DDL
    forced = ExecutionOptions(stmt_type=StatementType.DML, process_result_set=True)
    assert backend.execute("SELECT 1 FROM DUAL", options=forced).data == [{"id": 1}]
    with pytest.raises(Exception, match="named parameters"):
        backend.execute("SELECT :a FROM DUAL", {"a": 1})
