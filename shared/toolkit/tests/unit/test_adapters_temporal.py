"""Aware datetimes under both storage modes, dates, TIME from timedelta, intervals."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from rhosocial.activerecord.backend.toolkit.adapters import (
    AwareDateTimeAdapter,
    DateAdapter,
    IntervalAdapter,
    TimeAdapter,
)

UTC = timezone.utc
PLUS_8 = timezone(timedelta(hours=8))
INSTANT = datetime(2024, 2, 29, 23, 30, 15, 123456, tzinfo=PLUS_8)  # 15:30:15.123456 UTC
NAIVE = datetime(2024, 2, 29, 15, 30, 15, 123456)


# --- AwareDateTimeAdapter ----------------------------------------------------------------------


def test_aware_storage_keeps_the_aware_value():
    adapter = AwareDateTimeAdapter()
    stored = adapter.to_database(INSTANT, datetime)
    assert stored is INSTANT
    assert adapter.from_database(stored, datetime) == INSTANT


def test_aware_storage_reads_naive_values_as_utc():
    adapter = AwareDateTimeAdapter()
    assert adapter.to_database(NAIVE, datetime) == NAIVE.replace(tzinfo=UTC)
    assert adapter.from_database(NAIVE, datetime).tzinfo is UTC


def test_utc_naive_storage_round_trip_preserves_the_instant():
    adapter = AwareDateTimeAdapter(storage="utc-naive")

    stored = adapter.to_database(INSTANT, datetime)

    assert stored == datetime(2024, 2, 29, 15, 30, 15, 123456)
    assert stored.tzinfo is None
    restored = adapter.from_database(stored, datetime)
    assert restored == INSTANT  # same instant
    assert restored.utcoffset() == timedelta(0)


def test_utc_naive_storage_takes_naive_input_as_utc():
    adapter = AwareDateTimeAdapter(storage="utc-naive")
    assert adapter.to_database(NAIVE, datetime) == NAIVE


@pytest.mark.parametrize("storage", ["aware", "utc-naive"])
def test_naive_error_policy_refuses_naive_input(storage):
    adapter = AwareDateTimeAdapter(storage=storage, naive="error")
    with pytest.raises(ValueError, match=r"naive datetime 2024-02-29T15:30:15.123456 given; pass a timezone-aware"):
        adapter.to_database(NAIVE, datetime)
    assert adapter.from_database(adapter.to_database(INSTANT, datetime), datetime) == INSTANT  # aware is fine


def test_datetime_from_iso_text():
    adapter = AwareDateTimeAdapter()
    assert adapter.from_database("2024-02-29T23:30:15.123456+08:00", datetime) == INSTANT
    assert adapter.from_database("2024-02-29 15:30:15.123456", datetime) == INSTANT
    with pytest.raises(ValueError, match="yesterday"):
        adapter.from_database("yesterday", datetime)


def test_datetime_rejects_other_types():
    adapter = AwareDateTimeAdapter()
    with pytest.raises(TypeError, match=r"Cannot convert date value datetime\.date\(2024, 2, 29\) to datetime"):
        adapter.to_database(date(2024, 2, 29), datetime)
    with pytest.raises(TypeError, match="Cannot convert int value 1709220615 to datetime"):
        adapter.from_database(1709220615, datetime)


def test_live_timestamptz_round_trip_postgres(pg):
    adapter = AwareDateTimeAdapter()
    pg.execute("SET TIME ZONE 'America/New_York'")
    (value,) = pg.execute("SELECT %s::timestamptz", (adapter.to_database(INSTANT, datetime),)).fetchone()
    assert adapter.from_database(value, datetime) == INSTANT


def test_live_datetime_round_trip_mysql_utc_naive(my):
    adapter = AwareDateTimeAdapter(storage="utc-naive")
    cur = my.cursor()
    cur.execute("CREATE TEMPORARY TABLE ts (v DATETIME(6))")
    cur.execute("INSERT INTO ts VALUES (%s)", (adapter.to_database(INSTANT, datetime),))
    cur.execute("SELECT v FROM ts")
    (value,) = cur.fetchone()
    assert value.tzinfo is None
    assert adapter.from_database(value, datetime) == INSTANT


# --- DateAdapter --------------------------------------------------------------------------------


def test_date_round_trip_and_conversions():
    adapter = DateAdapter()
    day = date(2024, 2, 29)
    assert adapter.from_database(adapter.to_database(day, date), date) == day
    assert adapter.from_database(datetime(2024, 2, 29, 13, 0), date) == day  # Oracle DATE carries a time
    assert adapter.from_database("2024-02-29", date) == day


def test_date_errors():
    adapter = DateAdapter()
    with pytest.raises(
        TypeError, match=r"Cannot convert datetime value datetime\.datetime\(2024, 2, 29, 0, 0\) to date"
    ):
        adapter.to_database(datetime(2024, 2, 29), date)
    with pytest.raises(TypeError, match="Cannot convert str value '2024-02-29' to date"):
        adapter.to_database("2024-02-29", date)
    with pytest.raises(TypeError, match=r"Cannot convert float value 1\.5 to date"):
        adapter.from_database(1.5, date)


# --- TimeAdapter ---------------------------------------------------------------------------------


def test_time_round_trip_and_from_timedelta():
    adapter = TimeAdapter()
    t = time(13, 5, 9, 250)
    assert adapter.from_database(adapter.to_database(t, time), time) == t
    assert adapter.from_database(timedelta(hours=13, minutes=5, seconds=9, microseconds=250), time) == t
    assert adapter.from_database(timedelta(0), time) == time(0)
    assert adapter.from_database(timedelta(days=1) - timedelta(microseconds=1), time) == time(23, 59, 59, 999999)
    assert adapter.from_database("13:05:09.000250", time) == t


@pytest.mark.parametrize("value", [timedelta(days=1), timedelta(hours=25), timedelta(seconds=-1)])
def test_time_out_of_range_timedelta(value):
    with pytest.raises(ValueError, match=r"outside 00:00:00..23:59:59 and is not a time of day"):
        TimeAdapter().from_database(value, time)


def test_time_errors():
    adapter = TimeAdapter()
    with pytest.raises(TypeError, match=r"Cannot convert timedelta value datetime\.timedelta\(seconds=3600\) to time"):
        adapter.to_database(timedelta(hours=1), time)
    with pytest.raises(TypeError, match="Cannot convert int value 3600 to time"):
        adapter.from_database(3600, time)


def test_live_mysql_time_comes_back_as_timedelta(my):
    cur = my.cursor()
    cur.execute("SELECT CAST('13:05:09' AS TIME), CAST('25:00:00' AS TIME)")
    in_day, beyond = cur.fetchone()
    assert isinstance(in_day, timedelta)
    assert TimeAdapter().from_database(in_day, time) == time(13, 5, 9)
    with pytest.raises(ValueError, match="TIME value 1 day, 1:00:00 is outside"):
        TimeAdapter().from_database(beyond, time)


# --- IntervalAdapter -----------------------------------------------------------------------------


def test_interval_round_trip_and_seconds():
    adapter = IntervalAdapter()
    span = timedelta(days=2, hours=3, microseconds=5)
    assert adapter.from_database(adapter.to_database(span, timedelta), timedelta) == span
    assert adapter.from_database(90, timedelta) == timedelta(minutes=1, seconds=30)
    assert adapter.from_database(1.5, timedelta) == timedelta(seconds=1.5)


def test_interval_errors():
    adapter = IntervalAdapter()
    with pytest.raises(TypeError, match="Cannot convert int value 5 to timedelta"):
        adapter.to_database(5, timedelta)
    with pytest.raises(TypeError, match="Cannot convert bool value True to timedelta"):
        adapter.from_database(True, timedelta)
    with pytest.raises(TypeError, match="Cannot convert str value '1 day' to timedelta"):
        adapter.from_database("1 day", timedelta)


def test_live_postgres_interval(pg):
    (value,) = pg.execute("SELECT interval '2 days 03:00:00.000005'").fetchone()
    assert IntervalAdapter().from_database(value, timedelta) == timedelta(days=2, hours=3, microseconds=5)
