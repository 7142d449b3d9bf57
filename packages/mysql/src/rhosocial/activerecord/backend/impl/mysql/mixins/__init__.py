"""Overrides of the core's dialect mixins where MySQL/MariaDB syntax differs (one concern per module)."""

from .collation import MySQLCollationMixin
from .ddl_alter import MySQLAlterModifierMixin
from .ddl_index import MySQLIndexMixin
from .ddl_objects import MySQLObjectDDLMixin
from .ddl_table import MySQLTableDDLMixin
from .dml import MySQLDMLMixin
from .explain import MySQLExplainMixin
from .functions import MySQLFunctionMixin
from .ilike import MySQLILIKEMixin
from .locking import MySQLLockingMixin
from .query_sources import MySQLQuerySourceMixin
from .refusals import MySQLRefusalMixin
from .sequence import MariaDBSequenceMixin, MySQLSequenceMixin
from .syntax import MySQLSyntaxMixin
from .transaction import MySQLTransactionMixin
from .trigger import MySQLTriggerMixin
from .types import MySQLTypeMixin

__all__ = [
    "MariaDBSequenceMixin",
    "MySQLAlterModifierMixin",
    "MySQLCollationMixin",
    "MySQLDMLMixin",
    "MySQLExplainMixin",
    "MySQLFunctionMixin",
    "MySQLILIKEMixin",
    "MySQLIndexMixin",
    "MySQLLockingMixin",
    "MySQLObjectDDLMixin",
    "MySQLQuerySourceMixin",
    "MySQLRefusalMixin",
    "MySQLSequenceMixin",
    "MySQLSyntaxMixin",
    "MySQLTableDDLMixin",
    "MySQLTransactionMixin",
    "MySQLTriggerMixin",
    "MySQLTypeMixin",
]
