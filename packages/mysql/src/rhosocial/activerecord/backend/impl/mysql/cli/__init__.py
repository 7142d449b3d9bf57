"""Command line: ``python -m rhosocial.activerecord.backend.impl.mysql {info,capabilities,query,explain}``.

Connection options mirror :class:`MySQLConnectionConfig`; the password may come from
``MYSQL_PWD`` so it never appears in the process list.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Optional

from ..backend.sync import MySQLBackend
from ..config import CONNECT_ARGS, MySQLConnectionConfig


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m rhosocial.activerecord.backend.impl.mysql")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3306)
    parser.add_argument("--socket", dest="unix_socket")
    parser.add_argument("--database", "-d")
    parser.add_argument("--user", "-u", dest="username")
    parser.add_argument("--ssl-ca")
    parser.add_argument("--ssl-verify", action="store_true")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("info", help="server identity as probed, and the connect arguments (secrets masked)")
    sub.add_parser("capabilities", help="every capability: yes, or why not")
    query = sub.add_parser("query", help="run one statement and print its rows")
    query.add_argument("sql")
    explain = sub.add_parser("explain", help="EXPLAIN a statement")
    explain.add_argument("sql")
    explain.add_argument("--format", choices=["traditional", "json", "tree"], default="traditional")
    explain.add_argument("--analyze", action="store_true")
    return parser


def config_from(args: argparse.Namespace) -> MySQLConnectionConfig:
    return MySQLConnectionConfig(
        host=args.host,
        port=args.port,
        unix_socket=args.unix_socket,
        database=args.database,
        username=args.username,
        password=os.environ.get("MYSQL_PWD"),
        ssl_ca=args.ssl_ca,
        ssl_verify_cert=args.ssl_verify,
    )


def run(args: argparse.Namespace, backend: MySQLBackend) -> Any:
    if args.command == "info":
        server = backend.server_info
        assert server is not None
        return {
            "flavour": server.flavour,
            "version": ".".join(map(str, server.version)),
            "version_string": server.version_string,
            "dialect": type(backend.dialect).__name__,
            "settings": dict(server.settings),
            "connect_args": CONNECT_ARGS.describe(backend.config),
        }
    if args.command == "capabilities":
        return {name: reason or "yes" for name, reason in backend.dialect.capability_report().items()}
    if args.command == "query":
        return backend.fetch_all(args.sql)
    fmt = None if args.format == "traditional" else args.format.upper()
    return backend.fetch_all(backend.dialect.explain_sql(args.sql, analyze=args.analyze, fmt=fmt))


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    backend = MySQLBackend(config_from(args))
    try:
        backend.connect()
        result = run(args, backend)
    except Exception as e:  # a CLI prints the error, not a traceback
        print(f"error: {e}", file=sys.stderr)
        return 1
    finally:
        backend.disconnect()
    if args.json or not isinstance(result, (dict, list)):
        print(json.dumps(result, indent=2, default=str))
    elif isinstance(result, dict):
        for key, value in result.items():
            print(f"{key:28} {value}")
    else:
        for row in result:
            print("  ".join(f"{k}={v}" for k, v in row.items()))
    return 0


__all__ = ["build_parser", "main"]
