"""A scripted stand-in for python-oracledb's connection and cursor (sync and async).

It records every statement and bind list the backend sends and answers from rules the test
sets; errors it raises are REAL ``oracledb`` exception objects (see ``ora_error``). Only the
socket is fake: SQL text, bind values, variables and error objects are what the driver would see.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Optional

import oracledb
import oracledb.errors as driver_errors
import pytest

Meta = namedtuple("Meta", "name type_code display_size internal_size precision scale null_ok")


def meta(name: str, type_code: Any = None, *, size: int = 0, precision: int = 0, scale: int = 0) -> Meta:
    return Meta(name, type_code or oracledb.DB_TYPE_VARCHAR, size, size, precision, scale, True)


def ora_error(code: int, text: str, exc_type: type = oracledb.DatabaseError) -> Exception:
    """An exception built the way the thin driver builds one from a server error."""
    return exc_type(driver_errors._Error(f"ORA-{code:05d}: {text}", code=code))


def row_error(offset: int, code: int, text: str) -> Any:
    """One entry of ``cursor.getbatcherrors()``: the driver's error object with the row offset."""
    return driver_errors._Error(f"ORA-{code:05d}: {text}", code=code, offset=offset)


def dpy_error(num: int) -> Exception:
    """A driver (DPY-) exception from the driver's own factory."""
    return driver_errors._create_exception(num)


@dataclass
class Reply:
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    rowcount: int = 0
    outs: Optional[list] = None  # per out variable: its value (list of row values for DML)
    error: Optional[Exception] = None
    batch_errors: list = field(default_factory=list)  # executemany(batcherrors=True): per-row errors
    implicit: Optional[list] = None  # cursors for getimplicitresults()


class FakeVar:
    def __init__(self, typ: Any, size: int = 0, arraysize: int = 1, outconverter: Optional[Callable] = None, **_: Any):
        self.type = typ
        self.size = size
        self.arraysize = arraysize
        self.outconverter = outconverter
        self.values: list = []

    def setvalue(self, pos: int, value: Any) -> None:
        while len(self.values) <= pos:
            self.values.append(None)
        self.values[pos] = value

    def getvalue(self, pos: int = 0) -> Any:
        value = self.values[pos] if pos < len(self.values) else None
        if self.outconverter and isinstance(value, list):
            return [self.outconverter(v) for v in value]
        if self.outconverter and value is not None:
            return self.outconverter(value)
        return value


class Server:
    """Rules: (regex, reply or callable(sql, params) -> reply). First match wins; default empty reply."""

    def __init__(self) -> None:
        self.rules: list[tuple[re.Pattern, Any]] = []
        self.log: list[tuple[str, Any]] = []
        self.many: list[tuple[str, list]] = []
        self.many_autocommit: list[bool] = []  # the session's autocommit when each executemany ran
        self.batcherrors: list[bool] = []
        self.calls: list[tuple[str, list, dict]] = []
        self.return_types: list = []
        self.inputsizes: list[tuple] = []
        self.connects: list[dict] = []
        self.commits = 0
        self.rollbacks = 0
        self.closed = 0
        self.ping_error: Optional[Exception] = None
        self.connect_error: Optional[Exception] = None
        self.sessionless: list[tuple] = []
        self.on("DBMS_UTILITY.DB_VERSION", Reply(outs=["23.4.0.24.5", "23.0.0"]))

    def on(self, pattern: str, reply: Any) -> None:
        self.rules.insert(0, (re.compile(pattern, re.S), reply))

    def answer(self, sql: str, params: Any) -> Reply:
        for pattern, reply in self.rules:
            if pattern.search(sql):
                return reply(sql, params) if callable(reply) else reply
        return Reply()

    @property
    def statements(self) -> list[str]:
        return [s for s, _ in self.log]


class FakeCursor:
    def __init__(self, server: Server, connection: FakeConnection) -> None:
        self.server = server
        self.connection = connection
        self.arraysize = 100
        self.prefetchrows = 2
        self.description: Optional[list] = None
        self.rowcount = 0
        self._rows: list = []
        self._sizes: tuple = ()

    def __enter__(self) -> FakeCursor:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        pass

    def var(
        self, typ: Any, size: int = 0, arraysize: int = 1, outconverter: Optional[Callable] = None, **kw: Any
    ) -> FakeVar:
        return FakeVar(typ, size, arraysize, outconverter)

    def setinputsizes(self, *sizes: Any) -> None:
        self._sizes = sizes
        self.server.inputsizes.append(sizes)

    def _run(self, sql: str, params: Any) -> Reply:
        reply = self.server.answer(sql, params)
        if reply.error is not None:
            raise reply.error
        self.description = [Meta(*c, True) if isinstance(c, tuple) else meta(c) for c in reply.columns] or None
        self._rows = list(reply.rows)
        self.rowcount = reply.rowcount
        return reply

    def execute(self, sql: str, params: Any = None) -> None:
        self.server.log.append((sql, params))
        reply = self._run(sql, params)
        out_vars = [p for p in (params or []) if isinstance(p, FakeVar)]
        if reply.outs is not None and out_vars:
            for var, value in zip(out_vars, reply.outs, strict=True):
                var.values = [value]

    def executemany(self, sql: str, rows: list, batcherrors: bool = False) -> None:
        self.server.many.append((sql, rows))
        self.server.many_autocommit.append(self.connection.autocommit)
        self.server.batcherrors.append(batcherrors)
        reply = self._run(sql, rows)
        self._batch_errors = list(reply.batch_errors) if batcherrors else []
        if reply.outs is not None:
            out_vars = [s for s in self._sizes if isinstance(s, FakeVar)]
            for var, per_row in zip(out_vars, reply.outs, strict=True):
                var.values = per_row

    def fetchall(self) -> list:
        rows, self._rows = self._rows, []
        return rows

    def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    def getbatcherrors(self) -> list:
        return list(getattr(self, "_batch_errors", []))

    # PL/SQL calls: logged as "CALLPROC name" / "CALLFUNC name"; the reply's ``outs`` fill the OUT
    # variables in bind order (positional, then keyword); for a function the first is its value.
    def _call(self, label: str, parameters: Any, keyword_parameters: Any) -> list:
        params, kw = list(parameters or []), dict(keyword_parameters or {})
        self.server.log.append((label, (params, kw)))
        reply = self._run(label, params)
        self.server.calls.append((label, params, kw))
        self._implicit = list(reply.implicit or [])
        return list(reply.outs or [])

    def _fill(self, params: list, kw: dict, outs: list) -> None:
        out_vars = [p for p in [*params, *kw.values()] if isinstance(p, FakeVar)]
        for var, value in zip(out_vars, outs, strict=False):
            var.values = [value]

    def callproc(self, name: str, parameters: Any = None, keyword_parameters: Any = None) -> list:
        outs = self._call(f"CALLPROC {name}", parameters, keyword_parameters)
        self._fill(list(parameters or []), dict(keyword_parameters or {}), outs)
        return [p.getvalue() if isinstance(p, FakeVar) else p for p in parameters or []]

    def callfunc(self, name: str, return_type: Any, parameters: Any = None, keyword_parameters: Any = None) -> Any:
        outs = self._call(f"CALLFUNC {name}", parameters, keyword_parameters)
        self.server.return_types.append(return_type)
        return outs[0] if outs else None

    def getimplicitresults(self) -> list:
        return list(getattr(self, "_implicit", []))


class FakeLob:
    """python-oracledb's LOB locator: read(offset, amount) and write(data, offset), offsets from 1."""

    def __init__(self, value: Any) -> None:
        self.value = value
        self.reads: list[tuple[int, int]] = []
        self.writes: list[tuple[Any, int]] = []

    def read(self, offset: int = 1, amount: Optional[int] = None) -> Any:
        self.reads.append((offset, amount or 0))
        end = None if amount is None else offset - 1 + amount
        return self.value[offset - 1 : end]

    def write(self, data: Any, offset: int = 1) -> None:
        self.writes.append((data, offset))
        self.value = self.value[: offset - 1] + data


class AsyncFakeLob(FakeLob):
    async def read(self, offset: int = 1, amount: Optional[int] = None) -> Any:  # type: ignore[override]
        return FakeLob.read(self, offset, amount)

    async def write(self, data: Any, offset: int = 1) -> None:  # type: ignore[override]
        FakeLob.write(self, data, offset)


class FakeConnection:
    def __init__(self, server: Server) -> None:
        self.server = server
        self.autocommit = False
        self.call_timeout = 0
        self.outputtypehandler = None
        self.version = "23.4.0.24.5"
        self.thin = True  # python-oracledb's Connection.thin
        self.closed = False

    def cursor(self) -> FakeCursor:
        return FakeCursor(self.server, self)

    def commit(self) -> None:
        self.server.commits += 1

    def rollback(self) -> None:
        self.server.rollbacks += 1

    def ping(self) -> None:
        if self.server.ping_error:
            raise self.server.ping_error

    def begin_sessionless_transaction(
        self, transaction_id: Any = None, timeout: int = 60, defer_round_trip: bool = False
    ) -> bytes:
        self.server.sessionless.append(("begin", transaction_id, timeout))
        return transaction_id.encode() if isinstance(transaction_id, str) else (transaction_id or b"generated-uuid")

    def suspend_sessionless_transaction(self) -> None:
        self.server.sessionless.append(("suspend",))

    def resume_sessionless_transaction(
        self, transaction_id: Any, timeout: int = 60, defer_round_trip: bool = False
    ) -> bytes:
        self.server.sessionless.append(("resume", transaction_id, timeout))
        return transaction_id.encode() if isinstance(transaction_id, str) else transaction_id

    def is_healthy(self) -> bool:
        # python-oracledb: a local check, synchronous on both Connection and AsyncConnection.
        return not self.closed

    def close(self) -> None:
        self.server.closed += 1
        self.closed = True


class AsyncFakeCursor(FakeCursor):
    async def execute(self, sql: str, params: Any = None) -> None:  # type: ignore[override]
        FakeCursor.execute(self, sql, params)

    async def executemany(self, sql: str, rows: list, batcherrors: bool = False) -> None:  # type: ignore[override]
        FakeCursor.executemany(self, sql, rows, batcherrors)

    async def fetchone(self) -> Any:  # type: ignore[override]
        return FakeCursor.fetchone(self)

    async def fetchall(self) -> list:  # type: ignore[override]
        return FakeCursor.fetchall(self)

    async def callproc(self, name: str, parameters: Any = None, keyword_parameters: Any = None) -> list:  # type: ignore[override]
        return FakeCursor.callproc(self, name, parameters, keyword_parameters)

    async def callfunc(
        self, name: str, return_type: Any, parameters: Any = None, keyword_parameters: Any = None
    ) -> Any:  # type: ignore[override]
        return FakeCursor.callfunc(self, name, return_type, parameters, keyword_parameters)


class AsyncFakeConnection(FakeConnection):
    def cursor(self) -> AsyncFakeCursor:
        return AsyncFakeCursor(self.server, self)

    async def commit(self) -> None:  # type: ignore[override]
        FakeConnection.commit(self)

    async def rollback(self) -> None:  # type: ignore[override]
        FakeConnection.rollback(self)

    async def begin_sessionless_transaction(self, *args: Any, **kwargs: Any) -> bytes:  # type: ignore[override]
        return FakeConnection.begin_sessionless_transaction(self, *args, **kwargs)

    async def suspend_sessionless_transaction(self) -> None:  # type: ignore[override]
        FakeConnection.suspend_sessionless_transaction(self)

    async def resume_sessionless_transaction(self, *args: Any, **kwargs: Any) -> bytes:  # type: ignore[override]
        return FakeConnection.resume_sessionless_transaction(self, *args, **kwargs)

    async def ping(self) -> None:  # type: ignore[override]
        FakeConnection.ping(self)

    async def close(self) -> None:  # type: ignore[override]
        FakeConnection.close(self)


class FakePool:
    def __init__(self, server: Server, connection_type: type, kwargs: dict) -> None:
        self.server = server
        self.connection_type = connection_type
        self.kwargs = kwargs
        self.closed = False
        self.dropped: list = []

    def drop(self, connection: Any) -> None:
        self.dropped.append(connection)

    def acquire(self) -> Any:
        return self.connection_type(self.server)

    def close(self, force: bool = False) -> None:
        self.closed = True


class AsyncFakePool(FakePool):
    async def drop(self, connection: Any) -> None:  # type: ignore[override]
        self.dropped.append(connection)

    async def acquire(self) -> Any:  # type: ignore[override]
        return self.connection_type(self.server)

    async def close(self, force: bool = False) -> None:  # type: ignore[override]
        self.closed = True


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Server:
    srv = Server()

    def connect(**kwargs: Any) -> FakeConnection:
        srv.connects.append(kwargs)
        if srv.connect_error:
            raise srv.connect_error
        return FakeConnection(srv)

    async def connect_async(**kwargs: Any) -> AsyncFakeConnection:
        srv.connects.append(kwargs)
        if srv.connect_error:
            raise srv.connect_error
        return AsyncFakeConnection(srv)

    def create_pool(**kwargs: Any) -> FakePool:
        srv.connects.append(kwargs)
        return FakePool(srv, FakeConnection, kwargs)

    def create_pool_async(**kwargs: Any) -> AsyncFakePool:
        srv.connects.append(kwargs)
        return AsyncFakePool(srv, AsyncFakeConnection, kwargs)

    monkeypatch.setattr(oracledb, "connect", connect)
    monkeypatch.setattr(oracledb, "connect_async", connect_async)
    monkeypatch.setattr(oracledb, "create_pool", create_pool)
    monkeypatch.setattr(oracledb, "create_pool_async", create_pool_async)
    return srv


@pytest.fixture
def backend(server: Server, config_kwargs: dict) -> Any:
    """A connected OracleBackend over the recording driver (test modules may define their own)."""
    from rhosocial.activerecord.backend.impl.oracle import OracleBackend, OracleConnectionConfig

    b = OracleBackend(OracleConnectionConfig(**config_kwargs))
    b.connect()
    yield b
    b.disconnect()


@pytest.fixture
def config_kwargs() -> dict:
    return {"host": "db.test", "service_name": "FREEPDB1", "username": "app", "password": "secret"}


@pytest.fixture
def fake() -> Any:
    """The helpers above, for test modules (importlib mode cannot import conftest by name)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        CLOSED=driver_errors.ERR_CONNECTION_CLOSED,
        Reply=Reply,
        meta=meta,
        ora_error=ora_error,
        dpy_error=dpy_error,
        row_error=row_error,
        FakeVar=FakeVar,
        FakeLob=FakeLob,
        AsyncFakeLob=AsyncFakeLob,
        FakeCursor=FakeCursor,
        AsyncFakeCursor=AsyncFakeCursor,
    )


@pytest.fixture(scope="session")
def grammar() -> Any:
    """``oracle_grammar.check`` (loaded by path: importlib mode has no sibling imports)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("oracle_grammar", Path(__file__).with_name("oracle_grammar.py"))
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.check
