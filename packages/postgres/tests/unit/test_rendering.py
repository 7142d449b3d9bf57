"""SQL the dialect renders where PostgreSQL differs from the core's standard forms."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.expression.transaction import BeginTransactionExpression, SetTransactionExpression
from rhosocial.activerecord.backend.impl.postgres.dialect import PostgresDialect
from rhosocial.activerecord.backend.impl.postgres.mixins.json import path_elements, path_literal
from rhosocial.activerecord.backend.transaction import IsolationLevel


@pytest.fixture
def dialect() -> PostgresDialect:
    return PostgresDialect()


def test_placeholder_and_quoting(dialect):
    assert dialect.get_parameter_placeholder() == "%s"
    assert dialect.format_identifier('we"ird') == '"we""ird"'


def test_begin_with_isolation_read_only_deferrable(dialect):
    expr = BeginTransactionExpression(dialect).isolation_level(IsolationLevel.SERIALIZABLE).read_only().deferrable()
    assert expr.to_sql() == ("BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY DEFERRABLE", ())


def test_plain_begin(dialect):
    assert BeginTransactionExpression(dialect).to_sql() == ("BEGIN", ())


def test_set_session_characteristics(dialect):
    expr = SetTransactionExpression(dialect).isolation_level(IsolationLevel.REPEATABLE_READ).session()
    assert expr.to_sql()[0] == "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ"


@pytest.mark.parametrize(
    ("path", "elements"),
    [("$.a", ["a"]), ("$.a.b", ["a", "b"]), ("$.tags[0]", ["tags", "0"]), ('$."x y"', ["x y"]), ("name", ["name"])],
)
def test_json_paths(path, elements):
    assert path_elements(path) == elements


def test_json_path_literal_quotes_odd_keys():
    assert path_literal(["a", "x y", "it's"]) == "'{a,\"x y\",it''s}'"


def test_json_arrow_renders_path_operators(dialect):
    from rhosocial.activerecord.backend.expression import Column
    from rhosocial.activerecord.backend.expression.advanced_functions import JSONExpression

    expr = JSONExpression(dialect, Column(dialect, "settings"), "$.theme", operation="->>")
    assert expr.to_sql() == ("(\"settings\")::jsonb #>> '{theme}'", ())


def test_bad_json_path_is_rejected():
    with pytest.raises(ValueError, match="unsupported JSON path"):
        path_elements("$..a")
