"""PostgreSQL types through models, saved and loaded, sync and async (issue 11): ranges and multiranges with
exact bounds, money as Decimal, macaddr, bit/varbit, tsvector/tsquery, geometric types, xml, interval,
hstore (dict of str, through HstoreAdapter), ltree and citext."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any

import pytest
from psycopg.types.range import Range

from .models import call, model_for

pytestmark = pytest.mark.server


async def test_scalar_postgres_types_round_trip(db, table):
    await db.execute(
        f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, price MONEY, mac MACADDR, flags BIT(4), bits VARBIT, '
        f"doc TSVECTOR, q TSQUERY, pt POINT, area BOX, span INTERVAL)"
    )
    fields = dict(
        price=Decimal, mac=str, flags=str, bits=str, doc=str, q=str, pt=str, area=str, span=datetime.timedelta
    )
    values = {
        "price": Decimal("1234.56"),
        "mac": "08:00:2b:01:02:03",
        "flags": "1010",
        "bits": "110",
        "doc": "'fat':2 'rat':3",
        "q": "'fat' & 'rat'",
        "pt": "(1,2)",
        "area": "(2,2),(0,0)",
        "span": datetime.timedelta(days=1, hours=2, microseconds=5),
    }
    async with model_for(db, table, **fields) as model:
        record = model(**values)
        await call(record.save())
        found = await call(model.find_one(record.id))
        assert {k: getattr(found, k) for k in values} == values


async def test_ranges_keep_their_bounds(db, table):
    from psycopg.types.multirange import Multirange

    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, r INT4RANGE, d DATERANGE, n NUMRANGE)')
    exact = {
        "r": Range(1, 10, "[]"),  # canonicalised by the server to [1,11)
        "d": Range(datetime.date(2024, 1, 1), None, "[)"),
        "n": Range(Decimal("0.5"), Decimal("1.5"), "(]"),
    }
    async with model_for(db, table, r=Range, d=Range, n=Range) as model:
        record = model(**exact)
        await call(record.save())
        found = await call(model.find_one(record.id))
    assert found.r == Range(1, 11, "[)")
    assert found.d == exact["d"]
    assert found.n == exact["n"]
    assert found.n.lower_inc is False
    assert found.n.upper_inc is True
    if db.backend.server_info.version >= (14,):
        row = await db.fetch_one("SELECT '{[1,3), [5,7]}'::int4multirange AS m")
        assert isinstance(row["m"], Multirange)
        assert list(row["m"]) == [Range(1, 3, "[)"), Range(5, 8, "[)")]


async def test_hstore_ltree_citext(db, table):
    from rhosocial.activerecord.backend.impl.postgres.adapters.hstore import HstoreAdapter
    from rhosocial.activerecord.base.fields import UseAdapter

    found = await call(db.backend.extensions())
    missing = [name for name in ("hstore", "ltree", "citext") if name not in found]
    if missing:
        pytest.skip(f"{db.backend.server_info.describe()} does not ship {missing}")
    for name in ("hstore", "ltree", "citext"):
        await call(db.backend.create_extension(name))
    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, attrs HSTORE, path LTREE, email CITEXT)')
    attrs = {"colour": "red", "quote": 'say "hi"\\\\', "empty": "", "none": None}
    hstore = Annotated[dict[str, Any], UseAdapter(HstoreAdapter(), dict)]
    async with model_for(db, table, attrs=hstore, path=str, email=str) as model:
        record = model(attrs=attrs, path="top.science.astronomy", email="Ann@Example.com")
        await call(record.save())
        loaded = await call(model.find_one(record.id))
    assert (loaded.attrs, loaded.path, loaded.email) == (attrs, "top.science.astronomy", "Ann@Example.com")
    row = await db.fetch_one(
        f"SELECT attrs -> 'colour' AS c, path <@ 'top.science' AS under, email = 'ann@example.com' AS same "
        f'FROM "{table}"'
    )
    assert row == {"c": "red", "under": True, "same": True}


async def test_xml_round_trip(db, table):
    from rhosocial.activerecord.backend.errors import DatabaseError

    try:
        await db.fetch_one("SELECT '<a/>'::xml AS x")
    except DatabaseError as exc:
        pytest.skip(f"{db.backend.server_info.describe()}: {exc}")  # built without libxml
    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, x XML)')
    async with model_for(db, table, x=str) as model:
        record = model(x="<a>1</a>")
        await call(record.save())
        assert (await call(model.find_one(record.id))).x == "<a>1</a>"


async def test_exact_decimal_adapter_skipped_only_where_psycopg_loads_decimals(db, table):
    """A model's Decimal field asks for ExactDecimalAdapter on its column; over psycopg's own numeric
    loader it would hand every value back unchanged, so it is not called per row. With another loader
    registered by the application it is."""
    from psycopg.adapt import Loader

    from rhosocial.activerecord.backend.toolkit.adapters.numeric import ExactDecimalAdapter

    class NumericAsText(Loader):
        def load(self, data):
            return bytes(data).decode()

    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, amount NUMERIC(20, 6))')
    await db.execute(f'INSERT INTO "{table}" (amount) VALUES (12345678901234.123456), (NULL)')
    adapter = ExactDecimalAdapter()
    calls: list = []
    convert = adapter.from_database
    adapter.from_database = lambda value, target, *a, **k: calls.append(value) or convert(value, target, *a, **k)
    sql = f'SELECT amount FROM "{table}" ORDER BY id'
    adapters = {"amount": (adapter, Decimal)}
    rows = await call(db.backend.fetch_all(sql, column_adapters=adapters))
    assert rows == [{"amount": Decimal("12345678901234.123456")}, {"amount": None}]
    assert calls == []
    await call(db.backend.disconnect())
    await call(db.backend.connect())  # a new connection: its statement cursor takes the loader below
    db.backend._connection.adapters.register_loader("numeric", NumericAsText)
    rows = await call(db.backend.fetch_all(sql, column_adapters=adapters))
    assert rows == [{"amount": Decimal("12345678901234.123456")}, {"amount": None}]
    assert type(rows[0]["amount"]) is Decimal
    assert calls == ["12345678901234.123456", None]
