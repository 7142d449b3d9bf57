"""The core's introspection capability flags, answered for ``backend.introspector`` (introspection/)."""

from __future__ import annotations

from rhosocial.activerecord.backend.introspection.types import IntrospectionScope

# information_schema serves every one of these on MySQL and MariaDB.
_SCOPES = [
    IntrospectionScope.DATABASE,
    IntrospectionScope.SCHEMA,
    IntrospectionScope.TABLE,
    IntrospectionScope.COLUMN,
    IntrospectionScope.INDEX,
    IntrospectionScope.FOREIGN_KEY,
    IntrospectionScope.VIEW,
    IntrospectionScope.TRIGGER,
]


class MySQLIntrospectionFlagsMixin:
    def capable(self, name: str) -> bool:
        raise NotImplementedError  # the dialect's capability table

    def supports_introspection(self) -> bool:
        return True

    def supports_database_info(self) -> bool:
        return True

    def supports_table_introspection(self) -> bool:
        return True

    def supports_column_introspection(self) -> bool:
        return True

    def supports_index_introspection(self) -> bool:
        return True

    def supports_foreign_key_introspection(self) -> bool:
        return True

    def supports_view_introspection(self) -> bool:
        return True

    def supports_trigger_introspection(self) -> bool:
        return True

    def supports_partition_info(self) -> bool:
        return True  # introspector.list_partitions()

    def get_supported_introspection_scopes(self) -> list[IntrospectionScope]:
        scopes = list(_SCOPES)
        if self.capable("sequences"):
            scopes.append(IntrospectionScope.SEQUENCE)
        return scopes
