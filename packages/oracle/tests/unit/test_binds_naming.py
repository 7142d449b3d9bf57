"""Bind numbering, alias normalisation and the identifier case policy."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.impl.oracle.binds import OutBind, split_out_binds, to_oracle_sql
from rhosocial.activerecord.backend.impl.oracle.naming import from_oracle, quote, to_oracle


@pytest.mark.parametrize(
    ("core", "oracle"),
    [
        ("SELECT ? FROM DUAL", "SELECT :1 FROM DUAL"),
        ("a = ? AND b = ?", "a = :1 AND b = :2"),
        ("x = '?' AND y = ?", "x = '?' AND y = :1"),
        ("x = 'it''s ?' AND y = ?", "x = 'it''s ?' AND y = :1"),
        ('SELECT "a?b" FROM t WHERE c = ?', 'SELECT "a?b" FROM t WHERE c = :1'),
        ("SELECT 1 -- ?\nFROM t WHERE a = ?", "SELECT 1 -- ?\nFROM t WHERE a = :1"),
        ("SELECT /* ? */ a FROM t WHERE b = ?", "SELECT /* ? */ a FROM t WHERE b = :1"),
        ("SELECT 1 FROM t -- trailing ?", "SELECT 1 FROM t -- trailing ?"),
        ("SELECT 1 /* unterminated ?", "SELECT 1 /* unterminated ?"),
        ("SELECT 'unterminated ?", "SELECT 'unterminated ?"),
        ('SELECT a AS "x" FROM (SELECT 1 FROM DUAL) AS "t"', 'SELECT a "x" FROM (SELECT 1 FROM DUAL) "t"'),
        ('SELECT COUNT(*) AS "n", alias AS x FROM t has "h"', 'SELECT COUNT(*) "n", alias AS x FROM t has "h"'),
        ('SELECT a)AS "x"', 'SELECT a) "x"'),
        ("SELECT :1 FROM DUAL", "SELECT :1 FROM DUAL"),
        ('AS "x"', '"x"'),
    ],
)
def test_to_oracle_sql(core, oracle):
    assert to_oracle_sql(core) == oracle


def test_split_out_binds():
    out = OutBind("id", '"ID"', '"T"')
    values, outs = split_out_binds((1, out))
    assert values == [1, out]
    assert outs == [(1, out)]
    assert split_out_binds(None) == ([], [])


@pytest.mark.parametrize(
    ("name", "sent", "read_back"),
    [
        ("users", "USERS", "users"),
        ("created_at", "CREATED_AT", "created_at"),
        ("order", "ORDER", "order"),
        ("CamelCase", "CamelCase", "CamelCase"),
        ("with space", "with space", "with space"),
        ("9lives", "9lives", "9lives"),
    ],
)
def test_case_policy_round_trips(name, sent, read_back):
    assert to_oracle(name) == sent
    assert from_oracle(sent) == read_back


def test_quote_escapes():
    assert quote('we"ird') == '"we""ird"'
    assert quote("user") == '"USER"'
