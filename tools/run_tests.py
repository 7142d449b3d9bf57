"""The full test run: `hatch run test:all` (and `.ci/run`) execute exactly this.

It brings the local databases up (tools/localdb.py), then runs, each as its own pytest
process so one crash cannot hide the rest:
  unit         toolkit unit tests (with the branch-coverage floor), each backend's unit tests,
               the cross-backend tests under tests/
  integration  each backend's integration and fault tests, once per server of that backend, and its
               restart tests once per fault instance (a server the tests restart, see localdb restart)
  compliance   the official compliance suite, once per server of each backend
A backend with no server still runs its server tests, which then report "skipped" with the
reason (no Oracle DSN, ...), so nothing silently collects zero tests.
Results come from JUnit XML; the summary table and the closing "N passed, N failed" line
are printed at the end, and the exit code is non-zero if anything failed or errored.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / ".reports" / "tests"
BACKENDS = ("postgres", "mysql", "oracle")
KINDS = ("unit", "integration", "compliance")
TOOLKIT_COVERAGE_FLOOR = 95
# One pytest process may not run longer than this; a hung server must not eat CI's 90 minutes.
STEP_TIMEOUT_S = 25 * 60
# Per-test ceiling, passed to pytest-timeout.
TEST_TIMEOUT_S = 300

sys.path.insert(0, str(ROOT / "shared" / "toolkit" / "src"))
from rhosocial.activerecord.backend.toolkit.testing.servers import (  # noqa: E402
    ServerTarget,
    fault_servers,
    servers_for,
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
    # filled in by run()
    returncode: int | None = None
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

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


def server_env(server: ServerTarget | None) -> dict[str, str]:
    return {"RHOSOCIAL_TEST_SERVER": server.name} if server else {}


def test_servers(backend: str) -> list[ServerTarget | None]:
    """Servers the per-server steps run against: the plain (non-TLS) ones.

    TLS instances are used by the fault tests inside each integration run; running the
    whole suites over them again would only double the time. ``[None]`` when there is no
    server, so the server tests still run and report their skip reason.
    """
    found = servers_for(backend, tls=False)
    return list(found) or [None]


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
                    # test wiring, exercised by every compliance / restart step rather than by unit tests
                    "--omit=*/toolkit/testing/compliance/*,*/toolkit/testing/faults.py",
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
        argv = pytest_argv("tests", junit=junit(name), extra=pytest_extra, python=python)
        steps.append(Step(name, "unit", argv, junit=junit(name), backend="cross-backend"))

    for backend in backends:
        restart_tests = f"packages/{backend}/tests/restart"
        if "integration" in kinds and (ROOT / restart_tests).is_dir():
            # once per fault instance; without one the tests still run and report their skip reason
            for fault in fault_servers(backend) or [None]:
                name = f"{backend}-restart-{fault.name if fault else 'no-server'}"
                argv = pytest_argv(restart_tests, junit=junit(name), extra=pytest_extra, python=python)
                steps.append(
                    Step(
                        name, "integration", argv, server_env(fault), junit(name), backend, fault.name if fault else ""
                    )
                )
        servers = test_servers(backend) if {"integration", "compliance"} & set(kinds) else []
        for server in servers:
            label = server.name if server else "no-server"
            server_name = server.name if server else ""
            if "integration" in kinds:
                name = f"{backend}-integration-{label}"
                # fault tests live beside the integration tests or in a folder of their own
                tests = [f"packages/{backend}/tests/{d}" for d in ("integration", "fault")]
                tests = [t for t in tests if (ROOT / t).is_dir()] or tests[:1]
                argv = pytest_argv(*tests, junit=junit(name), extra=pytest_extra, python=python)
                steps.append(Step(name, "integration", argv, server_env(server), junit(name), backend, server_name))
            if "compliance" in kinds and has_compliance_wiring(backend):
                name = f"{backend}-compliance-{label}"
                argv = [
                    python,
                    "-m",
                    "rhosocial.activerecord.backend.toolkit.testing.compliance",
                    "--backend",
                    backend,
                    *(["--server", server.name] if server else []),
                    "--",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    f"--timeout={TEST_TIMEOUT_S}",
                    f"--junitxml={junit(name)}",
                    *pytest_extra,
                ]
                steps.append(Step(name, "compliance", argv, server_env(server), junit(name), backend, server_name))
    return steps


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
    env = {**os.environ, **step.env}
    started = time.perf_counter()
    try:
        step.returncode = subprocess.run(step.argv, cwd=ROOT, env=env, timeout=STEP_TIMEOUT_S).returncode
    except subprocess.TimeoutExpired:
        print(f"!!! {step.name} did not finish within {STEP_TIMEOUT_S} s and was stopped", flush=True)
        step.returncode = -1
    step.seconds = time.perf_counter() - started
    step.counts = junit_counts(step.junit) if step.junit else {}


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
    print("=" * 96)
    return totals[0], totals[1], totals[2], totals[3]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", default=",".join(BACKENDS), help="comma-separated subset of " + ",".join(BACKENDS))
    parser.add_argument("--only", default=",".join(KINDS), help="comma-separated subset of " + ",".join(KINDS))
    parser.add_argument("--no-localdb", action="store_true", help="do not start local databases (CI containers)")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for every pytest run (after --)")
    args = parser.parse_args(argv)
    backends = tuple(b for b in args.backend.split(",") if b)
    kinds = tuple(k for k in args.only.split(",") if k)
    for name, allowed, given in (("backend", BACKENDS, backends), ("only", KINDS, kinds)):
        bad = sorted(set(given) - set(allowed))
        if bad:
            parser.error(f"--{name}: unknown {', '.join(bad)}; choose from {', '.join(allowed)}")

    if not args.no_localdb and {"integration", "compliance"} & set(kinds):
        print("=== local databases ===", flush=True)
        subprocess.run([sys.executable, str(ROOT / "tools" / "localdb.py"), "up"], cwd=ROOT, check=True)

    steps = plan(backends, kinds, tuple(args.pytest_args))
    for step in steps:
        run(step)
    coverage_ok = toolkit_coverage_ok() if "unit" in kinds else True
    passed, failed, errors, skipped = summarise(steps)
    all_ok = all(step.ok for step in steps) and coverage_ok
    # A step that crashed or timed out, or a missed coverage floor, fails without a failed
    # test to count: count it as one so the closing line never reads "0 failed" on a red run.
    broken = sum(1 for s in steps if not s.ok and not (s.counts.get("failed") or s.counts.get("errors")))
    broken += 0 if coverage_ok else 1
    # The plain closing line CI reads.
    print(f"{passed} passed, {failed + errors + broken} failed, {skipped} skipped")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
