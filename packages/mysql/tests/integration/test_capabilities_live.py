"""Every capability the dialect claims for this server is exercised live; every "no" refuses clearly.

MySQL-only claims (LATERAL, row-alias upsert, FOR UPDATE OF, EXPLAIN FORMAT=TREE ...) run here
only when the server is a MySQL one (``RHOSOCIAL_MYSQL_DSN``); their SQL is pinned by
``tests/unit/test_rendering.py`` either way.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rhosocial.activerecord.backend.impl.mysql.capabilities import CAPABILITIES
from rhosocial.activerecord.backend.toolkit.capabilities import UnsupportedCapabilityError

pytestmark = pytest.mark.server

T = "it_cap"


def one(b, sql, params=None):
    return b.fetch_one(sql, params)


def _upsert(b) -> None:
    b.execute(f"INSERT INTO {T} (id, v) VALUES (1, 1)")
    alias = b.dialect.upsert_value("v")
    b.execute(
        f"INSERT INTO {T} (id, v) VALUES (1, 5), (2, 6) "
        + ("AS `excluded` " if b.dialect.uses_upsert_row_alias() else "")
        + f"ON DUPLICATE KEY UPDATE v = {alias} + 10"
    )
    assert [r["v"] for r in b.fetch_all(f"SELECT v FROM {T} ORDER BY id")] == [15, 6]


def _returning_insert(b) -> None:
    assert b.fetch_all(f"INSERT INTO {T} (id, v) VALUES (7, 70) RETURNING id, v") == [{"id": 7, "v": 70}]


def _returning_delete(b) -> None:
    b.execute(f"INSERT INTO {T} (id, v) VALUES (8, 80)")
    assert b.fetch_all(f"DELETE FROM {T} WHERE id = 8 RETURNING v") == [{"v": 80}]


def _check(b) -> None:
    from rhosocial.activerecord.backend.errors import IntegrityError

    b.execute("DROP TABLE IF EXISTS it_cap_chk")
    b.execute("CREATE TABLE it_cap_chk (n INT, CONSTRAINT positive CHECK (n > 0))")
    try:
        with pytest.raises(IntegrityError):
            b.execute("INSERT INTO it_cap_chk VALUES (-1)")
    finally:
        b.execute("DROP TABLE IF EXISTS it_cap_chk")


def _locking(clause: str) -> Callable:
    def run(b) -> None:
        with b.transaction():
            b.fetch_all(f"SELECT id FROM {T} {clause}")

    return run


def _sequence(b) -> None:
    b.execute("CREATE OR REPLACE SEQUENCE it_cap_seq")
    try:
        assert one(b, "SELECT NEXTVAL(it_cap_seq) AS n")["n"] == 1
    finally:
        b.execute("DROP SEQUENCE it_cap_seq")


def _system_versioning(b) -> None:
    b.execute("CREATE OR REPLACE TABLE it_cap_sv (v INT) WITH SYSTEM VERSIONING")
    try:
        b.execute("INSERT INTO it_cap_sv VALUES (1)")
        b.execute("DELETE FROM it_cap_sv")
        assert one(b, "SELECT COUNT(*) AS n FROM it_cap_sv FOR SYSTEM_TIME ALL")["n"] == 1
    finally:
        b.execute("DROP TABLE IF EXISTS it_cap_sv")


def _index(sql: str) -> Callable:
    def run(b) -> None:
        b.execute(sql)

    return run


def _read_only(b) -> None:
    b.execute("START TRANSACTION READ ONLY")
    b.execute("COMMIT")


def _generated(b) -> None:
    b.execute("DROP TABLE IF EXISTS it_cap_gen")
    b.execute("CREATE TABLE it_cap_gen (a INT, b INT AS (a * 2) VIRTUAL, c INT AS (a + 1) STORED)")
    try:
        b.execute("INSERT INTO it_cap_gen (a) VALUES (3)")
        assert one(b, "SELECT b, c FROM it_cap_gen") == {"b": 6, "c": 4}
    finally:
        b.execute("DROP TABLE IF EXISTS it_cap_gen")


def _invisible(b) -> None:
    b.execute(f"ALTER TABLE {T} ADD COLUMN hidden INT INVISIBLE DEFAULT 7")
    b.execute(f"INSERT INTO {T} VALUES (1, 1)")  # the invisible column takes no value
    assert one(b, f"SELECT * FROM {T}") == {"id": 1, "v": 1}
    assert one(b, f"SELECT hidden FROM {T}")["hidden"] == 7


def _vector(b) -> None:
    to_vector = "VEC_FromText" if b.dialect.name == "MariaDB" else "STRING_TO_VECTOR"
    b.execute(f"ALTER TABLE {T} ADD COLUMN emb VECTOR(2)")
    b.execute(f"INSERT INTO {T} (id, v, emb) VALUES (1, 1, {to_vector}('[1,2]'))")


PROOFS: dict[str, Callable] = {
    "cte": lambda b: (
        one(b, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT SUM(i) AS s FROM n")[
            "s"
        ]
        == 6
    ),
    "window_functions": lambda b: one(b, "SELECT ROW_NUMBER() OVER (ORDER BY 1) AS r")["r"] == 1,
    "lateral_join": lambda b: b.fetch_all(f"SELECT x.v FROM {T} t, LATERAL (SELECT t.v AS v) AS x"),
    "json_table": lambda b: (
        one(b, "SELECT j.a FROM JSON_TABLE('[{\"a\":5}]', '$[*]' COLUMNS (a INT PATH '$.a')) j")["a"] == 5
    ),
    "json_arrow": lambda b: one(b, "SELECT CAST('{\"a\":1}' AS JSON)->>'$.a' AS a")["a"] == "1",
    "returning_insert": _returning_insert,
    "returning_delete": _returning_delete,
    "skip_locked": _locking("FOR UPDATE SKIP LOCKED"),
    "nowait": _locking("FOR UPDATE NOWAIT"),
    "for_update_of": _locking(f"FOR UPDATE OF {T}"),
    "for_share": _locking("FOR SHARE"),
    "intersect_except": lambda b: one(b, "SELECT 1 AS x INTERSECT SELECT 1 EXCEPT SELECT 2")["x"] == 1,
    "intersect_except_all": lambda b: (
        [r["x"] for r in b.fetch_all("SELECT 1 AS x UNION ALL SELECT 1 EXCEPT ALL SELECT 1")] == [1]
    ),
    "invisible_columns": _invisible,
    "vector_type": _vector,
    "vector_index": _index(f"ALTER TABLE {T} ADD COLUMN emb VECTOR(3) NOT NULL, ADD VECTOR INDEX (emb)"),
    "check_constraints": _check,
    "expression_default": _index(f"ALTER TABLE {T} ADD COLUMN stamp VARCHAR(40) DEFAULT (CONCAT('a', 'b'))"),
    "upsert_row_alias": _upsert,
    "explain_analyze": lambda b: b.fetch_all(b.dialect.explain_sql(f"SELECT * FROM {T}", analyze=True)),
    "explain_json": lambda b: b.fetch_all(b.dialect.explain_sql(f"SELECT * FROM {T}", fmt="JSON")),
    "explain_tree": lambda b: b.fetch_all(b.dialect.explain_sql(f"SELECT * FROM {T}", fmt="TREE")),
    "functional_index": _index(f"CREATE INDEX it_cap_fx ON {T} ((v + 1))"),
    "descending_index": _index(f"CREATE INDEX it_cap_desc ON {T} (v DESC)"),
    "sequences": _sequence,
    "system_versioning": _system_versioning,
    "optimizer_hints": lambda b: one(b, "SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1 AS x")["x"] == 1,
    "generated_columns": _generated,
    "if_not_exists_index": _index(f"CREATE INDEX IF NOT EXISTS it_cap_ine ON {T} (v)"),
    "add_column_if_not_exists": _index(f"ALTER TABLE {T} ADD COLUMN IF NOT EXISTS extra INT"),
    "drop_constraint_if_exists": _index(f"ALTER TABLE {T} DROP CONSTRAINT IF EXISTS nope"),
    "read_only_transaction": _read_only,
    "max_execution_time": lambda b: b.execute("SET SESSION max_execution_time = 1000"),
    "max_statement_time": lambda b: b.execute("SET SESSION max_statement_time = 1"),
    "json_type": lambda b: b.execute(f"ALTER TABLE {T} ADD COLUMN doc JSON"),
    "table_tablespace": lambda b: b.execute(f"ALTER TABLE {T} TABLESPACE innodb_system"),
}


def test_every_capability_has_a_live_proof():
    assert set(PROOFS) == set(CAPABILITIES.names())


@pytest.fixture
def table(backend):
    backend.execute(f"DROP TABLE IF EXISTS {T}")
    backend.execute(f"CREATE TABLE {T} (id INT PRIMARY KEY, v INT) ENGINE=InnoDB")
    yield T
    backend.execute(f"DROP TABLE IF EXISTS {T}")


@pytest.mark.parametrize("name", CAPABILITIES.names())
def test_capability_claim_holds(backend, table, name):
    server = backend.server_info
    if CAPABILITIES.supports(server, name):
        result = PROOFS[name](backend)
        assert result is not False
    else:
        with pytest.raises(UnsupportedCapabilityError, match=name) as info:
            CAPABILITIES.require(server, name)
        assert server.flavour in str(info.value)


def test_unsupported_rendering_paths_refuse(backend):
    """What the dialect would render for a missing feature raises, naming the feature and the server."""
    from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
    from rhosocial.activerecord.backend.expression import Column, TableExpression
    from rhosocial.activerecord.backend.expression.query_parts import ForUpdateClause
    from rhosocial.activerecord.backend.expression.statements import QueryExpression

    d = backend.dialect
    if not d.capable("for_update_of"):
        lock = ForUpdateClause(d, of_columns=[T])
        q = QueryExpression(d, [Column(d, "id")], from_=TableExpression(d, T), for_update=lock)
        with pytest.raises(UnsupportedFeatureError, match="for_update_of"):
            q.to_sql()
    if not d.capable("explain_tree"):
        assert not d.supports_explain_format("TREE")
    assert d.supports_lateral_join() == d.capable("lateral_join")
    assert d.supports_returning_update() is False
