"""``--profile``: one cProfile'd run of our side per workload, reduced to the functions in our packages.

Our packages are the backends and the toolkit (``rhosocial/activerecord/backend/impl/*`` and
``.../backend/toolkit``); the core (``rhosocial-activerecord``) and the drivers are left out of the list
but counted in the total, so the share we add is visible.
"""

from __future__ import annotations

import cProfile
import pstats
from dataclasses import dataclass
from typing import Any, Optional

from benchmarks.common import timed
from benchmarks.workloads import ROWS_FETCH, Contender, RawSide, bound, in_order

OURS = ("/rhosocial/activerecord/backend/impl/", "/rhosocial/activerecord/backend/toolkit/")
TOP = 12


def is_ours(filename: str) -> bool:
    path = filename.replace("\\", "/")
    return any(part in path for part in OURS)


def short(filename: str, line: int, name: str) -> str:
    path = filename.replace("\\", "/")
    cut = path.find("/rhosocial/activerecord/backend/")
    return f"{path[cut + len('/rhosocial/activerecord/backend/') :] if cut >= 0 else path}:{line}({name})"


@dataclass(frozen=True)
class Entry:
    function: str
    calls: int
    own_s: float
    cumulative_s: float

    def to_json(self) -> dict[str, Any]:
        return {"function": self.function, "calls": self.calls, "own_s": self.own_s, "cumulative_s": self.cumulative_s}


def summarise(stats: pstats.Stats, top: int = TOP) -> dict[str, Any]:
    """Total own time, our packages' own time, and our top functions by own time."""
    raw: dict[Any, Any] = getattr(stats, "stats")  # noqa: B009 (pstats keeps its table there, untyped)
    total = sum(v[2] for v in raw.values())
    mine = [Entry(short(file, line, name), v[1], v[2], v[3]) for (file, line, name), v in raw.items() if is_ours(file)]
    mine.sort(key=lambda e: e.own_s, reverse=True)
    return {
        "total_own_s": total,
        "ours_own_s": sum(e.own_s for e in mine),
        "top": [e.to_json() for e in mine[:top]],
    }


def profile_suite(raw: RawSide, contender: Contender, only: Optional[set[str]] = None) -> dict[str, Any]:
    """``{workload: summary}``: a warm-up run, then one profiled run of the contender (setup not profiled)."""
    out: dict[str, Any] = {}
    for workload, fill in in_order(only):
        if fill:
            raw.reset(ROWS_FETCH)
        if contender.error or workload.key not in contender.calls:
            continue
        _, action, setup = bound(workload, raw, contender)
        if workload.level != "bulk":
            timed(action, setup)
        if setup is not None:
            setup()
        profiler = cProfile.Profile()
        profiler.runcall(action)
        out[workload.key] = summarise(pstats.Stats(profiler))
    return out


def format_profile(workload_label: str, summary: dict[str, Any]) -> str:
    lines = [
        f"  {workload_label}: our packages {summary['ours_own_s']:.3f} s own time"
        f" of {summary['total_own_s']:.3f} s profiled"
    ]
    lines.append(f"    {'calls':>8} {'own s':>8} {'cum s':>8}  function")
    for e in summary["top"]:
        lines.append(f"    {e['calls']:>8} {e['own_s']:8.4f} {e['cumulative_s']:8.4f}  {e['function']}")
    return "\n".join(lines)
