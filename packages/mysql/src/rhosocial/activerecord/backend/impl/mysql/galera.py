"""Galera: a CREATE TABLE without a primary key, warned about or refused on the client.

Galera replicates row events and applies them on the other nodes by key: a table without a primary key
makes every replicated UPDATE/DELETE scan the table on each node (and rows that are exact duplicates may
be applied to the wrong one), and certification cannot tell which rows two transactions touched.
``wsrep_mode = REQUIRED_PRIMARY_KEY`` makes the server refuse such tables; this module says so on the
client, before anything is sent, for CREATE TABLE built through our DDL (``CreateTableExpression``).

``MySQLConnectionConfig.require_primary_key``: ``"warn"`` (a ``MissingPrimaryKeyWarning`` naming the
table and the reason; the statement is still rendered), ``"error"`` (``MissingPrimaryKeyError``, nothing
rendered), ``"off"``. Unset, it is ``"warn"`` for a Galera session (one configured with
``wsrep_sync_wait``) and off otherwise. TEMPORARY tables (never replicated) and ``CREATE TABLE ... LIKE``
(the copy has the source's keys) are not checked.
"""

from __future__ import annotations

import warnings
from typing import Any, Optional

from rhosocial.activerecord.backend.errors import QueryError

POLICIES = ("warn", "error", "off")

_REASON = (
    "Galera replicates rows by key: without a primary key every replicated UPDATE/DELETE scans the table on "
    "each node and certification cannot detect conflicting writes (wsrep_mode=REQUIRED_PRIMARY_KEY refuses it)"
)


class MissingPrimaryKeyWarning(UserWarning):
    """A CREATE TABLE for a Galera cluster has no primary key."""


class MissingPrimaryKeyError(QueryError):
    """A CREATE TABLE for a Galera cluster has no primary key and ``require_primary_key="error"``."""


def policy_for(config: Any) -> Optional[str]:
    """The policy a backend with ``config`` applies (None: no check)."""
    chosen = getattr(config, "require_primary_key", None)
    if chosen is None:
        chosen = "warn" if getattr(config, "wsrep_sync_wait", None) is not None else "off"
    return None if chosen == "off" else chosen


def has_primary_key(expr: Any) -> bool:
    from rhosocial.activerecord.backend.expression.statements import ColumnConstraintType, TableConstraintType

    if any(c.constraint_type == TableConstraintType.PRIMARY_KEY for c in expr.table_constraints):
        return True
    return any(
        constraint.constraint_type == ColumnConstraintType.PRIMARY_KEY
        for column in expr.columns
        for constraint in column.constraints
    )


def check_create_table(expr: Any, policy: Optional[str]) -> None:
    """Warn about or refuse ``expr`` (a CreateTableExpression) when it creates a table without a primary key."""
    if policy is None or expr.temporary or expr.dialect_options.get("like_table") or has_primary_key(expr):
        return
    message = f"table {expr.table_name!r} has no PRIMARY KEY: {_REASON}"
    if policy == "error":
        raise MissingPrimaryKeyError(f"{message}; refused before sending (require_primary_key='error')")
    warnings.warn(f"{message}; add one, or require_primary_key='off'", MissingPrimaryKeyWarning, stacklevel=4)
