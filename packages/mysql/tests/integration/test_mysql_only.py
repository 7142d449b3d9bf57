"""Features only Oracle's MySQL has, proven live when a MySQL server is given.

MySQL cannot run in the local setup; CI provides 8.0, 8.4 and 9.x through RHOSOCIAL_MYSQL_DSN.
"""

from __future__ import annotations

import contextlib

import pytest

from rhosocial.activerecord.backend.toolkit.testing.servers import servers_for

pytestmark = pytest.mark.server

MYSQL_SERVERS = [s for s in servers_for("mysql", tls=False) if s.flavour == "mysql"]
REASON = "needs Oracle's MySQL: set RHOSOCIAL_MYSQL_DSN=mysql://user:pass@host:3306/db (CI does)"


@pytest.fixture(
    params=[pytest.param(s, id=s.name) for s in MYSQL_SERVERS]
    or [pytest.param(None, marks=pytest.mark.skip(reason=REASON))]
)
def mysql_backend(request):
    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend, MySQLConnectionConfig

    s = request.param
    b = MySQLBackend(
        MySQLConnectionConfig(host=s.host, port=s.port, database=s.database, username=s.user, password=s.password)
    )
    b.connect()
    b.execute("DROP TABLE IF EXISTS it_my")
    b.execute("CREATE TABLE it_my (id INT PRIMARY KEY, v INT)")
    yield b
    with contextlib.suppress(Exception):
        b.execute("DROP TABLE IF EXISTS it_my")
        b.disconnect()


def test_dialect_is_mysql(mysql_backend):
    assert type(mysql_backend.dialect).__name__ == "MySQLDialect"


def test_lateral(mysql_backend):
    mysql_backend.execute("INSERT INTO it_my VALUES (1, 2)")
    rows = mysql_backend.fetch_all("SELECT x.w FROM it_my t, LATERAL (SELECT t.v * 2 AS w) AS x")
    assert rows == [{"w": 4}]


def test_upsert_row_alias(mysql_backend):
    b = mysql_backend
    if not b.dialect.uses_upsert_row_alias():
        pytest.skip("row alias needs MySQL >= 8.0.19")
    b.execute("INSERT INTO it_my VALUES (1, 1)")
    b.execute("INSERT INTO it_my VALUES (1, 5) AS `excluded` ON DUPLICATE KEY UPDATE v = `excluded`.v + 10")
    assert b.fetch_one("SELECT v FROM it_my")["v"] == 15


def test_for_update_of_and_explain_tree(mysql_backend):
    b = mysql_backend
    with b.transaction():
        b.fetch_all("SELECT id FROM it_my FOR UPDATE OF it_my SKIP LOCKED")
    assert b.fetch_all(b.dialect.explain_sql("SELECT * FROM it_my", fmt="TREE"))
    assert b.fetch_all(b.dialect.explain_sql("SELECT * FROM it_my", analyze=True))


def test_statement_timeout_is_max_execution_time(mysql_backend):
    from rhosocial.activerecord.backend.toolkit.errors import StatementTimeoutError

    mysql_backend.execute("SET SESSION max_execution_time = 100")
    with pytest.raises(StatementTimeoutError, match="3024"):
        mysql_backend.fetch_one(
            "SELECT COUNT(*) AS c FROM information_schema.columns a "
            "CROSS JOIN information_schema.columns b CROSS JOIN information_schema.columns c"
        )
