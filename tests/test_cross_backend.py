"""The same model and the same mistakes on every backend that has a server here.

Error parity: one kind of violation gives the same core exception on every backend, names the
server's code, and keeps the driver exception as ``__cause__``. Model parity: one model goes
through the same life on every backend and reads back the same values.
"""

from __future__ import annotations

import contextlib
import sys
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar, Optional

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from demo import backend_and_config  # noqa: E402

from rhosocial.activerecord.backend.errors import IntegrityError, QueryError  # noqa: E402
from rhosocial.activerecord.backend.toolkit.errors import DataError  # noqa: E402
from rhosocial.activerecord.backend.toolkit.testing.servers import (  # noqa: E402
    no_server_reason,
    servers_for,
)
from rhosocial.activerecord.model import ActiveRecord  # noqa: E402

BACKENDS = ("postgres", "mysql", "oracle")


def _targets() -> list[Any]:
    params = []
    for backend in BACKENDS:
        servers = servers_for(backend, tls=False)
        if servers:
            params.extend(pytest.param((backend, s), id=f"{backend}-{s.name}") for s in servers)
        else:
            params.append(
                pytest.param(
                    (backend, None), id=f"{backend}-no-server", marks=pytest.mark.skip(reason=no_server_reason(backend))
                )
            )
    return params


# Per backend: the parent/child tables the violations need, in that server's SQL.
SCHEMA = {
    "postgres": [
        "CREATE TABLE xb_parent (id INT PRIMARY KEY)",
        "CREATE TABLE xb_child (id INT PRIMARY KEY, parent_id INT REFERENCES xb_parent(id), "
        "code VARCHAR(5) NOT NULL UNIQUE, qty INT CHECK (qty >= 0))",
    ],
    "mysql": [
        "CREATE TABLE xb_parent (id INT PRIMARY KEY) ENGINE=InnoDB",
        "CREATE TABLE xb_child (id INT PRIMARY KEY, parent_id INT, code VARCHAR(5) NOT NULL UNIQUE, "
        "qty INT CHECK (qty >= 0), FOREIGN KEY (parent_id) REFERENCES xb_parent(id)) ENGINE=InnoDB",
    ],
    "oracle": [
        "CREATE TABLE xb_parent (id NUMBER(10) PRIMARY KEY)",
        "CREATE TABLE xb_child (id NUMBER(10) PRIMARY KEY, parent_id NUMBER(10) REFERENCES xb_parent(id), "
        "code VARCHAR2(5) NOT NULL UNIQUE, qty NUMBER(10) CHECK (qty >= 0))",
    ],
}
DROP = ["DROP TABLE xb_child", "DROP TABLE xb_parent"]


def _drop_quietly(backend: Any) -> None:
    for statement in DROP:
        # the table may not exist yet; any other problem shows up in CREATE
        with contextlib.suppress(Exception):
            backend.execute(statement)


@pytest.fixture(params=_targets())
def live(request):
    backend_name, server = request.param
    backend_cls, config = backend_and_config(backend_name, server)
    backend = backend_cls(connection_config=config)
    backend.connect()
    backend.introspect_and_adapt()
    _drop_quietly(backend)
    for statement in SCHEMA[backend_name]:
        backend.execute(statement)
    yield backend_name, backend
    _drop_quietly(backend)
    backend.disconnect()


def _insert(backend: Any, table: str, **values: Any) -> None:
    dialect = backend.dialect
    marks = ", ".join(dialect.get_parameter_placeholder(i) for i in range(len(values)))
    backend.execute(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})", tuple(values.values()))


# (what is done wrong, expected core exception, codes that name it per backend; MySQL 3819 / MariaDB 4025)
VIOLATIONS = [
    ("unique", IntegrityError, {"postgres": "23505", "mysql": "1062", "oracle": "ORA-00001"}),
    ("foreign key", IntegrityError, {"postgres": "23503", "mysql": "1452", "oracle": "ORA-02291"}),
    ("not null", IntegrityError, {"postgres": "23502", "mysql": "1048", "oracle": "ORA-01400"}),
    ("check", IntegrityError, {"postgres": "23514", "mysql": ("3819", "4025"), "oracle": "ORA-02290"}),
    ("too long", DataError, {"postgres": "22001", "mysql": "1406", "oracle": "ORA-12899"}),
    ("no such table", QueryError, {"postgres": "42P01", "mysql": "1146", "oracle": "ORA-00942"}),
]


def _provoke(backend: Any, what: str) -> None:
    _insert(backend, "xb_parent", id=1)
    _insert(backend, "xb_child", id=1, parent_id=1, code="a", qty=1)
    if what == "unique":
        _insert(backend, "xb_child", id=2, parent_id=1, code="a", qty=1)
    elif what == "foreign key":
        _insert(backend, "xb_child", id=2, parent_id=99, code="b", qty=1)
    elif what == "not null":
        _insert(backend, "xb_child", id=2, parent_id=1, code=None, qty=1)
    elif what == "check":
        _insert(backend, "xb_child", id=2, parent_id=1, code="b", qty=-1)
    elif what == "too long":
        _insert(backend, "xb_child", id=2, parent_id=1, code="toolong", qty=1)
    elif what == "no such table":
        backend.execute("SELECT * FROM xb_missing_table")


@pytest.mark.parametrize(("what", "expected", "codes"), VIOLATIONS, ids=[v[0] for v in VIOLATIONS])
def test_same_mistake_same_error(live, what, expected, codes):
    backend_name, backend = live
    with pytest.raises(expected) as caught:
        _provoke(backend, what)
    error = caught.value
    expected_codes = codes[backend_name] if isinstance(codes[backend_name], tuple) else (codes[backend_name],)
    assert any(code in str(error) for code in expected_codes), f"message should name {expected_codes}: {error}"
    assert error.__cause__ is not None
    assert type(error.__cause__).__module__.split(".")[0] in {"psycopg", "mysql", "oracledb"}
    # the connection is still usable after the failed statement
    assert (
        backend.execute("SELECT 1 AS one" + (" FROM DUAL" if backend_name == "oracle" else ""), options=None)
        is not None
    )


class Ledger(ActiveRecord):
    __table_name__: ClassVar[str] = "xb_ledger"
    id: Optional[int] = None
    label: str
    amount: Decimal
    booked_at: datetime
    ref: uuid.UUID
    settled: bool = False
    meta: Optional[dict] = None


LEDGER_DDL = {
    "postgres": "CREATE TABLE xb_ledger (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, label TEXT NOT NULL, "
    "amount NUMERIC(20,6) NOT NULL, booked_at TIMESTAMPTZ NOT NULL, ref UUID NOT NULL, settled BOOLEAN NOT NULL, "
    "meta JSONB)",
    "mysql": "CREATE TABLE xb_ledger (id BIGINT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(100) NOT NULL, "
    "amount DECIMAL(20,6) NOT NULL, booked_at DATETIME(6) NOT NULL, ref CHAR(36) NOT NULL, settled BOOLEAN NOT NULL, "
    "meta JSON)",
    "oracle": "CREATE TABLE xb_ledger (id NUMBER(19) GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
    "label VARCHAR2(100) NOT NULL, amount NUMBER(20,6) NOT NULL, booked_at TIMESTAMP WITH TIME ZONE NOT NULL, "
    "ref VARCHAR2(36) NOT NULL, settled NUMBER(1) NOT NULL, meta CLOB CHECK (meta IS JSON))",
}


@pytest.fixture
def ledger(live):
    backend_name, backend = live
    with contextlib.suppress(Exception):  # not there yet
        backend.execute("DROP TABLE xb_ledger")
    backend.execute(LEDGER_DDL[backend_name])
    Ledger.configure(backend.config, type(backend))
    yield backend_name
    Ledger.backend().execute("DROP TABLE xb_ledger")
    Ledger.backend().disconnect()


def test_same_model_same_values(ledger):
    booked = datetime(2026, 11, 23, 8, 30, 15, 123456, tzinfo=timezone.utc)
    ref = uuid.UUID("12345678-1234-5678-1234-567812345678")
    entry = Ledger(
        label="caf\u00e9 \U0001f600",
        amount=Decimal("12345.678901"),
        booked_at=booked,
        ref=ref,
        meta={"tags": ["a", "b"], "n": 1},
    )
    entry.save()
    assert entry.id is not None

    again = Ledger.find_one(entry.id)
    assert again.label == "caf\u00e9 \U0001f600"
    assert isinstance(again.amount, Decimal)
    assert again.amount == Decimal("12345.678901")
    assert again.booked_at.tzinfo is not None
    assert again.booked_at == booked
    assert again.ref == ref
    assert again.settled is False
    assert again.meta == {"tags": ["a", "b"], "n": 1}

    with Ledger.transaction():
        again.settled = True
        again.save()
    assert Ledger.find_one(entry.id).settled is True

    def change_then_fail() -> None:
        with Ledger.transaction():
            again.amount = Decimal("0")
            again.save()
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert Ledger.find_one(entry.id).amount == Decimal("12345.678901")

    again.delete()
    assert Ledger.find_one(entry.id) is None


def test_same_model_same_types(ledger):
    """UTC comes back as datetime.timezone.utc on every backend (PostgreSQL's psycopg gives ZoneInfo)."""
    booked = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    Ledger(label="t", amount=Decimal("1.5"), booked_at=booked, ref=uuid.uuid4()).save()
    again = Ledger.query().one()
    assert again.booked_at == booked
    assert again.booked_at.tzinfo is timezone.utc, repr(again.booked_at.tzinfo)


class Tally(ActiveRecord):
    __table_name__: ClassVar[str] = "xb_tally"
    id: Optional[int] = None
    n: int
    price: Decimal


TALLY_DDL = {
    "postgres": "CREATE TABLE xb_tally (id SERIAL PRIMARY KEY, n INT NOT NULL, price NUMERIC(10,2) NOT NULL)",
    "mysql": "CREATE TABLE xb_tally (id INT AUTO_INCREMENT PRIMARY KEY, n INT NOT NULL, price DECIMAL(10,2) NOT NULL)",
    "oracle": "CREATE TABLE xb_tally (id NUMBER(10) GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
    "n NUMBER(10) NOT NULL, price NUMBER(10,2) NOT NULL)",
}
AGGREGATE_SQL = "SELECT SUM(n) AS total, AVG(n) AS mean, SUM(price) AS amount, MIN(price) AS least FROM xb_tally"


def _assert_aggregate_types(row: dict) -> None:
    # SUM of an INT column: int everywhere; AVG and sums of DECIMAL(p,s>0): Decimal everywhere
    assert type(row["total"]) is int, repr(row["total"])
    assert row["total"] == 5
    for name, value in (("mean", Decimal("2.5")), ("amount", Decimal("4.00")), ("least", Decimal("1.50"))):
        assert isinstance(row[name], Decimal), repr(row[name])
        assert row[name] == value


@pytest.fixture
def tally(live):
    backend_name, backend = live
    with contextlib.suppress(Exception):  # not there yet
        backend.execute("DROP TABLE xb_tally")
    backend.execute(TALLY_DDL[backend_name])
    Tally.configure(backend.config, type(backend))
    Tally(n=2, price=Decimal("1.50")).save()
    Tally(n=3, price=Decimal("2.50")).save()
    yield backend_name, backend
    Tally.backend().execute("DROP TABLE xb_tally")
    Tally.backend().disconnect()


def test_same_aggregate_types(tally):
    total = Tally.query().sum_("n")
    assert type(total) is int, repr(total)
    assert total == 5
    assert type(Tally.query().max_("n")) is int
    again = Tally.query().order_by("id").one()
    assert type(again.n) is int
    assert isinstance(again.price, Decimal)
    assert again.price == Decimal("1.50")
    _assert_aggregate_types(Tally.backend().fetch_one(AGGREGATE_SQL))


async def test_same_aggregate_types_async(tally):
    import importlib

    backend_name, backend = tally
    module = importlib.import_module(f"rhosocial.activerecord.backend.impl.{backend_name}")
    async_cls = getattr(
        module,
        {"postgres": "AsyncPostgresBackend", "mysql": "AsyncMySQLBackend", "oracle": "AsyncOracleBackend"}[
            backend_name
        ],
    )
    async_backend = async_cls(connection_config=backend.config)
    await async_backend.connect()
    try:
        _assert_aggregate_types(await async_backend.fetch_one(AGGREGATE_SQL))
    finally:
        await async_backend.disconnect()


async def test_same_types_async(live):
    backend_name, backend = live
    if backend_name != "postgres":
        pytest.skip("timestamptz-in-UTC-session is PostgreSQL's case")
    from rhosocial.activerecord.backend.impl.postgres import AsyncPostgresBackend

    async_backend = AsyncPostgresBackend(connection_config=backend.config)
    await async_backend.connect()
    try:
        row = await async_backend.fetch_one("SELECT TIMESTAMPTZ '2026-01-02 03:04:05+00' AS at")
    finally:
        await async_backend.disconnect()
    assert row["at"].tzinfo is timezone.utc, repr(row["at"].tzinfo)
