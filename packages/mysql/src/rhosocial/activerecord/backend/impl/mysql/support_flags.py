"""Each core ``supports_*`` question the dialects answer, as data.

A constant is what every supported MySQL and MariaDB version has or lacks; a string names a
capability in ``capabilities.py``, answered for the probed flavour and version. The toolkit's
``support_flags`` installs one method per entry on :class:`MySQLDialect` (questions whose answer is
not a plain lookup stay written out there or in its mixins).
"""

from __future__ import annotations

from rhosocial.activerecord.backend.toolkit.support_flags import Flag

SUPPORT_FLAGS: dict[str, Flag] = {
    # CTE and window functions
    "supports_basic_cte": "cte",
    "supports_recursive_cte": "cte",
    "supports_materialized_cte": False,
    "supports_window_functions": "window_functions",
    "supports_window_frame_clause": "window_functions",
    # RETURNING (MariaDB)
    "supports_returning_insert": "returning_insert",
    "supports_returning_update": False,
    "supports_returning_delete": "returning_delete",
    # JSON
    "supports_json_type": "json_type",
    "supports_json_arrow_operators": "json_arrow",
    "supports_json_table": "json_table",
    # joins and set operations
    "supports_right_join": True,
    "supports_explicit_inner_join": True,
    "supports_full_join": False,
    "supports_lateral_join": "lateral_join",
    "supports_union": True,
    "supports_union_all": True,
    "supports_intersect": "intersect_except",
    "supports_except": "intersect_except",
    "supports_set_operation_order_by": True,
    "supports_set_operation_limit_offset": True,
    "supports_set_operation_for_update": False,
    # CREATE TABLE ... TABLESPACE
    "supports_table_tablespace": "table_tablespace",
    # grouping and aggregates MySQL lacks in the portable spelling
    "supports_rollup": True,  # rendered as GROUP BY ... WITH ROLLUP (mixins/grouping.py)
    "supports_cube": False,
    "supports_grouping_sets": False,
    "supports_filter_clause": False,
    "supports_ordered_set_aggregation": False,
    "supports_qualify_clause": False,
    "supports_merge_statement": False,
    "supports_array_type": False,
    "supports_array_constructor": False,
    "supports_array_access": False,
    # MySQL/MariaDB's own (no core question; same names as on our other backends)
    "supports_invisible_columns": "invisible_columns",
    "supports_vector_type": "vector_type",
    "supports_vector_index": "vector_index",
    # DDL
    "supports_if_not_exists_table": True,
    "supports_if_exists_table": True,
    "supports_table_like_syntax": True,
    "supports_check_constraint": "check_constraints",
    "supports_fk_match": False,
    "supports_deferrable_constraint": False,
    "supports_constraint_enforced": False,
    "supports_index_if_not_exists": "if_not_exists_index",
    "supports_index_if_exists": "if_not_exists_index",
    "supports_functional_index": "functional_index",
    "supports_index_type": True,
    "supports_fulltext_index": True,
    "supports_generated_columns": "generated_columns",
    "supports_stored_generated_columns": "generated_columns",
    "supports_virtual_generated_columns": "generated_columns",
    "supports_or_replace_view": True,
    "supports_if_exists_view": True,
    "supports_view_check_option": True,
    "supports_create_schema": True,  # a schema is a database
    "supports_drop_schema": True,
    "supports_schema_if_not_exists": True,
    "supports_schema_if_exists": True,
    "supports_truncate": True,
    # COLLATE
    "supports_collate_expression": True,
    # ALTER TABLE (MariaDB's IF [NOT] EXISTS)
    "supports_add_column_if_not_exists": "add_column_if_not_exists",
    "supports_drop_column_if_exists": "add_column_if_not_exists",
    "supports_drop_constraint_if_exists": "drop_constraint_if_exists",
    # DROP / TRUNCATE / views
    "supports_drop_table_cascade": False,  # parsed and ignored by the server
    "supports_schema_cascade": True,  # DROP DATABASE removes everything in it
    "supports_truncate_restart_identity": True,  # TRUNCATE always resets AUTO_INCREMENT
    "supports_cascade_view": False,
    "supports_temporary_view": False,
    # INSERT ... ON DUPLICATE KEY UPDATE
    "supports_upsert": True,
    "supports_on_conflict_clause": True,
    "supports_multiple_on_conflict_clauses": False,
    # EXPLAIN
    "supports_explain_analyze": "explain_analyze",
    # ILIKE (written as LOWER(x) LIKE LOWER(p))
    "supports_ilike": True,
    # introspection (introspector.*)
    "supports_introspection": True,
    "supports_database_info": True,
    "supports_table_introspection": True,
    "supports_column_introspection": True,
    "supports_index_introspection": True,
    "supports_foreign_key_introspection": True,
    "supports_view_introspection": True,
    "supports_trigger_introspection": True,
    "supports_partition_info": True,  # introspector.list_partitions()
    # row locks
    "supports_for_update": True,
    "supports_for_update_skip_locked": "skip_locked",
    "supports_for_update_nowait": "nowait",
    # partitions (mysql.partitions)
    "supports_table_partitioning": True,
    "supports_partitioned_table_creation": True,
    "supports_partition_metadata_introspection": True,
    "supports_range_table_partitioning": True,
    "supports_list_table_partitioning": True,
    "supports_hash_table_partitioning": True,
    "supports_add_partition": True,
    "supports_drop_partition": True,
    "supports_truncate_partition": True,
    "supports_reorganize_partition": True,
    # sequences (MariaDB 10.3+)
    "supports_sequence": "sequences",
    "supports_create_sequence": "sequences",
    "supports_drop_sequence": "sequences",
    "supports_alter_sequence": "sequences",
    "supports_sequence_if_not_exists": "sequences",
    "supports_sequence_if_exists": "sequences",
    "supports_sequence_cycle": "sequences",
    "supports_sequence_cache": "sequences",
    # LIMIT / OFFSET
    "supports_offset_without_limit": True,  # rendered as LIMIT <max> OFFSET n
    # system-versioned tables (MariaDB)
    "supports_temporal_tables": "system_versioning",
    # transactions
    "supports_transaction_mode": True,
    "supports_isolation_level_in_begin": False,
    "supports_read_only_transaction": True,
    "supports_deferrable_transaction": False,
    "supports_savepoint": True,
    # triggers
    "supports_trigger": True,
    "supports_create_trigger": True,
    "supports_drop_trigger": True,
}

__all__ = ["SUPPORT_FLAGS"]
