"""SQL the dialects write for MySQL 8.0 / 8.4 / 9.x and MariaDB (no server needed).

These pin the syntax choices that the local MariaDB cannot exercise (row alias upsert,
LATERAL, FOR UPDATE OF, EXPLAIN ANALYZE/TREE) as well as the MariaDB ones.
"""

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import Column, Literal, TableExpression
from rhosocial.activerecord.backend.expression.query_parts import ForUpdateClause, LimitOffsetClause
from rhosocial.activerecord.backend.expression.statements import (
    ExplainExpression,
    ExplainOptions,
    InsertExpression,
    OnConflictClause,
    QueryExpression,
    ValuesSource,
)
from rhosocial.activerecord.backend.expression.statements.explain import ExplainFormat
from rhosocial.activerecord.backend.impl.mysql.dialect import MariaDBDialect, MySQLDialect, dialect_for
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo
from rhosocial.activerecord.backend.transaction import IsolationLevel


def mysql(*version):
    return dialect_for(ServerInfo("mysql", "mysql", tuple(version)))


def mariadb(*version):
    return dialect_for(ServerInfo("mysql", "mariadb", tuple(version)))


MYSQL_80, MYSQL_84, MYSQL_9 = mysql(8, 0, 18), mysql(8, 4, 3), mysql(9, 1, 0)
MARIADB_1011 = mariadb(10, 11, 19)


def select(d, **kw):
    return QueryExpression(d, [Column(d, "id")], from_=TableExpression(d, "users"), **kw)


def upsert(d, **kw):
    values = ValuesSource(d, [[Literal(d, 1), Literal(d, "a")]])
    clause = OnConflictClause(d, ["id"], **kw)
    return InsertExpression(d, "users", values, ["id", "name"], on_conflict=clause)


def test_probe_picks_the_subclass():
    assert type(MARIADB_1011) is MariaDBDialect
    assert type(MYSQL_84) is MySQLDialect
    assert isinstance(MARIADB_1011, MySQLDialect)


def test_identifiers_and_placeholders():
    d = MYSQL_84
    assert d.format_identifier("we`ird") == "`we``ird`"
    sql, params = select(d, where=Column(d, "id") == Literal(d, 5)).to_sql()
    assert sql == "SELECT `id` FROM `users` WHERE `id` = %s"
    assert params == (5,)


def test_offset_without_limit_gets_the_documented_max():
    d = MARIADB_1011
    sql, params = select(d, limit_offset=LimitOffsetClause(d, offset=10)).to_sql()
    assert sql.endswith("LIMIT %s OFFSET %s")
    assert params == (18446744073709551615, 10)


def test_upsert_row_alias_on_mysql_8_0_19_and_later():
    d = MYSQL_84
    assignments = {"name": Column(d, "name", table="excluded")}
    sql, params = upsert(d, update_assignments=assignments).to_sql()
    assert sql == (
        "INSERT INTO `users` (`id`, `name`) VALUES (%s, %s) AS `excluded` "
        "ON DUPLICATE KEY UPDATE `name` = `excluded`.`name`"
    )
    assert params == (1, "a")


@pytest.mark.parametrize("d", [mysql(8, 0, 18), MARIADB_1011])
def test_upsert_values_function_before_row_alias(d):
    assignments = {"name": Column(d, "name", table="excluded"), "id": Column(d, "id", table="excluded")}
    sql, _ = upsert(d, update_assignments=assignments).to_sql()
    assert sql.endswith("ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `id` = VALUES(`id`)")
    assert " AS `excluded`" not in sql


@pytest.mark.parametrize("d", [MYSQL_9, MARIADB_1011])
def test_upsert_do_nothing_is_a_no_op_assignment_on_any_key(d):
    sql, _ = upsert(d, do_nothing=True).to_sql()
    assert sql.endswith("ON DUPLICATE KEY UPDATE `id` = `id`")
    assert "IGNORE" not in sql


def test_returning_mariadb_insert_only():
    assert MARIADB_1011.supports_returning_insert()
    assert MARIADB_1011.supports_returning_delete()
    assert not MARIADB_1011.supports_returning_update()
    for d in (MYSQL_80, MYSQL_84, MYSQL_9):
        assert not d.supports_returning_clause()
    assert not mariadb(10, 4, 0).supports_returning_insert()


def test_locking_clauses():
    d = MYSQL_84
    sql, _ = select(d, for_update=ForUpdateClause(d, skip_locked=True)).to_sql()
    assert sql.endswith("FOR UPDATE SKIP LOCKED")
    sql, _ = select(d, for_update=ForUpdateClause(d, of_columns=["users"], nowait=True)).to_sql()
    assert sql.endswith("FOR UPDATE OF `users` NOWAIT")
    m = MARIADB_1011
    assert select(m, for_update=ForUpdateClause(m, skip_locked=True)).to_sql()[0].endswith("SKIP LOCKED")
    with pytest.raises(UnsupportedFeatureError, match="mariadb"):
        select(m, for_update=ForUpdateClause(m, of_columns=["users"])).to_sql()
    old = mariadb(10, 5, 0)
    with pytest.raises(UnsupportedFeatureError, match=r"needs mariadb >= 10\.6\.0, found 10\.5\.0"):
        select(old, for_update=ForUpdateClause(old, skip_locked=True)).to_sql()


def test_explain_spellings():
    d = MYSQL_84
    q = select(d)
    assert ExplainExpression(d, q).to_sql()[0] == "EXPLAIN SELECT `id` FROM `users`"
    sql = ExplainExpression(d, q, ExplainOptions(format=ExplainFormat.JSON)).to_sql()[0]
    assert sql.startswith("EXPLAIN FORMAT=JSON SELECT")
    assert ExplainExpression(d, q, ExplainOptions(analyze=True)).to_sql()[0].startswith("EXPLAIN ANALYZE SELECT")
    assert (
        ExplainExpression(d, q, ExplainOptions(format=ExplainFormat.TREE)).to_sql()[0].startswith("EXPLAIN FORMAT=TREE")
    )
    m = MARIADB_1011
    mq = select(m)
    assert ExplainExpression(m, mq, ExplainOptions(analyze=True)).to_sql()[0].startswith("ANALYZE SELECT")
    sql = ExplainExpression(m, mq, ExplainOptions(analyze=True, format=ExplainFormat.JSON)).to_sql()[0]
    assert sql.startswith("ANALYZE FORMAT=JSON SELECT")
    assert not m.supports_explain_format("TREE")
    with pytest.raises(UnsupportedFeatureError):
        ExplainExpression(m, mq, ExplainOptions(format=ExplainFormat.TREE)).to_sql()
    with pytest.raises(UnsupportedFeatureError):
        ExplainExpression(mysql(8, 0, 17), select(mysql(8, 0, 17)), ExplainOptions(analyze=True)).to_sql()


def test_transactions():
    d = MARIADB_1011
    assert d.isolation_sql(IsolationLevel.READ_COMMITTED) == "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"
    from rhosocial.activerecord.backend.expression.transaction import BeginTransactionExpression

    assert BeginTransactionExpression(d).to_sql()[0] == "START TRANSACTION"
    assert BeginTransactionExpression(d).read_only().to_sql()[0] == "START TRANSACTION READ ONLY"
    # MySQL has no BEGIN ... ISOLATION LEVEL / DEFERRABLE: refused, never rendered without it
    with pytest.raises(UnsupportedFeatureError, match=r"10\.11\.19.*isolation level"):
        BeginTransactionExpression(d).isolation_level(IsolationLevel.SERIALIZABLE).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="DEFERRABLE"):
        BeginTransactionExpression(d).deferrable(True).to_sql()


def test_transaction_manager_sets_the_level_before_start_transaction():
    from rhosocial.activerecord.backend.impl.mysql.transaction import MySQLTransactionManager
    from rhosocial.activerecord.backend.transaction import TransactionMode

    class Backend:
        dialect = MARIADB_1011

    manager = MySQLTransactionManager(Backend())
    manager._isolation_level = IsolationLevel.SERIALIZABLE
    manager._transaction_mode = TransactionMode.READ_ONLY
    assert [sql for sql, _ in manager._begin_statements()] == [
        "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        "START TRANSACTION READ ONLY",
    ]


def test_set_operation_for_update_and_tablespace_refused_where_unsupported():
    from rhosocial.activerecord.backend.expression.query_sources import SetOperationExpression
    from rhosocial.activerecord.backend.expression.statements import ColumnDefinition, CreateTableExpression
    from rhosocial.activerecord.backend.expression.types import IntegerType

    d = MARIADB_1011
    one = QueryExpression(d, [Literal(d, 1)])
    union = SetOperationExpression(d, one, one, "UNION", for_update_clause=ForUpdateClause(d))
    with pytest.raises(UnsupportedFeatureError, match="FOR UPDATE"):
        union.to_sql()
    table = CreateTableExpression(d, "t", [ColumnDefinition("id", IntegerType())], tablespace="innodb_system")
    with pytest.raises(UnsupportedFeatureError, match="table_tablespace"):
        table.to_sql()
    assert (
        CreateTableExpression(MYSQL_80, "t", [ColumnDefinition("id", IntegerType())], tablespace="innodb_system")
        .to_sql()[0]
        .endswith("TABLESPACE `innodb_system`")
    )


def test_version_gates_per_flavour():
    assert MYSQL_84.supports_lateral_join()
    assert not MARIADB_1011.supports_lateral_join()
    assert not mysql(8, 0, 13).supports_lateral_join()
    assert MYSQL_84.supports_intersect()
    assert not mysql(8, 0, 30).supports_except()
    assert MARIADB_1011.supports_intersect()
    assert MYSQL_84.supports_json_arrow_operators()
    assert not MARIADB_1011.supports_json_arrow_operators()
    assert MARIADB_1011.supports_json_table()
    assert not mariadb(10, 5, 9).supports_json_table()
    assert MYSQL_80.supports_window_functions()
    assert MARIADB_1011.supports_basic_cte()
    assert MYSQL_84.supports_check_constraint()
    assert not mysql(8, 0, 15).supports_check_constraint()
    assert MARIADB_1011.supports_sequence()
    assert not MYSQL_9.supports_sequence()
    assert MYSQL_84.supports_functional_index()
    assert not MARIADB_1011.supports_functional_index()


def test_cast_and_concat():
    from rhosocial.activerecord.backend.impl.mysql.mixins.syntax import cast_target

    assert cast_target("INTEGER") == "SIGNED"
    assert cast_target("VARCHAR(20)") == "CHAR(20)"
    assert cast_target("DECIMAL(10,2)") == "DECIMAL(10,2)"
    d = MYSQL_84
    assert d.format_binary_operator("||", "a", "b", (), ())[0] == "CONCAT(a, b)"


def test_statement_timeout_per_flavour():
    assert MYSQL_84.statement_timeout_assignment(1.5) == ("max_execution_time = %s", 1500)
    assert MARIADB_1011.statement_timeout_assignment(1.5) == ("max_statement_time = %s", 1.5)


def test_alter_table_if_exists_modifiers_mariadb_only():
    from rhosocial.activerecord.backend.expression.statements import ColumnDefinition
    from rhosocial.activerecord.backend.expression.statements.ddl_alter import (
        AddColumn,
        DropColumn,
        DropTableConstraint,
    )
    from rhosocial.activerecord.backend.expression.types import TextType

    m = MARIADB_1011
    assert AddColumn(m, ColumnDefinition("c", TextType()), if_not_exists=True).to_sql()[0] == (
        "ADD COLUMN IF NOT EXISTS `c` LONGTEXT"
    )
    assert DropColumn(m, "c", if_exists=True).to_sql()[0] == "DROP COLUMN IF EXISTS `c`"
    assert DropTableConstraint(m, "k", if_exists=True).to_sql()[0] == "DROP CONSTRAINT IF EXISTS `k`"
    d = MYSQL_84
    assert AddColumn(d, ColumnDefinition("c", TextType())).to_sql()[0] == "ADD COLUMN `c` LONGTEXT"
    with pytest.raises(UnsupportedFeatureError, match="add_column_if_not_exists"):
        AddColumn(d, ColumnDefinition("c", TextType()), if_not_exists=True).to_sql()


def test_explain_analyze_json_is_refused_on_mysql_not_printed_as_tree():
    # MySQL prints EXPLAIN ANALYZE as TREE: a JSON request must not silently become TREE.
    from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
    from rhosocial.activerecord.backend.impl.mysql import MySQLDialect

    d = MySQLDialect((8, 0, 36))
    with pytest.raises(UnsupportedFeatureError, match="EXPLAIN ANALYZE FORMAT=JSON"):
        d.explain_sql("SELECT 1", analyze=True, fmt="JSON")
    assert d.explain_sql("SELECT 1", analyze=True, fmt="TREE") == "EXPLAIN ANALYZE FORMAT=TREE SELECT 1"


def test_limit_offset_expressions_render_inline_values_bind():
    d = MARIADB_1011
    sql, params = select(d, limit_offset=LimitOffsetClause(d, limit=Literal(d, 3), offset=7)).to_sql()
    assert sql.endswith("LIMIT %s OFFSET %s")
    assert params == (3, 7)


def test_capability_answers_follow_a_new_server():
    d = mariadb(10, 4, 0)
    assert not d.supports_returning_insert()
    d.server = ServerInfo("mysql", "mariadb", (10, 11, 19))
    assert d.supports_returning_insert()
    d.version = (10, 4, 0)
    assert not d.supports_returning_insert()


def test_model_insert_and_select_render_as_before_the_fast_paths():
    d = MARIADB_1011
    insert = InsertExpression(d, "users", ValuesSource(d, [[Literal(d, 1)]]), ["id"])
    assert insert.to_sql() == ("INSERT INTO `users` (`id`) VALUES (%s)", (1,))
    ignored = InsertExpression(d, "users", ValuesSource(d, [[Literal(d, 1)]]), ["id"], dialect_options={"ignore": True})
    assert ignored.to_sql()[0].startswith("INSERT IGNORE INTO `users`")
    plain = QueryExpression(d, [Column(d, "id")], from_="users")
    assert plain.to_sql() == ("SELECT `id` FROM `users`", ())
