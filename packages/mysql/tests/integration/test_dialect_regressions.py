"""Defects of issue #9, each proven through the dialect: statement built from the core's objects,
rendered by our dialect, run live, effect checked. Each test failed before its fix."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import Column, FunctionCall, Literal, Subquery, TableExpression
from rhosocial.activerecord.backend.expression import statements as st
from rhosocial.activerecord.backend.expression.advanced_functions import AnyExpression
from rhosocial.activerecord.backend.expression.functions import strpos
from rhosocial.activerecord.backend.expression.query_sources import (
    JSONTableColumn,
    JSONTableExpression,
    LateralExpression,
)
from rhosocial.activerecord.backend.expression.types import IntegerType, VarCharType

pytestmark = pytest.mark.server

T = "it_reg"


def run(b, expr) -> None:
    sql, params = expr.to_sql()
    b.execute(sql, params)


def rows(b, expr) -> list:
    sql, params = expr.to_sql()
    return b.fetch_all(sql, params)


def create(b, columns, **kw) -> None:
    b.execute(f"DROP TABLE IF EXISTS {T}")
    sql, params = st.CreateTableExpression(b.dialect, T, columns, **kw).to_sql()
    assert params == (), "DDL takes no bind parameters: literals are written into the text"
    b.execute(sql)


def insert(b, names, *values_rows, **kw):
    d = b.dialect
    source = st.ValuesSource(d, [[Literal(d, v) for v in row] for row in values_rows])
    return st.InsertExpression(d, T, source, list(names), **kw)


def select(b, *names, **kw):
    d = b.dialect
    return st.QueryExpression(d, [Column(d, n) for n in names], from_=TableExpression(d, T), **kw)


@pytest.fixture
def b(backend):
    yield backend
    backend.execute(f"DROP TABLE IF EXISTS {T}")


def pk_auto(name="id"):
    pk = st.ColumnConstraint(st.ColumnConstraintType.PRIMARY_KEY, is_auto_increment=True)
    return st.ColumnDefinition(name, IntegerType(), [pk])


def test_auto_increment_assigns_keys(b):
    create(b, [pk_auto(), st.ColumnDefinition("v", IntegerType())])
    run(b, insert(b, ["v"], [10], [20]))
    assert [r["id"] for r in rows(b, select(b, "id"))] == [1, 2]


@pytest.mark.parametrize("kind", [st.GeneratedColumnType.STORED, st.GeneratedColumnType.VIRTUAL])
def test_generated_column_is_computed(b, kind):
    d = b.dialect
    twice = Column(d, "a") * Literal(d, 2)
    create(
        b,
        [
            st.ColumnDefinition("a", IntegerType()),
            st.ColumnDefinition("g", IntegerType(), generated_expression=twice, generated_type=kind),
        ],
    )
    run(b, insert(b, ["a"], [21]))
    assert rows(b, select(b, "g")) == [{"g": 42}]
    extra = b.fetch_one(
        "SELECT extra FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = %s "
        "AND column_name = 'g'",
        (T,),
    )["extra"]
    assert kind.value in extra.upper()


def test_ddl_literals_are_inlined(b):
    d = b.dialect
    positive = st.ColumnConstraint(st.ColumnConstraintType.CHECK, check_condition=Column(d, "n") > Literal(d, 0))
    default = st.ColumnConstraint(st.ColumnConstraintType.DEFAULT, default_value=Literal(d, "it's \\ ok"))
    create(
        b,
        [
            st.ColumnDefinition("n", IntegerType(), [positive]),
            st.ColumnDefinition("s", VarCharType(20), [default]),
        ],
        table_constraints=[
            st.TableConstraint(
                st.TableConstraintType.CHECK, name="small", check_condition=Column(d, "n") < Literal(d, 100)
            )
        ],
    )
    run(b, insert(b, ["n"], [5]))
    assert rows(b, select(b, "n", "s")) == [{"n": 5, "s": "it's \\ ok"}]
    from rhosocial.activerecord.backend.errors import IntegrityError

    for bad in (-1, 100):
        with pytest.raises(IntegrityError):
            run(b, insert(b, ["n"], [bad]))


def _seq(b):
    b.execute("DROP SEQUENCE IF EXISTS it_reg_seq")


def test_sequence_cycle_options_are_mariadb_grammar(b):
    d = b.dialect
    if not d.supports_create_sequence():
        with pytest.raises(UnsupportedFeatureError, match=r"sequence.*mysql"):
            st.CreateSequenceExpression(d, "it_reg_seq").to_sql()
        return
    _seq(b)
    try:
        run(b, st.CreateSequenceExpression(d, "it_reg_seq", start=5, increment=2))
        got = [b.fetch_one("SELECT NEXTVAL(it_reg_seq) AS n")["n"] for _ in range(2)]
        assert got == [5, 7]
        _seq(b)
        run(b, st.CreateSequenceExpression(d, "it_reg_seq", start=1, minvalue=1, maxvalue=2, cycle=True, cache=0))
        got = [b.fetch_one("SELECT NEXTVAL(it_reg_seq) AS n")["n"] for _ in range(3)]
        assert got == [1, 2, 1]
        with pytest.raises(UnsupportedFeatureError, match="ORDER"):
            st.CreateSequenceExpression(d, "it_reg_seq", order=True).to_sql()
    finally:
        _seq(b)


def test_json_table_columns_quoted_once(b):
    d = b.dialect
    if not d.supports_json_table():
        pytest.skip("no JSON_TABLE on this server")
    doc = Literal(d, '[{"a": 5, "b": "x"}, {"a": 6, "b": "y"}]')
    jt = JSONTableExpression(
        d, doc, "$[*]", [JSONTableColumn("a", "INT", "$.a"), JSONTableColumn("b", "VARCHAR(10)", "$.b")], alias="j"
    )
    q = st.QueryExpression(d, [Column(d, "a", table="j"), Column(d, "b", table="j")], from_=jt)
    assert rows(b, q) == [{"a": 5, "b": "x"}, {"a": 6, "b": "y"}]


def test_lateral_refused_where_missing(b):
    d = b.dialect
    create(b, [st.ColumnDefinition("v", IntegerType())])
    run(b, insert(b, ["v"], [1], [2]))
    inner = st.QueryExpression(d, [Column(d, "v", table=T, alias="w")])
    lateral = LateralExpression(d, Subquery(d, inner), alias="x")
    q = st.QueryExpression(d, [Column(d, "w", table="x")], from_=[TableExpression(d, T), lateral])
    if not d.supports_lateral_join():
        with pytest.raises(UnsupportedFeatureError, match=rf"{d.name}.*{'.'.join(map(str, d.version[:2]))}"):
            q.to_sql()
        return
    assert sorted(r["w"] for r in rows(b, q)) == [1, 2]


def test_spatial_index(b):
    d = b.dialect
    b.execute(f"DROP TABLE IF EXISTS {T}")
    b.execute(f"CREATE TABLE {T} (id INT PRIMARY KEY, g GEOMETRY NOT NULL) ENGINE=InnoDB")
    run(b, st.CreateIndexExpression(d, "it_reg_sp", T, ["g"], index_type="SPATIAL"))
    got = b.fetch_one(
        "SELECT index_type FROM information_schema.statistics WHERE table_schema = DATABASE() "
        "AND table_name = %s AND index_name = 'it_reg_sp'",
        (T,),
    )
    assert got == {"index_type": "SPATIAL"}


def test_functional_index(b):
    d = b.dialect
    create(b, [st.ColumnDefinition("s", VarCharType(20))])
    expr = FunctionCall(d, "LOWER", Column(d, "s"))
    index = st.CreateIndexExpression(d, "it_reg_fx", T, [expr])
    if not d.supports_functional_index():
        with pytest.raises(UnsupportedFeatureError, match=d.name):
            index.to_sql()
        return
    run(b, index)
    got = b.fetch_one(
        "SELECT expression FROM information_schema.statistics WHERE table_schema = DATABASE() "
        "AND table_name = %s AND index_name = 'it_reg_fx'",
        (T,),
    )
    assert "lower" in got["expression"].lower()


def test_insert_ignore_and_replace(b):
    create(
        b,
        [
            st.ColumnDefinition("id", IntegerType(), [st.ColumnConstraint(st.ColumnConstraintType.PRIMARY_KEY)]),
            st.ColumnDefinition("v", IntegerType()),
        ],
    )
    run(b, insert(b, ["id", "v"], [1, 10]))
    run(b, insert(b, ["id", "v"], [1, 11], [2, 20], dialect_options={"ignore": True}))
    assert rows(b, select(b, "id", "v")) == [{"id": 1, "v": 10}, {"id": 2, "v": 20}]
    run(b, insert(b, ["id", "v"], [1, 12], dialect_options={"replace": True}))
    assert rows(b, select(b, "id", "v")) == [{"id": 1, "v": 12}, {"id": 2, "v": 20}]
    with pytest.raises(UnsupportedFeatureError, match="delayed"):
        insert(b, ["id", "v"], [3, 30], dialect_options={"delayed": True}).to_sql()


def test_strpos_finds_the_position(b):
    d = b.dialect
    q = st.QueryExpression(d, [strpos(d, "hello", "l").as_("p")])
    assert rows(b, q) == [{"p": 3}]


def test_collate_expression(b):
    d = b.dialect
    assert d.supports_collate_expression()
    b.execute(f"DROP TABLE IF EXISTS {T}")
    b.execute(f"CREATE TABLE {T} (s VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci)")
    b.execute(f"INSERT INTO {T} VALUES ('abc'), ('ABC')")
    exact = Column(d, "s").collate("utf8mb4_bin") == Literal(d, "abc")
    assert rows(b, select(b, "s", where=exact)) == [{"s": "abc"}]
    with pytest.raises(ValueError, match="collation"):
        Column(d, "s").collate("utf8mb4_bin; DROP TABLE x").to_sql()


def test_any_subquery(b):
    d = b.dialect
    create(b, [st.ColumnDefinition("v", IntegerType())])
    run(b, insert(b, ["v"], [1], [2], [3]))
    inner = st.QueryExpression(d, [Literal(d, 2)])
    q = select(b, "v", where=AnyExpression(d, Column(d, "v"), ">=", inner))
    assert rows(b, q) == [{"v": 2}, {"v": 3}]


def test_trigger_calls_a_procedure(b):
    from rhosocial.activerecord.backend.expression.statements import (
        CreateTriggerExpression,
        DropTriggerExpression,
        TriggerEvent,
        TriggerTiming,
    )

    d = b.dialect
    create(b, [st.ColumnDefinition("v", IntegerType())])
    b.execute("DROP TABLE IF EXISTS it_reg_log")
    b.execute("CREATE TABLE it_reg_log (n INT)")
    b.execute("DROP PROCEDURE IF EXISTS it_reg_proc")
    b.execute("CREATE PROCEDURE it_reg_proc() INSERT INTO it_reg_log VALUES (1)")
    try:
        run(b, CreateTriggerExpression(d, "it_reg_trg", T, TriggerTiming.AFTER, [TriggerEvent.INSERT], "it_reg_proc"))
        run(b, insert(b, ["v"], [7]))
        assert b.fetch_one("SELECT COUNT(*) AS c FROM it_reg_log")["c"] == 1
        run(b, DropTriggerExpression(d, "it_reg_trg", T, if_exists=True))
        run(b, insert(b, ["v"], [8]))
        assert b.fetch_one("SELECT COUNT(*) AS c FROM it_reg_log")["c"] == 1
    finally:
        b.execute("DROP TABLE IF EXISTS it_reg_log")
        b.execute("DROP PROCEDURE IF EXISTS it_reg_proc")


def test_create_table_like_and_modify_column(b):
    from rhosocial.activerecord.backend.expression.statements import ddl_alter as al

    d = b.dialect
    create(b, [st.ColumnDefinition("v", IntegerType())])
    b.execute("DROP TABLE IF EXISTS it_reg_copy")
    try:
        run(b, st.CreateTableExpression(d, "it_reg_copy", [], dialect_options={"like_table": T}))
        not_null = st.ColumnConstraint(st.ColumnConstraintType.NOT_NULL)
        modify = al.ModifyColumn(d, st.ColumnDefinition("v", VarCharType(10), [not_null]))
        default = al.AlterColumn(d, "v", al.ColumnAlterOperation.SET_DEFAULT, new_value="x'y")
        run(b, al.AlterTableExpression(d, "it_reg_copy", [modify]))
        run(b, al.AlterTableExpression(d, "it_reg_copy", [default]))
        got = b.fetch_one(
            "SELECT data_type, is_nullable, column_default FROM information_schema.columns "
            "WHERE table_schema = DATABASE() AND table_name = 'it_reg_copy' AND column_name = 'v'"
        )
        assert (got["data_type"], got["is_nullable"]) == ("varchar", "NO")
        assert got["column_default"] in ("'x''y'", "x'y")  # MariaDB quotes defaults, MySQL does not
        with pytest.raises(UnsupportedFeatureError, match="SET NOT NULL"):
            al.AlterTableExpression(d, T, [al.AlterColumn(d, "v", al.ColumnAlterOperation.SET_NOT_NULL)]).to_sql()
    finally:
        b.execute("DROP TABLE IF EXISTS it_reg_copy")


def test_view_options_reach_the_server(b):
    from rhosocial.activerecord.backend.expression.statements import (
        CreateViewExpression,
        DropViewExpression,
        ViewAlgorithm,
        ViewCheckOption,
        ViewOptions,
    )

    d = b.dialect
    create(b, [st.ColumnDefinition("v", IntegerType())])
    query = select(b, "v", where=Column(d, "v") > Literal(d, 1))
    options = ViewOptions(algorithm=ViewAlgorithm.MERGE, security="INVOKER", check_option=ViewCheckOption.LOCAL)
    try:
        run(b, CreateViewExpression(d, "it_reg_view", query, replace=True, options=options))
        got = b.fetch_one(
            "SELECT check_option, security_type, view_definition FROM information_schema.views "
            "WHERE table_schema = DATABASE() AND table_name = 'it_reg_view'"
        )
        assert (got["check_option"], got["security_type"]) == ("LOCAL", "INVOKER")
        assert "> 1" in got["view_definition"]
        run(b, insert(b, ["v"], [5]))
        assert b.fetch_all("SELECT v FROM it_reg_view") == [{"v": 5}]
        with pytest.raises(UnsupportedFeatureError, match="CASCADE"):
            DropViewExpression(d, "it_reg_view", cascade=True).to_sql()
    finally:
        b.execute("DROP VIEW IF EXISTS it_reg_view")


def test_column_foreign_key_is_enforced(b):
    from rhosocial.activerecord.backend.errors import IntegrityError

    d = b.dialect
    b.execute("DROP TABLE IF EXISTS it_reg_child")
    create(b, [st.ColumnDefinition("id", IntegerType(), [st.ColumnConstraint(st.ColumnConstraintType.PRIMARY_KEY)])])
    fk = st.ColumnConstraint(st.ColumnConstraintType.FOREIGN_KEY, name="it_reg_fk", foreign_key_reference=(T, ["id"]))
    try:
        run(b, st.CreateTableExpression(d, "it_reg_child", [st.ColumnDefinition("pid", IntegerType(), [fk])]))
        got = b.fetch_one(
            "SELECT referenced_table_name FROM information_schema.referential_constraints "
            "WHERE constraint_schema = DATABASE() AND constraint_name = 'it_reg_fk'"
        )
        assert got == {"referenced_table_name": T}
        with pytest.raises(IntegrityError):
            b.execute("INSERT INTO it_reg_child VALUES (99)")
    finally:
        b.execute("DROP TABLE IF EXISTS it_reg_child")
