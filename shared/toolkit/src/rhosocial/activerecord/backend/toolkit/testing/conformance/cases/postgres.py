"""PostgreSQL-specific conformance cases (`@case(..., backends={"postgres"})`).

Each case builds its statement from the core's objects, renders it with ``PostgresDialect`` and checks
the effect in the data or the catalogue; most began as a defect of issue #9 (the statement rendered
less than asked, or SQL the server rejects).
"""

from __future__ import annotations

from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.expression import Column, Literal, QueryExpression, Subquery
from rhosocial.activerecord.backend.expression.advanced_functions import AnyExpression
from rhosocial.activerecord.backend.expression.query_parts import ForUpdateClause
from rhosocial.activerecord.backend.expression.query_sources import LateralExpression
from rhosocial.activerecord.backend.expression.statements import (
    ColumnConstraint,
    ColumnConstraintType,
    ColumnDefinition,
    CreateFulltextIndexExpression,
    CreateFunctionExpression,
    CreateIndexExpression,
    CreateMaterializedViewExpression,
    CreateTableExpression,
    CreateTriggerExpression,
    DropFulltextIndexExpression,
    DropFunctionExpression,
    DropIndexExpression,
    DropTriggerExpression,
    ForeignKeyConstraint,
    GeneratedColumnType,
    InsertExpression,
    OnConflictClause,
    ReferentialAction,
    RefreshMaterializedViewExpression,
    TableConstraint,
    TableConstraintType,
    TriggerEvent,
    TriggerTiming,
    ValuesSource,
)
from rhosocial.activerecord.backend.expression.types import IntegerType, TextType

from ..build import col, lit, select, table
from ..context import Ctx
from ..registry import case

PG = {"postgres"}


def _refused(ctx: Ctx, sql: str, session: object = None) -> str:
    """The error text of a statement that must fail (empty when it ran), on ``session`` or the case's own."""
    try:
        if session is None:
            ctx.execute(sql)
        else:
            session.execute(sql)  # type: ignore[attr-defined]
    except DatabaseError as exc:
        return str(exc)
    return ""


# --- DML ---------------------------------------------------------------------------------------


@case("supports_upsert", "supports_on_conflict_clause", backends=PG)
def upsert_excluded(ctx: Ctx) -> None:
    d = ctx.dialect
    t = ctx.table("id INT PRIMARY KEY, a TEXT", rows=[(1, "old")])
    values = ValuesSource(d, [[lit(ctx, 1), lit(ctx, "new")], [lit(ctx, 2), lit(ctx, "two")]])
    conflict = OnConflictClause(d, ["id"], update_assignments={"a": Column(d, "a", table="EXCLUDED")})
    ctx.run(InsertExpression(d, t, values, ["id", "a"], on_conflict=conflict))
    assert ctx.rows(f"SELECT id, a FROM {ctx.quote(t)} ORDER BY id") == [(1, "new"), (2, "two")]


# --- row locks: each strength conflicts with exactly what PostgreSQL documents ------------------

# strength -> (a lock another session can still take, a lock it cannot take)
LOCKS = {
    "update": (None, "KEY SHARE"),
    "no key update": ("KEY SHARE", "SHARE"),
    "share": ("SHARE", "NO KEY UPDATE"),
    "key share": ("NO KEY UPDATE", "UPDATE"),
}


@case("supports_for_update", backends=PG)
def lock_strengths(ctx: Ctx) -> None:
    t = ctx.table("id INT PRIMARY KEY", rows=[(1,)])
    other = ctx.second()
    for strength, (compatible, conflicting) in LOCKS.items():
        clause = ForUpdateClause(ctx.dialect, dialect_options={"strength": strength})
        with ctx.transaction():
            ctx.run(select(ctx, [col(ctx, "id")], t, for_update=clause))
            if compatible:
                other.execute(f"SELECT id FROM {ctx.quote(t)} FOR {compatible} NOWAIT")
            message = _refused(ctx, f"SELECT id FROM {ctx.quote(t)} FOR {conflicting} NOWAIT", other)
            assert "55P03" in message, f"FOR {strength.upper()} did not block FOR {conflicting}: {message!r}"


@case("supports_for_update_skip_locked", backends=PG)
def skip_locked(ctx: Ctx) -> None:
    t = ctx.table("id INT PRIMARY KEY", rows=[(1,), (2,)])
    other = ctx.second()
    held = select(
        ctx, [col(ctx, "id")], t, where=col(ctx, "id") == lit(ctx, 1), for_update=ForUpdateClause(ctx.dialect)
    )
    skipping = select(ctx, [col(ctx, "id")], t, for_update=ForUpdateClause(other.dialect, skip_locked=True))
    with ctx.transaction():
        ctx.run(held)
        sql, params = skipping.to_sql()
        with other.transaction():
            found = other.fetch_all(sql, params or None)
    assert [r["id"] for r in found] == [2], found


# --- indexes -----------------------------------------------------------------------------------


@case("supports_concurrent_index", "supports_drop_index", "supports_index_if_exists", backends=PG)
def index_concurrently(ctx: Ctx) -> None:
    d = ctx.dialect
    t = ctx.table("id INT, a INT")
    index = ctx.name("ix")
    ctx.cleanup("INDEX", index)
    ctx.run(CreateIndexExpression(d, index, t, ["a"], concurrent=True))
    assert ctx.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = %s::regclass", (index,)) is True
    # The keyword reaches the server: inside a transaction block the server refuses it (25001).
    with ctx.transaction():
        message = _refused(ctx, ctx.sql_of(DropIndexExpression(d, index, dialect_options={"concurrent": True})))
    assert "cannot run inside a transaction block" in message, message
    ctx.run(DropIndexExpression(d, index, table_name=t, if_exists=True, dialect_options={"concurrent": True}))
    assert ctx.scalar("SELECT to_regclass(%s)", (index,)) is None
    with ctx.transaction():
        message = _refused(ctx, ctx.sql_of(CreateIndexExpression(d, index, t, ["a"], concurrent=True)))
    assert "cannot run inside a transaction block" in message, message


@case("supports_create_index", "supports_partial_index", "supports_index_include", backends=PG)
def index_options(ctx: Ctx) -> None:
    d = ctx.dialect
    t = ctx.table("id INT, a TEXT, b INT")
    index = ctx.name("ix")
    ctx.cleanup("INDEX", index)
    ctx.run(
        CreateIndexExpression(
            d,
            index,
            t,
            ["a"],
            include=["b"],
            where=col(ctx, "a") == lit(ctx, "%s'x"),  # a literal in DDL: written inline, quotes doubled
            dialect_options={"with": {"fillfactor": 70}},
        )
    )
    found = ctx.rows(
        "SELECT pg_get_expr(i.indpred, i.indrelid), c.reloptions, i.indnatts - i.indnkeyatts "
        "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indexrelid = %s::regclass",
        (index,),
    )
    assert found == [("(a = '%s''x'::text)", ["fillfactor=70"], 1)], found


@case("supports_fulltext_index", backends=PG)
def fulltext_index_gin(ctx: Ctx) -> None:
    """The core's FULLTEXT index: GIN over to_tsvector with a named configuration, used by the planner."""
    d = ctx.dialect
    t = ctx.table("id INT, title TEXT, body TEXT", rows=[(i, f"title {i}", f"body {i}") for i in range(50)])
    index = ctx.name("ft")
    ctx.cleanup("INDEX", index)
    ctx.run(CreateFulltextIndexExpression(d, index, t, ["title", "body"], dialect_options={"config": "english"}))
    found = ctx.rows(
        "SELECT am.amname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am am ON am.oid = c.relam WHERE i.indexrelid = %s::regclass",
        (index,),
    )
    assert found[0][0] == "gin", found
    assert "to_tsvector('english'::regconfig" in found[0][1], found
    match = d.tsvector_sql(["title", "body"], "english")
    with ctx.transaction():
        ctx.execute("SET LOCAL enable_seqscan = off")
        plan = [r[0] for r in ctx.rows(f"EXPLAIN SELECT id FROM {ctx.quote(t)} WHERE {match} @@ to_tsquery('body')")]
    assert any(index in line for line in plan), plan
    ctx.run(DropFulltextIndexExpression(d, index, t))
    assert ctx.rows("SELECT to_regclass(%s)", (index,)) == [(None,)]


# --- tables --------------------------------------------------------------------------------------


@case("supports_generated_columns", "supports_stored_generated_columns", backends=PG)
def stored_generated_column(ctx: Ctx) -> None:
    d = ctx.dialect
    t = ctx.name("gen")
    ctx.cleanup("TABLE", t)
    generated = ColumnDefinition(
        "b", IntegerType(), generated_expression=col(ctx, "a") * lit(ctx, 2), generated_type=GeneratedColumnType.STORED
    )
    ctx.run(CreateTableExpression(d, t, [ColumnDefinition("a", IntegerType()), generated]))
    ctx.execute(f"INSERT INTO {ctx.quote(t)} (a) VALUES (21)")
    assert ctx.scalar(f"SELECT b FROM {ctx.quote(t)}") == 42
    kind = ctx.scalar("SELECT attgenerated FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'b'", (t,))
    assert kind == "s", kind


def _virtual_table(ctx: Ctx, name: str = "t") -> CreateTableExpression:
    generated = ColumnDefinition(
        "b", IntegerType(), generated_expression=col(ctx, "a") + lit(ctx, 1), generated_type=GeneratedColumnType.VIRTUAL
    )
    return CreateTableExpression(ctx.dialect, name, [ColumnDefinition("a", IntegerType()), generated])


@case("supports_virtual_generated_columns", backends=PG, refusal=_virtual_table)
def virtual_generated_column(ctx: Ctx) -> None:
    t = ctx.name("vgen")
    ctx.cleanup("TABLE", t)
    ctx.run(_virtual_table(ctx, t))
    ctx.execute(f"INSERT INTO {ctx.quote(t)} (a) VALUES (1)")
    assert ctx.scalar(f"SELECT b FROM {ctx.quote(t)}") == 2
    kind = ctx.scalar("SELECT attgenerated FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'b'", (t,))
    assert kind == "v", kind


@case("supports_check_constraint", "supports_create_table", backends=PG)
def ddl_literals_and_comments(ctx: Ctx) -> None:
    d = ctx.dialect
    t = ctx.name("lit")
    ctx.cleanup("TABLE", t)
    default = ColumnConstraint(ColumnConstraintType.DEFAULT, default_value=lit(ctx, "it's new"))
    check = TableConstraint(TableConstraintType.CHECK, name=f"{t}_pos", check_condition=col(ctx, "id") > lit(ctx, 0))
    ddl = CreateTableExpression(
        d,
        t,
        [
            ColumnDefinition("id", IntegerType(), comment="the key's value"),
            ColumnDefinition("status", TextType(), constraints=[default]),
        ],
        table_constraints=[check],
        dialect_options={"comment": "a table"},
    )
    ctx.run(ddl)  # one statement: DO $$BEGIN CREATE TABLE ...; COMMENT ON COLUMN ...; END$$
    ctx.execute(f"INSERT INTO {ctx.quote(t)} (id) VALUES (1)")
    assert ctx.scalar(f"SELECT status FROM {ctx.quote(t)}") == "it's new"
    assert "23514" in _refused(ctx, f"INSERT INTO {ctx.quote(t)} (id) VALUES (-1)")
    comments = ctx.rows("SELECT col_description(%s::regclass, 1), obj_description(%s::regclass, 'pg_class')", (t, t))
    assert comments == [("the key's value", "a table")], comments


@case("supports_table_like_syntax", backends=PG)
def create_table_like_unlogged(ctx: Ctx) -> None:
    source = ctx.table("id INT NOT NULL DEFAULT 7, a TEXT")
    copy = ctx.name("like")
    ctx.cleanup("TABLE", copy)
    options = {"like_table": source, "like_including": ["DEFAULTS"], "unlogged_table": True}
    ctx.run(CreateTableExpression(ctx.dialect, copy, [], dialect_options=options))
    ctx.execute(f"INSERT INTO {ctx.quote(copy)} (a) VALUES ('x')")
    assert ctx.scalar(f"SELECT id FROM {ctx.quote(copy)}") == 7
    assert ctx.scalar("SELECT relpersistence FROM pg_class WHERE oid = %s::regclass", (copy,)) == "u"


# --- functions and triggers ----------------------------------------------------------------------


@case(
    "supports_function",
    "supports_create_function",
    "supports_function_or_replace",
    "supports_function_parameters",
    "supports_drop_function",
    backends=PG,
)
def function_or_replace(ctx: Ctx) -> None:
    d = ctx.dialect
    fn = ctx.name("fn")
    ctx.cleanup_sql(f"DROP FUNCTION IF EXISTS {ctx.quote(fn)}(integer)")
    params = [{"name": "x", "type": "integer"}]
    for k in (2, 3):
        body = f"SELECT x * {k}"
        ctx.run(CreateFunctionExpression(d, fn, params, returns="integer", body=body, language="sql", or_replace=True))
    assert ctx.scalar(f"SELECT {ctx.quote(fn)}(5)") == 15
    ctx.run(DropFunctionExpression(d, fn, if_exists=True, parameters=["integer"]))
    assert ctx.scalar("SELECT count(*) FROM pg_proc WHERE proname = %s", (fn,)) == 0


@case("supports_trigger", "supports_create_trigger", "supports_drop_trigger", "supports_trigger_when", backends=PG)
def trigger_fires(ctx: Ctx) -> None:
    d = ctx.dialect
    t = ctx.table("a INT, b INT")
    fn, trg = ctx.name("tfn"), ctx.name("trg")
    ctx.cleanup_sql(f"DROP FUNCTION IF EXISTS {ctx.quote(fn)}() CASCADE")
    body = "BEGIN NEW.b := NEW.a * 10; RETURN NEW; END;"
    ctx.run(CreateFunctionExpression(d, fn, returns="trigger", body=body))
    when = Column(d, "a", table="NEW") > lit(ctx, 1)  # a literal in DDL: inline
    ctx.run(CreateTriggerExpression(d, trg, t, TriggerTiming.BEFORE, [TriggerEvent.INSERT], fn, condition=when))
    ctx.execute(f"INSERT INTO {ctx.quote(t)} (a) VALUES (1), (4)")
    assert ctx.rows(f"SELECT a, b FROM {ctx.quote(t)} ORDER BY a") == [(1, None), (4, 40)]
    ctx.run(DropTriggerExpression(d, trg, t, if_exists=True))
    assert ctx.scalar("SELECT count(*) FROM pg_trigger WHERE tgname = %s", (trg,)) == 0


# --- predicates ----------------------------------------------------------------------------------


class _Match:
    """``MATCH ... AGAINST`` has no core expression class; the dialect's formatter is the statement."""

    def __init__(self, ctx: Ctx, columns: list[str], term: str, mode: str) -> None:
        self.dialect, self.args = ctx.dialect, (columns, term, mode)

    def to_sql(self) -> tuple[str, tuple]:
        return self.dialect.format_fulltext_match(*self.args)


@case("supports_ilike", backends=PG)
def ilike_as_the_server_matches(ctx: Ctx) -> None:
    d = ctx.dialect
    t = ctx.table("a TEXT", rows=[("ΟΔΟΣ",), ("other",)])  # the final sigma: Python's lower() disagrees
    for negate, expected in ((False, "ΟΔΟΣ"), (True, "other")):
        sql, params = d.format_ilike_expression(col(ctx, "a"), "%ΟΔΟΣ%", negate)
        assert ctx.rows(f"SELECT a FROM {ctx.quote(t)} WHERE {sql}", params) == [(expected,)]
    query = select(ctx, [col(ctx, "a")], t, where=col(ctx, "a").ilike("%ΟΔΟΣ"))
    assert [r["a"] for r in ctx.run(query)] == ["ΟΔΟΣ"]


@case("supports_collate_expression", backends=PG)
def collate_expression(ctx: Ctx) -> None:
    t = ctx.table("a TEXT", rows=[("a",), ("B",)])
    collated = col(ctx, "a").collate("C")
    assert [r["a"] for r in ctx.run(select(ctx, [col(ctx, "a")], t, where=collated < lit(ctx, "a")))] == ["B"]
    sql, params = ctx.render(collated)
    assert ctx.rows(f"SELECT DISTINCT pg_collation_for({sql}) FROM {ctx.quote(t)}", params) == [('"C"',)]


@case("supports_fulltext_search", "supports_fulltext_boolean_mode", backends=PG)
def fulltext_boolean_mode(ctx: Ctx) -> None:
    t = ctx.table("body TEXT", rows=[("quick brown fox",), ("lazy dog",), ("quick dog",)])
    expected = {
        "+quick -dog": ["quick brown fox"],
        "lazy fox": ["lazy dog", "quick brown fox"],  # plain words are alternatives, as in MySQL
        '"brown fox"': ["quick brown fox"],
        '"fox brown"': [],
        "qui*": ["quick brown fox", "quick dog"],
    }
    for search, bodies in expected.items():
        sql, params = ctx.render(_Match(ctx, ["body"], search, "BOOLEAN"))
        found = sorted(r[0] for r in ctx.rows(f"SELECT body FROM {ctx.quote(t)} WHERE {sql}", params))
        assert found == bodies, (search, found)
    sql, params = ctx.render(_Match(ctx, ["body"], "fox", "NATURAL LANGUAGE"))
    assert ctx.rows(f"SELECT body FROM {ctx.quote(t)} WHERE {sql}", params) == [("quick brown fox",)]


@case(
    "supports_fulltext_query_expansion",
    backends=PG,
    refusal=lambda ctx: _Match(ctx, ["body"], "fox", "QUERY EXPANSION"),
)
def fulltext_query_expansion(ctx: Ctx) -> None:
    raise AssertionError("PostgreSQL has no query expansion; this case only carries the refusal")


# --- FROM and arrays -----------------------------------------------------------------------------


@case("supports_lateral_join", backends=PG)
def lateral_in_from_list(ctx: Ctx) -> None:
    d = ctx.dialect
    t = ctx.table("v INT", rows=[(2,), (3,)])
    inner = QueryExpression(d, select=[(Column(d, "v", table=t) * lit(ctx, 10)).as_("w")])
    query = QueryExpression(
        d,
        select=[Column(d, "w", table="l")],
        from_=[table(ctx, t), LateralExpression(d, Subquery(d, inner), alias="l")],
    )
    assert sorted(r["w"] for r in ctx.run(query)) == [20, 30]


@case("supports_array_type", "supports_array_access", backends=PG)
def any_over_arrays(ctx: Ctx) -> None:
    d = ctx.dialect
    t = ctx.table("v INT, arr INT[]")
    ctx.execute(f"INSERT INTO {ctx.quote(t)} VALUES (1, '{{1,9}}'), (2, '{{5}}'), (3, '{{3}}')")
    for right in (Literal(d, [1, 3]), col(ctx, "arr")):
        query = select(ctx, [col(ctx, "v")], t, where=AnyExpression(d, col(ctx, "v"), "=", right))
        assert sorted(r["v"] for r in ctx.run(query)) == [1, 3]


# --- constraints and materialized views ----------------------------------------------------------


@case(
    "supports_foreign_key_constraint",
    "supports_fk_match",
    "supports_fk_on_delete",
    "supports_fk_on_update",
    "supports_deferrable_constraint",
    "supports_primary_key_constraint",
    "supports_not_null_constraint",
    backends=PG,
)
def foreign_key_options(ctx: Ctx) -> None:
    d = ctx.dialect
    parent = ctx.table("id INT PRIMARY KEY, code INT UNIQUE", rows=[(1, 10)])
    child = ctx.name("fk")
    ctx.cleanup("TABLE", child)
    fk = ForeignKeyConstraint(
        name=f"{child}_fk",
        columns=["pid", "code"],
        foreign_key_table=parent,
        foreign_key_columns=["id", "code"],
        on_delete=ReferentialAction.CASCADE,
        on_update=ReferentialAction.SET_NULL,
        match_type="FULL",
        deferrable=True,
        initially_deferred=True,
    )
    ctx.execute(f"ALTER TABLE {ctx.quote(parent)} ADD UNIQUE (id, code)")
    ddl = CreateTableExpression(
        d,
        child,
        [
            ColumnDefinition(
                "id",
                IntegerType(),
                constraints=[
                    ColumnConstraint(ColumnConstraintType.PRIMARY_KEY, name=f"{child}_pk"),
                    ColumnConstraint(ColumnConstraintType.NOT_NULL),
                ],
            ),
            ColumnDefinition("pid", IntegerType()),
            ColumnDefinition("code", IntegerType()),
        ],
        table_constraints=[fk],
    )
    ctx.run(ddl)
    found = ctx.rows(
        "SELECT confmatchtype, confdeltype, confupdtype, condeferrable, condeferred FROM pg_constraint "
        "WHERE conname = %s",
        (f"{child}_fk",),
    )
    assert found == [("f", "c", "n", True, True)], found
    assert ctx.scalar("SELECT contype FROM pg_constraint WHERE conname = %s", (f"{child}_pk",)) == "p"


def _not_enforced(ctx: Ctx, name: str = "t") -> CreateTableExpression:
    check = TableConstraint(
        TableConstraintType.CHECK,
        name=f"{name}_pos",
        check_condition=col(ctx, "v") > lit(ctx, 0),
        dialect_options={"enforced": False},
    )
    return CreateTableExpression(ctx.dialect, name, [ColumnDefinition("v", IntegerType())], table_constraints=[check])


@case("supports_constraint_enforced", backends=PG, refusal=_not_enforced)
def constraint_not_enforced(ctx: Ctx) -> None:
    t = ctx.name("ne")
    ctx.cleanup("TABLE", t)
    ctx.run(_not_enforced(ctx, t))
    ctx.execute(f"INSERT INTO {ctx.quote(t)} VALUES (-1)")  # accepted: the check is not enforced
    assert ctx.scalar("SELECT conenforced FROM pg_constraint WHERE conname = %s", (f"{t}_pos",)) is False


@case(
    "supports_materialized_view",
    "supports_materialized_view_storage_options",
    "supports_materialized_view_tablespace",
    "supports_refresh_materialized_view",
    backends=PG,
)
def materialized_view_options(ctx: Ctx) -> None:
    d = ctx.dialect
    t = ctx.table("v INT", rows=[(1,), (5,)])
    view = ctx.name("mv")
    ctx.cleanup("MATERIALIZED VIEW", view)
    query = select(ctx, [col(ctx, "v")], t, where=col(ctx, "v") > lit(ctx, 2))  # a literal in DDL: inline
    ctx.run(
        CreateMaterializedViewExpression(
            d, view, query, tablespace="pg_default", storage_options={"fillfactor": 70}, with_data=False
        )
    )
    assert ctx.scalar("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", (view,)) == ["fillfactor=70"]
    assert ctx.scalar("SELECT ispopulated FROM pg_matviews WHERE matviewname = %s", (view,)) is False
    ctx.execute(f"INSERT INTO {ctx.quote(t)} VALUES (9)")
    ctx.run(RefreshMaterializedViewExpression(d, view))
    assert sorted(r[0] for r in ctx.rows(f"SELECT v FROM {ctx.quote(view)}")) == [5, 9]


# --- EXPLAIN -------------------------------------------------------------------------------------


def _explained(ctx: Ctx, fmt: str, analyze: bool = False, timing: bool = False, summary: bool = True) -> str:
    from rhosocial.activerecord.backend.expression.statements.explain import (
        ExplainExpression,
        ExplainFormat,
        ExplainOptions,
    )

    t = ctx.table("v INT", rows=[(1,)])
    options = ExplainOptions(analyze=analyze, timing=timing, summary=summary, format=ExplainFormat[fmt])
    rows = ctx.run(ExplainExpression(ctx.dialect, select(ctx, [col(ctx, "v")], t), options))
    return "\n".join(str(next(iter(r.values()))) for r in rows)


@case(
    "supports_explain_plan",
    "supports_explain_analyze",
    "supports_explain_format(TEXT)",
    "supports_explain_format(JSON)",
    "supports_explain_format(XML)",
    "supports_explain_format(YAML)",
    backends=PG,
)
def explain_formats(ctx: Ctx) -> None:
    assert "Seq Scan" in _explained(ctx, "TEXT")
    assert "Actual Total Time" in _explained(ctx, "JSON", analyze=True, timing=True)
    # timing=False (the core's default) switches the server's per-node timing off
    untimed = _explained(ctx, "JSON", analyze=True)
    assert "Actual Rows" in untimed
    assert "Actual Total Time" not in untimed
    # summary=True (the core's default) shows the planning time even without ANALYZE (server default: off)
    assert "Planning Time" in _explained(ctx, "JSON")
    assert "Planning Time" not in _explained(ctx, "JSON", summary=False)
    assert "Execution Time" not in _explained(ctx, "JSON", analyze=True, summary=False)
    assert _explained(ctx, "XML").lstrip().startswith("<explain")
    assert "- Plan:" in _explained(ctx, "YAML")


# --- more trigger forms ----------------------------------------------------------------------------


@case("supports_statement_trigger", "supports_trigger_referencing", "supports_instead_of_trigger", backends=PG)
def trigger_forms(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression.statements import TriggerLevel

    d = ctx.dialect
    t = ctx.table("a INT")
    log = ctx.table("n INT")
    fn, trg = ctx.name("sfn"), ctx.name("strg")
    ctx.cleanup_sql(f"DROP FUNCTION IF EXISTS {ctx.quote(fn)}() CASCADE")
    body = f"BEGIN INSERT INTO {ctx.quote(log)} SELECT count(*) FROM added; RETURN NULL; END;"
    ctx.run(CreateFunctionExpression(d, fn, returns="trigger", body=body))
    statement_trigger = CreateTriggerExpression(
        d,
        trg,
        t,
        TriggerTiming.AFTER,
        [TriggerEvent.INSERT],
        fn,
        level=TriggerLevel.STATEMENT,
        referencing="REFERENCING NEW TABLE AS added",
    )
    ctx.run(statement_trigger)
    ctx.execute(f"INSERT INTO {ctx.quote(t)} VALUES (1), (2), (3)")
    assert ctx.rows(f"SELECT n FROM {ctx.quote(log)}") == [(3,)]  # once per statement, seeing all new rows

    view, vfn = ctx.name("v"), ctx.name("vfn")
    ctx.cleanup("VIEW", view)
    ctx.cleanup_sql(f"DROP FUNCTION IF EXISTS {ctx.quote(vfn)}() CASCADE")
    ctx.execute(f"CREATE VIEW {ctx.quote(view)} AS SELECT a FROM {ctx.quote(t)}")
    vbody = f"BEGIN INSERT INTO {ctx.quote(t)} VALUES (NEW.a * 100); RETURN NEW; END;"
    ctx.run(CreateFunctionExpression(d, vfn, returns="trigger", body=vbody))
    ctx.run(CreateTriggerExpression(d, ctx.name("vtrg"), view, TriggerTiming.INSTEAD_OF, [TriggerEvent.INSERT], vfn))
    ctx.execute(f"INSERT INTO {ctx.quote(view)} VALUES (7)")
    assert ctx.scalar(f"SELECT max(a) FROM {ctx.quote(t)}") == 700


# --- index forms -----------------------------------------------------------------------------------


@case(
    "supports_index_type",
    "supports_functional_index",
    "supports_index_if_not_exists",
    "supports_index_tablespace",
    "supports_unique_index",
    backends=PG,
)
def index_forms(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression import FunctionCall

    d = ctx.dialect
    t = ctx.table("a TEXT, b INT")
    hashed, lowered = ctx.name("hx"), ctx.name("lx")
    ctx.cleanup("INDEX", hashed)
    ctx.cleanup("INDEX", lowered)
    ctx.run(CreateIndexExpression(d, hashed, t, ["b"], index_type="HASH", tablespace="pg_default"))
    lower = FunctionCall(d, "lower", col(ctx, "a"))
    for _ in range(2):  # the second time IF NOT EXISTS makes it a no-op
        ctx.run(CreateIndexExpression(d, lowered, t, [lower], unique=True, if_not_exists=True))
    found = ctx.rows(
        "SELECT am.amname, i.indisunique, pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
        "WHERE i.indexrelid IN (%s::regclass, %s::regclass) ORDER BY am.amname",
        (hashed, lowered),
    )
    assert [(r[0], r[1]) for r in found] == [("btree", True), ("hash", False)], found
    assert "lower(a)" in found[0][2], found
    ctx.execute(f"INSERT INTO {ctx.quote(t)} VALUES ('X', 1)")
    assert "23505" in _refused(ctx, f"INSERT INTO {ctx.quote(t)} VALUES ('x', 2)")


# --- table forms -----------------------------------------------------------------------------------


@case("supports_temporary_table", "supports_if_not_exists_table", "supports_table_tablespace", backends=PG)
def table_forms(ctx: Ctx) -> None:
    d = ctx.dialect
    temp, spaced = ctx.name("tmp"), ctx.name("ts")
    ctx.cleanup("TABLE", temp)
    ctx.cleanup("TABLE", spaced)
    for _ in range(2):
        ctx.run(
            CreateTableExpression(d, temp, [ColumnDefinition("a", IntegerType())], temporary=True, if_not_exists=True)
        )
    assert ctx.scalar("SELECT relpersistence FROM pg_class WHERE oid = %s::regclass", (temp,)) == "t"
    # pg_global takes only shared catalogs: the server's refusal shows the clause reached it
    in_global = CreateTableExpression(d, spaced, [ColumnDefinition("a", IntegerType())], tablespace="pg_global")
    assert "pg_global" in _refused(ctx, ctx.sql_of(in_global))


@case(
    "supports_transaction_mode",
    "supports_isolation_level_in_begin",
    "supports_read_only_transaction",
    "supports_deferrable_transaction",
    "supports_savepoint",
    backends=PG,
)
def transaction_modes(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.transaction import IsolationLevel, TransactionMode

    t = ctx.table("a INT")
    manager = ctx.backend.transaction_manager
    before = (manager.isolation_level, manager.transaction_mode, manager.deferrable)
    manager.isolation_level = IsolationLevel.SERIALIZABLE
    manager.transaction_mode = TransactionMode.READ_ONLY
    manager.deferrable = True
    try:
        with ctx.transaction():
            seen = ctx.rows(
                "SELECT current_setting('transaction_isolation') AS i, current_setting('transaction_read_only') AS r, "
                "current_setting('transaction_deferrable') AS d"
            )
            assert seen == [("serializable", "on", "on")], seen
            assert "25006" in _refused(ctx, f"INSERT INTO {ctx.quote(t)} VALUES (1)")
    finally:
        manager.isolation_level, manager.transaction_mode, manager.deferrable = before
    with ctx.transaction():
        ctx.execute(f"INSERT INTO {ctx.quote(t)} VALUES (1)")
        try:
            with ctx.transaction():  # a savepoint
                ctx.execute(f"INSERT INTO {ctx.quote(t)} VALUES (2)")
                raise LookupError
        except LookupError:
            pass
    assert ctx.rows(f"SELECT a FROM {ctx.quote(t)}") == [(1,)]


# --- ALTER / DROP TABLE ----------------------------------------------------------------------------


@case(
    "supports_alter_table",
    "supports_add_column_if_not_exists",
    "supports_alter_column_type",
    "supports_add_constraint",
    "supports_drop_constraint",
    "supports_drop_constraint_if_exists",
    "supports_unique_constraint",
    "supports_rename_column",
    "supports_rename_table",
    "supports_drop_column",
    "supports_drop_column_if_exists",
    backends=PG,
)
def alter_table_actions(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression.statements import ConstraintValidation
    from rhosocial.activerecord.backend.expression.statements.ddl_alter import (
        AddColumn,
        AddTableConstraint,
        AlterColumn,
        AlterTableExpression,
        DropColumn,
        DropTableConstraint,
        RenameColumn,
        RenameTable,
    )

    d = ctx.dialect
    t = ctx.table("id INT, v INT", rows=[(1, -5)])
    renamed = ctx.name("ren")
    ctx.cleanup("TABLE", renamed)

    def alter(table_name: str, *actions: object) -> None:
        ctx.run(AlterTableExpression(d, table_name, list(actions)))

    for _ in range(2):  # IF NOT EXISTS: the second run is a no-op
        alter(t, AddColumn(d, ColumnDefinition("c", IntegerType(), comment="added"), if_not_exists=True))
    alter(t, AlterColumn(d, "c", "SET DATA TYPE", new_value="BIGINT"))
    positive = TableConstraint(TableConstraintType.CHECK, name=f"{t}_pos", check_condition=col(ctx, "v") > lit(ctx, 0))
    # NOT VALID: the existing row (-5) is not checked, new rows are
    alter(t, AddTableConstraint(d, positive, dialect_options={"validation": ConstraintValidation.NOVALIDATE}))
    assert "23514" in _refused(ctx, f"INSERT INTO {ctx.quote(t)} (id, v) VALUES (2, -1)")
    alter(t, AddTableConstraint(d, TableConstraint(TableConstraintType.UNIQUE, name=f"{t}_uq", columns=["id"])))
    assert "23505" in _refused(ctx, f"INSERT INTO {ctx.quote(t)} (id, v) VALUES (1, 3)")
    for _ in range(2):
        alter(t, DropTableConstraint(d, f"{t}_pos", if_exists=True))
    alter(t, RenameColumn(d, "c", "c2"))
    found = ctx.rows(
        "SELECT format_type(atttypid, atttypmod), col_description(attrelid, attnum) FROM pg_attribute "
        "WHERE attrelid = %s::regclass AND attname = 'c2'",
        (t,),
    )
    assert found == [("bigint", "added")], found
    for _ in range(2):
        alter(t, DropColumn(d, "c2", if_exists=True))
    alter(t, RenameTable(d, t, renamed))
    assert ctx.scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = %s::regclass", (renamed,)) == 1


@case(
    "supports_drop_table",
    "supports_if_exists_table",
    "supports_drop_table_cascade",
    "supports_drop_table_restrict",
    backends=PG,
)
def drop_table_forms(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression.statements import DropTableExpression

    d = ctx.dialect
    t = ctx.table("id INT")
    view = ctx.name("dv")
    ctx.cleanup("VIEW", view)
    ctx.execute(f"CREATE VIEW {ctx.quote(view)} AS SELECT id FROM {ctx.quote(t)}")
    assert "2BP01" in _refused(ctx, ctx.sql_of(DropTableExpression(d, t, cascade=False)))  # RESTRICT: a view depends
    ctx.run(DropTableExpression(d, t, if_exists=True, cascade=True))
    assert ctx.scalar("SELECT to_regclass(%s)", (view,)) is None  # CASCADE took the view along
    ctx.run(DropTableExpression(d, t, if_exists=True))


# --- views -------------------------------------------------------------------------------------------


@case(
    "supports_create_view",
    "supports_or_replace_view",
    "supports_temporary_view",
    "supports_view_check_option",
    "supports_drop_view",
    "supports_if_exists_view",
    "supports_cascade_view",
    backends=PG,
)
def view_forms(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression.statements import (
        CreateViewExpression,
        DropViewExpression,
        ViewCheckOption,
        ViewOptions,
    )

    d = ctx.dialect
    t = ctx.table("v INT", rows=[(1,), (5,)])
    view, temp, outer = ctx.name("vw"), ctx.name("tv"), ctx.name("ov")
    for name in (outer, view, temp):
        ctx.cleanup("VIEW", name)
    checked = ViewOptions(check_option=ViewCheckOption.CASCADED)
    for bound in (2, 3):  # OR REPLACE: the second definition replaces the first; the literal is inline
        query = select(ctx, [col(ctx, "v")], t, where=col(ctx, "v") > lit(ctx, bound))
        ctx.run(CreateViewExpression(d, view, query, replace=True, options=checked))
    definition = ctx.scalar("SELECT pg_get_viewdef(%s::regclass)", (view,))
    assert "> 3)" in definition, definition
    assert "44000" in _refused(ctx, f"INSERT INTO {ctx.quote(view)} VALUES (0)")  # WITH CHECK OPTION
    ctx.run(CreateViewExpression(d, temp, select(ctx, [col(ctx, "v")], t), temporary=True))
    assert ctx.scalar("SELECT relpersistence FROM pg_class WHERE oid = %s::regclass", (temp,)) == "t"
    ctx.execute(f"CREATE VIEW {ctx.quote(outer)} AS SELECT v FROM {ctx.quote(view)}")
    ctx.run(DropViewExpression(d, view, if_exists=True, cascade=True))
    assert ctx.scalar("SELECT to_regclass(%s)", (outer,)) is None
    ctx.run(DropViewExpression(d, view, if_exists=True))


# --- sequences and schemas -----------------------------------------------------------------------


@case(
    "supports_sequence",
    "supports_create_sequence",
    "supports_alter_sequence",
    "supports_drop_sequence",
    "supports_sequence_if_exists",
    "supports_sequence_if_not_exists",
    "supports_sequence_cycle",
    "supports_sequence_cache",
    "supports_sequence_owned_by",
    backends=PG,
)
def sequence_forms(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression.statements import (
        AlterSequenceExpression,
        CreateSequenceExpression,
        DropSequenceExpression,
    )

    d = ctx.dialect
    t = ctx.table("id INT")
    seq = ctx.name("seq")
    ctx.cleanup("SEQUENCE", seq)
    for _ in range(2):
        create = CreateSequenceExpression(
            d,
            seq,
            if_not_exists=True,
            start=2,
            increment=3,
            minvalue=1,
            maxvalue=5,
            cycle=True,
            cache=4,
            owned_by=f"{t}.id",
        )
        ctx.run(create)
    found = ctx.rows(
        "SELECT start_value, increment_by, max_value, cycle, cache_size FROM pg_sequences WHERE sequencename = %s",
        (seq,),
    )
    assert found == [(2, 3, 5, True, 4)], found
    assert [ctx.scalar("SELECT nextval(%s)", (seq,)) for _ in range(3)] == [2, 5, 1]  # CYCLE wraps to MINVALUE
    ctx.run(AlterSequenceExpression(d, seq, restart=1, increment=1, cycle=False))
    assert ctx.scalar("SELECT nextval(%s)", (seq,)) == 1
    owner = "SELECT count(*) FROM pg_depend WHERE objid = %s::regclass AND deptype = 'a'"
    assert ctx.scalar(owner, (seq,)) == 1  # OWNED BY: dropped with its column
    for _ in range(2):
        ctx.run(DropSequenceExpression(d, seq, if_exists=True))
    assert ctx.scalar("SELECT to_regclass(%s)", (seq,)) is None


@case(
    "supports_create_schema",
    "supports_drop_schema",
    "supports_schema_if_exists",
    "supports_schema_if_not_exists",
    "supports_schema_cascade",
    "supports_schema_authorization",
    backends=PG,
)
def schema_forms(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression.statements import CreateSchemaExpression, DropSchemaExpression

    d = ctx.dialect
    schema = ctx.name("sch")
    ctx.cleanup("SCHEMA", schema)
    user = ctx.scalar("SELECT current_user")
    for _ in range(2):
        ctx.run(CreateSchemaExpression(d, schema, if_not_exists=True, authorization=user))
    owner = ctx.scalar("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = %s", (schema,))
    assert owner.strip('"') == user, owner
    ctx.execute(f"CREATE TABLE {ctx.quote(schema)}.inside (a INT)")
    ctx.run(DropSchemaExpression(d, schema, if_exists=True, cascade=True))
    assert ctx.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = %s", (schema,)) == 0
    ctx.run(DropSchemaExpression(d, schema, if_exists=True))


# --- values: JSON paths, array constructor, microseconds ----------------------------------------


@case("supports_json_type", "supports_json_arrow_operators", backends=PG)
def json_paths(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression.advanced_functions import JSONExpression

    d = ctx.dialect
    t = ctx.table("j JSONB, tx TEXT")
    ctx.execute(
        f"INSERT INTO {ctx.quote(t)} VALUES (%s::jsonb, %s)",
        ('{"a": {"b c": [10, 20]}, "k": "v"}', '{"k": "text"}'),
    )
    for column, path, op, expected in (
        ("j", '$.a."b c"[1]', "->>", "20"),
        ("j", "$.a", "->", {"b c": [10, 20]}),
        ("tx", "$.k", "->>", "text"),  # JSON stored as text works too
    ):
        expr = JSONExpression(d, col(ctx, column), path, operation=op, alias="x")
        assert ctx.run(select(ctx, [expr], t)) == [{"x": expected}], (column, path)


@case("supports_array_constructor", backends=PG)
def array_constructor(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression.advanced_functions import ArrayExpression

    d = ctx.dialect
    built = ArrayExpression(d, "CONSTRUCTOR", elements=[lit(ctx, 1), lit(ctx, 2), lit(ctx, 3)], alias="a")
    assert ctx.run(select(ctx, [built])) == [{"a": [1, 2, 3]}]
    item = ArrayExpression(d, "ACCESS", base_expr=col(ctx, "a"), index_expr=lit(ctx, 2), alias="second")
    t = ctx.table("a INT[]")
    ctx.execute(f"INSERT INTO {ctx.quote(t)} VALUES ('{{7,8,9}}')")
    assert ctx.run(select(ctx, [item], t)) == [{"second": 8}]


@case("supports_microsecond_timestamp", backends=PG)
def microsecond_timestamps(ctx: Ctx) -> None:
    from datetime import datetime, timezone

    t = ctx.table("at TIMESTAMPTZ")
    moment = datetime(2024, 2, 29, 23, 59, 59, 123456, tzinfo=timezone.utc)
    ctx.run(InsertExpression(ctx.dialect, t, ValuesSource(ctx.dialect, [[lit(ctx, moment)]]), ["at"]))
    assert ctx.scalar(f"SELECT at FROM {ctx.quote(t)}") == moment


# --- honest "no" answers: the statement a user would write raises, naming the version -------------


def _trigger_if_not_exists(ctx: Ctx) -> CreateTriggerExpression:
    return CreateTriggerExpression(
        ctx.dialect, "trg", "t", TriggerTiming.BEFORE, [TriggerEvent.INSERT], "fn", if_not_exists=True
    )


@case("supports_trigger_if_not_exists", backends=PG, refusal=_trigger_if_not_exists)
def trigger_if_not_exists(ctx: Ctx) -> None:
    raise AssertionError("PostgreSQL has no CREATE TRIGGER IF NOT EXISTS; this case only carries the refusal")


def _sequence_order(ctx: Ctx) -> object:
    from rhosocial.activerecord.backend.expression.statements import CreateSequenceExpression

    return CreateSequenceExpression(ctx.dialect, "s", order=True)


@case("supports_sequence_order", backends=PG, refusal=_sequence_order)
def sequence_order(ctx: Ctx) -> None:
    raise AssertionError("PostgreSQL sequences have no ORDER; this case only carries the refusal")


def _fulltext_index(ctx: Ctx, parser: object = None) -> object:
    from rhosocial.activerecord.backend.expression.statements import CreateFulltextIndexExpression

    return CreateFulltextIndexExpression(ctx.dialect, "ft", "t", ["body"], parser=parser)


@case("supports_fulltext_parser", backends=PG, refusal=lambda ctx: _fulltext_index(ctx, parser="ngram"))
def fulltext_parser(ctx: Ctx) -> None:
    raise AssertionError("PostgreSQL has no FULLTEXT parser plugins; refusal only")


def _set_operation_for_update(ctx: Ctx) -> object:
    from rhosocial.activerecord.backend.expression.query_sources import SetOperationExpression

    left, right = (select(ctx, [col(ctx, "n")], "t") for _ in range(2))
    return SetOperationExpression(ctx.dialect, left, right, "UNION", for_update_clause=ForUpdateClause(ctx.dialect))


@case("supports_set_operation_for_update", backends=PG, refusal=_set_operation_for_update)
def set_operation_for_update(ctx: Ctx) -> None:
    raise AssertionError("PostgreSQL refuses FOR UPDATE with UNION/INTERSECT/EXCEPT; refusal only")


def _two_on_conflict(ctx: Ctx) -> InsertExpression:
    d = ctx.dialect
    clauses = [OnConflictClause(d, ["id"], do_nothing=True), OnConflictClause(d, ["k"], do_nothing=True)]
    return InsertExpression(d, "t", ValuesSource(d, [[lit(ctx, 1), lit(ctx, 2)]]), ["id", "k"], on_conflict=clauses)


@case("supports_multiple_on_conflict_clauses", backends=PG, refusal=_two_on_conflict)
def multiple_on_conflict(ctx: Ctx) -> None:
    raise AssertionError("PostgreSQL takes one ON CONFLICT clause per INSERT; refusal only")


@case("supports_create_table", "supports_partial_index", backends=PG)
def create_table_with_indexes(ctx: Ctx) -> None:
    from rhosocial.activerecord.backend.expression.statements import IndexDefinition

    t = ctx.name("tix")
    ctx.cleanup("TABLE", t)
    indexes = [
        IndexDefinition(f"{t}_a", ["a"], unique=True),
        IndexDefinition(f"{t}_b", ["b"], type="HASH", partial_condition=col(ctx, "b") > lit(ctx, 0)),
    ]
    columns = [ColumnDefinition("a", IntegerType()), ColumnDefinition("b", IntegerType())]
    ctx.run(CreateTableExpression(ctx.dialect, t, columns, indexes=indexes))
    found = ctx.rows(
        "SELECT c.relname, i.indisunique, am.amname, pg_get_expr(i.indpred, i.indrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
        "WHERE i.indrelid = %s::regclass ORDER BY c.relname",
        (t,),
    )
    assert found == [(f"{t}_a", True, "btree", None), (f"{t}_b", False, "hash", "(b > 0)")], found


# --- issue 11: query features --------------------------------------------------------------------


def _merge_pg(ctx: Ctx, target: str = "t", source: str = "s", **kw: object):
    from rhosocial.activerecord.backend.expression.statements import MergeAction, MergeActionType
    from rhosocial.activerecord.backend.impl.postgres.merge import PostgresMergeExpression

    return PostgresMergeExpression(
        ctx.dialect,
        table(ctx, target, "tg"),
        table(ctx, source, "src"),
        col(ctx, "id", "tg") == col(ctx, "id", "src"),
        when_matched=[MergeAction(MergeActionType.UPDATE, assignments={"v": col(ctx, "v", "src")})],
        when_not_matched=[
            MergeAction(MergeActionType.INSERT, assignments={"id": col(ctx, "id", "src"), "v": col(ctx, "v", "src")})
        ],
        **kw,  # type: ignore[arg-type]
    )


def _merge_returning(ctx: Ctx):
    from rhosocial.activerecord.backend.impl.postgres.merge import merge_action

    return _merge_pg(ctx, returning=[merge_action(ctx.dialect), col(ctx, "id", "tg")])


def _merge_by_source(ctx: Ctx):
    from rhosocial.activerecord.backend.expression.statements import MergeAction, MergeActionType

    return _merge_pg(ctx, when_not_matched_by_source=[MergeAction(MergeActionType.DELETE)])


@case("supports_merge_returning", backends=PG, refusal=_merge_returning)
def merge_returning(ctx: Ctx) -> None:
    """MERGE ... RETURNING merge_action(), the target's columns: one row per row changed (17+)."""
    from rhosocial.activerecord.backend.impl.postgres.merge import merge_action

    target = ctx.table("id INT PRIMARY KEY, v TEXT", rows=[(1, "one"), (2, "two")])
    source = ctx.table("id INT PRIMARY KEY, v TEXT", rows=[(2, "deux"), (3, "trois")])
    expr = _merge_pg(ctx, target, source, returning=[merge_action(ctx.dialect), col(ctx, "id", "tg")])
    rows = sorted((r["action"], r["id"]) for r in ctx.run(expr, fetch=True))
    assert rows == [("INSERT", 3), ("UPDATE", 2)], rows


@case("supports_merge_not_matched_by_source", backends=PG, refusal=_merge_by_source)
def merge_not_matched_by_source(ctx: Ctx) -> None:
    """WHEN NOT MATCHED BY SOURCE THEN DELETE: target rows missing from the source go (17+)."""
    from rhosocial.activerecord.backend.expression.statements import MergeAction, MergeActionType

    target = ctx.table("id INT PRIMARY KEY, v TEXT", rows=[(1, "one"), (2, "two")])
    source = ctx.table("id INT PRIMARY KEY, v TEXT", rows=[(2, "deux"), (3, "trois")])
    ctx.run(_merge_pg(ctx, target, source, when_not_matched_by_source=[MergeAction(MergeActionType.DELETE)]))
    assert ctx.rows(f"SELECT id, v FROM {ctx.quote(target)} ORDER BY id") == [(2, "deux"), (3, "trois")]


@case("supports_distinct_on", backends=PG)
def distinct_on(ctx: Ctx) -> None:
    """SELECT DISTINCT ON (user_id) ... ORDER BY user_id, at DESC: the latest row per user."""
    from rhosocial.activerecord.backend.expression.query_parts import OrderByClause

    d = ctx.dialect
    t = ctx.table("user_id INT, at INT, what TEXT", rows=[(1, 1, "a"), (1, 3, "c"), (2, 2, "b"), (1, 2, "x")])
    order = OrderByClause(d, [col(ctx, "user_id"), (col(ctx, "at"), "DESC")])
    query = QueryExpression(
        d,
        select=[col(ctx, "user_id"), col(ctx, "what")],
        from_=table(ctx, t),
        order_by=order,
        dialect_options={"distinct_on": [col(ctx, "user_id")]},
    )
    assert [(r["user_id"], r["what"]) for r in ctx.run(query, fetch=True)] == [(1, "c"), (2, "b")]


@case("supports_fulltext_search", backends=PG)
def fulltext_helpers(ctx: Ctx) -> None:
    """to_tsvector with a configuration, the four tsquery parsers, ts_rank ordering and ts_headline."""
    from rhosocial.activerecord.backend.expression.query_parts import OrderByClause
    from rhosocial.activerecord.backend.impl.postgres import search as fts

    d = ctx.dialect
    rows = [(1, "The quick brown fox jumps"), (2, "A lazy dog sleeps"), (3, "Quick quick foxes run fast")]
    t = ctx.table("id INT, body TEXT", rows=rows)
    doc = fts.to_tsvector(d, col(ctx, "body"), "english")

    def ids(query, order=None):
        q = QueryExpression(
            d,
            select=[col(ctx, "id")],
            from_=table(ctx, t),
            where=fts.matches(d, doc, query),
            order_by=order or OrderByClause(d, [col(ctx, "id")]),
        )
        return [r["id"] for r in ctx.run(q, fetch=True)]

    assert ids(fts.to_tsquery(d, "fox & quick", "english")) == [1, 3]  # english stems foxes -> fox
    assert ids(fts.plainto_tsquery(d, "jumping foxes", "english")) == [1]
    assert ids(fts.phraseto_tsquery(d, "brown fox", "english")) == [1]
    assert ids(fts.phraseto_tsquery(d, "fox brown", "english")) == []
    assert ids(fts.websearch_to_tsquery(d, "quick -brown", "english")) == [3]
    query = fts.to_tsquery(d, "quick", "english")
    by_rank = OrderByClause(d, [(fts.ts_rank(d, doc, query), "DESC")])
    assert ids(query, by_rank) == [3, 1]  # two occurrences rank first
    headline = fts.ts_headline(d, col(ctx, "body"), query, "english", {"StartSel": "[", "StopSel": "]"})
    q = QueryExpression(d, select=[headline.as_("h")], from_=table(ctx, t), where=col(ctx, "id") == lit(ctx, 1))
    assert ctx.run(q, fetch=True)[0]["h"] == "The [quick] brown fox jumps"


# --- issue 11: declarative partitioning ----------------------------------------------------------


@case(
    "supports_table_partitioning",
    "supports_partitioned_table_creation",
    "supports_range_table_partitioning",
    "supports_list_table_partitioning",
    "supports_hash_table_partitioning",
    "supports_subpartitioning",
    "supports_attach_partition",
    "supports_detach_partition",
    backends=PG,
)
def declarative_partitioning(ctx: Ctx) -> None:
    """PARTITION BY RANGE with LIST sub-partitions, a DEFAULT partition, HASH, ATTACH and DETACH: rows land
    where their bounds say (checked with tableoid), and a detached table keeps its rows."""
    from rhosocial.activerecord.backend.expression.statements import PartitionClause, PartitionStrategy
    from rhosocial.activerecord.backend.impl.postgres.partitioning import (
        DEFAULT,
        MAXVALUE,
        AttachPartitionExpression,
        CreatePartitionExpression,
        DetachPartitionExpression,
        HashBounds,
        ListBounds,
        RangeBounds,
    )

    d = ctx.dialect
    parent = ctx.name("ev")
    ctx.cleanup("TABLE", parent)
    columns = [ColumnDefinition("id", IntegerType()), ColumnDefinition("kind", TextType())]
    ctx.run(
        CreateTableExpression(
            d, parent, columns, partition=PartitionClause(d, PartitionStrategy.RANGE, [col(ctx, "id")])
        )
    )
    low, high, rest = (f"{parent}_{s}" for s in ("low", "high", "rest"))
    by_kind = PartitionClause(d, PartitionStrategy.LIST, [col(ctx, "kind")])
    ctx.run(CreatePartitionExpression(d, low, parent, RangeBounds([0], [100]), partition=by_kind))
    ctx.run(CreatePartitionExpression(d, f"{low}_a", low, ListBounds(["a", "b"])))
    ctx.run(CreatePartitionExpression(d, f"{low}_other", low, DEFAULT))
    ctx.run(CreatePartitionExpression(d, rest, parent, DEFAULT))
    ctx.execute(f"CREATE TABLE {ctx.quote(high)} (id INT, kind TEXT)")  # a plain table, attached below
    ctx.cleanup("TABLE", high)
    ctx.execute(f"INSERT INTO {ctx.quote(high)} VALUES (150, 'z')")
    ctx.run(AttachPartitionExpression(d, parent, high, RangeBounds([100], [MAXVALUE])))
    ctx.execute(f"INSERT INTO {ctx.quote(parent)} VALUES (1, 'a'), (2, 'q'), (120, 'x'), (-5, 'n')")
    placed = ctx.rows(f"SELECT id, tableoid::regclass::text FROM {ctx.quote(parent)} ORDER BY id")
    assert placed == [(-5, rest), (1, f"{low}_a"), (2, f"{low}_other"), (120, high), (150, high)], placed
    ctx.run(DetachPartitionExpression(d, parent, high))
    assert ctx.rows(f"SELECT count(*) FROM {ctx.quote(parent)}") == [(3,)]
    assert ctx.rows(f"SELECT count(*) FROM {ctx.quote(high)}") == [(2,)]
    hashed = ctx.name("hs")
    ctx.cleanup("TABLE", hashed)
    ctx.run(
        CreateTableExpression(
            d, hashed, columns, partition=PartitionClause(d, PartitionStrategy.HASH, [col(ctx, "id")])
        )
    )
    for remainder in range(2):
        ctx.run(CreatePartitionExpression(d, f"{hashed}_{remainder}", hashed, HashBounds(2, remainder)))
    ctx.execute(f"INSERT INTO {ctx.quote(hashed)} SELECT g, 'h' FROM generate_series(1, 20) g")
    spread = ctx.rows(f"SELECT count(DISTINCT tableoid) FROM {ctx.quote(hashed)}")
    assert spread == [(2,)], spread


def _detach_concurrently(ctx: Ctx):
    from rhosocial.activerecord.backend.impl.postgres.partitioning import DetachPartitionExpression

    return DetachPartitionExpression(ctx.dialect, "p", "c", concurrently=True)


@case("supports_detach_partition_concurrently", backends=PG, refusal=_detach_concurrently)
def detach_partition_concurrently(ctx: Ctx) -> None:
    """DETACH PARTITION ... CONCURRENTLY (14+): outside a transaction block, the partition leaves."""
    from rhosocial.activerecord.backend.expression.statements import PartitionClause, PartitionStrategy
    from rhosocial.activerecord.backend.impl.postgres.partitioning import (
        CreatePartitionExpression,
        DetachPartitionExpression,
        ListBounds,
    )

    d = ctx.dialect
    parent = ctx.name("dp")
    ctx.cleanup("TABLE", parent)
    columns = [ColumnDefinition("id", IntegerType())]
    ctx.run(
        CreateTableExpression(
            d, parent, columns, partition=PartitionClause(d, PartitionStrategy.LIST, [col(ctx, "id")])
        )
    )
    child = f"{parent}_1"
    ctx.cleanup("TABLE", child)
    ctx.run(CreatePartitionExpression(d, child, parent, ListBounds([1])))
    ctx.run(DetachPartitionExpression(d, parent, child, concurrently=True))
    assert ctx.rows("SELECT relispartition FROM pg_class WHERE oid = %s::regclass", (child,)) == [(False,)]


# --- issue 11: WITH RECURSIVE ... SEARCH / CYCLE -------------------------------------------------


def _search_cycle_cte(ctx: Ctx, edges: str = "e"):
    from rhosocial.activerecord.backend.expression.query_sources import CTEExpression, WithQueryExpression

    q = ctx.quote
    body = (
        f"SELECT e.child AS id FROM {q(edges)} e WHERE e.parent IS NULL UNION ALL "
        f"SELECT e.child FROM {q(edges)} e JOIN walk w ON e.parent = w.id"
    )
    cte = CTEExpression(
        ctx.dialect,
        "walk",
        (body, ()),
        columns=["id"],
        dialect_options={
            "search": {"order": "depth", "by": ["id"], "set": "ord"},
            "cycle": {"columns": ["id"], "set": "looped", "using": "path"},
        },
    )
    main = select(ctx, [col(ctx, "id"), col(ctx, "looped")], "walk", order_by=[col(ctx, "ord")])
    return WithQueryExpression(ctx.dialect, [cte], main, recursive=True)


@case("supports_cte_search_cycle", backends=PG, refusal=_search_cycle_cte)
def cte_search_cycle(ctx: Ctx) -> None:
    """Depth-first order from SEARCH, and CYCLE stops the walk at the node seen twice (1 -> 2 -> 3 -> 1)."""
    edges = ctx.table("parent INT, child INT", rows=[(None, 1), (1, 2), (2, 3), (3, 1), (1, 4)])
    rows = [(r["id"], r["looped"]) for r in ctx.run(_search_cycle_cte(ctx, edges), fetch=True)]
    assert rows == [(1, False), (2, False), (3, False), (1, True), (4, False)], rows
