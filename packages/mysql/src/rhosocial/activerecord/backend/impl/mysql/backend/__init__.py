"""Backends: ``common`` (shared, no I/O), ``sync`` and ``async_`` (only the I/O differs).

Kept free of imports so ``transaction`` can use ``common`` without a cycle; import the
backends from the package root (``rhosocial.activerecord.backend.impl.mysql``).
"""
