"""Oracle's table-reference clauses on the core's query: PIVOT / UNPIVOT, flashback (AS OF), Oracle Text.

Attached through the query's ``dialect_options`` (``pivot``, ``unpivot``) or, for flashback, the
core's own ``TableExpression(temporal_options=...)``; the helpers return core expressions::

    QueryExpression(d, select=[RawSQLExpression(d, "*")], from_="sales",
                    dialect_options={"pivot": Pivot([(FunctionCall(d, "SUM", Column(d, "amount")), "total")],
                                                    Column(d, "quarter"), [("Q1", "q1"), ("Q2", "q2")])})

renders ``SELECT * FROM "SALES" PIVOT (SUM("AMOUNT") AS "TOTAL" FOR "QUARTER" IN ('Q1' AS "Q1", 'Q2' AS
"Q2"))`` (SQL Language Reference, SELECT: pivot_clause / unpivot_clause follow the table reference;
the IN list takes constants only, ORA-56901, so values are written as literals).

Flashback: ``TableExpression(d, "orders", alias="o", temporal_options={"as_of_timestamp": ts})`` renders
``"ORDERS" AS OF TIMESTAMP :1 "O"``: Oracle wants flashback_query_clause between the table and its
alias, where the core's generic rendering would put it after the alias.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression.core import TableExpression
from rhosocial.activerecord.backend.expression.operators import RawSQLExpression, RawSQLPredicate
from rhosocial.activerecord.backend.toolkit.table_sources import retype_tables

from .hierarchical import RenderedSource

# temporal_options key -> the flashback keyword (AS OF TIMESTAMP expr | AS OF SCN expr)
FLASHBACK = {"as_of_timestamp": "TIMESTAMP", "as_of_scn": "SCN"}


@dataclass(frozen=True)
class Pivot:
    """``aggregates``: (aggregate expression, alias); ``for_column``: the column whose values become
    columns; ``values``: (constant, alias) pairs of the IN list."""

    aggregates: Sequence[tuple[Any, str]]
    for_column: Any
    values: Sequence[tuple[Any, str]]


@dataclass(frozen=True)
class Unpivot:
    """``value_column`` and ``name_column``: the two columns produced; ``columns``: (source column,
    the constant naming it in ``name_column``); ``include_nulls``: keep rows whose value is NULL."""

    value_column: str
    name_column: str
    columns: Sequence[tuple[str, Any]]
    include_nulls: bool = False


def constant(value: Any) -> str:
    """A pivot IN-list constant: numbers as written, text quoted (no binds there, ORA-56901)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise UnsupportedFeatureError("Oracle", f"PIVOT/UNPIVOT constant {value!r}", "use a number or a string")
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def _pivot_sql(dialect: Any, spec: Pivot) -> tuple[str, tuple]:
    if not spec.aggregates or not spec.values:
        raise ValueError("PIVOT needs at least one aggregate and one value")
    params: list[Any] = []
    aggregates = []
    for expr, alias in spec.aggregates:
        sql, p = expr.to_sql()
        aggregates.append(f"{sql} AS {dialect.format_identifier(alias)}")
        params.extend(p)
    for_sql, p = spec.for_column.to_sql()
    params.extend(p)
    values = ", ".join(f"{constant(v)} AS {dialect.format_identifier(a)}" for v, a in spec.values)
    return f"PIVOT ({', '.join(aggregates)} FOR {for_sql} IN ({values}))", tuple(params)


def _unpivot_sql(dialect: Any, spec: Unpivot) -> tuple[str, tuple]:
    if not spec.columns:
        raise ValueError("UNPIVOT needs at least one column")
    nulls = " INCLUDE NULLS" if spec.include_nulls else ""
    value, name = dialect.format_identifier(spec.value_column), dialect.format_identifier(spec.name_column)
    columns = ", ".join(f"{dialect.format_identifier(c)} AS {constant(v)}" for c, v in spec.columns)
    return f"UNPIVOT{nulls} ({value} FOR {name} IN ({columns}))", ()


def attach_pivot(dialect: Any, expr: Any) -> Any:
    """A copy of ``expr`` whose FROM source carries its PIVOT or UNPIVOT clause."""
    options = dict(expr.dialect_options or {})
    pivot, unpivot = options.pop("pivot", None), options.pop("unpivot", None)
    if pivot is not None and unpivot is not None:
        raise UnsupportedFeatureError(dialect.name, "PIVOT and UNPIVOT on the same query", "nest one in a subquery")
    if not expr.from_:
        raise UnsupportedFeatureError(dialect.name, "PIVOT/UNPIVOT without a FROM source")
    clause_sql, clause_params = _pivot_sql(dialect, pivot) if pivot is not None else _unpivot_sql(dialect, unpivot)
    source_sql, source_params = _source_sql(dialect, expr.from_)
    out = copy.copy(expr)
    out.dialect_options = options
    out.from_ = RenderedSource(dialect, f"{source_sql} {clause_sql}", (*source_params, *clause_params))
    return out


def _source_sql(dialect: Any, source: Any) -> tuple[str, tuple]:
    from rhosocial.activerecord.backend.expression import QueryExpression

    if isinstance(source, str):
        return dialect.format_identifier(source), ()
    sql, params = source.to_sql()
    return (f"({sql})", params) if isinstance(source, QueryExpression) else (sql, params)


class FlashbackTable(TableExpression):
    """A table read as of a past point: ``table AS OF {TIMESTAMP|SCN} expr [alias]``."""

    def to_sql(self) -> tuple[str, tuple]:
        options = dict(self.temporal_options)
        unknown = sorted(set(options) - set(FLASHBACK))
        if unknown or len(options) != 1:
            raise UnsupportedFeatureError(
                self.dialect.name,
                f"temporal_options {sorted(options)}",
                "Oracle's flashback query takes one of as_of_timestamp / as_of_scn",
            )
        ((key, value),) = options.items()
        table_sql, params = self.dialect.format_table(self.name, None, self.schema_name)
        if hasattr(value, "to_sql"):
            point_sql, point_params = value.to_sql()
        else:
            point_sql, point_params = self.dialect.get_parameter_placeholder(), (value,)
        alias = f" {self.dialect.format_identifier(self.alias)}" if self.alias else ""
        return f"{table_sql} AS OF {FLASHBACK[key]} {point_sql}{alias}", (*params, *point_params)


def with_flashback(source: Any) -> Any:
    """``source`` with every table carrying temporal_options rendered as a flashback query."""
    return retype_tables(source, FlashbackTable, lambda table: bool(table.temporal_options))


# --- Oracle Text ---------------------------------------------------------------------------


def contains(dialect: Any, column: Any, text: str, label: Optional[int] = None) -> RawSQLPredicate:
    """``CONTAINS(column, :n[, label]) > 0``: the column needs a CONTEXT index (:func:`text_index_options`)."""
    sql, params = column.to_sql()
    tail = f", {int(label)}" if label is not None else ""
    return RawSQLPredicate(
        dialect, f"CONTAINS({sql}, {dialect.get_parameter_placeholder()}{tail}) > 0", (*params, text)
    )


def score(dialect: Any, label: int, alias: Optional[str] = None) -> RawSQLExpression:
    """``SCORE(label)``: the relevance of the CONTAINS with the same label (for ORDER BY or the select list)."""
    sql = f"SCORE({int(label)})"
    if alias:
        sql += f" AS {dialect.format_identifier(alias)}"
    return RawSQLExpression(dialect, sql)


def group_by_alias(dialect: Any, alias: str) -> RawSQLExpression:
    """A select-list alias in GROUP BY: 23ai only (below it, GROUP BY names columns, never aliases)."""
    if not dialect.has_capability("group_by_alias"):
        raise UnsupportedFeatureError(
            dialect.name,
            f"GROUP BY a select-list alias ({alias!r})",
            f"needs Oracle 23ai; the server is {dialect.server.describe()}: group by the expression itself",
        )
    return RawSQLExpression(dialect, dialect.format_identifier(alias))


__all__ = [
    "FLASHBACK",
    "FlashbackTable",
    "Pivot",
    "Unpivot",
    "attach_pivot",
    "constant",
    "contains",
    "group_by_alias",
    "score",
    "with_flashback",
]
