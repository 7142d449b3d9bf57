"""Full-text search from the query builder: the tsvector/tsquery functions as the core's expressions.

    from rhosocial.activerecord.backend.impl.postgres import search as fts

    doc = fts.to_tsvector(d, Column(d, "body"), "english")
    query = fts.websearch_to_tsquery(d, "quick -lazy", "english")
    QueryExpression(d, select=[Column(d, "id"), fts.ts_rank(d, doc, query).as_("rank")], from_="posts",
                    where=fts.matches(d, doc, query), order_by=...)

Text search configurations are names (``'english'``, ``'simple'``, ``pg_catalog.german``), checked and
written inline as ``'name'::regconfig`` so an expression index over the same call is usable; the
search text and documents given as Python values are parameters.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from rhosocial.activerecord.backend.expression import FunctionCall, Literal, RawSQLExpression
from rhosocial.activerecord.backend.expression.bases import BaseExpression
from rhosocial.activerecord.backend.expression.predicates import ComparisonPredicate

_CONFIG = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)?$")


def config(dialect: Any, name: str) -> RawSQLExpression:
    """``'name'::regconfig`` (a text search configuration)."""
    if not _CONFIG.match(name):
        raise ValueError(f"text search configuration {name!r} is not a plain (optionally schema-qualified) name")
    return RawSQLExpression(dialect, f"'{name}'::regconfig")


def _value(dialect: Any, value: Any) -> BaseExpression:
    return value if isinstance(value, BaseExpression) else Literal(dialect, value)


def _call(dialect: Any, name: str, cfg: Optional[str], *args: Any) -> FunctionCall:
    values = [_value(dialect, a) for a in args]
    if cfg is not None:
        values.insert(0, config(dialect, cfg))
    return FunctionCall(dialect, name, *values)


def to_tsvector(dialect: Any, document: Any, cfg: Optional[str] = None) -> FunctionCall:
    return _call(dialect, "to_tsvector", cfg, document)


def to_tsquery(dialect: Any, text: Any, cfg: Optional[str] = None) -> FunctionCall:
    """Query syntax: ``'fat & (rat | cat)'``, ``'supern:*'``."""
    return _call(dialect, "to_tsquery", cfg, text)


def plainto_tsquery(dialect: Any, text: Any, cfg: Optional[str] = None) -> FunctionCall:
    """All words must occur."""
    return _call(dialect, "plainto_tsquery", cfg, text)


def phraseto_tsquery(dialect: Any, text: Any, cfg: Optional[str] = None) -> FunctionCall:
    """The words in this order, adjacent."""
    return _call(dialect, "phraseto_tsquery", cfg, text)


def websearch_to_tsquery(dialect: Any, text: Any, cfg: Optional[str] = None) -> FunctionCall:
    """Search-engine syntax: ``"a phrase" or word -excluded``."""
    return _call(dialect, "websearch_to_tsquery", cfg, text)


def ts_rank(dialect: Any, vector: Any, query: Any, normalization: Optional[int] = None, cover: bool = False):
    """``ts_rank`` (``ts_rank_cd`` with ``cover=True``); ``normalization`` is the bit mask of the manual."""
    args = [vector, query] + ([Literal(dialect, normalization)] if normalization is not None else [])
    return _call(dialect, "ts_rank_cd" if cover else "ts_rank", None, *args)


def ts_headline(
    dialect: Any, document: Any, query: Any, cfg: Optional[str] = None, options: Optional[dict[str, Any]] = None
) -> FunctionCall:
    """The document with the matches marked; ``options`` such as ``{"StartSel": "<b>", "MaxWords": 10}``."""
    args = [document, query]
    if options:
        args.append(Literal(dialect, ", ".join(f"{k}={v}" for k, v in options.items())))
    return _call(dialect, "ts_headline", cfg, *args)


def matches(dialect: Any, vector: Any, query: Any) -> ComparisonPredicate:
    """``vector @@ query``."""
    return ComparisonPredicate(dialect, "@@", _value(dialect, vector), _value(dialect, query))
