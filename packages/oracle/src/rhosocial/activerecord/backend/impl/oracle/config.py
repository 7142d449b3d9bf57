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

from rhosocial.activerecord.backend.toolkit import config_checks as check
from rhosocial.activerecord.backend.toolkit.config_base import CheckedConnectionConfig
from rhosocial.activerecord.backend.toolkit.config_map import ConnectArgMap, DriverArg, kept, same_name
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

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
    "call_timeout_ms": check.non_negative_whole,
    "arraysize": check.positive_whole,
    "prefetchrows": check.non_negative_whole,
    "pool_min": check.non_negative_whole,
    "pool_max": check.positive_whole,
    "pool_increment": check.positive_whole,
}


@dataclass(repr=False)
class OracleConnectionConfig(CheckedConnectionConfig):
    """Everything needed to reach one Oracle database. Secrets never appear in ``repr``.

    TLS: ``protocol="tcps"`` (or a ``tcps://`` DSN), ``wallet_location``/``wallet_password`` for a
    PEM wallet, ``ssl_server_dn_match`` / ``ssl_server_cert_dn`` for server certificate matching.
    Pools: ``pool=True`` makes the backend take sessions from an ``oracledb`` pool sized by
    ``pool_min``/``pool_max``/``pool_increment``; ``drcp=True`` asks for a pooled server (DRCP,
    ``server_type=pooled``) with connection class ``cclass`` and ``purity``.
    """

    # from_url: oracle://app:secret@db:1521/FREEPDB1
    URL_SCHEMES = ("oracle",)
    FIELD_CHECKS = _CHECKS
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
        DriverArg("username", "user"),
        *same_name("sid", "password"),
        DriverArg("protocol", "protocol", check.one_of("tcp", "tcps")),
        *same_name(
            "dsn",
            "wallet_location",
            "wallet_password",
            "ssl_server_cert_dn",
            "config_dir",
            "edition",
            "program",
            "cclass",
            convert=str,
        ),
        DriverArg("ssl_server_dn_match", "ssl_server_dn_match", _flag),
        DriverArg("tcp_connect_timeout", "tcp_connect_timeout", check.positive_number),
        DriverArg("stmtcachesize", "stmtcachesize", _non_negative_int),
        DriverArg("drcp", "server_type", _server_type),
        DriverArg("purity", "purity", _purity),
        *kept(
            database="alias of service_name, folded in by connect_kwargs()",
            service_name="see connect_kwargs()",
            arraysize="set on every cursor the backend opens",
            prefetchrows="set on every cursor the backend opens",
            call_timeout_ms="set as connection.call_timeout after connect",
            time_zone="ALTER SESSION SET TIME_ZONE after connect",
            uuid_storage="RAW(16) bytes or VARCHAR2(36) text for UUID parameters",
            thick_mode="oracledb.init_oracle_client() before the first connect",
            lib_dir="passed to init_oracle_client()",
            pool="take sessions from an oracledb pool",
            pool_min="create_pool(min=...)",
            pool_max="create_pool(max=...)",
            pool_increment="create_pool(increment=...)",
        ),
    ],
    # Free-form keys a user may pass in ``options``; anything else fails at connect.
    options=[
        *same_name("expire_time", "sdu", "https_proxy_port", convert=_positive_int),
        *same_name("retry_count", "retry_delay", convert=_non_negative_int),
        *same_name("disable_oob", "use_sni", convert=_flag),
        *same_name("https_proxy", "machine", "osuser", "terminal", "driver_name", "instance_name", convert=str),
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
