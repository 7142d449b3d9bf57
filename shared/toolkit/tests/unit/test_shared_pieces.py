"""The pieces the three backends share since #9: one behaviour each, checked without a server."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Optional

import pytest

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.toolkit.capabilities import (
    ALWAYS,
    Capability,
    CapabilityGates,
    CapabilityTable,
    UnsupportedCapabilityError,
)
from rhosocial.activerecord.backend.toolkit.cli import Adapter, column_row, command_line, status_query
from rhosocial.activerecord.backend.toolkit.config_base import CheckedConnectionConfig
from rhosocial.activerecord.backend.toolkit.config_checks import positive_whole
from rhosocial.activerecord.backend.toolkit.config_map import ConnectArgMap, kept, same_name
from rhosocial.activerecord.backend.toolkit.cte import CTEHooksMixin
from rhosocial.activerecord.backend.toolkit.dialect_bases import (
    CoreDialectMixins,
    CoreDialectProtocols,
    SchemaDialectMixins,
    SchemaDialectProtocols,
)
from rhosocial.activerecord.backend.toolkit.errors import ConfigurationError
from rhosocial.activerecord.backend.toolkit.introspection import CatalogParsing, collect
from rhosocial.activerecord.backend.toolkit.probe import ServerInfo


def test_collect_groups_rows_by_name_in_first_seen_order() -> None:
    rows = [{"name": "b", "col": 1}, {"name": "a", "col": 2}, {"name": "b", "col": 3}]
    found = collect(rows, lambda r: {"name": r["name"], "cols": []}, lambda item, r: item["cols"].append(r["col"]))
    assert found == [{"name": "b", "cols": [1, 3]}, {"name": "a", "cols": [2]}]


def test_view_info_is_the_first_view_or_none() -> None:
    class Parser(CatalogParsing):
        def _parse_views(self, rows: list, schema: str) -> list:
            return [r["name"] for r in rows]

    assert Parser()._parse_view_info([{"name": "v"}], "v", "s") == "v"
    assert Parser()._parse_view_info([], "v", "s") is None


class _CTEBase:
    name = "Demo"

    def format_cte(self, name, query_sql, columns=None, recursive=False, materialized=None, dialect_options=None):
        assert dialect_options is None  # the hook consumed them
        return f"{name} AS {'MATERIALIZED ' if materialized else ''}({query_sql})"


def test_cte_hooks_refuse_unknown_options_and_let_a_backend_add_its_own() -> None:
    class Plain(CTEHooksMixin, _CTEBase):
        pass

    class Searching(CTEHooksMixin, _CTEBase):
        def refuse_cte_materialized(self, materialized: Optional[bool]) -> None:
            if materialized is not None:
                raise UnsupportedFeatureError(self.name, "MATERIALIZED CTE")

        def format_cte_options(self, options: dict[str, Any]) -> str:
            return f" SEARCH {options['search']}" if options else ""

    assert Plain().format_cte("t", "SELECT 1", materialized=True) == "t AS MATERIALIZED (SELECT 1)"
    with pytest.raises(UnsupportedFeatureError, match="search"):
        Plain().format_cte("t", "SELECT 1", dialect_options={"search": "x"})
    assert Searching().format_cte("t", "SELECT 1", dialect_options={"search": "x"}) == "t AS (SELECT 1) SEARCH x"
    with pytest.raises(UnsupportedFeatureError, match="MATERIALIZED"):
        Searching().format_cte("t", "SELECT 1", materialized=False)


@dataclass(repr=False)
class _DemoConfig(CheckedConnectionConfig):
    URL_SCHEMES = ("demo",)
    FIELD_CHECKS = {"pool_size": positive_whole}
    pool_size: Optional[Any] = None


def test_checked_config_checks_fields_parses_urls_and_masks_secrets() -> None:
    with pytest.raises(ConfigurationError, match="pool_size"):
        _DemoConfig(pool_size=0)
    config = _DemoConfig.from_url("demo://u:s3cret@h:1/db?pool_size=2")
    assert (config.host, config.database, config.pool_size) == ("h", "db", "2")
    assert "s3cret" not in repr(config)


def test_same_name_and_kept_build_the_connect_argument_table() -> None:
    table = ConnectArgMap("demo", [*same_name("host", "port", convert=str), *kept(pool_size="backend pooling")])
    assert table.build(SimpleNamespace(host="h", port=5, pool_size=3, options=None)) == {"host": "h", "port": "5"}
    assert table.args["pool_size"].note == "backend pooling"


class _Gated(CapabilityGates):
    CAPABILITIES = CapabilityTable(
        "demo", [Capability("old", {"demo": ALWAYS}, "x"), Capability("new", {"demo": (15,)}, "y")]
    )

    def __init__(self, version: tuple[int, ...]) -> None:
        self.server = ServerInfo("demo", "demo", version)


def test_capability_gates_answer_require_and_report() -> None:
    gated = _Gated((14, 0, 0))
    assert gated.has_capability("old")
    assert not gated.has_capability("new")
    with pytest.raises(UnsupportedCapabilityError, match="new"):
        gated.require_capability("new")
    assert gated.capability_report()["old"] is None
    assert "15" in str(gated.capability_report()["new"])


def test_cli_adapter_defaults_and_helpers() -> None:
    class Backend:
        dialect = _Gated((15, 0, 0))

        def fetch_one(self, sql: str) -> Optional[dict]:
            return {"sql": sql} if sql else None

    adapter = Adapter(
        name="demo",
        config_type=_DemoConfig,
        backend_type=Backend,
        password_env="DEMO_PASSWORD",
        connect_args=lambda config: {},
        tables=lambda backend: [],
        columns=lambda backend, table: [],
        explain=lambda backend, sql, analyze: [],
        status=status_query("SELECT 1"),
    )
    assert (adapter.url_schemes, adapter.database_field) == (("demo",), "database")
    assert adapter.capabilities(Backend()) == {"new": None, "old": None}
    assert adapter.status(Backend()) == {"sql": "SELECT 1"}
    assert status_query("")(Backend()) == {}
    column = SimpleNamespace(
        name="id", data_type="int", data_type_full=None, nullable=SimpleNamespace(value="NOT_NULL"), default_value=None
    )
    assert column_row(column, key="PRI") == {
        "name": "id",
        "data_type": "int",
        "nullable": False,
        "default": None,
        "key": "PRI",
    }


def test_command_line_runs_the_adapter_with_argv(monkeypatch: pytest.MonkeyPatch) -> None:
    import rhosocial.activerecord.backend.toolkit.cli as cli

    calls = []
    monkeypatch.setattr(cli, "run", lambda adapter, argv: calls.append((adapter, argv)) or 7)
    assert command_line("the adapter")(["status"]) == 7  # type: ignore[arg-type]
    assert calls == [("the adapter", ["status"])]


def test_dialect_groups_hold_no_name_twice() -> None:
    # the order inside a group must not decide which method wins
    for group in (CoreDialectMixins, SchemaDialectMixins):
        owner: dict[str, str] = {}
        for base in group.__bases__:
            for name in vars(base):
                if not name.startswith("__"):
                    assert name not in owner, f"{name} in {owner.get(name)} and {base.__name__}"
                    owner[name] = base.__name__
    shared = set(CoreDialectProtocols.__bases__) & set(SchemaDialectProtocols.__bases__)
    assert not shared
