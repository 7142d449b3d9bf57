"""The catalog-name helpers and the foreign-key parser the three introspectors share (toolkit/introspection.py)."""

from __future__ import annotations

from rhosocial.activerecord.backend.introspection.types import ColumnNullable, IndexType, ReferentialAction
from rhosocial.activerecord.backend.toolkit.introspection import (
    database_info,
    foreign_keys,
    index_type,
    nullability,
    referential_action,
)


def test_index_type_reads_any_case_and_aliases() -> None:
    assert index_type("btree") is IndexType.BTREE
    assert index_type("GIN") is IndexType.GIN
    assert index_type("RTREE") is IndexType.SPATIAL
    assert index_type("brin") is IndexType.UNKNOWN
    assert index_type(None) is IndexType.UNKNOWN


def test_referential_action_and_nullability() -> None:
    assert referential_action("SET NULL") is ReferentialAction.SET_NULL
    assert referential_action("CASCADE") is ReferentialAction.CASCADE
    assert referential_action(None) is ReferentialAction.NO_ACTION
    assert referential_action("bogus") is ReferentialAction.NO_ACTION
    assert nullability(True) is ColumnNullable.NULLABLE
    assert nullability(0) is ColumnNullable.NOT_NULL


def _row(name: str, column: str, ref: str, **more: object) -> dict:
    return {"name": name, "column_name": column, "ref_schema": "s", "ref_table": "PARENT", "ref_column": ref, **more}


def test_foreign_keys_one_per_constraint_in_order() -> None:
    rows = [
        _row("FK_B", "A", "X", on_delete="CASCADE", deferrable="DEFERRABLE"),
        _row("FK_B", "B", "Y", on_delete="CASCADE", deferrable="DEFERRABLE"),
        _row("FK_A", "C", "Z"),
    ]
    keys = foreign_keys(rows, "child", "s", str.lower, deferrable=lambda r: r.get("deferrable") == "DEFERRABLE")
    assert [k.name for k in keys] == ["fk_b", "fk_a"]
    first, second = keys
    assert (first.columns, first.referenced_columns, first.referenced_table) == (["a", "b"], ["x", "y"], "parent")
    assert (first.on_delete, first.on_update, first.deferrable) == (
        ReferentialAction.CASCADE,
        ReferentialAction.NO_ACTION,
        True,
    )
    assert (second.on_delete, second.deferrable, second.table_name, second.schema) == (
        ReferentialAction.NO_ACTION,
        False,
        "child",
        "s",
    )
    unfolded = foreign_keys([_row("Fk", "Col", "Ref", on_update="RESTRICT")], "t", "s")
    assert (unfolded[0].name, unfolded[0].columns, unfolded[0].on_update) == ("Fk", ["Col"], ReferentialAction.RESTRICT)


def test_database_info_from_the_first_row() -> None:
    row = {"name": "db", "version": "11.4.2-MariaDB", "encoding": "utf8mb4", "collation_name": "c", "table_count": 3}
    info = database_info([row], vendor="MariaDB", release=(11, 4))
    assert (info.name, info.version, info.version_tuple, info.vendor) == ("db", "11.4.2-MariaDB", (11, 4, 0), "MariaDB")
    assert (info.encoding, info.collation, info.table_count, info.size_bytes, info.extra) == (
        "utf8mb4",
        "c",
        3,
        None,
        {},
    )
    listed = database_info(
        [{"name": None, "schema_name": "app", "size_bytes": 9}], vendor="X", release=(16,), version="16.2"
    )
    assert (listed.name, listed.version, listed.extra, listed.size_bytes) == ("", "16.2", {"schema": "app"}, 9)
    empty = database_info([], vendor="X", release=())
    assert (empty.name, empty.version, empty.version_tuple) == ("", "", (0, 0, 0))
