"""Extensions and pgvector, live (issue 11): detection cached per connection, CREATE EXTENSION through the
dialect, vector/halfvec fields from list[float], distance operators in filters and ordering, HNSW/IVFFlat
index DDL with operator classes, sync and async (on the servers that ship pgvector; skipped elsewhere, saying so)."""

from __future__ import annotations

import inspect

import pytest

from rhosocial.activerecord.backend.expression import Column, Literal, QueryExpression, TableExpression
from rhosocial.activerecord.backend.expression.query_parts import LimitOffsetClause, OrderByClause
from rhosocial.activerecord.backend.expression.statements import CreateIndexExpression

from .models import model_for

pytestmark = pytest.mark.server


async def _call(value):
    return await value if inspect.isawaitable(value) else value


async def test_extensions_detected_once_per_connection_and_created(db):
    from rhosocial.activerecord.backend.impl.postgres.extensions import (
        CreateExtensionExpression,
        DropExtensionExpression,
    )

    backend = db.backend
    found = await _call(backend.extensions())
    assert found["plpgsql"]  # installed everywhere
    assert await _call(backend.extensions()) is found  # cached for this connection
    if "citext" not in found:
        pytest.skip(f"{backend.server_info.describe()} ships no contrib extensions (citext)")
    d = backend.dialect
    await db.execute(*DropExtensionExpression(d, "citext", cascade=True).to_sql())
    await _call(backend.create_extension("citext"))
    assert await _call(backend.has_extension("citext"))
    await db.execute("CREATE TEMPORARY TABLE ci_probe (v citext)")
    await db.execute("INSERT INTO ci_probe VALUES ('MiXeD')")
    assert (await db.fetch_all("SELECT v FROM ci_probe WHERE v = 'mixed'")) == [{"v": "MiXeD"}]
    await db.execute("DROP TABLE ci_probe")
    sql, _ = CreateExtensionExpression(d, "hstore", schema="public", cascade=True).to_sql()
    assert sql == 'CREATE EXTENSION IF NOT EXISTS "hstore" WITH SCHEMA "public" CASCADE'


@pytest.fixture
async def vector_db(db):
    backend = db.backend
    found = await _call(backend.extensions())
    if "vector" not in found:
        pytest.skip(f"pgvector is not available on {backend.server_info.describe()}")
    if found["vector"] is None:  # only a superuser may create it (tools/localdb.py does, for its servers)
        pytest.skip(f"pgvector is available on {backend.server_info.describe()} but not installed in the database")
    return db


async def test_vector_fields_distances_and_indexes(vector_db, table):
    from rhosocial.activerecord.backend.impl.postgres import vector as pgv

    db, t = vector_db, table
    d = db.backend.dialect
    await db.execute(f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, embedding vector(3), half halfvec(3))')
    points = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.9, 0.1, 0.0], [0.0, 0.0, 1.0]]
    async with model_for(db, t, embedding=list[float], half=list[float]) as model:
        for p in points:
            await _call(model(embedding=p, half=p).save())
        assert (await _call(model.find_one(1))).embedding == [1.0, 0.0, 0.0]
        assert (await _call(model.find_one(3))).half == pytest.approx([0.9, 0.1, 0.0], abs=1e-3)
    methods = (("hnsw", "l2", {"m": 8, "ef_construction": 32}), ("ivfflat", "cosine", {"lists": 1}))
    for method, kind, extra in methods:
        index = CreateIndexExpression(
            d,
            f"{t}_{method}",
            t,
            [Column(d, "embedding")],
            index_type=method,
            dialect_options={"opclasses": {"embedding": pgv.OPCLASSES[kind]}, "with": extra},
        )
        await db.execute(*index.to_sql())
    defs = await db.fetch_all("SELECT indexdef FROM pg_indexes WHERE tablename = %s ORDER BY indexname", (t,))
    hnsw = [r["indexdef"] for r in defs if "USING hnsw (embedding vector_l2_ops)" in r["indexdef"]]
    assert hnsw, defs
    assert "m='8'" in hnsw[0], hnsw
    assert "ef_construction='32'" in hnsw[0], hnsw
    assert any("USING ivfflat (embedding vector_cosine_ops)" in r["indexdef"] for r in defs), defs
    target = pgv.vector(d, [1.0, 0.0, 0.0])
    for name in ("l2", "cosine", "inner_product", "l1"):
        near = pgv.distance(d, name, Column(d, "embedding"), target)
        query = QueryExpression(
            d,
            select=[Column(d, "id")],
            from_=TableExpression(d, t),
            where=near < Literal(d, 0.5),
            order_by=OrderByClause(d, [near]),
            limit_offset=LimitOffsetClause(d, limit=2),
        )
        ids = [r["id"] for r in (await db.execute(*query.to_sql())).data]
        assert ids[0] == 1, (name, ids)
        assert ids == ([1, 3] if name != "inner_product" else [1, 3][: len(ids)]), (name, ids)
    half_near = pgv.cosine_distance(d, Column(d, "half"), pgv.vector(d, [0.0, 0.0, 1.0], "halfvec"))
    query = QueryExpression(
        d, select=[Column(d, "id")], from_=TableExpression(d, t), order_by=OrderByClause(d, [half_near])
    )
    assert (await db.execute(*query.to_sql())).data[0]["id"] == 4
