"""PostGIS where installed (issue 11): geometry/geography from WKT, WKB and GeoJSON, ST_ functions through the
function API in select lists, filters and ordering, and a GiST index the planner uses; sync and async."""

from __future__ import annotations

import inspect

import pytest

from rhosocial.activerecord.backend.expression import Column, QueryExpression, TableExpression
from rhosocial.activerecord.backend.expression.query_parts import OrderByClause
from rhosocial.activerecord.backend.expression.statements import CreateIndexExpression, ExplainFormat, ExplainOptions

pytestmark = pytest.mark.server


async def _call(value):
    return await value if inspect.isawaitable(value) else value


async def _need_postgis(db) -> None:
    if not (await _call(db.backend.extensions())).get("postgis"):
        pytest.skip(f"PostGIS is not installed in the database on {db.backend.server_info.describe()}")


async def test_geometries_functions_and_gist(db, table):
    from rhosocial.activerecord.backend.impl.postgres import postgis

    await _need_postgis(db)
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


async def test_planner_uses_the_gist_index(db, table):
    """A GiST index built with the core's CreateIndexExpression serves ST_DWithin and && filters built with
    the function API; EXPLAIN ANALYZE through backend.explain() shows the index read and the right row count."""
    from rhosocial.activerecord.backend.impl.postgres import postgis
    from rhosocial.activerecord.backend.impl.postgres.ddl_objects import AnalyzeExpression

    await _need_postgis(db)
    d = db.backend.dialect
    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, geom geometry(Point, 4326) NOT NULL)')
    # a 200 x 100 grid of points 0.1 degree apart: 20,000 rows, enough for an index to beat a scan
    await db.execute(
        f'INSERT INTO "{table}" (geom) SELECT ST_SetSRID(ST_MakePoint(x * 0.1, y * 0.1), 4326) '
        f"FROM generate_series(0, 199) x, generate_series(0, 99) y"
    )
    index = f"{table}_geom_gist"
    await db.execute(*CreateIndexExpression(d, index, table, ["geom"], index_type="gist").to_sql())
    await db.execute(*AnalyzeExpression(d, [table]).to_sql())

    centre = postgis.from_wkt(d, "POINT(5 5)", srid=4326)
    within = postgis.st(d, "ST_DWithin", Column(d, "geom"), centre, 0.25)
    envelope = postgis.st(d, "ST_MakeEnvelope", 4.0, 4.0, 4.5, 4.5, 4326)
    boxed = postgis.bbox_intersects(d, Column(d, "geom"), envelope)
    # grid points (i, j) steps from the centre with i^2 + j^2 <= 6.25; and a 6 x 6 block of the grid
    expected = {"within": sum(1 for i in range(-3, 4) for j in range(-3, 4) if i * i + j * j <= 6.25), "boxed": 36}
    analyze = ExplainOptions(analyze=True, format=ExplainFormat.JSON)
    for name, where in (("within", within), ("boxed", boxed)):
        query = QueryExpression(d, select=[Column(d, "id")], from_=TableExpression(d, table), where=where)
        plan = await db.explain(query, analyze)
        assert plan.index_names == [index], plan.text()
        assert not plan.is_full_scan, plan.text()
        assert plan.actual_rows == expected[name], plan.text()
        assert len(await db.fetch_all(*query.to_sql())) == expected[name]
