"""PostgreSQL server features as backend APIs: LISTEN/NOTIFY (``notify.py``), advisory locks (``advisory.py``)
and COPY (``copy.py``)."""

from .advisory import AdvisoryLockMixin, AsyncAdvisoryLockMixin, advisory_key
from .copy import AsyncCopyMixin, CopyMixin
from .notify import AsyncNotifyMixin, AsyncPostgresListener, Notification, NotifyMixin, PostgresListener

__all__ = [
    "AdvisoryLockMixin",
    "AsyncAdvisoryLockMixin",
    "AsyncCopyMixin",
    "AsyncNotifyMixin",
    "AsyncPostgresListener",
    "CopyMixin",
    "Notification",
    "NotifyMixin",
    "PostgresListener",
    "advisory_key",
]
