"""PostgreSQL types through models, saved and loaded (issue 11): ranges and multiranges with exact bounds,
money as Decimal, macaddr, bit/varbit, tsvector/tsquery, geometric types, xml, interval, hstore (dict of
str, through HstoreAdapter), ltree and citext."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Optional

import pytest
from psycopg.types.range import Range

pytestmark = pytest.mark.server


def _model(backend, table: str, **fields):
    from rhosocial.activerecord.model import ActiveRecord

    namespace = {"__table_name__": table, "__annotations__": {"id": Optional[int], **fields}, "id": None}
    if any(f is Range for f in fields.values()):  # psycopg's Range is no pydantic type
        namespace["model_config"] = {"arbitrary_types_allowed": True}
    model = type(f"T_{table}", (ActiveRecord,), namespace)
    model.configure(backend.config, type(backend))
    return model


@pytest.fixture
def t(backend, table_name):
    yield table_name
    backend.execute(f'DROP TABLE IF EXISTS "{table_name}" CASCADE')


def test_scalar_postgres_types_round_trip(backend, t):
    backend.execute(
        f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, price MONEY, mac MACADDR, flags BIT(4), bits VARBIT, '
        f"doc TSVECTOR, q TSQUERY, pt POINT, area BOX, span INTERVAL)"
    )
    model = _model(
        backend,
        t,
        price=Decimal,
        mac=str,
        flags=str,
        bits=str,
        doc=str,
        q=str,
        pt=str,
        area=str,
        span=datetime.timedelta,
    )
    values = {
        "price": Decimal("1234.56"),
        "mac": "08:00:2b:01:02:03",
        "flags": "1010",
        "bits": "110",
        "doc": "'fat':2 'rat':3",
        "q": "'fat' & 'rat'",
        "pt": "(1,2)",
        "area": "(2,2),(0,0)",
        "span": datetime.timedelta(days=1, hours=2, microseconds=5),
    }
    record = model(**values)
    record.save()
    found = model.find_one(record.id)
    assert {k: getattr(found, k) for k in values} == values


def test_ranges_keep_their_bounds(backend, t):
    from psycopg.types.multirange import Multirange

    backend.execute(f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, r INT4RANGE, d DATERANGE, n NUMRANGE)')
    model = _model(backend, t, r=Range, d=Range, n=Range)
    exact = {
        "r": Range(1, 10, "[]"),  # canonicalised by the server to [1,11)
        "d": Range(datetime.date(2024, 1, 1), None, "[)"),
        "n": Range(Decimal("0.5"), Decimal("1.5"), "(]"),
    }
    record = model(**exact)
    record.save()
    found = model.find_one(record.id)
    assert found.r == Range(1, 11, "[)")
    assert found.d == exact["d"]
    assert found.n == exact["n"]
    assert found.n.lower_inc is False
    assert found.n.upper_inc is True
    if backend.server_info.version >= (14,):
        row = backend.fetch_one("SELECT '{[1,3), [5,7]}'::int4multirange AS m")
        assert isinstance(row["m"], Multirange)
        assert list(row["m"]) == [Range(1, 3, "[)"), Range(5, 8, "[)")]


def test_hstore_ltree_citext(backend, t):
    from rhosocial.activerecord.backend.impl.postgres.adapters.hstore import HstoreAdapter
    from rhosocial.activerecord.base.fields import UseAdapter

    found = backend.extensions()
    missing = [name for name in ("hstore", "ltree", "citext") if name not in found]
    if missing:
        pytest.skip(f"{backend.server_info.describe()} does not ship {missing}")
    for name in ("hstore", "ltree", "citext"):
        backend.create_extension(name)
    backend.execute(f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, attrs HSTORE, path LTREE, email CITEXT)')
    model = _model(backend, t, attrs=Annotated[dict[str, Any], UseAdapter(HstoreAdapter(), dict)], path=str, email=str)
    attrs = {"colour": "red", "quote": 'say "hi"\\\\', "empty": "", "none": None}
    record = model(attrs=attrs, path="top.science.astronomy", email="Ann@Example.com")
    record.save()
    loaded = model.find_one(record.id)
    assert (loaded.attrs, loaded.path, loaded.email) == (attrs, "top.science.astronomy", "Ann@Example.com")
    row = backend.fetch_one(
        f"SELECT attrs -> 'colour' AS c, path <@ 'top.science' AS under, email = 'ann@example.com' AS same FROM \"{t}\""
    )
    assert row == {"c": "red", "under": True, "same": True}


def test_xml_round_trip(backend, t):
    from rhosocial.activerecord.backend.errors import DatabaseError

    try:
        backend.fetch_one("SELECT '<a/>'::xml AS x")
    except DatabaseError as exc:
        pytest.skip(f"{backend.server_info.describe()}: {exc}")  # built without libxml
    backend.execute(f'CREATE TABLE "{t}" (id SERIAL PRIMARY KEY, x XML)')
    model = _model(backend, t, x=str)
    record = model(x="<a>1</a>")
    record.save()
    assert model.find_one(record.id).x == "<a>1</a>"
