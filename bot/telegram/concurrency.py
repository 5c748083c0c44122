"""Updates of different people are processed concurrently; one person's updates one at a time, in arrival order.

PTB's default handles one update at a time per process, so one person's slow turn (a 4,000-character message)
delayed everyone else's reply by seconds. A person's own turns must still run in order: their conversation state,
profile versions and readings are read and written by each turn.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Waiting updates cost a coroutine each; the work itself is bounded by the thread pool the handlers run the coach
# in, so this only caps how many updates may wait (PTB takes a slot before a person's lock is awaited)
MAX_PENDING_UPDATES = 256


def person_of(update: object) -> object | None:
    """Whose conversation an update belongs to: the sender (private or group), else the chat; None if neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    return None


class PerPersonUpdates(BaseUpdateProcessor):
    """Concurrent across people, sequential (FIFO: asyncio.Lock wakes waiters in order) within one person."""

    def __init__(self, max_concurrent_updates: int = MAX_PENDING_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[object, asyncio.Lock] = {}
        self._pending: dict[object, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = person_of(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._pending[key] = self._pending.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._pending[key] -= 1
            if not self._pending[key]:  # nobody else waits for this person: forget the lock
                del self._pending[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to allocate."""

    async def shutdown(self) -> None:
        """Nothing to free."""
