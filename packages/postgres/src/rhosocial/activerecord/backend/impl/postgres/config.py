"""PostgreSQL connection configuration and its mapping onto psycopg ``connect()`` arguments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit import config_checks as check
from rhosocial.activerecord.backend.toolkit.config_base import CheckedConnectionConfig
from rhosocial.activerecord.backend.toolkit.config_map import ConnectArgMap, DriverArg, kept, same_name
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def _seconds(value: Any) -> int:
    # libpq wants whole seconds; 0 would mean "wait forever", which is never what a user meant.
    return max(1, round(check.positive_number(value)))


# PostgreSQL's duration syntax for time settings: a number and an optional unit.
_DURATION = re.compile(r"^\s*\d+(\.\d+)?\s*(us|ms|s|min|h|d)?\s*$")


def _milliseconds(value: Any) -> str:
    """A timeout in seconds (number) or a PostgreSQL duration string ('5s', '250ms')."""
    if isinstance(value, str):
        if not _DURATION.match(value):
            raise ValueError("must be seconds as a number, or a duration such as '5s', '250ms', '1min'")
        return value.strip()
    return f"{round(check.positive_number(value) * 1000)}ms"


def _duration_setting(config: Any, name: str) -> Optional[str]:
    value = getattr(config, name)
    if value is None:
        return None
    try:
        return _milliseconds(value)
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(f"invalid value {value!r} for {name}: {exc}") from None


def _host_list(value: Any) -> str:
    """One host, or several as a list or a comma-separated string: libpq tries them in order."""
    hosts = [value] if isinstance(value, str) else list(value)
    parts = [h.strip() for item in hosts for h in str(item).split(",")]
    if not all(parts):
        raise ValueError("must be a host name or a list of host names, none empty")
    return ",".join(parts)


def _port_list(value: Any) -> Any:
    """One port for every host (an int), or one per host (a list or a comma-separated string)."""
    ports = value.split(",") if isinstance(value, str) else value if isinstance(value, (list, tuple)) else [value]
    checked = [check.positive_whole(p.strip() if isinstance(p, str) else p) for p in ports]
    return checked[0] if len(checked) == 1 else ",".join(map(str, checked))


# libpq accepts these values of target_session_attrs; all but the first two need libpq 14.
TARGET_SESSION_ATTRS = ("any", "read-write", "read-only", "primary", "standby", "prefer-standby")
LOAD_BALANCE_HOSTS = ("disable", "random")
_DEFAULT_PREPARE_THRESHOLD = 5

# Values checked when the config is built, each failure naming its field.
_CHECKS = {
    "host": _host_list,
    "port": _port_list,
    "target_session_attrs": check.one_of(*TARGET_SESSION_ATTRS),
    "load_balance_hosts": check.one_of(*LOAD_BALANCE_HOSTS),
    "connect_timeout": check.positive_number,
    "statement_timeout": _milliseconds,
    "lock_timeout": _milliseconds,
    "idle_in_transaction_session_timeout": _milliseconds,
    "pool_min_size": check.non_negative_whole,
    "pool_max_size": check.non_negative_whole,  # 0: no pool
    "pool_timeout": check.positive_number,
    "fetch_batch_size": check.positive_whole,
    "prepare_threshold": check.non_negative_whole,
}


@dataclass(repr=False)
class PostgresConnectionConfig(CheckedConnectionConfig):
    """Everything needed to open a psycopg connection; every field reaches the driver (see ``CONNECT_ARGS``).

    Server settings (``search_path``, ``statement_timeout``, ``lock_timeout``, ``timezone``...) travel in the
    startup packet (libpq ``options``), so they cost no extra round trip.

    Several servers: ``host`` and ``port`` take lists (or comma-separated strings), libpq tries them in
    order (``load_balance_hosts='random'``: in random order, libpq 16+) and keeps the first whose role
    matches ``target_session_attrs`` (``read-write`` / ``primary`` for writes after a failover).
    ``transaction_pooling=True`` is for PgBouncer's transaction mode: nothing is kept on the server
    session between transactions, and the settings above are sent with every transaction instead
    (``SET LOCAL``, see ``pooled_settings.py`` and docs/topologies.md).
    """

    # from_url: postgresql://app:secret@127.0.0.1:5432/app?sslmode=require
    URL_SCHEMES = ("postgresql", "postgres")
    FIELD_CHECKS = _CHECKS

    host: Any = "localhost"
    port: Optional[Any] = 5432
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
    load_balance_hosts: Optional[str] = None
    # Behind a transaction-pooling PgBouncer: no server-side prepared statements, no holdable cursors,
    # session settings sent per transaction (SET LOCAL) instead of in the startup packet.
    transaction_pooling: bool = False
    # psycopg_pool: used only when pool_max_size is set (>= 1).
    pool_min_size: Optional[int] = None
    pool_max_size: Optional[int] = None
    pool_timeout: Optional[float] = None
    # Server-side cursors fetch large result sets in batches of this many rows.
    fetch_batch_size: int = 2000
    # psycopg prepares a statement server-side after this many executions (None: never).
    prepare_threshold: Optional[int] = _DEFAULT_PREPARE_THRESHOLD
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        # several servers: one libpq-style comma list each, which messages and logs show as given to libpq
        if not isinstance(self.host, str):
            self.host = _host_list(self.host)
        if isinstance(self.port, (list, tuple)):
            self.port = _port_list(self.port)
        if self.transaction_pooling:
            self._check_pooling()

    def _check_pooling(self) -> None:
        # The default (5) is switched off silently; a value the user chose is refused, never dropped.
        if self.prepare_threshold not in (None, _DEFAULT_PREPARE_THRESHOLD):
            raise ConfigurationError(
                "prepare_threshold cannot be used with transaction_pooling=True: a statement prepared on one "
                "server connection of the pool is unknown on the next (leave prepare_threshold unset)"
            )
        self.prepare_threshold = None

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
        DriverArg("host", "host", _host_list),
        DriverArg("port", "port", _port_list),
        DriverArg("database", "dbname"),
        DriverArg("username", "user"),
        DriverArg("sslmode", "sslmode", check.one_of(*SSL_MODES)),
        *same_name("sslrootcert", "sslcert", "sslkey", convert=str),
        *same_name("password", "sslpassword", "application_name", "client_encoding"),
        DriverArg("connect_timeout", "connect_timeout", _seconds),
        DriverArg("target_session_attrs", "target_session_attrs", check.one_of(*TARGET_SESSION_ATTRS)),
        DriverArg("load_balance_hosts", "load_balance_hosts", check.one_of(*LOAD_BALANCE_HOSTS)),
        *kept(
            transaction_pooling="prepare_threshold=None, no WITH HOLD cursors, settings per transaction",
            prepare_threshold="set on the connection object after connect",
            # Folded into libpq ``options`` by connect_kwargs(); declared so the completeness test sees them.
            search_path="libpq options -c search_path",
            statement_timeout="libpq options -c statement_timeout",
            lock_timeout="libpq options -c lock_timeout",
            idle_in_transaction_session_timeout="libpq options",
            timezone="libpq options -c TimeZone",
            pool_min_size="psycopg_pool min_size",
            pool_max_size="psycopg_pool max_size",
            pool_timeout="psycopg_pool timeout",
            fetch_batch_size="server-side cursor itersize",
        ),
    ],
    options=[
        *same_name(
            "keepalives",
            "keepalives_idle",
            "keepalives_interval",
            "keepalives_count",
            "tcp_user_timeout",
            "sslcompression",
            convert=int,
        ),
        *same_name(
            "gssencmode", "sslcrl", "ssl_min_protocol_version", "channel_binding", "passfile", "service", "hostaddr"
        ),
    ],
)


# libpq release (as ``PQlibVersion()``) that first understood a connection option value.
_LIBPQ_NEEDS = {
    ("target_session_attrs", "read-only"): 140000,
    ("target_session_attrs", "primary"): 140000,
    ("target_session_attrs", "standby"): 140000,
    ("target_session_attrs", "prefer-standby"): 140000,
    ("load_balance_hosts", None): 160000,
}


def check_libpq(config: PostgresConnectionConfig, libpq_version: int) -> None:
    """Refuse an option the linked libpq does not know, instead of failing obscurely at connect time."""
    for (name, value), needed in _LIBPQ_NEEDS.items():
        given = getattr(config, name)
        if given is not None and value in (None, given) and libpq_version < needed:
            raise ConfigurationError(
                f"{name}={given!r} needs libpq {needed // 10000} or newer; psycopg here uses libpq "
                f"{libpq_version // 10000}.{libpq_version % 10000}"
            )


def connect_kwargs(config: PostgresConnectionConfig) -> dict[str, Any]:
    """psycopg ``connect()`` keyword arguments for ``config`` (raises ConfigurationError naming a bad field)."""
    import psycopg

    check_libpq(config, psycopg.pq.version())
    kwargs = CONNECT_ARGS.build(config)
    # PgBouncer refuses the ``options`` startup parameter: pooled sessions get them per transaction.
    options = None if config.transaction_pooling else _libpq_options(config.server_settings())
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
