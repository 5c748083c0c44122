"""One send rate for every process: ≤ 29 messages/s overall (Telegram allows ~30), 60/min per private chat (1/s on
average, bursts allowed) and 20/min per group chat, and a 429's `retry_after` honoured by every sender.

Built on `limits` (maintained, asyncio API, the same strategies over a shared Redis or in process memory) with its
moving-window strategy: the window is a list of hit times kept in Redis and checked and appended by one Lua script,
so any number of processes together never get more than N hits in any window — exactly how Telegram (and the fake
Bot API in the tests) counts. `pyrate-limiter` would do too; `limits` was picked because the same limiter class runs
on `async+memory://` for the embedded default (no REDIS_URL) and on `async+redis://` unchanged, and its Redis
moving window is one atomic script per hit. The window uses each process's wall clock (`time.time()`): the
processes of one deployment must share an NTP-synced clock (they do on one host or one cluster).

Sends are spread evenly: besides the window, each tick of 1/rate seconds (a key per tick, one hit each) carries one
send at most, so the processes' sends interleave instead of leaving in bursts of a whole window.
Per chat, the limiter first waits until the chat's window has room, then takes a global slot, then the chat's slot;
if another process took the chat's last slot in between, the global slot is given up (a little throughput, never a
burst). A 429 sets a key `<prefix>:blocked-until` that every acquire waits out before taking a slot.
"""
from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.storage import storage_from_string
from limits.aio.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)
MIN_NAP_S = 0.002  # the shortest wait between two tries (a window that frees "now" may still be full in Redis)
FALLBACK_LOG_EVERY_S = 60.0
# ticks run 1.5 % slower than the window allows: a send may reach Telegram up to ~50 ms later than another
# process's next one (busy event loops on a loaded host), and Telegram counts arrivals; 29 x 0.985 = 28.6/s
TICK_SHARE = 0.985


@dataclass(frozen=True)
class Rates:
    """Telegram's limits (limits' notation). A private chat gets 1/s averaged over a minute: Telegram allows short
    bursts in one chat, and a person answering quickly gets 1-3 messages per answer (a strict 1/s held the replies
    of a fast onboarding back by 12 s in the end-to-end tests); a runaway loop into one chat is still stopped."""

    overall: str = "29 per 1 second"  # one under 30: a little slack for network jitter between processes
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
        self._storage: Storage = storage_from_string(_limits_uri(redis_url) if redis_url else "async+memory://")
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._local = MovingWindowRateLimiter(storage_from_string("async+memory://"))  # when Redis is unreachable
        self._overall, self._private, self._group = (parse(r) for r in (rates.overall, rates.private, rates.group))
        # one send per tick of 1/rate seconds: sends are spread through the second, not sent in bursts of the
        # whole window (a burst's requests reach Telegram in a different order than they were stamped, and one
        # of the next window's may then land in this one)
        self._ticks_per_s = self._overall.amount / self._overall.get_expiry() * TICK_SHARE
        self._tick = parse("1 per 1 second")  # keyed by the tick's number: at most one hit in each
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
        returns the seconds waited."""
        start = time.monotonic()
        item = self._chat_item(chat_id) if per_chat else None
        key = str(chat_id)
        while True:
            await self._wait_block()
            try:
                done = await self._try(self._limiter, item, key)
            except Exception as exc:  # noqa: BLE001 - Redis gone: sending at one process's rate beats not sending
                self._note_fallback(exc)
                done = await self._try(self._local, item, key)
            if done:
                return time.monotonic() - start

    async def _try(self, limiter: MovingWindowRateLimiter, item: RateLimitItem | None, key: str) -> bool:
        """One attempt at a chat slot and a global slot; naps until a window frees when either is full."""
        if item is not None and not await limiter.test(item, self.prefix, key):
            await self._nap(limiter, item, key)
            return False
        async with self._global:
            tick = int(time.time() * self._ticks_per_s)
            if not await limiter.hit(self._tick, self.prefix, "tick", str(tick)):  # someone sent in this tick
                # plus a little jitter: processes waking for the same tick would otherwise win in the same order
                await asyncio.sleep(max(MIN_NAP_S, (tick + 1) / self._ticks_per_s - time.time())
                                    + random.uniform(0, 0.003))
                return False
            if not await limiter.hit(self._overall, self.prefix, "all"):
                await self._nap(limiter, self._overall, "all")
                return False
        # another process may have taken the chat's last slot since the test: that global slot is then lost
        return item is None or await limiter.hit(item, self.prefix, key)

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
