"""`fitcoach run`: the Telegram bot (long polling, or a webhook server when WEBHOOK_URL is set)."""
from __future__ import annotations

import sys
from argparse import Namespace

from bot.cli.botapi import check_bot_api
from bot.settings import Settings
from bot.telegram.application import build_application, run_application
from bot.wiring import make_app


def run(args: Namespace, settings: Settings) -> int:
    """Serve Telegram until stopped; exit 2 without TELEGRAM_BOT_TOKEN.

    The scheduler runs unless `--no-scheduler` or FITCOACH_SCHEDULER=false (and then only in the process elected
    by the scheduler lock, see bot.scheduler.Leadership).
    """
    if not settings.telegram_bot_token:
        print("fitcoach: invalid setting TELEGRAM_BOT_TOKEN: required for `fitcoach run` "
              "(use `fitcoach chat` to talk to the coach without Telegram)", file=sys.stderr)
        return 2
    check_bot_api(settings)  # a rejected token or an unreachable Bot API: one line, before anything is built
    container, coach = make_app(settings)
    scheduler = settings.fitcoach_scheduler and not getattr(args, "no_scheduler", False)
    app = build_application(settings, coach, start_scheduler=scheduler, sender_rate=settings.fitcoach_send_rate)
    run_application(app, settings, container.engine)
    return 0
