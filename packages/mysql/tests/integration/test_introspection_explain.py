"""information_schema introspection and EXPLAIN on a live server (sync and async)."""

import pytest

pytestmark = pytest.mark.server


@pytest.fixture
def tables(backend):
    backend.execute("DROP TABLE IF EXISTS it_child")
    backend.execute("DROP TABLE IF EXISTS it_parent")
    backend.execute("CREATE TABLE it_parent (id INT PRIMARY KEY)")
    backend.execute(
        "CREATE TABLE it_child (id INT AUTO_INCREMENT PRIMARY KEY, parent_id INT, name VARCHAR(20) UNIQUE, "
        "CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES it_parent (id) ON DELETE CASCADE)"
    )
    yield
    backend.execute("DROP TABLE IF EXISTS it_child")
    backend.execute("DROP TABLE IF EXISTS it_parent")


def test_introspection(backend, tables):
    from rhosocial.activerecord.backend.introspection.types import ReferentialAction

    inspector = backend.introspector
    info = inspector.get_database_info()
    assert info.vendor in ("MySQL", "MariaDB")
    assert info.version_tuple == tuple(backend.server_info.version[:3])
    table = inspector.get_table_info("it_child")
    assert [c.name for c in table.columns] == ["id", "parent_id", "name"]
    assert table.columns[0].is_primary_key
    assert table.columns[0].is_auto_increment
    indexes = {i.name: i for i in table.indexes}
    assert indexes["PRIMARY"].is_primary
    assert indexes["name"].is_unique
    (fk,) = table.foreign_keys
    assert (fk.name, fk.columns, fk.referenced_table, fk.referenced_columns) == (
        "fk_parent",
        ["parent_id"],
        "it_parent",
        ["id"],
    )
    assert fk.on_delete == ReferentialAction.CASCADE
    assert not inspector.table_exists("it_missing")


async def test_async_introspection(async_backend, backend, tables):
    table = await async_backend.introspector.get_table_info("it_child")
    assert [c.name for c in table.columns] == ["id", "parent_id", "name"]


def test_explain_traditional_json_and_analyze(backend, tables):
    from rhosocial.activerecord.backend.expression import Column, TableExpression
    from rhosocial.activerecord.backend.expression.statements import ExplainOptions, QueryExpression
    from rhosocial.activerecord.backend.expression.statements.explain import ExplainFormat

    d = backend.dialect
    query = QueryExpression(d, [Column(d, "id")], from_=TableExpression(d, "it_child"))
    plain = backend.explain(query)
    assert plain.rows
    assert "table" in plain.rows[0]
    as_json = backend.explain(query, ExplainOptions(format=ExplainFormat.JSON))
    assert "query_block" in as_json.plan
    if d.supports_explain_analyze():
        analyzed = backend.explain(query, ExplainOptions(analyze=True))
        assert analyzed.raw_rows
