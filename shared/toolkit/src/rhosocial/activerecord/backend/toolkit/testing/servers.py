"""Where the test suites find database servers.

Two sources, both optional:
- the state file written by ``tools/localdb.py up`` (``.localdb/servers.json`` at the
  repository root, or the path in ``RHOSOCIAL_SERVERS_FILE``): the local servers;
- DSN environment variables (CI service containers, a user's own server):
  ``RHOSOCIAL_POSTGRES_DSN``, ``RHOSOCIAL_MYSQL_DSN``, ``RHOSOCIAL_MARIADB_DSN``,
  ``RHOSOCIAL_ORACLE_DSN``, e.g. ``postgresql://user:pass@127.0.0.1:5432/db``.
``RHOSOCIAL_TEST_SERVER=name[,name]`` narrows a test run to the named servers.

Fault instances (origin ``fault``: servers the lifecycle tests restart, see ``tools/localdb.py
restart``) are left out of ``servers_for`` unless named in ``RHOSOCIAL_TEST_SERVER``: the ordinary
suites never run against a server that is restarted under them. ``fault_servers`` lists them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import parse_qsl, unquote, urlsplit

SERVERS_FILE_ENV = "RHOSOCIAL_SERVERS_FILE"
SELECT_ENV = "RHOSOCIAL_TEST_SERVER"
FAULT_ORIGIN = "fault"

# DSN variable -> (backend, flavour, server name)
DSN_ENVS: Mapping[str, tuple[str, str, str]] = {
    "RHOSOCIAL_POSTGRES_DSN": ("postgres", "postgresql", "postgres-dsn"),
    "RHOSOCIAL_MYSQL_DSN": ("mysql", "mysql", "mysql-dsn"),
    "RHOSOCIAL_MARIADB_DSN": ("mysql", "mariadb", "mariadb-dsn"),
    "RHOSOCIAL_ORACLE_DSN": ("oracle", "oracle", "oracle-dsn"),
}


@dataclass(frozen=True)
class ServerTarget:
    """One reachable server and the credentials our tests use on it."""

    name: str
    backend: str
    flavour: str
    host: str
    port: int
    user: str
    password: str = field(repr=False)
    database: str
    version: str = ""
    tls: Optional[Mapping[str, Any]] = None
    origin: str = "dsn"
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.flavour} {self.version or '?'} at {self.host}:{self.port})"

    def config_fields(self, database_field: str = "database") -> dict[str, Any]:
        """Where and as whom to connect, as config fields (Oracle names the database ``service_name``)."""
        return {
            "host": self.host,
            "port": self.port,
            database_field: self.database,
            "username": self.user,
            "password": self.password,
        }


def repo_root(start: Optional[Path] = None) -> Optional[Path]:
    """The checkout root (the folder holding hatch.toml), searched upwards from ``start`` or the cwd."""
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "hatch.toml").is_file() and (candidate / "packages").is_dir():
            return candidate
    return None


def servers_file(environ: Optional[Mapping[str, str]] = None) -> Optional[Path]:
    """The state file: ``RHOSOCIAL_SERVERS_FILE`` from ``environ`` (default ``os.environ``), else the checkout's."""
    explicit = (os.environ if environ is None else environ).get(SERVERS_FILE_ENV)
    if explicit:
        return Path(explicit)
    root = repo_root() or repo_root(Path(__file__).parent)
    return root / ".localdb" / "servers.json" if root else None


# libpq's sslmode values that mean "this connection uses TLS"
TLS_SSLMODES = frozenset({"require", "verify-ca", "verify-full"})
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


def dsn_tls(backend: str, params: Mapping[str, str]) -> Optional[dict[str, Any]]:
    """The ``tls`` entry a DSN's query describes, in servers.json's shape, or None for plain TCP.

    PostgreSQL: ``sslmode`` (require / verify-ca / verify-full), ``sslrootcert``, ``sslcert``,
    ``sslkey``. MySQL / MariaDB: ``ssl_ca`` (or ``ssl_disabled=false``), ``ssl_cert``, ``ssl_key``.
    ``tls_required=true`` says the server refuses plain connections (a DSN cannot tell otherwise).
    """
    if backend == "postgres":
        on = params.get("sslmode", "") in TLS_SSLMODES
        ca, cert, key = params.get("sslrootcert"), params.get("sslcert"), params.get("sslkey")
    elif backend == "mysql":
        on = bool(params.get("ssl_ca")) or params.get("ssl_disabled", "").lower() in ("0", "false", "no", "off")
        ca, cert, key = params.get("ssl_ca"), params.get("ssl_cert"), params.get("ssl_key")
    else:
        return None
    if not on:
        return None
    return {
        "ca": ca,
        "cert": cert,
        "key": key,
        "required": params.get("tls_required", "").lower() in TRUE_WORDS,
        "sslmode": params.get("sslmode"),
    }


def parse_dsn(env_name: str, dsn: str) -> ServerTarget:
    backend, flavour, name = DSN_ENVS[env_name]
    parts = urlsplit(dsn)
    if not parts.hostname:
        raise ValueError(f"{env_name} has no host: expected scheme://user:password@host:port/database")
    default_port = {"postgres": 5432, "mysql": 3306, "oracle": 1521}[backend]
    params = dict(parse_qsl(parts.query))
    return ServerTarget(
        name=name,
        backend=backend,
        flavour=flavour,
        host=parts.hostname,
        port=parts.port or default_port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        database=unquote(parts.path.lstrip("/")),
        origin="dsn",
        tls=dsn_tls(backend, params),
        params=params,
    )


def load_servers(environ: Optional[Mapping[str, str]] = None, path: Optional[Path] = None) -> list[ServerTarget]:
    """Every known server: the local state file first, then DSN variables."""
    environ = os.environ if environ is None else environ
    found: list[ServerTarget] = []
    state = path or servers_file(environ)
    if state is not None and state.is_file():
        for entry in json.loads(state.read_text()).get("servers", []):
            known = {f.name for f in ServerTarget.__dataclass_fields__.values()}
            found.append(ServerTarget(**{k: v for k, v in entry.items() if k in known}))
    for env_name in DSN_ENVS:
        dsn = environ.get(env_name)
        if dsn:
            found.append(parse_dsn(env_name, dsn))
    return found


def servers_for(
    backend: str, *, tls: Optional[bool] = None, environ: Optional[Mapping[str, str]] = None
) -> list[ServerTarget]:
    """Servers of one backend, narrowed by ``RHOSOCIAL_TEST_SERVER``; ``tls`` filters on TLS instances."""
    environ = os.environ if environ is None else environ
    chosen = [s for s in load_servers(environ) if s.backend == backend]
    wanted = environ.get(SELECT_ENV)
    if wanted:
        names = {n.strip() for n in wanted.split(",") if n.strip()}
        chosen = [s for s in chosen if s.name in names]
    else:
        chosen = [s for s in chosen if s.origin != FAULT_ORIGIN]
    if tls is not None:
        chosen = [s for s in chosen if bool(s.tls) == tls]
    return chosen


def fault_servers(backend: str, *, environ: Optional[Mapping[str, str]] = None) -> list[ServerTarget]:
    """The restartable fault instances of one backend (whatever ``RHOSOCIAL_TEST_SERVER`` says)."""
    environ = os.environ if environ is None else environ
    return [s for s in load_servers(environ) if s.backend == backend and s.origin == FAULT_ORIGIN]


def suite_servers(backend: str, *, environ: Optional[Mapping[str, str]] = None) -> list[ServerTarget]:
    """The servers whole test suites run against: the plain local ones and every DSN server.

    A local TLS instance is the twin of a plain one and serves the TLS tests only; a server given
    by DSN is often the only one there is (CI's service container), so the suites run through it
    over TLS when its DSN asks for TLS."""
    return [s for s in servers_for(backend, environ=environ) if not s.tls or s.origin == "dsn"]


def no_server_reason(backend: str) -> str:
    """The skip reason tests give when a backend has no server here."""
    envs = [e for e, (b, _, _) in DSN_ENVS.items() if b == backend]
    return (
        f"no {backend} server: run `hatch run db:up` for local servers"
        f" or set {' / '.join(envs)} (see docs/contributing.md)"
    )
