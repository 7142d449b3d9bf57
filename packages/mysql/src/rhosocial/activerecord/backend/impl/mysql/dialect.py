"""MySQL dialect, and MariaDB as its subclass; the server probe picks one (see :func:`dialect_for`).

Every ``supports_*`` answer that depends on the server comes from the capability table in
``capabilities.py`` for the probed flavour and version; nothing here branches on the flavour.
"""

from __future__ import annotations

from typing import Any, Optional, Union

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.dialect.mixins import QualifyClauseMixin, TemporalTableMixin
from rhosocial.activerecord.backend.dialect.protocols import (
    PartitionSupport,
    QualifyClauseSupport,
    TemporalTableSupport,
)
from rhosocial.activerecord.backend.toolkit.capabilities import UnsupportedCapabilityError
from rhosocial.activerecord.backend.toolkit.dialect_bases import (
    CoreDialectMixins,
    CoreDialectProtocols,
    SchemaDialectMixins,
    SchemaDialectProtocols,
)
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, format_version, target_server
from rhosocial.activerecord.backend.toolkit.probe import server_label as _server_label

from .capabilities import CAPABILITIES, MARIADB, MYSQL
from .mixins import (
    MySQLAlterModifierMixin,
    MySQLCollationMixin,
    MySQLDMLMixin,
    MySQLExplainMixin,
    MySQLExtraTypeMixin,
    MySQLFunctionMixin,
    MySQLGroupingMixin,
    MySQLHintMixin,
    MySQLILIKEMixin,
    MySQLIndexMixin,
    MySQLIntrospectionFlagsMixin,
    MySQLLockingMixin,
    MySQLObjectDDLMixin,
    MySQLPartitionMixin,
    MySQLQuerySourceMixin,
    MySQLRefusalMixin,
    MySQLSequenceMixin,
    MySQLSyntaxMixin,
    MySQLSystemVersioningMixin,
    MySQLTableDDLMixin,
    MySQLTransactionMixin,
    MySQLTriggerMixin,
    MySQLTypeMixin,
)
from .mixins.explain import MariaDBExplainMixin
from .mixins.sequence import MariaDBSequenceMixin
from .mixins.system_versioning import MariaDBSystemVersioningMixin


class MySQLDialect(
    # Our overrides first so they win over the generic mixins.
    MySQLSyntaxMixin,
    MySQLSystemVersioningMixin,
    MySQLDMLMixin,
    MySQLLockingMixin,
    MySQLExplainMixin,
    MySQLTransactionMixin,
    MySQLFunctionMixin,
    MySQLGroupingMixin,
    MySQLHintMixin,
    MySQLILIKEMixin,
    MySQLAlterModifierMixin,
    MySQLTableDDLMixin,
    MySQLObjectDDLMixin,
    MySQLPartitionMixin,
    MySQLIndexMixin,
    MySQLSequenceMixin,
    MySQLQuerySourceMixin,
    MySQLCollationMixin,
    MySQLTriggerMixin,
    MySQLRefusalMixin,
    MySQLExtraTypeMixin,
    MySQLTypeMixin,
    MySQLIntrospectionFlagsMixin,
    CoreDialectMixins,
    SchemaDialectMixins,
    QualifyClauseMixin,
    TemporalTableMixin,
    # Protocols (structural declarations the compliance suite checks with isinstance)
    CoreDialectProtocols,
    SchemaDialectProtocols,
    PartitionSupport,
    QualifyClauseSupport,
    TemporalTableSupport,
):
    """SQL for MySQL 8.0 / 8.4 / 9.x, answering capabilities for the probed server."""

    flavour = MYSQL
    # Assumed until a connection probes the server: the oldest supported version.
    default_version: tuple[int, int, int] = (8, 0, 0)

    def __init__(
        self, server: Union[ServerInfo, tuple[int, ...], None] = None, *, version: Optional[tuple[int, ...]] = None
    ) -> None:
        """``server`` is a probe result; offline, a version tuple (``MySQLDialect((8, 0, 36))``) or ``version=``."""
        super().__init__()
        assumed = ServerInfo("mysql", self.flavour, self.default_version, "assumed")
        self.server = target_server(server, version, assumed=assumed)
        self._version = self.server.version

    @property
    def name(self) -> str:
        return "MySQL"

    server_label = property(_server_label)

    @property
    def version(self) -> tuple[int, int, int]:
        return self.server.version  # type: ignore[return-value]

    @version.setter
    def version(self, value: tuple[int, ...]) -> None:
        self.server = ServerInfo(self.server.product, self.server.flavour, tuple(value), self.server.version_string)

    # -- capability gates ---------------------------------------------------------------
    def capable(self, name: str) -> bool:
        return CAPABILITIES.supports(self.server, name)

    def require(self, name: str) -> None:
        reason = CAPABILITIES.get(name).check(self.server)
        if reason is not None:
            if "found" not in reason:  # name the server that lacks it, not only the flavour
                reason = f"{reason} ({self.name} {format_version(self.server.version)})"
            raise UnsupportedCapabilityError(self.name, name, reason)

    def capability_report(self) -> dict[str, Optional[str]]:
        return CAPABILITIES.report(self.server)

    # CTE and window functions
    def supports_basic_cte(self) -> bool:
        return self.capable("cte")

    def supports_recursive_cte(self) -> bool:
        return self.capable("cte")

    def supports_materialized_cte(self) -> bool:
        return False

    def supports_window_functions(self) -> bool:
        return self.capable("window_functions")

    def supports_window_frame_clause(self) -> bool:
        return self.capable("window_functions")

    # RETURNING
    def supports_returning_insert(self) -> bool:
        return self.capable("returning_insert")

    def supports_returning_update(self) -> bool:
        return False

    def supports_returning_delete(self) -> bool:
        return self.capable("returning_delete")

    def supports_returning_clause(self) -> bool:
        return self.supports_returning_insert() or self.supports_returning_delete()

    # JSON
    def supports_json_type(self) -> bool:
        return self.capable("json_type")

    def supports_json_arrow_operators(self) -> bool:
        return self.capable("json_arrow")

    def supports_json_table(self) -> bool:
        return self.capable("json_table")

    # Joins and set operations
    def supports_right_join(self) -> bool:
        return True

    def supports_explicit_inner_join(self) -> bool:
        return True

    def supports_full_join(self) -> bool:
        return False

    def supports_lateral_join(self) -> bool:
        return self.capable("lateral_join")

    def supports_union(self) -> bool:
        return True

    def supports_union_all(self) -> bool:
        return True

    def supports_intersect(self) -> bool:
        return self.capable("intersect_except")

    def supports_except(self) -> bool:
        return self.capable("intersect_except")

    def supports_set_operation_order_by(self) -> bool:
        return True

    def supports_set_operation_limit_offset(self) -> bool:
        return True

    def supports_set_operation_for_update(self) -> bool:
        return False

    def supports_table_tablespace(self) -> bool:
        return self.capable("table_tablespace")

    def format_set_operation_expression(self, left: Any, right: Any, operation: str, *rest: Any) -> tuple[str, tuple]:
        # rest: alias, all_, order_by, limit_offset, for_update (the core passes them by position).
        # A trailing FOR UPDATE would bind to the last SELECT only: refuse it rather than lock less.
        if len(rest) > 4 and rest[4] is not None:
            raise UnsupportedFeatureError(
                self.server_label, f"{operation} ... FOR UPDATE", "lock the rows of each SELECT instead."
            )
        return super().format_set_operation_expression(left, right, operation, *rest)

    # Grouping and aggregates MySQL does not have in the portable spelling
    def supports_rollup(self) -> bool:
        return True  # rendered as GROUP BY ... WITH ROLLUP (mixins/grouping.py)

    def supports_cube(self) -> bool:
        return False

    def supports_grouping_sets(self) -> bool:
        return False

    def supports_filter_clause(self) -> bool:
        return False

    def supports_ordered_set_aggregation(self) -> bool:
        return False

    def supports_qualify_clause(self) -> bool:
        return False

    def supports_merge_statement(self) -> bool:
        return False

    def supports_array_type(self) -> bool:
        return False

    def supports_array_constructor(self) -> bool:
        return False

    def supports_array_access(self) -> bool:
        return False

    # DDL
    def supports_if_not_exists_table(self) -> bool:
        return True

    def supports_if_exists_table(self) -> bool:
        return True

    def supports_table_like_syntax(self) -> bool:
        return True

    def supports_check_constraint(self) -> bool:
        return self.capable("check_constraints")

    def supports_fk_match(self) -> bool:
        return False

    def supports_deferrable_constraint(self) -> bool:
        return False

    def supports_constraint_enforced(self) -> bool:
        return False

    def supports_index_if_not_exists(self) -> bool:
        return self.capable("if_not_exists_index")

    def supports_index_if_exists(self) -> bool:
        return self.capable("if_not_exists_index")

    def supports_functional_index(self) -> bool:
        return self.capable("functional_index")

    def supports_index_type(self) -> bool:
        return True

    def supports_fulltext_index(self) -> bool:
        return True

    def supports_generated_columns(self) -> bool:
        return self.capable("generated_columns")

    def supports_stored_generated_columns(self) -> bool:
        return self.capable("generated_columns")

    def supports_virtual_generated_columns(self) -> bool:
        return self.capable("generated_columns")

    def supports_or_replace_view(self) -> bool:
        return True

    def supports_if_exists_view(self) -> bool:
        return True

    def supports_view_check_option(self) -> bool:
        return True

    def supports_create_schema(self) -> bool:
        return True  # a schema is a database

    def supports_drop_schema(self) -> bool:
        return True

    def supports_schema_if_not_exists(self) -> bool:
        return True

    def supports_schema_if_exists(self) -> bool:
        return True

    def supports_truncate(self) -> bool:
        return True

    def statement_timeout_assignment(self, seconds: float) -> tuple[str, Any]:
        """Session assignment capping statement run time (MySQL: ms, SELECT only)."""
        return "max_execution_time = %s", max(1, int(seconds * 1000))

    def format_grouping_expression(self, operation: str, _expressions: list) -> tuple[str, tuple]:
        raise UnsupportedFeatureError(
            self.server_label,
            f"{operation} grouping",
            "MySQL/MariaDB only offer GROUP BY ... WITH ROLLUP (rollup() as the whole GROUP BY).",
        )


class MariaDBDialect(MariaDBExplainMixin, MariaDBSequenceMixin, MariaDBSystemVersioningMixin, MySQLDialect):
    """MariaDB 10.6 / 10.11 / 11.x: same syntax family, its own capability column."""

    flavour = MARIADB
    default_version = (10, 6, 0)

    @property
    def name(self) -> str:
        return "MariaDB"

    def statement_timeout_assignment(self, seconds: float) -> tuple[str, Any]:
        # MariaDB: seconds, fractional allowed, every statement kind.
        return "max_statement_time = %s", float(seconds)


DIALECTS: dict[str, type[MySQLDialect]] = {MYSQL: MySQLDialect, MARIADB: MariaDBDialect}


def dialect_for(server: ServerInfo) -> MySQLDialect:
    """The dialect class registered for the probed flavour (unknown MySQL-compatibles speak MySQL)."""
    return DIALECTS.get(server.flavour, MySQLDialect)(server)


__all__ = ["DIALECTS", "MariaDBDialect", "MySQLDialect", "dialect_for"]
