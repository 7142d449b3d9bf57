"""Models built per test for the ``db`` fixture: an ``ActiveRecord`` on the sync backend, an
``AsyncActiveRecord`` on the async one, so a test body proves a type through models both ways."""

from __future__ import annotations

import inspect
from contextlib import asynccontextmanager
from typing import Any, ClassVar, Optional

from psycopg.types.range import Range


async def call(value: Any) -> Any:
    """The value, awaited when the async flavour returned an awaitable."""
    return await value if inspect.isawaitable(value) else value


@asynccontextmanager
async def model_for(db, table: str, **fields: Any):
    """A model class over ``table`` with an ``id`` key, ``c`` (the core's FieldProxy) and ``fields``;
    configured with the db's backend class and config, disconnected afterwards."""
    from rhosocial.activerecord.base.field_proxy import FieldProxy
    from rhosocial.activerecord.model import ActiveRecord, AsyncActiveRecord

    namespace: dict[str, Any] = {
        "__table_name__": table,
        "__annotations__": {"id": Optional[int], "c": ClassVar[FieldProxy], **fields},
        "id": None,
        "c": FieldProxy(),
    }
    if any(f is Range for f in fields.values()):  # psycopg's Range is no pydantic type
        namespace["model_config"] = {"arbitrary_types_allowed": True}
    base = AsyncActiveRecord if db.is_async else ActiveRecord
    model = type(f"M_{table}_{'async' if db.is_async else 'sync'}", (base,), namespace)
    await call(model.configure(db.backend.config, type(db.backend)))
    try:
        yield model
    finally:
        await call(model.backend().disconnect())
