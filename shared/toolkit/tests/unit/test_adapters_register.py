"""register_adapters and the adapter base class."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from uuid import UUID

from rhosocial.activerecord.backend.toolkit.adapters import (
    AwareDateTimeAdapter,
    BooleanAdapter,
    BytesAdapter,
    DateAdapter,
    EnumAdapter,
    ExactDecimalAdapter,
    IntervalAdapter,
    JSONAdapter,
    TimeAdapter,
    UUIDAdapter,
    register_adapters,
)
from rhosocial.activerecord.backend.toolkit.adapters._base import cannot, type_name
from rhosocial.activerecord.backend.type_adapter import DecimalAdapter as CoreDecimalAdapter
from rhosocial.activerecord.backend.type_registry import TypeRegistry

ALL = [
    ExactDecimalAdapter(),
    AwareDateTimeAdapter(),
    DateAdapter(),
    TimeAdapter(),
    IntervalAdapter(),
    UUIDAdapter(),
    JSONAdapter(),
    BooleanAdapter(),
    BytesAdapter(),
    EnumAdapter(),
]


def test_register_adapters_registers_every_pair_and_replaces_core_defaults():
    registry = TypeRegistry()
    core = CoreDecimalAdapter()
    registry.register(core, Decimal, Decimal)  # a core default already in place

    register_adapters(registry, ALL)

    exact = ALL[0]
    assert registry.get_adapter(Decimal, Decimal) is exact
    assert registry.get_adapter(Decimal, str) is exact
    expected_pairs = {
        (Decimal, Decimal),
        (Decimal, str),
        (datetime, datetime),
        (date, date),
        (time, time),
        (timedelta, timedelta),
        (UUID, UUID),
        (UUID, str),
        (UUID, bytes),
        (dict, str),
        (list, str),
        (bool, bool),
        (bool, int),
        (bool, str),
        (bytes, bytes),
        (Enum, str),
        (Enum, int),
    }
    assert set(registry.get_all_adapters()) == expected_pairs
    assert registry.get_adapter(UUID, bytes) is ALL[5]


def test_instances_do_not_share_registrations():
    a, b = AwareDateTimeAdapter(), AwareDateTimeAdapter(storage="utc-naive")
    a.supported_types[datetime].add(str)
    assert b.supported_types == {datetime: {datetime}}


def test_cannot_names_value_type_and_target():
    error = cannot(b"x" * 100, UUID)
    assert isinstance(error, TypeError)
    message = str(error)
    assert message.startswith("Cannot convert bytes value b'xxxx")
    assert message.endswith(" to UUID")
    assert len(message) < 100  # long values are cut
    assert type_name(UUID) == "UUID"
    assert type_name("VARCHAR2") == "'VARCHAR2'"


def test_portable_adapters_are_fresh_instances_without_overlap():
    from rhosocial.activerecord.backend.toolkit.adapters import portable_adapters

    first, second = portable_adapters(), portable_adapters()
    assert [type(a) for a in first] == [type(a) for a in second]
    assert all(a is not b for a, b in zip(first, second, strict=True))
    pairs = [(py, db) for a in first for py, dbs in a.supported_types.items() for db in dbs]
    assert len(pairs) == len(set(pairs))
