"""Timing helpers shared by the backend benchmarks: paired best-of-N timings and a ratio table.

Raw-driver and backend runs alternate, so background load from elsewhere hits both sides alike;
each side's figure is its best run (the least disturbed).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Optional

TARGET = 1.3


def timed(fn: Callable[[], object], setup: Optional[Callable[[], object]] = None) -> float:
    if setup is not None:
        setup()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired(
    raw: Callable[[], object], ours: Callable[[], object], repeat: int, setup: Optional[Callable[[], object]] = None
) -> tuple[float, float]:
    """(best raw seconds, best backend seconds) over ``repeat`` alternating runs; ``setup`` runs before each."""
    timed(raw, setup)  # warm-up: connections, prepared statements, caches
    timed(ours, setup)
    best_raw = best_ours = float("inf")
    for _ in range(repeat):
        best_raw = min(best_raw, timed(raw, setup))
        best_ours = min(best_ours, timed(ours, setup))
    return best_raw, best_ours


@dataclass(frozen=True)
class Result:
    label: str
    raw: float
    ours: float
    gated: bool = True  # counts toward the pass/fail target

    @property
    def ratio(self) -> float:
        return self.ours / self.raw if self.raw else float("inf")


def print_table(title: str, results: Sequence[Result], driver: str) -> None:
    print(title)
    print(f"{'workload':38} {'raw ' + driver + ' s':>16} {'backend s':>10} {'ratio':>7}")
    for r in results:
        flag = "" if not r.gated or r.ratio <= TARGET else "  > target"
        print(f"{r.label:38} {r.raw:16.4f} {r.ours:10.4f} {r.ratio:7.2f}{flag}")
    print(f"ratio = backend time / raw {driver} time; target <= {TARGET} for backend-level rows")


def passed(results: Sequence[Result]) -> bool:
    return all(r.ratio <= TARGET for r in results if r.gated)
