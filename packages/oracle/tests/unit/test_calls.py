"""PL/SQL calls through the backend: IN / OUT / IN OUT binds, functions, REF CURSORs, implicit results.

The recording driver's ``callproc``/``callfunc`` take the same arguments as python-oracledb's
(``name, [parameters], {keyword_parameters}``; ``callfunc`` with the return type second) and fill
the OUT variables the backend created with ``cursor.var``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import oracledb
import pytest

from rhosocial.activerecord.backend.errors import DatabaseError
from rhosocial.activerecord.backend.impl.oracle import (
    AsyncOracleBackend,
    InOut,
    OracleBackend,
    OracleConnectionConfig,
    Out,
)
from rhosocial.activerecord.backend.impl.oracle.calls import check_name


@pytest.fixture
def backend(server, config_kwargs):
    b = OracleBackend(OracleConnectionConfig(**config_kwargs))
    b.connect()
    yield b
    b.disconnect()


def ref_cursor(fake, server, cls=None):
    cursor = (cls or fake.FakeCursor)(server, None)
    cursor.description = [fake.meta("ID", oracledb.DB_TYPE_NUMBER), fake.meta("NAME")]
    cursor._rows = [(1, "a"), (2, "b")]
    return cursor


def test_callproc_in_out_inout_and_keywords(server, backend, fake):
    server.on(r"^CALLPROC billing\.close_period", fake.Reply(outs=[17, "closed", "2024-05-01"]))
    result = backend.callproc(
        "billing.close_period",
        [2024, Out(int), InOut(str, "draft", size=20)],
        {"p_note": Out(str, size=100), "p_day": datetime(2024, 5, 1)},
    )
    assert result.args == [2024, 17, "closed"]
    assert result.kwargs == {"p_note": "2024-05-01", "p_day": datetime(2024, 5, 1)}
    label, params, kw = server.calls[-1]
    assert label == "CALLPROC billing.close_period"
    assert params[0] == 2024
    out_var, inout_var = params[1], params[2]
    assert (out_var.type, inout_var.type, inout_var.size) == (int, str, 20)
    assert inout_var.values[0] == "closed"  # the IN value was set before the call, replaced after it
    assert kw["p_note"].size == 100
    assert kw["p_day"] == datetime(2024, 5, 1)


def test_inout_value_is_bound_before_the_call(server, backend):
    seen = {}

    def reply(sql, params):
        seen["in"] = params[0].getvalue()
        from types import SimpleNamespace

        return SimpleNamespace(error=None, columns=[], rows=[], rowcount=0, outs=["x!"], implicit=None)

    server.on(r"^CALLPROC p", reply)
    assert backend.callproc("p", [InOut(str, "x", size=5)]).args == ["x!"]
    assert seen["in"] == "x"


def test_decimal_and_date_outs_use_driver_types(server, backend, fake):
    server.on(r"^CALLPROC p", fake.Reply(outs=[12.5, datetime(2024, 1, 2)]))
    result = backend.callproc("p", [Out(Decimal), Out(datetime)])
    assert result.args == [Decimal("12.5"), datetime(2024, 1, 2)]
    params = server.calls[-1][1]
    assert params[0].type is oracledb.DB_TYPE_NUMBER
    assert params[1].type is oracledb.DB_TYPE_TIMESTAMP


def test_ref_cursor_out_and_implicit_results(server, backend, fake):
    server.on(r"^CALLPROC p", fake.Reply(outs=[ref_cursor(fake, server)], implicit=[ref_cursor(fake, server)]))
    result = backend.callproc("p", [Out(oracledb.DB_TYPE_CURSOR)], implicit_results=True)
    assert result.args == [[{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]]
    assert result.implicit_results == [[{"id": 1, "name": "a"}, {"id": 2, "name": "b"}]]
    server.on(r"^CALLPROC q", fake.Reply(outs=[]))
    assert backend.callproc("q").implicit_results == []


def test_callfunc(server, backend, fake):
    server.on(r"^CALLFUNC billing\.total", fake.Reply(outs=[Decimal("10.25")]))
    assert backend.callfunc("billing.total", Decimal, [2024], {"p_cur": "EUR"}) == Decimal("10.25")
    assert server.return_types[-1] is oracledb.DB_TYPE_NUMBER
    assert server.calls[-1][1:] == ([2024], {"p_cur": "EUR"})
    server.on(r"^CALLFUNC f", fake.Reply(outs=[3.0]))
    assert backend.callfunc("f", Decimal) == Decimal("3.0")
    server.on(r"^CALLFUNC rc", fake.Reply(outs=[ref_cursor(fake, server)]))
    assert backend.callfunc("rc", oracledb.DB_TYPE_CURSOR)[1] == {"id": 2, "name": "b"}
    with pytest.raises(ValueError, match="OUT parameters of a function"):
        backend.callfunc("f", int, [Out(int)])


def test_errors_are_translated_and_names_checked(server, backend, fake):
    server.on(r"^CALLPROC missing", fake.Reply(error=fake.ora_error(6550, "line 1, column 7: PLS-00201")))
    with pytest.raises(DatabaseError, match="ORA-06550"):
        backend.callproc("missing")
    server.on(r"^CALLFUNC missing", fake.Reply(error=fake.ora_error(6550, "line 1, column 7: PLS-00201")))
    with pytest.raises(DatabaseError, match="ORA-06550"):
        backend.callfunc("missing", int)
    for bad in ("p; drop table t", "p(1)", "", "1p", "a.b.c.d"):
        with pytest.raises(ValueError, match="not a PL/SQL"):
            check_name(bad)
    for good in ("p", "pkg.p", "app.pkg.p", '"Mixed"."Name"', "p@remote.example", "sys_p$#"):
        assert check_name(good) == good


async def test_async_calls(server, config_kwargs, fake):
    b = AsyncOracleBackend(OracleConnectionConfig(**config_kwargs))
    await b.connect()
    try:
        server.on(r"^CALLPROC p", fake.Reply(
            outs=[5, ref_cursor(fake, server, fake.AsyncFakeCursor)],
            implicit=[ref_cursor(fake, server, fake.AsyncFakeCursor)],
        ))  # fmt: skip
        result = await b.callproc("p", [1, Out(int), Out(oracledb.DB_TYPE_CURSOR)], implicit_results=True)
        assert result.args[:2] == [1, 5]
        assert result.args[2][0] == {"id": 1, "name": "a"}
        assert result.implicit_results[0][1]["name"] == "b"
        server.on(r"^CALLFUNC f", fake.Reply(outs=[7]))
        assert await b.callfunc("f", int, [1]) == 7
        server.on(r"^CALLFUNC g", fake.Reply(error=fake.ora_error(6550, "PLS-00201")))
        with pytest.raises(DatabaseError):
            await b.callfunc("g", int)
        server.on(r"^CALLPROC g", fake.Reply(error=fake.ora_error(6550, "PLS-00201")))
        with pytest.raises(DatabaseError):
            await b.callproc("g")
    finally:
        await b.disconnect()
