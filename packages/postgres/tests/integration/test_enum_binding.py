"""Python Enum fields over PostgreSQL ENUM types through models, sync and async (issue 11): bound by member
value or name as the field declares (``enum_binding``), by name without a declaration, read back as the
member, usable in filters, and following ALTER TYPE ADD VALUE / RENAME VALUE built with our DDL."""

from __future__ import annotations

import enum
from typing import Annotated

import pytest

from rhosocial.activerecord.backend.impl.postgres.adapters.enums import enum_binding
from rhosocial.activerecord.backend.impl.postgres.ddl_objects import (
    AlterEnumTypeExpression,
    CreateEnumTypeExpression,
    DropTypeExpression,
)

from .models import call, model_for

pytestmark = pytest.mark.server


class Status(enum.Enum):  # bound by value: the ENUM labels are the values
    OPEN = "open"
    CLOSED = "closed"


class Priority(enum.Enum):  # bound by name: the ENUM labels are the names
    LOW = 1
    HIGH = 2


class Stage(enum.Enum):  # no declaration: by name
    DRAFT = "d"
    DONE = "x"


class Tier(str, enum.Enum):  # a str mixin: a string to the driver, so by value without a declaration
    FREE = "free"
    PAID = "paid"


class Phase(enum.Enum):  # grows and is renamed through ALTER TYPE
    NEW = "new"
    OLD = "old"


class PhaseGrown(enum.Enum):
    NEW = "new"
    STALE = "stale"
    ANCIENT = "ancient"


@pytest.fixture
async def types(db, table):
    names: list[str] = []
    yield names
    await db.execute(f'DROP TABLE IF EXISTS "{table}"')
    for name in names:
        await db.execute(*DropTypeExpression(db.backend.dialect, name, if_exists=True, cascade=True).to_sql())


async def _enum_type(db, types, name: str, labels: list[str]) -> str:
    types.append(name)
    await db.execute(*CreateEnumTypeExpression(db.backend.dialect, name, labels).to_sql())
    return name


async def test_bound_by_value_and_by_name_saved_loaded_filtered(db, table, types):
    status = await _enum_type(db, types, f"{table}_st", [m.value for m in Status])
    priority = await _enum_type(db, types, f"{table}_pr", [m.name for m in Priority])
    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, status "{status}", priority "{priority}")')
    fields = dict(
        status=Annotated[Status, enum_binding(Status, by="value")],
        priority=Annotated[Priority, enum_binding(Priority, by="name")],
    )
    async with model_for(db, table, **fields) as model:
        await call(model(status=Status.OPEN, priority=Priority.HIGH).save())
        await call(model(status=Status.CLOSED, priority=Priority.LOW).save())
        stored = await db.fetch_all(f'SELECT status::text AS s, priority::text AS p FROM "{table}" ORDER BY id')
        assert stored == [{"s": "open", "p": "HIGH"}, {"s": "closed", "p": "LOW"}]

        closed = await call(model.query().where(model.c.status == Status.CLOSED).all())
        assert [(r.status, r.priority) for r in closed] == [(Status.CLOSED, Priority.LOW)]
        high = await call(model.query().where(model.c.priority == Priority.HIGH).one())
        assert high.status is Status.OPEN
        assert high.priority is Priority.HIGH

        high.status = Status.CLOSED  # an update binds the same way
        await call(high.save())
        rows = await call(model.query().where(model.c.status.in_([Status.CLOSED])).all())
        assert len(rows) == 2


async def test_undeclared_enum_is_stored_by_name(db, table, types):
    stage = await _enum_type(db, types, f"{table}_sg", [m.name for m in Stage])
    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, stage "{stage}")')
    async with model_for(db, table, stage=Stage) as model:
        await call(model(stage=Stage.DONE).save())
        assert await db.fetch_all(f'SELECT stage::text AS s FROM "{table}"') == [{"s": "DONE"}]
        found = await call(model.query().where(model.c.stage == Stage.DONE).one())
        assert found.stage is Stage.DONE


async def test_undeclared_str_mixin_enum_is_stored_by_value(db, table, types):
    tier = await _enum_type(db, types, f"{table}_ti", [m.value for m in Tier])
    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, tier "{tier}")')
    async with model_for(db, table, tier=Tier) as model:
        await call(model(tier=Tier.PAID).save())
        assert await db.fetch_all(f'SELECT tier::text AS t FROM "{table}"') == [{"t": "paid"}]
        found = await call(model.query().where(model.c.tier == Tier.PAID).one())
        assert found.tier is Tier.PAID


async def test_alter_type_add_and_rename_value_through_the_model(db, table, types):
    d = db.backend.dialect
    phase = await _enum_type(db, types, f"{table}_ph", [m.value for m in Phase])
    await db.execute(f'CREATE TABLE "{table}" (id SERIAL PRIMARY KEY, phase "{phase}")')
    async with model_for(db, table, phase=Annotated[Phase, enum_binding(Phase)]) as first:
        await call(first(phase=Phase.OLD).save())

    await db.execute(*AlterEnumTypeExpression(d, phase, rename_value=("old", "stale")).to_sql())
    await db.execute(*AlterEnumTypeExpression(d, phase, add_value="ancient", after="stale").to_sql())
    db.backend.introspector.invalidate_cache()
    assert (await call(db.backend.introspector.list_enums()))[phase] == ["new", "stale", "ancient"]

    async with model_for(db, table, phase=Annotated[PhaseGrown, enum_binding(PhaseGrown)]) as grown:
        renamed = await call(grown.query().one())
        assert renamed.phase is PhaseGrown.STALE  # the row written as 'old' reads back under its new label
        await call(grown(phase=PhaseGrown.ANCIENT).save())
        found = await call(grown.query().where(grown.c.phase == PhaseGrown.ANCIENT).all())
        assert [r.phase for r in found] == [PhaseGrown.ANCIENT]
    ordered = await db.fetch_all(f'SELECT phase::text AS p FROM "{table}" ORDER BY phase')
    assert [r["p"] for r in ordered] == ["stale", "ancient"]  # the ENUM's own order, not alphabetical
