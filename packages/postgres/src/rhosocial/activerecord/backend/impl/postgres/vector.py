"""pgvector from the query builder: vector values, distance operators, index operator classes.

A model field ``list[float]`` over a ``vector(n)`` / ``halfvec(n)`` column saves (the array is cast to the
vector type by pgvector's assignment cast) and loads (the array adapter reads pgvector's ``[1,2,3]``).

    from rhosocial.activerecord.backend.impl.postgres import vector as pgv

    near = pgv.l2_distance(d, Column(d, "embedding"), pgv.vector(d, [0.1, 0.2, 0.3]))
    QueryExpression(d, select=[...], from_="items", where=near < Literal(d, 0.5), order_by=[near], limit=5)

Index DDL: the core's ``CreateIndexExpression(..., index_type="hnsw", dialect_options={"opclasses":
{"embedding": pgv.OPCLASSES["l2"]}, "with": {"m": 16}})``.
"""

from __future__ import annotations

from typing import Any

from rhosocial.activerecord.backend.expression import RawSQLExpression
from rhosocial.activerecord.backend.expression.operators import BinaryArithmeticExpression

KINDS = ("vector", "halfvec")
# distance name -> (operator, operator class for vector, for halfvec)
DISTANCES = {
    "l2": ("<->", "vector_l2_ops", "halfvec_l2_ops"),
    "cosine": ("<=>", "vector_cosine_ops", "halfvec_cosine_ops"),
    "inner_product": ("<#>", "vector_ip_ops", "halfvec_ip_ops"),
    "l1": ("<+>", "vector_l1_ops", "halfvec_l1_ops"),
}
OPCLASSES = {name: ops[1] for name, ops in DISTANCES.items()}
HALFVEC_OPCLASSES = {name: ops[2] for name, ops in DISTANCES.items()}


def vector_text(values: Any) -> str:
    """pgvector's text form: ``[1.0,2.5,3.0]``."""
    return "[" + ",".join(repr(float(v)) for v in values) + "]"


def vector(dialect: Any, values: Any, kind: str = "vector") -> RawSQLExpression:
    """A ``vector`` (or ``halfvec``) value as a parameter: ``%s::vector``."""
    if kind not in KINDS:
        raise ValueError(f"vector kind {kind!r} is not one of {KINDS}")
    return RawSQLExpression(dialect, f"{dialect.get_parameter_placeholder()}::{kind}", (vector_text(values),))


def distance(dialect: Any, name: str, left: Any, right: Any) -> BinaryArithmeticExpression:
    if name not in DISTANCES:
        raise ValueError(f"pgvector distance {name!r} is not one of {sorted(DISTANCES)}")
    return BinaryArithmeticExpression(dialect, DISTANCES[name][0], left, right)


def l2_distance(dialect: Any, left: Any, right: Any) -> BinaryArithmeticExpression:
    return distance(dialect, "l2", left, right)


def cosine_distance(dialect: Any, left: Any, right: Any) -> BinaryArithmeticExpression:
    return distance(dialect, "cosine", left, right)


def negative_inner_product(dialect: Any, left: Any, right: Any) -> BinaryArithmeticExpression:
    """``<#>`` is the negative inner product (smaller is closer, as with the other distances)."""
    return distance(dialect, "inner_product", left, right)


def l1_distance(dialect: Any, left: Any, right: Any) -> BinaryArithmeticExpression:
    return distance(dialect, "l1", left, right)
