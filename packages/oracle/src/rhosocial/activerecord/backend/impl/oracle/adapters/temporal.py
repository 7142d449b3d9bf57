"""Datetimes and times on Oracle.

Writes: an aware datetime is bound as its UTC instant (naive values are taken as UTC). The
session runs with ``TIME_ZONE='UTC'`` (config ``time_zone``), so a TIMESTAMP WITH TIME ZONE
column stores the same instant and a plain TIMESTAMP stores UTC wall time.
Reads: TIMESTAMP WITH TIME ZONE is fetched as text in the ISO format the backend sets for the
session (``NLS_TIMESTAMP_TZ_FORMAT``), so the stored offset survives; plain TIMESTAMP/DATE
values are naive and are read as UTC.
Oracle has no TIME type: a time of day is stored as text ``HH:MM:SS[.ffffff]``.
"""

from __future__ import annotations

from datetime import datetime, time, timezone
from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.adapters import AwareDateTimeAdapter, TimeAdapter

# Set per session by the backend; both sides of the conversion use these.
NLS_TIMESTAMP_TZ_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6TZH:TZM'
NLS_TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF6'
NLS_DATE_FORMAT = "YYYY-MM-DD HH24:MI:SS"


class OracleDateTimeAdapter(AwareDateTimeAdapter):
    def __init__(self) -> None:
        super().__init__(storage="utc-naive")

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, str):
            # TIMESTAMP WITH TIME ZONE fetched as text keeps its own offset.
            value = datetime.fromisoformat(value.strip())
            return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return super()._do_from_database(value, target_type, options)


class OracleTimeAdapter(TimeAdapter):
    """time <-> VARCHAR2 'HH:MM:SS[.ffffff]' (Oracle has no TIME type)."""

    def __init__(self) -> None:
        super().__init__()
        self._register_type(time, str)

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        value = super()._do_to_database(value, target_type, options)
        return value.isoformat() if target_type is str else value

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, datetime):
            return value.time()
        return super()._do_from_database(value, target_type, options)
