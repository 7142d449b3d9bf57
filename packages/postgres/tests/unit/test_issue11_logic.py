"""Server-free logic of issue 11's modules: array slots, array annotations, hstore text, advisory keys,
partition bounds and the version gates of the new statements."""

from __future__ import annotations

import datetime
import enum
import uuid
from typing import Any

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.impl.postgres import PostgresDialect
from rhosocial.activerecord.backend.impl.postgres.adapters.arrays import array_slots, is_array_annotation
from rhosocial.activerecord.backend.impl.postgres.adapters.enums import enum_binding
from rhosocial.activerecord.backend.impl.postgres.adapters.hstore import from_hstore, to_hstore
from rhosocial.activerecord.backend.impl.postgres.partitioning import (
    MINVALUE,
    DetachPartitionExpression,
    HashBounds,
    ListBounds,
    RangeBounds,
)
from rhosocial.activerecord.backend.impl.postgres.server.advisory import advisory_key, advisory_sql


def test_array_slots():
    assert array_slots("SELECT * FROM t WHERE id = ANY(%s) AND doc = %s") == {0}
    assert array_slots("x <> ALL ( %s ) OR y = %s::int[] OR z = %s::text OR w = %s") == {0, 1}
    assert array_slots("SELECT '100%%' AS p, %s::numeric(5, 2)[] AS a") == {0}


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (list[int], True),
        (list[list[str]], True),
        (list[uuid.UUID], True),
        (list, False),
        (list[dict], False),
        (list[Any], False),
        (dict, False),
        (int, False),
    ],
)
def test_array_annotations(annotation, expected):
    assert is_array_annotation(annotation) is expected


def test_hstore_text_round_trip():
    value = {"a": "1", 'q"uote': "back\\slash", "n": None, "": ""}
    assert from_hstore(to_hstore(value)) == value
    assert from_hstore("") == {}
    with pytest.raises(TypeError):
        to_hstore({"a": 1})


def test_advisory_keys_and_sql():
    assert advisory_key(7) == (7,)
    assert advisory_key("job") == advisory_key("job")  # stable across calls (and processes: blake2b)
    assert advisory_sql("try", (1, 2), shared=True, transaction=True) == (
        "SELECT pg_try_advisory_xact_lock_shared(%s::int, %s::int) AS ok",
        (1, 2),
    )
    for bad in (True, 2**63, (1, 2**31), 1.5):
        with pytest.raises((TypeError, ValueError)):
            advisory_key(bad)


def test_partition_bounds_and_gates():
    d = PostgresDialect((13, 0, 0))
    bounds = RangeBounds([MINVALUE, datetime.date(2024, 1, 1)], [10, "x"])
    assert d.format_partition_bounds(bounds) == "FOR VALUES FROM (MINVALUE, '2024-01-01') TO (10, 'x')"
    assert d.format_partition_bounds(ListBounds([1, None])) == "FOR VALUES IN (1, NULL)"
    assert d.format_partition_bounds(HashBounds(4, 1)) == "FOR VALUES WITH (MODULUS 4, REMAINDER 1)"
    with pytest.raises(UnsupportedFeatureError, match="14"):
        DetachPartitionExpression(d, "p", "c", concurrently=True).to_sql()
    assert DetachPartitionExpression(d, "p", "c").to_sql() == ('ALTER TABLE "p" DETACH PARTITION "c"', ())
    assert PostgresDialect((14, 0, 0)).supports_detach_partition_concurrently()


def test_one_enum_class_has_one_binding():
    class Colour(enum.Enum):
        RED = "r"

    enum_binding(Colour, by="value")
    enum_binding(Colour, by="value")  # the same declaration again is fine
    with pytest.raises(ValueError, match="Colour is already bound by 'value'"):
        enum_binding(Colour, by="name")
    with pytest.raises(ValueError, match="expected 'value' or 'name'"):
        enum_binding(Colour, by="label")  # type: ignore[arg-type]
