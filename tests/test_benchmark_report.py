"""The pure parts of tools/benchmark.py: median and spread, targets, the JSON document, table, chart, profile.

Results are hand-made; nothing here needs a server (the chart test needs matplotlib, else it skips).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import benchmark
from benchmarks import profiling, report, workloads
from benchmarks.common import Pairing, Spread, alternate, attempt, run_ratios

LABEL = "pg15 (postgresql 15.20 at 127.0.0.1:5432)"


def pairing(workload: str, contender: str, ratios: list[float], raw: float = 0.1) -> Pairing:
    return Pairing(workload, contender, [raw] * len(ratios), [raw * r for r in ratios])


def sample() -> report.RunResult:
    pairings = [
        pairing("execute_many", "backend", [1.0, 1.05, 1.2, 1.02, 1.04]),  # median 1.04: within 1.10
        pairing("fetch_all", "backend", [1.3, 1.2, 1.25, 1.1, 1.4]),  # median 1.25: over
        pairing("fetch_one", "backend", [1.0, 1.0, 1.0, 1.0, 1.0]),
        pairing("save", "backend", [3.0, 3.0, 3.0, 3.0, 3.0]),  # model rows have no target
        pairing("find_one", "backend", [2.0, 2.0, 2.0, 2.0, 2.0]),
        pairing("query_all", "backend", [4.0, 4.0, 4.0, 4.0, 4.0]),
        pairing("bulk_load", "backend", [0.5, 0.5, 0.5, 0.5, 0.5]),  # postgres wants <= 1/3: over
        pairing("bulk_load", "raw-copy", [0.1, 0.1, 0.1, 0.1, 0.1]),
        pairing("execute_many", "sqlalchemy", [2.0, 2.0, 2.0, 2.0, 2.0]),
        Pairing("save", "published", error="TypeError: boom"),
    ]
    used = {"requested": "binary", "driver": "binary", "used": "binary", "source": "server_info.driver_implementation"}
    return report.RunResult("postgres", "binary", "ok", "pg15", LABEL, "psycopg 3.3.9", used, pairings=pairings)


def test_spread_is_median_min_max_and_quartiles() -> None:
    s = Spread.of([3.0, 1.0, 2.0, 5.0, 4.0])
    assert s is not None
    assert (s.median, s.low, s.high, s.q1, s.q3) == (3.0, 1.0, 5.0, 2.0, 4.0)
    even = Spread.of([1.0, 2.0, 3.0, 4.0])
    assert even is not None
    assert even.median == 2.5
    one = Spread.of([7.0])
    assert one is not None
    assert (one.median, one.low, one.high, one.q1, one.q3) == (7.0,) * 5
    assert Spread.of([]) is None


def test_each_run_is_divided_by_the_raw_run_it_alternated_with() -> None:
    assert run_ratios([0.1, 0.2, 0.0], [0.2, 0.2, 0.5]) == pytest.approx([2.0, 1.0])  # no usable raw: left out
    p = Pairing("fetch_one", "backend", [0.1, 0.2, 0.4], [0.12, 0.2, 0.8])
    assert p.ratio is not None
    assert (p.ratio.median, p.ratio.low, p.ratio.high) == pytest.approx((1.2, 1.0, 2.0))


def test_alternate_runs_setup_before_every_timed_run_and_warms_up_once() -> None:
    calls: list[str] = []
    raws, others = alternate(lambda: calls.append("raw"), lambda: calls.append("other"), 2, lambda: calls.append("s"))
    assert (len(raws), len(others)) == (2, 2)
    assert calls == ["s", "raw", "s", "other"] * 3
    calls.clear()
    alternate(lambda: calls.append("raw"), lambda: calls.append("other"), 1, warm_up=False)
    assert calls == ["raw", "other"]


def test_attempt_turns_an_exception_into_the_pairings_error() -> None:
    def boom() -> tuple[list[float], list[float]]:
        raise RuntimeError("no server")

    p = attempt("fetch_all", "backend", boom)
    assert (p.error, p.raw, p.other, p.ratio) == ("RuntimeError: no server", [], [], None)


def test_pairing_json_round_trip() -> None:
    p = pairing("fetch_one", "backend", [1.0, 2.0, 3.0])
    data = json.loads(json.dumps(p.to_json()))
    assert data["ratio"]["median"] == pytest.approx(2.0)
    assert data["raw_median_s"] == pytest.approx(0.1)
    assert Pairing.from_json(data) == p


def test_targets() -> None:
    assert report.target("postgres", "fetch_one") == report.LEVEL_TARGET
    assert report.target("postgres", "bulk_load") == pytest.approx(1 / 3)
    assert report.target("mysql", "bulk_load") == pytest.approx(1 / 2)
    assert report.target("oracle", "bulk_load") is None
    assert report.target("mysql", "find_one") is None


def test_over_target_counts_the_backend_on_gated_workloads_only() -> None:
    assert sample().over_target() == ["fetch_all", "bulk_load"]
    failed = report.RunResult("mysql", "pure", "ok", pairings=[Pairing("fetch_one", "backend", error="x")])
    assert failed.over_target() == ["fetch_one"]


def test_geomean_needs_all_six_non_bulk_workloads() -> None:
    result = sample()
    expected = (1.04 * 1.25 * 1.0 * 3.0 * 2.0 * 4.0) ** (1 / 6)
    assert result.geomean("backend") == pytest.approx(expected)
    assert result.geomean("sqlalchemy") is None  # only execute_many


def test_run_result_json_round_trip_and_document(tmp_path: Path) -> None:
    skipped = report.RunResult("oracle", "-", "skipped", reason="no oracle server")
    doc = report.document([sample(), skipped], stamp="20260101T000000Z", repeat=5, meta={"python": "3.11.9"})
    path = report.write_json(doc, tmp_path / "bench")
    assert path == tmp_path / "bench" / "20260101T000000Z.json"
    loaded = json.loads(path.read_text())
    assert loaded == json.loads((tmp_path / "bench" / "latest.json").read_text())
    assert (loaded["schema"], loaded["repeat"], loaded["python"]) == (report.SCHEMA, 5, "3.11.9")
    assert loaded["targets"]["backend_level"] == report.LEVEL_TARGET
    assert set(loaded["workloads"]) == {w.key for w in workloads.WORKLOADS}
    pg, ora = loaded["runs"]
    assert pg["over_target"] == ["fetch_all", "bulk_load"]
    assert pg["used"]["source"] == "server_info.driver_implementation"
    assert report.RunResult.from_json(pg).pairings == sample().pairings
    assert (ora["status"], ora["reason"], ora["pairings"]) == ("skipped", "no oracle server", [])


def test_cell_shows_median_and_spread_and_flags() -> None:
    p = pairing("fetch_all", "backend", [1.3, 1.2, 1.25])
    assert report.cell(p) == "1.25 (1.20-1.30)"
    assert report.cell(p, 1.10) == "1.25 (1.20-1.30)!"
    assert report.cell(Pairing("x", "backend", error="boom")) == "error"
    assert report.cell(None) == "-"


def test_table_lists_every_workload_with_its_contenders() -> None:
    lines = report.format_table(sample()).splitlines()
    assert lines[0].startswith("postgres, psycopg 3.3.9 implementation binary on pg15")
    assert "backend used: binary (from server_info.driver_implementation)" in lines[1]
    header = lines[2]
    assert header.split()[3:] == ["backend", "SQLAlchemy*", "published", "raw", "COPY"]
    rows = {w.label: line for w in workloads.WORKLOADS for line in lines if line.startswith(w.label)}
    assert len(rows) == len(workloads.WORKLOADS)
    assert "1.04 (1.00-1.20) " in rows["execute_many 5,000 rows"]
    assert "2.00 (2.00-2.00)" in rows["execute_many 5,000 rows"]
    assert "1.25 (1.10-1.40)!" in rows["fetch_all 20,000 rows"]
    assert "0.50 (0.50-0.50)!" in rows["bulk load 100,000 rows"]
    assert rows["bulk load 100,000 rows"].rstrip().endswith("0.10 (0.10-0.10)")
    assert "error" in rows["model save x1,000"]
    assert any(line.startswith("geomean") for line in lines)
    assert any("error in save - published: TypeError: boom" in line for line in lines)
    skipped = report.RunResult("oracle", "-", "skipped", reason="no oracle server")
    assert report.format_table(skipped) == "oracle (-): skipped - no oracle server"


def test_chart_written(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = report.chart(sample(), tmp_path / "out" / "postgres-binary.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 5_000


def test_empty_table_workloads_run_first_and_the_table_is_filled_once() -> None:
    order = list(workloads.in_order())
    keys = [w.key for w, _ in order]
    assert keys == ["execute_many", "save", "bulk_load", "fetch_all", "fetch_one", "find_one", "query_all"]
    assert [w.key for w, fill in order if fill] == ["fetch_all"]
    assert [w.key for w, fill in workloads.in_order({"find_one", "save"}) if fill] == ["find_one"]


def test_run_suite_pairs_each_workload_with_its_raw_call() -> None:
    seen: list[str] = []

    def record(name: str):
        return lambda *args: seen.append(name)

    raw = workloads.RawSide(
        record("raw.execute_many"),
        record("raw.fetch_all"),
        record("raw.fetch_one"),
        record("raw.save"),
        record("reset"),
    )
    contender = workloads.Contender("backend", {"find_one": record("find_one"), "save": record("save")})
    out = workloads.run_suite(raw, contender, 1)
    assert [(p.workload, p.error) for p in out] == [("save", ""), ("find_one", "")]
    assert seen == ["reset", "raw.save", "reset", "save"] * 2 + ["reset"] + ["raw.fetch_one", "find_one"] * 2
    broken = workloads.Contender("published", {}, error="cannot connect")
    assert {p.error for p in workloads.run_suite(raw, broken, 1)} == {"cannot connect"}


def test_attach_published_goes_to_the_implementation_it_used() -> None:
    runs = [
        report.RunResult("mysql", "cext", "ok", used={"driver": "cext", "used": "C extension"}),
        report.RunResult("mysql", "pure", "ok", used={"driver": "pure", "used": "pure Python"}),
    ]
    published = report.RunResult(
        "mysql", "default", "ok", driver="mysql-connector-python 26.10.0", used={"driver": "pure", "used": "pure"},
        pairings=[pairing("find_one", "published", [3.0])],
    )  # fmt: skip
    benchmark.attach_published(runs, published, "rhosocial-activerecord-mysql==1.0.0.dev19")
    assert runs[0].pairings == []
    assert runs[1].pairings == published.pairings
    assert runs[1].published["used"] == "pure"
    failed = report.RunResult("mysql", "default", "skipped", reason="pip failed")
    benchmark.attach_published(runs, failed, "x")
    assert runs[0].published["reason"] == "pip failed"  # nothing matches "": the first run


def test_attach_published_never_goes_to_an_async_run() -> None:
    runs = [
        report.RunResult("mysql", "pure-async", "ok", used={"driver": "pure", "used": "python"}),
        report.RunResult("mysql", "pure", "ok", used={"driver": "pure", "used": "python"}),
    ]
    published = report.RunResult(
        "mysql", "default", "ok", used={"driver": "pure"}, pairings=[pairing("save", "published", [3.0])]
    )
    benchmark.attach_published(runs, published, "x")
    assert runs[0].pairings == []
    assert runs[0].published == {}
    assert runs[1].pairings == published.pairings


def test_async_implementation_names() -> None:
    assert workloads.split_mode("binary-async") == ("binary", True)
    assert workloads.split_mode("pure") == ("pure", False)
    for backend, impls in benchmark.IMPLEMENTATIONS.items():
        base = [i for i in impls if not workloads.split_mode(i)[1]]
        assert {workloads.split_mode(i)[0] for i in impls} <= set(base), backend  # async runs name a sync one


def test_async_contender_awaits_each_call_on_the_loop() -> None:
    calls: list[tuple] = []

    class Backend:
        async def execute_many(self, sql: str, data: list) -> int:
            calls.append(("execute_many", sql, len(data)))
            return len(data)

        async def fetch_all(self, sql: str) -> list:
            calls.append(("fetch_all", sql))
            return [{"id": 1}]

        async def fetch_one(self, sql: str, params: tuple) -> dict:
            calls.append(("fetch_one", sql, params))
            return {"id": params[0]}

    class Model:
        def __init__(self, **values: object) -> None:
            self.values = values

        async def save(self) -> None:
            calls.append(("save", self.values["name"]))

        @classmethod
        async def find_one(cls, key: int) -> None:
            calls.append(("find_one", key))

    loop = workloads.Loop()
    try:
        contender = workloads.ours_async("backend", Backend(), Model, "INS", "ALL", "ONE", loop)
        assert contender.calls["execute_many"]([("a", 1, 2)] * 3) == 3
        assert contender.calls["fetch_all"]() == [{"id": 1}]
        contender.calls["fetch_one"]([4, 5])
        contender.calls["save"]([("n", 1, 2)])
        contender.calls["find_one"]([7])
    finally:
        loop.close()
    assert calls == [
        ("execute_many", "INS", 3),
        ("fetch_all", "ALL"),
        ("fetch_one", "ONE", (4,)),
        ("fetch_one", "ONE", (5,)),
        ("save", "n"),
        ("find_one", 7),
    ]


def test_profile_keeps_our_packages_only() -> None:
    ours = "/w/packages/postgres/src/rhosocial/activerecord/backend/impl/postgres/backend/sync.py"
    toolkit = "/w/shared/toolkit/src/rhosocial/activerecord/backend/toolkit/log.py"
    core = "/site-packages/rhosocial/activerecord/backend/base/base.py"
    stats = SimpleNamespace(
        stats={
            (ours, 10, "_run"): (5, 5, 0.002, 0.5, {}),
            (toolkit, 3, "log_statement"): (5, 5, 0.004, 0.004, {}),
            (core, 1, "execute"): (5, 5, 0.1, 0.6, {}),
            ("~", 0, "<built-in method time>"): (9, 9, 0.01, 0.01, {}),
        }
    )
    summary = profiling.summarise(stats)  # type: ignore[arg-type]
    assert summary["total_own_s"] == pytest.approx(0.116)
    assert summary["ours_own_s"] == pytest.approx(0.006)
    assert [e["function"] for e in summary["top"]] == [
        "toolkit/log.py:3(log_statement)",
        "impl/postgres/backend/sync.py:10(_run)",
    ]
    text = profiling.format_profile("fetch_one by key x2,000", summary)
    assert "our packages 0.006 s own time of 0.116 s" in text


def test_backend_without_server_is_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "servers.json"
    empty.write_text('{"servers": []}')
    monkeypatch.setenv("RHOSOCIAL_SERVERS_FILE", str(empty))
    for name in ("RHOSOCIAL_ORACLE_DSN", "RHOSOCIAL_TEST_SERVER"):
        monkeypatch.delenv(name, raising=False)
    args = argparse.Namespace(server=None, impl=None, profile=False, no_published=True)
    [result] = benchmark.bench_backend("oracle", args)
    assert result.status == "skipped"
    assert "no oracle server" in result.reason
    assert result.reason.startswith("no Oracle DSN")
