"""Several DDL statements, or one that must tolerate a given error, as ONE anonymous PL/SQL block.

Oracle runs one statement per call and DDL takes no bind parameters, so a statement the core asks
for that needs more than one Oracle statement (CREATE TABLE plus COMMENT ON COLUMN) or an
``IF [NOT] EXISTS`` below 23ai becomes::

    BEGIN EXECUTE IMMEDIATE '<stmt 1>'; EXECUTE IMMEDIATE '<stmt 2>';
    EXCEPTION WHEN OTHERS THEN IF SQLCODE != -955 THEN RAISE; END IF; END;

Only the one expected error code is swallowed; any other error is raised unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

# The SQLCODE each idempotent form ignores (Oracle Database Error Messages).
ALREADY_EXISTS = -955  # ORA-00955: name is already used by an existing object
TABLE_MISSING = -942  # ORA-00942: table or view does not exist
SEQUENCE_MISSING = -2289  # ORA-02289: sequence does not exist
INDEX_MISSING = -1418  # ORA-01418: specified index does not exist


def quote_statement(statement: str) -> str:
    """``statement`` as a PL/SQL string literal for EXECUTE IMMEDIATE."""
    return "'" + statement.replace("'", "''") + "'"


def execute_block(statements: Sequence[str], ignore_sqlcode: Optional[int] = None) -> str:
    """One anonymous block running ``statements`` in order, ignoring only ``ignore_sqlcode``."""
    if not statements:
        raise ValueError("a block needs at least one statement")
    body = " ".join(f"EXECUTE IMMEDIATE {quote_statement(s)};" for s in statements)
    handler = (
        f" EXCEPTION WHEN OTHERS THEN IF SQLCODE != {ignore_sqlcode} THEN RAISE; END IF;"
        if ignore_sqlcode is not None
        else ""
    )
    return f"BEGIN {body}{handler} END;"
