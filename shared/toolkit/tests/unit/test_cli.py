"""The shared command line without a server: parsing, connection options, output formats, exit statuses.

The backend here is a stand-in recording what it was asked (pure command-line logic); the same
commands run against real servers in tests/test_cli_live.py.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any, Optional

import pytest

from rhosocial.activerecord.backend.config import ConnectionConfig
from rhosocial.activerecord.backend.toolkit.cli import Adapter, run
from rhosocial.activerecord.backend.toolkit.cli.main import _parse, config_from
from rhosocial.activerecord.backend.toolkit.cli.output import render
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError
from rhosocial.activerecord.backend.toolkit.urls import config_from_url


@dataclass
class DemoConfig(ConnectionConfig):
    sslmode: Optional[str] = None
    connect_timeout: Optional[float] = None

    @classmethod
    def from_url(cls, url: str, **overrides: Any) -> DemoConfig:
        return config_from_url(cls, url, ("demo",), **overrides)


class DemoBackend:
    def __init__(self, connection_config: DemoConfig) -> None:
        self.config = connection_config
        self.logger: Any = None

    def connect(self) -> None:
        if self.config.host == "down":
            raise ConnectionError("connection refused")

    def disconnect(self) -> None:
        pass


def _connect_args(config: DemoConfig) -> dict[str, Any]:
    if config.sslmode not in (None, "require"):
        raise ConfigurationError(f"invalid value {config.sslmode!r} for sslmode")
    return {"host": config.host, "user": config.username, "password": config.password}


ADAPTER = Adapter(
    name="demo",
    config_type=DemoConfig,
    backend_type=DemoBackend,
    url_schemes=("demo",),
    password_env="DEMO_PASSWORD",
    connect_args=_connect_args,
    capabilities=lambda backend: {"returning": None, "merge": "needs server 15"},
    tables=lambda backend: [{"name": "users", "kind": "table"}],
    columns=lambda backend, table: [{"name": "id", "data_type": "int"}] if table == "users" else [],
    explain=lambda backend, sql, analyze: [{"plan": f"{'analyzed ' if analyze else ''}{sql}"}],
    status=lambda backend: {"uptime": 5},
    defaults={"host": "127.0.0.1", "port": 9},
)


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(ADAPTER, list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_options_go_before_or_after_the_command() -> None:
    before = _parse(ADAPTER, ["--host", "h", "-f", "json", "status"])
    after = _parse(ADAPTER, ["status", "--host", "h", "-f", "json"])
    assert (before.host, before.format, before.port) == (after.host, after.format, after.port) == ("h", "json", 9)


def test_url_flags_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    config = config_from(ADAPTER, _parse(ADAPTER, ["--url", "demo://app:pw@db:7/shop", "--port", "8", "status"]), {})
    assert (config.host, config.port, config.username, config.password, config.database) == (
        "db",
        8,
        "app",
        "pw",
        "shop",
    )
    env = {"DATABASE_URL": "demo://envuser@envhost/envdb", "DEMO_PASSWORD": "unused-with-a-url"}
    assert config_from(ADAPTER, _parse(ADAPTER, ["status"]), env).host == "envhost"
    other = {"DATABASE_URL": "postgresql://x@y/z", "DEMO_PASSWORD": "s3cret"}
    flags = config_from(ADAPTER, _parse(ADAPTER, ["status", "-u", "me", "--set", "connect_timeout=2.5"]), other)
    assert (flags.host, flags.username, flags.password, flags.connect_timeout) == ("127.0.0.1", "me", "s3cret", 2.5)


def test_output_formats() -> None:
    rows = [{"id": 1, "name": "a"}, {"id": 22, "name": None}]
    assert render(rows, "table").splitlines() == ["id  name", "--  ----", "1   a", "22  NULL"]
    assert render(rows, "csv").splitlines() == ["id,name", "1,a", "22,NULL"]
    assert json.loads(render(rows, "json")) == rows
    assert render({"uptime": 5}, "table").splitlines()[2] == "uptime  5"
    assert render([], "table") == "(no rows)"


def test_commands_and_exit_statuses() -> None:
    code, out, err = cli("introspect", "-f", "json")
    assert (code, json.loads(out), err) == (0, [{"name": "users", "kind": "table"}], "")
    code, out, err = cli("introspect", "missing")
    assert (code, out) == (1, "")
    assert err == "error: no table 'missing' in this database\n"
    code, out, _ = cli("capabilities", "-f", "csv")
    assert out.splitlines() == ["capability,supported,reason", "returning,yes,", "merge,no,needs server 15"]
    assert cli("explain", "SELECT 1", "--analyze", "-f", "json")[1].count("analyzed SELECT 1") == 1
    code, out, err = cli("status", "--host", "down")
    assert (code, out, err) == (1, "", "error: connection refused\n")


def test_a_bad_option_fails_before_connecting_and_secrets_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = cli("status", "--set", "sslmode=sometimes")
    assert code == 1
    assert "sslmode" in err
    assert cli("status", "--set", "nosuch=1")[2] == "error: --set nosuch: not a field of DemoConfig\n"
    monkeypatch.setenv("DEMO_PASSWORD", "hunter2")
    code, out, _ = cli("connect-args", "-f", "json")
    assert json.loads(out)["password"] == "***"
    assert "hunter2" not in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(ADAPTER, ["nosuchcommand"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
