"""Command line helpers: ``python -m rhosocial.activerecord.backend.impl.oracle.cli <command>``.

- ``capabilities --version 21 [--compatible 19.0.0]``: the capability report, offline;
- ``sql "SELECT ... ?"``: the statement as sent to Oracle (numbered binds, no AS before aliases);
- ``connect-args --dsn ... | --host/--service-name ...``: the driver arguments (secrets masked);
- ``info ...``: connects, prints the probed server and its capability report;
- ``introspect [TABLE] [--schema S] ...``: lists tables and views, or describes one table
  (columns, indexes, foreign keys) through ``backend.introspector``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.config_map import redact

from ..binds import to_oracle_sql
from ..capabilities import CAPABILITIES, server_info
from ..config import OracleConnectionConfig, connect_kwargs


def _config(args: argparse.Namespace) -> OracleConnectionConfig:
    return OracleConnectionConfig(
        host=args.host,
        port=args.port,
        service_name=args.service_name,
        dsn=args.dsn,
        username=args.user,
        # Never on the command line: it would show in the process list.
        password=os.environ.get("ORACLE_PASSWORD"),
        thick_mode=args.thick,
    )


def _report(version: str, compatible: Optional[str]) -> dict[str, Any]:
    server = server_info(version, compatible)
    return {"server": server.describe(), "capabilities": CAPABILITIES.report(server)}


def cmd_capabilities(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    out(json.dumps(_report(args.version, args.compatible), indent=2))
    return 0


def cmd_sql(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    out(to_oracle_sql(args.statement))
    return 0


def cmd_connect_args(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    # What the driver really receives (DSN wins over host/port), secrets masked.
    out(json.dumps(redact(connect_kwargs(_config(args))), indent=2, default=str))
    return 0


def cmd_info(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from ..backend import OracleBackend

    backend = OracleBackend(_config(args))
    backend.connect()
    try:
        server = backend.dialect.server
        out(json.dumps({"server": server.describe(), "capabilities": CAPABILITIES.report(server)}, indent=2))
    finally:
        backend.disconnect()
    return 0


def _describe(table: Any) -> dict[str, Any]:
    return {
        "name": table.name,
        "schema": table.schema,
        "comment": table.comment,
        "columns": [
            {
                "name": c.name,
                "type": c.data_type_full,
                "nullable": c.nullable.value == "NULLABLE",
                "default": c.default_value,
                "identity": c.is_auto_increment,
                "virtual": c.generated_expression,
                "primary_key": c.is_primary_key,
                "comment": c.comment,
            }
            for c in table.columns
        ],
        "indexes": [
            {"name": i.name, "unique": i.is_unique, "primary": i.is_primary, "columns": [c.name for c in i.columns]}
            for i in table.indexes
        ],
        "foreign_keys": [
            {"name": f.name, "columns": f.columns, "references": f.referenced_table, "on_delete": f.on_delete.value}
            for f in table.foreign_keys
        ],
    }


def cmd_introspect(args: argparse.Namespace, out: Callable[[str], None]) -> int:
    from ..backend import OracleBackend

    backend = OracleBackend(_config(args))
    backend.connect()
    try:
        intro = backend.introspector
        if args.table is None:
            found = [{"name": t.name, "type": t.table_type.value} for t in intro.list_tables(args.schema)]
            out(json.dumps(found, indent=2))
            return 0
        table = intro.get_table_info(args.table, args.schema)
        if table is None:
            out(f"error: no table {args.table!r}")
            return 1
        out(json.dumps(_describe(table), indent=2, default=str))
    finally:
        backend.disconnect()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rhosocial-oracle", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    caps = sub.add_parser("capabilities", help="capability report for a version, offline")
    caps.add_argument("--version", required=True)
    caps.add_argument("--compatible")
    caps.set_defaults(func=cmd_capabilities)
    sql = sub.add_parser("sql", help="show a statement as sent to Oracle")
    sql.add_argument("statement")
    sql.set_defaults(func=cmd_sql)
    for name, func in (("connect-args", cmd_connect_args), ("info", cmd_info), ("introspect", cmd_introspect)):
        p = sub.add_parser(name)
        if name == "introspect":
            p.add_argument("table", nargs="?")
            p.add_argument("--schema")
        p.add_argument("--dsn")
        p.add_argument("--host", default="localhost")
        p.add_argument("--port", type=int)
        p.add_argument("--service-name")
        p.add_argument("--user")
        p.add_argument("--thick", action="store_true")
        p.set_defaults(func=func)
    return parser


def main(argv: Optional[Sequence[str]] = None, out: Callable[[str], None] = print) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args, out))
    except Exception as e:  # a CLI reports, it does not print tracebacks at users
        out(f"error: {e}")
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
