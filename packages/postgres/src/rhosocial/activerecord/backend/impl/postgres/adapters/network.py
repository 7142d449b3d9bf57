"""inet/cidr <-> the ``ipaddress`` types (psycopg already returns them; text is accepted on the way in)."""

from __future__ import annotations

import ipaddress
from typing import Any, Optional

from rhosocial.activerecord.backend.type_adapter import BaseSQLTypeAdapter

Address = (ipaddress.IPv4Address, ipaddress.IPv6Address, ipaddress.IPv4Interface, ipaddress.IPv6Interface)
Network = (ipaddress.IPv4Network, ipaddress.IPv6Network)


class InetAdapter(BaseSQLTypeAdapter):
    """IPv4/IPv6 addresses, interfaces and networks pass to psycopg unchanged; text is parsed."""

    def __init__(self) -> None:
        super().__init__()
        for py_type in (*Address, *Network):
            self._register_type(py_type, py_type)

    def _do_to_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, (*Address, *Network)):
            return value
        if isinstance(value, str):
            return ipaddress.ip_interface(value) if "/" in value else ipaddress.ip_address(value)
        raise TypeError(f"Cannot convert {type(value).__name__} to an IP address")

    def _do_from_database(self, value: Any, target_type: type, options: Optional[dict]) -> Any:
        if isinstance(value, (*Address, *Network)):
            return value
        if isinstance(value, str):
            if target_type in Network:
                return ipaddress.ip_network(value, strict=False)
            return ipaddress.ip_interface(value) if "/" in value else ipaddress.ip_address(value)
        raise TypeError(
            f"Cannot convert {type(value).__name__} value to {getattr(target_type, '__name__', target_type)}"
        )
