"""``money`` read as an exact ``Decimal``.

The server sends money as locale-formatted text (``$1,234.56``, ``-$0.50``; the format follows
``lc_monetary``), which no Decimal field can take. The loader accepts the '.'-decimal formats (C, POSIX,
English locales and every locale whose amounts have no fractional digits) and refuses text it cannot
read unambiguously, rather than misreading ``1.234,56``. For other locales, select ``price::numeric``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from psycopg.adapt import Loader

# optional sign / parenthesis, currency text, digits grouped by ',' in threes, optional .fraction, currency text
_AMOUNT = re.compile(r"^(?P<neg>[-(])?[^\d\-(),.]*-?(?P<int>\d{1,3}(?:,\d{3})*|\d+)(?:\.(?P<frac>\d+))?[^\d,.]*\)?$")


def parse_money(text: str) -> Decimal:
    cleaned = text.strip()
    match = _AMOUNT.match(cleaned)
    if match is None:
        raise ValueError(
            f"money value {text!r} is not in a '.'-decimal format; select it as ::numeric or set lc_monetary to C"
        )
    number = match.group("int").replace(",", "") + ("." + match.group("frac") if match.group("frac") else "")
    negative = "-" in cleaned or cleaned.startswith("(")
    return -Decimal(number) if negative else Decimal(number)


class MoneyLoader(Loader):
    def load(self, data: Any) -> Decimal:
        return parse_money(bytes(data).decode())


def register_money(connection: Any) -> None:
    """Per connection (never psycopg's global map): other code in the process keeps psycopg's default."""
    connection.adapters.register_loader("money", MoneyLoader)
