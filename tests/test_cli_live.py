"""The one command line against real servers, as a user runs it: ``python -m ...impl.<name> COMMAND``.

Every command on every backend with a server here (the first non-TLS one of each): exit status 0
and nothing on stderr when it works; one ``error:`` line on stderr and exit status 1 when it does
not (a missing table, a failing statement).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from typing import Any

import pytest

from rhosocial.activerecord.backend.toolkit.testing.servers import no_server_reason, servers_for

URL_SCHEME = {"postgres": "postgresql", "mysql": "mysql", "oracle": "oracle"}


def _targets() -> list[Any]:
    params = []
    for backend in ("postgres", "mysql", "oracle"):
        servers = servers_for(backend, tls=False)
        if servers:
            params.append(pytest.param((backend, servers[0]), id=f"{backend}-{servers[0].name}"))
        else:
            params.append(
                pytest.param((backend, None), id=backend, marks=pytest.mark.skip(reason=no_server_reason(backend)))
            )
    return params


@pytest.fixture(params=_targets())
def cli(request: pytest.FixtureRequest) -> Any:
    backend, server = request.param
    url = f"{URL_SCHEME[backend]}://{server.user}:{server.password}@{server.host}:{server.port}/{server.database}"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}

    def call(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", f"rhosocial.activerecord.backend.impl.{backend}", *argv, "--url", url],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )

    call.backend = backend  # type: ignore[attr-defined]
    call.server = server  # type: ignore[attr-defined]
    return call


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return done.stdout


def test_info_and_status(cli: Any) -> None:
    info = json.loads(ok(cli("info", "-f", "json")))
    assert info["server"].split()[1].startswith(cli.server.version.split(".")[0])
    assert info["connect.password"] == "***"
    if cli.backend == "mysql":  # which mysql-connector implementation the session runs on
        assert info["setting.driver_implementation"] in ("c", "python")
    shown = ok(cli("info"))
    assert [line.split() for line in shown.splitlines() if line.startswith("connect.password")] == [
        ["connect.password", "***"]
    ]
    status = json.loads(ok(cli("status", "-f", "json")))
    assert status


def test_query_introspect_explain_and_a_missing_table(cli: Any) -> None:
    table = "hd_cli_live"
    ok(cli("query", f"DROP TABLE IF EXISTS {table}"))
    ok(cli("query", f"CREATE TABLE {table} (id INT PRIMARY KEY, name VARCHAR(20))"))
    try:
        assert "affected_rows  2" in ok(cli("query", f"INSERT INTO {table} VALUES (1, 'a'), (2, 'b')"))
        rows = list(
            csv.DictReader(io.StringIO(ok(cli("query", f"SELECT id, name FROM {table} ORDER BY id", "-f", "csv"))))
        )
        assert rows == [{"id": "1", "name": "a"}, {"id": "2", "name": "b"}]
        table_out = ok(cli("query", f"SELECT id, name FROM {table} ORDER BY id"))
        assert table_out.splitlines()[:2] == ["id  name", "--  ----"]
        assert table in {t["name"] for t in json.loads(ok(cli("introspect", "-f", "json")))}
        columns = json.loads(ok(cli("introspect", table, "-f", "json")))
        assert [c["name"] for c in columns] == ["id", "name"]
        assert ok(cli("explain", f"SELECT * FROM {table} WHERE id = 1"))
    finally:
        ok(cli("query", f"DROP TABLE {table}"))

    missing = cli("introspect", "hd_no_such_table")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == "error: no table 'hd_no_such_table' in this database\n"
    failing = cli("query", "SELECT * FROM hd_no_such_table")
    assert failing.returncode == 1
    assert failing.stdout == ""
    assert len(failing.stderr.splitlines()) == 1  # once, on stderr
    assert failing.stderr.startswith("error: ")


def test_capabilities(cli: Any) -> None:
    rows = json.loads(ok(cli("capabilities", "-f", "json")))
    assert {row["supported"] for row in rows} <= {"yes", "no"}
    assert all(row["reason"] for row in rows if row["supported"] == "no")
