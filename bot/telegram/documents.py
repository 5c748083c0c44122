"""A document sent in a private chat: the coach checks it may be imported, the file is downloaded to a temp dir,
imported off the event loop while one message shows the progress, and the summary is sent."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
import time
from pathlib import Path

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.telegram.replies import deliver
from coach.dialogue import Coach
from coach.dialogue import imports
from coach.events import Reply
from coach.i18n import t

log = logging.getLogger(__name__)
EDIT_EVERY_S = 2.0  # Telegram allows about one edit a second per chat; progress needs less


class _Progress:
    """Edits the one progress message from the import's thread, at most every EDIT_EVERY_S and only when it moved."""

    def __init__(self, bot, chat_id: int, message_id: int, lang: str, loop: asyncio.AbstractEventLoop) -> None:
        self.bot, self.chat_id, self.message_id, self.lang, self.loop = bot, chat_id, message_id, lang, loop
        self.shown, self.at = 0, 0.0
        self.pending: list = []  # edits scheduled from the import's thread (awaited before the last one)
        self.lock, self.sent = asyncio.Lock(), 0.0  # one edit at a time, never back to a lower percentage

    async def finish(self, *, failed: bool) -> None:
        """The last edit, after any still in flight (so it is the one that stays)."""
        await asyncio.gather(*(asyncio.wrap_future(f) for f in self.pending), return_exceptions=True)
        await self.edit(1.0, failed=failed)

    async def step(self, fraction: float) -> None:
        async with self.lock:
            if fraction > self.sent:
                self.sent = fraction
                await self.edit(fraction)

    async def edit(self, fraction: float, *, failed: bool = False) -> None:
        with contextlib.suppress(TelegramError):  # "not modified" or a hiccup: the next edit or the summary follows
            await self.bot.edit_message_text(imports.progress_text(self.lang, fraction, failed=failed),
                                             chat_id=self.chat_id, message_id=self.message_id)

    def __call__(self, fraction: float) -> None:
        pct, now = int(fraction * 100), time.monotonic()
        if pct >= 100 or pct <= self.shown or now - self.at < EDIT_EVERY_S:
            return
        self.shown, self.at = pct, now
        self.pending.append(asyncio.run_coroutine_threadsafe(self.step(fraction), self.loop))


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file in a private chat: import its readings (see coach.dialogue.imports)."""
    msg, user = update.effective_message, update.effective_user
    if msg is None or user is None or msg.document is None:
        return
    coach: Coach = context.application.bot_data["coach"]
    key, doc = f"tg:{user.id}", msg.document
    local_api = bool(coach.c.settings.telegram_api_base_url)
    verdict = await asyncio.to_thread(imports.check, coach, key, doc.file_size, user.language_code,
                                      local_api=local_api)
    if verdict.refusal is not None:
        await deliver(context.bot, msg.chat_id, verdict.refusal)
        return
    status = await context.bot.send_message(msg.chat_id, imports.progress_text(verdict.lang, 0.0))
    progress = _Progress(context.bot, msg.chat_id, status.message_id, verdict.lang, asyncio.get_running_loop())
    with tempfile.TemporaryDirectory(prefix="fitcoach-import-") as tmp:
        path = Path(tmp) / "upload"
        try:
            tg_file = await context.bot.get_file(doc.file_id)
            await tg_file.download_to_drive(path)
        except TelegramError as exc:
            log.warning("import download failed: %s", type(exc).__name__)
            await deliver(context.bot, msg.chat_id, Reply(t(verdict.lang, "I couldn't download that file from "
                                                                         "Telegram; please send it again.")))
            return
        ok, reply = await asyncio.to_thread(imports.import_document, coach, key, path, verdict.lang, progress)
    await progress.finish(failed=not ok)
    await deliver(context.bot, msg.chat_id, reply)
