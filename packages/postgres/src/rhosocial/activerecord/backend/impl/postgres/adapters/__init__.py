"""Type adapters for PostgreSQL: the toolkit's shared ones plus arrays, ranges and inet/cidr.

psycopg already speaks Decimal, UUID, date/time, aware datetimes, timedelta (interval), bytes (bytea) and
bool natively, so those adapters hand values through unchanged; the ones that do work are JSON for
dict/list, Enum, and the naive-datetime policy (naive means UTC).
"""

from __future__ import annotations

import ipaddress
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from uuid import UUID

from psycopg.types.range import Range

from rhosocial.activerecord.backend.toolkit.adapters import AwareDateTimeAdapter, TimeAdapter, portable_adapters

from .containers import PgArray, PostgresArrayAdapter, PostgresRangeAdapter
from .hstore import HstoreAdapter
from .money import register_money
from .network import InetAdapter


def postgres_adapters() -> list:
    """Fresh adapter instances to register on a backend's registry."""
    return [
        *portable_adapters(),
        AwareDateTimeAdapter(storage="aware"),
        TimeAdapter(),
        InetAdapter(),
        PostgresArrayAdapter(),
        PostgresRangeAdapter(),
    ]


# python type -> the type psycopg should receive (the registry picks the adapter for the pair).
DEFAULT_TARGETS: dict[type, type] = {
    datetime: datetime,
    date: date,
    time: time,
    timedelta: timedelta,
    Decimal: Decimal,
    UUID: UUID,
    dict: str,
    list: str,
    tuple: Range,  # (lower, upper) -> [lower, upper); other tuples pass unchanged (see containers.py)
    bool: bool,
    bytes: bytes,
    Enum: str,
    ipaddress.IPv4Address: ipaddress.IPv4Address,
    ipaddress.IPv6Address: ipaddress.IPv6Address,
}

# Types whose values psycopg adapts itself: skipped when converting statement parameters (fast path).
NATIVE_PARAM_TYPES = frozenset(
    {date, time, timedelta, Decimal, UUID, bool, bytes, ipaddress.IPv4Address, ipaddress.IPv6Address}
)

__all__ = [
    "DEFAULT_TARGETS",
    "NATIVE_PARAM_TYPES",
    "HstoreAdapter",
    "InetAdapter",
    "PgArray",
    "PostgresArrayAdapter",
    "PostgresRangeAdapter",
    "postgres_adapters",
    "register_money",
]
