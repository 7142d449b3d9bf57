"""Overrides of the core's dialect mixins where MySQL/MariaDB syntax differs (one concern per module)."""

from .collation import MySQLCollationMixin
from .ddl_alter import MySQLAlterModifierMixin
from .ddl_index import MySQLIndexMixin
from .ddl_objects import MySQLObjectDDLMixin
from .ddl_table import MySQLTableDDLMixin
from .dml import MySQLDMLMixin
from .explain import MySQLExplainMixin
from .functions import MySQLFunctionMixin
from .grouping import MySQLGroupingMixin
from .hints import MySQLHintMixin
from .ilike import MySQLILIKEMixin
from .introspection import MySQLIntrospectionFlagsMixin
from .locking import MySQLLockingMixin
from .operators import MySQLOperatorMixin
from .partition import MySQLPartitionMixin
from .query_sources import MySQLQuerySourceMixin
from .refusals import MySQLRefusalMixin
from .sequence import MariaDBSequenceMixin, MySQLSequenceMixin
from .syntax import MySQLSyntaxMixin
from .system_versioning import MariaDBSystemVersioningMixin, MySQLSystemVersioningMixin
from .transaction import MySQLTransactionMixin
from .trigger import MySQLTriggerMixin
from .types import MySQLExtraTypeMixin, MySQLTypeMixin

__all__ = [
    "MariaDBSequenceMixin",
    "MariaDBSystemVersioningMixin",
    "MySQLAlterModifierMixin",
    "MySQLCollationMixin",
    "MySQLDMLMixin",
    "MySQLExplainMixin",
    "MySQLExtraTypeMixin",
    "MySQLFunctionMixin",
    "MySQLGroupingMixin",
    "MySQLHintMixin",
    "MySQLILIKEMixin",
    "MySQLIndexMixin",
    "MySQLIntrospectionFlagsMixin",
    "MySQLLockingMixin",
    "MySQLObjectDDLMixin",
    "MySQLOperatorMixin",
    "MySQLPartitionMixin",
    "MySQLQuerySourceMixin",
    "MySQLRefusalMixin",
    "MySQLSequenceMixin",
    "MySQLSyntaxMixin",
    "MySQLSystemVersioningMixin",
    "MySQLTableDDLMixin",
    "MySQLTransactionMixin",
    "MySQLTriggerMixin",
    "MySQLTypeMixin",
]
