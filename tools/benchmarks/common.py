"""Timing and statistics shared by every benchmark side: alternating paired runs, median and spread.

The raw driver run and the measured run alternate, so load from elsewhere hits both sides alike;
each measured run is divided by the raw run next to it, and a ratio is reported as the median of
those per-run ratios with their spread (min-max and interquartile range). Pure except ``timed``.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

Action = Callable[[], object]


def timed(fn: Action, setup: Optional[Action] = None) -> float:
    if setup is not None:
        setup()
    # every run starts with no garbage pending: else a full collection, paid for earlier runs' objects,
    # lands in whichever run crosses the threshold (seen as 10x-27x spreads on the 20,000-model load)
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(
    raw: Action, other: Action, repeat: int, setup: Optional[Action] = None, warm_up: bool = True
) -> tuple[list[float], list[float]]:
    """(raw seconds per run, other seconds per run), ``repeat`` alternating runs; ``setup`` before each.

    A warm-up run of each side first (connections, prepared statements, caches) unless ``warm_up`` is off
    (the 100,000-row bulk load is warm by itself and too long to run twice for nothing).
    """
    if warm_up:
        timed(raw, setup)
        timed(other, setup)
    raws: list[float] = []
    others: list[float] = []
    for _ in range(repeat):
        raws.append(timed(raw, setup))
        others.append(timed(other, setup))
    return raws, others


@dataclass(frozen=True)
class Spread:
    """Median, min, max and quartiles of a series (the ratios of one pairing, or one side's seconds)."""

    median: float
    low: float
    high: float
    q1: float
    q3: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Optional[Spread]:
        if not values:
            return None
        ordered = sorted(values)
        if len(ordered) == 1:
            q1 = q3 = ordered[0]
        else:
            q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        return cls(statistics.median(ordered), ordered[0], ordered[-1], q1, q3)

    def to_json(self) -> dict[str, float]:
        return {"median": self.median, "min": self.low, "max": self.high, "q1": self.q1, "q3": self.q3}


def run_ratios(raws: Sequence[float], others: Sequence[float]) -> list[float]:
    """Each measured run over the raw run it alternated with (runs with no usable raw time are left out)."""
    return [o / r for r, o in zip(raws, others, strict=True) if r > 0]


@dataclass
class Pairing:
    """One workload timed for one contender against the raw driver, in alternation.

    ``contender``: ``backend`` (ours), ``sqlalchemy`` (Core for backend-level rows, ORM for model rows),
    ``published`` (the earlier published backend, run in its own venv), ``raw-copy`` (PostgreSQL COPY).
    ``error`` is set instead of the timings when the contender raised.
    """

    workload: str
    contender: str
    raw: list[float] = field(default_factory=list)
    other: list[float] = field(default_factory=list)
    error: str = ""
    note: str = ""

    @property
    def ratio(self) -> Optional[Spread]:
        return Spread.of(run_ratios(self.raw, self.other))

    def to_json(self) -> dict[str, Any]:
        ratio, raw, other = self.ratio, Spread.of(self.raw), Spread.of(self.other)
        return {
            "workload": self.workload,
            "contender": self.contender,
            "raw_s": self.raw,
            "other_s": self.other,
            "raw_median_s": raw.median if raw else None,
            "other_median_s": other.median if other else None,
            "ratio": ratio.to_json() if ratio else None,
            "error": self.error,
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Pairing:
        return cls(
            data["workload"],
            data["contender"],
            list(data.get("raw_s") or []),
            list(data.get("other_s") or []),
            data.get("error", ""),
            data.get("note", ""),
        )


def attempt(
    workload: str, contender: str, fn: Callable[..., tuple[list[float], list[float]]], *args: Any, **kwargs: Any
) -> Pairing:
    """``fn(*args, **kwargs)`` as one pairing; an exception becomes its error so the other workloads still run."""
    try:
        raws, others = fn(*args, **kwargs)
    except Exception as exc:  # one contender failing must not lose the other figures
        return Pairing(workload, contender, error=f"{type(exc).__name__}: {exc}"[:300])
    return Pairing(workload, contender, raws, others)
