"""Connection configuration for MySQL and MariaDB, mapped declaratively onto mysql-connector arguments."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Optional

from mysql.connector.constants import ClientFlag
from rhosocial.activerecord.backend.toolkit import config_checks as check
from rhosocial.activerecord.backend.toolkit.config_base import CheckedConnectionConfig
from rhosocial.activerecord.backend.toolkit.config_map import ConnectArgMap, DriverArg, kept, same_name
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

from .backend.load_data import infile_driver_args
from .galera import POLICIES as PRIMARY_KEY_POLICIES
from .tls import normalize_ssl_mode, resolve_ssl_mode, tls_driver_args


def _whole_seconds(value: Any) -> int:
    # mysql-connector wants integer seconds for every timeout.
    seconds = check.positive_number(value)
    return max(1, round(seconds))


def _path(value: Any) -> str:
    text = str(value)
    if not text:
        raise ValueError("must be a non-empty path")
    return text


def _hosts(value: Any) -> list:
    hosts = [value] if isinstance(value, str) else list(value)
    parts = [h.strip() for item in hosts for h in str(item).split(",")]
    if not all(parts):
        raise ValueError("must be a host name or a list of host names, none empty")
    return parts


def _ports(value: Any) -> list:
    ports = value.split(",") if isinstance(value, str) else value if isinstance(value, (list, tuple)) else [value]
    return [check.positive_whole(p.strip() if isinstance(p, str) else p) for p in ports]


def _port_arg(value: Any) -> Any:
    # one port: the driver's int; several: replaced per server by servers() at connect
    ports = _ports(value)
    return ports[0] if len(ports) == 1 else ",".join(map(str, ports))


def _sync_wait(value: Any) -> int:
    number = check.non_negative_whole(value)
    if number > 15:
        raise ValueError("must be a bit mask from 0 to 15 (1 reads, 2 updates/deletes, 4 inserts/replaces, 8 SHOW)")
    return number


# Values checked when the config is built (the connect-argument map checks the rest at connect).
_CHECKS = {
    "host": _hosts,
    "port": _ports,
    "wsrep_sync_wait": _sync_wait,
    "require_primary_key": check.one_of(*PRIMARY_KEY_POLICIES),
    "statement_timeout": check.positive_number,
    "connect_timeout": check.positive_number,
    "read_timeout": check.positive_number,
    "write_timeout": check.positive_number,
    "pool_size": check.non_negative_whole,
}


@dataclass(repr=False)
class MySQLConnectionConfig(CheckedConnectionConfig):
    """How to reach a MySQL or MariaDB server.

    TLS follows ``ssl_mode`` (disabled / preferred / required / verify_ca / verify_identity, as
    the MySQL client names them; see ``tls.py``). Without it, ``ssl_ca`` implies verify_ca, a
    client certificate or ``ssl_disabled=False`` implies required, and nothing means disabled.
    ``ssl_verify_cert``, ``ssl_verify_identity`` and ``ssl_disabled`` are the older spellings.
    ``sql_mode`` is *added* to the server's modes, so its strict modes stay on.
    ``statement_timeout`` (seconds) becomes ``max_execution_time`` on MySQL and
    ``max_statement_time`` on MariaDB. ``pool_size`` > 0 uses mysql-connector's pooling (sync).

    Several servers (a Galera cluster): ``host`` and ``port`` take lists (or comma-separated
    strings); a connect tries them in order and keeps the first that answers, so a session lost with
    its node reconnects to the next. ``wsrep_sync_wait`` (Galera causal reads, a bit mask) is set
    on every session. ``require_primary_key`` ("warn" / "error" / "off"; unset: "warn" when
    ``wsrep_sync_wait`` is set) checks CREATE TABLE built through our DDL for a primary key, which
    Galera needs to replicate rows well (see ``galera.py``).
    """

    # from_url: mysql://app:secret@127.0.0.1:3306/app?charset=utf8mb4
    URL_SCHEMES = ("mysql", "mariadb")
    FIELD_CHECKS = _CHECKS

    host: Any = "127.0.0.1"
    port: Optional[Any] = 3306
    unix_socket: Optional[str] = None
    charset: str = "utf8mb4"
    collation: Optional[str] = "utf8mb4_unicode_ci"
    ssl_mode: Optional[str] = None
    ssl_ca: Optional[str] = None
    ssl_cert: Optional[str] = None
    ssl_key: Optional[str] = None
    ssl_verify_cert: bool = False
    ssl_verify_identity: bool = False
    ssl_disabled: Optional[bool] = None
    connect_timeout: Optional[float] = 10.0
    read_timeout: Optional[float] = None
    write_timeout: Optional[float] = None
    time_zone: Optional[str] = "+00:00"
    sql_mode: Optional[str] = None
    statement_timeout: Optional[float] = None
    pool_size: int = 0
    pool_name: Optional[str] = None
    # The earlier backends' switch: sessions here always autocommit outside explicit transactions.
    autocommit: Optional[bool] = None
    # LOAD DATA LOCAL INFILE: off unless directories are listed (backend/load_data.py).
    local_infile_dirs: Optional[list[str]] = None
    # execute_many of a plain INSERT (1,000 rows and more) through LOAD DATA LOCAL INFILE from a
    # private directory (backend/infile_insert.py); False: INSERTs only, no LOCAL INFILE on the session.
    bulk_load_data: bool = True
    wsrep_sync_wait: Optional[int] = None
    # Galera: a CREATE TABLE without a primary key warned about ("warn") or refused ("error") client-side.
    require_primary_key: Optional[str] = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.port is None and self.unix_socket is None:
            self.port = 3306
        if self.autocommit is False:
            raise ConfigurationError(
                "autocommit=False is not supported: sessions autocommit single statements; group statements "
                "in backend.transaction() (or Model.transaction()) instead"
            )
        if not isinstance(self.host, str):
            self.host = ",".join(_hosts(self.host))
        if isinstance(self.port, (list, tuple)):
            self.port = ",".join(map(str, _ports(self.port)))
        if len(self.servers()) > 1 and self.pool_size:
            raise ConfigurationError("pool_size cannot be used with several hosts: a pool holds one server's sessions")

    def servers(self) -> list:
        """[(host, port)] in the order a connect tries them; one port given serves every host."""
        hosts = _hosts(self.host)
        ports = _ports(self.port) if self.port is not None else [3306]
        if len(ports) == 1:
            ports = ports * len(hosts)
        if len(ports) != len(hosts):
            raise ConfigurationError(f"port: {len(ports)} ports given for {len(hosts)} hosts")
        return list(zip(hosts, ports, strict=True))

    def clone(self, **updates: Any) -> MySQLConnectionConfig:
        """A copy with ``updates``; ``options`` are merged (the core's clone would pass them as fields)."""
        if "options" in updates:
            updates["options"] = {**self.options, **updates["options"]}
        if "username" in updates and "user" not in updates:
            updates["user"] = updates["username"]
        return dataclasses.replace(self, **updates)

    def resolved_ssl_mode(self) -> str:
        """The TLS mode in effect (raises ConfigurationError on contradictory options)."""
        return resolve_ssl_mode(self)


CONNECT_ARGS = ConnectArgMap(
    "mysql-connector",
    [
        *same_name("host", "database", "password", "charset", "collation"),
        DriverArg("port", "port", _port_arg),
        DriverArg("username", "user"),
        *same_name("unix_socket", "ssl_ca", "ssl_cert", "ssl_key", convert=_path),
        DriverArg("ssl_mode", None, normalize_ssl_mode, note="resolved into ssl_disabled / ssl_verify_* (tls.py)"),
        DriverArg("connect_timeout", "connection_timeout", _whole_seconds),
        *same_name("read_timeout", "write_timeout", convert=_whole_seconds),
        *kept(
            ssl_verify_cert="older spelling of ssl_mode='verify_ca'",
            ssl_verify_identity="older spelling of ssl_mode='verify_identity'",
            ssl_disabled="older spelling of ssl_mode='disabled'",
            time_zone="set with sql_mode in the one post-connect SET",
            sql_mode="appended to @@sql_mode after connect, keeping strict modes",
            statement_timeout="session variable set after connect, per flavour",
            pool_size="backend pooling switch",
            pool_name="backend pooling name",
            local_infile_dirs="LOAD DATA LOCAL allow-list (allow_local_infile_in_path)",
            bulk_load_data="execute_many through LOAD DATA (the backend's private allow_local_infile_in_path)",
            autocommit="True is the only mode; False is refused (use transaction())",
            wsrep_sync_wait="session variable set after connect (Galera causal reads)",
            require_primary_key="client-side check of CREATE TABLE (galera.py)",
        ),
    ],
    options=[
        *same_name("compress", "use_pure", convert=bool),
        *same_name("auth_plugin", "init_command", "ssl_cipher"),
        DriverArg("tls_versions", "tls_versions", list),
        DriverArg("conn_attrs", "conn_attrs", dict),
    ],
)


def connect_candidates(config: MySQLConnectionConfig) -> list:
    """Connect arguments per configured server, in the order a connect tries them."""
    args = build_connect_args(config)
    servers = config.servers()
    if len(servers) == 1 or config.unix_socket:
        return [args]
    return [{**args, "host": host, "port": port} for host, port in servers]


def build_connect_args(config: MySQLConnectionConfig) -> dict[str, Any]:
    """mysql-connector keyword arguments for ``config``; unknown ``options`` raise ConfigurationError."""
    kwargs = CONNECT_ARGS.build(config)
    if config.unix_socket:
        kwargs.pop("port", None)
    mode = config.resolved_ssl_mode()
    if mode == "disabled":  # the user asked for less than the TLS files imply
        for name in ("ssl_ca", "ssl_cert", "ssl_key"):
            kwargs.pop(name, None)
    kwargs.update(tls_driver_args(mode))
    kwargs.update(infile_driver_args(config.local_infile_dirs))
    # Autocommit on: transactions are explicit START TRANSACTION / COMMIT, so no
    # per-statement commit round trip is ever needed.
    kwargs["autocommit"] = True
    # One statement per execute(): without MULTI_STATEMENTS the server refuses "a; b" itself,
    # so a second statement's result can never wait unread behind the first. MULTI_RESULTS
    # stays on for CALL (whose extra result sets the backend reads and drops).
    # An int, not a list of changes: mysql.connector.aio accepts only the int form.
    kwargs["client_flags"] = ClientFlag.get_default() & ~ClientFlag.MULTI_STATEMENTS
    # Rows come back as tuples; we build dicts once per row ourselves (cheaper than dict cursors).
    kwargs["get_warnings"] = False
    return kwargs


__all__ = ["CONNECT_ARGS", "MySQLConnectionConfig", "build_connect_args", "connect_candidates"]
