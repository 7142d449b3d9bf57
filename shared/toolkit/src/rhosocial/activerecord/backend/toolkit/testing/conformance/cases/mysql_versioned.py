"""MySQL/MariaDB features that depend on the server's version (`@case(..., backends={"mysql"})`).

INVISIBLE columns (MySQL 8.0.23+, MariaDB 10.3.3+), VECTOR (MySQL 9.0+, MariaDB 11.7+; VECTOR INDEX and
distances MariaDB only), FOR SYSTEM_TIME on an aliased table (MariaDB), geometry in and out as WKB.
Each builds with the core's objects and the mysql package's types/builders, renders with our dialect
and checks the effect on the server; below the version the refusal builder must raise.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.expression import TableExpression
from rhosocial.activerecord.backend.expression import statements as st
from rhosocial.activerecord.backend.expression.query_parts import JoinExpression
from rhosocial.activerecord.backend.expression.types import IntegerType

from ..build import col, lit, select
from ..context import Ctx
from ..registry import case

MYSQL = {"mysql"}
C = st.ColumnConstraintType


def _invisible_table(ctx: Ctx, name: str = "t") -> st.CreateTableExpression:
    hidden = st.ColumnDefinition(
        "h",
        IntegerType(),
        [st.ColumnConstraint(C.DEFAULT, default_value=lit(ctx, 7))],
        dialect_options={"invisible": True},
    )
    return st.CreateTableExpression(ctx.dialect, name, [st.ColumnDefinition("id", IntegerType()), hidden])


@case("supports_invisible_columns", backends=MYSQL, refusal=_invisible_table)
def invisible_column(ctx: Ctx) -> None:
    name = ctx.name("inv")
    ctx.cleanup("TABLE", name)
    ctx.run(_invisible_table(ctx, name))
    ctx.execute(f"INSERT INTO {ctx.q(name)} VALUES (1)")  # no value for the invisible column
    assert ctx.execute(f"SELECT * FROM {ctx.q(name)}") == [{"id": 1}]
    assert [r["h"] for r in ctx.run(select(ctx, [col(ctx, "h")], name))] == [7]


def _vector_table(ctx: Ctx, name: str = "t") -> st.CreateTableExpression:
    from rhosocial.activerecord.backend.impl.mysql.types import VectorType

    not_null = st.ColumnConstraint(C.NOT_NULL)
    columns = [st.ColumnDefinition("id", IntegerType()), st.ColumnDefinition("v", VectorType(3), [not_null])]
    return st.CreateTableExpression(ctx.dialect, name, columns)


@case("supports_vector_type", backends=MYSQL, refusal=_vector_table)
def vector_values_round_trip(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.impl.mysql.vector import VectorAdapter, to_vector, vector_text

    d = ctx.dialect
    name = ctx.name("vec")
    ctx.cleanup("TABLE", name)
    ctx.run(_vector_table(ctx, name))
    source = st.ValuesSource(d, [[lit(ctx, 1), to_vector(d, [1.0, 2.5, -3.0])]])
    ctx.run(st.InsertExpression(d, name, source, ["id", "v"]))
    text = ctx.run(select(ctx, [vector_text(d, col(ctx, "v"), alias="t")], name))[0]["t"]
    assert VectorAdapter().from_database(text, list) == [1.0, 2.5, -3.0]
    raw = ctx.run(select(ctx, [col(ctx, "v")], name))[0]["v"]
    assert VectorAdapter().from_database(raw, list) == [1.0, 2.5, -3.0]


@case(
    "supports_vector_index",
    backends=MYSQL,
    refusal=lambda ctx: st.CreateIndexExpression(ctx.dialect, "ix", "t", ["v"], index_type="VECTOR"),
)
def vector_index_and_distance(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.impl.mysql.vector import to_vector, vector_distance

    d = ctx.dialect
    name = ctx.name("vix")
    ctx.cleanup("TABLE", name)
    ctx.run(_vector_table(ctx, name))
    index = ctx.name("vixi")
    options = {"m": 8, "distance": "cosine"}
    ctx.run(st.CreateIndexExpression(d, index, name, ["v"], index_type="VECTOR", dialect_options=options))
    rows = [[lit(ctx, i), to_vector(d, v)] for i, v in ((1, [1, 0, 0]), (2, [0, 1, 0]), (3, [0.9, 0.1, 0]))]
    ctx.run(st.InsertExpression(d, name, st.ValuesSource(d, rows), ["id", "v"]))
    near = vector_distance(d, col(ctx, "v"), to_vector(d, [1, 0, 0]), "cosine")
    found = ctx.run(select(ctx, [col(ctx, "id")], name, order_by=[near], limit=2))
    assert [r["id"] for r in found] == [1, 3], found


def _arrow(ctx: Ctx, operation: str = "->>", column: str = "doc") -> Any:
    from rhosocial.activerecord.backend.expression import JSONExpression

    return JSONExpression(ctx.dialect, col(ctx, column), "$.a", operation, alias="a", mode="arrow")


@case(
    "supports_json_arrow_operators",
    backends=MYSQL,
    refusal=lambda ctx: select(ctx, [_arrow(ctx)], "t"),
)
def json_arrow_operators_forced(ctx: Ctx) -> None:
    """MySQL writes ``->`` / ``->>`` when asked to; MariaDB has neither and must refuse, naming its version."""
    name = ctx.table("doc JSON", "arw", rows=[('{"a": "x"}',)])
    assert ctx.sql_of(_arrow(ctx, "->")).startswith("`doc`->'$.a'")
    assert [r["a"] for r in ctx.run(select(ctx, [_arrow(ctx, "->>")], name))] == ["x"]
    assert [str(r["a"]) for r in ctx.run(select(ctx, [_arrow(ctx, "->")], name))] == ['"x"']


def _aliased_as_of(ctx: Ctx, name: str = "t", when: Any = None) -> Any:
    from datetime import datetime

    source = TableExpression(ctx.dialect, name, alias="h", temporal_options={"as_of": when or datetime(2020, 1, 1)})
    return select(ctx, [col(ctx, "v", "h")], source)


@case("supports_temporal_tables", backends=MYSQL, refusal=_aliased_as_of)
def system_time_on_an_aliased_table(ctx: Ctx) -> None:
    import time

    d = ctx.dialect
    name = ctx.name("sva")
    ctx.cleanup("TABLE", name)
    key = st.ColumnConstraint(C.PRIMARY_KEY)
    columns = [st.ColumnDefinition("id", IntegerType(), [key]), st.ColumnDefinition("v", IntegerType())]
    ctx.run(st.CreateTableExpression(d, name, columns, dialect_options={"system_versioning": True}))
    ctx.execute(f"INSERT INTO {ctx.q(name)} VALUES (1, 10)")
    time.sleep(0.01)
    before = ctx.scalar("SELECT NOW(6)")
    time.sleep(0.01)
    ctx.execute(f"UPDATE {ctx.q(name)} SET v = 11 WHERE id = 1")
    assert [r["v"] for r in ctx.run(_aliased_as_of(ctx, name, before))] == [10]
    # the past row joined to the current one, both tables aliased
    past = TableExpression(d, name, alias="p", temporal_options={"as_of": before})
    now = TableExpression(d, name, alias="n")
    join = JoinExpression(d, past, now, "JOIN", condition=col(ctx, "id", "p") == col(ctx, "id", "n"))
    rows = ctx.run(select(ctx, [col(ctx, "v", "p", alias="was"), col(ctx, "v", "n", alias="is_")], join))
    assert [(r["was"], r["is_"]) for r in rows] == [(10, 11)], rows


@case("supports_create_table", backends=MYSQL)
def geometry_as_wkb_in_and_out(ctx: Ctx) -> None:
    import struct

    from rhosocial.activerecord.backend.impl.mysql.spatial import WKBAdapter, as_wkb, as_wkt, geom_from_wkb
    from rhosocial.activerecord.backend.impl.mysql.types import SpatialType

    d = ctx.dialect
    name = ctx.name("wkb")
    ctx.cleanup("TABLE", name)
    columns = [st.ColumnDefinition("id", IntegerType()), st.ColumnDefinition("g", SpatialType("POINT"))]
    ctx.run(st.CreateTableExpression(d, name, columns))
    wkb = struct.pack("<BIdd", 1, 1, 1.5, -2.25)  # little-endian POINT(1.5 -2.25)
    ctx.run(st.InsertExpression(d, name, st.ValuesSource(d, [[lit(ctx, 1), geom_from_wkb(d, wkb)]]), ["id", "g"]))
    ctx.run(
        st.InsertExpression(
            d, name, st.ValuesSource(d, [[lit(ctx, 2), lit(ctx, WKBAdapter().write_value(wkb))]]), ["id", "g"]
        )
    )
    rows = ctx.run(
        select(
            ctx,
            [as_wkb(d, col(ctx, "g"), alias="w"), as_wkt(d, col(ctx, "g"), alias="t"), col(ctx, "g")],
            name,
            order_by=[col(ctx, "id")],
        )
    )
    assert [bytes(r["w"]) for r in rows] == [wkb, wkb]
    assert [r["t"] for r in rows] == ["POINT(1.5 -2.25)"] * 2
    assert [WKBAdapter().from_database(r["g"], bytes) for r in rows] == [wkb, wkb]
