"""The core's introspection API on both flavours (sync and async share the bodies): columns with
unsigned/charset/collation/generated, FULLTEXT/SPATIAL/prefix indexes, foreign keys, views,
partitions, MariaDB sequences, ``introspector.status``, and the schema snapshots/diffs the core's
migration runners take."""

from __future__ import annotations

import inspect

import pytest

from rhosocial.activerecord.backend.impl.mysql import AsyncMySQLBackend, MariaDBDialect, MySQLBackend
from rhosocial.activerecord.backend.introspection.types import IndexType, ReferentialAction
from rhosocial.activerecord.backend.migration.snapshot import (
    compute_schema_diff,
    snapshot_to_dict,
    take_async_snapshot,
    take_sync_snapshot,
)
from rhosocial.activerecord.backend.schema.snapshot import SchemaSnapshot

pytestmark = pytest.mark.server

SETUP = [
    "CREATE TABLE isp_parent (id INT UNSIGNED PRIMARY KEY)",
    "CREATE TABLE isp_child (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, parent_id INT UNSIGNED, n INT, "
    "name VARCHAR(40) CHARACTER SET latin1 COLLATE latin1_bin, body TEXT, g POINT NOT NULL, "
    "doubled INT AS (n * 2) VIRTUAL, kept INT AS (n + 1) STORED, "
    "FULLTEXT KEY ft_body (body), SPATIAL KEY sp_g (g), KEY name_prefix (name(5)), "
    "CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES isp_parent (id) ON DELETE CASCADE) ENGINE=InnoDB",
    "CREATE VIEW isp_view AS SELECT id, name FROM isp_child",
    "CREATE TABLE isp_parts (id INT NOT NULL, at_year INT NOT NULL) PARTITION BY RANGE (at_year) "
    "(PARTITION p2020 VALUES LESS THAN (2021), PARTITION pmax VALUES LESS THAN MAXVALUE)",
]
TEARDOWN = [
    "DROP VIEW IF EXISTS isp_view",
    "DROP TABLE IF EXISTS isp_child",
    "DROP TABLE IF EXISTS isp_parent",
    "DROP TABLE IF EXISTS isp_parts",
    "DROP TABLE IF EXISTS isp_added",
    "DROP SEQUENCE IF EXISTS isp_seq",
]


async def run(value):
    return await value if inspect.isawaitable(value) else value


@pytest.fixture(params=["sync", "async"])
async def either(request, config, backend):
    for sql in TEARDOWN[:-1] + SETUP:
        backend.execute(sql)
    if isinstance(backend.dialect, MariaDBDialect):
        backend.execute("DROP SEQUENCE IF EXISTS isp_seq")
        backend.execute("CREATE SEQUENCE isp_seq")
    b = MySQLBackend(config) if request.param == "sync" else AsyncMySQLBackend(config)
    await run(b.connect())
    yield b
    await run(b.disconnect())
    for sql in TEARDOWN:
        if "SEQUENCE" not in sql or isinstance(backend.dialect, MariaDBDialect):
            backend.execute(sql)


async def test_columns_keep_unsigned_charset_collation_and_generation(either):
    columns = {c.name: c for c in await run(either.introspector.list_columns("isp_child"))}
    assert columns["id"].extra.get("unsigned") is True
    assert columns["id"].is_auto_increment
    assert columns["name"].charset == "latin1"
    assert columns["name"].collation == "latin1_bin"
    assert columns["doubled"].is_generated
    assert columns["doubled"].extra["generated"] == "VIRTUAL"
    assert columns["kept"].extra["generated"] == "STORED"
    assert "n" in (columns["kept"].generated_expression or "")


async def test_indexes_fulltext_spatial_and_prefix(either):
    indexes = {i.name: i for i in await run(either.introspector.list_indexes("isp_child"))}
    assert indexes["ft_body"].index_type is IndexType.FULLTEXT
    assert indexes["sp_g"].index_type is IndexType.SPATIAL
    assert indexes["name_prefix"].extra["prefix_lengths"] == {"name": 5}
    assert indexes["PRIMARY"].is_primary


async def test_foreign_keys_views_partitions_sequences(either):
    keys = await run(either.introspector.list_foreign_keys("isp_child"))
    assert [(k.name, k.columns, k.referenced_table, k.on_delete) for k in keys] == [
        ("fk_parent", ["parent_id"], "isp_parent", ReferentialAction.CASCADE)
    ]
    view = await run(either.introspector.get_view_info("isp_view"))
    assert view is not None
    assert "isp_child" in view.definition
    parts = await run(either.introspector.list_partitions("isp_parts"))
    assert [(p.name, p.method, p.description) for p in parts] == [
        ("p2020", "RANGE", "2021"),
        ("pmax", "RANGE", "MAXVALUE"),
    ]
    sequences = await run(either.introspector.list_sequences())
    assert sequences == (["isp_seq"] if isinstance(either.dialect, MariaDBDialect) else [])


async def test_status_from_show(either):
    status = either.introspector.status
    overview = await run(status.get_overview())
    assert overview.server_vendor == either.dialect.name
    assert overview.server_version.startswith(".".join(map(str, either.server_info.version[:2])))
    assert overview.connections.max_connections > 0
    assert overview.innodb.buffer_pool_size > 0
    assert overview.innodb.buffer_pool_pages_total > 0
    own = await run(either.fetch_one("SELECT CONNECTION_ID() AS id"))
    assert own["id"] in [p.id for p in overview.processes]
    assert either.server_info.settings is not None
    session = await run(status.get_session_info())
    assert session.database == either.config.database
    names = {i.name for i in await run(status.list_configuration())}
    assert "max_connections" in names
    assert any(d.name == either.config.database for d in await run(status.list_databases()))


async def test_snapshot_and_diff_as_the_migration_runners_take_them(either):
    take = take_async_snapshot if isinstance(either, AsyncMySQLBackend) else take_sync_snapshot
    before = await run(take(either))
    assert before is not None  # the runners swallow errors and record None: a None here is a failure
    assert {"isp_child", "isp_parent", "isp_parts"} <= set(before.tables)
    assert SchemaSnapshot.from_dict(snapshot_to_dict(before)).tables.keys() == before.tables.keys()
    await run(either.execute("ALTER TABLE isp_parent ADD COLUMN label VARCHAR(10)"))
    await run(either.execute("CREATE TABLE isp_added (id INT PRIMARY KEY)"))
    after = await run(take(either))
    diff = compute_schema_diff(before, after, either.dialect)
    assert diff is not None
    ours = [t for t in diff.added_tables if t.startswith("isp_")]  # other tests may share the database
    assert ours == ["isp_added"]
    assert [c.column_name for c in diff.table_diffs["isp_parent"].column_diffs] == ["label"]
    await run(either.execute("DROP TABLE isp_added"))
    await run(either.execute("ALTER TABLE isp_parent DROP COLUMN label"))
    back = await run(take(either))
    changed = compute_schema_diff(before, back, either.dialect).table_diffs
    assert not [t for t in changed if t.startswith("isp_")]


def test_cli_introspect_and_status_read_the_introspector(server, backend):
    import io
    import json

    from rhosocial.activerecord.backend.impl.mysql.cli import ADAPTER
    from rhosocial.activerecord.backend.toolkit.cli import run as run_cli

    for sql in TEARDOWN[:-1] + SETUP:
        backend.execute(sql)
    url = f"mysql://{server.user}:{server.password}@{server.host}:{server.port}/{server.database}"

    def cli(*argv):
        out = io.StringIO()
        assert run_cli(ADAPTER, [*argv, "--url", url, "-f", "json"], stdout=out) == 0
        return json.loads(out.getvalue())

    tables = {t["name"]: t for t in cli("introspect")}
    assert tables["isp_view"]["kind"] == "view"
    columns = {c["name"]: c for c in cli("introspect", "isp_child")}
    assert columns["id"]["unsigned"] is True
    assert columns["doubled"]["generated"] == "VIRTUAL"
    assert columns["name"]["collation"] == "latin1_bin"
    status = cli("status")
    status = status[0] if isinstance(status, list) else status
    assert int(status["max_connections"]) > 0
    assert int(status["innodb.buffer_pool_size"]) > 0
    for sql in TEARDOWN[:-1]:
        backend.execute(sql)
