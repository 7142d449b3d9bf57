"""Backend time over raw driver time per driver implementation, with SQLAlchemy 2 and the published backends.

    python tools/benchmark.py                       every backend with a server: median of 5 runs per ratio
    python tools/benchmark.py --quick               median of 3 (same workloads)
    python tools/benchmark.py --backend postgres    one backend (repeatable); --server pg16 picks a server
    python tools/benchmark.py --impl python         one driver implementation (repeatable; binary-async,
                                                    pure-async, ...: the async backend)
    python tools/benchmark.py --only fetch_one      one workload (repeatable)
    python tools/benchmark.py --profile             no timings: our packages' top functions per workload
    hatch run bench:all ...                         the same through hatch (SQLAlchemy, matplotlib there)

Each driver implementation runs in its own process (psycopg: PSYCOPG_IMPL=binary / c / python;
mysql-connector: use_pure off / on; each "-async" one: the async backend and AsyncActiveRecord against
the driver's asyncio API, on one event loop), on the workloads of tools/benchmarks/workloads.py, each paired in
alternation with the raw driver; SQLAlchemy (Core / ORM) on the same connections; the earlier published
backend in a throwaway venv (.reports/bench/venvs, never our environments) against the same server.
Prints one table per backend and implementation, writes .reports/bench/<UTC stamp>.json and latest.json
(and <backend>-<impl>.png with matplotlib). Exit code 1 when a run failed, or with --strict when a
backend-level ratio misses its target.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
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
DEFAULT_REPEAT = 5
QUICK_REPEAT = 3
# Each backend's driver implementations, as its benchmark module names them (a module may say more).
# "-async": the async backend and AsyncActiveRecord against the driver's asyncio API (mysql.connector.aio
# is pure Python only, so MySQL has one async run).
IMPLEMENTATIONS = {
    "postgres": ("binary", "c", "python", "binary-async", "c-async", "python-async"),
    "mysql": ("cext", "pure", "pure-async"),
    "oracle": ("thin", "thick"),
}
# The earlier published backends, measured in a venv of their own: they share our namespace packages.
PUBLISHED = {
    "postgres": "rhosocial-activerecord-postgres==1.0.0.dev16",
    "mysql": "rhosocial-activerecord-mysql==1.0.0.dev19",
}
WORKER_TIMEOUT = 1800

if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))
from benchmarks import report  # noqa: E402  (tools/ has to be on sys.path first)
from benchmarks.workloads import BY_KEY, split_mode  # noqa: E402


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


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


# --- the worker: one backend x implementation, in its own process -----------------------------------


def work(args: argparse.Namespace) -> report.RunResult:
    """Open the backend module's kit and time (or profile) every workload; never raises."""
    logging.disable(logging.CRITICAL)  # measure the work, not log formatting (the core logs at DEBUG)
    server = json.loads(args.server_json)
    result = report.RunResult(
        args.worker, args.as_impl, "ok", server=server["name"], server_label=server.get("label", server["name"])
    )
    module = _load(args.worker)
    if module is None or not hasattr(module, "open_kit"):
        result.status, result.reason = "skipped", f"no open_kit() in tools/benchmarks/{args.worker}.py"
        return result
    only = set(args.only) if args.only else None
    tag = f"[{args.worker}/{args.as_impl}{' published' if args.published else ''}]"
    try:
        kit = module.open_kit(server, args.as_impl, published=args.published)
    except ImportError as exc:
        result.status, result.reason = "skipped", f"{args.as_impl} not available: {exc}"
        return result
    except Exception as exc:
        unavailable = getattr(module, "Unavailable", ())
        result.status = "skipped" if unavailable and isinstance(exc, unavailable) else "error"
        result.reason = f"{type(exc).__name__}: {exc}" if result.status == "error" else str(exc)
        return result
    result.driver, result.used = kit.driver, kit.implementation
    print(f"{tag} {kit.driver}, backend uses {kit.implementation['used']} ({kit.implementation['source']})", flush=True)
    try:
        if args.profile:
            from benchmarks.profiling import profile_suite

            print(f"{tag} profiling ...", flush=True)
            result.profile = profile_suite(kit.raw, kit.ours, only)
            return result
        from benchmarks.workloads import run_suite, without

        print(f"{tag} {kit.ours.name}, median of {args.repeat} ...", flush=True)
        if args.published:
            # its execute_many sends row by row (see execute_many 5,000): 100,000 rows would take minutes a run
            result.pairings += run_suite(kit.raw, without(kit.ours, "bulk_load"), args.repeat, only)
            return result
        result.pairings += run_suite(kit.raw, kit.ours, args.repeat, only)
        for extra in kit.extra:
            print(f"{tag} {extra.name} ...", flush=True)
            result.pairings += run_suite(kit.raw, extra, args.repeat, only)
        if kit.asynchronous:
            result.reason = "SQLAlchemy and the published backend: in the sync runs"
        elif _has("sqlalchemy"):
            from benchmarks import sqlalchemy_ref

            print(f"{tag} SQLAlchemy Core / ORM ...", flush=True)
            try:
                contender, dispose = sqlalchemy_ref.contender(kit.sqlalchemy_url, kit.connect, module.TABLE)
            except Exception as exc:  # the reference failing must not lose our figures
                result.reason = f"SQLAlchemy left out: {type(exc).__name__}: {exc}"
            else:
                try:
                    result.pairings += run_suite(kit.raw, contender, args.repeat, only)
                finally:
                    dispose()
        else:
            result.reason = "sqlalchemy not installed (use `hatch run bench:all`)"
    except Exception as exc:  # keep what was measured
        traceback.print_exc()
        result.status, result.reason = "error", f"{type(exc).__name__}: {exc}"
    finally:
        with contextlib.suppress(Exception):
            kit.close()
    return result


# --- the parent: servers, processes, the published venvs, the report ----------------------------------


def server_dict(server: Any) -> dict[str, Any]:
    fields = ("name", "label", "host", "port", "user", "password", "database")
    return {f: getattr(server, f) for f in fields}


def spawn(
    python: str, backend: str, impl: str, server: dict[str, Any], args: argparse.Namespace, published: bool = False
) -> report.RunResult:
    """Run one worker process; its result, or an error result with the end of its output."""
    env = dict(os.environ)
    if backend == "postgres" and not published:
        env["PSYCOPG_IMPL"] = split_mode(impl)[0]
    with tempfile.TemporaryDirectory(prefix="rhosocial-bench-") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [python, str(Path(__file__).resolve()), "--worker", backend, "--as-impl", impl]
        cmd += ["--server-json", json.dumps(server), "--result", str(out), "--repeat", str(args.repeat)]
        cmd += [a for key in args.only or [] for a in ("--only", key)]
        cmd += ["--profile"] if args.profile else []
        cmd += ["--published"] if published else []
        try:
            proc = subprocess.run(cmd, env=env, cwd=ROOT, timeout=WORKER_TIMEOUT, stderr=subprocess.PIPE, text=True)
        except subprocess.TimeoutExpired:
            return report.RunResult(backend, impl, "error", server["name"], reason=f"timed out ({WORKER_TIMEOUT} s)")
        if proc.stderr:
            sys.stderr.write(proc.stderr)
        if out.is_file():
            return report.RunResult.from_json(json.loads(out.read_text()))
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        return report.RunResult(backend, impl, "error", server["name"], reason=f"exit {proc.returncode}: {tail}")


def published_python(backend: str, venvs: Path) -> tuple[Optional[str], str]:
    """(python of a venv holding the published backend, '') or (None, why not); installs once per spec."""
    spec = PUBLISHED.get(backend)
    if spec is None:
        return None, "no published backend to compare with"
    venv = venvs / backend
    python = venv / "bin" / "python"
    marker = venv / "installed.txt"
    if marker.is_file() and marker.read_text().strip() == spec and python.is_file():
        return str(python), ""
    print(f"[{backend}] installing {spec} into {venv} (pip install --pre) ...", flush=True)
    steps = [
        [sys.executable, "-m", "venv", "--clear", str(venv)],
        [str(python), "-m", "pip", "install", "--quiet", "--pre", spec],
    ]
    for step in steps:
        proc = subprocess.run(step, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
            return None, f"`{' '.join(step[-3:])}` failed: {tail}"
    marker.write_text(spec + "\n")
    return str(python), ""


def attach_published(runs: list[report.RunResult], published: report.RunResult, package: str) -> None:
    """Put the published backend's pairings in the table of the driver implementation it ran on (else the first)."""
    ok = [r for r in runs if r.status == "ok" and not split_mode(r.implementation)[1]]  # its sync backend
    if not ok:
        return
    # matched on what the raw side of each run detected (our naming on both sides; what a backend reports
    # in server_info may be spelt otherwise)
    driver = published.used.get("driver", "")
    home = next((r for r in ok if r.used.get("driver") == driver), ok[0])
    used = published.used.get("used", "")
    home.published = {
        "package": package,
        "driver": published.driver,
        "used": used,
        "reason": published.reason if published.status != "ok" else "",
    }
    home.pairings += [p for p in published.pairings if p.contender == "published"]


def bench_backend(backend: str, args: argparse.Namespace) -> list[report.RunResult]:
    from rhosocial.activerecord.backend.toolkit.testing.servers import no_server_reason, servers_for

    servers = [s for s in servers_for(backend, tls=False) if args.server in (None, s.name)]
    if not servers:
        reason = f"no server named {args.server}" if args.server else no_server_reason(backend)
        if backend == "oracle" and not args.server:
            reason = f"no Oracle DSN; {reason}"  # Oracle runs only where a DSN is given (no local server)
        return [report.RunResult(backend, "-", "skipped", reason=reason)]
    if backend not in IMPLEMENTATIONS:
        return [report.RunResult(backend, "-", "skipped", servers[0].name, reason=f"no tools/benchmarks/{backend}.py")]
    server = server_dict(servers[0])
    impls = [i for i in IMPLEMENTATIONS[backend] if not args.impl or i in args.impl]
    runs = []
    for impl in impls:
        print(f"[{backend}/{impl}] {server['label']} ...", flush=True)
        runs.append(spawn(sys.executable, backend, impl, server, args))
    if args.profile or args.no_published:
        return runs
    python, why = published_python(backend, args.venvs)
    package = PUBLISHED.get(backend, "")
    if python is None:
        published = report.RunResult(backend, "default", "skipped", server["name"], reason=why)
    else:
        print(f"[{backend}] published backend {package} ...", flush=True)
        published = spawn(python, backend, "default", server, args, published=True)
    if published.status != "ok":
        print(f"[{backend}] published backend skipped: {published.reason}", flush=True)
    attach_published(runs, published, package)
    return runs


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for dist in ("rhosocial-activerecord", "sqlalchemy", "psycopg", "mysql-connector-python", "oracledb"):
        with contextlib.suppress(PackageNotFoundError):
            found[dist] = version(dist)
    return found


def print_profiles(results: Sequence[report.RunResult]) -> None:
    from benchmarks.profiling import format_profile

    for r in results:
        if r.status != "ok":
            print(report.format_table(r))
            continue
        print(f"profile: {report.title(r)}; backend used {r.used.get('used', '?')}")
        for key, summary in r.profile.items():
            print(format_profile(BY_KEY[key].label, summary))
        print()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--backend", action="append", choices=BACKENDS, help="only this backend (repeatable)")
    p.add_argument("--server", help="this server (by name) instead of each backend's first")
    p.add_argument("--impl", action="append", help="only this driver implementation (repeatable)")
    p.add_argument("--only", action="append", choices=sorted(BY_KEY), help="only this workload (repeatable)")
    p.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help=f"runs per ratio (default {DEFAULT_REPEAT})")
    p.add_argument("--quick", action="store_true", help=f"{QUICK_REPEAT} runs per ratio")
    p.add_argument("--profile", action="store_true", help="profile our side instead of timing")
    p.add_argument("--no-published", action="store_true", help="leave out the earlier published backends")
    p.add_argument("--venvs", type=Path, default=OUT / "venvs", help="where the published backends' venvs go")
    p.add_argument("--out", type=Path, default=OUT, help="report folder (default .reports/bench)")
    p.add_argument("--strict", action="store_true", help="exit 1 when a backend ratio misses its target")
    # internal: one worker process
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--as-impl", help=argparse.SUPPRESS)
    p.add_argument("--server-json", help=argparse.SUPPRESS)
    p.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--published", action="store_true", help=argparse.SUPPRESS)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    args.repeat = QUICK_REPEAT if args.quick else max(1, args.repeat)
    if args.worker:
        result = work(args)
        args.result.write_text(json.dumps(result.to_json()))
        return 0
    backends = args.backend or list(BACKENDS)
    if args.server and not args.backend:
        from rhosocial.activerecord.backend.toolkit.testing.servers import load_servers

        backends = [s.backend for s in load_servers() if s.name == args.server][:1] or backends

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    results = [run for b in backends for run in bench_backend(b, args)]
    print()
    if args.profile:
        print_profiles(results)
        return 1 if any(r.status == "error" for r in results) else 0
    meta = {"created": datetime.now(timezone.utc).isoformat(), "python": platform.python_version()}
    doc = report.document(results, stamp=stamp, repeat=args.repeat, meta={**meta, "versions": _versions()})
    path = report.write_json(doc, args.out)
    charts = _has("matplotlib")
    for r in results:
        print(report.format_table(r))
        if r.status == "ok" and r.reason:
            print(f"  note: {r.reason}")
        if r.status == "ok" and charts:
            print(f"  chart: {report.chart(r, args.out / f'{r.backend}-{r.implementation}.png')}")
        print()
    if not charts:
        print("no charts: matplotlib not installed (use `hatch run bench:all`)")
    print(report.LEGEND)
    print(f"results: {path} (and latest.json)")
    failed = any(r.status == "error" for r in results)
    over = any(r.over_target() for r in results if r.status == "ok")
    return 1 if failed or (args.strict and over) else 0


if __name__ == "__main__":
    sys.exit(main())
