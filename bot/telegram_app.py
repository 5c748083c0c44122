"""The Telegram mouth: python-telegram-bot handlers that turn updates into coach events and replies into messages."""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ChatAction, ChatType
from telegram.ext import (
    AIORateLimiter, Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler,
    filters,
)

from bot.sender import RateLimitedSender, deliver
from coach.config import Settings
from coach.dialogue import COMMAND_HELP, Coach
from coach.i18n import t
from coach.messages import Incoming, Reply
from storage import repo
from storage.db import WriteRefused

log = logging.getLogger(__name__)
TYPING_AFTER_S = 0.3


def _coach(context: ContextTypes.DEFAULT_TYPE) -> Coach:
    return context.application.bot_data["coach"]


async def _send_typing(bot: Any, chat_id: int) -> None:
    with contextlib.suppress(Exception):
        await bot.send_chat_action(chat_id, ChatAction.TYPING)


async def _run_turn(context: ContextTypes.DEFAULT_TYPE, inc: Incoming) -> list[Reply]:
    """Run the coach off the event loop; show 'typing…' when a turn is slow.

    A quick turn (a few reads and some text, Coach.is_quick) is answered right here in a read-only session: a
    hop to a worker thread and back costs more than the turn. If it needs to write after all, it is refused
    before anything is written (so it never waits for a database lock on the loop) and runs again in a thread.
    The indicator waits on a timer rather than a sleeping task, so a fast turn costs the loop one timer handle.
    """
    coach = _coach(context)
    if coach.is_quick(inc):
        try:
            return coach.handle(inc, read_only=True)
        except WriteRefused:
            pass
    typing: list[asyncio.Task] = []
    timer = None
    if inc.chat_id is not None:
        loop = asyncio.get_running_loop()
        bot, chat_id = context.bot, inc.chat_id
        timer = loop.call_later(TYPING_AFTER_S, lambda: typing.append(loop.create_task(_send_typing(bot, chat_id))))
    try:
        return await asyncio.to_thread(coach.handle, inc)
    finally:
        if timer is not None:
            timer.cancel()
        for task in typing:
            task.cancel()


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    msg, user = update.effective_message, update.effective_user
    if msg is None or user is None or msg.text is None:
        return
    inc = Incoming(user_key=f"tg:{user.id}", channel="telegram", chat_id=msg.chat_id, text=msg.text[:4000],
                   language_hint=user.language_code)
    for reply in await _run_turn(context, inc):
        await deliver(context.bot, msg.chat_id, reply)


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    with contextlib.suppress(Exception):
        await query.answer()
    chat_id = query.message.chat.id if query.message else user.id
    if query.message is not None and query.message.chat.type != ChatType.PRIVATE:
        return
    inc = Incoming(user_key=f"tg:{user.id}", channel="telegram", chat_id=chat_id, callback=(query.data or "")[:64],
                   language_hint=user.language_code)
    message_id = query.message.message_id if query.message else None
    for reply in await _run_turn(context, inc):
        await deliver(context.bot, chat_id, reply, edit_message_id=message_id)


async def on_group_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups only group commands are answered, and never with personal data."""
    msg, user = update.effective_message, update.effective_user
    if msg is None or user is None or not msg.text:
        return
    from coach.groups import group_command

    cmd, _, arg = msg.text[1:].partition(" ")
    replies = await asyncio.to_thread(group_command, _coach(context), f"tg:{user.id}", msg.chat_id,
                                      msg.chat.title or "", cmd.split("@", 1)[0].lower(), arg.strip())
    for reply in replies:
        await deliver(context.bot, msg.chat_id, reply)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure without message text or names; tell the person politely."""
    err = context.error
    log.error("handler error: %s: %s", type(err).__name__, str(err)[:200])
    if isinstance(update, Update) and update.effective_chat is not None:
        lang = "zh" if (update.effective_user and (update.effective_user.language_code or "").startswith("zh")) else "en"
        with contextlib.suppress(Exception):
            await context.bot.send_message(update.effective_chat.id,
                                           t(lang, "Sorry, something went wrong on my side. Please try again in a "
                                                   "moment."))


def command_menu(lang: str = "en") -> list[BotCommand]:
    return [BotCommand(c, t(lang, h)) for c, h in COMMAND_HELP.items()]


GROUP_COMMANDS = ("groupsetup", "broadcast", "groupworkout", "members", "help", "start")


def build_application(settings: Settings, coach: Coach, *, start_scheduler: bool = True,
                      sender_rate: float = 29.0, rate_limiter: bool = True) -> Application:
    """The PTB Application with every handler, the rate limiter and (optionally) the scheduler."""
    builder: ApplicationBuilder = Application.builder().token(settings.telegram_bot_token or "")
    if rate_limiter:  # Telegram's limits: ~30 messages/s overall, 20/min per group
        builder.rate_limiter(AIORateLimiter(max_retries=2))
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")

    async def post_init(app: Application) -> None:
        await app.bot.set_my_commands(command_menu("en"))
        with contextlib.suppress(Exception):
            await app.bot.set_my_commands(command_menu("zh"), language_code="zh")
        loop = asyncio.get_running_loop()

        def notify(user_id: int, text: str) -> None:
            with coach.c.session() as s:
                u = repo.get_user(s, user_id)
                chat_id = u.chat_id if u else None
            if chat_id is not None:
                asyncio.run_coroutine_threadsafe(deliver(app.bot, chat_id, Reply(text)), loop)

        coach.notifier = notify
        if start_scheduler:
            from bot.scheduler import start_scheduler as start

            app.bot_data["scheduler"] = start(coach, RateLimitedSender(app.bot, per_second=sender_rate))

    async def post_shutdown(app: Application) -> None:
        sched = app.bot_data.get("scheduler")
        if sched is not None:
            sched.shutdown(wait=False)

    app = builder.post_init(post_init).post_shutdown(post_shutdown).build()
    app.bot_data["coach"] = coach
    groups = filters.ChatType.GROUPS
    app.add_handler(CommandHandler(list(GROUP_COMMANDS), on_group_command, filters=groups))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & (filters.TEXT | filters.COMMAND), on_message))
    app.add_handler(CallbackQueryHandler(on_callback))
    app.add_error_handler(on_error)
    return app


def run_bot(settings: Settings) -> int:
    """`fitcoach run`: long polling, or a webhook server when WEBHOOK_URL is set."""
    from bot.app import make_app

    logging.basicConfig(level=settings.log_level)
    for noisy in ("httpx", "telegram", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _container, coach = make_app(settings)
    app = build_application(settings, coach)
    if settings.webhook_url:
        secret = settings.webhook_secret or hashlib.sha256((settings.telegram_bot_token or "").encode()).hexdigest()[:32]
        path = hashlib.sha256(("path" + (settings.telegram_bot_token or "")).encode()).hexdigest()[:24]
        app.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port, url_path=path,
                        webhook_url=settings.webhook_url.rstrip("/") + "/" + path, secret_token=secret,
                        allowed_updates=Update.ALL_TYPES)
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
