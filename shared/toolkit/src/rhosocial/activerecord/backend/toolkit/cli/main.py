"""The commands, the parser and the one place errors become an exit status."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, Optional, TextIO

from ..config_map import redact
from ..urls import convert_text
from .adapter import Adapter
from .output import FORMATS, render

# Connection and output options are accepted before or after the command: each is declared on the
# main parser and on every command with default=SUPPRESS, and the defaults are filled in after.
COMMON_DEFAULTS: dict[str, Any] = {
    "url": None,
    "host": None,
    "port": None,
    "database": None,
    "user": None,
    "set": [],
    "format": "table",
}


_SILENT = logging.getLogger("rhosocial.activerecord.backend.cli")
_SILENT.disabled = True
# Statements whose result is rows; anything else reports its affected row count.
_ROW_KEYWORDS = ("SELECT", "WITH", "SHOW", "EXPLAIN", "DESCRIBE", "DESC", "VALUES", "TABLE")


class CommandError(Exception):
    """A failure the user caused or can fix: printed as one line on stderr, exit status 1."""


def _common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("connection and output")
    group.add_argument("--url", default=argparse.SUPPRESS, help="a database URL; DATABASE_URL is used when it fits")
    group.add_argument("--host", default=argparse.SUPPRESS)
    group.add_argument("--port", type=int, default=argparse.SUPPRESS)
    group.add_argument("--database", "-d", default=argparse.SUPPRESS, help="the database (Oracle: service name)")
    group.add_argument("--user", "-u", default=argparse.SUPPRESS)
    group.add_argument(
        "--set",
        action="append",
        metavar="FIELD=VALUE",
        default=argparse.SUPPRESS,
        help="any other config field, e.g. --set sslmode=require (repeatable)",
    )
    group.add_argument("--format", "-f", choices=FORMATS, default=argparse.SUPPRESS, help="table (default), json, csv")


def build_parser(adapter: Adapter) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"python -m rhosocial.activerecord.backend.impl.{adapter.name}",
        description=f"Inspect and query a {adapter.name} database through rhosocial-activerecord-{adapter.name}. "
        f"The password comes from the URL or ${adapter.password_env}.",
    )
    _common(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _common(sub)
        return sub

    command("info", "the server as probed, and the connection (secrets masked)")
    command("query", "run one statement; rows, or the affected row count").add_argument("sql")
    explain = command("explain", "the server's plan for one statement")
    explain.add_argument("sql")
    explain.add_argument("--analyze", action="store_true", help="run the statement to measure (where supported)")
    introspect = command("introspect", "list tables, or the columns of one table")
    introspect.add_argument("table", nargs="?")
    caps = command("capabilities", "every capability of the server: supported, or why not")
    caps.add_argument("--server-version", help="report for this version without connecting (where supported)")
    command("status", "a few live numbers from the server")
    command("connect-args", "the driver's connect arguments from the options given, secrets masked; no connection")
    return parser


def _parse(adapter: Adapter, argv: Optional[Sequence[str]]) -> argparse.Namespace:
    args = build_parser(adapter).parse_args(argv)
    for key, value in {**COMMON_DEFAULTS, "port": adapter.defaults.get("port")}.items():
        if not hasattr(args, key):
            setattr(args, key, value)
    return args


def config_from(adapter: Adapter, args: argparse.Namespace, environ: Optional[dict[str, str]] = None) -> Any:
    environ = dict(os.environ if environ is None else environ)
    url = args.url
    if url is None and environ.get("DATABASE_URL", "").split(":", 1)[0].lower() in adapter.url_schemes:
        url = environ["DATABASE_URL"]
    fields: dict[str, Any] = {}
    for name, value in (("host", args.host), ("port", args.port), ("username", args.user)):
        if value is not None:
            fields[name] = value
    if args.database is not None:
        fields[adapter.database_field] = args.database
    for item in args.set:
        name, sep, text = item.partition("=")
        if not sep:
            raise CommandError(f"--set {item!r}: expected FIELD=VALUE")
        annotation = adapter.config_type.__dataclass_fields__.get(name)
        if annotation is None:
            raise CommandError(f"--set {name}: not a field of {adapter.config_type.__name__}")
        fields[name] = convert_text(name, text, annotation.type)
    if url is not None:
        return adapter.config_type.from_url(url, **fields)
    if environ.get(adapter.password_env):
        fields["password"] = environ[adapter.password_env]
    for name, value in adapter.defaults.items():
        fields.setdefault(name, value)
    return adapter.config_type(**fields)


def _capability_rows(report: Any) -> list[dict[str, Any]]:
    return [
        {"capability": name, "supported": "yes" if reason is None else "no", "reason": reason or ""}
        for name, reason in report.items()
    ]


def _with_backend(adapter: Adapter, config: Any, work: Callable[[Any], Any]) -> Any:
    backend = adapter.backend_type(connection_config=config)
    backend.logger = _SILENT  # the command prints the one error line itself
    try:
        backend.connect()
        return work(backend)
    finally:
        with contextlib.suppress(Exception):  # the command's own error is the one worth showing
            backend.disconnect()


def execute(adapter: Adapter, args: argparse.Namespace) -> Any:
    """The command's result: a list of row dicts or one mapping."""
    config = config_from(adapter, args)
    if args.command == "connect-args":
        return redact(dict(adapter.connect_args(config)))
    if args.command == "capabilities" and args.server_version:
        if adapter.offline_capabilities is None:
            raise CommandError(f"{adapter.name}: --server-version is not supported; connect instead")
        return _capability_rows(adapter.offline_capabilities(args.server_version))
    adapter.connect_args(config)  # a bad option is reported before any connection attempt

    def work(backend: Any) -> Any:
        if args.command == "info":
            server = backend.server_info
            return {
                "server": server.describe(),
                "version_string": server.version_string,
                "dialect": type(backend.dialect).__name__,
                **{f"setting.{k}": v for k, v in dict(server.settings).items()},
                **{f"connect.{k}": v for k, v in redact(dict(adapter.connect_args(config))).items()},
            }
        if args.command == "query":
            result = backend.execute(args.sql, options=_query_options(args.sql))
            return result.data if result.data is not None else {"affected_rows": result.affected_rows}
        if args.command == "explain":
            return adapter.explain(backend, args.sql, args.analyze)
        if args.command == "introspect":
            if args.table is None:
                return adapter.tables(backend)
            columns = adapter.columns(backend, args.table)
            if not columns:
                raise CommandError(f"no table {args.table!r} in this database")
            return columns
        if args.command == "capabilities":
            return _capability_rows(adapter.capabilities(backend))
        return dict(adapter.status(backend))

    return _with_backend(adapter, config, work)


def _query_options(sql: str) -> Any:
    from rhosocial.activerecord.backend.options import ExecutionOptions
    from rhosocial.activerecord.backend.schema import StatementType

    words = sql.lstrip(" \t\n(").split(None, 1)
    returns_rows = (bool(words) and words[0].upper() in _ROW_KEYWORDS) or " RETURNING " in sql.upper()
    kind = StatementType.DQL if returns_rows else StatementType.DML
    return ExecutionOptions(stmt_type=kind, process_result_set=returns_rows)


def run(
    adapter: Adapter, argv: Optional[Sequence[str]] = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args = _parse(adapter, argv)
    try:
        result = execute(adapter, args)
    except Exception as exc:  # one line for people, not a traceback; the exit status for scripts
        print(f"error: {exc}", file=err)
        return 1
    try:
        print(render(result, args.format), file=out)
        out.flush()
    except BrokenPipeError:  # `... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
