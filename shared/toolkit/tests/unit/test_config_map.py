"""ConnectArgMap: config fields and options to driver arguments, loud on unknown options, secrets masked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import pytest

from rhosocial.activerecord.backend.toolkit.config_map import (
    MASK,
    ConnectArgMap,
    DriverArg,
    RedactedReprMixin,
    is_secret,
    one_of,
    positive_number,
    redact,
)
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError


@dataclass(repr=False)
class ExampleConfig(RedactedReprMixin):
    host: str = "db.example"
    port: Any = 5432
    username: str = "app"
    password: Optional[str] = "s3cret-pw"
    sslmode: Optional[str] = None
    connect_timeout: Any = None
    pool_size: int = 5
    options: dict[str, Any] = field(default_factory=dict)
    internal_token: str = field(default="never-shown", repr=False)


ARGS = [
    DriverArg("host", "host"),
    DriverArg("port", "port", int),
    DriverArg("username", "user"),
    DriverArg("password", "password"),
    DriverArg("sslmode", "sslmode", one_of("disable", "require", "verify-full")),
    DriverArg("connect_timeout", "connect_timeout", positive_number),
    DriverArg("pool_size", None, note="backend pool"),
    DriverArg("internal_token", None),
]
OPTIONS = [
    DriverArg("application_name", "application_name", str),
    DriverArg("sslpassword", "sslpassword"),
    DriverArg("keepalives", "keepalives", lambda v: None if v is False else int(v)),
]
MAP = ConnectArgMap("psycopg", ARGS, options=OPTIONS, inherited=("options",))


def test_build_maps_fields_to_driver_arguments():
    config = ExampleConfig(port="6432", sslmode="require", connect_timeout="2.5")

    assert MAP.build(config) == {
        "host": "db.example",
        "port": 6432,  # converted
        "user": "app",
        "password": "s3cret-pw",
        "sslmode": "require",
        "connect_timeout": 2.5,
    }


def test_build_leaves_out_none_values_and_backend_only_fields():
    config = ExampleConfig(password=None)
    kwargs = MAP.build(config)
    assert "password" not in kwargs
    assert "sslmode" not in kwargs
    assert "pool_size" not in kwargs
    assert 5 not in kwargs.values()


def test_known_options_are_passed_and_converted():
    config = ExampleConfig(options={"application_name": 42, "keepalives": True})
    kwargs = MAP.build(config)
    assert kwargs["application_name"] == "42"
    assert kwargs["keepalives"] == 1


def test_a_converter_returning_none_drops_the_argument():
    assert "keepalives" not in MAP.build(ExampleConfig(options={"keepalives": False}))


def test_unknown_options_fail_naming_the_keys_and_the_known_ones():
    config = ExampleConfig(options={"aplication_name": "x", "zz_bogus": 1, "application_name": "ok"})

    with pytest.raises(ConfigurationError) as info:
        MAP.build(config)

    message = str(info.value)
    assert "unknown psycopg option(s) 'aplication_name', 'zz_bogus' in ExampleConfig.options" in message
    assert "known options: application_name, keepalives, sslpassword" in message
    assert isinstance(info.value, ValueError)  # ConfigurationError is also a ValueError


def test_unknown_option_with_no_options_declared():
    bare = ConnectArgMap("mysql.connector", [DriverArg("host", "host")])
    with pytest.raises(ConfigurationError, match=r"unknown mysql\.connector option\(s\) 'x'.*known options: none"):
        bare.build(ExampleConfig(options={"x": 1}))


def test_config_without_options_attribute():
    @dataclass
    class Minimal:
        host: str = "h"

    assert ConnectArgMap("d", [DriverArg("host", "host")]).build(Minimal()) == {"host": "h"}


def test_invalid_value_names_the_field_the_value_and_the_reason():
    with pytest.raises(ConfigurationError) as info:
        MAP.build(ExampleConfig(sslmode="prefer-ish"))
    assert str(info.value) == "invalid value 'prefer-ish' for sslmode: must be one of disable, require, verify-full"

    with pytest.raises(ConfigurationError, match=r"invalid value 'abc' for port: invalid literal for int"):
        MAP.build(ExampleConfig(port="abc"))
    with pytest.raises(ConfigurationError, match=r"invalid value -1 for connect_timeout: must be a positive number"):
        MAP.build(ExampleConfig(connect_timeout=-1))
    with pytest.raises(ConfigurationError, match=r"invalid value \[5432\] for port: int\(\) argument must be"):
        # A TypeError from the converter is reported the same way.
        MAP.build(ExampleConfig(port=[5432]))


def test_invalid_secret_value_is_masked_and_not_echoed_by_the_converter_message():
    # int("s3cret-pw") raises "invalid literal for int() with base 10: 's3cret-pw'": the secret must not leak.
    secret_map = ConnectArgMap("d", [DriverArg("password", "password", int)])

    with pytest.raises(ConfigurationError) as info:
        secret_map.build(ExampleConfig())

    assert "s3cret-pw" not in str(info.value)
    assert str(info.value) == f"invalid value {MASK} for password: ValueError"
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__  # the converter's exception (with the secret) is not shown


def test_secret_option_value_is_masked_in_errors():
    option_map = ConnectArgMap("d", [], options=[DriverArg("wallet_password", "wallet_password", int)])
    with pytest.raises(ConfigurationError) as info:
        option_map.build(ExampleConfig(options={"wallet_password": "w4llet"}))
    assert "w4llet" not in str(info.value)
    assert "wallet_password" in str(info.value)


def test_describe_masks_secrets_but_build_does_not():
    config = ExampleConfig(options={"sslpassword": "key-pass", "application_name": "svc"})

    described = MAP.describe(config)

    assert described["password"] == MASK
    assert described["sslpassword"] == MASK
    assert described["application_name"] == "svc"
    assert described["host"] == "db.example"
    assert MAP.build(config)["password"] == "s3cret-pw"


def test_unmapped_lists_fields_that_reach_no_driver_argument():
    @dataclass
    class Grown(ExampleConfig):
        statement_timeout: Optional[int] = None
        version: Optional[str] = None

    assert MAP.unmapped(ExampleConfig) == []
    assert MAP.unmapped(Grown) == ["statement_timeout", "version"]
    default_inherited = ConnectArgMap("psycopg", ARGS)
    assert default_inherited.unmapped(Grown) == ["statement_timeout"]  # "version" is inherited by default


def test_redacted_repr_masks_secrets_and_option_secrets():
    config = ExampleConfig(options={"sslpassword": "key-pass", "application_name": "svc"})

    text = repr(config)

    assert text.startswith("ExampleConfig(host='db.example', port=5432, username='app', password='***'")
    assert "s3cret-pw" not in text
    assert "key-pass" not in text
    assert "'sslpassword': '***'" in text
    assert "'application_name': 'svc'" in text
    assert "internal_token" not in text  # repr=False fields stay hidden
    assert "password=None" in repr(ExampleConfig(password=None))  # nothing to hide


def test_is_secret_and_redact():
    for name in ("password", "passwd", "ssl_password", "sslpassword", "wallet_password", "token", "proxy_password"):
        assert is_secret(name), name
    for name in ("user", "passwordless", "host", "tokens"):
        assert not is_secret(name), name
    assert redact({"password": "x", "token": None, "user": "u"}) == {"password": MASK, "token": None, "user": "u"}


def test_positive_number_and_one_of():
    assert positive_number("1.5") == 1.5
    assert positive_number(3) == 3.0
    for bad in (0, -2, "0"):
        with pytest.raises(ValueError, match="must be a positive number"):
            positive_number(bad)
    with pytest.raises(ValueError):
        positive_number("soon")
    check = one_of("tcp", "tcps")
    assert check("tcps") == "tcps"
    with pytest.raises(ValueError, match="must be one of tcp, tcps"):
        check("udp")
