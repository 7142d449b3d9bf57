"""SET columns: a Python ``set`` of member names <-> MySQL's comma-separated text."""

from __future__ import annotations

from typing import Any, Optional

from rhosocial.activerecord.backend.toolkit.adapters._base import Adapter, cannot


class SetAdapter(Adapter):
    pairs = ((set, str), (frozenset, str))

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if not isinstance(value, (set, frozenset)):
            raise cannot(value, target_type)
        members = sorted(str(getattr(m, "value", m)) for m in value)
        bad = [m for m in members if "," in m]
        if bad:
            raise ValueError(f"SET members cannot contain commas: {bad}")
        return ",".join(members)

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, (set, frozenset)):
            # mysql-connector already returns SET columns as a Python set.
            members = set(value)
        elif isinstance(value, (bytes, bytearray)):
            members = {m for m in bytes(value).decode("utf-8").split(",") if m}
        elif isinstance(value, str):
            members = {m for m in value.split(",") if m}
        else:
            raise cannot(value, target_type)
        return frozenset(members) if target_type is frozenset else members
