"""Multi-server topologies on loopback, for the tests that need more than one server.

Used through ``python tools/localdb.py topology ...`` (see ``main``):

- ``pg-replica``: a PostgreSQL 15 primary (Debian binaries) with one streaming hot standby made by
  ``pg_basebackup -R``, synchronous replication on (``synchronous_standby_names = '*'``), and
  ``promote`` to fail over to the standby;
- ``pgbouncer``: PgBouncer in transaction pooling mode (pool of 5 server connections) in front of a
  PostgreSQL 15 of its own;
- ``galera``: a 3-node MariaDB Galera cluster (Debian's ``galera-4`` with the installed MariaDB server):
  bootstrap, join (rsync SST), ``stop-node`` / ``start-node`` (rejoin by IST).

Each ``up`` is idempotent: what runs and is healthy is kept, anything else is (re)built. Servers run as
the unprivileged service users when started as root. The result is written to ``topologies.json``
beside servers.json; a topology that cannot start here is recorded as ``skipped`` with the reason, so
tests report that reason instead of silently not running.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Optional

import localdb as ldb

TOPOLOGIES_FILE = ldb.SERVERS_FILE.parent / "topologies.json"
# Preferred ports sit below Linux's ephemeral range (32768-60999): a client socket of some other test
# can then never hold the port a topology server is about to listen on.
PG15_BIN = ldb.DEBIAN_PG_LIB / "15" / "bin"
GALERA_PROVIDER = Path("/usr/lib/galera/libgalera_smm.so")
MARIADBD = Path("/usr/sbin/mariadbd")


class TopologyUnavailable(ldb.ServerError):
    """This machine lacks something the topology needs (the message says what): reported as skipped."""


# ----------------------------------------------------------------------------- state file


def load() -> dict:
    try:
        return json.loads(TOPOLOGIES_FILE.read_text())
    except (OSError, ValueError):
        return {}


def save(name: str, entry: Optional[dict]) -> None:
    state = load()
    if entry is None:
        state.pop(name, None)
    else:
        state[name] = entry
    TOPOLOGIES_FILE.parent.mkdir(parents=True, exist_ok=True)
    TOPOLOGIES_FILE.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n")


def node(name: str, role: str, port: int, **extra: object) -> dict:
    return {"name": name, "role": role, "host": ldb.HOST, "port": port, **extra}


# ----------------------------------------------------------------------------- PostgreSQL


class TopologyPostgres(ldb.LocalPostgres):
    """A PostgreSQL 15 cluster of a topology, from the Debian binaries, with durable commits."""

    origin = "topology"

    def __init__(self, key: str, preferred_port: int, settings: str = "") -> None:
        super().__init__()
        self.key = key
        self.port = ldb.assigned_port(key, preferred_port)
        self.settings = settings

    @property
    def name(self) -> str:
        return self.key

    @property
    def bindir(self) -> Path:
        return PG15_BIN

    @property
    def datadir(self) -> Path:
        return ldb.STATE_DIR / self.key

    def extra_config(self) -> str:
        # The failover tests count committed transfers: a commit must be on disk (and on the
        # synchronous standby) before it is acknowledged, unlike the single test servers.
        return "synchronous_commit = on\nwal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n" + self.settings

    def sql(self, query: str) -> str:
        return self.psql_admin(query)

    def in_recovery(self) -> bool:
        return self.sql("SELECT pg_is_in_recovery();") == "t"

    def crash(self) -> None:
        """Stop at once, as a crash would (no shutdown checkpoint, clients cut off)."""
        if self.is_running():
            ldb.info(f"stopping {self.name} (immediate)")
            ldb.run([self.bin("pg_ctl"), "-D", self.datadir, "-m", "immediate", "-w", "stop"], user=self.user)

    def wipe(self) -> None:
        self.crash()
        shutil.rmtree(self.datadir, ignore_errors=True)


def require_pg15() -> None:
    if not (PG15_BIN / "postgres").exists():
        raise TopologyUnavailable(f"PostgreSQL 15 binaries not found in {PG15_BIN} (Debian package postgresql-15)")


class PgReplica:
    """Primary + one synchronous streaming hot standby; ``promote`` fails over to the standby."""

    name = "pg-replica"

    def __init__(self) -> None:
        self.primary = TopologyPostgres("topo-pg-primary", 25440, "wal_keep_size = '64MB'\n")
        self.standby = TopologyPostgres("topo-pg-standby", 25441, "cluster_name = 'standby1'\n")

    def healthy(self) -> bool:
        try:
            if not (self.primary.is_running() and self.standby.is_running()):
                return False
            return not self.primary.in_recovery() and self.standby.in_recovery()
        except ldb.ServerError:
            return False

    def up(self) -> dict:
        require_pg15()
        if not self.healthy():
            # first run, or after a failover: the old pair is test data, build a fresh one
            self.standby.wipe()
            self.primary.wipe()
            version = self.primary.bring_up()
            self.primary.setup_accounts(version)
            self.primary.verify_login()
            self.base_backup()
        self.wait_streaming()
        return self.entry()

    def base_backup(self) -> None:
        ldb.info(f"pg_basebackup of {self.primary.name} into {self.standby.datadir}")
        self.standby.datadir.mkdir(mode=0o700)
        ldb.chown(self.standby.datadir, self.standby.user)
        ldb.run(
            [
                self.primary.bin("pg_basebackup"),
                "-h",
                self.primary.datadir,
                "-p",
                self.primary.port,
                "-U",
                "postgres",
                "-D",
                self.standby.datadir,
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
            ],
            user=self.primary.user,
            timeout=120,
        )
        self.standby.configure()  # its own port and socket directory instead of the copied ones
        self.standby.start()
        # Synchronous only now: before the standby exists every commit would wait for it. Set with
        # ALTER SYSTEM after the copy, so the standby does not inherit it when promoted.
        self.primary.sql("ALTER SYSTEM SET synchronous_standby_names = '*'; SELECT pg_reload_conf();")

    def wait_streaming(self) -> None:
        ldb.wait_until(
            lambda: self.primary.sql("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync';") == "1",
            30,
            "the standby to stream synchronously",
        )

    def entry(self) -> dict:
        version = self.primary.server_version()
        return {
            "status": "up",
            "version": version,
            "user": ldb.LOGIN,
            "password": ldb.PASSWORD,
            "database": ldb.DATABASES[0],
            "nodes": [
                node(self.primary.name, "primary (synchronous_standby_names='*')", self.primary.port),
                node(self.standby.name, "hot standby (streaming, sync)", self.standby.port),
            ],
        }

    def fail_over(self) -> float:
        """Crash the primary and promote the standby; return the seconds until the standby accepts writes."""
        started = time.monotonic()
        self.primary.crash()
        self.promote()
        return time.monotonic() - started

    def promote(self) -> None:
        ldb.info(f"promoting {self.standby.name}")
        ldb.run(
            [self.standby.bin("pg_ctl"), "-D", self.standby.datadir, "-w", "-t", "30", "promote"],
            user=self.standby.user,
        )

    def down(self) -> None:
        self.standby.stop()
        self.primary.stop()


class PgBouncerTopology:
    """PgBouncer, transaction pooling, 5 server connections, in front of a PostgreSQL 15 of its own."""

    name = "pgbouncer"
    pool_size = 5

    def __init__(self) -> None:
        self.server = TopologyPostgres("topo-pgb-server", 25442)
        self.port = ldb.assigned_port("topo-pgbouncer", 26432)
        self.dir = ldb.STATE_DIR / "topo-pgbouncer"
        self.user = self.server.user

    @property
    def pidfile(self) -> Path:
        return self.dir / "pgbouncer.pid"

    def binary(self) -> str:
        found = shutil.which("pgbouncer") or ("/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None)
        if found:
            return found
        try:
            ldb.apt_install("pgbouncer")
        except ldb.ServerError as exc:
            raise TopologyUnavailable(str(exc)) from exc
        # the package starts a system service on 6432; it is not ours and not used
        ldb.run(["systemctl", "disable", "--now", "pgbouncer"], check=False)
        return shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"

    def config(self) -> str:
        return (
            "[databases]\n"
            f"* = host={ldb.HOST} port={self.server.port}\n"
            "[pgbouncer]\n"
            f"listen_addr = {ldb.HOST}\n"
            f"listen_port = {self.port}\n"
            "unix_socket_dir =\n"
            "auth_type = scram-sha-256\n"
            f"auth_file = {self.dir / 'userlist.txt'}\n"
            "pool_mode = transaction\n"
            f"default_pool_size = {self.pool_size}\n"
            f"max_db_connections = {self.pool_size}\n"
            "max_client_conn = 500\n"
            f"logfile = {self.dir / 'pgbouncer.log'}\n"
            f"pidfile = {self.pidfile}\n"
        )

    def is_running(self) -> bool:
        return ldb.process_matches(ldb.pid_from_file(self.pidfile), "pgbouncer")

    def up(self) -> dict:
        require_pg15()
        binary = self.binary()
        version = self.server.bring_up()
        self.server.setup_accounts(version)
        self.server.verify_login()
        self.dir.mkdir(parents=True, exist_ok=True)
        ldb.chown(self.dir, self.user)
        changed = ldb.write_file(self.dir / "pgbouncer.ini", self.config(), 0o600, self.user)
        changed |= ldb.write_file(self.dir / "userlist.txt", f'"{ldb.LOGIN}" "{ldb.PASSWORD}"\n', 0o600, self.user)
        if changed:
            self.stop()
        if not self.is_running():
            ldb.clear_stale_pidfile(self.pidfile, "pgbouncer")
            if ldb.port_open(self.port):
                raise ldb.ServerError(f"port {self.port} is already in use by another program")
            ldb.info(f"starting pgbouncer on {ldb.HOST}:{self.port}")
            ldb.run([binary, "-d", self.dir / "pgbouncer.ini"], user=self.user, timeout=30)
            ldb.wait_until(lambda: ldb.port_open(self.port), 15, f"pgbouncer on port {self.port}")
        bouncer = ldb.run([binary, "--version"]).stdout.split("\n")[0].split()[-1]
        return {
            "status": "up",
            "version": version,
            "pgbouncer_version": bouncer,
            "pool_mode": "transaction",
            "pool_size": self.pool_size,
            "user": ldb.LOGIN,
            "password": ldb.PASSWORD,
            "database": ldb.DATABASES[0],
            "nodes": [
                node("pgbouncer", f"pgbouncer {bouncer}, pool_mode=transaction, pool {self.pool_size}", self.port),
                node(self.server.name, "PostgreSQL behind pgbouncer", self.server.port),
            ],
        }

    def stop(self) -> None:
        pid = ldb.pid_from_file(self.pidfile)
        if ldb.process_matches(pid, "pgbouncer"):
            ldb.info("stopping pgbouncer")
            os.kill(pid, signal.SIGINT)  # type: ignore[arg-type]
            ldb.wait_until(lambda: not ldb.process_matches(pid, "pgbouncer"), 15, "pgbouncer to stop")

    def down(self) -> None:
        self.stop()
        self.server.stop()


# ----------------------------------------------------------------------------- Galera


class GaleraNode:
    def __init__(self, index: int) -> None:
        self.index = index
        self.name = f"topo-galera-{index}"
        self.port = ldb.assigned_port(self.name, 23410 + index)
        self.gcomm_port = ldb.assigned_port(self.name + "-gcomm", 24560 + index)
        self.ist_port = ldb.assigned_port(self.name + "-ist", 24570 + index)
        self.sst_port = ldb.assigned_port(self.name + "-sst", 24580 + index)
        self.dir = ldb.STATE_DIR / self.name
        self.datadir = self.dir / "data"
        self.socket = self.dir / "mariadbd.sock"
        self.pidfile = self.dir / "mariadbd.pid"
        self.log = self.dir / "mariadbd.log"
        self.user = ldb.service_user("mysql")

    def config(self, cluster: str) -> str:
        return (
            "[mariadbd]\n"
            f"datadir = {self.datadir}\n"
            f"port = {self.port}\n"
            f"bind-address = {ldb.HOST}\n"
            f"socket = {self.socket}\n"
            f"pid-file = {self.pidfile}\n"
            f"log-error = {self.log}\n"
            "skip-name-resolve\n"
            "binlog_format = ROW\n"
            "default_storage_engine = InnoDB\n"
            "innodb_autoinc_lock_mode = 2\n"
            "innodb_buffer_pool_size = 32M\n"
            "innodb_log_file_size = 16M\n"
            "performance_schema = OFF\n"
            "max_connections = 100\n"
            "wsrep_on = ON\n"
            f"wsrep_provider = {GALERA_PROVIDER}\n"
            "wsrep_cluster_name = rhosocial_topology\n"
            f"wsrep_cluster_address = gcomm://{cluster}\n"
            f"wsrep_node_name = node{self.index}\n"
            f"wsrep_node_address = {ldb.HOST}:{self.gcomm_port}\n"
            f"wsrep_sst_receive_address = {ldb.HOST}:{self.sst_port}\n"
            "wsrep_sst_method = rsync\n"
            f'wsrep_provider_options = "gmcast.listen_addr=tcp://{ldb.HOST}:{self.gcomm_port}; '
            f"ist.recv_addr={ldb.HOST}:{self.ist_port}; gcache.size=64M; evs.suspect_timeout=PT3S; "
            'evs.inactive_timeout=PT6S; evs.install_timeout=PT6S"\n'
            # tables without a primary key are refused by the server, not replicated row by row badly
            "wsrep_mode = REQUIRED_PRIMARY_KEY\n"
        )

    def is_running(self) -> bool:
        return ldb.process_matches(ldb.pid_from_file(self.pidfile), "mariadbd")

    def admin(self) -> list:
        return [ldb.mariadb_client(), "--no-defaults", f"--socket={self.socket}", "--user=root"]

    def sql(self, query: str) -> str:
        return ldb.run([*self.admin(), "--batch", "--skip-column-names"], input=query, timeout=30).stdout.strip()

    def status(self, variable: str) -> str:
        out = self.sql(f"SHOW GLOBAL STATUS LIKE '{variable}';")
        return out.split("\t")[1] if "\t" in out else ""

    def ready(self) -> bool:
        try:
            return self.status("wsrep_ready") == "ON" and self.status("wsrep_local_state_comment") == "Synced"
        except ldb.ServerError:
            return False

    def start(self, cluster: str, bootstrap: bool) -> None:
        if self.is_running():
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        self.datadir.mkdir(exist_ok=True)
        ldb.write_file(self.dir / "my.cnf", self.config(cluster), 0o644)
        ldb.chown(self.dir, self.user, recursive=True)
        ldb.clear_stale_pidfile(self.pidfile, "mariadbd")
        if ldb.port_open(self.port):
            raise ldb.ServerError(f"port {self.port} is already in use by another program")
        args = [str(MARIADBD), f"--defaults-file={self.dir / 'my.cnf'}"]
        if ldb.IS_ROOT:
            args.append(f"--user={self.user}")
        if bootstrap:
            args.append("--wsrep-new-cluster")
        # A joiner's rsync state transfer now and then dies at once ("rsync daemon terminated
        # unexpectedly"); the server then exits, and a second start succeeds. Try twice.
        for attempt in (1, 2):
            ldb.info(f"starting galera {self.name} on {ldb.HOST}:{self.port}" + (" (bootstrap)" if bootstrap else ""))
            with open(os.devnull, "wb") as null:
                process = subprocess.Popen(args, stdout=null, stderr=null, start_new_session=True, cwd="/")
            try:
                done = lambda p=process: p.poll() is not None or self.ready()  # noqa: E731
                ldb.wait_until(done, 90, f"galera {self.name} to sync")
            except ldb.ServerError as exc:
                raise ldb.ServerError(f"{exc}\n--- {self.log}:\n{ldb.tail(self.log)}") from exc
            if process.poll() is None:
                return
            if attempt == 1:
                ldb.warn(f"galera {self.name} exited while joining; starting it again")
        raise ldb.ServerError(f"galera {self.name} exited while starting\n--- {self.log}:\n{ldb.tail(self.log)}")

    def stop(self) -> None:
        pid = ldb.pid_from_file(self.pidfile)
        if not ldb.process_matches(pid, "mariadbd"):
            return
        ldb.info(f"stopping galera {self.name}")
        os.kill(pid, signal.SIGTERM)  # type: ignore[arg-type]
        ldb.wait_until(lambda: not ldb.process_matches(pid, "mariadbd"), 60, f"{self.name} to stop")

    def mark_safe_to_bootstrap(self) -> None:
        """Test data: after an unclean stop, let this node start the cluster again."""
        grastate = self.datadir / "grastate.dat"
        if grastate.exists():
            grastate.write_text(grastate.read_text().replace("safe_to_bootstrap: 0", "safe_to_bootstrap: 1"))


class GaleraTopology:
    name = "galera"

    def __init__(self) -> None:
        self.nodes = [GaleraNode(i) for i in (1, 2, 3)]

    @property
    def cluster(self) -> str:
        return ",".join(f"{ldb.HOST}:{n.gcomm_port}" for n in self.nodes)

    def check_installed(self) -> None:
        for path, package in ((GALERA_PROVIDER, "galera-4"), (MARIADBD, "mariadb-server")):
            if not path.exists():
                try:
                    ldb.apt_install(package)
                except ldb.ServerError as exc:
                    raise TopologyUnavailable(str(exc)) from exc
        if not shutil.which("rsync"):
            try:
                ldb.apt_install("rsync")
            except ldb.ServerError as exc:
                raise TopologyUnavailable(f"rsync (Galera's state transfer) missing: {exc}") from exc

    def up(self) -> dict:
        self.check_installed()
        ldb.ensure_state_dir()
        first = self.nodes[0]
        if not any(n.is_running() for n in self.nodes):
            if not (first.datadir / "mysql").exists():
                shutil.rmtree(first.dir, ignore_errors=True)
                first.datadir.mkdir(parents=True)
                ldb.chown(first.dir, first.user, recursive=True)
                ldb.info(f"initialising {first.datadir}")
                ldb.run(
                    [
                        "mariadb-install-db",
                        "--no-defaults",
                        f"--datadir={first.datadir}",
                        f"--user={first.user}",
                        "--skip-test-db",
                        "--auth-root-authentication-method=socket",
                    ],
                    timeout=300,
                )
            first.mark_safe_to_bootstrap()
            first.start(self.cluster, bootstrap=True)
        for n in self.nodes:
            n.start(self.cluster, bootstrap=False)
        running = next(n for n in self.nodes if n.is_running())
        self.accounts(running)
        size = running.status("wsrep_cluster_size")
        version = ldb.plain_version(running.sql("SELECT VERSION();"))
        return {
            "status": "up",
            "version": version,
            "cluster_size": int(size or 0),
            "user": ldb.LOGIN,
            "password": ldb.PASSWORD,
            "database": ldb.DATABASES[0],
            "nodes": [
                node(n.name, f"galera node{n.index} (gcomm {n.gcomm_port})", n.port, index=n.index) for n in self.nodes
            ],
        }

    def accounts(self, on: GaleraNode) -> None:
        on.sql(ldb.mariadb_accounts_sql())

    def stop_node(self, index: int) -> None:
        self.nodes[index - 1].stop()

    def start_node(self, index: int) -> None:
        self.nodes[index - 1].start(self.cluster, bootstrap=False)

    def down(self) -> None:
        # the last node stopped is the one safe to bootstrap from: stop node 1 last
        for n in reversed(self.nodes):
            n.stop()


# ----------------------------------------------------------------------------- commands


TOPOLOGIES = {"pg-replica": PgReplica, "pgbouncer": PgBouncerTopology, "galera": GaleraTopology}


def up(name: str) -> dict:
    """Bring ``name`` up (idempotent) and record it; a topology that cannot run here is recorded as skipped."""
    started = time.monotonic()
    try:
        entry = TOPOLOGIES[name]().up()
    except TopologyUnavailable as exc:
        entry = {"status": "skipped", "reason": str(exc)}
        ldb.warn(f"topology {name} skipped: {exc}")
    except ldb.ServerError as exc:
        entry = {"status": "skipped", "reason": f"could not start: {exc}"}
        ldb.warn(f"topology {name} could not start: {exc}")
    entry["bring_up_seconds"] = round(time.monotonic() - started, 1)
    save(name, entry)
    return entry


def down(names: Optional[list] = None) -> None:
    for name in names or list(TOPOLOGIES):
        try:
            TOPOLOGIES[name]().down()
        except ldb.ServerError as exc:
            ldb.warn(f"could not stop topology {name}: {exc}")
        save(name, None)


def print_status() -> None:
    state = load()
    if not state:
        print("(no topologies; run: python tools/localdb.py topology up)")
    for name, entry in sorted(state.items()):
        if entry.get("status") != "up":
            print(f"{name}: skipped - {entry.get('reason')}")
            continue
        print(f"{name}: {entry.get('version')} (bring-up {entry.get('bring_up_seconds')}s)")
        for n in entry["nodes"]:
            running = "running" if ldb.port_open(n["port"], n["host"]) else "NOT running"
            print(f"  {n['name']:20} {n['host']}:{n['port']:<6} {running:12} {n['role']}")
    print(f"state: {TOPOLOGIES_FILE} (the tests bring their topology up themselves)")


def main(argv: list) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="localdb.py topology", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for command in ("up", "down"):
        p = sub.add_parser(command)
        p.add_argument("names", nargs="*", help=f"any of {', '.join(TOPOLOGIES)} (default: all)")
    sub.add_parser("status")
    sub.add_parser("promote", help="pg-replica: crash the primary and promote the standby")
    for command in ("stop-node", "start-node"):
        p = sub.add_parser(command, help="galera: stop or (re)join node 1, 2 or 3")
        p.add_argument("index", type=int, choices=(1, 2, 3))
    args = parser.parse_args(argv)
    unknown = [n for n in getattr(args, "names", []) if n not in TOPOLOGIES]
    if unknown:
        parser.error(f"unknown topology {', '.join(unknown)} (known: {', '.join(TOPOLOGIES)})")
    if args.command == "up":
        for name in args.names or list(TOPOLOGIES):
            up(name)
        print_status()
    if args.command == "down":
        down(args.names or None)
    elif args.command == "status":
        print_status()
    elif args.command == "promote":
        print(f"standby promoted {PgReplica().fail_over():.2f}s after the primary stopped")
    elif args.command == "stop-node":
        GaleraTopology().stop_node(args.index)
    elif args.command == "start-node":
        GaleraTopology().start_node(args.index)
    return 0
