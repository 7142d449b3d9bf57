"""MySQL-specific adapters (pure logic, no server)."""

from datetime import datetime, time, timedelta, timezone
from decimal import Decimal
from enum import Enum
from uuid import UUID

import pytest

from rhosocial.activerecord.backend.impl.mysql import MySQLBackend, MySQLConnectionConfig
from rhosocial.activerecord.backend.impl.mysql.adapters import MySQLDateTimeAdapter, MySQLTimeAdapter, SetAdapter


def test_aware_datetime_stored_as_naive_utc_and_read_back_aware():
    adapter = MySQLDateTimeAdapter()
    local = datetime(2024, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=8)))
    stored = adapter.to_database(local, datetime)
    assert stored == datetime(2024, 1, 1, 0, 0)
    assert stored.tzinfo is None
    back = adapter.from_database(stored, datetime)
    assert back == local
    assert back.tzinfo == timezone.utc


def test_time_from_timedelta_and_back():
    adapter = MySQLTimeAdapter()
    assert adapter.from_database(timedelta(hours=1, minutes=2, seconds=3, microseconds=4), time) == time(1, 2, 3, 4)
    assert adapter.to_database(time(1, 2, tzinfo=timezone.utc), time) == time(1, 2)
    with pytest.raises(ValueError):
        adapter.from_database(timedelta(hours=30), time)


class Colour(Enum):
    RED = "r"
    GREEN = "g"


def test_set_adapter():
    adapter = SetAdapter()
    assert adapter.to_database({"b", "a"}, str) == "a,b"
    assert adapter.to_database({Colour.RED}, str) == "r"
    assert adapter.from_database("a,b", set) == {"a", "b"}
    assert adapter.from_database("", set) == set()
    assert adapter.from_database({"x"}, frozenset) == frozenset({"x"})
    with pytest.raises(ValueError):
        adapter.to_database({"a,b"}, str)


def test_backend_suggestions_cover_the_documented_types():
    backend = MySQLBackend(MySQLConnectionConfig())
    suggestions = backend.get_default_adapter_suggestions()
    for py_type in (bool, datetime, time, timedelta, Decimal, UUID, dict, list, Enum, set, bytes):
        assert py_type in suggestions, py_type
    adapter, db_type = suggestions[bool]
    assert adapter.to_database(True, db_type) == 1


def test_config_clone_merges_options():
    config = MySQLConnectionConfig(options={"compress": True}, password="x")
    copy = config.clone(database="other", options={"init_command": "SET @a=1"})
    assert copy.database == "other"
    assert copy.options == {"compress": True, "init_command": "SET @a=1"}
    assert copy.password == "x"
