"""PostgreSQL server features as backend APIs: LISTEN/NOTIFY (``notify.py``) and advisory locks (``advisory.py``)."""

from .advisory import AdvisoryLockMixin, AsyncAdvisoryLockMixin, advisory_key
from .notify import AsyncNotifyMixin, AsyncPostgresListener, Notification, NotifyMixin, PostgresListener

__all__ = [
    "AdvisoryLockMixin",
    "AsyncAdvisoryLockMixin",
    "AsyncNotifyMixin",
    "AsyncPostgresListener",
    "Notification",
    "NotifyMixin",
    "PostgresListener",
    "advisory_key",
]
