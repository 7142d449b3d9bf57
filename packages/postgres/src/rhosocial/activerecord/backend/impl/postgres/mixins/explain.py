"""EXPLAIN with PostgreSQL's parenthesised option list: ``EXPLAIN (ANALYZE, FORMAT JSON, BUFFERS) ...``."""

from __future__ import annotations

from .options import check_options, unsupported


class PostgresExplainMixin:
    def format_explain_statement(self, expr) -> tuple[str, tuple]:
        from rhosocial.activerecord.backend.expression.statements import ExplainType

        sql, params = expr.statement.to_sql()
        options = expr.options
        if options is None:
            return f"EXPLAIN {sql}", params
        check_options("EXPLAIN", getattr(options, "dialect_options", None), ())
        analyze = bool(options.analyze) or getattr(options, "type", None) == ExplainType.ANALYZE
        parts = []
        if analyze:
            parts.append("ANALYZE")
        if options.verbose:
            parts.append("VERBOSE")
        if not options.costs:
            parts.append("COSTS OFF")
        if options.buffers:
            parts.append("BUFFERS")
        if options.settings:
            parts.append("SETTINGS")
        if analyze:
            # The server times every node unless told not to; the core's default (timing=False) says not to.
            parts.append("TIMING" if options.timing else "TIMING FALSE")
        elif options.timing:
            raise ValueError("EXPLAIN option timing=True needs analyze=True (PostgreSQL times only an ANALYZE run)")
        # The core's summary=True (its default) asks for the summary; the server's default is ON with
        # ANALYZE and OFF without it, so the option is written whenever the two differ.
        summary = bool(getattr(options, "summary", True))
        if summary != analyze:
            parts.append("SUMMARY TRUE" if summary else "SUMMARY FALSE")
        if options.wal:
            if not analyze:
                raise ValueError("EXPLAIN option wal=True needs analyze=True (PostgreSQL: WAL requires ANALYZE)")
            parts.append("WAL")
        if getattr(options, "analyze_format", None):
            raise unsupported(self, "EXPLAIN ANALYZE FORMAT=... (MySQL)", "use format with analyze=True")
        chosen = options.format.value if options.format else getattr(options, "format_name", None)
        if chosen:
            name = str(chosen).upper()
            if not self.supports_explain_format(name):  # type: ignore[attr-defined]
                raise unsupported(self, f"EXPLAIN FORMAT {name}", "use TEXT, JSON, XML or YAML")
            parts.append(f"FORMAT {name}")
        head = f"EXPLAIN ({', '.join(parts)})" if parts else "EXPLAIN"
        return f"{head} {sql}", params
