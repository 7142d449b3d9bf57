"""The PostgreSQL SQL dialect: the core's standard-SQL mixins, ``supports_*`` answered from data.

``SUPPORT_FLAGS`` maps each core ``supports_*`` question to a capability in ``capabilities.py`` (or to a
plain True/False for what every supported version has or lacks). Only formatting that differs from the
core's standard SQL is written out here or in ``mixins/``.
"""

from __future__ import annotations

from typing import Union

from rhosocial.activerecord.backend.dialect.mixins import FunctionMixin
from rhosocial.activerecord.backend.toolkit.capabilities import CapabilityGates
from rhosocial.activerecord.backend.toolkit.dialect_bases import (
    CoreDialectMixins,
    CoreDialectProtocols,
    SchemaDialectMixins,
    SchemaDialectProtocols,
)
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, target_server
from rhosocial.activerecord.backend.toolkit.support_flags import support_flags

from .capabilities import CAPABILITIES, MIN_VERSION, PG
from .ddl_objects import PostgresDDLObjectsMixin
from .extensions import PostgresExtensionDDLMixin
from .merge import PostgresMergeMixin
from .mixins.cte_search_cycle import PostgresCTESearchCycleMixin
from .mixins.datetime import PostgresDateTimeMixin
from .mixins.ddl import PostgresDDLMixin
from .mixins.ddl_index import PostgresIndexMixin
from .mixins.ddl_literals import PostgresDDLLiteralsMixin
from .mixins.ddl_sequence import PostgresSequenceMixin
from .mixins.ddl_table import PostgresTableMixin
from .mixins.ddl_view import PostgresViewMixin
from .mixins.distinct_on import PostgresDistinctOnMixin
from .mixins.explain import PostgresExplainMixin
from .mixins.fulltext import PostgresFulltextMixin
from .mixins.fulltext_index import PostgresFulltextIndexMixin
from .mixins.json import PostgresJSONMixin
from .mixins.options import refuse_unknown_options
from .mixins.query import PostgresQueryMixin
from .mixins.routines import PostgresRoutinesMixin
from .mixins.transaction import PostgresTransactionMixin
from .mixins.types import PostgresTypeMixin
from .mixins.types_parse import PostgresTypeParseMixin
from .partitioning import PostgresPartitionMixin

Flag = Union[str, bool]

# core ``supports_*`` method -> capability name (version-gated) or a constant answer.
SUPPORT_FLAGS: dict[str, Flag] = {
    # query features
    "supports_basic_cte": "cte",
    "supports_recursive_cte": "recursive_cte",
    "supports_materialized_cte": "materialized_cte",
    "supports_window_functions": "window_functions",
    "supports_window_frame_clause": "window_functions",
    "supports_rollup": "advanced_grouping",
    "supports_cube": "advanced_grouping",
    "supports_grouping_sets": "advanced_grouping",
    "supports_returning_insert": "returning",
    "supports_returning_update": "returning",
    "supports_returning_delete": "returning",
    "supports_returning_clause": "returning",
    "supports_upsert": "upsert",
    "supports_on_conflict_clause": "upsert",
    "supports_multiple_on_conflict_clauses": False,
    "supports_lateral_join": "lateral_join",
    "supports_inner_join": True,
    "supports_left_join": True,
    "supports_right_join": True,
    "supports_full_join": True,
    "supports_cross_join": True,
    "supports_natural_join": True,
    "supports_explicit_inner_join": True,
    "supports_array_type": "arrays",
    "supports_array_constructor": "arrays",
    "supports_array_access": "arrays",
    "supports_json_type": "json",
    "supports_json_arrow_operators": "json",
    "supports_json_table": "json_table",
    "supports_explain_analyze": "explain",
    "supports_filter_clause": "filter_clause",
    "supports_ordered_set_aggregation": "ordered_set_aggregation",
    "supports_merge_statement": "merge",
    "supports_merge_returning": "merge_returning",
    "supports_merge_not_matched_by_source": "merge_not_matched_by_source",
    "supports_distinct_on": True,
    "supports_cte_search_cycle": "cte_search_cycle",
    # declarative partitioning (partitioning.py)
    "supports_table_partitioning": True,
    "supports_partitioned_table_creation": True,
    "supports_range_table_partitioning": True,
    "supports_list_table_partitioning": True,
    "supports_hash_table_partitioning": True,
    "supports_subpartitioning": True,
    "supports_attach_partition": True,
    "supports_detach_partition": True,
    "supports_detach_partition_concurrently": "detach_partition_concurrently",
    "supports_for_update": "for_update",
    "supports_for_update_skip_locked": "skip_locked",
    "supports_for_update_nowait": "skip_locked",
    "supports_offset_without_limit": True,
    "supports_ilike": "ilike",
    "supports_collate_expression": True,
    "supports_union": "set_operations",
    "supports_union_all": "set_operations",
    "supports_intersect": "set_operations",
    "supports_except": "set_operations",
    "supports_set_operation_order_by": "set_operations",
    "supports_set_operation_limit_offset": "set_operations",
    "supports_set_operation_for_update": False,
    # DDL
    "supports_create_table": True,
    "supports_drop_table": True,
    "supports_alter_table": True,
    "supports_temporary_table": True,
    "supports_if_not_exists_table": True,
    "supports_if_exists_table": True,
    "supports_drop_table_cascade": True,
    "supports_drop_table_restrict": True,
    "supports_table_tablespace": True,
    "supports_drop_column": True,
    "supports_alter_column_type": True,
    "supports_rename_column": True,
    "supports_rename_table": True,
    "supports_table_like_syntax": True,
    "supports_primary_key_constraint": True,
    "supports_unique_constraint": True,
    "supports_not_null_constraint": True,
    "supports_check_constraint": True,
    "supports_foreign_key_constraint": True,
    "supports_fk_on_delete": True,
    "supports_fk_on_update": True,
    "supports_fk_match": True,
    "supports_deferrable_constraint": True,
    "supports_constraint_enforced": "constraint_enforced",
    "supports_add_constraint": True,
    "supports_drop_constraint": True,
    "supports_add_column_if_not_exists": True,
    "supports_drop_column_if_exists": True,
    "supports_drop_constraint_if_exists": True,
    "supports_create_view": True,
    "supports_drop_view": True,
    "supports_or_replace_view": True,
    "supports_temporary_view": True,
    "supports_materialized_view": "materialized_views",
    "supports_refresh_materialized_view": "materialized_views",
    "supports_materialized_view_tablespace": "materialized_views",
    "supports_materialized_view_storage_options": "materialized_views",
    "supports_if_exists_view": True,
    "supports_view_check_option": True,
    "supports_cascade_view": True,
    "supports_truncate": "truncate",
    "supports_truncate_table_keyword": "truncate",
    "supports_truncate_restart_identity": "truncate",
    "supports_truncate_cascade": "truncate",
    "supports_create_schema": True,
    "supports_drop_schema": True,
    "supports_schema_if_not_exists": True,
    "supports_schema_if_exists": True,
    "supports_schema_cascade": True,
    "supports_schema_authorization": True,
    "supports_create_index": True,
    "supports_drop_index": True,
    "supports_unique_index": True,
    "supports_index_if_not_exists": True,
    "supports_index_if_exists": True,
    "supports_index_type": True,
    "supports_partial_index": True,
    "supports_functional_index": True,
    "supports_index_include": True,
    "supports_index_tablespace": True,
    "supports_concurrent_index": True,
    # Full-text search works through tsvector/tsquery; the core's FULLTEXT index is GIN over to_tsvector.
    "supports_fulltext_search": "fulltext_search",
    "supports_sequence": True,
    "supports_create_sequence": True,
    "supports_drop_sequence": True,
    "supports_alter_sequence": True,
    "supports_sequence_if_not_exists": True,
    "supports_sequence_if_exists": True,
    "supports_sequence_cycle": True,
    "supports_sequence_cache": True,
    "supports_sequence_owned_by": True,
    "supports_trigger": True,
    "supports_create_trigger": True,
    "supports_drop_trigger": True,
    "supports_instead_of_trigger": True,
    "supports_statement_trigger": True,
    "supports_trigger_referencing": True,
    "supports_trigger_when": True,
    "supports_function": True,
    "supports_create_function": True,
    "supports_drop_function": True,
    "supports_function_or_replace": True,
    "supports_function_parameters": True,
    "supports_generated_columns": "stored_generated_columns",
    "supports_stored_generated_columns": "stored_generated_columns",
    "supports_virtual_generated_columns": "virtual_generated_columns",
    # transactions
    "supports_transaction_mode": "transaction_modes",
    "supports_isolation_level_in_begin": "transaction_modes",
    "supports_read_only_transaction": "transaction_modes",
    "supports_deferrable_transaction": "transaction_modes",
    "supports_savepoint": "savepoints",
}


_flags_from_data = support_flags(SUPPORT_FLAGS, ask="supports_capability", product="PostgreSQL")


def _default_server() -> ServerInfo:
    # Before the first probe the dialect assumes the oldest supported server, so nothing is over-claimed.
    return ServerInfo(product=PG, flavour=PG, version=MIN_VERSION)


@refuse_unknown_options
@_flags_from_data
class PostgresDialect(
    PostgresCTESearchCycleMixin,
    PostgresDDLObjectsMixin,
    PostgresPartitionMixin,
    PostgresExtensionDDLMixin,
    PostgresMergeMixin,
    PostgresDistinctOnMixin,
    PostgresTypeParseMixin,
    PostgresDateTimeMixin,
    PostgresDDLLiteralsMixin,
    PostgresTableMixin,
    PostgresIndexMixin,
    PostgresViewMixin,
    PostgresSequenceMixin,
    PostgresRoutinesMixin,
    PostgresQueryMixin,
    PostgresFulltextMixin,
    PostgresFulltextIndexMixin,
    PostgresTypeMixin,
    PostgresTransactionMixin,
    PostgresJSONMixin,
    PostgresDDLMixin,
    PostgresExplainMixin,
    CoreDialectMixins,
    SchemaDialectMixins,
    FunctionMixin,
    CapabilityGates,
    # protocols, for the suite's isinstance() checks
    CoreDialectProtocols,
    SchemaDialectProtocols,
):
    """PostgreSQL 13+ dialect; capability answers follow the server probed at connect."""

    CAPABILITIES = CAPABILITIES

    def __init__(
        self,
        server: Union[ServerInfo, tuple, list, None] = None,
        *,
        version: Union[tuple, list, None] = None,
    ) -> None:
        """``PostgresDialect()``, ``PostgresDialect(server_info)``, or offline from a version:
        ``PostgresDialect((14, 0, 0))`` / ``PostgresDialect(version=(14, 0))`` renders for that server."""
        super().__init__()
        self.server = target_server(server, version, assumed=_default_server())

    @property
    def name(self) -> str:
        return "postgres"

    # --- server identity ---------------------------------------------------------------

    @property
    def server(self) -> ServerInfo:
        return self._server

    @server.setter
    def server(self, info: ServerInfo) -> None:
        self._server = info
        self._version = tuple(((*tuple(info.version), 0, 0, 0))[:3])  # type: ignore[assignment]

    @property
    def version(self):  # type: ignore[override]
        return self._version

    @version.setter
    def version(self, value) -> None:
        version = tuple(((*tuple(value), 0, 0, 0))[:3])
        self._server = ServerInfo(PG, PG, version, self._server.version_string, self._server.settings)
        self._version = version

    # the name SUPPORT_FLAGS and the mixins ask
    supports_capability = CapabilityGates.has_capability

    # --- placeholders (get_parameter_placeholder: mixins/ddl_literals.py) -----------------

    def get_upsert_syntax_type(self) -> str:
        return "ON CONFLICT"

    def get_json_access_operator(self) -> str:
        return "->"

    def supports_explain_format(self, format_type: str) -> bool:
        return format_type.upper() in ("TEXT", "JSON", "XML", "YAML")

    def get_supported_index_types(self) -> list[str]:
        # HNSW and IVFFLAT come with pgvector (the server says so when it is not installed)
        return ["BTREE", "HASH", "GIN", "GIST", "SPGIST", "BRIN", "HNSW", "IVFFLAT"]

    def supports_functions(self) -> dict[str, bool]:
        from rhosocial.activerecord.backend.expression.functions import __all__ as core_functions

        return {name: True for name in core_functions}
