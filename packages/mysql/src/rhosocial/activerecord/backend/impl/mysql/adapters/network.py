"""``ipaddress`` addresses <-> MariaDB's INET4 / INET6 columns (10.10+), or text columns elsewhere.

The driver sends and returns these columns as text; addresses go out as their canonical text and
come back parsed.
"""

from __future__ import annotations

import ipaddress
from typing import Any, Optional

from rhosocial.activerecord.backend.type_adapter import BaseSQLTypeAdapter

ADDRESSES = (ipaddress.IPv4Address, ipaddress.IPv6Address)


class IPAddressAdapter(BaseSQLTypeAdapter):
    def __init__(self) -> None:
        super().__init__()
        for address_type in ADDRESSES:
            self._register_type(address_type, str)

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, str):
            value = ipaddress.ip_address(value)  # refuse text that is no address before it is sent
        if not isinstance(value, ADDRESSES):
            raise TypeError(f"Cannot convert {type(value).__name__} to an IP address")
        return str(value)

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, ADDRESSES):
            return value
        if isinstance(value, (bytes, bytearray)):
            value = bytes(value).decode("ascii")
        if isinstance(value, str):
            address = ipaddress.ip_address(value)
            if target_type in ADDRESSES and not isinstance(address, target_type):
                # INET6 returns IPv4 addresses as ::ffff:a.b.c.d; an IPv4 field gets the IPv4 address back
                mapped = getattr(address, "ipv4_mapped", None)
                if mapped is not None and target_type is ipaddress.IPv4Address:
                    return mapped
            return address
        raise TypeError(f"Cannot convert {type(value).__name__} value to an IP address")


__all__ = ["IPAddressAdapter"]
