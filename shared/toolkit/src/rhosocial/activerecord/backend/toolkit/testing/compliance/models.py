"""Models the suite expects providers to bring (pool/context tests use a plain ``name, email`` model)."""

from __future__ import annotations

from typing import Optional

from rhosocial.activerecord.model import ActiveRecord, AsyncActiveRecord


class ContextUser(ActiveRecord):
    __table_name__ = "test_users"

    id: Optional[int] = None
    name: str
    email: str


class AsyncContextUser(AsyncActiveRecord):
    __table_name__ = "test_users"

    id: Optional[int] = None
    name: str
    email: str
