"""retype_tables: the tables a predicate selects are re-classed on copies, through joins and lists."""

from __future__ import annotations

from rhosocial.activerecord.backend.expression import Column, TableExpression
from rhosocial.activerecord.backend.expression.query_parts import JoinExpression
from rhosocial.activerecord.backend.impl.dummy import DummyDialect
from rhosocial.activerecord.backend.toolkit.table_sources import retype_tables


class Marked(TableExpression):
    def to_sql(self) -> tuple[str, tuple]:
        return f"<{self.name}>", ()


def _timed(table: TableExpression) -> bool:
    return bool(table.temporal_options)


def test_selected_tables_are_retyped_on_copies():
    d = DummyDialect()
    past = TableExpression(d, "a", alias="x", temporal_options={"as_of": 1})
    plain = TableExpression(d, "b")
    join = JoinExpression(d, past, plain, "JOIN", condition=Column(d, "id", "x") == Column(d, "id", "b"))
    out = retype_tables(join, Marked, _timed)
    assert out is not join
    assert type(out.left_table) is Marked
    assert out.right_table is plain
    assert type(join.left_table) is TableExpression  # the caller's tree is unchanged
    listed = retype_tables([plain, past], Marked, _timed)
    assert [type(t) for t in listed] == [TableExpression, Marked]


def test_nothing_selected_returns_the_same_objects():
    d = DummyDialect()
    plain = TableExpression(d, "b")
    sources = [plain]
    assert retype_tables(plain, Marked, _timed) is plain
    assert retype_tables(sources, Marked, _timed) is sources
    assert retype_tables("b", Marked, _timed) == "b"
