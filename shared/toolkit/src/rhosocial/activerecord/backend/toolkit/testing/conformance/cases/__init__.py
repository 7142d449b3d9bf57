"""The case catalogue, by area; every module here is imported by ``registry.discover()``.

Generic cases (``query``, ``dml``, ``ddl``, ``transaction``, ...) build statements from the core's
objects only; backend-specific ones live in ``postgres``, ``mysql`` and ``oracle`` and may import their
backend package inside the case function.
"""
