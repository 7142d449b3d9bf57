"""Config fields -> psycopg connect arguments: every field reaches the driver, unknown options fail."""

from __future__ import annotations

import dataclasses

import pytest

from rhosocial.activerecord.backend.impl.postgres.config import (
    CONNECT_ARGS,
    PostgresConnectionConfig,
    connect_kwargs,
)
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

FULL = dict(
    host="db.example",
    port=6543,
    database="app",
    username="alice",
    password="s3cret",
    sslmode="verify-full",
    sslrootcert="/ca.pem",
    sslcert="/client.pem",
    sslkey="/client.key",
    sslpassword="keypass",
    connect_timeout=2.5,
    application_name="unit",
    search_path="app, public",
    statement_timeout=1.5,
    lock_timeout="250ms",
    idle_in_transaction_session_timeout=10,
    timezone="Europe/Berlin",
    client_encoding="UTF8",
    target_session_attrs="read-write",
    pool_min_size=1,
    pool_max_size=3,
    pool_timeout=4,
    fetch_batch_size=500,
    prepare_threshold=None,
)


def test_every_field_is_declared():
    assert CONNECT_ARGS.unmapped(PostgresConnectionConfig) == []


def test_every_driver_field_reaches_connect_kwargs():
    kwargs = connect_kwargs(PostgresConnectionConfig(**FULL))
    assert kwargs["host"] == "db.example"
    assert kwargs["port"] == 6543
    assert kwargs["dbname"] == "app"
    assert kwargs["user"] == "alice"
    assert kwargs["password"] == "s3cret"
    for tls in ("sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword"):
        assert kwargs[tls] == FULL[tls]
    assert kwargs["connect_timeout"] == 2  # whole seconds for libpq
    assert kwargs["application_name"] == "unit"
    assert kwargs["client_encoding"] == "UTF8"
    assert kwargs["target_session_attrs"] == "read-write"
    options = kwargs["options"]
    assert "-c search_path=app,\\ public" in options
    assert "-c statement_timeout=1500ms" in options
    assert "-c lock_timeout=250ms" in options
    assert "-c idle_in_transaction_session_timeout=10000ms" in options
    assert "-c TimeZone=Europe/Berlin" in options


def test_backend_consumed_fields_are_declared_with_a_note():
    consumed = [a for a in CONNECT_ARGS.args.values() if a.arg is None]
    assert {a.field for a in consumed} >= {"pool_max_size", "fetch_batch_size", "statement_timeout"}
    assert all(a.note for a in consumed)


def test_known_options_pass_through():
    config = PostgresConnectionConfig(options={"keepalives_idle": "30", "channel_binding": "require"})
    kwargs = connect_kwargs(config)
    assert kwargs["keepalives_idle"] == 30
    assert kwargs["channel_binding"] == "require"


def test_unknown_option_fails_naming_it():
    with pytest.raises(ConfigurationError, match="'sslmdoe'"):
        connect_kwargs(PostgresConnectionConfig(options={"sslmdoe": "require"}))


def test_unknown_keyword_fails_at_construction():
    with pytest.raises(TypeError):
        PostgresConnectionConfig(hots="x")  # type: ignore[call-arg]


@pytest.mark.parametrize(("field", "value"), [("sslmode", "verify"), ("connect_timeout", -1), ("statement_timeout", 0)])
def test_bad_values_fail_naming_the_field(field, value):
    with pytest.raises((ConfigurationError, ValueError), match=field if field != "statement_timeout" else "positive"):
        connect_kwargs(PostgresConnectionConfig(**{field: value}))


def test_password_never_in_repr():
    config = PostgresConnectionConfig(password="s3cret", sslpassword="keypass", options={"passfile": "/p"})
    text = repr(config)
    assert "s3cret" not in text
    assert "keypass" not in text
    assert "***" in text


def test_describe_masks_password():
    described = CONNECT_ARGS.describe(PostgresConnectionConfig(password="s3cret"))
    assert described["password"] == "***"


def test_clone_keeps_options_strict_and_fields():
    config = PostgresConnectionConfig(database="a", options={"keepalives": 1})
    copy = config.clone(database="b")
    assert copy.database == "b"
    assert copy.options == {"keepalives": 1}


def test_username_and_user_alias():
    assert PostgresConnectionConfig(user="bob").username == "bob"


def test_is_a_dataclass_of_the_core_config():
    from rhosocial.activerecord.backend.config import ConnectionConfig

    assert dataclasses.is_dataclass(PostgresConnectionConfig)
    assert issubclass(PostgresConnectionConfig, ConnectionConfig)


def test_several_hosts_become_libpq_lists():
    config = PostgresConnectionConfig(host=["a", "b"], port=[5432, 5433], target_session_attrs="prefer-standby")
    kwargs = connect_kwargs(config)
    assert (kwargs["host"], kwargs["port"], kwargs["target_session_attrs"]) == ("a,b", "5432,5433", "prefer-standby")
    assert connect_kwargs(PostgresConnectionConfig(host="a, b", port="5432"))["host"] == "a,b"


@pytest.mark.parametrize(
    ("field", "value"), [("target_session_attrs", "writable"), ("load_balance_hosts", "yes"), ("port", [5432, 0])]
)
def test_bad_multi_host_options_are_refused(field, value):
    with pytest.raises(ConfigurationError, match=field):
        PostgresConnectionConfig(**{field: value})


def test_options_newer_than_the_linked_libpq_are_refused():
    from rhosocial.activerecord.backend.impl.postgres.config import check_libpq

    with pytest.raises(ConfigurationError, match=r"load_balance_hosts='random' needs libpq 16 .* libpq 15"):
        check_libpq(PostgresConnectionConfig(load_balance_hosts="random"), 150004)
    with pytest.raises(ConfigurationError, match="target_session_attrs='standby' needs libpq 14"):
        check_libpq(PostgresConnectionConfig(target_session_attrs="standby"), 130000)
    check_libpq(PostgresConnectionConfig(target_session_attrs="read-write"), 100000)


def test_transaction_pooling_keeps_no_session_state():
    config = PostgresConnectionConfig(transaction_pooling=True, timezone=None)
    assert config.prepare_threshold is None
    with pytest.raises(ConfigurationError, match="prepare_threshold cannot be used"):
        PostgresConnectionConfig(transaction_pooling=True, prepare_threshold=0)


def test_transaction_pooling_sends_settings_per_transaction_not_at_connect():
    pooled = PostgresConnectionConfig(transaction_pooling=True, timezone="Asia/Tokyo", search_path="app, public")
    assert "options" not in connect_kwargs(pooled)  # PgBouncer refuses the startup parameter
    assert pooled.server_settings() == {"search_path": "app, public", "TimeZone": "Asia/Tokyo"}
    plain = pooled.clone(transaction_pooling=False)
    assert "-c TimeZone=Asia/Tokyo" in connect_kwargs(plain)["options"]
