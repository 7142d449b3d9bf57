"""Config -> mysql-connector arguments: every field reaches the driver, unknown options fail."""

import dataclasses

import pytest

from rhosocial.activerecord.backend.impl.mysql import MySQLConnectionConfig
from rhosocial.activerecord.backend.impl.mysql.config import CONNECT_ARGS, build_connect_args
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

FULL = MySQLConnectionConfig(
    host="db.example",
    port=3307,
    database="app",
    username="u",
    password="s3cret",
    charset="utf8mb4",
    collation="utf8mb4_bin",
    ssl_ca="/ca.pem",
    ssl_cert="/c.pem",
    ssl_key="/k.pem",
    ssl_verify_cert=True,
    ssl_verify_identity=True,
    connect_timeout=3,
    read_timeout=4.4,
    write_timeout=5,
    time_zone="+02:00",
    sql_mode="ANSI_QUOTES",
    statement_timeout=2.5,
    pool_size=3,
    pool_name="p",
    options={"compress": True, "init_command": "SET @a = 1"},
)


def test_every_field_is_declared():
    assert CONNECT_ARGS.unmapped(MySQLConnectionConfig) == []


def test_every_driver_field_reaches_the_driver():
    args = build_connect_args(FULL)
    assert args["host"] == "db.example"
    assert args["port"] == 3307
    assert args["database"] == "app"
    assert args["user"] == "u"
    assert args["password"] == "s3cret"
    assert args["charset"] == "utf8mb4"
    assert args["collation"] == "utf8mb4_bin"
    assert (args["ssl_ca"], args["ssl_cert"], args["ssl_key"]) == ("/ca.pem", "/c.pem", "/k.pem")
    assert args["ssl_verify_cert"] is True
    assert args["ssl_verify_identity"] is True
    assert args["ssl_disabled"] is False
    assert args["connection_timeout"] == 3
    assert args["read_timeout"] == 4
    assert args["write_timeout"] == 5
    assert args["compress"] is True
    assert args["init_command"] == "SET @a = 1"
    assert args["autocommit"] is True


def test_backend_consumed_fields_are_declared_without_driver_arg():
    consumed = {a.field for a in CONNECT_ARGS.args.values() if a.arg is None}
    # Applied by the backend itself (one SET after the probe, TLS resolution, pooling).
    assert consumed == {
        "ssl_mode",
        "ssl_disabled",
        "ssl_verify_cert",
        "ssl_verify_identity",
        "sql_mode",
        "statement_timeout",
        "pool_size",
        "pool_name",
        "time_zone",
        "autocommit",
        "local_infile_dirs",
        "bulk_load_data",
        "wsrep_sync_wait",
        "require_primary_key",
    }


def test_session_fields_become_one_set_statement():
    from rhosocial.activerecord.backend.impl.mysql.backend.common import session_setup
    from rhosocial.activerecord.backend.impl.mysql.dialect import MariaDBDialect, MySQLDialect

    sql, params = session_setup(FULL, MySQLDialect())
    assert sql.startswith("SET SESSION time_zone = %s")
    assert "CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), %s)" in sql  # appended, strict modes kept
    assert "max_execution_time = %s" in sql
    assert params == ("+02:00", "ANSI_QUOTES", 2500)
    sql, params = session_setup(FULL, MariaDBDialect())
    assert "max_statement_time = %s" in sql
    assert params[-1] == 2.5


def test_unknown_option_fails_naming_it():
    config = MySQLConnectionConfig(options={"bogus": 1})
    with pytest.raises(ConfigurationError, match="bogus"):
        build_connect_args(config)


def test_unknown_keyword_fails_at_construction():
    with pytest.raises(TypeError):
        MySQLConnectionConfig(bogus=1)  # type: ignore[call-arg]


def test_bad_value_names_field_and_hides_password():
    with pytest.raises(ConfigurationError, match="connect_timeout"):
        build_connect_args(dataclasses.replace(FULL, connect_timeout=-1))


def test_password_never_in_repr():
    assert "s3cret" not in repr(FULL)
    assert "***" in repr(FULL)


def test_tls_off_unless_asked():
    # mysql-connector's asyncio client needs TLS explicitly off on servers without TLS.
    assert build_connect_args(MySQLConnectionConfig())["ssl_disabled"] is True
    assert build_connect_args(MySQLConnectionConfig(ssl_ca="/ca.pem"))["ssl_disabled"] is False
    assert build_connect_args(MySQLConnectionConfig(ssl_disabled=False))["ssl_disabled"] is False


def test_unix_socket_drops_port():
    args = build_connect_args(MySQLConnectionConfig(unix_socket="/run/mysqld/mysqld.sock"))
    assert args["unix_socket"] == "/run/mysqld/mysqld.sock"
    assert "port" not in args


def test_defaults_are_utf8mb4():
    config = MySQLConnectionConfig()
    assert config.charset == "utf8mb4"
    assert config.collation.startswith("utf8mb4_")


def test_plain_core_config_is_accepted():
    from rhosocial.activerecord.backend.config import ConnectionConfig
    from rhosocial.activerecord.backend.impl.mysql.backend.common import coerce_config

    config = coerce_config(ConnectionConfig(host="h", port=1, database="d", username="u", password="p"), {})
    assert isinstance(config, MySQLConnectionConfig)
    assert (config.host, config.port, config.database) == ("h", 1, "d")


# -- TLS modes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "mode", "driver"),
    [
        ({}, "disabled", {"ssl_disabled": True}),
        ({"ssl_mode": "preferred"}, "preferred", {"ssl_disabled": False, "ssl_verify_cert": False}),
        ({"ssl_mode": "REQUIRED"}, "required", {"ssl_disabled": False, "ssl_verify_cert": False}),
        ({"ssl_mode": "verify-ca"}, "verify_ca", {"ssl_verify_cert": True, "ssl_verify_identity": False}),
        ({"ssl_mode": "verify_identity"}, "verify_identity", {"ssl_verify_cert": True, "ssl_verify_identity": True}),
        # ssl_ca implies at least verify_ca...
        ({"ssl_ca": "/ca.pem"}, "verify_ca", {"ssl_ca": "/ca.pem", "ssl_verify_cert": True}),
        # ...unless the user asks for less.
        ({"ssl_ca": "/ca.pem", "ssl_mode": "required"}, "required", {"ssl_ca": "/ca.pem", "ssl_verify_cert": False}),
        ({"ssl_ca": "/ca.pem", "ssl_mode": "disabled"}, "disabled", {"ssl_disabled": True}),
        ({"ssl_cert": "/c.pem", "ssl_key": "/k.pem"}, "required", {"ssl_disabled": False, "ssl_verify_cert": False}),
        ({"ssl_disabled": False}, "required", {"ssl_disabled": False}),
        ({"ssl_verify_cert": True}, "verify_ca", {"ssl_verify_cert": True}),
        ({"ssl_verify_identity": True}, "verify_identity", {"ssl_verify_identity": True}),
        ({"ssl_disabled": True, "ssl_ca": "/ca.pem"}, "disabled", {"ssl_disabled": True}),
    ],
)
def test_ssl_mode_resolution_and_driver_arguments(fields, mode, driver):
    config = MySQLConnectionConfig(**fields)
    assert config.resolved_ssl_mode() == mode
    args = build_connect_args(config)
    for key, value in driver.items():
        assert args[key] == value, key
    if mode == "disabled":
        assert not {"ssl_ca", "ssl_cert", "ssl_key"} & set(args)


@pytest.mark.parametrize(
    ("fields", "names"),
    [
        ({"ssl_mode": "sometimes"}, "must be one of disabled, preferred, required, verify_ca, verify_identity"),
        ({"ssl_mode": "required", "ssl_disabled": True}, "contradicts ssl_disabled=True"),
        ({"ssl_mode": "disabled", "ssl_disabled": False}, "contradicts ssl_disabled=False"),
        ({"ssl_mode": "preferred", "ssl_verify_cert": True}, "contradicts ssl_verify_cert=True"),
        ({"ssl_mode": "verify_ca", "ssl_verify_identity": True}, "contradicts ssl_verify_identity=True"),
    ],
)
def test_bad_or_contradictory_tls_options_fail_naming_them(fields, names):
    with pytest.raises(ConfigurationError, match=names):
        build_connect_args(MySQLConnectionConfig(**fields))


def test_no_multi_statements_client_flag():
    from mysql.connector.constants import ClientFlag

    flags = build_connect_args(MySQLConnectionConfig())["client_flags"]
    assert not flags & ClientFlag.MULTI_STATEMENTS
    assert flags & ClientFlag.MULTI_RESULTS  # CALL still returns its result sets


def test_several_hosts_are_tried_in_order():
    from rhosocial.activerecord.backend.impl.mysql.config import connect_candidates

    config = MySQLConnectionConfig(host=["a", "b", "c"], port=[3306, 3307, 3308], user="u")
    assert [(c["host"], c["port"]) for c in connect_candidates(config)] == [("a", 3306), ("b", 3307), ("c", 3308)]
    assert MySQLConnectionConfig(host="a,b", port=3306).servers() == [("a", 3306), ("b", 3306)]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"host": ["a", "b"], "pool_size": 2}, "pool_size cannot be used with several hosts"),
        ({"host": ["a", "b"], "port": [1, 2, 3]}, "3 ports given for 2 hosts"),
        ({"wsrep_sync_wait": 16}, "wsrep_sync_wait"),
    ],
)
def test_bad_cluster_options_are_refused(options, message):
    from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match=message):
        MySQLConnectionConfig(**options)


def test_wsrep_sync_wait_joins_the_session_set():
    from rhosocial.activerecord.backend.impl.mysql.backend.common import session_setup

    sql, params = session_setup(MySQLConnectionConfig(time_zone=None, wsrep_sync_wait=3), None)
    assert sql == "SET SESSION wsrep_sync_wait = %s"
    assert params == (3,)
