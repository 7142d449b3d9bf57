"""MySQL and MariaDB-specific conformance cases (`@case(..., backends={"mysql"})`).

Import the backend package inside a case function.
"""

from __future__ import annotations
