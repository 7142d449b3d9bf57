"""Catalogue SQL for ``backend.introspector`` (pg_catalog; ``%s`` parameters, schema first)."""

from __future__ import annotations

from typing import Optional

SQL = tuple[str, tuple]

DATABASE_INFO = """SELECT current_database() AS name, pg_encoding_to_char(d.encoding) AS encoding,
    d.datcollate AS collation_name, current_setting('TimeZone') AS timezone,
    pg_database_size(d.oid) AS size_bytes, current_schema() AS schema_name
    FROM pg_database d WHERE d.datname = current_database()"""

_REL = "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "

# table_type filter of the core's list_tables -> relkinds
_KINDS = {None: "rpvmf", "BASE_TABLE": "rp", "VIEW": "vm", "EXTERNAL": "f"}


def tables(schema: str, include_views: bool, table_type: Optional[str]) -> SQL:
    kinds = _KINDS.get(table_type, "rp")
    if not include_views:
        kinds = "".join(k for k in kinds if k not in "vm")
    return (
        "SELECT c.relname AS name, n.nspname AS schema_name, c.relkind AS kind, c.relispartition AS is_partition, "
        "obj_description(c.oid, 'pg_class') AS comments, c.reltuples::bigint AS row_count "
        + _REL
        + "WHERE n.nspname = %s AND strpos(%s, c.relkind::text) > 0 ORDER BY c.relname",  # relkinds as one string
        (schema, kinds),
    )


def columns(schema: str, table: str) -> SQL:
    return (
        """SELECT a.attname AS name, a.attnum AS pos, format_type(a.atttypid, a.atttypmod) AS type_full,
        t.typname AS type_name, t.typtype AS type_kind, NOT a.attnotnull AS nullable,
        pg_get_expr(d.adbin, d.adrelid) AS default_value, a.attidentity AS identity, a.attgenerated AS generated,
        col_description(a.attrelid, a.attnum) AS comments, co.collname AS collation_name,
        EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary
        AND a.attnum = ANY(i.indkey)) AS is_pk,
        EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisunique AND i.indnkeyatts = 1
        AND i.indkey[0] = a.attnum AND i.indpred IS NULL) AS is_unique
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
        WHERE n.nspname = %s AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""",
        (schema, table),
    )


def indexes(schema: str, table: str) -> SQL:
    # indoption bits: 1 = DESC, 2 = NULLS FIRST; indclass holds the operator class of each key column.
    return (
        """SELECT ci.relname AS name, i.indisunique AS is_unique, i.indisprimary AS is_primary, am.amname AS method,
        pg_get_expr(i.indpred, i.indrelid) AS predicate, i.indnkeyatts AS key_count,
        pg_get_indexdef(i.indexrelid) AS definition, ci.reloptions AS storage,
        (to_jsonb(i) ->> 'indnullsnotdistinct')::boolean AS nulls_not_distinct,
        obj_description(ci.oid, 'pg_class') AS comments,
        ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts) k ORDER BY k)
        AS items,
        ARRAY(SELECT i.indkey[k - 1] = 0 FROM generate_series(1, i.indnatts) k ORDER BY k) AS expression_items,
        ARRAY(SELECT (i.indoption[k - 1] & 1) = 1 FROM generate_series(1, i.indnkeyatts) k ORDER BY k)
        AS descending,
        ARRAY(SELECT (i.indoption[k - 1] & 2) = 2 FROM generate_series(1, i.indnkeyatts) k ORDER BY k)
        AS nulls_first,
        ARRAY(SELECT CASE WHEN o.opcdefault THEN '' ELSE o.opcname END FROM generate_series(1, i.indnkeyatts) k
        JOIN pg_opclass o ON o.oid = i.indclass[k - 1] ORDER BY k) AS opclasses
        FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ci.relam
        WHERE n.nspname = %s AND c.relname = %s ORDER BY ci.relname""",
        (schema, table),
    )


def _names(keys: str, relation: str) -> str:
    return (
        f"ARRAY(SELECT a.attname FROM unnest(con.{keys}) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a "
        f"ON a.attrelid = con.{relation} AND a.attnum = k.attnum ORDER BY k.ord)"
    )


def foreign_keys(schema: str, table: str) -> SQL:
    return (
        f"""SELECT con.conname AS name, rc.relname AS ref_table, rn.nspname AS ref_schema,
        {_names("conkey", "conrelid")} AS columns, {_names("confkey", "confrelid")} AS ref_columns,
        con.confupdtype AS on_update, con.confdeltype AS on_delete, con.condeferrable AS deferrable,
        con.condeferred AS deferred, con.confmatchtype AS match_type
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE con.contype = 'f' AND n.nspname = %s AND c.relname = %s ORDER BY con.conname""",
        (schema, table),
    )


def views(schema: str, name: Optional[str], kinds: str = "v") -> SQL:
    return (
        """SELECT c.relname AS name, n.nspname AS schema_name, c.relkind AS kind,
        pg_get_viewdef(c.oid, true) AS definition, obj_description(c.oid, 'pg_class') AS comments,
        v.is_updatable, v.is_insertable_into, v.check_option, c.relispopulated AS populated """
        + _REL
        + "LEFT JOIN information_schema.views v ON v.table_schema = n.nspname AND v.table_name = c.relname "
        "WHERE n.nspname = %s AND strpos(%s, c.relkind::text) > 0 AND (%s::text IS NULL OR c.relname = %s) "
        "ORDER BY c.relname",
        (schema, kinds, name, name),
    )


def triggers(schema: str, table: Optional[str]) -> SQL:
    return (
        """SELECT t.tgname AS name, c.relname AS table_name, n.nspname AS schema_name, t.tgtype AS tgtype,
        pg_get_triggerdef(t.oid, true) AS definition, t.tgenabled AS enabled
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND n.nspname = %s AND (%s::text IS NULL OR c.relname = %s) ORDER BY t.tgname""",
        (schema, table, table),
    )


def sequences(schema: str) -> SQL:
    return (
        """SELECT s.sequencename AS name, s.data_type::text AS data_type, s.start_value, s.increment_by,
        s.min_value, s.max_value, s.cycle, s.cache_size, s.last_value,
        (SELECT d.refobjid::regclass::text || '.' || a.attname FROM pg_depend d JOIN pg_attribute a
        ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid WHERE d.objid =
        (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass
        AND d.deptype IN ('a', 'i') LIMIT 1) AS owned_by
        FROM pg_sequences s WHERE s.schemaname = %s ORDER BY s.sequencename""",
        (schema,),
    )


def enums(schema: str) -> SQL:
    return (
        """SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = %s GROUP BY t.typname ORDER BY t.typname""",
        (schema,),
    )


EXTENSIONS = (
    "SELECT a.name, a.default_version, e.extversion AS installed_version "
    "FROM pg_available_extensions a LEFT JOIN pg_extension e ON e.extname = a.name ORDER BY a.name"
)
