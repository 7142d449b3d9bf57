"""Backend time over raw driver time, with SQLAlchemy Core as a reference, for every backend with a server.

    python tools/benchmark.py                       first server of each backend, best of 5
    python tools/benchmark.py --quick               best of 2 (same workloads, fewer repetitions)
    python tools/benchmark.py --backend postgres    one backend (repeatable); --server pg16 picks a server
    hatch run bench:all ...                         the same through hatch (SQLAlchemy and matplotlib there)

The workloads are those of tools/benchmarks/<backend>.py (executemany 5,000 rows, fetch_all 20,000
rows, 2,000 point selects by key, then the same through models); the three backend-level ones are
also run through SQLAlchemy Core on the same driver. Prints one table per backend and writes
.reports/bench/<UTC stamp>.json, latest.json and <backend>.png (ratios over raw, lines at 1.0 and 1.3).
Exit code 1 when a backend's run failed, or with --strict when a backend-level ratio is over 1.3.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import platform
import sys
import traceback
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Any, Optional

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
BENCH_DIR = TOOLS / "benchmarks"
OUT = ROOT / ".reports" / "bench"
BACKENDS = ("postgres", "mysql", "oracle")
DRIVERS = {"postgres": "psycopg", "mysql": "mysql-connector", "oracle": "oracledb"}
QUICK_REPEAT = 2

sys.path.insert(0, str(TOOLS))
from benchmarks import report  # noqa: E402  (tools/ has to be on sys.path first)


def _load(backend: str) -> Optional[ModuleType]:
    """tools/benchmarks/<backend>.py as ``benchmarks.<backend>``, or None when there is none.

    Its folder must not stay on sys.path: tools/benchmarks/mysql.py would hide the ``mysql`` driver.
    """
    if not (BENCH_DIR / f"{backend}.py").is_file():
        return None
    try:
        return importlib.import_module(f"benchmarks.{backend}")
    finally:
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH_DIR]


def figures(module: ModuleType, server: Any, repeat: int) -> list[report.Figure]:
    """A backend benchmark's ``run()`` output as (label, raw s, backend s, gated) rows.

    postgres.py returns ``common.Result`` objects; mysql.py returns (backend-level, model-level) tuples.
    """
    out = module.run(server, repeat)
    if isinstance(out, tuple):
        gated, models = out
        return [(label, raw, ours, True) for label, raw, ours in gated] + [
            (label, raw, ours, False) for label, raw, ours in models
        ]
    return [(r.label, r.raw, r.ours, r.gated) for r in out]


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def bench_backend(backend: str, server_name: Optional[str], repeat: int) -> report.BackendResult:
    from rhosocial.activerecord.backend.toolkit.testing.servers import no_server_reason, servers_for

    servers = [s for s in servers_for(backend, tls=False) if server_name in (None, s.name)]
    if not servers:
        reason = f"no server named {server_name}" if server_name else no_server_reason(backend)
        return report.BackendResult(backend, "skipped", reason=reason)
    server = servers[0]
    result = report.BackendResult(
        backend, "ok", server=server.name, server_label=server.label, driver=DRIVERS.get(backend, "")
    )
    module = _load(backend)
    if module is None or not hasattr(module, "run"):
        result.status, result.reason = "skipped", f"no run() in tools/benchmarks/{backend}.py"
        return result
    try:
        print(f"[{backend}] {server.label}: backend and models, best of {repeat} ...", flush=True)
        rows = figures(module, server, repeat)
        sqla: dict[str, tuple[float, float]] = {}
        if _has("sqlalchemy"):
            from benchmarks import sqlalchemy_ref

            if backend in sqlalchemy_ref.SIDES:
                print(f"[{backend}] SQLAlchemy Core, best of {repeat} ...", flush=True)
                sqla = sqlalchemy_ref.run(backend, server, module, repeat)
        else:
            result.reason = "sqlalchemy not installed (use `hatch run bench:all`)"
        result.rows = report.merge(rows, sqla)
    except Exception as exc:  # one backend failing must not lose the others' figures
        traceback.print_exc()
        result.status, result.reason = "error", f"{type(exc).__name__}: {exc}"
    return result


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for dist in ("rhosocial-activerecord", "sqlalchemy", "psycopg", "mysql-connector-python", "oracledb"):
        with contextlib.suppress(PackageNotFoundError):
            found[dist] = version(dist)
    return found


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", action="append", choices=BACKENDS, help="only this backend (repeatable)")
    parser.add_argument("--server", help="this server (by name) instead of each backend's first")
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs per figure (default 5)")
    parser.add_argument("--quick", action="store_true", help=f"best of {QUICK_REPEAT} runs")
    parser.add_argument("--out", type=Path, default=OUT, help="report folder (default .reports/bench)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a backend-level ratio is over 1.3")
    args = parser.parse_args(argv)
    repeat = QUICK_REPEAT if args.quick else max(1, args.repeat)
    backends = args.backend or list(BACKENDS)
    if args.server and not args.backend:
        from rhosocial.activerecord.backend.toolkit.testing.servers import load_servers

        backends = [s.backend for s in load_servers() if s.name == args.server][:1] or backends

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    results = [bench_backend(b, args.server, repeat) for b in backends]
    meta = {"created": datetime.now(timezone.utc).isoformat(), "python": platform.python_version()}
    doc = report.document(results, stamp=stamp, repeat=repeat, meta={**meta, "versions": _versions()})
    path = report.write_json(doc, args.out)

    charts = _has("matplotlib")
    print()
    for r in results:
        print(report.format_table(r))
        if r.status == "ok" and r.reason:
            print(f"  note: {r.reason}")
        if r.status == "ok" and charts:
            print(f"  chart: {report.chart(r, args.out / f'{r.backend}.png')}")
        print()
    if not charts:
        print("no charts: matplotlib not installed (use `hatch run bench:all`)")
    print(f"ratio = time / raw driver time, best of {repeat}; target <= {report.TARGET} for backend-level rows")
    print("each ratio is over the raw run it alternated with (SQLAlchemy's raw figure: sqlalchemy_raw_s in the JSON)")
    print(f"results: {path} (and latest.json)")
    failed = any(r.status == "error" for r in results)
    over = any(r.over_target() for r in results if r.status == "ok")
    return 1 if failed or (args.strict and over) else 0


if __name__ == "__main__":
    sys.exit(main())
