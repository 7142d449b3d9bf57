"""What one backend tells the shared command line: how to connect, and the few queries that differ."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Adapter:
    name: str  # the impl package: postgres, mysql, oracle
    config_type: Any  # its ConnectionConfig class, which has from_url()
    backend_type: type  # its sync backend
    url_schemes: tuple[str, ...]
    password_env: str  # the environment variable the password may come from
    connect_args: Callable[[Any], Mapping[str, Any]]  # config -> driver connect arguments (validates)
    capabilities: Callable[[Any], Mapping[str, Optional[str]]]  # backend -> {name: None if supported, else why not}
    tables: Callable[[Any], Rows]
    columns: Callable[[Any, str], Rows]  # an empty list means: no such table
    explain: Callable[[Any, str, bool], Rows]
    status: Callable[[Any], Mapping[str, Any]]
    database_field: str = "database"  # Oracle: service_name
    defaults: Mapping[str, Any] = field(default_factory=dict)  # flag defaults, e.g. the port
    offline_capabilities: Optional[Callable[[str], Mapping[str, Optional[str]]]] = None  # version -> report
