"""LOB streaming and sessionless transactions through the recording driver, sync and async (issue #13).

The stand-in LOB answers read(offset, amount) / write(data, offset) with python-oracledb's 1-based
offsets; sessionless calls are recorded with the arguments python-oracledb 3.x+ takes."""

from __future__ import annotations

import inspect
from typing import Any

import oracledb
import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.errors import DatabaseError, IntegrityError
from rhosocial.activerecord.backend.impl.oracle import AsyncOracleBackend, OracleBackend, OracleConnectionConfig
from rhosocial.activerecord.backend.impl.oracle.lobs import chunk_size_of
from rhosocial.activerecord.backend.toolkit.errors import SessionLostError


async def call(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def collect(stream: Any) -> list:
    if hasattr(stream, "__aiter__"):
        return [chunk async for chunk in stream]
    return list(stream)


@pytest.fixture(params=[OracleBackend, AsyncOracleBackend], ids=["sync", "async"])
async def backend(request, server, config_kwargs):
    server.on("DBMS_UTILITY.DB_VERSION", lambda sql, params: _version(server))
    b = request.param(OracleConnectionConfig(**config_kwargs))
    await call(b.connect())
    yield b
    await call(b.disconnect())


def _version(server: Any) -> Any:
    from types import SimpleNamespace

    release = getattr(server, "release", "23.6.0.24.10")
    return SimpleNamespace(
        columns=[], rows=[], rowcount=0, outs=[release, release], error=None, batch_errors=[], implicit=None
    )


def lob_for(fake: Any, backend: Any, value: Any) -> Any:
    return fake.AsyncFakeLob(value) if isinstance(backend, AsyncOracleBackend) else fake.FakeLob(value)


async def test_read_lob_in_chunks(server, backend, fake):
    lob = lob_for(fake, backend, "x" * 10)
    server.on(r"^SELECT", fake.Reply(columns=["DOC"], rows=[(lob,)]))
    chunks = await collect(backend.read_lob('SELECT "DOC" FROM "T" WHERE "ID" = ?', (1,), chunk_size=4))
    assert chunks == ["xxxx", "xxxx", "xx"]
    assert lob.reads == [(1, 4), (5, 4), (9, 4), (11, 4)]
    assert server.log[-1] == ('SELECT "DOC" FROM "T" WHERE "ID" = :1', [1])


async def test_read_lob_null_missing_and_errors(server, backend, fake):
    server.on(r"^SELECT", fake.Reply(columns=["DOC"], rows=[(None,)]))
    assert await collect(backend.read_lob('SELECT "DOC" FROM "T"')) == []
    server.on(r"^SELECT", fake.Reply(columns=["DOC"], rows=[]))
    with pytest.raises(DatabaseError, match="no row"):
        await collect(backend.read_lob('SELECT "DOC" FROM "T"'))
    server.on(r"^SELECT", fake.Reply(columns=["A", "B"], rows=[(1, 2)]))
    with pytest.raises(DatabaseError, match="exactly one column"):
        await collect(backend.read_lob('SELECT "A", "B" FROM "T"'))
    server.on(r"^SELECT", fake.Reply(columns=["A"], rows=[(1,)]))
    with pytest.raises(DatabaseError, match="not a LOB"):
        await collect(backend.read_lob('SELECT "A" FROM "T"'))
    broken = lob_for(fake, backend, b"")

    def fail(*_: Any) -> Any:
        raise fake.dpy_error(fake.CLOSED)

    async def afail(*_: Any) -> Any:
        fail()

    broken.read = afail if isinstance(backend, AsyncOracleBackend) else fail
    server.on(r"^SELECT", fake.Reply(columns=["DOC"], rows=[(broken,)]))
    with pytest.raises(SessionLostError, match="DPY-4011"):
        await collect(backend.read_lob('SELECT "DOC" FROM "T"'))
    with pytest.raises(ValueError, match="positive"):
        chunk_size_of(0)


async def test_write_lob_appends_chunks_and_commits_outside_a_transaction(server, backend, fake):
    lob = lob_for(fake, backend, b"")
    server.on(r"FOR UPDATE", fake.Reply(columns=["DATA"], rows=[(lob,)]))
    written = await call(backend.write_lob('SELECT "DATA" FROM "T" WHERE "ID" = ? FOR UPDATE', (7,), [b"ab", b"cde"]))
    assert written == 5
    assert lob.value == b"abcde"
    assert lob.writes == [(b"ab", 1), (b"cde", 3)]
    assert server.commits == 1
    assert backend._connection.autocommit is True


async def test_write_lob_joins_the_callers_transaction_and_rolls_back_its_own_on_error(server, backend, fake):
    lob = lob_for(fake, backend, "")
    server.on(r"FOR UPDATE", fake.Reply(columns=["DOC"], rows=[(lob,)]))
    await call(backend.begin_transaction())
    assert await call(backend.write_lob('SELECT "DOC" FROM "T" FOR UPDATE', None, ["abc"])) == 3
    assert server.commits == 0  # the caller commits
    await call(backend.commit_transaction())
    server.on(r"FOR UPDATE", fake.Reply(columns=["DOC"], rows=[(None,)]))
    with pytest.raises(DatabaseError, match="EMPTY_CLOB"):
        await call(backend.write_lob('SELECT "DOC" FROM "T" FOR UPDATE', None, ["x"]))
    assert server.rollbacks == 1
    server.on(r"FOR UPDATE", fake.Reply(error=fake.ora_error(1, "unique constraint violated", oracledb.IntegrityError)))
    with pytest.raises(IntegrityError):
        await call(backend.write_lob('SELECT "DOC" FROM "T" FOR UPDATE', None, ["x"]))
    assert server.rollbacks == 2
    assert backend._connection.autocommit is True


async def test_sessionless_begin_suspend_resume_commit(server, backend):
    txid = await call(backend.begin_sessionless("order-42", timeout=120))
    assert txid == b"order-42"
    assert backend._connection.autocommit is False
    await call(backend.suspend_sessionless())
    assert backend._connection.autocommit is True
    assert await call(backend.resume_sessionless(txid, timeout=5)) == b"order-42"
    await call(backend.commit_sessionless())
    assert server.sessionless == [("begin", "order-42", 120), ("suspend",), ("resume", b"order-42", 5)]
    assert server.commits == 1
    assert await call(backend.begin_sessionless()) == b"generated-uuid"
    await call(backend.rollback_sessionless())
    assert server.rollbacks == 1


async def test_sessionless_errors_go_through_the_error_table(server, backend, fake, monkeypatch):
    def broken(*_: Any, **__: Any) -> Any:
        raise fake.ora_error(24756, "transaction does not exist")

    async def abroken(*a: Any, **k: Any) -> Any:
        broken()

    impl = abroken if isinstance(backend, AsyncOracleBackend) else broken
    monkeypatch.setattr(backend._connection, "resume_sessionless_transaction", impl)
    monkeypatch.setattr(backend._connection, "suspend_sessionless_transaction", impl)
    monkeypatch.setattr(backend._connection, "begin_sessionless_transaction", impl)
    for attempt in (lambda: backend.resume_sessionless(b"x"), backend.suspend_sessionless, backend.begin_sessionless):
        with pytest.raises(DatabaseError, match="ORA-24756"):
            await call(attempt())


async def test_sessionless_refused_below_23_6_and_inside_a_transaction(server, config_kwargs, backend):
    await call(backend.begin_transaction())
    with pytest.raises(UnsupportedFeatureError, match="inside a transaction"):
        await call(backend.begin_sessionless())
    await call(backend.rollback_transaction())
    server.release = "23.4.0.24.5"
    old = type(backend)(OracleConnectionConfig(**config_kwargs))
    await call(old.connect())
    try:
        with pytest.raises(UnsupportedFeatureError, match=r"23\.6\+; the server is oracle 23\.4"):
            await call(old.begin_sessionless())
        with pytest.raises(UnsupportedFeatureError, match=r"23.6"):
            await call(old.resume_sessionless(b"x"))
    finally:
        await call(old.disconnect())
