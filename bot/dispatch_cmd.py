"""`fitcoach dispatch [--once]`: scheduled sends without the polling bot (cron, a separate worker, tests)."""
from __future__ import annotations

import asyncio
import logging
import os

from telegram import Bot
from telegram.request import HTTPXRequest

from coach.config import Settings


def make_bot(settings: Settings) -> Bot:
    """A Bot for sending, honouring TELEGRAM_API_BASE_URL."""
    kwargs = {}
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        kwargs = {"base_url": f"{base}/bot", "base_file_url": f"{base}/file/bot"}
    request = HTTPXRequest(connection_pool_size=16, read_timeout=10, write_timeout=10, connect_timeout=5)
    return Bot(settings.telegram_bot_token or "", request=request, **kwargs)


async def _run(settings: Settings, once: bool) -> int:
    from bot.app import make_app
    from bot.scheduler import dispatch_once, start_scheduler
    from bot.sender import RateLimitedSender

    _container, coach = make_app(settings)
    bot = make_bot(settings)
    await bot.initialize()
    sender = RateLimitedSender(bot, per_second=float(os.environ.get("FITCOACH_SEND_RATE", "29")))
    try:
        if once:
            counts = await dispatch_once(coach, sender, concurrency=int(os.environ.get("FITCOACH_SEND_WORKERS", "4")))
            print(f"dispatch: {dict(counts)}")
            return 0
        start_scheduler(coach, sender)
        await asyncio.Event().wait()
        return 0
    finally:
        await bot.shutdown()


def run_dispatch(settings: Settings, *, once: bool) -> int:
    logging.basicConfig(level=settings.log_level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return asyncio.run(_run(settings, once))
