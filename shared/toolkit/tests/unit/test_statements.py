"""Statement boundaries: quotes, comments, dollar quotes and stored-program bodies never split a statement."""

from __future__ import annotations

import pytest

from rhosocial.activerecord.backend.errors import IntegrityError, QueryError
from rhosocial.activerecord.backend.toolkit.errors import MultipleStatementsError
from rhosocial.activerecord.backend.toolkit.statements import (
    MYSQL_NO_BACKSLASH_SYNTAX,
    MYSQL_SYNTAX,
    POSTGRES_SYNTAX,
    Statement,
    refuse_client_commands,
    refuse_multiple_statements,
    script_error,
    split_statements,
)


def texts(sql: str, syntax=MYSQL_SYNTAX) -> list[str]:
    return [s.text for s in split_statements(sql, syntax).statements]


@pytest.mark.parametrize("syntax", [MYSQL_SYNTAX, POSTGRES_SYNTAX], ids=["mysql", "postgres"])
@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT 1", ["SELECT 1"]),
        ("SELECT 1;", ["SELECT 1"]),
        ("SELECT 1; ; \n;", ["SELECT 1"]),
        ("SELECT 1; SELECT 2", ["SELECT 1", "SELECT 2"]),
        ("SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", "SELECT 2"]),
        ("SELECT 'it''s;'", ["SELECT 'it''s;'"]),
        ('SELECT "col;umn" FROM t', ['SELECT "col;umn" FROM t']),
        ("SELECT 1 -- not; here\n; SELECT 2", ["SELECT 1 -- not; here", "SELECT 2"]),
        ("SELECT /* a; b */ 1", ["SELECT /* a; b */ 1"]),
        ("-- only a comment; really\n", []),
        ("SELECT 1; -- trailing comment", ["SELECT 1"]),
    ],
)
def test_split_common_rules(syntax, sql, expected):
    assert texts(sql, syntax) == expected


def test_mysql_backslash_escapes_and_backticks():
    assert texts(r"SELECT 'a\';b'; SELECT 2") == [r"SELECT 'a\';b'", "SELECT 2"]
    assert texts("SELECT `we;ird` FROM t; SELECT 2") == ["SELECT `we;ird` FROM t", "SELECT 2"]
    assert texts("SELECT 1 # hash; comment\n; SELECT 2") == ["SELECT 1 # hash; comment", "SELECT 2"]
    # "--" without a following space is an operator in MySQL, not a comment.
    assert texts("SELECT 1--1; SELECT 2") == ["SELECT 1--1", "SELECT 2"]


def test_mysql_without_backslash_escapes():
    # Under NO_BACKSLASH_ESCAPES a backslash is an ordinary character: 'a\' ends the string.
    assert texts(r"SELECT 'a\'; SELECT 2", MYSQL_NO_BACKSLASH_SYNTAX) == [r"SELECT 'a\'", "SELECT 2"]


def test_mysql_executable_comments_are_statements():
    script = "/*!40101 SET NAMES utf8mb4 */;\n/* plain comment */;\nSELECT 1;"
    assert texts(script) == ["/*!40101 SET NAMES utf8mb4 */", "SELECT 1"]


def test_mysql_stored_program_body_is_one_statement():
    proc = (
        "CREATE DEFINER=`app`@`%` PROCEDURE p(IN n INT)\n"
        "BEGIN\n"
        "  DECLARE i INT DEFAULT 0;\n"
        "  WHILE i < n DO SET i = i + 1; END WHILE;\n"
        "  IF i > 1 THEN SELECT 'many'; ELSE SELECT 'few'; END IF;\n"
        "  CASE i WHEN 1 THEN SELECT 1; ELSE BEGIN SELECT 2; END; END CASE;\n"
        "  SELECT CASE WHEN i > 0 THEN 'pos' END AS sign;\n"
        "END"
    )
    trigger = "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END"
    scan = split_statements(f"{proc};\n{trigger};\nSELECT 3", MYSQL_SYNTAX)
    assert scan.complete
    assert [s.text for s in scan.statements] == [proc, trigger, "SELECT 3"]
    # A table that merely has a column called "event" or a CASE default is not a stored program.
    assert texts("CREATE TABLE event (id INT, kind INT); SELECT 1") == [
        "CREATE TABLE event (id INT, kind INT)",
        "SELECT 1",
    ]


def test_postgres_dollar_quotes_nested_comments_and_e_strings():
    fn = "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql"
    assert texts(f"{fn}; SELECT 2", POSTGRES_SYNTAX) == [fn, "SELECT 2"]
    assert texts("SELECT $$a;b$$; SELECT 2", POSTGRES_SYNTAX) == ["SELECT $$a;b$$", "SELECT 2"]
    assert texts("SELECT /* a /* b; */ c; */ 1; SELECT 2", POSTGRES_SYNTAX) == [
        "SELECT /* a /* b; */ c; */ 1",
        "SELECT 2",
    ]
    assert texts(r"SELECT E'a\';b'; SELECT 2", POSTGRES_SYNTAX) == [r"SELECT E'a\';b'", "SELECT 2"]
    # Standard strings: a backslash does not escape the quote.
    assert texts(r"SELECT 'a\'; SELECT 2", POSTGRES_SYNTAX) == [r"SELECT 'a\'", "SELECT 2"]
    # $1 is a parameter, not a dollar quote.
    assert texts("SELECT $1; SELECT 2", POSTGRES_SYNTAX) == ["SELECT $1", "SELECT 2"]
    atomic = "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END"
    assert texts(f"{atomic}; SELECT 3", POSTGRES_SYNTAX) == [atomic, "SELECT 3"]


def test_statement_positions_and_first_line():
    scan = split_statements("-- setup\nCREATE TABLE a (id INT);\n\nINSERT INTO a\nVALUES (1);", MYSQL_SYNTAX)
    first, second = scan.statements
    assert (first.index, first.line) == (1, 2)
    assert (second.index, second.line, second.first_line) == (2, 4, "INSERT INTO a")
    assert second.describe() == "statement 2 (line 4: INSERT INTO a)"


def test_incomplete_text_is_reported():
    assert not split_statements("SELECT 'open; SELECT 2", MYSQL_SYNTAX).complete
    assert not split_statements("SELECT 1; /* open", POSTGRES_SYNTAX).complete
    assert not split_statements("SELECT $x$ open; SELECT 2", POSTGRES_SYNTAX).complete
    assert split_statements("SELECT 1; SELECT 2", POSTGRES_SYNTAX).complete


@pytest.mark.parametrize("syntax", [MYSQL_SYNTAX, POSTGRES_SYNTAX], ids=["mysql", "postgres"])
def test_refuse_multiple_statements(syntax):
    refuse_multiple_statements("SELECT 1", syntax)
    refuse_multiple_statements("SELECT ';'; -- done", syntax)
    refuse_multiple_statements("SELECT 'unterminated; SELECT 2", syntax)  # left to the server
    with pytest.raises(MultipleStatementsError, match=r"executescript\(\)") as info:
        refuse_multiple_statements("INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2)", syntax)
    assert isinstance(info.value, QueryError)
    assert "holds 2" in str(info.value)
    assert "line 2: INSERT INTO t VALUES (2)" in str(info.value)


def test_script_error_names_the_statement_and_keeps_class_and_cause():
    original = IntegrityError("[MySQL errno 1062, duplicate entry for unique key] Duplicate entry '1'")
    original.code = "1062"  # type: ignore[attr-defined]
    stmt = Statement(index=3, text="INSERT INTO t VALUES (1)\n  -- again", line=7)
    restated = script_error(original, stmt, total=4)
    assert type(restated) is IntegrityError
    assert restated.__cause__ is original
    assert restated.code == "1062"  # type: ignore[attr-defined]
    assert restated.statement is stmt  # type: ignore[attr-defined]
    text = str(restated)
    assert "statement 3 (line 7: INSERT INTO t VALUES (1)) of 4 failed" in text
    assert "the 2 statement(s) before it ran" in text
    assert "Duplicate entry" in text
    # Not a database error (a bug in our code, a KeyboardInterrupt): left untouched.
    bug = TypeError("boom")
    assert script_error(bug, stmt, total=4) is bug


def test_client_commands_are_refused_before_anything_runs():
    script = "CREATE TABLE t (id INT);\nDELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\nDELIMITER ;"
    statements = split_statements(script, MYSQL_SYNTAX).statements
    with pytest.raises(QueryError, match=r"statement 2 \(line 2: DELIMITER //.*command-line client \(DELIMITER\)"):
        refuse_client_commands(statements, MYSQL_SYNTAX)
    refuse_client_commands(split_statements("SELECT 1; SELECT 2", MYSQL_SYNTAX).statements, MYSQL_SYNTAX)
    # PostgreSQL syntax knows no such commands here (psql's backslash commands are not statements).
    refuse_client_commands(statements, POSTGRES_SYNTAX)
