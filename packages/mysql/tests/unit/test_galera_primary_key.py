"""The client-side primary key check for Galera (galera.py), on CREATE TABLE built through our DDL
(tests/topologies/test_galera.py runs it against the cluster)."""

from __future__ import annotations

import warnings

import pytest

from rhosocial.activerecord.backend.expression.statements import (
    ColumnConstraint,
    ColumnConstraintType,
    ColumnDefinition,
    CreateTableExpression,
    TableConstraint,
    TableConstraintType,
)
from rhosocial.activerecord.backend.expression.types import IntegerType
from rhosocial.activerecord.backend.impl.mysql import MySQLConnectionConfig
from rhosocial.activerecord.backend.impl.mysql.dialect import MariaDBDialect
from rhosocial.activerecord.backend.impl.mysql.galera import (
    MissingPrimaryKeyError,
    MissingPrimaryKeyWarning,
    policy_for,
)
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError


def create(dialect, name="t", pk=None, **options):
    column_pk = [ColumnConstraint(ColumnConstraintType.PRIMARY_KEY)] if pk == "column" else []
    table_pk = [TableConstraint(TableConstraintType.PRIMARY_KEY, columns=["a"])] if pk == "table" else []
    columns = [ColumnDefinition("a", IntegerType(), constraints=column_pk), ColumnDefinition("b", IntegerType())]
    return CreateTableExpression(dialect, name, columns, table_constraints=table_pk, **options)


def dialect(policy):
    d = MariaDBDialect((10, 11, 0))
    d.primary_key_policy = policy
    return d


def test_policy_defaults_to_warn_for_a_galera_session_only():
    assert policy_for(MySQLConnectionConfig()) is None
    assert policy_for(MySQLConnectionConfig(wsrep_sync_wait=1)) == "warn"
    assert policy_for(MySQLConnectionConfig(wsrep_sync_wait=1, require_primary_key="off")) is None
    assert policy_for(MySQLConnectionConfig(require_primary_key="error")) == "error"
    with pytest.raises(ConfigurationError, match="require_primary_key"):
        MySQLConnectionConfig(require_primary_key="strict")


def test_warn_names_the_table_and_the_reason_and_still_renders():
    with pytest.warns(MissingPrimaryKeyWarning, match=r"table 'orders' has no PRIMARY KEY: Galera replicates rows"):
        sql, _ = create(dialect("warn"), "orders").to_sql()
    assert sql.startswith("CREATE TABLE")


def test_error_refuses_before_rendering():
    with pytest.raises(MissingPrimaryKeyError, match=r"table 'orders' has no PRIMARY KEY.*require_primary_key='error'"):
        create(dialect("error"), "orders").to_sql()


@pytest.mark.parametrize(
    "build",
    [
        lambda d: create(d, pk="column"),
        lambda d: create(d, pk="table"),
        lambda d: create(d, temporary=True),
        lambda d: CreateTableExpression(d, "t", [], dialect_options={"like_table": "src"}),
    ],
)
def test_tables_with_a_key_temporary_and_like_pass(build):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        build(dialect("error")).to_sql()


def test_no_policy_no_check():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        create(dialect(None)).to_sql()
