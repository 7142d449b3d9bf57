"""Arrays the way users write them (issue 11): declared ``list[int]``/``list[str]``/``list[UUID]`` fields over
array columns, ``= ANY(%s)`` with a Python list, while ``dict``/``list`` over json/jsonb stay JSON; sync and async."""

from __future__ import annotations

import uuid
from typing import Any, Optional

import pytest

from .models import call, model_for

pytestmark = pytest.mark.server


async def test_declared_list_fields_are_arrays_and_plain_ones_json(db, table):
    await db.execute(
        f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, nums INT[], names TEXT[], ids UUID[], grid INT[][], '
        f"doc JSONB, items JSON, meta JSONB)"
    )
    fields = dict(
        nums=list[int],
        names=Optional[list[str]],
        ids=list[uuid.UUID],
        grid=list[list[int]],
        doc=list,
        items=list[dict[str, Any]],
        meta=dict,
    )
    key = uuid.uuid4()
    async with model_for(db, table, **fields) as model:
        record = model(
            nums=[3, 1, 2],
            names=["a", "b"],
            ids=[key],
            grid=[[1, 2], [3, 4]],
            doc=[1, "x"],
            items=[{"k": 1}],
            meta={"a": [1, 2]},
        )
        await call(record.save())
        stored = await db.fetch_one(
            f"SELECT pg_typeof(nums)::text AS nums, array_length(names, 1) AS n, ids[1] AS first, "
            f"grid[2][1] AS cell, jsonb_typeof(doc) AS doc, json_typeof(items) AS items, meta -> 'a' ->> 1 AS meta "
            f'FROM "{table}"'
        )
        assert stored == {
            "nums": "integer[]",
            "n": 2,
            "first": key,
            "cell": 3,
            "doc": "array",
            "items": "array",
            "meta": "2",
        }
        found = await call(model.find_one(record.id))
        assert (found.nums, found.names, found.ids, found.grid) == ([3, 1, 2], ["a", "b"], [key], [[1, 2], [3, 4]])
        assert (found.doc, found.items, found.meta) == ([1, "x"], [{"k": 1}], {"a": [1, 2]})
        found.nums = [9]
        await call(found.save())
    assert await db.fetch_one(f'SELECT nums FROM "{table}"') == {"nums": [9]}


async def test_any_with_a_python_list(db, table):
    await db.execute(f'CREATE TABLE "{table}" (id INT, tag TEXT, doc JSONB)')
    await db.execute(
        f'INSERT INTO "{table}" VALUES (1, %s, %s), (2, %s, %s), (3, %s, %s)', ("a", [1], "b", [2], "c", {})
    )
    found = await db.fetch_all(f'SELECT id FROM "{table}" WHERE id = ANY(%s) ORDER BY id', ([1, 3, 7],))
    assert [r["id"] for r in found] == [1, 3]
    found = await db.fetch_all(f'SELECT id FROM "{table}" WHERE tag <> ALL (%s) ORDER BY id', (["a"],))
    assert [r["id"] for r in found] == [2, 3]
    found = await db.fetch_all(f'SELECT id FROM "{table}" WHERE tag = ANY(%s::text[]) AND doc = %s', (["b"], [2]))
    assert [r["id"] for r in found] == [2]  # the list compared with jsonb stays JSON
    assert (await db.fetch_one("SELECT cardinality(%s::int[]) AS n", ([1, 2, 3],))) == {"n": 3}
