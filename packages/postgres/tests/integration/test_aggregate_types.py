"""What aggregates of integer columns come back as on PostgreSQL, through the core's query and expression
objects (the rule and why SUM of a BIGINT column stays a Decimal: docs/postgres.md, "Aggregates")."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

import pytest

pytestmark = pytest.mark.server

BIG = 2**62  # two of them overflow bigint: SUM(bigint) is numeric for exactly this reason


@pytest.fixture
def model(backend, table_name):
    from rhosocial.activerecord.model import ActiveRecord

    backend.execute(
        f'CREATE TABLE "{table_name}" (id SERIAL PRIMARY KEY, small SMALLINT, regular INTEGER, big BIGINT,'
        " frac NUMERIC)"
    )
    namespace = {
        "__table_name__": table_name,
        "__annotations__": {"id": Optional[int], "small": int, "regular": int, "big": int, "frac": Decimal},
        "id": None,
    }
    cls = type(f"A_{table_name}", (ActiveRecord,), namespace)
    cls.configure(backend.config, type(backend))
    for small, regular, big, frac in ((1, 10, BIG, Decimal(2)), (2, 20, BIG, Decimal(3))):
        cls(small=small, regular=regular, big=big, frac=frac).save()
    yield cls
    backend.execute(f'DROP TABLE IF EXISTS "{table_name}"')


def test_sum_of_smallint_and_integer_is_int(model):
    assert type(model.query().sum_("small")) is int
    assert model.query().sum_("regular") == 30
    assert type(model.query().sum_("regular")) is int  # PostgreSQL types it bigint


def test_sum_of_bigint_is_an_exact_integral_decimal(model):
    total = model.query().sum_("big")
    # numeric, not bigint: 2**63 does not fit a bigint, and nothing in the result says its source was one
    assert type(total) is Decimal
    assert total == 2 * BIG
    assert total.as_tuple().exponent == 0
    assert int(total) == 2**63  # the documented conversion is exact


def test_an_integral_sum_of_an_unconstrained_numeric_looks_the_same(model, backend):
    """Why the value cannot decide: SUM over a NUMERIC column of whole numbers is also scale 0."""
    total = model.query().sum_("frac")
    assert total == 5
    assert total.as_tuple().exponent == 0  # same shape as the BIGINT sum above, yet a fraction may come next
    cursor_types = backend.fetch_one(
        f'SELECT pg_typeof(SUM(big))::text AS big, pg_typeof(SUM(frac))::text AS frac FROM "{model.__table_name__}"'
    )
    assert cursor_types == {"big": "numeric", "frac": "numeric"}


def test_count_min_max_keep_integers_and_avg_is_decimal(model):
    assert type(model.query().count()) is int
    assert model.query().max_("big") == BIG
    assert type(model.query().max_("big")) is int
    assert type(model.query().min_("regular")) is int
    assert model.query().avg("regular") == 15
    assert type(model.query().avg("regular")) is Decimal
