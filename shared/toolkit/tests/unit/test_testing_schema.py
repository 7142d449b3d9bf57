"""DDL derived from the suite's models: types, nullability, keys, shared columns, adapters, lock counters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Optional

from rhosocial.activerecord.backend.toolkit.adapters import JSONAdapter
from rhosocial.activerecord.backend.toolkit.testing.compliance.schema import (
    SchemaBuilder,
    TypeMap,
    model_columns,
    standard_types,
)
from rhosocial.activerecord.base.fields import UseAdapter, UseColumn
from rhosocial.activerecord.field import IntegerPKMixin, OptimisticLockMixin, TimestampMixin
from rhosocial.activerecord.field.composite_pk import CompositePKMixin
from rhosocial.activerecord.model import ActiveRecord

TYPES = TypeMap(standard_types(str="TEXT"), auto_increment_key="SERIAL PRIMARY KEY")
BUILDER = SchemaBuilder(TYPES, drop_template="DROP TABLE IF EXISTS {table} CASCADE")


class Item(IntegerPKMixin, TimestampMixin, ActiveRecord):
    __table_name__ = "items"
    id: Optional[int] = None
    name: str
    price: Decimal
    note: Optional[str] = None


class Renamed(IntegerPKMixin, TimestampMixin, ActiveRecord):
    __table_name__ = "renamed"
    item_id: Annotated[Optional[int], UseColumn("id")] = None
    made: Annotated[Optional[dt.datetime], UseColumn("created_at")] = None


class Stored(ActiveRecord):
    __table_name__ = "stored"
    id: Optional[int] = None
    tags: Annotated[list, UseAdapter(JSONAdapter(), str)]


class Pair(CompositePKMixin, ActiveRecord):
    __table_name__ = "pairs"
    __primary_key__ = ("a", "b")
    a: int
    b: str
    v: int


class Locked(IntegerPKMixin, OptimisticLockMixin, ActiveRecord):
    __table_name__ = "locked"
    id: Optional[int] = None
    name: str


def _by_name(model):
    return {c.name: c for c in model_columns(model)}


def test_types_and_nullability():
    columns = _by_name(Item)
    assert columns["name"].py_type is str
    assert not columns["name"].nullable
    assert columns["note"].nullable
    assert columns["price"].py_type is Decimal
    assert columns["id"].primary
    assert not columns["id"].nullable


def test_single_integer_key_becomes_auto_increment():
    sql = BUILDER.create_table(Item)
    assert '"id" SERIAL PRIMARY KEY' in sql
    assert '"price" NUMERIC(20,6) NOT NULL' in sql
    assert '"note" TEXT' in sql
    assert '"note" TEXT NOT NULL' not in sql


def test_two_fields_on_one_column_give_one_column():
    names = [c.name for c in model_columns(Renamed)]
    assert names.count("id") == 1
    assert names.count("created_at") == 1
    assert _by_name(Renamed)["created_at"].nullable


def test_use_adapter_target_decides_the_column_type():
    assert _by_name(Stored)["tags"].py_type is str


def test_composite_key_is_a_table_constraint():
    sql = BUILDER.create_table(Pair)
    assert 'PRIMARY KEY ("a", "b")' in sql
    assert "SERIAL" not in sql


def test_optimistic_lock_counter_is_a_column():
    column = _by_name(Locked)["version"]
    assert column.py_type is int
    assert not column.nullable


def test_overrides_replace_the_derived_table():
    builder = SchemaBuilder(TYPES, overrides={"items": "CREATE TABLE items (x INT)"})
    assert builder.create_table(Item) == "CREATE TABLE items (x INT)"


def test_reset_drops_in_reverse_then_creates_each_table_once():
    statements = BUILDER.reset_statements([Item, Pair, Item])
    assert statements[:2] == ['DROP TABLE IF EXISTS "pairs" CASCADE', 'DROP TABLE IF EXISTS "items" CASCADE']
    assert len(statements) == 4


def test_type_map_falls_back_along_the_mro_and_to_the_default():
    import enum

    class Colour(enum.Enum):
        RED = 1

    assert TYPES.sql_type(Colour) == "VARCHAR(64)"
    assert TYPES.sql_type(dict[str, int]) == "JSON"
    assert TYPES.sql_type(complex) == "TEXT"
