"""One public surface on every backend: from_url(), server_info, config errors that name their field."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from demo import backend_and_config  # noqa: E402

from rhosocial.activerecord.backend.impl.mysql import MySQLConnectionConfig  # noqa: E402
from rhosocial.activerecord.backend.impl.oracle import OracleConnectionConfig  # noqa: E402
from rhosocial.activerecord.backend.impl.postgres import PostgresConnectionConfig  # noqa: E402
from rhosocial.activerecord.backend.impl.postgres.config import connect_kwargs  # noqa: E402
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError  # noqa: E402
from rhosocial.activerecord.backend.toolkit.testing.servers import no_server_reason, servers_for  # noqa: E402


@pytest.mark.parametrize(
    ("config_type", "url", "expected"),
    [
        (
            PostgresConnectionConfig,
            "postgresql://app:s%40cret@db.example:5433/shop?sslmode=require&connect_timeout=5",
            {
                "host": "db.example",
                "port": 5433,
                "username": "app",
                "password": "s@cret",
                "database": "shop",
                "sslmode": "require",
                "connect_timeout": 5.0,
            },
        ),
        (PostgresConnectionConfig, "postgres://u@h/d", {"host": "h", "username": "u", "database": "d"}),
        (
            MySQLConnectionConfig,
            "mysql://app:pw@127.0.0.1:3307/shop?charset=utf8mb4&ssl_verify_cert=true",
            {"port": 3307, "database": "shop", "charset": "utf8mb4", "ssl_verify_cert": True},
        ),
        (MySQLConnectionConfig, "mariadb://app@127.0.0.1/shop", {"database": "shop", "port": 3306}),
        (
            OracleConnectionConfig,
            "oracle://app:pw@db:1521/FREEPDB1?arraysize=500",
            {"host": "db", "port": 1521, "service_name": "FREEPDB1", "arraysize": 500},
        ),
    ],
)
def test_from_url_on_every_config(config_type: type, url: str, expected: dict[str, Any]) -> None:
    config = config_type.from_url(url)
    assert isinstance(config, config_type)
    assert {name: getattr(config, name) for name in expected} == expected


def test_from_url_keyword_overrides_win_and_mistakes_name_what_is_wrong() -> None:
    assert PostgresConnectionConfig.from_url("postgresql://u@h/d", database="other").database == "other"
    with pytest.raises(ConfigurationError, match=r"scheme 'mysql': expected one of postgresql, postgres"):
        PostgresConnectionConfig.from_url("mysql://u@h/d")
    with pytest.raises(ConfigurationError, match=r"'sslmod' is not a field of PostgresConnectionConfig"):
        PostgresConnectionConfig.from_url("postgresql://u@h/d?sslmod=require")
    with pytest.raises(ConfigurationError, match=r"connect_timeout='soon'"):
        MySQLConnectionConfig.from_url("mysql://u@h/d?connect_timeout=soon")


@pytest.mark.parametrize("field", ["statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout"])
def test_a_bad_timeout_names_its_field(field: str) -> None:
    with pytest.raises(ConfigurationError, match=rf"invalid value 'soon' for {field}"):
        connect_kwargs(PostgresConnectionConfig(**{field: "soon"}))
    assert "250ms" in connect_kwargs(PostgresConnectionConfig(**{field: "250ms"}))["options"]
    assert "5000ms" in connect_kwargs(PostgresConnectionConfig(**{field: 5}))["options"]


def test_pooling_without_the_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from rhosocial.activerecord.backend.impl.postgres.backend import pool

    monkeypatch.setitem(sys.modules, "psycopg_pool", None)  # what an import sees when it is not installed
    with pytest.raises(
        ConfigurationError, match=r"pool_max_size needs psycopg_pool.*rhosocial-activerecord-postgres\[pool\]"
    ):
        pool.sync_pool(PostgresConnectionConfig(pool_max_size=2), {"host": "nowhere"})


def _live() -> list[Any]:
    params = []
    for backend in ("postgres", "mysql"):
        servers = servers_for(backend, tls=False)
        if servers:
            params.append(pytest.param((backend, servers[0]), id=f"{backend}-{servers[0].name}"))
        else:
            params.append(
                pytest.param((backend, None), id=backend, marks=pytest.mark.skip(reason=no_server_reason(backend)))
            )
    return params


@pytest.mark.parametrize("target", _live())
def test_server_info_is_the_same_name_everywhere(target: tuple[str, Any]) -> None:
    backend_name, server = target
    backend_cls, config = backend_and_config(backend_name, server)
    backend = backend_cls(connection_config=config)
    assert backend.server_info is None  # before the first connect
    backend.connect()
    try:
        info = backend.server_info
        assert info is not None
        assert info.version[:2] == tuple(int(p) for p in server.version.split(".")[:2])
        if hasattr(type(backend), "server"):  # an older name still works, and says it is old
            with pytest.warns(DeprecationWarning, match="use .server_info"):
                assert backend.server is info
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert backend.server_info is info
    finally:
        backend.disconnect()


def test_oracle_server_info_is_none_before_connect() -> None:
    from rhosocial.activerecord.backend.impl.oracle import OracleBackend

    backend = OracleBackend(connection_config=OracleConnectionConfig(host="db", service_name="X"))
    assert backend.server_info is None


@pytest.mark.parametrize(
    ("config_type", "field", "value"),
    [
        (PostgresConnectionConfig, "statement_timeout", "soon"),
        (PostgresConnectionConfig, "pool_timeout", "later"),
        (MySQLConnectionConfig, "statement_timeout", "soon"),
        (MySQLConnectionConfig, "pool_size", "many"),
        (OracleConnectionConfig, "call_timeout_ms", "soon"),
        (OracleConnectionConfig, "pool_max", "x"),
    ],
)
def test_every_backend_names_the_bad_field_when_the_config_is_built(config_type: type, field: str, value: Any) -> None:
    with pytest.raises(ConfigurationError, match=rf"invalid value {value!r} for {field}: "):
        config_type(**{field: value})
