"""Outgoing messages within Telegram's limits, one path for every process: replies, scheduled and group sends.

Every Bot API call of a bot built with `make_limited_bot` (and of the PTB Application given `shared_rate_limiter`)
takes a slot from one `bot.ratelimit.SendLimiter` first: shared through Redis (REDIS_URL) by every bot and dispatch
process, in process memory otherwise. A 429's `retry_after` blocks every sender (the limiter's Redis key).

429 waits `retry_after`; 5xx and connection failures retry with backoff, then on later dispatcher passes; 403
(blocked) and 400 are reported, never retried; a request that went out without an answer is "maybe delivered" and
never sent again (a duplicate is worse than asking the person to type /today).
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseRateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot import ops
from bot.ratelimit import Rates, SendLimiter
from bot.scheduler import SendResult
from bot.settings import Settings
from bot.telegram.replies import deliver
from bot.telegram.request import AnswerLost
from coach.events import Reply

log = logging.getLogger(__name__)
# Bot API timeouts (seconds): a stalled Telegram or network never holds a sender or a turn for long
CONNECT_TIMEOUT_S, READ_TIMEOUT_S, WRITE_TIMEOUT_S, POOL_TIMEOUT_S = 5.0, 10.0, 10.0, 5.0


def send_limiter(settings: Settings) -> SendLimiter:
    """The process's limiter: shared through REDIS_URL when set, else in process; FITCOACH_SEND_RATE a second."""
    return SendLimiter(settings.redis_url, per_second=settings.fitcoach_send_rate)


def _retry_seconds(exc: RetryAfter) -> float:
    wait = exc.retry_after
    return wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)


def _limited(endpoint: str) -> str | None:
    """How a Bot API method is limited: "message" (global and per chat), "action" (global only) or None."""
    name = endpoint.lower()
    if name == "sendchataction":
        return "action"
    if name.startswith(("send", "edit", "copy", "forward")):
        return "message"
    return None


class SharedRateLimiter(BaseRateLimiter[None]):
    """PTB's rate-limiter hook over a SendLimiter: every send of this bot waits for its slot; a 429 blocks every
    sender for its retry_after, then the call is tried again (up to `max_retries` times)."""

    def __init__(self, limiter: SendLimiter, *, max_retries: int = 2) -> None:
        self.limiter = limiter
        self.max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to open: the limiter connects on first use."""

    async def shutdown(self) -> None:
        """Nothing to close (the limiter may be shared by several bots)."""

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any,
                              kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: None) -> Any:
        kind = _limited(endpoint)
        attempt = 0
        while True:
            took: list[float | None] = [None]  # the seconds waited for the slot, also when the call fails
            try:
                result = await self._call(kind, data, callback, args, kwargs, took)
            except RetryAfter as exc:
                ops.count_send("429", took[0])
                await self.limiter.block_for(_retry_seconds(exc))
                attempt += 1
                if attempt > self.max_retries:
                    raise
                continue
            except Forbidden:
                ops.count_send("blocked", took[0])
                raise
            except BadRequest:
                ops.count_send("failed", took[0])
                raise
            except TelegramError:
                ops.count_send("error", took[0])
                raise
            if kind == "message":
                ops.count_send("sent", took[0])
            return result

    async def _call(self, kind: str | None, data: dict[str, Any], callback: Callable[..., Coroutine[Any, Any, Any]],
                    args: Any, kwargs: dict[str, Any], took: list[float | None]) -> Any:
        """The call inside its slot (counted until its answer); unlimited methods go straight through."""
        if kind is None:
            return await callback(*args, **kwargs)
        async with self.limiter.slot(data.get("chat_id"), per_chat=kind == "message") as took[0]:
            return await callback(*args, **kwargs)


def shared_rate_limiter(settings: Settings, limiter: SendLimiter | None = None) -> SharedRateLimiter:
    """The rate limiter for a PTB Application (`builder.rate_limiter(...)`), replacing AIORateLimiter."""
    return SharedRateLimiter(limiter or send_limiter(settings))


def bot_request() -> HTTPXRequest:
    """An HTTPX request with the Bot API timeouts (PTB's defaults wait 5 s for the pool and have no overall cap)."""
    return HTTPXRequest(connection_pool_size=16, connect_timeout=CONNECT_TIMEOUT_S, read_timeout=READ_TIMEOUT_S,
                        write_timeout=WRITE_TIMEOUT_S, pool_timeout=POOL_TIMEOUT_S)


def make_limited_bot(settings: Settings, limiter: SendLimiter | None = None) -> ExtBot:
    """A Bot for sending (`fitcoach dispatch`) whose every call goes through the shared limiter; honours
    TELEGRAM_API_BASE_URL."""
    urls: dict[str, str] = {}
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        urls = {"base_url": f"{base}/bot", "base_file_url": f"{base}/file/bot"}
    return ExtBot(settings.telegram_bot_token or "", request=bot_request(),
                  rate_limiter=shared_rate_limiter(settings, limiter), **urls)


class RateLimitedSender:
    """Sends one Reply by the Bot API's rules. A bot with the SharedRateLimiter limits its own calls; any other bot
    (tests) gets this sender's own in-process limiter with the given rates."""

    def __init__(self, bot: Bot, *, per_second: float = 29.0, private_interval: float = 1.0,
                 group_per_minute: int = 20, max_attempts: int = 6, base_backoff: float = 0.5,
                 limiter: SendLimiter | None = None) -> None:
        self.bot = bot
        self.max_attempts = max_attempts
        self.base_backoff = base_backoff
        self.limiter: SendLimiter | None = None
        if not isinstance(getattr(bot, "rate_limiter", None), SharedRateLimiter):
            rates = Rates(f"{max(1, round(per_second))} per 1 second",
                          f"{max(1, round(60 / private_interval))} per 1 minute", f"{group_per_minute} per 1 minute")
            self.limiter = limiter or SendLimiter(rates=rates)
        self.stats = collections.Counter()

    async def send(self, chat_id: int, reply: Reply) -> SendResult:
        """Deliver one message by the Bot API's rules; never raises for API errors.

        sent | blocked (403) | failed (400: retrying cannot help) | maybe (the request went out and no answer came:
        it may have been delivered, so it is never sent again) | retry (5xx, network down, too many 429: the
        dispatcher tries again on a later pass the same day).
        """
        attempt = 0
        while True:
            attempt += 1
            try:
                async with self.limiter.slot(chat_id) if self.limiter is not None else contextlib.nullcontext():
                    await deliver(self.bot, chat_id, reply)
                self.stats["sent"] += 1
                return SendResult("sent", attempt)
            except RetryAfter as exc:  # not processed: safe to send again after the wait
                self.stats["429"] += 1
                if self.limiter is not None:  # everyone waits: the limit is per bot (else the bot's limiter did)
                    await self.limiter.block_for(_retry_seconds(exc))
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
                              httpx.RemoteProtocolError, AnswerLost))  # AnswerLost: bot.telegram.request's
