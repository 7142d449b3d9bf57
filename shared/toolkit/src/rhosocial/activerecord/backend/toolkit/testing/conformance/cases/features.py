"""Types and operators: EXPLAIN, arrays, JSON, JSON_TABLE, full-text search, fractional-second timestamps."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rhosocial.activerecord.backend.expression.advanced_functions import ArrayExpression, JSONExpression
from rhosocial.activerecord.backend.expression.operators import RawSQLPredicate
from rhosocial.activerecord.backend.expression.query_sources import JSONTableColumn, JSONTableExpression
from rhosocial.activerecord.backend.expression.statements import (
    CreateFulltextIndexExpression,
    ExplainExpression,
    ExplainFormat,
    ExplainOptions,
    InsertExpression,
    ValuesSource,
)

from ..build import col, lit, select
from ..context import Ctx
from ..registry import case


# -- EXPLAIN ---------------------------------------------------------------------------------------
def _explain(ctx: Ctx, statement: Any = None, **kw: Any) -> ExplainExpression:
    statement = statement if statement is not None else select(ctx, [col(ctx, "id")], "t")
    return ExplainExpression(ctx.dialect, statement, ExplainOptions(**kw))


def _plan_text(rows: list[dict[str, Any]]) -> str:
    # a driver may hand a JSON plan over already parsed
    def text(value: Any) -> str:
        return json.dumps(value) if isinstance(value, (list, dict)) else str(value)

    return "\n".join(" ".join(text(v) for v in r.values()) for r in rows)


@case("supports_explain_plan", refusal=_explain)
def explain_plan(ctx: Ctx) -> None:
    table = ctx.table([("id", "INT")], "ex", rows=[(1,)])
    rows = ctx.run(_explain(ctx, select(ctx, [col(ctx, "id")], table)), fetch=True)
    assert rows, "EXPLAIN returned no plan"


@case("supports_explain_analyze", refusal=lambda ctx: _explain(ctx, analyze=True))
def explain_analyze_executes(ctx: Ctx) -> None:
    # ANALYZE runs the statement: an INSERT under EXPLAIN ANALYZE leaves its row behind
    table = ctx.table([("id", "INT")], "exa")
    insert = InsertExpression(ctx.dialect, table, ValuesSource(ctx.dialect, [[lit(ctx, 7)]]), ["id"])
    rows = ctx.run(_explain(ctx, insert, analyze=True), fetch=True)
    assert rows, "EXPLAIN ANALYZE returned nothing"
    assert ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(table)}") == 1, "ANALYZE did not execute the statement"


def _format_check(fmt: str, text: str) -> bool:
    if fmt == "JSON":
        return isinstance(json.loads(text), (list, dict))
    if fmt == "XML":
        return text.lstrip().startswith("<explain")
    if fmt == "YAML":
        return "- Plan:" in text
    if fmt == "TREE":
        return "->" in text
    return bool(text.strip())


def _register_format(fmt: str) -> None:
    claim = f"supports_explain_format({fmt})"

    def build(ctx: Ctx) -> ExplainExpression:
        return _explain(ctx, format=ExplainFormat[fmt])

    @case(claim, refusal=build, name=f"features.explain_format_{fmt.lower()}")
    def explain_format(ctx: Ctx) -> None:
        table = ctx.table([("id", "INT")], "exf", rows=[(1,)])
        expr = _explain(ctx, select(ctx, [col(ctx, "id")], table), format=ExplainFormat[fmt])
        text = _plan_text(ctx.run(expr, fetch=True))
        assert _format_check(fmt, text), f"EXPLAIN in {fmt} gave: {text[:200]}"


for _fmt in ("TEXT", "JSON", "XML", "YAML", "TREE"):
    _register_format(_fmt)


# -- arrays ----------------------------------------------------------------------------------------
def _array(ctx: Ctx) -> ArrayExpression:
    return ArrayExpression(ctx.dialect, "CONSTRUCTOR", elements=[lit(ctx, 3), lit(ctx, 4)])


@case("supports_array_type", "supports_array_constructor", "supports_array_access", refusal=_array)
def arrays(ctx: Ctx) -> None:
    table = ctx.table([("id", "INT"), ("arr", "INT[]")], "arr")
    insert = InsertExpression(
        ctx.dialect, table, ValuesSource(ctx.dialect, [[lit(ctx, 1), _array(ctx)]]), ["id", "arr"]
    )
    ctx.run(insert)
    access = ArrayExpression(ctx.dialect, "ACCESS", base_expr=col(ctx, "arr"), index_expr=lit(ctx, 2), alias="second")
    rows = ctx.run(select(ctx, [access], table))
    assert [r["second"] for r in rows] == [4], rows


# -- JSON ------------------------------------------------------------------------------------------
def _json_type(ctx: Ctx) -> str:
    return {"postgres": "JSONB", "mysql": "JSON", "oracle": "JSON"}[ctx.backend_name]


def _json_doc(ctx: Ctx) -> str:
    return ctx.table([("id", "INT"), ("doc", _json_type(ctx))], "js", rows=[(1, '{"a": {"b": 5}, "s": "x"}')])


@case("supports_json_type")
def json_type(ctx: Ctx) -> None:
    table = _json_doc(ctx)
    expr = JSONExpression(ctx.dialect, col(ctx, "doc"), "$.s", operation="->>", alias="s")
    rows = ctx.run(select(ctx, [expr], table))
    assert [r["s"] for r in rows] == ["x"], rows
    try:
        ctx.execute(f"INSERT INTO {ctx.q(table)} VALUES (2, 'not json')")
        accepted = True
    except Exception:
        accepted = False
    assert not accepted, "the JSON column accepted text that is not JSON"


# no refusal: where ``->`` is not the syntax, JSONExpression renders the equivalent function (not a downgrade)
@case("supports_json_arrow_operators")
def json_arrow_operators(ctx: Ctx) -> None:
    table = _json_doc(ctx)
    nested = JSONExpression(ctx.dialect, col(ctx, "doc"), "$.a.b", operation="->>", alias="b")
    rows = ctx.run(select(ctx, [nested], table))
    assert [str(r["b"]) for r in rows] == ["5"], rows


def _json_table(ctx: Ctx, table: str = "t") -> Any:
    source = JSONTableExpression(ctx.dialect, col(ctx, "doc"), "$[*]", [JSONTableColumn("x", "INT", "$.x")], alias="jt")
    return select(ctx, [col(ctx, "x", "jt")], [table, source])


@case("supports_json_table", refusal=_json_table)
def json_table(ctx: Ctx) -> None:
    table = ctx.table([("id", "INT"), ("doc", _json_type(ctx))], "jtb", rows=[(1, '[{"x": 1}, {"x": 2}]')])
    rows = ctx.run(_json_table(ctx, table))
    assert sorted(int(r["x"]) for r in rows) == [1, 2], rows


# -- full-text search ------------------------------------------------------------------------------
def _texts(ctx: Ctx) -> str:
    rows = [(1, "the quick brown fox"), (2, "lazy dogs sleep"), (3, "quick thinking wins")]
    return ctx.table([("id", "INT NOT NULL PRIMARY KEY"), ("body", "VARCHAR(200)")], "ft", rows=rows)


def _fulltext_index(ctx: Ctx, table: str) -> None:
    if ctx.supports("supports_fulltext_index"):
        ctx.run(CreateFulltextIndexExpression(ctx.dialect, ctx.name("fti"), table, ["body"]))


def _match(ctx: Ctx, table: str, term: str, mode: Any = None) -> list[int]:
    sql, params = ctx.dialect.format_fulltext_match(["body"], term, mode)
    query = select(ctx, [col(ctx, "id")], table, where=RawSQLPredicate(ctx.dialect, sql, params))
    return sorted(int(r["id"]) for r in ctx.run(query))


@case("supports_fulltext_search")
def fulltext_search(ctx: Ctx) -> None:
    table = _texts(ctx)
    _fulltext_index(ctx, table)
    assert _match(ctx, table, "quick") == [1, 3]


# PostgreSQL's FULLTEXT index (GIN over to_tsvector) is proven in cases/postgres.py.
@case(
    "supports_fulltext_index",
    backends={"mysql", "oracle"},
    refusal=lambda ctx: CreateFulltextIndexExpression(ctx.dialect, "i", "t", ["body"]),
)
def fulltext_index(ctx: Ctx) -> None:
    table = _texts(ctx)
    name = ctx.name("fti")
    ctx.run(CreateFulltextIndexExpression(ctx.dialect, name, table, ["body"]))
    kind = ctx.scalar(
        "SELECT index_type FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name = %s",
        (name,),
    )
    assert str(kind).upper() == "FULLTEXT", kind


def _parser_index(ctx: Ctx, table: str = "t", name: str = "i") -> CreateFulltextIndexExpression:
    return CreateFulltextIndexExpression(ctx.dialect, name, table, ["body"], parser="ngram")


@case("supports_fulltext_index", "supports_fulltext_parser", refusal={"supports_fulltext_parser": _parser_index})
def fulltext_parser(ctx: Ctx) -> None:
    table = _texts(ctx)
    name = ctx.name("ftp")
    ctx.run(_parser_index(ctx, table, name))
    assert _match(ctx, table, "quick") == [1, 3]


@case("supports_fulltext_search", "supports_fulltext_boolean_mode")
def fulltext_boolean_mode(ctx: Ctx) -> None:
    table = _texts(ctx)
    _fulltext_index(ctx, table)
    term = "+quick -fox" if ctx.backend_name == "mysql" else "quick -fox"
    assert _match(ctx, table, term, "BOOLEAN") == [3]


@case("supports_fulltext_search", "supports_fulltext_query_expansion")
def fulltext_query_expansion(ctx: Ctx) -> None:
    table = _texts(ctx)
    _fulltext_index(ctx, table)
    found = _match(ctx, table, "fox", "QUERY EXPANSION")
    assert 1 in found, found


# -- timestamps ------------------------------------------------------------------------------------
@case("supports_microsecond_timestamp")
def microsecond_timestamp(ctx: Ctx) -> None:
    kind = {"postgres": "TIMESTAMP(6)", "mysql": "DATETIME(6)", "oracle": "TIMESTAMP(6)"}[ctx.backend_name]
    table = ctx.table([("id", "INT"), ("at", kind)], "ts")
    value = dt.datetime(2024, 1, 2, 3, 4, 5, 123456)
    insert = InsertExpression(
        ctx.dialect, table, ValuesSource(ctx.dialect, [[lit(ctx, 1), lit(ctx, value)]]), ["id", "at"]
    )
    ctx.run(insert)
    stored = ctx.scalar(f"SELECT {ctx.q('at')} FROM {ctx.q(table)}")
    assert stored.microsecond == 123456, stored
