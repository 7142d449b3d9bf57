"""The pure parts of tools/benchmark.py: result rows, ratios, the JSON document, the text table, the chart.

Nothing here talks to a database; tests/test_benchmark_report.py feeds it hand-made results.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

TARGET = 1.3
SCHEMA = 1

# The three backend-level workloads, by the start of the label the backend benchmarks give them.
WORKLOAD_KEYS = (
    ("executemany", re.compile(r"executemany\b")),
    ("fetch_all", re.compile(r"fetch_all\b")),
    ("point_selects", re.compile(r"\d+ point selects\b")),
)

# (workload label, raw seconds, backend seconds, gated); gated rows count toward the 1.3 target
Figure = tuple[str, float, float, bool]


def workload_key(label: str) -> Optional[str]:
    """``executemany`` / ``fetch_all`` / ``point_selects`` for a backend-level label, else None (model rows...)."""
    for key, pattern in WORKLOAD_KEYS:
        if pattern.match(label):
            return key
    return None


def ratio(seconds: Optional[float], raw: float) -> Optional[float]:
    """``seconds / raw``; None when there is no figure or no usable raw time."""
    if seconds is None or raw <= 0:
        return None
    return seconds / raw


@dataclass(frozen=True)
class Row:
    workload: str
    raw: float
    backend: float
    sqlalchemy: Optional[float] = None
    gated: bool = True
    sqlalchemy_raw: Optional[float] = None  # the raw timing paired with SQLAlchemy's (its own alternation)

    @property
    def backend_ratio(self) -> Optional[float]:
        return ratio(self.backend, self.raw)

    @property
    def sqlalchemy_ratio(self) -> Optional[float]:
        return ratio(self.sqlalchemy, self.raw if self.sqlalchemy_raw is None else self.sqlalchemy_raw)

    def to_json(self) -> dict[str, Any]:
        return {
            "workload": self.workload,
            "key": workload_key(self.workload),
            "gated": self.gated,
            "raw_s": self.raw,
            "backend_s": self.backend,
            "sqlalchemy_s": self.sqlalchemy,
            "sqlalchemy_raw_s": self.sqlalchemy_raw,
            "backend_ratio": self.backend_ratio,
            "sqlalchemy_ratio": self.sqlalchemy_ratio,
        }


@dataclass
class BackendResult:
    backend: str
    status: str  # "ok" | "skipped" | "error"
    server: Optional[str] = None
    server_label: str = ""
    driver: str = ""
    reason: str = ""
    rows: list[Row] = field(default_factory=list)

    def over_target(self) -> list[Row]:
        return [r for r in self.rows if r.gated and (r.backend_ratio is None or r.backend_ratio > TARGET)]

    def to_json(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "status": self.status,
            "server": self.server,
            "server_label": self.server_label,
            "driver": self.driver,
            "reason": self.reason,
            "rows": [r.to_json() for r in self.rows],
        }


def merge(figures: Iterable[Figure], sqlalchemy: dict[str, tuple[float, float]]) -> list[Row]:
    """Rows from the backend benchmark's figures plus SQLAlchemy's ``{key: (raw s, sqlalchemy s)}``.

    Each ratio is over the raw timing it alternated with (so load from elsewhere hits both sides of a
    ratio alike); ``raw`` is the backend pairing's, SQLAlchemy's own raw figure is kept next to it.
    """
    rows = []
    for label, raw, ours, gated in figures:
        key = workload_key(label) if gated else None
        if key in sqlalchemy:
            sa_raw, sa = sqlalchemy[key]
            rows.append(Row(label, raw, ours, sa, gated, sa_raw))
        else:
            rows.append(Row(label, raw, ours, None, gated))
    return rows


def document(results: Sequence[BackendResult], *, stamp: str, repeat: int, meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "stamp": stamp,
        "repeat": repeat,
        "target": TARGET,
        **meta,
        "backends": [r.to_json() for r in results],
    }


def write_json(doc: dict[str, Any], out: Path) -> Path:
    """``out/<stamp>.json`` and the same as ``out/latest.json``; returns the stamped path."""
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, indent=2, allow_nan=False) + "\n"
    path = out / f"{doc['stamp']}.json"
    path.write_text(text)
    (out / "latest.json").write_text(text)
    return path


def _num(value: Optional[float], fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def format_table(result: BackendResult) -> str:
    if result.status != "ok":
        return f"{result.backend}: {result.status} - {result.reason}"
    width = max([len("workload"), *(len(r.workload) for r in result.rows)])
    lines = [
        f"{result.backend} on {result.server_label} (raw = {result.driver})",
        f"{'workload':{width}} {'raw s':>9} {'backend s':>10} {'SQLA s':>9} {'backend/raw':>12} {'SQLA/raw':>9}",
    ]
    for r in result.rows:
        flag = "  > target" if r in result.over_target() else ""
        lines.append(
            f"{r.workload:{width}} {r.raw:9.4f} {r.backend:10.4f} {_num(r.sqlalchemy, '9.4f'):>9}"
            f" {_num(r.backend_ratio, '12.2f'):>12} {_num(r.sqlalchemy_ratio, '9.2f'):>9}{flag}"
        )
    return "\n".join(lines)


def chart(result: BackendResult, path: Path) -> Path:
    """Horizontal bars of backend/raw and SQLAlchemy/raw per workload, lines at 1.0 and the target."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    rows = list(reversed(result.rows))  # first workload on top
    labels = [r.workload.strip() + ("" if r.gated else " *") for r in rows]
    fig = MplFigure(figsize=(9, 0.55 * len(rows) + 1.8))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    height = 0.38
    ys = range(len(rows))
    series = (
        ("backend / raw", [r.backend_ratio for r in rows], -height / 2, "#3b6fb6"),
        ("SQLAlchemy Core / raw", [r.sqlalchemy_ratio for r in rows], height / 2, "#e08a2c"),
    )
    for name, values, offset, colour in series:
        present = [(y, v) for y, v in zip(ys, values, strict=True) if v is not None]
        if not present:
            continue
        bars = ax.barh([y + offset for y, _ in present], [v for _, v in present], height, label=name, color=colour)
        for text in ax.bar_label(bars, labels=[f"{v:.2f}" for _, v in present], padding=3, fontsize=8):
            text.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8})
    ax.axvline(1.0, color="black", linewidth=1)
    ax.axvline(TARGET, color="#c0392b", linestyle="--", linewidth=1, label=f"target {TARGET}")
    ax.set_yticks(list(ys), labels)
    # Ratios are multiplicative and model rows can be 20x while backend rows sit near 1.0-1.3: log scale.
    shown = [v for _, vs, _, _ in series for v in vs if v is not None]
    low, high = min([0.8, *shown]) * 0.8, max([TARGET, *shown]) * 1.6
    ax.set_xscale("log")
    ax.set_xlim(low, high)
    ticks = [t for t in (0.5, 1.0, TARGET, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0) if low <= t <= high]
    ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
    ax.minorticks_off()
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("time / raw driver time (log scale; lower is better; 1 = raw driver)")
    ax.set_title(f"{result.backend} on {result.server_label}", fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    note = f"raw = {result.driver}; * = not gated by the {TARGET} target (through models, or for reference)"
    fig.text(0.01, 0.01, note, fontsize=7, color="#555555")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    return path
