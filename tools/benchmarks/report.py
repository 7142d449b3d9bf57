"""The pure parts of tools/benchmark.py: run results, targets, the JSON document, the text table, the chart.

Nothing here talks to a database; tests/test_benchmark_report.py feeds it hand-made results.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from benchmarks.common import Pairing, Spread
from benchmarks.workloads import BY_KEY, WORKLOADS

SCHEMA = 2
# Issue #17's targets: backend-level rows at most 1.10x raw; the bulk load at least 3x (PostgreSQL) /
# 2x (MySQL) faster than raw executemany.
LEVEL_TARGET = 1.10
BULK_TARGET = {"postgres": 1 / 3, "mysql": 1 / 2}
CONTENDERS = (
    ("backend", "backend"),
    ("sqlalchemy", "SQLAlchemy*"),
    ("published", "published"),
    ("raw-copy", "raw COPY"),
)
GEOMEAN_WORKLOADS = tuple(w.key for w in WORKLOADS if w.level != "bulk")


def target(backend: str, workload: str) -> Optional[float]:
    level = BY_KEY[workload].level if workload in BY_KEY else ""
    if level == "backend":
        return LEVEL_TARGET
    if level == "bulk":
        return BULK_TARGET.get(backend)
    return None


@dataclass
class RunResult:
    """One backend with one driver implementation: its pairings, and what the backend really used."""

    backend: str
    implementation: str  # as asked (PSYCOPG_IMPL value, cext / pure)
    status: str  # "ok" | "skipped" | "error"
    server: Optional[str] = None
    server_label: str = ""
    driver: str = ""
    used: dict[str, str] = field(default_factory=dict)  # requested, driver, used, source
    reason: str = ""
    pairings: list[Pairing] = field(default_factory=list)
    profile: dict[str, Any] = field(default_factory=dict)
    published: dict[str, Any] = field(default_factory=dict)  # package, driver, used, reason of that run

    def pairing(self, workload: str, contender: str) -> Optional[Pairing]:
        for p in self.pairings:
            if p.workload == workload and p.contender == contender:
                return p
        return None

    def over_target(self) -> list[str]:
        """Workloads whose backend median ratio misses its target (or that failed)."""
        out = []
        for p in self.pairings:
            limit = target(self.backend, p.workload)
            if p.contender != "backend" or limit is None:
                continue
            ratio = p.ratio
            if p.error or ratio is None or ratio.median > limit:
                out.append(p.workload)
        return out

    def geomean(self, contender: str) -> Optional[float]:
        """Geometric mean of the median ratios over the six non-bulk workloads, when all six have one."""
        medians = []
        for key in GEOMEAN_WORKLOADS:
            p = self.pairing(key, contender)
            ratio = p.ratio if p else None
            if ratio is None or ratio.median <= 0:
                return None
            medians.append(ratio.median)
        return math.exp(sum(math.log(m) for m in medians) / len(medians))

    def to_json(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "implementation": self.implementation,
            "status": self.status,
            "server": self.server,
            "server_label": self.server_label,
            "driver": self.driver,
            "used": self.used,
            "reason": self.reason,
            "pairings": [p.to_json() for p in self.pairings],
            "over_target": self.over_target(),
            "geomean": {c: self.geomean(c) for c, _ in CONTENDERS},
            "profile": self.profile,
            "published": self.published,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunResult:
        return cls(
            backend=data["backend"],
            implementation=data["implementation"],
            status=data["status"],
            server=data.get("server"),
            server_label=data.get("server_label", ""),
            driver=data.get("driver", ""),
            used=dict(data.get("used") or {}),
            reason=data.get("reason", ""),
            pairings=[Pairing.from_json(p) for p in data.get("pairings") or []],
            profile=dict(data.get("profile") or {}),
            published=dict(data.get("published") or {}),
        )


def document(results: Sequence[RunResult], *, stamp: str, repeat: int, meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "stamp": stamp,
        "repeat": repeat,
        "targets": {"backend_level": LEVEL_TARGET, "bulk_load": BULK_TARGET},
        "workloads": {w.key: {"label": w.label, "level": w.level} for w in WORKLOADS},
        **meta,
        "runs": [r.to_json() for r in results],
    }


def write_json(doc: dict[str, Any], out: Path) -> Path:
    """``out/<stamp>.json`` and the same as ``out/latest.json``; returns the stamped path."""
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, indent=2, allow_nan=False) + "\n"
    path = out / f"{doc['stamp']}.json"
    path.write_text(text)
    (out / "latest.json").write_text(text)
    return path


def cell(pairing: Optional[Pairing], limit: Optional[float] = None) -> str:
    """``median (min-max)`` of the per-run ratios, ``!`` past the target, ``error`` or ``-``."""
    if pairing is None:
        return "-"
    if pairing.error:
        return "error"
    ratio: Optional[Spread] = pairing.ratio
    if ratio is None:
        return "-"
    flag = "!" if limit is not None and ratio.median > limit else ""
    return f"{ratio.median:.2f} ({ratio.low:.2f}-{ratio.high:.2f}){flag}"


def raw_seconds(result: RunResult, workload: str) -> Optional[Spread]:
    """The raw driver's seconds for a workload: from the backend's pairing, else another local one's."""
    for contender in ("backend", "sqlalchemy", "raw-copy"):
        p = result.pairing(workload, contender)
        if p is not None and p.raw:
            return Spread.of(p.raw)
    return None


def title(result: RunResult) -> str:
    head = f"{result.backend}, {result.driver or 'driver'} implementation {result.implementation}"
    return f"{head} on {result.server_label or result.server or '?'}"


def format_table(result: RunResult) -> str:
    if result.status != "ok":
        return f"{result.backend} ({result.implementation}): {result.status} - {result.reason}"
    used = result.used
    lines = [
        title(result),
        f"  raw side: {used.get('driver', '?')}; backend used: {used.get('used', '?')}"
        f" (from {used.get('source', '?')})",
    ]
    if result.published:
        pub = result.published
        what = pub.get("package", "published backend")
        if pub.get("reason"):
            lines.append(f"  published: {what}: {pub['reason']}")
        else:
            lines.append(f"  published: {what} on {pub.get('driver', '?')}, implementation {pub.get('used', '?')}")
    shown = [(c, h) for c, h in CONTENDERS if any(p.contender == c for p in result.pairings)]
    width = max(len(w.label) for w in WORKLOADS)
    lines.append(f"{'workload':{width}} {'raw s':>8}  " + "  ".join(f"{h:21}" for _, h in shown).rstrip())
    for w in WORKLOADS:
        if not any(p.workload == w.key for p in result.pairings):
            continue
        raw = raw_seconds(result, w.key)
        raw_text = f"{raw.median:8.4f}" if raw else f"{'-':>8}"
        limit = target(result.backend, w.key)
        cells = [cell(result.pairing(w.key, c), limit if c == "backend" else None) for c, _ in shown]
        lines.append(f"{w.label:{width}} {raw_text}  " + "  ".join(f"{c:21}" for c in cells).rstrip())
    means = [result.geomean(c) for c, _ in shown]
    if any(m is not None for m in means):
        texts = [f"{m:.2f}" if m is not None else "-" for m in means]
        lines.append(f"{'geomean (6 non-bulk)':{width}} {'':8}  " + "  ".join(f"{t:21}" for t in texts).rstrip())
    errors: dict[str, list[str]] = {}
    for p in result.pairings:
        if p.error:
            errors.setdefault(f"{p.contender}: {p.error}", []).append(p.workload)
    for message, workloads in errors.items():
        lines.append(f"  error in {', '.join(workloads)} - {message}")
    return "\n".join(lines)


LEGEND = (
    "cells: median of the per-run ratios time / raw driver time (min-max), each run over the raw run it\n"
    "alternated with; raw s = median raw seconds (of the backend's pairing); ! = over the target\n"
    f"(backend-level rows <= {LEVEL_TARGET}; bulk load <= 1/3 on postgres, <= 1/2 on mysql);\n"
    "* SQLAlchemy 2: Core for the backend-level rows, ORM for the model rows; published = the earlier\n"
    "published backend in its own venv, over its own raw runs; raw COPY = psycopg COPY FROM STDIN."
)


def chart(result: RunResult, path: Path) -> Path:
    """Bars of the median ratio per workload and contender, min-max whiskers, lines at 1.0 and the target."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure

    workloads = [w for w in WORKLOADS if any(p.workload == w.key for p in result.pairings)][::-1]
    shown = [(c, h) for c, h in CONTENDERS if any(p.contender == c and not p.error for p in result.pairings)]
    colours = {"backend": "#3b6fb6", "sqlalchemy": "#e08a2c", "published": "#7f7f7f", "raw-copy": "#2ca02c"}
    fig = MplFigure(figsize=(9, 0.7 * len(workloads) + 1.8))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    height = 0.8 / max(1, len(shown))
    values: list[float] = []
    for i, (contender, header) in enumerate(shown):
        ys: list[float] = []
        mids: list[float] = []
        errs: list[list[float]] = [[], []]
        for y, w in enumerate(workloads):
            p = result.pairing(w.key, contender)
            ratio = p.ratio if p and not p.error else None
            if ratio is None:
                continue
            ys.append(y - 0.4 + height * (i + 0.5))
            mids.append(ratio.median)
            errs[0].append(ratio.median - ratio.low)
            errs[1].append(ratio.high - ratio.median)
            values += [ratio.low, ratio.high]
        if ys:
            ax.barh(ys, mids, height, xerr=errs, label=header, color=colours[contender], capsize=2)
    ax.axvline(1.0, color="black", linewidth=1)
    ax.axvline(LEVEL_TARGET, color="#c0392b", linestyle="--", linewidth=1, label=f"target {LEVEL_TARGET}")
    ax.set_yticks(list(range(len(workloads))), [w.label for w in workloads])
    low, high = min([0.8, *values]) * 0.8, max([LEVEL_TARGET, *values]) * 1.6
    ax.set_xscale("log")
    ax.set_xlim(low, high)
    ticks = [t for t in (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0) if low <= t <= high]
    ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
    ax.minorticks_off()
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("time / raw driver time, median and min-max (log scale; lower is better)")
    ax.set_title(title(result), fontsize=9)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    return path
