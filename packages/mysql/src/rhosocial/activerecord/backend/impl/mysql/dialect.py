"""MySQL dialect, and MariaDB as its subclass; the server probe picks one (see :func:`dialect_for`).

Every ``supports_*`` answer that is a lookup is an entry of ``SUPPORT_FLAGS`` (support_flags.py): a
constant, or a capability of ``capabilities.py`` answered for the probed flavour and version; nothing
here branches on the flavour.
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
from rhosocial.activerecord.backend.toolkit.support_flags import support_flags

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
    MySQLOperatorMixin,
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
from .support_flags import SUPPORT_FLAGS


@support_flags(SUPPORT_FLAGS, ask="capable", product="MySQL/MariaDB")
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
    MySQLOperatorMixin,
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

    # Lookups are SUPPORT_FLAGS entries; a question answered from others stays here.
    def supports_returning_clause(self) -> bool:
        return self.supports_returning_insert() or self.supports_returning_delete()

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
