"""Data changes: RETURNING, upsert (ON CONFLICT / ON DUPLICATE KEY), MERGE, TRUNCATE."""

from __future__ import annotations

from rhosocial.activerecord.backend.expression.statements import (
    DeleteExpression,
    InsertExpression,
    MergeAction,
    MergeActionType,
    MergeExpression,
    OnConflictClause,
    ReturningClause,
    TruncateExpression,
    UpdateExpression,
    ValuesSource,
)

from ..build import col, lit, table
from ..context import Ctx
from ..registry import case

ITEMS = [("id", "INT NOT NULL PRIMARY KEY"), ("v", "VARCHAR(20)")]


def _items(ctx: Ctx, rows: list[tuple[int, str]] = ((1, "one"), (2, "two"))) -> str:  # type: ignore[assignment]
    return ctx.table(ITEMS, "it", rows=list(rows))


def _contents(ctx: Ctx, name: str) -> list[tuple[int, str]]:
    found = ctx.rows(f"SELECT {ctx.q('id')}, {ctx.q('v')} FROM {ctx.q(name)} ORDER BY {ctx.q('id')}")
    return [(int(i), v) for i, v in found]


def _returning(ctx: Ctx, *names: str) -> ReturningClause:
    return ReturningClause(ctx.dialect, [col(ctx, n) for n in names])


# -- RETURNING -------------------------------------------------------------------------------------
def _insert_returning(ctx: Ctx, name: str = "t") -> InsertExpression:
    source = ValuesSource(ctx.dialect, [[lit(ctx, 3), lit(ctx, "three")]])
    return InsertExpression(ctx.dialect, name, source, columns=["id", "v"], returning=_returning(ctx, "id", "v"))


def _update_returning(ctx: Ctx, name: str = "t") -> UpdateExpression:
    return UpdateExpression(
        ctx.dialect,
        name,
        {"v": lit(ctx, "TWO")},
        where=col(ctx, "id") == lit(ctx, 2),
        returning=_returning(ctx, "id", "v"),
    )


def _delete_returning(ctx: Ctx, name: str = "t") -> DeleteExpression:
    return DeleteExpression(ctx.dialect, name, where=col(ctx, "id") == lit(ctx, 1), returning=_returning(ctx, "v"))


@case("supports_returning_insert", "supports_returning_clause", refusal=_insert_returning)
def insert_returning(ctx: Ctx) -> None:
    name = _items(ctx)
    rows = ctx.run(_insert_returning(ctx, name))
    assert [(int(r["id"]), r["v"]) for r in rows] == [(3, "three")], rows
    assert _contents(ctx, name)[-1] == (3, "three")


@case("supports_returning_update", "supports_returning_clause", refusal=_update_returning)
def update_returning(ctx: Ctx) -> None:
    name = _items(ctx)
    rows = ctx.run(_update_returning(ctx, name))
    assert [(int(r["id"]), r["v"]) for r in rows] == [(2, "TWO")], rows
    assert _contents(ctx, name) == [(1, "one"), (2, "TWO")]


@case("supports_returning_delete", "supports_returning_clause", refusal=_delete_returning)
def delete_returning(ctx: Ctx) -> None:
    name = _items(ctx)
    rows = ctx.run(_delete_returning(ctx, name))
    assert [r["v"] for r in rows] == ["one"], rows
    assert _contents(ctx, name) == [(2, "two")]


# -- upsert ----------------------------------------------------------------------------------------
def _upsert(ctx: Ctx, name: str = "t", *, do_nothing: bool = False) -> InsertExpression:
    # the proposed row is named ``excluded`` (PostgreSQL's name; our MySQL dialects map it)
    conflict = OnConflictClause(
        ctx.dialect,
        ["id"],
        do_nothing=do_nothing,
        update_assignments=None if do_nothing else {"v": col(ctx, "v", "excluded")},
    )
    source = ValuesSource(ctx.dialect, [[lit(ctx, 2), lit(ctx, "deux")], [lit(ctx, 3), lit(ctx, "trois")]])
    return InsertExpression(ctx.dialect, name, source, columns=["id", "v"], on_conflict=conflict)


@case("supports_upsert", "supports_on_conflict_clause", refusal=_upsert)
def upsert_update(ctx: Ctx) -> None:
    name = _items(ctx)
    ctx.run(_upsert(ctx, name))
    assert _contents(ctx, name) == [(1, "one"), (2, "deux"), (3, "trois")]


@case("supports_upsert", "supports_on_conflict_clause", refusal=lambda ctx: _upsert(ctx, do_nothing=True))
def upsert_do_nothing(ctx: Ctx) -> None:
    name = _items(ctx)
    ctx.run(_upsert(ctx, name, do_nothing=True))
    assert _contents(ctx, name) == [(1, "one"), (2, "two"), (3, "trois")]


# -- MERGE -----------------------------------------------------------------------------------------
def _merge(ctx: Ctx, target: str = "t", source: str = "s") -> MergeExpression:
    on = col(ctx, "id", "tg") == col(ctx, "id", "src")
    return MergeExpression(
        ctx.dialect,
        table(ctx, target, "tg"),
        table(ctx, source, "src"),
        on,
        when_matched=[MergeAction(MergeActionType.UPDATE, assignments={"v": col(ctx, "v", "src")})],
        when_not_matched=[
            MergeAction(MergeActionType.INSERT, assignments={"id": col(ctx, "id", "src"), "v": col(ctx, "v", "src")})
        ],
    )


@case("supports_merge_statement", refusal=_merge)
def merge(ctx: Ctx) -> None:
    target = _items(ctx)
    source = ctx.table(ITEMS, "src", rows=[(2, "deux"), (3, "trois")])
    ctx.run(_merge(ctx, target, source))
    assert _contents(ctx, target) == [(1, "one"), (2, "deux"), (3, "trois")]


# -- TRUNCATE --------------------------------------------------------------------------------------
def _truncate(ctx: Ctx, name: str = "t", **kw: bool) -> TruncateExpression:
    return TruncateExpression(ctx.dialect, name, **kw)


@case("supports_truncate", refusal=_truncate)
def truncate(ctx: Ctx) -> None:
    name = _items(ctx)
    ctx.run(_truncate(ctx, name))
    assert _contents(ctx, name) == []


@case("supports_truncate", "supports_truncate_table_keyword")
def truncate_table_keyword(ctx: Ctx) -> None:
    name = _items(ctx)
    expr = _truncate(ctx, name)
    assert ctx.sql_of(expr).upper().startswith("TRUNCATE TABLE "), ctx.sql_of(expr)
    ctx.run(expr)
    assert _contents(ctx, name) == []


@case("supports_truncate_restart_identity", refusal=lambda ctx: _truncate(ctx, restart_identity=True))
def truncate_restart_identity(ctx: Ctx) -> None:
    # the sequence behind a serial-like key starts again at 1
    name = ctx.table([("id", ctx.identity_type()), ("v", "VARCHAR(5)")], "tri")
    insert = InsertExpression(ctx.dialect, name, ValuesSource(ctx.dialect, [[lit(ctx, "a")], [lit(ctx, "b")]]), ["v"])
    ctx.run(insert)
    ctx.run(_truncate(ctx, name, restart_identity=True))
    ctx.run(insert)
    assert sorted(int(r[0]) for r in ctx.rows(f"SELECT {ctx.q('id')} FROM {ctx.q(name)}")) == [1, 2]


@case("supports_truncate_cascade", refusal=lambda ctx: _truncate(ctx, cascade=True))
def truncate_cascade(ctx: Ctx) -> None:
    parent = _items(ctx)
    child = ctx.table(
        f"{ctx.q('id')} INT NOT NULL, {ctx.q('pid')} INT REFERENCES {ctx.q(parent)} ({ctx.q('id')})", "child"
    )
    ctx.execute(f"INSERT INTO {ctx.q(child)} VALUES (10, 1)")
    ctx.run(_truncate(ctx, parent, cascade=True))
    assert ctx.scalar(f"SELECT COUNT(*) FROM {ctx.q(child)}") == 0


def _two_conflicts(ctx: Ctx, name: str = "t") -> InsertExpression:
    first = OnConflictClause(ctx.dialect, ["id"], do_nothing=True)
    second = OnConflictClause(ctx.dialect, ["v"], do_nothing=True)
    source = ValuesSource(ctx.dialect, [[lit(ctx, 1), lit(ctx, "two")]])
    return InsertExpression(ctx.dialect, name, source, columns=["id", "v"], on_conflict=[first, second])


@case("supports_multiple_on_conflict_clauses", refusal=_two_conflicts)
def multiple_on_conflict_clauses(ctx: Ctx) -> None:
    name = ctx.table(
        [("id", "INT NOT NULL PRIMARY KEY"), ("v", "VARCHAR(20) UNIQUE")], "moc", rows=[(1, "one"), (2, "two")]
    )
    ctx.run(_two_conflicts(ctx, name))  # conflicts on both keys: nothing inserted, no error
    assert _contents(ctx, name) == [(1, "one"), (2, "two")]
