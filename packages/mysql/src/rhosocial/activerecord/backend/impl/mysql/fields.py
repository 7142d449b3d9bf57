"""Model fields whose value is converted on save by the field's own adapter.

The core applies a field's ``UseAdapter`` to values it reads; values it writes go by their Python
type (a list is JSON text, bytes pass as they are). :class:`ConvertOnSave` is a model mixin that
saves each field declared with an adapter offering ``write_value()`` (``WKBAdapter``,
``VectorAdapter``) as that adapter writes it::

    class Place(ConvertOnSave, ActiveRecord):
        at: Annotated[bytes, UseAdapter(WKBAdapter(), bytes)]
"""

from __future__ import annotations

from typing import Any


class _Converted(dict):
    """Save data already converted (the core calls ``prepare_save_data`` once per class in the MRO)."""


class ConvertOnSave:
    def prepare_save_data(self, data: dict[str, Any], is_new: bool) -> dict[str, Any]:
        if isinstance(data, _Converted):
            return data
        out = _Converted(data)
        for name, value in data.items():
            found = type(self)._get_adapter_for_field(name)  # type: ignore[attr-defined]
            write = getattr(found[0], "write_value", None) if found else None
            if write is not None and value is not None:
                out[name] = write(value)
        return out


__all__ = ["ConvertOnSave"]
