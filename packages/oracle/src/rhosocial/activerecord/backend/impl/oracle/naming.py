"""Identifier case policy.

Oracle folds unquoted names to UPPER CASE and treats quoted names as exact. The dialect always
quotes (so reserved words such as ``order``, ``user`` or ``date`` are safe) and:

- a name written all in lower case (``users``, ``created_at``) is sent as its upper-case form
  (``"USERS"``): the same object an unquoted ``CREATE TABLE users`` made;
- any other name (``CamelCase``, ``Mixed_Name``, ``UPPER``) is sent exactly as written.

Result column names come back from the driver upper-cased for such objects; names that are
entirely upper case and simple are folded back to lower case, so models see ``id``, not ``ID``.
A column really named in upper case reads back in lower case: declare it in mixed case or
quote it differently if that matters.
"""

from __future__ import annotations

import re

_SIMPLE_LOWER = re.compile(r"[a-z][a-z0-9_$#]*\Z")
_SIMPLE_UPPER = re.compile(r"[A-Z][A-Z0-9_$#]*\Z")


def to_oracle(name: str) -> str:
    """The exact (case-sensitive) Oracle name for a model-side name."""
    return name.upper() if _SIMPLE_LOWER.match(name) else name


def from_oracle(name: str) -> str:
    """The model-side name for a column name the driver reports."""
    return name.lower() if _SIMPLE_UPPER.match(name) else name


def quote(name: str) -> str:
    """``name`` as a quoted identifier following the policy above."""
    return '"' + to_oracle(name).replace('"', '""') + '"'
