"""LISTEN/NOTIFY: ``backend.notify(channel, payload)`` and ``backend.listener(*channels)``.

A listener owns its own connection (a LISTEN on the backend's session would tie notifications to
whatever statement runs there, and a pooled session would carry the LISTEN to other users). While
connected no notification is lost: the server queues them on the session and psycopg keeps those that
arrive between two reads. When the connection drops, the listener reconnects and listens again (with
``reconnect=True``, the default); what was sent while it was away is not delivered (PostgreSQL keeps no
backlog for a session that is gone), and ``reconnects`` counts how often that happened.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, Optional

import psycopg

from .. import errors as pg_errors

_MAX_CHANNEL = 63  # NAMEDATALEN - 1 bytes


@dataclass(frozen=True)
class Notification:
    channel: str
    payload: str
    pid: int  # the server process of the session that sent it


def _channel_sql(channel: str) -> str:
    if not channel or len(channel.encode()) > _MAX_CHANNEL:
        raise ValueError(f"a channel name has 1 to {_MAX_CHANNEL} bytes, not {channel!r}")
    return '"' + channel.replace('"', '""') + '"'


def notify_sql(channel: str, payload: Optional[str]) -> tuple[str, tuple]:
    _channel_sql(channel)
    return "SELECT pg_notify(%s, %s)", (channel, payload or "")


class _ListenerState:
    """What the sync and async listeners share: channels, the reconnect policy, the deadline arithmetic."""

    def __init__(self, connect_kwargs: dict[str, Any], channels: tuple[str, ...], reconnect: bool) -> None:
        for channel in channels:
            _channel_sql(channel)
        self._kwargs = connect_kwargs
        self.channels: list[str] = list(dict.fromkeys(channels))
        self.reconnect = reconnect
        self.reconnects = 0
        self._connection: Any = None

    @property
    def backend_pid(self) -> Optional[int]:
        return None if self._connection is None else self._connection.info.backend_pid

    @staticmethod
    def _wait_arguments(deadline: Optional[float], stop_after: Optional[int], delivered: int) -> dict[str, Any]:
        """``notifies()`` arguments for the time and the count left."""
        return {
            "timeout": None if deadline is None else max(0.0, deadline - time.monotonic()),
            "stop_after": None if stop_after is None else stop_after - delivered,
        }

    @staticmethod
    def _wrap(notify: Any) -> Notification:
        return Notification(notify.channel, notify.payload, notify.pid)

    def _raise_unless_lost(self, error: BaseException) -> None:
        """Return when the listener should reconnect after ``error``; else raise it, translated."""
        if not (self.reconnect and isinstance(error, psycopg.OperationalError)):
            translated = pg_errors.translate(
                error, statement_timeout_active=False, cancel_requested=False, connecting=False
            )
            raise translated from error


class PostgresListener(_ListenerState):
    """``with backend.listener("jobs") as listener: for n in listener: ...`` (sync)."""

    def open(self) -> PostgresListener:
        connection = psycopg.connect(**self._kwargs, autocommit=True)
        for channel in self.channels:
            connection.execute(f"LISTEN {_channel_sql(channel)}")
        self._connection = connection
        return self

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def __enter__(self) -> PostgresListener:
        return self if self._connection is not None else self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def listen(self, channel: str) -> None:
        sql = f"LISTEN {_channel_sql(channel)}"
        if channel not in self.channels:
            self.channels.append(channel)
        if self._connection is not None:
            self._connection.execute(sql)

    def unlisten(self, channel: str) -> None:
        sql = f"UNLISTEN {_channel_sql(channel)}"
        if channel in self.channels:
            self.channels.remove(channel)
        if self._connection is not None:
            self._connection.execute(sql)

    def notifications(
        self, timeout: Optional[float] = None, stop_after: Optional[int] = None
    ) -> Iterator[Notification]:
        """Notifications as they arrive, until ``timeout`` seconds passed or ``stop_after`` were yielded."""
        deadline = None if timeout is None else time.monotonic() + timeout
        delivered = 0
        if self._connection is None:
            self.open()
        while stop_after is None or delivered < stop_after:
            try:
                for notify in self._connection.notifies(**self._wait_arguments(deadline, stop_after, delivered)):
                    delivered += 1
                    yield self._wrap(notify)
                return
            except psycopg.Error as error:
                self._raise_unless_lost(error)
                self.close()
                self.reconnects += 1
                self.open()

    def __iter__(self) -> Iterator[Notification]:
        return self.notifications()


class AsyncPostgresListener(_ListenerState):
    """``async with backend.listener("jobs") as listener: async for n in listener: ...``."""

    async def open(self) -> AsyncPostgresListener:
        connection = await psycopg.AsyncConnection.connect(**self._kwargs, autocommit=True)
        for channel in self.channels:
            await connection.execute(f"LISTEN {_channel_sql(channel)}")
        self._connection = connection
        return self

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.close()

    async def __aenter__(self) -> AsyncPostgresListener:
        return self if self._connection is not None else await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def listen(self, channel: str) -> None:
        sql = f"LISTEN {_channel_sql(channel)}"
        if channel not in self.channels:
            self.channels.append(channel)
        if self._connection is not None:
            await self._connection.execute(sql)

    async def unlisten(self, channel: str) -> None:
        sql = f"UNLISTEN {_channel_sql(channel)}"
        if channel in self.channels:
            self.channels.remove(channel)
        if self._connection is not None:
            await self._connection.execute(sql)

    async def notifications(
        self, timeout: Optional[float] = None, stop_after: Optional[int] = None
    ) -> AsyncIterator[Notification]:
        deadline = None if timeout is None else time.monotonic() + timeout
        delivered = 0
        if self._connection is None:
            await self.open()
        while stop_after is None or delivered < stop_after:
            try:
                async for notify in self._connection.notifies(**self._wait_arguments(deadline, stop_after, delivered)):
                    delivered += 1
                    yield self._wrap(notify)
                return
            except psycopg.Error as error:
                self._raise_unless_lost(error)
                await self.close()
                self.reconnects += 1
                await self.open()

    def __aiter__(self) -> AsyncIterator[Notification]:
        return self.notifications()


class NotifyMixin:
    """``backend.notify()`` / ``backend.listener()`` on the sync backend."""

    def notify(self, channel: str, payload: Optional[str] = None) -> None:
        """Send a notification (delivered when the current transaction, if any, commits)."""
        self.fetch_one(*notify_sql(channel, payload))  # type: ignore[attr-defined]

    def listener(self, *channels: str, reconnect: bool = True) -> PostgresListener:
        return PostgresListener(self._connect_kwargs(), channels, reconnect)  # type: ignore[attr-defined]


class AsyncNotifyMixin:
    async def notify(self, channel: str, payload: Optional[str] = None) -> None:
        await self.fetch_one(*notify_sql(channel, payload))  # type: ignore[attr-defined]

    def listener(self, *channels: str, reconnect: bool = True) -> AsyncPostgresListener:
        return AsyncPostgresListener(self._connect_kwargs(), channels, reconnect)  # type: ignore[attr-defined]
