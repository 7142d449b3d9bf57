"""Config -> oracledb arguments: every field reaches the driver, bad values and unknown options fail."""

from __future__ import annotations

import dataclasses

import oracledb
import oracledb.errors as driver_errors
import pytest

from rhosocial.activerecord.backend.impl.oracle.backend import common
from rhosocial.activerecord.backend.impl.oracle.config import (
    ORACLE_ARGS,
    OracleConnectionConfig,
    connect_kwargs,
    pool_kwargs,
    validate_dsn,
)
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

FULL = {
    "host": "db.example.com",
    "port": 2484,
    "service_name": "FREEPDB1",
    "username": "app",
    "password": "s3cret",
    "protocol": "tcps",
    "wallet_location": "/wallet",
    "wallet_password": "w4llet",
    "ssl_server_dn_match": True,
    "ssl_server_cert_dn": "CN=db.example.com",
    "config_dir": "/tns",
    "tcp_connect_timeout": 5,
    "stmtcachesize": 40,
    "edition": "E1",
    "program": "tests",
    "drcp": True,
    "cclass": "APP",
    "purity": "self",
    "options": {"expire_time": 2, "retry_count": 3, "retry_delay": 1, "sdu": 8192, "use_sni": True},
}


def test_every_field_is_mapped():
    assert ORACLE_ARGS.unmapped(OracleConnectionConfig) == []


def test_every_field_reaches_the_driver():
    kwargs = connect_kwargs(OracleConnectionConfig(**FULL))
    assert kwargs == {
        "host": "db.example.com",
        "port": 2484,
        "service_name": "FREEPDB1",
        "user": "app",
        "password": "s3cret",
        "protocol": "tcps",
        "wallet_location": "/wallet",
        "wallet_password": "w4llet",
        "ssl_server_dn_match": True,
        "ssl_server_cert_dn": "CN=db.example.com",
        "config_dir": "/tns",
        "tcp_connect_timeout": 5.0,
        "stmtcachesize": 40,
        "edition": "E1",
        "program": "tests",
        "server_type": "pooled",
        "cclass": "APP",
        "purity": oracledb.PURITY_SELF,
        "expire_time": 2,
        "retry_count": 3,
        "retry_delay": 1,
        "sdu": 8192,
        "use_sni": True,
    }
    # The driver itself accepts every argument we build.
    oracledb.ConnectParams(**{k: v for k, v in kwargs.items()})


def test_pool_arguments_are_accepted_by_the_driver():
    kwargs = pool_kwargs(OracleConnectionConfig(pool=True, pool_min=2, pool_max=9, pool_increment=3, **FULL))
    assert (kwargs["min"], kwargs["max"], kwargs["increment"]) == (2, 9, 3)
    oracledb.PoolParams(**kwargs)


def test_backend_only_fields_are_consumed_by_the_backend(server):
    from rhosocial.activerecord.backend.impl.oracle import OracleBackend

    b = OracleBackend(
        OracleConnectionConfig(
            host="h", service_name="S", arraysize=11, prefetchrows=3, call_timeout_ms=99, time_zone="Europe/Paris"
        )
    )
    b.connect()
    assert b._connection.call_timeout == 99
    cursor = b._get_cursor()
    assert (cursor.arraysize, cursor.prefetchrows) == (11, 3)
    assert "TIME_ZONE = 'Europe/Paris'" in server.statements[0]


def test_unknown_option_fails_naming_it():
    with pytest.raises(ConfigurationError, match="'bogus'"):
        connect_kwargs(OracleConnectionConfig(host="h", service_name="S", options={"bogus": 1}))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("port", 0),
        ("protocol", "udp"),
        ("stmtcachesize", -1),
        ("ssl_server_dn_match", "yes"),
        ("purity", "dirty"),
        ("tcp_connect_timeout", -5),
    ],
)
def test_bad_values_fail_naming_the_field(field, value):
    config = OracleConnectionConfig(host="h", service_name="S", **{field: value})
    with pytest.raises(ConfigurationError, match=field):
        connect_kwargs(config)


def test_dsn_forms():
    kwargs = connect_kwargs(
        OracleConnectionConfig(dsn="tcps://db:2484/PDB?ssl_server_dn_match=true", username="u", port=1)
    )
    assert kwargs["dsn"].startswith("tcps://")
    assert "host" not in kwargs
    assert "port" not in kwargs
    connect_kwargs(OracleConnectionConfig(dsn="db.example.com:1521/FREEPDB1"))
    connect_kwargs(
        OracleConnectionConfig(
            dsn="(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=S)))"
        )
    )
    connect_kwargs(OracleConnectionConfig(dsn="MYALIAS"))  # tnsnames alias: resolved at connect


@pytest.mark.parametrize("dsn", ["db:notaport/SVC", "(DESCRIPTION=(ADDRESS=", "  "])
def test_invalid_dsn_fails_before_io(dsn):
    with pytest.raises(ConfigurationError, match="dsn"):
        connect_kwargs(OracleConnectionConfig(dsn=dsn))


def test_dsn_validation_uses_config_dir(tmp_path):
    (tmp_path / "tnsnames.ora").write_text(
        "MYDB = (DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=S)))\n"
    )
    validate_dsn("h:1521/S", str(tmp_path))


def test_sid_and_service_alternatives():
    assert connect_kwargs(OracleConnectionConfig(host="h", sid="ORCL"))["sid"] == "ORCL"
    assert "service_name" not in connect_kwargs(OracleConnectionConfig(host="h", sid="ORCL"))
    assert connect_kwargs(OracleConnectionConfig(host="h", database="PDB"))["service_name"] == "PDB"
    with pytest.raises(ConfigurationError, match="service_name and sid"):
        OracleConnectionConfig(host="h", sid="A", service_name="B")
    with pytest.raises(ConfigurationError, match="no database"):
        connect_kwargs(OracleConnectionConfig(host="h"))
    with pytest.raises(ConfigurationError, match="pool_min"):
        OracleConnectionConfig(host="h", service_name="S", pool_min=5, pool_max=2)


def test_secrets_are_redacted():
    config = OracleConnectionConfig(**FULL)
    text = repr(config)
    assert "s3cret" not in text
    assert "w4llet" not in text
    assert "s3cret" not in str(ORACLE_ARGS.describe(config))
    assert dataclasses.is_dataclass(config)


def test_time_zone_is_validated():
    with pytest.raises(ConfigurationError, match="time_zone"):
        common.session_setup_sql(OracleConnectionConfig(host="h", service_name="S", time_zone="x' or '1"))
    statements = common.session_setup_sql(OracleConnectionConfig(host="h", service_name="S", time_zone=None))
    assert not any("TIME_ZONE =" in s for s in statements)


def test_thick_mode_is_opt_in(monkeypatch):
    calls = []
    monkeypatch.setattr(oracledb, "init_oracle_client", lambda **kw: calls.append(kw))
    monkeypatch.setattr(common, "_thick_initialised", False)
    common.ensure_driver_mode(OracleConnectionConfig(host="h", service_name="S"))
    assert calls == []
    config = OracleConnectionConfig(host="h", service_name="S", thick_mode=True, lib_dir="/opt/ic")
    common.ensure_driver_mode(config)
    common.ensure_driver_mode(config)
    assert calls == [{"lib_dir": "/opt/ic"}]


def test_thick_mode_failure_is_a_configuration_error(monkeypatch):
    def fail(**kw):
        raise driver_errors._create_exception(driver_errors.ERR_INVALID_CONNECT_PARAMS)

    monkeypatch.setattr(oracledb, "init_oracle_client", fail)
    monkeypatch.setattr(common, "_thick_initialised", False)
    with pytest.raises(ConfigurationError, match="thick_mode"):
        common.ensure_driver_mode(OracleConnectionConfig(host="h", service_name="S", thick_mode=True))
