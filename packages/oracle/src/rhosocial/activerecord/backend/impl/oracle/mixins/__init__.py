"""Oracle overrides of the core's dialect mixins, one concern per module."""

from .ddl import OracleDDLMixin
from .dml import OracleDMLMixin
from .dql import OracleDQLMixin
from .explain import OracleExplainMixin
from .functions import OracleFunctionMixin
from .identifier import OracleIdentifierMixin
from .merge import OracleMergeMixin
from .predicate import OraclePredicateMixin
from .strict import OracleStrictMixin
from .transaction import OracleTransactionMixin
from .types import OracleTypeMixin

__all__ = [
    "OracleDDLMixin",
    "OracleDMLMixin",
    "OracleDQLMixin",
    "OracleExplainMixin",
    "OracleFunctionMixin",
    "OracleIdentifierMixin",
    "OracleMergeMixin",
    "OraclePredicateMixin",
    "OracleStrictMixin",
    "OracleTransactionMixin",
    "OracleTypeMixin",
]
