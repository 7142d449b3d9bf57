"""Schema introspection: ``backend.introspector`` (the core's API, :mod:`.introspector`) and the
older plain-dict catalogue (:mod:`.catalog`)."""

from .catalog import QUERIES, AsyncPostgresCatalog, PostgresCatalog
from .introspector import (
    AsyncPostgresIntrospector,
    AsyncPostgresIntrospectorMixin,
    PostgresIntrospectorMixin,
    SyncPostgresIntrospector,
)

__all__ = [
    "QUERIES",
    "AsyncPostgresCatalog",
    "AsyncPostgresIntrospector",
    "AsyncPostgresIntrospectorMixin",
    "PostgresCatalog",
    "PostgresIntrospectorMixin",
    "SyncPostgresIntrospector",
]
