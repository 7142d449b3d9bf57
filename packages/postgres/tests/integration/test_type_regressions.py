"""Type defects found through models (issue #9), each proven live: the documented array opt-in, range
tuples, money into Decimal; sync and async. The dialect defects of #9 are conformance cases
(toolkit ``testing/conformance/cases/postgres.py``), run by tests/conformance.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Optional

import pytest

from .models import call, model_for

pytestmark = pytest.mark.server


# --- types through models ----------------------------------------------------------------------


async def test_array_adapter_on_save(db, table):
    from rhosocial.activerecord.backend.impl.postgres import PostgresArrayAdapter
    from rhosocial.activerecord.base.fields import UseAdapter

    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, tags TEXT[])')
    async with model_for(db, table, tags=Annotated[list, UseAdapter(PostgresArrayAdapter(), list)]) as model:
        record = model(tags=["a", "b"])
        await call(record.save())
        stored = await db.fetch_all(f'SELECT tags, array_length(tags, 1) AS n FROM "{table}"')
        assert stored == [{"tags": ["a", "b"], "n": 2}]
        assert (await call(model.find_one(record.id))).tags == ["a", "b"]


async def test_range_tuple_is_lower_inclusive(db, table):
    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, r INT4RANGE)')
    async with model_for(db, table, r=Optional[tuple]) as model:
        await call(model(r=(1, 5)).save())
    assert await db.fetch_all(f'SELECT lower(r) AS lo, upper(r) AS hi, lower_inc(r) AS li FROM "{table}"') == [
        {"lo": 1, "hi": 5, "li": True}
    ]


async def test_money_into_decimal_field(db, table):
    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, price MONEY)')
    await db.execute(f"INSERT INTO \"{table}\" (price) VALUES ('1234.56'), ('-0.5')")
    async with model_for(db, table, price=Decimal) as model:
        prices = sorted(m.price for m in await call(model.query().all()))
    assert prices == [Decimal("-0.50"), Decimal("1234.56")]
