"""Build the PTB Application (handlers, rate limiter, command menu, scheduler) and run it by polling or webhook.

Either way every update goes through the database inbox (bot.telegram.inbox): the webhook server
(bot.telegram.webhook) or the getUpdates loop stores it, and the inbox's workers hand it to
Application.process_update, one turn at a time per person and different people in parallel, across processes.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable

from sqlalchemy.engine import Engine
from telegram import Bot, BotCommand, Update
from telegram.ext import (
    Application, ApplicationBuilder, CallbackQueryHandler, MessageHandler, filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot import ops
from bot.scheduler import Leadership, start_scheduler as start_dispatch
from bot.settings import Settings
from bot.telegram.concurrency import PerPersonUpdates
from bot.telegram.documents import on_document
from bot.telegram.handlers import on_callback, on_error, on_group_command, on_member_left, on_message
from bot.telegram.inbox import Inbox, poll_into
from bot.telegram.replies import deliver
from bot.telegram.request import AiohttpRequest
from bot.telegram.sender import RateLimitedSender, shared_rate_limiter
from bot.telegram.webhook import make_web_app, ops_routes, start_server, webhook_path, webhook_secret
from coach.dialogue import Coach, command_menu_entries
from coach.i18n import t
from coach.events import Reply
from coach.services import group_delivery
from coach.services.accounts import chat_id_of

log = logging.getLogger(__name__)
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def command_menu(lang: str = "en") -> list[BotCommand]:
    """The command menu (setMyCommands) in one language."""
    return [BotCommand(c, d) for c, d in command_menu_entries(lang)]


def _notifier(coach: Coach, bot: Bot, loop: asyncio.AbstractEventLoop) -> Callable[[int, str], None]:
    """The coach's notifier: a message to a user by id, sent from whichever thread the coach runs in."""

    def notify(user_id: int, text: str) -> None:
        with coach.c.session() as s:
            chat_id = chat_id_of(s, user_id)
        if chat_id is not None:
            asyncio.run_coroutine_threadsafe(deliver(bot, chat_id, Reply(text)), loop)

    return notify


def _admin_check(bot: Bot, loop: asyncio.AbstractEventLoop) -> Callable[[int, str], bool | None]:
    """Whether a user is an admin of a group chat, asked from a worker thread (None when it cannot be known)."""

    def check(chat_id: int, user_key: str) -> bool | None:
        if not user_key.startswith("tg:") or _on_loop(loop):
            return None
        try:
            member = asyncio.run_coroutine_threadsafe(bot.get_chat_member(chat_id, int(user_key[3:])), loop).result(5)
        except Exception:  # noqa: BLE001 - no answer: keep what is stored
            return None
        return member.status in ("administrator", "creator")

    return check


def _on_loop(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


def _api_urls(settings: Settings) -> dict[str, str]:
    """base_url and base_file_url for TELEGRAM_API_BASE_URL (a local Bot API server or the tests' fake); else none."""
    if not settings.telegram_api_base_url:
        return {}
    base = settings.telegram_api_base_url.rstrip("/")
    return {"base_url": f"{base}/bot", "base_file_url": f"{base}/file/bot"}


def build_application(settings: Settings, coach: Coach, *, start_scheduler: bool = True,
                      sender_rate: float = 29.0, rate_limiter: bool = True,
                      request: Callable[[int], BaseRequest] = AiohttpRequest) -> Application:
    """The PTB Application with every handler, the rate limiter and (optionally) the scheduler; `request` makes
    its network layer from a pool size (aiohttp's, bot.telegram.request says why; HTTPXRequest works too)."""
    builder: ApplicationBuilder = Application.builder().token(settings.telegram_bot_token or "")
    builder.concurrent_updates(PerPersonUpdates())  # one person's slow turn never holds up another's reply
    if rate_limiter:  # Telegram's limits (~30 messages/s overall, 1/s a private chat, 20/min a group), shared by
        builder.rate_limiter(shared_rate_limiter(settings))  # every process through REDIS_URL, replies and sends
    # PTB's default pool sizes and timeouts
    builder.request(request(256)).get_updates_request(request(1))
    urls = _api_urls(settings)
    if urls:
        builder.base_url(urls["base_url"]).base_file_url(urls["base_file_url"])

    async def post_init(app: Application) -> None:
        await app.bot.set_my_commands(command_menu("en"))
        with contextlib.suppress(Exception):
            await app.bot.set_my_commands(command_menu("zh"), language_code="zh")
        coach.notifier = _notifier(coach, app.bot, asyncio.get_running_loop())
        coach.c.chat_admin = _admin_check(app.bot, asyncio.get_running_loop())  # coaches = the group's admins
        if start_scheduler:
            sender = RateLimitedSender(app.bot, per_second=sender_rate)  # one sender: one set of rate limits
            app.bot_data["leadership"] = leadership = Leadership(coach.c.engine)  # one scheduler among processes
            app.bot_data["scheduler"] = start_dispatch(coach, sender, leadership=leadership)
            app.bot_data["group_pump"] = asyncio.create_task(group_delivery.run_forever(coach.c, sender, coach.clock))

    async def post_shutdown(app: Application) -> None:
        sched = app.bot_data.get("scheduler")
        if sched is not None:
            await sched.stop()  # sends under way finish; the lock is given up: another process takes over at once
        pump = app.bot_data.pop("group_pump", None)
        if pump is not None:
            pump.cancel()

    app = builder.post_init(post_init).post_shutdown(post_shutdown).build()
    app.bot_data["coach"] = coach
    app.add_handler(MessageHandler(filters.ChatType.GROUPS & filters.StatusUpdate.LEFT_CHAT_MEMBER, on_member_left))
    app.add_handler(MessageHandler(filters.ChatType.GROUPS & filters.TEXT, on_group_command))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & (filters.TEXT | filters.COMMAND), on_message))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.Document.ALL, on_document))  # imports
    app.add_handler(CallbackQueryHandler(on_callback))
    app.add_error_handler(on_error)
    return app


def run_application(app: Application, settings: Settings, engine: Engine, *, fast_loop: bool = True) -> None:
    """Long polling, or a webhook server when WEBHOOK_URL is set, both through the inbox; returns when stopped.
    The event loop is uvloop's when it is installed (less of the loop's own CPU per update than asyncio's)."""
    with asyncio.Runner(loop_factory=event_loop_factory() if fast_loop else None) as runner:
        runner.run(serve(app, settings, Inbox(engine)))


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop.new_event_loop if uvloop is installed (not on Windows), else None: asyncio's own loop."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


async def serve(app: Application, settings: Settings, inbox: Inbox, *, stop: asyncio.Event | None = None) -> None:
    """Run the bot until SIGTERM/SIGINT (or `stop`): receive into the inbox, run the inbox's workers; on the way out
    stop receiving, let the turns in flight finish, then stop PTB."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not on the main thread (tests)
            loop.add_signal_handler(sig, stop.set)
    container = app.bot_data["coach"].c
    warmth = ops.Warmth(container)  # the model and index load now, not at the first question; /readyz waits
    warmth.start()
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    receiver = await _start_receiving(app, settings, inbox, stop, ops.readiness_of(container, warmth))
    workers = asyncio.create_task(inbox.run(app))
    try:
        await stop.wait()
    finally:
        await receiver()
        await inbox.stop()
        workers.cancel()
        await asyncio.gather(workers, return_exceptions=True)
        await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def _start_receiving(app: Application, settings: Settings, inbox: Inbox, stop: asyncio.Event,
                           readiness: ops.Readiness) -> Callable[[], Awaitable[None]]:
    """Start the webhook server (WEBHOOK_URL) or the getUpdates loop; returns the coroutine function that stops it."""
    if not settings.webhook_url:
        await app.bot.delete_webhook()
        poller = asyncio.create_task(poll_into(app.bot, inbox, stop))

        async def stop_polling() -> None:
            poller.cancel()
            await asyncio.gather(poller, return_exceptions=True)

        return stop_polling
    token = settings.telegram_bot_token or ""
    path, secret = webhook_path(token), webhook_secret(token, settings.webhook_secret)
    web_app = make_web_app(inbox, path=path, secret=secret, extra_routes=ops_routes(readiness))
    runner = await start_server(web_app, settings.webhook_listen, settings.webhook_port)
    await app.bot.set_webhook(settings.webhook_url.rstrip("/") + "/" + path, secret_token=secret,
                              allowed_updates=Update.ALL_TYPES)
    log.info("webhook: listening on %s:%s", settings.webhook_listen, settings.webhook_port)
    return runner.cleanup


def make_bot(settings: Settings) -> Bot:
    """A Bot for sending only (`fitcoach dispatch`), honouring TELEGRAM_API_BASE_URL."""
    request = HTTPXRequest(connection_pool_size=16, read_timeout=10, write_timeout=10, connect_timeout=5)
    return Bot(settings.telegram_bot_token or "", request=request, **_api_urls(settings))
