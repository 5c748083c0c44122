"""`fitcoach dispatch [--once]`: scheduled sends without the polling bot (cron, a separate worker, tests)."""
from __future__ import annotations

import asyncio
import sys
from argparse import Namespace

from bot.scheduler import dispatch_once, start_scheduler
from bot.settings import Settings
from bot.telegram.application import make_bot
from bot.telegram.sender import RateLimitedSender
from bot.wiring import make_app


async def _dispatch(settings: Settings, once: bool) -> int:
    _container, coach = make_app(settings, charts=False)
    bot = make_bot(settings)
    await bot.initialize()
    sender = RateLimitedSender(bot, per_second=settings.fitcoach_send_rate)
    try:
        if once:
            counts = await dispatch_once(coach, sender, concurrency=settings.fitcoach_send_workers)
            print(f"dispatch: {dict(counts)}")
            return 0
        start_scheduler(coach, sender)
        await asyncio.Event().wait()
        return 0
    finally:
        await bot.shutdown()


def run(args: Namespace, settings: Settings) -> int:
    """One dispatch pass (--once) or the every-minute scheduler; exit 2 without TELEGRAM_BOT_TOKEN."""
    if not settings.telegram_bot_token:
        print("fitcoach: invalid setting TELEGRAM_BOT_TOKEN: required for `fitcoach dispatch`", file=sys.stderr)
        return 2
    return asyncio.run(_dispatch(settings, args.once))
