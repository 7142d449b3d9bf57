"""The core's standard-SQL mixins and protocols, grouped once for every backend's dialect class.

A dialect lists its own overrides first, then these groups: ``CoreDialectMixins`` (what every
backend renders with the core's standard SQL) and, for the PostgreSQL/MySQL families, the
``SchemaDialectMixins`` they add; the protocol groups come last, for the compliance suite's
``isinstance()`` checks. None of the core mixins grouped here defines a name another one defines,
so their order inside a group does not change which method wins.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.dialect.base import SQLDialectBase
from rhosocial.activerecord.backend.dialect.mixins import (
    AdvancedGroupingMixin,
    ArrayMixin,
    CollationMixin,
    ConstraintMixin,
    CTEMixin,
    DateTimeMixin,
    DDLColumnMixin,
    DMLMixin,
    DQLMixin,
    ExplainMixin,
    ExpressionMixin,
    FilterClauseMixin,
    GeneratedColumnMixin,
    IdentifierMixin,
    ILIKEMixin,
    IndexMixin,
    JoinMixin,
    JSONMixin,
    LateralJoinMixin,
    LockingMixin,
    MergeMixin,
    OrderedSetAggregationMixin,
    PredicateMixin,
    ReturningMixin,
    SchemaMixin,
    SequenceMixin,
    SetOperationMixin,
    TableMixin,
    TransactionControlMixin,
    TriggerMixin,
    TruncateMixin,
    UpsertMixin,
    ViewMixin,
    WindowFunctionMixin,
)
from rhosocial.activerecord.backend.dialect.protocols import (
    AdvancedGroupingSupport,
    AlterTableModifierSupport,
    ArraySupport,
    CollationSupport,
    ConstraintSupport,
    CTESupport,
    DDLTypeSupport,
    ExplainSupport,
    FilterClauseSupport,
    GeneratedColumnSupport,
    ILIKESupport,
    IndexSupport,
    JoinSupport,
    JSONSupport,
    LateralJoinSupport,
    LockingSupport,
    MergeSupport,
    OrderedSetAggregationSupport,
    ReturningSupport,
    SchemaSupport,
    SequenceSupport,
    SetOperationSupport,
    SQLFunctionSupport,
    TableSupport,
    TransactionControlSupport,
    TriggerSupport,
    TruncateSupport,
    UpsertSupport,
    ViewSupport,
    WildcardSupport,
    WindowFunctionSupport,
)

__all__ = [
    "CoreDialectMixins",
    "CoreDialectProtocols",
    "SchemaDialectMixins",
    "SchemaDialectProtocols",
]


class CoreDialectMixins(
    SQLDialectBase,
    CTEMixin,
    WindowFunctionMixin,
    JSONMixin,
    ReturningMixin,
    AdvancedGroupingMixin,
    ExplainMixin,
    LockingMixin,
    MergeMixin,
    UpsertMixin,
    JoinMixin,
    FilterClauseMixin,
    TableMixin,
    ConstraintMixin,
    IndexMixin,
    SequenceMixin,
    ViewMixin,
    PredicateMixin,
    ExpressionMixin,
    DQLMixin,
    IdentifierMixin,
    DateTimeMixin,
    DDLColumnMixin,
    DMLMixin,
    TransactionControlMixin,
    SetOperationMixin,
):
    """The dialect base and the standard-SQL mixins every backend (Oracle included) uses."""


class SchemaDialectMixins(
    CollationMixin,
    ArrayMixin,
    OrderedSetAggregationMixin,
    LateralJoinMixin,
    TruncateMixin,
    SchemaMixin,
    GeneratedColumnMixin,
    TriggerMixin,
    ILIKEMixin,
):
    """Standard-SQL mixins the PostgreSQL and MySQL families add (schemas, triggers, arrays, ILIKE, ...)."""


class CoreDialectProtocols(
    CTESupport,
    WindowFunctionSupport,
    JSONSupport,
    ReturningSupport,
    AdvancedGroupingSupport,
    ExplainSupport,
    LockingSupport,
    MergeSupport,
    UpsertSupport,
    JoinSupport,
    SetOperationSupport,
    TableSupport,
    ConstraintSupport,
    IndexSupport,
    SequenceSupport,
    ViewSupport,
    TransactionControlSupport,
    DDLTypeSupport,
):
    """The protocols every backend's dialect declares."""


class SchemaDialectProtocols(
    AlterTableModifierSupport,
    CollationSupport,
    WildcardSupport,
    LateralJoinSupport,
    ArraySupport,
    FilterClauseSupport,
    OrderedSetAggregationSupport,
    ILIKESupport,
    TruncateSupport,
    SchemaSupport,
    TriggerSupport,
    GeneratedColumnSupport,
    SQLFunctionSupport,
):
    """The protocols the PostgreSQL and MySQL families add."""
