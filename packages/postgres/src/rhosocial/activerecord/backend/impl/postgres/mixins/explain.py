"""EXPLAIN with PostgreSQL's parenthesised option list: ``EXPLAIN (ANALYZE, FORMAT JSON, BUFFERS) ...``."""

from __future__ import annotations

from .options import unsupported


class PostgresExplainMixin:
    def format_explain_statement(self, expr) -> tuple[str, tuple]:
        from rhosocial.activerecord.backend.expression.statements import ExplainType

        sql, params = expr.statement.to_sql()
        options = expr.options
        if options is None:
            return f"EXPLAIN {sql}", params
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
        if options.wal and analyze:
            parts.append("WAL")
        if options.format:
            name = options.format.value.upper()
            if not self.supports_explain_format(name):  # type: ignore[attr-defined]
                raise unsupported(self, f"EXPLAIN FORMAT {name}", "use TEXT, JSON, XML or YAML")
            parts.append(f"FORMAT {name}")
        head = f"EXPLAIN ({', '.join(parts)})" if parts else "EXPLAIN"
        return f"{head} {sql}", params
