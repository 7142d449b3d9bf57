"""Statement boundaries in SQL text: the one-statement rule of ``execute()`` and ``executescript()``.

A scanner, not a parser: it knows only what decides where a ``;`` ends a statement - string and
identifier quotes, comments, PostgreSQL dollar quotes, and the ``BEGIN ... END`` bodies of stored
programs (a ``CREATE PROCEDURE`` body holds semicolons that do not end it). Each database's lexical
rules are a :class:`ScriptSyntax`. When the text ends inside a quote or comment the scan reports
it as incomplete, and callers let the server judge rather than refuse what they cannot read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from rhosocial.activerecord.backend.errors import DatabaseError, QueryError

from .errors.exceptions import MultipleStatementsError


@dataclass(frozen=True)
class ScriptSyntax:
    """The lexical rules that decide statement boundaries for one database."""

    name: str
    # Backslash escapes a quote inside '...' and "..." (MySQL unless NO_BACKSLASH_ESCAPES).
    backslash_escapes: bool = False
    # E'...' strings take backslash escapes (PostgreSQL).
    escape_string_prefix: bool = False
    # $tag$ ... $tag$ quoting (PostgreSQL).
    dollar_quotes: bool = False
    # `identifier` quoting and # comments (MySQL).
    backticks: bool = False
    hash_comments: bool = False
    # MySQL needs whitespace after "--" for a comment; PostgreSQL does not.
    dash_comment_needs_space: bool = False
    # /* /* nested */ */ (PostgreSQL).
    nested_comments: bool = False
    # /*! ... */ and /*+ ... */ are executable text, not comments (MySQL).
    executable_comments: bool = False
    # Commands of the database's command-line client that scripts sometimes carry; not SQL.
    client_commands: frozenset[str] = frozenset()


_MYSQL_CLIENT_COMMANDS = frozenset({"DELIMITER", "SOURCE"})
MYSQL_SYNTAX = ScriptSyntax(
    "MySQL",
    backslash_escapes=True,
    backticks=True,
    hash_comments=True,
    dash_comment_needs_space=True,
    executable_comments=True,
    client_commands=_MYSQL_CLIENT_COMMANDS,
)
MYSQL_NO_BACKSLASH_SYNTAX = ScriptSyntax(
    "MySQL",
    backticks=True,
    hash_comments=True,
    dash_comment_needs_space=True,
    executable_comments=True,
    client_commands=_MYSQL_CLIENT_COMMANDS,
)
POSTGRES_SYNTAX = ScriptSyntax("PostgreSQL", escape_string_prefix=True, dollar_quotes=True, nested_comments=True)


@dataclass(frozen=True)
class Statement:
    """One statement of a script: its 1-based position, its text and the script line it starts on."""

    index: int
    text: str
    line: int

    @property
    def first_line(self) -> str:
        """The statement's first line, shortened for messages."""
        head = self.text.split("\n", 1)[0].strip()
        return head if len(head) <= 80 else head[:77] + "..."

    def describe(self) -> str:
        return f"statement {self.index} (line {self.line}: {self.first_line})"


@dataclass(frozen=True)
class ScanResult:
    statements: list[Statement]
    # False when the text ends inside a quote, comment or stored-program body.
    complete: bool


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_NEXT_WORD = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_$]*)")
_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$")
# Statements whose body may hold semicolons inside BEGIN ... END.
_STORED_PROGRAMS = frozenset({"PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"})
# Object kinds that end the CREATE header without a stored-program body.
_OTHER_OBJECTS = frozenset({"TABLE", "VIEW", "INDEX", "DATABASE", "SCHEMA", "SEQUENCE", "TYPE", "USER", "ROLE"})
# END followed by one of these closes a block we do not count (IF ... END IF).
_END_OF_UNCOUNTED = frozenset({"IF", "LOOP", "WHILE", "REPEAT", "FOR"})


def split_statements(sql: str, syntax: ScriptSyntax) -> ScanResult:
    """The statements of ``sql`` in order; empty ones and comment-only ones are left out."""
    return _Scanner(sql, syntax).run()


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_$"


class _Scanner:
    def __init__(self, sql: str, syntax: ScriptSyntax) -> None:
        self.sql = sql
        self.syntax = syntax
        self.statements: list[Statement] = []
        self._reset_statement()

    def _reset_statement(self) -> None:
        self.start: Optional[int] = None  # offset of the statement's first token
        self.first_word: Optional[str] = None
        self.stored_program = False
        # Still reading "CREATE [OR REPLACE] [DEFINER = ...]" before the kind of object.
        self.header = True
        self.depth = 0

    def _token_at(self, pos: int) -> None:
        if self.start is None:
            self.start = pos

    def _end_statement(self, end: int) -> None:
        if self.start is not None:
            text = self.sql[self.start : end].strip()
            if text:
                line = self.sql.count("\n", 0, self.start) + 1
                self.statements.append(Statement(len(self.statements) + 1, text, line))
        self._reset_statement()

    def run(self) -> ScanResult:
        sql, syntax = self.sql, self.syntax
        n = len(sql)
        i = 0
        complete = True
        while i < n:
            ch = sql[i]
            if ch in " \t\r\n":
                i += 1
            elif ch == ";":
                if self.depth > 0:
                    i += 1
                else:
                    self._end_statement(i)
                    i += 1
            elif ch == "'" or ch == '"' or (ch == "`" and syntax.backticks):
                self._token_at(i)
                backslash = syntax.backslash_escapes and ch != "`"
                if (
                    ch == "'"
                    and syntax.escape_string_prefix
                    and i > 0
                    and sql[i - 1] in "eE"
                    and (i < 2 or not _is_word_char(sql[i - 2]))
                ):
                    backslash = True
                i = self._skip_quoted(i, ch, backslash)
                if i < 0:
                    complete, i = False, n
            elif (ch == "-" and sql.startswith("--", i) and self._dash_comment(i)) or (
                ch == "#" and syntax.hash_comments
            ):
                end = sql.find("\n", i)
                i = n if end < 0 else end + 1
            elif ch == "/" and sql.startswith("/*", i):
                if syntax.executable_comments and sql[i + 2 : i + 3] in ("!", "+"):
                    self._token_at(i)
                i = self._skip_block_comment(i)
                if i < 0:
                    complete, i = False, n
            elif ch == "$" and syntax.dollar_quotes and (i == 0 or not _is_word_char(sql[i - 1])):
                tag = _DOLLAR_TAG.match(sql, i)
                self._token_at(i)
                if tag is None:
                    i += 1
                else:
                    end = sql.find(tag.group(), tag.end())
                    if end < 0:
                        complete, i = False, n
                    else:
                        i = end + len(tag.group())
            elif ch.isalpha() or ch == "_":
                self._token_at(i)
                word = _WORD.match(sql, i)
                assert word is not None
                i = self._word(word.group().upper(), word.end())
            else:
                self._token_at(i)
                if ch == "(":
                    self.header = False
                i += 1
        if self.depth > 0:
            complete = False
        self._end_statement(n)
        return ScanResult(self.statements, complete)

    def _dash_comment(self, i: int) -> bool:
        if not self.syntax.dash_comment_needs_space:
            return True
        after = self.sql[i + 2 : i + 3]
        return after == "" or after.isspace()

    def _skip_quoted(self, i: int, quote: str, backslash: bool) -> int:
        """Offset after the closing quote, or -1 when the text ends first."""
        sql = self.sql
        j = i + 1
        n = len(sql)
        while j < n:
            c = sql[j]
            if backslash and c == "\\":
                j += 2
            elif c == quote:
                if sql[j + 1 : j + 2] == quote:  # a doubled quote stands for itself
                    j += 2
                else:
                    return j + 1
            else:
                j += 1
        return -1

    def _skip_block_comment(self, i: int) -> int:
        sql = self.sql
        if not self.syntax.nested_comments:
            end = sql.find("*/", i + 2)
            return -1 if end < 0 else end + 2
        level = 0
        j = i
        n = len(sql)
        while j < n:
            if sql.startswith("/*", j):
                level += 1
                j += 2
            elif sql.startswith("*/", j):
                level -= 1
                j += 2
                if level == 0:
                    return j
            else:
                j += 1
        return -1

    def _word(self, word: str, end: int) -> int:
        if self.first_word is None:
            self.first_word = word
            return end
        if self.header:
            if self.first_word != "CREATE" or word in _OTHER_OBJECTS:
                self.header = False
            elif word in _STORED_PROGRAMS:
                self.stored_program = True
                self.header = False
        if not self.stored_program:
            return end
        if word in ("BEGIN", "CASE"):
            self.depth += 1
        elif word == "END" and self.depth > 0:
            following = _NEXT_WORD.match(self.sql, end)
            closes = following.group(1).upper() if following else ""
            if closes in _END_OF_UNCOUNTED:
                return following.end() if following else end
            self.depth -= 1
            if closes == "CASE" and following is not None:
                return following.end()
        return end


def refuse_multiple_statements(sql: str, syntax: ScriptSyntax) -> None:
    """Raise :class:`MultipleStatementsError` when ``sql`` certainly holds more than one statement.

    Cheap for the usual case: text without a ``;`` is one statement and is not scanned. Text the
    scanner cannot read to its end is left to the server.
    """
    if ";" not in sql:
        return
    scan = split_statements(sql, syntax)
    if len(scan.statements) > 1 and scan.complete:
        second = scan.statements[1]
        raise MultipleStatementsError(
            f"execute() runs exactly one statement, but this SQL holds {len(scan.statements)} "
            f"({second.describe()} follows the first); run scripts with executescript(), "
            "or send the statements one execute() at a time"
        )


def refuse_client_commands(statements: list[Statement], syntax: ScriptSyntax) -> None:
    """Raise QueryError, before anything runs, when a script carries a command-line client command."""
    for statement in statements:
        word = statement.text.split(None, 1)[0].upper()
        if word in syntax.client_commands:
            raise QueryError(
                f"executescript(): {statement.describe()} is a command of the {syntax.name} command-line "
                f"client ({word}), not SQL; remove it (end every statement, stored-program bodies included, "
                "with ';')"
            )


def script_error(error: BaseException, statement: Statement, total: int) -> BaseException:
    """``error`` restated to name the failing script statement; same class, chained to the original.

    Earlier statements have run (and DDL has committed on most servers): the message says how many.
    """
    where = f"executescript(): {statement.describe()} of {total} failed"
    done = statement.index - 1
    ran = f"; the {done} statement(s) before it ran" if done else ""
    if not isinstance(error, DatabaseError):
        return error
    try:
        restated = type(error)(f"{where}{ran}: {error}")
    except Exception:  # an exception class with a different constructor: keep it as it is
        return error
    for name, value in vars(error).items():
        setattr(restated, name, value)
    restated.statement = statement  # type: ignore[attr-defined]
    restated.__cause__ = error
    return restated


__all__ = [
    "MYSQL_NO_BACKSLASH_SYNTAX",
    "MYSQL_SYNTAX",
    "POSTGRES_SYNTAX",
    "ScanResult",
    "ScriptSyntax",
    "Statement",
    "refuse_client_commands",
    "refuse_multiple_statements",
    "script_error",
    "split_statements",
]
