"""The core's schema differ with Oracle's naming: system-named objects are matched by content.

An unnamed constraint gets a name like ``SYS_C0012345`` (and its index the same), new each time the
table is created; comparing snapshots by name would report every such constraint as removed and
added. Those are paired by what they are (columns, uniqueness, referenced table) instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any

from rhosocial.activerecord.backend.schema.differ import SchemaDiffer, TableDiff

_SYSTEM_NAME = re.compile(r"sys_c\d+\Z", re.IGNORECASE)


def _index_key(index: Any) -> Hashable:
    return (index.is_unique, index.is_primary, tuple(c.name for c in index.columns))


def _fk_key(fk: Any) -> Hashable:
    return (tuple(fk.columns), fk.referenced_table, tuple(fk.referenced_columns), fk.on_delete)


def _pair_system_named(added: list, removed: list, key: Callable[[Any], Hashable]) -> tuple[list, list]:
    """Drop added/removed pairs that are the same system-named object under a new name."""
    kept_removed = list(removed)
    kept_added = []
    for item in added:
        twin = next(
            (
                r
                for r in kept_removed
                if _SYSTEM_NAME.match(item.name) and _SYSTEM_NAME.match(r.name) and key(r) == key(item)
            ),
            None,
        )
        if twin is None:
            kept_added.append(item)
        else:
            kept_removed.remove(twin)
    return kept_added, kept_removed


class OracleSchemaDiffer(SchemaDiffer):
    def _diff_table(self, name: str, old_tbl: Any, new_tbl: Any) -> TableDiff:
        diff = super()._diff_table(name, old_tbl, new_tbl)
        diff.added_indexes, diff.removed_indexes = _pair_system_named(
            diff.added_indexes, diff.removed_indexes, _index_key
        )
        diff.added_foreign_keys, diff.removed_foreign_keys = _pair_system_named(
            diff.added_foreign_keys, diff.removed_foreign_keys, _fk_key
        )
        return diff
