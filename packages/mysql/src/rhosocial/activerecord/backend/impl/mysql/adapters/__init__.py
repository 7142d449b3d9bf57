"""Type adapters for MySQL/MariaDB: the toolkit's shared ones plus MySQL specifics.

``MYSQL_TYPE_MAPPINGS`` says which driver-side type each Python type is sent as; the backend
registers :func:`mysql_adapters` and answers ``get_default_adapter_suggestions`` from both.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from ipaddress import IPv4Address, IPv6Address
from uuid import UUID

from rhosocial.activerecord.backend.toolkit.adapters import portable_adapters
from rhosocial.activerecord.backend.type_adapter import SQLTypeAdapter

from .network import IPAddressAdapter
from .sets import SetAdapter
from .temporal import MySQLDateTimeAdapter, MySQLTimeAdapter

# Python type -> the type handed to mysql-connector.
MYSQL_TYPE_MAPPINGS: list[tuple[type, type]] = [
    (bool, int),  # TINYINT(1)
    (datetime, datetime),  # aware -> naive UTC for DATETIME(6)
    (date, date),
    (time, time),
    (timedelta, timedelta),  # TIME
    (Decimal, Decimal),
    (UUID, str),  # CHAR(36), or MariaDB's UUID (10.7+)
    (IPv4Address, str),  # MariaDB's INET4 (10.10+) / INET6, or text
    (IPv6Address, str),
    (dict, str),  # JSON text
    (list, str),
    (Enum, str),
    (set, str),  # SET('a','b') as 'a,b'
    (frozenset, str),
    (bytes, bytes),
]


def mysql_adapters() -> list[SQLTypeAdapter]:
    return [
        *portable_adapters(),
        MySQLDateTimeAdapter(),
        MySQLTimeAdapter(),
        SetAdapter(),
        IPAddressAdapter(),
    ]


__all__ = [
    "MYSQL_TYPE_MAPPINGS",
    "IPAddressAdapter",
    "MySQLDateTimeAdapter",
    "MySQLTimeAdapter",
    "SetAdapter",
    "mysql_adapters",
]
