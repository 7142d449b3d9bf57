"""Data-dictionary queries for the core's introspection API (ALL_ views, filtered by owner).

ALL_ views show what the session may see in any schema, so a ``schema=`` other than the session's
own works where privileges allow. Every selected column has an explicit lower-case alias: the
backend folds the driver's upper-case names back, and the parsers read those aliases. LONG columns
(DATA_DEFAULT, TEXT, COLUMN_EXPRESSION, TRIGGER_BODY) are only selected, never filtered or sorted
on, which is all Oracle allows with them.
"""

from __future__ import annotations

from typing import Optional

SQL = tuple[str, tuple]

DATABASE_INFO = """SELECT SYS_CONTEXT('USERENV', 'DB_NAME') name, SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA') schema_name,
    (SELECT value FROM nls_database_parameters WHERE parameter = 'NLS_CHARACTERSET') encoding,
    (SELECT value FROM nls_database_parameters WHERE parameter = 'NLS_SORT') collation_name,
    DBTIMEZONE timezone, (SELECT COUNT(*) FROM user_tables) table_count FROM DUAL"""


def tables(owner: str, include_views: bool, table_type: Optional[str]) -> SQL:
    base = """SELECT t.table_name name, t.owner schema_name,
        CASE WHEN t.temporary = 'Y' THEN 'TEMPORARY' ELSE 'BASE TABLE' END kind,
        t.num_rows row_count, m.comments comments FROM all_tables t
        LEFT JOIN all_tab_comments m ON m.owner = t.owner AND m.table_name = t.table_name
        WHERE t.owner = ? AND t.nested = 'NO' AND t.secondary = 'N' AND t.dropped = 'NO'"""
    params: list = [owner]
    parts = [base]
    if include_views:
        parts.append(
            "SELECT v.view_name, v.owner, 'VIEW', NULL, m.comments FROM all_views v "
            "LEFT JOIN all_tab_comments m ON m.owner = v.owner AND m.table_name = v.view_name WHERE v.owner = ?"
        )
        params.append(owner)
    sql = " UNION ALL ".join(parts)
    if table_type:
        sql = f"SELECT * FROM ({sql}) WHERE kind = ?"
        params.append(table_type)
    return sql + " ORDER BY 1", tuple(params)


def columns(owner: str, table: str) -> SQL:
    key = """CASE WHEN EXISTS (SELECT 1 FROM all_cons_columns cc JOIN all_constraints k
        ON k.owner = cc.owner AND k.constraint_name = cc.constraint_name
        WHERE cc.owner = c.owner AND cc.table_name = c.table_name AND cc.column_name = c.column_name
        AND k.constraint_type = '{kind}'{single}) THEN 1 ELSE 0 END"""
    single = (
        " AND (SELECT COUNT(*) FROM all_cons_columns x WHERE x.owner = k.owner "
        "AND x.constraint_name = k.constraint_name) = 1"
    )
    return (
        f"""SELECT c.column_name name, c.column_id pos, c.data_type data_type, c.data_length data_length,
        c.char_length char_length, c.char_used char_used, c.data_precision num_prec, c.data_scale num_scale,
        c.nullable nullable, c.data_default default_value, c.identity_column identity_column,
        c.virtual_column virtual_column, c.collation collation_name, m.comments comments,
        ic.generation_type identity_generation, ic.identity_options identity_options,
        {key.format(kind="P", single="")} is_pk, {key.format(kind="U", single=single)} is_unique
        FROM all_tab_cols c LEFT JOIN all_col_comments m
        ON m.owner = c.owner AND m.table_name = c.table_name AND m.column_name = c.column_name
        LEFT JOIN all_tab_identity_cols ic
        ON ic.owner = c.owner AND ic.table_name = c.table_name AND ic.column_name = c.column_name
        WHERE c.owner = ? AND c.table_name = ? AND c.hidden_column = 'NO' ORDER BY c.column_id""",
        (owner, table),
    )


def indexes(owner: str, table: str) -> SQL:
    return (
        """SELECT i.index_name name, i.index_type index_type, i.uniqueness uniqueness, ic.column_name column_name,
        ic.column_position pos, ic.descend descend, e.column_expression expression,
        (SELECT COUNT(*) FROM all_constraints k WHERE k.owner = i.table_owner AND k.table_name = i.table_name
        AND k.index_name = i.index_name AND k.constraint_type = 'P') is_primary
        FROM all_indexes i JOIN all_ind_columns ic ON ic.index_owner = i.owner AND ic.index_name = i.index_name
        LEFT JOIN all_ind_expressions e ON e.index_owner = ic.index_owner AND e.index_name = ic.index_name
        AND e.column_position = ic.column_position
        WHERE i.table_owner = ? AND i.table_name = ? AND i.index_type <> 'LOB'
        ORDER BY i.index_name, ic.column_position""",
        (owner, table),
    )


def foreign_keys(owner: str, table: str) -> SQL:
    return (
        """SELECT c.constraint_name name, cc.column_name column_name, r.owner ref_schema, r.table_name ref_table,
        rc.column_name ref_column, c.delete_rule on_delete, c.deferrable deferrable, c.deferred deferred
        FROM all_constraints c JOIN all_cons_columns cc
        ON cc.owner = c.owner AND cc.constraint_name = c.constraint_name
        JOIN all_constraints r ON r.owner = c.r_owner AND r.constraint_name = c.r_constraint_name
        JOIN all_cons_columns rc ON rc.owner = r.owner AND rc.constraint_name = r.constraint_name
        AND rc.position = cc.position
        WHERE c.owner = ? AND c.table_name = ? AND c.constraint_type = 'R' ORDER BY c.constraint_name, cc.position""",
        (owner, table),
    )


def views(owner: str, name: Optional[str]) -> SQL:
    sql = (
        "SELECT v.view_name name, v.owner schema_name, v.text definition, m.comments comments FROM all_views v "
        "LEFT JOIN all_tab_comments m ON m.owner = v.owner AND m.table_name = v.view_name WHERE v.owner = ?"
    )
    params: list = [owner]
    if name is not None:
        sql += " AND v.view_name = ?"
        params.append(name)
    return sql + " ORDER BY v.view_name", tuple(params)


def triggers(owner: str, table: Optional[str]) -> SQL:
    sql = """SELECT trigger_name name, table_name table_name, owner schema_name, trigger_type trigger_type,
        triggering_event event, when_clause condition, trigger_body definition, status status
        FROM all_triggers WHERE owner = ?"""
    params: list = [owner]
    if table is not None:
        sql += " AND table_name = ?"
        params.append(table)
    return sql + " ORDER BY trigger_name", tuple(params)


def sequences(owner: str) -> SQL:
    return (
        """SELECT sequence_name name, min_value min_value, max_value max_value, increment_by increment_by,
        cycle_flag cycle_flag, order_flag order_flag, cache_size cache_size, last_number last_number
        FROM all_sequences WHERE sequence_owner = ? ORDER BY sequence_name""",
        (owner,),
    )


def synonyms(owner: str) -> SQL:
    return (
        "SELECT synonym_name name, table_owner target_schema, table_name target_name, db_link db_link "
        "FROM all_synonyms WHERE owner = ? ORDER BY synonym_name",
        (owner,),
    )


def materialized_views(owner: str) -> SQL:
    return (
        "SELECT mview_name name, owner schema_name, query definition, refresh_method refresh_method, "
        "refresh_mode refresh_mode, staleness staleness FROM all_mviews WHERE owner = ? ORDER BY mview_name",
        (owner,),
    )
