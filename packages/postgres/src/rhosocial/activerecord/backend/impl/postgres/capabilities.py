"""What each PostgreSQL version can do, as data (toolkit ``CapabilityTable``).

The dialect answers its ``supports_*`` questions from this table for the probed server;
integration tests prove every "yes" live and every "no" raises ``UnsupportedCapabilityError``.
"""

from __future__ import annotations

from rhosocial.activerecord.backend.toolkit.capabilities import ALWAYS, Capability, CapabilityTable

PG = "postgresql"
# Oldest server this backend supports; the probe rejects anything older.
MIN_VERSION = (13, 0, 0)

# first version with it -> {capability: what it is}
_SINCE: dict[tuple[int, ...], dict[str, str]] = {
    ALWAYS: {
        "returning": "INSERT/UPDATE/DELETE ... RETURNING",
        "upsert": "INSERT ... ON CONFLICT DO NOTHING / DO UPDATE",
        "cte": "WITH common table expressions",
        "recursive_cte": "WITH RECURSIVE",
        "window_functions": "window functions and frames",
        "filter_clause": "aggregate FILTER (WHERE ...)",
        "lateral_join": "LATERAL joins",
        "advanced_grouping": "ROLLUP / CUBE / GROUPING SETS",
        "ordered_set_aggregation": "ordered-set aggregates (WITHIN GROUP)",
        "json": "json/jsonb types, -> ->> #> operators and functions",
        "arrays": "array types, ARRAY[...] constructor and subscripts",
        "ranges": "range types",
        "for_update": "SELECT ... FOR UPDATE / FOR SHARE",
        "skip_locked": "FOR UPDATE NOWAIT / SKIP LOCKED",
        "stored_generated_columns": "GENERATED ALWAYS AS (...) STORED columns",
        "identity": "GENERATED ... AS IDENTITY columns",
        "ilike": "ILIKE",
        "fulltext_search": "full-text search with tsvector/tsquery",
        "set_operations": "UNION / INTERSECT / EXCEPT",
        "savepoints": "savepoints",
        "transaction_modes": "BEGIN ISOLATION LEVEL ... READ ONLY DEFERRABLE",
        "explain": "EXPLAIN (ANALYZE, FORMAT JSON)",
        "truncate": "TRUNCATE ... RESTART IDENTITY CASCADE",
        "materialized_views": "materialized views",
    },
    (12,): {
        "materialized_cte": "WITH ... AS [NOT] MATERIALIZED",
    },
    (14,): {
        "cte_search_cycle": "WITH RECURSIVE ... SEARCH / CYCLE clauses",
        "detach_partition_concurrently": "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY / FINALIZE",
        "jsonb_subscripting": "jsonb subscripting (col['key'])",
        "multiranges": "multirange types",
    },
    (15,): {
        "merge": "MERGE statement",
        "unique_nulls_not_distinct": "UNIQUE NULLS NOT DISTINCT",
    },
    (16,): {
        "sql_json_constructors": "SQL/JSON constructors and IS JSON predicate",
    },
    (17,): {
        "merge_returning": "MERGE ... RETURNING",
        "merge_not_matched_by_source": "MERGE ... WHEN NOT MATCHED BY SOURCE",
        "json_table": "JSON_TABLE",
    },
    (18,): {
        "virtual_generated_columns": "virtual generated columns",
        "constraint_enforced": "NOT ENFORCED constraints",
    },
}

CAPABILITIES = CapabilityTable(
    "postgres",
    [Capability(name, {PG: version}, what) for version, named in _SINCE.items() for name, what in named.items()],
)
