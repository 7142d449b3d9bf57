"""The CREATE TABLE element list both MySQL and Oracle build through the toolkit."""

from __future__ import annotations

from types import SimpleNamespace

from rhosocial.activerecord.backend.toolkit.table_elements import render_each, table_elements


class Dialect:
    def format_column_definition(self, column):
        return f"{column} INT", [column]

    def format_table_constraint_sql(self, constraint):
        return (f"CHECK ({constraint})", [constraint]) if constraint else ("", [])


def test_order_params_and_empty_constraints_left_out():
    expr = SimpleNamespace(columns=["a", "b"], table_constraints=["a > 0", None])
    assert table_elements(Dialect(), expr) == (["a INT", "b INT", "CHECK (a > 0)"], ["a", "b", "a > 0"])


def test_column_level_constraints_come_after_every_column():
    expr = SimpleNamespace(columns=["a", "b"], table_constraints=["b > 0"])

    def extra(column):
        return [(f"FOREIGN KEY ({column})", [])] if column == "a" else []

    parts, _ = table_elements(Dialect(), expr, extra)
    assert parts == ["a INT", "b INT", "FOREIGN KEY (a)", "CHECK (b > 0)"]


def test_render_each():
    assert render_each([1, 2], lambda n: (f"x{n}", [n])) == (["x1", "x2"], [1, 2])
    assert render_each([], lambda n: ("", [])) == ([], [])
