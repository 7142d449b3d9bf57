"""What one backend tells the shared command line: how to connect, and the few queries that differ."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

Rows = list[dict[str, Any]]


def dialect_report(backend: Any) -> Mapping[str, Optional[str]]:
    return backend.dialect.capability_report()  # toolkit.capabilities.CapabilityGates


@dataclass(frozen=True, kw_only=True)
class Adapter:
    name: str  # the impl package: postgres, mysql, oracle
    config_type: Any  # its ConnectionConfig class, which has from_url()
    backend_type: type  # its sync backend
    password_env: str  # the environment variable the password may come from
    connect_args: Callable[[Any], Mapping[str, Any]]  # config -> driver connect arguments (validates)
    tables: Callable[[Any], Rows]
    columns: Callable[[Any, str], Rows]  # an empty list means: no such table
    explain: Callable[[Any, str, bool], Rows]
    status: Callable[[Any], Mapping[str, Any]]
    # backend -> {name: None if supported, else why not}; default: the dialect's capability_report()
    capabilities: Callable[[Any], Mapping[str, Optional[str]]] = dialect_report
    # default: the config's URL_SCHEMES / URL_PATH_FIELD (toolkit.urls.FromUrlMixin)
    url_schemes: tuple[str, ...] = ()
    database_field: str = ""  # Oracle: service_name
    defaults: Mapping[str, Any] = field(default_factory=dict)  # flag defaults, e.g. the port
    offline_capabilities: Optional[Callable[[str], Mapping[str, Optional[str]]]] = None  # version -> report

    def __post_init__(self) -> None:
        if not self.url_schemes:
            object.__setattr__(self, "url_schemes", tuple(getattr(self.config_type, "URL_SCHEMES", ())))
        if not self.database_field:
            object.__setattr__(self, "database_field", getattr(self.config_type, "URL_PATH_FIELD", "database"))


def status_query(sql: str) -> Callable[[Any], Mapping[str, Any]]:
    """``status`` from one query returning one row of named numbers."""
    return lambda backend: backend.fetch_one(sql) or {}


def column_row(column: Any, /, **more: Any) -> dict[str, Any]:
    """``introspect TABLE``: what every backend shows of a core ``ColumnInfo``, then its own ``more``."""
    return {
        "name": column.name,
        "data_type": column.data_type_full or column.data_type,
        "nullable": column.nullable.value == "NULLABLE",
        "default": column.default_value,
        **more,
    }
