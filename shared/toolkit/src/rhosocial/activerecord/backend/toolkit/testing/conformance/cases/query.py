"""Query features: CTEs, window functions, grouping, joins, set operations, subqueries, ILIKE, paging."""

from __future__ import annotations

from rhosocial.activerecord.backend.expression.query_sources import CTEExpression, WithQueryExpression

from ..build import col, lit, select
from ..context import Ctx
from ..registry import case


def _numbers(ctx: Ctx) -> str:
    return ctx.table("n INT NOT NULL, grp VARCHAR(10) NOT NULL", "num", rows=[(1, "a"), (2, "a"), (3, "b"), (4, "b")])


def _build_cte(ctx: Ctx, name: str = "t") -> WithQueryExpression:
    inner = select(ctx, [col(ctx, "n")], name, where=col(ctx, "n") > lit(ctx, 2))
    cte = CTEExpression(ctx.dialect, "big", inner)
    return WithQueryExpression(ctx.dialect, [cte], select(ctx, [col(ctx, "n")], "big", order_by=[col(ctx, "n")]))


@case("supports_basic_cte", refusal=_build_cte)
def basic_cte(ctx: Ctx) -> None:
    name = _numbers(ctx)
    rows = ctx.run(_build_cte(ctx, name))
    assert [r["n"] for r in rows] == [3, 4], rows
