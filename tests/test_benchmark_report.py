"""The pure parts of tools/benchmark.py: workload keys, ratios, merging, the JSON document, table and chart.

Results are hand-made; nothing here needs a server (the chart test needs matplotlib, else it skips).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import benchmark
from benchmarks import report

FIGURES: list[report.Figure] = [
    ("executemany 5000 rows", 0.050, 0.060, True),
    ("fetch_all 20000 rows", 0.020, 0.030, True),
    ("  (same vs raw tuples, for reference)", 0.015, 0.030, False),
    ("2000 point selects by key", 0.100, 0.120, True),
    ("model bulk_create 5000", 0.050, 0.500, False),
]
SQLA = {"executemany": (0.040, 0.080), "fetch_all": (0.025, 0.025), "point_selects": (0.100, 0.200)}


def sample() -> report.BackendResult:
    rows = report.merge(FIGURES, SQLA)
    label = "pg15 (postgresql 15.20 at 127.0.0.1:5432)"
    return report.BackendResult("postgres", "ok", "pg15", label, "psycopg", rows=rows)


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("executemany 5000 rows", "executemany"),
        ("fetch_all 20000 rows", "fetch_all"),
        ("2000 point selects by key", "point_selects"),
        ("2000 point selects", "point_selects"),
        ("  (same vs raw tuples, for reference)", None),
        ("model find_one x2000", None),
        ("model query().all() 20000", None),
    ],
)
def test_workload_key(label: str, key: str | None) -> None:
    assert report.workload_key(label) == key


def test_ratio() -> None:
    assert report.ratio(0.13, 0.1) == pytest.approx(1.3)
    assert report.ratio(None, 0.1) is None
    assert report.ratio(0.1, 0.0) is None


def test_merge_pairs_each_ratio_with_its_own_raw_and_sqlalchemy_goes_to_backend_rows_only() -> None:
    rows = {r.workload: r for r in report.merge(FIGURES, SQLA)}
    many = rows["executemany 5000 rows"]
    assert (many.raw, many.sqlalchemy_raw, many.sqlalchemy) == (0.050, 0.040, 0.080)
    assert many.backend_ratio == pytest.approx(1.2)
    assert many.sqlalchemy_ratio == pytest.approx(2.0)
    fetch = rows["fetch_all 20000 rows"]
    assert (fetch.raw, fetch.sqlalchemy) == (0.020, 0.025)
    assert fetch.sqlalchemy_ratio == pytest.approx(1.0)
    assert rows["  (same vs raw tuples, for reference)"].sqlalchemy is None
    assert rows["model bulk_create 5000"].sqlalchemy is None
    assert rows["model bulk_create 5000"].backend_ratio == pytest.approx(10.0)
    assert [r.workload for r in report.merge(FIGURES, {})] == [f[0] for f in FIGURES]


def test_over_target_counts_gated_rows_only() -> None:
    over = sample().over_target()
    assert [r.workload for r in over] == ["fetch_all 20000 rows"]  # 1.5; executemany 1.2, point selects 1.2


def test_json_document_shape(tmp_path: Path) -> None:
    skipped = report.BackendResult("oracle", "skipped", reason="no oracle server")
    doc = report.document([sample(), skipped], stamp="20260101T000000Z", repeat=2, meta={"python": "3.11.9"})
    path = report.write_json(doc, tmp_path / "bench")
    assert path == tmp_path / "bench" / "20260101T000000Z.json"
    loaded = json.loads(path.read_text())
    assert loaded == json.loads((tmp_path / "bench" / "latest.json").read_text())
    assert {k: loaded[k] for k in ("schema", "stamp", "repeat", "target", "python")} == {
        "schema": 1,
        "stamp": "20260101T000000Z",
        "repeat": 2,
        "target": 1.3,
        "python": "3.11.9",
    }
    pg, ora = loaded["backends"]
    assert (pg["backend"], pg["status"], pg["server"], pg["driver"]) == ("postgres", "ok", "pg15", "psycopg")
    assert set(pg["rows"][0]) == {
        "workload",
        "key",
        "gated",
        "raw_s",
        "backend_s",
        "sqlalchemy_s",
        "sqlalchemy_raw_s",
        "backend_ratio",
        "sqlalchemy_ratio",
    }
    assert pg["rows"][0]["key"] == "executemany"
    assert pg["rows"][0]["sqlalchemy_ratio"] == pytest.approx(2.0)
    assert pg["rows"][4]["sqlalchemy_s"] is None
    assert (ora["status"], ora["reason"], ora["rows"]) == ("skipped", "no oracle server", [])


def test_table_lists_every_row_and_flags_over_target() -> None:
    text = report.format_table(sample())
    lines = text.splitlines()
    assert "psycopg" in lines[0]
    assert len(lines) == 2 + len(FIGURES)
    assert lines[2].startswith("executemany 5000 rows")
    assert not lines[2].endswith("> target")
    assert lines[3].endswith("> target")
    assert lines[4].rstrip().endswith("-")  # no SQLAlchemy figure for the reference row
    skipped = report.BackendResult("oracle", "skipped", reason="no oracle server")
    assert report.format_table(skipped) == "oracle: skipped - no oracle server"


def test_chart_written(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = report.chart(sample(), tmp_path / "out" / "postgres.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 5_000


def test_figures_accepts_both_benchmark_shapes() -> None:
    result = SimpleNamespace(label="fetch_all 20000 rows", raw=1.0, ours=1.1, gated=True)
    as_results = SimpleNamespace(run=lambda server, repeat: [result])
    tuples = ([("2000 point selects", 1.0, 1.2)], [("model x", 1.0, 3.0)])
    as_tuples = SimpleNamespace(run=lambda server, repeat: tuples)
    assert benchmark.figures(as_results, None, 1) == [("fetch_all 20000 rows", 1.0, 1.1, True)]  # type: ignore[arg-type]
    assert benchmark.figures(as_tuples, None, 1) == [  # type: ignore[arg-type]
        ("2000 point selects", 1.0, 1.2, True),
        ("model x", 1.0, 3.0, False),
    ]


def test_backend_without_server_is_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "servers.json"
    empty.write_text('{"servers": []}')
    monkeypatch.setenv("RHOSOCIAL_SERVERS_FILE", str(empty))
    for name in ("RHOSOCIAL_ORACLE_DSN", "RHOSOCIAL_TEST_SERVER"):
        monkeypatch.delenv(name, raising=False)
    result = benchmark.bench_backend("oracle", None, 1)
    assert result.status == "skipped"
    assert "no oracle server" in result.reason
