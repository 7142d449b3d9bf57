"""Oracle overrides of the core's dialect mixins, one concern per module."""

from .dml import OracleDMLMixin
from .dql import OracleDQLMixin
from .explain import OracleExplainMixin
from .functions import OracleFunctionMixin
from .identifier import OracleIdentifierMixin
from .predicate import OraclePredicateMixin
from .transaction import OracleTransactionMixin
from .types import OracleTypeMixin

__all__ = [
    "OracleDMLMixin",
    "OracleDQLMixin",
    "OracleExplainMixin",
    "OracleFunctionMixin",
    "OracleIdentifierMixin",
    "OraclePredicateMixin",
    "OracleTransactionMixin",
    "OracleTypeMixin",
]
