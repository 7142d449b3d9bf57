"""The pure parts of tools/regression.py: JUnit reading, summaries, merging, the regression diff, rendering.

The JUnit files are small hand-made ones in pytest's format, written to tmp_path.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import regression
import run_tests

# (classname, name, outcome, message); outcome in passed / failed / error / skipped
Case = tuple[str, str, str, str]
TAG = {"failed": "failure", "error": "error", "skipped": "skipped"}


def write_junit(path: Path, cases: list[Case]) -> Path:
    """A JUnit file shaped like pytest's: <testsuites><testsuite counts...><testcase>..."""
    count = {o: sum(1 for c in cases if c[2] == o) for o in ("failed", "error", "skipped")}
    body = []
    for classname, name, outcome, message in cases:
        inner = f"<{TAG[outcome]} message={quoteattr(message)}>trace</{TAG[outcome]}>" if outcome in TAG else ""
        body.append(f'<testcase classname="{classname}" name={quoteattr(name)} time="0.01">{inner}</testcase>')
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><testsuites>'
        f'<testsuite name="pytest" errors="{count["error"]}" failures="{count["failed"]}" '
        f'skipped="{count["skipped"]}" tests="{len(cases)}" time="1.0">{"".join(body)}</testsuite></testsuites>',
        encoding="utf-8",
    )
    return path


def row(
    tmp_path: Path, cases: list[Case], *, step: str = "postgres-unit", python: str = "3.12", **kw: Any
) -> regression.Row:
    """A row read back from a JUnit file (read at once, so reusing the file name is fine)."""
    junit = write_junit(tmp_path / f"{python}-{step}.xml", cases)
    where = {"backend": "postgres", "kind": "unit", "server": "", "returncode": 0, "seconds": 1.0, **kw}
    return regression.row_from_junit(python, step, junit=junit, **where)


def summary(*rows: regression.Row, python_env: dict[str, Any] | None = None) -> dict[str, Any]:
    result = regression.new_summary({})
    result["rows"] = [asdict(r) for r in rows]
    result["environments"] = python_env or {
        "3.12": {"version": "3.12.1", "core": "1.0.0.dev29", "suite": "1.0.0.dev16"}
    }
    return result


GREEN: list[Case] = [("t.test_a", "test_one", "passed", ""), ("t.test_a", "test_two", "passed", "")]


def test_outcomes_are_read_per_test_id(tmp_path: Path) -> None:
    junit = write_junit(
        tmp_path / "r.xml",
        [
            ("t.test_a", "test_ok", "passed", ""),
            ("t.test_a", "test_bad", "failed", "AssertionError: 1 != 2\nmore"),
            ("t.test_a", "test_boom", "error", "fixture 'db' not found"),
            ("t.test_a", "test_later", "skipped", "no oracle server"),
            ("", "t/test_b.py", "error", "collection failure"),
        ],
    )
    outcomes = regression.read_outcomes(junit)
    assert outcomes == {
        "t.test_a::test_ok": ("passed", ""),
        "t.test_a::test_bad": ("failed", "AssertionError: 1 != 2"),
        "t.test_a::test_boom": ("error", "fixture 'db' not found"),
        "t.test_a::test_later": ("skipped", "no oracle server"),
        "t/test_b.py": ("error", "collection failure"),
    }


def test_the_worse_outcome_wins_for_a_repeated_id(tmp_path: Path) -> None:
    # pytest reports a test that failed and then errored in teardown as two <testcase> of one id
    junit = write_junit(tmp_path / "r.xml", [("t", "test_x", "failed", "boom"), ("t", "test_x", "error", "teardown")])
    assert regression.read_outcomes(junit) == {"t::test_x": ("error", "teardown")}


def test_a_row_carries_counts_ids_and_status(tmp_path: Path) -> None:
    r = row(tmp_path, [*GREEN, ("t.test_a", "test_bad", "failed", "nope"), ("t.test_a", "test_s", "skipped", "why")])
    assert (r.passed, r.failed, r.errors, r.skipped) == (2, 1, 0, 1)
    assert r.failing == {"t.test_a::test_bad": "failed: nope"}
    assert r.passed_ids == ["t.test_a::test_one", "t.test_a::test_two"]
    assert r.skipped_ids == ["t.test_a::test_s"]
    assert r.key == "py3.12/postgres-unit"
    assert r.status == "failed"


@pytest.mark.parametrize(
    ("cases", "returncode", "status"),
    [
        (GREEN, 0, "passed"),
        ([*GREEN, ("t", "test_s", "skipped", "no server")], 0, "skipped"),
        ([("t", "test_s", "skipped", "no server")], 0, "skipped"),
        ([], 5, "empty"),
        (GREEN, -1, "failed"),  # timed out after writing a report: the step broke
    ],
)
def test_status_colours(tmp_path: Path, cases: list[Case], returncode: int, status: str) -> None:
    assert row(tmp_path, cases, returncode=returncode).status == status


def test_a_step_without_a_report_that_crashed_is_failed(tmp_path: Path) -> None:
    r = regression.row_from_junit("3.12", "x", "postgres", "unit", "", tmp_path / "missing.xml", 3, 0.5)
    assert (r.passed, r.failed, r.broken, r.status) == (0, 0, True, "failed")


def test_merge_keeps_every_row_and_lets_the_later_run_win(tmp_path: Path) -> None:
    first = summary(row(tmp_path, GREEN), row(tmp_path, GREEN, step="mysql-unit", backend="mysql"))
    first["started"], first["finished"] = "2026-01-01T00:00:00+00:00", "2026-01-01T01:00:00+00:00"
    rerun = row(tmp_path, [("t.test_a", "test_one", "failed", "now broken")], step="mysql-unit", backend="mysql")
    py313 = row(tmp_path, GREEN, python="3.13")
    second = summary(rerun, py313, python_env={"3.13": {"version": "3.13.0", "core": "x", "suite": "y"}})
    second["started"], second["finished"] = "2026-01-02T00:00:00+00:00", "2026-01-02T01:00:00+00:00"

    merged = regression.merge(first, second)
    rows = {r.key: r for r in regression.rows_of(merged)}
    assert set(rows) == {"py3.12/postgres-unit", "py3.12/mysql-unit", "py3.13/postgres-unit"}
    assert rows["py3.12/mysql-unit"].failed == 1
    assert set(merged["environments"]) == {"3.12", "3.13"}
    assert (merged["started"], merged["finished"]) == ("2026-01-01T00:00:00+00:00", "2026-01-02T01:00:00+00:00")
    assert regression.rows_of(first)[1].failed == 0  # the inputs are left alone


def test_a_test_that_passed_and_now_fails_is_a_regression(tmp_path: Path) -> None:
    before = [*GREEN, ("t.test_a", "test_flaky", "failed", "old"), ("t.test_a", "test_skip", "skipped", "")]
    now = [
        ("t.test_a", "test_one", "failed", "AssertionError"),  # passed before: a regression
        ("t.test_a", "test_two", "passed", ""),
        ("t.test_a", "test_flaky", "failed", "old"),  # failed before too: not one
        ("t.test_a", "test_skip", "error", "boom"),  # skipped before: not one
        ("t.test_a", "test_new", "failed", "new"),  # did not exist before: not one
    ]
    found = regression.regressions(summary(row(tmp_path, before)), summary(row(tmp_path, now)))
    assert found == [regression.Regression("py3.12/postgres-unit", "t.test_a::test_one", "failed: AssertionError")]


def test_tests_that_did_not_run_because_their_step_broke_are_regressions(tmp_path: Path) -> None:
    base = summary(row(tmp_path, GREEN))
    crashed = summary(row(tmp_path, [], returncode=-1))
    collection = summary(row(tmp_path, [("", "t/test_a.py", "error", "ImportError")], step="postgres-unit"))
    assert [r.test for r in regression.regressions(base, crashed)] == ["t.test_a::test_one", "t.test_a::test_two"]
    assert "exit -1" in regression.regressions(base, crashed)[0].now
    assert len(regression.regressions(base, collection)) == 2


def test_a_test_removed_next_to_a_failing_one_is_no_regression(tmp_path: Path) -> None:
    base = summary(row(tmp_path, [*GREEN, ("t.test_a", "test_three", "passed", "")]))
    current = summary(row(tmp_path, [GREEN[0], ("t.test_a", "test_three", "failed", "x")], returncode=1))
    assert [r.test for r in regression.regressions(base, current)] == ["t.test_a::test_three"]


def test_a_removed_test_or_a_missing_step_is_no_regression(tmp_path: Path) -> None:
    base = summary(row(tmp_path, GREEN), row(tmp_path, GREEN, step="postgres-compliance-pg16"))
    current = summary(row(tmp_path, GREEN[:1]))  # test_two deleted, compliance not run (server gone)
    assert regression.regressions(base, current) == []
    assert regression.not_run(base, current) == ["py3.12/postgres-compliance-pg16"]


def test_markdown_matrix_has_a_column_per_python_and_lists_failures(tmp_path: Path) -> None:
    s = summary(
        row(tmp_path, GREEN),
        row(
            tmp_path,
            [("t", "test_s", "skipped", "")],
            step="oracle-integration-no-server",
            backend="oracle",
            kind="integration",
        ),
        row(
            tmp_path,
            [("t", "test_f", "failed", "bad")],
            python="3.13",
            step="postgres-compliance-pg16",
            kind="compliance",
            server="pg16",
        ),
    )
    text = regression.render_markdown(
        s, [regression.Regression("py3.13/postgres-compliance-pg16", "t::test_f", "failed: bad")]
    )
    lines = text.splitlines()
    assert "| backend | tests | server | Python 3.12 | Python 3.13 |" in lines
    assert "| oracle | integration | - | 🟡 0 passed, 1 skipped (1 s) |  |" in lines
    assert "| postgres | unit | - | ✅ 2 passed (1 s) |  |" in lines
    assert "| postgres | compliance | pg16 |  | ❌ 0 passed, 1 failed (1 s) |" in lines
    assert "  - `t::test_f` failed: bad" in lines
    assert "## Regressions against the baseline: 1" in lines
    assert lines.index("| postgres | unit | - | ✅ 2 passed (1 s) |  |") < lines.index(
        "| postgres | compliance | pg16 |  | ❌ 0 passed, 1 failed (1 s) |"
    )


def test_the_per_version_matrix_has_a_column_per_server_in_version_order(tmp_path: Path) -> None:
    def at(server: str, version: str, kind: str, cases: list[Case], python: str = "3.12") -> regression.Row:
        r = row(tmp_path, cases, step=f"postgres-{kind}-{server}", python=python, kind=kind, server=server)
        r.version = version
        return r

    s = summary(
        at("pg15", "15.20", "integration", GREEN),
        at("pg13", "13.23", "integration", GREEN),
        at("pg13", "13.23", "integration", GREEN, python="3.13"),
        at("pg18", "18.6", "compliance", [("t", "test_f", "failed", "bad")]),
        row(tmp_path, GREEN),  # no server: not in the per-version table
    )
    lines = regression.render_markdown(s).splitlines()
    assert "| backend | tests | pg13 (13.23) | pg15 (15.20) | pg18 (18.6) |" in lines
    assert "| postgres | integration | ✅ 4 passed (2 s) | ✅ 2 passed (1 s) |  |" in lines
    assert "| postgres | compliance |  |  | ❌ 0 passed, 1 failed (1 s) |" in lines
    assert "<th>pg13 (13.23)</th>" in regression.render_html(s)


def test_html_page_is_self_contained_coloured_and_escaped(tmp_path: Path) -> None:
    s = summary(
        row(tmp_path, GREEN),
        row(tmp_path, [("t", "test_x[<b>]", "failed", "a < b")], step="mysql-unit", backend="mysql"),
        row(tmp_path, [("t", "test_s", "skipped", "")], step="oracle-unit", backend="oracle"),
    )
    page = regression.render_html(s, [])
    assert page.startswith("<!DOCTYPE html>")
    assert '<td class="passed">2 passed (1 s)</td>' in page
    assert '<td class="failed">0 passed, 1 failed (1 s)</td>' in page
    assert '<td class="skipped">0 passed, 1 skipped (1 s)</td>' in page
    assert "<code>t::test_x[&lt;b&gt;]</code> failed: a &lt; b" in page
    assert "<b>" not in page
    assert "Regressions against the baseline: 0" in page
    assert not any(ref in page for ref in ("<script", "<link", "src=", "http://", "https://"))


def test_reports_are_written_with_a_stamp_and_as_latest(tmp_path: Path) -> None:
    s = summary(row(tmp_path, GREEN))
    path = regression.write_reports(s, "20260101T000000Z", None, out=tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(f"{stem}.{ext}" for ext in ("html", "json", "md") for stem in ("20260101T000000Z", "latest"))
    assert path == tmp_path / "out" / "20260101T000000Z.json"
    assert regression.load(path) == s == regression.load(tmp_path / "out" / "latest.json")


def test_venv_requirements_come_from_hatch_toml_with_the_chosen_pins() -> None:
    default = regression.hatch_test_requirements(None, None)
    assert any(d.startswith("pytest") for d in default)
    assert any(d.startswith("psycopg") for d in default)  # inherited from the default template
    pinned = regression.hatch_test_requirements("1.0.0.dev30", "1.0.0.dev17")
    suites = [d for d in pinned if d.startswith(regression.SUITE)]
    assert suites == [f"{regression.SUITE}==1.0.0.dev17"]
    assert f"{regression.CORE}==1.0.0.dev30" in pinned


def test_steps_come_from_run_tests_with_another_interpreter_and_report_folder(tmp_path: Path) -> None:
    steps = run_tests.plan(("postgres",), ("unit",), (), python="/opt/py/bin/python", reports=tmp_path)
    assert [(s.name, s.backend) for s in steps] == [
        ("toolkit-unit", "toolkit"),
        ("postgres-unit", "postgres"),
        ("cross-backend", "cross-backend"),
    ]
    assert all(s.argv[0] == "/opt/py/bin/python" and s.junit and s.junit.parent == tmp_path for s in steps)


def test_the_capability_page_is_written_for_backends_whose_conformance_ran_on_a_server() -> None:
    def step(backend: str, kind: str, server: str) -> run_tests.Step:
        return run_tests.Step(f"{backend}-{kind}", kind, [], backend=backend, server=server)

    steps = [
        step("oracle", "conformance", "oracle-dsn"),
        step("mysql", "conformance", ""),  # no server: the server-free half only, no page
        step("postgres", "integration", "pg15"),
    ]
    module = "rhosocial.activerecord.backend.toolkit.testing.conformance"
    assert run_tests.capability_pages(steps, python="/py") == ["/py", "-m", module, "page", "--backend=oracle"]
    assert run_tests.capability_pages(steps[1:]) == []


def test_elapsed_reads_as_hours_minutes_seconds() -> None:
    assert regression.elapsed(3725.9) == "1:02:05"


def test_a_python_that_cannot_be_prepared_fails_unless_it_did_already(tmp_path: Path) -> None:
    broken = {"3.13": {"error": "pip install ... exited 1: ERROR: No matching distribution found for x"}}
    working = {"3.13": {"version": "3.13.0", "core": "a", "suite": "b"}}
    now = summary(row(tmp_path, GREEN), python_env=broken)
    assert regression.setup_failures(now, None) == ["3.13"]
    assert regression.setup_failures(now, summary(python_env=broken)) == []
    assert regression.setup_failures(now, summary(python_env=working)) == ["3.13"]


def test_topology_steps_are_planned_time_boxed_and_kept_out_of_cross_backend(tmp_path):
    steps = run_tests.plan(("postgres", "mysql"), ("unit", "topology"), (), reports=tmp_path)
    topology = {s.name: s for s in steps if s.kind == "topology"}
    assert set(topology) == {"topology-pg-replica", "topology-pgbouncer", "topology-galera"}
    assert all(s.timeout == run_tests.TOPOLOGY_STEP_TIMEOUT_S < run_tests.STEP_TIMEOUT_S for s in topology.values())
    cross = next(s for s in steps if s.name == "cross-backend")
    assert "--ignore=tests/topologies" in cross.argv
    only_pg = run_tests.plan(("postgres",), ("topology",), (), reports=tmp_path)
    assert [s.name for s in only_pg] == ["topology-pg-replica", "topology-pgbouncer"]
