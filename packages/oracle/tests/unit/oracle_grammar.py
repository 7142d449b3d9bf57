"""A statement-level check of rendered SQL against Oracle's documented grammar (SQL Language Reference).

Not a parser: for each statement kind, the shape the reference's syntax diagram allows (as a regex
over the statement with string literals blanked), plus what Oracle never accepts anywhere. A
PL/SQL block is checked by its shape and each EXECUTE IMMEDIATE statement inside it recursively.
"""

from __future__ import annotations

import re

_STRING = re.compile(r"'(?:[^']|'')*'")
_IDENT = r'(?:"[^"]+"|[A-Za-z][\w$#]*)'
_NAME = rf"{_IDENT}(?:\.{_IDENT})?"

# table_partitioning_clauses: RANGE [INTERVAL] / LIST with named partitions, HASH [PARTITIONS n]
_PARTITIONING = (
    r"(?: PARTITION BY (?:RANGE \([^)]+\)(?: INTERVAL \(.+?\))? \(PARTITION .+ VALUES LESS THAN \(.+\)\)|"
    r"LIST \([^)]+\) \(PARTITION .+ VALUES \(.+\)\)|HASH \([^)]+\)(?: PARTITIONS \d+)?))?"
)

# Statement kind -> the shape its syntax diagram allows (DOTALL, whole statement).
SHAPES: dict[str, str] = {
    "CREATE TABLE": rf"CREATE TABLE (?:IF NOT EXISTS )?{_NAME} "
    rf"(?:\(.+\)(?: TABLESPACE {_IDENT})?{_PARTITIONING}|AS .+)",
    "CREATE GLOBAL TEMPORARY TABLE": rf"CREATE GLOBAL TEMPORARY TABLE (?:IF NOT EXISTS )?{_NAME} "
    r"\(.+\) ON COMMIT (?:DELETE|PRESERVE) ROWS",
    "DROP TABLE": rf"DROP TABLE (?:IF EXISTS )?{_NAME}(?: CASCADE CONSTRAINTS)?(?: PURGE)?",
    "CREATE SEQUENCE": rf"CREATE SEQUENCE (?:IF NOT EXISTS )?{_NAME}"
    r"(?: (?:START WITH -?\d+|INCREMENT BY -?\d+|MINVALUE -?\d+|MAXVALUE -?\d+|NOMINVALUE|NOMAXVALUE|"
    r"CACHE \d+|NOCACHE|CYCLE|NOCYCLE|ORDER|NOORDER))*",
    "ALTER SEQUENCE": rf"ALTER SEQUENCE {_NAME}"
    r"(?: (?:RESTART(?: START WITH -?\d+)?|INCREMENT BY -?\d+|MINVALUE -?\d+|MAXVALUE -?\d+|"
    r"CACHE \d+|NOCACHE|CYCLE|NOCYCLE|ORDER|NOORDER))+",
    "DROP SEQUENCE": rf"DROP SEQUENCE (?:IF EXISTS )?{_NAME}",
    "COMMENT ON": rf"COMMENT ON (?:COLUMN {_NAME}\.{_IDENT}|TABLE {_NAME}) IS ''",
    "CREATE INDEX": rf"CREATE (?:UNIQUE |BITMAP )?INDEX (?:IF NOT EXISTS )?{_NAME} ON {_NAME} \(.+\)"
    r"(?: INDEXTYPE IS [A-Z]\w*\.[A-Z]\w*)?(?: ONLINE)?",
    # 23ai, AI Vector Search: CREATE VECTOR INDEX ... ORGANIZATION ... DISTANCE ... [WITH TARGET ACCURACY n]
    "CREATE VECTOR INDEX": rf"CREATE VECTOR INDEX (?:IF NOT EXISTS )?{_NAME} ON {_NAME} \({_IDENT}\) "
    r"ORGANIZATION (?:NEIGHBOR PARTITIONS|INMEMORY NEIGHBOR GRAPH) "
    r"DISTANCE (?:COSINE|DOT|EUCLIDEAN|EUCLIDEAN_SQUARED|HAMMING|MANHATTAN|JACCARD)(?: WITH TARGET ACCURACY \d+)?",
    # 23ai: the SQL form (SELECT JSON {...} FROM t WITH ops [WHERE join], nested in [ ])
    "CREATE JSON RELATIONAL DUALITY VIEW": rf"CREATE (?:OR REPLACE )?JSON RELATIONAL DUALITY VIEW {_NAME} AS "
    r"SELECT JSON \{.+\} FROM \S+(?: WITH (?:(?:NO)?(?:INSERT|UPDATE|DELETE) ?)+)?",
    "CREATE OR REPLACE JSON RELATIONAL DUALITY VIEW": rf"CREATE OR REPLACE JSON RELATIONAL DUALITY VIEW {_NAME} AS "
    r"SELECT JSON \{.+\} FROM \S+(?: WITH (?:(?:NO)?(?:INSERT|UPDATE|DELETE) ?)+)?",
    "CREATE UNIQUE INDEX": rf"CREATE UNIQUE INDEX (?:IF NOT EXISTS )?{_NAME} ON {_NAME} \(.+\)",
    "DROP INDEX": rf"DROP INDEX (?:IF EXISTS )?{_NAME}",
    "CREATE VIEW": rf"CREATE (?:OR REPLACE )?VIEW (?:IF NOT EXISTS )?{_NAME}(?: ?\([^)]*\))?\s+AS .+",
    "DROP VIEW": rf"DROP VIEW (?:IF EXISTS )?{_NAME}(?: CASCADE CONSTRAINTS)?",
    "ALTER TABLE": rf"ALTER TABLE {_NAME} .+",
    "MERGE": rf"MERGE INTO {_NAME}(?: {_IDENT})? USING .+? ON \(.+\)"
    r"(?: WHEN MATCHED THEN UPDATE SET .+?)?(?: WHEN NOT MATCHED THEN INSERT \(.+?\) VALUES \(.+\)(?: WHERE .+)?)?",
    "INSERT": rf"INSERT INTO {_NAME}(?: \([^)]*\))? (?:VALUES \(.+\)(?: RETURNING .+ INTO :\d+(?:, :\d+)*)?|SELECT .+)",
    "SELECT": r"(?:WITH .+ )?SELECT .+ FROM .+",
    "UPDATE": rf"UPDATE {_NAME}(?: {_IDENT})? SET .+",
    "DELETE": rf"DELETE FROM {_NAME}.*",
}

SELECT_23 = r"(?:WITH .+ )?SELECT .+"

_BLOCK = re.compile(
    r"BEGIN (?P<body>(?:EXECUTE IMMEDIATE '(?:[^']|'')*'; )+)"
    r"(?:EXCEPTION WHEN OTHERS THEN IF SQLCODE != -\d+ THEN RAISE; END IF; )?END;",
    re.S,
)
_IMMEDIATE = re.compile(r"EXECUTE IMMEDIATE '((?:[^']|'')*)';", re.S)

# Never valid in Oracle SQL, whatever the statement.
FORBIDDEN = {
    r"\bLIMIT\b": "LIMIT (row limiting is OFFSET/FETCH)",
    r"\bNO CYCLE\b": "NO CYCLE (Oracle: NOCYCLE)",
    r"\bNO ORDER\b": "NO ORDER (Oracle: NOORDER)",
    r"\bDATE_TRUNC\s*\(": "DATE_TRUNC (Oracle: TRUNC)",
    r"\bREPEAT\s*\(": "REPEAT (not an Oracle function)",
    r'"EXCLUDED"\.': "EXCLUDED (an ON CONFLICT pseudo-table)",
    r"\bCOMMENT ''": "inline column COMMENT (Oracle: COMMENT ON COLUMN)",
    r"\bAUTO_INCREMENT\b": "AUTO_INCREMENT",
    r"\bRECURSIVE\b": "WITH RECURSIVE",
    r"\bANY\s*[?:]": "ANY without parentheses",
    r"\bALL\s*[?:]": "ALL without parentheses",
    r"\bON CONFLICT\b": "ON CONFLICT",
    r"\bADD COLUMN\b": "ADD COLUMN (Oracle: ADD)",
    r"\bDEFAULT VALUES\b": "DEFAULT VALUES",
    r"\bFOR SYSTEM_TIME\b": "FOR SYSTEM_TIME (Oracle: AS OF TIMESTAMP / SCN)",
    r'"[^"]+" "[^"]+" AS OF\b': "a flashback clause after the table alias (it goes between table and alias)",
}

# What Oracle accepts from 23ai on only (SQL Language Reference 23ai, "New features").
ONLY_23 = {
    r"\bVECTOR\s*\(": "the VECTOR type",
    r"\bVECTOR_DISTANCE\s*\(": "VECTOR_DISTANCE",
    r"\bVECTOR INDEX\b": "CREATE VECTOR INDEX",
    r"\bDUALITY VIEW\b": "JSON relational duality views",
    r"\bFOR INSERT AND UPDATE\b": "DEFAULT ON NULL FOR INSERT AND UPDATE",
    r"\bBOOLEAN\b": "the BOOLEAN type",
}

_DDL = ("CREATE", "DROP", "ALTER", "COMMENT")


def check(sql: str, *, version: int = 19) -> str:
    """Raise AssertionError naming the rule ``sql`` breaks; returns the statement kind."""
    block = _BLOCK.fullmatch(sql)
    if block:
        kinds = [check(s.replace("''", "'"), version=version) for s in _IMMEDIATE.findall(block.group("body"))]
        assert kinds, "empty block"
        return "BLOCK(" + ", ".join(kinds) + ")"
    assert not sql.rstrip().endswith(";"), "a SQL statement (not a block) must not end with ';'"
    blanked = _STRING.sub("''", sql)
    assert "?" not in blanked, "an unnumbered placeholder"
    for pattern, what in FORBIDDEN.items():
        assert not re.search(pattern, blanked), f"{what}: {sql}"
    if version < 23:
        assert not re.search(r"\bIF (?:NOT )?EXISTS\b", blanked), f"IF [NOT] EXISTS needs 23ai: {sql}"
        for pattern, what in ONLY_23.items():
            assert not re.search(pattern, blanked), f"{what} needs 23ai: {sql}"
    kind = next((k for k in SHAPES if blanked.startswith(k)), None)
    assert kind is not None, f"no documented statement starts like this: {sql[:40]}"
    if kind.startswith(_DDL) or kind == "COMMENT ON":
        assert not re.search(r":\d+\b", blanked), f"bind variables are not allowed in DDL (ORA-01027): {sql}"
    shape = SHAPES[kind]
    if kind == "SELECT" and version >= 23:
        shape = SELECT_23  # 23ai: the FROM clause is optional
    assert re.fullmatch(shape, blanked, re.S), f"{kind} does not match the documented shape: {sql}"
    return kind
