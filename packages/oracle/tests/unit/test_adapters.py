"""Oracle's type choices: exact decimals, instants, intervals, UUID as RAW(16), JSON, booleans, LOBs."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest

from rhosocial.activerecord.backend.impl.oracle.adapters import (
    OracleDateTimeAdapter,
    OracleTimeAdapter,
    default_targets,
    oracle_adapters,
)


class Color(enum.Enum):
    RED = "red"


@pytest.fixture
def registry(server):
    from rhosocial.activerecord.backend.impl.oracle import OracleBackend, OracleConnectionConfig

    return OracleBackend(OracleConnectionConfig(host="h", service_name="S"))


def convert(backend, value):
    adapter, target = backend.get_default_adapter_suggestions()[
        type(value) if not isinstance(value, enum.Enum) else enum.Enum
    ]
    return adapter.to_database(value, target)


def test_parameters_before_and_after_23ai(registry):
    # Baseline (19c) until a server is probed: booleans as NUMBER(1).
    assert convert(registry, True) == 1
    assert convert(registry, Decimal("12.3400")) == Decimal("12.3400")
    assert convert(registry, uuid.UUID(int=1)) == uuid.UUID(int=1).bytes
    assert convert(registry, {"a": [1, "é"]}) == '{"a":[1,"é"]}'
    assert convert(registry, [1, 2]) == "[1,2]"
    assert convert(registry, b"\x00\x01") == b"\x00\x01"
    assert convert(registry, Color.RED) == "RED"
    assert convert(registry, timedelta(days=1, seconds=5)) == timedelta(days=1, seconds=5)
    assert convert(registry, date(2024, 1, 2)) == date(2024, 1, 2)
    assert convert(registry, time(10, 30, 1, 5)) == "10:30:01.000005"
    registry.connect()  # the fake server reports 23ai: still 1/0, which BOOLEAN and NUMBER(1) both accept
    assert convert(registry, True) == 1


def test_aware_datetime_is_bound_as_its_utc_instant(registry):
    plus2 = timezone(timedelta(hours=2))
    assert convert(registry, datetime(2024, 5, 1, 12, 0, tzinfo=plus2)) == datetime(2024, 5, 1, 10, 0)
    assert convert(registry, datetime(2024, 5, 1, 12, 0)) == datetime(2024, 5, 1, 12, 0)  # naive = UTC


def test_timestamp_with_time_zone_read_keeps_the_offset():
    adapter = OracleDateTimeAdapter()
    value = adapter.from_database("2024-05-01T12:00:00.123456+02:00", datetime)
    assert value.utcoffset() == timedelta(hours=2)
    assert value == datetime(2024, 5, 1, 10, 0, 0, 123456, tzinfo=timezone.utc)
    assert adapter.from_database("2024-05-01T12:00:00", datetime).tzinfo is timezone.utc
    assert adapter.from_database(datetime(2024, 5, 1), datetime) == datetime(2024, 5, 1, tzinfo=timezone.utc)


def test_time_of_day_as_text():
    adapter = OracleTimeAdapter()
    assert adapter.from_database("10:30:01", time) == time(10, 30, 1)
    assert adapter.from_database(datetime(2024, 1, 1, 8, 15), time) == time(8, 15)
    assert adapter.to_database(time(1, 2), time) == time(1, 2)


def test_reads_back_from_driver_values():
    by_type = {type(a).__name__: a for a in oracle_adapters()}
    assert by_type["BooleanAdapter"].from_database(1, bool) is True
    assert by_type["BooleanAdapter"].from_database(Decimal(0), bool) is False
    assert by_type["UUIDAdapter"].from_database(uuid.UUID(int=7).bytes, uuid.UUID) == uuid.UUID(int=7)
    assert by_type["UUIDAdapter"].from_database(str(uuid.UUID(int=7)), uuid.UUID) == uuid.UUID(int=7)
    assert by_type["JSONAdapter"].from_database('{"a": 1}', dict) == {"a": 1}
    assert by_type["JSONAdapter"].from_database({"a": 1}, dict) == {"a": 1}  # native JSON (21c+)
    assert by_type["ExactDecimalAdapter"].from_database(Decimal("1.10"), Decimal) == Decimal("1.10")
    assert by_type["IntervalAdapter"].from_database(timedelta(hours=1), timedelta) == timedelta(hours=1)
    assert by_type["DateAdapter"].from_database(datetime(2024, 1, 2, 3, 4), date) == date(2024, 1, 2)
    assert by_type["EnumAdapter"].from_database("RED", Color) is Color.RED


def test_uuid_as_text_is_a_config_choice(server):
    from rhosocial.activerecord.backend.impl.oracle import OracleBackend, OracleConnectionConfig
    from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError

    b = OracleBackend(OracleConnectionConfig(host="h", service_name="S", uuid_storage="text"))
    assert convert(b, uuid.UUID(int=1)) == str(uuid.UUID(int=1))
    assert b.get_default_adapter_suggestions().get(int) is None
    with pytest.raises(ConfigurationError, match="uuid_storage"):
        OracleConnectionConfig(host="h", service_name="S", uuid_storage="blob")


def test_uuid_as_text_is_an_option():
    targets = dict(default_targets(native_boolean=False, uuid_storage="text"))
    assert targets[uuid.UUID] is str
    assert dict(default_targets(native_boolean=True))[bool] is int


def test_empty_string_is_sent_unchanged(server, registry, fake):
    # Oracle turns '' into NULL on storage; the backend does not hide or emulate that (docs/oracle.md).
    registry.execute("INSERT INTO t (s) VALUES (?)", ("",))
    assert server.log[-1][1] == [""]
