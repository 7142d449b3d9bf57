"""Command line: server info and capabilities, one-off queries, schema introspection.

Connection settings come from options or the libpq environment (PGHOST, PGPORT, PGDATABASE, PGUSER,
PGPASSWORD); the password is never printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from typing import Any, Optional

from rhosocial.activerecord.backend.options import ExecutionOptions
from rhosocial.activerecord.backend.schema import StatementType

from ..backend import PostgresBackend
from ..capabilities import CAPABILITIES
from ..config import PostgresConnectionConfig
from ..introspection import PostgresCatalog


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m rhosocial.activerecord.backend.impl.postgres")
    parser.add_argument("--host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PGPORT", "5432")))
    parser.add_argument("--database", "-d", default=os.environ.get("PGDATABASE", "postgres"))
    parser.add_argument("--user", "-U", default=os.environ.get("PGUSER", "postgres"))
    parser.add_argument("--sslmode")
    parser.add_argument("--sslrootcert")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="machine-readable output")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("info", parents=[common], help="server version, settings and capabilities")
    query = commands.add_parser("query", parents=[common], help="run one statement and print its rows")
    query.add_argument("sql")
    introspect = commands.add_parser("introspect", parents=[common], help="list tables, or describe one table")
    introspect.add_argument("table", nargs="?")
    introspect.add_argument("--schema")
    return parser


def _config(args: argparse.Namespace) -> PostgresConnectionConfig:
    return PostgresConnectionConfig(
        host=args.host,
        port=args.port,
        database=args.database,
        username=args.user,
        password=os.environ.get("PGPASSWORD"),
        sslmode=args.sslmode,
        sslrootcert=args.sslrootcert,
        application_name="rhosocial-cli",
    )


def _print(data: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(data, indent=2, default=str))
        return
    rows = data if isinstance(data, list) else [data]
    for row in rows:
        print("  ".join(f"{k}={v}" for k, v in row.items()) if isinstance(row, dict) else row)


def info(backend: PostgresBackend, as_json: bool) -> None:
    server = backend.probed_server
    report = CAPABILITIES.report(server)
    data: dict[str, Any] = {
        "server": server.describe(),
        "version_string": server.version_string,
        "settings": dict(server.settings),
        "connection": backend.describe_connection(),
        "capabilities": {name: ("yes" if reason is None else f"no: {reason}") for name, reason in report.items()},
    }
    if as_json:
        _print(data, True)
        return
    print(f"{data['server']}  ({server.version_string})")
    for key, value in data["settings"].items():
        print(f"  {key} = {value}")
    print("capabilities:")
    for name, answer in data["capabilities"].items():
        print(f"  {name:28} {answer}")


def main(argv: Optional[list[str]] = None) -> int:
    args = _parser().parse_args(argv)
    logging.disable(logging.INFO)
    backend = PostgresBackend(_config(args))
    try:
        backend.connect()
        if args.command == "info":
            info(backend, args.json)
        elif args.command == "query":
            result = backend.execute(
                args.sql, options=ExecutionOptions(stmt_type=StatementType.DQL, process_result_set=True)
            )
            _print(result.data if result.data is not None else {"affected_rows": result.affected_rows}, args.json)
        else:
            catalog = PostgresCatalog(backend, args.schema)
            _print(catalog.describe(args.table) if args.table else catalog.tables(), args.json)
    except Exception as e:  # a CLI reports, it does not trace back
        print(f"error: {e}", file=sys.stderr)
        return 1
    finally:
        backend.disconnect()
    return 0
