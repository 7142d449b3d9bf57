"""Query features: CTEs, window functions, grouping, joins, set operations, ILIKE, collation, paging."""

from __future__ import annotations

from rhosocial.activerecord.backend.expression import aggregates, query_parts
from rhosocial.activerecord.backend.expression.advanced_functions import (
    OrderedSetAggregation,
    WindowFrameSpecification,
    WindowFunctionCall,
    WindowSpecification,
)
from rhosocial.activerecord.backend.expression.collation import CollateExpression
from rhosocial.activerecord.backend.expression.core import Subquery
from rhosocial.activerecord.backend.expression.query_sources import (
    CTEExpression,
    LateralExpression,
    SetOperationExpression,
    WithQueryExpression,
)

from ..build import col, lit, order, select, table
from ..context import Ctx
from ..registry import case

NUMBERS = [("n", "INT NOT NULL"), ("grp", "VARCHAR(10) NOT NULL")]


def _numbers(ctx: Ctx) -> str:
    return ctx.table(NUMBERS, "num", rows=[(1, "a"), (2, "a"), (3, "b"), (4, "b")])


# -- CTEs ------------------------------------------------------------------------------------
def _build_cte(ctx: Ctx, name: str = "t") -> WithQueryExpression:
    inner = select(ctx, [col(ctx, "n")], name, where=col(ctx, "n") > lit(ctx, 2))
    cte = CTEExpression(ctx.dialect, "big", inner)
    return WithQueryExpression(ctx.dialect, [cte], select(ctx, [col(ctx, "n")], "big", order_by=[col(ctx, "n")]))


@case("supports_basic_cte", refusal=_build_cte)
def basic_cte(ctx: Ctx) -> None:
    rows = ctx.run(_build_cte(ctx, _numbers(ctx)))
    assert [r["n"] for r in rows] == [3, 4], rows


def _build_recursive(ctx: Ctx) -> WithQueryExpression:
    # WITH RECURSIVE seq(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < 5) SELECT k FROM seq
    anchor = select(ctx, [lit(ctx, 1).as_("k")], None)
    step = select(ctx, [(col(ctx, "k") + lit(ctx, 1)).as_("k")], "seq", where=col(ctx, "k") < lit(ctx, 5))
    body = SetOperationExpression(ctx.dialect, anchor, step, "UNION", all_=True)
    cte = CTEExpression(ctx.dialect, "seq", body, columns=["k"])
    main = select(ctx, [col(ctx, "k")], "seq", order_by=[col(ctx, "k")])
    return WithQueryExpression(ctx.dialect, [cte], main, recursive=True)


@case("supports_recursive_cte", refusal=_build_recursive)
def recursive_cte(ctx: Ctx) -> None:
    rows = ctx.run(_build_recursive(ctx))
    assert [int(r["k"]) for r in rows] == [1, 2, 3, 4, 5], rows


def _build_materialized(ctx: Ctx, name: str = "t") -> WithQueryExpression:
    inner = select(ctx, [col(ctx, "n")], name)
    cte = CTEExpression(ctx.dialect, "m", inner, materialized=True)
    return WithQueryExpression(ctx.dialect, [cte], select(ctx, [col(ctx, "n")], "m", order_by=[col(ctx, "n")]))


@case("supports_materialized_cte", refusal=_build_materialized)
def materialized_cte(ctx: Ctx) -> None:
    expr = _build_materialized(ctx, _numbers(ctx))
    assert "MATERIALIZED" in ctx.sql_of(expr).upper(), ctx.sql_of(expr)
    assert [r["n"] for r in ctx.run(expr)] == [1, 2, 3, 4]


# -- window functions --------------------------------------------------------------------------
def _build_window(ctx: Ctx, name: str = "t", frame: bool = False) -> object:
    spec = WindowSpecification(
        ctx.dialect,
        partition_by=[col(ctx, "grp")],
        order_by=order(ctx, col(ctx, "n")),
        frame=WindowFrameSpecification(ctx.dialect, "ROWS", "UNBOUNDED PRECEDING", "CURRENT ROW") if frame else None,
    )
    func = "SUM" if frame else "ROW_NUMBER"
    args = [col(ctx, "n")] if frame else None
    call = WindowFunctionCall(ctx.dialect, func, args, window_spec=spec, alias="w")
    return select(ctx, [col(ctx, "n"), call], name, order_by=[col(ctx, "n")])


@case("supports_window_functions", refusal=_build_window)
def window_row_number(ctx: Ctx) -> None:
    rows = ctx.run(_build_window(ctx, _numbers(ctx)))
    assert [int(r["w"]) for r in rows] == [1, 2, 1, 2], rows


@case("supports_window_frame_clause", refusal=lambda ctx: _build_window(ctx, frame=True))
def window_frame(ctx: Ctx) -> None:
    rows = ctx.run(_build_window(ctx, _numbers(ctx), frame=True))
    assert [int(r["w"]) for r in rows] == [1, 3, 3, 7], rows


# -- grouping ------------------------------------------------------------------------------------
def _build_grouping(ctx: Ctx, operation: str, name: str = "t") -> object:
    # GROUPING SETS takes a list of column lists; ROLLUP and CUBE a list of columns
    columns = [[col(ctx, "grp")]] if operation == "GROUPING SETS" else [col(ctx, "grp")]
    grouping = query_parts.GroupingExpression(ctx.dialect, operation, columns)
    total = aggregates.AggregateFunctionCall(ctx.dialect, "SUM", col(ctx, "n"), alias="total")
    return select(ctx, [col(ctx, "grp"), total], name, group_by=[grouping])


def _totals(ctx: Ctx, operation: str) -> list[tuple[object, int]]:
    rows = ctx.run(_build_grouping(ctx, operation, _numbers(ctx)))
    return sorted(((r["grp"], int(r["total"])) for r in rows), key=lambda x: (x[0] is None, str(x[0])))


@case("supports_rollup", refusal=lambda ctx: _build_grouping(ctx, "ROLLUP"))
def group_by_rollup(ctx: Ctx) -> None:
    assert _totals(ctx, "ROLLUP") == [("a", 3), ("b", 7), (None, 10)]


@case("supports_cube", refusal=lambda ctx: _build_grouping(ctx, "CUBE"))
def group_by_cube(ctx: Ctx) -> None:
    assert _totals(ctx, "CUBE") == [("a", 3), ("b", 7), (None, 10)]


@case("supports_grouping_sets", refusal=lambda ctx: _build_grouping(ctx, "GROUPING SETS"))
def group_by_grouping_sets(ctx: Ctx) -> None:
    assert _totals(ctx, "GROUPING SETS") == [("a", 3), ("b", 7)]


def _build_filter(ctx: Ctx, name: str = "t") -> object:
    agg = aggregates.AggregateFunctionCall(ctx.dialect, "SUM", col(ctx, "n"), alias="big")
    agg.filter(col(ctx, "n") > lit(ctx, 2))
    return select(ctx, [agg], name)


@case("supports_filter_clause", refusal=_build_filter)
def aggregate_filter(ctx: Ctx) -> None:
    rows = ctx.run(_build_filter(ctx, _numbers(ctx)))
    assert int(rows[0]["big"]) == 7, rows


def _build_ordered_set(ctx: Ctx, name: str = "t") -> object:
    agg = OrderedSetAggregation(
        ctx.dialect, "PERCENTILE_DISC", [lit(ctx, 0.5)], order_by=order(ctx, col(ctx, "n")), alias="median"
    )
    return select(ctx, [agg], name)


@case("supports_ordered_set_aggregation", refusal=_build_ordered_set)
def ordered_set_aggregate(ctx: Ctx) -> None:
    rows = ctx.run(_build_ordered_set(ctx, _numbers(ctx)))
    assert int(rows[0]["median"]) == 2, rows


# -- joins ---------------------------------------------------------------------------------------
def _pair(ctx: Ctx) -> tuple[str, str]:
    left = ctx.table([("id", "INT NOT NULL"), ("l", "VARCHAR(5)")], "jl", rows=[(1, "x"), (2, "y")])
    right = ctx.table([("id", "INT NOT NULL"), ("r", "VARCHAR(5)")], "jr", rows=[(2, "p"), (3, "q")])
    return left, right


def _join(ctx: Ctx, left: str, right: str, join_type: str, **kw: object) -> query_parts.JoinExpression:
    condition = None
    if join_type != "CROSS JOIN" and not kw.get("natural") and not kw.get("using"):
        condition = col(ctx, "id", "a") == col(ctx, "id", "b")
    return query_parts.JoinExpression(
        ctx.dialect, table(ctx, left, "a"), table(ctx, right, "b"), join_type, condition=condition, **kw
    )


def _ids(ctx: Ctx, join: query_parts.JoinExpression) -> list[tuple[object, object]]:
    query = select(ctx, [col(ctx, "l", "a"), col(ctx, "r", "b")], join)
    rows = ctx.run(query)
    return sorted(((r["l"], r["r"]) for r in rows), key=lambda x: (str(x[0]), str(x[1])))


def _build_join(join_type: str, **kw: object):
    return lambda ctx: select(ctx, [col(ctx, "l", "a")], _join(ctx, "x_left", "x_right", join_type, **kw))


@case("supports_inner_join", refusal=_build_join("JOIN"))
def inner_join(ctx: Ctx) -> None:
    left, right = _pair(ctx)
    assert _ids(ctx, _join(ctx, left, right, "JOIN")) == [("y", "p")]


@case("supports_explicit_inner_join", refusal=_build_join("INNER JOIN"))
def explicit_inner_join(ctx: Ctx) -> None:
    left, right = _pair(ctx)
    join = _join(ctx, left, right, "INNER JOIN")
    assert "INNER JOIN" in ctx.sql_of(join).upper()
    assert _ids(ctx, join) == [("y", "p")]


@case("supports_left_join", refusal=_build_join("LEFT JOIN"))
def left_join(ctx: Ctx) -> None:
    left, right = _pair(ctx)
    assert _ids(ctx, _join(ctx, left, right, "LEFT JOIN")) == [("x", None), ("y", "p")]


@case("supports_right_join", refusal=_build_join("RIGHT JOIN"))
def right_join(ctx: Ctx) -> None:
    left, right = _pair(ctx)
    found = _ids(ctx, _join(ctx, left, right, "RIGHT JOIN"))
    assert sorted(found, key=str) == sorted([("y", "p"), (None, "q")], key=str), found


@case("supports_full_join", refusal=_build_join("FULL JOIN"))
def full_join(ctx: Ctx) -> None:
    left, right = _pair(ctx)
    found = _ids(ctx, _join(ctx, left, right, "FULL JOIN"))
    assert sorted(found, key=str) == sorted([("x", None), ("y", "p"), (None, "q")], key=str), found


@case("supports_cross_join", refusal=_build_join("CROSS JOIN"))
def cross_join(ctx: Ctx) -> None:
    left, right = _pair(ctx)
    assert len(_ids(ctx, _join(ctx, left, right, "CROSS JOIN"))) == 4


@case("supports_natural_join", refusal=_build_join("JOIN", natural=True))
def natural_join(ctx: Ctx) -> None:
    left, right = _pair(ctx)
    join = _join(ctx, left, right, "JOIN", natural=True)
    assert "NATURAL" in ctx.sql_of(join).upper()
    assert _ids(ctx, join) == [("y", "p")]


def _build_lateral(ctx: Ctx, left: str = "x_left", right: str = "x_right") -> object:
    inner = select(ctx, [col(ctx, "r", "b")], table(ctx, right, "b"), where=col(ctx, "id", "b") == col(ctx, "id", "a"))
    lateral = LateralExpression(ctx.dialect, Subquery(ctx.dialect, inner), alias="lat", join_type="CROSS")
    return select(ctx, [col(ctx, "l", "a"), col(ctx, "r", "lat")], [table(ctx, left, "a"), lateral])


@case("supports_lateral_join", refusal=_build_lateral)
def lateral_join(ctx: Ctx) -> None:
    left, right = _pair(ctx)
    rows = ctx.run(_build_lateral(ctx, left, right))
    assert [(r["l"], r["r"]) for r in rows] == [("y", "p")], rows


# -- set operations ------------------------------------------------------------------------------
def _set_op(ctx: Ctx, operation: str, all_: bool = False, name: str = "t", **kw: object) -> SetOperationExpression:
    left = select(ctx, [col(ctx, "n")], name, where=col(ctx, "n") <= lit(ctx, 3))
    right = select(ctx, [col(ctx, "n")], name, where=col(ctx, "n") >= lit(ctx, 2))
    return SetOperationExpression(ctx.dialect, left, right, operation, all_=all_, **kw)


def _values(ctx: Ctx, expr: object) -> list[int]:
    return sorted(int(next(iter(r.values()))) for r in ctx.run(expr))


@case("supports_union", refusal=lambda ctx: _set_op(ctx, "UNION"))
def union(ctx: Ctx) -> None:
    assert _values(ctx, _set_op(ctx, "UNION", name=_numbers(ctx))) == [1, 2, 3, 4]


@case("supports_union_all", refusal=lambda ctx: _set_op(ctx, "UNION", all_=True))
def union_all(ctx: Ctx) -> None:
    assert _values(ctx, _set_op(ctx, "UNION", all_=True, name=_numbers(ctx))) == [1, 2, 2, 3, 3, 4]


@case("supports_intersect", refusal=lambda ctx: _set_op(ctx, "INTERSECT"))
def intersect(ctx: Ctx) -> None:
    assert _values(ctx, _set_op(ctx, "INTERSECT", name=_numbers(ctx))) == [2, 3]


@case("supports_except", refusal=lambda ctx: _set_op(ctx, "EXCEPT"))
def except_(ctx: Ctx) -> None:
    assert _values(ctx, _set_op(ctx, "EXCEPT", name=_numbers(ctx))) == [1]


def _ordered_set_op(ctx: Ctx, name: str = "t") -> SetOperationExpression:
    return _set_op(
        ctx,
        "UNION",
        name=name,
        order_by_clause=order(ctx, (col(ctx, "n"), "DESC")),
        limit_offset_clause=query_parts.LimitOffsetClause(ctx.dialect, limit=2, offset=1),
    )


@case("supports_set_operation_order_by", "supports_set_operation_limit_offset", refusal=_ordered_set_op)
def set_operation_order_limit(ctx: Ctx) -> None:
    rows = ctx.run(_ordered_set_op(ctx, _numbers(ctx)))
    assert [int(next(iter(r.values()))) for r in rows] == [3, 2], rows


# -- paging, ILIKE, collation ----------------------------------------------------------------------
def _build_offset(ctx: Ctx, name: str = "t") -> object:
    return select(ctx, [col(ctx, "n")], name, order_by=[col(ctx, "n")], offset=2)


@case("supports_offset_without_limit", refusal=_build_offset)
def offset_without_limit(ctx: Ctx) -> None:
    rows = ctx.run(_build_offset(ctx, _numbers(ctx)))
    assert [r["n"] for r in rows] == [3, 4], rows


def _build_ilike(ctx: Ctx, name: str = "t", pattern: str = "AB%") -> object:
    return select(ctx, [col(ctx, "s")], name, where=col(ctx, "s").ilike(pattern), order_by=[col(ctx, "s")])


@case("supports_ilike", refusal=_build_ilike)
def ilike(ctx: Ctx) -> None:
    name = ctx.table([("s", "VARCHAR(20)")], "il", rows=[("abc",), ("ABD",), ("xab",)])
    rows = ctx.run(_build_ilike(ctx, name))
    assert sorted(r["s"] for r in rows) == ["ABD", "abc"], rows


def _build_collate(ctx: Ctx, name: str = "t") -> object:
    collation = {"postgres": "C", "mysql": "utf8mb4_bin", "oracle": "BINARY"}[ctx.backend_name]
    expr = CollateExpression(ctx.dialect, col(ctx, "s"), collation)
    return select(ctx, [col(ctx, "s")], name, order_by=[expr])


@case("supports_collate_expression", refusal=_build_collate)
def collate(ctx: Ctx) -> None:
    name = ctx.table([("s", "VARCHAR(20)")], "co", rows=[("b",), ("B",), ("a",), ("A",)])
    rows = ctx.run(_build_collate(ctx, name))
    # binary collation: upper case sorts before lower case
    assert [r["s"] for r in rows] == ["A", "B", "a", "b"], rows


def _set_op_for_update(ctx: Ctx, name: str = "t") -> SetOperationExpression:
    return _set_op(ctx, "UNION", all_=True, name=name, for_update_clause=query_parts.ForUpdateClause(ctx.dialect))


@case("supports_set_operation_for_update", refusal=_set_op_for_update)
def set_operation_for_update(ctx: Ctx) -> None:
    name = _numbers(ctx)
    with ctx.transaction():
        assert len(ctx.run(_set_op_for_update(ctx, name))) == 6


def _qualify(ctx: Ctx, name: str = "t") -> object:
    spec = WindowSpecification(ctx.dialect, partition_by=[col(ctx, "grp")], order_by=order(ctx, col(ctx, "n")))
    first = WindowFunctionCall(ctx.dialect, "ROW_NUMBER", None, window_spec=spec)
    return select(ctx, [col(ctx, "n")], name, qualify=query_parts.QualifyClause(ctx.dialect, first == lit(ctx, 1)))


@case("supports_qualify_clause", refusal=_qualify)
def qualify_clause(ctx: Ctx) -> None:
    rows = ctx.run(_qualify(ctx, _numbers(ctx)))
    assert sorted(int(r["n"]) for r in rows) == [1, 3], rows
