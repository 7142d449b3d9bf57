"""Overrides of the core's dialect mixins where MySQL/MariaDB syntax differs (one concern per module)."""

from .ddl_alter import MySQLAlterModifierMixin
from .dml import MySQLDMLMixin
from .explain import MySQLExplainMixin
from .functions import MySQLFunctionMixin
from .ilike import MySQLILIKEMixin
from .locking import MySQLLockingMixin
from .syntax import MySQLSyntaxMixin
from .transaction import MySQLTransactionMixin
from .types import MySQLTypeMixin

__all__ = [
    "MySQLAlterModifierMixin",
    "MySQLDMLMixin",
    "MySQLExplainMixin",
    "MySQLFunctionMixin",
    "MySQLILIKEMixin",
    "MySQLLockingMixin",
    "MySQLSyntaxMixin",
    "MySQLTransactionMixin",
    "MySQLTypeMixin",
]
