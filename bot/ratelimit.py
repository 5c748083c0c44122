"""One send rate for every process: ≤ 30 messages/s overall (Telegram's limit), 60/min per private chat (1/s on
average, bursts allowed) and 20/min per group chat, and a 429's `retry_after` honoured by every sender.

The overall limit is counted by when requests can *arrive* (`bot.arrivals`): a request counts from when it takes
its slot until a second after its answer, and a new one goes only while fewer than 30 count, so no delay between
taking a slot and reaching Telegram (a busy event loop on a loaded host) can put 31 arrivals into one second. That
is one Lua script over a Redis sorted set, shared by every process (in process memory without REDIS_URL).

The per-chat windows are `limits`' moving windows (maintained, asyncio API, the same strategies over a shared
Redis or in process memory; `pyrate-limiter` would do too, `limits` was picked because the same class runs on
`async+memory://` for the embedded default and on `async+redis://` unchanged). Windows use each process's wall clock
(`time.time()`): the processes of one deployment must share an NTP-synced clock (they do on one host or cluster).

Sends are spread evenly: each tick of 1/rate seconds (a key per tick, taken in the same script) carries one send at
most, so the processes' sends interleave instead of leaving in bursts of a whole window.
Per chat, the limiter first waits until the chat's window has room, then takes an overall slot, then the chat's
slot; if another process took the chat's last slot in between, the overall slot is given back. A 429 sets a key
`<prefix>:blocked-until` that every acquire waits out before taking a slot.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.storage import storage_from_string
from limits.aio.strategies import MovingWindowRateLimiter

from bot.arrivals import LocalArrivals, RedisArrivals, new_ticket

log = logging.getLogger(__name__)
MIN_NAP_S = 0.002  # the shortest wait between two tries (a window that frees "now" may still be full in Redis)
FALLBACK_LOG_EVERY_S = 60.0
# the ticks only spread sends through the second; the limit itself is held by bot.arrivals. They run a little faster
# than the limit, so a tick no sender was ready for (a busy event loop) costs no throughput
TICK_SHARE = 1.05


@dataclass(frozen=True)
class Rates:
    """Telegram's limits (limits' notation). A private chat gets 1/s averaged over a minute: Telegram allows short
    bursts in one chat, and a person answering quickly gets 1-3 messages per answer (a strict 1/s held the replies
    of a fast onboarding back by 12 s in the end-to-end tests); a runaway loop into one chat is still stopped."""

    overall: str = "30 per 1 second"  # counted by arrival bounds (bot.arrivals): no slack needed for jitter
    private: str = "60 per 1 minute"
    group: str = "20 per 1 minute"


class SendLimiter:
    """Acquire a slot before each Bot API send; shared through Redis when `redis_url` is given, else in process."""

    def __init__(self, redis_url: str | None = None, *, prefix: str = "fitcoach:send", rates: Rates | None = None,
                 per_second: float | None = None) -> None:
        rates = rates or Rates()
        if per_second is not None:  # FITCOACH_SEND_RATE: limits counts whole hits, so at least 1 a second
            rates = Rates(f"{max(1, int(per_second))} per 1 second", rates.private, rates.group)
        self.rates = rates
        self.prefix = prefix
        self.shared = bool(redis_url)
        # in process: the only limiter without REDIS_URL, and the fallback while Redis is unreachable
        self._local = MovingWindowRateLimiter(storage_from_string("async+memory://"))
        self._storage: Storage | None = storage_from_string(_limits_uri(redis_url)) if redis_url else None
        self._limiter = MovingWindowRateLimiter(self._storage) if self._storage is not None else self._local
        self._overall, self._private, self._group = (parse(r) for r in (rates.overall, rates.private, rates.group))
        # one send per tick of 1/rate seconds: sends are spread through the second, not sent in bursts of the
        # whole window (a burst's requests reach Telegram in a different order than they were stamped, and one
        # of the next window's may then land in this one)
        self._ticks_per_s = self._overall.amount / self._overall.get_expiry() * TICK_SHARE
        self._tick_ttl_ms = max(2, int(2000 / self._ticks_per_s))  # a tick's key outlives the tick
        cap = int(self._overall.amount)
        self._arrivals, self._local_arrivals = RedisArrivals(prefix, cap), LocalArrivals(cap)
        self._blocked_until = 0.0  # the in-process copy of the 429 block (the only one without Redis)
        # one sender of this process at a time asks for the tick and the global slot: the others would only lose
        # the same race (every failed try is a Redis round trip and CPU), and they still get the next ticks in turn
        self._global = asyncio.Lock()
        self._fallback_logged = 0.0

    def _chat_item(self, chat_id: int | str | None) -> RateLimitItem | None:
        if chat_id is None:
            return None
        try:
            return self._private if int(chat_id) > 0 else self._group
        except (TypeError, ValueError):  # "@channelname": a channel, counted like a group
            return self._group

    async def acquire(self, chat_id: int | str | None = None, *, per_chat: bool = True) -> float:
        """Wait for a slot for one message into `chat_id` (global slot only without one, or with per_chat=False);
        returns the seconds waited. The request counts as answered at once: `slot()` counts it until its answer."""
        waited, ticket, local = await self._acquire(chat_id, per_chat)
        await self._land(ticket, local)
        return waited

    @contextlib.asynccontextmanager
    async def slot(self, chat_id: int | str | None = None, *, per_chat: bool = True) -> AsyncIterator[float]:
        """`acquire`, then send inside the block: the request counts against the overall limit until a second
        after its answer (`bot.arrivals`), so no delay between taking the slot and reaching Telegram breaks it."""
        waited, ticket, local = await self._acquire(chat_id, per_chat)
        try:
            yield waited
        finally:
            await self._land(ticket, local)

    async def _acquire(self, chat_id: int | str | None, per_chat: bool) -> tuple[float, str, bool]:
        start = time.monotonic()
        item = self._chat_item(chat_id) if per_chat else None
        key, ticket = str(chat_id), new_ticket()
        while True:
            await self._wait_block()
            try:
                done, local = await self._try(self._limiter, item, key, ticket), self._limiter is self._local
            except Exception as exc:  # noqa: BLE001 - Redis gone: sending at one process's rate beats not sending
                self._note_fallback(exc)
                done, local = await self._try(self._local, item, key, ticket), True
            if done:
                return time.monotonic() - start, ticket, local

    async def _land(self, ticket: str, local: bool) -> None:
        """The request was answered (or failed): it counts one more second from now."""
        if local:
            self._local_arrivals.land(ticket)
            return
        try:
            await self._arrivals.land(self._redis(), ticket)
        except Exception as exc:  # noqa: BLE001 - it then counts until its in-flight deadline: slower, not faster
            self._note_fallback(exc)

    async def _try(self, limiter: MovingWindowRateLimiter, item: RateLimitItem | None, key: str, ticket: str) -> bool:
        """One attempt at a chat slot and an overall slot; naps until a window frees when either is full."""
        if item is not None and not await limiter.test(item, self.prefix, key):
            await self._nap(limiter, item, key)
            return False
        async with self._global:
            tick = int(time.time() * self._ticks_per_s)
            if limiter is self._local:
                wait = self._local_arrivals.take(tick, ticket)
            else:
                wait = await self._arrivals.take(self._redis(), f"{self.prefix}:tick:{tick}", self._tick_ttl_ms,
                                                 ticket)
            if wait != 0:  # -1: someone sent in this tick; else the seconds until the oldest counted request ends
                # plus a little jitter: processes waking for the same tick would otherwise win in the same order
                next_tick = (tick + 1) / self._ticks_per_s - time.time()
                await asyncio.sleep(max(MIN_NAP_S, next_tick if wait < 0 else min(wait, 0.05))
                                    + random.uniform(0, 0.003))
                return False
        # another process may have taken the chat's last slot since the test: that overall slot is then lost
        if item is None or await limiter.hit(item, self.prefix, key):
            return True
        await self._land(ticket, limiter is self._local)
        return False

    async def block_for(self, seconds: float) -> None:
        """A 429 said to wait `seconds`: every sender (every process, with Redis) waits them out."""
        until = time.time() + max(0.0, seconds)
        self._blocked_until = max(self._blocked_until, until)
        if self.shared:
            try:
                conn = self._redis()
                current = float(await conn.get(self._block_key()) or 0)
                if until > current:
                    await conn.set(self._block_key(), repr(until), px=max(1, int(seconds * 1000)) + 1000)
            except Exception as exc:  # noqa: BLE001 - Redis gone: this process still waits
                self._note_fallback(exc)

    async def blocked_for(self) -> float:
        """Seconds left of the current 429 block (0 when none)."""
        until = self._blocked_until
        if self.shared:
            try:
                until = max(until, float(await self._redis().get(self._block_key()) or 0))
            except Exception as exc:  # noqa: BLE001 - Redis gone: the local copy holds
                self._note_fallback(exc)
        return max(0.0, until - time.time())

    async def clear(self) -> None:
        """Forget this prefix's block (tests, and an operator after a false alarm)."""
        self._blocked_until = 0.0
        if self.shared:
            await self._redis().delete([self._block_key()])

    async def close(self) -> None:
        """Nothing to release: the Redis client's connections close with the process."""

    async def _wait_block(self) -> None:
        while (left := await self.blocked_for()) > 0:
            await asyncio.sleep(min(left, 5.0))

    async def _nap(self, limiter: MovingWindowRateLimiter, item: RateLimitItem, key: str) -> None:
        """Sleep until the window frees a slot (plus a little jitter, so waiting processes do not all wake at once)."""
        stats = await limiter.get_window_stats(item, self.prefix, key)
        delay = stats.reset_time - time.time() if stats.remaining <= 0 else 0.0
        await asyncio.sleep(max(MIN_NAP_S, min(delay, 60.0)) + random.uniform(0, 0.003))

    def _note_fallback(self, exc: BaseException) -> None:
        now = time.monotonic()
        if now - self._fallback_logged > FALLBACK_LOG_EVERY_S:
            self._fallback_logged = now
            log.warning("send limiter: Redis unreachable (%s); this process limits itself alone", type(exc).__name__)

    def _redis(self):  # noqa: ANN202 - the client class depends on limits' Redis implementation
        return self._storage.bridge.get_connection()  # type: ignore[attr-defined]

    def _block_key(self) -> str:
        return f"{self.prefix}:blocked-until"


def _limits_uri(redis_url: str) -> str:
    """limits' async URI for a redis:// (or rediss://) URL."""
    return redis_url if redis_url.startswith("async+") else "async+" + redis_url
