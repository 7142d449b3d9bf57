"""The full test run: `hatch run test:all` (and `.ci/run`) execute exactly this.

It brings the local databases up (tools/localdb.py), then runs, each as its own pytest
process so one crash cannot hide the rest:
  unit         toolkit unit tests (with the branch-coverage floor), each backend's unit tests,
               the cross-backend tests under tests/
  integration  each backend's integration and fault tests, once per server of that backend, and its
               restart tests once per fault instance (a server the tests restart, see localdb restart)
  compliance   the official compliance suite, once per server of each backend: in full on the
               oldest and newest version and on the system server, on the other versions only the
               areas whose behaviour depends on the server version (COMPLIANCE_VERSION_AREAS);
               --full-compliance runs it in full everywhere
  conformance  the toolkit's conformance harness (every capability claim proven through the dialect),
               once per server of each backend; Oracle's server-free half runs without a server
  topology     one step per multi-server topology (tools/topologies.py: PostgreSQL primary + sync
               standby with a failover, PgBouncer in transaction mode, a 3-node Galera cluster),
               each brought up by its tests and stopped after its step (RHOSOCIAL_KEEP_TOPOLOGIES=1
               keeps them); a topology that cannot start here reports its tests skipped with the reason
After the conformance steps, the capability page (docs/capabilities/<backend>.md) of every backend
whose conformance ran against a server is written from the reports, so a run with
RHOSOCIAL_ORACLE_DSN set leaves the page for that Oracle server.
A failed test named in TIMING_SENSITIVE is run once more in a fresh process; the summary shows
both attempts and the step passes only if the second does (never skipped).
A backend with no server still runs its server tests, which then report "skipped" with the
reason (no Oracle DSN, ...), so nothing silently collects zero tests.
Results come from JUnit XML; the summary table and the closing "N passed, N failed" line
are printed at the end, and the exit code is non-zero if anything failed or errored.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import hatch_floor  # tools/ is on sys.path: run as a script

if __name__ == "__main__":
    hatch_floor.check()  # before the imports below: an old hatch installed none of our packages

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / ".reports" / "tests"
BACKENDS = ("postgres", "mysql", "oracle")
KINDS = ("unit", "integration", "compliance", "conformance", "topology")
# Multi-server topologies (tools/topologies.py), each a step of its own: the backend it tests, its
# test module, and the most the step may take with its bring-up (the three together run in ~1 min).
TOPOLOGY_STEPS = {
    "pg-replica": ("postgres", "tests/topologies/test_pg_replica.py"),
    "pgbouncer": ("postgres", "tests/topologies/test_pgbouncer.py"),
    "galera": ("mysql", "tests/topologies/test_galera.py"),
}
TOPOLOGY_STEP_TIMEOUT_S = 6 * 60
# The server the MySQL integration tests run on once per driver implementation (C extension, pure).
MYSQL_DRIVER_SERVER = "mariadb"
TOOLKIT_COVERAGE_FLOOR = 95
# One pytest process may not run longer than this; a hung server must not eat CI's 90 minutes.
STEP_TIMEOUT_S = 25 * 60
# Per-test ceiling, passed to pytest-timeout.
TEST_TIMEOUT_S = 300
# Compliance tests whose pass depends on the machine's load, not on our code: the worker pool's
# graceful shutdown gives freshly spawned workers 10 s, and a starved machine spends that
# importing (evidence: packages/postgres/tests/compliance/SKIPS.md). Rerun once when they fail.
TIMING_SENSITIVE = ("test_graceful_shutdown_with_pending_tasks",)
# The compliance areas whose outcome can change with the server version (types and their
# round trips, DDL, transactions, connection probing, CTE / window / aggregate / set-operation
# SQL, error mapping). The suite's capability gates ask nothing that differs between the
# versions of one backend we support, so the rest (CRUD, relations, events, workers, ...)
# exercises our code the same way on every version: it runs in full on the oldest, newest and
# system server and these areas on the others, about a third of the suite.
COMPLIANCE_VERSION_AREAS = {
    "postgres": (
        "feature/basic/type_adapter",
        "feature/basic/fields",
        "feature/basic/ddl",
        "feature/basic/transaction",
        "feature/basic/connection",
        "feature/query/cte",
        "feature/query/window_functions",
        "feature/query/aggregate",
        "feature/query/set_operations",
        "feature/query/error_handling",
    ),
}

sys.path.insert(0, str(ROOT / "shared" / "toolkit" / "src"))
from rhosocial.activerecord.backend.toolkit.testing.servers import (  # noqa: E402
    ServerTarget,
    fault_servers,
    servers_for,
    suite_servers,
)


@dataclass
class Step:
    name: str
    kind: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    junit: Path | None = None
    # what the step covers, for reports: backend ("toolkit" / "cross-backend" for those steps)
    # and server name ("" when the step needs none or there is none)
    backend: str = ""
    server: str = ""
    # how to run some of the step's tests again: argv for (pytest node ids, junit path)
    rerun: Callable[[list[str], Path], list[str]] | None = None
    scope: str = ""  # what part of the suite the step runs, for the summary ("" = all)
    # filled in by run()
    returncode: int | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    attempts: list[str] = field(default_factory=list)  # reruns of timing-sensitive tests, as told
    timeout: int = STEP_TIMEOUT_S

    @property
    def ok(self) -> bool:
        if self.returncode not in (0, 5):  # 5: pytest collected nothing (counted below)
            return False
        return not (self.counts.get("failed") or self.counts.get("errors"))


def pytest_argv(*paths: str, junit: Path, extra: tuple[str, ...] = (), python: str = sys.executable) -> list[str]:
    return [
        python,
        "-m",
        "pytest",
        *paths,
        "-q",
        "-p",
        "no:cacheprovider",
        f"--timeout={TEST_TIMEOUT_S}",
        f"--junitxml={junit}",
        *extra,
    ]


def junit_counts(path: Path) -> dict[str, int]:
    if not path.is_file():
        return {}
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    total = {"tests": 0, "failed": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        total["tests"] += int(suite.get("tests", 0))
        total["failed"] += int(suite.get("failures", 0))
        total["errors"] += int(suite.get("errors", 0))
        total["skipped"] += int(suite.get("skipped", 0))
    total["passed"] = total["tests"] - total["failed"] - total["errors"] - total["skipped"]
    return total


def failed_tests(path: Path) -> list[tuple[str, str, str]]:
    """(classname, name, "failed" | "errors") of every failed or errored test case in a JUnit file."""
    if not path.is_file():
        return []
    found = []
    for case in ET.parse(path).getroot().iter("testcase"):
        for tag, kind in (("failure", "failed"), ("error", "errors")):
            if case.find(tag) is not None:
                found.append((case.get("classname", ""), case.get("name", ""), kind))
    return found


def suite_node_id(classname: str, name: str) -> str:
    """A compliance test's path for the runner: 'feature.basic.worker.test_x.TestY', 'test_z[pg13]'
    -> 'feature/basic/worker/test_x.py::TestY::test_z[pg13]'."""
    parts = classname.split(".")
    at = max(i for i, p in enumerate(parts) if p.startswith("test_"))
    return "/".join(parts[: at + 1]) + ".py::" + "::".join([*parts[at + 1 :], name])


def server_env(server: ServerTarget | None, *, with_tls_twin: bool = False) -> dict[str, str]:
    """Narrow a step to its server; ``with_tls_twin`` adds the local TLS instance named after it
    (pg15 -> pg15-tls), whose TLS tests then run in that server's integration step."""
    if not server:
        return {}
    names = [server.name]
    if with_tls_twin:
        names += [s.name for s in servers_for(server.backend, tls=True) if s.name.startswith(server.name + "-")]
    return {"RHOSOCIAL_TEST_SERVER": ",".join(names)}


def test_servers(backend: str) -> list[ServerTarget | None]:
    """Servers the per-server steps run against: the plain local ones and any DSN server.

    Local TLS instances are used by the fault tests inside each integration run; running the
    whole suites over them again would only double the time. ``[None]`` when there is no
    server, so the server tests still run and report their skip reason.
    """
    found = suite_servers(backend)
    return list(found) or [None]


def compliance_scopes(backend: str, servers: list[ServerTarget | None], full: bool) -> dict[str, tuple[str, ...]]:
    """Server name -> suite areas to run (empty: all of it). All of it on the oldest and newest
    version, on the system server, and on servers given by DSN (CI runs one per job)."""
    areas = COMPLIANCE_VERSION_AREAS.get(backend, ())
    known = [s for s in servers if s is not None]
    # oldest and newest of all the backend's servers, not of a RHOSOCIAL_TEST_SERVER selection:
    # a server's scope does not change with what else runs
    every = suite_servers(backend, environ={k: v for k, v in os.environ.items() if k != "RHOSOCIAL_TEST_SERVER"})
    if full or not areas or len(every) <= 2:
        return {s.name: () for s in known}

    def version(s: ServerTarget) -> tuple[int, ...]:
        return tuple(int(p) for p in s.version.split(".") if p.isdigit()) or (0,)

    ordered = sorted(every, key=version)
    in_full = {ordered[0].name, ordered[-1].name} | {s.name for s in every if s.origin in ("system", "dsn")}
    return {s.name: () if s.name in in_full else areas for s in known}


def compliance_argv(
    python: str, backend: str, server: ServerTarget | None, junit: Path, targets: list[str], extra: tuple[str, ...]
) -> list[str]:
    return [
        python,
        "-m",
        "rhosocial.activerecord.backend.toolkit.testing.compliance",
        "--backend",
        backend,
        *(["--server", server.name] if server else []),
        "--",
        *targets,
        "-q",
        "-p",
        "no:cacheprovider",
        f"--timeout={TEST_TIMEOUT_S}",
        f"--junitxml={junit}",
        *extra,
    ]


def has_compliance_wiring(backend: str) -> bool:
    """A backend takes part in the compliance step once its providers exist."""
    wired = (ROOT / "packages" / backend / "tests" / "compliance" / "registry.py").is_file()
    if not wired:
        print(f"note: packages/{backend}/tests/compliance has no registry.py yet; its compliance step is not planned")
    return wired


def plan(
    backends: tuple[str, ...],
    kinds: tuple[str, ...],
    pytest_extra: tuple[str, ...],
    *,
    python: str = sys.executable,
    reports: Path = REPORTS,
    full_compliance: bool = False,
) -> list[Step]:
    """The steps of a run; ``python`` and ``reports`` let tools/regression.py run them elsewhere."""
    steps: list[Step] = []
    reports.mkdir(parents=True, exist_ok=True)

    def junit(name: str) -> Path:
        return reports / f"{name}.xml"

    if "unit" in kinds:
        name = "toolkit-unit"
        steps.append(
            Step(
                name,
                "unit",
                [
                    python,
                    "-m",
                    "coverage",
                    "run",
                    "--branch",
                    f"--data-file={reports / '.coverage.toolkit'}",
                    "--source=rhosocial.activerecord.backend.toolkit",
                    # test wiring, exercised by every compliance / conformance / restart step, not by unit tests
                    "--omit=*/toolkit/testing/compliance/*,*/toolkit/testing/conformance/*,*/toolkit/testing/faults.py,"
                    "*/toolkit/testing/restart.py",
                    *pytest_argv("shared/toolkit/tests/unit", junit=junit(name), extra=pytest_extra)[1:],
                ],
                junit=junit(name),
                backend="toolkit",
            )
        )
        for backend in backends:
            name = f"{backend}-unit"
            argv = pytest_argv(f"packages/{backend}/tests/unit", junit=junit(name), extra=pytest_extra, python=python)
            steps.append(Step(name, "unit", argv, junit=junit(name), backend=backend))
        name = "cross-backend"
        # the topology tests start servers of their own: they run in the topology steps
        extra = ("--ignore=tests/topologies", *pytest_extra)
        argv = pytest_argv("tests", junit=junit(name), extra=extra, python=python)
        steps.append(Step(name, "unit", argv, junit=junit(name), backend="cross-backend"))

    for backend in backends:
        restart_tests = f"packages/{backend}/tests/restart"
        if "integration" in kinds and (ROOT / restart_tests).is_dir():
            # once per fault instance; without one the tests still run and report their skip reason
            for fault in fault_servers(backend) or [None]:
                fault_name = fault.name if fault else ""
                name = f"{backend}-restart-{fault_name or 'no-server'}"
                argv = pytest_argv(restart_tests, junit=junit(name), extra=pytest_extra, python=python)
                steps.append(Step(name, "integration", argv, server_env(fault), junit(name), backend, fault_name))
        servers = test_servers(backend) if {"integration", "compliance", "conformance"} & set(kinds) else []
        scopes = compliance_scopes(backend, servers, full_compliance)
        for server in servers:
            label = server.name if server else "no-server"
            server_name = server.name if server else ""
            if "integration" in kinds:
                name = f"{backend}-integration-{label}"
                # fault tests live beside the integration tests or in a folder of their own
                tests = [f"packages/{backend}/tests/{d}" for d in ("integration", "fault")]
                tests = [t for t in tests if (ROOT / t).is_dir()] or tests[:1]
                argv = pytest_argv(*tests, junit=junit(name), extra=pytest_extra, python=python)
                env = server_env(server, with_tls_twin=True)
                steps.append(Step(name, "integration", argv, env, junit(name), backend, server_name))
            if "compliance" in kinds and has_compliance_wiring(backend):
                name = f"{backend}-compliance-{label}"
                areas = list(scopes.get(server_name, ()))
                argv = compliance_argv(python, backend, server, junit(name), areas, pytest_extra)

                def rerun(nodes: list[str], path: Path, backend: str = backend, server: ServerTarget | None = server):
                    # the failed tests only: without the suite paths that narrowed the first attempt
                    extra = tuple(a for a in pytest_extra if not a.startswith("feature"))
                    return compliance_argv(python, backend, server, path, nodes, extra)

                step = Step(name, "compliance", argv, server_env(server), junit(name), backend, server_name, rerun)
                step.scope = f"{len(areas)} version-dependent areas" if areas else ""
                steps.append(step)
            if "conformance" in kinds:
                name = f"{backend}-conformance-{label}"
                argv = pytest_argv(
                    f"packages/{backend}/tests/conformance", junit=junit(name), extra=pytest_extra, python=python
                )
                steps.append(Step(name, "conformance", argv, server_env(server), junit(name), backend, server_name))
    if "integration" in kinds and "mysql" in backends:
        steps.extend(mysql_driver_steps(pytest_extra, python, junit))
    if "topology" in kinds:
        for topology, (backend, tests) in TOPOLOGY_STEPS.items():
            if backend in backends:
                name = f"topology-{topology}"
                argv = pytest_argv(tests, junit=junit(name), extra=pytest_extra, python=python)
                step = Step(name, "topology", argv, junit=junit(name), backend=backend, server=topology)
                step.timeout = TOPOLOGY_STEP_TIMEOUT_S
                steps.append(step)
    return steps


def mysql_driver_steps(pytest_extra: tuple[str, ...], python: str, junit: Callable[[str], Path]) -> list[Step]:
    """The MySQL integration tests once more per mysql-connector implementation, on one MariaDB server.

    mysql-cext-<server> runs in hatch's test-cext environment (a driver whose C extension loads on
    Debian 12 / Ubuntu 22.04: 26.x's needs OpenSSL >= 3.2), mysql-pure-<server> with ``use_pure=True``;
    each test session first checks that its implementation really is the one in use
    (RHOSOCIAL_MYSQL_DRIVER, see packages/mysql/tests/conftest.py). Integration tests only, on the
    system MariaDB (or the first MariaDB server there is): the rest of the matrix runs on the
    default implementation. Only for the interpreter running this (tools/regression.py's other
    interpreters have no hatch environments).
    """
    mariadb = [s for s in suite_servers("mysql") if s.flavour == "mariadb"]
    server = next((s for s in mariadb if s.name == MYSQL_DRIVER_SERVER), mariadb[0] if mariadb else None)
    if server is None or python != sys.executable:
        return []
    steps = []
    for implementation, env_python in (("cext", mysql_cext_python()), ("pure", python)):
        name = f"mysql-{implementation}-{server.name}"
        if env_python is None:
            argv = [python, "-c", 'raise SystemExit("hatch\'s test-cext environment is unavailable (see above)")']
        else:
            tests = "packages/mysql/tests/integration"
            argv = pytest_argv(tests, junit=junit(name), extra=pytest_extra, python=env_python)
        env = {**server_env(server), "RHOSOCIAL_MYSQL_DRIVER": "c" if implementation == "cext" else "python"}
        steps.append(Step(name, "integration", argv, env, junit(name), "mysql", server.name))
    return steps


def mysql_cext_python() -> str | None:
    """The python of hatch's test-cext environment (created on first use).

    Without hatch, or when the environment cannot be built, the step fails with the reason: the C
    extension path must not drop out of the run unnoticed.
    """
    try:
        subprocess.run(["hatch", "env", "create", "test-cext"], cwd=ROOT, check=True, capture_output=True, text=True)
        found = subprocess.run(
            ["hatch", "env", "find", "test-cext"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        detail = getattr(e, "stderr", "") or str(e)
        print(f"!!! hatch's test-cext environment is unavailable: {detail.strip()}", flush=True)
        return None
    return str(Path(found) / "bin" / "python")


def run(step: Step) -> None:
    print(f"\n=== {step.name} ===", flush=True)
    missing = [a for a in step.argv if a.startswith(("packages/", "shared/")) and not (ROOT / a).exists()]
    if missing:
        # git keeps no empty folders: a package whose tests are not written yet has none.
        print(f"no tests: {', '.join(missing)} does not exist", flush=True)
        step.returncode = 5
        return
    if step.junit is not None and step.junit.exists():
        step.junit.unlink()
    started = time.perf_counter()
    cpu_before = children_cpu()
    step.returncode = execute(step.name, step.argv, {**os.environ, **step.env}, step.timeout)
    if step.kind == "topology" and os.environ.get("RHOSOCIAL_KEEP_TOPOLOGIES") != "1":
        # three database servers per topology: give their memory back before the next step
        subprocess.run([sys.executable, str(ROOT / "tools" / "localdb.py"), "topology", "down", step.server], cwd=ROOT)
    step.counts = junit_counts(step.junit) if step.junit else {}
    rerun_timing_sensitive(step)
    step.seconds = time.perf_counter() - started
    step.cpu_seconds = children_cpu() - cpu_before


def children_cpu() -> float:
    """CPU seconds used by finished child processes (pytest and the workers it waited for):
    a measure of a step's own work that does not grow with the machine's load."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def execute(name: str, argv: list[str], env: dict[str, str], timeout: int = STEP_TIMEOUT_S) -> int:
    try:
        return subprocess.run(argv, cwd=ROOT, env=env, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        print(f"!!! {name} did not finish within {timeout} s and was stopped", flush=True)
        return -1


def rerun_timing_sensitive(step: Step) -> None:
    """Run the step's failed TIMING_SENSITIVE tests once more; the second attempt's outcome replaces
    the first's in the counts, and both are kept in step.attempts."""
    if step.rerun is None or step.junit is None or not (step.counts.get("failed") or step.counts.get("errors")):
        return
    every = failed_tests(step.junit)
    failed = [case for case in every if case[1].split("[")[0] in TIMING_SENSITIVE]
    if not failed:
        return
    nodes = [suite_node_id(classname, name) for classname, name, _ in failed]
    again = step.junit.with_name(step.junit.stem + ".rerun.xml")
    again.unlink(missing_ok=True)
    print(f"\n=== {step.name}: timing-sensitive failure, second attempt of {', '.join(nodes)} ===", flush=True)
    code = execute(step.name + " (rerun)", step.rerun(nodes, again), {**os.environ, **step.env})
    ran = junit_counts(again).get("tests", 0) > 0
    still = {name for _, name, _ in failed_tests(again)}
    fixed = 0
    for _, name, kind in failed:
        passed = ran and name not in still
        step.attempts.append(f"{name}: 1st attempt failed, 2nd attempt {'passed' if passed else 'failed again'}")
        if passed:
            fixed += 1
            step.counts[kind] -= 1
            step.counts["passed"] = step.counts.get("passed", 0) + 1
    if fixed == len(every) and code == 0:
        step.returncode = 0


def toolkit_coverage_ok() -> bool:
    """The toolkit's branch-coverage floor, checked on the toolkit-unit step's data."""
    data = REPORTS / ".coverage.toolkit"
    if not data.exists():
        return True
    print("\n=== toolkit coverage (branch) ===", flush=True)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coverage",
            "report",
            f"--data-file={data}",
            f"--fail-under={TOOLKIT_COVERAGE_FLOOR}",
        ],
        cwd=ROOT,
    )
    if result.returncode != 0:
        print(f"!!! toolkit branch coverage is below {TOOLKIT_COVERAGE_FLOOR}%")
    return result.returncode == 0


def summarise(steps: list[Step]) -> tuple[int, int, int, int]:
    print("\n" + "=" * 96)
    print(f"{'step':44} {'passed':>7} {'failed':>7} {'errors':>7} {'skipped':>8} {'seconds':>8}  result")
    totals = [0, 0, 0, 0]
    for step in steps:
        c = step.counts
        row = [c.get("passed", 0), c.get("failed", 0), c.get("errors", 0), c.get("skipped", 0)]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        if step.returncode == 5 and not c.get("tests"):
            verdict = "no tests"
        else:
            verdict = "ok" if step.ok else f"FAILED (exit {step.returncode})"
        print(f"{step.name:44} {row[0]:7} {row[1]:7} {row[2]:7} {row[3]:8} {step.seconds:8.1f}  {verdict}")
        if step.scope:
            print(f"{'':44} (compliance: {step.scope})")
        for attempt in step.attempts:
            print(f"{'':44} rerun: {attempt}")
    print("=" * 96)
    summarise_servers(steps)
    return totals[0], totals[1], totals[2], totals[3]


def summarise_servers(steps: list[Step]) -> None:
    """Per server: what its steps counted and how long they took (wall, and CPU of our processes)."""
    per: dict[tuple[str, str], list[Step]] = {}
    for step in steps:
        if step.server:
            per.setdefault((step.backend, step.server), []).append(step)
    if not per:
        return
    print(f"{'server':32} {'passed':>7} {'failed':>7} {'skipped':>8} {'wall s':>8} {'cpu s':>8}  steps")
    for (backend, server), group in per.items():
        passed = sum(s.counts.get("passed", 0) for s in group)
        failed = sum(s.counts.get("failed", 0) + s.counts.get("errors", 0) for s in group)
        skipped = sum(s.counts.get("skipped", 0) for s in group)
        wall = sum(s.seconds for s in group)
        cpu = sum(s.cpu_seconds for s in group)
        kinds = ", ".join(s.kind for s in group)
        print(f"{backend + ' ' + server:32} {passed:7} {failed:7} {skipped:8} {wall:8.1f} {cpu:8.1f}  {kinds}")
    print("=" * 96)


def capability_pages(steps: list[Step], python: str = sys.executable) -> list[str]:
    """The conformance harness's ``page`` command for the backends whose conformance ran on a server."""
    backends = sorted({s.backend for s in steps if s.kind == "conformance" and s.server})
    if not backends:
        return []
    module = "rhosocial.activerecord.backend.toolkit.testing.conformance"
    return [python, "-m", module, "page", *(f"--backend={b}" for b in backends)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", default=",".join(BACKENDS), help="comma-separated subset of " + ",".join(BACKENDS))
    parser.add_argument("--only", default=",".join(KINDS), help="comma-separated subset of " + ",".join(KINDS))
    parser.add_argument("--no-localdb", action="store_true", help="do not start local databases (CI containers)")
    parser.add_argument(
        "--full-compliance",
        action="store_true",
        help="run the whole compliance suite on every server (default: in full on the oldest, newest and system one)",
    )
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for every pytest run (after --)")
    args = parser.parse_args(argv)
    backends = tuple(b for b in args.backend.split(",") if b)
    kinds = tuple(k for k in args.only.split(",") if k)
    for name, allowed, given in (("backend", BACKENDS, backends), ("only", KINDS, kinds)):
        bad = sorted(set(given) - set(allowed))
        if bad:
            parser.error(f"--{name}: unknown {', '.join(bad)}; choose from {', '.join(allowed)}")

    run_started = time.perf_counter()
    bring_up = 0.0
    if not args.no_localdb and {"integration", "compliance", "conformance"} & set(kinds):
        print("=== local databases ===", flush=True)
        subprocess.run([sys.executable, str(ROOT / "tools" / "localdb.py"), "up"], cwd=ROOT, check=True)
        bring_up = time.perf_counter() - run_started

    steps = plan(backends, kinds, tuple(args.pytest_args), full_compliance=args.full_compliance)
    for step in steps:
        run(step)
    pages = capability_pages(steps)
    if pages:
        print("=== capability pages ===", flush=True)
        subprocess.run(pages, cwd=ROOT, check=False)
    coverage_ok = toolkit_coverage_ok() if "unit" in kinds else True
    passed, failed, errors, skipped = summarise(steps)
    all_ok = all(step.ok for step in steps) and coverage_ok
    # A step that crashed or timed out, or a missed coverage floor, fails without a failed
    # test to count: count it as one so the closing line never reads "0 failed" on a red run.
    broken = sum(1 for s in steps if not s.ok and not (s.counts.get("failed") or s.counts.get("errors")))
    broken += 0 if coverage_ok else 1
    print(f"local databases: {bring_up:.1f} s; whole run: {time.perf_counter() - run_started:.1f} s")
    # The plain closing line CI reads.
    print(f"{passed} passed, {failed + errors + broken} failed, {skipped} skipped")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
