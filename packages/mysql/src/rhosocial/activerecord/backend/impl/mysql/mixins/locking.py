"""FOR UPDATE / FOR SHARE with NOWAIT and SKIP LOCKED gated by version."""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.expression.bases import ToSQLProtocol


class MySQLLockingMixin:
    def format_for_update_clause(self, clause: Any) -> tuple[str, tuple]:
        self._refuse_options("FOR UPDATE", clause.dialect_options)  # type: ignore[attr-defined]
        parts = ["FOR UPDATE"]
        params: list = []
        if clause.of_columns:
            # MySQL's OF names tables; MariaDB has no OF at all (the capability check says so).
            self.require("for_update_of")  # type: ignore[attr-defined]
            names = []
            for item in clause.of_columns:
                if isinstance(item, ToSQLProtocol):
                    sql, p = item.to_sql()
                    names.append(sql)
                    params.extend(p)
                else:
                    names.append(self.format_identifier(str(item)))  # type: ignore[attr-defined]
            parts.append("OF " + ", ".join(names))
        if clause.nowait:
            self.require("nowait")  # type: ignore[attr-defined]
            parts.append("NOWAIT")
        elif clause.skip_locked:
            self.require("skip_locked")  # type: ignore[attr-defined]
            parts.append("SKIP LOCKED")
        return " ".join(parts), tuple(params)
