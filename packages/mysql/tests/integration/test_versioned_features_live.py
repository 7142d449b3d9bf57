"""Version-gated features live, sync and async alike (the bodies are shared, only I/O is awaited).

FOR SYSTEM_TIME on aliased and joined tables, INTERSECT/EXCEPT [ALL], INVISIBLE columns, geometry as
WKB through the builders and through a model field, a ``list[float]`` model field on a VECTOR column
(MySQL 9.0+ / MariaDB 11.7+: skipped, with the reason, on servers without it), and a migration run up
and down through the core's runners with snapshots and a diff.
"""

from __future__ import annotations

import inspect
import struct
import time
from typing import Annotated, Any, Optional

import pytest

from rhosocial.activerecord.backend.expression import Column, TableExpression
from rhosocial.activerecord.backend.expression import statements as st
from rhosocial.activerecord.backend.expression.core import Literal
from rhosocial.activerecord.backend.expression.query_parts import JoinExpression
from rhosocial.activerecord.backend.expression.query_sources import SetOperationExpression
from rhosocial.activerecord.backend.expression.statements import ddl_alter as al
from rhosocial.activerecord.backend.expression.types import IntegerType
from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MySQLBackend
from rhosocial.activerecord.backend.impl.mysql.fields import ConvertOnSave
from rhosocial.activerecord.backend.impl.mysql.spatial import WKBAdapter, as_wkb, geom_from_wkb
from rhosocial.activerecord.backend.impl.mysql.types import SpatialType, VectorType
from rhosocial.activerecord.backend.impl.mysql.vector import VectorAdapter
from rhosocial.activerecord.backend.migration import (
    AsyncMigrationRunner,
    AsyncNamedMigration,
    JSONFileMigrationRecordStore,
    MigrationDirection,
    MigrationRunner,
    NamedMigration,
)
from rhosocial.activerecord.backend.migration.snapshot import (
    compute_schema_diff,
    take_async_snapshot,
    take_sync_snapshot,
)
from rhosocial.activerecord.base import UseAdapter
from rhosocial.activerecord.model import ActiveRecord, AsyncActiveRecord

pytestmark = pytest.mark.server

TABLES = ["m12_sv", "m12_a", "m12_b", "m12_inv", "m12_geo", "m12_vec", "m12_items"]


async def run(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


@pytest.fixture(params=["sync", "async"])
async def either(request, config, backend):
    for name in TABLES:
        backend.execute(f"DROP TABLE IF EXISTS {name}")
    b = MySQLBackend(config) if request.param == "sync" else AsyncMySQLBackend(config)
    await run(b.connect())
    yield b
    await run(b.disconnect())
    for name in TABLES:
        backend.execute(f"DROP TABLE IF EXISTS {name}")


async def rows(b: Any, expr: Any) -> list[dict]:
    sql, params = expr.to_sql()
    return await run(b.fetch_all(sql, params))


async def execute(b: Any, expr: Any) -> None:
    sql, params = expr.to_sql()
    await run(b.execute(sql, params))


def _columns(*names: str, key: bool = True) -> list[st.ColumnDefinition]:
    first = [st.ColumnConstraint(st.ColumnConstraintType.PRIMARY_KEY)] if key else []
    return [st.ColumnDefinition(names[0], IntegerType(), first)] + [
        st.ColumnDefinition(n, IntegerType()) for n in names[1:]
    ]


# -- FOR SYSTEM_TIME with aliases (MariaDB) ------------------------------------------------------------
async def test_system_time_on_aliased_and_joined_tables(either):
    d = either.dialect
    if not d.supports_temporal_tables():
        pytest.skip(f"{d.server_label}: no system-versioned tables (MariaDB 10.3.4+)")
    create = st.CreateTableExpression(d, "m12_sv", _columns("id", "v"), dialect_options={"system_versioning": True})
    await execute(either, create)
    await run(either.execute("INSERT INTO m12_sv VALUES (1, 10)"))
    time.sleep(0.01)
    before = (await run(either.fetch_one("SELECT NOW(6) AS t")))["t"]
    time.sleep(0.01)
    await run(either.execute("UPDATE m12_sv SET v = 11"))
    past = TableExpression(d, "m12_sv", alias="p", temporal_options={"as_of": before})
    now = TableExpression(d, "m12_sv", alias="n")
    on = Column(d, "id", "p") == Column(d, "id", "n")
    query = st.QueryExpression(
        d,
        [Column(d, "v", "p", alias="was"), Column(d, "v", "n", alias="is_")],
        from_=JoinExpression(d, past, now, "JOIN", condition=on),
    )
    assert [(r["was"], r["is_"]) for r in await rows(either, query)] == [(10, 11)]


# -- INTERSECT / EXCEPT ----------------------------------------------------------------------------
async def test_intersect_and_except(either):
    d = either.dialect
    if not d.supports_intersect():
        pytest.skip(f"{d.server_label}: INTERSECT / EXCEPT need MySQL 8.0.31+ / MariaDB 10.3+")
    for name, values in (("m12_a", (1, 2, 2, 3)), ("m12_b", (2, 3, 4))):
        await execute(either, st.CreateTableExpression(d, name, _columns("v", key=False)))
        await run(either.execute(f"INSERT INTO {name} VALUES " + ", ".join(f"({v})" for v in values)))

    def side(name: str) -> st.QueryExpression:
        return st.QueryExpression(d, [Column(d, "v")], from_=name)

    async def values(operation: str, all_: bool = False) -> list[int]:
        return sorted(
            r["v"]
            for r in await rows(either, SetOperationExpression(d, side("m12_a"), side("m12_b"), operation, all_=all_))
        )

    assert await values("INTERSECT") == [2, 3]
    assert await values("EXCEPT") == [1]
    if d.capable("intersect_except_all"):
        assert await values("EXCEPT", all_=True) == [1, 2]  # one 2 of two is matched by the right side
        assert await values("INTERSECT", all_=True) == [2, 3]


# -- INVISIBLE columns -----------------------------------------------------------------------------
async def test_invisible_column_added_and_created(either):
    d = either.dialect
    hidden = st.ColumnDefinition(
        "h",
        IntegerType(),
        [st.ColumnConstraint(st.ColumnConstraintType.DEFAULT, default_value=Literal(d, 7))],
        dialect_options={"invisible": True},
    )
    await execute(either, st.CreateTableExpression(d, "m12_inv", [*_columns("id"), hidden]))
    late = st.ColumnDefinition("late", IntegerType(), dialect_options={"invisible": True})
    await execute(either, al.AlterTableExpression(d, "m12_inv", [al.AddColumn(d, late)]))
    await run(either.execute("INSERT INTO m12_inv VALUES (1)"))  # invisible columns take no value here
    assert await run(either.fetch_all("SELECT * FROM m12_inv")) == [{"id": 1}]
    assert await run(either.fetch_one("SELECT h, late FROM m12_inv")) == {"h": 7, "late": None}
    columns = {c.name: c for c in await run(either.introspector.list_columns("m12_inv"))}
    assert columns["h"].extra.get("invisible") is True


# -- geometry as WKB -------------------------------------------------------------------------------
POINT = struct.pack("<BIdd", 1, 1, 1.5, -2.25)  # little-endian WKB of POINT(1.5 -2.25)


class Place(ConvertOnSave, ActiveRecord):
    __table_name__ = "m12_geo"
    id: Optional[int] = None
    at: Annotated[bytes, UseAdapter(WKBAdapter(), bytes)]


class AsyncPlace(ConvertOnSave, AsyncActiveRecord):
    __table_name__ = "m12_geo"
    id: Optional[int] = None
    at: Annotated[bytes, UseAdapter(WKBAdapter(), bytes)]


async def _geo_table(b: Any) -> None:
    d = b.dialect
    key = st.ColumnConstraint(st.ColumnConstraintType.PRIMARY_KEY, is_auto_increment=True)
    columns = [st.ColumnDefinition("id", IntegerType(), [key]), st.ColumnDefinition("at", SpatialType("POINT"))]
    await execute(b, st.CreateTableExpression(d, "m12_geo", columns))


async def test_wkb_through_the_function_builders(either):
    d = either.dialect
    await _geo_table(either)
    insert = st.InsertExpression(d, "m12_geo", st.ValuesSource(d, [[geom_from_wkb(d, POINT)]]), ["at"])
    await execute(either, insert)
    found = await rows(either, st.QueryExpression(d, [as_wkb(d, Column(d, "at"), alias="w")], from_="m12_geo"))
    assert [bytes(r["w"]) for r in found] == [POINT]
    assert (await run(either.fetch_one("SELECT ST_AsText(at) AS t FROM m12_geo")))["t"] == "POINT(1.5 -2.25)"


async def test_wkb_model_field_round_trip(either, config):
    await _geo_table(either)
    if isinstance(either, AsyncMySQLBackend):
        await AsyncPlace.configure(config, AsyncMySQLBackend)
        try:
            place = AsyncPlace(at=POINT)
            await place.save()
            assert (await AsyncPlace.find_one(place.id)).at == POINT
        finally:
            await AsyncPlace.backend().disconnect()
    else:
        Place.configure(config, MySQLBackend)
        try:
            place = Place(at=POINT)
            place.save()
            assert Place.find_one(place.id).at == POINT
        finally:
            Place.backend().disconnect()
    text = await run(either.fetch_one("SELECT ST_AsText(at) AS t FROM m12_geo"))
    assert text["t"] == "POINT(1.5 -2.25)"  # the server stored a real point, not opaque bytes


# -- VECTOR as a list[float] model field ---------------------------------------------------------------
class Embedding(ConvertOnSave, ActiveRecord):
    __table_name__ = "m12_vec"
    id: Optional[int] = None
    v: Annotated[list[float], UseAdapter(VectorAdapter(), list)]


class AsyncEmbedding(ConvertOnSave, AsyncActiveRecord):
    __table_name__ = "m12_vec"
    id: Optional[int] = None
    v: Annotated[list[float], UseAdapter(VectorAdapter(), list)]


async def test_vector_model_field_round_trip(either, config):
    d = either.dialect
    if not d.supports_vector_type():
        pytest.skip(
            f"{d.server_label} has no VECTOR (MySQL 9.0+ / MariaDB 11.7+): give such a server with "
            "RHOSOCIAL_MYSQL_DSN / RHOSOCIAL_MARIADB_DSN or in RHOSOCIAL_SERVERS_FILE to run this"
        )
    key = st.ColumnConstraint(st.ColumnConstraintType.PRIMARY_KEY, is_auto_increment=True)
    columns = [st.ColumnDefinition("id", IntegerType(), [key]), st.ColumnDefinition("v", VectorType(3))]
    await execute(either, st.CreateTableExpression(d, "m12_vec", columns))
    values = [0.5, -1.25, 3.0]  # exact in single precision
    if isinstance(either, AsyncMySQLBackend):
        await AsyncEmbedding.configure(config, AsyncMySQLBackend)
        try:
            row = AsyncEmbedding(v=values)
            await row.save()
            assert (await AsyncEmbedding.find_one(row.id)).v == values
        finally:
            await AsyncEmbedding.backend().disconnect()
    else:
        Embedding.configure(config, MySQLBackend)
        try:
            row = Embedding(v=values)
            row.save()
            assert Embedding.find_one(row.id).v == values
        finally:
            Embedding.backend().disconnect()


# -- a migration up and down through the core's runners -------------------------------------------------
def create_items(dialect: Any) -> st.CreateTableExpression:
    return st.CreateTableExpression(dialect, "m12_items", _columns("id", "qty"))


def drop_items(dialect: Any) -> st.DropTableExpression:
    return st.DropTableExpression(dialect, "m12_items", if_exists=True)


def add_note(dialect: Any) -> al.AlterTableExpression:
    note = st.ColumnDefinition("note", IntegerType(), dialect_options={"invisible": True})
    return al.AlterTableExpression(dialect, "m12_items", [al.AddColumn(dialect, note)])


def drop_note(dialect: Any) -> al.AlterTableExpression:
    return al.AlterTableExpression(dialect, "m12_items", [al.DropColumn(dialect, "note")])


HERE = __name__


class CreateItems(NamedMigration):
    version = "m12_001_items"

    def up(self, ctx: Any) -> None:
        ctx.execute(f"{HERE}.create_items")

    def down(self, ctx: Any) -> None:
        ctx.execute(f"{HERE}.drop_items")


class AddNote(NamedMigration):
    version = "m12_002_note"
    dependencies = ["m12_001_items"]

    def up(self, ctx: Any) -> None:
        ctx.execute(f"{HERE}.add_note")

    def down(self, ctx: Any) -> None:
        ctx.execute(f"{HERE}.drop_note")


class AsyncCreateItems(AsyncNamedMigration):
    version = "m12_001_items"

    async def up(self, ctx: Any) -> None:
        await ctx.execute(f"{HERE}.create_items")

    async def down(self, ctx: Any) -> None:
        await ctx.execute(f"{HERE}.drop_items")


class AsyncAddNote(AsyncNamedMigration):
    version = "m12_002_note"
    dependencies = ["m12_001_items"]

    async def up(self, ctx: Any) -> None:
        await ctx.execute(f"{HERE}.add_note")

    async def down(self, ctx: Any) -> None:
        await ctx.execute(f"{HERE}.drop_note")


async def test_migration_up_snapshot_diff_down(either, tmp_path):
    is_async = isinstance(either, AsyncMySQLBackend)
    runner = AsyncMigrationRunner if is_async else MigrationRunner
    take = take_async_snapshot if is_async else take_sync_snapshot
    prefix = "Async" if is_async else ""
    store = JSONFileMigrationRecordStore(tmp_path / "migrations.json")

    async def migrate(name: str, direction: MigrationDirection) -> Any:
        return await run(runner(f"{HERE}.{prefix}{name}").run(either, direction, record_store=store))

    async def columns() -> list[str]:
        return [c.name for c in await run(either.introspector.list_columns("m12_items"))]

    await migrate("CreateItems", MigrationDirection.UP)
    first = await run(take(either))
    assert first is not None
    assert "m12_items" in first.tables
    await migrate("AddNote", MigrationDirection.UP)
    either.introspector.invalidate_cache()
    assert await columns() == ["id", "qty", "note"]
    second = await run(take(either))
    diff = compute_schema_diff(first, second, either.dialect)
    assert [c.column_name for c in diff.table_diffs["m12_items"].column_diffs] == ["note"]
    assert store.is_applied("m12_002_note")

    await migrate("AddNote", MigrationDirection.DOWN)
    either.introspector.invalidate_cache()
    assert await columns() == ["id", "qty"]
    back = await run(take(either))
    assert "m12_items" not in compute_schema_diff(first, back, either.dialect).table_diffs
    await migrate("CreateItems", MigrationDirection.DOWN)
    either.introspector.invalidate_cache()
    assert "m12_items" not in {t.name for t in await run(either.introspector.list_tables())}
    assert not store.is_applied("m12_001_items")
