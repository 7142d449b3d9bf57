"""The one query run at connect, and what it tells us (toolkit ``ServerInfo``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg import pq

from rhosocial.activerecord.backend.toolkit.errors import UnsupportedServerError
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, format_version

from .capabilities import MIN_VERSION, PG

PROBE_SQL = (
    "SELECT current_setting('server_version_num'), version(),"
    " current_setting('statement_timeout'), current_setting('TimeZone'),"
    " current_setting('standard_conforming_strings'), current_setting('server_encoding')"
)

# Forks that report a PostgreSQL version but are not PostgreSQL; named so capability tables can tell.
_FLAVOURS = (("CockroachDB", "cockroachdb"), ("YugabyteDB", "yugabytedb"), ("-YB-", "yugabytedb"))


def version_from_num(num: int) -> tuple[int, int, int]:
    """``150020`` -> ``(15, 20, 0)``; ``90624`` (pre-10 numbering) -> ``(9, 6, 24)``."""
    if num >= 100000:
        return (num // 10000, num % 10000, 0)
    return (num // 10000, (num // 100) % 100, num % 100)


def server_info_from_row(row: Sequence[Any]) -> ServerInfo:
    version_num, version_text, statement_timeout, timezone, scs, encoding = row
    flavour = next((name for marker, name in _FLAVOURS if marker in (version_text or "")), PG)
    return ServerInfo(
        product=PG,
        flavour=flavour,
        version=version_from_num(int(version_num)),
        version_string=version_text,
        settings={
            "statement_timeout": statement_timeout,
            "TimeZone": timezone,
            "standard_conforming_strings": scs,
            "server_encoding": encoding,
            # which psycopg implementation this session runs on: "binary" or "c" (C), "python" (pure)
            "driver_implementation": pq.__impl__,
        },
    )


def check_supported(info: ServerInfo) -> None:
    if info.flavour == PG and info.version < MIN_VERSION:
        raise UnsupportedServerError(
            f"PostgreSQL {format_version(info.version)} is not supported; "
            f"this backend needs PostgreSQL >= {format_version(MIN_VERSION)}"
        )


def statement_timeout_active(info: ServerInfo) -> bool:
    return str(info.settings.get("statement_timeout", "0")) not in ("0", "")
