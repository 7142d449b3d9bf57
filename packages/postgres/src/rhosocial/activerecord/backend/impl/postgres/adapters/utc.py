"""timestamptz values in a UTC session come back with ``datetime.timezone.utc``, as on the other backends.

psycopg gives them the session's zone as a ZoneInfo (``ZoneInfo('Etc/UTC')``, ``ZoneInfo('UTC')``). The
zone is chosen once when psycopg creates the loader for a result column, so the swap costs nothing per
row; a session in any other zone keeps its ZoneInfo (the wall-clock offsets differ, so it is kept).
"""

from __future__ import annotations

from datetime import timezone
from typing import Any

from psycopg.types.datetime import TimestamptzBinaryLoader, TimestamptzLoader

UTC_ZONE_NAMES = frozenset(
    {
        "UTC",
        "Etc/UTC",
        "Etc/UCT",
        "UCT",
        "Etc/Universal",
        "Universal",
        "Zulu",
        "Etc/Zulu",
        "GMT",
        "Etc/GMT",
        "Etc/GMT0",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "GMT0",
        "GMT+0",
        "GMT-0",
        "Greenwich",
        "Etc/Greenwich",
    }
)


def _utc_if_utc(zone: Any) -> Any:
    return timezone.utc if getattr(zone, "key", None) in UTC_ZONE_NAMES else zone


class UtcTimestamptzLoader(TimestamptzLoader):
    def __init__(self, oid: int, context: Any = None):
        super().__init__(oid, context)
        self._timezone = _utc_if_utc(self._timezone)


class UtcTimestamptzBinaryLoader(TimestamptzBinaryLoader):
    def __init__(self, oid: int, context: Any = None):
        super().__init__(oid, context)
        self._timezone = _utc_if_utc(self._timezone)


def register_utc(connection: Any) -> None:
    """Per connection, like register_money: other psycopg users in the process keep psycopg's default."""
    connection.adapters.register_loader("timestamptz", UtcTimestamptzLoader)
    connection.adapters.register_loader("timestamptz", UtcTimestamptzBinaryLoader)
