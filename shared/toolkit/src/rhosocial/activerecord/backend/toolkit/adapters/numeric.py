"""Exact decimals: a Decimal never passes through float on its way in or out."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Optional

from ._base import Adapter, cannot


class ExactDecimalAdapter(Adapter):
    """Decimal <-> the driver's Decimal (or str for drivers that want text).

    Floats coming back from a driver are converted through ``repr`` so 0.1 stays 0.1 rather
    than 0.1000000000000000055511151231257827. Option ``precision`` (e.g. ``"0.01"``)
    quantizes results; ``rounding`` picks the rounding mode (default ROUND_HALF_UP).
    """

    pairs = ((Decimal, Decimal), (Decimal, str))

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if not isinstance(value, (Decimal, int)) or isinstance(value, bool):
            raise cannot(value, target_type)
        value = Decimal(value)
        if not value.is_finite() and target_type is not str:
            raise ValueError(f"{value} cannot be stored in an exact numeric column")
        return str(value) if target_type is str else value

    def passes_through(self, values: Any, target_type: type) -> bool:
        """Whether ``to_database`` would hand back every one of ``values`` unchanged (checked at C speed).

        True for finite Decimals bound as Decimal: a bulk call then keeps the column as it is.
        """
        return target_type is Decimal and set(map(type, values)) == {Decimal} and all(map(Decimal.is_finite, values))

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, (int, str)) and not isinstance(value, bool):
            try:
                result = Decimal(value)
            except InvalidOperation as e:
                raise TypeError(f"Cannot convert {value!r} to Decimal") from e
        elif isinstance(value, float):
            result = Decimal(repr(value))
        else:
            raise cannot(value, target_type)
        if options and "precision" in options:
            result = result.quantize(Decimal(options["precision"]), rounding=options.get("rounding", ROUND_HALF_UP))
        return result
