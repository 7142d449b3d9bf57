"""Cross-backend regression run: every backend's tests and the compliance suite, per server and Python.

    python tools/regression.py                                  this Python, every backend, every server
    python tools/regression.py --backend postgres --only unit   a slice (same filters as tools/run_tests.py)
    python tools/regression.py --pythons all                    every CPython 3.10-3.14 found on the machine
    python tools/regression.py --pythons 3.11,3.12 --core 1.0.0.dev29 --suite 1.0.0.dev16
    python tools/regression.py --baseline .reports/regression/previous.json
    python tools/regression.py --from-json a.json b.json        merge and render summaries without running

The steps are the ones tools/run_tests.py plans (one source of truth); only the interpreter and the
report folder differ. With --pythons or --core/--suite each Python runs in its own virtualenv under
.reports/venvs/py3.X holding the four distributions (editable) and hatch.toml's test dependencies,
with the chosen core / compliance-suite versions pinned; without them, this interpreter runs as is.

Writes .reports/regression/<timestamp>.{json,md,html} and latest.{json,md,html}: per backend x
server x Python the passed / failed / skipped / errors / seconds and the failing test ids. Exit code:
with --baseline, 1 when a test that passed in the baseline fails now (or did not run because its
step broke); without it, 1 when anything failed. A Python whose virtualenv cannot be made fails too
(against a baseline, only when the baseline had it working).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # 3.10 has no tomllib; tomli is the same parser under its original name
    import tomli as tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_tests  # how steps are built and run lives there, once

ROOT = run_tests.ROOT
OUT = ROOT / ".reports" / "regression"
VENVS = ROOT / ".reports" / "venvs"
MINORS = range(10, 15)  # CPython 3.10 - 3.14
DISTRIBUTIONS = ("shared/toolkit", "packages/postgres", "packages/mysql", "packages/oracle")
CORE = "rhosocial-activerecord"
SUITE = "rhosocial-activerecord-testsuite"
MESSAGE_CHARS = 200

# ---------------------------------------------------------------------------------------------
# Results: JUnit XML -> rows -> summary


@dataclass
class Row:
    """One step of one run under one Python: the unit of the summary and of the regression diff."""

    python: str
    step: str
    backend: str
    kind: str
    server: str = ""
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    returncode: int | None = None
    failing: dict[str, str] = field(default_factory=dict)  # test id -> "failed: first line" / "error: ..."
    passed_ids: list[str] = field(default_factory=list)
    skipped_ids: list[str] = field(default_factory=list)
    version: str = ""  # the server's version, for the per-version matrix

    @property
    def key(self) -> str:
        return f"py{self.python}/{self.step}"

    @property
    def broken(self) -> bool:
        """The step failed without a failing test to show for it (crash, timeout, no report)."""
        return self.returncode not in (0, 5, None) and not (self.failed or self.errors)

    @property
    def status(self) -> str:
        """passed (all green) / skipped (no failure, some skips) / failed / empty (nothing ran)."""
        if self.failed or self.errors or self.broken:
            return "failed"
        if self.skipped:
            return "skipped"
        return "passed" if self.passed else "empty"


def case_id(case: ET.Element) -> str:
    classname, name = case.get("classname", ""), case.get("name", "")
    return f"{classname}::{name}" if classname else name


def read_outcomes(path: Path) -> dict[str, tuple[str, str]]:
    """test id -> (outcome, one-line message), outcome in passed / failed / error / skipped."""
    outcomes: dict[str, tuple[str, str]] = {}
    if not path.is_file():
        return outcomes
    rank = {"passed": 0, "skipped": 1, "failed": 2, "error": 3}
    for case in ET.parse(path).getroot().iter("testcase"):
        outcome, message = "passed", ""
        for tag, name in (("skipped", "skipped"), ("failure", "failed"), ("error", "error")):
            found = case.find(tag)
            if found is not None and rank[name] >= rank[outcome]:
                text = found.get("message") or (found.text or "").strip()
                outcome, message = name, (text.splitlines() or [""])[0][:MESSAGE_CHARS]
        tid = case_id(case)
        # The same id twice (a teardown error after a failure): the worse outcome wins.
        if tid not in outcomes or rank[outcome] > rank[outcomes[tid][0]]:
            outcomes[tid] = (outcome, message)
    return outcomes


def row_from_junit(
    python: str, step: str, backend: str, kind: str, server: str, junit: Path, returncode: int | None, seconds: float
) -> Row:
    counts = run_tests.junit_counts(junit)
    outcomes = read_outcomes(junit)
    return Row(
        python=python,
        step=step,
        backend=backend,
        kind=kind,
        server=server,
        passed=counts.get("passed", 0),
        failed=counts.get("failed", 0),
        errors=counts.get("errors", 0),
        skipped=counts.get("skipped", 0),
        seconds=round(seconds, 1),
        returncode=returncode,
        failing={t: f"{o}: {m}" if m else o for t, (o, m) in sorted(outcomes.items()) if o in ("failed", "error")},
        passed_ids=sorted(t for t, (o, _) in outcomes.items() if o == "passed"),
        skipped_ids=sorted(t for t, (o, _) in outcomes.items() if o == "skipped"),
    )


def row_from_step(step: run_tests.Step, python: str) -> Row:
    assert step.junit is not None
    row = row_from_junit(
        python, step.name, step.backend, step.kind, step.server, step.junit, step.returncode, step.seconds
    )
    row.version = server_versions().get(step.server, "")
    return row


def server_versions() -> dict[str, str]:
    """Server name -> version, from the same discovery the tests use."""
    from rhosocial.activerecord.backend.toolkit.testing.servers import load_servers  # on the path via run_tests

    return {s.name: s.version for s in load_servers() if s.version}


def _version_key(column: tuple[str, str, str]) -> tuple[Any, ...]:
    backend, server, version = column
    return (backend, tuple(int(p) for p in version.split(".") if p.isdigit()), server)


def version_matrix(
    summary: dict[str, Any],
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]], dict[tuple[Any, ...], Cell]]:
    """Server columns (backend, server, version) by version, rows (backend, kind), and their cells,
    every Python of the run added up: which suites pass on which server version."""
    cells: dict[tuple[Any, ...], Cell] = {}
    for row in rows_of(summary):
        if row.server:
            column = (row.backend, row.server, row.version)
            cells.setdefault(((row.backend, row.kind), column), Cell()).add(row)
    columns = sorted({column for _, column in cells}, key=_version_key)
    kinds = {kind: i for i, kind in enumerate(run_tests.KINDS)}
    rows = sorted({label for label, _ in cells}, key=lambda r: (r[0], kinds.get(r[1], 9), r[1]))
    return columns, rows, cells


def version_table_markdown(summary: dict[str, Any]) -> list[str]:
    columns, rows, cells = version_matrix(summary)
    if not columns:
        return []
    out = ["", "## Per server version", ""]
    out.append("| backend | tests | " + " | ".join(f"{s} ({v or '?'})" for _, s, v in columns) + " |")
    out.append("|---|---|" + "---|" * len(columns))
    for label in rows:
        tds = []
        for column in columns:
            cell = cells.get((label, column))
            tds.append(f"{SYMBOL[cell.status]} {cell.text()}" if cell else "")
        out.append("| " + " | ".join(label) + " | " + " | ".join(tds) + " |")
    return out


def version_table_html(summary: dict[str, Any]) -> list[str]:
    esc = html.escape
    columns, rows, cells = version_matrix(summary)
    if not columns:
        return []
    head = "".join(f"<th>{esc(s)} ({esc(v or '?')})</th>" for _, s, v in columns)
    body = []
    for label in rows:
        tds = "".join(f"<td>{esc(part)}</td>" for part in label)
        for column in columns:
            cell = cells.get((label, column))
            tds += f'<td class="{cell.status}">{esc(cell.text())}</td>' if cell else '<td class="empty"></td>'
        body.append(f"<tr>{tds}</tr>")
    return [
        "<h2>Per server version</h2>",
        f"<table><tr><th>backend</th><th>tests</th>{head}</tr>{''.join(body)}</table>",
    ]


def new_summary(args: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": 1,
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "finished": None,
        "args": args,
        "environments": {},  # python -> {"executable", "version", "core", "suite"} or {"error"}
        "rows": [],
    }


def rows_of(summary: dict[str, Any]) -> list[Row]:
    return [Row(**row) for row in summary.get("rows", [])]


def merge(*summaries: dict[str, Any]) -> dict[str, Any]:
    """One summary from several (per-Python CI jobs, a rerun of one slice): later rows win by key."""
    if not summaries:
        raise ValueError("nothing to merge")
    merged = json.loads(json.dumps(summaries[0]))
    by_key = {row.key: row for row in rows_of(merged)}
    for other in summaries[1:]:
        merged["environments"].update(other.get("environments", {}))
        by_key.update({row.key: row for row in rows_of(other)})
        merged["started"] = min(merged["started"], other["started"])
        merged["finished"] = max(filter(None, (merged.get("finished"), other.get("finished"))), default=None)
    merged["rows"] = [asdict(row) for row in by_key.values()]
    return merged


# ---------------------------------------------------------------------------------------------
# Regressions: passed in the baseline, failing now (or not run because the step broke)


@dataclass(frozen=True)
class Regression:
    key: str
    test: str
    now: str


def regressions(baseline: dict[str, Any], current: dict[str, Any]) -> list[Regression]:
    before = {row.key: row for row in rows_of(baseline)}
    found: list[Regression] = []
    for row in rows_of(current):
        old = before.get(row.key)
        if old is None:
            continue
        seen = set(row.passed_ids) | set(row.skipped_ids) | set(row.failing)
        for test in old.passed_ids:
            if test in row.failing:
                found.append(Regression(row.key, test, row.failing[test]))
            elif test not in seen and (row.broken or row.errors):
                # A crash, timeout or collection error stops tests from running; a plain failure does not,
                # so a test missing next to one is a removed test, not a regression.
                why = f"exit {row.returncode}" if row.broken else "errors in its step, e.g. collection"
                found.append(Regression(row.key, test, f"not run: its step failed ({why})"))
    return found


def not_run(baseline: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Steps of the baseline this run did not have (a server or Python missing): listed, not failed."""
    now = {row.key for row in rows_of(current)}
    return sorted(row.key for row in rows_of(baseline) if row.key not in now)


# ---------------------------------------------------------------------------------------------
# Rendering: a matrix of (backend, tests, server) x Python


@dataclass
class Cell:
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    status: str = "empty"
    failing: dict[str, str] = field(default_factory=dict)

    def add(self, row: Row) -> Cell:
        self.passed += row.passed
        self.failed += row.failed
        self.errors += row.errors
        self.skipped += row.skipped
        self.seconds += row.seconds
        self.failing.update(row.failing)
        self.status = max(self.status, row.status, key=ORDER.__getitem__)
        return self

    def text(self) -> str:
        parts = [f"{self.passed} passed"]
        parts += [f"{n} {what}" for n, what in ((self.failed, "failed"), (self.errors, "errors")) if n]
        parts += [f"{self.skipped} skipped"] if self.skipped else []
        if self.status == "failed" and not (self.failed or self.errors):
            parts.append("step broke")
        return ", ".join(parts) + f" ({self.seconds:.0f} s)"


SYMBOL = {"passed": "✅", "skipped": "🟡", "failed": "❌", "empty": "⚪"}
ORDER = {"failed": 3, "skipped": 2, "passed": 1, "empty": 0}


def matrix(summary: dict[str, Any]) -> tuple[list[tuple[str, str, str]], list[str], dict[tuple[Any, ...], Cell]]:
    """Row labels (backend, kind, server), Python columns, and the cell of each (label, python)."""
    cells: dict[tuple[Any, ...], Cell] = {}
    for row in rows_of(summary):
        label = (row.backend, row.kind, row.server or "-")
        cells.setdefault((label, row.python), Cell()).add(row)
    backends = {b: i for i, b in enumerate(("toolkit", *run_tests.BACKENDS, "cross-backend"))}
    kinds = {kind: i for i, kind in enumerate(run_tests.KINDS)}
    labels = sorted(
        {label for label, _ in cells}, key=lambda b: (backends.get(b[0], 9), b[0], kinds.get(b[1], 9), b[2])
    )
    pythons = sorted({py for _, py in cells}, key=lambda v: tuple(int(p) for p in v.split(".")))
    return labels, pythons, cells


def totals(summary: dict[str, Any]) -> dict[str, int]:
    rows = rows_of(summary)
    return {k: sum(getattr(r, k) for r in rows) for k in ("passed", "failed", "errors", "skipped")}


def environment_lines(summary: dict[str, Any]) -> list[str]:
    lines = []
    for py, env in sorted(summary.get("environments", {}).items()):
        if "error" in env:
            lines.append(f"Python {py}: could not be prepared: {env['error']}")
        else:
            lines.append(f"Python {env.get('version', py)}: core {env.get('core')}, suite {env.get('suite')}")
    return lines


def render_markdown(summary: dict[str, Any], found: list[Regression] | None = None) -> str:
    labels, pythons, cells = matrix(summary)
    t = totals(summary)
    out = [f"# Regression run {summary['started']}", ""]
    out += [f"- {line}" for line in environment_lines(summary)]
    out += [f"- {t['passed']} passed, {t['failed']} failed, {t['errors']} errors, {t['skipped']} skipped", ""]
    out.append("| backend | tests | server | " + " | ".join(f"Python {py}" for py in pythons) + " |")
    out.append("|---|---|---|" + "---|" * len(pythons))
    for label in labels:
        row = []
        for py in pythons:
            cell = cells.get((label, py))
            row.append(f"{SYMBOL[cell.status]} {cell.text()}" if cell else "")
        out.append("| " + " | ".join(label) + " | " + " | ".join(row) + " |")
    out += version_table_markdown(summary)
    failing = [(label, py, cells[(label, py)]) for label in labels for py in pythons if (label, py) in cells]
    failing = [entry for entry in failing if entry[2].failing]
    if failing:
        out += ["", "## Failing tests", ""]
        for label, py, cell in failing:
            out.append(f"- {' / '.join(label)} on Python {py}:")
            out += [f"  - `{test}` {message}" for test, message in sorted(cell.failing.items())]
    if found is not None:
        out += ["", f"## Regressions against the baseline: {len(found)}", ""]
        out += [f"- {r.key}: `{r.test}` {r.now}" for r in found] or ["None."]
    return "\n".join(out) + "\n"


CSS = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .35em .6em; text-align: left; }
td.passed { background: #c8efc8; } td.skipped { background: #ffe3a3; } td.failed { background: #f6b8b8; }
td.empty { background: #eee; color: #777; } code { font-size: 90%; } li { margin: .15em 0; }
"""


def render_html(summary: dict[str, Any], found: list[Regression] | None = None) -> str:
    esc = html.escape
    labels, pythons, cells = matrix(summary)
    t = totals(summary)
    head = "".join(f"<th>Python {esc(py)}</th>" for py in pythons)
    body = []
    for label in labels:
        tds = "".join(f"<td>{esc(part)}</td>" for part in label)
        for py in pythons:
            cell = cells.get((label, py))
            tds += f'<td class="{cell.status}">{esc(cell.text())}</td>' if cell else '<td class="empty"></td>'
        body.append(f"<tr>{tds}</tr>")
    details = []
    for label in labels:
        for py in pythons:
            cell = cells.get((label, py))
            if cell and cell.failing:
                items = "".join(f"<li><code>{esc(k)}</code> {esc(v)}</li>" for k, v in sorted(cell.failing.items()))
                title = f"{' / '.join(label)} on Python {py}: {len(cell.failing)} failing"
                details.append(f"<details><summary>{esc(title)}</summary><ul>{items}</ul></details>")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Regression run {esc(summary['started'])}</title><style>{CSS}</style></head><body>",
        f"<h1>Regression run {esc(summary['started'])}</h1><ul>",
        *(f"<li>{esc(line)}</li>" for line in environment_lines(summary)),
        f"<li>{t['passed']} passed, {t['failed']} failed, {t['errors']} errors, {t['skipped']} skipped</li></ul>",
        f"<table><tr><th>backend</th><th>tests</th><th>server</th>{head}</tr>{''.join(body)}</table>",
        "<p>green: all passed; amber: no failure, some skipped; red: failures, errors or a broken step.</p>",
        *version_table_html(summary),
    ]
    if details:
        parts += ["<h2>Failing tests</h2>", *details]
    if found is not None:
        items = "".join(f"<li>{esc(r.key)}: <code>{esc(r.test)}</code> {esc(r.now)}</li>" for r in found)
        parts.append(f"<h2>Regressions against the baseline: {len(found)}</h2><ul>{items or '<li>None.</li>'}</ul>")
    return "\n".join([*parts, "</body></html>", ""])


def write_reports(summary: dict[str, Any], stamp: str, found: list[Regression] | None, out: Path = OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    texts = {
        "json": json.dumps(summary, indent=1) + "\n",
        "md": render_markdown(summary, found),
        "html": render_html(summary, found),
    }
    for ext, text in texts.items():
        (out / f"{stamp}.{ext}").write_text(text, encoding="utf-8")
        (out / f"latest.{ext}").write_text(text, encoding="utf-8")
    return out / f"{stamp}.json"


# ---------------------------------------------------------------------------------------------
# Pythons and their virtualenvs


def find_pythons() -> dict[str, str]:
    """CPython 3.10-3.14 on this machine: "3.X" -> interpreter (pyenv installs, then PATH)."""
    candidates: list[Path] = []
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    for minor in MINORS:
        installs = sorted((pyenv / "versions").glob(f"3.{minor}.*/bin/python3.{minor}"), key=_patch, reverse=True)
        candidates += installs
        on_path = shutil.which(f"python3.{minor}")
        if on_path:
            candidates.append(Path(on_path))
    found: dict[str, str] = {}
    for exe in candidates:
        version = interpreter_version(str(exe))
        if version and version not in found and int(version.split(".")[1]) in MINORS:
            found[version] = str(exe)
    return dict(sorted(found.items(), key=lambda kv: int(kv[0].split(".")[1])))


def _patch(path: Path) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else -1 for p in path.parent.parent.name.split("."))


def interpreter_version(exe: str) -> str | None:
    probe = "import sys; print('%d.%d' % sys.version_info[:2])"
    try:
        done = subprocess.run([exe, "-c", probe], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def hatch_test_requirements(core: str | None, suite: str | None) -> list[str]:
    """hatch.toml's test environment dependencies (template chain resolved), with core/suite pins."""
    envs = tomllib.loads((ROOT / "hatch.toml").read_text(encoding="utf-8"))["envs"]

    def resolved(name: str) -> dict[str, Any]:
        env = envs.get(name, {})
        parent = env.get("template", "default" if name != "default" else None)
        return {**(resolved(parent) if parent and parent != name else {}), **env}

    env = resolved("test")
    deps = [*env.get("dependencies", []), *env.get("extra-dependencies", [])]
    if suite:
        deps = [d for d in deps if not d.replace("_", "-").lower().startswith(SUITE)] + [f"{SUITE}=={suite}"]
    if core:
        deps.append(f"{CORE}=={core}")
    return deps


def prepare_venv(minor: str, base_python: str, core: str | None, suite: str | None) -> str:
    """.reports/venvs/py3.X with the workspace editable and the test dependencies; reused when unchanged."""
    venv = VENVS / f"py{minor}"
    python = venv / "bin" / "python"
    deps = hatch_test_requirements(core, suite)
    editable = [arg for d in DISTRIBUTIONS for arg in ("-e", str(ROOT / d))]
    stamp_data = json.dumps([deps, *((ROOT / d / "pyproject.toml").read_text() for d in DISTRIBUTIONS)])
    stamp = hashlib.sha256(stamp_data.encode()).hexdigest()
    stamp_file = venv / ".regression-stamp"
    if python.exists() and stamp_file.is_file() and stamp_file.read_text() == stamp:
        return str(python)
    print(f"--- preparing {venv.relative_to(ROOT)} ({base_python})", flush=True)
    if not python.exists():
        setup_step([base_python, "-m", "venv", str(venv)])
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    setup_step([*pip, "--upgrade", "pip"])
    setup_step([*pip, *editable, *deps])
    stamp_file.write_text(stamp)
    return str(python)


class SetupError(Exception):
    """A Python's virtualenv could not be made; the message is what the tool said."""


def setup_step(argv: list[str]) -> None:
    done = subprocess.run(argv, capture_output=True, text=True)
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        said = [line for line in lines if line.startswith("ERROR")] or lines[-3:]
        raise SetupError(f"{Path(argv[0]).name} {' '.join(argv[1:3])} ... exited {done.returncode}: {' '.join(said)}")


def describe(python: str) -> dict[str, str]:
    probe = (
        "import sys, importlib.metadata as m\n"
        "def v(n):\n"
        "    try: return m.version(n)\n"
        "    except m.PackageNotFoundError: return 'not installed'\n"
        f"print(sys.version.split()[0], v({CORE!r}), v({SUITE!r}))"
    )
    out = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    return {"executable": python, "version": out[0], "core": out[1], "suite": out[2]}


def choose_pythons(spec: str, isolated: bool) -> dict[str, str]:
    """Version ("3.X") -> base interpreter; ``current`` is this interpreter."""
    current = "{}.{}".format(*sys.version_info[:2])
    if spec == "current":
        return {current: sys.executable}
    found = find_pythons()
    if spec == "all":
        return found
    wanted = [v.strip() for v in spec.split(",") if v.strip()]
    missing = [v for v in wanted if v not in found and not (v == current and not isolated)]
    if missing:
        raise SystemExit(f"--pythons: not found on this machine: {', '.join(missing)} (found {', '.join(found)})")
    return {v: found.get(v, sys.executable) for v in wanted}


# ---------------------------------------------------------------------------------------------
# The run


def elapsed(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes // 60:d}:{minutes % 60:02d}:{secs:02d}"


def run_matrix(args: argparse.Namespace, stamp: str) -> dict[str, Any]:
    isolated = args.pythons != "current" or bool(args.core or args.suite)
    pythons = choose_pythons(args.pythons, isolated)
    summary = new_summary({k: v for k, v in vars(args).items() if k not in ("baseline", "from_json")})
    started = time.perf_counter()
    interpreters: dict[str, str] = {}
    for minor, base in pythons.items():
        try:
            python = prepare_venv(minor, base, args.core, args.suite) if isolated else base
            summary["environments"][minor] = describe(python)
            interpreters[minor] = python
        except (SetupError, subprocess.CalledProcessError) as exc:
            summary["environments"][minor] = {"error": str(exc)}
            print(f"!!! Python {minor}: {summary['environments'][minor]['error']}", flush=True)
    plans = {
        minor: run_tests.plan(
            args.backends,
            args.kinds,
            tuple(args.pytest_args),
            python=python,
            reports=OUT / stamp / f"py{minor}",
            full_compliance=args.full_compliance,
        )
        for minor, python in interpreters.items()
    }
    total = sum(len(steps) for steps in plans.values())
    done = 0
    for minor, steps in plans.items():
        for step in steps:
            done += 1
            print(f"\n[{done}/{total}] Python {minor} {step.name}  (elapsed {elapsed(time.perf_counter() - started)})")
            run_tests.run(step)
            row = row_from_step(step, minor)
            summary["rows"].append(asdict(row))
            print(f"[{done}/{total}] {SYMBOL[row.status]} {row.key}: {Cell().add(row).text()}", flush=True)
            (OUT / f"{stamp}.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    summary["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    print(f"\nregression run finished in {elapsed(time.perf_counter() - started)}")
    return summary


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", default=",".join(run_tests.BACKENDS), help="comma-separated backends")
    parser.add_argument("--only", default=",".join(run_tests.KINDS), help="comma-separated kinds of tests")
    parser.add_argument("--pythons", default="current", help="current (default), all, or e.g. 3.11,3.12")
    parser.add_argument("--core", metavar="VERSION", help=f"pin {CORE} to this version in the virtualenvs")
    parser.add_argument("--suite", metavar="VERSION", help=f"pin {SUITE} to this version in the virtualenvs")
    parser.add_argument("--baseline", type=Path, help="a previous summary JSON: list regressions against it")
    parser.add_argument("--from-json", nargs="+", type=Path, metavar="JSON", help="merge and render, do not run")
    parser.add_argument("--no-localdb", action="store_true", help="do not start local databases")
    parser.add_argument("--full-compliance", action="store_true", help="the whole compliance suite on every server")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for every pytest run (after --)")
    args = parser.parse_args(argv)
    args.backends = tuple(b for b in args.backend.split(",") if b)
    args.kinds = tuple(k for k in args.only.split(",") if k)
    for name, allowed, given in (("backend", run_tests.BACKENDS, args.backends), ("only", run_tests.KINDS, args.kinds)):
        bad = sorted(set(given) - set(allowed))
        if bad:
            parser.error(f"--{name}: unknown {', '.join(bad)}; choose from {', '.join(allowed)}")
    return args


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    OUT.mkdir(parents=True, exist_ok=True)
    if args.from_json:
        summary = merge(*(load(p) for p in args.from_json))
    else:
        if not args.no_localdb and {"integration", "compliance", "conformance"} & set(args.kinds):
            print("=== local databases ===", flush=True)
            subprocess.run([sys.executable, str(ROOT / "tools" / "localdb.py"), "up"], cwd=ROOT, check=True)
        summary = run_matrix(args, stamp)
    baseline = load(args.baseline) if args.baseline else None
    found = regressions(baseline, summary) if baseline is not None else None
    path = write_reports(summary, stamp, found)
    print("\n" + render_markdown(summary, found))
    if baseline is not None:
        for key in not_run(baseline, summary):
            print(f"note: {key} ran in the baseline but not in this run")
    print(f"reports: {path.with_suffix('.md')}, {path.with_suffix('.html')}, {path} (and latest.*)")
    failed_setup = setup_failures(summary, baseline)
    for py in failed_setup:
        print(f"!!! Python {py} could not be prepared: {summary['environments'][py]['error']}")
    if found is not None:
        return 1 if found or failed_setup else 0
    return 1 if failed_setup or any(row.status == "failed" for row in rows_of(summary)) else 0


def setup_failures(summary: dict[str, Any], baseline: dict[str, Any] | None) -> list[str]:
    """Pythons whose virtualenv could not be made; against a baseline, only those it had working."""
    failed = [py for py, env in summary.get("environments", {}).items() if "error" in env]
    if baseline is None:
        return failed
    worked = {py for py, env in baseline.get("environments", {}).items() if "error" not in env}
    return [py for py in failed if py in worked]


if __name__ == "__main__":
    sys.exit(main())
