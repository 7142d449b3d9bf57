"""Features gated by the server's version, rendered against each grammar and refused below it.

MySQL's ``->``/``->>``, INTERSECT/EXCEPT (8.0.31+), INVISIBLE columns (8.0.23+ / MariaDB 10.3.3+),
VECTOR (MySQL 9.0+ / MariaDB 11.7+), FOR SYSTEM_TIME before a table alias, and the WKB builders.
Expected SQL follows the MySQL 8.0/9.0 and MariaDB reference manuals.
"""

from __future__ import annotations

import struct
from datetime import datetime

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import Column, JSONExpression, TableExpression
from rhosocial.activerecord.backend.expression import statements as st
from rhosocial.activerecord.backend.expression.query_parts import JoinExpression
from rhosocial.activerecord.backend.expression.query_sources import SetOperationExpression
from rhosocial.activerecord.backend.expression.statements import QueryExpression
from rhosocial.activerecord.backend.expression.types import IntegerType
from rhosocial.activerecord.backend.impl.mysql import MariaDBDialect, MySQLDialect
from rhosocial.activerecord.backend.impl.mysql.spatial import WKBAdapter, as_wkb, geom_from_wkb
from rhosocial.activerecord.backend.impl.mysql.types import VectorType
from rhosocial.activerecord.backend.impl.mysql.vector import (
    VectorAdapter,
    to_vector,
    vector_distance,
    vector_text,
)
from rhosocial.activerecord.backend.toolkit.capabilities import UnsupportedCapabilityError

MYSQL_8031, MYSQL_8030 = MySQLDialect((8, 0, 31)), MySQLDialect((8, 0, 30))
MARIADB = MariaDBDialect((10, 11, 0))


def _select(d, source="a"):
    return QueryExpression(d, [Column(d, "v")], from_=source)


# -- JSON path operators ------------------------------------------------------------------------
def test_mysql_writes_the_arrow_operators():
    d = MYSQL_8031
    assert JSONExpression(d, Column(d, "doc"), "$.a", "->").to_sql() == ("`doc`->'$.a'", ())
    assert JSONExpression(d, Column(d, "doc"), "$.a", "->>").to_sql() == ("`doc`->>'$.a'", ())


def test_mariadb_writes_functions_and_refuses_forced_arrows_naming_the_version():
    d = MARIADB
    assert JSONExpression(d, Column(d, "doc"), "$.a", "->").to_sql() == ("JSON_EXTRACT(`doc`, '$.a')", ())
    assert JSONExpression(d, Column(d, "doc"), "$.a", "->>").to_sql() == (
        "JSON_UNQUOTE(JSON_EXTRACT(`doc`, '$.a'))",
        (),
    )
    with pytest.raises(UnsupportedCapabilityError, match=r"json_arrow.*10\.11\.0"):
        JSONExpression(d, Column(d, "doc"), "$.a", "->", mode="arrow").to_sql()


# -- INTERSECT / EXCEPT ---------------------------------------------------------------------------
@pytest.mark.parametrize("operation", ["INTERSECT", "EXCEPT"])
def test_set_operations_render_from_mysql_8_0_31(operation):
    d = MYSQL_8031
    sql, _ = SetOperationExpression(d, _select(d, "a"), _select(d, "b"), operation).to_sql()
    assert sql == f"SELECT `v` FROM `a` {operation} SELECT `v` FROM `b`"
    sql, _ = SetOperationExpression(d, _select(d, "a"), _select(d, "b"), operation, all_=True).to_sql()
    assert sql == f"SELECT `v` FROM `a` {operation} ALL SELECT `v` FROM `b`"


@pytest.mark.parametrize("operation", ["INTERSECT", "EXCEPT"])
def test_set_operations_refused_below(operation):
    d = MYSQL_8030
    assert not d.supports_intersect()
    assert not d.supports_except()
    with pytest.raises(UnsupportedCapabilityError, match=r"intersect_except.*8\.0\.30"):
        SetOperationExpression(d, _select(d, "a"), _select(d, "b"), operation).to_sql()
    old = MariaDBDialect((10, 4, 0))  # MariaDB: DISTINCT forms from 10.3, ALL from 10.5
    SetOperationExpression(old, _select(old, "a"), _select(old, "b"), operation).to_sql()
    with pytest.raises(UnsupportedCapabilityError, match=r"intersect_except_all.*10\.4\.0"):
        SetOperationExpression(old, _select(old, "a"), _select(old, "b"), operation, all_=True).to_sql()


# -- INVISIBLE columns ----------------------------------------------------------------------------
def _invisible_table(d):
    hidden = st.ColumnDefinition("h", IntegerType(), dialect_options={"invisible": True}, comment="internal")
    return st.CreateTableExpression(d, "t", [st.ColumnDefinition("id", IntegerType()), hidden])


@pytest.mark.parametrize("dialect", [MySQLDialect((8, 0, 23)), MariaDBDialect((10, 3, 3))])
def test_invisible_column(dialect):
    assert _invisible_table(dialect).to_sql() == (
        "CREATE TABLE `t` (`id` INT, `h` INT INVISIBLE COMMENT 'internal')",
        (),
    )


@pytest.mark.parametrize("dialect", [MySQLDialect((8, 0, 22)), MariaDBDialect((10, 2, 0))])
def test_invisible_column_refused_below(dialect):
    with pytest.raises(UnsupportedCapabilityError, match="invisible_columns"):
        _invisible_table(dialect).to_sql()


# -- VECTOR ---------------------------------------------------------------------------------------
def test_vector_in_mariadbs_grammar():
    d = MariaDBDialect((11, 7, 0))
    create = st.CreateTableExpression(d, "t", [st.ColumnDefinition("v", VectorType(3))])
    assert create.to_sql() == ("CREATE TABLE `t` (`v` VECTOR(3))", ())
    assert to_vector(d, [1, 2.5, 3]).to_sql() == ("VEC_FROMTEXT(%s)", ("[1.0, 2.5, 3.0]",))
    assert vector_text(d, Column(d, "v")).to_sql() == ("VEC_TOTEXT(`v`)", ())
    near = vector_distance(d, Column(d, "v"), to_vector(d, [0, 0, 1]), "cosine")
    assert near.to_sql() == ("VEC_DISTANCE_COSINE(`v`, VEC_FROMTEXT(%s))", ("[0.0, 0.0, 1.0]",))
    assert vector_distance(d, Column(d, "v"), Column(d, "w")).to_sql()[0] == "VEC_DISTANCE_EUCLIDEAN(`v`, `w`)"
    options = {"m": 8, "distance": "cosine"}
    index = st.CreateIndexExpression(d, "ix", "t", ["v"], index_type="VECTOR", dialect_options=options)
    assert index.to_sql() == ("CREATE VECTOR INDEX `ix` ON `t` (`v`) M=8 DISTANCE=cosine", ())
    with pytest.raises(UnsupportedFeatureError, match="ef_search"):
        st.CreateIndexExpression(d, "ix", "t", ["v"], index_type="VECTOR", dialect_options={"ef_search": 1}).to_sql()


def test_vector_in_mysqls_grammar():
    d = MySQLDialect((9, 0, 0))
    create = st.CreateTableExpression(d, "t", [st.ColumnDefinition("v", VectorType(3))])
    assert create.to_sql() == ("CREATE TABLE `t` (`v` VECTOR(3))", ())
    assert to_vector(d, [1, 2]).to_sql() == ("STRING_TO_VECTOR(%s)", ("[1.0, 2.0]",))
    assert vector_text(d, Column(d, "v")).to_sql() == ("VECTOR_TO_STRING(`v`)", ())
    with pytest.raises(UnsupportedFeatureError, match="vector distance"):
        vector_distance(d, Column(d, "v"), Column(d, "w"))
    with pytest.raises(UnsupportedCapabilityError, match="vector_index"):
        st.CreateIndexExpression(d, "ix", "t", ["v"], index_type="VECTOR").to_sql()


@pytest.mark.parametrize(
    ("dialect", "version"), [(MySQLDialect((8, 4, 0)), "8.4.0"), (MariaDBDialect((11, 4, 0)), "11.4.0")]
)
def test_vector_refused_below_naming_the_version(dialect, version):
    with pytest.raises(UnsupportedCapabilityError, match=rf"vector_type.*{version}"):
        st.CreateTableExpression(dialect, "t", [st.ColumnDefinition("v", VectorType(3))]).to_sql()
    with pytest.raises(UnsupportedCapabilityError, match="vector_type"):
        to_vector(dialect, [1.0])


def test_vector_adapter_round_trip():
    adapter = VectorAdapter()
    stored = adapter.to_database([1.0, -2.5, 3.25], bytes)
    assert stored == struct.pack("<3f", 1.0, -2.5, 3.25)
    assert adapter.from_database(stored, list) == [1.0, -2.5, 3.25]
    assert adapter.from_database("[1, 2]", list) == [1.0, 2.0]
    with pytest.raises(ValueError, match="4 bytes per dimension"):
        adapter.from_database(b"\x00\x01\x02", list)


# -- FOR SYSTEM_TIME with an alias ------------------------------------------------------------------
def test_system_time_goes_before_the_alias():
    d = MARIADB
    when = datetime(2024, 1, 1)
    past = TableExpression(d, "t", alias="a", temporal_options={"as_of": when})
    assert _select(d, past).to_sql() == ("SELECT `v` FROM `t` FOR SYSTEM_TIME AS OF TIMESTAMP %s AS `a`", (when,))
    everything = TableExpression(d, "u", alias="b", temporal_options={"all": True})
    join = JoinExpression(d, past, everything, "JOIN", condition=Column(d, "id", "a") == Column(d, "id", "b"))
    sql, params = _select(d, join).to_sql()
    assert sql == (
        "SELECT `v` FROM `t` FOR SYSTEM_TIME AS OF TIMESTAMP %s AS `a` "
        "JOIN `u` FOR SYSTEM_TIME ALL AS `b` ON `a`.`id` = `b`.`id`"
    )
    assert params == (when,)
    assert past.temporal_options == {"as_of": when}
    assert type(past) is TableExpression


# -- WKB ------------------------------------------------------------------------------------------
def test_wkb_builders_and_adapter():
    d = MARIADB
    wkb = struct.pack("<BIdd", 1, 1, 1.5, 2.5)
    assert geom_from_wkb(d, wkb).to_sql() == ("ST_GEOMFROMWKB(CAST(%s AS BINARY))", (wkb,))
    assert geom_from_wkb(d, wkb, srid=4326).to_sql() == ("ST_GEOMFROMWKB(CAST(%s AS BINARY), %s)", (wkb, 4326))
    assert as_wkb(d, Column(d, "g"), alias="w").to_sql() == ("ST_ASWKB(`g`) AS `w`", ())
    adapter = WKBAdapter()
    stored = adapter.to_database(wkb, bytes)
    assert stored == b"\x00\x00\x00\x00" + wkb
    assert adapter.from_database(stored, bytes) == wkb
