"""Outgoing messages within Telegram's limits: ~30/s overall, 1/s per private chat, 20/min per group.

429 waits `retry_after`; 5xx and timeouts retry with backoff; 403 (blocked) is reported, never retried.
"""
from __future__ import annotations

import asyncio
import collections
import functools
import html
import logging
import time
from dataclasses import dataclass
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from coach.messages import Button, Reply

log = logging.getLogger(__name__)


def markup(reply: Reply) -> InlineKeyboardMarkup | None:
    """Inline keyboard for a reply's buttons."""
    if not reply.buttons:
        return None
    return _keyboard(tuple(tuple(row) for row in reply.buttons))


@functools.lru_cache(maxsize=512)
def _keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    """The same buttons come back turn after turn (log, week paging); PTB objects are frozen, so one can be reused."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows])


def as_html(text: str) -> str:
    """Everything we send is escaped: user text can never inject markup."""
    return html.escape(text, quote=False)


def chunks(text: str, size: int = 4000) -> list[str]:
    """Split long text on line breaks to stay under Telegram's 4096 characters."""
    if len(text) <= size:
        return [text]
    out, cur = [], ""
    for line in text.split("\n"):
        while len(line) > size:
            out.append(line[:size])
            line = line[size:]
        if len(cur) + len(line) + 1 > size:
            out.append(cur)
            cur = line
        else:
            cur = f"{cur}\n{line}" if cur else line
    if cur:
        out.append(cur)
    return out


async def deliver(bot: Bot, chat_id: int, reply: Reply, *, edit_message_id: int | None = None) -> None:
    """Send one Reply (text, photo or document) through the Bot API; raises telegram errors."""
    if reply.photo is not None:
        await bot.send_photo(chat_id, InputFile(reply.photo, filename=reply.photo_name),
                             caption=as_html(reply.text[:1000]) or None, parse_mode="HTML",
                             reply_markup=markup(reply))
        return
    if reply.document is not None:
        await bot.send_document(chat_id, InputFile(reply.document, filename=reply.document_name),
                                caption=as_html(reply.text[:1000]) or None, parse_mode="HTML")
        return
    if edit_message_id is not None and reply.edit:
        try:
            await bot.edit_message_text(as_html(reply.text[:4000]), chat_id=chat_id, message_id=edit_message_id,
                                        parse_mode="HTML", reply_markup=markup(reply))
            return
        except BadRequest as exc:  # "message is not modified", or too old to edit: send anew
            if "not modified" in str(exc).lower():
                return
    parts = chunks(reply.text or "…")
    for i, part in enumerate(parts):
        await bot.send_message(chat_id, as_html(part), parse_mode="HTML",
                               reply_markup=markup(reply) if i == len(parts) - 1 else None)


@dataclass
class SendResult:
    status: str  # sent | blocked | failed
    attempts: int
    error: str = ""


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
            times = self._group_times[chat_id]
            while times and now - times[0] > 60:
                times.popleft()
            ready = times[0] + 60 if len(times) >= self.group_per_minute else now
            times.append(max(now, ready))
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
        """Deliver one message, retrying as the API asks; never raises for API errors."""
        attempt = 0
        while True:
            attempt += 1
            await self._wait_turn(chat_id)
            try:
                await deliver(self.bot, chat_id, reply)
                self.stats["sent"] += 1
                return SendResult("sent", attempt)
            except RetryAfter as exc:
                self.stats["429"] += 1
                wait = exc.retry_after.total_seconds() if hasattr(exc.retry_after, "total_seconds") else float(exc.retry_after)
                async with self._lock:  # everyone waits: the limit is per bot
                    self._next_slot = max(self._next_slot, time.monotonic() + wait)
            except Forbidden as exc:
                self.stats["blocked"] += 1
                return SendResult("blocked", attempt, str(exc))
            except (TimedOut, NetworkError) as exc:  # includes 5xx answers
                self.stats["retry"] += 1
                if attempt >= self.max_attempts:
                    self.stats["failed"] += 1
                    return SendResult("failed", attempt, str(exc))
                await asyncio.sleep(min(30.0, self.base_backoff * 2 ** (attempt - 1)))
            except BadRequest as exc:
                self.stats["failed"] += 1
                return SendResult("failed", attempt, str(exc))
            if attempt >= self.max_attempts:
                self.stats["failed"] += 1
                return SendResult("failed", attempt, "too many retries")


class PrintSender:
    """The terminal's sender: prints scheduled messages with numbered options."""

    def __init__(self, printer: Any) -> None:
        self.printer = printer

    async def send(self, chat_id: int, reply: Reply) -> SendResult:
        self.printer(reply)
        return SendResult("sent", 1)
