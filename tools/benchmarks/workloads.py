"""The workloads, and the suite that times one contender against the raw driver on each of them.

A backend module (postgres.py, mysql.py) supplies a ``RawSide`` (the driver's own calls) and the
contenders (ours, SQLAlchemy, the published backend, COPY); this module knows the row counts, which raw
call each workload is paired with, and in which table state it runs. Nothing here imports a driver.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Optional

from benchmarks.common import Action, Pairing, alternate, attempt

ROWS_MANY = 5_000
ROWS_FETCH = 20_000
POINT_SELECTS = 2_000
MODEL_SAVES = 1_000
ROWS_BULK = 100_000
ASYNC_SUFFIX = "-async"  # "binary-async": the async backend and AsyncActiveRecord on psycopg's binary build


def split_mode(impl: str) -> tuple[str, bool]:
    """(driver implementation, whether the run is asynchronous) of an implementation name."""
    if impl.endswith(ASYNC_SUFFIX):
        return impl[: -len(ASYNC_SUFFIX)], True
    return impl, False


class Loop:
    """The event loop of an asynchronous run: each timed call, raw or ours, is one ``run(coroutine)``,
    so both sides pay the same loop entry and the ratio is what the async backend adds."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()

    def run(self, awaitable: Awaitable[Any]) -> Any:
        return self._loop.run_until_complete(awaitable)

    def close(self) -> None:
        self._loop.close()

    def blocking(self, fn: Callable[..., Awaitable[Any]]) -> Callable[..., Any]:
        """``fn`` (a coroutine function) as a plain call that runs it to completion on this loop."""
        return lambda *args: self.run(fn(*args))


def rows(n: int) -> list[tuple]:
    return [(f"name-{i}", Decimal(i % 1000) / 4, i % 97) for i in range(n)]


def keys() -> list[int]:
    # distinct ids spread over the table (7919 is prime, so coprime with ROWS_FETCH)
    return [1 + (i * 7919) % ROWS_FETCH for i in range(POINT_SELECTS)]


@dataclass(frozen=True)
class Workload:
    key: str
    label: str
    level: str  # "backend" | "model" | "bulk"
    raw: str  # the RawSide call it is paired with
    data: str  # what the calls take: "many", "saves", "bulk", "keys" or "" (nothing)
    filled: bool  # runs on the 20,000-row table; else on an empty table, reset before every run


WORKLOADS = (
    Workload("execute_many", f"execute_many {ROWS_MANY:,} rows", "backend", "execute_many", "many", False),
    Workload("fetch_all", f"fetch_all {ROWS_FETCH:,} rows", "backend", "fetch_all", "", True),
    Workload("fetch_one", f"fetch_one by key x{POINT_SELECTS:,}", "backend", "fetch_one", "keys", True),
    Workload("save", f"model save x{MODEL_SAVES:,}", "model", "save", "saves", False),
    Workload("find_one", f"model find_one x{POINT_SELECTS:,}", "model", "fetch_one", "keys", True),
    Workload("query_all", f"model query().all() {ROWS_FETCH:,}", "model", "fetch_all", "", True),
    Workload("bulk_load", f"bulk load {ROWS_BULK:,} rows", "bulk", "execute_many", "bulk", False),
)
BY_KEY = {w.key: w for w in WORKLOADS}


@dataclass
class RawSide:
    """The raw driver's calls on its own connection; reads return rows in the shape the backend returns."""

    execute_many: Callable[[list[tuple]], object]  # executemany of the plain INSERT
    fetch_all: Action  # every row, as dicts
    fetch_one: Callable[[list[int]], object]  # one SELECT by key per key, one row each
    save: Callable[[list[tuple]], object]  # one INSERT per row, reading the new id back
    reset: Callable[[int], object]  # drop and create the table, then load n rows
    copy: Optional[Callable[[list[tuple]], object]] = None  # PostgreSQL COPY FROM STDIN


def raw_on_loop(loop: Loop, reset: Callable[[int], object], *calls: Optional[Callable[..., Awaitable[Any]]]) -> RawSide:
    """A RawSide from the driver's asyncio calls (execute_many, fetch_all, fetch_one, save[, copy]), each
    run to completion on ``loop``; ``reset`` stays a plain call (it is set-up, not timed)."""
    execute_many, fetch_all, fetch_one, save, *copy = (None if fn is None else loop.blocking(fn) for fn in calls)
    return RawSide(execute_many, fetch_all, fetch_one, save, reset, *copy)  # type: ignore[arg-type]


@dataclass
class Contender:
    """One side measured against raw: a callable per workload it supports (same argument as the raw call)."""

    name: str
    calls: dict[str, Callable[..., object]]
    error: str = ""  # set when the contender could not even start (every workload reports it)


def ours(name: str, backend: Any, model: Any, insert: str, select_all: str, select_one: str) -> Contender:
    """A backend (ours or a published one) and an ActiveRecord model configured on it."""

    def fetch_one(ks: list[int]) -> None:
        for k in ks:
            backend.fetch_one(select_one, (k,))

    def save(data: list[tuple]) -> None:
        for n, a, q in data:
            model(name=n, amount=a, qty=q).save()

    def find_one(ks: list[int]) -> None:
        for k in ks:
            model.find_one(k)

    return Contender(
        name,
        {
            "execute_many": lambda data: backend.execute_many(insert, data),
            "fetch_all": lambda: backend.fetch_all(select_all),
            "fetch_one": fetch_one,
            "save": save,
            "find_one": find_one,
            "query_all": lambda: model.query().all(),
            "bulk_load": lambda data: backend.execute_many(insert, data),
        },
    )


def ours_async(
    name: str, backend: Any, model: Any, insert: str, select_all: str, select_one: str, loop: Loop
) -> Contender:
    """``ours`` for an async backend and an AsyncActiveRecord model: the same calls, awaited on ``loop``."""

    async def fetch_one(ks: list[int]) -> None:
        for k in ks:
            await backend.fetch_one(select_one, (k,))

    async def save(data: list[tuple]) -> None:
        for n, a, q in data:
            await model(name=n, amount=a, qty=q).save()

    async def find_one(ks: list[int]) -> None:
        for k in ks:
            await model.find_one(k)

    async def execute_many(data: list[tuple]) -> object:
        return await backend.execute_many(insert, data)

    async def fetch_all() -> object:
        return await backend.fetch_all(select_all)

    async def query_all() -> object:
        return await model.query().all()

    calls = {"execute_many": execute_many, "fetch_all": fetch_all, "fetch_one": fetch_one, "save": save}
    calls.update(find_one=find_one, query_all=query_all, bulk_load=execute_many)
    return Contender(name, {key: loop.blocking(fn) for key, fn in calls.items()})


def without(contender: Contender, *workloads: str) -> Contender:
    """The contender less some workloads (the published backends' bulk load: minutes of row-by-row INSERTs)."""
    kept = {k: v for k, v in contender.calls.items() if k not in workloads}
    return Contender(contender.name, kept, contender.error)


def model_class(table: str, config: Any, backend_class: type, loop: Optional[Loop] = None) -> Any:
    """The benchmark's model on ``table``, configured on ``backend_class`` (an AsyncActiveRecord,
    configured on ``loop``, when one is given)."""
    from rhosocial.activerecord.model import ActiveRecord, AsyncActiveRecord

    class BenchRow(ActiveRecord if loop is None else AsyncActiveRecord):  # type: ignore[misc]
        __table_name__ = table
        id: Optional[int] = None
        name: str
        amount: Decimal
        qty: int

    configured = BenchRow.configure(config, backend_class)  # a coroutine on AsyncActiveRecord
    if loop is not None:
        loop.run(configured)
    return BenchRow


@dataclass
class Opened:
    """A backend contender as opened: the contender, the driver implementation it uses, how to close it."""

    contender: Contender
    used: str
    source: str
    close: Action


def open_backend(
    name: str,
    backend_class: type,
    config: Any,
    table: str,
    sql: tuple[str, str, str],
    used_of: Callable,
    loop: Optional[Loop] = None,
) -> Opened:
    """Connect ``backend_class`` and a model on it (an async backend on ``loop`` when one is given); a
    failure to connect becomes the contender's error (the raw, SQLAlchemy and COPY figures still come)."""
    run: Callable[[Any], Any] = loop.run if loop is not None else (lambda done: done)
    try:
        backend = backend_class(connection_config=config)  # the core's keyword: published backends take only it
        run(backend.connect())
        model = model_class(table, config, backend_class, loop)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
        return Opened(Contender(name, {}, error=error), "-", f"connect failed ({error})", lambda: None)
    used, source = used_of(backend)

    def close() -> None:
        run(backend.disconnect())
        run(model.backend().disconnect())

    contender = ours(name, backend, model, *sql) if loop is None else ours_async(name, backend, model, *sql, loop)
    return Opened(contender, used, source, close)


_ARGUMENTS: dict[str, Callable[[], tuple[Any, ...]]] = {
    "many": lambda: (rows(ROWS_MANY),),
    "saves": lambda: (rows(MODEL_SAVES),),
    "bulk": lambda: (rows(ROWS_BULK),),
    "keys": lambda: (keys(),),
    "": tuple,
}


def bound(workload: Workload, raw: RawSide, contender: Contender) -> tuple[Action, Action, Optional[Action]]:
    """(raw action, contender action, setup before each run) for one workload."""
    args = _ARGUMENTS[workload.data]()  # built once per workload, outside the timed calls
    raw_call = getattr(raw, workload.raw)
    call = contender.calls[workload.key]
    setup = None if workload.filled else (lambda: raw.reset(0))
    return (lambda: raw_call(*args)), (lambda: call(*args)), setup


def in_order(only: Optional[set[str]] = None) -> Iterator[tuple[Workload, bool]]:
    """Workloads in run order, each with whether the 20,000-row table must be loaded before it:
    the empty-table ones first (each run resets), then the table is filled once for the read ones."""
    chosen = [w for w in WORKLOADS if only is None or w.key in only]
    empty = [w for w in chosen if not w.filled]
    filled = [w for w in chosen if w.filled]
    for i, w in enumerate(empty + filled):
        yield w, w.filled and i == len(empty)


def run_suite(raw: RawSide, contender: Contender, repeat: int, only: Optional[set[str]] = None) -> list[Pairing]:
    """Every workload the contender supports, alternating with its raw call; median-ready per-run times."""
    out: list[Pairing] = []
    for workload, fill in in_order(only):
        if fill:
            raw.reset(ROWS_FETCH)
        if contender.error:
            out.append(Pairing(workload.key, contender.name, error=contender.error))
            continue
        if workload.key not in contender.calls:
            continue
        raw_action, action, setup = bound(workload, raw, contender)
        warm = workload.level != "bulk"
        out.append(attempt(workload.key, contender.name, alternate, raw_action, action, repeat, setup, warm))
    return out


@dataclass
class Kit:
    """What a backend module opens for one run: the raw side, the contenders, and what the driver is."""

    raw: RawSide
    ours: Contender
    driver: str  # e.g. "psycopg 3.3.9"
    implementation: dict[str, str]  # requested, driver (what the driver reports), used (by the backend), source
    extra: list[Contender]  # references that need no other package (PostgreSQL COPY)
    sqlalchemy_url: str
    connect: Callable[[], Any]  # a new raw connection with the raw side's settings (SQLAlchemy's creator)
    close: Action
    asynchronous: bool = False  # the async backend against the driver's asyncio API (no SQLAlchemy there)
