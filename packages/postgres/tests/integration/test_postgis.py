"""PostGIS where installed (issue 11): geometry/geography from WKT, WKB and GeoJSON, ST_ functions through the
function API in select lists, filters and ordering, and a GiST index the planner uses; sync and async."""

from __future__ import annotations

import inspect

import pytest

from rhosocial.activerecord.backend.expression import Column, Literal, QueryExpression, TableExpression
from rhosocial.activerecord.backend.expression.query_parts import OrderByClause
from rhosocial.activerecord.backend.expression.statements import CreateIndexExpression

pytestmark = pytest.mark.server


async def _call(value):
    return await value if inspect.isawaitable(value) else value


async def test_geometries_functions_and_gist(db, table):
    from rhosocial.activerecord.backend.impl.postgres import postgis

    if not (await _call(db.backend.extensions())).get("postgis"):
        pytest.skip(f"PostGIS is not installed in the database on {db.backend.server_info.describe()}")
    d = db.backend.dialect
    await db.execute(f'CREATE TABLE "{table}" (id INT, name TEXT, geom geometry(Point, 4326), area geography)')
    places = [
        (1, "berlin", postgis.from_wkt(d, "POINT(13.40 52.52)", srid=4326)),
        (2, "potsdam", postgis.from_geojson(d, {"type": "Point", "coordinates": [13.06, 52.39]}, srid=4326)),
        # WKB of POINT(2.35 48.86), little endian
        (3, "paris", postgis.from_wkb(d, bytes.fromhex("01010000009a99999999d9024014ae47e17a6e4840"), srid=4326)),
    ]
    for pid, name, geom in places:
        geom_sql, geom_params = geom.to_sql()
        await db.execute(
            f'INSERT INTO "{table}" (id, name, geom) VALUES (%s, %s, {geom_sql})', (pid, name, *geom_params)
        )
    await db.execute(f'UPDATE "{table}" SET area = geom::geography')
    berlin = postgis.from_wkt(d, "POINT(13.40 52.52)", srid=4326, geography=True)
    distance = postgis.st(d, "ST_Distance", Column(d, "area"), berlin)
    query = QueryExpression(
        d,
        select=[Column(d, "name"), postgis.st(d, "ST_AsText", Column(d, "geom")).as_("wkt")],
        from_=TableExpression(d, table),
        where=postgis.st(d, "ST_DWithin", Column(d, "area"), berlin, 50_000),  # metres on geography
        order_by=OrderByClause(d, [distance]),
    )
    rows = await db.fetch_all(*query.to_sql())
    assert [(r["name"], r["wkt"]) for r in rows] == [("berlin", "POINT(13.4 52.52)"), ("potsdam", "POINT(13.06 52.39)")]
    index = CreateIndexExpression(d, f"{table}_gist", table, ["geom"], index_type="gist")
    await db.execute(*index.to_sql())
    await db.execute(
        f'INSERT INTO "{table}" (id, geom) SELECT g, ST_SetSRID(ST_MakePoint(g, g), 4326) '
        f"FROM generate_series(10, 3000) g"
    )
    await db.execute(f'ANALYZE "{table}"')
    box = postgis.st(d, "ST_MakeEnvelope", 13.0, 52.0, 14.0, 53.0, 4326)
    near = postgis.st(d, "ST_Intersects", Column(d, "geom"), box)
    inside = QueryExpression(d, select=[Column(d, "id")], from_=TableExpression(d, table), where=near)
    found = await db.fetch_all("SELECT indexdef FROM pg_indexes WHERE indexname = %s", (f"{table}_gist",))
    assert "USING gist (geom)" in found[0]["indexdef"], found
    assert sorted(r["id"] for r in await db.fetch_all(*inside.to_sql())) == [1, 2]
    assert Literal  # the core's literal also works as an argument: postgis.st(d, "ST_Buffer", geom, Literal(d, 1))
