"""Type defects found through models (issue #9), each proven live: the documented array opt-in, range
tuples, money into Decimal. The dialect defects of #9 are conformance cases
(toolkit ``testing/conformance/cases/postgres.py``), run by tests/conformance.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Optional

import pytest

pytestmark = pytest.mark.server


def rows(backend, sql: str, params=None) -> list:
    return backend.fetch_all(sql, params)


@pytest.fixture
def t(backend, table_name):
    yield table_name
    backend.execute(f'DROP TABLE IF EXISTS "{table_name}" CASCADE')


# --- types through models ----------------------------------------------------------------------


def _model(backend, table: str, **fields):
    from rhosocial.activerecord.model import ActiveRecord

    namespace = {"__table_name__": table, "__annotations__": {"id": Optional[int], **fields}, "id": None}
    model = type(f"M_{table}", (ActiveRecord,), namespace)
    model.configure(backend.config, type(backend))
    return model


def test_array_adapter_on_save(backend, t):
    from rhosocial.activerecord.backend.impl.postgres import PostgresArrayAdapter
    from rhosocial.activerecord.base.fields import UseAdapter

    backend.execute(f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, tags TEXT[])')
    model = _model(backend, t, tags=Annotated[list, UseAdapter(PostgresArrayAdapter(), list)])
    record = model(tags=["a", "b"])
    record.save()
    assert rows(backend, f'SELECT tags, array_length(tags, 1) AS n FROM "{t}"') == [{"tags": ["a", "b"], "n": 2}]
    assert model.find_one(record.id).tags == ["a", "b"]


def test_range_tuple_is_lower_inclusive(backend, t):
    backend.execute(f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, r INT4RANGE)')
    model = _model(backend, t, r=Optional[tuple])
    model(r=(1, 5)).save()
    assert rows(backend, f'SELECT lower(r) AS lo, upper(r) AS hi, lower_inc(r) AS li FROM "{t}"') == [
        {"lo": 1, "hi": 5, "li": True}
    ]


def test_money_into_decimal_field(backend, t):
    backend.execute(f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, price MONEY)')
    backend.execute(f"INSERT INTO \"{t}\" (price) VALUES ('1234.56'), ('-0.5')")
    model = _model(backend, t, price=Decimal)
    assert sorted(m.price for m in model.query().all()) == [Decimal("-0.50"), Decimal("1234.56")]
