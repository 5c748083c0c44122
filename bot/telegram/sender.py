"""Outgoing messages within Telegram's limits: ~30/s overall, 1/s per private chat, 20/min per group.

429 waits `retry_after`; 5xx and connection failures retry with backoff, then on later dispatcher passes; 403
(blocked) and 400 are reported, never retried; a request that went out without an answer is "maybe delivered" and
never sent again (a duplicate is worse than asking the person to type /today).
"""
from __future__ import annotations

import asyncio
import collections
import logging
import time

import httpx
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot.scheduler import SendResult
from bot.telegram.replies import deliver
from coach.events import Reply

log = logging.getLogger(__name__)


def take_group_slot(times: collections.deque, now: float, per_minute: int) -> float:
    """Book the next send into a group chat: at most `per_minute` in any 60 s. `times` holds booked slots in order."""
    while times and now - times[0] > 60:
        times.popleft()
    # the slot after the per_minute-th most recent booking (some bookings may lie in the future)
    ready = times[-per_minute] + 60 if len(times) >= per_minute else now
    times.append(max(now, ready))
    return max(now, ready)


class RateLimitedSender:
    """Spaces sends evenly under the global limit and per-chat limits; retries by the Bot API's rules."""

    def __init__(self, bot: Bot, *, per_second: float = 29.0, private_interval: float = 1.0,
                 group_per_minute: int = 20, max_attempts: int = 6, base_backoff: float = 0.5) -> None:
        self.bot = bot
        self.interval = 1.0 / per_second
        self.private_interval = private_interval
        self.group_per_minute = group_per_minute
        self.max_attempts = max_attempts
        self.base_backoff = base_backoff
        self._next_slot = 0.0
        self._lock = asyncio.Lock()
        self._last_private: dict[int, float] = {}
        self._group_times: dict[int, collections.deque] = collections.defaultdict(collections.deque)
        self.stats = collections.Counter()

    async def _wait_turn(self, chat_id: int) -> None:
        """Wait for this chat's own limit, then for a global slot measured on the real clock.

        Slots are taken at the moment of sending (not booked ahead), so a stalled event loop can never release a
        burst of late sends; small oversleeps are absorbed so the pace stays at per_second.
        """
        now = time.monotonic()
        if chat_id < 0:  # groups and channels: 20 a minute
            ready = take_group_slot(self._group_times[chat_id], now, self.group_per_minute)
        else:
            ready = self._last_private.get(chat_id, -1e9) + self.private_interval
            self._last_private[chat_id] = max(now, ready)
        if ready > now:
            await asyncio.sleep(ready - now)
        async with self._lock:
            delay = self._next_slot - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            # keep the nominal pace through small oversleeps, but restart from "now" after a real stall
            self._next_slot = max(self._next_slot, time.monotonic() - self.interval / 2) + self.interval

    async def send(self, chat_id: int, reply: Reply) -> SendResult:
        """Deliver one message by the Bot API's rules; never raises for API errors.

        sent | blocked (403) | failed (400: retrying cannot help) | maybe (the request went out and no answer came:
        it may have been delivered, so it is never sent again) | retry (5xx, network down, too many 429: the
        dispatcher tries again on a later pass the same day).
        """
        attempt = 0
        while True:
            attempt += 1
            await self._wait_turn(chat_id)
            try:
                await deliver(self.bot, chat_id, reply)
                self.stats["sent"] += 1
                return SendResult("sent", attempt)
            except RetryAfter as exc:  # not processed: safe to send again after the wait
                self.stats["429"] += 1
                wait = exc.retry_after.total_seconds() if hasattr(exc.retry_after, "total_seconds") else float(exc.retry_after)
                async with self._lock:  # everyone waits: the limit is per bot
                    self._next_slot = max(self._next_slot, time.monotonic() + wait)
            except Forbidden:
                self.stats["blocked"] += 1
                return SendResult("blocked", attempt, "forbidden")
            except BadRequest:  # before NetworkError, its base class: a 400 never succeeds on a retry
                self.stats["failed"] += 1
                return SendResult("failed", attempt, "bad request")
            except (TimedOut, NetworkError) as exc:
                if maybe_sent(exc):
                    self.stats["maybe"] += 1
                    return SendResult("maybe", attempt, type(exc.__cause__).__name__)
                self.stats["retry"] += 1  # refused before processing (5xx) or never sent (connect errors)
                if attempt >= self.max_attempts:
                    return SendResult("retry", attempt, type(exc).__name__)
                await asyncio.sleep(min(30.0, self.base_backoff * 2 ** (attempt - 1)))
            except TelegramError as exc:  # 401/404 (token), 409, a migrated chat: nothing a retry fixes
                self.stats["failed"] += 1
                return SendResult("failed", attempt, type(exc).__name__)
            if attempt >= self.max_attempts:
                return SendResult("retry", attempt, "too many 429")


def maybe_sent(exc: BaseException) -> bool:
    """Whether a failed request may still have been delivered: it went out, then the answer never came.

    Connection and pool timeouts mean nothing was sent; an HTTP error status means Telegram answered (and refused).
    """
    cause = exc.__cause__
    if cause is None:
        return False
    return isinstance(cause, (httpx.ReadTimeout, httpx.WriteTimeout, httpx.ReadError, httpx.WriteError,
                              httpx.RemoteProtocolError))
