"""MySQL/MariaDB backend time over raw mysql-connector time, same run, same server.

    python tools/benchmarks/mysql.py [--server mariadb] [--repeat 5]

Workloads: executemany 5,000 rows; fetch_all 20,000 rows; 2,000 point selects by key; then the
same three through models. Each figure is the best of ``--repeat`` runs (least noise); the
ratio is backend / raw, target <= 1.3 for the backend-level rows.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from typing import ClassVar, Optional

ROWS_MANY = 5_000
ROWS_FETCH = 20_000
POINT_SELECTS = 2_000
TABLE = "bench_mysql"
DDL = (
    f"CREATE TABLE {TABLE} (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL, "
    "amount DECIMAL(12,2) NOT NULL, qty INT NOT NULL)"
)
INSERT = f"INSERT INTO {TABLE} (name, amount, qty) VALUES (%s, %s, %s)"
SELECT_ALL = f"SELECT id, name, amount, qty FROM {TABLE}"
SELECT_ONE = f"SELECT id, name, amount, qty FROM {TABLE} WHERE id = %s"

# This file is named like the driver package: keep its folder off sys.path so
# ``import mysql.connector`` finds the driver, and load the shared helpers by path.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]
_COMMON = os.path.join(_HERE, "common.py")
_spec = importlib.util.spec_from_file_location("_bench_common", _COMMON) if os.path.exists(_COMMON) else None
_common = importlib.util.module_from_spec(_spec) if _spec and _spec.loader else None
if _common is not None and _spec is not None and _spec.loader is not None:
    sys.modules["_bench_common"] = _common  # dataclasses in it look their module up
    _spec.loader.exec_module(_common)


def _timed(fn: Callable[[], object], setup: Optional[Callable[[], object]]) -> float:
    if setup is not None:
        setup()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired(
    raw: Callable[[], object], ours: Callable[[], object], repeat: int, setup: Optional[Callable[[], object]] = None
) -> tuple[float, float]:
    """Best wall time of each side, the two run alternately so load from elsewhere hits both alike."""
    if _common is not None and hasattr(_common, "paired"):
        return _common.paired(raw, ours, repeat, setup)
    best_raw = best_ours = float("inf")
    for _ in range(repeat):
        best_raw = min(best_raw, _timed(raw, setup))
        best_ours = min(best_ours, _timed(ours, setup))
    return best_raw, best_ours


def rows(n: int) -> list[tuple]:
    return [(f"name-{i}", Decimal(i % 1000) / 4, i) for i in range(n)]


def pick_server(name: Optional[str]):
    from rhosocial.activerecord.backend.toolkit.testing.servers import no_server_reason, servers_for

    servers = [s for s in servers_for("mysql", tls=False) if name in (None, s.name)]
    if not servers:
        sys.exit(no_server_reason("mysql"))
    return servers[0]


Figure = tuple[str, float, float]  # (workload, raw seconds, backend seconds)


def run(server, repeat: int = 5) -> tuple[list[Figure], list[Figure]]:
    """Time every workload on ``server`` (a ServerTarget): (backend-level figures, model-level figures)."""
    logging.disable(logging.CRITICAL)  # measure the work, not log formatting

    import mysql.connector
    from mysql.connector.cursor import MySQLCursorBuffered

    from rhosocial.activerecord.backend.impl.mysql import MySQLBackend, MySQLConnectionConfig
    from rhosocial.activerecord.backend.impl.mysql.config import build_connect_args
    from rhosocial.activerecord.base.field_proxy import FieldProxy
    from rhosocial.activerecord.model import ActiveRecord

    config = MySQLConnectionConfig(
        host=server.host, port=server.port, database=server.database, username=server.user, password=server.password
    )
    raw = mysql.connector.connect(**build_connect_args(config))
    cur = MySQLCursorBuffered(raw)  # what the backend uses; connection.cursor() would add a ping
    backend = MySQLBackend(config)
    backend.connect()

    class BenchRow(ActiveRecord):
        __table_name__ = TABLE
        c: ClassVar[FieldProxy] = FieldProxy()
        id: Optional[int] = None
        name: str
        amount: Decimal
        qty: int

    BenchRow.configure(config, MySQLBackend)

    def reset(n: int = 0) -> Callable[[], None]:
        def run() -> None:
            cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
            cur.execute(DDL)
            if n:
                cur.executemany(INSERT, rows(n))

        return run

    data = rows(ROWS_MANY)
    keys = [1 + (i * 7919) % ROWS_FETCH for i in range(POINT_SELECTS)]
    results: list[Figure] = []

    def point_raw() -> None:
        for k in keys:
            cur.execute(SELECT_ONE, (k,))
            cur.fetchall()

    def point_backend() -> None:
        for k in keys:
            backend.fetch_one(SELECT_ONE, (k,))

    def point_model() -> None:
        for k in keys:
            BenchRow.find_one(k)

    def fetch_raw() -> None:
        cur.execute(SELECT_ALL)
        cur.fetchall()

    def bulk_model() -> None:
        BenchRow.bulk_create([BenchRow(name=n, amount=a, qty=q) for n, a, q in data])

    r = repeat
    results.append(
        (
            f"executemany {ROWS_MANY} rows",
            *paired(lambda: cur.executemany(INSERT, data), lambda: backend.execute_many(INSERT, data), r, reset()),
        )
    )
    reset(ROWS_FETCH)()
    results.append((f"fetch_all {ROWS_FETCH} rows", *paired(fetch_raw, lambda: backend.fetch_all(SELECT_ALL), r)))
    results.append((f"{POINT_SELECTS} point selects", *paired(point_raw, point_backend, r)))
    model_rows: list[Figure] = [
        (f"model bulk_create {ROWS_MANY}", *paired(lambda: cur.executemany(INSERT, data), bulk_model, r, reset()))
    ]
    reset(ROWS_FETCH)()
    model_rows.append((f"model query().all() {ROWS_FETCH}", *paired(fetch_raw, lambda: BenchRow.query().all(), r)))
    model_rows.append((f"model find_one x{POINT_SELECTS}", *paired(point_raw, point_model, r)))

    cur.execute(f"DROP TABLE IF EXISTS {TABLE}")
    backend.disconnect()
    BenchRow.backend().disconnect()
    raw.close()
    return results, model_rows


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    server = pick_server(args.server)
    results, model_rows = run(server, args.repeat)
    r = args.repeat
    print(f"server: {server.label}; best of {r}; ratio = backend / raw mysql-connector (target <= 1.3)")
    print(f"{'workload':34} {'raw s':>9} {'ours s':>9} {'ratio':>7}")
    for label, raw_t, ours in results + model_rows:
        print(f"{label:34} {raw_t:9.4f} {ours:9.4f} {ours / raw_t:7.2f}")
    worst = max(ours / raw_t for _, raw_t, ours in results)
    return 0 if worst <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
