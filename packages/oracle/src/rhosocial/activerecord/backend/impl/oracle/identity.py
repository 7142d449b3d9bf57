"""The identity clause Oracle writes for the core's ``is_auto_increment``.

The core carries only the flag; the kind and the sequence options come from the constraint's
``dialect_options``::

    ColumnConstraint(PRIMARY_KEY, is_auto_increment=True,
                     dialect_options={"identity": "always", "identity_options": {"start": 100, "cache": 20}})

``identity``: ``"by default"`` (the default: explicit values are accepted), ``"always"`` (never
supplied by the application), ``"by default on null"`` (a NULL in an INSERT takes the next value).
Unknown kinds or options, and identities on non-numeric types, raise: nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError

KINDS = {
    "by default": "BY DEFAULT",
    "always": "ALWAYS",
    "by default on null": "BY DEFAULT ON NULL",
}

# identity_options in Oracle's order and spelling (SQL Language Reference, identity_clause).
_NUMERIC = {"start": "START WITH", "increment": "INCREMENT BY", "minvalue": "MINVALUE", "maxvalue": "MAXVALUE"}
_FLAGS = {"cycle": ("CYCLE", "NOCYCLE"), "order": ("ORDER", "NOORDER")}


def identity_clause(dialect: str, column: str, type_sql: str, options: Optional[Mapping[str, Any]]) -> str:
    if not type_sql.startswith("NUMBER") and not type_sql.startswith(("INTEGER", "SMALLINT")):
        raise UnsupportedFeatureError(dialect, f"identity on {column!r} of type {type_sql}", "needs a numeric type")
    opts = dict(options or {})
    kind_name = str(opts.pop("identity", "by default")).lower()
    settings = dict(opts.pop("identity_options", None) or {})
    if opts:
        raise UnsupportedFeatureError(dialect, f"identity dialect_options {sorted(opts)}")
    if kind_name not in KINDS:
        raise UnsupportedFeatureError(dialect, f"identity kind {kind_name!r}", f"choose one of {sorted(KINDS)}")
    parts = []
    for key, keyword in _NUMERIC.items():
        if key in settings:
            parts.append(f"{keyword} {int(settings.pop(key))}")
    if "cache" in settings:
        cache = settings.pop("cache")
        parts.append("NOCACHE" if cache in (None, 0, False) else f"CACHE {int(cache)}")
    for key, (yes, no) in _FLAGS.items():
        if key in settings:
            parts.append(yes if settings.pop(key) else no)
    if settings:
        raise UnsupportedFeatureError(dialect, f"identity_options {sorted(settings)}")
    tail = f" ({' '.join(parts)})" if parts else ""
    return f"GENERATED {KINDS[kind_name]} AS IDENTITY{tail}"
