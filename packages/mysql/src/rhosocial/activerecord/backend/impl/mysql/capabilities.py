"""What each flavour and version can do, as data (feature -> first version per flavour).

Sources: the MySQL 8.0/8.4/9.x and MariaDB 10.x/11.x release notes. A flavour missing from
``minimum`` never has the feature. Every "yes" here is exercised against a live server by
``tests/integration/test_capabilities_live.py``; every "no" must raise a clear error.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.toolkit.capabilities import ALWAYS, Capability, CapabilityTable

MYSQL = "mysql"
MARIADB = "mariadb"

CAPABILITIES = CapabilityTable(
    "mysql",
    [
        Capability("cte", {MYSQL: (8, 0, 1), MARIADB: (10, 2, 1)}, "WITH and WITH RECURSIVE"),
        Capability("window_functions", {MYSQL: (8, 0, 2), MARIADB: (10, 2, 0)}, "OVER (...) and frames"),
        Capability("lateral_join", {MYSQL: (8, 0, 14)}, "LATERAL derived tables"),
        Capability("json_table", {MYSQL: (8, 0, 4), MARIADB: (10, 6, 0)}, "JSON_TABLE()"),
        Capability("json_arrow", {MYSQL: (5, 7, 13)}, "-> and ->> operators (MariaDB has none)"),
        Capability("returning_insert", {MARIADB: (10, 5, 0)}, "INSERT ... RETURNING"),
        Capability("returning_delete", {MARIADB: (10, 0, 5)}, "DELETE ... RETURNING"),
        Capability("skip_locked", {MYSQL: (8, 0, 1), MARIADB: (10, 6, 0)}, "FOR UPDATE SKIP LOCKED"),
        Capability("nowait", {MYSQL: (8, 0, 1), MARIADB: (10, 3, 0)}, "FOR UPDATE NOWAIT"),
        Capability("intersect_except", {MYSQL: (8, 0, 31), MARIADB: (10, 3, 0)}, "INTERSECT and EXCEPT"),
        Capability("intersect_except_all", {MYSQL: (8, 0, 31), MARIADB: (10, 5, 0)}, "INTERSECT ALL, EXCEPT ALL"),
        Capability("invisible_columns", {MYSQL: (8, 0, 23), MARIADB: (10, 3, 3)}, "INVISIBLE columns"),
        Capability("vector_type", {MYSQL: (9, 0, 0), MARIADB: (11, 7, 0)}, "VECTOR(n) columns and functions"),
        Capability("vector_index", {MARIADB: (11, 7, 0)}, "VECTOR INDEX (MySQL Community has none)"),
        Capability("check_constraints", {MYSQL: (8, 0, 16), MARIADB: (10, 2, 1)}, "enforced CHECK"),
        Capability("expression_default", {MYSQL: (8, 0, 13), MARIADB: (10, 2, 1)}, "DEFAULT (expression)"),
        Capability("upsert_row_alias", {MYSQL: (8, 0, 19)}, "INSERT ... AS new ON DUPLICATE KEY UPDATE"),
        Capability("explain_analyze", {MYSQL: (8, 0, 18), MARIADB: (10, 1, 0)}, "executed plans"),
        Capability("explain_json", {MYSQL: ALWAYS, MARIADB: ALWAYS}, "EXPLAIN FORMAT=JSON"),
        Capability("explain_tree", {MYSQL: (8, 0, 16)}, "EXPLAIN FORMAT=TREE"),
        Capability("functional_index", {MYSQL: (8, 0, 13)}, "indexes on expressions"),
        Capability("descending_index", {MYSQL: (8, 0, 0), MARIADB: (10, 8, 0)}, "DESC index parts honoured"),
        Capability("sequences", {MARIADB: (10, 3, 0)}, "CREATE SEQUENCE"),
        Capability("optimizer_hints", {MYSQL: (8, 0, 0)}, "SELECT /*+ ... */ (MariaDB reads a comment)"),
        Capability("system_versioning", {MARIADB: (10, 3, 4)}, "WITH SYSTEM VERSIONING, FOR SYSTEM_TIME"),
        Capability("generated_columns", {MYSQL: (5, 7, 6), MARIADB: (10, 2, 0)}, "VIRTUAL / STORED columns"),
        Capability("for_update_of", {MYSQL: (8, 0, 1)}, "FOR UPDATE OF table (MariaDB has no OF)"),
        Capability("for_share", {MYSQL: (8, 0, 1)}, "FOR SHARE (else LOCK IN SHARE MODE)"),
        Capability("if_not_exists_index", {MARIADB: (10, 1, 4)}, "CREATE INDEX IF NOT EXISTS"),
        Capability("add_column_if_not_exists", {MARIADB: (10, 0, 2)}, "ADD/DROP COLUMN IF [NOT] EXISTS"),
        Capability("drop_constraint_if_exists", {MARIADB: (10, 2, 1)}, "DROP CONSTRAINT IF EXISTS"),
        Capability("read_only_transaction", {MYSQL: ALWAYS, MARIADB: ALWAYS}, "START TRANSACTION READ ONLY"),
        Capability("max_execution_time", {MYSQL: (5, 7, 8)}, "session max_execution_time (ms, SELECT only)"),
        Capability("max_statement_time", {MARIADB: (10, 1, 1)}, "session max_statement_time (s, any statement)"),
        Capability("table_tablespace", {MYSQL: (5, 7, 6)}, "CREATE TABLE ... TABLESPACE (MariaDB has none)"),
        Capability("json_type", {MYSQL: ALWAYS, MARIADB: ALWAYS}, "JSON columns (MariaDB: LONGTEXT + JSON_VALID)"),
    ],
)

__all__ = ["CAPABILITIES", "MARIADB", "MYSQL"]
