"""No silent drops: every option of the core's statement and clause objects changes the SQL or raises.

For each class a dialect can render (the statements in ``expression.statements``, the clauses and sources
in ``query_parts`` / ``query_sources``), :func:`options_of` lists its options: the dataclass fields or
``__init__`` keyword parameters that have a default. :func:`check_option` renders the object with the
option at its default and at a non-default value; the option is covered when the SQL (or its parameters)
differ or the non-default value raises a clear error. Rendering identically is a silent drop, unless the
option is in an allow-list with the reason (:data:`GENERIC_ALLOWED`, and each backend's own list; an
unfixed defect is listed there as "open: issue 9 ...").

:data:`TARGETS` says how to build each class (its required arguments, and the statement that renders it
when it is a part of one); :data:`VALUES` gives non-default values the enumerator cannot guess.
"""

from __future__ import annotations

import dataclasses
import inspect
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Optional

from rhosocial.activerecord.backend.dialect.exceptions import UnsupportedFeatureError
from rhosocial.activerecord.backend.expression import core, query_parts, query_sources
from rhosocial.activerecord.backend.expression import statements as st
from rhosocial.activerecord.backend.expression.types import IntegerType

# the exceptions that mean "crashed", not "refused clearly"
CRASHES = (AttributeError, KeyError, IndexError, NameError, UnboundLocalError)

Dialect = Any
Build = Callable[[Dialect, dict[str, Any]], Any]


def _t(d: Dialect, name: str = "t") -> core.TableExpression:
    return core.TableExpression(d, name)


def _c(d: Dialect, name: str = "a", table: Optional[str] = None) -> core.Column:
    return core.Column(d, name, table=table)


def _query(d: Dialect) -> st.QueryExpression:
    return st.QueryExpression(d, [_c(d)], from_=_t(d))


def _pred(d: Dialect) -> Any:
    return _c(d) == _c(d, "b")


def _coldef(**kw: Any) -> st.ColumnDefinition:
    return st.ColumnDefinition("a", IntegerType(), **kw)


def _create_with_column(d: Dialect, column: st.ColumnDefinition) -> st.CreateTableExpression:
    return st.CreateTableExpression(d, "t", [column])


def _alter(d: Dialect, action: Any) -> st.AlterTableExpression:
    return st.AlterTableExpression(d, "t", [action])


@dataclass(frozen=True)
class Target:
    """How to render one class with a given set of options."""

    cls: type
    build: Build
    skip: frozenset[str] = field(default_factory=frozenset)  # options that are structure, not switches
    # option -> extra base arguments it needs to mean anything (CHECK's condition needs a CHECK constraint)
    context: Mapping[str, Callable[[Dialect], dict[str, Any]]] = field(default_factory=dict)


def _plain(cls: type, required: Callable[[Dialect], dict[str, Any]], **kw: Any) -> Target:
    return Target(cls, lambda d, o: cls(d, **{**required(d), **o}), **kw)


TARGETS: list[Target] = [
    # -- queries and their clauses ----------------------------------------------------------------
    _plain(st.QueryExpression, lambda d: {"select": [_c(d)], "from_": _t(d)}),
    Target(
        query_parts.ForUpdateClause,
        lambda d, o: st.QueryExpression(d, [_c(d)], from_=_t(d), for_update=query_parts.ForUpdateClause(d, **o)),
    ),
    Target(
        query_parts.LimitOffsetClause,
        lambda d, o: st.QueryExpression(
            d, [_c(d)], from_=_t(d), limit_offset=query_parts.LimitOffsetClause(d, **{"limit": 5, **o})
        ),
    ),
    Target(
        query_parts.GroupByHavingClause,
        lambda d, o: st.QueryExpression(
            d, [_c(d)], from_=_t(d), group_by_having=query_parts.GroupByHavingClause(d, **{"group_by": [_c(d)], **o})
        ),
    ),
    _plain(
        query_parts.JoinExpression, lambda d: {"left_table": _t(d), "right_table": _t(d, "u"), "condition": _pred(d)}
    ),
    _plain(core.TableExpression, lambda d: {"name": "t"}, skip=frozenset({"name"})),
    _plain(query_sources.CTEExpression, lambda d: {"name": "c", "query": _query(d)}),
    _plain(
        query_sources.WithQueryExpression,
        lambda d: {"ctes": [query_sources.CTEExpression(d, "c", _query(d))], "main_query": _query(d)},
    ),
    _plain(
        query_sources.SetOperationExpression, lambda d: {"left": _query(d), "right": _query(d), "operation": "UNION"}
    ),
    _plain(query_sources.ValuesExpression, lambda d: {"values": [(1, 2)], "alias": "v"}),
    _plain(query_sources.LateralExpression, lambda d: {"expression": core.Subquery(d, _query(d)), "alias": "l"}),
    _plain(
        query_sources.JSONTableExpression,
        lambda d: {
            "json_column": _c(d),
            "path": "$[*]",
            "columns": [query_sources.JSONTableColumn("x", "INT", "$.x")],
            "alias": "jt",
        },
    ),
    _plain(core.Subquery, lambda d: {"query_input": _query(d)}),
    # -- DML ----------------------------------------------------------------------------------------
    _plain(
        st.InsertExpression,
        lambda d: {"into": "t", "source": st.ValuesSource(d, [[core.Literal(d, 1)]]), "columns": ["a"]},
    ),
    Target(
        st.OnConflictClause,
        lambda d, o: st.InsertExpression(
            d,
            "t",
            st.ValuesSource(d, [[core.Literal(d, 1)]]),
            ["a"],
            on_conflict=st.OnConflictClause(d, **{"conflict_target": ["a"], **o}),
        ),
        context={
            name: (lambda d: {"update_assignments": {"a": core.Literal(d, 1)}})
            for name in ("do_nothing", "update_where", "update_assignments")
        },
    ),
    _plain(st.UpdateExpression, lambda d: {"table": "t", "assignments": {"a": core.Literal(d, 1)}}),
    _plain(st.DeleteExpression, lambda d: {"tables": "t"}),
    Target(
        st.ReturningClause,
        lambda d, o: st.DeleteExpression(d, "t", returning=st.ReturningClause(d, **{"expressions": [_c(d)], **o})),
    ),
    _plain(
        st.MergeExpression,
        lambda d: {
            "target_table": _t(d),
            "source": _t(d, "s"),
            "on_condition": _pred(d),
            "when_matched": [st.MergeAction(st.MergeActionType.UPDATE, assignments={"a": _c(d, "a", "s")})],
        },
    ),
    Target(
        st.MergeAction,
        lambda d, o: st.MergeExpression(
            d,
            _t(d),
            _t(d, "s"),
            _pred(d),
            when_matched=[
                st.MergeAction(**{"action_type": st.MergeActionType.UPDATE, "assignments": {"a": _c(d, "a", "s")}, **o})
            ],
        ),
        context={"values": lambda d: {"action_type": st.MergeActionType.INSERT, "assignments": {}}},
    ),
    _plain(st.TruncateExpression, lambda d: {"table_name": "t"}),
    # -- tables --------------------------------------------------------------------------------------
    _plain(st.CreateTableExpression, lambda d: {"table": "t", "columns": [_coldef()]}),
    Target(st.ColumnDefinition, lambda d, o: _create_with_column(d, _coldef(**o))),
    Target(
        st.ColumnConstraint,
        lambda d, o: _create_with_column(
            d,
            _coldef(constraints=[st.ColumnConstraint(**{"constraint_type": st.ColumnConstraintType.PRIMARY_KEY, **o})]),
        ),
        context={
            # options a constraint kind needs: the base carries one value, the check another
            "check_condition": lambda d: {
                "constraint_type": st.ColumnConstraintType.CHECK,
                "check_condition": _c(d) > core.Literal(d, 0),
            },
            "default_value": lambda d: {"constraint_type": st.ColumnConstraintType.DEFAULT, "default_value": 1},
            **{
                name: (
                    lambda d: {
                        "constraint_type": st.ColumnConstraintType.FOREIGN_KEY,
                        "foreign_key_reference": ("p", ["id"]),
                    }
                )
                for name in ("on_delete", "on_update", "deferrable", "initially_deferred", "foreign_key_reference")
            },
        },
    ),
    Target(
        st.TableConstraint,
        lambda d, o: st.CreateTableExpression(
            d,
            "t",
            [_coldef()],
            table_constraints=[
                st.TableConstraint(**{"constraint_type": st.TableConstraintType.UNIQUE, "columns": ["a"], **o})
            ],
        ),
        context={
            "check_condition": lambda d: {
                "constraint_type": st.TableConstraintType.CHECK,
                "columns": None,
                "check_condition": _c(d) > core.Literal(d, 0),
            },
            **{
                name: (
                    lambda d: {
                        "constraint_type": st.TableConstraintType.FOREIGN_KEY,
                        "foreign_key_table": "p",
                        "foreign_key_columns": ["id"],
                    }
                )
                for name in ("foreign_key_table", "foreign_key_columns")
            },
        },
    ),
    Target(
        st.ForeignKeyConstraint,
        lambda d, o: st.CreateTableExpression(
            d,
            "t",
            [_coldef()],
            table_constraints=[
                st.ForeignKeyConstraint(
                    **{"columns": ["a"], "foreign_key_table": "p", "foreign_key_columns": ["id"], **o}
                )
            ],
        ),
        skip=frozenset({"constraint_type"}),
    ),
    Target(
        st.IndexDefinition,
        lambda d, o: st.CreateTableExpression(
            d, "t", [_coldef()], indexes=[st.IndexDefinition(**{"name": "i", "columns": ["a"], **o})]
        ),
    ),
    _plain(st.DropTableExpression, lambda d: {"table": "t"}),
    Target(st.AddColumn, lambda d, o: _alter(d, st.AddColumn(d, _coldef(), **o))),
    Target(st.DropColumn, lambda d, o: _alter(d, st.DropColumn(d, "a", **o))),
    Target(
        st.AlterColumn,
        lambda d, o: _alter(d, st.AlterColumn(d, "a", **{"operation": st.ColumnAlterOperation.DROP_DEFAULT, **o})),
        context={
            "new_value": lambda d: {"operation": st.ColumnAlterOperation.SET_DEFAULT, "new_value": core.Literal(d, 1)}
        },
    ),
    Target(
        st.AddTableConstraint,
        lambda d, o: _alter(
            d, st.AddTableConstraint(d, st.TableConstraint(st.TableConstraintType.UNIQUE, name="u", columns=["a"]), **o)
        ),
    ),
    Target(st.DropTableConstraint, lambda d, o: _alter(d, st.DropTableConstraint(d, "u", **o))),
    Target(st.DropConstraint, lambda d, o: _alter(d, st.DropConstraint(d, "u", **o))),
    Target(st.DropIndex, lambda d, o: _alter(d, st.DropIndex(d, "i", **o))),
    Target(st.RenameColumn, lambda d, o: _alter(d, st.RenameColumn(d, "a", "b", **o))),
    Target(st.RenameTable, lambda d, o: _alter(d, st.RenameTable(d, "t", "u", **o))),
    Target(st.RenameObject, lambda d, o: _alter(d, st.RenameObject(d, "a", "b", **o))),
    _plain(st.AlterTableExpression, lambda d: {"table_name": "t", "actions": [st.DropColumn(d, "a")]}),
    # -- indexes, views, schemas, sequences, routines --------------------------------------------------
    _plain(st.CreateIndexExpression, lambda d: {"index_name": "i", "table_name": "t", "columns": ["a"]}),
    _plain(st.DropIndexExpression, lambda d: {"index_name": "i", "table_name": "t"}),
    _plain(st.CreateFulltextIndexExpression, lambda d: {"index_name": "i", "table_name": "t", "columns": ["a"]}),
    _plain(st.DropFulltextIndexExpression, lambda d: {"index_name": "i", "table_name": "t"}),
    _plain(st.CreateViewExpression, lambda d: {"view_name": "v", "query": _query(d)}),
    Target(st.ViewOptions, lambda d, o: st.CreateViewExpression(d, "v", _query(d), options=st.ViewOptions(**o))),
    _plain(st.DropViewExpression, lambda d: {"view_name": "v"}),
    _plain(st.CreateMaterializedViewExpression, lambda d: {"view_name": "v", "query": _query(d)}),
    _plain(st.DropMaterializedViewExpression, lambda d: {"view_name": "v"}),
    _plain(st.RefreshMaterializedViewExpression, lambda d: {"view_name": "v"}),
    _plain(st.CreateSchemaExpression, lambda d: {"schema_name": "s"}),
    _plain(st.DropSchemaExpression, lambda d: {"schema_name": "s"}),
    _plain(st.CreateSequenceExpression, lambda d: {"sequence_name": "q"}),
    _plain(st.AlterSequenceExpression, lambda d: {"sequence_name": "q", "increment": 2}),
    _plain(st.DropSequenceExpression, lambda d: {"sequence_name": "q"}),
    _plain(
        st.CreateFunctionExpression,
        lambda d: {"function_name": "f", "returns": "integer", "body": "BEGIN RETURN 1; END;"},
    ),
    _plain(st.DropFunctionExpression, lambda d: {"function_name": "f"}),
    _plain(
        st.CreateTriggerExpression,
        lambda d: {
            "trigger_name": "g",
            "table_name": "t",
            "timing": st.TriggerTiming.BEFORE,
            "events": [st.TriggerEvent.INSERT],
            "function_name": "f",
        },
    ),
    _plain(st.DropTriggerExpression, lambda d: {"trigger_name": "g", "table_name": "t"}),
    _plain(st.ExplainExpression, lambda d: {"statement": _query(d)}),
    Target(st.ExplainOptions, lambda d, o: st.ExplainExpression(d, _query(d), st.ExplainOptions(**o))),
]

# Non-default values the enumerator cannot derive from the default and the annotation.
VALUES: dict[str, Callable[[Dialect], Any]] = {
    "QueryExpression.where": _pred,
    "QueryExpression.order_by": lambda d: query_parts.OrderByClause(d, [_c(d)]),
    "QueryExpression.group_by_having": lambda d: query_parts.GroupByHavingClause(d, group_by=[_c(d)]),
    "QueryExpression.qualify": lambda d: query_parts.QualifyClause(d, _pred(d)),
    "QueryExpression.limit_offset": lambda d: query_parts.LimitOffsetClause(d, limit=3),
    "QueryExpression.for_update": lambda d: query_parts.ForUpdateClause(d),
    "QueryExpression.select_modifier": lambda d: st.SelectModifier.DISTINCT,
    "QueryExpression.from_": lambda d: _t(d, "other"),
    "ForUpdateClause.of_columns": lambda d: ["a"],
    "LimitOffsetClause.offset": lambda d: 4,
    "GroupByHavingClause.having": _pred,
    "JoinExpression.join_type": lambda d: "LEFT JOIN",
    "JoinExpression.condition": lambda d: _c(d) == _c(d, "c"),
    "JoinExpression.using": lambda d: ["a"],
    "CTEExpression.columns": lambda d: ["x"],
    "SetOperationExpression.order_by_clause": lambda d: query_parts.OrderByClause(d, [_c(d)]),
    "SetOperationExpression.limit_offset_clause": lambda d: query_parts.LimitOffsetClause(d, limit=2),
    "SetOperationExpression.for_update_clause": lambda d: query_parts.ForUpdateClause(d),
    "ValuesExpression.column_names": lambda d: ["x", "y"],
    "LateralExpression.join_type": lambda d: "LEFT",
    "Subquery.query_params": lambda d: (1,),
    "InsertExpression.on_conflict": lambda d: st.OnConflictClause(d, ["a"], do_nothing=True),
    "InsertExpression.returning": lambda d: st.ReturningClause(d, [_c(d)]),
    "InsertExpression.columns": lambda d: ["b"],
    "OnConflictClause.update_assignments": lambda d: {"a": core.Literal(d, 2)},
    "OnConflictClause.update_where": _pred,
    "UpdateExpression.from_": lambda d: _t(d, "u"),
    "UpdateExpression.where": _pred,
    "UpdateExpression.returning": lambda d: st.ReturningClause(d, [_c(d)]),
    "DeleteExpression.using": lambda d: _t(d, "u"),
    "DeleteExpression.where": _pred,
    "DeleteExpression.returning": lambda d: st.ReturningClause(d, [_c(d)]),
    "MergeExpression.when_matched": lambda d: [st.MergeAction(st.MergeActionType.DELETE)],
    "MergeExpression.when_not_matched": lambda d: [
        st.MergeAction(st.MergeActionType.INSERT, assignments={"a": _c(d, "a", "s")})
    ],
    "MergeExpression.when_not_matched_by_source": lambda d: [st.MergeAction(st.MergeActionType.DELETE)],
    "MergeAction.assignments": lambda d: {"a": core.Literal(d, 9)},
    "MergeAction.values": lambda d: [core.Literal(d, 9)],
    "MergeAction.condition": _pred,
    "CreateTableExpression.indexes": lambda d: [st.IndexDefinition("i", ["a"])],
    "CreateTableExpression.table_constraints": lambda d: [
        st.TableConstraint(st.TableConstraintType.UNIQUE, columns=["a"])
    ],
    "CreateTableExpression.inherits": lambda d: ["p"],
    "CreateTableExpression.storage_options": lambda d: {"fillfactor": 70},
    "CreateTableExpression.as_query": _query,
    "CreateTableExpression.partition": lambda d: st.PartitionClause(d, st.PartitionStrategy.HASH, [_c(d)]),
    "CreateTableExpression.tablespace": lambda d: "pg_default",
    "ColumnDefinition.constraints": lambda d: [st.ColumnConstraint(st.ColumnConstraintType.NOT_NULL)],
    "ColumnDefinition.comment": lambda d: "a note",
    "ColumnDefinition.generated_expression": lambda d: _c(d, "b"),
    "ColumnDefinition.generated_type": lambda d: st.GeneratedColumnType.STORED,
    "ColumnConstraint.check_condition": lambda d: _c(d, "b") > core.Literal(d, 1),
    "ColumnConstraint.foreign_key_reference": lambda d: ("q", ["key"]),
    "ColumnConstraint.default_value": lambda d: 5,
    "ColumnConstraint.on_delete": lambda d: st.ReferentialAction.CASCADE,
    "ColumnConstraint.on_update": lambda d: st.ReferentialAction.CASCADE,
    "TableConstraint.check_condition": lambda d: _c(d, "b") > core.Literal(d, 1),
    "TableConstraint.foreign_key_table": lambda d: "q",
    "TableConstraint.foreign_key_columns": lambda d: ["key"],
    "TableConstraint.columns": lambda d: ["b"],
    "ForeignKeyConstraint.on_delete": lambda d: st.ReferentialAction.CASCADE,
    "ForeignKeyConstraint.on_update": lambda d: st.ReferentialAction.SET_NULL,
    "ForeignKeyConstraint.match_type": lambda d: "FULL",
    "ForeignKeyConstraint.check_condition": lambda d: _c(d) > core.Literal(d, 0),
    "ForeignKeyConstraint.columns": lambda d: ["b"],
    "ForeignKeyConstraint.foreign_key_table": lambda d: "q",
    "ForeignKeyConstraint.foreign_key_columns": lambda d: ["key"],
    "IndexDefinition.partial_condition": lambda d: _c(d).is_not_null(),
    "IndexDefinition.type": lambda d: "HASH",
    "IndexDefinition.include_columns": lambda d: ["b"],
    "AlterColumn.new_value": lambda d: core.Literal(d, 3),
    "RenameObject.object_type": lambda d: "INDEX",
    "CreateIndexExpression.where": lambda d: _c(d).is_not_null(),
    "CreateIndexExpression.index_type": lambda d: "HASH",
    "CreateIndexExpression.tablespace": lambda d: "pg_default",
    "CreateViewExpression.column_aliases": lambda d: ["x"],
    "CreateViewExpression.options": lambda d: st.ViewOptions(check_option=st.ViewCheckOption.CASCADED),
    "ViewOptions.algorithm": lambda d: st.ViewAlgorithm.MERGE,
    "ViewOptions.check_option": lambda d: st.ViewCheckOption.LOCAL,
    "ViewOptions.definer": lambda d: "someone",
    "ViewOptions.security": lambda d: "INVOKER",
    "CreateMaterializedViewExpression.column_aliases": lambda d: ["x"],
    "CreateMaterializedViewExpression.storage_options": lambda d: {"fillfactor": 70},
    "CreateMaterializedViewExpression.tablespace": lambda d: "pg_default",
    "CreateSchemaExpression.authorization": lambda d: "someone",
    "CreateSequenceExpression.owned_by": lambda d: "t.a",
    "AlterSequenceExpression.owned_by": lambda d: "t.a",
    "CreateFunctionExpression.parameters": lambda d: [{"name": "x", "type": "integer"}],
    "CreateFunctionExpression.language": lambda d: "sql",
    "CreateFunctionExpression.body": lambda d: "SELECT 2",
    "CreateFunctionExpression.returns": lambda d: "text",
    "DropFunctionExpression.parameters": lambda d: ["integer"],
    "CreateTriggerExpression.level": lambda d: st.TriggerLevel.STATEMENT,
    "CreateTriggerExpression.condition": lambda d: _c(d, "a", "NEW").is_not_null(),
    "CreateTriggerExpression.update_columns": lambda d: ["a"],
    "CreateTriggerExpression.referencing": lambda d: "NEW TABLE AS n",
    "CreateTriggerExpression.events": lambda d: [st.TriggerEvent.UPDATE],
    "ExplainExpression.options": lambda d: st.ExplainOptions(analyze=True),
    "ExplainOptions.format": lambda d: st.ExplainFormat.JSON,
    "ExplainOptions.format_name": lambda d: "JSON",
    "ExplainOptions.type": lambda d: st.ExplainType.ANALYZE,
    "JSONTableExpression.alias": lambda d: "jt2",
    "GroupByHavingClause.group_by": lambda d: [_c(d, "b")],
    "TableExpression.temporal_options": lambda d: {"as_of": "2024-01-01"},
    "CreateIndexExpression.include": lambda d: ["b"],
}

# Options that legitimately render identically on every dialect, each with the reason.
GENERIC_ALLOWED: dict[str, str] = {
    "TableConstraint.constraint_type": "structure: the constraint kind, exercised by the DDL cases",
    "ColumnConstraint.constraint_type": "structure: the constraint kind, exercised by the DDL cases",
    "MergeAction.action_type": "structure: the action kind, exercised by the MERGE case",
}


@dataclass(frozen=True)
class Option:
    cls: type
    name: str
    default: Any
    annotation: Any

    @property
    def key(self) -> str:
        return f"{self.cls.__name__}.{self.name}"


def options_of(cls: type) -> list[Option]:
    """The options of ``cls``: dataclass fields or ``__init__`` parameters that have a default."""
    found: list[Option] = []
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls) if hasattr(cls, "__annotations__") else {}
        for f in dataclasses.fields(cls):
            if f.default is not dataclasses.MISSING:
                found.append(Option(cls, f.name, f.default, hints.get(f.name, f.type)))
            elif f.default_factory is not dataclasses.MISSING:
                found.append(Option(cls, f.name, f.default_factory(), hints.get(f.name, f.type)))
        return found
    init = vars(cls).get("__init__") or getattr(cls, "__init__")  # noqa: B009 - the class attribute, not an instance one
    for p in list(inspect.signature(init).parameters.values())[1:]:
        if p.name == "dialect" or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) or p.default is p.empty:
            continue
        found.append(Option(cls, p.name, p.default, p.annotation))
    return found


_UNSET = object()


def alternative(option: Option, dialect: Dialect) -> Any:
    """A non-default value for ``option``, or ``_UNSET`` when none is known (add one to :data:`VALUES`)."""
    if option.key in VALUES:
        return VALUES[option.key](dialect)
    default, text = option.default, str(option.annotation)
    if isinstance(default, bool):
        return not default
    if option.name == "dialect_options":
        return {"conformance_unknown_option": 1}
    if default is None and "bool" in text:
        return True
    if default is None and "int" in text and "Literal" not in text:
        return 7
    if option.name in ("alias", "name"):
        return "opt_alias"
    if default is None and text.replace("typing.", "") in ("Optional[str]", "str | None", "Optional[str, NoneType]"):
        return "opt_value"
    if "Optional[str]" in text or text.endswith("Optional[str]"):
        return "opt_value"
    return _UNSET


@dataclass
class OptionResult:
    key: str
    status: str  # rendered | refused | silent | crashed | no-value | base-fails
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("rendered", "refused")


def _render(target: Target, dialect: Dialect, options: dict[str, Any]) -> tuple[str, tuple[Any, ...]]:
    sql, params = target.build(dialect, options).to_sql()
    return sql, tuple(params or ())


def _context_for(target: Target, option: Option, dialect: Dialect) -> dict[str, Any]:
    make = target.context.get(option.name)
    return make(dialect) if make else {}


def check_option(target: Target, option: Option, dialect: Dialect) -> OptionResult:
    value = alternative(option, dialect)
    if value is _UNSET:
        return OptionResult(option.key, "no-value", f"no non-default value known: add {option.key!r} to VALUES")
    extra = _context_for(target, option, dialect)
    try:
        base = _render(target, dialect, extra)
    except UnsupportedFeatureError as exc:  # the dialect refuses the whole statement: nothing to drop
        return OptionResult(option.key, "refused", f"statement refused: {exc}")
    except CRASHES as exc:  # not implemented, and not refused either
        return OptionResult(option.key, "crashed", f"without the option: {type(exc).__name__}: {exc}")
    except Exception as exc:  # the object without options must render: else nothing can be compared
        return OptionResult(option.key, "base-fails", f"{type(exc).__name__}: {exc}")
    try:
        changed = _render(target, dialect, {**extra, option.name: value})
    except CRASHES as exc:
        return OptionResult(option.key, "crashed", f"{type(exc).__name__}: {exc}")
    except Exception as exc:
        return OptionResult(option.key, "refused", f"{type(exc).__name__}: {exc}")
    if changed == base:
        return OptionResult(option.key, "silent", f"{option.name}={value!r} renders the same: {base[0]}")
    return OptionResult(option.key, "rendered", changed[0])


def all_options() -> list[tuple[Target, Option]]:
    return [(t, o) for t in TARGETS for o in options_of(t.cls) if o.name not in t.skip]


def allowance(key: str, allowed: Mapping[str, str]) -> Optional[str]:
    """The allow-list reason for ``Class.option``; ``*.option`` entries cover that option on every class."""
    return allowed.get(key) or allowed.get("*." + key.split(".", 1)[1])


def coverage(dialect: Dialect) -> list[OptionResult]:
    """Every option's result on ``dialect``, allow-lists not applied."""
    return [check_option(target, option, dialect) for target, option in all_options()]


@dataclass
class OptionReport:
    failures: list[str]  # not covered and not allow-listed: the test fails on these
    allowed: list[str]  # not covered, allow-listed with a reason
    stale: list[str]  # allow-listed as open, yet covered on every dialect checked: remove the entry


def option_report(dialects: Mapping[str, Dialect], allowed: Mapping[str, str]) -> OptionReport:
    """Coverage of every option on each dialect (label -> dialect) against one backend's allow-list."""
    allow = {**GENERIC_ALLOWED, **allowed}
    report = OptionReport([], [], [])
    covered_everywhere: dict[str, bool] = {}
    for label, dialect in dialects.items():
        for result in coverage(dialect):
            covered_everywhere[result.key] = covered_everywhere.get(result.key, True) and result.ok
            if result.ok:
                continue
            reason = allowance(result.key, allow)
            line = f"{label}: {result.key}: {result.status}: {result.detail}"
            (report.allowed if reason else report.failures).append(f"{line} [{reason}]" if reason else line)
    for key, reason in sorted(allowed.items()):
        if not key.startswith("*.") and reason.startswith("open:") and covered_everywhere.get(key, False):
            report.stale.append(f"{key} is listed as {reason!r} but is covered now: remove the entry")
    return report


def option_tests(
    dialects: Mapping[str, Dialect], allowed: Mapping[str, str]
) -> tuple[Callable[[], None], Callable[[], None]]:
    """A backend's two no-silent-drop tests, bound in its test module as ``test_... , test_... = option_tests(...)``.

    ``allowed`` lists what the dialect does not cover yet, each with the reason: "open: issue 9 ..." entries are
    defects still to fix (reported, the test passes; once fixed the second test asks for the entry's removal).
    An option that renders identically for a good reason gets an entry with that reason instead.
    """

    def test_every_option_is_rendered_or_refused() -> None:
        report = option_report(dialects, allowed)
        assert not report.failures, "options dropped silently or crashing:\n" + "\n".join(report.failures)

    def test_allow_list_has_no_stale_entries() -> None:
        report = option_report(dialects, allowed)
        assert not report.stale, "\n".join(report.stale)

    return test_every_option_is_rendered_or_refused, test_allow_list_has_no_stale_entries
