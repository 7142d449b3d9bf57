"""DATETIME(6) holds no zone: aware datetimes are stored as UTC and come back aware (UTC).

TIME columns arrive from mysql-connector as ``timedelta``; a model field typed ``time``
gets a time of day, one typed ``timedelta`` keeps the duration (TIME spans +-838 hours).
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.adapters import AwareDateTimeAdapter, TimeAdapter


class MySQLDateTimeAdapter(AwareDateTimeAdapter):
    def __init__(self) -> None:
        super().__init__(storage="utc-naive", naive="utc")


class MySQLTimeAdapter(TimeAdapter):
    """time <-> TIME; also accepts ``timedelta`` from the driver and ``"HH:MM:SS"`` text."""

    pairs = ((time, time), (time, timedelta))  # type: ignore[assignment]

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, time) and value.tzinfo is not None:
            # TIME has no zone; keep the wall-clock time rather than failing.
            value = value.replace(tzinfo=None)
        return super()._do_to_database(value, time, options)
