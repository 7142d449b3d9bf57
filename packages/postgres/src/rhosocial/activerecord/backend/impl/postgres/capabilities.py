"""What each PostgreSQL version can do, as data (toolkit ``CapabilityTable``).

The dialect answers its ``supports_*`` questions from this table for the probed server;
integration tests prove every "yes" live and every "no" raises ``UnsupportedCapabilityError``.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.toolkit.capabilities import ALWAYS, Capability, CapabilityTable

PG = "postgresql"
# Oldest server this backend supports; the probe rejects anything older.
MIN_VERSION = (13, 0, 0)


def _since(version: tuple[int, ...], description: str, name: str) -> Capability:
    return Capability(name, {PG: version}, description)


CAPABILITIES = CapabilityTable(
    "postgres",
    [
        _since(ALWAYS, "INSERT/UPDATE/DELETE ... RETURNING", "returning"),
        _since(ALWAYS, "INSERT ... ON CONFLICT DO NOTHING / DO UPDATE", "upsert"),
        _since((15,), "MERGE statement", "merge"),
        _since((17,), "MERGE ... RETURNING", "merge_returning"),
        _since((17,), "MERGE ... WHEN NOT MATCHED BY SOURCE", "merge_not_matched_by_source"),
        _since((14,), "WITH RECURSIVE ... SEARCH / CYCLE clauses", "cte_search_cycle"),
        _since((14,), "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY / FINALIZE", "detach_partition_concurrently"),
        _since(ALWAYS, "WITH common table expressions", "cte"),
        _since(ALWAYS, "WITH RECURSIVE", "recursive_cte"),
        _since((12,), "WITH ... AS [NOT] MATERIALIZED", "materialized_cte"),
        _since(ALWAYS, "window functions and frames", "window_functions"),
        _since(ALWAYS, "aggregate FILTER (WHERE ...)", "filter_clause"),
        _since(ALWAYS, "LATERAL joins", "lateral_join"),
        _since(ALWAYS, "ROLLUP / CUBE / GROUPING SETS", "advanced_grouping"),
        _since(ALWAYS, "ordered-set aggregates (WITHIN GROUP)", "ordered_set_aggregation"),
        _since(ALWAYS, "json/jsonb types, -> ->> #> operators and functions", "json"),
        _since((14,), "jsonb subscripting (col['key'])", "jsonb_subscripting"),
        _since((17,), "JSON_TABLE", "json_table"),
        _since(ALWAYS, "array types, ARRAY[...] constructor and subscripts", "arrays"),
        _since(ALWAYS, "range types", "ranges"),
        _since((14,), "multirange types", "multiranges"),
        _since(ALWAYS, "SELECT ... FOR UPDATE / FOR SHARE", "for_update"),
        _since(ALWAYS, "FOR UPDATE NOWAIT / SKIP LOCKED", "skip_locked"),
        _since(ALWAYS, "GENERATED ALWAYS AS (...) STORED columns", "stored_generated_columns"),
        _since(ALWAYS, "GENERATED ... AS IDENTITY columns", "identity"),
        _since(ALWAYS, "ILIKE", "ilike"),
        _since(ALWAYS, "full-text search with tsvector/tsquery", "fulltext_search"),
        _since(ALWAYS, "UNION / INTERSECT / EXCEPT", "set_operations"),
        _since(ALWAYS, "savepoints", "savepoints"),
        _since(ALWAYS, "BEGIN ISOLATION LEVEL ... READ ONLY DEFERRABLE", "transaction_modes"),
        _since(ALWAYS, "EXPLAIN (ANALYZE, FORMAT JSON)", "explain"),
        _since(ALWAYS, "TRUNCATE ... RESTART IDENTITY CASCADE", "truncate"),
        _since(ALWAYS, "materialized views", "materialized_views"),
        _since((16,), "SQL/JSON constructors and IS JSON predicate", "sql_json_constructors"),
        _since((18,), "virtual generated columns", "virtual_generated_columns"),
        _since((15,), "UNIQUE NULLS NOT DISTINCT", "unique_nulls_not_distinct"),
        _since((18,), "NOT ENFORCED constraints", "constraint_enforced"),
    ],
)
