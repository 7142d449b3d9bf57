"""``backend.introspector`` (the core's API) on live servers, sync and async, and the core's snapshot
diff and snapshot-recording migration runner on top of it (issue 11)."""

from __future__ import annotations

import inspect
import sys
import types

import pytest

from rhosocial.activerecord.backend.introspection.types import (
    ColumnNullable,
    IndexType,
    ReferentialAction,
    TableType,
)

pytestmark = pytest.mark.server


async def _call(value):
    return await value if inspect.isawaitable(value) else value


@pytest.fixture
async def schema_objects(db, table_name):
    t, parent, view, mview, enum, seq = (f"{table_name}{s}" for s in ("", "_p", "_v", "_mv", "_e", "_s"))
    await db.execute(f"CREATE TYPE \"{enum}\" AS ENUM ('low', 'high')")
    await db.execute(f'CREATE TABLE "{parent}" (id INT PRIMARY KEY)')
    await db.execute(
        f'CREATE TABLE "{t}" (id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, '
        f"name VARCHAR(40) NOT NULL DEFAULT 'x', price NUMERIC(10,2), level \"{enum}\", tags TEXT[], "
        f"doubled INT GENERATED ALWAYS AS (id * 2) STORED, "
        f'parent INT REFERENCES "{parent}"(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)'
    )
    await db.execute(f"COMMENT ON TABLE \"{t}\" IS 'things'")
    await db.execute(f'CREATE INDEX "{t}_lower" ON "{t}" (lower(name) DESC NULLS LAST) WHERE price > 0')
    await db.execute(f'CREATE INDEX "{t}_incl" ON "{t}" USING btree (name text_pattern_ops) INCLUDE (price)')
    await db.execute(f'CREATE INDEX "{t}_gin" ON "{t}" USING gin (tags)')
    await db.execute(f'CREATE VIEW "{view}" AS SELECT id, name FROM "{t}"')
    await db.execute(f'CREATE MATERIALIZED VIEW "{mview}" AS SELECT id FROM "{t}"')
    await db.execute(f'CREATE SEQUENCE "{seq}" START 10 INCREMENT 5')
    yield {"t": t, "parent": parent, "view": view, "mview": mview, "enum": enum, "seq": seq}
    for kind, name in (("MATERIALIZED VIEW", mview), ("VIEW", view), ("TABLE", t), ("TABLE", parent)):
        await db.execute(f'DROP {kind} IF EXISTS "{name}" CASCADE')
    await db.execute(f'DROP SEQUENCE IF EXISTS "{seq}"')
    await db.execute(f'DROP TYPE IF EXISTS "{enum}"')


async def test_introspector_reads_what_was_created(db, schema_objects):
    o = schema_objects
    intro = db.backend.introspector
    intro.invalidate_cache()
    tables = {t.name: t for t in await _call(intro.list_tables())}
    assert tables[o["t"]].table_type is TableType.BASE_TABLE
    assert tables[o["t"]].comment == "things"
    assert tables[o["view"]].table_type is TableType.VIEW
    columns = {c.name: c for c in await _call(intro.list_columns(o["t"]))}
    assert columns["id"].is_primary_key
    assert columns["id"].is_auto_increment
    assert columns["id"].extra["identity_generation"] == "ALWAYS"
    assert columns["name"].nullable is ColumnNullable.NOT_NULL
    assert columns["name"].character_maximum_length == 40
    assert columns["name"].default_value == "'x'::character varying"
    assert (columns["price"].numeric_precision, columns["price"].numeric_scale) == (10, 2)
    assert columns["level"].extra["type_kind"] == "e"
    assert columns["tags"].data_type_full == "text[]"
    assert columns["doubled"].is_generated
    assert columns["doubled"].generated_expression == "(id * 2)"
    indexes = {i.name: i for i in await _call(intro.list_indexes(o["t"]))}
    lower = indexes[f"{o['t']}_lower"]
    assert lower.extra["expressions"] == ["lower(name::text)"]
    assert lower.filter_condition == "(price > (0)::numeric)"
    assert lower.columns[0].is_descending
    assert lower.columns[0].is_nulls_first is False
    incl = indexes[f"{o['t']}_incl"]
    assert incl.extra["include"] == ["price"]
    assert incl.extra["opclasses"] == ["text_pattern_ops"]
    assert indexes[f"{o['t']}_gin"].index_type is IndexType.GIN
    primary = await _call(intro.get_primary_key(o["t"]))
    assert primary.is_primary
    assert [c.name for c in primary.columns] == ["id"]
    (fk,) = await _call(intro.list_foreign_keys(o["t"]))
    assert (fk.columns, fk.referenced_table, fk.referenced_columns) == (["parent"], o["parent"], ["id"])
    assert fk.on_delete is ReferentialAction.CASCADE
    assert fk.deferrable
    assert fk.deferred
    view = await _call(intro.get_view_info(o["view"]))
    assert "FROM" in view.definition
    assert view.is_updatable is True
    assert o["mview"] in {v.name for v in await _call(intro.list_materialized_views())}
    assert o["mview"] not in {v.name for v in await _call(intro.list_views())}
    sequences = {s["name"]: s for s in await _call(intro.list_sequences())}
    assert (sequences[o["seq"]]["start_value"], sequences[o["seq"]]["increment_by"]) == (10, 5)
    assert (await _call(intro.list_enums()))[o["enum"]] == ["low", "high"]
    assert "plpgsql" in {e["name"] for e in await _call(intro.list_extensions()) if e["installed_version"]}
    info = await _call(intro.get_database_info())
    assert info.vendor == "PostgreSQL"
    assert info.version_tuple[0] >= 13


async def test_cache_and_invalidation(db, table):
    intro = db.backend.introspector
    intro.invalidate_cache()
    await db.execute(f'CREATE TABLE "{table}" (a INT)')
    assert [c.name for c in await _call(intro.list_columns(table))] == ["a"]
    await db.execute(f'ALTER TABLE "{table}" ADD COLUMN b INT')
    assert [c.name for c in await _call(intro.list_columns(table))] == ["a"]  # cached
    intro.invalidate_cache()
    assert [c.name for c in await _call(intro.list_columns(table))] == ["a", "b"]


def _migration_module(table: str, asynchronous: bool = False) -> str:
    """A module holding named migrations (``AsyncNamedMigration`` when asynchronous) and the named queries
    they run, built from the core's DDL objects."""
    from rhosocial.activerecord.backend.expression.statements import (
        AlterTableExpression,
        ColumnDefinition,
        CreateTableExpression,
        DropTableExpression,
    )
    from rhosocial.activerecord.backend.expression.statements.ddl_alter import AddColumn, DropColumn
    from rhosocial.activerecord.backend.expression.types import IntegerType, TextType
    from rhosocial.activerecord.backend.migration.core import AsyncNamedMigration, NamedMigration

    name = f"_pg_migration_{table}"
    module = types.ModuleType(name)

    def create(dialect):
        return CreateTableExpression(
            dialect, table, [ColumnDefinition("id", IntegerType()), ColumnDefinition("a", TextType())]
        )

    def add(dialect):
        return AlterTableExpression(dialect, table, [AddColumn(dialect, ColumnDefinition("b", IntegerType()))])

    def drop_b(dialect):
        return AlterTableExpression(dialect, table, [DropColumn(dialect, "b")])

    def drop(dialect):
        return DropTableExpression(dialect, table, if_exists=True)

    def migration(version: str, up: str, down: str) -> type:
        if asynchronous:

            class Async(AsyncNamedMigration):
                async def up(self, ctx):
                    await ctx.execute(f"{name}.{up}")

                async def down(self, ctx):
                    await ctx.execute(f"{name}.{down}")

            Async.version = version
            return Async

        class Sync(NamedMigration):
            def up(self, ctx):
                ctx.execute(f"{name}.{up}")

            def down(self, ctx):
                ctx.execute(f"{name}.{down}")

        Sync.version = version
        return Sync

    for fn in (create, add, drop_b, drop):
        fn.__module__ = name
        setattr(module, fn.__name__, fn)
    module.CreateThings = migration("v001", "create", "drop")
    module.AddB = migration("v002", "add", "drop_b")
    for cls in (module.CreateThings, module.AddB):
        cls.__module__ = name
    sys.modules[name] = module
    return name


def test_snapshot_diff_and_migrations_end_to_end(backend, table_name):
    from rhosocial.activerecord.backend.migration.core import MigrationDirection
    from rhosocial.activerecord.backend.migration.runner import MigrationRunner
    from rhosocial.activerecord.backend.schema import SyncSchemaSnapshotBuilder

    module = _migration_module(table_name)
    try:
        up = MigrationRunner(f"{module}.CreateThings").run(backend, MigrationDirection.UP)
        assert up.success
        assert table_name in up.snapshot_diff.added_tables
        before = SyncSchemaSnapshotBuilder(backend.introspector, backend.dialect).build()
        assert [c.name for c in before.tables[table_name].columns] == ["id", "a"]
        change = MigrationRunner(f"{module}.AddB").run(backend, MigrationDirection.UP)
        assert change.snapshot_diff.modified_tables == [table_name]
        after = SyncSchemaSnapshotBuilder(backend.introspector, backend.dialect).build()
        diff = backend.dialect.create_schema_differ().compare(before, after)
        table_diff = diff.table_diffs[table_name]
        assert [c.column_name for c in table_diff.column_diffs if c.is_added] == ["b"]
        assert before.to_dict()["tables"][table_name]  # the snapshot serialises
        MigrationRunner(f"{module}.AddB").run(backend, MigrationDirection.DOWN)
        down = MigrationRunner(f"{module}.CreateThings").run(backend, MigrationDirection.DOWN)
        assert down.success
        assert table_name in down.snapshot_diff.removed_tables
    finally:
        backend.execute(f'DROP TABLE IF EXISTS "{table_name}"')
        sys.modules.pop(module, None)


async def test_async_snapshot_diff_and_migrations_end_to_end(async_backend, table_name, tmp_path):
    """The core's AsyncMigrationRunner over AsyncPostgresBackend: up, snapshot, change, diff, down, with the
    core's JSON record store guarding order and duplicates."""
    from rhosocial.activerecord.backend.migration.async_runner import AsyncMigrationRunner
    from rhosocial.activerecord.backend.migration.core import MigrationDirection
    from rhosocial.activerecord.backend.migration.exceptions import MigrationAlreadyAppliedError
    from rhosocial.activerecord.backend.migration.record import JSONFileMigrationRecordStore
    from rhosocial.activerecord.backend.schema import AsyncSchemaSnapshotBuilder

    backend = async_backend
    module = _migration_module(table_name, asynchronous=True)
    store = JSONFileMigrationRecordStore(tmp_path / "migrations.json")
    try:
        create = AsyncMigrationRunner(f"{module}.CreateThings")
        up = await create.run(backend, MigrationDirection.UP, record_store=store)
        assert up.success
        assert table_name in up.snapshot_diff.added_tables
        assert store.is_applied("v001")
        with pytest.raises(MigrationAlreadyAppliedError):
            await create.run(backend, MigrationDirection.UP, record_store=store)
        before = await AsyncSchemaSnapshotBuilder(backend.introspector, backend.dialect).build()
        assert [c.name for c in before.tables[table_name].columns] == ["id", "a"]

        change = await AsyncMigrationRunner(f"{module}.AddB").run(backend, MigrationDirection.UP)
        assert change.snapshot_diff.modified_tables == [table_name]
        after = await AsyncSchemaSnapshotBuilder(backend.introspector, backend.dialect).build()
        diff = backend.dialect.create_schema_differ().compare(before, after)
        assert [c.column_name for c in diff.table_diffs[table_name].column_diffs if c.is_added] == ["b"]
        assert await backend.fetch_all(f'SELECT b FROM "{table_name}"') == []  # committed, visible

        dry = await AsyncMigrationRunner(f"{module}.AddB").run(backend, MigrationDirection.DOWN, dry_run=True)
        assert " ".join(dry.dry_run_sql[0][1].split()) == f'ALTER TABLE "{table_name}" DROP COLUMN "b"'
        backend.introspector.invalidate_cache()
        assert [c.name for c in await backend.introspector.list_columns(table_name)] == ["id", "a", "b"]  # not run
        await AsyncMigrationRunner(f"{module}.AddB").run(backend, MigrationDirection.DOWN)
        down = await AsyncMigrationRunner(f"{module}.CreateThings").run(backend, MigrationDirection.DOWN)
        assert down.success
        assert table_name in down.snapshot_diff.removed_tables
        backend.introspector.invalidate_cache()
        assert table_name not in [t.name for t in await backend.introspector.list_tables()]
    finally:
        await backend.execute(f'DROP TABLE IF EXISTS "{table_name}"')
        sys.modules.pop(module, None)
