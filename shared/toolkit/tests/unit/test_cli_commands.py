"""The shared command line's server-side commands (info, query, --server-version, --set) on a stand-in
backend that records what it was asked; pure command-line logic (the live runs are tests/test_cli_live.py)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Any, Optional

import pytest

from rhosocial.activerecord.backend.config import ConnectionConfig
from rhosocial.activerecord.backend.schema import StatementType
from rhosocial.activerecord.backend.toolkit.cli import Adapter, run
from rhosocial.activerecord.backend.toolkit.cli.main import _query_options
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo
from rhosocial.activerecord.backend.toolkit.urls import config_from_url


@dataclass
class FakeConfig(ConnectionConfig):
    connect_timeout: Optional[float] = None

    @classmethod
    def from_url(cls, url: str, **overrides: Any) -> FakeConfig:
        return config_from_url(cls, url, ("fake",), **overrides)


class FakeDialect:
    pass


class FakeBackend:
    executed: list[tuple[str, Any]] = []

    def __init__(self, connection_config: FakeConfig) -> None:
        self.config = connection_config
        self.logger: Any = None
        self.dialect = FakeDialect()
        self.server_info = ServerInfo("fake", "fake", (1, 2, 3), "Fake 1.2.3", settings={"tz": "UTC"})

    def connect(self) -> None:
        pass

    def disconnect(self) -> None:
        raise RuntimeError("a failing disconnect never hides the command's result")

    def execute(self, sql: str, options: Any = None) -> Any:
        FakeBackend.executed.append((sql, options))
        if options.process_result_set:
            return SimpleNamespace(data=[{"n": 1}], affected_rows=-1)
        return SimpleNamespace(data=None, affected_rows=3)


def _connect_args(config: FakeConfig) -> dict[str, Any]:
    return {"host": config.host, "password": config.password, "timeout": config.connect_timeout}


ADAPTER = Adapter(
    name="fake",
    config_type=FakeConfig,
    backend_type=FakeBackend,
    url_schemes=("fake",),
    password_env="FAKE_PASSWORD",
    connect_args=_connect_args,
    capabilities=lambda backend: {},
    tables=lambda backend: [],
    columns=lambda backend, table: [],
    explain=lambda backend, sql, analyze: [],
    status=lambda backend: {},
    defaults={"host": "127.0.0.1"},
    offline_capabilities=lambda version: {"merge": None if version >= "15" else f"needs 15, not {version}"},
)


def cli(*argv: str, adapter: Adapter = ADAPTER) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(adapter, list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_info_shows_the_probed_server_and_masked_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_PASSWORD", "hunter2")
    code, out, err = cli("info", "-f", "json", "--set", "connect_timeout=2.5")
    assert (code, err) == (0, "")
    info = json.loads(out)
    assert info["server"] == ServerInfo("fake", "fake", (1, 2, 3)).describe()
    assert (info["version_string"], info["dialect"], info["setting.tz"]) == ("Fake 1.2.3", "FakeDialect", "UTC")
    assert (info["connect.password"], info["connect.timeout"]) == ("***", 2.5)


def test_query_returns_rows_or_the_affected_count() -> None:
    FakeBackend.executed.clear()
    assert json.loads(cli("query", "SELECT 1", "-f", "json")[1]) == [{"n": 1}]
    assert json.loads(cli("query", "UPDATE t SET a = 1", "-f", "json")[1]) == {"affected_rows": 3}
    assert [sql for sql, _ in FakeBackend.executed] == ["SELECT 1", "UPDATE t SET a = 1"]


@pytest.mark.parametrize(
    ("sql", "rows"),
    [
        ("SELECT 1", True),
        ("  (select 1)", True),
        ("with x as (select 1) select * from x", True),
        ("DELETE FROM t RETURNING id", True),
        ("INSERT INTO t VALUES (1)", False),
        ("", False),
    ],
)
def test_query_options_say_whether_rows_come_back(sql: str, rows: bool) -> None:
    options = _query_options(sql)
    assert options.process_result_set is rows
    assert options.stmt_type == (StatementType.DQL if rows else StatementType.DML)


def test_capabilities_for_a_version_without_connecting() -> None:
    code, out, _ = cli("capabilities", "--server-version", "14", "-f", "csv")
    assert (code, out.splitlines()) == (0, ["capability,supported,reason", 'merge,no,"needs 15, not 14"'])
    no_offline = replace(ADAPTER, offline_capabilities=None)
    code, out, err = cli("capabilities", "--server-version", "14", adapter=no_offline)
    assert (code, out) == (1, "")
    assert err == "error: fake: --server-version is not supported; connect instead\n"


def test_set_needs_field_equals_value() -> None:
    assert (
        cli("connect-args", "--set", "connect_timeout")[2] == "error: --set 'connect_timeout': expected FIELD=VALUE\n"
    )
    code, _, err = cli("connect-args", "--set", "connect_timeout=soon")
    assert code == 1
    assert "connect_timeout='soon'" in err


def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    dup2: list[tuple[int, int]] = []
    monkeypatch.setattr("os.dup2", lambda fd, fd2: dup2.append((fd, fd2)))
    monkeypatch.setattr("sys.stdout", SimpleNamespace(fileno=lambda: 99))
    assert run(ADAPTER, ["connect-args"], stdout=ClosedPipe(), stderr=io.StringIO()) == 0
    assert dup2
    assert dup2[0][1] == 99
