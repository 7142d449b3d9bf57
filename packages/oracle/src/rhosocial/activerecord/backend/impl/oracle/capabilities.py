"""Oracle capabilities by server version, as data.

Versions are Oracle's release numbers: 19c = (19,), 21c = (21,), 23ai = (23,). The ``compatible``
initialisation parameter can hold a database below its binary release (e.g. a 21c server running
with ``compatible=19.0.0``); features that need the newer data format (native JSON, BOOLEAN)
are checked against the lower of the two (see :func:`server_info`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.capabilities import ALWAYS, Capability, CapabilityTable
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo, parse_version

ORACLE = "oracle"

CAPABILITIES = CapabilityTable(
    "Oracle",
    [
        Capability("offset_fetch", {ORACLE: ALWAYS}, "OFFSET n ROWS FETCH NEXT m ROWS ONLY (12c+)"),
        Capability("identity_columns", {ORACLE: ALWAYS}, "GENERATED ... AS IDENTITY (12c+)"),
        Capability("returning_into", {ORACLE: ALWAYS}, "DML RETURNING ... INTO out binds"),
        Capability("merge", {ORACLE: ALWAYS}, "MERGE INTO for upserts"),
        Capability("skip_locked", {ORACLE: ALWAYS}, "FOR UPDATE SKIP LOCKED"),
        Capability("wait_n", {ORACLE: ALWAYS}, "FOR UPDATE WAIT n"),
        Capability("cte", {ORACLE: ALWAYS}, "WITH ... (recursive with a column list)"),
        Capability("window_functions", {ORACLE: ALWAYS}, "analytic functions"),
        Capability("json_functions", {ORACLE: ALWAYS}, "JSON_VALUE / JSON_QUERY / IS JSON"),
        Capability("native_json", {ORACLE: (21,)}, "the JSON data type (compatible >= 20)"),
        Capability("native_boolean", {ORACLE: (23,)}, "the BOOLEAN SQL type and TRUE/FALSE literals"),
        Capability("except_keyword", {ORACLE: (21,)}, "EXCEPT / EXCEPT ALL / INTERSECT ALL (MINUS before 21c)"),
        Capability("values_rows", {ORACLE: (23,)}, "multi-row VALUES and SELECT without FROM"),
        Capability("if_exists_ddl", {ORACLE: (23,)}, "CREATE/DROP ... IF [NOT] EXISTS"),
        Capability("group_by_alias", {ORACLE: (23,)}, "GROUP BY column alias or position"),
        Capability("vector", {ORACLE: (23,)}, "the VECTOR type, VECTOR_DISTANCE and vector indexes"),
        Capability("duality_views", {ORACLE: (23,)}, "JSON relational duality views"),
        Capability("default_on_null_update", {ORACLE: (23,)}, "DEFAULT ON NULL FOR INSERT AND UPDATE"),
        Capability("sessionless_transactions", {ORACLE: (23, 6)}, "sessionless transactions (23.6+)"),
        Capability("filter_clause", {}, "aggregate FILTER (WHERE ...): not in Oracle, use CASE"),
        Capability("release_savepoint", {}, "RELEASE SAVEPOINT: Oracle has none; savepoints end with the transaction"),
    ],
)


def server_info(
    version_string: str, compatible: Optional[str] = None, extra: Optional[Mapping[str, Any]] = None
) -> ServerInfo:
    """A :class:`ServerInfo` from ``v$version``'s banner (or ``version_full``) and ``compatible``.

    The effective version for capability checks is the lower of release and compatible level:
    features such as the JSON type need the data format, not just the binaries.
    """
    release = parse_version(version_string)
    effective = release
    settings: dict[str, Any] = dict(extra or {})
    if compatible:
        level = parse_version(compatible)
        settings["compatible"] = compatible
        effective = min(release, level)
    settings["release"] = release
    return ServerInfo(ORACLE, ORACLE, effective, version_string, settings)
