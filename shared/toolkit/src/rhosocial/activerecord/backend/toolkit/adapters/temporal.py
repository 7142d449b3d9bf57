"""Timezone-aware datetimes, dates, times and intervals.

Policy: an aware datetime is stored as the instant it denotes. Servers with a real
``timestamp with time zone`` get the aware value; servers without one (MySQL DATETIME)
get it converted to UTC and made naive (``storage="utc-naive"``), and naive values read
back are taken as UTC and returned aware. A naive datetime handed in by the user is
taken as UTC unless the adapter was built with ``naive="error"``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Literal, Optional

from ._base import Adapter, cannot

Storage = Literal["aware", "utc-naive"]
NaivePolicy = Literal["utc", "error"]


class AwareDateTimeAdapter(Adapter):
    pairs = ((datetime, datetime),)

    def __init__(self, storage: Storage = "aware", naive: NaivePolicy = "utc") -> None:
        super().__init__()
        self.storage = storage
        self.naive = naive

    def _aware(self, value: datetime) -> datetime:
        if value.tzinfo is not None:
            return value
        if self.naive == "error":
            raise ValueError(f"naive datetime {value.isoformat()} given; pass a timezone-aware datetime")
        return value.replace(tzinfo=timezone.utc)

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if not isinstance(value, datetime):
            raise cannot(value, target_type)
        aware = self._aware(value)
        if self.storage == "utc-naive":
            return aware.astimezone(timezone.utc).replace(tzinfo=None)
        return aware

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if not isinstance(value, datetime):
            raise cannot(value, target_type)
        if value.tzinfo is None:
            # Only UTC is ever stored naive by this adapter.
            return value.replace(tzinfo=timezone.utc)
        return value


class DateAdapter(Adapter):
    """date <-> date; a datetime from the server (Oracle DATE) is cut to its date."""

    pairs = ((date, date),)

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, datetime) or not isinstance(value, date):
            raise cannot(value, target_type)
        return value

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            return date.fromisoformat(value)
        raise cannot(value, target_type)


class TimeAdapter(Adapter):
    """time <-> time; MySQL returns TIME columns as timedelta since midnight."""

    pairs = ((time, time),)

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if not isinstance(value, time):
            raise cannot(value, target_type)
        return value

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, time):
            return value
        if isinstance(value, timedelta):
            if not timedelta(0) <= value < timedelta(days=1):
                raise ValueError(f"TIME value {value} is outside 00:00:00..23:59:59 and is not a time of day")
            return (datetime.min + value).time()
        if isinstance(value, str):
            return time.fromisoformat(value)
        raise cannot(value, target_type)


class IntervalAdapter(Adapter):
    """timedelta <-> interval (PostgreSQL, Oracle INTERVAL DAY TO SECOND, MySQL TIME).

    Numbers from the server are read as seconds.
    """

    pairs = ((timedelta, timedelta),)

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if not isinstance(value, timedelta):
            raise cannot(value, target_type)
        return value

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, timedelta):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return timedelta(seconds=value)
        raise cannot(value, target_type)
