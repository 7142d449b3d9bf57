"""Per-database code tables. Data only: one module per database family."""

from .mysql import MYSQL_CONNECT_ERRORS, MYSQL_CONNECT_MESSAGES, MYSQL_ERRORS
from .oracle import ORACLE_ERRORS
from .sqlstate import POSTGRES_ERRORS

__all__ = ["MYSQL_CONNECT_ERRORS", "MYSQL_CONNECT_MESSAGES", "MYSQL_ERRORS", "ORACLE_ERRORS", "POSTGRES_ERRORS"]
