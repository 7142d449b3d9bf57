"""SQL the dialects write for issue #9's defects, pinned against MySQL's and MariaDB's documented grammar.

The MariaDB half also runs live (tests/integration/test_dialect_regressions.py); the MySQL-only forms
(LATERAL, functional key parts) cannot run here and are checked against the reference manual:
- LATERAL: "FROM t1, LATERAL (subquery) AS dt" (8.0.14+; the alias is mandatory);
- key_part: "{col_name [(length)] | (expr)} [ASC | DESC]", so an expression is written ((expr)) (8.0.13+);
- CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX name ON t (key_part, ...) [USING {BTREE | HASH}];
- MariaDB CREATE SEQUENCE: ... [CACHE n | NOCACHE] [CYCLE | NOCYCLE].
"""

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
from rhosocial.activerecord.backend.impl.mysql.dialect import dialect_for
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo

MYSQL = dialect_for(ServerInfo("mysql", "mysql", (8, 4, 3)))
MARIADB = dialect_for(ServerInfo("mysql", "mariadb", (10, 11, 19)))
BOTH = pytest.mark.parametrize("d", [MYSQL, MARIADB], ids=["mysql", "mariadb"])


def lateral_query(d, **kw):
    inner = st.QueryExpression(d, [Column(d, "v", table="t")])
    return LateralExpression(d, Subquery(d, inner), **kw)


def test_lateral_in_a_from_list_on_mysql():
    d = MYSQL
    q = st.QueryExpression(d, [Column(d, "v", table="x")], from_=[TableExpression(d, "t"), lateral_query(d, alias="x")])
    assert q.to_sql()[0] == "SELECT `x`.`v` FROM `t`, LATERAL (SELECT `t`.`v`) AS `x`"


def test_lateral_needs_an_alias_and_a_list_position():
    with pytest.raises(ValueError, match="alias"):
        lateral_query(MYSQL).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="FROM-list"):
        lateral_query(MYSQL, alias="x", join_type="LEFT").to_sql()


@pytest.mark.parametrize("d", [MARIADB, dialect_for(ServerInfo("mysql", "mysql", (8, 0, 13)))])
def test_lateral_refused_naming_server_and_version(d):
    with pytest.raises(UnsupportedFeatureError, match=rf"lateral_join.*{d.version[0]}\.{d.version[1]}"):
        lateral_query(d, alias="x").to_sql()
    with pytest.raises(UnsupportedFeatureError, match=r"MariaDB 10\.11\.19"):
        lateral_query(MARIADB, alias="x").to_sql()


def test_functional_index_key_part_on_mysql():
    d = MYSQL
    idx = st.CreateIndexExpression(d, "i", "t", [FunctionCall(d, "LOWER", Column(d, "s")), "n"])
    assert idx.to_sql() == ("CREATE INDEX `i` ON `t` ((LOWER(`s`)), `n`)", ())
    plain = st.CreateIndexExpression(d, "i", "t", [Column(d, "s")])
    assert plain.to_sql()[0] == "CREATE INDEX `i` ON `t` (`s`)"
    with pytest.raises(UnsupportedFeatureError, match=r"functional_index.*MariaDB 10\.11\.19"):
        st.CreateIndexExpression(MARIADB, "i", "t", [FunctionCall(MARIADB, "LOWER", Column(MARIADB, "s"))]).to_sql()


@BOTH
def test_index_kinds(d):
    assert st.CreateIndexExpression(d, "i", "t", ["g"], index_type="SPATIAL").to_sql()[0] == (
        "CREATE SPATIAL INDEX `i` ON `t` (`g`)"
    )
    assert st.CreateIndexExpression(d, "i", "t", ["s"], index_type="fulltext").to_sql()[0] == (
        "CREATE FULLTEXT INDEX `i` ON `t` (`s`)"
    )
    assert st.CreateIndexExpression(d, "i", "t", ["s"], unique=True, index_type="BTREE").to_sql()[0] == (
        "CREATE UNIQUE INDEX `i` ON `t` (`s`) USING BTREE"
    )
    with pytest.raises(UnsupportedFeatureError, match="GIN"):
        st.CreateIndexExpression(d, "i", "t", ["s"], index_type="GIN").to_sql()
    with pytest.raises(UnsupportedFeatureError, match="UNIQUE SPATIAL"):
        st.CreateIndexExpression(d, "i", "t", ["g"], unique=True, index_type="SPATIAL").to_sql()


@BOTH
@pytest.mark.parametrize(
    ("option", "label"),
    [
        ({"where": "w"}, "partial index"),
        ({"include": ["x"]}, "INCLUDE"),
        ({"tablespace": "ts"}, "TABLESPACE"),
        ({"concurrent": True}, "CONCURRENTLY"),
        ({"dialect_options": {"opclasses": 1}}, "opclasses"),
    ],
)
def test_index_options_without_a_spelling_are_refused(d, option, label):
    if option.get("where"):
        option = {"where": Column(d, "s") > Literal(d, 1)}
    with pytest.raises(UnsupportedFeatureError, match=label):
        st.CreateIndexExpression(d, "i", "t", ["s"], **option).to_sql()


def test_drop_index_needs_the_table_and_if_exists_is_mariadb_only():
    assert st.DropIndexExpression(MARIADB, "i", "t", if_exists=True).to_sql()[0] == "DROP INDEX IF EXISTS `i` ON `t`"
    with pytest.raises(UnsupportedFeatureError, match="if_not_exists_index"):
        st.DropIndexExpression(MYSQL, "i", "t", if_exists=True).to_sql()
    with pytest.raises(ValueError, match="table_name"):
        st.DropIndexExpression(MYSQL, "i").to_sql()


def test_sequences_mariadb_grammar():
    d = MARIADB
    seq = st.CreateSequenceExpression(d, "s", start=5, increment=2, maxvalue=9, cache=0)
    assert seq.to_sql()[0] == "CREATE SEQUENCE `s` INCREMENT BY 2 MAXVALUE 9 START WITH 5 CACHE 0 NOCYCLE"
    assert st.CreateSequenceExpression(d, "s", cycle=True, if_not_exists=True).to_sql()[0] == (
        "CREATE SEQUENCE IF NOT EXISTS `s` CYCLE"
    )
    assert st.AlterSequenceExpression(d, "s", restart=1, cycle=False).to_sql()[0] == (
        "ALTER SEQUENCE `s` NOCYCLE RESTART WITH 1"
    )
    assert st.DropSequenceExpression(d, "s", if_exists=True).to_sql()[0] == "DROP SEQUENCE IF EXISTS `s`"
    with pytest.raises(UnsupportedFeatureError, match="OWNED BY"):
        st.CreateSequenceExpression(d, "s", owned_by="t.id").to_sql()


def test_sequences_refused_on_mysql_naming_the_server():
    d = MYSQL
    assert not d.supports_create_sequence()
    for expr in (
        st.CreateSequenceExpression(d, "s"),
        st.AlterSequenceExpression(d, "s", restart=1),
        st.DropSequenceExpression(d, "s"),
    ):
        with pytest.raises(UnsupportedFeatureError, match=r"sequences is not available on mysql \(MySQL 8\.4\.3\)"):
            expr.to_sql()


@BOTH
def test_create_table_auto_increment_generated_and_inline_literals(d):
    pk = st.ColumnConstraint(st.ColumnConstraintType.PRIMARY_KEY, is_auto_increment=True)
    check = st.ColumnConstraint(st.ColumnConstraintType.CHECK, check_condition=Column(d, "n") > Literal(d, -1))
    default = st.ColumnConstraint(st.ColumnConstraintType.DEFAULT, default_value="a\\'b")
    gen = Column(d, "n") * Literal(d, 2)
    expr = st.CreateTableExpression(
        d,
        "t",
        [
            st.ColumnDefinition("id", IntegerType(), [pk]),
            st.ColumnDefinition("n", IntegerType(), [check]),
            st.ColumnDefinition("s", VarCharType(5), [default], comment="it's"),
            st.ColumnDefinition(
                "g", IntegerType(), generated_expression=gen, generated_type=st.GeneratedColumnType.STORED
            ),
        ],
        storage_options={"engine": "InnoDB", "comment": "x'y"},
    )
    assert expr.to_sql() == (
        "CREATE TABLE `t` (`id` INT AUTO_INCREMENT PRIMARY KEY, `n` INT CHECK (`n` > (-1)), "
        "`s` VARCHAR(5) DEFAULT 'a\\\\''b' COMMENT 'it''s', `g` INT GENERATED ALWAYS AS (`n` * 2) STORED) "
        "ENGINE=InnoDB COMMENT='x''y'",
        (),
    )


@BOTH
def test_create_table_refusals(d):
    col = st.ColumnDefinition("a", IntegerType())
    with pytest.raises(UnsupportedFeatureError, match="INHERITS"):
        st.CreateTableExpression(d, "t", [col], inherits=["p"]).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="unlogged"):
        st.CreateTableExpression(d, "t", [col], dialect_options={"unlogged": True}).to_sql()
    bad = st.ColumnDefinition("g", IntegerType(), generated_type=st.GeneratedColumnType.VIRTUAL)
    with pytest.raises(ValueError, match="generated_type"):
        st.CreateTableExpression(d, "t", [bad]).to_sql()


@BOTH
def test_inline_indexes_in_create_table(d):
    idx = st.IndexDefinition("k", ["a"], unique=True)
    sql = st.CreateTableExpression(d, "t", [st.ColumnDefinition("a", IntegerType())], indexes=[idx]).to_sql()[0]
    assert sql == "CREATE TABLE `t` (`a` INT, UNIQUE INDEX `k` (`a`))"


@BOTH
def test_insert_verbs(d):
    def ins(**kw):
        return st.InsertExpression(d, "t", st.ValuesSource(d, [[Literal(d, 1)]]), ["a"], **kw)

    assert ins(dialect_options={"ignore": True}).to_sql()[0] == "INSERT IGNORE INTO `t` (`a`) VALUES (%s)"
    assert ins(dialect_options={"replace": True}).to_sql()[0] == "REPLACE INTO `t` (`a`) VALUES (%s)"
    assert ins(dialect_options={"ignore": False}).to_sql()[0] == "INSERT INTO `t` (`a`) VALUES (%s)"
    with pytest.raises(UnsupportedFeatureError, match="low_priority"):
        ins(dialect_options={"low_priority": True}).to_sql()
    with pytest.raises(ValueError, match="exclude"):
        ins(dialect_options={"ignore": True, "replace": True}).to_sql()
    assert st.InsertExpression(d, "t", st.DefaultValuesSource(d)).to_sql()[0].endswith("VALUES ()")


@BOTH
def test_json_table_quotes_column_names_once(d):
    jt = JSONTableExpression(d, "doc", "$[*]", [JSONTableColumn("a", "INT", "$.a")], alias="j")
    assert jt.to_sql()[0] == "JSON_TABLE(`doc`, '$[*]' COLUMNS(`a` INT PATH '$.a')) AS `j`"
    with pytest.raises(ValueError, match="alias"):
        JSONTableExpression(d, "doc", "$[*]", [JSONTableColumn("a", "INT", "$.a")]).to_sql()


@BOTH
def test_strpos_is_locate_with_swapped_arguments(d):
    assert strpos(d, Column(d, "s"), "x").to_sql() == ("LOCATE(%s, `s`)", ("x",))
    assert d.supports_functions()["strpos"]


@BOTH
def test_collate_validated(d):
    assert Column(d, "s").collate("utf8mb4_0900_ai_ci").to_sql()[0] == "`s` COLLATE utf8mb4_0900_ai_ci"
    with pytest.raises(ValueError, match="collation"):
        Column(d, "s").collate("x y").to_sql()


@BOTH
def test_any_all_take_a_parenthesised_subquery(d):
    sub = st.QueryExpression(d, [Column(d, "v")], from_=TableExpression(d, "u"))
    assert AnyExpression(d, Column(d, "v"), "=", sub).to_sql()[0] == "(`v` = ANY (SELECT `v` FROM `u`))"
    assert AnyExpression(d, Column(d, "v"), "=", Subquery(d, sub)).to_sql()[0] == "(`v` = ANY (SELECT `v` FROM `u`))"
    with pytest.raises(UnsupportedFeatureError, match="list"):
        AnyExpression(d, Column(d, "v"), "=", Literal(d, [1, 2])).to_sql()


@BOTH
def test_trigger_calls_the_routine_and_refuses_the_rest(d):
    from rhosocial.activerecord.backend.expression.statements import (
        CreateTriggerExpression,
        DropTriggerExpression,
        TriggerEvent,
        TriggerLevel,
        TriggerTiming,
    )

    def trg(**kw):
        base = dict(timing=TriggerTiming.AFTER, events=[TriggerEvent.INSERT], function_name="p")
        base.update(kw)
        return CreateTriggerExpression(d, "g", "t", **base)

    assert trg().to_sql()[0] == "CREATE TRIGGER `g` AFTER INSERT ON `t` FOR EACH ROW CALL `p`()"
    for kw, label in (
        ({"timing": TriggerTiming.INSTEAD_OF}, "INSTEAD OF"),
        ({"level": TriggerLevel.STATEMENT}, "statement-level"),
        ({"events": [TriggerEvent.INSERT, TriggerEvent.UPDATE]}, "several events"),
        ({"condition": Column(d, "a") > Literal(d, 1)}, "WHEN"),
        ({"update_columns": ["a"]}, "UPDATE OF"),
        ({"if_not_exists": True}, "IF NOT EXISTS"),
    ):
        with pytest.raises(UnsupportedFeatureError, match=label):
            trg(**kw).to_sql()
    assert DropTriggerExpression(d, "g", "t", if_exists=True).to_sql()[0] == "DROP TRIGGER IF EXISTS `g`"


@BOTH
def test_views_schemas_truncate_and_drop_table(d):
    from rhosocial.activerecord.backend.expression.statements import (
        CreateSchemaExpression,
        CreateViewExpression,
        DropSchemaExpression,
        DropViewExpression,
        TruncateExpression,
        ViewAlgorithm,
        ViewOptions,
    )

    q = st.QueryExpression(d, [Column(d, "a")], from_=TableExpression(d, "t"), where=Column(d, "a") > Literal(d, 1))
    opts = ViewOptions(algorithm=ViewAlgorithm.TEMPTABLE, definer="app@localhost", security="definer")
    assert CreateViewExpression(d, "v", q, options=opts).to_sql() == (
        "CREATE ALGORITHM = TEMPTABLE DEFINER = 'app'@'localhost' SQL SECURITY DEFINER VIEW `v` "
        "AS SELECT `a` FROM `t` WHERE `a` > 1",
        (),
    )
    for kw, label in (({"temporary": True}, "TEMPORARY"), ({"options": ViewOptions(force=True)}, "FORCE")):
        with pytest.raises(UnsupportedFeatureError, match=label):
            CreateViewExpression(d, "v", q, **kw).to_sql()
    with pytest.raises(UnsupportedFeatureError, match="CASCADE"):
        DropViewExpression(d, "v", cascade=True).to_sql()
    assert DropSchemaExpression(d, "s", cascade=True).to_sql()[0] == "DROP SCHEMA `s`"
    with pytest.raises(UnsupportedFeatureError, match="AUTHORIZATION"):
        CreateSchemaExpression(d, "s", authorization="u").to_sql()
    assert TruncateExpression(d, "t", restart_identity=True).to_sql()[0] == "TRUNCATE TABLE `t`"
    with pytest.raises(UnsupportedFeatureError, match="CASCADE"):
        TruncateExpression(d, "t", cascade=True).to_sql()
    assert not d.supports_drop_table_cascade()
    with pytest.raises(UnsupportedFeatureError, match="CASCADE"):
        st.DropTableExpression(d, "t", cascade=True).to_sql()


@BOTH
def test_alter_column_modify_change_and_like(d):
    from rhosocial.activerecord.backend.expression.statements import ddl_alter as al

    col = st.ColumnDefinition("b", VarCharType(5), [st.ColumnConstraint(st.ColumnConstraintType.NOT_NULL)])
    actions = [
        al.ModifyColumn(d, col, first=True),
        al.ChangeColumn(d, "a", col, after_column="c"),
        al.AlterColumn(d, "b", al.ColumnAlterOperation.SET_DEFAULT, new_value="x"),
    ]
    sql, params = al.AlterTableExpression(d, "t", actions).to_sql()
    assert params == ()
    assert sql.endswith(
        "MODIFY COLUMN `b` VARCHAR(5) NOT NULL FIRST, CHANGE COLUMN `a` `b` VARCHAR(5) NOT NULL AFTER `c`, "
        "ALTER COLUMN `b` SET DEFAULT 'x'"
    )
    with pytest.raises(UnsupportedFeatureError, match="DROP NOT NULL"):
        al.AlterTableExpression(d, "t", [al.AlterColumn(d, "b", al.ColumnAlterOperation.DROP_NOT_NULL)]).to_sql()
    like = st.CreateTableExpression(d, "n", [], if_not_exists=True, dialect_options={"like_table": "t"})
    assert like.to_sql() == ("CREATE TABLE IF NOT EXISTS `n` LIKE `t`", ())
    with pytest.raises(UnsupportedFeatureError, match="columns"):
        st.CreateTableExpression(d, "n", [col], dialect_options={"like_table": "t"}).to_sql()


@BOTH
def test_column_foreign_keys_and_named_constraints_go_to_table_level(d):
    from rhosocial.activerecord.backend.expression.statements import ddl_alter as al

    fk = st.ColumnConstraint(
        st.ColumnConstraintType.FOREIGN_KEY, foreign_key_reference=("p", ["id"]), on_delete=st.ReferentialAction.CASCADE
    )
    named = st.ColumnConstraint(
        st.ColumnConstraintType.CHECK, name="pos", check_condition=Column(d, "a") > Literal(d, 0)
    )
    col = st.ColumnDefinition("a", IntegerType(), [fk, named])
    assert st.CreateTableExpression(d, "t", [col]).to_sql() == (
        "CREATE TABLE `t` (`a` INT, FOREIGN KEY (`a`) REFERENCES `p`(`id`) ON DELETE CASCADE, "
        "CONSTRAINT `pos` CHECK (`a` > 0))",
        (),
    )
    assert (
        al.AlterTableExpression(d, "t", [al.AddColumn(d, col)])
        .to_sql()[0]
        .endswith(
            "ADD COLUMN `a` INT, ADD FOREIGN KEY (`a`) REFERENCES `p`(`id`) ON DELETE CASCADE, "
            "ADD CONSTRAINT `pos` CHECK (`a` > 0)"
        )
    )
    deferred = st.ColumnConstraint(
        st.ColumnConstraintType.FOREIGN_KEY, foreign_key_reference=("p", ["id"]), deferrable=True
    )
    with pytest.raises(UnsupportedFeatureError, match="DEFERRABLE"):
        st.CreateTableExpression(d, "t", [st.ColumnDefinition("a", IntegerType(), [deferred])]).to_sql()
    fk_match = st.ForeignKeyConstraint(
        columns=["a"], foreign_key_table="p", foreign_key_columns=["id"], match_type="FULL"
    )
    with pytest.raises(UnsupportedFeatureError, match="MATCH"):
        st.CreateTableExpression(
            d, "t", [st.ColumnDefinition("a", IntegerType())], table_constraints=[fk_match]
        ).to_sql()


@BOTH
def test_refusals_name_the_server_and_version(d):
    import re

    from rhosocial.activerecord.backend.expression.statements import DropViewExpression

    label = {"MySQL": "MySQL 8.4.3", "MariaDB": "MariaDB 10.11.19"}[d.name]
    for expr in (
        DropViewExpression(d, "v", cascade=True),
        st.CreateIndexExpression(d, "i", "t", ["s"], concurrent=True),
        st.InsertExpression(d, "t", st.ValuesSource(d, [[Literal(d, 1)]]), ["a"], dialect_options={"x": 1}),
    ):
        with pytest.raises(UnsupportedFeatureError, match=re.escape(label)):
            expr.to_sql()


def test_expression_defaults_are_parenthesised_and_check_gated():
    def table(d, *constraints):
        return st.CreateTableExpression(d, "t", [st.ColumnDefinition("a", VarCharType(40), list(constraints))])

    def default(d, value):
        return st.ColumnConstraint(st.ColumnConstraintType.DEFAULT, default_value=value)

    d = MYSQL
    assert table(d, default(d, FunctionCall(d, "UUID"))).to_sql()[0].endswith("DEFAULT (UUID()))")
    assert table(d, default(d, Literal(d, "x"))).to_sql()[0].endswith("DEFAULT 'x')")
    stamp = FunctionCall(d, "CURRENT_TIMESTAMP", niladic=True)
    assert table(d, default(d, stamp)).to_sql()[0].endswith("DEFAULT CURRENT_TIMESTAMP)")
    old = dialect_for(ServerInfo("mysql", "mysql", (8, 0, 12)))
    with pytest.raises(UnsupportedFeatureError, match=r"expression_default.*8\.0\.12"):
        table(old, default(old, FunctionCall(old, "UUID"))).to_sql()
    older = dialect_for(ServerInfo("mysql", "mysql", (8, 0, 15)))
    check = st.ColumnConstraint(st.ColumnConstraintType.CHECK, check_condition=Column(older, "a") > Literal(older, 0))
    with pytest.raises(UnsupportedFeatureError, match=r"check_constraints.*8\.0\.15"):
        table(older, check).to_sql()


@BOTH
def test_add_constraint_refuses_what_mysql_ignores(d):
    from rhosocial.activerecord.backend.expression.statements import ddl_alter as al

    def add(constraint):
        return al.AlterTableExpression(d, "t", [al.AddTableConstraint(d, constraint)])

    fk = st.ForeignKeyConstraint(columns=["a"], foreign_key_table="p", foreign_key_columns=["id"])
    assert add(fk).to_sql()[0].endswith("ADD FOREIGN KEY (`a`) REFERENCES `p`(`id`)")
    for kw, label in (({"match_type": "FULL"}, "MATCH"), ({"deferrable": True}, "DEFERRABLE")):
        bad = st.ForeignKeyConstraint(columns=["a"], foreign_key_table="p", foreign_key_columns=["id"], **kw)
        with pytest.raises(UnsupportedFeatureError, match=label):
            add(bad).to_sql()


@BOTH
def test_arrays_merge_and_materialized_cte_refused(d):
    from rhosocial.activerecord.backend.expression.query_sources import CTEExpression, WithQueryExpression

    with pytest.raises(UnsupportedFeatureError, match="ARRAY"):
        Literal(d, 1).dialect.format_array_expression(None)
    q = st.QueryExpression(d, [Column(d, "a")], from_=TableExpression(d, "t"))
    cte = CTEExpression(d, "m", q, materialized=True)
    with pytest.raises(UnsupportedFeatureError, match="MATERIALIZED"):
        WithQueryExpression(d, [cte], st.QueryExpression(d, [Column(d, "a")], from_=TableExpression(d, "m"))).to_sql()
