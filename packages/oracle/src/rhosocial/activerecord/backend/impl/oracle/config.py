"""Connection configuration for Oracle and its mapping onto python-oracledb's connect arguments.

Where the server is can be given three ways, checked in this order:
``dsn`` (Easy Connect ``host:port/service``, ``tcps://...``, a full ``(DESCRIPTION=...)`` or a
tnsnames alias), else ``host``/``port`` with ``service_name`` (or ``database`` as its alias) or
``sid``. Either way the driver's own parser (``oracledb.ConnectParams``) validates it before any
network I/O, so a typo fails with a :class:`ConfigurationError` naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from rhosocial.activerecord.backend.toolkit.urls import FromUrlMixin

DEFAULT_PORT = 1521


def _positive_int(value: Any) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError("must be a positive integer")
    return number


def _non_negative_int(value: Any) -> int:
    number = int(value)
    if number < 0:
        raise ValueError("must be zero or a positive integer")
    return number


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be True or False")
    return value


def _purity(value: Any) -> Any:
    import oracledb

    names = {"new": oracledb.PURITY_NEW, "self": oracledb.PURITY_SELF, "default": oracledb.PURITY_DEFAULT}
    if str(value).lower() not in names:
        raise ValueError(f"must be one of {', '.join(sorted(names))}")
    return names[str(value).lower()]


# Values checked when the config is built; the connect-argument map checks the others at connect.
_CHECKS = {
    "call_timeout_ms": non_negative_whole,
    "arraysize": positive_whole,
    "prefetchrows": non_negative_whole,
    "pool_min": non_negative_whole,
    "pool_max": positive_whole,
    "pool_increment": positive_whole,
}


@dataclass(repr=False)
class OracleConnectionConfig(FromUrlMixin, RedactedReprMixin, ConnectionConfig):
    """Everything needed to reach one Oracle database. Secrets never appear in ``repr``.

    TLS: ``protocol="tcps"`` (or a ``tcps://`` DSN), ``wallet_location``/``wallet_password`` for a
    PEM wallet, ``ssl_server_dn_match`` / ``ssl_server_cert_dn`` for server certificate matching.
    Pools: ``pool=True`` makes the backend take sessions from an ``oracledb`` pool sized by
    ``pool_min``/``pool_max``/``pool_increment``; ``drcp=True`` asks for a pooled server (DRCP,
    ``server_type=pooled``) with connection class ``cclass`` and ``purity``.
    """

    # from_url: oracle://app:secret@db:1521/FREEPDB1
    URL_SCHEMES = ("oracle",)
    URL_PATH_FIELD = "service_name"

    port: Optional[int] = None
    service_name: Optional[str] = None
    sid: Optional[str] = None
    dsn: Optional[str] = None
    protocol: Optional[str] = None
    wallet_location: Optional[str] = None
    wallet_password: Optional[str] = None
    ssl_server_dn_match: Optional[bool] = None
    ssl_server_cert_dn: Optional[str] = None
    config_dir: Optional[str] = None
    tcp_connect_timeout: Optional[float] = None
    stmtcachesize: Optional[int] = None
    arraysize: Optional[int] = None
    prefetchrows: Optional[int] = None
    call_timeout_ms: Optional[int] = None
    time_zone: Optional[str] = "UTC"
    edition: Optional[str] = None
    program: Optional[str] = None
    uuid_storage: str = "raw"
    thick_mode: bool = False
    lib_dir: Optional[str] = None
    pool: bool = False
    pool_min: int = 1
    pool_max: int = 4
    pool_increment: int = 1
    drcp: bool = False
    cclass: Optional[str] = None
    purity: Optional[str] = None

    def __post_init__(self) -> None:
        super().__post_init__()
        check_fields(self, _CHECKS)
        if self.service_name and self.sid:
            raise ConfigurationError("service_name and sid are alternatives; give one of them")
        if self.uuid_storage not in ("raw", "text"):
            raise ConfigurationError(
                f"uuid_storage must be 'raw' (RAW(16)) or 'text' (VARCHAR2(36)), not {self.uuid_storage!r}"
            )
        if self.pool_min > self.pool_max:
            raise ConfigurationError(f"pool_min ({self.pool_min}) is larger than pool_max ({self.pool_max})")

    @property
    def effective_service_name(self) -> Optional[str]:
        # ``database`` is the core's generic name; for Oracle it means the service (PDB) name.
        if self.sid:
            return None
        return self.service_name or self.database


def _server_type(drcp: bool) -> Optional[str]:
    return "pooled" if _flag(drcp) else None


# Every dataclass field and the oracledb argument it becomes (``arg=None``: used by the backend).
ORACLE_ARGS = ConnectArgMap(
    "oracledb",
    [
        DriverArg("host", "host", note="ignored by the driver when dsn is given"),
        DriverArg("port", "port", _positive_int),
        DriverArg("database", None, note="alias of service_name, folded in by connect_kwargs()"),
        DriverArg("service_name", None, note="see connect_kwargs()"),
        DriverArg("sid", "sid"),
        DriverArg("dsn", "dsn", str),
        DriverArg("username", "user"),
        DriverArg("password", "password"),
        DriverArg("protocol", "protocol", one_of("tcp", "tcps")),
        DriverArg("wallet_location", "wallet_location", str),
        DriverArg("wallet_password", "wallet_password", str),
        DriverArg("ssl_server_dn_match", "ssl_server_dn_match", _flag),
        DriverArg("ssl_server_cert_dn", "ssl_server_cert_dn", str),
        DriverArg("config_dir", "config_dir", str),
        DriverArg("tcp_connect_timeout", "tcp_connect_timeout", positive_number),
        DriverArg("stmtcachesize", "stmtcachesize", _non_negative_int),
        DriverArg("arraysize", None, note="set on every cursor the backend opens"),
        DriverArg("prefetchrows", None, note="set on every cursor the backend opens"),
        DriverArg("call_timeout_ms", None, note="set as connection.call_timeout after connect"),
        DriverArg("time_zone", None, note="ALTER SESSION SET TIME_ZONE after connect"),
        DriverArg("edition", "edition", str),
        DriverArg("program", "program", str),
        DriverArg("uuid_storage", None, note="RAW(16) bytes or VARCHAR2(36) text for UUID parameters"),
        DriverArg("thick_mode", None, note="oracledb.init_oracle_client() before the first connect"),
        DriverArg("lib_dir", None, note="passed to init_oracle_client()"),
        DriverArg("pool", None, note="take sessions from an oracledb pool"),
        DriverArg("pool_min", None, note="create_pool(min=...)"),
        DriverArg("pool_max", None, note="create_pool(max=...)"),
        DriverArg("pool_increment", None, note="create_pool(increment=...)"),
        DriverArg("drcp", "server_type", _server_type),
        DriverArg("cclass", "cclass", str),
        DriverArg("purity", "purity", _purity),
    ],
    # Free-form keys a user may pass in ``options``; anything else fails at connect.
    options=[
        DriverArg("expire_time", "expire_time", _positive_int),
        DriverArg("retry_count", "retry_count", _non_negative_int),
        DriverArg("retry_delay", "retry_delay", _non_negative_int),
        DriverArg("sdu", "sdu", _positive_int),
        DriverArg("disable_oob", "disable_oob", _flag),
        DriverArg("https_proxy", "https_proxy", str),
        DriverArg("https_proxy_port", "https_proxy_port", _positive_int),
        DriverArg("use_sni", "use_sni", _flag),
        DriverArg("machine", "machine", str),
        DriverArg("osuser", "osuser", str),
        DriverArg("terminal", "terminal", str),
        DriverArg("driver_name", "driver_name", str),
        DriverArg("instance_name", "instance_name", str),
    ],
)


def connect_kwargs(config: OracleConnectionConfig) -> dict[str, Any]:
    """Keyword arguments for ``oracledb.connect`` / ``create_pool``, validated before any I/O."""
    kwargs = ORACLE_ARGS.build(config)
    service = config.effective_service_name
    if config.dsn:
        # The DSN carries the address; host/port/service would be silently ignored: drop them
        # so what is logged is what is used.
        for key in ("host", "port", "sid"):
            kwargs.pop(key, None)
        validate_dsn(config.dsn, config.config_dir)
    else:
        kwargs.setdefault("port", DEFAULT_PORT)
        if service:
            kwargs["service_name"] = service
        if not service and not config.sid:
            raise ConfigurationError("no database given: set dsn, service_name (or database) or sid")
    return kwargs


def pool_kwargs(config: OracleConnectionConfig) -> dict[str, Any]:
    """``connect_kwargs`` plus the pool sizing arguments."""
    kwargs = connect_kwargs(config)
    kwargs.update(
        min=_non_negative_int(config.pool_min),
        max=_positive_int(config.pool_max),
        increment=_positive_int(config.pool_increment),
    )
    return kwargs


def validate_dsn(dsn: str, config_dir: Optional[str] = None) -> None:
    """Parse ``dsn`` with the driver's own parser; a bare tnsnames alias is left to connect time."""
    import oracledb

    text = dsn.strip()
    if not text:
        raise ConfigurationError("dsn is empty")
    looks_like_alias = not any(ch in text for ch in "/:()@=")
    if looks_like_alias:
        return
    params = oracledb.ConnectParams(config_dir=config_dir) if config_dir else oracledb.ConnectParams()
    try:
        params.parse_connect_string(text)
    except oracledb.Error as e:
        raise ConfigurationError(f"invalid dsn {text!r}: {str(e).splitlines()[0]}") from None
