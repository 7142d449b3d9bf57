"""Oracle type adapters: the toolkit's shared ones plus Oracle's own choices.

=================  ==========================  ==========================================
Python             Oracle column               bound as / read from
=================  ==========================  ==========================================
Decimal            NUMBER(p,s)                 Decimal both ways (never float)
datetime (aware)   TIMESTAMP WITH TIME ZONE    bound as UTC; read back with the stored offset
date               DATE                        DATE's time part is dropped on read
timedelta          INTERVAL DAY TO SECOND      timedelta both ways
UUID               RAW(16) (default)           16 bytes; VARCHAR2(36) with ``uuid_storage="text"``
dict / list        JSON (21c+), CLOB IS JSON   JSON text; native JSON comes back as dict/list
bool               BOOLEAN (23ai), NUMBER(1)   bound as 1/0 (both column types accept it); read 1/0 or bool
bytes              BLOB / RAW                  bytes; LOBs are read into bytes
Enum               VARCHAR2 / NUMBER           name (text) or value (number)
=================  ==========================  ==========================================

Oracle stores the empty string as NULL: ``""`` written to a VARCHAR2 reads back as ``None``.
Nothing here hides that; see docs/oracle.md.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Literal
from uuid import UUID

from rhosocial.activerecord.backend.toolkit.adapters import portable_adapters

from .temporal import OracleDateTimeAdapter, OracleTimeAdapter

UUIDStorage = Literal["raw", "text"]


def oracle_adapters() -> list:
    """Adapter instances registered on every Oracle backend (replacing the core's defaults)."""
    return [
        *portable_adapters(),
        OracleDateTimeAdapter(),
        OracleTimeAdapter(),
    ]


def default_targets(*, native_boolean: bool, uuid_storage: UUIDStorage = "raw") -> list[tuple[type, type]]:
    """(python type, driver type) pairs parameters are converted to before binding.

    Booleans are bound as 1/0 even on 23ai: the statement does not say whether the column is a
    BOOLEAN or a NUMBER(1), and 23ai's BOOLEAN accepts numbers while NUMBER(1) rejects a bool bind.
    ``native_boolean`` is kept for callers that know their columns are BOOLEAN.
    """
    return [
        (Decimal, Decimal),
        (datetime, datetime),
        (date, date),
        (time, str),
        (timedelta, timedelta),
        (UUID, bytes if uuid_storage == "raw" else str),
        (dict, str),
        (list, str),
        (bool, int),
        (bytes, bytes),
        (Enum, str),
    ]


__all__ = ["OracleDateTimeAdapter", "OracleTimeAdapter", "default_targets", "oracle_adapters"]
