"""The introspection scopes the dialect reports for ``backend.introspector`` (the flags: support_flags.py)."""

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

    def get_supported_introspection_scopes(self) -> list[IntrospectionScope]:
        scopes = list(_SCOPES)
        if self.capable("sequences"):
            scopes.append(IntrospectionScope.SEQUENCE)
        return scopes
