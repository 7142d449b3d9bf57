"""PostgreSQL connection configuration and its mapping onto psycopg ``connect()`` arguments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from rhosocial.activerecord.backend.config import ConnectionConfig
from rhosocial.activerecord.backend.toolkit.config_checks import (
    check_fields,
    non_negative_whole,
    positive_whole,
)
from rhosocial.activerecord.backend.toolkit.config_map import (
    ConnectArgMap,
    DriverArg,
    RedactedReprMixin,
    one_of,
    positive_number,
)
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError
from rhosocial.activerecord.backend.toolkit.urls import config_from_url

SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def _seconds(value: Any) -> int:
    # libpq wants whole seconds; 0 would mean "wait forever", which is never what a user meant.
    return max(1, round(positive_number(value)))


# PostgreSQL's duration syntax for time settings: a number and an optional unit.
_DURATION = re.compile(r"^\s*\d+(\.\d+)?\s*(us|ms|s|min|h|d)?\s*$")


def _milliseconds(value: Any) -> str:
    """A timeout in seconds (number) or a PostgreSQL duration string ('5s', '250ms')."""
    if isinstance(value, str):
        if not _DURATION.match(value):
            raise ValueError("must be seconds as a number, or a duration such as '5s', '250ms', '1min'")
        return value.strip()
    return f"{round(positive_number(value) * 1000)}ms"


def _duration_setting(config: Any, name: str) -> Optional[str]:
    value = getattr(config, name)
    if value is None:
        return None
    try:
        return _milliseconds(value)
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(f"invalid value {value!r} for {name}: {exc}") from None


# Values checked when the config is built, each failure naming its field.
_CHECKS = {
    "port": positive_whole,
    "connect_timeout": positive_number,
    "statement_timeout": _milliseconds,
    "lock_timeout": _milliseconds,
    "idle_in_transaction_session_timeout": _milliseconds,
    "pool_min_size": non_negative_whole,
    "pool_max_size": non_negative_whole,  # 0: no pool
    "pool_timeout": positive_number,
    "fetch_batch_size": positive_whole,
    "prepare_threshold": non_negative_whole,
}


@dataclass(repr=False)
class PostgresConnectionConfig(RedactedReprMixin, ConnectionConfig):
    """Everything needed to open a psycopg connection; every field reaches the driver (see ``CONNECT_ARGS``).

    Server settings (``search_path``, ``statement_timeout``, ``lock_timeout``, ``timezone``...) travel in the
    startup packet (libpq ``options``), so they cost no extra round trip.
    """

    host: str = "localhost"
    port: Optional[int] = 5432
    sslmode: Optional[str] = None
    sslrootcert: Optional[str] = None
    sslcert: Optional[str] = None
    sslkey: Optional[str] = None
    sslpassword: Optional[str] = None
    connect_timeout: Optional[float] = None
    application_name: Optional[str] = "rhosocial-activerecord"
    search_path: Optional[str] = None
    statement_timeout: Optional[Any] = None
    lock_timeout: Optional[Any] = None
    idle_in_transaction_session_timeout: Optional[Any] = None
    timezone: Optional[str] = None
    client_encoding: Optional[str] = None
    target_session_attrs: Optional[str] = None
    # psycopg_pool: used only when pool_max_size is set (>= 1).
    pool_min_size: Optional[int] = None
    pool_max_size: Optional[int] = None
    pool_timeout: Optional[float] = None
    # Server-side cursors fetch large result sets in batches of this many rows.
    fetch_batch_size: int = 2000
    # psycopg prepares a statement server-side after this many executions (None: never).
    prepare_threshold: Optional[int] = 5
    options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_url(cls, url: str, **overrides: Any) -> PostgresConnectionConfig:
        """A config from a URL such as ``postgresql://app:secret@127.0.0.1:5432/app?sslmode=require``.

        Query parameters name config fields (``?connect_timeout=5``); keyword ``overrides`` win.
        """
        return config_from_url(cls, url, ("postgresql", "postgres"), **overrides)

    def __post_init__(self) -> None:
        super().__post_init__()
        check_fields(self, _CHECKS)

    def server_settings(self) -> dict[str, str]:
        """GUCs sent at connect time."""
        settings = {
            "search_path": self.search_path,
            "statement_timeout": _duration_setting(self, "statement_timeout"),
            "lock_timeout": _duration_setting(self, "lock_timeout"),
            "idle_in_transaction_session_timeout": _duration_setting(self, "idle_in_transaction_session_timeout"),
            "TimeZone": self.timezone,
        }
        return {k: str(v) for k, v in settings.items() if v is not None}

    def clone(self, **updates: Any) -> PostgresConnectionConfig:
        # The core's clone flattens ``options`` into keyword arguments, which our strict options reject.
        from dataclasses import replace

        return replace(self, **updates)


def _libpq_options(settings: dict[str, str]) -> Optional[str]:
    if not settings:
        return None
    # Backslash-escape spaces: libpq splits the options string on whitespace.
    return " ".join(f"-c {key}={value.replace(' ', chr(92) + ' ')}" for key, value in settings.items())


CONNECT_ARGS = ConnectArgMap(
    "psycopg",
    [
        DriverArg("host", "host"),
        DriverArg("port", "port", int),
        DriverArg("database", "dbname"),
        DriverArg("username", "user"),
        DriverArg("password", "password"),
        DriverArg("sslmode", "sslmode", one_of(*SSL_MODES)),
        DriverArg("sslrootcert", "sslrootcert", str),
        DriverArg("sslcert", "sslcert", str),
        DriverArg("sslkey", "sslkey", str),
        DriverArg("sslpassword", "sslpassword"),
        DriverArg("connect_timeout", "connect_timeout", _seconds),
        DriverArg("application_name", "application_name"),
        DriverArg("client_encoding", "client_encoding"),
        DriverArg("target_session_attrs", "target_session_attrs"),
        DriverArg("prepare_threshold", None, note="set on the connection object after connect"),
        # Folded into libpq ``options`` by connect_kwargs(); declared so the completeness test sees them.
        DriverArg("search_path", None, note="libpq options -c search_path"),
        DriverArg("statement_timeout", None, note="libpq options -c statement_timeout"),
        DriverArg("lock_timeout", None, note="libpq options -c lock_timeout"),
        DriverArg("idle_in_transaction_session_timeout", None, note="libpq options"),
        DriverArg("timezone", None, note="libpq options -c TimeZone"),
        DriverArg("pool_min_size", None, note="psycopg_pool min_size"),
        DriverArg("pool_max_size", None, note="psycopg_pool max_size"),
        DriverArg("pool_timeout", None, note="psycopg_pool timeout"),
        DriverArg("fetch_batch_size", None, note="server-side cursor itersize"),
    ],
    options=[
        DriverArg("keepalives", "keepalives", int),
        DriverArg("keepalives_idle", "keepalives_idle", int),
        DriverArg("keepalives_interval", "keepalives_interval", int),
        DriverArg("keepalives_count", "keepalives_count", int),
        DriverArg("tcp_user_timeout", "tcp_user_timeout", int),
        DriverArg("gssencmode", "gssencmode"),
        DriverArg("sslcrl", "sslcrl"),
        DriverArg("sslcompression", "sslcompression", int),
        DriverArg("ssl_min_protocol_version", "ssl_min_protocol_version"),
        DriverArg("channel_binding", "channel_binding"),
        DriverArg("passfile", "passfile"),
        DriverArg("service", "service"),
        DriverArg("hostaddr", "hostaddr"),
    ],
)


def connect_kwargs(config: PostgresConnectionConfig) -> dict[str, Any]:
    """psycopg ``connect()`` keyword arguments for ``config`` (raises ConfigurationError naming a bad field)."""
    kwargs = CONNECT_ARGS.build(config)
    options = _libpq_options(config.server_settings())
    if options:
        kwargs["options"] = options
    return kwargs


# Names the earlier PostgreSQL backend (and the core's config protocols) accepted -> ours.
LEGACY_NAMES = {
    "pool_size": "pool_max_size",
    "ssl_mode": "sslmode",
    "ssl_ca": "sslrootcert",
    "ssl_cert": "sslcert",
    "ssl_key": "sslkey",
    "ssl_password": "sslpassword",
    "charset": "client_encoding",
    "server_timezone": "timezone",
}
# Accepted there, with no equivalent here: refused with what to use instead.
REFUSED_NAMES = {
    "pool_name": "psycopg_pool names its pools itself; remove pool_name",
    "pool_recycle": "psycopg_pool recycles connections itself (max_lifetime); remove pool_recycle",
    "pool_pre_ping": "the backend checks the connection before each statement; remove pool_pre_ping",
    "ssl_verify": "use sslmode='verify-full' (or 'verify-ca')",
    "ssl_verify_cert": "use sslmode='verify-ca'",
    "ssl_verify_identity": "use sslmode='verify-full'",
    "autocommit": "the backend is always in autocommit outside transactions; use transaction() for a unit",
}


def translate_legacy_names(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments with earlier names renamed; a name with no equivalent raises, naming the fix."""
    if not any(name in LEGACY_NAMES or name in REFUSED_NAMES for name in kwargs):
        return kwargs
    translated = dict(kwargs)
    for old, new in LEGACY_NAMES.items():
        if old not in translated:
            continue
        value = translated.pop(old)
        if new in translated and translated[new] != value:
            raise ConfigurationError(f"{old}={value!r} and {new}={translated[new]!r} disagree; {old} is an alias")
        translated[new] = value
    for old, hint in REFUSED_NAMES.items():
        if old in translated:
            raise ConfigurationError(f"{old} is not a PostgresConnectionConfig option: {hint}")
    return translated


_dataclass_init = PostgresConnectionConfig.__init__


def _init_with_legacy_names(self: PostgresConnectionConfig, *args: Any, **kwargs: Any) -> None:
    _dataclass_init(self, *args, **translate_legacy_names(kwargs))


_init_with_legacy_names.__doc__ = _dataclass_init.__doc__
PostgresConnectionConfig.__init__ = _init_with_legacy_names  # type: ignore[method-assign]
